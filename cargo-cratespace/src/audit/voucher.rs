//! A voucher against the build graph: the version cargo resolved must be
//! one the voucher approves, and the `.crate` it locked one of the
//! checksums it lists.

use super::lock::Lock;
use super::{Check, Origin, Problem};
use cargo_metadata::Package;
use cargo_metadata::semver::VersionReq;
use cratespace_manifest::model::Voucher;

/// The resolved version lies inside `approved`. The manifest holds the
/// requirement inside it already, so a version outside comes from what
/// only cargo sees: a `[patch]`, a path override, a lock file edited.
pub fn approved(voucher: &Voucher, resolved: &Package) -> Option<Problem> {
    // An `approved` that does not parse is a manifest problem, reported as such.
    let approved = VersionReq::parse(&voucher.approved).ok()?;
    if approved.matches(&resolved.version) {
        return None;
    }
    let (name, version) = (&resolved.name, &resolved.version);
    Some(Problem {
        check: Check::Approved,
        message: format!(
            "resolves to {version}, which its voucher does not approve (\"{}\")",
            voucher.approved
        ),
        help: format!(
            "find what puts {version} in the graph (`cargo tree -i {name}@{version}`) and require an approved version, or widen `approved` once {version} is vouched for"
        ),
    })
}

/// The `.crate` that `Cargo.lock` records is one of `checksums`, written
/// `sha256:<hex>` as the lock's bare hex with the algorithm named. A path
/// or git dependency has no `.crate` and so no checksum: never a match.
pub fn checksum(voucher: &Voucher, resolved: &Package, lock: &Lock) -> Option<Problem> {
    if voucher.checksums.is_empty() {
        return None;
    }
    let kind = match Origin::of(resolved) {
        Origin::Registry => None,
        Origin::Path => Some("a path dependency"),
        Origin::Git => Some("a git dependency"),
    };
    if let Some(kind) = kind {
        return Some(Problem {
            check: Check::Checksum,
            message: format!(
                "is {kind}, which has no `.crate` checksum to match the voucher's `checksums`"
            ),
            help: "depend on the published crate the checksums are of, or take `checksums` out of the voucher".to_owned(),
        });
    }
    let (name, version) = (&resolved.name, &resolved.version);
    let Some(locked) = lock.checksum(resolved) else {
        return Some(Problem {
            check: Check::Checksum,
            message: format!("Cargo.lock records no checksum of {name} {version}"),
            help: "let cargo write the lock file again (`cargo generate-lockfile`), then audit"
                .to_owned(),
        });
    };
    let written = |checksum: &&String| {
        checksum
            .strip_prefix("sha256:")
            .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let matches = voucher.checksums.iter().any(|checksum| {
        checksum
            .strip_prefix("sha256:")
            .is_some_and(|hex| hex.eq_ignore_ascii_case(locked))
    });
    if matches {
        return None;
    }
    let help = match voucher.checksums.iter().find(|checksum| !written(checksum)) {
        Some(bad) => format!(
            "write each checksum as \"sha256:\" and 64 hex digits (\"{bad}\" is not): Cargo.lock's is \"sha256:{locked}\""
        ),
        None => format!(
            "make sure this is the `.crate` that was vouched for, then add \"sha256:{locked}\" to `checksums`"
        ),
    };
    Some(Problem {
        check: Check::Checksum,
        message: format!(
            "Cargo.lock's checksum of {name} {version}, sha256:{locked}, is not among the voucher's `checksums`"
        ),
        help,
    })
}
