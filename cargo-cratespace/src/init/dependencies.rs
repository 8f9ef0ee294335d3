//! The crates a lib root can name in a `pub use`: each dependency the
//! library is linked with, by the name rustc is given its crate under, as
//! `cargo metadata` reports it (a rename's key, else the name of the
//! dependency's library target, which `[lib] name` may set).

use cargo_metadata::{DependencyKind, Metadata};

/// A dependency of the library, as a lib root names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// The name of its crate in Rust: `config_value`, `bevy_app`.
    pub rust_name: String,
    /// Its key in `Cargo.toml`: `config-value`, `bevy_app`.
    pub key: String,
    /// Its package name.
    pub package: String,
}

/// What a crate name in a `pub use` is to the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named<'a> {
    /// A dependency, which the manifest names by its key.
    Dependency(&'a Dependency),
    /// A dependency whose crate is not named after its key (a `[lib] name`
    /// of its own): the manifest reaches a dependency as its key with `-`
    /// written `_`, which names no crate here.
    OtherLibraryName(&'a Dependency),
    /// A crate of the standard library.
    Standard,
    /// Nothing the library is linked with.
    Unknown,
}

/// The library's dependencies, by their names in Rust.
#[derive(Debug, Default)]
pub struct Dependencies {
    crates: Vec<Dependency>,
}

impl Dependencies {
    /// The normal dependencies of the package `id` in `metadata`, which
    /// must hold the resolve (`cargo metadata` without `--no-deps`).
    pub fn of(metadata: &Metadata, id: &str) -> Self {
        let package = metadata
            .packages
            .iter()
            .find(|package| package.id.repr == id);
        let node = metadata
            .resolve
            .as_ref()
            .and_then(|resolve| resolve.nodes.iter().find(|node| node.id.repr == id));
        let (Some(package), Some(node)) = (package, node) else {
            return Dependencies::default();
        };
        let mut crates: Vec<Dependency> = Vec::new();
        for edge in &node.deps {
            let linked = edge
                .dep_kinds
                .iter()
                .any(|kind| kind.kind == DependencyKind::Normal);
            if !linked {
                continue;
            }
            let Some(target) = metadata.packages.iter().find(|p| p.id == edge.pkg) else {
                continue;
            };
            let rust_name = edge.name.replace('-', "_");
            // The declaration of this edge: renamed to this name, or not
            // renamed at all.
            let declared = package.dependencies.iter().find(|declared| {
                declared.kind == DependencyKind::Normal
                    && declared.name == target.name
                    && declared
                        .rename
                        .as_ref()
                        .is_none_or(|rename| rename.replace('-', "_") == rust_name)
            });
            let Some(declared) = declared else {
                continue;
            };
            let key = declared.rename.as_ref().unwrap_or(&declared.name).clone();
            if !crates.iter().any(|known| known.rust_name == rust_name) {
                crates.push(Dependency {
                    rust_name,
                    key,
                    package: target.name.clone(),
                });
            }
        }
        Dependencies { crates }
    }

    /// What `name`, the first segment of a `pub use` path (without `r#`),
    /// is to the manifest.
    pub fn named(&self, name: &str) -> Named<'_> {
        match self.crates.iter().find(|known| known.rust_name == name) {
            Some(dependency) if dependency.key.replace('-', "_") == name => {
                Named::Dependency(dependency)
            }
            Some(dependency) => Named::OtherLibraryName(dependency),
            None if ["core", "alloc", "std", "proc_macro", "test"].contains(&name) => {
                Named::Standard
            }
            None => Named::Unknown,
        }
    }
}

#[cfg(test)]
impl Dependencies {
    /// Dependencies given as `(rust_name, key, package)`.
    pub fn from_list(list: &[(&str, &str, &str)]) -> Self {
        Dependencies {
            crates: list
                .iter()
                .map(|&(rust_name, key, package)| Dependency {
                    rust_name: rust_name.to_owned(),
                    key: key.to_owned(),
                    package: package.to_owned(),
                })
                .collect(),
        }
    }
}
