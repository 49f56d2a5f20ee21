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
use super::table::{Table, text_key};
use super::trie::last_word;
use super::{MAX_PLACEHOLDERS, Match, MatchedBy, Matcher, Rule};
use crate::folded::{self, FoldedText};
use crate::search;

/// (status, `error`, exact description as written) → rule, for every coded pattern. What a
/// lookup compares is kept here, side by side, so the lookup reads nothing else: most
/// descriptions are answered by it alone, often when the matcher's other tables are out of
/// the caches.
#[derive(Debug)]
pub(super) struct Verbatim<'a> {
    table: Table,
    keys: Vec<VerbatimKey<'a>>,
    /// The descriptions of the keys, one after another.
    texts: String,
}

/// What one verbatim key was made from.
#[derive(Debug)]
struct VerbatimKey<'a> {
    status: u16,
    /// The rule the description belongs to.
    rule: u32,
    code: &'a str,
    /// Where the description is in [`Verbatim::texts`].
    text: (u32, u32),
}

impl<'a> Verbatim<'a> {
    /// Every exact description of a coded rule, under each of its statuses and codes, in
    /// catalog order (among equal keys, the first entry is found first).
    pub(super) fn build(rules: &'a [Rule<'a>], patterns: &[Pattern]) -> Verbatim<'a> {
        let mut keys = Vec::new();
        let mut hashed = Vec::new();
        let mut texts = String::new();
        for pattern in patterns {
            let Some(raw) = pattern.raw.as_deref() else {
                continue;
            };
            let rule = &rules[pattern.rule];
            // Built once from the catalog's descriptions, far below 4 GiB.
            let text = (texts.len() as u32, raw.len() as u32);
            texts.push_str(raw);
            for &status in rule.statuses {
                for &code in rule.errors {
                    let group = group_number(status, CodeKey::Code(code));
                    hashed.push((text_key(group, raw.as_bytes()), keys.len()));
                    keys.push(VerbatimKey {
                        status,
                        rule: pattern.rule as u32,
                        code,
                        text,
                    });
                }
            }
        }
        Verbatim {
            table: Table::new(hashed),
            keys,
            texts,
        }
    }

    /// The description of a key.
    #[inline]
    fn text(&self, key: &VerbatimKey<'_>) -> &[u8] {
        let (start, len) = (key.text.0 as usize, key.text.1 as usize);
        &self.texts.as_bytes()[start..start + len]
    }
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
            if let Some(rule) = self.verbatim(number, status, code, text) {
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

    /// The rule whose description, as written, is `text`, for `status` and `code` (whose
    /// group number is `group`).
    #[inline]
    fn verbatim(&self, group: u64, status: u16, code: &str, text: &str) -> Option<usize> {
        let v = &self.verbatim;
        let i = v.table.find(text_key(group, text.as_bytes()), |i| {
            let key = &v.keys[i];
            key.status == status
                && search::same(key.code.as_bytes(), code.as_bytes())
                && search::same(v.text(key), text.as_bytes())
        })?;
        Some(v.keys[i].rule as usize)
    }

    /// The exact description of group `g` that the folded text is.
    pub(super) fn exact<'t>(&self, g: &Group, v: &FoldedText<'_, 't>) -> Option<Match<'t>> {
        let p = self.groups.exact(g, v.folded, &self.patterns).next()?;
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
