//! Character classes for the byte-level scans of the language and quality passes.
//!
//! Both passes look at every character of an article and ask several questions about it (word
//! character? letter? Arabic letter? mark? trimmed? punctuation? …). [`flags`] answers all of
//! them at once: for the one- and two-byte UTF-8 characters (U+0000–U+07FF: ASCII, Latin, Arabic,
//! Arabic Supplement) from a table built once *from the predicates themselves* (so a flag is
//! exactly its predicate), and by calling the predicates for everything else. [`next`] decodes the
//! character at a byte offset without the generic UTF-8 decoder for those two common lengths.

use super::lang::{
    char_class, is_arabic_letter, is_arabic_mark, is_letter, is_word_char, letter_row, CC_ARABIC,
    CC_LETTER, CC_MARK, CC_WORD,
};
use super::quality::{is_bullet, is_rtl_lead_punct, is_terminal_arabic, is_terminal_raw, is_trim};
use std::sync::OnceLock;

/// [`is_word_char`] (language pass words).
pub const WORD: u32 = 1 << 0;
/// [`is_arabic_letter`].
pub const ARABIC: u32 = 1 << 1;
/// [`is_arabic_mark`].
pub const MARK: u32 = 1 << 2;
/// [`is_letter`].
pub const LETTER: u32 = 1 << 3;
/// An ASCII letter or U+00C0–U+024F (the language pass's Latin letters).
pub const LATIN: u32 = 1 << 4;
/// `fold_arabic` changes the character (a mark it drops, a letter it unifies, a Latin capital).
pub const FOLD: u32 = 1 << 5;
/// U+06D4 ARABIC FULL STOP (Urdu).
pub const URDU_STOP: u32 = 1 << 6;
/// U+0649 ALEF MAKSURA (its weights depend on its position).
pub const MAKSURA: u32 = 1 << 7;
/// Quality pass token character: `char_class` has `CC_WORD`, or `_`, or ZWNJ.
pub const TOKEN: u32 = 1 << 8;
/// `char_class` has `CC_LETTER`.
pub const CC_L: u32 = 1 << CC_L_BIT;
/// The bit of [`CC_L`].
pub const CC_L_BIT: u32 = 9;
/// `char_class` has `CC_ARABIC`.
pub const CC_A: u32 = 1 << CC_A_BIT;
/// The bit of [`CC_A`].
pub const CC_A_BIT: u32 = 10;
/// `char_class` has `CC_MARK`.
pub const CC_M: u32 = 1 << 11;
/// `is_trim` (spaces, bidi and format marks trimmed from line ends).
pub const TRIM: u32 = 1 << 12;
/// `is_terminal_arabic`.
pub const TERM_AR: u32 = 1 << 13;
/// `is_terminal_raw`.
pub const TERM_RAW: u32 = 1 << 14;
/// `is_rtl_lead_punct`.
pub const RTL_LEAD: u32 = 1 << 15;
/// `is_bullet`.
pub const BULLET: u32 = 1 << 16;
/// ASCII whitespace.
pub const ASCII_WS: u32 = 1 << 17;
/// `#`.
pub const HASH: u32 = 1 << 18;
/// `…`.
pub const ELLIPSIS: u32 = 1 << 19;
/// `.`.
pub const DOT: u32 = 1 << 20;
/// The row of `letter_row` (0: no letter weights) is stored from this bit on.
pub const ROW_SHIFT: u32 = 24;

/// Every flag of `c`, computed by the predicates.
fn compute(c: char) -> u32 {
    let mut f = 0;
    let set = |f: &mut u32, on: bool, bit: u32| {
        if on {
            *f |= bit;
        }
    };
    set(&mut f, is_word_char(c), WORD);
    set(&mut f, is_arabic_letter(c), ARABIC);
    set(&mut f, is_arabic_mark(c), MARK);
    set(&mut f, is_letter(c), LETTER);
    set(
        &mut f,
        c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}'),
        LATIN,
    );
    let folds = is_arabic_mark(c)
        || matches!(c, 'ی' | 'ى' | 'ک' | 'ہ' | 'ۂ' | 'ۀ' | 'أ' | 'إ' | 'آ' | 'ٱ')
        || c.is_ascii_uppercase()
        || (('\u{00C0}'..='\u{024F}').contains(&c) && c.is_uppercase());
    set(&mut f, folds, FOLD);
    set(&mut f, c == '\u{06D4}', URDU_STOP);
    set(&mut f, c == 'ى', MAKSURA);
    let cc = char_class(c);
    set(
        &mut f,
        cc & CC_WORD != 0 || c == '_' || c == '\u{200C}',
        TOKEN,
    );
    set(&mut f, cc & CC_LETTER != 0, CC_L);
    set(&mut f, cc & CC_ARABIC != 0, CC_A);
    set(&mut f, cc & CC_MARK != 0, CC_M);
    set(&mut f, is_trim(c), TRIM);
    set(&mut f, is_terminal_arabic(c), TERM_AR);
    set(&mut f, is_terminal_raw(c), TERM_RAW);
    set(&mut f, is_rtl_lead_punct(c), RTL_LEAD);
    set(&mut f, is_bullet(c), BULLET);
    set(&mut f, c.is_ascii_whitespace(), ASCII_WS);
    set(&mut f, c == '#', HASH);
    set(&mut f, c == '…', ELLIPSIS);
    set(&mut f, c == '.', DOT);
    if is_arabic_letter(c) {
        f |= u32::from(letter_row(c)) << ROW_SHIFT;
    }
    f
}

/// Characters below this code point (one or two UTF-8 bytes) are looked up.
pub const TABLE_LEN: usize = 0x800;

/// The flag table of U+0000–U+07FF.
pub fn table() -> &'static [u32; TABLE_LEN] {
    static T: OnceLock<Box<[u32; TABLE_LEN]>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([0u32; TABLE_LEN]);
        for (cp, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(cp as u32) {
                *slot = compute(c);
            }
        }
        t
    })
}

/// The flags of `c` (the table below U+0800).
#[inline]
pub fn flags(t: &[u32; TABLE_LEN], c: char) -> u32 {
    match t.get(c as usize) {
        Some(&f) => f,
        None => compute(c),
    }
}

/// The character starting at byte `i` of `s` (a character boundary below `s.len()`): its flags
/// and its length in bytes.
#[inline]
pub fn next(t: &[u32; TABLE_LEN], s: &str, i: usize) -> (u32, usize) {
    let b = s.as_bytes();
    let x = b[i];
    if x < 0x80 {
        return (t[x as usize], 1);
    }
    if x < 0xE0 {
        // A two-byte sequence (valid UTF-8: a continuation byte follows).
        let y = b.get(i + 1).copied().unwrap_or(0x80);
        let cp = ((usize::from(x) & 0x1F) << 6) | (usize::from(y) & 0x3F);
        return (t[cp], 2);
    }
    match s[i..].chars().next() {
        Some(c) => (compute(c), c.len_utf8()),
        None => (0, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_decodes_like_chars() {
        let t = table();
        let s = "aé\u{0645}\u{064E}…\u{FEFB}\u{1F600}_\u{200C}";
        let mut i = 0;
        for c in s.chars() {
            let (f, len) = next(t, s, i);
            assert_eq!(len, c.len_utf8());
            assert_eq!(f, compute(c), "{c:?}");
            i += len;
        }
        assert_eq!(i, s.len());
    }
}
