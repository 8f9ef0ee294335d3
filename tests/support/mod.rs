//! What the end-to-end tests share: cargo and other tools run as
//! subprocesses, timed, with everything they said in a failure message.

// Each test file is its own crate and uses only part of this module.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

/// The repository: the `cratespace` package's directory.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A build directory of its own under `target/`, so that a nested cargo
/// does not wait on the lock of the build running the tests.
pub fn target_dir(name: &str) -> PathBuf {
    root().join("target").join(name)
}

/// `cargo`, run from the repository, building into `target/<target>`,
/// without colors so that messages can be matched.
pub fn cargo(target: &str) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(root())
        .env("CARGO_TARGET_DIR", target_dir(target))
        .env("CARGO_TERM_COLOR", "never")
        // Would make the macro read another directory's manifests.
        .env_remove("CRATESPACE_MANIFEST_DIR");
    command
}

mod nightly;
// Each test crate uses only part of this module.
#[allow(unused_imports)]
pub use nightly::as_generated;

/// `cargo ARGS` of the nightly toolchain, through rustup, run from the
/// repository and building into `target/<target>`.
pub fn nightly_cargo(target: &str, args: &[&str]) -> Command {
    let mut command = nightly::nightly_cargo(root(), &target_dir(target));
    command.args(args);
    command
}

/// Runs `command`, reporting how long it took.
pub fn run(mut command: Command) -> Output {
    let described = describe(&command);
    let start = Instant::now();
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("cannot run {described}: {error}"));
    eprintln!(
        "{described}: {} in {:.1}s",
        output.status,
        start.elapsed().as_secs_f64()
    );
    output
}

/// The standard output of a command that must have succeeded.
pub fn check(what: &str, output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        report(&format!("{what} failed"), &output)
    );
    stdout(&output)
}

pub fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
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

/// How many tests the `cargo test` run of `output` passed; every one of its
/// test binaries must have failed and ignored none.
pub fn passed_tests(what: &str, output: &Output) -> usize {
    let out = stdout(output);
    for line in out.lines().filter(|line| line.starts_with("test result:")) {
        assert!(
            line.contains(" 0 failed; 0 ignored;"),
            "{}",
            report(
                &format!("{what}: a test failed or was ignored: {line}"),
                output
            )
        );
    }
    out.lines()
        .filter_map(|line| line.strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
        .sum()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// One test at a time: the tests of a file share a build directory. A test
/// that failed while holding the lock leaves nothing half done.
pub fn lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Copies a directory tree, leaving out any `target`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&path, &to.join(entry.file_name()));
            }
        } else {
            fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// Makes `root` hold exactly `files`, writing only what changed, and the
/// files tools write there: a `Cargo.lock`, and each `cratespace.rs` that
/// `cargo cratespace generate` wrote.
pub fn write_tree(root: &Path, files: &BTreeMap<PathBuf, String>) {
    for (relative, content) in files {
        let path = root.join(relative);
        if fs::read_to_string(&path).ok().as_deref() == Some(content.as_str()) {
            continue;
        }
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    }
    remove_stale(root, root, files);
}

fn remove_stale(root: &Path, dir: &Path, files: &BTreeMap<PathBuf, String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap();
        if entry.file_type().unwrap().is_dir() {
            remove_stale(root, &path, files);
            if fs::read_dir(&path).unwrap().next().is_none() {
                fs::remove_dir(&path).unwrap();
            }
        } else if !written_by_a_tool(relative) && !files.contains_key(relative) {
            fs::remove_file(&path).unwrap();
        }
    }
}

/// Whether the file at `relative` is one a tool writes.
fn written_by_a_tool(relative: &Path) -> bool {
    relative == Path::new("Cargo.lock") || relative.ends_with("src/cratespace.rs")
}

/// The cfg values `rustc --print cfg` gives, for `triple` or the host.
pub fn rustc_cfg(triple: Option<&str>) -> Vec<cratespace_manifest::Cfg> {
    use cratespace_manifest::Cfg;
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut command = Command::new(rustc);
    command.args(["--print", "cfg"]);
    if let Some(triple) = triple {
        command.args(["--target", triple]);
    }
    let out = check("rustc --print cfg", run(command));
    out.lines()
        .map(|line| match line.split_once('=') {
            Some((key, value)) => Cfg::KeyValue(key.to_owned(), value.trim_matches('"').to_owned()),
            None => Cfg::Name(line.to_owned()),
        })
        .collect()
}

/// The arguments that make `cargo tree` print lines [`tree_lines`] reads.
pub const TREE_FORMAT: [&str; 4] = ["--prefix", "depth", "-f", "{p}|{f}"];

/// A line of `cargo tree` run with [`TREE_FORMAT`]: how deep, the package
/// name, and the features cargo turns on for it.
#[derive(Debug)]
pub struct TreeLine {
    pub depth: usize,
    pub package: String,
    pub features: BTreeSet<String>,
}

pub fn tree_lines(out: &str) -> Vec<TreeLine> {
    out.lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let digits = line.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
            let (depth, rest) = line.split_at(digits);
            let (package, features) = rest.split_once('|').expect("`{p}|{f}` lines");
            TreeLine {
                depth: depth.parse().expect("a depth prefix"),
                package: package.split(' ').next().unwrap().to_owned(),
                features: features
                    .trim_end_matches(" (*)")
                    .split(',')
                    .filter(|feature| !feature.is_empty())
                    .map(str::to_owned)
                    .collect(),
            }
        })
        .collect()
}
