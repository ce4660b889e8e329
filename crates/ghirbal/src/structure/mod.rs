//! Structure recovery: a role and a reason for every line of a page, then its articles.
//!
//! - [`features`]: per-line cues (length, punctuation, shapes, lexicon hits, repetition).
//! - [`lexicon`]: generic Arabic news furniture words, agencies, block headers, months.
//! - [`shapes`]: credit, byline, date, placeholder and label parsers.
//! - [`classify`]: runs of running text → articles → a role and a reason for every line.
//! - [`articles`]: assembling [`ghirbal_core::Article`]s (title, captions, byline, body, related).

pub mod articles;
pub mod classify;
pub mod features;
pub mod lexicon;
pub mod shapes;

pub use classify::Cues;

use crate::text::{display_form, matching_form};
use classify::LineInfo;
use ghirbal_core::{Article, Line, Page, Reason, Role};
use std::collections::HashMap;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// Counting repeat keys (already hashes) on a page.
type KeyMap<V> = HashMap<u64, V, Xxh3DefaultBuilder>;

/// Splits a page's text into [`Line`]s (1-based, over `text.split('\n')`), with display and
/// matching forms. Roles are provisional (`Blank` or `Body`) until [`recover`] runs.
pub fn page_from_text(text: String) -> Page {
    let mut lines = Vec::new();
    let mut start = 0usize;
    for (i, raw) in text.split('\n').enumerate() {
        let end = start + raw.len();
        let display = display_form(raw);
        let matching = if display.is_empty() {
            String::new()
        } else {
            matching_form(&display)
        };
        let role = if display.is_empty() {
            Role::Blank
        } else {
            Role::Body
        };
        lines.push(Line {
            n: i as u32 + 1,
            span: start..end,
            display,
            matching,
            role,
            reason: Reason::new(if role == Role::Blank {
                "blank"
            } else {
                "unclassified"
            }),
            article: 0,
        });
        start = end + 1;
    }
    Page { text, lines }
}

/// Recovers the structure of `page`: sets every line's role, reason and article, and returns the
/// articles with the page-level publisher (when a byline names one).
pub fn recover(page: &mut Page, cues: &Cues) -> (Vec<Article>, Option<String>) {
    let infos = line_infos(page);
    let (labels, skeletons) = classify::classify(&infos, cues);
    let (articles, publisher) = articles::build(&infos, &labels, &skeletons, page);
    drop(infos);
    for (line, lab) in page.lines.iter_mut().zip(labels) {
        line.role = lab.role;
        line.reason = lab.reason;
        line.article = lab.article;
    }
    (articles, publisher)
}

fn line_infos(page: &Page) -> Vec<LineInfo<'_>> {
    let mut buf = String::new();
    let mut infos: Vec<LineInfo<'_>> = page
        .lines
        .iter()
        .map(|l| {
            let blank = l.display.is_empty();
            let f = if blank {
                Default::default()
            } else {
                features::compute(&l.display, &l.matching)
            };
            let key = if blank {
                0
            } else {
                shapes::repeat_key_hash(&l.matching, &mut buf)
            };
            LineInfo {
                display: &l.display,
                matching: &l.matching,
                key,
                kid: usize::MAX,
                f,
                blank,
            }
        })
        .collect();
    let mut counts: KeyMap<usize> = KeyMap::default();
    for l in &infos {
        if !l.blank && l.key != 0 {
            *counts.entry(l.key).or_default() += 1;
        }
    }
    // (occurrences on the page, printings above) per line.
    // (printings so far, first line index) per key.
    let mut seen: KeyMap<(usize, usize)> = KeyMap::default();
    let tallies: Vec<(usize, usize, usize)> = infos
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if l.blank {
                return (0, 0, usize::MAX);
            }
            if l.key == 0 {
                return (0, 0, i);
            }
            let total = counts.get(&l.key).copied().unwrap_or(0);
            let s = seen.entry(l.key).or_insert((0, i));
            s.0 += 1;
            (total, s.0 - 1, s.1)
        })
        .collect();
    drop(seen);
    drop(counts);
    for (l, (total, before, kid)) in infos.iter_mut().zip(tallies) {
        l.kid = kid;
        if l.blank || l.key == 0 {
            continue;
        }
        l.f.seen_before = before;
        l.f.occurrences = total;
        if total >= 2 && !(before == 0 && l.f.long_paragraph()) {
            // Running text is not printed twice on a page; headlines, captions and teasers are.
            // A long paragraph printed again (a scrape that doubled the body) stays text the
            // first time and is a repeat after.
            l.f.good = false;
        }
    }
    infos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<Role> {
        let mut page = page_from_text(text.to_string());
        recover(&mut page, &Cues::default());
        page.lines.iter().map(|l| l.role).collect()
    }

    #[test]
    fn doubled_body_scrape_keeps_the_first_copy() {
        // Regression (SaudiNewsNet): a scrape that printed every paragraph twice lost the whole
        // body, because "text is never printed twice" made no line running text.
        let p1 = "قالت الوزارة في بيان اليوم إن المشروع الجديد سيبدأ العمل به خلال الأشهر المقبلة بعد استكمال جميع الدراسات الفنية والمالية اللازمة.";
        let p2 = "وأضاف المتحدث أن الخطة تشمل بناء عشرين مدرسة في المناطق الريفية وتأهيل المعلمين، مشيرا إلى أن التمويل متوفر بالكامل من الميزانية.";
        let text = format!("{p1}\n{p2}\n{p1}\n{p2}");
        assert_eq!(
            roles(&text),
            vec![Role::Body, Role::Body, Role::Repeat, Role::Repeat]
        );
    }
}
