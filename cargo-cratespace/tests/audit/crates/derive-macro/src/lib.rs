//! A proc-macro member: it runs in the compiler, and may use std.
