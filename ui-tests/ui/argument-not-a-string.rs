#![allow(unused)]

cratespace::cratespace!(manifest = cratespace.toml);

fn main() {}
