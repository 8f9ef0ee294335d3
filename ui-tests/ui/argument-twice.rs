#![allow(unused)]

cratespace::cratespace!(manifest = "a.toml", manifest = "b.toml");

fn main() {}
