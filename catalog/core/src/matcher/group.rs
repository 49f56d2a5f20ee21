//! Rules grouped by the responses they answer: by status and `error`, code-agnostic rules of
//! a status, every rule of a status, and every rule listing an `error` whatever its status.
//!
//! Decides nothing about precedence: it builds, once, the group each stage looks in (exact
//! descriptions by the hash of their folded text, templates in a [`Trie`], the first rule
//! that accepts any description) and finds a group by status and key, through the matcher's
//! one [`Table`] type.

use super::Rule;
use super::pattern::Pattern;
use super::record::{self, u32_at};
use super::table::{Table, hash, text_key};
use super::trie::{Candidate, Trie};
use crate::search;

/// Which responses a group of rules answers: by code, code-agnostic rules, or every rule of a
/// status (for responses without a code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum CodeKey<'a> {
    AllRules,
    Agnostic,
    Code(&'a str),
    /// The rules that list this `error`, whatever their statuses (for answers whose status
    /// drifted); its group number carries status 0.
    AnyStatus(&'a str),
}

impl CodeKey<'_> {
    /// `==`, comparing codes in place (see [`search::same`]).
    #[inline]
    fn same(self, other: CodeKey<'_>) -> bool {
        match (self, other) {
            (CodeKey::Code(a), CodeKey::Code(b))
            | (CodeKey::AnyStatus(a), CodeKey::AnyStatus(b)) => {
                search::same(a.as_bytes(), b.as_bytes())
            }
            (CodeKey::AllRules, CodeKey::AllRules) | (CodeKey::Agnostic, CodeKey::Agnostic) => true,
            _ => false,
        }
    }
}

/// A group key as one integer: status, kind of key, and 46 bits of the code's hash (equal
/// numbers are told apart by comparing the codes).
pub(super) fn group_number(status: u16, key: CodeKey<'_>) -> u64 {
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

/// The rules of one key: their exact descriptions (in [`Groups`]' table), templates and the
/// rule that accepts any description.
#[derive(Debug, Default)]
pub(super) struct Group {
    /// Its index among the groups (part of its exact descriptions' keys).
    id: u32,
    /// Bit `n % 256` set for each folded length `n` of its exact descriptions (all clear:
    /// none): a description of another length skips hashing and searching (most descriptions
    /// that reach the folded lookup are template texts), and stage 2 may match it as written.
    exact_lengths: [u64; 4],
    /// Template patterns, in a trie over their folded literal prefixes.
    pub(super) templates: Trie,
    /// The first rule that accepts any description.
    pub(super) any: Option<usize>,
}

impl Group {
    /// Whether an exact description of this group may have `folded_len` folded bytes.
    #[inline]
    pub(super) fn may_have_exact(&self, folded_len: usize) -> bool {
        let n = folded_len % 256;
        self.exact_lengths[n / 64] & (1 << (n % 64)) != 0
    }

    /// The folded lengths of its exact descriptions, one bit each (see
    /// [`Group::may_have_exact`]).
    pub(super) fn exact_lengths(&self) -> [u64; 4] {
        self.exact_lengths
    }

    /// Whether any description can match here: exact descriptions or templates.
    pub(super) fn has_patterns(&self) -> bool {
        self.exact_lengths != [0; 4] || !self.templates.is_empty()
    }
}

/// Every group, and how to find one.
#[derive(Debug)]
pub(super) struct Groups<'a> {
    /// Group keys sorted by their number (see [`group_number`]); `groups[i]` belongs to
    /// `keys[i]`.
    keys: Vec<(u64, CodeKey<'a>)>,
    groups: Vec<Group>,
    /// Group number → index in `groups`.
    table: Table,
    /// (group index, folded exact description) → the offset of its record in `exact_of`, in
    /// catalog order.
    exact: Table,
    /// One record (see [`super::record`]) per exact description placed in a group, what a
    /// lookup compares side by side: group index (u32) | pattern (u32) | folded length (u32)
    /// | folded text.
    exact_of: Vec<u8>,
    /// By status: the index + 1 of the group of its code-agnostic rules and of all its rules
    /// (0: none), so those two lookups need no hashing.
    by_status: Vec<[u32; 2]>,
}

impl<'a> Groups<'a> {
    /// Places every pattern (and every rule without descriptions) in its groups.
    pub(super) fn build(rules: &'a [Rule<'a>], patterns: &[Pattern]) -> Groups<'a> {
        let placed = place(rules);
        let mut keys: Vec<(u64, CodeKey<'a>)> = placed
            .iter()
            .map(|&((s, k), _)| (group_number(s, k), k))
            .collect();
        keys.sort();
        keys.dedup();
        let (groups, mut exact_of) = fill_groups(&keys, placed, patterns);
        // Catalog order, so among equal texts of one group the first pattern is found first.
        exact_of.sort_by_key(|&(g, p)| (p, g));
        exact_of.dedup();
        let mut records = Vec::new();
        let mut exact = Vec::new();
        for &(g, p) in &exact_of {
            let text = patterns[p].folded.as_deref().unwrap_or_default();
            let at = records.len();
            if exact_record(&mut records, g, p, text).is_none() {
                // Past 4 GiB: no description is.
                records.truncate(at);
                continue;
            }
            exact.push((text_key(u64::from(g), text.as_bytes()), at));
        }

        Groups {
            exact: Table::new(exact),
            exact_of: records,
            table: Table::new(keys.iter().enumerate().map(|(i, &(n, _))| (n, i))),
            by_status: status_columns(&keys),
            keys,
            groups,
        }
    }

    /// The group of `status` and `key`.
    pub(super) fn get(&self, status: u16, key: CodeKey<'_>) -> Option<&Group> {
        let column = match key {
            CodeKey::Agnostic => 0,
            CodeKey::AllRules => 1,
            CodeKey::Code(_) | CodeKey::AnyStatus(_) => {
                return self.numbered(group_number(status, key), key);
            }
        };
        let i = self.by_status.get(usize::from(status))?[column];
        self.groups.get((i as usize).checked_sub(1)?)
    }

    /// The patterns of group `g` whose exact description, folded, is `folded`, in catalog
    /// order.
    pub(super) fn exact<'s>(
        &'s self,
        g: &Group,
        folded: &'s [u8],
    ) -> impl Iterator<Item = usize> + 's {
        // No exact description of this length (modulo 256): nothing to hash or look up.
        let possible = g.may_have_exact(folded.len());
        let id = g.id;
        possible
            .then(|| self.exact.candidates(text_key(u64::from(id), folded)))
            .into_iter()
            .flatten()
            .filter_map(move |at| {
                let r = &self.exact_of;
                let len = u32_at(r, at + 8)? as usize;
                let text = r.get(at + EXACT_HEAD..at + EXACT_HEAD + len)?;
                (u32_at(r, at)? == id && search::same(text, folded))
                    .then(|| u32_at(r, at + 4).map(|p| p as usize))?
            })
    }

    /// Every group of a status and a code: (group number, status, code, group).
    pub(super) fn coded(&self) -> impl Iterator<Item = (u64, u16, &'a str, &Group)> + '_ {
        self.keys
            .iter()
            .zip(&self.groups)
            .filter_map(|(&(n, k), g)| match k {
                // The status sits in the top 16 bits of a group number.
                CodeKey::Code(c) => Some((n, (n >> 48) as u16, c, g)),
                _ => None,
            })
    }

    /// The group whose number (see [`group_number`]) and key are these.
    #[inline]
    pub(super) fn numbered(&self, number: u64, key: CodeKey<'_>) -> Option<&Group> {
        let i = self.table.find(number, |i| {
            let (n, k) = self.keys[i];
            n == number && k.same(key)
        })?;
        self.groups.get(i)
    }
}

/// Where an exact description's folded text starts in its record.
const EXACT_HEAD: usize = 12;

/// Appends the record of an exact description: group index, pattern, folded length, folded
/// text; `None` past 4 GiB.
fn exact_record(out: &mut Vec<u8>, group: u32, pattern: usize, folded: &str) -> Option<()> {
    out.extend_from_slice(&group.to_le_bytes());
    record::push_u32(out, pattern)?;
    record::push_u32(out, folded.len())?;
    out.extend_from_slice(folded.as_bytes());
    Some(())
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
                for c in rule.errors.iter().filter(|c| rule.comes_with(status, c)) {
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
    patterns: &[Pattern],
) -> (Vec<Group>, Vec<(u32, usize)>) {
    let mut groups: Vec<Group> = (0..keys.len())
        .map(|id| Group {
            id: id as u32,
            ..Group::default()
        })
        .collect();
    let mut exact = Vec::new();
    for (key, slot) in placed {
        let Ok(g) = keys.binary_search(&(group_number(key.0, key.1), key.1)) else {
            continue;
        };
        let id = g as u32;
        let g = &mut groups[g];
        match slot {
            Slot::Any(idx) if key.1 != CodeKey::AllRules => {
                g.any.get_or_insert(idx);
            }
            Slot::Any(_) => {}
            Slot::Pattern(p) => match (&patterns[p].template, &patterns[p].folded) {
                (Some(c), _) => {
                    let candidate = Candidate {
                        pattern: p,
                        literal: patterns[p].literal,
                        tail: c.tail,
                    };
                    g.templates.insert(&c.prefix, candidate);
                }
                (None, Some(text)) => {
                    exact.push((id, p));
                    // One bit per folded length modulo 256: lengths no exact text has skip the hash.
                    let n = text.len() % 256;
                    g.exact_lengths[n / 64] |= 1 << (n % 64);
                }
                (None, None) => {}
            },
        }
    }
    (groups, exact)
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
