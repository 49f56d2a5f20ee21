//! Stage 7 of the precedence: no `error`, an empty one, or one the catalog does not know.
//!
//! Decides the one entry of the status whose exact description, or template with at least
//! [`MIN_LITERAL`] bytes of literal text, fits the description; hands on nothing (the status
//! table) when none or several do. Runs only when the strict stages found nothing (or had
//! nothing to look at).
//!
//! A description exactly as an entry writes it is answered from a table of records like the
//! verbatim one (see [`super::strict`]), built with this very search when the matcher is
//! built, so the lookup changes no answer.

use super::group::{CodeKey, group_number};
use super::{Match, MatchedBy, Matcher};
use crate::folded;

/// The least literal text (folded bytes: whitespace dropped, case folded) a template needs to
/// match a description without the `error` string: a template made mostly of placeholders
/// (`{a}: {b}`) would match text that has nothing to do with it.
pub const MIN_LITERAL: usize = 10;

impl Matcher<'_> {
    /// Every exact description, under each status of its rule, whose description-alone
    /// answer is that rule without values: (status, pattern), for the verbatim table.
    pub(super) fn alone_answers(&self) -> Vec<(u16, usize)> {
        let mut answers = Vec::new();
        for (p, pattern) in self.patterns.iter().enumerate() {
            let Some(raw) = pattern.raw.as_deref() else {
                continue;
            };
            for &status in self.rules[pattern.rule].statuses {
                let Some(g) = self.groups.get(status, CodeKey::AllRules) else {
                    continue;
                };
                let answer = folded::with_folded(raw, |v| self.unique(g, &v, MIN_LITERAL));
                if answer.is_some_and(|m| m.rule as usize == pattern.rule && m.len == 0) {
                    answers.push((status, p));
                }
            }
        }
        answers
    }

    /// No `error`, or one the catalog does not know: the one entry of this status whose
    /// description fits (templates need [`MIN_LITERAL`] bytes of literal text); `None` when
    /// none or several do.
    pub(super) fn by_description_alone<'t>(&self, status: u16, text: &'t str) -> Option<Match<'t>> {
        super::tolerant_stage_starts();
        // Fast path: a description exactly as an entry writes it, answered when built.
        let number = group_number(status, CodeKey::AllRules);
        if let Some(rule) = self.alone.find(number, status, "", text) {
            return Some(Match::bare(rule, text).by(MatchedBy::Description));
        }
        let g = self.groups.get(status, CodeKey::AllRules)?;
        let m = folded::with_folded(text, |v| self.unique(g, &v, MIN_LITERAL))?;
        Some(m.by(MatchedBy::Description))
    }
}
