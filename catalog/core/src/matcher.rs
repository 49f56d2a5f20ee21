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
//! 2. an entry for `s` that names no `error`, whose description is exactly `d`;
//! 3. an entry for `s` and `c` whose template matches `d`;
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
//! Stages 6 and 7 never guess: when two entries fit, the answer is nothing.
//!
//! Among templates that could match, the one whose literal prefix matches the most
//! characters is tried first, then catalog order. (The catalog's validator rejects two
//! templates of one status and code that can match the same text and start with the same
//! literal text.) An entry's descriptions (the main one and its rewordings) are separate
//! patterns of one rule, with the same placeholders.
//!
//! Classification allocates nothing and does not scan the catalog. A description exactly as a
//! coded entry writes it (most responses) is found with one hash of (status, code, text) in one
//! table, without folding. Otherwise rules are grouped by status and code, the description is
//! folded once, exact descriptions are found by the hash of their folded text, and templates
//! through a trie over their literal prefixes. The index is built once; a [`Match`] holds byte
//! ranges into the description it was given.

use crate::fold;
use crate::folded::{self, FoldedText, folded_string};
use crate::search;
use crate::template::{Part, Template};

/// The most placeholders one template may have (so a [`Match`] fits in a fixed array).
pub const MAX_PLACEHOLDERS: usize = 8;

/// One catalog entry as the matcher sees it. The generated code holds these in a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule<'a> {
    /// HTTP statuses the entry comes with.
    pub statuses: &'a [u16],
    /// Values of the body's `error` field; empty when the entry matches any `error`.
    pub errors: &'a [&'a str],
    /// The description template and its known rewordings (same placeholders, same order);
    /// empty when any description matches (a code or an `error_code` is required).
    pub descriptions: &'a [&'a str],
    /// Values of the body's numeric `error_code` field (newer services, e.g. streaming
    /// messages); a response carrying one of these classifies to this rule whatever its status.
    pub error_codes: &'a [i64],
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
    /// literal text ([`MIN_LITERAL`]) match this way, and only when exactly one entry fits.
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

/// The least literal text (folded bytes: whitespace dropped, case folded) a template needs to
/// match a description without the `error` string: a template made mostly of placeholders
/// (`{a}: {b}`) would match text that has nothing to do with it.
pub const MIN_LITERAL: usize = 10;

/// A successful classification: which rule, how it was found, and where its placeholder
/// values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    rule: u32,
    len: u32,
    how: MatchedBy,
    /// Byte ranges of the values in `text` (32 bits keep the match small to move around; a
    /// template never matches a description longer than 4 GiB).
    spans: [(u32, u32); MAX_PLACEHOLDERS],
}

impl<'t> Match<'t> {
    /// A match without placeholder values.
    fn bare(rule: usize, text: &'t str) -> Match<'t> {
        Match {
            text,
            rule: rule as u32,
            len: 0,
            how: MatchedBy::ErrorAndDescription,
            spans: [(0, 0); MAX_PLACEHOLDERS],
        }
    }

    /// The same match, found as `how` says.
    fn by(mut self, how: MatchedBy) -> Match<'t> {
        self.how = how;
        self
    }

    /// What the classification rested on.
    pub fn matched_by(&self) -> MatchedBy {
        self.how
    }

    /// A match with the values at `spans[..len]`.
    fn with_values(
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

    /// The index of the matching rule in the table given to [`Matcher::new`].
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

/// A template compiled for matching: folded literal pieces around the placeholders.
#[derive(Debug)]
struct CompiledTemplate {
    /// Literal the description must start with (may be empty).
    prefix: Box<str>,
    /// Literals between placeholders, in order (never empty), each with the index of the
    /// byte to search for first ([`search::rarest`]).
    middles: Box<[(Box<[u8]>, usize)]>,
    /// Literal the description must end with (may be empty).
    suffix: Box<str>,
    /// Number of placeholders (`middles.len() + 1`).
    placeholders: usize,
}

impl CompiledTemplate {
    fn new(template: &Template) -> CompiledTemplate {
        let parts = template.parts();
        let mut iter = parts.iter().peekable();
        let prefix = match iter.peek() {
            Some(Part::Literal(s)) => {
                let p = folded_string(s);
                iter.next();
                p
            }
            _ => String::new(),
        };
        let mut middles = Vec::new();
        let mut suffix = String::new();
        let mut placeholders = 0;
        while let Some(part) = iter.next() {
            match part {
                Part::Placeholder(_) => placeholders += 1,
                Part::Literal(s) if iter.peek().is_none() => suffix = folded_string(fold::trim(s)),
                Part::Literal(s) => {
                    let literal = folded_string(s).into_bytes();
                    let rare = search::rarest(&literal);
                    middles.push((literal.into_boxed_slice(), rare));
                }
            }
        }
        CompiledTemplate {
            prefix: prefix.into_boxed_str(),
            middles: middles.into(),
            suffix: suffix.into_boxed_str(),
            placeholders,
        }
    }

    /// Matches a folded description; fills `spans` with the trimmed placeholder values (byte
    /// ranges of the original text).
    fn matches(&self, v: &FoldedText<'_, '_>, spans: &mut [(u32, u32); MAX_PLACEHOLDERS]) -> bool {
        if self.placeholders == 0 || self.placeholders > MAX_PLACEHOLDERS {
            return false;
        }
        let f = v.folded;
        if !f.starts_with(self.prefix.as_bytes()) || !f.ends_with(self.suffix.as_bytes()) {
            return false;
        }
        let mut cur = self.prefix.len();
        let end = f.len() - self.suffix.len();
        if end <= cur {
            return false;
        }
        let region = &f[..end];
        // Folded boundaries of each placeholder value: (start, end) pairs, ascending.
        let mut bounds = [0usize; 2 * MAX_PLACEHOLDERS];
        for (i, (lit, rare)) in self.middles.iter().enumerate() {
            // The placeholder takes at least one (folded, so non-whitespace) character.
            let Some(&first) = region.get(cur) else {
                return false;
            };
            let from = cur + utf8_width(first);
            let Some(start) = region
                .get(from..)
                .and_then(|r| search::find(r, lit, *rare))
                .map(|p| p + from)
            else {
                return false;
            };
            bounds[2 * i] = cur;
            bounds[2 * i + 1] = start;
            cur = start + lit.len();
        }
        if cur >= end {
            return false;
        }
        let n = self.placeholders;
        bounds[2 * n - 2] = cur;
        bounds[2 * n - 1] = end;
        v.sources(&mut bounds[..2 * n]);
        for i in 0..n {
            let (a, b) = trimmed(v.text, bounds[2 * i], bounds[2 * i + 1]);
            let (Ok(a), Ok(b)) = (u32::try_from(a), u32::try_from(b)) else {
                return false;
            };
            spans[i] = (a, b);
        }
        true
    }
}

/// The length of the UTF-8 character that starts with byte `b`.
#[inline]
fn utf8_width(b: u8) -> usize {
    match b {
        0..=0x7f => 1,
        0x80..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The byte range of `text[a..b]` without surrounding whitespace.
#[inline]
fn trimmed(text: &str, a: usize, b: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Values nearly always start and end with visible ASCII: nothing to decode.
    if b > a
        && bytes.get(a).is_some_and(u8::is_ascii_graphic)
        && bytes.get(b - 1).is_some_and(u8::is_ascii_graphic)
    {
        return (a, b);
    }
    let s = text.get(a..b).unwrap_or("");
    let start = a + (s.len() - s.trim_start().len());
    let end = b - (s.len() - s.trim_end().len());
    (start, end.max(start))
}

/// Which responses a group of rules answers: by code, code-agnostic rules, or every rule of a
/// status (for responses without a code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum CodeKey<'a> {
    AllRules,
    Agnostic,
    Code(&'a str),
    /// The rules that list this `error`, whatever their statuses (for answers whose status
    /// drifted); its group number carries status 0.
    AnyStatus(&'a str),
}

/// A group key as one integer: status, kind of key, and 46 bits of the code's hash (equal
/// numbers are told apart by comparing the codes).
fn group_number(status: u16, key: CodeKey<'_>) -> u64 {
    let (kind, code_hash) = match key {
        CodeKey::AllRules => (0, 0),
        CodeKey::Agnostic => (1, 0),
        CodeKey::Code(c) => (2, hash(c.as_bytes()) & ((1 << 46) - 1)),
        CodeKey::AnyStatus(c) => (3, hash(c.as_bytes()) & ((1 << 46) - 1)),
    };
    // Bits 63..48: the status; 47..46: the kind of key; 45..0: the low bits of the code's hash.
    (u64::from(status) << 48) | (kind << 46) | code_hash
}

/// What a group holds for one rule: one of its descriptions (a pattern index), or the rule
/// itself when it accepts any description.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Pattern(usize),
    Any(usize),
}

#[derive(Debug, Default)]
struct Group {
    /// Exact descriptions as (hash of the folded description, pattern), sorted.
    exact: Vec<(u64, usize)>,
    /// Bit `n % 64` set for each folded length `n` in `exact`: a description of another
    /// length skips hashing and searching (most descriptions that reach the folded lookup are
    /// template texts).
    exact_lengths: u64,
    /// Template patterns, in a trie over their folded literal prefixes.
    templates: Trie,
    /// The first rule that accepts any description.
    any: Option<usize>,
}

/// A radix trie over the folded literal prefixes of templates (bytes of the folded UTF-8).
/// Looking a description up walks its first bytes only, branching where prefixes differ, so
/// the cost does not grow with the number of templates.
#[derive(Debug)]
struct Trie {
    nodes: Vec<Node>,
}

#[derive(Debug, Default)]
struct Node {
    /// The bytes this node adds to its parent's prefix (empty only for the root).
    label: Box<[u8]>,
    /// (first byte of the child's label, node index), sorted by byte.
    children: Vec<(u8, u32)>,
    /// Patterns whose literal prefix ends here, in catalog order.
    rules: Vec<usize>,
}

impl Group {
    /// Whether any description can match here: exact descriptions or templates (the trie's
    /// root alone holds nothing).
    fn has_patterns(&self) -> bool {
        !self.exact.is_empty()
            || self.templates.nodes.len() > 1
            || !self.templates.nodes[0].rules.is_empty()
    }
}

impl Default for Trie {
    fn default() -> Trie {
        Trie {
            nodes: vec![Node::default()],
        }
    }
}

impl Trie {
    fn insert(&mut self, prefix: &str, rule: usize) {
        let mut key = prefix.as_bytes();
        let mut at = 0usize;
        loop {
            let Some(&first) = key.first() else {
                if !self.nodes[at].rules.contains(&rule) {
                    self.nodes[at].rules.push(rule);
                }
                return;
            };
            let slot = self.nodes[at]
                .children
                .binary_search_by(|(k, _)| k.cmp(&first));
            let child = match slot {
                Err(i) => {
                    let new = self.nodes.len();
                    self.nodes.push(Node {
                        label: key.into(),
                        children: Vec::new(),
                        rules: vec![rule],
                    });
                    self.nodes[at].children.insert(i, (first, new as u32));
                    return;
                }
                Ok(i) => self.nodes[at].children[i].1 as usize,
            };
            let label = &self.nodes[child].label;
            let common = label.iter().zip(key).take_while(|(a, b)| a == b).count();
            if common < label.len() {
                // Split the child: a new node holds the shared part.
                let (head, tail): (Box<[u8]>, Box<[u8]>) =
                    (label[..common].into(), label[common..].into());
                let mid = self.nodes.len();
                self.nodes.push(Node {
                    label: head,
                    children: vec![(tail[0], child as u32)],
                    rules: Vec::new(),
                });
                self.nodes[child].label = tail;
                if let Ok(i) = slot {
                    self.nodes[at].children[i].1 = mid as u32;
                }
                at = mid;
            } else {
                at = child;
            }
            key = &key[common..];
        }
    }

    /// The child of `node` whose label `rest` starts with.
    #[inline]
    fn child(&self, node: usize, rest: &[u8]) -> Option<usize> {
        let &first = rest.first()?;
        let children = &self.nodes[node].children;
        let i = children.binary_search_by(|(k, _)| k.cmp(&first)).ok()?;
        let child = children[i].1 as usize;
        rest.starts_with(&self.nodes[child].label).then_some(child)
    }
}

/// A fast hash of folded bytes, eight at a time (the FxHash mixing step).
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        // FxHash's step: rotate, mix in eight bytes, multiply by an odd constant.
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let mut w = [0u8; 8];
    w[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K)
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

/// The hash of a folded description, computed on first use.
struct LazyHash<'f> {
    text: &'f [u8],
    value: core::cell::Cell<Option<u64>>,
}

impl<'f> LazyHash<'f> {
    fn new(text: &'f [u8]) -> LazyHash<'f> {
        LazyHash {
            text,
            value: core::cell::Cell::new(None),
        }
    }

    fn get(&self) -> u64 {
        match self.value.get() {
            Some(h) => h,
            None => {
                let h = hash(self.text);
                self.value.set(Some(h));
                h
            }
        }
    }
}

/// The index over a rule table. Build it once (the generated code keeps it in a `OnceLock`).
#[derive(Debug)]
pub struct Matcher<'a> {
    rules: &'a [Rule<'a>],
    /// The rule each pattern (one description of a rule) belongs to; the tables below are
    /// indexed by pattern.
    pattern_rule: Vec<usize>,
    /// Folded literal bytes, by pattern.
    pattern_literal: Vec<usize>,
    compiled: Vec<Option<CompiledTemplate>>,
    /// Folded exact descriptions, by pattern (`None` for templates).
    exact_text: Vec<Option<Box<str>>>,
    /// Exact descriptions as written (unescaped, trimmed), by pattern.
    exact_raw: Vec<Option<Box<str>>>,
    /// Open-addressing table of (status, code, exact description as written) → pattern, for
    /// the common response that carries a coded entry's description verbatim: found with one
    /// hash of the text and one probe, without looking up the group or folding. Slots hold
    /// (key hash, pattern + 1), 0 = empty; the length is a power of two at least twice the
    /// number of keys.
    verbatim: Box<[(u64, u32)]>,
    /// The same kind of table for descriptions read without their `error` (status, exact
    /// description as written → pattern), holding only the descriptions the description-alone
    /// search answers with that pattern's rule and no values: its answer, computed once by
    /// that search when the matcher is built, so the lookup changes no result.
    alone: Box<[(u64, u32)]>,
    /// (numeric `error_code`, rule), sorted; the first rule listing a number wins.
    by_error_code: Vec<(i64, usize)>,
    /// Group keys sorted by their number (see [`group_number`]); `groups[i]` belongs to
    /// `keys[i]`.
    keys: Vec<(u64, CodeKey<'a>)>,
    groups: Vec<Group>,
    /// Open-addressing hash table over `keys`: slot → group index + 1 (0 = empty); its
    /// length is a power of two at least twice the number of groups, so a lookup probes one
    /// or two slots.
    slots: Vec<u32>,
    /// By status: the group index + 1 of the code-agnostic rules and of all rules (0: none),
    /// so those two lookups need no hashing.
    by_status: Vec<[u32; 2]>,
}

/// Where a group number starts probing in a table of `mask + 1` slots (Fibonacci hashing).
#[inline]
fn slot_of(number: u64, mask: usize) -> usize {
    // Multiplying by 2^64 / φ spreads the key's bits upwards; the middle bits pick the slot.
    (number.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
}

/// The key of the verbatim table: the number of the (status, code) group (see
/// [`group_number`]; computed once per call and shared with the group lookup) mixed with the
/// hash of the description.
#[inline]
fn verbatim_key(group: u64, text: &str) -> u64 {
    // The group number scrambled (Fibonacci multiply, then rotated so its spread bits reach
    // the low half) and xored with the text's hash: one 64-bit key for (status, code, text).
    group.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29) ^ hash(text.as_bytes())
}

fn build_verbatim(
    rules: &[Rule<'_>],
    pattern_rule: &[usize],
    exact_raw: &[Option<Box<str>>],
) -> Box<[(u64, u32)]> {
    // Patterns in catalog order, so among equal keys the first entry is found first.
    let keys: Vec<(u64, u32)> = exact_raw
        .iter()
        .enumerate()
        .filter_map(|(p, raw)| Some((p, raw.as_deref()?)))
        .flat_map(|(p, raw)| {
            let rule = &rules[pattern_rule[p]];
            rule.statuses.iter().flat_map(move |&status| {
                rule.errors.iter().map(move |code| {
                    let group = group_number(status, CodeKey::Code(code));
                    (verbatim_key(group, raw), p as u32 + 1)
                })
            })
        })
        .collect();
    open_table(keys)
}

/// An open-addressing table of (key, pattern + 1) slots, at least twice as long as `keys`.
fn open_table(keys: Vec<(u64, u32)>) -> Box<[(u64, u32)]> {
    let size = (keys.len() * 2).next_power_of_two().max(8);
    let mut table = vec![(0u64, 0u32); size].into_boxed_slice();
    for (key, slot) in keys {
        let mut at = slot_of(key, size - 1);
        while table[at].1 != 0 {
            at = (at + 1) & (size - 1);
        }
        table[at] = (key, slot);
    }
    table
}

fn build_slots(keys: &[(u64, CodeKey<'_>)]) -> Vec<u32> {
    let size = (keys.len() * 2).next_power_of_two().max(8);
    let mask = size - 1;
    let mut slots = vec![0u32; size];
    for (i, &(number, _)) in keys.iter().enumerate() {
        let mut at = slot_of(number, mask);
        while slots[at] != 0 {
            at = (at + 1) & mask;
        }
        slots[at] = i as u32 + 1;
    }
    slots
}

/// Every description of every rule (a pattern), compiled once; the vectors are indexed by
/// pattern number.
struct Patterns {
    /// The rule each pattern belongs to.
    rule: Vec<usize>,
    /// Folded literal bytes of each pattern (see [`MIN_LITERAL`]).
    literal: Vec<usize>,
    compiled: Vec<Option<CompiledTemplate>>,
    exact_text: Vec<Option<Box<str>>>,
    exact_raw: Vec<Option<Box<str>>>,
}

impl Patterns {
    fn compile(rules: &[Rule<'_>]) -> Patterns {
        let mut rule = Vec::new();
        let mut parsed: Vec<Option<Template>> = Vec::new();
        for (idx, r) in rules.iter().enumerate() {
            for d in r.descriptions {
                rule.push(idx);
                parsed.push(Template::parse(d).ok());
            }
        }
        let exact = |t: &Option<Template>| Some(fold::trim(&t.as_ref()?.exact_text()?).to_owned());
        Patterns {
            rule,
            literal: parsed
                .iter()
                .map(|t| t.as_ref().map_or(0, literal_bytes))
                .collect(),
            compiled: parsed
                .iter()
                .map(|t| {
                    t.as_ref()
                        .filter(|t| !t.is_exact())
                        .map(CompiledTemplate::new)
                })
                .collect(),
            exact_raw: parsed.iter().map(|t| Some(exact(t)?.into())).collect(),
            exact_text: parsed
                .iter()
                .map(|t| Some(folded_string(&exact(t)?).into_boxed_str()))
                .collect(),
        }
    }
}

/// The folded bytes of a template's literal parts.
fn literal_bytes(t: &Template) -> usize {
    t.parts()
        .iter()
        .map(|p| match p {
            Part::Literal(s) => folded_string(s).len(),
            Part::Placeholder(_) => 0,
        })
        .sum()
}

/// (numeric `error_code`, rule), sorted; the first rule listing a number keeps it.
fn error_code_index(rules: &[Rule<'_>]) -> Vec<(i64, usize)> {
    let mut index: Vec<(i64, usize)> = rules
        .iter()
        .enumerate()
        .flat_map(|(idx, r)| r.error_codes.iter().map(move |&n| (n, idx)))
        .collect();
    index.sort();
    index.dedup_by_key(|&mut (n, _)| n);
    index
}

/// Every (status, code key) each pattern (or description-less rule) answers.
fn place<'a>(rules: &'a [Rule<'a>]) -> Vec<((u16, CodeKey<'a>), Slot)> {
    let mut placed = Vec::new();
    let mut first_pattern = 0;
    for (idx, rule) in rules.iter().enumerate() {
        let slots: Vec<Slot> = if rule.descriptions.is_empty() {
            vec![Slot::Any(idx)]
        } else {
            (first_pattern..first_pattern + rule.descriptions.len())
                .map(Slot::Pattern)
                .collect()
        };
        first_pattern += rule.descriptions.len();
        for &slot in &slots {
            for c in rule.errors {
                placed.push(((0, CodeKey::AnyStatus(c)), slot));
            }
        }
        for &status in rule.statuses {
            for &slot in &slots {
                placed.push(((status, CodeKey::AllRules), slot));
                if rule.errors.is_empty() {
                    placed.push(((status, CodeKey::Agnostic), slot));
                }
                for c in rule.errors {
                    placed.push(((status, CodeKey::Code(c)), slot));
                }
            }
        }
    }
    placed
}

/// One group per key, holding the patterns placed under it.
fn fill_groups(
    keys: &[(u64, CodeKey<'_>)],
    placed: Vec<((u16, CodeKey<'_>), Slot)>,
    patterns: &Patterns,
) -> Vec<Group> {
    let mut groups: Vec<Group> = keys.iter().map(|_| Group::default()).collect();
    for (key, slot) in placed {
        let Ok(g) = keys.binary_search(&(group_number(key.0, key.1), key.1)) else {
            continue;
        };
        let g = &mut groups[g];
        match slot {
            Slot::Any(idx) if key.1 != CodeKey::AllRules => {
                g.any.get_or_insert(idx);
            }
            Slot::Any(_) => {}
            Slot::Pattern(p) => match (&patterns.compiled[p], &patterns.exact_text[p]) {
                (Some(c), _) => g.templates.insert(&c.prefix, p),
                (None, Some(text)) => {
                    let entry = (hash(text.as_bytes()), p);
                    if let Err(at) = g.exact.binary_search(&entry) {
                        g.exact.insert(at, entry);
                    }
                    // One bit per folded length modulo 64: lengths no exact text has skip the hash.
                    g.exact_lengths |= 1 << (text.len() % 64);
                }
                (None, None) => {}
            },
        }
    }
    groups
}

/// By status: the group index + 1 of its code-agnostic rules and of all its rules (0: none).
fn status_columns(keys: &[(u64, CodeKey<'_>)]) -> Vec<[u32; 2]> {
    // The status sits in the top 16 bits of a group number.
    let top = keys
        .iter()
        .map(|&(n, _)| (n >> 48) as usize + 1)
        .max()
        .unwrap_or(0);
    let mut by_status = vec![[0u32; 2]; top];
    for (i, &(n, k)) in keys.iter().enumerate() {
        let column = match k {
            CodeKey::Agnostic => 0,
            CodeKey::AllRules => 1,
            CodeKey::Code(_) | CodeKey::AnyStatus(_) => continue,
        };
        by_status[(n >> 48) as usize][column] = i as u32 + 1;
    }
    by_status
}

impl<'a> Matcher<'a> {
    /// Indexes a rule table. Descriptions that do not parse as templates never match (the
    /// derive and the catalog validator reject them before they get here).
    pub fn new(rules: &'a [Rule<'a>]) -> Matcher<'a> {
        let patterns = Patterns::compile(rules);
        let placed = place(rules);
        let mut keys: Vec<(u64, CodeKey<'a>)> = placed
            .iter()
            .map(|&((s, k), _)| (group_number(s, k), k))
            .collect();
        keys.sort();
        keys.dedup();
        let groups = fill_groups(&keys, placed, &patterns);
        let verbatim = build_verbatim(rules, &patterns.rule, &patterns.exact_raw);
        let mut matcher = Matcher {
            rules,
            slots: build_slots(&keys),
            by_status: status_columns(&keys),
            pattern_rule: patterns.rule,
            pattern_literal: patterns.literal,
            compiled: patterns.compiled,
            exact_text: patterns.exact_text,
            exact_raw: patterns.exact_raw,
            verbatim,
            alone: Box::new([]),
            by_error_code: error_code_index(rules),
            keys,
            groups,
        };
        matcher.alone = matcher.build_alone();
        matcher
    }

    /// The `alone` table: every exact description, under each status of its rule, whose
    /// description-alone answer is that rule without values.
    fn build_alone(&self) -> Box<[(u64, u32)]> {
        let mut keys = Vec::new();
        for (p, raw) in self.exact_raw.iter().enumerate() {
            let Some(raw) = raw.as_deref() else { continue };
            let rule = self.pattern_rule[p];
            for &status in self.rules[rule].statuses {
                let Some(g) = self.group(status, CodeKey::AllRules) else {
                    continue;
                };
                let answer = folded::with_folded(raw, |v| self.unique(g, &v, MIN_LITERAL));
                if answer.is_some_and(|m| m.rule as usize == rule && m.len == 0) {
                    let group = group_number(status, CodeKey::AllRules);
                    keys.push((verbatim_key(group, raw), p as u32 + 1));
                }
            }
        }
        open_table(keys)
    }

    fn group(&self, status: u16, key: CodeKey<'_>) -> Option<&Group> {
        let column = match key {
            CodeKey::Agnostic => 0,
            CodeKey::AllRules => 1,
            CodeKey::Code(_) | CodeKey::AnyStatus(_) => {
                return self.group_numbered(group_number(status, key), key);
            }
        };
        let i = self.by_status.get(usize::from(status))?[column];
        self.groups.get((i as usize).checked_sub(1)?)
    }

    #[inline]
    fn group_numbered(&self, number: u64, key: CodeKey<'_>) -> Option<&Group> {
        let mask = self.slots.len() - 1;
        let mut at = slot_of(number, mask);
        loop {
            let slot = *self.slots.get(at)?;
            let i = (slot as usize).checked_sub(1)?;
            let (n, k) = self.keys[i];
            if n == number && k == key {
                return self.groups.get(i);
            }
            at = (at + 1) & mask;
        }
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
    ///     errors: &["forbidden_op"],
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
        if let Some(n) = parts.error_code
            && let Ok(i) = self.by_error_code.binary_search_by_key(&n, |&(k, _)| k)
        {
            let rule = self.by_error_code[i].1;
            let text = parts.description.map(fold::trim).unwrap_or("");
            return Some(self.numbered(rule, text).by(MatchedBy::ErrorCode));
        }
        let code = parts.error.map(trim_code).filter(|c| !c.is_empty());
        let text = parts.description.map(fold::trim);
        if let Some(code) = code {
            if let Some(m) = self.by_status_and_code(parts.status, code, text) {
                return Some(m);
            }
            if self.group(0, CodeKey::AnyStatus(code)).is_some() {
                // A code the catalog knows, under a status its entries do not list.
                return self.by_code_any_status(code, text?);
            }
        }
        self.by_description_alone(parts.status, text?)
    }

    /// Stages 1–5 of the precedence: the groups of this status and code.
    fn by_status_and_code<'t>(
        &self,
        status: u16,
        code: &str,
        text: Option<&'t str>,
    ) -> Option<Match<'t>> {
        // The coded group's number, hashed once for the verbatim and the group lookup.
        let number = group_number(status, CodeKey::Code(code));
        let coded = self.group_numbered(number, CodeKey::Code(code));
        let any = || Some(Match::bare(coded?.any?, "").by(MatchedBy::Error));
        let Some(text) = text else {
            return any();
        };
        // Fast path: the description exactly as a coded entry writes it. Within one status and
        // code, descriptions that fold equal are rejected by validation, so this is the answer
        // the folded lookup would give.
        if let Some(p) = self.verbatim(number, status, code, text) {
            return Some(Match::bare(self.pattern_rule[p], text));
        }
        let agnostic = self.group(status, CodeKey::Agnostic);
        // Nothing to compare the description with: no need to fold it.
        if ![coded, agnostic].iter().flatten().any(|g| g.has_patterns()) {
            return any();
        }
        folded::with_folded(text, |v| {
            let h = LazyHash::new(v.folded);
            let found = |g: Option<&Group>, how| {
                let g = g?;
                Some(
                    self.exact(g, &v, &h)
                        .or_else(|| self.template(g, &v))?
                        .by(how),
                )
            };
            found(coded, MatchedBy::ErrorAndDescription)
                .or_else(|| found(agnostic, MatchedBy::Description))
                .or_else(any)
        })
    }

    /// A known `error` whose entries do not list this status: the one entry, among all that
    /// list the `error`, whose description fits; `None` when none or several do.
    fn by_code_any_status<'t>(&self, code: &str, text: &'t str) -> Option<Match<'t>> {
        let g = self.group(0, CodeKey::AnyStatus(code))?;
        folded::with_folded(text, |v| self.unique(g, &v, 0))
    }

    /// No `error`, or one the catalog does not know: the one entry of this status whose
    /// description fits (templates need [`MIN_LITERAL`] bytes of literal text); `None` when
    /// none or several do.
    fn by_description_alone<'t>(&self, status: u16, text: &'t str) -> Option<Match<'t>> {
        // Fast path: a description exactly as an entry writes it, answered when built.
        let key = verbatim_key(group_number(status, CodeKey::AllRules), text);
        if let Some(p) = self.probe(&self.alone, key, |p| {
            self.rules[self.pattern_rule[p]].statuses.contains(&status)
                && self.exact_raw[p].as_deref() == Some(text)
        }) {
            return Some(Match::bare(self.pattern_rule[p], text).by(MatchedBy::Description));
        }
        let g = self.group(status, CodeKey::AllRules)?;
        let m = folded::with_folded(text, |v| self.unique(g, &v, MIN_LITERAL))?;
        Some(m.by(MatchedBy::Description))
    }

    /// The pattern whose description, as written, is `text`, for `status` and `code` (whose
    /// group number is `group`).
    #[inline]
    fn verbatim(&self, group: u64, status: u16, code: &str, text: &str) -> Option<usize> {
        self.probe(&self.verbatim, verbatim_key(group, text), |p| {
            let rule = &self.rules[self.pattern_rule[p]];
            self.exact_raw[p].as_deref() == Some(text)
                && rule.statuses.contains(&status)
                && rule.errors.contains(&code)
        })
    }

    /// The first pattern under `key` in an open-addressing `table` that `fits`.
    #[inline]
    fn probe(&self, table: &[(u64, u32)], key: u64, fits: impl Fn(usize) -> bool) -> Option<usize> {
        let mask = table.len() - 1;
        let mut at = slot_of(key, mask);
        loop {
            let (k, slot) = table[at];
            let p = (slot as usize).checked_sub(1)?;
            if k == key && fits(p) {
                return Some(p);
            }
            at = (at + 1) & mask;
        }
    }

    /// The match for a rule chosen by its numeric code: with the values of the first of its
    /// templates the description fits, else without values.
    fn numbered<'t>(&self, rule: usize, text: &'t str) -> Match<'t> {
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        let hit = folded::with_folded(text, |v| {
            (0..self.pattern_rule.len())
                .filter(|&p| self.pattern_rule[p] == rule)
                .find_map(|p| {
                    let c = self.compiled[p].as_ref()?;
                    c.matches(&v, &mut spans).then_some(c.placeholders)
                })
        });
        match hit {
            Some(len) => Match::with_values(rule, text, spans, len),
            None => Match::bare(rule, text),
        }
    }

    fn exact<'t>(
        &self,
        g: &Group,
        v: &FoldedText<'_, 't>,
        hash: &LazyHash<'_>,
    ) -> Option<Match<'t>> {
        // No exact description of this length (modulo 64): nothing to hash or look up.
        if g.exact_lengths & (1 << (v.folded.len() % 64)) == 0 {
            return None;
        }
        let hash = hash.get();
        let from = g.exact.partition_point(|&(h, _)| h < hash);
        g.exact[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .map(|&(_, p)| p)
            .find(|&p| self.exact_text[p].as_deref().map(str::as_bytes) == Some(v.folded))
            .map(|p| Match::bare(self.pattern_rule[p], v.text))
    }

    /// Tries the templates whose literal prefix the description starts with, longest prefix
    /// first.
    fn template<'t>(&self, g: &Group, v: &FoldedText<'_, 't>) -> Option<Match<'t>> {
        self.template_from(g, 0, 0, v)
    }

    /// The match when exactly one rule of the group fits the description (exact descriptions,
    /// and templates with at least `min_literal` literal bytes); `None` when none or several
    /// rules do. A rule that fits through several of its descriptions counts once.
    fn unique<'t>(
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
        let hash = hash(v.folded);
        let from = g.exact.partition_point(|&(h, _)| h < hash);
        for &(_, p) in g.exact[from..].iter().take_while(|&&(h, _)| h == hash) {
            if self.exact_text[p].as_deref().map(str::as_bytes) == Some(v.folded) {
                add(Match::bare(self.pattern_rule[p], v.text)).ok()?;
            }
        }
        // Every template whose literal prefix the text starts with: the rules of each node on
        // the path the text walks through the trie (walked in place, so nothing allocates).
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        let mut node = Some(0usize);
        let mut depth = 0;
        while let Some(n) = node {
            for &p in &g.templates.nodes[n].rules {
                if self.pattern_literal[p] >= min_literal
                    && let Some(t) = &self.compiled[p]
                    && t.matches(v, &mut spans)
                {
                    let m = Match::with_values(self.pattern_rule[p], v.text, spans, t.placeholders);
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

    fn template_from<'t>(
        &self,
        g: &Group,
        node: usize,
        depth: usize,
        v: &FoldedText<'_, 't>,
    ) -> Option<Match<'t>> {
        if let Some(rest) = v.folded.get(depth..)
            && let Some(child) = g.templates.child(node, rest)
            && let Some(m) =
                self.template_from(g, child, depth + g.templates.nodes[child].label.len(), v)
        {
            return Some(m);
        }
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        for &p in &g.templates.nodes[node].rules {
            if let Some(c) = &self.compiled[p]
                && c.matches(v, &mut spans)
            {
                return Some(Match::with_values(
                    self.pattern_rule[p],
                    v.text,
                    spans,
                    c.placeholders,
                ));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'t>(
        status: u16,
        error: Option<&'t str>,
        error_code: Option<i64>,
        description: Option<&'t str>,
    ) -> ResponseParts<'t> {
        ResponseParts {
            status,
            error,
            error_code,
            description,
        }
    }

    /// The `alone` table answers exactly as the description-alone search does without it:
    /// an exact description another rule's template also fits stays ambiguous (`None`).
    #[test]
    fn alone_table_changes_no_answer() {
        const AMBIGUOUS: &[Rule<'static>] = &[
            Rule {
                statuses: &[400],
                errors: &[],
                descriptions: &["user bob is not legal", "resource not exist"],
                error_codes: &[],
            },
            Rule {
                statuses: &[400],
                errors: &["illegal_argument"],
                descriptions: &["user {name} is not legal"],
                error_codes: &[],
            },
            Rule {
                statuses: &[400, 403],
                errors: &["forbidden_op"],
                descriptions: &[
                    "too many queries",
                    "user {name} is not admin of group {group}",
                ],
                error_codes: &[],
            },
        ];
        for rules in [RULES, AMBIGUOUS] {
            let fast = Matcher::new(rules);
            let mut slow = Matcher::new(rules);
            slow.alone = open_table(Vec::new());
            assert!(fast.alone.iter().any(|&(_, slot)| slot != 0));
            let texts = rules
                .iter()
                .flat_map(|r| r.descriptions.iter().copied())
                .chain(["user ann is not legal", "user x is not admin of group 1"]);
            for text in texts {
                for status in [400, 403, 404] {
                    let answer = |m: &Matcher<'_>| {
                        m.by_description_alone(status, text)
                            .map(|m| (m.rule, m.len, m.how))
                    };
                    assert_eq!(answer(&fast), answer(&slow), "{status} {text:?}");
                }
            }
        }
        let m = Matcher::new(AMBIGUOUS);
        assert!(
            m.by_description_alone(400, "user bob is not legal")
                .is_none()
        );
        assert_eq!(
            m.by_description_alone(400, "resource not exist")
                .map(|m| m.rule),
            Some(0)
        );
        assert_eq!(
            m.by_description_alone(403, "too many queries")
                .map(|m| m.rule),
            Some(2)
        );
    }

    const RULES: &[Rule<'static>] = &[
        Rule {
            statuses: &[400],
            errors: &["illegal_argument"],
            descriptions: &["group member {username} doesn't exist"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["illegal_argument"],
            descriptions: &["newpassword is required"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["illegal_argument"],
            descriptions: &[],
            error_codes: &[],
        },
        Rule {
            statuses: &[403],
            errors: &[],
            descriptions: &["this appKey has create too many groups/chatrooms!"],
            error_codes: &[],
        },
        Rule {
            statuses: &[403],
            errors: &[],
            descriptions: &[
                "can not join this group, reason:user {user} has joined too many groups/chatroom!",
            ],
            error_codes: &[],
        },
        Rule {
            statuses: &[403],
            errors: &["forbidden_op"],
            descriptions: &[
                "can not join this group, reason:user: {user} already in group: {group_id}",
            ],
            error_codes: &[],
        },
        Rule {
            statuses: &[401],
            errors: &["unauthorized"],
            descriptions: &["Unable to authenticate due to expired access token"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["required_property_not_found"],
            descriptions: &["Entity user requires a property named username"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["illegal_argument"],
            descriptions: &["Entity user requires a property named username"],
            error_codes: &[],
        },
    ];

    fn hit(status: u16, code: Option<&str>, desc: &str) -> Option<(usize, Vec<String>)> {
        let m = Matcher::new(RULES);
        m.classify(parts(status, code, None, Some(desc)))
            .map(|h| (h.rule(), h.captures().map(str::to_owned).collect()))
    }

    #[test]
    fn exact_beats_template_beats_any() {
        assert_eq!(
            hit(400, Some("illegal_argument"), "newpassword is required"),
            Some((1, vec![]))
        );
        assert_eq!(
            hit(
                400,
                Some("illegal_argument"),
                "group member bob doesn't exist"
            ),
            Some((0, vec!["bob".into()]))
        );
        assert_eq!(
            hit(400, Some("illegal_argument"), "something new"),
            Some((2, vec![]))
        );
        // An `error` the catalog does not know: the description alone decides.
        assert_eq!(
            hit(400, Some("other_code"), "newpassword is required"),
            Some((1, vec![]))
        );
    }

    #[test]
    fn agnostic_rules_match_any_code() {
        assert_eq!(
            hit(
                403,
                Some("forbidden_op"),
                "this appKey has create too many groups/chatrooms!"
            ),
            Some((3, vec![]))
        );
        assert_eq!(
            hit(
                403,
                None,
                "can not join this group, reason:user u9 has joined too many groups/chatroom!"
            ),
            Some((4, vec!["u9".into()]))
        );
    }

    #[test]
    fn missing_code_matches_on_status_and_description_when_unique() {
        assert_eq!(
            hit(
                401,
                None,
                "Unable to authenticate due to expired access token"
            ),
            Some((6, vec![]))
        );
        assert_eq!(
            hit(
                401,
                Some(""),
                "Unable to authenticate due to expired access token"
            ),
            Some((6, vec![]))
        );
        // Two entries (of different codes) share this description: no guess.
        assert_eq!(
            hit(400, None, "Entity user requires a property named username"),
            None
        );
        assert_eq!(hit(400, None, "unknown text"), None);
    }

    fn how(
        status: u16,
        code: Option<&str>,
        number: Option<i64>,
        desc: Option<&str>,
    ) -> Option<(usize, MatchedBy)> {
        let m = Matcher::new(RULES);
        m.classify(parts(status, code, number, desc))
            .map(|h| (h.rule(), h.matched_by()))
    }

    #[test]
    fn each_match_says_what_it_rested_on() {
        let text = Some("newpassword is required");
        assert_eq!(
            how(400, Some("illegal_argument"), None, text),
            Some((1, MatchedBy::ErrorAndDescription))
        );
        assert_eq!(
            how(400, None, None, text),
            Some((1, MatchedBy::Description))
        );
        assert_eq!(
            how(400, Some("legacy_code"), None, text),
            Some((1, MatchedBy::Description))
        );
        assert_eq!(
            how(400, Some("illegal_argument"), None, Some("new text")),
            Some((2, MatchedBy::Error))
        );
        assert_eq!(
            how(400, Some("illegal_argument"), None, None),
            Some((2, MatchedBy::Error))
        );
        // Status drift: the `error` and the description name one entry, under another status.
        assert_eq!(
            how(500, Some("illegal_argument"), None, text),
            Some((1, MatchedBy::ErrorAndDescription))
        );
        assert_eq!(
            how(
                404,
                Some("unauthorized"),
                None,
                Some("Unable to authenticate due to expired access token")
            ),
            Some((6, MatchedBy::ErrorAndDescription))
        );
        // The `error` narrows two entries with one description to one.
        assert_eq!(
            how(
                401,
                Some("illegal_argument"),
                None,
                Some("Entity user requires a property named username")
            ),
            Some((8, MatchedBy::ErrorAndDescription))
        );
        assert_eq!(
            how(403, Some("forbidden_op"), None, Some("no such text")),
            None
        );
    }

    #[test]
    fn description_alone_needs_enough_literal_text() {
        const SHORT: &[Rule<'static>] = &[
            Rule {
                statuses: &[400],
                errors: &["a"],
                descriptions: &["{x}: {y}"],
                error_codes: &[],
            },
            Rule {
                statuses: &[400],
                errors: &["b"],
                descriptions: &["user {name} is not legal"],
                error_codes: &[],
            },
        ];
        let m = Matcher::new(SHORT);
        let rule = |code, text| {
            m.classify(parts(400, code, None, Some(text)))
                .map(|h| h.rule())
        };
        assert_eq!(
            rule(Some("a"), "k: v"),
            Some(0),
            "with its `error` a short template matches"
        );
        assert_eq!(
            rule(None, "k: v"),
            None,
            "alone it does not: 1 literal byte"
        );
        assert_eq!(
            rule(None, "user bob is not legal"),
            Some(1),
            "12 literal bytes"
        );
        assert!(
            literal_bytes(&Template::parse("user {name} is not legal").unwrap()) >= MIN_LITERAL
        );
    }

    #[test]
    fn trailing_newline_and_two_placeholders() {
        assert_eq!(
            hit(
                403,
                Some("forbidden_op"),
                "can not join this group, reason:user: hxtest1 already in group: 40659491815425\n"
            ),
            Some((5, vec!["hxtest1".into(), "40659491815425".into()]))
        );
    }

    #[test]
    fn longest_literal_prefix_is_tried_first() {
        const T: &[Rule<'static>] = &[
            Rule {
                statuses: &[400],
                errors: &["c"],
                descriptions: &["abc{x}"],
                error_codes: &[],
            },
            Rule {
                statuses: &[400],
                errors: &["c"],
                descriptions: &["abd{x}"],
                error_codes: &[],
            },
            Rule {
                statuses: &[400],
                errors: &["c"],
                descriptions: &["ab{x}"],
                error_codes: &[],
            },
            Rule {
                statuses: &[400],
                errors: &["c"],
                descriptions: &["{x}z"],
                error_codes: &[],
            },
            Rule {
                statuses: &[400],
                errors: &["c"],
                descriptions: &["a b c d {x}"],
                error_codes: &[],
            },
        ];
        let m = Matcher::new(T);
        let rule = |d: &str| {
            m.classify(parts(400, Some("c"), None, Some(d)))
                .map(|h| (h.rule(), h.capture(0).to_owned()))
        };
        assert_eq!(rule("abcq"), Some((0, "q".into())));
        assert_eq!(rule("abdq"), Some((1, "q".into())));
        assert_eq!(rule("abq"), Some((2, "q".into())));
        assert_eq!(
            rule("abcdq"),
            Some((4, "q".into())),
            "split labels still reach the deepest node"
        );
        assert_eq!(rule("qqz"), Some((3, "qq".into())));
        assert_eq!(rule("q"), None);
    }

    #[test]
    fn placeholders_need_a_value() {
        assert_eq!(
            hit(400, Some("illegal_argument"), "group member  doesn't exist"),
            Some((2, vec![]))
        );
    }

    #[test]
    fn rewordings_match_the_same_rule_with_the_same_fields() {
        const T: &[Rule<'static>] = &[
            Rule {
                statuses: &[403],
                errors: &["forbidden_op"],
                descriptions: &[
                    "users [{users}] are not members of this group!",
                    "users {users} are not members of this group!",
                ],
                error_codes: &[],
            },
            Rule {
                statuses: &[400],
                errors: &[],
                descriptions: &["param from can't be empty"],
                error_codes: &[14001],
            },
        ];
        let m = Matcher::new(T);
        let hit = |s, d| {
            m.classify(parts(s, Some("forbidden_op"), None, Some(d)))
                .map(|h| (h.rule(), h.capture(0).to_owned()))
        };
        assert_eq!(
            hit(403, "users [u1] are not members of this group!"),
            Some((0, "u1".into()))
        );
        assert_eq!(
            hit(403, "Users u1 are not members of this group!"),
            Some((0, "u1".into()))
        );
        let by_number = m
            .classify(parts(
                200,
                Some("message_send_error"),
                Some(14001),
                Some("anything"),
            ))
            .map(|h| h.rule());
        assert_eq!(
            by_number,
            Some(1),
            "a numeric code wins whatever the status"
        );
        assert_eq!(
            m.classify(parts(
                400,
                None,
                Some(99),
                Some("param from can't be empty")
            ))
            .map(|h| h.rule()),
            Some(1),
            "an unknown number falls back to the description"
        );
    }
}
