//! The two forms of a line: the **display form** (what a reader sees, cleaned of invisible noise)
//! and the **matching form** (what comparisons, boilerplate detection and dedup use), optionally
//! with offsets back to the input.
//!
//! Both forms come from one single-pass folder (`fold`) parameterised by the mode, so the plain
//! functions and the `*_with_offsets` functions share every table. The plain matching form
//! folds ASCII and two-byte characters by a table that the folder itself fills in
//! (`match_table`), and the rest by the folder.
//!
//! # Display form
//! * Whitespace (every Unicode `White_Space` character: tab, newlines, NBSP, U+2000–U+200A,
//!   U+202F, U+205F, U+3000, …) is collapsed to one ASCII space; the line is trimmed.
//! * Invisible controls are dropped: C0/C1 control characters that are not whitespace, ZWSP,
//!   ZWNJ, LRM/RLM/ALM, bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069),
//!   word joiner and invisible operators (U+2060–U+2064), deprecated format characters
//!   (U+206A–U+206F), U+180E, BOM/ZWNBSP (U+FEFF) and the soft hyphen.
//!   * **ZWNJ** is dropped: ghirbal targets Arabic, where ZWNJ only breaks the cursive joining
//!     and is editor noise; the letters themselves are unchanged (in Persian the joined spelling
//!     is a common variant, so even there nothing is lost for matching).
//!   * **ZWJ** is dropped except directly after an emoji (where it builds emoji sequences).
//! * Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) are replaced by their NFKC
//!   equivalents: isolated/initial/medial/final letter forms become base letters, ligatures such
//!   as ﻻ become لا, ﷲ becomes الله. Nothing else is normalised: diacritics, tatweel, digits and
//!   all other letters are kept as they are.
//!
//! # Matching form
//! The display form, then:
//! * alef variants أ إ آ ٱ ٲ ٳ ٵ → ا; ى ی ئ → ي; ة ۀ ە ھ ہ ۂ ۃ → ه; ؤ → و; ک ڪ → ك; ۓ → ے.
//!   Hamza on a carrier is folded to the bare carrier, as for alef: this is what stripping
//!   U+0654/U+0655 (which we remove as diacritics) does to the canonically decomposed spelling,
//!   so the matching form is the same for NFC and NFD input, and it absorbs the very common
//!   spelling variation (مسئول / مسؤول still differ, but أ/ا, ئ/ي and ؤ/و do not). A bare hamza
//!   ء is kept.
//! * Removed: tatweel (U+0640), harakat and other Arabic combining marks (U+0610–U+061A,
//!   U+064B–U+065F, U+0670, U+06D6–U+06ED, U+08D3–U+08FF), and ZWJ.
//! * Digits: Arabic-Indic (U+0660–U+0669) and Persian (U+06F0–U+06F9) → ASCII; ٫ → `.`,
//!   ٬ → `,`, ٪ → `%`, ٭ → `*`, ۔ → `.`.
//! * Punctuation: ، → `,`, ؛ → `;`, ؟ → `?`, « » “ ” „ ‟ ″ → `"`, ‘ ’ ‚ ‛ ′ ‹ › → `'`,
//!   hyphens and dashes (U+2010–U+2015, U+2212) → `-`, … → `...`.
//! * NFKC on compatibility blocks: Latin/Hebrew presentation forms (U+FB00–U+FB4F),
//!   CJK compatibility/small/vertical forms (U+FE10–U+FE6F) and half-/full-width forms
//!   (U+FF00–U+FFEF), so full-width Latin and digits become ASCII.
//! * Everything is lowercased (`char::to_lowercase`).
//!
//! # Both forms
//! HTML character references left in scraped text are decoded: the named ones news text
//! carries (`&quot;`, `&amp;`, `&nbsp;`, `&laquo;`, `&rlm;`… see `NAMED_REFERENCES`) and numeric
//! ones (`&#1575;`, `&#x627;`); what they stand for is then treated like the character itself
//! (`&nbsp;` is whitespace, `&rlm;` is dropped). They are recognised on the output, so double
//! escapes (`&amp;quot;`) decode fully.
//!
//! `matching_form` is idempotent, and so is `display_form` (property-tested).
//!
//! # Offsets
//! [`Normalized::offsets`] has one entry per **byte** of [`Normalized::text`]: the byte offset in
//! the input of the character that produced that output byte (all bytes of one output character
//! share it). A collapsed whitespace run points at its first whitespace character. Offsets are
//! non-decreasing, and each is a character boundary of the input (below its length). They are
//! `u32`: inputs over 4 GiB saturate at `u32::MAX`.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// A normalized string with, for each byte of `text`, the byte offset in the input where it came
/// from (see the [module docs](self#offsets)).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The display or matching form.
    pub text: String,
    /// `offsets[i]` is the input byte offset of the character that produced `text`'s byte `i`.
    pub offsets: Vec<u32>,
}

impl Normalized {
    /// The input byte range that output bytes `range` came from: from the first contributing
    /// input character to the end of the last one. `input` must be the string this was built
    /// from. Out-of-range or empty ranges give an empty range (at the nearest position).
    pub fn source_span(&self, range: Range<usize>, input: &str) -> Range<usize> {
        let end = range.end.min(self.offsets.len());
        let start = range.start.min(end);
        let at = |i: usize| (self.offsets[i] as usize).min(input.len());
        if start == end {
            let pos = if start < self.offsets.len() {
                at(start)
            } else {
                input.len()
            };
            return pos..pos;
        }
        let first = at(start);
        let last = at(end - 1);
        let last_len = input
            .get(last..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        first..last + last_len
    }
}

/// Display form: trimmed, whitespace runs collapsed to one space, invisible controls removed,
/// Arabic presentation forms replaced by base letters; letters and diacritics otherwise kept.
pub fn display_form(s: &str) -> String {
    let trimmed = s.trim_ascii();
    if display_unchanged(trimmed.as_bytes()) {
        return trimmed.to_owned();
    }
    fold::<_, false>(s, Plain(Vec::with_capacity(s.len()))).into_string()
}

/// Matching form: the display form with Arabic letter variants folded, diacritics and tatweel
/// removed, digits ASCII, punctuation folded, compatibility forms NFKC'd and lowercased.
pub fn matching_form(s: &str) -> String {
    fold_matching(s, Vec::new())
}

/// [`display_form`] written into `out` (cleared first), reusing its allocation: for hot loops
/// that fold many short strings.
pub fn display_form_into(s: &str, out: &mut String) {
    let trimmed = s.trim_ascii();
    if display_unchanged(trimmed.as_bytes()) {
        out.clear();
        out.push_str(trimmed);
        return;
    }
    *out = fold::<_, false>(s, Plain(reuse(out, s.len()))).into_string();
}

/// Whether the display form of a line whose ASCII-trimmed text is `t` is `t` itself: the fast
/// path for most lines of a dump, checked a block of bytes at a time (the comparisons
/// vectorise), instead of the byte-by-byte fold.
///
/// It is when every character is one the fold copies as it is — printable ASCII but `;` (which
/// may close an HTML character reference), two-byte characters of the Arabic block
/// (U+0600..U+06FF, lead bytes D8..DB) but ALM (D8 9C), and single ASCII spaces — so no
/// control, no other whitespace, no character outside those ranges, no double space. The
/// leading and trailing whitespace `trim_ascii` removed (space, tab, LF, FF, CR) is whitespace
/// the fold drops at the ends. In valid UTF-8 whose only lead bytes are D8..DB, every
/// continuation byte belongs to an Arabic-block character.
fn display_unchanged(t: &[u8]) -> bool {
    let mut i = 0;
    while let Some(w) = t
        .get(i..)
        .and_then(|rest| rest.first_chunk::<{ BLOCK + 1 }>())
    {
        if block_bad(w) {
            return false;
        }
        i += BLOCK;
    }
    // The last (partial) block, padded with a letter, which is neither bad nor in a bad pair.
    let mut last = [b'a'; BLOCK + 1];
    for (d, &b) in last.iter_mut().zip(t.get(i..).unwrap_or_default()) {
        *d = b;
    }
    !block_bad(&last)
}

/// A byte that is not in a character the display fold copies unchanged (see
/// [`display_unchanged`]).
#[inline(always)]
fn bad(b: u8) -> bool {
    (b < 0x20) | (b == b';') | (b == 0x7F) | ((b >= 0xC0) & (b & 0xFC != 0xD8))
}

/// A byte pair the display fold changes: a double space or ALM.
#[inline(always)]
fn bad_pair(a: u8, b: u8) -> bool {
    ((a == b' ') & (b == b' ')) | ((a == 0xD8) & (b == 0x9C))
}

/// Bytes [`block_bad`] judges at once.
const BLOCK: usize = 32;

/// Whether the first [`BLOCK`] bytes of `w` hold a bad byte, or a bad pair with the byte
/// after. Fixed sizes and no early exit: the loop becomes a few vector instructions.
#[inline(always)]
fn block_bad(w: &[u8; BLOCK + 1]) -> bool {
    let mut acc = 0u8;
    for k in 0..BLOCK {
        acc |= u8::from(bad(w[k]) | bad_pair(w[k], w[k + 1]));
    }
    acc != 0
}

/// [`matching_form`] written into `out` (cleared first), reusing its allocation.
pub fn matching_form_into(s: &str, out: &mut String) {
    *out = fold_matching(s, reuse(out, 0));
}

/// An entry of [`MatchTable`]: bits 0..16 hold the bytes the character folds to (the first in
/// the low byte), bits 16.. how many of them to keep (0: dropped; the bytes are the character
/// itself when it is kept), or [`M_SPACE`] for whitespace (one space unless the output is empty
/// or already ends with one), or [`M_SLOW`]: [`Folder::other`] folds it.
const M_SPACE: u32 = 3 << 16;
const M_SLOW: u32 = 4 << 16;

/// The matching fold of the characters of one and two bytes: an ASCII character at its code
/// point, a two-byte one at [`table_index`] (0x100..0x87F), and 0x880.. for the first two bytes
/// of a longer one (all [`M_SLOW`], as is 0x80..0xFF).
type MatchTable = [u32; 0x1000];

/// The index into [`MatchTable`] of the character whose first two bytes are `c` (a lead byte)
/// and `c1` (a continuation byte): `(c << 6) + c1` modulo 0x1000, which is the code point
/// `(c & 0x1F) << 6 | (c1 & 0x3F)` plus 0x80 (0xC0 << 6 | 0x80 is 0x3080) for a lead byte
/// C2..DF, and 0x880..0xDBF for a lead byte E0..F4.
#[inline(always)]
fn table_index(c: u8, c1: u8) -> usize {
    ((usize::from(c) << 6) + usize::from(c1)) & 0xFFF
}

/// The matching fold of each one- and two-byte character, computed once by [`Folder::other`]
/// itself, so that the table cannot disagree with it.
///
/// `other` reads the output it appends to in two places only: whitespace writes a space unless
/// the output is empty or ends with a space (`Folder::space`), and writing a `;` may complete an
/// HTML character reference (`Folder::decode_reference`) that the output's last bytes hold
/// (the display form's ZWJ rule reads it too, but ZWJ takes three bytes). So a character is
/// folded after an empty output, after a letter and after a space: if all three append the same
/// bytes, no `;` among them, at most two, those bytes are its entry; whitespace appends one space
/// after the letter and nothing after the others; anything else (a `;`, or `İ` whose lowercase
/// takes three bytes) stays with `other`.
fn match_table() -> &'static MatchTable {
    static T: OnceLock<Box<MatchTable>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([M_SLOW; 0x1000]);
        for c in '\0'..'\u{800}' {
            let mut raw = [0u8; 4];
            let raw = c.encode_utf8(&mut raw).as_bytes();
            let index = match *raw {
                [c] => usize::from(c),
                [c, c1] => table_index(c, c1),
                _ => continue,
            };
            let after = |prefix: &[u8]| -> Option<Vec<u8>> {
                let mut f = Folder {
                    sink: Plain(prefix.to_vec()),
                };
                f.other::<true>(c, raw, 0, true);
                f.sink.0.strip_prefix(prefix).map(<[u8]>::to_vec)
            };
            t[index] = match (after(b""), after(b"x"), after(b"x ")) {
                (Some(e), Some(l), Some(s)) if e.is_empty() && s.is_empty() && l == b" " => M_SPACE,
                (Some(e), Some(l), Some(s))
                    if e == l && l == s && e.len() <= 2 && !e.contains(&b';') =>
                {
                    let byte = |k: usize| u32::from(e.get(k).copied().unwrap_or(0));
                    (e.len() as u32) << 16 | byte(1) << 8 | byte(0)
                }
                _ => M_SLOW,
            };
        }
        t
    })
}

/// The bytes the matching fold writes for the one- or two-byte character `c`, whatever comes
/// before or after it, when [`match_table`] holds them (`c` is not whitespace and not left to
/// [`Folder::other`]): `(bytes, how many of them)`. For fast paths that fold words of such
/// characters themselves (the survey's tokenizer); `None` for any other character.
pub(crate) fn matching_fold_of(c: char) -> Option<([u8; 2], usize)> {
    let mut raw = [0u8; 4];
    let index = match *c.encode_utf8(&mut raw).as_bytes() {
        [c0] => usize::from(c0),
        [c0, c1] => table_index(c0, c1),
        _ => return None,
    };
    let e = match_table()[index];
    (e < M_SPACE).then_some(([e as u8, (e >> 8) as u8], (e >> 16) as usize))
}

/// The matching form of `s`, written into `buf` (emptied first): one table look-up per one- or
/// two-byte character ([`match_table`]: ASCII and the Arabic block), [`Folder::other`] for the
/// rest. Agrees with `fold::<_, true>` (property-tested against `matching_with_offsets`).
fn fold_matching(s: &str, mut buf: Vec<u8>) -> String {
    let t = match_table();
    let b = s.as_bytes();
    // The output is written at `len` into a buffer of scratch bytes: a table entry writes two
    // bytes and keeps one, none or both. Its output is never longer than its input, so with
    // `b.len() - i + 2` bytes of room the table's writes fit until the end.
    buf.clear();
    buf.resize(b.len() + 2, 0);
    let mut len = 0usize;
    let mut i = 0usize;
    loop {
        (i, len) = fold_table_run(b, i, &mut buf, len, t);
        // The last byte of the string, ASCII, which the run leaves.
        if let ([c], Some(out)) = (&b[i..], buf.get_mut(..len + 2)) {
            if *c < 0x80 && put_entry(t[usize::from(*c)], out, &mut len) {
                break;
            }
        }
        let Some(ch) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        // A character the table leaves to `other`, or no room left (never).
        let w = ch.len_utf8();
        let mut f = Folder {
            sink: Slab { buf, len },
        };
        f.other::<true>(ch, &b[i..i + w], 0, true);
        (buf, len) = (f.sink.buf, f.sink.len);
        i += w;
        // Room for the rest again when `other` wrote more than it read (`…` → `...`, NFKC).
        let room = len + (b.len() - i) + 2;
        if buf.len() < room {
            buf.resize(room, 0);
        }
    }
    buf.truncate(len);
    // No trailing space.
    Folder { sink: Plain(buf) }.finish().into_string()
}

/// Folds the characters of `b` from `i` on by [`match_table`] into `out` at `len`, until the
/// last byte of `b` (a character's second byte is read unchecked), a character the table leaves
/// to [`Folder::other`], or the end of `out`'s room: the new `(i, len)`. Not inlined: all of
/// its state stays in registers.
#[inline(never)]
fn fold_table_run(
    b: &[u8],
    mut i: usize,
    out: &mut [u8],
    mut len: usize,
    t: &MatchTable,
) -> (usize, usize) {
    // Output is written two bytes at a time: at most at `last`. Input is read two bytes at a
    // time: while `i < end`.
    let (Some(last), Some(end)) = (out.len().checked_sub(2), b.len().checked_sub(1)) else {
        return (i, len);
    };
    while i < end && len <= last {
        // `i` is a character boundary: `c` is ASCII or a lead byte. Each branch has its own
        // step, a constant.
        let c = b[i];
        if c < 0x80 {
            if !put_entry(t[usize::from(c)], out, &mut len) {
                break;
            }
            i += 1;
        } else {
            if !put_entry(t[table_index(c, b[i + 1])], out, &mut len) {
                break;
            }
            i += 2;
        }
    }
    (i, len)
}

/// Writes table entry `e` to `out` at `*len` (which leaves two bytes of room): false for
/// [`M_SLOW`].
#[inline(always)]
fn put_entry(e: u32, out: &mut [u8], len: &mut usize) -> bool {
    let at = *len;
    if e < M_SPACE {
        out[at] = e as u8;
        out[at + 1] = (e >> 8) as u8;
        *len = at + (e >> 16) as usize;
    } else if e == M_SPACE {
        // `Folder::space`: one space after a written character.
        if at > 0 && out[at - 1] != b' ' {
            out[at] = b' ';
            *len = at + 1;
        }
    } else {
        return false;
    }
    true
}

/// Output written at `len` into a buffer that may hold scratch bytes after it (see
/// [`fold_matching`]); no offsets.
struct Slab {
    buf: Vec<u8>,
    len: usize,
}

impl Sink for Slab {
    fn push(&mut self, bytes: &[u8], _src: u32) {
        let end = self.len + bytes.len();
        if self.buf.len() < end {
            self.buf.resize(end.max(2 * self.buf.len()), 0);
        }
        self.buf[self.len..end].copy_from_slice(bytes);
        self.len = end;
    }
    fn push_run(&mut self, bytes: &[u8], _src: usize) {
        self.push(bytes, 0);
    }
    fn push_byte(&mut self, byte: u8, _src: u32) {
        self.push(&[byte], 0);
    }
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    fn pop(&mut self) {
        self.len = self.len.saturating_sub(1);
    }
    fn src_of(&self, _i: usize) -> u32 {
        0
    }
}

/// The emptied byte buffer of `out`, with room for `n` bytes.
fn reuse(out: &mut String, n: usize) -> Vec<u8> {
    let mut buf = std::mem::take(out).into_bytes();
    buf.clear();
    buf.reserve(n);
    buf
}

/// [`display_form`] with per-byte offsets back into `s`.
pub fn display_with_offsets(s: &str) -> Normalized {
    fold::<_, false>(s, Tracked::with_capacity(s.len())).into_normalized()
}

/// [`matching_form`] with per-byte offsets back into `s`.
pub fn matching_with_offsets(s: &str) -> Normalized {
    fold::<_, true>(s, Tracked::with_capacity(s.len())).into_normalized()
}

/// Where folded output goes. `src` is the input offset of the producing character.
trait Sink {
    fn push(&mut self, bytes: &[u8], src: u32);
    /// Copies a run of unchanged input characters that starts at input offset `src`.
    fn push_run(&mut self, bytes: &[u8], src: usize);
    fn push_byte(&mut self, byte: u8, src: u32);
    fn bytes(&self) -> &[u8];
    /// Removes the last byte (a space, or an ASCII byte of an HTML character reference).
    fn pop(&mut self);
    /// The input offset output byte `i` came from (0 when offsets are not tracked).
    fn src_of(&self, i: usize) -> u32;
}

/// Output without offsets.
struct Plain(Vec<u8>);

impl Plain {
    fn into_string(self) -> String {
        // The unit and property tests check the invariant on every output.
        #[cfg(test)]
        assert!(std::str::from_utf8(&self.0).is_ok());
        // SAFETY: the folder only ever appends whole UTF-8 characters: runs of the input `&str`
        // cut at character boundaries, single ASCII bytes, `char::encode_utf8` output, and the
        // two-byte encodings of code points in U+0080..U+07FF built in `Folder::arabic`; it only
        // removes trailing ASCII bytes (a space, or an HTML reference being decoded). The
        // matching table's entries are what `Folder::other` appends for one character (or a
        // space), and `fold_matching` cuts its buffer at the end of the last one written. So the
        // buffer is valid UTF-8 (asserted above under `cfg(test)`).
        // Skipping the re-validation roughly doubles the speed on Arabic text.
        unsafe { String::from_utf8_unchecked(self.0) }
    }
}

impl Sink for Plain {
    #[inline(always)]
    fn push(&mut self, bytes: &[u8], _src: u32) {
        self.0.extend_from_slice(bytes);
    }
    #[inline(always)]
    fn push_run(&mut self, bytes: &[u8], _src: usize) {
        self.0.extend_from_slice(bytes);
    }
    #[inline(always)]
    fn push_byte(&mut self, byte: u8, _src: u32) {
        self.0.push(byte);
    }
    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        &self.0
    }
    fn pop(&mut self) {
        self.0.pop();
    }
    #[inline(always)]
    fn src_of(&self, _i: usize) -> u32 {
        0
    }
}

/// Output with one source offset per output byte.
struct Tracked {
    out: Plain,
    offsets: Vec<u32>,
}

impl Tracked {
    fn with_capacity(n: usize) -> Tracked {
        Tracked {
            out: Plain(Vec::with_capacity(n)),
            offsets: Vec::with_capacity(n),
        }
    }
    fn into_normalized(self) -> Normalized {
        Normalized {
            text: self.out.into_string(),
            offsets: self.offsets,
        }
    }
}

impl Sink for Tracked {
    #[inline(always)]
    fn push(&mut self, bytes: &[u8], src: u32) {
        self.out.0.extend_from_slice(bytes);
        self.offsets
            .extend(std::iter::repeat(src).take(bytes.len()));
    }
    #[inline(always)]
    fn push_run(&mut self, bytes: &[u8], src: usize) {
        self.out.0.extend_from_slice(bytes);
        let mut char_start = offset(src);
        for (k, &b) in bytes.iter().enumerate() {
            if b & 0xC0 != 0x80 {
                char_start = offset(src + k);
            }
            self.offsets.push(char_start);
        }
    }
    #[inline(always)]
    fn push_byte(&mut self, byte: u8, src: u32) {
        self.out.0.push(byte);
        self.offsets.push(src);
    }
    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        &self.out.0
    }
    fn pop(&mut self) {
        self.out.0.pop();
        self.offsets.pop();
    }
    fn src_of(&self, i: usize) -> u32 {
        self.offsets.get(i).copied().unwrap_or(0)
    }
}

/// What an ASCII byte does: keep it, start/extend a whitespace run, or vanish.
const A_KEEP: u8 = 0;
const A_SPACE: u8 = 1;
const A_DROP: u8 = 2;

const ASCII_CLASS: [u8; 128] = {
    let mut t = [A_KEEP; 128];
    let mut i = 0;
    while i < 0x20 {
        t[i] = A_DROP;
        i += 1;
    }
    t[0x7F] = A_DROP;
    t[b'\t' as usize] = A_SPACE;
    t[b'\n' as usize] = A_SPACE;
    t[0x0B] = A_SPACE;
    t[0x0C] = A_SPACE;
    t[b'\r' as usize] = A_SPACE;
    t[b' ' as usize] = A_SPACE;
    t
};

/// Byte classes for the display fast path (see `fold`): a byte that is copied as it is
/// (printable ASCII), the lead byte of an Arabic-block character (U+0600..U+06FF, all copied
/// except ALM U+061C), an ASCII space (copied when it is single), or a byte that ends the run.
const B_COPY: u8 = 0;
const B_ARABIC: u8 = 1;
const B_SPACE: u8 = 2;
const B_STOP: u8 = 3;

const BYTE_CLASS: [u8; 256] = {
    let mut t = [B_STOP; 256];
    let mut i = 0x21;
    while i < 0x7F {
        t[i] = B_COPY;
        i += 1;
    }
    // `;` may close an HTML character reference (`&quot;`): the slow path decodes it.
    t[b';' as usize] = B_STOP;
    t[0xD8] = B_ARABIC;
    t[0xD9] = B_ARABIC;
    t[0xDA] = B_ARABIC;
    t[0xDB] = B_ARABIC;
    t[b' ' as usize] = B_SPACE;
    t
};

/// [`BYTE_CLASS`] for the matching form: ASCII capitals are lowercased, so they end a run.
const MATCH_BYTE_CLASS: [u8; 256] = {
    let mut t = BYTE_CLASS;
    let mut i = b'A' as usize;
    while i <= b'Z' as usize {
        t[i] = B_STOP;
        i += 1;
    }
    t
};

/// Index (code point − 0x600) of ALM, the one Arabic-block character the display form drops.
const ALM_INDEX: usize = 0x1C;

/// Matching-form action for U+0600..U+06FF (index = code point − 0x600): [`AR_KEEP`],
/// [`AR_DROP`], or the code point (< 0x800) to write instead.
const AR_KEEP: u16 = 0;
const AR_DROP: u16 = 1;

const ARABIC_MATCH: [u16; 256] = {
    let mut t = [AR_KEEP; 256];
    let mut i;
    // Honorific and Quranic small marks above/below letters.
    i = 0x10;
    while i <= 0x1A {
        t[i] = AR_DROP;
        i += 1;
    }
    t[0x1C] = AR_DROP; // ALM (also dropped by the display form)
    t[0x40] = AR_DROP; // tatweel
    i = 0x4B; // harakat, shadda, sukun, hamza above/below, …
    while i <= 0x5F {
        t[i] = AR_DROP;
        i += 1;
    }
    t[0x70] = AR_DROP; // superscript alef
    i = 0xD6; // Quranic annotation marks
    while i <= 0xED {
        t[i] = AR_DROP;
        i += 1;
    }
    // Alef variants.
    t[0x22] = 0x627;
    t[0x23] = 0x627;
    t[0x25] = 0x627;
    t[0x71] = 0x627;
    t[0x72] = 0x627;
    t[0x73] = 0x627;
    t[0x75] = 0x627;
    // Yeh: alef maksura, Farsi yeh, yeh with hamza.
    t[0x49] = 0x64A;
    t[0xCC] = 0x64A;
    t[0x26] = 0x64A;
    // Heh: teh marbuta and heh variants.
    t[0x29] = 0x647;
    t[0xC0] = 0x647;
    t[0xD5] = 0x647;
    t[0xBE] = 0x647;
    t[0xC1] = 0x647;
    t[0xC2] = 0x647;
    t[0xC3] = 0x647;
    // Waw with hamza.
    t[0x24] = 0x648;
    // Kaf: keheh, swash kaf.
    t[0xA9] = 0x643;
    t[0xAA] = 0x643;
    // Yeh barree with hamza → yeh barree.
    t[0xD3] = 0x6D2;
    // Digits.
    i = 0;
    while i < 10 {
        t[0x60 + i] = b'0' as u16 + i as u16;
        t[0xF0 + i] = b'0' as u16 + i as u16;
        i += 1;
    }
    // Punctuation and number signs.
    t[0x0C] = b',' as u16;
    t[0x1B] = b';' as u16;
    t[0x1F] = b'?' as u16;
    t[0x6A] = b'%' as u16;
    t[0x6B] = b'.' as u16;
    t[0x6C] = b',' as u16;
    t[0x6D] = b'*' as u16;
    t[0xD4] = b'.' as u16;
    t
};

/// Invisible format/control characters dropped by both forms (ZWJ is handled separately).
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{AD}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

/// Emoji-ish characters after which a ZWJ is kept in the display form.
#[inline]
fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2300}'..='\u{23FF}'
        | '\u{2B00}'..='\u{2BFF}' | '\u{FE0F}' | '\u{E0020}'..='\u{E007F}')
}

/// Characters replaced by their NFKC form. Display: Arabic presentation forms only.
#[inline]
fn needs_nfkc<const MATCH: bool>(c: char) -> bool {
    match c {
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => true,
        '\u{FB00}'..='\u{FB4F}' | '\u{FE10}'..='\u{FE6F}' | '\u{FF00}'..='\u{FFEF}' => MATCH,
        _ => false,
    }
}

/// Matching-form punctuation folds outside the Arabic block.
#[inline]
fn fold_punct(c: char) -> Option<&'static [u8]> {
    Some(match c {
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' => b"\"",
        '‘' | '’' | '‚' | '‛' | '′' | '‹' | '›' => b"'",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => b"-",
        '…' => b"...",
        _ => return None,
    })
}

/// The folding state. Whitespace is written eagerly: the first whitespace character after a
/// written character writes one ASCII space (the only way a space reaches the output), further
/// ones are skipped while the output ends with it, and [`Folder::finish`] removes a trailing one.
struct Folder<S> {
    sink: S,
}

impl<S: Sink> Folder<S> {
    #[inline(always)]
    fn emit(&mut self, bytes: &[u8], src: u32) {
        self.sink.push(bytes, src);
    }

    #[inline(always)]
    fn emit_byte(&mut self, byte: u8, src: u32) {
        self.sink.push_byte(byte, src);
    }

    #[inline(always)]
    fn space(&mut self, src: u32) {
        if !matches!(self.sink.bytes().last(), None | Some(b' ')) {
            self.sink.push_byte(b' ', src);
        }
    }

    /// Trims the trailing space, if any, and returns the sink.
    fn finish(mut self) -> S {
        if self.sink.bytes().last() == Some(&b' ') {
            self.sink.pop();
        }
        self.sink
    }

    #[inline(always)]
    fn emit_char(&mut self, c: char, src: u32) {
        let mut buf = [0u8; 4];
        self.emit(c.encode_utf8(&mut buf).as_bytes(), src);
    }

    #[inline(always)]
    fn ascii<const MATCH: bool>(&mut self, b: u8, src: u32) {
        match ASCII_CLASS[(b & 0x7F) as usize] {
            A_KEEP => {
                self.emit_byte(if MATCH { b.to_ascii_lowercase() } else { b }, src);
                if b == b';' {
                    self.decode_reference::<MATCH>();
                }
            }
            A_SPACE => self.space(src),
            _ => {}
        }
    }

    /// Decodes the HTML character reference the output may now end with (`&quot;`, `&#1575;`,
    /// `&#x27;`): scraped text keeps them, and a reader wants `"`. Checked on the output, each
    /// time a `;` is written, so a reference that only forms once invisible characters are
    /// dropped, or that a decoded `&` or `;` completes (`&amp;quot;`), is decoded as well, and
    /// the output never contains one: both forms stay idempotent.
    #[cold]
    fn decode_reference<const MATCH: bool>(&mut self) {
        let out = self.sink.bytes();
        let Some((c, len)) = html_reference(out) else {
            return;
        };
        let amp = out.len() - len;
        let src = self.sink.src_of(amp);
        for _ in 0..len {
            self.sink.pop();
        }
        let mut buf = [0u8; 4];
        let raw = c.encode_utf8(&mut buf);
        self.other::<MATCH>(c, raw.as_bytes(), src, true);
    }

    /// A character of the Arabic block U+0600..U+06FF; `raw` is its UTF-8 encoding.
    #[inline(always)]
    fn arabic<const MATCH: bool>(&mut self, idx: usize, raw: &[u8], src: u32) {
        if MATCH {
            match ARABIC_MATCH[idx & 0xFF] {
                AR_KEEP => self.emit(raw, src),
                AR_DROP => {}
                // ASCII targets: digits and punctuation.
                to @ 0..=0x7F => {
                    self.emit_byte(to as u8, src);
                    if to == u16::from(b';') {
                        self.decode_reference::<MATCH>();
                    }
                }
                // Arabic targets (U+0600..U+06FF): two bytes.
                to => self.emit(&[0xC0 | (to >> 6) as u8, 0x80 | (to & 0x3F) as u8], src),
            }
        } else if idx != ALM_INDEX {
            self.emit(raw, src);
        }
    }

    /// Any other character; `raw` is its UTF-8 encoding. `expand` is false for characters that
    /// come out of an NFKC expansion (which are never expanded again).
    fn other<const MATCH: bool>(&mut self, c: char, raw: &[u8], src: u32, expand: bool) {
        let cp = c as u32;
        if cp < 0x80 {
            self.ascii::<MATCH>(cp as u8, src);
        } else if (0x600..0x700).contains(&cp) {
            self.arabic::<MATCH>((cp - 0x600) as usize, raw, src);
        } else if c.is_whitespace() {
            self.space(src);
        } else if is_invisible(c) {
        } else if c == '\u{200D}' {
            // ZWJ: kept after an emoji in the display form (emoji sequences), else dropped.
            if !MATCH
                && self.sink.bytes().last() != Some(&b' ')
                && last_char(self.sink.bytes()).is_some_and(is_emoji)
            {
                self.emit(raw, src);
            }
        } else if expand && needs_nfkc::<MATCH>(c) {
            for d in std::iter::once(c).nfkc() {
                let mut buf = [0u8; 4];
                let raw = d.encode_utf8(&mut buf);
                self.other::<MATCH>(d, raw.as_bytes(), src, false);
            }
        } else if !MATCH {
            self.emit(raw, src);
        } else if (0x8D3..=0x8FF).contains(&cp) {
            // Arabic Extended-A combining marks.
        } else if let Some(to) = fold_punct(c) {
            self.emit(to, src);
        } else {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l == c => self.emit(raw, src),
                (Some(l), next) => {
                    self.emit_char(l, src);
                    for l in next.into_iter().chain(lower) {
                        self.emit_char(l, src);
                    }
                }
                (None, _) => {}
            }
        }
    }
}

/// Named character references decoded by both forms: the ones scraped news text carries.
/// Names are case-sensitive, as in HTML (the matching form lowercases before it looks).
const NAMED_REFERENCES: &[(&str, char)] = &[
    ("amp", '&'),
    ("apos", '\''),
    ("bdquo", '„'),
    ("bull", '•'),
    ("cent", '¢'),
    ("copy", '©'),
    ("deg", '°'),
    ("divide", '÷'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("euro", '€'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("gt", '>'),
    ("hellip", '…'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lrm", '\u{200E}'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("middot", '·'),
    ("nbsp", '\u{00A0}'),
    ("ndash", '–'),
    ("para", '¶'),
    ("pound", '£'),
    ("prime", '′'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rlm", '\u{200F}'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("sect", '§'),
    ("shy", '\u{00AD}'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
    ("trade", '™'),
    ("yen", '¥'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// The HTML character reference `out` ends with — `&name;` (see [`NAMED_REFERENCES`]),
/// `&#1575;` or `&#x627;` — as the character and the reference's length in bytes. `None` for
/// anything else, NUL and code points that are not characters.
fn html_reference(out: &[u8]) -> Option<(char, usize)> {
    // The longest reference: `&#x10FFFF;` and `&frac12;` fit in 10 bytes.
    let tail = &out[out.len().saturating_sub(10)..];
    let amp = tail.iter().rposition(|&b| b == b'&')?;
    let body = tail.get(amp + 1..tail.len().checked_sub(1)?)?;
    let c = if let Some(num) = body.strip_prefix(b"#") {
        let (digits, radix) = match num.first() {
            Some(b'x' | b'X') => (&num[1..], 16),
            _ => (num, 10),
        };
        if digits.is_empty() || !digits.iter().all(|b| (*b as char).is_digit(radix)) {
            return None;
        }
        let v = u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?;
        char::from_u32(v).filter(|&c| c != '\0')?
    } else {
        let name = std::str::from_utf8(body).ok()?;
        let i = NAMED_REFERENCES
            .binary_search_by(|(n, _)| n.cmp(&name))
            .ok()?;
        NAMED_REFERENCES[i].1
    };
    Some((c, tail.len() - amp))
}

/// The last character of valid UTF-8 bytes.
fn last_char(bytes: &[u8]) -> Option<char> {
    let start = bytes.len().saturating_sub(4);
    let tail = bytes.get(start..)?;
    let first = tail.iter().rposition(|&b| b & 0xC0 != 0x80)?;
    std::str::from_utf8(&tail[first..]).ok()?.chars().next()
}

#[inline(always)]
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Whether the Arabic-block character at `idx` (code point − 0x600) is copied unchanged: every
/// one but ALM in the display form, the ones [`ARABIC_MATCH`] keeps in the matching form.
#[inline(always)]
fn arabic_unchanged<const MATCH: bool>(idx: usize) -> bool {
    if MATCH {
        ARABIC_MATCH[idx & 0xFF] == AR_KEEP
    } else {
        idx != ALM_INDEX
    }
}

/// The single pass behind all four public functions.
#[inline(always)]
fn fold<S: Sink, const MATCH: bool>(s: &str, sink: S) -> S {
    let b = s.as_bytes();
    let mut f = Folder { sink };
    let class = if MATCH {
        &MATCH_BYTE_CLASS
    } else {
        &BYTE_CLASS
    };
    let arabic_index =
        |lead: u8, next: u8| (((lead & 0x03) as usize) << 6) | (next & 0x3F) as usize;
    // Whether the character starting at `j` is copied unchanged by the fast path.
    let unchanged_at = |j: usize| -> bool {
        match b.get(j).map(|&c| (c, class[c as usize])) {
            Some((_, B_COPY)) => true,
            Some((c, B_ARABIC)) => b
                .get(j + 1)
                .is_some_and(|&c1| arabic_unchanged::<MATCH>(arabic_index(c, c1))),
            _ => false,
        }
    };
    let mut i = 0;
    // Display form: no block is judged before this offset (the last one judged held a byte
    // that ends the run).
    let mut no_block_before = 0usize;
    while i < b.len() {
        // Fast path: copy a run of unchanged characters, with the single ASCII spaces between
        // them, in one go. A run is made of ASCII bytes and whole two-byte Arabic characters
        // that the form keeps as they are.
        let start = i;
        while let Some(&c) = b.get(i) {
            // Display form: a block of bytes that `block_bad` passes (no bad byte, no bad pair
            // with the byte after it, see `display_unchanged`) is what the loop below would
            // copy character by character: printable ASCII but `;`, Arabic-block characters
            // but ALM, and single spaces, each followed by such a character (or, after the
            // block's last byte, by no space: a space the run ends on is the one the slow path
            // writes next, as the output then ends with a character). Its first byte is a
            // space only inside a run (a space opening a run is the slow path's). The block
            // ends before a lead byte in its last position, so that `i` stays on a character
            // boundary. A line with one character outside those (`«`, `“`, a tab) failed
            // `display_unchanged` and was folded byte by byte; most of its bytes now go a block
            // at a time.
            if !MATCH && i >= no_block_before && (i > start || c != b' ') {
                if let Some(w) = b
                    .get(i..)
                    .and_then(|rest| rest.first_chunk::<{ BLOCK + 1 }>())
                {
                    if block_bad(w) {
                        no_block_before = i + BLOCK;
                    } else {
                        i += if w[BLOCK - 1] >= 0xC0 {
                            BLOCK - 1
                        } else {
                            BLOCK
                        };
                        continue;
                    }
                }
            }
            match class[c as usize] {
                B_COPY => i += 1,
                B_ARABIC => match b.get(i + 1) {
                    Some(&c1) if arabic_unchanged::<MATCH>(arabic_index(c, c1)) => i += 2,
                    _ => break,
                },
                B_SPACE if i > start && unchanged_at(i + 1) => i += 1,
                _ => break,
            }
        }
        if i > start {
            f.sink.push_run(&b[start..i], start);
            continue;
        }
        let c0 = b[i];
        if c0 < 0x80 {
            f.ascii::<MATCH>(c0, offset(i));
            i += 1;
        } else if (0xD8..=0xDB).contains(&c0) && i + 1 < b.len() {
            // U+0600..U+06FF: lead byte D8..DB.
            f.arabic::<MATCH>(arabic_index(c0, b[i + 1]), &b[i..i + 2], offset(i));
            i += 2;
        } else {
            let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let len = c.len_utf8();
            f.other::<MATCH>(c, &b[i..i + len], offset(i), true);
            i += len;
        }
    }
    f.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_trims_and_collapses_whitespace() {
        assert_eq!(display_form("  a \t\n b  "), "a b");
        assert_eq!(
            display_form("مرحبا\u{00A0}\u{2003}\u{202F}بكم"),
            "مرحبا بكم"
        );
        assert_eq!(display_form("a\u{3000}b\u{2028}c\u{0085}d"), "a b c d");
        assert_eq!(display_form(""), "");
        assert_eq!(display_form(" \t\u{00A0} "), "");
    }

    #[test]
    fn display_drops_invisible_controls() {
        assert_eq!(
            display_form("\u{FEFF}\u{200F}خبر\u{200B} \u{202B}عاجل\u{202C}\u{2067}!\u{2069}"),
            "خبر عاجل!"
        );
        assert_eq!(display_form("ab\u{00AD}cd\u{0000}e\u{0007}"), "abcde");
        assert_eq!(display_form("می\u{200C}خواهم"), "میخواهم");
        assert_eq!(display_form("\u{061C}١٢\u{200E}"), "١٢");
        // An invisible character between spaces does not break the run.
        assert_eq!(display_form("a \u{200B} b"), "a b");
    }

    #[test]
    fn display_keeps_zwj_only_in_emoji_sequences() {
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(display_form(family), family);
        assert_eq!(display_form("ل\u{200D}ا"), "لا");
        assert_eq!(matching_form(family), "👨👩👧");
    }

    #[test]
    fn display_keeps_diacritics_tatweel_and_letters() {
        let s = "قَالَ الرَّئِيسُ ـــ إنّ «الأمر» ٢٠٢٤ ى ة ؤ ئ ک";
        assert_eq!(display_form(s), s);
    }

    #[test]
    fn display_maps_presentation_forms() {
        // Isolated/final/initial forms and the lam-alef ligatures.
        assert_eq!(display_form("\u{FEDF}\u{FEE4}\u{FEEE}"), "لمو");
        assert_eq!(display_form("\u{FEFB}"), "لا");
        assert_eq!(display_form("\u{FEF7}"), "لأ");
        assert_eq!(display_form("\u{FEF5}"), "لآ");
        assert_eq!(display_form("\u{FDF2}"), "الله");
        assert_eq!(display_form("\u{FDFA}"), "صلى الله عليه وسلم");
        // Isolated harakat forms are a space plus the mark; the space is trimmed at the start.
        assert_eq!(display_form("\u{FE70}"), "\u{064B}");
        assert_eq!(display_form("ب\u{FE70}"), "ب \u{064B}");
        // Full-width Latin is not touched by the display form.
        assert_eq!(display_form("ＡＢ"), "ＡＢ");
    }

    #[test]
    fn matching_folds_alef_variants() {
        assert_eq!(matching_form("أ إ آ ٱ ٲ ٳ ا"), "ا ا ا ا ا ا ا");
        assert_eq!(matching_form("إسلام"), matching_form("اسلام"));
    }

    #[test]
    fn matching_folds_yeh_teh_marbuta_hamza_carriers() {
        assert_eq!(matching_form("ى ی ئ"), "ي ي ي");
        assert_eq!(matching_form("مدرسة"), "مدرسه");
        assert_eq!(matching_form("مؤتمر"), "موتمر");
        assert_eq!(matching_form("ء"), "ء");
        assert_eq!(matching_form("ۀ ھ"), "ه ه");
        assert_eq!(matching_form("کتاب"), "كتاب");
    }

    #[test]
    fn matching_is_canonical_equivalence_invariant() {
        for s in ["أ", "إ", "آ", "ؤ", "ئ", "ۀ", "ۓ", "مسؤول", "إلى"] {
            let nfd: String = s.nfd().collect();
            assert_ne!(nfd, s);
            assert_eq!(matching_form(&nfd), matching_form(s), "{s}");
        }
    }

    #[test]
    fn matching_removes_tatweel_and_diacritics() {
        assert_eq!(matching_form("قَالَ الرَّئِيسُ"), "قال الرييس");
        assert_eq!(matching_form("جـــميل"), "جميل");
        assert_eq!(matching_form("رَحْمٰنِ"), "رحمن");
        assert_eq!(matching_form("ذَٰلِكَ ٱلْكِتَٰبُ ۛ"), "ذلك الكتب");
        assert_eq!(matching_form("ﷺ محمد \u{0610}"), "صلي الله عليه وسلم محمد");
        assert_eq!(matching_form("\u{08F0}ب"), "ب");
    }

    #[test]
    fn matching_folds_digits() {
        assert_eq!(matching_form("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(matching_form("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(matching_form("٣٫٥٪ و١٬٠٠٠"), "3.5% و1,000");
        assert_eq!(matching_form("１２３"), "123");
    }

    #[test]
    fn matching_folds_punctuation() {
        assert_eq!(matching_form("نعم، لا؛ لماذا؟"), "نعم, لا; لماذا?");
        assert_eq!(matching_form("«قال» “x” „y‟ 5″"), "\"قال\" \"x\" \"y\" 5\"");
        assert_eq!(matching_form("‘a’ ‹b›"), "'a' 'b'");
        assert_eq!(matching_form("a–b—c−d‐e"), "a-b-c-d-e");
        assert_eq!(matching_form("انتهى…"), "انتهي...");
        assert_eq!(matching_form("جملة۔"), "جمله.");
    }

    #[test]
    fn matching_lowercases_and_folds_full_width() {
        assert_eq!(matching_form("Hello WORLD"), "hello world");
        assert_eq!(matching_form("ＢＢＣ Ｎｅｗｓ"), "bbc news");
        assert_eq!(matching_form("ÉTÉ ΣΟΦΙΑ"), "été σοφια");
        assert_eq!(matching_form("ﬁnal"), "final");
        assert_eq!(matching_form("İ"), "i\u{0307}");
    }

    #[test]
    fn matching_uses_presentation_forms_then_folds() {
        assert_eq!(matching_form("\u{FEF7}"), "لا");
        assert_eq!(matching_form("\u{FE8F}\u{FE94}"), "به");
        assert_eq!(matching_form("\u{FE70}ب"), "ب");
        assert_eq!(matching_form("ب \u{FE70}"), "ب");
    }

    #[test]
    fn matching_form_example_sentence() {
        let s = "  قالَ الوزيرُ: «إنّ المؤتمرَ سيُعقد في ٢٠٢٤/٠٣/١٥»… ";
        assert_eq!(
            matching_form(s),
            "قال الوزير: \"ان الموتمر سيعقد في 2024/03/15\"..."
        );
    }

    #[test]
    fn offsets_point_back_to_the_input() {
        let s = "  أَهلاً   ب\u{FEFB}ك ";
        let n = matching_with_offsets(s);
        assert_eq!(n.text, matching_form(s));
        assert_eq!(n.text, "اهلا بلاك");
        assert_eq!(n.offsets.len(), n.text.len());
        // 'ا' (from أ) comes from byte 2.
        assert_eq!(&n.offsets[..2], &[2, 2]);
        // The space comes from the first space of the run.
        let space = n.text.find(' ').unwrap_or(0);
        assert_eq!(n.offsets[space] as usize, s.find("   ").unwrap_or(0));
        // Both letters of the ligature point at the ligature.
        let lig = s.find('\u{FEFB}').unwrap_or(0) as u32;
        assert_eq!(n.offsets.iter().filter(|&&o| o == lig).count(), 4);
        // source_span maps output ranges back.
        let word = n.text.find("بلاك").unwrap_or(0);
        let span = n.source_span(word..n.text.len(), s);
        assert_eq!(&s[span], "ب\u{FEFB}ك");
        let span = n.source_span(0..space, s);
        assert_eq!(&s[span], "أَهلا");
        assert_eq!(n.source_span(3..3, s), 6..6);
        assert_eq!(n.source_span(50..60, s), s.len()..s.len());
    }

    #[test]
    fn display_offsets() {
        let s = "\u{200F}مرحبا\t\tبكم";
        let n = display_with_offsets(s);
        assert_eq!(n.text, "مرحبا بكم");
        assert_eq!(n.offsets[0], 3);
        let space = n.text.find(' ').unwrap_or(0);
        assert_eq!(n.offsets[space] as usize, s.find('\t').unwrap_or(0));
    }

    #[test]
    fn ascii_only() {
        assert_eq!(display_form("Plain ASCII, line."), "Plain ASCII, line.");
        assert_eq!(matching_form("Plain ASCII, line."), "plain ascii, line.");
    }

    /// The folder without its fast path: every character through `Folder::other`. The fast
    /// path must agree with it exactly (see the `fast_path_matches_reference` property).
    fn reference<const MATCH: bool>(s: &str) -> Normalized {
        let mut f = Folder {
            sink: Tracked::with_capacity(s.len()),
        };
        for (i, c) in s.char_indices() {
            f.other::<MATCH>(c, &s.as_bytes()[i..i + c.len_utf8()], offset(i), true);
        }
        f.finish().into_normalized()
    }

    #[test]
    fn fast_path_matches_reference_examples() {
        for s in [
            "  قالَ الوزيرُ: «إنّ المؤتمرَ سيُعقد في ٢٠٢٤/٠٣/١٥»… ",
            "a  b \u{061C} c \u{200B} d",
            "Hello  World ١٢ ،؛",
        ] {
            assert_eq!(matching_with_offsets(s), reference::<true>(s));
            assert_eq!(display_with_offsets(s), reference::<false>(s));
        }
    }

    /// Every character the matching table folds, in the contexts the fold depends on (start,
    /// after a letter, a space or an unfinished HTML reference; before a letter, a space or a
    /// `;`), agrees with the general fold.
    #[test]
    fn matching_table_agrees_with_the_fold_on_every_character() {
        let mut buf = String::from("stale");
        for c in '\0'..'\u{800}' {
            for before in ["", "x", "x ", " ", "&amp", "&#1575", "&QUOT", "x\u{200B}"] {
                for after in ["", "y", " ", ";", "\t", "\u{0628}"] {
                    let s = format!("{before}{c}{after}");
                    let general = matching_with_offsets(&s).text;
                    assert_eq!(matching_form(&s), general, "{s:?}");
                    matching_form_into(&s, &mut buf);
                    assert_eq!(buf, general, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn html_references_are_decoded() {
        assert_eq!(
            display_form("قال &quot;الوزير&quot; إن A&amp;B &lt;3"),
            "قال \"الوزير\" إن A&B <3"
        );
        assert_eq!(display_form("&#1575;&#x644;&#X644;"), "الل");
        // Whitespace and invisible references act as what they stand for.
        assert_eq!(display_form("خبر&nbsp;&nbsp;عاجل&rlm;"), "خبر عاجل");
        assert_eq!(
            matching_form("&laquo;مؤتمر&raquo; &ndash; الرياض"),
            "\"موتمر\" - الرياض"
        );
        // Unknown names, missing `;`, NUL and non-characters stay as they are.
        for kept in [
            "&foo;", "&quot", "& quot;", "&#0;", "&#xD800;", "&#;", "&#x;", "AT&T",
        ] {
            assert_eq!(display_form(kept), kept);
        }
        // Names are case-sensitive in the display form; the matching form lowercases first.
        assert_eq!(display_form("&QUOT;"), "&QUOT;");
        assert_eq!(matching_form("&QUOT;"), "\"");
    }

    #[test]
    fn references_that_form_on_the_output_are_decoded_too() {
        // Double escaping, a reference completed by a decoded `;`, and one that forms once an
        // invisible character is dropped: decoding on the output keeps both forms idempotent.
        assert_eq!(display_form("&amp;quot;"), "\"");
        assert_eq!(display_form("&quot&#59;"), "\"");
        assert_eq!(display_form("&\u{200B}quot;"), "\"");
        assert_eq!(matching_form("&quot؛"), "\"");
        for s in ["&amp;amp;quot;", "&amp;&quot;", "x&#38;#59;"] {
            let once = display_form(s);
            assert_eq!(display_form(&once), once, "{s}");
            let once = matching_form(s);
            assert_eq!(matching_form(&once), once, "{s}");
        }
    }

    #[test]
    fn reference_offsets_point_at_the_ampersand() {
        let s = "ab &quot;x";
        let n = display_with_offsets(s);
        assert_eq!(n.text, "ab \"x");
        assert_eq!(n.offsets, vec![0, 1, 2, 3, 9]);
        assert_eq!(display_with_offsets(s), reference::<false>(s));
        assert_eq!(matching_with_offsets(s), reference::<true>(s));
    }

    #[test]
    fn named_references_are_sorted() {
        assert!(NAMED_REFERENCES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn last_char_of_bytes() {
        assert_eq!(last_char("ab😀".as_bytes()), Some('😀'));
        assert_eq!(last_char("بت".as_bytes()), Some('ت'));
        assert_eq!(last_char(b""), None);
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// Strings drawn from the Arabic ranges, with spaces, marks, controls and punctuation.
        fn arabic_text() -> impl Strategy<Value = String> {
            let chars = prop_oneof![
                8 => proptest::char::range('\u{0600}', '\u{06FF}'),
                2 => proptest::char::range('\u{0750}', '\u{077F}'),
                2 => proptest::char::range('\u{08A0}', '\u{08FF}'),
                3 => proptest::char::range('\u{FB50}', '\u{FDFF}'),
                3 => proptest::char::range('\u{FE70}', '\u{FEFF}'),
                2 => proptest::char::range('\u{FF00}', '\u{FFEF}'),
                2 => proptest::char::range('\u{2000}', '\u{206F}'),
                3 => Just(' '),
                1 => proptest::char::range('\0', '\u{7F}'),
                1 => prop::sample::select(vec!['\u{00A0}', '\u{00AD}', '«', '»', '\u{200D}', '😀', 'İ', 'Σ']),
            ];
            proptest::collection::vec(chars, 0..80).prop_map(|v| v.into_iter().collect())
        }

        /// Lines of a dump that are mostly left as they are by the display form (Arabic letters,
        /// ASCII, single spaces), with now and then a character that is not.
        fn plain_line() -> impl Strategy<Value = String> {
            let chars = prop_oneof![
                8 => proptest::char::range('\u{0600}', '\u{06FF}'),
                4 => proptest::char::range(' ', '~'),
                4 => Just(' '),
                1 => prop::sample::select(vec![
                    ';', '\t', '\n', '\r', '\u{0B}', '\u{0C}', '\u{061C}', '\u{00A0}', '\u{7F}',
                    '\u{05FF}', '\u{0700}', 'é', '\u{FEFB}', '\u{200F}', '😀',
                ]),
            ];
            proptest::collection::vec(chars, 0..120).prop_map(|v| v.into_iter().collect())
        }

        /// Long dump lines whose display form is mostly the line itself, with a character the
        /// fold changes now and then (at any offset of the 32-byte blocks the display fold
        /// copies whole).
        fn long_plain_line() -> impl Strategy<Value = String> {
            let chars = prop_oneof![
                40 => proptest::char::range('\u{0621}', '\u{064A}'),
                8 => proptest::char::range(' ', '~'),
                8 => Just(' '),
                1 => prop::sample::select(vec![
                    ';', '\t', '\n', '\u{061C}', '\u{00A0}', '«', '»', '\u{200F}', '😀', ' ',
                ]),
            ];
            proptest::collection::vec(chars, 0..400).prop_map(|v| v.into_iter().collect())
        }

        /// Strings made of the pieces of HTML character references, to make them form, nest
        /// and break in every way.
        fn reference_soup() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "&", "#", ";", "x", "X", "amp", "quot", "nbsp", "rlm", "QUOT", "3", "59", "38",
                "1575", "x27", "\u{200B}", "\u{061B}", " ", "ب", "ﻻ", "ｑ",
            ]);
            proptest::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
        }

        /// Text the matching table folds (Arabic letters, marks, tatweel, Arabic-Indic and
        /// Persian digits, punctuation, ASCII, whitespace runs) mixed with what it leaves to
        /// the general fold (HTML references, `;`, presentation forms, longer characters).
        fn matching_table_text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                12 => proptest::char::range('\u{0621}', '\u{064A}').prop_map(String::from),
                3 => prop::sample::select(vec![
                    '\u{064B}', '\u{064E}', '\u{0651}', '\u{0652}', '\u{0654}', '\u{0655}',
                    '\u{0670}', '\u{0610}', '\u{06D6}', '\u{06ED}', '\u{0640}', '\u{061C}',
                ]).prop_map(String::from),
                2 => proptest::char::range('\u{0660}', '\u{066D}').prop_map(String::from),
                2 => proptest::char::range('\u{06F0}', '\u{06F9}').prop_map(String::from),
                2 => proptest::char::range('\u{0600}', '\u{06FF}').prop_map(String::from),
                3 => prop::sample::select(vec![
                    '،', '؛', '؟', '«', '»', '“', '”', '…', '–', ';', ',', '.', ':', '!', '"',
                    '\'', '&', '#',
                ]).prop_map(String::from),
                5 => Just(" ".to_owned()),
                2 => prop::sample::select(vec![
                    '\t', '\n', '\r', '\u{0B}', '\u{0C}', '\u{00A0}', '\u{0085}', '\u{2003}',
                    '\u{3000}', '\u{200B}', '\u{200D}', '\u{200F}', '\u{00AD}', '\0',
                ]).prop_map(String::from),
                2 => prop::sample::select(vec![
                    "&amp;", "&quot;", "&#1575;", "&#x627;", "&nbsp;", "&rlm;", "&amp;quot;",
                    "&QUOT;", "&laquo;",
                ]).prop_map(str::to_owned),
                2 => proptest::char::range('\u{FB50}', '\u{FDFF}').prop_map(String::from),
                2 => proptest::char::range('\u{FE70}', '\u{FEFF}').prop_map(String::from),
                4 => proptest::char::range(' ', '~').prop_map(String::from),
                2 => proptest::char::range('\u{0080}', '\u{07FF}').prop_map(String::from),
                1 => any::<char>().prop_map(String::from),
            ];
            proptest::collection::vec(piece, 0..100).prop_map(|v| v.concat())
        }

        fn check_offsets(input: &str, n: &Normalized) -> Result<(), TestCaseError> {
            prop_assert_eq!(n.offsets.len(), n.text.len());
            let mut prev = 0u32;
            for &o in &n.offsets {
                prop_assert!(o >= prev);
                prop_assert!((o as usize) < input.len());
                prop_assert!(input.is_char_boundary(o as usize));
                prev = o;
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1000))]

            #[test]
            fn matching_is_idempotent_arbitrary(s in any::<String>()) {
                let once = matching_form(&s);
                prop_assert_eq!(matching_form(&once), once);
            }

            #[test]
            fn matching_is_idempotent_arabic(s in arabic_text()) {
                let once = matching_form(&s);
                prop_assert_eq!(matching_form(&once), once);
            }

            #[test]
            fn display_is_idempotent(s in arabic_text()) {
                let once = display_form(&s);
                prop_assert_eq!(display_form(&once), once.clone());
                // The matching form of a display form is the matching form.
                prop_assert_eq!(matching_form(&once), matching_form(&s));
            }

            #[test]
            fn into_forms_equal_the_allocating_forms(a in arabic_text(), b in any::<String>()) {
                // One buffer reused across inputs of different lengths.
                let mut buf = String::from("stale contents");
                for s in [&a, &b, &a] {
                    matching_form_into(s, &mut buf);
                    prop_assert_eq!(&buf, &matching_form(s));
                    display_form_into(s, &mut buf);
                    prop_assert_eq!(&buf, &display_form(s));
                }
            }

            #[test]
            fn forms_are_trimmed_and_collapsed(s in arabic_text()) {
                for out in [display_form(&s), matching_form(&s)] {
                    prop_assert!(!out.starts_with(' ') && !out.ends_with(' '));
                    prop_assert!(!out.contains("  "));
                    prop_assert!(!out.chars().any(|c| c != ' ' && c.is_whitespace()));
                }
            }

            #[test]
            fn offsets_are_monotonic_in_bounds_on_boundaries(s in arabic_text()) {
                let d = display_with_offsets(&s);
                prop_assert_eq!(&d.text, &display_form(&s));
                check_offsets(&s, &d)?;
                let m = matching_with_offsets(&s);
                prop_assert_eq!(&m.text, &matching_form(&s));
                check_offsets(&s, &m)?;
            }

            #[test]
            fn offsets_arbitrary(s in any::<String>()) {
                check_offsets(&s, &display_with_offsets(&s))?;
                check_offsets(&s, &matching_with_offsets(&s))?;
            }

            #[test]
            fn html_references_keep_the_forms_idempotent(s in reference_soup()) {
                let display = display_form(&s);
                prop_assert_eq!(display_form(&display), display.clone());
                let matching = matching_form(&s);
                prop_assert_eq!(matching_form(&matching), matching.clone());
                prop_assert_eq!(matching_form(&display), matching);
                prop_assert_eq!(display_with_offsets(&s), super::reference::<false>(&s));
                prop_assert_eq!(matching_with_offsets(&s), super::reference::<true>(&s));
                check_offsets(&s, &display_with_offsets(&s))?;
            }

            #[test]
            fn unchanged_display_fast_path_matches_the_fold(s in plain_line(), t in any::<String>()) {
                for s in [&s, &t] {
                    let display = display_form(s);
                    prop_assert_eq!(&display, &display_with_offsets(s).text);
                    // Leading and trailing ASCII whitespace never changes the display form
                    // (`page_from_text` keys lines without it).
                    prop_assert_eq!(&display, &display_form(s.trim_ascii()));
                }
            }

            #[test]
            fn fast_path_matches_reference(s in arabic_text()) {
                prop_assert_eq!(matching_with_offsets(&s), super::reference::<true>(&s));
                prop_assert_eq!(display_with_offsets(&s), super::reference::<false>(&s));
            }

            #[test]
            fn fast_path_matches_reference_arbitrary(s in any::<String>()) {
                prop_assert_eq!(matching_with_offsets(&s), super::reference::<true>(&s));
                prop_assert_eq!(display_with_offsets(&s), super::reference::<false>(&s));
                prop_assert_eq!(matching_form(&s), matching_with_offsets(&s).text);
            }

            #[test]
            fn matching_table_matches_the_general_fold(s in matching_table_text(), t in matching_table_text()) {
                // `matching_with_offsets` folds on the general path, character by character.
                let general = matching_with_offsets(&s).text;
                prop_assert_eq!(&matching_form(&s), &general);
                prop_assert_eq!(&super::reference::<true>(&s).text, &general);
                // A reused buffer that held a longer or shorter form.
                let mut buf = matching_form(&t);
                matching_form_into(&s, &mut buf);
                prop_assert_eq!(&buf, &general);
                // The display form, then its matching form, as `page_from_text` does.
                let display = display_form(&s);
                prop_assert_eq!(matching_form(&display), matching_with_offsets(&display).text);
            }

            #[test]
            fn display_blocks_match_reference(s in long_plain_line()) {
                let d = display_with_offsets(&s);
                prop_assert_eq!(&d, &super::reference::<false>(&s));
                prop_assert_eq!(&d.text, &display_form(&s));
                let mut buf = String::new();
                display_form_into(&s, &mut buf);
                prop_assert_eq!(&d.text, &buf);
                prop_assert_eq!(matching_with_offsets(&s), super::reference::<true>(&s));
            }

            #[test]
            fn source_span_is_in_bounds(s in arabic_text(), a in 0usize..200, b in 0usize..200) {
                let m = matching_with_offsets(&s);
                let span = m.source_span(a.min(b)..a.max(b), &s);
                prop_assert!(span.start <= span.end && span.end <= s.len());
                prop_assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
            }
        }
    }
}
