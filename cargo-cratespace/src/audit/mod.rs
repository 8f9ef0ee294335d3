//! `cargo cratespace audit`: what the compiler cannot see, checked the way
//! a careful consumer checks a crate before taking it in.
//!
//! The build graph is `cargo metadata`'s for every platform with every
//! feature on, so that each member's dependency edge is in it whatever
//! gates it: each voucher's resolved version must be one it approves, the
//! `.crate` locked one of its `checksums`, and the version covered by a
//! cargo-vet audit when it names `vet`; each member's license must satisfy
//! the policy's `licenses`. The no-std policy is for one build: the top
//! crate alone with the feature flags given (its default features unless
//! told), on the host or `--target`.

mod license;
mod lock;
mod no_std;
mod vet;
mod voucher;

use crate::build::{Build, Platforms};
use crate::cargo::Cargo;
use crate::cli::Audit;
use crate::cratespaces::{self, Cratespace};
use crate::error::Error;
use crate::shell::Shell;
use crate::tree::{self, Row};
use crate::workspace::Package;
use crate::{Outcome, json, report};
use cargo_metadata::Metadata;
use cargo_platform::Cfg;
use std::collections::HashSet;
use std::path::Path;

/// Which check a finding is of, as the JSON names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// A voucher's resolved version against its `approved`.
    Approved,
    /// A voucher's locked `.crate` against its `checksums`.
    Checksum,
    /// A voucher's resolved version against cargo-vet's audits.
    Vet,
    /// A member's license against the policy's `licenses`.
    License,
    /// A member's crate root against `no-std = true`.
    NoStd,
}

impl Check {
    /// The word for it in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Approved => "approved",
            Check::Checksum => "checksum",
            Check::Vet => "vet",
            Check::License => "license",
            Check::NoStd => "no-std",
        }
    }
}

/// What one check found wrong, and how to fix it.
pub struct Problem {
    /// The check.
    pub check: Check,
    /// What is wrong, about the member (`resolves to 9.0.0, …`).
    pub message: String,
    /// The fix.
    pub help: String,
}

/// A finding: a problem and what it is about.
pub struct Finding<'a> {
    /// The member's module path and its resolved package, or `None` for
    /// the policy itself.
    pub member: Option<(String, &'a cargo_metadata::Package)>,
    /// What is wrong and the fix.
    pub problem: Problem,
}

/// A member a check does not apply to, and why.
pub struct Exempt<'a> {
    /// The member's module path and its resolved package.
    pub member: (String, &'a cargo_metadata::Package),
    /// The check.
    pub check: Check,
    /// Why it does not apply.
    pub reason: String,
}

impl Finding<'_> {
    /// The line people read: `member `int` (itoa v1.0.18): …; help: …`.
    pub fn rendered(&self) -> String {
        let subject = match &self.member {
            Some((path, package)) => described(path, package),
            None => "policy".to_owned(),
        };
        format!(
            "{subject}: {}; help: {}",
            self.problem.message, self.problem.help
        )
    }
}

impl Exempt<'_> {
    /// The line people read.
    pub fn rendered(&self) -> String {
        let (path, package) = &self.member;
        format!("{}: {}", described(path, package), self.reason)
    }
}

fn described(path: &str, package: &cargo_metadata::Package) -> String {
    format!("member `{path}` ({} v{})", package.name, package.version)
}

/// Where a package comes from, as far as the checks care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A registry: a `.crate` with a checksum.
    Registry,
    /// A directory: no `.crate`.
    Path,
    /// A git repository: a revision, no `.crate`.
    Git,
}

impl Origin {
    /// The origin of `package`, from its source in `cargo metadata`.
    pub fn of(package: &cargo_metadata::Package) -> Origin {
        match &package.source {
            None => Origin::Path,
            Some(source) if source.repr.starts_with("git+") => Origin::Git,
            Some(_) => Origin::Registry,
        }
    }
}

/// A path as cargo shows one: relative to the current directory when it
/// is below it.
pub fn shown(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    match relative {
        Some(relative) if !relative.as_os_str().is_empty() => {
            relative.to_string_lossy().replace('\\', "/")
        }
        _ => path.display().to_string(),
    }
}

/// What the checks of every cratespace share: the build graph, and the
/// lock file and cargo-vet store, each read once when first needed.
struct Inputs<'m> {
    metadata: &'m Metadata,
    lock: Option<lock::Lock>,
    store: Option<vet::Store>,
}

impl Inputs<'_> {
    fn lock(&mut self) -> Result<&lock::Lock, Error> {
        if self.lock.is_none() {
            let path = self.metadata.workspace_root.join("Cargo.lock");
            let lock = lock::Lock::read(path.as_std_path(), &shown(path.as_std_path()))?;
            self.lock = Some(lock);
        }
        Ok(self.lock.as_ref().expect("read above"))
    }

    fn store(&mut self) -> Result<&vet::Store, Error> {
        if self.store.is_none() {
            self.store = Some(vet::Store::read(self.metadata)?);
        }
        Ok(self.store.as_ref().expect("read above"))
    }
}

/// The build the no-std policy is checked for, and how to ask cargo of it.
struct Audited<'a> {
    cargo: &'a Cargo<'a>,
    /// The workspace root's `Cargo.toml`.
    workspace: &'a Path,
    /// The top crate's package id.
    top: &'a str,
    /// The top crate's name.
    top_name: &'a str,
    features: &'a clap_cargo::Features,
    target: &'a str,
    /// rustc's cfg values for the target.
    cfg: &'a [Cfg],
}

/// Runs `audit`.
pub fn run(args: &Audit, shell: &Shell) -> Result<Outcome, Error> {
    let cargo = Cargo::new(&args.common.cargo, shell);
    let target = args.build.target.as_ref();
    let build = Build::resolve(&cargo, &args.common, target, Platforms::Every, shell)?;
    let found = cratespaces::among(&build.packages, shell);
    if found.is_empty() {
        return Ok(Outcome::Clean);
    }
    let metadata = &build.metadata;
    let rustc = build.rustc_cfg(shell)?;
    let mut inputs = Inputs {
        metadata,
        lock: None,
        store: None,
    };
    let mut outcome = Outcome::Clean;
    for cratespace in &found {
        let package = cratespace.package;
        shell.status("Auditing", package.describe());
        let (_, cfg) = build.features(&cargo, package, &args.build.features, &rustc)?;
        let audited = Audited {
            cargo: &cargo,
            workspace: &build.workspace,
            top: &package.id,
            top_name: &package.name,
            features: &args.build.features,
            target: &build.target,
            cfg: &rustc,
        };
        let mut findings = Vec::new();
        let mut exempt = Vec::new();
        for manifest in &cratespace.manifests {
            let model = &manifest.loaded.cratespace;
            let rows = tree::rows(metadata, package, &model.root, &cfg)?;
            audit(
                model,
                &rows,
                &audited,
                &mut inputs,
                &mut findings,
                &mut exempt,
            )?;
        }
        report_findings(cratespace, &findings, &exempt, shell);
        if !findings.is_empty() {
            outcome = Outcome::Findings;
        }
        if report::problems(cratespace, shell) {
            outcome = Outcome::Findings;
        }
    }
    Ok(outcome)
}

/// Every check of one manifest's members, in manifest order: the policy's
/// own list first, then each member's voucher, license and crate root.
fn audit<'m>(
    model: &cratespace_manifest::Cratespace,
    rows: &[Row<'m>],
    audited: &Audited<'_>,
    inputs: &mut Inputs<'_>,
    findings: &mut Vec<Finding<'m>>,
    exempt: &mut Vec<Exempt<'m>>,
) -> Result<(), Error> {
    let policy = &model.policy;
    let allowed = policy.licenses.as_deref().map(|licenses| {
        let (allowed, problems) = license::allowed(licenses);
        findings.extend(problems.into_iter().map(|problem| Finding {
            member: None,
            problem,
        }));
        allowed
    });
    // A package two members reach (a glob and a module of it) is checked once.
    let mut seen = HashSet::new();
    for row in rows {
        let Some(resolved) = row.resolved else {
            continue;
        };
        let member = (row.path.clone(), resolved);
        let mut problems = Vec::new();
        if let Some(voucher) = &row.member.voucher {
            problems.extend(voucher::approved(voucher, resolved));
            if !voucher.checksums.is_empty() {
                problems.extend(voucher::checksum(voucher, resolved, inputs.lock()?));
            }
            if let Some(criteria) = &voucher.vet {
                problems.extend(inputs.store()?.check(resolved, criteria));
            }
        }
        if seen.insert(&resolved.id) {
            if let Some(allowed) = &allowed {
                problems.extend(license::check(allowed, resolved));
            }
            if policy.no_std {
                match no_std(row, resolved, audited)? {
                    Verdict::Pass => {}
                    Verdict::Problem(problem) => problems.push(problem),
                    Verdict::Exempt(reason) => exempt.push(Exempt {
                        member: member.clone(),
                        check: Check::NoStd,
                        reason,
                    }),
                }
            }
        }
        findings.extend(problems.into_iter().map(|problem| Finding {
            member: Some(member.clone()),
            problem,
        }));
    }
    Ok(())
}

/// What the no-std policy says of one member.
enum Verdict {
    Pass,
    Problem(Problem),
    Exempt(String),
}

fn no_std(
    row: &Row<'_>,
    resolved: &cargo_metadata::Package,
    audited: &Audited<'_>,
) -> Result<Verdict, Error> {
    let Some(lib) = resolved
        .targets
        .iter()
        .find(|target| target.is_lib() || target.is_rlib() || target.is_proc_macro())
    else {
        return Ok(Verdict::Exempt("has no library target".to_owned()));
    };
    if lib.is_proc_macro() {
        return Ok(Verdict::Exempt(
            "a proc-macro crate, run by the compiler on the host: `no-std` does not apply"
                .to_owned(),
        ));
    }
    if !row.compiled_in {
        return Ok(Verdict::Exempt(
            "not compiled in with the features given, so not checked for `no-std`".to_owned(),
        ));
    }
    let root = lib.src_path.as_std_path();
    let conditions = match no_std::declared(root) {
        Ok(no_std::Declared::Always) => return Ok(Verdict::Pass),
        Ok(no_std::Declared::Under(conditions)) => conditions,
        Ok(no_std::Declared::Nowhere) => {
            let help = match Origin::of(resolved) {
                Origin::Path => format!(
                    "declare `#![no_std]` at the top of {} (under `cfg_attr` if std is a feature)",
                    shown(root)
                ),
                _ => "depend on a version or a fork that is no_std, or take the member out"
                    .to_owned(),
            };
            return Ok(Verdict::Problem(Problem {
                check: Check::NoStd,
                message: format!(
                    "its crate root {} does not declare `#![no_std]`",
                    shown(root)
                ),
                help,
            }));
        }
        Err(problem) => return Ok(Verdict::Problem(problem)),
    };
    let output = audited.cargo.feature_tree(
        audited.workspace,
        audited.top,
        &resolved.id.repr,
        audited.features,
        audited.target,
    )?;
    let tree = no_std::FeatureTree::parse(&output);
    Ok(
        match no_std::conditional(
            &conditions,
            &tree,
            audited.cfg,
            audited.top_name,
            audited.target,
            root,
            resolved,
        ) {
            Some(problem) => Verdict::Problem(problem),
            None => Verdict::Pass,
        },
    )
}

/// The findings of a cratespace, one line each, then how many.
fn report_findings(
    cratespace: &Cratespace,
    findings: &[Finding],
    exempt: &[Exempt],
    shell: &Shell,
) {
    let package: &Package = cratespace.package;
    if shell.json() {
        for finding in findings {
            shell.print(json::audit_finding(package, finding));
        }
        for exempt in exempt {
            shell.print(json::audit_exempt(package, exempt));
        }
        shell.print(json::audit(package, findings.len()));
        return;
    }
    for finding in findings {
        shell.error(finding.rendered());
    }
    for exempt in exempt {
        shell.note(exempt.rendered());
    }
    if !findings.is_empty() {
        let count = findings.len();
        let noun = if count == 1 { "finding" } else { "findings" };
        shell.error(format_args!(
            "the cratespace `{}` has {count} audit {noun}",
            package.name
        ));
    }
}

/// A package as `cargo metadata` describes one, for the checks' tests.
#[cfg(test)]
fn test_package(
    name: &str,
    version: &str,
    source: Option<&str>,
    license: Option<&str>,
) -> cargo_metadata::Package {
    serde_json::from_value(serde_json::json!({
        "name": name,
        "version": version,
        "id": format!("{name}@{version}"),
        "source": source,
        "license": license,
        "dependencies": [],
        "targets": [],
        "features": {},
        "manifest_path": "/nowhere/Cargo.toml",
    }))
    .expect("a package")
}

/// crates.io, as a package's source.
#[cfg(test)]
const CRATES_IO: Option<&str> = Some("registry+https://github.com/rust-lang/crates.io-index");
