//! `cargo cratespace check`: the macro's findings without compiling, for
//! people on stderr and for editors as `compiler-message` lines.

mod support;

use cargo_metadata::Message;
use cargo_metadata::diagnostic::{Diagnostic, DiagnosticSpan};
use std::fs;
use std::path::{Path, PathBuf};
use support::{assert_exit, cratespace, repo, report, scratch, stderr, stdout, write};

/// Each ui case of the macro as a crate: `ui/NAME/`'s manifests, and
/// `ui/NAME.rs`, which the compiler builds, as its lib root. (In place, the
/// directory has no lib root to hold the `manifest = "…"` argument.)
fn ui_case(test: &str, name: &str) -> PathBuf {
    let ui = repo().join("ui-tests").join("ui");
    let dir = scratch(&format!("{test}-{name}"));
    let manifests = ui.join(name);
    if manifests.is_dir() {
        for entry in fs::read_dir(&manifests).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    } else {
        write(
            &dir,
            &[(
                "Cargo.toml",
                "[package]\nname = \"ui\"\nversion = \"0.0.0\"\n",
            )],
        );
    }
    let lib = fs::read_to_string(ui.join(format!("{name}.rs"))).unwrap();
    write(&dir, &[("src/lib.rs", &lib)]);
    dir
}

/// A call written inside another `macro_rules!` exists only once the
/// compiler expands that macro; `check` reads the source as written.
const EXPANDED_ONLY: &[&str] = &["argument-forwarded"];

/// The ui cases `check` can see: every one but those of [`EXPANDED_ONLY`].
fn ui_cases() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(repo().join("ui-tests").join("ui"))
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            let is_case = path.extension().is_some_and(|ext| ext == "rs");
            is_case.then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .filter(|name| !EXPANDED_ONLY.contains(&name.as_str()))
        .collect();
    names.sort();
    assert!(names.len() >= 16, "the ui cases are missing: {names:?}");
    names
}

/// The macro's errors in a ui snapshot, as `check` prints them.
///
/// A problem of the manifest is the diagnostic as the macro renders it
/// (the compiler indents its later lines), then the compiler's pointer to
/// the `cratespace!` call, which `check` has no compiler to add. A problem
/// of the argument has no place of its own, and the compiler shows it at
/// the token: `check` puts that place in the diagnostic, before its help,
/// as rustc orders them.
fn snapshot_errors(name: &str, dir: &Path) -> Vec<String> {
    let path = repo()
        .join("ui-tests")
        .join("ui")
        .join(format!("{name}.stderr"));
    let snapshot = fs::read_to_string(path).unwrap();
    let call_site = format!("ui/{name}.rs");
    let dir = dir.display().to_string();
    let mut errors = Vec::new();
    for block in snapshot.trim_end().split("\n\n") {
        let mut lines = block.lines();
        let mut own = vec![lines.next().unwrap().to_owned()];
        let mut pointer = Vec::new();
        for line in lines {
            match line.strip_prefix("       ") {
                Some(continued) if pointer.is_empty() => own.push(continued.to_owned()),
                _ => pointer.push(line.replace(&call_site, "src/lib.rs")),
            }
        }
        let placed = own.iter().any(|line| line.contains("-->"))
            || pointer
                .iter()
                .any(|line| line.contains("this error originates in the macro"));
        let error = if placed {
            own.join("\n")
        } else {
            let pad = " ".repeat(pointer[0].find("-->").unwrap());
            let mut lines = vec![own[0].clone()];
            lines.extend(pointer);
            lines.push(format!("{pad} |"));
            lines.extend(own[1..].iter().map(|line| format!("{pad} {line}")));
            lines.join("\n")
        };
        errors.push(error.replace(&format!("$DIR/ui/{name}"), &dir));
    }
    errors
}

/// The problems `check` printed on stderr, one `error: …` block each.
fn printed_errors(output: &std::process::Output) -> Vec<String> {
    stderr(output)
        .split("\n\n")
        .filter_map(|block| block.find("error: ").map(|at| block[at..].trim_end()))
        .filter(|block| !block.starts_with("error: the cratespace `"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn check_reports_what_the_macro_reports_in_every_ui_case() {
    for name in ui_cases() {
        let dir = ui_case("human", &name);
        let output = cratespace(&dir, &["check"]);
        let expected = snapshot_errors(&name, &dir);
        assert_eq!(
            printed_errors(&output),
            expected,
            "{}",
            report(&format!("ui case `{name}`"), &output)
        );
        assert_exit(&output, 1);
        let count = expected.len();
        let summary = if count == 1 {
            "error: the cratespace `ui` has 1 problem".to_owned()
        } else {
            format!("error: the cratespace `ui` has {count} problems")
        };
        assert!(
            stderr(&output).contains(&summary),
            "{}",
            report(&name, &output)
        );
    }
}

/// The `compiler-message`s of a JSON run; every line must be one.
fn compiler_messages(output: &std::process::Output) -> Vec<Diagnostic> {
    stdout(output)
        .lines()
        .map(|line| match serde_json::from_str::<Message>(line) {
            Ok(Message::CompilerMessage(message)) => message.message,
            other => panic!("not a compiler-message: {other:?} from {line}"),
        })
        .collect()
}

/// Checks a span against the file it points into: the bytes it covers
/// start and end at its lines and character columns.
fn assert_span_fits_its_file(span: &DiagnosticSpan) {
    let text = fs::read_to_string(&span.file_name).unwrap();
    let position = |byte: usize| {
        let before = &text[..byte];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    };
    let (start, end) = (span.byte_start as usize, span.byte_end as usize);
    assert_eq!(
        position(start),
        (span.line_start, span.column_start),
        "{span:?}"
    );
    assert_eq!(position(end), (span.line_end, span.column_end), "{span:?}");
    let highlighted: String = span.text[0]
        .text
        .chars()
        .skip(span.text[0].highlight_start - 1)
        .take(span.text[0].highlight_end - span.text[0].highlight_start)
        .collect();
    assert!(text[start..end].starts_with(&highlighted), "{span:?}");
}

/// The place a human error names (`--> FILE:LINE:COL`) and what it
/// underlines with `^`.
fn human_place(error: &str) -> (String, usize, usize, String) {
    let lines: Vec<&str> = error.lines().collect();
    let arrow = lines
        .iter()
        .position(|line| line.trim_start().starts_with("--> "));
    let arrow = arrow.unwrap_or_else(|| panic!("no place in {error}"));
    let place = lines[arrow].trim_start().trim_start_matches("--> ");
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next().unwrap().parse().unwrap();
    let line = parts.next().unwrap().parse().unwrap();
    let file = parts.next().unwrap().to_owned();
    let (code, marks) = (lines[arrow + 2], lines[arrow + 3]);
    let code = &code[code.find(" | ").unwrap() + 3..];
    let marks = &marks[marks.find(" | ").unwrap() + 3..];
    let from = marks.find('^').unwrap();
    let width = marks[from..].chars().take_while(|&c| c == '^').count();
    let underlined = code
        .chars()
        .skip(marks[..from].chars().count())
        .take(width)
        .collect();
    (file, line, column, underlined)
}

#[test]
fn json_messages_point_where_the_human_errors_do() {
    for name in ui_cases() {
        let dir = ui_case("json", &name);
        let human = printed_errors(&cratespace(&dir, &["check"]));
        let output = cratespace(&dir, &["check", "--message-format", "json"]);
        assert_exit(&output, 1);
        let messages = compiler_messages(&output);
        assert_eq!(messages.len(), human.len(), "{}", report(&name, &output));
        for (message, human) in messages.iter().zip(&human) {
            assert_eq!(
                message.rendered.as_deref(),
                Some(format!("{human}\n\n").as_str())
            );
            let primary = message.spans.iter().find(|span| span.is_primary);
            if !human.contains("--> ") {
                // A problem with no place in a file is at the macro call.
                let primary = primary.expect("a span at the call");
                assert!(primary.file_name.ends_with("src/lib.rs"), "{primary:?}");
                assert_span_fits_its_file(primary);
                continue;
            }
            let primary = primary.unwrap_or_else(|| panic!("no primary span: {human}"));
            let (file, line, column, underlined) = human_place(human);
            assert_eq!(Path::new(&primary.file_name), dir.join(&file), "{human}");
            assert_eq!(
                (primary.line_start, primary.column_start),
                (line, column),
                "{human}"
            );
            let text = fs::read_to_string(&primary.file_name).unwrap();
            let covered = &text[primary.byte_start as usize..primary.byte_end as usize];
            assert!(
                covered.starts_with(&underlined),
                "{covered:?} is not {underlined:?}"
            );
            for span in &message.spans {
                assert_span_fits_its_file(span);
            }
            // Each note and help is a child, in the order shown.
            let shown: Vec<&str> = human
                .lines()
                .filter_map(|line| {
                    let line = line.trim_start();
                    line.strip_prefix("= note: ")
                        .map(|_| "note")
                        .or_else(|| line.strip_prefix("= help: ").map(|_| "help"))
                })
                .collect();
            let children: Vec<String> = message
                .children
                .iter()
                .map(|child| format!("{:?}", child.level).to_lowercase())
                .collect();
            assert_eq!(children, shown, "{human}");
        }
    }
}

#[test]
fn a_misspelt_dependency_is_reported_on_its_line_of_cargo_toml() {
    let dir = ui_case("misspelt", "dependency-not-found");
    let output = cratespace(&dir, &["check", "--message-format", "json"]);
    let messages = compiler_messages(&output);
    for line in stdout(&output).lines() {
        let line: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["manifest_path", "message", "package_id", "reason", "target"]
        );
        assert_eq!(line["message"]["level"], "error");
    }
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    for message in &messages {
        let span = &message.spans[0];
        assert!(span.file_name.ends_with("Cargo.toml"), "{span:?}");
        let line = manifest.lines().nth(span.line_start - 1).unwrap();
        assert_eq!(span.text[0].text, line);
        assert!(
            message.message.contains("no dependency")
                || message.message.contains("names more than one dependency"),
            "{}",
            message.message
        );
    }
    assert!(!messages.is_empty());
}

#[test]
fn columns_count_characters_after_non_ascii_text() {
    let dir = scratch("non-ascii");
    write(
        &dir,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"façade\"\nversion = \"1.0.0\"\n\n[dependencies]\nacme-json = \"1\"\n\n[package.metadata.cratespace.members]\njson = { doc = \"Jsön — ünïcødé\", dependency = \"acme-jsn\" }\n",
            ),
            ("src/lib.rs", "cratespace::cratespace!();\n"),
        ],
    );
    let text = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let line = text.lines().nth(8).unwrap();
    let at = line.find("\"acme-jsn\"").unwrap();
    let column = line[..at].chars().count() + 1;
    assert_ne!(
        column,
        at + 1,
        "the line has multi-byte characters before the error"
    );

    let human = cratespace(&dir, &["check"]);
    let place = format!("--> Cargo.toml:9:{column}");
    assert!(
        stderr(&human).contains(&place),
        "{}",
        report(&place, &human)
    );
    let output = cratespace(&dir, &["check", "--message-format", "json"]);
    let messages = compiler_messages(&output);
    assert_eq!(messages.len(), 1, "{}", report("json", &output));
    let span = &messages[0].spans[0];
    let width = "\"acme-jsn\"".len();
    assert_eq!((span.line_start, span.column_start), (9, column));
    assert_eq!((span.line_end, span.column_end), (9, column + width));
    let line_start = text.find(line).unwrap();
    assert_eq!(span.byte_start as usize, line_start + at);
    assert_eq!(span.byte_end as usize, line_start + at + width);
    assert_span_fits_its_file(span);
}

#[test]
fn a_cargo_toml_cargo_cannot_load_is_still_checked() {
    let dir = scratch("not-toml");
    write(
        &dir,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"broken\"\nversion = \"1.0.0\"\ndescription = \"never closed\n\n[package.metadata.cratespace.members]\njson = \"acme-json\"\n",
            ),
            ("src/lib.rs", "cratespace::cratespace!();\n"),
        ],
    );
    let metadata = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        !metadata.status.success(),
        "cargo must refuse this manifest"
    );

    let output = cratespace(&dir, &["check"]);
    assert_exit(&output, 1);
    let err = stderr(&output);
    assert!(
        err.contains("warning: only `"),
        "{}",
        report("check", &output)
    );
    assert!(
        err.contains("error: invalid TOML: ") && err.contains("--> Cargo.toml:4:"),
        "{}",
        report("check", &output)
    );
    let json = cratespace(&dir, &["check", "--message-format", "json"]);
    let messages = compiler_messages(&json);
    assert!(messages[0].message.starts_with("invalid TOML: "));
    assert_eq!(messages[0].spans[0].line_start, 4);
}

#[test]
fn cargo_check_messages_come_first_then_the_manifests() {
    let dir = scratch("with-cargo-check");
    write(
        &dir,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"mixed\"\nversion = \"1.0.0\"\nedition = \"2021\"\n\n[package.metadata.cratespace.members]\njson = \"acme-json\"\n",
            ),
            (
                "src/lib.rs",
                "pub fn answer() -> u32 {\n    \"forty-two\"\n}\n",
            ),
        ],
    );
    let output = cratespace(
        &dir,
        &[
            "check",
            "--message-format",
            "json",
            "--cargo-check",
            "--",
            "--target-dir",
            "target",
        ],
    );
    assert_exit(&output, 1);
    let messages: Vec<Message> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let finished = messages
        .iter()
        .position(|message| matches!(message, Message::BuildFinished(_)))
        .unwrap_or_else(|| panic!("{}", report("no build-finished", &output)));
    let diagnostics: Vec<&Diagnostic> = messages
        .iter()
        .filter_map(|message| match message {
            Message::CompilerMessage(message) => Some(&message.message),
            _ => None,
        })
        .collect();
    let rustc = diagnostics
        .iter()
        .find(|d| d.spans.iter().any(|s| s.file_name.ends_with("lib.rs")));
    assert!(
        rustc.is_some(),
        "{}",
        report("rustc's error is missing", &output)
    );
    let ours = messages.iter().rposition(|message| {
        matches!(message, Message::CompilerMessage(m)
            if m.message.spans.iter().any(|s| s.file_name.ends_with("Cargo.toml")))
    });
    let ours =
        ours.unwrap_or_else(|| panic!("{}", report("the manifest's error is missing", &output)));
    assert!(
        ours > finished,
        "the manifest's problems follow cargo's messages"
    );
}

#[test]
fn a_valid_cratespace_checks_clean() {
    let output = cratespace(&repo().join("examples").join("acme"), &["check"]);
    assert_exit(&output, 0);
    assert!(
        stderr(&output).contains("Checking acme v2.1.0"),
        "{}",
        report("acme", &output)
    );
    assert!(
        !stderr(&output).contains("error"),
        "{}",
        report("acme", &output)
    );
}

#[test]
fn usage_and_environment_errors_exit_with_2() {
    let empty = scratch("no-manifest");
    let output = cratespace(&empty, &["check"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("error: could not find `Cargo.toml` in `"));

    let output = cratespace(&empty, &["check", "--no-such-flag"]);
    assert_exit(&output, 2);

    let output = cratespace(&empty, &["check", "--cargo-check"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("needs `--message-format json`"));

    let missing = empty.join("elsewhere").join("Cargo.toml");
    let output = cratespace(
        &empty,
        &["check", "--manifest-path", missing.to_str().unwrap()],
    );
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("does not exist"),
        "{}",
        report("missing", &output)
    );
}

#[test]
fn help_shows_an_example_on_every_command() {
    let output = cratespace(&repo(), &["--help"]);
    assert_exit(&output, 0);
    assert!(stdout(&output).contains("Examples:\n  cargo cratespace tree"));
    for command in ["tree", "check"] {
        let output = cratespace(&repo(), &[command, "--help"]);
        assert_exit(&output, 0);
        let help = stdout(&output);
        assert!(
            help.contains(&format!("Examples:\n  cargo cratespace {command}")),
            "{help}"
        );
        for flag in [
            "--manifest-path",
            "--package",
            "--workspace",
            "--message-format",
            "--color",
            "--locked",
            "--offline",
            "--frozen",
            "--quiet",
            "--verbose",
        ] {
            assert!(
                help.contains(flag),
                "{command} --help lacks {flag}:\n{help}"
            );
        }
    }
}

#[test]
fn member_paths_false_is_a_finding_where_a_member_uses_cratespace_member() {
    let dir = scratch("member-paths");
    let repo = repo().display().to_string().replace('\\', "/");
    let top = |member_paths: &str| {
        format!(
            "[package]\nname = \"top\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
             [dependencies]\ncratespace = {{ path = \"{repo}\" }}\n\
             kid = {{ path = \"../kid\" }}\nkid-derive = {{ path = \"../kid-derive\" }}\n\n\
             [package.metadata.cratespace]\n{member_paths}\n\
             [package.metadata.cratespace.members]\n\"*\" = \"kid\"\nderive = \"kid-derive\"\n"
        )
    };
    write(
        &dir,
        &[
            (
                "Cargo.toml",
                "[workspace]\nmembers = [\"top\", \"kid\", \"kid-derive\"]\nresolver = \"2\"\n",
            ),
            ("top/Cargo.toml", &top("member-paths = false\n")),
            ("top/src/lib.rs", "cratespace::cratespace!();\n"),
            (
                "kid/Cargo.toml",
                "[package]\nname = \"kid\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
            ),
            ("kid/src/lib.rs", "pub struct Kid;\n"),
            (
                "kid-derive/Cargo.toml",
                &format!(
                    "[package]\nname = \"kid-derive\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
                     [lib]\nproc-macro = true\n\n\
                     [dependencies]\ncratespace-member = {{ path = \"{repo}/cratespace-member\" }}\n"
                ),
            ),
            ("kid-derive/src/lib.rs", "extern crate proc_macro;\n"),
        ],
    );
    let output = cratespace(&dir, &["check", "-p", "top"]);
    assert_exit(&output, 1);
    let err = stderr(&output);
    assert!(
        err.contains(
            "error: member `derive` depends on `cratespace-member`, but `member-paths = false`"
        ) && err
            .contains("`kid-derive` takes paths to member crates through `::top::__cratespace`")
            && err.contains("help: remove `member-paths = false` from the cratespace table"),
        "{}",
        report("check does not report the derive member", &output)
    );
    // `kid` has no proc macros that take the path: only `derive` is named.
    assert_eq!(
        err.matches("depends on `cratespace-member`").count(),
        1,
        "{err}"
    );

    write(&dir, &[("top/Cargo.toml", &top(""))]);
    let output = cratespace(&dir, &["check", "-p", "top"]);
    assert_exit(&output, 0);
}
