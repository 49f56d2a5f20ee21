//! The body's `error` and `error_description`, owned in one place.
//!
//! Every error keeps both raw strings verbatim. Stored side by side, they take no allocation
//! of their own when they fit in [`INLINE`] bytes (nearly every Easemob body: a code of a few
//! words, a description of one sentence) and one allocation otherwise — instead of one per
//! string. This is most of what classification costs on top of reading the body.

/// Bytes kept inline (inside the error's own box).
pub(crate) const INLINE: usize = 160;

#[derive(Clone)]
enum Buf {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

/// `error` then `error_description`, concatenated; each may be absent.
#[derive(Clone)]
pub(crate) struct RawText {
    buf: Buf,
    /// Length of the code, or `None` when the body had none.
    code: Option<u32>,
    /// Whether the body had a description (it runs from the code's end to the buffer's end).
    has_description: bool,
}

impl RawText {
    /// Neither string: what [`RawText::set`] fills in place.
    pub(crate) const EMPTY: RawText = RawText {
        buf: Buf::Inline {
            len: 0,
            bytes: [0; INLINE],
        },
        code: None,
        has_description: false,
    };

    #[cfg(test)]
    pub(crate) fn new(code: Option<&str>, description: Option<&str>) -> RawText {
        let mut t = RawText::EMPTY;
        t.set(code, description);
        t
    }

    /// Stores both strings. Done in place (inside the error's box) so the inline buffer is not
    /// copied around.
    pub(crate) fn set(&mut self, code: Option<&str>, description: Option<&str>) {
        let (c, d) = (code.unwrap_or(""), description.unwrap_or(""));
        let total = c.len() + d.len();
        match &mut self.buf {
            Buf::Inline { len, bytes } if total <= INLINE => {
                bytes[..c.len()].copy_from_slice(c.as_bytes());
                bytes[c.len()..total].copy_from_slice(d.as_bytes());
                *len = total as u8;
            }
            buf => {
                let mut s = String::with_capacity(total);
                s.push_str(c);
                s.push_str(d);
                *buf = Buf::Heap(s.into_boxed_str());
            }
        }
        self.code = code.map(|c| u32::try_from(c.len()).unwrap_or(u32::MAX));
        self.has_description = description.is_some();
    }

    fn all(&self) -> &str {
        match &self.buf {
            // The bytes were copied from two `&str`s, so they are UTF-8.
            Buf::Inline { len, bytes } => {
                core::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            Buf::Heap(s) => s,
        }
    }

    fn split(&self) -> usize {
        self.code.map_or(0, |c| c as usize)
    }

    pub(crate) fn code(&self) -> Option<&str> {
        self.code
            .map(|_| self.all().get(..self.split()).unwrap_or(""))
    }

    pub(crate) fn description(&self) -> Option<&str> {
        self.has_description
            .then(|| self.all().get(self.split()..).unwrap_or(""))
    }
}

impl PartialEq for RawText {
    fn eq(&self, other: &RawText) -> bool {
        self.code() == other.code() && self.description() == other.description()
    }
}

impl Eq for RawText {}

impl core::fmt::Debug for RawText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RawText")
            .field("code", &self.code())
            .field("description", &self.description())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_parts_come_back_inline_or_not() {
        for (c, d) in [
            (
                Some("forbidden_op"),
                Some("users [u1] are not members of this group!"),
            ),
            (None, Some("d")),
            (Some("e"), None),
            (None, None),
            (Some(""), Some("")),
            (Some("错误"), Some("描述 ✓")),
        ] {
            let t = RawText::new(c, d);
            assert!(matches!(t.buf, Buf::Inline { .. }));
            assert_eq!((t.code(), t.description()), (c, d));
        }
        let long = "x".repeat(INLINE);
        let t = RawText::new(Some("code"), Some(&long));
        assert!(matches!(t.buf, Buf::Heap(_)));
        assert_eq!(
            (t.code(), t.description()),
            (Some("code"), Some(long.as_str()))
        );
    }
}
