//! Line shapes: credits, bylines, datelines, dates, placeholders, labels. Each is a small parser
//! over the display or matching form, shared by the classifier and the article builder.

use super::lexicon;
use crate::text::chars;
use ghirbal_core::Byline;

/// Strips decoration around a short matching-form line: bullets, colons, dashes, brackets.
/// (`m.trim_matches(|c| !is_word_char(c))`, read off the bytes with
/// [`super::features::word_char_at`].)
pub fn strip_decor(m: &str) -> &str {
    use super::features::word_char_at;
    let mut start = 0;
    while start < m.len() {
        let (word, len) = word_char_at(m, start);
        if word {
            break;
        }
        start += len;
    }
    let mut end = m.len();
    while end > start {
        // The start of the last character of `m[start..end]`.
        let mut last = end - 1;
        while !m.is_char_boundary(last) {
            last -= 1;
        }
        if word_char_at(m, last).0 {
            break;
        }
        end = last;
    }
    &m[start..end]
}

/// Bracketed text longer than this is a passage, not a placeholder.
const PLACEHOLDER_MAX_CHARS: usize = 60;

/// A line made only of `[...]` placeholders, form fields, underscores, rules or symbols
/// (`[Gal]`, `[            ]`, `____`, `*`, `• ●`, `(BUTTON)`), or with almost no letters.
pub fn is_placeholder(display: &str, letters: usize) -> bool {
    if letters == 0 {
        return true;
    }
    if memchr::memchr(b'[', display.as_bytes()).is_none() {
        return false;
    }
    let mut rest = String::with_capacity(display.len());
    let mut depth = 0usize;
    let mut inner = String::new();
    for c in display.chars() {
        match c {
            '[' => depth += 1,
            ']' if depth > 0 => {
                depth -= 1;
                // A long bracketed passage is text (a quoted paragraph), not a `[IMG]`-like
                // placeholder.
                if depth == 0 {
                    if inner.chars().count() > PLACEHOLDER_MAX_CHARS {
                        rest.push_str(&inner);
                    }
                    inner.clear();
                }
            }
            _ if depth == 0 => rest.push(c),
            _ => inner.push(c),
        }
    }
    if depth > 0 && inner.chars().count() > PLACEHOLDER_MAX_CHARS {
        rest.push_str(&inner);
    }
    let rest = rest
        .replace("(BUTTON)", "")
        .replace("(not implemented)", "");
    !rest.chars().any(chars::is_alphabetic)
}

/// A credit closing a caption-like line: `(أ.ف.ب)`, `(تصوير: فلان)`, `(الحياة العربية)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// The line without the credit, trimmed.
    pub text: String,
    /// What the parentheses hold, trimmed (empty for a photo note such as `(أرشيفية)`).
    pub credit: String,
    /// The credit is one we know: an agency, a credit word (`تصوير`), dotted initials, a photo
    /// note. Otherwise it is a short name we take for a credit by its place alone, which may
    /// also be a word of the text in parentheses (`صلت عليك مع (الظهر)`).
    pub known: bool,
}

/// Splits a trailing credit `(أ.ف.ب)` / `(تصوير: فلان)` off a caption-like line; `None` when the
/// line has no credit.
pub fn split_credit(display: &str) -> Option<Credit> {
    match doubled(display) {
        // A caption printed twice on one line (an image's alt text and its caption run together
        // by a scraper: `خلال الزيارة: عندما واراها الثرى! (أ.ف.ب) خلال الزيارة: …`): credited
        // like one, even when its text ends like a sentence (a headline quoted in the caption):
        // running text is not printed twice.
        Some(half) => credit_of(half, true),
        None => credit_of(display, false),
    }
}

/// [`split_credit`] of one printing; `doubled`: the line printed it twice.
fn credit_of(display: &str, doubled: bool) -> Option<Credit> {
    let t = display.trim_end();
    let body = t.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let inner = body[open + 1..].trim();
    let text = body[..open].trim();
    if inner.is_empty() || text.is_empty() || inner.chars().count() > 40 {
        return None;
    }
    // A figure in parentheses (`( 1.92%)`, `(30 عاماً)`, `(2015)`) belongs to the text: a list
    // item's value, an age, a year. A credit starts with a name (`(فرانس 24)`).
    if inner.chars().next().is_some_and(chars::is_numeric) {
        return None;
    }
    let m = crate::text::matching_form(inner);
    let m = strip_decor(&m);
    let inner_words = chars::count_words(inner);
    let text_words = chars::count_words(text);
    // A sentence that ends before the parenthetical is running text with a sign-off, not a caption.
    let sentence = text.ends_with(['.', '!', '؟', '?', '…', '،', ',']);
    let known = lexicon::agencies().is_exactly(m)
        || lexicon::credit_words()
            .find(m)
            .is_some_and(|(s, e)| s == 0 && (e < m.len() || m == "تصوير"))
        || (inner.contains('.') && inner.chars().filter(|&c| chars::is_alphabetic(c)).count() <= 5);
    // An unknown name in parentheses closing a short line (`(الحياة العربية)`) is a credit too,
    // unless it is a media label such as `(صور)` or `(فيديو)`.
    if lexicon::photo_notes().is_exactly(m) && text_words >= 3 {
        // `(أرشيفية)`: a caption, but no credit named.
        return Some(Credit {
            text: display.trim().to_string(),
            credit: String::new(),
            known: true,
        });
    }
    let media = lexicon::media_words().is_exactly(m);
    let has_name = inner
        .split_whitespace()
        .any(|w| w.chars().filter(|&c| chars::is_alphabetic(c)).count() >= 2);
    // (a caption speaks of its photo: text addressing `you` or speaking as `I` is verse or
    // speech with a word in parentheses, `وأنت تهندم طاقيتك (الزري)`)
    let generic =
        inner_words <= 3 && text_words <= 25 && has_name && !media && !opens_in_person(text);
    if (sentence && !doubled) || text_words > 60 || !(known || generic) {
        return None;
    }
    Some(Credit {
        text: undouble(text).to_string(),
        credit: inner.to_string(),
        known,
    })
}

/// A line printed twice on one line (`X X`, as lynx prints a linked image's alt and title) gives `X`.
pub fn undouble(s: &str) -> &str {
    let s = s.trim();
    let n = s.len();
    if n >= 7 && n % 2 == 1 {
        let half = n / 2;
        if s.is_char_boundary(half) && s.as_bytes()[half] == b' ' && s[..half] == s[half + 1..] {
            return &s[..half];
        }
    }
    s
}

/// The text of a line that prints it twice, one space between (`X X`): `X` ([`undouble`]);
/// `None` otherwise.
pub fn doubled(display: &str) -> Option<&str> {
    let half = undouble(display);
    (half.len() < display.trim().len()).then_some(half)
}

/// Key for repeat detection: the matching form with HTML entities decoded and only letters and
/// digits kept, single-spaced.
pub fn repeat_key(matching: &str) -> String {
    let mut out = String::new();
    repeat_key_into(matching, &mut out);
    out
}

/// The xxh3 hash of [`repeat_key`] (built in `buf`), or 0 when the key is empty. Lines are
/// compared by this hash: two different keys on one page colliding is a 2⁻⁶⁴ event.
pub fn repeat_key_hash(matching: &str, buf: &mut String) -> u64 {
    repeat_key_into(matching, buf);
    key_hash(buf)
}

/// The hash [`repeat_key_hash`] gives for an already built key (0 for an empty one).
pub fn key_hash(key: &str) -> u64 {
    if key.is_empty() {
        0
    } else {
        xxhash_rust::xxh3::xxh3_64(key.as_bytes()).max(1)
    }
}

fn repeat_key_into(matching: &str, out: &mut String) {
    /// Appends the words of `m` (maximal runs of word characters), single-spaced, to `out`.
    /// With `stop_at_amp`, gives up at an `&` and returns false: the scan visits every
    /// character, so the entity check costs no pass of its own.
    fn words(m: &str, out: &mut String, stop_at_amp: bool) -> bool {
        let mut i = 0;
        while i < m.len() {
            let (word, len) = super::features::word_char_at(m, i);
            if !word {
                if stop_at_amp && m.as_bytes()[i] == b'&' {
                    return false;
                }
                i += len;
                continue;
            }
            // Words one ASCII space apart (the usual case) are copied together.
            let end = super::features::text_run_end(m, i);
            push_word(out, &m[i..end]);
            i = end;
        }
        true
    }
    out.clear();
    // An `&` in `matching` is in its undoubled part too (the trim drops whitespace only, and
    // a doubled line has it in both halves).
    if words(undouble(matching), out, true) {
        return;
    }
    out.clear();
    let decoded = matching
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ");
    words(undouble(&decoded), out, false);
}

/// Appends `words` (when not empty) to a single-spaced list of words.
fn push_word(out: &mut String, words: &str) {
    if words.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(words);
}

/// Whether the value of a `label: value` line lists items (`الوسوم: الهلال، النصر`,
/// `الوسوم: أ - ب - ج`, `روابط: أ | ب`).
pub fn is_value_list(tail: &str) -> bool {
    tail.contains([',', '،', '|']) || tail.contains(" - ")
}

/// `label: value` with a short label (`القسم: حقوق وحريات`, `المصدر : وكالات`).
pub fn is_label(display: &str, words: usize) -> bool {
    if words > 8 {
        return false;
    }
    // The colon of a URL's scheme (`https://…`) heads no field: a line of running text that
    // a text browser wrapped at a link is no `label: value`.
    let colon = display
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| !display[i + 1..].starts_with("//"));
    match colon {
        Some(i) => {
            let head = display[..i].trim();
            let tail = display[i + 1..].trim();
            let hw = chars::count_words(head);
            let tw = chars::count_words(tail);
            // `القسم: حقوق وحريات`, `الوسوم: أ - ب - ج`; not a headline `البحرين: السماح لصحيفة …`.
            let list = is_value_list(tail);
            // Not `ثانيًا: محور الإصلاح المالي` (a section's heading in a text), nor `(تسألين عن
            // سَقَمي :: صحتي هي العجبُ)` (a verse: a field is not vowelled). Asked last: only of
            // lines of that shape.
            (1..=3).contains(&hw)
                && tw > 0
                && (tw <= 4 || list)
                && !is_ordinal(head)
                && chars::vowelled_letters(display) < MIN_VOWELLED_LETTERS
        }
        None => false,
    }
}

/// An ordinal that numbers a text's sections (`أولاً`, `ثانيًا`, `- ثالثا`, … `عاشرا`,
/// `أخيرا`), vowelled or not, after a bullet or dash.
pub fn is_ordinal(head: &str) -> bool {
    const ORDINALS: &[&str] = &[
        "اولا",
        "ثانيا",
        "ثالثا",
        "رابعا",
        "خامسا",
        "سادسا",
        "سابعا",
        "ثامنا",
        "تاسعا",
        "عاشرا",
        "اخيرا",
    ];
    let word = head
        .trim_start_matches(['-', '*', '•', '–', ' '])
        .trim_end();
    // (at most one word of one- or two-byte letters: nothing else is looked at)
    if word.is_empty() || word.len() > 24 || word.contains(' ') {
        return false;
    }
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{064B}'..='\u{0652}' | 'ـ' => {}
            'أ' | 'إ' | 'آ' => folded.push('ا'),
            c => folded.push(c),
        }
    }
    ORDINALS.contains(&folded.as_str())
}

/// A list of tags or keywords under a field name (`الكلمات الدالة: وزارة البيئة، مياه الأمطار،
/// السيول`, `Mots-clés : الجفاف ، الماشية`): the head before the colon is a furniture word and
/// the tail a list. A label of any length, never running text (its commas are not sentences).
pub fn is_tag_list(matching: &str) -> bool {
    let Some((head, tail)) = matching.split_once(':') else {
        return false;
    };
    // The field name first: one lookup, false on nearly every line with a colon.
    if !is_field_name(head) {
        return false;
    }
    // Every item a few words (a review opening `قراءة: …، …` is prose, not tags).
    let mut items = 0;
    for item in tail.split([',', '،', '|']).flat_map(|i| i.split(" - ")) {
        if chars::count_words(item) > 4 {
            return false;
        }
        items += 1;
    }
    items >= 2
}

/// Whether the head of a `head: value` line (matching form) is a furniture word naming a field
/// (`القسم`, `الوسوم`, `الكلمات الدالة`), not a speaker or a subject.
pub fn is_field_name(head: &str) -> bool {
    lexicon::ui_words().is_exactly(strip_decor(head.trim()))
}

/// A form control as a text browser prints it: `[x] تحديث تلقائي`, `[ ] تذكرني`, `(*) نعم`.
pub fn is_form_control(display: &str) -> bool {
    let d = display.trim_start();
    let close = match d.chars().next() {
        Some('[') => ']',
        Some('(') => ')',
        _ => return false,
    };
    let rest = &d[1..];
    let Some(end) = rest.find(close) else {
        return false;
    };
    matches!(
        rest[..end].trim(),
        "" | "x" | "X" | "*" | "✓" | "✔" | "o" | "•"
    ) && chars::count_words(d) <= 6
}

/// A short line whose words are site furniture; `core` is [`strip_decor`] of `matching`.
pub fn is_ui(matching: &str, core: &str, words: usize, letters: usize) -> bool {
    if words == 0 {
        return true;
    }
    // A widget of a letter or two (`TT`, `A A`), not a short Arabic word with a number.
    if letters <= 2 && words <= 2 {
        return true;
    }
    // Weather widgets.
    if words <= 8 && has_degree_sign(matching) {
        return true;
    }
    if words > 12 {
        return false;
    }
    let lex = lexicon::ui_words();
    if lex.is_exactly(core) {
        return true;
    }
    // A share/print/follow prompt: `شارك هذا التحديث`.
    let first = core.split_whitespace().next().unwrap_or("");
    if words <= 4 && lexicon::ui_verbs().is_exactly(first) {
        return true;
    }
    // Mostly made of furniture words, or (three words or more) a menu of section names. Both
    // tests grow with the bytes covered: when furniture words alone pass, section names need
    // not be searched.
    let spaces = memchr::memchr_iter(b' ', core.as_bytes()).count();
    let mostly = |covered: usize| {
        (covered + spaces) * 10 >= core.len() * 7 && (words <= 6 || covered * 10 >= core.len() * 6)
    };
    let mut covered = lex.covered(core);
    if mostly(covered) {
        return true;
    }
    // A preposition joins words into a phrase (`الاقتصاد في صور`, a gallery's headline): menu
    // items stand side by side. Not after a furniture word that opens the line: `المزيد من
    // الاقتصاد »` is a link to a section.
    let opens_with_furniture =
        || lex.is_exactly(first.trim_start_matches(|c: char| !c.is_alphabetic()));
    // A match between two teams that are country names (`السعودية x فلسطين 4-0`) is no menu
    // (asked last, of the few lines that read as menus).
    if words >= 3 && (!has_preposition(core) || opens_with_furniture()) {
        covered += lexicon::sections().covered(core);
        if mostly(covered) {
            return !is_fixture(core);
        }
    }
    // A menu needs three whole-word hits: with less than a fifth of the bytes covered, it is not
    // one (this skips the per-word lookups for nearly every line).
    covered * 10 >= core.len() * 2 && is_menu(core, words) && !is_fixture(core)
}

/// A match between two sides, in matching form: `السعوديه x فلسطين 4-0`, `الهلال ضد النصر`:
/// two sides of one to four words each around ` x `, ` × ` or ` ضد `.
fn is_fixture(core: &str) -> bool {
    [" x ", " × ", " ضد "].iter().any(|sep| {
        let mut sides = core.split(sep);
        let side =
            |s: Option<&str>| s.is_some_and(|s| (1..=4).contains(&s.split_whitespace().count()));
        side(sides.next()) && side(sides.next()) && sides.next().is_none()
    })
}

/// Prepositions that join the words of a phrase, in matching form (`على` is `علي`).
const PREPOSITIONS: &[&str] = &["في", "من", "علي", "الي", "عن", "مع", "حول", "بين"];

/// Whether the matching form `core` has a word that is a preposition.
fn has_preposition(core: &str) -> bool {
    core.split(' ').any(|w| PREPOSITIONS.contains(&w))
}

/// Whether `m` contains `°` (U+00B0): a byte search for its encoding `C2 B0` (its last byte
/// alone also ends Arabic letters such as `ذ`).
fn has_degree_sign(m: &str) -> bool {
    let b = m.as_bytes();
    memchr::memchr_iter(0xC2, b).any(|i| b.get(i + 1) == Some(&0xB0))
}

/// Five or more words of which at least three, and 40%, are section names or furniture words on
/// their own (`الرئيسية الوطني الدولي اقتصاد رياضة ثقافة`): a menu printed without separators.
fn is_menu(core: &str, words: usize) -> bool {
    if words < 5 || core.contains([',', '.', '?', '!', ':', '"']) {
        return false;
    }
    let hits = core
        .split_whitespace()
        .filter(|w| lexicon::sections().is_exactly(w) || lexicon::ui_words().is_exactly(w))
        .count();
    hits >= 3 && hits * 10 >= words * 4
}

/// A short line that states a date or a time.
pub fn is_date(matching: &str, words: usize, digits: usize, letters: usize) -> bool {
    if words == 0 || words > 18 {
        return false;
    }
    if is_relative_time(matching, words) {
        return true;
    }
    // A line of four words or more closing on a full stop is a sentence that gives a date
    // (`الأثر على الأعوام ما قبل 2013.`, `* عضو مجلس الشورى منذ 3 /3 /1426هـ.`), not a date line.
    if words >= 4 && ends_with_full_stop(matching) {
        return false;
    }
    if digits == 0 && words > 3 {
        return false;
    }
    if digits == 0 {
        // `الخميس`, `منذ ساعتين`
        return words <= 3 && lexicon::date_words().covered(matching) * 10 >= matching.len() * 8;
    }
    let has_numeric_date = has_numeric_date(matching);
    // A colon inside the line may be a time's (`10:30`, `آخر تحديث: 5 مارس`); one that ends it
    // introduces what follows (`1 - الذهاب للمقابلة قبل موعدها بكثير:`).
    let year_or_time = has_numeric_date
        || memchr::memchr(b':', matching.trim_end().trim_end_matches(':').as_bytes()).is_some()
        || has_year(matching);
    if !year_or_time {
        return false;
    }
    let date_words = lexicon::date_words().covered(matching);
    let other_letters = letters.saturating_sub(date_words);
    year_or_time && (date_words > 0 || has_numeric_date) && other_letters <= 40 + date_words / 2
}

/// `منذ 3 ساعات`, `قبل ساعة`, `منذ يوم`, `3 hours ago`.
fn is_relative_time(m: &str, words: usize) -> bool {
    if words == 0 || words > 4 {
        return false;
    }
    let first = m.split_whitespace().next().unwrap_or("");
    let units = [
        "ساعه",
        "ساعات",
        "ساعتين",
        "دقيقه",
        "دقائق",
        "دقيقتين",
        "يوم",
        "ايام",
        "يومين",
        "اسبوع",
        "اسابيع",
        "شهر",
        "اشهر",
        "ثانيه",
        "ثوان",
    ];
    (first == "منذ" || first == "قبل") && m.split_whitespace().skip(1).any(|w| units.contains(&w))
        || (m.ends_with(" ago") && words <= 3)
}

fn has_year(m: &str) -> bool {
    // Runs of ASCII digits, found on bytes (no other byte of UTF-8 text is an ASCII digit).
    m.as_bytes()
        .split(|b| !b.is_ascii_digit())
        .any(|w| w.len() == 4 && matches!(&w[..2], b"19" | b"20" | b"14"))
}

fn has_numeric_date(m: &str) -> bool {
    // dd/mm/yyyy, dd-mm-yy, dd.mm.yyyy, yyyy-mm-dd: three groups of digits, day and month of
    // one or two, the year of two or four. Other runs of dotted or dashed numbers (`1.900.000`,
    // an address `192.168.1.1`, a phone `0555-123-4567`) are not dates.
    let b = m.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // The lengths of the first three groups, and how many groups there are.
        let (mut lens, mut groups) = ([0usize; 3], 0);
        let mut j = i;
        loop {
            let s = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if let Some(n) = lens.get_mut(groups) {
                *n = j - s;
            }
            groups += 1;
            let joined =
                j + 1 < b.len() && matches!(b[j], b'/' | b'-' | b'.') && b[j + 1].is_ascii_digit();
            if !joined {
                break;
            }
            j += 1;
        }
        let day_month = |n: usize| (1..=2).contains(&n);
        let [a, b, c] = lens;
        if groups == 3
            && ((day_month(a) && day_month(b) && matches!(c, 2 | 4))
                || (a == 4 && day_month(b) && day_month(c)))
        {
            return true;
        }
        i = j;
    }
    false
}

/// A byline / dateline line: `«X» (City)`, `Name (City)`, `City: «X»`, `City - X:`, `كتب فلان`,
/// `بقلم: فلان`, `المصدر: وكالات`. `words` is [`super::features::Features::words`] and
/// `split_words` is `display.split_whitespace().count()`.
pub fn is_byline(display: &str, matching: &str, words: usize, split_words: usize) -> bool {
    words > 0 && words <= 7 && parse_counted_byline(display, matching, split_words, false).is_some()
}

/// Whether `text` opens with a pronoun of the first or second person (`أنا`, `وأنت`, `نحن`),
/// maybe after `و` or `ف`: a sentence spoken or addressed, never a name or a photo's caption.
fn opens_in_person(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    let m = crate::text::matching_form(first);
    let bare = m
        .strip_prefix('و')
        .or_else(|| m.strip_prefix('ف'))
        .filter(|b| !b.is_empty());
    [m.as_str(), bare.unwrap_or_default()]
        .iter()
        .any(|w| PERSON_PRONOUNS.contains(w))
}

/// [`opens_in_person`]'s pronouns, in the matching form.
const PERSON_PRONOUNS: &[&str] = &["انا", "انت", "انتم", "انتما", "انتن", "نحن"];

/// Fewest vowelled letters ([`chars::vowelled_letters`]) of a line that is no byline and no
/// `label: value` field, and of a line that reads as vowelled verse: a name, a field or a
/// headline is not vowelled, one letter at most (`محمَّد`).
pub(crate) const MIN_VOWELLED_LETTERS: usize = 2;

/// Parses a byline into author / publisher / dateline.
pub fn parse_byline(display: &str, matching: &str) -> Option<Byline> {
    parse_counted_byline(display, matching, chars::count_words(display), false)
}

/// [`parse_byline`] for a line under the text (a sign-off). A writer signs `Name - City`
/// (`أحلام الفهمي - الدمام`), where a dateline over the text reads `City - Name` (`الرياض -
/// محمد الغامدي`): the two sides of a dashed byline swap. Other shapes read the same.
pub fn parse_signoff(display: &str, matching: &str) -> Option<Byline> {
    parse_counted_byline(display, matching, chars::count_words(display), true)
}

/// [`parse_byline`] given `words`, `display.split_whitespace().count()` (which trimming does
/// not change); `signoff`: the line is under the text ([`parse_signoff`]).
fn parse_counted_byline(
    display: &str,
    matching: &str,
    words: usize,
    signoff: bool,
) -> Option<Byline> {
    let d = display.trim();
    if words == 0 || words > 7 {
        return None;
    }
    // A name is not vowelled: a line with short-vowel marks is verse or scripture
    // (`والماءُ -رغم ضلالهمْ– يتبسَّمُ`, a hemistich with dashes around its aside).
    if chars::vowelled_letters(d) >= MIN_VOWELLED_LETTERS {
        return None;
    }
    // «X» (City) / Name (City)
    if let Some(rest) = d.strip_suffix(')') {
        if let Some(open) = rest.rfind('(') {
            let city = rest[open + 1..].trim();
            let who = rest[..open].trim();
            let city_words = chars::count_words(city);
            if !who.is_empty()
                && (1..=3).contains(&city_words)
                && !city.chars().any(|c| c.is_ascii_digit())
            {
                let cm = crate::text::matching_form(city);
                if lexicon::agencies().is_exactly(strip_decor(&cm)) {
                    return None; // a credit, not a dateline
                }
                let who_words = chars::count_words(who);
                if let Some(p) = guillemet(who) {
                    return Some(Byline {
                        author: None,
                        publisher: Some(p),
                        dateline: Some(city.to_string()),
                    });
                }
                // (a name has no digits: `100 ملم من الخل (كوب قهوة صغير)` is a recipe's item)
                if who_words <= 4
                    && !who.contains(['.', '،', ',', ':'])
                    && !opens_in_person(who)
                    && !who.chars().any(chars::is_numeric)
                {
                    return Some(Byline {
                        author: Some(who.to_string()),
                        publisher: None,
                        dateline: Some(city.to_string()),
                    });
                }
            }
        }
    }
    // Lead word: كتب / بقلم / حوار / المصدر ...
    let first_len = memchr::memchr2(b' ', b':', matching.as_bytes()).unwrap_or(matching.len());
    let first = &matching[..first_len];
    let lead_words = [
        "كتب",
        "كتبت",
        "بقلم",
        "حوار",
        "حاوره",
        "اعداد",
        "تقرير",
        "ترجمه",
        "متابعه",
        "تحرير",
        "المصدر",
        "مصدر",
        "تحقيق",
        "اشراف",
        "by",
        "par",
    ];
    let first_folded = trim_non_alphanumeric(first);
    if lead_words.contains(&first_folded) {
        let rest = d[memchr::memchr2(b' ', b':', d.as_bytes()).unwrap_or(d.len())..]
            .trim_start_matches([' ', ':', '-', '–'])
            .trim();
        if rest.is_empty() || chars::count_words(rest) > 5 {
            return None;
        }
        if first_folded == "المصدر" || first_folded == "مصدر" {
            return Some(Byline {
                author: None,
                publisher: Some(rest.to_string()),
                dateline: None,
            });
        }
        return Some(Byline {
            author: Some(rest.to_string()),
            publisher: None,
            dateline: None,
        });
    }
    // City: «X»  /  City - X:
    if let Some(i) = find_colon_or_dash(d) {
        let sep = d[i..].chars().next().map_or(1, char::len_utf8);
        let head = d[..i].trim();
        let tail = d[i + sep..].trim().trim_end_matches(':').trim();
        let hw = chars::count_words(head);
        let tw = chars::count_words(tail);
        if (1..=2).contains(&hw)
            && (1..=4).contains(&tw)
            && !head.chars().any(|c| c.is_ascii_digit())
        {
            if let Some(p) = guillemet(tail) {
                return Some(Byline {
                    author: None,
                    publisher: Some(p),
                    dateline: Some(head.to_string()),
                });
            }
            let tm = crate::text::matching_form(tail);
            if lexicon::agencies().is_exactly(strip_decor(&tm)) {
                return Some(Byline {
                    author: None,
                    publisher: Some(tail.trim_matches(['(', ')']).to_string()),
                    dateline: Some(head.to_string()),
                });
            }
            // `City - Name` / `City - Outlet`: a short line of names only.
            if names_only(d) && hw + tw <= 5 && d[i..].starts_with(['-', '–']) {
                let (author, dateline) = if signoff { (head, tail) } else { (tail, head) };
                return Some(Byline {
                    author: Some(author.to_string()),
                    publisher: None,
                    dateline: Some(dateline.to_string()),
                });
            }
        }
    }
    None
}

/// A reader's or writer's signature dashed with a tatweel standing between spaces, as Saudi
/// papers print them: `ام يارا ـ النعيرية`, `محمود وهبي ـ جدة` — one to four words, the
/// dash, one to three words, and no punctuation or digit. Not read as a byline: a match
/// between two teams is printed so too (`مازيمبي ـ سموحة`, a subheading of a match report);
/// but never a headline, and a Q&A column's signature.
pub fn is_tatweel_signature(display: &str) -> bool {
    let d = display.trim();
    let Some((head, tail)) = d.split_once(SPACED_TATWEEL) else {
        return false;
    };
    let (hw, tw) = (chars::count_words(head), chars::count_words(tail));
    (1..=4).contains(&hw)
        && (1..=3).contains(&tw)
        && names_only(d)
        && !d.contains(['»', ':', '-', '–'])
        && !tail.contains(SPACED_TATWEEL.trim())
}

/// A short line of names only, as a dashed byline is (`الرياض - محمد الغامدي`): no sentence or
/// quotation punctuation, no brackets, no digits.
fn names_only(d: &str) -> bool {
    !d.contains([
        '.', '،', ',', '؟', '?', '!', '«', '"', '[', ']', '(', ')', '/', '|',
    ]) && !d.chars().any(chars::is_numeric)
}

/// A tatweel (kashida) standing alone between spaces: a dash (inside or after a word, `بـ`,
/// it stretches the word).
const SPACED_TATWEEL: &str = " ـ ";

/// `s.trim_matches(|c| !chars::is_alphanumeric(c))`, with a shortcut for the usual word that
/// starts and ends with a letter or digit.
fn trim_non_alphanumeric(s: &str) -> &str {
    let first = s.chars().next();
    let last = s.chars().next_back();
    match (first, last) {
        (Some(a), Some(z)) if chars::is_alphanumeric(a) && chars::is_alphanumeric(z) => s,
        _ => s.trim_matches(|c: char| !chars::is_alphanumeric(c)),
    }
}

/// The first `:`, `-` or `–` of `s` (a byte search: `–` is the only one that is not ASCII).
fn find_colon_or_dash(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr3_iter(b':', b'-', 0xE2, b)
        .find(|&i| b[i] != 0xE2 || b[i..].starts_with("–".as_bytes()))
}

fn guillemet(s: &str) -> Option<String> {
    let s = s.trim();
    let inner = s.strip_prefix('«')?.strip_suffix('»')?;
    (!inner.trim().is_empty()).then(|| inner.trim().to_string())
}

/// Whether `t` ends (past trailing whitespace) with one full stop: a sentence's end, not an
/// ellipsis `..`, which headlines and teasers use.
pub(super) fn ends_with_full_stop(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with('.') && !t.ends_with("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::matching_form;

    #[test]
    fn caption_printed_twice_on_one_line_keeps_its_credit() {
        // Regression (generated corpus, 6 pages): an image's alt text and caption run together,
        // `X (د.ب.أ) X (د.ب.أ)`, had no credit (its inner text holds a parenthesis) and, long
        // enough, was a body paragraph.
        let line = "من الجلسة الافتتاحية: سوريا والضمير العالمي المُسهّد! (الأناضول) من الجلسة الافتتاحية: سوريا والضمير العالمي المُسهّد! (الأناضول)";
        assert_eq!(
            doubled(line),
            Some("من الجلسة الافتتاحية: سوريا والضمير العالمي المُسهّد! (الأناضول)")
        );
        let m = crate::text::normalize::matching_form(line);
        let f = crate::structure::features::compute(line, &m);
        assert!(f.credit.is_some() && !f.good, "{f:?}");
        assert_eq!(doubled("شلت يد الغدر شلت يد"), None);
        assert_eq!(doubled("abc def abc def"), Some("abc def"));
        assert_eq!(doubled(" "), None);
    }

    #[test]
    fn wrapped_line_with_a_link_is_no_label() {
        // Regression (generated corpus, a lynx page): the colon of `https://` made a line of a
        // wrapped paragraph a `label: value` (head `… الإلكتروني https`, tail a list by its
        // comma), which ended the wrapped paragraph early; the page kept no article.
        let line = "والموظفين الإلكتروني https://dfpa.ksu.edu.sa/، مبيناً أن التقديم";
        assert!(!is_label(line, 8));
        // A field whose value is a link is still a label.
        assert!(is_label("المصدر: https://www.spa.gov.sa/، واس", 4));
        assert!(is_label("القسم: محليات", 2));
    }

    fn byline(s: &str) -> Option<Byline> {
        parse_byline(s, &matching_form(s))
    }

    #[test]
    fn repeat_keys_are_the_words_single_spaced() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
        let mut lines: Vec<String> = vec![
            "  أ  ب، ج-د «هـ» x1 2y ".to_string(),
            "كلمة كلمة".to_string(),
            "ـ ً ا ً".to_string(),
            String::new(),
        ];
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            lines.extend(String::from_utf8_lossy(&bytes).lines().map(matching_form));
        }
        for l in &lines {
            let m = undouble(l);
            let want: Vec<&str> = m
                .split(|c: char| !crate::structure::features::is_word_char(c))
                .filter(|w| !w.is_empty())
                .collect();
            if !l.contains('&') {
                assert_eq!(repeat_key(l), want.join(" "), "{l}");
            }
        }
    }

    #[test]
    fn credits_split_off_captions() {
        assert_eq!(
            split_credit("وزير الخارجية الروسي (د.ب.أ)"),
            Some(Credit {
                text: "وزير الخارجية الروسي".to_string(),
                credit: "د.ب.أ".to_string(),
                known: true,
            })
        );
        assert_eq!(split_credit("قال إن الحرب (في أوكرانيا) انتهت"), None);
        assert!(split_credit("لقطة من الحفل (تصوير: أحمد علي)").is_some_and(|c| c.known));
        // A name known by its place only.
        assert!(split_credit("من حفل التخرج (الحياة العربية)").is_some_and(|c| !c.known));
    }

    #[test]
    fn figure_in_parentheses_is_no_credit() {
        // Regression (SaudiNewsNet, alriyadh/aawsat): a list item closing on a figure in
        // parentheses read as a captioned photo (`1.92%` as dotted initials, `30 عاماً` as a
        // name): bond yields, transfer fees and victims' ages left the body as captions.
        for line in [
            "- خمس سنوات بمعدل عائد ( 1.92%)",
            "محمد عبدالله الشهري (30 عاماً)",
            "انخفاض أسعار النفط (2015)",
        ] {
            assert_eq!(split_credit(line), None, "{line}");
        }
        assert!(split_credit("أمواج عالية على الكورنيش (الأخبار 24)").is_some());
    }

    #[test]
    fn bylines_of_several_shapes() {
        let b = byline("«الشرق الأوسط» (واشنطن)").unwrap_or_default();
        assert_eq!(b.publisher.as_deref(), Some("الشرق الأوسط"));
        assert_eq!(b.dateline.as_deref(), Some("واشنطن"));
        let b = byline("إيلي يوسف (واشنطن)").unwrap_or_default();
        assert_eq!(b.author.as_deref(), Some("إيلي يوسف"));
        let b = byline("حوار: آسيا العتروس").unwrap_or_default();
        assert_eq!(b.author.as_deref(), Some("آسيا العتروس"));
        let b = byline("المصدر : وكالات").unwrap_or_default();
        assert_eq!(b.publisher.as_deref(), Some("وكالات"));
        let b = byline("الرياض: «الحياة»").unwrap_or_default();
        assert_eq!(b.dateline.as_deref(), Some("الرياض"));
        assert!(byline("قال الوزير إن الاتفاق سيوقع غدا في العاصمة (الرياض)").is_none());
        assert!(byline("وزير الخارجية (د.ب.أ)").is_none());
    }

    #[test]
    fn signoff_reads_name_then_city() {
        // Regression (SaudiNewsNet, al-jazirah readers' letters): a signature under the text,
        // `أحلام الفهمي - الدمام`, was read as a dateline (author `الدمام`).
        let s = "أحلام الفهمي - الدمام";
        let b = parse_signoff(s, &matching_form(s)).unwrap_or_default();
        assert_eq!(b.author.as_deref(), Some("أحلام الفهمي"));
        assert_eq!(b.dateline.as_deref(), Some("الدمام"));
        // Over the text the city comes first; a name with its city in parentheses reads the
        // same either way.
        let b = byline("الرياض - محمد الغامدي").unwrap_or_default();
        assert_eq!(b.dateline.as_deref(), Some("الرياض"));
        let s = "إيلي يوسف (واشنطن)";
        let b = parse_signoff(s, &matching_form(s)).unwrap_or_default();
        assert_eq!(b.author.as_deref(), Some("إيلي يوسف"));
    }

    #[test]
    fn colon_or_dash_search_matches_the_char_search() {
        for s in [
            "الرياض – «الحياة»",
            "الرياض: x",
            "a-b",
            "—–x",
            "“نص” – كاتب",
            "لا شيء",
            "",
        ] {
            assert_eq!(find_colon_or_dash(s), s.find([':', '-', '–']), "{s}");
        }
    }

    #[test]
    fn a_name_has_no_digits() {
        // Regression (SaudiNewsNet, aawsat recipe): `Name (City)` read a recipe's item.
        let d = "100 ملم من الخل (كوب قهوة صغير)";
        assert!(parse_byline(d, &matching_form(d)).is_none());
        let d = "محمد العلي (الرياض)";
        assert!(parse_byline(d, &matching_form(d)).is_some());
    }

    #[test]
    fn tatweel_dashed_signatures() {
        for s in [
            "ام يارا ـ النعيرية",
            " ام عبدالهادي ـ الخبر",
            "محمود وهبي ـ جدة",
            "جدة ـ نجيب الجداوي",
        ] {
            assert!(is_tatweel_signature(s), "{s}");
        }
        for s in [
            "تعادل بـ هدفين",
            "ـــــ",
            "الرياض ـ 15 أغسطس",
            "أيرلندا ـ \"أبل\"",
            "قال الوزير إن المشروع ـ الذي بدأ العام الماضي ـ سينتهي قريبا",
            "انطلاق «هافينغتون بوست ـ عربي» اليوم",
        ] {
            assert!(!is_tatweel_signature(s), "{s}");
        }
    }

    #[test]
    fn dates_and_placeholders() {
        assert!(is_date(
            &matching_form("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)"),
            8,
            10,
            30
        ));
        assert!(is_date("2026-01-08 | 12:42", 3, 12, 0));
        // Regression (reader audit, SaudiNewsNet): a sentence closing on a full stop that gives
        // a date (a subheading, an author's bio, a footnote) was a date line: it left the body,
        // and became the article's date.
        for line in [
            "الأثر على الأعوام ما قبل 2013.",
            "* عضو مجلس الشورى منذ 3 /3 /1426هـ.",
            "(29) مجلة الأزهر (ديسمبر 1967)، ص 566.",
        ] {
            let m = matching_form(line);
            let words = chars::count_words(line);
            assert!(!is_date(&m, words, 8, 20), "{line}");
        }
        assert!(is_date(&matching_form("نشر في: 15 أغسطس 2015"), 5, 6, 12));
        for date in ["28/8/2015", "13.7.15", "2015-08-28", "1436/10/18"] {
            assert!(has_numeric_date(date), "{date}");
        }
        // Regression (generated pages): `(1.900.000) زائر` in a paragraph read as a date, which
        // split its wrapped lines and made the first one a headline.
        for number in [
            "(1.900.000)",
            "192.168.1.1",
            "0555-123-4567",
            "1.2.3",
            "8655-8222",
        ] {
            assert!(!has_numeric_date(number), "{number}");
        }
        // Regression (SaudiNewsNet, aawsat): a numbered subheading ending with a colon, with a
        // date word (`قبل`, before), was a date (its colon taken for a time's): it split the
        // lead paragraph from the body.
        for intro in [
            "1 - الذهاب للمقابلة قبل موعدها بكثير:",
            "4) قبل التسوق.. قم بإعداد قائمة بالأطعمة التي تحتاجها:",
        ] {
            let m = matching_form(intro);
            let words = m.split_whitespace().count();
            let letters = m.chars().filter(|c| c.is_alphabetic()).count();
            assert!(!is_date(&m, words, 1, letters), "{intro}");
        }
        assert!(is_date(&matching_form("آخر تحديث: 5 مارس"), 4, 1, 12));
        assert!(is_placeholder("[Gal]", 3));
        assert!(is_placeholder("[            ]", 0));
        assert!(!is_placeholder("نص [1] عادي", 6));
        assert_eq!(undouble("عنوان الخبر عنوان الخبر"), "عنوان الخبر");
    }

    #[test]
    fn form_controls_are_furniture() {
        assert!(is_form_control("[x] تحديث تلقائي"));
        assert!(is_form_control("[ ] تذكرني"));
        assert!(!is_form_control("[1] عنوان خبر طويل عن الاقتصاد"));
        assert!(!is_form_control("(أ.ف.ب) صورة"));
    }

    #[test]
    fn en_dash_byline_does_not_panic() {
        // Regression: slicing one byte past a multi-byte separator (`–`) panicked.
        let b = byline("الرياض – محمد علي").unwrap_or_default();
        assert_eq!(b.dateline.as_deref(), Some("الرياض"));
        assert!(byline("– –").is_none());
    }

    #[test]
    fn vowelled_hemistich_with_dashes_is_no_byline() {
        // Regression (SaudiNewsNet, alwatan 27408): a hemistich with its aside between dashes
        // (`والماءُ -رغم ضلالهمْ– يتبسَّمُ`) was read as `City - Name` and became the article's
        // byline. A name is not vowelled; one vowelled letter (`عبّاد`, `محمَّد`) is no vowelling.
        assert!(byline("والماءُ -رغم ضلالهمْ– يتبسَّمُ").is_none());
        assert!(byline("الرياض - عبّاد الحربي").is_some());
        assert!(byline("الرياض - محمَّد الغامدي").is_some());
    }

    #[test]
    fn verse_addressing_you_with_a_word_in_parentheses_is_no_byline_or_caption() {
        // Regression (SaudiNewsNet, al-jazirah 20150725 cu7): in a page of free verse, `وأنت
        // تهندم طاقيتك (الزري)` read as `Name (City)` and as a caption with its credit; the
        // verse broke there, and 15 of its 22 lines were dropped as short lines.
        for line in [
            "وأنت تهندم طاقيتك (الزري)",
            "أنا أحبك (جدا)",
            "فنحن نعود (الليلة)",
        ] {
            assert!(byline(line).is_none(), "{line}");
            assert_eq!(split_credit(line), None, "{line}");
        }
        // Names and captions open with anything else, `وليد` and `وائل` with `و`.
        assert!(byline("وليد الحارثي (جدة)").is_some());
        assert!(split_credit("أنصار الفريق في المدرجات (الحياة العربية)").is_some());
        assert!(split_credit("وائل كفوري في الحفل (الحياة العربية)").is_some());
    }

    #[test]
    fn ordinal_section_headings_and_verses_are_no_fields() {
        // Regression (SaudiNewsNet, aawsat 426971, alyaum 4081136): a text's sections headed
        // `أولا: محور الإصلاح الإداري` … `خامسا: محور مكافحة الفساد` were read as `label: value`
        // fields and dropped from the body.
        for s in [
            "أولا: محور الإصلاح الإداري",
            "ثانيًا: محور الإصلاح المالي",
            "رابعاً: العواقب على القطاع المالي",
            "- ثانيا: حل قصير المدى",
        ] {
            assert!(!is_label(s, chars::count_words(s)), "{s}");
        }
        assert!(is_label("القسم: حقوق وحريات", 3));
        // Regression (alriyadh 1069373): a vowelled verse split by `::` is no field either.
        assert!(!is_label("(تسألين عن سَقَمي :: صحتي هي العجبُ)", 6));
        assert!(!is_ordinal("الثاني"));
    }

    #[test]
    fn city_dash_outlet_is_a_byline() {
        for s in [
            "دبي - الاقتصادي الخليجي",
            "إسطنبول - جسور نيوز",
            "By Sarah Mitchell",
        ] {
            let f = crate::structure::features::compute(s, &matching_form(s));
            assert!(f.byline, "{s}: {f:?}");
        }
    }

    #[test]
    fn tag_lists_are_labels_but_a_review_opening_is_not() {
        // Regression (fixtures 01 and 04): a long tags line was running text (its commas read
        // as sentence punctuation) and closed the body.
        let tags = |s: &str| is_tag_list(&matching_form(s));
        assert!(tags(
            "الكلمات الدالة: وزارة البيئة، مياه الأمطار، السيول، عسير، الاستراتيجية الوطنية للمياه"
        ));
        assert!(tags("Mots-clés : الجفاف ، الماشية ، الأعلاف ، وزارة الفلاحة"));
        assert!(tags("الوسوم: الوداد - الرجاء - الدوري المغربي"));
        // A furniture word heading prose (`قراءة: …`, a book review) is not a list of tags.
        assert!(!tags("قراءة: حنان آل سيف - رواية جميلة لكاتب سعودي أبدع في سردها ومحتواها وشخصياتها، ومن ملامح جمالها كثرة الشخصيات"));
        assert!(!tags(
            "وقال الوزير: إن المشروع، الذي يخدم المنطقة، سيفتتح قريبا"
        ));
    }
}
