//! Writes the typed catalog back as Rust expressions (feature `literal`, which only the
//! maintainer tools enable): how `cargo xtask regen` makes `easemob-errors/build/catalog.rs`.
//!
//! Each type says how it is written; the structs get their impl from `typed!` in
//! [`crate::catalog`], so the artifact follows the struct definitions without a second list of
//! fields.

use crate::Retry;
use crate::catalog::StatusKey;
use crate::grammar::retry_variant;
use crate::scope::{Cause, Scope};
use std::fmt::Write as _;

/// A value that can be written as the Rust expression that rebuilds it.
pub trait Literal {
    /// Whether a list of these fits on one line (numbers and strings do; structs do not).
    const INLINE: bool = true;
    /// Writes the expression.
    fn write(&self, w: &mut Writer);
}

/// The text being written and its indentation.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    /// A writer whose first line is indented `depth` levels.
    pub fn at_depth(depth: usize) -> Writer {
        Writer {
            out: String::new(),
            depth,
        }
    }

    /// What was written.
    pub fn finish(self) -> String {
        self.out
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }

    /// Writes plain text.
    pub fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Starts a struct expression.
    pub fn open(&mut self, name: &str) {
        let _ = writeln!(self.out, "{name} {{");
        self.depth += 1;
    }

    /// Writes one field of the struct being written.
    pub fn field<T: Literal + ?Sized>(&mut self, name: &str, value: &T) {
        self.indent();
        let _ = write!(self.out, "{name}: ");
        value.write(self);
        self.out.push_str(",\n");
    }

    /// Ends the struct expression.
    pub fn close(&mut self) {
        self.depth -= 1;
        self.indent();
        self.out.push('}');
    }
}

/// Writes `value` as an expression whose continuation lines are indented `depth` levels.
pub fn to_rust<T: Literal + ?Sized>(value: &T, depth: usize) -> String {
    let mut w = Writer::at_depth(depth);
    value.write(&mut w);
    w.finish()
}

impl Literal for str {
    fn write(&self, w: &mut Writer) {
        // Debug formatting of a str is a valid Rust string literal.
        let _ = write!(w.out, "{self:?}");
    }
}

impl Literal for &str {
    fn write(&self, w: &mut Writer) {
        (**self).write(w);
    }
}

macro_rules! number {
    ($($t:ty),*) => {$(
        impl Literal for $t {
            fn write(&self, w: &mut Writer) {
                let _ = write!(w.out, "{self}");
            }
        }
    )*};
}
number!(u8, u16, u32, i64, bool);

impl<T: Literal> Literal for Option<T> {
    fn write(&self, w: &mut Writer) {
        match self {
            None => w.raw("None"),
            Some(v) => {
                w.raw("Some(");
                v.write(w);
                w.raw(")");
            }
        }
    }
}

impl<T: Literal> Literal for &[T] {
    const INLINE: bool = false;
    fn write(&self, w: &mut Writer) {
        if self.is_empty() {
            return w.raw("&[]");
        }
        if T::INLINE {
            w.raw("&[");
            for (i, v) in self.iter().enumerate() {
                if i > 0 {
                    w.raw(", ");
                }
                v.write(w);
            }
            return w.raw("]");
        }
        w.raw("&[\n");
        w.depth += 1;
        for v in *self {
            w.indent();
            v.write(w);
            w.raw(",\n");
        }
        w.depth -= 1;
        w.indent();
        w.raw("]");
    }
}

impl<A: Literal, B: Literal> Literal for (A, B) {
    fn write(&self, w: &mut Writer) {
        w.raw("(");
        self.0.write(w);
        w.raw(", ");
        self.1.write(w);
        w.raw(")");
    }
}

impl Literal for Retry {
    fn write(&self, w: &mut Writer) {
        let _ = write!(w.out, "Retry::{}", retry_variant(*self));
    }
}

impl Literal for StatusKey {
    fn write(&self, w: &mut Writer) {
        let _ = match self {
            StatusKey::Exact(n) => write!(w.out, "StatusKey::Exact({n})"),
            StatusKey::Class(c) => write!(w.out, "StatusKey::Class({c})"),
            StatusKey::Other => write!(w.out, "StatusKey::Other"),
        };
    }
}

impl Literal for Scope {
    fn write(&self, w: &mut Writer) {
        let (variant, text) = match self {
            Scope::Area(a) => ("Area", a),
            Scope::Request(r) => ("Request", r),
        };
        let _ = write!(w.out, "Scope::{variant}({text:?})");
    }
}

impl Literal for Cause {
    const INLINE: bool = false;
    fn write(&self, w: &mut Writer) {
        w.open("Cause");
        w.field("scope", &self.scope);
        w.field("zh", &self.zh);
        w.field("en", &self.en);
        w.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Entry, Evidence};

    #[test]
    fn an_entry_is_written_as_the_expression_that_rebuilds_it() {
        static CAUSES: [Cause; 1] = [Cause::new(Scope::Area("users"), "甲", "A")];
        let e = Entry {
            id: "x",
            statuses: &[400, 403],
            descriptions: &["a \"quoted\"\nline"],
            advice_reason: Some("why"),
            causes: &CAUSES,
            evidence: &[Evidence {
                table: "documented.tsv",
                row: 12,
                cite: "o/r@0123456789ab:p.md:3",
                more: 0,
            }],
            ..Entry::EMPTY
        };
        let text = to_rust(&e, 0);
        assert!(text.starts_with("Entry {\n    id: \"x\",\n"), "{text}");
        assert!(text.contains("    statuses: &[400, 403],\n"), "{text}");
        assert!(
            text.contains(r#"descriptions: &["a \"quoted\"\nline"],"#),
            "{text}"
        );
        assert!(text.contains("advice_reason: Some(\"why\"),"), "{text}");
        assert!(
            text.contains("        Cause {\n            scope: Scope::Area(\"users\"),\n"),
            "{text}"
        );
        assert!(text.contains("table: \"documented.tsv\""), "{text}");
        assert!(text.contains("retry: Retry::Never,"), "{text}");
        assert!(text.ends_with('}'), "{text}");
    }
}
