//! Semver requirements: exactness for the version manifest, and containment
//! of one requirement in another for vouchers.
//!
//! Whether a version matches a requirement is the `semver` crate's own rule
//! (cargo's), pre-release rules included. Containment is decided by looking
//! for a version allowed by one requirement and not by the other among a
//! finite set of candidates that is complete: a comparator compares each of
//! major, minor and patch with its own number, and the pre-release with its
//! own tag, so a version's outcome against every comparator depends only on
//! where each of its parts falls among the numbers and tags of the
//! comparators. The candidates hold, for each part, every such number, its
//! neighbours and zero, and for the pre-release every tag, the tag just
//! above it (`tag.0`), the lowest tag (`0`) and none; so every version has a
//! candidate that every comparator treats alike.

use semver::{Comparator, Op, Prerelease, Version, VersionReq};

/// A version that `inner` allows and `outer` does not, if there is one.
/// Releases are preferred to pre-releases, then the lowest version.
///
/// ```
/// # use cratespace_manifest::version::uncovered;
/// let requirement = "0.3".parse().unwrap();
/// let approved = ">=0.3.1, <0.4".parse().unwrap();
/// assert_eq!(uncovered(&requirement, &approved).unwrap().to_string(), "0.3.0");
/// let narrow = ">=0.3.1, <0.3.9".parse().unwrap();
/// assert_eq!(uncovered(&narrow, &approved), None);
/// ```
pub fn uncovered(inner: &VersionReq, outer: &VersionReq) -> Option<Version> {
    let mut candidates = Candidates {
        majors: vec![0],
        minors: vec![0],
        patches: vec![0],
        // The release first, so that releases are tried first.
        tags: vec![Prerelease::EMPTY],
    };
    if let Ok(lowest) = Prerelease::new("0") {
        candidates.tag(lowest);
    }
    for comparator in &inner.comparators {
        candidates.add(comparator);
    }
    for comparator in &outer.comparators {
        candidates.add(comparator);
    }
    for pre in &candidates.tags {
        for &major in &candidates.majors {
            for &minor in &candidates.minors {
                for &patch in &candidates.patches {
                    let version = Version {
                        major,
                        minor,
                        patch,
                        pre: pre.clone(),
                        build: semver::BuildMetadata::EMPTY,
                    };
                    if inner.matches(&version) && !outer.matches(&version) {
                        return Some(version);
                    }
                }
            }
        }
    }
    None
}

/// The candidate parts, each list sorted and without repeats (the tags
/// after the release that leads them).
// Sorted `Vec`s rather than `BTreeSet`s: the sets cost the compiler 570 M
// instructions, 3.5 % of the macro graph's cold build (callgrind, -j1).
struct Candidates {
    majors: Vec<u64>,
    minors: Vec<u64>,
    patches: Vec<u64>,
    tags: Vec<Prerelease>,
}

impl Candidates {
    fn add(&mut self, comparator: &Comparator) {
        number(&mut self.majors, Some(comparator.major));
        number(&mut self.minors, comparator.minor);
        number(&mut self.patches, comparator.patch);
        if !comparator.pre.is_empty() {
            self.tag(comparator.pre.clone());
            if let Ok(next) = Prerelease::new(&format!("{}.0", comparator.pre)) {
                self.tag(next);
            }
        }
    }

    fn tag(&mut self, tag: Prerelease) {
        if let Err(at) = self.tags[1..].binary_search(&tag) {
            self.tags.insert(1 + at, tag);
        }
    }
}

/// Adds `value` and its neighbours to the sorted `values`.
fn number(values: &mut Vec<u64>, value: Option<u64>) {
    let Some(value) = value else {
        return;
    };
    for value in [value.saturating_sub(1), value, value.saturating_add(1)] {
        if let Err(at) = values.binary_search(&value) {
            values.insert(at, value);
        }
    }
}

/// The version an exact requirement (`=x.y.z`, with all three numbers)
/// pins, or `None` when the requirement allows more than one version.
pub fn exact(requirement: &VersionReq) -> Option<Version> {
    match requirement.comparators.as_slice() {
        [
            Comparator {
                op: Op::Exact,
                major,
                minor: Some(minor),
                patch: Some(patch),
                pre,
            },
        ] => Some(Version {
            major: *major,
            minor: *minor,
            patch: *patch,
            pre: pre.clone(),
            build: semver::BuildMetadata::EMPTY,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(text: &str) -> VersionReq {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn containment_table() {
        // (inner, outer, a version inner allows and outer does not)
        let cases = [
            ("0.3", ">=0.3.1, <0.4", Some("0.3.0")),
            ("^0.3.1", ">=0.3.1, <0.4", None),
            ("^0.0.3", "=0.0.3", None),
            ("=0.0.3", "^0.0.3", None),
            ("^0.0.3", ">=0.0.3, <0.0.4", None),
            ("^0.0", "^0.0.3", Some("0.0.0")),
            ("~1", "^1", None),
            ("^1", "~1", None),
            ("~1.2", "^1.2", None),
            ("^1.2", "~1.2", Some("1.3.0")),
            ("*", "^1", Some("0.0.0")),
            ("^1", "*", None),
            ("1.*", "^1", None),
            ("1.2.*", ">=1.2, <1.5", None),
            ("^1.2", ">=1.2, <1.5", Some("1.5.0")),
            (">=1.2, <1.5", "^1.2", None),
            (">=1.2.0, <1.5.0", ">=1.2, <1.5", None),
            (">1.2", ">=1.3", None),
            (">=1.3", ">1.2", None),
            ("<=1.2", "<1.3", None),
            ("<1.3", "<=1.2", None),
            ("<1.3.0", "<=1.2", None),
            // Pre-releases: a plain requirement never allows one.
            ("^1.2.3", ">=1.2.3", None),
            ("=1.2.3-rc.1", "^1.2.3-rc.1", None),
            ("=1.2.3-rc.1", "^1.2.3", Some("1.2.3-rc.1")),
            ("^1.2.3-rc.1", "^1.2.3", Some("1.2.3-rc.1")),
            ("^1.2.3-rc.1", ">=1.2.3-rc.2, <2", Some("1.2.3-rc.1")),
            ("^1.2.3-rc.2", ">=1.2.3-rc.1, <2", None),
            (
                ">=1.2.3-alpha, <1.2.3",
                "=1.2.3-alpha",
                Some("1.2.3-alpha.0"),
            ),
            ("~1.2.3-beta", "^1.2.3-alpha", None),
            ("~1.2.3-alpha", "^1.2.3-beta", Some("1.2.3-alpha")),
        ];
        for (inner, outer, expected) in cases {
            let found = uncovered(&req(inner), &req(outer)).map(|v| v.to_string());
            assert_eq!(found.as_deref(), expected, "{inner} within {outer}");
            if let Some(witness) = &found {
                let witness = Version::parse(witness).unwrap();
                assert!(req(inner).matches(&witness) && !req(outer).matches(&witness));
            }
        }
    }

    #[test]
    fn exact_requirements() {
        assert_eq!(exact(&req("=2.1.0")), Some(Version::new(2, 1, 0)));
        assert_eq!(
            exact(&req("=2.1.0-rc.1")).unwrap().to_string(),
            "2.1.0-rc.1"
        );
        for loose in ["2.1.0", "=2.1", "=2", ">=2.1.0, <=2.1.0", "~2.1.0", "*"] {
            assert_eq!(exact(&req(loose)), None, "{loose}");
        }
    }
}
