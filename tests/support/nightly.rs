//! The nightly toolchain's view of an expansion, shared by the tests of
//! `cratespace` and of `cargo-cratespace`: each compares a facade as
//! nightly rustc expands it (`-Zunpretty=expanded`) with a file rustfmt
//! wrote. Standard library only, so that either test crate can include it.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// `cargo` of the nightly toolchain, through rustup, run in `dir` and
/// building into `target_dir`: none of the variables by which the cargo
/// running the tests would make it use the stable toolchain's tools.
pub fn nightly_cargo(dir: &Path, target_dir: &Path) -> Command {
    let mut command = Command::new("rustup");
    command
        .args(["run", "nightly", "cargo"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_TERM_COLOR", "never")
        // Would make the macro read another directory's manifests.
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
    command
}

/// `expanded`, rustc's pretty-printed expansion, as a generated file reads:
/// without the `const _: &[u8] = include_bytes!(…);` items by which the
/// macro has the compiler track its manifest (a generated file reads none),
/// laid out and its `use` items ordered by rustfmt.
pub fn as_generated(expanded: &str) -> String {
    let mut kept = String::new();
    let mut tracking = false;
    for line in expanded.lines() {
        tracking = tracking || line.starts_with("const _: &[u8] =");
        if !tracking {
            kept.push_str(line);
            kept.push('\n');
        }
        tracking = tracking && !line.trim_end().ends_with(';');
    }
    rustfmt(&kept)
}

/// `text` formatted by rustfmt, which must accept it.
pub fn rustfmt(text: &str) -> String {
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(rustfmt)
        .args(["--edition", "2024"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustfmt runs");
    child
        .stdin
        .take()
        .expect("rustfmt's stdin is piped")
        .write_all(text.as_bytes())
        .expect("rustfmt reads its input");
    let output = child.wait_with_output().expect("rustfmt finishes");
    assert!(
        output.status.success(),
        "rustfmt failed: {}\n--- stderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("rustfmt writes UTF-8")
}
