//! `Cargo.lock`: the checksum cargo recorded for each registry package, the
//! sha256 of its `.crate` file as bare hex.

use crate::document;
use crate::error::Error;
use std::path::Path;

/// The packages of a lock file that have a checksum.
pub struct Lock {
    /// Name, version, source and checksum.
    checksums: Vec<(String, String, String, String)>,
}

impl Lock {
    /// Reads the lock file at `path`, named `shown` in errors.
    pub fn read(path: &Path, shown: &str) -> Result<Lock, Error> {
        let text = document::read(path, shown)?;
        let root = document::parse(&text, shown)?;
        let checksums = document::tables(&root, "package")
            .into_iter()
            .filter_map(|package| {
                let field = |key| document::string(package, key).map(str::to_owned);
                Some((
                    field("name")?,
                    field("version")?,
                    field("source")?,
                    field("checksum")?,
                ))
            })
            .collect();
        Ok(Lock { checksums })
    }

    /// The checksum recorded for `package`, by name, version and source.
    pub fn checksum(&self, package: &cargo_metadata::Package) -> Option<&str> {
        let source = package.source.as_ref()?;
        let version = package.version.to_string();
        self.checksums
            .iter()
            .find(|(name, at, from, _)| {
                *name == package.name && *at == version && *from == source.repr
            })
            .map(|(.., checksum)| checksum.as_str())
    }
}
