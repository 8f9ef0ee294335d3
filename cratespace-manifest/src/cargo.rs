//! What `Cargo.toml` says that a cratespace needs: the package, its
//! dependencies (with `workspace = true` resolved) and its features.
//!
//! Cargo has already checked `Cargo.toml` by the time the macro runs, so this
//! view reads it leniently: what cargo would reject is skipped, not reported.

use crate::cfg::{Cfg, CfgError};
use crate::document::{Key, Value, as_str, as_table, entries, get, is_true, str_at, table_at};
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// The package, dependencies and features of one `Cargo.toml`, borrowing
/// its text from the parsed document: a macro expansion reads every
/// dependency, so copying none of them is on the hot path.
#[derive(Debug, Default)]
pub struct Package<'a> {
    pub name: Option<&'a str>,
    pub version: Option<&'a str>,
    pub dependencies: Vec<Dependency<'a>>,
    pub features: Vec<Feature<'a>>,
    /// The `[target.<key>]` tables that hold dependencies, which
    /// [`Section::Target`] numbers.
    pub targets: Vec<Target<'a>>,
}

/// One entry of a dependency table.
#[derive(Debug)]
pub struct Dependency<'a> {
    /// The key, as written.
    pub key: &'a str,
    pub span: Range<usize>,
    /// The package name: `package = …`, else the key.
    pub package: &'a str,
    /// `package = …` is written, here or in `[workspace.dependencies]`: the
    /// crate is then known by its key, else by its library's own name.
    pub renamed: bool,
    pub requirement: Option<&'a str>,
    /// Where the requirement is written: the version string, or the key
    /// when it is inherited from the workspace or absent.
    pub requirement_span: Range<usize>,
    /// The requirement comes from `[workspace.dependencies]`.
    pub inherited: bool,
    pub optional: bool,
    pub section: Section,
}

/// Which table a dependency is in.
#[derive(Debug, Clone, Copy)]
pub enum Section {
    Normal,
    /// `[target.<key>.dependencies]`: the position of the target in
    /// [`Package::targets`].
    Target(usize),
    Dev,
    Build,
}

/// A `[target.<key>]` table; `cfg` is `None` for a plain triple. Parsed
/// once for all the dependencies it holds, and held as cargo evaluates it
/// ([`as_cargo_evaluates`]).
#[derive(Debug)]
pub struct Target<'a> {
    pub key: &'a str,
    pub span: Range<usize>,
    pub cfg: Result<Option<Cfg>, CfgError>,
}

impl Section {
    /// Whether a dependency of this table can be re-exported.
    pub fn is_linked(&self) -> bool {
        matches!(self, Section::Normal | Section::Target { .. })
    }
}

/// A feature and what it enables.
#[derive(Debug)]
pub struct Feature<'a> {
    pub name: &'a str,
    /// Where its name is written.
    pub span: Range<usize>,
    pub enables: Vec<&'a str>,
}

/// What members inherit from the workspace root: `[workspace.package]`'s
/// version and `[workspace.dependencies]`. Owned, so that the root's text
/// need not outlive the reading of it.
#[derive(Debug, Default)]
pub struct Workspace {
    version: Option<String>,
    /// Each key, with its `package` and `version`.
    dependencies: Vec<(String, Option<String>, Option<String>)>,
}

impl Workspace {
    /// The `[workspace]` table of `root`, empty when there is none.
    pub fn read(root: &DeTable<'_>) -> Self {
        let Some(workspace) = table_at(root, "workspace") else {
            return Workspace::default();
        };
        let owned = |text: Option<&str>| text.map(str::to_owned);
        let mut dependencies = Vec::new();
        if let Some(table) = table_at(workspace, "dependencies") {
            for (key, value) in entries(table) {
                let (package, requirement) = match as_table(value) {
                    Some(table) => (str_at(table, "package"), str_at(table, "version")),
                    None => (None, as_str(value)),
                };
                let key: &str = key.get_ref();
                dependencies.push((key.to_owned(), owned(package), owned(requirement)));
            }
        }
        Workspace {
            version: owned(table_at(workspace, "package").and_then(|p| str_at(p, "version"))),
            dependencies,
        }
    }
}

/// Whether anything in this `Cargo.toml` is inherited from the workspace, so
/// that the root must be found.
pub fn inherits(root: &DeTable<'_>) -> bool {
    let version = table_at(root, "package").and_then(|package| table_at(package, "version"));
    if version.is_some_and(|table| is_true(table, "workspace")) {
        return true;
    }
    for dependencies in dependency_tables(root) {
        for (_, value) in dependencies.table {
            if as_table(value).is_some_and(|entry| is_true(entry, "workspace")) {
                return true;
            }
        }
    }
    false
}

impl<'a> Package<'a> {
    pub fn read(root: &'a DeTable<'_>, workspace: Option<&'a Workspace>) -> Self {
        let package = table_at(root, "package");
        let field = |name: &str, inherited: fn(&'a Workspace) -> Option<&'a str>| {
            let (_, value) = get(package?, name)?;
            match value.get_ref() {
                DeValue::String(text) => Some(text.as_ref()),
                DeValue::Table(table) if is_true(table, "workspace") => {
                    workspace.and_then(inherited)
                }
                _ => None,
            }
        };
        let mut dependencies = Vec::new();
        let mut targets = Vec::new();
        for dependencies_table in dependency_tables(root) {
            let section = dependencies_table.section(&mut targets);
            for (key, value) in entries(dependencies_table.table) {
                dependencies.push(dependency(
                    key.get_ref(),
                    key.span(),
                    value,
                    section,
                    workspace,
                ));
            }
        }
        let mut features = Vec::new();
        if let Some(table) = table_at(root, "features") {
            for (name, value) in entries(table) {
                let mut enables = Vec::new();
                if let DeValue::Array(array) = value.get_ref() {
                    for enabled in array {
                        if let Some(enabled) = as_str(enabled) {
                            enables.push(enabled);
                        }
                    }
                }
                features.push(Feature {
                    name: name.get_ref().as_ref(),
                    span: name.span(),
                    enables,
                });
            }
        }
        Package {
            name: package.and_then(|p| str_at(p, "name")),
            version: field("version", |w| w.version.as_deref()),
            dependencies,
            features,
            targets,
        }
    }
}

/// The tables dependencies stand in, at the root or in a target table.
const TABLES: [(&str, DependencyKind); 5] = [
    ("dependencies", DependencyKind::Normal),
    ("dev-dependencies", DependencyKind::Dev),
    ("dev_dependencies", DependencyKind::Dev),
    ("build-dependencies", DependencyKind::Build),
    ("build_dependencies", DependencyKind::Build),
];

#[derive(Clone, Copy)]
enum DependencyKind {
    Normal,
    Dev,
    Build,
}

/// A table of dependencies, and the key of the target table it is in.
struct DependencyTable<'a, 'i> {
    table: &'a DeTable<'i>,
    kind: DependencyKind,
    target: Option<&'a Key<'i>>,
}

impl<'a> DependencyTable<'a, '_> {
    /// The section of its entries, adding its target to `targets`.
    fn section(&self, targets: &mut Vec<Target<'a>>) -> Section {
        match (self.kind, self.target) {
            (DependencyKind::Normal, Some(target)) => {
                let key: &str = target.get_ref();
                targets.push(Target {
                    key,
                    span: target.span(),
                    cfg: Cfg::parse_target(key).map(|cfg| cfg.map(as_cargo_evaluates)),
                });
                Section::Target(targets.len() - 1)
            }
            (DependencyKind::Normal, None) => Section::Normal,
            (DependencyKind::Dev, _) => Section::Dev,
            (DependencyKind::Build, _) => Section::Build,
        }
    }
}

fn dependency_tables<'a, 'i>(root: &'a DeTable<'i>) -> Vec<DependencyTable<'a, 'i>> {
    let mut tables = Vec::new();
    push_tables(&mut tables, root, None);
    if let Some(targets) = table_at(root, "target") {
        for (key, value) in entries(targets) {
            if let Some(table) = as_table(value) {
                push_tables(&mut tables, table, Some(key));
            }
        }
    }
    tables
}

fn push_tables<'a, 'i>(
    tables: &mut Vec<DependencyTable<'a, 'i>>,
    table: &'a DeTable<'i>,
    target: Option<&'a Key<'i>>,
) {
    for &(name, kind) in &TABLES {
        if let Some(dependencies) = table_at(table, name) {
            tables.push(DependencyTable {
                table: dependencies,
                kind,
                target,
            });
        }
    }
}

fn dependency<'a>(
    key: &'a str,
    span: Range<usize>,
    value: &'a Value<'_>,
    section: Section,
    workspace: Option<&'a Workspace>,
) -> Dependency<'a> {
    let mut package = None;
    let mut requirement = None;
    let mut requirement_span = span.clone();
    let mut inherited = false;
    let mut optional = false;
    match value.get_ref() {
        DeValue::String(version) => {
            requirement = Some(version.as_ref());
            requirement_span = value.span();
        }
        DeValue::Table(table) => {
            package = str_at(table, "package");
            if let Some((_, version)) = get(table, "version") {
                requirement = as_str(version);
                requirement_span = version.span();
            }
            optional = is_true(table, "optional");
            if is_true(table, "workspace") {
                inherited = requirement.is_none();
                let listed = workspace.map_or(&[][..], |w| &w.dependencies[..]);
                if let Some((_, listed_package, listed_requirement)) =
                    listed.iter().find(|(listed_key, ..)| listed_key == key)
                {
                    package = package.or(listed_package.as_deref());
                    requirement = requirement.or(listed_requirement.as_deref());
                }
            }
        }
        _ => {}
    }
    Dependency {
        key,
        span,
        renamed: package.is_some(),
        package: package.unwrap_or(key),
        requirement,
        requirement_span,
        inherited,
        optional,
        section,
    }
}

/// A target table's predicate as cargo evaluates it when it decides whether
/// to compile the table's dependencies: against the output of `rustc
/// --print cfg` for the target, which sets `debug_assertions` (under the
/// flags cargo passes by default) and never sets `test`, `doc`, `doctest`,
/// `proc_macro` or any `feature`. Copied into `#[cfg]` unchanged, where the
/// compiler sets them otherwise (`--release`, `cargo test`, rustdoc, the
/// crate's features), such a predicate would name a crate cargo did not
/// compile.
pub fn as_cargo_evaluates(cfg: Cfg) -> Cfg {
    cfg.assume(&|atom| match atom {
        Cfg::Name(name) => match name.as_str() {
            "debug_assertions" => Some(true),
            "test" | "doc" | "doctest" | "proc_macro" => Some(false),
            _ => None,
        },
        Cfg::KeyValue(key, _) if key == "feature" => Some(false),
        _ => None,
    })
}
