//! The crate root, at the path `[lib]` gives.
#![no_std]
