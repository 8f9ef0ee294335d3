//! Compile-fail tests of `cratespace!()`: `ui/NAME.rs` is compiled with the
//! manifests of `ui/NAME/` and its errors compared with `ui/NAME.stderr`.
