//! Survey counts: per domain, in how many documents each candidate (line, line shape, head,
//! lead, tail, anchor) occurs, and how often on the first / last non-blank line.
//!
//! Counts are sums, so [`SurveyCounts::merge`] is exact and order-free: counting shards in any
//! order or on any number of threads gives the same counts. Examples are the smallest display
//! text seen (also order-free).
//!
//! Title fields: per domain, in how many records each short title field (at most
//! [`MAX_SECTION_TITLE_WORDS`] words, keyed by its matching form: [`section_title_form`]) occurs,
//! with the same document-fingerprint bitmap as the keys, so that a field recurring over
//! different records (a section name, `موجز دوليات`) can be told from a headline (see
//! `Templates::learn`). Longer fields are headlines and are not counted.
//!
//! Memory: one entry per distinct candidate key per domain (see [`SurveyCounts::heap_bytes`]),
//! and one per distinct short title field.
//! When a domain holds more than [`SurveyConfig::max_keys_per_domain`] entries at a pruning
//! point ([`SurveyCounts::prune_over_limit`]), its entries seen in only one document are dropped
//! (counted in `pruned`; the title fields are pruned alike, on their own count). This is the
//! one approximation: a line dropped early and seen again later restarts at 1. Counting and
//! merging never prune, so that the counts of a batch of records are exact sums however the
//! batch was split over threads; the pipeline prunes after merging each input batch, so the
//! result depends on the input order and the batch size, never on the thread count. An entry
//! costs about 250 bytes (map slot, counts, truncated pattern and
//! example); SaudiNewsNet needs 2–11 keys per document, so the default limit of one million
//! keys (about 250 MB) is reached at roughly 100k–400k documents of one domain. Past it, a
//! template that recurs in at least `min_ratio` of the documents is seen again long before the
//! next pruning, so it survives.
//!
//! An input of many sites (a web crawl: most sites with a handful of records, all counted) never
//! reaches the limit of one site, and its counts grow with the input (about 1.5 KB per record on
//! SaudiNewsNet dev spread over 5,000 made-up sites). [`SurveyConfig::max_keys_total`] bounds
//! them: when all domains together hold more entries, every domain's entries seen in one
//! document are dropped, then those seen in two, and so on, down to three quarters of the bound,
//! at the same pruning points. A site whose records are spread thin over a crawl that passes the
//! bound may then never gather the three records a template needs: the pruned entries are
//! reported (`survey_entries_pruned` in `stats.json`). Pruning does not commute with merging:
//! shards counted apart are merged first, then pruned.

use std::cell::RefCell;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::spans::{line_candidates, Candidates, LinePos, SpanKind, SpanLimits, ALL_KINDS};
use super::tokens::{with_tokens, Tokens};
use crate::text::{display_form, display_form_into, matching_form};
use xxhash_rust::xxh3::xxh3_64;

/// Words of a prose line, for [`KeyStat::inner`]: a paragraph, longer than any menu, label
/// or byline.
pub const PROSE_WORDS: usize = 12;

/// Longest example / form text kept per entry, in characters.
pub(crate) const MAX_EXAMPLE_CHARS: usize = 64;

/// Whole lines longer than this many tokens keep no pattern text (only an example): they can
/// only be judged by their frequency.
const LONG_LINE_TOKENS: usize = 16;

/// Configuration of the survey pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyConfig {
    /// Candidate generation limits.
    pub limits: SpanLimits,
    /// Prune entries seen once when a domain holds more entries than this.
    pub max_keys_per_domain: usize,
    /// When all domains together hold more entries (keys and title fields) than this, prune
    /// every domain's entries seen once, then twice, and so on, down to three quarters of it:
    /// the bound on the survey's memory for inputs of many sites. Default 8,000,000 (about 2 GB).
    #[serde(default = "default_max_keys_total")]
    pub max_keys_total: usize,
    /// Records of each domain counted before the survey starts thinning (0: count every
    /// record). Past the first `sample_docs_per_domain` records of a domain (in input order),
    /// one in two of the next 2N is counted, then one in four of the next 4N, and so on
    /// (see [`survey_sampled`]): about N more records per doubling of the domain, spread over
    /// the whole input, so that a template a site adopts late is still seen (it needs three
    /// counted records: `TemplateConfig::min_docs`). The survey's time then grows with the
    /// logarithm of a site's size, not linearly. Default 1,000.
    #[serde(default = "default_sample_docs")]
    pub sample_docs_per_domain: u64,
    /// Count at most this many records of each domain, in input order (0: no cap). A hard
    /// bound on top of the sample: templates a site adopts after them are not learned.
    /// With a cap of 1,000 on SaudiNewsNet dev (sites of 52–4,852 records), 0.05% of the kept
    /// body text is kept or dropped differently than when every record is counted (0.04% with
    /// the default sample and no cap). Off by default (`clean --survey-docs N`).
    #[serde(default)]
    pub max_docs_per_domain: u64,
}

fn default_max_keys_total() -> usize {
    8_000_000
}

fn default_sample_docs() -> u64 {
    1_000
}

/// Whether the survey counts a domain's record number `index` (0-based, in input order) when
/// it counts the first `full` records of each domain in full and thins the rest (see
/// [`SurveyConfig::sample_docs_per_domain`]; `full` = 0 counts every record). Records
/// `[(2^k - 1)·full, (2^(k+1) - 1)·full)` are counted one in `2^k`: `full` records per level.
pub fn survey_sampled(index: u64, full: u64) -> bool {
    if full == 0 {
        return true;
    }
    let level = (index / full).saturating_add(1);
    let stride = 1u64 << (63 - level.leading_zeros());
    index % stride == 0
}

impl Default for SurveyConfig {
    fn default() -> Self {
        SurveyConfig {
            limits: SpanLimits::default(),
            max_keys_per_domain: 1_000_000,
            max_keys_total: default_max_keys_total(),
            sample_docs_per_domain: default_sample_docs(),
            max_docs_per_domain: 0,
        }
    }
}

/// Statistics of one candidate key in one domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyStat {
    /// What the key matches.
    pub kind: SpanKind,
    /// Documents containing it (once per document).
    pub df: u32,
    /// Documents where it occurs on the first non-blank line.
    pub first: u32,
    /// Documents where it occurs on the last non-blank line.
    pub last: u32,
    /// Documents where every occurrence lay inside the prose: a line of at least
    /// [`PROSE_WORDS`] words before it and another after it (a subheading or list marker of
    /// the text, `أولاً :`, where boilerplate sits above or below the prose).
    #[serde(default)]
    pub inner: u32,
    /// Literal tokens of the pattern.
    pub literal_tokens: u16,
    /// Segments and generalized segments of the pattern.
    pub segments: u8,
    pub wild_segments: u8,
    /// A literal token is a contact/share cue.
    pub cue: bool,
    /// Tokens of the longest literal segment.
    pub max_literal_segment: u8,
    /// Linear-counting bitmap of document fingerprints (the hash of a document's longest line):
    /// estimates in how many *different* documents the key occurs, so that copies of one
    /// article do not make its lines look like a template. Merged by OR (exact).
    pub docset: [u64; 2],
    /// The pattern (token keys, `*` for generalized segments), truncated.
    pub form: Box<str>,
    /// The smallest display text of an occurrence, truncated.
    pub example: Box<str>,
}

impl KeyStat {
    /// Estimated number of distinct documents (by fingerprint) containing the key, capped by
    /// `df`; `u32::MAX` when the bitmap is full.
    pub fn distinct_docs(&self) -> u32 {
        distinct_estimate(self.docset, self.df)
    }
}

/// Estimated number of distinct documents in a linear-counting bitmap of document fingerprints
/// (see [`KeyStat::docset`]), capped by `df` (the documents counted); `df` when the bitmap is
/// full.
fn distinct_estimate(docset: [u64; 2], df: u32) -> u32 {
    let zeros = 128 - (docset[0].count_ones() + docset[1].count_ones());
    if zeros == 0 {
        return df;
    }
    let est = -128.0 * (f64::from(zeros) / 128.0).ln();
    (est.round() as u32).max(1).min(df)
}

/// Most words of a title field the survey counts: a section name is short (`موجز دوليات`,
/// `بين الخطأ والصواب`, `هذا اليوم في التاريخ`), and headlines, almost all unique, are mostly
/// longer, so counting only short fields keeps the counts small.
pub const MAX_SECTION_TITLE_WORDS: usize = 4;

/// The key a record's title field is counted and looked up by: its matching form (so that
/// `تطبيقات الأسبوع` and `تطبيقات الاسبوع` are one field), or `None` when the field is empty or
/// longer than [`MAX_SECTION_TITLE_WORDS`] words.
pub fn section_title_form(title: &str) -> Option<String> {
    // Asked of every record's field: words counted on bytes (`split_whitespace().count()`).
    let words = crate::text::chars::count_words(title);
    if words == 0 || words > MAX_SECTION_TITLE_WORDS {
        return None;
    }
    let form = matching_form(title);
    (!form.is_empty()).then_some(form)
}

/// Statistics of one short title field in one domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleStat {
    /// Records whose title field has this matching form.
    pub records: u32,
    /// Linear-counting bitmap of the records' document fingerprints, as [`KeyStat::docset`]:
    /// copies of one article count once.
    pub docset: [u64; 2],
    /// The smallest display form of the field seen, truncated.
    pub example: Box<str>,
}

impl TitleStat {
    /// Estimated number of distinct documents (by fingerprint) with this title field.
    pub fn distinct_docs(&self) -> u32 {
        distinct_estimate(self.docset, self.records)
    }
}

/// Counts of one domain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainCounts {
    /// Documents surveyed.
    pub docs: u64,
    /// Candidate key (xxh3-64 of kind + form) → statistics.
    pub keys: HashMap<u64, KeyStat>,
    /// Short title field (matching form, [`section_title_form`]) → statistics.
    pub titles: HashMap<Box<str>, TitleStat>,
    /// Entries dropped by pruning (see the module doc), keys and title fields.
    pub pruned: u64,
}

impl DomainCounts {
    /// Approximate heap bytes held by this domain's statistics.
    pub fn heap_bytes(&self) -> usize {
        let entry = std::mem::size_of::<u64>() + std::mem::size_of::<KeyStat>() + 1;
        let strings: usize = self
            .keys
            .values()
            .map(|s| s.form.len() + s.example.len())
            .sum();
        let title_entry = std::mem::size_of::<Box<str>>() + std::mem::size_of::<TitleStat>() + 1;
        let title_strings: usize = self
            .titles
            .iter()
            .map(|(k, s)| k.len() + s.example.len())
            .sum();
        self.keys.capacity() * entry
            + strings
            + self.titles.capacity() * title_entry
            + title_strings
    }

    /// Count the title field `title` of a record of this domain whose document fingerprint bit
    /// is `bit` (see [`KeyStat::docset`]); only short fields are counted.
    fn record_title(&mut self, title: &str, bit: usize) {
        let Some(form) = section_title_form(title) else {
            return;
        };
        let display = display_form(title);
        let example = truncate_chars(&display, MAX_EXAMPLE_CHARS);
        let e = self.titles.entry(form.into()).or_insert_with(|| TitleStat {
            records: 0,
            docset: [0; 2],
            example: example.into(),
        });
        e.records = e.records.saturating_add(1);
        e.docset[bit / 64] |= 1u64 << (bit % 64);
        if example < &*e.example {
            e.example = example.into();
        }
    }
}

/// Mergeable survey counts for all domains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurveyCounts {
    /// The configuration the counts were made with.
    pub config: SurveyConfig,
    /// Domain → counts (sorted, so iteration is deterministic).
    pub domains: BTreeMap<String, DomainCounts>,
}

fn truncate_chars(s: &str, max: usize) -> &str {
    // Fewer bytes than `max` means fewer characters.
    if s.len() <= max {
        return s;
    }
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A hasher for keys that are already uniform 64-bit hashes (xxh3): the key is its own hash.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by candidate keys (xxh3-64 hashes).
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// A candidate key seen in the document being counted: its first occurrence's statistics,
/// with the pattern and example as byte ranges into [`Scratch`] buffers.
struct Seen {
    key: u64,
    first: bool,
    last: bool,
    /// Every occurrence so far lay inside the prose ([`KeyStat::inner`]).
    inner: bool,
    kind: SpanKind,
    literal_tokens: u16,
    segments: u8,
    wild_segments: u8,
    cue: bool,
    max_literal_segment: u8,
    /// In [`Scratch::forms`] (already truncated).
    form: Range<usize>,
    /// In [`Scratch::text`] (already truncated).
    example: Range<usize>,
}

/// Reusable buffers of [`SurveyCounts::record`] (one set per thread).
#[derive(Default)]
struct Scratch {
    /// The non-blank display lines of the document, back to back, …
    text: String,
    /// … and their ranges in it.
    lines: Vec<Range<usize>>,
    display: String,
    cands: Candidates,
    /// Key → index in `entries`.
    seen: KeyMap<usize>,
    entries: Vec<Seen>,
    /// Truncated patterns of `entries`.
    forms: String,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Byte offset in `d` of the character `max` characters after byte `from` (or `d.len()`): the
/// end of an example that starts at `from`, truncated to `max` characters.
fn char_limit(d: &str, from: usize, max: usize) -> usize {
    let rest = d.get(from..).unwrap_or_default();
    if rest.len() <= max {
        return d.len();
    }
    rest.char_indices()
        .nth(max)
        .map_or(d.len(), |(i, _)| from + i)
}

impl SurveyCounts {
    /// Empty counts with `config`.
    pub fn new(config: SurveyConfig) -> Self {
        SurveyCounts {
            config,
            domains: BTreeMap::new(),
        }
    }

    /// Count one document (its lines, blank lines allowed) of `domain`.
    pub fn record(&mut self, domain: &str, lines: &[&str]) {
        self.record_titled(domain, None, lines);
    }

    /// Count one document of `domain` (its lines, blank lines allowed) and its separate title
    /// field, if any (only a field of at most [`MAX_SECTION_TITLE_WORDS`] words is counted).
    pub fn record_titled(&mut self, domain: &str, title: Option<&str>, lines: &[&str]) {
        with_tokens(|t| {
            SCRATCH.with(|s| match s.try_borrow_mut() {
                Ok(mut s) => self.record_with(&mut s, t, domain, title, lines),
                Err(_) => self.record_with(&mut Scratch::default(), t, domain, title, lines),
            })
        });
    }

    fn record_with(
        &mut self,
        sc: &mut Scratch,
        tokens: &mut Tokens,
        domain: &str,
        title: Option<&str>,
        lines: &[&str],
    ) {
        sc.text.clear();
        sc.lines.clear();
        sc.seen.clear();
        sc.entries.clear();
        sc.forms.clear();
        for l in lines {
            display_form_into(l, &mut sc.display);
            if !sc.display.is_empty() {
                let start = sc.text.len();
                sc.text.push_str(&sc.display);
                sc.lines.push(start..sc.text.len());
            }
        }
        let n = sc.lines.len();
        // The document's fingerprint: the first of its longest lines.
        let mut longest: Option<&Range<usize>> = None;
        for r in &sc.lines {
            match longest {
                Some(b) if b.len() >= r.len() => {}
                _ => longest = Some(r),
            }
        }
        // (Of its display form: a copy is a copy letter for letter, and folding the longest
        // line would cost as much as the rest of this.)
        let fingerprint = match longest {
            Some(r) => xxh3_64(sc.text.get(r.clone()).unwrap_or_default().as_bytes()),
            None => 0,
        };
        let bit = (fingerprint % 128) as usize;
        // The first and last prose lines: the lines strictly between them are inside the prose.
        let prose = |r: &Range<usize>| {
            crate::text::chars::has_words(sc.text.get(r.clone()).unwrap_or_default(), PROSE_WORDS)
        };
        let first_prose = sc.lines.iter().position(prose);
        let last_prose = sc.lines.iter().rposition(prose);
        let limits = self.config.limits;
        for (i, line) in sc.lines.iter().enumerate() {
            let inner = matches!((first_prose, last_prose), (Some(a), Some(b)) if a < i && i < b);
            let d = sc.text.get(line.clone()).unwrap_or_default();
            let off = line.start;
            let pos = LinePos {
                first: i == 0,
                last: i + 1 == n,
                from_end: n - 1 - i,
            };
            line_candidates(d, tokens, pos, &limits, ALL_KINDS, false, &mut sc.cands);
            // Example ends (truncated) by start byte: candidates come grouped by start.
            let mut limit: Option<(usize, usize)> = None;
            for c in &sc.cands.list {
                let Some((a_start, b_end)) = tokens.span(c.tok_start, c.tok_end) else {
                    continue;
                };
                let lim = match limit {
                    Some((s, l)) if s == a_start => l,
                    _ => {
                        let l = char_limit(d, a_start, MAX_EXAMPLE_CHARS);
                        limit = Some((a_start, l));
                        l
                    }
                };
                let example = if a_start <= b_end {
                    off + a_start..off + b_end.min(lim)
                } else {
                    off..off
                };
                match sc.seen.get(&c.key) {
                    Some(&k) => {
                        let Some(s) = sc.entries.get_mut(k) else {
                            continue;
                        };
                        s.first |= pos.first;
                        s.last |= pos.last;
                        s.inner &= inner;
                        let new = sc.text.get(example.clone()).unwrap_or_default();
                        if new < sc.text.get(s.example.clone()).unwrap_or_default() {
                            s.example = example;
                        }
                    }
                    None => {
                        let fstart = sc.forms.len();
                        if !(c.kind == SpanKind::Line && c.literal_tokens > LONG_LINE_TOKENS) {
                            sc.forms
                                .push_str(truncate_chars(sc.cands.form(c), MAX_EXAMPLE_CHARS));
                        }
                        sc.seen.insert(c.key, sc.entries.len());
                        sc.entries.push(Seen {
                            key: c.key,
                            first: pos.first,
                            last: pos.last,
                            inner,
                            kind: c.kind,
                            literal_tokens: c.literal_tokens.min(u16::MAX as usize) as u16,
                            segments: c.segments.min(255) as u8,
                            wild_segments: c.wild_segments.min(255) as u8,
                            cue: c.cue,
                            max_literal_segment: c.max_literal_segment.min(255) as u8,
                            form: fstart..sc.forms.len(),
                            example,
                        });
                    }
                }
            }
        }
        if !self.domains.contains_key(domain) {
            self.domains
                .insert(domain.to_string(), DomainCounts::default());
        }
        let Some(dc) = self.domains.get_mut(domain) else {
            return;
        };
        dc.docs += 1;
        if let Some(t) = title {
            dc.record_title(t, bit);
        }
        for s in &sc.entries {
            let example = sc.text.get(s.example.clone()).unwrap_or_default();
            let e = dc.keys.entry(s.key).or_insert_with(|| KeyStat {
                kind: s.kind,
                df: 0,
                first: 0,
                last: 0,
                inner: 0,
                literal_tokens: s.literal_tokens,
                segments: s.segments,
                wild_segments: s.wild_segments,
                cue: s.cue,
                max_literal_segment: s.max_literal_segment,
                docset: [0; 2],
                form: sc.forms.get(s.form.clone()).unwrap_or_default().into(),
                example: example.into(),
            });
            e.df = e.df.saturating_add(1);
            e.first = e.first.saturating_add(u32::from(s.first));
            e.last = e.last.saturating_add(u32::from(s.last));
            e.inner = e.inner.saturating_add(u32::from(s.inner));
            e.docset[bit / 64] |= 1u64 << (bit % 64);
            if example < &*e.example {
                e.example = example.into();
            }
        }
    }

    /// Drop the entries seen in one document from every domain holding more than
    /// [`SurveyConfig::max_keys_per_domain`] (keys and title fields, each on its own count),
    /// then from all domains if together they hold more than [`SurveyConfig::max_keys_total`].
    /// Counting and merging never prune (see the module doc): call this at points that do not
    /// depend on the thread count, such as after merging a batch of records.
    ///
    /// Past the total, entries seen in one document go first, then those seen in two, and so
    /// on, until all domains hold at most three quarters of it: a bound, and room for the next
    /// batches before the next pruning.
    pub fn prune_over_limit(&mut self) {
        let limit = self.config.max_keys_per_domain;
        for dc in self.domains.values_mut() {
            prune(dc, limit, 1);
        }
        let total = |c: &Self| -> usize {
            c.domains
                .values()
                .map(|dc| dc.keys.len() + dc.titles.len())
                .sum()
        };
        let cap = self.config.max_keys_total;
        if total(self) <= cap {
            return;
        }
        let target = cap / 4 * 3;
        let mut seen = 1u32;
        while total(self) > target && seen < u32::MAX {
            for dc in self.domains.values_mut() {
                prune(dc, 0, seen);
            }
            seen += 1;
        }
    }

    /// [`SurveyCounts::prune_over_limit`] for `domain` only and its own limit (not the total):
    /// what counting one record at a time needs after each record.
    pub fn prune_domain(&mut self, domain: &str) {
        let limit = self.config.max_keys_per_domain;
        if let Some(dc) = self.domains.get_mut(domain) {
            prune(dc, limit, 1);
        }
    }

    /// Entries dropped by pruning, over all domains.
    pub fn pruned(&self) -> u64 {
        self.domains.values().map(|dc| dc.pruned).sum()
    }

    /// Add `other` into `self` (exact: counts are sums, examples the smaller one; nothing is
    /// pruned).
    pub fn merge(&mut self, other: SurveyCounts) {
        for (domain, oc) in other.domains {
            let dc = match self.domains.entry(domain) {
                // A domain new to `self` (every domain on one thread): its counts move in
                // whole instead of key by key.
                Entry::Vacant(v) => {
                    v.insert(oc);
                    continue;
                }
                Entry::Occupied(o) => o.into_mut(),
            };
            dc.docs += oc.docs;
            dc.pruned += oc.pruned;
            merge_entries(&mut dc.keys, oc.keys, |e, s| {
                e.df = e.df.saturating_add(s.df);
                e.first = e.first.saturating_add(s.first);
                e.last = e.last.saturating_add(s.last);
                e.inner = e.inner.saturating_add(s.inner);
                merge_seen(&mut e.docset, &mut e.example, s.docset, s.example);
            });
            merge_entries(&mut dc.titles, oc.titles, |e, s| {
                e.records = e.records.saturating_add(s.records);
                merge_seen(&mut e.docset, &mut e.example, s.docset, s.example);
            });
        }
    }

    /// Total approximate heap bytes of all domains' statistics.
    pub fn heap_bytes(&self) -> usize {
        self.domains.values().map(DomainCounts::heap_bytes).sum()
    }
}

/// Add the entries of `from` into `into`: a key in both is combined by `add`, others move in.
fn merge_entries<K: Eq + Hash, V>(
    into: &mut HashMap<K, V>,
    from: HashMap<K, V>,
    add: impl Fn(&mut V, V),
) {
    for (key, s) in from {
        match into.get_mut(&key) {
            Some(e) => add(e, s),
            None => {
                into.insert(key, s);
            }
        }
    }
}

/// Merge the documents an entry was seen in (bitmaps by OR) and its example (the smaller).
fn merge_seen(docset: &mut [u64; 2], example: &mut Box<str>, other: [u64; 2], ex: Box<str>) {
    docset[0] |= other[0];
    docset[1] |= other[1];
    if ex < *example {
        *example = ex;
    }
}

/// Drop the entries seen in at most `most` documents from whichever map of `dc` (keys, title
/// fields, each on its own count) holds more than `limit` entries.
fn prune(dc: &mut DomainCounts, limit: usize, most: u32) {
    dc.pruned += prune_map(&mut dc.keys, limit, most, |s| s.df);
    dc.pruned += prune_map(&mut dc.titles, limit, most, |s| s.records);
}

/// Drop the entries of `map` seen in at most `most` documents (`seen` counts them) when it
/// holds more than `limit`; returns how many were dropped.
fn prune_map<K: Eq + Hash, V, S: BuildHasher>(
    map: &mut HashMap<K, V, S>,
    limit: usize,
    most: u32,
    seen: impl Fn(&V) -> u32,
) -> u64 {
    if map.len() <= limit {
        return 0;
    }
    let before = map.len();
    map.retain(|_, s| seen(s) > most);
    if map.len() < before {
        map.shrink_to_fit();
    }
    (before - map.len()) as u64
}

/// Count one document of `domain` into `counts` and prune that domain past its own limit (the
/// survey's per-record entry point for counting on one thread, record after record; the total
/// bound is [`SurveyCounts::prune_over_limit`]'s, to call now and then). Counts to be merged
/// (shards, threads) are made with [`SurveyCounts::record`] instead, and pruned once merged.
pub fn survey_record(counts: &mut SurveyCounts, domain: &str, lines: &[&str]) {
    counts.record(domain, lines);
    counts.prune_domain(domain);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_sample_counts_the_first_records_then_thins_by_doubling() {
        let counted = |full: u64, range: std::ops::Range<u64>| {
            range.filter(|&i| survey_sampled(i, full)).count() as u64
        };
        // Every record when the sample is off, and the first `full` records.
        assert_eq!(counted(0, 0..10_000), 10_000);
        assert_eq!(counted(1000, 0..1000), 1000);
        // Then `full` records per level, each level twice as long as the one before.
        assert_eq!(counted(1000, 1000..3000), 1000);
        assert_eq!(counted(1000, 3000..7000), 1000);
        assert_eq!(counted(1000, 7000..15_000), 1000);
        assert_eq!(counted(1000, 0..(1023 * 1000)), 10 * 1000);
        // Strides at the level edges.
        assert!(survey_sampled(999, 1000) && survey_sampled(1000, 1000));
        assert!(!survey_sampled(1001, 1000) && survey_sampled(1002, 1000));
        assert!(survey_sampled(3000, 1000) && !survey_sampled(3002, 1000));
        // Every level is reached: a late record is still counted now and then.
        assert!(survey_sampled(u64::MAX - (u64::MAX % (1 << 62)), 2));
        assert!(!survey_sampled(u64::MAX, 1));
    }

    #[test]
    fn counts_once_per_document_with_positions() {
        let mut c = SurveyCounts::default();
        c.record("a", &["تحية", "نص أول", "تحية", "", "خاتمة"]);
        c.record("a", &["نص ثان", "خاتمة"]);
        c.record("a", &["نص ثان", "خاتمة"]);
        let d = &c.domains["a"];
        assert_eq!(d.docs, 3);
        let k = super::super::spans::hash_form(SpanKind::Line, "تحيه");
        assert_eq!(d.keys[&k].df, 1);
        assert_eq!(d.keys[&k].first, 1);
        let k = super::super::spans::hash_form(SpanKind::Line, "خاتمه");
        assert_eq!((d.keys[&k].df, d.keys[&k].last), (3, 3));
        // The third document is a copy of the second: two distinct documents.
        assert_eq!(d.keys[&k].distinct_docs(), 2);
    }

    #[test]
    fn short_title_fields_counted_by_matching_form_once_per_record() {
        let mut c = SurveyCounts::default();
        c.record_titled("a", Some("تطبيقات الأسبوع"), &["نص أول طويل."]);
        c.record_titled("a", Some(" تطبيقات  الاسبوع "), &["نص ثان طويل."]);
        // A copy of the second record: a third record, not a third document.
        c.record_titled("a", Some("تطبيقات الاسبوع"), &["نص ثان طويل."]);
        // Headlines longer than four words, empty fields and records without one: not counted.
        c.record_titled("a", Some("وزير الصحة يفتتح مستشفى جديدا"), &["نص."]);
        c.record_titled("a", Some("  "), &["نص."]);
        c.record_titled("a", None, &["نص."]);
        let d = &c.domains["a"];
        assert_eq!(d.docs, 6);
        assert_eq!(d.titles.len(), 1, "{:?}", d.titles);
        let Some(t) = d.titles.get("تطبيقات الاسبوع") else {
            panic!("not keyed by its matching form: {:?}", d.titles);
        };
        assert_eq!((t.records, t.distinct_docs()), (3, 2));
        // The smallest display form seen.
        assert_eq!(&*t.example, "تطبيقات الأسبوع");
        assert_eq!(
            section_title_form("موجز دوليات").as_deref(),
            Some("موجز دوليات")
        );
        assert_eq!(section_title_form("مقتل خمسة في انفجار بالعاصمة"), None);
        assert!(d.heap_bytes() > SurveyCounts::default().heap_bytes());
    }

    #[test]
    fn title_counts_merge_as_counting_at_once() {
        let docs: Vec<(String, String)> = (0..12)
            .map(|i| {
                (
                    ["موجز", "مفكرة", "قالوا"][i % 3].to_string(),
                    format!("نص رقم {i}."),
                )
            })
            .collect();
        let count = |docs: &[(String, String)]| {
            let mut c = SurveyCounts::default();
            for (t, text) in docs {
                c.record_titled("a", Some(t), &[text.as_str()]);
            }
            c
        };
        let all = count(&docs);
        let mut a = count(&docs[7..]);
        a.merge(count(&docs[..7]));
        assert_eq!(a, all);
        assert_eq!(all.domains["a"].titles["موجز"].records, 4);
    }

    #[test]
    fn pruning_drops_singletons_over_the_limit() {
        let mut c = SurveyCounts::new(SurveyConfig {
            max_keys_per_domain: 2,
            ..SurveyConfig::default()
        });
        // Counting alone never prunes.
        for l in ["واحد", "اثنان", "ثلاثة"] {
            c.record("a", &["سطر متكرر", l]);
        }
        assert_eq!(c.domains["a"].keys.len(), 4);
        assert_eq!(c.domains["a"].pruned, 0);
        c.prune_over_limit();
        let d = &c.domains["a"];
        assert!(d.pruned > 0);
        let k = super::super::spans::hash_form(SpanKind::Line, "سطر متكرر");
        assert_eq!(d.keys[&k].df, 3);
        // Title fields are pruned alike, on their own count.
        let mut c = SurveyCounts::new(SurveyConfig {
            max_keys_per_domain: 2,
            ..SurveyConfig::default()
        });
        // The fourth record makes three fields: the two seen once are dropped.
        for t in ["موجز", "عنوان أول", "موجز", "عنوان ثان", "عنوان ثالث"]
        {
            c.record_titled("a", Some(t), &[]);
            c.prune_over_limit();
        }
        let d = &c.domains["a"];
        let mut kept: Vec<&str> = d.titles.keys().map(|k| &**k).collect();
        kept.sort_unstable();
        assert_eq!(kept, ["عنوان ثالث", "موجز"]);
        assert_eq!(d.titles["موجز"].records, 2);
        assert_eq!(d.pruned, 2);
    }

    #[test]
    fn many_small_sites_are_pruned_together_over_the_total_limit() {
        let config = SurveyConfig {
            max_keys_total: 8,
            ..SurveyConfig::default()
        };
        let mut c = SurveyCounts::new(config);
        // Five sites, none near its own limit: each with a line of its own and one it repeats.
        for site in ["a", "b", "c", "d", "e"] {
            c.record(site, &["سطر متكرر", &format!("سطر خاص بالموقع {site}")]);
            c.record(site, &["سطر متكرر"]);
        }
        assert_eq!(c.domains.values().map(|d| d.keys.len()).sum::<usize>(), 10);
        c.prune_over_limit();
        let k = super::super::spans::hash_form(SpanKind::Line, "سطر متكرر");
        for d in c.domains.values() {
            assert_eq!(d.keys.len(), 1, "only the repeated line is left");
            assert_eq!(d.keys[&k].df, 2);
            assert_eq!(d.pruned, 1);
        }
        // Under the total limit nothing goes.
        let mut c = SurveyCounts::new(SurveyConfig {
            max_keys_total: 10,
            ..config
        });
        for site in ["a", "b", "c", "d", "e"] {
            c.record(site, &["سطر متكرر", &format!("سطر خاص بالموقع {site}")]);
            c.record(site, &["سطر متكرر"]);
        }
        c.prune_over_limit();
        assert_eq!(c.domains.values().map(|d| d.keys.len()).sum::<usize>(), 10);
        // When the lines seen once are not enough, those seen twice go too: a bound.
        let mut c = SurveyCounts::new(SurveyConfig {
            max_keys_total: 4,
            ..config
        });
        for site in ["a", "b", "c"] {
            c.record(site, &["سطر متكرر", "سطر آخر"]);
            c.record(site, &["سطر متكرر", "سطر آخر"]);
            c.record(site, &["سطر متكرر"]);
        }
        c.prune_over_limit();
        let left: Vec<u32> = c
            .domains
            .values()
            .flat_map(|d| d.keys.values().map(|s| s.df))
            .collect();
        assert_eq!(left, [3, 3, 3], "only the lines seen three times are left");
        assert_eq!(c.pruned(), 3);
    }
}
