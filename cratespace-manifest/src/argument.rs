//! The `cratespace!` macro's arguments, as the macro reads them from its
//! tokens and `cargo cratespace` from the source: nothing, or
//! `manifest = "path"` (SPEC §3; diagnostic 15).
//!
//! Each reader turns its own tokens into [`Token`]s, with spans of its own
//! kind, and [`parse`] gives the path or the problem and where it is.

use crate::diagnostic::Diagnostic;
use crate::suggest::closest;

/// A token of the arguments, as [`parse`] needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// An identifier, as written.
    Ident(String),
    /// A punctuation character.
    Punct(char),
    /// A literal, as written in the source: `"a.toml"`, `r#"a.toml"#`, `1`.
    Literal(String),
    /// Anything else, such as a group.
    Other,
}

/// A problem with the arguments, and the span of the token it is about.
#[derive(Debug)]
pub struct Error<S> {
    /// Where: one of the spans given to [`parse`].
    pub span: S,
    /// What is wrong and how to fix it; it has no place in a file of its
    /// own, the span is the place.
    pub diagnostic: Box<Diagnostic>,
}

const ONLY_ARGUMENT: &str = "the one argument is `manifest = \"…\"`, the path of the cratespace\nfile relative to the crate's directory";

/// The path of `manifest = "…"`, with the span of its literal, or `None`
/// for no argument.
///
/// ```
/// use cratespace_manifest::argument::{Token, parse};
///
/// let tokens = [
///     (Token::Ident("manifest".into()), 0),
///     (Token::Punct('='), 1),
///     (Token::Literal(r#"r"cratespace.toml""#.into()), 2),
/// ];
/// assert_eq!(parse(tokens).unwrap(), Some(("cratespace.toml".to_owned(), 2)));
///
/// let tokens = [(Token::Ident("manifst".into()), 0)];
/// let error = parse(tokens).unwrap_err();
/// assert_eq!(error.diagnostic.help, ["did you mean `manifest`?"]);
/// ```
pub fn parse<S: Clone>(
    tokens: impl IntoIterator<Item = (Token, S)>,
) -> Result<Option<(String, S)>, Error<S>> {
    let mut tokens = tokens.into_iter();
    let mut manifest: Option<(String, S)> = None;
    while let Some((token, key_span)) = tokens.next() {
        let Token::Ident(key) = token else {
            return Err(
                error(key_span, "expected `manifest = \"…\"` or no argument").note(ONLY_ARGUMENT),
            );
        };
        if key != "manifest" {
            let problem = error(key_span.clone(), format!("unknown argument `{key}`"));
            return Err(match closest(&key, &["manifest"]) {
                Some(best) => problem.help(format!("did you mean `{best}`?")),
                None => problem.note(ONLY_ARGUMENT),
            });
        }
        match tokens.next() {
            Some((Token::Punct('='), _)) => {}
            other => {
                let span = other.map_or(key_span.clone(), |(_, span)| span);
                return Err(error(span, "expected `=` after `manifest`")
                    .help("write `manifest = \"cratespace.toml\"`"));
            }
        }
        let (path, span) = match tokens.next() {
            Some((Token::Literal(literal), span)) => match path(&literal) {
                Ok(path) => (path, span.clone()),
                Err(diagnostic) => {
                    return Err(Error { span, diagnostic });
                }
            },
            other => {
                return Err(takes_a_string(
                    other.map_or(key_span.clone(), |(_, span)| span),
                ));
            }
        };
        if manifest.is_some() {
            return Err(
                error(key_span, "`manifest` is given twice").help("give the cratespace file once")
            );
        }
        manifest = Some((path, span));
        match tokens.next() {
            None | Some((Token::Punct(','), _)) => {}
            Some((_, span)) => {
                return Err(
                    error(span, "expected `,` or the end of the arguments").note(ONLY_ARGUMENT)
                );
            }
        }
    }
    Ok(manifest)
}

fn error<S>(span: S, message: impl Into<String>) -> Error<S> {
    Error {
        span,
        diagnostic: Box::new(Diagnostic::new(message)),
    }
}

impl<S> Error<S> {
    fn help(mut self, help: impl Into<String>) -> Self {
        *self.diagnostic = self.diagnostic.help(help);
        self
    }

    fn note(mut self, note: impl Into<String>) -> Self {
        *self.diagnostic = self.diagnostic.note(note);
        self
    }
}

fn takes_a_string<S>(span: S) -> Error<S> {
    error(span, "`manifest` takes a string")
        .help("write the path of the cratespace file:\n`manifest = \"cratespace.toml\"`")
}

/// The path a literal holds: a plain string without escapes, or a raw
/// string. Paths need no escape (`/` separates directories on every
/// platform), and a byte, C or suffixed string is not a path.
fn path(text: &str) -> Result<String, Box<Diagnostic>> {
    let reject = |message: &str, help: String| Err(Box::new(Diagnostic::new(message).help(help)));
    let takes_a_string = || Err(takes_a_string(()).diagnostic);
    let (prefix, rest) = text.split_at(text.find(['"', '\'', '#']).unwrap_or(text.len()));
    if rest.starts_with('\'') {
        return takes_a_string();
    }
    let raw = match prefix {
        "" => false,
        "r" => true,
        "b" | "br" => {
            return reject(
                "`manifest` takes a string, not a byte string",
                format!("remove the `b`: `manifest = {}`", &text[1..]),
            );
        }
        "c" | "cr" => {
            return reject(
                "`manifest` takes a string, not a C string",
                format!("remove the `c`: `manifest = {}`", &text[1..]),
            );
        }
        _ => return takes_a_string(),
    };
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let body = &rest[hashes..];
    let close = format!("\"{}", "#".repeat(hashes));
    // The closing quote is the last one when there is no suffix.
    let Some(end) = body.rfind(&close).filter(|&end| end > 0) else {
        return takes_a_string();
    };
    let suffix = &body[end + close.len()..];
    let value = &body[1..end];
    if !suffix.is_empty() {
        let written = &text[..text.len() - suffix.len()];
        return reject(
            "`manifest` takes a string without a suffix",
            format!("remove `{suffix}`: `manifest = {written}`"),
        );
    }
    if !raw && value.contains('\\') {
        return reject(
            "`manifest` takes a path without escapes",
            "write `/` between directories, or a raw string: `r\"…\"`".to_owned(),
        );
    }
    if value.is_empty() {
        return reject(
            "`manifest` is an empty path",
            "write the path of the cratespace file:\n`manifest = \"cratespace.toml\"`".to_owned(),
        );
    }
    if std::path::Path::new(value).is_absolute() || value.starts_with(['/', '\\']) {
        return reject(
            "`manifest` must be relative to the crate's directory",
            "write the path from the crate's directory, so that the crate\nbuilds wherever it is"
                .to_owned(),
        );
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::path;

    #[test]
    fn literal_forms() {
        assert_eq!(path(r#""a/b.toml""#).unwrap(), "a/b.toml");
        assert_eq!(path(r#"r"a\b.toml""#).unwrap(), r"a\b.toml");
        assert_eq!(path(r###"r##"a"#b"##"###).unwrap(), r##"a"#b"##);
        for (literal, message) in [
            (r#""a\\b""#, "`manifest` takes a path without escapes"),
            (r#"b"a""#, "`manifest` takes a string, not a byte string"),
            (r#"br"a""#, "`manifest` takes a string, not a byte string"),
            (r#"c"a""#, "`manifest` takes a string, not a C string"),
            (r#""a"x"#, "`manifest` takes a string without a suffix"),
            (r#"r"a"x"#, "`manifest` takes a string without a suffix"),
            ("'a'", "`manifest` takes a string"),
            ("b'a'", "`manifest` takes a string"),
            ("1", "`manifest` takes a string"),
            (r#""""#, "`manifest` is an empty path"),
            (
                r#""/etc/a.toml""#,
                "`manifest` must be relative to the crate's directory",
            ),
        ] {
            assert_eq!(path(literal).unwrap_err().message, message, "{literal}");
        }
    }
}
