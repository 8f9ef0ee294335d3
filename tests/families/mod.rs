//! The generator of `tests/families.rs`: crate families shaped like real
//! ones, written out as one cargo workspace.
//!
//! Each family has tiny member crates, a top crate whose `Cargo.toml` holds
//! the dependencies, features, target tables and cratespace manifest a real
//! family would write and whose `lib.rs` is `cratespace::cratespace!()`, and
//! a downstream crate with the top crate's features forwarded as its own.
//! A top crate can also be the facade the family would write by hand
//! (`hand_written.rs`), with no manifest, for `cargo cratespace init` to
//! migrate.
//! The downstream crate's sources are the files of `downstream/`, copied:
//! `lib.rs` and `build.rs`, which every family shares, and the family's own
//! tests; only `members.rs`, the family's members as data, is generated.
//!
//! Nothing here says when a member is compiled in: the harness asks cargo.

mod bevy;
mod futures;
mod gix;
mod hand_written;
mod icu;

pub use hand_written::HandWritten;

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
    /// The file of `downstream/` with the family's own tests, which becomes
    /// the downstream crate's `family.rs`.
    pub tests: &'static str,
    /// Features of the top crate worth trying one at a time.
    pub alone: &'static [&'static str],
    /// The implicit features of the top crate (optional dependencies that
    /// no feature names with `dep:`), which the downstream crate forwards.
    pub implicit: &'static [&'static str],
    /// What its facade holds when it is written by hand.
    pub hand_written: HandWritten,
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

    fn top_manifest(&self, cratespace: &str, facade: Facade) -> String {
        let runtime = match facade {
            Facade::Macro => format!("{{ path = {} }}", quoted(cratespace)),
            Facade::Generated => format!(
                "{{ path = {}, default-features = false }}",
                quoted(cratespace)
            ),
            Facade::HandWritten => String::new(),
        };
        let mut out = format!(
            "# Generated by tests/families of the `cratespace` package.\n\
             [package]\nname = {}\nversion = {}\ndescription = {}\nedition = \"2024\"\npublish = false\n\n\
             [lib]\n# Tested by `{}`.\ntest = false\ndoctest = false\n\n\
             [dependencies]\n",
            quoted(self.name),
            quoted(self.version),
            quoted(self.description),
            self.downstream(),
        );
        if facade != Facade::HandWritten {
            let _ = writeln!(out, "cratespace = {runtime}");
        }
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
        if facade == Facade::HandWritten {
            return out;
        }
        if self.versioning.is_some() || facade == Facade::Generated {
            out.push_str("\n[package.metadata.cratespace]\n");
        }
        if let Some(versioning) = self.versioning {
            let _ = writeln!(out, "versioning = {}", quoted(versioning));
        }
        if facade == Facade::Generated {
            out.push_str("generated = \"src/cratespace.rs\"\n");
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

    fn top_lib(&self, facade: Facade) -> String {
        let expansion = match facade {
            Facade::Macro => "cratespace::cratespace!();",
            Facade::Generated => "include!(\"cratespace.rs\");",
            Facade::HandWritten => return self.hand_written().lib,
        };
        format!(
            "//! {}\n//!\n//! Generated by tests/families of the `cratespace` package: the members\n\
             //! are listed in `Cargo.toml`.\n{}\n{expansion}\n",
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
        for name in self.implicit {
            let _ = writeln!(out, "{name} = [\"{}/{name}\"]", self.name);
        }
        out
    }

    /// The members the top crate's manifest lists: all of them, but for a
    /// facade written by hand, those init migrates.
    fn listed(&self, facade: Facade) -> Vec<&Member> {
        match facade {
            Facade::HandWritten => self.migrated_members().collect(),
            Facade::Macro | Facade::Generated => self.members.iter().collect(),
        }
    }

    /// The downstream crate's `members.rs`: the members of the top crate's
    /// manifest, as the arguments of `members!` and as the rows the
    /// metadata must show.
    fn members_rs(&self, facade: Facade) -> String {
        let mut reached = String::new();
        let mut rows = String::new();
        for member in self.listed(facade) {
            let path = member.path_string();
            let modules = if member.is_glob() {
                member.path[..member.path.len() - 1].join("::")
            } else {
                path.clone()
            };
            let _ = writeln!(
                reached,
                "    ({}, [{modules}], {}, {}),",
                quoted(&path),
                member.ty,
                member.module_fn
            );
            let dependency = self.dependency(&member.dependency);
            let option = |value: Option<&str>| {
                value.map_or_else(
                    || "None".to_owned(),
                    |value| format!("Some({})", quoted(value)),
                )
            };
            let _ = writeln!(
                rows,
                "    ({}, {}, {}, {}, {}, {}, {}, {}),",
                quoted(&path),
                quoted(&dependency.key),
                quoted(&dependency.package),
                quoted(&self.target_path(member)),
                option(Some(&dependency.requirement)),
                quoted(if member.is_glob() { "glob" } else { "child" }),
                option(member.cfg),
                option(member.doc),
            );
        }
        format!(
            "// Generated by tests/families of the `cratespace` package: the members of\n\
             // `{name}`, in manifest order.\n\n\
             members! {{\n    {rust};\n{reached}}}\n\n\
             /// The top crate's package name.\npub const NAME: &str = {name_literal};\n\n\
             /// The top crate's version.\npub const VERSION: &str = {version};\n\n\
             /// Every member, as the manifest describes it.\npub const EXPECTED: &[Row] = &[\n{rows}];\n",
            name = self.name,
            rust = self.rust(),
            name_literal = quoted(self.name),
            version = quoted(self.version),
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
    /// Its family's top crate.
    pub top: String,
    /// How many tests it has when every feature is on.
    pub tests: usize,
    /// Its family's members.
    pub members: Vec<Reached>,
    /// Features of the top crate worth trying one at a time.
    pub alone: &'static [&'static str],
    /// For a facade written by hand, what init must make of it.
    #[allow(
        dead_code,
        reason = "tests/init.rs reads it, tests/families.rs does not"
    )]
    pub migration: Option<Migration>,
}

/// What `cargo cratespace init` must make of a facade written by hand.
#[allow(
    dead_code,
    reason = "tests/init.rs reads it, tests/families.rs does not"
)]
pub struct Migration {
    /// The top crate's `src/lib.rs`.
    pub lib: PathBuf,
    /// Its text once migrated.
    pub expected: String,
    /// The re-exports init leaves as written, each the line it lists.
    pub left: &'static [&'static str],
    /// The top crate's `Cargo.toml` with the family's manifest, as the
    /// macro facade has it: the members init must write.
    pub manifest: String,
    /// The members with an explicit `cfg`: the only ones whose `cfg` init
    /// must keep.
    pub explicit: Vec<String>,
}

/// A member, as the harness needs it to ask cargo whether it is compiled.
pub struct Reached {
    /// Its path in the top crate.
    pub path: String,
    /// The package of its dependency.
    pub package: String,
    /// Its explicit `cfg`, which says what `Cargo.toml` cannot.
    pub cfg: Option<&'static str>,
}

/// How a top crate turns its manifest into modules.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Facade {
    /// `cratespace::cratespace!()`.
    Macro,
    /// `include!("cratespace.rs")` of the file `cargo cratespace generate`
    /// writes, with `cratespace` depended on without its macros. The
    /// generator leaves the file to that command.
    Generated,
    /// `pub use` items written by hand, and no manifest nor dependency on
    /// `cratespace`: the facade `cargo cratespace init` migrates, which the
    /// workspace patches `cratespace` for.
    HandWritten,
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
/// the `cratespace` package at `cratespace`, each top crate a `facade`.
///
/// Files are written only when their content changes, and files that are
/// no longer generated are removed, so that a second run leaves cargo with
/// nothing to rebuild. The workspace's `Cargo.lock` is kept.
pub fn generate(root: &Path, cratespace: &Path, facade: Facade) -> Generated {
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
            family.top_manifest(cratespace, facade),
        );
        let top_src = dir.join("top").join("src");
        files.insert(top_src.join("lib.rs"), family.top_lib(facade));
        let mut migration = None;
        if facade == Facade::HandWritten {
            let written = family.hand_written();
            for (name, text) in written.files {
                files.insert(top_src.join(name), text);
            }
            migration = Some(Migration {
                lib: root.join(&top_src).join("lib.rs"),
                expected: written.migrated,
                left: family.hand_written.left,
                manifest: family.top_manifest(cratespace, Facade::Macro),
                explicit: family
                    .migrated_members()
                    .filter(|member| member.cfg.is_some())
                    .map(Member::path_string)
                    .collect(),
            });
        }
        files.insert(
            dir.join("use").join("Cargo.toml"),
            family.downstream_manifest(),
        );
        let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/families/downstream");
        let read = |name: &str| {
            fs::read_to_string(sources.join(name))
                .unwrap_or_else(|error| panic!("downstream/{name}: {error}"))
        };
        let lib = read("lib.rs");
        // The family's own tests are of its manifest; a facade written by
        // hand and migrated has the common ones.
        let tests = match facade {
            Facade::HandWritten => {
                "// A facade written by hand and migrated: the common tests check it.\n".to_owned()
            }
            Facade::Macro | Facade::Generated => read(family.tests),
        };
        downstream.push(Downstream {
            package: family.downstream(),
            top: family.name.to_owned(),
            tests: lib.matches("#[test]").count() + tests.matches("#[test]").count(),
            members: family
                .listed(facade)
                .into_iter()
                .map(|member| Reached {
                    path: member.path_string(),
                    package: family.dependency(&member.dependency).package.clone(),
                    cfg: member.cfg,
                })
                .collect(),
            alone: family.alone,
            migration,
        });
        let src = dir.join("use").join("src");
        files.insert(src.join("lib.rs"), lib);
        files.insert(src.join("family.rs"), tests);
        files.insert(src.join("members.rs"), family.members_rs(facade));
        files.insert(dir.join("use").join("build.rs"), read("build.rs"));
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
    let mut workspace = format!(
        "# Generated by tests/families of the `cratespace` package: crate families\n\
         # shaped like real ones, and a downstream crate for each.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n{}]\ndefault-members = [\n{}]\n",
        quoted_list(&workspace_members),
        quoted_list(&default_members),
    );
    if facade == Facade::HandWritten {
        // `init` depends the top crates on `cratespace` by version, as a
        // family's would, which this repository's package answers.
        let _ = write!(
            workspace,
            "\n[patch.crates-io]\ncratespace = {{ path = {} }}\n",
            quoted(cratespace)
        );
    }
    files.insert(PathBuf::from("Cargo.toml"), workspace);
    crate::support::write_tree(root, &files);
    Generated {
        root: root.to_owned(),
        downstream,
        checked,
    }
}
