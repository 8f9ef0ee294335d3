//! A family's top crate as it is written before cratespace: a `lib.rs` of
//! `pub use` items with their `#[cfg]`s, doc comments and `pub mod`
//! namespaces, items of the crate's own amid them, and no manifest; and
//! what `cargo cratespace init` must make of that `lib.rs`.
//!
//! Each member's `#[cfg]` is its explicit `cfg` when it has one; else what
//! a person writes from `Cargo.toml`: the features that turn its dependency
//! on, or its implicit feature, joined with the target table's predicate.
//! It is written the other way round from the gate cratespace derives
//! (`any(feature = "3d", feature = "2d")`, the table's predicate last), so
//! that only a comparison by logic finds them equal.

use super::{Dependency, Family, Member, quoted};
use std::fmt::Write as _;

/// What a family's facade holds when it is written by hand, besides its
/// members.
pub struct HandWritten {
    /// Items of the crate's own, which init must keep: written between
    /// two halves of the re-exports, one blank line apart from each.
    pub items: &'static str,
    /// A namespace whose members are written in a file of their own,
    /// `src/NAME.rs`, declared as `pub mod NAME;` in `items`; init reads
    /// only the lib root, so they stay there.
    pub out_of_line: Option<&'static str>,
    /// Whether every re-export carries `#[doc(inline)]`, as icu's do.
    pub inline: bool,
    /// The re-exports in `items` that init lists as left as written, each
    /// as the line it is written on.
    pub left: &'static [&'static str],
}

/// The call that replaces the re-exports.
pub const CALL: &str = "cratespace::cratespace!();";

/// The hand-written top crate: its `lib.rs`, what init must make of it,
/// and its other files.
pub struct Written {
    /// `src/lib.rs`.
    pub lib: String,
    /// `src/lib.rs` once migrated: the re-exports gone, the call where the
    /// first one was, every other byte as it was.
    pub migrated: String,
    /// Other files under `src/`, by name.
    pub files: Vec<(String, String)>,
}

impl Family {
    /// The members init migrates: those the lib root writes.
    pub fn migrated_members(&self) -> impl Iterator<Item = &Member> {
        let out_of_line = self.hand_written.out_of_line;
        self.members
            .iter()
            .filter(move |member| out_of_line.is_none_or(|name| member.path[0] != name))
    }

    /// The top crate, written by hand.
    pub fn hand_written(&self) -> Written {
        let header = format!(
            "//! {}\n//!\n//! Written by hand: tests/init.rs of the `cratespace` package migrates it\n\
             //! with `cargo cratespace init`.\n{}\n",
            self.description, self.attributes
        );
        let pieces = self.pieces(self.migrated_members().collect());
        let (first, second) = pieces.split_at(pieces.len() / 2);
        let items = self.hand_written.items;
        let lib = format!("{header}{}\n{items}\n{}", first.concat(), second.concat());
        let migrated = format!("{header}{CALL}\n\n{items}\n");
        let mut files = Vec::new();
        if let Some(name) = self.hand_written.out_of_line {
            let inside: Vec<&Member> = self
                .members
                .iter()
                .filter(|member| member.path[0] == name)
                .collect();
            let text = format!(
                "//! The `{name}` module, written in a file of its own.\n\n{}",
                self.pieces_at(&inside, 1, "").concat()
            );
            files.push((format!("{name}.rs"), text));
        }
        Written {
            lib,
            migrated,
            files,
        }
    }

    /// The re-exports and namespaces of `members`, in order, each a piece
    /// of text of whole lines.
    fn pieces(&self, members: Vec<&Member>) -> Vec<String> {
        self.pieces_at(&members, 0, "")
    }

    /// The pieces of `members`, whose paths are written from the segment
    /// `depth` on, each line after `indent`.
    fn pieces_at(&self, members: &[&Member], depth: usize, indent: &str) -> Vec<String> {
        let mut pieces = Vec::new();
        let mut at = 0;
        while at < members.len() {
            let member = members[at];
            if member.path.len() == depth + 1 {
                pieces.push(self.reexport(member, indent));
                at += 1;
                continue;
            }
            let name = &member.path[depth];
            let in_namespace =
                |inner: &Member| inner.path.len() > depth + 1 && inner.path[depth] == *name;
            let end = at
                + members[at..]
                    .iter()
                    .take_while(|inner| in_namespace(inner))
                    .count();
            assert!(
                !members[end..].iter().any(|later| in_namespace(later)),
                "{}: the members of the namespace `{name}` must be written together",
                self.name
            );
            let inner = self
                .pieces_at(&members[at..end], depth + 1, &format!("{indent}    "))
                .concat();
            pieces.push(format!(
                "{indent}/// The `{name}` namespace.\n{indent}pub mod {name} {{\n{inner}{indent}}}\n"
            ));
            at = end;
        }
        pieces
    }

    /// One `pub use`, with its doc comment, `#[cfg]` and `#[doc(inline)]`.
    fn reexport(&self, member: &Member, indent: &str) -> String {
        let mut out = String::new();
        if let Some(doc) = member.doc {
            let _ = writeln!(out, "{indent}/// {doc}");
        }
        if let Some(cfg) = member
            .cfg
            .map(str::to_owned)
            .or_else(|| self.written_gate(member))
        {
            let _ = writeln!(out, "{indent}#[cfg({cfg})]");
        }
        if self.hand_written.inline {
            let _ = writeln!(out, "{indent}#[doc(inline)]");
        }
        let mut target = self.dependency(&member.dependency).key.replace('-', "_");
        if let Some(inside) = member.inside {
            target.push_str("::");
            target.push_str(inside);
        }
        let name = member.path.last().expect("a member has a path");
        let line = if name == "*" {
            format!("pub use {target}::*;")
        } else if target.rsplit("::").next() == Some(name.as_str()) {
            format!("pub use {target};")
        } else {
            format!("pub use {target} as {name};")
        };
        let _ = writeln!(out, "{indent}{line}");
        out
    }

    /// The `#[cfg]` a person writes for the dependency of `member`, from
    /// the family's `Cargo.toml`; `None` for one always compiled.
    fn written_gate(&self, member: &Member) -> Option<String> {
        let dependency = self.dependency(&member.dependency);
        let features =
            dependency
                .optional
                .then(|| self.enabling(dependency))
                .map(|mut features| {
                    features.reverse();
                    match &features[..] {
                        [one] => one.clone(),
                        _ => format!("any({})", features.join(", ")),
                    }
                });
        match (features, dependency.target) {
            (None, None) => None,
            (Some(features), None) => Some(features),
            (None, Some(target)) => Some(target.to_owned()),
            (Some(features), Some(target)) => Some(format!("all({features}, {target})")),
        }
    }

    /// `feature = "…"` for each feature that turns the optional
    /// `dependency` on, in the order of `[features]`: its implicit feature
    /// when no feature names it with `dep:`, else those that list `dep:key`
    /// or `key/feature`.
    fn enabling(&self, dependency: &Dependency) -> Vec<String> {
        let key = &dependency.key;
        let named = self.features.0.iter().any(|(name, items)| {
            name == key || items.iter().any(|item| *item == format!("dep:{key}"))
        });
        if !named {
            return vec![format!("feature = {}", quoted(key))];
        }
        self.features
            .0
            .iter()
            .filter(|(_, items)| {
                items.iter().any(|item| {
                    *item == format!("dep:{key}") || item.starts_with(&format!("{key}/"))
                })
            })
            .map(|(name, _)| format!("feature = {}", quoted(name)))
            .collect()
    }
}
