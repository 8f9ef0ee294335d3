//! TOML files that tools write (`Cargo.lock`, cargo-vet's store) and the
//! `Cargo.toml` read when cargo cannot load it: the few ways the commands
//! look into them.

use crate::error::Error;
use std::path::Path;
use toml::de::{DeTable, DeValue};

/// The text of the TOML file at `path`, to parse with [`parse`].
pub fn read(path: &Path, shown: &str) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|error| Error::new(format!("cannot read `{shown}`: {error}")))
}

/// `text`, the TOML file `shown`, parsed; a syntax error stops the run.
pub fn parse<'i>(text: &'i str, shown: &str) -> Result<DeTable<'i>, Error> {
    DeTable::parse(text)
        .map(toml::Spanned::into_inner)
        .map_err(|error| Error::new(format!("`{shown}` is not TOML")).note(error.to_string()))
}

/// `key` of `table` as a table.
pub fn table<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    match table.get(key).map(|value| value.get_ref()) {
        Some(DeValue::Table(table)) => Some(table),
        _ => None,
    }
}

/// `key` of `table` as a string.
pub fn string<'a>(table: &'a DeTable<'_>, key: &str) -> Option<&'a str> {
    match table.get(key).map(|value| value.get_ref()) {
        Some(DeValue::String(text)) => Some(text),
        _ => None,
    }
}

/// `key` of `table` as a string or a list of strings, as cargo-vet writes
/// criteria: empty when it is neither.
pub fn strings<'a>(table: &'a DeTable<'_>, key: &str) -> Vec<&'a str> {
    match table.get(key).map(|value| value.get_ref()) {
        Some(DeValue::String(text)) => vec![text],
        Some(DeValue::Array(array)) => array
            .iter()
            .filter_map(|value| match value.get_ref() {
                DeValue::String(text) => Some(text.as_ref()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The tables of the array of tables `key` (`[[package]]`), in order.
pub fn tables<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Vec<&'a DeTable<'i>> {
    match table.get(key).map(|value| value.get_ref()) {
        Some(DeValue::Array(array)) => array
            .iter()
            .filter_map(|value| match value.get_ref() {
                DeValue::Table(table) => Some(table),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Each key of `table` with its value as an array of tables: cargo-vet's
/// `[[audits.CRATE]]`, by crate.
pub fn tables_by_key<'a, 'i>(table: &'a DeTable<'i>) -> Vec<(&'a str, Vec<&'a DeTable<'i>>)> {
    table
        .keys()
        .map(|key| (key.get_ref().as_ref(), tables(table, key.get_ref())))
        .collect()
}

/// Each key of `table` whose value is a table, with the strings at `key`
/// of that table (see [`strings`]): cargo-vet's `implies` of each criteria,
/// the `exclude` of each import.
pub fn strings_of_each(table: &DeTable<'_>, key: &str) -> Vec<(String, Vec<String>)> {
    table
        .keys()
        .map(|name| {
            let name: &str = name.get_ref();
            let values = self::table(table, name)
                .map(|entry| strings(entry, key))
                .unwrap_or_default();
            (
                name.to_owned(),
                values.into_iter().map(str::to_owned).collect(),
            )
        })
        .collect()
}
