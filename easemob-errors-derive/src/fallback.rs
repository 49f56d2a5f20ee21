//! What the derive emits when the input has mistakes: the errors, plus impls with the right
//! signatures so the rest of the user's code type-checks and they see only the real errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn expand(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    let ident = &input.ident;
    if !input.generics.params.is_empty() || !matches!(input.data, syn::Data::Enum(_)) {
        return errors;
    }
    quote! {
        #errors

        #[automatically_derived]
        impl ::easemob_errors::Classify for #ident {
            fn classify_matched(
                _: ::easemob_errors::ResponseParts<'_>,
            ) -> (Self, ::easemob_errors::MatchedBy) {
                ::core::unreachable!()
            }
            fn id(&self) -> ::core::option::Option<&'static str> {
                ::core::unreachable!()
            }
            fn area(&self) -> ::core::option::Option<&'static str> {
                ::core::unreachable!()
            }
            fn explanation(&self) -> ::core::option::Option<&'static ::easemob_errors::Explanation> {
                ::core::unreachable!()
            }
            fn fields(&self) -> ::easemob_errors::Fields<'_> {
                ::core::unreachable!()
            }
            fn description_template(&self) -> ::core::option::Option<&'static str> {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }
    }
}
