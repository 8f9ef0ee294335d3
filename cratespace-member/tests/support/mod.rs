//! Scratch crates on disk and the lookups the tests make.

// Each test file is its own crate and uses only part of this module.
#![allow(dead_code)]

use cratespace_member::{Crate, CratePath, Error, Lookup, locate_with};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const CORE: Crate<'static> = Crate::new("acme-core", "acme_core");
pub const FACADE: Crate<'static> = Crate::new("acme", "acme");

/// A new directory holding `files`, unique to this process and call.
pub fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The environment of a crate compiled by cargo in `dir`.
pub fn cargo_env(dir: &Path) -> BTreeMap<String, OsString> {
    BTreeMap::from([
        ("CARGO_MANIFEST_DIR".to_owned(), dir.as_os_str().to_owned()),
        (
            "CARGO_MANIFEST_PATH".to_owned(),
            dir.join("Cargo.toml").into_os_string(),
        ),
    ])
}

/// `acme-core` of `acme`, looked up in `env`.
pub fn locate_in(env: &BTreeMap<String, OsString>) -> Result<CratePath, Error> {
    let lookup = Lookup::new(CORE, FACADE, "describe");
    locate_with(&lookup, &|name| env.get(name).cloned())
}

/// `acme-core` of `acme`, seen from the crate in `dir`.
pub fn locate_from(dir: &Path) -> Result<CratePath, Error> {
    locate_in(&cargo_env(dir))
}

/// The path seen from a crate whose `Cargo.toml` is `cargo_toml`.
pub fn path_for(cargo_toml: &str) -> String {
    let dir = scratch("crate", &[("Cargo.toml", cargo_toml)]);
    match locate_from(&dir) {
        Ok(path) => path.to_string(),
        Err(error) => panic!("{cargo_toml}\n{error}"),
    }
}
