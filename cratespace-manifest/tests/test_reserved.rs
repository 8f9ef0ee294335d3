//! The reserved module: each member crate once, by its package's Rust name,
//! under the gate cargo gives its dependency, and nothing of it in the
//! metadata.

use cratespace_manifest::expand::{expand, text};
use cratespace_manifest::{Loaded, Source, Sources, load_sources};

fn load_cargo(cargo_toml: &str) -> Loaded {
    load_sources(&Sources {
        cargo: Some(Source::new("Cargo.toml", cargo_toml)),
        ..Sources::default()
    })
}

/// The lines of the reserved module, without the module's own.
fn reserved(loaded: &Loaded) -> Vec<String> {
    let problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    let output = text(
        &expand(&loaded.cratespace, &[], "CARGO_MANIFEST_DIR"),
        "::rt",
    );
    let (_, module) = output
        .split_once("#[doc(hidden)] pub mod __cratespace {\n")
        .expect("the reserved module");
    let (module, _) = module.split_once("}\n").unwrap();
    module.lines().map(str::to_owned).collect()
}

const HEAD: &str = "[package]\nname = \"acme\"\nversion = \"1.0.0\"\n\n";

#[test]
fn each_crate_is_entered_once_however_many_members_it_has() {
    let loaded = load_cargo(&format!(
        "{HEAD}[dependencies]\nacme-core = \"1\"\nfutures-util = \"0.3\"\n\n\
         [package.metadata.cratespace.members]\n\"*\" = \"acme-core\"\ncore = \"acme-core\"\n\
         stream = {{ dependency = \"futures-util\", path = \"stream\" }}\n\
         sink = {{ dependency = \"futures-util\", path = \"sink\" }}\n"
    ));
    assert_eq!(
        reserved(&loaded),
        [
            "pub use ::acme_core as acme_core;",
            "pub use ::futures_util as futures_util;"
        ]
    );
}

#[test]
fn a_renamed_dependency_is_entered_by_its_package_name() {
    let loaded = load_cargo(&format!(
        "{HEAD}[dependencies]\nyaml = {{ version = \"0.3\", package = \"yaml-fast\" }}\n\n\
         [package.metadata.cratespace.members]\nformats.yaml = \"yaml\"\n"
    ));
    assert_eq!(reserved(&loaded), ["pub use ::yaml as yaml_fast;"]);
}

#[test]
fn the_gate_is_cargos_whatever_cfg_a_member_gives() {
    // `cfg` may narrow a member to less than cargo compiles; the crate is
    // there all the same, and the reserved module says when cargo has it.
    let loaded = load_cargo(&format!(
        "{HEAD}[dependencies]\nacme-derive = {{ version = \"1\", optional = true }}\n\n\
         [target.'cfg(unix)'.dependencies]\nacme-unix = \"1\"\n\n\
         [features]\nderive = [\"dep:acme-derive\"]\n\n\
         [package.metadata.cratespace.members]\n\
         derive = {{ dependency = \"acme-derive\", cfg = 'all(feature = \"derive\", debug_assertions)' }}\n\
         unix = {{ dependency = \"acme-unix\", cfg = \"target_os = \\\"linux\\\"\" }}\n"
    ));
    assert_eq!(
        reserved(&loaded),
        [
            "#[cfg(feature = \"derive\")] pub use ::acme_derive as acme_derive;",
            "#[cfg(unix)] pub use ::acme_unix as acme_unix;",
        ]
    );
    // The members keep their own gates, in the metadata too.
    let members = loaded.cratespace.root.members();
    assert_eq!(
        members[1]
            .1
            .gate
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("target_os = \"linux\"")
    );
    let output = text(
        &expand(&loaded.cratespace, &[], "CARGO_MANIFEST_DIR"),
        "::rt",
    );
    assert!(!output.contains("::core::cfg!(unix)"), "{output}");
    assert!(
        !output.contains("::core::cfg!(feature = \"derive\")"),
        "{output}"
    );
}

#[test]
fn what_cargo_does_not_say_is_left_out_rather_than_guessed() {
    // A plain target triple has no cfg, and two versions of one package
    // would give two crates one name.
    let loaded = load_cargo(&format!(
        "{HEAD}[dependencies]\nacme-core = \"1\"\nhttp02 = {{ version = \"0.2\", package = \"http\" }}\nhttp = \"1\"\n\n\
         [target.x86_64-pc-windows-msvc.dependencies]\nacme-windows = \"1\"\n\n\
         [package.metadata.cratespace.members]\n\"*\" = \"acme-core\"\n\
         windows = {{ dependency = \"acme-windows\", cfg = \"windows\" }}\n\
         http02 = \"http02\"\nhttp = \"http\"\n"
    ));
    assert_eq!(reserved(&loaded), ["pub use ::acme_core as acme_core;"]);
    assert_eq!(loaded.cratespace.root.count(), 4);
}

#[test]
fn without_cargo_toml_the_gate_is_the_members_own() {
    let loaded = load_sources(&Sources {
        manifest: Some(Source::new(
            "cratespace.toml",
            "[members]\nunix = { dependency = \"acme_sys\", cfg = \"unix\" }\n\
             windows = { dependency = \"acme_sys\", cfg = \"windows\" }\n\
             core = \"acme_core\"\nalso = { dependency = \"acme_core\", cfg = \"unix\" }\n",
        )),
        ..Sources::default()
    });
    assert_eq!(
        reserved(&loaded),
        [
            "#[cfg(any(unix, windows))] pub use ::acme_sys as acme_sys;",
            "pub use ::acme_core as acme_core;",
        ]
    );
}

#[test]
fn a_member_at_the_reserved_name_is_an_error() {
    let loaded = load_cargo(&format!(
        "{HEAD}[dependencies]\nacme-core = \"1\"\n\n\
         [package.metadata.cratespace.members]\n__cratespace = \"acme-core\"\n\
         inner.__cratespace = \"acme-core\"\n"
    ));
    assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    let problem = loaded.diagnostics[0].to_string();
    assert!(
        problem.starts_with("the module name `__cratespace` is reserved"),
        "{problem}"
    );
    assert!(problem.contains("--> Cargo.toml:9:1"), "{problem}");
    // Below the root the name is free.
    let paths: Vec<String> = loaded
        .cratespace
        .root
        .members()
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    assert_eq!(paths, ["inner::__cratespace"]);
}

/// A top crate of one member, `core`, with `member-paths = {value}`.
fn with_member_paths(value: &str) -> Loaded {
    load_cargo(&format!(
        "{HEAD}[dependencies]\nacme-core = \"1\"\n\n\
         [package.metadata.cratespace]\nmember-paths = {value}\n\n\
         [package.metadata.cratespace.members]\ncore = \"acme-core\"\n"
    ))
}

#[test]
fn member_paths_false_leaves_the_module_out() {
    let loaded = with_member_paths("false");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.cratespace.crates, None);
    let output = text(
        &expand(&loaded.cratespace, &[], "CARGO_MANIFEST_DIR"),
        "::rt",
    );
    assert!(output.contains("pub use ::acme_core as core;"), "{output}");
    assert!(!output.contains("__cratespace"), "{output}");
}

#[test]
fn member_paths_true_is_the_default_written_out() {
    let written = with_member_paths("true");
    assert_eq!(reserved(&written), ["pub use ::acme_core as acme_core;"]);
}

#[test]
fn member_paths_must_be_a_boolean() {
    let loaded = with_member_paths("\"no\"");
    let messages: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|diagnostic| diagnostic.message.clone())
        .collect();
    assert_eq!(messages, ["`member-paths` must be a boolean"]);
    // What cannot be read keeps the default: the module stays.
    assert!(loaded.cratespace.crates.is_some());
}
