//! `acme-core` with `acme-derive`, without the facade:
//! `cargo run -p acme-core --example describe`.

use acme_core::{Describe, Name};
use acme_derive::Describe;

#[derive(Describe)]
struct Team {
    name: Name,
    size: u32,
}

fn main() {
    let team = Team {
        name: Name::new("runtime").expect("a valid name"),
        size: 4,
    };
    println!("{}: {} ({} people)", team.describe(), team.name, team.size);
}
