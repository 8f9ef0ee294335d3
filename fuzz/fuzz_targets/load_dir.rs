//! Arbitrary bytes written as files and read back by `load`: a member crate's
//! `Cargo.toml` and `cratespace.toml` under a workspace root, split as in
//! `cratespace_fuzz::split` but kept as raw bytes (not UTF-8 is allowed).

#![no_main]

use cratespace_manifest::{Request, load};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("cratespace-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(root.join("member")).unwrap();
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let root = root();
    let member = root.join("member");
    let mut parts = data.split(|&byte| byte == cratespace_fuzz::SEPARATOR);
    let mut manifest = None;
    for (path, relative) in [
        (member.join("Cargo.toml"), None),
        (root.join("Cargo.toml"), None),
        (member.join("cratespace.toml"), Some("cratespace.toml")),
    ] {
        match parts.next().filter(|part| !part.is_empty()) {
            Some(bytes) => {
                std::fs::write(&path, bytes).unwrap();
                manifest = manifest.or(relative);
            }
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let loaded = load(&Request {
        manifest_dir: member.clone(),
        manifest: manifest.map(str::to_owned),
    });
    cratespace_fuzz::check_loaded(&loaded, |name| {
        let bytes = std::fs::read(member.join(name)).ok()?;
        String::from_utf8(bytes).ok()
    });
});
