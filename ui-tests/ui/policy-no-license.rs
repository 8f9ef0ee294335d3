#![allow(unused)]

cratespace::cratespace!();

fn main() {}
