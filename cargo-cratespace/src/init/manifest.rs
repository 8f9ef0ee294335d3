//! `Cargo.toml` with the cratespace table written in, edited with
//! `toml_edit` so that every other line, comment and layout stays.
//!
//! The members go in one `[package.metadata.cratespace.members]` table at
//! the end of the file, in the order of the facade, namespaces as dotted
//! keys (`render.core = "bevy_render"`), each member a string (its
//! dependency's key) or an inline table when it has a `path`, `cfg` or
//! `doc`, and the globs of one namespace under one `"*"` key.

use super::facade::Reexport;
use crate::error::Error;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

/// A member to write: what the facade says, and its `cfg` key, if any.
pub struct Member<'a> {
    /// The re-export it comes from.
    pub reexport: &'a Reexport,
    /// The `cfg` key: the re-export's own predicate, where it is not the
    /// gate cratespace derives.
    pub cfg: Option<String>,
}

/// What else the edit writes.
pub struct Edit {
    /// Add `cratespace = "VERSION"` to `[dependencies]`.
    pub runtime: Option<&'static str>,
    /// Write `metadata = false`: the crate has an item named `CRATESPACE`.
    pub without_metadata: bool,
}

/// `text`, a `Cargo.toml`, with the cratespace table listing `members`.
pub fn edit(text: &str, members: &[Member<'_>], edit: &Edit) -> Result<String, Error> {
    let mut document: DocumentMut = text
        .parse()
        .map_err(|error| Error::new(format!("cannot edit Cargo.toml: {error}")))?;
    let end = last_position(document.as_table()).map_or(0, |last| last + 1);
    if let Some(version) = edit.runtime {
        let dependencies = document
            .entry("dependencies")
            .or_insert_with(toml_edit::table);
        let Some(dependencies) = dependencies.as_table_like_mut() else {
            return Err(Error::new(
                "cannot add `cratespace` to the `dependencies` of Cargo.toml, which is not a table",
            ));
        };
        dependencies.insert("cratespace", toml_edit::value(version));
    }
    let package = document
        .get_mut("package")
        .and_then(Item::as_table_mut)
        .ok_or_else(|| Error::new("Cargo.toml has no [package] table"))?;
    let metadata = package.entry("metadata").or_insert_with(|| {
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    let Some(metadata) = metadata.as_table_mut() else {
        return Err(Error::new(
            "`package.metadata` of Cargo.toml is not written as a table: write it as [package.metadata] to add the cratespace table",
        ));
    };
    let mut cratespace = Table::new();
    cratespace.set_implicit(true);
    if edit.without_metadata {
        cratespace.set_implicit(false);
        cratespace.set_position(Some(end));
        cratespace.decor_mut().set_prefix("\n");
        cratespace.insert("metadata", toml_edit::value(false));
    }
    let mut table = Table::new();
    table.set_position(Some(end + 1));
    table.decor_mut().set_prefix("\n");
    for member in members {
        insert(&mut table, member);
    }
    cratespace.insert("members", Item::Table(table));
    metadata.insert("cratespace", Item::Table(cratespace));
    Ok(document.to_string())
}

/// The largest position of a table under `table`: the last header of the
/// file.
fn last_position(table: &Table) -> Option<isize> {
    let inner = table.iter().filter_map(|(_, item)| match item {
        Item::Table(inner) => last_position(inner),
        Item::ArrayOfTables(array) => array.iter().filter_map(last_position).max(),
        _ => None,
    });
    table.position().into_iter().chain(inner).max()
}

fn insert(members: &mut Table, member: &Member<'_>) {
    let reexport = member.reexport;
    let mut table = members;
    for namespace in &reexport.namespace {
        let item = table.entry(namespace).or_insert_with(|| {
            let mut namespace = Table::new();
            namespace.set_dotted(true);
            Item::Table(namespace)
        });
        // The facade holds one item at a path, so a namespace is a table.
        table = item.as_table_mut().expect("a namespace is a table");
    }
    let value = value(member);
    match &reexport.name {
        Some(name) => {
            table.insert(name, Item::Value(value));
        }
        None => match table.get_mut("*").and_then(Item::as_value_mut) {
            Some(Value::Array(globs)) => globs.push(value),
            Some(first) => {
                let mut globs = Array::new();
                globs.push(first.clone());
                globs.push(value);
                *first = Value::Array(globs);
            }
            None => {
                table.insert("*", Item::Value(value));
            }
        },
    }
}

/// The dependency's key, or a table when the member has options.
fn value(member: &Member<'_>) -> Value {
    let reexport = member.reexport;
    if reexport.path.is_empty() && member.cfg.is_none() && reexport.doc.is_none() {
        return Value::from(reexport.key.as_str());
    }
    let mut table = InlineTable::new();
    table.insert("dependency", Value::from(reexport.key.as_str()));
    if !reexport.path.is_empty() {
        table.insert("path", Value::from(reexport.path.join("::")));
    }
    if let Some(cfg) = &member.cfg {
        table.insert("cfg", Value::from(cfg.as_str()));
    }
    if let Some(doc) = &reexport.doc {
        table.insert("doc", Value::from(doc.as_str()));
    }
    Value::InlineTable(table)
}
