//! The expansion is the same text wherever the crate is and however often it
//! is expanded: no absolute path, nothing in hash order.

use cratespace_manifest::expand::{expand, text};
use cratespace_manifest::{Request, load};
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The demo family's top crate, with this repository's root manifest above
/// it, copied under `base`; the copy inherits its version from that root,
/// so that a file above the crate is read and tracked.
fn copy_demo(base: &Path) -> PathBuf {
    let root = Path::new(ROOT);
    let crate_dir = base.join("examples").join("acme");
    fs::create_dir_all(&crate_dir).unwrap();
    let workspace = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let workspace = workspace.replace(
        "[workspace.package]\n",
        "[workspace.package]\nversion = \"2.1.0\"\n",
    );
    fs::write(base.join("Cargo.toml"), workspace).unwrap();
    let demo = fs::read_to_string(root.join("examples/acme/Cargo.toml")).unwrap();
    let demo = demo.replace("version = \"2.1.0\"\n", "version.workspace = true\n");
    assert!(demo.contains("version.workspace = true"));
    fs::write(crate_dir.join("Cargo.toml"), demo).unwrap();
    crate_dir
}

fn expansion(crate_dir: &Path) -> String {
    let loaded = load(&Request {
        manifest_dir: crate_dir.to_path_buf(),
        manifest: None,
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let pieces = expand(&loaded.cratespace, &loaded.tracked, "CARGO_MANIFEST_DIR");
    text(&pieces, "::cratespace")
}

#[test]
fn the_same_manifest_expands_to_the_same_text_in_two_directories() {
    let scratch = Path::new(ROOT)
        .join("target")
        .join(format!("determinism-{}", std::process::id()));
    let first = copy_demo(&scratch.join("one"));
    let second = copy_demo(&scratch.join("elsewhere").join("deeper").join("two"));

    let text = expansion(&first);
    assert_eq!(text, expansion(&second));
    assert_eq!(text, expansion(&first), "a second expansion differs");

    for dir in [&first, &second, &scratch] {
        let dir = dir.to_str().unwrap();
        assert!(!text.contains(dir), "the expansion holds the path {dir}");
    }
    assert!(!text.contains(ROOT), "the expansion holds the path {ROOT}");
    // Both manifests are tracked, relative to the crate.
    assert!(
        text.contains(r#"::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")"#),
        "{text}"
    );
    assert!(text.contains(r#""/../../Cargo.toml""#), "{text}");
    // Members in manifest order.
    let order: Vec<usize> = [
        "::acme_core::*",
        "::acme_derive as derive",
        "::acme_json as json",
        "::itoa as int",
    ]
    .iter()
    .map(|needle| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing from {text}"))
    })
    .collect();
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{order:?}");
    fs::remove_dir_all(&scratch).unwrap();
}
