//! `cargo cratespace audit` on the fixture workspaces of `tests/audit/`,
//! one for each finding and each case that must pass, offline: their lock
//! files hold what this repository's own build downloads (`itoa` 1.0.18,
//! `unicode-ident` 1.0.27), and `--locked` keeps cargo from changing them.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use support::{assert_exit, cratespace, repo, report, scratch, stderr, stdout, write};

/// The checksum of itoa 1.0.18, as its fixtures' `Cargo.lock` has it.
const ITOA_1_0_18: &str = "8f42a60cbdf9a97f5d2305f08a87dc4e09308d1276d28c869c684d7777685682";

fn fixtures() -> PathBuf {
    repo().join("cargo-cratespace").join("tests").join("audit")
}

/// A file of one of the member crates the fixtures share.
fn member_file(path: &str) -> String {
    fixtures().join("crates").join(path).display().to_string()
}

/// `cargo cratespace audit --locked FLAGS` in the fixture `name`.
fn audit(name: &str, flags: &[&str]) -> Output {
    let mut args = vec!["audit", "--locked"];
    args.extend(flags);
    cratespace(&fixtures().join(name), &args)
}

/// The finding lines of a human run, without `error: `.
fn findings(output: &Output) -> Vec<String> {
    lines(output, "error: member ")
        .into_iter()
        .chain(lines(output, "error: policy: "))
        .collect()
}

/// The lines of stderr that start with `prefix`, without `error: ` or
/// `note: `.
fn lines(output: &Output, prefix: &str) -> Vec<String> {
    stderr(output)
        .lines()
        .filter(|line| line.starts_with(prefix))
        .map(|line| line.split_once(": ").unwrap().1.to_owned())
        .collect()
}

/// Runs the fixture, which must find exactly `expected` and exit so.
fn assert_findings(name: &str, flags: &[&str], expected: &[String]) -> Output {
    let output = audit(name, flags);
    assert_eq!(findings(&output), expected, "{}", report(name, &output));
    assert_exit(&output, if expected.is_empty() { 0 } else { 1 });
    if !expected.is_empty() {
        let count = expected.len();
        let noun = if count == 1 { "finding" } else { "findings" };
        let summary = format!("error: the cratespace `{name}` has {count} audit {noun}");
        assert!(
            stderr(&output).contains(&summary),
            "{}",
            report(name, &output)
        );
    }
    output
}

fn no_audit(criteria: &str, rest: &str) -> String {
    format!(
        "member `int` (itoa v1.0.18): no cargo-vet audit covers itoa 1.0.18 for `{criteria}`{rest}; help: audit it and record the audit: `cargo vet certify itoa 1.0.18 --criteria {criteria}`"
    )
}

fn outside_approval() -> String {
    "member `ident` (unicode-ident v9.0.0): resolves to 9.0.0, which its voucher does not approve (\">=1.0.20, <2\"); help: find what puts 9.0.0 in the graph (`cargo tree -i unicode-ident@9.0.0`) and require an approved version, or widen `approved` once 9.0.0 is vouched for".to_owned()
}

fn checksum_mismatch() -> String {
    format!(
        "member `int` (itoa v1.0.18): Cargo.lock's checksum of itoa 1.0.18, sha256:{ITOA_1_0_18}, is not among the voucher's `checksums`; help: make sure this is the `.crate` that was vouched for, then add \"sha256:{ITOA_1_0_18}\" to `checksums`"
    )
}

fn checksums_on_path() -> String {
    "member `widget` (widget v1.2.0): is a path dependency, which has no `.crate` checksum to match the voucher's `checksums`; help: depend on the published crate the checksums are of, or take `checksums` out of the voucher".to_owned()
}

fn disallowed() -> String {
    "member `gpl` (copyleft v0.1.0): its license `GPL-3.0-only` is not allowed by the policy (MIT, Apache-2.0): `GPL-3.0-only` is not among `licenses`; help: add `GPL-3.0-only` to `licenses` once the family accepts it, or take the member out".to_owned()
}

fn license_file_only() -> String {
    format!(
        "member `file` (license-file-only v0.1.0): has no license expression, only a license file (`license-file`): {}; help: write `license = \"…\"`, an SPDX expression the policy can check, in {}",
        member_file("license-file-only/LICENSE.txt"),
        member_file("license-file-only/Cargo.toml")
    )
}

fn unlicensed() -> String {
    format!(
        "member `bare` (unlicensed v0.1.0): has no license: neither `license` nor `license-file`; help: write `license = \"…\"`, an SPDX expression the policy can check, in {}",
        member_file("unlicensed/Cargo.toml")
    )
}

fn no_no_std() -> String {
    let root = member_file("uses-std/src/lib.rs");
    format!(
        "member `greeting` (uses-std v0.1.0): its crate root {root} does not declare `#![no_std]`; help: declare `#![no_std]` at the top of {root} (under `cfg_attr` if std is a feature)"
    )
}

fn std_turned_on(top: &str) -> String {
    format!(
        "member `io` (std-feature v0.1.0): its crate root {} declares `#![no_std]` only under `not(feature = \"std\")`, and feature `std` ({top}/default → {top}/std → std-feature/std) is on; help: {top}'s default features turn `std` on: take it out of them, or audit the build that is no_std (`--no-default-features` and the `-F` it keeps)",
        member_file("std-feature/src/lib.rs")
    )
}

const PROC_MACRO: &str = "member `derive` (derive-macro v0.1.0): a proc-macro crate, run by the compiler on the host: `no-std` does not apply";

#[test]
fn a_resolved_version_outside_the_approval() {
    // The manifest requires ">=1.0.20": a `paths` override in
    // `.cargo/config.toml`, which the compiler never sees, puts 9.0.0 there.
    assert_findings("outside-approval", &[], &[outside_approval()]);
}

#[test]
fn a_checksum_that_is_not_the_locked_one() {
    assert_findings("checksum-mismatch", &[], &[checksum_mismatch()]);
}

#[test]
fn checksums_on_a_path_dependency_never_pass() {
    assert_findings("checksums-on-path", &[], &[checksums_on_path()]);
}

#[test]
fn a_license_the_policy_does_not_allow() {
    assert_findings("license-disallowed", &[], &[disallowed()]);
}

#[test]
fn the_legacy_slash_is_or() {
    // `MIT/Apache-2.0` against a policy that allows Apache-2.0 alone.
    assert_findings("license-slash", &[], &[]);
}

#[test]
fn a_license_inherited_from_the_workspace_is_cargos() {
    // `license.workspace = true` is Apache-2.0, the one license allowed.
    assert_findings("license-workspace", &[], &[]);
}

#[test]
fn a_license_file_alone_is_named() {
    assert_findings("license-file", &[], &[license_file_only()]);
}

#[test]
fn no_license_at_all() {
    assert_findings("license-missing", &[], &[unlicensed()]);
}

#[test]
fn a_crate_root_without_no_std() {
    assert_findings("no-std-missing", &[], &[no_no_std()]);
}

#[test]
fn no_std_unless_a_feature_holds_for_the_build_audited() {
    let top = "no-std-std-feature";
    // The top crate's default features turn on `std` of the member.
    assert_findings(top, &[], &[std_turned_on(top)]);
    assert_findings(top, &["--no-default-features"], &[]);
}

#[test]
fn a_proc_macro_member_is_exempt_and_said_to_be() {
    let output = assert_findings("no-std-proc-macro", &[], &[]);
    assert_eq!(lines(&output, "note: "), [PROC_MACRO]);
    let quiet = audit("no-std-proc-macro", &["--quiet"]);
    assert!(stderr(&quiet).is_empty(), "{}", report("quiet", &quiet));
}

#[test]
fn the_crate_root_is_the_lib_path_cargo_gives() {
    // `[lib] path = "root/lib.rs"` declares `#![no_std]`; `src/lib.rs`,
    // which is not the root, does not.
    assert_findings("no-std-custom-lib-path", &[], &[]);
}

#[test]
fn vet_without_an_audit_prints_the_certify_command() {
    // The store audits itoa 1.0.18 for safe-to-run only.
    assert_findings(
        "vet-no-audit",
        &[],
        &[no_audit(
            "safe-to-deploy",
            " (it is audited for `safe-to-run`, which does not imply `safe-to-deploy`)",
        )],
    );
}

#[test]
fn vet_by_an_audit_of_a_criteria_that_implies_it() {
    // `reviewed` implies safe-to-deploy, which implies safe-to-run.
    assert_findings("vet-implied", &[], &[]);
}

#[test]
fn vet_by_a_chain_of_deltas() {
    assert_findings("vet-delta", &[], &[]);
}

#[test]
fn vet_by_an_imported_audit() {
    assert_findings("vet-imported", &[], &[]);
}

#[test]
fn vet_with_a_violation_whatever_the_audits() {
    assert_findings(
        "vet-violation",
        &[],
        &["member `int` (itoa v1.0.18): supply-chain/audits.toml records that itoa \">=1.0.17, <1.0.19\" violates `safe-to-run`, and 1.0.18 is in that range; help: require a version outside \">=1.0.17, <1.0.19\", or take the member out: no audit outweighs a violation".to_owned()],
    );
}

#[test]
fn vet_with_only_an_exemption() {
    assert_findings(
        "vet-exemption-only",
        &[],
        &[no_audit(
            "safe-to-deploy",
            ": the store has only an exemption in supply-chain/config.toml, which is not an audit of it",
        )],
    );
}

#[test]
fn one_line_for_each_problem() {
    let output = assert_findings(
        "every-problem",
        &[],
        &[
            outside_approval(),
            checksum_mismatch(),
            no_audit("safe-to-deploy", ""),
            checksums_on_path(),
            disallowed(),
            license_file_only(),
            unlicensed(),
            no_no_std(),
            std_turned_on("every-problem"),
        ],
    );
    assert_eq!(lines(&output, "note: "), [PROC_MACRO]);
}

#[test]
fn a_clean_cratespace_and_the_demo_pass() {
    // Every check applies to `clean`, and passes: a voucher in its
    // approval with its checksum and an audit, licenses allowed, no-std
    // roots, `std` of a member off, a proc-macro exempt.
    let output = assert_findings("clean", &[], &[]);
    assert_eq!(lines(&output, "note: "), [PROC_MACRO]);
    let demo = cratespace(&repo().join("examples").join("acme"), &["audit"]);
    assert_exit(&demo, 0);
    assert!(
        stderr(&demo).contains("Auditing acme v2.1.0") && !stderr(&demo).contains("error"),
        "{}",
        report("the demo", &demo)
    );
}

/// The JSON lines of `audit`, each with the fields the crate documentation
/// promises for its `reason`.
fn json_lines(output: &Output) -> Vec<Value> {
    let keys =
        |line: &Value| -> Vec<String> { line.as_object().unwrap().keys().cloned().collect() };
    let sorted = |keys: &[&str]| {
        let mut keys: Vec<String> = keys.iter().map(|key| (*key).to_owned()).collect();
        keys.sort_unstable();
        keys
    };
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .inspect(|line| {
            let expected = match line["reason"].as_str() {
                Some("cratespace-audit-finding") => sorted(&[
                    "reason",
                    "package_id",
                    "check",
                    "member",
                    "package",
                    "version",
                    "message",
                    "help",
                    "rendered",
                ]),
                Some("cratespace-audit-exempt") => sorted(&[
                    "reason",
                    "package_id",
                    "check",
                    "member",
                    "package",
                    "version",
                    "message",
                    "rendered",
                ]),
                Some("cratespace-audit") => sorted(&[
                    "reason",
                    "package_id",
                    "manifest_path",
                    "name",
                    "version",
                    "findings",
                ]),
                other => panic!("unexpected reason {other:?} in {line}"),
            };
            assert_eq!(keys(line), expected, "{line}");
        })
        .collect()
}

#[test]
fn json_lines_hold_what_the_human_lines_say() {
    for name in [
        "every-problem",
        "clean",
        "vet-violation",
        "no-std-proc-macro",
    ] {
        let human = audit(name, &[]);
        let output = audit(name, &["--message-format", "json"]);
        assert_eq!(output.status.code(), human.status.code(), "{name}");
        let messages = json_lines(&output);
        let rendered: Vec<String> = messages
            .iter()
            .filter(|line| line["reason"] == "cratespace-audit-finding")
            .map(|line| line["rendered"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(rendered, findings(&human), "{name}");
        let exempt: Vec<&str> = messages
            .iter()
            .filter(|line| line["reason"] == "cratespace-audit-exempt")
            .map(|line| line["rendered"].as_str().unwrap())
            .collect();
        assert_eq!(exempt, lines(&human, "note: "), "{name}");
        for line in &messages {
            if line["reason"] == "cratespace-audit-finding" {
                let rendered = line["rendered"].as_str().unwrap();
                let (message, help) = (
                    line["message"].as_str().unwrap(),
                    line["help"].as_str().unwrap(),
                );
                assert!(
                    rendered.ends_with(&format!("{message}; help: {help}")),
                    "{line}"
                );
                let check = line["check"].as_str().unwrap();
                assert!(
                    ["approved", "checksum", "vet", "license", "no-std"].contains(&check),
                    "{line}"
                );
            }
        }
        let last = messages.last().unwrap();
        assert_eq!(last["reason"], "cratespace-audit", "{name}");
        assert_eq!(last["name"], name);
        assert_eq!(last["findings"], rendered.len(), "{name}");
    }
    let lines = json_lines(&audit("every-problem", &["--message-format", "json"]));
    let checks: Vec<&str> = lines
        .iter()
        .filter(|line| line["reason"] == "cratespace-audit-finding")
        .map(|line| line["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        checks,
        [
            "approved", "checksum", "vet", "checksum", "license", "license", "license", "no-std",
            "no-std"
        ]
    );
    let exempt = lines
        .iter()
        .find(|line| line["reason"] == "cratespace-audit-exempt")
        .unwrap();
    assert_eq!(
        (exempt["member"].as_str(), exempt["check"].as_str()),
        (Some("derive"), Some("no-std"))
    );
}

/// A cratespace in a scratch directory whose one member is the fixtures'
/// `widget`, as a voucher with `voucher` as its options.
fn scratch_cratespace(name: &str, voucher: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    let widget = fixtures().join("crates").join("widget");
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n\n[dependencies]\nwidget = {{ version = \"1.2\", path = {:?} }}\n\n[package.metadata.cratespace.members]\nwidget = {{ dependency = \"widget\", voucher = {{ approved = \"^1.2\", by = \"us\"{voucher} }} }}\n",
        widget.display().to_string()
    );
    write(&dir, &[("Cargo.toml", &manifest), ("src/lib.rs", "")]);
    write(&dir, files);
    dir
}

#[test]
fn a_policy_identifier_off_the_spdx_list() {
    let dir = scratch_cratespace(
        "policy-typo",
        "",
        &[(
            "Cargo.toml",
            &policy_manifest("policy-typo", r#"["Apache2", "MIT"]"#),
        )],
    );
    let output = cratespace(&dir, &["audit"]);
    assert_exit(&output, 1);
    assert_eq!(
        findings(&output),
        [
            "policy: `Apache2` in `licenses` is not an SPDX license identifier (unknown term: `Apache2`); help: did you mean `Apache-2.0`?"
        ]
    );
    let json = cratespace(&dir, &["audit", "--message-format", "json"]);
    let finding = &json_lines(&json)[0];
    assert_eq!(
        (&finding["member"], &finding["package"]),
        (&Value::Null, &Value::Null)
    );
}

/// A cratespace whose one member is the fixtures' `widget` (MIT), under
/// the policy `licenses`.
fn policy_manifest(name: &str, licenses: &str) -> String {
    let widget = fixtures().join("crates").join("widget");
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n\n[dependencies]\nwidget = {{ path = {:?} }}\n\n[package.metadata.cratespace.policy]\nlicenses = {licenses}\n\n[package.metadata.cratespace.members]\nwidget = \"widget\"\n",
        widget.display().to_string()
    )
}

#[test]
fn manifest_problems_are_reported_as_check_reports_them() {
    let dir = scratch_cratespace("bad-vet", ", vet = \"\"", &[]);
    let output = cratespace(&dir, &["audit"]);
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("error: invalid `vet` criteria\n  --> Cargo.toml:"),
        "{}",
        report("bad vet", &output)
    );
}

#[test]
fn a_store_cargo_vet_could_not_read_is_exit_2() {
    let dir = scratch_cratespace(
        "broken-store",
        ", vet = \"safe-to-deploy\"",
        &[("supply-chain/audits.toml", "[[audits.widget]\n")],
    );
    let output = cratespace(&dir, &["audit"]);
    assert_exit(&output, 2);
    let shown = Path::new("supply-chain").join("audits.toml");
    assert!(
        stderr(&output).contains(&format!("error: `{}` is not TOML", shown.display())),
        "{}",
        report("broken store", &output)
    );
}

#[test]
fn vet_on_a_path_dependency_is_never_covered() {
    let dir = scratch_cratespace("vet-on-path", ", vet = \"safe-to-run\"", &[]);
    let output = cratespace(&dir, &["audit"]);
    assert_exit(&output, 1);
    // A path dependency is never covered, store or not.
    assert_eq!(
        findings(&output),
        [
            "member `widget` (widget v1.2.0): is a path dependency: cargo-vet audits published crates, and no audit covers a local copy; help: depend on the published crate, or take `vet` out of the voucher"
        ]
    );
}

#[test]
fn audit_takes_the_common_flags_and_fails_on_usage_with_2() {
    let output = cratespace(&fixtures().join("clean"), &["audit", "--no-such-flag"]);
    assert_exit(&output, 2);
    let output = cratespace(&repo(), &["audit", "--help"]);
    assert_exit(&output, 0);
    let help = stdout(&output);
    assert!(
        help.contains("Examples:\n  cargo cratespace audit"),
        "{help}"
    );
    for flag in [
        "--manifest-path",
        "--workspace",
        "--message-format",
        "--locked",
        "--features",
        "--no-default-features",
        "--target",
    ] {
        assert!(help.contains(flag), "audit --help lacks {flag}:\n{help}");
    }
}

#[test]
fn the_documented_findings_are_what_audit_prints() {
    // The docs show the repository at `/src/cratespace`.
    let printed: Vec<String> = ["every-problem", "vet-violation", "vet-exemption-only"]
        .iter()
        .flat_map(|name| {
            let output = audit(name, &[]);
            stderr(&output)
                .lines()
                .filter(|line| line.starts_with("error: member ") || line.starts_with("note: "))
                .map(|line| line.replace(&repo().display().to_string(), "/src/cratespace"))
                .collect::<Vec<_>>()
        })
        .collect();
    for doc in ["README.md", "src/lib.rs", "cargo-cratespace/src/main.rs"] {
        let text = std::fs::read_to_string(repo().join(doc)).unwrap();
        for line in &printed {
            assert!(
                text.contains(line.as_str()),
                "{doc} does not show, as printed:\n{line}"
            );
        }
    }
}
