//! Build-time measurements: what depending on `easemob-errors` costs a back end, how long an
//! edit of the catalog takes to rebuild, and whether a 10,000-entry catalog builds.
//!
//! These run real `cargo build`s in `target/measure/` (each crate its own workspace and target
//! directory), so they take minutes; they are commands, not tests.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn cargo(dir: &Path, args: &[&str]) -> Result<Duration, String> {
    let start = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`cargo {}` failed in {}",
            args.join(" "),
            dir.display()
        ));
    }
    Ok(start.elapsed())
}

const MAIN_BASE: &str = r#"#[derive(Debug, serde::Deserialize)]
struct Body { error: Option<String>, error_description: Option<String> }

#[derive(Debug, thiserror::Error)]
enum AppError {
    #[error("HTTP {0}")]
    Http(u16),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

fn main() {
    let body: Result<Body, AppError> = serde_json::from_str("{}").map_err(AppError::from);
    println!("{body:?} {}", AppError::Http(403));
    extra();
}
"#;

fn small_binary(dir: &Path, root: &Path, with: bool) -> Result<(), String> {
    let dep = if with {
        format!(
            "easemob-errors = {{ path = {:?} }}\n",
            root.join("easemob-errors").display().to_string()
        )
    } else {
        String::new()
    };
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"backend\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\nthiserror = \"2\"\n{dep}\n[workspace]\n"
        ),
    )?;
    let extra = if with {
        "fn extra() { println!(\"{}\", easemob_errors::ApiError::from_response(403, b\"{}\")); }\n"
    } else {
        "fn extra() {}\n"
    };
    write(&dir.join("src/main.rs"), &format!("{MAIN_BASE}{extra}"))
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// Restores a file's content when dropped, so an interrupted measurement leaves the catalog as
/// it was.
struct Restore {
    path: PathBuf,
    text: String,
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.path, &self.text);
    }
}

/// `cargo xtask build-cost`: clean debug builds of a small back end (serde, serde_json,
/// thiserror) without and with `easemob-errors`, `--timings` reports for both, and the
/// incremental rebuild after editing one YAML entry.
pub fn build_cost(root: &Path) -> Result<String, String> {
    let base = root.join("target/measure/base");
    let with = root.join("target/measure/with");
    small_binary(&base, root, false)?;
    small_binary(&with, root, true)?;
    let mut report = String::new();
    let mut times = Vec::new();
    for dir in [&base, &with] {
        cargo(dir, &["fetch", "--quiet"])?;
        let _ = std::fs::remove_dir_all(dir.join("target"));
        let t = cargo(dir, &["build", "--quiet", "--timings"])?;
        report.push_str(&format!(
            "clean debug build, {:<40} {}  (timings: {})\n",
            if dir == &base {
                "serde + serde_json + thiserror:"
            } else {
                "the same + easemob-errors:"
            },
            secs(t),
            dir.join("target/cargo-timings/cargo-timing.html").display()
        ));
        times.push(t);
    }
    report.push_str(&format!(
        "difference: {}\n",
        secs(times[1].saturating_sub(times[0]))
    ));

    // Edit one entry's English cause, rebuild, restore.
    let yaml = root.join("catalog/errors/request.yaml");
    let original =
        std::fs::read_to_string(&yaml).map_err(|e| format!("{}: {e}", yaml.display()))?;
    let guard = Restore {
        path: yaml.clone(),
        text: original.clone(),
    };
    let edited = original.replacen(
        "en: The URL does not support the HTTP method used.",
        "en: The URL does not support the HTTP method used (edited).",
        1,
    );
    if edited == original {
        return Err("could not find the entry to edit in catalog/errors/request.yaml".into());
    }
    write(&yaml, &edited)?;
    // The maintainer's loop: `cargo xtask regen` (validation and the generated files), then
    // the build. A build before regen stops with a message saying to run it.
    let stale = cargo(&with, &["build", "--quiet"]).is_err();
    let start = Instant::now();
    crate::regen::run(root, false)?;
    let regen = start.elapsed();
    let build = cargo(&with, &["build", "--quiet"])?;
    drop(guard);
    crate::regen::run(root, false)?;
    report.push_str(&format!(
        "incremental rebuild after editing one YAML entry: {} (regen {} + build {}); \
         building before regen {}\n",
        secs(regen + build),
        secs(regen),
        secs(build),
        if stale {
            "stops with `run cargo xtask regen`"
        } else {
            "DID NOT STOP"
        }
    ));
    cargo(&with, &["build", "--quiet"])?;
    Ok(report)
}

/// The manifest of the synthetic crate: `easemob-errors` for the derive, the codegen crate
/// for its build script.
fn synthetic_manifest(root: &Path) -> String {
    let path = |p: &str| root.join(p).display().to_string();
    format!(
        "[package]\nname = \"synthetic\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\neasemob-errors = {{ path = {:?} }}\n\n\
         [build-dependencies]\neasemob-errors-codegen = {{ path = {:?} }}\n\
         easemob-errors-core = {{ path = {:?} }}\n\n[workspace]\n",
        path("easemob-errors"),
        path("easemob-errors/codegen"),
        path("catalog/core")
    )
}

/// The synthetic crate's build script: the same step as `easemob-errors/build.rs`, from the
/// artifact regen would write.
const SYNTHETIC_BUILD: &str = r#"#[path = "catalog.rs"]
mod catalog;
fn main() {
    let code = easemob_errors_codegen::generate_enum(&catalog::CATALOG).unwrap_or_else(|e| panic!("{e}"));
    let out = std::path::Path::new(&std::env::var_os("OUT_DIR").unwrap_or_default()).join("kind.rs");
    std::fs::write(out, code).unwrap_or_else(|e| panic!("{e}"));
}
"#;

/// `cargo xtask synthetic-build [N]`: generates an N-entry synthetic catalog, validates it,
/// writes its typed artifact, and builds a crate whose build script generates the enum from
/// it and compiles it with the derive: the whole chain a maintainer's edit goes through.
pub fn synthetic_build(root: &Path, n: usize) -> Result<String, String> {
    let dir = root.join("target/measure/synthetic");
    let mut report = String::new();
    let start = Instant::now();
    let sources = easemob_errors_bench::synthetic::sources(n);
    let catalog = easemob_errors_tools::validate::load(&sources)
        .map_err(|p| easemob_errors_tools::diagnostic::render_all(&p))?;
    report.push_str(&format!(
        "load + validate {n} entries: {:.2} s\n",
        start.elapsed().as_secs_f64()
    ));
    let artifact = easemob_errors_tools::artifact::render(&catalog, 0, "synthetic");
    report.push_str(&format!("typed artifact: {} KiB\n", artifact.len() / 1024));
    write(&dir.join("Cargo.toml"), &synthetic_manifest(root))?;
    // Build the dependencies first, so the timed build is the synthetic crate alone.
    write(&dir.join("src/lib.rs"), "//! Placeholder.\n")?;
    let _ = std::fs::remove_file(dir.join("build.rs"));
    cargo(&dir, &["build", "--quiet"])?;
    write(&dir.join("catalog.rs"), &artifact)?;
    write(&dir.join("build.rs"), SYNTHETIC_BUILD)?;
    write(
        &dir.join("src/lib.rs"),
        "//! A synthetic catalog's enum, compiled with the derive.\n#![allow(missing_docs)]\ninclude!(concat!(env!(\"OUT_DIR\"), \"/kind.rs\"));\n",
    )?;
    let t = cargo(&dir, &["build", "--quiet"])?;
    report.push_str(&format!(
        "build script (generate the enum) + compile the {n}-variant enum with the derive (debug): {}\n",
        secs(t)
    ));
    Ok(report)
}
