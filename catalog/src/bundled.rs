//! The catalog files shipped inside this crate.
//!
//! This crate's build script lists `status.yaml` and `errors/*.yaml` and embeds them with
//! `include_str!`, so `easemob-errors`' build script never reads a file outside its own
//! package, every crate can be published, and cargo rebuilds when a YAML file changes.

use crate::loader::Source;

include!(concat!(env!("OUT_DIR"), "/bundled_sources.rs"));

/// The directory the bundled files came from (this crate's manifest directory).
pub fn catalog_dir() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

/// The shipped catalog files, with their paths (under [`catalog_dir`]) for diagnostics.
pub fn bundled_sources() -> Vec<Source> {
    let dir = catalog_dir();
    let mut sources = vec![
        Source::statuses(format!("{dir}/status.yaml"), STATUS_YAML),
        Source::areas(format!("{dir}/areas.yaml"), AREAS_YAML),
    ];
    for (name, text) in ERROR_YAML {
        sources.push(Source::errors(format!("{dir}/errors/{name}"), *text));
    }
    sources
}
