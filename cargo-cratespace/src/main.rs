//! `cargo cratespace`: a cratespace as the build graph sees it, and what
//! the compiler cannot check.
//!
//! Installed with `cargo install --path cargo-cratespace` (or by name from
//! a registry), it runs as `cargo cratespace <command>`. It reads the
//! manifests through `cratespace-manifest`, the code the `cratespace!()`
//! macro uses, so it reports the same problems in the same words, and it
//! asks cargo for what only the build graph knows.
//!
//! # Which packages
//!
//! As cargo chooses them: `-p NAME` (repeatable), `--workspace` (with
//! `--exclude NAME`), or, with neither, the package of the `Cargo.toml`
//! found from the current directory (or `--manifest-path`), or the
//! workspace's default members when that is the workspace root's. Of
//! those, the cratespaces are the packages whose `Cargo.toml` has a
//! `[package.metadata.cratespace]` table, and those whose lib root calls
//! `cratespace!`, with or without `manifest = "…"`; the lib root is read
//! with syn, and each call loads what the macro would load. No cratespace
//! among the chosen packages is not an error: a warning says so, and the
//! exit code is 0.
//!
//! # `tree`
//!
//! Each cratespace's members: module path, dependency key and package,
//! resolved version, kind (`child`, `voucher`, `glob`), gate, whether it is
//! compiled in (`on` or `off`), and license:
//!
//! ```text
//! acme v2.1.0 (/src/cratespace/examples/acme) (versioning: lockstep; features: default, derive, int, json)
//! ├── *         acme-core    v2.1.0   glob     always                   on  MIT OR Apache-2.0
//! ├── derive    acme-derive  v2.1.0   child    cfg(feature = "derive")  on  MIT OR Apache-2.0
//! └── formats
//!     ├── json  acme-json    v2.1.0   child    cfg(feature = "json")    on  MIT OR Apache-2.0
//!     └── int   itoa         v1.0.18  voucher  cfg(feature = "int")     on  MIT OR Apache-2.0
//! ```
//!
//! - The version and license are those of the package that the top
//!   crate's own dependency edge resolves to in `cargo metadata`, matched
//!   by the edge's name (a renamed dependency's key), never looked up by
//!   package name, since `Cargo.lock` may hold several versions of one.
//! - "Compiled in" is for a build of the top crate alone (`cargo build -p
//!   acme`) with the feature flags given (`-F`, `--all-features`,
//!   `--no-default-features`): the member's gate, evaluated with the
//!   features cargo turns on for them (as `cargo tree` reports them) and
//!   the cfg values `rustc --print cfg` gives for the host, or for
//!   `--target TRIPLE`. Other workspace members that turn on more features
//!   of the top crate do not count, and neither do `--cfg` flags in
//!   `RUSTFLAGS` or profile cfgs such as `debug_assertions`.
//! - The build graph is the target's (`cargo metadata --filter-platform`),
//!   so a member whose dependency only another target has shows no
//!   version (`-`, or `null` in JSON).
//! - Problems in a manifest are reported as `check` reports them, after
//!   the tree of what is valid, and make the exit code 1.
//!
//! # `check`
//!
//! Every problem of the manifests, each rendered exactly as the compiler
//! shows the macro's error (without the compiler's pointer to the
//! `cratespace!` call), on stderr; exit code 1 when there is any. Nothing
//! is compiled, and cargo need not be able to load the workspace: when
//! `cargo metadata` fails (a `Cargo.toml` that is not TOML, say), a warning
//! says so and the package of the manifest at hand is read directly.
//!
//! Two findings the compiler cannot make come on top: a generated file
//! that is stale or missing (see `generate`), and a member whose package
//! in the workspace depends on `cratespace-member` in a cratespace with
//! `member-paths = false` (its macros take their paths through the
//! `__cratespace` module that the key leaves out; a member outside the
//! workspace is not looked at).
//!
//! # `audit`
//!
//! What the compiler cannot see, checked as a careful consumer checks a
//! crate before taking it in: on stderr, one line a finding, naming the
//! member, what is wrong and the fix (`error: member `int` (itoa
//! v1.0.18): …; help: …`), then how many; exit code 1 when there is any.
//! Problems of the manifest are reported as `check` reports them, and
//! count too.
//!
//! The build graph is `cargo metadata`'s for every platform with every
//! feature on, so that every member's edge is in it whatever gates it;
//! each member is the package its top crate's edge resolves to, as in
//! `tree`. A package two members reach is checked once.
//!
//! - **Approval.** A voucher's resolved version must be one its `approved`
//!   allows (semver's matching, pre-releases included). The manifest holds
//!   the requirement inside `approved` already, so a version outside comes
//!   from what only cargo sees: a `[patch]`, a `paths` override in
//!   `.cargo/config.toml`, an edited lock file.
//! - **Checksums.** With `checksums`, the checksum `Cargo.lock` records for
//!   the resolved package (by name, version and source) must be one of
//!   them, written `sha256:<hex>` (the lock's bare hex with its algorithm).
//!   A path or git dependency has no `.crate` and no checksum: `checksums`
//!   on one is a finding, never a pass.
//! - **cargo-vet.** With `vet = "<criteria>"`, the resolved version must be
//!   covered for that criteria by the workspace's cargo-vet store, read
//!   offline and never written: `supply-chain/` at the workspace root, or
//!   the `store.path` of `[workspace.metadata.vet]` (else the root
//!   package's `[package.metadata.vet]`), relative to the workspace root.
//!   Covered means a full audit of the version, or a full audit of another
//!   and a chain of `delta` audits from it to the version, each certifying
//!   the criteria or one that implies it (`safe-to-deploy` implies
//!   `safe-to-run`; custom criteria by their `implies`, transitively). The
//!   audits of `audits.toml` count, and those `imports.lock` holds for the
//!   imports `config.toml` lists (less their `exclude`). A `violation`
//!   whose range holds the version, of the criteria or one it implies, is
//!   a finding whatever audits exist. Exemptions, trusted publishers and
//!   wildcard audits are not audits of the version: the finding says which
//!   of them the store has. A finding prints the `cargo vet certify`
//!   command that records the audit, and the delta from the nearest
//!   audited version when there is one. A git dependency is audited at its
//!   revision (`1.0.0@git:<hash>`), a path dependency never.
//! - **Licenses.** With the policy's `licenses`, each member's license
//!   expression (cargo's, so `license.workspace = true` is resolved) must
//!   be satisfied by the licenses listed, as the `spdx` crate evaluates it:
//!   `MIT OR Apache-2.0` when either is listed, `MIT AND Zlib` when both
//!   are, `Apache-2.0 WITH LLVM-exception` when that pair is (a license with
//!   an exception is a license of its own, as in cargo-deny), and the
//!   legacy `MIT/Apache-2.0` as `OR`, as crates.io and cargo-deny read it.
//!   No license, or a `license-file` alone, is a finding that names the
//!   file. An identifier the SPDX list does not have, in the policy, is a
//!   finding with the nearest one it has (the manifest checks the form, the
//!   list is audit's).
//! - **no-std.** With `no-std = true`, each member's crate root (its lib
//!   target's `src_path` in `cargo metadata`, so a custom `[lib] path` is
//!   the one read) must declare `#![no_std]`, directly or under
//!   `cfg_attr(P, no_std)` (nested ones too) with `P` holding in the build
//!   audited: `cargo build -p TOP` with the feature flags given (the
//!   default features unless `-F`, `--all-features` or
//!   `--no-default-features` say otherwise), on the host or `--target`.
//!   `P` is evaluated with rustc's cfg values for the target and the
//!   features cargo builds the member with for that build (`cargo tree
//!   --edges features`); the finding names each feature that makes `P`
//!   false and the chain that turns it on, from the feature flags. Only the
//!   crate root's inner attributes are read. A proc-macro member runs in
//!   the compiler and is exempt, and a member that build does not compile
//!   is not checked: a note says each.
//!
//! Every finding, on the fixtures of `cargo-cratespace/tests/audit/`:
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
//! and the store of `vet-violation`, then that of `vet-exemption-only`:
//!
//! ```text
//! error: member `int` (itoa v1.0.18): supply-chain/audits.toml records that itoa ">=1.0.17, <1.0.19" violates `safe-to-run`, and 1.0.18 is in that range; help: require a version outside ">=1.0.17, <1.0.19", or take the member out: no audit outweighs a violation
//! error: member `int` (itoa v1.0.18): no cargo-vet audit covers itoa 1.0.18 for `safe-to-deploy`: the store has only an exemption in supply-chain/config.toml, which is not an audit of it; help: audit it and record the audit: `cargo vet certify itoa 1.0.18 --criteria safe-to-deploy`
//! ```
//!
//! # `generate`
//!
//! Writes each cratespace's expansion as an ordinary Rust file, which the
//! top crate includes with `include!("cratespace.rs");` in place of
//! `cratespace::cratespace!();`, so that neither it nor its users compile a
//! proc macro:
//!
//! - The file goes where `--output` says (relative to the current
//!   directory), else where the manifest's `generated` key says (relative to
//!   the crate's directory); with neither, it is an error (exit code 2).
//! - It holds the items the macro emits for the manifest, formatted by
//!   rustfmt (`RUSTFMT`, else the `rustfmt` on the `PATH`, run in the
//!   crate's directory so that its `rustfmt.toml` applies), under a `//`
//!   header that says it is generated, from which manifest, and how to
//!   write it again. It is stable under rustfmt, and written whole (to a
//!   file beside it, then renamed) and only when its text changes, so that
//!   a build never reads half a file and an unchanged file is not rebuilt.
//! - The metadata const reaches the runtime through the key under which the
//!   top crate depends on `cratespace` (renamed or not), which it does with
//!   `default-features = false`: the runtime types without the macro. A
//!   manifest with `metadata = false` needs no such dependency; one without
//!   it and without the dependency is an error that says which to add.
//! - The member table carries the format of its encoding; a file written by
//!   a release whose format the runtime cannot read is a compile error that
//!   says to generate it again.
//! - `--check` writes nothing: where a file is not exactly what `generate`
//!   would write, it prints a unified diff on stdout and exits with 1, as
//!   `cargo fmt --check` does. `check` reports such a file (or a missing
//!   one) as a problem of the cratespace whose `generated` key names it.
//!
//! The manifest is the crate's `[package.metadata.cratespace]` table (a
//! crate with no `cratespace!` call has no `manifest = "…"` argument that
//! could name another file). A manifest with problems is reported as
//! `check` reports it, and no file is written for it.
//!
//! # `add`
//!
//! `cargo cratespace add MODULE DEPENDENCY` writes the member into the
//! cratespace table and, where they are missing, the dependency and the
//! feature that enables it:
//!
//! ```text
//! $ cargo cratespace add formats::xml acme-xml --path ../acme-xml --feature xml
//!       Adding acme-xml (local) to dependencies
//!       Adding "dep:acme-xml" to the feature `xml`
//!       Adding formats::xml = acme-xml to the cratespace `acme`
//! ```
//!
//! - The files are edited in place: every comment, blank line, key order
//!   and table style stays as written, and only the new lines are new; a
//!   file is written whole (beside it, then renamed), and only when its
//!   text changes, so that a second identical run changes nothing.
//!   `--dry-run` prints the unified diff of each file instead.
//! - MODULE is a module path: `json`, `formats::json` (the member `json` in
//!   the namespace `formats`), or a glob, `*` or `formats::*`, which joins
//!   the list of the glob's dependencies. A namespace that is missing is
//!   written in the style the table already uses for its namespaces
//!   (dotted keys, `[…members.formats]` sub-tables, or inline tables), and
//!   as dotted keys when it has none, as the manifest format's own example
//!   does. A table missing altogether is made:
//!   `[package.metadata.cratespace.members]` at the end of `Cargo.toml`,
//!   or `[members]` in the file a `cratespace!(manifest = "…")` call
//!   names, which is found as `check` finds it.
//! - The member is written as a plain string, `xml = "acme-xml"`, and as
//!   an inline table when `--doc` or `--voucher` gives it options:
//!   `xml = { dependency = "acme-xml", doc = "…", voucher = { approved =
//!   "…", by = "…" } }` (`--by` given more than once writes a list;
//!   `--vet` adds the voucher's `vet` criteria).
//! - DEPENDENCY is the dependency's key. When `[dependencies]` or a
//!   `[target.*.dependencies]` table has it (or has exactly one entry of
//!   that package name, or Rust name, as a member's `dependency` is
//!   resolved), that entry is used, and a `--path` or `--version` given
//!   must say what it says. Otherwise it is added to `[dependencies]`, as
//!   `cargo add` writes one: from `--path DIR` (relative to the current
//!   directory, written relative to the crate, with `package = "…"` when
//!   the crate there has another name), with the version of the crate
//!   there unless `--version` gives one; from `--version REQ` alone, as a
//!   registry dependency; with neither, as `{ workspace = true }` when
//!   `[workspace.dependencies]` has the key, else it is an error (exit
//!   code 2).
//! - Under `pinned` and `lockstep` versioning, a dependency added from
//!   `--path` is required at exactly the version of the crate there,
//!   `=X.Y.Z`, which under `lockstep` is the top crate's own version
//!   exactly when the crate is released with it; when it is not, the check
//!   below says so and nothing is written, rather than a requirement cargo
//!   could not resolve. A voucher's requirement is written as given, or
//!   as the crate's version, not pinned.
//! - `--optional` makes the dependency optional; `--feature F` implies it
//!   and adds the dependency to `F`'s list (making `F` when missing) as
//!   `"dep:DEPENDENCY"`. With `--optional` alone, the feature is named
//!   after the dependency, as `cargo add --optional` does. A dependency that
//!   was optional already keeps what enables it, with one care: while no
//!   feature names it as `dep:DEPENDENCY`, cargo gives it an implicit
//!   feature of its name, which users may enable, and writing `dep:` would
//!   remove that feature (a breaking change); so `F` lists the implicit
//!   feature, `"DEPENDENCY"`, instead, and a warning says so. A dependency
//!   that was not optional is made optional with `--optional`, as `cargo
//!   add` does.
//! - A member that is already at MODULE with the same dependency (and the
//!   `--doc` and voucher given, if any) changes nothing (exit code 0); a
//!   different member there, a namespace at MODULE, or a member on the way
//!   to it is an error that says what is in the way, and nothing is
//!   written (exit code 1: the edit would not pass `check`).
//! - Before anything is written, the files as they would be are checked
//!   as `check` checks them, versioning and vouchers included; any problem
//!   is reported, in the text the files would have, and nothing is written
//!   (exit code 1). A cratespace that has problems already is reported as
//!   `check` reports it, and left to be fixed first.
//! - toml_edit, which keeps a file's layout, writes the dotted keys of one
//!   table together; a file whose dotted keys stand apart (which the TOML
//!   specification advises against) is named with the line it would move,
//!   and left alone (exit code 2).
//! - When the manifest has a `generated` file, a warning says to write it
//!   again with `generate`; when the lib root does not call the macro, a
//!   warning says so.
//! - `add` edits one package: the one of the current directory, or the
//!   one `-p` names.
//!
//! # `init`
//!
//! Turns a hand-written facade into a cratespace: reads the lib root with
//! syn, writes the manifest of its re-exports into `Cargo.toml`, and puts
//! `cratespace::cratespace!();` in their place:
//!
//! - A member comes from each `pub use x as y;`, `pub use x;`, `pub use
//!   x::path as y;`, `pub use x::path;` and `pub use x::*;` (a glob, `path`
//!   allowed), groups (`pub use x::{a, b as c};`) included, where `x` is a
//!   dependency of the library, and from each inline `pub mod y { … }`
//!   that holds only such re-exports and namespaces, to any depth (a
//!   namespace). Its doc comment becomes `doc`, where it is one line;
//!   `#[doc(inline)]` is what the macro writes on every member.
//! - `x` is the crate's name in Rust, as `cargo metadata` reports it for
//!   the lib target of each dependency (its key, `-` written `_`, for a
//!   renamed one); the member names the dependency by its key. A library
//!   whose `[lib] name` is not its key's Rust name cannot be reached by the
//!   macro, which writes `::key`: init says so, and how to rename it.
//! - A member gets a `cfg` key only where its `#[cfg(…)]`s (joined with
//!   `all`) are not logically the gate cratespace derives for its
//!   dependency: both are evaluated under every assignment of their names
//!   and `key = "value"` pairs (up to 16 of them; beyond that the `cfg` is
//!   kept), so that `any(feature = "3d", feature = "2d")` is the gate
//!   `any(feature = "2d", feature = "3d")` and `feature = "3d"` for a
//!   dependency that `pbr` also enables is not. Where no gate can be
//!   derived (a target triple's table), the `cfg` is kept; a `#[cfg]` that
//!   holds where cargo does not compile the dependency is kept too, with a
//!   warning: the facade did not build there.
//! - The lib root is edited by byte ranges: the items taken (with their
//!   attributes and doc comments, and the blank lines between them) make
//!   way for one call, where the first of them was; every other byte
//!   stays. `cratespace` is added to `[dependencies]` where the crate does
//!   not depend on it, and the call goes through the name it depends on it
//!   under (`::`-rooted where the crate has `#![no_implicit_prelude]` or an
//!   item of that name); with an item named `CRATESPACE` at the root, the
//!   manifest says `metadata = false`. `Cargo.toml` is edited with
//!   `toml_edit`: the table goes at its end, and nothing else changes.
//! - What the manifest cannot express stays as written and is listed, each
//!   with its place and the reason: a `pub use` of a path that is not a
//!   dependency (`crate::…`, `core`, a module), a dependency re-exported
//!   with a visibility other than `pub`, `as _`, an attribute other than
//!   `cfg`, `doc` and `doc(inline)`, a doc comment of several lines, a
//!   comment inside the item, a second member at one path, and each `pub
//!   use` inside a function, a macro (`cfg_if!`), an `impl`, or a module
//!   that cannot be a namespace (one with a `#[cfg]`, items of its own, a
//!   comment, or that is not `pub`). A namespace's doc comment gives way to
//!   the one the macro writes, with a warning. Modules in files of their
//!   own are the crate's code, not read.
//! - The manifest written is loaded as the macro loads it before anything
//!   is written: `check` has nothing to say of it. With `--dry-run`, both
//!   diffs are printed on stdout and nothing is written; else both files
//!   are written whole (`Cargo.toml` first: a facade with its manifest and
//!   its re-exports still builds).
//! - A package that is a cratespace already (a cratespace table, or a
//!   `cratespace!` call) is left alone, with a warning. `--message-format
//!   json` is refused: init writes for people.
//!
//! # Exit codes
//!
//! - 0: nothing found;
//! - 1: problems found: a manifest's, an audit's findings (for `check
//!   --cargo-check`, also a failed `cargo check`; for `generate --check`, a
//!   file that is not current; for `add` and `init`, an edit that would not
//!   pass `check`, which they do not write);
//! - 2: a usage or environment error: a wrong flag, no `Cargo.toml`, cargo
//!   or rustc that cannot be run, a workspace or lock file cargo cannot read.
//!
//! # `--message-format json`
//!
//! One JSON object a line on stdout, each with a `reason` saying what it
//! is; status lines and warnings still go to stderr. These shapes are
//! stable: fields may be added, none are removed or change meaning.
//!
//! `"reason": "compiler-message"` — a manifest problem, in the shape cargo
//! gives a compiler's message (parsed by `cargo_metadata::Message`):
//! `package_id`, `manifest_path`, `target` (the lib target, as `cargo
//! metadata` describes it) and `message`, rustc's JSON diagnostic with
//! `level: "error"`, the `message` and `rendered` text (the human output),
//! each `help` as a child of level `help`, and `spans`: the primary one at
//! the problem and a secondary one for each other place it names, each
//! with an absolute `file_name` (`Cargo.toml` or the cratespace file),
//! `byte_start`/`byte_end`, 1-based `line_start`/`line_end` and 1-based
//! `column_start`/`column_end` counted in characters, the end exclusive.
//! A problem with no place in a file (a manifest file that is missing) is
//! placed at the `cratespace!` call that reports it, as the compiler does;
//! with no call, it has no span. Every command but `init`, which writes
//! for people only, writes these.
//!
//! `"reason": "cratespace"` (`tree`) — a cratespace, before its members:
//! `package_id`, `manifest_path`, `name`, `version`, `versioning`
//! (`"independent"`, `"pinned"`, `"lockstep"`), `features` (the top
//! crate's features turned on, sorted) and `target` (the triple the gates
//! are evaluated for: `--target`'s, or the host's).
//!
//! `"reason": "cratespace-member"` (`tree`) — one member, in manifest
//! order: `package_id` (of the top crate), `path` (`"formats::json"`,
//! `"*"`), `kind` (`"child"`, `"voucher"`, `"glob"`), `dependency` (the key
//! in `Cargo.toml`), `package`, `target` (the re-exported Rust path),
//! `requirement`, `version` (resolved, or `null` when the build graph has
//! no such edge), `license`, `gate` (the cfg predicate, or `null` for
//! always), `compiled_in`, `doc` and `voucher` (`approved`, `by`,
//! `checksums`, `vet`, or `null`).
//!
//! `"reason": "cratespace-audit-finding"` (`audit`) — one finding:
//! `package_id` (of the top crate), `check` (`"approved"`, `"checksum"`,
//! `"vet"`, `"license"`, `"no-std"`), `member` (its module path, or `null`
//! for a finding of the policy itself), `package` and `version` (the
//! resolved package, or `null`), `message` (what is wrong), `help` (the
//! fix) and `rendered` (the human line, without `error: `).
//!
//! `"reason": "cratespace-audit-exempt"` (`audit`) — a member a check does
//! not apply to (a proc-macro crate, a member the build audited does not
//! compile): `package_id`, `check`, `member`, `package`, `version`,
//! `message` (why) and `rendered`.
//!
//! `"reason": "cratespace-audit"` (`audit`) — after a cratespace's
//! findings: `package_id`, `manifest_path`, `name`, `version` and
//! `findings` (how many; manifest problems are `compiler-message`s).
//!
//! # In an editor
//!
//! `check --message-format json --cargo-check` first runs `cargo check
//! --message-format json` (with the package flags given, and whatever
//! follows `--`) and passes its messages on, then adds the manifest
//! problems, so that an editor's check command shows rustc's errors and the
//! manifest's together, the latter in `Cargo.toml`. For rust-analyzer:
//!
//! ```json
//! {
//!     "rust-analyzer.check.overrideCommand": [
//!         "cargo", "cratespace", "check", "--workspace",
//!         "--message-format", "json", "--cargo-check", "--", "--all-targets"
//!     ]
//! }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod add;
mod audit;
mod build;
mod cargo;
mod check;
mod cli;
mod cratespaces;
mod document;
mod error;
mod files;
mod generate;
mod init;
mod invocation;
mod json;
mod report;
mod shell;
mod tree;
mod workspace;

use crate::cli::{Cargo, Command};
use crate::shell::Shell;
use clap::Parser;
use std::process::ExitCode;

/// What a command found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Nothing to report.
    Clean,
    /// Problems, reported.
    Findings,
}

fn main() -> ExitCode {
    // clap exits with 2 on a usage error, and 0 after `--help`.
    let Cargo::Cratespace(cratespace) = Cargo::parse();
    let common = match &cratespace.command {
        Command::Tree(tree) => &tree.common,
        Command::Check(check) => &check.common,
        Command::Generate(generate) => &generate.common,
        Command::Add(add) => &add.common,
        Command::Audit(audit) => &audit.common,
        Command::Init(init) => &init.common,
    };
    let shell = Shell::new(common);
    let result = match &cratespace.command {
        Command::Tree(args) => tree::run(args, &shell),
        Command::Check(args) => check::run(args, &shell),
        Command::Generate(args) => generate::run(args, &shell),
        Command::Add(args) => add::run(args, &shell),
        Command::Audit(args) => audit::run(args, &shell),
        Command::Init(args) => init::run(args, &shell),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(error) => {
            shell.error(error);
            ExitCode::from(2)
        }
    }
}
