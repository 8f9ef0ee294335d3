//! `load` on small crates written to temporary directories: what each
//! manifest shape becomes in the model.

use cratespace_manifest::model::{Item, Kind, Versioning};
use cratespace_manifest::{Loaded, Request, Source, Sources, load, load_sources};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

fn scratch(files: &[(&str, &str)]) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "cratespace-test-load-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn load_crate(cargo_toml: &str) -> Loaded {
    load(&Request {
        manifest_dir: scratch(&[("Cargo.toml", cargo_toml)]),
        manifest: None,
    })
}

/// `(path, target, gate)` of every member.
fn members(loaded: &Loaded) -> Vec<(String, String, Option<String>)> {
    assert!(
        loaded.diagnostics.is_empty(),
        "unexpected diagnostics:\n{}",
        loaded
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    loaded
        .cratespace
        .root
        .members()
        .into_iter()
        .map(|(path, member)| {
            (
                path,
                member.target(),
                member.gate.as_ref().map(ToString::to_string),
            )
        })
        .collect()
}

fn gate_of(cargo_toml: &str) -> Option<String> {
    members(&load_crate(cargo_toml)).remove(0).2
}

const PACKAGE: &str = "[package]\nname = \"top\"\nversion = \"1.2.3\"\nedition = \"2024\"\n";

#[test]
fn nesting_globs_and_sub_paths_keep_manifest_order() {
    let loaded = load_crate(&format!(
        r#"{PACKAGE}
[dependencies]
core-x = "1"
json = "1"
futures-util = "0.3"
extra = "1"

[package.metadata.cratespace.members]
"*" = ["core-x", "extra"]
stream = {{ dependency = "futures-util", path = "stream" }}
formats.text.json = "json"
formats."*" = "extra"

[package.metadata.cratespace.members.deep.er]
most = {{ dependency = "json", path = "de::value" }}
"#
    ));
    assert_eq!(
        members(&loaded),
        [
            ("*".into(), "core_x".into(), None),
            ("*".into(), "extra".into(), None),
            ("stream".into(), "futures_util::stream".into(), None),
            ("formats::text::json".into(), "json".into(), None),
            ("formats::*".into(), "extra".into(), None),
            ("deep::er::most".into(), "json::de::value".into(), None),
        ]
    );
    let Item::Namespace { name, .. } = &loaded.cratespace.root.items[3] else {
        panic!("formats is a namespace");
    };
    assert_eq!(name.ident, "formats");
    assert_eq!(loaded.cratespace.name, "top");
    assert_eq!(loaded.cratespace.version, "1.2.3");
}

#[test]
fn renamed_dependency_is_reached_by_key_or_unique_package() {
    let loaded = load_crate(&format!(
        r#"{PACKAGE}
[dependencies]
yaml = {{ version = "0.3", package = "yaml-fast" }}

[package.metadata.cratespace.members]
by_key = "yaml"
"#
    ));
    let found = members(&loaded);
    assert_eq!(found[0].1, "yaml");
    let by_package = load_crate(&format!(
        "{PACKAGE}\n[dependencies]\nyaml = {{ version = \"0.3\", package = \"yaml-fast\" }}\n\n[package.metadata.cratespace.members]\nformat = \"yaml-fast\"\n"
    ));
    let (_, member) = by_package.cratespace.root.members().remove(0);
    assert_eq!(
        (member.dependency.as_str(), member.package.as_str()),
        ("yaml", "yaml-fast")
    );
    assert_eq!(member.target(), "yaml");
    assert_eq!(member.requirement.as_deref(), Some("0.3"));
}

#[test]
fn optional_dependency_gates() {
    let cases = [
        // `dep:` in one feature, `x/feat` in another.
        (
            "2024",
            "x = { version = \"1\", optional = true }",
            "a = [\"dep:x\"]\nb = [\"x/serde\"]\nc = [\"a\"]",
            Some(r#"any(feature = "a", feature = "b")"#),
        ),
        // The implicit feature, before edition 2024.
        (
            "2021",
            "x = { version = \"1\", optional = true }",
            "b = [\"x/serde\"]",
            Some(r#"feature = "x""#),
        ),
        // Edition 2024 keeps the implicit feature, which `x/feat` turns on.
        (
            "2024",
            "x = { version = \"1\", optional = true }",
            "b = [\"x/serde\"]",
            Some(r#"feature = "x""#),
        ),
        // A feature named `x` takes the implicit feature's place.
        (
            "2021",
            "x = { version = \"1\", optional = true }",
            "x = [\"x/serde\"]\nb = [\"x/std\"]",
            Some(r#"any(feature = "x", feature = "b")"#),
        ),
        // A weak feature enables nothing.
        (
            "2024",
            "x = { version = \"1\", optional = true }",
            "on = [\"dep:x\"]\nweak = [\"x?/serde\"]",
            Some(r#"feature = "on""#),
        ),
        // `dep:x` anywhere removes the implicit feature, even before 2024.
        (
            "2021",
            "x = { version = \"1\", optional = true }",
            "on = [\"dep:x\"]",
            Some(r#"feature = "on""#),
        ),
        // Not optional: always.
        ("2024", "x = \"1\"", "on = []", None),
    ];
    for (edition, dependency, features, expected) in cases {
        let manifest = format!(
            "[package]\nname = \"top\"\nedition = \"{edition}\"\n\n[dependencies]\n{dependency}\n\n[features]\n{features}\n\n[package.metadata.cratespace.members]\nx = \"x\"\n"
        );
        assert_eq!(gate_of(&manifest).as_deref(), expected, "{manifest}");
    }
}

#[test]
fn target_tables_combine_with_all_and_any() {
    let manifest = format!(
        r#"{PACKAGE}
[features]
tls = ["dep:x"]

[target.'cfg(unix)'.dependencies]
x = {{ version = "1", optional = true }}
only-unix = "1"

[target.'cfg(windows)'.dependencies]
x = "1"

[package.metadata.cratespace.members]
x = "x"
u = "only-unix"
"#
    );
    let found = members(&load_crate(&manifest));
    assert_eq!(
        found[0].2.as_deref(),
        Some(r#"any(all(unix, feature = "tls"), windows)"#)
    );
    assert_eq!(found[1].2.as_deref(), Some("unix"));
    // Optional everywhere: the target's alternative is absorbed.
    let absorbed = format!(
        "{PACKAGE}\n[features]\npaint = [\"dep:x\"]\n\n[dependencies]\nx = {{ version = \"1\", optional = true }}\n\n[target.'cfg(unix)'.dependencies]\nx = {{ version = \"1\", optional = true }}\n\n[package.metadata.cratespace.members]\nx = \"x\"\n"
    );
    assert_eq!(gate_of(&absorbed).as_deref(), Some(r#"feature = "paint""#));
    // In [dependencies] as well as under a target: always.
    let both = format!(
        "{PACKAGE}\n[dependencies]\nx = \"1\"\n\n[target.'cfg(unix)'.dependencies]\nx = \"1\"\n\n[package.metadata.cratespace.members]\nx = \"x\"\n"
    );
    assert_eq!(gate_of(&both), None);
}

#[test]
fn an_explicit_cfg_replaces_the_derived_gate() {
    let manifest = format!(
        r#"{PACKAGE}
[target.x86_64-unknown-linux-gnu.dependencies]
x = {{ version = "1", optional = true }}

[package.metadata.cratespace.members]
x = {{ dependency = "x", cfg = 'all(target_os = "linux", feature = "x")' }}
"#
    );
    assert_eq!(
        gate_of(&manifest).as_deref(),
        Some(r#"all(target_os = "linux", feature = "x")"#)
    );
}

#[test]
fn workspace_inheritance_is_resolved_from_the_root() {
    let dir = scratch(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/top\"]\n\n[workspace.package]\nversion = \"3.1.4\"\nedition = \"2021\"\n\n[workspace.dependencies]\nbase = { version = \"=3.1.4\", path = \"crates/base\", package = \"acme-base\" }\nx = \"0.9\"\n",
        ),
        (
            "crates/top/Cargo.toml",
            "[package]\nname = \"top\"\nversion.workspace = true\nedition.workspace = true\n\n[dependencies]\nbase = { workspace = true }\nx = { workspace = true, optional = true }\n\n[package.metadata.cratespace.members]\nbase = \"acme-base\"\nx = \"x\"\n",
        ),
    ]);
    let loaded = load(&Request {
        manifest_dir: dir.join("crates/top"),
        manifest: None,
    });
    let found = members(&loaded);
    assert_eq!(loaded.cratespace.version, "3.1.4");
    assert_eq!(loaded.tracked, ["Cargo.toml", "../../Cargo.toml"]);
    let all = loaded.cratespace.root.members();
    assert_eq!(all[0].1.requirement.as_deref(), Some("=3.1.4"));
    assert_eq!(all[0].1.package, "acme-base");
    // Edition 2021 from the workspace: the implicit feature `x`.
    assert_eq!(found[1].2.as_deref(), Some(r#"feature = "x""#));
}

#[test]
fn metadata_versioning_doc_and_voucher_are_read() {
    let loaded = load_crate(&format!(
        r#"{PACKAGE}
[dependencies]
yaml = {{ version = "0.3", package = "yaml-fast" }}

[package.metadata.cratespace]
versioning = "pinned"
metadata = "FAMILY"

[package.metadata.cratespace.members]
yaml = {{ dependency = "yaml", doc = "YAML", voucher = {{ approved = "~0.3", by = "them" }} }}
"#
    ));
    let (_, member) = loaded.cratespace.root.members().remove(0);
    assert_eq!(loaded.cratespace.versioning, Versioning::Pinned);
    assert_eq!(loaded.cratespace.metadata.as_deref(), Some("FAMILY"));
    assert_eq!(member.kind, Kind::Voucher);
    assert_eq!(member.doc.as_deref(), Some("YAML"));
    assert_eq!(member.voucher.as_ref().unwrap().by, ["them"]);
}

#[test]
fn generated_is_a_path_relative_to_the_crate() {
    let with = |value: &str| {
        load_crate(&format!(
            "{PACKAGE}\n[dependencies]\njson = \"1\"\n\n[package.metadata.cratespace]\ngenerated = {value}\nmembers.json = \"json\"\n"
        ))
    };
    let loaded = with("\"src/cratespace.rs\"");
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.diagnostics[0]);
    assert_eq!(
        loaded.cratespace.generated.as_deref(),
        Some("src/cratespace.rs")
    );
    assert_eq!(
        with("\"../shared/facade.rs\"")
            .cratespace
            .generated
            .as_deref(),
        Some("../shared/facade.rs")
    );
    for (value, message) in [
        ("3", "`generated` must be a string"),
        (
            "\"\"",
            "`generated` must be a path relative to the crate's directory",
        ),
        (
            "\"/src/cratespace.rs\"",
            "`generated` must be a path relative to the crate's directory",
        ),
    ] {
        let loaded = with(value);
        let messages: Vec<&str> = loaded
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, [message], "generated = {value}");
        assert_eq!(loaded.cratespace.generated, None);
        // The key is for `cargo cratespace generate`: the members stay.
        assert_eq!(loaded.cratespace.root.members().len(), 1);
    }
}

#[test]
fn the_policy_and_vet_are_read_for_audit() {
    let loaded = load_crate(&format!(
        r#"{PACKAGE}
[dependencies]
itoa = "1.0.10"

[package.metadata.cratespace.policy]
licenses = ["MIT", "Apache-2.0 WITH LLVM-exception"]
no-std = true

[package.metadata.cratespace.members]
int = {{ dependency = "itoa", voucher = {{ approved = ">=1.0.10, <2", by = "us", vet = "safe-to-deploy" }} }}
"#
    ));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let policy = &loaded.cratespace.policy;
    assert_eq!(
        policy.licenses.as_deref(),
        Some(
            &[
                "MIT".to_owned(),
                "Apache-2.0 WITH LLVM-exception".to_owned()
            ][..]
        )
    );
    assert!(policy.no_std);
    let (_, member) = loaded.cratespace.root.members().remove(0);
    let voucher = member.voucher.as_ref().unwrap();
    assert_eq!(voucher.vet.as_deref(), Some("safe-to-deploy"));

    let loaded = load_crate(&format!(
        "{PACKAGE}\n[package.metadata.cratespace]\nmembers = {{}}\n"
    ));
    assert_eq!(loaded.cratespace.policy.licenses, None);
    assert!(!loaded.cratespace.policy.no_std);
}

#[test]
fn a_bad_policy_is_reported_and_what_is_valid_kept() {
    let loaded = load_crate(&format!(
        r#"{PACKAGE}
[dependencies]
itoa = "1.0.10"

[package.metadata.cratespace.policy]
licenses = ["MIT", "MIT OR Apache-2.0", 7]
no_std = true

[package.metadata.cratespace.members]
int = {{ dependency = "itoa", voucher = {{ approved = ">=1.0.10, <2", by = "us", vet = "" }} }}
"#
    ));
    let messages: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "invalid license in `licenses`",
            "a license in `licenses` must be a string",
            "unknown key `no_std`",
            "invalid `vet` criteria",
        ]
    );
    assert_eq!(
        loaded.cratespace.policy.licenses.as_deref(),
        Some(&["MIT".to_owned()][..])
    );
    // The member is re-exported all the same: `vet` is audit's, not the macro's.
    let (_, member) = loaded.cratespace.root.members().remove(0);
    assert_eq!(member.voucher.as_ref().unwrap().vet, None);
}

#[test]
fn a_separate_manifest_file_without_cargo_toml_takes_keys_as_crate_names() {
    let dir = scratch(&[(
        "cratespace.toml",
        "metadata = false\n\n[members]\njson = { dependency = \"acme_json\", cfg = \"feature = \\\"json\\\"\" }\n",
    )]);
    let loaded = load(&Request {
        manifest_dir: dir,
        manifest: Some("cratespace.toml".into()),
    });
    assert_eq!(
        members(&loaded),
        [(
            "json".into(),
            "acme_json".into(),
            Some(r#"feature = "json""#.into())
        )]
    );
    assert_eq!(loaded.tracked, ["cratespace.toml"]);
    assert_eq!(loaded.cratespace.metadata, None);
}

#[test]
fn problems_are_all_reported_and_valid_members_kept() {
    let loaded = load_crate(&format!(
        r#"{PACKAGE}
[dependencies]
good = "1"

[package.metadata.cratespace]
versoning = "pinned"

[package.metadata.cratespace.members]
good = "good"
bad-name = "good"
missing = "nothing"
odd = {{ dependency = "good", cfg = "all(" }}
typed = {{ dependency = "good", path = 42 }}
"#
    ));
    let messages: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert!(messages[0].starts_with("unknown key `versoning`"));
    assert_eq!(messages[1], "invalid module name");
    assert!(messages[2].starts_with("no dependency `nothing`"));
    assert_eq!(messages[3], "invalid `cfg`");
    assert_eq!(messages[4], "`path` must be a string");
    let paths: Vec<String> = loaded
        .cratespace
        .root
        .members()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(paths, ["good"]);
}

#[test]
fn unreadable_inputs_are_diagnostics() {
    let dir = scratch(&[("Cargo.toml/inner", "")]);
    let loaded = load(&Request {
        manifest_dir: dir.clone(),
        manifest: None,
    });
    assert!(
        loaded.diagnostics[0].message.ends_with("it is a directory"),
        "{}",
        loaded.diagnostics[0]
    );
    let bytes = scratch(&[]);
    std::fs::create_dir_all(&bytes).unwrap();
    std::fs::write(bytes.join("Cargo.toml"), b"[package]\nname = \"\xff\"\n").unwrap();
    let loaded = load(&Request {
        manifest_dir: bytes,
        manifest: None,
    });
    assert!(
        loaded.diagnostics[0].message.contains("not UTF-8"),
        "{}",
        loaded.diagnostics[0]
    );
}

fn problems(cargo_toml: &str) -> Vec<String> {
    load_crate(cargo_toml)
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn lockstep_and_pinned_hold_children_to_exact_versions() {
    let family = |versioning: &str, json: &str, core: &str| {
        format!(
            r#"[package]
name = "top"
version = "2.1.0"

[dependencies]
json = "{json}"
core = {{ version = "{core}", path = "../core" }}
ext = "0.3"

[package.metadata.cratespace]
versioning = "{versioning}"

[package.metadata.cratespace.members]
json = "json"
"*" = "core"
ext = {{ dependency = "ext", voucher = {{ approved = "^0.3", by = "them" }} }}
"#
        )
    };
    assert_eq!(
        problems(&family("lockstep", "=2.1.0", "=2.1.0")),
        Vec::<String>::new()
    );
    assert_eq!(
        problems(&family("pinned", "=1.0.0", "=3.0.0-rc.1")),
        Vec::<String>::new()
    );
    assert_eq!(
        problems(&family("independent", "2", "*")),
        Vec::<String>::new()
    );
    assert_eq!(
        problems(&family("lockstep", "=2.0.9", "=2.1.0")),
        [r#"`json` must be required at "=2.1.0""#]
    );
    assert_eq!(
        problems(&family("pinned", "=1.0.0", "^3")),
        [r#"`core` must be required at "=3.0.0""#]
    );
    // One requirement text, read once, answers for each member that has it.
    assert_eq!(
        problems(&family("lockstep", "=2.0.9", "=2.0.9")),
        [
            r#"`json` must be required at "=2.1.0""#,
            r#"`core` must be required at "=2.1.0""#
        ]
    );
    assert_eq!(
        problems(&family("pinned", "=3.0.0", "=3.0.0")),
        Vec::<String>::new()
    );
}

#[test]
fn lockstep_follows_an_inherited_package_version() {
    let dir = scratch(&[
        (
            "Cargo.toml",
            "[workspace]\n\n[workspace.package]\nversion = \"2.1.0\"\n\n[workspace.dependencies]\njson = \"=2.1.0\"\nold = \"=2.0.0\"\n",
        ),
        (
            "top/Cargo.toml",
            "[package]\nname = \"top\"\nversion.workspace = true\n\n[dependencies]\njson = { workspace = true }\nold = { workspace = true }\n\n[package.metadata.cratespace]\nversioning = \"lockstep\"\n\n[package.metadata.cratespace.members]\njson = \"json\"\nold = \"old\"\n",
        ),
    ]);
    let loaded = load(&Request {
        manifest_dir: dir.join("top"),
        manifest: None,
    });
    let messages: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with(r#"`old` must be required at "=2.1.0""#));
    assert!(messages[0].contains("each member at the version of `top`"));
    assert!(messages[0].contains(r#"inherits "=2.0.0" from [workspace.dependencies]"#));
}

#[test]
fn a_voucher_joins_only_within_its_approval() {
    let voucher = |requirement: &str, approved: &str| {
        load_crate(&format!(
            "[package]\nname = \"top\"\n\n[dependencies]\nyaml = {{ version = \"{requirement}\", package = \"yaml-fast\" }}\n\n[package.metadata.cratespace.members]\nyaml = {{ dependency = \"yaml\", voucher = {{ approved = \"{approved}\", by = \"them\" }} }}\n"
        ))
    };
    let inside = voucher(">=0.3.1, <0.4", ">=0.3.1, <0.4");
    assert_eq!(members(&inside)[0].0, "yaml");
    let outside = voucher("0.3", ">=0.3.1, <0.4");
    let text = outside.diagnostics[0].to_string();
    assert!(
        text.contains("note: 0.3.0 is allowed by \"0.3\" but not by \">=0.3.1, <0.4\""),
        "{text}"
    );
    assert!(
        outside.cratespace.root.members().is_empty(),
        "an unapproved voucher is left out"
    );
    let bad = voucher("0.3", "0.3 || 0.4");
    assert!(
        bad.diagnostics[0]
            .message
            .starts_with("invalid version requirement")
    );
}

/// Each kind of TOML syntax error the parser reports is one diagnostic: no
/// value recovered out of the broken text is checked, and the members
/// written before the error are still there.
#[test]
fn a_syntax_error_is_one_diagnostic() {
    let cargo = "[package]\nname = \"top\"\n\n[dependencies]\nacme-core = \"1\"\nacme-json = \"1\"\nacme-yaml = \"1\"\n";
    let cases = [
        (
            "an unterminated string",
            "json = \"acme-json\nyaml = \"acme-yaml\"\n",
            "invalid TOML: invalid basic string",
        ),
        (
            "an unterminated multi-line string",
            "json = \"\"\"acme-json\nyaml = \"acme-yaml\"\n",
            "invalid TOML: invalid multi-line basic string",
        ),
        (
            "a missing value",
            "json =\nyaml = \"acme-yaml\"\n",
            "invalid TOML: string values must be quoted",
        ),
        (
            "a bad key",
            "js on = \"acme-json\"\nyaml = \"acme-yaml\"\n",
            "invalid TOML: key with no value",
        ),
        (
            "a duplicate key",
            "yaml = \"acme-json\"\nyaml = \"acme-yaml\"\n",
            "the key `yaml` is defined twice",
        ),
        (
            "a bad inline table",
            "json = { dependency = \"acme-json\"\nyaml = \"acme-yaml\"\n",
            "invalid TOML: missing comma between key-value pairs",
        ),
    ];
    for (what, broken, message) in cases {
        let manifest = format!("[members]\ncore = \"acme-core\"\n{broken}");
        let loaded = load_sources(&Sources {
            cargo: Some(Source::new("Cargo.toml", cargo)),
            manifest: Some(Source::new("cratespace.toml", manifest)),
            ..Sources::default()
        });
        let messages: Vec<&str> = loaded
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages.len(), 1, "{what}: {messages:#?}");
        assert!(messages[0].starts_with(message), "{what}: {}", messages[0]);
        let paths: Vec<String> = loaded
            .cratespace
            .root
            .members()
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        let expected: &[&str] = if what == "a duplicate key" {
            &["core", "yaml"]
        } else {
            &["core"]
        };
        assert_eq!(paths, expected, "{what}");
    }

    // In Cargo.toml, the dependencies after the error may be lost: nothing
    // is checked against them.
    let loaded = load_sources(&Sources {
        cargo: Some(Source::new("Cargo.toml", format!("{cargo}broken = \n"))),
        manifest: Some(Source::new(
            "cratespace.toml",
            "[members]\nmissing = \"not-a-dependency\"\n",
        )),
        ..Sources::default()
    });
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
    assert!(loaded.cratespace.root.members().is_empty());
}
