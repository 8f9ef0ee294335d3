//! Rust identifiers: module names, path segments and extern crate names.

use crate::model::Name;

/// Strict and reserved keywords of editions 2018 to 2024: a bare identifier
/// cannot be one of them.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that even `r#` cannot turn into an identifier.
const NOT_RAW: &[&str] = &["Self", "crate", "self", "super"];

/// Why a string is not a usable name, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameError {
    /// The reason, e.g. "`type` is a keyword".
    pub reason: String,
    /// A legal name close to the one written.
    pub suggestion: Option<String>,
}

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// A module name or path segment: an identifier that is not a keyword (but
/// may be a raw `r#keyword`), not `_`.
pub fn module_name(text: &str) -> Result<Name, NameError> {
    if let Some(ident) = text.strip_prefix("r#") {
        if NOT_RAW.contains(&ident) {
            return Err(NameError {
                reason: format!("`{ident}` cannot be a raw identifier"),
                suggestion: Some(format!("{}_", ident.to_lowercase())),
            });
        }
        if !is_identifier(ident) || ident == "_" {
            return Err(not_identifier(text));
        }
        return Ok(Name {
            ident: ident.to_owned(),
            raw: true,
        });
    }
    if text == "_" {
        return Err(NameError {
            reason: "`_` is not a name".to_owned(),
            suggestion: None,
        });
    }
    if NOT_RAW.contains(&text) {
        return Err(NameError {
            reason: format!("`{text}` is a path keyword"),
            suggestion: Some(format!("{}_", text.to_lowercase())),
        });
    }
    if is_keyword(text) {
        return Err(NameError {
            reason: format!("`{text}` is a keyword"),
            suggestion: Some(format!("r#{text}` or `{text}_")),
        });
    }
    if !is_identifier(text) {
        return Err(not_identifier(text));
    }
    Ok(Name {
        ident: text.to_owned(),
        raw: false,
    })
}

/// The extern crate name of a dependency key: `-` becomes `_`, and a
/// keyword is written raw.
pub fn crate_name(key: &str) -> Result<Name, NameError> {
    let ident = key.replace('-', "_");
    if ident == "_" || NOT_RAW.contains(&ident.as_str()) || !is_identifier(&ident) {
        return Err(not_identifier(key));
    }
    Ok(Name {
        raw: is_keyword(&ident),
        ident,
    })
}

fn not_identifier(text: &str) -> NameError {
    let reason = if text.is_empty() {
        "an empty string is not an identifier".to_owned()
    } else if text.contains('-') {
        format!("`{text}` is not an identifier: `-` cannot appear in one")
    } else {
        format!("`{text}` is not a Rust identifier")
    };
    NameError {
        reason,
        suggestion: legal_alternative(text),
    }
}

fn legal_alternative(text: &str) -> Option<String> {
    let mut out: String = text
        .trim_start_matches("r#")
        .chars()
        .map(|ch| {
            if unicode_ident::is_xid_continue(ch) {
                ch
            } else {
                '_'
            }
        })
        .collect();
    if out.starts_with(|ch: char| !unicode_ident::is_xid_start(ch)) {
        out.insert(0, '_');
    }
    let out = out.trim_end_matches('_').to_owned();
    let usable = !out.is_empty() && out != "_" && is_identifier(&out) && !is_keyword(&out);
    usable.then_some(out)
}

pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first == '_' || unicode_ident::is_xid_start(first) => {
            chars.all(unicode_ident::is_xid_continue)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_identifiers_and_raw_keywords() {
        assert_eq!(module_name("json").unwrap().to_rust(), "json");
        assert_eq!(module_name("r#type").unwrap().to_rust(), "r#type");
        assert_eq!(module_name("données").unwrap().ident, "données");
    }

    #[test]
    fn rejects_with_a_legal_alternative() {
        let cases = [
            ("type", "`type` is a keyword", Some("r#type` or `type_")),
            (
                "json-ld",
                "`json-ld` is not an identifier: `-` cannot appear in one",
                Some("json_ld"),
            ),
            ("2d", "`2d` is not a Rust identifier", Some("_2d")),
            ("self", "`self` is a path keyword", Some("self_")),
            (
                "r#crate",
                "`crate` cannot be a raw identifier",
                Some("crate_"),
            ),
            ("_", "`_` is not a name", None),
            ("", "an empty string is not an identifier", None),
        ];
        for (text, reason, suggestion) in cases {
            let error = module_name(text).unwrap_err();
            assert_eq!(error.reason, reason, "{text}");
            assert_eq!(error.suggestion.as_deref(), suggestion, "{text}");
        }
    }

    #[test]
    fn crate_names_turn_dashes_into_underscores() {
        assert_eq!(crate_name("acme-json").unwrap().to_rust(), "acme_json");
        assert_eq!(crate_name("async").unwrap().to_rust(), "r#async");
        assert!(crate_name("self").is_err());
    }
}
