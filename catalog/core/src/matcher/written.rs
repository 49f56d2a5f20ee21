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
//!
//! Where it looks: [`Blocks`], one block of bytes per status and `error`, found by the
//! group's number in the matcher's [`Table`] type. A block holds the code to compare, the
//! group's exact-description lengths, a directory by first byte and every template's literal
//! pieces, one after another. A description that comes here after the regex list of a busy
//! service (or any other work) has pushed the matcher out of the caches, reads the table's slot
//! and its block, instead of a chain of group, trie nodes, pattern and one heap block per
//! literal, each waiting for the one before it.

use super::group::{CodeKey, Groups};
use super::pattern::{Pattern, is_space, trimmed};
use super::record::{self, u16_at, u32_at};
use super::table::Table;
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

/// Every coded group's written templates, a block of bytes each, found by the group's number.
///
/// A block is a record (see [`super::record`]) at the offset its table slot holds; lengths and
/// counts are single bytes, the rule a `u32`, offsets `u16`s from the block's start:
///
/// ```text
/// status (u16) | code length | code | exact lengths (32 bytes, as `Group`'s)
/// | n | first byte of each prefix (n) | offset of each entry (n × u16)
/// | entries: rule (u32) | values | prefix length | suffix length | prefix | suffix
///            | per literal between values: length | rare | folded rare | bytes
/// ```
///
/// A group's templates go in when each fits these bytes (a group whose entries would start past
/// 64 KiB keeps none); what is left out is found by the folded search, as before.
#[derive(Debug)]
pub(super) struct Blocks {
    table: Table,
    bytes: Vec<u8>,
}

/// Where the fixed fields of a block and of an entry are.
const CODE_LEN: usize = 2;
const EXACT_BYTES: usize = 32;
const ENTRY_HEAD: usize = 7;

impl Default for Blocks {
    fn default() -> Blocks {
        Blocks {
            table: Table::new([]),
            bytes: Vec::new(),
        }
    }
}

impl Blocks {
    /// A block for every coded group with templates stage 2 can match as written: the first
    /// template of each leaf of the group's trie (see [`super::trie::Trie::leaf_firsts`]) whose literal
    /// pieces are ASCII.
    pub(super) fn build(groups: &Groups<'_>, patterns: &[Pattern]) -> Blocks {
        let mut bytes = Vec::new();
        let mut placed = Vec::new();
        for (number, status, code, g) in groups.coded() {
            let written: Vec<(usize, &Written)> = g
                .templates
                .leaf_firsts()
                .filter_map(|c| {
                    let w = patterns[c.pattern].template.as_ref()?.written.as_ref()?;
                    Some((patterns[c.pattern].rule, w))
                })
                .collect();
            if let Some(block) = encode(status, code, g.exact_lengths(), &written) {
                placed.push((number, bytes.len()));
                bytes.extend_from_slice(&block);
            }
        }
        Blocks {
            table: Table::new(placed),
            bytes,
        }
    }

    /// The block of `status` and `code`, whose group number is `number`.
    #[inline]
    fn find(&self, number: u64, status: u16, code: &str) -> Option<Block<'_>> {
        let at = self.table.find(number, |at| {
            let b = Block(&self.bytes[at..]);
            b.status() == Some(status) && b.code().is_some_and(|c| search::same(c, code.as_bytes()))
        })?;
        Some(Block(&self.bytes[at..]))
    }
}

/// One group's block (see [`Blocks`]), and whatever follows it in the arena.
#[derive(Clone, Copy)]
struct Block<'b>(&'b [u8]);

impl<'b> Block<'b> {
    fn status(self) -> Option<u16> {
        u16_at(self.0, 0)
    }

    fn code(self) -> Option<&'b [u8]> {
        let n = usize::from(self.0[CODE_LEN]);
        self.0.get(CODE_LEN + 1..CODE_LEN + 1 + n)
    }

    /// Where the exact lengths start.
    fn exact_at(self) -> usize {
        CODE_LEN + 1 + usize::from(self.0[CODE_LEN])
    }

    /// Whether an exact description of the group may have `folded_len` folded bytes (as
    /// `Group::may_have_exact`).
    fn may_have_exact(self, folded_len: usize) -> bool {
        let n = folded_len % 256;
        self.0
            .get(self.exact_at() + n / 8)
            .is_some_and(|byte| byte & (1 << (n % 8)) != 0)
    }

    /// The entry whose prefix starts `text`: at most one can (prefixes are checked at build
    /// time to be none the start of another).
    fn entry_for(self, text: &[u8]) -> Option<Entry<'b>> {
        let dir = self.exact_at() + EXACT_BYTES;
        let n = usize::from(*self.0.get(dir)?);
        let firsts = self.0.get(dir + 1..dir + 1 + n)?;
        let offsets = dir + 1 + n;
        let entry = |i: usize| Entry::at(self.0, usize::from(u16_at(self.0, offsets + 2 * i)?));
        if n == 1 {
            // The only entry may have no prefix (then it is the only one the group has).
            return entry(0).filter(|e| e.starts(text));
        }
        let &first = text.first()?;
        firsts
            .iter()
            .enumerate()
            .filter(|&(_, &f)| f == first)
            .filter_map(|(i, _)| entry(i))
            .find(|e| e.starts(text))
    }
}

/// One template of a block, read in place.
struct Entry<'b> {
    rule: usize,
    placeholders: usize,
    prefix: &'b [u8],
    suffix: &'b [u8],
    /// The literals between values, each as length, rare, folded rare and bytes.
    middles: &'b [u8],
}

impl<'b> Entry<'b> {
    fn at(block: &'b [u8], at: usize) -> Option<Entry<'b>> {
        let head = block.get(at..at + ENTRY_HEAD)?;
        let (p, s) = (usize::from(head[5]), usize::from(head[6]));
        let prefix_at = at + ENTRY_HEAD;
        Some(Entry {
            rule: u32_at(head, 0)? as usize,
            placeholders: usize::from(head[4]),
            prefix: block.get(prefix_at..prefix_at + p)?,
            suffix: block.get(prefix_at + p..prefix_at + p + s)?,
            middles: block.get(prefix_at + p + s..)?,
        })
    }

    fn starts(&self, text: &[u8]) -> bool {
        text.get(..self.prefix.len())
            .is_some_and(|head| search::same(head, self.prefix))
    }

    /// Matches the (trimmed, ASCII) description as written; fills `spans` with the values'
    /// trimmed byte ranges. `false` means undecided, not "no".
    fn fits(&self, text: &str, spans: &mut [(u32, u32); MAX_PLACEHOLDERS]) -> bool {
        let b = text.as_bytes();
        let (prefix, suffix) = (self.prefix, self.suffix);
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
        let mut middles = self.middles;
        for span_of in spans.iter_mut().take(self.placeholders - 1) {
            let Some((&[len, rare, folded_rare], rest)) = middles.split_first_chunk::<3>() else {
                return false;
            };
            let Some((m, rest)) = rest.split_at_checked(usize::from(len)) else {
                return false;
            };
            middles = rest;
            // A value holds at least one character that folding keeps.
            let Some(first) = first_kept(b, at, end) else {
                return false;
            };
            let from = first + 1;
            let Some(p) = b
                .get(from..end)
                .and_then(|r| search::find(r, m, usize::from(rare)))
                .map(|p| p + from)
            else {
                return false;
            };
            if holds_folded(&b[from..p], folded_rare) {
                return false;
            }
            *span_of = span(text, at, p);
            at = p + m.len();
        }
        if first_kept(b, at, end).is_none() {
            return false;
        }
        spans[self.placeholders - 1] = span(text, at, end);
        true
    }
}

/// A group's block; `None` when it has no written template, or one does not fit the block's
/// bytes, or two prefixes are one the start of the other (none of this happens in the
/// catalog; the folded search answers those texts).
fn encode(
    status: u16,
    code: &str,
    exact: [u64; 4],
    written: &[(usize, &Written)],
) -> Option<Vec<u8>> {
    let n = u8::try_from(written.len()).ok().filter(|&n| n > 0)?;
    let nested = written.iter().enumerate().any(|(i, (_, a))| {
        written
            .iter()
            .enumerate()
            .any(|(j, (_, b))| i != j && b.prefix.as_bytes().starts_with(a.prefix.as_bytes()))
    });
    if nested {
        return None;
    }
    let mut block = Vec::new();
    block.extend_from_slice(&status.to_le_bytes());
    record::push_u8(&mut block, code.len())?;
    block.extend_from_slice(code.as_bytes());
    block.extend(exact.iter().flat_map(|w| w.to_le_bytes()));
    block.push(n);
    block.extend(
        written
            .iter()
            .map(|(_, w)| w.prefix.as_bytes().first().copied().unwrap_or(0)),
    );
    let offsets = block.len();
    block.resize(offsets + 2 * written.len(), 0);
    for (i, &(rule, w)) in written.iter().enumerate() {
        let at = u16::try_from(block.len()).ok()?;
        block[offsets + 2 * i..offsets + 2 * i + 2].copy_from_slice(&at.to_le_bytes());
        record::push_u32(&mut block, rule)?;
        record::push_u8(&mut block, w.placeholders)?;
        record::push_u8(&mut block, w.prefix.len())?;
        record::push_u8(&mut block, w.suffix.len())?;
        block.extend_from_slice(w.prefix.as_bytes());
        block.extend_from_slice(&w.suffix);
        for m in &w.middles {
            record::push_u8(&mut block, m.bytes.len())?;
            record::push_u8(&mut block, m.rare)?;
            block.push(m.folded_rare);
            block.extend_from_slice(&m.bytes);
        }
    }
    Some(block)
}

impl Matcher<'_> {
    /// Stage 2 for `status` and `code` (whose group number is `number`) decided without
    /// folding, when it can be: the template the folded search would find, with its values;
    /// `None` hands on.
    #[inline]
    pub(super) fn as_written<'t>(
        &self,
        number: u64,
        status: u16,
        code: &str,
        text: &'t str,
    ) -> Option<Match<'t>> {
        let block = self.written.find(number, status, code)?;
        let entry = block.entry_for(text.as_bytes())?;
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        if !entry.fits(text, &mut spans) {
            return None;
        }
        // An exact description of the group with the text's folded length may be the text
        // folded, and the folded search tries those first: only then is the text folded, to
        // look it up (the templates' search, which costs the most, is still skipped).
        if block.may_have_exact(folded_len(text.as_bytes())?) {
            let g = self.groups.numbered(number, CodeKey::Code(code))?;
            if let Some(exact) = folded::with_folded(text, |v| self.exact(g, &v)) {
                return Some(exact);
            }
        }
        Some(Match::with_values(
            entry.rule,
            text,
            spans,
            entry.placeholders,
        ))
    }
}
