//! End-to-end tests: crate families shaped like real ones, generated and
//! built for real, by cargo run as a subprocess.
//!
//! `families/` (see its `mod.rs`) writes one cargo workspace into
//! `target/families`: a family shaped like bevy's facade (56 members, most
//! behind features named unlike the crates, one behind a target table), one
//! like gix (47 renamed members), one like futures (members that are modules
//! of one crate) and one like icu (members grouped under `unstable`), each
//! with a downstream crate that reaches every member through the top crate,
//! under its own forwarding features. The downstream crates are built with
//! every feature, with none and with the defaults, and their tests run with
//! every feature.
//!
//! The build goes to `target/families-target`, so that it does not wait on
//! the lock of the build that runs these tests. The first run compiles the
//! macro's dependencies there once; the generator rewrites only files whose
//! content changed, so later runs are incremental.
//!
//! The tests take turns (one lock), as they share that target directory.

#[path = "families/mod.rs"]
mod generator;

mod support;

use std::fs;
use std::process::{Command, Output};
use std::sync::OnceLock;

use generator::Generated;
use support::{lock, passed_tests, report, root, run};

/// The workspace, generated once per run.
static GENERATED: OnceLock<Generated> = OnceLock::new();

/// The tests every downstream crate has, whatever its family.
const COMMON_TESTS: &[&str] = &[
    "the_metadata_describes_every_member_as_the_manifest_does",
    "every_member_compiled_in_is_reached_through_its_path",
    "with_all_features_every_member_is_compiled_in",
];

fn generated() -> &'static Generated {
    GENERATED.get_or_init(|| {
        let dir = root().join("target").join("families");
        let generated = generator::generate(&dir, root());
        let lock = dir.join("Cargo.lock");
        if !lock.exists() {
            // The macro's registry dependencies resolve to the versions this
            // repository already uses (and has downloaded).
            fs::copy(root().join("Cargo.lock"), &lock).unwrap();
        }
        generated
    })
}

/// `cargo COMMAND` on every downstream crate of the generated workspace,
/// building into `target/families-target`, without colors.
fn cargo(generated: &Generated, command: &str, args: &[&str]) -> Command {
    let mut cargo = support::cargo("families-target");
    cargo
        .arg(command)
        .arg("--manifest-path")
        .arg(generated.manifest());
    for downstream in &generated.downstream {
        cargo.args(["-p", &downstream.package]);
    }
    cargo.args(args).current_dir(&generated.root);
    cargo
}

fn assert_no_warnings(generated: &Generated, output: &Output) {
    let err = String::from_utf8_lossy(&output.stderr);
    for name in &generated.checked {
        let prefix = format!("`{name}` (");
        assert!(
            !err.lines()
                .any(|line| line.contains(&prefix) && line.contains(") generated ")),
            "{}",
            report(&format!("`{name}` built with warnings"), output)
        );
    }
}

/// Builds every downstream crate with the feature arguments `args`.
fn build(args: &[&str], what: &str) {
    let _guard = lock();
    let generated = generated();
    let output = run(cargo(generated, "build", args));
    assert!(
        output.status.success(),
        "{}",
        report(
            &format!("the families' downstream crates do not build {what}"),
            &output
        )
    );
    assert_no_warnings(generated, &output);
}

#[test]
fn families_have_the_shapes_of_real_ones() {
    let generated = generated();
    let members = |package: &str| {
        generated
            .downstream
            .iter()
            .find(|downstream| downstream.package == package)
            .unwrap_or_else(|| panic!("no downstream crate `{package}`"))
            .members
    };
    assert!(members("bevy-like-use") >= 50);
    assert!(members("gix-like-use") >= 30);
    assert!(members("futures-like-use") >= 4);
    assert!(members("icu-like-use") >= 10);
}

#[test]
fn families_build_with_all_features() {
    build(&["--all-features"], "with all features");
}

#[test]
fn families_build_with_no_default_features() {
    build(&["--no-default-features"], "with no features");
}

#[test]
fn families_build_with_default_features() {
    build(&[], "with their default features");
}

#[test]
fn downstream_tests_pass_with_all_features() {
    let _guard = lock();
    let generated = generated();
    let output = run(cargo(
        generated,
        "test",
        &["--all-features", "--no-fail-fast"],
    ));
    assert!(
        output.status.success(),
        "{}",
        report("the downstream crates' tests failed", &output)
    );
    assert_no_warnings(generated, &output);

    let err = String::from_utf8_lossy(&output.stderr);
    for downstream in &generated.downstream {
        let binary = downstream.package.replace('-', "_");
        assert!(
            err.contains(&format!("deps/{binary}-")) || err.contains(&format!("deps\\{binary}-")),
            "{}",
            report(
                &format!("the tests of `{}` did not run", downstream.package),
                &output
            )
        );
    }

    let out = String::from_utf8_lossy(&output.stdout);
    for test in COMMON_TESTS {
        let passed = out
            .lines()
            .filter(|line| *line == format!("test tests::{test} ... ok"))
            .count();
        assert_eq!(
            passed,
            generated.downstream.len(),
            "{}",
            report(
                &format!("`{test}` did not pass in every downstream crate"),
                &output
            )
        );
    }
    let expected: usize = generated
        .downstream
        .iter()
        .map(|downstream| downstream.tests)
        .sum();
    let passed = passed_tests("the downstream tests", &output);
    assert_eq!(
        passed,
        expected,
        "{}",
        report(
            &format!("expected {expected} downstream tests to pass, counted {passed}"),
            &output
        )
    );
}
