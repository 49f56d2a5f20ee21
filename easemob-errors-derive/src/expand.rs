//! Writes the code: the `Classify` impl (rule table, matcher, constructors, explanations,
//! fields, causes) and `Display`. One function per method, each a `match` over the variants.

use crate::ast::Input;
use crate::fallback;
use crate::valid::{self, Checked, Fallback, Known};
use easemob_errors_core::grammar::{advice_status, retry_variant};
use easemob_errors_core::scope::Scope;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use syn::DeriveInput;

/// Entry point: parse, check, expand; on error, the errors plus stub impls.
pub fn derive(input: &DeriveInput) -> TokenStream {
    match Input::from_syn(input).and_then(|ast| valid::check(&ast).map(|c| expand(&c))) {
        Ok(tokens) => tokens,
        Err(e) => fallback::expand(input, e),
    }
}

fn expand(c: &Checked<'_>) -> TokenStream {
    let ident = c.ident;
    let methods = [
        classify(c),
        per_variant(
            c,
            quote!(fn id(&self) -> ::core::option::Option<&'static str>),
            id_arm,
        ),
        per_variant(
            c,
            quote!(fn area(&self) -> ::core::option::Option<&'static str>),
            area_arm,
        ),
        explanation(c),
        fields(c),
        per_variant(
            c,
            quote!(fn description_template(&self) -> ::core::option::Option<&'static str>),
            template_arm,
        ),
        causes(c),
    ];
    let display = display(c);
    quote! {
        #[automatically_derived]
        impl ::easemob_errors::Classify for #ident {
            #(#methods)*
        }

        #display
    }
}

/// The last arm of a method's `match`: the unknown variant's `value`, or the catalog
/// variant's `delegate` (an expression over its field, `inner`).
fn fallback_arm(c: &Checked<'_>, value: TokenStream, delegate: TokenStream) -> TokenStream {
    match c.fallback {
        Fallback::Unknown(u) => quote!(Self::#u { .. } => #value,),
        Fallback::Catalog { ident, .. } => quote!(Self::#ident(inner) => #delegate,),
    }
}

/// The method name a per-variant method delegates to the catalog variant's field with.
fn method_name(signature: &TokenStream) -> Option<Ident> {
    signature.clone().into_iter().find_map(|t| match t {
        proc_macro2::TokenTree::Ident(i) if i != "fn" => Some(i),
        _ => None,
    })
}

/// A method that is one `match` with an arm per known variant and `None` for the unknown.
fn per_variant(
    c: &Checked<'_>,
    signature: TokenStream,
    arm: fn(&Known<'_>) -> TokenStream,
) -> TokenStream {
    let arms = c.known.iter().map(|k| {
        let v = k.ident;
        let value = arm(k);
        quote!(Self::#v { .. } => #value,)
    });
    let method = method_name(&signature);
    let last = fallback_arm(
        c,
        quote!(::core::option::Option::None),
        quote!(::easemob_errors::Classify::#method(inner)),
    );
    quote! {
        #signature {
            match self {
                #(#arms)*
                #last
            }
        }
    }
}

fn some_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn id_arm(k: &Known<'_>) -> TokenStream {
    some_str(Some(&k.id))
}

fn area_arm(k: &Known<'_>) -> TokenStream {
    some_str(k.area.as_deref())
}

fn template_arm(k: &Known<'_>) -> TokenStream {
    some_str(k.descriptions.first().map(String::as_str))
}

fn rule(k: &Known<'_>) -> TokenStream {
    let statuses = k.statuses.iter().map(|s| Literal::u16_unsuffixed(*s));
    let errors = &k.errors;
    let pairs = k.pairs.iter().map(|(s, e)| {
        let s = Literal::u16_unsuffixed(*s);
        quote!((#s, #e))
    });
    let descriptions = &k.descriptions;
    let numbers = k.error_codes.iter().map(|n| Literal::i64_unsuffixed(*n));
    quote! {
        ::easemob_errors::__private::Rule {
            statuses: &[#(#statuses),*],
            errors: &[#(#errors),*],
            pairs: &[#(#pairs),*],
            descriptions: &[#(#descriptions),*],
            error_codes: &[#(#numbers),*],
        }
    }
}

fn field_idents(k: &Known<'_>) -> Vec<Ident> {
    k.placeholders
        .iter()
        .map(|p| format_ident!("{}", p))
        .collect()
}

/// `classify_matched`: the rule table in a `static`, its matcher built once, and a
/// constructor per rule that slices the values out of the description.
fn classify(c: &Checked<'_>) -> TokenStream {
    let rules = c.known.iter().map(rule);
    // Every value taken once, before the `match`: its arms then only move them.
    let most = c
        .known
        .iter()
        .map(|k| k.placeholders.len())
        .max()
        .unwrap_or(0);
    let values: Vec<Ident> = (0..most).map(|j| format_ident!("__value{}", j)).collect();
    let constructors = c.known.iter().enumerate().map(|(i, k)| {
        let v = k.ident;
        let fields = field_idents(k)
            .into_iter()
            .zip(&values)
            .map(|(f, value)| quote!(#f: #value));
        quote!(#i => Self::#v { #(#fields),* },)
    });
    // What no variant matches: the unknown variant, or what the catalog enum makes of it.
    let unmatched = match c.fallback {
        Fallback::Unknown(u) => quote!(return (Self::#u, ::easemob_errors::MatchedBy::Status);),
        Fallback::Catalog { ident, ty } => quote! {
            let (inner, how) = <#ty as ::easemob_errors::Classify>::classify_matched(parts);
            return (Self::#ident(inner), how);
        },
    };
    if c.known.is_empty() {
        // Nothing to match: skip the matcher (and a `match` whose only arm returns).
        return quote! {
            fn classify_matched(
                parts: ::easemob_errors::ResponseParts<'_>,
            ) -> (Self, ::easemob_errors::MatchedBy) {
                let _ = &parts;
                #unmatched
            }
        };
    }
    quote! {
        fn classify_matched(
            parts: ::easemob_errors::ResponseParts<'_>,
        ) -> (Self, ::easemob_errors::MatchedBy) {
            static RULES: &[::easemob_errors::__private::Rule<'static>] = &[#(#rules),*];
            static MATCHER: ::easemob_errors::__private::OnceLock<
                ::easemob_errors::__private::Matcher<'static>,
            > = ::easemob_errors::__private::OnceLock::new();
            let matcher = MATCHER.get_or_init(|| ::easemob_errors::__private::Matcher::new(RULES));
            let ::core::option::Option::Some(hit) = matcher.classify(parts) else {
                #unmatched
            };
            let [#(#values),*] = ::easemob_errors::__private::values::<#most>(&hit);
            let kind = match hit.rule() {
                #(#constructors)*
                _ => { #unmatched }
            };
            (kind, hit.matched_by())
        }
    }
}

/// The advice of a variant: as written, else its status row's (a `const fn` call, so the
/// default is the one the catalog's status table gives).
fn advice(k: &Known<'_>) -> (TokenStream, TokenStream) {
    let status = Literal::u16_unsuffixed(advice_status(&k.statuses));
    let row = quote!(::easemob_errors::status_explanation(#status));
    let retry = match k.retry {
        Some(r) => {
            let r = Ident::new(retry_variant(r), Span::call_site());
            quote!(::easemob_errors::Retry::#r)
        }
        None => quote!(#row.retry()),
    };
    let alert = match k.alert {
        Some(a) => quote!(#a),
        None => quote!(#row.should_alert()),
    };
    (retry, alert)
}

fn explanation(c: &Checked<'_>) -> TokenStream {
    let n = c.known.len();
    let explanations = c.known.iter().map(|k| {
        let (zh, en) = (&k.zh, &k.en);
        let (retry, alert) = advice(k);
        quote!(::easemob_errors::Explanation::new(#zh, #en, #retry, #alert))
    });
    let arms = c.known.iter().enumerate().map(|(i, k)| {
        let v = k.ident;
        quote!(Self::#v { .. } => ::core::option::Option::Some(&EXPLANATIONS[#i]),)
    });
    let last = fallback_arm(
        c,
        quote!(::core::option::Option::None),
        quote!(::easemob_errors::Classify::explanation(inner)),
    );
    quote! {
        fn explanation(&self) -> ::core::option::Option<&'static ::easemob_errors::Explanation> {
            static EXPLANATIONS: [::easemob_errors::Explanation; #n] = [#(#explanations),*];
            match self {
                #(#arms)*
                #last
            }
        }
    }
}

/// The catalog variant's arm, delegating to its field; nothing without one.
fn catalog_arm(c: &Checked<'_>, delegate: TokenStream) -> TokenStream {
    match c.fallback {
        Fallback::Unknown(_) => quote!(),
        Fallback::Catalog { ident, .. } => quote!(Self::#ident(inner) => #delegate,),
    }
}

fn fields(c: &Checked<'_>) -> TokenStream {
    let arms = c.known.iter().filter(|k| !k.placeholders.is_empty()).map(|k| {
        let v = k.ident;
        let names = field_idents(k);
        let labels = &k.placeholders;
        quote! {
            Self::#v { #(#names),* } => ::easemob_errors::Fields::new(&[#((#labels, #names.as_str())),*]),
        }
    });
    let delegate = catalog_arm(c, quote!(::easemob_errors::Classify::fields(inner)));
    quote! {
        fn fields(&self) -> ::easemob_errors::Fields<'_> {
            #[allow(unreachable_patterns)]
            match self {
                #(#arms)*
                #delegate
                _ => ::easemob_errors::Fields::EMPTY,
            }
        }
    }
}

fn causes(c: &Checked<'_>) -> TokenStream {
    let arms = c.known.iter().filter(|k| !k.causes.is_empty()).map(|k| {
        let v = k.ident;
        let causes = k.causes.iter().map(|c| {
            let (zh, en) = (&c.zh, &c.en);
            let scope = match &c.scope {
                Scope::Area(a) => quote!(::easemob_errors::Scope::Area(#a)),
                Scope::Request(r) => quote!(::easemob_errors::Scope::Request(#r)),
            };
            quote!(::easemob_errors::Cause::new(#scope, #zh, #en))
        });
        quote! {
            Self::#v { .. } => {
                static CAUSES: &[::easemob_errors::Cause] = &[#(#causes),*];
                CAUSES
            }
        }
    });
    let delegate = catalog_arm(c, quote!(::easemob_errors::Classify::causes(inner)));
    quote! {
        fn causes(&self) -> &'static [::easemob_errors::Cause] {
            #[allow(unreachable_patterns)]
            match self {
                #(#arms)*
                #delegate
                _ => &[],
            }
        }
    }
}

/// `Display`: the English cause, then the values (`… (users: "u1")`).
fn display(c: &Checked<'_>) -> TokenStream {
    let ident = c.ident;
    let arms = c.known.iter().map(|k| {
        let v = k.ident;
        let en = &k.en;
        if k.placeholders.is_empty() {
            return quote!(Self::#v { .. } => f.write_str(#en),);
        }
        let names = field_idents(k);
        let shown: Vec<String> = k
            .placeholders
            .iter()
            .map(|p| format!("{p}: {{:?}}"))
            .collect();
        let format = format!("{{}} ({})", shown.join(", "));
        quote!(Self::#v { #(#names),* } => ::core::write!(f, #format, #en, #(#names),*),)
    });
    let last = fallback_arm(
        c,
        quote!(f.write_str("an error the Easemob catalog does not know")),
        quote!(::core::fmt::Display::fmt(inner, f)),
    );
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #(#arms)*
                    #last
                }
            }
        }
    }
}
