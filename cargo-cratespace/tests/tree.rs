//! `cargo cratespace tree` on the demo family and on `tests/fixtures/`,
//! whose top crate is built for real to compare the tree with what it
//! reports as compiled in.

mod support;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use support::{assert_exit, command, cratespace, repo, report, scratch, stderr, stdout, write};

fn acme() -> PathBuf {
    repo().join("examples").join("acme")
}

/// The fixture workspace, one test at a time: it has no committed lock
/// file, so that cargo resolves it offline from what the repository's own
/// build downloaded, and the first command writes one.
fn fixtures() -> (PathBuf, MutexGuard<'static, ()>) {
    static LOCK: Mutex<()> = Mutex::new(());
    let guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = repo()
        .join("cargo-cratespace")
        .join("tests")
        .join("fixtures");
    (dir, guard)
}

/// The JSON lines of `tree`, each with its `reason`.
fn json_lines(output: &std::process::Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .inspect(|line| assert!(line["reason"].is_string(), "no reason: {line}"))
        .collect()
}

/// The `cratespace-member` lines, by module path.
fn members(lines: &[Value]) -> BTreeMap<String, Value> {
    lines
        .iter()
        .filter(|line| line["reason"] == "cratespace-member")
        .map(|line| (line["path"].as_str().unwrap().to_owned(), line.clone()))
        .collect()
}

/// The JSON lines of `tree -p gadget FLAGS` on the fixtures, which must
/// succeed.
fn gadget_tree(fixtures: &Path, flags: &[&str]) -> Vec<Value> {
    let mut args = vec!["tree", "-p", "gadget", "--message-format", "json"];
    args.extend(flags);
    let output = cratespace(fixtures, &args);
    assert_exit(&output, 0);
    json_lines(&output)
}

/// The member line of the human tree whose module name is `name`, split
/// into its columns, without the branches before it.
fn row(tree: &str, name: &str) -> Vec<String> {
    tree.lines()
        .skip(1)
        .map(|line| {
            line.trim_start_matches(['│', '├', '└', '─', ' '])
                .split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.first().is_some_and(|first| first == name))
        .unwrap_or_else(|| panic!("no member `{name}` in\n{tree}"))
}

#[test]
fn the_demo_tree_shows_versions_licenses_and_gates() {
    let output = cratespace(&acme(), &["tree"]);
    assert_exit(&output, 0);
    let tree = stdout(&output);
    let header = tree.lines().next().unwrap();
    assert!(header.starts_with("acme v2.1.0 ("), "{tree}");
    assert!(
        header.ends_with("(versioning: lockstep; features: default, derive, int, json)"),
        "{tree}"
    );
    assert_eq!(
        row(&tree, "*"),
        [
            "*",
            "acme-core",
            "v2.1.0",
            "glob",
            "always",
            "on",
            "MIT OR Apache-2.0"
        ]
    );
    assert_eq!(
        row(&tree, "derive"),
        [
            "derive",
            "acme-derive",
            "v2.1.0",
            "child",
            "cfg(feature = \"derive\")",
            "on",
            "MIT OR Apache-2.0"
        ]
    );
    assert!(tree.contains("└── formats\n    ├── json  "), "{tree}");
    let int = row(&tree, "int");
    assert_eq!(int[1], "itoa");
    assert!(int[2].starts_with("v1."), "{int:?}");
    assert_eq!(
        int[3..],
        [
            "voucher",
            "cfg(feature = \"int\")",
            "on",
            "MIT OR Apache-2.0"
        ]
    );
}

#[test]
fn without_default_features_the_gated_members_are_off() {
    let output = cratespace(&acme(), &["tree", "--no-default-features"]);
    assert_exit(&output, 0);
    let tree = stdout(&output);
    assert!(
        tree.lines().next().unwrap().ends_with("features: none)"),
        "{tree}"
    );
    assert_eq!(row(&tree, "*")[5], "on");
    for gated in ["derive", "json", "int"] {
        assert_eq!(row(&tree, gated)[5], "off", "{tree}");
    }

    let output = cratespace(
        &acme(),
        &[
            "tree",
            "--no-default-features",
            "-F",
            "json",
            "--message-format",
            "json",
        ],
    );
    assert_exit(&output, 0);
    let lines = json_lines(&output);
    assert_eq!(lines[0]["reason"], "cratespace");
    assert_eq!(lines[0]["name"], "acme");
    assert_eq!(lines[0]["versioning"], "lockstep");
    assert_eq!(lines[0]["features"], serde_json::json!(["json"]));
    // The fields the crate documentation promises, each line every one.
    let keys =
        |line: &Value| -> Vec<String> { line.as_object().unwrap().keys().cloned().collect() };
    let mut cratespace_keys = [
        "reason",
        "package_id",
        "manifest_path",
        "name",
        "version",
        "versioning",
        "features",
        "target",
    ];
    cratespace_keys.sort_unstable();
    assert_eq!(keys(&lines[0]), cratespace_keys);
    let mut member_keys = [
        "reason",
        "package_id",
        "path",
        "kind",
        "dependency",
        "package",
        "target",
        "requirement",
        "version",
        "license",
        "gate",
        "compiled_in",
        "doc",
        "voucher",
    ];
    member_keys.sort_unstable();
    for line in &lines[1..] {
        assert_eq!(keys(line), member_keys, "{line}");
    }
    let members = members(&lines);
    let compiled: BTreeMap<&str, bool> = members
        .iter()
        .map(|(path, line)| (path.as_str(), line["compiled_in"].as_bool().unwrap()))
        .collect();
    let expected = BTreeMap::from([
        ("*", true),
        ("derive", false),
        ("formats::json", true),
        ("formats::int", false),
    ]);
    assert_eq!(compiled, expected);
    let int = &members["formats::int"];
    assert_eq!(
        (int["kind"].as_str(), int["package"].as_str()),
        (Some("voucher"), Some("itoa"))
    );
    assert_eq!(int["voucher"]["approved"], ">=1.0.10, <2");
    assert_eq!(members["formats::json"]["version"], "2.1.0");
    assert_eq!(members["formats::json"]["gate"], "feature = \"json\"");
    assert_eq!(members["*"]["gate"], Value::Null);
}

#[test]
fn each_member_shows_the_version_its_own_edge_resolves_to() {
    // `gadget-util` is in the build graph twice, at 1.4.0 and 2.0.0.
    let (fixtures, _guard) = fixtures();
    let members = members(&gadget_tree(&fixtures, &["--all-features"]));
    let fields = |path: &str| {
        let member = &members[path];
        let field = |key: &str| member[key].as_str().unwrap_or_default().to_owned();
        [
            field("dependency"),
            field("package"),
            field("version"),
            field("license"),
        ]
    };
    assert_eq!(
        fields("util::old"),
        ["old-util", "gadget-util", "1.4.0", "MIT"]
    );
    assert_eq!(
        fields("util::new"),
        ["new-util", "gadget-util", "2.0.0", "Zlib"]
    );
    assert_eq!(
        fields("fmt"),
        ["fmt", "gadget-fmt", "0.3.1", "MIT OR Apache-2.0"]
    );
    assert_eq!(members["inspect"]["target"], "gadget_core::debug");

    let human = stdout(&cratespace(
        &fixtures,
        &["tree", "-p", "gadget", "--all-features"],
    ));
    assert_eq!(
        row(&human, "old")[1..4],
        ["gadget-util as old-util", "v1.4.0", "child"]
    );
    assert_eq!(
        row(&human, "new")[1..4],
        ["gadget-util as new-util", "v2.0.0", "child"]
    );
    assert_eq!(
        row(&human, "inspect")[1],
        "gadget-core → gadget_core::debug"
    );
}

/// What the built top crate reports for the feature flags `flags`.
fn built(fixtures: &Path, flags: &[&str]) -> BTreeMap<String, bool> {
    let mut build = Command::new(env!("CARGO"));
    build
        .current_dir(fixtures)
        .args([
            "run",
            "--quiet",
            "--offline",
            "-p",
            "gadget",
            "--example",
            "members",
        ])
        .args(flags)
        .env(
            "CARGO_TARGET_DIR",
            repo().join("target").join("cratespace-fixtures"),
        )
        .env("CARGO_TERM_COLOR", "never");
    let output = build.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        report("the fixture did not build", &output)
    );
    stdout(&output)
        .lines()
        .map(|line| {
            let (path, enabled) = line.rsplit_once(' ').unwrap();
            (path.to_owned(), enabled == "true")
        })
        .collect()
}

#[test]
fn compiled_in_is_what_the_built_crate_reports() {
    let (fixtures, _guard) = fixtures();
    let selections: [&[&str]; 5] = [
        &[],
        &["--no-default-features"],
        &["--all-features"],
        &["-F", "fmt"],
        &["--no-default-features", "--features", "next fmt"],
    ];
    let mut seen = Vec::new();
    for flags in selections {
        let tree: BTreeMap<String, bool> = members(&gadget_tree(&fixtures, flags))
            .into_iter()
            .map(|(path, line)| (path, line["compiled_in"].as_bool().unwrap()))
            .collect();
        assert_eq!(
            tree,
            built(&fixtures, flags),
            "tree and the build disagree under {flags:?}"
        );
        seen.push(tree);
    }
    // The selections tell the members apart: each is on in one and off in another.
    for path in seen[0].keys() {
        let states: Vec<bool> = seen.iter().map(|tree| tree[path]).collect();
        let always = ["*", "unix", "util::old"].contains(&path.as_str());
        let never = path == "windows";
        assert_eq!(states.iter().all(|&on| on), always, "{path}: {states:?}");
        assert_eq!(states.iter().all(|&on| !on), never, "{path}: {states:?}");
    }
}

#[test]
fn another_target_has_its_own_gates() {
    let (fixtures, _guard) = fixtures();
    let lines = gadget_tree(&fixtures, &["--target", "x86_64-pc-windows-msvc"]);
    assert_eq!(lines[0]["target"], "x86_64-pc-windows-msvc");
    let members = members(&lines);
    assert_eq!(members["windows"]["compiled_in"], true);
    assert_eq!(members["windows"]["version"], "0.3.0");
    assert_eq!(members["unix"]["compiled_in"], false);
    assert_eq!(members["inspect"]["compiled_in"], false);
}

#[test]
fn manifest_problems_follow_the_tree_and_exit_with_1() {
    let dir = scratch("tree-problems");
    write(
        &dir,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"solo\"\nversion = \"1.0.0\"\nedition = \"2021\"\n\n[package.metadata.cratespace.members]\nself-made = \"nothing\"\n",
            ),
            (
                "src/lib.rs",
                "//! No macro call: the table alone makes it a cratespace.\n",
            ),
        ],
    );
    let output = cratespace(&dir, &["tree"]);
    assert_exit(&output, 1);
    assert!(
        stdout(&output).starts_with("solo v1.0.0 ("),
        "{}",
        report("tree", &output)
    );
    assert!(
        stderr(&output).contains("error: the cratespace `solo` has"),
        "{}",
        report("tree", &output)
    );

    let json = cratespace(&dir, &["tree", "--message-format", "json"]);
    assert_exit(&json, 1);
    let reasons: Vec<Value> = json_lines(&json)
        .into_iter()
        .map(|line| line["reason"].clone())
        .collect();
    assert_eq!(reasons[0], "cratespace");
    assert!(
        reasons[1..]
            .iter()
            .all(|reason| reason == "compiler-message"),
        "{reasons:?}"
    );
}

#[test]
fn no_cratespace_is_a_warning_and_exit_0() {
    let output = cratespace(&repo().join("examples").join("acme-core"), &["tree"]);
    assert_exit(&output, 0);
    assert!(
        stderr(&output).contains("warning: no cratespace among `acme-core`"),
        "{}",
        report("tree", &output)
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn cargo_that_cannot_run_or_load_the_lock_is_exit_2() {
    let output = command(&acme(), &["tree"])
        .env("CARGO", "/nonexistent/cargo")
        .output()
        .unwrap();
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("error: cannot run cargo (`/nonexistent/cargo`)"),
        "{}",
        report("tree", &output)
    );

    let dir = scratch("bad-lock");
    write(
        &dir,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"locked\"\nversion = \"1.0.0\"\n\n[package.metadata.cratespace.members]\n",
            ),
            ("src/lib.rs", ""),
            ("Cargo.lock", "this is = not [a lock file\n"),
        ],
    );
    let output = cratespace(&dir, &["tree"]);
    assert_exit(&output, 2);
    let err = stderr(&output);
    assert!(
        err.contains("error: `cargo metadata` failed") && err.contains("Cargo.lock"),
        "{}",
        report("tree", &output)
    );
}
