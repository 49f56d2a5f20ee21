//! Explains a failed Easemob REST response: the cause in Chinese and English, the values in
//! the description, and what to do.
//!
//! ```text
//! cargo run -p easemob-errors --example explain                       # a built-in sample (a member removal)
//! cargo run -p easemob-errors --example explain -- 403 '{"error":"forbidden_op",...}'
//! curl ... | cargo run -p easemob-errors --example explain -- --status 502   # body from stdin
//! cargo run -p easemob-errors --example explain -- --request 'DELETE /org/app/users/u1' 404 '{...}'
//! cargo run -p easemob-errors --example explain -- --jsonl < responses.jsonl
//! ```
//!
//! Options: `--lang zh|en|both` (text output, default both), `--json` (one JSON object:
//! status, error, description, known, id, fields, zh, en, retry, alert, area),
//! `--request "METHOD PATH"` (the call that failed: the cause for that endpoint and its area),
//! `--jsonl` (stdin lines `{"status": N, "body": "...", "request": "METHOD PATH"}` in, the
//! request optional; one JSON object per line out).
//! A bad response body is explained, never an error; bad command-line use exits with 2.

use easemob_errors::ApiError;
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

const SAMPLE_STATUS: u16 = 403;
const SAMPLE_BODY: &str = r#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_description":"users [hxtest100] are not members of this group!"}"#;
/// The call the sample answered: removing a member of a group.
const SAMPLE_REQUEST: &str =
    "DELETE /easemob-demo/chatdemoui/chatgroups/40659491815425/users/hxtest100";

/// Longest `--jsonl` line read whole; longer lines are reported and skipped.
const MAX_LINE: usize = 16 * 1024 * 1024;

const USAGE: &str = "usage: explain [--lang zh|en|both] [--json] [--request \"METHOD PATH\"] [STATUS BODY | --status STATUS (body on stdin) | --jsonl]";

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Zh,
    En,
    Both,
}

enum Output {
    Text(Lang),
    Json,
}

enum Input {
    Sample,
    Args(u16, Vec<u8>),
    Stdin(u16),
    Jsonl,
}

struct Cli {
    input: Input,
    output: Output,
    request: Option<String>,
}

fn parse_status(s: &str) -> Result<u16, String> {
    s.parse::<u16>()
        .map_err(|_| format!("`{s}` is not a status: give a number from 0 to 65535"))
}

fn parse_args(args: Vec<String>) -> Result<Cli, String> {
    let mut lang = Lang::Both;
    let mut json = false;
    let mut jsonl = false;
    let mut status_flag = None;
    let mut request = None;
    let mut positional = Vec::new();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--lang" => {
                lang = match it.next().as_deref() {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    Some("both") => Lang::Both,
                    Some(other) => {
                        return Err(format!("--lang takes zh, en or both, not `{other}`"));
                    }
                    None => return Err("--lang needs a value: zh, en or both".into()),
                }
            }
            "--json" => json = true,
            "--jsonl" => jsonl = true,
            "--request" => {
                let v = it
                    .next()
                    .ok_or("--request needs a value such as \"DELETE /org/app/users/u1\"")?;
                if easemob_errors_core::request::split_request(&v).is_some() {
                    request = Some(v);
                } else {
                    return Err(format!(
                        "--request takes \"METHOD PATH\", such as \"DELETE /org/app/users/u1\", not `{v}`"
                    ));
                }
            }
            "--status" => {
                let v = it.next().ok_or("--status needs a value")?;
                status_flag = Some(parse_status(&v)?);
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`")),
            _ => positional.push(arg),
        }
    }
    let input = match (jsonl, status_flag, positional.as_slice()) {
        (true, None, []) if request.is_some() => {
            return Err("with --jsonl, give each line's request in its `request` key".into());
        }
        (true, None, []) => Input::Jsonl,
        (true, _, _) => {
            return Err("--jsonl reads stdin and takes no STATUS, BODY or --status".into());
        }
        (false, Some(s), []) => Input::Stdin(s),
        (false, Some(_), _) => {
            return Err("--status reads the body from stdin; do not also give STATUS BODY".into());
        }
        (false, None, []) => Input::Sample,
        (false, None, [status, body]) => {
            Input::Args(parse_status(status)?, body.clone().into_bytes())
        }
        (false, None, [_]) => {
            return Err("give both STATUS and BODY (use '' for an empty body)".into());
        }
        (false, None, _) => return Err("too many arguments".into()),
    };
    let output = if json || jsonl {
        Output::Json
    } else {
        Output::Text(lang)
    };
    Ok(Cli {
        input,
        output,
        request,
    })
}

/// The documented JSON shape (also used by `--jsonl`).
fn to_json(err: &ApiError) -> Value {
    let fields: serde_json::Map<String, Value> = err
        .fields()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), Value::String(v.to_owned())))
        .collect();
    json!({
        "status": err.status(),
        "error": err.code(),
        "description": err.description(),
        "known": err.is_known(),
        "id": err.id(),
        "fields": fields,
        "zh": err.zh(),
        "en": err.en(),
        "retry": err.retry().as_str(),
        "alert": err.should_alert(),
        "area": err.area(),
        "matched_by": err.matched_by().as_str(),
    })
}

fn text(err: &ApiError, lang: Lang) -> String {
    let mut out = String::new();
    let code = err.code().unwrap_or("(no error code)");
    out.push_str(&format!("HTTP {} {code}\n", err.status()));
    if let Some(d) = err.description() {
        out.push_str(&format!("description: {d:?}\n"));
    } else if let Some(b) = err.body_excerpt() {
        out.push_str(&format!("body:        {b:?}\n"));
    }
    match err.id() {
        Some(id) => out.push_str(&format!("catalog id:  {id}\n")),
        None => out.push_str("catalog id:  (unknown error; explained by its HTTP status)\n"),
    }
    if let Some((method, path)) = err.request() {
        out.push_str(&format!("request:     {method} {path}\n"));
    }
    if let Some(area) = err.area() {
        out.push_str(&format!("area:        {area}\n"));
    }
    for (name, value) in err.fields() {
        out.push_str(&format!("field:       {name} = {value:?}\n"));
    }
    let retry = err.retry();
    if lang != Lang::En {
        out.push_str(&format!("可能原因:    {}\n", err.zh()));
        out.push_str(&format!("处理建议:    {} ({})\n", retry.advice_zh(), retry));
        out.push_str(&format!(
            "报警:        {}\n",
            if err.should_alert() {
                "是,请通知运维"
            } else {
                "否"
            }
        ));
    }
    if lang != Lang::Zh {
        out.push_str(&format!("cause:       {}\n", err.en()));
        out.push_str(&format!("what to do:  {} ({})\n", retry.advice_en(), retry));
        out.push_str(&format!(
            "alert ops:   {}\n",
            if err.should_alert() { "yes" } else { "no" }
        ));
    }
    out
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

/// Reads one line of at most `MAX_LINE` bytes; `Ok(None)` at end of input. A longer line is
/// consumed to its end and returned as `Err(len)`.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Option<Result<(), usize>>> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(if total > MAX_LINE { Err(total) } else { Ok(()) }));
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        total += part.len();
        if total <= MAX_LINE {
            buf.extend_from_slice(part);
        } else {
            buf.clear();
        }
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        if done.is_some() {
            return Ok(Some(if total > MAX_LINE { Err(total) } else { Ok(()) }));
        }
    }
}

/// Explains every line of `input`, streaming: memory stays flat in the number of lines.
pub fn run_jsonl(input: &mut impl BufRead, out: &mut impl Write) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut number = 0;
    while let Some(line) = read_line(input, &mut buf)? {
        number += 1;
        let value = match line {
            Err(len) => {
                json!({ "input_error": format!("line is {len} bytes, over the {MAX_LINE}-byte limit"), "line": number })
            }
            Ok(()) if buf.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(()) => jsonl_line(&buf, number),
        };
        serde_json::to_writer(&mut *out, &value)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn run(cli: Cli) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let sample = matches!(cli.input, Input::Sample);
    let (status, body) = match cli.input {
        Input::Jsonl => {
            run_jsonl(&mut io::stdin().lock(), &mut out)?;
            return out.flush();
        }
        Input::Sample => (SAMPLE_STATUS, SAMPLE_BODY.as_bytes().to_vec()),
        Input::Args(status, body) => (status, body),
        Input::Stdin(status) => {
            let mut body = Vec::new();
            io::stdin().read_to_end(&mut body)?;
            (status, body)
        }
    };
    let mut err = ApiError::from_response(status, &body);
    let request = cli.request.as_deref().or(sample.then_some(SAMPLE_REQUEST));
    if let Some(r) = request {
        err = err.with_request_line(r);
    }
    match cli.output {
        Output::Json => {
            serde_json::to_writer_pretty(&mut out, &to_json(&err))?;
            out.write_all(b"\n")?;
        }
        Output::Text(lang) => out.write_all(text(&err, lang).as_bytes())?,
    }
    out.flush()
}

fn main() -> ExitCode {
    let cli = match parse_args(std::env::args().skip(1).collect()) {
        Ok(cli) => cli,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("explain: {msg}. {USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`explain --jsonl | head`) is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("explain: {e}");
            ExitCode::from(1)
        }
    }
}
