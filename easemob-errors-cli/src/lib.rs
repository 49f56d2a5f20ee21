//! The `easemob-errors` command line, as a library: each subcommand in its own module, so the
//! benchmarks and tests drive the same code the binary runs.
//!
//! - [`explain`]: one response (or a JSON-lines stream of them), explained;
//! - [`scan`]: Easemob error bodies found in free-form log lines, explained and counted;
//! - [`show`] and [`search`]: the catalog, one entry or by words;
//! - [`draft`]: catalog entries drafted from the unknown errors of a log.
//!
//! Exit codes: 0 done, 1 an input that could not be read, 2 bad usage (one line on stderr).

pub mod draft;
pub mod explain;
pub mod input;
pub mod logline;
pub mod output;
pub mod scan;
pub mod search;
pub mod shape;
pub mod show;

/// What went wrong, and so the exit code.
#[derive(Debug)]
pub enum Failure {
    /// The command line asks for something impossible (exit 2).
    Usage(String),
    /// An input could not be read (exit 1).
    Input(String),
    /// The reader of the output went away (`scan big.log | head`): not a failure (exit 0).
    OutputClosed,
}

impl Failure {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Input(_) => 1,
            Failure::OutputClosed => 0,
        }
    }

    /// The one-line message.
    pub fn message(&self) -> &str {
        match self {
            Failure::Usage(m) | Failure::Input(m) => m,
            Failure::OutputClosed => "",
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::OutputClosed
        } else {
            Failure::Input(e.to_string())
        }
    }
}
