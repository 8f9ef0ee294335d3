//! Its license is the workspace's, Apache-2.0.
#![no_std]
