//! Inputs: every catalog example, as parts and wrapped in a real response body.

use easemob_errors_tools::Catalog;
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
        let mut texts: Vec<&str> = e.examples.to_vec();
        if texts.is_empty() {
            texts.extend(e.first_example());
        }
        for text in texts {
            let code = e.errors.first().map(|&c| c.to_owned());
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

/// The corpus of the matcher's speed contract (issue 18): every example and every exact
/// description (the main one and its rewordings) of every entry with a status, each once, in
/// a real Easemob body with the entry's first status, carrying the entry's first `error`
/// where it has one and no `error` field where it has none.
pub fn bodies(catalog: &Catalog) -> Vec<Response> {
    let mut out = Vec::new();
    for (n, e) in catalog.entries.iter().enumerate() {
        if e.statuses.is_empty() {
            continue;
        }
        let mut texts: Vec<String> = e.examples.iter().map(|x| x.to_string()).collect();
        let exact = e.descriptions.iter().filter_map(|d| {
            easemob_errors_core::template::Template::parse(d)
                .ok()?
                .exact_text()
        });
        for text in exact {
            if !texts.contains(&text) {
                texts.push(text);
            }
        }
        for text in texts {
            let code = e.errors.first().map(|c| c.to_string());
            out.push(body(n, e.statuses[0], code, text));
        }
    }
    out
}

/// The same responses with the `error` field removed: the description-alone path.
pub fn without_error(corpus: &[Response]) -> Vec<Response> {
    corpus
        .iter()
        .enumerate()
        .map(|(n, r)| body(n, r.status, None, r.description.clone()))
        .collect()
}

/// A body as Easemob writes it, fields in its order: `error` (only when given), `exception`,
/// `timestamp`, `duration`, `error_description`.
fn body(n: usize, status: u16, code: Option<String>, text: String) -> Response {
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let error = code
        .as_deref()
        .map(|c| format!("\"error\":{},", quoted(c)))
        .unwrap_or_default();
    let body = format!(
        "{{{error}\"exception\":\"com.easemob.exception.EasemobException\",\"timestamp\":{},\"duration\":0,\"error_description\":{}}}",
        1_644_402_553_845_u64 + n as u64,
        quoted(&text)
    );
    Response {
        status,
        code,
        description: text,
        body: body.into_bytes(),
    }
}

/// The shipped catalog.
pub fn real_catalog() -> Catalog {
    match easemob_errors_tools::load_workspace_catalog() {
        Ok(c) => c.catalog,
        Err(p) => panic!("{}", easemob_errors_tools::diagnostic::render_all(&p)),
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

/// A generated service log of about `bytes` bytes: nine lines of ordinary traffic for each
/// line with an Easemob error body, the bodies taken from every catalog example (plus one
/// unknown error) and written the ways services log them: a Java text log with `status=` and
/// the request, a JSON log holding the body as an escaped string, logfmt with `HTTP/1.1`.
pub fn service_log(catalog: &Catalog, bytes: usize) -> Vec<u8> {
    use std::io::Write as _;
    let examples = examples(catalog);
    let mut out = Vec::with_capacity(bytes + 1024);
    let mut i = 0usize;
    while out.len() < bytes {
        let t = 1_700_000_000_000_u64 + i as u64;
        if i % 10 != 9 {
            let _ = writeln!(
                out,
                "2024-05-01 10:{:02}:{:02}.{:03} INFO  c.e.im.Client - POST /easemob-demo/chatdemoui/messages/users took {} ms, msg id {t}",
                i / 60 % 60,
                i % 60,
                i % 1000,
                i % 97
            );
        } else {
            let r = &examples[(i / 10) % examples.len()];
            let body = String::from_utf8_lossy(&r.body);
            let _ = match (i / 10) % 3 {
                0 => writeln!(
                    out,
                    "2024-05-01 10:00:00.000 WARN  c.e.im.Client - easemob call failed POST /easemob-demo/chatdemoui/chatgroups/{t}/users status={} body={body}",
                    r.status
                ),
                1 => writeln!(
                    out,
                    "{}",
                    serde_json::json!({"level": "error", "ts": t, "msg": "easemob call failed", "status": r.status, "resp": body})
                ),
                _ => writeln!(
                    out,
                    "time={t} level=error msg=easemob err=\"HTTP/1.1 {} Error\" body={}",
                    r.status,
                    serde_json::to_string(&body).unwrap_or_default()
                ),
            };
        }
        i += 1;
    }
    out
}

/// A log of about `bytes` bytes on one line: a minified JSON array of request records, as a
/// service that dumps its failed calls in one document writes them, each with its status,
/// its request in `method` and `path` keys and a real body of a catalog example. Returns the
/// log and how many records it holds.
pub fn one_line_log(catalog: &Catalog, bytes: usize) -> (Vec<u8>, usize) {
    let examples = examples(catalog);
    let mut out = Vec::with_capacity(bytes + 1024);
    out.push(b'[');
    let mut records = 0;
    while out.len() < bytes {
        let r = &examples[records % examples.len()];
        if records > 0 {
            out.push(b',');
        }
        out.extend_from_slice(
            format!(
                r#"{{"ts":{},"status":{},"method":"DELETE","path":"/easemob-demo/chatdemoui/chatgroups/{records}/users/u1","body":"#,
                1_700_000_000_000_u64 + records as u64,
                r.status
            )
            .as_bytes(),
        );
        out.extend_from_slice(&r.body);
        out.push(b'}');
        records += 1;
    }
    out.extend_from_slice(b"]\n");
    (out, records)
}
