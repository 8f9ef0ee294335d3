//! The answer: a path to a member crate, and the grammar of the paths a
//! user may give in `crate = "…"` or the environment.

use cratespace_manifest::name::module_name;
use std::fmt;

/// A path to a member crate, as the crate being compiled can write it:
/// `::acme_core`, `::a::__cratespace::acme_core`. Generated code appends
/// the item: `::acme_core::Describe`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CratePath {
    text: String,
    route: Route,
}

/// How the crate being compiled reaches the member, in the order
/// [`locate`](crate::locate) tries the ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The derive's own `crate = "…"`.
    Explicit,
    /// The crate is the member itself (`extern crate self as …;`).
    Itself,
    /// A dependency on the member, by its key (or its library's name).
    Dependency,
    /// A dependency on the facade, through its reserved module.
    Facade,
    /// No `Cargo.toml`: the member's environment variable.
    Variable,
    /// No `Cargo.toml` and no variable: the facade, by its crate name.
    FacadeByName,
}

impl CratePath {
    pub(crate) fn new(text: String, route: Route) -> Self {
        CratePath { text, route }
    }

    /// The path as Rust source writes it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// How it was found.
    pub fn route(&self) -> Route {
        self.route
    }
}

impl fmt::Display for CratePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// `text` as a module path, normalised (`:: a :: b` is `::a::b`): an
/// optional leading `::`, then identifiers (raw ones too); `crate`, `self`
/// or `super` may lead a relative path, `super` may follow `self` and
/// `super`. Generic arguments and `$crate` have no place in it. The error
/// says why not.
pub(crate) fn parse(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    let (rooted, rest) = match trimmed.strip_prefix("::") {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if rest.trim().is_empty() {
        return Err("it is empty".to_owned());
    }
    let mut out = String::with_capacity(trimmed.len() + 2);
    let mut previous: Option<&str> = None;
    for segment in rest.split("::").map(str::trim) {
        let keyword_allowed = match (segment, previous) {
            ("crate" | "self", None) => !rooted,
            ("super", None) => !rooted,
            ("super", Some("self" | "super")) => true,
            _ => false,
        };
        if rooted || previous.is_some() {
            out.push_str("::");
        }
        if keyword_allowed {
            out.push_str(segment);
        } else if segment.is_empty() {
            return Err("a segment between `::` is empty".to_owned());
        } else {
            let name = module_name(segment)
                .map_err(|error| format!("`{segment}` is no path segment: {}", error.reason))?;
            name.write_to(&mut out);
        }
        previous = Some(segment);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn paths_are_normalised() {
        assert_eq!(parse("::acme_core").unwrap(), "::acme_core");
        assert_eq!(
            parse(" :: a :: __cratespace ::acme_core ").unwrap(),
            "::a::__cratespace::acme_core"
        );
        assert_eq!(parse("kit::acme").unwrap(), "kit::acme");
        assert_eq!(parse("crate::reexports").unwrap(), "crate::reexports");
        assert_eq!(
            parse("self::super::super::x").unwrap(),
            "self::super::super::x"
        );
        assert_eq!(parse("r#type::x").unwrap(), "r#type::x");
    }

    #[test]
    fn what_is_no_path_says_why() {
        assert_eq!(parse("").unwrap_err(), "it is empty");
        assert_eq!(parse("::").unwrap_err(), "it is empty");
        assert_eq!(
            parse("a::::b").unwrap_err(),
            "a segment between `::` is empty"
        );
        assert_eq!(parse("a::").unwrap_err(), "a segment between `::` is empty");
        assert!(parse("::crate").unwrap_err().contains("`crate`"));
        assert!(parse("a::self").unwrap_err().contains("`self`"));
        assert!(parse("acme-core").unwrap_err().contains("`acme-core`"));
        assert!(parse("type").unwrap_err().contains("keyword"));
        assert!(parse("a<T>").is_err());
        assert!(parse("$crate").is_err());
    }
}
