//! A local `unicode-ident` that a `paths` override in `.cargo/config.toml`
//! puts in place of the registry's: cargo resolves it, the manifest never
//! sees it.
#![no_std]
