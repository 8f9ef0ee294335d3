//! Which packages are cratespaces, and what their manifests hold: read by
//! `cratespace-manifest`, as the macro reads them.
//!
//! A package is a cratespace when its `Cargo.toml` has a cratespace table,
//! or when its lib root calls `cratespace!`. Each call with valid arguments
//! loads its manifest as the macro would; with no call, the table in
//! `Cargo.toml` is loaded.

use crate::invocation::{self, Invocation};
use crate::report;
use crate::shell::Shell;
use crate::workspace::Package;
use cratespace_manifest::{Diagnostic, Loaded, Location, Request, Source, load};
use std::path::Path;

/// A cratespace package and what its manifests say.
pub struct Cratespace<'p> {
    /// The package.
    pub package: &'p Package,
    /// Each manifest loaded, once however many calls load it.
    pub manifests: Vec<Manifest>,
    /// Calls whose arguments are wrong, which load nothing.
    pub bad_calls: Vec<Diagnostic>,
}

/// One manifest, loaded.
pub struct Manifest {
    /// The `manifest = "…"` file it was read from; `None` for the table in
    /// `Cargo.toml`.
    pub file: Option<String>,
    /// The model and its problems.
    pub loaded: Loaded,
    /// The first call that loads it, where the compiler reports the
    /// problems that have no place in a file.
    pub call: Option<Location>,
}

impl Cratespace<'_> {
    /// Every problem, with the call that reports it, in the order the
    /// compiler reports them.
    pub fn problems(&self) -> Vec<(&Diagnostic, Option<&Location>)> {
        let mut problems: Vec<_> = self.bad_calls.iter().map(|bad| (bad, None)).collect();
        for manifest in &self.manifests {
            for diagnostic in &manifest.loaded.diagnostics {
                problems.push((diagnostic, manifest.call.as_ref()));
            }
        }
        problems
    }
}

/// The cratespaces among `packages`; a warning says so when there is none.
pub fn among<'p>(packages: &'p [Package], shell: &Shell) -> Vec<Cratespace<'p>> {
    let found: Vec<Cratespace> = packages
        .iter()
        .filter_map(|package| read(package, shell))
        .collect();
    if found.is_empty() {
        report::none_found(packages, shell);
    }
    found
}

/// The cratespace of `package`, or `None` when it is not one.
pub fn read<'p>(package: &'p Package, shell: &Shell) -> Option<Cratespace<'p>> {
    let invocations = package
        .lib_root
        .as_deref()
        .map(|root| invocations(package.dir(), root, shell))
        .unwrap_or_default();
    if invocations.is_empty() && !package.has_table {
        return None;
    }
    // Each manifest, the first call that loads it and that call's literal.
    let mut requests: Vec<(Option<String>, Option<Location>, Option<Location>)> = Vec::new();
    let mut bad_calls = Vec::new();
    if invocations.is_empty() {
        requests.push((None, None, None));
    }
    for invocation in invocations {
        match invocation.manifest {
            Ok(argument) => {
                let (manifest, literal) = argument.unzip();
                if !requests.iter().any(|(seen, ..)| *seen == manifest) {
                    requests.push((manifest, Some(invocation.location), literal));
                }
            }
            Err(diagnostic) => bad_calls.push(*diagnostic),
        }
    }
    let manifests = requests
        .into_iter()
        .map(|(manifest, call, literal)| {
            let mut loaded = load(&Request {
                manifest_dir: package.dir().to_path_buf(),
                manifest: manifest.clone(),
            });
            // The macro reports a manifest file it cannot read at the
            // argument that names it.
            for diagnostic in &mut loaded.diagnostics {
                if diagnostic.argument && diagnostic.location.is_none() {
                    diagnostic.location.clone_from(&literal);
                }
            }
            Manifest {
                file: manifest,
                loaded,
                call,
            }
        })
        .collect();
    Some(Cratespace {
        package,
        manifests,
        bad_calls,
    })
}

/// The calls in the lib root; none when it cannot be read or parsed, as
/// the compiler then reports the file itself.
fn invocations(dir: &Path, root: &Path, shell: &Shell) -> Vec<Invocation> {
    let text = match std::fs::read_to_string(root) {
        Ok(text) => text,
        Err(error) => {
            shell.warn(format_args!("cannot read `{}`: {error}", root.display()));
            return Vec::new();
        }
    };
    let name = root.strip_prefix(dir).unwrap_or(root);
    let name = name.to_string_lossy().replace('\\', "/");
    match invocation::find(&Source::new(name, text)) {
        Ok(found) => found,
        Err(error) => {
            shell.warn(format_args!(
                "`{}` is not Rust that can be read ({error}), so its `cratespace!` calls are not checked",
                root.display()
            ));
            Vec::new()
        }
    }
}
