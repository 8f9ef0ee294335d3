//! `cargo cratespace tree`: each cratespace's members, with what the build
//! graph knows of them.
//!
//! The resolved version and license come from the package at the top
//! crate's own dependency edge in `cargo metadata`'s resolve, matched by
//! the name the edge has in Rust (a rename's key), so a lock file holding
//! several versions of one package is no matter. Whether a member is
//! compiled in is its gate evaluated with rustc's cfg values for the target
//! and the top crate's features that cargo turns on for the feature flags
//! given, in a build of that package alone.

use crate::build::{Build, Platforms};
use crate::cargo::Cargo;
use crate::cli::Tree;
use crate::cratespaces;
use crate::error::Error;
use crate::json;
use crate::shell::Shell;
use crate::workspace::Package;
use crate::{Outcome, report};
use anstyle::{AnsiColor, Effects, Style};
use cargo_metadata::{DependencyKind, Metadata};
use cargo_platform::{Cfg, CfgExpr};
use cratespace_manifest::model::{Item, Member, Namespace};
use std::fmt::Write as _;

const NAME: Style = Style::new().effects(Effects::BOLD);
const ON: Style = AnsiColor::Green.on_default();
const OFF: Style = AnsiColor::Yellow.on_default();
const DIM: Style = Style::new().effects(Effects::DIMMED);

/// One member, with what cargo says of it.
pub struct Row<'a> {
    /// Its module path: `formats::json`, `*`, `formats::*`.
    pub path: String,
    /// The member as the manifest declares it.
    pub member: &'a Member,
    /// The package the top crate's dependency edge resolves to.
    pub resolved: Option<&'a cargo_metadata::Package>,
    /// Whether the member is compiled into a build under the flags given.
    pub compiled_in: bool,
}

/// Runs `tree`.
pub fn run(args: &Tree, shell: &Shell) -> Result<Outcome, Error> {
    let cargo = Cargo::new(&args.common.cargo, shell);
    let build = Build::resolve(
        &cargo,
        &args.common,
        args.build.target.as_ref(),
        Platforms::Target,
        shell,
    )?;
    let found = cratespaces::among(&build.packages, shell);
    if found.is_empty() {
        return Ok(Outcome::Clean);
    }
    let (metadata, target) = (&build.metadata, &build.target);
    let rustc = build.rustc_cfg(shell)?;
    let mut outcome = Outcome::Clean;
    let mut trees = 0;
    for cratespace in &found {
        let package = cratespace.package;
        let (features, cfg) = build.features(&cargo, package, &args.build.features, &rustc)?;
        for manifest in &cratespace.manifests {
            let model = &manifest.loaded.cratespace;
            let rows = rows(metadata, package, &model.root, &cfg)?;
            if shell.json() {
                shell.print(json::cratespace(package, model, &features, target));
                for row in &rows {
                    shell.print(json::member(package, row));
                }
            } else {
                if trees > 0 {
                    shell.print("");
                }
                shell.print(render(package, model, &features, &rows));
                trees += 1;
            }
        }
        if report::problems(cratespace, shell) {
            outcome = Outcome::Findings;
        }
    }
    Ok(outcome)
}

/// The members of `namespace`, depth first in manifest order.
pub fn rows<'a>(
    metadata: &'a Metadata,
    package: &Package,
    namespace: &'a Namespace,
    cfg: &[Cfg],
) -> Result<Vec<Row<'a>>, Error> {
    let node = metadata
        .resolve
        .as_ref()
        .and_then(|resolve| resolve.nodes.iter().find(|node| node.id.repr == package.id));
    namespace
        .members()
        .into_iter()
        .map(|(path, member)| {
            let resolved = node
                .and_then(|node| {
                    node.deps.iter().find(|dep| {
                        dep.name == member.krate.ident
                            && dep
                                .dep_kinds
                                .iter()
                                .any(|kind| kind.kind == DependencyKind::Normal)
                    })
                })
                .and_then(|dep| metadata.packages.iter().find(|found| found.id == dep.pkg));
            Ok(Row {
                path,
                member,
                resolved,
                compiled_in: compiled_in(member, cfg)?,
            })
        })
        .collect()
}

/// The member's gate, evaluated as cargo evaluates a target table's cfg.
fn compiled_in(member: &Member, cfg: &[Cfg]) -> Result<bool, Error> {
    let Some(gate) = &member.gate else {
        return Ok(true);
    };
    let expr: CfgExpr = gate.to_string().parse().map_err(|error| {
        Error::new(format!(
            "cannot evaluate the gate `{gate}` of `{}`: {error}",
            member.dependency
        ))
    })?;
    Ok(expr.matches(cfg))
}

/// The tree as text: a header naming the package, the features on and the
/// versioning, then a line a member, its namespaces as branches.
fn render(
    package: &Package,
    model: &cratespace_manifest::Cratespace,
    features: &[String],
    rows: &[Row],
) -> String {
    let mut text = format!(
        "{NAME}{}{NAME:#} (versioning: {}; features: {})",
        package.describe(),
        model.versioning.as_str(),
        if features.is_empty() {
            "none".to_owned()
        } else {
            features.join(", ")
        },
    );
    let mut lines = Vec::new();
    branch(&model.root, "", &mut rows.iter(), &mut lines);
    let widths: Vec<usize> = (0..CELLS)
        .map(|cell| {
            lines
                .iter()
                .filter_map(|line| line.cells.as_ref())
                .map(|cells| columns(&cells[cell]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let name_width = lines
        .iter()
        .filter(|line| line.cells.is_some())
        .map(|line| columns(&line.name))
        .max()
        .unwrap_or(0);
    for line in lines {
        text.push('\n');
        let Some(cells) = line.cells else {
            text.push_str(&line.name);
            continue;
        };
        let style = if line.compiled_in { Style::new() } else { DIM };
        let _ = write!(text, "{style}{}", pad(&line.name, name_width));
        for (cell, value) in cells.iter().enumerate() {
            text.push_str("  ");
            if cell == ON_OFF {
                let mark = if line.compiled_in { ON } else { OFF };
                let _ = write!(text, "{mark}{}{mark:#}{style}", pad(value, widths[cell]));
            } else if cell + 1 == CELLS {
                text.push_str(value);
            } else {
                text.push_str(&pad(value, widths[cell]));
            }
        }
        let _ = write!(text, "{style:#}");
    }
    text
}

/// Source, version, kind, gate, on/off, license.
const CELLS: usize = 6;
const ON_OFF: usize = 4;

struct Line {
    name: String,
    cells: Option<[String; CELLS]>,
    compiled_in: bool,
}

/// The lines of `namespace`, each prefixed with the branches above it.
fn branch<'r>(
    namespace: &Namespace,
    prefix: &str,
    rows: &mut impl Iterator<Item = &'r Row<'r>>,
    lines: &mut Vec<Line>,
) {
    let count = namespace.items.len();
    for (index, item) in namespace.items.iter().enumerate() {
        let last = index + 1 == count;
        let (twig, next) = if last {
            ("└── ", "    ")
        } else {
            ("├── ", "│   ")
        };
        match item {
            Item::Member(_) | Item::Glob(_) => {
                let Some(row) = rows.next() else { return };
                let name = row.path.rsplit("::").next().unwrap_or_default();
                lines.push(Line {
                    name: format!("{prefix}{twig}{name}"),
                    cells: Some(cells(row)),
                    compiled_in: row.compiled_in,
                });
            }
            Item::Namespace { name, namespace } => {
                lines.push(Line {
                    name: format!("{prefix}{twig}{}", name.to_rust()),
                    cells: None,
                    compiled_in: true,
                });
                branch(namespace, &format!("{prefix}{next}"), rows, lines);
            }
        }
    }
}

fn cells(row: &Row) -> [String; CELLS] {
    let member = row.member;
    let mut source = member.package.clone();
    if member.dependency != member.package {
        let _ = write!(source, " as {}", member.dependency);
    }
    if !member.path.is_empty() {
        let _ = write!(source, " → {}", member.target());
    }
    let version = row
        .resolved
        .map_or_else(|| "-".to_owned(), |package| format!("v{}", package.version));
    let gate = member
        .gate
        .as_ref()
        .map_or_else(|| "always".to_owned(), |gate| format!("cfg({gate})"));
    let compiled = if row.compiled_in { "on" } else { "off" };
    let license = row
        .resolved
        .and_then(|package| package.license.clone())
        .unwrap_or_else(|| "-".to_owned());
    [
        source,
        version,
        json::kind(member.kind).to_owned(),
        gate,
        compiled.to_owned(),
        license,
    ]
}

fn columns(text: &str) -> usize {
    text.chars().count()
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(columns(text))))
}
