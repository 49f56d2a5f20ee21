//! `easemob-errors explain`: one failed response explained, or a JSON-lines stream of them.
//!
//! ```text
//! easemob-errors explain                                     # a built-in sample (a member removal)
//! easemob-errors explain 403 '{"error":"forbidden_op",...}'
//! curl ... | easemob-errors explain --status 502             # body from stdin
//! easemob-errors explain --request 'DELETE /org/app/users/u1' 404 '{...}'
//! easemob-errors explain --jsonl < responses.jsonl           # {"status": N, "body": "...", "request": "..."}
//! ```
//!
//! `--json` prints the object `ApiError`'s `Serialize` gives (status, error, description,
//! known, id, fields, zh, en, retry, alert, area, matched_by). A bad response body is
//! explained, never an error.

use crate::failure::Failure;
use crate::input::{Filter, Part};
use crate::output::{Lang, Paint};
use easemob_errors::{ApiError, Retry};
use serde_json::{Value, json};
use std::io::{self, Read, Write};
use std::ops::ControlFlow;

const SAMPLE_STATUS: u16 = 403;
const SAMPLE_BODY: &str = r#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_description":"users [hxtest100] are not members of this group!"}"#;
/// The call the sample answered: removing a member of a group.
const SAMPLE_REQUEST: &str =
    "DELETE /easemob-demo/chatdemoui/chatgroups/40659491815425/users/hxtest100";

/// Longest `--jsonl` line read whole; longer lines are reported (with their length) and
/// skipped.
pub const MAX_LINE: usize = 16 * 1024 * 1024;

/// The options of `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The language of the cause in text output.
    #[arg(long, value_enum, default_value = "both")]
    pub lang: Lang,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// The call that failed, "METHOD PATH": the cause for that endpoint, and its API area.
    #[arg(long, value_name = "METHOD PATH")]
    pub request: Option<String>,
    /// Read the body from stdin, answered with this status.
    #[arg(long = "status", value_name = "STATUS")]
    pub status_flag: Option<u16>,
    /// Read JSON lines {"status": N, "body": "...", "request": "METHOD PATH"} from stdin and
    /// print one JSON object per line.
    #[arg(long)]
    pub jsonl: bool,
    /// The HTTP status.
    pub status: Option<String>,
    /// The response body (use '' for an empty one).
    pub body: Option<String>,
}

enum Input {
    Sample,
    Args(u16, Vec<u8>),
    Stdin(u16),
    Jsonl,
}

fn parse_status(s: &str) -> Result<u16, Failure> {
    s.parse::<u16>().map_err(|_| {
        Failure::Usage(format!(
            "`{s}` is not a status: give a number from 0 to 65535"
        ))
    })
}

fn input(a: &ExplainArgs) -> Result<Input, Failure> {
    let usage = |m: &str| Err(Failure::Usage(m.to_owned()));
    if let Some(r) = &a.request
        && easemob_errors_core::request::split_request(r).is_none()
    {
        return Err(Failure::Usage(format!(
            "--request takes \"METHOD PATH\", such as \"DELETE /org/app/users/u1\", not `{r}`"
        )));
    }
    match (a.jsonl, a.status_flag, &a.status, &a.body) {
        (true, None, None, None) if a.request.is_some() => {
            usage("with --jsonl, give each line's request in its `request` key")
        }
        (true, None, None, None) => Ok(Input::Jsonl),
        (true, _, _, _) => usage("--jsonl reads stdin and takes no STATUS, BODY or --status"),
        (false, Some(s), None, None) => Ok(Input::Stdin(s)),
        (false, Some(_), _, _) => {
            usage("--status reads the body from stdin; do not also give STATUS BODY")
        }
        (false, None, None, None) => Ok(Input::Sample),
        (false, None, Some(s), Some(b)) => {
            Ok(Input::Args(parse_status(s)?, b.clone().into_bytes()))
        }
        (false, None, Some(_), None) => {
            usage("give both STATUS and BODY (use '' for an empty body)")
        }
        (false, None, None, Some(_)) => usage("give STATUS before BODY"),
    }
}

/// The JSON object of an explained error: `ApiError`'s `Serialize` shape.
pub fn to_json(err: &ApiError) -> Value {
    serde_json::to_value(err).unwrap_or(Value::Null)
}

/// The text explanation of one error.
pub fn text(err: &ApiError, lang: Lang, paint: Paint) -> String {
    let mut out = String::new();
    let code = err.code().unwrap_or("(no error code)");
    out.push_str(&format!("HTTP {} {code}\n", err.status()));
    if let Some(d) = err.description() {
        out.push_str(&format!("description: {d:?}\n"));
    } else if let Some(b) = err.body_excerpt() {
        out.push_str(&format!("body:        {b:?}\n"));
    }
    match err.id() {
        Some(id) => out.push_str(&format!("catalog id:  {}\n", paint.id(id))),
        None => out.push_str(&format!(
            "catalog id:  {}\n",
            paint.unknown("(unknown error; explained by its HTTP status)")
        )),
    }
    out.push_str(&format!("matched by:  {}\n", err.matched_by().as_str()));
    if let Some((method, path)) = err.request() {
        out.push_str(&format!("request:     {method} {path}\n"));
    }
    if let Some(area) = err.area() {
        out.push_str(&format!("area:        {area}\n"));
    }
    for (name, value) in err.fields() {
        out.push_str(&format!("field:       {name} = {value:?}\n"));
    }
    advice(&mut out, err, lang, paint);
    out
}

/// When to tell operations about an error that alerts, in Chinese and English: once the
/// advised retries are spent, or at once when retrying cannot help. An alert is never a page
/// per response (catalog/README.md, "Retry and alert rules").
pub(crate) fn alert_words(retry: Retry) -> (&'static str, &'static str) {
    if retry == Retry::Never {
        (
            "是，请通知运维（重试无济于事）",
            "yes, now (retrying cannot help)",
        )
    } else {
        (
            "是，按建议重试后仍出错时请通知运维",
            "yes, if it persists after the advised retries",
        )
    }
}

fn advice(out: &mut String, err: &ApiError, lang: Lang, paint: Paint) {
    let retry = err.retry();
    if lang != Lang::En {
        out.push_str(&format!("可能原因：   {}\n", err.zh()));
        out.push_str(&format!(
            "处理建议：   {}（{}）\n",
            retry.advice_zh(),
            retry
        ));
        let alert = if err.should_alert() {
            paint.alert(alert_words(retry).0)
        } else {
            "否".into()
        };
        out.push_str(&format!("报警：       {alert}\n"));
    }
    if lang != Lang::Zh {
        out.push_str(&format!("cause:       {}\n", err.en()));
        out.push_str(&format!("what to do:  {} ({})\n", retry.advice_en(), retry));
        let alert = if err.should_alert() {
            paint.alert(alert_words(retry).1)
        } else {
            "no".into()
        };
        out.push_str(&format!("alert ops:   {alert}\n"));
    }
}

/// One `--jsonl` input line to its output object.
fn jsonl_line(line: &[u8], number: usize) -> Value {
    let input_error = |msg: String| json!({ "input_error": msg, "line": number });
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return input_error(format!("not JSON: {e}")),
    };
    let Some(obj) = value.as_object() else {
        return input_error("expected an object {\"status\": N, \"body\": \"...\"}".into());
    };
    let status = match obj.get("status").and_then(Value::as_u64) {
        Some(s) => match u16::try_from(s) {
            Ok(s) => s,
            Err(_) => return input_error(format!("status {s} is above 65535")),
        },
        None => return input_error("`status` must be a number from 0 to 65535".into()),
    };
    let body: Vec<u8> = match obj.get("body") {
        Some(Value::String(s)) => s.clone().into_bytes(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => other.to_string().into_bytes(),
    };
    let err = ApiError::from_response(status, &body);
    let err = match obj.get("request") {
        Some(Value::String(r)) => err.with_request_line(r),
        Some(Value::Null) | None => err,
        Some(_) => return input_error("`request` must be a string \"METHOD PATH\"".into()),
    };
    to_json(&err)
}

/// Explains every line of `input`, streaming: memory stays flat in the number of lines and,
/// past [`MAX_LINE`], in their length.
pub fn run_jsonl(input: impl Read, out: &mut impl Write) -> io::Result<()> {
    // The bytes of an over-long line seen so far.
    let mut long = 0;
    let mut written = Ok(());
    crate::input::read_lines(input, Filter::All, MAX_LINE, |line| {
        let value = match line.part {
            Part::Window => {
                long += line.bytes.len();
                return ControlFlow::Continue(());
            }
            Part::Last => {
                let len = std::mem::take(&mut long) + line.bytes.len();
                json!({
                    "input_error": format!("line is {len} bytes, over the {MAX_LINE}-byte limit"),
                    "line": line.number
                })
            }
            Part::Whole if line.bytes.iter().all(u8::is_ascii_whitespace) => {
                return ControlFlow::Continue(());
            }
            Part::Whole => jsonl_line(line.bytes, line.number),
        };
        written = serde_json::to_writer(&mut *out, &value)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"));
        if written.is_err() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    written
}

/// Runs `explain`.
pub fn run(a: &ExplainArgs, out: &mut impl Write, paint: Paint) -> Result<(), Failure> {
    let (status, body, sample) = match input(a)? {
        Input::Jsonl => {
            run_jsonl(io::stdin().lock(), out)?;
            return Ok(());
        }
        Input::Sample => (SAMPLE_STATUS, SAMPLE_BODY.as_bytes().to_vec(), true),
        Input::Args(status, body) => (status, body, false),
        Input::Stdin(status) => {
            let mut body = Vec::new();
            io::stdin().read_to_end(&mut body)?;
            (status, body, false)
        }
    };
    let mut err = ApiError::from_response(status, &body);
    if let Some(r) = a.request.as_deref().or(sample.then_some(SAMPLE_REQUEST)) {
        err = err.with_request_line(r);
    }
    if a.json || a.jsonl {
        serde_json::to_writer_pretty(&mut *out, &to_json(&err)).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        out.write_all(text(&err, a.lang, paint).as_bytes())?;
    }
    Ok(())
}
