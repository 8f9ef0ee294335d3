//! The encoding of the members: every member of a cratespace in one string.
//!
//! `cratespace!()` writes the members as one string literal rather than one
//! constructor call per member: the compiler reads a literal as one token,
//! where a call per member is expanded, type-checked and evaluated, which
//! cost a top crate of 500 members 120–200 ms of its build. A member is
//! decoded when it is read.
//!
//! The format, for the writer in `cratespace-manifest`:
//!
//! ```text
//! encoding = header member*
//! header  = number versioning              ; the format, `ENCODING_FORMAT`
//! versioning = "i" | "p" | "l"             ; independent, pinned, lockstep
//! member  = kind string string string string option gate option voucher
//!           ; kind, path, dependency, package, target, requirement, gate, doc
//! kind    = "c" | "v" | "g"                ; child, voucher, glob
//! gate    = "_" | string number            ; cfg text, index into the gates
//! voucher = "_" | string list list         ; approved, by, checksums
//! list    = number string*                 ; a count, then that many strings
//! option  = "_" | string
//! string  = number bytes                   ; a length in bytes, then the text
//! number  = digit+ ":"
//! ```
//!
//! Nothing else is between the parts. An encoding that does not follow it (only
//! a hand-written one can) ends the members where it stops making sense;
//! reading it never panics.

use crate::Versioning;
use crate::member::{Kind, List, Member, Voucher};

// Every step is a `const fn`, so that `Cratespace::member` works in const
// context (a crate can assert at compile time what its cratespace holds).
// Hence the `match`es where `?` would do: `?` is not allowed in a `const fn`.

/// A position in an encoding, reading forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Reader {
    rest: &'static [u8],
}

impl Reader {
    pub(crate) const fn new(table: &'static str) -> Self {
        Reader {
            rest: table.as_bytes(),
        }
    }

    /// Reads the header: the versioning, when the encoding is in `format`.
    pub(crate) const fn header(&mut self, format: usize) -> Option<Versioning> {
        match self.number() {
            Some(found) if found == format => {}
            _ => return None,
        }
        match self.byte() {
            Some(b'i') => Some(Versioning::Independent),
            Some(b'p') => Some(Versioning::Pinned),
            Some(b'l') => Some(Versioning::Lockstep),
            _ => None,
        }
    }

    /// The next member, its `enabled` looked up in `gates`.
    pub(crate) const fn member(&mut self, gates: &[bool]) -> Option<Member> {
        let Some(raw) = self.raw() else {
            return None;
        };
        let (Some(path), Some(dependency), Some(package), Some(target)) = (
            text(raw.path),
            text(raw.dependency),
            text(raw.package),
            text(raw.target),
        ) else {
            return None;
        };
        let Some(requirement) = optional_text(raw.requirement) else {
            return None;
        };
        let (gate, enabled) = match raw.gate {
            None => (None, true),
            Some((gate, index)) => match text(gate) {
                Some(gate) if index < gates.len() => (Some(gate), gates[index]),
                _ => return None,
            },
        };
        let Some(doc) = optional_text(raw.doc) else {
            return None;
        };
        let voucher = match raw.voucher {
            None => None,
            Some((approved, by, checksums)) => match text(approved) {
                Some(approved) => Some(Voucher {
                    approved,
                    by,
                    checksums,
                }),
                None => return None,
            },
        };
        Some(Member {
            path,
            dependency,
            package,
            target,
            requirement,
            kind: raw.kind,
            gate,
            enabled,
            doc,
            voucher,
        })
    }

    /// Passes over the next member and returns its path as bytes: looking
    /// a member up reads every member before it, and a member's text is
    /// checked as UTF-8 only when it is decoded.
    pub(crate) const fn skip_member(&mut self) -> Option<&'static [u8]> {
        match self.raw() {
            Some(raw) => Some(raw.path),
            None => None,
        }
    }

    /// The parts of the next member, as the grammar lays them out, their
    /// text not yet checked.
    const fn raw(&mut self) -> Option<Raw> {
        let kind = match self.byte() {
            Some(b'c') => Kind::Child,
            Some(b'v') => Kind::Voucher,
            Some(b'g') => Kind::Glob,
            _ => return None,
        };
        let (Some(path), Some(dependency), Some(package), Some(target)) =
            (self.bytes(), self.bytes(), self.bytes(), self.bytes())
        else {
            return None;
        };
        let Some(requirement) = self.option() else {
            return None;
        };
        let gate = if self.absent() {
            None
        } else {
            match (self.bytes(), self.number()) {
                (Some(gate), Some(index)) => Some((gate, index)),
                _ => return None,
            }
        };
        let Some(doc) = self.option() else {
            return None;
        };
        let voucher = if self.absent() {
            None
        } else {
            match (self.bytes(), self.list(), self.list()) {
                (Some(approved), Some(by), Some(checksums)) => Some((approved, by, checksums)),
                _ => return None,
            }
        };
        Some(Raw {
            kind,
            path,
            dependency,
            package,
            target,
            requirement,
            gate,
            doc,
            voucher,
        })
    }

    /// The next string: its length, then its text.
    pub(crate) const fn string(&mut self) -> Option<&'static str> {
        match self.bytes() {
            Some(bytes) => text(bytes),
            None => None,
        }
    }

    /// The next string's bytes, unchecked.
    const fn bytes(&mut self) -> Option<&'static [u8]> {
        let Some(len) = self.number() else {
            return None;
        };
        if len > self.rest.len() {
            return None;
        }
        let (text, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some(text)
    }

    /// A list: its count, and the strings it holds, skipped.
    const fn list(&mut self) -> Option<List> {
        let Some(count) = self.number() else {
            return None;
        };
        let items = *self;
        let mut i = 0;
        while i < count {
            if self.bytes().is_none() {
                return None;
            }
            i += 1;
        }
        Some(List { items, count })
    }

    /// `None` when the encoding ends or is not well formed; `Some(None)` for `_`.
    const fn option(&mut self) -> Option<Option<&'static [u8]>> {
        if self.absent() {
            return Some(None);
        }
        match self.bytes() {
            Some(bytes) => Some(Some(bytes)),
            None => None,
        }
    }

    /// Whether an optional part is absent (`_`), consuming the `_`.
    const fn absent(&mut self) -> bool {
        match self.rest {
            [b'_', rest @ ..] => {
                self.rest = rest;
                true
            }
            _ => false,
        }
    }

    /// Decimal digits and a `:`.
    const fn number(&mut self) -> Option<usize> {
        let mut n: usize = 0;
        let mut i = 0;
        while i < self.rest.len() && self.rest[i].is_ascii_digit() {
            n = match n.checked_mul(10) {
                Some(n) => n,
                None => return None,
            };
            n = match n.checked_add((self.rest[i] - b'0') as usize) {
                Some(n) => n,
                None => return None,
            };
            i += 1;
        }
        if i == 0 || i >= self.rest.len() || self.rest[i] != b':' {
            return None;
        }
        self.rest = self.rest.split_at(i + 1).1;
        Some(n)
    }

    const fn byte(&mut self) -> Option<u8> {
        match self.rest {
            [byte, rest @ ..] => {
                self.rest = rest;
                Some(*byte)
            }
            [] => None,
        }
    }
}

/// A member's parts before their text is checked.
struct Raw {
    kind: Kind,
    path: &'static [u8],
    dependency: &'static [u8],
    package: &'static [u8],
    target: &'static [u8],
    requirement: Option<&'static [u8]>,
    /// The gate's text and its index into the gates.
    gate: Option<(&'static [u8], usize)>,
    doc: Option<&'static [u8]>,
    /// Approved, by, checksums.
    voucher: Option<(&'static [u8], List, List)>,
}

/// `bytes` as text, `None` when they are not UTF-8.
const fn text(bytes: &'static [u8]) -> Option<&'static str> {
    match core::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(_) => None,
    }
}

/// An optional part as text: `None` when it is not UTF-8.
const fn optional_text(bytes: Option<&'static [u8]>) -> Option<Option<&'static str>> {
    match bytes {
        None => Some(None),
        Some(bytes) => match text(bytes) {
            Some(text) => Some(Some(text)),
            None => None,
        },
    }
}
