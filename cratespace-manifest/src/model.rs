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
    /// Where `cargo cratespace generate` writes the expansion, relative to
    /// the crate's directory (the `generated` key).
    pub generated: Option<String>,
    /// What `cargo cratespace audit` requires of every member.
    pub policy: Policy,
    /// The members and namespaces at the top crate's root.
    pub root: Namespace,
    /// Each crate the members re-export from, once, for the
    /// [`RESERVED_MODULE`]: not members themselves. `None` when
    /// `member-paths = false` leaves the module out.
    pub crates: Option<Vec<MemberCrate>>,
}

/// The module at the top crate's root, `#[doc(hidden)]`, that reaches each
/// member crate by its package name, so that the code a proc-macro member
/// generates has one path to any crate of the family through the top
/// crate: `::acme::__cratespace::acme_core::Describe`. No member may take
/// the name.
pub const RESERVED_MODULE: &str = "__cratespace";

/// A crate that members re-export from, as the [`RESERVED_MODULE`] reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberCrate {
    /// The name it has in the reserved module: its package name as a Rust
    /// name (`acme_core`), which the crate's own proc macros know without
    /// reading the top crate's `Cargo.toml`.
    pub name: Name,
    /// How the top crate names it: the Rust name of its dependency key.
    pub krate: Name,
    /// When cargo compiles it, derived from `Cargo.toml` whatever `cfg` a
    /// member gives; `None` means always.
    pub gate: Option<Cfg>,
}

/// The suitability policy, `[package.metadata.cratespace.policy]`: what a
/// member must be for the family to take it in. The macro only validates
/// it; `cargo cratespace audit` applies it to the build graph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Policy {
    /// The licenses a member may be used under, each an SPDX license
    /// identifier, possibly `WITH` an exception (`"Apache-2.0 WITH
    /// LLVM-exception"`); `None` when the policy does not restrict them.
    pub licenses: Option<Vec<String>>,
    /// Whether each member's crate root must declare `#![no_std]`.
    pub no_std: bool,
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
        let mut text = String::with_capacity(self.ident.len() + 2);
        self.write_to(&mut text);
        text
    }

    /// Appends the name as Rust source writes it (`r#type` for a raw one).
    pub fn write_to(&self, out: &mut String) {
        if self.raw {
            out.push_str("r#");
        }
        out.push_str(&self.ident);
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
    /// The cargo-vet criteria an audit of the resolved version must
    /// certify (`"safe-to-deploy"`), when the voucher asks for one.
    pub vet: Option<String>,
}

/// What [`Namespace::walk`] meets, depth first in manifest order.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a, 'p> {
    /// A member or a glob, with its module path (`formats::json`, `*`,
    /// `formats::*`).
    Member(&'a Member, &'p str),
    /// A nested namespace, before its items.
    Enter(&'a Name, &'a Namespace),
    /// The end of the namespace last entered.
    Leave,
}

impl Namespace {
    /// How many members and globs this namespace holds, its nested
    /// namespaces' included.
    pub fn count(&self) -> usize {
        let mut count = 0;
        for item in &self.items {
            count += match item {
                Item::Member(_) | Item::Glob(_) => 1,
                Item::Namespace { namespace, .. } => namespace.count(),
            };
        }
        count
    }

    /// Calls `visit` with every member, glob and nested namespace under this
    /// namespace, depth first in manifest order.
    pub fn walk<'a>(&'a self, visit: &mut dyn FnMut(Step<'a, '_>)) {
        self.walk_under(&mut String::new(), visit);
    }

    /// [`walk`](Self::walk), with `path` holding this namespace's module
    /// path, each segment followed by `::`.
    fn walk_under<'a>(&'a self, path: &mut String, visit: &mut dyn FnMut(Step<'a, '_>)) {
        let prefix = path.len();
        for item in &self.items {
            match item {
                Item::Member(member) => {
                    if let Some(name) = &member.name {
                        name.write_to(path);
                    }
                    visit(Step::Member(member, path));
                }
                Item::Glob(member) => {
                    path.push('*');
                    visit(Step::Member(member, path));
                }
                Item::Namespace { name, namespace } => {
                    visit(Step::Enter(name, namespace));
                    name.write_to(path);
                    path.push_str("::");
                    namespace.walk_under(path, visit);
                    visit(Step::Leave);
                }
            }
            path.truncate(prefix);
        }
    }

    /// Every member and glob under this namespace, depth first, in manifest
    /// order, with its module path (`formats::json`, `*`, `formats::*`).
    pub fn members(&self) -> Vec<(String, &Member)> {
        let mut out = Vec::new();
        self.walk(&mut |step| {
            if let Step::Member(member, path) = step {
                out.push((path.to_owned(), member));
            }
        });
        out
    }
}
