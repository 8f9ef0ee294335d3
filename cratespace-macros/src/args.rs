//! The macro's arguments, read from the tokens: nothing, or
//! `manifest = "path"`.

use cratespace_manifest::{Diagnostic, closest};
use proc_macro::{Delimiter, Literal, Span, TokenTree};

/// What the invocation asks for.
pub struct Args {
    /// The `manifest = "…"` path, and the span of its literal.
    pub manifest: Option<(String, Span)>,
}

/// A problem with the arguments, at the token it is about.
pub struct Error {
    pub span: Span,
    pub diagnostic: Box<Diagnostic>,
}

impl Error {
    fn new(span: Span, message: impl Into<String>) -> Self {
        Error {
            span,
            diagnostic: Box::new(Diagnostic::new(message)),
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        *self.diagnostic = self.diagnostic.help(help);
        self
    }
}

const ONLY_ARGUMENT: &str = "the only argument is `manifest = \"cratespace.toml\"`, a path relative to the crate's directory";

/// Reads the arguments: `tokens` are what follows `$crate;`.
pub fn parse(tokens: impl IntoIterator<Item = TokenTree>) -> Result<Args, Error> {
    let mut tokens = tokens.into_iter().map(look_through).peekable();
    let mut manifest: Option<(String, Span)> = None;
    while let Some(token) = tokens.next() {
        let key = match &token {
            TokenTree::Ident(ident) => ident.to_string(),
            other => {
                return Err(
                    Error::new(other.span(), "expected `manifest = \"…\"` or no argument")
                        .help(ONLY_ARGUMENT),
                );
            }
        };
        if key != "manifest" {
            let error = Error::new(token.span(), format!("unknown argument `{key}`"));
            return Err(match closest(&key, &["manifest"]) {
                Some(best) => error.help(format!("did you mean `{best}`?")),
                None => error.help(ONLY_ARGUMENT),
            });
        }
        match tokens.next() {
            Some(TokenTree::Punct(punct)) if punct.as_char() == '=' => {}
            Some(other) => {
                return Err(Error::new(other.span(), "expected `=` after `manifest`")
                    .help("write `manifest = \"cratespace.toml\"`"));
            }
            None => {
                return Err(Error::new(token.span(), "expected `=` after `manifest`")
                    .help("write `manifest = \"cratespace.toml\"`"));
            }
        }
        let (path, span) = match tokens.next() {
            Some(TokenTree::Literal(literal)) => (path(&literal)?, literal.span()),
            Some(other) => return Err(takes_a_string(other.span())),
            None => return Err(takes_a_string(token.span())),
        };
        if manifest.is_some() {
            return Err(Error::new(token.span(), "`manifest` is given twice")
                .help("give the cratespace file once"));
        }
        manifest = Some((path, span));
        match tokens.next() {
            None => {}
            Some(TokenTree::Punct(punct)) if punct.as_char() == ',' => {}
            Some(other) => {
                return Err(
                    Error::new(other.span(), "expected `,` or the end of the arguments")
                        .help(ONLY_ARGUMENT),
                );
            }
        }
    }
    Ok(Args { manifest })
}

/// A token forwarded through another macro (`$path:literal`, `$path:expr`)
/// comes wrapped in an invisible group: the token inside it.
fn look_through(token: TokenTree) -> TokenTree {
    let mut token = token;
    loop {
        let inner = match &token {
            TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
                let mut inside = group.stream().into_iter();
                match (inside.next(), inside.next()) {
                    (Some(only), None) => only,
                    _ => return token,
                }
            }
            _ => return token,
        };
        token = inner;
    }
}

fn takes_a_string(span: Span) -> Error {
    Error::new(span, "`manifest` takes a string")
        .help("write the path of the cratespace file, relative to the crate's directory: `manifest = \"cratespace.toml\"`")
}

/// The path a literal holds: a plain string without escapes, or a raw
/// string. Paths need no escape (`/` separates directories on every
/// platform), and a byte, C or suffixed string is not a path.
fn path(literal: &Literal) -> Result<String, Error> {
    let span = literal.span();
    let text = literal.to_string();
    let reject = |message: &str, help: String| Err(Error::new(span, message).help(help));
    let (prefix, rest) = text.split_at(text.find(['"', '\'']).unwrap_or(text.len()));
    if rest.starts_with('\'') {
        return Err(takes_a_string(span));
    }
    let raw = match prefix {
        "" => false,
        "r" => true,
        "b" | "br" => {
            return reject(
                "`manifest` takes a string, not a byte string",
                format!("remove the `{}`: `manifest = {}`", &prefix[..1], &text[1..]),
            );
        }
        "c" | "cr" => {
            return reject(
                "`manifest` takes a string, not a C string",
                format!("remove the `c`: `manifest = {}`", &text[1..]),
            );
        }
        _ => return Err(takes_a_string(span)),
    };
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let body = &rest[hashes..];
    let close = format!("\"{}", "#".repeat(hashes));
    // The closing quote is the last one when there is no suffix.
    let Some(end) = body.rfind(&close).filter(|&end| end > 0) else {
        return Err(takes_a_string(span));
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
            "write `/` between directories, or use a raw string: `manifest = r\"…\"`".to_owned(),
        );
    }
    if value.is_empty() {
        return reject(
            "`manifest` is an empty path",
            "write the path of the cratespace file: `manifest = \"cratespace.toml\"`".to_owned(),
        );
    }
    if std::path::Path::new(value).is_absolute() || value.starts_with(['/', '\\']) {
        return reject(
            "`manifest` must be relative to the crate's directory",
            "a relative path builds wherever the crate is: `manifest = \"cratespace.toml\"`"
                .to_owned(),
        );
    }
    Ok(value.to_owned())
}
