//! The macro names a manifest's file as rustc names its own: relative to
//! the directory the compiler runs in, the workspace root under cargo.
//!
//! trybuild builds its cases in a directory of its own, so this builds a
//! workspace of its own with cargo, in `target/paths`.

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use support::{report, root, run, stderr};

#[test]
fn a_manifest_error_names_its_file_from_the_workspace_root() {
    let dir = root().join("target").join("paths");
    let cratespace = root().to_str().unwrap().replace('\\', "/");
    let files = BTreeMap::from([
        (
            PathBuf::from("Cargo.toml"),
            "[workspace]\nmembers = [\"crates/top\"]\nresolver = \"2\"\n\n[workspace.package]\nversion = \"1.0.0\"\n".to_owned(),
        ),
        (
            PathBuf::from("crates/top/Cargo.toml"),
            format!(
                "[package]\nname = \"top\"\nversion.workspace = true\nedition = \"2021\"\n\n[dependencies]\ncratespace = {{ path = \"{cratespace}\" }}\n\n[package.metadata.cratespace]\nversioning = \"lockstep\"\n\n[package.metadata.cratespace.members]\njson = \"acme-jsno\"\n"
            ),
        ),
        (
            PathBuf::from("crates/top/src/lib.rs"),
            "cratespace::cratespace!();\n".to_owned(),
        ),
    ]);
    support::write_tree(&dir, &files);
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root().join("Cargo.lock"), &lock).unwrap();
    }
    let mut build = support::cargo("paths-target");
    build.current_dir(&dir).args(["build", "--offline"]);
    let output = run(build);
    let err = stderr(&output);
    assert!(!output.status.success(), "{}", report("the build", &output));
    assert!(
        err.contains("--> crates/top/Cargo.toml:13:8"),
        "{}",
        report("no workspace-relative path", &output)
    );
}
