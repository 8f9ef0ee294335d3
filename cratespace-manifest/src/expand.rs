//! The model as Rust tokens: the `pub use` tree, the metadata const and the
//! tracking of every file read. A pure function of its input, so it is
//! tested and benchmarked without a compiler.

use crate::cfg::Cfg;
use crate::model::{Cratespace, Item, Kind, Member, Name, Namespace, Versioning};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

/// Everything `cratespace!()` emits for `cratespace`.
///
/// `tracked` lists the files read, relative to the directory in the
/// environment variable `base_env` (normally `CARGO_MANIFEST_DIR`); each is
/// included as bytes so that editing it re-expands the macro, and the output
/// holds no absolute path. `runtime` is the path to the `cratespace` crate's
/// types (`$crate` of the `cratespace!` macro, or `::cratespace`).
pub fn expand(
    cratespace: &Cratespace,
    tracked: &[String],
    base_env: &str,
    runtime: &TokenStream,
) -> TokenStream {
    let mut tokens = namespace(&cratespace.root);
    if let Some(name) = &cratespace.metadata {
        tokens.extend(metadata(cratespace, name, runtime));
    }
    tokens.extend(track(tracked, base_env));
    tokens
}

/// `include_bytes!` of each file read: cargo re-runs the expansion when one
/// changes, which it would not do for an edit of `[package.metadata]` alone.
pub fn track(tracked: &[String], base_env: &str) -> TokenStream {
    tracked
        .iter()
        .map(|file| {
            let relative = Literal::string(&format!("/{file}"));
            quote! {
                const _: &[u8] = ::core::include_bytes!(::core::concat!(::core::env!(#base_env), #relative));
            }
        })
        .collect()
}

fn namespace(namespace: &Namespace) -> TokenStream {
    let mut tokens = TokenStream::new();
    for item in &namespace.items {
        match item {
            Item::Member(member) | Item::Glob(member) => tokens.extend(reexport(member)),
            Item::Namespace {
                name,
                namespace: inner,
            } => {
                let ident = ident(name);
                let doc = namespace_doc(name, inner);
                let body = self::namespace(inner);
                tokens.extend(quote! {
                    #[doc = #doc]
                    pub mod #ident {
                        #body
                    }
                });
            }
        }
    }
    tokens
}

fn reexport(member: &Member) -> TokenStream {
    let cfg = member.gate.as_ref().map(|gate| {
        let gate = cfg_tokens(gate);
        quote!(#[cfg(#gate)])
    });
    let doc = member.doc.as_ref().map(|doc| {
        let doc = format!(" {doc}");
        quote!(#[doc = #doc])
    });
    let mut target = quote!(::);
    target.extend(ident(&member.krate).into_token_stream());
    for segment in &member.path {
        let segment = ident(segment);
        target.extend(quote!(::#segment));
    }
    let tail = match &member.name {
        Some(name) => {
            let name = ident(name);
            quote!(#target as #name)
        }
        None => quote!(#target::*),
    };
    quote! {
        #cfg
        #doc
        #[doc(inline)]
        pub use #tail;
    }
}

fn metadata(cratespace: &Cratespace, name: &str, runtime: &TokenStream) -> TokenStream {
    let name = match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    };
    let members = cratespace
        .root
        .members()
        .into_iter()
        .map(|(path, member)| member_metadata(runtime, &path, member));
    let package = &cratespace.name;
    let version = &cratespace.version;
    let (name_value, version_value) = (
        or_build_env(package, "CARGO_PKG_NAME"),
        or_build_env(version, "CARGO_PKG_VERSION"),
    );
    let versioning = Ident::new(
        match cratespace.versioning {
            Versioning::Independent => "Independent",
            Versioning::Pinned => "Pinned",
            Versioning::Lockstep => "Lockstep",
        },
        Span::call_site(),
    );
    let subject = if package.is_empty() {
        "this cratespace".to_owned()
    } else {
        format!("the `{package}` cratespace")
    };
    let doc = format!(
        " What {subject} holds: its members, their gates and versions (a `cratespace::Cratespace`)."
    );
    quote! {
        #[doc = #doc]
        pub const #name: #runtime::Cratespace = #runtime::Cratespace::__new(
            #name_value,
            #version_value,
            #runtime::Versioning::#versioning,
            &[#(#members),*],
        );
    }
}

fn member_metadata(runtime: &TokenStream, path: &str, member: &Member) -> TokenStream {
    let kind = Ident::new(
        match member.kind {
            Kind::Child => "Child",
            Kind::Voucher => "Voucher",
            Kind::Glob => "Glob",
        },
        Span::call_site(),
    );
    let dependency = &member.dependency;
    let package = &member.package;
    let target = member.target();
    let requirement = option(member.requirement.as_deref());
    let gate_text = member.gate.as_ref().map(ToString::to_string);
    let gate = option(gate_text.as_deref());
    let enabled = match &member.gate {
        Some(gate) => {
            let gate = cfg_tokens(gate);
            quote!(::core::cfg!(#gate))
        }
        None => quote!(true),
    };
    let doc = option(member.doc.as_deref());
    let voucher = match &member.voucher {
        Some(voucher) => {
            let approved = &voucher.approved;
            let by = &voucher.by;
            let checksums = &voucher.checksums;
            quote! {
                ::core::option::Option::Some(#runtime::Voucher::__new(#approved, &[#(#by),*], &[#(#checksums),*]))
            }
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        #runtime::Member::__new(
            #path,
            #dependency,
            #package,
            #target,
            #requirement,
            #runtime::Kind::#kind,
            #gate,
            #enabled,
            #doc,
            #voucher,
        )
    }
}

/// `value`, or when the manifest does not say (a build without Cargo), the
/// variable the build system may set, read by the compiler so that the
/// expansion stays the same text.
fn or_build_env(value: &str, variable: &str) -> TokenStream {
    if value.is_empty() {
        // In a `const` of its own, so that the member array stays promotable.
        quote! {{
            const VALUE: &str = match ::core::option_env!(#variable) {
                ::core::option::Option::Some(value) => value,
                ::core::option::Option::None => "",
            };
            VALUE
        }}
    } else {
        quote!(#value)
    }
}

fn option(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

/// A cfg predicate as tokens. The names were checked to be identifiers when
/// the model was built, so `Ident::new` cannot fail here.
pub fn cfg_tokens(cfg: &Cfg) -> TokenStream {
    match cfg {
        Cfg::Name(name) => Ident::new(name, Span::call_site()).into_token_stream(),
        Cfg::KeyValue(key, value) => {
            let key = Ident::new(key, Span::call_site());
            quote!(#key = #value)
        }
        Cfg::All(list) => {
            let list = list.iter().map(cfg_tokens);
            quote!(all(#(#list),*))
        }
        Cfg::Any(list) => {
            let list = list.iter().map(cfg_tokens);
            quote!(any(#(#list),*))
        }
        Cfg::Not(inner) => {
            let inner = cfg_tokens(inner);
            quote!(not(#inner))
        }
    }
}

fn ident(name: &Name) -> Ident {
    if name.raw {
        Ident::new_raw(&name.ident, Span::call_site())
    } else {
        Ident::new(&name.ident, Span::call_site())
    }
}

fn namespace_doc(name: &Name, namespace: &Namespace) -> String {
    let members: Vec<String> = namespace
        .items
        .iter()
        .map(|item| match item {
            Item::Member(member) => format!(
                "`{}`",
                member.name.as_ref().map_or(String::new(), Name::to_rust)
            ),
            Item::Glob(member) => format!("everything of `{}`", member.target()),
            Item::Namespace { name, .. } => format!("`{}`", name.to_rust()),
        })
        .collect();
    if members.is_empty() {
        format!(" The `{}` namespace.", name.to_rust())
    } else {
        format!(
            " The `{}` namespace: {}.",
            name.to_rust(),
            members.join(", ")
        )
    }
}
