//! The proc macro behind `cratespace!()`. Use it through the [`cratespace`]
//! crate, whose documentation describes the manifest and what is generated.
//!
//! [`cratespace`]: https://docs.rs/cratespace

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod args;

use cratespace_manifest::expand::{Piece, expand as expansion};
use cratespace_manifest::{Request, load, shown_path};
use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use std::path::PathBuf;

/// Directory read in place of `CARGO_MANIFEST_DIR` when set: the crate's
/// manifests live somewhere other than where the compiler runs.
const OVERRIDE_ENV: &str = "CRATESPACE_MANIFEST_DIR";

/// Turns the cratespace manifest into `pub use` modules and a metadata const.
///
/// Called as `expand!($crate; args…)` by `cratespace::cratespace!`, whose
/// `$crate` is the path to the runtime types however the top crate reaches
/// `cratespace`: renamed, re-exported, or built without Cargo.
#[proc_macro]
pub fn expand(input: TokenStream) -> TokenStream {
    let mut tokens = input.into_iter();
    let runtime: TokenStream = tokens
        .by_ref()
        .take_while(|token| !matches!(token, TokenTree::Punct(p) if p.as_char() == ';'))
        .collect();
    let manifest = match args::parse(tokens) {
        Ok(manifest) => manifest,
        Err(error) => return compile_error(&error.diagnostic.to_string(), error.span),
    };
    let Some((base_env, dir)) = manifest_dir() else {
        let message = "`CARGO_MANIFEST_DIR` is not set, so the manifest cannot be found\n= help: cargo sets it; another build system must set it to\n        the crate's directory";
        return compile_error(message, Span::call_site());
    };
    let (manifest, literal) = manifest.unzip();
    let loaded = load(&Request {
        manifest_dir: dir.clone(),
        manifest,
    });
    // Files are named as rustc names its own: relative to the directory it
    // runs in (the workspace root under cargo), read and never changed.
    let cwd = std::env::current_dir().ok();
    let shown = |file: &str| match &cwd {
        Some(cwd) => shown_path(&dir, cwd, file),
        None => file.to_owned(),
    };
    let mut out = TokenStream::new();
    for diagnostic in &loaded.diagnostics {
        let span = match literal {
            Some(literal) if diagnostic.argument => literal,
            _ => Span::call_site(),
        };
        out.extend(compile_error(&diagnostic.render(&shown), span));
    }
    for piece in expansion(&loaded.cratespace, &loaded.tracked, base_env) {
        match piece {
            Piece::Text(text) => out.extend(lex(&text)),
            Piece::Runtime => out.extend(runtime.clone()),
        }
    }
    out
}

/// The tokens of `text`, which the expansion wrote: names are checked to be
/// identifiers and every string is escaped, so it lexes. Were it not to,
/// the compiler reports the lexing error, and this says whose it is.
fn lex(text: &str) -> TokenStream {
    text.parse().unwrap_or_else(|_| {
        compile_error(
            "internal error: the expansion is not valid Rust tokens; please report this with the manifest",
            Span::call_site(),
        )
    })
}

/// `::core::compile_error! { "message" }`, every token at `span`.
fn compile_error(message: &str, span: Span) -> TokenStream {
    let mut literal = Literal::string(message);
    literal.set_span(span);
    let mut group = Group::new(Delimiter::Brace, TokenTree::Literal(literal).into());
    group.set_span(span);
    let punct = |c, spacing| {
        let mut punct = Punct::new(c, spacing);
        punct.set_span(span);
        TokenTree::Punct(punct)
    };
    [
        punct(':', Spacing::Joint),
        punct(':', Spacing::Alone),
        TokenTree::Ident(Ident::new("core", span)),
        punct(':', Spacing::Joint),
        punct(':', Spacing::Alone),
        TokenTree::Ident(Ident::new("compile_error", span)),
        punct('!', Spacing::Alone),
        TokenTree::Group(group),
    ]
    .into_iter()
    .collect()
}

fn manifest_dir() -> Option<(&'static str, PathBuf)> {
    [OVERRIDE_ENV, "CARGO_MANIFEST_DIR"]
        .into_iter()
        .find_map(|name| {
            let dir = std::env::var_os(name).filter(|dir| !dir.is_empty())?;
            Some((name, PathBuf::from(dir)))
        })
}
