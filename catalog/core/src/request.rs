//! Which endpoint a failed call went to, and what that changes.
//!
//! The same (status, `error`, description) can mean different things on different endpoints:
//! 404 `service_resource_not_found` on `DELETE /users/{username}` is a missing user (or dirty
//! data), on a contacts call a missing friend. The catalog gives such entries per-endpoint
//! causes; the caller passes the request (`DELETE /{org}/{app}/users/u1`) and gets the cause
//! for that endpoint and its API area.
//!
//! Paths are compared segment by segment after dropping the scheme, host, query and the
//! leading `/{org}/{app}` (every Easemob path starts with them, except the management API
//! under `/management/…`, which is kept whole). Patterns are written the way the docs write
//! endpoints, without `/{org}/{app}`:
//!
//! - a literal segment (`users`) matches itself, ignoring ASCII case;
//! - `{name}` matches any one segment;
//! - a final `**` (area patterns only) matches any number of further segments, none included.
//!
//! Among matching patterns the most specific wins: more literal segments first, then more
//! segments. Nothing here allocates.

/// The methods a request pattern may name.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/// Splits `"METHOD PATH"` (as `explain --request` and JSON lines take it). `None` unless the
/// method is a word of ASCII letters followed by whitespace and a path.
///
/// ```
/// use easemob_errors_core::request::split_request;
/// assert_eq!(split_request("delete /org/app/users/u1"), Some(("delete", "/org/app/users/u1")));
/// assert_eq!(split_request("/org/app/users"), None);
/// ```
pub fn split_request(text: &str) -> Option<(&str, &str)> {
    let (method, path) = text.trim().split_once(char::is_whitespace)?;
    let path = path.trim();
    (!method.is_empty() && method.bytes().all(|b| b.is_ascii_alphabetic()) && !path.is_empty())
        .then_some((method, path))
}

/// The part of a request path or URL the patterns describe: without scheme and host, query
/// and fragment, and the leading `/{org}/{app}` (kept for `/management/…`).
///
/// ```
/// use easemob_errors_core::request::api_path;
/// assert_eq!(api_path("https://a1.easemob.com/org/app/users/u1?x=1"), "/users/u1");
/// assert_eq!(api_path("/org/app/chatgroups/1/users/u2"), "/chatgroups/1/users/u2");
/// assert_eq!(api_path("/management/organizations/o/applications"), "/management/organizations/o/applications");
/// ```
pub fn api_path(path_or_url: &str) -> &str {
    let mut p = path_or_url.trim();
    if let Some(i) = p.find("://") {
        let after = &p[i + 3..];
        p = after.find('/').map_or("", |j| &after[j..]);
    }
    if let Some(i) = p.find(['?', '#']) {
        p = &p[..i];
    }
    if segments(p)
        .next()
        .is_some_and(|s| s.eq_ignore_ascii_case("management"))
    {
        return p;
    }
    let mut rest = p;
    for _ in 0..2 {
        rest = rest.trim_start_matches('/');
        rest = rest.find('/').map_or("", |j| &rest[j..]);
    }
    rest
}

fn segments(path: &str) -> impl Iterator<Item = &str> + Clone {
    path.split('/').filter(|s| !s.is_empty())
}

/// How specifically `pattern` matches `path` (an [`api_path`]); `None` when it does not.
///
/// ```
/// use easemob_errors_core::request::path_match;
/// assert!(path_match("/users/{username}", "/users/u1").is_some());
/// assert!(path_match("/users/**", "/users/u1/contacts/users/u2").is_some());
/// assert!(path_match("/users/{username}", "/users").is_none());
/// assert!(path_match("/users/{u}/contacts/**", "/users/u1/contacts").unwrap()
///     > path_match("/users/**", "/users/u1/contacts").unwrap());
/// ```
pub fn path_match(pattern: &str, path: &str) -> Option<u32> {
    let mut path = segments(path);
    let mut literals = 0u32;
    let mut count = 0u32;
    for seg in segments(pattern) {
        if seg == "**" {
            return Some(literals * 256 + count);
        }
        let got = path.next()?;
        if is_placeholder(seg) {
            count += 1;
        } else if seg.eq_ignore_ascii_case(got) {
            literals += 1;
            count += 1;
        } else {
            return None;
        }
    }
    path.next().is_none().then_some(literals * 256 + count + 1)
}

fn is_placeholder(seg: &str) -> bool {
    seg.len() > 2 && seg.starts_with('{') && seg.ends_with('}')
}

/// How specifically a request pattern (`"DELETE /users/{username}"`, methods may be joined
/// with `|`) matches a request; `None` when it does not.
pub fn request_match(pattern: &str, method: &str, path: &str) -> Option<u32> {
    let (methods, pattern_path) = pattern.trim().split_once(char::is_whitespace)?;
    if !methods
        .split('|')
        .any(|m| m.eq_ignore_ascii_case(method.trim()))
    {
        return None;
    }
    path_match(pattern_path.trim(), path)
}

/// Checks a path pattern; `allow_rest` permits a final `**`. The error says what to change.
pub fn check_path_pattern(pattern: &str, allow_rest: bool) -> Result<(), String> {
    if !pattern.starts_with('/') {
        return Err(format!(
            "the path `{pattern}` does not start with `/`; write it as the docs do, without /{{org}}/{{app}}, e.g. `/users/{{username}}`"
        ));
    }
    if pattern.contains(['?', '#', ' ']) {
        return Err(format!(
            "the path `{pattern}` has a query, fragment or space; give only the path"
        ));
    }
    let all: Vec<&str> = segments(pattern).collect();
    for (i, seg) in all.iter().enumerate() {
        if *seg == "**" {
            if !allow_rest {
                return Err("`**` is only for area paths; name each segment here".into());
            }
            if i + 1 != all.len() {
                return Err(format!("in `{pattern}`, `**` must be the last segment"));
            }
        } else if seg.contains(['{', '}']) && !is_placeholder(seg) {
            return Err(format!(
                "in `{pattern}`, the segment `{seg}` mixes text and braces; a placeholder is a whole segment such as `{{username}}`"
            ));
        }
    }
    Ok(())
}

/// Checks a request pattern (`"DELETE /users/{username}"`, methods joined with `|`).
pub fn check_request_pattern(pattern: &str) -> Result<(), String> {
    let Some((methods, path)) = pattern.trim().split_once(char::is_whitespace) else {
        return Err(format!(
            "`{pattern}` is not `METHOD /path`; write e.g. `DELETE /users/{{username}}`"
        ));
    };
    for m in methods.split('|') {
        if !METHODS.contains(&m) {
            return Err(format!(
                "`{m}` is not a method; use {} (uppercase, joined with `|`)",
                METHODS.join(", ")
            ));
        }
    }
    check_path_pattern(path.trim(), false)
}

/// An API area and the path patterns that belong to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaPaths<'a> {
    /// The area name (`users`, `chatgroups`).
    pub area: &'a str,
    /// Its path patterns.
    pub paths: &'a [&'a str],
}

/// The area of `path` (an [`api_path`]): the one with the most specific matching pattern.
pub fn area_of<'a>(areas: &[AreaPaths<'a>], path: &str) -> Option<&'a str> {
    areas
        .iter()
        .flat_map(|a| a.paths.iter().map(move |p| (a.area, *p)))
        .filter_map(|(area, p)| path_match(p, path).map(|score| (score, area)))
        .max_by_key(|&(score, _)| score)
        .map(|(_, area)| area)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREAS: &[AreaPaths<'static>] = &[
        AreaPaths {
            area: "users",
            paths: &["/users", "/users/**"],
        },
        AreaPaths {
            area: "contacts",
            paths: &["/users/{u}/contacts/**", "/user/{u}/contacts/**"],
        },
        AreaPaths {
            area: "app",
            paths: &["/management/**"],
        },
    ];

    #[test]
    fn areas_by_most_specific_pattern() {
        let area = |p: &str| area_of(AREAS, api_path(p));
        assert_eq!(area("/o/a/users"), Some("users"));
        assert_eq!(area("/o/a/users/u1"), Some("users"));
        assert_eq!(area("/o/a/users/u1/contacts/users/u2"), Some("contacts"));
        assert_eq!(area("/o/a/USER/u1/contacts"), Some("contacts"));
        assert_eq!(area("/management/organizations/o"), Some("app"));
        assert_eq!(area("/o/a/chatgroups"), None);
        assert_eq!(area(""), None);
    }

    #[test]
    fn pattern_checks_say_what_to_change() {
        assert!(check_request_pattern("DELETE /users/{username}").is_ok());
        assert!(check_request_pattern("GET|PUT /users/{u}/push/binding").is_ok());
        assert!(
            check_request_pattern("/users")
                .unwrap_err()
                .contains("METHOD")
        );
        assert!(
            check_request_pattern("FETCH /users")
                .unwrap_err()
                .contains("method")
        );
        assert!(
            check_request_pattern("GET /users/**")
                .unwrap_err()
                .contains("**")
        );
        assert!(check_path_pattern("users", true).unwrap_err().contains("/"));
        assert!(
            check_path_pattern("/a/**/b", true)
                .unwrap_err()
                .contains("last")
        );
        assert!(
            check_path_pattern("/a/x{y}", true)
                .unwrap_err()
                .contains("braces")
        );
        assert!(split_request("GET").is_none());
    }
}
