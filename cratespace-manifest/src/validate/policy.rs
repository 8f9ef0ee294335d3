//! The suitability policy (`[package.metadata.cratespace.policy]`): the
//! licenses a member may have and whether it must be `no_std`. The macro
//! checks that the table says something `cargo cratespace audit` can apply;
//! audit applies it to the build graph.

use super::{Context, POLICY_KEYS};
use crate::diagnostic::Diagnostic;
use crate::document::{Value, describe, entries};
use crate::model::Policy;
use toml::de::DeValue;

impl Context<'_, '_> {
    pub(super) fn policy(&mut self, value: &Value<'_>) -> Policy {
        let mut policy = Policy::default();
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(
                value,
                value.get_ref(),
                "`policy`",
                "a table, like `policy = { licenses = [\"MIT\"] }`",
            );
            return policy;
        };
        for (key, value) in entries(table) {
            match key.get_ref().as_ref() {
                "licenses" => policy.licenses = self.licenses(value),
                "no-std" => policy.no_std = self.boolean(value, "`no-std`", false),
                _ => self.unknown_key(key, POLICY_KEYS, "`policy`"),
            }
        }
        policy
    }

    /// The licenses allowed, each one license as `Licensee`s are written
    /// (an identifier, possibly `WITH` an exception); those that are not
    /// are reported and left out.
    fn licenses(&mut self, value: &Value<'_>) -> Option<Vec<String>> {
        let array = match value.get_ref() {
            DeValue::Array(array) => array,
            other => {
                let mut diagnostic = Diagnostic::at(
                    self.source(),
                    value.span(),
                    "`licenses` must be a list of SPDX license identifiers",
                )
                .label(format!("found {}", describe(other)));
                if let DeValue::String(text) = other {
                    diagnostic =
                        diagnostic.help(format!("write it as a list: `licenses = [\"{text}\"]`"));
                }
                self.push(diagnostic);
                return None;
            }
        };
        if array.is_empty() {
            let diagnostic =
                Diagnostic::at(self.source(), value.span(), "`licenses` allows no license")
                    .label("empty")
                    .note("every member would fail the policy")
                    .help("list the licenses allowed, or remove `licenses` to allow any");
            self.push(diagnostic);
            return None;
        }
        let mut licenses = Vec::with_capacity(array.len());
        for element in array {
            let Some(text) = self.expect_str(element, "a license in `licenses`") else {
                continue;
            };
            match not_one_license(text) {
                None => licenses.push(text.to_owned()),
                Some(why) => {
                    let diagnostic =
                        Diagnostic::at(self.source(), element.span(), "invalid license in `licenses`")
                            .label(why)
                            .help("write each license as its SPDX identifier, such as \"MIT\"; a\nlicense with an exception as \"Apache-2.0 WITH LLVM-exception\"");
                    self.push(diagnostic);
                }
            }
        }
        Some(licenses)
    }
}

/// Why `text` is not one license as a policy lists it: an SPDX identifier
/// (or `LicenseRef-…`), possibly `WITH` an exception. Whether the
/// identifier is on the SPDX list is for audit, which has the list.
fn not_one_license(text: &str) -> Option<&'static str> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let operator = |word: &&str| {
        ["OR", "AND"].contains(&word.to_ascii_uppercase().as_str())
            || word.contains(['/', '(', ')'])
    };
    if words.is_empty() {
        return Some("empty");
    }
    if words.iter().any(operator) {
        return Some("an expression: list each of its licenses on its own");
    }
    if text.contains('+') {
        return Some("`+` (or later) belongs in a crate's license, not in the policy");
    }
    let identifier = |word: &str| {
        !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':'))
    };
    let shaped = match words[..] {
        [license] => identifier(license),
        [license, with, exception] => {
            with.eq_ignore_ascii_case("WITH") && identifier(license) && identifier(exception)
        }
        _ => false,
    };
    (!shaped).then_some("not an SPDX license identifier")
}

#[cfg(test)]
mod tests {
    use super::not_one_license;

    #[test]
    fn one_license_possibly_with_an_exception() {
        for one in [
            "MIT",
            "Apache-2.0",
            "Apache-2.0 WITH LLVM-exception",
            "GPL-2.0-or-later with Classpath-exception-2.0",
            "LicenseRef-Acme-1.0",
            "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
        ] {
            assert_eq!(not_one_license(one), None, "{one}");
        }
        for (text, why) in [
            ("", "empty"),
            ("  ", "empty"),
            ("MIT OR Apache-2.0", "an expression"),
            ("MIT/Apache-2.0", "an expression"),
            ("(MIT)", "an expression"),
            ("mit and isc", "an expression"),
            ("Apache-2.0+", "`+`"),
            ("Apache 2.0", "not an SPDX"),
            ("MIT WITH", "not an SPDX"),
            ("MIT_License", "not an SPDX"),
        ] {
            let found = not_one_license(text).unwrap_or_else(|| panic!("{text} passed"));
            assert!(found.starts_with(why), "{text}: {found}");
        }
    }
}
