//! Unit tests of the matcher's precedence and of its fast paths against the searches they
//! shortcut.

use super::*;
use crate::template::Template;

fn parts<'t>(
    status: u16,
    error: Option<&'t str>,
    error_code: Option<i64>,
    description: Option<&'t str>,
) -> ResponseParts<'t> {
    ResponseParts {
        status,
        error,
        error_code,
        description,
    }
}

/// The `alone` table answers exactly as the description-alone search does without it:
/// an exact description another rule's template also fits stays ambiguous (`None`).
#[test]
fn alone_table_changes_no_answer() {
    const AMBIGUOUS: &[Rule<'static>] = &[
        Rule {
            statuses: &[400],
            errors: &[],
            pairs: &[],
            descriptions: &["user bob is not legal", "resource not exist"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["illegal_argument"],
            pairs: &[],
            descriptions: &["user {name} is not legal"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400, 403],
            errors: &["forbidden_op"],
            pairs: &[],
            descriptions: &[
                "too many queries",
                "user {name} is not admin of group {group}",
            ],
            error_codes: &[],
        },
    ];
    for rules in [RULES, AMBIGUOUS] {
        let fast = Matcher::new(rules);
        let mut slow = Matcher::new(rules);
        slow.alone = strict::Verbatim::alone(&slow.patterns, &[]);
        assert!(!fast.alone_answers().is_empty());
        let texts = rules
            .iter()
            .flat_map(|r| r.descriptions.iter().copied())
            .chain(["user ann is not legal", "user x is not admin of group 1"]);
        for text in texts {
            for status in [400, 403, 404] {
                let answer = |m: &Matcher<'_>| {
                    m.by_description_alone(status, text)
                        .map(|m| (m.rule, m.len, m.matched_by()))
                };
                assert_eq!(answer(&fast), answer(&slow), "{status} {text:?}");
            }
        }
    }
    let m = Matcher::new(AMBIGUOUS);
    assert!(
        m.by_description_alone(400, "user bob is not legal")
            .is_none()
    );
    // Answered by the stage 7 record, without the search.
    let number = group::group_number(400, group::CodeKey::AllRules);
    assert_eq!(m.alone.find(number, 400, "", "resource not exist"), Some(0));
    assert_eq!(m.alone.find(number, 404, "", "resource not exist"), None);
    assert_eq!(
        m.by_description_alone(400, "resource not exist")
            .map(|m| m.rule),
        Some(0)
    );
    assert_eq!(
        m.by_description_alone(403, "too many queries")
            .map(|m| m.rule),
        Some(2)
    );
}

const RULES: &[Rule<'static>] = &[
    Rule {
        statuses: &[400],
        errors: &["illegal_argument"],
        pairs: &[],
        descriptions: &["group member {username} doesn't exist"],
        error_codes: &[],
    },
    Rule {
        statuses: &[400],
        errors: &["illegal_argument"],
        pairs: &[],
        descriptions: &["newpassword is required"],
        error_codes: &[],
    },
    Rule {
        statuses: &[400],
        errors: &["illegal_argument"],
        pairs: &[],
        descriptions: &[],
        error_codes: &[],
    },
    Rule {
        statuses: &[403],
        errors: &[],
        pairs: &[],
        descriptions: &["this appKey has create too many groups/chatrooms!"],
        error_codes: &[],
    },
    Rule {
        statuses: &[403],
        errors: &[],
        pairs: &[],
        descriptions: &[
            "can not join this group, reason:user {user} has joined too many groups/chatroom!",
        ],
        error_codes: &[],
    },
    Rule {
        statuses: &[403],
        errors: &["forbidden_op"],
        pairs: &[],
        descriptions: &[
            "can not join this group, reason:user: {user} already in group: {group_id}",
        ],
        error_codes: &[],
    },
    Rule {
        statuses: &[401],
        errors: &["unauthorized"],
        pairs: &[],
        descriptions: &["Unable to authenticate due to expired access token"],
        error_codes: &[],
    },
    Rule {
        statuses: &[400],
        errors: &["required_property_not_found"],
        pairs: &[],
        descriptions: &["Entity user requires a property named username"],
        error_codes: &[],
    },
    Rule {
        statuses: &[400],
        errors: &["illegal_argument"],
        pairs: &[],
        descriptions: &["Entity user requires a property named username"],
        error_codes: &[],
    },
];

fn hit(status: u16, code: Option<&str>, desc: &str) -> Option<(usize, Vec<String>)> {
    let m = Matcher::new(RULES);
    m.classify(parts(status, code, None, Some(desc)))
        .map(|h| (h.rule(), h.captures().map(str::to_owned).collect()))
}

#[test]
fn exact_beats_template_beats_any() {
    assert_eq!(
        hit(400, Some("illegal_argument"), "newpassword is required"),
        Some((1, vec![]))
    );
    assert_eq!(
        hit(
            400,
            Some("illegal_argument"),
            "group member bob doesn't exist"
        ),
        Some((0, vec!["bob".into()]))
    );
    assert_eq!(
        hit(400, Some("illegal_argument"), "something new"),
        Some((2, vec![]))
    );
    // An `error` the catalog does not know: the description alone decides.
    assert_eq!(
        hit(400, Some("other_code"), "newpassword is required"),
        Some((1, vec![]))
    );
}

#[test]
fn agnostic_rules_match_any_code() {
    assert_eq!(
        hit(
            403,
            Some("forbidden_op"),
            "this appKey has create too many groups/chatrooms!"
        ),
        Some((3, vec![]))
    );
    assert_eq!(
        hit(
            403,
            None,
            "can not join this group, reason:user u9 has joined too many groups/chatroom!"
        ),
        Some((4, vec!["u9".into()]))
    );
}

#[test]
fn missing_code_matches_on_status_and_description_when_unique() {
    assert_eq!(
        hit(
            401,
            None,
            "Unable to authenticate due to expired access token"
        ),
        Some((6, vec![]))
    );
    assert_eq!(
        hit(
            401,
            Some(""),
            "Unable to authenticate due to expired access token"
        ),
        Some((6, vec![]))
    );
    // Two entries (of different codes) share this description: no guess.
    assert_eq!(
        hit(400, None, "Entity user requires a property named username"),
        None
    );
    assert_eq!(hit(400, None, "unknown text"), None);
}

fn how(
    status: u16,
    code: Option<&str>,
    number: Option<i64>,
    desc: Option<&str>,
) -> Option<(usize, MatchedBy)> {
    let m = Matcher::new(RULES);
    m.classify(parts(status, code, number, desc))
        .map(|h| (h.rule(), h.matched_by()))
}

#[test]
fn each_match_says_what_it_rested_on() {
    let text = Some("newpassword is required");
    assert_eq!(
        how(400, Some("illegal_argument"), None, text),
        Some((1, MatchedBy::ErrorAndDescription))
    );
    assert_eq!(
        how(400, None, None, text),
        Some((1, MatchedBy::Description))
    );
    assert_eq!(
        how(400, Some("legacy_code"), None, text),
        Some((1, MatchedBy::Description))
    );
    assert_eq!(
        how(400, Some("illegal_argument"), None, Some("new text")),
        Some((2, MatchedBy::Error))
    );
    assert_eq!(
        how(400, Some("illegal_argument"), None, None),
        Some((2, MatchedBy::Error))
    );
    // Status drift: the `error` and the description name one entry, under another status.
    assert_eq!(
        how(500, Some("illegal_argument"), None, text),
        Some((1, MatchedBy::ErrorAndDescription))
    );
    assert_eq!(
        how(
            404,
            Some("unauthorized"),
            None,
            Some("Unable to authenticate due to expired access token")
        ),
        Some((6, MatchedBy::ErrorAndDescription))
    );
    // The `error` narrows two entries with one description to one.
    assert_eq!(
        how(
            401,
            Some("illegal_argument"),
            None,
            Some("Entity user requires a property named username")
        ),
        Some((8, MatchedBy::ErrorAndDescription))
    );
    assert_eq!(
        how(403, Some("forbidden_op"), None, Some("no such text")),
        None
    );
}

#[test]
fn description_alone_needs_enough_literal_text() {
    const SHORT: &[Rule<'static>] = &[
        Rule {
            statuses: &[400],
            errors: &["a"],
            pairs: &[],
            descriptions: &["{x}: {y}"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["b"],
            pairs: &[],
            descriptions: &["user {name} is not legal"],
            error_codes: &[],
        },
    ];
    let m = Matcher::new(SHORT);
    let rule = |code, text| {
        m.classify(parts(400, code, None, Some(text)))
            .map(|h| h.rule())
    };
    assert_eq!(
        rule(Some("a"), "k: v"),
        Some(0),
        "with its `error` a short template matches"
    );
    assert_eq!(
        rule(None, "k: v"),
        None,
        "alone it does not: 1 literal byte"
    );
    assert_eq!(
        rule(None, "user bob is not legal"),
        Some(1),
        "12 literal bytes"
    );
    assert!(
        pattern::literal_bytes(&Template::parse("user {name} is not legal").unwrap())
            >= MIN_LITERAL
    );
}

#[test]
fn trailing_newline_and_two_placeholders() {
    assert_eq!(
        hit(
            403,
            Some("forbidden_op"),
            "can not join this group, reason:user: hxtest1 already in group: 40659491815425\n"
        ),
        Some((5, vec!["hxtest1".into(), "40659491815425".into()]))
    );
}

#[test]
fn longest_literal_prefix_is_tried_first() {
    const T: &[Rule<'static>] = &[
        Rule {
            statuses: &[400],
            errors: &["c"],
            pairs: &[],
            descriptions: &["abc{x}"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["c"],
            pairs: &[],
            descriptions: &["abd{x}"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["c"],
            pairs: &[],
            descriptions: &["ab{x}"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["c"],
            pairs: &[],
            descriptions: &["{x}z"],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &["c"],
            pairs: &[],
            descriptions: &["a b c d {x}"],
            error_codes: &[],
        },
    ];
    let m = Matcher::new(T);
    let rule = |d: &str| {
        m.classify(parts(400, Some("c"), None, Some(d)))
            .map(|h| (h.rule(), h.capture(0).to_owned()))
    };
    assert_eq!(rule("abcq"), Some((0, "q".into())));
    assert_eq!(rule("abdq"), Some((1, "q".into())));
    assert_eq!(rule("abq"), Some((2, "q".into())));
    assert_eq!(
        rule("abcdq"),
        Some((4, "q".into())),
        "split labels still reach the deepest node"
    );
    assert_eq!(rule("qqz"), Some((3, "qq".into())));
    assert_eq!(rule("q"), None);
}

#[test]
fn placeholders_need_a_value() {
    assert_eq!(
        hit(400, Some("illegal_argument"), "group member  doesn't exist"),
        Some((2, vec![]))
    );
}

#[test]
fn rewordings_match_the_same_rule_with_the_same_fields() {
    const T: &[Rule<'static>] = &[
        Rule {
            statuses: &[403],
            errors: &["forbidden_op"],
            pairs: &[],
            descriptions: &[
                "users [{users}] are not members of this group!",
                "users {users} are not members of this group!",
            ],
            error_codes: &[],
        },
        Rule {
            statuses: &[400],
            errors: &[],
            pairs: &[],
            descriptions: &["param from can't be empty"],
            error_codes: &[14001],
        },
    ];
    let m = Matcher::new(T);
    let hit = |s, d| {
        m.classify(parts(s, Some("forbidden_op"), None, Some(d)))
            .map(|h| (h.rule(), h.capture(0).to_owned()))
    };
    assert_eq!(
        hit(403, "users [u1] are not members of this group!"),
        Some((0, "u1".into()))
    );
    assert_eq!(
        hit(403, "Users u1 are not members of this group!"),
        Some((0, "u1".into()))
    );
    let by_number = m
        .classify(parts(
            200,
            Some("message_send_error"),
            Some(14001),
            Some("anything"),
        ))
        .map(|h| h.rule());
    assert_eq!(
        by_number,
        Some(1),
        "a numeric code wins whatever the status"
    );
    assert_eq!(
        m.classify(parts(
            400,
            None,
            Some(99),
            Some("param from can't be empty")
        ))
        .map(|h| h.rule()),
        Some(1),
        "an unknown number falls back to the description"
    );
}

/// A response whose `error` and description name an entry (or whose `error` names an entry
/// that accepts any description) is answered by the strict stages: the tolerant ones never
/// start. Responses they do not answer do start them.
#[test]
fn strict_answers_never_start_the_tolerant_stages() {
    let m = Matcher::new(RULES);
    let runs = || TOLERANT_RUNS.with(core::cell::Cell::get);
    for rule in RULES {
        let texts: Vec<String> = rule
            .descriptions
            .iter()
            .map(|d| {
                let t = Template::parse(d).unwrap();
                t.render(|_| Some("v1"))
            })
            .chain(rule.descriptions.is_empty().then(|| "anything".to_owned()))
            .collect();
        for &status in rule.statuses {
            for &code in rule.errors.iter().filter(|c| rule.comes_with(status, c)) {
                for text in &texts {
                    let before = runs();
                    let hit = m.classify(parts(status, Some(code), None, Some(text)));
                    assert_eq!(runs(), before, "{status} {code} {text:?}");
                    let how = hit.map(|h| h.matched_by());
                    assert!(
                        matches!(how, Some(MatchedBy::ErrorAndDescription | MatchedBy::Error)),
                        "{status} {code} {text:?}: {how:?}"
                    );
                }
            }
        }
    }
    let before = runs();
    let _ = m.classify(parts(
        401,
        None,
        None,
        Some("Unable to authenticate due to expired access token"),
    ));
    let _ = m.classify(parts(500, Some("unauthorized"), None, Some("no such text")));
    assert_eq!(
        runs(),
        before + 2,
        "bodies the strict stages do not answer start one"
    );
}

/// Templates the written-form shortcut must get exactly right or leave to the folded search:
/// a value holding the next literal in another case or spacing, prefixes one of which extends
/// another, an exact description as long (folded) as a template's text, a literal whose
/// rarest byte repeats, a template that is not ASCII.
const WRITTEN: &[Rule<'static>] = &[
    Rule {
        statuses: &[400],
        errors: &["e"],
        pairs: &[],
        descriptions: &["attempt to block[{a}] for user[{b}], but user[{c}] not found"],
        error_codes: &[],
    },
    Rule {
        statuses: &[400],
        errors: &["e"],
        pairs: &[],
        descriptions: &["user {a} is not legal", "user name {a} is not legal"],
        error_codes: &[],
    },
    Rule {
        statuses: &[400],
        errors: &["e"],
        pairs: &[],
        descriptions: &["group {g} is full", "group 123 is fulll"],
        error_codes: &[],
    },
    Rule {
        statuses: &[400],
        errors: &["e"],
        pairs: &[],
        descriptions: &["key {k}:a:{v} set", "reason：{r} joined too many"],
        error_codes: &[],
    },
    Rule {
        statuses: &[400],
        errors: &["e"],
        pairs: &[],
        descriptions: &["group 7 is full"],
        error_codes: &[],
    },
];

/// Texts for [`WRITTEN`]: each template rendered with values that hold pieces of its own
/// literals, as written and in other cases and spacing.
const WRITTEN_VALUES: [&str; 12] = [
    "u1",
    "U 1",
    "x] for user[y",
    "x] FOR USER[y",
    "x]for  user[y",
    "a:a:b",
    "A:A",
    "user",
    "is not legal",
    "Is  Not Legal",
    "1",
    "",
];

/// The answer of a matcher as comparable values.
fn written_answer(m: &Matcher<'_>, text: &str) -> Option<(usize, MatchedBy, Vec<String>)> {
    m.classify(parts(400, Some("e"), None, Some(text)))
        .map(|h| {
            (
                h.rule(),
                h.matched_by(),
                h.captures().map(str::to_owned).collect(),
            )
        })
}

/// The shortcut answers as the folded search does, on every rendering of every template
/// with every pair of values, as written and with the text's case and spacing changed.
#[test]
fn written_templates_answer_as_the_folded_search() {
    let fast = Matcher::new(WRITTEN);
    let mut slow = Matcher::new(WRITTEN);
    slow.written = written::Blocks::default();
    let mut texts = Vec::new();
    for d in WRITTEN.iter().flat_map(|r| r.descriptions) {
        let t = Template::parse(d).unwrap();
        for a in WRITTEN_VALUES {
            for b in WRITTEN_VALUES {
                let mut n = 0;
                let text = t.render(|_| {
                    n += 1;
                    Some(if n == 2 { b } else { a })
                });
                texts.push(text.to_uppercase());
                texts.push(text.replace(' ', "  "));
                texts.push(text);
            }
        }
    }
    texts.extend(
        [
            "group 123 is fulll",
            "group 1234 is full",
            "Group 123 is FULLL",
            "group  7 is full",
            "group 7  is full",
            "GROUP 7 is full",
        ]
        .map(String::from),
    );
    for text in &texts {
        assert_eq!(
            written_answer(&fast, text),
            written_answer(&slow, text),
            "{text:?}"
        );
    }
    // The shortcut does answer a plain rendering, where it can.
    let number = group::group_number(400, group::CodeKey::Code("e"));
    let hit = |t: &'static str| {
        fast.as_written(number, 400, "e", t)
            .map(|h| h.captures().collect::<Vec<_>>())
    };
    assert_eq!(
        hit("attempt to block[u1] for user[u2], but user[u3] not found"),
        Some(vec!["u1", "u2", "u3"])
    );
    assert_eq!(hit("key k1:a:v1 set"), Some(vec!["k1", "v1"]));
    // A text as long as an exact description: folded and looked up among them, the
    // template's answer when it is none of them, the exact description's when it is one.
    assert_eq!(hit("group 1234 is full"), Some(vec!["1234"]));
    assert_eq!(hit("group 456 is full"), Some(vec!["456"]));
    let exact = fast
        .as_written(number, 400, "e", "group  7 is full")
        .map(|h| (h.rule(), h.len));
    assert_eq!(exact, Some((4, 0)));
    // Left to the folded search: a value holding the next literal in another case, a prefix
    // another extends, a template that is not ASCII.
    assert_eq!(
        hit("attempt to block[x] FOR USER[y] for user[u2], but user[u3] not found"),
        None
    );
    assert_eq!(hit("user u1 is not legal"), None);
    assert_eq!(hit("reason：r1 joined too many"), None);
}

proptest::proptest! {
    /// On texts pieced together from the templates' own words and values, in any case and
    /// spacing, the shortcut answers as the folded search does.
    #[test]
    fn written_shortcut_changes_no_answer(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "attempt to block[", "] for user[", "], but user[", "] not found", "key ", ":a:",
            " set", "user ", " is not legal", "group ", " is full", "u1", "A", " ", "]", "[",
            ":", "FOR USER[",
        ]), 1..8)
    ) {
        let fast = Matcher::new(WRITTEN);
        let mut slow = Matcher::new(WRITTEN);
        slow.written = written::Blocks::default();
        let text: String = pieces.concat();
        proptest::prop_assert_eq!(written_answer(&fast, &text), written_answer(&slow, &text));
    }
}

proptest::proptest! {
    /// A value's range comes out as `str::trim` would cut it, whitespace beyond ASCII
    /// included.
    #[test]
    fn trimmed_cuts_as_str_trim(
        text in "[ a\u{3000}\u{a0}\t\u{b}\u{c}\r\n中x]{0,12}",
        a in 0usize..40,
        b in 0usize..40,
    ) {
        if a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) {
            let (start, end) = pattern::trimmed(&text, a, b);
            let value = &text[a..b];
            proptest::prop_assert_eq!(&text[start..end], value.trim());
            proptest::prop_assert_eq!(start, a + value.len() - value.trim_start().len());
        }
    }
}

/// An entry that pairs its statuses with its `error`s is answered strictly only for the pairs
/// it lists; another pair of its lists starts the tolerant stages (status drift), which find
/// it, and loses to an entry that does list that pair.
#[test]
fn pairs_limit_the_strict_stages_to_the_pairs_listed() {
    let rules = [
        Rule {
            statuses: &[400, 401],
            errors: &["token", "auth_bad_access_token"],
            pairs: &[(400, "token"), (401, "auth_bad_access_token")],
            descriptions: &["Could not find an entity for that access token: {token}"],
            error_codes: &[],
        },
        Rule {
            statuses: &[403],
            errors: &["token"],
            pairs: &[],
            descriptions: &[],
            error_codes: &[],
        },
    ];
    assert!(rules[0].comes_with(400, "token") && !rules[0].comes_with(401, "token"));
    assert!(rules[1].comes_with(403, "token") && !rules[1].comes_with(400, "token"));
    let m = Matcher::new(&rules);
    let runs = || TOLERANT_RUNS.with(core::cell::Cell::get);
    let text = "Could not find an entity for that access token: t1";
    let hit = |status, code| {
        let before = runs();
        let h = m.classify(parts(status, Some(code), None, Some(text)));
        (
            h.map(|h| (h.rule(), h.capture(0).to_owned())),
            runs() - before,
        )
    };
    let gone = Some((0, "t1".to_owned()));
    assert_eq!(hit(400, "token"), (gone.clone(), 0));
    assert_eq!(hit(401, "auth_bad_access_token"), (gone.clone(), 0));
    assert_eq!(
        hit(401, "token"),
        (gone.clone(), 1),
        "drift finds the paired entry"
    );
    assert_eq!(hit(400, "auth_bad_access_token"), (gone, 1));
    assert_eq!(
        hit(403, "token").0.map(|h| h.0),
        Some(1),
        "the entry listing the pair wins"
    );
}
