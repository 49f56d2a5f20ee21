//! Path patterns of rules: `/*/*/messages/users`, `/*/*/users/**`. A `*` is exactly one
//! segment, `**` any number of segments (none included); every other segment is compared
//! literally. The query string is not part of the path.

use std::fmt;

/// One segment of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    /// `*`
    One,
    /// `**`
    Any,
}

/// A parsed path pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPattern {
    source: String,
    segments: Vec<Segment>,
}

/// Why a path pattern does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PatternError {}

impl PathPattern {
    /// Parses a pattern; it must start with `/`, and `*` may not be mixed with other text in
    /// a segment (`/users/u*` is refused rather than read literally).
    ///
    /// ```
    /// use easemob_errors_mock::PathPattern;
    /// let p = PathPattern::parse("/*/*/users/**").unwrap();
    /// assert!(p.matches("/org/app/users/u1/contacts/users/u2"));
    /// assert!(p.matches("/org/app/users"));
    /// assert!(!p.matches("/org/app/chatgroups/1"));
    /// ```
    pub fn parse(source: &str) -> Result<PathPattern, PatternError> {
        let Some(rest) = source.strip_prefix('/') else {
            return Err(PatternError {
                message: format!("path pattern `{source}` must start with `/`"),
            });
        };
        let mut segments = Vec::new();
        for piece in rest.split('/').filter(|s| !s.is_empty()) {
            segments.push(match piece {
                "*" => Segment::One,
                "**" => Segment::Any,
                _ if piece.contains('*') => {
                    return Err(PatternError {
                        message: format!(
                            "`{piece}` in path pattern `{source}`: `*` stands for a whole \
                             segment (`*`) or any number of them (`**`), not part of one"
                        ),
                    });
                }
                _ => Segment::Literal(piece.to_owned()),
            });
        }
        Ok(PathPattern {
            source: source.to_owned(),
            segments,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether a request path (without its query) matches. Empty segments (`//`) and a
    /// trailing `/` are ignored, as Easemob's router does.
    pub fn matches(&self, path: &str) -> bool {
        let path: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        matches_from(&self.segments, &path)
    }
}

fn matches_from(pattern: &[Segment], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((Segment::Any, rest)) => {
            (0..=path.len()).any(|skip| matches_from(rest, &path[skip..]))
        }
        Some((Segment::One, rest)) => !path.is_empty() && matches_from(rest, &path[1..]),
        Some((Segment::Literal(lit), rest)) => {
            path.first() == Some(&lit.as_str()) && matches_from(rest, &path[1..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_and_any() {
        let p = PathPattern::parse("/*/*/chatgroups/*/users/*").unwrap();
        assert!(p.matches("/o/a/chatgroups/1/users/u1"));
        assert!(p.matches("/o/a/chatgroups/1/users/u1/"));
        assert!(!p.matches("/o/a/chatgroups/1/users"));
        assert!(!p.matches("/o/a/chatgroups/1/users/u1/x"));
        let mid = PathPattern::parse("/**/messages/**").unwrap();
        assert!(mid.matches("/o/a/messages/users"));
        assert!(mid.matches("/messages"));
        assert!(!mid.matches("/o/a/chatmessages"));
    }

    #[test]
    fn refused_patterns_say_why() {
        assert!(
            PathPattern::parse("users/*")
                .unwrap_err()
                .message
                .contains("start with `/`")
        );
        assert!(
            PathPattern::parse("/users/u*")
                .unwrap_err()
                .message
                .contains("whole")
        );
    }
}
