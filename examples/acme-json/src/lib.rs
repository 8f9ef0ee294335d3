//! JSON values for the acme family: the [`Value`] type, the [`ToJson`]
//! trait and the [`json!`] macro.
//!
//! This crate is a member of the `acme` family and is reached as
//! `acme::formats::json` when `acme`'s `json` feature is on (it is by
//! default). The macro works under that path too:
//! `acme::formats::json::json!`.
//!
//! ```
//! use acme_json::{ToJson, Value, json};
//!
//! let tags = vec!["new", "sale"];
//! let order = json!({
//!     "id": 7,
//!     "paid": true,
//!     "tags": tags,
//!     "note": null,
//! });
//! assert_eq!(
//!     order.to_string(),
//!     r#"{"id":7,"paid":true,"tags":["new","sale"],"note":null}"#,
//! );
//! assert_eq!(order.get("id"), Some(&Value::Number(7.0)));
//! assert_eq!(Some(2.5).to_json(), Value::Number(2.5));
//! ```

#![deny(missing_docs)]

use std::fmt::{self, Write as _};

/// A JSON value.
///
/// Objects keep their members in insertion order. [`Display`](fmt::Display)
/// writes compact JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number. Non-finite numbers are written as `null`.
    Number(f64),
    /// A string.
    String(String),
    /// An array of values.
    Array(Vec<Value>),
    /// An object, as its `(key, value)` members in order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value of the first member named `key`, if `self` is an object
    /// that has one.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether `self` is [`Value::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The string, if `self` is a [`Value::String`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if `self` is a [`Value::Number`].
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            // `f64`'s `Display` never uses exponents and drops a zero
            // fraction (`7`, not `7.0`), which is valid JSON as it is.
            Value::Number(n) if n.is_finite() => write!(f, "{n}"),
            Value::Number(_) => f.write_str("null"),
            Value::String(s) => write_string(f, s),
            Value::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Value::Object(members) => {
                f.write_char('{')?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write_string(f, key)?;
                    write!(f, ":{value}")?;
                }
                f.write_char('}')
            }
        }
    }
}

/// Writes `s` as a quoted JSON string.
fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if c < ' ' => write!(f, "\\u{:04x}", u32::from(c))?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

/// Conversion into a JSON [`Value`].
///
/// [`json!`] converts every value that is not JSON syntax (`null`, `[…]`,
/// `{…}`) with this trait.
pub trait ToJson {
    /// Returns `self` as a JSON value.
    fn to_json(&self) -> Value;
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

macro_rules! numbers_to_json {
    ($($number:ty),*) => {$(
        /// Converted to `f64`, so integers beyond 2<sup>53</sup> may be rounded.
        impl ToJson for $number {
            fn to_json(&self) -> Value {
                Value::Number(*self as f64)
            }
        }
    )*};
}

numbers_to_json!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_owned())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

/// `None` becomes `null`.
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

/// Builds a [`Value`] from JSON-like syntax.
///
/// - `json!(null)` is [`Value::Null`];
/// - `json!([a, b, …])` is an array whose elements are themselves `json!`
///   inputs;
/// - `json!({ "key": value, … })` is an object; keys are string literals
///   and values are `json!` inputs;
/// - anything else is a Rust expression, converted with [`ToJson`]
///   (`json!(true)`, `json!(3.5)`, `json!(order.id)`, `json!(tags)`).
///
/// Trailing commas are allowed.
///
/// ```
/// use acme_json::{Value, json};
///
/// let discount = 0.15;
/// let value = json!({ "items": [1, "two", [null]], "discount": discount * 100.0 });
/// assert_eq!(value.to_string(), r#"{"items":[1,"two",[null]],"discount":15}"#);
/// assert_eq!(json!([]), Value::Array(vec![]));
/// ```
#[macro_export]
macro_rules! json {
    (null) => {
        $crate::Value::Null
    };
    ([ $($elements:tt)* ]) => {
        $crate::Value::Array($crate::__json_internal!(@array [] [] $($elements)*))
    };
    ({ $($members:tt)* }) => {
        $crate::Value::Object($crate::__json_internal!(@object [] $($members)*))
    };
    ($other:expr) => {
        $crate::ToJson::to_json(&$other)
    };
}

/// The munchers behind [`json!`]: they split a comma-separated list of
/// token trees into `json!` inputs. Not public API.
///
/// - `@array [done elements] [tokens of the current element] rest…`
/// - `@object [done members] rest…`
/// - `@member [done members] (key) [tokens of the current value] rest…`
#[doc(hidden)]
#[macro_export]
macro_rules! __json_internal {
    // Arrays.
    (@array [$($done:expr,)*] []) => {
        $crate::__private::vec![$($done),*]
    };
    (@array [$($done:expr,)*] [$($current:tt)+]) => {
        $crate::__private::vec![$($done,)* $crate::json!($($current)+)]
    };
    (@array [$($done:expr,)*] [$($current:tt)+] , $($rest:tt)*) => {
        $crate::__json_internal!(@array [$($done,)* $crate::json!($($current)+),] [] $($rest)*)
    };
    (@array [$($done:expr,)*] [$($current:tt)*] $next:tt $($rest:tt)*) => {
        $crate::__json_internal!(@array [$($done,)*] [$($current)* $next] $($rest)*)
    };

    // Objects.
    (@object [$($done:expr,)*]) => {
        $crate::__private::vec![$($done),*]
    };
    (@object [$($done:expr,)*] $key:literal : $($rest:tt)*) => {
        $crate::__json_internal!(@member [$($done,)*] ($crate::__private::key($key)) [] $($rest)*)
    };
    (@member [$($done:expr,)*] ($key:expr) [$($current:tt)+]) => {
        $crate::__private::vec![$($done,)* ($key, $crate::json!($($current)+))]
    };
    (@member [$($done:expr,)*] ($key:expr) [$($current:tt)+] , $($rest:tt)*) => {
        $crate::__json_internal!(@object [$($done,)* ($key, $crate::json!($($current)+)),] $($rest)*)
    };
    (@member [$($done:expr,)*] ($key:expr) [$($current:tt)*] $next:tt $($rest:tt)*) => {
        $crate::__json_internal!(@member [$($done,)*] ($key) [$($current)* $next] $($rest)*)
    };
}

/// Items the exported macros use through `$crate`. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use std::vec;

    /// An object key from the string literal written in `json!`.
    pub fn key(key: &str) -> String {
        key.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_display_as_json() {
        assert_eq!(Value::Null.to_string(), "null");
        assert_eq!(Value::Bool(false).to_string(), "false");
        assert_eq!(Value::Number(7.0).to_string(), "7");
        assert_eq!(Value::Number(-0.25).to_string(), "-0.25");
        assert_eq!(Value::Number(f64::NAN).to_string(), "null");
        assert_eq!(Value::Number(1e21).to_string(), "1000000000000000000000");
    }

    #[test]
    fn strings_are_escaped() {
        let value = Value::String("say \"hi\"\\\n\t\u{1}é".to_owned());
        assert_eq!(value.to_string(), r#""say \"hi\"\\\n\t\u0001é""#);
    }

    #[test]
    fn containers_display_compactly() {
        let value = Value::Object(vec![
            (
                "a".to_owned(),
                Value::Array(vec![Value::Number(1.0), Value::Null]),
            ),
            ("b\"".to_owned(), Value::Object(vec![])),
        ]);
        assert_eq!(value.to_string(), r#"{"a":[1,null],"b\"":{}}"#);
        assert_eq!(Value::Array(vec![]).to_string(), "[]");
    }

    #[test]
    fn std_types_convert() {
        assert_eq!(3u8.to_json(), Value::Number(3.0));
        assert_eq!("x".to_json(), Value::String("x".to_owned()));
        assert_eq!(None::<i32>.to_json(), Value::Null);
        assert_eq!(vec![Some(true), None].to_json().to_string(), "[true,null]");
        assert_eq!([1.5f32; 2].to_json().to_string(), "[1.5,1.5]");
    }

    #[test]
    fn macro_builds_values() {
        assert_eq!(json!(null), Value::Null);
        assert_eq!(json!([1, 2]).to_string(), "[1,2]");
        assert_eq!(
            json!({ "a": 1, "b": [true] }).to_string(),
            r#"{"a":1,"b":[true]}"#
        );
        assert_eq!(json!([]).to_string(), "[]");
        assert_eq!(json!({}).to_string(), "{}");
        assert_eq!(json!([1, 2,]).to_string(), "[1,2]");
        assert_eq!(json!({ "a": null, }).to_string(), r#"{"a":null}"#);
    }

    #[test]
    fn macro_takes_expressions() {
        let name = String::from("widget");
        let prices = [2, 3];
        let value = json!({
            "name": name,
            "total": prices.iter().sum::<i32>() * 2,
            "first": prices[0],
            "negative": -1,
            "nested": { "list": [name.len(), { "deep": [] }] },
            "sum": (1 + 2),
        });
        assert_eq!(
            value.to_string(),
            r#"{"name":"widget","total":10,"first":2,"negative":-1,"nested":{"list":[6,{"deep":[]}]},"sum":3}"#
        );
        assert_eq!(value.get("name").and_then(Value::as_str), Some("widget"));
        assert!(value.get("missing").is_none());
        assert!(json!(null).is_null());
    }
}
