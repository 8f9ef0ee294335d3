//! Cratespaces for the tests, encoded as `cratespace!()` encodes them (the
//! grammar is in `src/table.rs`; `cratespace-manifest`'s `table` module is the
//! real writer, and its tests read what it writes back through this crate).

#![allow(dead_code)]

use cratespace_runtime::{Cratespace, Kind, Versioning};

/// One member, its fields in the order of `Member`'s accessors.
pub struct Spec {
    path: &'static str,
    dependency: &'static str,
    package: &'static str,
    target: &'static str,
    requirement: Option<&'static str>,
    kind: Kind,
    gate: Option<&'static str>,
    enabled: bool,
    doc: Option<&'static str>,
    voucher: Option<VoucherSpec>,
}

/// An approval: approved, by, checksums.
pub struct VoucherSpec(
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

#[allow(clippy::too_many_arguments)]
pub fn member(
    path: &'static str,
    dependency: &'static str,
    package: &'static str,
    target: &'static str,
    requirement: Option<&'static str>,
    kind: Kind,
    gate: Option<&'static str>,
    enabled: bool,
    doc: Option<&'static str>,
    voucher: Option<VoucherSpec>,
) -> Spec {
    Spec {
        path,
        dependency,
        package,
        target,
        requirement,
        kind,
        gate,
        enabled,
        doc,
        voucher,
    }
}

pub fn voucher(
    approved: &'static str,
    by: &'static [&'static str],
    checksums: &'static [&'static str],
) -> VoucherSpec {
    VoucherSpec(approved, by, checksums)
}

/// The metadata const of a cratespace with these members; each gated member
/// gets a gate of its own.
pub fn cratespace(
    name: &'static str,
    version: &'static str,
    versioning: Versioning,
    members: &[Spec],
) -> Cratespace {
    let mut table = format!(
        "{}:{}",
        cratespace_runtime::TABLE_FORMAT,
        match versioning {
            Versioning::Independent => 'i',
            Versioning::Pinned => 'p',
            Versioning::Lockstep => 'l',
        }
    );
    let mut gates = Vec::new();
    for member in members {
        table.push(match member.kind {
            Kind::Child => 'c',
            Kind::Voucher => 'v',
            Kind::Glob => 'g',
        });
        for text in [
            member.path,
            member.dependency,
            member.package,
            member.target,
        ] {
            string(&mut table, text);
        }
        option(&mut table, member.requirement);
        match member.gate {
            Some(gate) => {
                string(&mut table, gate);
                table.push_str(&format!("{}:", gates.len()));
                gates.push(member.enabled);
            }
            None => {
                assert!(member.enabled, "an ungated member is always enabled");
                table.push('_');
            }
        }
        option(&mut table, member.doc);
        match &member.voucher {
            Some(VoucherSpec(approved, by, checksums)) => {
                string(&mut table, approved);
                for list in [by, checksums] {
                    table.push_str(&format!("{}:", list.len()));
                    for item in list.iter() {
                        string(&mut table, item);
                    }
                }
            }
            None => table.push('_'),
        }
    }
    Cratespace::__new(
        name,
        version,
        members.len(),
        Box::leak(table.into_boxed_str()),
        Box::leak(gates.into_boxed_slice()),
    )
}

fn string(table: &mut String, text: &str) {
    table.push_str(&format!("{}:{text}", text.len()));
}

fn option(table: &mut String, text: Option<&str>) {
    match text {
        Some(text) => string(table, text),
        None => table.push('_'),
    }
}
