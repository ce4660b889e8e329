//! The line classifier: finds the runs of running text, the articles they belong to, their titles,
//! and gives every line a role and a reason.
//!
//! 1. Lines whose features say "running text" (`good`) seed *runs*; a run continues over blank
//!    lines, w3m-wrapped continuation lines, and at most [`MAX_BRIDGE`] other lines that are not
//!    furniture (subheadings, captions, bylines inside the body).
//! 2. Runs with enough text are article bodies. Each looks upward (until the previous article) for
//!    its headline: the nearest *strong* headline-shaped line (printed again on the page, followed by
//!    a date/byline/caption, or equal to the record's title), then the earliest occurrence of it.
//!    A body run with no headline of its own continues the previous article.
//! 3. Lines between a title and its body are captions, dates, bylines, decks or widgets; lines after
//!    a body are sign-offs, related blocks (teasers) or furniture; lines outside articles are teasers
//!    (headline-shaped items) or boilerplate.

use super::features::Features;
use super::lexicon;
use super::shapes;
use crate::text::chars;
use ghirbal_core::{Line, Reason, Role};

/// Most non-blank, non-text lines a run may bridge between two text lines.
pub const MAX_BRIDGE: usize = 3;
/// Minimum text in a run for it to be an article body.
const MIN_RUN_CHARS: usize = 250;
const MIN_SINGLE_LINE_CHARS: usize = 400;
/// How many non-blank lines above a body the headline is looked for.
const TITLE_WINDOW: usize = 40;
/// Most non-blank lines between two runs of one article (tables, widgets, inline images).
const MAX_GAP: usize = 12;
/// A short body (a news brief) needs a strong headline at most this many lines above it.
const SHORT_TITLE_REACH: usize = 10;
const MIN_SHORT_RUN_CHARS: usize = 120;
/// Text lines of a short run that is the only text of its page, for it to be an article.
const MIN_SOLE_RUN_LINES: usize = 2;
/// How close two printings of a headline must be for the repetition to mark a headline.
const NEAR_REPEAT: usize = 40;
/// Characters of a line a text browser filled to its width before wrapping the text on.
const FULL_WIDTH_CHARS: usize = 60;
/// Full-width lines a wrapped paragraph has at least (before the line that ends it).
const MIN_WRAPPED_LINES: usize = 2;

/// One line as the classifier sees it.
pub struct LineInfo<'a> {
    pub display: &'a str,
    pub matching: &'a str,
    /// [`shapes::repeat_key_hash`] of the line (0: no key).
    pub key: u64,
    /// Index of the first line on the page with the same key (`usize::MAX` for blank lines):
    /// comparing these is comparing keys.
    pub kid: usize,
    pub f: Features,
    /// Empty, or a [`divider`]: the classifier treats both as blank lines.
    pub blank: bool,
    /// A line the site's template removes (a sign-off, a contact e-mail): it still takes part
    /// in the classification, but no text goes on under it ([`page_ends`]).
    pub template: bool,
}

/// The classifier's answer for one line.
#[derive(Clone, Debug)]
pub struct Label {
    pub role: Role,
    pub reason: Reason,
    pub article: u32,
}

/// An article's skeleton: where its parts are.
#[derive(Clone, Debug, Default)]
pub struct Skeleton {
    pub title: Option<usize>,
    /// The title is the page's only line over its only text ([`lone_headline`]), found by no
    /// other cue: `title:lone` in the audit.
    pub lone_title: bool,
    pub body_start: usize,
    pub body_end: usize,
    /// Index one past the last line of the article's zone (up to the next article's first line).
    pub zone_end: usize,
    pub zone_start: usize,
}

struct Run {
    start: usize,
    end: usize,
    /// Lines of the run that are body text (good lines, continuations, bridged plain lines).
    body: Vec<usize>,
    good_chars: usize,
    good_lines: usize,
    /// A poem standing on its own ([`standalone_poems`]): an article body however short its
    /// lines.
    poem: bool,
    /// The lines of the lists closing the run under their intros ([`trailing_list`]).
    lists: Vec<usize>,
}

/// Hints from outside the page (a record's separate title field).
#[derive(Clone, Debug, Default)]
pub struct Cues {
    /// Repeat-key hashes (see [`shapes::key_hash`]) the article's headline line may have: the
    /// title field's own and, when the field joins the headline and the site's name
    /// (`headline | site`, `site - headline`), its headline part's.
    pub title_keys: Vec<u64>,
    /// The record's title field names the site's section (a digest's `موجز أخبار`, a column's
    /// name), not the page's headline: a heading at the top of the text is its first item's.
    pub section_title: bool,
}

/// Most words of a title field part that may be a site or section name (the part a page's
/// `<title>` adds to the headline: `| صحيفة الأفق`, `- الجزيرة نت`).
const MAX_SITE_NAME_WORDS: usize = 4;

impl Cues {
    /// The cues of a record's separate title field.
    pub fn from_title(title: Option<&str>) -> Cues {
        let mut title_keys = Vec::new();
        if let Some(t) = title {
            let parts = [Some(t), headline_part(t, TITLE_SEPARATORS)];
            let mut buf = String::new();
            for part in parts.into_iter().flatten() {
                let key = shapes::repeat_key_hash(&crate::text::matching_form(part), &mut buf);
                if key != 0 && !title_keys.contains(&key) {
                    title_keys.push(key);
                }
            }
        }
        Cues {
            title_keys,
            section_title: false,
        }
    }

    /// Whether line `l` is the line the title field names.
    fn names(&self, l: &LineInfo<'_>) -> bool {
        l.key != 0 && self.title_keys.contains(&l.key)
    }
}

/// Separators a page title puts between the headline and the site's name.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — "];

/// The headline part of a title field that joins a headline and the site's (or section's) name
/// with one of `separators`: the longest part, when every other part is a short name of at most
/// [`MAX_SITE_NAME_WORDS`] words. `None` when the field has no such parts.
fn headline_part<'t>(title: &'t str, separators: &[&str]) -> Option<&'t str> {
    let sep = separators.iter().find(|s| title.contains(*s))?;
    let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
    let (longest, _) = parts
        .iter()
        .enumerate()
        .max_by_key(|&(k, p)| (p.chars().count(), std::cmp::Reverse(k)))?;
    let names_only = parts.iter().enumerate().all(|(k, p)| {
        k == longest || (!p.is_empty() && p.split_whitespace().count() <= MAX_SITE_NAME_WORDS)
    });
    (names_only && parts[longest].split_whitespace().count() >= 2).then_some(parts[longest])
}

/// The headline a record's title field names, for an article whose page does not print it: the
/// field without the site name a page title adds after (or before) ` | `. Only the bar is cut
/// here: a dash also joins a headline and its own tag (`… - فيديو`).
pub fn title_field_headline(title: &str) -> &str {
    headline_part(title, &[" | "]).unwrap_or(title)
}

/// [`bridgeable`] between a text line ending with a colon (or a short intro right under it)
/// and the text under what it quotes: a line printed twice is bridged too (a verse the text
/// quotes again further down). A date given as a field (`التاريخ : 9 / 10 / 1436هـ`) stands in the header of a quoted
/// document, not as the dateline of a story: it is bridged.
fn bridgeable_quoted(f: &Features) -> bool {
    !(furniture_breaker(f) || (f.date && !f.label) || f.pipes >= 2)
}

/// A menu or lexicon phrase, a related block's header or a byline: a [`run_breaker`] even
/// inside a quote.
fn furniture_breaker(f: &Features) -> bool {
    f.phrase || f.related_header || f.ui || f.byline
}

/// A [`furniture_breaker`] or a date: a line no run bridges and no quote holds as text.
fn run_breaker(f: &Features) -> bool {
    furniture_breaker(f) || f.date
}

/// A short line ending with a colon inside a quote (`قول المتنبي:`): text, though shaped like
/// a `label:` field.
fn quote_intro(l: &LineInfo<'_>) -> bool {
    ends_with_colon(l) && !run_breaker(&l.f) && l.f.letters * 2 >= l.f.chars
}

/// A line a quote holds as text: plain text, though it may close with a parenthesis we know
/// no credit by (`كلية العلوم : كيمياء ( ذكر / انثى)`), or an intro of its own ([`quote_intro`]).
fn quoted_text(l: &LineInfo<'_>) -> bool {
    let unknown_credit = l.f.credit.as_ref().map_or(true, |c| !c.known);
    (plain_text_but_credit(&l.f) && unknown_credit) || quote_intro(l)
}

/// Most lines bridged under a text line ending with a colon (a quoted stanza of four verses,
/// one hemistich a line, and its intro).
const MAX_QUOTE_BRIDGE: usize = 9;

fn bridgeable(f: &Features) -> bool {
    // A byline ends a run: inside a body it is rare, between teaser items it is the rule.
    // A line printed twice (a teaser title and its link) ends it too.
    // So does a date or a time (teaser items carry one each).
    bridgeable_quoted(f) && f.occurrences < 2
}

/// A rule between the sections of a column or a story (`* *`, `* * *`, `ـــــ`, `-----`): rule
/// characters and spaces only. It separates like a blank line, so the classifier sees it as one
/// (and labels it `shape:divider`): a column of items under `* *` rules is one body. Other lines
/// without letters (`»`, `▲`, `[ ]`) stay widgets.
pub fn divider(display: &str) -> bool {
    // Asked of every line: the character test stops at the first letter of running text, so it
    // goes before the count.
    display
        .chars()
        .all(|c| matches!(c, '*' | '-' | '_' | '=' | '~' | 'ـ' | '—' | '–' | ' '))
        && display.contains(|c: char| c != ' ')
        && display.chars().count() <= MAX_DIVIDER_CHARS
}

/// Longest [`divider`] line, in characters.
const MAX_DIVIDER_CHARS: usize = 40;

fn plain_text(f: &Features) -> bool {
    f.credit.is_none() && plain_text_but_credit(f)
}

/// [`plain_text`], whether or not the line ends with a credit in parentheses.
fn plain_text_but_credit(f: &Features) -> bool {
    !((f.seen_before > 0 && f.long_paragraph())
        || f.placeholder
        || f.media_caption
        || f.inline_teaser
        || f.byline
        || f.date
        || (f.label && !speech(f))
        || f.ui
        || f.phrase
        || f.related_header)
        && (f.letters + f.digits) * 2 >= f.chars
}

/// A `label: value` line that ends like a sentence is speech or a statement (`فقلت: نعم.. ليه؟`,
/// `المجموعة السادسة: إنجلترا، وسلوفاكيا، ومالطا.`), not a field of a form or an info box.
fn speech(f: &Features) -> bool {
    f.terminal && f.sentence_punct >= 1
}

/// Whether the lines between two runs keep them in one article: no block header, disclaimer or
/// navigation bar, and not too many lines.
fn gap_is_clean(lines: &[LineInfo<'_>], from: usize, to: usize) -> bool {
    let mut nonblank = 0;
    for l in &lines[from..to] {
        if l.blank {
            continue;
        }
        // Only lines with text of their own count: image placeholders, counters and captions of
        // an inline gallery do not push two runs apart.
        if !inline_furniture(&l.f) {
            nonblank += 1;
        }
        if l.f.related_header || l.f.pipes >= 2 {
            return false;
        }
    }
    nonblank <= MAX_GAP
        || is_verse(lines, from, to)
        || is_list(lines, from, to)
        || couplet_verse(lines, from, to)
}

/// Free verse rhymed line to line, the rhyme changing as it goes (a colloquial poem quoted in
/// a column: `الوطن يسكن خلايا الدم... غريزه تسري عبر الدم` over `لما نموت بالغربه تظل الروح
/// تلفانه حزينه مشرده بالهم`, then seven lines on `ـان`, four on `ـنه` …), which
/// [`is_verse`] does not read as one rhyme: at least [`MIN_COUPLET_LINES`] lines between
/// `from` and `to`, every one a verse printed once, and four in five ending on a rhyme letter
/// of the line above or below. A line ending with `ة` counts as no rhyme: so many headlines end
/// with it that a block of teaser titles would rhyme on it.
fn couplet_verse(lines: &[LineInfo<'_>], from: usize, to: usize) -> bool {
    let v: Vec<usize> = (from..to).filter(|&j| !lines[j].blank).collect();
    if v.len() < MIN_COUPLET_LINES || !v.iter().all(|&j| quoted_verse(&lines[j])) {
        return false;
    }
    // Each line's last letter and the one before it (none for a line ending with `ة`).
    let ends: Vec<Option<(char, Option<char>)>> = v
        .iter()
        .map(|&j| {
            let l = &lines[j];
            let shown = l
                .display
                .trim_end()
                .chars()
                .rev()
                .find(|c| c.is_alphabetic());
            let mut letters = l
                .matching
                .chars()
                .rev()
                .filter(|c| super::features::is_word_char(*c));
            let last = letters.next().filter(|_| shown != Some('ة'))?;
            Some((last, letters.next()))
        })
        .collect();
    // Two ends rhyme when they share a letter, as [`shares`] counts them (the letter before a
    // lengthening `ا`/`ي` too); on `ه` (where `ة` is folded, and spelt by colloquial text)
    // the letter before must match as well: `ـنه` and `ـنه`, not `ـوه` and `ـيه`.
    let same = |a: Option<(char, Option<char>)>, b: Option<(char, Option<char>)>| {
        let (Some(a), Some(b)) = (a, b) else {
            return false;
        };
        if a.0 == 'ه' || b.0 == 'ه' {
            return a == b;
        }
        let long = |r: (char, Option<char>)| (r.0, r.1.filter(|_| matches!(r.0, 'ا' | 'ي')));
        rhymes_with(long(a), long(b))
    };
    // (line `k` rhymes with the line above it; false past the last line)
    let with_above = |k: usize| k > 0 && k < ends.len() && same(ends[k], ends[k - 1]);
    let rhymed = (0..ends.len())
        .filter(|&k| with_above(k) || with_above(k + 1))
        .count();
    // (and three lines in a row keep one rhyme somewhere: chance pairs do not make a poem)
    let three = (1..ends.len()).any(|k| with_above(k) && with_above(k + 1));
    three && rhymed * 5 >= v.len() * 4
}

/// Fewest lines of a [`couplet_verse`].
const MIN_COUPLET_LINES: usize = 8;

/// The lines between a short untitled run and the untitled text under it keep them together:
/// a clean gap ([`gap_is_clean`]) of text lines, list items and their headings only (no
/// widget, caption or link).
fn lede_gap(lines: &[LineInfo<'_>], from: usize, to: usize) -> bool {
    from <= to
        && gap_is_clean(lines, from, to)
        && (from..to).all(|j| lines[j].blank || list_item(&lines[j]) || lede_text(lines, j))
}

/// A line of a lede gap that joins the text: plain text, a list's heading, a quote's intro or
/// an [`asker`]'s signature.
fn lede_text(lines: &[LineInfo<'_>], j: usize) -> bool {
    let l = &lines[j];
    plain_text(&l.f) || list_heading(l) || quote_intro(l) || asker(lines, j)
}

/// A reader's signature in a Q&A column: a [`signature`] right under a line asking a question
/// (`راشد الدوسري - الدمام` under `* … ؟`), or over a question that the columnist answers
/// ([`qa_signature`]). A teaser's byline stands under a title or a summary, which do not ask,
/// and over a summary.
fn asker(lines: &[LineInfo<'_>], j: usize) -> bool {
    let l = &lines[j];
    signature(l)
        && ((0..j)
            .rev()
            .find(|&k| !lines[k].blank)
            .is_some_and(|k| lines[k].display.trim_end().ends_with(['؟', '?']))
            || qa_signature(lines, j))
}

/// A reader's signature over their question in a Q&A column (`ام يارا ـ النعيرية` over a dream
/// they tell, under the item's subheading): a [`signature`] with, among the next three lines, an
/// answer opened by a speaker's name (`الشيخ يوسف : …`), where either that name opens at least
/// [`MIN_QA_ANSWERS`] lines within [`QA_WINDOW`] lines of the signature (the columnist answers
/// in one voice), or at least [`MIN_QA_ANSWERS`] other signatures there are such (an item
/// whose answer names the columnist otherwise, `الشيخ المنصور :`). The items of such a column
/// (subheading, signature, question, answer) are one article, not a digest of stories with
/// bylines: a digest's items do not answer in one voice.
fn qa_signature(lines: &[LineInfo<'_>], j: usize) -> bool {
    let Some(name) = qa_answer(lines, j) else {
        return false;
    };
    let window = j.saturating_sub(QA_WINDOW)..(j + QA_WINDOW).min(lines.len());
    one_voice(lines, window.clone(), name)
        || window
            .filter(|&m| m != j)
            .filter(|&m| {
                qa_answer(lines, m).is_some_and(|n| {
                    let w = m.saturating_sub(QA_WINDOW)..(m + QA_WINDOW).min(lines.len());
                    one_voice(lines, w, n)
                })
            })
            .nth(MIN_QA_ANSWERS - 1)
            .is_some()
}

/// The speaker of the answer under the short byline `j`: the first of the next three lines
/// that opens with one ([`speaker`]).
fn qa_answer<'t>(lines: &[LineInfo<'t>], j: usize) -> Option<&'t str> {
    if !signature(&lines[j]) {
        return None;
    }
    let mut k = j;
    for _ in 0..3 {
        k = next_nonblank(lines, k, lines.len())?;
        if let Some(name) = speaker(lines[k].display) {
            return Some(name);
        }
    }
    None
}

/// A short byline, or a name and town dashed with a tatweel ([`shapes::is_tatweel_signature`]):
/// what signs a reader's question.
fn signature(l: &LineInfo<'_>) -> bool {
    (l.f.byline && l.f.words <= MAX_ASKER_WORDS) || shapes::is_tatweel_signature(l.display)
}

/// Whether at least [`MIN_QA_ANSWERS`] lines of `window` open with the speaker `name`.
fn one_voice(lines: &[LineInfo<'_>], window: std::ops::Range<usize>, name: &str) -> bool {
    window
        .filter(|&m| speaker(lines[m].display) == Some(name))
        .nth(MIN_QA_ANSWERS - 1)
        .is_some()
}

/// Lines around a [`qa_signature`] looked at for the columnist's other answers.
const QA_WINDOW: usize = 40;

/// Answers opened by one speaker that make a Q&A column.
const MIN_QA_ANSWERS: usize = 3;

/// The speaker a line opens with, `name :` (one to three words before the first colon, and
/// text with letters after it), trimmed.
fn speaker(display: &str) -> Option<&str> {
    head_and_value(display)
        .filter(|(_, rest)| rest.chars().any(char::is_alphabetic))
        .map(|(name, _)| name)
}

/// The head of a line opening with `head :` (one to three words before its first colon,
/// trimmed) and what follows the colon. [`speaker`] and [`label_head`] ask of the value.
fn head_and_value(display: &str) -> Option<(&str, &str)> {
    let (head, rest) = display.split_once(':')?;
    let head = head.trim();
    (1..=3)
        .contains(&head.split_whitespace().count())
        .then_some((head, rest))
}

/// The heads of the `label: value` lines that come back on the page [`MIN_RECURRING_HEADS`]
/// times or more ([`label_head`]): a dialogue's speakers (`عبدالوهاب: لا أجي لك انا`, `أم كلثوم:
/// أمتى`), a listicle's fields under each of its items (`السن: 25 سنة`, `الدخل: 1.3 مليون
/// دولار`). Sorted, for a binary search.
fn recurring_heads<'t>(lines: &[LineInfo<'t>]) -> Vec<&'t str> {
    // (only a `label: value` line asks: a page without one needs no heads)
    if !lines.iter().any(|l| l.f.label) {
        return Vec::new();
    }
    let mut heads: Vec<&str> = lines
        .iter()
        .filter(|l| !l.blank && l.f.punct > 0 && l.f.words <= MAX_FIELD_LINE_WORDS)
        .filter_map(|l| label_head(l.display))
        .collect();
    heads.sort_unstable();
    let mut out = Vec::new();
    for run in heads.chunk_by(|a, b| a == b) {
        if run.len() >= MIN_RECURRING_HEADS {
            out.extend(run.first());
        }
    }
    out
}

/// Most words of a line whose head [`recurring_heads`] counts (a line of a dialogue; a
/// paragraph's colon introduces a quote).
const MAX_FIELD_LINE_WORDS: usize = 24;

/// Fewest lines with the same head for [`recurring_heads`].
const MIN_RECURRING_HEADS: usize = 3;

/// The head of a `label: value` line: the one to three words before its first colon, when a
/// value follows.
fn label_head(display: &str) -> Option<&str> {
    head_and_value(display)
        .filter(|(_, rest)| !rest.trim().is_empty())
        .map(|(head, _)| head)
}

/// A `label: value` line inside a text whose head comes back ([`recurring_heads`]): a line of a
/// dialogue or of a listicle's item, not a field of the page. Otherwise plain text.
fn recurring_field(l: &LineInfo<'_>, heads: &[&str]) -> bool {
    l.f.label
        && label_head(l.display).is_some_and(|h| heads.binary_search(&h).is_ok())
        && plain_text(&Features {
            label: false,
            ..l.f.clone()
        })
}

/// Most words of an [`asker`]'s signature (a name of up to four parts, a dash, a town).
const MAX_ASKER_WORDS: usize = 8;

/// Whether the lines between two runs are a list in the text: at least [`MIN_GAP_LIST_ITEMS`]
/// [`list_item`]s, and at most one other line for every two items (intros ending with a colon
/// not counted), each a [`list_heading`] (a heading over the next items: `الميداليات الذهبية`,
/// `المقادير`, a recipe's dish) or a sentence (an item numbered `3 - `, which the features do
/// not read as a bullet). A medal table or a recipe's ingredients is longer than any gap
/// between paragraphs; a most-read list is headlines, which are no list items, under a block
/// header, which no clean gap holds.
fn is_list(lines: &[LineInfo<'_>], from: usize, to: usize) -> bool {
    let (mut items, mut other) = (0usize, 0usize);
    for l in &lines[from..to] {
        // Furniture printed inside the text (an image placeholder, a caption) is neither.
        if l.blank || inline_furniture(&l.f) && !list_heading(l) {
            continue;
        }
        if l.f.bullet && list_item(l) {
            items += 1;
        } else if list_heading(l) {
            // An intro of the items under it (`المقادير:`, `طريقة التحضير:`) is part of the list.
            other += usize::from(!ends_with_colon(l));
        } else {
            return false;
        }
    }
    items >= MIN_GAP_LIST_ITEMS && other * 2 <= items
}

/// A line between the items of a list in the text that is no item: a short plain heading
/// (`المقادير:`, bulleted or not: `* وصفة مغربية`), a sentence, or a heading that closes with a
/// parenthesis: a note (`(وصفة غنية بالبروتين والفيتامينات)`) or a name, which the features
/// read as an unknown credit (`طاجن الكفتة بالبندورة (4 أشخاص) (الشيف ناديا)`, a recipe's dish
/// and chef). No credit we know: an agency's closes a photo caption.
fn list_heading(l: &LineInfo<'_>) -> bool {
    let f = &l.f;
    plain_text_but_credit(f)
        && f.credit.as_ref().map_or(true, |c| !c.known)
        && (!f.bullet || f.words <= MAX_LIST_HEADING_WORDS)
        && (f.words <= MAX_LIST_HEADING_WORDS
            || ends_like_sentence(l)
            || (f.words <= MAX_PARENTHESIZED_HEADING_WORDS && l.display.trim_end().ends_with(')')))
}

/// Most words of a heading inside a list that closes with a parenthesis.
const MAX_PARENTHESIZED_HEADING_WORDS: usize = 8;

/// Fewest items of a list [`is_list`] finds between two runs.
const MIN_GAP_LIST_ITEMS: usize = 4;
/// Most words of a heading inside such a list.
const MAX_LIST_HEADING_WORDS: usize = 4;

/// Whether the lines between two runs are a poem quoted in the text: at least four short plain
/// lines (a hemistich or a verse each, no furniture, no bullets), most of them rhyming — ending
/// on the same letter, every line or every second line (the qafiya). News text quotes whole
/// poems, longer than any gap between paragraphs, and teaser titles do not rhyme.
fn is_verse(lines: &[LineInfo<'_>], from: usize, to: usize) -> bool {
    verse_rhyme(lines, from, to, Strictness::Quoted)
}

/// How closely the lines of a poem must keep their rhyme.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strictness {
    /// A poem quoted in a text: seven lines in ten share the rhyme, or eight in ten of every
    /// second line.
    Quoted,
    /// A poem standing on its own ([`standalone_poems`]), which no text vouches for: nine lines
    /// in ten (a line of free verse or a teaser title may end on any letter), or every second
    /// line but one in ten.
    Alone,
}

/// [`is_verse`] at a given [`Strictness`].
fn verse_rhyme(lines: &[LineInfo<'_>], from: usize, to: usize, strictness: Strictness) -> bool {
    let mut ends: Vec<Rhyme> = Vec::new();
    let mut other = 0;
    for l in &lines[from..to] {
        if l.blank {
            continue;
        }
        match rhyme(l) {
            Some(r) if verse_line(&l.f) => ends.push(r),
            // A line of narration between the quoted lines (`ويقول فيها:`).
            _ => other += 1,
        }
    }
    if ends.len() < 4 || other * 4 > ends.len() {
        return false;
    }
    let every_second: Vec<Rhyme> = ends.iter().copied().skip(1).step_by(2).collect();
    let (all, n) = (most_common(&ends), ends.len());
    let (even, ne) = (most_common(&every_second), every_second.len());
    let (lines_share, every_second_share) = match strictness {
        Strictness::Quoted => (7, 8),
        Strictness::Alone => (9, 9),
    };
    all * 10 >= n * lines_share || (ne >= 2 && even * 10 >= ne * every_second_share)
}

/// The letters a verse can rhyme on: its last letter, and the one before when the last is a
/// long vowel that only lengthens the rhyme (`الجمر` / `صبري`, `مخلصا` / `حرصا`). A line ending
/// on `ة` (`ه` in the matching form, as the pronoun `ـه` is) rhymes only with lines ending on `ة`
/// (or on `ه`) after the same letter (`الوطنية` / `العربية`, `نظرة` / `عبرة`, `نزيفة` / `ذريفه`;
/// a final `ه` rhymes with any final `ه` too, a pronoun's): headlines end on `ة` as often
/// as Arabic nouns and adjectives do, and a list of them is no poem (`…الشرقية` over
/// `…بالعاصمة` over `…المقبلة`); nor does `ـية` rhyme with `ـي` (`الجنادرية`, `السعودي`). The
/// pair is one letter outside Unicode's assigned ones (a private-use code point per letter
/// before the `ة`), which shares nothing with the letters of other lines.
type Rhyme = (char, Option<char>);

fn rhyme(l: &LineInfo<'_>) -> Option<Rhyme> {
    let mut letters = l
        .matching
        .chars()
        .rev()
        .filter(|c| super::features::is_word_char(*c));
    let last = letters.next()?;
    if last == 'ه' {
        // A scraped poem may spell one rhyme both ways (`ذريفه` / `نزيفة`): a final `ه` also
        // rhymes with a final `ة` after its letter.
        let Some(before) = letters.next() else {
            return Some((last, None));
        };
        let ta = char::from_u32(TA_MARBUTA_RHYMES + u32::from(before))?;
        return Some(if ends_on_ta_marbuta(l.display) {
            (ta, None)
        } else {
            (last, Some(ta))
        });
    }
    let before = if matches!(last, 'ا' | 'ي') {
        letters.next()
    } else {
        None
    };
    Some((last, before))
}

/// The first private-use code point of the `ة` rhymes of [`rhyme`] (plane 15's area): the
/// letter before the `ة` is added to it.
const TA_MARBUTA_RHYMES: u32 = 0xF_0000;

/// Whether the last letter of a line's display form (past marks, tatweel and punctuation) is
/// `ة`.
fn ends_on_ta_marbuta(display: &str) -> bool {
    display.chars().rev().find(|&c| {
        super::features::is_word_char(c)
            && !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
    }) == Some('ة')
}

/// Two line ends rhyme: they share a letter (the letter before a lengthening `ا`/`ي` counts,
/// as in [`shares`]).
fn rhymes_with(a: Rhyme, b: Rhyme) -> bool {
    let letters = |r: Rhyme| std::iter::once(r.0).chain(r.1);
    letters(a).any(|c| letters(b).any(|d| c == d))
}

/// How many verses of a short list share its most frequent rhyme letter.
fn most_common(v: &[Rhyme]) -> usize {
    v.iter()
        .flat_map(|r| std::iter::once(r.0).chain(r.1))
        .map(|c| shares(v, c))
        .max()
        .unwrap_or(0)
}

/// How many of `ends` rhyme on letter `c`.
fn shares(ends: &[Rhyme], c: char) -> usize {
    ends.iter().filter(|r| r.0 == c || r.1 == Some(c)).count()
}

/// Paragraphs a text browser wrapped into full-width lines read as running text only whole
/// (each line is a dozen words with no sentence mark): for each line, whether it is a line of
/// such a paragraph. That is two or more full-width lines of plain text one under the other,
/// of about the same width, and right under them the shorter line that ends the paragraph. A
/// headline over a subtitle is not one: no line ends it, or the line under them is longer.
fn wrapped_paragraphs(lines: &[LineInfo<'_>]) -> Vec<bool> {
    let text = |l: &LineInfo<'_>| {
        !l.blank && plain_text(&l.f) && !l.f.bullet && l.f.pipes == 0 && l.f.occurrences < 2
    };
    let wrapped_line =
        |l: &LineInfo<'_>| text(l) && full_width(&l.f) && !self_repeating(l.display, &l.f);
    let mut out = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let full = lines[i..].iter().take_while(|l| wrapped_line(l)).count();
        if full == 0 {
            i += 1;
            continue;
        }
        let widths = lines[i..i + full].iter().map(|l| l.f.chars);
        let (narrowest, widest) =
            widths.fold((usize::MAX, 0), |(lo, hi), w| (lo.min(w), hi.max(w)));
        let end = i + full;
        let ends_it = lines
            .get(end)
            .is_some_and(|l| text(l) && l.f.chars <= widest);
        if full >= MIN_WRAPPED_LINES && ends_it && narrowest * 5 >= widest * 4 {
            out[i..=end].fill(true);
        }
        i = end;
    }
    out
}

/// Runs of text: good lines (and lines of [`wrapped_paragraphs`]) with the plain lines
/// bridged between them, continuations wrapped under them, and lists, poems and sentences
/// closing them.
fn find_runs(lines: &[LineInfo<'_>], wrapped: &[bool], heads: &[&str]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut cur: Option<Run> = None;
    let mut pending: Vec<usize> = Vec::new();
    let mut last_in_run: Option<usize> = None;
    // Under a related-block header (`متعلقات`), its bulleted items: teasers, however long.
    let mut block_items = false;
    for (i, l) in lines.iter().enumerate() {
        if l.blank {
            continue;
        }
        block_items = if l.f.related_header {
            true
        } else {
            block_items && l.f.bullet
        };
        let seeds = (l.f.good && !self_repeating(l.display, &l.f)) || wrapped[i];
        // Under a text line that ends with a colon, the lines it introduces (a quoted stanza,
        // `قول المتنبي:` and its hemistichs) are bridged, more of them and even a verse the
        // text quotes twice.
        // So are the lines under a short intro of its own right under the text
        // (`وصدر أمر ملكي فيما يلي نصه:` and the decree's header).
        let quoting = last_in_run.is_some_and(|j| {
            lines[j].f.good
                && (ends_with_colon(&lines[j])
                    || pending.first().is_some_and(|&p| quote_intro(&lines[p])))
        });
        let bridge = if quoting {
            MAX_QUOTE_BRIDGE
        } else {
            MAX_BRIDGE
        };
        if seeds && !block_items {
            match cur.as_mut() {
                Some(r) if pending.len() <= bridge => {
                    for &p in &pending {
                        let lp = &lines[p];
                        if plain_text(&lp.f)
                            || (quoting && quoted_text(lp))
                            || recurring_field(lp, heads)
                        {
                            r.body.push(p);
                        }
                    }
                    r.body.push(i);
                    r.end = i + 1;
                    r.good_chars += l.f.chars;
                    r.good_lines += 1;
                }
                _ => {
                    if let Some(r) = cur.take() {
                        runs.push(r);
                    }
                    cur = Some(Run {
                        start: i,
                        end: i + 1,
                        body: vec![i],
                        good_chars: l.f.chars,
                        good_lines: 1,
                        poem: false,
                        lists: Vec::new(),
                    });
                }
            }
            pending.clear();
            last_in_run = Some(i);
            continue;
        }
        let Some(r) = cur.as_mut() else { continue };
        // A wrapped continuation: directly under a body line, no blank between, plain text.
        let continuation = pending.is_empty()
            && last_in_run == Some(i.wrapping_sub(1))
            && i > 0
            && !lines[i - 1].blank
            && full_width(&lines[i - 1].f)
            && plain_text(&l.f)
            && !l.f.bullet
            && !l.f.headline_alone();
        if continuation {
            r.body.push(i);
            r.end = i + 1;
            last_in_run = Some(i);
            continue;
        }
        pending.push(i);
        let bridged = if quoting {
            bridgeable_quoted(&l.f)
        } else {
            bridgeable(&l.f)
        } || recurring_field(l, heads);
        if !bridged || pending.len() > bridge {
            if let Some(r) = cur.take() {
                runs.push(r);
            }
            pending.clear();
        }
    }
    if let Some(r) = cur.take() {
        runs.push(r);
    }
    for k in 0..runs.len() {
        let limit = runs.get(k + 1).map_or(lines.len(), |n| n.start);
        let r = &mut runs[k];
        let intro = r.body.last().is_some_and(|&b| ends_with_colon(&lines[b]));
        // A list the run ends in goes on.
        let items = r
            .body
            .last()
            .and_then(|&b| trailing_items(lines, b, r.end, limit));
        let mut list = items.is_some();
        if let Some(items) = items {
            r.close_with(items);
        }
        // The items the run's last line introduces (`… الموافقة المؤقتة على:` over `1. وثيقة
        // تأمين الحوادث الشخصية.` and 24 more): its text, and enough of it to make one short
        // paragraph an article.
        if intro && !list {
            let items = list_items(lines, r.end, limit, false);
            // Items of a list: bulleted, ending like sentences or numbered 1, 2, 3 …; short
            // unpunctuated lines that do not rhyme are teaser titles, and a line closing on an
            // agency's credit a caption.
            let listed = |j: usize| {
                let l = &lines[j];
                (l.f.bullet || ends_like_sentence(l))
                    && l.f.credit.as_ref().map_or(true, |c| !c.known)
            };
            let is_list = items.iter().all(|&j| listed(j)) || numbered_in_order(lines, &items);
            if items.len() >= MIN_INTRO_ITEMS && is_list {
                r.good_lines += items.len();
                r.good_chars += items.iter().map(|&j| lines[j].f.chars).sum::<usize>();
                r.lists.extend(&items);
                r.close_with(items);
                list = true;
            }
        }
        // Lists in a row, each under its own intro (`لجنة المراجعة وتتكون من:` and its
        // members after the first committee's).
        while let Some(items) = trailing_list(lines, r.end, limit) {
            r.lists.extend(&items);
            r.close_with(items);
            list = true;
        }
        if list {
            // Poets' verses under the quoted ones (`محمد إبراهيم يعقوب:` and his verse, read as
            // a list's intro and items, then the other poets').
            if let Some(items) = closing_anthology(lines, r.end, limit) {
                r.close_with(items);
            }
            continue;
        }
        // The fields closing the text's last item (`السن: 25` and `الدخل: 641 ألف دولار` under
        // the fifth star of a listicle).
        let fields = lines_under(lines, r.end, limit, |_, l| recurring_field(l, heads));
        if !fields.is_empty() {
            r.close_with(fields);
            continue;
        }
        if let Some(items) = trailing_verse(lines, r.end, limit, intro) {
            // A text line over a poem long enough to stand alone (`كتبه … الشاعر … ويقول :`)
            // heads it, however short the line.
            r.poem = items.len() >= MIN_POEM_VERSES
                && (intro
                    || verse_rhyme(lines, r.end, items[items.len() - 1] + 1, Strictness::Alone));
            let tail = poem_tail(lines, &items, limit);
            r.close_with(items);
            if let Some(tail) = tail {
                r.close_with(tail);
            }
        } else if let Some(items) = closing_verse(lines, r.end, limit) {
            r.close_with(items);
        } else if let Some(items) = trailing_sentences(lines, r.end, limit) {
            r.close_with(items);
        } else if let Some(j) = closing_sentence(lines, r.end, limit) {
            r.close_with(vec![j]);
        } else if let Some(items) = closing_points(lines, r, limit) {
            r.close_with(items);
        } else if let Some(items) = closing_coda(lines, r, limit) {
            r.close_with(items);
        }
        // Poets' verses, after a poem the text quoted or not.
        if let Some(items) = closing_anthology(lines, r.end, limit) {
            r.close_with(items);
        }
        if let Some(items) = closing_poems(lines, r.end, limit) {
            r.close_with(items);
        }
        // A letter's closing greeting (`والسلام عليكم ورحمة الله وبركاته..`), under its last
        // sentence.
        // A line asking for the letter's publication may come first, with no stop (`آمل التكرم
        // بنشر هذا الايضاح`).
        // (two lines, one blank line allowed before each: four lines down at most)
        let under = lines_under(lines, r.end, limit.min(r.end + 4), |_, _| true);
        match under[..] {
            [g, ..] if greeting(&lines[g]) => r.close_with(vec![g]),
            [a, g, ..] if greeting(&lines[g]) && closing_request(&lines[a]) => {
                r.close_with(vec![a, g]);
            }
            _ => {}
        }
    }
    open_with_lists_above(lines, &mut runs);
    open_with_epigraph(lines, &mut runs);
    open_with_intro(lines, &mut runs);
    let mut poems = standalone_poems(lines, &runs);
    // A column's longer sayings seeded runs too short to be articles: the column holds them
    // (and is no column when such a run reaches out of it: runs never overlap).
    let inside = |r: &Run, c: &Run| c.start <= r.start && r.end <= c.end;
    let overlap = |r: &Run, c: &Run| r.start < c.end && c.start < r.end;
    let mut sayings = standalone_sayings(lines, &runs, &poems);
    sayings.extend(free_verse(lines, &runs, &poems, &sayings));
    let sayings: Vec<Run> = sayings
        .into_iter()
        .filter(|c| runs.iter().all(|r| !overlap(r, c) || inside(r, c)))
        .collect();
    if !sayings.is_empty() {
        runs.retain(|r| !sayings.iter().any(|c| inside(r, c)));
    }
    poems.extend(sayings);
    if poems.is_empty() {
        return runs;
    }
    runs.extend(poems);
    runs.sort_by_key(|r| r.start);
    join_poems_to_text_above(lines, runs)
}

/// A run's text that opens with a list under its intro (a recipe: `* المقادير:`, its
/// ingredients `- نصف كيلو من الكنافة`, `2 كوب أرز أبيض`, then `* الطريقة:` over the method,
/// the first paragraph): the run starts at the intro ([`list_above`]). The ingredients, short
/// and unpunctuated, were taken for teasers' headlines, and one of them for the headline of
/// the method (`-5 ملاعق كبيرة زبدة`). Between two runs, a list [`is_list`] reads whole (a
/// second recipe's dish, chef and ingredients) is left to it.
fn open_with_lists_above(lines: &[LineInfo<'_>], runs: &mut [Run]) {
    let mut floor = 0;
    for (k, r) in runs.iter_mut().enumerate() {
        if k > 0 && is_list(lines, floor, r.start) {
            floor = r.end;
            continue;
        }
        if let Some(top) = list_above(lines, floor, r.start) {
            r.open_with((top..r.start).filter(|&j| !lines[j].blank).collect());
        }
        floor = r.end;
    }
}

/// A text that opens with the line introducing it (`صدر عن الديوان الملكي أمس البيان التالي:`,
/// a reader's letter's `السلام عليكم ورحمة الله وبركاته، وبعد:`, `قالت لي صديقتي الصغيرة
/// والجميلة (بدرية):`): the run starts at that line when it is right above it (one blank line
/// allowed) and a [`text_intro`]. Short, it was dropped as a short line; a reader would miss it.
///
/// A letter opens with its greeting (`السلام عليكم ورحمة الله وبركاته..`, with or without a
/// colon) under the lines that address it (`سعادة رئيس تحرير صحيفة «الرياض» المحترم`, a cable's
/// `الأخ العزيز خادم الحرمين الشريفين …` over `ملك المملكة العربية السعودية حفظه الله`): the
/// greeting and the lines addressing it above open the text too: one or two [`salutation`]s, or
/// one over the addressee's office ([`addressee_office`]). With no greeting, a line that both
/// opens with a form of address and closes with an honorific ([`Salutation`]'s `address`) opens it.
///
/// An intro may quote words right under it, over the text (`يثير دهشتنا دائما عمر الشريف حين
/// يقول:` over `دائما كان الحظ معي. خدمتني الظروف كثيراً!!`): both open the text when the words
/// are a [`quoted_line`] and the intro says words follow ([`quotes_words`]). It may be bulleted
/// when the text's paragraphs are (`- قال الشاعر العباسي الشهير أبو تمام:`).
fn open_with_intro(lines: &[LineInfo<'_>], runs: &mut [Run]) {
    let mut floor = 0;
    for r in runs.iter_mut() {
        let above = |from: usize| line_above(lines, floor, from);
        if let Some(j) = above(r.start).filter(|&j| text_intro(&lines[j]) || greeting(&lines[j])) {
            r.open_with(vec![j]);
            if greeting(&lines[j]) {
                // The address: one or two salutations, or one over the addressee's office
                // (`المشرف العام لمؤسسة اليمامة الصحفية`).
                let a = above(j);
                let b = a.and_then(&above);
                let sal = |k: Option<usize>| k.is_some_and(|k| salutation(&lines[k]).any());
                let office = |k: Option<usize>| k.is_some_and(|k| addressee_office(&lines[k]));
                let address = if sal(b) && (sal(a) || office(a)) {
                    [b, a]
                } else if sal(a) {
                    [a, None]
                } else {
                    [None, None]
                };
                r.open_with(address.into_iter().flatten().collect());
            }
        } else if let Some(j) = above(r.start).filter(|&j| salutation(&lines[j]).address) {
            r.open_with(vec![j]);
        } else if let Some(q) = above(r.start).filter(|&q| quoted_line(&lines[q])) {
            // The words an intro quotes, over the text (`يثير دهشتنا دائما عمر الشريف حين
            // يقول:` over `دائما كان الحظ معي. خدمتني الظروف كثيراً!!`); an intro bulleted as
            // the text's paragraphs are (`- قال الشاعر العباسي الشهير أبو تمام:`).
            let bulleted = lines[r.start].f.bullet;
            let intro = |l: &LineInfo<'_>| text_intro_bulleted(l, bulleted) && quotes_words(l);
            if let Some(j) = above(q).filter(|&j| intro(&lines[j])) {
                r.open_with(vec![j, q]);
            }
        }
        floor = r.end;
    }
}

/// A text that opens at the top of the page with a short sentence or two right above its first
/// paragraph (`النصر والهلال على صفيح ساخن.` over `لندن.. مدينة الضباب ستستضيف لقاء السحاب.`,
/// `صدرت رواية "توكايا غراندي" لجورجي أمادو عن دار الفارابي.`): the first run starts at them.
/// Up to [`MAX_OPENING_SENTENCES`] plain lines of three words or more, printed once, each
/// ending with a full stop (a headline ends with none, or asks or exclaims), with nothing but
/// blank lines above them. Only when the record's title field gives the headline (a line it
/// names stays the title) or names the page's section: without one, a headline closing on a
/// full stop (`خادم الحرمين يستقبل رئيس وزراء باكستان.`) would be read as the text's opening.
fn open_with_sentences(lines: &[LineInfo<'_>], runs: &mut [Run], cues: &Cues) {
    if cues.title_keys.is_empty() && !cues.section_title {
        return;
    }
    let Some(r) = runs.first_mut() else {
        return;
    };
    let opening = |l: &LineInfo<'_>| {
        let t = l.display.trim_end();
        plain_text(&l.f)
            && !l.f.bullet
            && l.f.words >= 3
            && l.f.occurrences <= 1
            && t.ends_with('.')
            && !t.ends_with("..")
            && !cues.names(l)
    };
    let mut top = r.start;
    let mut head = Vec::new();
    while head.len() < MAX_OPENING_SENTENCES {
        match line_above(lines, 0, top) {
            Some(j) if opening(&lines[j]) => {
                head.push(j);
                top = j;
            }
            _ => break,
        }
    }
    // A sentence wrapped onto the first of them opens on the full line glued over it (`بدأت
    // دائرة الجنايات … اليوم جلسة محاكمة` over `المتهمين في تفجير مسجد الإمام الصادق …
    // متهما.`).
    if let Some(j) = top.checked_sub(1).filter(|_| !head.is_empty()) {
        let l = &lines[j];
        if !l.blank
            && full_width(&l.f)
            && plain_text(&l.f)
            && !l.f.bullet
            && l.f.occurrences <= 1
            && !cues.names(l)
        {
            head.push(j);
            top = j;
        }
    }
    if head.is_empty() || lines[..top].iter().any(|l| !l.blank) {
        return;
    }
    head.reverse();
    r.open_with(head);
}

/// A page under a section's name (a digest, `موجز أخبار`; a column of items, `بين الخطأ
/// والصواب`: [`Cues::section_title`]) opens with its first item's heading (`* قوة كبيرة للجيش
/// الجزائري تحاصر مسلحين شرق البلاد`) right above the first item's text, the other items'
/// headings inside it (`* كوبا تحتفل بمرور 62 عاما على ثورتها`). The heading is the first
/// item's, like the others, not the page's headline: the first run starts at it when it is a
/// bulleted plain line of at most [`MAX_ITEM_HEADING_WORDS`] words that does not end like a
/// sentence, with nothing but blank lines above it, and a line of the run opens with the same
/// bullet (the first item's text, `* الجزائر: …`, or another item's heading).
fn open_with_item_heading(lines: &[LineInfo<'_>], runs: &mut [Run], cues: &Cues) {
    if !cues.section_title {
        return;
    }
    let Some(r) = runs.first_mut() else {
        return;
    };
    let Some(j) = line_above(lines, 0, r.start) else {
        return;
    };
    let l = &lines[j];
    let heading = |l: &LineInfo<'_>| {
        l.f.bullet && plain_text(&l.f) && !l.f.terminal && l.f.words <= MAX_ITEM_HEADING_WORDS
    };
    let Some(bullet) = l.display.chars().next() else {
        return;
    };
    if lines[..j].iter().any(|l| !l.blank) || !heading(l) {
        return;
    }
    if r.body
        .iter()
        .any(|&k| lines[k].display.starts_with(bullet) && lines[k].f.bullet)
    {
        r.open_with(vec![j]);
    }
}

/// Most words of an item's heading ([`open_with_item_heading`]).
const MAX_ITEM_HEADING_WORDS: usize = 16;

/// Most lines of [`open_with_sentences`].
const MAX_OPENING_SENTENCES: usize = 2;

/// A plain line of a few words over a letter's closing [`greeting`] asking for its publication
/// or thanking (`آمل التكرم بنشر هذا الايضاح`, `شاكرين لكم تعاونكم`): not a heading (no colon)
/// nor an item, and one of [`REQUEST_WORDS`] in it (a teaser's title over a greeting has none).
fn closing_request(l: &LineInfo<'_>) -> bool {
    plain_text(&l.f)
        && !l.f.bullet
        && (3..=MAX_CLOSING_REQUEST_WORDS).contains(&l.f.words)
        && !ends_with_colon(l)
        && l.matching
            .split_whitespace()
            .any(|w| REQUEST_WORDS.iter().any(|r| w.contains(r)))
}

/// Most words of a [`closing_request`].
const MAX_CLOSING_REQUEST_WORDS: usize = 15;

/// Stems of asking and thanking in a [`closing_request`], in the matching form.
const REQUEST_WORDS: &[&str] = &["التكرم", "نشر", "شاكر", "تقبلوا", "تعاون"];

/// A letter's greeting (`السلام عليكم ورحمة الله وبركاته`, maybe `وبعد:`), or its closing one
/// (`والسلام عليكم ورحمة الله وبركاته..`): plain text of at most [`MAX_GREETING_WORDS`] words.
fn greeting(l: &LineInfo<'_>) -> bool {
    let m = shapes::strip_decor(l.matching);
    (m.starts_with("السلام عليكم") || m.starts_with("والسلام عليكم"))
        && l.f.words <= MAX_GREETING_WORDS
        && plain_text(&l.f)
}

/// Most words of a [`greeting`].
const MAX_GREETING_WORDS: usize = 10;

/// The addressee's office under a letter's [`salutation`] (`المشرف العام لمؤسسة اليمامة الصحفية`):
/// plain text of at most [`MAX_OFFICE_WORDS`] words, no sentence end or colon.
fn addressee_office(l: &LineInfo<'_>) -> bool {
    (1..=MAX_OFFICE_WORDS).contains(&l.f.words)
        && plain_text(&l.f)
        && !l.f.bullet
        && !ends_like_sentence(l)
        && !ends_with_colon(l)
}

/// Most words of an [`addressee_office`].
const MAX_OFFICE_WORDS: usize = 8;

/// A line addressing a letter (above its [`greeting`]): plain text of at most
/// [`MAX_SALUTATION_WORDS`] words that opens with a form of address (`سعادة`, `معالي`, `صاحب
/// الجلالة`, `عزيزتي`, `الأخ` …) or closes with an honorific (`المحترم`, `الموقر`, `حفظه الله`,
/// `الشقيقة`): says which of the two it has. A headline right above a greeting has neither.
fn salutation(l: &LineInfo<'_>) -> Salutation {
    const OPENINGS: &[&str] = &[
        "سعاده",
        "معالي",
        "فضيله",
        "فخامه",
        "جلاله",
        "صاحب",
        "سمو",
        "حضره",
        "عزيزي",
        "عزيزتي",
        "اخي",
        "الاخ",
        "السيد",
        "الاستاذ",
        "الي",
    ];
    const CLOSINGS: &[&str] = &[
        "المحترم",
        "المحترمين",
        "الموقر",
        "الموقره",
        "حفظه الله",
        "وفقه الله",
        "سلمه الله",
        "رعاه الله",
        "الشقيقه",
        "الشقيق",
    ];
    let m = shapes::strip_decor(l.matching)
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .trim();
    let first = m.split(' ').next().unwrap_or_default();
    let shaped = l.f.words <= MAX_SALUTATION_WORDS
        && plain_text(&l.f)
        && !ends_like_sentence(l)
        && !ends_with_colon(l);
    // (`إلى` and `الشقيق` also head and close headlines: `إلى الشعب المصري الشقيق`.)
    let closing = CLOSINGS.iter().find(|c| m.ends_with(*c));
    Salutation {
        opens: shaped && OPENINGS.contains(&first),
        closes: shaped && closing.is_some(),
        address: shaped
            && first != "الي"
            && OPENINGS.contains(&first)
            && closing.is_some_and(|c| !c.starts_with("الشقيق")),
    }
}

/// What a line addressing a letter has ([`salutation`]): a form of address opening it, an
/// honorific closing it.
struct Salutation {
    opens: bool,
    closes: bool,
    /// A letter's address even with no greeting under it (`سعادة المشرف على صفحة عزيزتي
    /// الجزيرة الموقر`, `سعادة الأخ الفاضل الأستاذ تركي السديري - وفقه الله`): a form of address
    /// opening it and an honorific closing it, neither of which a headline uses (not `إلى`,
    /// not `الشقيق`).
    address: bool,
}

impl Salutation {
    /// Either: a line addressing a letter above its greeting.
    fn any(&self) -> bool {
        self.opens || self.closes
    }
}

/// Most words of a [`salutation`].
const MAX_SALUTATION_WORDS: usize = 16;

/// The words an intro ending with a colon quotes, right under it: a short line of plain text
/// in parentheses or quotes, or ending like a sentence (`دائما كان الحظ معي. خدمتني الظروف
/// كثيراً!!`, `(وإذا أراد الله نشر فضيلة طويت.. أتاح لها لسان حسود)`); not a headline, which
/// has neither.
fn quoted_line(l: &LineInfo<'_>) -> bool {
    let f = &l.f;
    let t = l.display.trim();
    let enclosed = (t.starts_with('(') && t.ends_with(')'))
        || (t.starts_with(['«', '"', '“']) && t.ends_with(['»', '"', '”']));
    (2..=MAX_QUOTED_WORDS).contains(&f.words)
        && plain_text(f)
        && f.occurrences <= 1
        && !f.bullet
        && (enclosed || ends_like_sentence(l))
}

/// Most words of a [`quoted_line`].
const MAX_QUOTED_WORDS: usize = 25;

/// An intro over a [`quoted_line`] says that words follow: one of its words is a verb of
/// saying or `التالي` (`حين يقول:`, `قال الشاعر … أبو تمام:`, `البيان التالي:`), which a
/// kicker over a headline (`وزير الصحة في تصريح لـ«الرياض»:`) lacks.
fn quotes_words(l: &LineInfo<'_>) -> bool {
    l.matching.split_whitespace().any(|w| {
        let w = w.trim_end_matches([':', '-']);
        QUOTING_WORDS.contains(&w)
    })
}

/// [`quotes_words`]' words, in the matching form.
const QUOTING_WORDS: &[&str] = &[
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "قائلا",
    "قائلة",
    "قائلين",
    "التالي",
    "الاتي",
    "يلي",
    "نصه",
];

/// A line of text that introduces what follows it: plain text of at least
/// [`MIN_TEXT_INTRO_WORDS`] words ending with a colon, printed once. A field name (`الموقع :`,
/// `حساب الزكاة :`), a section's heading (`المشهد الأول:`) or a byline with a colon (`حائل -
/// بشير الرشيدي:`, not plain text) is not one.
fn text_intro(l: &LineInfo<'_>) -> bool {
    text_intro_bulleted(l, false)
}

/// [`text_intro`], bulleted or not when `bullet` (the text's paragraphs are).
fn text_intro_bulleted(l: &LineInfo<'_>, bullet: bool) -> bool {
    ends_with_colon(l)
        && l.f.words >= MIN_TEXT_INTRO_WORDS
        && plain_text(&l.f)
        && (!l.f.bullet || bullet)
        && l.f.occurrences <= 1
}

/// Fewest words of a [`text_intro`] (`نربت على قلوبنا قائلين :`).
const MIN_TEXT_INTRO_WORDS: usize = 4;

/// A column that opens with an epigraph: a verse or two quoted whole, one hemistich a line
/// (`وَمَن يَجعَلِ الضِرغامَ بازًا لِصَيدِهِ` over `تَصَيَّدَهُ الضِرغامُ فيما تَصَيَّدا`), maybe signed
/// by the poet under them (`«أبو الطيب المتنبي»`, `(أبو الطيب المتنبي)`, `غازي القصيبي`), right
/// above the first paragraph at the top of the page. Short and unpunctuated, the verses were
/// taken for teasers' headlines. The first run starts at the epigraph when the lines above it
/// are all [`verses`] and its signature; a line over them that breaks the verses' evidence (a
/// headline printed over the epigraph) stays above, for the title.
fn open_with_epigraph(lines: &[LineInfo<'_>], runs: &mut [Run]) {
    let Some(r) = runs.first_mut() else {
        return;
    };
    let above: Vec<usize> = (0..r.start).filter(|&j| !lines[j].blank).collect();
    // (one headline, the verses, one signature)
    if above.len() < MIN_EPIGRAPH_LINES || above.len() > MAX_EPIGRAPH_LINES + 2 {
        return;
    }
    // At most one blank line before the run and between the lines.
    let mut edges = above.iter().copied().chain([r.start]);
    let mut prev = edges.next();
    for j in edges {
        if prev.is_some_and(|p| j - p > 2) {
            return;
        }
        prev = Some(j);
    }
    let mut block = &above[..];
    if let Some((&last, rest)) = block.split_last() {
        if rest.len() >= MIN_EPIGRAPH_LINES && poet_signature(&lines[last]) {
            block = rest;
        }
    }
    for v in [block, block.get(1..).unwrap_or_default()] {
        if let Some(&top) = v.first().filter(|_| verses(lines, v)) {
            r.open_with((top..r.start).filter(|&j| !lines[j].blank).collect());
            return;
        }
    }
}

/// Fewest lines of an epigraph or a closing verse: one verse, two hemistichs.
const MIN_EPIGRAPH_LINES: usize = 2;

/// Most lines of an epigraph or a closing verse ([`verses`]): four verses. A longer poem is a
/// [`trailing_verse`] or a poem of its own ([`standalone_poems`]).
const MAX_EPIGRAPH_LINES: usize = 8;

/// A poet's name signing the verses above it: at most [`MAX_SIGNATURE_WORDS`] words, no digits,
/// no sentence end or colon, no furniture (it may be set in quotes or parentheses).
fn poet_signature(l: &LineInfo<'_>) -> bool {
    let f = &l.f;
    (1..=MAX_SIGNATURE_WORDS).contains(&f.words)
        && f.digits == 0
        && f.letters > 0
        && !(f.ui || f.phrase || f.date || f.related_header || f.placeholder || f.media_caption)
        && !ends_like_sentence(l)
        && !ends_with_colon(l)
}

/// The verses of a poem quoted whole at a column's edge ([`open_with_epigraph`],
/// [`closing_verse`]): [`MIN_EPIGRAPH_LINES`] to [`MAX_EPIGRAPH_LINES`] verse lines, printed
/// once, that read as poetry. Short lines alone do not tell verses from a list of teaser
/// titles; two things do. Classical verse is quoted with its vowels: half the lines have two
/// or more vowelled letters ([`chars::vowelled_letters`]), where a headline has at most one to
/// tell a word apart (the accusative `ًا` of `متحدثاً` is not counted: captions use it all the
/// time). Or four lines or more keep a rhyme ([`is_verse`]) and two of their letters are
/// vowelled (`رأيت الناس قد مالوا إلى من عنده مالٌ`).
fn verses(lines: &[LineInfo<'_>], v: &[usize]) -> bool {
    let (Some(&first), Some(&last)) = (v.first(), v.last()) else {
        return false;
    };
    let n = v.len();
    if !(MIN_EPIGRAPH_LINES..=MAX_EPIGRAPH_LINES).contains(&n)
        || !v.iter().all(|&j| quoted_verse(&lines[j]))
    {
        return false;
    }
    let marks: Vec<usize> = v
        .iter()
        .map(|&j| chars::vowelled_letters(lines[j].display))
        .collect();
    let vowelled = marks
        .iter()
        .filter(|&&m| m >= shapes::MIN_VOWELLED_LETTERS)
        .count()
        * 2
        >= n;
    let rhymes = n >= 4 && is_verse(lines, first, last + 1);
    (vowelled && (n < 4 || rhymes)) || (rhymes && marks.iter().sum::<usize>() >= 2)
}

/// A verse or two closing a column (`تعدو الذئاب على مَنْ لا نيوبَ له` over `وتتقي صولة
/// المستأسد الضاري`): the short lines right under the body (one blank line allowed before and
/// between them) up to the end of the page, when they are [`verses`]. Up to two lines ending
/// with a colon may introduce them (`الخاتمة:` over `الأبيات للمعتمد بن عبّاد:`); they close
/// the body with the verses.
fn closing_verse(lines: &[LineInfo<'_>], from: usize, limit: usize) -> Option<Vec<usize>> {
    let intro = lines_under(lines, from, limit, |_, l| verse_intro(l));
    let intro = &intro[..intro.len().min(2)];
    let start = intro.last().map_or(from, |&j| j + 1);
    let out = lines_under(lines, start, limit, |_, l| verse_line(&l.f));
    let end = out.last().map_or(start, |&j| j + 1);
    let last = page_ends(lines, end, limit);
    (last && verses(lines, &out)).then(|| [intro, &out].concat())
}

/// Verses of several poets closing a report (`شعراء يدينون …`: `مفرح الشقيقي:` over two
/// verses, `عبدالرحمن العشماوي:` over six, and so on to the end of the page): at least
/// [`MIN_ANTHOLOGY_STANZAS`] stanzas right under the body (one blank line allowed before and
/// between lines), each a line naming its poet with a colon over one to
/// [`MAX_EPIGRAPH_LINES`] verse lines. Each poet's verses keep their own rhyme, or none (a
/// Nabati quatrain), so the stanzas cannot rhyme together as [`verses`] ask; the vowels tell
/// them from a list of sections over teaser titles: half the verse lines have two or more
/// vowelled letters, where a headline has none.
fn closing_anthology(lines: &[LineInfo<'_>], from: usize, limit: usize) -> Option<Vec<usize>> {
    let (stanzas, end) = stanzas_under(lines, from, limit, verse_intro);
    let (mut out, mut verse_lines, mut set) = (Vec::new(), 0, 0);
    for (head, v) in &stanzas {
        if !(1..=MAX_EPIGRAPH_LINES).contains(&v.len()) {
            return None;
        }
        verse_lines += v.len();
        set += v.iter().filter(|&&j| vowelled(&lines[j])).count();
        out.push(*head);
        out.extend(v);
    }
    let last = page_ends(lines, end, limit);
    (last && stanzas.len() >= MIN_ANTHOLOGY_STANZAS && set * 2 >= verse_lines).then_some(out)
}

/// The stanzas right under line `from` (one blank line allowed before and between lines): each
/// a line `intro` accepts over the [`quoted_verse`] lines under it, as long as intros follow.
/// Returns the stanzas (intro, verse lines) and the line after the last; a stanza with no verse
/// line under its intro is the last.
fn stanzas_under(
    lines: &[LineInfo<'_>],
    from: usize,
    limit: usize,
    intro: impl Fn(&LineInfo<'_>) -> bool,
) -> (Vec<(usize, Vec<usize>)>, usize) {
    let mut out = Vec::new();
    let mut at = from;
    while let Some(&head) = lines_under(lines, at, limit, |_, l| intro(l)).first() {
        let v = lines_under(lines, head + 1, limit, |_, l| quoted_verse(l));
        let Some(&last) = v.last() else {
            out.push((head, v));
            break;
        };
        at = last + 1;
        out.push((head, v));
    }
    (out, at)
}

/// Fewest stanzas of a [`closing_anthology`].
const MIN_ANTHOLOGY_STANZAS: usize = 2;

/// Poems closing a text, each under a line introducing it (a poet's profile: `مقاطع شعرية من
/// أرشيفه الشعري :` over ten lines rhyming on `ـوق` every second line, then `وفي قصيدة أخرى
/// قال :-` over seven more, to the end of the page): one or more stanzas right under the body
/// (one blank line allowed before and between lines), each a [`verse_intro`] that says words
/// follow ([`quotes_words`]) or names poetry ([`speaks_of_verse`]) over at least
/// [`MIN_INTRODUCED_VERSES`] verse lines that rhyme ([`is_verse`]). A colloquial poem has no
/// vowels to show, as [`closing_verse`] asks of a short one: the intro and the rhyme vouch for
/// it. Four teaser titles may rhyme by chance, but their header (`مقالات سابقة:`) names no
/// poem.
fn closing_poems(lines: &[LineInfo<'_>], from: usize, limit: usize) -> Option<Vec<usize>> {
    let intro = |l: &LineInfo<'_>| verse_intro(l) && (quotes_words(l) || speaks_of_verse(l));
    let (stanzas, end) = stanzas_under(lines, from, limit, intro);
    let mut out = Vec::new();
    for (head, v) in stanzas {
        let (&first, &last) = (v.first()?, v.last()?);
        if v.len() < MIN_INTRODUCED_VERSES || !is_verse(lines, first, last + 1) {
            return None;
        }
        out.push(head);
        out.extend(v);
    }
    (!out.is_empty() && page_ends(lines, end, limit)).then_some(out)
}

/// A line naming poetry: a poem, verses, a poet, a collection (`قصيدة`, `الأبيات`,
/// `الشاعرة`, `شعرية`, `ديوان`), in the matching form.
fn speaks_of_verse(l: &LineInfo<'_>) -> bool {
    l.matching
        .split_whitespace()
        .any(|w| VERSE_STEMS.iter().any(|s| w.contains(s)))
}

/// [`speaks_of_verse`]' stems.
const VERSE_STEMS: &[&str] = &["شعر", "شاعر", "قصيد", "قصائد", "ابيات", "ديوان"];

/// The last verses of a poem rhymed in alternation (`…بنساك` over `…حبيبه`, `…وياك` over
/// `…غريبه` …) that the verse test let go: a verse put in someone's mouth reads as a label
/// (`قالت: وعقلي ضاع فكره والادراك`), a verse asking ends with `؟`. The lines glued under the
/// poem's verses `poem` up to the end of the page, at most [`MAX_POEM_TAIL`], each of 2 to 14
/// words of text (a `label: value` line too), when the poem's last four verses keep two
/// alternating rhymes and every line of the tail rhymes with the verse two lines above it: a
/// teaser title under a poem does not keep its rhyme.
fn poem_tail(lines: &[LineInfo<'_>], poem: &[usize], limit: usize) -> Option<Vec<usize>> {
    let &last = poem.last()?;
    let tail = lines_under_gaps(lines, last + 1, limit, 0, |_, l| {
        let f = &l.f;
        let text = plain_text_but_credit(f)
            || (f.label && !(f.ui || f.date || f.byline || f.placeholder || f.related_header));
        text && !f.bullet && (2..=14).contains(&f.words) && !l.template
    });
    let end = tail.last().map_or(last + 1, |&j| j + 1);
    if tail.is_empty() || tail.len() > MAX_POEM_TAIL || !page_ends(lines, end, limit) {
        return None;
    }
    let seq: Vec<usize> = poem.iter().chain(&tail).copied().collect();
    let rhymes = |a: usize, b: usize| match (rhyme(&lines[a]), rhyme(&lines[b])) {
        (Some(x), Some(y)) => rhymes_with(x, y),
        _ => false,
    };
    let n = poem.len();
    // (two rhymes in alternation: the last four verses rhyme across, not in pairs)
    let alternating = n >= 4
        && rhymes(seq[n - 4], seq[n - 2])
        && rhymes(seq[n - 3], seq[n - 1])
        && !rhymes(seq[n - 2], seq[n - 1]);
    (alternating && (n..seq.len()).all(|k| rhymes(seq[k - 2], seq[k]))).then_some(tail)
}

/// Most lines of a [`poem_tail`].
const MAX_POEM_TAIL: usize = 6;

/// Fewest verse lines of a poem under its intro ([`closing_poems`], [`trailing_verse`]).
const MIN_INTRODUCED_VERSES: usize = 4;

/// A line introducing quoted verses with a colon (`الأبيات للمعتمد بن عبّاد:`, a poet's name
/// `مفرح الشقيقي:`): plain text of at most [`MAX_VERSE_INTRO_WORDS`] words, no bullet.
fn verse_intro(l: &LineInfo<'_>) -> bool {
    ends_with_colon(l) && plain_text(&l.f) && !l.f.bullet && l.f.words <= MAX_VERSE_INTRO_WORDS
}

/// Most words of a [`verse_intro`].
const MAX_VERSE_INTRO_WORDS: usize = 8;

/// A verse of a quoted poem ([`verses`], [`closing_anthology`]): a [`verse_line`] printed once,
/// not ending with a colon.
fn quoted_verse(l: &LineInfo<'_>) -> bool {
    verse_line(&l.f) && l.f.occurrences <= 1 && !ends_with_colon(l)
}

/// A line set with its vowels: two or more vowelled letters ([`chars::vowelled_letters`],
/// [`shapes::MIN_VOWELLED_LETTERS`]), where a name or a headline has one at most.
fn vowelled(l: &LineInfo<'_>) -> bool {
    chars::vowelled_letters(l.display) >= shapes::MIN_VOWELLED_LETTERS
}

/// The intro of a list right above line `start` (no higher than `floor`): an intro
/// ([`list_intro`]) over at least [`MIN_LIST_ABOVE_ITEMS`] items of one to ten words (text, no
/// colon at the end), and maybe a second intro right above `start` (`* الطريقة:`). Blank lines
/// are allowed between them, one at a time.
fn list_above(lines: &[LineInfo<'_>], floor: usize, start: usize) -> Option<usize> {
    let above = |j: usize| line_above(lines, floor, j);
    let mut j = start;
    if let Some(k) = above(j) {
        if ends_with_colon(&lines[k]) && lines[k].f.words <= MAX_LIST_HEADING_WORDS {
            j = k;
        }
    }
    let mut items = 0;
    while let Some(k) = above(j) {
        let l = &lines[k];
        if list_intro(l) {
            return (items >= MIN_LIST_ABOVE_ITEMS).then_some(k);
        }
        let item = (1..=10).contains(&l.f.words)
            && list_text(&l.f, true)
            && !ends_with_colon(l)
            && !l.f.good_sentence_only();
        if !item {
            return None;
        }
        items += 1;
        j = k;
    }
    None
}

/// The nearest non-blank line above line `j`, no higher than `floor`, with at most one blank
/// line between them.
fn line_above(lines: &[LineInfo<'_>], floor: usize, j: usize) -> Option<usize> {
    (floor..j).rev().take(2).find(|&k| !lines[k].blank)
}

/// Fewest items of a [`list_above`].
const MIN_LIST_ABOVE_ITEMS: usize = 3;

/// A list's intro: a heading of at most [`MAX_LIST_HEADING_WORDS`] words ending with a colon
/// (`* المقادير:`), or such a heading with a note in parentheses after the colon
/// (`المقادير: (تكفي لـ3 أفراد)`).
fn list_intro(l: &LineInfo<'_>) -> bool {
    let t = l.display.trim();
    if l.f.related_header || l.f.ui || l.f.date {
        return false;
    }
    if ends_with_colon(l) {
        return l.f.words <= MAX_LIST_HEADING_WORDS;
    }
    let Some((head, note)) = t.split_once(':') else {
        return false;
    };
    let note = note.trim();
    head.split_whitespace().count() <= 2
        && note.starts_with('(')
        && note.ends_with(')')
        && l.f.words <= MAX_PARENTHESIZED_HEADING_WORDS
}

/// Columns of sayings standing on their own outside every article run and poem (`همسات`: a
/// page of one-line aphorisms, `الفراغ هو الأكثر عدائية للإنسان.`): blocks of at least
/// [`MIN_SAYINGS`] lines in a row (one blank line allowed between them), each a [`saying`].
/// The longer sayings seed runs too short to be articles, the others none, and, short, each
/// was dropped as page furniture. A block of teasers alternates headlines, which end like no
/// sentence, with their summaries; comments carry their writers' names and dates between them.
/// Each block is a run of its own, an article body however short its lines, as a poem is.
fn standalone_sayings(lines: &[LineInfo<'_>], runs: &[Run], poems: &[Run]) -> Vec<Run> {
    let taken = runs.iter().filter(|r| is_article_run(r)).chain(poems);
    blocks_outside(lines, taken, saying)
        .iter()
        .filter(|block| block.len() >= MIN_SAYINGS)
        .filter_map(|block| poem_run(lines, block))
        .collect()
}

/// The blocks of lines that `accept` takes, in a row (one blank line allowed between them),
/// outside the runs `taken`.
fn blocks_outside<'r>(
    lines: &[LineInfo<'_>],
    taken: impl Iterator<Item = &'r Run>,
    accept: impl Fn(&LineInfo<'_>) -> bool,
) -> Vec<Vec<usize>> {
    let mut taken: Vec<(usize, usize)> = taken.map(|r| (r.start, r.end)).collect();
    taken.sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    let mut t = 0;
    while i < lines.len() {
        while t < taken.len() && taken[t].1 <= i {
            t += 1;
        }
        if let Some(&(start, end)) = taken.get(t) {
            if start <= i {
                i = end;
                continue;
            }
        }
        let limit = taken.get(t).map_or(lines.len(), |&(start, _)| start);
        if lines[i].blank || !accept(&lines[i]) {
            i += 1;
            continue;
        }
        let block = lines_under(lines, i, limit, |_, l| accept(l));
        i = block.last().map_or(i, |&j| j) + 1;
        if !block.is_empty() {
            out.push(block);
        }
    }
    out
}

/// Free verse and short prose lines (a column of `خواطر`: `كنت ذات يوم هنا...`, `أرقب عقارب
/// الساعة تسير عكس اتجاه القطب`, `اشتقت لدعواتك..`): blocks of at least [`MIN_FREE_VERSE`]
/// short text lines in a row (section numbers on lines of their own, `«2»`, between them) outside
/// every article run, poem and column of sayings, closing on
/// punctuation (`..`, `...` and `،` too) one line in four when they are four in five of the
/// text lines of a page that has no article run (the page is the poem: a page with no article
/// keeps its text lines anyway, and a part of it made an article would leave the rest out), or
/// three in five glued right over an article run (no blank line between: the column's opening
/// lines). Teasers stand under a header, apart from the text, and alternate with their
/// metadata.
fn free_verse(lines: &[LineInfo<'_>], runs: &[Run], poems: &[Run], sayings: &[Run]) -> Vec<Run> {
    let articles: Vec<&Run> = runs.iter().filter(|r| is_article_run(r)).collect();
    let line = |l: &LineInfo<'_>| {
        (plain_text(&l.f) || (l.f.label && l.f.words >= 4 && !l.f.ui && !l.f.date))
            && !l.f.bullet
            // (a refrain comes back: `رؤى...`; four printings or more are a menu's)
            && l.f.occurrences <= 3
            && (1..=25).contains(&l.f.words)
    };
    let closes = |l: &LineInfo<'_>| {
        l.display
            .trim_end()
            .ends_with(['.', '…', '!', '؟', '?', '،', ','])
    };
    let text_lines = lines.iter().filter(|l| !l.blank).count();
    // Lines in twenty that close on punctuation: alone on the page, one in four (free verse
    // leaves most lines open, `أبني لك كل لحظة` over `قصور تحاكي القمم..`; and the page is the
    // poem: a page with no article keeps its text lines anyway, a block of it made an article
    // would leave the rest out); glued over an article run, three in five.
    let share = if articles.is_empty() { 5 } else { 12 };
    let taken = articles.iter().copied().chain(poems).chain(sayings);
    // Sections numbered on lines of their own (`«2»`) go on with the block; its edges are text.
    let mut blocks = blocks_outside(lines, taken, |l| line(l) || section_number(l.display));
    for block in &mut blocks {
        trim_section_numbers(lines, block);
    }
    blocks
        .iter()
        .filter(|block| {
            let last = block.last().copied().unwrap_or(0);
            let punctuated = block.iter().filter(|&&j| closes(&lines[j])).count();
            let glued = articles.iter().any(|r| r.start == last + 1);
            let whole = articles.is_empty() && block.len() * 5 >= text_lines * 4;
            block.len() >= MIN_FREE_VERSE
                && punctuated * 20 >= block.len() * share
                && (whole || glued)
        })
        .filter_map(|block| poem_run(lines, block))
        .collect()
}

/// Lines of a block of [`free_verse`].
const MIN_FREE_VERSE: usize = 10;

/// Lines of a column of [`standalone_sayings`].
const MIN_SAYINGS: usize = 8;

/// A saying: one plain sentence on its own line, 3 to 40 words, ending like a sentence, printed
/// once, neither a bullet nor an intro ending with a colon.
fn saying(l: &LineInfo<'_>) -> bool {
    plain_text(&l.f)
        && !l.f.bullet
        && l.f.occurrences <= 1
        && (3..=40).contains(&l.f.words)
        && ends_like_sentence(l)
}

/// A [`standalone_poems`] poem right under text (a short intro, `كتبه … ويقول :`, or the
/// stanza above it) goes on from it: the runs are joined, with the plain lines between them
/// (at most [`MAX_BRIDGE`], e.g. the verse the intro quotes). The intro alone is too short to
/// be an article, and would be left out above the poem. Between two poems, shorter stanzas
/// and their poets' signatures (`عبدالكريم النغيمشي - لوذة`, a page of readers' poems) join
/// too: a verse over a signature is no headline stamped by a byline.
fn join_poems_to_text_above(lines: &[LineInfo<'_>], runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for r in runs {
        let joins = |p: &&mut Run| {
            r.poem
                && (plain_gap(lines, p.end, r.start)
                    || (p.poem && stanzas_gap(lines, p.end, r.start)))
        };
        if let Some(p) = out.last_mut().filter(joins) {
            p.body
                .extend((p.end..r.start).filter(|&j| !lines[j].blank && plain_text(&lines[j].f)));
            p.body.extend(r.body);
            p.end = r.end;
            p.good_chars += r.good_chars;
            p.good_lines += r.good_lines;
            p.poem = true;
            continue;
        }
        out.push(r);
    }
    out
}

/// Only verses and poets' signatures (a byline of at most [`MAX_SIGNATURE_WORDS`] words)
/// between `from` and `to`.
fn stanzas_gap(lines: &[LineInfo<'_>], from: usize, to: usize) -> bool {
    lines[from..to]
        .iter()
        .all(|l| l.blank || verse_line(&l.f) || (l.f.byline && l.f.words <= MAX_SIGNATURE_WORDS))
}

/// Most words of a poet's signature under a stanza (`name - town`).
const MAX_SIGNATURE_WORDS: usize = 6;

/// At most [`MAX_BRIDGE`] lines between `from` and `to`, each plain text that a run bridges.
fn plain_gap(lines: &[LineInfo<'_>], from: usize, to: usize) -> bool {
    let mut gap = lines[from..to].iter().filter(|l| !l.blank);
    gap.clone().count() <= MAX_BRIDGE
        && gap.all(|l| plain_text(&l.f) && bridgeable(&l.f) && !l.f.bullet)
}

/// Fewest verses of a poem that stands on its own: no text around it to bridge it into, so only
/// its rhyme tells it from a list of teaser titles, and a short list may rhyme by chance.
const MIN_POEM_VERSES: usize = 8;

/// The run of a poem's lines `body` (in order, not empty).
fn poem_run(lines: &[LineInfo<'_>], body: &[usize]) -> Option<Run> {
    let (&first, &last) = (body.first()?, body.last()?);
    Some(Run {
        start: first,
        end: last + 1,
        body: body.to_vec(),
        good_chars: body.iter().map(|&j| lines[j].f.chars).sum(),
        good_lines: body.len(),
        poem: true,
        lists: Vec::new(),
    })
}

/// The rhyme letter most of a poem's lines `body` end on.
fn dominant_rhyme(lines: &[LineInfo<'_>], body: &[usize]) -> Option<char> {
    let ends: Vec<Rhyme> = body.iter().filter_map(|&j| rhyme(&lines[j])).collect();
    ends.iter()
        .flat_map(|r| std::iter::once(r.0).chain(r.1))
        .max_by_key(|&c| (shares(&ends, c), std::cmp::Reverse(c)))
}

/// Poems standing on their own outside every run (a poetry page: a title, then a qasida one
/// hemistich a line): blocks of at least [`MIN_POEM_VERSES`] short plain lines (one blank line
/// allowed between them) that rhyme ([`verse_rhyme`], [`Strictness::Alone`]). A verse may be
/// printed twice: a poem may close on its opening verse again, which then reads as no headline.
/// A block that does not rhyme as a whole (a page of readers' short poems, each signed and set
/// apart by a blank line) is tried stanza by stanza; a stanza that is a poem takes in the
/// stanzas around it that keep its rhyme letter. Each poem is a run of its own.
fn standalone_poems(lines: &[LineInfo<'_>], runs: &[Run]) -> Vec<Run> {
    let verse = |_: usize, l: &LineInfo<'_>| {
        verse_line(&l.f) && l.f.occurrences <= 2 && !ends_with_colon(l)
    };
    let poem = |block: &[usize]| {
        let (&first, &last) = (block.first()?, block.last()?);
        let rhymes = verse_rhyme(lines, first, last + 1, Strictness::Alone);
        if block.len() >= MIN_POEM_VERSES && rhymes {
            poem_run(lines, block)
        } else {
            None
        }
    };
    let mut out = Vec::new();
    let mut from = 0;
    for k in 0..=runs.len() {
        let limit = runs.get(k).map_or(lines.len(), |r| r.start);
        let mut i = from;
        while i < limit {
            if lines[i].blank || !verse(i, &lines[i]) {
                i += 1;
                continue;
            }
            let block = lines_under(lines, i, limit, verse);
            let whole = (block.len() >= MIN_POEM_VERSES)
                .then(|| poem(&block))
                .flatten();
            if whole.is_none() {
                if let Some(r) = vowelled_poem(lines, from, i, limit, verse) {
                    i = r.end;
                    out.push(r);
                    continue;
                }
            }
            i = block.last().map_or(i, |&j| j) + 1;
            if let Some(r) = whole {
                out.push(r);
                continue;
            }
            if block.len() < MIN_POEM_VERSES {
                continue;
            }
            // Stanzas: the lines between blank lines. A stanza that rhymes strictly is a poem,
            // and vouches for the stanzas around it that keep its rhyme on their lines (two in
            // five: every second line, with a hemistich a scraper split in two): a poem whose
            // opening stanza's rhyme a split line broke is one poem, not a stanza under a verse
            // taken for its headline.
            let stanzas: Vec<&[usize]> = block.chunk_by(|&a, &b| b == a + 1).collect();
            let mut floor = 0;
            let mut s = 0;
            while s < stanzas.len() {
                let Some(r) = poem(stanzas[s]) else {
                    s += 1;
                    continue;
                };
                let Some(key) = dominant_rhyme(lines, &r.body) else {
                    s += 1;
                    continue;
                };
                let keeps = |st: &[usize]| {
                    let ends: Vec<Rhyme> = st.iter().filter_map(|&j| rhyme(&lines[j])).collect();
                    ends.len() >= 2 && shares(&ends, key) * 5 >= ends.len() * 2
                };
                let (mut lo, mut hi) = (s, s);
                while lo > floor && keeps(stanzas[lo - 1]) {
                    lo -= 1;
                }
                while hi + 1 < stanzas.len() && keeps(stanzas[hi + 1]) {
                    hi += 1;
                }
                if lo == hi {
                    out.push(r);
                } else {
                    let body: Vec<usize> = stanzas[lo..=hi].concat();
                    out.extend(poem_run(lines, &body));
                }
                s = hi + 1;
                floor = s;
            }
        }
        from = runs.get(k).map_or(lines.len(), |r| r.end);
    }
    out
}

/// A poem set with its vowels (`نحنُ البلادُ ونخلُها..` over `والنخلُ في صمْتٍ يُحِبّ.`), maybe
/// in numbered sections (`2 -`, `3 -` on lines of their own): from line `from` (a verse line
/// by `verse`), the verse lines, section numbers and vowelled words alone on their lines
/// ([`vowelled_word`], also right above `from`, down to `floor`) in a row (one blank line, or
/// a divider between stanzas such as `**`, allowed between them), when at least
/// [`MIN_POEM_VERSES`] are verses and two in three of these have two or more vowelled letters
/// ([`chars::vowelled_letters`]). Free verse need not rhyme, and its fragments are too short to
/// rhyme as a whole; but teaser titles are never set with vowels, so the vowels alone tell the
/// poem. It ends on its last vowelled verse and the lines glued under it up to the last with a
/// vowel; a headline without vowels set apart over it by a blank line stays out (the title), a
/// line glued over it with no vowel and no punctuation too (its poet), and so do section
/// numbers at its edges.
fn vowelled_poem(
    lines: &[LineInfo<'_>],
    floor: usize,
    from: usize,
    limit: usize,
    verse: impl Fn(usize, &LineInfo<'_>) -> bool,
) -> Option<Run> {
    let mut block = lines_under(lines, from, limit, |j, l| {
        verse(j, l) || section_number(l.display) || vowelled_word(l)
    });
    // (a word the poem opens with, on its line: `نَم..` over `دون حدّكَ ساهرونَ كِرامُ`)
    if let Some(&first) = block.first() {
        let above = (floor..first)
            .rev()
            .take_while(|&j| vowelled_word(&lines[j]))
            .count();
        block.splice(0..0, first - above..first);
    }
    // A headline set apart over the poem (no vowels, a blank line under it) stays above it,
    // for the title.
    if let [first, second, ..] = block[..] {
        if second > first + 1 && !vowelled(&lines[first]) {
            block.remove(0);
        }
    }
    // Glued over it, a name of a few words with no vowel and no punctuation is its poet's
    // (`حسن آل خيرات` over `نَم..`); a verse calling out (`يا أيها الوطن العظيم`) is no name.
    if block.first().is_some_and(|&j| {
        let d = lines[j].display.trim();
        lines[j].f.words <= MAX_POET_NAME_WORDS
            && chars::vowelled_letters(d) == 0
            && !d.starts_with("يا ")
            && !d.ends_with(|c: char| c.is_ascii_punctuation() || "،؛؟…".contains(c))
    }) {
        block.remove(0);
    }
    // The poem ends on its last vowelled verse: unvowelled short lines under it (teaser titles
    // one blank line down) are not its. (Section numbers carry no vowels: the ones under it go
    // too.)
    let core = block
        .iter()
        .rposition(|&j| vowelled(&lines[j]))
        .map_or(0, |k| k + 1);
    // Its last lines may each carry one vowelled letter or none (`جاز لك المنام` over `وفي عيون
    // المخلصين` over `حرامُ .`): the lines glued under the last vowelled verse, up to the last
    // one with a vowel, close it. They do not count for the vowelling.
    // (Short lines only, and no more than two in a row without a vowel: teaser titles glued
    // under a poem are longer; a shadda alone, `يدشّن`, is no vowel.)
    let last_vowelled = core.checked_sub(1).map(|k| block[k]);
    let mut end = core;
    let mut bare = 0;
    for k in core..block.len() {
        let l = &lines[block[k]];
        if k == 0 || block[k] != block[k - 1] + 1 || l.f.words > MAX_CLOSING_VERSE_WORDS {
            break;
        }
        if chars::vowel_marks(l.display) >= 1 {
            end = k + 1;
            bare = 0;
        } else {
            bare += 1;
            if bare > 2 {
                break;
            }
        }
    }
    block.truncate(end);
    trim_section_numbers(lines, &mut block);
    // Words alone on their lines are counted neither way: one vowelled letter is all a word
    // has room for (`غرامُ`).
    let verses: Vec<usize> = block
        .iter()
        .copied()
        .filter(|&j| last_vowelled.is_some_and(|v| j <= v) && verse(j, &lines[j]))
        .collect();
    let set = verses.iter().filter(|&&j| vowelled(&lines[j])).count();
    (verses.len() >= MIN_POEM_VERSES && set * 3 >= verses.len() * 2)
        .then(|| poem_run(lines, &block))
        .flatten()
}

/// Most words of a line glued under a [`vowelled_poem`]'s last vowelled verse that closes it.
const MAX_CLOSING_VERSE_WORDS: usize = 4;

/// Most words of a poet's name glued over a [`vowelled_poem`].
const MAX_POET_NAME_WORDS: usize = 3;

/// One word on its line, set with a vowel (`بنادقٌ`, `وسلامُ`): free verse breaking its line
/// before the rhyme word. No widget or label is vowelled.
fn vowelled_word(l: &LineInfo<'_>) -> bool {
    l.f.words == 1
        && l.f.digits == 0
        && l.f.letters >= 2
        && l.f.occurrences <= 1
        && chars::vowel_marks(l.display) >= 1
}

/// Drops the section numbers at the edges of a block of lines (a poem's, free verse's).
fn trim_section_numbers(lines: &[LineInfo<'_>], block: &mut Vec<usize>) {
    while block
        .last()
        .is_some_and(|&j| section_number(lines[j].display))
    {
        block.pop();
    }
    let numbers = block
        .iter()
        .take_while(|&&j| section_number(lines[j].display))
        .count();
    block.drain(..numbers);
}

/// A section number on a line of its own (`2 -`, `3.`, `(4)`, `«5»`, `٥`): one to three digits,
/// maybe in parentheses or guillemets, or followed by `-`, `.` or `)`.
fn section_number(display: &str) -> bool {
    let t = display.trim();
    let t = [('(', ')'), ('«', '»')]
        .iter()
        .find_map(|&(open, close)| t.strip_prefix(open).and_then(|x| x.strip_suffix(close)))
        .unwrap_or(t);
    let t = t.trim_end_matches(['-', '.', ')', ' ']).trim_end();
    (1..=3).contains(&t.chars().count())
        && t.chars()
            .all(|c| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c))
}

/// A line that says one thing again and again (`check out X on facebook check out X on
/// twitter check out X on …`, a row of icon links a text browser printed by their labels): it
/// is segments of at most [`MAX_REPEATED_SEGMENT_WORDS`] words on average, each opening with the
/// line's first three words, three or more of them. Such a line seeds no run, however long;
/// running text repeats a phrase for effect (`شلت يد الغدر الآثمة …`) with a paragraph between.
fn self_repeating(display: &str, f: &Features) -> bool {
    // A row of labels has no sentence marks (and most running text has some).
    if f.sentence_punct > 0 {
        return false;
    }
    let t = display.trim_start();
    let Some((end, _)) = t.match_indices(' ').nth(2) else {
        return false;
    };
    let head = &t[..end];
    if head.len() < 8 {
        return false;
    }
    let (b, h) = (t.as_bytes(), head.as_bytes());
    // The word starts after the head where it may come back.
    let starts = || memchr::memchr_iter(b' ', &b[end..]).map(|k| end + k + 1);
    // Cheap first: the head comes back within the next two segments' words, or the line is
    // running text (nearly every line asked).
    if !starts()
        .take(2 * MAX_REPEATED_SEGMENT_WORDS)
        .any(|k| b[k..].starts_with(h))
    {
        return false;
    }
    // Segments the line's words need: at least three, and one per (at most) eight words.
    let need = f.words.div_ceil(MAX_REPEATED_SEGMENT_WORDS).max(3);
    1 + starts().filter(|&k| b[k..].starts_with(h)).count() >= need
}

/// Longest average segment of a [`self_repeating`] line, in words.
const MAX_REPEATED_SEGMENT_WORDS: usize = 8;

impl Run {
    /// Adds the lines that open the run (an intro, an epigraph, a list above it), in order.
    fn open_with(&mut self, items: Vec<usize>) {
        if let Some(&first) = items.first() {
            self.start = first;
        }
        self.body.splice(0..0, items);
    }

    /// Adds the lines that close the run (a list, a poem, sentences under it), in order.
    fn close_with(&mut self, items: Vec<usize>) {
        if let Some(&last) = items.last() {
            self.end = last + 1;
        }
        self.body.extend(items);
    }
}

/// Whether the page's text ends above line `from`: no run starts under it (`limit` is the
/// page's end) and the lines from `from` on are blank or the site's template lines (a
/// columnist's sign-off and e-mail under the last words: `diana@asharqalawsat.com`).
fn page_ends(lines: &[LineInfo<'_>], from: usize, limit: usize) -> bool {
    limit == lines.len()
        && lines
            .get(from..)
            .is_some_and(|rest| rest.iter().all(|l| l.blank || l.template))
}

/// The line ends with a colon, maybe followed by a dash (`وفي قصيدة أخرى قال :-`).
fn ends_with_colon(l: &LineInfo<'_>) -> bool {
    colon_ended(l.display)
}

/// `display` ends with a colon, maybe followed by a dash ([`ends_with_colon`]).
pub(crate) fn colon_ended(display: &str) -> bool {
    let d = display.trim_end();
    d.ends_with(':') || d.ends_with(":-")
}

/// A poem closing the body (`ونختار من أشعار هذا الديوان قصيدة …:` and its verses, one hemistich
/// a line): the short lines right under the body (one blank line allowed before and between
/// them), when they rhyme ([`is_verse`]). Four verses are enough after a line that introduces
/// them with a colon; without one, eight, since a list of teaser titles may rhyme by chance.
fn trailing_verse(
    lines: &[LineInfo<'_>],
    from: usize,
    limit: usize,
    introduced: bool,
) -> Option<Vec<usize>> {
    let out = lines_under(lines, from, limit, |_, l| {
        verse_line(&l.f) && l.f.sentence_punct == 0 && !ends_with_colon(l)
    });
    let need = if introduced { MIN_INTRODUCED_VERSES } else { 8 };
    let end = out.last().map_or(from, |&j| j + 1);
    (out.len() >= need && is_verse(lines, from, end)).then_some(out)
}

/// Short sentences closing the body (`آمل التكرم بنشر هذا الإيضاح.`, a list of figures each
/// ending with a full stop): the lines right under it (one blank line allowed before and
/// between them) that read as text and end like a sentence. Teaser titles, captions, credits
/// and sign-offs do not end with a full stop.
fn trailing_sentences(lines: &[LineInfo<'_>], from: usize, limit: usize) -> Option<Vec<usize>> {
    let sentence = |l: &LineInfo<'_>| l.f.words >= 3 && ends_like_sentence(l) && list_item(l);
    let out = lines_under(lines, from, limit, |j, l| {
        sentence(l) || wrapped_sentence(lines, j, limit, sentence)
    });
    (!out.is_empty()).then_some(out)
}

/// The last line of the page, right under the body (no blank line between), when it goes on
/// with the story though it lacks its full stop (`وعملت الحملة أيضا مع الاتحاد الدولي للنقابات
/// ومنظمة الشفافية الدولية بشأن قضايا ذات صلة بالفيفا`): plain text of at least
/// [`MIN_CLOSING_WORDS`] words opening with the conjunction `و` or `ف`, as the story's
/// sentences do. An author's title, a credit or a caption under a story is shorter and opens
/// with a noun (`أستاذ العلوم السياسية …`, `* خدمة «واشنطن بوست» …`).
fn closing_sentence(lines: &[LineInfo<'_>], from: usize, limit: usize) -> Option<usize> {
    let l = lines.get(from)?;
    let last = page_ends(lines, from + 1, limit);
    (last
        && !l.blank
        && l.f.words >= MIN_CLOSING_WORDS
        && plain_text(&l.f)
        && !l.f.bullet
        && list_text(&l.f, true)
        && l.display.starts_with(['و', 'ف']))
    .then_some(from)
}

/// Fewest words of a [`closing_sentence`].
const MIN_CLOSING_WORDS: usize = 12;

/// The last words of a column trailing off in points under its last paragraph (`نعم، بهذا الفكر
/// وهذا التعليم قامت نهضة اليابان...`, `فلنكن عوناً لقيادتنا لننقذ وطننا قبل فوات الاوان..`):
/// the lines right under run `r` up to the end of the page, at most [`MAX_CLOSING_POINTS`] of
/// them (more, and none is taken), each plain text of three words or more ending with points
/// (`..`, `...`, `!!`, `،،`). They are spaced as the body's last two lines are: right under it,
/// or one blank line down when the body's paragraphs have a blank line between them. A teaser
/// title cut short with points has more page under it (the rest of its block), a comment stands
/// apart from the text, and a writer's title or a caption under a column ends with no points.
fn closing_points(lines: &[LineInfo<'_>], r: &Run, limit: usize) -> Option<Vec<usize>> {
    let from = r.end;
    let spaced = matches!(r.body[..], [.., a, b] if b > a + 1);
    let out = lines_under_gaps(lines, from, limit, usize::from(spaced), |_, l| {
        plain_text(&l.f)
            && !l.f.bullet
            && l.f.words >= 3
            && list_text(&l.f, true)
            && ["..", "!!", "،،"]
                .iter()
                .any(|p| l.display.trim_end().ends_with(p))
    });
    let end = out.last().map_or(from, |&j| j + 1);
    let last = page_ends(lines, end, limit);
    (last && !out.is_empty() && out.len() <= MAX_CLOSING_POINTS).then_some(out)
}

/// Most lines of [`closing_points`].
const MAX_CLOSING_POINTS: usize = 2;

/// A column's closing box under its last paragraph: a one-word label (`وتر`, `وقفة`) over
/// short lines of prose poetry or sayings (`سلام لعدن..` over `مدينة البحر ولؤلؤة العرب` and
/// eleven more; `هناك اناس يصنعون الأحداث..` and two more), or the sayings alone (`إذا هزمت في
/// الملعب.. فلا تخسر خارجه..`, too many for [`closing_points`]). The lines run in a row up to
/// the end of the page, spaced as the body's last two lines are, the last one trailing off; at
/// least [`MIN_CODA_LINES`] of them (two under a label: `قفلة` over `كل عيد.. والمدرب عن منتخبنا
/// بعيد..!!`), each plain text of at most [`MAX_CODA_WORDS`] words, and more than half of them,
/// two at least, trail off in two points (`..`, maybe under `!!` or `؟`). Without a label, most
/// of them also pause on two points inside the line, as sayings do. A teaser cut short ends on
/// three points or `…`; readers' comments trailing off have no pause inside, and their header
/// (`التعليقات:`, `آراء القراء`) is no one-word label.
fn closing_coda(lines: &[LineInfo<'_>], r: &Run, limit: usize) -> Option<Vec<usize>> {
    let spaced = matches!(r.body[..], [.., a, b] if b > a + 1);
    let out = lines_under_gaps(lines, r.end, limit, usize::from(spaced), |_, l| {
        plain_text(&l.f)
            && !l.f.bullet
            && !l.template
            && list_text(&l.f, true)
            && (1..=MAX_CODA_WORDS).contains(&l.f.words)
    });
    let trails = |j: &&usize| {
        let d = lines[**j].display.trim_end();
        two_points(d.trim_end_matches(['!', '؟', '?']))
    };
    let end = out.last().map_or(r.end, |&j| j + 1);
    if !out.last().is_some_and(|j| trails(&j)) || !page_ends(lines, end, limit) {
        return None;
    }
    // (the label: one word, no punctuation)
    let labelled = out.first().is_some_and(|&j| {
        let l = &lines[j];
        l.f.words == 1 && l.f.sentence_punct == 0 && !l.f.terminal && !ends_with_colon(l)
    });
    let sayings = &out[usize::from(labelled)..];
    let pointed = sayings.iter().filter(trails).count();
    // (a pause on two points inside the line: `إذا هزمت في الملعب.. فلا تخسر خارجه..`)
    let paused = sayings
        .iter()
        .filter(|&&j| {
            let d = lines[j].display.trim_end();
            d.trim_end_matches(['.', '!', '؟', '?', ' ']).contains("..")
        })
        .count();
    let need = if labelled { 2 } else { MIN_CODA_LINES };
    (sayings.len() >= need
        && pointed >= 2
        && pointed * 2 > sayings.len()
        && (labelled || paused * 2 > sayings.len()))
    .then_some(out)
}

/// `text` ends on exactly two points (`..`, not the three of a line cut short).
fn two_points(text: &str) -> bool {
    text.ends_with("..") && !text.ends_with("...")
}

/// Fewest lines of a [`closing_coda`] without a label (two under one).
const MIN_CODA_LINES: usize = 3;

/// Most words of a line of a [`closing_coda`].
const MAX_CODA_WORDS: usize = 12;

/// Line `j` starts or continues a sentence a text browser wrapped: full-width lines of text,
/// one under the other, then the sentence's end (a line `end` accepts) right under the last.
fn wrapped_sentence(
    lines: &[LineInfo<'_>],
    j: usize,
    limit: usize,
    end: impl Fn(&LineInfo<'_>) -> bool,
) -> bool {
    let wrapped_line =
        |l: &LineInfo<'_>| !l.blank && full_width(&l.f) && l.f.pipes == 0 && list_text(&l.f, true);
    let Some(k) = (j..limit).find(|&k| !wrapped_line(&lines[k])) else {
        return false;
    };
    k > j && !lines[k].blank && end(&lines[k])
}

/// The lines from `from` on (before `limit`) that `accept` takes, in a row; one blank line is
/// allowed before and between them.
fn lines_under(
    lines: &[LineInfo<'_>],
    from: usize,
    limit: usize,
    accept: impl Fn(usize, &LineInfo<'_>) -> bool,
) -> Vec<usize> {
    lines_under_gaps(lines, from, limit, 1, accept)
}

/// [`lines_under`], with at most `max_blanks` blank lines before and between the lines.
fn lines_under_gaps(
    lines: &[LineInfo<'_>],
    from: usize,
    limit: usize,
    max_blanks: usize,
    accept: impl Fn(usize, &LineInfo<'_>) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut blanks = 0;
    for (j, l) in lines.iter().enumerate().take(limit).skip(from) {
        if l.blank {
            blanks += 1;
            if blanks > max_blanks {
                break;
            }
            continue;
        }
        blanks = 0;
        if !accept(j, l) {
            break;
        }
        out.push(j);
    }
    out
}

/// Ends with a full stop, `!` or a question mark, not with `..` (which cuts a headline or a
/// teaser short).
fn ends_like_sentence(l: &LineInfo<'_>) -> bool {
    let t = l.display.trim_end();
    t.ends_with(['.', '؛', '!', '؟', '?']) && !t.ends_with("..")
}

/// A line that can be a verse or a hemistich of a quoted poem: short plain text, no bullet. A
/// verse may close on a word in parentheses (`صلت عليك مع (الظهر)`) that the features read as
/// an unknown name credited under a caption: one word, no credit we know.
fn verse_line(f: &Features) -> bool {
    plain_text_but_credit(f)
        && f.credit
            .as_ref()
            .map_or(true, |c| !c.known && chars::count_words(&c.credit) == 1)
        && !f.bullet
        && (2..=14).contains(&f.words)
}

/// A list the body introduces: the next line (one blank line allowed) ends with a colon and reads
/// as text (`وبينت الجامعة أن الكليات هي :`), and short text items follow it (blank lines allowed
/// between them) up to the first line that is not one. Returns the intro and the items, or
/// `None` when there is no such list (an intro needs at least one item).
///
/// Further down (up to [`MAX_LIST_INTRO_BLANKS`] blank lines, as scrapers print between a
/// story and its tables: `ترتيب اللاعبين العشرة الأوائل:` over `1 - الصربي نوفاك ديوكوفيتش
/// 13755 نقطة` …), the intro needs at least three items numbered in order from 1: a
/// numbered table the text announces, which no teaser block is.
fn trailing_list(lines: &[LineInfo<'_>], from: usize, limit: usize) -> Option<Vec<usize>> {
    let intro = (from..limit.min(from + MAX_LIST_INTRO_BLANKS + 1))
        .find(|&j| lines.get(j).is_some_and(|l| !l.blank))?;
    let l = &lines[intro];
    if !ends_with_colon(l) || l.f.words < 3 || !list_text(&l.f, false) {
        return None;
    }
    let items = list_items(lines, intro + 1, limit, false);
    let near = intro <= from + 1;
    if items.is_empty() || !(near || numbered_in_order(lines, &items)) {
        return None;
    }
    let mut out = vec![intro];
    out.extend(items);
    Some(out)
}

/// Fewest items under a run's closing intro that make a list of its text.
const MIN_INTRO_ITEMS: usize = 3;

/// Most blank lines between a body and the intro of a numbered list under it.
const MAX_LIST_INTRO_BLANKS: usize = 3;

/// At least three items, numbered 1, 2, 3 … in order (`1 - …`, `2. …`, `3) …`, `4- …`).
fn numbered_in_order(lines: &[LineInfo<'_>], items: &[usize]) -> bool {
    items.len() >= 3
        && items
            .iter()
            .enumerate()
            .all(|(k, &j)| item_number(lines[j].display) == Some(k + 1))
}

/// The middle of a numbered list of the text between two runs of one article (`from..to`):
/// the numbered lines closing the gap (`2. احمرار بالوجه`, `3. عسر الهضم`, `4. احتقان الأنف`,
/// maybe under the list's heading), numbered one after the other, which the text's last line
/// above numbers one less or its next line below one more (`1. صداع` … `5. بعض مشاكل الرؤية
/// المؤقتة …`). Short, the items read as a most-read block's numbered headlines; one numbering
/// through the text says they are not. Empty when there is no such list.
fn numbered_between(lines: &[LineInfo<'_>], from: usize, to: usize) -> Vec<usize> {
    let gap: Vec<usize> = (from..to).filter(|&j| !lines[j].blank).collect();
    // The numbers of the numbered lines closing the gap, last first.
    let numbers: Vec<usize> = gap
        .iter()
        .rev()
        .map_while(|&j| item_number(lines[j].display))
        .collect();
    let items = &gap[gap.len() - numbers.len()..];
    let (Some(&first), Some(&last), Some(&n)) = (items.first(), items.last(), numbers.last())
    else {
        return Vec::new();
    };
    let in_order = numbers.iter().rev().enumerate().all(|(k, &m)| m == n + k)
        && items.iter().all(|&j| list_text(&lines[j].f, true));
    let number_at = |j: Option<usize>| j.and_then(|j| item_number(lines[j].display));
    let above = number_at((0..first).rev().find(|&j| !lines[j].blank));
    let below = number_at((last + 1..lines.len()).find(|&j| !lines[j].blank));
    if in_order && ((n > 0 && above == Some(n - 1)) || below == Some(n + items.len())) {
        items.to_vec()
    } else {
        Vec::new()
    }
}

/// The number of a numbered item: digits, then `-`, `.` or `)` (a space allowed before it),
/// then a space.
fn item_number(display: &str) -> Option<usize> {
    let end = display.find(|c: char| !c.is_ascii_digit())?;
    let rest = display[end..].strip_prefix(' ').unwrap_or(&display[end..]);
    let rest = rest.strip_prefix(['-', '.', ')'])?;
    (end > 0 && end <= 3 && rest.starts_with(' '))
        .then(|| display[..end].parse().ok())
        .flatten()
}

/// The items of a list going on from `from` up to the first line that is not one (or a new
/// intro). `bulleted`: bulleted lines only, one right under the other (a list going on);
/// otherwise a blank line is allowed between items (a list under its intro).
fn list_items(lines: &[LineInfo<'_>], from: usize, limit: usize, bulleted: bool) -> Vec<usize> {
    lines_under_gaps(lines, from, limit, usize::from(!bulleted), |_, x| {
        x.f.words >= 2 && list_text(&x.f, true) && !ends_with_colon(x) && (x.f.bullet || !bulleted)
    })
}

/// The bulleted items right under a run whose last line `last` is a bulleted item of text
/// (`- مكرر ربحية السوق ينخفض إلى 16.2 مرة.` then `- موبايلي تواصل هبوطها`): the rest of its
/// list, however its items are shaped. A bulleted line after a blank (`* استشارية في
/// «الباطنية»`, the author's title) is not part of it. `None` when the run does not end in a
/// list.
fn trailing_items(
    lines: &[LineInfo<'_>],
    last: usize,
    from: usize,
    limit: usize,
) -> Option<Vec<usize>> {
    let l = &lines[last];
    if !l.f.bullet || !list_text(&l.f, true) {
        return None;
    }
    let out = list_items(lines, from, limit, true);
    (!out.is_empty()).then_some(out)
}

/// A bulleted line between two parts of one body that reads as a list item (`* شبكة الأعصاب
/// والأوعية الدموية.`, `- 3 شرائح من الجبن`), not as a pager or a link (`« السابقة | التالية »`).
fn list_item(l: &LineInfo<'_>) -> bool {
    // A numbered headline (`2. تحرير الرهينة الفرنسية في اليمن`) is a most-read list; an item
    // of text ends like a sentence.
    list_text(&l.f, true)
        && l.f.pipes == 0
        && (ends_like_sentence(l) || !l.f.headline)
        && !l.display.starts_with(['«', '»', '›', '‹', '>', '<'])
}

/// A bulleted line shaped like a headline (no closing stop: `- اثنا عشر عضواً في البلديات من
/// فئة (ج)`, `* ولدت عام 1949`) in a list whose other items mostly close with a full stop, as
/// [`list_item`]s: an item whose stop the writer left out, where a list of headlines has none.
/// The list is the bulleted lines of an item's length ([`MAX_LIST_ABOVE_ITEM_WORDS`] words)
/// around it, one blank line allowed between them (a bulleted paragraph of the text is none);
/// at least [`MIN_SENTENCE_ITEMS`] of the others, and more than half of them, end with `.` or
/// `؛` (a question or an exclamation, `* هل يعود ميسي إلى برشلونة؟`, may be a teaser's).
fn item_among_sentences(lines: &[LineInfo<'_>], j: usize) -> bool {
    let l = &lines[j];
    if !(l.f.bullet && list_text(&l.f, true) && l.f.pipes == 0) {
        return false;
    }
    let item = |x: &LineInfo<'_>| x.f.bullet && x.f.words <= MAX_LIST_ABOVE_ITEM_WORDS;
    let mut list = Vec::new();
    let mut k = j;
    while let Some(a) = line_above(lines, 0, k).filter(|&a| item(&lines[a])) {
        list.push(a);
        k = a;
    }
    list.extend(lines_under(lines, j + 1, lines.len(), |_, x| item(x)));
    let sentences = list
        .iter()
        .filter(|&&k| {
            let t = lines[k].display.trim_end();
            t.ends_with(['.', '؛']) && !t.ends_with("..") && list_item(&lines[k])
        })
        .count();
    sentences >= MIN_SENTENCE_ITEMS && sentences * 2 > list.len()
}

/// Most words of a bulleted line of an [`item_among_sentences`]' list.
const MAX_LIST_ABOVE_ITEM_WORDS: usize = 25;

/// Fewest items ending like sentences in the list of an [`item_among_sentences`].
const MIN_SENTENCE_ITEMS: usize = 2;

/// An intro or item of a list inside a body: text, not furniture, not a teaser or a widget.
/// Items may read `label: value` (`كلية الهندسة: هندسة طبية`). A line printed twice is a
/// teaser's title and its link, unless it is a bulleted item that ends like a sentence: the
/// same ingredient (`- عود قرفة.`) in two recipes of one page.
fn list_text(f: &Features, item: bool) -> bool {
    let repeated = f.occurrences >= 2 && !(item && f.bullet && f.terminal);
    !(f.phrase
        || f.related_header
        || f.ui
        || f.byline
        || f.date
        || f.placeholder
        || f.inline_teaser
        || f.media_caption
        || (f.label && !item)
        || f.pipes >= 2
        || repeated)
        && f.letters * 2 >= f.chars
        && f.chars <= 400
}

/// Furniture printed inside an article's text: an image placeholder, a credited or media
/// caption, a widget, a date.
fn inline_furniture(f: &Features) -> bool {
    f.placeholder || f.credit.is_some() || f.media_caption || f.ui || f.date
}

/// A line of the furniture printed between a headline and its text: [`inline_furniture`], a
/// byline, a boilerplate phrase, a label.
fn header_furniture(f: &Features) -> bool {
    inline_furniture(f) || f.byline || f.phrase || f.label
}

/// A line a text browser filled to its width and wrapped after: the text goes on below.
fn full_width(f: &Features) -> bool {
    f.chars >= FULL_WIDTH_CHARS && !f.terminal
}

/// A run long enough to be an article without a headline: [`UNTITLED_MIN_LINES`] text lines
/// and [`UNTITLED_MIN_CHARS`] characters, with at most one headline-shaped line inside it.
fn untitled_article(lines: &[LineInfo<'_>], wrapped: &[bool], r: &Run) -> bool {
    // A line of a paragraph a text browser wrapped may have a headline's shape: it is text.
    r.good_lines >= UNTITLED_MIN_LINES
        && r.good_chars >= UNTITLED_MIN_CHARS
        && (r.start..r.end)
            .filter(|&j| !lines[j].blank && lines[j].f.headline && !lines[j].f.good && !wrapped[j])
            .count()
            <= 1
}

/// Text lines of an [`untitled_article`].
const UNTITLED_MIN_LINES: usize = 5;
/// Characters of the text lines of an [`untitled_article`].
const UNTITLED_MIN_CHARS: usize = 1500;

fn is_article_run(r: &Run) -> bool {
    r.poem
        || (r.good_lines >= 2 && r.good_chars >= MIN_RUN_CHARS)
        || r.good_chars >= MIN_SINGLE_LINE_CHARS
}

/// The page furniture printed more than once (a share bar, a rule, a comment-form header) that
/// closes a text ending at `from`, as its key id: the first such line among the next three
/// non-blank ones, past a sign-off (`*متخصص بالشأن الاجتماعي`); `None` when text comes first.
fn closing_furniture(lines: &[LineInfo<'_>], from: usize) -> Option<usize> {
    for l in lines[from..].iter().filter(|l| !l.blank).take(3) {
        let furniture = l.f.pipes >= 2 || l.f.ui || l.f.placeholder || l.f.phrase;
        if furniture && l.f.occurrences >= 2 && l.key != 0 {
            return Some(l.kid);
        }
        if l.f.good || l.f.related_header {
            return None;
        }
    }
    None
}

fn next_nonblank(lines: &[LineInfo<'_>], i: usize, limit: usize) -> Option<usize> {
    (i + 1..lines.len().min(limit)).find(|&j| !lines[j].blank)
}

/// The headline of a page that is one text run under one other line (maybe over an agency
/// credit, a byline or a date), whatever that line's shape, when it reads as one: 2–20 words,
/// printed once, mostly Arabic letters, ending on no stop (a question, an exclamation or an
/// ellipsis may end it) and on no comma, colon or semicolon, and no furniture (a menu, a
/// widget, a boilerplate or notice phrase, a date, a byline, a credit, a teaser link, a bar of
/// links). Over a paragraph of news: `وزير التعليم: لا تأجيل للدراسة` (a label's shape: a speaker and a
/// statement, but no field of a form or a list of tags, `الوسوم: الهلال، النصر`) and `الذهب قرب
/// أدنى مستوى منذ 2010` (too short to stand alone as a headline elsewhere). One word (`ظل`, a
/// poem's name; `لوف`, a truncated record) is too little to tell a headline from a label.
fn lone_headline(lines: &[LineInfo<'_>], r: &Run) -> Option<usize> {
    let mut others = (0..lines.len())
        .filter(|&j| !lines[j].blank && !(r.start..r.end).contains(&j) && !sole_tail(lines, r, j));
    let t = others.next()?;
    let l = &lines[t];
    let f = &l.f;
    // (A site's notice, `الصفحة التي تبحث عنها غير موجودة`, is no news under a headline.)
    let notice = || (r.start..r.end).any(|j| lexicon::notice_phrases().contains(lines[j].matching));
    let end = l.display.trim_end();
    let ends_open = end.ends_with(['.', ':', '؛', '،', ',', ';'])
        && !(end.ends_with("..") || end.ends_with('…'));
    (others.next().is_none()
        && t < r.start
        && (2..=20).contains(&f.words)
        && f.occurrences <= 1
        && !ends_open
        && f.arabic * 2 >= f.letters
        && f.letters * 10 >= f.chars * 6
        && f.pipes == 0
        && (!f.label || statement_label(l.display))
        && !(f.bullet
            || f.ui
            || f.phrase
            || f.placeholder
            || f.date
            || f.related_header
            || f.byline
            || f.media_caption
            || f.inline_teaser
            || f.credit.is_some())
        && !lexicon::notice_phrases().contains(l.matching)
        && !notice())
    .then_some(t)
}

/// A line under the only text run of a page that does not make it a page with a short text on
/// it: the text's agency credit (`(واس)`, `المصدر: واس`), byline or date.
fn sole_tail(lines: &[LineInfo<'_>], r: &Run, j: usize) -> bool {
    let l = &lines[j];
    let f = &l.f;
    // (`المصدر: واس` is a byline: `shapes::byline`'s lead words.)
    let agency = || lexicon::agencies().is_exactly(shapes::strip_decor(l.matching));
    j >= r.end && f.words <= 6 && (f.credit.is_some() || f.byline || f.date || agency())
}

/// A `head: statement` line that is a headline (a speaker and what they said, `المفتي: عمل
/// إجرامي مشين`), not a field (`القسم: محليات`, `هاتف: 0112345678`, `للتواصل: info@…`) or a
/// list of tags (`الوسوم: الهلال، النصر، الدوري`): two words or more after the colon, mostly
/// letters, no list, under a head that names no field of a form or a page.
fn statement_label(display: &str) -> bool {
    let Some((head, tail)) = display.split_once(':') else {
        return false;
    };
    let letters = tail.chars().filter(|c| c.is_alphabetic()).count();
    let others = tail
        .chars()
        .filter(|c| !c.is_alphabetic() && !c.is_whitespace())
        .count();
    crate::text::chars::count_words(tail) >= 2
        && letters > 2 * others
        && !shapes::is_value_list(tail)
        && !tail.contains('@')
        && !shapes::is_field_name(head)
}

/// Whether line `i` can be a headline at all.
fn title_candidate(l: &LineInfo<'_>) -> bool {
    // Printed four times or more: a widget or a menu, never the headline.
    l.f.occurrences <= 3
        && l.f.headline
        && !l.f.bullet
        && !l.f.label
        && l.f.credit.is_none()
        && !l.f.byline
        && !l.f.good_sentence_only()
        && !shapes::is_tatweel_signature(l.display)
}

/// The line the record's title field names, whatever its shape (`«غازي».. حي لم يمت!!` has
/// too few letters for a headline shape), unless it is furniture.
fn named_title(l: &LineInfo<'_>, cues: &Cues) -> bool {
    cues.names(l)
        && l.f.occurrences <= 3
        && !(l.f.ui || l.f.placeholder || l.f.date || l.f.related_header || l.f.bullet)
}

impl Features {
    /// A headline-shaped line long enough to stand alone (not a wrapped tail of a paragraph).
    fn headline_alone(&self) -> bool {
        self.headline && self.words >= 6 && !self.terminal
    }

    /// A long line ending like a sentence: running text, never a headline.
    fn good_sentence_only(&self) -> bool {
        self.good && self.terminal && self.words > 18
    }
}

fn strong_title(lines: &[LineInfo<'_>], i: usize, limit: usize, cues: &Cues) -> bool {
    let l = &lines[i];
    if cues.names(l) {
        return true;
    }
    let next = next_nonblank(lines, i, limit);
    let prev = (0..i).rev().find(|&j| !lines[j].blank);
    let next_is_self =
        next.is_some_and(|j| lines[j].kid == l.kid) || prev.is_some_and(|j| lines[j].kid == l.kid);
    if next_is_self {
        return false; // printed twice in a row: a caption or an image alt, not a headline
    }
    // Printed again nearby (a headline repeated over the article); a line repeated far away is a
    // menu printed in the header and the footer. Text between the printings sets them apart: a
    // subheading a report uses twice (`الأداء العام للسوق`), or a reader's name and town over
    // each question of a Q&A page (`عبدالله ـ الدمام`), heads no article. So does a printing
    // with a full stop: a formula of the text (`وقد أعد مرسوم ملكي بذلك.` closes each decision
    // of a cabinet statement; one printing without its stop is no headline printed twice).
    if l.f.occurrences >= 2 {
        let lo = i.saturating_sub(NEAR_REPEAT);
        let hi = (i + NEAR_REPEAT).min(lines.len());
        if (lo..hi).any(|j| {
            j != i
                && lines[j].kid == l.kid
                && !shapes::ends_with_full_stop(lines[j].display)
                && !text_between(lines, i, j)
        }) {
            return true;
        }
    }
    stamped(lines, i, limit)
}

/// Whether more than one line of running text (not [`furniture`]) stands between lines `a` and
/// `b`: one is a deck (standfirst) under a headline printed again above the text.
fn text_between(lines: &[LineInfo<'_>], a: usize, b: usize) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    lines[lo + 1..hi]
        .iter()
        .filter(|x| !x.blank && !furniture(&x.f))
        .nth(1)
        .is_some()
}

/// Whether the line right under line `t` (above `limit`) is a byline. Over the first text of a
/// record whose title field names no line, such a line is a kicker or a subheadline over the
/// writer's name (`الرياضي تكشف حقيقة …` over `عبدالكريم الحمد ـ الرياض`, under the title
/// field's `4 أسقطوا سامي`), not the headline: the title field is.
fn over_byline(lines: &[LineInfo<'_>], t: usize, limit: usize) -> bool {
    next_nonblank(lines, t, limit).is_some_and(|k| lines[k].f.byline)
}

/// Followed (within three lines, past widgets) by a date, a byline or a credited caption.
fn stamped(lines: &[LineInfo<'_>], i: usize, limit: usize) -> bool {
    let mut j = i;
    for _ in 0..3 {
        match next_nonblank(lines, j, limit) {
            Some(k) => {
                let f = &lines[k].f;
                if f.byline && qa_signature(lines, k) {
                    // A reader's signature over a question: the line above is the item's
                    // subheading, inside the column.
                    return false;
                }
                if f.date || f.byline || f.credit.is_some() {
                    return true;
                }
                if !(f.ui || f.placeholder || f.label) {
                    return false;
                }
                j = k;
            }
            None => return false,
        }
    }
    false
}

/// A two-word line shaped like a headline (`رابطة منفلتة`, `زيارة مشعل`: opinion columns and
/// features often carry one). Too short for [`Features::headline`], so it heads an article
/// only when [`stamped`] like one: being printed twice is not enough (a site name is).
fn short_title_candidate(l: &LineInfo<'_>) -> bool {
    let f = &l.f;
    f.words == 2
        && f.occurrences <= 3
        && !(f.phrase
            || f.placeholder
            || f.ui
            || f.related_header
            || f.date
            || f.byline
            || f.label
            || f.bullet
            || f.credit.is_some())
        && f.pipes == 0
        && f.letters * 10 >= f.chars * 6
        && !l
            .display
            .trim_end()
            .ends_with(super::features::NOT_HEADLINE_ENDINGS)
}

/// A `speaker: quote` headline (`رئيس النصر: لن يهزمونا`) has the shape of a `label: value`
/// field; it can head an article when a date or byline follows it directly and its head is not
/// a field name (`القسم: محليات`, `الوسوم: …`).
fn label_title_candidate(lines: &[LineInfo<'_>], i: usize, limit: usize) -> bool {
    let l = &lines[i];
    let f = &l.f;
    let field = match l.matching.split_once(':') {
        Some((head, _)) => shapes::is_field_name(head),
        None => true,
    };
    f.label
        && f.headline
        && !field
        && f.occurrences <= 3
        && !f.bullet
        && !f.byline
        && f.credit.is_none()
        && next_nonblank(lines, i, limit).is_some_and(|k| lines[k].f.date || lines[k].f.byline)
}

/// A breaking-news ticker line (`عاجل: …`, `عاجل | …`): printed above the article, never its
/// headline when one stands closer to the body.
fn ticker(l: &LineInfo<'_>) -> bool {
    shapes::strip_decor(l.matching)
        .strip_prefix("عاجل")
        .is_some_and(|rest| rest.trim_start().starts_with([':', '|', '-']))
}

/// A republished column's source under its body: `* نقلاً عن صحيفة «الرياض»` ("quoted from the
/// newspaper …"), `نقلا عن موقع …`.
fn source_credit(l: &LineInfo<'_>) -> bool {
    let m = shapes::strip_decor(l.matching);
    let m = m.trim_start_matches(['*', '-', '•', ' ']);
    l.f.words <= 7 && (m.starts_with("نقلا عن ") || m.starts_with("منقول عن "))
}

/// Lines that may stand between two printings of a headline, or between a headline and a
/// short headline under it: captions, widgets, dates, bylines, labels, short lines.
fn furniture(f: &Features) -> bool {
    f.placeholder
        || f.ui
        || f.date
        || f.byline
        || f.label
        || f.credit.is_some()
        || f.occurrences >= 2
        || f.words < 6
}

/// The earliest printing of headline `i` above it, as long as only [`furniture`] stands
/// between the printings; a preview with its own summary above is a teaser of this article,
/// not its headline.
fn earliest_printing(lines: &[LineInfo<'_>], i: usize, floor: usize) -> usize {
    let mut first = i;
    let mut j = i;
    while j > floor {
        j -= 1;
        let x = &lines[j];
        if x.blank {
            continue;
        }
        if x.kid == lines[i].kid {
            first = j;
            continue;
        }
        if !furniture(&x.f) {
            break;
        }
    }
    first
}

/// Finds the headline of a body starting at `start`, looking no higher than `floor`.
fn find_title(
    lines: &[LineInfo<'_>],
    start: usize,
    floor: usize,
    cues: &Cues,
) -> Option<(usize, bool)> {
    let mut nearest: Option<usize> = None;
    // A stamped two-word or `speaker: quote` headline; a full headline right above it (only
    // furniture between, and not a breaking-news ticker) still wins.
    let mut short: Option<usize> = None;
    let mut seen = 0;
    let mut decks = 0;
    let mut i = start;
    while i > floor {
        i -= 1;
        let l = &lines[i];
        if l.blank {
            continue;
        }
        seen += 1;
        if seen > TITLE_WINDOW {
            break;
        }
        let candidate = title_candidate(l) || named_title(l, cues);
        if candidate && strong_title(lines, i, start, cues) && !(short.is_some() && ticker(l)) {
            return Some((earliest_printing(lines, i, floor), true));
        }
        if short.is_some() {
            if furniture(&l.f) {
                continue;
            }
            break;
        }
        let short_or_label = (short_title_candidate(l) && stamped(lines, i, start))
            || label_title_candidate(lines, i, start);
        if short_or_label && strong_title(lines, i, start, cues) {
            short = Some(earliest_printing(lines, i, floor));
            continue;
        }
        if l.f.good && !candidate {
            // One text line between headline and body is a deck (standfirst); more is someone
            // else's text: stop looking.
            decks += 1;
            if decks > 1 {
                break;
            }
            continue;
        }
        if nearest.is_none() && candidate && l.f.words >= 4 {
            nearest = Some(i);
        }
    }
    short.map(|s| (s, true)).or(nearest.map(|n| (n, false)))
}

/// The title of a [`standalone_poems`] poem with no headline: the short plain line right above
/// it (one blank line allowed between), when there is one (`دمعة الفرقا`).
fn poem_title(lines: &[LineInfo<'_>], r: &Run, floor: usize) -> Option<usize> {
    if !r.poem {
        return None;
    }
    let above = (floor..r.start).rev().take(2).find(|&j| !lines[j].blank)?;
    let l = &lines[above];
    let f = &l.f;
    (plain_text(f)
        && !f.bullet
        && f.pipes == 0
        && f.occurrences <= 2
        && (1..=MAX_POEM_TITLE_WORDS).contains(&f.words)
        && !ends_with_colon(l))
    .then_some(above)
}

/// Most words of a [`poem_title`].
const MAX_POEM_TITLE_WORDS: usize = 6;

/// Classifies every line and returns the labels and the article skeletons.
pub fn classify(lines: &[LineInfo<'_>], cues: &Cues) -> (Vec<Label>, Vec<Skeleton>) {
    let wrapped = wrapped_paragraphs(lines);
    let heads = recurring_heads(lines);
    let mut runs = find_runs(lines, &wrapped, &heads);
    open_with_sentences(lines, &mut runs, cues);
    open_with_item_heading(lines, &mut runs, cues);
    let mut skeletons: Vec<Skeleton> = Vec::new();
    let mut body_lines: Vec<Vec<usize>> = Vec::new();
    let mut prev_end = 0usize;
    // Lines of the lists closing runs too short to be articles: a deck over a list it
    // introduces (`وتتعدد الاسباب للاصابة به منها:` over `العوامل الوراثية.` …), above the
    // text. In the header zone of an article, they are its text.
    let mut listed = vec![false; lines.len()];
    // A title field that names no line of the text: the text starts below the headline, and the
    // line right above the first body is a caption, a name or a salutation, not the headline.
    let cue_missed = !cues.title_keys.is_empty() && !lines.iter().any(|l| cues.names(l));
    // The runs just passed over as too short to be articles, with no headline of their own,
    // each under the one before with only a lede gap between (see `lede_gap`): the opening of
    // an untitled text right under them (a paragraph over a list; the first questions of a Q&A
    // column).
    let mut ledes: Vec<&Run> = Vec::new();
    for r in &runs {
        let above = std::mem::take(&mut ledes);
        let header_between = (prev_end..r.start).any(|j| lines[j].f.related_header);
        let found = find_title(lines, r.start, prev_end, cues)
            .or_else(|| poem_title(lines, r, prev_end).map(|t| (t, false)));
        let first = cue_missed && skeletons.is_empty();
        // A kicker over the byline of the first text: the title field heads it; the kicker and
        // the byline stay in its header.
        let kicker = found
            .filter(|&(t, _)| first && over_byline(lines, t, r.start))
            .map(|(t, _)| t);
        let title = found.filter(|&(_, strong)| (strong || !first) && kicker.is_none());
        let strong = title.is_some_and(|(_, s)| s);
        let last_end = skeletons.last().map(|s| s.body_end);
        // A run with no strong headline of its own, close below an article, continues it.
        if let Some(end) = last_end {
            if !strong && gap_is_clean(lines, end, r.start) {
                if let (Some(s), Some(b)) = (skeletons.last_mut(), body_lines.last_mut()) {
                    // In a list, its headings are text too (`* وصفة مغربية`, a dish and its chef).
                    let list = is_list(lines, end, r.start);
                    let numbered = numbered_between(lines, end, r.start);
                    b.extend((end..r.start).filter(|&j| {
                        !lines[j].blank
                            && (numbered.contains(&j)
                                || (plain_text(&lines[j].f)
                                    && (!lines[j].f.bullet
                                        || list_item(&lines[j])
                                        || item_among_sentences(lines, j)))
                                || (list && list_heading(&lines[j]))
                                || asker(lines, j)
                                || recurring_field(&lines[j], &heads))
                    }));
                    // A time stamp right above the text it stamps (a live-blog update) is body.
                    if let Some(j) = (end..r.start).rev().find(|&j| !lines[j].blank) {
                        if lines[j].f.date && lines[j].f.words <= 3 {
                            b.push(j);
                        }
                    }
                    s.body_end = r.end;
                    b.extend(r.body.iter().copied());
                }
                prev_end = r.end;
                continue;
            }
        }
        // Text after a related/most-read header with no headline of its own is teasers or
        // comments, not an article, unless it is long running text that no headline interrupts
        // (teaser summaries alternate with their titles; a column whose headline is too short
        // to stamp, `حوار مع متطرف`, does not).
        if header_between && title.is_none() && !untitled_article(lines, &wrapped, r) {
            continue;
        }
        let big = is_article_run(r) && !(header_between && r.good_lines < 3 && !strong);
        // Furniture between the headline and the text (date, credited caption, share widget,
        // section label) does not set them apart.
        let close_title = title.is_some_and(|(t, s)| {
            s && (t..r.start)
                .filter(|&j| !lines[j].blank && !header_furniture(&lines[j].f))
                .count()
                <= SHORT_TITLE_REACH
        });
        // After a related block, a short text with its own headline is a teaser's summary,
        // unless it closes the way the article above closed (the same share bar or rule under
        // both: infinite scroll printed a second, short article).
        let closes_like_last = header_between
            && last_end.is_some_and(|end| {
                closing_furniture(lines, end)
                    .is_some_and(|k| closing_furniture(lines, r.end) == Some(k))
            });
        let brief = close_title
            && (!header_between || closes_like_last)
            && r.good_chars >= MIN_SHORT_RUN_CHARS;
        // A page that is one text run, under at most a headline, is an article however short:
        // a news brief under a headline printed once, or a text already extracted. Any other
        // line on the page (a menu, a form, a list of headlines) makes it a page with a short
        // text on it (an error message, a blurb, a lead teaser), not one. Without a headline,
        // one paragraph is too little to tell a brief from a blurb: two lines are needed.
        // One text line is enough under a headline that is the page's only other line
        // (`lone_headline`), or that the record's title field names; two need only a headline
        // `find_title` stamps, or none. (A title field that names no line of the text heads it
        // itself: the line above is then a byline or a kicker; one that names a section heads
        // a page whose first heading is its first item's.)
        let lone = || {
            (runs.len() == 1 && cues.title_keys.is_empty() && !cues.section_title)
                .then(|| lone_headline(lines, r))
                .flatten()
        };
        let sole_title = title
            .filter(|&(t, strong)| {
                r.good_lines >= MIN_SOLE_RUN_LINES || (strong && cues.names(&lines[t]))
            })
            .map(|(t, _)| t)
            .or_else(lone);
        let sole = runs.len() == 1
            && !header_between
            && (r.good_lines >= MIN_SOLE_RUN_LINES || sole_title.is_some())
            && r.good_chars >= MIN_SHORT_RUN_CHARS
            && lines.iter().enumerate().all(|(j, l)| {
                l.blank
                    || (r.start..r.end).contains(&j)
                    || sole_title == Some(j)
                    || sole_tail(lines, r, j)
            })
            // (nor a run that bridged a headline: two teasers printed with no line between)
            && (r.start..r.end).all(|j| lines[j].blank || lines[j].f.good || !title_candidate(&lines[j]));
        if !(big || brief || sole) {
            for &j in &r.lists {
                listed[j] = true;
            }
            if title.is_none() {
                ledes = above;
                if !ledes
                    .last()
                    .is_some_and(|a| lede_gap(lines, a.end, r.start))
                {
                    ledes.clear();
                }
                ledes.push(r);
            }
            continue;
        }
        // An untitled text right under short untitled runs (a first paragraph, then a list or
        // a stanza too long to bridge: `يعرف الصرع بأنه …` over `وتتعدد الاسباب … منها:` and
        // its items) starts with those runs.
        let opens = title.is_none()
            && above
                .last()
                .is_some_and(|a| lede_gap(lines, a.end, r.start));
        let ledes = if opens { &above[..] } else { &[] };
        let mut body = Vec::new();
        for (k, a) in ledes.iter().enumerate() {
            let next = ledes.get(k + 1).map_or(r.start, |n| n.start);
            body.extend(a.body.iter().copied());
            body.extend((a.end..next).filter(|&j| !lines[j].blank && lede_text(lines, j)));
        }
        body.extend(r.body.iter().copied());
        let body_start = ledes.first().map_or(r.start, |a| a.start);
        // The headline only the sole rule found titles only the article it makes: a text
        // already long enough keeps the headline `find_title` gave it, or none (the one line
        // over an untitled column may be its writer's name, its section or a date).
        let lone_title = title.is_none() && !(big || brief);
        let title = title.map(|(t, _)| t).or(sole_title.filter(|_| lone_title));
        let zone_start = title.or(kicker).unwrap_or(body_start);
        skeletons.push(Skeleton {
            lone_title: lone_title && title.is_some(),
            title,
            body_start,
            body_end: r.end,
            zone_start,
            zone_end: lines.len(),
        });
        body_lines.push(body);
        prev_end = r.end;
    }
    for k in 1..skeletons.len() {
        let next_start = skeletons[k].zone_start;
        skeletons[k - 1].zone_end = next_start;
    }

    let mut labels: Vec<Label> = lines
        .iter()
        .map(|l| {
            if l.blank && !l.display.is_empty() {
                label(Role::Boilerplate, "shape:divider", 0)
            } else if l.blank {
                label(Role::Blank, "blank", 0)
            } else {
                label(Role::Boilerplate, "boilerplate:other", 0)
            }
        })
        .collect();

    for (k, (s, body)) in skeletons.iter().zip(&body_lines).enumerate() {
        let art = k as u32 + 1;
        for lab in &mut labels[s.zone_start..s.zone_end] {
            lab.article = art;
        }
        let mut used_keys: Vec<u64> = Vec::new();
        if let Some(t) = s.title {
            let reason = if s.lone_title {
                "title:lone"
            } else {
                "title:headline"
            };
            labels[t] = label(Role::Title, reason, art);
            used_keys.push(lines[t].key);
        }
        for &b in body {
            labels[b] = label(
                Role::Body,
                if lines[b].f.good {
                    "body:text"
                } else if wrapped[b] {
                    "body:wrapped"
                } else {
                    "body:continuation"
                },
                art,
            );
        }
        let mut have_date = false;
        // Header zone: between the title and the body; and lines bridged inside the body.
        let header_from = s.title.map(|t| t + 1).unwrap_or(s.zone_start);
        let mut zone = Zone::Header;
        for i in header_from..s.body_end {
            let l = &lines[i];
            if l.blank || labels[i].role == Role::Body {
                continue;
            }
            zone = if i >= s.body_start {
                Zone::Body
            } else if zone == Zone::Box || l.f.related_header {
                Zone::Box
            } else {
                Zone::Header
            };
            if zone == Zone::Header && listed[i] {
                labels[i] = label(Role::Body, "body:list", art);
                continue;
            }
            labels[i] = header_line(lines, i, &mut used_keys, &mut have_date, zone, art);
        }
        // Trailing zone: sign-offs right after the body, then related blocks and furniture.
        let mut after = 0;
        let mut in_block = false;
        for i in s.body_end..s.zone_end {
            let l = &lines[i];
            if l.blank {
                continue;
            }
            after += 1;
            if used_keys.contains(&l.key) && l.key != 0 {
                labels[i] = label(Role::Repeat, "repeat:headline", art);
                continue;
            }
            if l.f.related_header {
                in_block = true;
                labels[i] = label(Role::Boilerplate, "lexicon:related-header", art);
                continue;
            }
            if !in_block && after <= 3 && l.f.byline {
                labels[i] = label(Role::Byline, "byline:sign-off", art);
                continue;
            }
            if !in_block && after <= 3 && source_credit(l) {
                labels[i] = label(Role::Byline, "byline:source", art);
                continue;
            }
            labels[i] = outside_line(l, art);
        }
    }
    // Lines before the first article.
    let first = skeletons
        .first()
        .map(|s| s.zone_start)
        .unwrap_or(lines.len());
    for i in 0..first {
        if !lines[i].blank {
            labels[i] = outside_line(&lines[i], 0);
        }
    }
    fill_teaser_metadata(lines, &mut labels);
    (labels, skeletons)
}

fn label(role: Role, reason: &'static str, article: u32) -> Label {
    Label {
        role,
        reason: Reason::new(reason),
        article,
    }
}

/// Where a line [`header_line`] labels stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Between the headline and the text.
    Header,
    /// There too, under a related-box header (`متعلقات`): its items are teasers, however long.
    Box,
    /// Bridged inside the text.
    Body,
}

/// A line between an article's title and the end of its body that is not body text.
fn header_line<'a>(
    lines: &'a [LineInfo<'a>],
    i: usize,
    used: &mut Vec<u64>,
    have_date: &mut bool,
    zone: Zone,
    art: u32,
) -> Label {
    let l = &lines[i];
    let in_header = zone != Zone::Body;
    if l.key != 0 && used.contains(&l.key) {
        return label(
            Role::Repeat,
            // `kid` is the index of the first printing of this line.
            if lines
                .get(l.kid)
                .is_some_and(|first| first.f.credit.is_some())
            {
                "repeat:caption"
            } else {
                "repeat:headline"
            },
            art,
        );
    }
    if l.f.seen_before > 0 && l.f.long_paragraph() {
        return label(Role::Repeat, "repeat:paragraph", art);
    }
    if l.f.inline_teaser {
        return label(Role::Teaser, "teaser:inline-link", art);
    }
    if (l.f.credit.is_some() || l.f.media_caption) && !l.f.byline {
        used.push(l.key);
        return label(Role::Caption, "caption:credit", art);
    }
    if l.f.date && !*have_date {
        *have_date = true;
        return label(Role::Date, "date:shape", art);
    }
    if l.f.byline {
        return label(Role::Byline, "byline:shape", art);
    }
    if l.f.placeholder {
        return label(Role::Boilerplate, "shape:placeholder", art);
    }
    if l.f.phrase {
        return label(Role::Boilerplate, "lexicon:phrase", art);
    }
    if l.f.ui {
        return label(Role::Boilerplate, "lexicon:ui", art);
    }
    if l.f.related_header {
        return label(Role::Boilerplate, "lexicon:related-header", art);
    }
    if in_header && l.f.occurrences >= 2 && !l.f.bullet && l.f.words >= 3 {
        // Printed twice and not the headline: a caption without a credit.
        used.push(l.key);
        return label(Role::Caption, "caption:repeated", art);
    }
    if in_header && l.f.bullet && l.f.words >= 4 {
        return label(Role::Teaser, "teaser:list-item", art);
    }
    // A deck (standfirst) is prose: not a bar of links (`Partager : Facebook | X | LinkedIn`).
    if in_header
        && l.f.words >= 6
        && !l.f.label
        && !l.f.bullet
        && l.f.pipes < 2
        && l.f.letters * 2 >= l.f.chars
    {
        return if zone == Zone::Box {
            label(Role::Teaser, "teaser:headline", art)
        } else {
            label(Role::Body, "body:deck", art)
        };
    }
    label(
        Role::Boilerplate,
        if l.f.label {
            "shape:label"
        } else {
            "boilerplate:widget"
        },
        art,
    )
}

/// A line outside any article's header and body.
fn outside_line(l: &LineInfo<'_>, art: u32) -> Label {
    let f = &l.f;
    if f.seen_before > 0 && f.long_paragraph() {
        return label(Role::Repeat, "repeat:paragraph", art);
    }
    if f.related_header {
        return label(Role::Boilerplate, "lexicon:related-header", art);
    }
    if f.phrase {
        return label(Role::Boilerplate, "lexicon:phrase", art);
    }
    if f.placeholder {
        return label(Role::Boilerplate, "shape:placeholder", art);
    }
    if f.pipes >= 2 {
        return label(Role::Boilerplate, "shape:nav-bar", art);
    }
    if f.ui {
        return label(Role::Boilerplate, "lexicon:ui", art);
    }
    if f.inline_teaser || f.media_caption {
        return label(Role::Teaser, "teaser:link", art);
    }
    if f.good && !f.label {
        return label(Role::Teaser, "teaser:summary", art);
    }
    if f.credit.is_some() && f.words >= 4 {
        return label(Role::Teaser, "teaser:caption", art);
    }
    if f.headline && !f.label && (f.words >= 4 && (!f.bullet || f.words >= 5)) {
        return label(Role::Teaser, "teaser:headline", art);
    }
    label(
        Role::Boilerplate,
        if f.label { "shape:label" } else { SHORT_LINE },
        art,
    )
}

/// The reason of a line outside every article that is too short to tell for text.
const SHORT_LINE: &str = "boilerplate:short";

/// Whether a line of a page with no article shape is kept in the text read as one body (an
/// already extracted article, a short item): a line the classifier read as text (body, teaser,
/// title, caption), or a short line ([`SHORT_LINE`]) of three words or more that ends with a
/// full stop, points, `!`, `?` or a comma (`وقد تداول المغردون صور لتطاير الغبار .`, `حضر الحفل
/// عدد من الأعيان والأقارب والأصدقاء والزملاء،`), or that is a numbered item of two words or
/// more after its number (`3. تطبيق «فيسبوك» Facebook` among the other items of its list, kept
/// as teaser-shaped lines). A page with no article shape is read as one text already (its
/// teaser-shaped lines are kept): its short sentences belong to it more than widgets do, which
/// end with no punctuation.
pub fn fallback_text(role: Role, reason: &Reason, display: &str) -> bool {
    match role {
        Role::Body | Role::Teaser | Role::Title | Role::Caption => true,
        Role::Boilerplate => {
            let words = chars::count_words(display);
            reason.as_str() == SHORT_LINE
                && ((display.trim_end().ends_with(['.', '!', '؟', '?', '،'])
                    && words >= MIN_SHORT_SENTENCE_WORDS)
                    || (item_number(display).is_some() && words >= 3))
        }
        _ => false,
    }
}

/// The lines of a page with no article shape that are its text, read as one body: the
/// [`fallback_text`] lines, a short line introducing the text right under it with a colon
/// (`صدر عن الديوان الملكي اليوم البيان التالي:` over the statement, `… حين يقول:` over the
/// words quoted; one blank line allowed between them), and up to
/// [`MAX_GLUED_SHORT_LINES`] short lines in a row glued between two text lines.
pub fn fallback_body(lines: &[Line]) -> Vec<bool> {
    let mut text: Vec<bool> = lines
        .iter()
        .map(|l| fallback_text(l.role, &l.reason, &l.display))
        .collect();
    // (from the bottom up: an intro over an intro over the text)
    for j in (0..lines.len()).rev() {
        let l = &lines[j];
        let d = l.display.trim_end();
        let intro = !text[j]
            && l.role == Role::Boilerplate
            && l.reason.as_str() == SHORT_LINE
            && colon_ended(d)
            && chars::count_words(d) >= MIN_TEXT_INTRO_WORDS;
        if intro {
            let next = (j + 1..lines.len())
                .take(2)
                .find(|&k| !lines[k].display.trim().is_empty());
            text[j] = next.is_some_and(|k| text[k]);
        }
    }
    // Short lines glued between text lines, up to three in a row, are lines of the same block
    // (free verse with no punctuation: `والواضحة بنفس الوقت` over `تثاءبت الطاولات` between two
    // longer lines of the poem).
    // (a blank line is neither short nor text: the lines are glued)
    let short = |l: &Line| l.role == Role::Boilerplate && l.reason.as_str() == SHORT_LINE;
    let mut j = 1;
    while j < lines.len() {
        let run = lines[j..].iter().take_while(|l| short(l)).count();
        let below = text.get(j + run).copied().unwrap_or(false);
        if run > 0 && run <= MAX_GLUED_SHORT_LINES && text[j - 1] && below {
            text[j..j + run].iter_mut().for_each(|t| *t = true);
        }
        j += run.max(1);
    }
    text
}

/// Most short lines in a row that [`fallback_body`] keeps between two text lines.
const MAX_GLUED_SHORT_LINES: usize = 3;

/// Fewest words of a short sentence kept by [`fallback_text`].
const MIN_SHORT_SENTENCE_WORDS: usize = 3;

/// Short lines inside teaser items (a time, a section, a counter, a byline) are part of the item.
fn fill_teaser_metadata(lines: &[LineInfo<'_>], labels: &mut [Label]) {
    let n = lines.len();
    let nonblank: Vec<usize> = (0..n).filter(|&i| !lines[i].blank).collect();
    let mut changes = Vec::new();
    for (pos, &i) in nonblank.iter().enumerate() {
        if labels[i].role != Role::Boilerplate {
            continue;
        }
        let f = &lines[i].f;
        if f.related_header || f.phrase || f.pipes >= 2 || f.words > 6 {
            continue;
        }
        if f.placeholder && f.letters == 0 && f.digits == 0 {
            continue;
        }
        let metadata = f.date || f.byline || f.label || f.words <= 3;
        if !metadata {
            continue;
        }
        let teaser_at = |p: usize| labels[nonblank[p]].role == Role::Teaser;
        // After an earlier item, or first under the block's header (a rank, a section label).
        let before = (pos.saturating_sub(4)..pos).rev().any(teaser_at)
            || pos
                .checked_sub(1)
                .is_some_and(|p| lines[nonblank[p]].f.related_header);
        let after = (pos + 1..(pos + 5).min(nonblank.len()))
            .any(|p| teaser_at(p) && !(pos + 1..p).any(|q| lines[nonblank[q]].f.related_header));
        if before && after {
            changes.push(i);
        } else if before && (f.date || f.byline) {
            // The trailing time/byline of the last item.
            changes.push(i);
        }
    }
    for i in changes {
        labels[i].role = Role::Teaser;
        labels[i].reason = Reason::new("teaser:item-metadata");
    }
}

/// Whether a matching-form line names a known section (used by teaser parsing).
pub fn section_prefix(display: &str) -> Option<(String, String)> {
    let d = display.trim();
    if let Some(i) = d.find("  ") {
        let (a, b) = (d[..i].trim(), d[i..].trim());
        if !a.is_empty() && !b.is_empty() && a.split_whitespace().count() <= 3 {
            return Some((a.to_string(), b.to_string()));
        }
    }
    // Longest known section name at the start, on a word boundary, followed by ≥ 3 words.
    let words: Vec<&str> = d.split_whitespace().collect();
    for take in (1..=3.min(words.len().saturating_sub(3))).rev() {
        let head = words[..take].join(" ");
        let m = crate::text::matching_form(&head);
        if lexicon::sections().is_exactly(&m) {
            return Some((head, words[take..].join(" ")));
        }
    }
    None
}
