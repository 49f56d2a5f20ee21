//! Causes that hold on some endpoints only, and how one is picked for a request.
//!
//! One representation serves every stage: the YAML model holds `Cause<String>`, the artifact
//! the build script reads, the derive's output and the runtime hold `Cause<&'static str>`.

use crate::request::{AreaPaths, area_of, request_match};

/// Where a per-endpoint cause applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope<S = &'static str> {
    /// Every endpoint of an API area (`chatrooms`).
    Area(S),
    /// Requests matching a pattern such as `DELETE /users/{username}` (methods may be joined
    /// with `|`; paths are written without `/{org}/{app}`).
    Request(S),
}

impl<S: AsRef<str>> Scope<S> {
    /// The same scope, borrowing its text.
    pub fn as_deref(&self) -> Scope<&str> {
        match self {
            Scope::Area(a) => Scope::Area(a.as_ref()),
            Scope::Request(r) => Scope::Request(r.as_ref()),
        }
    }

    /// How specifically this scope fits a request (`path` as [`crate::request::api_path`]
    /// gives it, `area` the request's area); `None` when it does not apply. A matching request
    /// pattern always beats an area.
    pub fn fit(&self, method: &str, path: &str, area: Option<&str>) -> Option<u32> {
        match self.as_deref() {
            Scope::Request(p) => request_match(p, method, path).map(|s| s + 1),
            Scope::Area(a) => (Some(a) == area).then_some(0),
        }
    }
}

/// The likely cause of an error on particular endpoints, in Chinese and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cause<S = &'static str> {
    /// Where it applies.
    pub scope: Scope<S>,
    /// The cause there, in Chinese.
    pub zh: S,
    /// The cause there, in English.
    pub en: S,
}

impl<S> Cause<S> {
    /// A cause for the given scope.
    pub const fn new(scope: Scope<S>, zh: S, en: S) -> Cause<S> {
        Cause { scope, zh, en }
    }
}

/// The cause among `causes` that applies to a request: the most specific matching request
/// pattern, else the one naming the request's area, else none (the general cause applies).
/// `path` is the request's [`crate::request::api_path`].
///
/// ```
/// use easemob_errors_core::request::AreaPaths;
/// use easemob_errors_core::scope::{pick, Cause, Scope};
/// let areas = [AreaPaths { area: "users", paths: &["/users/**"] }];
/// let causes = [
///     Cause::new(Scope::Area("users"), "用户接口", "user APIs"),
///     Cause::new(Scope::Request("DELETE /users/{username}"), "删除用户", "deleting a user"),
/// ];
/// assert_eq!(pick(&causes, &areas, "DELETE", "/users/u1").map(|c| c.en), Some("deleting a user"));
/// assert_eq!(pick(&causes, &areas, "GET", "/users/u1").map(|c| c.en), Some("user APIs"));
/// assert!(pick(&causes, &areas, "GET", "/chatgroups").is_none());
/// ```
pub fn pick<'c, S: AsRef<str>>(
    causes: &'c [Cause<S>],
    areas: &[AreaPaths<'_>],
    method: &str,
    path: &str,
) -> Option<&'c Cause<S>> {
    let area = area_of(areas, path);
    let mut best: Option<(u32, &Cause<S>)> = None;
    for cause in causes {
        if let Some(s) = cause.scope.fit(method, path, area)
            && best.is_none_or(|(b, _)| s > b)
        {
            best = Some((s, cause));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::api_path;

    const AREAS: &[AreaPaths<'static>] = &[AreaPaths {
        area: "users",
        paths: &["/users", "/users/**"],
    }];

    #[test]
    fn request_patterns_beat_areas() {
        let causes = [
            Cause::new(Scope::Area("users"), "0", "0"),
            Cause::new(Scope::Request("DELETE /users/{username}"), "1", "1"),
            Cause::new(Scope::Request("GET|PUT /users/{username}"), "2", "2"),
        ];
        let picked = |m: &str, p: &str| pick(&causes, AREAS, m, api_path(p)).map(|c| c.en);
        assert_eq!(picked("DELETE", "/o/a/users/u1"), Some("1"));
        assert_eq!(picked("put", "/o/a/users/u1"), Some("2"));
        assert_eq!(picked("POST", "/o/a/users/u1"), Some("0"));
        assert_eq!(picked("POST", "/o/a/chatgroups"), None);
    }
}
