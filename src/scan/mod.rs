//! Paths -> bytes: reading header bytes from files.

pub mod read;
