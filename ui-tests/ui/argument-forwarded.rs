#![allow(unused)]

// A literal forwarded through another macro reaches `cratespace!` inside an
// invisible group; the error still points at the literal.
macro_rules! family {
    ($path:literal) => {
        cratespace::cratespace!(manifest = $path);
    };
}

family!(b"cratespace.toml");

fn main() {}
