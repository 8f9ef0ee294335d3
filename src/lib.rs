//! Crates as namespaces, on stable Rust.
//!
//! A crate family lists its member crates in the top crate's `Cargo.toml`;
//! one line in the top crate's `lib.rs` turns the list into modules of plain
//! `pub use`, so that users depend on one crate and write
//! `acme::derive::Describe` or `acme::formats::json::Value`, while every
//! member stays an ordinary crate, compiled only when its feature is on.
//!
//! ```toml
//! # acme/Cargo.toml
//! [dependencies]
//! cratespace = "0.1"
//! acme-core = { version = "=2.1.0", path = "../acme-core" }
//! acme-derive = { version = "=2.1.0", path = "../acme-derive", optional = true }
//! acme-json = { version = "=2.1.0", path = "../acme-json" }
//!
//! [features]
//! derive = ["dep:acme-derive"]
//!
//! [package.metadata.cratespace.members]
//! "*" = "acme-core"                 # acme::Thing: every public item of acme-core
//! derive = "acme-derive"            # acme::derive, when feature "derive" is on
//! formats.json = "acme-json"        # acme::formats::json
//! ```
//!
//! ```ignore
//! // acme/src/lib.rs
//! cratespace::cratespace!();
//! ```
//!
//! expands to
//!
//! ```ignore
//! #[doc(inline)] pub use ::acme_core::*;
//! #[cfg(feature = "derive")] #[doc(inline)] pub use ::acme_derive as derive;
//! /// The `formats` namespace: `json`.
//! pub mod formats {
//!     #[doc(inline)] pub use ::acme_json as json;
//! }
//! /// What the `acme` cratespace holds: …
//! pub const CRATESPACE: ::cratespace::Cratespace = /* … */;
//! ```
//!
//! plus an `include_bytes!` of `Cargo.toml`, so that editing the member list
//! re-expands the macro (cargo does not rebuild for a `[package.metadata]`
//! edit otherwise).
//!
//! # The manifest
//!
//! The cratespace table is `[package.metadata.cratespace]`, or a file of its
//! own given as `cratespace!(manifest = "cratespace.toml")` (the same keys at
//! top level, the path relative to the crate's directory). Its keys:
//!
//! - `members` (required): the tree of members.
//! - `versioning`: `"independent"` (the default), `"pinned"` or `"lockstep"`.
//! - `metadata`: `false` leaves the `CRATESPACE` const out; a string renames it.
//! - `policy`: what every member must be, which `cargo cratespace audit`
//!   checks (see [the policy](#the-policy-and-cargo-vet)); the macro only
//!   validates it.
//! - `generated`: where `cargo cratespace generate` writes the expansion as
//!   a file, relative to the crate's directory (see [below](#without-the-macro-a-generated-file));
//!   checked, not used, by the macro.
//!
//! Under `members`, each key is a module name:
//!
//! | value | meaning | output |
//! | --- | --- | --- |
//! | `"dep"` | a member | `pub use ::dep as name;` |
//! | `{ dependency = "dep", … }` | a member with options | as above |
//! | a table without `dependency` | a namespace | `pub mod name { … }` |
//! | `"*" = "dep"` or `["a", "b"]` | a glob | `pub use ::dep::*;` |
//!
//! Dotted keys (`formats.json = …`) and sub-tables
//! (`[package.metadata.cratespace.members.formats]`) are the same thing, to
//! any depth up to 32 namespaces (deeper is an error, so that no manifest
//! can exhaust the compiler's stack). Members are emitted in the order of
//! the manifest. Member
//! options:
//!
//! - `dependency`: the key of the dependency in `[dependencies]` (or a
//!   `[target.….dependencies]` table). A package name, or the Rust name a
//!   hand-written facade uses (`bevy_settings` for the key
//!   `bevy-settings`), is accepted when it names exactly one key; the key
//!   wins over both. A renamed dependency is reached by its key, and its
//!   Rust name is the key with `-` turned into `_`.
//! - `path`: a module inside the dependency: `path = "de::value"` re-exports
//!   `::dep::de::value`.
//! - `doc`: a line of documentation, shown on the re-export in rustdoc and
//!   kept in the metadata.
//! - `cfg`: an explicit gate, what goes inside `#[cfg(...)]`; it replaces the
//!   gate derived from `Cargo.toml`.
//! - `voucher`: `{ approved = ">=0.3.1, <0.4", by = "…", checksums = […],
//!   vet = "safe-to-deploy" }`, the approval under which an external crate
//!   joins the namespace.
//!
//! A module name is a Rust identifier that is not a keyword (write a keyword
//! raw, as the quoted key `"r#type"`), not `_`, `crate`, `self`, `super` or
//! `Self`. The compiler reads identifiers in Unicode NFC, so a name spelled
//! with a combining accent (`e` + U+0301 rather than `é`, as some editors
//! and file systems save it) is an error that suggests the composed
//! spelling. A member without a voucher is a child of the family, whoever
//! publishes it.
//!
//! # Gates
//!
//! A member exists exactly when cargo compiles its dependency for the top
//! crate's library, and carries the `#[cfg]` that says when. The rules are
//! cargo's, and the tests check them against cargo itself (`cargo tree` for
//! many shapes, editions and targets):
//!
//! - a dependency that is not optional: always;
//! - an optional one: when its implicit feature is on, or the features that
//!   enable it. Cargo gives an optional dependency `name` an implicit
//!   feature `name`, in every edition (2024 included: the removal planned
//!   for it was taken back), unless some feature lists `"dep:name"` or a
//!   feature is itself called `name`. `"name/feature"` turns that implicit
//!   feature on too, so then the gate is `feature = "name"`. Without one,
//!   the gate is `any(feature = "f", …)` over the features that list
//!   `"dep:name"` or `"name/feature"`. A weak `"name?/feature"` enables
//!   nothing. Features that turn those on (`default = ["f"]`) need no
//!   mention: cargo turns on each feature's cfg.
//! - a dependency of `[target.'cfg(P)'.dependencies]`: `P`, joined to the
//!   feature gate with `all`, and several tables with `any`. Cargo decides
//!   a target table with `rustc --print cfg`, where `debug_assertions` is
//!   set (under the flags cargo passes by default) and `test`, `doc`,
//!   `doctest`, `proc_macro` and every `feature = "…"` are not, whatever the
//!   build; `P` is read the same way, so that `cfg(not(test))` is always and
//!   `cfg(feature = "x")` never. (A `cfg` set by the top crate's own build
//!   script is not seen by cargo either: do not gate a target table on one.)
//!   A plain target triple has no cfg to derive: give the member `cfg`;
//! - `workspace = true` dependencies (their renames, with `optional` and
//!   `features` given locally) and `version.workspace` are resolved from
//!   the workspace root cargo uses: `package.workspace`, else the nearest
//!   `Cargo.toml` above the crate with a `[workspace]` that does not
//!   `exclude` it.
//!
//! Dev- and build-dependencies are never members: the library is not linked
//! with them. A dependency that cargo accepts but compiles under no feature
//! selection (an optional dependency whose implicit feature a feature of the
//! same name takes away, and that only a weak `name?/feature` mentions) or
//! on no platform (`cfg(test)`) is an error that says why.
//!
//! A downstream crate that names a member whose feature is off gets the
//! compiler's own error, which names the feature.
//!
//! # The version manifest
//!
//! `versioning` says how the members' versions relate to the top crate's:
//!
//! - `"independent"` (the default): members keep their own versions;
//! - `"pinned"`: each release of the top crate is the version manifest of
//!   the family: every member that is not a voucher is required at one exact
//!   version, `=x.y.z`;
//! - `"lockstep"`: pinned, at the top crate's own `package.version` (also
//!   when it is `version.workspace = true`), as serde and its derive are.
//!
//! ```toml
//! [package]
//! name = "acme"
//! version = "2.1.0"
//!
//! [dependencies]
//! acme-json = { version = "=2.1.0", path = "../acme-json" }
//!
//! [package.metadata.cratespace]
//! versioning = "lockstep"
//! ```
//!
//! A requirement that breaks the policy is an error at the requirement in
//! `Cargo.toml`, naming the one expected. A requirement inherited from
//! `[workspace.dependencies]` is checked as inherited.
//!
//! # Voucher crates
//!
//! A crate published by others joins the namespace only with an approval:
//!
//! ```toml
//! [dependencies]
//! yaml = { version = ">=0.3.1, <0.4", package = "yaml-fast" }
//!
//! [package.metadata.cratespace.members]
//! formats.yaml = { dependency = "yaml", voucher = { approved = ">=0.3.1, <0.4", by = "yaml-fast maintainers" } }
//! ```
//!
//! `approved` (a semver requirement) and `by` (a name or a list) are
//! required; `checksums` lists the approved `.crate` checksums, which
//! `cargo cratespace audit` compares with `Cargo.lock` (the compiler cannot
//! see the lock file). The dependency's own requirement must allow no version
//! that `approved` does not, under cargo's matching rules, pre-releases
//! included; otherwise the member is left out and the error shows both
//! requirements and a version allowed by one and not the other:
//!
//! ```text
//! error: voucher of `formats::yaml`: `yaml` is required as "0.3", which allows versions the voucher does not approve (">=0.3.1, <0.4")
//!  …
//!   = help: 0.3.0 is allowed by "0.3" but not by ">=0.3.1, <0.4"
//! ```
//!
//! Vouchers are exempt from `pinned` and `lockstep`: their versions are the
//! approval's to bound, not the family's to set.
//!
//! # The policy, and cargo-vet
//!
//! What the compiler cannot see (the version cargo resolves, the lock
//! file, licenses, another crate's root) a family states in the manifest
//! and `cargo cratespace audit` checks against the build graph, before the
//! family takes a crate in:
//!
//! ```toml
//! [package.metadata.cratespace.policy]
//! licenses = ["MIT", "Apache-2.0"]  # each member's license must be satisfied by these
//! no-std = true                     # each member's crate root declares #![no_std]
//!
//! [package.metadata.cratespace.members]
//! formats.int = { dependency = "itoa", voucher = { approved = ">=1.0.10, <2", by = "acme maintainers", checksums = ["sha256:8f42a60c…"], vet = "safe-to-deploy" } }
//! ```
//!
//! - `licenses`: SPDX identifiers, one a string, a license with an
//!   exception written as one (`"Apache-2.0 WITH LLVM-exception"`). A
//!   member passes when the licenses listed satisfy its license
//!   expression, `license.workspace = true` resolved: `MIT OR Apache-2.0`
//!   when either is listed, `MIT AND Zlib` when both are, the legacy
//!   `MIT/Apache-2.0` as `OR`. No license, or a `license-file` alone, is a
//!   finding.
//! - `no-std`: `true` requires `#![no_std]` of each member's crate root,
//!   directly or under a `cfg_attr` that holds in the build audited (the
//!   default features, unless told), with the features cargo turns on for
//!   the member; proc-macro members are exempt.
//! - `vet` on a voucher: a cargo-vet criteria. The resolved version must be
//!   covered for it by an audit in the workspace's cargo-vet store (a full
//!   audit, or deltas from an audited version; criteria that imply it
//!   count; so do imported audits), with no violation; an exemption, a
//!   trusted publisher or a wildcard audit is not an audit.
//! - `checksums` (on a voucher): the `.crate` checksums vouched for; the
//!   one `Cargo.lock` records must be among them. A path or git dependency
//!   has none, so `checksums` on one is a finding.
//!
//! The macro reports a policy it cannot read as it reports any other
//! manifest problem (a wrong type, an unknown key, an expression where one
//! license goes, an empty list, a `vet` that names no single criteria);
//! whether an identifier is on the SPDX list is audit's to say. Each
//! finding is one line that names the member, what is wrong and the fix,
//! as the fixtures of `cargo-cratespace/tests/audit/` print them:
//!
//! ```text
//!     Auditing every-problem v0.1.0 (/src/cratespace/cargo-cratespace/tests/audit/every-problem)
//! error: member `ident` (unicode-ident v9.0.0): resolves to 9.0.0, which its voucher does not approve (">=1.0.20, <2"); help: find what puts 9.0.0 in the graph (`cargo tree -i unicode-ident@9.0.0`) and require an approved version, or widen `approved` once 9.0.0 is vouched for
//! error: member `int` (itoa v1.0.18): Cargo.lock's checksum of itoa 1.0.18, sha256:8f42a60cbdf9a97f5d2305f08a87dc4e09308d1276d28c869c684d7777685682, is not among the voucher's `checksums`; help: make sure this is the `.crate` that was vouched for, then add "sha256:8f42a60cbdf9a97f5d2305f08a87dc4e09308d1276d28c869c684d7777685682" to `checksums`
//! error: member `int` (itoa v1.0.18): no cargo-vet audit covers itoa 1.0.18 for `safe-to-deploy`; help: audit it and record the audit: `cargo vet certify itoa 1.0.18 --criteria safe-to-deploy`
//! error: member `widget` (widget v1.2.0): is a path dependency, which has no `.crate` checksum to match the voucher's `checksums`; help: depend on the published crate the checksums are of, or take `checksums` out of the voucher
//! error: member `gpl` (copyleft v0.1.0): its license `GPL-3.0-only` is not allowed by the policy (MIT, Apache-2.0): `GPL-3.0-only` is not among `licenses`; help: add `GPL-3.0-only` to `licenses` once the family accepts it, or take the member out
//! error: member `file` (license-file-only v0.1.0): has no license expression, only a license file (`license-file`): /src/cratespace/cargo-cratespace/tests/audit/crates/license-file-only/LICENSE.txt; help: write `license = "…"`, an SPDX expression the policy can check, in /src/cratespace/cargo-cratespace/tests/audit/crates/license-file-only/Cargo.toml
//! error: member `bare` (unlicensed v0.1.0): has no license: neither `license` nor `license-file`; help: write `license = "…"`, an SPDX expression the policy can check, in /src/cratespace/cargo-cratespace/tests/audit/crates/unlicensed/Cargo.toml
//! error: member `greeting` (uses-std v0.1.0): its crate root /src/cratespace/cargo-cratespace/tests/audit/crates/uses-std/src/lib.rs does not declare `#![no_std]`; help: declare `#![no_std]` at the top of /src/cratespace/cargo-cratespace/tests/audit/crates/uses-std/src/lib.rs (under `cfg_attr` if std is a feature)
//! error: member `io` (std-feature v0.1.0): its crate root /src/cratespace/cargo-cratespace/tests/audit/crates/std-feature/src/lib.rs declares `#![no_std]` only under `not(feature = "std")`, and feature `std` (every-problem/default → every-problem/std → std-feature/std) is on; help: every-problem's default features turn `std` on: take it out of them, or audit the build that is no_std (`--no-default-features` and the `-F` it keeps)
//! note: member `derive` (derive-macro v0.1.0): a proc-macro crate, run by the compiler on the host: `no-std` does not apply
//! error: the cratespace `every-problem` has 9 audit findings
//! ```
//!
//! and, for a store with a violation, then one with an exemption alone:
//!
//! ```text
//! error: member `int` (itoa v1.0.18): supply-chain/audits.toml records that itoa ">=1.0.17, <1.0.19" violates `safe-to-run`, and 1.0.18 is in that range; help: require a version outside ">=1.0.17, <1.0.19", or take the member out: no audit outweighs a violation
//! error: member `int` (itoa v1.0.18): no cargo-vet audit covers itoa 1.0.18 for `safe-to-deploy`: the store has only an exemption in supply-chain/config.toml, which is not an audit of it; help: audit it and record the audit: `cargo vet certify itoa 1.0.18 --criteria safe-to-deploy`
//! ```
//!
//! The documentation of `cargo-cratespace` (`cargo-cratespace/src/main.rs`
//! in the repository) says how each check decides.
//!
//! # Metadata
//!
//! [`CRATESPACE`](Cratespace) describes the family at run time and to tools:
//! its members, their packages, requirements, gates and whether each is
//! compiled in. Its `Display` prints the tree:
//!
//! ```text
//! acme 2.1.0 (versioning: independent)
//! ├── *         acme-core    =2.1.0  always                   on
//! ├── derive    acme-derive  =2.1.0  cfg(feature = "derive")  on
//! └── formats
//!     └── json  acme-json    =2.1.0  cfg(feature = "json")    on
//! ```
//!
//! [`members`](Cratespace::members) walks every member, and
//! [`member`](Cratespace::member) finds one by its path, in const context
//! too (for the first few thousand members), so a crate can check at
//! compile time what a build holds:
//!
//! ```ignore
//! const _: () = assert!(acme::CRATESPACE.member("formats::json").is_some());
//! ```
//!
//! The const holds the members as one string literal (one token for the
//! compiler, rather than a value per member), decoded as they are read.
//!
//! The const reaches these types through `$crate` of the `cratespace!`
//! macro, so it compiles whether `cratespace` is a renamed dependency, is
//! reached through another crate's re-export, or is passed to `rustc` by
//! another build system.
//!
//! # Errors
//!
//! A mistake in the manifest is a compile error at the `cratespace!` call
//! that names the file, line and column, shows the line, and says how to fix
//! it. Every problem is reported in one build, and the valid members are
//! still emitted, so that one mistake does not cascade:
//!
//! ```text
//! error: no dependency `acme-jsno` in Cargo.toml
//!          --> crates/acme/Cargo.toml:14:8
//!           |
//!        14 | json = "acme-jsno"
//!           |        ^^^^^^^^^^^ not in [dependencies] or a target's dependencies
//!           |
//!           = help: did you mean `acme-json`?
//! ```
//!
//! Files are named as rustc names its own: relative to the directory the
//! compiler runs in (under cargo, the workspace root), or relative to the
//! crate's directory when they are not below it.
//!
//! **After a syntax error** nothing derived from the broken text is
//! reported: TOML's recovery can read values out of it (a string that does
//! not end takes the lines after it), and report one mistake several times.
//! So a file's first syntax error is its only diagnostic of that kind, the
//! members written before it are checked and emitted, and those at or after
//! it are not read until it is fixed. A syntax error in `Cargo.toml` or the
//! workspace root's (which only `cargo cratespace check` meets: cargo
//! refuses such a manifest before it compiles anything) leaves the
//! dependencies incomplete, so it is the only problem reported.
//!
//! # Where it works
//!
//! The output is `::`-rooted `pub use`, `pub mod` and one `const`: it
//! compiles in `#![no_std]` and `#![no_implicit_prelude]` crates, in editions
//! 2018, 2021 and 2024 (edition 2015's paths are not supported), next to
//! local items named `core`, `std` or `cratespace` (then invoke the macro as
//! `::cratespace::cratespace!()`), and when the macro is renamed, reached
//! through a `use` alias, or re-exported by another crate (`$crate` leads the
//! generated const to this crate's types).
//!
//! **A manifest of its own.** `cratespace!(manifest = "cratespace.toml")`
//! reads the cratespace table from that file, relative to the crate's
//! directory, with the keys at top level (`members`, `versioning`, …);
//! dependencies and features still come from `Cargo.toml`. The file is
//! tracked like `Cargo.toml`: editing it re-expands the macro.
//!
//! **Builds without Cargo** (Bazel, Buck2, plain `rustc`). Where the crate's
//! directory has no `Cargo.toml`, the manifest file is the only source:
//! `dependency` values are extern crate names (as passed with `--extern`),
//! gates come only from each member's `cfg`, dependency checks are skipped,
//! and the metadata's name and version are those of `CARGO_PKG_NAME` and
//! `CARGO_PKG_VERSION` when the build sets them. The macro finds its files
//! through `CARGO_MANIFEST_DIR`, which Bazel's Rust rules set; where the
//! manifests live elsewhere than the crate being compiled, set
//! `CRATESPACE_MANIFEST_DIR` to their directory (the compile-fail tests of
//! this crate do).
//!
//! **Published crates.** `cargo package` rewrites `Cargo.toml` (comments
//! dropped, inline tables split into sub-tables, inherited fields written
//! out); the rewritten manifest gives the same members, in the same order,
//! and a crate built from a vendored directory expands the same way.
//!
//! **docs.rs.** Each gated member shows the feature or cfg it needs, provided
//! the top crate carries this line, which turns on nightly rustdoc's cfg
//! badges there and does nothing elsewhere:
//!
//! ```ignore
//! #![cfg_attr(docsrs, feature(doc_cfg))]
//! ```
//!
//! **Same output everywhere.** The expansion is a function of the manifests'
//! text: files are tracked relative to `CARGO_MANIFEST_DIR`, so it holds no
//! absolute path, and members come in manifest order, never in hash order.
//! The macro keeps no state between expansions (no cache, no globals), so
//! rust-analyzer, which expands many crates in one process, sees each crate's
//! own manifest: reading and parsing a manifest costs less than a cache
//! keyed by path and modification time would save, and cannot go stale.
//!
//! # Build cost
//!
//! The macro runs each time the top crate compiles. It writes its output as
//! source text that the compiler lexes in one go, and the metadata const
//! holds every member in one string literal with one `cfg!` per distinct
//! gate, so what it adds to the crate is close to the `pub use` lines
//! themselves. Cargo builds proc macros without optimizations unless told
//! otherwise, and reading a manifest of hundreds of members then takes tens
//! of milliseconds, most of it the TOML parser. A family that rebuilds its
//! top crate often can have its own workspace build the macro's crates
//! optimized (cargo does not pass a dependency's profile on to its users):
//!
//! ```toml
//! [profile.dev.package.cratespace-macros]
//! opt-level = 3
//! [profile.dev.package.cratespace-manifest]
//! opt-level = 3
//! [profile.dev.package.toml]
//! opt-level = 3
//! [profile.dev.package.toml_parser]
//! opt-level = 3
//! [profile.dev.package.winnow]
//! opt-level = 3
//! ```
//!
//! This makes the macro's work about four times smaller and costs the
//! workspace's first build some seven seconds; `[profile.dev.build-override]`
//! gives the macro the same speed but also optimizes every other proc macro
//! and build script, which costs more than twice that. `BENCHMARKS.md` in
//! the repository has the figures and the commands that reproduce them.
//!
//! # Without the macro: a generated file
//!
//! A family whose users should compile no proc macro keeps the manifest as
//! its one source and checks in the expansion as an ordinary Rust file,
//! written by `cargo cratespace generate` (from the `cargo-cratespace`
//! package) to the path the table names:
//!
//! ```toml
//! [dependencies]
//! cratespace = { version = "0.1", default-features = false }
//!
//! [package.metadata.cratespace]
//! generated = "src/cratespace.rs"
//! ```
//!
//! ```ignore
//! include!("cratespace.rs");
//! ```
//!
//! Without its default `macros` feature this crate is the runtime types
//! alone: no proc macro and no `toml` in the graph. The file holds the
//! items the macro emits, formatted by rustfmt, with a header that says how
//! to write it again; with `metadata = false` it uses nothing of this
//! crate, and the dependency can go. Nothing tracks the manifest any more,
//! so CI runs `cargo cratespace generate --check` (exit code 1 and a diff
//! when the file is stale), and `cargo cratespace check` reports a stale
//! file too. A file written by a release whose encoding of the members this
//! one cannot read is a compile error at the const, saying to generate it
//! again.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

pub use cratespace_runtime::{
    Cratespace, Enabled, Kind, List, Member, Members, Versioning, Voucher,
};

/// Turns the cratespace manifest into `pub use` modules and a metadata const.
///
/// `cratespace!()` reads `[package.metadata.cratespace]` from the invoking
/// crate's `Cargo.toml`; `cratespace!(manifest = "cratespace.toml")` reads
/// the table from a file of its own, relative to the crate's directory. See
/// the [crate documentation](crate).
///
/// The macro may be renamed, re-exported or reached through a `use` alias:
/// the generated const finds this crate's types through `$crate`.
///
/// It comes with the `macros` feature, on by default; a top crate that
/// includes a file written by `cargo cratespace generate` depends on
/// `cratespace` with `default-features = false` and has no proc macro in its
/// graph.
#[cfg(feature = "macros")]
#[macro_export]
macro_rules! cratespace {
    ($($args:tt)*) => {
        $crate::__private::expand! { $crate; $($args)* }
    };
}

#[cfg(feature = "macros")]
#[doc(hidden)]
pub mod __private {
    pub use cratespace_macros::expand;
}
