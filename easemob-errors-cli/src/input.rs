//! Reading what `scan` and `draft` read: files (gzip ones decompressed on the fly, by name or
//! by their magic bytes) or stdin, line by line in a reused buffer, so memory stays flat
//! however long the log. A file larger than a few megabytes shows progress on stderr when
//! stderr is a terminal.

use crate::failure::Failure;
use indicatif::{ProgressBar, ProgressStyle};
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Files at least this large show progress (when stderr is a terminal).
const PROGRESS_FROM: u64 = 4 * 1024 * 1024;
/// Longest line read whole; longer lines are skipped (and counted).
pub const MAX_LINE: usize = 16 * 1024 * 1024;
const BUFFER: usize = 1 << 20;

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

/// The words a line must hold to be worth reading: what every error body has.
const NEEDLES: [&str; 2] = ["error", "\"desc"];

/// Reads every line of every source that holds one of the words every error body has
/// (`error`, `"desc`), makes `prepare(line)` of it, and calls `each(source_index, line_number,
/// prepared)` in order; lines over [`MAX_LINE`] bytes are skipped, and their count returned.
/// `each` may stop the reading with `Break`.
///
/// Reading (syscalls, gzip, the word search) and `prepare` run on a second thread while `each`
/// runs on the caller's: the two overlap on two cores, and the order of lines is kept. What is
/// prepared travels in batches of `BATCH` lines through a channel of `BATCHES` places, and
/// the batches go back to be reused, so memory stays flat.
pub fn for_each_line<T: Send>(
    sources: &[Source],
    prepare: impl Fn(&[u8]) -> T + Sync,
    mut each: impl FnMut(usize, usize, T) -> ControlFlow<()>,
) -> Result<usize, Failure> {
    std::thread::scope(|scope| {
        let (full_tx, full_rx) = mpsc::sync_channel::<Batch<T>>(BATCHES);
        let (empty_tx, empty_rx) = mpsc::channel::<Batch<T>>();
        let prepare = &prepare;
        let reader = scope.spawn(move || read_sources(sources, prepare, &full_tx, &empty_rx));
        'batches: for mut batch in full_rx.iter() {
            for (source, number, prepared) in batch.drain(..) {
                if each(source, number, prepared).is_break() {
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

/// Lines per batch handed from the reading thread.
const BATCH: usize = 1024;
/// Batches in flight between the threads.
const BATCHES: usize = 4;

/// Prepared lines: source index, line number, what `prepare` made of the line.
type Batch<T> = Vec<(usize, usize, T)>;

/// The reading thread: every source in turn, its lines prepared and sent in batches. Stops
/// early, with `Ok`, once the receiving side is gone.
fn read_sources<T>(
    sources: &[Source],
    prepare: &impl Fn(&[u8]) -> T,
    full: &mpsc::SyncSender<Batch<T>>,
    empty: &mpsc::Receiver<Batch<T>>,
) -> Result<usize, Failure> {
    let finders: Vec<memchr::memmem::Finder<'static>> = NEEDLES
        .iter()
        .map(|n| memchr::memmem::Finder::new(n.as_bytes()))
        .collect();
    let mut too_long = 0;
    let mut batch = Vec::with_capacity(BATCH);
    let mut gone = false;
    for (index, source) in sources.iter().enumerate() {
        let reader: Box<dyn Read> = match source {
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::File(p) => open_file(p)?.0,
        };
        let mut lines = Lines {
            finders: &finders,
            number: 0,
            carry: Vec::new(),
            carry_too_long: false,
            too_long: 0,
            stopped: false,
        };
        lines
            .read_all(reader, |n, line| {
                batch.push((index, n, prepare(line)));
                if batch.len() >= BATCH {
                    let next = empty
                        .try_recv()
                        .unwrap_or_else(|_| Vec::with_capacity(BATCH));
                    gone = full.send(std::mem::replace(&mut batch, next)).is_err();
                }
                if gone {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })
            .map_err(|e| Failure::Input(format!("cannot read {}: {e}", source.label())))?;
        too_long += lines.too_long;
        if gone {
            return Ok(too_long);
        }
    }
    // The receiver may be gone already: nothing is lost that it wanted.
    let _ = full.send(batch);
    Ok(too_long)
}

/// The state of reading one source in buffers.
struct Lines<'f> {
    finders: &'f [memchr::memmem::Finder<'static>],
    /// Lines counted so far.
    number: usize,
    /// The start of a line the previous buffer ended inside.
    carry: Vec<u8>,
    carry_too_long: bool,
    too_long: usize,
    /// Set once `each` says `Break`: no further line is handed on.
    stopped: bool,
}

impl Lines<'_> {
    fn read_all(
        &mut self,
        reader: Box<dyn Read>,
        mut each: impl FnMut(usize, &[u8]) -> ControlFlow<()>,
    ) -> io::Result<()> {
        let mut reader = BufReader::with_capacity(BUFFER, reader);
        loop {
            let chunk = reader.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let len = chunk.len();
            let Some(last_nl) = memchr::memrchr(b'\n', chunk) else {
                self.keep(chunk);
                reader.consume(len);
                continue;
            };
            let first_nl = memchr::memchr(b'\n', chunk).unwrap_or(last_nl);
            // The line the previous buffer began.
            self.keep(&chunk[..first_nl]);
            self.finish_carry(&mut each);
            self.whole_lines(&chunk[first_nl + 1..=last_nl], &mut each);
            self.keep(&chunk[last_nl + 1..]);
            reader.consume(len);
            if self.stopped {
                return Ok(());
            }
        }
        if !self.carry.is_empty() || self.carry_too_long {
            self.finish_carry(&mut each);
        }
        Ok(())
    }

    /// Adds to the line being carried over (dropped, and counted, past [`MAX_LINE`]).
    fn keep(&mut self, part: &[u8]) {
        if self.carry_too_long || self.carry.len() + part.len() > MAX_LINE {
            self.carry_too_long = true;
            self.carry.clear();
        } else {
            self.carry.extend_from_slice(part);
        }
    }

    fn finish_carry(&mut self, each: &mut impl FnMut(usize, &[u8]) -> ControlFlow<()>) {
        self.number += 1;
        if self.carry_too_long {
            self.too_long += 1;
        } else if !self.stopped && self.finders.iter().any(|f| f.find(&self.carry).is_some()) {
            self.stopped = each(self.number, &self.carry).is_break();
        }
        self.carry.clear();
        self.carry_too_long = false;
    }

    /// Complete lines (`region` ends with a newline): the ones around a hit are handed on.
    fn whole_lines(
        &mut self,
        region: &[u8],
        each: &mut impl FnMut(usize, &[u8]) -> ControlFlow<()>,
    ) {
        let mut counted = 0;
        let mut from = 0;
        // Each word's next hit at or after `from` (`None`: no more in this region), searched
        // again only once `from` passes it, so each word is looked for once per region.
        let mut next: Vec<Option<usize>> = self.finders.iter().map(|f| f.find(region)).collect();
        loop {
            for (f, n) in self.finders.iter().zip(next.iter_mut()) {
                if n.is_some_and(|h| h < from) {
                    *n = f.find(&region[from..]).map(|h| h + from);
                }
            }
            let Some(hit) = next.iter().flatten().min().copied() else {
                break;
            };
            let start = memchr::memrchr(b'\n', &region[..hit]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &region[hit..]).map_or(region.len(), |i| hit + i);
            self.number += memchr::memchr_iter(b'\n', &region[counted..start]).count() + 1;
            counted = (end + 1).min(region.len());
            if end - start > MAX_LINE {
                self.too_long += 1;
            } else if each(self.number, &region[start..end]).is_break() {
                self.stopped = true;
                return;
            }
            from = counted;
        }
        self.number += memchr::memchr_iter(b'\n', &region[counted..]).count();
    }
}
