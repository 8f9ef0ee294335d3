//! For the proc macros of a cratespace family: the path to a member crate,
//! as seen from the crate being compiled.
//!
//! A derive of the `acme` family emits `impl PATH::Describe for …`. Which
//! `PATH` compiles depends on how the user reaches the family: through the
//! facade `acme` (renamed or not), through the member crate `acme-core`
//! directly, or both. The macro cannot see that; the user's `Cargo.toml`
//! says it. [`locate`] reads it and answers:
//!
//! ```
//! use cratespace_member::{Crate, Lookup, Route, locate_with};
//! # let dir = std::env::temp_dir().join("cratespace-member-doc-lib");
//! # std::fs::create_dir_all(&dir).unwrap();
//! # std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"app\"\n\n[dependencies]\na = { package = \"acme\", version = \"2\" }\n").unwrap();
//! # let env = |name: &str| (name == "CARGO_MANIFEST_DIR").then(|| dir.clone().into_os_string());
//!
//! // app/Cargo.toml: `a = { package = "acme", version = "2" }`
//! let lookup = Lookup::new(
//!     Crate::new("acme-core", "acme_core"),
//!     Crate::new("acme", "acme"),
//!     "describe",
//! );
//! let path = locate_with(&lookup, &env).unwrap();
//! assert_eq!(path.as_str(), "::a::__cratespace::acme_core");
//! assert_eq!(path.route(), Route::Facade);
//! ```
//!
//! The library has no `proc_macro` dependency, so the decision is tested
//! as plain code; a derive calls [`locate`], which reads the environment
//! the compiler gives the macro.
//!
//! # The decision
//!
//! In this order, the first that applies:
//!
//! 1. **The derive's own `crate = "path"`**, given as
//!    [`Lookup::explicit`]: for a crate that reaches the family through a
//!    third crate's re-export, which no manifest reveals. The path is
//!    checked (`::a::b`, `a::b`, `crate::…`, raw identifiers) and
//!    normalised.
//! 2. **The crate is the member itself** (its library, unit and
//!    integration tests, examples, benchmarks, doctests): `::acme_core`.
//!    The member's `lib.rs` declares `extern crate self as acme_core;`, so
//!    that the path also resolves inside the library, where a crate does
//!    not otherwise see itself by name.
//! 3. **A dependency on the member**, in `[dependencies]` or a
//!    `[target.….dependencies]` table (each applies to the library; a
//!    target table's code is compiled where the table is), else in
//!    `[dev-dependencies]` (tests, examples and benchmarks see those):
//!    `::acme_core`, or `::key` when the entry renames the package
//!    (`kernel = { package = "acme-core" }`), here or in the workspace
//!    root's `[workspace.dependencies]` for a `workspace = true` entry. The
//!    facade's own code takes this way too: it depends on its members.
//!    An optional dependency counts as there: code compiled without its
//!    feature meets the compiler's error.
//! 4. **A dependency on the facade**, renamed or not:
//!    `::a::__cratespace::acme_core`, through the module `cratespace!()`
//!    reserves for this, which reaches every member crate by its package
//!    name whichever namespace the family gives it (so the facade's
//!    manifest keeps `member-paths` at its default, `true`).
//! 5. Otherwise an [`Error`] that names the member, the manifest read and
//!    the `crate = "…"` that settles it. A package under two keys of one
//!    kind of table is an error too: never a guess.
//!
//! **Which `Cargo.toml`:** the one in `CRATESPACE_MANIFEST_DIR` when that is
//! set (as for `cratespace!()`: the crate's manifests are elsewhere than
//! where the compiler runs), else `CARGO_MANIFEST_PATH`, else
//! `CARGO_MANIFEST_DIR/Cargo.toml`; cargo and rust-analyzer set both.
//! `workspace = true` entries are resolved from the workspace root, found
//! as cargo finds it, without running cargo.
//!
//! **Without a `Cargo.toml`** (Bazel, Buck2, plain `rustc`), the
//! environment variable named after the member's package,
//! `CRATESPACE_PATH_` and the package name in capitals with `-` as `_`
//! ([`variable`]: `CRATESPACE_PATH_ACME_CORE`), gives the path; without it,
//! the facade's is taken, by the facade's crate name:
//! `::acme::__cratespace::acme_core`. On stable Rust the compiler does not
//! track a variable a proc macro reads (`proc_macro::tracked_env` is
//! unstable): after changing it, rebuild the crate; a build system that
//! sets it per target reruns the compile when it changes.
//!
//! **A cache**, per process: each manifest is read and parsed once while
//! every file it was read from (the crate's `Cargo.toml`, the workspace
//! root's) keeps its modification time and its length. The length catches
//! the edits that a coarse clock does not; an edit that keeps both, to the
//! clock's precision, is not seen until the file changes again.
//!
//! # Writing a proc-macro member
//!
//! The family `acme`: the facade `acme` re-exports `acme-core` at its root
//! and the derive `acme-derive` as `acme::derive`; the derive emits
//! `impl PATH::Describe`. The derive's `Cargo.toml`:
//!
//! ```toml
//! [lib]
//! proc-macro = true
//!
//! [dependencies]
//! cratespace-member = "0.1"
//! proc-macro2 = "1"
//! quote = "1"
//! syn = "3"
//! ```
//!
//! Its `lib.rs`: the path comes from [`locate`], or from the user's
//! `#[describe(crate = "…")]`:
//!
//! ```ignore
//! use cratespace_member::{Crate, Lookup};
//! use proc_macro::TokenStream;
//! use quote::quote;
//! use syn::{DeriveInput, LitStr, parse_macro_input};
//!
//! /// The crate the generated code names, and the facade that reaches it.
//! const CORE: Crate<'_> = Crate::new("acme-core", "acme_core");
//! const FACADE: Crate<'_> = Crate::new("acme", "acme");
//!
//! #[proc_macro_derive(Describe, attributes(describe))]
//! pub fn derive_describe(input: TokenStream) -> TokenStream {
//!     let input = parse_macro_input!(input as DeriveInput);
//!     expand(&input).unwrap_or_else(syn::Error::into_compile_error).into()
//! }
//!
//! fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
//!     // `#[describe(crate = "…")]`, when the user wrote it.
//!     let mut explicit: Option<LitStr> = None;
//!     for attr in input.attrs.iter().filter(|attr| attr.path().is_ident("describe")) {
//!         attr.parse_nested_meta(|meta| {
//!             if meta.path.is_ident("crate") {
//!                 explicit = Some(meta.value()?.parse()?);
//!                 Ok(())
//!             } else {
//!                 Err(meta.error("expected `crate = \"…\"`"))
//!             }
//!         })?;
//!     }
//!     let text = explicit.as_ref().map(LitStr::value);
//!     let mut lookup = Lookup::new(CORE, FACADE, "describe");
//!     lookup.explicit = text.as_deref();
//!     let path = cratespace_member::locate(&lookup).map_err(|error| {
//!         // A bad override is the user's literal; the rest is the derive's.
//!         match (&explicit, error.kind()) {
//!             (Some(literal), cratespace_member::ErrorKind::InvalidOverride) => {
//!                 syn::Error::new(literal.span(), &error)
//!             }
//!             _ => syn::Error::new(proc_macro2::Span::call_site(), &error),
//!         }
//!     })?;
//!     let path: syn::Path = syn::parse_str(path.as_str())?;
//!     let ident = &input.ident;
//!     Ok(quote! {
//!         impl #path::Describe for #ident {
//!             fn describe(&self) -> &'static str { stringify!(#ident) }
//!         }
//!     })
//! }
//! ```
//!
//! The member `acme-core` names itself, so that the derive works in its own
//! library and unit tests:
//!
//! ```ignore
//! // acme-core/src/lib.rs
//! extern crate self as acme_core;
//! ```
//!
//! and the facade calls `cratespace::cratespace!()`, which emits the
//! reserved module. Then each of these compiles:
//!
//! ```toml
//! [dependencies]
//! acme = "2"                                # ::acme::__cratespace::acme_core
//! # a = { package = "acme", version = "2" } # ::a::__cratespace::acme_core
//! # acme-core = "2"                         # ::acme_core, with acme-derive
//! # kernel = { package = "acme-core", … }   # ::kernel
//! ```
//!
//! and a crate that reaches `acme-core` some other way writes
//! `#[describe(crate = "::kit::acme_core")]`. Emitted paths start with
//! `::` and so are not shadowed by the user's own items (`struct acme;`);
//! items of `std` the generated code needs are best reached through the
//! member too (`::acme_core::__private::String`), so that it compiles in
//! `#![no_std]` crates.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cache;
mod error;
mod path;
mod resolve;

pub use crate::error::{Error, ErrorKind};
pub use crate::path::{CratePath, Route};
use std::ffi::OsString;
use std::path::PathBuf;

/// A crate of the family: its package name, and the name of its library
/// (its `[lib] name`, else the package name with `-` as `_`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crate<'a> {
    /// The package name: `acme-core`.
    pub package: &'a str,
    /// The library's crate name: `acme_core`.
    pub name: &'a str,
}

impl<'a> Crate<'a> {
    /// The crate of package `package`, whose library is called `name`.
    ///
    /// ```
    /// const CORE: cratespace_member::Crate<'_> =
    ///     cratespace_member::Crate::new("acme-core", "acme_core");
    /// assert_eq!(CORE.package, "acme-core");
    /// ```
    pub const fn new(package: &'a str, name: &'a str) -> Self {
        Crate { package, name }
    }
}

/// What to locate: a member crate of a family, seen from the crate being
/// compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lookup<'a> {
    /// The member crate the generated code names.
    pub member: Crate<'a>,
    /// The family's facade, which calls `cratespace!()`.
    pub facade: Crate<'a>,
    /// The path the user gave with the derive's `crate = "…"`, as written
    /// inside the string; it wins over everything else.
    pub explicit: Option<&'a str>,
    /// The derive's helper attribute, `describe` for
    /// `#[describe(crate = "…")]`, named in the errors' help.
    pub attribute: &'a str,
}

impl<'a> Lookup<'a> {
    /// The path to `member` of `facade`, without an override.
    ///
    /// ```
    /// use cratespace_member::{Crate, Lookup};
    ///
    /// let mut lookup = Lookup::new(Crate::new("acme-core", "acme_core"), Crate::new("acme", "acme"), "describe");
    /// lookup.explicit = Some(":: kit :: acme_core");
    /// let path = cratespace_member::locate_with(&lookup, &|_| None).unwrap();
    /// assert_eq!(path.as_str(), "::kit::acme_core");
    /// ```
    pub const fn new(member: Crate<'a>, facade: Crate<'a>, attribute: &'a str) -> Self {
        Lookup {
            member,
            facade,
            explicit: None,
            attribute,
        }
    }
}

/// The path to the member, as seen from the crate being compiled, from the
/// environment the compiler gives the proc macro. See [the
/// decision](crate#the-decision).
///
/// ```no_run
/// use cratespace_member::{Crate, Lookup};
///
/// let lookup = Lookup::new(Crate::new("acme-core", "acme_core"), Crate::new("acme", "acme"), "describe");
/// match cratespace_member::locate(&lookup) {
///     Ok(path) => println!("impl {path}::Describe for …"),
///     Err(error) => println!("::core::compile_error!({:?});", error.to_string()),
/// }
/// ```
pub fn locate(lookup: &Lookup<'_>) -> Result<CratePath, Error> {
    locate_with(lookup, &|name| std::env::var_os(name))
}

/// [`locate`], with the environment read through `env`, which gives a
/// variable's value by its name.
///
/// ```
/// use cratespace_member::{Crate, Lookup, Route, locate_with};
///
/// // No Cargo.toml, as under Bazel: the member's variable, else the facade.
/// let lookup = Lookup::new(Crate::new("acme-core", "acme_core"), Crate::new("acme", "acme"), "describe");
/// let path = locate_with(&lookup, &|name| (name == "CRATESPACE_PATH_ACME_CORE").then(|| "::kernel".into()));
/// assert_eq!(path.unwrap().route(), Route::Variable);
/// let path = locate_with(&lookup, &|_| None).unwrap();
/// assert_eq!(path.as_str(), "::acme::__cratespace::acme_core");
/// ```
pub fn locate_with(
    lookup: &Lookup<'_>,
    env: &dyn Fn(&str) -> Option<OsString>,
) -> Result<CratePath, Error> {
    if let Some(text) = lookup.explicit {
        return resolve::explicit(lookup, text);
    }
    let manifest = match manifest_path(env) {
        Some(path) => cache::manifest(&path)?.map(|manifest| (path, manifest)),
        None => None,
    };
    match manifest {
        Some((path, manifest)) => resolve::from_manifest(lookup, &path, &manifest),
        None => {
            let value = env(&variable(lookup.member.package))
                .map(|value| value.to_string_lossy().into_owned());
            resolve::without_manifest(lookup, value)
        }
    }
}

/// The environment variable that gives the path to the member of package
/// `package` where there is no `Cargo.toml`.
///
/// ```
/// assert_eq!(cratespace_member::variable("acme-core"), "CRATESPACE_PATH_ACME_CORE");
/// ```
pub fn variable(package: &str) -> String {
    format!(
        "CRATESPACE_PATH_{}",
        package.to_ascii_uppercase().replace('-', "_")
    )
}

/// The crate's `Cargo.toml`, by the first variable that names it.
fn manifest_path(env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let set = |name: &str| env(name).filter(|value| !value.is_empty());
    if let Some(dir) = set("CRATESPACE_MANIFEST_DIR") {
        return Some(PathBuf::from(dir).join("Cargo.toml"));
    }
    set("CARGO_MANIFEST_PATH")
        .map(PathBuf::from)
        .or_else(|| set("CARGO_MANIFEST_DIR").map(|dir| PathBuf::from(dir).join("Cargo.toml")))
}
