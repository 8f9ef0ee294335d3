#![allow(unused)]

cratespace::cratespace!(manifest = "cratespace.tolm");

fn main() {}
