//! The generator of `tests/families.rs`: crate families shaped like real
//! ones, written out as one cargo workspace.
//!
//! Each family has tiny member crates, a top crate whose `Cargo.toml` holds
//! the dependencies, features, target tables and cratespace manifest a real
//! family would write and whose `lib.rs` is `cratespace::cratespace!()`, and
//! a downstream crate that reaches every member through the top crate, each
//! under the downstream crate's own forwarding features (so the same crate
//! builds with every feature and with none). The downstream crate also
//!
//! - checks at compile time, member by member, that the metadata says a
//!   member is compiled in exactly when its gate holds in this build;
//! - has tests that compare the metadata with what the manifest says, reach
//!   every member compiled in, and assert on the family's own shape.
//!
//! The expected gates are worked out here from the manifest, by the rules of
//! the crate documentation (§2 of the spec), independently of the macro.

mod bevy;
mod futures;
mod gix;
mod icu;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// A crate family: its member crates, its top crate and (implicitly) its
/// downstream crate.
pub struct Family {
    /// The top crate's package name, `bevy-like`; the downstream crate is
    /// `bevy-like-use`.
    pub name: &'static str,
    /// The top crate's version.
    pub version: &'static str,
    /// One line of description, for both crates.
    pub description: &'static str,
    /// `versioning = "…"` of the manifest, if not the default.
    pub versioning: Option<&'static str>,
    /// Inner attributes at the top of the top crate's `lib.rs`.
    pub attributes: &'static str,
    /// The member crates.
    pub crates: Vec<Crate>,
    /// The top crate's dependencies on members, in manifest order.
    pub dependencies: Vec<Dependency>,
    /// The top crate's features, in manifest order.
    pub features: Features,
    /// The manifest's members, in manifest order.
    pub members: Vec<Member>,
    /// A namespace written as a table of its own,
    /// `[package.metadata.cratespace.members.NAME]`; its members must be the
    /// last ones.
    pub table: Option<&'static str>,
    /// Tests of the downstream crate written for this family, inside its
    /// `mod tests` (which has `use TOP::CRATESPACE;` and `fn gate(path)`).
    pub tests: &'static str,
}

/// A member crate.
pub struct Crate {
    /// Its package name.
    pub package: String,
    /// Its version.
    pub version: String,
    /// Its own features: a name (`serde`, for `serde = []`) or a whole
    /// line (`compat = ["std"]`).
    pub features: Vec<String>,
    /// Its `src/lib.rs`.
    pub lib: String,
}

impl Crate {
    /// A crate whose root has `fn module()` and the type `ty`; `features`
    /// are its own features, each adding a `const`.
    pub fn plain(package: &str, version: &str, ty: &str, features: &[&str], no_std: bool) -> Crate {
        Crate::with_items(package, version, "module", ty, features, no_std)
    }

    /// A crate that a family globs: its items have names of their own,
    /// `fn {ident}_module()` and the type `ty`, so that they do not clash
    /// with the other items at the level of the glob.
    pub fn globbed(package: &str, version: &str, ident: &str, ty: &str) -> Crate {
        Crate::with_items(package, version, &format!("{ident}_module"), ty, &[], false)
    }

    fn with_items(
        package: &str,
        version: &str,
        module_fn: &str,
        ty: &str,
        features: &[&str],
        no_std: bool,
    ) -> Crate {
        let mut lib = format!("//! `{package}`: a member crate of a generated family.\n");
        if no_std {
            lib.push_str("#![no_std]\n");
        }
        lib.push('\n');
        lib.push_str(&items(module_fn, ty));
        for feature in features {
            let constant = feature.to_uppercase().replace('-', "_");
            let _ = write!(
                lib,
                "\n/// On with this crate's feature `{feature}`.\n#[cfg(feature = \"{feature}\")]\npub const {constant}: bool = true;\n"
            );
        }
        Crate {
            package: package.to_owned(),
            version: version.to_owned(),
            features: features.iter().map(|&feature| feature.to_owned()).collect(),
            lib,
        }
    }
}

/// The items through which a downstream crate reaches a module: a function
/// that returns the module's path, and a type to name.
pub fn items(module_fn: &str, ty: &str) -> String {
    format!(
        "/// The path of this module, as the compiler names it.\n\
         pub fn {module_fn}() -> &'static str {{\n    module_path!()\n}}\n\n\
         /// A type to name through the family.\n\
         #[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]\n\
         pub struct {ty};\n"
    )
}

/// A dependency of a top crate on one of its members.
pub struct Dependency {
    /// The key in `[dependencies]`.
    pub key: String,
    /// The package name: the key, unless renamed.
    pub package: String,
    /// The version requirement.
    pub requirement: String,
    /// `optional = true`.
    pub optional: bool,
    /// The cfg of the `[target.'cfg(…)'.dependencies]` table it is in.
    pub target: Option<&'static str>,
    /// More keys of the inline table: `default-features = false`, …
    pub extra: &'static str,
}

impl Dependency {
    /// A dependency on `package`, by that name.
    pub fn new(package: &str, requirement: &str) -> Dependency {
        Dependency {
            key: package.to_owned(),
            package: package.to_owned(),
            requirement: requirement.to_owned(),
            optional: false,
            target: None,
            extra: "",
        }
    }

    /// The dependency under another key.
    pub fn renamed(mut self, key: &str) -> Dependency {
        key.clone_into(&mut self.key);
        self
    }

    /// The dependency made optional.
    pub fn optional(mut self, optional: bool) -> Dependency {
        self.optional = optional;
        self
    }

    /// The dependency in a `[target.'cfg(…)'.dependencies]` table.
    pub fn target(mut self, cfg: &'static str) -> Dependency {
        self.target = Some(cfg);
        self
    }

    /// More keys for the dependency's inline table.
    pub fn extra(mut self, extra: &'static str) -> Dependency {
        self.extra = extra;
        self
    }
}

/// A top crate's `[features]`, in order.
#[derive(Default)]
pub struct Features(Vec<(String, Vec<String>)>);

impl Features {
    /// Declares features, empty, in this order.
    pub fn declare(&mut self, names: &[&str]) {
        for name in names {
            self.entry(name);
        }
    }

    /// Adds `item` to the feature `name`, declaring it last if new.
    pub fn enable(&mut self, name: &str, item: &str) {
        let items = self.entry(name);
        if !items.iter().any(|existing| existing == item) {
            items.push(item.to_owned());
        }
    }

    fn entry(&mut self, name: &str) -> &mut Vec<String> {
        let at = match self.0.iter().position(|(existing, _)| existing == name) {
            Some(at) => at,
            None => {
                self.0.push((name.to_owned(), Vec::new()));
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }

    fn is_feature(&self, name: &str) -> bool {
        self.0.iter().any(|(existing, _)| existing == name)
    }

    /// The features that enable the dependency `key` directly: `dep:key`
    /// or `key/feature`, not the weak `key?/feature`.
    fn enabling(&self, key: &str) -> Vec<&str> {
        let strong = format!("dep:{key}");
        let with_feature = format!("{key}/");
        self.0
            .iter()
            .filter(|(_, items)| {
                items
                    .iter()
                    .any(|item| *item == strong || item.starts_with(&with_feature))
            })
            .map(|(name, _)| name.as_str())
            .collect()
    }
}

/// A member of a family's manifest.
pub struct Member {
    /// The module path: namespaces, then the name, or `*` for a glob.
    pub path: Vec<String>,
    /// The `dependency` key.
    pub dependency: String,
    /// `path = "…"`: a module inside the dependency.
    pub inside: Option<&'static str>,
    /// `cfg = "…"`.
    pub cfg: Option<&'static str>,
    /// `doc = "…"`.
    pub doc: Option<&'static str>,
    /// The function of the module reached that returns its path.
    pub module_fn: String,
    /// The type the downstream crate names through the member.
    pub ty: String,
}

impl Member {
    /// A member at `path` (`"render::camera"`, `"*"`, `"prelude::*"`)
    /// reaching the dependency `key`, its `fn module()` and the type `ty`.
    pub fn new(path: &str, key: &str, ty: &str) -> Member {
        Member {
            path: path.split("::").map(str::to_owned).collect(),
            dependency: key.to_owned(),
            inside: None,
            cfg: None,
            doc: None,
            module_fn: "module".to_owned(),
            ty: ty.to_owned(),
        }
    }

    /// A glob of the dependency `key` at `path` (ending in `*`), reached
    /// through `fn {ident}_module()` and the type `ty`.
    pub fn glob(path: &str, key: &str, ident: &str, ty: &str) -> Member {
        let mut member = Member::new(path, key, ty);
        assert_eq!(member.path.last().map(String::as_str), Some("*"));
        member.module_fn = format!("{ident}_module");
        member
    }

    /// With `path = inside`.
    pub fn inside(mut self, inside: &'static str) -> Member {
        self.inside = Some(inside);
        self
    }

    /// With `cfg = cfg`.
    pub fn cfg(mut self, cfg: &'static str) -> Member {
        self.cfg = Some(cfg);
        self
    }

    /// With `doc = doc`.
    pub fn doc(mut self, doc: &'static str) -> Member {
        self.doc = Some(doc);
        self
    }

    fn is_glob(&self) -> bool {
        self.path.last().is_some_and(|name| name == "*")
    }

    fn path_string(&self) -> String {
        self.path.join("::")
    }
}

/// The `_` form of a dependency key or package name.
fn rust_name(name: &str) -> String {
    name.replace('-', "_")
}

/// `UpperCamelCase` of a `snake_case` or `kebab-case` name.
pub fn camel(name: &str) -> String {
    name.split(['_', '-'])
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// A TOML basic string, or equally a Rust string literal, of `text`.
fn quoted(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", items.join(", "))
}

impl Family {
    fn rust(&self) -> String {
        rust_name(self.name)
    }

    fn downstream(&self) -> String {
        format!("{}-use", self.name)
    }

    fn dependency(&self, key: &str) -> &Dependency {
        self.dependencies
            .iter()
            .find(|dependency| dependency.key == key)
            .unwrap_or_else(|| panic!("{}: no dependency `{key}`", self.name))
    }

    /// The gate of a member, by the rules of §2: its `cfg`, else the
    /// features that enable an optional dependency, joined to its target
    /// table's cfg.
    fn gate(&self, member: &Member) -> Option<String> {
        if let Some(cfg) = member.cfg {
            return Some(cfg.to_owned());
        }
        let dependency = self.dependency(&member.dependency);
        let features = if dependency.optional {
            let enabling = self.features.enabling(&dependency.key);
            let gates: Vec<String> = enabling
                .iter()
                .map(|feature| format!("feature = {}", quoted(feature)))
                .collect();
            match gates.len() {
                0 => panic!("{}: nothing enables `{}`", self.name, dependency.key),
                1 => Some(gates[0].clone()),
                _ => Some(format!("any({})", gates.join(", "))),
            }
        } else {
            None
        };
        match (dependency.target, features) {
            (Some(target), Some(features)) => Some(format!("all({target}, {features})")),
            (Some(target), None) => Some(target.to_owned()),
            (None, features) => features,
        }
    }

    /// What the metadata must say the member's target is: the dependency's
    /// Rust name, then the module inside it.
    fn target_path(&self, member: &Member) -> String {
        let mut target = rust_name(&member.dependency);
        if let Some(inside) = member.inside {
            target.push_str("::");
            target.push_str(inside);
        }
        target
    }

    /// Checks what the generator relies on: members reach existing
    /// dependencies, defaults name features, table members come last.
    fn check(&self) {
        for member in &self.members {
            self.dependency(&member.dependency);
        }
        for dependency in &self.dependencies {
            assert!(
                self.crates
                    .iter()
                    .any(|krate| krate.package == dependency.package),
                "{}: no member crate `{}`",
                self.name,
                dependency.package
            );
        }
        for (name, items) in &self.features.0 {
            for item in items {
                let feature_ref = !item.starts_with("dep:") && !item.contains('/');
                assert!(
                    !feature_ref || self.features.is_feature(item),
                    "{}: feature `{name}` lists `{item}`, not a feature",
                    self.name
                );
            }
        }
        if let Some(table) = self.table {
            let first = self
                .members
                .iter()
                .position(|member| member.path.len() > 1 && member.path[0] == table)
                .expect("members in the table namespace");
            assert!(
                self.members[first..]
                    .iter()
                    .all(|member| member.path.len() > 1 && member.path[0] == table),
                "{}: the members of `{table}` must come last",
                self.name
            );
        }
    }

    fn top_manifest(&self, cratespace: &str) -> String {
        let mut out = format!(
            "# Generated by tests/families of the `cratespace` package.\n\
             [package]\nname = {}\nversion = {}\ndescription = {}\nedition = \"2024\"\npublish = false\n\n\
             [lib]\n# Tested by `{}`.\ntest = false\ndoctest = false\n\n\
             [dependencies]\ncratespace = {{ path = {} }}\n",
            quoted(self.name),
            quoted(self.version),
            quoted(self.description),
            self.downstream(),
            quoted(cratespace),
        );
        let line = |dependency: &Dependency| {
            let mut line = format!("{} = {{ ", dependency.key);
            if dependency.key != dependency.package {
                let _ = write!(line, "package = {}, ", quoted(&dependency.package));
            }
            let _ = write!(
                line,
                "version = {}, path = {}",
                quoted(&dependency.requirement),
                quoted(&format!("../members/{}", dependency.package))
            );
            if dependency.optional {
                line.push_str(", optional = true");
            }
            if !dependency.extra.is_empty() {
                let _ = write!(line, ", {}", dependency.extra);
            }
            line.push_str(" }\n");
            line
        };
        for dependency in self.dependencies.iter().filter(|d| d.target.is_none()) {
            out.push_str(&line(dependency));
        }
        let mut targets: Vec<&str> = Vec::new();
        for dependency in &self.dependencies {
            if let Some(target) = dependency.target {
                if !targets.contains(&target) {
                    targets.push(target);
                }
            }
        }
        for target in targets {
            let _ = write!(out, "\n[target.'cfg({target})'.dependencies]\n");
            for dependency in self
                .dependencies
                .iter()
                .filter(|d| d.target == Some(target))
            {
                out.push_str(&line(dependency));
            }
        }
        out.push_str("\n[features]\n");
        for (name, items) in &self.features.0 {
            let _ = writeln!(out, "{name} = {}", list(items));
        }
        if let Some(versioning) = self.versioning {
            let _ = write!(
                out,
                "\n[package.metadata.cratespace]\nversioning = {}\n",
                quoted(versioning)
            );
        }
        out.push_str("\n[package.metadata.cratespace.members]\n");
        let mut in_table = false;
        for member in &self.members {
            let mut path = &member.path[..];
            if let Some(table) = self.table {
                if path.len() > 1 && path[0] == table {
                    if !in_table {
                        let _ = write!(out, "\n[package.metadata.cratespace.members.{table}]\n");
                        in_table = true;
                    }
                    path = &path[1..];
                }
            }
            let key: Vec<String> = path
                .iter()
                .map(|segment| {
                    if segment == "*" {
                        quoted(segment)
                    } else {
                        segment.clone()
                    }
                })
                .collect();
            let mut options = Vec::new();
            if let Some(inside) = member.inside {
                options.push(format!("path = {}", quoted(inside)));
            }
            if let Some(cfg) = member.cfg {
                options.push(format!("cfg = {}", quoted(cfg)));
            }
            if let Some(doc) = member.doc {
                options.push(format!("doc = {}", quoted(doc)));
            }
            let value = if options.is_empty() {
                quoted(&member.dependency)
            } else {
                format!(
                    "{{ dependency = {}, {} }}",
                    quoted(&member.dependency),
                    options.join(", ")
                )
            };
            let _ = writeln!(out, "{} = {value}", key.join("."));
        }
        out
    }

    fn top_lib(&self) -> String {
        format!(
            "//! {}\n//!\n//! Generated by tests/families of the `cratespace` package: the members\n\
             //! are listed in `Cargo.toml`.\n{}\ncratespace::cratespace!();\n",
            self.description, self.attributes
        )
    }

    fn downstream_manifest(&self) -> String {
        let mut out = format!(
            "# Generated by tests/families of the `cratespace` package.\n\
             [package]\nname = {}\nversion = \"0.1.0\"\ndescription = {}\nedition = \"2024\"\npublish = false\n\n\
             [lib]\ndoctest = false\n\n\
             [dependencies]\n{} = {{ path = \"../top\", default-features = false }}\n\n\
             # The top crate's features, forwarded.\n[features]\n",
            quoted(&self.downstream()),
            quoted(&format!(
                "Reaches every member of `{}` under its own features",
                self.name
            )),
            self.name,
        );
        for (name, items) in &self.features.0 {
            let mut forwarded: Vec<String> = items
                .iter()
                .filter(|item| self.features.is_feature(item))
                .cloned()
                .collect();
            if name != "default" {
                forwarded.push(format!("{}/{name}", self.name));
            }
            let _ = writeln!(out, "{name} = {}", list(&forwarded));
        }
        out
    }

    /// The cfg that holds with every feature of the downstream crate on, on
    /// a target where every target table applies.
    fn all_features(&self) -> String {
        let mut predicates: Vec<String> = self
            .features
            .0
            .iter()
            .map(|(name, _)| format!("feature = {}", quoted(name)))
            .collect();
        for dependency in &self.dependencies {
            if let Some(target) = dependency.target {
                if !predicates.iter().any(|p| p == target) {
                    predicates.push(target.to_owned());
                }
            }
        }
        format!("all({})", predicates.join(", "))
    }

    fn downstream_lib(&self) -> String {
        let rust = self.rust();
        let count = self.members.len();
        let mut reached = String::new();
        let mut checks = String::new();
        let mut expected = String::new();
        let mut seen = std::collections::HashSet::new();
        for member in &self.members {
            let path = member.path_string();
            let gate = self.gate(member);
            let attribute = gate
                .as_ref()
                .map_or_else(String::new, |gate| format!("    #[cfg({gate})]\n"));
            let prefix = if member.is_glob() {
                let namespaces = &member.path[..member.path.len() - 1];
                namespaces
                    .iter()
                    .map(|n| format!("{n}::"))
                    .collect::<String>()
            } else {
                format!("{path}::")
            };
            let _ = write!(
                reached,
                "{attribute}    reached.push((\n        {},\n        {rust}::{prefix}{}(),\n        ::core::any::type_name::<{rust}::{prefix}{}>(),\n    ));\n",
                quoted(&path),
                member.module_fn,
                member.ty,
            );
            let holds = gate
                .as_ref()
                .map_or_else(|| "true".to_owned(), |gate| format!("cfg!({gate})"));
            let message = format!(
                "the metadata of `{}` does not say that `{path}` is compiled in exactly when `{}` holds",
                self.name,
                gate.as_deref().unwrap_or("true")
            );
            // `member` finds the first member at a path: a later glob at the
            // same path is checked by the tests below, in order.
            if seen.insert(path.clone()) {
                let _ = writeln!(
                    checks,
                    "    assert!(\n        match {rust}::CRATESPACE.member({}) {{\n            Some(member) => member.enabled() == {holds},\n            None => false,\n        }},\n        {},\n    );",
                    quoted(&path),
                    quoted(&message)
                );
            }
            let dependency = self.dependency(&member.dependency);
            let kind = if member.is_glob() { "glob" } else { "child" };
            let option = |value: Option<&str>| {
                value.map_or_else(
                    || "None".to_owned(),
                    |value| format!("Some({})", quoted(value)),
                )
            };
            let _ = writeln!(
                expected,
                "        ({}, {}, {}, {}, {}, {}, {}, {}),",
                quoted(&path),
                quoted(&dependency.key),
                quoted(&dependency.package),
                quoted(&self.target_path(member)),
                option(Some(&dependency.requirement)),
                quoted(kind),
                option(gate.as_deref()),
                option(member.doc),
            );
        }
        format!(
            r#"//! Reaches every member of the generated `{name}` family through
//! `{rust}`, each under the features of this crate that turn it on.
//!
//! Generated by tests/families of the `cratespace` package.

/// Every member compiled into this build, in manifest order: its path in
/// `{rust}`, the path of the module reached, and the full name of the type
/// named through it.
pub fn reached() -> Vec<(&'static str, &'static str, &'static str)> {{
    let mut reached = Vec::new();
{reached}    reached
}}

// Member by member, the metadata says a member is compiled in exactly when
// its gate holds in this build: a wrong gate fails the build.
const _: () = {{
{checks}}};

#[cfg(test)]
mod tests {{
    use {rust}::CRATESPACE;

    /// The gate of the member at `path`.
    #[allow(dead_code)]
    fn gate(path: &str) -> Option<&'static str> {{
        CRATESPACE
            .member(path)
            .unwrap_or_else(|| panic!("no member `{{path}}`"))
            .gate()
    }}

    /// A member as the manifest describes it: path, dependency, package,
    /// target, requirement, kind, gate and doc.
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    );

    const EXPECTED: &[Row] = &[
{expected}    ];

    #[test]
    fn the_metadata_describes_every_member_as_the_manifest_does() {{
        assert_eq!(CRATESPACE.name(), {name_literal});
        assert_eq!(CRATESPACE.version(), {version_literal});
        assert_eq!(CRATESPACE.members().len(), EXPECTED.len());
        for (member, expected) in CRATESPACE.members().zip(EXPECTED) {{
            let kind = member.kind().to_string();
            let actual = (
                member.path(),
                member.dependency(),
                member.package(),
                member.target(),
                member.requirement(),
                kind.as_str(),
                member.gate(),
                member.doc(),
            );
            assert_eq!(actual, *expected);
        }}
    }}

    #[test]
    fn every_member_compiled_in_is_reached_through_its_path() {{
        let reached = super::reached();
        let paths: Vec<&str> = reached.iter().map(|(path, _, _)| *path).collect();
        let enabled: Vec<&str> = CRATESPACE.enabled().map(|member| member.path()).collect();
        assert_eq!(paths, enabled);
        for (path, module, ty) in reached {{
            let member = CRATESPACE.member(path).unwrap();
            // The module reached is the member's target, in the crate of
            // its package (the target names it by the dependency's key).
            let key = member.dependency().replace('-', "_");
            let inside = member
                .target()
                .strip_prefix(key.as_str())
                .unwrap_or_else(|| panic!("`{{path}}`: target {{}} is not in {{key}}", member.target()));
            let package = member.package().replace('-', "_");
            assert_eq!(module, format!("{{package}}{{inside}}"), "`{{path}}` reached the wrong module");
            let name = ty.strip_prefix(module).and_then(|rest| rest.strip_prefix("::"));
            assert!(
                name.is_some_and(|name| !name.contains("::")),
                "`{{path}}`: the type {{ty}} is not from {{module}}"
            );
        }}
    }}

    #[cfg({all_features})]
    #[test]
    fn with_all_features_every_member_is_compiled_in() {{
        assert_eq!(CRATESPACE.members().len(), {count});
        assert_eq!(CRATESPACE.enabled().count(), {count});
        assert_eq!(super::reached().len(), {count});
    }}
{family_tests}}}
"#,
            name = self.name,
            name_literal = quoted(self.name),
            version_literal = quoted(self.version),
            all_features = self.all_features(),
            family_tests = self.tests,
        )
    }
}

/// What was generated: the workspace and its downstream crates.
pub struct Generated {
    /// The workspace's directory.
    pub root: PathBuf,
    /// The downstream crates.
    pub downstream: Vec<Downstream>,
    /// Every crate of the families whose warnings are the macro's business:
    /// top and downstream crates.
    pub checked: Vec<String>,
}

impl Generated {
    /// The workspace's `Cargo.toml`.
    pub fn manifest(&self) -> PathBuf {
        self.root.join("Cargo.toml")
    }
}

/// A downstream crate.
pub struct Downstream {
    /// Its package name.
    pub package: String,
    /// How many tests it has when every feature is on.
    pub tests: usize,
    /// Its family's member count.
    pub members: usize,
}

/// The four families.
pub fn families() -> Vec<Family> {
    vec![
        bevy::family(),
        gix::family(),
        futures::family(),
        icu::family(),
    ]
}

/// Writes the families' workspace into `root`, with a path dependency on
/// the `cratespace` package at `cratespace`.
///
/// Files are written only when their content changes, and files that are
/// no longer generated are removed, so that a second run leaves cargo with
/// nothing to rebuild. The workspace's `Cargo.lock` is kept.
pub fn generate(root: &Path, cratespace: &Path) -> Generated {
    let cratespace = cratespace.to_str().expect("a UTF-8 path to cratespace");
    let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut workspace_members = Vec::new();
    let mut downstream = Vec::new();
    let mut checked = Vec::new();
    for family in families() {
        family.check();
        let dir = PathBuf::from(family.name);
        for krate in &family.crates {
            let crate_dir = dir.join("members").join(&krate.package);
            let mut manifest = format!(
                "# Generated by tests/families of the `cratespace` package.\n\
                 [package]\nname = {}\nversion = {}\nedition = \"2024\"\npublish = false\n\n\
                 [lib]\ntest = false\ndoctest = false\n",
                quoted(&krate.package),
                quoted(&krate.version)
            );
            if !krate.features.is_empty() {
                manifest.push_str("\n[features]\n");
                for feature in &krate.features {
                    if feature.contains('=') {
                        let _ = writeln!(manifest, "{feature}");
                    } else {
                        let _ = writeln!(manifest, "{feature} = []");
                    }
                }
            }
            files.insert(crate_dir.join("Cargo.toml"), manifest);
            files.insert(crate_dir.join("src").join("lib.rs"), krate.lib.clone());
            workspace_members.push(format!("{}/members/{}", family.name, krate.package));
        }
        files.insert(
            dir.join("top").join("Cargo.toml"),
            family.top_manifest(cratespace),
        );
        files.insert(dir.join("top").join("src").join("lib.rs"), family.top_lib());
        let lib = family.downstream_lib();
        files.insert(
            dir.join("use").join("Cargo.toml"),
            family.downstream_manifest(),
        );
        downstream.push(Downstream {
            package: family.downstream(),
            tests: lib.matches("#[test]").count(),
            members: family.members.len(),
        });
        files.insert(dir.join("use").join("src").join("lib.rs"), lib);
        workspace_members.push(format!("{}/top", family.name));
        workspace_members.push(format!("{}/use", family.name));
        checked.push(family.name.to_owned());
        checked.push(family.downstream());
    }
    let quoted_list = |items: &[String]| {
        items
            .iter()
            .map(|item| format!("    {},\n", quoted(item)))
            .collect::<String>()
    };
    let default_members: Vec<String> = downstream
        .iter()
        .map(|d| format!("{}/use", d.package.trim_end_matches("-use")))
        .collect();
    files.insert(
        PathBuf::from("Cargo.toml"),
        format!(
            "# Generated by tests/families of the `cratespace` package: crate families\n\
             # shaped like real ones, and a downstream crate for each.\n\
             [workspace]\nresolver = \"3\"\nmembers = [\n{}]\ndefault-members = [\n{}]\n",
            quoted_list(&workspace_members),
            quoted_list(&default_members),
        ),
    );
    sync(root, &files);
    Generated {
        root: root.to_owned(),
        downstream,
        checked,
    }
}

/// Makes `root` hold exactly `files` (and a `Cargo.lock`, if any), writing
/// only what changed.
fn sync(root: &Path, files: &BTreeMap<PathBuf, String>) {
    for (relative, content) in files {
        let path = root.join(relative);
        if fs::read_to_string(&path).ok().as_deref() == Some(content.as_str()) {
            continue;
        }
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    }
    remove_stale(root, root, files);
}

fn remove_stale(root: &Path, dir: &Path, files: &BTreeMap<PathBuf, String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap();
        if entry.file_type().unwrap().is_dir() {
            remove_stale(root, &path, files);
            if fs::read_dir(&path).unwrap().next().is_none() {
                fs::remove_dir(&path).unwrap();
            }
        } else if relative != Path::new("Cargo.lock") && !files.contains_key(relative) {
            fs::remove_file(&path).unwrap();
        }
    }
}
