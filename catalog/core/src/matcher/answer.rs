//! What a classification hands back: the rule, what it rested on, and where its values are.
//!
//! Decides nothing: every stage builds its answer with these types.

use super::MAX_PLACEHOLDERS;

/// What a classification rested on, strongest first. Callers can weigh a match by it: a
/// match by description alone or across statuses is still unique in the catalog, but the
/// server did not say everything the catalog expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MatchedBy {
    /// The body's numeric `error_code`, which the entry lists.
    ErrorCode,
    /// The `error` string and the description. The status may be one the entry does not list
    /// (servers of different eras answer the same error with different statuses).
    ErrorAndDescription,
    /// The description alone, within the status: the `error` was absent, not known to the
    /// catalog, or the entry names none. Only exact descriptions and templates with enough
    /// literal text ([`MIN_LITERAL`](super::MIN_LITERAL)) match this way, and only when exactly one entry fits.
    Description,
    /// The `error` string alone: the entry accepts any description.
    Error,
    /// Nothing in the catalog: only the status explains the error.
    Status,
}

impl MatchedBy {
    /// The word used in `explain --json` and `Serialize`: `error_code`,
    /// `error_and_description`, `description`, `error` or `status`.
    pub const fn as_str(self) -> &'static str {
        match self {
            MatchedBy::ErrorCode => "error_code",
            MatchedBy::ErrorAndDescription => "error_and_description",
            MatchedBy::Description => "description",
            MatchedBy::Error => "error",
            MatchedBy::Status => "status",
        }
    }
}

/// A successful classification: which rule, how it was found, and where its placeholder
/// values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    pub(super) rule: u32,
    pub(super) len: u32,
    how: MatchedBy,
    /// Byte ranges of the values in `text` (32 bits keep the match small to move around; a
    /// template never matches a description longer than 4 GiB).
    spans: [(u32, u32); MAX_PLACEHOLDERS],
}

impl<'t> Match<'t> {
    /// A match without placeholder values.
    pub(super) fn bare(rule: usize, text: &'t str) -> Match<'t> {
        Match {
            text,
            rule: rule as u32,
            len: 0,
            how: MatchedBy::ErrorAndDescription,
            spans: [(0, 0); MAX_PLACEHOLDERS],
        }
    }

    /// The same match, found as `how` says.
    pub(super) fn by(mut self, how: MatchedBy) -> Match<'t> {
        self.how = how;
        self
    }

    /// What the classification rested on.
    pub fn matched_by(&self) -> MatchedBy {
        self.how
    }

    /// A match with the values at `spans[..len]`.
    pub(super) fn with_values(
        rule: usize,
        text: &'t str,
        spans: [(u32, u32); MAX_PLACEHOLDERS],
        len: usize,
    ) -> Match<'t> {
        Match {
            text,
            rule: rule as u32,
            len: len as u32,
            how: MatchedBy::ErrorAndDescription,
            spans,
        }
    }

    /// The index of the matching rule in the table given to [`Matcher::new`](super::Matcher::new).
    pub fn rule(&self) -> usize {
        self.rule as usize
    }

    /// The value of the `i`-th placeholder (in template order), a slice of the description;
    /// `""` if there is no such placeholder.
    pub fn capture(&self, i: usize) -> &'t str {
        match self.spans.get(..self.len as usize).and_then(|s| s.get(i)) {
            Some(&(a, b)) => self.text.get(a as usize..b as usize).unwrap_or(""),
            None => "",
        }
    }

    /// All placeholder values, in template order.
    pub fn captures(&self) -> impl Iterator<Item = &'t str> + '_ {
        (0..self.len as usize).map(|i| self.capture(i))
    }
}
