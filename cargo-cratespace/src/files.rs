//! Files the commands write: whole or not at all, and shown as a diff
//! where they only say what they would write.

use crate::error::Error;
use std::path::Path;

/// A unified diff from `current` to `expected`, both named `path`, as
/// `cargo fmt --check` shows what it would change; empty when they are the
/// same.
pub fn diff(path: &Path, current: &str, expected: &str) -> String {
    let name = path.display().to_string();
    similar::TextDiff::from_lines(current, expected)
        .unified_diff()
        .header(&name, &name)
        .to_string()
}

/// Writes `text` to `path` whole: into a file beside it, then renamed over
/// it, so that a build never reads half a file.
pub fn write(path: &Path, text: &str) -> Result<(), Error> {
    let fail =
        |error: std::io::Error| Error::new(format!("cannot write `{}`: {error}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    std::fs::write(&temporary, text).map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(fail)
}
