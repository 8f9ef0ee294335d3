//! A package's `Cargo.toml` as the code of the package sees its
//! dependencies: for tools that ask under which name a crate reaches
//! another, such as the proc macros of a family.

use crate::cargo::{self, Section, Workspace};
use crate::diagnostic::Diagnostic;
use crate::document::{self, table_at};
use crate::load::{describe_io, read, workspace_root};
use crate::source::Source;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What a package's `Cargo.toml` declares of itself and its dependencies,
/// with `workspace = true` resolved from the workspace root cargo uses.
#[derive(Debug, Clone)]
pub struct PackageManifest {
    /// `package.name`; `None` in a virtual manifest.
    pub name: Option<String>,
    /// Every entry of every dependency table, in the order of the file.
    pub dependencies: Vec<DependencyEntry>,
    /// The package's `Cargo.toml` as read, which [`DependencyEntry::span`]
    /// points into.
    pub source: Source,
    /// The manifests read: the package's, then the workspace root's when
    /// the package inherits from it.
    pub files: Vec<PathBuf>,
}

/// One entry of a dependency table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependencyEntry {
    /// The key, as written.
    pub key: String,
    /// Where the key is written in [`PackageManifest::source`].
    pub span: Range<usize>,
    /// The package depended on: `package = …`, else the key.
    pub package: String,
    /// `package = …` is written, here or in `[workspace.dependencies]`.
    /// Cargo then names the crate by its key; otherwise by the name of the
    /// dependency's library, which is its package name unless its `[lib]`
    /// sets another.
    pub renamed: bool,
    /// Which table the entry is in.
    pub table: DependencyTable,
    /// `optional = true`.
    pub optional: bool,
}

/// The table a dependency is declared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DependencyTable {
    /// `[dependencies]`.
    Normal,
    /// `[target.<key>.dependencies]`, with the key (`cfg(unix)`, or a triple).
    Target(String),
    /// `[dev-dependencies]`, of any target.
    Dev,
    /// `[build-dependencies]`, of any target.
    Build,
}

impl DependencyTable {
    /// Whether the package's library is linked with the table's crates.
    pub fn is_linked(&self) -> bool {
        matches!(self, DependencyTable::Normal | DependencyTable::Target(_))
    }
}

/// Reads the `Cargo.toml` at `manifest`, and the workspace root's when the
/// package inherits dependencies from it, found as cargo finds it.
///
/// Cargo has checked the manifest by the time a crate compiles, so what it
/// would refuse is skipped rather than reported; a file that cannot be read
/// or parsed, and a root that cannot be found, are a [`Diagnostic`] (boxed:
/// it is large, and the manifest is the usual answer).
///
/// ```
/// use cratespace_manifest::package::{DependencyTable, read_package};
///
/// let dir = std::env::temp_dir().join("cratespace-doc-package");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("Cargo.toml"), r#"
/// [package]
/// name = "app"
///
/// [dependencies]
/// a = { package = "acme", version = "2" }
///
/// [dev-dependencies]
/// acme-core = "2"
/// "#).unwrap();
///
/// let manifest = read_package(&dir.join("Cargo.toml")).unwrap();
/// assert_eq!(manifest.name.as_deref(), Some("app"));
/// let a = &manifest.dependencies[0];
/// assert_eq!((a.key.as_str(), a.package.as_str(), a.renamed), ("a", "acme", true));
/// assert_eq!(manifest.dependencies[1].table, DependencyTable::Dev);
/// ```
pub fn read_package(manifest: &Path) -> Result<PackageManifest, Box<Diagnostic>> {
    let dir = manifest.parent().unwrap_or(Path::new(""));
    let file = manifest
        .file_name()
        .map_or_else(|| "Cargo.toml".into(), |name| name.to_string_lossy());
    let source = read(dir, &file).map_err(|error| {
        Box::new(Diagnostic::new(format!(
            "cannot read `{}`: {}",
            manifest.display(),
            describe_io(&error)
        )))
    })?;
    let (document, error) = document::parse(&source);
    if let Some(error) = error {
        return Err(Box::new(error.diagnostic));
    }
    let table = document.get_ref();
    let mut problems = Vec::new();
    let root = match cargo::inherits(table) {
        true => workspace_root(dir, table, &mut problems),
        false => None,
    };
    if let Some(problem) = problems.into_iter().next() {
        return Err(Box::new(problem));
    }
    let own = match (&root, table_at(table, "workspace")) {
        (None, Some(_)) => Some(Workspace::read(table)),
        _ => None,
    };
    let workspace = root
        .as_ref()
        .map(|(_, workspace)| workspace)
        .or(own.as_ref());
    let package = cargo::Package::read(table, workspace);
    let dependencies = package
        .dependencies
        .iter()
        .map(|dependency| DependencyEntry {
            key: dependency.key.to_owned(),
            span: dependency.span.clone(),
            package: dependency.package.to_owned(),
            renamed: dependency.renamed,
            table: match dependency.section {
                Section::Normal => DependencyTable::Normal,
                Section::Target(at) => DependencyTable::Target(package.targets[at].key.to_owned()),
                Section::Dev => DependencyTable::Dev,
                Section::Build => DependencyTable::Build,
            },
            optional: dependency.optional,
        })
        .collect();
    let mut files = vec![manifest.to_path_buf()];
    files.extend(root.as_ref().map(|(source, _)| dir.join(&source.name)));
    let name = package.name.map(str::to_owned);
    drop(package);
    drop(document);
    Ok(PackageManifest {
        name,
        dependencies,
        files,
        source,
    })
}
