#![allow(unused)]

cratespace::cratespace!();

// The members are still emitted: the key is for `cargo cratespace generate`.
fn main() {
    let _ = json::Value::Null;
}
