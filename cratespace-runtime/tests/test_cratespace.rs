mod support;

use cratespace_manifest::encoding::{self, Gates};
use cratespace_runtime::{Cratespace, Kind, Versioning};
use std::sync::LazyLock;
use support::cratespace;

// A member of every sort, in a build with the `formats` feature on and
// `derive` off, on unix. Its versioning is independent, as `stream` and
// `formats::*` are not pinned.
static CRATESPACE: LazyLock<Cratespace> = LazyLock::new(|| {
    let cargo = r#"
        [package]
        name = "acme"
        version = "2.1.0"

        [features]
        derive = ["dep:acme-derive"]
        formats = ["dep:yaml"]

        [dependencies]
        acme-core = "=2.1.0"
        acme-derive = { version = "=2.1.0", optional = true }
        acme-formats = { path = "../acme-formats" }
        acme-json = "=2.1.0"
        futures-util = "0.3"
        yaml = { version = "~0.3.1", package = "yaml-fast", optional = true }

        [target.'cfg(unix)'.dependencies]
        acme-unix = "=2.1.0"

        [package.metadata.cratespace.members]
        "*" = "acme-core"
        derive = { dependency = "acme-derive", doc = "Derive macros for acme's traits." }
        unix = "acme-unix"
        stream = { dependency = "futures-util", path = "stream" }
        formats.json = "acme-json"
        formats.yaml = { dependency = "yaml", voucher = { approved = ">=0.3.1, <0.4", by = "yaml-fast maintainers", checksums = ["sha256:9f2c"] } }
        formats."*" = "acme-formats"
    "#;
    cratespace(cargo, &[r#"feature = "formats""#, "unix"])
});

#[test]
fn test_accessors() {
    assert_eq!(CRATESPACE.name(), "acme");
    assert_eq!(CRATESPACE.version(), "2.1.0");
    assert_eq!(CRATESPACE.versioning(), Versioning::Independent);
    assert_eq!(CRATESPACE.members().len(), 7);

    let derive = CRATESPACE.members().nth(1).unwrap();
    assert_eq!(derive.path(), "derive");
    assert_eq!(derive.name(), "derive");
    assert_eq!(derive.dependency(), "acme-derive");
    assert_eq!(derive.package(), "acme-derive");
    assert_eq!(derive.target(), "acme_derive");
    assert_eq!(derive.requirement(), Some("=2.1.0"));
    assert_eq!(derive.kind(), Kind::Child);
    assert_eq!(derive.gate(), Some("feature = \"derive\""));
    assert!(!derive.enabled());
    assert_eq!(derive.doc(), Some("Derive macros for acme's traits."));
    assert_eq!(derive.voucher(), None);
}

// A const needs its table as a literal: the one the writer gives for the
// manifest below. The const and its accessors, `member` among them, work in
// const context.
#[test]
fn test_const_table() {
    const TABLE: &str = "1:lv13:formats::yaml4:yaml9:yaml-fast4:yaml6:~0.3.119:feature = \"formats\"0:_13:>=0.3.1, <0.41:21:yaml-fast maintainers1:11:sha256:9f2c";
    const YAML: Cratespace = Cratespace::__new("acme", "2.1.0", 1, TABLE, &[true]);
    const NAME: &str = YAML.name();
    const _: () = assert!(YAML.member("formats::yaml").is_some());
    const _: () = assert!(YAML.member("formats::toml").is_none());
    assert_eq!(NAME, "acme");
    assert_eq!(YAML.versioning(), Versioning::Lockstep);
    let yaml = YAML.member("formats::yaml").unwrap();
    assert_eq!(yaml.package(), "yaml-fast");
    assert_eq!(yaml.requirement(), Some("~0.3.1"));
    assert_eq!(yaml.gate(), Some("feature = \"formats\""));
    assert!(yaml.enabled());
    assert_eq!(yaml.doc(), None);
    let voucher = yaml.voucher().unwrap();
    assert_eq!(voucher.approved(), ">=0.3.1, <0.4");
    assert_eq!(voucher.by().collect::<Vec<_>>(), ["yaml-fast maintainers"]);
    assert_eq!(voucher.checksums().len(), 1);
    assert_eq!(format!("{:?}", voucher.checksums()), r#"["sha256:9f2c"]"#);

    let cargo = r#"
        [package]
        name = "acme"
        version = "2.1.0"

        [features]
        formats = ["dep:yaml"]

        [dependencies]
        yaml = { version = "~0.3.1", package = "yaml-fast", optional = true }

        [package.metadata.cratespace]
        versioning = "lockstep"

        [package.metadata.cratespace.members]
        formats.yaml = { dependency = "yaml", voucher = { approved = ">=0.3.1, <0.4", by = "yaml-fast maintainers", checksums = ["sha256:9f2c"] } }
    "#;
    let model = support::load(cargo);
    assert_eq!(encoding::encode(&model, &mut Gates::default()).text, TABLE);
    assert_eq!(cratespace(cargo, &[r#"feature = "formats""#]), YAML);
}

// A table that stops making sense ends the members there; nothing panics.
#[test]
fn test_malformed_table() {
    for table in [
        "",
        "x",
        "c",
        "c1:a",
        "c9:a",
        "c1:a1:b1:b1:b__",
        "c1:a1:b1:b1:b_1:g7:___",
        "c1:a1:b1:b1:b_1:g:___",
        "c1:a1:b1:b1:b___3:>=11:",
        "c1:a1:b1:b1:b___99999999999999999999999:x",
        "c1:a1:b1:b1:b____c",
    ] {
        let table = format!("1:i{table}").leak();
        let broken = Cratespace::__new("b", "0", 2, table, &[true]);
        let _ = broken.to_string();
        assert!(broken.members().count() <= 1, "{table:?}");
    }
    let one = Cratespace::__new("b", "0", 2, "1:ic1:a1:b1:b1:b____c", &[]);
    assert_eq!(
        one.members()
            .map(|member| member.path())
            .collect::<Vec<_>>(),
        ["a"]
    );
}

#[test]
fn test_member_found() {
    let yaml = CRATESPACE.member("formats::yaml").unwrap();
    assert_eq!(yaml.name(), "yaml");
    assert_eq!(yaml.dependency(), "yaml");
    assert_eq!(yaml.package(), "yaml-fast");
    assert_eq!(yaml.kind(), Kind::Voucher);
    let voucher = yaml.voucher().unwrap();
    assert_eq!(voucher.approved(), ">=0.3.1, <0.4");
    assert_eq!(voucher.by().collect::<Vec<_>>(), ["yaml-fast maintainers"]);
    assert_eq!(voucher.checksums().collect::<Vec<_>>(), ["sha256:9f2c"]);

    let stream = CRATESPACE.member("stream").unwrap();
    assert_eq!(stream.target(), "futures_util::stream");
}

#[test]
fn test_member_missing() {
    assert_eq!(CRATESPACE.member("formats::toml"), None);
    assert_eq!(CRATESPACE.member("json"), None);
    assert_eq!(CRATESPACE.member("acme::formats::json"), None);
    assert_eq!(CRATESPACE.member("formats::json::"), None);
    assert_eq!(CRATESPACE.member(""), None);
}

#[test]
fn test_member_namespace_is_not_a_member() {
    assert_eq!(CRATESPACE.member("formats"), None);
}

#[test]
fn test_member_glob() {
    let root = CRATESPACE.member("*").unwrap();
    assert_eq!(root.name(), "*");
    assert_eq!(root.kind(), Kind::Glob);
    assert_eq!(root.package(), "acme-core");

    let formats = CRATESPACE.member("formats::*").unwrap();
    assert_eq!(formats.name(), "*");
    assert_eq!(formats.requirement(), None);
    assert_eq!(formats.package(), "acme-formats");
}

#[test]
fn test_member_first_match() {
    let twice = cratespace(
        r#"
            [package]
            name = "twice"
            version = "0.1.0"

            [dependencies]
            first = { path = "../first" }
            second = { path = "../second" }

            [package.metadata.cratespace.members]
            "*" = ["first", "second"]
        "#,
        &[],
    );
    assert_eq!(twice.member("*").unwrap().package(), "first");
}

#[test]
fn test_member_is_static() {
    fn gate(path: &str) -> Option<&'static str> {
        CRATESPACE.member(path)?.gate()
    }
    assert_eq!(gate("unix"), Some("unix"));
}

#[test]
fn test_enabled() {
    let enabled: Vec<&str> = CRATESPACE.enabled().map(|member| member.path()).collect();
    assert_eq!(
        enabled,
        [
            "*",
            "unix",
            "stream",
            "formats::json",
            "formats::yaml",
            "formats::*"
        ],
    );
    assert!(CRATESPACE.enabled().all(|member| member.enabled()));
}

#[test]
fn test_enabled_none() {
    let off = cratespace(
        r#"
            [package]
            name = "off"
            version = "1.0.0"

            [features]
            derive = ["dep:off-derive"]

            [dependencies]
            off-derive = { version = "=1.0.0", optional = true }

            [package.metadata.cratespace]
            versioning = "pinned"

            [package.metadata.cratespace.members]
            derive = "off-derive"
        "#,
        &[],
    );
    assert_eq!(off.enabled().next(), None);

    let empty = cratespace(
        r#"
            [package]
            name = "empty"
            version = "0.0.0"

            [package.metadata.cratespace.members]
        "#,
        &[],
    );
    assert_eq!(empty.enabled().count(), 0);
    assert_eq!(empty.member("*"), None);
}

#[test]
fn test_member_text_outlives_the_iterator() {
    let path: &'static str = {
        let mut enabled = CRATESPACE.enabled();
        enabled.next().unwrap().path()
    };
    assert_eq!(path, "*");
}

#[test]
fn test_kind_display() {
    assert_eq!(Kind::Child.to_string(), "child");
    assert_eq!(Kind::Voucher.to_string(), "voucher");
    assert_eq!(Kind::Glob.to_string(), "glob");
    assert_eq!(format!("[{:>6}]", Kind::Glob), "[  glob]");
}

#[test]
fn test_versioning_display() {
    assert_eq!(Versioning::Independent.to_string(), "independent");
    assert_eq!(Versioning::Pinned.to_string(), "pinned");
    assert_eq!(Versioning::Lockstep.to_string(), "lockstep");
    assert_eq!(format!("[{:<8}]", Versioning::Pinned), "[pinned  ]");
}

#[test]
fn test_debug_shows_the_members() {
    let debug = format!("{:?}", *CRATESPACE);
    assert!(debug.starts_with("Cratespace { name: \"acme\", version: \"2.1.0\", versioning: Independent, members: [Member { path: \"*\""), "{debug}");
    assert!(debug.contains("by: [\"yaml-fast maintainers\"]"), "{debug}");
    assert_eq!(
        format!("{:?}", {
            let mut rest = CRATESPACE.members();
            rest.nth(5);
            rest
        }),
        format!("[{:?}]", CRATESPACE.member("formats::*").unwrap())
    );
}

// Members, vouchers and lists compare by what they hold, wherever in the
// table they sit.
#[test]
fn test_equal_by_value() {
    let twice = cratespace(
        r#"
            [package]
            name = "twice"
            version = "1.0.0"

            [dependencies]
            x = "1"
            y = "1"
            z = "1"

            [package.metadata.cratespace.members]
            a = { dependency = "x", voucher = { approved = ">=1, <2", by = ["alice", "bob"], checksums = ["sha256:00"] } }
            b = { dependency = "y", voucher = { approved = ">=1, <2", by = ["alice", "bob"], checksums = ["sha256:00"] } }
            c = "z"
        "#,
        &[],
    );
    let [a, b] = ["a", "b"].map(|path| twice.member(path).unwrap().voucher().unwrap());
    assert_eq!(a, b);
    assert_eq!(a.by(), b.by());
    let mut fewer = a.by();
    fewer.next();
    assert_ne!(a.by(), fewer);

    use std::hash::{BuildHasher, RandomState};
    let state = RandomState::new();
    assert_eq!(state.hash_one(a), state.hash_one(b));
    assert_eq!(state.hash_one(a.by()), state.hash_one(b.by()));
}
