//! Assembling articles from classified lines: title, captions with credits, byline, date, body
//! paragraphs and related teasers (title, section, image caption, summary, byline).

use super::classify::{section_prefix, Label, LineInfo, Skeleton};
use super::{lexicon, shapes};
use ghirbal_core::{Article, Byline, Caption, Page, Role, Teaser};
use std::collections::BTreeMap;

/// Builds the articles and the page-level publisher.
pub fn build(
    lines: &[LineInfo<'_>],
    labels: &[Label],
    teaser: &[bool],
    skeletons: &[Skeleton],
    page: &Page,
) -> (Vec<Article>, Option<String>) {
    let mut articles = Vec::with_capacity(skeletons.len());
    let mut publishers: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut note_publisher = |b: &Byline, at: usize| {
        if let Some(p) = &b.publisher {
            if crate::text::matching_form(p) != crate::text::matching_form("وكالات") {
                let e = publishers.entry(p.clone()).or_insert((0, at));
                e.0 += 1;
            }
        }
    };
    for (k, s) in skeletons.iter().enumerate() {
        let art = k as u32 + 1;
        let mut a = Article::default();
        let in_art = |i: usize| labels[i].article == art;
        if let Some(t) = s.title {
            a.title = Some(shapes::undouble(lines[t].display).to_string());
        }
        let mut last_body = s.title.unwrap_or(s.body_start);
        for i in s.zone_start..s.zone_end {
            if !in_art(i) {
                continue;
            }
            let l = &lines[i];
            match labels[i].role {
                Role::Body => {
                    a.body.push(l.display.to_string());
                    last_body = i;
                }
                Role::Caption => a.captions.push(caption(l)),
                Role::Date if a.date.is_none() => a.date = Some(l.display.to_string()),
                Role::Byline if a.byline.is_none() => {
                    let parsed = if i >= s.body_end {
                        shapes::parse_signoff(l.display, l.matching)
                    } else {
                        shapes::parse_byline(l.display, l.matching)
                    };
                    if let Some(b) = parsed {
                        note_publisher(&b, i);
                        a.byline = Some(b);
                    }
                }
                _ => {}
            }
        }
        a.related = teasers(lines, labels, teaser, s, art, &mut note_publisher);
        let first = s.title.unwrap_or(s.body_start);
        a.lines = [page.lines[first].n, page.lines[last_body].n];
        articles.push(a);
    }
    // The most frequent publisher named in bylines (earliest on ties).
    let publisher = publishers
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(p, _)| p);
    (articles, publisher)
}

fn caption(l: &LineInfo<'_>) -> Caption {
    match &l.f.credit {
        Some(c) => Caption {
            text: c.text.clone(),
            credit: Some(c.credit.clone()),
        },
        None => Caption {
            text: shapes::undouble(l.display).to_string(),
            credit: None,
        },
    }
}

/// Groups the teaser lines that follow an article's body into items (`teaser[i]`: the classifier
/// read line `i` as a teaser, whether or not a site template then removed it).
fn teasers(
    lines: &[LineInfo<'_>],
    labels: &[Label],
    teaser: &[bool],
    s: &Skeleton,
    art: u32,
    note_publisher: &mut impl FnMut(&Byline, usize),
) -> Vec<Teaser> {
    let mut out = Vec::new();
    let mut cur = Teaser::default();
    let mut cur_key = 0u64;
    // The current item's title line is bulleted.
    let mut cur_bullet = false;
    let flush = |cur: &mut Teaser, key: &mut u64, out: &mut Vec<Teaser>| {
        if cur.title.is_some() {
            out.push(std::mem::take(cur));
        } else {
            *cur = Teaser::default();
        }
        *key = 0;
    };
    // Items are related links under a related header (`مقالات ذات صلة`); a most-read or
    // latest-news list, and teaser-shaped lines under no header at all (captions, an author's
    // bio, verses after a column), are not.
    let mut related = false;
    // A related box may stand between the headline and the text.
    let mut below = false;
    for i in (s.zone_start..s.body_start).chain(s.body_end..s.zone_end) {
        // A related box above the text ends with it: what follows the text (a signature, an
        // author's bio) is under no header until one comes.
        if i >= s.body_end && !below {
            below = true;
            flush(&mut cur, &mut cur_key, &mut out);
            related = false;
        }
        if labels[i].article != art {
            continue;
        }
        let l = &lines[i];
        if l.f.related_header {
            flush(&mut cur, &mut cur_key, &mut out);
            related = !lexicon::list_headers().starts_with_entry(shapes::strip_decor(l.matching));
            continue;
        }
        let f = &l.f;
        // In a bulleted list of links (a text browser's `* [8]د. الصالح: …`) every item is a
        // link: a bulleted line opens an item, whatever its shape (a sentence, `label: value`,
        // two words), and is no summary of the one above. Under a title that is not bulleted,
        // a bulleted line is the summary (a story that opens with `* `).
        let in_bulleted_list = f.bullet && !f.date && (cur.title.is_none() || cur_bullet);
        // Under a related header every bulleted line is a link, also one the classifier read
        // as a field or a short line (`* [8]مونديال 2018: بلاتر يجدد دعمه لروسيا`); not a
        // navigation or widget line.
        let bulleted_link =
            in_bulleted_list && f.words >= 3 && !(f.ui || f.phrase || f.placeholder);
        // `teaser`: the classifier's role, before a site template made the line boilerplate.
        if !(teaser.get(i).copied().unwrap_or(false) || bulleted_link) || !related {
            continue;
        }
        if f.byline {
            if let Some(b) = shapes::parse_byline(l.display, l.matching) {
                note_publisher(&b, i);
                cur.byline = Some(b);
            }
            // A caption credited to a newspaper reads as a byline: the item's title printed
            // again after it reopens the item rather than open a new one.
            let key = cur_key;
            flush(&mut cur, &mut cur_key, &mut out);
            cur_key = key;
            continue;
        }
        if let Some(shapes::Credit { text, credit, .. }) = &f.credit {
            if cur.title.is_some() && (cur.summary.is_some() || cur.image_caption.is_some()) {
                flush(&mut cur, &mut cur_key, &mut out);
            }
            let (section, text) = match section_prefix(text) {
                Some((sec, rest)) => (Some(sec), rest),
                None => (None, text.clone()),
            };
            cur.section = section;
            cur.image_caption = Some(Caption {
                text,
                credit: Some(credit.clone()),
            });
            continue;
        }
        if cur_key != 0 && l.key == cur_key {
            // The item's title printed again; after the byline that closed it, the item goes
            // on (its summary follows).
            if cur.title.is_none() {
                if let Some(last) = out.pop() {
                    cur = last;
                }
            }
            continue;
        }
        let bulleted = in_bulleted_list && f.words >= 2;
        if f.good && cur.title.is_some() && cur.summary.is_none() && !bulleted {
            cur.summary = Some(l.display.to_string());
            continue;
        }
        // A short title the features take for metadata (`صديقتي الشيعية`) is a title when
        // it opens an item and the item prints it again (above and below its photo).
        let printed_twice = cur.title.is_none() && f.occurrences >= 2 && f.words >= 2 && !f.date;
        if f.headline || f.good || printed_twice || bulleted {
            if cur.title.is_some() {
                flush(&mut cur, &mut cur_key, &mut out);
            }
            let t = strip_link_number(l.display.trim_start_matches(['*', '•', '+', '-', ' ']));
            cur.title = Some(shapes::undouble(t).to_string());
            cur_key = l.key;
            cur_bullet = f.bullet;
        }
    }
    flush(&mut cur, &mut cur_key, &mut out);
    out
}

/// A teaser title without the reference number a text browser prints before a link
/// (`[7]فرنسي يدفن كلبه حياً`), trimmed.
fn strip_link_number(t: &str) -> &str {
    let t = t.trim();
    t.strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(t, |(_, rest)| rest.trim())
}
