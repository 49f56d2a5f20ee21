//! Property tests: nothing panics, nothing is lost, and classification is consistent.
//!
//! Case counts are set per property (`PROPTEST_CASES` overrides them all).

use easemob_errors::{ApiError, Classify, ErrorKind, MatchedBy, ResponseParts};
use easemob_errors_core::template::Template;
use proptest::prelude::*;
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// (first status, first code, a description or template, entry id).
type Case = (u16, Option<String>, String, String);

/// Every example of every catalog entry.
fn examples() -> &'static [Case] {
    static EXAMPLES: OnceLock<Vec<Case>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let catalog = easemob_errors_tools::load_workspace_catalog().expect("valid catalog");
        let mut out = Vec::new();
        // Entries known only by a numeric `error_code` have no status to build a case with;
        // tests/examples.rs and tests/bodies.rs cover them.
        for e in catalog.entries.iter().filter(|e| !e.statuses.is_empty()) {
            let mut texts: Vec<String> = e.examples.iter().map(|&x| x.to_owned()).collect();
            if texts.is_empty() {
                texts.extend(e.first_example().map(str::to_owned));
            }
            for t in texts {
                out.push((
                    e.statuses[0],
                    e.errors.first().map(|&c| c.to_owned()),
                    t,
                    e.id.to_owned(),
                ));
            }
        }
        out
    })
}

/// Templates with placeholders, with the id of their entry.
fn templates() -> &'static [Case] {
    static T: OnceLock<Vec<Case>> = OnceLock::new();
    T.get_or_init(|| {
        let catalog = easemob_errors_tools::load_workspace_catalog().expect("valid catalog");
        catalog
            .entries
            .iter()
            .filter(|e| !e.statuses.is_empty() && e.template().is_some_and(|t| !t.is_exact()))
            .map(|e| {
                (
                    e.statuses[0],
                    e.errors.first().map(|&c| c.to_owned()),
                    e.description().unwrap_or_default().to_owned(),
                    e.id.to_owned(),
                )
            })
            .collect()
    })
}

/// The ids of the entries that, each on its own, match `text` by description alone at
/// `status` (one matcher per entry: the brute-force check of the shared matcher).
fn single_rule_fits(status: u16, text: &str) -> Vec<String> {
    use easemob_errors_core::matcher::{Matcher, Rule};
    static CATALOG: OnceLock<easemob_errors_tools::Validated> = OnceLock::new();
    static RULES: OnceLock<Vec<Rule<'static>>> = OnceLock::new();
    static SINGLE: OnceLock<Vec<Matcher<'static>>> = OnceLock::new();
    let catalog = CATALOG
        .get_or_init(|| easemob_errors_tools::load_workspace_catalog().expect("valid catalog"));
    let rules = RULES.get_or_init(|| catalog.rules());
    let single = SINGLE.get_or_init(|| {
        (0..rules.len())
            .map(|i| Matcher::new(&rules[i..=i]))
            .collect()
    });
    let parts = ResponseParts {
        status,
        error: None,
        error_code: None,
        description: Some(text),
    };
    single
        .iter()
        .zip(catalog.entries)
        .filter(|(m, _)| m.classify(parts).is_some())
        .map(|(_, e)| e.id.to_owned())
        .collect()
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((".{0,12}", inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// An object that may hold `error` / `error_description` of any JSON type, among other keys.
fn error_object() -> impl Strategy<Value = Value> {
    (
        prop::option::of(json_value()),
        prop::option::of(json_value()),
        prop::collection::vec(("[a-z_]{1,12}", json_value()), 0..5),
    )
        .prop_map(|(error, description, extra)| {
            let mut m: Map<String, Value> = extra.into_iter().collect();
            m.remove("error");
            m.remove("error_description");
            m.remove("desc");
            if let Some(e) = error {
                m.insert("error".into(), e);
            }
            if let Some(d) = description {
                m.insert("error_description".into(), d);
            }
            Value::Object(m)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_keep_the_status(status in any::<u16>(), body in prop::collection::vec(any::<u8>(), 0..512)) {
        let err = ApiError::from_response(status, &body);
        prop_assert_eq!(err.status(), status);
        prop_assert!(!err.zh().is_empty() && !err.en().is_empty());
        let _ = err.to_string();
    }

    #[test]
    fn arbitrary_json_objects_keep_string_fields_verbatim(status in any::<u16>(), body in error_object()) {
        let bytes = serde_json::to_vec(&body).unwrap();
        let err = ApiError::from_response(status, &bytes);
        prop_assert_eq!(err.status(), status);
        let expect_code = body.get("error").and_then(Value::as_str);
        let expect_desc = body.get("error_description").and_then(Value::as_str);
        prop_assert_eq!(err.code(), expect_code);
        prop_assert_eq!(err.description(), expect_desc);
        // Same answer as classifying the parts directly.
        let direct = ApiError::from_parts(ResponseParts { status, error: expect_code, error_code: None, description: expect_desc });
        prop_assert_eq!(err.kind(), direct.kind());
    }

    #[test]
    fn arbitrary_json_values_never_panic(status in any::<u16>(), body in json_value()) {
        let bytes = serde_json::to_vec(&body).unwrap();
        let err = ApiError::from_response(status, &bytes);
        prop_assert_eq!(err.status(), status);
    }

    #[test]
    fn arbitrary_parts_are_kept_verbatim(status in any::<u16>(), code in prop::option::of(".{0,30}"), desc in prop::option::of(".{0,200}")) {
        let err = ApiError::from_parts(ResponseParts { status, error: code.as_deref(), error_code: None, description: desc.as_deref() });
        prop_assert_eq!(err.code(), code.as_deref());
        prop_assert_eq!(err.description(), desc.as_deref());
        prop_assert!(!err.to_string().contains('\n'));
    }

    #[test]
    fn examples_in_real_bodies_with_extra_fields_still_classify(
        pick in any::<prop::sample::Index>(),
        extra in prop::collection::vec(("[a-z_]{1,12}", json_value()), 0..6),
        timestamp in any::<u64>(),
    ) {
        let (status, code, example, id) = pick.get(examples());
        let mut m: Map<String, Value> = extra.into_iter().collect();
        m.insert("exception".into(), "SomeException".into());
        m.insert("timestamp".into(), timestamp.into());
        m.insert("duration".into(), 0.into());
        m.remove("desc");
        m.remove("error");
        if let Some(c) = code {
            m.insert("error".into(), c.clone().into());
        }
        m.insert("error_description".into(), example.clone().into());
        let err = ApiError::from_response(*status, &serde_json::to_vec(&m).unwrap());
        prop_assert_eq!(err.id(), Some(id.as_str()));
        // Every example still matches by its `error` and description (by its description
        // within the status for entries that name no `error`).
        let expected = if code.is_some() { MatchedBy::ErrorAndDescription } else { MatchedBy::Description };
        prop_assert_eq!(err.matched_by(), expected);
    }

    /// A match by description alone is never a guess: exactly one entry of the status fits,
    /// checked against a matcher built for each entry on its own.
    #[test]
    fn a_match_by_description_alone_is_never_ambiguous(
        pick in any::<prop::sample::Index>(),
        status in prop::sample::select(vec![400u16, 401, 403, 404, 405, 408, 409, 413, 415, 429, 500, 503]),
    ) {
        let (_, _, text, _) = pick.get(examples());
        let err = ApiError::from_parts(ResponseParts { status, error: None, error_code: None, description: Some(text) });
        if err.matched_by() == MatchedBy::Description {
            let fitting = single_rule_fits(status, text);
            prop_assert_eq!(fitting.len(), 1, "{} at {}: {:?}", text, status, fitting);
            prop_assert_eq!(Some(fitting[0].as_str()), err.id());
        } else {
            prop_assert_eq!(err.matched_by(), MatchedBy::Status);
            prop_assert!(single_rule_fits(status, text).len() != 1, "{} at {} fits one entry", text, status);
        }
    }

    /// Rendering a template with the extracted values and classifying the result again gives
    /// the same entry and the same values.
    #[test]
    fn rendered_descriptions_round_trip(
        pick in any::<prop::sample::Index>(),
        values in prop::collection::vec("[A-Za-z0-9_@#-]{1,16}", 8),
    ) {
        let (status, code, template, id) = pick.get(templates());
        let t = Template::parse(template).unwrap();
        let names: Vec<&str> = t.placeholders().collect();
        let text = t.render(|name| names.iter().position(|n| *n == name).map(|i| values[i].as_str()));
        let err = ApiError::from_parts(ResponseParts { status: *status, error: code.as_deref(), error_code: None, description: Some(&text) });
        prop_assert_eq!(err.id(), Some(id.as_str()), "{}", text);
        let got: Vec<&str> = err.fields().into_iter().map(|(_, v)| v).collect();
        let want: Vec<&str> = values[..names.len()].iter().map(String::as_str).collect();
        prop_assert_eq!(got, want);
        // And the kind's own Display names the cause.
        prop_assert!(err.kind().to_string().starts_with(err.en()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Huge strings (1 MB and more) anywhere in the body.
    #[test]
    fn huge_strings(pick in any::<prop::sample::Index>(), size in 1usize << 20..(2usize << 20), place in 0..3u8) {
        let (status, code, example, id) = pick.get(examples());
        let big = "x".repeat(size);
        let mut m = Map::new();
        if let Some(c) = code { m.insert("error".into(), c.clone().into()); }
        m.insert("error_description".into(), example.clone().into());
        match place {
            0 => { m.insert("exception".into(), big.into()); }
            1 => { m.insert("a_big_key".into(), Value::Array(vec![big.into()])); }
            _ => { m.insert(big, 1.into()); }
        }
        let err = ApiError::from_response(*status, &serde_json::to_vec(&m).unwrap());
        prop_assert_eq!(err.id(), Some(id.as_str()));
    }

    /// Nesting far past any parser limit, before or after the useful fields.
    #[test]
    fn deep_nesting(depth in 1000usize..100_000, before in any::<bool>(), open in prop_oneof![Just("["), Just("{\"a\":")]) {
        let nested = open.repeat(depth);
        let useful = r#""error":"reach_limit","error_description":"This request has reached api limit""#;
        let body = if before {
            format!("{{\"x\":{nested}")
        } else {
            format!("{{{useful},\"x\":{nested}")
        };
        let err = ApiError::from_response(429, body.as_bytes());
        prop_assert_eq!(err.status(), 429);
        if !before {
            prop_assert_eq!(err.id(), Some("api_rate_limited"));
        }
    }

    /// Invalid UTF-8, BOMs, NUL escapes and duplicate keys in otherwise real bodies.
    #[test]
    fn byte_level_damage(pick in any::<prop::sample::Index>(), bom in any::<bool>(), dup in any::<bool>(), garbage in prop::collection::vec(any::<u8>(), 0..16)) {
        let (status, code, example, id) = pick.get(examples());
        let mut body = Vec::new();
        if bom { body.extend_from_slice(b"\xEF\xBB\xBF"); }
        let mut m = Map::new();
        if let Some(c) = code { m.insert("error".into(), c.clone().into()); }
        m.insert("error_description".into(), example.clone().into());
        m.insert("exception".into(), "a\u{0}b".into());
        let json = serde_json::to_vec(&m).unwrap();
        if dup {
            // A bogus first copy of the description; the last one wins.
            body.extend_from_slice(b"{\"error_description\":\"bogus\",");
            body.extend_from_slice(&json[1..]);
        } else {
            body.extend_from_slice(&json);
        }
        body.extend_from_slice(&garbage); // trailing bytes after the object
        let err = ApiError::from_response(*status, &body);
        prop_assert_eq!(err.id(), Some(id.as_str()));
        prop_assert_eq!(err.description(), Some(example.as_str()));
    }
}

#[test]
fn the_unknown_variant_is_what_nothing_matches() {
    assert_eq!(
        ErrorKind::classify(ResponseParts {
            status: 200,
            error: None,
            error_code: None,
            description: None
        }),
        ErrorKind::Unknown
    );
}
