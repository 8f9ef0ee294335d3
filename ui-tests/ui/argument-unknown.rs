#![allow(unused)]

cratespace::cratespace!(path = "cratespace.toml");

fn main() {}
