//! Arbitrary bytes as `Cargo.toml`, workspace root and manifest file (see
//! `cratespace_fuzz::split`), through parse, validate, model and expand.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cratespace_fuzz::check(&cratespace_fuzz::split(data));
});
