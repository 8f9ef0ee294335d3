#![allow(unused)]

cratespace::cratespace!(manifest = "cratespace.toml"x);

fn main() {}
