//! What stops a command, and so its exit code: 0 done, 1 an input that could not be read,
//! 2 bad usage (one line on stderr).

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
