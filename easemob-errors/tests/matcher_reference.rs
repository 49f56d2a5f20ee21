//! The catalog's matcher against the simplest matcher there is: one per entry.
//!
//! A matcher built from one entry alone can only answer with that entry, so it decides one
//! question with no index, no fast path and no precedence involved: does this entry fit these
//! parts, and by what? The reference below asks it of every entry and applies the precedence
//! the matcher's module documentation states (numeric code; the entries of the status and
//! `error`, by description, then code-agnostic entries, then any description; another status
//! for a known `error`, only when one entry fits; the description alone for an absent or
//! unknown `error`, only when one entry fits). The shared matcher must give the same entry,
//! the same `MatchedBy` and the same values on every input: every example and exact
//! description and a rendering of every template, under each status of its entry and the
//! statuses the property tests pick, with its `error`, another, an unknown one and none;
//! every row of `catalog/coverage/*.tsv`; and the property tests' mutations (case, spacing,
//! trailing newline).
//!
//! Where two entries of one stage fit (two templates of one status and `error` with different
//! literal prefixes can both match a text; the matcher then takes the longest prefix), the
//! reference only requires the answer to be one of them; the test counts those inputs.
//!
//! `MATCHER_ANSWERS=path cargo test -p easemob-errors --test matcher_reference` also writes
//! every input and the matcher's answer to `path`, to compare two versions of the matcher.

use easemob_errors_core::matcher::{MatchedBy, Matcher, ResponseParts, Rule};
use easemob_errors_core::template::{Part, Template};
use easemob_errors_tools::coverage::{self, RowStatus};
use std::fmt::Write as _;

/// The statuses the property tests move examples to.
const STATUSES: [u16; 12] = [400, 401, 403, 404, 405, 408, 409, 413, 415, 429, 500, 503];

/// An answer: rule, what it rested on, the values.
type Answer = Option<(usize, MatchedBy, Vec<String>)>;

/// One input: status, `error`, `error_code`, description.
type Input = (u16, Option<String>, Option<i64>, Option<String>);

fn answer(m: &Matcher<'_>, parts: ResponseParts<'_>, offset: usize) -> Answer {
    m.classify(parts).map(|h| {
        let values = h.captures().map(str::to_owned).collect();
        (h.rule() + offset, h.matched_by(), values)
    })
}

/// The precedence applied to the answers of one matcher per entry. `Err` holds the entries
/// one stage found equally fitting (the answer must be one of them).
fn reference(
    rules: &[Rule<'_>],
    single: &[Matcher<'_>],
    parts: ResponseParts<'_>,
) -> Result<Answer, Vec<Answer>> {
    let each: Vec<Answer> = single
        .iter()
        .enumerate()
        .map(|(i, m)| answer(m, parts, i))
        .collect();
    if let Some(n) = parts.error_code
        && let Some(i) = rules.iter().position(|r| r.error_codes.contains(&n))
    {
        return Ok(each[i].clone());
    }
    let code = parts.error.map(str::trim).filter(|c| !c.is_empty());
    let status = parts.status;
    // The entries of one stage that answered `how`: exact descriptions before templates.
    let stage = |fits: &dyn Fn(&Rule<'_>) -> bool, how: MatchedBy| -> Result<Answer, Vec<Answer>> {
        let found: Vec<&Answer> = rules
            .iter()
            .zip(&each)
            .filter(|(r, a)| fits(r) && a.as_ref().is_some_and(|a| a.1 == how))
            .map(|(_, a)| a)
            .collect();
        let exact: Vec<&Answer> = found
            .iter()
            .copied()
            .filter(|a| a.as_ref().is_some_and(|a| a.2.is_empty()))
            .collect();
        let pick = if exact.is_empty() { found } else { exact };
        match pick.as_slice() {
            [] => Ok(None),
            [one] => Ok((*one).clone()),
            many => Err(many.iter().map(|a| (*a).clone()).collect()),
        }
    };
    if let Some(code) = code {
        let text = parts.description.is_some();
        let coded = |r: &Rule<'_>| {
            text && r.statuses.contains(&status)
                && r.errors.contains(&code)
                && !r.descriptions.is_empty()
        };
        let agnostic = |r: &Rule<'_>| {
            text && r.statuses.contains(&status)
                && r.errors.is_empty()
                && !r.descriptions.is_empty()
        };
        for (fits, how) in [
            (
                &coded as &dyn Fn(&Rule<'_>) -> bool,
                MatchedBy::ErrorAndDescription,
            ),
            (&agnostic, MatchedBy::Description),
        ] {
            let found = stage(fits, how)?;
            if found.is_some() {
                return Ok(found);
            }
        }
        if let Some(i) = rules.iter().position(|r| {
            r.statuses.contains(&status) && r.errors.contains(&code) && r.descriptions.is_empty()
        }) {
            return Ok(Some((i, MatchedBy::Error, Vec::new())));
        }
        if rules.iter().any(|r| r.errors.contains(&code)) {
            // Another status: exactly one entry listing the `error` fits.
            return Ok(unique(
                rules,
                &each,
                |r| text && r.errors.contains(&code) && !r.descriptions.is_empty(),
                MatchedBy::ErrorAndDescription,
            ));
        }
    }
    if parts.description.is_none() {
        return Ok(None);
    }
    Ok(unique(
        rules,
        &each,
        |r| r.statuses.contains(&status) && !r.descriptions.is_empty(),
        MatchedBy::Description,
    ))
}

/// The one entry that fits and answered `how`; `None` when none or several did.
fn unique(
    rules: &[Rule<'_>],
    each: &[Answer],
    fits: impl Fn(&Rule<'_>) -> bool,
    how: MatchedBy,
) -> Answer {
    let found: Vec<&Answer> = rules
        .iter()
        .zip(each)
        .filter(|(r, a)| fits(r) && a.as_ref().is_some_and(|a| a.1 == how))
        .map(|(_, a)| a)
        .collect();
    match found.as_slice() {
        [one] => (*one).clone(),
        _ => None,
    }
}

/// A template with every placeholder filled by a value that looks like the ones servers send.
fn rendered(t: &Template) -> String {
    let mut n = 0;
    let mut out = String::new();
    for part in t.parts() {
        match part {
            Part::Literal(s) => out.push_str(s),
            Part::Placeholder(_) => {
                n += 1;
                let _ = write!(out, "v{n}_42");
            }
        }
    }
    out
}

/// The shipped catalog's rules, and each entry's examples (the only parts of the catalog
/// crate this test reads).
fn catalog() -> (Vec<Rule<'static>>, Vec<Vec<String>>) {
    let catalog = easemob_errors_tools::load_workspace_catalog()
        .expect("valid catalog")
        .catalog;
    let examples = catalog
        .entries
        .iter()
        .map(|e| e.examples.iter().map(|x| x.to_string()).collect())
        .collect();
    (catalog.rules(), examples)
}

/// The texts of an entry: examples, exact descriptions, rendered templates (the originals),
/// and the property tests' mutations of each.
fn texts(rule: &Rule<'_>, examples: &[String]) -> (Vec<String>, Vec<String>) {
    let originals: Vec<String> = examples
        .iter()
        .cloned()
        .chain(rule.descriptions.iter().filter_map(|d| {
            let t = Template::parse(d).ok()?;
            Some(t.exact_text().unwrap_or_else(|| rendered(&t)))
        }))
        .collect();
    let mut all = originals.clone();
    for t in &originals {
        all.extend([
            t.to_uppercase(),
            t.replace(' ', "  "),
            format!("{t}\n"),
            format!("  {t}"),
        ]);
    }
    all.sort();
    all.dedup();
    (originals, all)
}

fn inputs(rules: &[Rule<'_>], examples: &[Vec<String>]) -> Vec<Input> {
    let mut out = Vec::new();
    for (rule, examples) in rules.iter().zip(examples) {
        let mut errors: Vec<Option<String>> =
            rule.errors.iter().map(|c| Some(c.to_string())).collect();
        // No `error`, an empty one, one the catalog does not know, another entry's.
        errors.extend([None, Some(String::new()), Some("no_such_error".into())]);
        errors.push(Some("illegal_argument".into()));
        let first_error = rule.errors.first().map(|c| c.to_string());
        let first = rule.statuses.first().copied().unwrap_or(400);
        let (originals, all) = texts(rule, examples);
        for text in all {
            for &status in rule.statuses {
                for error in &errors {
                    out.push((status, error.clone(), None, Some(text.clone())));
                }
            }
            for &n in rule.error_codes {
                out.push((200, first_error.clone(), Some(n), Some(text.clone())));
            }
        }
        // The property tests' status changes, with the entry's `error` and without.
        for text in originals {
            for status in STATUSES {
                for error in [first_error.clone(), None] {
                    out.push((status, error, None, Some(text.clone())));
                }
            }
        }
        for error in &errors {
            out.push((first, error.clone(), None, None));
        }
    }
    for file in ["documented.tsv", "usergrid.tsv", "observed.tsv"] {
        let path = format!("{}/../catalog/coverage/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for row in coverage::parse(&text, file).rows {
            let statuses: Vec<u16> = match row.status {
                RowStatus::Exact(s) => vec![s],
                RowStatus::Class(c) => vec![u16::from(c) * 100, u16::from(c) * 100 + 3],
                RowStatus::Missing => vec![200],
            };
            for status in statuses {
                for error in [row.error.clone(), None] {
                    out.push((status, error, row.error_code, row.description.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn the_matcher_answers_as_one_matcher_per_entry_does() {
    let (rules, examples) = catalog();
    let matcher = Matcher::new(&rules);
    let single: Vec<Matcher<'_>> = (0..rules.len())
        .map(|i| Matcher::new(&rules[i..=i]))
        .collect();
    let inputs = inputs(&rules, &examples);
    let mut dump = String::new();
    let (mut ties, mut answered) = (0usize, 0usize);
    for (status, error, error_code, description) in &inputs {
        let parts = ResponseParts {
            status: *status,
            error: error.as_deref(),
            error_code: *error_code,
            description: description.as_deref(),
        };
        let got = answer(&matcher, parts, 0);
        answered += usize::from(got.is_some());
        match reference(&rules, &single, parts) {
            Ok(want) => assert_eq!(got, want, "{parts:?}"),
            Err(tied) => {
                ties += 1;
                assert!(tied.contains(&got), "{parts:?}: {got:?} not among {tied:?}");
            }
        }
        let _ = writeln!(dump, "{parts:?} -> {got:?}");
    }
    assert!(inputs.len() > 19_500, "{} inputs", inputs.len());
    assert!(
        answered > inputs.len() / 4,
        "{answered} of {} answered",
        inputs.len()
    );
    // Two fitting templates of one stage are rare: a tie is a catalog quirk, not the rule.
    assert!(ties < inputs.len() / 100, "{ties} ties");
    if let Some(path) = std::env::var_os("MATCHER_ANSWERS") {
        std::fs::write(&path, dump).expect("write the answers");
    }
    eprintln!("{} inputs, {answered} answered, {ties} ties", inputs.len());
}
