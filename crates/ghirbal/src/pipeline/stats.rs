//! `stats.json`: counts by stage and reason, per domain, line roles, languages, dedup, templates,
//! timings. Every input item is accounted for; [`Stats::reconcile`] checks it.

use crate::dedup::DedupStats;
use ghirbal_core::Role;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the `stats.json` layout.
pub const STATS_SCHEMA: u32 = 1;

/// What was read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InputCounts {
    pub files: u64,
    pub empty_files: u64,
    /// Bytes of the input files as stored.
    pub bytes: u64,
    /// Bytes of record text.
    pub text_bytes: u64,
    /// Blank JSONL lines (not records).
    pub blank_lines: u64,
    /// WARC records that are not documents, by type.
    pub skipped_warc_records: BTreeMap<String, u64>,
}

/// Input items (records and unreadable records) and what became of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordCounts {
    /// Every physical input record: `records + input_rejects`.
    pub items: u64,
    /// Items that could not be read (`input:*`).
    pub input_rejects: u64,
    /// Records read.
    pub records: u64,
    /// Records rejected as a whole (`empty`, `structure:no-article`).
    pub rejected: u64,
    /// Records that gave at least one article.
    pub with_articles: u64,
}

/// Articles recovered and what became of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleCounts {
    pub found: u64,
    pub kept: u64,
    /// Rejected by the language/quality filters.
    pub filtered: u64,
    /// Rejected as duplicates of a kept article.
    pub duplicates: u64,
}

/// Per-domain counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DomainCounts {
    pub records: u64,
    pub articles: u64,
    pub kept: u64,
    pub rejected: BTreeMap<String, u64>,
    /// Learned template lines/spans for the domain.
    pub templates: u64,
}

/// Wall-clock seconds per phase (the only part of the outputs that varies between runs).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    pub survey_s: f64,
    pub clean_s: f64,
    /// Clustering over all sketches (phase 2).
    pub dedup_s: f64,
    /// MinHash sketching of kept bodies (phase 1; inside the clean pass, summed over batches).
    pub dedup_sketch_s: f64,
    pub write_s: f64,
    pub total_s: f64,
    /// Record text bytes per second over the whole run (MB = 10^6 bytes).
    pub mb_per_s: f64,
    pub threads: usize,
}

/// Log-scale histogram of lengths in characters: bucket `i` counts lengths in `[2^i, 2^(i+1))`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LengthHistogram(pub Vec<u64>);

impl LengthHistogram {
    pub fn add(&mut self, chars: usize) {
        let b = (usize::BITS - chars.max(1).leading_zeros() - 1) as usize;
        if self.0.len() <= b {
            self.0.resize(b + 1, 0);
        }
        self.0[b] += 1;
    }
}

/// Everything in `stats.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub schema: u32,
    pub preset: String,
    pub inputs: InputCounts,
    pub records: RecordCounts,
    pub articles: ArticleCounts,
    /// Every reject by reason: input, record, filter and dedup rejects.
    pub rejects_by_reason: BTreeMap<String, u64>,
    /// Rejects by stage (`input`, `record`, `filter`, `dedup`).
    pub rejects_by_stage: BTreeMap<String, u64>,
    pub domains: BTreeMap<String, DomainCounts>,
    /// Lines of all records by role.
    pub line_roles: BTreeMap<Role, u64>,
    /// Lines not kept in an article body, by reason.
    pub line_reasons: BTreeMap<String, u64>,
    /// Kept articles by language.
    pub languages: BTreeMap<String, u64>,
    /// Record text lengths (chars) and kept article text lengths.
    pub length_in: LengthHistogram,
    pub length_out: LengthHistogram,
    pub dedup: Option<DedupStats>,
    /// Cluster sizes (2, 3, ...) → number of clusters.
    pub cluster_sizes: BTreeMap<usize, u64>,
    pub templates: u64,
    /// Section titles learned (title fields that name a site's section, not a headline).
    #[serde(default)]
    pub section_titles: u64,
    /// Records whose title field was a section title: it was not looked for in the text (it
    /// titles the first article only when the text prints no headline).
    #[serde(default)]
    pub section_title_fields: u64,
    /// Bytes of the survey's per-domain statistics at their peak.
    pub survey_state_bytes: u64,
    /// Records the survey counted, and records it passed over: outside their domain's sample
    /// (`survey_config.sample_docs_per_domain`) or past `survey_config.max_docs_per_domain`.
    #[serde(default)]
    pub survey_records: u64,
    #[serde(default)]
    pub survey_records_skipped: u64,
    /// Survey entries (lines and spans of a site, short title fields) dropped to keep within
    /// `survey_config.max_keys_per_domain` and `max_keys_total`: 0 unless a bound was reached.
    #[serde(default)]
    pub survey_entries_pruned: u64,
    pub reconciled: bool,
    pub timings: Timings,
}

impl Stats {
    /// Whether every item and every article is accounted for exactly.
    pub fn reconcile(&self) -> bool {
        let r = &self.records;
        let a = &self.articles;
        let items = r.items == r.records + r.input_rejects;
        let records = r.records == r.rejected + r.with_articles;
        let articles = a.found == a.kept + a.filtered + a.duplicates;
        let rejects: u64 = self.rejects_by_reason.values().sum();
        let all = rejects == r.input_rejects + r.rejected + a.filtered + a.duplicates;
        items && records && articles && all
    }
}
