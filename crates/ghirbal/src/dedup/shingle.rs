//! Words and word n-gram shingles of a matching-form text.
//!
//! A word is a maximal run of alphanumeric characters (Arabic letters count: the matching form has
//! already removed diacritics and tatweel and folded letter variants, so only punctuation and
//! whitespace separate words). Each word is hashed once with xxh3-64; an n-gram shingle's hash is a
//! polynomial over its word hashes followed by a 64-bit finaliser, so computing a shingle costs a few
//! multiplications whatever n is. A text with fewer than n words (but at least one) is one shingle
//! made of all its words; a text without words has no shingles.

use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

/// Odd multiplier of the shingle polynomial.
const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// 64-bit finaliser (the murmur3 `fmix64` constants): every input bit affects every output bit.
#[inline]
pub(crate) fn mix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// `char::is_alphanumeric` for U+0000..U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic), one bit
/// per code point, so the common case skips the Unicode table search.
fn low_plane_table() -> &'static [u64; 32] {
    static TABLE: OnceLock<[u64; 32]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u64; 32];
        for cp in 0u32..0x800 {
            if char::from_u32(cp).is_some_and(char::is_alphanumeric) {
                t[(cp >> 6) as usize] |= 1 << (cp & 63);
            }
        }
        t
    })
}

/// True for characters that belong to words (alphanumeric).
#[cfg(test)]
fn is_word_char(table: &[u64; 32], c: char) -> bool {
    let cp = c as u32;
    if cp < 0x800 {
        in_table(table, cp)
    } else {
        c.is_alphanumeric()
    }
}

/// The table's bit of `cp` (below U+0800).
#[inline]
fn in_table(table: &[u64; 32], cp: u32) -> bool {
    table[(cp >> 6) as usize & 31] >> (cp & 63) & 1 == 1
}

/// Calls `f` with the xxh3-64 hash of each word of `text`, in order.
///
/// Characters are read byte-wise: one- and two-byte ones (every Arabic letter) are decoded
/// here and looked up in the table; longer ones go through `char::is_alphanumeric`.
#[inline]
pub fn for_each_word_hash(text: &str, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let table = low_plane_table();
    let mut start: Option<usize> = None;
    let mut i = 0usize;
    while let Some(&b0) = bytes.get(i) {
        let (word, len) = if b0 < 0x80 {
            (in_table(table, u32::from(b0)), 1)
        } else if b0 < 0xE0 {
            // (a character starts here: a two-byte lead byte and one continuation byte)
            let b1 = bytes.get(i + 1).copied().unwrap_or(0x80);
            let cp = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
            (in_table(table, cp), 2)
        } else {
            match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                None => break,
            }
        };
        if word {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            f(xxh3_64(&bytes[s..i]));
        }
        i += len;
    }
    if let Some(s) = start {
        f(xxh3_64(&bytes[s..]));
    }
}

/// Hash of one shingle made of `words` (word hashes, in order).
#[inline]
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h = words.len() as u64;
    for &w in words {
        h = h.wrapping_mul(K).wrapping_add(w);
    }
    mix64(h)
}

/// Calls `f` with the hash of every word `n`-gram of `text` (`n` ≥ 1), in order. Reuses `buf` as
/// scratch space for the word hashes. See the module docs for short texts.
pub fn for_each_shingle(text: &str, n: usize, buf: &mut Vec<u64>, mut f: impl FnMut(u64)) {
    let n = n.max(1);
    buf.clear();
    for_each_word_hash(text, |h| buf.push(h));
    if buf.is_empty() {
        return;
    }
    if buf.len() < n {
        f(shingle_hash(buf));
        return;
    }
    for win in buf.windows(n) {
        f(shingle_hash(win));
    }
}

/// The shingle hashes of `text`, deduplicated and sorted (for tests and exact Jaccard checks).
pub fn shingle_set(text: &str, n: usize) -> Vec<u64> {
    let mut buf = Vec::new();
    let mut out = Vec::new();
    for_each_shingle(text, n, &mut buf, |h| out.push(h));
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity of the shingle sets of two texts (1.0 when both have none).
pub fn jaccard(a: &str, b: &str, n: usize) -> f64 {
    let (sa, sb) = (shingle_set(a, n), shingle_set(b, n));
    if sa.is_empty() && sb.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < sa.len() && j < sb.len() {
        match sa[i].cmp(&sb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (sa.len() + sb.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> usize {
        let mut n = 0;
        for_each_word_hash(text, |_| n += 1);
        n
    }

    #[test]
    fn words_split_on_punctuation_and_space() {
        assert_eq!(words("قال الوزير، أمس: «نعم»."), 4);
        assert_eq!(words("  \n "), 0);
        assert_eq!(words("abc"), 1);
        assert_eq!(words("2015-07-21 x"), 4);
    }

    #[test]
    fn word_char_table_matches_std() {
        let t = low_plane_table();
        for cp in (0u32..0x900).chain([0xFB50, 0xFEFF, 0x1F600]) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_word_char(t, c), c.is_alphanumeric(), "U+{cp:04X}");
            }
        }
    }

    /// Word hashes the plain way: `char_indices` and [`is_word_char`].
    fn word_hashes_by_chars(text: &str) -> Vec<u64> {
        let (t, mut out, mut start) = (low_plane_table(), Vec::new(), None);
        for (i, c) in text.char_indices() {
            if is_word_char(t, c) {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push(xxh3_64(&text.as_bytes()[s..i]));
            }
        }
        if let Some(s) = start {
            out.push(xxh3_64(&text.as_bytes()[s..]));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn byte_reader_finds_the_words_of_chars(text in "(\\PC|[ ،.ـ-]|[\\u{600}-\\u{6ff}]{1,6})*") {
            let mut got = Vec::new();
            for_each_word_hash(&text, |h| got.push(h));
            proptest::prop_assert_eq!(got, word_hashes_by_chars(&text));
        }
    }

    #[test]
    fn shingle_counts() {
        assert_eq!(shingle_set("a b c d e f g", 5).len(), 3);
        // Fewer words than n: one shingle of everything.
        assert_eq!(shingle_set("a b c", 5).len(), 1);
        assert_ne!(shingle_set("a b c", 5), shingle_set("a b d", 5));
        assert!(shingle_set("، . !", 5).is_empty());
    }

    #[test]
    fn shingles_are_order_sensitive_and_punctuation_blind() {
        assert_ne!(shingle_set("a b c d e", 5), shingle_set("e d c b a", 5));
        assert_eq!(shingle_set("a, b. c d e", 5), shingle_set("a b c d e", 5));
        // Repeated words still give distinct positions' shingles the same hash (set semantics).
        assert_eq!(shingle_set("x x x x x x x", 5).len(), 1);
    }

    #[test]
    fn jaccard_of_edits() {
        let a = "one two three four five six seven eight nine ten";
        assert_eq!(jaccard(a, a, 5), 1.0);
        let b = "one two three four five six seven eight nine eleven";
        // 6 shingles each, 5 shared.
        assert!((jaccard(a, b, 5) - 5.0 / 7.0).abs() < 1e-9);
        assert_eq!(jaccard("", "", 5), 1.0);
    }
}
