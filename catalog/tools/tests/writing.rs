//! How the catalog's Chinese is written: full-width `，；：（）` in Chinese sentences, as the
//! docs write them. ASCII stays inside backtick code, ids, numbers with units and English
//! words, so the rule is checked only next to a Chinese character.

use easemob_errors_tools::Validated;

/// Whether `c` is a CJK ideograph or CJK punctuation.
fn cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// The 1-based columns (in characters) of half-width `,;:()` next to a CJK character,
/// outside backtick code spans.
fn half_width_next_to_cjk(text: &str) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let mut in_code = false;
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '`' {
            in_code = !in_code;
            continue;
        }
        if in_code || !matches!(c, ',' | ';' | ':' | '(' | ')') {
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        if before.is_some_and(cjk) || after.is_some_and(cjk) {
            found.push(i + 1);
        }
    }
    found
}

/// Every Chinese text of the catalog, named: (where, text).
fn chinese_texts(catalog: &Validated) -> Vec<(String, &'static str)> {
    let mut texts = Vec::new();
    for s in catalog.statuses {
        texts.push((format!("status.yaml row `{}`, zh", s.key.label()), s.zh));
    }
    for a in catalog.areas {
        texts.push((format!("areas.yaml area `{}`, zh", a.name), a.zh));
    }
    for (i, e) in catalog.entries.iter().enumerate() {
        let at = match catalog.origin(i) {
            Some(o) => format!("{}:{} entry `{}`", o.file, o.line, e.id),
            None => format!("entry `{}`", e.id),
        };
        texts.push((format!("{at}, zh"), e.zh));
        for (n, c) in e.causes.iter().enumerate() {
            texts.push((format!("{at}, cause {}, zh", n + 1), c.zh));
        }
    }
    texts
}

#[test]
fn chinese_punctuation_is_full_width() {
    let catalog = easemob_errors_tools::load_workspace_catalog().expect("a valid catalog");
    let texts = chinese_texts(&catalog);
    assert!(texts.len() > 300, "{} texts", texts.len());
    let problems: Vec<String> = texts
        .iter()
        .flat_map(|(at, text)| {
            half_width_next_to_cjk(text)
                .into_iter()
                .map(move |col| format!("{at}, column {col}: {text}"))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "half-width `,;:()` next to Chinese (use `，；：（）`):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_should() {
    assert_eq!(half_width_next_to_cjk("请求体超过 5 KB,拆成"), [11]);
    assert_eq!(half_width_next_to_cjk("(错误请求)服务器"), [1, 6]);
    assert_eq!(
        half_width_next_to_cjk("带有 `a:b,c` 的 header"),
        Vec::<usize>::new()
    );
    assert_eq!(
        half_width_next_to_cjk("users [a, b] (max 60)"),
        Vec::<usize>::new()
    );
}
