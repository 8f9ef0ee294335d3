//! Which dependency a member names, and when it is compiled in: the lookup
//! by key, package name or Rust name, and the gate derived from
//! `Cargo.toml`'s features and target tables by the rules cargo applies
//! (SPEC §2, Gating).

use super::{Context, unusable_name};
use crate::cargo::{Dependency, Package, Section, Target};
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
    /// Every feature, by name.
    features: Vec<(&'a str, usize)>,
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
        let mut features = Vec::with_capacity(package.features.len());
        for (i, feature) in package.features.iter().enumerate() {
            features.push((feature.name, i));
        }
        by_key.sort_unstable();
        enabling.sort_unstable();
        dep_syntax.sort_unstable();
        features.sort_unstable();
        Index {
            by_key,
            by_package: std::cell::OnceCell::new(),
            package: Some(package),
            enabling,
            dep_syntax,
            features,
        }
    }
}

impl Index<'_> {
    /// How many entries `by_key` holds: positions in it number the keys
    /// ([`Resolved::listed`]).
    pub(super) fn keys(&self) -> usize {
        self.by_key.len()
    }

    /// The keys that `name` names other than as a key: as their package,
    /// or as their Rust name (`-` written `_`), each once.
    fn other_names(&self, name: &str) -> Vec<(&str, Alias)> {
        let Some(package) = self.package else {
            return Vec::new();
        };
        let mut keys: Vec<(&str, Alias)> = Vec::new();
        let by_package = self.by_package();
        for position in listed(by_package, name) {
            let key = package.dependencies[by_package[position].1].key;
            if !keys.iter().any(|(known, _)| *known == key) {
                keys.push((key, Alias::Package));
            }
        }
        if name.contains('_') {
            for dependency in &package.dependencies {
                let key = dependency.key;
                if dependency.section.is_linked()
                    && key.replace('-', "_") == name
                    && !keys.iter().any(|(known, _)| *known == key)
                {
                    keys.push((key, Alias::RustName));
                }
            }
        }
        keys
    }

    /// What turns the optional dependency `key` on, as a predicate over the
    /// top crate's features; `None` when nothing does.
    ///
    /// Cargo makes an implicit feature `key`, in every edition, unless a
    /// feature lists `dep:key` or a feature is itself named `key`; `key/f`
    /// turns that implicit feature on as well, so it is the whole gate.
    /// Otherwise the gate is every feature that lists `dep:key` or `key/f`.
    /// A weak `key?/f` enables nothing.
    fn enablers(&self, key: &str) -> Option<Cfg> {
        let feature = |name: &str| Cfg::KeyValue("feature".to_owned(), name.to_owned());
        if listed(&self.dep_syntax, key).is_empty() && listed(&self.features, key).is_empty() {
            return Some(feature(key));
        }
        let package = self.package?;
        let enabling = listed(&self.enabling, key);
        if enabling.is_empty() {
            return None;
        }
        let mut features = Vec::with_capacity(enabling.len());
        for position in enabling {
            features.push(feature(package.features[self.enabling[position].1].name));
        }
        Some(Cfg::any(features))
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
            by_package.sort_unstable();
            by_package
        })
    }
}

/// Where the entries listed under `name` stand in `sorted`, a list sorted
/// by name, then by position in `Cargo.toml`.
pub(super) fn listed(sorted: &[(&str, usize)], name: &str) -> Range<usize> {
    sorted.partition_point(|(entry, _)| *entry < name)
        ..sorted.partition_point(|(entry, _)| *entry <= name)
}

impl<'a> Context<'a, '_> {
    /// Finds the dependency a member names: by key; else by a package name
    /// or a Rust name (`bevy_settings` for the key `bevy-settings`), when
    /// that names exactly one key.
    pub(super) fn resolve<'w>(
        &mut self,
        wanted: &'w str,
        span: Range<usize>,
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
        let candidates = self.index.other_names(wanted);
        match candidates[..] {
            [(key, _)] => {
                let positions = listed(&self.index.by_key, key);
                let (_, i) = self.index.by_key[positions.start];
                Some(Resolved::new(&package.dependencies[i], positions))
            }
            [] => {
                self.not_found(package, wanted, span);
                None
            }
            _ => {
                let mut diagnostic = Diagnostic::at(
                    self.source(),
                    span,
                    format!("`{wanted}` names more than one dependency"),
                )
                .label("ambiguous");
                let mut keys = Vec::new();
                for (key, how) in candidates {
                    diagnostic = diagnostic.note(match how {
                        Alias::Package => {
                            format!("`{key}` is a dependency on the package `{wanted}`")
                        }
                        Alias::RustName => format!("`{key}` is written `{wanted}` in Rust"),
                    });
                    keys.push(format!("`{key}`"));
                }
                self.push(diagnostic.help(format!(
                    "name the dependency by its key: {}",
                    keys.join(" or ")
                )));
                None
            }
        }
    }

    fn not_found(&mut self, package: &Package<'_>, wanted: &str, span: Range<usize>) {
        let mut diagnostic = Diagnostic::at(
            self.source(),
            span,
            format!("no dependency `{wanted}` in Cargo.toml"),
        )
        .label("not in [dependencies] or a target's dependencies");
        let unlinked = package.dependencies.iter().find(|dependency| {
            !dependency.section.is_linked()
                && (dependency.key == wanted || dependency.package == wanted)
        });
        if let Some(unlinked) = unlinked {
            let table = match unlinked.section {
                Section::Dev => "[dev-dependencies]",
                _ => "[build-dependencies]",
            };
            diagnostic = diagnostic
                .note(format!(
                    "`{wanted}` is in {table}, which the library\nis not linked with"
                ))
                .help("move it to [dependencies] to re-export it");
        } else {
            let candidates: Vec<&str> = package
                .dependencies
                .iter()
                .filter(|dependency| dependency.section.is_linked())
                .flat_map(|dependency| [dependency.key, dependency.package])
                .collect();
            diagnostic = match closest(wanted, &candidates) {
                Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
                None => diagnostic.help(format!("add `{wanted}` to [dependencies]")),
            };
        }
        self.push(diagnostic);
    }

    /// When the member's dependency is compiled in (SPEC §2, Gating): for
    /// each table it is declared in, that table's platform and, when it is
    /// optional there, the features that turn it on. `None` inside means
    /// always; an outer `None` means it was reported.
    pub(super) fn gate(
        &mut self,
        resolved: &Resolved<'_>,
        span: Range<usize>,
        path: &str,
    ) -> Option<Option<Cfg>> {
        let Some((_, package)) = self.input.cargo else {
            return Some(None);
        };
        let key = resolved.key;
        let mut always = false;
        let mut alternatives = Vec::new();
        let mut never = Vec::new();
        let mut failed = false;
        for position in resolved.listed.clone() {
            let dependency = &package.dependencies[self.index.by_key[position].1];
            let platform = match dependency.section {
                Section::Target(target) => {
                    let target = &package.targets[target];
                    match self.platform(target, key, span.clone(), path) {
                        Platform::Cfg(cfg) => Some(cfg),
                        Platform::Every => None,
                        Platform::None => {
                            never.push(Never::Platform(target));
                            continue;
                        }
                        Platform::Failed => {
                            failed = true;
                            continue;
                        }
                    }
                }
                _ => None,
            };
            let features = if dependency.optional {
                match self.index.enablers(key) {
                    Some(features) => Some(features),
                    None => {
                        never.push(Never::Features(dependency));
                        continue;
                    }
                }
            } else {
                None
            };
            match (platform, features) {
                (None, None) => always = true,
                (Some(a), None) | (None, Some(a)) => alternatives.push(a),
                (Some(a), Some(b)) => alternatives.push(Cfg::all(vec![a, b])),
            }
        }
        if failed {
            return None;
        }
        if always {
            return Some(None);
        }
        if alternatives.is_empty() {
            self.never_compiled(key, span, &never);
            return None;
        }
        Some(Some(Cfg::any(absorb(alternatives))))
    }

    /// The platforms on which cargo compiles the dependencies of `target`.
    fn platform(
        &mut self,
        target: &Target<'_>,
        key: &str,
        span: Range<usize>,
        path: &str,
    ) -> Platform {
        let Some((cargo_source, _)) = self.input.cargo else {
            return Platform::Every;
        };
        match &target.cfg {
            Ok(Some(cfg)) => {
                if let Some(bad) = unusable_name(cfg) {
                    let diagnostic = Diagnostic::at(
                        cargo_source,
                        target.span.clone(),
                        "invalid `cfg` in a target table",
                    )
                    .label(format!("`{bad}` is not an identifier"))
                    .help("fix the predicate, or give the member a `cfg` of its own");
                    self.push(diagnostic);
                    return Platform::Failed;
                }
                match cfg.constant() {
                    Some(true) => Platform::Every,
                    Some(false) => Platform::None,
                    None => Platform::Cfg(cfg.clone()),
                }
            }
            Ok(None) => {
                let triple = target.key;
                let name = path.rsplit("::").next().unwrap_or(path);
                let diagnostic = Diagnostic::at(
                    self.source(),
                    span,
                    format!("cannot derive when `{key}` is compiled"),
                )
                .label("a dependency of one target")
                .related(cargo_source, target.span.clone(), "a target triple, not `cfg(...)`")
                .note(format!("`#[cfg]` cannot name the target `{triple}`"))
                .help(format!(
                    "give the member a `cfg` that holds on that target:\n`{name} = {{ dependency = \"{key}\", cfg = '…' }}`,\nor depend on it in [target.'cfg(…)'.dependencies]"
                ));
                self.push(diagnostic);
                Platform::Failed
            }
            Err(error) => {
                let diagnostic = Diagnostic::at(
                    cargo_source,
                    target.span.clone(),
                    "invalid `cfg` in a target table",
                )
                .label(error.message.clone())
                .help("fix the predicate, or give the member a `cfg` of its own");
                self.push(diagnostic);
                Platform::Failed
            }
        }
    }

    /// Diagnostic 9: cargo accepts the manifest but compiles the dependency
    /// under no feature selection and on no platform.
    fn never_compiled(&mut self, key: &str, span: Range<usize>, never: &[Never<'_, '_>]) {
        let Some((cargo_source, package)) = self.input.cargo else {
            return;
        };
        let mut diagnostic = Diagnostic::at(
            self.source(),
            span,
            format!("the dependency `{key}` is never compiled"),
        )
        .label("this member would never exist");
        let mut shadowed = false;
        let mut unset = Vec::new();
        for reason in never {
            match reason {
                Never::Features(dependency) => {
                    diagnostic = diagnostic.related(
                        cargo_source,
                        dependency.span.clone(),
                        "optional, and no feature enables it",
                    );
                    shadowed = true;
                }
                Never::Platform(target) => {
                    diagnostic = diagnostic.related(
                        cargo_source,
                        target.span.clone(),
                        "cargo compiles this table's dependencies on no platform",
                    );
                    if let Ok(Some(written)) = Cfg::parse_target(target.key) {
                        settled_by_cargo(&written, &mut unset);
                    }
                }
            }
        }
        if shadowed {
            if let Some(feature) = package.features.iter().find(|feature| feature.name == key) {
                diagnostic = diagnostic
                    .related(
                        cargo_source,
                        feature.span.clone(),
                        "takes the place of the implicit feature",
                    )
                    .note(format!(
                        "a feature named `{key}` takes the place of the implicit\nfeature, and a weak `{key}?/…` enables nothing"
                    ))
                    .help(format!("enable it from that feature: `{key} = [\"dep:{key}\"]`"));
            }
        }
        if !unset.is_empty() {
            diagnostic = diagnostic
                .note(format!(
                    "cargo decides a target table with `rustc --print cfg`, which\nsets `debug_assertions` and never `test`, `doc` or a feature;\nhere that settles {}",
                    and(&unset)
                ))
                .help(format!(
                    "under a feature, make it optional and enable it with\n`\"dep:{key}\"`; for tests, move it to [dev-dependencies]"
                ));
        }
        self.push(diagnostic);
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The names and pairs of `cfg` that cargo's evaluation of a target table
/// settles whatever the build (see [`crate::cargo::as_cargo_evaluates`]),
/// each once.
fn settled_by_cargo(cfg: &Cfg, out: &mut Vec<String>) {
    match cfg {
        Cfg::Name(name)
            if ["test", "doc", "doctest", "proc_macro", "debug_assertions"]
                .contains(&name.as_str()) =>
        {
            let text = format!("`{cfg}`");
            if !out.contains(&text) {
                out.push(text);
            }
        }
        Cfg::KeyValue(key, _) if key == "feature" => {
            let text = format!("`{cfg}`");
            if !out.contains(&text) {
                out.push(text);
            }
        }
        Cfg::Name(_) | Cfg::KeyValue(..) => {}
        Cfg::All(list) | Cfg::Any(list) => {
            for cfg in list {
                settled_by_cargo(cfg, out);
            }
        }
        Cfg::Not(inner) => settled_by_cargo(inner, out),
    }
}

/// Where cargo compiles a target table's dependencies.
enum Platform {
    /// Where the cfg holds.
    Cfg(Cfg),
    /// On every platform: the cfg holds whatever the target.
    Every,
    /// Nowhere: the cfg never holds in cargo's evaluation.
    None,
    /// The table's key was reported.
    Failed,
}

/// Why one declaration of a dependency is never compiled.
enum Never<'p, 'a> {
    /// Optional, and no feature turns it on.
    Features(&'p Dependency<'a>),
    /// In a target table that applies to no platform.
    Platform(&'p Target<'a>),
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

/// How a name other than its key names a dependency.
#[derive(Clone, Copy)]
enum Alias {
    Package,
    RustName,
}

/// Drops an alternative `all(.., x, ..)` when `x` itself is an
/// alternative: `any(x, all(unix, x))` is `x`.
fn absorb(alternatives: Vec<Cfg>) -> Vec<Cfg> {
    if alternatives.len() < 2 {
        return alternatives;
    }
    let implied = |cfg: &Cfg| match cfg {
        Cfg::All(list) => alternatives
            .iter()
            .any(|other| other != cfg && list.contains(other)),
        _ => false,
    };
    alternatives
        .iter()
        .filter(|cfg| !implied(cfg))
        .cloned()
        .collect()
}
