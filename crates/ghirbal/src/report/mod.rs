//! `report.html`: one self-contained page (inline CSS and SVG, no network, a few lines of script
//! for sorting tables) summarising a `clean` run from its output directory.
//!
//! Everything is derived from the run's outputs: `stats.json` (required: a run without it is not
//! complete), `templates.json`, `clusters.jsonl.zst` (+ titles from the articles and rejects),
//! and `samples.jsonl.zst` (see [`sample`]). Every number taken from `stats.json` is printed in an
//! element carrying `data-stat="<JSON pointer>"` and `data-value="<the JSON value>"`, so tests can
//! check that the page says what `stats.json` says. The page is bounded in size whatever the run:
//! tables and samples are capped (see [`ReportOptions`]) and sample pages stop at a byte budget.

mod html;
pub mod sample;

pub use sample::{
    build_page, write_samples, LineFate, SampleArticle, SampleCollector, SampleLine, SamplePage,
    SAMPLES_FILE,
};

use crate::dedup::Cluster;
use crate::io::AtomicFile;
use crate::pipeline::{files, Stats};
use crate::survey::Templates;
use crate::{Error, Result};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::xxh3_64;

/// File name of the report inside the output directory.
pub const REPORT_FILE: &str = "report.html";

/// Limits that keep the report small for any run.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportOptions {
    /// Domains in the per-domain table (the largest by records; the rest are summed).
    pub max_domains: usize,
    /// Learned template lines shown per domain (by document frequency).
    pub max_template_lines: usize,
    /// Largest duplicate clusters listed.
    pub max_clusters: usize,
    /// Members listed per cluster.
    pub max_cluster_members: usize,
    /// Sample pages shown.
    pub max_samples: usize,
    /// Sample pages stop being added once the page reaches this many bytes.
    pub sample_budget_bytes: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            max_domains: 200,
            max_template_lines: 5,
            max_clusters: 20,
            max_cluster_members: 8,
            max_samples: 40,
            sample_budget_bytes: 3_500_000,
        }
    }
}

/// Reads the outputs in `out_dir` and writes `out_dir/report.html` (atomically); returns its path.
pub fn write_report(out_dir: &Path, opts: &ReportOptions) -> Result<PathBuf> {
    let html = render_report(out_dir, opts)?;
    let path = out_dir.join(REPORT_FILE);
    let mut f = AtomicFile::create(&path)?;
    f.write_all(html.as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    f.commit()?;
    Ok(path)
}

/// Everything the report shows, loaded from an output directory.
#[derive(Debug)]
pub struct ReportData {
    pub stats: Stats,
    /// `stats.json` as JSON (the `data-value`s are taken from it).
    pub stats_json: serde_json::Value,
    pub templates: Option<Templates>,
    /// The largest clusters, with member titles and domains.
    pub clusters: Vec<ClusterView>,
    /// Sample pages (from `samples.jsonl.zst`, else kept articles without their original lines).
    pub samples: Vec<SamplePage>,
    /// Whether the samples carry their original lines.
    pub samples_have_lines: bool,
}

/// A duplicate cluster as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterView {
    pub cluster: Cluster,
    /// Member id → (title, domain), for the members shown.
    pub members: BTreeMap<String, (Option<String>, Option<String>)>,
}

/// Renders the report of the run in `out_dir`.
pub fn render_report(out_dir: &Path, opts: &ReportOptions) -> Result<String> {
    let data = load(out_dir, opts)?;
    Ok(html::render(&data, opts))
}

/// Loads what the report needs from `out_dir`.
pub fn load(out_dir: &Path, opts: &ReportOptions) -> Result<ReportData> {
    let stats_path = out_dir.join(files::STATS);
    let raw = std::fs::read_to_string(&stats_path).map_err(|e| Error::io(&stats_path, e))?;
    let bad = |e: serde_json::Error| Error::Input {
        path: stats_path.display().to_string(),
        line: e.line() as u64,
        detail: e.to_string(),
    };
    let stats_json: serde_json::Value = serde_json::from_str(&raw).map_err(bad)?;
    let stats: Stats = serde_json::from_value(stats_json.clone()).map_err(bad)?;
    let tpath = out_dir.join(files::TEMPLATES);
    let templates = if tpath.exists() {
        Some(Templates::load(&tpath)?)
    } else {
        None
    };
    let clusters = load_clusters(out_dir, opts)?;
    let spath = out_dir.join(SAMPLES_FILE);
    let (samples, samples_have_lines) = if spath.exists() {
        let mut v = Vec::new();
        for_each_line(&spath, |_, line| {
            v.push(serde_json::from_str::<SamplePage>(line)?);
            Ok(())
        })?;
        v.truncate(opts.max_samples);
        (v, true)
    } else {
        (fallback_samples(out_dir, opts.max_samples.min(20))?, false)
    };
    Ok(ReportData {
        stats,
        stats_json,
        templates,
        clusters,
        samples,
        samples_have_lines,
    })
}

/// Calls `f` on every line of a `.jsonl.zst` file (1-based line numbers).
pub(crate) fn for_each_line(
    path: &Path,
    mut f: impl FnMut(u64, &str) -> std::result::Result<(), serde_json::Error>,
) -> Result<()> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let dec = zstd::Decoder::new(file).map_err(|e| Error::io(path, e))?;
    let mut r = std::io::BufReader::new(dec);
    let mut line = String::new();
    let mut n = 0u64;
    loop {
        line.clear();
        let got = r.read_line(&mut line).map_err(|e| Error::io(path, e))?;
        if got == 0 {
            return Ok(());
        }
        n += 1;
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        f(n, t).map_err(|e| Error::Input {
            path: path.display().to_string(),
            line: n,
            detail: e.to_string(),
        })?;
    }
}

/// The fields of an article or reject line the report needs.
#[derive(Deserialize)]
struct Light {
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    domain: Option<String>,
}

/// The value of a leading `"id"` string field (`{"id":"..."`) when it has no escapes.
fn leading_id(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("{\"id\":\"")?;
    let end = rest.find(['"', '\\'])?;
    (rest.as_bytes()[end] == b'"').then(|| &rest[..end])
}

/// The `max_clusters` largest clusters (size, then id), with their shown members' titles.
fn load_clusters(out_dir: &Path, opts: &ReportOptions) -> Result<Vec<ClusterView>> {
    let cpath = out_dir.join(files::CLUSTERS);
    if !cpath.exists() || opts.max_clusters == 0 {
        return Ok(Vec::new());
    }
    // Bounded selection: keep the best `max_clusters` by (size desc, cluster id).
    let mut best: BTreeMap<(std::cmp::Reverse<usize>, String), Cluster> = BTreeMap::new();
    for_each_line(&cpath, |_, line| {
        let c: Cluster = serde_json::from_str(line)?;
        let key = (std::cmp::Reverse(c.size), c.cluster.clone());
        if best.len() < opts.max_clusters || best.last_key_value().is_some_and(|(k, _)| key < *k) {
            best.insert(key, c);
            if best.len() > opts.max_clusters {
                best.pop_last();
            }
        }
        Ok(())
    })?;
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    for c in best.values() {
        wanted.extend(c.members.iter().take(opts.max_cluster_members).cloned());
        wanted.insert(c.canonical.clone());
    }
    let mut found: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
    for name in [files::ARTICLES, files::REJECTS] {
        let p = out_dir.join(name);
        if wanted.is_empty() || !p.exists() {
            continue;
        }
        for_each_line(&p, |_, line| {
            // Both writers put the id first: skip the (large) lines of other ids unparsed.
            if let Some(id) = leading_id(line) {
                if !wanted.contains(id) || found.contains_key(id) {
                    return Ok(());
                }
            }
            let l: Light = serde_json::from_str(line)?;
            if let Some(id) = l.id {
                if wanted.contains(&id) && !found.contains_key(&id) {
                    found.insert(id, (l.title, l.domain));
                }
            }
            Ok(())
        })?;
    }
    Ok(best
        .into_values()
        .map(|c| {
            let members = c
                .members
                .iter()
                .take(opts.max_cluster_members)
                .chain(std::iter::once(&c.canonical))
                .filter_map(|m| found.get(m).map(|v| (m.clone(), v.clone())))
                .collect();
            ClusterView {
                cluster: c,
                members,
            }
        })
        .collect())
}

/// Without `samples.jsonl.zst`: the `n` kept articles with the smallest xxh3 of their id, shown
/// without original lines.
fn fallback_samples(out_dir: &Path, n: usize) -> Result<Vec<SamplePage>> {
    let p = out_dir.join(files::ARTICLES);
    if n == 0 || !p.exists() {
        return Ok(Vec::new());
    }
    #[derive(Deserialize)]
    struct Art {
        id: String,
        source_id: String,
        url: Option<String>,
        domain: Option<String>,
        title: Option<String>,
        text: String,
    }
    let mut best: BTreeMap<(u64, String), SamplePage> = BTreeMap::new();
    for_each_line(&p, |_, line| {
        let a: Art = serde_json::from_str(line)?;
        let key = (xxh3_64(a.id.as_bytes()), a.id.clone());
        if best.len() < n || best.last_key_value().is_some_and(|(k, _)| key < *k) {
            let text: String = a.text.chars().take(sample::MAX_ARTICLE_CHARS).collect();
            best.insert(
                key,
                SamplePage {
                    id: a.source_id,
                    domain: a.domain,
                    url: a.url,
                    kind: "sample".into(),
                    removed_fraction: 0.0,
                    lines: Vec::new(),
                    truncated_lines: 0,
                    articles: vec![SampleArticle {
                        id: a.id,
                        title: a.title,
                        status: "kept".into(),
                        text,
                    }],
                },
            );
            if best.len() > n {
                best.pop_last();
            }
        }
        Ok(())
    })?;
    Ok(best.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_id_is_read_only_when_plain() {
        assert_eq!(leading_id(r#"{"id":"a/1","x":1}"#), Some("a/1"));
        assert_eq!(leading_id(r#"{"id":"a\"b/1","x":1}"#), None);
        assert_eq!(leading_id(r#"{"x":1,"id":"a"}"#), None);
        assert_eq!(leading_id(r#"{"id":null}"#), None);
    }
}
