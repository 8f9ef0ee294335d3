#![cfg(feature = "serde")]

use cratespace_runtime::{Cratespace, Kind, Member, Versioning, Voucher};

#[test]
fn test_serialize() {
    fn assert_serialize<T: serde::Serialize>() {}
    assert_serialize::<Cratespace>();
    assert_serialize::<Member>();
    assert_serialize::<Kind>();
    assert_serialize::<Versioning>();
    assert_serialize::<Voucher>();
}
