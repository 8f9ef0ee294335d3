//! The `cratespace!()` proc macro. Use it through the [`cratespace`] crate,
//! whose documentation describes the manifest and what is generated.
//!
//! [`cratespace`]: https://docs.rs/cratespace

mod args;

use crate::args::Args;
use cratespace_manifest::expand::expand;
use cratespace_manifest::{Request, load};
use proc_macro::TokenStream;
use quote::quote;
use std::path::PathBuf;

/// Directory read in place of `CARGO_MANIFEST_DIR` when set: the crate's
/// manifests live somewhere other than where the compiler runs.
const OVERRIDE_ENV: &str = "CRATESPACE_MANIFEST_DIR";

/// Turns the cratespace manifest into `pub use` modules and a metadata const.
#[proc_macro]
pub fn cratespace(input: TokenStream) -> TokenStream {
    let args = match syn::parse::Parser::parse(<Args as syn::parse::Parse>::parse, input) {
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
    tokens.extend(expand(&loaded.cratespace, &loaded.tracked, base_env));
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
