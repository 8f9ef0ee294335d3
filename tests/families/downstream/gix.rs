// The `gix-like` family's own tests: `family.rs` of its
// downstream crate, included in a module of `lib.rs`.

use crate::gate;
use gix_like::CRATESPACE;

#[test]
fn renamed_members_are_reached_by_their_keys() {
    let hash = CRATESPACE.member("hash").unwrap();
    assert_eq!(
        (hash.dependency(), hash.package(), hash.target()),
        ("hash", "gix-like-hash", "hash")
    );
    assert_eq!(hash.doc(), Some("Object ids, SHA-1 and SHA-256"));
    let value = CRATESPACE.member("config_value").unwrap();
    assert_eq!(
        (value.dependency(), value.package(), value.target()),
        ("config-value", "gix-like-config-value", "config_value")
    );
    let graph = CRATESPACE.member("commitgraph").unwrap();
    assert_eq!(
        (graph.dependency(), graph.target()),
        ("commit-graph", "commit_graph")
    );
    let refs = CRATESPACE.member("refs").unwrap();
    assert_eq!(
        (refs.dependency(), refs.package()),
        ("refs", "gix-like-ref")
    );
    // Every member is renamed.
    assert!(CRATESPACE.members().all(|m| m.dependency() != m.package()));
    assert_eq!(gix_like::hash::module(), "gix_like_hash");
    assert_eq!(gix_like::refs::module(), "gix_like_ref");
    assert_eq!(gix_like::config_value::module(), "gix_like_config_value");
    let _: gix_like::commitgraph::Commitgraph = gix_like::commitgraph::Commitgraph;
}

#[test]
fn features_gate_renamed_optional_members() {
    assert_eq!(gate("attrs"), Some(r#"feature = "attributes""#));
    assert_eq!(gate("filter"), Some(r#"feature = "attributes""#));
    assert_eq!(gate("dir"), Some(r#"feature = "status""#));
    assert_eq!(gate("diff"), Some(r#"feature = "blob-diff""#));
    assert_eq!(
        gate("net::transport"),
        Some(r#"any(feature = "blocking-network-client", feature = "async-network-client")"#)
    );
    // `mailmap?/serde` is weak; `hash/serde` is on a dependency that is
    // not optional.
    assert_eq!(gate("mailmap"), Some(r#"feature = "mailmap""#));
    assert_eq!(gate("hash"), None);
    assert_eq!(gate("pack"), None);
    let optional = CRATESPACE.members().filter(|m| m.gate().is_some()).count();
    assert_eq!(optional, 17);
    assert_eq!(CRATESPACE.versioning().to_string(), "independent");
    assert_eq!(
        CRATESPACE.member("refs").unwrap().requirement(),
        Some("^0.36.2")
    );
}

#[cfg(feature = "status")]
#[test]
fn status_turns_on_two_members() {
    assert!(CRATESPACE.member("status").unwrap().enabled());
    assert!(CRATESPACE.member("dir").unwrap().enabled());
    assert_eq!(gix_like::status::module(), "gix_like_status");
    assert_eq!(gix_like::dir::module(), "gix_like_dir");
}

#[test]
fn optional_members_that_no_feature_names_have_implicit_features() {
    assert_eq!(gate("archive"), Some(r#"feature = "archive""#));
    // `fsck-full = ["fsck/full"]` turns the implicit feature `fsck` on.
    assert_eq!(gate("fsck"), Some(r#"feature = "fsck""#));
}
