//! Diagnostics as values, and the one renderer that turns them into text.

use crate::source::{Location, Source};
use std::fmt::{self, Display};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

/// One problem found in a manifest or in the macro's arguments.
///
/// Its [`Display`] is the text the compiler shows after `error: `: the
/// message, the file, line and column, the offending line with the problem
/// underlined, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, in one line.
    pub message: String,
    /// Where, when the problem has a place in a file.
    pub location: Option<Location>,
    /// What to write under the underline.
    pub label: Option<String>,
    /// Other places that explain the problem, such as the first of two definitions.
    pub related: Vec<(Location, String)>,
    /// Why: each entry is printed as a `note:` line, before the help.
    pub notes: Vec<String>,
    /// How to fix it: each entry is printed as a `help:` line.
    pub help: Vec<String>,
    /// The problem lies in the macro's `manifest = "…"` argument (the file
    /// it names cannot be read): the macro points at the argument rather
    /// than at the whole call.
    pub argument: bool,
}

impl Diagnostic {
    /// A problem with no place in a file, such as a file that cannot be read.
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic::with(None, message.into())
    }

    /// A problem at a byte range of a file.
    pub fn at(source: &Source, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic::with(Some(source.locate(span)), message.into())
    }

    fn with(location: Option<Location>, message: String) -> Self {
        Diagnostic {
            message,
            location,
            label: None,
            related: Vec::new(),
            notes: Vec::new(),
            help: Vec::new(),
            argument: false,
        }
    }

    /// Sets the text under the underline.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds another place, with what it shows.
    pub fn related(
        mut self,
        source: &Source,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Self {
        self.related.push((source.locate(span), label.into()));
        self
    }

    /// Marks the problem as the macro argument's.
    pub fn on_argument(mut self) -> Self {
        self.argument = true;
        self
    }

    /// Adds a `note:` line: why the problem is one.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }
}

impl Diagnostic {
    /// The diagnostic as [`Display`] writes it, with each file it points
    /// into named by `path` (given the name relative to the crate's
    /// directory). The macro names files relative to the directory the
    /// compiler runs in, as rustc names its own ([`shown_path`]).
    pub fn render(&self, path: &dyn Fn(&str) -> String) -> String {
        Render {
            diagnostic: self,
            path,
        }
        .to_string()
    }
}

/// Names files as they are written: relative to the crate's directory.
impl Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        Render {
            diagnostic: self,
            path: &|file| file.to_owned(),
        }
        .fmt(f)
    }
}

/// A file relative to the crate's directory `crate_dir`, as rustc names the
/// files of its own errors: relative to `from`, the directory the compiler
/// runs in (the workspace root under cargo), when it is below it; else as
/// it is. Nothing is read from the disk.
///
/// ```
/// use cratespace_manifest::shown_path;
/// use std::path::Path;
///
/// let top = Path::new("/ws/crates/top");
/// assert_eq!(shown_path(top, Path::new("/ws"), "Cargo.toml"), "crates/top/Cargo.toml");
/// assert_eq!(shown_path(top, Path::new("/ws"), "../../Cargo.toml"), "Cargo.toml");
/// assert_eq!(shown_path(top, Path::new("/elsewhere"), "Cargo.toml"), "Cargo.toml");
/// ```
pub fn shown_path(crate_dir: &Path, from: &Path, file: &str) -> String {
    let mut joined = PathBuf::new();
    for component in crate_dir.join(file).components() {
        match component {
            Component::ParentDir => {
                joined.pop();
            }
            Component::CurDir => {}
            other => joined.push(other),
        }
    }
    match joined.strip_prefix(from) {
        Ok(relative) if !relative.as_os_str().is_empty() => {
            relative.to_string_lossy().replace('\\', "/")
        }
        _ => file.to_owned(),
    }
}

/// A diagnostic and how to name its files.
struct Render<'a> {
    diagnostic: &'a Diagnostic,
    path: &'a dyn Fn(&str) -> String,
}

impl Display for Render<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let this = self.diagnostic;
        f.write_str(&this.message)?;
        let places: Vec<(&Location, Option<&str>)> = this
            .location
            .iter()
            .map(|location| (location, this.label.as_deref()))
            .chain(
                this.related
                    .iter()
                    .map(|(location, label)| (location, Some(label.as_str()))),
            )
            .collect();
        let gutter = places
            .iter()
            .map(|(location, _)| location.line.to_string().len())
            .max()
            .unwrap_or(1);
        let pad = " ".repeat(gutter);
        for (index, (location, label)) in places.iter().enumerate() {
            let (arrow, mark) = if index == 0 {
                ("-->", "^")
            } else {
                (":::", "-")
            };
            let file = (self.path)(&location.file);
            write_place(f, location, &file, *label, arrow, mark, &pad)?;
        }
        if this.notes.is_empty() && this.help.is_empty() {
            return Ok(());
        }
        let indent = if places.is_empty() {
            String::new()
        } else {
            write!(f, "\n{pad} |")?;
            format!("{pad} ")
        };
        let notes = this.notes.iter().map(|note| ("note", note));
        for (kind, text) in notes.chain(this.help.iter().map(|help| ("help", help))) {
            let mut lines = text.lines();
            write!(f, "\n{indent}= {kind}: {}", lines.next().unwrap_or(""))?;
            let continuation = " ".repeat(kind.len() + 4);
            for more in lines {
                write!(f, "\n{indent}{continuation}{more}")?;
            }
        }
        Ok(())
    }
}

/// One place: the arrow and file, the line, and `mark` under the problem.
fn write_place(
    f: &mut fmt::Formatter,
    location: &Location,
    file: &str,
    label: Option<&str>,
    arrow: &str,
    mark: &str,
    pad: &str,
) -> fmt::Result {
    let line_number = location.line.to_string();
    let indent = &pad[line_number.len().min(pad.len())..];
    write!(
        f,
        "\n{pad}{arrow} {file}:{}:{}\n{pad} |\n{indent}{line_number} | ",
        location.line, location.column
    )?;
    // The column within `line_text`, which may show only part of the line.
    let shown_column = location
        .column
        .saturating_sub(location.line_text_start.saturating_sub(1))
        .max(1);
    let (line, column) = expand_tabs(&location.line_text, shown_column);
    writeln!(f, "{line}")?;
    write!(
        f,
        "{pad} | {}{}",
        " ".repeat(column.saturating_sub(1)),
        mark.repeat(location.width)
    )?;
    if let Some(label) = label {
        write!(f, " {label}")?;
    }
    Ok(())
}

/// Tabs shown as four spaces, and the column moved to match.
fn expand_tabs(line: &str, column: usize) -> (String, usize) {
    let mut shown = String::with_capacity(line.len());
    let mut shown_column = column;
    for (index, ch) in line.chars().enumerate() {
        if ch == '\t' {
            shown.push_str("    ");
            if index + 1 < column {
                shown_column += 3;
            }
        } else {
            shown.push(ch);
        }
    }
    (shown, shown_column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_place_line_underline_and_help() {
        let source = Source::new("Cargo.toml", "[package.metadata.cratespace]\nmemebrs = 1\n");
        let diagnostic = Diagnostic::at(&source, 30..37, "unknown key `memebrs`")
            .label("not a cratespace key")
            .help("did you mean `members`?");
        assert_eq!(
            diagnostic.to_string(),
            "unknown key `memebrs`\n \
             --> Cargo.toml:2:1\n  \
             |\n\
             2 | memebrs = 1\n  \
             | ^^^^^^^ not a cratespace key\n  \
             |\n  \
             = help: did you mean `members`?"
        );
    }

    #[test]
    fn renders_related_places_and_bare_messages() {
        let source = Source::new("c.toml", "a = 1\n\n\n\n\n\n\n\n\nb\t= 2\n");
        let diagnostic =
            Diagnostic::at(&source, 17..18, "two").related(&source, 0..1, "first here");
        assert_eq!(
            diagnostic.to_string(),
            "two\n  --> c.toml:10:4\n   |\n10 | b    = 2\n   |       ^\n  ::: c.toml:1:1\n   |\n 1 | a = 1\n   | - first here"
        );
        let bare = Diagnostic::new("cannot read").help("line one\nline two");
        assert_eq!(
            bare.to_string(),
            "cannot read\n= help: line one\n        line two"
        );
    }
}
