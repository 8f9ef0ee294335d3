#![allow(unused)]

cratespace::cratespace!(manifest = b"cratespace.toml");

fn main() {}
