//! `#[derive(Describe)]` for the acme family.
//!
//! This crate is a member of the `acme` family, reached as `acme::derive`
//! when `acme`'s `derive` feature is on (it is by default). It works
//! however a crate reaches the family: through `acme` (renamed or not),
//! through `acme-core` and this crate directly, or both. The generated impl
//! names the trait by the path [`cratespace_member`] finds in the crate's
//! `Cargo.toml`:
//!
//! | the crate depends on                      | the generated code names             |
//! |-------------------------------------------|--------------------------------------|
//! | `acme`                                    | `::acme::__cratespace::acme_core`    |
//! | `a = { package = "acme" }`                | `::a::__cratespace::acme_core`       |
//! | `acme-core` (and `acme-derive`)           | `::acme_core`                        |
//! | `kernel = { package = "acme-core" }`      | `::kernel`                           |
//! | the crate is `acme-core`                  | `::acme_core`                        |
//!
//! ```ignore
//! use acme::Describe as _;
//! use acme::derive::Describe;
//!
//! #[derive(Describe)]
//! struct Order {
//!     id: u64,
//!     total: f64,
//! }
//!
//! let order = Order { id: 7, total: 12.5 };
//! assert_eq!(order.describe(), "Order { id, total }");
//! ```
//!
//! A crate that reaches `acme-core` another way, through a re-export of a
//! crate of its own, says where:
//!
//! ```ignore
//! #[derive(Describe)]
//! #[describe(crate = "::kit::acme_core")]
//! struct Order;
//! ```
//!
//! (The examples are not compiled here: a proc-macro crate cannot use its
//! own derive in its doctests. `acme-core`'s tests, `acme-app` and
//! `acme-direct` exercise it.)

#![deny(missing_docs)]

use cratespace_member::{Crate, ErrorKind, Lookup};
use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, LitStr, parse_macro_input};

/// The crate that holds `Describe`.
const CORE: Crate<'_> = Crate::new("acme-core", "acme_core");
/// The facade that reaches it.
const FACADE: Crate<'_> = Crate::new("acme", "acme");

/// Implements `acme::Describe` for a struct.
///
/// The description is the struct's name followed by its shape:
///
/// | struct                        | `describe()`          |
/// |-------------------------------|-----------------------|
/// | `struct Order { id, total }`  | `Order { id, total }` |
/// | `struct Meters(f64);`         | `Meters(_)`           |
/// | `struct Pair(u8, u8);`        | `Pair(_, _)`          |
/// | `struct Marker;`              | `Marker`              |
///
/// Field values are not part of the description, so fields need not
/// implement anything. Generic structs are supported. Enums and unions are
/// rejected with a compile error.
///
/// `#[describe(crate = "path")]` names the path to `acme-core` for a crate
/// that reaches it through a third crate's re-export.
#[proc_macro_derive(Describe, attributes(describe))]
pub fn derive_describe(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    core_path(&input)
        .and_then(|path| expand(&input, &path))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The path to `acme-core` from the crate being compiled.
fn core_path(input: &DeriveInput) -> syn::Result<syn::Path> {
    let explicit = explicit_crate(input)?;
    let text = explicit.as_ref().map(LitStr::value);
    let mut lookup = Lookup::new(CORE, FACADE, "describe");
    lookup.explicit = text.as_deref();
    let path = cratespace_member::locate(&lookup).map_err(|error| {
        let span = match (&explicit, error.kind()) {
            (Some(literal), ErrorKind::InvalidOverride) => literal.span(),
            _ => Span::call_site(),
        };
        syn::Error::new(span, error)
    })?;
    // A path the user wrote is where the compiler's errors about it point.
    let span = explicit.map_or_else(Span::call_site, |literal| literal.span());
    LitStr::new(path.as_str(), span).parse()
}

/// The string of `#[describe(crate = "…")]`, if the input has one.
fn explicit_crate(input: &DeriveInput) -> syn::Result<Option<LitStr>> {
    let mut explicit = None;
    for attr in &input.attrs {
        if !attr.path().is_ident("describe") {
            continue;
        }
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                explicit = Some(meta.value()?.parse()?);
                Ok(())
            } else {
                Err(meta.error("expected `crate = \"…\"`"))
            }
        })?;
    }
    Ok(explicit)
}

/// The `impl Describe` block for `input`, with `acme-core` at `core`.
fn expand(input: &DeriveInput, core: &syn::Path) -> syn::Result<proc_macro2::TokenStream> {
    let description = description(input)?;
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics #core::Describe for #ident #ty_generics #where_clause {
            fn describe(&self) -> #core::__private::String {
                #core::__private::String::from(#description)
            }
        }
    })
}

/// The text `describe()` returns for `input`, computed at expansion time.
fn description(input: &DeriveInput) -> syn::Result<String> {
    let name = input.ident.unraw().to_string();
    let fields = match &input.data {
        Data::Struct(data) => &data.fields,
        Data::Enum(data) => {
            let (keyword, ident) = (&data.enum_token, &input.ident);
            return Err(syn::Error::new_spanned(
                quote!(#keyword #ident),
                "`#[derive(Describe)]` supports structs only, not enums",
            ));
        }
        Data::Union(data) => {
            let (keyword, ident) = (&data.union_token, &input.ident);
            return Err(syn::Error::new_spanned(
                quote!(#keyword #ident),
                "`#[derive(Describe)]` supports structs only, not unions",
            ));
        }
    };
    Ok(match fields {
        Fields::Named(fields) if fields.named.is_empty() => format!("{name} {{}}"),
        Fields::Named(fields) => {
            let names: Vec<String> = fields
                .named
                .iter()
                .filter_map(|field| field.ident.as_ref())
                .map(|ident| ident.unraw().to_string())
                .collect();
            format!("{name} {{ {} }}", names.join(", "))
        }
        Fields::Unnamed(fields) => {
            let blanks = vec!["_"; fields.unnamed.len()];
            format!("{name}({})", blanks.join(", "))
        }
        Fields::Unit => name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(source: &str) -> syn::Result<String> {
        description(&syn::parse_str(source)?)
    }

    #[test]
    fn structs_are_described_by_shape() {
        assert_eq!(
            describe("struct Order { id: u64, pub total: f64 }").unwrap(),
            "Order { id, total }"
        );
        assert_eq!(describe("struct Empty {}").unwrap(), "Empty {}");
        assert_eq!(describe("struct Pair(u8, u8);").unwrap(), "Pair(_, _)");
        assert_eq!(describe("struct Marker;").unwrap(), "Marker");
    }

    #[test]
    fn raw_identifiers_lose_their_prefix() {
        assert_eq!(
            describe("struct r#Loop { r#type: u8 }").unwrap(),
            "Loop { type }"
        );
    }

    #[test]
    fn generic_structs_get_a_generic_impl_at_the_path_found() {
        let input =
            syn::parse_str("struct Tagged<'a, T: Clone> { tag: &'a str, value: T }").unwrap();
        let core = syn::parse_str("::a::__cratespace::acme_core").unwrap();
        let expanded = expand(&input, &core).unwrap().to_string();
        assert!(expanded.contains(
            "impl < 'a , T : Clone > :: a :: __cratespace :: acme_core :: Describe for Tagged < 'a , T >"
        ));
        assert!(expanded.contains("\"Tagged { tag, value }\""));
    }

    #[test]
    fn the_override_is_read_from_the_helper_attribute() {
        let input = syn::parse_str("#[describe(crate = \"::kit::acme\")] struct S;").unwrap();
        assert_eq!(
            explicit_crate(&input).unwrap().unwrap().value(),
            "::kit::acme"
        );
        let input = syn::parse_str("#[describe(krate = \"::kit\")] struct S;").unwrap();
        let error = explicit_crate(&input).err().expect("an error");
        assert_eq!(error.to_string(), "expected `crate = \"…\"`");
    }

    #[test]
    fn enums_and_unions_are_rejected() {
        let error = describe("enum Color { Red }").unwrap_err();
        assert!(error.to_string().contains("not enums"));
        let error = describe("union Bits { int: u32, float: f32 }").unwrap_err();
        assert!(error.to_string().contains("not unions"));
    }
}
