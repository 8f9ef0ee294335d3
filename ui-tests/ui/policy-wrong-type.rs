#![allow(unused)]

cratespace::cratespace!();

fn main() {
    let _ = json::Value::Null;
}
