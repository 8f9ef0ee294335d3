//! The model as Rust source: the `pub use` tree, the metadata const and the
//! tracking of every file read. A pure function of its input, so it is
//! tested and benchmarked without a compiler.
//!
//! The output is text, in pieces: the macro lexes each piece with the
//! compiler's own lexer (one call for a whole piece, where building tokens
//! one by one is a call across the proc-macro bridge for each) and puts its
//! path to the runtime types where a [`Piece::Runtime`] stands. Every piece
//! of text lexes on its own: no group opens in one piece and closes in
//! another.

use crate::encoding::{Encoded, Gates};
use crate::model::{Cratespace, Item, Member, MemberCrate, Name, Namespace, RESERVED_MODULE, Step};
use std::fmt::Write as _;

/// What `cratespace!()` emits, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Rust source text that lexes on its own.
    Text(String),
    /// The path to the `cratespace` crate's types: `$crate` of the
    /// `cratespace!` macro, however the top crate reaches it.
    Runtime,
}

/// Everything `cratespace!()` emits for `cratespace`.
///
/// `tracked` lists the files read, relative to the directory in the
/// environment variable `base_env` (normally `CARGO_MANIFEST_DIR`); each is
/// included as bytes so that editing it re-expands the macro, and the output
/// holds no absolute path.
///
/// ```
/// use cratespace_manifest::expand::{expand, text};
/// use cratespace_manifest::{Source, Sources, load_sources};
///
/// let loaded = load_sources(&Sources {
///     manifest: Some(Source::new("cratespace.toml", "metadata = false\n[members]\njson = \"acme_json\"\n")),
///     ..Sources::default()
/// });
/// let pieces = expand(&loaded.cratespace, &loaded.tracked, "CARGO_MANIFEST_DIR");
/// assert!(text(&pieces, "::cratespace").starts_with("#[doc(inline)] pub use ::acme_json as json;"));
/// ```
pub fn expand(cratespace: &Cratespace, tracked: &[String], base_env: &str) -> Vec<Piece> {
    // Sized for the usual line of each member, so that the text is seldom
    // copied as it grows.
    let members = cratespace.root.count();
    let mut text = String::with_capacity(128 + 80 * members);
    let mut gates = Gates::with_capacity(members);
    // The members are encoded in the same walk as the `pub use` tree.
    let mut table = cratespace
        .metadata
        .as_ref()
        .map(|_| Encoded::new(cratespace.versioning, members));
    namespace(&mut text, &cratespace.root, &mut gates, table.as_mut());
    if let Some(crates) = &cratespace.crates {
        reserved(&mut text, crates);
    }
    let mut pieces = Vec::with_capacity(5);
    if let (Some(name), Some(table)) = (&cratespace.metadata, &table) {
        metadata(&mut pieces, text, cratespace, name, &gates, table);
        text = String::new();
    }
    track(&mut text, tracked, base_env);
    match pieces.last_mut() {
        Some(Piece::Text(last)) => last.push_str(&text),
        _ => pieces.push(Piece::Text(text)),
    }
    pieces
}

/// The pieces as one text, with `runtime` where the path to the runtime
/// stands: what the macro's output reads as.
pub fn text(pieces: &[Piece], runtime: &str) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Runtime => out.push_str(runtime),
        }
    }
    out
}

/// The `pub use` tree, and each member's entry in `table`.
fn namespace<'a>(
    out: &mut String,
    root: &'a Namespace,
    gates: &mut Gates<'a>,
    mut table: Option<&mut Encoded>,
) {
    root.walk(&mut |step| match step {
        Step::Member(member, path) => {
            let gate = member.gate.as_ref().map(|gate| gates.index(gate));
            reexport(out, member, gate.map(|index| gates.texts[index].as_str()));
            if let Some(table) = table.as_deref_mut() {
                table.push(path, member, gate, gates);
            }
        }
        Step::Enter(name, inner) => {
            namespace_doc(out, name, inner);
            out.push_str("pub mod ");
            name.write_to(out);
            out.push_str(" {\n");
        }
        Step::Leave => out.push_str("}\n"),
    });
}

/// `#[doc(hidden)] pub mod __cratespace { #[cfg(gate)] pub use ::krate as name; … }`:
/// each member crate once, under its own gate, which the metadata does not
/// list.
fn reserved(out: &mut String, crates: &[MemberCrate]) {
    out.push_str("#[doc(hidden)] pub mod ");
    out.push_str(RESERVED_MODULE);
    out.push_str(" {\n");
    for member_crate in crates {
        if let Some(gate) = &member_crate.gate {
            let _ = write!(out, "#[cfg({gate})] ");
        }
        out.push_str("pub use ::");
        member_crate.krate.write_to(out);
        out.push_str(" as ");
        member_crate.name.write_to(out);
        out.push_str(";\n");
    }
    out.push_str("}\n");
}

/// `#[cfg(gate)] #[doc = " doc"] #[doc(inline)] pub use ::krate::path as name;`
fn reexport(out: &mut String, member: &Member, gate: Option<&str>) {
    if let Some(gate) = gate {
        out.push_str("#[cfg(");
        out.push_str(gate);
        out.push_str(")] ");
    }
    if let Some(text) = &member.doc {
        out.push_str("#[doc = \" ");
        escaped(out, text);
        out.push_str("\"] ");
    }
    out.push_str("#[doc(inline)] pub use ::");
    member.krate.write_to(out);
    for segment in &member.path {
        out.push_str("::");
        segment.write_to(out);
    }
    match &member.name {
        Some(name) => {
            out.push_str(" as ");
            name.write_to(out);
        }
        None => out.push_str("::*"),
    }
    out.push_str(";\n");
}

/// `#[doc = "…"] pub const NAME: runtime::Cratespace = runtime::Cratespace::__new(name,
/// version, members, "table", &[::core::cfg!(gate), …]);`, after `head`.
fn metadata(
    pieces: &mut Vec<Piece>,
    mut head: String,
    cratespace: &Cratespace,
    name: &str,
    gates: &Gates<'_>,
    table: &Encoded,
) {
    let package = &cratespace.name;
    if package.is_empty() {
        doc(
            &mut head,
            " What this cratespace holds: its members, their gates and versions (a `cratespace::Cratespace`).",
        );
    } else {
        doc(
            &mut head,
            &format!(
                " What the `{package}` cratespace holds: its members, their gates and versions (a `cratespace::Cratespace`)."
            ),
        );
    }
    let _ = write!(head, "pub const {name}: ");
    pieces.push(Piece::Text(head));
    pieces.push(Piece::Runtime);
    pieces.push(Piece::Text("::Cratespace = ".to_owned()));
    pieces.push(Piece::Runtime);

    let mut call = String::with_capacity(64 + table.text.len() + 32 * gates.texts.len());
    call.push_str("::Cratespace::__new(");
    or_build_env(&mut call, package, "CARGO_PKG_NAME");
    call.push_str(", ");
    or_build_env(&mut call, &cratespace.version, "CARGO_PKG_VERSION");
    let _ = write!(call, ", {}, ", table.members);
    raw_literal(&mut call, &table.text);
    call.push_str(", &[");
    for gate in &gates.texts {
        call.push_str("::core::cfg!(");
        call.push_str(gate);
        call.push_str("), ");
    }
    call.push_str("]);\n");
    pieces.push(Piece::Text(call));
}

/// `"value"`, or when the manifest does not say (a build without Cargo), the
/// variable the build system may set, read by the compiler so that the
/// expansion stays the same text. In a `const` of its own, so that the value
/// stays usable in const context.
fn or_build_env(out: &mut String, value: &str, variable: &str) {
    if value.is_empty() {
        let _ = write!(
            out,
            "{{ const VALUE: &str = match ::core::option_env!(\"{variable}\") {{ \
             ::core::option::Option::Some(value) => value, \
             ::core::option::Option::None => \"\", }}; VALUE }}"
        );
    } else {
        literal(out, value);
    }
}

/// `const _: &[u8] = ::core::include_bytes!(::core::concat!(::core::env!("BASE"), "/file"));`
/// for each file read: cargo re-runs the expansion when one changes, which
/// it would not do for an edit of `[package.metadata]` alone.
fn track(out: &mut String, tracked: &[String], base_env: &str) {
    for file in tracked {
        out.push_str("const _: &[u8] = ::core::include_bytes!(::core::concat!(::core::env!(");
        literal(out, base_env);
        out.push_str("), ");
        literal(out, &format!("/{file}"));
        out.push_str("));\n");
    }
}

/// `#[doc = "text"]`
fn doc(out: &mut String, text: &str) {
    out.push_str("#[doc = ");
    literal(out, text);
    out.push_str("] ");
}

/// A string literal of `text`.
fn literal(out: &mut String, text: &str) {
    out.push('"');
    escaped(out, text);
    out.push('"');
}

/// A string literal of `text`, raw (`r#"…"#`) when it can be: the compiler
/// then has no escapes to check in a table of some 100 bytes a member.
fn raw_literal(out: &mut String, text: &str) {
    if text.contains('\r') {
        // A raw string cannot hold a carriage return.
        return literal(out, text);
    }
    let mut hashes = 1;
    let mut closing = String::from("\"#");
    while text.contains(&closing) {
        if hashes == MAX_RAW_HASHES {
            return literal(out, text);
        }
        hashes += 1;
        closing.push('#');
    }
    out.push('r');
    out.extend(std::iter::repeat_n('#', hashes));
    out.push('"');
    out.push_str(text);
    out.push_str(&closing);
}

/// The most `#`s a raw string literal may have.
const MAX_RAW_HASHES: usize = 255;

/// The inside of a string literal: `"` and `\` escaped, and every ASCII
/// control character, so that the literal is one line and never holds a
/// bare carriage return. Everything else is written as it is.
fn escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// `#[doc = " The `name` namespace: `a`, `b`, everything of `c`."]`
fn namespace_doc(out: &mut String, name: &Name, namespace: &Namespace) {
    out.push_str("#[doc = \" The `");
    name.write_to(out);
    out.push_str("` namespace");
    for (i, item) in namespace.items.iter().enumerate() {
        out.push_str(if i == 0 { ": " } else { ", " });
        match item {
            Item::Member(member) => {
                out.push('`');
                if let Some(name) = &member.name {
                    name.write_to(out);
                }
                out.push('`');
            }
            Item::Glob(member) => {
                out.push_str("everything of `");
                member.krate.write_to(out);
                for segment in &member.path {
                    out.push_str("::");
                    segment.write_to(out);
                }
                out.push('`');
            }
            Item::Namespace { name, .. } => {
                out.push('`');
                name.write_to(out);
                out.push('`');
            }
        }
    }
    out.push_str(".\"] ");
}
