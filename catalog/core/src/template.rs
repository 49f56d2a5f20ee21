//! The description template language: literal text with `{name}` placeholders.
//!
//! `users [{users}] are not members of this group!` matches the description the server sends
//! for any user list and pulls the list out into the `users` field. Literal braces are written
//! `{{` and `}}`. A placeholder matches at least one non-whitespace character; two placeholders
//! must be separated by literal text (otherwise the split between them would be a guess).
//!
//! The same parser serves the catalog loader, the derive (for hand-written enums) and the
//! runtime matcher, so the three can never disagree about what a template means.

use core::fmt;

/// The most placeholders one template may have: a match keeps its values in a fixed array of
/// this many byte ranges, so classification allocates nothing.
pub const MAX_PLACEHOLDERS: usize = 8;

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text that must appear (compared with the folding rules of [`crate::fold`]).
    Literal(String),
    /// A named value taken from the description.
    Placeholder(String),
}

/// A parsed description template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

/// Why a template does not parse, with the byte range of the offending text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Byte offset in the template source where the problem starts.
    pub offset: usize,
    /// Length in bytes of the offending text (at least 1 where there is text to point at).
    pub len: usize,
    /// What is wrong, in one lowercase sentence.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TemplateError {}

/// Words that cannot be field names.
const RESERVED: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Whether `name` can be a placeholder: a snake_case Rust identifier that is not a keyword.
pub fn is_placeholder_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_lowercase() || first == '_')
        && name != "_"
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name)
}

impl Template {
    /// Parses a template.
    ///
    /// ```
    /// use easemob_errors_core::template::{Template, Part};
    /// let t = Template::parse("group member {username} doesn't exist").unwrap();
    /// assert_eq!(t.placeholders().collect::<Vec<_>>(), ["username"]);
    /// assert!(Template::parse("a {b").is_err());
    /// ```
    pub fn parse(src: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut names: Vec<&str> = Vec::new();
        let bytes = src.as_bytes();
        let mut i = 0;
        while i < src.len() {
            let c = src[i..].chars().next().unwrap_or('\0');
            match c {
                '{' | '}' if bytes.get(i + 1) == Some(&(c as u8)) => {
                    literal.push(c);
                    i += 2;
                }
                '}' => {
                    return Err(TemplateError {
                        offset: i,
                        len: 1,
                        message: "unmatched `}` in template; write `}}` for a literal brace".into(),
                    });
                }
                '{' => {
                    let close = placeholder_end(src, i)?;
                    let name = &src[i + 1..close];
                    let after_placeholder = matches!(parts.last(), Some(Part::Placeholder(_)))
                        && literal.chars().all(char::is_whitespace);
                    check_placeholder(name, &names, after_placeholder).map_err(|message| {
                        TemplateError {
                            offset: i,
                            len: close - i + 1,
                            message,
                        }
                    })?;
                    if !literal.is_empty() {
                        parts.push(Part::Literal(core::mem::take(&mut literal)));
                    }
                    parts.push(Part::Placeholder(name.to_owned()));
                    names.push(name);
                    i = close + 1;
                }
                c => {
                    literal.push(c);
                    i += c.len_utf8();
                }
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        Ok(Template { parts })
    }

    /// The parts in order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The placeholder names, in order of appearance.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Placeholder(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// Whether the template has no placeholders (it is an exact description).
    pub fn is_exact(&self) -> bool {
        self.placeholders().next().is_none()
    }

    /// The literal text of an exact template (braces unescaped); `None` if it has placeholders.
    pub fn exact_text(&self) -> Option<String> {
        if !self.is_exact() {
            return None;
        }
        Some(
            self.parts
                .iter()
                .map(|p| match p {
                    Part::Literal(s) => s.as_str(),
                    Part::Placeholder(_) => "",
                })
                .collect(),
        )
    }

    /// Renders the template with values for its placeholders (missing ones render as
    /// `{name}`).
    ///
    /// ```
    /// use easemob_errors_core::template::Template;
    /// let t = Template::parse("users [{users}] are not members of this group!").unwrap();
    /// assert_eq!(t.render(|_| Some("u1")), "users [u1] are not members of this group!");
    /// ```
    pub fn render<'a>(&self, mut value: impl FnMut(&str) -> Option<&'a str>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::Placeholder(name) => match value(name) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
            }
        }
        out
    }
}

/// The index of the `}` closing the placeholder that opens at `open`.
fn placeholder_end(src: &str, open: usize) -> Result<usize, TemplateError> {
    let unclosed = |len: usize, why: &str| TemplateError {
        offset: open,
        len,
        message: format!("unclosed `{{` in template; {why}"),
    };
    match src[open + 1..].find(['}', '{']).map(|p| p + open + 1) {
        None => Err(unclosed(
            src.len() - open,
            "close the placeholder with `}` or write `{{` for a literal brace",
        )),
        Some(at) if src.as_bytes()[at] == b'{' => {
            Err(unclosed(at - open + 1, "placeholders cannot nest"))
        }
        Some(close) => Ok(close),
    }
}

/// Checks a placeholder `name` against the ones before it (`names`); `after_placeholder`
/// when only whitespace separates it from the previous one. The error says what to change.
fn check_placeholder(name: &str, names: &[&str], after_placeholder: bool) -> Result<(), String> {
    if !is_placeholder_name(name) {
        return Err(format!(
            "placeholder `{{{name}}}` is not a snake_case identifier; \
             use lowercase letters, digits and `_`, e.g. `{{username}}`"
        ));
    }
    if names.contains(&name) {
        return Err(format!(
            "placeholder `{{{name}}}` appears twice; give each value its own name"
        ));
    }
    if after_placeholder {
        let prev = names.last().copied().unwrap_or("");
        return Err(format!(
            "placeholders `{{{prev}}}` and `{{{name}}}` must be separated \
             by literal text, or the split between them is ambiguous"
        ));
    }
    if names.len() == MAX_PLACEHOLDERS {
        return Err(format!(
            "a template may have at most {MAX_PLACEHOLDERS} placeholders; split the entry"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> String {
        Template::parse(src).unwrap_err().message
    }

    #[test]
    fn parses_literals_placeholders_and_escapes() {
        let t = Template::parse("user: {user} in {{x}} group: {group_id}").unwrap();
        assert_eq!(
            t.parts(),
            [
                Part::Literal("user: ".into()),
                Part::Placeholder("user".into()),
                Part::Literal(" in {x} group: ".into()),
                Part::Placeholder("group_id".into()),
            ]
        );
        assert!(!t.is_exact());
        assert_eq!(
            Template::parse("plain").unwrap().exact_text().as_deref(),
            Some("plain")
        );
    }

    #[test]
    fn rejects_malformed_templates() {
        assert!(err("a {b").contains("unclosed"));
        assert!(err("a b}").contains("unmatched"));
        assert!(err("a {B}").contains("not a snake_case identifier"));
        assert!(err("a {}").contains("not a snake_case identifier"));
        assert!(err("a {type}").contains("not a snake_case identifier"));
        assert!(err("{a} and {a}").contains("appears twice"));
        assert!(err("{a}{b}").contains("must be separated"));
        assert!(err("{a} {b}").contains("must be separated"));
        assert!(err("{a{b}}").contains("nest"));
    }

    #[test]
    fn error_offsets_point_at_the_placeholder() {
        let e = Template::parse("abc {Bad} d").unwrap_err();
        assert_eq!((e.offset, e.len), (4, 5));
    }
}
