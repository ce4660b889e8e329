//! Cleaning one record: template cuts → structure recovery → article records → filters.
//! Pure and batch-shaped (no shared state but read-only templates and filters), so it runs in
//! parallel and on other machines alike.

use crate::filter::lang::identify_article;
use crate::filter::{Filters, LangGuess};
use crate::structure::{self, Cues};
use crate::survey::{LineCut, SpanCut, Templates};
use crate::text::{self, display_form, matching_form_into};
use ghirbal_core::stage::{FilterDoc, Signals};
use ghirbal_core::{Article, Byline, Caption, Line, Page, Reason, Record, Role, Teaser};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A run of input lines removed for one reason (`lines` is `[first, last]`, 1-based).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub lines: [u32; 2],
    pub role: Role,
    pub reason: Reason,
}

/// A span cut from a kept line (a glued byline prefix, a contact suffix).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cut {
    pub line: u32,
    pub text: String,
    pub reason: Reason,
}

/// One recovered article as written to `articles.jsonl.zst`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// `<source id>/<k>` (k = 1-based article index on the page).
    pub id: String,
    pub source_id: String,
    pub url: Option<String>,
    pub domain: Option<String>,
    pub title: Option<String>,
    /// The training text: title, blank line, paragraphs separated by blank lines.
    pub text: String,
    pub body: Vec<String>,
    pub captions: Vec<Caption>,
    pub byline: Option<Byline>,
    pub date: Option<String>,
    pub related: Vec<Teaser>,
    pub lang: String,
    pub lang_score: f32,
    /// The quality signals computed (by name; the names are static, borrowed not copied).
    pub quality: BTreeMap<Cow<'static, str>, f64>,
    /// Duplicate provenance (filled by dedup; `null` when unique or dedup is off).
    pub dup: Option<serde_json::Value>,
    /// Input lines not in the article, compactly: runs of lines with their role and reason.
    pub removed: Vec<Removed>,
    /// Spans cut from kept lines by the learned site templates.
    pub cuts: Vec<Cut>,
    /// The input's other fields, untouched.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

/// A rejected record or article, in full, with the reason (a line of `rejects.jsonl.zst`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RejectRecord {
    /// The article id (`<source id>/<k>`) or, for a record-level reject, the record id.
    pub id: Option<String>,
    pub source_id: Option<String>,
    /// `input`, `record`, `filter` or `dedup`.
    pub stage: String,
    pub reason: Reason,
    pub detail: Option<String>,
    /// `file:line` for input rejects.
    pub location: Option<String>,
    pub url: Option<String>,
    pub domain: Option<String>,
    pub title: Option<String>,
    /// The rejected text (the article text, or the whole record).
    pub text: Option<String>,
    /// A rejected article's structured parts, as its `articles.jsonl` line would have them
    /// (absent for a record-level or input reject, which has only its whole `text`).
    #[serde(flatten)]
    pub article: Option<RejectedParts>,
    /// Quality signals, for article rejects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<BTreeMap<Cow<'static, str>, f64>>,
    /// The kept article this one duplicates (dedup rejects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f32>,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

/// The parts of a rejected article besides the fields every reject has: in a reject line they
/// stand between `text` and `quality`, written as an article line writes them, so that a
/// rejected article keeps everything a kept one would (its related links, captions, byline,
/// and which of its page's lines were dropped).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RejectedParts {
    pub body: Vec<String>,
    pub captions: Vec<Caption>,
    pub byline: Option<Byline>,
    pub date: Option<String>,
    pub related: Vec<Teaser>,
    pub lang: String,
    pub lang_score: f32,
    pub removed: Vec<Removed>,
    pub cuts: Vec<Cut>,
}

impl RejectRecord {
    /// A reject carrying a whole article: its text, structured parts, quality signals and
    /// metadata (everything its `articles.jsonl` line would carry but `dup`).
    pub fn of_article(art: &ArticleRecord, stage: &str, reason: Reason) -> RejectRecord {
        RejectRecord {
            id: Some(art.id.clone()),
            source_id: Some(art.source_id.clone()),
            stage: stage.to_string(),
            reason,
            detail: None,
            location: None,
            url: art.url.clone(),
            domain: art.domain.clone(),
            title: art.title.clone(),
            text: Some(art.text.clone()),
            article: Some(RejectedParts {
                body: art.body.clone(),
                captions: art.captions.clone(),
                byline: art.byline.clone(),
                date: art.date.clone(),
                related: art.related.clone(),
                lang: art.lang.clone(),
                lang_score: art.lang_score,
                removed: art.removed.clone(),
                cuts: art.cuts.clone(),
            }),
            quality: Some(art.quality.clone()),
            duplicate_of: None,
            similarity: None,
            metadata: art.metadata.clone(),
        }
    }
}

/// What cleaning one record produced.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    /// Articles that passed the filters, with their matching-form body for dedup (empty when
    /// [`clean_record_with`] was told no dedup needs it).
    pub kept: Vec<(ArticleRecord, String)>,
    /// Articles rejected by the filters, or the whole record (empty, no article).
    pub rejects: Vec<RejectRecord>,
    /// Articles recovered (kept + filter rejects).
    pub articles: usize,
    /// Line counts by role and by removal reason (for stats).
    pub line_roles: BTreeMap<Role, u64>,
    pub line_reasons: BTreeMap<String, u64>,
    /// The record's title field names a section of its site, not its headline
    /// ([`Templates::is_section_title`]): it was not looked for in the text.
    pub section_title: bool,
}

/// Record-level reject reasons.
pub mod reasons {
    use ghirbal_core::Reason;
    /// The record's text is empty or whitespace only.
    pub const EMPTY: Reason = Reason::new("empty");
    /// Structure recovery found no article and no body text.
    pub const NO_ARTICLE: Reason = Reason::new("structure:no-article");
    /// Cleaning the record hit a bug of ours (a panic, caught): the record is rejected whole.
    pub const PANIC: Reason = Reason::new("internal:panic");
}

/// Cleans one record.
pub fn clean_record(rec: &Record, templates: Option<&Templates>, filters: &Filters) -> Cleaned {
    clean_record_with(rec, templates, filters, true)
}

/// Cleans one record; without `matching` (no dedup to feed) the kept articles' matching-form
/// bodies are left empty instead of built.
///
/// A bug of ours that panics on one record rejects that record (`internal:panic`, with the
/// message) instead of ending the run: the rest of the input is still cleaned and every record
/// still accounted for. (The panic hook still prints the message and where it happened.)
pub fn clean_record_with(
    rec: &Record,
    templates: Option<&Templates>,
    filters: &Filters,
    matching: bool,
) -> Cleaned {
    guarded(rec, || {
        clean_record_unguarded(rec, templates, filters, matching)
    })
}

/// `run()`, or a reject of `rec` as [`reasons::PANIC`] when it panics.
fn guarded(rec: &Record, run: impl FnOnce() -> Cleaned) -> Cleaned {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(out) => out,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            let mut out = Cleaned::default();
            out.rejects.push(record_reject(
                rec,
                reasons::PANIC,
                Some(format!("internal error while cleaning this record: {msg}")),
            ));
            out
        }
    }
}

fn clean_record_unguarded(
    rec: &Record,
    templates: Option<&Templates>,
    filters: &Filters,
    matching: bool,
) -> Cleaned {
    let mut out = Cleaned::default();
    if rec.text.trim().is_empty() {
        out.rejects.push(record_reject(rec, reasons::EMPTY, None));
        return out;
    }
    // Template cuts on the page's display lines: trimmed lines keep their body; dropped lines
    // stay in the page for structure recovery to read (a related-block header or a date line a
    // template matches still separates two articles) and are then forced to boilerplate.
    let mut page = structure::page_from_text(rec.text.clone());
    let domain = rec.domain.as_deref().unwrap_or("");
    let line_cuts = match templates {
        Some(t) if !domain.is_empty() => {
            let displays: Vec<&str> = page.lines.iter().map(|l| &*l.display).collect();
            t.apply_display(domain, &displays)
        }
        _ => Vec::new(),
    };
    let line_cuts = cut_inline_code(&page, line_cuts);
    let mut cuts = Vec::new();
    let mut template_dropped: Vec<Option<Reason>> = vec![None; page.lines.len()];
    for (slot, cut) in template_dropped.iter_mut().zip(&line_cuts) {
        if let LineCut::Drop { reason, .. } = cut {
            *slot = Some(Reason::new(reason));
        }
    }
    // Only trimmed lines change the text (dropped lines are read as they are).
    if line_cuts.iter().any(|c| matches!(c, LineCut::Trim { .. })) {
        page = trimmed_page(page, &line_cuts, &mut cuts);
    }
    // A title field that names the site's section (a digest's `موجز دوليات`, a column's name),
    // learned by the survey as recurring over the domain's records, is not the headline: it is
    // not looked for in the text, which is then read as a record with no title field would be
    // (a digest's first inner headline heads its first article; a section label printed above
    // it is no headline cue). It still names the first article when the text prints no
    // headline at all (`هذا اليوم في التاريخ`, a column's name): the best title there is.
    out.section_title = match (templates, &rec.title) {
        (Some(t), Some(title)) if !domain.is_empty() => t.is_section_title(domain, title),
        _ => false,
    };
    let mut cues = Cues::from_title(rec.title.as_deref().filter(|_| !out.section_title));
    cues.section_title = out.section_title;
    let (mut articles, _publisher) = structure::recover_with(&mut page, &cues, &template_dropped);
    if articles.is_empty() {
        // No article shape (an already extracted body, a short item): keep the text lines that
        // are not furniture as one body, and let the filters judge it.
        let text = structure::fallback_body(&page.lines);
        let body: Vec<String> = page
            .lines
            .iter()
            .zip(&text)
            .filter(|(_, &t)| t)
            .map(|(l, _)| l.display.to_string())
            .collect();
        if body.is_empty() {
            out.rejects.push(record_reject(
                rec,
                reasons::NO_ARTICLE,
                Some("no text line survived structure recovery".into()),
            ));
            count_lines(&page, &mut out);
            return out;
        }
        for (l, &t) in page.lines.iter_mut().zip(&text) {
            if t {
                l.role = Role::Body;
                l.reason = Reason::new("body:fallback");
                l.article = 1;
            }
        }
        let first = page
            .lines
            .iter()
            .find(|l| l.role == Role::Body)
            .map_or(1, |l| l.n);
        let last = page
            .lines
            .iter()
            .rev()
            .find(|l| l.role == Role::Body)
            .map_or(1, |l| l.n);
        articles.push(Article {
            body,
            lines: [first, last],
            ..Default::default()
        });
    }
    // A separate title field names the page's (first) article when the text does not print it.
    if let (Some(t), Some(a)) = (&rec.title, articles.first_mut()) {
        if a.title.is_none() && !t.trim().is_empty() {
            a.title = Some(display_form(structure::title_field_headline(t)));
        }
    }
    count_lines(&page, &mut out);
    let removed = removed_runs(&page);
    out.articles = articles.len();
    for (k, a) in articles.into_iter().enumerate() {
        let lines = a.lines;
        let (art, parts_guess) = build_article(rec, k, a, &removed, &cuts);
        let doc = FilterDoc {
            title: art.title.as_deref(),
            body: &art.body,
            domain: art.domain.as_deref(),
        };
        let (signals, reason) = filters.apply_identified(&doc, Some(parts_guess));
        let quality = signals_map(&signals);
        match reason {
            Some(reason) => {
                let mut r = RejectRecord::of_article(&art, "filter", reason);
                r.quality = Some(quality);
                out.rejects.push(r);
            }
            None => {
                let matching = if matching {
                    matching_body(&art.body, lines, &page)
                } else {
                    String::new()
                };
                let mut art = art;
                art.quality = quality;
                out.kept.push((art, matching));
            }
        }
    }
    out
}

/// `line_cuts` with a style sheet or script glued into a line (a poll widget's CSS and jQuery
/// after an article's text: [`text::code::code_start`]) cut from where it starts to the end of
/// what the line keeps. A line no template cuts gets a [`LineCut::Trim`]; a dropped line stays
/// dropped. `line_cuts` may be empty (no templates): it is then all [`LineCut::Keep`].
fn cut_inline_code(page: &Page, mut line_cuts: Vec<LineCut>) -> Vec<LineCut> {
    // Code has braces; most records have none: one search of the whole text decides.
    if memchr::memchr(b'{', page.text.as_bytes()).is_none() {
        return line_cuts;
    }
    for (i, line) in page.lines.iter().enumerate() {
        let Some(start) = text::code::code_start(&line.display) else {
            continue;
        };
        if line_cuts.is_empty() {
            line_cuts = vec![LineCut::Keep; page.lines.len()];
        }
        let Some(cut) = line_cuts.get_mut(i) else {
            continue;
        };
        let kept = match cut {
            LineCut::Keep => 0..line.display.len(),
            LineCut::Trim { keep, .. } => keep.clone(),
            LineCut::Drop { .. } => continue,
        };
        if !(kept.start < start && start < kept.end) {
            continue;
        }
        let end = kept.start + line.display[kept.start..start].trim_end().len();
        let code = SpanCut {
            range: start..kept.end,
            reason: text::code::REASON,
            pattern: String::new(),
        };
        match cut {
            LineCut::Trim { keep, cuts } => {
                keep.end = end;
                cuts.push(code);
            }
            _ => {
                *cut = LineCut::Trim {
                    keep: 0..end,
                    cuts: vec![code],
                }
            }
        }
    }
    line_cuts
}

/// The page of the text with the template trims applied (a trimmed line keeps its display
/// text between the cuts; the cuts go to `cuts`). Only the trimmed lines are folded again, by
/// [`structure::page_from_text`] over their kept texts; the other lines keep their forms.
fn trimmed_page(page: Page, line_cuts: &[LineCut], cuts: &mut Vec<Cut>) -> Page {
    let Page {
        text: old,
        mut lines,
    } = page;
    let mut text = String::with_capacity(old.len());
    let mut spans = Vec::with_capacity(lines.len());
    // The kept texts of the trimmed lines, one per line, and which lines they are.
    let mut kept_lines = String::new();
    let mut trimmed = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let start = text.len();
        match line_cuts.get(i) {
            Some(cut @ LineCut::Trim { cuts: removed, .. }) => {
                for sp in removed {
                    if let Some(t) = line.display.get(sp.range.clone()) {
                        cuts.push(Cut {
                            line: line.n,
                            text: t.trim().to_string(),
                            reason: Reason::new(sp.reason),
                        });
                    }
                }
                let kept = cut.kept(&line.display).unwrap_or("");
                text.push_str(kept);
                if !trimmed.is_empty() {
                    kept_lines.push('\n');
                }
                kept_lines.push_str(kept);
                trimmed.push(i);
            }
            _ => text.push_str(old.get(line.span.clone()).unwrap_or_default()),
        }
        spans.push(start..text.len());
    }
    let refolded = structure::page_from_text(kept_lines);
    for (i, l) in trimmed.into_iter().zip(refolded.lines) {
        if let Some(line) = lines.get_mut(i) {
            *line = Line { n: line.n, ..l };
        }
    }
    for (line, span) in lines.iter_mut().zip(spans) {
        line.span = span;
    }
    Page { text, lines }
}

/// The matching form of an article's body for dedup: its paragraphs folded and joined by
/// newlines. A paragraph printed as one line of `page` takes that line's matching form (the
/// same fold of the same text); others are folded here.
fn matching_body(body: &[String], article_lines: [u32; 2], page: &Page) -> String {
    let mut matching = String::with_capacity(body.iter().map(|p| p.len() + 1).sum());
    let [first, last] = article_lines;
    let mut lines = page
        .lines
        .iter()
        .skip_while(|l| l.n < first)
        .take_while(|l| l.n <= last);
    let mut folded = String::new();
    for (i, p) in body.iter().enumerate() {
        if i > 0 {
            matching.push('\n');
        }
        // Paragraphs come in line order: look for this one after the previous one's line.
        let mut ahead = lines.clone();
        match ahead.find(|l| *l.display == **p) {
            Some(l) => {
                matching.push_str(&l.matching);
                lines = ahead;
            }
            None => {
                matching_form_into(p, &mut folded);
                matching.push_str(&folded);
            }
        }
    }
    matching
}

/// The quality signals an article line carries: the finite ones, by name (the static names are
/// borrowed: no allocation per signal), rounded to four decimal places (the filters decided on
/// the exact values).
fn signals_map(s: &Signals) -> BTreeMap<Cow<'static, str>, f64> {
    s.iter()
        .filter(|(_, v)| v.is_finite())
        .map(|(k, v)| (Cow::Borrowed(*k), round_signal(*v)))
        .collect()
}

/// `v` rounded to four decimal places: the double nearest to `k / 10^4` for the nearest integer
/// `k` (one correctly rounded division of two exact values), which JSON writes as `k / 10^4`'s
/// own short decimal. The signals are ratios, means and counts; the last of their up to 17
/// printed digits told nothing, and being close to random they compress badly: rounded, the
/// kept articles of SaudiNewsNet dev take 5% less space compressed (27.6 → 26.2 MB). Whole
/// numbers and values too large to scale exactly are returned as they are.
pub(crate) fn round_signal(v: f64) -> f64 {
    const SCALE: f64 = 10_000.0;
    if v.fract() == 0.0 || v.abs() >= 1e11 {
        return v;
    }
    let r = (v * SCALE).round() / SCALE;
    if r == 0.0 {
        0.0 // no `-0.0`
    } else {
        r
    }
}

fn build_article(
    rec: &Record,
    k: usize,
    a: Article,
    removed: &[Removed],
    cuts: &[Cut],
) -> (ArticleRecord, LangGuess) {
    let [first, last] = a.lines;
    let mut text = String::with_capacity(
        a.title.as_ref().map_or(0, |t| t.len() + 2)
            + a.body.iter().map(|p| p.len() + 2).sum::<usize>(),
    );
    if let Some(t) = &a.title {
        text.push_str(t);
        text.push_str("\n\n");
    }
    for (i, p) in a.body.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        text.push_str(p);
    }
    // `guess` is `identify(&text)`; `parts_guess` is the language filter's (title and paragraphs).
    let (guess, parts_guess) = identify_article(a.title.as_deref(), &a.body);
    let art = ArticleRecord {
        id: format!("{}/{}", rec.id, k + 1),
        source_id: rec.id.clone(),
        url: rec.url.clone(),
        domain: rec.domain.clone(),
        title: a.title,
        text,
        body: a.body,
        captions: a.captions,
        byline: a.byline,
        date: a.date,
        related: a.related,
        lang: guess.lang.to_string(),
        lang_score: guess.score,
        quality: BTreeMap::new(),
        dup: None,
        removed: if k == 0 {
            removed.to_vec()
        } else {
            removed
                .iter()
                .filter(|r| r.lines[1] >= first && r.lines[0] <= last)
                .cloned()
                .collect()
        },
        cuts: cuts
            .iter()
            .filter(|c| c.line >= first && c.line <= last)
            .cloned()
            .collect(),
        metadata: rec.metadata.clone(),
    };
    (art, parts_guess)
}

/// Runs of consecutive non-blank lines outside every article's kept parts, by role and reason.
fn removed_runs(page: &ghirbal_core::Page) -> Vec<Removed> {
    let mut out: Vec<Removed> = Vec::new();
    for l in &page.lines {
        if matches!(
            l.role,
            Role::Blank | Role::Body | Role::Title | Role::Caption | Role::Byline | Role::Date
        ) {
            continue;
        }
        match out.last_mut() {
            Some(r) if r.role == l.role && r.reason == l.reason && r.lines[1] + 1 >= l.n => {
                r.lines[1] = l.n
            }
            _ => out.push(Removed {
                lines: [l.n, l.n],
                role: l.role,
                reason: l.reason.clone(),
            }),
        }
    }
    out
}

fn count_lines(page: &ghirbal_core::Page, out: &mut Cleaned) {
    for l in &page.lines {
        *out.line_roles.entry(l.role).or_default() += 1;
        if !matches!(l.role, Role::Blank | Role::Body | Role::Title) {
            // Looked up by `&str` first: the key is allocated only for a reason not seen yet.
            let reason = l.reason.as_str();
            match out.line_reasons.get_mut(reason) {
                Some(n) => *n += 1,
                None => {
                    out.line_reasons.insert(reason.to_string(), 1);
                }
            }
        }
    }
}

fn record_reject(rec: &Record, reason: Reason, detail: Option<String>) -> RejectRecord {
    RejectRecord {
        id: Some(rec.id.clone()),
        source_id: Some(rec.id.clone()),
        stage: "record".into(),
        reason,
        detail,
        location: None,
        url: rec.url.clone(),
        domain: rec.domain.clone(),
        title: rec.title.clone(),
        text: Some(rec.text.clone()),
        article: None,
        quality: None,
        duplicate_of: None,
        similarity: None,
        metadata: rec.metadata.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::{clean_record, guarded, reasons, round_signal, Cleaned};
    use crate::filter::Filters;
    use ghirbal_core::Record;

    #[test]
    fn a_panic_while_cleaning_a_record_rejects_that_record() {
        let rec = Record {
            id: "r1".into(),
            text: "نص".into(),
            ..Default::default()
        };
        let out = guarded(&rec, || panic!("boom at line 3"));
        assert_eq!(out.articles, 0);
        assert!(out.kept.is_empty());
        assert_eq!(out.rejects.len(), 1);
        let r = &out.rejects[0];
        assert_eq!(r.reason, reasons::PANIC);
        assert_eq!(r.id.as_deref(), Some("r1"));
        assert_eq!(r.text.as_deref(), Some("نص"));
        assert!(r
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("boom at line 3")));
        let formatted = guarded(&rec, || panic!("{} of {}", 2, 3));
        assert!(formatted.rejects[0]
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("2 of 3")));
        // Without a panic the result passes through.
        let ok = guarded(&rec, || Cleaned {
            articles: 2,
            ..Default::default()
        });
        assert_eq!((ok.articles, ok.rejects.len()), (2, 0));
    }

    #[test]
    fn short_sentences_on_a_page_with_no_article_shape_are_kept() {
        // Regression (SaudiNewsNet, alriyadh 1068181, alyaum 4082049): a page of one paragraph
        // has no article shape, and its closing short sentences (`أقيم الحفل بقاعة …`) were left
        // out of the text kept whole, as short lines.
        let para = "احتفل المهندس عبدالعزيز بن عبدالله السلمان بزواج نجله سلمان من كريمة محمد بن \
                    أحمد الحمادي، وسط حضور كبير من الأهل والأصدقاء الذين قدموا التهاني للعريس \
                    ووالده، وتبادلوا الأحاديث في أجواء من الفرح والسرور، وقد عبر العريس عن سعادته \
                    بهذه المناسبة وشكر جميع من حضر وشارك في الحفل من داخل المحافظة وخارجها، \
                    متمنيا للجميع دوام الصحة والعافية والمسرات في حياتهم.";
        let text = format!(
            "{para}\nأقيم الحفل بقاعة الأندلس للاحتفالات بالزلفي.\n\
             حضر الحفل عدد من الأعيان والأقارب والأصدقاء، تهانينا.\nصور من الحفل\n"
        );
        let rec = Record {
            id: "r1".into(),
            title: Some("أفراح السلمان والحمادي".into()),
            text,
            ..Default::default()
        };
        let filters = Filters::preset("arabic-news").expect("a preset");
        let out = clean_record(&rec, None, &filters);
        assert_eq!(out.kept.len(), 1, "{:?}", out.rejects);
        let body = &out.kept[0].0.body;
        assert_eq!(body.len(), 3, "{body:?}");
        assert_eq!(
            body[2],
            "حضر الحفل عدد من الأعيان والأقارب والأصدقاء، تهانينا."
        );
        // A short line that does not end like a sentence stays out.
        assert!(!body.iter().any(|p| p == "صور من الحفل"), "{body:?}");
    }

    #[test]
    fn quality_signals_are_written_with_four_decimals_at_most() {
        let json = |v: f64| serde_json::to_string(&round_signal(v)).expect("a number");
        assert_eq!(json(0.997_206_703_910_614_4), "0.9972");
        assert_eq!(json(1.0 / 3.0), "0.3333");
        assert_eq!(json(2.0 / 3.0), "0.6667");
        assert_eq!(json(2190.0), "2190.0");
        assert_eq!(json(4.567_89), "4.5679");
        assert_eq!(json(-0.000_01), "0.0");
        assert_eq!(json(1e12 + 0.5), "1000000000000.5");
        for k in 0..=30_000u32 {
            let v = f64::from(k) / 1e4 + 3e-6;
            let s = json(v);
            let decimals = s.split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 4, "{v} -> {s}");
            let back: f64 = s.parse().expect("a float");
            assert!((back - v).abs() <= 0.5e-4 + 1e-12, "{v} -> {s}");
        }
    }
}
