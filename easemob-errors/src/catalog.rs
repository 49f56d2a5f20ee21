//! The catalog as typed data (feature `catalog`): every entry with its statuses, `error`
//! strings, descriptions, causes and examples, the status table and the API areas, for tools
//! that show or search the catalog (the `easemob-errors` command line uses it).
//!
//! It is the same typed catalog the build script generates [`ErrorKind`](crate::ErrorKind)
//! from, so the two cannot disagree.
//!
//! ```
//! let entry = easemob_errors::catalog::entry("token_expired").unwrap();
//! assert_eq!(entry.statuses, &[401]);
//! assert!(easemob_errors::catalog::catalog().entries.len() > 200);
//! ```

pub use easemob_errors_core::spec::{Area, Catalog, Entry, StatusKey, StatusRow};

// Written by `cargo xtask regen`, byte for byte: not reformatted.
#[rustfmt::skip]
#[allow(dead_code)]
#[path = "../build/catalog.rs"]
mod data;

/// The whole catalog.
pub fn catalog() -> &'static Catalog {
    &data::CATALOG
}

/// The entry with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    data::CATALOG.entries.iter().find(|e| e.id == id)
}
