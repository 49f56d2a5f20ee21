//! [`ApiError`]: one failed Easemob REST call, classified and explained.

use crate::catalog::Entry;
use crate::raw_text::RawText;
use crate::{
    Cause, Classify, ErrorKind, Explanation, Fields, MatchedBy, ResponseParts, Retry, body, kind,
};
use easemob_errors_core::{request, scope};
use std::fmt;
use std::time::Duration;

/// How much of a body that is not an Easemob error object is kept for diagnosis.
const EXCERPT_CHARS: usize = 512;

/// A failed call to the Easemob REST API: the raw status, `error` and `error_description`
/// (kept verbatim), their classification into a cause, and what that cause means.
///
/// `K` is the enum of causes: the generated [`ErrorKind`] unless you bring your own (see
/// [`ApiError::classify_response`]).
///
/// ```
/// use easemob_errors::{ApiError, ErrorKind, Retry};
///
/// let body = br#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException",
///     "timestamp":1,"duration":0,"error_description":"users [u1] are not members of this group!"}"#;
/// let err = ApiError::from_response(403, body);
/// match err.kind() {
///     ErrorKind::UsersNotGroupMembers { users } => assert_eq!(users, "u1"),
///     other => panic!("unexpected {other:?}"),
/// }
/// assert_eq!(err.id(), Some("users_not_group_members"));
/// assert_eq!(err.retry(), Retry::Never);
/// assert_eq!(err.code(), Some("forbidden_op"));
/// ```
///
/// The error is one pointer wide (its contents are boxed), so `Result<T, ApiError>` stays
/// small.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError<K = ErrorKind>(Box<Inner<K>>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inner<K> {
    status: u16,
    /// The body's `error` and `error_description`, verbatim.
    raw: RawText,
    error_code: Option<i64>,
    /// What the classification rested on.
    matched_by: MatchedBy,
    /// What most errors do not have, boxed so the common error stays small.
    extra: Option<Box<Extra>>,
    kind: K,
}

/// The parts of an error only some have: set after classification, from the body, the
/// headers or the caller.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Extra {
    excerpt: Option<Box<str>>,
    retry_after: Option<Duration>,
    request_id: Option<Box<str>>,
    /// The request the caller said this answered: (method, path or URL), as given.
    request: Option<(Box<str>, Box<str>)>,
}

impl ApiError {
    /// Classifies a response from its status and raw body (any bytes).
    ///
    /// Never panics and never fails: a body that is not JSON, not an object, not UTF-8,
    /// truncated, huge or deeply nested still gives an error with the status kept (and, when it
    /// was not an Easemob error object, an [excerpt](ApiError::body_excerpt) of it).
    pub fn from_response(status: u16, body: &[u8]) -> ApiError {
        ApiError::classify_response(status, body)
    }

    /// Classifies a response from its parts, when you have already read the body.
    ///
    /// ```
    /// use easemob_errors::{ApiError, ResponseParts};
    /// let parts = ResponseParts::new(403)
    ///     .error("forbidden_op")
    ///     .description("users [u1] are not members of this group!");
    /// let err = ApiError::from_parts(parts);
    /// assert_eq!(err.fields(), [("users", "u1")]);
    ///
    /// // A numeric `error_code` the catalog lists (the streaming message service) decides.
    /// let parts = ResponseParts::new(400)
    ///     .error("message_send_error")
    ///     .error_code(14035)
    ///     .description("stream message has already finished");
    /// assert_eq!(ApiError::from_parts(parts).id(), Some("stream_already_finished"));
    /// ```
    pub fn from_parts(parts: ResponseParts<'_>) -> ApiError {
        ApiError::classify_parts(parts)
    }

    /// Everything the catalog says about the cause: its id, area, statuses, `error` values,
    /// description templates, causes by endpoint, advice and why it departs from the status's,
    /// examples, and the sources that back it. `None` when the catalog does not know the
    /// error.
    ///
    /// ```
    /// let body = br#"{"error":"forbidden_op","error_description":"users [u1] are not members of this group!"}"#;
    /// let err = easemob_errors::ApiError::from_response(403, body);
    /// let entry = err.entry().unwrap();
    /// assert_eq!(entry.id, "users_not_group_members");
    /// assert!(!entry.evidence.is_empty());
    /// ```
    pub fn entry(&self) -> Option<&'static Entry> {
        self.kind().entry()
    }
}

impl<K: Classify> ApiError<K> {
    /// [`ApiError::from_response`] for any enum of causes that derives
    /// [`Classify`](derive@crate::Classify).
    ///
    /// A body that is neither JSON nor markup is taken as the description itself (trimmed, at
    /// most 512 characters), so a bare `Service resource not found` still classifies.
    pub fn classify_response(status: u16, body: &[u8]) -> ApiError<K> {
        let fields = body::read(body);
        let bare = if fields.object {
            None
        } else {
            body::bare_text(body, EXCERPT_CHARS)
        };
        let mut err = ApiError::classify_parts(ResponseParts {
            status,
            error: fields.error.as_deref(),
            error_code: fields.error_code,
            description: fields.description().or(bare),
        });
        if !fields.object {
            err.extra_mut().excerpt = excerpt(body);
        }
        err
    }

    /// [`ApiError::from_parts`] for any enum of causes that derives
    /// [`Classify`](derive@crate::Classify).
    pub fn classify_parts(parts: ResponseParts<'_>) -> ApiError<K> {
        let (kind, matched_by) = K::classify_matched(parts);
        let mut inner = Box::write(
            Box::new_uninit(),
            Inner {
                status: parts.status,
                raw: RawText::EMPTY,
                error_code: parts.error_code,
                matched_by,
                extra: None,
                kind,
            },
        );
        inner.raw.set(parts.error, parts.description);
        ApiError(inner)
    }

    fn extra_mut(&mut self) -> &mut Extra {
        self.0.extra.get_or_insert_with(Box::default)
    }

    /// Says which request this error answered, so [`zh`](ApiError::zh)/[`en`](ApiError::en)
    /// give the cause for that endpoint and [`area`](ApiError::area) its API area. `path` is
    /// the path the client called, with `/{org}/{app}` (or the whole URL); a query is ignored.
    ///
    /// ```
    /// use easemob_errors::ApiError;
    /// let body = br#"{"error":"service_resource_not_found","error_description":"Service resource not found"}"#;
    /// let general = ApiError::from_response(404, body);
    /// let on_delete = general.clone().with_request("DELETE", "/org/app/users/u1");
    /// assert_eq!(on_delete.area(), Some("users"));
    /// assert_ne!(on_delete.en(), general.en());
    /// ```
    pub fn with_request(mut self, method: &str, path: &str) -> ApiError<K> {
        self.extra_mut().request = Some((method.trim().into(), path.trim().into()));
        self
    }

    /// [`ApiError::with_request`] from one `"METHOD PATH"` string (as logs and
    /// `explain --request` write it). A string without a method still gives the area.
    pub fn with_request_line(self, request: &str) -> ApiError<K> {
        match request::split_request(request) {
            Some((method, path)) => self.with_request(method, path),
            None => self.with_request("", request),
        }
    }

    /// The request given with [`ApiError::with_request`]: (method, path), as given.
    pub fn request(&self) -> Option<(&str, &str)> {
        let (m, p) = self.0.extra.as_ref()?.request.as_ref()?;
        Some((&**m, &**p))
    }

    /// The API area of the request given with [`ApiError::with_request`], from the
    /// catalog's `areas.yaml`; `None` without a request or for a path no area lists.
    pub fn request_area(&self) -> Option<&'static str> {
        let (_, path) = self.request()?;
        request::area_of(kind::AREAS, request::api_path(path))
    }

    /// The endpoint-specific cause for the request given with [`ApiError::with_request`], if
    /// the catalog has one for this error there.
    pub fn cause(&self) -> Option<&'static Cause> {
        let (method, path) = self.request()?;
        let causes = self.0.kind.causes();
        if causes.is_empty() {
            return None;
        }
        scope::pick(causes, kind::AREAS, method, request::api_path(path))
    }

    /// The HTTP status, as received.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The body's `error` field, verbatim; `None` when absent or not a string.
    pub fn code(&self) -> Option<&str> {
        self.0.raw.code()
    }

    /// The body's `error_description` (or `desc`) field, verbatim; `None` when absent or not
    /// a string.
    pub fn description(&self) -> Option<&str> {
        self.0.raw.description()
    }

    /// The body's numeric `error_code` field, sent by newer services (e.g. streaming
    /// messages, 14001–14038).
    pub fn error_code(&self) -> Option<i64> {
        self.0.error_code
    }

    /// The start of the body (lossy UTF-8, at most 512 characters) when it was not an Easemob
    /// error object — an HTML gateway page, plain text — so nothing is lost for diagnosis.
    /// `None` for JSON objects and empty bodies.
    pub fn body_excerpt(&self) -> Option<&str> {
        self.0.extra.as_ref()?.excerpt.as_deref()
    }

    /// How long the server asked the caller to wait (`Retry-After`, in seconds or as an HTTP
    /// date, relative to when the error was built); `None` when it did not say or the error
    /// was not built from HTTP headers (feature `http`: `ApiError::from_http_response`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.extra.as_ref()?.retry_after
    }

    /// The request id the server or gateway sent (`X-Request-Id` or `Request-Id`), for
    /// support tickets and log correlation.
    pub fn request_id(&self) -> Option<&str> {
        self.0.extra.as_ref()?.request_id.as_deref()
    }

    /// The classified cause: match on it, keeping a wildcard arm.
    pub fn kind(&self) -> &K {
        &self.0.kind
    }

    /// Consumes the error, returning the cause.
    pub fn into_kind(self) -> K {
        self.0.kind
    }

    /// Sets what the response headers said (used by the `http` integration).
    #[cfg(feature = "http")]
    pub(crate) fn set_headers(
        &mut self,
        retry_after: Option<Duration>,
        request_id: Option<Box<str>>,
    ) {
        if retry_after.is_some() || request_id.is_some() {
            let extra = self.extra_mut();
            extra.retry_after = retry_after;
            extra.request_id = request_id;
        }
    }

    /// The catalog id of the cause; `None` when the catalog does not know the error.
    pub fn id(&self) -> Option<&'static str> {
        self.0.kind.id()
    }

    /// The API area (`chatgroups`, `chatrooms`, `users`, `token`, …): the request's, when
    /// one was given with [`ApiError::with_request`] and its path is in an area; else the
    /// area of the catalog entry; `None` when neither is known.
    pub fn area(&self) -> Option<&'static str> {
        self.request_area().or_else(|| self.0.kind.area())
    }

    /// What the classification rested on: the numeric `error_code`, the `error` and the
    /// description, the description alone, the `error` alone, or (for an error the catalog
    /// does not know) the status only.
    ///
    /// ```
    /// use easemob_errors::{ApiError, MatchedBy};
    /// let legacy = br#"{"error":"expired_token_v0","error_description":"Unable to authenticate due to expired access token"}"#;
    /// let err = ApiError::from_response(401, legacy);
    /// assert_eq!(err.id(), Some("token_expired"));
    /// assert_eq!(err.matched_by(), MatchedBy::Description);
    /// assert_eq!(ApiError::from_response(502, b"<html/>").matched_by(), MatchedBy::Status);
    /// ```
    pub fn matched_by(&self) -> MatchedBy {
        self.0.matched_by
    }

    /// Whether the catalog knows this error (it has its own variant).
    pub fn is_known(&self) -> bool {
        self.0.kind.id().is_some()
    }

    /// The explanation in force: the cause's own, or the HTTP status's when the catalog does
    /// not know the error.
    pub fn explanation(&self) -> &'static Explanation {
        self.0
            .kind
            .explanation()
            .unwrap_or_else(|| kind::status_explanation(self.0.status))
    }

    /// What the HTTP status alone means (whatever the cause).
    pub fn status_explanation(&self) -> &'static Explanation {
        kind::status_explanation(self.0.status)
    }

    /// The likely cause, in Chinese: for the request's endpoint when the catalog has a
    /// cause there (see [`ApiError::with_request`]), else the general one.
    pub fn zh(&self) -> &str {
        self.cause()
            .map_or_else(|| self.explanation().zh(), |c| c.zh)
    }

    /// The likely cause, in English: for the request's endpoint when the catalog has a
    /// cause there (see [`ApiError::with_request`]), else the general one.
    pub fn en(&self) -> &str {
        self.cause()
            .map_or_else(|| self.explanation().en(), |c| c.en)
    }

    /// What to do: retry after a pause, refresh the token, split the request, or fix it.
    pub fn retry(&self) -> Retry {
        self.explanation().retry()
    }

    /// Whether sending the request again (after the advised action) can succeed.
    pub fn is_retryable(&self) -> bool {
        self.retry().is_retryable()
    }

    /// Whether operations should be alerted when this error persists after the advised
    /// retries ([`ApiError::retry`]); with [`Retry::Never`] that is at once.
    ///
    /// True for server errors, app-wide quotas, services the app has not enabled and a banned
    /// app: things only a person can fix. It does not ask to page someone on every response:
    /// alert once the retries are spent, not for a `503` that the next retry clears.
    ///
    /// ```
    /// use easemob_errors::{ApiError, Retry};
    ///
    /// let err = ApiError::from_response(503, b"");
    /// assert_eq!(err.retry(), Retry::Transient); // retry with backoff first …
    /// assert!(err.should_alert()); // … and alert if it still fails
    /// ```
    pub fn should_alert(&self) -> bool {
        self.explanation().should_alert()
    }

    /// The values taken from the description, as (placeholder name, value) pairs.
    pub fn fields(&self) -> Fields<'_> {
        self.0.kind.fields()
    }
}

fn excerpt(body: &[u8]) -> Option<Box<str>> {
    let head = &body[..body.len().min(EXCERPT_CHARS * 4)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(
        text.chars()
            .take(EXCERPT_CHARS)
            .collect::<String>()
            .into_boxed_str(),
    )
}

impl<K: Classify + fmt::Display> fmt::Display for ApiError<K> {
    /// One English line: `HTTP 403 forbidden_op: <cause> (<field>: "<value>", …)`, the cause
    /// being the one for the request's endpoint when one was given; with the raw description
    /// when the catalog does not know the error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} ", self.0.status)?;
        match self.code() {
            // Plain codes read better bare; anything odd is quoted so the line stays one line.
            Some(code) if !code.is_empty() && code.bytes().all(|b| b.is_ascii_graphic()) => {
                f.write_str(code)?
            }
            Some(code) if !code.is_empty() => write!(f, "{code:?}")?,
            _ => f.write_str("(no error code)")?,
        }
        if let Some(cause) = self.cause() {
            write!(f, ": {}", cause.en)?;
            let fields = self.fields();
            for (i, (name, value)) in fields.iter().enumerate() {
                let open = if i == 0 { " (" } else { ", " };
                write!(f, "{open}{name}: {value:?}")?;
            }
            if fields.is_empty() {
                Ok(())
            } else {
                f.write_str(")")
            }
        } else if self.is_known() {
            write!(f, ": {}", self.0.kind)
        } else {
            write!(f, ": {}", self.status_explanation().en())?;
            match self.description() {
                Some(d) => write!(f, " (unknown error; description: {d:?})"),
                None => f.write_str(" (unknown error)"),
            }
        }
    }
}

impl<K: fmt::Debug> fmt::Debug for ApiError<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.0;
        let mut d = f.debug_struct("ApiError");
        d.field("status", &i.status)
            .field("code", &i.raw.code())
            .field("description", &i.raw.description())
            .field("kind", &i.kind);
        if let Some(c) = i.error_code {
            d.field("error_code", &c);
        }
        d.field("matched_by", &i.matched_by);
        let none = Extra::default();
        let extra = i.extra.as_deref().unwrap_or(&none);
        if let Some(e) = &extra.excerpt {
            d.field("body_excerpt", e);
        }
        if let Some(r) = extra.retry_after {
            d.field("retry_after", &r);
        }
        if let Some(r) = &extra.request_id {
            d.field("request_id", r);
        }
        if let Some(r) = &extra.request {
            d.field("request", r);
        }
        d.finish()
    }
}

impl<K: Classify + fmt::Debug + fmt::Display> std::error::Error for ApiError<K> {}
