//! Calibrates the filter presets on a JSONL(.gz) news corpus (the SaudiNewsNet dev file): reject
//! rate overall, by first reason, by every failing rule and by source; language-id shares; signal
//! throughput; and, with `--show N`, up to N sample rejects per reason (to read them).
//!
//! ```text
//! cargo run -p ghirbal --example filter_calibrate -- \
//!     ../shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz [--preset NAME] [--config FILE] [--show N]
//! ```
//! Each record's `content` is split into paragraphs by '\n'; records with empty content are
//! skipped (they are rejected as empty elsewhere).

use flate2::read::MultiGzDecoder;
use ghirbal::core::stage::FilterDoc;
use ghirbal::filter::{FilterConfig, Filters, PRESETS};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

struct Doc {
    source: String,
    title: Option<String>,
    body: Vec<String>,
    bytes: usize,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut path = String::from("../shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz");
    let mut presets: Vec<String> = Vec::new();
    let mut configs: Vec<String> = Vec::new();
    let mut show = 0usize;
    let mut dump: Option<String> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--preset" => presets.push(args.next().ok_or("--preset NAME")?),
            "--config" => configs.push(args.next().ok_or("--config FILE")?),
            "--show" => show = args.next().ok_or("--show N")?.parse()?,
            "--dump" => dump = Some(args.next().ok_or("--dump FILE")?),
            _ => path = a,
        }
    }
    if presets.is_empty() && configs.is_empty() {
        presets = PRESETS.iter().map(|s| s.to_string()).collect();
    }

    let docs = read_docs(&path)?;
    let total_bytes: usize = docs.iter().map(|d| d.bytes).sum();
    println!(
        "{path}: {} records with content, {:.1} MB of content",
        docs.len(),
        total_bytes as f64 / 1e6
    );

    // Baseline on this machine: one pass decoding the characters and counting Arabic letters.
    let cpu0 = thread_cpu_secs();
    let t = Instant::now();
    let mut n_ar = 0usize;
    for d in &docs {
        for p in &d.body {
            n_ar += p
                .chars()
                .filter(|&c| ghirbal::filter::lang::is_arabic_letter(c))
                .count();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs()
        .map(|c| c - cpu0.unwrap_or(0.0))
        .unwrap_or(secs);
    println!(
        "baseline char pass ({n_ar} Arabic letters): {:.0} MB/s wall, {:.0} MB/s CPU",
        total_bytes as f64 / 1e6 / secs,
        total_bytes as f64 / 1e6 / cpu
    );

    // Language id over title + body.
    let t = Instant::now();
    let cpu0 = thread_cpu_secs();
    let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &docs {
        let parts = d
            .title
            .as_deref()
            .into_iter()
            .chain(d.body.iter().map(String::as_str));
        *langs
            .entry(ghirbal::filter::lang::identify_parts(parts).lang)
            .or_default() += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs()
        .map(|c| c - cpu0.unwrap_or(0.0))
        .unwrap_or(secs);
    println!(
        "\nlanguage id ({:.0} MB/s wall, {:.0} MB/s CPU; at most {} chars/doc read):",
        total_bytes as f64 / 1e6 / secs,
        total_bytes as f64 / 1e6 / cpu,
        ghirbal::filter::lang::MAX_CHARS
    );
    for (l, n) in &langs {
        println!(
            "  {l:>4}: {n:>6} ({:.3}%)",
            100.0 * *n as f64 / docs.len() as f64
        );
    }

    let mut runs: Vec<(String, FilterConfig)> = Vec::new();
    for p in presets {
        let cfg = ghirbal::filter::preset(&p).ok_or_else(|| format!("unknown preset {p}"))?;
        runs.push((p, cfg));
    }
    for c in configs {
        let text = std::fs::read_to_string(&c)?;
        runs.push((c, FilterConfig::from_json(&text)?));
    }
    for (name, cfg) in runs {
        report(&name, cfg, &docs, total_bytes, show, dump.take())?;
    }
    Ok(())
}

fn read_docs(path: &str) -> Result<Vec<Doc>, Box<dyn std::error::Error>> {
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut docs = Vec::new();
    for (i, line) in BufReader::new(reader).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("line {}: {e}", i + 1);
                continue;
            }
        };
        let content = v.get("content").and_then(|c| c.as_str()).unwrap_or("");
        if content.trim().is_empty() {
            continue;
        }
        docs.push(Doc {
            source: v
                .get("source")
                .and_then(|c| c.as_str())
                .unwrap_or("?")
                .to_string(),
            title: v.get("title").and_then(|c| c.as_str()).map(str::to_string),
            body: content.split('\n').map(str::to_string).collect(),
            bytes: content.len(),
        });
    }
    Ok(docs)
}

fn report(
    name: &str,
    cfg: FilterConfig,
    docs: &[Doc],
    total_bytes: usize,
    show: usize,
    dump: Option<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write;
    let mut dump = match dump {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    let quality_only = ghirbal::filter::QualityFilter::new(cfg.quality.clone())?;
    let filters = Filters::new(cfg)?;
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    let mut any: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_source: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut samples: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut rejected = 0usize;
    let t = Instant::now();
    let cpu0 = thread_cpu_secs();
    for (i, d) in docs.iter().enumerate() {
        let doc = FilterDoc {
            title: d.title.as_deref(),
            body: &d.body,
            domain: None,
        };
        let (signals, reason) = filters.apply(&doc);
        if let Some(w) = dump.as_mut() {
            if i == 0 {
                let keys: Vec<&str> = signals.keys().copied().collect();
                writeln!(w, "i\tsource\treason\t{}", keys.join("\t"))?;
            }
            let vals: Vec<String> = signals.values().map(|v| format!("{v:.4}")).collect();
            let r = reason.as_ref().map(|r| r.to_string()).unwrap_or_default();
            writeln!(w, "{i}\t{}\t{r}\t{}", d.source, vals.join("\t"))?;
        }
        let e = by_source.entry(d.source.as_str()).or_default();
        e.1 += 1;
        for r in filters.quality_failures(&signals) {
            *any.entry(r.to_string()).or_default() += 1;
        }
        if let Some(r) = reason {
            rejected += 1;
            e.0 += 1;
            *first.entry(r.to_string()).or_default() += 1;
            let s = samples.entry(r.to_string()).or_default();
            if s.len() < show {
                s.push(i);
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs().map(|c| c - cpu0.unwrap_or(0.0));
    let n = docs.len() as f64;
    println!(
        "\n== preset {name}: rejected {rejected} / {} = {:.2}%",
        docs.len(),
        100.0 * rejected as f64 / n
    );
    println!(
        "  throughput (lang + quality + rule report, one thread): {:.0} MB/s wall, {} MB/s CPU",
        total_bytes as f64 / 1e6 / secs,
        cpu.map(|c| format!("{:.0}", total_bytes as f64 / 1e6 / c))
            .unwrap_or_else(|| "?".into())
    );
    let cpu0 = thread_cpu_secs();
    let t = Instant::now();
    let mut sig = ghirbal::core::stage::Signals::new();
    for d in docs {
        sig.clear();
        quality_only.compute_signals(&d.body, &mut sig);
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs()
        .map(|c| c - cpu0.unwrap_or(0.0))
        .unwrap_or(secs);
    println!(
        "  quality signals alone: {:.0} MB/s wall, {:.0} MB/s CPU",
        total_bytes as f64 / 1e6 / secs,
        total_bytes as f64 / 1e6 / cpu
    );
    println!("  by first reason:");
    let mut v: Vec<_> = first.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (r, c) in v {
        println!("    {r:<28} {c:>6} ({:.2}%)", 100.0 * *c as f64 / n);
    }
    println!("  every failing quality rule (a document can fail several):");
    let mut v: Vec<_> = any.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (r, c) in v {
        println!("    {r:<28} {c:>6} ({:.2}%)", 100.0 * *c as f64 / n);
    }
    println!("  by source (rejected / records):");
    for (s, (r, t)) in &by_source {
        println!(
            "    {s:<14} {r:>5} / {t:>5} ({:.2}%)",
            100.0 * *r as f64 / *t as f64
        );
    }
    for (r, idx) in &samples {
        println!("  -- samples for {r}:");
        for &i in idx {
            let d = &docs[i];
            let text: String = d.body.join(" ¶ ").chars().take(400).collect();
            println!(
                "    [{}] {} :: {}",
                d.source,
                d.title.as_deref().unwrap_or(""),
                text
            );
        }
    }
    Ok(())
}

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`), to measure throughput on a
/// shared, loaded machine.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
