//! Writes the code: the `Classify` impl (rule table, matcher, constructors, explanations,
//! fields) and `Display`.

use crate::ast::Input;
use crate::fallback;
use crate::valid::{self, Checked, Known};
use easemob_errors_catalog::Retry;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::DeriveInput;

/// Entry point: parse, check, expand; on error, the errors plus stub impls.
pub fn derive(input: &DeriveInput) -> TokenStream {
    match Input::from_syn(input).and_then(|ast| valid::check(&ast).map(|c| expand(&c))) {
        Ok(tokens) => tokens,
        Err(e) => fallback::expand(input, e),
    }
}

fn retry_path(r: Retry) -> TokenStream {
    let variant = match r {
        Retry::Never => format_ident!("Never"),
        Retry::Transient => format_ident!("Transient"),
        Retry::Throttled => format_ident!("Throttled"),
        Retry::RefreshToken => format_ident!("RefreshToken"),
        Retry::SplitRequest => format_ident!("SplitRequest"),
    };
    quote!(::easemob_errors::Retry::#variant)
}

fn rule(k: &Known<'_>) -> TokenStream {
    let statuses = k.statuses.iter().map(|s| Literal::u16_unsuffixed(*s));
    let codes = &k.codes;
    let descriptions = &k.descriptions;
    let numbers = k.error_codes.iter().map(|n| Literal::i64_unsuffixed(*n));
    quote! {
        ::easemob_errors::__private::Rule {
            statuses: &[#(#statuses),*],
            codes: &[#(#codes),*],
            descriptions: &[#(#descriptions),*],
            error_codes: &[#(#numbers),*],
        }
    }
}

fn expand(c: &Checked<'_>) -> TokenStream {
    let ident = c.ident;
    let unknown = c.unknown;
    let n = c.known.len();
    let rules = c.known.iter().map(rule);

    let constructors = c.known.iter().enumerate().map(|(i, k)| {
        let v = k.ident;
        let fields = k.placeholders.iter().enumerate().map(|(j, p)| {
            let f = format_ident!("{}", p);
            quote!(#f: ::std::string::String::from(hit.capture(#j)))
        });
        quote!(#i => Self::#v { #(#fields),* },)
    });

    let ids = c.known.iter().map(|k| {
        let v = k.ident;
        let id = &k.id;
        quote!(Self::#v { .. } => ::core::option::Option::Some(#id),)
    });

    let areas = c.known.iter().map(|k| {
        let v = k.ident;
        match &k.area {
            Some(area) => quote!(Self::#v { .. } => ::core::option::Option::Some(#area),),
            None => quote!(Self::#v { .. } => ::core::option::Option::None,),
        }
    });

    let explanations = c.known.iter().map(|k| {
        let (zh, en) = (&k.zh, &k.en);
        let retry = retry_path(k.retry);
        let alert = k.alert;
        quote!(::easemob_errors::Explanation::new(#zh, #en, #retry, #alert))
    });
    let explanation_arms = c.known.iter().enumerate().map(|(i, k)| {
        let v = k.ident;
        quote!(Self::#v { .. } => ::core::option::Option::Some(&EXPLANATIONS[#i]),)
    });

    let field_arms = c
        .known
        .iter()
        .filter(|k| !k.placeholders.is_empty())
        .map(|k| {
            let v = k.ident;
            let names: Vec<_> = k
                .placeholders
                .iter()
                .map(|p| format_ident!("{}", p))
                .collect();
            let labels = &k.placeholders;
            quote! {
                Self::#v { #(#names),* } => ::std::vec![#((#labels, #names.as_str())),*],
            }
        });

    let template_arms = c.known.iter().map(|k| {
        let v = k.ident;
        match k.descriptions.first() {
            Some(d) => quote!(Self::#v { .. } => ::core::option::Option::Some(#d),),
            None => quote!(Self::#v { .. } => ::core::option::Option::None,),
        }
    });

    let cause_arms = c.known.iter().filter(|k| !k.causes.is_empty()).map(|k| {
        let v = k.ident;
        let causes = k.causes.iter().map(|c| {
            let (zh, en) = (&c.zh, &c.en);
            match (&c.area, &c.request) {
                (Some(area), _) => quote!(::easemob_errors::Cause::for_area(#area, #zh, #en)),
                (None, Some(req)) => {
                    quote!(::easemob_errors::Cause::for_request(#req, #zh, #en))
                }
                (None, None) => quote!(),
            }
        });
        quote! {
            Self::#v { .. } => {
                static CAUSES: &[::easemob_errors::Cause] = &[#(#causes),*];
                CAUSES
            }
        }
    });

    let display_arms = c.known.iter().map(|k| {
        let v = k.ident;
        let en = &k.en;
        if k.placeholders.is_empty() {
            quote!(Self::#v { .. } => f.write_str(#en),)
        } else {
            let names: Vec<_> = k
                .placeholders
                .iter()
                .map(|p| format_ident!("{}", p))
                .collect();
            let shown: Vec<String> = k
                .placeholders
                .iter()
                .map(|p| format!("{p}: {{:?}}"))
                .collect();
            let format = format!("{{}} ({})", shown.join(", "));
            quote!(Self::#v { #(#names),* } => ::core::write!(f, #format, #en, #(#names),*),)
        }
    });

    quote! {
        #[automatically_derived]
        impl ::easemob_errors::Classify for #ident {
            fn classify(
                status: u16,
                code: ::core::option::Option<&str>,
                error_code: ::core::option::Option<i64>,
                description: ::core::option::Option<&str>,
            ) -> Self {
                static RULES: &[::easemob_errors::__private::Rule<'static>] = &[#(#rules),*];
                static MATCHER: ::easemob_errors::__private::OnceLock<
                    ::easemob_errors::__private::Matcher<'static>,
                > = ::easemob_errors::__private::OnceLock::new();
                let matcher = MATCHER.get_or_init(|| ::easemob_errors::__private::Matcher::new(RULES));
                let ::core::option::Option::Some(hit) = matcher.classify_coded(status, code, error_code, description) else {
                    return Self::#unknown;
                };
                match hit.rule() {
                    #(#constructors)*
                    _ => Self::#unknown,
                }
            }

            fn id(&self) -> ::core::option::Option<&'static str> {
                match self {
                    #(#ids)*
                    Self::#unknown { .. } => ::core::option::Option::None,
                }
            }

            fn area(&self) -> ::core::option::Option<&'static str> {
                match self {
                    #(#areas)*
                    Self::#unknown { .. } => ::core::option::Option::None,
                }
            }

            fn explanation(&self) -> ::core::option::Option<&'static ::easemob_errors::Explanation> {
                static EXPLANATIONS: [::easemob_errors::Explanation; #n] = [#(#explanations),*];
                match self {
                    #(#explanation_arms)*
                    Self::#unknown { .. } => ::core::option::Option::None,
                }
            }

            fn fields(&self) -> ::std::vec::Vec<(&'static str, &str)> {
                #[allow(unreachable_patterns)]
                match self {
                    #(#field_arms)*
                    _ => ::std::vec::Vec::new(),
                }
            }

            fn description_template(&self) -> ::core::option::Option<&'static str> {
                match self {
                    #(#template_arms)*
                    Self::#unknown { .. } => ::core::option::Option::None,
                }
            }

            fn causes(&self) -> &'static [::easemob_errors::Cause] {
                #[allow(unreachable_patterns)]
                match self {
                    #(#cause_arms)*
                    _ => &[],
                }
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #(#display_arms)*
                    Self::#unknown { .. } => f.write_str("an error the Easemob catalog does not know"),
                }
            }
        }
    }
}
