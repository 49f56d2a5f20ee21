//! Stage 6 of the precedence: an `error` the catalog knows, under a status none of its
//! entries lists (servers of different eras answer the same error with different statuses).
//!
//! Decides the one entry, among all that list the `error` under any status, whose description
//! fits; hands on nothing (the status table) when none or several do. Runs only when the
//! strict stages found nothing.

use super::group::CodeKey;
use super::{Match, Matcher};
use crate::folded;

impl Matcher<'_> {
    /// Whether any entry lists `code`, under any status.
    pub(super) fn knows_code(&self, code: &str) -> bool {
        self.groups.get(0, CodeKey::AnyStatus(code)).is_some()
    }

    /// A known `error` whose entries do not list this status: the one entry, among all that
    /// list the `error`, whose description fits; `None` when none or several do.
    pub(super) fn by_code_any_status<'t>(&self, code: &str, text: &'t str) -> Option<Match<'t>> {
        super::tolerant_stage_starts();
        let g = self.groups.get(0, CodeKey::AnyStatus(code))?;
        folded::with_folded(text, |v| self.unique(g, &v, 0))
    }
}
