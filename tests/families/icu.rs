//! A family shaped like icu's: stable members always compiled in, nine
//! members grouped under one `unstable` feature (written as a table of their
//! own, `[package.metadata.cratespace.members.unstable]`), a `provider`
//! namespace, features of the members' own (`compiled_data`, `serde`, one
//! weak), an alias feature, `no_std` throughout, and pinned versions.

use super::{Crate, Dependency, Family, Features, HandWritten, Member, camel};

/// Stable members: module path, crate (after `icu_like_`), version.
const STABLE: &[(&str, &str, &str)] = &[
    ("calendar", "calendar", "2.0.0"),
    ("casemap", "casemap", "2.0.0"),
    ("collator", "collator", "2.0.0"),
    ("collections", "collections", "2.0.0"),
    ("datetime", "datetime", "2.0.0"),
    ("decimal", "decimal", "2.0.0"),
    ("list", "list", "2.0.0"),
    ("locale", "locale", "2.0.0"),
    ("normalizer", "normalizer", "2.0.0"),
    ("plurals", "plurals", "2.0.0"),
    ("properties", "properties", "2.0.0"),
    ("segmenter", "segmenter", "2.0.0"),
    ("time", "time", "2.0.0"),
    ("timezone", "timezone", "2.0.0"),
    ("provider::core", "provider", "2.0.0"),
    ("provider::adapters", "provider_adapters", "2.0.0"),
    ("provider::baked", "provider_baked", "2.0.1"),
];

/// Members under `unstable`, all at 0.3.0.
const UNSTABLE: &[&str] = &[
    "transliterate",
    "displaynames",
    "relativetime",
    "personnames",
    "units",
    "dimension",
    "compactdecimal",
    "duration",
    "experimental",
];

fn own_features(suffix: &str) -> &'static [&'static str] {
    match suffix {
        "calendar" | "datetime" | "decimal" => &["compiled_data", "serde"],
        "provider" | "units" => &["serde"],
        "provider_baked" => &["compiled_data"],
        _ => &[],
    }
}

pub fn family() -> Family {
    let mut crates = Vec::new();
    let mut dependencies = Vec::new();
    let mut members = Vec::new();
    let mut features = Features::default();
    features.declare(&[
        "default",
        "compiled_data",
        "serde",
        "unstable",
        "experimental",
    ]);
    for &(path, suffix, version) in STABLE {
        let package = format!("icu_like_{suffix}");
        let ty = camel(suffix);
        crates.push(Crate::plain(
            &package,
            version,
            &ty,
            own_features(suffix),
            true,
        ));
        dependencies.push(
            Dependency::new(&package, &format!("={version}")).extra("default-features = false"),
        );
        let mut member = Member::new(path, &package, &ty);
        if path == "provider::baked" {
            member = member.doc("The data, compiled in");
        }
        members.push(member);
    }
    for suffix in UNSTABLE {
        let package = format!("icu_like_{suffix}");
        let ty = camel(suffix);
        crates.push(Crate::plain(
            &package,
            "0.3.0",
            &ty,
            own_features(suffix),
            true,
        ));
        dependencies.push(
            Dependency::new(&package, "=0.3.0")
                .optional(true)
                .extra("default-features = false"),
        );
        features.enable("unstable", &format!("dep:{package}"));
        let mut member = Member::new(&format!("unstable::{suffix}"), &package, &ty);
        if *suffix == "transliterate" {
            member = member.doc("Transliteration, not yet stable");
        }
        members.push(member);
    }
    features.enable("default", "compiled_data");
    for item in [
        "icu_like_calendar/compiled_data",
        "icu_like_datetime/compiled_data",
        "icu_like_decimal/compiled_data",
        "icu_like_provider_baked/compiled_data",
    ] {
        features.enable("compiled_data", item);
    }
    for item in [
        "icu_like_calendar/serde",
        "icu_like_datetime/serde",
        "icu_like_decimal/serde",
        "icu_like_provider/serde",
        "icu_like_units?/serde",
    ] {
        features.enable("serde", item);
    }
    features.enable("experimental", "unstable");
    Family {
        name: "icu-like",
        version: "2.0.0",
        description: "A generated crate family shaped like icu: members grouped under `unstable`",
        versioning: Some("pinned"),
        attributes: "#![no_std]\n#![deny(missing_docs)]\n",
        crates,
        dependencies,
        features,
        members,
        table: Some("unstable"),
        tests: "icu.rs",
        alone: &["unstable", "serde", "experimental", "compiled_data"],
        implicit: &[],
        hand_written: HandWritten {
            items: "\
/// The version of the data, for diagnostics.
pub const DATA_VERSION: &str = \"2.0.0\";
",
            out_of_line: None,
            inline: true,
            left: &[],
        },
    }
}
