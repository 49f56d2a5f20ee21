//! A problem in the catalog, located the way a compiler locates one.

use core::fmt;

/// One problem found while loading or validating the catalog: where, which entry, what is
/// wrong and what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The catalog file, as given to the loader.
    pub file: String,
    /// 1-based line (0 when unknown).
    pub line: u64,
    /// 1-based column (0 when unknown).
    pub column: u64,
    /// The `id` of the entry the problem is in, when it has one.
    pub entry: Option<String>,
    /// What is wrong, in one lowercase sentence.
    pub message: String,
    /// What to change.
    pub help: Option<String>,
}

impl Diagnostic {
    /// Starts a diagnostic at a file position.
    pub fn new(file: &str, line: u64, column: u64, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_owned(),
            line,
            column,
            entry: None,
            message: message.into(),
            help: None,
        }
    }

    /// Names the entry the problem is in.
    pub fn entry(mut self, id: impl Into<String>) -> Diagnostic {
        let id = id.into();
        if !id.is_empty() {
            self.entry = Some(id);
        }
        self
    }

    /// Says what to change.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: message (entry `id`)`, then `help: …` on a second line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(id) = &self.entry {
            write!(f, " (entry `{id}`)")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Renders a list of diagnostics, one after another, with a closing count.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let n = diagnostics.len();
    out.push_str(&format!(
        "{n} problem{} in the catalog\n",
        if n == 1 { "" } else { "s" }
    ));
    out
}
