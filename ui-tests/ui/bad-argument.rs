#![allow(unused)]

mod misspelled {
    cratespace::cratespace!(manifets = "cratespace.toml");
}

mod not_a_string {
    cratespace::cratespace!(manifest = cratespace.toml);
}

mod twice {
    cratespace::cratespace!(manifest = "a.toml", manifest = "b.toml");
}

fn main() {}
