//! The licenses policy: each member's license expression, as `cargo
//! metadata` gives it (`license.workspace = true` resolved), evaluated with
//! `spdx` against the licenses the policy allows. An expression passes when
//! the licenses allowed satisfy it: `MIT OR Apache-2.0` when either is
//! allowed, `MIT AND Zlib` when both are, `Apache-2.0 WITH LLVM-exception`
//! when that pair is (a license with an exception is a license of its own,
//! as cargo-deny has it). Expressions are read as crates.io reads them:
//! `MIT/Apache-2.0` is `MIT OR Apache-2.0`.

use super::{Check, Problem, shown};
use cargo_metadata::Package;
use spdx::{Expression, Licensee, ParseMode};

/// The licenses a policy allows, as `spdx` matches them.
pub struct Allowed {
    licensees: Vec<Licensee>,
    /// The policy's list, for messages: `MIT, Apache-2.0`.
    listed: String,
}

/// A policy's identifiers are read as SPDX writes them, case and all; a
/// deprecated one (`GPL-2.0`) is still an identifier.
const POLICY: ParseMode = ParseMode {
    allow_deprecated: true,
    ..ParseMode::STRICT
};

/// The licenses of the policy, and a problem for each that is not an SPDX
/// identifier (the manifest has checked that each is one license).
pub fn allowed(licenses: &[String]) -> (Allowed, Vec<Problem>) {
    let mut licensees = Vec::new();
    let mut problems = Vec::new();
    for license in licenses {
        match Licensee::parse_mode(license, POLICY) {
            Ok(licensee) => licensees.push(licensee),
            Err(error) => {
                let term = license.get(error.span.clone()).unwrap_or(license);
                let help = match suggestion(term) {
                    Some(known) => format!("did you mean `{known}`?"),
                    None => "write the identifier the SPDX license list gives it (https://spdx.org/licenses/), or `LicenseRef-…` for one it does not list".to_owned(),
                };
                problems.push(Problem {
                    check: Check::License,
                    message: format!(
                        "`{license}` in `licenses` is not an SPDX license identifier ({}: `{term}`)",
                        error.reason
                    ),
                    help,
                });
            }
        }
    }
    let listed = licenses.join(", ");
    (Allowed { licensees, listed }, problems)
}

/// The SPDX identifier closest to `term`: the one the SPDX list gives an
/// imprecise name (`Apache 2`), or the nearest spelling.
fn suggestion(term: &str) -> Option<&'static str> {
    if let Some((id, _)) = spdx::imprecise_license_id(term) {
        return Some(id.name);
    }
    let lower = term.to_ascii_lowercase();
    let names: Vec<&'static str> = spdx::identifiers::LICENSES.iter().map(|l| l.name).collect();
    names
        .iter()
        .find(|name| name.to_ascii_lowercase() == lower)
        .copied()
        .or_else(|| cratespace_manifest::closest(term, &names))
}

/// The member's license, against what the policy allows.
pub fn check(allowed: &Allowed, package: &Package) -> Option<Problem> {
    let Some(text) = package.license.as_deref() else {
        return Some(unlicensed(package));
    };
    let expression = match Expression::parse_mode(text, ParseMode::LAX) {
        Ok(expression) => expression,
        Err(error) => {
            let term = text.get(error.span.clone()).unwrap_or(text);
            return Some(Problem {
                check: Check::License,
                message: format!(
                    "its license `{text}` is not an SPDX expression ({}: `{term}`)",
                    error.reason
                ),
                help: fix(package, "an SPDX license expression"),
            });
        }
    };
    let failed = expression
        .evaluate_with_failures(|required| {
            allowed
                .licensees
                .iter()
                .any(|licensee| licensee.satisfies(required))
        })
        .err()?;
    let failed: Vec<String> = failed.iter().map(|req| format!("`{}`", req.req)).collect();
    Some(Problem {
        check: Check::License,
        message: format!(
            "its license `{text}` is not allowed by the policy ({}): {} not among `licenses`",
            allowed.listed,
            if failed.len() == 1 {
                format!("{} is", failed[0])
            } else {
                format!("{} are", failed.join(", "))
            }
        ),
        help: format!(
            "add {} to `licenses` once the family accepts it, or take the member out",
            failed.join(" or ")
        ),
    })
}

/// No license expression: none at all, or a `license-file` only, which
/// names a text the policy cannot evaluate.
fn unlicensed(package: &Package) -> Problem {
    let message = match package.license_file() {
        Some(file) => format!(
            "has no license expression, only a license file (`license-file`): {}",
            shown(file.as_std_path())
        ),
        None => "has no license: neither `license` nor `license-file`".to_owned(),
    };
    Problem {
        check: Check::License,
        message,
        help: fix(
            package,
            "`license = \"…\"`, an SPDX expression the policy can check,",
        ),
    }
}

/// How a member gets a license expression: its own `Cargo.toml` says it
/// when it is the family's, its publisher's when it is not.
fn fix(package: &Package, what: &str) -> String {
    if package.source.is_none() {
        format!(
            "write {what} in {}",
            shown(package.manifest_path.as_std_path())
        )
    } else {
        format!(
            "ask {}'s maintainers for {what} in its manifest, or take the member out",
            package.name
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{CRATES_IO, test_package};

    fn package(license: Option<&str>) -> Package {
        test_package("member", "1.0.0", CRATES_IO, license)
    }

    fn allows(policy: &[&str], license: &str) -> bool {
        let policy: Vec<String> = policy.iter().map(|l| (*l).to_owned()).collect();
        let (allowed, problems) = allowed(&policy);
        assert!(problems.is_empty());
        check(&allowed, &package(Some(license))).is_none()
    }

    #[test]
    fn expressions_as_spdx_evaluates_them() {
        assert!(allows(&["Apache-2.0"], "MIT OR Apache-2.0"));
        assert!(allows(&["Apache-2.0"], "MIT/Apache-2.0"));
        assert!(!allows(&["Apache-2.0"], "MIT AND Apache-2.0"));
        assert!(allows(
            &["MIT", "Unicode-3.0"],
            "(MIT OR Apache-2.0) AND Unicode-3.0"
        ));
        // A license with an exception is allowed as that pair only.
        assert!(!allows(&["Apache-2.0"], "Apache-2.0 WITH LLVM-exception"));
        assert!(allows(
            &["Apache-2.0 WITH LLVM-exception"],
            "Apache-2.0 WITH LLVM-exception"
        ));
        assert!(!allows(&["Apache-2.0 WITH LLVM-exception"], "Apache-2.0"));
        // `+` is the crate's "or later".
        assert!(allows(&["Apache-2.0"], "Apache-1.1+"));
        assert!(allows(&["GPL-3.0-or-later"], "GPL-3.0-or-later"));
    }

    #[test]
    fn what_fails_is_named() {
        let (allowed, _) = allowed(&["MIT".to_owned()]);
        let problem = check(&allowed, &package(Some("MIT AND Zlib AND ISC"))).unwrap();
        assert!(
            problem
                .message
                .ends_with("(MIT): `Zlib`, `ISC` are not among `licenses`"),
            "{}",
            problem.message
        );
        assert_eq!(
            problem.help,
            "add `Zlib` or `ISC` to `licenses` once the family accepts it, or take the member out"
        );
        let problem = check(&allowed, &package(Some("MIT OR Apache 2"))).unwrap();
        assert!(
            problem.message.contains("is not an SPDX expression"),
            "{}",
            problem.message
        );
        assert!(
            problem.help.starts_with("ask member's maintainers for"),
            "{}",
            problem.help
        );
    }

    #[test]
    fn a_policy_identifier_not_on_the_list_gets_a_suggestion() {
        let policy = [
            "mit".to_owned(),
            "Apache-2".to_owned(),
            "LicenseRef-Ours".to_owned(),
            "Nope-9".to_owned(),
        ];
        let (allowed, problems) = allowed(&policy);
        let helps: Vec<&str> = problems
            .iter()
            .map(|problem| problem.help.as_str())
            .collect();
        assert_eq!(
            helps[..2],
            ["did you mean `MIT`?", "did you mean `Apache-2.0`?"]
        );
        assert!(helps[2].starts_with("write the identifier the SPDX license list gives it"));
        assert_eq!(problems.len(), 3);
        assert_eq!(allowed.licensees.len(), 1);
    }
}
