//! A typed view of the derive input. Each node keeps the original `syn` item so errors can
//! point at it.

use crate::attr::{self, Attrs};
use syn::{Data, DeriveInput, Fields, Ident};

/// The enum being derived.
pub struct Input<'a> {
    pub ident: &'a Ident,
    pub variants: Vec<Variant<'a>>,
}

/// One variant with its parsed attributes.
pub struct Variant<'a> {
    pub original: &'a syn::Variant,
    pub ident: &'a Ident,
    pub attrs: Attrs,
    pub fields: Vec<Field<'a>>,
    /// The fields of a tuple variant (only a `#[easemob(catalog)]` variant may be one).
    pub tuple: Option<&'a syn::FieldsUnnamed>,
}

/// One named field of a variant.
pub struct Field<'a> {
    pub original: &'a syn::Field,
    pub ident: &'a Ident,
}

impl<'a> Input<'a> {
    /// Reads the input; errors for anything that is not an enum with named or unit variants.
    pub fn from_syn(input: &'a DeriveInput) -> syn::Result<Input<'a>> {
        let Data::Enum(data) = &input.data else {
            return Err(syn::Error::new_spanned(
                &input.ident,
                "#[derive(Classify)] works on enums only: one variant per error cause",
            ));
        };
        if !input.generics.params.is_empty() {
            return Err(syn::Error::new_spanned(
                &input.generics,
                "#[derive(Classify)] does not support generic enums",
            ));
        }
        let mut errors: Option<syn::Error> = None;
        let mut variants = Vec::new();
        for v in &data.variants {
            match Variant::from_syn(v) {
                Ok(v) => variants.push(v),
                Err(e) => match &mut errors {
                    Some(all) => all.combine(e),
                    None => errors = Some(e),
                },
            }
        }
        if let Some(e) = errors {
            return Err(e);
        }
        Ok(Input {
            ident: &input.ident,
            variants,
        })
    }
}

impl<'a> Variant<'a> {
    fn from_syn(v: &'a syn::Variant) -> syn::Result<Variant<'a>> {
        let attrs = attr::parse(&v.attrs)?;
        let (fields, tuple) = match &v.fields {
            Fields::Unit => (Vec::new(), None),
            Fields::Named(named) => (
                named
                    .named
                    .iter()
                    .filter_map(|f| f.ident.as_ref().map(|ident| Field { original: f, ident }))
                    .collect(),
                None,
            ),
            Fields::Unnamed(unnamed) => (Vec::new(), Some(unnamed)),
        };
        Ok(Variant {
            original: v,
            ident: &v.ident,
            attrs,
            fields,
            tuple,
        })
    }
}
