//! The inputs on which fuzzing (`fuzz/`, see its README) found a problem,
//! kept so that it stays fixed. Each file of `tests/regressions/` goes
//! through the pipeline as the fuzz target sends it: split into files at
//! the byte 0xFF, loaded, expanded and rendered, with the same checks.

use cratespace_manifest::{Diagnostic, Loaded, Source, Sources, expand, load_sources};
use std::path::Path;

/// `Cargo.toml`, the workspace root's `Cargo.toml` and the manifest file,
/// separated by 0xFF (never in UTF-8); an empty part is an absent file.
fn split(data: &[u8]) -> Sources {
    let mut parts = data.split(|&byte| byte == 0xff);
    let mut next = |name: &str| {
        parts
            .next()
            .filter(|part| !part.is_empty())
            .map(|part| Source::new(name, String::from_utf8_lossy(part)))
    };
    Sources {
        cargo: next("Cargo.toml"),
        workspace: next("../Cargo.toml"),
        manifest: next("cratespace.toml"),
    }
}

fn expansion(loaded: &Loaded) -> String {
    let runtime = "::cratespace".parse().unwrap();
    expand::expand(
        &loaded.cratespace,
        &loaded.tracked,
        "CARGO_MANIFEST_DIR",
        &runtime,
    )
    .to_string()
}

fn check_diagnostic(sources: &Sources, diagnostic: &Diagnostic) {
    let rendered = diagnostic.to_string();
    assert!(rendered.starts_with(&diagnostic.message));
    let places = diagnostic
        .location
        .iter()
        .chain(diagnostic.related.iter().map(|(location, _)| location));
    for location in places {
        let file = [&sources.cargo, &sources.workspace, &sources.manifest]
            .into_iter()
            .flatten()
            .find(|source| source.name == location.file)
            .unwrap_or_else(|| panic!("`{}` is not a file that was read", location.file));
        let lines = file.text.split('\n').count();
        assert!(
            (1..=lines).contains(&location.line),
            "line {} of {lines}",
            location.line
        );
        assert!(location.line_text_start >= 1 && location.line_text_start <= location.column);
        let shown = location.line_text.chars().count();
        assert!(
            location.column - location.line_text_start <= shown,
            "column past the end of the line:\n{rendered}"
        );
        assert!(!location.line_text.contains('\n'));
        assert!(location.width >= 1);
    }
}

fn check(name: &str, data: &[u8]) {
    let sources = split(data);
    let loaded = load_sources(&sources);
    let output = expansion(&loaded);
    for diagnostic in &loaded.diagnostics {
        check_diagnostic(&sources, diagnostic);
    }
    assert!(
        output.parse::<proc_macro2::TokenStream>().is_ok(),
        "{name}: the expansion is not Rust tokens"
    );
    let again = load_sources(&sources);
    assert_eq!(again.diagnostics, loaded.diagnostics, "{name}");
    assert_eq!(expansion(&again), output, "{name}");
}

#[test]
fn inputs_fuzzing_found_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        check(&name, &std::fs::read(&file).unwrap());
    }
}

/// The smallest form of `crlf-error-at-line-end.fuzz`: a syntax error at
/// the `\n` of a CRLF was placed two columns past the line's text.
#[test]
fn a_syntax_error_at_a_crlf_is_just_past_the_text() {
    let sources = split(b"[package]\r\nname = \"top\r\n");
    let loaded = load_sources(&sources);
    let location = loaded.diagnostics[0].location.as_ref().unwrap();
    assert_eq!((location.line, location.column), (2, 12));
    assert_eq!(location.line_text, "name = \"top");
}
