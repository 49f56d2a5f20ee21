//! The rules of a catalog entry, shared by the YAML validator and the derive, so an entry
//! written in YAML and a variant written by hand are held to the same rules, get the same
//! message, and get the same defaults.
//!
//! Each check returns a [`Problem`] (what is wrong, what to change); the validator places it
//! at a file, line and column, the derive at a span of the attribute.
//!
//! # Defaults
//! An entry that gives no `retry` or `alert` takes them from the status-table row of its
//! first status ([`advice_status`]); an entry known only by its numeric `error_code` takes the
//! 400 row's.

use crate::retry::Retry;
use crate::scope::Scope;
use crate::template::Template;
use core::fmt;

/// A broken rule: what is wrong, and what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, naming the value.
    pub message: String,
    /// What to change.
    pub help: String,
}

impl Problem {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            help: help.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message, self.help)
    }
}

/// The variant that holds errors the catalog does not know; no entry may take its name.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The retry words, in the order the docs list the advice.
const RETRY: [Retry; 5] = [
    Retry::Never,
    Retry::Transient,
    Retry::Throttled,
    Retry::RefreshToken,
    Retry::SplitRequest,
];

/// Whether `id` is a catalog id or area name: lowercase words joined by single `_`, starting
/// with a letter (`users_not_group_members`, `chatgroups`).
pub fn is_snake_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !id.ends_with('_')
        && !id.contains("__")
}

/// The enum variant named by a snake_case id: `users_not_group_members` →
/// `UsersNotGroupMembers`.
pub fn variant_name(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for word in id.split('_') {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

/// Checks an entry id; returns its variant name.
pub fn check_id(id: &str) -> Result<String, Problem> {
    if !is_snake_id(id) {
        return Err(Problem::new(
            format!("id `{id}` is not snake_case"),
            "use lowercase words joined by single `_`, starting with a letter, e.g. `group_not_found`",
        ));
    }
    let variant = variant_name(id);
    if variant == UNKNOWN_VARIANT {
        return Err(Problem::new(
            format!("id `{id}` makes the variant `{UNKNOWN_VARIANT}`, which is reserved"),
            "`Unknown` holds errors the catalog does not know; choose a more specific id",
        ));
    }
    Ok(variant)
}

/// Checks an area name.
pub fn check_area(name: &str) -> Result<(), Problem> {
    if is_snake_id(name) {
        return Ok(());
    }
    Err(Problem::new(
        format!("area `{name}` is not a lowercase word"),
        "name areas like the API paths, e.g. `chatgroups`, `users`, `token`",
    ))
}

/// Checks one HTTP status of an entry, given those already accepted.
pub fn check_status(status: i64, seen: &[u16]) -> Result<u16, Problem> {
    match u16::try_from(status) {
        Ok(s) if (100..=599).contains(&s) && seen.contains(&s) => Err(Problem::new(
            format!("status {s} is listed twice"),
            "list each status once",
        )),
        Ok(s) if (100..=599).contains(&s) => Ok(s),
        _ => Err(Problem::new(
            format!("status {status} is outside 100-599"),
            "use the HTTP status the server answers with, from 100 to 599",
        )),
    }
}

/// Checks that an entry has a status (`count` of them); only an entry known by its numeric
/// `error_code` may have none.
pub fn check_has_status(count: usize, has_error_code: bool) -> Result<(), Problem> {
    if count > 0 || has_error_code {
        return Ok(());
    }
    Err(Problem::new(
        "the entry has no `status`",
        "give the HTTP status the server answers with, e.g. `status: 400` (only entries known by `error_code` may leave it out)",
    ))
}

/// Checks one `error` string of an entry, given those already accepted.
pub fn check_error(error: &str, seen: &[&str]) -> Result<(), Problem> {
    if error.trim().is_empty() || error.trim() != error {
        return Err(Problem::new(
            format!("the `error` value {error:?} is empty or has surrounding spaces"),
            "write the `error` value exactly as the server sends it, or leave `error` out if it sends none",
        ));
    }
    if seen.contains(&error) {
        return Err(Problem::new(
            format!("error `{error}` is listed twice"),
            "list each `error` value once",
        ));
    }
    Ok(())
}

/// A problem with an entry's pairs, and which pair it is about (by index), if one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairsProblem {
    /// The pair at fault; `None` for the pairs as a whole.
    pub pair: Option<usize>,
    /// What is wrong and what to change.
    pub problem: Problem,
}

/// Checks an entry's pairing of its statuses with its `error`s (given only when not every
/// status comes with every `error`): each pair is one of its statuses with one of its
/// `error`s, listed once; every status and every `error` is in a pair; and the pairs leave
/// out at least one combination, or they say nothing. Returns the pairs as (status, index
/// into `errors`); a problem comes with the index of the pair it is about, if one.
pub fn check_pairs(
    statuses: &[u16],
    errors: &[&str],
    pairs: &[(i64, &str)],
) -> Result<Vec<(u16, usize)>, PairsProblem> {
    let fail = |pair: Option<usize>, message: String, help: &str| PairsProblem {
        pair,
        problem: Problem::new(message, help),
    };
    if errors.is_empty() {
        return Err(fail(
            None,
            "pairs on an entry without `error` values".into(),
            "remove the pairs: an entry that matches any `error` has nothing to pair its statuses with",
        ));
    }
    let mut out: Vec<(u16, usize)> = Vec::new();
    for (i, &(status, error)) in pairs.iter().enumerate() {
        let s = u16::try_from(status).ok().filter(|s| statuses.contains(s));
        let e = errors.iter().position(|&c| c == error);
        let (Some(s), Some(e)) = (s, e) else {
            return Err(fail(
                Some(i),
                format!(
                    "pair [{status}, {error}] is not one of the entry's statuses with one of its `error`s"
                ),
                "pair a status the entry lists with an `error` it lists",
            ));
        };
        if out.contains(&(s, e)) {
            return Err(fail(
                Some(i),
                format!("pair [{status}, {error}] is listed twice"),
                "list each pair once",
            ));
        }
        out.push((s, e));
    }
    if let Some(s) = statuses.iter().find(|s| !out.iter().any(|p| p.0 == **s)) {
        return Err(fail(
            None,
            format!("status {s} is in no pair"),
            "pair it with the `error` it comes with, or remove it from the statuses",
        ));
    }
    if let Some(e) = (0..errors.len()).find(|e| !out.iter().any(|p| p.1 == *e)) {
        return Err(fail(
            None,
            format!("error `{}` is in no pair", errors[e]),
            "pair it with the status it comes with, or remove it from the `error` values",
        ));
    }
    if out.len() == statuses.len() * errors.len() {
        return Err(fail(
            None,
            "the pairs are every status with every `error`".into(),
            "remove the pairs: without them each status comes with each `error`",
        ));
    }
    Ok(out)
}

/// Checks one numeric `error_code` of an entry, given those already accepted.
pub fn check_error_code(code: i64, seen: &[i64]) -> Result<(), Problem> {
    if seen.contains(&code) {
        return Err(Problem::new(
            format!("error_code {code} is listed twice"),
            "list each number once",
        ));
    }
    Ok(())
}

/// Checks one description of an entry (`main`: the first one's template, for a rewording;
/// `seen`: the descriptions already accepted) and returns its template.
pub fn check_description(
    text: &str,
    main: Option<&Template>,
    seen: &[&str],
) -> Result<Template, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::new(
            "`description` is empty",
            "write the description the server sends, or leave `description` out to accept any description",
        ));
    }
    let template = Template::parse(text).map_err(|e| {
        let end = (e.offset + e.len).min(text.len());
        let snippet = text.get(e.offset..end).unwrap_or("");
        Problem::new(
            format!("in description, at `{snippet}`: {}", e.message),
            "placeholders are written `{name}` with a snake_case name; literal braces are `{{` and `}}`",
        )
    })?;
    if let Some(main) = main {
        let (a, b): (Vec<&str>, Vec<&str>) = (
            main.placeholders().collect(),
            template.placeholders().collect(),
        );
        if a != b {
            return Err(Problem::new(
                format!(
                    "the rewording `{text}` has the placeholders [{}], the main description [{}]",
                    b.join(", "),
                    a.join(", ")
                ),
                "rewordings of one description must have the same placeholders in the same order, so the fields are the same",
            ));
        }
    }
    if seen.iter().any(|d| crate::fold::eq(d, text)) {
        return Err(Problem::new(
            format!("the description `{text}` is listed twice (after folding)"),
            "descriptions compare ignoring case, whitespace and trailing punctuation; keep one",
        ));
    }
    Ok(template)
}

/// Checks that an entry can be told apart at all: by `error`, description or `error_code`.
pub fn check_matchable(
    has_error: bool,
    has_description: bool,
    has_error_code: bool,
) -> Result<(), Problem> {
    if has_error || has_description || has_error_code {
        return Ok(());
    }
    Err(Problem::new(
        "the entry has neither `error` nor `description`",
        "add the `error` value, the `description`, or both; with neither it would match every response with its status",
    ))
}

/// Checks a `zh`/`en` text (`field` names which): present and on one line. Returns it
/// trimmed.
pub fn check_text<'t>(field: &str, text: &'t str) -> Result<&'t str, Problem> {
    let trimmed = text.trim();
    let language = if field == "zh" { "Chinese" } else { "English" };
    if trimmed.is_empty() {
        return Err(Problem::new(
            format!("`{field}` is empty"),
            format!("write the likely cause in {language}"),
        ));
    }
    if trimmed.contains('\n') {
        return Err(Problem::new(
            format!("`{field}` spans several lines"),
            "write the cause on one line; it is shown in one-line log messages",
        ));
    }
    Ok(trimmed)
}

/// Reads a retry word (`never`, `transient`, `throttled`, `refresh_token`, `split_request`).
///
/// ```
/// use easemob_errors_core::{grammar::check_retry, Retry};
/// assert_eq!(check_retry("throttled"), Ok(Retry::Throttled));
/// assert!(check_retry("later").unwrap_err().help.contains("`transient`"));
/// ```
pub fn check_retry(word: &str) -> Result<Retry, Problem> {
    let word = word.trim();
    RETRY
        .into_iter()
        .find(|r| r.as_str() == word)
        .ok_or_else(|| {
            let words: Vec<String> = RETRY.iter().map(|r| format!("`{}`", r.as_str())).collect();
            Problem::new(
                format!("unknown retry advice `{word}`"),
                format!("use one of {}", words.join(", ")),
            )
        })
}

/// The retry words, for schemas.
pub fn retry_words() -> impl Iterator<Item = &'static str> {
    RETRY.into_iter().map(Retry::as_str)
}

/// The name of the `Retry` variant (`Never`, `RefreshToken`), for code that writes Rust.
pub fn retry_variant(retry: Retry) -> &'static str {
    match retry {
        Retry::Never => "Never",
        Retry::Transient => "Transient",
        Retry::Throttled => "Throttled",
        Retry::RefreshToken => "RefreshToken",
        Retry::SplitRequest => "SplitRequest",
    }
}

/// Checks the scope of a per-endpoint cause: exactly one of an area and a request pattern.
pub fn check_cause_scope<'s>(
    area: Option<&'s str>,
    request: Option<&'s str>,
) -> Result<Scope<&'s str>, Problem> {
    match (area.map(str::trim), request.map(str::trim)) {
        (Some(area), None) => check_area(area).map(|()| Scope::Area(area)),
        (None, Some(request)) => crate::request::check_request_pattern(request)
            .map(|()| Scope::Request(request))
            .map_err(|e| {
                Problem::new(
                    e,
                    "a request is `METHOD /path` as the docs write it, without /{org}/{app}",
                )
            }),
        _ => Err(Problem::new(
            "a cause needs exactly one of `area` and `request`",
            "give an area (`chatrooms`) for all its endpoints, or a request (`DELETE /users/{username}`) for one endpoint",
        )),
    }
}

/// The status whose status-table row gives an entry's default `retry` and `alert`: its first
/// status; for an entry known only by its numeric `error_code`, 400, since the services that
/// number their errors (streaming messages, 14001–14038) number request mistakes.
pub fn advice_status(statuses: &[u16]) -> u16 {
    statuses.first().copied().unwrap_or(400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_from_ids() {
        assert_eq!(
            variant_name("users_not_group_members"),
            "UsersNotGroupMembers"
        );
        assert_eq!(variant_name("user_2fa"), "User2fa");
        assert!(
            check_id("unknown")
                .unwrap_err()
                .message
                .contains("reserved")
        );
        assert!(check_id("Bad-Id").is_err());
    }

    #[test]
    fn statuses_errors_and_scopes() {
        assert_eq!(check_status(403, &[400]), Ok(403));
        assert!(
            check_status(403, &[403])
                .unwrap_err()
                .message
                .contains("twice")
        );
        assert!(
            check_status(700, &[])
                .unwrap_err()
                .message
                .contains("100-599")
        );
        assert!(check_error(" x", &[]).is_err());
        assert!(check_error("x", &["x"]).is_err());
        assert_eq!(
            check_cause_scope(Some("users"), None),
            Ok(Scope::Area("users"))
        );
        assert!(check_cause_scope(Some("users"), Some("GET /users")).is_err());
        assert!(check_cause_scope(None, Some("FETCH /users")).is_err());
        assert_eq!(advice_status(&[]), 400);
        assert_eq!(advice_status(&[403, 400]), 403);
    }

    #[test]
    fn rewordings_keep_placeholders() {
        let main = Template::parse("users [{users}] x").unwrap();
        assert!(check_description("Users {users} x", Some(&main), &[]).is_ok());
        assert!(check_description("Users x", Some(&main), &[]).is_err());
        assert!(check_description("users [a] x.", None, &["Users [a]  x"]).is_err());
    }
}
