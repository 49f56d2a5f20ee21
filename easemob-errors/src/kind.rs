//! The generated [`ErrorKind`] and the status and area tables, written by `build.rs` from
//! `build/catalog.rs` (see `easemob-errors-codegen`; its snapshot test shows the generated
//! source for a small catalog).

#![allow(clippy::all)]

include!(concat!(env!("OUT_DIR"), "/error_kind.rs"));
