//! Turns `cfg(compiled = "path")` on for each member of the family that
//! cargo compiles in this build. The harness asks `cargo tree` and passes
//! the answer in `FAMILY_COMPILED`: `package path` entries separated by
//! `;`, this crate's among them.

use std::env;

fn main() {
    println!("cargo::rerun-if-env-changed=FAMILY_COMPILED");
    println!("cargo::rustc-check-cfg=cfg(compiled, values(any()))");
    let package = env::var("CARGO_PKG_NAME").expect("cargo sets CARGO_PKG_NAME");
    let compiled = env::var("FAMILY_COMPILED").unwrap_or_default();
    for entry in compiled.split(';') {
        if let Some((of, path)) = entry.split_once(' ') {
            if of == package {
                println!("cargo::rustc-cfg=compiled=\"{path}\"");
            }
        }
    }
}
