//! Templates learned from survey counts, applied to lines, saved as `templates.json`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::counts::{
    section_title_form, KeyMap, KeyStat, SurveyConfig, SurveyCounts, MAX_EXAMPLE_CHARS,
};
use super::spans::{
    anchor_key, head_candidates, line_candidates, tail_candidates, Candidates, LinePos, SpanKind,
    SpanLimits, EDGE_WORDS,
};
use super::tokens::{nth_space, with_tokens, Tok, Tokens};
use crate::text::display_form;
use crate::{Error, Result};
use xxhash_rust::xxh3::xxh3_64;

/// Reason code of a whole line dropped as a site template.
pub const REASON_LINE: &str = "template:line";
/// Reason code of a template span cut from the start of a line.
pub const REASON_PREFIX: &str = "template:prefix";
/// Reason code of a template span cut from the end of a line.
pub const REASON_SUFFIX: &str = "template:suffix";

/// Version of the `templates.json` format.
pub const TEMPLATES_VERSION: u32 = 1;

/// Documents of a site an anchor must end before it may cut from mid-sentence on a last line
/// (see `Templates::glued_anchor`).
pub const GLUED_ANCHOR_MIN_DOCS: u32 = 20;

/// Thresholds of [`Templates::learn`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TemplateConfig {
    /// A template recurs in at least this many documents …
    pub min_docs: u32,
    /// … and in at least this share of the domain's documents.
    pub min_ratio: f64,
    /// A recurring line of at most this many words is boilerplate by frequency alone.
    pub short_words: usize,
    /// A recurring line of at most this many words is boilerplate at a document edge or with a cue.
    pub medium_words: usize,
    /// Share of occurrences on the first/last line that makes a candidate an edge candidate.
    pub edge_share: f64,
    /// A fully generalized shape (no literal segment) must occur in this share of documents …
    pub shape_ratio: f64,
    /// … and this share of its occurrences must be at the document edge.
    pub shape_edge_share: f64,
    /// Share of first-line occurrences required of a cue-bearing lead.
    pub lead_edge_share: f64,
    /// A longer recurring line (a shared real paragraph) is dropped only above this share of
    /// documents.
    pub furniture_ratio: f64,
    /// A short title field shared by at least this many different documents of a domain is a
    /// section name (`موجز دوليات`), not a headline (see [`DomainTemplates::section_titles`]).
    /// Three: on SaudiNewsNet dev, about a third of the short fields shared by two different
    /// records of a site are real headlines printed twice (`قناة السويس الجديدة`, `التجارة تطلق
    /// الدفع المباشر`), while nearly every field shared by three or more is a section or column
    /// name.
    #[serde(default = "default_min_section_title_docs")]
    pub min_section_title_docs: u32,
    /// A line (or line shape) with letters and no contact/share cue that lay inside the prose
    /// (see [`KeyStat::inner`]) in at least half of its documents, and recurs in fewer than
    /// this share of the domain's documents, is not boilerplate: it is a subheading, list
    /// marker or salutation that recurs in the text of a few articles (`أولاً :`, `المقادير:`,
    /// `الجواب`, `أداء الأسهم`). Site furniture recurs in a larger share of the pages, or stands
    /// above or below the prose. 0 turns the rule off.
    #[serde(default = "default_inner_max_ratio")]
    pub inner_max_ratio: f64,
}

/// [`TemplateConfig::inner_max_ratio`]'s default (also for older `templates.json` files).
/// On SaudiNewsNet dev every short-line template that recurs in under 1% of its site's
/// documents and sits inside the prose is such a line of the text.
fn default_inner_max_ratio() -> f64 {
    0.01
}

/// [`TemplateConfig::min_section_title_docs`]'s default (also for `templates.json` files
/// written before it existed).
fn default_min_section_title_docs() -> u32 {
    3
}

impl Default for TemplateConfig {
    fn default() -> Self {
        TemplateConfig {
            min_docs: 3,
            min_ratio: 0.0005,
            short_words: 8,
            medium_words: 14,
            edge_share: 0.5,
            shape_ratio: 0.05,
            shape_edge_share: 0.8,
            lead_edge_share: 0.8,
            furniture_ratio: 0.5,
            min_section_title_docs: default_min_section_title_docs(),
            inner_max_ratio: default_inner_max_ratio(),
        }
    }
}

/// One learned template of a domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// What it matches (`line`, `line-shape`, `head`, `lead`, `tail`, `anchor`).
    pub kind: SpanKind,
    /// Pattern: token keys in matching form, digits as `0`, `*` for a generalized segment.
    pub pattern: String,
    /// xxh3-64 of kind + pattern, hexadecimal (the lookup key).
    pub key: String,
    /// Example display text of an occurrence (truncated).
    pub example: String,
    /// Documents of the domain containing it.
    pub df: u32,
    /// Of those, documents where it is on the first / last non-blank line.
    pub first: u32,
    pub last: u32,
    /// Why it was judged boilerplate.
    pub why: String,
}

/// A title field that names a section of a site, not an article: it recurs over different
/// records of the domain (a digest's `موجز دوليات`, a column's `بين الخطأ والصواب`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionTitle {
    /// The field's matching form (the lookup key, [`super::counts::section_title_form`]).
    pub form: String,
    /// Example display text of the field.
    pub example: String,
    /// Records of the domain with this field …
    pub records: u32,
    /// … and, of those, different documents (copies of one article count once).
    pub docs: u32,
}

/// The templates of one domain.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DomainTemplates {
    /// Documents surveyed in the domain.
    pub docs: u64,
    /// Templates, sorted by kind, then descending document frequency, then pattern.
    pub templates: Vec<Template>,
    /// Title fields that name a section, not a headline, sorted by form (absent from files
    /// written before they were learned).
    #[serde(default)]
    pub section_titles: Vec<SectionTitle>,
    #[serde(skip)]
    index: OnceLock<Index>,
}

/// Lookup of a domain's templates: key → position, and the kinds present.
#[derive(Debug, Clone, Default)]
struct Index {
    keys: KeyMap<usize>,
    /// [`SpanKind::bit`]s of the kinds of the templates.
    kinds: u8,
    /// xxh3-64 of the first non-empty token key of every whole-line template (`None` when
    /// that key cannot be read from a template's example): a line whose first non-empty key
    /// is not among them matches no whole-line template.
    line_first: Option<KeyMap<()>>,
}

/// Index just after the `n`th ASCII space of `b` from its end (`n` >= 1), if it has that many.
fn nth_space_back(b: &[u8], n: usize) -> Option<usize> {
    let mut seen = 0;
    for (i, &c) in b.iter().enumerate().rev() {
        if c == b' ' {
            seen += 1;
            if seen == n {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The kinds of a site's templates (`kinds`) that can cut a line at `pos`: prefixes only on
/// the first and last lines, leads only on the first line, tails and anchors only on the last
/// lines.
fn line_kinds(kinds: u8, pos: LinePos, limits: &SpanLimits) -> u8 {
    let edge_line = pos.first || pos.from_end < limits.tail_lines;
    let mut kinds = kinds;
    if !edge_line {
        kinds &= !(SpanKind::Head.bit() | SpanKind::Tail.bit() | SpanKind::Anchor.bit());
    }
    if !pos.first {
        kinds &= !SpanKind::Lead.bit();
    }
    kinds
}

/// The first non-empty token key of `display` (whose last word may be cut), provided a later
/// token shows it final (a glue piece after it would change it); `None` otherwise. Leaves the
/// tokens of the whole words of `display` in `tokens`.
fn first_key<'t>(tokens: &'t mut Tokens, display: &str) -> Option<&'t str> {
    // The last word may be a cut one: only whole words count (`tokens` holds their tokens
    // afterwards).
    let whole = display
        .rfind(' ')
        .and_then(|p| display.get(..p))
        .unwrap_or_default();
    tokens.tokenize_line(whole, usize::MAX, None);
    final_first_key(tokens)
}

/// The first non-empty key of the tokens of a line in `tokens`, provided a later token shows it
/// final (a glue piece after it would change it).
fn final_first_key(tokens: &Tokens) -> Option<&str> {
    let toks = &tokens.toks;
    let keys = &tokens.keys;
    let j = toks.iter().position(|t| !t.key(keys).is_empty())?;
    (j + 1 < toks.len()).then(|| toks[j].key(keys))
}

impl PartialEq for DomainTemplates {
    fn eq(&self, other: &Self) -> bool {
        self.docs == other.docs
            && self.templates == other.templates
            && self.section_titles == other.section_titles
    }
}

impl DomainTemplates {
    /// The template of key `key`, if the site has one.
    fn template(&self, index: &Index, key: u64) -> Option<&Template> {
        index.keys.get(&key).and_then(|&i| self.templates.get(i))
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut index = Index::default();
            for (i, t) in self.templates.iter().enumerate() {
                if let Ok(k) = u64::from_str_radix(&t.key, 16) {
                    // As `collect` into a map: a later duplicate key wins.
                    index.keys.insert(k, i);
                }
            }
            // Only kinds that can match: a candidate matches a template of its own kind.
            let mut firsts = KeyMap::default();
            let mut all_firsts = true;
            let mut tokens = Tokens::default();
            for &i in index.keys.values() {
                if let Some(t) = self.templates.get(i) {
                    index.kinds |= t.kind.bit();
                    if t.kind == SpanKind::Line {
                        // The example is the display text of an occurrence from its first
                        // token, truncated.
                        if t.example.chars().count() < MAX_EXAMPLE_CHARS {
                            // Not truncated: the whole line. (A line of empty keys only is
                            // matched by no line that has a non-empty key.)
                            tokens.tokenize_line(&t.example, usize::MAX, None);
                            let keys = &tokens.keys;
                            if let Some(k) = tokens
                                .toks
                                .iter()
                                .map(|t| t.key(keys))
                                .find(|k| !k.is_empty())
                            {
                                firsts.insert(xxh3_64(k.as_bytes()), ());
                            }
                        } else {
                            match first_key(&mut tokens, &t.example) {
                                Some(k) => {
                                    firsts.insert(xxh3_64(k.as_bytes()), ());
                                }
                                None => all_firsts = false,
                            }
                        }
                    }
                }
            }
            index.line_first = all_firsts.then_some(firsts);
            index
        })
    }
}

thread_local! {
    /// Reusable candidates of [`Templates::apply_display`] (one set per thread).
    static APPLY_CANDS: RefCell<Candidates> = RefCell::new(Candidates::default());
}

/// Learned site templates of all domains (the content of `templates.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Templates {
    /// Format version ([`TEMPLATES_VERSION`]).
    pub version: u32,
    /// Survey configuration (candidate generation must match when applying).
    pub survey: SurveyConfig,
    /// Thresholds the templates were learned with.
    pub config: TemplateConfig,
    /// Domain → templates.
    pub domains: BTreeMap<String, DomainTemplates>,
}

/// A span cut from a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanCut {
    /// Byte range into the line's display text ([`crate::text::display_form`]).
    pub range: Range<usize>,
    /// [`REASON_PREFIX`] or [`REASON_SUFFIX`].
    pub reason: &'static str,
    /// The template pattern that matched.
    pub pattern: String,
}

/// What to do with one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineCut {
    /// Keep the whole line.
    Keep,
    /// Drop the whole line (reason [`REASON_LINE`]).
    Drop {
        reason: &'static str,
        /// The template pattern that matched.
        pattern: String,
    },
    /// Keep `keep` (a byte range into the line's display text); `cuts` are the removed spans.
    Trim {
        keep: Range<usize>,
        cuts: Vec<SpanCut>,
    },
}

impl LineCut {
    /// The kept text of a line given its display text (`None` when dropped).
    pub fn kept<'a>(&self, display: &'a str) -> Option<&'a str> {
        match self {
            LineCut::Keep => Some(display),
            LineCut::Drop { .. } => None,
            LineCut::Trim { keep, .. } => display.get(keep.clone()),
        }
    }
}

fn share(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        f64::from(part) / f64::from(whole)
    }
}

/// Why `s` is boilerplate in a domain of `docs` documents, or `None`.
fn judge(s: &KeyStat, docs: u64, cfg: &TemplateConfig) -> Option<&'static str> {
    let threshold = f64::from(cfg.min_docs).max((cfg.min_ratio * docs as f64).ceil());
    // Copies of one article count once.
    let df = f64::from(s.distinct_docs());
    if df < threshold {
        return None;
    }
    let tokens: Vec<&str> = s.form.split(' ').filter(|t| !t.is_empty()).collect();
    // Numbers are data (prices, scores, list items), not furniture, unless a cue says contact.
    let has_number = tokens
        .iter()
        .any(|t| t.chars().any(|c| c.is_ascii_digit()) && !t.starts_with('<'));
    if has_number && !s.cue {
        return None;
    }
    let sentence_like = s
        .form
        .trim_end_matches(['»', '"', ')', '”', '}'])
        .ends_with(['.', '!', '?', '؟']);
    let only_contact = !tokens.is_empty()
        && tokens
            .iter()
            .all(|t| matches!(*t, "<email>" | "<url>" | "<handle>"));
    let first = share(s.first, s.df);
    let last = share(s.last, s.df);
    let edge = first.max(last);
    let words = usize::from(s.literal_tokens);
    let has_letters = s.form.chars().any(char::is_alphabetic);
    let pure_shape = s.wild_segments > 0 && usize::from(s.wild_segments) == usize::from(s.segments);
    let shape_ok = df >= threshold.max((cfg.shape_ratio * docs as f64).ceil());
    let whole_line = matches!(s.kind, SpanKind::Line | SpanKind::LineShape);
    if whole_line
        && has_letters
        && !s.cue
        && !only_contact
        && u64::from(s.inner) * 2 >= u64::from(s.df)
        && df < cfg.inner_max_ratio * docs as f64
    {
        // A line of the text that recurs in a few articles (see `inner_max_ratio`).
        return None;
    }
    match s.kind {
        SpanKind::Line => {
            if sentence_like && words > 4 && words <= cfg.medium_words {
                // A short sentence (a formula of the text) needs more evidence than a label.
                (df >= 2.0 * threshold && edge >= cfg.edge_share)
                    .then_some("recurring closing/opening sentence at a document edge")
            } else if words <= cfg.short_words {
                Some("recurring short line")
            } else if words <= cfg.medium_words && edge >= cfg.edge_share {
                Some("recurring line at a document edge")
            } else if words <= cfg.medium_words && s.cue {
                Some("recurring line with a contact/share cue")
            } else if df >= cfg.furniture_ratio * docs as f64 {
                Some("recurring in most documents of the domain")
            } else {
                None
            }
        }
        SpanKind::LineShape => {
            if pure_shape {
                (shape_ok && edge >= cfg.shape_edge_share && s.segments >= 2)
                    .then_some("line shape at a document edge in many documents")
            } else {
                has_letters.then_some("recurring short line shape")
            }
        }
        SpanKind::Head => {
            let colon_end = s.form.ends_with(':');
            if pure_shape {
                (shape_ok && s.segments >= 2 && colon_end && first >= cfg.shape_edge_share)
                    .then_some("head shape at document start in many documents")
            } else if !has_letters || (usize::from(s.max_literal_segment) > 2 && !s.cue) {
                // A longer colon-ended lead-in without dashes (`we often hear them say:`) is
                // a phrase of the text, not a byline or dateline.
                None
            } else if first >= cfg.edge_share {
                Some("recurring head at document start")
            } else if s.cue && edge >= cfg.edge_share {
                Some("recurring head with a contact/share cue")
            } else {
                None
            }
        }
        SpanKind::Lead => {
            let cues = s
                .form
                .split(' ')
                .filter(|k| super::tokens::is_cue_key(k))
                .count();
            (words >= 2 && cues >= 2 && cues * 2 >= words && first >= cfg.lead_edge_share)
                .then_some("recurring share/contact lead at document start")
        }
        SpanKind::Tail => {
            if (!has_letters && !s.cue) || only_contact || (sentence_like && words > 4) {
                // A bare address or a whole sentence after a colon belongs to the text.
                None
            } else if last >= cfg.edge_share {
                Some("recurring tail at document end")
            } else if s.cue {
                Some("recurring tail with a contact/share cue")
            } else {
                None
            }
        }
        SpanKind::Anchor => {
            (last >= cfg.edge_share).then_some("recurring cue-anchored tail at document end")
        }
    }
}

impl Templates {
    /// An empty template set (applies no cut).
    pub fn empty(survey: SurveyConfig, config: TemplateConfig) -> Self {
        Templates {
            version: TEMPLATES_VERSION,
            survey,
            config,
            domains: BTreeMap::new(),
        }
    }

    /// Learn templates from survey counts.
    pub fn learn(counts: &SurveyCounts, config: &TemplateConfig) -> Templates {
        let mut out = Templates::empty(counts.config, *config);
        for (domain, dc) in &counts.domains {
            let mut templates: Vec<Template> = dc
                .keys
                .iter()
                .filter_map(|(key, s)| {
                    judge(s, dc.docs, config).map(|why| Template {
                        kind: s.kind,
                        pattern: if s.form.is_empty() {
                            format!("{} …", s.example)
                        } else {
                            s.form.to_string()
                        },
                        key: format!("{key:016x}"),
                        example: s.example.to_string(),
                        df: s.df,
                        first: s.first,
                        last: s.last,
                        why: why.to_string(),
                    })
                })
                .collect();
            templates.sort_by(|a, b| {
                (a.kind, std::cmp::Reverse(a.df), &a.pattern, &a.key).cmp(&(
                    b.kind,
                    std::cmp::Reverse(b.df),
                    &b.pattern,
                    &b.key,
                ))
            });
            let mut section_titles: Vec<SectionTitle> = dc
                .titles
                .iter()
                .filter(|(_, s)| s.distinct_docs() >= config.min_section_title_docs)
                .map(|(form, s)| SectionTitle {
                    form: form.to_string(),
                    example: s.example.to_string(),
                    records: s.records,
                    docs: s.distinct_docs(),
                })
                .collect();
            section_titles.sort_by(|a, b| a.form.cmp(&b.form));
            out.domains.insert(
                domain.clone(),
                DomainTemplates {
                    docs: dc.docs,
                    templates,
                    section_titles,
                    index: OnceLock::new(),
                },
            );
        }
        out
    }

    /// Whether `title`, a record's title field, names a section of `domain` (a learned
    /// [`SectionTitle`]) rather than the record's headline.
    pub fn is_section_title(&self, domain: &str, title: &str) -> bool {
        let Some(dt) = self.domains.get(domain) else {
            return false;
        };
        if dt.section_titles.is_empty() {
            return false;
        }
        // A site has few (a handful on SaudiNewsNet): a scan, which also holds for a hand-edited
        // file that is not sorted.
        section_title_form(title)
            .is_some_and(|form| dt.section_titles.iter().any(|s| s.form == form))
    }

    /// Number of section titles over all domains.
    pub fn section_title_count(&self) -> usize {
        self.domains.values().map(|d| d.section_titles.len()).sum()
    }

    /// Number of templates over all domains.
    pub fn len(&self) -> usize {
        self.domains.values().map(|d| d.templates.len()).sum()
    }

    /// Whether there is no template at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Decide for each line of one document of `domain` (blank lines allowed) what to keep.
    /// Returns one [`LineCut`] per input line; byte ranges are into each line's display form.
    pub fn apply(&self, domain: &str, lines: &[&str]) -> Vec<LineCut> {
        let displays: Vec<String> = lines.iter().map(|l| display_form(l)).collect();
        let displays: Vec<&str> = displays.iter().map(String::as_str).collect();
        self.apply_display(domain, &displays)
    }

    /// [`Templates::apply`] on lines already in display form (the [`Line::display`]s of a
    /// page): the clean pass folds each line once, for the templates and structure recovery.
    ///
    /// [`Line::display`]: ghirbal_core::Line::display
    pub fn apply_display(&self, domain: &str, displays: &[&str]) -> Vec<LineCut> {
        let Some(dt) = self.domains.get(domain) else {
            return vec![LineCut::Keep; displays.len()];
        };
        with_tokens(|t| {
            APPLY_CANDS.with(|c| match c.try_borrow_mut() {
                Ok(mut c) => self.apply_with(&mut c, t, dt, displays, true),
                Err(_) => self.apply_with(&mut Candidates::default(), t, dt, displays, true),
            })
        })
    }

    /// [`Templates::apply`] deciding every line on all its tokens (without
    /// `Templates::matches_none`), to check the shortcut against.
    #[cfg(test)]
    pub(crate) fn apply_full(&self, domain: &str, lines: &[&str]) -> Vec<LineCut> {
        let displays: Vec<String> = lines.iter().map(|l| display_form(l)).collect();
        let displays: Vec<&str> = displays.iter().map(String::as_str).collect();
        let Some(dt) = self.domains.get(domain) else {
            return vec![LineCut::Keep; displays.len()];
        };
        let mut c = Candidates::default();
        self.apply_with(&mut c, &mut Tokens::default(), dt, &displays, false)
    }

    fn apply_with(
        &self,
        cands: &mut Candidates,
        tokens: &mut Tokens,
        dt: &DomainTemplates,
        displays: &[&str],
        shortcut: bool,
    ) -> Vec<LineCut> {
        let index = dt.index();
        let n = displays.iter().filter(|d| !d.is_empty()).count();
        let mut i = 0usize;
        let mut out = Vec::with_capacity(displays.len());
        for &d in displays {
            if d.is_empty() {
                out.push(LineCut::Keep);
                continue;
            }
            let pos = LinePos {
                first: i == 0,
                last: i + 1 == n,
                from_end: n - 1 - i,
            };
            i += 1;
            if shortcut && self.matches_none(dt, index, d, pos, tokens, cands) {
                out.push(LineCut::Keep);
                continue;
            }
            out.push(self.cut_line(dt, index, d, pos, tokens, cands));
        }
        out
    }

    /// Whether the line `display` at `pos` surely matches no template of its site, told from
    /// the tokens of its first and last [`EDGE_WORDS`] words only (a long line, of a site
    /// without anchor templates: an anchor may start anywhere). Whole-line templates: the
    /// line's first non-empty key starts none (`Index::line_first`); line shapes: the line has
    /// more than `max_head_tokens` tokens; heads, leads and tails: those of its first and last
    /// words are the whole line's (see [`head_candidates`], [`tail_candidates`]), and none is
    /// a template. `false` when unsure: [`Templates::cut_line`] then decides on all tokens.
    fn matches_none(
        &self,
        dt: &DomainTemplates,
        index: &Index,
        display: &str,
        pos: LinePos,
        tokens: &mut Tokens,
        cands: &mut Candidates,
    ) -> bool {
        let limits = &self.survey.limits;
        let kinds = line_kinds(index.kinds, pos, limits);
        if kinds == 0 {
            return true;
        }
        if kinds & SpanKind::Anchor.bit() != 0 {
            return false;
        }
        let Some(head_end) = nth_space(display.as_bytes(), EDGE_WORDS) else {
            return false;
        };
        let matches = |cands: &Candidates| {
            cands
                .list
                .iter()
                .any(|c| dt.template(index, c.key).is_some_and(|t| t.kind == c.kind))
        };
        tokens.tokenize_line(
            display.get(..head_end).unwrap_or_default(),
            usize::MAX,
            None,
        );
        if tokens.count < limits.max_head_tokens.saturating_add(2) {
            return false;
        }
        if kinds & SpanKind::Line.bit() != 0 {
            let first = final_first_key(tokens).map(|k| xxh3_64(k.as_bytes()));
            match (first, &index.line_first) {
                (Some(f), Some(set)) if !set.contains_key(&f) => {}
                _ => return false,
            }
        }
        if kinds & (SpanKind::Head.bit() | SpanKind::Lead.bit()) != 0 {
            head_candidates(tokens, pos.first, limits, kinds, cands);
            if matches(cands) {
                return false;
            }
        }
        if kinds & SpanKind::Tail.bit() != 0 && pos.from_end < limits.tail_lines {
            let Some(tail_start) = nth_space_back(display.as_bytes(), EDGE_WORDS) else {
                return false;
            };
            tokens.tokenize_line(
                display.get(tail_start..).unwrap_or_default(),
                usize::MAX,
                None,
            );
            if tokens.count < limits.max_tail_tokens.saturating_add(2) {
                return false;
            }
            tail_candidates(tokens, limits, cands);
            if matches(cands) {
                return false;
            }
        }
        true
    }

    fn cut_line(
        &self,
        dt: &DomainTemplates,
        index: &Index,
        display: &str,
        pos: LinePos,
        tokens: &mut Tokens,
        cands: &mut Candidates,
    ) -> LineCut {
        if index.kinds == 0 {
            return LineCut::Keep;
        }
        let edge_line = pos.first || pos.from_end < self.survey.limits.tail_lines;
        let kinds = line_kinds(index.kinds, pos, &self.survey.limits);
        if kinds == 0 {
            return LineCut::Keep;
        }
        // Prefix and suffix cuts (edge lines) look at every token; other lines only at the
        // first ones.
        line_candidates(
            display,
            tokens,
            pos,
            &self.survey.limits,
            kinds,
            edge_line,
            cands,
        );
        let n = tokens.count;
        let mut prefix: Option<(usize, &Template)> = None;
        let mut suffix: Option<(usize, &Template)> = None;
        for c in &cands.list {
            let Some(t) = dt.template(index, c.key) else {
                continue;
            };
            if t.kind != c.kind {
                continue;
            }
            if c.kind.is_line() {
                return LineCut::Drop {
                    reason: REASON_LINE,
                    pattern: t.pattern.clone(),
                };
            }
            if c.kind.is_prefix() {
                // A head learned at the document start applies on the first line only; a
                // cue-bearing head learned at either edge applies on the edge lines.
                let at_start = share(t.first, t.df) >= self.config.edge_share;
                if !(pos.first || !at_start && edge_line) {
                    continue;
                }
                if prefix.map_or(true, |(e, _)| c.tok_end > e) {
                    prefix = Some((c.tok_end, t));
                }
            } else if suffix.map_or(true, |(s, _)| c.tok_start < s) {
                suffix = Some((c.tok_start, t));
            }
        }
        if suffix.is_none() && pos.from_end == 0 && kinds & SpanKind::Anchor.bit() != 0 {
            suffix = self.glued_anchor(dt, index, display, tokens);
        }
        let toks = &tokens.toks;
        let body_start = prefix.map_or(0, |(e, _)| e);
        let body_end = suffix.map_or(n, |(s, _)| s);
        if prefix.is_none() && suffix.is_none() {
            return LineCut::Keep;
        }
        let body_has_letters = body_start < body_end
            && toks[body_start..body_end]
                .iter()
                .any(|t| t.has_letters() && !t.starts_angle());
        if !body_has_letters {
            let pattern = prefix.or(suffix).map(|(_, t)| t.pattern.clone());
            return LineCut::Drop {
                reason: REASON_LINE,
                pattern: pattern.unwrap_or_default(),
            };
        }
        let keep = toks[body_start].start..toks[body_end - 1].end;
        let mut cuts = Vec::new();
        if let Some((_, t)) = prefix {
            cuts.push(SpanCut {
                range: 0..keep.start,
                reason: REASON_PREFIX,
                pattern: t.pattern.clone(),
            });
        }
        if let Some((_, t)) = suffix {
            cuts.push(SpanCut {
                range: toks[body_end].start..display.len(),
                reason: REASON_SUFFIX,
                pattern: t.pattern.clone(),
            });
        }
        LineCut::Trim { keep, cuts }
    }

    /// A learned anchor that starts mid-sentence on a document's last line. Anchors are learned
    /// after a clause end only, so that a cue phrase inside a sentence is never learned; but a
    /// footer printed right after unpunctuated text (a poem) and glued to its links
    /// (`… ضرام مقالات أخرى للكاتبأثر العبادة…`) has no clause end before it. On the last line
    /// of a document, an anchor found at the document end in at least
    /// [`GLUED_ANCHOR_MIN_DOCS`] documents of the site cuts from wherever it starts — when the
    /// text after it goes on as the learned example does (`للكاتب…`): prose that happens to
    /// say `مقالات أخرى عن …` ("other articles about") is not cut.
    fn glued_anchor<'t>(
        &'t self,
        dt: &'t DomainTemplates,
        index: &Index,
        display: &str,
        tokens: &Tokens,
    ) -> Option<(usize, &'t Template)> {
        let toks = &tokens.toks;
        let mut buf = Vec::new();
        // The leftmost anchor wins, as for anchors after a clause end; not at the first token
        // (that is a whole-line or after-clause case) and never the whole line.
        for j in 1..toks.len() {
            for k in 2..=3 {
                if j + k >= toks.len() {
                    break;
                }
                let anchor = &toks[j..j + k];
                if !anchor.iter().any(Tok::is_cue_word) {
                    continue;
                }
                let key = anchor_key(anchor, &tokens.keys, &mut buf);
                let Some(t) = dt.template(index, key) else {
                    continue;
                };
                if t.kind != SpanKind::Anchor
                    || t.df < GLUED_ANCHOR_MIN_DOCS
                    || share(t.last, t.df) < self.config.edge_share
                {
                    continue;
                }
                // The example starts with the anchor's words; the word after them must start
                // the rest of this line too — or, both glued to link text, share its first
                // four letters or more (`للكاتبعودة…` / `للكاتبشاعر…`).
                let Some(next) = t.example.split_whitespace().nth(k) else {
                    continue;
                };
                let rest = display.get(toks[j + k].start..).unwrap_or_default();
                let common = next
                    .chars()
                    .zip(rest.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                if common == next.chars().count() || common >= 4 {
                    return Some((j, t));
                }
            }
        }
        None
    }

    /// Serialize to pretty JSON.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self)
            .map_err(|e| Error::Config(format!("cannot serialize templates: {e}")))
    }

    /// Parse from JSON (checks the version).
    pub fn from_json(s: &str) -> Result<Templates> {
        let t: Templates = serde_json::from_str(s)
            .map_err(|e| Error::Config(format!("invalid templates.json: {e}")))?;
        if t.version != TEMPLATES_VERSION {
            return Err(Error::Config(format!(
                "templates.json version {} is not supported (expected {TEMPLATES_VERSION})",
                t.version
            )));
        }
        Ok(t)
    }

    /// Load `templates.json` from `path` (for `--templates`).
    pub fn load(path: &Path) -> Result<Templates> {
        let s = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Templates::from_json(&s).map_err(|e| match e {
            Error::Config(m) => Error::Config(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// Save as `templates.json` at `path` atomically (temporary file + rename).
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = self.to_json()?;
        write_atomic(path, json.as_bytes())
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(tmp.path(), e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}
