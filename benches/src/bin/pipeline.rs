//! The expansion pipeline against its floor, measured alternately.
//!
//! `pipeline ratio [ROUNDS]` times `cratespace!()`'s work (read, parse,
//! validate, model, expand to the source text the compiler lexes), the same
//! to tokens (lexed by `proc_macro2`, as outside a compiler), and `toml`
//! alone reading and parsing the same `Cargo.toml`, in alternating batches
//! at each size, and prints the median time per member and the median ratio
//! of the pairs to the floor (SPEC §8: at most 2x).
//!
//! `pipeline once N text|tokens|floor` runs one side once, for a profiler:
//! `valgrind --tool=callgrind --toggle-collect='*expand_crate*' …`.
//!
//! `pipeline dump DIR…` prints the expansion of each crate directory.

use cratespace_benches::{
    ALLOCATOR_NAME, expand_crate, expand_crate_to_text, expand_text, parse_crate, scratch,
    write_top,
};
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
                "usage: pipeline ratio [ROUNDS] | pipeline once N text|tokens|floor | pipeline dump DIR…"
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
        "tokens" => drop(black_box(expand_crate(&dir))),
        "text" => {
            black_box(expand_crate_to_text(&dir));
        }
        "floor" => {
            black_box(parse_crate(&dir));
        }
        _ => {
            eprintln!("the side is `text`, `tokens` or `floor`");
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
        let pieces = cratespace_manifest::expand::expand(
            &loaded.cratespace,
            &loaded.tracked,
            "CARGO_MANIFEST_DIR",
        );
        println!("{dir}: {} diagnostics", loaded.diagnostics.len());
        for diagnostic in &loaded.diagnostics {
            println!("{diagnostic}");
        }
        println!(
            "{}\n",
            cratespace_manifest::expand::text(&pieces, "cratespace")
        );
    }
}

fn ratio(rounds: usize) {
    println!("allocator: {ALLOCATOR_NAME}");
    println!(
        "{:>6} {:>12} {:>12} {:>12} {:>13} {:>13} {:>7} {:>7}",
        "n", "to text", "to tokens", "floor", "text/member", "floor/member", "text", "tokens"
    );
    for &n in SIZES {
        let dir = scratch(n);
        write_top(&dir, n);
        // Each timed batch lasts ~20 ms, so that the clock's resolution and
        // one interruption weigh little.
        let once = time(1, || drop(black_box(expand_crate(&dir))));
        let batch = (Duration::from_millis(20).as_nanos() / once.as_nanos().max(1)).max(1) as u32;
        let sides: [&dyn Fn(); 3] = [
            &|| {
                black_box(expand_crate_to_text(&dir));
            },
            &|| drop(black_box(expand_crate(&dir))),
            &|| {
                black_box(parse_crate(&dir));
            },
        ];
        let mut times: [Vec<Duration>; 3] = Default::default();
        let mut ratios: [Vec<f64>; 2] = Default::default();
        for round in 0..rounds {
            let mut run = [Duration::ZERO; 3];
            // A different side first in each round.
            for k in 0..3 {
                let side = (round + k) % 3;
                run[side] = time(batch, sides[side]);
            }
            for side in 0..3 {
                times[side].push(run[side]);
            }
            for side in 0..2 {
                ratios[side].push(run[side].as_secs_f64() / run[2].as_secs_f64());
            }
        }
        let [text, tokens, floor] = times.map(median);
        let [text_ratio, tokens_ratio] = ratios.map(median_f64);
        println!(
            "{:>6} {:>12} {:>12} {:>12} {:>13} {:>13} {:>6.2}x {:>6.2}x",
            n,
            show(text),
            show(tokens),
            show(floor),
            show(text / n as u32),
            show(floor / n as u32),
            text_ratio,
            tokens_ratio,
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
