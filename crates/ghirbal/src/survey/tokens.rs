//! Tokens of a line for the survey: byte ranges into the line's display form plus a
//! shape-generalized matching key per token.
//!
//! A token is a whitespace-separated word, further split after an inner `:` or dash so that
//! glued bylines (`-سبق-جازان:أغلقت`) give the same tokens as spaced ones (`- سبق - جازان:`).
//! A token that is only a dash, colon or bar is merged into the token before it, so `سبق -` and
//! `سبق-` have the same key. Keys are the matching form with digit runs as `0`, e-mail addresses
//! as `<email>`, URLs as `<url>` and `@handles` as `<handle>`, and dashes folded to `-`.

use crate::text::matching_form;

/// One token: `start..end` is a byte range into the display text of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub key: String,
}

impl Tok {
    /// The token ends with a segment boundary: `:`, a dash or `|`.
    pub fn is_boundary(&self) -> bool {
        matches!(self.key.chars().last(), Some(':' | '-' | '|'))
    }

    /// The token ends a sentence or a segment (a position after which a tail may start).
    pub fn ends_clause(&self) -> bool {
        if self.is_boundary() || self.key.ends_with("،،") || self.key == "*" {
            return true;
        }
        let core = self.key.trim_end_matches(['»', '"', ')', '”', '\'', ']']);
        matches!(core.chars().last(), Some('.' | '!' | '?' | '؟' | '…'))
    }

    /// The token ends a sentence (`.`, `!`, `?`, `؟`, `…`, possibly before a closing quote) or
    /// with a colon: a position after which a sign-off or credit tail may start.
    pub fn ends_sentence(&self) -> bool {
        if self.key.ends_with(':') || self.key.ends_with("،،") || self.key == "*" {
            return true;
        }
        let core = self.key.trim_end_matches(['»', '"', ')', '”', '\'', ']']);
        matches!(core.chars().last(), Some('.' | '!' | '?' | '؟' | '…'))
    }

    /// The token is a contact or share cue (e-mail, URL, handle, or a word of the generic cue
    /// lexicon).
    pub fn is_cue(&self) -> bool {
        is_cue_key(&self.key)
    }

    /// The token carries letters or a contact shape (not only digits and punctuation).
    pub fn has_letters(&self) -> bool {
        self.key.chars().any(|c| c.is_alphabetic())
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―')
}

fn is_glue_punct(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| is_dash(c) || matches!(c, ':' | '：' | '|' | 'ـ'))
}

/// Split `display` (a display-form line: single spaces, trimmed) into tokens.
pub(crate) fn tokenize(display: &str) -> Vec<Tok> {
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0usize;
    for word in display.split(' ') {
        let wstart = pos;
        pos += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        split_word(word, wstart, &mut pieces);
    }
    let mut toks: Vec<Tok> = Vec::with_capacity(pieces.len());
    for (s, e) in pieces {
        let text = &display[s..e];
        if is_glue_punct(text) {
            if let Some(prev) = toks.last_mut() {
                prev.end = e;
                let mark = if text.contains(':') || text.contains('：') {
                    ':'
                } else if text.contains('|') {
                    '|'
                } else {
                    '-'
                };
                let mut key = token_key(&display[prev.start..prev.end]);
                match key.pop() {
                    Some(c) if matches!(c, ':' | '-' | '|') => {
                        key.push(if c == ':' { ':' } else { mark });
                    }
                    Some(c) => {
                        key.push(c);
                        key.push(mark);
                    }
                    None => key.push(mark),
                }
                prev.key = key;
                continue;
            }
        }
        toks.push(Tok {
            start: s,
            end: e,
            key: token_key(text),
        });
    }
    toks
}

/// Split one word after inner `:` and dashes (not between digits, not inside e-mails/URLs).
fn split_word(word: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    if word.contains('@') || word.contains("://") || word.starts_with("www.") {
        out.push((base, base + word.len()));
        return;
    }
    // A leading bullet (`*خدمة`) is its own token, as when it is spaced (`* خدمة`).
    let bullet = word
        .char_indices()
        .take_while(|&(_, c)| matches!(c, '*' | '•' | '■' | '●' | '▪'))
        .last()
        .map(|(i, c)| i + c.len_utf8());
    if let Some(b) = bullet.filter(|&b| b < word.len()) {
        out.push((base, base + b));
        return split_word(&word[b..], base + b, out);
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut start = 0usize;
    for (i, &(bi, c)) in chars.iter().enumerate() {
        let splittable = c == ':' || is_dash(c);
        if !splittable {
            continue;
        }
        let prev_digit = i > 0 && chars[i - 1].1.is_ascii_digit();
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let next_digit = next.is_some_and(|n| n.is_ascii_digit());
        if prev_digit && next_digit {
            continue;
        }
        let cut = bi + c.len_utf8();
        if i == 0 && chars.len() > 1 {
            // Leading dash or colon: its own piece (merged into the token before it).
            out.push((base, base + cut));
            start = cut;
            continue;
        }
        if next.is_some() && cut > start {
            out.push((base + start, base + cut));
            start = cut;
        }
    }
    if start < word.len() {
        out.push((base + start, base + word.len()));
    }
}

/// Shape-generalized matching key of one token.
pub(crate) fn token_key(text: &str) -> String {
    // A tatweel ending a word (`الزويدـ سبق`) is used as a dash.
    let tatweel_dash =
        text.ends_with('ـ') && text.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let mut m = matching_form(text);
    if tatweel_dash && !m.ends_with([':', '-', '|']) {
        m.push('-');
    }
    let core = m.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
    if core.contains('@') {
        let at = core.find('@').unwrap_or(0);
        let (user, dom) = core.split_at(at);
        if !user.is_empty() && dom.len() > 1 && dom.contains('.') {
            return "<email>".to_string();
        }
        return "<handle>".to_string();
    }
    if core.starts_with("http") || core.starts_with("www.") {
        return "<url>".to_string();
    }
    let mut out = String::with_capacity(m.len());
    let mut in_digits = false;
    for c in m.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('0');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if c.is_whitespace() {
            continue;
        }
        if is_dash(c) || c == 'ـ' {
            out.push('-');
        } else if c == '：' {
            out.push(':');
        } else {
            out.push(c);
        }
    }
    // A trailing run of boundary marks folds to one mark (`:-` → `:`, `--` → `-`).
    while out.len() > 1 {
        let mut it = out.chars().rev();
        let (last, prev) = (it.next(), it.next());
        match (prev, last) {
            (Some(p), Some(l)) if matches!(p, ':' | '-' | '|') && matches!(l, ':' | '-' | '|') => {
                out.pop();
                out.pop();
                out.push(if p == ':' || l == ':' { ':' } else { p });
            }
            _ => break,
        }
    }
    out
}

/// Generic (not per-site) cue words of contact, share and credit furniture, in matching form.
const CUES: &[&str] = &[
    "مقالات",
    "للكاتب",
    "لمراسله",
    "للتواصل",
    "للاتصال",
    "الالكتروني",
    "الاليكتروني",
    "طباعه",
    "رابط",
    "اقرا",
    "للمزيد",
    "محفوظه",
    "تابعونا",
    "تابعوا",
    "اشترك",
    "اشتركوا",
    "النشره",
    "ص.ب",
    "تعليقات",
    "لصديق",
    "اطبع",
    "share",
    "tweet",
    "email",
    "e-mail",
    "print",
    "link",
    "permalink",
    "follow",
    "subscribe",
    "copyright",
    "contact",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "©",
];

pub(crate) fn is_cue_key(key: &str) -> bool {
    is_contact_shape(key) || is_cue_word(key) || is_share_word(key)
}

/// Share-bar and phone words. They also mean "took part", "the phone" etc. in running text, so they count as cues for
/// share bars (leads need two cues) and short tails, but never anchor a tail of unknown length.
const SHARE_WORDS: &[&str] = &[
    "شارك",
    "مشاركه",
    "غرد",
    "تغريد",
    "ارسل",
    "ارسال",
    "نسخ",
    "تويتر",
    "فيسبوك",
    "واتساب",
    "انستغرام",
    "انستقرام",
    "يوتيوب",
    "سناب",
    "تيليجرام",
    "فاكس",
    "هاتف",
    "الهاتف",
    "جوال",
];

fn is_share_word(key: &str) -> bool {
    let core = key.trim_matches(|c: char| !c.is_alphanumeric());
    SHARE_WORDS.contains(&core)
}

/// An e-mail, URL or handle token key.
pub(crate) fn is_contact_shape(key: &str) -> bool {
    matches!(key, "<email>" | "<url>" | "<handle>")
}

/// A word of the generic cue lexicon (ignoring punctuation and a leading `و`).
pub(crate) fn is_cue_word(key: &str) -> bool {
    let core = key.trim_matches(|c: char| !c.is_alphanumeric() && c != '©');
    if core.is_empty() {
        return false;
    }
    if CUES.contains(&core) {
        return true;
    }
    core.strip_prefix('و')
        .is_some_and(|rest| CUES.contains(&rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn glued_and_spaced_bylines_have_the_same_keys() {
        assert_eq!(keys("صحيفة- أبها: نص"), keys("صحيفة - أبها : نص"));
        assert_eq!(keys("صحيفة–أبها:نص"), vec!["صحيفه-", "ابها:", "نص"]);
        let t = keys("علي -صحيفة-جدة:افتتح");
        assert_eq!(t, vec!["علي-", "صحيفه-", "جده:", "افتتح"]);
        assert_eq!(keys("صحيفة ـ جدة : خبر"), vec!["صحيفه-", "جده:", "خبر"]);
        assert_eq!(
            keys("عليـ صحيفة ــ جدة: خبر"),
            vec!["علي-", "صحيفه-", "جده:", "خبر"]
        );
        assert_eq!(keys("قال لـ الصحيفة"), vec!["قال", "ل", "الصحيفه"]);
        assert_eq!(keys("*خدمة «وكالة»"), keys("* خدمة «وكالة»"));
    }

    #[test]
    fn ranges_point_into_display_text() {
        let s = "محمد- صحيفة- جدة: خبر اليوم";
        for t in tokenize(s) {
            assert!(s.get(t.start..t.end).is_some());
        }
        let t = tokenize(s);
        assert_eq!(&s[t[2].start..t[2].end], "جدة:");
    }

    #[test]
    fn shapes_generalize_digits_mail_urls() {
        assert_eq!(token_key("2015"), "0");
        assert_eq!(token_key("٢٠١٥م"), "0م");
        assert_eq!(token_key("a.b@x.com"), "<email>");
        assert_eq!(token_key("https://x.org/a"), "<url>");
        assert_eq!(token_key("@name"), "<handle>");
        assert_eq!(keys("النتيجة 3-1 اليوم"), vec!["النتيجه", "0-0", "اليوم"]);
    }

    #[test]
    fn cues() {
        assert!(is_cue_key("للتواصل:"));
        assert!(is_cue_key("ومقالات"));
        assert!(is_cue_key("<email>"));
        assert!(!is_cue_key("وقال"));
    }
}
