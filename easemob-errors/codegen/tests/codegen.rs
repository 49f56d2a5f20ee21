//! The generator's expected output for a small catalog (`tests/fixture/*.yaml`, compiled to
//! `tests/fixture/catalog.rs` by `cargo xtask regen`), after prost-build's expected-output
//! test: read the snapshot diff when it changes, it is the code users' enums are made of.

#[rustfmt::skip]
#[path = "fixture/catalog.rs"]
mod catalog;

use easemob_errors_codegen::{HEADER, generate, generate_enum};
use easemob_errors_core::catalog::{Catalog, Entry};

/// The generated source, formatted for people (the build script writes it compact).
fn pretty(source: &str) -> String {
    let body = source.strip_prefix(HEADER).expect("the header comes first");
    let file: syn::File = syn::parse_str(body).expect("the generated code parses");
    format!("{HEADER}\n{}", prettyplease::unparse(&file))
}

#[test]
fn fixture_catalog() {
    let code = generate(&catalog::CATALOG).expect("the fixture generates");
    insta::assert_snapshot!("fixture_catalog", pretty(&code));
}

#[test]
fn the_enum_alone_is_the_same_enum() {
    let all = generate(&catalog::CATALOG).unwrap();
    let alone = generate_enum(&catalog::CATALOG).unwrap();
    let body = alone.strip_prefix(HEADER).unwrap().trim();
    assert!(all.contains(body));
    assert!(!alone.contains("status_explanation"));
}

const BAD: Entry = Entry {
    id: "bad_template",
    area: "chatgroups",
    statuses: &[400],
    errors: &["e"],
    descriptions: &["an {unclosed placeholder"],
    zh: "坏模板。",
    en: "A bad template.",
    ..Entry::EMPTY
};

/// What the generator cannot express is an error that names it, never a silent skip.
#[test]
fn an_entry_it_cannot_express_is_named() {
    static ENTRIES: [Entry; 1] = [BAD];
    let bad = Catalog {
        entries: &ENTRIES,
        ..catalog::CATALOG
    };
    let err = generate(&bad).unwrap_err();
    assert!(err.contains("bad_template"), "{err}");
    static RENAMED: [Entry; 1] = [Entry {
        id: "unknown",
        ..BAD
    }];
    let err = generate_enum(&Catalog {
        entries: &RENAMED,
        ..catalog::CATALOG
    })
    .unwrap_err();
    assert!(err.contains("reserved"), "{err}");
    let no_other = Catalog {
        statuses: &catalog::CATALOG.statuses[..1],
        ..catalog::CATALOG
    };
    assert!(generate(&no_other).unwrap_err().contains("`other`"));
}

#[test]
fn the_fixture_fingerprint_is_that_of_its_yaml() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture");
    assert_eq!(
        easemob_errors_codegen::fingerprint::fingerprint(&dir).unwrap(),
        catalog::FINGERPRINT
    );
}
