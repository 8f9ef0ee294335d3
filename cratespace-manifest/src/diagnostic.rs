//! Diagnostics as values, and the one renderer that turns them into text.

use crate::source::{Location, Source};
use std::fmt::{self, Display};
use std::ops::Range;

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

impl Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)?;
        let places: Vec<(&Location, Option<&str>)> = self
            .location
            .iter()
            .map(|location| (location, self.label.as_deref()))
            .chain(
                self.related
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
            write_place(f, location, *label, arrow, mark, &pad)?;
        }
        if self.notes.is_empty() && self.help.is_empty() {
            return Ok(());
        }
        let indent = if places.is_empty() {
            String::new()
        } else {
            write!(f, "\n{pad} |")?;
            format!("{pad} ")
        };
        let notes = self.notes.iter().map(|note| ("note", note));
        for (kind, text) in notes.chain(self.help.iter().map(|help| ("help", help))) {
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
    label: Option<&str>,
    arrow: &str,
    mark: &str,
    pad: &str,
) -> fmt::Result {
    let line_number = location.line.to_string();
    let indent = &pad[line_number.len().min(pad.len())..];
    write!(
        f,
        "\n{pad}{arrow} {}:{}:{}\n{pad} |\n{indent}{line_number} | ",
        location.file, location.line, location.column
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
