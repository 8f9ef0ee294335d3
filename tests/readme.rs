//! The README's quickstart, taken from `README.md` itself and done as a
//! reader would: its `cargo new` commands run in a directory outside this
//! repository, each file written from the code block under its name, and
//! the program run; it must print the README's output. `cratespace` comes
//! from this repository through `[patch.crates-io]`, the one change.
//!
//! The README's manifest in brief is checked too: with a `Cargo.toml` that
//! has its dependencies, it is a manifest without a problem.

mod support;

use cratespace_manifest::{Source, Sources, load_sources};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{check, root, run};

/// A code block of the README: its language, its text, and the paragraph
/// before it.
struct Block {
    language: String,
    text: String,
    before: String,
}

/// The code blocks of the README's section `title`.
fn blocks(title: &str) -> Vec<Block> {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("the README has no section `{title}`"));
    let section = &readme[start + 1..];
    let section = &section[..section[3..]
        .find("\n## ")
        .map_or(section.len(), |end| end + 3)];
    let mut blocks = Vec::new();
    // The last paragraph, and whether a blank line has ended it.
    let mut paragraph = Vec::new();
    let mut ended = false;
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if let Some(language) = line.strip_prefix("```") {
            let text: Vec<&str> = lines.by_ref().take_while(|line| *line != "```").collect();
            blocks.push(Block {
                language: language.to_owned(),
                text: text.join("\n") + "\n",
                before: paragraph.join(" "),
            });
            paragraph.clear();
        } else if line.is_empty() {
            ended = true;
        } else {
            if ended {
                paragraph.clear();
                ended = false;
            }
            paragraph.push(line);
        }
    }
    blocks
}

/// The spans of `text` written in backticks.
fn quoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The file a paragraph names for the block under it: the last quoted
/// path of a Rust or TOML file.
fn file_named(paragraph: &str) -> Option<&str> {
    quoted(paragraph)
        .into_iter()
        .rfind(|span| span.ends_with(".rs") || span.ends_with(".toml"))
}

/// A fresh directory outside this repository, whose workspace `cargo new`
/// would otherwise join.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cratespace-readme-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target").join("readme"))
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_NET_OFFLINE", "true")
        .env_remove("CRATESPACE_MANIFEST_DIR");
    command
}

#[test]
fn the_quickstart_works_as_written() {
    let blocks = blocks("Quickstart");
    let dir = scratch();
    let mut output = None;
    for block in &blocks {
        match block.language.as_str() {
            "sh" => {
                for line in block.text.lines() {
                    let words: Vec<&str> = line.split_whitespace().collect();
                    assert_eq!(words[..2], ["cargo", "new"], "not a `cargo new`: {line}");
                    let mut new = cargo(&dir);
                    new.args(&words[1..]).args(["--vcs", "none", "--quiet"]);
                    check(line, run(new));
                }
            }
            "rust" | "toml" => {
                let file = file_named(&block.before)
                    .unwrap_or_else(|| panic!("no file named before:\n{}", block.text));
                fs::write(dir.join(file), &block.text).unwrap();
                // "adds `LINE` to the `[dependencies]` of `FILE`".
                if let Some(at) = block.before.find(" to the `[dependencies]` of ") {
                    let line = quoted(&block.before[..at]).pop().unwrap();
                    let manifest = quoted(&block.before[at..])[1];
                    let path = dir.join(manifest);
                    let text = fs::read_to_string(&path).unwrap();
                    let text =
                        text.replacen("[dependencies]\n", &format!("[dependencies]\n{line}\n"), 1);
                    fs::write(&path, text).unwrap();
                }
            }
            "text" => output = Some(block.text.clone()),
            other => panic!("a code block of an unknown language `{other}`"),
        }
    }
    // The program is run where the README says: `cargo run` in `app/`.
    let app = dir.join("app");
    let manifest = app.join("Cargo.toml");
    let mut text = fs::read_to_string(&manifest).unwrap();
    assert!(text.contains("acme = { path = \"../acme\" }"), "{text}");
    text.push_str(&format!(
        "\n[patch.crates-io]\ncratespace = {{ path = {:?} }}\n",
        root().to_str().unwrap()
    ));
    fs::write(&manifest, text).unwrap();
    // The registry crates resolve to the versions this repository has.
    fs::copy(root().join("Cargo.lock"), app.join("Cargo.lock")).unwrap();
    let mut program = cargo(&app);
    program.args(["run", "--quiet"]);
    let printed = check("cargo run in app/", run(program));
    assert_eq!(
        printed,
        output.expect("the README shows the output"),
        "the quickstart prints otherwise than the README says"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_manifest_in_brief_has_no_problem() {
    let blocks = blocks("The manifest in brief");
    let table = &blocks[0].text;
    // The crates it names: the family's own at its version, the voucher
    // within its approval.
    let dependencies = "acme-core = \"=1.0.0\"\nacme-derive = \"=1.0.0\"\nacme-json = \"=1.0.0\"\n\
                        acme-io = \"=1.0.0\"\nacme-sys = \"=1.0.0\"\nyaml-fast = \"0.3.1\"\n";
    let cargo_toml = format!(
        "[package]\nname = \"acme\"\nversion = \"1.0.0\"\nedition = \"2024\"\n\n[dependencies]\n{dependencies}\n{table}"
    );
    let loaded = load_sources(&Sources {
        cargo: Some(Source::new("Cargo.toml", &cargo_toml)),
        ..Default::default()
    });
    assert!(
        loaded.diagnostics.is_empty(),
        "{}\n--- in:\n{cargo_toml}",
        loaded.diagnostics[0]
    );
    assert_eq!(loaded.cratespace.root.members().len(), 6, "{cargo_toml}");
    assert_eq!(
        loaded.cratespace.generated.as_deref(),
        Some("src/cratespace.rs")
    );
}
