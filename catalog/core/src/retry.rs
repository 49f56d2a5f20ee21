//! The closed vocabulary of retry advice.
//!
//! Kept small on purpose (like the AWS SDK's retry classes): a caller's retry loop needs to
//! know *what kind of action* helps, not a free-form sentence. The words are part of the
//! catalog format and of the `explain --json` output, so they never change meaning.

use core::fmt;

/// What a caller should do before (or instead of) sending the same request again.
///
/// `#[non_exhaustive]`: a new kind of advice may be added, so keep a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Retry {
    /// Retrying the same request cannot help: the request (or the app's set-up) must change.
    Never,
    /// A passing fault (timeout, gateway hiccup): retry the same request after a short pause,
    /// with backoff.
    Transient,
    /// A rate limit was hit: slow down, then retry after a longer pause.
    Throttled,
    /// The access token is missing, expired or corrupt: fetch a new token, then retry once.
    RefreshToken,
    /// The request is too large: split it into smaller requests and send those.
    SplitRequest,
}

impl Retry {
    /// The word for this advice in the catalog, `explain --json` and `Serialize` (`never`,
    /// `transient`, `throttled`, `refresh_token`, `split_request`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::Transient => "transient",
            Retry::Throttled => "throttled",
            Retry::RefreshToken => "refresh_token",
            Retry::SplitRequest => "split_request",
        }
    }

    /// Whether sending the same request again (after the advised pause) can succeed.
    pub const fn is_retryable(self) -> bool {
        matches!(
            self,
            Retry::Transient | Retry::Throttled | Retry::RefreshToken
        )
    }

    /// A short English instruction for people reading logs.
    pub const fn advice_en(self) -> &'static str {
        match self {
            Retry::Never => "do not retry; fix the request or the app set-up",
            Retry::Transient => "retry after a short pause, with backoff",
            Retry::Throttled => "slow down and retry after a longer pause",
            Retry::RefreshToken => "fetch a new access token, then retry once",
            Retry::SplitRequest => "split the request into smaller ones",
        }
    }

    /// The same instruction in Chinese.
    pub const fn advice_zh(self) -> &'static str {
        match self {
            Retry::Never => "不要重试；请修正请求或应用配置",
            Retry::Transient => "稍等片刻后重试，并逐步加大间隔",
            Retry::Throttled => "降低调用频率，较长间隔后再重试",
            Retry::RefreshToken => "重新获取 access token 后重试一次",
            Retry::SplitRequest => "将请求拆分为更小的请求",
        }
    }
}

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
