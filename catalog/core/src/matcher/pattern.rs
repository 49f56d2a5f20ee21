//! Every description of every rule (a *pattern*), compiled once: exact descriptions as
//! written and folded, templates as folded literal pieces around their placeholders.
//!
//! Decides whether one pattern fits one folded description, and where its values are; which
//! patterns are tried, and in what order, is the stages' business.

use super::MAX_PLACEHOLDERS;
use super::Rule;
use super::written::Written;
use crate::fold;
use crate::folded::{FoldedText, folded_string};
use crate::search;
use crate::template::{Part, Template};

/// One description of one rule.
#[derive(Debug)]
pub(super) struct Pattern {
    /// The rule it belongs to (its index in the rule table).
    pub(super) rule: usize,
    /// Folded literal bytes (see [`super::MIN_LITERAL`]).
    pub(super) literal: usize,
    /// The compiled template; `None` for exact descriptions (and texts that do not parse).
    pub(super) template: Option<CompiledTemplate>,
    /// The exact description folded; `None` for templates.
    pub(super) folded: Option<Box<str>>,
    /// The exact description as written (unescaped, trimmed); `None` for templates.
    pub(super) raw: Option<Box<str>>,
}

/// Compiles every description of every rule, in rule order: pattern numbers follow the
/// catalog.
pub(super) fn compile(rules: &[Rule<'_>]) -> Vec<Pattern> {
    let mut out = Vec::new();
    for (rule, r) in rules.iter().enumerate() {
        for d in r.descriptions {
            let parsed = Template::parse(d).ok();
            let raw = parsed
                .as_ref()
                .and_then(Template::exact_text)
                .map(|t| fold::trim(&t).to_owned());
            out.push(Pattern {
                rule,
                literal: parsed.as_ref().map_or(0, literal_bytes),
                template: parsed
                    .as_ref()
                    .filter(|t| !t.is_exact())
                    .map(CompiledTemplate::new),
                folded: raw.as_deref().map(|r| folded_string(r).into_boxed_str()),
                raw: raw.map(String::into_boxed_str),
            });
        }
    }
    out
}

/// A template compiled for matching: folded literal pieces around the placeholders.
#[derive(Debug)]
pub(super) struct CompiledTemplate {
    /// Literal the description must start with (may be empty).
    pub(super) prefix: Box<str>,
    /// Literals between placeholders, in order (never empty), each with the index of the
    /// byte to search for first ([`search::rarest`]).
    middles: Box<[(Box<[u8]>, usize)]>,
    /// Literal the description must end with (may be empty).
    suffix: Box<str>,
    /// Number of placeholders (`middles.len() + 1`).
    pub(super) placeholders: usize,
    /// The literal pieces as written, for stage 2's shortcut; `None` when not ASCII.
    pub(super) written: Option<Written>,
    /// The suffix's last (up to eight) bytes in the high bytes of a little-endian word, and
    /// the mask of those bytes: the last eight bytes of a description the template fits,
    /// masked, equal the first.
    pub(super) tail: (u64, u64),
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
            tail: tail(suffix.as_bytes()),
            prefix: prefix.into_boxed_str(),
            middles: middles.into(),
            suffix: suffix.into_boxed_str(),
            placeholders,
            written: Written::new(template),
        }
    }

    /// Whether the folded description starts with the prefix and ends with the suffix. Most
    /// templates tried on a description fail here; their last eight bytes are compared as one
    /// word first, which decides most of them without a byte loop.
    #[inline]
    fn ends_fit(&self, f: &[u8]) -> bool {
        let (prefix, suffix) = (self.prefix.as_bytes(), self.suffix.as_bytes());
        if f.len() < prefix.len() + suffix.len() {
            return false;
        }
        if let Some(last) = f.get(f.len().wrapping_sub(8)..)
            && (u64::from_le_bytes(last.try_into().unwrap_or([0; 8])) & self.tail.1) != self.tail.0
        {
            return false;
        }
        search::same(&f[..prefix.len()], prefix)
            && search::same(&f[f.len() - suffix.len()..], suffix)
    }

    /// Matches a folded description; fills `spans` with the trimmed placeholder values (byte
    /// ranges of the original text).
    pub(super) fn matches(
        &self,
        v: &FoldedText<'_, '_>,
        spans: &mut [(u32, u32); MAX_PLACEHOLDERS],
    ) -> bool {
        if self.placeholders == 0 || self.placeholders > MAX_PLACEHOLDERS {
            return false;
        }
        let f = v.folded;
        if !self.ends_fit(f) {
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

/// The word and mask of [`CompiledTemplate::tail`] for a suffix.
fn tail(suffix: &[u8]) -> (u64, u64) {
    let k = suffix.len().min(8);
    let mut word = [0u8; 8];
    let mut mask = [0u8; 8];
    word[8 - k..].copy_from_slice(&suffix[suffix.len() - k..]);
    mask[8 - k..].fill(0xff);
    (u64::from_le_bytes(word), u64::from_le_bytes(mask))
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
pub(super) fn trimmed(text: &str, a: usize, b: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Values nearly always end in ASCII, often after a space before the next literal: the
    // ASCII whitespace comes off byte by byte, and characters are decoded only when what is
    // left starts or ends beyond ASCII (where `str::trim` may find more whitespace).
    if a < b && b <= bytes.len() {
        let (mut start, mut end) = (a, b);
        while start < end && is_space(bytes[start]) {
            start += 1;
        }
        while end > start && is_space(bytes[end - 1]) {
            end -= 1;
        }
        if start == end || (bytes[start].is_ascii() && bytes[end - 1].is_ascii()) {
            return (start, end);
        }
    }
    let s = text.get(a..b).unwrap_or("");
    let start = a + (s.len() - s.trim_start().len());
    let end = b - (s.len() - s.trim_end().len());
    (start, end.max(start))
}

/// The ASCII bytes `char::is_whitespace` holds to be whitespace (those folding drops).
#[inline]
pub(super) fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The folded bytes of a template's literal parts.
pub(super) fn literal_bytes(t: &Template) -> usize {
    t.parts()
        .iter()
        .map(|p| match p {
            Part::Literal(s) => folded_string(s).len(),
            Part::Placeholder(_) => 0,
        })
        .sum()
}
