//! The gold answer for one page: `X.labels.tsv` (a role per line) and/or `X.gold.json` (the
//! structured articles), found beside the page `X.txt`.

use crate::{Error, Result};
use ghirbal_core::{Caption, Role, Teaser};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One article of a `gold.json` file (the schema of the seed's `*.gold.json`).
///
/// Every field is optional when reading, so users can label only what they care about (for
/// instance only `title` and `body`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldArticle {
    /// The headline, as printed on the page.
    pub title: Option<String>,
    /// `[title line, last body line]`, 1-based (informative; the scorer does not use it).
    pub lines: Option<[u32; 2]>,
    /// Photo/video captions of the article.
    pub captions: Vec<Caption>,
    /// The body, one entry per dump line (a paragraph wrapped by the renderer gives several).
    pub body: Vec<String>,
    /// Teasers of related articles.
    pub related: Vec<Teaser>,
}

/// The top level of a `gold.json` file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldFile {
    /// The page file the gold describes (informative).
    pub source_file: Option<String>,
    /// The site's publisher name.
    pub publisher: Option<String>,
    /// The page's articles, in page order.
    pub articles: Vec<GoldArticle>,
}

/// The gold answer for one page. At least one of `labels` and `articles` is normally present.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gold {
    /// One `(line, article, role)` per labelled line, from `X.labels.tsv`: `line` is 1-based over
    /// `text.split('\n')`, `article` is the 1-based article index (0: no article).
    pub labels: Option<Vec<(u32, u32, Role)>>,
    /// The structured articles, from `X.gold.json`.
    pub articles: Option<Vec<GoldArticle>>,
    /// The page's lines (`text.split('\n')`), so that labelled and predicted line numbers can be
    /// turned into text. `load_gold` fills it; without it, body lines are compared by line number
    /// (labels) or taken from the articles' `body` strings.
    pub text: Option<Vec<String>>,
}

impl Gold {
    /// The page's line `n` (1-based), if the text is known and the line exists.
    pub fn line_text(&self, n: u32) -> Option<&str> {
        let i = usize::try_from(n).ok()?.checked_sub(1)?;
        self.text.as_ref()?.get(i).map(String::as_str)
    }

    /// The gold titles, one per gold article, in order: from `gold.json` when present, else one per
    /// distinct article id > 0 of `labels.tsv` that has a `title` line (its first title line, in
    /// article-id order).
    pub fn titles(&self) -> Vec<Option<String>> {
        if let Some(articles) = &self.articles {
            return articles.iter().map(|a| a.title.clone()).collect();
        }
        let Some(labels) = &self.labels else {
            return Vec::new();
        };
        let mut firsts: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
        for &(n, article, role) in labels {
            if article > 0 && role == Role::Title {
                let e = firsts.entry(article).or_insert(n);
                *e = (*e).min(n);
            }
        }
        firsts
            .values()
            .map(|&n| self.line_text(n).map(str::to_string))
            .collect()
    }
}

/// The sibling gold files of a page `dir/X.ext`: `dir/X.gold.json` and `dir/X.labels.tsv`.
pub fn gold_paths(page_path: &Path) -> (PathBuf, PathBuf) {
    let stem = page_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = page_path.parent().unwrap_or_else(|| Path::new(""));
    (
        dir.join(format!("{stem}.gold.json")),
        dir.join(format!("{stem}.labels.tsv")),
    )
}

/// Loads the gold of the page `txt_path` (`dir/X.txt`) from its siblings `X.gold.json` and/or
/// `X.labels.tsv`, and reads the page itself for its line texts. `Ok(None)` when the page has
/// neither gold file. Malformed gold files are errors that name the file and line.
pub fn load_gold(txt_path: &Path) -> Result<Option<Gold>> {
    let (json_path, tsv_path) = gold_paths(txt_path);
    let has_json = json_path.is_file();
    let has_tsv = tsv_path.is_file();
    if !has_json && !has_tsv {
        return Ok(None);
    }
    let bytes = std::fs::read(txt_path).map_err(|e| Error::io(txt_path, e))?;
    let decoded = crate::text::decode(&bytes, &txt_path.display().to_string())?;
    let text: Vec<String> = decoded.text.split('\n').map(str::to_string).collect();

    let articles = if has_json {
        let s = std::fs::read_to_string(&json_path).map_err(|e| Error::io(&json_path, e))?;
        Some(parse_gold_json(&s, &json_path.display().to_string())?.articles)
    } else {
        None
    };
    let labels = if has_tsv {
        let s = std::fs::read_to_string(&tsv_path).map_err(|e| Error::io(&tsv_path, e))?;
        let name = tsv_path.display().to_string();
        let rows = parse_label_rows(&s, &name)?;
        if let Some(&(row, n, _, _)) = rows.iter().find(|l| l.1 as usize > text.len()) {
            return Err(Error::Input {
                path: name,
                line: row as u64,
                detail: format!(
                    "labels line {n}, but the page has {} lines (text.split('\\n'))",
                    text.len()
                ),
            });
        }
        Some(rows.into_iter().map(|(_, n, a, r)| (n, a, r)).collect())
    } else {
        None
    };
    Ok(Some(Gold {
        labels,
        articles,
        text: Some(text),
    }))
}

/// Parses a `gold.json` document. `name` is used in error messages.
pub fn parse_gold_json(s: &str, name: &str) -> Result<GoldFile> {
    serde_json::from_str(s).map_err(|e| Error::Input {
        path: name.to_string(),
        line: e.line() as u64,
        detail: format!("invalid gold.json: {e}"),
    })
}

/// Parses a `labels.tsv` document: an optional header `line<TAB>article<TAB>label`, then one
/// `line<TAB>article<TAB>label` row per labelled line. Labels are roles or the seed's finer labels
/// ([`Role::from_label`]). Empty rows are ignored; a repeated line number is an error. The result
/// is sorted by line number. `name` is used in error messages.
pub fn parse_labels(s: &str, name: &str) -> Result<Vec<(u32, u32, Role)>> {
    Ok(parse_label_rows(s, name)?
        .into_iter()
        .map(|(_, n, a, r)| (n, a, r))
        .collect())
}

/// Like [`parse_labels`], each entry led by its 1-based row in the file.
fn parse_label_rows(s: &str, name: &str) -> Result<Vec<(usize, u32, u32, Role)>> {
    let err = |row: usize, detail: String| Error::Input {
        path: name.to_string(),
        line: row as u64,
        detail,
    };
    let mut out = Vec::new();
    for (i, raw) in s.lines().enumerate() {
        let row = i + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        let mut fields = raw.split('\t').map(str::trim);
        let (Some(line), Some(article), Some(label)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(err(
                row,
                format!("expected `line<TAB>article<TAB>label`, got `{raw}`"),
            ));
        };
        if row == 1 && line.eq_ignore_ascii_case("line") {
            continue;
        }
        let line: u32 = line.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
            err(
                row,
                format!("bad line number `{line}` (expected 1, 2, ...)"),
            )
        })?;
        let article: u32 = article.parse().map_err(|_| {
            err(
                row,
                format!("bad article index `{article}` (expected 0, 1, ...)"),
            )
        })?;
        let role = Role::from_label(label).ok_or_else(|| {
            err(
                row,
                format!(
                    "unknown label `{label}` (expected one of title, caption, body, byline, date, \
                     teaser, boilerplate, repeat, blank)"
                ),
            )
        })?;
        out.push((row, line, article, role));
    }
    out.sort_by_key(|l| (l.1, l.0));
    if let Some(w) = out.windows(2).find(|w| w[0].1 == w[1].1) {
        return Err(err(w[1].0, format!("line {} is labelled twice", w[1].1)));
    }
    Ok(out)
}
