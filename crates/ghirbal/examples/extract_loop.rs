//! Extraction in a loop, for profilers (callgrind, perf): extracts every page file given on the
//! command line `REPEAT` times and prints bytes, pages and articles.
//!
//! `cargo run --release -p ghirbal --example extract_loop -- 10 crates/ghirbal/tests/fixtures/pages/*.txt`

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(repeat) = args.next().and_then(|r| r.parse::<usize>().ok()) else {
        eprintln!("usage: extract_loop REPEAT FILE...");
        return ExitCode::from(2);
    };
    let mut pages = Vec::new();
    for path in args {
        match std::fs::read(&path) {
            Ok(b) => pages.push(b),
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let (mut bytes, mut articles, mut failed) = (0usize, 0usize, 0usize);
    for _ in 0..repeat {
        for p in &pages {
            bytes += p.len();
            match ghirbal::extract::extract_bytes(p, "loop") {
                Ok(ex) => articles += ex.articles.len(),
                Err(_) => failed += 1,
            }
        }
    }
    println!(
        "{} pages, {bytes} bytes, {articles} articles, {failed} refused",
        pages.len() * repeat
    );
    ExitCode::SUCCESS
}
