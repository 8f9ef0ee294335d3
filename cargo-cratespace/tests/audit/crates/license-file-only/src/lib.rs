//! A license text, and no SPDX expression.
#![no_std]
