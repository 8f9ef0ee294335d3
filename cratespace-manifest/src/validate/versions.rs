//! The version manifest and vouchers: `pinned` and `lockstep` hold the
//! family's own crates to exact versions, and a voucher's approval bounds
//! the versions of an external crate (SPEC §2; diagnostics 12 to 14) and
//! may name the cargo-vet criteria `cargo cratespace audit` requires.

use super::dependency::Resolved;
use super::{Context, VOUCHER_KEYS};
use crate::diagnostic::Diagnostic;
use crate::document::{Value, entries, get};
use crate::model::{Versioning, Voucher};
use crate::version;
use semver::{Version, VersionReq};
use std::ops::Range;
use toml::de::DeValue;

impl Context<'_, '_> {
    pub(super) fn voucher(&mut self, value: &Value<'_>, path: &str) -> Option<(Voucher, Approval)> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(
                value,
                value.get_ref(),
                "`voucher`",
                "a table, like `{ approved = \">=1.2, <2\", by = \"its maintainers\" }`",
            );
            return None;
        };
        let mut approved = None;
        let mut approval = None;
        let mut by = None;
        let mut checksums = Vec::new();
        let mut vet = None;
        for (key, value) in entries(table) {
            match key.get_ref().as_ref() {
                "approved" => {
                    approved = self.expect_str(value, "`approved`").map(str::to_owned);
                    approval = approved
                        .as_deref()
                        .and_then(|text| self.approval(text, value.span()));
                }
                "by" => by = self.strings(value, "`by`"),
                "checksums" => checksums = self.strings(value, "`checksums`").unwrap_or_default(),
                "vet" => vet = self.vet(value),
                _ => self.unknown_key(key, VOUCHER_KEYS, &format!("the voucher of `{path}`")),
            }
        }
        for (key, absent) in [("approved", approved.is_none()), ("by", by.is_none())] {
            if !absent || get(table, key).is_some() {
                continue;
            }
            let example = if key == "approved" {
                "approved = \">=0.3.1, <0.4\""
            } else {
                "by = \"the maintainers who vouch\""
            };
            let diagnostic = Diagnostic::at(
                self.source(),
                value.span(),
                format!("the voucher has no `{key}`"),
            )
            .label(format!("the voucher of `{path}`"))
            .note("a voucher needs `approved`, the versions vouched for, and\n`by`, who vouches")
            .help(format!("add `{example}`"));
            self.push(diagnostic);
        }
        let voucher = Voucher {
            approved: approved?,
            by: by?,
            checksums,
            vet,
        };
        Some((voucher, approval?))
    }

    /// `vet = "criteria"`: one cargo-vet criteria name, which audit looks
    /// up in the workspace's cargo-vet store.
    fn vet(&mut self, value: &Value<'_>) -> Option<String> {
        let text = self.expect_str(value, "`vet`")?;
        let why = if text.trim().is_empty() {
            "empty"
        } else if text.contains([',', ' ', '\t']) {
            "more than one word: `vet` names one criteria"
        } else {
            return Some(text.to_owned());
        };
        let diagnostic = Diagnostic::at(self.source(), value.span(), "invalid `vet` criteria")
            .label(why)
            .note("an audit for a criteria also covers the criteria it implies:\n\"safe-to-deploy\" implies \"safe-to-run\"")
            .help("name the one cargo-vet criteria the resolved version must be\naudited for, such as `vet = \"safe-to-deploy\"`");
        self.push(diagnostic);
        None
    }

    pub(super) fn approval(&mut self, text: &str, span: Range<usize>) -> Option<Approval> {
        match VersionReq::parse(text) {
            Ok(requirement) => Some(Approval {
                requirement,
                text: text.to_owned(),
                span,
            }),
            Err(error) => {
                let diagnostic = Diagnostic::at(self.source(), span, "invalid version requirement")
                    .label(error.to_string())
                    .help("write a requirement as Cargo.toml does, such as\n\">=0.3.1, <0.4\" or \"~1.2\"");
                self.push(diagnostic);
                None
            }
        }
    }

    /// A voucher's dependency requirement must allow no version outside
    /// `approved` (SPEC §2, Voucher crates; diagnostic 14).
    pub(super) fn check_voucher(&mut self, resolved: &Resolved<'_>, approval: &Approval) {
        let Some((cargo_source, _)) = self.input.cargo else {
            return;
        };
        let requirement = match &resolved.requirement {
            Some(text) => match VersionReq::parse(text) {
                Ok(requirement) => requirement,
                // Cargo has rejected the manifest already.
                Err(_) => return,
            },
            None => VersionReq::STAR,
        };
        let Some(witness) = version::uncovered(&requirement, &approval.requirement) else {
            return;
        };
        let key = &resolved.key;
        let approved = &approval.text;
        let shown = resolved.requirement.unwrap_or("*");
        let label = match &resolved.requirement {
            Some(text) if resolved.inherited => {
                format!("inherits \"{text}\" from [workspace.dependencies], which allows {witness}")
            }
            Some(_) => format!("allows {witness}"),
            None => format!("no requirement: any version, {witness} among them"),
        };
        let diagnostic = Diagnostic::at(
            cargo_source,
            resolved.requirement_span.clone(),
            format!("`{key}` may resolve to a version its voucher does not approve"),
        )
        .label(label)
        .related(self.source(), approval.span.clone(), "the approved versions")
        .note(format!("{witness} is allowed by \"{shown}\" but not by \"{approved}\""))
        .help(format!(
            "narrow the requirement, as `version = \"{approved}\"`,\nor widen `approved` once its new versions are vouched for"
        ));
        self.push(diagnostic);
    }

    /// The version the requirement `text` pins, if it is exact; read once
    /// per text, as the members of a pinned family share one requirement.
    fn pinned(&mut self, text: &str) -> Option<Version> {
        if let Some(pinned) = self.pins.get(text) {
            return pinned.clone();
        }
        let pinned = VersionReq::parse(text)
            .ok()
            .and_then(|requirement| version::exact(&requirement));
        self.pins.insert(text.to_owned(), pinned.clone());
        pinned
    }

    /// `pinned` and `lockstep`: the top crate's release fixes the version of
    /// every child (SPEC §2, the version manifest; diagnostic 12).
    pub(super) fn check_versioning(&mut self, resolved: &Resolved<'_>) {
        let versioning = self.versioning;
        if versioning == Versioning::Independent {
            return;
        }
        let Some((cargo_source, package)) = self.input.cargo else {
            return;
        };
        if let Some(position) = (!resolved.listed.is_empty()).then_some(resolved.listed.start) {
            if self.checked[position] {
                return;
            }
            self.checked[position] = true;
        }
        let key = &resolved.key;
        let requirement = resolved.requirement;
        let pinned = requirement.and_then(|text| self.pinned(text));
        // Only `lockstep` compares with the top crate's version.
        let top = match versioning {
            Versioning::Lockstep => package.version.and_then(|v| Version::parse(v).ok()),
            _ => None,
        };
        let (expected, rule) = match (versioning, &top) {
            (Versioning::Lockstep, Some(top)) => {
                if pinned.as_ref() == Some(top) {
                    return;
                }
                (
                    format!("={top}"),
                    format!(
                        "lockstep versioning pins each member at the version of `{}`",
                        package.name.unwrap_or("the top crate")
                    ),
                )
            }
            (Versioning::Lockstep, None) => {
                let diagnostic = Diagnostic::at(
                    cargo_source,
                    resolved.requirement_span.clone(),
                    "lockstep versioning needs the top crate's version",
                )
                .label("required at the top crate's version")
                .help("give the top crate a `version` in [package]");
                self.push(diagnostic);
                return;
            }
            _ => {
                if pinned.is_some() {
                    return;
                }
                let suggestion = requirement
                    .and_then(|text| VersionReq::parse(text).ok())
                    .and_then(|requirement| {
                        let first = requirement.comparators.first()?;
                        Some(format!(
                            "={}.{}.{}",
                            first.major,
                            first.minor.unwrap_or(0),
                            first.patch.unwrap_or(0)
                        ))
                    })
                    .unwrap_or_else(|| "=x.y.z".to_owned());
                (
                    suggestion,
                    "pinned versioning requires one exact version of each member".to_owned(),
                )
            }
        };
        let found = requirement.map_or("no version requirement".to_owned(), |text| {
            format!("\"{text}\"")
        });
        let label = if resolved.inherited {
            format!("inherits {found} from [workspace.dependencies]")
        } else {
            format!("found {found}")
        };
        let diagnostic = Diagnostic::at(
            cargo_source,
            resolved.requirement_span.clone(),
            if expected == "=x.y.z" {
                format!("`{key}` must be required at one exact version")
            } else {
                format!("`{key}` must be required at \"{expected}\"")
            },
        )
        .label(label)
        .note(rule)
        .help(format!("write `version = \"{expected}\"`"))
        .help("or, for a crate that is not the family's own, make the\nmember a voucher: versioning does not pin vouchers");
        self.push(diagnostic);
    }
}

/// A voucher's `approved`, parsed, with where it is written.
pub(super) struct Approval {
    requirement: VersionReq,
    text: String,
    span: Range<usize>,
}
