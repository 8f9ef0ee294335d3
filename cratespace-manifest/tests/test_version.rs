//! Containment of requirements, checked against brute force: every version
//! of a grid that covers the numbers and tags the requirements use.

use cratespace_manifest::version::uncovered;
use proptest::prelude::*;
use semver::{Version, VersionReq};

const TAGS: &[&str] = &["alpha", "alpha.1", "beta", "rc.1"];

/// Every version whose parts are in 0..=4 with a tag from `TAGS`, the tags
/// just above them, the lowest tag, or none: a superset of the candidates
/// that matter for requirements built from 0..=2 and `TAGS`.
fn grid() -> Vec<Version> {
    let mut tags = vec![String::new(), "0".to_owned()];
    for tag in TAGS {
        tags.push((*tag).to_owned());
        tags.push(format!("{tag}.0"));
    }
    let mut versions = Vec::new();
    for major in 0..=4 {
        for minor in 0..=4 {
            for patch in 0..=4 {
                for tag in &tags {
                    let text = if tag.is_empty() {
                        format!("{major}.{minor}.{patch}")
                    } else {
                        format!("{major}.{minor}.{patch}-{tag}")
                    };
                    versions.push(Version::parse(&text).unwrap());
                }
            }
        }
    }
    versions
}

fn comparator() -> impl Strategy<Value = String> {
    let op = prop::sample::select(vec!["", "=", ">", ">=", "<", "<=", "~", "^"]);
    let parts = (
        0u64..=2,
        prop::option::of(0u64..=2),
        prop::option::of(0u64..=2),
    );
    let tag = prop::option::of(prop::sample::select(TAGS.to_vec()));
    let wildcard = prop::sample::select(vec!["*", "0.*", "1.*", "1.2.*", "0.1.*"]);
    prop_oneof![
        4 => (op, parts, tag).prop_map(|(op, (major, minor, patch), tag)| {
            let mut version = major.to_string();
            if let Some(minor) = minor {
                version.push_str(&format!(".{minor}"));
                if let Some(patch) = patch {
                    version.push_str(&format!(".{patch}"));
                    if let Some(tag) = tag {
                        version.push_str(&format!("-{tag}"));
                    }
                }
            }
            format!("{op}{version}")
        }),
        1 => wildcard.prop_map(str::to_owned),
    ]
}

fn requirement() -> impl Strategy<Value = VersionReq> {
    prop::collection::vec(comparator(), 1..=3)
        .prop_filter_map("not a requirement semver accepts", |comparators| {
            comparators.join(", ").parse().ok()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn containment_agrees_with_brute_force(inner in requirement(), outer in requirement()) {
        let brute = grid().into_iter().find(|v| inner.matches(v) && !outer.matches(v));
        let found = uncovered(&inner, &outer);
        prop_assert_eq!(found.is_some(), brute.is_some(), "{} within {}: {:?} vs {:?}", inner, outer, found, brute);
        if let Some(witness) = found {
            prop_assert!(inner.matches(&witness) && !outer.matches(&witness));
        }
    }

    #[test]
    fn a_requirement_contains_itself(requirement in requirement()) {
        prop_assert_eq!(uncovered(&requirement, &requirement), None);
    }
}
