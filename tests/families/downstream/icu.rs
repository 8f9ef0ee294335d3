// The `icu-like` family's own tests: `family.rs` of its
// downstream crate, included in a module of `lib.rs`.

use icu_like::CRATESPACE;

#[test]
fn unstable_members_share_one_feature() {
    let unstable: Vec<_> = CRATESPACE
        .members()
        .filter(|m| m.path().starts_with("unstable::"))
        .collect();
    assert_eq!(unstable.len(), 9);
    for member in unstable {
        // Neither the alias `experimental = ["unstable"]` nor the weak
        // `icu_like_units?/serde` enables a member.
        assert_eq!(
            member.gate(),
            Some(r#"feature = "unstable""#),
            "{}",
            member.path()
        );
        assert_eq!(
            member.enabled(),
            cfg!(feature = "unstable"),
            "{}",
            member.path()
        );
        assert_eq!(member.requirement(), Some("=0.3.0"), "{}", member.path());
    }
    let transliterate = CRATESPACE.member("unstable::transliterate").unwrap();
    assert_eq!(transliterate.doc(), Some("Transliteration, not yet stable"));
    assert_eq!(transliterate.package(), "icu_like_transliterate");
}

#[test]
fn stable_members_are_always_compiled_in_and_pinned() {
    assert_eq!(CRATESPACE.versioning().to_string(), "pinned");
    let stable: Vec<_> = CRATESPACE
        .members()
        .filter(|m| !m.path().starts_with("unstable::"))
        .collect();
    assert_eq!(stable.len(), 17);
    for member in stable {
        assert_eq!(member.gate(), None, "{}", member.path());
        assert!(member.enabled(), "{}", member.path());
        assert!(
            member.requirement().unwrap().starts_with("=2.0."),
            "{}",
            member.path()
        );
    }
    assert_eq!(
        CRATESPACE.member("provider::baked").unwrap().requirement(),
        Some("=2.0.1")
    );
    assert_eq!(
        icu_like::provider::baked::module(),
        "icu_like_provider_baked"
    );
    assert_eq!(icu_like::calendar::module(), "icu_like_calendar");
    assert!(CRATESPACE.member("unstable").is_none());
    assert!(CRATESPACE.member("provider").is_none());
}

#[cfg(feature = "unstable")]
#[test]
fn unstable_reaches_its_members() {
    assert_eq!(
        icu_like::unstable::transliterate::module(),
        "icu_like_transliterate"
    );
    assert_eq!(
        icu_like::unstable::experimental::module(),
        "icu_like_experimental"
    );
    let _: icu_like::unstable::units::Units = icu_like::unstable::units::Units;
}
