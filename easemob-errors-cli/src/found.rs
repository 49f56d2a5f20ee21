//! What reading one log line found: its bodies, with the texts they hold (`error`,
//! description, request) kept in one buffer the [`Read`] reuses from line to line.
//!
//! `scan` reads lines on one thread and explains them on another; a [`Read`] travels between
//! them and comes back to be filled again. Keeping every text of a line in one reused buffer,
//! and handing out views of it ([`Found`]), means reading a line allocates nothing once the
//! buffers have grown to the size lines need, and nothing is freed by the thread that did not
//! allocate it.

use crate::object::Fields;
use crate::request::Request;

/// Text bytes a [`Read`] keeps between lines; a line that needed more gives the surplus back,
/// so the many reads in flight cannot each hold on to a rare long line's worth.
const KEEP_TEXT: usize = 512;
/// Bodies a [`Read`] keeps room for between lines, for the same reason.
const KEEP_BODIES: usize = 4;

/// A body found in a log, its texts borrowed from the [`Read`] that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'a> {
    /// The body's `error`.
    pub error: Option<&'a str>,
    /// Its `error_description` (or `desc`); `None` when cut.
    pub description: Option<&'a str>,
    /// Its numeric `error_code`.
    pub error_code: Option<i64>,
    /// The HTTP status the log shows for it.
    pub status: Option<u16>,
    /// The request the log shows for it, `"METHOD PATH"`.
    pub request: Option<&'a str>,
    /// Whether the log cut the body short.
    pub truncated: bool,
}

/// Where a text is in a [`Read`]'s buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    start: usize,
    end: usize,
}

/// One body as a [`Read`] holds it: its texts as places in the read's buffer.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    error: Option<Slice>,
    description: Option<Slice>,
    error_code: Option<i64>,
    truncated: bool,
    /// The status the log shows for it (set once the text around it is read).
    pub status: Option<u16>,
    /// The request the log shows for it (set once the text around it is read).
    pub request: Option<Slice>,
    /// Where the body starts in the text it was read from.
    pub start: usize,
    /// Where it ends there.
    pub end: usize,
}

/// What a line (or one window of a long line) holds.
#[derive(Debug, Default)]
pub struct Read {
    /// The texts of every body, one after another.
    texts: String,
    bodies: Vec<Body>,
    /// Objects that looked like bodies but were longer than [`crate::logline::MAX_BODY`] in a
    /// long line.
    pub too_long: usize,
}

impl Read {
    /// Every body, in order.
    pub fn bodies(&self) -> impl ExactSizeIterator<Item = Found<'_>> + '_ {
        self.bodies.iter().map(|b| Found {
            error: b.error.map(|s| self.text(s)),
            description: b.description.map(|s| self.text(s)),
            error_code: b.error_code,
            status: b.status,
            request: b.request.map(|s| self.text(s)),
            truncated: b.truncated,
        })
    }

    /// Emptied for the next line. Room beyond [`KEEP_TEXT`] and [`KEEP_BODIES`] is given back
    /// once the last line used under a quarter of it: a rare long line's room goes, while the
    /// windows of a line megabytes long, which each fill about as much, keep theirs.
    pub fn clear(&mut self) {
        if self.texts.len() < self.texts.capacity() / 4 {
            self.texts.shrink_to(KEEP_TEXT);
        }
        if self.bodies.len() < self.bodies.capacity() / 4 {
            self.bodies.shrink_to(KEEP_BODIES);
        }
        self.texts.clear();
        self.bodies.clear();
        self.too_long = 0;
    }

    /// The bodies found so far.
    pub fn len(&self) -> usize {
        self.bodies.len()
    }

    /// Whether no body was found.
    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
    }

    /// The body at `index`, to read or complete.
    pub fn body_mut(&mut self, index: usize) -> &mut Body {
        &mut self.bodies[index]
    }

    /// The body at `index`.
    pub fn body(&self, index: usize) -> Body {
        self.bodies[index]
    }

    /// A body found from `start` to `end` of the text read, with its fields, the texts copied.
    pub fn push(&mut self, start: usize, end: usize, fields: &Fields<'_>, truncated: bool) {
        let error = fields.error.as_deref().map(|t| self.keep(t));
        let description = fields.description.as_deref().map(|t| self.keep(t));
        // Most lines hold one body: room for one, not the four a first push makes.
        self.bodies.reserve_exact(1);
        self.bodies.push(Body {
            error,
            description,
            error_code: fields.error_code,
            truncated,
            status: None,
            request: None,
            start,
            end,
        });
    }

    /// A text kept in the buffer, for a body to point to.
    pub fn keep(&mut self, text: &str) -> Slice {
        let start = self.texts.len();
        self.texts.push_str(text);
        Slice {
            start,
            end: self.texts.len(),
        }
    }

    /// A request kept in the buffer as `"METHOD PATH"`.
    pub fn keep_request(&mut self, request: Request<'_>) -> Slice {
        let start = self.texts.len();
        request.push_to(&mut self.texts);
        Slice {
            start,
            end: self.texts.len(),
        }
    }

    fn text(&self, s: Slice) -> &str {
        &self.texts[s.start..s.end]
    }
}
