#![cfg(feature = "serde")]

mod support;

use cratespace_runtime::{Kind, Versioning};
use support::{cratespace, member, voucher};

#[test]
fn test_serialize() {
    let acme = cratespace(
        "acme",
        "2.1.0",
        Versioning::Lockstep,
        &[
            member(
                "*",
                "acme-core",
                "acme-core",
                "acme_core",
                Some("=2.1.0"),
                Kind::Glob,
                None,
                true,
                None,
                None,
            ),
            member(
                "formats::yaml",
                "yaml",
                "yaml-fast",
                "yaml",
                Some("0.3"),
                Kind::Voucher,
                Some("feature = \"formats\""),
                false,
                Some("YAML."),
                Some(voucher(">=0.3.1, <0.4", &["alice", "bob"], &[])),
            ),
        ],
    );
    let json = serde_json::to_value(acme).unwrap();
    let expected = serde_json::json!({
        "name": "acme",
        "version": "2.1.0",
        "versioning": "lockstep",
        "members": [
            {
                "path": "*",
                "dependency": "acme-core",
                "package": "acme-core",
                "target": "acme_core",
                "requirement": "=2.1.0",
                "kind": "glob",
                "gate": null,
                "enabled": true,
                "doc": null,
                "voucher": null,
            },
            {
                "path": "formats::yaml",
                "dependency": "yaml",
                "package": "yaml-fast",
                "target": "yaml",
                "requirement": "0.3",
                "kind": "voucher",
                "gate": "feature = \"formats\"",
                "enabled": false,
                "doc": "YAML.",
                "voucher": {
                    "approved": ">=0.3.1, <0.4",
                    "by": ["alice", "bob"],
                    "checksums": [],
                },
            },
        ],
    });
    assert_eq!(json, expected);
}
