//! `cargo cratespace init`: a hand-written facade turned into a cratespace
//! (SPEC §7). The lib root is read with syn; its re-exports of dependencies
//! become the members of a manifest written into `Cargo.toml`, and their
//! items give way to one `cratespace::cratespace!();`.
//!
//! A member gets a `cfg` key only where its `#[cfg]` is not, logically, the
//! gate cratespace derives for its dependency: that gate is read off the
//! manifest loaded with `cratespace-manifest`, as the macro loads it, and
//! the manifest written is loaded again, so that `check` finds nothing in
//! it.

mod dependencies;
mod equivalence;
mod facade;
mod manifest;
mod splice;

use self::dependencies::Dependencies;
use self::equivalence::Relation;
use self::facade::{Facade, Reexport};
use self::manifest::{Edit, Member};
use crate::Outcome;
use crate::cargo::{Cargo, Graph};
use crate::cli::Init;
use crate::error::Error;
use crate::files;
use crate::invocation;
use crate::shell::Shell;
use crate::workspace::{self, Package};
use cargo_metadata::Metadata;
use cratespace_manifest::{Cfg, Loaded, Source, Sources, load_sources, shown_path};
use std::path::{Path, PathBuf};

/// The requirement written for the `cratespace` dependency: this release.
const RUNTIME: &str = env!("CARGO_PKG_VERSION");

/// Runs `init`.
pub fn run(args: &Init, shell: &Shell) -> Result<Outcome, Error> {
    let common = &args.common;
    if shell.json() {
        return Err(Error::new(
            "`init` writes diffs and warnings for people: it has no `--message-format json`",
        ));
    }
    let cargo = Cargo::new(&common.cargo, shell);
    let manifest = workspace::locate(common.manifest_path())?;
    let metadata = cargo.metadata(&manifest, Graph::Every)?;
    let packages = workspace::select(&metadata, &manifest, &common.workspace)?;
    let mut outcome = Outcome::Clean;
    for package in &packages {
        if migrate(package, &metadata, args.dry_run, shell)? == Outcome::Findings {
            outcome = Outcome::Findings;
        }
    }
    Ok(outcome)
}

/// Migrates the facade of `package`, or says why there is none.
fn migrate(
    package: &Package,
    metadata: &Metadata,
    dry_run: bool,
    shell: &Shell,
) -> Result<Outcome, Error> {
    let Some(lib_root) = &package.lib_root else {
        shell.warn(format_args!(
            "`{}` has no library, so no facade to migrate",
            package.name
        ));
        return Ok(Outcome::Clean);
    };
    let lib_name = relative(package, lib_root);
    let source = Source::new(lib_name.clone(), read(lib_root)?);
    if let Some(why) = already_a_cratespace(package, &source) {
        shell.warn(format_args!(
            "`{}` is a cratespace already: {why}",
            package.name
        ));
        return Ok(Outcome::Clean);
    }
    shell.status("Migrating", package.describe());
    let crates = Dependencies::of(metadata, &package.id);
    let facade = facade::read(&source.text, &crates).map_err(|error| {
        let start = error.span().start();
        Error::new(format!(
            "cannot read `{lib_name}` as Rust, at line {} column {}: {error}",
            start.line,
            start.column + 1
        ))
    })?;
    let shown_lib = shown(package, &lib_name);
    warn_of_what_stays(&facade, &source, &shown_lib, shell);
    if facade.reexports.is_empty() {
        shell.warn(format_args!(
            "`{lib_name}` of `{}` re-exports no dependency the manifest can hold: nothing is written",
            package.name
        ));
        return Ok(Outcome::Clean);
    }

    let cargo_text = read(&package.manifest_path)?;
    let workspace = workspace_root(package, metadata)?;
    let edit = Edit {
        runtime: package.runtime.is_none().then_some(RUNTIME),
        without_metadata: facade.root_names.iter().any(|name| name == "CRATESPACE"),
    };
    let cfgs = cfgs(&cargo_text, workspace.as_ref(), &facade, &edit)?;
    warn_of_wider_cfgs(&facade, &cfgs, &source, &shown_lib, shell);
    let members: Vec<Member> = facade
        .reexports
        .iter()
        .zip(cfgs)
        .map(|(reexport, cfg)| Member {
            reexport,
            cfg: cfg.key,
        })
        .collect();
    let new_cargo = manifest::edit(&cargo_text, &members, &edit)?;
    let loaded = load(&new_cargo, workspace.as_ref());
    if !loaded.diagnostics.is_empty() {
        let cwd = std::env::current_dir().unwrap_or_default();
        for diagnostic in &loaded.diagnostics {
            shell.diagnostic(&diagnostic.render(&|file| shown_path(package.dir(), &cwd, file)));
        }
        shell.error(format_args!(
            "the manifest read from `{lib_name}` of `{}` has problems: nothing is written",
            package.name
        ));
        return Ok(Outcome::Findings);
    }
    let call = call(package, &facade);
    let new_lib = splice::splice(&source.text, &facade.replaced, &call);

    let shown_cargo = shown(package, "Cargo.toml");
    if dry_run {
        shell.print(files::diff(
            Path::new(&shown_cargo),
            &cargo_text,
            &new_cargo,
        ));
        shell.print(files::diff(Path::new(&shown_lib), &source.text, &new_lib));
        shell.warn("aborting init due to dry run");
        return Ok(Outcome::Clean);
    }
    // Cargo.toml first: a facade whose manifest is written and whose
    // re-exports are not yet replaced still builds.
    files::write(&package.manifest_path, &new_cargo)?;
    shell.status(
        "Updated",
        format_args!(
            "{shown_cargo}: [package.metadata.cratespace] with {} members",
            members.len()
        ),
    );
    files::write(lib_root, &new_lib)?;
    shell.status(
        "Updated",
        format_args!(
            "{shown_lib}: {} re-export items replaced by `{call}`",
            facade.replaced.len(),
        ),
    );
    Ok(Outcome::Clean)
}

/// Why `package`, whose lib root is `source`, is a cratespace already, if
/// it is one.
fn already_a_cratespace(package: &Package, source: &Source) -> Option<&'static str> {
    if package.has_table {
        Some("its Cargo.toml has a [package.metadata.cratespace] table")
    } else if invocation::find(source).is_ok_and(|calls| !calls.is_empty()) {
        Some("its lib root calls `cratespace!`")
    } else {
        None
    }
}

/// Warns of each re-export that stays as written and each namespace doc
/// comment that gives way to the macro's, in the order of the file.
fn warn_of_what_stays(facade: &Facade, source: &Source, shown_lib: &str, shell: &Shell) {
    let mut warnings: Vec<(usize, String)> = Vec::new();
    for left in &facade.left {
        let location = source.locate(left.at..left.at);
        warnings.push((
            left.at,
            format!(
                "left as written: {}\n  --> {shown_lib}:{}:{}\n  = note: {}",
                first_line(&location.line_text),
                location.line,
                location.column,
                left.why
            ),
        ));
    }
    for (at, namespace) in &facade.dropped_docs {
        let location = source.locate(*at..*at);
        warnings.push((
            *at,
            format!(
                "the doc comment of `{namespace}` gives way to the one `cratespace!` writes: a namespace has no `doc` key\n  --> {shown_lib}:{}:{}",
                location.line, location.column
            ),
        ));
    }
    warnings.sort_by_key(|(at, _)| *at);
    for (_, warning) in &warnings {
        shell.warn(warning);
    }
}

/// Warns of each re-export whose `#[cfg]` holds where cargo does not
/// compile its dependency: the facade did not build there.
fn warn_of_wider_cfgs(
    facade: &Facade,
    cfgs: &[CfgKey],
    source: &Source,
    shown_lib: &str,
    shell: &Shell,
) {
    for (reexport, cfg) in facade.reexports.iter().zip(cfgs) {
        let Some(gate) = &cfg.wider_than else {
            continue;
        };
        let location = source.locate(reexport.at..reexport.at);
        let path = reexport.module_path();
        let written = match &reexport.cfg {
            Some(written) => format!("the `#[cfg({written})]` of `{path}` holds"),
            None => format!("`{path}` has no `#[cfg]`: it is there"),
        };
        shell.warn(format_args!(
            "{written} where cargo does not compile `{}`, which it compiles where `{gate}` holds: the facade did not build there, and the member keeps `cfg = \"{}\"`\n  --> {shown_lib}:{}:{}",
            reexport.key,
            cfg.key.as_deref().unwrap_or_default(),
            location.line,
            location.column
        ));
    }
}

/// The `cfg` key of a member, and the gate of its dependency when its
/// `#[cfg]` holds where that dependency is not compiled.
struct CfgKey {
    key: Option<String>,
    wider_than: Option<Cfg>,
}

/// Each re-export's `cfg` key: none where its `#[cfg]` is the gate
/// cratespace derives for its dependency; its `#[cfg]` otherwise, and
/// where no gate can be derived (a dependency of a target triple).
fn cfgs(
    cargo_text: &str,
    workspace: Option<&Source>,
    facade: &Facade,
    edit: &Edit,
) -> Result<Vec<CfgKey>, Error> {
    let gates = gates(cargo_text, workspace, facade, edit)?;
    let keys = facade.reexports.iter().map(|reexport| {
        let written = reexport.cfg.clone().unwrap_or_else(Cfg::always);
        let gate = gates
            .iter()
            .find(|(key, _)| *key == reexport.key)
            .and_then(|(_, gate)| gate.clone());
        let relation = gate.as_ref().map_or(Relation::Undecided, |gate| {
            equivalence::compare(&written, gate)
        });
        CfgKey {
            key: (relation != Relation::Equivalent).then(|| written.to_string()),
            wider_than: gate.filter(|_| relation == Relation::Wider),
        }
    });
    Ok(keys.collect())
}

/// The gate cratespace derives for each dependency the facade re-exports,
/// as the model of a manifest with one plain member for each gives it;
/// `None` where it derives none.
fn gates<'f>(
    cargo_text: &str,
    workspace: Option<&Source>,
    facade: &'f Facade,
    edit: &Edit,
) -> Result<Vec<(&'f str, Option<Cfg>)>, Error> {
    let mut keys: Vec<&str> = Vec::new();
    for reexport in &facade.reexports {
        if !keys.contains(&reexport.key.as_str()) {
            keys.push(&reexport.key);
        }
    }
    let probes: Vec<Reexport> = keys
        .iter()
        .enumerate()
        .map(|(index, key)| Reexport {
            namespace: Vec::new(),
            name: Some(format!("gate_{index}")),
            key: (*key).to_owned(),
            path: Vec::new(),
            cfg: None,
            doc: None,
            at: 0,
        })
        .collect();
    let members: Vec<Member> = probes
        .iter()
        .map(|reexport| Member {
            reexport,
            cfg: None,
        })
        .collect();
    let loaded = load(&manifest::edit(cargo_text, &members, edit)?, workspace);
    let derived = loaded.cratespace.root.members();
    Ok(keys
        .into_iter()
        .enumerate()
        .map(|(index, key)| {
            let probe = format!("gate_{index}");
            let gate = derived
                .iter()
                .find(|(path, _)| *path == probe)
                .map(|(_, member)| member.gate.clone().unwrap_or_else(Cfg::always));
            (key, gate)
        })
        .collect())
}

/// The manifest in `cargo_text` loaded as the macro loads it.
fn load(cargo_text: &str, workspace: Option<&Source>) -> Loaded {
    load_sources(&Sources {
        cargo: Some(Source::new("Cargo.toml", cargo_text)),
        workspace: workspace.cloned(),
        manifest: None,
    })
}

/// The `Cargo.toml` of the workspace root, when it is not the package's,
/// named relative to the package as the macro names it.
fn workspace_root(package: &Package, metadata: &Metadata) -> Result<Option<Source>, Error> {
    let root = metadata.workspace_root.as_std_path().join("Cargo.toml");
    if same_file(&root, &package.manifest_path) {
        return Ok(None);
    }
    let name = match package
        .dir()
        .strip_prefix(metadata.workspace_root.as_std_path())
    {
        Ok(below) => format!("{}Cargo.toml", "../".repeat(below.components().count())),
        Err(_) => root.display().to_string(),
    };
    Ok(Some(Source::new(name, read(&root)?)))
}

/// The call that replaces the re-exports: through the name the crate
/// depends on `cratespace` under, `::`-rooted where a local item or
/// `#![no_implicit_prelude]` would hide a plain path.
fn call(package: &Package, facade: &Facade) -> String {
    let runtime = package.runtime.as_deref().unwrap_or("cratespace");
    let hidden = facade.no_implicit_prelude || facade.root_names.iter().any(|name| name == runtime);
    let colons = if hidden { "::" } else { "" };
    format!("{colons}{runtime}::cratespace!();")
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|error| Error::new(format!("cannot read `{}`: {error}", path.display())))
}

/// `path` relative to the package's directory, `/`-separated.
fn relative(package: &Package, path: &Path) -> String {
    let relative: PathBuf = path
        .strip_prefix(package.dir())
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
    relative.to_string_lossy().replace('\\', "/")
}

/// The file `name` of `package` as cargo names it: relative to the
/// current directory when it is below it.
fn shown(package: &Package, name: &str) -> String {
    match std::env::current_dir() {
        Ok(cwd) => shown_path(package.dir(), &cwd, name),
        Err(_) => name.to_owned(),
    }
}

/// The start of an item's line, for a message.
fn first_line(line: &str) -> String {
    let line = line.trim();
    match line.char_indices().nth(80) {
        Some((at, _)) => format!("`{}…`", &line[..at]),
        None => format!("`{line}`"),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
