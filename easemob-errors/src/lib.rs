//! The crate users depend on: a failed Easemob REST call as a typed, bilingual, actionable `ApiError`.
//! Depended on by applications, `easemob-errors-cli` and `easemob-errors-mock`.
//!
//! Typed, bilingual, actionable errors for the Easemob (环信) IM REST API.
//!
//! A failed REST call answers with an HTTP status and (usually) a JSON body such as
//! `{"error":"forbidden_op","error_description":"users [u1] are not members of this group!",…}`.
//! [`ApiError::from_response`] turns it into a value you can `match` on — one [`ErrorKind`]
//! variant per documented cause, with the values inside the description pulled out into
//! fields — together with the likely cause in Chinese and English, [`Retry`] advice and
//! whether operations should be alerted once the advised retries are spent.
//!
//! ```
//! use easemob_errors::{ApiError, ErrorKind, Retry};
//!
//! let err = ApiError::from_response(
//!     403,
//!     br#"{"error":"forbidden_op","error_description":"can not join this group, reason:user: bob already in group: 40659491815425\n"}"#,
//! );
//! match err.kind() {
//!     ErrorKind::UserAlreadyInGroup { username, group_id } => {
//!         assert_eq!((username.as_str(), group_id.as_str()), ("bob", "40659491815425"));
//!     }
//!     _ => unreachable!(),
//! }
//! assert_eq!(err.en(), "The user being added is already a member of the group.");
//! assert_eq!(err.zh(), "添加群成员时，该用户已经在群内。");
//! assert_eq!(err.retry(), Retry::Never);
//! ```
//!
//! Nothing is lost and nothing panics: an error the catalog does not know is
//! [`ErrorKind::Unknown`], keeps its status, `error` and `error_description` verbatim and is
//! explained by its HTTP status; a body that is HTML, empty or broken still gives an
//! [`ApiError`].
//!
//! ```
//! let err = easemob_errors::ApiError::from_response(502, b"<html>Bad Gateway</html>");
//! assert!(!err.is_known());
//! assert_eq!(err.retry(), easemob_errors::Retry::Transient);
//! assert!(err.should_alert());
//! assert_eq!(err.body_excerpt(), Some("<html>Bad Gateway</html>"));
//! ```
//!
//! # Causes by endpoint
//! Some answers mean different things on different endpoints. Give the request with
//! [`ApiError::with_request`] and [`ApiError::zh`]/[`ApiError::en`] give the cause for that
//! endpoint, [`ApiError::area`] its API area (`users`, `chatgroups`, `chatrooms`, …):
//!
//! ```
//! let body = br#"{"error":"forbidden_op","error_description":"users [u9] are not members of this group!"}"#;
//! let err = easemob_errors::ApiError::from_response(403, body)
//!     .with_request("POST", "/org/app/chatgroups/1/mute");
//! assert_eq!(err.area(), Some("chatgroups"));
//! assert_eq!(err.en(), "The users to mute are not members of the group.");
//! ```
//!
//! # Features
//! | feature | what it adds | dependencies |
//! |---|---|---|
//! | `serde` | `Serialize` for [`ApiError`], the same JSON shape as `explain --json` | none new |
//! | `http` | `ApiError::from_http_response` / `from_http_parts`, keeping `Retry-After` and the request id | `http`, `httpdate` |
//! | `reqwest` | [`reqwest::error_for_status`]: failed `reqwest::Response` → `ApiError` | `reqwest` (no TLS of its own), `http` |
//! | `catalog` | nothing any more: [`catalog`] is always there (kept so manifests naming it build) | none |
//!
//! Default features are empty.
//!
//! # Where the variants come from
//! [`ErrorKind`] is generated at build time from `build/catalog.rs`, the typed catalog that
//! `cargo xtask regen` writes from the YAML under `catalog/`; the `#[derive(Classify)]` on it
//! turns its `#[easemob(...)]` attributes into classification, explanations and `Display`. To
//! add an error, edit the YAML and run `cargo xtask regen` (see the README).
//!
//! # Your own enum
//! The derive works on an enum you write by hand, with the same attributes:
//!
//! ```
//! use easemob_errors::{ApiError, Classify};
//!
//! #[derive(Debug, Clone, PartialEq, Classify)]
//! enum GroupError {
//!     #[easemob(status = 403, error = "forbidden_op",
//!               description = "users [{users}] are not members of this group!",
//!               zh = "用户不在群内。", en = "The users are not in the group.")]
//!     NotMembers { users: String },
//!     #[easemob(unknown)]
//!     Other,
//! }
//!
//! let parts = easemob_errors::ResponseParts::new(403)
//!     .error("forbidden_op")
//!     .description("users [a,b] are not members of this group!");
//! let err = ApiError::<GroupError>::classify_parts(parts);
//! assert_eq!(err.kind(), &GroupError::NotMembers { users: "a,b".into() });
//! assert_eq!(err.id(), Some("not_members"));
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

extern crate self as easemob_errors;

mod api_error;
mod body;
pub mod catalog;
mod classify;
mod explanation;
mod fields;
#[cfg(feature = "http")]
mod http_response;
mod kind;
mod raw_text;
#[cfg(feature = "reqwest")]
#[path = "reqwest_response.rs"]
pub mod reqwest;
#[cfg(feature = "serde")]
mod serialize;

pub use api_error::ApiError;
pub use classify::Classify;
pub use easemob_errors_core::Retry;
pub use easemob_errors_core::matcher::{MatchedBy, ResponseParts};
pub use easemob_errors_core::scope::{Cause, Scope};
pub use easemob_errors_derive::Classify;
pub use explanation::Explanation;
pub use fields::Fields;
pub use kind::ErrorKind;

/// The HTTP statuses the status table explains one by one (others are explained by their
/// class, `4xx`/`5xx`, or as non-standard).
pub fn documented_statuses() -> &'static [u16] {
    kind::DOCUMENTED_STATUSES
}

/// What an HTTP status means on its own, from the catalog's status table.
///
/// ```
/// let e = easemob_errors::status_explanation(429);
/// assert_eq!(e.retry(), easemob_errors::Retry::Throttled);
/// ```
///
/// A `const fn`: the derive takes a hand-written variant's default advice from it.
pub const fn status_explanation(status: u16) -> &'static Explanation {
    kind::status_explanation(status)
}

/// Items the derive's generated code uses. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use easemob_errors_core::matcher::{Matcher, Rule};
    pub use std::sync::OnceLock;

    /// The values of a match as owned strings, the first `N` (empty, unallocated, past the
    /// match's own). The derived `classify_matched` takes them all at once, before choosing
    /// its variant: each variant's arm then only moves strings, instead of holding its own
    /// copy of the code that allocates them. Its arms stay small, and a call reaches one of
    /// them without first waiting for that arm's code to come from memory.
    pub fn values<const N: usize>(hit: &easemob_errors_core::matcher::Match<'_>) -> [String; N] {
        core::array::from_fn(|i| String::from(hit.capture(i)))
    }
}

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
