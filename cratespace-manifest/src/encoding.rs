//! The encoding of the metadata const's members: every member in one string,
//! in the format that `cratespace-runtime` reads (its `encoding` module gives
//! the grammar). One string literal costs the compiler one token, where a
//! constructor call per member cost a top crate of 500 members 120–200 ms.

use crate::cfg::Cfg;
use crate::model::{Cratespace, Kind, Member, Step, Versioning};
use std::collections::HashMap;

/// The format of the encoding this release writes, which its header names;
/// `cratespace-runtime` reads the same one (`ENCODING_FORMAT`), and rejects
/// another at compile time.
pub const FORMAT: usize = 1;

/// The members of a cratespace, encoded for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// The header and the encoded members, in manifest order.
    pub text: String,
    /// How many members `text` holds.
    pub members: usize,
}

impl Encoded {
    /// The header and no member yet, room made for `members`.
    pub fn new(versioning: Versioning, members: usize) -> Encoded {
        let mut text = String::with_capacity(4 + 64 * members);
        number(&mut text, FORMAT);
        text.push(match versioning {
            Versioning::Independent => 'i',
            Versioning::Pinned => 'p',
            Versioning::Lockstep => 'l',
        });
        Encoded { text, members: 0 }
    }
}

/// The distinct gates of a cratespace, in order of first use, each with its
/// text: the encoding refers to a gate by its index here, and the runtime
/// learns whether it holds from a `cfg!` per gate.
#[derive(Debug, Default)]
pub struct Gates<'a> {
    /// The text of each, as it goes inside `#[cfg(…)]`.
    pub texts: Vec<String>,
    indices: HashMap<&'a Cfg, usize>,
}

impl<'a> Gates<'a> {
    /// Room for the gates of `members` members without growing.
    pub fn with_capacity(members: usize) -> Self {
        Gates {
            texts: Vec::new(),
            indices: HashMap::with_capacity(members),
        }
    }

    /// The index of `gate`, added if it is new.
    pub fn index(&mut self, gate: &'a Cfg) -> usize {
        *self.indices.entry(gate).or_insert_with(|| {
            self.texts.push(gate.to_string());
            self.texts.len() - 1
        })
    }
}

/// Encodes every member of `cratespace`, depth first in manifest order,
/// adding their gates to `gates`.
pub fn encode<'a>(cratespace: &'a Cratespace, gates: &mut Gates<'a>) -> Encoded {
    let mut encoded = Encoded::new(cratespace.versioning, cratespace.root.count());
    cratespace.root.walk(&mut |step| {
        if let Step::Member(member, path) = step {
            let gate = member.gate.as_ref().map(|gate| gates.index(gate));
            encoded.push(path, member, gate, gates);
        }
    });
    encoded
}

impl Encoded {
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
    string(out, &member.target());
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
// By hand: `write!` costs 4 % of the expansion's instructions (callgrind,
// 100 and 1 000 members); every part of every member has a number.
fn number(out: &mut String, n: usize) {
    let digits = n.checked_ilog10().unwrap_or(0) + 1;
    for place in (0..digits).rev() {
        out.push(char::from(b'0' + (n / 10usize.pow(place) % 10) as u8));
    }
    out.push(':');
}
