#![allow(unused)]

cratespace::cratespace!(manifst = "cratespace.toml");

fn main() {}
