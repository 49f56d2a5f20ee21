//! Rules: which requests fail, with which catalog entry, how often. The first rule whose
//! conditions all hold decides; a rule that is used up (`times`), not yet active (`after`) or
//! not drawn (`rate`) lets the request fall through to the next one.

use crate::catalog::{Fault, UnknownId};
use crate::chance;
use crate::pattern::PathPattern;
use http::{HeaderMap, HeaderName, Method};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// One rule: conditions on the request and the entry to answer with.
///
/// ```
/// use easemob_errors_mock::{PathPattern, Rule};
/// let rule = Rule::reply("api_rate_limited")?
///     .method(http::Method::POST)
///     .path(PathPattern::parse("/*/*/messages/users")?)
///     .times(2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Rule {
    method: Option<Method>,
    path: Option<PathPattern>,
    header: Option<(HeaderName, Option<String>)>,
    fault: &'static Fault,
    times: Option<u64>,
    rate: Option<f64>,
    after: u64,
    retry_after: Option<u64>,
}

impl Rule {
    /// A rule that answers every request with the catalog entry `id` (narrow it with the
    /// other methods); an unknown id names the nearest ones.
    pub fn reply(id: &str) -> Result<Rule, UnknownId> {
        Ok(Rule::with_fault(Fault::get(id)?))
    }

    pub(crate) fn with_fault(fault: &'static Fault) -> Rule {
        Rule {
            method: None,
            path: None,
            header: None,
            fault,
            times: None,
            rate: None,
            after: 0,
            retry_after: None,
        }
    }

    /// Only requests with this method.
    pub fn method(mut self, method: Method) -> Rule {
        self.method = Some(method);
        self
    }

    /// Only requests whose path matches.
    pub fn path(mut self, pattern: PathPattern) -> Rule {
        self.path = Some(pattern);
        self
    }

    /// Only requests carrying this header, with this exact value when one is given.
    pub fn header(mut self, name: HeaderName, value: Option<&str>) -> Rule {
        self.header = Some((name, value.map(str::to_owned)));
        self
    }

    /// Only the first `n` requests that reach this rule; later ones fall through.
    pub fn times(mut self, n: u64) -> Rule {
        self.times = Some(n);
        self
    }

    /// Only this fraction of matching requests (clamped to 0..=1), drawn reproducibly from
    /// the server's seed.
    pub fn rate(mut self, rate: f64) -> Rule {
        self.rate = Some(if rate.is_nan() {
            0.0
        } else {
            rate.clamp(0.0, 1.0)
        });
        self
    }

    /// Only from the `(n + 1)`-th matching request on: the first `n` fall through.
    pub fn after(mut self, n: u64) -> Rule {
        self.after = n;
        self
    }

    /// The `Retry-After` seconds a throttled entry is answered with (default
    /// [`DEFAULT_RETRY_AFTER`](crate::DEFAULT_RETRY_AFTER)); ignored for other entries.
    pub fn retry_after(mut self, seconds: u64) -> Rule {
        self.retry_after = Some(seconds);
        self
    }

    /// The catalog id the rule answers with.
    pub fn id(&self) -> &'static str {
        self.fault.id()
    }

    pub(crate) fn fault(&self) -> &'static Fault {
        self.fault
    }

    pub(crate) fn retry_after_secs(&self) -> Option<u64> {
        self.retry_after
    }

    /// Whether the request's method, path and headers fit the `when` conditions.
    fn when_matches(&self, method: &Method, path: &str, headers: &HeaderMap) -> bool {
        self.method.as_ref().is_none_or(|m| m == method)
            && self.path.as_ref().is_none_or(|p| p.matches(path))
            && self.header.as_ref().is_none_or(|(name, value)| {
                headers.get_all(name).iter().any(|v| {
                    value
                        .as_deref()
                        .is_none_or(|want| v.to_str().is_ok_and(|got| got == want))
                })
            })
    }
}

/// A rule added to a server, with its counters.
#[derive(Debug)]
pub(crate) struct ActiveRule {
    pub(crate) rule: Rule,
    position: usize,
    seen: AtomicU64,
    fired: AtomicU64,
}

impl ActiveRule {
    /// Whether this rule decides the request (and counts it).
    fn decides(&self, seed: u64, method: &Method, path: &str, headers: &HeaderMap) -> bool {
        if !self.rule.when_matches(method, path, headers) {
            return false;
        }
        let n = self.seen.fetch_add(1, Ordering::Relaxed) + 1;
        if n <= self.rule.after {
            return false;
        }
        if let Some(rate) = self.rule.rate
            && !chance::chosen(seed, self.position, n, rate)
        {
            return false;
        }
        match self.rule.times {
            None => {
                self.fired.fetch_add(1, Ordering::Relaxed);
                true
            }
            // Reserve one of the `times` slots, or fall through when none is left.
            Some(times) => self
                .fired
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |f| {
                    (f < times).then_some(f + 1)
                })
                .is_ok(),
        }
    }
}

/// What a caller holds after adding a rule: how often it matched and answered.
#[derive(Debug, Clone)]
pub struct RuleHandle(pub(crate) Arc<ActiveRule>);

impl RuleHandle {
    /// Requests whose method, path and header fitted the rule (whether or not it answered).
    pub fn seen(&self) -> u64 {
        self.0.seen.load(Ordering::Relaxed)
    }

    /// Requests the rule answered with its fault.
    pub fn fired(&self) -> u64 {
        self.0.fired.load(Ordering::Relaxed)
    }
}

/// The rules of a server, in order. Adding a rule copies the list, so a request reads a
/// snapshot without holding a lock while it is answered.
#[derive(Debug, Default)]
pub(crate) struct RuleSet {
    rules: RwLock<Arc<Vec<Arc<ActiveRule>>>>,
}

impl RuleSet {
    pub(crate) fn push(&self, rule: Rule) -> RuleHandle {
        let mut guard = self.rules.write().unwrap_or_else(|e| e.into_inner());
        let mut list = Vec::clone(&guard);
        let active = Arc::new(ActiveRule {
            rule,
            position: list.len(),
            seen: AtomicU64::new(0),
            fired: AtomicU64::new(0),
        });
        list.push(Arc::clone(&active));
        *guard = Arc::new(list);
        RuleHandle(active)
    }

    pub(crate) fn clear(&self) {
        *self.rules.write().unwrap_or_else(|e| e.into_inner()) = Arc::default();
    }

    /// The first rule that decides the request.
    pub(crate) fn decide(
        &self,
        seed: u64,
        method: &Method,
        path: &str,
        headers: &HeaderMap,
    ) -> Option<Arc<ActiveRule>> {
        let rules = Arc::clone(&self.rules.read().unwrap_or_else(|e| e.into_inner()));
        rules
            .iter()
            .find(|r| r.decides(seed, method, path, headers))
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(set: &RuleSet, method: Method, path: &str) -> Option<&'static str> {
        set.decide(1, &method, path, &HeaderMap::new())
            .map(|r| r.rule.id())
    }

    #[test]
    fn times_then_fall_through() {
        let set = RuleSet::default();
        let p = PathPattern::parse("/*/*/messages/users").unwrap();
        set.push(
            Rule::reply("api_rate_limited")
                .unwrap()
                .method(Method::POST)
                .path(p)
                .times(2),
        );
        set.push(Rule::reply("token_expired").unwrap());
        let path = "/o/a/messages/users";
        assert_eq!(decide(&set, Method::POST, path), Some("api_rate_limited"));
        assert_eq!(decide(&set, Method::GET, path), Some("token_expired"));
        assert_eq!(decide(&set, Method::POST, path), Some("api_rate_limited"));
        assert_eq!(decide(&set, Method::POST, path), Some("token_expired"));
    }

    #[test]
    fn after_and_header() {
        let set = RuleSet::default();
        let handle = set.push(
            Rule::reply("users_not_group_members")
                .unwrap()
                .header(HeaderName::from_static("x-case"), Some("flaky"))
                .after(3),
        );
        let mut headers = HeaderMap::new();
        headers.insert("x-case", "flaky".parse().unwrap());
        let answers: Vec<bool> = (0..5)
            .map(|_| set.decide(1, &Method::DELETE, "/", &headers).is_some())
            .collect();
        assert_eq!(answers, [false, false, false, true, true]);
        assert!(decide(&set, Method::DELETE, "/").is_none());
        assert_eq!((handle.seen(), handle.fired()), (5, 2));
    }
}
