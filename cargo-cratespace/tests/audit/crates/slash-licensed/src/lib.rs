//! The legacy `/` of crates.io: MIT or Apache-2.0.
#![no_std]
