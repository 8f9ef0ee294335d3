//! End-to-end tests: crate families shaped like real ones, generated and
//! built for real, by cargo run as a subprocess, with cargo as the oracle
//! of which members exist.
//!
//! `families/` (see its `mod.rs`) writes one cargo workspace into
//! `target/families`: a family shaped like bevy's facade (56 members, most
//! behind features named unlike the crates, one behind a target table), one
//! like gix (49 renamed members, two behind implicit features), one like
//! futures (members that are modules of one crate) and one like icu
//! (members grouped under `unstable`), each with a downstream crate whose
//! sources are the files of `families/downstream/`.
//!
//! For each feature selection (the defaults, none, all, and a few features
//! of each family alone) the harness asks `cargo tree` which dependencies
//! of each top crate cargo compiles, tells the downstream crates through
//! `FAMILY_COMPILED` (their build script turns it into cfgs), and runs their
//! tests: every member cargo compiles must be reachable through its path,
//! none other may be in the expansion (the top crate would not build), and
//! the metadata must report exactly those as enabled.
//!
//! The build goes to `target/families-target`, so that it does not wait on
//! the lock of the build that runs these tests. The first run compiles the
//! macro's dependencies there once; the generator rewrites only files whose
//! content changed, so later runs are incremental.

#[path = "families/mod.rs"]
mod generator;

mod support;

// The downstream crates' sources, formatted with the rest of the
// repository; they are compiled only in the generated workspace.
#[cfg(any())]
#[path = "families/downstream/bevy.rs"]
mod downstream_bevy;
#[cfg(any())]
#[path = "families/downstream/build.rs"]
mod downstream_build;
#[cfg(any())]
#[path = "families/downstream/futures.rs"]
mod downstream_futures;
#[cfg(any())]
#[path = "families/downstream/gix.rs"]
mod downstream_gix;
#[cfg(any())]
#[path = "families/downstream/icu.rs"]
mod downstream_icu;
#[cfg(any())]
#[path = "families/downstream/lib.rs"]
mod downstream_lib;

use cratespace_manifest::Cfg;
use generator::Generated;
use std::collections::BTreeSet;
use std::fs;
use std::process::{Command, Output};
use std::sync::OnceLock;
use support::{check, passed_tests, report, root, run};

/// The tests every downstream crate has, whatever its family.
const COMMON_TESTS: &[&str] = &[
    "tests::the_metadata_describes_every_member_as_the_manifest_does",
    "tests::the_members_compiled_in_are_the_ones_cargo_compiles",
];

/// The workspace, generated once per run.
fn generate() -> &'static Generated {
    static GENERATED: OnceLock<Generated> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let dir = root().join("target").join("families");
        let generated = generator::generate(&dir, root());
        let lock = dir.join("Cargo.lock");
        if !lock.exists() {
            // The macro's registry dependencies resolve to the versions
            // this repository already uses (and has downloaded).
            fs::copy(root().join("Cargo.lock"), &lock).unwrap();
        }
        generated
    })
}

/// `cargo COMMAND` on every downstream crate of the generated workspace,
/// building into `target/families-target`.
fn cargo(generated: &Generated, command: &str, args: &[String]) -> Command {
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

/// The feature selections tried: the defaults, none, all, and then, for
/// each `n`, the `n`-th feature each family tries alone.
fn selections(generated: &Generated) -> Vec<Vec<String>> {
    let mut selections = vec![
        Vec::new(),
        vec!["--no-default-features".to_owned()],
        vec!["--all-features".to_owned()],
    ];
    let most = generated
        .downstream
        .iter()
        .map(|d| d.alone.len())
        .max()
        .unwrap_or(0);
    for n in 0..most {
        let features: Vec<String> = generated
            .downstream
            .iter()
            .filter_map(|d| Some(format!("{}/{}", d.package, d.alone.get(n)?)))
            .collect();
        selections.push(vec![
            "--no-default-features".to_owned(),
            "--features".to_owned(),
            features.join(","),
        ]);
    }
    selections
}

/// Cargo's answer for `selection`: each downstream crate's members whose
/// dependency cargo compiles (and whose explicit `cfg`, if any, holds under
/// the features cargo turns on), as `FAMILY_COMPILED` entries.
fn compiled(generated: &Generated, selection: &[String], host: &[Cfg]) -> Vec<String> {
    let mut tree = cargo(generated, "tree", selection);
    tree.args(["-e", "normal", "--depth", "2"])
        .args(support::TREE_FORMAT);
    let lines = support::tree_lines(&check("cargo tree", run(tree)));
    let mut entries = Vec::new();
    for downstream in &generated.downstream {
        let start = lines
            .iter()
            .position(|line| line.depth == 0 && line.package == downstream.package)
            .unwrap_or_else(|| panic!("cargo tree shows no `{}`", downstream.package));
        let top = lines[start + 1..]
            .iter()
            .take_while(|line| line.depth > 0)
            .find(|line| line.depth == 1 && line.package == downstream.top)
            .unwrap_or_else(|| {
                panic!(
                    "`{}` does not depend on `{}`",
                    downstream.package, downstream.top
                )
            });
        let packages: BTreeSet<&str> = lines[start + 1..]
            .iter()
            .take_while(|line| line.depth > 0)
            .filter(|line| line.depth == 2)
            .map(|line| line.package.as_str())
            .collect();
        let holds = |atom: &Cfg| {
            host.contains(atom)
                || matches!(atom, Cfg::KeyValue(key, value)
                    if key == "feature" && top.features.contains(value))
        };
        for member in &downstream.members {
            let explicit = member.cfg.is_none_or(|cfg| {
                Cfg::parse(cfg)
                    .expect("a family's cfg parses")
                    .holds(&holds)
            });
            if packages.contains(member.package.as_str()) && explicit {
                entries.push(format!("{} {}", downstream.package, member.path));
            }
        }
    }
    entries
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

#[test]
fn families_have_the_shapes_of_real_ones() {
    let generated = generate();
    let members = |package: &str| {
        generated
            .downstream
            .iter()
            .find(|downstream| downstream.package == package)
            .unwrap_or_else(|| panic!("no downstream crate `{package}`"))
            .members
            .len()
    };
    assert!(members("bevy-like-use") >= 50);
    assert!(members("gix-like-use") >= 30);
    assert!(members("futures-like-use") >= 4);
    assert!(members("icu-like-use") >= 10);
}

#[test]
fn members_exist_exactly_when_cargo_compiles_their_dependency() {
    let generated = generate();
    let host = support::rustc_cfg(None);
    let expected: usize = generated.downstream.iter().map(|d| d.tests).sum();
    for selection in selections(generated) {
        let what = format!("with [{}]", selection.join(" "));
        let compiled = compiled(generated, &selection, &host);
        if selection == ["--all-features"] {
            let all: usize = generated.downstream.iter().map(|d| d.members.len()).sum();
            assert_eq!(compiled.len(), all, "{what}, cargo compiles every member");
        }

        let mut test = cargo(generated, "test", &selection);
        test.arg("--no-fail-fast")
            .env("FAMILY_COMPILED", compiled.join(";"));
        let output = run(test);
        assert!(
            output.status.success(),
            "{}",
            report(
                &format!("the downstream crates' tests failed {what}"),
                &output
            )
        );
        assert_no_warnings(generated, &output);
        let out = support::stdout(&output);
        for test in COMMON_TESTS {
            let passed = out
                .lines()
                .filter(|line| *line == format!("test {test} ... ok"))
                .count();
            assert_eq!(
                passed,
                generated.downstream.len(),
                "{}",
                report(
                    &format!("`{test}` did not pass in every downstream crate {what}"),
                    &output
                )
            );
        }
        if selection == ["--all-features"] {
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
    }
}
