//! Load benchmark: replies per second and latency percentiles of the mock under a local load
//! generator (64 keep-alive connections, hyper client), everything in one process on
//! 127.0.0.1. Run with `cargo bench -p easemob-errors-mock --bench load`.
//!
//! Targets, measured in interleaved rounds so that the machine's other work weighs on each
//! alike:
//! - `fault (header)`: `X-Easemob-Mock-Error: users_not_group_members` on a group member path
//!   (template filled from the path and checked to classify back);
//! - `fault (rule)`: the same entry chosen by a path rule;
//! - `success envelope`: the same server answering `200` with the success envelope;
//! - `bare hyper`: the baseline a competent user would write, a hyper 1 service answering a
//!   fixed JSON body, no routing.
//!
//! The servers run on one thread (a current-thread tokio runtime) and the load generator on
//! another, so on a 2-core machine each has a core when nothing else runs; the machine is
//! shared with other work, so the figures are a floor.

use bytes::Bytes;
use easemob_errors_mock::http::{Request, Response, header};
use easemob_errors_mock::{MOCK_ERROR_HEADER, MockServer, PathPattern, Rule};
use http_body_util::{BodyExt, Empty, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};

const CONCURRENCY: usize = 64;
const REQUESTS_PER_ROUND: usize = 20_000;
const ROUND_TIME_LIMIT: Duration = Duration::from_secs(10);
const ROUNDS: usize = 11;
const GROUP_PATH: &str = "/easemob-demo/chatdemoui/chatgroups/40659491815425/users/hxtest100";
const RULE_PATH: &str = "/easemob-demo/chatdemoui/chatgroups/40659491815426/users/hxtest101";

/// One target: where, which path, which header, the status every reply must have.
struct Target {
    name: &'static str,
    address: SocketAddr,
    path: &'static str,
    header: Option<&'static str>,
    status: u16,
}

/// One round's figures.
#[derive(Debug, Clone, Copy)]
struct Round {
    per_second: f64,
    p50_us: u32,
    p99_us: u32,
    wrong: usize,
}

async fn bare_hyper() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let service = service_fn(|_request| async {
                let body = Full::new(Bytes::from_static(
                    br#"{"action":"get","entities":[],"data":{},"timestamp":0,"duration":0}"#,
                ));
                let mut response = Response::new(body);
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
                Ok::<_, Infallible>(response)
            });
            tokio::spawn(http1::Builder::new().serve_connection(TokioIo::new(stream), service));
        }
    });
    address
}

/// One connection's share of a round: latencies in microseconds and wrong replies.
async fn connection(
    target: Arc<Target>,
    next: Arc<AtomicUsize>,
    deadline: Instant,
) -> (Vec<u32>, usize) {
    let stream = TcpStream::connect(target.address).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(conn);
    let (mut latencies, mut wrong) = (Vec::new(), 0);
    while next.fetch_add(1, Ordering::Relaxed) < REQUESTS_PER_ROUND && Instant::now() < deadline {
        let mut request =
            Request::get(target.path).header(header::HOST, target.address.to_string());
        if let Some(id) = target.header {
            request = request.header(MOCK_ERROR_HEADER, id);
        }
        let request = request.body(Empty::<Bytes>::new()).unwrap();
        let started = Instant::now();
        sender.ready().await.unwrap();
        let response = sender.send_request(request).await.unwrap();
        let status = response.status().as_u16();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        latencies.push(started.elapsed().as_micros() as u32);
        wrong += usize::from(status != target.status || body.is_empty());
    }
    (latencies, wrong)
}

async fn round(target: &Arc<Target>) -> Round {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + ROUND_TIME_LIMIT;
    let tasks: Vec<_> = (0..CONCURRENCY)
        .map(|_| tokio::spawn(connection(Arc::clone(target), Arc::clone(&next), deadline)))
        .collect();
    let (mut all, mut wrong) = (Vec::new(), 0);
    for task in tasks {
        let (latencies, w) = task.await.unwrap();
        all.extend(latencies);
        wrong += w;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let at = |q: f64| all[((all.len() as f64 * q) as usize).min(all.len() - 1)];
    Round {
        per_second: all.len() as f64 / elapsed,
        p50_us: at(0.50),
        p99_us: at(0.99),
        wrong,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Resident memory of this process in kB (Linux), to show it flat across rounds.
fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .unwrap_or("VmRSS: 0 kB");
    line.split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The 1-minute load average (Linux), to say how busy the shared machine was.
fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().next().unwrap_or("?").to_owned()
}

fn main() {
    let (addresses, stop) = start_servers();
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    client.block_on(run(addresses));
    drop(stop);
}

/// Starts the mock and the bare hyper server on their own thread; dropping the sender stops
/// them.
fn start_servers() -> ((SocketAddr, SocketAddr), std::sync::mpsc::Sender<()>) {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            // As the command runs it: no journal, no per-fault log line.
            let rule = Rule::reply("users_not_group_members")
                .unwrap()
                .path(PathPattern::parse("/*/*/chatgroups/40659491815426/users/*").unwrap());
            let mock = MockServer::builder()
                .journal(0)
                .rule(rule)
                .start()
                .await
                .unwrap();
            let bare = bare_hyper().await;
            ready_tx.send((mock.address(), bare)).unwrap();
            // Serve until the benchmark drops the sender.
            let _ = tokio::task::spawn_blocking(move || stop_rx.recv()).await;
            drop(mock);
        });
    });
    (ready_rx.recv().unwrap(), stop_tx)
}

async fn run((mock, bare): (SocketAddr, SocketAddr)) {
    let targets: Vec<Arc<Target>> = [
        Target {
            name: "fault (header)",
            address: mock,
            path: GROUP_PATH,
            header: Some("users_not_group_members"),
            status: 403,
        },
        Target {
            name: "fault (rule)",
            address: mock,
            path: RULE_PATH,
            header: None,
            status: 403,
        },
        Target {
            name: "success envelope",
            address: mock,
            path: GROUP_PATH,
            header: None,
            status: 200,
        },
        Target {
            name: "bare hyper",
            address: bare,
            path: GROUP_PATH,
            header: None,
            status: 200,
        },
    ]
    .into_iter()
    .map(Arc::new)
    .collect();
    for target in &targets {
        round(target).await; // warm-up: connections, catalog replies, allocator
    }
    let rss_start = rss_kb();
    let load_start = load_average();
    let mut results: Vec<Vec<Round>> = vec![Vec::new(); targets.len()];
    for _ in 0..ROUNDS {
        for (i, target) in targets.iter().enumerate() {
            results[i].push(round(target).await);
        }
    }
    let rss_end = rss_kb();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "load: {CONCURRENCY} connections, {REQUESTS_PER_ROUND} requests or {}s per round, {ROUNDS} interleaved rounds, {cores} cores: servers on one thread, load generator on another",
        ROUND_TIME_LIMIT.as_secs()
    );
    println!(
        "{:<18} {:>12} {:>9} {:>9} {:>16} {:>16}",
        "target", "replies/s", "p50 µs", "p99 µs", "vs envelope", "vs bare hyper"
    );
    let bare_rounds = &results[targets.len() - 1];
    let envelope_rounds = &results[targets.len() - 2];
    for (target, rounds) in targets.iter().zip(&results) {
        let wrong: usize = rounds.iter().map(|r| r.wrong).sum();
        assert_eq!(wrong, 0, "{}: {wrong} wrong replies", target.name);
        let ratio = |base: &[Round]| {
            median(
                rounds
                    .iter()
                    .zip(base)
                    .map(|(r, b)| r.per_second / b.per_second)
                    .collect(),
            )
        };
        println!(
            "{:<18} {:>12.0} {:>9.0} {:>9.0} {:>15.2}x {:>15.2}x",
            target.name,
            median(rounds.iter().map(|r| r.per_second).collect()),
            median(rounds.iter().map(|r| f64::from(r.p50_us)).collect()),
            median(rounds.iter().map(|r| f64::from(r.p99_us)).collect()),
            ratio(envelope_rounds),
            ratio(bare_rounds),
        );
    }
    println!("resident memory after warm-up {rss_start} kB, after the rounds {rss_end} kB");
    println!(
        "load average (1 min) before the rounds {load_start}, after {}",
        load_average()
    );
}
