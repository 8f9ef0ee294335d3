#![allow(unused)]

cratespace::cratespace!();

// A voucher whose `vet` is invalid is still re-exported: only audit reads it.
fn main() {
    let _ = json::Value::Null;
    let _ = core::Name::new("acme");
}
