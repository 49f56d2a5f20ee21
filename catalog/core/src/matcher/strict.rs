//! Stages 1–5 of the precedence: the rules of the response's status and `error`.
//!
//! Decides, in order: an entry of the status and `error` whose description fits (exact
//! descriptions first, then templates, longest literal prefix first), then a code-agnostic
//! entry of the status whose description fits, then an entry of the status and `error` that
//! accepts any description. Hands on nothing when none of them fits: the tolerant stages run
//! only then.
//!
//! Most responses carry a coded entry's description exactly as the entry writes it; those are
//! found before anything else, by one hash of (status, `error`, text) in the verbatim table,
//! without looking up a group or folding the text. Most of the others are a template's text
//! with its literal pieces as written, which [`super::written`] matches without folding.

use super::group::{CodeKey, Group, group_number};
use super::pattern::Pattern;
use super::record::{self, u16_at, u32_at};
use super::table::{Table, text_key};
use super::trie::last_word;
use super::{MAX_PLACEHOLDERS, Match, MatchedBy, Matcher, Rule};
use crate::folded::{self, FoldedText};
use crate::search;

/// Exact descriptions as written → rule: (status, `error`, text) for every coded pattern
/// (stages 1–5's fast path), or, in the matcher's second one, (status, text) for the
/// descriptions stage 7 answers by themselves (with an empty code, and keys made with the
/// group number of every rule of the status). The two are apart so that the first, which
/// most responses go through, stays as small as it can. What a lookup compares is kept in one
/// record per key (see [`super::record`]), so the lookup reads the table's slot and that
/// record: most descriptions are answered by it alone, often when the matcher's other tables
/// are out of the caches.
///
/// A record: status (u16) | rule (u32) | code length (u8) | text length (u16) | code | text.
#[derive(Debug)]
pub(super) struct Verbatim {
    table: Table,
    records: Vec<u8>,
}

/// Where a record's code starts.
const HEAD: usize = 9;

/// One record, read in place.
struct Record<'r> {
    status: u16,
    rule: usize,
    code: &'r [u8],
    text: &'r [u8],
}

impl Verbatim {
    /// Every exact description of a coded rule, under each of its statuses and codes, in
    /// catalog order (among equal keys, the first entry is found first).
    pub(super) fn coded(rules: &[Rule<'_>], patterns: &[Pattern]) -> Verbatim {
        Verbatim::of(patterns.iter().flat_map(|pattern| {
            let rule = &rules[pattern.rule];
            rule.statuses.iter().flat_map(move |&status| {
                rule.errors
                    .iter()
                    .filter(move |&&code| rule.comes_with(status, code))
                    .map(move |&code| (status, CodeKey::Code(code), pattern))
            })
        }))
    }

    /// The (status, pattern) pairs stage 7 answers by themselves (see
    /// [`Matcher::alone_answers`]), in their order.
    pub(super) fn alone(patterns: &[Pattern], answers: &[(u16, usize)]) -> Verbatim {
        Verbatim::of(
            answers
                .iter()
                .map(|&(status, p)| (status, CodeKey::AllRules, &patterns[p])),
        )
    }

    fn of<'p>(keys: impl Iterator<Item = (u16, CodeKey<'p>, &'p Pattern)>) -> Verbatim {
        let mut hashed = Vec::new();
        let mut records = Vec::new();
        for (status, key, pattern) in keys {
            let Some(raw) = pattern.raw.as_deref() else {
                continue;
            };
            let code = match key {
                CodeKey::Code(code) => code,
                _ => "",
            };
            let at = records.len();
            if encode(&mut records, status, pattern.rule, code, raw).is_none() {
                // Too long for a record: found by the folded lookup instead.
                records.truncate(at);
                continue;
            }
            hashed.push((text_key(group_number(status, key), raw.as_bytes()), at));
        }
        Verbatim {
            table: Table::new(hashed),
            records,
        }
    }

    /// The rule of the record for `status`, `code` and `text`, whose group number is
    /// `group`.
    #[inline]
    pub(super) fn find(&self, group: u64, status: u16, code: &str, text: &str) -> Option<usize> {
        let at = self.table.find(text_key(group, text.as_bytes()), |at| {
            self.record(at).is_some_and(|r| {
                r.status == status
                    && search::same(r.code, code.as_bytes())
                    && search::same(r.text, text.as_bytes())
            })
        })?;
        Some(self.record(at)?.rule)
    }

    /// The record at `at`.
    #[inline]
    fn record(&self, at: usize) -> Option<Record<'_>> {
        let r = &self.records;
        let code = at + HEAD;
        let text = code + usize::from(*r.get(at + 6)?);
        Some(Record {
            status: u16_at(r, at)?,
            rule: u32_at(r, at + 2)? as usize,
            code: r.get(code..text)?,
            text: r.get(text..text + usize::from(u16_at(r, at + 7)?))?,
        })
    }
}

/// Appends the record of one key; `None` when a length does not fit its field.
fn encode(out: &mut Vec<u8>, status: u16, rule: usize, code: &str, text: &str) -> Option<()> {
    out.extend_from_slice(&status.to_le_bytes());
    record::push_u32(out, rule)?;
    record::push_u8(out, code.len())?;
    record::push_u16(out, text.len())?;
    out.extend_from_slice(code.as_bytes());
    out.extend_from_slice(text.as_bytes());
    Some(())
}

impl Matcher<'_> {
    /// Stages 1–5: the groups of this status and code.
    pub(super) fn by_status_and_code<'t>(
        &self,
        status: u16,
        code: &str,
        text: Option<&'t str>,
    ) -> Option<Match<'t>> {
        // The coded group's number, hashed once for the verbatim and the group lookup.
        let number = group_number(status, CodeKey::Code(code));
        // Fast path: the description exactly as a coded entry writes it. Within one status and
        // code, descriptions that fold equal are rejected by validation, so this is the answer
        // the folded lookup would give.
        if let Some(text) = text {
            if let Some(rule) = self.verbatim.find(number, status, code, text) {
                return Some(Match::bare(rule, text));
            }
            // Next, a template of the status and code matched as written (stage 2 without
            // folding), before the group is looked up: its block holds what it compares.
            if let Some(m) = self.as_written(number, status, code, text) {
                return Some(m);
            }
        }
        let coded = self.groups.numbered(number, CodeKey::Code(code));
        let any = || Some(Match::bare(coded?.any?, "").by(MatchedBy::Error));
        let Some(text) = text else {
            return any();
        };
        let agnostic = self.groups.get(status, CodeKey::Agnostic);
        // Nothing to compare the description with: no need to fold it.
        if ![coded, agnostic].iter().flatten().any(|g| g.has_patterns()) {
            return any();
        }
        folded::with_folded(text, |v| {
            let found = |g: Option<&Group>, how| {
                let g = g?;
                Some(self.exact(g, &v).or_else(|| self.template(g, &v))?.by(how))
            };
            found(coded, MatchedBy::ErrorAndDescription)
                .or_else(|| found(agnostic, MatchedBy::Description))
                .or_else(any)
        })
    }

    /// The exact description of group `g` that the folded text is.
    pub(super) fn exact<'t>(&self, g: &Group, v: &FoldedText<'_, 't>) -> Option<Match<'t>> {
        let p = self.groups.exact(g, v.folded).next()?;
        Some(Match::bare(self.patterns[p].rule, v.text))
    }

    /// Tries the templates whose literal prefix the description starts with, longest prefix
    /// first.
    fn template<'t>(&self, g: &Group, v: &FoldedText<'_, 't>) -> Option<Match<'t>> {
        self.template_from(g, 0, 0, v, last_word(v.folded))
    }

    fn template_from<'t>(
        &self,
        g: &Group,
        node: usize,
        depth: usize,
        v: &FoldedText<'_, 't>,
        last: Option<u64>,
    ) -> Option<Match<'t>> {
        if let Some(rest) = v.folded.get(depth..)
            && let Some(child) = g.templates.child(node, rest)
            && let Some(m) = self.template_from(
                g,
                child,
                depth + g.templates.nodes[child].label.len(),
                v,
                last,
            )
        {
            return Some(m);
        }
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        for candidate in &g.templates.nodes[node].patterns {
            if !candidate.may_end(last) {
                continue;
            }
            let pattern = &self.patterns[candidate.pattern];
            if let Some(c) = &pattern.template
                && c.matches(v, &mut spans)
            {
                return Some(Match::with_values(
                    pattern.rule,
                    v.text,
                    spans,
                    c.placeholders,
                ));
            }
        }
        None
    }
}
