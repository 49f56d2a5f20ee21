//! Building an [`ApiError`] from the `http` crate's types (feature `http`): the body is
//! classified as usual, and `Retry-After` and the request id header are kept.

use crate::{ApiError, Classify};
use std::time::{Duration, SystemTime};

/// Headers that carry a request id, in the order they are looked for.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-request-id", "request-id"];

/// `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). A date in the past means no
/// wait.
fn retry_after(headers: &http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

fn request_id(headers: &http::HeaderMap) -> Option<Box<str>> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
        .map(|v| v.trim().into())
}

impl ApiError {
    /// Classifies an `http::Response` whose body is in memory (anything that is `AsRef<[u8]>`).
    ///
    /// ```
    /// let response = http::Response::builder()
    ///     .status(429)
    ///     .header("Retry-After", "7")
    ///     .header("X-Request-Id", "abc-123")
    ///     .body(r#"{"error":"reach_limit","error_description":"This request has reached api limit"}"#)
    ///     .unwrap();
    /// let err = easemob_errors::ApiError::from_http_response(&response);
    /// assert_eq!(err.id(), Some("api_rate_limited"));
    /// assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(7)));
    /// assert_eq!(err.request_id(), Some("abc-123"));
    /// ```
    pub fn from_http_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> ApiError {
        ApiError::from_response(response.status().as_u16(), response.body().as_ref())
            .with_headers(response.headers())
    }

    /// Classifies a response from its parts and its body bytes (for clients that stream the
    /// body separately).
    pub fn from_http_parts(parts: &http::response::Parts, body: &[u8]) -> ApiError {
        ApiError::from_response(parts.status.as_u16(), body).with_headers(&parts.headers)
    }
}

impl<K: Classify> ApiError<K> {
    /// Keeps `Retry-After` and the request id from response headers.
    pub fn with_headers(mut self, headers: &http::HeaderMap) -> ApiError<K> {
        self.set_headers(retry_after(headers, SystemTime::now()), request_id(headers));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            retry_after(&headers(&[("retry-after", " 120 ")]), now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "Sun, 06 Nov 1994 08:50:07 GMT")]),
                now
            ),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "Sun, 06 Nov 1994 08:00:00 GMT")]),
                now
            ),
            Some(Duration::ZERO),
            "a date in the past means no wait"
        );
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")]), now), None);
        assert_eq!(retry_after(&headers(&[]), now), None);
    }

    #[test]
    fn request_id_from_either_header() {
        assert_eq!(
            request_id(&headers(&[("request-id", "r1")])).as_deref(),
            Some("r1")
        );
        assert_eq!(
            request_id(&headers(&[("x-request-id", "x1"), ("request-id", "r1")])).as_deref(),
            Some("x1")
        );
        assert_eq!(request_id(&headers(&[])), None);
    }

    #[test]
    fn parts_and_gateway_pages() {
        let (parts, body) = http::Response::builder()
            .status(503)
            .header("retry-after", "3")
            .body(b"<html>503 Service Temporarily Unavailable</html>".to_vec())
            .unwrap()
            .into_parts();
        let err = ApiError::from_http_parts(&parts, &body);
        assert_eq!(
            (err.status(), err.is_known(), err.is_retryable()),
            (503, false, true)
        );
        assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
    }
}
