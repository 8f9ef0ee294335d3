//! Not the crate root: `[lib] path` names `root/lib.rs`. Were this the
//! root, the no-std policy would find no `#![no_std]` here.
