//! Extraction throughput (MB/s per core) on page dumps: the seed page and the page fixtures,
//! and the real dumps of `../shared/data/dev-pages` (or `$GHIRBAL_DEV_PAGES`) when present.
//! Run: `cargo bench -p ghirbal --bench extract`. Time is the bench thread's CPU time (see
//! `common/cputime.rs`), so the MiB/s are per core even on a busy machine.

#[path = "common/cputime.rs"]
mod cputime;

use cputime::CpuTime;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn pages() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    read_pages(&[root.join("seed"), root.join("pages")])
}

/// The real page dumps of the shared data, if this checkout has them.
fn dev_pages() -> Vec<Vec<u8>> {
    let dir = std::env::var_os("GHIRBAL_DEV_PAGES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/dev-pages")
        });
    read_pages(&[dir])
}

fn read_pages(dirs: &[std::path::PathBuf]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(b) = std::fs::read(&p) {
                out.push(b);
            }
        }
    }
    out
}

fn bench_pages(c: &mut Criterion<CpuTime>, name: &str, pages: &[Vec<u8>]) {
    if pages.is_empty() {
        return;
    }
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(name, |b| {
        b.iter(|| {
            let mut articles = 0;
            for p in pages {
                if let Ok(ex) = ghirbal::extract::extract_bytes(p, "bench") {
                    articles += ex.articles.len();
                }
            }
            articles
        })
    });
    g.finish();
}

fn bench_extract(c: &mut Criterion<CpuTime>) {
    bench_pages(c, "fixture pages", &pages());
    bench_pages(c, "dev pages (real dumps)", &dev_pages());
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = bench_extract
}
criterion_main!(benches);
