//! Inputs: every catalog example, as parts and wrapped in a real response body.

use easemob_errors_catalog::Catalog;
use serde_json::json;

/// The baseline of the parse benchmark: what a user would deserialize a body into with
/// serde_json — the two fields that matter, borrowed from the body.
#[derive(Debug, serde::Deserialize)]
pub struct Borrowed<'a> {
    /// The body's `error`.
    #[serde(borrow)]
    pub error: Option<std::borrow::Cow<'a, str>>,
    /// The body's `error_description`.
    #[serde(borrow)]
    pub error_description: Option<std::borrow::Cow<'a, str>>,
}

/// One response: status, `error`, `error_description`, and the full body.
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// The body's `error`.
    pub code: Option<String>,
    /// The body's `error_description`.
    pub description: String,
    /// A real-looking body: `error`, `exception`, `timestamp`, `duration`, `error_description`.
    pub body: Vec<u8>,
}

impl Response {
    /// The parts classification reads.
    pub fn parts(&self) -> easemob_errors_core::matcher::ResponseParts<'_> {
        easemob_errors_core::matcher::ResponseParts {
            status: self.status,
            error: self.code.as_deref(),
            error_code: None,
            description: Some(&self.description),
        }
    }
}

/// Every example of every entry in `catalog` (the exact description for entries without
/// examples), as a response with the entry's first status and code. Entries known only by a
/// numeric `error_code` (no documented status) are left out: they are found by one binary
/// search, and the regex baseline has no status to try them under.
pub fn examples(catalog: &Catalog) -> Vec<Response> {
    let mut out = Vec::new();
    for (n, e) in catalog.entries.iter().enumerate() {
        if e.statuses.is_empty() {
            continue;
        }
        let mut texts: Vec<&str> = e.examples.iter().map(String::as_str).collect();
        if texts.is_empty() {
            texts.extend(e.first_example());
        }
        for text in texts {
            let code = e.errors.first().cloned();
            let body = json!({
                "error": code,
                "exception": "com.easemob.exception.EasemobException",
                "timestamp": 1_644_402_553_845_u64 + n as u64,
                "duration": 0,
                "error_description": text,
            });
            out.push(Response {
                status: e.statuses[0],
                code,
                description: text.to_owned(),
                body: serde_json::to_vec(&body).unwrap_or_default(),
            });
        }
    }
    out
}

/// The shipped catalog.
pub fn real_catalog() -> Catalog {
    match easemob_errors_catalog::load_workspace_catalog() {
        Ok(c) => c,
        Err(p) => panic!("{}", easemob_errors_catalog::diagnostic::render_all(&p)),
    }
}

/// A `--jsonl` log of `lines` lines: real bodies of the catalog's examples, plus one unknown
/// error, one HTML page and one malformed line in every hundred.
pub fn jsonl_log(catalog: &Catalog, lines: usize) -> Vec<u8> {
    let examples = examples(catalog);
    let mut out = Vec::new();
    for i in 0..lines {
        let line = match i % 100 {
            97 => json!({"status": 403, "body": r#"{"error":"new_code","error_description":"never seen"}"#}).to_string(),
            98 => json!({"status": 502, "body": "<html><head><title>502 Bad Gateway</title></head></html>"}).to_string(),
            99 => "{\"status\": oops".to_owned(),
            _ => {
                let r = &examples[i % examples.len()];
                json!({"status": r.status, "body": String::from_utf8_lossy(&r.body)}).to_string()
            }
        };
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}
