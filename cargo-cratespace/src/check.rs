//! `cargo cratespace check`: every problem of the manifests (SPEC §6),
//! without compiling.
//!
//! The packages come from `cargo metadata --no-deps` when cargo can load
//! the workspace; when it cannot (a `Cargo.toml` that is not TOML, say),
//! the package of the manifest at hand is read directly, so that its
//! problems are still reported.

use crate::Outcome;
use crate::cargo::{Cargo, Graph};
use crate::cli::Check;
use crate::cratespaces::{self, Cratespace};
use crate::error::Error;
use crate::generate;
use crate::report;
use crate::shell::Shell;
use crate::workspace;
use cargo_metadata::{DependencyKind, Metadata};
use cratespace_manifest::Diagnostic;
use cratespace_manifest::model::RESERVED_MODULE;

/// Runs `check`.
pub fn run(args: &Check, shell: &Shell) -> Result<Outcome, Error> {
    let common = &args.common;
    if args.cargo_check && !shell.json() {
        return Err(Error::new(
            "`--cargo-check` passes cargo's JSON messages on, so it needs `--message-format json`",
        ));
    }
    let cargo = Cargo::new(&common.cargo, shell);
    let manifest = workspace::locate(common.manifest_path())?;
    let mut outcome = Outcome::Clean;
    if args.cargo_check && !cargo.check_passing_through(&cargo_check_args(args))? {
        outcome = Outcome::Findings;
    }
    let (packages, metadata) = match cargo.metadata(&manifest, Graph::Packages) {
        Ok(metadata) => (
            workspace::select(&metadata, &manifest, &common.workspace)?,
            Some(metadata),
        ),
        Err(error) => {
            shell.warn(format_args!(
                "only `{}` is checked, read directly: {error}",
                manifest.display()
            ));
            (vec![workspace::read(&manifest)?], None)
        }
    };
    for cratespace in &cratespaces::among(&packages, shell) {
        shell.status("Checking", cratespace.package.describe());
        if report::problems(cratespace, shell) {
            outcome = Outcome::Findings;
        }
        if stale_files(cratespace, shell) {
            outcome = Outcome::Findings;
        }
        if metadata
            .as_ref()
            .is_some_and(|metadata| member_paths_needed(cratespace, metadata, shell))
        {
            outcome = Outcome::Findings;
        }
    }
    Ok(outcome)
}

/// Reports each member whose package depends on `cratespace-member`, whose
/// paths go through the reserved module, in a manifest that leaves the
/// module out (`member-paths = false`); whether there was one. The packages
/// seen are the workspace's (`cargo metadata --no-deps`), where a family
/// keeps its own proc-macro members.
fn member_paths_needed(cratespace: &Cratespace, metadata: &Metadata, shell: &Shell) -> bool {
    // The workspace's packages whose macros take paths through the module.
    let users: Vec<&str> = metadata
        .workspace_packages()
        .into_iter()
        .filter(|package| {
            package.dependencies.iter().any(|dependency| {
                dependency.name == "cratespace-member" && dependency.kind == DependencyKind::Normal
            })
        })
        .map(|package| package.name.as_str())
        .collect();
    let mut found = false;
    for manifest in &cratespace.manifests {
        let model = &manifest.loaded.cratespace;
        if model.crates.is_some() || !manifest.loaded.diagnostics.is_empty() {
            continue;
        }
        // Each package once, at the first member it gives.
        let mut unreported = users.clone();
        for (path, member) in model.root.members() {
            let Some(at) = unreported.iter().position(|name| *name == member.package) else {
                continue;
            };
            unreported.swap_remove(at);
            let diagnostic = Diagnostic::new(format!(
                "member `{path}` depends on `cratespace-member`, but `member-paths = false`"
            ))
            .note(format!(
                "`{}` takes paths to member crates through `::{}::{RESERVED_MODULE}`,\nwhich `member-paths = false` leaves out",
                member.package,
                cratespace.package.name.replace('-', "_")
            ))
            .help("remove `member-paths = false` from the cratespace table");
            report::diagnostic(cratespace, &diagnostic, manifest.call.as_ref(), shell);
            found = true;
        }
    }
    found
}

/// Reports each file `cargo cratespace generate` wrote that no longer holds
/// what its manifest gives; whether there was one.
fn stale_files(cratespace: &Cratespace, shell: &Shell) -> bool {
    let mut found = false;
    for manifest in &cratespace.manifests {
        let loaded = &manifest.loaded;
        let Some(generated) = &loaded.cratespace.generated else {
            continue;
        };
        if !loaded.diagnostics.is_empty() {
            continue;
        }
        let path = cratespace.package.dir().join(generated);
        match generate::is_current(&path, cratespace.package, manifest) {
            Ok(true) => {}
            Ok(false) => {
                let what = if path.exists() {
                    "is stale"
                } else {
                    "is missing"
                };
                let diagnostic =
                    Diagnostic::new(format!("the generated file `{generated}` {what}"))
                        .note("it is not what `cargo cratespace generate` writes from the manifest")
                        .help(format!(
                            "write it again: `cargo cratespace generate -p {}`",
                            cratespace.package.name
                        ));
                report::diagnostic(cratespace, &diagnostic, manifest.call.as_ref(), shell);
                found = true;
            }
            Err(error) => shell.warn(error),
        }
    }
    found
}

/// The package selection, as given, then what follows `--`.
fn cargo_check_args(args: &Check) -> Vec<String> {
    let common = &args.common;
    let mut out = Vec::new();
    if let Some(path) = common.manifest_path() {
        out.push("--manifest-path".to_owned());
        out.push(path.display().to_string());
    }
    for package in &common.workspace.package {
        out.extend(["-p".to_owned(), package.clone()]);
    }
    if common.workspace.workspace || common.workspace.all {
        out.push("--workspace".to_owned());
    }
    for excluded in &common.workspace.exclude {
        out.extend(["--exclude".to_owned(), excluded.clone()]);
    }
    out.extend(args.cargo_check_args.iter().cloned());
    out
}
