//! The classifier a user would write by hand, built from the same catalog: one `regex::Regex`
//! per entry (placeholders as lazy named groups), tried in order, captures into a map.

use easemob_errors_core::template::{Part, Template};
use easemob_errors_tools::Catalog;
use regex::Regex;
use std::collections::HashMap;

struct Pattern {
    id: String,
    statuses: Vec<u16>,
    errors: Vec<String>,
    regex: Regex,
}

/// The hand-written classifier.
pub struct RegexClassifier {
    patterns: Vec<Pattern>,
}

impl RegexClassifier {
    /// One anchored regex per entry description (a user would write one per wording); an
    /// entry without a description matches anything.
    pub fn new(catalog: &Catalog) -> RegexClassifier {
        let mut patterns = Vec::new();
        for e in catalog.entries {
            let parsed: Vec<Template> = e
                .descriptions
                .iter()
                .filter_map(|d| Template::parse(d).ok())
                .collect();
            let templates: Vec<Option<&Template>> = if parsed.is_empty() {
                vec![None]
            } else {
                parsed.iter().map(Some).collect()
            };
            for t in templates {
                let mut re = String::from("^");
                match t {
                    Some(t) => {
                        for part in t.parts() {
                            match part {
                                Part::Literal(s) => re.push_str(&regex::escape(s)),
                                Part::Placeholder(name) => re.push_str(&format!("(?P<{name}>.+?)")),
                            }
                        }
                    }
                    None => re.push_str("(?s:.*)"),
                }
                re.push_str("\\s*$");
                patterns.push(Pattern {
                    id: e.id.to_owned(),
                    statuses: e.statuses.to_vec(),
                    errors: e.errors.iter().map(|&c| c.to_owned()).collect(),
                    regex: Regex::new(&re).unwrap_or_else(|err| panic!("{}: {err}", e.id)),
                });
            }
        }
        RegexClassifier { patterns }
    }

    /// The first entry whose status, `error` and regex match, with its captures. Status and
    /// `error` are compared first, as any hand-written classifier would, so a regex runs only
    /// for the entries that could apply.
    pub fn classify(
        &self,
        status: u16,
        code: Option<&str>,
        description: &str,
    ) -> Option<(&str, HashMap<String, String>)> {
        for p in &self.patterns {
            if !p.statuses.contains(&status) {
                continue;
            }
            if !p.errors.is_empty() && !code.is_some_and(|c| p.errors.iter().any(|x| x == c)) {
                continue;
            }
            let Some(caps) = p.regex.captures(description) else {
                continue;
            };
            let fields = p
                .regex
                .capture_names()
                .flatten()
                .filter_map(|n| caps.name(n).map(|m| (n.to_owned(), m.as_str().to_owned())))
                .collect();
            return Some((&p.id, fields));
        }
        None
    }
}
