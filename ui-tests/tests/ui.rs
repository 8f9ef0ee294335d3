//! Each `ui/NAME.rs` is compiled by trybuild and must fail with exactly the
//! errors of `ui/NAME.stderr`.
//!
//! trybuild builds the cases inside a generated project, whose `Cargo.toml`
//! holds no `[package.metadata]`; the manifests of a case are in `ui/NAME/`,
//! and the macro is pointed there with `CRATESPACE_MANIFEST_DIR`. The
//! variable is per process, so the cases run one after another.

use std::path::{Path, PathBuf};

#[test]
fn ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join("ui"))
        .expect("ui/ is readable")
        .map(|entry| entry.expect("ui/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 12, "the ui cases are missing");
    for case in cases {
        let manifests = case.with_extension("");
        // SAFETY: this binary has this one test, so no other thread reads
        // or writes the environment meanwhile.
        unsafe {
            if manifests.is_dir() {
                std::env::set_var("CRATESPACE_MANIFEST_DIR", &manifests);
            } else {
                std::env::remove_var("CRATESPACE_MANIFEST_DIR");
            }
        }
        let tests = trybuild::TestCases::new();
        tests.compile_fail(case.strip_prefix(root).expect("case under the crate"));
    }
}
