//! The proc macro behind `cratespace!()`. Use it through the [`cratespace`]
//! crate, whose documentation describes the manifest and what is generated.
//!
//! [`cratespace`]: https://docs.rs/cratespace

mod args;

use crate::args::Args;
use cratespace_manifest::expand;
use cratespace_manifest::{Request, load};
use proc_macro::TokenStream;
use quote::quote;
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
    let input = proc_macro2::TokenStream::from(input);
    let mut tokens = input.into_iter();
    let runtime: proc_macro2::TokenStream = tokens
        .by_ref()
        .take_while(
            |token| !matches!(token, proc_macro2::TokenTree::Punct(p) if p.as_char() == ';'),
        )
        .collect();
    let args =
        match syn::parse::Parser::parse2(<Args as syn::parse::Parse>::parse, tokens.collect()) {
            Ok(args) => args,
            Err(error) => return error.to_compile_error().into(),
        };
    let (base_env, dir) = match manifest_dir() {
        Some(found) => found,
        None => {
            let message = "cratespace: `CARGO_MANIFEST_DIR` is not set, so the manifest cannot be found\n= help: cargo sets it; other build systems must set it to the crate's directory";
            return quote!(::core::compile_error!(#message);).into();
        }
    };
    let loaded = load(&Request {
        manifest_dir: dir,
        manifest: args.manifest,
    });
    let mut tokens = proc_macro2::TokenStream::new();
    for diagnostic in &loaded.diagnostics {
        let message = diagnostic.to_string();
        tokens.extend(quote!(::core::compile_error! { #message }));
    }
    tokens.extend(expand::expand_with(
        &loaded.cratespace,
        &loaded.tracked,
        base_env,
        &runtime,
        &|text| {
            text.parse::<TokenStream>()
                .map(proc_macro2::TokenStream::from)
                .map_err(drop)
        },
    ));
    tokens.into()
}

fn manifest_dir() -> Option<(&'static str, PathBuf)> {
    [OVERRIDE_ENV, "CARGO_MANIFEST_DIR"]
        .into_iter()
        .find_map(|name| {
            let dir = std::env::var_os(name).filter(|dir| !dir.is_empty())?;
            Some((name, PathBuf::from(dir)))
        })
}
