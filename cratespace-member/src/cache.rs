//! Manifests read once per process while they stay the same: rust-analyzer
//! expands the macros of many crates in one process, on many threads.

use crate::error::{Error, ErrorKind};
use cratespace_manifest::package::{PackageManifest, read_package};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// What tells a file changed: its modification time, to the precision the
/// file system keeps, and its length, which catches most edits that a
/// coarse clock (whole seconds, two seconds on FAT) does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

fn stamp(path: &Path) -> io::Result<Stamp> {
    let metadata = std::fs::metadata(path)?;
    Ok(Stamp {
        modified: metadata.modified().ok(),
        len: metadata.len(),
    })
}

/// A manifest as read, with the stamp of every file it was read from.
struct Entry {
    stamps: Vec<(PathBuf, Stamp)>,
    manifest: Arc<PackageManifest>,
}

/// By the path of the package's `Cargo.toml`.
static CACHE: Mutex<BTreeMap<PathBuf, Entry>> = Mutex::new(BTreeMap::new());

/// The package manifest at `path`, read again only when a file it was read
/// from changed; `None` when there is no file at `path`.
pub(crate) fn manifest(path: &Path) -> Result<Option<Arc<PackageManifest>>, Error> {
    let unreadable = |error: io::Error| {
        let diagnostic = cratespace_manifest::Diagnostic::new(format!(
            "cannot read `{}`: {error}",
            path.display()
        ));
        Error::new(ErrorKind::Manifest, diagnostic, None)
    };
    let before = match stamp(path) {
        Ok(stamp) => stamp,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(unreadable(error)),
    };
    if let Some(entry) = lock().get(path) {
        let unchanged = entry
            .stamps
            .iter()
            .all(|(file, was)| stamp(file).ok().as_ref() == Some(was));
        if unchanged {
            return Ok(Some(Arc::clone(&entry.manifest)));
        }
    }
    let crate_dir = path.parent().map(Path::to_path_buf);
    let manifest = read_package(path)
        .map_err(|diagnostic| Error::new(ErrorKind::Manifest, diagnostic, crate_dir))?;
    let manifest = Arc::new(manifest);
    // Stamps taken after the read could belong to a newer text: the
    // package's is from before, and one that moved meanwhile is not kept.
    let mut stamps = vec![(path.to_path_buf(), before)];
    for file in &manifest.files[1..] {
        match stamp(file) {
            Ok(stamp) => stamps.push((file.clone(), stamp)),
            Err(_) => return Ok(Some(manifest)),
        }
    }
    if stamp(path).ok() == Some(before) {
        let entry = Entry {
            stamps,
            manifest: Arc::clone(&manifest),
        };
        lock().insert(path.to_path_buf(), entry);
    }
    Ok(Some(manifest))
}

/// The cache; a thread that panicked while holding it left it whole, as
/// every change to it is one insertion.
fn lock() -> std::sync::MutexGuard<'static, BTreeMap<PathBuf, Entry>> {
    CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
