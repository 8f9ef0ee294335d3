//! The packages a command looks at: chosen from `cargo metadata` as cargo
//! chooses them, or, when cargo cannot load the workspace, the one package
//! of the manifest at hand, read directly.

use crate::document::{string, table};
use crate::error::Error;
use cargo_metadata::Metadata;
use serde_json::{Value, json};
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// A package, as far as a cratespace needs it.
#[derive(Debug)]
pub struct Package {
    /// The package name.
    pub name: String,
    /// Its version, empty when the manifest does not say.
    pub version: String,
    /// Cargo's package id.
    pub id: String,
    /// Its `Cargo.toml`.
    pub manifest_path: PathBuf,
    /// The source file of its lib target.
    pub lib_root: Option<PathBuf>,
    /// The lib target as `cargo metadata` describes it, for the
    /// `compiler-message`s about this package.
    pub lib_target: Value,
    /// Whether its `Cargo.toml` has a `[package.metadata.cratespace]` table.
    pub has_table: bool,
    /// Its edition.
    pub edition: String,
    /// The name under which it depends on `cratespace` (`cratespace`, or
    /// its rename with `-` written `_`), when it does.
    pub runtime: Option<String>,
}

impl Package {
    /// The directory of its `Cargo.toml`.
    pub fn dir(&self) -> &Path {
        self.manifest_path.parent().unwrap_or(Path::new("."))
    }

    /// `acme v2.1.0 (/path/to/acme)`, as cargo names a package.
    pub fn describe(&self) -> String {
        let version = if self.version.is_empty() {
            String::new()
        } else {
            format!(" v{}", self.version)
        };
        format!("{}{version} ({})", self.name, self.dir().display())
    }
}

/// `--manifest-path`, or the `Cargo.toml` nearest above the current
/// directory, as cargo finds it.
pub fn locate(given: Option<&PathBuf>) -> Result<PathBuf, Error> {
    let cwd = std::env::current_dir()
        .map_err(|error| Error::new(format!("cannot read the current directory: {error}")))?;
    if let Some(path) = given {
        let path = cwd.join(path);
        if path.file_name().is_none_or(|name| name != "Cargo.toml") {
            return Err(Error::new(format!(
                "the manifest-path must be a path to a Cargo.toml file: `{}`",
                path.display()
            )));
        }
        if !path.is_file() {
            return Err(Error::new(format!(
                "manifest path `{}` does not exist",
                path.display()
            )));
        }
        return Ok(path);
    }
    cwd.ancestors()
        .map(|dir| dir.join("Cargo.toml"))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            Error::new(format!(
                "could not find `Cargo.toml` in `{}` or any parent directory",
                cwd.display()
            ))
        })
}

/// The packages `-p`, `--workspace` and `--exclude` choose, as cargo
/// chooses them: with none of them, the package of `manifest`, or the
/// default members when `manifest` is the workspace root's.
pub fn select(
    metadata: &Metadata,
    manifest: &Path,
    flags: &clap_cargo::Workspace,
) -> Result<Vec<Package>, Error> {
    let members = metadata.workspace_packages();
    let chosen: Vec<&cargo_metadata::Package> = if flags.workspace || flags.all {
        members
            .into_iter()
            .filter(|package| !flags.exclude.contains(&package.name))
            .collect()
    } else if !flags.package.is_empty() {
        let mut chosen = Vec::new();
        for spec in &flags.package {
            let named: Vec<_> = members
                .iter()
                .filter(|package| matches_spec(package, spec))
                .collect();
            if named.is_empty() {
                return Err(Error::new(format!(
                    "package `{spec}` not found in workspace `{}`",
                    metadata.workspace_root
                )));
            }
            chosen.extend(named);
        }
        chosen
    } else {
        let root = metadata.workspace_root.join("Cargo.toml");
        if same_file(manifest, root.as_std_path()) {
            if metadata.workspace_default_members.is_available() {
                metadata.workspace_default_packages()
            } else {
                members
            }
        } else {
            members
                .into_iter()
                .filter(|package| same_file(package.manifest_path.as_std_path(), manifest))
                .collect()
        }
    };
    Ok(chosen.into_iter().map(from_metadata).collect())
}

/// `acme`, `acme@2.1.0` or a package id.
fn matches_spec(package: &cargo_metadata::Package, spec: &str) -> bool {
    spec == package.name
        || spec == package.id.repr
        || spec.split_once('@').is_some_and(|(name, version)| {
            name == package.name && version == package.version.to_string()
        })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn from_metadata(package: &cargo_metadata::Package) -> Package {
    let lib = package
        .targets
        .iter()
        .find(|target| target.is_lib() || target.is_rlib() || target.is_proc_macro());
    let dir = package.manifest_path.parent().map(|dir| dir.as_std_path());
    let lib_target = match lib {
        Some(target) => json!(target),
        None => library(
            &package.name,
            dir.unwrap_or(Path::new(".")),
            package.edition.as_str(),
        ),
    };
    Package {
        name: package.name.clone(),
        version: package.version.to_string(),
        id: package.id.repr.clone(),
        manifest_path: package.manifest_path.clone().into_std_path_buf(),
        lib_root: lib.map(|target| target.src_path.clone().into_std_path_buf()),
        lib_target,
        has_table: package.metadata.get("cratespace").is_some(),
        edition: package.edition.as_str().to_owned(),
        runtime: package
            .dependencies
            .iter()
            .find(|dependency| {
                dependency.name == "cratespace"
                    && dependency.kind == cargo_metadata::DependencyKind::Normal
            })
            .map(|dependency| {
                dependency
                    .rename
                    .as_deref()
                    .unwrap_or(&dependency.name)
                    .replace('-', "_")
            }),
    }
}

/// A lib target at cargo's default place, for the messages about a package
/// that has none cargo can describe: a `compiler-message` needs one.
fn library(name: &str, dir: &Path, edition: &str) -> Value {
    json!({
        "kind": ["lib"],
        "crate_types": ["lib"],
        "name": name.replace('-', "_"),
        "src_path": dir.join("src").join("lib.rs"),
        "edition": edition,
        "doc": true,
        "doctest": true,
        "test": true,
    })
}

/// The package of `manifest`, read without cargo: the name, version and
/// lib root as the file gives them, or as cargo defaults them.
pub fn read(manifest: &Path) -> Result<Package, Error> {
    let text = std::fs::read_to_string(manifest)
        .map_err(|error| Error::new(format!("cannot read `{}`: {error}", manifest.display())))?;
    let dir = manifest.parent().unwrap_or(Path::new("."));
    // A hostile Cargo.toml can nest tables thousands deep, which a table's
    // recursive drop would overflow the stack on; this process is short-lived.
    let document = ManuallyDrop::new(DeTable::parse_recoverable(&text).0);
    let root = document.get_ref();
    let package = table(root, "package");
    let text_of = |key| package.and_then(|package| string(package, key));
    let name = text_of("name").map_or_else(
        || {
            dir.file_name()
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
        },
        str::to_owned,
    );
    let version = text_of("version").unwrap_or_default().to_owned();
    let edition = text_of("edition").unwrap_or("2015").to_owned();
    let lib_path = table(root, "lib").and_then(|lib| string(lib, "path"));
    let lib_root = match lib_path {
        Some(path) => Some(dir.join(path)),
        None => Some(dir.join("src").join("lib.rs")).filter(|path| path.is_file()),
    };
    let has_table = package
        .and_then(|package| table(package, "metadata"))
        .and_then(|metadata| metadata.get("cratespace"))
        .is_some();
    let mut lib_target = library(&name, dir, &edition);
    if let Some(path) = &lib_root {
        lib_target["src_path"] = json!(path);
    }
    // The key of the dependency on `cratespace`, renamed or not.
    let runtime = table(root, "dependencies").and_then(|dependencies| {
        dependencies.iter().find_map(|(key, value)| {
            let package = match value.get_ref() {
                DeValue::Table(entry) => string(entry, "package"),
                _ => None,
            };
            let key: &str = key.get_ref();
            (package.unwrap_or(key) == "cratespace").then(|| key.replace('-', "_"))
        })
    });
    Ok(Package {
        id: format!("path+file://{}#{name}@{version}", dir.display()),
        name,
        version,
        manifest_path: manifest.to_path_buf(),
        lib_root,
        lib_target,
        has_table,
        edition,
        runtime,
    })
}
