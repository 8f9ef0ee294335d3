//! The macro's arguments: nothing, or `manifest = "path"`.

use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

pub struct Args {
    pub manifest: Option<String>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut manifest: Option<LitStr> = None;
        while !input.is_empty() {
            let key: Ident = input.parse().map_err(|error| {
                syn::Error::new(error.span(), "expected `manifest = \"…\"` or no argument")
            })?;
            if key != "manifest" {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown argument `{key}`; the only argument is `manifest = \"cratespace.toml\"`"
                    ),
                ));
            }
            input.parse::<Token![=]>()?;
            let value: LitStr = input.parse().map_err(|error| {
                syn::Error::new(
                    error.span(),
                    "`manifest` takes a string: the path of the cratespace file, relative to the crate's directory",
                )
            })?;
            if manifest.is_some() {
                return Err(syn::Error::new(key.span(), "`manifest` is given twice"));
            }
            if value.value().is_empty() {
                return Err(syn::Error::new(value.span(), "`manifest` is an empty path"));
            }
            manifest = Some(value);
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(Args {
            manifest: manifest.map(|lit| lit.value()),
        })
    }
}
