mod support;

use cratespace_runtime::{Cratespace, Kind, Versioning};
use std::sync::LazyLock;
use support::{cratespace, member, voucher};

// A family with every sort of member, namespaces three deep, a namespace
// that closes before its parent does, and a last namespace at the root.
static ACME: LazyLock<Cratespace> = LazyLock::new(|| {
    cratespace(
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
                "derive",
                "acme-derive",
                "acme-derive",
                "acme_derive",
                Some("=2.1.0"),
                Kind::Child,
                Some("feature = \"derive\""),
                false,
                None,
                None,
            ),
            member(
                "unix",
                "acme-unix",
                "acme-unix",
                "acme_unix",
                Some("=2.1.0"),
                Kind::Child,
                Some("unix"),
                true,
                None,
                None,
            ),
            member(
                "stream",
                "futures-util",
                "futures-util",
                "futures_util::stream",
                Some("0.3"),
                Kind::Child,
                None,
                true,
                None,
                None,
            ),
            member(
                "formats::*",
                "acme-formats",
                "acme-formats",
                "acme_formats",
                None,
                Kind::Glob,
                None,
                true,
                None,
                None,
            ),
            member(
                "formats::json",
                "acme-json",
                "acme-json",
                "acme_json",
                Some("=2.1.0"),
                Kind::Child,
                None,
                true,
                Some("JSON for acme's types."),
                None,
            ),
            member(
                "formats::binary::cbor",
                "acme-cbor",
                "acme-cbor",
                "acme_cbor",
                None,
                Kind::Child,
                Some("all(unix, feature = \"cbor\")"),
                false,
                None,
                None,
            ),
            member(
                "formats::binary::msgpack",
                "msgpack",
                "rmp-serde",
                "msgpack",
                Some("1.3"),
                Kind::Voucher,
                Some("feature = \"msgpack\""),
                true,
                None,
                Some(voucher(">=1.3, <2", &["alice", "bob"], &[])),
            ),
            member(
                "formats::yaml",
                "yaml",
                "yaml-fast",
                "yaml",
                Some("0.3"),
                Kind::Voucher,
                Some("feature = \"formats\""),
                true,
                None,
                Some(voucher(
                    ">=0.3.1, <0.4",
                    &["yaml-fast maintainers"],
                    &["sha256:9f2c"],
                )),
            ),
            member(
                "ext::compat::serde",
                "serde1",
                "acme-serde",
                "serde1::v1",
                Some("=2.1.0"),
                Kind::Child,
                Some("feature = \"serde\""),
                false,
                None,
                None,
            ),
            member(
                "ext::log",
                "log",
                "log",
                "log",
                Some("0.4"),
                Kind::Child,
                None,
                true,
                None,
                None,
            ),
        ],
    )
});

#[test]
fn test_tree() {
    let expected = r#"
acme 2.1.0 (versioning: lockstep)
├── *                acme-core                            =2.1.0  always                            on
├── derive           acme-derive                          =2.1.0  cfg(feature = "derive")           off
├── unix             acme-unix                            =2.1.0  cfg(unix)                         on
├── stream           futures-util → futures_util::stream  0.3     always                            on
├── formats
│   ├── *            acme-formats                                 always                            on
│   ├── json         acme-json                            =2.1.0  always                            on
│   ├── binary
│   │   ├── cbor     acme-cbor                                    cfg(all(unix, feature = "cbor"))  off
│   │   └── msgpack  rmp-serde as msgpack                 1.3     cfg(feature = "msgpack")          on   vouched >=1.3, <2 by alice, bob
│   └── yaml         yaml-fast as yaml                    0.3     cfg(feature = "formats")          on   vouched >=0.3.1, <0.4 by yaml-fast maintainers
└── ext
    ├── compat
    │   └── serde    acme-serde as serde1 → serde1::v1    =2.1.0  cfg(feature = "serde")            off
    └── log          log                                  0.4     always                            on"#;
    assert_eq!(ACME.to_string(), expected.trim_start());
}

#[test]
fn test_empty() {
    let empty = cratespace("empty", "0.1.0", Versioning::Independent, &[]);
    assert_eq!(empty.to_string(), "empty 0.1.0 (versioning: independent)");
}

// Without any requirement, the column is left out rather than left blank.
#[test]
fn test_no_requirements() {
    let local = cratespace(
        "local",
        "0.0.0",
        Versioning::Independent,
        &[
            member(
                "a",
                "local-a",
                "local-a",
                "local_a",
                None,
                Kind::Child,
                None,
                true,
                None,
                None,
            ),
            member(
                "b::c",
                "local-c",
                "local-c",
                "local_c",
                None,
                Kind::Child,
                None,
                true,
                None,
                None,
            ),
        ],
    );
    let expected = "\
local 0.0.0 (versioning: independent)
├── a      local-a  always  on
└── b
    └── c  local-c  always  on";
    assert_eq!(local.to_string(), expected);
}

// A voucher member whose voucher is missing still says what it is.
#[test]
fn test_voucher_kind_without_voucher() {
    let ext = cratespace(
        "ext",
        "1.0.0",
        Versioning::Pinned,
        &[member(
            "log",
            "log",
            "log",
            "log",
            Some("0.4"),
            Kind::Voucher,
            None,
            true,
            None,
            None,
        )],
    );
    let expected = "\
ext 1.0.0 (versioning: pinned)
└── log  log  0.4  always  on   voucher";
    assert_eq!(ext.to_string(), expected);
}

// The macro emits namespaces contiguously; if a table does not, the tree is
// still well formed, the namespace is shown twice.
#[test]
fn test_namespace_reopened() {
    let split = cratespace(
        "split",
        "0.1.0",
        Versioning::Independent,
        &[
            member(
                "a::x",
                "x",
                "x",
                "x",
                None,
                Kind::Child,
                None,
                true,
                None,
                None,
            ),
            member(
                "b",
                "b",
                "b",
                "b",
                None,
                Kind::Child,
                None,
                true,
                None,
                None,
            ),
            member(
                "a::y::z",
                "z",
                "z",
                "z",
                None,
                Kind::Child,
                None,
                true,
                None,
                None,
            ),
        ],
    );
    let expected = "\
split 0.1.0 (versioning: independent)
├── a
│   └── x      x  always  on
├── b          b  always  on
└── a
    └── y
        └── z  z  always  on";
    assert_eq!(split.to_string(), expected);
}
