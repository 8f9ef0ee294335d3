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
use generator::{Facade, Generated};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
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
    GENERATED.get_or_init(|| write_workspace("families", Facade::Macro))
}

/// The families as generated facades, in a workspace of their own; the
/// `cratespace.rs` files are `cargo cratespace generate`'s to write.
fn generate_facades() -> &'static Generated {
    static GENERATED: OnceLock<Generated> = OnceLock::new();
    GENERATED.get_or_init(|| write_workspace("families-generated", Facade::Generated))
}

/// The families' workspace in `target/NAME`, each top crate a `facade`.
fn write_workspace(name: &str, facade: Facade) -> Generated {
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
fn target_of(generated: &Generated) -> String {
    let name = generated.root.file_name().unwrap().to_string_lossy();
    format!("{name}-target")
}

/// `cargo COMMAND` on every downstream crate of the generated workspace,
/// building into `target/families-target` (for the generated facades,
/// `target/families-generated-target`).
fn cargo(generated: &Generated, command: &str, args: &[String]) -> Command {
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
    test_downstream(generated, &selections(generated));
}

/// Each family's generated file, written by `cargo cratespace generate`,
/// builds in place of the macro and gives the members cargo compiles; no
/// proc macro and no `toml` is in a downstream crate's graph.
#[test]
fn generated_facades_reach_the_members_cargo_compiles() {
    let generated = generate_facades();
    check("cargo cratespace generate", generate_files(generated, &[]));
    let fresh = generate_files(generated, &["--check"]);
    assert!(
        fresh.status.success() && support::stdout(&fresh).is_empty(),
        "{}",
        report("`generate --check` fails on the files it wrote", &fresh)
    );
    for downstream in &generated.downstream {
        let file = generated
            .root
            .join(downstream.package.trim_end_matches("-use"))
            .join("top/src/cratespace.rs");
        let text =
            fs::read_to_string(&file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        assert!(text.starts_with("// Generated by `cargo cratespace generate`"));
    }

    let mut tree = cargo(generated, "tree", &["--all-features".to_owned()]);
    tree.args(["-e", "normal"]).args(support::TREE_FORMAT);
    let packages: BTreeSet<String> = support::tree_lines(&check("cargo tree", run(tree)))
        .into_iter()
        .map(|line| line.package)
        .collect();
    assert!(packages.contains("cratespace-runtime"), "{packages:?}");
    for absent in ["cratespace-macros", "cratespace-manifest", "toml"] {
        assert!(
            !packages.contains(absent),
            "`{absent}` is in the graph: {packages:?}"
        );
    }

    let selections = selections(generated);
    test_downstream(generated, &selections[..3]);
}

/// Only nightly rustc prints a crate as expanded; `.ci/run` installs it.
#[test]
#[ignore = "needs a nightly toolchain: rustup toolchain install nightly"]
fn generated_facades_give_the_items_of_the_macro() {
    let with_macro = generate();
    let facades = generate_facades();
    check("cargo cratespace generate", generate_files(facades, &[]));
    for downstream in &with_macro.downstream {
        let expected = expanded(with_macro, &downstream.top);
        assert!(expected.contains("pub use ::"), "{expected}");
        let from_file = expanded(facades, &downstream.top);
        assert!(
            expected == from_file,
            "`{}` expands otherwise:\n--- with the macro:\n{expected}\n--- from the file:\n{from_file}",
            downstream.top
        );
    }
}

/// The top crate `package` of `generated` as nightly rustc expands it
/// (`-Zunpretty=expanded`) with every feature on, without the items by
/// which the macro has the compiler track its manifest: a generated file
/// reads none. Formatted by rustfmt, as the file is.
fn expanded(generated: &Generated, package: &str) -> String {
    // The nightly toolchain's own cargo and rustc, through rustup.
    let mut command = Command::new("rustup");
    command
        .args(["run", "nightly", "cargo", "rustc", "-q", "--manifest-path"])
        .arg(generated.manifest())
        .args(["-p", package, "--lib", "--all-features", "--"])
        .arg("-Zunpretty=expanded")
        .current_dir(&generated.root)
        .env(
            "CARGO_TARGET_DIR",
            support::target_dir(&format!("{}-nightly", target_of(generated))),
        )
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("CRATESPACE_MANIFEST_DIR");
    for variable in [
        "CARGO",
        "RUSTC",
        "RUSTDOC",
        "RUSTUP_TOOLCHAIN",
        "RUSTC_WRAPPER",
    ] {
        command.env_remove(variable);
    }
    let text = check("nightly rustc -Zunpretty=expanded", run(command));
    let mut kept = String::new();
    let mut tracking = false;
    for line in text.lines() {
        tracking = tracking || line.starts_with("const _: &[u8] =");
        if !tracking {
            kept.push_str(line);
            kept.push('\n');
        }
        tracking = tracking && !line.trim_end().ends_with(';');
    }
    // Laid out, and its `use` items ordered, as rustfmt does the file.
    support::rustfmt(&kept)
}

/// `cargo cratespace generate --workspace EXTRA` on `generated`, by the
/// binary built for these tests.
fn generate_files(generated: &Generated, extra: &[&str]) -> Output {
    let mut command = Command::new(cargo_cratespace());
    command
        .args(["cratespace", "generate", "--workspace", "--manifest-path"])
        .arg(generated.manifest())
        .args(extra)
        .current_dir(&generated.root)
        .env("CARGO", env!("CARGO"))
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_NET_OFFLINE", "true");
    run(command)
}

/// The `cargo-cratespace` binary, built once for the tests that run it.
fn cargo_cratespace() -> &'static Path {
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
fn test_downstream(generated: &Generated, selections: &[Vec<String>]) {
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
