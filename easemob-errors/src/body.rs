//! Reading the fields that matter out of a response body, whatever the body is.
//!
//! Easemob answers errors with a JSON object (`error`, `error_description`, sometimes `desc`
//! or a numeric `error_code`, plus `exception`, `timestamp`, `duration`); gateways answer with
//! HTML, an empty body or anything else. This reader takes the string fields it recognises,
//! ignores fields of other types, survives a parse error part-way (keeping what it read
//! before it) and never panics. serde_json's nesting limit bounds the recursion.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The recognised fields of a body, borrowed from it where possible.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Fields<'a> {
    pub error: Option<Cow<'a, str>>,
    pub error_description: Option<Cow<'a, str>>,
    pub desc: Option<Cow<'a, str>>,
    pub error_code: Option<i64>,
    /// Whether the body was a JSON object (even if it broke off later).
    pub object: bool,
}

impl<'a> Fields<'a> {
    /// The description: `error_description`, else `desc`.
    pub fn description(&self) -> Option<&str> {
        self.error_description.as_deref().or(self.desc.as_deref())
    }
}

/// Reads a body. Never fails: what cannot be read is simply absent.
pub(crate) fn read(body: &[u8]) -> Fields<'_> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut fields = Fields::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    // Errors are deliberately dropped: the fields read before the error are kept, and trailing
    // bytes after the object are not our concern.
    let _ = BodySeed(&mut fields).deserialize(&mut de);
    fields
}

struct BodySeed<'f, 'a>(&'f mut Fields<'a>);

impl<'de, 'f> DeserializeSeed<'de> for BodySeed<'f, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'f> Visitor<'de> for BodySeed<'f, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an Easemob error object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.object = true;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match key.0.as_deref() {
                Some("error") => {
                    if let Some(v) = map.next_value::<Text<'de>>()?.0 {
                        self.0.error = Some(v);
                    }
                }
                Some("error_description") => {
                    if let Some(v) = map.next_value::<Text<'de>>()?.0 {
                        self.0.error_description = Some(v);
                    }
                }
                Some("desc") => {
                    if let Some(v) = map.next_value::<Text<'de>>()?.0 {
                        self.0.desc = Some(v);
                    }
                }
                Some("error_code") => {
                    if let Some(v) = map.next_value::<Number>()?.0 {
                        self.0.error_code = Some(v);
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
    // Anything that is not an object carries none of the fields.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// A string if the value is one; any other JSON value is skipped.
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(v))))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Text<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// An integer if the value is one that fits `i64`; any other JSON value is skipped.
struct Number(Option<i64>);

impl<'de> de::Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(i64::try_from(v).ok()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Number, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Number(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Number, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Number(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_real_body() {
        let f = read(br#"{"error":"forbidden_op","exception":"x","timestamp":1,"duration":0,"error_description":"users [u1] are not members of this group!"}"#);
        assert_eq!(f.error.as_deref(), Some("forbidden_op"));
        assert_eq!(
            f.description(),
            Some("users [u1] are not members of this group!")
        );
        assert!(matches!(f.error, Some(Cow::Borrowed(_))));
    }

    #[test]
    fn unescapes_and_reads_desc_and_error_code() {
        let f = read(br#"{"error_code":14035,"desc":"a\nb","error":"message_send_error"}"#);
        assert_eq!(f.description(), Some("a\nb"));
        assert_eq!(f.error_code, Some(14035));
    }

    #[test]
    fn keeps_what_it_read_before_a_parse_error() {
        let f = read(br#"{"error":"e","error_description":"d","exception":[[[[["#);
        assert_eq!(
            (f.error.as_deref(), f.description()),
            (Some("e"), Some("d"))
        );
    }

    #[test]
    fn wrong_types_are_skipped_not_fatal() {
        let f =
            read(br#"{"error":5,"error_description":{"a":[1]},"error_code":"x","desc":"kept"}"#);
        assert_eq!((f.error.as_deref(), f.description()), (None, Some("kept")));
    }

    #[test]
    fn non_objects_carry_nothing() {
        for body in [
            &b""[..],
            b"<html>502</html>",
            b"[1,2]",
            b"\"text\"",
            b"null",
            b"\xff\xfe",
            b"\xEF\xBB\xBF",
        ] {
            let f = read(body);
            assert_eq!(f, Fields::default(), "{body:?}");
        }
        assert!(read(b"\xEF\xBB\xBF{\"error\":\"e\"}").error.is_some());
    }
}
