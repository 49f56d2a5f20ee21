//! Parsing `#[easemob(...)]` attributes into typed values, keeping every span.

use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Attribute, LitBool, LitInt, LitStr, Token};

/// A key written once, with the span of its key for "duplicate" errors.
pub struct Keyed<T> {
    /// Where the key was written.
    pub key: proc_macro2::Span,
    /// The value.
    pub value: T,
}

/// Everything one variant's `#[easemob(...)]` attributes say.
#[derive(Default)]
pub struct Attrs {
    /// The first `#[easemob]` attribute's tokens, for errors about the whole attribute.
    pub first: Option<proc_macro2::TokenStream>,
    pub unknown: Option<Keyed<()>>,
    /// `#[easemob(catalog)]`: delegate what no variant matches to the field's enum.
    pub catalog: Option<Keyed<()>>,
    pub id: Option<Keyed<LitStr>>,
    pub area: Option<Keyed<LitStr>>,
    pub status: Option<Keyed<Vec<LitInt>>>,
    pub error: Option<Keyed<Vec<LitStr>>>,
    /// Every `pair(status, "error")`, in order (the key may repeat).
    pub pairs: Vec<PairAttr>,
    pub description: Option<Keyed<Vec<LitStr>>>,
    pub error_code: Option<Keyed<Vec<LitInt>>>,
    /// Every `cause(...)`, in order (the key may repeat).
    pub causes: Vec<CauseAttr>,
    pub zh: Option<Keyed<LitStr>>,
    pub en: Option<Keyed<LitStr>>,
    pub retry: Option<Keyed<LitStr>>,
    pub alert: Option<Keyed<LitBool>>,
}

const KEYS: &str = "`id`, `area`, `status`, `error`, `pair`, `error_code`, `description`, `zh`, `en`, `cause`, `retry`, `alert`, `unknown` or `catalog`";

/// One `pair(401, "auth_bad_access_token")`: a status of the variant's with the `error` it
/// comes with.
pub struct PairAttr {
    /// Where `pair` was written.
    pub key: proc_macro2::Span,
    pub status: LitInt,
    pub error: LitStr,
}

fn pair(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<PairAttr> {
    let content;
    syn::parenthesized!(content in meta.input);
    let expected = |e: syn::Error| {
        syn::Error::new(
            e.span(),
            "expected a status and the `error` it comes with: `pair(401, \"auth_bad_access_token\")`",
        )
    };
    let status = content.parse::<LitInt>().map_err(expected)?;
    content.parse::<Token![,]>().map_err(expected)?;
    let error = content.parse::<LitStr>().map_err(expected)?;
    if !content.is_empty() {
        return Err(expected(content.error("unexpected tokens")));
    }
    Ok(PairAttr {
        key: syn::spanned::Spanned::span(&meta.path),
        status,
        error,
    })
}

/// One `cause(area = "..." | request = "...", zh = "...", en = "...")`.
pub struct CauseAttr {
    /// Where `cause` was written.
    pub key: proc_macro2::Span,
    pub area: Option<LitStr>,
    pub request: Option<LitStr>,
    pub zh: Option<LitStr>,
    pub en: Option<LitStr>,
}

fn cause(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<CauseAttr> {
    let mut out = CauseAttr {
        key: syn::spanned::Spanned::span(&meta.path),
        area: None,
        request: None,
        zh: None,
        en: None,
    };
    meta.parse_nested_meta(|inner| {
        let name = inner
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let slot = match name.as_str() {
            "area" => &mut out.area,
            "request" => &mut out.request,
            "zh" => &mut out.zh,
            "en" => &mut out.en,
            _ => {
                return Err(inner.error(
                    "unknown key in cause(...); expected `area` or `request`, then `zh` and `en`",
                ));
            }
        };
        if slot.is_some() {
            return Err(inner.error(format!("duplicate `{name}` in cause(...)")));
        }
        *slot = Some(string(&inner)?);
        Ok(())
    })?;
    Ok(out)
}

fn set<T>(
    slot: &mut Option<Keyed<T>>,
    meta: &syn::meta::ParseNestedMeta<'_>,
    value: T,
) -> syn::Result<()> {
    if slot.is_some() {
        let name = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        return Err(meta.error(format!(
            "duplicate `{name}` in #[easemob(...)]; give each key once"
        )));
    }
    *slot = Some(Keyed {
        key: syn::spanned::Spanned::span(&meta.path),
        value,
    });
    Ok(())
}

/// `key = "one"` or `key("a", "b")`.
fn one_or_many<T: syn::parse::Parse>(
    meta: &syn::meta::ParseNestedMeta<'_>,
    what: &str,
) -> syn::Result<Vec<T>> {
    if meta.input.peek(Token![=]) {
        let value = meta.value()?;
        Ok(vec![value.parse::<T>().map_err(|e| {
            syn::Error::new(e.span(), format!("expected {what}"))
        })?])
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let items = Punctuated::<T, Token![,]>::parse_terminated(&content).map_err(|e| {
            syn::Error::new(e.span(), format!("expected a list of values, each {what}"))
        })?;
        if items.is_empty() {
            return Err(meta.error(format!(
                "the list is empty; give at least one value: {what}"
            )));
        }
        Ok(items.into_iter().collect())
    } else {
        let name = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        Err(meta.error(format!("expected `{name} = ...` or `{name}(...)`")))
    }
}

fn string(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<LitStr> {
    let name = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let value: ParseStream<'_> = meta.value()?;
    value.parse::<LitStr>().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("expected a string literal: `{name} = \"...\"`"),
        )
    })
}

/// Parses every `#[easemob(...)]` among `attrs`.
pub fn parse(attrs: &[Attribute]) -> syn::Result<Attrs> {
    let mut out = Attrs::default();
    for attr in attrs {
        if !attr.path().is_ident("easemob") {
            continue;
        }
        out.first
            .get_or_insert_with(|| quote::ToTokens::to_token_stream(attr));
        if let syn::Meta::Path(path) = &attr.meta {
            return Err(syn::Error::new_spanned(
                path,
                format!("expected #[easemob(...)] with {KEYS}"),
            ));
        }
        attr.parse_nested_meta(|meta| key(&mut out, &meta))?;
    }
    Ok(out)
}

/// One `key = value` (or `key(...)`) of the attribute, stored in its slot.
fn key(out: &mut Attrs, meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    let Some(key) = meta.path.get_ident() else {
        return Err(meta.error(format!("unknown key; expected {KEYS}")));
    };
    match key.to_string().as_str() {
        "unknown" => set(&mut out.unknown, meta, ()),
        "catalog" => set(&mut out.catalog, meta, ()),
        "id" => set(&mut out.id, meta, string(meta)?),
        "area" => set(&mut out.area, meta, string(meta)?),
        "zh" => set(&mut out.zh, meta, string(meta)?),
        "en" => set(&mut out.en, meta, string(meta)?),
        "retry" => set(&mut out.retry, meta, string(meta)?),
        "status" => {
            let v = one_or_many::<LitInt>(meta, "an HTTP status number, e.g. `status = 400`")?;
            set(&mut out.status, meta, v)
        }
        "error" => {
            let v = one_or_many::<LitStr>(
                meta,
                "an error code string, e.g. `error = \"forbidden_op\"`",
            )?;
            set(&mut out.error, meta, v)
        }
        "description" => {
            let v = one_or_many::<LitStr>(
                meta,
                "a description string; several give rewordings: `description(\"a\", \"b\")`",
            )?;
            set(&mut out.description, meta, v)
        }
        "error_code" => {
            let v = one_or_many::<LitInt>(meta, "a numeric error code, e.g. `error_code = 14001`")?;
            set(&mut out.error_code, meta, v)
        }
        "cause" => {
            out.causes.push(cause(meta)?);
            Ok(())
        }
        "pair" => {
            out.pairs.push(pair(meta)?);
            Ok(())
        }
        "alert" => {
            let v = meta.value()?.parse::<LitBool>().map_err(|e| {
                syn::Error::new(e.span(), "expected `alert = true` or `alert = false`")
            })?;
            set(&mut out.alert, meta, v)
        }
        other => Err(meta.error(format!("unknown key `{other}`; expected {KEYS}"))),
    }
}
