//! Rust identifiers: module names, path segments and extern crate names,
//! as rustc reads them.

use crate::model::Name;

/// Strict and reserved keywords of editions 2018 to 2024: a bare identifier
/// cannot be one of them. [`is_keyword`] matches the same words.
#[cfg(test)]
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
    /// Why that is a problem, when it is not plain.
    pub why: Option<String>,
    /// A legal name close to the one written.
    pub suggestion: Option<String>,
}

/// Whether `word` is a keyword of editions 2018 to 2024, strict or reserved.
///
/// ```
/// use cratespace_manifest::name::is_keyword;
///
/// assert!(is_keyword("type") && is_keyword("gen"));
/// assert!(!is_keyword("types"));
/// ```
pub fn is_keyword(word: &str) -> bool {
    // A `match` compiles to a switch on the length, then a few compares.
    matches!(
        word,
        "Self"
            | "abstract"
            | "as"
            | "async"
            | "await"
            | "become"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}

/// A module name or path segment: an identifier that is not a keyword (but
/// may be a raw `r#keyword`), not `_`.
///
/// ```
/// use cratespace_manifest::name::module_name;
///
/// assert_eq!(module_name("r#type").unwrap().to_rust(), "r#type");
/// assert_eq!(module_name("type").unwrap_err().reason, "`type` is a keyword");
/// ```
pub fn module_name(text: &str) -> Result<Name, NameError> {
    if let Some(ident) = text.strip_prefix("r#") {
        if NOT_RAW.contains(&ident) {
            return Err(NameError {
                why: None,
                reason: format!("`{ident}` cannot be a raw identifier"),
                suggestion: Some(format!("{}_", ident.to_lowercase())),
            });
        }
        if !is_identifier(ident) || ident == "_" {
            return Err(not_identifier(text));
        }
        composed(text)?;
        return Ok(Name {
            ident: ident.to_owned(),
            raw: true,
        });
    }
    if text == "_" {
        return Err(NameError {
            why: None,
            reason: "`_` is not a name".to_owned(),
            suggestion: None,
        });
    }
    if NOT_RAW.contains(&text) {
        return Err(NameError {
            why: None,
            reason: format!("`{text}` is a path keyword"),
            suggestion: Some(format!("{}_", text.to_lowercase())),
        });
    }
    if is_keyword(text) {
        return Err(NameError {
            why: None,
            reason: format!("`{text}` is a keyword"),
            suggestion: Some(format!("r#{text}` or `{text}_")),
        });
    }
    if !is_identifier(text) {
        return Err(not_identifier(text));
    }
    composed(text)?;
    Ok(Name {
        ident: text.to_owned(),
        raw: false,
    })
}

/// The extern crate name of a dependency key: `-` becomes `_`, and a
/// keyword is written raw.
///
/// ```
/// use cratespace_manifest::name::crate_name;
///
/// assert_eq!(crate_name("acme-core").unwrap().to_rust(), "acme_core");
/// assert!(crate_name("self").is_err());
/// ```
pub fn crate_name(key: &str) -> Result<Name, NameError> {
    let ident = key.replace('-', "_");
    if ident == "_" || NOT_RAW.contains(&ident.as_str()) || !is_identifier(&ident) {
        return Err(not_identifier(key));
    }
    composed(key)?;
    Ok(Name {
        raw: is_keyword(&ident),
        ident,
    })
}

/// Refuses a name that rustc would read as another one.
///
/// rustc normalises every identifier to Unicode NFC, so `Cafe\u{301}` (an
/// `e` and a combining acute accent) is `Café` (one `é`) to the compiler:
/// two such members would collide in the output, and the metadata would
/// give a path that differs from the one code writes. Deciding NFC exactly
/// takes the Unicode composition tables (the `unicode-normalization` crate),
/// too large a dependency for a proc macro, so names are held to a simpler
/// rule that is stricter in one way and looser in another:
///
/// - refused: the combining marks that NFC merges into the letter before
///   them (the combining diacritical mark blocks, the kana voicing marks),
///   Hangul conjoining vowels and final consonants, and the characters NFC
///   always replaces that are common in names (the Ohm, Kelvin and Ångström
///   signs, CJK compatibility ideographs). A name in NFC that still needs
///   such a mark, like `q` with a combining dot, is refused too; it has a
///   spelling without one.
/// - let through: the rarer characters NFC changes, such as Greek letters
///   with oxia and the Indic letters with nukta that Unicode excludes from
///   composition. rustc normalises them and reports any collision itself.
///
/// The suggestion composes the Latin-1 letters (`é`, `ñ`, `ü`, …), the
/// usual result of a name saved decomposed.
fn composed(text: &str) -> Result<(), NameError> {
    if text.is_ascii() {
        // Nothing ASCII changes under NFC.
        return Ok(());
    }
    let mut previous = None;
    for ch in text.chars() {
        if changes_under_nfc(ch) {
            let what = match previous {
                Some(base) if is_combining(ch) => format!(
                    "U+{:04X} is a combining mark after `{base}`, and the compiler\nreads the two as one character",
                    u32::from(ch)
                ),
                _ => format!(
                    "U+{:04X} is a character the compiler replaces with its\ncanonical equivalent",
                    u32::from(ch)
                ),
            };
            return Err(NameError {
                why: Some(what),
                reason: "not in Unicode normal form C (NFC)".to_owned(),
                suggestion: compose_latin1(text),
            });
        }
        previous = Some(ch);
    }
    Ok(())
}

fn is_combining(ch: char) -> bool {
    matches!(ch,
        '\u{300}'..='\u{36F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{3099}'
        | '\u{309A}'
        | '\u{1161}'..='\u{1175}'
        | '\u{11A8}'..='\u{11C2}')
}

fn changes_under_nfc(ch: char) -> bool {
    // The CJK compatibility ideographs of U+FA0E..U+FA29 that are unified
    // ideographs, and so stay as they are.
    let unified = matches!(
        ch,
        '\u{FA0E}'
            | '\u{FA0F}'
            | '\u{FA11}'
            | '\u{FA13}'
            | '\u{FA14}'
            | '\u{FA1F}'
            | '\u{FA21}'
            | '\u{FA23}'
            | '\u{FA24}'
            | '\u{FA27}'
            | '\u{FA28}'
            | '\u{FA29}'
    );
    is_combining(ch)
        || matches!(ch, '\u{2126}' | '\u{212A}' | '\u{212B}')
        || matches!(ch, '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}') && !unified
}

/// `text` with each Latin letter and combining grave, acute, circumflex,
/// tilde, diaeresis, ring or cedilla written as one Latin-1 letter; `None`
/// when something else is left that NFC would change.
fn compose_latin1(text: &str) -> Option<String> {
    const MARKS: [char; 7] = [
        '\u{300}', '\u{301}', '\u{302}', '\u{303}', '\u{308}', '\u{30A}', '\u{327}',
    ];
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let mut composed = None;
        for (index, &mark) in MARKS.iter().enumerate() {
            if mark == ch {
                composed = compose(out.chars().next_back(), index);
                break;
            }
        }
        match composed {
            Some(letter) => {
                out.pop();
                out.push(letter);
            }
            None if changes_under_nfc(ch) => return None,
            None => out.push(ch),
        }
    }
    Some(out)
}

/// For each base letter, its composition with each of the marks of
/// [`compose_latin1`]; `-` for none.
const LETTERS: &[(char, &str)] = &[
    ('A', "ÀÁÂÃÄÅ-"),
    ('C', "------Ç"),
    ('E', "ÈÉÊ-Ë--"),
    ('I', "ÌÍÎ-Ï--"),
    ('N', "---Ñ---"),
    ('O', "ÒÓÔÕÖ--"),
    ('U', "ÙÚÛ-Ü--"),
    ('Y', "-Ý-----"),
    ('a', "àáâãäå-"),
    ('c', "------ç"),
    ('e', "èéê-ë--"),
    ('i', "ìíî-ï--"),
    ('n', "---ñ---"),
    ('o', "òóôõö--"),
    ('u', "ùúû-ü--"),
    ('y', "-ý--ÿ--"),
];

/// `base` with the `mark`th of the marks of [`compose_latin1`], as one letter.
fn compose(base: Option<char>, mark: usize) -> Option<char> {
    let base = base?;
    for &(letter, row) in LETTERS {
        if letter == base {
            return match row.chars().nth(mark) {
                Some('-') | None => None,
                composed => composed,
            };
        }
    }
    None
}

fn not_identifier(text: &str) -> NameError {
    let reason = if text.is_empty() {
        "an empty string is not an identifier".to_owned()
    } else if text.contains('-') {
        "`-` cannot appear in an identifier".to_owned()
    } else {
        "not a Rust identifier".to_owned()
    };
    NameError {
        reason,
        why: None,
        suggestion: legal_alternative(text),
    }
}

fn legal_alternative(text: &str) -> Option<String> {
    let text = text.trim_start_matches("r#");
    let mut out = String::with_capacity(text.len() + 1);
    if let Some(first) = text.chars().next() {
        if !unicode_ident::is_xid_start(first) {
            out.push('_');
        }
    }
    for ch in text.chars() {
        out.push(if unicode_ident::is_xid_continue(ch) {
            ch
        } else {
            '_'
        });
    }
    let out = out.trim_end_matches('_').to_owned();
    let usable = !out.is_empty() && out != "_" && is_identifier(&out) && !is_keyword(&out);
    if usable { Some(out) } else { None }
}

/// Whether `text` is an identifier by the XID rules rustc applies
/// (keywords included).
///
/// ```
/// use cratespace_manifest::name::is_identifier;
///
/// assert!(is_identifier("café") && is_identifier("_x"));
/// assert!(!is_identifier("1x") && !is_identifier("a-b"));
/// ```
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
    fn is_keyword_matches_the_keyword_list() {
        for keyword in KEYWORDS {
            assert!(is_keyword(keyword), "{keyword}");
            assert!(!is_keyword(&keyword.to_uppercase()), "{keyword}");
            assert!(!is_keyword(&format!("{keyword}_")), "{keyword}");
        }
        // Words that are not keywords of editions 2018 to 2024: weak and
        // reserved-elsewhere words, and names that keywords start or end.
        for word in [
            "union",
            "raw",
            "safe",
            "auto",
            "default",
            "macro_rules",
            "static_",
            "types",
            "yields",
            "r#type",
            "Type",
            "SELF",
            "selfish",
            "as_",
            "_",
            "",
            "asy",
            "dy",
        ] {
            assert!(!is_keyword(word), "{word}");
        }
    }

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
                "`-` cannot appear in an identifier",
                Some("json_ld"),
            ),
            ("2d", "not a Rust identifier", Some("_2d")),
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
    fn rejects_names_the_compiler_would_normalise() {
        let error = module_name("Cafe\u{301}").unwrap_err();
        assert_eq!(error.reason, "not in Unicode normal form C (NFC)");
        assert_eq!(
            error.why.as_deref(),
            Some(
                "U+0301 is a combining mark after `e`, and the compiler\nreads the two as one character"
            )
        );
        assert_eq!(error.suggestion.as_deref(), Some("Caf\u{e9}"));
        assert_eq!(module_name("Caf\u{e9}").unwrap().ident, "Caf\u{e9}");
        assert!(module_name("r#Cafe\u{301}").is_err());
        assert!(crate_name("cafe\u{301}-json").is_err());
        let kelvin = module_name("\u{212A}elvin").unwrap_err();
        assert!(
            kelvin
                .why
                .unwrap()
                .contains("U+212A is a character the compiler replaces")
        );
        assert_eq!(kelvin.suggestion, None);
        assert_eq!(
            module_name("Nin\u{303}o\u{308}")
                .unwrap_err()
                .suggestion
                .as_deref(),
            Some("Ni\u{f1}\u{f6}")
        );
        for composed in ["नमस्ते", "データ", "한국어", "\u{FA0E}"] {
            assert!(module_name(composed).is_ok(), "{composed}");
        }
    }

    #[test]
    fn crate_names_turn_dashes_into_underscores() {
        assert_eq!(crate_name("acme-json").unwrap().to_rust(), "acme_json");
        assert_eq!(crate_name("async").unwrap().to_rust(), "r#async");
        assert!(crate_name("self").is_err());
    }
}
