//! The catalog as typed data: every entry with its statuses, `error` strings, descriptions,
//! causes, advice, examples and evidence, the status table and the API areas.
//!
//! It is the same typed catalog the build script generates [`ErrorKind`](crate::ErrorKind)
//! from, so the two cannot disagree; [`ErrorKind::entry`](crate::ErrorKind::entry) goes from
//! a variant to its entry, [`entry`] from an id.
//!
//! ```
//! use easemob_errors::{ApiError, catalog};
//!
//! let entry = catalog::entry("token_expired").unwrap();
//! assert_eq!(entry.statuses, &[401]);
//! assert!(catalog::catalog().entries.len() > 200);
//!
//! let err = ApiError::from_response(401, br#"{"error":"unauthorized","error_description":"Unable to authenticate due to expired access token"}"#);
//! assert_eq!(err.kind().entry().map(|e| e.id), Some("token_expired"));
//! ```

pub use easemob_errors_core::catalog::{Area, Catalog, Entry, Evidence, StatusKey, StatusRow};

// Written by `cargo xtask regen`, byte for byte: not reformatted.
#[rustfmt::skip]
#[allow(dead_code)] // FINGERPRINT is for the build script
#[path = "../build/catalog.rs"]
mod data;

pub(crate) use data::CATALOG;

/// The whole catalog.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// The entry with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    crate::kind::entry_by_id(id)
}
