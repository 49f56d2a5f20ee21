//! The `--rules` YAML file: a list of rules, read with the location of every value so that a
//! mistake is reported the way the catalog reports one (`file:line:column: what is wrong`,
//! then `help: what to change`). The only module that knows the YAML library.
//!
//! ```yaml
//! - when: { method: POST, path: "/*/*/messages/users" }
//!   reply: api_rate_limited
//!   times: 2
//! ```

use crate::catalog::Fault;
use crate::pattern::PathPattern;
use crate::rules::Rule;
use http::{HeaderName, Method};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::fmt;

/// The fields a rule takes, for help texts.
const RULE_FIELDS: &str = "a rule takes `when` (with `method`, `path`, `header: { name, value }`), \
                           `reply` (a catalog id), `times`, `rate`, `after` and `retry_after`";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    when: Option<RawWhen>,
    reply: Spanned<String>,
    #[serde(default)]
    times: Option<Spanned<u64>>,
    #[serde(default)]
    rate: Option<Spanned<f64>>,
    #[serde(default)]
    after: Option<Spanned<u64>>,
    #[serde(default)]
    retry_after: Option<Spanned<u64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWhen {
    #[serde(default)]
    method: Option<Spanned<String>>,
    #[serde(default)]
    path: Option<Spanned<String>>,
    #[serde(default)]
    header: Option<RawHeader>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: Spanned<String>,
    #[serde(default)]
    value: Option<Spanned<String>>,
}

/// One mistake in a rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesProblem {
    /// The file, as given.
    pub file: String,
    /// 1-based line (0 when unknown).
    pub line: u64,
    /// 1-based column (0 when unknown).
    pub column: u64,
    /// What is wrong, in one lowercase sentence.
    pub message: String,
    /// What to change.
    pub help: String,
}

impl fmt::Display for RulesProblem {
    /// `file:line:column: message`, then `  help: …` on a second line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}\n  help: {}",
            self.file, self.line, self.column, self.message, self.help
        )
    }
}

/// Every mistake found in a rules file (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    /// The mistakes, in file order.
    pub problems: Vec<RulesProblem>,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        let n = self.problems.len();
        write!(
            f,
            "{n} problem{} in the rules",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for RulesError {}

/// Reads rules from a YAML file.
pub fn load_rules(path: &std::path::Path) -> Result<Vec<Rule>, RulesError> {
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => parse_rules(&shown, &text),
        Err(e) => Err(RulesError {
            problems: vec![RulesProblem {
                file: shown,
                line: 0,
                column: 0,
                message: format!("cannot read the rules file: {e}"),
                help: "give the path of a readable YAML file to --rules".into(),
            }],
        }),
    }
}

/// Parses the text of a rules file; `file` is the name problems are reported under.
///
/// ```
/// let err = easemob_errors_mock::parse_rules("rules.yaml", "- reply: token_expird\n").unwrap_err();
/// let shown = err.problems[0].to_string();
/// assert!(shown.starts_with("rules.yaml:1:10: `token_expird` is not a catalog id; nearest: token_expired, "));
/// assert!(shown.ends_with("\n  help: write one of the nearest ids, or look one up with `easemob-errors search`"));
/// ```
pub fn parse_rules(file: &str, text: &str) -> Result<Vec<Rule>, RulesError> {
    let raw: Option<Vec<RawRule>> = serde_saphyr::from_str(text).map_err(|err| {
        let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
        let plain = err.without_snippet().to_string();
        let suffix = format!(" at line {line}, column {column}");
        let message = plain.strip_suffix(&suffix).unwrap_or(&plain).to_owned();
        let help = syntax_help(&message);
        RulesError {
            problems: vec![problem_at(file, line, column, message, help)],
        }
    })?;
    let mut problems = Vec::new();
    let mut rules = Vec::new();
    for raw in raw.unwrap_or_default() {
        match build(file, raw) {
            Ok(rule) => rules.push(rule),
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(RulesError { problems })
    }
}

fn problem_at(file: &str, line: u64, column: u64, message: String, help: String) -> RulesProblem {
    RulesProblem {
        file: file.to_owned(),
        line,
        column,
        message,
        help,
    }
}

fn at<T>(file: &str, value: &Spanned<T>, message: String, help: &str) -> RulesProblem {
    let loc = value.referenced;
    problem_at(file, loc.line(), loc.column(), message, help.to_owned())
}

/// Advice for a file that does not fit the rule shape.
fn syntax_help(message: &str) -> String {
    if message.starts_with("unknown field") {
        RULE_FIELDS.into()
    } else if message.starts_with("missing field") {
        "every rule needs `reply: <catalog id>`".into()
    } else if message.starts_with("invalid") {
        "check the value's type: `times`, `after` and `retry_after` are whole numbers, `rate` \
         a number from 0 to 1, the others strings"
            .into()
    } else {
        "fix the YAML at this position; the file is a list of rules (`- when: …`)".into()
    }
}

/// One rule from its raw form, or every problem in it.
fn build(file: &str, mut raw: RawRule) -> Result<Rule, Vec<RulesProblem>> {
    let mut problems = Vec::new();
    let mut rule = match Fault::get(&raw.reply.value) {
        Ok(fault) => Some(Rule::with_fault(fault)),
        Err(e) => {
            let help = "write one of the nearest ids, or look one up with `easemob-errors search`";
            problems.push(at(file, &raw.reply, e.to_string(), help));
            None
        }
    };
    if let Some(when) = raw.when.take() {
        rule = conditions(file, when, rule, &mut problems);
    }
    rule = numbers(file, &raw, rule, &mut problems);
    match rule {
        Some(rule) if problems.is_empty() => Ok(rule),
        _ => Err(problems),
    }
}

/// `method`, `path` and `header` under `when`.
fn conditions(
    file: &str,
    when: RawWhen,
    mut rule: Option<Rule>,
    problems: &mut Vec<RulesProblem>,
) -> Option<Rule> {
    if let Some(m) = when.method {
        match Method::from_bytes(m.value.to_ascii_uppercase().as_bytes()) {
            Ok(method) => rule = rule.map(|r| r.method(method)),
            Err(_) => problems.push(at(
                file,
                &m,
                format!("`{}` is not an HTTP method", m.value),
                "write GET, POST, PUT, DELETE or another method name",
            )),
        }
    }
    if let Some(p) = when.path {
        match PathPattern::parse(&p.value) {
            Ok(pattern) => rule = rule.map(|r| r.path(pattern)),
            Err(e) => problems.push(at(
                file,
                &p,
                e.message,
                "write a path such as \"/*/*/users/**\": `*` one segment, `**` any",
            )),
        }
    }
    if let Some(h) = when.header {
        match HeaderName::from_bytes(h.name.value.as_bytes()) {
            Ok(name) => {
                let value = h.value.map(|v| v.value);
                rule = rule.map(|r| r.header(name, value.as_deref()));
            }
            Err(_) => problems.push(at(
                file,
                &h.name,
                format!("`{}` is not a valid header name", h.name.value),
                "header names are letters, digits and `-` (such as x-case)",
            )),
        }
    }
    rule
}

/// `times`, `rate`, `after`, `retry_after`.
fn numbers(
    file: &str,
    raw: &RawRule,
    mut rule: Option<Rule>,
    problems: &mut Vec<RulesProblem>,
) -> Option<Rule> {
    if let Some(t) = &raw.times {
        if t.value == 0 {
            let help = "write 1 or more, or leave `times` out to answer every matching request";
            problems.push(at(file, t, "`times: 0` never answers".into(), help));
        } else {
            rule = rule.map(|r| r.times(t.value));
        }
    }
    if let Some(rate) = &raw.rate {
        if rate.value > 0.0 && rate.value <= 1.0 {
            rule = rule.map(|r| r.rate(rate.value));
        } else {
            let help = "write a fraction above 0 and at most 1, such as 0.25 for a quarter";
            let message = format!("`rate: {}` is not a fraction of requests", rate.value);
            problems.push(at(file, rate, message, help));
        }
    }
    if let Some(after) = &raw.after {
        rule = rule.map(|r| r.after(after.value));
    }
    if let Some(secs) = &raw.retry_after {
        rule = rule.map(|r| r.retry_after(secs.value));
    }
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_example_parses() {
        let text = r#"
- when: { method: POST, path: "/*/*/messages/users" }   # * one segment, ** any
  reply: api_rate_limited
  times: 2
- when: { path: "/*/*/users/**" }
  reply: token_expired
  rate: 0.25
- when: { method: DELETE, path: "/*/*/chatgroups/*/users/*", header: { name: x-case, value: flaky } }
  reply: users_not_group_members
  after: 3
"#;
        let rules = parse_rules("r.yaml", text).unwrap();
        let ids: Vec<_> = rules.iter().map(Rule::id).collect();
        assert_eq!(
            ids,
            [
                "api_rate_limited",
                "token_expired",
                "users_not_group_members"
            ]
        );
    }

    #[test]
    fn every_problem_is_located() {
        let text = "- when: { method: \"GE T\", path: \"users\" }\n  reply: token_expired\n  rate: 2\n- reply: nope\n  times: 0\n";
        let err = parse_rules("r.yaml", text).unwrap_err();
        let lines: Vec<String> = err
            .problems
            .iter()
            .map(|p| format!("{}:{} {}", p.line, p.column, p.message))
            .collect();
        assert_eq!(lines[0], "1:19 `GE T` is not an HTTP method");
        assert_eq!(lines[1], "1:33 path pattern `users` must start with `/`");
        assert_eq!(lines[2], "3:9 `rate: 2` is not a fraction of requests");
        assert!(
            lines[3].starts_with("4:10 `nope` is not a catalog id; nearest: "),
            "{}",
            lines[3]
        );
        assert_eq!(lines[4], "5:10 `times: 0` never answers");
        assert!(err.to_string().ends_with("5 problems in the rules"));
    }

    #[test]
    fn unknown_fields_and_syntax() {
        let err = parse_rules("r.yaml", "- reply: token_expired\n  time: 2\n").unwrap_err();
        let p = &err.problems[0];
        assert_eq!((p.line, p.column), (2, 3));
        assert!(
            p.message.starts_with("unknown field `time`"),
            "{}",
            p.message
        );
        assert!(p.help.contains("`times`"));
        let err = parse_rules("r.yaml", "- reply: [\n").unwrap_err();
        assert!(err.problems[0].line >= 1);
        assert!(parse_rules("r.yaml", "").unwrap().is_empty());
    }
}
