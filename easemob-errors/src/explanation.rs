//! What a cause means and what to do about it.

use crate::Retry;

/// The likely cause of an error in Chinese and English, what to do, and whether operations
/// should hear about it. Every catalog entry and every status-table row has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Explanation {
    zh: &'static str,
    en: &'static str,
    retry: Retry,
    alert: bool,
}

impl Explanation {
    /// Builds an explanation (used by the derive and the generated status table).
    pub const fn new(zh: &'static str, en: &'static str, retry: Retry, alert: bool) -> Explanation {
        Explanation {
            zh,
            en,
            retry,
            alert,
        }
    }

    /// The likely cause, in Chinese.
    pub const fn zh(&self) -> &'static str {
        self.zh
    }

    /// The likely cause, in English.
    pub const fn en(&self) -> &'static str {
        self.en
    }

    /// What a caller should do.
    pub const fn retry(&self) -> Retry {
        self.retry
    }

    /// Whether operations should be alerted when the error persists after the advised
    /// retries ([`retry`](Explanation::retry)); with [`Retry::Never`] that is at once.
    ///
    /// It is true for server errors, app-wide quotas, services the app has not enabled and a
    /// banned app: things only a person can fix. It does not ask to page someone on every
    /// response: a `503` that the next retry clears is no alert (catalog/README.md, "Retry and
    /// alert rules").
    pub const fn should_alert(&self) -> bool {
        self.alert
    }
}
