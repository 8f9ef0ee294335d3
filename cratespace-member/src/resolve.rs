//! The decision, in its order: the override, the member itself, a
//! dependency on the member, a dependency on the facade; without a
//! `Cargo.toml`, the environment, then the facade by name.

use crate::error::{Error, ErrorKind};
use crate::path::{CratePath, Route, parse};
use crate::{Crate, Lookup};
use cratespace_manifest::Diagnostic;
use cratespace_manifest::model::RESERVED_MODULE;
use cratespace_manifest::name::crate_name;
use cratespace_manifest::package::{DependencyEntry, DependencyTable, PackageManifest};
use std::path::Path;

/// The member as the manifest at `path` reaches it.
pub(crate) fn from_manifest(
    lookup: &Lookup<'_>,
    path: &Path,
    manifest: &PackageManifest,
) -> Result<CratePath, Error> {
    let crate_dir = path.parent().map(Path::to_path_buf);
    let fail = |kind, diagnostic| Error::new(kind, diagnostic, crate_dir.clone());
    let member = lookup.member;
    if manifest.name.as_deref() == Some(member.package) {
        let path = format!("::{}", rust_name(member.name));
        return Ok(CratePath::new(path, Route::Itself));
    }
    match dependency_on(manifest, member.package) {
        Ok(Some(key)) => {
            let name = extern_name(key, member);
            return Ok(CratePath::new(format!("::{name}"), Route::Dependency));
        }
        Ok(None) => {}
        Err(ambiguous) => {
            let (diagnostic, key) = *ambiguous;
            let diagnostic = diagnostic.help(format!(
                "say which, such as {}",
                fix(lookup, &format!("::{}", rust_name(&key)))
            ));
            return Err(fail(ErrorKind::Ambiguous, diagnostic));
        }
    }
    let facade = lookup.facade;
    match dependency_on(manifest, facade.package) {
        Ok(Some(key)) => {
            let name = extern_name(key, facade);
            return Ok(through_facade(&name, member, Route::Facade));
        }
        Ok(None) => {}
        Err(ambiguous) => {
            let (diagnostic, key) = *ambiguous;
            let path = through_facade(&rust_name(&key), member, Route::Facade);
            let diagnostic =
                diagnostic.help(format!("say which, such as {}", fix(lookup, path.as_str())));
            return Err(fail(ErrorKind::Ambiguous, diagnostic));
        }
    }
    let diagnostic = Diagnostic::new(format!(
        "no dependency on `{}` nor on its facade `{}` in `{}`",
        member.package,
        facade.package,
        shown(path),
    ))
    .note(format!(
        "the generated code names items of `{}`, which a crate\nreaches directly or through `{}`",
        member.package, facade.package
    ))
    .help(format!(
        "depend on `{}` or `{}`, or say where `{}` is:\n{}",
        facade.package,
        member.package,
        member.name,
        fix(lookup, &format!("path::to::{}", member.name))
    ));
    Err(fail(ErrorKind::NotFound, diagnostic))
}

/// Without a `Cargo.toml`: the member's environment variable, else the
/// facade under its crate name.
pub(crate) fn without_manifest(
    lookup: &Lookup<'_>,
    variable: Option<String>,
) -> Result<CratePath, Error> {
    let name = crate::variable(lookup.member.package);
    match variable {
        Some(text) => match parse(&text) {
            Ok(path) => Ok(CratePath::new(path, Route::Variable)),
            Err(why) => {
                let diagnostic = Diagnostic::new(format!(
                    "`{name}` is not a path to `{}`: {why}",
                    lookup.member.package
                ))
                .help(format!(
                    "set it to the path that reaches the crate, such as `::{}`",
                    lookup.member.name
                ));
                Err(Error::new(ErrorKind::InvalidVariable, diagnostic, None))
            }
        },
        None => Ok(through_facade(
            &rust_name(lookup.facade.name),
            lookup.member,
            Route::FacadeByName,
        )),
    }
}

/// The `crate = "…"` the user wrote.
pub(crate) fn explicit(lookup: &Lookup<'_>, text: &str) -> Result<CratePath, Error> {
    parse(text)
        .map(|path| CratePath::new(path, Route::Explicit))
        .map_err(|why| {
            let diagnostic =
                Diagnostic::new(format!("invalid `crate = \"{text}\"`: {why}")).help(format!(
                    "write the path that reaches `{}`, such as `::{}`",
                    lookup.member.package, lookup.member.name
                ));
            Error::new(ErrorKind::InvalidOverride, diagnostic, None)
        })
}

/// The name cargo gives the crate of `key`: its key when renamed, else
/// the name of its library.
fn extern_name(key: &DependencyEntry, krate: Crate<'_>) -> String {
    match key.renamed {
        true => rust_name(&key.key),
        false => rust_name(krate.name),
    }
}

fn through_facade(facade: &str, member: Crate<'_>, route: Route) -> CratePath {
    let entry = rust_name(member.package);
    CratePath::new(format!("::{facade}::{RESERVED_MODULE}::{entry}"), route)
}

/// The one key under which `manifest` depends on `package`: among the
/// tables the library is linked with, else among the dev-dependencies
/// (which its tests, examples and benchmarks also see). Two keys are an
/// error (with the first key): the generated code would name one of them
/// at random.
fn dependency_on<'m>(
    manifest: &'m PackageManifest,
    package: &str,
) -> Result<Option<&'m DependencyEntry>, Box<(Diagnostic, String)>> {
    let on = |linked: bool| -> Vec<&'m DependencyEntry> {
        let mut keys: Vec<&DependencyEntry> = Vec::new();
        let matching = manifest.dependencies.iter().filter(|entry| {
            entry.package == package
                && entry.table.is_linked() == linked
                && entry.table != DependencyTable::Build
        });
        for entry in matching {
            if !keys.iter().any(|known| known.key == entry.key) {
                keys.push(entry);
            }
        }
        keys
    };
    let mut keys = on(true);
    if keys.is_empty() {
        keys = on(false);
    }
    match keys[..] {
        [] => Ok(None),
        [only] => Ok(Some(only)),
        [first, second, ..] => {
            let names: Vec<String> = keys
                .iter()
                .map(|entry| format!("`{}`", entry.key))
                .collect();
            let diagnostic = Diagnostic::at(
                &manifest.source,
                second.span.clone(),
                format!("`{package}` is a dependency under {} keys", keys.len()),
            )
            .label("a second key")
            .related(&manifest.source, first.span.clone(), "the first")
            .note(format!(
                "{} name one package:\nthe generated code cannot tell which of them to name",
                names.join(" and ")
            ));
            Err(Box::new((diagnostic, first.key.clone())))
        }
    }
}

/// The `#[attribute(crate = "…")]` that settles it.
fn fix(lookup: &Lookup<'_>, path: &str) -> String {
    format!("`#[{}(crate = \"{path}\")]`", lookup.attribute)
}

fn rust_name(key: &str) -> String {
    match crate_name(key) {
        Ok(name) => name.to_rust(),
        Err(_) => key.replace('-', "_"),
    }
}

fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    match (path.parent(), path.file_name(), &cwd) {
        (Some(dir), Some(file), Some(cwd)) => {
            cratespace_manifest::shown_path(dir, cwd, &file.to_string_lossy())
        }
        _ => path.display().to_string(),
    }
}
