//! A TOML file read for editing, written back byte for byte as it was
//! except where it was edited.
//!
//! toml_edit keeps comments, blank lines and table styles, and writes
//! line ends as `\n` with no byte-order mark; those two are put back as
//! the file had them. What toml_edit cannot keep (the dotted keys of one
//! table written apart, which it groups, toml-rs/toml#163) stops the edit
//! before anything is changed.

use crate::error::Error;
use std::path::{Path, PathBuf};
use toml_edit::DocumentMut;

/// A file and its parsed form.
pub struct Document {
    /// Where it is.
    pub path: PathBuf,
    /// The text as read.
    original: String,
    /// Whether the text starts with a byte-order mark.
    bom: bool,
    /// Whether its lines end in `\r\n`.
    crlf: bool,
    /// The parsed form, to edit.
    pub toml: DocumentMut,
}

impl Document {
    /// Reads and parses the file at `path`; an error when it cannot be read
    /// or parsed, or when toml_edit would not write it back as it is.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let original = std::fs::read_to_string(path)
            .map_err(|error| Error::new(format!("cannot read `{}`: {error}", path.display())))?;
        let without_bom = original.strip_prefix('\u{feff}');
        let bom = without_bom.is_some();
        let text = without_bom.unwrap_or(&original);
        let crlf = text.contains("\r\n");
        let normalized = if crlf {
            text.replace("\r\n", "\n")
        } else {
            text.to_owned()
        };
        let toml: DocumentMut = normalized.parse().map_err(|error| {
            Error::new(format!("cannot parse `{}`", path.display())).note(format!("{error}"))
        })?;
        let document = Document {
            path: path.to_path_buf(),
            original,
            bom,
            crlf,
            toml,
        };
        document.check_kept()?;
        Ok(document)
    }

    /// The text to write: the edited document, laid out as the file was.
    pub fn text(&self) -> String {
        let text = self.toml.to_string();
        let text = if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        if self.bom {
            format!("\u{feff}{text}")
        } else {
            text
        }
    }

    /// The text as read.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// Whether the edit changed the text.
    pub fn is_changed(&self) -> bool {
        self.text() != self.original
    }

    /// An error naming the first line toml_edit would not write back where
    /// it stands, before anything is edited.
    fn check_kept(&self) -> Result<(), Error> {
        let written = self.text();
        if written == self.original {
            return Ok(());
        }
        let read: Vec<&str> = self.original.lines().collect();
        let first_moved = written
            .lines()
            .zip(&read)
            .find(|(written, read)| written != *read)
            .map(|(written, _)| written);
        let (number, line) = first_moved
            .and_then(|moved| {
                let index = read.iter().position(|line| *line == moved)?;
                Some((index + 1, moved))
            })
            .unwrap_or((read.len(), read.last().copied().unwrap_or_default()));
        Err(Error::new(format!(
            "`{}` cannot be edited without moving its line {number}: `{}`",
            self.path.display(),
            line.trim()
        ))
        .note("toml_edit, which keeps the file's layout, writes the dotted keys of one table together")
        .note("write them together, as the TOML specification advises, and run the command again"))
    }
}
