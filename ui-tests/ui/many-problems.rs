#![allow(unused)]

cratespace::cratespace!();

// Three problems are reported together, and the valid members are emitted.
fn main() {
    let _ = json::Value::Null;
    let _: Option<cratespace::Member> = CRATESPACE.member("json");
}
