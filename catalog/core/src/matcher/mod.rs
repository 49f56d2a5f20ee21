//! Classification: from (status, `error`, `error_description`) to the catalog entry that
//! explains it, with the placeholder values sliced out of the description.
//!
//! The derive emits the catalog as a table of [`Rule`]s and calls [`Matcher`] at run time; the
//! catalog's validator runs the very same matcher over every example at build time. There is
//! one implementation of the matching rules, so a build that passes validation classifies
//! every example the way the catalog says.
//!
//! # Precedence
//! For a response with status `s`, `error` `c` and description `d` (compared as [`crate::fold`]
//! describes), and maybe a numeric `error_code` `n`:
//! 0. an entry listing `n`, whatever `s`, `c` and `d` ([`MatchedBy::ErrorCode`]);
//! 1. an entry for `s` and `c` whose description is exactly `d`;
//! 2. an entry for `s` and `c` whose template matches `d`;
//! 3. an entry for `s` that names no `error`, whose description is exactly `d`;
//! 4. an entry for `s` that names no `error`, whose template matches `d`;
//! 5. an entry for `s` and `c` that accepts any description ([`MatchedBy::Error`]);
//! 6. when `c` is known to the catalog but no entry lists it with `s` (servers of different
//!    eras answer with different statuses): the one entry listing `c` whose description fits
//!    `d`, under any status;
//! 7. when `c` is absent, empty or unknown to the catalog: the one entry of `s` whose exact
//!    description or template (with at least [`MIN_LITERAL`] literal bytes) fits `d`
//!    ([`MatchedBy::Description`]);
//! 8. nothing: the caller falls back to the status table.
//!
//! Stages 6 and 7 never guess: when two entries fit, the answer is nothing. An entry is for
//! `s` and `c` when it lists both, and pairs them if it pairs its statuses with its `error`s
//! ([`Rule::pairs`]); a pair of its lists that it does not pair is left to stage 6.
//!
//! Among templates that could match, the one whose literal prefix matches the most
//! characters is tried first, then catalog order. (The catalog's validator rejects two
//! templates of one status and code that can match the same text and start with the same
//! literal text.) An entry's descriptions (the main one and its rewordings) are separate
//! patterns of one rule, with the same placeholders.
//!
//! Classification allocates nothing and does not scan the catalog. A description exactly as a
//! coded entry writes it (most responses) is found with one hash of (status, code, text) in one
//! table, without folding. A template's text whose literal pieces are exactly as the entry
//! writes them (most of the others) is matched as written, when that is provably the answer
//! folding would give. Otherwise rules are grouped by status and code, the description is
//! folded once, exact descriptions are found by the hash of their folded text, and templates
//! through a trie over their literal prefixes. The index is built once; a [`Match`] holds byte
//! ranges into the description it was given.
//!
//! # Modules
//! One per stage, each saying what it decides and what it hands on: `numbered` (stage 0),
//! `strict` (1–5, with the verbatim fast path), `written` (stage 2 without folding, when it
//! can, from one block of bytes per status and code), `drift` (6), `alone` (7) and `unique`
//! (the one-fit search 6 and 7 share). What they look in: `pattern` (every description
//! compiled), `group` (rules grouped by status and `error`), `trie` (templates by literal
//! prefix),
//! `table` (the one hash table every lookup uses) and `record` (what the fast paths' slots
//! lead to: what a lookup compares, side by side). `answer` holds what they hand back.

mod alone;
mod answer;
mod drift;
mod group;
mod numbered;
mod pattern;
mod record;
mod strict;
mod table;
mod trie;
mod unique;
mod written;

pub use crate::template::MAX_PLACEHOLDERS;
pub use alone::MIN_LITERAL;
pub use answer::{Match, MatchedBy};

use crate::fold;
use group::Groups;
use pattern::Pattern;
use strict::Verbatim;
use written::Blocks;

/// One catalog entry as the matcher sees it. The generated code holds these in a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule<'a> {
    /// HTTP statuses the entry comes with.
    pub statuses: &'a [u16],
    /// Values of the body's `error` field; empty when the entry matches any `error`.
    pub errors: &'a [&'a str],
    /// The (status, `error`) pairs the entry's responses come in, when not every status
    /// comes with every `error` (Usergrid's eras answered one cause with `400 token` and
    /// later `401 auth_bad_access_token`, never `401 token`); empty: each status with each
    /// `error`. Only these pairs are matched strictly; another pair of the two lists is
    /// status drift (stage 6).
    pub pairs: &'a [(u16, &'a str)],
    /// The description template and its known rewordings (same placeholders, same order);
    /// empty when any description matches (a code or an `error_code` is required).
    pub descriptions: &'a [&'a str],
    /// Values of the body's numeric `error_code` field (newer services, e.g. streaming
    /// messages); a response carrying one of these classifies to this rule whatever its status.
    pub error_codes: &'a [i64],
}

impl Rule<'_> {
    /// Whether the entry's responses come with this status and `error` (one of its
    /// statuses and `error`s, paired as [`Rule::pairs`] says).
    pub fn comes_with(&self, status: u16, error: &str) -> bool {
        if self.pairs.is_empty() {
            self.statuses.contains(&status) && self.errors.contains(&error)
        } else {
            self.pairs.contains(&(status, error))
        }
    }
}

/// The parts of a failed response that classification reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResponseParts<'t> {
    /// The HTTP status.
    pub status: u16,
    /// The body's `error` string.
    pub error: Option<&'t str>,
    /// The body's numeric `error_code` (newer services).
    pub error_code: Option<i64>,
    /// The body's `error_description` (or `desc`).
    pub description: Option<&'t str>,
}

impl<'t> ResponseParts<'t> {
    /// The parts of a response with this status and nothing else yet.
    pub const fn new(status: u16) -> ResponseParts<'t> {
        ResponseParts {
            status,
            error: None,
            error_code: None,
            description: None,
        }
    }

    /// With the body's `error` string.
    pub const fn error(mut self, error: &'t str) -> ResponseParts<'t> {
        self.error = Some(error);
        self
    }

    /// With the body's numeric `error_code`.
    pub const fn error_code(mut self, code: i64) -> ResponseParts<'t> {
        self.error_code = Some(code);
        self
    }

    /// With the body's `error_description`.
    pub const fn description(mut self, description: &'t str) -> ResponseParts<'t> {
        self.description = Some(description);
        self
    }
}

/// The index over a rule table. Build it once (the generated code keeps it in a `OnceLock`).
#[derive(Debug)]
pub struct Matcher<'a> {
    rules: &'a [Rule<'a>],
    /// Every description of every rule, numbered in catalog order.
    patterns: Vec<Pattern>,
    /// The rules grouped by status and `error` (see [`group`]).
    groups: Groups<'a>,
    /// Exact descriptions of coded rules as written (stages 1–5's fast path).
    verbatim: Verbatim,
    /// Exact descriptions as written that stage 7 answers by themselves (its fast path).
    alone: Verbatim,
    /// Templates of coded rules as written, a block per status and code (stage 2's
    /// shortcut).
    written: Blocks,
    /// (numeric `error_code`, rule), sorted; the first rule listing a number wins.
    by_error_code: Vec<(i64, usize)>,
}

#[cfg(test)]
thread_local! {
    /// How many times a tolerant stage (6 or 7) started on this thread: the tests check that a
    /// response the strict stages answer never starts one.
    static TOLERANT_RUNS: core::cell::Cell<usize> = const { core::cell::Cell::new(0) };
}

/// Counts a start of a tolerant stage (in tests; nothing otherwise).
#[inline]
fn tolerant_stage_starts() {
    #[cfg(test)]
    TOLERANT_RUNS.with(|runs| runs.set(runs.get() + 1));
}

/// A code without surrounding whitespace; codes nearly always have none, which is checked
/// without decoding characters.
#[inline]
fn trim_code(code: &str) -> &str {
    match (code.as_bytes().first(), code.as_bytes().last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => code,
        _ => code.trim(),
    }
}

impl<'a> Matcher<'a> {
    /// Indexes a rule table. Descriptions that do not parse as templates never match (the
    /// derive and the catalog validator reject them before they get here).
    pub fn new(rules: &'a [Rule<'a>]) -> Matcher<'a> {
        let patterns = pattern::compile(rules);
        let groups = Groups::build(rules, &patterns);
        let verbatim = Verbatim::coded(rules, &patterns);
        let written = Blocks::build(&groups, &patterns);
        let mut matcher = Matcher {
            rules,
            patterns,
            groups,
            verbatim,
            alone: Verbatim::alone(&[], &[]),
            written,
            by_error_code: numbered::error_code_index(rules),
        };
        // Stage 7's answers come from its own search, which needs the matcher built.
        let alone = matcher.alone_answers();
        matcher.alone = Verbatim::alone(&matcher.patterns, &alone);
        matcher
    }

    /// Classifies a response; `None` when no rule matches (use the status table).
    ///
    /// A rule listing the body's numeric `error_code` wins over everything else, whatever the
    /// status (the streaming message service documents its errors only by number); its
    /// placeholders are filled when the description fits one of its templates.
    ///
    /// ```
    /// use easemob_errors_core::matcher::{MatchedBy, Matcher, ResponseParts, Rule};
    /// let rules = [Rule {
    ///     statuses: &[403],
    ///     errors: &["forbidden_op"], pairs: &[],
    ///     descriptions: &["users [{users}] are not members of this group!"],
    ///     error_codes: &[],
    /// }];
    /// let m = Matcher::new(&rules);
    /// let parts = ResponseParts {
    ///     status: 403,
    ///     error: Some("forbidden_op"),
    ///     description: Some("users [u1, u2] are not members of this group!\n"),
    ///     ..ResponseParts::default()
    /// };
    /// let hit = m.classify(parts).unwrap();
    /// assert_eq!((hit.rule(), hit.capture(0)), (0, "u1, u2"));
    /// assert_eq!(hit.matched_by(), MatchedBy::ErrorAndDescription);
    /// // Another status (servers drift): the `error` and the description still name one entry.
    /// assert_eq!(m.classify(ResponseParts { status: 400, ..parts }).map(|h| h.rule()), Some(0));
    /// // No `error`: the description alone, when exactly one entry fits.
    /// let bare = ResponseParts { error: None, ..parts };
    /// assert_eq!(m.classify(bare).map(|h| h.matched_by()), Some(MatchedBy::Description));
    /// assert!(m.classify(ResponseParts { description: Some("something else"), ..parts }).is_none());
    /// ```
    pub fn classify<'t>(&self, parts: ResponseParts<'t>) -> Option<Match<'t>> {
        if let Some(rule) = parts.error_code.and_then(|n| self.rule_numbered(n)) {
            let text = parts.description.map(fold::trim).unwrap_or("");
            return Some(self.numbered(rule, text).by(MatchedBy::ErrorCode));
        }
        let code = parts.error.map(trim_code).filter(|c| !c.is_empty());
        let text = parts.description.map(fold::trim);
        if let Some(code) = code {
            if let Some(m) = self.by_status_and_code(parts.status, code, text) {
                return Some(m);
            }
            if self.knows_code(code) {
                // A code the catalog knows, under a status its entries do not list.
                return self.by_code_any_status(code, text?);
            }
        }
        self.by_description_alone(parts.status, text?)
    }
}

#[cfg(test)]
mod tests;
