//! Reading what the commands read: files (gzip ones decompressed on the fly, by name or by
//! their magic bytes) or stdin, line by line in a reused buffer, so memory stays flat however
//! long the log. A line longer than a window is handed on in windows, so memory stays flat
//! however long the line. A file larger than a few megabytes shows progress on stderr when
//! stderr is a terminal.
//!
//! [`read_lines`] is the one line reader: `scan` and `draft` use it through
//! [`for_each_line`] (lines that may hold a body, read on a second thread), `explain --jsonl`
//! directly (every line).

use crate::failure::Failure;
use indicatif::{ProgressBar, ProgressStyle};
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Files at least this large show progress (when stderr is a terminal).
const PROGRESS_FROM: u64 = 4 * 1024 * 1024;
/// The bytes of a long line `scan` and `draft` read at once: a line longer than this comes in
/// windows of about this size.
pub const WINDOW: usize = 1 << 20;
const BUFFER: usize = 1 << 20;
/// The bytes before a line handed on with it: enough for the response head a body follows
/// (`<-- 401 Unauthorized https://…`, `< HTTP/2 429` and its headers).
pub const BEHIND: usize = 4096;

/// Where lines come from: a file, or stdin when the list is empty.
#[derive(Debug, Clone)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file (gzip when its name ends in `.gz` or its content starts with the gzip magic).
    File(PathBuf),
}

impl Source {
    /// The sources named on the command line (stdin when none).
    pub fn from_args(files: &[PathBuf]) -> Vec<Source> {
        if files.is_empty() {
            vec![Source::Stdin]
        } else {
            files.iter().cloned().map(Source::File).collect()
        }
    }

    /// How the source is named in output (`-` for stdin).
    pub fn label(&self) -> String {
        match self {
            Source::Stdin => "-".into(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

fn open_file(path: &Path) -> Result<(Box<dyn Read>, u64), Failure> {
    let cannot = |e: io::Error| Failure::Input(format!("cannot read {}: {e}", path.display()));
    let mut file = File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    let mut magic = [0u8; 2];
    let gzip = path.extension().is_some_and(|e| e == "gz")
        || (file.read(&mut magic).map_err(cannot)? == 2 && magic == [0x1f, 0x8b]);
    let file = File::open(path).map_err(cannot)?;
    let progress = progress(size, path);
    let raw: Box<dyn Read> = match &progress {
        Some(bar) => Box::new(bar.wrap_read(file)),
        None => Box::new(file),
    };
    let reader: Box<dyn Read> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
            BUFFER, raw,
        )))
    } else {
        raw
    };
    Ok((reader, size))
}

fn progress(size: u64, path: &Path) -> Option<ProgressBar> {
    if size < PROGRESS_FROM || !io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(size).with_finish(indicatif::ProgressFinish::AndClear);
    let style =
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style.progress_chars("=> "));
    bar.set_message(path.display().to_string());
    Some(bar)
}

/// One line as read, or one window of a line longer than the reader's window.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// Its number in its source, from 1.
    pub number: usize,
    /// Its bytes, without the `\n` or `\r\n` that ended it (or this window's bytes).
    pub bytes: &'a [u8],
    /// At most [`BEHIND`] bytes of the source just before the line (empty after the first
    /// window of a long line).
    pub before: &'a [u8],
    /// Which part of the line `bytes` is.
    pub part: Part,
}

/// Which part of its line a [`Line`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// All of it.
    Whole,
    /// A window of a long line, more to come.
    Window,
    /// The last window of a long line.
    Last,
}

/// Which lines [`read_lines`] hands on.
#[derive(Clone, Copy)]
pub enum Filter<'f> {
    /// Every line.
    All,
    /// Lines holding one of these words (and every window of a long line).
    Words(&'f [memchr::memmem::Finder<'static>]),
}

/// The words a line must hold to be worth reading for `scan`: what every error body has.
const NEEDLES: [&str; 2] = ["error", "\"desc"];

/// Reads every line of every source that holds one of the words every error body has
/// (`error`, `"desc`), has `prepare(line, slot)` fill a slot from it, and calls
/// `each(source_index, line_number, &slot)` in order. Lines longer than [`WINDOW`] come to
/// `prepare` in windows, all with the line's number. `each` may stop the reading with `Break`.
///
/// Reading (syscalls, gzip, the word search) and `prepare` run on a second thread while `each`
/// runs on the caller's: the two overlap on two cores, and the order of lines is kept. The
/// slots travel in batches (of at most `BATCH` lines, and of at most `BATCH_BYTES` read bytes)
/// through a channel of `BATCHES` places, and the batches go back, slots and all, to be
/// filled again: a `T` that keeps its buffers (cleared by `prepare`) makes reading allocate
/// nothing once they have grown, and memory stays flat. `each` only borrows a slot, so what a
/// slot holds is allocated and freed on the reading thread (until the end, when the batches
/// are dropped wherever they are): memory freed by the thread that did not allocate it costs
/// the allocator a lock both threads contend for (in a profile, about 8% of `scan`'s
/// samples went to its waits and wake-ups when `each` owned what it was given).
pub fn for_each_line<T: Send + Default>(
    sources: &[Source],
    prepare: impl FnMut(Line<'_>, &mut T) + Send,
    mut each: impl FnMut(usize, usize, &T) -> ControlFlow<()>,
) -> Result<(), Failure> {
    std::thread::scope(|scope| {
        let (full_tx, full_rx) = mpsc::sync_channel::<Batch<T>>(BATCHES);
        let (empty_tx, empty_rx) = mpsc::channel::<Batch<T>>();
        let reader = scope.spawn(move || read_sources(sources, prepare, &full_tx, &empty_rx));
        'batches: for batch in full_rx.iter() {
            for (source, number, prepared) in batch.filled() {
                if each(*source, *number, prepared).is_break() {
                    break 'batches;
                }
            }
            // The reader may have finished; then the batch is simply dropped.
            let _ = empty_tx.send(batch);
        }
        // Dropping the receiver (on `Break`) makes the reader's next send fail, and it stops.
        drop(full_rx);
        match reader.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Lines per batch handed from the reading thread. Each line's slot keeps its buffers, and
/// about `BATCHES` + 2 batches exist: 256 keeps `scan`'s peak RSS on the 1 GiB service log
/// where it was when slots were dropped (measured: 7.1–7.5 MB, against 7.4–8.4 MB before
/// and 8.7–10.5 MB with 1,024 lines a batch).
const BATCH: usize = 256;
/// Bytes read per batch at most (what is prepared from them is about as large).
const BATCH_BYTES: usize = 1 << 20;
/// Batches in flight between the threads.
const BATCHES: usize = 4;

/// Prepared lines: source index, line number, what `prepare` made of the line. The slots
/// past `len` were filled for earlier batches and wait to be filled again.
struct Batch<T> {
    slots: Vec<(usize, usize, T)>,
    len: usize,
}

impl<T: Default> Batch<T> {
    fn new() -> Batch<T> {
        Batch {
            slots: Vec::with_capacity(BATCH),
            len: 0,
        }
    }

    /// The next slot to fill, made on the first batch that needs it.
    fn next_slot(&mut self) -> &mut (usize, usize, T) {
        if self.len == self.slots.len() {
            self.slots.push(Default::default());
        }
        self.len += 1;
        &mut self.slots[self.len - 1]
    }

    /// The slots filled for this batch.
    fn filled(&self) -> &[(usize, usize, T)] {
        &self.slots[..self.len]
    }
}

/// The reading thread: every source in turn, its lines prepared and sent in batches. Stops
/// early, with `Ok`, once the receiving side is gone.
fn read_sources<T: Default>(
    sources: &[Source],
    mut prepare: impl FnMut(Line<'_>, &mut T),
    full: &mpsc::SyncSender<Batch<T>>,
    empty: &mpsc::Receiver<Batch<T>>,
) -> Result<(), Failure> {
    let finders: Vec<memchr::memmem::Finder<'static>> = NEEDLES
        .iter()
        .map(|n| memchr::memmem::Finder::new(n.as_bytes()))
        .collect();
    let mut batch = Batch::new();
    let mut batch_bytes = 0;
    let mut gone = false;
    for (index, source) in sources.iter().enumerate() {
        let reader: Box<dyn Read> = match source {
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::File(p) => open_file(p)?.0,
        };
        read_lines(reader, Filter::Words(&finders), WINDOW, |line| {
            batch_bytes += line.bytes.len();
            let slot = batch.next_slot();
            (slot.0, slot.1) = (index, line.number);
            prepare(line, &mut slot.2);
            if batch.len >= BATCH || batch_bytes >= BATCH_BYTES {
                let next = match empty.try_recv() {
                    Ok(mut used) => {
                        used.len = 0;
                        used
                    }
                    Err(_) => Batch::new(),
                };
                gone = full.send(std::mem::replace(&mut batch, next)).is_err();
                batch_bytes = 0;
            }
            if gone {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .map_err(|e| Failure::Input(format!("cannot read {}: {e}", source.label())))?;
        if gone {
            return Ok(());
        }
    }
    // The receiver may be gone already: nothing is lost that it wanted.
    let _ = full.send(batch);
    Ok(())
}

/// The one line reader: calls `each` with every line of `reader` that `filter` lets through,
/// in order, and stops when `each` says `Break`. A line longer than `window` bytes comes in
/// parts of `window` to `window` + 1 MiB bytes, so memory stays bounded however long the line.
pub fn read_lines(
    reader: impl Read,
    filter: Filter<'_>,
    window: usize,
    mut each: impl FnMut(Line<'_>) -> ControlFlow<()>,
) -> io::Result<()> {
    let mut lines = Lines {
        filter,
        window,
        number: 0,
        carry: Vec::new(),
        windowed: false,
        behind: Vec::with_capacity(2 * BEHIND),
        scratch: Vec::with_capacity(BEHIND),
        stopped: false,
    };
    let mut reader = BufReader::with_capacity(BUFFER, reader);
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        let len = chunk.len();
        if let Some(last_nl) = memchr::memrchr(b'\n', chunk) {
            let first_nl = memchr::memchr(b'\n', chunk).unwrap_or(last_nl);
            // The line the previous buffer began.
            lines.keep(&chunk[..first_nl], &mut each);
            lines.finish_carry(&mut each);
            let region = &chunk[first_nl + 1..=last_nl];
            lines.whole_lines(region, &mut each);
            lines.push_behind(region);
            lines.keep(&chunk[last_nl + 1..], &mut each);
        } else {
            lines.keep(chunk, &mut each);
        }
        reader.consume(len);
        if lines.stopped {
            return Ok(());
        }
    }
    if !lines.carry.is_empty() || lines.windowed {
        lines.finish_carry(&mut each);
    }
    Ok(())
}

/// The state of reading one source in buffers.
struct Lines<'f> {
    filter: Filter<'f>,
    window: usize,
    /// Lines counted so far.
    number: usize,
    /// The start of a line the previous buffer ended inside (since its last window).
    carry: Vec<u8>,
    /// Whether the carried line has been handed on in windows already.
    windowed: bool,
    /// The last bytes before the carried line, at most [`BEHIND`] once trimmed.
    behind: Vec<u8>,
    /// Where a line's `before` is put together when it straddles two buffers.
    scratch: Vec<u8>,
    /// Set once `each` says `Break`: no further line is handed on.
    stopped: bool,
}

/// A line's bytes without the `\r` of a `\r\n` ending.
fn without_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

impl Lines<'_> {
    fn wanted(&self, line: &[u8]) -> bool {
        match self.filter {
            Filter::All => true,
            Filter::Words(words) => words.iter().any(|f| f.find(line).is_some()),
        }
    }

    /// Adds to the line being carried over; once it passes the window, hands it on.
    fn keep(&mut self, part: &[u8], each: &mut impl FnMut(Line<'_>) -> ControlFlow<()>) {
        self.carry.extend_from_slice(part);
        if self.carry.len() <= self.window || self.stopped {
            if self.stopped {
                self.carry.clear();
            }
            return;
        }
        let line = Line {
            number: self.number + 1,
            bytes: &self.carry,
            before: if self.windowed { &[] } else { &self.behind },
            part: Part::Window,
        };
        self.stopped = each(line).is_break();
        self.windowed = true;
        self.carry.clear();
    }

    /// The carried line is complete: handed on (when wanted), and remembered as `behind`.
    fn finish_carry(&mut self, each: &mut impl FnMut(Line<'_>) -> ControlFlow<()>) {
        self.number += 1;
        let bytes = without_cr(&self.carry);
        if !self.stopped && (self.windowed || self.wanted(bytes)) {
            let line = Line {
                number: self.number,
                bytes,
                before: if self.windowed { &[] } else { &self.behind },
                part: if self.windowed {
                    Part::Last
                } else {
                    Part::Whole
                },
            };
            self.stopped = each(line).is_break();
        }
        let carry = std::mem::take(&mut self.carry);
        self.push_behind(&carry[carry.len().saturating_sub(BEHIND)..]);
        self.push_behind(b"\n");
        self.carry = carry;
        self.carry.clear();
        self.windowed = false;
    }

    /// Remembers the last [`BEHIND`] bytes read before the line to come.
    fn push_behind(&mut self, bytes: &[u8]) {
        let bytes = &bytes[bytes.len().saturating_sub(BEHIND)..];
        self.behind.extend_from_slice(bytes);
        if self.behind.len() > 2 * BEHIND {
            // Trimmed only now and then: one move per `BEHIND` bytes added at most.
            self.behind.drain(..self.behind.len() - BEHIND);
        }
    }

    /// Complete lines (`region` ends with a newline): the ones the filter wants are handed on.
    fn whole_lines(&mut self, region: &[u8], each: &mut impl FnMut(Line<'_>) -> ControlFlow<()>) {
        let mut counted = 0;
        let mut hits = Hits::new(self.filter, region);
        while let Some(hit) = hits.next_from(counted) {
            let start = memchr::memrchr(b'\n', &region[..hit]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &region[hit..]).map_or(region.len(), |i| hit + i);
            self.number += memchr::memchr_iter(b'\n', &region[counted..start]).count() + 1;
            counted = (end + 1).min(region.len());
            let before = before(&mut self.scratch, &self.behind, region, start);
            let bytes = without_cr(&region[start..end]);
            self.stopped = in_windows(self.number, bytes, before, self.window, each);
            if self.stopped {
                return;
            }
        }
        self.number += memchr::memchr_iter(b'\n', &region[counted..]).count();
    }
}

/// Where the lines a filter wants are in a region: each word's next hit, searched again only
/// once the reading passes it, so each word is looked for once per region.
struct Hits<'f, 'r> {
    filter: Filter<'f>,
    region: &'r [u8],
    /// Each word's next hit at or after the last position asked for (`None`: no more).
    next: Vec<Option<usize>>,
}

impl<'f, 'r> Hits<'f, 'r> {
    fn new(filter: Filter<'f>, region: &'r [u8]) -> Hits<'f, 'r> {
        let next = match filter {
            Filter::All => Vec::new(),
            Filter::Words(words) => words.iter().map(|f| f.find(region)).collect(),
        };
        Hits {
            filter,
            region,
            next,
        }
    }

    /// The first wanted position at or after `from`: any byte of a line for [`Filter::All`].
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let Filter::Words(words) = self.filter else {
            return (from < self.region.len()).then_some(from);
        };
        for (f, n) in words.iter().zip(self.next.iter_mut()) {
            if n.is_some_and(|h| h < from) {
                *n = f.find(&self.region[from..]).map(|h| h + from);
            }
        }
        self.next.iter().flatten().min().copied()
    }
}

/// The [`BEHIND`] bytes before `start` in `region`, with the end of earlier buffers
/// (`behind`) when the region holds fewer; put together in `scratch` then.
fn before<'a>(
    scratch: &'a mut Vec<u8>,
    behind: &'a [u8],
    region: &'a [u8],
    start: usize,
) -> &'a [u8] {
    if start >= BEHIND {
        return &region[start - BEHIND..start];
    }
    let from_behind = (BEHIND - start).min(behind.len());
    scratch.clear();
    scratch.extend_from_slice(&behind[behind.len() - from_behind..]);
    scratch.extend_from_slice(&region[..start]);
    scratch
}

/// A complete line handed on: whole, or in windows when longer than `window`. Whether `each`
/// said `Break`.
fn in_windows(
    number: usize,
    bytes: &[u8],
    before: &[u8],
    window: usize,
    each: &mut impl FnMut(Line<'_>) -> ControlFlow<()>,
) -> bool {
    if bytes.len() <= window {
        let part = Part::Whole;
        return each(Line {
            number,
            bytes,
            before,
            part,
        })
        .is_break();
    }
    let mut parts = bytes.chunks(window).peekable();
    let mut before = before;
    while let Some(bytes) = parts.next() {
        let part = if parts.peek().is_some() {
            Part::Window
        } else {
            Part::Last
        };
        if each(Line {
            number,
            bytes,
            before,
            part,
        })
        .is_break()
        {
            return true;
        }
        before = &[];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out `step` bytes at a time, so lines straddle its buffers.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// (number, bytes, part, the last bytes of `before`) of every line handed on.
    fn lines(
        data: &[u8],
        step: usize,
        filter: Filter<'_>,
        window: usize,
    ) -> Vec<(usize, String, Part, String)> {
        let mut seen = Vec::new();
        read_lines(Trickle { data, step }, filter, window, |l| {
            let before = String::from_utf8_lossy(&l.before[l.before.len().saturating_sub(6)..]);
            seen.push((
                l.number,
                String::from_utf8_lossy(l.bytes).into(),
                l.part,
                before.into(),
            ));
            ControlFlow::Continue(())
        })
        .unwrap();
        seen
    }

    #[test]
    fn the_same_lines_however_the_input_arrives() {
        let data = b"head 1\r\nan error here\n0123456789abcdefghij error\nlast error";
        let words = [memchr::memmem::Finder::new("error")];
        for step in [1, 3, 7, 64] {
            let got = lines(data, step, Filter::Words(&words), 16);
            // A long line comes in windows of at least the window's size, then its last part;
            // joined, they are the line.
            let mut joined: Vec<(usize, String, String)> = Vec::new();
            for (n, bytes, part, before) in got {
                assert!(part != Part::Window || bytes.len() >= 16, "step {step}");
                match joined.last_mut() {
                    Some(last) if last.0 == n => last.1.push_str(&bytes),
                    _ => joined.push((n, bytes, before)),
                }
            }
            assert_eq!(
                joined,
                [
                    (2, "an error here".into(), "ad 1\r\n".into()),
                    (3, "0123456789abcdefghij error".into(), " here\n".into()),
                    (4, "last error".into(), "error\n".into()),
                ],
                "step {step}"
            );
        }
        let all = lines(b"a\r\n\nb", 2, Filter::All, 16);
        let texts: Vec<_> = all.iter().map(|l| (l.0, l.1.as_str())).collect();
        assert_eq!(texts, [(1, "a"), (2, ""), (3, "b")]);
    }

    #[test]
    fn reused_slots_hold_only_their_own_line() {
        // Enough lines for every batch to come back and be filled again, some longer than
        // others so a slot's old, longer content would show if it leaked into a new line.
        let text: String = (0..20 * BATCH)
            .map(|i| format!("{i} error {}\n", "x".repeat(i % 7 * 10)))
            .collect();
        let path = std::env::temp_dir().join(format!("scan-slots-{}.log", std::process::id()));
        std::fs::write(&path, &text).unwrap();
        let mut seen = 0;
        let result = for_each_line(
            &[Source::File(path.clone())],
            |line, slot: &mut Vec<u8>| {
                // Filled, not replaced: what `scan` does with its reads.
                slot.clear();
                slot.extend_from_slice(line.bytes);
            },
            |_, number, slot| {
                let expected =
                    format!("{} error {}", number - 1, "x".repeat((number - 1) % 7 * 10));
                assert_eq!(String::from_utf8_lossy(slot), expected);
                assert_eq!(number, seen + 1, "in order");
                seen = number;
                ControlFlow::Continue(())
            },
        );
        std::fs::remove_file(&path).unwrap();
        result.unwrap();
        assert_eq!(seen, 20 * BATCH);
    }
}
