//! The status table and the area table: pure lookups, written as a `match` and a slice.

use crate::catalog::{Area, StatusKey, StatusRow};
use crate::docs::markdown;
use easemob_errors_core::grammar::retry_variant;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

fn row_const(key: StatusKey) -> Ident {
    match key {
        StatusKey::Exact(n) => format_ident!("STATUS_{}", n),
        StatusKey::Class(c) => format_ident!("STATUS_{}XX", c),
        StatusKey::Other => format_ident!("STATUS_OTHER"),
    }
}

fn row_arm(row: &StatusRow) -> Option<TokenStream> {
    let name = row_const(row.key);
    match row.key {
        StatusKey::Exact(n) => {
            let n = Literal::u16_unsuffixed(n);
            Some(quote!(#n => &#name,))
        }
        StatusKey::Class(c) => {
            let lo = Literal::u16_unsuffixed(u16::from(c) * 100);
            let hi = Literal::u16_unsuffixed(u16::from(c) * 100 + 99);
            Some(quote!(#lo..=#hi => &#name,))
        }
        StatusKey::Other => None,
    }
}

/// The status table. `status_explanation` is a `const fn`, so the derive can take an
/// entry's default advice from it at compile time.
pub(crate) fn status_table(rows: &[StatusRow]) -> Result<TokenStream, String> {
    if !rows.iter().any(|r| r.key == StatusKey::Other) {
        return Err("the status table has no `other` row".into());
    }
    let consts = rows.iter().map(|s| {
        let name = row_const(s.key);
        let (zh, en, alert) = (s.zh, s.en, s.alert);
        let retry = Ident::new(retry_variant(s.retry), Span::call_site());
        let doc = format!(" `{}`: {}", s.key.label(), markdown(s.en));
        quote! {
            #[doc = #doc]
            const #name: crate::Explanation =
                crate::Explanation::new(#zh, #en, crate::Retry::#retry, #alert);
        }
    });
    let arms = rows.iter().filter_map(row_arm);
    let statuses = rows.iter().filter_map(|s| match s.key {
        StatusKey::Exact(n) => Some(Literal::u16_unsuffixed(n)),
        _ => None,
    });
    Ok(quote! {
        #(#consts)*

        /// The HTTP statuses the status table explains one by one.
        pub(crate) const DOCUMENTED_STATUSES: &[u16] = &[#(#statuses),*];

        /// The status table: what an HTTP status means when the catalog has no entry for the
        /// error (its own row, else its class's, else `other`).
        pub(crate) const fn status_explanation(status: u16) -> &'static crate::Explanation {
            match status {
                #(#arms)*
                _ => &STATUS_OTHER,
            }
        }
    })
}

/// The API areas and their path patterns, to place a request.
pub(crate) fn area_table(areas: &[Area]) -> TokenStream {
    let rows = areas.iter().map(|a| {
        let (name, paths) = (a.name, a.paths);
        quote! {
            ::easemob_errors_core::request::AreaPaths { area: #name, paths: &[#(#paths),*] },
        }
    });
    quote! {
        /// The API areas and their endpoints' path patterns (`areas.yaml`), to place a request.
        pub(crate) static AREAS: &[::easemob_errors_core::request::AreaPaths<'static>] = &[#(#rows)*];
    }
}
