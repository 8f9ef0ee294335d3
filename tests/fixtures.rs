//! End-to-end tests: the fixture cratespaces in `tests/fixtures/` are built
//! and tested for real, by cargo run as a subprocess.
//!
//! `tests/fixtures/` is a cargo workspace of its own (see its `README.md`):
//! member crates, top crates that call `cratespace!()`, and downstream crates
//! whose tests use the generated namespaces and read the metadata. Its build
//! goes to `target/fixtures`, so that it does not wait on the lock of the
//! build that runs these tests. The first run compiles the macro's
//! dependencies there once; later runs are incremental.
//!
//! The tests take turns (one lock), as they share that target directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

mod support;
use support::{copy_dir, lock, passed_tests, report, root, run, stderr, stdout};

/// The downstream crates whose tests `cargo test` must run in the fixture
/// workspace, one or more per situation.
const DOWNSTREAM: &[&str] = &[
    "nesting_use",
    "globs_use",
    "subpath_use",
    "renamed_use",
    "optional_use",
    "optional_implicit_use",
    "optional_weak_use",
    "target_cfg_use",
    "inherit_use",
    "macro_members_use",
    "no_std_use",
    "metadata_use",
    "renamed_runtime_use",
    "member_docs_use",
    "edit_app",
    "versioning_use",
    "hygiene_use",
    "manifest_file_use",
    "derive_renamed_facade",
    "derive_direct",
    "derive_direct_renamed",
    "derive_both",
    "derive_inherit_facade",
    "derive_inherit_dotted",
    "derive_target_cfg",
    "derive_no_std",
];

fn fixtures_dir() -> PathBuf {
    root().join("tests").join("fixtures")
}

fn fixtures_manifest() -> PathBuf {
    fixtures_dir().join("Cargo.toml")
}

fn target_dir() -> PathBuf {
    support::target_dir("fixtures")
}

/// `cargo ARGS`, building into `target/fixtures`.
fn cargo(args: &[&str]) -> Command {
    let mut command = support::cargo("fixtures");
    command.args(args);
    command
}

#[test]
fn fixtures_build_and_their_tests_pass() {
    let _guard = lock();
    let manifest = fixtures_manifest();
    // The default members: every fixture but the one that must not build.
    // Each downstream crate turns on the features of its top crate that it
    // needs in its own Cargo.toml; no two of them share a top crate, so
    // feature unification across the workspace changes no gate.
    let output = run(cargo(&[
        "test",
        "--manifest-path",
        manifest.to_str().unwrap(),
        "--no-fail-fast",
    ]));
    assert!(
        output.status.success(),
        "{}",
        report("the fixture workspace's tests failed", &output)
    );

    let err = stderr(&output);
    for krate in DOWNSTREAM {
        assert!(
            err.contains(&format!("deps/{krate}-")) || err.contains(&format!("deps\\{krate}-")),
            "{}",
            report(
                &format!("the tests of the fixture crate `{krate}` did not run"),
                &output
            )
        );
    }
    // The generated code must not make its users' builds warn.
    assert!(
        !err.contains(") generated "),
        "{}",
        report("the fixture workspace built with warnings", &output)
    );

    let passed = passed_tests("the fixture tests", &output);
    assert!(
        passed >= 54,
        "{}",
        report(
            &format!("expected at least 54 fixture tests to pass, counted {passed}"),
            &output
        )
    );
}

#[test]
fn the_workspace_root_package_derives_with_what_it_inherits_from_itself() {
    let _guard = lock();
    // A workspace of its own: its root package is the consumer.
    let manifest = fixtures_dir().join("derive-paths/root/Cargo.toml");
    let output = run(cargo(&[
        "test",
        "--manifest-path",
        manifest.to_str().unwrap(),
    ]));
    let passed = passed_tests("derive-root", &output);
    assert!(
        output.status.success() && passed == 1,
        "{}",
        report("the tests of `derive-root` did not pass", &output)
    );
}

#[test]
fn a_misspelt_override_is_an_error_at_the_override() {
    let _guard = lock();
    let manifest = fixtures_manifest();
    let output = run(cargo(&[
        "check",
        "--manifest-path",
        manifest.to_str().unwrap(),
        "-p",
        "derive-misspelt",
    ]));
    let err = stderr(&output);
    assert!(
        !output.status.success(),
        "{}",
        report("`derive-misspelt` built with a path to no crate", &output)
    );
    // rustc's wording of E0433 changed across releases ("failed to resolve:
    // could not find `aa` in the list of imported crates" in 1.85, "cannot
    // find `aa` in the crate root" later), so hold the code, the name and
    // the place, which every release since the MSRV prints.
    for expected in [
        "error[E0433]: ",
        "`aa`",
        "derive-paths/misspelt/src/lib.rs:9:20",
        "#[describe(crate = \"::aa::__cratespace::acme_core\")]",
    ] {
        assert!(
            err.contains(expected),
            "{}",
            report(&format!("the error does not say {expected:?}"), &output)
        );
    }
}

#[test]
fn member_feature_off_names_the_feature() {
    let _guard = lock();
    let manifest = fixtures_manifest();
    let manifest = manifest.to_str().unwrap();

    // `macro-members-feature-off` uses `macro_members::derive` without the
    // `derive` feature of `macro-members`: the build must fail, and say which
    // feature to turn on.
    let output = run(cargo(&[
        "check",
        "--manifest-path",
        manifest,
        "-p",
        "macro-members-feature-off",
    ]));
    let err = stderr(&output);
    assert!(
        !output.status.success(),
        "{}",
        report(
            "`macro-members-feature-off` built, but `macro_members::derive` should not exist without the `derive` feature",
            &output
        )
    );
    for expected in [
        "error[E0432]: unresolved import `macro_members::derive`",
        "could not find `derive` in `macro_members`",
        "note: found an item that was configured out",
        "the item is gated behind the `derive` feature",
    ] {
        assert!(
            err.contains(expected),
            "{}",
            report(&format!("the error does not say {expected:?}"), &output)
        );
    }
    assert!(
        err.contains("due to 1 previous error"),
        "{}",
        report("expected exactly one error", &output)
    );

    // The same crate with the feature on builds: the feature was the only
    // thing missing.
    let output = run(cargo(&[
        "check",
        "--manifest-path",
        manifest,
        "-p",
        "macro-members-feature-off",
        "--features",
        "macro-members/derive",
    ]));
    assert!(
        output.status.success(),
        "{}",
        report(
            "`macro-members-feature-off` does not build even with `macro-members/derive`",
            &output
        )
    );
}

#[test]
fn an_edition_2024_member_exists_under_its_implicit_feature() {
    let _guard = lock();
    let manifest = fixtures_manifest();
    let manifest = manifest.to_str().unwrap();
    for (feature, on) in [(None, false), (Some("kid"), true), (Some("other"), true)] {
        let mut selection = Vec::new();
        let mut forwarded = Vec::new();
        if let Some(feature) = feature {
            selection = vec!["--features", feature];
            forwarded = vec!["--features".to_owned(), format!("implicit-2024/{feature}")];
        }
        let what = format!("with {selection:?}");

        // Cargo's answer: does it compile `kid` for the top crate?
        let mut tree = cargo(&["tree", "--manifest-path", manifest, "-p", "implicit-2024"]);
        tree.args(["-e", "normal", "--depth", "1", "--prefix", "none"])
            .args(&forwarded);
        let tree = support::check(&format!("cargo tree {what}"), run(tree));
        assert_eq!(
            tree.lines().any(|line| line.starts_with("fx-feat ")),
            on,
            "{what}: {tree}"
        );

        let mut program = cargo(&[
            "run",
            "--manifest-path",
            manifest,
            "-p",
            "implicit-2024-app",
        ]);
        program.args(&selection);
        let out = support::check(&format!("implicit-2024-app {what}"), run(program));
        assert_eq!(
            out.lines().next(),
            Some(format!("kid [feature = \"kid\"] enabled={on}").as_str()),
            "{what}: {out}"
        );
        assert_eq!(
            out.contains("reached plain with [\"feat\"]"),
            feature == Some("other"),
            "{what}: {out}"
        );
        assert_eq!(
            out.contains("reached plain with []"),
            feature == Some("kid"),
            "{what}: {out}"
        );
    }
}

/// The `[package.metadata.cratespace.members]` table of
/// `edit-metadata/top/Cargo.toml`, as checked in; the test appends a line.
const MEMBERS_TABLE: &str = "[package.metadata.cratespace.members]\nshapes = \"fx-shapes\"\n";

#[test]
fn editing_only_the_metadata_table_adds_the_member() {
    edit_adds_member(
        "edit-metadata",
        "edit-app",
        "Cargo.toml",
        MEMBERS_TABLE,
        "edit-top",
    );
}

#[test]
fn editing_only_the_manifest_file_adds_the_member() {
    edit_adds_member(
        "edit-manifest-file",
        "edit-file-app",
        "cratespace.toml",
        "[members]\nshapes = \"fx-shapes\"\n",
        "edit-file-top",
    );
}

/// Copies the fixture `name` (a `top` crate and an `app` printing its
/// members), runs the app, adds the member `units` after `table` in the top
/// crate's `file` and nothing else, and checks that the next build, without
/// `cargo clean`, recompiles the top crate and shows the new member.
fn edit_adds_member(name: &str, app: &str, file: &str, table: &str, top: &str) {
    let _guard = lock();
    let source = fixtures_dir().join(name);
    let work = unique_temp_dir(name);
    copy_crate(&source.join("top"), &work.join("top"), &source);
    copy_crate(&source.join("app"), &work.join("app"), &source);
    fs::write(
        work.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"top\", \"app\"]\n",
    )
    .unwrap();
    // The fixture workspace's lock: the registry dependencies of the macro
    // resolve to the versions already built in the shared target directory.
    fs::copy(fixtures_dir().join("Cargo.lock"), work.join("Cargo.lock")).unwrap();

    let manifest = work.join("Cargo.toml");
    let manifest = manifest.to_str().unwrap();
    let run_app = || run(cargo(&["run", "--manifest-path", manifest, "-p", app]));

    // Every copy has the same package ids relative to its workspace, so a
    // copy made by an earlier run shares the artifacts and fingerprints in
    // the shared target directory, with the dep-info of that run's files:
    // start from no build of the two copied crates.
    let clean = run(cargo(&[
        "clean",
        "--manifest-path",
        manifest,
        "-p",
        top,
        "-p",
        app,
    ]));
    assert!(
        clean.status.success(),
        "{}",
        report("`cargo clean` of the copied crates failed", &clean)
    );

    let before = run_app();
    assert!(
        before.status.success(),
        "{}",
        report(&format!("the copied `{app}` does not run"), &before)
    );
    assert_eq!(
        stdout(&before),
        "shapes fx_shapes on\n",
        "{}",
        report("unexpected members before the edit", &before)
    );

    // Edit the member table only: `fx-units` is already a dependency.
    let edited_file = work.join("top").join(file);
    let text = fs::read_to_string(&edited_file).unwrap();
    assert_eq!(
        text.matches(table).count(),
        1,
        "the members table of {} is not as the test expects:\n{text}",
        edited_file.display()
    );
    let edited = text.replace(table, &format!("{table}units = \"fx-units\"\n"));
    fs::write(&edited_file, edited).unwrap();

    // Rebuild, without `cargo clean`.
    let after = run_app();
    assert!(
        after.status.success(),
        "{}",
        report(&format!("`{app}` does not run after the edit"), &after)
    );
    assert_eq!(
        stdout(&after),
        "shapes fx_shapes on\nunits fx_units on\n",
        "{}",
        report(
            &format!("the member added to {file} is not in CRATESPACE after a rebuild"),
            &after
        )
    );
    let err = stderr(&after);
    assert!(
        err.contains(&format!("Compiling {top}")),
        "{}",
        report(&format!("the edit did not recompile `{top}`"), &after)
    );
    assert!(
        !err.contains("Compiling cratespace-macros"),
        "{}",
        report("the rebuild was not incremental", &after)
    );

    // Kept on failure, for a look; removed once everything held.
    fs::remove_dir_all(&work).unwrap();
}

/// A new directory under `target/fixtures/tmp`, unique to this run.
fn unique_temp_dir(name: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let dir = target_dir()
        .join("tmp")
        .join(format!("{name}-{}-{nanos}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies the crate at `from` to `to`, leaving out any `target`, with every
/// `path = "…"` of its `Cargo.toml` that leads out of `keep` made absolute.
fn copy_crate(from: &Path, to: &Path, keep: &Path) {
    copy_dir(from, to);
    let manifest = fs::read_to_string(from.join("Cargo.toml")).unwrap();
    let keep = keep.canonicalize().unwrap();
    let mut rewritten = String::new();
    let mut rest = manifest.as_str();
    const KEY: &str = "path = \"";
    while let Some(at) = rest.find(KEY) {
        let (head, tail) = rest.split_at(at + KEY.len());
        rewritten.push_str(head);
        let end = tail.find('"').expect("a closing quote");
        let value = &tail[..end];
        let target = from.join(value).canonicalize().unwrap_or_else(|error| {
            panic!("{value} in {}: {error}", from.join("Cargo.toml").display())
        });
        if target.starts_with(&keep) {
            rewritten.push_str(value);
        } else {
            let absolute = target.to_str().expect("a UTF-8 path");
            rewritten.push_str(&absolute.replace('\\', "\\\\").replace('"', "\\\""));
        }
        rest = &tail[end..];
    }
    rewritten.push_str(rest);
    fs::write(to.join("Cargo.toml"), rewritten).unwrap();
}
