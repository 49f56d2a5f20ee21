//! How results are written: the language of causes, and colour when a person is reading.

use anstyle::{AnsiColor, Style};
use std::borrow::Cow;
use std::io::IsTerminal;

/// The longest line of text output, in bytes: a 200 KB description must not make a 200 KB
/// line in a terminal or a pager.
pub const MAX_TEXT_LINE: usize = 2000;

/// `text` in at most `max` bytes: cut at a character boundary and ended with `…` when
/// longer.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut end = max.saturating_sub('…'.len_utf8());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &text[..end]))
}

/// Which language's causes to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Chinese.
    Zh,
    /// English.
    En,
    /// Both.
    Both,
}

/// Colours for text output. Off unless stdout is a terminal, and off when `NO_COLOR` (or
/// `CLICOLOR=0`) says so; `anstream` decides, as clap does for its own messages.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    on: bool,
}

impl Paint {
    /// Colours as the environment and stdout allow.
    pub fn for_stdout() -> Paint {
        let stdout = std::io::stdout();
        let on = stdout.is_terminal()
            && anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
        Paint { on }
    }

    /// `text` in `style`; the text itself, not a copy, when colours are off (as when output
    /// goes to a file, where `scan` paints a few words for every error it writes).
    fn with<'a>(&self, style: Style, text: &'a str) -> Cow<'a, str> {
        if self.on {
            Cow::Owned(format!("{}{text}{}", style.render(), style.render_reset()))
        } else {
            Cow::Borrowed(text)
        }
    }

    /// A catalog id.
    pub fn id<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.with(Style::new().bold(), text)
    }

    /// Something that needs a person.
    pub fn alert<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.with(AnsiColor::Red.on_default().bold(), text)
    }

    /// An error the catalog does not know.
    pub fn unknown<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.with(AnsiColor::Yellow.on_default(), text)
    }

    /// Secondary text (line numbers, headers).
    pub fn dim<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.with(Style::new().dimmed(), text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_characters_whole() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("abcdefghij", 8), "abcde…");
        let zh = "用户不存在用户不存在";
        let c = cut(zh, 10);
        assert!(c.len() <= 10 && c.ends_with('…'), "{c}");
        assert_eq!(c, "用户…");
    }
}
