//! `cargo cratespace add`: the member, its dependency and its feature
//! written into manifests of every layout, each asserted as the whole text
//! it leaves; nothing written where `check` would find a problem; and cargo
//! asked what the edit enables and builds.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use support::{assert_exit, cargo, cratespace, repo, report, scratch, stderr, stdout, write};

/// A family in a directory of its own: the top crate in `top/`, with
/// `cargo_toml` and a lib root that calls the macro, and beside it a crate
/// of each `(name, version)`. Returns the top crate's directory.
fn family(test: &str, cargo_toml: &str, members: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(test);
    write(
        &dir,
        &[
            ("top/Cargo.toml", cargo_toml),
            ("top/src/lib.rs", "cratespace::cratespace!();\n"),
        ],
    );
    for (name, version) in members {
        let manifest =
            format!("[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\n");
        write(
            &dir,
            &[
                (&format!("{name}/Cargo.toml"), &manifest),
                (&format!("{name}/src/lib.rs"), ""),
            ],
        );
    }
    dir.join("top")
}

/// `cargo cratespace add ARGS` in `dir`, which must exit with `code`.
fn add(dir: &Path, args: &[&str], code: i32) -> Output {
    let output = cratespace(dir, &[&["add"], args].concat());
    assert_exit(&output, code);
    output
}

fn cargo_toml(dir: &Path) -> String {
    fs::read_to_string(dir.join("Cargo.toml")).unwrap()
}

#[test]
fn comments_order_and_dotted_keys_stay_as_written() {
    let before = r#"# The top crate of a small family.
[package]
version = "1.0.0"   # released with its members
name = "top"
edition = "2021"

[package.metadata.cratespace.members]
# Newest first.
formats.json = { dependency = "top-json", doc = "JSON" }
core = "top-core"   # always there

[features]
# Nothing by default.
default = []
json = ["dep:top-json"]

[dependencies]
top-json = { version = "1.0.0", path = "../top-json", optional = true } # the JSON member
top-core = { path = "../top-core", version = "1.0.0" }

[package.metadata.cratespace]
versioning = "independent"
"#;
    let top = family(
        "layout",
        before,
        &[
            ("top-json", "1.0.0"),
            ("top-core", "1.0.0"),
            ("top-xml", "1.0.0"),
        ],
    );
    let output = add(
        &top,
        &[
            "formats::xml",
            "top-xml",
            "--path",
            "../top-xml",
            "--feature",
            "xml",
            "--doc",
            "XML values",
        ],
        0,
    );
    assert_eq!(
        cargo_toml(&top),
        r#"# The top crate of a small family.
[package]
version = "1.0.0"   # released with its members
name = "top"
edition = "2021"

[package.metadata.cratespace.members]
# Newest first.
formats.json = { dependency = "top-json", doc = "JSON" }
formats.xml = { dependency = "top-xml", doc = "XML values" }
core = "top-core"   # always there

[features]
# Nothing by default.
default = []
json = ["dep:top-json"]
xml = ["dep:top-xml"]

[dependencies]
top-json = { version = "1.0.0", path = "../top-json", optional = true } # the JSON member
top-core = { path = "../top-core", version = "1.0.0" }
top-xml = { version = "1.0.0", path = "../top-xml", optional = true }

[package.metadata.cratespace]
versioning = "independent"
"#
    );
    assert_eq!(
        stderr(&output),
        "      Adding top-xml (local) to dependencies\n      \
         Adding \"dep:top-xml\" to the feature `xml`\n      \
         Adding formats::xml = top-xml to the cratespace `top`\n"
    );
    assert_exit(&cratespace(&top, &["check"]), 0);
}

#[test]
fn namespaces_written_as_sub_tables_get_sub_tables() {
    let top = family(
        "sub-tables",
        r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-json = { version = "1.0.0", path = "../top-json" }

[package.metadata.cratespace.members.formats]
json = "top-json"
"#,
        &[
            ("top-json", "1.0.0"),
            ("top-net", "1.0.0"),
            ("top-xml", "1.0.0"),
        ],
    );
    add(&top, &["io::net", "top-net", "--path", "../top-net"], 0);
    add(
        &top,
        &["formats::xml", "top-xml", "--path", "../top-xml"],
        0,
    );
    assert_eq!(
        cargo_toml(&top),
        r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-json = { version = "1.0.0", path = "../top-json" }
top-net = { version = "1.0.0", path = "../top-net" }
top-xml = { version = "1.0.0", path = "../top-xml" }

[package.metadata.cratespace.members.formats]
json = "top-json"
xml = "top-xml"

[package.metadata.cratespace.members.io]
net = "top-net"
"#
    );
}

#[test]
fn inline_tables_take_the_member_and_the_flag_inline() {
    let top = family(
        "inline",
        r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-json = { version = "1.0.0", path = "../top-json" }
top-xml = { version = "1.0.0" , path = "../top-xml" }

[package.metadata.cratespace]
members = { formats = { json = "top-json" } }
"#,
        &[("top-json", "1.0.0"), ("top-xml", "1.0.0")],
    );
    let output = add(&top, &["formats::xml", "top-xml", "--optional"], 0);
    assert_eq!(
        cargo_toml(&top),
        r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-json = { version = "1.0.0", path = "../top-json" }
top-xml = { version = "1.0.0" , path = "../top-xml", optional = true }

[features]
top-xml = ["dep:top-xml"]

[package.metadata.cratespace]
members = { formats = { json = "top-json", xml = "top-xml" } }
"#
    );
    assert!(
        stderr(&output).contains("    Updating top-xml: optional = true\n"),
        "{}",
        report("no status line for the flag", &output)
    );
}

#[test]
fn a_voucher_member_carries_its_approval_and_vet_criteria() {
    let top = family(
        "voucher",
        r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-core = { version = "1.0.0", path = "../top-core" }

[package.metadata.cratespace.members]
"*" = "top-core"
"#,
        &[("top-core", "1.0.0"), ("fast-int", "0.3.2")],
    );
    let args = [
        "int",
        "fast-int",
        "--path",
        "../fast-int",
        "--version",
        "0.3.2",
        "--voucher",
        "--approved",
        ">=0.3.1, <0.4",
        "--by",
        "top maintainers",
        "--vet",
        "safe-to-deploy",
    ];
    add(&top, &args, 0);
    assert_eq!(
        cargo_toml(&top),
        r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-core = { version = "1.0.0", path = "../top-core" }
fast-int = { version = "0.3.2", path = "../fast-int" }

[package.metadata.cratespace.members]
"*" = "top-core"
int = { dependency = "fast-int", voucher = { approved = ">=0.3.1, <0.4", by = "top maintainers", vet = "safe-to-deploy" } }
"#
    );
    assert_exit(&cratespace(&top, &["check"]), 0);
    // The same voucher again changes nothing; another `vet` is in the way.
    add(&top, &args, 0);
    let mut other = args;
    other[12] = "safe-to-run";
    add(&top, &other, 1);
}

#[test]
fn a_crate_without_a_table_gets_one_at_its_end() {
    let before = r#"[package]
name = "top"
version = "0.1.0"
edition = "2021"

[dependencies]
top-core = { path = "../top-core" }
"#;
    let top = family("no-table", before, &[("top-core", "0.1.0")]);
    write(&top, &[("src/lib.rs", "//! Not a facade yet.\n")]);
    let output = add(&top, &["core", "top-core"], 0);
    assert_eq!(
        cargo_toml(&top),
        format!("{before}\n[package.metadata.cratespace.members]\ncore = \"top-core\"\n")
    );
    assert!(
        stderr(&output)
            .contains("warning: the lib root of `top` does not call `cratespace::cratespace!()`"),
        "{}",
        report("no warning about the lib root", &output)
    );
}

#[test]
fn a_cratespace_file_gets_the_member_and_cargo_toml_the_dependency() {
    let before = r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-core = { version = "=1.0.0", path = "../top-core" }
"#;
    let top = family(
        "file",
        before,
        &[("top-core", "1.0.0"), ("top-json", "1.0.0")],
    );
    let table =
        "# The family's members.\nversioning = \"pinned\"\n\n[members]\ncore = \"top-core\"\n";
    write(
        &top,
        &[
            ("cratespace.toml", table),
            (
                "src/lib.rs",
                "cratespace::cratespace!(manifest = \"cratespace.toml\");\n",
            ),
        ],
    );
    add(&top, &["json", "top-json", "--path", "../top-json"], 0);
    assert_eq!(
        fs::read_to_string(top.join("cratespace.toml")).unwrap(),
        format!("{table}json = \"top-json\"\n")
    );
    // Pinned: the version of the crate there, exactly.
    assert_eq!(
        cargo_toml(&top),
        format!("{before}top-json = {{ version = \"=1.0.0\", path = \"../top-json\" }}\n")
    );
}

#[test]
fn a_path_is_given_from_the_current_directory_and_written_from_the_crate() {
    let top = family(
        "relative",
        PLAIN,
        &[("top-core", "1.0.0"), ("top-json", "1.0.0")],
    );
    let dir = top.parent().unwrap();
    let output = cratespace(
        dir,
        &[
            "add",
            "--manifest-path",
            "top/Cargo.toml",
            "json",
            "top-json",
            "--path",
            "top-json",
        ],
    );
    assert_exit(&output, 0);
    assert!(
        cargo_toml(&top).contains("top-json = { version = \"1.0.0\", path = \"../top-json\" }\n"),
        "{}",
        cargo_toml(&top)
    );
}

#[test]
fn a_glob_lists_a_second_dependency() {
    let top = family(
        "glob",
        r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-core = { version = "1.0.0", path = "../top-core" }

[package.metadata.cratespace.members]
"*" = "top-core" # everything of top-core at the root
"#,
        &[("top-core", "1.0.0"), ("top-more", "1.0.0")],
    );
    add(&top, &["*", "top-more", "--path", "../top-more"], 0);
    assert!(
        cargo_toml(&top).ends_with(
            "[package.metadata.cratespace.members]\n\"*\" = [\"top-core\", \"top-more\"] # everything of top-core at the root\n"
        ),
        "{}",
        cargo_toml(&top)
    );
}

#[test]
fn line_ends_and_a_byte_order_mark_are_kept() {
    let before = "\u{feff}[package]\r\nname = \"top\"\r\nversion = \"1.0.0\"\r\nedition = \"2021\"\r\n\r\n[dependencies]\r\ntop-core = \"1.0.0\"\r\n\r\n[package.metadata.cratespace.members]\r\n";
    let top = family("crlf", before, &[]);
    add(&top, &["core", "top-core"], 0);
    assert_eq!(cargo_toml(&top), format!("{before}core = \"top-core\"\r\n"));
}

/// A manifest with one member and its dependency.
const PLAIN: &str = r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-core = { version = "1.0.0", path = "../top-core" }

[package.metadata.cratespace.members]
core = "top-core"
"#;

#[test]
fn a_second_identical_run_changes_nothing() {
    let top = family(
        "again",
        PLAIN,
        &[("top-core", "1.0.0"), ("top-xml", "1.0.0")],
    );
    let args = [
        "formats::xml",
        "top-xml",
        "--path",
        "../top-xml",
        "--feature",
        "xml",
        "--doc",
        "XML values",
    ];
    add(&top, &args, 0);
    let once = cargo_toml(&top);
    assert_ne!(once, PLAIN);
    let written = fs::metadata(top.join("Cargo.toml"))
        .unwrap()
        .modified()
        .unwrap();

    let output = add(&top, &args, 0);
    assert_eq!(cargo_toml(&top), once);
    assert_eq!(
        fs::metadata(top.join("Cargo.toml"))
            .unwrap()
            .modified()
            .unwrap(),
        written,
        "the file was written again"
    );
    assert_eq!(
        stderr(&output),
        "   Unchanged `formats::xml` is a member of `top` already\n"
    );
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let top = family(
        "dry-run",
        PLAIN,
        &[("top-core", "1.0.0"), ("top-xml", "1.0.0")],
    );
    let output = add(
        &top,
        &[
            "formats::xml",
            "top-xml",
            "--path",
            "../top-xml",
            "--dry-run",
        ],
        0,
    );
    assert_eq!(cargo_toml(&top), PLAIN);
    assert_eq!(
        stdout(&output),
        r#"--- Cargo.toml
+++ Cargo.toml
@@ -5,6 +5,8 @@
 
 [dependencies]
 top-core = { version = "1.0.0", path = "../top-core" }
+top-xml = { version = "1.0.0", path = "../top-xml" }
 
 [package.metadata.cratespace.members]
 core = "top-core"
+formats.xml = "top-xml"

"#
    );
    assert!(
        stderr(&output).ends_with("warning: nothing is written: `--dry-run`\n"),
        "{}",
        report("no word that nothing was written", &output)
    );
}

/// The packages a build of `top` with `features` compiles, as `cargo tree`
/// names them.
fn compiled(top: &Path, features: &str) -> Vec<String> {
    let output = cargo(
        top,
        &[
            "tree",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--features",
            features,
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        report(
            &format!("cargo tree --features {features:?} failed"),
            &output
        )
    );
    stdout(&output)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn an_implicit_feature_users_may_enable_is_kept() {
    let top = family(
        "implicit",
        r#"[package]
name = "top"
version = "0.1.0"
edition = "2021"

[dependencies]
top-extra = { version = "0.1.0", path = "../top-extra", optional = true }

[features]
full = []

[package.metadata.cratespace.members]
"#,
        &[("top-extra", "0.1.0")],
    );
    // `cargo tree` compiles nothing: the lib root need not expand.
    write(&top, &[("src/lib.rs", "")]);
    assert!(!compiled(&top, "full").contains(&"top-extra".to_owned()));

    let output = add(&top, &["extra", "top-extra", "--feature", "full"], 0);
    assert!(
        cargo_toml(&top).contains("\n[features]\nfull = [\"top-extra\"]\n"),
        "{}",
        cargo_toml(&top)
    );
    assert!(
        stderr(&output).contains(
            "warning: `full` enables `top-extra` by its implicit feature, not by `dep:top-extra`"
        ),
        "{}",
        report("no word on the implicit feature", &output)
    );
    // Cargo: the feature users enable is still there, and `full` turns the
    // dependency on.
    assert!(compiled(&top, "top-extra").contains(&"top-extra".to_owned()));
    assert!(compiled(&top, "full").contains(&"top-extra".to_owned()));
    assert!(!compiled(&top, "").contains(&"top-extra".to_owned()));
}

const LOCKSTEP: &str = r#"[package]
name = "top"
version = "2.1.0"
edition = "2021"

[dependencies]
top-core = { version = "=2.1.0", path = "../top-core" }

[package.metadata.cratespace]
versioning = "lockstep"

[package.metadata.cratespace.members]
core = "top-core"
"#;

#[test]
fn under_lockstep_a_local_member_is_required_at_exactly_its_version() {
    let top = family(
        "lockstep",
        LOCKSTEP,
        &[("top-core", "2.1.0"), ("top-json", "2.1.0")],
    );
    add(&top, &["json", "top-json", "--path", "../top-json"], 0);
    assert_eq!(
        cargo_toml(&top),
        LOCKSTEP
            .replace(
                "\n\n[package.metadata.cratespace]\n",
                "\ntop-json = { version = \"=2.1.0\", path = \"../top-json\" }\n\n[package.metadata.cratespace]\n",
            )
            + "json = \"top-json\"\n"
    );
}

#[test]
fn a_member_that_would_break_lockstep_is_not_written() {
    let top = family(
        "lockstep-broken",
        LOCKSTEP,
        &[("top-core", "2.1.0"), ("top-xml", "2.0.0")],
    );
    let output = add(&top, &["xml", "top-xml", "--path", "../top-xml"], 1);
    assert_eq!(cargo_toml(&top), LOCKSTEP);
    let error = stderr(&output);
    for expected in [
        "error: `top-xml` must be required at \"=2.1.0\"\n",
        "top-xml = { version = \"=2.0.0\", path = \"../top-xml\" }\n",
        "= note: lockstep versioning pins each member at the version of `top`\n",
        "error: the cratespace `top` would have 1 problem after the edit, shown in the text it would have: nothing is written\n",
    ] {
        assert!(
            error.contains(expected),
            "{}",
            report(&format!("no {expected:?}"), &output)
        );
    }
}

#[test]
fn a_cratespace_with_problems_is_fixed_before_it_grows() {
    let before = PLAIN.replace("core = \"top-core\"", "core = \"top-cor\"");
    let top = family(
        "problems",
        &before,
        &[("top-core", "1.0.0"), ("top-json", "1.0.0")],
    );
    let output = add(&top, &["json", "top-json", "--path", "../top-json"], 1);
    let error = stderr(&output);
    assert!(
        error.starts_with("error: no dependency `top-cor` in Cargo.toml\n"),
        "{}",
        report("the problem is not reported", &output)
    );
    assert!(
        error.ends_with(
            "error: the cratespace `top` has 1 problem: fix it before adding a member (nothing is written)\n"
        ),
        "{}",
        report("no word that nothing is written", &output)
    );
    assert_eq!(cargo_toml(&top), before);
}

#[test]
fn what_stands_at_the_module_path_stops_the_edit() {
    let before = r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-core = { version = "1.0.0", path = "../top-core" }
top-json = { version = "1.0.0", path = "../top-json" }

[package.metadata.cratespace.members]
core = "top-core"
formats.json = "top-json"
"#;
    let top = family(
        "conflicts",
        before,
        &[
            ("top-core", "1.0.0"),
            ("top-json", "1.0.0"),
            ("top-xml", "1.0.0"),
        ],
    );
    let cases = [
        (
            "formats::json",
            "error: `formats::json` is already a member, for `top-json`\n",
        ),
        (
            "formats",
            "error: `formats` is a namespace, so it cannot be a member\n",
        ),
        (
            "core::xml",
            "error: `core` is a member, not a namespace that can hold `core::xml`\n",
        ),
    ];
    for (module, expected) in cases {
        let output = add(&top, &[module, "top-xml", "--path", "../top-xml"], 1);
        assert!(
            stderr(&output).starts_with(expected),
            "{}",
            report(&format!("no {expected:?}"), &output)
        );
        assert_eq!(cargo_toml(&top), before, "`{module}` wrote");
    }
}

#[test]
fn a_dependency_from_nowhere_is_a_usage_error() {
    let top = family("nowhere", PLAIN, &[("top-core", "1.0.0")]);
    let output = add(&top, &["xml", "top-xml"], 2);
    assert_eq!(
        stderr(&output),
        "error: `top` has no dependency `top-xml`: give `--path DIR` for a local crate, or `--version REQ` for one from a registry\n"
    );
    let output = add(&top, &["xml", "top-xml", "--approved", ">=1"], 2);
    assert!(
        stderr(&output).contains("--voucher"),
        "{}",
        report("clap does not ask for --voucher", &output)
    );
    assert_eq!(cargo_toml(&top), PLAIN);
}

#[test]
fn dotted_keys_written_apart_are_left_alone() {
    let before = r#"[package]
name = "top"
version = "1.0.0"
edition = "2021"

[dependencies]
top-core = { version = "1.0.0", path = "../top-core" }
top-json = { version = "1.0.0", path = "../top-json" }

[package.metadata.cratespace.members]
formats.json = "top-json"
core = "top-core"
formats.yaml = "top-json"
"#;
    let top = family(
        "apart",
        before,
        &[("top-core", "1.0.0"), ("top-json", "1.0.0")],
    );
    let output = add(&top, &["io", "top-core"], 2);
    assert!(
        stderr(&output).starts_with(&format!(
            "error: `{}` cannot be edited without moving its line 13: `formats.yaml = \"top-json\"`\n",
            top.join("Cargo.toml").display()
        )),
        "{}",
        report("no line named", &output)
    );
    assert_eq!(cargo_toml(&top), before);
}

/// A workspace of the top crate, the member `add` joins and a program
/// downstream, with `cratespace` from this repository and its lock file,
/// so that cargo resolves offline.
fn workspace_with_downstream() -> PathBuf {
    let dir = scratch("downstream");
    let runtime = repo().display().to_string();
    let top = format!(
        r#"[package]
name = "top"
version = "0.1.0"
edition = "2021"

[dependencies]
cratespace = {{ path = {runtime:?} }}

[package.metadata.cratespace.members]
"#
    );
    write(
        &dir,
        &[
            (
                "Cargo.toml",
                "[workspace]\nmembers = [\"top\", \"top-things\", \"app\"]\nresolver = \"2\"\n",
            ),
            ("top/Cargo.toml", &top),
            ("top/src/lib.rs", "cratespace::cratespace!();\n"),
            (
                "top-things/Cargo.toml",
                "[package]\nname = \"top-things\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
            ),
            ("top-things/src/lib.rs", include_str!("add/thing.rs")),
            (
                "app/Cargo.toml",
                "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ntop = { path = \"../top\" }\n",
            ),
            ("app/src/main.rs", include_str!("add/downstream.rs")),
        ],
    );
    fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

#[test]
fn the_new_member_is_reachable_from_a_downstream_crate() {
    let dir = workspace_with_downstream();
    let top = dir.join("top");
    let before = cargo(&dir, &["check", "-p", "app"]);
    assert!(
        !before.status.success(),
        "{}",
        report("the program compiled before the member was added", &before)
    );
    assert!(
        stderr(&before).contains("could not find `things` in `top`"),
        "{}",
        report("the program failed otherwise", &before)
    );

    add(
        &top,
        &["things", "top-things", "--path", "../top-things"],
        0,
    );
    let run = cargo(&dir, &["run", "-q", "-p", "app"]);
    assert!(
        run.status.success(),
        "{}",
        report("the program failed", &run)
    );
    assert_eq!(stdout(&run), "a thing from top-things\n");
}
