//! Crates as namespaces, on stable Rust.
//!
//! placeholder docs
#![no_std]

pub use cratespace_macros::cratespace;
pub use cratespace_runtime::{Cratespace, Enabled, Kind, Member, Versioning, Voucher};
