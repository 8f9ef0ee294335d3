//! The `cratespace!(…)` calls of a lib root, read without compiling: which
//! manifest each one loads, or why its arguments are wrong (SPEC §3, §6
//! row 15), in the words the macro uses.

use cratespace_manifest::argument::{self, Token};
use cratespace_manifest::{Diagnostic, Location, Source};
use proc_macro2::TokenTree;
use syn::Item;

/// One `cratespace!(…)` call.
#[derive(Debug)]
pub struct Invocation {
    /// Where the call is: the compiler reports manifest problems that have
    /// no place in a file here.
    pub location: Location,
    /// The `manifest = "…"` argument and where its literal is, or why the
    /// arguments are wrong.
    pub manifest: Result<Option<(String, Location)>, Box<Diagnostic>>,
}

/// The calls in `source`, in the order they appear, inline modules
/// included; `Err` when the file is not Rust syn can read.
pub fn find(source: &Source) -> syn::Result<Vec<Invocation>> {
    // Spans count bytes from the first token syn sees; a byte-order mark is
    // not one.
    let text = source.text.strip_prefix('\u{feff}');
    let offset = source.text.len() - text.unwrap_or(&source.text).len();
    let file = syn::parse_file(text.unwrap_or(&source.text))?;
    let mut found = Vec::new();
    collect(&file.items, source, offset, &mut found);
    Ok(found)
}

fn collect(items: &[Item], source: &Source, offset: usize, found: &mut Vec<Invocation>) {
    for item in items {
        match item {
            Item::Macro(item) if is_cratespace(&item.mac.path) => {
                let call = span_of(&item.mac.path, &item.mac.delimiter);
                let manifest = arguments(&item.mac.tokens, source, offset);
                found.push(Invocation {
                    location: source.locate(offset + call.start..offset + call.end),
                    manifest,
                });
            }
            Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    collect(items, source, offset, found);
                }
            }
            _ => {}
        }
    }
}

/// `cratespace!`, `cratespace::cratespace!`, or the macro reached through a
/// renamed dependency: the last segment names it.
fn is_cratespace(path: &syn::Path) -> bool {
    path.segments
        .last()
        .is_some_and(|segment| segment.ident == "cratespace")
}

/// The bytes from the macro's path to its closing delimiter.
fn span_of(path: &syn::Path, delimiter: &syn::MacroDelimiter) -> std::ops::Range<usize> {
    let close = match delimiter {
        syn::MacroDelimiter::Paren(paren) => paren.span.close(),
        syn::MacroDelimiter::Brace(brace) => brace.span.close(),
        syn::MacroDelimiter::Bracket(bracket) => bracket.span.close(),
    };
    let first = path
        .leading_colon
        .as_ref()
        .map(|colon| colon.spans[0])
        .or_else(|| path.segments.first().map(|segment| segment.ident.span()));
    let start = first.map_or(close.byte_range().start, |span| span.byte_range().start);
    start..close.byte_range().end
}

/// The arguments, by the macro's own grammar (`cratespace_manifest::argument`):
/// the `manifest = "…"` path and its literal, or the problem at the token it
/// is about.
fn arguments(
    tokens: &proc_macro2::TokenStream,
    source: &Source,
    offset: usize,
) -> Result<Option<(String, Location)>, Box<Diagnostic>> {
    let tokens = tokens.clone().into_iter().map(|tree| {
        let span = tree.span().byte_range();
        let token = match tree {
            TokenTree::Ident(ident) => Token::Ident(ident.to_string()),
            TokenTree::Punct(punct) => Token::Punct(punct.as_char()),
            TokenTree::Literal(literal) => Token::Literal(literal.to_string()),
            TokenTree::Group(_) => Token::Other,
        };
        (token, span)
    });
    let locate =
        |span: std::ops::Range<usize>| source.locate(offset + span.start..offset + span.end);
    match argument::parse(tokens) {
        Ok(manifest) => Ok(manifest.map(|(path, span)| (path, locate(span)))),
        Err(error) => {
            let mut diagnostic = error.diagnostic;
            diagnostic.location = Some(locate(error.span));
            Err(diagnostic)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invocations(text: &str) -> Vec<Invocation> {
        find(&Source::new("src/lib.rs", text)).unwrap()
    }

    #[test]
    fn finds_calls_in_any_spelling_and_inline_modules() {
        let found = invocations(
            "cratespace::cratespace!();\nmod a { ::cratespace::cratespace!(manifest = \"x.toml\"); }\nfn f() {}\nuse cratespace::cratespace;\ncratespace! { manifest = \"y.toml\", }\n",
        );
        let manifests: Vec<_> = found
            .iter()
            .map(|call| call.manifest.clone().unwrap().map(|(path, _)| path))
            .collect();
        assert_eq!(
            manifests,
            [None, Some("x.toml".into()), Some("y.toml".into())]
        );
        assert_eq!((found[1].location.line, found[1].location.column), (2, 9));
        assert_eq!(found[1].location.end_column, 55);
    }

    #[test]
    fn argument_errors_are_the_macros_at_the_token() {
        let text = "\u{feff}// é\ncratespace::cratespace!(manifest = \"/abs.toml\");\n";
        let error = invocations(text).remove(0).manifest.unwrap_err();
        assert_eq!(
            error.message,
            "`manifest` must be relative to the crate's directory"
        );
        let location = error.location.unwrap();
        assert_eq!(
            (location.line, location.column, location.width),
            (2, 36, 11)
        );
        assert_eq!(&text[location.span], "\"/abs.toml\"");
    }

    #[test]
    fn a_file_that_is_not_rust_is_an_error() {
        assert!(find(&Source::new("src/lib.rs", "fn (")).is_err());
    }
}
