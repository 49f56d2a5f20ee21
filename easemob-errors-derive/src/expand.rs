//! Writes the code: the `Classify` impl (rule table, matcher, constructors, explanations,
//! fields, causes) and `Display`. One function per method, each a `match` over the variants.

use crate::ast::Input;
use crate::fallback;
use crate::valid::{self, Checked, Known};
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

/// A method that is one `match` with an arm per known variant and `None` for the unknown.
fn per_variant(
    c: &Checked<'_>,
    signature: TokenStream,
    arm: fn(&Known<'_>) -> TokenStream,
) -> TokenStream {
    let unknown = c.unknown;
    let arms = c.known.iter().map(|k| {
        let v = k.ident;
        let value = arm(k);
        quote!(Self::#v { .. } => #value,)
    });
    quote! {
        #signature {
            match self {
                #(#arms)*
                Self::#unknown { .. } => ::core::option::Option::None,
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
    let descriptions = &k.descriptions;
    let numbers = k.error_codes.iter().map(|n| Literal::i64_unsuffixed(*n));
    quote! {
        ::easemob_errors::__private::Rule {
            statuses: &[#(#statuses),*],
            errors: &[#(#errors),*],
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
    let unknown = c.unknown;
    let rules = c.known.iter().map(rule);
    let constructors = c.known.iter().enumerate().map(|(i, k)| {
        let v = k.ident;
        let fields = field_idents(k)
            .into_iter()
            .enumerate()
            .map(|(j, f)| quote!(#f: ::std::string::String::from(hit.capture(#j))));
        quote!(#i => Self::#v { #(#fields),* },)
    });
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
                return (Self::#unknown, ::easemob_errors::MatchedBy::Status);
            };
            let kind = match hit.rule() {
                #(#constructors)*
                _ => Self::#unknown,
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
    let unknown = c.unknown;
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
    quote! {
        fn explanation(&self) -> ::core::option::Option<&'static ::easemob_errors::Explanation> {
            static EXPLANATIONS: [::easemob_errors::Explanation; #n] = [#(#explanations),*];
            match self {
                #(#arms)*
                Self::#unknown { .. } => ::core::option::Option::None,
            }
        }
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
    quote! {
        fn fields(&self) -> ::easemob_errors::Fields<'_> {
            #[allow(unreachable_patterns)]
            match self {
                #(#arms)*
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
    quote! {
        fn causes(&self) -> &'static [::easemob_errors::Cause] {
            #[allow(unreachable_patterns)]
            match self {
                #(#arms)*
                _ => &[],
            }
        }
    }
}

/// `Display`: the English cause, then the values (`… (users: "u1")`).
fn display(c: &Checked<'_>) -> TokenStream {
    let (ident, unknown) = (c.ident, c.unknown);
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
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #(#arms)*
                    Self::#unknown { .. } => f.write_str("an error the Easemob catalog does not know"),
                }
            }
        }
    }
}
