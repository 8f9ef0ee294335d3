#![allow(unused)]

cratespace::cratespace!(manifest = c"cratespace.toml");

fn main() {}
