//! What every fuzz target checks: the input split into files, the whole
//! pipeline run on them, and the properties its output must have.
//!
//! The kept crash inputs run through this same file in the stable suite:
//! `cratespace-manifest/tests/test_fuzz_regressions.rs` includes it.

use cratespace_manifest::{Diagnostic, Loaded, Source, Sources, expand, load_sources};

/// The byte that separates the files of one input; it never occurs in UTF-8,
/// so a plain `Cargo.toml` is an input of its own.
pub const SEPARATOR: u8 = 0xff;

/// `Cargo.toml`, the workspace root's `Cargo.toml` and the manifest file, in
/// that order, separated by [`SEPARATOR`]; a missing or empty part is a file
/// that is absent. Bytes that are not UTF-8 are replaced, as a lossy editor would.
pub fn split(data: &[u8]) -> Sources {
    let mut parts = data.split(|&byte| byte == SEPARATOR);
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

/// Loads, expands and renders, and checks what must hold whatever the input.
pub fn check(sources: &Sources) {
    // Every file a diagnostic names must be one of the inputs.
    let text = |name: &str| {
        let source = [&sources.cargo, &sources.workspace, &sources.manifest]
            .into_iter()
            .flatten()
            .find(|source| source.name == name)
            .unwrap_or_else(|| panic!("`{name}` is not a file that was read"));
        Some(source.text.clone())
    };
    let loaded = load_sources(sources);
    let output = check_loaded(&loaded, text);
    let again = load_sources(sources);
    assert_eq!(
        again.diagnostics, loaded.diagnostics,
        "diagnostics differ between runs"
    );
    assert_eq!(expansion(&again), output, "expansion differs between runs");
}

/// Expands and renders `loaded`, checking every diagnostic against the text
/// of the file it names (`text` gives it, `None` for a file it does not
/// know); returns the expansion.
pub fn check_loaded(loaded: &Loaded, text: impl Fn(&str) -> Option<String>) -> String {
    let output = expansion(loaded);
    for diagnostic in &loaded.diagnostics {
        check_diagnostic(diagnostic, &text);
    }
    output
        .parse::<proc_macro2::TokenStream>()
        .expect("the expansion is valid Rust tokens");
    output
}

/// The expansion as one text, each of its pieces checked to lex on its
/// own, as the macro lexes them.
fn expansion(loaded: &Loaded) -> String {
    let pieces = expand::expand(&loaded.cratespace, &loaded.tracked, "CARGO_MANIFEST_DIR");
    for piece in &pieces {
        if let expand::Piece::Text(text) = piece {
            assert!(
                text.parse::<proc_macro2::TokenStream>().is_ok(),
                "a piece of the expansion does not lex: {text}"
            );
        }
    }
    expand::text(&pieces, "::cratespace")
}

fn check_diagnostic(diagnostic: &Diagnostic, text: impl Fn(&str) -> Option<String>) {
    let rendered = diagnostic.to_string();
    assert!(rendered.starts_with(&diagnostic.message));
    let places = diagnostic
        .location
        .iter()
        .chain(diagnostic.related.iter().map(|(location, _)| location));
    for location in places {
        let Some(file) = text(&location.file) else {
            continue;
        };
        let lines = file.split('\n').count();
        assert!(
            location.line >= 1 && location.line <= lines,
            "line {} of {lines}",
            location.line
        );
        assert!(location.column >= 1);
        assert!(location.line_text_start >= 1 && location.line_text_start <= location.column);
        let shown = location.line_text.chars().count();
        assert!(
            location.column - location.line_text_start <= shown,
            "column past the end of the line"
        );
        assert!(
            location.line_text.len() <= 4 * 162,
            "a long line is shown in part"
        );
        assert!(!location.line_text.contains('\n'));
        assert!(location.width >= 1);
    }
}
