//! `cargo cratespace init`: hand-written facades of one small family, in
//! a workspace of their own outside this repository, migrated and compared
//! with the exact text they must become.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use support::{assert_exit, command, cratespace, repo, report, scratch, stderr, stdout, write};

/// The top crate's `Cargo.toml`, with the comments and layout `init` must
/// keep: plain, optional, renamed, inherited and target dependencies, an
/// implicit feature (`config-value`), and a library whose `[lib] name` is
/// its own.
const CARGO_TOML: &str = r#"# The facade of the acme family.
[package]
name = "acme"
version.workspace = true
edition = "2024"

[dependencies]
acme-core = { path = "../acme-core" }   # always there
acme-json = { workspace = true, optional = true }
acme-derive = { path = "../acme-derive", optional = true }
fmt = { package = "fmt-fast", path = "../fmt-fast" }
config-value = { path = "../config-value", optional = true }
libnamed = { path = "../libnamed" }

[target.'cfg(unix)'.dependencies]
acme-unix = { path = "../acme-unix" }

[target.x86_64-unknown-linux-gnu.dependencies]
acme-linux = { path = "../acme-linux" }

[features]
default = ["json"]
json = ["dep:acme-json"]
derive = ["dep:acme-derive"]
# Turns the derive on too.
formats = ["json", "acme-derive/extra"]
"#;

/// The member crates: package, `[lib]` lines, features.
const MEMBERS: &[(&str, &str, &str)] = &[
    ("acme-core", "", ""),
    ("acme-json", "", ""),
    ("acme-derive", "", "extra = []"),
    ("fmt-fast", "", ""),
    ("config-value", "", ""),
    ("libnamed", "name = \"acme_named\"", ""),
    ("acme-unix", "", ""),
    ("acme-linux", "", ""),
];

/// A workspace in a scratch directory: the member crates, the top crate
/// `acme` with `lib_rs` as its lib root, and `cratespace` patched to this
/// repository, with its lock file, so that cargo resolves it offline.
fn family(name: &str, lib_rs: &str) -> PathBuf {
    let dir = scratch(name);
    let root = format!(
        "[workspace]\nmembers = [\"acme\", {}]\nresolver = \"3\"\n\n\
         [workspace.package]\nversion = \"2.1.0\"\n\n\
         [workspace.dependencies]\nacme-json = {{ path = \"acme-json\" }}\n\n\
         [patch.crates-io]\ncratespace = {{ path = {:?} }}\n",
        MEMBERS
            .iter()
            .map(|(package, ..)| format!("{package:?}"))
            .collect::<Vec<_>>()
            .join(", "),
        repo().to_str().unwrap(),
    );
    write(&dir, &[("Cargo.toml", &root)]);
    fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    for (package, lib, features) in MEMBERS {
        let manifest = format!(
            "[package]\nname = \"{package}\"\nversion = \"2.1.0\"\nedition = \"2021\"\n\n[lib]\n{lib}\n\n[features]\n{features}\n"
        );
        let source = "pub mod value {\n    pub struct Value;\n}\npub mod de {\n    pub mod value {}\n}\npub struct Thing;\n";
        write(
            &dir.join(package),
            &[("Cargo.toml", &manifest), ("src/lib.rs", source)],
        );
    }
    write(
        &dir.join("acme"),
        &[("Cargo.toml", CARGO_TOML), ("src/lib.rs", lib_rs)],
    );
    dir
}

/// `cargo cratespace init ARGS` in the top crate, which must exit with 0.
fn init(dir: &Path, args: &[&str]) -> std::process::Output {
    let output = cratespace(&dir.join("acme"), &[&["init"], args].concat());
    assert_exit(&output, 0);
    output
}

fn lib_rs(dir: &Path) -> String {
    fs::read_to_string(dir.join("acme/src/lib.rs")).unwrap()
}

fn cargo_toml(dir: &Path) -> String {
    fs::read_to_string(dir.join("acme/Cargo.toml")).unwrap()
}

/// `CARGO_TOML` with `cratespace` added to `[dependencies]` and the
/// members table `members` at the end.
fn migrated_cargo_toml(members: &str) -> String {
    let added = CARGO_TOML.replace(
        "libnamed = { path = \"../libnamed\" }\n",
        "libnamed = { path = \"../libnamed\" }\ncratespace = \"0.1.0\"\n",
    );
    format!("{added}\n[package.metadata.cratespace.members]\n{members}")
}

/// `check`, which must find nothing.
fn assert_checks(dir: &Path) {
    let output = cratespace(&dir.join("acme"), &["check"]);
    assert_exit(&output, 0);
    assert!(
        !stderr(&output).contains("error"),
        "{}",
        report("check reports a problem", &output)
    );
}

#[test]
fn every_accepted_form_becomes_a_member() {
    let dir = family(
        "forms",
        r#"//! The acme facade, written by hand.

pub use acme_core::*;
/// JSON values.
#[cfg(feature = "json")]
#[doc(inline)]
pub use acme_json as json;
pub use fmt as format;
pub use ::acme_core::de::value;
pub use acme_core::value as core_value;
pub use acme_core::{de, Thing as CoreThing};
#[cfg(feature = "config-value")]
pub use config_value;

/// Formats, by name.
pub mod formats {
    #[cfg(feature = "json")]
    pub use acme_json as json;
    pub mod deep {
        pub use acme_core::value::*;
    }
}
"#,
    );
    let output = init(&dir, &[]);
    assert_eq!(
        lib_rs(&dir),
        "//! The acme facade, written by hand.\n\ncratespace::cratespace!();\n"
    );
    assert_eq!(
        cargo_toml(&dir),
        migrated_cargo_toml(
            r#""*" = "acme-core"
json = { dependency = "acme-json", doc = "JSON values." }
format = "fmt"
value = { dependency = "acme-core", path = "de::value" }
core_value = { dependency = "acme-core", path = "value" }
de = { dependency = "acme-core", path = "de" }
CoreThing = { dependency = "acme-core", path = "Thing" }
config_value = "config-value"
formats.json = "acme-json"
formats.deep."*" = { dependency = "acme-core", path = "value" }
"#
        )
    );
    let err = stderr(&output);
    assert!(
        err.contains("Updated Cargo.toml: [package.metadata.cratespace] with 10 members")
            && err.contains(
                "Updated src/lib.rs: 8 re-export items replaced by `cratespace::cratespace!();`"
            ),
        "{}",
        report("no status lines", &output)
    );
    // The namespace's own doc comment is the macro's now.
    assert!(
        err.contains("the doc comment of `formats` gives way to the one `cratespace!` writes")
            && err.contains("--> src/lib.rs:15:1"),
        "{}",
        report("no warning for the namespace's doc", &output)
    );
    assert_checks(&dir);
}

/// The facade of `every_refused_form_stays_and_is_listed`, with one member
/// among what the manifest cannot express.
const REFUSED: &str = r#"//! Kept as written, but for `core`.

mod inner {
    pub struct Thing;
}

pub use acme_core as core;
pub use crate::inner::Thing;
pub use std::fmt;
pub(crate) use acme_json as private_json;
pub use acme_named as named;
pub use acme_core::Thing as _;
#[deprecated]
pub use acme_core as deprecated_core;
/// Two
/// lines.
pub use acme_core as two_lines;
pub use acme_core as // a comment
    commented;
pub use fmt as core;
#[cfg(feature = "json")]
pub mod gated {
    pub use acme_json as json;
}
/// Not only re-exports.
pub mod mixed {
    pub use acme_core as core;
    /// Its own.
    pub fn own() {}
}
fn body() {
    pub use acme_core as in_a_function;
}
macro_rules! reexport {
    () => {
        pub use acme_core as in_a_macro;
    };
}
"#;

#[test]
fn every_refused_form_stays_and_is_listed() {
    let dir = family("refused", REFUSED);
    let output = init(&dir, &[]);
    assert_eq!(
        lib_rs(&dir),
        REFUSED.replace(
            "pub use acme_core as core;\npub use crate",
            "cratespace::cratespace!();\npub use crate"
        )
    );
    assert_eq!(
        cargo_toml(&dir),
        migrated_cargo_toml("core = \"acme-core\"\n")
    );
    let err = stderr(&output);
    let listed = [
        (
            "pub use crate::inner::Thing;",
            8,
            "`crate::…` is a path of this crate, not of a dependency",
        ),
        (
            "pub use std::fmt;",
            9,
            "`std` is a crate of the standard library, not a dependency",
        ),
        (
            "pub(crate) use acme_json as private_json;",
            10,
            "its visibility is `pub(crate)`, and a member is `pub`",
        ),
        (
            "pub use acme_named as named;",
            11,
            "`acme_named` is the library of the dependency `libnamed`, which the manifest reaches as `libnamed`: rename the dependency to `acme_named = { package = \"libnamed\", … }` to make it a member",
        ),
        (
            "pub use acme_core::Thing as _;",
            12,
            "`as _` imports without a name, and a member has one",
        ),
        (
            "pub use acme_core as deprecated_core;",
            14,
            "it has the attribute `#[deprecated]`, for which the manifest has no key",
        ),
        (
            "pub use acme_core as two_lines;",
            17,
            "its doc comment has more than one line, and a member's `doc` is one",
        ),
        (
            "pub use acme_core as // a comment",
            18,
            "it holds a comment, which the manifest cannot keep",
        ),
        (
            "pub use fmt as core;",
            20,
            "a member named `core` comes before it, on line 7: the manifest holds one member at a path",
        ),
        (
            "pub use acme_json as json;",
            23,
            "it is inside the module `gated`, which has `#[cfg(feature = \"json\")]`, and a namespace of the manifest is always there",
        ),
        (
            "pub use acme_core as core;",
            27,
            "it is inside the module `mixed`, which holds items other than re-exports",
        ),
        (
            "pub use acme_core as in_a_function;",
            32,
            "it is inside the function `body`, and a member is an item of a module",
        ),
        (
            "pub use acme_core as in_a_macro;",
            36,
            "it is inside the macro `reexport`, and a member is an item of a module",
        ),
    ];
    for (item, line, why) in listed {
        let column = REFUSED.lines().nth(line - 1).unwrap().find("pub").unwrap() + 1;
        let expected = format!(
            "warning: left as written: `{item}`\n  --> src/lib.rs:{line}:{column}\n  = note: {why}\n"
        );
        assert!(
            err.contains(&expected),
            "{}",
            report(&format!("not listed as\n{expected}"), &output)
        );
    }
    assert_eq!(
        err.matches("warning: left as written").count(),
        listed.len(),
        "{}",
        report("more listed than expected", &output)
    );
    assert_checks(&dir);
}

#[test]
fn a_cfg_key_only_where_the_cfg_is_not_the_derived_gate() {
    let dir = family(
        "gates",
        r#"// The derived gate, written another way: no key.
#[cfg(any(feature = "formats", feature = "derive"))]
pub use acme_derive as derive;
// Narrower than the gate: kept.
#[cfg(feature = "derive")]
pub use acme_derive as derive_only;
// The target table's cfg: no key.
#[cfg(unix)]
pub use acme_unix as unix;
// A target triple has no gate to derive: kept.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
pub use acme_linux as linux;
// The implicit feature of an optional dependency, in edition 2024: no key.
#[cfg(feature = "config-value")]
pub use config_value;
// Two cfgs, one gate: no key.
#[cfg(feature = "json")]
#[cfg(all(feature = "json"))]
pub use acme_json as json;
// Wider than the gate: kept, with a warning.
pub use acme_json as json_always;
"#,
    );
    let output = init(&dir, &[]);
    assert_eq!(
        cargo_toml(&dir),
        migrated_cargo_toml(
            r#"derive = "acme-derive"
derive_only = { dependency = "acme-derive", cfg = 'feature = "derive"' }
unix = "acme-unix"
linux = { dependency = "acme-linux", cfg = 'all(target_os = "linux", target_arch = "x86_64")' }
config_value = "config-value"
json = "acme-json"
json_always = { dependency = "acme-json", cfg = "all()" }
"#
        )
    );
    // The comments between the items stay.
    assert_eq!(
        lib_rs(&dir),
        "// The derived gate, written another way: no key.\n\
         cratespace::cratespace!();\n\
         // Narrower than the gate: kept.\n\
         // The target table's cfg: no key.\n\
         // A target triple has no gate to derive: kept.\n\
         // The implicit feature of an optional dependency, in edition 2024: no key.\n\
         // Two cfgs, one gate: no key.\n\
         // Wider than the gate: kept, with a warning.\n"
    );
    let err = stderr(&output);
    assert!(
        err.contains(
            "warning: `json_always` has no `#[cfg]`: it is there where cargo does not compile `acme-json`, which it compiles where `feature = \"json\"` holds: the facade did not build there, and the member keeps `cfg = \"all()\"`\n  --> src/lib.rs:21:1"
        ),
        "{}",
        report("no warning for the wider cfg", &output)
    );
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert_checks(&dir);
}

#[test]
fn dry_run_prints_both_diffs_and_writes_nothing() {
    let lib = "//! Dry.\n\npub use acme_core as core;\n\n/// Kept.\npub fn kept() {}\n";
    let dir = family("dry-run", lib);
    let output = init(&dir, &["--dry-run"]);
    assert_eq!(lib_rs(&dir), lib);
    assert_eq!(cargo_toml(&dir), CARGO_TOML);
    assert!(!dir.join("acme/Cargo.toml.tmp").exists());
    assert_eq!(
        stdout(&output),
        r#"--- Cargo.toml
+++ Cargo.toml
@@ -11,6 +11,7 @@
 fmt = { package = "fmt-fast", path = "../fmt-fast" }
 config-value = { path = "../config-value", optional = true }
 libnamed = { path = "../libnamed" }
+cratespace = "0.1.0"
 
 [target.'cfg(unix)'.dependencies]
 acme-unix = { path = "../acme-unix" }
@@ -24,3 +25,6 @@
 derive = ["dep:acme-derive"]
 # Turns the derive on too.
 formats = ["json", "acme-derive/extra"]
+
+[package.metadata.cratespace.members]
+core = "acme-core"

--- src/lib.rs
+++ src/lib.rs
@@ -1,6 +1,6 @@
 //! Dry.
 
-pub use acme_core as core;
+cratespace::cratespace!();
 
 /// Kept.
 pub fn kept() {}

"#
    );
    assert!(
        stderr(&output).contains("warning: aborting init due to dry run"),
        "{}",
        report("no word of the dry run", &output)
    );
    // What the diffs show is what is written.
    init(&dir, &[]);
    assert_eq!(
        lib_rs(&dir),
        "//! Dry.\n\ncratespace::cratespace!();\n\n/// Kept.\npub fn kept() {}\n"
    );
    assert_eq!(
        cargo_toml(&dir),
        migrated_cargo_toml("core = \"acme-core\"\n")
    );
}

#[test]
fn every_other_byte_of_the_lib_root_stays() {
    let lib = "\u{feff}//! A byte-order mark, CRLF lines and odd spacing.\r\n\
               #![allow(unused)]\r\n\r\n\
               /* A block comment before. */\r\n\
               #[cfg(feature = \"json\")]   pub use acme_json as json; // after it\r\n\
               \r\n\
               mod   private {\r\n    fn  f() {}\r\n}\r\n\
               \r\n\
               \tpub use acme_core::*;\r\n\
               \r\n\
               \r\n\
               pub use fmt as format;\r\n\
               #[doc = \"Kept, \\\"escaped\\\".\"]\r\n\
               pub const KEPT: u8 = 1;\r\n";
    let dir = family("bytes", lib);
    init(&dir, &[]);
    assert_eq!(
        lib_rs(&dir),
        "\u{feff}//! A byte-order mark, CRLF lines and odd spacing.\r\n\
         #![allow(unused)]\r\n\r\n\
         /* A block comment before. */\r\n\
         cratespace::cratespace!(); // after it\r\n\
         \r\n\
         mod   private {\r\n    fn  f() {}\r\n}\r\n\
         \r\n\
         #[doc = \"Kept, \\\"escaped\\\".\"]\r\n\
         pub const KEPT: u8 = 1;\r\n"
    );
    assert_eq!(
        cargo_toml(&dir),
        migrated_cargo_toml("json = \"acme-json\"\n\"*\" = \"acme-core\"\nformat = \"fmt\"\n")
    );
}

#[test]
fn a_cratespace_is_left_alone() {
    let dir = family("again", "pub use acme_core as core;\n");
    init(&dir, &[]);
    let (cargo, lib) = (cargo_toml(&dir), lib_rs(&dir));
    let output = init(&dir, &[]);
    assert!(
        stderr(&output).contains(
            "warning: `acme` is a cratespace already: its Cargo.toml has a [package.metadata.cratespace] table"
        ),
        "{}",
        report("no word that it is a cratespace", &output)
    );
    assert_eq!((cargo_toml(&dir), lib_rs(&dir)), (cargo, lib));
}

#[test]
fn packages_without_a_facade_are_named_and_skipped() {
    let dir = family("workspace", "pub use acme_core as core;\n");
    let mut run = command(&dir, &["init", "--workspace", "--dry-run"]);
    let output = run.output().unwrap();
    assert_exit(&output, 0);
    let err = stderr(&output);
    assert!(
        err.contains(
            "warning: `src/lib.rs` of `acme-core` re-exports no dependency the manifest can hold: nothing is written"
        ) && err.contains("Migrating acme v2.1.0"),
        "{}",
        report("the members are not skipped", &output)
    );
    assert!(
        stdout(&output).contains("+core = \"acme-core\""),
        "{}",
        stdout(&output)
    );
}

#[test]
fn json_output_is_refused() {
    let dir = family("json", "pub use acme_core as core;\n");
    let output = cratespace(&dir.join("acme"), &["init", "--message-format", "json"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains(
            "error: `init` writes diffs and warnings for people: it has no `--message-format json`"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(lib_rs(&dir), "pub use acme_core as core;\n");
}

#[test]
fn a_manifest_with_problems_is_reported_and_not_written() {
    // A name the compiler reads as `é`, written with a combining accent,
    // which the manifest refuses as the macro would.
    let lib = "pub use acme_core as caf\u{65}\u{301};\n";
    let dir = family("problems", lib);
    let output = cratespace(&dir.join("acme"), &["init"]);
    assert_exit(&output, 1);
    let err = stderr(&output);
    assert!(
        err.contains("error: invalid module name")
            && err.contains("--> Cargo.toml:")
            && err.contains(
                "error: the manifest read from `src/lib.rs` of `acme` has problems: nothing is written"
            ),
        "{}",
        report("the problem is not reported", &output)
    );
    assert_eq!(
        (cargo_toml(&dir), lib_rs(&dir)),
        (CARGO_TOML.to_owned(), lib.to_owned())
    );
}

#[test]
fn names_the_expansion_would_take_are_left_to_the_crate() {
    // An item named `cratespace` hides the crate of that name from a plain
    // path, and one named `CRATESPACE` takes the metadata const's name.
    let dir = family(
        "names",
        "/// Not the metadata.\npub const CRATESPACE: u8 = 1;\nmod cratespace {}\n\npub use acme_core as core;\n",
    );
    init(&dir, &[]);
    assert_eq!(
        lib_rs(&dir),
        "/// Not the metadata.\npub const CRATESPACE: u8 = 1;\nmod cratespace {}\n\n::cratespace::cratespace!();\n"
    );
    let added = CARGO_TOML.replace(
        "libnamed = { path = \"../libnamed\" }\n",
        "libnamed = { path = \"../libnamed\" }\ncratespace = \"0.1.0\"\n",
    );
    assert_eq!(
        cargo_toml(&dir),
        format!(
            "{added}\n[package.metadata.cratespace]\nmetadata = false\n\n[package.metadata.cratespace.members]\ncore = \"acme-core\"\n"
        )
    );
    assert_checks(&dir);
}
