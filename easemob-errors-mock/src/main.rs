//! `easemob-errors-mock`: serve catalog errors on demand from a shell or a CI job.

use clap::Parser;
use easemob_errors_mock::{MockServer, Upstream, load_rules};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// A mock Easemob REST server: answers any catalog error on demand.
///
/// A request fails with the entry its `X-Easemob-Mock-Error: <id>` header names; otherwise the
/// first matching rule of --rules decides; otherwise it is forwarded to --upstream, or answered
/// 200 with Easemob's success envelope. The first line on stdout is `listening on
/// http://HOST:PORT`; each injected fault is one line on stderr (method, path, id, status).
#[derive(Debug, Parser)]
#[command(name = "easemob-errors-mock", version)]
struct Args {
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// YAML list of rules (`when`, `reply`, `times`, `rate`, `after`, `retry_after`).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// http:// server to forward unmatched requests to.
    #[arg(long)]
    upstream: Option<String>,
    /// Seed for `rate` (default: from the clock, printed on stderr).
    #[arg(long)]
    seed: Option<u64>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let rules = match args.rules.as_deref().map(load_rules).transpose() {
        Ok(rules) => rules.unwrap_or_default(),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("easemob-errors-mock: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async move {
        let upstream = match args.upstream.as_deref().map(Upstream::parse).transpose() {
            Ok(upstream) => upstream,
            Err(e) => {
                eprintln!("easemob-errors-mock: --upstream {e}");
                return ExitCode::from(2);
            }
        };
        let seed = args.seed.unwrap_or_else(clock_seed);
        let mut builder = MockServer::builder()
            .listen(args.listen)
            .rules(rules)
            .seed(seed)
            .journal(0)
            .log_faults(true);
        if let Some(upstream) = upstream {
            builder = builder.upstream(upstream);
        }
        let server = match builder.start().await {
            Ok(server) => server,
            Err(e) => {
                eprintln!("easemob-errors-mock: cannot listen on {}: {e}", args.listen);
                return ExitCode::from(1);
            }
        };
        // The seed first, so that it comes before any fault line on stderr.
        eprintln!("seed {seed}");
        println!("listening on {}", server.uri());
        let _ = std::io::stdout().flush();
        let _ = tokio::signal::ctrl_c().await;
        drop(server);
        ExitCode::SUCCESS
    })
}

/// A seed from the clock, for runs that did not ask for one.
fn clock_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}
