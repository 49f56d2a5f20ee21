//! Everything the mock reads from the catalog, in one place: which entry an id names, the
//! status and body a fault is answered with, and the ids nearest to a misspelt one.
//!
//! A reply is checked against the classifier it is meant to exercise: [`Fault::get`] keeps a
//! description that `ApiError::from_response` classifies back to the entry, and a description
//! filled from the request path is only sent when it classifies back too. So a client under
//! test sees exactly the entry the rule named, never a neighbour.

use easemob_errors::catalog::{self, Entry};
use easemob_errors::{ApiError, Retry};
use easemob_errors_core::template::Template;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// How many seconds a throttled reply asks the client to wait when nothing else is said.
pub const DEFAULT_RETRY_AFTER: u64 = 1;

/// Values for placeholders the entry's examples do not show: plausible, and with no spaces
/// (a placeholder matches non-whitespace only).
const DEFAULT_VALUE: &str = "mock";

/// One catalog entry, ready to be answered.
#[derive(Debug, Clone)]
pub struct Fault {
    entry: &'static Entry,
    status: u16,
    template: Option<Template>,
    /// Placeholder values taken from the entry's examples.
    example_values: Vec<(String, String)>,
    /// A description that classifies back to the entry (`None`: the entry takes any and the
    /// body carries none).
    description: Option<String>,
}

/// The id a rule or a header named is not in the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    /// The id as given.
    pub id: String,
    /// The nearest catalog ids, nearest first (at most three).
    pub nearest: Vec<&'static str>,
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a catalog id", self.id)?;
        if !self.nearest.is_empty() {
            write!(f, "; nearest: {}", self.nearest.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownId {}

/// A reply rendered for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: String,
    /// `Retry-After` in seconds, for throttled entries.
    pub retry_after: Option<u64>,
}

impl Fault {
    /// The entry with this id, or the ids nearest to it. Every entry's reply is prepared
    /// once, on first use (a few milliseconds), so answering a request classifies at most one
    /// description.
    pub fn get(id: &str) -> Result<&'static Fault, UnknownId> {
        static FAULTS: OnceLock<HashMap<&'static str, Fault>> = OnceLock::new();
        let faults = FAULTS.get_or_init(|| {
            let entries = catalog::catalog().entries.iter();
            entries.map(|e| (e.id, Fault::new(e))).collect()
        });
        faults.get(id).ok_or_else(|| UnknownId {
            id: id.to_owned(),
            nearest: nearest_ids(id),
        })
    }

    fn new(entry: &'static Entry) -> Fault {
        let status = status_for(entry);
        let template = entry
            .descriptions
            .first()
            .and_then(|t| Template::parse(t).ok());
        let example_values = example_values(entry, status);
        let mut fault = Fault {
            entry,
            status,
            template,
            example_values,
            description: None,
        };
        fault.description = fault.default_description();
        fault
    }

    /// The catalog id.
    pub fn id(&self) -> &'static str {
        self.entry.id
    }

    /// The status the reply is sent with.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether the entry is a rate limit, answered with `Retry-After`.
    pub fn is_throttled(&self) -> bool {
        self.entry.retry == Retry::Throttled
    }

    /// The reply to a request for `path`: the template filled from the path where it names a
    /// placeholder (and the result still classifies back), else the default description.
    /// `retry_after` overrides [`DEFAULT_RETRY_AFTER`] for throttled entries.
    pub fn render(&self, path: &str, retry_after: Option<u64>, now_ms: u64) -> Rendered {
        let from_path = self.fill_from_path(path);
        let body = from_path
            .map(|d| self.body(Some(&d), now_ms))
            .filter(|b| self.classifies_back(b))
            .unwrap_or_else(|| self.body(self.description.as_deref(), now_ms));
        Rendered {
            status: self.status,
            body,
            retry_after: self
                .is_throttled()
                .then(|| retry_after.unwrap_or(DEFAULT_RETRY_AFTER)),
        }
    }

    /// Whether a body sent with this fault's status classifies to this entry.
    pub fn classifies_back(&self, body: &str) -> bool {
        ApiError::from_response(self.status, body.as_bytes()).id() == Some(self.entry.id)
    }

    /// The template filled with path values, when the path gives at least one.
    fn fill_from_path(&self, path: &str) -> Option<String> {
        let template = self.template.as_ref()?;
        let captured = path_values(path);
        let mut used = false;
        let text = template.render(|name| {
            let value = captured.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
            used |= value.is_some();
            value.or_else(|| self.example_value(name))
        });
        used.then_some(text)
    }

    fn example_value(&self, name: &str) -> Option<&str> {
        let found = self.example_values.iter().find(|(n, _)| n == name);
        Some(found.map_or(DEFAULT_VALUE, |(_, v)| v.as_str()))
    }

    /// The first of these that classifies back: the template filled from the examples, the
    /// examples as they are, the rewordings, and, for an entry that takes any description
    /// and shows none, its English cause (Easemob always sends a description).
    fn default_description(&self) -> Option<String> {
        let filled = self
            .template
            .as_ref()
            .map(|t| t.render(|name| self.example_value(name)));
        let candidates = filled
            .into_iter()
            .chain(self.entry.examples.iter().map(|e| (*e).to_owned()))
            .chain(self.entry.descriptions.iter().skip(1).map(|d| {
                Template::parse(d).map_or_else(
                    |_| (*d).to_owned(),
                    |t| t.render(|name| self.example_value(name)),
                )
            }))
            .chain(std::iter::once(self.entry.en.to_owned()));
        candidates
            .into_iter()
            .find(|candidate| self.classifies_back(&self.body(Some(candidate), 0)))
    }

    /// The JSON body Easemob sends: `error`, `timestamp`, `duration`, `error_description`
    /// and `error_code` where the entry has one. The catalog records no `exception` class
    /// names, so none is sent.
    fn body(&self, description: Option<&str>, now_ms: u64) -> String {
        let mut body = serde_json::Map::new();
        if let (_, Some(error)) = self.entry.first_response() {
            body.insert("error".into(), (*error).into());
        }
        body.insert("timestamp".into(), now_ms.into());
        body.insert("duration".into(), 0.into());
        if let Some(description) = description {
            body.insert("error_description".into(), description.into());
        }
        if let Some(code) = self.entry.error_codes.first() {
            body.insert("error_code".into(), (*code).into());
        }
        serde_json::Value::Object(body).to_string()
    }
}

/// The status a fault is answered with: the entry's first, or, for an entry known only by
/// its numeric `error_code` (which classifies whatever the status), the status whose own
/// advice agrees with the entry's, so a client that reads only the status does the same.
fn status_for(entry: &Entry) -> u16 {
    if let (Some(status), _) = entry.first_response() {
        return status;
    }
    match entry.retry {
        Retry::Throttled => 429,
        Retry::Transient => 503,
        Retry::RefreshToken => 401,
        _ => 400,
    }
}

/// Placeholder values from the first example that classifies to the entry.
fn example_values(entry: &Entry, status: u16) -> Vec<(String, String)> {
    for example in entry.examples {
        let body = serde_json::json!({
            "error": entry.first_response().1,
            "error_description": example,
            "error_code": entry.error_codes.first(),
        });
        let err = ApiError::from_response(status, body.to_string().as_bytes());
        if err.id() == Some(entry.id) {
            return err
                .fields()
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect();
        }
    }
    Vec::new()
}

/// Values the request path names: `/{org}/{app}/chatgroups/{group_id}/users/{username}` gives
/// `organization`, `application`, `appkey`, `group_id`, `username` and so on.
fn path_values(path: &str) -> Vec<(&'static str, &str)> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut values = Vec::new();
    if let [org, app, ..] = segments[..] {
        values.extend([("organization", org), ("org", org), ("application", app)]);
        values.push(("app", app));
    }
    for pair in segments.windows(2) {
        let names: &[&'static str] = match pair[0] {
            "users" | "user" => &["username", "users", "user", "user_id", "owner"],
            "chatgroups" => &["group_id"],
            "chatrooms" => &["chatroom_id"],
            "thread" | "threads" => &["thread_id"],
            _ => &[],
        };
        for name in names {
            // A later segment (the member in /chatgroups/1/users/u2) wins over an earlier one.
            values.retain(|(n, _)| n != name);
            values.push((name, pair[1]));
        }
    }
    values
}

/// Every catalog id, in catalog order.
pub fn all_ids() -> impl Iterator<Item = &'static str> {
    catalog::catalog().entries.iter().map(|e| e.id)
}

/// The three catalog ids nearest to `id` (edit distance, ties in catalog order).
pub fn nearest_ids(id: &str) -> Vec<&'static str> {
    let mut scored: Vec<(usize, &'static str)> = all_ids()
        .map(|known| {
            let bonus = usize::from(!known.contains(id) && !id.contains(known));
            (strsim::levenshtein(id, known) * 2 + bonus, known)
        })
        .collect();
    scored.sort_by_key(|(score, _)| *score);
    scored.into_iter().take(3).map(|(_, known)| known).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_values_name_the_segments() {
        let v = path_values("/org/app/chatgroups/42/users/u9");
        let get = |n: &str| v.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
        assert_eq!(get("group_id"), Some("42"));
        assert_eq!(get("username"), Some("u9"));
        assert_eq!(get("organization"), Some("org"));
        assert_eq!(get("chatroom_id"), None);
    }

    #[test]
    fn nearest_ids_of_a_typo() {
        let err = Fault::get("token_expird").unwrap_err();
        assert_eq!(err.nearest.first(), Some(&"token_expired"));
        assert!(err.to_string().contains("nearest: token_expired"));
    }

    #[test]
    fn status_of_code_only_entries_follows_their_advice() {
        let fault = Fault::get("stream_seq_invalid").unwrap();
        assert_eq!(fault.status(), 400);
    }
}
