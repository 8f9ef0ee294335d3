//! Which dependency a member names, and when it is compiled in: the lookup
//! by key or by package name, and the gate derived from `Cargo.toml`'s
//! features and target tables (SPEC §2, Gating).

use super::{Context, unusable_name};
use crate::cargo::{Dependency, Package, Section, Target, edition_at_least_2024};
use crate::cfg::Cfg;
use crate::diagnostic::Diagnostic;
use crate::suggest::closest;
use std::ops::Range;

/// `Cargo.toml`'s dependencies and features, indexed once per load so that
/// resolving and gating a member looks its dependency up instead of
/// scanning them all. Each list is sorted by name, then by position in
/// `Cargo.toml`, so a lookup yields entries in the order of the file.
#[derive(Default)]
pub(super) struct Index<'a> {
    /// Linked dependencies (`[dependencies]`, `[target.*.dependencies]`) by key.
    by_key: Vec<(&'a str, usize)>,
    /// Linked dependencies by package name, made when a member first names
    /// a dependency by its package.
    by_package: std::cell::OnceCell<Vec<(&'a str, usize)>>,
    package: Option<&'a Package<'a>>,
    /// The features that enable a dependency key directly: a feature listing
    /// `dep:key` or `key/feature` (twice if it lists both).
    enabling: Vec<(&'a str, usize)>,
    /// The keys some feature names as `dep:key`, with the feature.
    dep_syntax: Vec<(&'a str, usize)>,
}

impl<'a> Index<'a> {
    pub(super) fn new(package: &'a Package<'a>) -> Self {
        let mut by_key = Vec::with_capacity(package.dependencies.len());
        for (i, dependency) in package.dependencies.iter().enumerate() {
            if dependency.section.is_linked() {
                by_key.push((dependency.key, i));
            }
        }
        let mut enabling = Vec::new();
        let mut dep_syntax = Vec::new();
        for (i, feature) in package.features.iter().enumerate() {
            for value in &feature.enables {
                let key = match value.strip_prefix("dep:") {
                    Some(key) => {
                        dep_syntax.push((key, i));
                        key
                    }
                    None => match value.split_once('/') {
                        Some((key, _)) => key,
                        None => continue,
                    },
                };
                enabling.push((key, i));
            }
        }
        sort_by_name(&mut by_key);
        sort_by_name(&mut enabling);
        sort_by_name(&mut dep_syntax);
        Index {
            by_key,
            by_package: std::cell::OnceCell::new(),
            package: Some(package),
            enabling,
            dep_syntax,
        }
    }
}

impl Index<'_> {
    /// How many entries `by_key` holds: positions in it number the keys
    /// ([`Resolved::listed`]).
    pub(super) fn keys(&self) -> usize {
        self.by_key.len()
    }

    fn by_package(&self) -> &[(&str, usize)] {
        self.by_package.get_or_init(|| {
            let mut by_package = Vec::new();
            if let Some(package) = self.package {
                for (i, dependency) in package.dependencies.iter().enumerate() {
                    if dependency.section.is_linked() {
                        by_package.push((dependency.package, i));
                    }
                }
            }
            sort_by_name(&mut by_package);
            by_package
        })
    }
}

/// Sorts `entries` by name, then position: the order [`listed`] reads.
pub(super) fn sort_by_name(entries: &mut [(&str, usize)]) {
    // Sorted in place: each macro expansion sorts every dependency and
    // feature entry, so this is on the hot path.
    entries.sort_unstable();
}

/// Where the entries listed under `name` stand in `sorted`.
pub(super) fn listed(sorted: &[(&str, usize)], name: &str) -> Range<usize> {
    let start = sorted.partition_point(|(entry, _)| *entry < name);
    let mut end = start;
    while end < sorted.len() && sorted[end].0 == name {
        end += 1;
    }
    start..end
}

impl<'a> Context<'a, '_> {
    /// Finds the dependency a member names: by key, else by a package name
    /// that exactly one key has.
    pub(super) fn resolve<'w>(
        &mut self,
        wanted: &'w str,
        span: Range<usize>,
        path: &str,
    ) -> Option<Resolved<'w>>
    where
        'a: 'w,
    {
        let Some((_, package)) = self.input.cargo else {
            return Some(Resolved {
                key: wanted,
                package: wanted,
                requirement: None,
                requirement_span: span,
                inherited: false,
                listed: 0..0,
            });
        };
        let found = listed(&self.index.by_key, wanted);
        if !found.is_empty() {
            let (_, i) = self.index.by_key[found.start];
            return Some(Resolved::new(&package.dependencies[i], found));
        }
        // The first dependency of that package, and the first under another key.
        let mut first: Option<&Dependency<'_>> = None;
        let mut second: Option<&Dependency<'_>> = None;
        let by_package = self.index.by_package();
        for position in listed(by_package, wanted) {
            let dependency = &package.dependencies[by_package[position].1];
            match first {
                None => first = Some(dependency),
                Some(first) if first.key != dependency.key => {
                    second = Some(dependency);
                    break;
                }
                Some(_) => {}
            }
        }
        match (first, second) {
            (Some(found), None) => {
                let positions = listed(&self.index.by_key, found.key);
                return Some(Resolved::new(found, positions));
            }
            (Some(first), Some(second)) => {
                let diagnostic = Diagnostic::at(
                    self.source(),
                    span,
                    format!("the package `{wanted}` of member `{path}` is a dependency under more than one key"),
                )
                .help(format!(
                    "name the dependency by its key: `{}` or `{}`",
                    first.key, second.key
                ));
                self.push(diagnostic);
                return None;
            }
            _ => {}
        }
        let mut diagnostic = Diagnostic::at(
            self.source(),
            span,
            format!("member `{path}`: no dependency `{wanted}` in Cargo.toml"),
        )
        .label("not a key of [dependencies]");
        let mut unlinked = None;
        for dependency in &package.dependencies {
            if !dependency.section.is_linked()
                && (dependency.key == wanted || dependency.package == wanted)
            {
                unlinked = Some(dependency);
                break;
            }
        }
        if let Some(unlinked) = unlinked {
            let table = match unlinked.section {
                Section::Dev => "[dev-dependencies]",
                _ => "[build-dependencies]",
            };
            diagnostic = diagnostic.help(format!(
                "`{wanted}` is in {table}; dev- and build-dependencies are not linked into the library, so they cannot be re-exported: move it to [dependencies]"
            ));
        } else {
            let mut candidates = Vec::new();
            for dependency in &package.dependencies {
                if dependency.section.is_linked() {
                    candidates.push(dependency.key);
                    candidates.push(dependency.package);
                }
            }
            diagnostic = match closest(wanted, &candidates) {
                Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
                None => diagnostic.help(format!("add `{wanted}` to [dependencies] in Cargo.toml")),
            };
        }
        self.push(diagnostic);
        None
    }

    /// When the member's dependency is compiled in (SPEC §2, Gating).
    /// `None` inside means always; an outer `None` means it was reported.
    pub(super) fn gate(
        &mut self,
        resolved: &Resolved<'_>,
        span: Range<usize>,
        path: &str,
    ) -> Option<Option<Cfg>> {
        let Some((cargo_source, package)) = self.input.cargo else {
            return Some(None);
        };
        let key = resolved.key;
        let mut always = false;
        let mut alternatives = Vec::new();
        let mut failed = false;
        for position in resolved.listed.clone() {
            let dependency = &package.dependencies[self.index.by_key[position].1];
            let section = match dependency.section {
                Section::Target(target) => Some(&package.targets[target]),
                _ => None,
            };
            let target = match section {
                Some(Target {
                    cfg: Ok(Some(cfg)),
                    key: target_key,
                    span: key_span,
                }) => {
                    if let Some(bad) = unusable_name(cfg) {
                        let diagnostic = Diagnostic::at(
                            cargo_source,
                            key_span.clone(),
                            format!("invalid `cfg` in the target `{target_key}`: `{bad}` is not an identifier"),
                        )
                        .help("write the target as `cfg(...)` with a valid predicate, or give the member an explicit `cfg`");
                        self.push(diagnostic);
                        failed = true;
                        continue;
                    }
                    Some(cfg.clone())
                }
                Some(Target {
                    cfg: Ok(None),
                    key: triple,
                    span: triple_span,
                }) => {
                    let diagnostic = Diagnostic::at(
                        self.source(),
                        span.clone(),
                        format!("member `{path}`: `{key}` is a dependency of the target `{triple}`, which has no cfg"),
                    )
                    .label("cannot derive its gate")
                    .related(cargo_source, triple_span.clone(), "a target triple, not `cfg(...)`")
                    .help(format!(
                        "give the member an explicit gate with the `cfg` key: `{} = {{ dependency = \"{key}\", cfg = 'target_os = \"linux\"' }}` (a cfg that holds on `{triple}`), or move the dependency under [target.'cfg(...)'.dependencies]",
                        path.rsplit("::").next().unwrap_or(path)
                    ));
                    self.push(diagnostic);
                    failed = true;
                    continue;
                }
                Some(Target {
                    cfg: Err(error),
                    key: target_key,
                    span: key_span,
                }) => {
                    let diagnostic = Diagnostic::at(
                        cargo_source,
                        key_span.clone(),
                        format!("invalid `cfg` in the target `{target_key}`: {}", error.message),
                    )
                    .help("write the target as `cfg(...)` with a valid predicate, or give the member an explicit `cfg`");
                    self.push(diagnostic);
                    failed = true;
                    continue;
                }
                None => None,
            };
            let features = if dependency.optional {
                let features = enabling_features(package, &self.index, key);
                if features.is_empty() {
                    let diagnostic = Diagnostic::at(
                        self.source(),
                        span.clone(),
                        format!("member `{path}`: the optional dependency `{key}` is enabled by no feature, so it is never compiled"),
                    )
                    .label("never compiled in")
                    .related(cargo_source, dependency.span.clone(), "optional, and no feature enables it")
                    .help(format!(
                        "add a feature that enables it to Cargo.toml:\n[features]\n{} = [\"dep:{key}\"]",
                        feature_name(key)
                    ));
                    self.push(diagnostic);
                    failed = true;
                    continue;
                }
                Some(Cfg::any(features))
            } else {
                None
            };
            match (target, features) {
                (None, None) => always = true,
                (Some(a), None) | (None, Some(a)) => alternatives.push(a),
                (Some(a), Some(b)) => alternatives.push(Cfg::all(vec![a, b])),
            }
        }
        if failed {
            return None;
        }
        Some(if always {
            None
        } else {
            Some(Cfg::any(absorb(alternatives)))
        })
    }
}

/// The dependency a member names, as the checks need it.
pub(super) struct Resolved<'a> {
    pub(super) key: &'a str,
    pub(super) package: &'a str,
    pub(super) requirement: Option<&'a str>,
    pub(super) requirement_span: Range<usize>,
    pub(super) inherited: bool,
    /// Where the key's linked dependencies stand in the index's `by_key`
    /// (one a section: plain and target-specific), looked up once.
    pub(super) listed: Range<usize>,
}

impl<'a> Resolved<'a> {
    fn new(dependency: &Dependency<'a>, listed: Range<usize>) -> Self {
        Resolved {
            key: dependency.key,
            package: dependency.package,
            requirement: dependency.requirement,
            requirement_span: dependency.requirement_span.clone(),
            inherited: dependency.inherited,
            listed,
        }
    }
}

/// The features that turn an optional dependency on, as cfgs: the implicit
/// feature of the same name where cargo creates one (editions before 2024,
/// when no `dep:key` appears), else every feature listing `dep:key` or
/// `key/feature` (a weak `key?/feature` enables nothing).
fn enabling_features(package: &Package<'_>, index: &Index<'_>, key: &str) -> Vec<Cfg> {
    let dep_syntax = !listed(&index.dep_syntax, key).is_empty();
    if !dep_syntax && !edition_at_least_2024(package.edition) {
        return vec![Cfg::KeyValue("feature".to_owned(), key.to_owned())];
    }
    let mut features = Vec::new();
    for position in listed(&index.enabling, key) {
        let name = package.features[index.enabling[position].1].name;
        features.push(Cfg::KeyValue("feature".to_owned(), name.to_owned()));
    }
    features
}

fn feature_name(key: &str) -> String {
    key.rsplit('-').next().unwrap_or(key).to_owned()
}

/// Drops an alternative `all(.., x, ..)` when `x` itself is an
/// alternative: `any(x, all(unix, x))` is `x`.
fn absorb(alternatives: Vec<Cfg>) -> Vec<Cfg> {
    let mut implied = Vec::with_capacity(alternatives.len());
    for cfg in &alternatives {
        let mut absorbed = false;
        if let Cfg::All(list) = cfg {
            for other in &alternatives {
                if other != cfg && list.contains(other) {
                    absorbed = true;
                    break;
                }
            }
        }
        implied.push(absorbed);
    }
    let mut kept = Vec::with_capacity(alternatives.len());
    for (position, cfg) in alternatives.into_iter().enumerate() {
        if !implied[position] {
            kept.push(cfg);
        }
    }
    kept
}
