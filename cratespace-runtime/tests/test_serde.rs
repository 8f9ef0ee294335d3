#![cfg(feature = "serde")]

mod support;

use support::cratespace;

#[test]
fn test_serialize() {
    let cargo = r#"
        [package]
        name = "acme"
        version = "2.1.0"

        [features]
        formats = ["dep:yaml"]

        [dependencies]
        acme-core = "=2.1.0"
        yaml = { version = "~0.3.1", package = "yaml-fast", optional = true }

        [package.metadata.cratespace]
        versioning = "lockstep"

        [package.metadata.cratespace.members]
        "*" = "acme-core"
        formats.yaml = { dependency = "yaml", doc = "YAML.", voucher = { approved = ">=0.3.1, <0.4", by = ["alice", "bob"] } }
    "#;
    let acme = cratespace(cargo, &[]);
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
                "requirement": "~0.3.1",
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
