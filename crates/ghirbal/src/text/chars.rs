//! Character classes with exactly the standard library's semantics, fast for the characters
//! Arabic text is made of.
//!
//! `char::is_alphabetic`, `is_alphanumeric` and `is_numeric` search Unicode tables for every
//! non-ASCII character; on Arabic text that search was a quarter of the survey pass. These
//! answer ASCII and the Arabic blocks (U+0600–U+06FF, U+0750–U+077F) from a table built once
//! from the standard functions themselves, and defer to them for everything else, so they can
//! replace the standard calls without changing a single result.

use std::sync::OnceLock;

const ALPHA: u8 = 1;
const NUMERIC: u8 = 2;
const WHITESPACE: u8 = 4;

/// Classes of U+0000–U+077F (ASCII, Latin-1, …, Arabic and Arabic Supplement).
const TABLE_END: u32 = 0x0780;

fn table() -> &'static [u8; TABLE_END as usize] {
    static T: OnceLock<[u8; TABLE_END as usize]> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = [0u8; TABLE_END as usize];
        for (cp, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(cp as u32) else {
                continue;
            };
            let mut k = 0;
            if c.is_alphabetic() {
                k |= ALPHA;
            }
            if c.is_numeric() {
                k |= NUMERIC;
            }
            if c.is_whitespace() {
                k |= WHITESPACE;
            }
            *slot = k;
        }
        t
    })
}

#[inline]
fn class(c: char) -> Option<u8> {
    let cp = c as u32;
    (cp < TABLE_END).then(|| table()[cp as usize])
}

/// [`char::is_alphabetic`], table-driven below U+0780.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    class(c).map_or_else(|| c.is_alphabetic(), |k| k & ALPHA != 0)
}

/// [`char::is_numeric`], table-driven below U+0780.
#[inline]
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    class(c).map_or_else(|| c.is_numeric(), |k| k & NUMERIC != 0)
}

/// [`char::is_alphanumeric`], table-driven below U+0780.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    class(c).map_or_else(|| c.is_alphanumeric(), |k| k & (ALPHA | NUMERIC) != 0)
}

/// [`char::is_whitespace`], table-driven below U+0780.
#[inline]
pub fn is_whitespace(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c == '\u{0B}';
    }
    class(c).map_or_else(|| c.is_whitespace(), |k| k & WHITESPACE != 0)
}

/// What a byte tells [`count_words`]: 0 inside a word (ASCII non-space, continuation bytes, lead
/// bytes of characters that are never whitespace), 1 ASCII whitespace (tab..CR and space), 2 a
/// lead byte (`C2`, `E1`, `E2`, `E3`) that starts a non-ASCII `White_Space` character or others.
static WORD_BYTE: [u8; 256] = word_bytes();

const fn word_bytes() -> [u8; 256] {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    let mut c = b'\t';
    while c <= b'\r' {
        t[c as usize] = 1;
        c += 1;
    }
    t[0xC2] = 2;
    t[0xE1] = 2;
    t[0xE2] = 2;
    t[0xE3] = 2;
    t
}

/// `s.split_whitespace().count()`, on bytes: only ASCII whitespace and characters whose lead
/// byte is `C2`, `E1`, `E2` or `E3` (the only ones that start a non-ASCII `White_Space`
/// character: U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) are decoded.
pub fn count_words(s: &str) -> usize {
    words_upto(s, usize::MAX)
}

/// Whether `s` has at least `n` words (as [`count_words`] counts them), reading only as far as
/// the `n`-th word's first byte.
pub fn has_words(s: &str, n: usize) -> bool {
    n == 0 || words_upto(s, n) >= n
}

/// The vowelled letters of `s`: letters carrying a short-vowel mark — dammatan, kasratan,
/// fatha, damma, kasra, shadda or sukun (U+064C–U+0652, UTF-8 `D9 8C`–`D9 92`), the marks on one
/// letter counted once (`مَّ`). Fathatan (U+064B) is left out: headlines and captions write the
/// accusative `ًا` (`متحدثاً`) all the time, while the other marks are rare outside vowelled
/// text (verse, scripture), one letter's at most to tell a word apart (`محمَّد`, `رحَّالة`).
/// Byte-level: no decoding.
pub fn vowelled_letters(s: &str) -> usize {
    let mark =
        |b: &[u8]| b.first() == Some(&0xD9) && b.get(1).is_some_and(|x| (0x8C..=0x92).contains(x));
    let b = s.as_bytes();
    (0..b.len().saturating_sub(1))
        .filter(|&i| mark(&b[i..]) && !(i >= 2 && mark(&b[i - 2..])))
        .count()
}

/// Short-vowel marks in `s` other than the shadda (U+064C–U+0650 and the sukun U+0652; the
/// fathatan is not counted, as in [`vowelled_letters`]): a shadda alone (`يدشّن`) tells a
/// doubled letter apart in plain news text, a vowel is set on purpose.
pub fn vowel_marks(s: &str) -> usize {
    let b = s.as_bytes();
    b.windows(2)
        .filter(|w| w[0] == 0xD9 && ((0x8C..=0x90).contains(&w[1]) || w[1] == 0x92))
        .count()
}

/// [`count_words`], stopping when `limit` words are counted.
#[inline]
fn words_upto(s: &str, limit: usize) -> usize {
    let b = s.as_bytes();
    let (mut words, mut in_word) = (0, false);
    let mut i = 0;
    while i < b.len() {
        let k = WORD_BYTE[b[i] as usize];
        let space = if k < 2 {
            i += 1;
            k == 1
        } else {
            match s.get(i..).and_then(|t| t.chars().next()) {
                Some(ch) => {
                    i += ch.len_utf8();
                    is_whitespace(ch)
                }
                None => {
                    i += 1;
                    false
                }
            }
        };
        if !space && !in_word {
            words += 1;
            if words >= limit {
                return words;
            }
        }
        in_word = !space;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vowelled_letters_carry_short_vowels_but_fathatan() {
        // (the marks' own code points: U+064B fathatan is not counted, U+064C–U+0652 are)
        let all: String = ('\u{064B}'..='\u{0653}').map(|c| format!("ب{c}")).collect();
        assert_eq!(vowelled_letters(&all), 7);
        // (shadda and fatha on one letter: one vowelled letter)
        assert_eq!(vowelled_letters("تَصَيَّدَهُ الضِرغامُ"), 7);
        assert_eq!(vowelled_letters("محمَّد"), 1);
        assert_eq!(vowelled_letters("الأمير متحدثاً في الحفل"), 0);
        assert_eq!(vowelled_letters("plain ascii"), 0);
        assert_eq!(vowel_marks("ولي العهد يدشّن مشروعات"), 0);
        assert_eq!(vowel_marks("حرامُ . نَم بنادقٌ سكونْ"), 4);
    }

    #[test]
    fn has_words_agrees_with_count_words() {
        for t in [
            "",
            " ",
            "a",
            " a b ",
            "كلمة\u{00A0}ثانية\u{2003}ثالثة",
            "a\tb\nc  d",
        ] {
            for n in 0..6 {
                assert_eq!(has_words(t, n), count_words(t) >= n, "{t:?} {n}");
            }
        }
    }

    #[test]
    fn count_words_agrees_with_split_whitespace() {
        for s in [
            "",
            " ",
            "a",
            " a  b\tc\n",
            "قال\u{00A0}الوزير\u{2003}إن\u{3000}x\u{0085}y\u{1680}z\u{202F}w\u{205F}v",
            "\u{0B}a\u{0C}b\u{1C}c",
            "«أ» – ب… ‎ج",
            "\u{2028}\u{2029}",
        ] {
            assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
        }
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = format!("a{c}b{c}");
            assert_eq!(count_words(&s), s.split_whitespace().count(), "{cp:#x}");
        }
    }

    #[test]
    fn agree_with_std_on_every_scalar_value() {
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{cp:#x}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{cp:#x}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{cp:#x}");
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{cp:#x}");
        }
    }
}
