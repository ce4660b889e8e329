//! Per-line features: the cues structure recovery decides on. Computed once per line, from the
//! display and matching forms; no cue keys on one site's literal strings.

use super::lexicon;
use super::shapes;
use crate::text::chars;

/// What one line looks like.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Whitespace-separated tokens.
    pub words: usize,
    /// Characters of the display form (Arabic diacritics not counted).
    pub chars: usize,
    /// Letters (any script), Arabic letters, digits.
    pub letters: usize,
    pub arabic: usize,
    pub digits: usize,
    /// Sentence punctuation inside the line (، , . ؛ ; : ؟ ? ! « » " ).
    pub punct: usize,
    /// Commas, full stops, semicolons and question marks inside the line (not colons or quotes,
    /// which headlines use too).
    pub sentence_punct: usize,
    /// Ends like a sentence (. ! ? ؟ … or a colon introducing a quote or list).
    pub terminal: bool,
    /// Starts with a media label and a colon (`فيديو: …`, `صور: …`): a caption or a teaser.
    pub media_caption: bool,
    /// Starts with a related-block phrase and a colon (`اقرأ أيضا: …`): an inline teaser link.
    pub inline_teaser: bool,
    /// Starts with a list bullet followed by a space (`*`, `•`, `+`, `□`, `●`, `-` only in lynx-like `+ `).
    pub bullet: bool,
    /// Made only of `[...]` placeholders, underscores, form fields, rules or symbols.
    pub placeholder: bool,
    /// Number of ` | ` separators (navigation bars).
    pub pipes: usize,
    /// Ends with an agency/photo credit in parentheses ([`shapes::Credit`]).
    pub credit: Option<shapes::Credit>,
    /// Shape of a byline / dateline line.
    pub byline: bool,
    /// Shape of a date/time line.
    pub date: bool,
    /// Short line whose words are site furniture (share, print, login, menu...).
    pub ui: bool,
    /// Contains a disclaimer / copyright / subscription phrase.
    pub phrase: bool,
    /// Is a related/most-read block header.
    pub related_header: bool,
    /// The header is weak, a subheading can read the same: only `<noun> أخرى` ("other
    /// <things>"), or a short line that only starts with a listed header phrase (`المزيد من`).
    pub related_weak: bool,
    /// Looks like running text: long enough, letters, sentence punctuation.
    pub good: bool,
    /// Looks like a headline: 3–30 words, letters, no sentence ending, not furniture.
    pub headline: bool,
    /// `label: value` shape with a short label (`القسم: حقوق وحريات`).
    pub label: bool,
    /// Count of earlier lines on the page with the same repeat key.
    pub seen_before: usize,
    /// Total lines on the page with the same repeat key.
    pub occurrences: usize,
}

const TERMINALS: &[char] = &['.', '!', '?', '؟', '…', ':', '؛'];

/// Whether a digit (ASCII, Arabic-Indic or Persian) starts at byte `i` of `b`.
fn digit_at(b: &[u8], i: usize) -> bool {
    match b.get(i..) {
        Some([d, ..]) if d.is_ascii_digit() => true,
        Some(&[b0 @ 0xD8..=0xDB, b1, ..]) => AR_TABLE[ar_index(b0, b1)] & AR_DIGIT != 0,
        _ => false,
    }
}

/// Endings a headline does not have (a sentence, a clause, an introduction).
pub(crate) const NOT_HEADLINE_ENDINGS: [char; 5] = ['.', '،', ',', ':', '؛'];

impl Features {
    /// A long line of running text (never a headline, a teaser title or a widget).
    pub fn long_paragraph(&self) -> bool {
        self.words >= 16 && self.sentence_punct >= 1
    }
}

/// Navigation separators: (`|` bars, ` > ` / ` / ` / ` » ` / ` › ` between breadcrumb items).
/// Each is found by a byte search for its rare first byte (`|`, `/`, `>`, and the lead bytes
/// `C2` of `»` and `E2` of `›`), then its spaces are checked around it: spaces are too common
/// in text to stop at each one.
fn nav_separators(display: &str) -> (usize, usize) {
    let b = display.as_bytes();
    let bars = memchr::memchr_iter(b'|', b).count();
    // Whether the token of `len` bytes at `j` has a space before it and after it.
    let spaced = |j: usize, len: usize| j > 0 && b[j - 1] == b' ' && b.get(j + len) == Some(&b' ');
    let mut n = 0;
    for j in memchr::memchr2_iter(b'/', b'>', b) {
        if !spaced(j, 1) {
            continue;
        }
        if b[j] == b'>' {
            n += 1;
        } else {
            // A spaced slash between numbers is a date or a fraction (`18 / 10 / 1436هـ`,
            // common in Gulf news text), and after a colon or another slash it is a URL
            // printed with spaces (`http: / / www`): neither separates menu items.
            let before = if j >= 2 { b[j - 2] } else { b' ' };
            let after = b.get(j + 2).copied().unwrap_or(b' ');
            let date = before.is_ascii_digit() && after.is_ascii_digit();
            if !(date || before == b':' || before == b'/') {
                n += 1;
            }
        }
    }
    for j in memchr::memchr2_iter(0xC2, 0xE2, b) {
        let rest = &b[j..];
        let token = rest.starts_with("» ".as_bytes()) || rest.starts_with("› ".as_bytes());
        if token && j > 0 && b[j - 1] == b' ' {
            n += 1;
        }
    }
    (bars, n)
}

const AR_LETTER: u8 = 1;
const AR_DIGIT: u8 = 2;
const AR_BLOCK: u8 = 4;
const AR_MARK: u8 = 8;
const AR_BASE: u32 = 0x0600;
const AR_LEN: usize = 0x180;

/// Classes of U+0600–U+077F (Arabic, Syriac, Arabic Supplement), built at compile time.
static AR_TABLE: [u8; AR_LEN] = ar_table();

const fn ar_table() -> [u8; AR_LEN] {
    let mut t = [0u8; AR_LEN];
    let mut i = 0;
    while i < AR_LEN {
        let cp = AR_BASE + i as u32;
        let mut k = 0;
        if cp <= 0x06FF || (cp >= 0x0750 && cp <= 0x077F) {
            k |= AR_BLOCK;
        }
        // Arabic-script letters (and tatweel).
        if (cp >= 0x0620 && cp <= 0x064A)
            || (cp >= 0x066E && cp <= 0x066F)
            || (cp >= 0x0671 && cp <= 0x06D3)
            || cp == 0x06D5
            || (cp >= 0x06EE && cp <= 0x06EF)
            || (cp >= 0x06FA && cp <= 0x06FF)
            || (cp >= 0x0750 && cp <= 0x077F)
        {
            k |= AR_LETTER;
        }
        if (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9) {
            k |= AR_DIGIT;
        }
        // Combining marks: harakat, superscript alef, Quranic annotation signs.
        if (cp >= 0x0610 && cp <= 0x061A)
            || (cp >= 0x064B && cp <= 0x065F)
            || cp == 0x0670
            || (cp >= 0x06D6 && cp <= 0x06DC)
            || (cp >= 0x06DF && cp <= 0x06E4)
            || (cp >= 0x06E7 && cp <= 0x06E8)
            || (cp >= 0x06EA && cp <= 0x06ED)
        {
            k |= AR_MARK;
        }
        t[i] = k;
        i += 1;
    }
    t
}

/// The [`AR_TABLE`] index of the two-byte character U+0600–U+06FF of lead byte `b0`
/// (`0xD8..=0xDB`) and continuation byte `b1`.
#[inline(always)]
fn ar_index(b0: u8, b1: u8) -> usize {
    (((b0 & 0x03) as usize) << 6) | (b1 & 0x3F) as usize
}

/// The [`AR_TABLE`] class of `c` (0 outside U+0600–U+077F).
#[inline(always)]
fn ar_class(c: char) -> u8 {
    let i = (c as u32).wrapping_sub(AR_BASE) as usize;
    if i < AR_LEN {
        AR_TABLE[i]
    } else {
        0
    }
}

/// A letter or digit of any script, fast for ASCII and Arabic.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        let k = ar_class(c);
        if k & AR_BLOCK != 0 {
            k & (AR_LETTER | AR_DIGIT) != 0
        } else {
            chars::is_alphanumeric(c)
        }
    }
}

/// Whether the character starting at byte `i` of `s` is a word character ([`is_word_char`]), and
/// its length in bytes. ASCII and the Arabic block are read off the bytes; `i` must be a char
/// boundary below `s.len()`.
#[inline(always)]
pub(crate) fn word_char_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    let b0 = b[i];
    if b0 < 0x80 {
        return (b0.is_ascii_alphanumeric(), 1);
    }
    if (0xD8..=0xDB).contains(&b0) {
        if let Some(&b1) = b.get(i + 1) {
            // U+0600..U+06FF: every one is in the Arabic block.
            let k = AR_TABLE[ar_index(b0, b1)];
            return (k & (AR_LETTER | AR_DIGIT) != 0, 2);
        }
    }
    match s[i..].chars().next() {
        Some(c) => (is_word_char(c), c.len_utf8()),
        None => (false, 1),
    }
}

/// Bytes read per step of [`text_run_end`]'s block scan.
const RUN_BLOCK: usize = 32;

/// Whether byte `a` (followed by `b`) may stand inside a run of words one space apart
/// ([`text_run_end`]) without a closer look: an ASCII letter or digit, a space not followed by
/// another, a continuation byte (its lead byte was judged), or the lead byte of a common Arabic
/// letter (U+0620..U+064A, U+0680..U+06BF; digits and marks are folded or dropped in the
/// matching form). Every byte it passes is in a word character or a single space
/// (`run_bytes_are_word_chars` checks the Arabic block); the others are read char by char.
/// Branch-free, so a block of bytes vectorises.
#[inline(always)]
fn run_byte(a: u8, b: u8) -> bool {
    let alnum = ((a | 0x20).wrapping_sub(b'a') < 26) | (a.wrapping_sub(b'0') < 10);
    let space = (a == b' ') & (b != b' ');
    let cont = (a & 0xC0) == 0x80;
    let d8 = (a == 0xD8) & (b >= 0xA0);
    let d9 = (a == 0xD9) & (b < 0x8B);
    alnum | space | cont | d8 | d9 | (a == 0xDA)
}

/// The end of the run of words one ASCII space apart (word characters, [`is_word_char`], and
/// single spaces between them) that starts with the word character at byte `i` of `s` (a char
/// boundary). Blocks of [`RUN_BLOCK`] bytes are judged at once by [`run_byte`] (Arabic and
/// ASCII words, most of the text); a block with another byte is read char by char.
#[inline]
pub(crate) fn text_run_end(s: &str, start: usize) -> usize {
    let b = s.as_bytes();
    let mut i = start;
    while i < b.len() {
        while let Some(w) = b
            .get(i..)
            .and_then(|rest| rest.first_chunk::<{ RUN_BLOCK + 1 }>())
        {
            // Fixed size and no early exit: the loop becomes a few vector instructions.
            let mut stops = 0u8;
            for k in 0..RUN_BLOCK {
                stops |= u8::from(!run_byte(w[k], w[k + 1]));
            }
            if stops != 0 {
                break;
            }
            i += RUN_BLOCK;
        }
        // The block may have ended inside a character whose lead byte it judged.
        while i < b.len() && b[i] & 0xC0 == 0x80 {
            i += 1;
        }
        let stop = (i + RUN_BLOCK).min(b.len());
        while i < stop {
            let (word, len) = word_char_at(s, i);
            if word {
                i += len;
            } else if b[i] == b' ' && i + 1 < b.len() && word_char_at(s, i + 1).0 {
                i += 1;
            } else {
                // A block judged whole may end on the space before this character.
                return if i > start && b[i - 1] == b' ' {
                    i - 1
                } else {
                    i
                };
            }
        }
    }
    // The text ends with a word character: a space is only passed before one.
    b.len()
}

fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '*' | '•'
            | '+'
            | '□'
            | '■'
            | '●'
            | '○'
            | '▪'
            | '◦'
            | '·'
            | '►'
            | '▶'
            | '»'
            | '›'
            | '«'
            | '-'
            | '–'
            | '—'
            | '>'
            | '#'
    )
}

/// Whether a line states a disclaimer, copyright, comment-policy or subscription phrase. A
/// phrase news text uses too ([`lexicon::WEAK_PHRASES`]: `تابعوا` "they followed", `للاشتراك في`
/// "to take part in", `لا تعبر عن وجهة نظر` "does not express the view of") marks running text
/// only together with a second phrase.
fn has_phrase(matching: &str, running_text: bool) -> bool {
    let mut weak = 0;
    for (s, e) in lexicon::boilerplate_phrases().matches(matching) {
        if !lexicon::weak_phrases().is_exactly(&matching[s..e]) {
            return true;
        }
        weak += 1;
        if weak >= 2 || !running_text {
            return true;
        }
    }
    false
}

/// Counts of one pass over a line's display form, kept in locals (registers) while the bytes
/// are read.
struct Counts {
    words: usize,
    chars: usize,
    letters: usize,
    arabic: usize,
    digits: usize,
    punct: usize,
    sentence_punct: usize,
    /// `display.split_whitespace().count()`: the same as `words` unless a diacritic follows a
    /// space or starts the line (a word to `split_whitespace`, nothing here) or the line has a
    /// vertical tab (whitespace to `split_whitespace`, a word character here).
    split_words: usize,
}

/// The character counts of a display form (see [`Features`]).
fn count(display: &str) -> Counts {
    let (mut words, mut n_chars, mut letters, mut arabic, mut digits) = (0, 0, 0, 0, 0);
    let (mut punct, mut sentence_punct) = (0, 0);
    // Whether `words` may differ from `split_whitespace().count()` (see [`Counts::split_words`]).
    let mut odd = false;
    let mut prev_space = true;
    // Whether the last character counted (diacritics are not) was a full stop.
    let mut prev_stop = false;
    // Whether the last character counted was a digit.
    let mut prev_digit = false;
    let b = display.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Cheapest tests first: Arabic letters are most characters, and the display form has
        // only ASCII spaces; Unicode tables are consulted only for other scripts. ASCII and the
        // Arabic block (lead bytes D8–DB, two bytes) are decoded straight off the bytes.
        let b0 = b[i];
        let (c, ar) = if b0 < 0x80 {
            i += 1;
            (char::from(b0), 0)
        } else if (0xD8..=0xDB).contains(&b0) && i + 1 < b.len() {
            let idx = ar_index(b0, b[i + 1]);
            i += 2;
            let ar = AR_TABLE[idx];
            if ar & AR_LETTER != 0 {
                // The common case: an Arabic letter (never a full stop, a space or a mark),
                // read with the rest of its run of Arabic letters and diacritics (which count
                // for nothing), two bytes each.
                prev_stop = false;
                prev_digit = false;
                words += usize::from(prev_space);
                prev_space = false;
                let mut run = 1;
                while i + 1 < b.len() && (0xD8..=0xDB).contains(&b[i]) {
                    let k = AR_TABLE[ar_index(b[i], b[i + 1])];
                    if k & AR_LETTER != 0 {
                        run += 1;
                    } else if k & AR_MARK == 0 {
                        break;
                    }
                    i += 2;
                }
                n_chars += run;
                letters += run;
                arabic += run;
                continue;
            }
            let c = char::from_u32(AR_BASE + idx as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
            (c, ar)
        } else {
            let Some(c) = display.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            (c, ar_class(c))
        };
        if ar & AR_MARK != 0 {
            // A diacritic belongs to its letter: fully vowelled text (Quran, verse) is no less
            // made of letters than bare text.
            odd |= prev_space;
            continue;
        }
        let stop_before = std::mem::replace(&mut prev_stop, c == '.');
        let digit_before = std::mem::replace(&mut prev_digit, false);
        n_chars += 1;
        if ar & AR_LETTER != 0 {
            words += usize::from(prev_space);
            prev_space = false;
            letters += 1;
            arabic += 1;
            continue;
        }
        let space = if c.is_ascii() {
            odd |= c == '\u{0B}';
            c.is_ascii_whitespace()
        } else {
            ar & AR_BLOCK == 0 && chars::is_whitespace(c)
        };
        if space {
            prev_space = true;
            continue;
        }
        words += usize::from(prev_space);
        prev_space = false;
        let (letter, digit) = if c.is_ascii() {
            (c.is_ascii_alphabetic(), c.is_ascii_digit())
        } else if ar & AR_BLOCK != 0 {
            (false, ar & AR_DIGIT != 0)
        } else {
            (chars::is_alphabetic(c), chars::is_numeric(c))
        };
        if letter {
            letters += 1;
        } else if digit {
            digits += 1;
            prev_digit = true;
        } else if matches!(
            c,
            '،' | ',' | '.' | '؛' | ';' | ':' | '؟' | '?' | '!' | '«' | '»' | '"'
        ) {
            punct += 1;
            // `..` and `...` separate the parts of a headline; only a lone full stop ends a sentence.
            let lone_stop = c != '.' || !(stop_before || b.get(i) == Some(&b'.'));
            // A point or comma inside a number (`1.4`, `1,500`) ends nothing.
            let in_number = matches!(c, '.' | ',') && digit_before && digit_at(b, i);
            if matches!(c, '،' | ',' | '.' | '؛' | ';' | '؟' | '?' | '!') && lone_stop && !in_number
            {
                sentence_punct += 1;
            }
        }
    }
    Counts {
        words,
        chars: n_chars,
        letters,
        arabic,
        digits,
        punct,
        sentence_punct,
        split_words: if odd {
            chars::count_words(display)
        } else {
            words
        },
    }
}

/// Computes the features of one non-blank line from its display and matching forms.
pub fn compute(display: &str, matching: &str) -> Features {
    let n = count(display);
    let mut f = Features {
        words: n.words,
        chars: n.chars,
        letters: n.letters,
        arabic: n.arabic,
        digits: n.digits,
        punct: n.punct,
        sentence_punct: n.sentence_punct,
        ..Features::default()
    };
    let trimmed = display.trim_end();
    f.terminal = trimmed.ends_with(TERMINALS);
    let mut chars = display.chars();
    let first = chars.next();
    let second = chars.next();
    f.bullet = matches!((first, second), (Some(a), Some(' ')) if is_bullet_char(a));
    f.placeholder = shapes::is_placeholder(display, f.letters);
    // Navigation separators: `|`, and ` > `, ` / `, ` » `, ` › ` between breadcrumb items
    // (one pass over the bytes; the last three are multi-byte, so compare their encodings).
    // In running text only bars count: prose and verse use ` / ` (`ميغاوات / ساعة`, a
    // hemistich break) and ` » ` too.
    let (bars, separators) = nav_separators(display);
    f.pipes = if f.long_paragraph() {
        bars
    } else {
        bars + separators
    };
    // A numbered list item (`5. …`, `3) …`, `11- …`) is a bullet.
    if !f.bullet {
        let digits_end = display.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
        f.bullet = (1..=2).contains(&digits_end)
            && display[digits_end..].starts_with([')', '.', '-'])
            && display[digits_end + 1..].starts_with(' ');
    }
    f.credit = shapes::split_credit(display);
    f.byline = shapes::is_byline(display, matching, f.words, n.split_words);
    f.date = shapes::is_date(matching, f.words, f.digits, f.letters);
    if f.date {
        // `(GMT+0300)` closing a date line is not a photo credit.
        f.credit = None;
    }
    // `ألبومات أخرى`, `فيديوهات أخرى`: "other <things>" heads a block of links. Not the adverbs
    // `مرة أخرى` (again), `تارة أخرى`, `من جهة أخرى`, `بعبارة أخرى` (`رئيساً مرة أخرى` is a
    // subheading, not a block of links).
    let m = shapes::strip_decor(matching);
    // A header may give its name in two languages, `Related | مواضيع ذات صلة`: each part a
    // header of its own.
    let exact = f.words <= 6 && lexicon::related_headers().is_exactly(m)
        || (f.pipes == 1
            && f.words <= 8
            && m.split('|').all(|part| {
                lexicon::related_headers().is_exactly(shapes::strip_decor(part.trim()))
            }));
    let prefix = !exact && f.words <= 4 && lexicon::related_headers().starts_with_entry(m);
    let adverb = || {
        m.split_whitespace().rev().nth(1).is_some_and(|w| {
            ["مره", "تاره", "جهه", "ناحيه", "عباره", "بعباره", "بطريقه"].contains(&w)
        })
    };
    // Nor a verb's object marked indefinite with tanween (`يولد أحزاناً أخرى`, a line of free
    // verse): a header's noun has no case ending.
    let object = || {
        display
            .split_whitespace()
            .rev()
            .nth(1)
            .is_some_and(|w| w.contains('\u{064B}'))
    };
    let other = !(exact || prefix)
        && (2..=3).contains(&f.words)
        && !f.bullet
        && m.ends_with(" اخري")
        && !(adverb() || object());
    f.related_header = exact || prefix || other;
    f.related_weak = prefix || other;
    f.phrase = has_phrase(matching, f.long_paragraph());
    let colon = memchr::memchr(b':', matching.as_bytes());
    if let Some(colon) = colon.filter(|_| f.words >= 4) {
        let head = shapes::strip_decor(&matching[..colon]);
        if chars::count_words(head) <= 3 {
            f.media_caption = lexicon::media_words().is_exactly(head);
            f.inline_teaser = lexicon::related_headers().is_exactly(head);
        }
    }
    f.ui = shapes::is_ui(matching, m, f.words, f.letters) || shapes::is_form_control(display);
    let tags = colon.is_some() && shapes::is_tag_list(matching);
    f.label = tags || shapes::is_label(display, f.words);
    let letter_share = if f.chars > 0 {
        f.letters as f32 / f.chars as f32
    } else {
        0.0
    };
    f.good = !f.phrase
        && !tags
        && !f.placeholder
        && f.credit.is_none()
        && f.pipes < 2
        && letter_share >= 0.55
        && ((f.words >= 10 && (f.sentence_punct >= 1 || f.terminal)) || f.words >= 16);
    f.headline = !f.phrase
        && !f.placeholder
        && f.pipes < 2
        && !f.ui
        && !f.related_header
        && !f.date
        && f.words >= 3
        && f.words <= 30
        && headline_letters(&f, display)
        && !trimmed.ends_with(NOT_HEADLINE_ENDINGS);
    f
}

/// Whether letters make most of a headline-shaped line: 60% of its characters, or 70% of those
/// that are neither the spaces between its words nor quotation marks. Short words have many
/// spaces and quoted names many marks: `«غازي».. حي لم يمت!!` is 55% letters in all, 73% of its
/// ink; a pager (`صفحة 2 من 48`) or a score ticker stays under both.
fn headline_letters(f: &Features, display: &str) -> bool {
    if f.letters * 10 >= f.chars * 6 {
        return true;
    }
    let quotes = display.matches(['«', '»', '"']).count();
    let ink = f
        .chars
        .saturating_sub(f.words.saturating_sub(1))
        .saturating_sub(quotes);
    ink > 0 && f.letters * 10 >= ink * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The features of line `s`.
    fn f(s: &str) -> Features {
        compute(s, &crate::text::matching_form(s))
    }

    #[test]
    fn short_words_do_not_make_a_headline_too_thin_in_letters() {
        // Regression (generated pages, SaudiNewsNet aleqt): `«غازي».. حي لم يمت!!` and
        // `«مبرد» ترفع أرباحها 5000 %` counted their spaces against their letters and read as
        // no headline (the section label above them became the title).
        assert!(f("«غازي».. حي لم يمت!!").headline);
        assert!(f("«مبرد» ترفع أرباحها 5000 %").headline);
        assert!(!f("صفحة 2 من 48").headline);
        assert!(
            !f("نتائج مباشرة: [10]الأهلي ٢ - ٠ الزمالك (نهاية) | [11]الترجي ١ - ١ الصفاقسي (٧٥')")
                .headline
        );
    }

    #[test]
    fn other_things_with_tanween_are_no_related_header() {
        // Regression (SaudiNewsNet, al-jazirah cu3): the free verse line `يولد أحزاناً أخرى`
        // ("breeds other sorrows") read as a header `<things> أخرى` and split the poem in two.
        assert!(!f("يولد أحزاناً أخرى").related_header);
        assert!(f("ألبومات أخرى").related_header);
        assert!(f("فيديوهات أخرى").related_header);
    }

    #[test]
    fn section_name_and_furniture_word_joined_by_a_preposition_are_no_menu() {
        // Regression (generated pages p1-0001028, p1-0001104; SaudiNewsNet aawsat 401371): a
        // gallery's headline `الاقتصاد في صور` (a section name, a furniture word) and a
        // column's `في ليبيا ، أو سوريا أو العراق...` (country sections) read as menus, so a
        // ticker line above (`عاجل: …`) became the title, and the column lost its first three
        // lines. A preposition joins a phrase; menu items stand side by side.
        assert!(!f("الاقتصاد في صور").ui);
        assert!(!f("الرياضة على الشاشة").ui);
        assert!(!f("في ليبيا ، أو سوريا أو العراق...").ui);
        assert!(f("الرئيسية اقتصاد صور").ui);
        assert!(f("[22]المزيد من الاقتصاد »").ui);
        assert!(f("الرئيسية أخبار رياضة ثقافة فيديو").ui);
    }

    #[test]
    fn match_between_two_countries_is_no_menu() {
        // Regression (SaudiNewsNet, al-jazirah sp8): a story's results `السعودية x فلسطين 4-0`
        // (two country sections side by side) read as menus and left the body.
        assert!(!f("السعودية x فلسطين 4-0").ui);
        assert!(!f("السعودية × العراق 0-2").ui);
        assert!(!f("مصر ضد تونس").ui);
        // A menu of country sections is still one.
        assert!(f("السعودية فلسطين العراق الأردن").ui);
    }

    #[test]
    fn details_link_is_furniture() {
        // A teaser's `التفاصيل` ("the details") link, on a line of its own, is furniture like
        // `المزيد`; a line that only opens with the word is not.
        assert!(f("التفاصيل").ui);
        assert!(f("» التفاصيل").ui);
        assert!(!f("التفاصيل الكاملة للاتفاق بين البلدين").ui);
    }

    #[test]
    fn point_inside_a_number_ends_no_sentence() {
        // Regression (generated pages): `1.4 تريليون …` in a most-read list counted the point
        // of `1.4` as a full stop and read the teaser as running text.
        assert_eq!(f("1.4 تريليون تحويلات الأجانب خلال 22 عاما").sentence_punct, 0);
        assert_eq!(f("بلغ ١٫٥ و1,500 و١.٥ مليون").sentence_punct, 0);
        assert_eq!(f("بلغ 1.5 مليون. وقال").sentence_punct, 1);
        assert_eq!(f("العام 2015. وقال، ثم").sentence_punct, 2);
    }

    /// The separators as a char-by-char reading finds them: after each space, one of `/ `,
    /// `> `, `» `, `› ` (not a spaced slash of a date or a URL).
    fn nav_separators_by_spaces(display: &str) -> (usize, usize) {
        let bars = display.matches('|').count();
        let b = display.as_bytes();
        let mut n = 0;
        for (i, _) in display.match_indices(' ') {
            let rest = &display[i + 1..];
            if rest.starts_with("/ ") {
                let before = if i > 0 { b[i - 1] } else { b' ' };
                let after = b.get(i + 3).copied().unwrap_or(b' ');
                let date = before.is_ascii_digit() && after.is_ascii_digit();
                n += usize::from(!(date || before == b':' || before == b'/'));
            } else if ["> ", "» ", "› "].iter().any(|s| rest.starts_with(s)) {
                n += 1;
            }
        }
        (bars, n)
    }

    /// Page lines and edge cases: separators, diacritics after spaces, vertical tabs.
    fn sample_lines() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
        let mut lines: Vec<String> = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            for l in text.lines() {
                lines.push(crate::text::display_form(l));
                lines.push(crate::text::matching_form(l));
            }
        }
        for s in [
            "أ / ب | ج > د » هـ › و",
            "18 / 10 / 1436هـ",
            "http: / / www",
            "/ x / ",
            " / ",
            "a >b > c»  » ›",
            "» x",
            " ً x",
            "ًx y",
            "x ً",
            "a\u{0B}b",
            "\u{0B}",
            "«—x—»",
            "- -",
            "",
        ] {
            lines.push(s.to_string());
        }
        lines
    }

    #[test]
    fn separators_are_the_spaced_tokens() {
        for l in sample_lines() {
            assert_eq!(nav_separators(&l), nav_separators_by_spaces(&l), "{l}");
        }
    }

    #[test]
    fn split_words_is_split_whitespace() {
        for l in sample_lines() {
            assert_eq!(count(&l).split_words, l.split_whitespace().count(), "{l:?}");
        }
    }

    /// [`text_run_end`] read char by char: words and the single spaces between them.
    fn text_run_end_by_chars(s: &str, mut i: usize) -> usize {
        loop {
            while let Some(c) = s[i..].chars().next().filter(|&c| is_word_char(c)) {
                i += c.len_utf8();
            }
            let mut next = s[i..].chars();
            if next.next() == Some(' ') && next.next().is_some_and(is_word_char) {
                i += 1;
            } else {
                return i;
            }
        }
    }

    /// Every run of `s`, as the block scan and as the char-by-char reading find it.
    fn check_runs(s: &str) {
        for (i, c) in s.char_indices() {
            if is_word_char(c) {
                assert_eq!(
                    text_run_end(s, i),
                    text_run_end_by_chars(s, i),
                    "{s:?} at {i}"
                );
            }
        }
    }

    #[test]
    fn run_bytes_are_word_chars() {
        for cp in 0x600..0x700u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut buf = [0u8; 4];
            let e = c.encode_utf8(&mut buf).as_bytes();
            assert!(!run_byte(e[0], e[1]) || is_word_char(c), "U+{cp:04X}");
        }
        for a in 0..0x80u8 {
            let word = is_word_char(char::from(a));
            assert!(!run_byte(a, b'x') || word || a == b' ', "{a:#x}");
        }
        assert!(!run_byte(b' ', b' '));
    }

    #[test]
    fn text_runs_are_the_words_single_spaced() {
        for l in sample_lines() {
            check_runs(&l);
        }
        // Blocks that end inside a character, on a space, before a double space.
        let base = "كلمة ab1 ";
        for pad in 0..40 {
            for tail in [" x", "، y", "  z", " ,", "ـ", " ً", "é", " ", "ab"] {
                check_runs(&format!(
                    "{}{}{tail}{base}",
                    "ب".repeat(pad),
                    "a".repeat(pad % 3)
                ));
            }
        }
    }

    /// Lines of Arabic and ASCII words with spaces, now and then another character.
    fn run_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let chars = prop_oneof![
            8 => proptest::char::range('\u{0600}', '\u{06FF}'),
            4 => proptest::char::range(' ', '~'),
            6 => Just(' '),
            1 => prop::sample::select(vec!['é', 'Σ', '\u{0750}', '\u{08A0}', '😀', '\u{0B}']),
        ];
        proptest::collection::vec(chars, 0..120).prop_map(|v| v.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn text_runs_match_the_char_reading(s in run_line()) {
            check_runs(&s);
        }
    }

    #[test]
    fn strip_decor_trims_non_word_chars() {
        for l in sample_lines() {
            assert_eq!(
                shapes::strip_decor(&l),
                l.trim_matches(|c: char| !is_word_char(c)),
                "{l:?}"
            );
        }
    }
}
