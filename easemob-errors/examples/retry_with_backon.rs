//! Retrying Easemob REST calls with `backon`, driven by the error's retry advice:
//! transient and throttled errors back off and retry (honouring `Retry-After` when the
//! server sends it), an expired token is refreshed once, and everything else gives up — with
//! an alert log when operations should hear about it.
//!
//! The "server" here is a stand-in that answers with canned responses, so the example runs
//! offline: `cargo run -p easemob-errors --example retry_with_backon`.

use backon::{BlockingRetryable, ExponentialBuilder};
use easemob_errors::{ApiError, Retry};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

/// Canned answers, in order: (status, body).
struct FakeEasemob {
    answers: RefCell<VecDeque<(u16, &'static str)>>,
    calls: RefCell<u32>,
}

impl FakeEasemob {
    fn new(answers: &[(u16, &'static str)]) -> FakeEasemob {
        FakeEasemob {
            answers: RefCell::new(answers.iter().copied().collect()),
            calls: RefCell::new(0),
        }
    }

    /// Stands in for `POST /{org}/{app}/messages/users`.
    fn send_message(&self, _token: &str) -> Result<&'static str, ApiError> {
        *self.calls.borrow_mut() += 1;
        let (status, body) = self.answers.borrow_mut().pop_front().unwrap_or((200, "{}"));
        if (200..300).contains(&status) {
            Ok(body)
        } else {
            Err(ApiError::from_response(status, body.as_bytes()))
        }
    }

    /// Stands in for `POST /{org}/{app}/token`.
    fn fetch_token(&self) -> String {
        "fresh-token".to_owned()
    }
}

/// One logical call: retries by the error's advice, refreshes the token at most once.
fn send_with_retries(server: &FakeEasemob, token: &mut String) -> Result<&'static str, ApiError> {
    let mut refreshed = false;
    loop {
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(5))
            .with_max_delay(Duration::from_millis(200))
            .with_max_times(4)
            .with_jitter();
        let current = token.clone();
        let result = (|| server.send_message(&current))
            .retry(backoff)
            .when(|e: &ApiError| matches!(e.retry(), Retry::Transient | Retry::Throttled))
            .notify(|e: &ApiError, delay: Duration| {
                // backon waits `delay`; wait longer if the server asked for it.
                if let Some(asked) = e.retry_after() {
                    std::thread::sleep(asked.saturating_sub(delay).min(Duration::from_secs(5)));
                }
                eprintln!("  retrying after {delay:?}: {e}");
            })
            .call();
        match result {
            Err(e) if e.retry() == Retry::RefreshToken && !refreshed => {
                eprintln!("  refreshing the token: {e}");
                refreshed = true;
                *token = server.fetch_token();
            }
            Err(e) => {
                if e.should_alert() {
                    eprintln!("  ALERT operations: {e} / {}", e.zh());
                } else {
                    eprintln!("  giving up ({}): {e}", e.retry().advice_en());
                }
                return Err(e);
            }
            Ok(body) => return Ok(body),
        }
    }
}

/// A scenario: name, the server's answers in order, the catalog id it should give up with.
type Scenario = (
    &'static str,
    &'static [(u16, &'static str)],
    Option<&'static str>,
);

fn main() {
    let scenarios: [Scenario; 4] = [
        (
            "gateway hiccup, then rate limit, then success",
            &[
                (502, "<html>502 Bad Gateway</html>"),
                (
                    429,
                    r#"{"error":"reach_limit","error_description":"This request has reached api limit"}"#,
                ),
                (200, r#"{"data":{"u1":"success"}}"#),
            ],
            None,
        ),
        (
            "expired token: refreshed once, then success",
            &[
                (
                    401,
                    r#"{"error":"unauthorized","error_description":"Unable to authenticate due to expired access token"}"#,
                ),
                (200, r#"{"data":{"u1":"success"}}"#),
            ],
            None,
        ),
        (
            "a request error: no retry",
            &[(
                403,
                r#"{"error":"forbidden_op","error_description":"users [u1] are not members of this group!"}"#,
            )],
            Some("users_not_group_members"),
        ),
        (
            "a server error that does not go away: retries are not advised, operations are alerted",
            &[(
                500,
                r#"{"error":"web_application","error_description":"javax.ws.rs.WebApplicationException"}"#,
            )],
            Some("api_not_provided"),
        ),
    ];
    for (name, answers, expected_error) in scenarios {
        eprintln!("{name}:");
        let server = FakeEasemob::new(answers);
        let mut token = "old-token".to_owned();
        let result = send_with_retries(&server, &mut token);
        match (&result, expected_error) {
            (Ok(body), None) => {
                println!("{name}: ok after {} calls: {body}", server.calls.borrow())
            }
            (Err(e), Some(id)) => {
                assert_eq!(e.id(), Some(id));
                println!(
                    "{name}: gave up after {} call(s): {}",
                    server.calls.borrow(),
                    e.id().unwrap_or("unknown")
                );
            }
            _ => panic!("{name}: unexpected outcome {result:?}"),
        }
    }
}
