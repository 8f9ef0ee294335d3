//! The macro's arguments, read from its tokens by the grammar that
//! `cratespace_manifest::argument` holds.

use cratespace_manifest::argument::{self, Error, Token};
use proc_macro::{Delimiter, Span, TokenTree};

/// The `manifest = "…"` path and the span of its literal, or `None`; the
/// tokens are what follows `$crate;`.
pub fn parse(
    tokens: impl IntoIterator<Item = TokenTree>,
) -> Result<Option<(String, Span)>, Error<Span>> {
    argument::parse(tokens.into_iter().map(|token| {
        let token = look_through(token);
        let span = token.span();
        let token = match token {
            TokenTree::Ident(ident) => Token::Ident(ident.to_string()),
            TokenTree::Punct(punct) => Token::Punct(punct.as_char()),
            TokenTree::Literal(literal) => Token::Literal(literal.to_string()),
            TokenTree::Group(_) => Token::Other,
        };
        (token, span)
    }))
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
