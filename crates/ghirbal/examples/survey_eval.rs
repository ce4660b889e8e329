//! Evaluate the survey (learned site templates) on a JSONL(.gz) news corpus such as
//! SaudiNewsNet: `source` is the domain, `content` split on '\n' gives the lines.
//!
//! ```text
//! cargo run --release -p ghirbal --example survey_eval -- \
//!     /work/shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz [heldout=src1,src2,...]
//! ```
//!
//! Prints, per domain: survey memory, the top learned templates, how many lines/spans are cut,
//! the kept rate of long body sentences (≥ 15 words), and the recall on a proxy set of known
//! boilerplate (found by evaluation-only patterns, never used by the method), next to a
//! CCNet-like baseline (drop every line seen in ≥ 3 documents of the domain). Samples of cut
//! items go to /tmp/survey_cuts.txt, the templates to /tmp/survey_templates.json.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::time::Instant;

use ghirbal::survey::{LineCut, SurveyCounts, TemplateConfig, Templates};
use ghirbal::text::{display_form, matching_form};
use rayon::prelude::*;
use regex::Regex;

struct Doc {
    source: String,
    lines: Vec<String>,
}

fn read(path: &str) -> Result<Vec<Doc>, Box<dyn std::error::Error>> {
    let f = std::fs::File::open(path)?;
    let r: Box<dyn BufRead> = if path.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(f)))
    } else {
        Box::new(BufReader::new(f))
    };
    let mut docs = Vec::new();
    for line in r.lines() {
        let line = line?;
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        let source = v["source"].as_str().unwrap_or("").to_string();
        let content = v["content"].as_str().unwrap_or("");
        docs.push(Doc {
            source,
            lines: content.split('\n').map(str::to_string).collect(),
        });
    }
    Ok(docs)
}

/// Evaluation-only proxy labels of known boilerplate (not used by the method).
struct Proxy {
    whole: Vec<Regex>,
    prefix: Regex,
    suffix: Regex,
}

impl Proxy {
    fn new() -> Self {
        let r = |s: &str| Regex::new(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        Proxy {
            whole: vec![
                r(r"^\.{2,}\s*المزيد$"),
                r(r"^\*\s*(خدمة|بالاتفاق مع)\s*«"),
                r(r"^\S+@\S+\.\S+$"),
                r(r"^(لمراسلة الكاتب|للتواصل)\s*:"),
                r(r"^\*\s*وحدة التقارير"),
                r(r"^مقالات أخرى للكاتب"),
            ],
            // Bylines/datelines at the start of a document: `[name-] outlet- [city]:`.
            prefix: r(
                r"^(?:[^\s:]+\s*){0,6}?(?:سبق|واس|رويترز|وكالات)\s*[-–ـ]*\s*(?:[^\s:]+\s*){0,3}:",
            ),
            // Glued footers: other-articles lists, write-to-the-author + e-mail.
            suffix: r(r"(?:مقالات أخرى للكاتب.*|لمراسلة الكاتب\s*:\s*\S+@\S+)$"),
        }
    }

    /// Known boilerplate items of a document: (line index, byte range in display).
    fn items(&self, displays: &[String]) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        let first = displays.iter().position(|d| !d.is_empty());
        for (i, d) in displays.iter().enumerate() {
            if d.is_empty() {
                continue;
            }
            if self.whole.iter().any(|re| re.is_match(d)) {
                out.push((i, 0..d.len()));
                continue;
            }
            if Some(i) == first {
                if let Some(m) = self.prefix.find(d) {
                    if m.end() < d.len() {
                        out.push((i, m.range()));
                    }
                }
            }
            if let Some(m) = self.suffix.find(d) {
                if m.start() > 0 {
                    out.push((i, m.range()));
                }
            }
        }
        out
    }
}

/// Sentences of ≥ 15 words in a display line.
fn long_sentences(d: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = d.as_bytes();
    for (i, c) in d.char_indices() {
        let end = matches!(c, '.' | '!' | '?' | '؟')
            && (i + c.len_utf8() == d.len() || b.get(i + c.len_utf8()) == Some(&b' '));
        if end || i + c.len_utf8() == d.len() {
            let s = d[start..i + c.len_utf8()].trim();
            if s.split(' ').count() >= 15 {
                out.push(s);
            }
            start = i + c.len_utf8();
        }
    }
    out
}

#[derive(Default)]
struct Score {
    docs: usize,
    lines_dropped: usize,
    prefix_cuts: usize,
    suffix_cuts: usize,
    long_total: usize,
    long_kept: usize,
    proxy_total: usize,
    proxy_gone: usize,
    base_long_kept: usize,
    base_proxy_gone: usize,
    base_dropped: usize,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "/work/shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz".into());
    let heldout: HashSet<String> = args
        .iter()
        .find_map(|a| a.strip_prefix("heldout="))
        .unwrap_or("sabq,aljazirah,arreyadi,alwatan")
        .split(',')
        .map(str::to_string)
        .collect();
    let t0 = Instant::now();
    let docs = read(&path)?;
    eprintln!("read {} docs in {:?}", docs.len(), t0.elapsed());

    // Survey: rayon fold/reduce (exact merge), pruned once merged.
    let t1 = Instant::now();
    let mut counts = docs
        .par_iter()
        .fold(SurveyCounts::default, |mut c, d| {
            let lines: Vec<&str> = d.lines.iter().map(String::as_str).collect();
            c.record(&d.source, &lines);
            c
        })
        .reduce(SurveyCounts::default, |mut a, b| {
            a.merge(b);
            a
        });
    counts.prune_over_limit();
    eprintln!("survey in {:?}", t1.elapsed());
    println!("== survey memory (approximate heap of per-domain statistics)");
    for (dom, dc) in &counts.domains {
        println!(
            "{dom:14} docs {:5} keys {:8} heap {:7.1} MiB ({:.0} B/doc) pruned {}",
            dc.docs,
            dc.keys.len(),
            dc.heap_bytes() as f64 / 1048576.0,
            dc.heap_bytes() as f64 / dc.docs.max(1) as f64,
            dc.pruned
        );
    }
    println!(
        "total heap {:.1} MiB",
        counts.heap_bytes() as f64 / 1048576.0
    );

    let templates = Templates::learn(&counts, &TemplateConfig::default());
    templates.save(std::path::Path::new("/tmp/survey_templates.json"))?;
    println!("\n== learned templates ({} in all)", templates.len());
    for (dom, dt) in &templates.domains {
        let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
        for t in &dt.templates {
            *by_kind.entry(format!("{:?}", t.kind)).or_default() += 1;
        }
        println!("-- {dom} ({} docs): {by_kind:?}", dt.docs);
        let mut top: Vec<_> = dt.templates.iter().collect();
        top.sort_by(|a, b| b.df.cmp(&a.df).then(a.pattern.cmp(&b.pattern)));
        for t in top.iter().take(14) {
            println!(
                "   {:>5} {:10} {:40} | {}",
                t.df,
                format!("{:?}", t.kind),
                t.pattern.chars().take(40).collect::<String>(),
                t.example.chars().take(60).collect::<String>()
            );
        }
    }

    // Baseline: lines (matching form) seen in ≥ 3 documents of the domain.
    let mut base_df: HashMap<(String, String), u32> = HashMap::new();
    for d in &docs {
        let set: HashSet<String> = d
            .lines
            .iter()
            .map(|l| matching_form(l))
            .filter(|m| !m.is_empty())
            .collect();
        for m in set {
            *base_df.entry((d.source.clone(), m)).or_default() += 1;
        }
    }

    let proxy = Proxy::new();
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let mut samples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut lost: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &docs {
        let lines: Vec<&str> = d.lines.iter().map(String::as_str).collect();
        let cuts = templates.apply(&d.source, &lines);
        let displays: Vec<String> = lines.iter().map(|l| display_form(l)).collect();
        let sc = scores.entry(d.source.clone()).or_default();
        sc.docs += 1;
        let smp = samples.entry(d.source.clone()).or_default();
        for (disp, cut) in displays.iter().zip(&cuts) {
            match cut {
                LineCut::Keep => {}
                LineCut::Drop { pattern, .. } => {
                    sc.lines_dropped += 1;
                    smp.push(format!("LINE   [{pattern}]\n       {disp}"));
                }
                LineCut::Trim { cuts: spans, keep } => {
                    for s in spans {
                        if s.reason.ends_with("prefix") {
                            sc.prefix_cuts += 1;
                        } else {
                            sc.suffix_cuts += 1;
                        }
                        let cut_txt = disp.get(s.range.clone()).unwrap_or("");
                        let kept = disp.get(keep.clone()).unwrap_or("");
                        let ctx: String = if s.reason.ends_with("prefix") {
                            kept.chars().take(50).collect()
                        } else {
                            let v: Vec<char> = kept.chars().collect();
                            v[v.len().saturating_sub(50)..].iter().collect()
                        };
                        smp.push(format!(
                            "{}  [{}]\n       CUT «{cut_txt}»  KEPT …{ctx}…",
                            if s.reason.ends_with("prefix") {
                                "PREFIX"
                            } else {
                                "SUFFIX"
                            },
                            s.pattern
                        ));
                    }
                }
            }
        }
        // Long body sentences kept (method and baseline). Known boilerplate (proxy items) is
        // taken out of the line first, so a sentence glued to a byline counts as body.
        let items = proxy.items(&displays);
        for (i, (disp, cut)) in displays.iter().zip(&cuts).enumerate() {
            let mut body = disp.clone();
            let mut mine: Vec<_> = items.iter().filter(|(j, _)| *j == i).collect();
            mine.sort_by_key(|(_, r)| std::cmp::Reverse(r.start));
            for (_, r) in mine {
                if r.start <= r.end && r.end <= body.len() {
                    body.replace_range(r.clone(), "");
                }
            }
            let body = body.trim();
            let kept = cut.kept(disp).unwrap_or("");
            let base_drop = !disp.is_empty()
                && base_df
                    .get(&(d.source.clone(), matching_form(disp)))
                    .is_some_and(|&n| n >= 3);
            for s in long_sentences(body) {
                sc.long_total += 1;
                if kept.contains(s) {
                    sc.long_kept += 1;
                } else {
                    lost.entry(d.source.clone())
                        .or_default()
                        .push(s.chars().take(160).collect());
                }
                if !base_drop {
                    sc.base_long_kept += 1;
                }
            }
        }
        for disp in &displays {
            if !disp.is_empty()
                && base_df
                    .get(&(d.source.clone(), matching_form(disp)))
                    .is_some_and(|&n| n >= 3)
            {
                sc.base_dropped += 1;
            }
        }
        // Proxy boilerplate recall.
        for (i, range) in items {
            let disp = &displays[i];
            let item = disp.get(range.clone()).unwrap_or("");
            sc.proxy_total += 1;
            let gone = match &cuts[i] {
                LineCut::Keep => false,
                LineCut::Drop { .. } => true,
                LineCut::Trim { keep, .. } => keep.start >= range.end || keep.end <= range.start,
            };
            if gone {
                sc.proxy_gone += 1;
            } else {
                misses
                    .entry(d.source.clone())
                    .or_default()
                    .push(item.chars().take(120).collect());
            }
            let base_gone = base_df
                .get(&(d.source.clone(), matching_form(disp)))
                .is_some_and(|&n| n >= 3);
            if base_gone {
                sc.base_proxy_gone += 1;
            }
        }
    }

    let mut out = String::new();
    for (dom, smp) in &samples {
        let _ = writeln!(out, "===== {dom}: {} cut items, 30 sampled", smp.len());
        let step = (smp.len() / 30).max(1);
        for s in smp.iter().step_by(step).take(30) {
            let _ = writeln!(out, "{s}");
        }
        if let Some(m) = misses.get(dom) {
            let _ = writeln!(
                out,
                "----- {dom}: {} proxy items missed (first 15)",
                m.len()
            );
            for s in m.iter().take(15) {
                let _ = writeln!(out, "MISS   {s}");
            }
        }
        if let Some(m) = lost.get(dom) {
            let _ = writeln!(
                out,
                "----- {dom}: {} long sentences cut (first 15)",
                m.len()
            );
            for s in m.iter().take(15) {
                let _ = writeln!(out, "LOST   {s}");
            }
        }
    }
    std::fs::write("/tmp/survey_cuts.txt", out)?;

    println!("\n== cuts and quality (method | CCNet-like baseline: drop lines in >= 3 docs)");
    println!(
        "{:14} {:>5} {:>6} {:>6} {:>6} | {:>9} {:>8} | {:>9} {:>8} | {:>6}",
        "domain",
        "docs",
        "lines",
        "prefix",
        "suffix",
        "long-kept",
        "proxy",
        "base-long",
        "b-proxy",
        "b-drop"
    );
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let mut groups: BTreeMap<&str, [usize; 6]> = BTreeMap::new();
    for (dom, s) in &scores {
        println!(
            "{dom:14} {:>5} {:>6} {:>6} {:>6} | {:>8.2}% {:>4}/{:<4} | {:>8.2}% {:>4}/{:<4} | {:>6}",
            s.docs,
            s.lines_dropped,
            s.prefix_cuts,
            s.suffix_cuts,
            pct(s.long_kept, s.long_total),
            s.proxy_gone,
            s.proxy_total,
            pct(s.base_long_kept, s.long_total),
            s.base_proxy_gone,
            s.proxy_total,
            s.base_dropped
        );
        let g = if heldout.contains(dom) {
            "held-out"
        } else {
            "dev"
        };
        let e = groups.entry(g).or_default();
        for (k, v) in [
            s.long_kept,
            s.long_total,
            s.proxy_gone,
            s.proxy_total,
            s.base_long_kept,
            s.base_proxy_gone,
        ]
        .into_iter()
        .enumerate()
        {
            e[k] += v;
        }
    }
    for (g, e) in &groups {
        println!(
            "{g:9}: method long-kept {:.2}% proxy-gone {:.1}% ({}/{}) | baseline long-kept {:.2}% proxy-gone {:.1}%",
            pct(e[0], e[1]),
            pct(e[2], e[3]),
            e[2],
            e[3],
            pct(e[4], e[1]),
            pct(e[5], e[3])
        );
    }
    eprintln!("total {:?}", t0.elapsed());
    Ok(())
}
