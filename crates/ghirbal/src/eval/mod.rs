//! Scoring extraction against gold (`ghirbal eval`).
//!
//! A page `X.txt` is scored against its siblings `X.labels.tsv` (one role per line, see
//! `LABELING.md`; the seed's finer labels are mapped by [`Role::from_label`]) and/or `X.gold.json`
//! (the structured articles: title, captions, body, related). Pages with neither are skipped.
//!
//! # Definitions
//!
//! Every text comparison is made after whitespace normalisation ([`normalize_ws`]: trim, collapse
//! whitespace runs, NBSP and invisible bidi/zero-width controls count as whitespace).
//!
//! - **Body, line level.** The gold body is the multiset of normalised texts of the page lines
//!   labelled `body` in `labels.tsv` (read from the page), or, without `labels.tsv`, of the
//!   `body` strings of the `gold.json` articles. The predicted body is the multiset of normalised
//!   texts of the page lines the extraction labels `body` (its `lines`), or, when the extraction
//!   has no line labels, of its articles' `body` strings. Lines that normalise to the empty string
//!   are left out on both sides ("over non-blank lines"). TP is the multiset intersection
//!   (each gold line can be matched once), FP the rest of the prediction, FN the rest of the gold.
//!   Comparing texts rather than line numbers is what `LABELING.md` asks for ("compared after
//!   whitespace normalisation"), lets a gold made of strings (`gold.json`) be used, and is robust to
//!   line-number shifts. On the same page it gives exactly the by-line-number answer unless two
//!   distinct lines have the same normalised text (then a predicted copy can match the gold one);
//!   the confusion matrix, which is by line number, shows the by-line answer
//!   ([`Confusion::role_prf`]).
//! - **Body, word level.** A bag of words: the whitespace tokens of the same normalised body lines,
//!   compared as multisets (intersection = TP).
//! - **P/R/F1 conventions.** See [`Prf`]: `f1 = 2·tp / (2·tp + fp + fn)`; a 0/0 ratio is 1 when
//!   both sides are empty and 0 otherwise, so an empty prediction on a page with a body scores
//!   P = R = F1 = 0 and a page with no gold body and no predicted body scores 1. Never NaN.
//! - **Titles.** Gold article `i` (in `gold.json` order, or, without it, the articles of
//!   `labels.tsv` with ids > 0 that have a `title` line, by id; title = the first such line) is
//!   matched when the prediction's article `i` exists and its title equals the gold title after
//!   normalisation (a missing title counts as the empty string). Title accuracy = matched / gold
//!   articles; pages with no gold article have none (`None`) and do not count in the overall rate.
//! - **Article count.** A page is correct when the number of predicted articles equals the number
//!   of gold articles (as above; 0 when there are none, e.g. a home page). Accuracy = share of pages.
//! - **Confusion matrix.** Gold role × predicted role, counted over the lines of `labels.tsv` by line
//!   number; gold lines the prediction gives no role are counted as `unpredicted`.
//! - **Overall.** Micro-averages (TP/FP/FN summed over pages, then scored), plus the macro average of
//!   the per-page F1s; titles summed over pages; matrices summed.
//! - **Extraction errors** are recorded on the page and the page is scored as an empty prediction
//!   (no articles, no lines), so failures cost what they should.

mod gold;
mod metrics;
mod report;

pub use gold::{gold_paths, load_gold, parse_gold_json, parse_labels, Gold, GoldArticle, GoldFile};
pub use metrics::{normalize_ws, Confusion, Prf};
pub use report::{eval_dir, eval_file, EvalReport, Overall, RoleScore};

use ghirbal_core::{Extraction, Role};
use serde::Serialize;
use std::collections::BTreeMap;

/// The scores of one page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageScore {
    /// The page (the extraction's `source`, a file name when run by [`eval_dir`]).
    pub page: String,
    /// The extraction error, if extraction failed (the page is then scored as empty).
    pub error: Option<String>,
    /// Body precision/recall/F1 over non-blank lines; `None` when the gold says nothing about the
    /// body (labels without the page text and no `gold.json`).
    pub body_lines: Option<Prf>,
    /// Body precision/recall/F1 over a bag of words; `None` as for `body_lines`.
    pub body_words: Option<Prf>,
    /// Number of gold articles whose title is scored.
    pub titles_gold: u64,
    /// How many of them the prediction matches.
    pub titles_matched: u64,
    /// `titles_matched / titles_gold`; `None` when the page has no gold article.
    pub title_accuracy: Option<f64>,
    /// Number of gold articles.
    pub articles_gold: u64,
    /// Number of predicted articles.
    pub articles_predicted: u64,
    /// Whether the two counts agree.
    pub article_count_ok: bool,
    /// Gold role × predicted role over the lines of `labels.tsv` (`None` without labels).
    pub confusion: Option<Confusion>,
}

/// Scores one extraction against the page's gold (see the module docs for the definitions).
pub fn score_page(pred: &Extraction, gold: &Gold) -> PageScore {
    let gold_body = gold_body_lines(gold);
    let pred_body = pred_body_lines(pred, gold);
    let (body_lines, body_words) = match &gold_body {
        Some(g) => (
            Some(Prf::of_multisets(pred_body.iter(), g.iter())),
            Some(Prf::of_multisets(words(&pred_body), words(g))),
        ),
        None => (None, None),
    };

    let gold_titles = gold.titles();
    let matched = gold_titles
        .iter()
        .enumerate()
        .filter(|(i, g)| {
            pred.articles.get(*i).is_some_and(|a| {
                normalize_ws(a.title.as_deref().unwrap_or(""))
                    == normalize_ws(g.as_deref().unwrap_or(""))
            })
        })
        .count() as u64;
    let titles_gold = gold_titles.len() as u64;

    let confusion = gold.labels.as_ref().map(|labels| {
        let predicted: BTreeMap<u32, Role> = pred.lines.iter().map(|l| (l.n, l.role)).collect();
        let mut c = Confusion::new();
        for &(n, _, role) in labels {
            c.add(role, predicted.get(&n).copied());
        }
        c
    });

    let articles_predicted = pred.articles.len() as u64;
    PageScore {
        page: pred.source.clone(),
        error: None,
        body_lines,
        body_words,
        titles_gold,
        titles_matched: matched,
        title_accuracy: (titles_gold > 0).then(|| matched as f64 / titles_gold as f64),
        articles_gold: titles_gold,
        articles_predicted,
        article_count_ok: articles_predicted == titles_gold,
        confusion,
    }
}

/// The gold body lines, normalised, non-empty; `None` when the gold does not say.
fn gold_body_lines(gold: &Gold) -> Option<Vec<String>> {
    if let (Some(labels), Some(_)) = (&gold.labels, &gold.text) {
        return Some(nonblank(
            labels
                .iter()
                .filter(|l| l.2 == Role::Body)
                .filter_map(|l| gold.line_text(l.0)),
        ));
    }
    gold.articles.as_ref().map(|articles| {
        nonblank(
            articles
                .iter()
                .flat_map(|a| a.body.iter().map(String::as_str)),
        )
    })
}

/// The predicted body lines, normalised, non-empty.
fn pred_body_lines(pred: &Extraction, gold: &Gold) -> Vec<String> {
    if gold.text.is_some() && !pred.lines.is_empty() {
        nonblank(
            pred.lines
                .iter()
                .filter(|l| l.role == Role::Body)
                .filter_map(|l| gold.line_text(l.n)),
        )
    } else {
        nonblank(
            pred.articles
                .iter()
                .flat_map(|a| a.body.iter().map(String::as_str)),
        )
    }
}

fn nonblank<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    lines.map(normalize_ws).filter(|l| !l.is_empty()).collect()
}

fn words(lines: &[String]) -> impl Iterator<Item = &str> {
    lines.iter().flat_map(|l| l.split(' '))
}

#[cfg(test)]
mod tests;
