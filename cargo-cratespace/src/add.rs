//! `cargo cratespace add`: a member written into the cratespace table, and
//! where they are missing, its dependency and the feature that enables it
//! (SPEC §7), checked as `check` checks a manifest before anything is
//! written.
//!
//! The decisions this command makes are described in the crate docs, under
//! `add`.

mod document;
mod edit;

use crate::Outcome;
use crate::cargo::{Cargo, Graph};
use crate::cli::Add;
use crate::cratespaces::{self, Cratespace, Manifest};
use crate::error::Error;
use crate::files;
use crate::report;
use crate::shell::Shell;
use crate::workspace::{self, Package};
use cargo_metadata::Metadata;
use cratespace_manifest::model::Versioning;
use cratespace_manifest::{Location, Source, Sources, load_sources, shown_path};
use document::Document;
use edit::{Change, NewDependency, Request, Voucher};
use std::path::Path;
use toml_edit::DocumentMut;

/// Runs `add`.
pub fn run(args: &Add, shell: &Shell) -> Result<Outcome, Error> {
    let common = &args.common;
    let module = module_path(&args.module)?;
    let cargo = Cargo::new(&common.cargo, shell);
    let manifest = workspace::locate(common.manifest_path())?;
    let metadata = cargo.metadata(&manifest, Graph::Packages)?;
    let packages = workspace::select(&metadata, &manifest, &common.workspace)?;
    let [package] = &packages[..] else {
        return Err(Error::new(format!(
            "`add` edits one package, and {} are selected: choose one with `-p NAME`",
            packages.len()
        )));
    };
    let cratespace = cratespaces::read(package, shell);
    let table = match cratespace.as_ref().map(|found| found.manifests.as_slice()) {
        None => None,
        Some([manifest]) => Some(manifest),
        Some([]) => {
            // Only calls with wrong arguments, which load no manifest.
            report_existing(cratespace.as_ref(), shell);
            return Ok(Outcome::Findings);
        }
        Some(several) => {
            let files: Vec<String> = several
                .iter()
                .map(|manifest| {
                    let file = manifest.file.as_deref().unwrap_or("Cargo.toml");
                    format!("`{file}`")
                })
                .collect();
            return Err(Error::new(format!(
                "the lib root of `{}` loads {} manifests ({}), and `add` cannot tell which is meant",
                package.name,
                several.len(),
                files.join(", ")
            ))
            .note("add the member to one of them by hand"));
        }
    };
    let file = table.and_then(|table| table.file.clone());
    // A crate with no table yet gets one; problems of a table that exists
    // are fixed before it grows.
    let table_exists = package.has_table || file.is_some();
    if table_exists
        && cratespace
            .as_ref()
            .is_some_and(|found| !found.problems().is_empty())
    {
        report_existing(cratespace.as_ref(), shell);
        return Ok(Outcome::Findings);
    }

    let mut cargo_toml = Document::read(&package.manifest_path)?;
    let mut table_file = file
        .as_deref()
        .map(|file| Document::read(&package.dir().join(file)))
        .transpose()?;
    let root = workspace_root(&metadata, package)?;
    let versioning = table.map_or(Versioning::Independent, |table| {
        table.loaded.cratespace.versioning
    });
    let voucher = args.voucher.then(|| Voucher {
        approved: args.approved.clone().unwrap_or_default(),
        by: args.by.clone(),
        vet: args.vet.clone(),
    });
    let existing = edit::dependency_key(&cargo_toml.toml, &args.dependency);
    let new_dependency = match &existing {
        Some(key) => {
            agrees_with_entry(args, package, &cargo_toml.toml, key)?;
            None
        }
        None => Some(new_dependency(
            args,
            package,
            &cargo_toml.toml,
            &NewContext {
                metadata: &metadata,
                cargo: &cargo,
                root: root.as_ref(),
                exact: versioning != Versioning::Independent && voucher.is_none(),
            },
        )?),
    };
    let request = Request {
        module,
        dependency: existing.unwrap_or_else(|| args.dependency.clone()),
        new_dependency,
        optional: args.optional,
        feature: args.feature.clone(),
        doc: args.doc.clone(),
        voucher,
    };
    let changes = match edit::apply(
        &mut cargo_toml.toml,
        table_file.as_mut().map(|file| &mut file.toml),
        &request,
    ) {
        Ok(changes) => changes,
        Err(conflict) => {
            shell.error(Error::new(conflict.message).note(format!("help: {}", conflict.help)));
            return Ok(Outcome::Findings);
        }
    };

    // What `check` would say of the files as they would be.
    let loaded = load_sources(&Sources {
        cargo: Some(Source::new("Cargo.toml", cargo_toml.text())),
        workspace: root.map(|(name, text)| Source::new(name, text)),
        manifest: file
            .as_ref()
            .zip(table_file.as_ref())
            .map(|(name, document)| Source::new(name.clone(), document.text())),
    });
    if !loaded.diagnostics.is_empty() {
        let call = table.and_then(|table| table.call.clone());
        report_edited(package, file, loaded, call, shell);
        return Ok(Outcome::Findings);
    }

    for change in &changes {
        status(change, &request, package, shell);
    }
    let edited: Vec<&Document> = table_file
        .iter()
        .chain([&cargo_toml])
        .filter(|document| document.is_changed())
        .collect();
    if edited.is_empty() {
        shell.status(
            "Unchanged",
            format_args!(
                "`{}` is a member of `{}` already",
                request.module.join("::"),
                package.name
            ),
        );
        return Ok(Outcome::Clean);
    }
    if args.dry_run {
        let cwd = std::env::current_dir().unwrap_or_default();
        for document in &edited {
            let name = shown(package, &cwd, &document.path);
            shell.print(files::diff(
                Path::new(&name),
                document.original(),
                &document.text(),
            ));
        }
        shell.warn("nothing is written: `--dry-run`");
        return Ok(Outcome::Clean);
    }
    for document in &edited {
        files::write(&document.path, &document.text())?;
    }
    if let Some(generated) = &loaded.cratespace.generated {
        shell.warn(format_args!(
            "`{generated}` no longer holds what the manifest gives: write it again with `cargo cratespace generate -p {}`",
            package.name
        ));
    } else if table.is_none_or(|table| table.call.is_none()) {
        shell.warn(format_args!(
            "the lib root of `{}` does not call `cratespace::cratespace!()`, which turns the members into modules",
            package.name
        ));
    }
    Ok(Outcome::Clean)
}

/// MODULE split at `::`; a glob `*` stands last.
fn module_path(module: &str) -> Result<Vec<String>, Error> {
    let segments: Vec<String> = module.split("::").map(str::to_owned).collect();
    let (_, namespaces) = segments.split_last().unwrap_or((&segments[0], &[]));
    if namespaces.iter().any(|segment| segment == "*") {
        return Err(Error::new(format!(
            "`{module}` is not a module path: the glob `*` stands last, as in `formats::*`"
        )));
    }
    Ok(segments)
}

/// Reports the problems of the cratespace as it is, which stop the edit.
fn report_existing(cratespace: Option<&Cratespace>, shell: &Shell) {
    let Some(cratespace) = cratespace else {
        return;
    };
    let problems = cratespace.problems();
    for (diagnostic, call) in &problems {
        report::diagnostic(cratespace, diagnostic, *call, shell);
    }
    shell.error(format_args!(
        "the cratespace `{}` has {}: fix {} before adding a member (nothing is written)",
        cratespace.package.name,
        count(problems.len()),
        if problems.len() == 1 { "it" } else { "them" },
    ));
}

/// Reports the problems the files would have after the edit, which is not
/// written.
fn report_edited(
    package: &Package,
    file: Option<String>,
    loaded: cratespace_manifest::Loaded,
    call: Option<Location>,
    shell: &Shell,
) {
    let edited = Cratespace {
        package,
        manifests: vec![Manifest { file, loaded, call }],
        bad_calls: Vec::new(),
    };
    let problems = edited.problems();
    for (diagnostic, call) in &problems {
        report::diagnostic(&edited, diagnostic, *call, shell);
    }
    shell.error(format_args!(
        "the cratespace `{}` would have {} after the edit, shown in the text it would have: nothing is written",
        package.name,
        count(problems.len())
    ));
}

fn count(problems: usize) -> String {
    match problems {
        1 => "1 problem".to_owned(),
        many => format!("{many} problems"),
    }
}

/// The status line of one change.
fn status(change: &Change, request: &Request, package: &Package, shell: &Shell) {
    match change {
        Change::Dependency(key) => {
            let source = match &request.new_dependency {
                Some(new) if new.path.is_some() => "(local)".to_owned(),
                Some(new) if new.workspace => "(workspace)".to_owned(),
                Some(NewDependency {
                    version: Some(version),
                    ..
                }) => match version.starts_with(|c: char| c.is_ascii_digit()) {
                    true => format!("v{version}"),
                    false => version.clone(),
                },
                _ => String::new(),
            };
            shell.status("Adding", format_args!("{key} {source} to dependencies"));
        }
        Change::Optional(key) => {
            shell.status("Updating", format_args!("{key}: optional = true"));
        }
        Change::Feature {
            feature,
            enables,
            implicit,
        } => {
            shell.status(
                "Adding",
                format_args!("\"{enables}\" to the feature `{feature}`"),
            );
            if *implicit {
                shell.warn(format_args!(
                    "`{feature}` enables `{enables}` by its implicit feature, not by `dep:{enables}`: writing `dep:{enables}` would remove the feature `{enables}`, which users may enable"
                ));
            }
        }
        Change::Member { path } => shell.status(
            "Adding",
            format_args!(
                "{path} = {} to the cratespace `{}`",
                request.dependency, package.name
            ),
        ),
    }
}

/// `path` as cargo names files: relative to the current directory when it
/// is below it.
fn shown(package: &Package, cwd: &Path, path: &Path) -> String {
    let name = path.strip_prefix(package.dir()).unwrap_or(path);
    shown_path(package.dir(), cwd, &name.to_string_lossy())
}

/// The workspace root's `Cargo.toml` as cargo found it, named relative to
/// the crate's directory, when the crate is not the root itself.
fn workspace_root(
    metadata: &Metadata,
    package: &Package,
) -> Result<Option<(String, String)>, Error> {
    let root = metadata
        .workspace_root
        .join("Cargo.toml")
        .into_std_path_buf();
    if same_file(&root, &package.manifest_path) {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&root)
        .map_err(|error| Error::new(format!("cannot read `{}`: {error}", root.display())))?;
    Ok(Some((relative(package.dir(), &root), text)))
}

/// What a new dependency needs besides the arguments.
struct NewContext<'a> {
    metadata: &'a Metadata,
    cargo: &'a Cargo<'a>,
    root: Option<&'a (String, String)>,
    /// Whether the versioning wants an exact requirement (`=x.y.z`).
    exact: bool,
}

/// What to write for a dependency `Cargo.toml` does not have: from
/// `--path` (its version read from the crate there) and `--version`, else
/// inherited where `[workspace.dependencies]` has it.
fn new_dependency(
    args: &Add,
    package: &Package,
    cargo_toml: &DocumentMut,
    context: &NewContext,
) -> Result<NewDependency, Error> {
    let key = &args.dependency;
    if let Some(path) = &args.path {
        let local = local_package(path, context)?;
        let version = args.version.clone().unwrap_or_else(|| {
            if context.exact {
                format!("={}", local.version)
            } else {
                local.version.to_string()
            }
        });
        let dir = local.manifest_path.parent().map_or_else(
            || local.manifest_path.clone().into_std_path_buf(),
            |dir| dir.to_path_buf().into_std_path_buf(),
        );
        return Ok(NewDependency {
            version: Some(version),
            path: Some(relative(package.dir(), &dir)),
            package: (local.name.as_str() != key.as_str()).then(|| local.name.to_string()),
            workspace: false,
        });
    }
    if let Some(version) = &args.version {
        return Ok(NewDependency {
            version: Some(version.clone()),
            ..NewDependency::default()
        });
    }
    let in_workspace = context.root.is_some_and(|(_, text)| {
        text.parse::<DocumentMut>().is_ok_and(|root| {
            root.get("workspace")
                .and_then(|workspace| workspace.get("dependencies"))
                .and_then(|dependencies| dependencies.get(key))
                .is_some()
        })
    });
    if in_workspace {
        return Ok(NewDependency {
            workspace: true,
            ..NewDependency::default()
        });
    }
    let mut error = Error::new(format!(
        "`{}` has no dependency `{key}`: give `--path DIR` for a local crate, or `--version REQ` for one from a registry",
        package.name
    ));
    for section in ["dev-dependencies", "build-dependencies"] {
        if cargo_toml
            .get(section)
            .and_then(|table| table.get(key))
            .is_some()
        {
            error = error.note(format!(
                "`{key}` is in [{section}], which a member cannot re-export: it must be in [dependencies] too"
            ));
        }
    }
    Err(error)
}

/// The package of the crate in `dir` (given relative to the current
/// directory), as cargo reads it.
fn local_package(dir: &Path, context: &NewContext) -> Result<cargo_metadata::Package, Error> {
    let cwd = std::env::current_dir()
        .map_err(|error| Error::new(format!("cannot read the current directory: {error}")))?;
    let dir = cwd.join(dir);
    let dir = if dir.ends_with("Cargo.toml") {
        dir.parent().map_or(dir.clone(), Path::to_path_buf)
    } else {
        dir
    };
    let manifest = dir.join("Cargo.toml");
    if !manifest.is_file() {
        return Err(Error::new(format!(
            "no `Cargo.toml` in `{}`: `--path` names the directory of a local crate",
            dir.display()
        )));
    }
    let find = |metadata: &Metadata| {
        metadata
            .packages
            .iter()
            .find(|package| same_file(package.manifest_path.as_std_path(), &manifest))
            .cloned()
    };
    if let Some(found) = find(context.metadata) {
        return Ok(found);
    }
    let metadata = context.cargo.metadata(&manifest, Graph::Packages)?;
    find(&metadata).ok_or_else(|| {
        Error::new(format!(
            "`{}` describes no package: `--path` names the directory of a crate",
            manifest.display()
        ))
    })
}

/// `--path` and `--version` for a dependency that is there already: they
/// must say what its entry says.
fn agrees_with_entry(
    args: &Add,
    package: &Package,
    cargo_toml: &DocumentMut,
    key: &str,
) -> Result<(), Error> {
    let entry = edit::declaration(cargo_toml, key);
    // `key = "1.0"` is a version alone.
    let field = |name: &str| match entry? {
        entry if entry.is_str() => entry.as_str().filter(|_| name == "version"),
        entry => entry.as_table_like()?.get(name)?.as_str(),
    };
    let differs = |given: &str, written: Option<&str>| {
        let written = written.map_or_else(|| "none".to_owned(), |text| format!("\"{text}\""));
        Error::new(format!(
            "`{key}` is a dependency of `{}` already, with {given} {written}",
            package.name
        ))
        .note("leave the flag out to use the entry as it is, or change the entry in Cargo.toml")
    };
    if let Some(version) = &args.version {
        if field("version") != Some(version.as_str()) {
            return Err(differs("the version", field("version")));
        }
    }
    if let Some(path) = &args.path {
        let cwd = std::env::current_dir().unwrap_or_default();
        let agrees = field("path")
            .is_some_and(|written| same_file(&package.dir().join(written), &cwd.join(path)));
        if !agrees {
            return Err(differs("the path", field("path")));
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// `to` relative to the directory `from`, `/`-separated, as Cargo.toml
/// writes paths; absolute when they share no root.
fn relative(from: &Path, to: &Path) -> String {
    let canonical = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let (from, to) = (canonical(from), canonical(to));
    let shared = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    if shared == 0 {
        return to.display().to_string();
    }
    let up = from.components().count() - shared;
    let mut segments: Vec<String> = vec!["..".to_owned(); up];
    segments.extend(
        to.components()
            .skip(shared)
            .map(|component| component.as_os_str().to_string_lossy().into_owned()),
    );
    if segments.is_empty() {
        ".".to_owned()
    } else {
        segments.join("/")
    }
}
