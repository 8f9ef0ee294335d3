//! What the tests share: the built `cargo-cratespace` run as cargo runs
//! it, on fixture crates, with everything it said in a failure message.

// Each test file is its own crate and uses only part of this module.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `cargo cratespace ARGS` in `dir`, offline and without colour.
pub fn cratespace(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("cargo-cratespace runs")
}

/// The command [`cratespace`] runs, to change before running it.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cargo-cratespace"));
    command
        .arg("cratespace")
        .args(args)
        .current_dir(dir)
        .env("CARGO", env!("CARGO"))
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_NET_OFFLINE", "true");
    command
}

/// `cargo ARGS` in `dir`, offline and without colour, building where every
/// test that builds a scratch crate builds, so that the registry crates
/// compile once.
pub fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", repo().join("target").join("cli-tests"))
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_NET_OFFLINE", "true")
        .env_remove("CRATESPACE_MANIFEST_DIR")
        .output()
        .expect("cargo runs")
}

/// Everything a command said, for a failure message.
pub fn report(what: &str, output: &Output) -> String {
    format!(
        "{what}\n--- status: {}\n--- stdout:\n{}\n--- stderr:\n{}",
        output.status,
        stdout(output),
        stderr(output),
    )
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code, which must be `expected`.
pub fn assert_exit(output: &Output, expected: i32) {
    assert_eq!(
        output.status.code(),
        Some(expected),
        "{}",
        report(&format!("expected exit code {expected}"), output)
    );
}

/// A fresh directory of its own under the system's temporary directory,
/// outside this repository, whose workspace cargo would otherwise find.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("cargo-cratespace-tests-{}", std::process::id()))
        .join(name);
    if dir.exists() {
        fs::remove_dir_all(&dir).unwrap();
    }
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` (path, text) under `dir`.
pub fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

#[path = "../../../tests/support/nightly.rs"]
mod nightly;
// Each test crate uses only part of this module.
#[allow(unused_imports)]
pub use nightly::{as_generated, nightly_cargo};
