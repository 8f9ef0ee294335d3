#![allow(unused)]

cratespace::cratespace!();

// The members are emitted all the same: the policy is audit's.
fn main() {
    let _ = json::Value::Null;
}
