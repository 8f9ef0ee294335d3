//! The metadata that `cratespace!()` generates: what a cratespace holds, as
//! plain `const` data.
//!
//! Every cratespace gets a `CRATESPACE` constant of type [`Cratespace`] next
//! to its re-exports. It lists the [`Member`]s in manifest order, each with
//! the dependency it comes from, the cfg that gates it, and whether it is
//! compiled into the current build. Programs and tests can read it, look a
//! member up by its module path, or print the whole tree.
//!
//! These types are reached through the `cratespace` crate, which re-exports
//! this one; they need neither `std` nor `alloc`.
//!
//! # Example
//!
//! For the manifest
//!
//! ```toml
//! [package]
//! name = "acme"
//! version = "2.1.0"
//!
//! [features]
//! derive = ["dep:acme-derive"]
//! formats = ["dep:yaml"]
//!
//! [dependencies]
//! acme-core = "=2.1.0"
//! acme-derive = { version = "=2.1.0", optional = true }
//! acme-json = "=2.1.0"
//! futures-util = "0.3"
//! yaml = { version = ">=0.3.1, <0.4", package = "yaml-fast", optional = true }
//!
//! [package.metadata.cratespace.members]
//! "*" = "acme-core"
//! derive = "acme-derive"
//! stream = { dependency = "futures-util", path = "stream" }
//! formats.json = "acme-json"
//! formats.yaml = { dependency = "yaml", voucher = { approved = ">=0.3.1, <0.4", by = "yaml-fast maintainers" } }
//! ```
//!
//! the macro generates the constant `CRATESPACE` in the crate `acme`. Built
//! without its `derive` feature and with its `formats` feature, it reads:
//!
//! ```
//! # use cratespace_manifest::{Cfg, Source, Sources, encoding, load_sources};
//! # use cratespace_runtime::{Cratespace, Kind};
//! # let cargo = r#"
//! # [package]
//! # name = "acme"
//! # version = "2.1.0"
//! #
//! # [features]
//! # derive = ["dep:acme-derive"]
//! # formats = ["dep:yaml"]
//! #
//! # [dependencies]
//! # acme-core = "=2.1.0"
//! # acme-derive = { version = "=2.1.0", optional = true }
//! # acme-json = "=2.1.0"
//! # futures-util = "0.3"
//! # yaml = { version = ">=0.3.1, <0.4", package = "yaml-fast", optional = true }
//! #
//! # [package.metadata.cratespace.members]
//! # "*" = "acme-core"
//! # derive = "acme-derive"
//! # stream = { dependency = "futures-util", path = "stream" }
//! # formats.json = "acme-json"
//! # formats.yaml = { dependency = "yaml", voucher = { approved = ">=0.3.1, <0.4", by = "yaml-fast maintainers" } }
//! # "#;
//! # let loaded = load_sources(&Sources { cargo: Some(Source::new("Cargo.toml", cargo)), ..Sources::default() });
//! # assert!(loaded.diagnostics.is_empty());
//! # let mut gates = encoding::Gates::default();
//! # let table = encoding::encode(&loaded.cratespace, &mut gates);
//! # let formats = Cfg::parse(r#"feature = "formats""#).unwrap();
//! # let holds: Vec<bool> = gates.texts.iter().map(|gate| Cfg::parse(gate).unwrap().holds(&|atom| *atom == formats)).collect();
//! # #[allow(non_snake_case)]
//! # let CRATESPACE = Cratespace::__new("acme", "2.1.0", table.members, table.text.leak(), holds.leak());
//! let yaml = CRATESPACE.member("formats::yaml").unwrap();
//! assert_eq!(yaml.package(), "yaml-fast");
//! assert_eq!(yaml.kind(), Kind::Voucher);
//! assert!(yaml.voucher().unwrap().by().eq(["yaml-fast maintainers"]));
//!
//! let compiled: Vec<&str> = CRATESPACE.enabled().map(|member| member.path()).collect();
//! assert_eq!(compiled, ["*", "stream", "formats::json", "formats::yaml"]);
//!
//! let expected = r#"
//! acme 2.1.0 (versioning: independent)
//! ├── *         acme-core                            =2.1.0         always                    on
//! ├── derive    acme-derive                          =2.1.0         cfg(feature = "derive")   off
//! ├── stream    futures-util → futures_util::stream  0.3            always                    on
//! └── formats
//!     ├── json  acme-json                            =2.1.0         always                    on
//!     └── yaml  yaml-fast as yaml                    >=0.3.1, <0.4  cfg(feature = "formats")  on   vouched >=0.3.1, <0.4 by yaml-fast maintainers"#;
//! assert_eq!(CRATESPACE.to_string(), expected.trim_start());
//! ```
//!
//! The constant holds its members as one string (its form is not public API
//! and may change in any release), which the compiler reads as one token:
//! a value per member cost a top crate of 500 members 120–200 ms of build
//! time. So [`Cratespace::members`] is an iterator that reads each
//! [`Member`] as it is reached, and a member is a small `Copy` value whose
//! text lives in the constant.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod display;
mod encoding;
mod member;

pub use crate::member::{Kind, List, Member, Voucher};

use crate::encoding::Reader;
use core::fmt::{self, Display};
use core::iter::FusedIterator;

/// What a cratespace holds: its name, version, versioning policy and members.
///
/// `cratespace!()` emits one as the constant `CRATESPACE` in the top crate.
/// Its [`Display`] prints the member tree, one member a line: module name,
/// package, version requirement, gate, and whether the member is compiled
/// into this build (`on` or `off`).
///
/// # Example
///
/// ```
/// # use cratespace_manifest::{Cfg, Source, Sources, encoding, load_sources};
/// # use cratespace_runtime::{Cratespace, Versioning};
/// # let cargo = r#"
/// # [package]
/// # name = "acme"
/// # version = "2.1.0"
/// #
/// # [features]
/// # derive = ["dep:acme-derive"]
/// #
/// # [dependencies]
/// # acme-core = "=2.1.0"
/// # acme-derive = { version = "=2.1.0", optional = true }
/// # acme-json = "=2.1.0"
/// #
/// # [package.metadata.cratespace]
/// # versioning = "lockstep"
/// #
/// # [package.metadata.cratespace.members]
/// # "*" = "acme-core"
/// # derive = "acme-derive"
/// # formats.json = "acme-json"
/// # "#;
/// # let loaded = load_sources(&Sources { cargo: Some(Source::new("Cargo.toml", cargo)), ..Sources::default() });
/// # assert!(loaded.diagnostics.is_empty());
/// # let mut gates = encoding::Gates::default();
/// # let table = encoding::encode(&loaded.cratespace, &mut gates);
/// # let holds: Vec<bool> = gates.texts.iter().map(|gate| Cfg::parse(gate).unwrap().holds(&|_| false)).collect();
/// # #[allow(non_snake_case)]
/// # let CRATESPACE = Cratespace::__new("acme", "2.1.0", table.members, table.text.leak(), holds.leak());
/// // `CRATESPACE` as generated by `cratespace!()` in the crate `acme`.
/// assert_eq!(CRATESPACE.name(), "acme");
/// assert_eq!(CRATESPACE.versioning(), Versioning::Lockstep);
///
/// let json = CRATESPACE.member("formats::json").unwrap();
/// assert_eq!((json.name(), json.package()), ("json", "acme-json"));
/// assert!(CRATESPACE.member("formats::toml").is_none());
///
/// for member in CRATESPACE.enabled() {
///     assert_ne!(member.path(), "derive");
/// }
///
/// let expected = r#"
/// acme 2.1.0 (versioning: lockstep)
/// ├── *         acme-core    =2.1.0  always                   on
/// ├── derive    acme-derive  =2.1.0  cfg(feature = "derive")  off
/// └── formats
///     └── json  acme-json    =2.1.0  always                   on"#;
/// assert_eq!(CRATESPACE.to_string(), expected.trim_start());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cratespace {
    name: &'static str,
    version: &'static str,
    versioning: Versioning,
    members: usize,
    /// The members' encoding, after its header.
    encoded: Reader,
    gates: &'static [bool],
}

/// The format of the members' encoding this release reads, which the encoding's
/// header names. Not public API.
#[doc(hidden)]
pub const ENCODING_FORMAT: usize = 1;

impl Cratespace {
    /// Not public API: generated code calls it; its signature and the
    /// encoding may change in any release.
    ///
    /// `encoded` holds `members` members in the format of the `encoding`
    /// module (exactly that many: [`Members`] reports it as its length);
    /// `gates` whether each distinct gate holds in this build, indexed by
    /// the encoding.
    ///
    /// # Panics
    ///
    /// When the encoding's header names another format than
    /// [`ENCODING_FORMAT`]: a file generated by another release. The constant
    /// is evaluated at compile time, so this is a compile error.
    #[doc(hidden)]
    pub const fn __new(
        name: &'static str,
        version: &'static str,
        members: usize,
        encoded: &'static str,
        gates: &'static [bool],
    ) -> Self {
        let mut encoded = Reader::new(encoded);
        let Some(versioning) = encoded.header(ENCODING_FORMAT) else {
            panic!(
                "this `CRATESPACE` was generated by another release of cratespace, whose encoding of the members this release cannot read: generate it again with this release"
            );
        };
        Cratespace {
            name,
            version,
            versioning,
            members,
            encoded,
            gates,
        }
    }

    /// The top crate's package name, `"acme"`.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The top crate's version, `"2.1.0"`.
    pub const fn version(&self) -> &'static str {
        self.version
    }

    /// How the members' versions relate to the top crate's.
    pub const fn versioning(&self) -> Versioning {
        self.versioning
    }

    /// Every member, compiled in or not, in manifest order: depth first, so
    /// the members of one namespace are next to each other.
    ///
    /// The members are an iterator rather than a slice: the const holds them
    /// as one string, which costs the compiler far less than a value per
    /// member (see `BENCHMARKS.md`), and each is read as it is reached.
    pub const fn members(&self) -> Members {
        Members {
            reader: self.encoded,
            gates: self.gates,
            remaining: self.members,
        }
    }

    /// The member at a module path: `"derive"`, `"formats::json"`, or for a
    /// glob `"*"` or `"formats::*"`.
    ///
    /// A namespace on its own is not a member, so `member("formats")` is
    /// `None` unless a member sits at that path.
    ///
    /// ```
    /// # use cratespace_manifest::{Source, Sources, encoding, load_sources};
    /// # use cratespace_runtime::Cratespace;
    /// # let cargo = r#"
    /// # [package]
    /// # name = "acme"
    /// # version = "2.1.0"
    /// #
    /// # [dependencies]
    /// # acme-json = "=2.1.0"
    /// #
    /// # [package.metadata.cratespace.members]
    /// # formats.json = "acme-json"
    /// # "#;
    /// # let loaded = load_sources(&Sources { cargo: Some(Source::new("Cargo.toml", cargo)), ..Sources::default() });
    /// # assert!(loaded.diagnostics.is_empty());
    /// # let table = encoding::encode(&loaded.cratespace, &mut encoding::Gates::default());
    /// # #[allow(non_snake_case)]
    /// # let CRATESPACE = Cratespace::__new("acme", "2.1.0", table.members, table.text.leak(), &[]);
    /// let json = CRATESPACE.member("formats::json").unwrap();
    /// assert_eq!(json.target(), "acme_json");
    /// assert_eq!(CRATESPACE.member("formats"), None);
    /// ```
    ///
    /// It is a `const fn` and works in const context, so a crate can check
    /// at compile time what its cratespace holds:
    /// `const _: () = assert!(CRATESPACE.member("formats::json").is_some());`.
    ///
    /// A lookup passes over the members before the one it finds. The
    /// compiler stops a const evaluation that runs long (the
    /// `long_running_const_eval` lint), which a lookup in const context
    /// reaches past some 3 000 members; at run time there is no such limit.
    pub const fn member(&self, path: &str) -> Option<Member> {
        let mut reader = self.encoded;
        let mut remaining = self.members;
        while remaining > 0 {
            let mut start = reader;
            let Some(found) = reader.skip_member() else {
                return None;
            };
            if bytes_eq(found, path.as_bytes()) {
                return start.member(self.gates);
            }
            remaining -= 1;
        }
        None
    }

    /// The members compiled into this build, in manifest order.
    pub const fn enabled(&self) -> Enabled {
        Enabled {
            members: self.members(),
        }
    }
}

/// Its fields, with the members read from their encoding.
impl fmt::Debug for Cratespace {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_struct("Cratespace")
            .field("name", &self.name)
            .field("version", &self.version)
            .field("versioning", &self.versioning)
            .field("members", &self.members())
            .finish()
    }
}

/// Iterator over every member of a cratespace, returned by
/// [`Cratespace::members`].
#[derive(Clone)]
pub struct Members {
    reader: Reader,
    gates: &'static [bool],
    remaining: usize,
}

impl Iterator for Members {
    type Item = Member;

    fn next(&mut self) -> Option<Member> {
        self.advance()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl Members {
    /// [`Iterator::next`], in a `const fn`.
    const fn advance(&mut self) -> Option<Member> {
        if self.remaining == 0 {
            return None;
        }
        match self.reader.member(self.gates) {
            Some(member) => {
                self.remaining -= 1;
                Some(member)
            }
            // Only a hand-written table can get here: stop rather than guess.
            None => {
                self.remaining = 0;
                None
            }
        }
    }
}

impl ExactSizeIterator for Members {}

/// The members still to come.
impl fmt::Debug for Members {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.debug_list().entries(self.clone()).finish()
    }
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl FusedIterator for Members {}

/// Iterator over the members compiled into this build, returned by
/// [`Cratespace::enabled`].
#[derive(Debug, Clone)]
pub struct Enabled {
    members: Members,
}

impl Iterator for Enabled {
    type Item = Member;

    fn next(&mut self) -> Option<Member> {
        self.members.find(Member::enabled)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.members.size_hint().1)
    }
}

impl FusedIterator for Enabled {}

#[cfg(feature = "serde")]
impl serde::Serialize for Cratespace {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;

        let mut cratespace = serializer.serialize_struct("Cratespace", 4)?;
        cratespace.serialize_field("name", self.name)?;
        cratespace.serialize_field("version", self.version)?;
        cratespace.serialize_field("versioning", &self.versioning)?;
        cratespace.serialize_field("members", &self.members())?;
        cratespace.end()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Members {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.clone())
    }
}

/// How the members' versions relate to the top crate's, from the manifest's
/// `versioning` key.
///
/// Displays as the word used in the manifest: `independent`, `pinned` or
/// `lockstep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Versioning {
    /// Members keep their own versions; nothing is checked. The default.
    Independent,
    /// The top crate's release is the version manifest: every member that is
    /// not a voucher is required exactly (`=x.y.z`).
    Pinned,
    /// As [`Pinned`](Versioning::Pinned), and that exact version is the top
    /// crate's own.
    Lockstep,
}

impl Display for Versioning {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.pad(match self {
            Versioning::Independent => "independent",
            Versioning::Pinned => "pinned",
            Versioning::Lockstep => "lockstep",
        })
    }
}
