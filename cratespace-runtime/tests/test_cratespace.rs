use cratespace_runtime::{Cratespace, Kind, Member, Versioning, Voucher};

// Built exactly as `cratespace!()` emits it, for the manifest of SPEC §2 in a
// build with the `formats` feature on and `derive` off, on unix.
const CRATESPACE: Cratespace = Cratespace::__new(
    "acme",
    "2.1.0",
    Versioning::Lockstep,
    &[
        Member::__new(
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
        Member::__new(
            "derive",
            "acme-derive",
            "acme-derive",
            "acme_derive",
            Some("=2.1.0"),
            Kind::Child,
            Some("feature = \"derive\""),
            false,
            Some("Derive macros for acme's traits."),
            None,
        ),
        Member::__new(
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
        Member::__new(
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
        Member::__new(
            "formats::json",
            "acme-json",
            "acme-json",
            "acme_json",
            Some("=2.1.0"),
            Kind::Child,
            None,
            true,
            None,
            None,
        ),
        Member::__new(
            "formats::yaml",
            "yaml",
            "yaml-fast",
            "yaml",
            Some("0.3"),
            Kind::Voucher,
            Some("feature = \"formats\""),
            true,
            None,
            Some(Voucher::__new(
                ">=0.3.1, <0.4",
                &["yaml-fast maintainers"],
                &["sha256:9f2c"],
            )),
        ),
        Member::__new(
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
    ],
);

#[test]
fn test_accessors() {
    assert_eq!(CRATESPACE.name(), "acme");
    assert_eq!(CRATESPACE.version(), "2.1.0");
    assert_eq!(CRATESPACE.versioning(), Versioning::Lockstep);
    assert_eq!(CRATESPACE.members().len(), 7);

    let derive = &CRATESPACE.members()[1];
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

#[test]
fn test_accessors_in_const() {
    const YAML: &Member = &CRATESPACE.members()[5];
    const APPROVED: &str = match YAML.voucher() {
        Some(voucher) => voucher.approved(),
        None => "",
    };
    assert_eq!(APPROVED, ">=0.3.1, <0.4");
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
    assert_eq!(voucher.by(), ["yaml-fast maintainers"]);
    assert_eq!(voucher.checksums(), ["sha256:9f2c"]);

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
    const TWICE: Cratespace = Cratespace::__new(
        "twice",
        "0.1.0",
        Versioning::Independent,
        &[
            Member::__new(
                "*",
                "first",
                "first",
                "first",
                None,
                Kind::Glob,
                None,
                true,
                None,
                None,
            ),
            Member::__new(
                "*",
                "second",
                "second",
                "second",
                None,
                Kind::Glob,
                None,
                true,
                None,
                None,
            ),
        ],
    );
    assert_eq!(TWICE.member("*").unwrap().package(), "first");
}

#[test]
fn test_member_is_static() {
    fn lookup(path: &str) -> Option<&'static Member> {
        CRATESPACE.member(path)
    }
    assert_eq!(lookup("unix").unwrap().gate(), Some("unix"));
}

#[test]
fn test_enabled() {
    let enabled: Vec<&str> = CRATESPACE.enabled().map(Member::path).collect();
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
    assert!(CRATESPACE.enabled().all(Member::enabled));

    let backwards: Vec<&str> = CRATESPACE.enabled().rev().map(Member::path).collect();
    assert_eq!(backwards.first(), Some(&"formats::*"));
    assert_eq!(backwards.last(), Some(&"*"));
}

#[test]
fn test_enabled_none() {
    const OFF: Cratespace = Cratespace::__new(
        "off",
        "1.0.0",
        Versioning::Pinned,
        &[Member::__new(
            "derive",
            "off-derive",
            "off-derive",
            "off_derive",
            Some("=1.0.0"),
            Kind::Child,
            Some("feature = \"derive\""),
            false,
            None,
            None,
        )],
    );
    assert_eq!(OFF.enabled().next(), None);

    const EMPTY: Cratespace = Cratespace::__new("empty", "0.0.0", Versioning::Independent, &[]);
    assert_eq!(EMPTY.enabled().count(), 0);
    assert_eq!(EMPTY.member("*"), None);
}

#[test]
fn test_enabled_outlives_borrow() {
    let mut enabled = CRATESPACE.enabled();
    let first: &'static Member = enabled.next().unwrap();
    assert_eq!(first.path(), "*");
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
