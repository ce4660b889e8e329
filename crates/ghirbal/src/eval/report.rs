//! Scoring a directory of pages and rendering the result.

use super::{load_gold, score_page, Confusion, PageScore, Prf};
use crate::{Error, Result};
use ghirbal_core::{Extraction, Role, EXTRACTION_SCHEMA};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// Line-level scores of one role, read off the overall confusion matrix.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleScore {
    /// The role name.
    pub role: &'static str,
    /// Its precision/recall/F1 by line number.
    pub lines: Prf,
}

/// The scores over all pages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overall {
    /// Pages scored (pages with gold).
    pub pages: u64,
    /// Pages whose extraction failed (scored as empty predictions).
    pub errors: u64,
    /// Body line scores, micro-averaged (counts summed over pages); `None` if no page has body gold.
    pub body_lines: Option<Prf>,
    /// Mean of the per-page body line F1s.
    pub body_lines_macro_f1: Option<f64>,
    /// Body word scores, micro-averaged.
    pub body_words: Option<Prf>,
    /// Mean of the per-page body word F1s.
    pub body_words_macro_f1: Option<f64>,
    /// Gold articles with a scored title, over all pages.
    pub titles_gold: u64,
    /// How many of them the predictions match.
    pub titles_matched: u64,
    /// `titles_matched / titles_gold`; `None` when no page has a gold article.
    pub title_accuracy: Option<f64>,
    /// Pages whose predicted article count is right.
    pub article_count_ok: u64,
    /// `article_count_ok / pages`; `None` when there is no page.
    pub article_count_accuracy: Option<f64>,
    /// The sum of the pages' confusion matrices.
    pub confusion: Confusion,
    /// Per-role line scores from `confusion`, in [`Role::ALL`] order.
    pub roles: Vec<RoleScore>,
}

/// The result of `ghirbal eval`: per-page scores and the overall scores (`--json` prints it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvalReport {
    /// The directory or file evaluated.
    pub path: String,
    /// One entry per page with gold, in file-name order.
    pub pages: Vec<PageScore>,
    /// Pages skipped because they have no gold file.
    pub skipped: Vec<String>,
    /// The scores over all pages.
    pub overall: Overall,
}

/// Scores every `*.txt` page of `dir` (not recursive, in file-name order) that has a sibling
/// `X.gold.json` and/or `X.labels.tsv`. `extract(bytes, file_name)` produces the prediction; its
/// errors are recorded on the page, which is then scored as an empty prediction. Pages without
/// gold are listed in `skipped`. A missing or unreadable directory or a malformed gold file is an
/// error.
pub fn eval_dir(
    dir: &Path,
    extract: impl Fn(&[u8], &str) -> Result<Extraction>,
) -> Result<EvalReport> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let is_txt = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        if is_txt && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let mut pages = Vec::new();
    let mut skipped = Vec::new();
    for path in &paths {
        match score_file(path, &extract)? {
            Some(score) => pages.push(score),
            None => skipped.push(file_name(path)),
        }
    }
    Ok(EvalReport::new(dir.display().to_string(), pages, skipped))
}

/// Scores one page file `X.txt` against its gold; an error when it has no gold file.
pub fn eval_file(
    txt_path: &Path,
    extract: impl Fn(&[u8], &str) -> Result<Extraction>,
) -> Result<EvalReport> {
    match score_file(txt_path, &extract)? {
        Some(score) => Ok(EvalReport::new(
            txt_path.display().to_string(),
            vec![score],
            Vec::new(),
        )),
        None => {
            let (json, tsv) = super::gold_paths(txt_path);
            Err(Error::io(
                txt_path,
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!(
                        "no gold for this page (expected {} or {})",
                        json.display(),
                        tsv.display()
                    ),
                ),
            ))
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn score_file(
    path: &Path,
    extract: &impl Fn(&[u8], &str) -> Result<Extraction>,
) -> Result<Option<PageScore>> {
    let Some(gold) = load_gold(path)? else {
        return Ok(None);
    };
    let name = file_name(path);
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (pred, error) = match extract(&bytes, &name) {
        Ok(x) => (x, None),
        Err(e) => (
            Extraction {
                schema: EXTRACTION_SCHEMA,
                source: name.clone(),
                publisher: None,
                articles: Vec::new(),
                lines: Vec::new(),
            },
            Some(e.to_string()),
        ),
    };
    let mut score = score_page(&pred, &gold);
    score.page = name;
    score.error = error;
    Ok(Some(score))
}

fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

impl Overall {
    /// Aggregates page scores (micro and macro averages, summed matrices).
    pub fn of_pages(pages: &[PageScore]) -> Overall {
        let lines: Vec<Prf> = pages.iter().filter_map(|p| p.body_lines).collect();
        let words: Vec<Prf> = pages.iter().filter_map(|p| p.body_words).collect();
        let titles_gold: u64 = pages.iter().map(|p| p.titles_gold).sum();
        let titles_matched: u64 = pages.iter().map(|p| p.titles_matched).sum();
        let article_count_ok = pages.iter().filter(|p| p.article_count_ok).count() as u64;
        let mut confusion = Confusion::new();
        for c in pages.iter().filter_map(|p| p.confusion.as_ref()) {
            confusion.merge(c);
        }
        let roles = Role::ALL
            .iter()
            .map(|&r| RoleScore {
                role: r.as_str(),
                lines: confusion.role_prf(r),
            })
            .collect();
        let n = pages.len() as u64;
        Overall {
            pages: n,
            errors: pages.iter().filter(|p| p.error.is_some()).count() as u64,
            body_lines: (!lines.is_empty()).then(|| Prf::sum(&lines)),
            body_lines_macro_f1: mean(&lines.iter().map(|p| p.f1).collect::<Vec<_>>()),
            body_words: (!words.is_empty()).then(|| Prf::sum(&words)),
            body_words_macro_f1: mean(&words.iter().map(|p| p.f1).collect::<Vec<_>>()),
            titles_gold,
            titles_matched,
            title_accuracy: (titles_gold > 0).then(|| titles_matched as f64 / titles_gold as f64),
            article_count_ok,
            article_count_accuracy: (n > 0).then(|| article_count_ok as f64 / n as f64),
            confusion,
            roles,
        }
    }
}

fn f3(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |x| format!("{x:.3}"))
}

/// Pads `s` to `w` characters (counted as chars, not bytes) on the right.
fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

/// Pads `s` to `w` characters on the left.
fn lpad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

impl EvalReport {
    /// A report over the given page scores.
    pub fn new(path: String, pages: Vec<PageScore>, skipped: Vec<String>) -> EvalReport {
        let overall = Overall::of_pages(&pages);
        EvalReport {
            path,
            pages,
            skipped,
            overall,
        }
    }

    /// The human-readable report: one row per page, the overall (micro-averaged) row, a summary
    /// and the role confusion matrix.
    pub fn render_table(&self) -> String {
        let mut out = String::new();
        let headers = [
            "page", "line P", "line R", "line F1", "word P", "word R", "word F1", "titles",
            "articles",
        ];
        let prf_cells = |p: Option<Prf>| -> [String; 3] {
            [
                f3(p.map(|p| p.precision)),
                f3(p.map(|p| p.recall)),
                f3(p.map(|p| p.f1)),
            ]
        };
        let mut rows: Vec<Vec<String>> = Vec::new();
        for p in &self.pages {
            let mut r = vec![p.page.clone()];
            r.extend(prf_cells(p.body_lines));
            r.extend(prf_cells(p.body_words));
            r.push(if p.titles_gold > 0 {
                format!("{}/{}", p.titles_matched, p.titles_gold)
            } else {
                "-".to_string()
            });
            r.push(format!(
                "{}/{} {}",
                p.articles_predicted,
                p.articles_gold,
                if p.article_count_ok { "ok" } else { "no" }
            ));
            rows.push(r);
        }
        let o = &self.overall;
        let mut r = vec![format!(
            "overall ({} page{}, micro)",
            o.pages,
            if o.pages == 1 { "" } else { "s" }
        )];
        r.extend(prf_cells(o.body_lines));
        r.extend(prf_cells(o.body_words));
        r.push(format!("{}/{}", o.titles_matched, o.titles_gold));
        r.push(format!("{}/{} pages", o.article_count_ok, o.pages));
        rows.push(r);

        let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
        for r in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: &[String]| -> String {
            let mut s = String::new();
            for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
                if i == 0 {
                    s.push_str(&pad(c, *w));
                } else {
                    s.push_str("  ");
                    s.push_str(&lpad(c, *w));
                }
            }
            s.trim_end().to_string()
        };
        let header: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let _ = writeln!(out, "{}", line(&header));
        let n = rows.len();
        for (i, r) in rows.iter().enumerate() {
            if i + 1 == n {
                let total: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
                let _ = writeln!(out, "{}", "-".repeat(total));
            }
            let _ = writeln!(out, "{}", line(r));
        }

        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "body F1 (lines): {} micro, {} macro",
            f3(o.body_lines.map(|p| p.f1)),
            f3(o.body_lines_macro_f1)
        );
        let _ = writeln!(
            out,
            "body F1 (words): {} micro, {} macro",
            f3(o.body_words.map(|p| p.f1)),
            f3(o.body_words_macro_f1)
        );
        let _ = writeln!(
            out,
            "title accuracy: {} ({}/{} articles)",
            f3(o.title_accuracy),
            o.titles_matched,
            o.titles_gold
        );
        let _ = writeln!(
            out,
            "article-count accuracy: {} ({}/{} pages)",
            f3(o.article_count_accuracy),
            o.article_count_ok,
            o.pages
        );
        for p in self.pages.iter().filter(|p| p.error.is_some()) {
            let _ = writeln!(
                out,
                "extraction error: {}: {}",
                p.page,
                p.error.as_deref().unwrap_or("")
            );
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(out, "skipped (no gold): {}", self.skipped.join(", "));
        }

        if o.confusion.total() > 0 {
            let _ = writeln!(out);
            out.push_str(&render_confusion(&o.confusion));
        }
        out
    }
}

/// The confusion matrix as text: rows are gold roles, columns predicted roles, then `none`
/// (no prediction for the line) and the role's line P/R/F1 (`-` for a role that is neither in the
/// gold nor predicted).
fn render_confusion(c: &Confusion) -> String {
    let mut cols: Vec<String> = vec!["gold \\ predicted".to_string()];
    cols.extend(c.roles.iter().map(|r| r.to_string()));
    cols.extend(["none", "P", "R", "F1"].map(String::from));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, &role) in Role::ALL.iter().enumerate() {
        let mut r = vec![role.as_str().to_string()];
        r.extend(c.counts[i].iter().map(|n| n.to_string()));
        r.push(c.unpredicted[i].to_string());
        let p = c.role_prf(role);
        if p.tp + p.fp + p.fn_ == 0 {
            // Neither in the gold nor predicted: nothing to score.
            r.extend(["-", "-", "-"].map(String::from));
        } else {
            r.extend([p.precision, p.recall, p.f1].map(|x| format!("{x:.3}")));
        }
        rows.push(r);
    }
    let mut widths: Vec<usize> = cols.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::from("role confusion (lines of labels.tsv)\n");
    for r in std::iter::once(&cols).chain(&rows) {
        let mut s = String::new();
        for (i, (cell, w)) in r.iter().zip(&widths).enumerate() {
            if i == 0 {
                s.push_str(&pad(cell, *w));
            } else {
                s.push_str("  ");
                s.push_str(&lpad(cell, *w));
            }
        }
        let _ = writeln!(out, "{}", s.trim_end());
    }
    out
}
