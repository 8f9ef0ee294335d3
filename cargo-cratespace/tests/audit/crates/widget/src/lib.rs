//! A voucher member that is a path dependency: no `.crate`, no checksum.
#![no_std]
