//! The proc-macro `#[derive(Classify)]`, for the generated `ErrorKind` and enums users write by hand.
//! Depended on by `easemob-errors`, which re-exports it; users reach it through that crate.
//!
//! `#[derive(Classify)]`: turns `#[easemob(...)]` attributes on an enum into the behaviour of
//! `easemob_errors::Classify` — matching, explanations, retry advice, fields — and `Display`.
//!
//! Use it through the `easemob-errors` crate, which re-exports it. The attribute grammar is
//! the contract between the catalog's code generator and this derive, and can be written by
//! hand:
//!
//! ```ignore
//! #[derive(Debug, easemob_errors::Classify)]
//! enum MyError {
//!     /// The users are not in the group.
//!     #[easemob(
//!         id = "users_not_group_members",
//!         area = "chatgroups",          // optional: the API area
//!         status = 403,                 // or status(400, 403)
//!         error = "forbidden_op",       // or error("a", "b"); leave out to match any code
//!         // with several of each, when not each status comes with each `error`:
//!         // pair(400, "a"), pair(403, "b"),
//!         description = "users [{users}] are not members of this group!", // leave out: any
//!         zh = "被移除的用户不在群内。",
//!         en = "The users are not members of the group.",
//!         retry = "never",              // never | transient | throttled | refresh_token | split_request
//!         alert = false,
//!     )]
//!     NotMembers { users: String },
//!     #[easemob(unknown)]
//!     Unknown,
//! }
//! ```
//!
//! Layout (after thiserror's): `ast` is a typed view of the input, `attr` parses the
//! attributes, `valid` holds the semantic rules, `expand` writes the code and
//! `fallback` writes stub impls when the input has errors, so the user sees only the real
//! error.

mod ast;
mod attr;
mod expand;
mod fallback;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `easemob_errors::Classify` and `Display` for an enum of Easemob error causes.
///
/// See the crate documentation for the `#[easemob(...)]` grammar.
#[proc_macro_derive(Classify, attributes(easemob))]
pub fn derive_classify(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
