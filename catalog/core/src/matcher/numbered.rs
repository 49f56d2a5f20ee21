//! Stage 0 of the precedence: the body's numeric `error_code` (newer services, e.g. streaming
//! messages, document their errors only by number).
//!
//! Decides the first rule listing the number, whatever the status, `error` and description;
//! hands on the values of the first of its templates the description fits (none otherwise).
//! A number no rule lists hands the response on to the other stages.

use super::{MAX_PLACEHOLDERS, Match, Matcher, Rule};
use crate::folded;

/// (numeric `error_code`, rule), sorted; the first rule listing a number keeps it.
pub(super) fn error_code_index(rules: &[Rule<'_>]) -> Vec<(i64, usize)> {
    let mut index: Vec<(i64, usize)> = rules
        .iter()
        .enumerate()
        .flat_map(|(idx, r)| r.error_codes.iter().map(move |&n| (n, idx)))
        .collect();
    index.sort();
    index.dedup_by_key(|&mut (n, _)| n);
    index
}

impl Matcher<'_> {
    /// The rule listing the number `n`.
    #[inline]
    pub(super) fn rule_numbered(&self, n: i64) -> Option<usize> {
        let i = self
            .by_error_code
            .binary_search_by_key(&n, |&(k, _)| k)
            .ok()?;
        Some(self.by_error_code[i].1)
    }

    /// The match for a rule chosen by its numeric code: with the values of the first of its
    /// templates the description fits, else without values.
    pub(super) fn numbered<'t>(&self, rule: usize, text: &'t str) -> Match<'t> {
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        let hit = folded::with_folded(text, |v| {
            self.patterns
                .iter()
                .filter(|p| p.rule == rule)
                .find_map(|p| {
                    let c = p.template.as_ref()?;
                    c.matches(&v, &mut spans).then_some(c.placeholders)
                })
        });
        match hit {
            Some(len) => Match::with_values(rule, text, spans, len),
            None => Match::bare(rule, text),
        }
    }
}
