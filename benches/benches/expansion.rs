//! Expansion time (SPEC §8): the whole pipeline of `cratespace!()` — read,
//! parse, validate, model, expand to tokens — on generated families of
//! 10 to 5 000 members, next to its floor, `toml` alone reading and parsing
//! the same `Cargo.toml`.
//!
//! `cargo bench -p cratespace-benches --bench expansion`; the ratio of the
//! two, measured alternately, is printed by
//! `cargo run --release -p cratespace-benches --bin pipeline -- ratio`.

use cratespace_benches::{
    Family, expand_crate, expand_text, parse_crate, parse_text, scratch, write_top,
};
use divan::Bencher;

const SIZES: &[usize] = &[10, 100, 1_000, 5_000];

fn main() {
    divan::main();
}

/// `cratespace!()`'s work on a crate directory, from reading `Cargo.toml` to
/// the output tokens.
#[divan::bench(args = SIZES)]
fn pipeline(bencher: Bencher, n: usize) {
    let dir = scratch(n);
    write_top(&dir, n);
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| expand_crate(&dir));
}

/// The floor: reading and parsing the same `Cargo.toml` with `toml` alone.
#[divan::bench(args = SIZES)]
fn floor(bencher: Bencher, n: usize) {
    let dir = scratch(n);
    write_top(&dir, n);
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| parse_crate(&dir));
}

/// The pipeline on the text already in memory (`load_sources`).
#[divan::bench(args = SIZES)]
fn pipeline_in_memory(bencher: Bencher, n: usize) {
    let text = Family::new(n, "../cratespace", "../members").cargo_toml;
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| expand_text(&text));
}

/// The floor of the pipeline in memory: `toml` parsing the text.
#[divan::bench(args = SIZES)]
fn floor_in_memory(bencher: Bencher, n: usize) {
    let text = Family::new(n, "../cratespace", "../members").cargo_toml;
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| parse_text(&text));
}
