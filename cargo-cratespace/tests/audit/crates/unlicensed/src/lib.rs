//! No license at all.
#![no_std]
