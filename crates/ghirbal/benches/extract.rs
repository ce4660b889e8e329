//! Extraction throughput (MB/s per core) on page dumps: the seed page and the page fixtures.
//! Run: `cargo bench -p ghirbal --bench extract`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn pages() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in ["seed", "pages"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
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

fn bench_extract(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("fixture pages", |b| {
        b.iter(|| {
            let mut articles = 0;
            for p in &pages {
                if let Ok(ex) = ghirbal::extract::extract_bytes(p, "bench") {
                    articles += ex.articles.len();
                }
            }
            articles
        })
    });
    g.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
