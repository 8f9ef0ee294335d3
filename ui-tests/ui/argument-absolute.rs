#![allow(unused)]

cratespace::cratespace!(manifest = "/etc/cratespace.toml");

fn main() {}
