//! Reading a cratespace: the manifest, located and parsed with spans, checked
//! against `Cargo.toml`, and turned into a [`Cratespace`] model, with every
//! problem as a [`Diagnostic`] that names file, line and column.
//!
//! Shared by the `cratespace!()` macro and the `cargo cratespace` tool; it
//! does not depend on `proc_macro`. Data flows one way:
//! locate and read ([`load`]) → validate → [`model`] → [`expand`], the
//! model as Rust source text. Beside it, [`package`] reads a package's
//! dependencies as its code names them, for the proc macros of a family
//! (through `cratespace-member`), with the same reader.
//!
//! ```
//! # let dir = std::env::temp_dir().join("cratespace-doc-crate");
//! # std::fs::create_dir_all(&dir).unwrap();
//! # std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"acme\"\n\n[dependencies]\nacme-core = \"1\"\n\n[package.metadata.cratespace.members]\ncore = \"acme-cor\"\n").unwrap();
//! let loaded = cratespace_manifest::load(&cratespace_manifest::Request {
//!     manifest_dir: dir,
//!     manifest: None,
//! });
//! let problem = loaded.diagnostics[0].to_string();
//! assert!(problem.starts_with("no dependency `acme-cor` in Cargo.toml"));
//! assert!(problem.contains("--> Cargo.toml:8:8"));
//! assert!(problem.contains("help: did you mean `acme-core`?"));
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod argument;
mod cargo;
pub mod cfg;
mod diagnostic;
mod document;
pub mod encoding;
pub mod expand;
mod load;
pub mod model;
pub mod name;
pub mod package;
mod source;
mod suggest;
mod validate;
pub mod version;

pub use crate::cfg::Cfg;
pub use crate::diagnostic::{Diagnostic, shown_path};
pub use crate::load::{Loaded, Request, Sources, load, load_sources};
pub use crate::model::Cratespace;
pub use crate::source::{Location, Source};
pub use crate::suggest::closest;
