//! The search the tolerant stages share: the one rule of a group whose description fits.
//!
//! Decides whether exactly one rule fits (exact descriptions, and templates with at least a
//! given number of literal bytes) and hands on its match; two rules that fit are an
//! ambiguity, and the answer is nothing. Every template on the description's path through the
//! group's trie is tried, so this costs more than the strict stages' first fit: it runs only
//! when they found nothing.

use super::group::Group;
use super::trie::last_word;
use super::{MAX_PLACEHOLDERS, Match, Matcher};
use crate::folded::FoldedText;

impl Matcher<'_> {
    /// The match when exactly one rule of the group fits the description (exact descriptions,
    /// and templates with at least `min_literal` literal bytes); `None` when none or several
    /// rules do. A rule that fits through several of its descriptions counts once.
    pub(super) fn unique<'t>(
        &self,
        g: &Group,
        v: &FoldedText<'_, 't>,
        min_literal: usize,
    ) -> Option<Match<'t>> {
        let mut found: Option<Match<'t>> = None;
        // A second rule is an ambiguity; the same rule again (another of its descriptions) is
        // not. Templates come shortest literal prefix first, and a later one of the same rule
        // replaces an earlier template match: the longer prefix places the values better.
        let mut add = |m: Match<'t>| match found {
            Some(f) if f.rule != m.rule => Err(()),
            Some(f) if f.len > 0 || m.len == 0 => {
                found = Some(if m.len > 0 { m } else { f });
                Ok(())
            }
            Some(_) => Ok(()),
            None => {
                found = Some(m);
                Ok(())
            }
        };
        for p in self.groups.exact(g, v.folded) {
            add(Match::bare(self.patterns[p].rule, v.text)).ok()?;
        }
        // Every template whose literal prefix the text starts with: the patterns of each node
        // on the path the text walks through the trie (walked in place, so nothing allocates).
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        let mut node = Some(0usize);
        let mut depth = 0;
        let last = last_word(v.folded);
        while let Some(n) = node {
            for candidate in &g.templates.nodes[n].patterns {
                if candidate.literal < min_literal || !candidate.may_end(last) {
                    continue;
                }
                let pattern = &self.patterns[candidate.pattern];
                if let Some(t) = &pattern.template
                    && t.matches(v, &mut spans)
                {
                    let m = Match::with_values(pattern.rule, v.text, spans, t.placeholders);
                    add(m).ok()?;
                }
            }
            node = v
                .folded
                .get(depth..)
                .and_then(|rest| g.templates.child(n, rest));
            depth += node.map_or(0, |c| g.templates.nodes[c].label.len());
        }
        found
    }
}
