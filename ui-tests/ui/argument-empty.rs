#![allow(unused)]

cratespace::cratespace!(manifest = "");

fn main() {}
