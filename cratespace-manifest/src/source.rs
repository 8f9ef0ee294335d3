//! A file that was read, and byte offsets turned into lines and columns.

use std::ops::Range;

/// The text of one manifest file, with the path under which diagnostics name it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown to the user: relative to the crate's directory, `/`-separated.
    pub name: String,
    /// The whole text.
    pub text: String,
}

/// A resolved position in a [`Source`]: what a diagnostic prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as in [`Source::name`].
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of the line, without its line ending.
    pub line_text: String,
    /// How many characters of the line the problem covers (at least 1).
    pub width: usize,
}

impl Source {
    /// Wraps a file's text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Resolves a byte range to the line and column where it starts.
    ///
    /// Offsets out of range or inside a character are clamped, so a range
    /// from any parser yields a location rather than a panic.
    pub fn locate(&self, span: Range<usize>) -> Location {
        let start = floor_char_boundary(&self.text, span.start);
        let end = floor_char_boundary(&self.text, span.end.max(start));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line = self.text[..start].matches('\n').count() + 1;
        let before = &self.text[line_start..start];
        let column = before.chars().count() + 1;
        let covered = &self.text[start..end.min(line_end)];
        let line_text = self.text[line_start..line_end]
            .trim_end_matches('\r')
            .to_owned();
        Location {
            file: self.name.clone(),
            line,
            column: column - usize::from(before.starts_with('\u{feff}')),
            width: covered.trim_end_matches('\r').chars().count().max(1),
            line_text: line_text.trim_start_matches('\u{feff}').to_owned(),
        }
    }

    /// The text of a span, clamped to the file.
    pub fn slice(&self, span: Range<usize>) -> &str {
        let start = floor_char_boundary(&self.text, span.start);
        let end = floor_char_boundary(&self.text, span.end.max(start));
        &self.text[start..end]
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let source = Source::new("Cargo.toml", "[a]\r\nkey = \"café\" # x\nlast");
        let at = source.locate(18..19);
        assert_eq!((at.line, at.column), (2, 13));
        assert_eq!(at.line_text, "key = \"café\" # x");
        let end = source.locate(200..300);
        assert_eq!(
            (end.line, end.column, end.line_text.as_str()),
            (3, 5, "last")
        );
    }

    #[test]
    fn clamps_offsets_inside_a_character() {
        let source = Source::new("x", "é");
        assert_eq!(source.locate(1..2).column, 1);
    }
}
