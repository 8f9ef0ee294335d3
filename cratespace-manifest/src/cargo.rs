//! What `Cargo.toml` says that a cratespace needs: the package, its
//! dependencies (with `workspace = true` resolved) and its features.
//!
//! Cargo has already checked `Cargo.toml` by the time the macro runs, so this
//! view reads it leniently: what cargo would reject is skipped, not reported.

use crate::cfg::{Cfg, CfgError};
use crate::document::{Key, Value, as_str, as_table, entries, get, is_true, str_at, table_at};
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// The package, dependencies and features of one `Cargo.toml`.
#[derive(Debug, Default)]
pub struct Package {
    pub name: Option<String>,
    pub version: Option<String>,
    pub edition: Option<String>,
    pub dependencies: Vec<Dependency>,
    pub features: Vec<Feature>,
}

/// One entry of a dependency table.
#[derive(Debug)]
pub struct Dependency {
    /// The key, as written.
    pub key: String,
    pub span: Range<usize>,
    /// The package name: `package = …`, else the key.
    pub package: String,
    pub requirement: Option<String>,
    /// Where the requirement is written: the version string, or the key
    /// when it is inherited from the workspace or absent.
    pub requirement_span: Range<usize>,
    /// The requirement comes from `[workspace.dependencies]`.
    pub inherited: bool,
    pub optional: bool,
    pub section: Section,
}

/// Which table a dependency is in.
#[derive(Debug)]
pub enum Section {
    Normal,
    /// `[target.<key>.dependencies]`; `cfg` is `None` for a plain triple.
    Target {
        key: String,
        span: Range<usize>,
        cfg: Result<Option<Cfg>, CfgError>,
    },
    Dev,
    Build,
}

impl Section {
    /// Whether a dependency of this table can be re-exported.
    pub fn is_linked(&self) -> bool {
        matches!(self, Section::Normal | Section::Target { .. })
    }
}

/// A feature and what it enables.
#[derive(Debug)]
pub struct Feature {
    pub name: String,
    pub enables: Vec<String>,
}

/// `[workspace.package]` and `[workspace.dependencies]` of the workspace root.
#[derive(Debug, Default)]
pub struct Workspace {
    version: Option<String>,
    edition: Option<String>,
    dependencies: Vec<(String, Option<String>, Option<String>)>,
}

impl Workspace {
    pub fn read(root: &DeTable<'_>) -> Self {
        let Some(workspace) = table_at(root, "workspace") else {
            return Workspace::default();
        };
        let package = table_at(workspace, "package");
        let mut dependencies = Vec::new();
        if let Some(table) = table_at(workspace, "dependencies") {
            for (key, value) in entries(table) {
                let (package, requirement) = match as_table(value) {
                    Some(table) => (
                        str_at(table, "package").map(str::to_owned),
                        str_at(table, "version").map(str::to_owned),
                    ),
                    None => (None, as_str(value).map(str::to_owned)),
                };
                dependencies.push((key.get_ref().to_string(), package, requirement));
            }
        }
        Workspace {
            version: package
                .and_then(|p| str_at(p, "version"))
                .map(str::to_owned),
            edition: package
                .and_then(|p| str_at(p, "edition"))
                .map(str::to_owned),
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

impl Package {
    pub fn read(root: &DeTable<'_>, workspace: Option<&Workspace>) -> Self {
        let package = table_at(root, "package");
        let field = |name: &str, inherited: fn(&Workspace) -> &Option<String>| {
            let (_, value) = get(package?, name)?;
            match value.get_ref() {
                DeValue::String(text) => Some(text.to_string()),
                DeValue::Table(table) if is_true(table, "workspace") => {
                    workspace.and_then(|w| inherited(w).clone())
                }
                _ => None,
            }
        };
        let mut dependencies = Vec::new();
        for dependencies_table in dependency_tables(root) {
            for (key, value) in entries(dependencies_table.table) {
                dependencies.push(dependency(
                    key.get_ref(),
                    key.span(),
                    value,
                    dependencies_table.section(),
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
                            enables.push(enabled.to_owned());
                        }
                    }
                }
                features.push(Feature {
                    name: name.get_ref().to_string(),
                    enables,
                });
            }
        }
        Package {
            name: package.and_then(|p| str_at(p, "name")).map(str::to_owned),
            version: field("version", |w| &w.version),
            edition: field("edition", |w| &w.edition),
            dependencies,
            features,
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

impl DependencyTable<'_, '_> {
    /// The section of its entries; made once per entry.
    fn section(&self) -> Section {
        match (self.kind, self.target) {
            (Table::Normal, Some(target)) => {
                let key = target.get_ref().to_string();
                Section::Target {
                    cfg: Cfg::parse_target(&key),
                    span: target.span(),
                    key,
                }
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

fn dependency(
    key: &str,
    span: Range<usize>,
    value: &Value<'_>,
    section: Section,
    workspace: Option<&Workspace>,
) -> Dependency {
    let mut package = None;
    let mut requirement = None;
    let mut requirement_span = span.clone();
    let mut inherited = false;
    let mut optional = false;
    match value.get_ref() {
        DeValue::String(version) => {
            requirement = Some(version.to_string());
            requirement_span = value.span();
        }
        DeValue::Table(table) => {
            package = str_at(table, "package").map(str::to_owned);
            if let Some((_, version)) = get(table, "version") {
                requirement = as_str(version).map(str::to_owned);
                requirement_span = version.span();
            }
            optional = is_true(table, "optional");
            if is_true(table, "workspace") {
                inherited = requirement.is_none();
                let listed = workspace.map_or(&[][..], |w| &w.dependencies[..]);
                for (listed_key, listed_package, listed_requirement) in listed {
                    if listed_key == key {
                        if package.is_none() {
                            package = listed_package.clone();
                        }
                        if requirement.is_none() {
                            requirement = listed_requirement.clone();
                        }
                        break;
                    }
                }
            }
        }
        _ => {}
    }
    Dependency {
        key: key.to_owned(),
        span,
        package: package.unwrap_or_else(|| key.to_owned()),
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
