//! Classification: from (status, `error`, `error_description`) to the catalog entry that
//! explains it, with the placeholder values sliced out of the description.
//!
//! The derive emits the catalog as a table of [`Rule`]s and calls [`Matcher`] at run time; the
//! catalog's validator runs the very same matcher over every example at build time. There is
//! one implementation of the matching rules, so a build that passes validation classifies
//! every example the way the catalog says.
//!
//! # Precedence
//! For a response with status `s`, code `c` and description `d` (compared as [`crate::fold`]
//! describes):
//! 1. an entry for `s` and `c` whose description is exactly `d`;
//! 2. an entry for `s` that names no code, whose description is exactly `d`;
//! 3. an entry for `s` and `c` whose template matches `d`;
//! 4. an entry for `s` that names no code, whose template matches `d`;
//! 5. an entry for `s` and `c` that accepts any description;
//! 6. nothing: the caller falls back to the status table.
//!
//! A response with a missing or empty `error` matches on status and description alone: exact
//! descriptions first (in catalog order), then templates.
//!
//! Among templates that could match, the one whose literal prefix matches the most
//! characters is tried first, then catalog order. (The catalog's validator rejects two
//! templates of one status and code that can match the same text, so this only decides between
//! entries of different codes when the response has none.)
//!
//! Classification allocates nothing and does not scan the catalog: rules are grouped by status
//! and code, exact descriptions are found by the hash of their folded text, and templates
//! through a trie over their literal prefixes. The index is built once; a [`Match`] holds byte
//! ranges into the description it was given.

use crate::fold;
use crate::template::{Part, Template};

/// The most placeholders one template may have (so a [`Match`] fits in a fixed array).
pub const MAX_PLACEHOLDERS: usize = 8;

/// One catalog entry as the matcher sees it. The generated code holds these in a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule<'a> {
    /// HTTP statuses the entry comes with.
    pub statuses: &'a [u16],
    /// Values of the body's `error` field; empty when the entry matches any code.
    pub codes: &'a [&'a str],
    /// The description template; `None` when any description matches (a code is required).
    pub description: Option<&'a str>,
}

/// A successful classification: which rule, and where its placeholder values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'t> {
    rule: usize,
    text: &'t str,
    spans: [(usize, usize); MAX_PLACEHOLDERS],
    len: usize,
}

impl<'t> Match<'t> {
    /// The index of the matching rule in the table given to [`Matcher::new`].
    pub fn rule(&self) -> usize {
        self.rule
    }

    /// The value of the `i`-th placeholder (in template order), a slice of the description;
    /// `""` if there is no such placeholder.
    pub fn capture(&self, i: usize) -> &'t str {
        match self.spans[..self.len].get(i) {
            Some(&(a, b)) => &self.text[a..b],
            None => "",
        }
    }

    /// All placeholder values, in template order.
    pub fn captures(&self) -> impl Iterator<Item = &'t str> + '_ {
        (0..self.len).map(|i| self.capture(i))
    }
}

/// A template compiled for matching: folded literal pieces around the placeholders.
#[derive(Debug)]
struct Compiled {
    /// Literal the description must start with (may be empty).
    prefix: Box<[char]>,
    /// Literals between placeholders, in order.
    middles: Box<[Box<[char]>]>,
    /// Literal the description must end with (may be empty).
    suffix: Box<[char]>,
    /// Number of placeholders (`middles.len() + 1`).
    placeholders: usize,
}

fn fold_literal(s: &str) -> Box<[char]> {
    fold::folded(s).map(|(_, c)| c).collect()
}

impl Compiled {
    fn new(template: &Template) -> Compiled {
        let parts = template.parts();
        let mut iter = parts.iter().peekable();
        let prefix = match iter.peek() {
            Some(Part::Literal(s)) => {
                let p = fold_literal(s);
                iter.next();
                p
            }
            _ => Box::default(),
        };
        let mut middles = Vec::new();
        let mut suffix: Box<[char]> = Box::default();
        let mut placeholders = 0;
        while let Some(part) = iter.next() {
            match part {
                Part::Placeholder(_) => placeholders += 1,
                Part::Literal(s) if iter.peek().is_none() => {
                    suffix = fold_literal(fold::trim(s));
                }
                Part::Literal(s) => middles.push(fold_literal(s)),
            }
        }
        Compiled {
            prefix,
            middles: middles.into(),
            suffix,
            placeholders,
        }
    }

    /// Matches a trimmed description; fills `spans` with trimmed placeholder values.
    fn matches(&self, text: &str, spans: &mut [(usize, usize); MAX_PLACEHOLDERS]) -> bool {
        if self.placeholders == 0 || self.placeholders > MAX_PLACEHOLDERS {
            return false;
        }
        let Some(mut cur) = fold::match_at(text, 0, &self.prefix) else {
            return false;
        };
        let end = if self.suffix.is_empty() {
            text.len()
        } else {
            match fold::match_suffix(text, &self.suffix) {
                Some(start) if start >= cur => start,
                _ => return false,
            }
        };
        let region = &text[..end];
        for (i, lit) in self.middles.iter().enumerate() {
            // The placeholder takes at least one non-whitespace character.
            let Some((first, _)) = fold::folded(&region[cur..]).next() else {
                return false;
            };
            let from = cur
                + first
                + region[cur + first..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            let Some((start, after)) = fold::find(region, from, lit) else {
                return false;
            };
            spans[i] = trimmed(region, cur, start);
            cur = after;
        }
        let last = trimmed(region, cur, end);
        if last.0 == last.1 {
            return false;
        }
        spans[self.placeholders - 1] = last;
        true
    }
}

/// The byte range of `text[a..b]` without surrounding whitespace.
fn trimmed(text: &str, a: usize, b: usize) -> (usize, usize) {
    let s = &text[a..b];
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
}

#[derive(Debug, Default)]
struct Group {
    /// Rules with an exact description as (hash of the folded description, rule), sorted.
    exact: Vec<(u64, usize)>,
    /// Rules with a template, in a trie over their folded literal prefixes.
    templates: Trie,
    /// The first rule that accepts any description.
    any: Option<usize>,
}

/// A trie over the folded literal prefixes of templates. Looking a description up walks its
/// first characters only, so the cost does not grow with the number of templates.
#[derive(Debug)]
struct Trie {
    nodes: Vec<Node>,
}

#[derive(Debug, Default)]
struct Node {
    /// (next folded character, node index), sorted by character.
    children: Vec<(char, u32)>,
    /// Rules whose literal prefix ends here, in rule order.
    rules: Vec<usize>,
}

impl Default for Trie {
    fn default() -> Trie {
        Trie {
            nodes: vec![Node::default()],
        }
    }
}

impl Trie {
    fn insert(&mut self, prefix: &[char], rule: usize) {
        let mut at = 0usize;
        for &c in prefix {
            let children = &self.nodes[at].children;
            at = match children.binary_search_by(|(k, _)| k.cmp(&c)) {
                Ok(i) => children[i].1 as usize,
                Err(i) => {
                    let next = self.nodes.len();
                    self.nodes[at].children.insert(i, (c, next as u32));
                    self.nodes.push(Node::default());
                    next
                }
            };
        }
        let rules = &mut self.nodes[at].rules;
        if !rules.contains(&rule) {
            rules.push(rule);
        }
    }

    fn child(&self, node: usize, c: char) -> Option<usize> {
        let children = &self.nodes[node].children;
        children
            .binary_search_by(|(k, _)| k.cmp(&c))
            .ok()
            .map(|i| children[i].1 as usize)
    }
}

/// FNV-1a over the trimmed, folded characters of a text: equal after folding means equal hash.
fn folded_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (_, c) in fold::folded(fold::trim(text)) {
        h ^= u64::from(u32::from(c));
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The index over a rule table. Build it once (the generated code keeps it in a `OnceLock`).
#[derive(Debug)]
pub struct Matcher<'a> {
    rules: &'a [Rule<'a>],
    compiled: Vec<Option<Compiled>>,
    /// Exact descriptions with `{{`/`}}` unescaped, by rule (`None` for other rules).
    exact_text: Vec<Option<String>>,
    groups: Vec<((u16, CodeKey<'a>), Group)>,
}

impl<'a> Matcher<'a> {
    /// Indexes a rule table. Descriptions that do not parse as templates never match (the
    /// derive and the catalog validator reject them before they get here).
    pub fn new(rules: &'a [Rule<'a>]) -> Matcher<'a> {
        let parsed: Vec<Option<Template>> = rules
            .iter()
            .map(|r| Template::parse(r.description?).ok())
            .collect();
        let compiled: Vec<Option<Compiled>> = parsed
            .iter()
            .map(|t| t.as_ref().filter(|t| !t.is_exact()).map(Compiled::new))
            .collect();
        let exact_text: Vec<Option<String>> = parsed
            .iter()
            .map(|t| t.as_ref().and_then(Template::exact_text))
            .collect();
        // Every (status, code key) a rule answers, then one group per distinct key.
        let mut placed: Vec<((u16, CodeKey<'a>), usize)> = Vec::new();
        for (idx, rule) in rules.iter().enumerate() {
            for &status in rule.statuses {
                placed.push(((status, CodeKey::AllRules), idx));
                if rule.codes.is_empty() {
                    placed.push(((status, CodeKey::Agnostic), idx));
                }
                for c in rule.codes {
                    placed.push(((status, CodeKey::Code(c)), idx));
                }
            }
        }
        let mut keys: Vec<(u16, CodeKey<'a>)> = placed.iter().map(|(k, _)| *k).collect();
        keys.sort();
        keys.dedup();
        let mut groups: Vec<((u16, CodeKey<'a>), Group)> =
            keys.into_iter().map(|k| (k, Group::default())).collect();
        for (key, idx) in placed {
            let Ok(g) = groups.binary_search_by(|(k, _)| k.cmp(&key)) else {
                continue;
            };
            let g = &mut groups[g].1;
            let rule = &rules[idx];
            match (rule.description, &compiled[idx], &exact_text[idx]) {
                (None, _, _) if key.1 != CodeKey::AllRules => {
                    g.any.get_or_insert(idx);
                }
                (Some(_), Some(c), _) => g.templates.insert(&c.prefix, idx),
                (Some(_), None, Some(text)) => {
                    let entry = (folded_hash(text), idx);
                    if let Err(at) = g.exact.binary_search(&entry) {
                        g.exact.insert(at, entry);
                    }
                }
                _ => {}
            }
        }
        Matcher {
            rules,
            compiled,
            exact_text,
            groups,
        }
    }

    /// The rule table this matcher indexes.
    pub fn rules(&self) -> &'a [Rule<'a>] {
        self.rules
    }

    fn group(&self, status: u16, key: CodeKey<'_>) -> Option<&Group> {
        self.groups
            .binary_search_by(|((s, k), _)| (*s, *k).cmp(&(status, key)))
            .ok()
            .map(|i| &self.groups[i].1)
    }

    /// Classifies a response; `None` when no rule matches (use the status table).
    ///
    /// ```
    /// use easemob_errors_catalog::matcher::{Matcher, Rule};
    /// let rules = [Rule {
    ///     statuses: &[403],
    ///     codes: &["forbidden_op"],
    ///     description: Some("users [{users}] are not members of this group!"),
    /// }];
    /// let m = Matcher::new(&rules);
    /// let hit = m
    ///     .classify(403, Some("forbidden_op"), Some("users [u1, u2] are not members of this group!\n"))
    ///     .unwrap();
    /// assert_eq!((hit.rule(), hit.capture(0)), (0, "u1, u2"));
    /// assert!(m.classify(404, Some("forbidden_op"), Some("users [u1] are not members of this group!")).is_none());
    /// ```
    pub fn classify<'t>(
        &self,
        status: u16,
        code: Option<&str>,
        description: Option<&'t str>,
    ) -> Option<Match<'t>> {
        let code = code.map(str::trim).filter(|c| !c.is_empty());
        let text = description.map(fold::trim);
        match code {
            Some(code) => {
                let coded = self.group(status, CodeKey::Code(code));
                let agnostic = self.group(status, CodeKey::Agnostic);
                if let Some(text) = text {
                    for g in [coded, agnostic].into_iter().flatten() {
                        if let Some(m) = self.exact(g, text) {
                            return Some(m);
                        }
                    }
                    for g in [coded, agnostic].into_iter().flatten() {
                        if let Some(m) = self.template(g, text) {
                            return Some(m);
                        }
                    }
                }
                coded.and_then(|g| g.any).map(|rule| Match {
                    rule,
                    text: "",
                    spans: [(0, 0); MAX_PLACEHOLDERS],
                    len: 0,
                })
            }
            None => {
                let g = self.group(status, CodeKey::AllRules)?;
                let text = text?;
                self.exact(g, text).or_else(|| self.template(g, text))
            }
        }
    }

    fn exact<'t>(&self, g: &Group, text: &'t str) -> Option<Match<'t>> {
        let hash = folded_hash(text);
        let from = g.exact.partition_point(|&(h, _)| h < hash);
        g.exact[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .map(|&(_, rule)| rule)
            .find(|&rule| {
                self.exact_text[rule]
                    .as_deref()
                    .is_some_and(|t| fold::eq(t, text))
            })
            .map(|rule| Match {
                rule,
                text,
                spans: [(0, 0); MAX_PLACEHOLDERS],
                len: 0,
            })
    }

    /// Tries the templates whose literal prefix the text starts with, longest prefix first.
    fn template<'t>(&self, g: &Group, text: &'t str) -> Option<Match<'t>> {
        let mut chars = fold::folded(text).map(|(_, c)| c);
        self.template_from(g, 0, &mut chars, text)
    }

    fn template_from<'t>(
        &self,
        g: &Group,
        node: usize,
        chars: &mut dyn Iterator<Item = char>,
        text: &'t str,
    ) -> Option<Match<'t>> {
        if let Some(c) = chars.next()
            && let Some(child) = g.templates.child(node, c)
            && let Some(m) = self.template_from(g, child, chars, text)
        {
            return Some(m);
        }
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        for &rule in &g.templates.nodes[node].rules {
            if let Some(c) = &self.compiled[rule]
                && c.matches(text, &mut spans)
            {
                return Some(Match {
                    rule,
                    text,
                    spans,
                    len: c.placeholders,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &[Rule<'static>] = &[
        Rule {
            statuses: &[400],
            codes: &["illegal_argument"],
            description: Some("group member {username} doesn't exist"),
        },
        Rule {
            statuses: &[400],
            codes: &["illegal_argument"],
            description: Some("newpassword is required"),
        },
        Rule {
            statuses: &[400],
            codes: &["illegal_argument"],
            description: None,
        },
        Rule {
            statuses: &[403],
            codes: &[],
            description: Some("this appKey has create too many groups/chatrooms!"),
        },
        Rule {
            statuses: &[403],
            codes: &[],
            description: Some(
                "can not join this group, reason:user {user} has joined too many groups/chatroom!",
            ),
        },
        Rule {
            statuses: &[403],
            codes: &["forbidden_op"],
            description: Some(
                "can not join this group, reason:user: {user} already in group: {group_id}",
            ),
        },
        Rule {
            statuses: &[401],
            codes: &["unauthorized"],
            description: Some("Unable to authenticate due to expired access token"),
        },
        Rule {
            statuses: &[400],
            codes: &["required_property_not_found"],
            description: Some("Entity user requires a property named username"),
        },
        Rule {
            statuses: &[400],
            codes: &["illegal_argument"],
            description: Some("Entity user requires a property named username"),
        },
    ];

    fn hit(status: u16, code: Option<&str>, desc: &str) -> Option<(usize, Vec<String>)> {
        let m = Matcher::new(RULES);
        m.classify(status, code, Some(desc))
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
        assert_eq!(
            hit(400, Some("other_code"), "newpassword is required"),
            None
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
    fn missing_code_matches_on_status_and_description_in_catalog_order() {
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
        assert_eq!(
            hit(400, None, "Entity user requires a property named username"),
            Some((7, vec![]))
        );
        assert_eq!(hit(400, None, "unknown text"), None);
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
    fn placeholders_need_a_value() {
        assert_eq!(
            hit(400, Some("illegal_argument"), "group member  doesn't exist"),
            Some((2, vec![]))
        );
    }
}
