//! What `Cargo.toml` says that a cratespace needs: the package, its
//! dependencies (with `workspace = true` resolved) and its features.
//!
//! Cargo has already checked `Cargo.toml` by the time the macro runs, so this
//! view reads it leniently: what cargo would reject is skipped, not reported.

use crate::cfg::{Cfg, CfgError};
use crate::document::{Value, as_str, as_table, entries, get, is_true, str_at, table_at};
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
        let dependencies = table_at(workspace, "dependencies")
            .map(|table| {
                entries(table)
                    .into_iter()
                    .map(|(key, value)| {
                        let (package, requirement) = match as_table(value) {
                            Some(table) => (
                                str_at(table, "package").map(str::to_owned),
                                str_at(table, "version").map(str::to_owned),
                            ),
                            None => (None, as_str(value).map(str::to_owned)),
                        };
                        (key.get_ref().to_string(), package, requirement)
                    })
                    .collect()
            })
            .unwrap_or_default();
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
    let package_field = |field: &str| {
        table_at(root, "package")
            .and_then(|package| table_at(package, field))
            .is_some_and(|table| is_true(table, "workspace"))
    };
    package_field("version")
        || package_field("edition")
        || dependency_tables(root).iter().any(|(_, table)| {
            table
                .values()
                .filter_map(as_table)
                .any(|entry| is_true(entry, "workspace"))
        })
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
        for (section, table) in dependency_tables(root) {
            for (key, value) in entries(table) {
                dependencies.push(dependency(
                    key.get_ref(),
                    key.span(),
                    value,
                    section.section(),
                    workspace,
                ));
            }
        }
        let features = table_at(root, "features")
            .map(|table| {
                entries(table)
                    .into_iter()
                    .map(|(name, value)| Feature {
                        name: name.get_ref().to_string(),
                        enables: match value.get_ref() {
                            DeValue::Array(array) => {
                                array.iter().filter_map(as_str).map(str::to_owned).collect()
                            }
                            _ => Vec::new(),
                        },
                    })
                    .collect()
            })
            .unwrap_or_default();
        Package {
            name: package.and_then(|p| str_at(p, "name")).map(str::to_owned),
            version: field("version", |w| &w.version),
            edition: field("edition", |w| &w.edition),
            dependencies,
            features,
        }
    }
}

/// A section a dependency table can stand in; cloned once per entry.
#[derive(Debug, Clone)]
enum SectionKind {
    Normal,
    Target(String, Range<usize>),
    Dev,
    Build,
}

impl SectionKind {
    fn section(&self) -> Section {
        match self {
            SectionKind::Normal => Section::Normal,
            SectionKind::Dev => Section::Dev,
            SectionKind::Build => Section::Build,
            SectionKind::Target(key, span) => Section::Target {
                key: key.clone(),
                span: span.clone(),
                cfg: Cfg::parse_target(key),
            },
        }
    }
}

fn dependency_tables<'a, 'i>(root: &'a DeTable<'i>) -> Vec<(SectionKind, &'a DeTable<'i>)> {
    let mut tables = Vec::new();
    let mut push = |table: &'a DeTable<'i>, section: Option<SectionKind>| {
        let kinds = [
            ("dependencies", SectionKind::Normal),
            ("dev-dependencies", SectionKind::Dev),
            ("dev_dependencies", SectionKind::Dev),
            ("build-dependencies", SectionKind::Build),
            ("build_dependencies", SectionKind::Build),
        ];
        for (name, kind) in kinds {
            if let Some(deps) = table_at(table, name) {
                let kind = match (&section, kind) {
                    (Some(target), SectionKind::Normal) => target.clone(),
                    (_, kind) => kind,
                };
                tables.push((kind, deps));
            }
        }
    };
    push(root, None);
    if let Some(targets) = table_at(root, "target") {
        for (key, value) in entries(targets) {
            if let Some(table) = as_table(value) {
                push(
                    table,
                    Some(SectionKind::Target(key.get_ref().to_string(), key.span())),
                );
            }
        }
    }
    tables
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
                let inherited =
                    workspace.and_then(|w| w.dependencies.iter().find(|(k, ..)| k == key));
                if let Some((_, inherited_package, inherited_requirement)) = inherited {
                    package = package.or_else(|| inherited_package.clone());
                    requirement = requirement.or_else(|| inherited_requirement.clone());
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
