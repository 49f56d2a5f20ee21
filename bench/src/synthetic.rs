//! A synthetic catalog of any size with realistic shapes: shared statuses and codes, shared
//! literal prefixes, exact descriptions and templates with one or two placeholders, and an
//! example for every entry. Used to show that classification does not slow down as the catalog
//! grows, and that a 10,000-entry catalog still builds.

use easemob_errors_tools::{Catalog, Source, validate};
use std::fmt::Write as _;

const STATUSES: [u16; 5] = [400, 403, 404, 429, 500];

const CODES: [&str; 24] = [
    "illegal_argument",
    "forbidden_op",
    "invalid_parameter",
    "service_resource_not_found",
    "required_property_not_found",
    "unauthorized",
    "reach_limit",
    "resource_limited",
    "message_send_error",
    "storage_object_not_found",
    "json_parse",
    "web_application",
    "group_authorization",
    "chatroom_error",
    "user_error",
    "metadata_error",
    "push_error",
    "thread_error",
    "reaction_error",
    "presence_error",
    "contact_error",
    "upload_error",
    "token_error",
    "app_error",
];

/// Shared first words. None starts like a real Easemob description, so the synthetic entries
/// can sit in the real catalog's groups without overlapping its templates.
const PREFIXES: [&str; 12] = [
    "zone ",
    "quota ",
    "tenant ",
    "shard ",
    "bucket ",
    "region ",
    "policy ",
    "channel ",
    "webhook ",
    "device ",
    "session ",
    "ticket of ",
];

const VERBS: [&str; 8] = [
    "is blocked",
    "has reached the limit",
    "does not exist",
    "is not allowed",
    "was muted",
    "is already a member",
    "cannot be found",
    "has expired",
];

/// The status table every synthetic catalog uses.
pub const STATUS_YAML: &str = "\
- { status: 400, zh: 错误请求。, en: Bad request., retry: never, alert: false }
- { status: 403, zh: 禁止。, en: Forbidden., retry: never, alert: false }
- { status: 404, zh: 未找到。, en: Not found., retry: never, alert: false }
- { status: 429, zh: 限流。, en: Too many requests., retry: throttled, alert: false }
- { status: 500, zh: 服务器错误。, en: Server error., retry: never, alert: true }
- { status: other, zh: 其他。, en: Other., retry: never, alert: true }
";

/// The errors file of a synthetic catalog with `n` entries.
pub fn errors_yaml(n: usize) -> String {
    let mut out = String::with_capacity(n * 300);
    for i in 0..n {
        let status = STATUSES[i % STATUSES.len()];
        let code = CODES[(i / STATUSES.len()) % CODES.len()];
        let prefix = PREFIXES[(i / 7) % PREFIXES.len()];
        let verb = VERBS[(i / 3) % VERBS.len()];
        let (description, example) = match i % 10 {
            0..=2 => {
                let d = format!("{prefix}quota {verb} in zone {i}");
                (d.clone(), d)
            }
            3..=7 => (
                format!("{prefix}{{name}} {verb} in zone {i}"),
                format!("{prefix}u{i}x {verb} in zone {i}"),
            ),
            _ => (
                format!("{prefix}{{name}} {verb} for {{target}} by rule {i}"),
                format!("{prefix}u{i} {verb} for g{i} by rule {i}"),
            ),
        };
        let _ = write!(
            out,
            "- id: synthetic_{i}\n  status: {status}\n  error: {code}\n  description: {description:?}\n  \
             zh: 合成错误 {i}。\n  en: Synthetic error {i}.\n  examples: [{example:?}]\n"
        );
    }
    out
}

/// The sources of a synthetic catalog with `n` entries.
pub fn sources(n: usize) -> Vec<Source> {
    vec![
        Source::statuses("synthetic/status.yaml", STATUS_YAML),
        Source::errors("synthetic/errors/synthetic.yaml", errors_yaml(n)),
    ]
}

/// The real catalog plus `n` synthetic entries sharing its statuses and codes: the same
/// responses can be classified against both, which isolates the effect of catalog size.
pub fn sources_with_real(n: usize) -> Vec<Source> {
    let dir = easemob_errors_tools::catalog_dir();
    let mut sources = easemob_errors_tools::loader::read_dir(&dir, "catalog")
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    sources.push(Source::areas(
        "synthetic/areas.yaml",
        "- { area: synthetic, zh: 合成, en: Synthetic }\n",
    ));
    sources.push(Source::errors(
        "synthetic/errors/synthetic.yaml",
        errors_yaml(n),
    ));
    sources
}

/// A validated synthetic catalog with `n` entries.
pub fn catalog(n: usize) -> Catalog {
    match validate::load(&sources(n)) {
        Ok(c) => c.catalog,
        Err(p) => panic!("{}", easemob_errors_tools::diagnostic::render_all(&p)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_entries_fit_next_to_the_real_ones() {
        if let Err(p) = easemob_errors_tools::validate::load(&super::sources_with_real(1200)) {
            panic!("{}", easemob_errors_tools::diagnostic::render_all(&p));
        }
    }

    #[test]
    fn a_small_synthetic_catalog_is_valid() {
        let c = super::catalog(600);
        assert_eq!(c.entries.len(), 600);
        assert!(
            c.entries
                .iter()
                .filter(|e| e.placeholders().len() == 2)
                .count()
                > 50
        );
    }
}
