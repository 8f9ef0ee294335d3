use crate::encoding::Reader;
use core::fmt::{self, Display};
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;

/// One re-export of a cratespace: a module path and the dependency behind it.
///
/// A member's module exists exactly when its dependency is compiled in, so
/// every member records the cfg that [gates](Member::gate) it and whether it
/// is [enabled](Member::enabled) in this build.
///
/// Members are read from the metadata const with [`Cratespace::members`] and
/// [`Cratespace::member`]; a `Member` is a small `Copy` value whose text all
/// lives in the const.
///
/// [`Cratespace::members`]: crate::Cratespace::members
/// [`Cratespace::member`]: crate::Cratespace::member
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Member {
    pub(crate) path: &'static str,
    pub(crate) dependency: &'static str,
    pub(crate) package: &'static str,
    pub(crate) target: &'static str,
    pub(crate) requirement: Option<&'static str>,
    pub(crate) kind: Kind,
    pub(crate) gate: Option<&'static str>,
    pub(crate) enabled: bool,
    pub(crate) doc: Option<&'static str>,
    pub(crate) voucher: Option<Voucher>,
}

impl Member {
    /// The module path inside the top crate, without the crate's name:
    /// `"derive"`, `"formats::json"`. A glob's path ends in `*`: `"*"` for
    /// one at the crate root, `"formats::*"` for one in a namespace.
    pub const fn path(&self) -> &'static str {
        self.path
    }

    /// The last segment of the [path](Member::path): `"json"` for
    /// `"formats::json"`, `"*"` for a glob.
    pub fn name(&self) -> &'static str {
        match self.path.rfind("::") {
            Some(i) => &self.path[i + 2..],
            None => self.path,
        }
    }

    /// The dependency's key in `Cargo.toml`, as written there: `"yaml"` for
    /// `yaml = { version = "0.3", package = "yaml-fast" }`.
    pub const fn dependency(&self) -> &'static str {
        self.dependency
    }

    /// The name of the package the dependency resolves to: `"yaml-fast"`.
    /// The same as the [dependency](Member::dependency) unless it is renamed.
    pub const fn package(&self) -> &'static str {
        self.package
    }

    /// The Rust path that is re-exported, without a leading `::`: the crate,
    /// `"acme_json"`, or a module inside it, `"futures_util::stream"`.
    pub const fn target(&self) -> &'static str {
        self.target
    }

    /// The dependency's version requirement as written in `Cargo.toml`:
    /// `"=2.1.0"`, `"0.3"`. `None` for a dependency given only by `path` or
    /// `git`.
    pub const fn requirement(&self) -> Option<&'static str> {
        self.requirement
    }

    /// Whether the member is a crate of the family, an approved external
    /// crate, or a glob.
    pub const fn kind(&self) -> Kind {
        self.kind
    }

    /// The cfg predicate that gates the member, without its `cfg(…)`:
    /// `feature = "derive"`, `all(unix, feature = "x")`. `None` when the
    /// member is always compiled.
    pub const fn gate(&self) -> Option<&'static str> {
        self.gate
    }

    /// Whether the member is compiled into this build, that is whether its
    /// [gate](Member::gate) held when the top crate was compiled.
    pub const fn enabled(&self) -> bool {
        self.enabled
    }

    /// The member's one-line description from the manifest's `doc` key.
    pub const fn doc(&self) -> Option<&'static str> {
        self.doc
    }

    /// The approval under which an external crate joined the cratespace.
    pub const fn voucher(&self) -> Option<Voucher> {
        self.voucher
    }
}

/// What sort of member a [`Member`] is.
///
/// Displays as a lowercase word: `child`, `voucher` or `glob`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Kind {
    /// A crate of the family, re-exported as a module: `pub use ::acme_json as json;`.
    Child,
    /// An external crate, published by others, that joined with a
    /// [`Voucher`].
    Voucher,
    /// Every public item of a crate re-exported at one level:
    /// `pub use ::acme_core::*;`.
    Glob,
}

impl Display for Kind {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.pad(match self {
            Kind::Child => "child",
            Kind::Voucher => "voucher",
            Kind::Glob => "glob",
        })
    }
}

/// The approval of an external crate: which of its versions are vouched for,
/// and by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Voucher {
    pub(crate) approved: &'static str,
    pub(crate) by: List,
    pub(crate) checksums: List,
}

impl Voucher {
    /// The semver requirement that the approved versions match:
    /// `">=0.3.1, <0.4"`. The dependency's own requirement allows no version
    /// outside it.
    pub const fn approved(&self) -> &'static str {
        self.approved
    }

    /// Who vouches for the crate: `"yaml-fast maintainers"`, in manifest
    /// order.
    pub const fn by(&self) -> List {
        self.by
    }

    /// The exact approved `.crate` checksums, `"sha256:…"`, if the manifest
    /// lists any. The compiler cannot see `Cargo.lock`; `cargo cratespace
    /// audit` checks them.
    pub const fn checksums(&self) -> List {
        self.checksums
    }
}

/// The strings of a list in the manifest, such as [`Voucher::by`]: an
/// iterator, in manifest order, that can be copied and read again.
///
/// ```
/// # use cratespace_runtime::List;
/// fn signed_by_security(by: List) -> bool {
///     by.into_iter().any(|name| name == "acme security")
/// }
/// ```
#[derive(Clone, Copy)]
pub struct List {
    pub(crate) items: Reader,
    pub(crate) count: usize,
}

impl Iterator for List {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        if self.count == 0 {
            return None;
        }
        self.count -= 1;
        self.items.string()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.count, Some(self.count))
    }
}

impl ExactSizeIterator for List {}

/// Lists are equal when they hold the same strings in the same order.
impl PartialEq for List {
    fn eq(&self, other: &Self) -> bool {
        self.count == other.count && Iterator::eq(*self, *other)
    }
}

impl Eq for List {}

impl Hash for List {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.count);
        for item in *self {
            item.hash(state);
        }
    }
}

impl FusedIterator for List {}

impl fmt::Debug for List {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.debug_list().entries(*self).finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for List {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(*self)
    }
}
