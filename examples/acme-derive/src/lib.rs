//! `#[derive(Describe)]` for the acme family.
//!
//! This crate is a member of the `acme` family and is reached as
//! `acme::derive` when `acme`'s `derive` feature is on (it is by default).
//! The generated code names the trait as `::acme::Describe`, so the derive
//! only works in crates that depend on the `acme` facade crate, not on
//! `acme-core` directly:
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
//! (The example is not compiled here: `acme` depends on this crate, so this
//! crate cannot use `acme` in its own tests. `acme-app` exercises it.)

#![deny(missing_docs)]

use proc_macro::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, parse_macro_input};

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
/// The generated impl refers to `::acme::Describe`: use this derive through
/// `acme::derive::Describe` in a crate that depends on `acme`.
#[proc_macro_derive(Describe)]
pub fn derive_describe(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The `impl ::acme::Describe` block for `input`.
fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let description = description(input)?;
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics ::acme::Describe for #ident #ty_generics #where_clause {
            fn describe(&self) -> ::std::string::String {
                ::std::string::String::from(#description)
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
    fn generic_structs_get_a_generic_impl() {
        let input =
            syn::parse_str("struct Tagged<'a, T: Clone> { tag: &'a str, value: T }").unwrap();
        let expanded = expand(&input).unwrap().to_string();
        assert!(
            expanded.contains("impl < 'a , T : Clone > :: acme :: Describe for Tagged < 'a , T >")
        );
        assert!(expanded.contains("\"Tagged { tag, value }\""));
    }

    #[test]
    fn enums_and_unions_are_rejected() {
        let error = describe("enum Color { Red }").unwrap_err();
        assert!(error.to_string().contains("not enums"));
        let error = describe("union Bits { int: u32, float: f32 }").unwrap_err();
        assert!(error.to_string().contains("not unions"));
    }
}
