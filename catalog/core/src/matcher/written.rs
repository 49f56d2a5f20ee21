//! Stage 2's shortcut: a template matched against the description as written, without
//! folding it.
//!
//! Decides only "yes": the template of the response's status and `error` that the folded
//! search would find first, with the same values (or, the rare time an exact description of
//! the group folds to the same text, that description), when the description shows every
//! literal piece of the template exactly as the catalog writes it (what servers send nearly
//! always).
//! Anything else is handed on, undecided, to the folded search of [`super::strict`]; this
//! stage never answers "no". Folding a description costs about as much as the rest of its
//! classification, and mapping the values' folded positions back to the text about a third
//! of that again; a description matched as written needs neither.
//!
//! Why a match as written is the folded answer (each point is checked, not assumed):
//! - *The same template.* Only a template the folded trie would try before every other is
//!   kept here ([`Written`] of a trie leaf's first template): a template whose literal
//!   prefix no other template of the group extends, and first in catalog order among those
//!   with its prefix. Two such templates cannot both start a text (their folded prefixes
//!   would be nested or equal), so at most one is found.
//! - *No exact description first.* The folded search tries the group's exact descriptions
//!   before its templates. When the description's folded length (its length less its
//!   whitespace, for ASCII) is one no exact description of the group has, none can be it;
//!   otherwise the description is folded and looked up among them, and an exact description
//!   found is the answer, as it is the folded search's.
//! - *The same values.* The folded search takes the leftmost folded occurrence of each
//!   literal between two values; the text's leftmost occurrence as written is the same one
//!   unless some byte between the value's first character and it folds to the literal's
//!   rarest byte, which is checked. The values are then the same byte ranges, trimmed alike.
//! - Only ASCII descriptions: folding maps some other characters onto ASCII ones.

use super::group::Group;
use super::pattern::{is_space, trimmed};
use super::trie::{Candidate, Trie};
use super::{MAX_PLACEHOLDERS, Match, Matcher};
use crate::fold;
use crate::folded;
use crate::search;
use crate::swar;
use crate::template::{Part, Template};

/// A template's literal pieces as the catalog writes them (ASCII only).
#[derive(Debug)]
pub(super) struct Written {
    /// What the description starts with.
    pub(super) prefix: Box<str>,
    /// The literals between values, in order.
    middles: Box<[Middle]>,
    /// What the (trimmed) description ends with: the last literal, trimmed as descriptions
    /// are.
    suffix: Box<[u8]>,
    /// How many values: `middles.len() + 1`.
    placeholders: usize,
}

/// A literal between two values.
#[derive(Debug)]
struct Middle {
    /// As written.
    bytes: Box<[u8]>,
    /// Where in `bytes` the byte is that folds to the folded literal's rarest byte (the one
    /// the folded search looks for first).
    rare: usize,
    /// That folded byte. An earlier folded occurrence of the literal would put one before
    /// this occurrence: its first place in the literal comes before any place of it in this
    /// occurrence, so it lies in the text before this occurrence starts.
    folded_rare: u8,
}

impl Written {
    /// The written form of a template with 1 to [`MAX_PLACEHOLDERS`] values whose literal
    /// pieces are ASCII; `None` otherwise (and for a literal between values that folds to
    /// nothing: the folded search never matches such a template).
    pub(super) fn new(template: &Template) -> Option<Written> {
        let parts = template.parts();
        let mut literals: Vec<&str> = Vec::new();
        let mut placeholders = 0;
        // One literal slot before each value and one after the last (empty when absent).
        let mut pending = "";
        for part in parts {
            match part {
                Part::Literal(s) => pending = s,
                Part::Placeholder(_) => {
                    literals.push(pending);
                    pending = "";
                    placeholders += 1;
                }
            }
        }
        let ascii = literals.iter().all(|l| l.is_ascii()) && pending.is_ascii();
        if !ascii || !(1..=MAX_PLACEHOLDERS).contains(&placeholders) {
            return None;
        }
        let middles = literals[1..]
            .iter()
            .map(|m| Middle::new(m.as_bytes()))
            .collect::<Option<Box<[Middle]>>>()?;
        Some(Written {
            prefix: literals[0].into(),
            middles,
            suffix: fold::trim(pending).as_bytes().into(),
            placeholders,
        })
    }

    /// Matches the (trimmed, ASCII) description as written; fills `spans` with the values'
    /// trimmed byte ranges. `false` means undecided, not "no".
    pub(super) fn fits(&self, text: &str, spans: &mut [(u32, u32); MAX_PLACEHOLDERS]) -> bool {
        let b = text.as_bytes();
        let (prefix, suffix) = (self.prefix.as_bytes(), &*self.suffix);
        // Values are kept as 32-bit ranges.
        if u32::try_from(b.len()).is_err()
            || b.len() < prefix.len() + suffix.len()
            || !search::same(&b[..prefix.len()], prefix)
            || !search::same(&b[b.len() - suffix.len()..], suffix)
        {
            return false;
        }
        let end = b.len() - suffix.len();
        let mut at = prefix.len();
        for (i, m) in self.middles.iter().enumerate() {
            // A value holds at least one character that folding keeps.
            let Some(first) = first_kept(b, at, end) else {
                return false;
            };
            let from = first + 1;
            let Some(p) = b
                .get(from..end)
                .and_then(|r| search::find(r, &m.bytes, m.rare))
                .map(|p| p + from)
            else {
                return false;
            };
            if holds_folded(&b[from..p], m.folded_rare) {
                return false;
            }
            spans[i] = span(text, at, p);
            at = p + m.bytes.len();
        }
        if first_kept(b, at, end).is_none() {
            return false;
        }
        spans[self.placeholders - 1] = span(text, at, end);
        true
    }

    /// How many values.
    pub(super) fn placeholders(&self) -> usize {
        self.placeholders
    }
}

impl Middle {
    fn new(bytes: &[u8]) -> Option<Middle> {
        // The positions of the bytes folding keeps, and what it makes of them.
        let kept: Vec<(usize, u8)> = bytes
            .iter()
            .enumerate()
            .filter(|&(_, &c)| !is_space(c))
            .map(|(i, &c)| (i, c.to_ascii_lowercase()))
            .collect();
        let folded: Vec<u8> = kept.iter().map(|&(_, c)| c).collect();
        if folded.is_empty() {
            return None;
        }
        let r = search::rarest(&folded);
        Some(Middle {
            bytes: bytes.into(),
            rare: kept[r].0,
            folded_rare: folded[r],
        })
    }
}

/// The first byte at or after `from` and before `end` that folding keeps.
fn first_kept(b: &[u8], from: usize, end: usize) -> Option<usize> {
    b.get(from..end)?
        .iter()
        .position(|&c| !is_space(c))
        .map(|i| from + i)
}

/// Whether any byte of `region` folds to `folded` (a lowercase letter matches either case),
/// eight bytes at a time.
fn holds_folded(region: &[u8], folded: u8) -> bool {
    let upper = folded.to_ascii_uppercase();
    let mut words = region.chunks_exact(8);
    let hit = words.by_ref().any(|w| {
        let v = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        swar::eq(v, folded) | swar::eq(v, upper) != 0
    });
    hit || words.remainder().iter().any(|&c| c == folded || c == upper)
}

/// A value's range, trimmed as the folded search trims it, in 32-bit offsets (`fits` takes
/// only texts shorter than 4 GiB).
fn span(text: &str, a: usize, b: usize) -> (u32, u32) {
    let (a, b) = trimmed(text, a, b);
    (a as u32, b as u32)
}

/// The folded length of an ASCII text (its length less its whitespace); `None` when it holds
/// a byte beyond ASCII.
fn folded_len(text: &[u8]) -> Option<usize> {
    let mut words = text.chunks_exact(8);
    let mut spaces = 0usize;
    let mut high = 0u64;
    for w in &mut words {
        let v = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        high |= v;
        // One mark (a lane's high bit) per whitespace byte.
        spaces += swar::whitespace(v).count_ones() as usize;
    }
    let rest = words.remainder();
    if high & swar::HIGH != 0 || !rest.is_ascii() {
        return None;
    }
    spaces += rest.iter().filter(|&&c| is_space(c)).count();
    Some(text.len() - spaces)
}

impl Matcher<'_> {
    /// Stage 2 of group `g` (a status and `error`) decided without folding, when it can be:
    /// the template the folded search would find, with its values; `None` hands on.
    #[inline]
    pub(super) fn as_written<'t>(&self, g: &Group, text: &'t str) -> Option<Match<'t>> {
        let c = candidate(&g.written, text.as_bytes())?;
        let pattern = &self.patterns[c.pattern];
        let written = pattern.template.as_ref()?.written.as_ref()?;
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        if !written.fits(text, &mut spans) {
            return None;
        }
        // An exact description of the group with the text's folded length may be the text
        // folded, and the folded search tries those first: only then is the text folded, to
        // look it up (the templates' search, which costs the most, is still skipped).
        if g.may_have_exact(folded_len(text.as_bytes())?)
            && let Some(exact) = folded::with_folded(text, |v| self.exact(g, &v))
        {
            return Some(exact);
        }
        Some(Match::with_values(
            pattern.rule,
            text,
            spans,
            written.placeholders(),
        ))
    }
}

/// The template of a trie of written prefixes (see [`Trie::leaf_firsts`]) whose prefix
/// starts `text`: at most one can (see the module's comment); `None` also when, against that,
/// two do.
fn candidate(trie: &Trie, text: &[u8]) -> Option<Candidate> {
    let (mut node, mut depth, mut found) = (0, 0, None);
    loop {
        if let Some(&c) = trie.nodes[node].patterns.first() {
            if found.is_some() || trie.nodes[node].patterns.len() > 1 {
                return None;
            }
            found = Some(c);
        }
        let Some(child) = text.get(depth..).and_then(|rest| trie.child(node, rest)) else {
            return found;
        };
        depth += trie.nodes[child].label.len();
        node = child;
    }
}
