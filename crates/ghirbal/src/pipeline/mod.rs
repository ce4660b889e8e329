//! The `clean` pipeline: readers → survey → structure → filters → dedup → writers.
//!
//! - [`config`]: [`CleanConfig`], the serde configuration with presets.
//! - [`record`]: cleaning one record (template cuts, structure, filters): pure and parallel.
//! - [`stats`]: the `stats.json` layout.
//!
//! Two passes over the input: the survey counts per-site line shapes (skipped with `--templates`
//! or `survey: false`), then the clean pass streams batches through [`record::clean_record`] in
//! parallel (rayon; results collected in input order). Kept articles go to a spool with their
//! dedup sketches; once the input is done, dedup clusters the sketches and the spool is rewritten
//! into `articles.jsonl.zst` with provenance, duplicates moving to `rejects.jsonl.zst`. Every
//! file is written atomically and `stats.json` last, so a killed run never looks complete.

pub mod config;
pub mod parquet_out;
pub mod record;
mod spool;
pub mod stats;

pub use config::{CleanConfig, OutputFormat, PIPELINE_PRESETS};
pub use record::{clean_record, clean_record_with, ArticleRecord, Cleaned, RejectRecord};
pub use stats::{Stats, STATS_SCHEMA};

use crate::dedup::{self, DedupDoc, DedupIndex, DedupResult, Sketches};
use crate::filter::Filters;
use crate::io::{self, InputSource, Item, JsonlWriter, Reader, ReaderOptions};
use crate::survey::{survey_sampled, SurveyCounts, Templates};
use crate::{Error, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Output file names inside the output directory.
pub mod files {
    pub const ARTICLES: &str = "articles.jsonl.zst";
    pub const ARTICLES_PARQUET: &str = "articles.parquet";
    pub const REJECTS: &str = "rejects.jsonl.zst";
    pub const CLUSTERS: &str = "clusters.jsonl.zst";
    pub const TEMPLATES: &str = "templates.json";
    pub const STATS: &str = "stats.json";
    pub const CONFIG: &str = "config.json";
}

/// Where `clean` reads and writes.
#[derive(Clone, Debug)]
pub struct CleanJob {
    /// Input specs (files, directories, globs, `-`).
    pub inputs: Vec<String>,
    pub out_dir: PathBuf,
    pub config: CleanConfig,
    /// Templates learned earlier (`--templates`): no survey.
    pub templates: Option<PathBuf>,
    /// Dedup index to load (if it exists) and save (`--dedup-index`).
    pub dedup_index: Option<PathBuf>,
}

/// Progress callbacks (a progress bar in the CLI; nothing in tests).
pub trait Progress: Sync {
    /// A new phase starts (`survey`, `clean`, `dedup`, `write`).
    fn phase(&self, _name: &str) {}
    /// `records` more records and `bytes` more text bytes done in the current phase.
    fn advance(&self, _records: u64, _bytes: u64) {}
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {}

const BATCH_BYTES: usize = 64 << 20;

/// Runs the whole job; returns the stats also written to `stats.json`.
pub fn run(job: &CleanJob, progress: &dyn Progress) -> Result<Stats> {
    let start = Instant::now();
    let cfg = &job.config;
    cfg.validate()?;
    std::fs::create_dir_all(&job.out_dir).map_err(|e| Error::io(&job.out_dir, e))?;
    // Stale results of an earlier run must not sit beside a new, unfinished one.
    let stats_path = job.out_dir.join(files::STATS);
    for stale in [
        files::STATS,
        crate::report::REPORT_FILE,
        crate::report::SAMPLES_FILE,
        files::ARTICLES,
        files::ARTICLES_PARQUET,
    ] {
        let p = job.out_dir.join(stale);
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
        }
    }
    let mut sources = io::expand_inputs(&job.inputs)?;
    let filters = Filters::new(cfg.filters.clone())?;
    let reader_opts = ReaderOptions {
        fields: cfg.fields.clone(),
        max_record_bytes: cfg.max_record_bytes,
    };
    let mut stats = Stats {
        schema: STATS_SCHEMA,
        preset: cfg.preset.clone(),
        ..Default::default()
    };

    // Pass 1: templates. Standard input is read twice then, so it is spooled to a file first
    // (the guard removes it when the run ends).
    let survey_start = Instant::now();
    let _stdin_spool = if job.templates.is_none() && cfg.survey {
        spool_stdin(&mut sources, &job.out_dir)?
    } else {
        None
    };
    let templates = match &job.templates {
        Some(path) => Some(Templates::load(path)?),
        None if cfg.survey => {
            progress.phase("survey");
            let s = survey(&sources, &reader_opts, cfg, progress)?;
            stats.survey_state_bytes = s.peak_bytes as u64;
            stats.survey_records = s.records;
            stats.survey_records_skipped = s.skipped;
            stats.survey_entries_pruned = s.pruned;
            Some(s.templates)
        }
        None => None,
    };
    stats.timings.survey_s = survey_start.elapsed().as_secs_f64();
    if let Some(t) = &templates {
        stats.templates = t.len() as u64;
        stats.section_titles = t.section_title_count() as u64;
        for (d, dt) in &t.domains {
            stats.domains.entry(d.clone()).or_default().templates = dt_len(dt);
        }
    }

    // Pass 2: clean.
    let clean_start = Instant::now();
    progress.phase("clean");
    let mut index = match (&cfg.dedup, &job.dedup_index) {
        (Some(_), Some(p)) if p.exists() => Some(DedupIndex::load(p)?),
        (Some(params), _) => Some(DedupIndex::new(params.clone())?),
        (None, _) => None,
    };
    let spool_path = job
        .out_dir
        .join(format!(".articles.spool-{}.jsonl", std::process::id()));
    let _spool_guard = RemoveOnDrop(spool_path.clone());
    let mut spool = JsonlWriter::create(&spool_path)?;
    let mut rejects = JsonlWriter::create(job.out_dir.join(files::REJECTS))?;
    let mut metas: Vec<DocMeta> = Vec::new();
    let mut samples = crate::report::SampleCollector::new(20, 10);
    let mut sketches = Sketches::default();
    // JSON Lines output: the spool holds the final lines (Parquet reads the records back).
    let raw_spool = cfg.output_format == OutputFormat::Jsonl;
    // Without dedup no verdict waits for the end of the input: JSON Lines articles go straight
    // to their output, in input order, and are counted as kept right away (no spool).
    let mut direct = if raw_spool && index.is_none() {
        Some(ArticleSink::create(&job.out_dir, cfg.output_format)?)
    } else {
        None
    };
    let mut float_buf: Vec<u8> = Vec::new();
    let mut reader = Reader::new(sources.clone(), reader_opts.clone());
    loop {
        let batch = reader.next_batch(cfg.batch_records, BATCH_BYTES)?;
        if batch.is_empty() {
            break;
        }
        // The matching-form bodies feed dedup only.
        let matching = index.is_some();
        let cleaned: Vec<Option<Cleaned>> = batch
            .par_iter()
            .map(|item| match item {
                Item::Record(r) => {
                    Some(clean_record_with(r, templates.as_ref(), &filters, matching))
                }
                Item::Reject(_) => None,
            })
            .collect();
        let mut batch_bodies: Vec<String> = Vec::new();
        let mut bytes = 0u64;
        for (item, cleaned) in batch.iter().zip(cleaned) {
            stats.records.items += 1;
            match (item, cleaned) {
                (Item::Reject(r), _) => {
                    stats.records.input_rejects += 1;
                    count_reject(&mut stats, "input", r.reason.as_str(), None);
                    rejects.write(&input_reject(r))?;
                }
                (Item::Record(rec), Some(c)) => {
                    bytes += rec.text.len() as u64;
                    stats.records.records += 1;
                    stats.length_in.add(rec.text.chars().count());
                    let domain = rec.domain.as_deref().unwrap_or("-");
                    let d = entry(&mut stats.domains, domain);
                    d.records += 1;
                    d.articles += c.articles as u64;
                    stats.section_title_fields += u64::from(c.section_title);
                    if c.articles == 0 {
                        stats.records.rejected += 1;
                    } else {
                        stats.records.with_articles += 1;
                    }
                    stats.articles.found += c.articles as u64;
                    samples.offer(rec, &c);
                    for (role, n) in &c.line_roles {
                        *stats.line_roles.entry(*role).or_default() += n;
                    }
                    for (reason, n) in &c.line_reasons {
                        *entry(&mut stats.line_reasons, reason) += n;
                    }
                    for r in &c.rejects {
                        if r.stage == "filter" {
                            stats.articles.filtered += 1;
                        }
                        count_reject(&mut stats, &r.stage, r.reason.as_str(), Some(domain));
                        rejects.write(r)?;
                    }
                    for (k, (mut art, matching)) in c.kept.into_iter().enumerate() {
                        if let Some(articles) = direct.as_mut() {
                            spool::reparse_floats(&mut art, &mut float_buf);
                            articles
                                .write_with(|out| spool::write_article(out, &art))?
                                .map_err(|e| spool_error(&spool_path, e))?;
                            count_kept(&mut stats, domain, &art.lang, art.text.chars().count());
                            continue;
                        }
                        let line = if raw_spool {
                            // The final line, written once (see `spool`).
                            spool::reparse_floats(&mut art, &mut float_buf);
                            let spans = spool
                                .write_with(|out| spool::write_article(out, &art))?
                                .map_err(|e| spool_error(&spool_path, e))?;
                            Some(SpooledLine {
                                spans,
                                lang: art.lang.clone(),
                                text_chars: art.text.chars().count(),
                            })
                        } else {
                            spool.write(&art)?;
                            None
                        };
                        metas.push(DocMeta {
                            key: rec.seq * 4096 + k as u64,
                            id: art.id,
                            body_chars: art.body.iter().map(|p| p.chars().count()).sum(),
                            date: art.date,
                            domain: art.domain,
                            line,
                        });
                        batch_bodies.push(matching);
                    }
                }
                (Item::Record(_), None) => {}
            }
        }
        if let Some(index) = &index {
            let sketch_start = Instant::now();
            let texts: Vec<&str> = batch_bodies.iter().map(String::as_str).collect();
            let s = Sketches::compute(index, &texts);
            stats.timings.dedup_sketch_s += sketch_start.elapsed().as_secs_f64();
            sketches.extend(s);
        }
        progress.advance(batch.len() as u64, bytes);
    }
    let rs = reader.stats().clone();
    stats.inputs = stats::InputCounts {
        files: rs.files,
        empty_files: rs.empty_files,
        bytes: rs.input_bytes,
        text_bytes: rs.text_bytes,
        blank_lines: rs.blank_lines,
        skipped_warc_records: rs.skipped_warc_records.clone(),
    };
    spool.commit()?;
    stats.timings.clean_s = clean_start.elapsed().as_secs_f64();

    // Dedup over everything kept.
    let dedup_start = Instant::now();
    progress.phase("dedup");
    let verdicts: Option<dedup::DedupOutput> = match index.as_mut() {
        Some(index) => {
            let docs: Vec<DedupDoc<'_>> = metas
                .iter()
                .map(|m| DedupDoc {
                    key: m.key,
                    id: &m.id,
                    matching_body: "",
                    body_chars: m.body_chars,
                    date: m.date.as_deref(),
                    domain: m.domain.as_deref(),
                })
                .collect();
            Some(dedup::dedup_sketched(&docs, &sketches, index)?)
        }
        None => None,
    };
    drop(sketches);
    stats.timings.dedup_s = dedup_start.elapsed().as_secs_f64();

    // Final write: articles with provenance, duplicates to rejects, clusters, templates, stats.
    let write_start = Instant::now();
    progress.phase("write");
    let mut articles = match direct {
        Some(articles) => articles,
        None => ArticleSink::create(&job.out_dir, cfg.output_format)?,
    };
    let mut spool_in = open_spool(&spool_path)?;
    if raw_spool {
        let mut line: Vec<u8> = Vec::new();
        let mut out: Vec<u8> = Vec::new();
        for (i, m) in metas.iter().enumerate() {
            let bad = |detail: &str| Error::Input {
                path: spool_path.display().to_string(),
                line: i as u64 + 1,
                detail: detail.to_string(),
            };
            let Some(sl) = &m.line else {
                return Err(bad("spooled line without its offsets"));
            };
            line.resize(sl.spans.len + 1, 0);
            spool_in
                .read_exact(&mut line)
                .map_err(|e| Error::io(&spool_path, e))?;
            if line.pop() != Some(b'\n') {
                return Err(bad("spooled line of an unexpected length"));
            }
            let verdict = verdicts.as_ref().and_then(|v| v.results.get(i));
            let domain = m.domain.as_deref().unwrap_or("-");
            out.clear();
            match verdict {
                Some(DedupResult::Duplicate {
                    of,
                    similarity,
                    kind,
                    ..
                }) => {
                    let reason = kind.reason();
                    count_duplicate(&mut stats, reason.as_str(), domain);
                    spool::dedup_reject(&mut out, &line, &sl.spans, &reason, of, *similarity)
                        .ok_or_else(|| bad("spooled line does not match its offsets"))?
                        .map_err(|e| spool_error(&spool_path, e))?;
                    rejects.write_raw(&out)?;
                }
                other => {
                    let bytes = match other {
                        Some(DedupResult::Canonical(info)) => {
                            let dup = serde_json::to_value(info).ok();
                            spool::with_dup(&mut out, &line, &sl.spans, &dup)
                                .ok_or_else(|| bad("spooled line does not match its offsets"))?
                                .map_err(|e| spool_error(&spool_path, e))?;
                            &out
                        }
                        _ => &line,
                    };
                    count_kept(&mut stats, domain, &sl.lang, sl.text_chars);
                    articles.write_raw(bytes)?;
                }
            }
        }
    }
    for (i, line) in spool_in.lines().enumerate() {
        if raw_spool {
            // Every line was read above.
            break;
        }
        let line = line.map_err(|e| Error::io(&spool_path, e))?;
        let mut art: ArticleRecord = serde_json::from_str(&line).map_err(|e| Error::Input {
            path: spool_path.display().to_string(),
            line: i as u64 + 1,
            detail: e.to_string(),
        })?;
        let verdict = verdicts.as_ref().and_then(|v| v.results.get(i));
        let domain = art.domain.clone().unwrap_or_else(|| "-".into());
        match verdict {
            Some(DedupResult::Duplicate {
                of,
                similarity,
                kind,
                ..
            }) => {
                let reason = kind.reason();
                count_duplicate(&mut stats, reason.as_str(), &domain);
                let mut r = RejectRecord::of_article(&art, "dedup", reason);
                r.duplicate_of = Some(of.clone());
                r.similarity = Some(*similarity);
                rejects.write(&r)?;
            }
            other => {
                if let Some(DedupResult::Canonical(info)) = other {
                    art.dup = serde_json::to_value(info).ok();
                }
                count_kept(&mut stats, &domain, &art.lang, art.text.chars().count());
                articles.write(&art)?;
            }
        }
    }
    articles.commit()?;
    rejects.commit()?;
    if let Some(v) = &verdicts {
        let mut clusters = JsonlWriter::create(job.out_dir.join(files::CLUSTERS))?;
        for c in &v.clusters {
            *stats.cluster_sizes.entry(c.size).or_default() += 1;
            clusters.write(c)?;
        }
        clusters.commit()?;
        stats.dedup = Some(v.stats.clone());
    }
    if let (Some(index), Some(path)) = (&index, &job.dedup_index) {
        index.save(path)?;
    }
    if let Some(t) = &templates {
        t.save(&job.out_dir.join(files::TEMPLATES))?;
    }
    io::write_json_atomic(job.out_dir.join(files::CONFIG), cfg)?;
    samples.write(&job.out_dir)?;
    stats.reconciled = stats.reconcile();
    stats.timings.write_s = write_start.elapsed().as_secs_f64();
    stats.timings.total_s = start.elapsed().as_secs_f64();
    stats.timings.threads = rayon::current_num_threads();
    stats.timings.mb_per_s = if stats.timings.total_s > 0.0 {
        stats.inputs.text_bytes as f64 / 1e6 / stats.timings.total_s
    } else {
        0.0
    };
    io::write_json_atomic(&stats_path, &stats)?;
    Ok(stats)
}

/// Where kept articles go: JSONL (zstd) or Parquet.
enum ArticleSink {
    Jsonl(Box<JsonlWriter>),
    Parquet(Box<parquet_out::ParquetArticleWriter>),
}

impl ArticleSink {
    fn create(dir: &Path, format: OutputFormat) -> Result<Self> {
        Ok(match format {
            OutputFormat::Jsonl => {
                ArticleSink::Jsonl(Box::new(JsonlWriter::create(dir.join(files::ARTICLES))?))
            }
            OutputFormat::Parquet => ArticleSink::Parquet(Box::new(
                parquet_out::ParquetArticleWriter::create(&dir.join(files::ARTICLES_PARQUET))?,
            )),
        })
    }

    fn write(&mut self, a: &ArticleRecord) -> Result<()> {
        match self {
            ArticleSink::Jsonl(w) => w.write(a),
            ArticleSink::Parquet(w) => w.write(a),
        }
    }

    /// Appends an already serialized article line (JSON Lines output only).
    fn write_raw(&mut self, line: &[u8]) -> Result<()> {
        self.jsonl()?.write_raw(line)
    }

    /// Appends an article line that `make` serializes (JSON Lines output only; see
    /// [`JsonlWriter::write_with`]).
    fn write_with<T, E>(
        &mut self,
        make: impl FnOnce(&mut Vec<u8>) -> std::result::Result<T, E>,
    ) -> Result<std::result::Result<T, E>> {
        self.jsonl()?.write_with(make)
    }

    fn jsonl(&mut self) -> Result<&mut JsonlWriter> {
        match self {
            ArticleSink::Jsonl(w) => Ok(w),
            ArticleSink::Parquet(_) => Err(Error::Config(
                "internal: raw article lines are for JSON Lines output".into(),
            )),
        }
    }

    fn commit(self) -> Result<u64> {
        match self {
            ArticleSink::Jsonl(w) => (*w).commit(),
            ArticleSink::Parquet(w) => (*w).commit(),
        }
    }
}

/// Removes a scratch file when the run ends, however it ends.
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// What dedup needs of a kept article (the body itself is sketched per batch and dropped).
struct DocMeta {
    key: u64,
    id: String,
    body_chars: usize,
    date: Option<String>,
    domain: Option<String>,
    /// Where its final line is in the spool (JSON Lines output).
    line: Option<SpooledLine>,
}

/// What the final write needs of a spooled line besides its bytes.
struct SpooledLine {
    spans: spool::LineSpans,
    lang: String,
    text_chars: usize,
}

fn spool_error(path: &Path, e: serde_json::Error) -> Error {
    Error::io(
        path,
        std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    )
}

fn dt_len(dt: &crate::survey::DomainTemplates) -> u64 {
    serde_json::to_value(dt)
        .ok()
        .and_then(|v| {
            v.get("templates")
                .and_then(|t| t.as_array().map(|a| a.len() as u64))
        })
        .unwrap_or(0)
}

/// Counts a kept article after dedup (both spool paths).
fn count_kept(stats: &mut Stats, domain: &str, lang: &str, text_chars: usize) {
    stats.articles.kept += 1;
    entry(&mut stats.domains, domain).kept += 1;
    *entry(&mut stats.languages, lang) += 1;
    stats.length_out.add(text_chars);
}

/// Counts an article rejected as a duplicate of another (both spool paths).
fn count_duplicate(stats: &mut Stats, reason: &str, domain: &str) {
    stats.articles.duplicates += 1;
    count_reject(stats, "dedup", reason, Some(domain));
}

fn count_reject(stats: &mut Stats, stage: &str, reason: &str, domain: Option<&str>) {
    *entry(&mut stats.rejects_by_reason, reason) += 1;
    *entry(&mut stats.rejects_by_stage, stage) += 1;
    if let Some(d) = domain {
        *entry(&mut entry(&mut stats.domains, d).rejected, reason) += 1;
    }
}

/// The counter of `key` in `map`, made (default) if missing. Unlike `entry(key.to_string())`,
/// it allocates the key only the first time (stats count per record, article and line reason).
fn entry<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key).expect("the key was just inserted")
}

fn input_reject(r: &io::InputReject) -> RejectRecord {
    RejectRecord {
        id: r.id.clone(),
        source_id: r.id.clone(),
        stage: "input".into(),
        reason: r.reason.clone(),
        detail: Some(r.detail.clone()),
        location: Some(r.location()),
        url: None,
        domain: None,
        title: None,
        text: r.raw.clone(),
        article: None,
        quality: None,
        duplicate_of: None,
        similarity: None,
        metadata: Default::default(),
    }
}

fn open_spool(path: &Path) -> Result<std::io::BufReader<std::fs::File>> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(std::io::BufReader::with_capacity(1 << 20, f))
}

/// What the survey pass gives.
struct Survey {
    templates: Templates,
    /// Bytes of the per-domain statistics at their peak.
    peak_bytes: usize,
    /// Records counted, and records passed over (their domain's quota was full).
    records: u64,
    skipped: u64,
    /// Entries dropped by pruning.
    pruned: u64,
}

/// The survey pass: per-domain counts over each domain's sample of records (chosen in input
/// order: [`survey_sampled`], and at most `max_docs_per_domain`), merged (order-free), then
/// learned.
fn survey(
    sources: &[InputSource],
    opts: &ReaderOptions,
    cfg: &CleanConfig,
    progress: &dyn Progress,
) -> Result<Survey> {
    let mut reader = Reader::new(sources.to_vec(), opts.clone());
    let mut total = SurveyCounts::new(cfg.survey_config);
    let mut peak = 0usize;
    let quota = cfg.survey_config.max_docs_per_domain;
    let sample = cfg.survey_config.sample_docs_per_domain;
    let mut taken: HashMap<String, u64> = HashMap::new();
    let (mut records, mut skipped) = (0u64, 0u64);
    let mut chosen: Vec<bool> = Vec::new();
    loop {
        let batch = reader.next_batch(cfg.batch_records, BATCH_BYTES)?;
        if batch.is_empty() {
            break;
        }
        let bytes: u64 = batch.iter().map(|i| i.size() as u64).sum();
        // Which records are counted: decided here, in input order, so that the sample does not
        // depend on the thread count.
        chosen.clear();
        chosen.extend(batch.iter().map(|item| {
            let Item::Record(r) = item else {
                return false;
            };
            let Some(d) = &r.domain else {
                return false;
            };
            if quota > 0 || sample > 0 {
                let n = match taken.get_mut(d.as_str()) {
                    Some(n) => n,
                    None => taken.entry(d.clone()).or_insert(0),
                };
                let index = *n;
                *n += 1;
                if (quota > 0 && index >= quota) || !survey_sampled(index, sample) {
                    skipped += 1;
                    return false;
                }
            }
            records += 1;
            true
        }));
        let counts = batch
            .par_iter()
            .zip(chosen.par_iter())
            .fold(
                || SurveyCounts::new(cfg.survey_config),
                |mut acc, (item, &chosen)| {
                    if let (Item::Record(r), true) = (item, chosen) {
                        if let Some(d) = &r.domain {
                            let lines: Vec<&str> = r.text.split('\n').collect();
                            acc.record_titled(d, r.title.as_deref(), &lines);
                        }
                    }
                    acc
                },
            )
            .reduce(
                || SurveyCounts::new(cfg.survey_config),
                |mut a, b| {
                    a.merge(b);
                    a
                },
            );
        total.merge(counts);
        peak = peak.max(total.heap_bytes());
        // Pruned here only, after the batch's exact sums are in: the thread count cannot
        // change what survives.
        total.prune_over_limit();
        progress.advance(batch.len() as u64, bytes);
    }
    Ok(Survey {
        templates: Templates::learn(&total, &cfg.templates),
        peak_bytes: peak,
        records,
        skipped,
        pruned: total.pruned(),
    })
}

/// The survey reads the input twice; standard input can be read once, so it is spooled to a file
/// in the output directory first (removed when the returned guard drops).
fn spool_stdin(sources: &mut [InputSource], out_dir: &Path) -> Result<Option<tempfile::TempPath>> {
    let Some(pos) = sources
        .iter()
        .position(|s| matches!(s.location, io::Location::Stdin))
    else {
        return Ok(None);
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".stdin-")
        .tempfile_in(out_dir)
        .map_err(|e| Error::io(out_dir, e))?;
    std::io::copy(&mut std::io::stdin().lock(), tmp.as_file_mut())
        .map_err(|e| Error::io("<stdin>", e))?;
    let path = tmp.into_temp_path();
    let mut src = InputSource::file(path.to_path_buf());
    src.format = sources[pos].format;
    src.compression = sources[pos].compression;
    sources[pos] = src;
    Ok(Some(path))
}
