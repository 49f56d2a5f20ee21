//! `cargo xtask` entry point.

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask regen [--check] | coverage [TABLE_OR_PAGE...] | build-cost | synthetic-build [ENTRIES]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = xtask::workspace_root();
    let result = match args.as_slice() {
        ["regen"] => xtask::regen::run(&root, false),
        ["regen", "--check"] => xtask::regen::run(&root, true),
        ["coverage", files @ ..] => xtask::coverage::run(&root, files),
        ["build-cost"] => xtask::measure::build_cost(&root),
        ["synthetic-build"] => xtask::measure::synthetic_build(&root, 10_000),
        ["synthetic-build", n] => match n.parse() {
            Ok(n) => xtask::measure::synthetic_build(&root, n),
            Err(_) => {
                eprintln!("xtask: `{n}` is not a number of entries. {USAGE}");
                return ExitCode::from(2);
            }
        },
        ["help" | "--help" | "-h"] | [] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("xtask: unknown command. {USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
