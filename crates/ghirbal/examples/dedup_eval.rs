//! Evaluates dedup on a SaudiNewsNet-style JSONL(.gz) file.
//!
//! ```text
//! cargo run --release -p ghirbal --example dedup_eval [-- PATH [THRESHOLD]]
//! ```
//!
//! Reads every line (`content` = body, `url` = id, `source` = domain, `date_extracted` = date),
//! computes the matching form per paragraph, and deduplicates on one thread (throughput) and on
//! the default pool (determinism). Prints counts, the cluster size histogram, MB/s and dedup
//! memory per document; checks that no two kept articles share a matching-form body; checks that
//! deduplicating the first half and then the second half against the first half's saved index
//! keeps the same articles; writes, outside the repository:
//!
//! * `/tmp/dedup_sample.txt`: 50 random clusters (fixed seed), first 200 characters per member;
//! * `/tmp/ghirbal_pairs.tsv`: every pair of ids in the same cluster (`id1\tid2`);
//! * `/tmp/ghirbal_clusters.jsonl.zst`: the clusters with full membership.

use ghirbal::dedup::{self, DedupDoc, DedupIndex, DedupOutput, DedupParams, DedupResult};
use ghirbal::text::matching_form;
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts live heap bytes and their peak.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// CPU seconds (user + system) of the calling thread, from /proc (0 where unavailable).
fn thread_cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses): utime is 14th, stime 15th overall.
    let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split(' ').collect();
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

struct Art {
    id: String,
    domain: String,
    date: String,
    body: String,
    matching: String,
    chars: usize,
}

fn docs(arts: &[Art], key0: u64) -> Vec<DedupDoc<'_>> {
    arts.iter()
        .enumerate()
        .map(|(i, a)| DedupDoc {
            key: key0 + i as u64,
            id: &a.id,
            matching_body: &a.matching,
            body_chars: a.chars,
            date: (!a.date.is_empty()).then_some(a.date.as_str()),
            domain: (!a.domain.is_empty()).then_some(a.domain.as_str()),
        })
        .collect()
}

fn kept(docs: &[DedupDoc<'_>], out: &DedupOutput) -> BTreeSet<String> {
    docs.iter()
        .zip(&out.results)
        .filter(|(_, r)| r.is_kept())
        .map(|(d, _)| d.id.to_string())
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "/work/shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz".to_string());
    let mut params = DedupParams::default();
    if let Some(t) = args.get(2) {
        params.threshold = t.parse()?;
    }
    let f = std::fs::File::open(&path)?;
    let r = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(f));
    let mut raw = Vec::new();
    for line in r.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        raw.push((s("url"), s("source"), s("date_extracted"), s("content")));
    }
    let t0 = Instant::now();
    let mut arts: Vec<Art> = raw
        .into_iter()
        .map(|(id, domain, date, body)| {
            let matching = body
                .lines()
                .map(matching_form)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            let chars = body.trim().chars().count();
            Art {
                id,
                domain,
                date,
                body,
                matching,
                chars,
            }
        })
        .collect();
    let t_match = t0.elapsed().as_secs_f64();
    // Ids must be unique for the evaluation; make repeated URLs distinct.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for a in &mut arts {
        let n = seen.entry(a.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            a.id = format!("{}#{}", a.id, n);
        }
    }
    let raw_bytes: usize = arts.iter().map(|a| a.body.len()).sum();
    let m_bytes: usize = arts.iter().map(|a| a.matching.len()).sum();
    let all = docs(&arts, 0);
    println!("input: {path}");
    println!(
        "docs: {}  body: {:.1} MB  matching form: {:.1} MB  repeated urls: {}",
        all.len(),
        raw_bytes as f64 / 1e6,
        m_bytes as f64 / 1e6,
        seen.values().filter(|&&n| n > 1).count()
    );
    println!("params: {params:?}");
    println!(
        "matching_form: {:.2} s ({:.1} MB/s)",
        t_match,
        raw_bytes as f64 / 1e6 / t_match
    );

    // One thread: throughput and memory.
    let pool1 = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let mut reps = Vec::new();
    let mut out1 = None;
    let mut mem = (0usize, 0usize);
    for _ in 0..3 {
        let (o, secs, m) = pool1.install(|| -> Result<_, ghirbal::Error> {
            let base = LIVE.load(Relaxed);
            PEAK.store(base, Relaxed);
            let t = Instant::now();
            let c = thread_cpu();
            let mut idx = DedupIndex::new(params.clone())?;
            let o = dedup::dedup(&all, &mut idx)?;
            let secs = (t.elapsed().as_secs_f64(), thread_cpu() - c);
            let results_bytes: usize = o
                .results
                .iter()
                .map(|r| match r {
                    DedupResult::Duplicate { of, cluster, .. } => {
                        of.capacity() + cluster.capacity()
                    }
                    DedupResult::Canonical(i) => {
                        i.cluster.capacity()
                            + i.members.iter().map(|m| m.capacity() + 24).sum::<usize>()
                            + i.domains.iter().map(|m| m.capacity() + 24).sum::<usize>()
                    }
                    DedupResult::Unique => 0,
                })
                .sum::<usize>()
                + o.results.capacity() * std::mem::size_of::<DedupResult>()
                + o.clusters.capacity() * std::mem::size_of::<dedup::Cluster>()
                + o.clusters
                    .iter()
                    .map(|c| {
                        c.cluster.capacity()
                            + c.canonical.capacity()
                            + (c.members.capacity() + c.domains.capacity()) * 24
                            + c.members.iter().map(|m| m.capacity()).sum::<usize>()
                            + c.domains.iter().map(|m| m.capacity()).sum::<usize>()
                    })
                    .sum::<usize>();
            let peak = PEAK.load(Relaxed) - base;
            Ok((
                o,
                secs,
                (idx.state_bytes(), peak.saturating_sub(results_bytes)),
            ))
        })?;
        reps.push(secs);
        mem = m;
        out1 = Some(o);
    }
    let Some(out) = out1 else { return Ok(()) };
    reps.sort_by(|a, b| a.1.total_cmp(&b.1));
    let best = reps[0].1;
    let n = all.len() as f64;
    // Phase 1 alone (signatures and band keys), CPU time on one thread.
    let texts: Vec<&str> = arts.iter().map(|a| a.matching.as_str()).collect();
    let hasher = dedup::MinHasher::new(&params);
    let p1 = pool1.install(|| {
        let c = thread_cpu();
        let r = dedup::sketch_batch(&hasher, &texts);
        (thread_cpu() - c, r.keys.len())
    });
    println!(
        "phase 1 (shingles, MinHash, band keys), 1 thread: {:.2} CPU s → {:.1} MB/s of body text",
        p1.0,
        raw_bytes as f64 / 1e6 / p1.0
    );
    println!(
        "dedup, 1 thread: best {:.2} CPU s of 3 (wall {:.2} s; the machine is shared) → {:.1} MB/s of body text, {:.1} MB/s of matching form ({:.0} docs/s)",
        best,
        reps[0].0,
        raw_bytes as f64 / 1e6 / best,
        m_bytes as f64 / 1e6 / best,
        n / best
    );
    println!(
        "dedup + matching_form, 1 thread: {:.1} MB/s of body text",
        raw_bytes as f64 / 1e6 / (best + t_match)
    );
    println!(
        "memory: index state {:.1} B/doc; peak heap during dedup (minus its output: verdicts and clusters) {:.1} B/doc",
        mem.0 as f64 / n,
        mem.1 as f64 / n
    );

    // Default pool: same output?
    let t = Instant::now();
    let mut idx = DedupIndex::new(params.clone())?;
    let out_n = dedup::dedup(&all, &mut idx)?;
    println!(
        "dedup, {} threads: {:.3} s; identical to 1 thread: {}",
        rayon::current_num_threads(),
        t.elapsed().as_secs_f64(),
        out_n.results == out.results && out_n.clusters == out.clusters
    );
    let s = &out.stats;
    println!(
        "kept {}  exact dups {}  near dups {}  clusters {}  candidates {}  edges {}",
        s.kept, s.exact_dups, s.near_dups, s.clusters, s.candidates, s.edges
    );
    let mut hist: BTreeMap<usize, usize> = BTreeMap::new();
    for c in &out.clusters {
        *hist.entry(c.size).or_default() += 1;
    }
    println!("cluster sizes (size: count): {hist:?}");
    let by_id: BTreeMap<&str, usize> = arts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let exact_only = out
        .clusters
        .iter()
        .filter(|c| {
            let ms: BTreeSet<&str> = c
                .members
                .iter()
                .filter_map(|m| by_id.get(m.as_str()))
                .map(|&i| arts[i].matching.as_str())
                .collect();
            ms.len() == 1
        })
        .count();
    let empty = arts.iter().filter(|a| a.matching.trim().is_empty()).count();
    println!("clusters whose members are all identical: {exact_only}; documents with an empty body: {empty}");

    // No two kept articles share a matching-form body.
    let mut bodies = BTreeSet::new();
    let mut clash = 0;
    for (a, r) in arts.iter().zip(&out.results) {
        if r.is_kept() && !bodies.insert(a.matching.as_str()) {
            clash += 1;
        }
    }
    println!("kept articles sharing a matching-form body with another kept one: {clash}");

    // Incremental: first half, save, load, second half.
    let half = arts.len() / 2;
    let a_docs = docs(&arts[..half], 0);
    let b_docs = docs(&arts[half..], half as u64);
    let mut ia = DedupIndex::new(params.clone())?;
    let oa = dedup::dedup(&a_docs, &mut ia)?;
    let ipath = std::env::temp_dir().join("ghirbal_dedup_eval.idx");
    ia.save(&ipath)?;
    let file_bytes = std::fs::metadata(&ipath)?.len();
    let t = Instant::now();
    let mut ib = DedupIndex::load(&ipath)?;
    let load_s = t.elapsed().as_secs_f64();
    let ob = dedup::dedup(&b_docs, &mut ib)?;
    let mut inc = kept(&a_docs, &oa);
    inc.extend(kept(&b_docs, &ob));
    let whole = kept(&all, &out);
    // Expected differences under the "earlier kept article wins" rule: clusters of the at-once run
    // whose kept article is in B while some member in A was kept by the A run.
    let kept_a = kept(&a_docs, &oa);
    let mut rule = 0usize;
    for c in &out.clusters {
        let canon_in_b = by_id.get(c.canonical.as_str()).is_some_and(|&i| i >= half);
        if canon_in_b && c.members.iter().any(|m| kept_a.contains(m)) {
            rule += 1;
        }
    }
    println!("clusters where a B article would win over an article A already kept: {rule}");
    println!(
        "incremental (half A, then half B against A's index: {} B = {:.1} B/doc, loaded in {:.3} s): kept {} vs {} at once; differing ids {}",
        file_bytes,
        file_bytes as f64 / half as f64,
        load_s,
        inc.len(),
        whole.len(),
        inc.symmetric_difference(&whole).count()
    );

    // Pairs and clusters files.
    let mut pairs = std::io::BufWriter::new(std::fs::File::create("/tmp/ghirbal_pairs.tsv")?);
    let mut npairs = 0usize;
    for c in &out.clusters {
        let mut ms = c.members.clone();
        ms.sort();
        for (i, x) in ms.iter().enumerate() {
            for y in &ms[i + 1..] {
                writeln!(pairs, "{x}\t{y}")?;
                npairs += 1;
            }
        }
    }
    pairs.flush()?;
    let mut z = zstd::Encoder::new(std::fs::File::create("/tmp/ghirbal_clusters.jsonl.zst")?, 3)?;
    for c in &out.clusters {
        serde_json::to_writer(&mut z, c)?;
        z.write_all(b"\n")?;
    }
    z.finish()?;
    println!("wrote /tmp/ghirbal_pairs.tsv ({npairs} pairs), /tmp/ghirbal_clusters.jsonl.zst");

    // Sample of 50 clusters (fixed seed).
    let mut state = 0x5eed_u64;
    let mut order: Vec<(u64, usize)> = (0..out.clusters.len())
        .map(|i| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31), i)
        })
        .collect();
    order.sort_unstable();
    let mut f = std::io::BufWriter::new(std::fs::File::create("/tmp/dedup_sample.txt")?);
    for (k, &(_, ci)) in order.iter().take(50).enumerate() {
        let c = &out.clusters[ci];
        writeln!(
            f,
            "=== sample {} cluster {} size {} domains {:?}",
            k + 1,
            c.cluster,
            c.size,
            c.domains
        )?;
        for m in c.members.iter().take(6) {
            let Some(&i) = by_id.get(m.as_str()) else {
                continue;
            };
            let a = &arts[i];
            let sim = match &out.results[i] {
                DedupResult::Duplicate {
                    similarity, kind, ..
                } => format!("{kind:?} {similarity:.2}"),
                _ => "KEPT".to_string(),
            };
            let head: String = a.body.trim().chars().take(200).collect();
            let tail: String = {
                let t: Vec<char> = a.body.trim().chars().collect();
                t[t.len().saturating_sub(100)..].iter().collect()
            };
            writeln!(f, "--- [{sim}] {} ({} chars, {})", a.id, a.chars, a.date)?;
            writeln!(f, "    HEAD: {}", head.replace('\n', " / "))?;
            writeln!(f, "    TAIL: {}", tail.replace('\n', " / "))?;
        }
    }
    f.flush()?;
    println!("wrote /tmp/dedup_sample.txt (50 clusters)");
    Ok(())
}
