//! Sample pages for the report: a deterministic sample of records, and the worst cases by
//! removed fraction, each with its original lines coloured by role and the resulting articles.
//!
//! The clean pass offers every record to a [`SampleCollector`] (sequentially, in input order,
//! after [`crate::pipeline::clean_record`]); the collector keeps the `n` records whose xxh3 of the
//! id is smallest (the same sample whatever the batching or thread count) and the `worst` records
//! with kept articles whose original text lost the largest share, and writes them to
//! `samples.jsonl.zst`. Memory is bounded by `n + worst` pages, each capped in lines and bytes.

use crate::io::JsonlWriter;
use crate::pipeline::record::Removed;
use crate::pipeline::Cleaned;
use crate::text::display_form;
use crate::Result;
use ghirbal_core::{Record, Role};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

/// File name of the samples inside the output directory.
pub const SAMPLES_FILE: &str = "samples.jsonl.zst";

/// Lines kept per sample page (the rest is counted in [`SamplePage::truncated_lines`]).
pub const MAX_LINES: usize = 200;
/// Characters kept per line.
pub const MAX_LINE_CHARS: usize = 300;
/// Characters kept of each resulting article's text.
pub const MAX_ARTICLE_CHARS: usize = 4000;

/// What became of one input line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineFate {
    /// In the training text of a kept article (title or body).
    Kept,
    /// Kept in a structured field of a kept article (caption, byline, date), not in the text.
    Field,
    /// Removed by structure recovery or a site template.
    Removed,
    /// Part of an article (or record) rejected as a whole by a filter or the record stage.
    Rejected,
    /// Empty line.
    Blank,
}

/// One original line of a sample page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleLine {
    /// 1-based line number in the record text.
    pub n: u32,
    pub fate: LineFate,
    /// The line's role when known (removed runs and kept lines).
    pub role: Option<Role>,
    /// Why (a reason code, e.g. `lexicon:ui`, `quality:too-short`, `template:prefix`).
    pub reason: String,
    /// The line text (truncated to [`MAX_LINE_CHARS`]).
    pub text: String,
}

/// One article recovered from a sample page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleArticle {
    pub id: String,
    pub title: Option<String>,
    /// `kept`, or the reject reason.
    pub status: String,
    /// The article text (truncated to [`MAX_ARTICLE_CHARS`]).
    pub text: String,
}

/// A sampled record: original lines with their fate, and what came out of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SamplePage {
    pub id: String,
    pub domain: Option<String>,
    pub url: Option<String>,
    /// `sample` (deterministic sample) or `worst` (largest removed fraction).
    pub kind: String,
    /// Share of the record's text bytes not in any kept article's text (0..=1).
    pub removed_fraction: f64,
    pub lines: Vec<SampleLine>,
    /// Lines beyond [`MAX_LINES`], not shown.
    pub truncated_lines: usize,
    pub articles: Vec<SampleArticle>,
}

/// Collects the sample pages during a clean pass (see the module docs).
#[derive(Debug)]
pub struct SampleCollector {
    n: usize,
    worst_n: usize,
    random: BTreeMap<(u64, String), SamplePage>,
    worst: BTreeMap<(Reverse<u32>, u64, String), SamplePage>,
}

impl SampleCollector {
    /// Keeps `n` sampled pages and `worst` worst cases.
    pub fn new(n: usize, worst: usize) -> Self {
        SampleCollector {
            n,
            worst_n: worst,
            random: BTreeMap::new(),
            worst: BTreeMap::new(),
        }
    }

    /// Offers one cleaned record (call before the kept articles are moved out of `cleaned`).
    pub fn offer(&mut self, rec: &Record, cleaned: &Cleaned) {
        let h = xxh3_64(rec.id.as_bytes());
        let frac = removed_fraction(rec, cleaned);
        // Whether a page enters is decided on borrowed keys: the id is cloned only for the few
        // pages that do (every record is offered).
        let id = rec.id.as_str();
        if self.n > 0 {
            let enters = self.random.len() < self.n
                || self
                    .random
                    .last_key_value()
                    .is_some_and(|((kh, kid), _)| (h, id) < (*kh, kid.as_str()));
            if enters {
                let rkey = (h, rec.id.clone());
                if let Entry::Vacant(slot) = self.random.entry(rkey) {
                    slot.insert(build_page(rec, cleaned, "sample", frac));
                    if self.random.len() > self.n {
                        self.random.pop_last();
                    }
                }
            }
        }
        if self.worst_n > 0 && !cleaned.kept.is_empty() {
            let rank = Reverse((frac * 1e6).round() as u32);
            let enters = self.worst.len() < self.worst_n
                || self
                    .worst
                    .last_key_value()
                    .is_some_and(|((kr, kh, kid), _)| (rank, h, id) < (*kr, *kh, kid.as_str()));
            if enters {
                let wkey = (rank, h, rec.id.clone());
                if let Entry::Vacant(slot) = self.worst.entry(wkey) {
                    slot.insert(build_page(rec, cleaned, "worst", frac));
                    if self.worst.len() > self.worst_n {
                        self.worst.pop_last();
                    }
                }
            }
        }
    }

    /// The collected pages: the sample (by hash), then the worst cases (worst first).
    pub fn into_pages(self) -> Vec<SamplePage> {
        self.random
            .into_values()
            .chain(self.worst.into_values())
            .collect()
    }

    /// Writes `samples.jsonl.zst` into `out_dir` (atomically).
    pub fn write(self, out_dir: &Path) -> Result<()> {
        write_samples(out_dir, &self.into_pages())
    }
}

/// Writes sample pages to `out_dir/samples.jsonl.zst`.
pub fn write_samples(out_dir: &Path, pages: &[SamplePage]) -> Result<()> {
    let mut w = JsonlWriter::create(out_dir.join(SAMPLES_FILE))?;
    for p in pages {
        w.write(p)?;
    }
    w.commit()?;
    Ok(())
}

/// Share of the record's text bytes that is in no kept article's text.
fn removed_fraction(rec: &Record, c: &Cleaned) -> f64 {
    let total = rec.text.trim().len();
    if total == 0 {
        return 1.0;
    }
    let kept: usize = c.kept.iter().map(|(a, _)| a.text.len()).sum();
    (1.0 - kept as f64 / total as f64).clamp(0.0, 1.0)
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Builds a sample page: every original line gets its fate from the kept articles' removed runs,
/// their text (title, body, structured fields) and cuts, and the record's rejects.
pub fn build_page(rec: &Record, c: &Cleaned, kind: &str, removed_fraction: f64) -> SamplePage {
    let mut removed: BTreeMap<u32, &Removed> = BTreeMap::new();
    for (a, _) in &c.kept {
        for r in &a.removed {
            for n in r.lines[0]..=r.lines[1].min(r.lines[0].saturating_add(100_000)) {
                removed.entry(n).or_insert(r);
            }
        }
    }
    let mut titles = BTreeSet::new();
    let mut body = BTreeSet::new();
    let mut fields = BTreeMap::new();
    let mut cut_lines = BTreeMap::new();
    for (a, _) in &c.kept {
        if let Some(t) = &a.title {
            titles.insert(t.trim().to_string());
        }
        for p in &a.body {
            body.insert(p.trim().to_string());
        }
        for cap in &a.captions {
            fields.insert(cap.text.trim().to_string(), Role::Caption);
        }
        if let Some(d) = &a.date {
            fields.insert(d.trim().to_string(), Role::Date);
        }
        for cut in &a.cuts {
            cut_lines.insert(cut.line, cut.reason.as_str().to_string());
        }
    }
    let reject_reason = c
        .rejects
        .first()
        .map(|r| r.reason.as_str().to_string())
        .unwrap_or_else(|| "unknown".into());
    let all: Vec<&str> = rec.text.split('\n').collect();
    let mut lines = Vec::with_capacity(all.len().min(MAX_LINES));
    for (i, raw) in all.iter().enumerate().take(MAX_LINES) {
        let n = i as u32 + 1;
        let display = display_form(raw);
        let t = display.trim();
        let (fate, role, reason) = if t.is_empty() {
            (LineFate::Blank, Some(Role::Blank), String::new())
        } else if let Some(r) = removed.get(&n) {
            (
                LineFate::Removed,
                Some(r.role),
                r.reason.as_str().to_string(),
            )
        } else if titles.contains(t) {
            (LineFate::Kept, Some(Role::Title), "kept:title".into())
        } else if body.contains(t) {
            (LineFate::Kept, Some(Role::Body), "kept:body".into())
        } else if let Some(reason) = cut_lines.get(&n) {
            (
                LineFate::Kept,
                Some(Role::Body),
                format!("kept, {reason} cut"),
            )
        } else if let Some(role) = fields.get(t) {
            (LineFate::Field, Some(*role), "kept:field".into())
        } else if c.kept.iter().any(|(a, _)| {
            a.byline.as_ref().is_some_and(|b| {
                [&b.author, &b.publisher, &b.dateline].iter().any(|f| {
                    f.as_deref()
                        .is_some_and(|f| t.contains(f.trim()) && !f.trim().is_empty())
                })
            })
        }) {
            (LineFate::Field, Some(Role::Byline), "kept:byline".into())
        } else if c.kept.iter().any(|(a, _)| a.text.contains(t)) {
            (LineFate::Kept, Some(Role::Body), "kept:body".into())
        } else if !c.rejects.is_empty() {
            (LineFate::Rejected, None, reject_reason.clone())
        } else {
            (LineFate::Field, None, "kept:structure".into())
        };
        lines.push(SampleLine {
            n,
            fate,
            role,
            reason,
            text: truncate_chars(raw.trim_end_matches('\r'), MAX_LINE_CHARS),
        });
    }
    let mut articles: Vec<SampleArticle> = c
        .kept
        .iter()
        .map(|(a, _)| SampleArticle {
            id: a.id.clone(),
            title: a.title.clone(),
            status: "kept".into(),
            text: truncate_chars(&a.text, MAX_ARTICLE_CHARS),
        })
        .collect();
    for r in &c.rejects {
        articles.push(SampleArticle {
            id: r.id.clone().unwrap_or_default(),
            title: r.title.clone(),
            status: r.reason.as_str().to_string(),
            text: if r.stage == "record" {
                String::new()
            } else {
                truncate_chars(r.text.as_deref().unwrap_or(""), MAX_ARTICLE_CHARS)
            },
        });
    }
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    SamplePage {
        id: rec.id.clone(),
        domain: rec.domain.clone(),
        url: rec.url.clone(),
        kind: kind.into(),
        removed_fraction,
        truncated_lines: all.len().saturating_sub(MAX_LINES),
        lines,
        articles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filters;
    use crate::pipeline::{clean_record, CleanConfig};

    fn record(id: &str, text: &str) -> Record {
        Record {
            id: id.into(),
            domain: Some("site.example".into()),
            text: text.into(),
            ..Default::default()
        }
    }

    fn page_text(i: usize) -> String {
        format!(
            "الرئيسية | أخبار | رياضة | اتصل بنا\n\nوزير الاقتصاد يفتتح معرض الصناعات الوطنية رقم {i}\n\n\
             افتتح وزير الاقتصاد اليوم معرض الصناعات الوطنية في دورته الجديدة بمشاركة أكثر من مئتي شركة محلية وعربية، وقال في كلمته إن المعرض يعكس نمو القطاع الصناعي خلال السنوات الأخيرة.\n\n\
             وأضاف الوزير أن الحكومة تعمل على تسهيل إجراءات التصدير ودعم المصانع الصغيرة والمتوسطة بقروض ميسرة، مشيرا إلى أن الصادرات الصناعية ارتفعت بنسبة كبيرة هذا العام.\n\n\
             وشهد حفل الافتتاح حضور عدد من السفراء ورجال الأعمال الذين تجولوا في أجنحة المعرض واطلعوا على أحدث المنتجات.\n\n\
             جميع الحقوق محفوظة © 2024\n"
        )
    }

    fn filters() -> Filters {
        Filters::new(CleanConfig::preset("arabic-news").unwrap().filters).unwrap()
    }

    #[test]
    fn sample_is_independent_of_order_and_bounded() {
        let f = filters();
        let recs: Vec<Record> = (0..12)
            .map(|i| record(&format!("r{i}"), &page_text(i)))
            .collect();
        let mut a = SampleCollector::new(4, 2);
        for r in &recs {
            a.offer(r, &clean_record(r, None, &f));
        }
        let mut b = SampleCollector::new(4, 2);
        for r in recs.iter().rev() {
            b.offer(r, &clean_record(r, None, &f));
        }
        let (pa, pb) = (a.into_pages(), b.into_pages());
        assert_eq!(pa, pb);
        assert_eq!(pa.iter().filter(|p| p.kind == "sample").count(), 4);
        assert_eq!(pa.iter().filter(|p| p.kind == "worst").count(), 2);
    }

    #[test]
    fn lines_get_fates() {
        let f = filters();
        let r = record("x", &page_text(1));
        let c = clean_record(&r, None, &f);
        let p = build_page(&r, &c, "sample", removed_fraction(&r, &c));
        assert!(!c.kept.is_empty(), "fixture should keep an article");
        assert!(p.lines.iter().any(|l| l.fate == LineFate::Kept));
        assert!(p.lines.iter().any(|l| l.fate == LineFate::Blank));
        let menu = &p.lines[0];
        assert_ne!(menu.fate, LineFate::Kept, "{menu:?}");
        assert!(p.removed_fraction > 0.0 && p.removed_fraction < 1.0);
        assert_eq!(p.articles.len(), c.kept.len() + c.rejects.len());
    }

    #[test]
    fn rejected_record_lines_carry_the_reason() {
        let f = filters();
        let r = record("e", "Short English line only.");
        let c = clean_record(&r, None, &f);
        let p = build_page(&r, &c, "sample", removed_fraction(&r, &c));
        if c.kept.is_empty() {
            assert!(p
                .lines
                .iter()
                .all(|l| l.fate != LineFate::Kept && !l.reason.is_empty()));
        }
    }

    #[test]
    fn long_pages_are_truncated() {
        let f = filters();
        let text = "سطر\n".repeat(MAX_LINES + 50);
        let r = record("long", &text);
        let c = clean_record(&r, None, &f);
        let p = build_page(&r, &c, "sample", 0.5);
        assert_eq!(p.lines.len(), MAX_LINES);
        assert_eq!(p.truncated_lines, MAX_LINES + 51 - MAX_LINES);
    }
}
