//! The member table of the metadata const: every member in one string, in
//! the format that `cratespace-runtime` reads (its `table` module gives the
//! grammar). One string literal costs the compiler one token, where a
//! constructor call per member cost a top crate of 500 members 120–200 ms.

use crate::cfg::Cfg;
use crate::model::{Cratespace, Kind, Member, Name, Step, Versioning};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The format of the table this release writes, which its header names;
/// `cratespace-runtime` reads the same one (`TABLE_FORMAT`), and rejects
/// another at compile time.
pub const FORMAT: usize = 1;

/// The members of a cratespace, encoded for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The header and the encoded members, in manifest order.
    pub text: String,
    /// How many members `text` holds.
    pub members: usize,
}

impl Table {
    /// A table with its header and no member yet, room made for `members`.
    pub fn new(versioning: Versioning, members: usize) -> Table {
        let mut text = String::with_capacity(4 + 64 * members);
        number(&mut text, FORMAT);
        text.push(match versioning {
            Versioning::Independent => 'i',
            Versioning::Pinned => 'p',
            Versioning::Lockstep => 'l',
        });
        Table { text, members: 0 }
    }
}

/// The distinct gates of a cratespace, in order of first use, each with its
/// text: the table refers to a gate by its index here, and the runtime
/// learns whether it holds from a `cfg!` per gate.
#[derive(Debug, Default)]
pub struct Gates<'a> {
    /// The text of each, as it goes inside `#[cfg(…)]`.
    pub texts: Vec<String>,
    indices: HashMap<&'a Cfg, usize, BuildHasherDefault<Fnv>>,
}

/// FNV-1a: gates are a few short strings each, hashed once per gated
/// member, where SipHash's setup costs more than the hashing.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl<'a> Gates<'a> {
    /// The index of `gate`, added if it is new.
    pub fn index(&mut self, gate: &'a Cfg) -> usize {
        if let Some(&index) = self.indices.get(gate) {
            return index;
        }
        let index = self.texts.len();
        self.texts.push(gate.to_string());
        self.indices.insert(gate, index);
        index
    }
}

/// Encodes every member of `cratespace`, depth first in manifest order,
/// adding their gates to `gates`.
pub fn table<'a>(cratespace: &'a Cratespace, gates: &mut Gates<'a>) -> Table {
    let mut table = Table::new(cratespace.versioning, cratespace.root.count());
    cratespace.root.walk(&mut |step| {
        if let Step::Member(member, path) = step {
            let gate = member.gate.as_ref().map(|gate| gates.index(gate));
            table.push(path, member, gate, gates);
        }
    });
    table
}

impl Table {
    /// Appends `member`, at the module path `path`, whose gate is
    /// `gates.texts[gate]`.
    pub fn push(&mut self, path: &str, member: &Member, gate: Option<usize>, gates: &Gates<'_>) {
        self.members += 1;
        write_member(&mut self.text, path, member, gate, gates);
    }
}

fn write_member(
    out: &mut String,
    path: &str,
    member: &Member,
    gate: Option<usize>,
    gates: &Gates<'_>,
) {
    out.push(match member.kind {
        Kind::Child => 'c',
        Kind::Voucher => 'v',
        Kind::Glob => 'g',
    });
    string(out, path);
    string(out, &member.dependency);
    string(out, &member.package);
    target(out, member);
    option(out, member.requirement.as_deref());
    match gate {
        Some(index) => {
            string(out, &gates.texts[index]);
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

/// [`Member::target`], written as a string without making one.
fn target(out: &mut String, member: &Member) {
    let name_len = |name: &Name| name.ident.len() + if name.raw { 2 } else { 0 };
    let len = name_len(&member.krate)
        + member
            .path
            .iter()
            .map(|segment| 2 + name_len(segment))
            .sum::<usize>();
    number(out, len);
    member.krate.write_to(out);
    for segment in &member.path {
        out.push_str("::");
        segment.write_to(out);
    }
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
    // Most numbers are lengths under 100.
    if n < 100 {
        if n >= 10 {
            out.push(char::from(b'0' + (n / 10) as u8));
        }
        out.push(char::from(b'0' + (n % 10) as u8));
        out.push(':');
        return;
    }
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
