//! What every stage shares, with no dependencies: templates, folding, the matcher, areas, advice, the typed catalog.
//! Depended on by `easemob-errors`, its derive, its build step (`easemob-errors-codegen`) and the maintainer tools.
//!
//! The core that `easemob-errors`, its derive and its maintainer tools share. It has no
//! dependencies, so it costs a user's build little, and each rule lives here once:
//!
//! - [`template`]: the description template language (`users [{users}] are not members…`);
//! - [`fold`]: how descriptions compare (whitespace, ASCII case, curly quotes, full-width
//!   punctuation and trailing `.`/`!`/`,` do not count);
//! - [`matcher`]: from a response's parts to the entry that explains it;
//! - [`request`] and [`scope`]: which API area a request is in, and which per-endpoint cause
//!   applies;
//! - [`Retry`]: the closed vocabulary of retry advice;
//! - [`grammar`]: the rules a catalog entry follows, and its defaults;
//! - [`catalog`]: the validated catalog as typed data (and, with the `literal` feature the
//!   maintainer tools use, `literal` writes it back as Rust).
//!
//! This is an implementation crate: use `easemob-errors`. Its API follows that crate's
//! version and may change with it.

#![deny(missing_docs)]

pub mod catalog;
pub mod fold;
mod folded;
pub mod grammar;
#[cfg(feature = "literal")]
pub mod literal;
pub mod matcher;
pub mod request;
mod retry;
pub mod scope;
mod search;
#[doc(hidden)]
pub mod swar;
pub mod template;

pub use retry::Retry;
