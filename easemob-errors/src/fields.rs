//! The values a description held, without allocating.

use core::fmt;
use core::ops::Deref;
use easemob_errors_core::matcher::MAX_PLACEHOLDERS;

/// The values taken from a description, as (placeholder name, value) pairs in template order
/// (`[("users", "u1")]` for `users [u1] are not members of this group!`).
///
/// Held inline (a template has at most eight placeholders), so asking for them never
/// allocates. Derefs to a slice; [`Fields::get`] finds one by name.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fields<'a> {
    items: [(&'static str, &'a str); MAX_PLACEHOLDERS],
    len: usize,
}

impl<'a> Fields<'a> {
    /// No values.
    pub const EMPTY: Fields<'static> = Fields {
        items: [("", ""); MAX_PLACEHOLDERS],
        len: 0,
    };

    /// The pairs, in template order (used by the derive; beyond eight are dropped, which a
    /// valid template never has).
    pub fn new(pairs: &[(&'static str, &'a str)]) -> Fields<'a> {
        let mut items = [("", ""); MAX_PLACEHOLDERS];
        let len = pairs.len().min(MAX_PLACEHOLDERS);
        items[..len].copy_from_slice(&pairs[..len]);
        Fields { items, len }
    }

    /// The value of the placeholder `name`.
    ///
    /// ```
    /// let err = easemob_errors::ApiError::from_response(
    ///     403,
    ///     br#"{"error":"forbidden_op","error_description":"users [u1] are not members of this group!"}"#,
    /// );
    /// assert_eq!(err.fields().get("users"), Some("u1"));
    /// ```
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.iter().find(|(n, _)| *n == name).map(|&(_, v)| v)
    }
}

impl<'a> Deref for Fields<'a> {
    type Target = [(&'static str, &'a str)];

    fn deref(&self) -> &Self::Target {
        &self.items[..self.len]
    }
}

impl<'a> IntoIterator for Fields<'a> {
    type Item = (&'static str, &'a str);
    type IntoIter =
        core::iter::Take<core::array::IntoIter<(&'static str, &'a str), MAX_PLACEHOLDERS>>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().take(self.len)
    }
}

impl<'f, 'a> IntoIterator for &'f Fields<'a> {
    type Item = &'f (&'static str, &'a str);
    type IntoIter = core::slice::Iter<'f, (&'static str, &'a str)>;

    fn into_iter(self) -> Self::IntoIter {
        self.deref().iter()
    }
}

impl<const N: usize> PartialEq<[(&str, &str); N]> for Fields<'_> {
    fn eq(&self, other: &[(&str, &str); N]) -> bool {
        **self == *other
    }
}

impl PartialEq<[(&str, &str)]> for Fields<'_> {
    fn eq(&self, other: &[(&str, &str)]) -> bool {
        **self == *other
    }
}

impl PartialEq<Vec<(&str, &str)>> for Fields<'_> {
    fn eq(&self, other: &Vec<(&str, &str)>) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Fields<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
