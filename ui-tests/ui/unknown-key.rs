#![allow(unused)]

cratespace::cratespace!();

// The valid member is still emitted: no error cascades from here.
fn main() {
    let _ = json::Value::Null;
}
