//! The bilingual doc comment of each generated variant.

use crate::catalog::{Entry, Scope};

/// Escapes text for Markdown in a doc comment: brackets would become intra-doc links, angle
/// brackets HTML tags. Text inside backtick code spans is left as written (a backslash there
/// would show).
pub(crate) fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && matches!(c, '[' | ']' | '<' | '>' | '*' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Wraps text in a Markdown code span that survives backticks and newlines inside it.
fn code_span(text: &str) -> String {
    let text = text.replace('\r', "\\r").replace('\n', "\\n");
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn joined(items: &[&str], empty: &str, separator: &str) -> String {
    if items.is_empty() {
        return empty.to_owned();
    }
    let spans: Vec<String> = items.iter().map(|s| code_span(s)).collect();
    spans.join(separator)
}

/// The `error` values, each with the statuses it comes with when the entry pairs them.
fn errors_line(e: &Entry) -> String {
    if e.errors.is_empty() {
        return "none sent (matches any)".to_owned();
    }
    let items: Vec<String> = e
        .errors
        .iter()
        .map(|c| match e.statuses_with(c) {
            None => code_span(c),
            Some(with) => {
                let with: Vec<String> = with.iter().map(|s| format!("`{s}`")).collect();
                format!("{} (with {})", code_span(c), with.join(", "))
            }
        })
        .collect();
    items.join(", ")
}

/// The lines of a variant's doc comment: zh, en, then a list of what identifies it.
pub(crate) fn variant_docs(e: &Entry) -> Vec<String> {
    let statuses: Vec<String> = e.statuses.iter().map(|s| format!("`{s}`")).collect();
    let statuses = if statuses.is_empty() {
        "not documented (known by `error_code`)".to_owned()
    } else {
        statuses.join(", ")
    };
    let mut lines = vec![
        markdown(e.zh),
        String::new(),
        markdown(e.en),
        String::new(),
        format!("- Catalog id: `{}` ({})", e.id, e.area),
        format!("- HTTP status: {statuses}"),
        format!("- `error`: {}", errors_line(e)),
        format!("- Description: {}", joined(e.descriptions, "any", " or ")),
    ];
    if !e.error_codes.is_empty() {
        let numbers: Vec<String> = e.error_codes.iter().map(|n| format!("`{n}`")).collect();
        lines.push(format!("- `error_code`: {}", numbers.join(", ")));
    }
    for c in e.causes {
        let scope = match c.scope {
            Scope::Area(a) => format!("area `{a}`"),
            Scope::Request(r) => code_span(r),
        };
        lines.push(format!(
            "- On {scope}: {} / {}",
            markdown(c.zh),
            markdown(c.en)
        ));
    }
    if let Some(example) = e.examples.first() {
        lines.push(format!("- Example: {}", code_span(example)));
    }
    lines.push(format!(
        "- Retry: `{}`; alert operations: {}",
        e.retry,
        if e.alert { "yes" } else { "no" }
    ));
    if let Some(reason) = e.advice_reason {
        lines.push(format!("- Why this advice: {}", markdown(reason)));
    }
    lines
}
