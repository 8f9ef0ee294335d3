//! What `cratespace!()` costs the compiler (SPEC §8), measured with cargo.
//!
//! - `compile-cost compile [--runs R] [N…]` (default N = 50 and 500):
//!   generates N member crates and top crates over them, of which it
//!   rebuilds four: `fam-macro`
//!   (`cratespace::cratespace!();`), `fam-hand` (the same facade written as
//!   `pub use` lines), `fam-expanded` (what the macro expands to, written
//!   out: the `pub use` lines, the reserved module and the `CRATESPACE`
//!   const) and `fam-bare` (`cratespace!()` with `metadata = false` and
//!   `member-paths = false`: the same items as `fam-hand`). It builds everything once, then rebuilds the top crates
//!   in turn, R times each, after touching their `src/lib.rs`, and prints
//!   the median time of rustc on each top crate and of the whole
//!   `cargo build -p`, and the medians of the ratios run by run
//!   (budget 1.05).
//!   With `--profile packages`, the generated workspace sets `opt-level = 3`
//!   for each crate of the macro's graph (`[profile.dev.package.<crate>]`);
//!   with `--profile build-override`, `[profile.dev.build-override]
//!   opt-level = 3`, which optimizes every proc macro and build script.
//! - `compile-cost generated [--runs R] [N…]` (default N = 50 and 500):
//!   the same workspace, with three more top crates whose `lib.rs` is
//!   `include!("cratespace.rs")` of the file `cargo cratespace generate`
//!   writes: `fam-generated` (the reserved module and the metadata const,
//!   `cratespace` without its macros), `fam-generated-paths` (the reserved
//!   module, `metadata = false`, no dependency on `cratespace`) and
//!   `fam-generated-bare` (`member-paths = false` too: the same items as
//!   `fam-hand`). Rebuilds them and `fam-hand` in turn and prints the
//!   ratios against `fam-hand` with their quartiles over the runs (budget
//!   1.00 within noise for `fam-generated-bare`; the reserved module's cost
//!   is `fam-generated-paths`'s, the const's `fam-generated`'s).
//! - `compile-cost memory [--runs R] [N]` (default N = 5 000): the same
//!   crates; prints the peak RSS of rustc on each top crate.
//! - `compile-cost instructions [--profile P] [N…]` (default N = 500):
//!   the same crates and the generated facades, each top crate compiled
//!   once more under callgrind,
//!   not incrementally, into a target directory of its own; prints rustc's
//!   instructions on each, and on `cratespace!()` the macro's share and
//!   that of `toml` parsing the manifest. Needs `valgrind` on the `PATH`.
//! - `compile-cost cold [--runs R]`: clean, sequential (`-j1`) builds of
//!   `cratespace` with its dependencies against the floor, a proc-macro
//!   crate that reads and parses the manifest with `toml` and the same
//!   features, in turn (budget 2.0), and the units of `cargo build
//!   --timings`. Not incremental, as for crates from the registry.
//!
//! Everything is built in the dev profile, as `cargo build` does for users,
//! into its own target directory under the workspace's `target/`.
//! Rustc's time and peak memory are taken by this same program running as
//! `RUSTC_WRAPPER`: it spawns rustc, waits, and records the wall time and
//! the child's peak RSS (`getrusage`) for the top crates.

use cratespace_benches::Family;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant, SystemTime};

/// Set by the harness for the rustc wrapper: the file it appends to.
const LOG_ENV: &str = "CRATESPACE_BENCH_RUSTC_LOG";
/// Set by the harness for the rustc wrapper: run the top crates' rustc
/// under callgrind, writing `<crate>.<pid>.out` and `<crate>.<pid>.log` to
/// this directory.
const CALLGRIND_ENV: &str = "CRATESPACE_BENCH_CALLGRIND";
/// The top crates: directory, package and what it is.
const SIDES: [(&str, &str, &str); 7] = [
    ("macro", "fam-macro", "`cratespace!()`"),
    ("hand", "fam-hand", "hand-written `pub use`"),
    ("expanded", "fam-expanded", "the expansion written out"),
    (
        "bare",
        "fam-bare",
        "`cratespace!()`, no const, no `__cratespace`",
    ),
    ("generated", "fam-generated", "generated file"),
    (
        "generated-bare",
        "fam-generated-bare",
        "generated, no const, no `__cratespace`",
    ),
    (
        "generated-paths",
        "fam-generated-paths",
        "generated, no const, with `__cratespace`",
    ),
];
/// The sides `compile` and `memory` rebuild: the macro's.
const MACRO_SIDES: [usize; 4] = [0, 1, 2, 3];
/// The sides `generated` rebuilds: the hand-written crate and the three
/// generated facades.
const GENERATED_SIDES: [usize; 4] = [1, 5, 6, 4];
/// One rebuild of each top crate rebuilt, in the order of the sides asked
/// for: the whole command's time, rustc's time and rustc's peak RSS in KiB.
type Run = Vec<(Duration, (f64, u64))>;

/// The crates of the macro's graph: what a family optimizes to make the
/// macro run fast (`cratespace` and the runtime are ordinary dependencies,
/// built with the family's own profile either way).
const MACRO_GRAPH: &[&str] = &[
    "cratespace-macros",
    "cratespace-manifest",
    "toml",
    "toml_parser",
    "toml_datetime",
    "serde_spanned",
    "winnow",
    "semver",
    "strsim",
    "unicode-ident",
];

/// How the family's workspace builds the macro in the dev profile.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    /// As cargo does unless told otherwise: opt-level 0.
    Default,
    /// `[profile.dev.package.<crate>] opt-level = 3` for each crate of the
    /// macro's graph.
    Packages,
    /// `[profile.dev.build-override] opt-level = 3`: every build script and
    /// proc macro of the workspace, and their dependencies, optimized.
    BuildOverride,
}

impl Profile {
    fn parse(text: &str) -> Profile {
        match text {
            "default" => Profile::Default,
            "packages" => Profile::Packages,
            "build-override" => Profile::BuildOverride,
            _ => panic!("--profile takes default, packages or build-override"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Packages => "packages",
            Profile::BuildOverride => "build-override",
        }
    }

    /// What the profile says, as a section of `Cargo.toml`.
    fn toml(self) -> String {
        match self {
            Profile::Default => String::new(),
            Profile::Packages => MACRO_GRAPH
                .iter()
                .map(|krate| format!("\n[profile.dev.package.{krate}]\nopt-level = 3\n"))
                .collect(),
            Profile::BuildOverride => "\n[profile.dev.build-override]\nopt-level = 3\n".to_owned(),
        }
    }

    /// The same, as `cargo --config` arguments.
    fn config(self) -> Vec<String> {
        let set = |key: String| ["--config".to_owned(), format!("{key}=3")];
        match self {
            Profile::Default => Vec::new(),
            Profile::Packages => MACRO_GRAPH
                .iter()
                .flat_map(|krate| set(format!("profile.dev.package.\"{krate}\".opt-level")))
                .collect(),
            Profile::BuildOverride => {
                set("profile.dev.build-override.opt-level".to_owned()).to_vec()
            }
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Profile::Default => "dev profile",
            Profile::Packages => "dev profile, the macro's graph at opt-level 3",
            Profile::BuildOverride => "dev profile, build-override at opt-level 3",
        }
    }
}

fn main() -> ExitCode {
    if let Some(log) = std::env::var_os(LOG_ENV) {
        return wrap_rustc(Path::new(&log));
    }
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let profile = match args.iter().position(|a| a == "--profile") {
        Some(at) if at + 1 < args.len() => {
            let profile = Profile::parse(&args[at + 1]);
            args.drain(at..at + 2);
            profile
        }
        _ => Profile::Default,
    };
    let (runs, rest) = match args.iter().position(|a| a == "--runs") {
        Some(at) if at + 1 < args.len() => {
            let runs = args[at + 1].parse().expect("--runs takes a number");
            let rest = args[..at].iter().chain(&args[at + 2..]).cloned().collect();
            (Some(runs), rest)
        }
        _ => (None, args),
    };
    let sizes = |default: &[usize]| -> Vec<usize> {
        let given: Vec<usize> = rest[1..]
            .iter()
            .map(|n| n.parse().expect("N is a number"))
            .collect();
        if given.is_empty() {
            default.to_vec()
        } else {
            given
        }
    };
    match rest.first().map(String::as_str) {
        Some("compile") => {
            for n in sizes(&[50, 500]) {
                compile(n, runs.unwrap_or(9), profile);
            }
        }
        Some("generated") => {
            for n in sizes(&[50, 500]) {
                generated(n, runs.unwrap_or(15));
            }
        }
        Some("memory") => {
            for n in sizes(&[5_000]) {
                memory(n, runs.unwrap_or(3), profile);
            }
        }
        Some("cold") => cold(runs.unwrap_or(5), profile),
        Some("instructions") => {
            for n in sizes(&[500]) {
                instructions(n, profile);
            }
        }
        _ => {
            eprintln!(
                "usage: compile-cost compile [--runs R] [--profile P] [N…] | generated [--runs R] [N…] | memory [--runs R] [--profile P] [N] | cold [--runs R] [--profile P] | instructions [--profile P] [N…]\n  P: default | packages | build-override"
            );
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// The workspace's directory.
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("benches/ is inside the workspace")
        .to_path_buf()
}

/// As `RUSTC_WRAPPER`: runs `rustc args…` and, for a top crate, appends
/// `crate seconds peak-kib` to the log.
fn wrap_rustc(log: &Path) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((rustc, rest)) = args.split_first() else {
        eprintln!("compile-cost: as RUSTC_WRAPPER, the first argument is rustc");
        return ExitCode::from(2);
    };
    let crate_name = rest
        .windows(2)
        .find(|pair| pair[0] == "--crate-name")
        .map(|pair| pair[1].clone());
    // The crates whose rustc runs the wrapper records: the top crates.
    let top = crate_name.as_deref().filter(|name| {
        SIDES
            .iter()
            .any(|(_, package, _)| package.replace('-', "_") == *name)
    });
    let callgrind = std::env::var_os(CALLGRIND_ENV).map(PathBuf::from);
    let mut command = match (top, &callgrind) {
        (Some(name), Some(dir)) => {
            // `rustc` may be rustup's proxy, which runs the toolchain's
            // rustc: callgrind follows it, one pair of files a process.
            let mut valgrind = Command::new("valgrind");
            valgrind
                .arg("--tool=callgrind")
                .arg("--trace-children=yes")
                .arg("--trace-children-skip=*/cc,*/ld,*/ld.*,*-ld")
                .arg(format!(
                    "--callgrind-out-file={}",
                    dir.join(format!("{name}.%p.out")).display()
                ))
                .arg(format!(
                    "--log-file={}",
                    dir.join(format!("{name}.%p.log")).display()
                ))
                .arg(rustc);
            valgrind
        }
        _ => Command::new(rustc),
    };
    let start = Instant::now();
    let status = command.args(rest).status().expect("rustc can be run");
    let elapsed = start.elapsed();
    if let Some(name) = top {
        let mut file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("the log can be opened");
        writeln!(
            file,
            "{name} {} {}",
            elapsed.as_secs_f64(),
            children_peak_rss_kib()
        )
        .expect("the log can be written");
    }
    match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(code.clamp(1, 255) as u8),
        None => ExitCode::FAILURE,
    }
}

/// The processor time of every child waited for so far, user and system, in
/// seconds: what a build costs whatever else the machine runs.
#[cfg(unix)]
fn children_cpu_seconds() -> f64 {
    // SAFETY: `getrusage` fills the struct it is given and nothing else.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let seconds = |time: libc::timeval| time.tv_sec as f64 + time.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

#[cfg(not(unix))]
fn children_cpu_seconds() -> f64 {
    0.0
}

/// The peak resident set of the largest child waited for, in KiB.
#[cfg(unix)]
fn children_peak_rss_kib() -> u64 {
    // SAFETY: `getrusage` fills the struct it is given and nothing else.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    // Linux reports KiB; macOS, bytes.
    let peak = usage.ru_maxrss.max(0) as u64;
    if cfg!(target_os = "macos") {
        peak / 1024
    } else {
        peak
    }
}

#[cfg(not(unix))]
fn children_peak_rss_kib() -> u64 {
    0
}

/// The generated workspace of `n` members, written where it differs from
/// what is on disk so that its builds stay incremental between runs.
fn generate(n: usize, profile: Profile) -> PathBuf {
    let root = workspace()
        .join("target/bench-compile")
        .join(format!("n{n}-{}", profile.name()));
    // What a user can add to their workspace so that the macro runs
    // optimized in dev builds.
    let profile = profile.toml();
    let cratespace = workspace().display().to_string().replace('\\', "/");
    let family = Family::new(n, &cratespace, "../members");
    write(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nmembers = [\"members/*\", \"macro\", \"hand\", \"expanded\", \"bare\", \"generated\", \"generated-bare\", \"generated-paths\"]\nresolver = \"2\"\n{profile}"
        ),
    );
    // The versions the workspace itself builds with, as they are now (a
    // lock copied once would keep the versions of that day).
    fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock"))
        .expect("Cargo.lock can be copied");
    for member in &family.members {
        let dir = root.join("members").join(&member.package);
        write(&dir.join("Cargo.toml"), &member.cargo_toml);
        write(&dir.join("src/lib.rs"), &member.lib_rs);
    }
    for (dir, name, lib) in [
        (
            "macro",
            "fam-macro",
            "//! The facade by `cratespace!()`.\n\ncratespace::cratespace!();\n".to_owned(),
        ),
        ("hand", "fam-hand", family.hand_written.clone()),
        ("expanded", "fam-expanded", expanded(&family.cargo_toml)),
        (
            "bare",
            "fam-bare",
            "//! The facade by `cratespace!()`, without the metadata const.\n\ncratespace::cratespace!();\n".to_owned(),
        ),
        (
            "generated",
            "fam-generated",
            "//! The facade by `cargo cratespace generate`.\n\ninclude!(\"cratespace.rs\");\n"
                .to_owned(),
        ),
        (
            "generated-bare",
            "fam-generated-bare",
            "//! The facade by `cargo cratespace generate`, without the metadata const\n//! or the reserved module.\n\ninclude!(\"cratespace.rs\");\n".to_owned(),
        ),
        (
            "generated-paths",
            "fam-generated-paths",
            "//! The facade by `cargo cratespace generate`, without the metadata const.\n\ninclude!(\"cratespace.rs\");\n".to_owned(),
        ),
    ] {
        let mut manifest =
            family
                .cargo_toml
                .replacen("name = \"fam\"", &format!("name = \"{name}\""), 1);
        let runtime = format!("cratespace = {{ path = \"{cratespace}\" }}\n");
        let table = "[package.metadata.cratespace]\n";
        match dir {
            "bare" => {
                manifest = manifest.replacen(
                    table,
                    &format!("{table}metadata = false\nmember-paths = false\n"),
                    1,
                );
            }
            "generated" => {
                let lean = runtime.replacen(" }", ", default-features = false }", 1);
                manifest = manifest.replacen(&runtime, &lean, 1).replacen(
                    table,
                    &format!("{table}generated = \"src/cratespace.rs\"\n"),
                    1,
                );
            }
            "generated-bare" => {
                manifest = manifest.replacen(&runtime, "", 1).replacen(
                    table,
                    &format!(
                        "{table}metadata = false\nmember-paths = false\ngenerated = \"src/cratespace.rs\"\n"
                    ),
                    1,
                );
            }
            "generated-paths" => {
                manifest = manifest.replacen(&runtime, "", 1).replacen(
                    table,
                    &format!("{table}metadata = false\ngenerated = \"src/cratespace.rs\"\n"),
                    1,
                );
            }
            _ => {}
        }
        write(&root.join(dir).join("Cargo.toml"), &manifest);
        write(&root.join(dir).join("src/lib.rs"), &lib);
    }
    generate_files(&root);
    root
}

/// `cargo cratespace generate` on the generated facades of `root`, by the
/// tool of this workspace, built as `cargo run` builds it.
fn generate_files(root: &Path) {
    let status = Command::new(env!("CARGO"))
        .args(["run", "-q", "-p", "cargo-cratespace", "--"])
        .args([
            "cratespace",
            "generate",
            "-p",
            "fam-generated",
            "-p",
            "fam-generated-bare",
            "-p",
            "fam-generated-paths",
        ])
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .current_dir(workspace())
        .env("CARGO_TERM_COLOR", "never")
        .status()
        .expect("cargo can be run");
    assert!(status.success(), "cargo cratespace generate failed");
}

/// The expansion of `cratespace!()` for `cargo_toml`, as source: what a
/// user would write by hand for the same items. The runtime is reached as
/// `::cratespace`; the `include_bytes!` that tracks `Cargo.toml` is left out.
fn expanded(cargo_toml: &str) -> String {
    let loaded = cratespace_manifest::load_sources(&cratespace_manifest::Sources {
        cargo: Some(cratespace_manifest::Source::new("Cargo.toml", cargo_toml)),
        ..Default::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.diagnostics[0]);
    let pieces = cratespace_manifest::expand::expand(&loaded.cratespace, &[], "CARGO_MANIFEST_DIR");
    let text = cratespace_manifest::expand::text(&pieces, "::cratespace");
    format!("//! What `cratespace!()` expands to, written out.\n\n{text}\n")
}

fn write(path: &Path, text: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    fs::create_dir_all(path.parent().expect("a file has a directory"))
        .expect("the directory can be created");
    fs::write(path, text).expect("the file can be written");
}

/// `cargo build` in the generated workspace, with this program as the rustc
/// wrapper logging to `log`.
fn cargo_build(root: &Path, log: &Path, args: &[&str]) -> Duration {
    cargo_build_with(root, log, args, "target", &mut Command::new(env!("CARGO")))
}

/// [`cargo_build`] into `root/<target>`, with `cargo` prepared by the caller
/// (its environment).
fn cargo_build_with(
    root: &Path,
    log: &Path,
    args: &[&str],
    target: &str,
    cargo: &mut Command,
) -> Duration {
    let start = Instant::now();
    let status = cargo
        .arg("build")
        .args(args)
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(root.join(target))
        .env(
            "RUSTC_WRAPPER",
            std::env::current_exe().expect("the harness knows its path"),
        )
        .env(LOG_ENV, log)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("CRATESPACE_MANIFEST_DIR")
        .env_remove("RUSTFLAGS")
        .status()
        .expect("cargo can be run");
    assert!(status.success(), "cargo build {args:?} failed");
    start.elapsed()
}

/// The records of `crate_name` in the wrapper's log: `(seconds, peak KiB)`.
fn records(log: &Path, crate_name: &str) -> Vec<(f64, u64)> {
    fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(' ');
            (fields.next()? == crate_name).then_some(())?;
            Some((fields.next()?.parse().ok()?, fields.next()?.parse().ok()?))
        })
        .collect()
}

/// Sets the mtime of the top crate `dir`'s `lib.rs` to now, so that cargo
/// compiles it again.
fn touch(root: &Path, dir: &str) {
    fs::File::options()
        .write(true)
        .open(root.join(dir).join("src/lib.rs"))
        .and_then(|file| file.set_modified(SystemTime::now()))
        .expect("lib.rs can be touched");
}

/// One rebuild of a top crate: touch its `lib.rs`, `cargo build -p` it.
/// Returns the whole command's time and rustc's `(seconds, peak KiB)`.
fn rebuild(root: &Path, log: &Path, dir: &str, package: &str) -> (Duration, (f64, u64)) {
    touch(root, dir);
    let _ = fs::remove_file(log);
    let total = cargo_build(root, log, &["-p", package]);
    let rustc = records(log, &package.replace('-', "_"));
    assert_eq!(
        rustc.len(),
        1,
        "touching {dir}/src/lib.rs rebuilt {package} once"
    );
    (total, rustc[0])
}

/// Builds the generated workspace of `n` members once, then rebuilds the
/// top crates of `sides` (indices into [`SIDES`]) in turn, `runs` times
/// each, after one warm-up each.
fn rebuilds(n: usize, runs: usize, profile: Profile, sides: &[usize]) -> Vec<Run> {
    let root = generate(n, profile);
    let log = root.join("rustc.log");
    eprintln!("building the {n} members and the top crates once…");
    let first = cargo_build(&root, &log, &["--workspace"]);
    eprintln!("  {:.1} s", first.as_secs_f64());
    for &side in sides {
        let (dir, package, _) = SIDES[side];
        rebuild(&root, &log, dir, package);
    }
    (0..runs)
        .map(|run| {
            // The order turns each run, so that no side always runs right
            // after another.
            let mut results: Run = vec![(Duration::ZERO, (0.0, 0)); sides.len()];
            for step in 0..sides.len() {
                let at = (run + step) % sides.len();
                let (dir, package, _) = SIDES[sides[at]];
                results[at] = rebuild(&root, &log, dir, package);
            }
            let times: Vec<String> = results.iter().map(|r| format!("{:.3}", r.1.0)).collect();
            eprintln!("  run {}: rustc {} s", run + 1, times.join(" / "));
            results
        })
        .collect()
}

/// The median of `value(run, side) / value(run, other)` over the runs.
fn ratio(runs: &[Run], side: usize, other: usize, value: impl Fn(&Run, usize) -> f64) -> f64 {
    median(
        runs.iter()
            .map(|run| value(run, side) / value(run, other))
            .collect(),
    )
}

/// rustc's instructions on each top crate, compiled once under callgrind,
/// not incrementally (as a dependent's build compiles the top crate), and
/// how much of `cratespace!()`'s are the macro's run and the TOML parse.
fn instructions(n: usize, profile: Profile) {
    if Command::new("valgrind").arg("--version").output().is_err() {
        eprintln!("compile-cost instructions: valgrind is not on the PATH");
        std::process::exit(2);
    }
    let root = generate(n, profile);
    let log = root.join("rustc.log");
    let out = root.join("callgrind");
    fs::create_dir_all(&out).expect("the callgrind directory can be created");
    let cargo = || {
        let mut cargo = Command::new(env!("CARGO"));
        cargo.env("CARGO_INCREMENTAL", "0");
        cargo
    };
    let target = "target-instructions";
    eprintln!("building the {n} members and the top crates once, not incrementally…");
    cargo_build_with(&root, &log, &["--workspace"], target, &mut cargo());
    let mut counts = [0u64; SIDES.len()];
    for (side, (dir, package, _)) in SIDES.iter().enumerate() {
        touch(&root, dir);
        let name = package.replace('-', "_");
        let _ = fs::remove_dir_all(&out);
        fs::create_dir_all(&out).expect("the callgrind directory can be created");
        eprintln!("  {package} under callgrind…");
        cargo_build_with(
            &root,
            &log,
            &["-p", package],
            target,
            cargo().env(CALLGRIND_ENV, &out),
        );
        // The process that did the work is the one with the most
        // instructions (rustup's proxy only runs rustc).
        let (count, profile) = fs::read_dir(&out)
            .expect("the callgrind directory can be read")
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let report = fs::read_to_string(&path).ok()?;
                (path.extension()? == "log").then_some(())?;
                let count: u64 = report
                    .lines()
                    .find_map(|line| line.split("Collected : ").nth(1))?
                    .trim()
                    .parse()
                    .ok()?;
                Some((count, path.with_extension("out")))
            })
            .max()
            .expect("callgrind reports the instructions it collected");
        counts[side] = count;
        if side == 0 {
            let _ = fs::copy(&profile, root.join(format!("{name}.callgrind")));
        }
    }
    println!(
        "N = {n}, rustc's instructions on each top crate (not incremental; {}):",
        profile.describe()
    );
    let hand = counts[1] as f64;
    for (side, (_, _, what)) in SIDES.iter().enumerate() {
        println!(
            "  {what:<44} {:>8.1} M  {:.3} of the hand-written",
            counts[side] as f64 / 1e6,
            counts[side] as f64 / hand
        );
    }
    let annotated = Command::new("callgrind_annotate")
        .arg("--inclusive=yes")
        .arg(root.join("fam_macro.callgrind"))
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).into_owned())
        .unwrap_or_default();
    // The inclusive count of a function, as callgrind_annotate prints it:
    // `24,599,544 (16.20%)  ???:path::to::function [object]`.
    let inclusive = |function: &str| -> Option<f64> {
        let line = annotated
            .lines()
            .find(|line| line.contains(&format!(":{function} [")))?;
        let count: String = line.trim_start().split(' ').next()?.replace(',', "");
        count.parse::<f64>().ok()
    };
    match (
        inclusive("cratespace_macros::expand"),
        inclusive("toml::de::parser::parse_document"),
    ) {
        (Some(run), Some(toml)) => println!(
            "  in `cratespace!()`: the macro's run {:.1} M ({:.1} % of the hand-written crate), of which `toml` parsing the manifest {:.1} M ({:.1} %)",
            run / 1e6,
            run / hand * 100.0,
            toml / 1e6,
            toml / hand * 100.0
        ),
        _ => println!("  (callgrind_annotate did not name the macro's functions)"),
    }
}

fn compile(n: usize, runs: usize, profile: Profile) {
    let runs_of = rebuilds(n, runs, profile, &MACRO_SIDES);
    let rustc = |run: &Run, side: usize| run[side].1.0;
    let total = |run: &Run, side: usize| run[side].0.as_secs_f64();
    println!(
        "N = {n}, {runs} rebuilds of each top crate ({}), medians:",
        profile.describe()
    );
    for (side, (_, _, what)) in SIDES[..MACRO_SIDES.len()].iter().enumerate() {
        let times = |value: &dyn Fn(&Run, usize) -> f64| {
            median(runs_of.iter().map(|run| value(run, side)).collect())
        };
        println!(
            "  {what:<44} rustc {:.3} s, cargo build -p {:.3} s",
            times(&rustc),
            times(&total)
        );
    }
    for (side, other, budget) in [
        (0, 1, " (budget 1.05)"),
        (3, 1, " (budget 1.05)"),
        (0, 2, ""),
    ] {
        println!(
            "  ratio {} / {}: rustc {:.3}{budget}, cargo build -p {:.3}",
            SIDES[side].2,
            SIDES[other].2,
            ratio(&runs_of, side, other, rustc),
            ratio(&runs_of, side, other, total),
        );
    }
}

/// The generated facades against the hand-written crate: rustc's time and
/// the whole `cargo build -p`, with the spread of the ratio over the runs,
/// which says what "within noise" is.
fn generated(n: usize, runs: usize) {
    let runs_of = rebuilds(n, runs, Profile::Default, &GENERATED_SIDES);
    let rustc = |run: &Run, at: usize| run[at].1.0;
    let total = |run: &Run, at: usize| run[at].0.as_secs_f64();
    println!("N = {n}, {runs} rebuilds of each top crate (dev profile), medians:");
    for (at, &side) in GENERATED_SIDES.iter().enumerate() {
        let times = |value: &dyn Fn(&Run, usize) -> f64| {
            median(runs_of.iter().map(|run| value(run, at)).collect())
        };
        println!(
            "  {:<44} rustc {:.3} s, cargo build -p {:.3} s",
            SIDES[side].2,
            times(&rustc),
            times(&total)
        );
    }
    for (at, budget) in [
        (1, " (budget 1.00 within noise)"),
        (2, " (reported)"),
        (3, " (reported)"),
    ] {
        let spread = |value: &dyn Fn(&Run, usize) -> f64| {
            let mut ratios: Vec<f64> = runs_of
                .iter()
                .map(|run| value(run, at) / value(run, 0))
                .collect();
            ratios.sort_by(f64::total_cmp);
            let quartile = |q: usize| ratios[(ratios.len() - 1) * q / 4];
            format!(
                "{:.3} (quartiles {:.3}–{:.3})",
                quartile(2),
                quartile(1),
                quartile(3)
            )
        };
        println!(
            "  ratio {} / {}: rustc {}{budget}, cargo build -p {}",
            SIDES[GENERATED_SIDES[at]].2,
            SIDES[GENERATED_SIDES[0]].2,
            spread(&rustc),
            spread(&total),
        );
    }
}

fn memory(n: usize, runs: usize, profile: Profile) {
    let runs_of = rebuilds(n, runs, profile, &MACRO_SIDES);
    let peak = |run: &Run, side: usize| run[side].1.1 as f64;
    println!("N = {n}, {runs} rebuilds of each top crate (dev profile), median peak RSS of rustc:");
    for (side, (_, _, what)) in SIDES[..MACRO_SIDES.len()].iter().enumerate() {
        let kib = median(runs_of.iter().map(|run| peak(run, side)).collect());
        println!("  {what:<44} {:.1} MiB", kib / 1024.0);
    }
    for (side, other) in [(0, 1), (3, 1), (0, 2)] {
        println!(
            "  ratio {} / {}: {:.3}",
            SIDES[side].2,
            SIDES[other].2,
            ratio(&runs_of, side, other, peak)
        );
    }
}

/// The floor of the cold build (SPEC §8): a proc-macro crate that reads and
/// parses the same manifest with `toml` and the same features, and nothing
/// else.
fn floor() -> PathBuf {
    let root = workspace().join("target/bench-cold/floor");
    write(
        &root.join("Cargo.toml"),
        "[package]\nname = \"cold-floor\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [lib]\nproc-macro = true\n\n\
         [dependencies]\n\
         toml = { version = \"1\", default-features = false, features = [\"parse\"] }\n\n\
         [workspace]\n",
    );
    write(
        &root.join("src/lib.rs"),
        "//! Reads and parses the invoking crate's manifest, as the macro does.\n\n\
         use proc_macro::TokenStream;\n\n\
         #[proc_macro]\n\
         pub fn floor(_: TokenStream) -> TokenStream {\n\
         \x20   let dir = std::env::var(\"CARGO_MANIFEST_DIR\").unwrap_or_default();\n\
         \x20   let text = std::fs::read_to_string(format!(\"{dir}/Cargo.toml\")).unwrap_or_default();\n\
         \x20   let keys = toml::de::DeTable::parse(&text).map_or(0, |table| table.get_ref().len());\n\
         \x20   format!(\"const KEYS: usize = {keys};\").parse().unwrap()\n\
         }\n",
    );
    // The versions `cratespace` builds with, so that both sides build the
    // same `toml`.
    fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock"))
        .expect("Cargo.lock can be copied");
    root
}

/// A clean `cargo build --timings` into `target_dir`; the wall time, the
/// processor time of cargo and the compilers, and the units cargo reports,
/// `(name version, seconds)`.
fn cold_build(
    manifest: &Path,
    package: Option<&str>,
    target_dir: &Path,
    profile: Profile,
) -> (f64, f64, Vec<(String, f64)>) {
    let _ = fs::remove_dir_all(target_dir);
    let mut command = Command::new(env!("CARGO"));
    command
        .args(profile.config())
        .arg("build")
        // One unit at a time: the sum of the graph's units, which is what a
        // user's build pays on any number of cores once other crates fill
        // them, and steadier than the critical path on 2 cores.
        .arg("-j1")
        .arg("--timings")
        .arg("--manifest-path")
        .arg(manifest)
        .arg("--target-dir")
        .arg(target_dir)
        .env("CARGO_TERM_COLOR", "never")
        // Built as a dependency from crates.io is: cargo compiles only the
        // crates of the workspace and path dependencies incrementally, and
        // `cratespace-macros` and `cratespace-manifest` reach users from the
        // registry, as the baseline's dependencies do.
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTC_WRAPPER")
        .env_remove("RUSTFLAGS")
        .stderr(std::process::Stdio::null());
    if let Some(package) = package {
        command.args(["-p", package]);
    }
    let start = Instant::now();
    let cpu = children_cpu_seconds();
    let status = command.status().expect("cargo can be run");
    let elapsed = start.elapsed().as_secs_f64();
    let cpu = children_cpu_seconds() - cpu;
    assert!(
        status.success(),
        "the cold build of {} failed",
        manifest.display()
    );
    let html =
        fs::read_to_string(target_dir.join("cargo-timings/cargo-timing.html")).unwrap_or_default();
    (elapsed, cpu, units(&html))
}

/// The units of a `--timings` report, from its table of units: a row
/// `<td>1.</td>`, then the unit and its time (`<td>2.8s</td>`).
fn units(html: &str) -> Vec<(String, f64)> {
    let cells: Vec<&str> = html
        .lines()
        .map(str::trim)
        .filter_map(|line| line.strip_prefix("<td>")?.strip_suffix("</td>"))
        .collect();
    cells
        .windows(3)
        .filter(|row| {
            row[0]
                .strip_suffix('.')
                .is_some_and(|n| n.parse::<usize>().is_ok())
        })
        .filter_map(|row| {
            let seconds = row[2].strip_suffix('s')?.parse().ok()?;
            Some((row[1].to_owned(), seconds))
        })
        .collect()
}

fn cold(runs: usize, profile: Profile) {
    let floor = floor();
    let target = workspace().join("target/bench-cold");
    let sides: [(&str, PathBuf, Option<&str>); 2] = [
        (
            "cratespace",
            workspace().join("Cargo.toml"),
            Some("cratespace"),
        ),
        ("floor", floor.join("Cargo.toml"), None),
    ];
    let mut times = [Vec::new(), Vec::new()];
    let mut cpus = [Vec::new(), Vec::new()];
    let mut ratios = Vec::new();
    let mut cpu_ratios = Vec::new();
    let mut last_units: [Vec<(String, f64)>; 2] = [Vec::new(), Vec::new()];
    for run in 0..runs {
        let order = if run % 2 == 0 { [0, 1] } else { [1, 0] };
        let mut pair = [(0.0, 0.0); 2];
        for side in order {
            let (name, manifest, package) = &sides[side];
            // The profile is the family's: it reaches the macro's graph,
            // not the floor, which stays what §8 holds the default against.
            let profile = if side == 0 { profile } else { Profile::Default };
            let (elapsed, cpu, units) = cold_build(
                manifest,
                *package,
                &target.join(format!("target-{name}")),
                profile,
            );
            pair[side] = (elapsed, cpu);
            last_units[side] = units;
        }
        eprintln!(
            "  run {}: {:.2} s / {:.2} s (processor {:.2} s / {:.2} s)",
            run + 1,
            pair[0].0,
            pair[1].0,
            pair[0].1,
            pair[1].1
        );
        for side in 0..2 {
            times[side].push(pair[side].0);
            cpus[side].push(pair[side].1);
        }
        ratios.push(pair[0].0 / pair[1].0);
        cpu_ratios.push(pair[0].1 / pair[1].1);
    }
    println!(
        "cold `cargo build -j1` ({}, not incremental), {runs} runs each, medians:\n\
         \x20 cratespace and its dependencies {:.2} s, floor (a proc macro parsing the manifest with toml) {:.2} s, ratio {:.3} (budget 2.0)\n\
         \x20 processor time {:.2} s and {:.2} s, ratio {:.3}",
        profile.describe(),
        median(times[0].clone()),
        median(times[1].clone()),
        median(ratios),
        median(cpus[0].clone()),
        median(cpus[1].clone()),
        median(cpu_ratios),
    );
    for (side, units) in last_units.iter_mut().enumerate() {
        units.sort_by(|a, b| b.1.total_cmp(&a.1));
        println!(
            "  units of {} (last run, --timings), {:.2} s in all:",
            sides[side].0,
            units.iter().map(|(_, seconds)| seconds).sum::<f64>()
        );
        for (unit, seconds) in units.iter() {
            println!("    {seconds:>6.2} s  {unit}");
        }
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
