//! The `easemob-errors` command: explain failed responses, scan logs, show and search the catalog, draft entries.
//! A binary only: people and scripts run it; no crate depends on it.
//!
//! `easemob-errors`: explain failed Easemob REST responses, scan logs for them, show and
//! search the error catalog, and draft entries for errors it does not know yet.
//!
//! A binary only: each subcommand in its own module ([`explain`], [`scan`], [`show`],
//! [`search`], [`draft`]); the tests and benchmarks run the built command as a user does.

mod draft;
mod explain;
mod failure;
mod found;
mod input;
mod inspect;
mod logline;
mod object;
mod output;
mod request;
mod scan;
mod search;
mod shape;
mod show;
mod status;

use clap::{Parser, Subcommand};
use failure::Failure;
use output::Paint;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Typed, bilingual explanations of failed Easemob (环信) IM REST calls.
#[derive(Debug, Parser)]
#[command(name = "easemob-errors", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Explain one response (STATUS BODY, --status with the body on stdin, or --jsonl); a
    /// built-in sample without arguments.
    Explain(explain::ExplainArgs),
    /// Find Easemob error bodies in log lines, explain them and count them.
    Scan(scan::ScanArgs),
    /// Everything the catalog says about one entry.
    Show(show::ShowArgs),
    /// Entries whose id, error strings, descriptions or causes contain every word.
    Search(search::SearchArgs),
    /// Draft catalog entries for the unknown errors of a log.
    Draft(draft::DraftArgs),
}

fn run(command: &Command, out: &mut impl Write) -> Result<(), Failure> {
    let paint = Paint::for_stdout();
    match command {
        Command::Explain(a) => explain::run(a, out, paint),
        Command::Scan(a) => scan::run(a, out, paint).map(|_| ()),
        Command::Show(a) => show::run(a, out, paint),
        Command::Search(a) => search::run(a, out, paint),
        Command::Draft(a) => draft::run(a, out),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // Bad usage: one line, exit 2.
            let text = e.to_string();
            let first = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("bad usage");
            eprintln!("easemob-errors: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
        Err(e) => {
            // --help, --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = run(&cli.command, &mut out).and_then(|()| out.flush().map_err(Failure::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("easemob-errors: {}", f.message());
            ExitCode::from(f.exit_code())
        }
    }
}
