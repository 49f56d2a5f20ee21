//! The derive's semantic rules. Each mistake is an error on the exact span; all are collected,
//! so one compile shows every mistake.

use crate::ast::{Input, Variant};
use easemob_errors_catalog::Retry;
use easemob_errors_catalog::request::check_request_pattern;
use easemob_errors_catalog::template::{Template, is_snake_id};
use heck::ToSnakeCase;
use proc_macro2::Span;
use syn::{Ident, LitStr};

/// A variant that is a catalog entry, checked.
pub struct Known<'a> {
    pub ident: &'a Ident,
    pub id: String,
    /// The API area (`chatgroups`, `users`, …), when given.
    pub area: Option<String>,
    pub statuses: Vec<u16>,
    pub codes: Vec<String>,
    /// The description and its rewordings (empty: any description).
    pub descriptions: Vec<String>,
    pub error_codes: Vec<i64>,
    pub causes: Vec<KnownCause>,
    /// Placeholder names in template order; each is also a field of the variant.
    pub placeholders: Vec<String>,
    pub zh: String,
    pub en: String,
    pub retry: Retry,
    pub alert: bool,
}

/// A per-endpoint cause, checked.
pub struct KnownCause {
    /// `Some(area)` or, for a request pattern, `None` with `request` set.
    pub area: Option<String>,
    pub request: Option<String>,
    pub zh: String,
    pub en: String,
}

/// The whole enum, checked.
pub struct Checked<'a> {
    pub ident: &'a Ident,
    pub unknown: &'a Ident,
    pub known: Vec<Known<'a>>,
}

struct Errors(Option<syn::Error>);

impl Errors {
    fn push(&mut self, e: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
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
    let mut errors = Errors(None);
    let mut unknown: Option<&Ident> = None;
    let mut known: Vec<Known<'a>> = Vec::new();
    for v in &input.variants {
        if v.attrs.unknown.is_some() {
            check_unknown(v, &mut errors);
            if let Some(first) = unknown {
                errors.at(
                    v.ident.span(),
                    format!("only one variant can be #[easemob(unknown)]; `{first}` already is"),
                );
            } else {
                unknown = Some(v.ident);
            }
            continue;
        }
        if let Some(k) = check_known(v, &mut errors) {
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
            known.push(k);
        }
    }
    if unknown.is_none() {
        errors.at(
            input.ident.span(),
            "one variant must be marked #[easemob(unknown)]: it holds errors the catalog does not know",
        );
    }
    if let Some(e) = errors.0 {
        return Err(e);
    }
    Ok(Checked {
        ident: input.ident,
        unknown: unknown.unwrap_or(input.ident),
        known,
    })
}

fn check_unknown(v: &Variant<'_>, errors: &mut Errors) {
    let a = &v.attrs;
    let others = [
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
    ];
    for span in others.into_iter().flatten() {
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

fn required<'b, T>(
    slot: &'b Option<crate::attr::Keyed<T>>,
    v: &Variant<'_>,
    key: &str,
    example: &str,
    errors: &mut Errors,
) -> Option<&'b T> {
    match slot {
        Some(k) => Some(&k.value),
        None => {
            errors.on_attr(
                v,
                format!("missing `{key}` in #[easemob(...)]; add `{example}`"),
            );
            None
        }
    }
}

fn text(lit: &syn::LitStr, key: &str, errors: &mut Errors) -> Option<String> {
    let value = lit.value();
    if value.trim().is_empty() {
        errors.at(
            lit.span(),
            format!("`{key}` is empty; write the likely cause"),
        );
        return None;
    }
    Some(value)
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
    let before = errors.0.is_some();
    let mut failed = false;
    let id = match &a.id {
        Some(k) => {
            let id = k.value.value();
            if !is_snake_id(&id) {
                errors.at(
                    k.value.span(),
                    format!("id `{id}` is not snake_case; use lowercase words joined by `_`"),
                );
                failed = true;
            }
            id
        }
        None => v.ident.to_string().to_snake_case(),
    };
    let area = match &a.area {
        Some(k) => {
            let area = k.value.value();
            if !is_snake_id(&area) {
                errors.at(
                    k.value.span(),
                    format!("area `{area}` is not a lowercase word such as `chatgroups`"),
                );
                failed = true;
            }
            Some(area)
        }
        None => None,
    };
    let mut error_codes = Vec::new();
    if let Some(k) = &a.error_code {
        for lit in &k.value {
            match lit.base10_parse::<i64>() {
                Ok(n) if !error_codes.contains(&n) => error_codes.push(n),
                Ok(n) => {
                    errors.at(lit.span(), format!("error_code {n} is listed twice"));
                    failed = true;
                }
                Err(_) => {
                    errors.at(lit.span(), "expected a number");
                    failed = true;
                }
            }
        }
    }
    let mut statuses = Vec::new();
    let status = if a.error_code.is_some() {
        a.status.as_ref().map(|k| &k.value)
    } else {
        required(&a.status, v, "status", "status = 400", errors)
    };
    if a.status.is_none() && a.error_code.is_some() {
        // Known by its numeric code alone.
    } else if let Some(list) = status {
        for lit in list {
            match lit.base10_parse::<u16>() {
                Ok(s) if (100..=599).contains(&s) && !statuses.contains(&s) => statuses.push(s),
                Ok(s) if statuses.contains(&s) => {
                    errors.at(lit.span(), format!("status {s} is listed twice"));
                    failed = true;
                }
                _ => {
                    errors.at(lit.span(), "expected an HTTP status from 100 to 599");
                    failed = true;
                }
            }
        }
    } else {
        failed = true;
    }
    let mut codes = Vec::new();
    if let Some(k) = &a.error {
        for lit in &k.value {
            let code = lit.value();
            if code.trim().is_empty() || code.trim() != code {
                errors.at(lit.span(), "error codes are written exactly as the server sends them: not empty, no surrounding spaces");
                failed = true;
            } else {
                codes.push(code);
            }
        }
    }
    let mut descriptions = Vec::new();
    let mut placeholders = Vec::new();
    for lit in a.description.iter().flat_map(|k| &k.value) {
        let src = lit.value();
        match Template::parse(&src) {
            Ok(_) if src.trim().is_empty() => {
                errors.at(
                    lit.span(),
                    "`description` is empty; leave it out to accept any description",
                );
                failed = true;
            }
            Ok(t) => {
                let names: Vec<String> = t.placeholders().map(str::to_owned).collect();
                if descriptions.is_empty() {
                    placeholders = names;
                } else if names != placeholders {
                    errors.at(
                        lit.span(),
                        format!(
                            "a rewording must have the placeholders of the first description, in order: [{}]",
                            placeholders.join(", ")
                        ),
                    );
                    failed = true;
                }
                descriptions.push(src);
            }
            Err(e) => {
                errors.at(
                    lit.span(),
                    format!("invalid description template: {}", e.message),
                );
                failed = true;
            }
        }
    }
    let mut causes = Vec::new();
    for c in &a.causes {
        let (zh, en) = match (&c.zh, &c.en) {
            (Some(zh), Some(en)) => (text(zh, "zh", errors), text(en, "en", errors)),
            _ => {
                errors.at(c.key, "cause(...) needs `zh = \"...\"` and `en = \"...\"`");
                failed = true;
                continue;
            }
        };
        match (&c.area, &c.request) {
            (Some(area), None) if !is_snake_id(&area.value()) => {
                errors.at(
                    area.span(),
                    "the area is a lowercase word such as `chatrooms`",
                );
                failed = true;
            }
            (None, Some(req)) => {
                if let Err(e) = check_request_pattern(&req.value()) {
                    errors.at(req.span(), e);
                    failed = true;
                }
            }
            (Some(_), None) => {}
            _ => {
                errors.at(c.key, "cause(...) needs exactly one of `area = \"...\"` and `request = \"METHOD /path\"`");
                failed = true;
                continue;
            }
        }
        if let (Some(zh), Some(en)) = (zh, en) {
            causes.push(KnownCause {
                area: c.area.as_ref().map(LitStr::value),
                request: c.request.as_ref().map(LitStr::value),
                zh,
                en,
            });
        } else {
            failed = true;
        }
    }
    if a.error.is_none() && a.description.is_none() && a.error_code.is_none() {
        errors.on_attr(
            v,
            "give `error`, `description` or both; with neither the variant would match every response with its status",
        );
        failed = true;
    }
    let zh = required(&a.zh, v, "zh", "zh = \"...\"", errors).and_then(|l| text(l, "zh", errors));
    let en = required(&a.en, v, "en", "en = \"...\"", errors).and_then(|l| text(l, "en", errors));
    let retry = match &a.retry {
        Some(k) => {
            let word = k.value.value();
            let r = Retry::from_word(&word);
            if r.is_none() {
                errors.at(
                    k.value.span(),
                    format!(
                        "unknown retry advice `{word}`; use one of {}",
                        Retry::expected_words()
                    ),
                );
            }
            r
        }
        None => Some(Retry::Never),
    };
    let alert = a.alert.as_ref().is_some_and(|k| k.value.value);

    // Fields and placeholders must correspond one to one.
    if a.description.is_some() && !failed {
        for p in &placeholders {
            if !v.fields.iter().any(|f| f.ident == p.as_str()) {
                let span = a
                    .description
                    .as_ref()
                    .and_then(|k| k.value.first())
                    .map_or(v.ident.span(), LitStr::span);
                errors.at(
                    span,
                    format!(
                        "placeholder `{{{p}}}` has no field; add `{p}: String` to variant `{}`",
                        v.ident
                    ),
                );
            }
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
    if failed || (errors.0.is_some() && !before) {
        return None;
    }
    Some(Known {
        ident: v.ident,
        id,
        area,
        statuses,
        codes,
        descriptions,
        error_codes,
        causes,
        placeholders,
        zh: zh?,
        en: en?,
        retry: retry?,
        alert,
    })
}
