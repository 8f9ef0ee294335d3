//! rust-analyzer expands the member derive as the compiler does: its
//! `diagnostics` command on the fixture workspace reports no error in the
//! crates of situation 14, and reports one in `derive-misspelt`, whose
//! `crate = "…"` names a facade it does not depend on.
//!
//! Each of those crates calls `describe()` outside its tests, so a derive
//! that rust-analyzer did not expand, or expanded to a wrong path, is an
//! error there too ("no method `describe`"), as it is in the negative
//! control. Needs the rust-analyzer component; `.ci/run` installs it.

use std::process::Command;

mod support;
use support::{report, root, run, stdout, target_dir};

/// The crates of situation 14 that must analyse clean.
const CLEAN: &[&str] = &[
    "renamed-facade",
    "direct",
    "direct-renamed",
    "both",
    "inherit-facade",
    "inherit-dotted",
    "target-cfg",
    "no-std",
];

/// One diagnostic line: `at crate C, file F: Severity Code from … to …: message`.
struct Reported {
    file: String,
    severity: String,
    message: String,
}

#[test]
#[ignore = "needs rust-analyzer"]
fn rust_analyzer_sees_the_derive_expanded_in_every_consumer() {
    let fixtures = root().join("tests").join("fixtures");
    let mut command = Command::new("rust-analyzer");
    command
        .arg("diagnostics")
        .arg(&fixtures)
        // Its `cargo check` of the proc macros shares the fixtures' build.
        .env("CARGO_TARGET_DIR", target_dir("fixtures"))
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("CRATESPACE_MANIFEST_DIR");
    let output = run(command);
    let out = stdout(&output);
    let reported = parse(&out);

    let derive_paths = fixtures.join("derive-paths");
    for name in CLEAN {
        let file = derive_paths.join(name).join("src/lib.rs");
        let file = file.to_str().unwrap();
        assert!(
            out.contains(file),
            "{}",
            report(&format!("rust-analyzer did not analyse {file}"), &output)
        );
    }
    let errors: Vec<&Reported> = reported
        .iter()
        .filter(|reported| reported.severity == "Error")
        .collect();
    let misspelt = derive_paths.join("misspelt/src/lib.rs");
    let (control, others): (Vec<&Reported>, Vec<&Reported>) = errors
        .iter()
        .partition(|reported| reported.file == misspelt.to_str().unwrap());
    assert!(
        others.is_empty(),
        "{}",
        report(
            &format!(
                "rust-analyzer reports errors outside the negative control:\n{}",
                others
                    .iter()
                    .map(|reported| format!("{}: {}", reported.file, reported.message))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            &output
        )
    );
    assert!(
        control
            .iter()
            .any(|reported| reported.message.contains("describe")),
        "{}",
        report(
            "rust-analyzer reports no error for the misspelt override",
            &output
        )
    );
}

/// The diagnostics in rust-analyzer's output, which interleaves them with
/// its progress lines.
fn parse(out: &str) -> Vec<Reported> {
    let mut reported = Vec::new();
    for (at, _) in out.match_indices("at crate ") {
        let rest = &out[at..];
        let Some((_, rest)) = rest.split_once(", file ") else {
            continue;
        };
        let Some((file, rest)) = rest.split_once(": ") else {
            continue;
        };
        let severity = rest.split(' ').next().unwrap_or_default().to_owned();
        // The message follows the range, up to the end of the line.
        let line = rest.lines().next().unwrap_or_default();
        let message = line
            .split_once(" }: ")
            .map_or(line, |(_, message)| message)
            .to_owned();
        reported.push(Reported {
            file: file.to_owned(),
            severity,
            message,
        });
    }
    reported
}
