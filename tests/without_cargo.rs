//! A build without Cargo, as Bazel or Buck2 run it: member crates, a top
//! crate and a downstream program compiled by plain `rustc` commands, with
//! `--extern` for every crate, `--cfg` for the gates, and the environment
//! Bazel's rules give a crate (`CARGO_MANIFEST_DIR`, `CARGO_PKG_NAME`,
//! `CARGO_PKG_VERSION`). The top crate has no `Cargo.toml`: its
//! `cratespace.toml` alone drives the expansion.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod support;
use support::check;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn target_dir() -> PathBuf {
    Path::new(ROOT).join("target").join("without-cargo")
}

fn rustc() -> Command {
    let mut command = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()));
    // Only what a build system sets explicitly below, none of cargo's.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("CARGO_") || key == "CRATESPACE_MANIFEST_DIR" || key == "RUSTFLAGS" {
            command.env_remove(key);
        }
    }
    command.args(["--edition", "2021", "-C", "debuginfo=0"]);
    command
}

/// Builds the packages of this repository with cargo; their libraries are
/// in the directory returned, what they depend on in its `deps/`.
fn cargo_build(packages: &[&str]) -> PathBuf {
    let mut command = Command::new(env!("CARGO"));
    command.args(["build", "--quiet"]);
    for package in packages {
        command.args(["-p", package]);
    }
    let output = command
        .arg("--manifest-path")
        .arg(Path::new(ROOT).join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("CRATESPACE_MANIFEST_DIR")
        .output()
        .expect("cargo runs");
    check(&format!("cargo build {packages:?}"), output);
    target_dir().join("debug")
}

/// `cratespace` as an rlib, with the proc macro beside it in `deps/`.
fn build_cratespace() -> (PathBuf, PathBuf) {
    let debug = cargo_build(&["cratespace"]);
    (debug.join("libcratespace.rlib"), debug.join("deps"))
}

#[test]
fn a_top_crate_builds_with_plain_rustc_from_its_manifest_file() {
    let (cratespace, deps) = build_cratespace();
    let work = target_dir().join(format!("work-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let out = work.join("out");
    let top = work.join("top");
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(top.join("src")).unwrap();
    fs::write(
        work.join("greet.rs"),
        "pub fn greet() -> &'static str { \"hello\" }\n",
    )
    .unwrap();
    fs::write(work.join("extra.rs"), "pub fn value() -> u32 { 42 }\n").unwrap();
    fs::write(
        top.join("cratespace.toml"),
        r#"# No Cargo.toml: keys are extern crate names, gates come from `cfg`.
[members]
greet = "acme_greet"
more.extra = { dependency = "acme_extra", cfg = 'feature = "extra"' }
absent = { dependency = "acme_extra", cfg = 'feature = "absent"' }
"#,
    )
    .unwrap();
    fs::write(
        top.join("src/lib.rs"),
        "cratespace::cratespace!(manifest = \"cratespace.toml\");\n",
    )
    .unwrap();
    fs::write(
        work.join("main.rs"),
        r#"fn main() {
    println!("{} {}", top::greet::greet(), top::more::extra::value());
    let family = &top::CRATESPACE;
    println!("{} {} {}", family.name(), family.version(), family.enabled().count());
    for member in family.members() {
        println!("{} {:?} {}", member.path(), member.gate(), member.enabled());
    }
}
"#,
    )
    .unwrap();

    for member in ["greet", "extra"] {
        let output = rustc()
            .args([
                "--crate-type",
                "rlib",
                "--crate-name",
                &format!("acme_{member}"),
            ])
            .arg(work.join(format!("{member}.rs")))
            .arg("--out-dir")
            .arg(&out)
            .output()
            .unwrap();
        check(&format!("rustc acme_{member}"), output);
    }
    let extern_arg = |name: &str, path: &Path| format!("{name}={}", path.display());
    let output = rustc()
        .args(["--crate-type", "rlib", "--crate-name", "top"])
        .arg(top.join("src/lib.rs"))
        .arg("--out-dir")
        .arg(&out)
        .args(["--extern", &extern_arg("cratespace", &cratespace)])
        .args([
            "--extern",
            &extern_arg("acme_greet", &out.join("libacme_greet.rlib")),
        ])
        .args([
            "--extern",
            &extern_arg("acme_extra", &out.join("libacme_extra.rlib")),
        ])
        .arg(format!("-Ldependency={}", deps.display()))
        .args(["--cfg", "feature=\"extra\""])
        .env("CARGO_MANIFEST_DIR", &top)
        .env("CARGO_PKG_NAME", "top")
        .env("CARGO_PKG_VERSION", "0.3.0")
        .output()
        .unwrap();
    check("rustc top", output);
    let output = rustc()
        .args(["--crate-type", "bin", "--crate-name", "app"])
        .arg(work.join("main.rs"))
        .arg("-o")
        .arg(out.join("app"))
        .args(["--extern", &extern_arg("top", &out.join("libtop.rlib"))])
        .arg(format!("-Ldependency={}", out.display()))
        .arg(format!("-Ldependency={}", deps.display()))
        .output()
        .unwrap();
    check("rustc app", output);
    let printed = check("app", Command::new(out.join("app")).output().unwrap());
    assert_eq!(
        printed,
        "hello 42\ntop 0.3.0 2\n\
         greet None true\n\
         more::extra Some(\"feature = \\\"extra\\\"\") true\n\
         absent Some(\"feature = \\\"absent\\\"\") false\n"
    );
    fs::remove_dir_all(&work).unwrap();
}

/// A consumer of a proc-macro member, compiled by plain `rustc`: without a
/// `Cargo.toml`, the member's environment variable gives the path, and
/// without it the derive takes the facade's, which this crate does not have.
#[test]
fn a_derive_member_takes_its_path_from_the_environment_without_cargo() {
    let debug = cargo_build(&["acme-core", "acme-derive"]);
    let derive = debug.join(format!(
        "{}acme_derive{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    let work = target_dir().join(format!("derive-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).unwrap();
    let source = Path::new(ROOT).join("tests/fixtures/derive-paths/plain-rustc/main.rs");
    let compile = |variable: Option<&str>| {
        let mut command = rustc();
        command
            .args(["--crate-type", "bin", "--crate-name", "probe"])
            .arg(&source)
            .arg("-o")
            .arg(work.join("probe"))
            .arg("--extern")
            .arg(format!(
                "kernel={}",
                debug.join("libacme_core.rlib").display()
            ))
            .arg("--extern")
            .arg(format!("acme_derive={}", derive.display()))
            .arg(format!("-Ldependency={}", debug.join("deps").display()));
        if let Some(value) = variable {
            command.env("CRATESPACE_PATH_ACME_CORE", value);
        }
        command.output().unwrap()
    };

    let without = compile(None);
    let err = String::from_utf8_lossy(&without.stderr);
    assert!(
        !without.status.success(),
        "built without the variable:\n{err}"
    );
    // The code and the name, in every rustc's wording since the MSRV.
    assert!(
        err.contains("error[E0433]: ") && err.contains("`acme`"),
        "the facade's path is not the one tried:\n{err}"
    );

    check("rustc probe", compile(Some("::kernel")));
    let printed = check("probe", Command::new(work.join("probe")).output().unwrap());
    assert_eq!(printed, "Probe { id } 7\n");
    fs::remove_dir_all(&work).unwrap();
}
