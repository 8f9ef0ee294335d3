//! The member table of the metadata const: every member in one string, in
//! the format that `cratespace-runtime` reads (its `table` module gives the
//! grammar). One string literal costs the compiler one token, where a
//! constructor call per member cost a top crate of 500 members 120–200 ms.

use crate::cfg::Cfg;
use crate::model::{Cratespace, Kind};

/// The members of a cratespace, encoded for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<'a> {
    /// The encoded members, in manifest order.
    pub text: String,
    /// How many members `text` holds.
    pub members: usize,
    /// The distinct gates, in order of first use: the table refers to each
    /// by its index here, and the runtime learns whether it holds from a
    /// `cfg!` per gate.
    pub gates: Vec<&'a Cfg>,
}

/// Encodes every member of `cratespace`, depth first in manifest order.
pub fn table(cratespace: &Cratespace) -> Table<'_> {
    let members = cratespace.root.members();
    let mut table = Table {
        text: String::new(),
        members: members.len(),
        gates: Vec::new(),
    };
    // Gate text → index into `gates`.
    let mut seen = std::collections::HashMap::new();
    let out = &mut table.text;
    for (path, member) in members {
        out.push(match member.kind {
            Kind::Child => 'c',
            Kind::Voucher => 'v',
            Kind::Glob => 'g',
        });
        string(out, &path);
        string(out, &member.dependency);
        string(out, &member.package);
        string(out, &member.target());
        option(out, member.requirement.as_deref());
        match &member.gate {
            Some(gate) => {
                let text = gate.to_string();
                let next = table.gates.len();
                let index = *seen.entry(text.clone()).or_insert(next);
                if index == next {
                    table.gates.push(gate);
                }
                string(out, &text);
                number(out, index);
            }
            None => out.push('_'),
        }
        option(out, member.doc.as_deref());
        match &member.voucher {
            Some(voucher) => {
                string(out, &voucher.approved);
                list(out, &voucher.by);
                list(out, &voucher.checksums);
            }
            None => out.push('_'),
        }
    }
    table
}

fn list(out: &mut String, items: &[String]) {
    number(out, items.len());
    for item in items {
        string(out, item);
    }
}

fn option(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => string(out, text),
        None => out.push('_'),
    }
}

/// The length in bytes, then the text.
fn string(out: &mut String, text: &str) {
    number(out, text.len());
    out.push_str(text);
}

/// Decimal digits and a `:`.
fn number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
    out.push(':');
}
