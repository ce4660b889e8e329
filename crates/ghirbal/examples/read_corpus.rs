//! Reads corpus inputs with the io reader and prints counts and throughput.
//!
//! ```text
//! cargo run --release -p ghirbal --example read_corpus -- /work/shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz
//! ```
//!
//! Prints: records, rejects by reason, records with empty (whitespace-only) text, records per
//! domain, input bytes (compressed), text bytes, and read throughput.

use ghirbal::io::{expand_inputs, Item, Reader, ReaderOptions};
use std::collections::BTreeMap;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let specs: Vec<String> = std::env::args().skip(1).collect();
    if specs.is_empty() {
        return Err("usage: read_corpus INPUT...".into());
    }
    let start = Instant::now();
    let mut reader = Reader::new(expand_inputs(&specs)?, ReaderOptions::default());
    let mut empty = 0u64;
    let mut domains: BTreeMap<String, u64> = BTreeMap::new();
    let mut rejects: BTreeMap<String, u64> = BTreeMap::new();
    let mut errors = 0u64;
    loop {
        let batch = match reader.next_batch(1024, 16 << 20) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {e}");
                errors += 1;
                continue;
            }
        };
        if batch.is_empty() {
            break;
        }
        for item in batch {
            match item {
                Item::Record(r) => {
                    if r.text.trim().is_empty() {
                        empty += 1;
                    }
                    *domains
                        .entry(r.domain.unwrap_or_else(|| "(none)".into()))
                        .or_default() += 1;
                }
                Item::Reject(r) => {
                    eprintln!("reject {}: {} {}", r.location(), r.reason, r.detail);
                    *rejects.entry(r.reason.to_string()).or_default() += 1;
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let s = reader.stats();
    println!("files            {} (empty {})", s.files, s.empty_files);
    println!("records          {}", s.records);
    println!("rejects          {} {:?}", s.rejects, rejects);
    println!("file errors      {errors}");
    println!("blank lines      {}", s.blank_lines);
    println!("empty text       {empty}");
    println!("domains          {}", domains.len());
    for (d, n) in &domains {
        println!("  {d:<24} {n}");
    }
    let mb = |b: u64| b as f64 / 1e6;
    println!("input bytes      {:.1} MB (as stored)", mb(s.input_bytes));
    println!("text bytes       {:.1} MB", mb(s.text_bytes));
    println!("time             {secs:.2} s");
    println!(
        "throughput       {:.1} MB/s stored, {:.1} MB/s text, {:.0} records/s",
        mb(s.input_bytes) / secs,
        mb(s.text_bytes) / secs,
        s.records as f64 / secs
    );
    Ok(())
}
