//! What validation produces: the core's typed catalog ([`Catalog`], the one entry type every
//! stage shares) and, beside it, where each entry was written ([`Origin`]), which only
//! diagnostics need.
//!
//! The typed catalog holds `&'static` data, as the generated artifact does. The tools build it
//! from YAML read at run time, so [`Interner`] makes each distinct string and list `'static`
//! once; a tool process validates a catalog a handful of times, so what it keeps is bounded
//! by the catalog's size.

pub use easemob_errors_core::catalog::{
    Area, Catalog, Entry, Evidence, StatusKey, StatusRow, status_row,
};
use std::collections::HashSet;

/// Where a value was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The catalog file.
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// 1-based column.
    pub column: u64,
}

/// A validated catalog and the side table of where its entries are written.
#[derive(Debug, Clone)]
pub struct Validated {
    /// The catalog.
    pub catalog: Catalog,
    /// Where each entry starts, by entry index.
    pub origins: Vec<Origin>,
}

impl Validated {
    /// Where the entry at `index` of `catalog.entries` starts.
    pub fn origin(&self, index: usize) -> Option<&Origin> {
        self.origins.get(index)
    }

    /// The same catalog with other entries (same order and origins), e.g. with evidence.
    pub fn with_entries(&self, entries: Vec<Entry>) -> Validated {
        Validated {
            catalog: Catalog {
                entries: leak(entries),
                ..self.catalog
            },
            origins: self.origins.clone(),
        }
    }
}

impl std::ops::Deref for Validated {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.catalog
    }
}

/// Makes a list `'static` (see the module docs).
pub fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

/// Makes strings `'static`, each distinct text once.
#[derive(Debug, Default)]
pub struct Interner {
    seen: HashSet<&'static str>,
}

impl Interner {
    /// The `'static` copy of `text`.
    pub fn str(&mut self, text: &str) -> &'static str {
        if let Some(&s) = self.seen.get(text) {
            return s;
        }
        let s: &'static str = Box::leak(text.to_owned().into_boxed_str());
        self.seen.insert(s);
        s
    }

    /// The `'static` copies of `texts`, as a list.
    pub fn strs<S: AsRef<str>>(&mut self, texts: &[S]) -> &'static [&'static str] {
        let list: Vec<&'static str> = texts.iter().map(|t| self.str(t.as_ref())).collect();
        leak(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_are_kept_once() {
        let mut i = Interner::default();
        let a = i.str("forbidden_op");
        let b = i.str(&String::from("forbidden_op"));
        assert!(std::ptr::eq(a, b));
        assert_eq!(i.strs(&["x", "forbidden_op"]), &["x", "forbidden_op"]);
    }
}
