//! A file that was read, and byte offsets turned into lines and columns.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// The most characters of one line a [`Location`] shows: a longer line (a
/// whole table written inline, a generated key) is shown around the problem.
const SHOWN_LINE: usize = 160;

/// The text of one manifest file, with the path under which diagnostics name it.
#[derive(Clone)]
pub struct Source {
    /// The path as shown to the user: relative to the crate's directory, `/`-separated.
    pub name: String,
    /// The whole text.
    ///
    /// Its line endings are indexed at the first [`locate`](Self::locate),
    /// so that a file with thousands of problems is not read from the start
    /// for each. Text replaced after that is noticed by its new address or
    /// length and located without the index; edit it in place only before.
    pub text: String,
    newlines: OnceLock<Newlines>,
}

/// The offset of every `\n` of a text, and which text that was.
#[derive(Clone)]
struct Newlines {
    address: usize,
    len: usize,
    offsets: Vec<usize>,
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Source")
            .field("name", &self.name)
            .field("text", &self.text)
            .finish()
    }
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
    /// The text of the line, without its line ending. A line longer than
    /// 160 characters is shown in part, around the problem, with `…` where
    /// it is cut.
    pub line_text: String,
    /// The column of the line at which `line_text` starts: 1, or where the
    /// `…` of a line shown in part stands.
    pub line_text_start: usize,
    /// How many characters of the line the problem covers (at least 1, and
    /// no more than `line_text` shows).
    pub width: usize,
    /// The byte range of the problem in the file, clamped to the text and
    /// to character boundaries: what an editor highlights.
    pub span: Range<usize>,
    /// 1-based line on which the problem ends (the line of `span.end`).
    pub end_line: usize,
    /// 1-based column, in characters, of `span.end` on `end_line`: just past
    /// the problem, as rustc's JSON diagnostics give `column_end`.
    pub end_column: usize,
}

impl Source {
    /// Wraps a file's text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
            newlines: OnceLock::new(),
        }
    }

    /// The number of `\n` before the byte `offset`, and the offsets of the
    /// ones on either side of it.
    fn newlines_around(&self, offset: usize) -> (usize, Option<usize>, Option<usize>) {
        let text = &self.text;
        let current = |newlines: &Newlines| {
            newlines.address == text.as_ptr() as usize && newlines.len == text.len()
        };
        let index = self.newlines.get_or_init(|| {
            let mut offsets = Vec::new();
            for (at, _) in text.match_indices('\n') {
                offsets.push(at);
            }
            Newlines {
                address: text.as_ptr() as usize,
                len: text.len(),
                offsets,
            }
        });
        if !current(index) {
            let before = text[..offset].matches('\n').count();
            let previous = text[..offset].rfind('\n');
            let next = text[offset..].find('\n').map(|at| offset + at);
            return (before, previous, next);
        }
        let before = index.offsets.partition_point(|&at| at < offset);
        let previous = before.checked_sub(1).map(|i| index.offsets[i]);
        (before, previous, index.offsets.get(before).copied())
    }

    /// Resolves a byte range to the line and column where it starts.
    ///
    /// Offsets out of range or inside a character are clamped, so a range
    /// from any parser yields a location rather than a panic.
    pub fn locate(&self, span: Range<usize>) -> Location {
        let start = floor_char_boundary(&self.text, span.start);
        let end = floor_char_boundary(&self.text, span.end.max(start));
        let (newlines, previous, next) = self.newlines_around(start);
        let line_start = previous.map_or(0, |at| at + 1);
        let line_end = next.unwrap_or(self.text.len());
        let mut before = &self.text[line_start..start];
        let mut line_text = self.text[line_start..line_end].trim_end_matches('\r');
        if let Some(rest) = line_text.strip_prefix('\u{feff}') {
            line_text = rest;
            before = before.strip_prefix('\u{feff}').unwrap_or(before);
        }
        let length = line_text.chars().count();
        // A place in the line ending (`\r` of a CRLF) is shown just past
        // the text, as it is for a `\n`.
        let column = before.chars().count().min(length) + 1;
        let covered = &self.text[start..end.min(line_end)];
        let width = covered.trim_end_matches('\r').chars().count().max(1);
        let (shown, shown_start, last) = if length <= SHOWN_LINE {
            (line_text.to_owned(), 1, length)
        } else {
            excerpt(line_text, before.len().min(line_text.len()), column)
        };
        let (end_line, end_column) = self.line_and_column(end);
        Location {
            file: self.name.clone(),
            line: newlines + 1,
            column,
            width: width.min((last + 1).saturating_sub(column)).max(1),
            line_text: shown,
            line_text_start: shown_start,
            span: start..end,
            end_line,
            end_column,
        }
    }

    /// The 1-based line and character column of the byte `offset`, which
    /// is on a character boundary; a byte-order mark takes no column.
    fn line_and_column(&self, offset: usize) -> (usize, usize) {
        let (newlines, previous, _) = self.newlines_around(offset);
        let line_start = previous.map_or(0, |at| at + 1);
        let before = &self.text[line_start..offset];
        let before = before.strip_prefix('\u{feff}').unwrap_or(before);
        (newlines + 1, before.chars().count() + 1)
    }

    /// The text of a span, clamped to the file.
    pub fn slice(&self, span: Range<usize>) -> &str {
        let start = floor_char_boundary(&self.text, span.start);
        let end = floor_char_boundary(&self.text, span.end.max(start));
        &self.text[start..end]
    }
}

/// The part of a long line shown around `column`, which starts at the byte
/// `at`; the column at which the part starts and the last column it shows.
/// `…` marks the cuts. Only the characters shown are read, so locating many
/// problems on one long line stays linear.
fn excerpt(line: &str, at: usize, column: usize) -> (String, usize, usize) {
    // The characters shown before the problem: how many, from which byte.
    let mut back = 0;
    let mut from = at;
    let mut before = line[..at].char_indices();
    while back < SHOWN_LINE / 4 {
        let Some((index, _)) = before.next_back() else {
            break;
        };
        back += 1;
        from = index;
    }
    let first = column - back;
    let rest = &line[from..];
    let to = rest
        .char_indices()
        .nth(SHOWN_LINE)
        .map_or(rest.len(), |(index, _)| index);
    let last = first + rest[..to].chars().count() - 1;
    let mut shown = String::with_capacity(to + 6);
    if from > 0 {
        shown.push('…');
    }
    shown.push_str(&rest[..to]);
    if from + to < line.len() {
        shown.push('…');
    }
    (shown, if from > 0 { first - 1 } else { 1 }, last)
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
    fn gives_the_byte_span_and_where_it_ends() {
        let text = "[a]\nkey = \"café\" # x\nb = [\n  1,\n]\n";
        let source = Source::new("Cargo.toml", text);
        let value = text.find('"').unwrap();
        let at = source.locate(value..value + "\"café\"".len());
        assert_eq!(at.span, 10..17);
        assert_eq!(
            (at.line, at.column, at.end_line, at.end_column),
            (2, 7, 2, 13)
        );
        let array = text.rfind("[\n").unwrap();
        let multi = source.locate(array..text.len() - 1);
        assert_eq!(
            (multi.line, multi.column, multi.end_line, multi.end_column),
            (3, 5, 5, 2)
        );
        let clamped = source.locate(18..500);
        assert_eq!(clamped.span, 18..text.len());
    }

    #[test]
    fn shows_a_long_line_around_the_problem() {
        let line = format!("{}bad = 1{}", "a = 1, ".repeat(100), ", b = 2".repeat(100));
        let source = Source::new("c.toml", format!("[x]\n{line}\n"));
        let at = 4 + line.find("bad").unwrap();
        let location = source.locate(at..at + 3);
        assert_eq!((location.line, location.column), (2, 701));
        assert_eq!(location.line_text_start, 660);
        assert!(location.line_text.starts_with("…= 1, a = 1"));
        assert!(location.line_text.ends_with("…"));
        assert_eq!(location.line_text.chars().count(), 162);
        let shown: String = location.line_text.chars().skip(701 - 660).take(3).collect();
        assert_eq!(shown, "bad");
        let start = Source::new("c.toml", line.clone()).locate(0..line.len());
        assert_eq!((start.line_text_start, start.width), (1, 160));
    }

    #[test]
    fn notices_text_replaced_after_locating() {
        let mut source = Source::new("c.toml", "a\nb\nc");
        assert_eq!(source.locate(4..5).line, 3);
        source.text = "\n\n\n\nc".to_owned();
        let location = source.locate(4..5);
        assert_eq!((location.line, location.line_text.as_str()), (5, "c"));
    }

    #[test]
    fn clamps_offsets_inside_a_character() {
        let source = Source::new("x", "é");
        assert_eq!(source.locate(1..2).column, 1);
    }
}
