#![allow(unused)]

cratespace::cratespace!(manifest = "config\\cratespace.toml");

fn main() {}
