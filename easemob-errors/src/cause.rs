//! Causes that depend on the endpoint.

use easemob_errors_catalog::request::CauseScope;

/// The likely cause of an error on particular endpoints: all of an API area, or requests
/// matching a pattern such as `DELETE /users/{username}`. Catalog entries list these
/// (`causes:` in the YAML); [`ApiError::with_request`](crate::ApiError::with_request) picks
/// the one for the request, and [`ApiError::zh`](crate::ApiError::zh) and
/// [`en`](crate::ApiError::en) then return it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cause {
    area: Option<&'static str>,
    request: Option<&'static str>,
    zh: &'static str,
    en: &'static str,
}

impl Cause {
    /// A cause for every endpoint of an area (used by the derive).
    pub const fn for_area(area: &'static str, zh: &'static str, en: &'static str) -> Cause {
        Cause {
            area: Some(area),
            request: None,
            zh,
            en,
        }
    }

    /// A cause for requests matching `METHOD /path` (used by the derive).
    pub const fn for_request(pattern: &'static str, zh: &'static str, en: &'static str) -> Cause {
        Cause {
            area: None,
            request: Some(pattern),
            zh,
            en,
        }
    }

    /// The area it applies to, for an area cause.
    pub const fn area(&self) -> Option<&'static str> {
        self.area
    }

    /// The request pattern it applies to, for a request cause.
    pub const fn request(&self) -> Option<&'static str> {
        self.request
    }

    /// The cause, in Chinese.
    pub const fn zh(&self) -> &'static str {
        self.zh
    }

    /// The cause, in English.
    pub const fn en(&self) -> &'static str {
        self.en
    }

    pub(crate) fn scope(&self) -> CauseScope<'static> {
        match (self.area, self.request) {
            (Some(a), _) => CauseScope::Area(a),
            (None, r) => CauseScope::Request(r.unwrap_or("")),
        }
    }
}
