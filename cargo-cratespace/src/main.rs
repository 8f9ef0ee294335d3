//! `cargo cratespace`: a cratespace as the build graph sees it.
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
//! - 1: problems found (for `check --cargo-check`, also a failed `cargo check`;
//!   for `generate --check`, a file that is not current; for `init`, a
//!   manifest it would write with problems, which it does not write);
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
//! `checksums`, or `null`).
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

mod cargo;
mod check;
mod cli;
mod cratespaces;
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
        Command::Init(init) => &init.common,
    };
    let shell = Shell::new(common);
    let result = match &cratespace.command {
        Command::Tree(args) => tree::run(args, &shell),
        Command::Check(args) => check::run(args, &shell),
        Command::Generate(args) => generate::run(args, &shell),
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
