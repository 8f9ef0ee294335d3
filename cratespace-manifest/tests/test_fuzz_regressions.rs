//! The inputs on which fuzzing (`fuzz/`, see its README) found a problem,
//! kept so that it stays fixed. Each file of `tests/regressions/` goes
//! through the fuzz targets' own split and checks, included from the fuzz
//! crate (its own workspace, on nightly) so that the two cannot drift.

#[path = "../../fuzz/src/lib.rs"]
mod fuzz_checks;

use cratespace_manifest::load_sources;
use fuzz_checks::{check, split};
use std::path::Path;

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
        // Shown with a failure, to say which input broke.
        eprintln!("{}", file.display());
        check(&split(&std::fs::read(&file).unwrap()));
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
