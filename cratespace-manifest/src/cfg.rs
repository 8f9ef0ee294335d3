//! `cfg` predicates: parsing with byte-precise errors, a canonical text form,
//! and `all`/`any` constructors that simplify.
//!
//! The grammar is the Rust Reference's `ConfigurationPredicate`: a name, a
//! `name = "string"` pair, or `all(...)`, `any(...)`, `not(...)`. Two
//! readers of it: a member's `cfg`, which the compiler reads (identifiers as
//! rustc has them; a string is plain, since no feature or cfg value needs an
//! escape), and a `[target.'cfg(…)']` key, which cargo reads (its own
//! lexer: ASCII identifiers, `r#` allowed, a string up to the next `"`,
//! spaces only), so that nothing cargo accepts is refused.

use std::collections::HashSet;
use std::fmt::{self, Write as _};
use std::ops::Range;

/// Deepest nesting of `all(`, `any(` and `not(` that parsing accepts; the
/// parser recurses once per level, so hostile input must not go deeper.
const MAX_DEPTH: usize = 128;

/// A cfg predicate, as in `#[cfg(...)]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cfg {
    /// `unix`, `test`, `true`
    Name(String),
    /// `feature = "derive"`
    KeyValue(String, String),
    /// `all(...)`
    All(Vec<Cfg>),
    /// `any(...)`
    Any(Vec<Cfg>),
    /// `not(...)`
    Not(Box<Cfg>),
}

/// Why a cfg predicate did not parse, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CfgError {
    /// Byte range, inside the parsed string, of the offending text (may be empty at end of input).
    pub span: Range<usize>,
    /// The reason, lower-case, no trailing period, e.g. "expected `)` to close `all(`", "`not` takes exactly one predicate, found 2".
    pub message: String,
}

impl CfgError {
    fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        CfgError {
            span,
            message: message.into(),
        }
    }
}

impl fmt::Display for CfgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CfgError {}

impl Cfg {
    /// Parses a predicate: the inside of `#[cfg(...)]`, e.g. `all(unix, feature = "x")`.
    ///
    /// The result mirrors the text: nothing is flattened or deduplicated, so
    /// [`Display`](fmt::Display) gives the input back in canonical spacing and
    /// escaping. A trailing comma is accepted in every list, `not(...)`
    /// included. When `not(...)` holds more than one predicate the error span
    /// covers the extra ones (`b` in `not(a, b)`); when it holds none, the
    /// whole `not()`.
    pub fn parse(input: &str) -> Result<Cfg, CfgError> {
        let mut parser = Parser::new(input, 0, Dialect::Rustc);
        let cfg = parser.predicate(0)?;
        let rest = parser.next()?;
        if rest.kind == Kind::End {
            Ok(cfg)
        } else {
            let message = format!("unexpected {} after the predicate", parser.describe(&rest));
            Err(CfgError::new(rest.span, message))
        }
    }

    /// Parses a Cargo target key as cargo does: `cfg(unix)` →
    /// `Ok(Some(Cfg::Name("unix")))`; a plain target triple such as
    /// `x86_64-unknown-linux-gnu` (anything that does not start with `cfg(`
    /// and end with `)`) → `Ok(None)`; a malformed `cfg(...)` → `Err` with a
    /// span relative to the whole key string.
    pub fn parse_target(key: &str) -> Result<Option<Cfg>, CfgError> {
        if !(key.starts_with("cfg(") && key.ends_with(')')) {
            return Ok(None);
        }
        let mut parser = Parser::new(key, "cfg(".len(), Dialect::Cargo);
        let cfg = parser.predicate(0)?;
        let close = parser.next()?;
        match close.kind {
            Kind::CloseParen => {}
            Kind::End => {
                return Err(CfgError::new(close.span, "expected `)` to close `cfg(`"));
            }
            _ => {
                let message = format!(
                    "expected `)` to close `cfg(`, found {}",
                    parser.found(&close)
                );
                return Err(CfgError::new(close.span, message));
            }
        }
        let rest = parser.next()?;
        if rest.kind == Kind::End {
            Ok(Some(cfg))
        } else {
            let message = format!("unexpected {} after `cfg(...)`", parser.describe(&rest));
            Err(CfgError::new(rest.span, message))
        }
    }

    /// `all` of the given predicates, flattened: none → `Cfg::All(vec![])`
    /// (always true), exactly one → that predicate itself. Nested `all(...)`
    /// lists are spliced in place and exact duplicates dropped, keeping the
    /// first occurrence; the order is otherwise the input order.
    #[must_use]
    pub fn all(predicates: Vec<Cfg>) -> Cfg {
        combine(ListKind::All, predicates)
    }

    /// `any` of the given predicates, flattened: none → `Cfg::Any(vec![])`
    /// (always false), exactly one → that predicate itself. Nested `any(...)`
    /// lists are spliced in place and exact duplicates dropped, keeping the
    /// first occurrence; the order is otherwise the input order.
    #[must_use]
    pub fn any(predicates: Vec<Cfg>) -> Cfg {
        combine(ListKind::Any, predicates)
    }

    /// `all()`, the predicate that always holds.
    pub fn always() -> Cfg {
        Cfg::All(Vec::new())
    }

    /// `any()`, the predicate that never holds.
    pub fn never() -> Cfg {
        Cfg::Any(Vec::new())
    }

    /// Whether the predicate holds, given whether each of its names and
    /// `key = "value"` pairs holds.
    ///
    /// ```
    /// use cratespace_manifest::Cfg;
    ///
    /// let cfg = Cfg::parse(r#"all(unix, not(feature = "tls"))"#).unwrap();
    /// let set = [Cfg::Name("unix".into())];
    /// assert!(cfg.holds(&|atom| set.contains(atom)));
    /// ```
    pub fn holds(&self, atom: &dyn Fn(&Cfg) -> bool) -> bool {
        match self {
            Cfg::Name(_) | Cfg::KeyValue(..) => atom(self),
            Cfg::All(list) => list.iter().all(|cfg| cfg.holds(atom)),
            Cfg::Any(list) => list.iter().any(|cfg| cfg.holds(atom)),
            Cfg::Not(inner) => !inner.holds(atom),
        }
    }

    /// The predicate with each name or pair that `known` decides replaced
    /// by its value, and simplified: `all(unix, feature = "x")` with the
    /// feature known to be off is [`Cfg::never`], `any(unix, test)` with
    /// `test` off is `unix`.
    ///
    /// ```
    /// use cratespace_manifest::Cfg;
    ///
    /// let cfg = Cfg::parse("any(windows, all(unix, not(test)))").unwrap();
    /// let known = |atom: &Cfg| (*atom == Cfg::Name("test".into())).then_some(false);
    /// assert_eq!(cfg.assume(&known).to_string(), "any(windows, unix)");
    /// ```
    #[must_use]
    pub fn assume(&self, known: &dyn Fn(&Cfg) -> Option<bool>) -> Cfg {
        match self {
            Cfg::Name(_) | Cfg::KeyValue(..) => match known(self) {
                Some(true) => Cfg::always(),
                Some(false) => Cfg::never(),
                None => self.clone(),
            },
            Cfg::All(list) => {
                let parts: Vec<Cfg> = list.iter().map(|cfg| cfg.assume(known)).collect();
                if parts.iter().any(|part| part.constant() == Some(false)) {
                    return Cfg::never();
                }
                Cfg::all(parts)
            }
            Cfg::Any(list) => {
                let parts: Vec<Cfg> = list.iter().map(|cfg| cfg.assume(known)).collect();
                if parts.iter().any(|part| part.constant() == Some(true)) {
                    return Cfg::always();
                }
                Cfg::any(parts)
            }
            Cfg::Not(inner) => match inner.assume(known) {
                inner if inner.constant() == Some(true) => Cfg::never(),
                inner if inner.constant() == Some(false) => Cfg::always(),
                inner => Cfg::Not(Box::new(inner)),
            },
        }
    }

    /// `Some(true)` for [`Cfg::always`], `Some(false)` for [`Cfg::never`],
    /// `None` for a predicate that depends on the build.
    pub fn constant(&self) -> Option<bool> {
        match self {
            Cfg::All(list) if list.is_empty() => Some(true),
            Cfg::Any(list) if list.is_empty() => Some(false),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ListKind {
    All,
    Any,
}

fn combine(kind: ListKind, mut predicates: Vec<Cfg>) -> Cfg {
    // The usual gate: one predicate that is no list of this kind.
    let flattens = |cfg: &Cfg| match cfg {
        Cfg::All(_) => kind == ListKind::All,
        Cfg::Any(_) => kind == ListKind::Any,
        _ => false,
    };
    if predicates.len() == 1 && !flattens(&predicates[0]) {
        return predicates.remove(0);
    }
    // An explicit stack rather than recursion: the input may be built by hand
    // and nested arbitrarily deep. The next predicate to read is the last.
    let mut stack: Vec<Cfg> = predicates.into_iter().rev().collect();
    let mut flat = Vec::new();
    while let Some(cfg) = stack.pop() {
        match cfg {
            Cfg::All(inner) | Cfg::Any(inner) if flattens(&cfg) => {
                stack.extend(inner.into_iter().rev());
            }
            other => flat.push(other),
        }
    }
    // Most lists are a predicate or two: compared pairwise, with nothing
    // to hash (3 % of the expansion's instructions at 100 members, 2 % at
    // 1 000; callgrind); a long one, a hand-written manifest's, through a set.
    let mut unique: Vec<Cfg> = Vec::with_capacity(flat.len());
    if flat.len() <= 8 {
        for cfg in flat {
            if !unique.contains(&cfg) {
                unique.push(cfg);
            }
        }
    } else {
        let mut seen = HashSet::with_capacity(flat.len());
        unique.extend(flat.iter().filter(|cfg| seen.insert(*cfg)).cloned());
    }
    if unique.len() == 1 {
        return unique.remove(0);
    }
    match kind {
        ListKind::All => Cfg::All(unique),
        ListKind::Any => Cfg::Any(unique),
    }
}

impl fmt::Display for Cfg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cfg::Name(name) => f.write_str(name),
            Cfg::KeyValue(key, value) => {
                f.write_str(key)?;
                f.write_str(" = \"")?;
                write_escaped(f, value)?;
                f.write_str("\"")
            }
            Cfg::All(list) => write_list(f, "all", list),
            Cfg::Any(list) => write_list(f, "any", list),
            Cfg::Not(inner) => {
                f.write_str("not(")?;
                fmt::Display::fmt(inner, f)?;
                f.write_str(")")
            }
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, operator: &str, list: &[Cfg]) -> fmt::Result {
    f.write_str(operator)?;
    f.write_str("(")?;
    for (index, cfg) in list.iter().enumerate() {
        if index > 0 {
            f.write_str(", ")?;
        }
        fmt::Display::fmt(cfg, f)?;
    }
    f.write_str(")")
}

/// Writes a string literal's contents; control characters are escaped too,
/// so the canonical text always stays on one line.
fn write_escaped(f: &mut fmt::Formatter<'_>, value: &str) -> fmt::Result {
    for c in value.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\0' => f.write_str("\\0")?,
            c if c.is_control() => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            c => f.write_char(c)?,
        }
    }
    Ok(())
}

/// Whitespace as Rust's lexer knows it (`Pattern_White_Space`): a
/// non-breaking space pasted into a manifest is reported, not skipped.
fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{B}'
            | '\u{C}'
            | '\r'
            | ' '
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Text in backticks for a message, with invisible characters spelled out.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('`');
    for c in text.chars() {
        if c != ' ' && (c.is_control() || c.is_whitespace() || is_whitespace(c)) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('`');
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Str,
    OpenParen,
    CloseParen,
    Comma,
    Equals,
    /// Anything else: a stray character, or a run such as `1abc`.
    Unknown,
    End,
}

#[derive(Debug)]
struct Token {
    kind: Kind,
    span: Range<usize>,
    /// The decoded contents of a string literal; empty for other kinds.
    value: String,
}

#[derive(Clone, Copy)]
enum Operator {
    All,
    Any,
    Not,
}

impl Operator {
    fn from_name(name: &str) -> Option<Operator> {
        match name {
            "all" => Some(Operator::All),
            "any" => Some(Operator::Any),
            "not" => Some(Operator::Not),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Operator::All => "all",
            Operator::Any => "any",
            Operator::Not => "not",
        }
    }
}

/// Whose lexer the text is read with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// A member's `cfg`, which goes into `#[cfg(…)]`.
    Rustc,
    /// A `[target.'cfg(…)']` key, which cargo reads.
    Cargo,
}

impl Dialect {
    fn ident_start(self, c: char) -> bool {
        match self {
            Dialect::Rustc => is_ident_start(c),
            Dialect::Cargo => c == '_' || c.is_ascii_alphabetic(),
        }
    }

    fn ident_continue(self, c: char) -> bool {
        match self {
            Dialect::Rustc => is_ident_continue(c),
            Dialect::Cargo => c == '_' || c.is_ascii_alphanumeric(),
        }
    }
}

/// A recursive-descent parser over the whole string; tokens are read lazily
/// so the first error in the text is the one reported.
struct Parser<'a> {
    src: &'a str,
    dialect: Dialect,
    /// Where the next token is read from; always on a char boundary.
    pos: usize,
    peeked: Option<Token>,
    /// End of the last token taken with `next`.
    last_end: usize,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str, start: usize, dialect: Dialect) -> Self {
        Parser {
            src,
            dialect,
            pos: start,
            peeked: None,
            last_end: start,
        }
    }

    fn predicate(&mut self, depth: usize) -> Result<Cfg, CfgError> {
        let token = self.next()?;
        match token.kind {
            Kind::Ident => {}
            Kind::End => return Err(CfgError::new(token.span, "expected a cfg predicate")),
            _ => {
                let message = format!("expected a cfg predicate, found {}", self.found(&token));
                return Err(CfgError::new(token.span, message));
            }
        }
        let name = self.text(&token.span);
        if name == "_" {
            return Err(CfgError::new(token.span, "`_` is not a valid cfg name"));
        }

        let (next_kind, next_span) = {
            let next = self.peek()?;
            (next.kind, next.span.clone())
        };
        match (Operator::from_name(name), next_kind) {
            (Some(operator), Kind::OpenParen) => self.operator(operator, token.span, depth),
            (Some(Operator::Not), _) => Err(CfgError::new(
                token.span,
                "`not` needs a predicate: `not(...)`",
            )),
            (Some(operator), _) => {
                let name = operator.name();
                let message = format!("`{name}` needs a list: `{name}(...)`");
                Err(CfgError::new(token.span, message))
            }
            (None, Kind::Equals) => {
                self.next()?;
                let value = self.next()?;
                match value.kind {
                    Kind::Str => Ok(Cfg::KeyValue(name.to_owned(), value.value)),
                    Kind::End => Err(CfgError::new(
                        value.span,
                        "expected a string literal after `=`",
                    )),
                    _ => {
                        let message = format!(
                            "expected a string literal after `=`, found {}",
                            self.found(&value)
                        );
                        Err(CfgError::new(value.span, message))
                    }
                }
            }
            (None, Kind::OpenParen) => {
                let message = format!(
                    "unknown cfg operator {}: expected `all`, `any` or `not`",
                    quoted(name)
                );
                Err(CfgError::new(token.span, message))
            }
            (None, Kind::Str) => Err(CfgError::new(
                next_span,
                "expected `=` before the string literal",
            )),
            (None, _) => Ok(Cfg::Name(name.to_owned())),
        }
    }

    /// Parses the parenthesised list after `all`, `any` or `not`, whose
    /// keyword is at `keyword`; the `(` is the next token.
    fn operator(
        &mut self,
        operator: Operator,
        keyword: Range<usize>,
        depth: usize,
    ) -> Result<Cfg, CfgError> {
        let open = self.next()?;
        if depth >= MAX_DEPTH {
            return Err(CfgError::new(
                keyword.start..open.span.end,
                "cfg predicate nested too deeply",
            ));
        }
        let unclosed = || format!("expected `)` to close `{}(`", operator.name());

        let mut list = Vec::new();
        let mut spans = Vec::new();
        loop {
            let (kind, span) = {
                let next = self.peek()?;
                (next.kind, next.span.clone())
            };
            match kind {
                Kind::CloseParen => {
                    self.next()?;
                    break;
                }
                Kind::End => return Err(CfgError::new(span, unclosed())),
                _ => {}
            }
            list.push(self.predicate(depth + 1)?);
            spans.push(span.start..self.last_end);

            let separator = self.next()?;
            match separator.kind {
                Kind::Comma => {}
                Kind::CloseParen => break,
                Kind::End => return Err(CfgError::new(separator.span, unclosed())),
                _ => {
                    let message = format!("expected `,` or `)`, found {}", self.found(&separator));
                    return Err(CfgError::new(separator.span, message));
                }
            }
        }

        match operator {
            Operator::All => Ok(Cfg::All(list)),
            Operator::Any => Ok(Cfg::Any(list)),
            Operator::Not => {
                let count = list.len();
                let extra = match (spans.get(1), spans.last()) {
                    (Some(first_extra), Some(last_extra)) => first_extra.start..last_extra.end,
                    _ => keyword.start..self.last_end,
                };
                match list.pop() {
                    Some(inner) if count == 1 => Ok(Cfg::Not(Box::new(inner))),
                    _ => Err(CfgError::new(
                        extra,
                        format!("`not` takes exactly one predicate, found {count}"),
                    )),
                }
            }
        }
    }

    fn text(&self, span: &Range<usize>) -> &'a str {
        let src: &'a str = self.src;
        src.get(span.clone()).unwrap_or("")
    }

    /// A token as the object of "unexpected …".
    fn describe(&self, token: &Token) -> String {
        match token.kind {
            Kind::Str => "string literal".to_owned(),
            Kind::End => "end of input".to_owned(),
            _ => quoted(self.text(&token.span)),
        }
    }

    /// A token as the object of "found …".
    fn found(&self, token: &Token) -> String {
        match token.kind {
            Kind::Str => "a string literal".to_owned(),
            _ => self.describe(token),
        }
    }

    fn peek(&mut self) -> Result<&Token, CfgError> {
        let token = match self.peeked.take() {
            Some(token) => token,
            None => self.lex()?,
        };
        Ok(self.peeked.insert(token))
    }

    fn next(&mut self) -> Result<Token, CfgError> {
        let token = match self.peeked.take() {
            Some(token) => token,
            None => self.lex()?,
        };
        if token.kind != Kind::End {
            self.last_end = token.span.end;
        }
        Ok(token)
    }

    fn rest(&self) -> &'a str {
        let src: &'a str = self.src;
        src.get(self.pos..).unwrap_or("")
    }

    fn peek_char(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek_char()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat_while(&mut self, wanted: impl Fn(char) -> bool) {
        while self.peek_char().is_some_and(&wanted) {
            self.bump();
        }
    }

    fn lex(&mut self) -> Result<Token, CfgError> {
        let dialect = self.dialect;
        match dialect {
            Dialect::Rustc => self.eat_while(is_whitespace),
            Dialect::Cargo => self.eat_while(|c| c == ' '),
        }
        let start = self.pos;
        let mut value = String::new();
        let kind = match self.bump() {
            None => Kind::End,
            Some('(') => Kind::OpenParen,
            Some(')') => Kind::CloseParen,
            Some(',') => Kind::Comma,
            Some('=') => Kind::Equals,
            Some('"') => {
                value = self.string(start)?;
                Kind::Str
            }
            Some('r') if self.dialect == Dialect::Rustc && self.raw_string_follows() => {
                return Err(CfgError::new(
                    start..self.pos,
                    "a raw string cannot stand in a cfg: write the value as a plain string, `\"…\"`",
                ));
            }
            Some('r') if self.dialect == Dialect::Cargo && self.peek_char() == Some('#') => {
                // `r#name` is `name` to cargo.
                self.bump();
                let name = self.pos;
                if !self.peek_char().is_some_and(|c| dialect.ident_start(c)) {
                    return Err(CfgError::new(
                        start..self.pos,
                        "expected an identifier after `r#`",
                    ));
                }
                self.eat_while(|c| dialect.ident_continue(c));
                return Ok(Token {
                    kind: Kind::Ident,
                    span: name..self.pos,
                    value,
                });
            }
            Some(c) if dialect.ident_start(c) => {
                self.eat_while(|c| dialect.ident_continue(c));
                Kind::Ident
            }
            Some(c) if c.is_ascii_digit() => {
                self.eat_while(|c| dialect.ident_continue(c));
                Kind::Unknown
            }
            Some(_) => Kind::Unknown,
        };
        Ok(Token {
            kind,
            span: start..self.pos,
            value,
        })
    }

    /// After an `r`: `#`s, then `"`.
    fn raw_string_follows(&self) -> bool {
        self.rest().trim_start_matches('#').starts_with('"')
    }

    /// Reads a string whose opening `"`, at `start`, was just read: up to the
    /// next `"`. The compiler would read an escape, which no feature or cfg
    /// value needs; cargo reads a `\` as itself.
    fn string(&mut self, start: usize) -> Result<String, CfgError> {
        let rest = self.rest();
        let Some(length) = rest.find('"') else {
            return Err(CfgError::new(
                start..self.src.len(),
                "unterminated string literal",
            ));
        };
        let value = &rest[..length];
        if self.dialect == Dialect::Rustc {
            if let Some(at) = value.find('\\') {
                let escape = self.pos + at;
                let end = rest[at + 1..]
                    .chars()
                    .next()
                    .map_or(escape + 1, |c| escape + 1 + c.len_utf8());
                return Err(CfgError::new(
                    escape..end,
                    "an escape cannot stand in a cfg string: write the value as it is",
                ));
            }
        }
        self.pos += length + 1;
        Ok(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> Cfg {
        Cfg::Name(text.to_owned())
    }

    fn pair(key: &str, value: &str) -> Cfg {
        Cfg::KeyValue(key.to_owned(), value.to_owned())
    }

    #[test]
    fn valid_predicates_print_canonically_and_parse_back() {
        let cases = [
            ("unix", "unix"),
            ("  unix \n", "unix"),
            ("true", "true"),
            ("_private", "_private"),
            ("café", "café"),
            ("feature=\"x\"", "feature = \"x\""),
            ("feature = \"café\"", "feature = \"café\""),
            ("all(unix,feature = \"x\",)", "all(unix, feature = \"x\")"),
            ("all()", "all()"),
            ("any( )", "any()"),
            ("not(windows)", "not(windows)"),
            ("not( windows , )", "not(windows)"),
            ("any(\n\tunix,\n\twindows,\n)", "any(unix, windows)"),
            ("all(any(a, b), not(all()))", "all(any(a, b), not(all()))"),
            ("all(all(all(a)))", "all(all(all(a)))"),
            ("k = \"\"", "k = \"\""),
            ("k = \"it's 🦀\"", "k = \"it's 🦀\""),
        ];
        for (input, canonical) in cases {
            let parsed = Cfg::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e:?}"));
            assert_eq!(parsed.to_string(), canonical, "{input:?}");
            assert_eq!(Cfg::parse(canonical), Ok(parsed), "{canonical:?}");
        }
    }

    #[test]
    fn values_print_as_rust_strings() {
        // A value can hold what needs an escape in Rust: a line break read
        // from a member's `cfg`, a `\` read from a target key.
        assert_eq!(
            Cfg::parse("k = \"two\nlines\"").unwrap().to_string(),
            r#"k = "two\nlines""#
        );
        assert_eq!(
            Cfg::parse_target(r#"cfg(k = "a\b")"#)
                .unwrap()
                .unwrap()
                .to_string(),
            r#"k = "a\\b""#
        );
        assert_eq!(pair("k", "\u{7}").to_string(), r#"k = "\u{7}""#);
    }

    #[test]
    fn parse_builds_the_written_structure() {
        assert_eq!(
            Cfg::parse(r#"all(unix, feature = "x")"#),
            Ok(Cfg::All(vec![name("unix"), pair("feature", "x")]))
        );
        assert_eq!(
            Cfg::parse("not(any(a, b))"),
            Ok(Cfg::Not(Box::new(Cfg::Any(vec![name("a"), name("b")]))))
        );
        assert_eq!(
            Cfg::parse("all(a, a)"),
            Ok(Cfg::All(vec![name("a"), name("a")]))
        );
    }

    #[test]
    fn errors_have_exact_messages_and_spans() {
        let deep = format!("{}a{}", "not(".repeat(129), ")".repeat(129));
        let cases: &[(&str, Range<usize>, &str)] = &[
            ("", 0..0, "expected a cfg predicate"),
            ("   ", 3..3, "expected a cfg predicate"),
            (",", 0..1, "expected a cfg predicate, found `,`"),
            (")", 0..1, "expected a cfg predicate, found `)`"),
            (
                "\"x\"",
                0..3,
                "expected a cfg predicate, found a string literal",
            ),
            ("42", 0..2, "expected a cfg predicate, found `42`"),
            ("🦀", 0..4, "expected a cfg predicate, found `🦀`"),
            ("all(,)", 4..5, "expected a cfg predicate, found `,`"),
            (
                "all(unix feature = \"x\")",
                9..16,
                "expected `,` or `)`, found `feature`",
            ),
            ("any(a b)", 6..7, "expected `,` or `)`, found `b`"),
            ("all(", 4..4, "expected `)` to close `all(`"),
            ("all(unix", 8..8, "expected `)` to close `all(`"),
            ("any(unix,", 9..9, "expected `)` to close `any(`"),
            ("not(a", 5..5, "expected `)` to close `not(`"),
            ("not()", 0..5, "`not` takes exactly one predicate, found 0"),
            (
                "not(a, b)",
                7..8,
                "`not` takes exactly one predicate, found 2",
            ),
            (
                "not(a, b, c,)",
                7..11,
                "`not` takes exactly one predicate, found 3",
            ),
            ("all", 0..3, "`all` needs a list: `all(...)`"),
            ("any = \"x\"", 0..3, "`any` needs a list: `any(...)`"),
            ("all(any)", 4..7, "`any` needs a list: `any(...)`"),
            ("not", 0..3, "`not` needs a predicate: `not(...)`"),
            ("not = \"x\"", 0..3, "`not` needs a predicate: `not(...)`"),
            ("_", 0..1, "`_` is not a valid cfg name"),
            ("_ = \"x\"", 0..1, "`_` is not a valid cfg name"),
            (
                "foo(bar)",
                0..3,
                "unknown cfg operator `foo`: expected `all`, `any` or `not`",
            ),
            ("unix \"x\"", 5..8, "expected `=` before the string literal"),
            ("feature = ", 10..10, "expected a string literal after `=`"),
            (
                "feature = x",
                10..11,
                "expected a string literal after `=`, found `x`",
            ),
            (
                "feature = 1",
                10..11,
                "expected a string literal after `=`, found `1`",
            ),
            ("unix,", 4..5, "unexpected `,` after the predicate"),
            ("unix, windows", 4..5, "unexpected `,` after the predicate"),
            ("unix)", 4..5, "unexpected `)` after the predicate"),
            (
                "a = \"x\" \"y\"",
                8..11,
                "unexpected string literal after the predicate",
            ),
            (
                "unix\u{a0}",
                4..6,
                "unexpected `\\u{a0}` after the predicate",
            ),
            ("r#unix", 1..2, "unexpected `#` after the predicate"),
            ("feature = \"abc", 10..14, "unterminated string literal"),
            ("feature = \"é\\", 10..14, "unterminated string literal"),
            (
                "k = \"a\\\"b\"",
                6..8,
                "an escape cannot stand in a cfg string: write the value as it is",
            ),
            (
                "k = \"\\u{41}\"",
                5..7,
                "an escape cannot stand in a cfg string: write the value as it is",
            ),
            (
                "k = r\"x\"",
                4..5,
                "a raw string cannot stand in a cfg: write the value as a plain string, `\"…\"`",
            ),
            (
                "k = r#\"x\"#",
                4..5,
                "a raw string cannot stand in a cfg: write the value as a plain string, `\"…\"`",
            ),
            (&deep, 512..516, "cfg predicate nested too deeply"),
        ];
        for (input, span, message) in cases {
            let expected = CfgError::new(span.clone(), *message);
            assert_eq!(Cfg::parse(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn nesting_limit() {
        let deepest = format!("{}a{}", "all(".repeat(128), ")".repeat(128));
        assert!(Cfg::parse(&deepest).is_ok());
        let hostile = "any(".repeat(100_000);
        let error = Cfg::parse(&hostile).unwrap_err();
        assert_eq!(error.message, "cfg predicate nested too deeply");
    }

    #[test]
    fn target_keys() {
        let linux = Cfg::All(vec![
            pair("target_os", "linux"),
            pair("target_arch", "x86_64"),
        ]);
        let cases = [
            ("cfg(unix)", Some(name("unix"))),
            ("cfg( windows )", Some(name("windows"))),
            ("cfg(r#unix)", Some(name("unix"))),
            (r#"cfg(feature = "a\b")"#, Some(pair("feature", "a\\b"))),
            // Cargo reads a key that does not start with `cfg(` and end with
            // `)` as a target name.
            ("  cfg(windows)", None),
            ("cfg(windows) ", None),
            (
                r#"cfg(all(target_os = "linux", target_arch = "x86_64"))"#,
                Some(linux),
            ),
            ("x86_64-unknown-linux-gnu", None),
            ("wasm32-unknown-unknown", None),
            ("", None),
            ("cfg", None),
            ("cfg(", None),
            ("cfg(unix", None),
            ("cfg(unix) x", None),
            ("cfg (unix)", None),
            ("config(unix)", None),
        ];
        for (key, expected) in cases {
            assert_eq!(Cfg::parse_target(key), Ok(expected), "{key:?}");
        }
    }

    #[test]
    fn broken_target_keys() {
        let cases: &[(&str, Range<usize>, &str)] = &[
            ("cfg()", 4..5, "expected a cfg predicate, found `)`"),
            (
                "cfg(unix, windows)",
                8..9,
                "expected `)` to close `cfg(`, found `,`",
            ),
            ("cfg(unix))", 9..10, "unexpected `)` after `cfg(...)`"),
            (
                "cfg(all(unix foo))",
                13..16,
                "expected `,` or `)`, found `foo`",
            ),
            ("cfg(feature = \"x)", 14..17, "unterminated string literal"),
            // Cargo's lexer: ASCII names, spaces only.
            ("cfg(café)", 7..9, "expected `)` to close `cfg(`, found `é`"),
            (
                "cfg(\tunix)",
                4..5,
                "expected a cfg predicate, found `\\u{9}`",
            ),
            ("cfg(r#)", 4..6, "expected an identifier after `r#`"),
        ];
        for (key, span, message) in cases {
            let expected = CfgError::new(span.clone(), *message);
            assert_eq!(Cfg::parse_target(key), Err(expected), "{key:?}");
        }
    }

    #[test]
    fn all_and_any_flatten_and_deduplicate() {
        let (a, b, c) = (name("a"), name("b"), name("c"));
        let cases = [
            (Cfg::all(vec![]), Cfg::All(vec![])),
            (Cfg::any(vec![]), Cfg::Any(vec![])),
            (Cfg::all(vec![a.clone()]), a.clone()),
            (Cfg::any(vec![a.clone()]), a.clone()),
            (Cfg::all(vec![a.clone(), a.clone()]), a.clone()),
            (
                Cfg::all(vec![c.clone(), a.clone(), b.clone()]),
                Cfg::All(vec![c.clone(), a.clone(), b.clone()]),
            ),
            (
                Cfg::all(vec![
                    a.clone(),
                    Cfg::All(vec![b.clone(), Cfg::All(vec![c.clone(), a.clone()])]),
                    b.clone(),
                ]),
                Cfg::All(vec![a.clone(), b.clone(), c.clone()]),
            ),
            (
                Cfg::any(vec![a.clone(), Cfg::All(vec![b.clone(), c.clone()])]),
                Cfg::Any(vec![a.clone(), Cfg::All(vec![b.clone(), c.clone()])]),
            ),
            (
                Cfg::all(vec![a.clone(), Cfg::Any(vec![b.clone()])]),
                Cfg::All(vec![a.clone(), Cfg::Any(vec![b.clone()])]),
            ),
            (Cfg::all(vec![Cfg::All(vec![]), a.clone()]), a.clone()),
            (
                Cfg::any(vec![Cfg::Any(vec![a.clone()]), Cfg::Any(vec![a.clone()])]),
                a.clone(),
            ),
            (
                Cfg::any(vec![Cfg::Any(vec![]), Cfg::Any(vec![])]),
                Cfg::Any(vec![]),
            ),
            (
                Cfg::any(vec![pair("k", "v"), b.clone(), pair("k", "v")]),
                Cfg::Any(vec![pair("k", "v"), b.clone()]),
            ),
        ];
        for (index, (built, expected)) in cases.into_iter().enumerate() {
            assert_eq!(built, expected, "case {index}");
        }
    }

    /// Checks the promises that hold for any input: errors point inside the
    /// input on char boundaries, and successes print to text that parses back.
    fn check(input: &str, result: Result<Option<Cfg>, CfgError>) {
        match result {
            Ok(Some(cfg)) => {
                // A value with a `\` (from a target key) prints escaped, which
                // a member's `cfg` does not take back.
                let text = cfg.to_string();
                if !text.contains('\\') {
                    assert_eq!(Cfg::parse(&text), Ok(cfg), "{input:?} printed as {text:?}");
                }
            }
            Ok(None) => {}
            Err(error) => {
                let CfgError { span, message } = error;
                assert!(
                    span.start <= span.end && span.end <= input.len(),
                    "{input:?}"
                );
                assert!(input.is_char_boundary(span.start), "{input:?}");
                assert!(input.is_char_boundary(span.end), "{input:?}");
                assert!(!message.is_empty() && !message.ends_with('.'), "{input:?}");
                assert!(!message.starts_with(char::is_uppercase), "{input:?}");
            }
        }
    }

    fn check_everywhere(input: &str) {
        check(input, Cfg::parse(input).map(Some));
        check(input, Cfg::parse_target(input));
        let key = format!("cfg({input})");
        check(&key, Cfg::parse_target(&key));
    }

    #[test]
    fn mangled_input_never_panics() {
        let seeds = [
            "unix",
            "feature = \"café\"",
            "all(unix, feature = \"x\", not(windows),)",
            "any(target_os = \"linux\", all(), any())",
            "not(é_ß = \"ünï\")",
            "crab = \"🦀\"",
            "k = \"two\nlines\"",
        ];
        let inserts = [
            b'(', b')', b',', b'=', b'"', b'\\', b'#', b'r', b'u', b'{', b'}', 0xC3,
        ];
        for seed in seeds {
            assert!(Cfg::parse(seed).is_ok(), "{seed:?}");
            let bytes = seed.as_bytes();
            for cut in 0..=bytes.len() {
                check_everywhere(&String::from_utf8_lossy(&bytes[..cut]));
                check_everywhere(&String::from_utf8_lossy(&bytes[cut..]));
                if cut < bytes.len() {
                    let mut deleted = bytes.to_vec();
                    deleted.remove(cut);
                    check_everywhere(&String::from_utf8_lossy(&deleted));
                }
                for byte in inserts {
                    let mut inserted = bytes.to_vec();
                    inserted.insert(cut, byte);
                    check_everywhere(&String::from_utf8_lossy(&inserted));
                }
            }
        }
    }
}
