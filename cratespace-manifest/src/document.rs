//! TOML parsed with spans, and the few ways this crate reads it.

use crate::diagnostic::Diagnostic;
use crate::source::Source;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

/// A key with its span.
pub type Key<'i> = Spanned<DeString<'i>>;
/// A value with its span.
pub type Value<'i> = Spanned<DeValue<'i>>;

/// A parsed file: its root table, with spans.
///
/// Dropped one level at a time rather than recursively: TOML lets dotted
/// keys inside nested inline tables build thousands of levels from a few
/// kilobytes, and a recursive drop of that overflows a small stack.
pub struct Document<'i>(Spanned<DeTable<'i>>);

impl<'i> std::ops::Deref for Document<'i> {
    type Target = Spanned<DeTable<'i>>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Drop for Document<'_> {
    fn drop(&mut self) {
        let mut values = vec![DeValue::Table(std::mem::take(self.0.get_mut()))];
        while let Some(value) = values.pop() {
            match value {
                DeValue::Table(table) => {
                    for (_, value) in table {
                        push_container(&mut values, value.into_inner());
                    }
                }
                DeValue::Array(array) => {
                    for value in array {
                        push_container(&mut values, value.into_inner());
                    }
                }
                _ => {}
            }
        }
    }
}

/// Keeps `value` for later when it holds more values; drops it now if not.
fn push_container<'a>(values: &mut Vec<DeValue<'a>>, value: DeValue<'a>) {
    if matches!(value, DeValue::Table(_) | DeValue::Array(_)) {
        values.push(value);
    }
}

/// A file's first syntax error, and where it starts: nothing at or after it
/// is read with confidence.
pub struct SyntaxError {
    pub diagnostic: Diagnostic,
    pub at: usize,
}

/// Parses a whole file, recovering past errors: the table holds what could
/// be read, and the first syntax error is reported (SPEC §6, row 2). After
/// it TOML's recovery may report the same mistake again (an unclosed inline
/// table gives three errors) or recover values out of it (a string that
/// does not end takes the lines after it), so it is the file's only one.
pub fn parse(source: &Source) -> (Document<'_>, Option<SyntaxError>) {
    let (table, errors) = DeTable::parse_recoverable(&source.text);
    let error = errors.first().map(|error| {
        let message = error.message().trim_end_matches('\n');
        let (first, rest) = message.split_once('\n').unwrap_or((message, ""));
        let span = error.span().unwrap_or(0..0);
        let at = span.start;
        let diagnostic = if first == "duplicate key" {
            duplicate_key(source, span)
        } else {
            let diagnostic = Diagnostic::at(source, span, format!("invalid TOML: {first}"));
            match rest.trim() {
                "" => diagnostic,
                rest => diagnostic.label(rest.replace('\n', " ")),
            }
        };
        SyntaxError { diagnostic, at }
    });
    (Document(table), error)
}

/// A key defined twice: both places, since a member and a namespace (or two
/// members) cannot share a path.
fn duplicate_key(source: &Source, span: std::ops::Range<usize>) -> Diagnostic {
    let text = source.slice(span.clone()).trim_matches(is_quote);
    let mut diagnostic = Diagnostic::at(
        source,
        span.clone(),
        format!("the key `{text}` is defined twice"),
    )
    .label("defined again here");
    if let Some(first) = earlier_key(source, text, span.start) {
        diagnostic = diagnostic.related(source, first, "first defined here");
    }
    diagnostic
        .note("one name holds one member or one namespace")
        .help("rename one of them, or merge them into one")
}

/// The last place before `before` where `text` stands as a key: a whole word
/// followed by `=`, `.` or `]`. The recovered table keeps only one of the two
/// definitions, so the first is found in the text.
fn earlier_key(source: &Source, text: &str, before: usize) -> Option<std::ops::Range<usize>> {
    let head = source.slice(0..before);
    // From the back: with thousands of duplicates, each search stops at the
    // one before instead of reading the file from its start.
    for (at, _) in head.rmatch_indices(text) {
        let start_ok = !head[..at].chars().next_back().is_some_and(is_word);
        let rest = head[at + text.len()..].trim_start_matches(is_quote);
        let end_ok = !rest.chars().next().is_some_and(is_word);
        let key_ok = matches!(rest.trim_start().chars().next(), Some('=' | '.' | ']'));
        if start_ok && end_ok && key_ok {
            return Some(at..at + text.len());
        }
    }
    None
}

fn is_word(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_' || ch == '-'
}

fn is_quote(ch: char) -> bool {
    ch == '"' || ch == '\''
}

/// The entries of a table in the order they appear in the file.
pub fn entries<'a, 'i>(table: &'a DeTable<'i>) -> Vec<(&'a Key<'i>, &'a Value<'i>)> {
    let mut entries: Vec<_> = table.iter().collect();
    // Stable: keys the parser gives no place of their own keep the table's order.
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// The entry of `key` in `table`.
pub fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<(&'a Key<'i>, &'a Value<'i>)> {
    table.get_key_value(key)
}

/// The value as a table.
pub fn as_table<'a, 'i>(value: &'a Value<'i>) -> Option<&'a DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(table) => Some(table),
        _ => None,
    }
}

/// The value as a string.
pub fn as_str<'a>(value: &'a Value<'_>) -> Option<&'a str> {
    match value.get_ref() {
        DeValue::String(string) => Some(string),
        _ => None,
    }
}

/// `key` of `table` as a string, if it is one.
pub fn str_at<'a>(table: &'a DeTable<'_>, key: &str) -> Option<&'a str> {
    get(table, key).and_then(|(_, value)| as_str(value))
}

/// `key` of `table` as a table, if it is one.
pub fn table_at<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    get(table, key).and_then(|(_, value)| as_table(value))
}

/// `key` of `table` is `true`.
pub fn is_true(table: &DeTable<'_>, key: &str) -> bool {
    matches!(
        get(table, key).map(|(_, v)| v.get_ref()),
        Some(DeValue::Boolean(true))
    )
}

/// What a value is, for "expected …, found …".
pub fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_defined_twice_shows_both_places() {
        let source = Source::new(
            "c.toml",
            "[members]\njson = \"a\"\nformats = \"b\"\n\n[members.formats]\njson = \"a\"\n",
        );
        let (_, error) = parse(&source);
        let diagnostic = error.unwrap().diagnostic;
        let places: Vec<_> = diagnostic
            .location
            .iter()
            .chain(diagnostic.related.iter().map(|(l, _)| l))
            .map(|l| (l.line, l.column))
            .collect();
        assert_eq!(places, [(5, 10), (3, 1)]);
    }
}
