//! The validated cratespace: plain data, built once, read by the expansion,
//! the CLI and tests.

use crate::cfg::Cfg;

/// A validated cratespace: the top crate and its tree of members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cratespace {
    /// The top crate's package name.
    pub name: String,
    /// The top crate's version, empty when the build does not say.
    pub version: String,
    /// How the members' versions relate to the top crate's.
    pub versioning: Versioning,
    /// The name of the metadata const, `None` when `metadata = false`.
    pub metadata: Option<String>,
    /// The members and namespaces at the top crate's root.
    pub root: Namespace,
}

/// How the versions of the members relate to the top crate's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Versioning {
    /// Members keep their own versions.
    #[default]
    Independent,
    /// Every child member's requirement is exact (`=x.y.z`).
    Pinned,
    /// As `Pinned`, at the top crate's own version.
    Lockstep,
}

impl Versioning {
    /// The word used in the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            Versioning::Independent => "independent",
            Versioning::Pinned => "pinned",
            Versioning::Lockstep => "lockstep",
        }
    }
}

/// The items of one module, in manifest order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Namespace {
    /// Members, globs and nested namespaces.
    pub items: Vec<Item>,
}

/// One entry of a namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A dependency (or a module inside one) re-exported under a name.
    Member(Member),
    /// Every public item of a dependency, re-exported at this level.
    Glob(Member),
    /// A `pub mod` holding more items.
    Namespace {
        /// The module name.
        name: Name,
        /// What it holds.
        namespace: Namespace,
    },
}

/// A Rust identifier as written in the output, raw (`r#type`) or not.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// The identifier without `r#`.
    pub ident: String,
    /// Whether it is written `r#ident`.
    pub raw: bool,
}

impl Name {
    /// The name as Rust source writes it.
    pub fn to_rust(&self) -> String {
        if self.raw {
            format!("r#{}", self.ident)
        } else {
            self.ident.clone()
        }
    }
}

/// What a member is to the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of the family's own crates.
    Child,
    /// An external crate joined with an approval.
    Voucher,
    /// A glob re-export.
    Glob,
}

/// A re-exported dependency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The module name (`"*"` as an identifier is never used: globs have no name).
    pub name: Option<Name>,
    /// Child, voucher or glob.
    pub kind: Kind,
    /// The dependency's key in `Cargo.toml`.
    pub dependency: String,
    /// The package name on the registry.
    pub package: String,
    /// The extern crate name: the key with `-` as `_`.
    pub krate: Name,
    /// A module path inside the dependency.
    pub path: Vec<Name>,
    /// The version requirement, when the dependency gives one.
    pub requirement: Option<String>,
    /// When the member is compiled in; `None` means always.
    pub gate: Option<Cfg>,
    /// One line of documentation.
    pub doc: Option<String>,
    /// The approval of a voucher member.
    pub voucher: Option<Voucher>,
}

impl Member {
    /// The re-exported path, without the leading `::`: `futures_util::stream`.
    pub fn target(&self) -> String {
        let mut target = self.krate.to_rust();
        for segment in &self.path {
            target.push_str("::");
            target.push_str(&segment.to_rust());
        }
        target
    }
}

/// The approval under which an external crate joins the namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voucher {
    /// The semver requirement of the vouched-for versions.
    pub approved: String,
    /// Who vouches.
    pub by: Vec<String>,
    /// The approved `.crate` checksums.
    pub checksums: Vec<String>,
}

impl Namespace {
    /// Every member and glob under this namespace, depth first, in manifest
    /// order, with its module path (`formats::json`, `*`, `formats::*`).
    pub fn members(&self) -> Vec<(String, &Member)> {
        let mut out = Vec::new();
        self.collect("", &mut out);
        out
    }

    fn collect<'a>(&'a self, prefix: &str, out: &mut Vec<(String, &'a Member)>) {
        for item in &self.items {
            match item {
                Item::Member(member) => {
                    let name = member.name.as_ref().map_or(String::new(), Name::to_rust);
                    out.push((format!("{prefix}{name}"), member));
                }
                Item::Glob(member) => out.push((format!("{prefix}*"), member)),
                Item::Namespace { name, namespace } => {
                    namespace.collect(&format!("{prefix}{}::", name.to_rust()), out);
                }
            }
        }
    }
}
