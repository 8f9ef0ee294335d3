//! The decision, case by case, on manifests written to scratch directories.

mod support;

use cratespace_member::{Crate, ErrorKind, Lookup, Route, locate_with};
use support::{CORE, FACADE, cargo_env, locate_from, locate_in, path_for, scratch};

const APP: &str = "[package]\nname = \"app\"\nversion = \"0.1.0\"\n\n";

#[test]
fn a_direct_dependency_is_named_by_its_extern_name() {
    let plain = format!("{APP}[dependencies]\nacme-core = \"2\"\n");
    assert_eq!(path_for(&plain), "::acme_core");
    let renamed =
        format!("{APP}[dependencies]\nkernel = {{ package = \"acme-core\", version = \"2\" }}\n");
    assert_eq!(path_for(&renamed), "::kernel");
    let target = format!(
        "{APP}[target.'cfg(unix)'.dependencies]\nk = {{ package = \"acme-core\", version = \"2\" }}\n"
    );
    assert_eq!(path_for(&target), "::k");
}

#[test]
fn a_direct_dependency_wins_over_the_facade() {
    let both = format!(
        "{APP}[dependencies]\nacme = \"2\"\n\n[target.'cfg(unix)'.dependencies]\nacme-core = \"2\"\n"
    );
    assert_eq!(path_for(&both), "::acme_core");
}

#[test]
fn the_facade_is_reached_through_its_reserved_module() {
    let plain = format!("{APP}[dependencies]\nacme = \"2\"\n");
    assert_eq!(path_for(&plain), "::acme::__cratespace::acme_core");
    let renamed = format!("{APP}[dependencies]\na = {{ package = \"acme\", version = \"2\" }}\n");
    assert_eq!(path_for(&renamed), "::a::__cratespace::acme_core");
}

#[test]
fn dev_dependencies_count_only_when_no_other_table_provides_the_crate() {
    let dev = format!("{APP}[dev-dependencies]\nacme-core = \"2\"\n");
    assert_eq!(path_for(&dev), "::acme_core");
    let both = format!(
        "{APP}[dependencies]\nnormal = {{ package = \"acme-core\", version = \"2\" }}\n\n\
         [dev-dependencies]\ntesting = {{ package = \"acme-core\", version = \"2\" }}\n"
    );
    assert_eq!(path_for(&both), "::normal");
    // Normal facade, member only for tests: the member is a dependency.
    let mixed =
        format!("{APP}[dependencies]\nacme = \"2\"\n\n[dev-dependencies]\nacme-core = \"2\"\n");
    assert_eq!(path_for(&mixed), "::acme_core");
    // A build script's dependencies are not the crate's.
    let build =
        format!("{APP}[dependencies]\nacme = \"2\"\n\n[build-dependencies]\nacme-core = \"2\"\n");
    assert_eq!(path_for(&build), "::acme::__cratespace::acme_core");
}

#[test]
fn the_member_and_the_facade_see_themselves() {
    let member = "[package]\nname = \"acme-core\"\nversion = \"2.0.0\"\n";
    assert_eq!(path_for(member), "::acme_core");
    // The library's own name, not the package's, when `[lib]` sets one.
    let dir = scratch("named", &[("Cargo.toml", member)]);
    let lookup = Lookup::new(Crate::new("acme-core", "kernel"), FACADE, "describe");
    let env = cargo_env(&dir);
    let path = locate_with(&lookup, &|name| env.get(name).cloned()).unwrap();
    assert_eq!((path.as_str(), path.route()), ("::kernel", Route::Itself));
    // The facade through its own dependency on the member, renamed or not.
    let facade = "[package]\nname = \"acme\"\nversion = \"2.0.0\"\n\n[dependencies]\ncore2 = { package = \"acme-core\", version = \"2\" }\n";
    assert_eq!(path_for(facade), "::core2");
}

#[test]
fn workspace_inheritance_is_resolved_from_the_root() {
    let root = "[workspace]\nmembers = [\"app\", \"dotted\", \"own\"]\n\n\
                [workspace.dependencies]\nkernel = { package = \"acme-core\", version = \"2\" }\n\
                fam = { package = \"acme\", version = \"2\" }\nacme = \"2\"\n";
    let dir = scratch(
        "workspace",
        &[
            ("Cargo.toml", root),
            (
                "app/Cargo.toml",
                &format!("{APP}[dependencies]\nkernel = {{ workspace = true }}\n"),
            ),
            (
                "dotted/Cargo.toml",
                &format!(
                    "{APP}[dependencies]\nacme.workspace = true\n\n[target.'cfg(unix)'.dependencies]\nfam.workspace = true\n"
                ),
            ),
        ],
    );
    assert_eq!(locate_from(&dir.join("app")).unwrap().as_str(), "::kernel");
    // Two keys on the facade: `acme` and `fam`.
    let error = locate_from(&dir.join("dotted")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Ambiguous);

    // The root package as the consumer, inheriting from itself.
    let own = format!(
        "{APP}[workspace]\n\n[workspace.dependencies]\nfam = {{ package = \"acme\", version = \"2\" }}\n\n[dependencies]\nfam.workspace = true\n"
    );
    assert_eq!(path_for(&own), "::fam::__cratespace::acme_core");
}

#[test]
fn one_package_under_two_keys_is_an_error_that_names_the_fix() {
    let dir = scratch(
        "ambiguous",
        &[(
            "Cargo.toml",
            &format!(
                "{APP}[dependencies]\nacme-core = \"2\"\n\n[target.'cfg(unix)'.dependencies]\nacme-core = \"2\"\nkernel = {{ package = \"acme-core\", version = \"2\" }}\n"
            ),
        )],
    );
    let error = locate_from(&dir).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Ambiguous);
    let text = error.diagnostic().to_string();
    assert!(
        text.starts_with("`acme-core` is a dependency under 2 keys"),
        "{text}"
    );
    assert!(text.contains("--> Cargo.toml:10:1"), "{text}");
    assert!(
        text.contains("`acme-core` and `kernel` name one package:"),
        "{text}"
    );
    assert!(
        text.contains("`#[describe(crate = \"::acme_core\")]`"),
        "{text}"
    );
}

#[test]
fn neither_member_nor_facade_is_an_error_that_names_the_manifest() {
    let dir = scratch(
        "missing",
        &[(
            "Cargo.toml",
            &format!("{APP}[dependencies]\nacme-json = \"2\"\n"),
        )],
    );
    let error = locate_from(&dir).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    let text = error.to_string();
    assert!(
        text.starts_with("no dependency on `acme-core` nor on its facade `acme` in `"),
        "{text}"
    );
    assert!(text.contains("Cargo.toml`\n"), "{text}");
    assert!(
        text.contains("`#[describe(crate = \"path::to::acme_core\")]`"),
        "{text}"
    );
}

#[test]
fn the_override_wins_and_is_checked() {
    let dir = scratch(
        "explicit",
        &[(
            "Cargo.toml",
            &format!("{APP}[dependencies]\nacme = \"2\"\n"),
        )],
    );
    let env = cargo_env(&dir);
    let mut lookup = Lookup::new(CORE, FACADE, "describe");
    lookup.explicit = Some("::kit::acme");
    let path = locate_with(&lookup, &|name| env.get(name).cloned()).unwrap();
    assert_eq!(
        (path.as_str(), path.route()),
        ("::kit::acme", Route::Explicit)
    );
    lookup.explicit = Some("kit::type");
    let error = locate_with(&lookup, &|name| env.get(name).cloned()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidOverride);
    assert!(error.to_string().contains("`type` is a keyword"), "{error}");
}

#[test]
fn without_cargo_toml_the_variable_then_the_facade() {
    let empty = scratch("bazel", &[]);
    let mut env = cargo_env(&empty);
    env.remove("CARGO_MANIFEST_PATH");
    let path = locate_in(&env).unwrap();
    assert_eq!(
        (path.as_str(), path.route()),
        ("::acme::__cratespace::acme_core", Route::FacadeByName)
    );
    env.insert("CRATESPACE_PATH_ACME_CORE".into(), "::kernel".into());
    let path = locate_in(&env).unwrap();
    assert_eq!((path.as_str(), path.route()), ("::kernel", Route::Variable));
    env.insert("CRATESPACE_PATH_ACME_CORE".into(), "::ker nel".into());
    let error = locate_in(&env).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidVariable);
    assert!(
        error
            .to_string()
            .starts_with("`CRATESPACE_PATH_ACME_CORE` is not a path to `acme-core`"),
        "{error}"
    );
    // No variable of cargo's at all, as under plain rustc.
    assert_eq!(
        locate_in(&Default::default()).unwrap().route(),
        Route::FacadeByName
    );
}

#[test]
fn the_manifest_is_found_by_the_first_variable_that_names_it() {
    let direct = scratch(
        "direct",
        &[(
            "Cargo.toml",
            &format!("{APP}[dependencies]\nacme-core = \"2\"\n"),
        )],
    );
    let facade = scratch(
        "facade",
        &[(
            "Cargo.toml",
            &format!("{APP}[dependencies]\nacme = \"2\"\n"),
        )],
    );
    let mut env = cargo_env(&facade);
    env.insert(
        "CARGO_MANIFEST_PATH".into(),
        direct.join("Cargo.toml").into_os_string(),
    );
    assert_eq!(locate_in(&env).unwrap().as_str(), "::acme_core");
    env.remove("CARGO_MANIFEST_PATH");
    assert_eq!(
        locate_in(&env).unwrap().as_str(),
        "::acme::__cratespace::acme_core"
    );
    env.insert("CRATESPACE_MANIFEST_DIR".into(), direct.into_os_string());
    assert_eq!(locate_in(&env).unwrap().as_str(), "::acme_core");
}
