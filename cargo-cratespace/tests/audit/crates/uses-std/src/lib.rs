//! A member that needs std and does not say `#![no_std]`.

pub fn greeting() -> String {
    "hello".to_owned()
}
