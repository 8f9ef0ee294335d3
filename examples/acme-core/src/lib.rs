//! The core types of the acme family.
//!
//! This crate is a member of the `acme` family. The `acme` facade crate
//! glob re-exports everything here at its root, so `acme::Describe`,
//! `acme::Name` and `acme::Version` are these; the crate works on its own
//! as well, with `acme-derive` next to it for `#[derive(Describe)]`:
//!
//! ```
//! use acme_core::{Describe, Name, Version};
//! use acme_derive::Describe;
//!
//! #[derive(Describe)]
//! struct Release {
//!     name: Name,
//!     version: Version,
//! }
//!
//! let release = Release {
//!     name: Name::new("billing").unwrap(),
//!     version: "2.1.0".parse().unwrap(),
//! };
//! assert_eq!(release.describe(), "Release { name, version }");
//! assert_eq!(release.version.describe(), "Version 2.1.0");
//! ```

#![deny(missing_docs)]

// The path `#[derive(Describe)]` names from inside this crate (its unit
// tests) is `::acme_core`, as everywhere that depends on it directly.
extern crate self as acme_core;

use std::fmt;
use std::str::FromStr;

/// A value that can explain itself in one short, human-readable line.
///
/// `#[derive(Describe)]` (the `acme::derive` member) implements it for
/// structs as the type name followed by its fields, e.g. `Order { id, total }`.
pub trait Describe {
    /// Returns a one-line description of `self`.
    fn describe(&self) -> String;
}

/// What the code `#[derive(Describe)]` generates names, reached through
/// this crate, so that it compiles in `#![no_std]` crates too.
#[doc(hidden)]
pub mod __private {
    pub use std::string::String;
}

/// A non-empty name made of ASCII letters, digits, `-` and `_`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(String);

impl Name {
    /// Checks `name` and wraps it, or reports why it is not a valid name.
    pub fn new(name: impl Into<String>) -> Result<Self, NameError> {
        let name = name.into();
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        match name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            Some(c) => Err(NameError::InvalidChar(c)),
            None => Ok(Self(name)),
        }
    }

    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Describe for Name {
    fn describe(&self) -> String {
        format!("Name({:?})", self.0)
    }
}

/// Why [`Name::new`] rejected a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    /// The string was empty.
    Empty,
    /// The string contained this character, which names may not contain.
    InvalidChar(char),
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("a name cannot be empty"),
            Self::InvalidChar(c) => write!(f, "a name cannot contain {c:?}"),
        }
    }
}

impl std::error::Error for NameError {}

/// A `major.minor.patch` version number, ordered numerically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Incremented for incompatible changes.
    pub major: u64,
    /// Incremented for compatible additions.
    pub minor: u64,
    /// Incremented for compatible fixes.
    pub patch: u64,
}

impl Version {
    /// Makes the version `major.minor.patch`.
    pub const fn new(major: u64, minor: u64, patch: u64) -> Self {
        Self {
            major,
            minor,
            patch,
        }
    }

    /// Whether code written against `required` works with `self`, by the
    /// caret rule: same major version (same minor too while the major is 0)
    /// and not older.
    pub fn satisfies(&self, required: &Version) -> bool {
        let same_line = if required.major == 0 {
            self.major == 0 && self.minor == required.minor
        } else {
            self.major == required.major
        };
        same_line && self >= required
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl Describe for Version {
    fn describe(&self) -> String {
        format!("Version {self}")
    }
}

/// The error of parsing a [`Version`] from a string that is not
/// `major.minor.patch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseVersionError {
    input: String,
}

impl fmt::Display for ParseVersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected `major.minor.patch`, found {:?}", self.input)
    }
}

impl std::error::Error for ParseVersionError {}

impl FromStr for Version {
    type Err = ParseVersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error = || ParseVersionError {
            input: s.to_owned(),
        };
        let mut parts = s.split('.').map(|part| {
            // `u64::from_str` accepts a leading `+`; version numbers do not.
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse::<u64>().ok()
            } else {
                None
            }
        });
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) => {
                Ok(Self::new(major, minor, patch))
            }
            _ => Err(error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert_eq!(Name::new("acme-core").unwrap().as_str(), "acme-core");
        assert_eq!(Name::new(""), Err(NameError::Empty));
        assert_eq!(Name::new("a b"), Err(NameError::InvalidChar(' ')));
        assert_eq!(
            NameError::InvalidChar('/').to_string(),
            "a name cannot contain '/'"
        );
    }

    #[test]
    fn versions_parse_and_print() {
        let v: Version = "2.1.0".parse().unwrap();
        assert_eq!(v, Version::new(2, 1, 0));
        assert_eq!(v.to_string(), "2.1.0");
        for bad in ["", "2", "2.1", "2.1.0.0", "2.x.0", "+2.1.0", "2..0"] {
            assert!(bad.parse::<Version>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn versions_order_numerically() {
        assert!(Version::new(2, 10, 0) > Version::new(2, 9, 9));
        assert!(Version::new(2, 1, 3).satisfies(&Version::new(2, 1, 0)));
        assert!(!Version::new(2, 0, 9).satisfies(&Version::new(2, 1, 0)));
        assert!(!Version::new(3, 0, 0).satisfies(&Version::new(2, 1, 0)));
        assert!(!Version::new(0, 3, 0).satisfies(&Version::new(0, 2, 0)));
    }

    #[derive(acme_derive::Describe)]
    struct Local {
        name: Name,
    }

    #[test]
    fn the_derive_works_inside_the_crate() {
        let local = Local {
            name: Name::new("here").unwrap(),
        };
        assert_eq!(local.describe(), "Local { name }");
        assert_eq!(local.name.as_str(), "here");
    }

    #[test]
    fn core_types_describe_themselves() {
        assert_eq!(Version::new(2, 1, 0).describe(), "Version 2.1.0");
        assert_eq!(Name::new("acme").unwrap().describe(), "Name(\"acme\")");
    }
}
