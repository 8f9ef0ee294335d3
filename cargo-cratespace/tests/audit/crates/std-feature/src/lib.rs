//! `no_std` unless its `std` feature is on.
#![cfg_attr(not(feature = "std"), no_std)]
