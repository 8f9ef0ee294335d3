//! A license the fixtures' policy does not allow.
#![no_std]
