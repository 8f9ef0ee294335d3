//! Cargo and rustc run as subprocesses: they, not this tool, say what a
//! `Cargo.toml` means, which versions were resolved, which features a build
//! turns on and which cfg values a target has.

use crate::cli::CargoFlags;
use crate::error::Error;
use crate::shell::{Shell, describe};
use cargo_metadata::{CargoOpt, Metadata, MetadataCommand};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The cargo that runs this subcommand (`$CARGO`), with `--locked`,
/// `--offline` and `--frozen` as given.
pub struct Cargo<'s> {
    program: OsString,
    flags: Vec<String>,
    shell: &'s Shell,
}

impl<'s> Cargo<'s> {
    /// Cargo sets `$CARGO` for its subcommands; `cargo` on the `PATH` otherwise.
    pub fn new(flags: &CargoFlags, shell: &'s Shell) -> Self {
        Cargo {
            program: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
            flags: flags.args(),
            shell,
        }
    }

    /// `cargo metadata` of the workspace of `manifest`, describing `graph`.
    pub fn metadata(&self, manifest: &Path, graph: Graph) -> Result<Metadata, Error> {
        let mut command = MetadataCommand::new();
        command
            .cargo_path(&self.program)
            .manifest_path(manifest)
            .other_options(self.flags.clone());
        match graph {
            Graph::Packages => {
                command.no_deps();
            }
            Graph::Target(target) => {
                command.features(CargoOpt::AllFeatures);
                command.other_options(
                    [
                        self.flags.clone(),
                        vec!["--filter-platform".to_owned(), target.to_owned()],
                    ]
                    .concat(),
                );
            }
            Graph::Every => {
                command.features(CargoOpt::AllFeatures);
            }
        }
        self.exec_metadata(&command)
    }

    fn exec_metadata(&self, command: &MetadataCommand) -> Result<Metadata, Error> {
        self.shell.running(&command.cargo_command());
        command.exec().map_err(|error| match error {
            cargo_metadata::Error::CargoMetadata { stderr } => {
                Error::new("`cargo metadata` failed").note(stderr)
            }
            cargo_metadata::Error::Io(error) => self.cannot_run(&error),
            other => Error::new(format!(
                "cannot read the output of `cargo metadata`: {other}"
            )),
        })
    }

    /// The features of `package` that a build of it alone turns on under
    /// `features`, as `cargo tree` reports them.
    pub fn features(
        &self,
        workspace: &Path,
        package: &str,
        features: &clap_cargo::Features,
        target: &str,
    ) -> Result<Vec<String>, Error> {
        let mut command = self.command("tree");
        command.arg("--manifest-path").arg(workspace);
        command.args(["-p", package, "--depth", "0", "--prefix", "none"]);
        command.args(["--edges", "normal", "--format", "{f}"]);
        feature_flags(&mut command, features);
        command.args(["--target", target]);
        let output = self.output(command)?;
        let text = String::from_utf8_lossy(&output.stdout);
        let line = text.lines().next().unwrap_or_default();
        Ok(line
            .split(',')
            .filter(|feature| !feature.is_empty())
            .map(str::to_owned)
            .collect())
    }

    /// What turns on each feature of `package` in a build of `top` alone
    /// under `features`: `cargo tree --edges features --invert`, each line
    /// prefixed with its depth.
    pub fn feature_tree(
        &self,
        workspace: &Path,
        top: &str,
        package: &str,
        features: &clap_cargo::Features,
        target: &str,
    ) -> Result<String, Error> {
        let mut command = self.command("tree");
        command.arg("--manifest-path").arg(workspace);
        command.args(["-p", top, "--invert", package, "--prefix", "depth"]);
        command.args(["--edges", "features", "--target", target]);
        feature_flags(&mut command, features);
        let output = self.output(command)?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// `cargo check --message-format json` with `args`, its messages passed
    /// through to stdout as they come; whether it succeeded.
    pub fn check_passing_through(&self, args: &[String]) -> Result<bool, Error> {
        let mut command = self.command("check");
        command.arg("--message-format").arg("json").args(args);
        command.stdout(Stdio::piped());
        self.shell.running(&command);
        let mut child = command.spawn().map_err(|error| self.cannot_run(&error))?;
        if let Some(stdout) = child.stdout.take() {
            let mut out = std::io::stdout().lock();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = writeln!(out, "{line}");
            }
        }
        let status = child.wait().map_err(|error| self.cannot_run(&error))?;
        Ok(status.success())
    }

    /// `cargo SUBCOMMAND` with the flags every cargo command here takes.
    fn command(&self, subcommand: &str) -> Command {
        let mut command = Command::new(&self.program);
        command.arg(subcommand).args(&self.flags);
        command
    }

    /// The output of a command that must succeed.
    fn output(&self, mut command: Command) -> Result<Output, Error> {
        self.shell.running(&command);
        let output = command.output().map_err(|error| self.cannot_run(&error))?;
        if output.status.success() {
            return Ok(output);
        }
        Err(Error::new(format!("`{}` failed", describe(&command)))
            .note(String::from_utf8_lossy(&output.stderr)))
    }

    fn cannot_run(&self, error: &std::io::Error) -> Error {
        Error::new(format!(
            "cannot run cargo (`{}`): {error}",
            self.program.to_string_lossy()
        ))
        .note("cargo cratespace runs cargo; install a Rust toolchain, or set CARGO to cargo's path")
    }
}

/// Which build graph `cargo metadata` describes.
#[derive(Debug, Clone, Copy)]
pub enum Graph<'t> {
    /// The workspace's packages alone, which needs no resolution.
    Packages,
    /// The resolve for one target with every feature on, so that every
    /// optional dependency edge of that target is in it.
    Target(&'t str),
    /// The resolve for every platform with every feature on: every edge a
    /// build could have.
    Every,
}

/// `--all-features`, `--no-default-features` and `--features`, as given.
fn feature_flags(command: &mut Command, features: &clap_cargo::Features) {
    if features.all_features {
        command.arg("--all-features");
    }
    if features.no_default_features {
        command.arg("--no-default-features");
    }
    if !features.features.is_empty() {
        command.arg("--features").arg(features.features.join(","));
    }
}

/// The target triple of the host, from `rustc -vV`.
pub fn rustc_host(dir: &Path, shell: &Shell) -> Result<String, Error> {
    let version = rustc(dir, &["-vV"], shell)?;
    version
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .map(str::to_owned)
        .ok_or_else(|| Error::new("`rustc -vV` names no host").note(version))
}

/// The cfg values of `target`, as `rustc --print cfg` gives them, and
/// `true`, which every cfg predicate may name.
pub fn rustc_cfg(
    dir: &Path,
    target: &str,
    shell: &Shell,
) -> Result<Vec<cargo_platform::Cfg>, Error> {
    let printed = rustc(dir, &["--print", "cfg", "--target", target], shell)?;
    let mut cfg = vec![cargo_platform::Cfg::Name("true".to_owned())];
    for line in printed.lines() {
        let value = line.parse().map_err(|error| {
            Error::new(format!("cannot read rustc's cfg value `{line}`: {error}"))
        })?;
        cfg.push(value);
    }
    Ok(cfg)
}

/// What `rustc ARGS` prints, run from `dir` so that its toolchain file
/// applies; `$RUSTC` names rustc when set.
fn rustc(dir: &Path, args: &[&str], shell: &Shell) -> Result<String, Error> {
    let program = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut command = Command::new(&program);
    command.current_dir(dir).args(args);
    shell.running(&command);
    let output = command.output().map_err(|error| {
        Error::new(format!(
            "cannot run rustc (`{}`): {error}",
            program.to_string_lossy()
        ))
        .note("the gates are evaluated with rustc's cfg values; set RUSTC to rustc's path")
    })?;
    if !output.status.success() {
        return Err(Error::new(format!("`{}` failed", describe(&command)))
            .note(String::from_utf8_lossy(&output.stderr)));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
