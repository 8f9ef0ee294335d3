#![allow(unused)]

cratespace::cratespace!();

// Below the root the name is free, and the reserved module is there.
fn main() {
    let _ = formats::__cratespace::Value::Null;
    let _ = __cratespace::acme_json::Value::Null;
}
