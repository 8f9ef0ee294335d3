#![allow(unused)]

cratespace::cratespace!();

// `r#type` is the legal spelling, and it is emitted.
fn main() {
    let _ = r#type::Value::Null;
}
