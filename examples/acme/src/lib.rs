//! acme: a small demo crate family behind one facade crate.
//!
//! The family's crates are listed in `[package.metadata.cratespace]` of
//! this crate's `Cargo.toml`, and `cratespace::cratespace!()` turns that
//! list into the modules below, so a user depends on `acme` alone:
//!
//! | path                  | member        | feature            | contents                                  |
//! |-----------------------|---------------|--------------------|-------------------------------------------|
//! | `acme::*`             | `acme-core`   | always             | [`Describe`], [`Name`], [`Version`]       |
//! | `acme::derive`        | `acme-derive` | `derive` (default) | `#[derive(Describe)]`                     |
//! | `acme::formats::json` | `acme-json`   | `json` (default)   | `Value`, `ToJson` and the `json!` macro   |
//! | `acme::formats::int`  | `itoa`        | `int` (default)    | `Buffer`, vouched for `>=1.0.10, <2`      |
//!
//! The family's own crates are released in lockstep with `acme`
//! (`versioning = "lockstep"`): each is required at exactly `=2.1.0`.
//! `itoa` is published by others and joins as a voucher member, for the
//! versions its approval names.
//!
//! [`CRATESPACE`] describes the family at run time; its `Display` prints
//! the member tree with each member's feature gate and whether it is on.
//!
//! ```
//! use acme::Describe as _;
//! use acme::derive::Describe;
//! use acme::formats::json::json;
//!
//! #[derive(Describe)]
//! struct Order {
//!     id: u64,
//!     total: f64,
//! }
//!
//! let order = Order { id: 7, total: 12.5 };
//! assert_eq!(order.describe(), "Order { id, total }");
//! assert_eq!(json!({ "id": order.id }).to_string(), r#"{"id":7}"#);
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

cratespace::cratespace!();
