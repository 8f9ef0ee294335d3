//! An integration test of `acme-core`: the derive names the crate by the
//! name this test sees it under.

use acme_core::{Describe, Version};
use acme_derive::Describe;

#[derive(Describe)]
struct Pinned(Version);

#[derive(Describe)]
struct Span<'a, T> {
    label: &'a str,
    value: T,
}

fn described(value: &impl Describe) -> String {
    value.describe()
}

#[test]
fn derived_impls_are_acme_core_s() {
    let pinned = Pinned(Version::new(2, 1, 0));
    assert_eq!(described(&pinned), "Pinned(_)");
    assert_eq!(pinned.0.describe(), "Version 2.1.0");
    let span = Span {
        label: "x",
        value: 3,
    };
    assert_eq!(described(&span), "Span { label, value }");
    assert_eq!((span.label, span.value), ("x", 3));
}
