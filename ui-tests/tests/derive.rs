//! Each `derive/NAME.rs` derives with the demo's `acme-derive` from a crate
//! whose `Cargo.toml` is `derive/NAME/Cargo.toml`, and must fail with
//! exactly the errors of `derive/NAME.stderr`: the cases where the derive
//! cannot tell the path to `acme-core`, and says so.
//!
//! The derive reads the manifest of `CRATESPACE_MANIFEST_DIR` as
//! `cratespace!()` does; the variable is per process, so the cases run one
//! after another. (They are apart from `ui/` because `cargo cratespace
//! check`, which reports what `cratespace!()` reports in every `ui/` case,
//! has nothing to say of a derive.)

use std::path::{Path, PathBuf};

#[test]
fn derive() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join("derive"))
        .expect("derive/ is readable")
        .map(|entry| entry.expect("derive/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 2, "the derive cases are missing");
    for case in cases {
        // SAFETY: this binary has this one test, so no other thread reads
        // or writes the environment meanwhile.
        unsafe {
            std::env::set_var("CRATESPACE_MANIFEST_DIR", case.with_extension(""));
        }
        let tests = trybuild::TestCases::new();
        tests.compile_fail(case.strip_prefix(root).expect("case under the crate"));
    }
}
