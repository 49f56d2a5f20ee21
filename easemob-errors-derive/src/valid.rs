//! The derive's semantic rules. Each mistake is an error on the exact span; all are collected,
//! so one compile shows every mistake.

use crate::ast::{Input, Variant};
use easemob_errors_core::Retry;
use easemob_errors_core::grammar::{self, Problem};
use easemob_errors_core::scope::{Cause, Scope};
use easemob_errors_core::template::Template;
use heck::ToSnakeCase;
use proc_macro2::Span;
use syn::{Ident, LitInt, LitStr};

/// A variant that is a catalog entry, checked.
pub struct Known<'a> {
    pub ident: &'a Ident,
    pub id: String,
    /// The API area (`chatgroups`, `users`, …), when given.
    pub area: Option<String>,
    pub statuses: Vec<u16>,
    pub errors: Vec<String>,
    /// Which status comes with which `error` (empty: each with each).
    pub pairs: Vec<(u16, String)>,
    /// The description and its rewordings (empty: any description).
    pub descriptions: Vec<String>,
    pub error_codes: Vec<i64>,
    pub causes: Vec<Cause<String>>,
    /// Placeholder names in template order; each is also a field of the variant.
    pub placeholders: Vec<String>,
    pub zh: String,
    pub en: String,
    /// `None`: the status row's advice (see `easemob_errors_core::grammar`).
    pub retry: Option<Retry>,
    /// `None`: the status row's flag.
    pub alert: Option<bool>,
}

/// What a response no variant matches becomes.
pub enum Fallback<'a> {
    /// The `#[easemob(unknown)]` unit variant.
    Unknown(&'a Ident),
    /// The `#[easemob(catalog)]` variant, holding what its field's enum makes of it.
    Catalog { ident: &'a Ident, ty: &'a syn::Type },
}

/// The whole enum, checked.
pub struct Checked<'a> {
    pub ident: &'a Ident,
    pub fallback: Fallback<'a>,
    pub known: Vec<Known<'a>>,
}

/// Every error found, combined into one, and how many.
struct Errors(Option<syn::Error>, usize);

impl Errors {
    fn push(&mut self, e: syn::Error) {
        self.1 += 1;
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }
    /// A broken catalog rule, at `span`.
    fn problem(&mut self, span: Span, p: Problem) {
        self.at(span, p);
    }
    fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }
    /// An error on the whole `#[easemob(...)]` attribute (or the variant name without one).
    fn on_attr(&mut self, v: &Variant<'_>, message: impl std::fmt::Display) {
        match &v.attrs.first {
            Some(tokens) => self.push(syn::Error::new_spanned(tokens, message)),
            None => self.at(v.ident.span(), message),
        }
    }
}

fn is_string_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => p
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "String" && s.arguments.is_none()),
        _ => false,
    }
}

/// Checks the input; every problem becomes one spanned error.
pub fn check<'a>(input: &Input<'a>) -> syn::Result<Checked<'a>> {
    let mut errors = Errors(None, 0);
    let mut unknown: Option<&Ident> = None;
    let mut catalog: Option<(&Ident, &syn::Type)> = None;
    let mut known: Vec<Known<'a>> = Vec::new();
    for v in &input.variants {
        if v.attrs.catalog.is_some() {
            if let Some(found) = check_catalog(v, &mut errors) {
                match catalog {
                    Some((first, _)) => errors.at(
                        v.ident.span(),
                        format!(
                            "only one variant can be #[easemob(catalog)]; `{first}` already is"
                        ),
                    ),
                    None => catalog = Some(found),
                }
            }
        } else if v.attrs.unknown.is_some() {
            check_unknown(v, &mut errors);
            match unknown {
                Some(first) => errors.at(
                    v.ident.span(),
                    format!("only one variant can be #[easemob(unknown)]; `{first}` already is"),
                ),
                None => unknown = Some(v.ident),
            }
        } else if let Some(tuple) = v.tuple {
            errors.push(syn::Error::new_spanned(
                tuple,
                "tuple variants are not supported; name each field after its placeholder, e.g. `{ username: String }`",
            ));
        } else if let Some(k) = check_known(v, &mut errors) {
            check_duplicate_id(v, &k, &known, &mut errors);
            known.push(k);
        }
    }
    // A catalog variant of the wrong shape was already reported: no second error for it.
    let catalog_tried = input.variants.iter().any(|v| v.attrs.catalog.is_some());
    let fallback = fallback(input, unknown, catalog, catalog_tried, &mut errors);
    match (errors.0, fallback) {
        (None, Some(fallback)) => Ok(Checked {
            ident: input.ident,
            fallback,
            known,
        }),
        (Some(e), _) => Err(e),
        // `fallback` reports an error whenever it finds none.
        (None, None) => Err(syn::Error::new_spanned(input.ident, "no fallback variant")),
    }
}

fn check_duplicate_id(v: &Variant<'_>, k: &Known<'_>, known: &[Known<'_>], errors: &mut Errors) {
    if let Some(prev) = known.iter().find(|p| p.id == k.id) {
        let span = v
            .attrs
            .id
            .as_ref()
            .map_or(v.ident.span(), |id| id.value.span());
        errors.at(
            span,
            format!(
                "duplicate id `{}`: variant `{}` already uses it",
                k.id, prev.ident
            ),
        );
    }
}

/// The variant that takes what no other matches: exactly one of `unknown` and `catalog`.
fn fallback<'a>(
    input: &Input<'a>,
    unknown: Option<&'a Ident>,
    catalog: Option<(&'a Ident, &'a syn::Type)>,
    catalog_tried: bool,
    errors: &mut Errors,
) -> Option<Fallback<'a>> {
    match (unknown, catalog) {
        (None, Some((ident, ty))) => Some(Fallback::Catalog { ident, ty }),
        (Some(ident), None) => Some(Fallback::Unknown(ident)),
        (Some(u), Some(_)) => {
            errors.at(
                u.span(),
                "with a #[easemob(catalog)] variant no #[easemob(unknown)] variant is needed: what neither knows is the catalog's own unknown variant; remove this one",
            );
            None
        }
        (None, None) if catalog_tried => None,
        (None, None) => {
            errors.at(
                input.ident.span(),
                "one variant must be marked #[easemob(unknown)] (it holds errors no variant knows), or #[easemob(catalog)] to hand them to a catalog enum",
            );
            None
        }
    }
}

/// The spans of every key but `unknown` and `catalog`, for the variants that take none.
fn other_keys(v: &Variant<'_>) -> Vec<Span> {
    let a = &v.attrs;
    [
        a.id.as_ref().map(|k| k.key),
        a.area.as_ref().map(|k| k.key),
        a.status.as_ref().map(|k| k.key),
        a.error.as_ref().map(|k| k.key),
        a.description.as_ref().map(|k| k.key),
        a.error_code.as_ref().map(|k| k.key),
        a.causes.first().map(|c| c.key),
        a.zh.as_ref().map(|k| k.key),
        a.en.as_ref().map(|k| k.key),
        a.retry.as_ref().map(|k| k.key),
        a.alert.as_ref().map(|k| k.key),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A `#[easemob(catalog)]` variant: no other keys, one unnamed field (the catalog enum).
fn check_catalog<'a>(v: &Variant<'a>, errors: &mut Errors) -> Option<(&'a Ident, &'a syn::Type)> {
    for span in other_keys(v)
        .into_iter()
        .chain(v.attrs.unknown.as_ref().map(|k| k.key))
    {
        errors.at(
            span,
            "#[easemob(catalog)] takes no other keys: the catalog enum explains what it classifies",
        );
    }
    let field = v
        .tuple
        .filter(|t| t.unnamed.len() == 1)
        .and_then(|t| t.unnamed.first());
    let Some(field) = field else {
        errors.at(
            v.ident.span(),
            "#[easemob(catalog)] goes on a tuple variant with one field whose type implements `Classify`, e.g. `Bundled(easemob_errors::ErrorKind)`",
        );
        return None;
    };
    Some((v.ident, &field.ty))
}
fn check_unknown(v: &Variant<'_>, errors: &mut Errors) {
    for span in other_keys(v) {
        errors.at(
            span,
            "#[easemob(unknown)] takes no other keys: the unknown variant is explained by the HTTP status",
        );
    }
    if let Some(f) = v.fields.first() {
        errors.at(
            f.ident.span(),
            "the #[easemob(unknown)] variant must be a unit variant; the raw values stay on the ApiError",
        );
    } else if !matches!(v.original.fields, syn::Fields::Unit) {
        errors.at(
            v.ident.span(),
            "the #[easemob(unknown)] variant must be a unit variant",
        );
    }
}

/// The value of a required key, or an error saying to add it.
fn required<'b, T>(
    slot: &'b Option<crate::attr::Keyed<T>>,
    v: &Variant<'_>,
    key: &str,
    example: &str,
    errors: &mut Errors,
) -> Option<&'b T> {
    if slot.is_none() {
        errors.on_attr(
            v,
            format!("missing `{key}` in #[easemob(...)]; add `{example}`"),
        );
    }
    slot.as_ref().map(|k| &k.value)
}

fn text(lit: &LitStr, field: &str, errors: &mut Errors) -> Option<String> {
    match grammar::check_text(field, &lit.value()) {
        Ok(t) => Some(t.to_owned()),
        Err(p) => {
            errors.problem(lit.span(), p);
            None
        }
    }
}

fn known_id(v: &Variant<'_>, errors: &mut Errors) -> String {
    let Some(k) = &v.attrs.id else {
        return v.ident.to_string().to_snake_case();
    };
    let id = k.value.value();
    if let Err(p) = grammar::check_id(&id) {
        errors.problem(k.value.span(), p);
    }
    id
}

fn known_area(v: &Variant<'_>, errors: &mut Errors) -> Option<String> {
    let k = v.attrs.area.as_ref()?;
    let area = k.value.value();
    if let Err(p) = grammar::check_area(&area) {
        errors.problem(k.value.span(), p);
    }
    Some(area)
}

fn number<T: std::str::FromStr>(lit: &LitInt, errors: &mut Errors) -> Option<T>
where
    T::Err: std::fmt::Display,
{
    lit.base10_parse::<T>()
        .map_err(|_| errors.at(lit.span(), "expected a number"))
        .ok()
}

fn known_error_codes(v: &Variant<'_>, errors: &mut Errors) -> Vec<i64> {
    let mut codes = Vec::new();
    for lit in v.attrs.error_code.iter().flat_map(|k| &k.value) {
        let Some(n) = number::<i64>(lit, errors) else {
            continue;
        };
        match grammar::check_error_code(n, &codes) {
            Ok(()) => codes.push(n),
            Err(p) => errors.problem(lit.span(), p),
        }
    }
    codes
}

fn known_statuses(v: &Variant<'_>, errors: &mut Errors) -> Vec<u16> {
    let a = &v.attrs;
    let mut statuses = Vec::new();
    if a.error_code.is_none() {
        required(&a.status, v, "status", "status = 400", errors);
    }
    for lit in a.status.iter().flat_map(|k| &k.value) {
        let Some(n) = number::<i64>(lit, errors) else {
            continue;
        };
        match grammar::check_status(n, &statuses) {
            Ok(s) => statuses.push(s),
            Err(p) => errors.problem(lit.span(), p),
        }
    }
    statuses
}

fn known_errors(v: &Variant<'_>, errors: &mut Errors) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for lit in v.attrs.error.iter().flat_map(|k| &k.value) {
        let value = lit.value();
        let seen: Vec<&str> = out.iter().map(String::as_str).collect();
        match grammar::check_error(&value, &seen) {
            Ok(()) => out.push(value),
            Err(p) => errors.problem(lit.span(), p),
        }
    }
    out
}

/// The `pair(...)`s, checked against the variant's statuses and `error`s.
fn known_pairs(
    v: &Variant<'_>,
    statuses: &[u16],
    codes: &[String],
    errors: &mut Errors,
) -> Vec<(u16, String)> {
    let Some(first) = v.attrs.pairs.first() else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    for p in &v.attrs.pairs {
        match p.status.base10_parse::<i64>() {
            Ok(s) => pairs.push((s, p.error.value())),
            Err(e) => errors.push(e),
        }
    }
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let written: Vec<(i64, &str)> = pairs.iter().map(|(s, e)| (*s, e.as_str())).collect();
    match grammar::check_pairs(statuses, &codes, &written) {
        Ok(checked) => checked
            .into_iter()
            .map(|(s, e)| (s, codes[e].to_owned()))
            .collect(),
        Err(e) => {
            let span = e
                .pair
                .and_then(|i| v.attrs.pairs.get(i))
                .unwrap_or(first)
                .key;
            errors.problem(span, e.problem);
            Vec::new()
        }
    }
}

/// The descriptions and the main one's placeholder names.
fn known_descriptions(v: &Variant<'_>, errors: &mut Errors) -> (Vec<String>, Vec<String>) {
    let mut descriptions: Vec<String> = Vec::new();
    let mut main: Option<Template> = None;
    for lit in v.attrs.description.iter().flat_map(|k| &k.value) {
        let src = lit.value();
        let seen: Vec<&str> = descriptions.iter().map(String::as_str).collect();
        match grammar::check_description(&src, main.as_ref(), &seen) {
            Ok(t) => {
                main.get_or_insert(t);
                descriptions.push(src);
            }
            Err(p) => errors.problem(lit.span(), p),
        }
    }
    let placeholders =
        main.map_or_else(Vec::new, |t| t.placeholders().map(str::to_owned).collect());
    (descriptions, placeholders)
}

fn known_causes(v: &Variant<'_>, errors: &mut Errors) -> Vec<Cause<String>> {
    let mut causes = Vec::new();
    for c in &v.attrs.causes {
        let (Some(zh), Some(en)) = (&c.zh, &c.en) else {
            errors.at(c.key, "cause(...) needs `zh = \"...\"` and `en = \"...\"`");
            continue;
        };
        let (area, request) = (
            c.area.as_ref().map(LitStr::value),
            c.request.as_ref().map(LitStr::value),
        );
        let scope = match grammar::check_cause_scope(area.as_deref(), request.as_deref()) {
            Ok(Scope::Area(a)) => Scope::Area(a.to_owned()),
            Ok(Scope::Request(r)) => Scope::Request(r.to_owned()),
            Err(p) => {
                let span = c
                    .request
                    .as_ref()
                    .or(c.area.as_ref())
                    .map_or(c.key, LitStr::span);
                let span = if area.is_some() == request.is_some() {
                    c.key
                } else {
                    span
                };
                errors.problem(span, p);
                continue;
            }
        };
        if let (Some(zh), Some(en)) = (text(zh, "zh", errors), text(en, "en", errors)) {
            causes.push(Cause::new(scope, zh, en));
        }
    }
    causes
}

fn known_retry(v: &Variant<'_>, errors: &mut Errors) -> Option<Retry> {
    let k = v.attrs.retry.as_ref()?;
    grammar::check_retry(&k.value.value())
        .map_err(|p| errors.problem(k.value.span(), p))
        .ok()
}

/// Fields and placeholders must correspond one to one, and fields hold `String`s.
fn check_fields(v: &Variant<'_>, placeholders: &[String], errors: &mut Errors) {
    let first_description = v.attrs.description.as_ref().and_then(|k| k.value.first());
    for p in placeholders {
        if !v.fields.iter().any(|f| f.ident == p.as_str()) {
            errors.at(
                first_description.map_or(v.ident.span(), LitStr::span),
                format!(
                    "placeholder `{{{p}}}` has no field; add `{p}: String` to variant `{}`",
                    v.ident
                ),
            );
        }
    }
    for f in &v.fields {
        if !placeholders.iter().any(|p| f.ident == p.as_str()) {
            errors.at(
                f.ident.span(),
                format!("field `{}` is not a placeholder in the description; add `{{{}}}` to it or remove the field", f.ident, f.ident),
            );
        } else if !is_string_type(&f.original.ty) {
            errors.at(
                syn::spanned::Spanned::span(&f.original.ty),
                "placeholder fields must be `String`: they hold text taken from the description",
            );
        }
    }
}

fn check_known<'a>(v: &Variant<'a>, errors: &mut Errors) -> Option<Known<'a>> {
    let a = &v.attrs;
    if a.first.is_none() {
        errors.at(
            v.ident.span(),
            "variant needs #[easemob(...)]: a catalog entry (`status`, `zh`, `en`, ...) or #[easemob(unknown)]",
        );
        return None;
    }
    let before = errors.1;
    let id = known_id(v, errors);
    let area = known_area(v, errors);
    let error_codes = known_error_codes(v, errors);
    let statuses = known_statuses(v, errors);
    let errors_ = known_errors(v, errors);
    let pairs = known_pairs(v, &statuses, &errors_, errors);
    let (descriptions, placeholders) = known_descriptions(v, errors);
    let causes = known_causes(v, errors);
    if let Err(p) = grammar::check_matchable(
        a.error.is_some(),
        a.description.is_some(),
        a.error_code.is_some(),
    ) {
        errors.on_attr(v, p);
    }
    let zh = required(&a.zh, v, "zh", "zh = \"...\"", errors).and_then(|l| text(l, "zh", errors));
    let en = required(&a.en, v, "en", "en = \"...\"", errors).and_then(|l| text(l, "en", errors));
    let retry = known_retry(v, errors);
    if errors.1 == before {
        check_fields(v, &placeholders, errors);
    }
    if errors.1 != before {
        return None;
    }
    Some(Known {
        ident: v.ident,
        id,
        area,
        statuses,
        errors: errors_,
        pairs,
        descriptions,
        error_codes,
        causes,
        placeholders,
        zh: zh?,
        en: en?,
        retry,
        alert: a.alert.as_ref().map(|k| k.value.value),
    })
}
