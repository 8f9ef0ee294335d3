mod support;

use cratespace_manifest::model::{Item, Namespace};
use cratespace_runtime::Cratespace;
use std::sync::LazyLock;
use support::cratespace;

// A family with every sort of member, namespaces three deep, a namespace
// that closes before its parent does, and a last namespace at the root. Its
// versioning is independent, as some members are not pinned.
static ACME: LazyLock<Cratespace> = LazyLock::new(|| {
    let cargo = r#"
        [package]
        name = "acme"
        version = "2.1.0"

        [features]
        cbor = ["dep:acme-cbor"]
        derive = ["dep:acme-derive"]
        formats = ["dep:yaml"]
        msgpack = ["dep:msgpack"]
        serde = ["dep:serde1"]

        [dependencies]
        acme-core = "=2.1.0"
        acme-derive = { version = "=2.1.0", optional = true }
        acme-formats = { path = "../acme-formats" }
        acme-json = "=2.1.0"
        futures-util = "0.3"
        log = "0.4"
        msgpack = { version = "1.3", package = "rmp-serde", optional = true }
        serde1 = { version = "=2.1.0", package = "acme-serde", optional = true }
        yaml = { version = "~0.3.1", package = "yaml-fast", optional = true }

        [target.'cfg(unix)'.dependencies]
        acme-cbor = { path = "../acme-cbor", optional = true }
        acme-unix = "=2.1.0"

        [package.metadata.cratespace.members]
        "*" = "acme-core"
        derive = "acme-derive"
        unix = "acme-unix"
        stream = { dependency = "futures-util", path = "stream" }
        formats."*" = "acme-formats"
        formats.json = { dependency = "acme-json", doc = "JSON for acme's types." }
        formats.binary.cbor = "acme-cbor"
        formats.binary.msgpack = { dependency = "msgpack", voucher = { approved = ">=1.3, <2", by = ["alice", "bob"] } }
        formats.yaml = { dependency = "yaml", voucher = { approved = ">=0.3.1, <0.4", by = "yaml-fast maintainers", checksums = ["sha256:9f2c"] } }
        ext.compat.serde = { dependency = "serde1", path = "v1" }
        ext.log = "log"
    "#;
    cratespace(
        cargo,
        &[r#"feature = "formats""#, r#"feature = "msgpack""#, "unix"],
    )
});

#[test]
fn test_tree() {
    let expected = r#"
acme 2.1.0 (versioning: independent)
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
│   └── yaml         yaml-fast as yaml                    ~0.3.1  cfg(feature = "formats")          on   vouched >=0.3.1, <0.4 by yaml-fast maintainers
└── ext
    ├── compat
    │   └── serde    acme-serde as serde1 → serde1::v1    =2.1.0  cfg(feature = "serde")            off
    └── log          log                                  0.4     always                            on"#;
    assert_eq!(ACME.to_string(), expected.trim_start());
}

#[test]
fn test_empty() {
    let empty = cratespace(
        r#"
            [package]
            name = "empty"
            version = "0.1.0"

            [package.metadata.cratespace.members]
        "#,
        &[],
    );
    assert_eq!(empty.to_string(), "empty 0.1.0 (versioning: independent)");
}

// Without any requirement, the column is left out rather than left blank.
#[test]
fn test_no_requirements() {
    let local = cratespace(
        r#"
            [package]
            name = "local"
            version = "0.0.0"

            [dependencies]
            local-a = { path = "../local-a" }
            local-c = { path = "../local-c" }

            [package.metadata.cratespace.members]
            a = "local-a"
            b.c = "local-c"
        "#,
        &[],
    );
    let expected = "\
local 0.0.0 (versioning: independent)
├── a      local-a  always  on
└── b
    └── c  local-c  always  on";
    assert_eq!(local.to_string(), expected);
}

// A voucher member whose voucher is missing still says what it is. No
// manifest makes one: the voucher is taken out of the model.
#[test]
fn test_voucher_kind_without_voucher() {
    let mut model = support::load(
        r#"
            [package]
            name = "ext"
            version = "1.0.0"

            [dependencies]
            log = "0.4"

            [package.metadata.cratespace]
            versioning = "pinned"

            [package.metadata.cratespace.members]
            log = { dependency = "log", voucher = { approved = "0.4", by = "its maintainers" } }
        "#,
    );
    let Item::Member(log) = &mut model.root.items[0] else {
        unreachable!();
    };
    log.voucher = None;
    let ext = support::write(&model, &[]);
    let expected = "\
ext 1.0.0 (versioning: pinned)
└── log  log  0.4  always  on   voucher";
    assert_eq!(ext.to_string(), expected);
}

// The macro emits namespaces contiguously; if a table does not, the tree is
// still well formed, the namespace is shown twice. No manifest makes such a
// table: the namespace is split in the model.
#[test]
fn test_namespace_reopened() {
    let mut model = support::load(
        r#"
            [package]
            name = "split"
            version = "0.1.0"

            [dependencies]
            b = { path = "../b" }
            x = { path = "../x" }
            z = { path = "../z" }

            [package.metadata.cratespace.members]
            a.x = "x"
            a.y.z = "z"
            b = "b"
        "#,
    );
    // `a::y` moves after `b`, in a namespace `a` of its own.
    let Item::Namespace { name, namespace } = &mut model.root.items[0] else {
        unreachable!();
    };
    let y = namespace.items.pop().unwrap();
    let again = Item::Namespace {
        name: name.clone(),
        namespace: Namespace { items: vec![y] },
    };
    model.root.items.push(again);
    let split = support::write(&model, &[]);
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
