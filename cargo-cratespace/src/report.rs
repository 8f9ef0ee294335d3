//! Problems, reported as the compiler reports the macro's: on stderr for
//! people, or as `compiler-message` lines on stdout for tools.

use crate::cratespaces::Cratespace;
use crate::json;
use crate::shell::Shell;
use crate::workspace::Package;
use cratespace_manifest::{Diagnostic, Location, shown_path};

/// Reports every problem of `cratespace`; whether there was any.
pub fn problems(cratespace: &Cratespace, shell: &Shell) -> bool {
    let problems = cratespace.problems();
    for (diagnostic, call) in &problems {
        self::diagnostic(cratespace, diagnostic, *call, shell);
    }
    if !problems.is_empty() && !shell.json() {
        let count = problems.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        shell.error(format_args!(
            "the cratespace `{}` has {count} {noun}",
            cratespace.package.name
        ));
    }
    !problems.is_empty()
}

/// Reports one problem of `cratespace`, which the compiler would report at
/// `call` when it has no place of its own.
pub fn diagnostic(
    cratespace: &Cratespace,
    diagnostic: &Diagnostic,
    call: Option<&Location>,
    shell: &Shell,
) {
    let text = rendered(diagnostic, cratespace.package);
    if shell.json() {
        shell.print(json::compiler_message(
            cratespace.package,
            diagnostic,
            call,
            &text,
        ));
    } else {
        shell.diagnostic(&text);
    }
}

/// The text of `diagnostic`, its files named as cargo names them: relative
/// to the directory the command runs in when they are below it.
fn rendered(diagnostic: &Diagnostic, package: &Package) -> String {
    let cwd = std::env::current_dir().ok();
    diagnostic.render(&|file| match &cwd {
        Some(cwd) => shown_path(package.dir(), cwd, file),
        None => file.to_owned(),
    })
}

/// Says that no selected package is a cratespace, and what makes one.
pub fn none_found(packages: &[Package], shell: &Shell) {
    let names: Vec<String> = packages
        .iter()
        .map(|package| format!("`{}`", package.name))
        .collect();
    let selected = if names.is_empty() {
        "no package is selected".to_owned()
    } else {
        format!("no cratespace among {}", names.join(", "))
    };
    shell.warn(format_args!(
        "{selected}: a cratespace has [package.metadata.cratespace] in its Cargo.toml, or calls `cratespace::cratespace!(…)` in its lib root; choose packages with `-p` or `--workspace`"
    ));
}
