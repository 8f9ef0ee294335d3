//! Locating and reading the files a cratespace is described by.

use crate::cargo::{self, Package, Workspace};
use crate::diagnostic::Diagnostic;
use crate::document::{self, as_str, as_table, get, str_at, table_at};
use crate::model::Cratespace;
use crate::source::Source;
use crate::validate::{self, Input};
use std::io;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// What to load: the crate's directory and the `manifest = "…"` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The directory of the crate that invokes the macro (`CARGO_MANIFEST_DIR`).
    pub manifest_dir: PathBuf,
    /// A file holding the cratespace table, relative to `manifest_dir`;
    /// `None` reads `[package.metadata.cratespace]` of `Cargo.toml`.
    pub manifest: Option<String>,
}

/// The outcome of [`load`]: the model of whatever was valid, every problem,
/// and the files read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The cratespace, holding every member that passed validation.
    pub cratespace: Cratespace,
    /// Every problem found; empty when the manifest is valid.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, relative to `manifest_dir` and `/`-separated, so that
    /// the build can be told to re-run when one changes.
    pub tracked: Vec<String>,
}

/// Reads, checks and models the cratespace of the crate at `request.manifest_dir`.
///
/// Never fails: problems are in [`Loaded::diagnostics`], and the model keeps
/// the members that are valid.
///
/// ```
/// let dir = std::env::temp_dir().join("cratespace-doc-load");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("Cargo.toml"), r#"
/// [package]
/// name = "acme"
/// version = "1.0.0"
///
/// [dependencies]
/// acme-json = "1"
///
/// [package.metadata.cratespace.members]
/// formats.json = "acme-json"
/// "#).unwrap();
///
/// let loaded = cratespace_manifest::load(&cratespace_manifest::Request {
///     manifest_dir: dir,
///     manifest: None,
/// });
/// assert!(loaded.diagnostics.is_empty());
/// let members = loaded.cratespace.root.members();
/// assert_eq!(members[0].0, "formats::json");
/// assert_eq!(members[0].1.target(), "acme_json");
/// ```
pub fn load(request: &Request) -> Loaded {
    let mut diagnostics = Vec::new();
    let dir = &request.manifest_dir;

    let cargo = match read(dir, "Cargo.toml") {
        Ok(source) => Some(source),
        Err(error) if error.kind() == io::ErrorKind::NotFound && request.manifest.is_some() => None,
        Err(error) => {
            let problem = unreadable(dir, "Cargo.toml", &error, request.manifest.is_some());
            return empty(vec![problem], Vec::new());
        }
    };
    let cargo_table = cargo.as_ref().map(|source| {
        let (table, error) = document::parse(source);
        diagnostics.extend(error.map(|error| error.diagnostic));
        table
    });
    if !diagnostics.is_empty() {
        // The dependencies and features after the error may be lost: nothing
        // checked against them would be reliable.
        return empty(diagnostics, tracked([cargo.as_ref(), None, None]));
    }
    let root = match &cargo_table {
        Some(table) if cargo::inherits(table.get_ref()) => {
            workspace_root(dir, table.get_ref(), &mut diagnostics)
        }
        _ => None,
    };
    let (root_source, workspace) = match root {
        Some((source, workspace)) => (Some(source), Some(workspace)),
        None => (None, None),
    };
    let manifest = match &request.manifest {
        None => None,
        Some(path) => match read(dir, path) {
            Ok(source) => Some(source),
            Err(error) => {
                diagnostics.push(unreadable(dir, path, &error, true).on_argument());
                return empty(
                    diagnostics,
                    tracked([cargo.as_ref(), root_source.as_ref(), None]),
                );
            }
        },
    };
    let files = [cargo.as_ref(), root_source.as_ref(), manifest.as_ref()];
    validate_files(
        files,
        cargo_table.as_ref().map(|t| t.get_ref()),
        workspace.as_ref(),
        diagnostics,
    )
}

/// The texts a cratespace is read from, already in memory: what [`load`]
/// reads from disk, for tools and tests that have the files otherwise.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The crate's `Cargo.toml`; `None` for builds without Cargo.
    pub cargo: Option<Source>,
    /// The workspace root's `Cargo.toml`, when the crate inherits from it.
    pub workspace: Option<Source>,
    /// The file given as `manifest = "…"`; `None` reads the table from `cargo`.
    pub manifest: Option<Source>,
}

/// [`load`] on files already read: parses, validates and models them.
///
/// ```
/// use cratespace_manifest::{Source, Sources, load_sources};
///
/// let loaded = load_sources(&Sources {
///     manifest: Some(Source::new("cratespace.toml", "[members]\njson = \"acme_json\"\n")),
///     ..Sources::default()
/// });
/// assert!(loaded.diagnostics.is_empty());
/// assert_eq!(loaded.cratespace.root.members()[0].1.target(), "acme_json");
/// ```
pub fn load_sources(sources: &Sources) -> Loaded {
    let mut diagnostics = Vec::new();
    let cargo_table = sources.cargo.as_ref().map(|source| {
        let (table, error) = document::parse(source);
        diagnostics.extend(error.map(|error| error.diagnostic));
        table
    });
    let workspace = sources.workspace.as_ref().map(|source| {
        let (table, error) = document::parse(source);
        diagnostics.extend(error.map(|error| error.diagnostic));
        Workspace::read(table.get_ref())
    });
    let files = [
        sources.cargo.as_ref(),
        sources.workspace.as_ref(),
        sources.manifest.as_ref(),
    ];
    validate_files(
        files,
        cargo_table.as_ref().map(|t| t.get_ref()),
        workspace.as_ref(),
        diagnostics,
    )
}

/// Validates the cratespace of `[Cargo.toml, workspace root, manifest
/// file]` into its model, given the parsed `Cargo.toml`, what the workspace
/// root gives its members and the problems found so far.
///
/// A syntax error in `Cargo.toml` or the workspace root leaves its
/// dependencies and features incomplete, so nothing is checked against
/// them: the error is the only problem reported. In the file of the
/// cratespace table, the members written before the first syntax error are
/// checked and emitted; those at or after it are not read.
fn validate_files(
    [cargo, workspace_root, manifest]: [Option<&Source>; 3],
    cargo_table: Option<&DeTable<'_>>,
    workspace: Option<&Workspace>,
    mut diagnostics: Vec<Diagnostic>,
) -> Loaded {
    let tracked = tracked([cargo, workspace_root, manifest]);
    if !diagnostics.is_empty() {
        return empty(diagnostics, tracked);
    }
    let own_workspace = match (workspace, cargo_table) {
        (None, Some(own)) if table_at(own, "workspace").is_some() => Some(Workspace::read(own)),
        _ => None,
    };
    let workspace = workspace.or(own_workspace.as_ref());
    let package = cargo_table.map(|table| Package::read(table, workspace));
    let mut cut = None;
    let manifest_table = manifest.map(|source| {
        let (table, error) = document::parse(source);
        if let Some(error) = error {
            cut = Some(error.at);
            diagnostics.push(error.diagnostic);
        }
        table
    });
    let found = match (manifest, &manifest_table) {
        (Some(source), Some(table)) => Some((source, source.name.clone(), table.get_ref(), 0..0)),
        _ => match (cargo, cargo_table) {
            (Some(source), Some(table)) => {
                cratespace_table(source, table, &mut diagnostics).map(|(table, span)| {
                    let name = "`[package.metadata.cratespace]`".to_owned();
                    (source, name, table, span)
                })
            }
            _ => None,
        },
    };
    let Some((source, table_name, table, span)) = found else {
        return empty(diagnostics, tracked);
    };
    let input = Input {
        source,
        table_name: &table_name,
        table,
        span,
        cargo: cargo.zip(package.as_ref()),
        cut,
    };
    let cratespace = validate::validate(&input, &mut diagnostics);
    Loaded {
        cratespace,
        diagnostics,
        tracked,
    }
}

/// The names of the files that were read, in order.
fn tracked(files: [Option<&Source>; 3]) -> Vec<String> {
    files
        .iter()
        .flatten()
        .map(|source| source.name.clone())
        .collect()
}

fn empty(diagnostics: Vec<Diagnostic>, tracked: Vec<String>) -> Loaded {
    Loaded {
        cratespace: Cratespace {
            name: String::new(),
            version: String::new(),
            versioning: Default::default(),
            metadata: None,
            generated: None,
            policy: Default::default(),
            root: Default::default(),
            crates: None,
        },
        diagnostics,
        tracked,
    }
}

pub(crate) fn read(dir: &Path, relative: &str) -> io::Result<Source> {
    let path = dir.join(relative);
    // Reading a directory fails with `IsADirectory` on the platforms that
    // say so; elsewhere the directory is checked for after another error.
    let bytes = std::fs::read(&path).map_err(|error| {
        if error.kind() == io::ErrorKind::IsADirectory || path.is_dir() {
            io::Error::other("it is a directory")
        } else {
            error
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let at = error.utf8_error().valid_up_to();
        // The valid prefix is UTF-8, so lines and characters can be counted.
        let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        io::Error::other(format!(
            "it is not UTF-8: the byte 0x{:02X} at line {line}, column {column} (offset {at}) is not part of a character; save the file as UTF-8",
            bytes[at]
        ))
    })?;
    Ok(Source::new(relative.replace('\\', "/"), text))
}

fn unreadable(dir: &Path, relative: &str, error: &io::Error, option_given: bool) -> Diagnostic {
    // The path as written; where the crate is, in a note.
    let diagnostic = Diagnostic::new(format!("cannot read `{relative}`: {}", describe_io(error)))
        .note(format!("the crate's directory is `{}`", dir.display()));
    match (error.kind(), option_given) {
        (io::ErrorKind::NotFound, true) => diagnostic.help(
            "the path is relative to the crate's directory: check it, or\nleave the argument out to read [package.metadata.cratespace]\nfrom Cargo.toml",
        ),
        (io::ErrorKind::NotFound, false) => diagnostic.help(
            "without a Cargo.toml, name the cratespace file:\n`cratespace::cratespace!(manifest = \"cratespace.toml\");`",
        ),
        _ => diagnostic,
    }
}

pub(crate) fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// The `[package.metadata.cratespace]` table and the span of its key, or
/// diagnostic 3 when it is absent.
fn cratespace_table<'a, 'i>(
    source: &Source,
    root: &'a toml::de::DeTable<'i>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'a toml::de::DeTable<'i>, std::ops::Range<usize>)> {
    let package = get(root, "package");
    let found = package
        .and_then(|(_, value)| as_table(value))
        .and_then(|package| table_at(package, "metadata"))
        .and_then(|metadata| get(metadata, "cratespace"));
    match found {
        Some((key, value)) => match as_table(value) {
            Some(table) => Some((table, key.span())),
            None => {
                diagnostics.push(
                    Diagnostic::at(
                        source,
                        value.span(),
                        "`package.metadata.cratespace` must be a table",
                    )
                    .label(format!("found {}", document::describe(value.get_ref())))
                    .help("write it as a table: [package.metadata.cratespace.members]"),
                );
                None
            }
        },
        None => {
            let message = "no [package.metadata.cratespace] table in Cargo.toml";
            let mut diagnostic = match package {
                Some((key, _)) => Diagnostic::at(source, key.span(), message)
                    .label("the package whose members it lists"),
                None => Diagnostic::new(message),
            };
            diagnostic = diagnostic.help(
                "list the members, each a module name and its dependency:\n[package.metadata.cratespace.members]\njson = \"my-json-crate\"",
            );
            diagnostic = diagnostic.help(
                "or keep the table in a file of its own:\n`cratespace::cratespace!(manifest = \"cratespace.toml\");`",
            );
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// The workspace root cargo uses for the crate in `dir`, read and parsed
/// once, and what it gives its members; `None` when the crate is the root
/// itself, or when there is none (then a diagnostic says so).
///
/// As cargo finds it: `package.workspace` when given; else the crate itself
/// when it has a `[workspace]` table; else the nearest directory above
/// whose `Cargo.toml` has one that does not exclude the crate, or whose
/// package names its root with `package.workspace`. The walk goes up at
/// most as many levels as `dir` has components (a loop of symbolic links
/// cannot make it loop), not past a `target/package` directory (where
/// `cargo package` builds) nor above `CARGO_HOME`.
pub(crate) fn workspace_root(
    dir: &Path,
    own: &DeTable<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Source, Workspace)> {
    if let Some(pointer) = table_at(own, "package").and_then(|p| str_at(p, "workspace")) {
        return read_root(dir, &root_manifest(pointer), diagnostics);
    }
    if table_at(own, "workspace").is_some() {
        return None;
    }
    let home = cargo_home();
    // Manifests cargo's walk passes over: they exist to no `exists()` (a
    // link that loops) yet cannot be read; named if no root is found.
    let mut skipped = None;
    let mut relative = String::new();
    let mut current = dir.to_path_buf();
    while current.pop() && !current.as_os_str().is_empty() {
        if current.ends_with("target/package") {
            break;
        }
        relative.push_str("../");
        let name = format!("{relative}Cargo.toml");
        let source = match read(dir, &name) {
            Ok(source) => source,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                if home.as_deref() == Some(current.as_path()) {
                    break;
                }
                continue;
            }
            Err(error) if !dir.join(&name).exists() => {
                skipped.get_or_insert((name, error));
                continue;
            }
            Err(error) => {
                diagnostics.push(no_root(Some((&name, &error))));
                return None;
            }
        };
        let found = {
            let (document, error) = document::parse(&source);
            if let Some(error) = error {
                diagnostics.push(error.diagnostic);
                return None;
            }
            let table = document.get_ref();
            match table_at(table, "workspace") {
                Some(workspace) if excludes(&current, workspace, dir) => Found::Nothing,
                Some(_) => Found::Root(Workspace::read(table)),
                None => match table_at(table, "package").and_then(|p| str_at(p, "workspace")) {
                    Some(pointer) => {
                        Found::Pointer(format!("{relative}{}", root_manifest(pointer)))
                    }
                    None => Found::Nothing,
                },
            }
        };
        match found {
            Found::Root(workspace) => return Some((source, workspace)),
            Found::Pointer(name) => return read_root(dir, &name, diagnostics),
            Found::Nothing => {}
        }
        if home.as_deref() == Some(current.as_path()) {
            break;
        }
    }
    let skipped = skipped.as_ref().map(|(name, error)| (name.as_str(), error));
    diagnostics.push(no_root(skipped));
    None
}

/// What a `Cargo.toml` above the crate says of its workspace.
enum Found {
    /// It is the root.
    Root(Workspace),
    /// Its package names the root: the root's `Cargo.toml`, relative to the crate.
    Pointer(String),
    /// Neither: the walk goes on.
    Nothing,
}

/// `path/Cargo.toml` for a `package.workspace = "path"`.
fn root_manifest(pointer: &str) -> String {
    format!("{}/Cargo.toml", pointer.trim_end_matches(['/', '\\']))
}

/// The root a `package.workspace` names, at `name` relative to the crate.
fn read_root(
    dir: &Path,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Source, Workspace)> {
    match read(dir, name) {
        Ok(source) => {
            let (table, error) = document::parse(&source);
            diagnostics.extend(error.map(|error| error.diagnostic));
            let workspace = Workspace::read(table.get_ref());
            drop(table);
            Some((source, workspace))
        }
        Err(error) => {
            diagnostics.push(no_root(Some((name, &error))));
            None
        }
    }
}

/// Whether the `[workspace]` table of the root in `root_dir` excludes the
/// crate in `dir`: it is under an `exclude` path and under no `members`
/// path written out (cargo's rule; a glob in `members` names no path).
fn excludes(root_dir: &Path, workspace: &DeTable<'_>, dir: &Path) -> bool {
    let under = |key: &str| {
        let Some((_, value)) = get(workspace, key) else {
            return false;
        };
        let DeValue::Array(paths) = value.get_ref() else {
            return false;
        };
        paths
            .iter()
            .filter_map(as_str)
            .any(|path| dir.starts_with(root_dir.join(path)))
    };
    under("exclude") && !under("members")
}

/// Cargo's home, above which it does not look for a workspace root.
fn cargo_home() -> Option<PathBuf> {
    match std::env::var_os("CARGO_HOME") {
        Some(home) if !home.is_empty() => Some(PathBuf::from(home)),
        _ => std::env::var_os("HOME")
            .filter(|home| !home.is_empty())
            .map(|home| Path::new(&home).join(".cargo")),
    }
}

/// The crate inherits from a workspace whose root was not found; `failed`
/// is the manifest on the way that could not be read, if one could not.
fn no_root(failed: Option<(&str, &io::Error)>) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        "Cargo.toml inherits from its workspace, and no workspace root was found",
    )
    .note("the root is found as cargo finds it: `package.workspace`, else\nthe nearest Cargo.toml above with a [workspace] that holds it")
    .help("write the inherited values out, or make the crate a member\nof a workspace");
    if let Some((path, error)) = failed {
        diagnostic = diagnostic.note(format!(
            "`{path}` (relative to the crate) could not be read: {}",
            describe_io(error)
        ));
    }
    diagnostic
}
