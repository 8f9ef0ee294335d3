//! A member as the policy wants it.
#![no_std]
