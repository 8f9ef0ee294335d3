//! The command line: `cargo cratespace <command>` and the flags cargo users know.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Cargo runs `cargo-cratespace cratespace …` for `cargo cratespace …`.
#[derive(Debug, Parser)]
#[command(name = "cargo", bin_name = "cargo", styles = clap_cargo::style::CLAP_STYLING)]
pub enum Cargo {
    /// Show and check cratespaces: crate families behind one top crate.
    #[command(
        name = "cratespace",
        version,
        arg_required_else_help = true,
        after_help = "\
Examples:
  cargo cratespace tree
  cargo cratespace check --workspace
  cargo cratespace audit"
    )]
    Cratespace(Cratespace),
}

/// `cargo cratespace`.
#[derive(Debug, Args)]
pub struct Cratespace {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print each cratespace's members: module path, dependency, resolved
    /// version, kind, gate, whether it is compiled in, and license.
    #[command(after_help = "\
Examples:
  cargo cratespace tree
  cargo cratespace tree -p acme --no-default-features
  cargo cratespace tree --features derive --message-format json")]
    Tree(Tree),
    /// Report every problem of the cratespace manifests, without compiling.
    #[command(after_help = "\
Examples:
  cargo cratespace check
  cargo cratespace check --workspace
  cargo cratespace check --message-format json --cargo-check   (an editor's check command)")]
    Check(Check),
    /// Check what the compiler cannot see: each voucher's resolved version
    /// and checksum, cargo-vet audits, and the licenses and no-std policy.
    #[command(after_help = "\
Examples:
  cargo cratespace audit
  cargo cratespace audit --workspace --message-format json
  cargo cratespace audit -p acme --no-default-features   (the no-std build)")]
    Audit(Audit),
    /// Write each cratespace's expansion as a Rust file, which the top crate
    /// includes in place of the macro: no proc macro in its graph.
    #[command(after_help = "\
Examples:
  cargo cratespace generate                  (to the `generated` path of the manifest)
  cargo cratespace generate --output src/cratespace.rs
  cargo cratespace generate --check          (in CI, as `cargo fmt --check`)")]
    Generate(Generate),
    /// Add a member to the cratespace table and, where missing, its
    /// dependency and the feature that enables it, keeping the file's layout.
    #[command(after_help = "\
Examples:
  cargo cratespace add json acme-json --path ../acme-json
  cargo cratespace add formats::yaml yaml-fast --version 0.3 --feature yaml
  cargo cratespace add formats::int itoa --version 1.0.10 --optional \\
      --voucher --approved '>=1.0.10, <2' --by 'acme maintainers'
  cargo cratespace add derive acme-derive --feature derive --dry-run   (print the diff)")]
    Add(Add),
    /// Write the manifest of a hand-written facade, and replace its
    /// re-exports with `cratespace::cratespace!()`.
    #[command(after_help = "\
Examples:
  cargo cratespace init --dry-run            (print both diffs, write nothing)
  cargo cratespace init
  cargo cratespace init --manifest-path crates/acme/Cargo.toml")]
    Init(Init),
}

/// `cargo cratespace tree`.
#[derive(Debug, Args)]
pub struct Tree {
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub build: BuildFlags,
}

/// `cargo cratespace check`.
#[derive(Debug, Args)]
pub struct Check {
    #[command(flatten)]
    pub common: Common,
    /// Run `cargo check --message-format json` first and pass its messages on
    /// (with `--message-format json`)
    #[arg(long)]
    pub cargo_check: bool,
    /// Arguments for `cargo check`, after `--` (`-- --all-targets`)
    #[arg(last = true, value_name = "CARGO_CHECK_ARGS", requires = "cargo_check")]
    pub cargo_check_args: Vec<String>,
}

/// `cargo cratespace audit`.
#[derive(Debug, Args)]
pub struct Audit {
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub build: BuildFlags,
}

/// Which build of the top crate `tree` and `audit` speak of: its features,
/// and the target.
#[derive(Debug, Args)]
pub struct BuildFlags {
    #[command(flatten)]
    pub features: clap_cargo::Features,
    /// The build for this target triple instead of the host's: its gates,
    /// and the no-std policy
    #[arg(long, value_name = "TRIPLE")]
    pub target: Option<String>,
}

/// `cargo cratespace generate`.
#[derive(Debug, Args)]
pub struct Generate {
    #[command(flatten)]
    pub common: Common,
    /// Write the file here instead of the manifest's `generated` path
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write nothing; print a diff and exit with 1 where the file is not
    /// what the manifest gives
    #[arg(long)]
    pub check: bool,
}

/// `cargo cratespace add`.
#[derive(Debug, Args)]
pub struct Add {
    /// The member's module path: `json`, `formats::json` (in the namespace
    /// `formats`), or `*` for a glob
    #[arg(value_name = "MODULE")]
    pub module: String,
    /// The dependency's key in `[dependencies]`; added there when missing
    #[arg(value_name = "DEPENDENCY")]
    pub dependency: String,
    /// Add the dependency from the local crate in this directory (relative to
    /// the current directory)
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,
    /// Add the dependency with this version requirement
    #[arg(long, value_name = "REQ")]
    pub version: Option<String>,
    /// Make the dependency optional, enabled by a feature of its name unless
    /// `--feature` names one
    #[arg(long)]
    pub optional: bool,
    /// The feature that enables the dependency, made when missing (implies
    /// `--optional`)
    #[arg(long, value_name = "FEATURE")]
    pub feature: Option<String>,
    /// The member's doc line
    #[arg(long, value_name = "TEXT")]
    pub doc: Option<String>,
    /// Join an external crate as a voucher member, with `--approved` and `--by`
    #[arg(long, requires_all = ["approved", "by"])]
    pub voucher: bool,
    /// The versions vouched for (with `--voucher`)
    #[arg(long, value_name = "REQ", requires = "voucher")]
    pub approved: Option<String>,
    /// Who vouches (with `--voucher`; repeatable)
    #[arg(long, value_name = "WHO", requires = "voucher")]
    pub by: Vec<String>,
    /// The cargo-vet criteria the vouched versions need (with `--voucher`)
    #[arg(long, value_name = "CRITERIA", requires = "voucher")]
    pub vet: Option<String>,
    /// Write nothing; print the diff of what would change
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub common: Common,
}

/// `cargo cratespace init`.
#[derive(Debug, Args)]
pub struct Init {
    #[command(flatten)]
    pub common: Common,
    /// Print the edits of Cargo.toml and of the lib root as diffs, and
    /// write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// What every command takes: which packages, how cargo runs, how to print.
#[derive(Debug, Args)]
pub struct Common {
    #[command(flatten)]
    pub manifest: clap_cargo::Manifest,
    #[command(flatten)]
    pub workspace: clap_cargo::Workspace,
    #[command(flatten)]
    pub cargo: CargoFlags,
    /// The output format
    #[arg(long, value_enum, value_name = "FMT", default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Coloring
    #[arg(long, value_enum, value_name = "WHEN", env = "CARGO_TERM_COLOR", default_value_t = Color::Auto)]
    pub color: Color,
    /// Print nothing but the problems
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print the cargo commands run
    #[arg(short, long)]
    pub verbose: bool,
}

/// Flags passed on to every cargo command run.
#[derive(Debug, Args)]
pub struct CargoFlags {
    /// Assert that `Cargo.lock` will remain unchanged
    #[arg(long)]
    pub locked: bool,
    /// Run without accessing the network
    #[arg(long)]
    pub offline: bool,
    /// Equivalent to specifying both --locked and --offline
    #[arg(long)]
    pub frozen: bool,
}

impl CargoFlags {
    /// The flags as cargo takes them.
    pub fn args(&self) -> Vec<String> {
        let flags = [
            (self.locked, "--locked"),
            (self.offline, "--offline"),
            (self.frozen, "--frozen"),
        ];
        flags
            .into_iter()
            .filter(|(given, _)| *given)
            .map(|(_, flag)| flag.to_owned())
            .collect()
    }
}

/// `--message-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// Text for people, coloured on a terminal
    Human,
    /// One JSON object a line on stdout
    Json,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when the output is a terminal
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

impl Common {
    /// The manifest given with `--manifest-path`, if any.
    pub fn manifest_path(&self) -> Option<&PathBuf> {
        self.manifest.manifest_path.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cargo::command().debug_assert();
    }
}
