//! The top crate of an audit fixture; its members are in `Cargo.toml`.
