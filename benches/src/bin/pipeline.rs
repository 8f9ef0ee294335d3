//! The expansion pipeline against its floor, measured alternately.
//!
//! `pipeline ratio [ROUNDS]` times `cratespace!()`'s work (read, parse,
//! validate, model, expand) and `toml` alone reading and parsing the same
//! `Cargo.toml`, in alternating batches at each size, and prints the median
//! time per member and the median ratio of the pairs (SPEC §8: at most 2x).
//!
//! `pipeline once N pipeline|floor` runs one side once, for a profiler:
//! `valgrind --tool=callgrind --toggle-collect='*expand_crate*' …`.
//!
//! `pipeline dump DIR…` prints the expansion of each crate directory.

use cratespace_benches::{expand_crate, expand_text, parse_crate, scratch, write_top};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SIZES: &[usize] = &[10, 100, 1_000, 5_000];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["ratio"] => ratio(15),
        ["ratio", rounds] => ratio(rounds.parse().expect("ROUNDS is a number")),
        ["once", n, side] => once(n.parse().expect("N is a number"), side),
        ["dump", dirs @ ..] => dump(dirs),
        _ => {
            eprintln!(
                "usage: pipeline ratio [ROUNDS] | pipeline once N pipeline|floor | pipeline dump DIR…"
            );
            std::process::exit(2);
        }
    }
}

fn once(n: usize, side: &str) {
    let dir = scratch(n);
    write_top(&dir, n);
    // A first run, not counted under `--toggle-collect`, so that the
    // allocator is warm as in the benchmarks' loops.
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml is readable");
    drop(black_box(expand_text(&text)));
    match side {
        "pipeline" => drop(black_box(expand_crate(&dir))),
        "floor" => {
            black_box(parse_crate(&dir));
        }
        _ => {
            eprintln!("the side is `pipeline` or `floor`");
            std::process::exit(2);
        }
    }
}

/// Prints the expansion of each crate directory (diagnostics included), so
/// that an optimization of the expansion can be checked to emit the same
/// text.
fn dump(dirs: &[&str]) {
    for dir in dirs {
        let dir_path = std::path::Path::new(dir);
        // A crate without Cargo.toml: the manifest file is the only source.
        let manifest = (!dir_path.join("Cargo.toml").exists()
            && dir_path.join("cratespace.toml").exists())
        .then(|| "cratespace.toml".to_owned());
        let loaded = cratespace_manifest::load(&cratespace_manifest::Request {
            manifest_dir: dir.into(),
            manifest,
        });
        let runtime: proc_macro2::TokenStream = "cratespace".parse().expect("an identifier");
        let tokens = cratespace_manifest::expand::expand(
            &loaded.cratespace,
            &loaded.tracked,
            "CARGO_MANIFEST_DIR",
            &runtime,
        );
        println!("{dir}: {} diagnostics", loaded.diagnostics.len());
        for diagnostic in &loaded.diagnostics {
            println!("{diagnostic}");
        }
        println!("{tokens}\n");
    }
}

fn ratio(rounds: usize) {
    println!(
        "{:>6} {:>14} {:>14} {:>16} {:>16} {:>7}",
        "n", "pipeline", "floor", "pipeline/member", "floor/member", "ratio"
    );
    for &n in SIZES {
        let dir = scratch(n);
        write_top(&dir, n);
        // Each timed batch lasts ~20 ms, so that the clock's resolution and
        // one interruption weigh little.
        let once = time(1, || drop(black_box(expand_crate(&dir))));
        let batch = (Duration::from_millis(20).as_nanos() / once.as_nanos().max(1)).max(1) as u32;
        let mut pipeline = Vec::new();
        let mut floor = Vec::new();
        let mut ratios = Vec::new();
        for round in 0..rounds {
            let mut pair = [Duration::ZERO; 2];
            for side in [round % 2, 1 - round % 2] {
                pair[side] = if side == 0 {
                    time(batch, || drop(black_box(expand_crate(&dir))))
                } else {
                    time(batch, || {
                        black_box(parse_crate(&dir));
                    })
                };
            }
            pipeline.push(pair[0]);
            floor.push(pair[1]);
            ratios.push(pair[0].as_secs_f64() / pair[1].as_secs_f64());
        }
        let (p, f) = (median(pipeline), median(floor));
        println!(
            "{:>6} {:>14} {:>14} {:>16} {:>16} {:>6.2}x",
            n,
            show(p),
            show(f),
            show(p / n as u32),
            show(f / n as u32),
            median_f64(ratios),
        );
    }
}

/// The mean time of one call of `f` over `batch` calls.
fn time(batch: u32, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        f();
    }
    start.elapsed() / batch
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn median_f64(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn show(duration: Duration) -> String {
    let nanos = duration.as_nanos();
    if nanos >= 1_000_000 {
        format!("{:.2} ms", nanos as f64 / 1e6)
    } else {
        format!("{:.2} µs", nanos as f64 / 1e3)
    }
}
