//! The diagnostics catalogue, `src/diagnostics.rs`, against the ui tests'
//! snapshots: each example is the compiler's output for its case, word for
//! word, and every case of `ui-tests/ui` and `ui-tests/derive` is in the
//! catalogue, so that neither can change without the other.
//!
//! One substitution: a snapshot's `$DIR/ui/<case>` (trybuild's name for the
//! case's directory) is `/home/you/acme` in the catalogue.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One entry: its number and title, its ui cases, and its example.
struct Entry {
    number: usize,
    title: String,
    cases: Vec<String>,
    example: String,
}

/// The entries of the catalogue, read from its doc comment.
fn entries() -> Vec<Entry> {
    let source = fs::read_to_string(Path::new(ROOT).join("src/diagnostics.rs")).unwrap();
    let lines: Vec<&str> = source
        .lines()
        .map(|line| {
            let text = line
                .strip_prefix("//!")
                .unwrap_or_else(|| panic!("not a doc line: {line}"));
            text.strip_prefix(' ').unwrap_or(text)
        })
        .collect();
    let mut entries = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let Some(heading) = lines[at].strip_prefix("## ") else {
            at += 1;
            continue;
        };
        let (number, title) = heading
            .split_once(". ")
            .unwrap_or_else(|| panic!("a heading without its number: {heading}"));
        let rest = &lines[at + 1..];
        let end = rest
            .iter()
            .position(|line| line.starts_with("## "))
            .unwrap_or(rest.len());
        let body = &rest[..end];
        let cases = body
            .iter()
            .find_map(|line| line.strip_prefix("<!-- ui: ")?.strip_suffix(" -->"))
            .unwrap_or_else(|| panic!("`{heading}` names no ui case"))
            .split(' ')
            .map(str::to_owned)
            .collect();
        let open = body
            .iter()
            .position(|line| *line == "```text")
            .unwrap_or_else(|| panic!("`{heading}` has no example"));
        let close = open
            + 1
            + body[open + 1..]
                .iter()
                .position(|line| *line == "```")
                .unwrap_or_else(|| panic!("`{heading}`'s example does not end"));
        entries.push(Entry {
            number: number.parse().expect("a number"),
            title: title.to_owned(),
            cases,
            example: body[open + 1..close].join("\n"),
        });
        at += 1 + end;
    }
    entries
}

/// The snapshot of ui case `name`, from `ui/` or `derive/`.
fn snapshot(name: &str) -> String {
    let ui = Path::new(ROOT).join("ui-tests");
    ["ui", "derive"]
        .iter()
        .map(|dir| ui.join(dir).join(format!("{name}.stderr")))
        .find(|path| path.exists())
        .map(|path| fs::read_to_string(path).unwrap())
        .unwrap_or_else(|| panic!("no ui case `{name}`"))
        .replace(&format!("$DIR/ui/{name}"), "/home/you/acme")
}

/// The ui cases: each `.rs` file of `ui-tests/ui` and `ui-tests/derive`.
fn ui_cases() -> BTreeSet<String> {
    let ui = Path::new(ROOT).join("ui-tests");
    let mut cases = BTreeSet::new();
    for dir in ["ui", "derive"] {
        for entry in fs::read_dir(ui.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "rs") {
                cases.insert(path.file_stem().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    cases
}

#[test]
fn each_example_is_the_compilers_output_for_its_case() {
    let entries = entries();
    assert!(entries.len() >= 20, "the catalogue lost its entries");
    for entry in &entries {
        let first = &entry.cases[0];
        let snapshot = snapshot(first);
        assert!(
            entry.example.starts_with("error: ") && snapshot.contains(&entry.example),
            "the example of {}. {} is not in ui-tests' `{first}.stderr`:\n{}\n--- the snapshot:\n{snapshot}",
            entry.number,
            entry.title,
            entry.example,
        );
    }
}

#[test]
fn every_ui_case_is_in_the_catalogue_once() {
    let mut named = BTreeSet::new();
    for entry in entries() {
        for case in entry.cases {
            assert!(named.insert(case.clone()), "`{case}` is in two entries");
        }
    }
    let cases = ui_cases();
    let missing: Vec<&String> = cases.difference(&named).collect();
    let unknown: Vec<&String> = named.difference(&cases).collect();
    assert!(
        missing.is_empty(),
        "ui cases not in the catalogue: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "the catalogue names no such case: {unknown:?}"
    );
}

#[test]
fn the_entries_are_numbered_in_order() {
    let numbers: Vec<usize> = entries().iter().map(|entry| entry.number).collect();
    let expected: Vec<usize> = (1..=numbers.len()).collect();
    assert_eq!(numbers, expected);
}
