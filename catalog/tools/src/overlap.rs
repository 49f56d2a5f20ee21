//! Whether two templates can match the same description.
//!
//! Each template is a pattern over folded characters (see [`easemob_errors_core::fold`]) in which a
//! placeholder is "one or more characters". Two patterns share a text exactly when the
//! product of their automata can reach its final state; a breadth-first search over pairs of
//! positions decides that and, on the way, builds the shortest shared text as a witness for
//! the error message.

use easemob_errors_core::fold;
use easemob_errors_core::template::{Part, Template};
use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Char(char),
    /// Exactly one character.
    One,
    /// Zero or more characters.
    Many,
}

fn tokens(t: &Template) -> Vec<Token> {
    let parts = t.parts();
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Literal(s) => {
                let s = if i + 1 == parts.len() {
                    fold::trim(s)
                } else {
                    s.as_str()
                };
                out.extend(fold::folded_chars(s).map(|(_, c)| Token::Char(c)));
            }
            Part::Placeholder(_) => {
                out.push(Token::One);
                out.push(Token::Many);
            }
        }
    }
    out
}

/// Quick rejection: both patterns start (or end) with literal characters that differ before
/// either reaches a placeholder. Most pairs of templates are told apart here, without a search.
fn literal_ends_differ(p: &[Token], q: &[Token]) -> bool {
    let differs = |mut a: Box<dyn Iterator<Item = Token> + '_>,
                   mut b: Box<dyn Iterator<Item = Token> + '_>| loop {
        match (a.next(), b.next()) {
            (Some(Token::Char(x)), Some(Token::Char(y))) if x == y => continue,
            (Some(Token::Char(_)), Some(Token::Char(_))) => return true,
            (None, Some(Token::Char(_))) | (Some(Token::Char(_)), None) => return true,
            _ => return false,
        }
    };
    differs(Box::new(p.iter().copied()), Box::new(q.iter().copied()))
        || differs(
            Box::new(p.iter().rev().copied()),
            Box::new(q.iter().rev().copied()),
        )
}

/// One step both patterns can take on the same character: the character (`None` = any).
fn step(t: Token) -> Option<(Option<char>, bool)> {
    // (character accepted, whether the position advances)
    match t {
        Token::Char(c) => Some((Some(c), true)),
        Token::One => Some((None, true)),
        Token::Many => Some((None, false)),
    }
}

/// A (folded) text both templates match, if there is one.
///
/// ```
/// use easemob_errors_tools::overlap::common_text;
/// use easemob_errors_core::template::Template;
/// let a = Template::parse("user {name} not found").unwrap();
/// let b = Template::parse("{who} not found").unwrap();
/// let c = Template::parse("group {id} not found").unwrap();
/// assert!(common_text(&a, &b).is_some());
/// assert_eq!(common_text(&a, &c), None);
/// ```
pub fn common_text(a: &Template, b: &Template) -> Option<String> {
    let p = tokens(a);
    let q = tokens(b);
    if literal_ends_differ(&p, &q) {
        return None;
    }
    let (n, m) = (p.len(), q.len());
    let width = m + 1;
    // parent[state] = (previous state, character taken or None for an empty move)
    let mut parent: Vec<Option<(usize, Option<char>)>> = vec![None; (n + 1) * width];
    let mut seen = vec![false; (n + 1) * width];
    let mut queue = VecDeque::new();
    seen[0] = true;
    queue.push_back((0usize, 0usize));
    while let Some((i, j)) = queue.pop_front() {
        let here = i * width + j;
        if i == n && j == m {
            let mut text = Vec::new();
            let mut s = here;
            while let Some((prev, c)) = parent[s] {
                if let Some(c) = c {
                    text.push(c);
                }
                s = prev;
            }
            text.reverse();
            return Some(text.into_iter().collect());
        }
        let mut push =
            |ni: usize, nj: usize, c: Option<char>, queue: &mut VecDeque<(usize, usize)>| {
                let s = ni * width + nj;
                if !seen[s] {
                    seen[s] = true;
                    parent[s] = Some((here, c));
                    queue.push_back((ni, nj));
                }
            };
        if i < n && p[i] == Token::Many {
            push(i + 1, j, None, &mut queue);
        }
        if j < m && q[j] == Token::Many {
            push(i, j + 1, None, &mut queue);
        }
        if let (Some(&tp), Some(&tq)) = (p.get(i), q.get(j)) {
            let (Some((cp, ap)), Some((cq, aq))) = (step(tp), step(tq)) else {
                continue;
            };
            let c = match (cp, cq) {
                (Some(x), Some(y)) if x == y => x,
                (Some(_), Some(_)) => continue,
                (Some(x), None) | (None, Some(x)) => x,
                (None, None) => 'x',
            };
            push(
                i + usize::from(ap),
                j + usize::from(aq),
                Some(c),
                &mut queue,
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Template {
        Template::parse(s).unwrap()
    }

    #[test]
    fn disjoint_literals_do_not_overlap() {
        assert_eq!(
            common_text(
                &t("users [{u}] are not members"),
                &t("user {u} is not a member")
            ),
            None
        );
        assert_eq!(common_text(&t("a {x} b"), &t("a {x} c")), None);
    }

    #[test]
    fn overlapping_templates_give_a_witness_both_match() {
        let w = common_text(
            &t("can not join {g}, reason:{r}"),
            &t("can not join this group, reason:user: {u} already in group: {g}"),
        )
        .unwrap();
        assert!(w.starts_with("cannotjointhisgroup,reason:user:"), "{w}");
        assert!(common_text(&t("{a} exists"), &t("value of {b}")).is_some());
    }

    #[test]
    fn suffixes_must_agree() {
        assert_eq!(common_text(&t("a{x}b"), &t("ab{y}c")), None);
        assert_eq!(
            common_text(&t("a {x} b"), &t("a b {y}")).as_deref(),
            Some("abb")
        );
    }
}
