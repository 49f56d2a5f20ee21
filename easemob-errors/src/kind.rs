//! The generated [`ErrorKind`] and the status table, made by `build.rs` from the catalog.
//!
//! The committed snapshot `tests/snapshots/generated__error_kind.snap` shows the generated
//! source; `cargo xtask regen` refreshes it.

#![allow(clippy::all)]

include!(concat!(env!("OUT_DIR"), "/error_kind.rs"));
