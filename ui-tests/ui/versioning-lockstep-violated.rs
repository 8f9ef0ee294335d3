#![allow(unused)]

cratespace::cratespace!();

// The member is still emitted: only the version manifest is wrong.
fn main() {
    let _ = json::Value::Null;
}
