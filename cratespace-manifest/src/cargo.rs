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
    pub edition: Option<&'a str>,
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
/// once for all the dependencies it holds.
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
    pub enables: Vec<&'a str>,
}

/// `[workspace.package]` and `[workspace.dependencies]` of the workspace root.
#[derive(Debug, Default)]
pub struct Workspace<'a> {
    version: Option<&'a str>,
    edition: Option<&'a str>,
    /// Each key, with its `package` and `version`.
    dependencies: Vec<(&'a str, Option<&'a str>, Option<&'a str>)>,
}

impl<'a> Workspace<'a> {
    pub fn read(root: &'a DeTable<'_>) -> Self {
        let Some(workspace) = table_at(root, "workspace") else {
            return Workspace::default();
        };
        let package = table_at(workspace, "package");
        let mut dependencies = Vec::new();
        if let Some(table) = table_at(workspace, "dependencies") {
            for (key, value) in entries(table) {
                let (package, requirement) = match as_table(value) {
                    Some(table) => (str_at(table, "package"), str_at(table, "version")),
                    None => (None, as_str(value)),
                };
                dependencies.push((key.get_ref().as_ref(), package, requirement));
            }
        }
        Workspace {
            version: package.and_then(|p| str_at(p, "version")),
            edition: package.and_then(|p| str_at(p, "edition")),
            dependencies,
        }
    }
}

/// Whether anything in this `Cargo.toml` is inherited from the workspace, so
/// that the root must be found.
pub fn inherits(root: &DeTable<'_>) -> bool {
    let package = table_at(root, "package");
    for field in ["version", "edition"] {
        let inherited = package.and_then(|package| table_at(package, field));
        if inherited.is_some_and(|table| is_true(table, "workspace")) {
            return true;
        }
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
    pub fn read(root: &'a DeTable<'_>, workspace: Option<&Workspace<'a>>) -> Self {
        let package = table_at(root, "package");
        let field = |name: &str, inherited: fn(&Workspace<'a>) -> Option<&'a str>| {
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
                    enables,
                });
            }
        }
        Package {
            name: package.and_then(|p| str_at(p, "name")),
            version: field("version", |w| w.version),
            edition: field("edition", |w| w.edition),
            dependencies,
            features,
            targets,
        }
    }
}

/// The tables dependencies stand in, at the root or in a target table.
const TABLES: [(&str, Table); 5] = [
    ("dependencies", Table::Normal),
    ("dev-dependencies", Table::Dev),
    ("dev_dependencies", Table::Dev),
    ("build-dependencies", Table::Build),
    ("build_dependencies", Table::Build),
];

#[derive(Clone, Copy)]
enum Table {
    Normal,
    Dev,
    Build,
}

/// A table of dependencies, and the key of the target table it is in.
struct DependencyTable<'a, 'i> {
    table: &'a DeTable<'i>,
    kind: Table,
    target: Option<&'a Key<'i>>,
}

impl<'a> DependencyTable<'a, '_> {
    /// The section of its entries, adding its target to `targets`.
    fn section(&self, targets: &mut Vec<Target<'a>>) -> Section {
        match (self.kind, self.target) {
            (Table::Normal, Some(target)) => {
                let key: &str = target.get_ref();
                targets.push(Target {
                    key,
                    span: target.span(),
                    cfg: Cfg::parse_target(key),
                });
                Section::Target(targets.len() - 1)
            }
            (Table::Normal, None) => Section::Normal,
            (Table::Dev, _) => Section::Dev,
            (Table::Build, _) => Section::Build,
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
    workspace: Option<&Workspace<'a>>,
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
                for &(listed_key, listed_package, listed_requirement) in listed {
                    if listed_key == key {
                        if package.is_none() {
                            package = listed_package;
                        }
                        if requirement.is_none() {
                            requirement = listed_requirement;
                        }
                        break;
                    }
                }
            }
        }
        _ => {}
    }
    Dependency {
        key,
        span,
        package: package.unwrap_or(key),
        requirement,
        requirement_span,
        inherited,
        optional,
        section,
    }
}

/// The edition a package is built with; cargo's default is 2015.
pub fn edition_at_least_2024(edition: Option<&str>) -> bool {
    edition
        .and_then(|edition| edition.parse::<u32>().ok())
        .is_some_and(|year| year >= 2024)
}
