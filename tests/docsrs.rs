//! On docs.rs (nightly rustdoc with `--cfg docsrs`), each gated member shows
//! the feature it needs, given the line the crate docs ask the top crate to
//! carry: `#![cfg_attr(docsrs, feature(doc_cfg))]`.

use std::fs;
use std::path::Path;

mod support;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// docs.rs builds with nightly rustdoc; `.ci/run` installs the toolchain
/// and runs this test.
#[test]
#[ignore = "needs a nightly toolchain: rustup toolchain install nightly"]
fn gated_members_show_their_feature_on_docs_rs() {
    let target = Path::new(ROOT).join("target").join("docsrs");
    let mut command =
        support::nightly_cargo("docsrs", &["doc", "--quiet", "--no-deps", "-p", "acme"]);
    command.env("RUSTDOCFLAGS", "--cfg docsrs");
    let output = command.output().expect("rustup runs the nightly toolchain");
    assert!(
        output.status.success(),
        "nightly cargo doc failed (is the nightly toolchain installed?):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc = target.join("doc").join("acme");
    let index = fs::read_to_string(doc.join("index.html")).unwrap();
    let formats = fs::read_to_string(doc.join("formats/index.html")).unwrap();
    let derive = fs::read_to_string(doc.join("derive/index.html")).unwrap();
    for (page, feature) in [(&index, "derive"), (&formats, "json"), (&formats, "int")] {
        let badge = format!("Available on crate feature `{feature}` only");
        assert!(
            page.contains(&badge),
            "no `{badge}` badge in the generated docs"
        );
    }
    assert!(
        derive.contains("Available on <strong>crate feature <code>derive</code></strong> only")
    );
    // The glob member is always there: no badge for `acme-core`'s items.
    assert!(!index.contains("Available on crate feature `core`"));
}
