//! What the tests of the generated families share: the workspace written
//! into `target/`, cargo run on its downstream crates, cargo's answer to
//! which members each feature selection compiles, the downstream tests run
//! against that answer, and nightly rustc's expansion of a top crate.

use crate::generator::{self, Facade, Generated};
use crate::support::{self, check, passed_tests, report, root, run};
use cratespace_manifest::Cfg;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The tests every downstream crate has, whatever its family.
pub const COMMON_TESTS: &[&str] = &[
    "tests::the_metadata_describes_every_member_as_the_manifest_does",
    "tests::the_members_compiled_in_are_the_ones_cargo_compiles",
];

/// The families' workspace in `target/NAME`, each top crate a `facade`.
pub fn write_workspace(name: &str, facade: Facade) -> Generated {
    let dir = root().join("target").join(name);
    let generated = generator::generate(&dir, root(), facade);
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        // The macro's registry dependencies resolve to the versions
        // this repository already uses (and has downloaded).
        fs::copy(root().join("Cargo.lock"), &lock).unwrap();
    }
    generated
}

/// The build directory of `generated`'s workspace, under `target/`.
pub fn target_of(generated: &Generated) -> String {
    let name = generated.root.file_name().unwrap().to_string_lossy();
    format!("{name}-target")
}

/// `cargo COMMAND` on every downstream crate of the generated workspace,
/// building into `target/families-target` (for the generated facades,
/// `target/families-generated-target`).
pub fn cargo(generated: &Generated, command: &str, args: &[String]) -> Command {
    let mut cargo = support::cargo(&target_of(generated));
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
/// each `n` below `singles`, the `n`-th feature each family tries alone.
pub fn selections(generated: &Generated, singles: usize) -> Vec<Vec<String>> {
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
        .unwrap_or(0)
        .min(singles);
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
pub fn compiled(generated: &Generated, selection: &[String], host: &[Cfg]) -> Vec<String> {
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

pub fn assert_no_warnings(generated: &Generated, output: &Output) {
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

/// The top crate `package` of `generated` as nightly rustc expands it
/// (`-Zunpretty=expanded`) with the feature flags `features`, without the
/// items by which the macro has the compiler track its manifest: a
/// generated file reads none. Formatted by rustfmt, as the file is.
pub fn expanded(generated: &Generated, package: &str, features: &[String]) -> String {
    let target = format!("{}-nightly", target_of(generated));
    let mut command = support::nightly_cargo(&target, &["rustc", "-q", "--manifest-path"]);
    command
        .arg(generated.manifest())
        .args(["-p", package, "--lib"])
        .args(features)
        .args(["--", "-Zunpretty=expanded"])
        .current_dir(&generated.root);
    support::as_generated(&check("nightly rustc -Zunpretty=expanded", run(command)))
}

/// The `cargo-cratespace` binary, built once for the tests that run it.
pub fn cargo_cratespace() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let mut build = support::cargo("families-tool");
        build.args(["build", "-q", "-p", "cargo-cratespace"]);
        check("cargo build -p cargo-cratespace", run(build));
        support::target_dir("families-tool")
            .join("debug")
            .join(format!("cargo-cratespace{}", std::env::consts::EXE_SUFFIX))
    })
}

/// Runs the downstream crates' tests under each of `selections`, telling
/// them what cargo compiles.
pub fn test_downstream(generated: &Generated, selections: &[Vec<String>]) {
    let host = support::rustc_cfg(None);
    let expected: usize = generated.downstream.iter().map(|d| d.tests).sum();
    for selection in selections {
        let selection = &selection[..];
        let what = format!("with [{}]", selection.join(" "));
        let compiled = compiled(generated, selection, &host);
        if selection == ["--all-features"] {
            let all: usize = generated.downstream.iter().map(|d| d.members.len()).sum();
            assert_eq!(compiled.len(), all, "{what}, cargo compiles every member");
        }

        let mut test = cargo(generated, "test", selection);
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
