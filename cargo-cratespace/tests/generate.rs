//! `cargo cratespace generate`: the demo family built from its generated
//! file in place of the macro, in a copy of its crates outside this
//! repository, and asked of cargo what the facade's users compile.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{assert_exit, cargo, cratespace, repo, report, scratch, stderr, stdout, write};

/// The demo's crates, copied into a workspace of their own in `dir`: the
/// repository's `[workspace.package]` and `[workspace.dependencies]` at
/// its root, its lock file (so that cargo resolves offline), and the path
/// to `cratespace` pointing back at the repository.
fn demo(name: &str) -> PathBuf {
    let dir = scratch(name);
    let root = fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    let shared = root
        .split("\n[")
        .filter(|section| {
            section.starts_with("workspace.package]")
                || section.starts_with("workspace.dependencies]")
        })
        .map(|section| format!("[{section}\n"))
        .collect::<String>();
    assert!(
        shared.contains("edition"),
        "no [workspace.package] in\n{root}"
    );
    write(
        &dir,
        &[(
            "Cargo.toml",
            &format!("[workspace]\nmembers = [\"examples/*\"]\nresolver = \"3\"\n\n{shared}"),
        )],
    );
    fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    copy_tree(&repo().join("examples"), &dir.join("examples"));
    // The paths into the repository, made absolute.
    let repo = repo().to_str().unwrap().to_owned();
    edit(&dir.join("examples/acme/Cargo.toml"), |text| {
        text.replace("path = \"../..\"", &format!("path = {repo:?}"))
    });
    edit(&dir.join("examples/acme-derive/Cargo.toml"), |text| {
        let member = format!("{repo}/cratespace-member");
        text.replace(
            "path = \"../../cratespace-member\"",
            &format!("path = {member:?}"),
        )
    });
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Rewrites the file at `path`, which the edit must change.
fn edit(path: &Path, change: impl FnOnce(&str) -> String) {
    let text = fs::read_to_string(path).unwrap();
    let changed = change(&text);
    assert_ne!(
        text,
        changed,
        "the edit of {} changed nothing",
        path.display()
    );
    fs::write(path, changed).unwrap();
}

/// The demo's top crate turned into a generated facade: the `include!` in
/// place of the macro, `cratespace` without its macros, and the file's
/// path in the manifest.
fn use_generated_file(dir: &Path) {
    let acme = dir.join("examples/acme");
    edit(&acme.join("src/lib.rs"), |text| {
        text.replace("cratespace::cratespace!();", "include!(\"cratespace.rs\");")
    });
    edit(&acme.join("Cargo.toml"), |text| {
        text.replace(
            "cratespace = { version",
            "cratespace = { default-features = false, version",
        )
        .replace(
            "versioning = \"lockstep\"\n",
            "versioning = \"lockstep\"\ngenerated = \"src/cratespace.rs\"\n",
        )
    });
}

/// The standard output of `cargo ARGS`, which must succeed.
fn cargo_ok(dir: &Path, args: &[&str]) -> String {
    let output = cargo(dir, args);
    assert!(
        output.status.success(),
        "{}",
        report(&format!("cargo {} failed", args.join(" ")), &output)
    );
    stdout(&output)
}

/// The packages of `cargo tree -p PACKAGE -e normal`, one name a line,
/// without what only the packages of `prune` bring.
fn normal_graph(dir: &Path, package: &str, prune: &[&str]) -> Vec<String> {
    let mut args = vec![
        "tree", "-p", package, "-e", "normal", "--prefix", "none", "--format", "{p}",
    ];
    for pruned in prune {
        args.extend(["--prune", pruned]);
    }
    let tree = cargo_ok(dir, &args);
    tree.lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_demo_runs_the_same_from_its_generated_file() {
    let dir = demo("demo");
    let with_macro = cargo_ok(&dir, &["run", "-q", "-p", "acme-app"]);
    assert!(with_macro.contains("crate family:"), "{with_macro}");

    use_generated_file(&dir);
    let output = cratespace(&dir, &["generate", "-p", "acme"]);
    assert_exit(&output, 0);
    assert!(
        stderr(&output).contains("Generated src/cratespace.rs"),
        "{}",
        report("no status line", &output)
    );
    let file = dir.join("examples/acme/src/cratespace.rs");
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with(
            "// Generated by `cargo cratespace generate` from the cratespace table of\n\
             // Cargo.toml: do not edit it.\n\
             // Write it again with `cargo cratespace generate -p acme`;\n"
        ),
        "{text}"
    );
    assert!(text.contains("pub mod formats {"), "{text}");
    assert!(text.contains("::cratespace::"), "{text}");
    // The module through which `#[derive(Describe)]` reaches `acme-core`,
    // whose output `acme-app` prints below.
    assert!(
        text.contains("pub mod __cratespace {") && text.contains("    pub use ::acme_core;\n"),
        "{text}"
    );

    let from_file = cargo_ok(&dir, &["run", "-q", "-p", "acme-app"]);
    assert_eq!(from_file, with_macro, "the demo printed otherwise");

    for package in ["acme", "acme-app"] {
        let graph = normal_graph(&dir, package, &[]);
        assert!(
            graph.iter().any(|name| name == "cratespace-runtime"),
            "{graph:?}"
        );
        assert!(
            !graph.iter().any(|name| name == "cratespace-macros"),
            "`cratespace-macros` is in the graph of `{package}`: {graph:?}"
        );
        // The demo's derive reads its user's `Cargo.toml` through
        // `cratespace-member`, which brings a TOML parser: the family's
        // own proc macro, not the facade's. Without it, none is left.
        let graph = normal_graph(&dir, package, &["cratespace-member"]);
        for absent in ["cratespace-manifest", "toml", "semver"] {
            assert!(
                !graph.iter().any(|name| name == absent),
                "`{absent}` is in the graph of `{package}`: {graph:?}"
            );
        }
    }

    // Generating again changes nothing.
    let output = cratespace(&dir, &["generate", "-p", "acme"]);
    assert_exit(&output, 0);
    assert!(
        stderr(&output).contains("Fresh src/cratespace.rs"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn the_generated_file_is_stable_under_rustfmt() {
    let dir = demo("rustfmt");
    use_generated_file(&dir);
    assert_exit(&cratespace(&dir, &["generate", "-p", "acme"]), 0);
    let file = dir.join("examples/acme/src/cratespace.rs");
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let output = Command::new(rustfmt)
        .args(["--check", "--edition", "2024"])
        .arg(&file)
        .output()
        .expect("rustfmt runs");
    assert!(
        output.status.success(),
        "{}",
        report("rustfmt would change the generated file", &output)
    );
}

#[test]
fn check_fails_after_an_edit_of_the_cratespace_table() {
    let dir = demo("check");
    use_generated_file(&dir);
    assert_exit(&cratespace(&dir, &["generate", "-p", "acme"]), 0);
    let file = dir.join("examples/acme/src/cratespace.rs");
    let fresh = fs::read_to_string(&file).unwrap();

    let output = cratespace(&dir, &["generate", "-p", "acme", "--check"]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "", "a diff of a fresh file");
    assert_exit(&cratespace(&dir, &["check", "-p", "acme"]), 0);

    // Only the cratespace table changes: a member's doc line.
    edit(&dir.join("examples/acme/Cargo.toml"), |text| {
        text.replace(
            "doc = \"Fast integer formatting\"",
            "doc = \"Integers, formatted fast\"",
        )
    });
    let output = cratespace(&dir, &["generate", "-p", "acme", "--check"]);
    assert_exit(&output, 1);
    let diff = stdout(&output);
    assert!(
        diff.contains("--- src/cratespace.rs\n+++ src/cratespace.rs\n"),
        "{}",
        report("no diff header", &output)
    );
    let changed: Vec<&str> = diff
        .lines()
        .filter(|line| {
            (line.starts_with('-') || line.starts_with('+'))
                && !line.starts_with("---")
                && !line.starts_with("+++")
        })
        .collect();
    assert!(
        changed
            .iter()
            .any(|line| line.starts_with('-') && line.contains("Fast integer formatting"))
            && changed
                .iter()
                .any(|line| line.starts_with('+') && line.contains("Integers, formatted fast")),
        "{}",
        report("the diff does not show the doc line", &output)
    );
    assert!(
        stderr(&output).contains("is not what the manifest of `acme` gives"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        fresh,
        "`--check` wrote the file"
    );

    let output = cratespace(&dir, &["check", "-p", "acme"]);
    assert_exit(&output, 1);
    let err = stderr(&output);
    assert!(
        err.contains("the generated file `src/cratespace.rs` is stale")
            && err.contains("cargo cratespace generate -p acme"),
        "{}",
        report("check does not report the stale file", &output)
    );

    assert_exit(&cratespace(&dir, &["generate", "-p", "acme"]), 0);
    assert_exit(&cratespace(&dir, &["generate", "-p", "acme", "--check"]), 0);
    assert_exit(&cratespace(&dir, &["check", "-p", "acme"]), 0);
}

#[test]
fn check_reports_a_missing_generated_file() {
    let dir = demo("missing");
    use_generated_file(&dir);
    let output = cratespace(&dir, &["check", "-p", "acme"]);
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("the generated file `src/cratespace.rs` is missing"),
        "{}",
        report("check does not report the missing file", &output)
    );
}

#[test]
fn a_facade_without_metadata_depends_on_nothing_of_cratespace() {
    let dir = demo("no-metadata");
    let acme = dir.join("examples/acme");
    edit(&acme.join("Cargo.toml"), |text| {
        let without: String = text
            .lines()
            .filter(|line| !line.starts_with("cratespace = "))
            .map(|line| format!("{line}\n"))
            .collect();
        without.replace(
            "versioning = \"lockstep\"\n",
            "versioning = \"lockstep\"\nmetadata = false\n",
        )
    });
    edit(&acme.join("src/lib.rs"), |text| {
        let text = text.replace("cratespace::cratespace!();", "include!(\"cratespace.rs\");");
        // The doc comment's table links the const, which is gone.
        text.replace(
            "//! [`CRATESPACE`] describes",
            "//! `CRATESPACE` would describe",
        )
    });
    let output = cratespace(
        &dir,
        &[
            "generate",
            "-p",
            "acme",
            "--output",
            "examples/acme/src/cratespace.rs",
        ],
    );
    assert_exit(&output, 0);
    let text = fs::read_to_string(acme.join("src/cratespace.rs")).unwrap();
    assert!(!text.contains("cratespace::"), "{text}");
    cargo_ok(&dir, &["build", "-p", "acme"]);
    // What the facade needs; the demo's derive brings `cratespace-member`.
    let graph = normal_graph(&dir, "acme", &["cratespace-member"]);
    assert!(
        !graph.iter().any(|name| name.starts_with("cratespace")),
        "{graph:?}"
    );
}

#[test]
fn a_renamed_runtime_is_reached_by_its_key() {
    let dir = demo("renamed");
    use_generated_file(&dir);
    edit(&dir.join("examples/acme/Cargo.toml"), |text| {
        text.replace(
            "cratespace = { default-features = false, version",
            "facade-support = { package = \"cratespace\", default-features = false, version",
        )
    });
    assert_exit(&cratespace(&dir, &["generate", "-p", "acme"]), 0);
    let text = fs::read_to_string(dir.join("examples/acme/src/cratespace.rs")).unwrap();
    assert!(text.contains("::facade_support::"), "{text}");
    assert!(!text.contains("::cratespace::"), "{text}");
    let out = cargo_ok(&dir, &["run", "-q", "-p", "acme-app"]);
    assert!(out.contains("crate family:"), "{out}");
}

#[test]
fn the_metadata_const_needs_the_runtime() {
    let dir = demo("no-runtime");
    use_generated_file(&dir);
    edit(&dir.join("examples/acme/Cargo.toml"), |text| {
        text.lines()
            .filter(|line| !line.starts_with("cratespace = "))
            .map(|line| format!("{line}\n"))
            .collect()
    });
    let output = cratespace(&dir, &["generate", "-p", "acme"]);
    assert_exit(&output, 2);
    let err = stderr(&output);
    assert!(
        err.contains("`acme` does not depend on `cratespace`, which its `CRATESPACE` const needs")
            && err.contains("default-features = false")
            && err.contains("metadata = false"),
        "{}",
        report("no help to add the runtime", &output)
    );
    assert!(!dir.join("examples/acme/src/cratespace.rs").exists());
}

#[test]
fn without_a_path_generate_asks_for_one() {
    let dir = demo("no-path");
    let output = cratespace(&dir, &["generate", "-p", "acme"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("give `--output`, or set `generated = \"src/cratespace.rs\"`"),
        "{}",
        report("no help to name the file", &output)
    );
}

#[test]
fn a_file_of_another_release_is_a_compile_error() {
    let dir = demo("format");
    use_generated_file(&dir);
    assert_exit(&cratespace(&dir, &["generate", "-p", "acme"]), 0);
    // The member table as a release with another encoding writes it.
    edit(&dir.join("examples/acme/src/cratespace.rs"), |text| {
        text.replacen("r#\"1:", "r#\"9:", 1)
    });
    let output = cargo(&dir, &["build", "-p", "acme"]);
    assert!(
        !output.status.success(),
        "{}",
        report("the build passed", &output)
    );
    let err = stderr(&output);
    assert!(
        err.contains("error[E0080]")
            && err.contains("was generated by another release of cratespace")
            && err.contains("generate it again"),
        "{}",
        report("no clear error for the old file", &output)
    );
}

/// The top crate `package` of `dir` as the compiler expands it, by nightly
/// rustc's `-Zunpretty=expanded`, without the items by which the macro has
/// the compiler track its manifest (a generated file reads none), formatted
/// by rustfmt, as the file is.
fn expanded(dir: &Path, package: &str) -> String {
    let target = repo().join("target").join("generate-tests-nightly");
    let output = support::nightly_cargo(dir, &target)
        .args(["rustc", "-q", "-p", package, "--lib", "--all-features"])
        .args(["--", "-Zunpretty=expanded"])
        .env("CARGO_NET_OFFLINE", "true")
        .output()
        .expect("rustup runs the nightly toolchain");
    assert!(
        output.status.success(),
        "{}",
        report("nightly rustc -Zunpretty=expanded failed", &output)
    );
    support::as_generated(&stdout(&output))
}

/// Only nightly rustc prints a crate as expanded; `.ci/run` installs it.
#[test]
#[ignore = "needs a nightly toolchain: rustup toolchain install nightly"]
fn the_generated_file_gives_the_items_of_the_macro() {
    let dir = demo("expanded");
    let with_macro = expanded(&dir, "acme");
    assert!(
        with_macro.contains("pub use ::acme_json as json;"),
        "{with_macro}"
    );
    use_generated_file(&dir);
    assert_exit(&cratespace(&dir, &["generate", "-p", "acme"]), 0);
    let from_file = expanded(&dir, "acme");
    assert!(
        with_macro == from_file,
        "the expansions differ:\n--- with the macro:\n{with_macro}\n--- from the file:\n{from_file}"
    );
}
