//! `reqwest` integration (feature `reqwest`): one call after `send()` that passes successful
//! responses through untouched and turns failed ones into an [`ApiError`].

use crate::ApiError;

/// The most bytes read from a failed response's body. Easemob error bodies are a few hundred
/// bytes; a gateway page is a few kilobytes; anything longer is cut here, and the cut body is
/// still classified (what was read is kept).
pub const MAX_ERROR_BODY: usize = 64 * 1024;

/// Returns the response unchanged when its status is a success (2xx); otherwise reads its body
/// once (at most [`MAX_ERROR_BODY`] bytes) and classifies it, keeping `Retry-After` and the
/// request id, and the URL's path as the request: [`ApiError::area`] is the endpoint's area
/// and area-wide causes apply. A response does not know its method, so for causes tied to one
/// method call [`ApiError::with_request`] with it.
///
/// A transport error while reading the body does not hide the API error: what was read before
/// it is classified.
///
/// ```no_run
/// # async fn demo(client: reqwest::Client, token: &str) -> Result<(), easemob_errors::ApiError> {
/// let response = client
///     .delete("https://a1.easemob.com/org/app/chatgroups/123/users/u1")
///     .bearer_auth(token)
///     .send()
///     .await
///     .expect("network");
/// let response = easemob_errors::reqwest::error_for_status(response).await?;
/// # let _ = response; Ok(()) }
/// ```
pub async fn error_for_status(
    mut response: reqwest::Response,
) -> Result<reqwest::Response, ApiError> {
    if response.status().is_success() {
        return Ok(response);
    }
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let path = response.url().path().to_owned();
    let mut body = Vec::new();
    while body.len() < MAX_ERROR_BODY {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = MAX_ERROR_BODY - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Ok(None) | Err(_) => break,
        }
    }
    Err(ApiError::from_response(status, &body)
        .with_headers(&headers)
        .with_request("", &path))
}
