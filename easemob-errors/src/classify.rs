//! The behaviour `#[derive(Classify)]` gives an enum of error causes.

use crate::{Cause, Explanation, Fields, MatchedBy, ResponseParts};

/// An enum of Easemob error causes: how a response is classified into one of its variants,
/// and what each variant means.
///
/// Implemented by `#[derive(Classify)]` from `#[easemob(...)]` attributes — for the generated
/// [`ErrorKind`](crate::ErrorKind) and for enums you write by hand (see the
/// [crate docs](crate#your-own-enum)). Implementing it by hand is possible but rarely useful.
pub trait Classify: Sized {
    /// Classifies a response from its parts, and says what the classification rested on.
    ///
    /// Never fails: what matches no variant is the `#[easemob(unknown)]` variant, with
    /// [`MatchedBy::Status`]. A numeric `error_code` a variant lists wins over everything
    /// else; the rest of the precedence, and when a description alone or another status
    /// still classifies, is documented in [`easemob_errors_core::matcher`].
    fn classify_matched(parts: ResponseParts<'_>) -> (Self, MatchedBy);

    /// [`Classify::classify_matched`] without the evidence.
    fn classify(parts: ResponseParts<'_>) -> Self {
        Self::classify_matched(parts).0
    }

    /// The catalog id of this cause (`users_not_group_members`); `None` for the unknown
    /// variant.
    fn id(&self) -> Option<&'static str>;

    /// The API area of this cause (`chatgroups`, `users`, `token`, `messages`, `app`,
    /// `request`: the catalog file it is in); `None` for the unknown variant and for variants
    /// that name none.
    fn area(&self) -> Option<&'static str>;

    /// The cause in Chinese and English, retry advice and alert flag; `None` for the unknown
    /// variant (whose explanation comes from the HTTP status).
    fn explanation(&self) -> Option<&'static Explanation>;

    /// The values taken from the description, as (placeholder name, value) pairs in template
    /// order.
    fn fields(&self) -> Fields<'_>;

    /// The description template of this cause (`users [{users}] are not members of this
    /// group!`); `None` for causes that accept any description and for the unknown variant.
    fn description_template(&self) -> Option<&'static str>;

    /// Causes that replace the general one on particular endpoints (`cause(...)` in the
    /// attribute); [`ApiError::with_request`](crate::ApiError::with_request) picks among them.
    fn causes(&self) -> &'static [Cause] {
        &[]
    }
}
