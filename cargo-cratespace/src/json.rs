//! The JSON lines of `--message-format json`; the crate documentation
//! describes them as a stable format.

use crate::audit::{Exempt, Finding};
use crate::tree::Row;
use crate::workspace::Package;
use cratespace_manifest::model::{Cratespace, Kind};
use cratespace_manifest::{Diagnostic, Location};
use serde_json::{Value, json};
use std::path::Path;

/// A manifest problem as cargo reports a compiler's: a `compiler-message`
/// holding rustc's JSON diagnostic. Its spans point into the manifest
/// files, or, for a problem with no place in one, at the `cratespace!`
/// call that reports it.
pub fn compiler_message(
    package: &Package,
    diagnostic: &Diagnostic,
    call: Option<&Location>,
    rendered: &str,
) -> Value {
    let dir = package.dir();
    let mut spans = Vec::new();
    match (&diagnostic.location, call) {
        (Some(location), _) => {
            spans.push(span(dir, location, true, diagnostic.label.as_deref()));
        }
        (None, Some(call)) => spans.push(span(dir, call, true, None)),
        (None, None) => {}
    }
    for (location, label) in &diagnostic.related {
        spans.push(span(dir, location, false, Some(label)));
    }
    let notes = diagnostic.notes.iter().map(|note| ("note", note));
    let help = diagnostic.help.iter().map(|help| ("help", help));
    let children: Vec<Value> = notes
        .chain(help)
        .map(|(level, message)| {
            json!({
                "message": message,
                "code": null,
                "level": level,
                "spans": [],
                "children": [],
                "rendered": null,
            })
        })
        .collect();
    json!({
        "reason": "compiler-message",
        "package_id": package.id,
        "manifest_path": package.manifest_path,
        "target": package.lib_target,
        "message": {
            "$message_type": "diagnostic",
            "message": diagnostic.message,
            "code": null,
            "level": "error",
            "spans": spans,
            "children": children,
            "rendered": format!("error: {rendered}\n\n"),
        },
    })
}

/// A span as rustc gives it: an absolute file name, the byte range, and
/// 1-based lines and character columns, the end exclusive.
fn span(dir: &Path, location: &Location, primary: bool, label: Option<&str>) -> Value {
    let shown_column = location.column + 1 - location.line_text_start;
    json!({
        "file_name": dir.join(&location.file),
        "byte_start": location.span.start,
        "byte_end": location.span.end,
        "line_start": location.line,
        "line_end": location.end_line,
        "column_start": location.column,
        "column_end": location.end_column,
        "is_primary": primary,
        "text": [{
            "text": location.line_text,
            "highlight_start": shown_column,
            "highlight_end": shown_column + location.width,
        }],
        "label": label,
        "suggested_replacement": null,
        "suggestion_applicability": null,
        "expansion": null,
    })
}

/// The `cratespace` line that opens a cratespace's members in `tree`.
pub fn cratespace(
    package: &Package,
    cratespace: &Cratespace,
    features: &[String],
    target: &str,
) -> Value {
    json!({
        "reason": "cratespace",
        "package_id": package.id,
        "manifest_path": package.manifest_path,
        "name": cratespace.name,
        "version": cratespace.version,
        "versioning": cratespace.versioning.as_str(),
        "features": features,
        "target": target,
    })
}

/// A `cratespace-member` line of `tree`.
pub fn member(package: &Package, row: &Row) -> Value {
    let member = row.member;
    json!({
        "reason": "cratespace-member",
        "package_id": package.id,
        "path": row.path,
        "kind": kind(member.kind),
        "dependency": member.dependency,
        "package": member.package,
        "target": member.target(),
        "requirement": member.requirement,
        "version": row.resolved.map(|package| package.version.to_string()),
        "license": row.resolved.and_then(|package| package.license.clone()),
        "gate": member.gate.as_ref().map(ToString::to_string),
        "compiled_in": row.compiled_in,
        "doc": member.doc,
        "voucher": member.voucher.as_ref().map(|voucher| json!({
            "approved": voucher.approved,
            "by": voucher.by,
            "checksums": voucher.checksums,
            "vet": voucher.vet,
        })),
    })
}

/// The word for a kind, in the JSON and in the tree.
pub fn kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Child => "child",
        Kind::Voucher => "voucher",
        Kind::Glob => "glob",
    }
}

/// A `cratespace-audit-finding` line: one finding of `audit`.
pub fn audit_finding(package: &Package, finding: &Finding) -> Value {
    let (member, resolved) = match &finding.member {
        Some((path, resolved)) => (Some(path), Some(resolved)),
        None => (None, None),
    };
    json!({
        "reason": "cratespace-audit-finding",
        "package_id": package.id,
        "check": finding.problem.check.as_str(),
        "member": member,
        "package": resolved.map(|resolved| &resolved.name),
        "version": resolved.map(|resolved| resolved.version.to_string()),
        "message": finding.problem.message,
        "help": finding.problem.help,
        "rendered": finding.rendered(),
    })
}

/// A `cratespace-audit-exempt` line: a member a check does not apply to.
pub fn audit_exempt(package: &Package, exempt: &Exempt) -> Value {
    let (member, resolved) = &exempt.member;
    json!({
        "reason": "cratespace-audit-exempt",
        "package_id": package.id,
        "check": exempt.check.as_str(),
        "member": member,
        "package": resolved.name,
        "version": resolved.version.to_string(),
        "message": exempt.reason,
        "rendered": exempt.rendered(),
    })
}

/// The `cratespace-audit` line that ends a cratespace's audit.
pub fn audit(package: &Package, findings: usize) -> Value {
    json!({
        "reason": "cratespace-audit",
        "package_id": package.id,
        "manifest_path": package.manifest_path,
        "name": package.name,
        "version": package.version,
        "findings": findings,
    })
}
