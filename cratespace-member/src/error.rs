//! Why a member crate could not be located: a value, never a panic.

use cratespace_manifest::{Diagnostic, shown_path};
use std::fmt;
use std::path::PathBuf;

/// Why [`locate`](crate::locate) gave no path. Its [`Display`](fmt::Display)
/// is the text for the derive's `compile_error!`: what is wrong, the
/// manifest read (its line, when one is at fault) and the `crate = "…"`
/// that settles it.
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    /// Boxed: the usual answer is a path, which should not pay for it.
    diagnostic: Box<Diagnostic>,
    /// The directory the diagnostic's file names are relative to.
    crate_dir: Option<PathBuf>,
}

/// What kind of problem an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The member's package is a dependency under two keys (or the facade's is).
    Ambiguous,
    /// Neither the member nor the facade is a dependency.
    NotFound,
    /// The `crate = "…"` path does not parse; the derive points at it.
    InvalidOverride,
    /// The environment variable's path does not parse.
    InvalidVariable,
    /// The manifest cannot be read or parsed.
    Manifest,
}

impl Error {
    pub(crate) fn new(
        kind: ErrorKind,
        diagnostic: impl Into<Box<Diagnostic>>,
        crate_dir: Option<PathBuf>,
    ) -> Self {
        Error {
            kind,
            diagnostic: diagnostic.into(),
            crate_dir,
        }
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The problem as a diagnostic value, its file names relative to the
    /// crate's directory.
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.diagnostic
    }
}

/// Files are named as rustc names its own: relative to the directory the
/// compiler runs in.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cwd = std::env::current_dir().ok();
        let shown = |file: &str| match (&self.crate_dir, &cwd) {
            (Some(dir), Some(cwd)) => shown_path(dir, cwd, file),
            _ => file.to_owned(),
        };
        f.write_str(&self.diagnostic.render(&shown))
    }
}

impl std::error::Error for Error {}
