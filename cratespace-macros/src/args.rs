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
            let path = value.value();
            if path.is_empty() {
                return Err(syn::Error::new(value.span(), "`manifest` is an empty path"));
            }
            if std::path::Path::new(&path).is_absolute() || path.starts_with(['/', '\\']) {
                return Err(syn::Error::new(
                    value.span(),
                    "`manifest` must be relative to the crate's directory, so that the crate builds wherever it is",
                ));
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
