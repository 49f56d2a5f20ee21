//! The shape of a description: its varying parts (numbers, ids, UUIDs, names in brackets)
//! replaced by placeholders, so the same error with other values groups together, and a
//! catalog template can be drafted from it.

use regex::Regex;
use std::sync::OnceLock;

/// What kind of value a placeholder stands for; its name in a drafted template.
fn kind_name(token: &str) -> &'static str {
    if token.starts_with('[') {
        "names"
    } else if uuid().is_match(token) {
        "uuid"
    } else if token.bytes().all(|b| b.is_ascii_digit()) {
        "number"
    } else {
        "id"
    }
}

fn uuid() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
            .expect("a valid pattern")
    })
}

/// The varying parts: a bracketed list, a UUID, or a word that holds a digit.
fn varying() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\[[^\[\]]*\]|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9_@.#-]*[0-9][A-Za-z0-9_@.#-]*")
            .expect("a valid pattern")
    })
}

/// The description as a catalog template: literal braces doubled, each varying part a
/// `{placeholder}` named for its kind (`{number}`, `{id}`, `{uuid}`, `[{names}]`), numbered
/// when a kind repeats: `user u1 is in group 123 [a, b]` gives
/// `user {id} is in group {number} [{names}]`.
pub fn template(description: &str) -> String {
    let mut out = String::new();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut last = 0;
    for m in varying().find_iter(description) {
        out.push_str(&literal(&description[last..m.start()]));
        let kind = kind_name(m.as_str());
        let n = match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                counts.push((kind, 1));
                1
            }
        };
        let name = if n == 1 {
            kind.to_owned()
        } else {
            format!("{kind}{n}")
        };
        if kind == "names" {
            out.push_str(&format!("[{{{name}}}]"));
        } else {
            out.push_str(&format!("{{{name}}}"));
        }
        last = m.end();
    }
    out.push_str(&literal(&description[last..]));
    out
}

/// Literal text in the template language: braces doubled.
fn literal(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// The shape two descriptions share when they differ only in values: the template, with
/// whitespace runs made one space.
pub fn shape(description: &str) -> String {
    template(description.trim())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_name_their_placeholders() {
        assert_eq!(
            template("user u1 is in group 123 [a, b]"),
            "user {id} is in group {number} [{names}]"
        );
        assert_eq!(template("x 1 y 2 {z}"), "x {number} y {number2} {{z}}");
    }

    #[test]
    fn values_become_placeholders() {
        assert_eq!(
            shape("user: imautotest-56314 doesn't exist in group: 82417964613633"),
            "user: {id} doesn't exist in group: {number}"
        );
        assert_eq!(
            shape("app 1b2c3d4e-0000-11e5-a001-000000000001 gone"),
            "app {uuid} gone"
        );
        assert_eq!(
            shape("Service resource not found"),
            "Service resource not found"
        );
        assert_eq!(
            shape("users [u1, u2] are not members"),
            shape("users [x] are not members")
        );
    }
}
