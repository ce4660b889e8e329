//! Tokens of a line for the survey: byte ranges into the line's display form plus a
//! shape-generalized matching key per token.
//!
//! A token is a whitespace-separated word, further split after an inner `:` or dash so that
//! glued bylines (`-سبق-جازان:أغلقت`) give the same tokens as spaced ones (`- سبق - جازان:`).
//! A token that is only a dash, colon or bar is merged into the token before it, so `سبق -` and
//! `سبق-` have the same key. Keys are the matching form with digit runs as `0`, e-mail addresses
//! as `<email>`, URLs as `<url>` and `@handles` as `<handle>`, and dashes folded to `-`.
//!
//! [`Tokens`] is a reusable buffer: the keys of a line live in one string, and every token
//! carries flags computed once from its key (boundary, clause end, cue …), since candidate
//! generation asks them again and again for every mask, head, lead and tail.

use std::cell::RefCell;
use std::sync::OnceLock;

use xxhash_rust::xxh3::xxh3_64;

use crate::text::matching_form_into;

/// The key ends with a segment boundary: `:`, a dash or `|`.
const F_BOUNDARY: u16 = 1;
/// The token ends a sentence or a segment (a position after which a tail may start).
const F_ENDS_CLAUSE: u16 = 1 << 1;
/// The token ends a sentence or with a colon (a sign-off or credit tail may follow).
const F_ENDS_SENTENCE: u16 = 1 << 2;
/// A contact or share cue ([`is_cue_key`]).
const F_CUE: u16 = 1 << 3;
/// A word of the generic cue lexicon ([`is_cue_word`]).
const F_CUE_WORD: u16 = 1 << 4;
/// The key carries letters (`char::is_alphabetic`).
const F_LETTERS: u16 = 1 << 5;
/// An e-mail, URL or handle key ([`is_contact_shape`]).
const F_CONTACT: u16 = 1 << 6;
/// The key contains an ASCII digit.
const F_DIGIT: u16 = 1 << 7;
/// The key starts with `<`.
const F_ANGLE: u16 = 1 << 8;
/// The key, before closing quotes and brackets, ends with `.`, `!`, `?` or `؟`.
const F_FULL_STOP: u16 = 1 << 9;

/// One token: `start..end` is a byte range into the display text of the line; its key is
/// `kstart..kend` in the keys string of its [`Tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    kstart: usize,
    kend: usize,
    flags: u16,
}

impl Tok {
    /// The key of this token (`keys` is [`Tokens::keys`] of the line).
    #[inline]
    pub fn key<'k>(&self, keys: &'k str) -> &'k str {
        keys.get(self.kstart..self.kend).unwrap_or_default()
    }

    /// The key ends with a segment boundary: `:`, a dash or `|`.
    #[inline]
    pub fn is_boundary(&self) -> bool {
        self.flags & F_BOUNDARY != 0
    }

    /// The last byte of the key when it is a boundary mark (`:`, `-`, `|`).
    #[inline]
    pub fn boundary_mark(&self, keys: &str) -> Option<char> {
        if self.is_boundary() {
            self.key(keys).as_bytes().last().map(|&b| char::from(b))
        } else {
            None
        }
    }

    /// The token ends a sentence or a segment (a position after which a tail may start).
    #[inline]
    pub fn ends_clause(&self) -> bool {
        self.flags & F_ENDS_CLAUSE != 0
    }

    /// The token ends a sentence (`.`, `!`, `?`, `؟`, `…`, possibly before a closing quote) or
    /// with a colon: a position after which a sign-off or credit tail may start.
    #[inline]
    pub fn ends_sentence(&self) -> bool {
        self.flags & F_ENDS_SENTENCE != 0
    }

    /// The token is a contact or share cue (e-mail, URL, handle, or a word of the generic cue
    /// lexicon).
    #[inline]
    pub fn is_cue(&self) -> bool {
        self.flags & F_CUE != 0
    }

    /// The token is a word of the generic cue lexicon ([`is_cue_word`]).
    #[inline]
    pub fn is_cue_word(&self) -> bool {
        self.flags & F_CUE_WORD != 0
    }

    /// The token carries letters or a contact shape (not only digits and punctuation).
    #[inline]
    pub fn has_letters(&self) -> bool {
        self.flags & F_LETTERS != 0
    }

    /// The key is an e-mail, URL or handle shape.
    #[inline]
    pub fn is_contact(&self) -> bool {
        self.flags & F_CONTACT != 0
    }

    /// The key contains an ASCII digit.
    #[inline]
    pub fn has_digit(&self) -> bool {
        self.flags & F_DIGIT != 0
    }

    /// The key starts with `<` (a contact shape).
    #[inline]
    pub fn starts_angle(&self) -> bool {
        self.flags & F_ANGLE != 0
    }

    /// The key, before closing quotes and brackets (`»")”}`), ends with `.`, `!`, `?` or `؟`.
    #[inline]
    pub fn full_stop(&self) -> bool {
        self.flags & F_FULL_STOP != 0
    }
}

/// Flags of a token key.
fn key_flags(key: &str) -> u16 {
    // Most keys are words of letters only: no mark, digit, contact shape or edge punctuation,
    // so only the letters and cue flags can be set (what the general rules below give).
    if !key.is_empty() && key.chars().all(is_alphabetic) {
        return letter_key_flags(key);
    }
    let mut f = end_flags(key);
    let contact = is_contact_shape(key);
    if contact {
        f |= F_CONTACT;
    }
    // The cores of `is_share_word` and `is_cue_word` differ only when `©` is at an edge.
    let core = key.trim_matches(|c: char| !is_alphanumeric(c));
    let cue_word = if key.contains('©') {
        is_cue_word(key)
    } else {
        is_cue_core(core)
    };
    if cue_word {
        f |= F_CUE_WORD;
    }
    if contact || cue_word || is_share_core(core) {
        f |= F_CUE;
    }
    if key.chars().any(is_alphabetic) {
        f |= F_LETTERS;
    }
    if key.bytes().any(|b| b.is_ascii_digit()) {
        f |= F_DIGIT;
    }
    if key.starts_with('<') {
        f |= F_ANGLE;
    }
    f
}

/// The flags of a key that its last characters give: boundary, clause and sentence end, full
/// stop (0 for a key that ends with a letter).
fn end_flags(key: &str) -> u16 {
    let mut f = 0;
    let boundary = matches!(key.as_bytes().last(), Some(b':' | b'-' | b'|'));
    if boundary {
        f |= F_BOUNDARY;
    }
    let special = key.ends_with("،،") || key == "*";
    let core = key.trim_end_matches(['»', '"', ')', '”', '\'', ']']);
    let stop = matches!(core.chars().last(), Some('.' | '!' | '?' | '؟' | '…'));
    if boundary || special || stop {
        f |= F_ENDS_CLAUSE;
    }
    if key.ends_with(':') || special || stop {
        f |= F_ENDS_SENTENCE;
    }
    if key
        .trim_end_matches(['»', '"', ')', '”', '}'])
        .ends_with(['.', '!', '?', '؟'])
    {
        f |= F_FULL_STOP;
    }
    f
}

/// [`key_flags`] of a non-empty key of letters only (`char::is_alphabetic`).
/// Most keys are no cue: one bloom bit says so, inline.
#[inline(always)]
fn letter_key_flags(key: &str) -> u16 {
    let bit = bloom_bit(key.as_bytes());
    if !bloom_test(&ANY_CUE_BLOOM, bit) {
        return F_LETTERS;
    }
    listed_letter_key_flags(key)
}

/// [`letter_key_flags`] of a key whose bloom bit is set (rare: out of line).
#[inline(never)]
fn listed_letter_key_flags(key: &str) -> u16 {
    let cue_word = is_cue_core(key);
    let mut f = F_LETTERS;
    if cue_word {
        f |= F_CUE_WORD;
    }
    if cue_word || is_share_core(key) {
        f |= F_CUE;
    }
    f
}

use crate::text::chars::{is_alphabetic, is_alphanumeric};

/// [`KeyChars`] entry kinds (above the code point of the character written to the key).
const KC_LETTER: u32 = 1 << 24;
/// A mark the matching fold drops (harakat): it writes nothing to the key.
const KC_DROPPED: u32 = 2 << 24;
/// Punctuation before or after the letters of a word (`«`, `،`, `.`).
const KC_EDGE: u32 = 3 << 24;
const KC_KIND: u32 = 0xFF << 24;
/// The character is written to the key as it is (its folded form is itself).
const KC_SAME: u32 = 1 << 23;
/// The code point of a [`KeyChars`] entry.
const KC_CHAR: u32 = (1 << 21) - 1;

/// How [`Tokens::letter_word`] keys the characters of a word: for ASCII (by byte), the
/// two-byte characters of lead byte C2 (by second byte & 0x3F: `«`, `»`) and U+0600..U+067F
/// (by code point - 0x600), a `KC_*` kind and the character the matching fold writes for it
/// (nothing for [`KC_DROPPED`]), or 0: not a character of that path.
struct KeyChars {
    /// The colon's entry when it ends a word after letters (a boundary mark, left unsplit).
    colon: u32,
    ascii: [u32; 128],
    latin: [u32; 64],
    arabic: [u32; 128],
}

/// Punctuation that may stand before or after the letters of a word on the fast path. Not
/// `:` (a boundary, taken only as a word's last character), dashes, `|`, `*`, `<`, `@`, `;`,
/// whitespace or anything three bytes long: those split words, start bullets, glue pieces,
/// contact shapes or HTML references.
const EDGE_CHARS: &[char] = &[
    '،', '؛', '؟', '.', ',', '!', '?', '"', '\'', '(', ')', '[', ']', '«', '»',
];

/// The [`KeyChars`] table, filled from the matching fold itself (`normalize::matching_fold_of`:
/// what the fold writes for a character whatever surrounds it). A letter: a character of
/// U+0600..U+067F other than the tatweel (a glue piece, or a dash at a word's end) folded to
/// one letter of U+0600..U+06FF other than the tatweel. A dropped mark: one folded to nothing
/// (no piece of the general path reads a word's own characters but its tatweel). An edge: a character of
/// [`EDGE_CHARS`] folded to one character that is neither alphanumeric nor whitespace nor one
/// of `:-|<@` and the ASCII letters `h` `w` (which `token_key_into` reads for contact shapes).
fn key_chars() -> &'static KeyChars {
    static T: OnceLock<KeyChars> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = KeyChars {
            colon: 0,
            ascii: [0; 128],
            latin: [0; 64],
            arabic: [0; 128],
        };
        let folded = |c: char| -> Option<Option<char>> {
            let (bytes, n) = crate::text::normalize::matching_fold_of(c)?;
            let s = std::str::from_utf8(bytes.get(..n)?).ok()?;
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (None, _) => Some(None),
                (Some(f), None) => Some(Some(f)),
                _ => None,
            }
        };
        fn slot(t: &mut KeyChars, c: char) -> Option<&mut u32> {
            let cp = c as usize;
            match cp {
                0..=0x7F => t.ascii.get_mut(cp),
                0x80..=0xBF => t.latin.get_mut(cp & 0x3F),
                0x600..=0x67F => t.arabic.get_mut(cp - 0x600),
                _ => None,
            }
        }
        for c in ('\u{600}'..='\u{67F}').filter(|&c| c != '\u{640}') {
            let entry = match folded(c) {
                Some(Some(f))
                    if ('\u{600}'..='\u{6FF}').contains(&f)
                        && f != '\u{640}'
                        && is_alphabetic(f) =>
                {
                    KC_LETTER | f as u32
                }
                Some(None) => KC_DROPPED,
                _ => continue,
            };
            if let Some(e) = slot(&mut t, c) {
                *e = entry;
            }
        }
        for &c in EDGE_CHARS {
            let Some(Some(f)) = folded(c) else {
                continue;
            };
            if is_alphanumeric(f) || f.is_whitespace() || ":-|<@hw".contains(f) {
                continue;
            }
            if let Some(e) = slot(&mut t, c).filter(|e| **e == 0) {
                *e = KC_EDGE | f as u32;
            }
        }
        if folded(':') == Some(Some(':')) {
            t.colon = KC_EDGE | KC_SAME | u32::from(b':');
        }
        // Entries that write their own character (most letters): the word's bytes are
        // copied as they stand.
        let same = |e: &mut u32, c: u32| {
            if matches!(*e & KC_KIND, KC_LETTER | KC_EDGE) && *e & KC_CHAR == c {
                *e |= KC_SAME;
            }
        };
        for (c, e) in (0u32..).zip(t.ascii.iter_mut()) {
            same(e, c);
        }
        for (c, e) in (0x80u32..).zip(t.latin.iter_mut()) {
            same(e, c);
        }
        for (c, e) in (0x600u32..).zip(t.arabic.iter_mut()) {
            same(e, c);
        }
        t
    })
}

/// Appends the key of the word `w` to `keys` by `t` (see [`Tokens::letter_word`]):
/// the key range of its letters and whether punctuation stands before or after them; `None`
/// (with `keys` partly written) when the word is not edges, letters and dropped marks, edges,
/// in that order, with at least one letter. Runs of characters the key writes as they are
/// ([`KC_SAME`], most letters) are copied from the word in one piece.
fn key_letter_word(w: &str, t: &KeyChars, keys: &mut String) -> Option<(usize, usize, bool)> {
    let b = w.as_bytes();
    // The letters' key range; whether edge characters come before or after them, and after.
    let (mut lstart, mut lend) = (usize::MAX, 0usize);
    let (mut edges, mut after) = (false, false);
    // `w[run..i]` is written as it is, not yet appended: the key so far is `keys` then it.
    let mut run = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        // Most of a word: a run of Arabic letters the key writes as they are.
        if !after {
            let start = i;
            while let (Some(&c), Some(&c1)) = (b.get(i), b.get(i + 1)) {
                let e = t.arabic[usize::from(c & 1) << 6 | usize::from(c1 & 0x3F)];
                if c & 0xFE != 0xD8 || e & (KC_KIND | KC_SAME) != KC_LETTER | KC_SAME {
                    break;
                }
                i += 2;
            }
            if i > start {
                lstart = lstart.min(keys.len() + (start - run));
                lend = keys.len() + (i - run);
            }
            if i >= b.len() {
                break;
            }
        }
        let c = b[i];
        // A lead byte C2, D8 or D9 is followed by its continuation byte (UTF-8).
        let (e, n) = match (c, b.get(i + 1)) {
            (b':', None) if lend > 0 => (t.colon, 1),
            (0..=0x7F, _) => (t.ascii[usize::from(c)], 1),
            (0xC2, Some(&c1)) => (t.latin[usize::from(c1 & 0x3F)], 2),
            (0xD8 | 0xD9, Some(&c1)) => (
                t.arabic[usize::from(c & 1) << 6 | usize::from(c1 & 0x3F)],
                2,
            ),
            _ => return None,
        };
        // After the letters and an edge, only edges.
        let letter = match e & KC_KIND {
            KC_LETTER if !after => true,
            KC_DROPPED if !after => false,
            KC_EDGE => {
                edges = true;
                after = lend > 0;
                false
            }
            _ => return None,
        };
        if letter {
            lstart = lstart.min(keys.len() + (i - run));
        }
        if e & KC_SAME == 0 {
            keys.push_str(w.get(run..i)?);
            run = i + n;
            if e & KC_KIND != KC_DROPPED {
                keys.push(char::from_u32(e & KC_CHAR)?);
            }
        }
        i += n;
        if letter {
            lend = keys.len() + (i - run);
        }
    }
    keys.push_str(w.get(run..)?);
    (lend > 0).then_some((lstart, lend, edges))
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―')
}

fn is_glue_punct(s: &str) -> bool {
    // First bytes of `-`, `:`, `|`, the dashes U+2012..U+2015 (E2), `：` (EF) and `ـ` (D9).
    matches!(
        s.as_bytes().first(),
        Some(b'-' | b':' | b'|' | 0xE2 | 0xEF | 0xD9)
    ) && s
        .chars()
        .all(|c| is_dash(c) || matches!(c, ':' | '：' | '|' | 'ـ'))
}

/// Bytes of cached keys [`Tokens`] keeps before its word cache starts afresh.
const WORD_CACHE_BYTES: usize = 1 << 23;
/// Words [`Tokens`] keeps in its word table (words other than letter words) before its cache
/// starts afresh.
const WORD_CACHE_WORDS: usize = 1 << 19;
/// Largest word table ([`Tokens::slots`]): twice [`WORD_CACHE_WORDS`] slots of 16 bytes
/// (16 MiB), so that it stays at most half full until the cache starts afresh.
const MAX_SLOTS: usize = 2 * WORD_CACHE_WORDS;
/// Words in the table at most (it never fills up): words added to the cache past this
/// (within one very long line) are not found again but recomputed.
const MAX_INDEXED: usize = MAX_SLOTS / 4 * 3;

/// One piece of a cached word: its byte range in the word, its key (a range of
/// [`Tokens::keys`]) and flags, and for a glue piece (only dashes, colons, bars, tatweel) the
/// mark it adds to the token before it (else 0).
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: u32,
    end: u32,
    kstart: u32,
    kend: u32,
    flags: u16,
    glue: u8,
}

/// A cached word: its pieces (a range of `Tokens::pieces`), the keys of its pieces joined
/// by spaces (a range of [`Tokens::keys`]), and what the tokenizer needs to take a simple
/// word whole.
#[derive(Debug, Clone, Copy)]
struct Word {
    first: u32,
    jstart: u32,
    jend: u32,
    npieces: u16,
    /// `W_*` flags.
    wflags: u16,
    /// Flags of the last piece.
    last_flags: u16,
    /// Key length of the last piece.
    last_klen: u16,
}

/// Slots of [`Tokens::hot`] (16 bytes each: 256 KiB, within L2 beside the rest of the
/// pipeline's data).
const HOT: usize = 1 << 14;
/// Bits of [`Slot::flags_klen`] that hold the key length.
const KLEN_BITS: u32 = 6;
/// The key length of a slot that holds a word id instead of a key range.
const KLEN_WORD: u16 = (1 << KLEN_BITS) - 1;

/// A slot of the word table: the word's xxh3-64 hash and byte length (what it is found by)
/// and, in 16 bytes, everything the tokenizer needs for a word of one simple piece with a
/// short key (most words of a text), else the id of the word in `Tokens::words`. One cache
/// line holds four slots, so a lookup touches one line.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u64,
    /// Key range start in [`Tokens::keys`], or the word id (see `flags_klen`).
    val: u32,
    /// Byte length of the word; 0 for an empty slot.
    len: u16,
    /// Key flags (`F_*`, 10 bits) above the key length ([`KLEN_BITS`] bits);
    /// [`KLEN_WORD`] as the key length for a word id.
    flags_klen: u16,
}

// The key flags fit above the key length.
const _: () = assert!(F_FULL_STOP << KLEN_BITS >> KLEN_BITS == F_FULL_STOP);

/// What the tokenizer finds for a word: one simple piece (its key range and flags), or the
/// cached word.
enum Found {
    Single {
        kstart: usize,
        kend: usize,
        flags: u16,
    },
    Word(Word),
}

/// No piece is a glue piece and no piece has an empty key: the word adds its pieces as
/// tokens, and its joined keys to a line pattern, unchanged.
const W_SIMPLE: u16 = 1;
/// A piece other than the last is a cue.
const W_CUE_HEAD: u16 = 1 << 1;

/// The last token of a line being tokenized (it may still absorb a glue piece).
#[derive(Debug, Clone, Copy)]
enum Last {
    None,
    /// A token of its own.
    Tok(Tok),
    /// The last piece `k` (of `Tokens::pieces`) of the simple word at display byte `base`.
    Piece {
        base: usize,
        k: u32,
        cue: bool,
    },
}

/// The tokens of one line, with their keys, and a cache of the other words seen before. A
/// letter word (most words of Arabic text) is keyed where it stands ([`Tokens::letter_word`]).
/// Any other word is found in the cache, where the slow general path adds it once (a word's
/// pieces and their keys are a function of the word alone): first in a small direct-mapped
/// table of the recent ones ([`HOT`] slots), then in the word table. Keys of tokens are
/// ranges of one text ([`Tokens::keys`]): the cached words' keys, then the line's letter words'
/// and merged tokens' keys, dropped at the next line. The cache starts afresh (between lines)
/// past [`WORD_CACHE_BYTES`] or [`WORD_CACHE_WORDS`].
///
/// Words are found by their xxh3-64 hash and length, without comparing their text: two words
/// of one length with the same 64-bit hash (odds about 2^-64 for a pair) would share keys.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    /// The tokens of the line, in order (only the first ones when
    /// [`Tokens::tokenize_line`] was asked to keep fewer).
    pub toks: Vec<Tok>,
    /// Number of tokens of the line (kept in `toks` or not).
    pub count: usize,
    /// Some token of the line is a contact or share cue.
    pub any_cue: bool,
    /// End (display byte) of the last token of the line.
    pub last_end: usize,
    /// Keys of the cached words (up to `cache_end`), then of the line's letter words and
    /// merged tokens; every token's key is a range of it.
    pub keys: String,
    /// End of the last cached word's keys in `keys`: what the next line keeps of it.
    cache_end: usize,
    /// Open-addressing table of the cached words (linear probing).
    slots: Vec<Slot>,
    /// Words in `slots`.
    indexed: usize,
    /// The cached words, by id.
    words: Vec<Word>,
    /// Direct-mapped table of the slots of recently seen words ([`HOT`] slots by hash, the
    /// last one seen wins; empty until the first line): the frequent words of the text are
    /// found without touching the large table.
    hot: Vec<Slot>,
    pieces: Vec<Piece>,
    split: Vec<(usize, usize)>,
    scratch: String,
}

thread_local! {
    static TOKENS: RefCell<Tokens> = RefCell::new(Tokens::default());
}

/// Runs `f` with this thread's [`Tokens`] (whose word cache lives on between calls).
pub(crate) fn with_tokens<R>(f: impl FnOnce(&mut Tokens) -> R) -> R {
    TOKENS.with(|t| match t.try_borrow_mut() {
        Ok(mut t) => f(&mut t),
        Err(_) => f(&mut Tokens::default()),
    })
}

/// `n` as `u32` (the cache starts afresh long before its text reaches 4 GiB).
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The mark a glue piece adds to the token before it.
fn glue_mark(text: &str) -> char {
    if text.contains(':') || text.contains('：') {
        ':'
    } else if text.contains('|') {
        '|'
    } else {
        '-'
    }
}

/// Index of the `n`th ASCII space of `b` (`n` >= 1), if it has that many.
pub(crate) fn nth_space(b: &[u8], n: usize) -> Option<usize> {
    let mut at = None;
    let mut i = 0;
    for _ in 0..n {
        i = next_space(b, i);
        if i >= b.len() {
            return None;
        }
        at = Some(i);
        i += 1;
    }
    at
}

/// Index of the first ASCII space in `b` at or after `i` (or `b.len()`), eight bytes at a time.
pub(crate) fn next_space(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(bytes) ^ SPACES;
        // The lowest set high bit marks the first zero byte of `x` exactly (borrows only
        // spoil the bytes above it).
        let zero = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero != 0 {
            return i + (zero.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] != b' ' {
        i += 1;
    }
    i
}

impl Last {
    /// The last token is a cue.
    fn is_cue(&self) -> bool {
        match *self {
            Last::None => false,
            Last::Tok(ref t) => t.is_cue(),
            Last::Piece { cue, .. } => cue,
        }
    }
}

/// The state of a line being tokenized that [`Tokens::push_word`] carries on.
struct LineState {
    /// The last token so far (a glue piece that follows is merged into it).
    last: Last,
    /// Where the key of the last token starts in the pattern.
    last_at: usize,
    /// A token before the last one is a cue.
    cue: bool,
    /// Tokens so far.
    count: usize,
    /// Length of the pattern buffer before the line.
    fs: usize,
}

/// Bytes of the fixed-size block [`append_key`] copies a short key in.
const KEY_BLOCK: usize = 16;

/// Appends `keys[a..b]` to `f`. A key of at most [`KEY_BLOCK`] bytes (most of them) goes as
/// one fixed-size block, cut back to its length: a short inline copy instead of a `memcpy`
/// call for every word.
#[inline(always)]
fn append_key(f: &mut Vec<u8>, keys: &[u8], a: usize, b: usize) {
    let n = b.saturating_sub(a);
    if n <= KEY_BLOCK {
        if let Some(block) = keys
            .get(a..a + KEY_BLOCK)
            .and_then(|s| <&[u8; KEY_BLOCK]>::try_from(s).ok())
        {
            let at = f.len();
            f.extend_from_slice(block);
            f.truncate(at + n);
            return;
        }
    }
    f.extend_from_slice(keys.get(a..b).unwrap_or_default());
}

impl Tokens {
    /// What the tokenizer needs of the word `display[base..end]` (not a letter word): from
    /// the hot table, else from the word table (added if new).
    #[inline]
    fn find(&mut self, display: &str, base: usize, end: usize) -> Option<Found> {
        let bytes = display.as_bytes().get(base..end).unwrap_or_default();
        let h = xxh3_64(bytes);
        let hot = (h as usize) & (HOT - 1);
        if let (Ok(len), Some(&sl)) = (u16::try_from(bytes.len()), self.hot.get(hot)) {
            if sl.hash == h && sl.len == len {
                return self.found(sl);
            }
        }
        let sl = self.find_indexed(display.get(base..end).unwrap_or_default(), h);
        self.found(sl)
    }

    /// The slot of the word `word` (hash `h`) that the hot table did not hold: from the word
    /// table, added if new; it then goes into the hot table. Out of line, so that the loop
    /// over the words of a line keeps its state in registers.
    #[inline(never)]
    fn find_indexed(&mut self, word: &str, h: u64) -> Slot {
        let Ok(len) = u16::try_from(word.len()) else {
            // Words of 64 KiB or more are not kept in the table.
            return self.add_any_word(word, h);
        };
        if self.slots.len() < 2 * (self.indexed + 1) && self.slots.len() < MAX_SLOTS {
            self.grow();
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (h as usize) & mask;
        let sl = loop {
            match self.slots.get(at) {
                Some(sl) if sl.len == 0 => {
                    let sl = self.add_any_word(word, h);
                    if self.indexed < MAX_INDEXED {
                        if let Some(s) = self.slots.get_mut(at) {
                            *s = sl;
                            self.indexed += 1;
                        }
                    }
                    break sl;
                }
                Some(sl) if sl.hash == h && sl.len == len => break *sl,
                Some(_) => at = (at + 1) & mask,
                None => break self.add_any_word(word, h),
            }
        };
        if let Some(s) = self.hot.get_mut((h as usize) & (HOT - 1)) {
            *s = sl;
        }
        sl
    }

    /// What the slot `sl` says of its word.
    #[inline]
    fn found(&self, sl: Slot) -> Option<Found> {
        let klen = sl.flags_klen & KLEN_WORD;
        if klen == KLEN_WORD {
            return self.words.get(sl.val as usize).map(|&w| Found::Word(w));
        }
        let kstart = sl.val as usize;
        Some(Found::Single {
            kstart,
            kend: kstart + usize::from(klen),
            flags: sl.flags_klen >> KLEN_BITS,
        })
    }

    /// A word of letters (most words of Arabic text), possibly with harakat among them and
    /// punctuation before or after them (`«قال`, `الخبر،`), keyed character by character from
    /// [`key_chars`] and appended to the keys, with no lookup: what the general path
    /// ([`Tokens::add_any_word`]) gives such a word, a single token (kstart, kend, flags);
    /// `None` (and the keys left as they were) for any other word.
    ///
    /// Keying the word every time costs more instructions than finding it in a cache, and
    /// fewer cycles: a table of the words of a large text outgrows the CPU caches, and the key
    /// of a word found there is read from anywhere in the cached keys (the stalls were a fifth
    /// of the run's wall time on SaudiNewsNet dev, also with the recent words in a small table
    /// first), while this path reads the word and writes its key after the line's last one.
    ///
    /// Exact: such a word has no `@`, dash, bullet, `www.`, tatweel or digit, and a `:` only at
    /// its end, so `split_word` leaves it whole and it is no glue piece; `matching_form` writes
    /// each character's table bytes whatever surrounds it and strips only a trailing space (it
    /// writes none); `token_key_into` copies them (no digit, whitespace, dash or tatweel), finds
    /// no contact shape (no `@`, `h`, `w`) and at most one trailing mark; the key's
    /// alphanumeric core is the letters, so `key_flags` is [`letter_key_flags`] of the letters
    /// with the [`end_flags`] of the key. Tests: `letter_words_take_the_general_path_s_keys`,
    /// `letter_word_fast_path_agrees`.
    #[inline]
    fn letter_word(&mut self, w: &str) -> Option<Found> {
        let kstart = self.keys.len();
        let Some((lstart, lend, edges)) = key_letter_word(w, key_chars(), &mut self.keys) else {
            self.keys.truncate(kstart);
            return None;
        };
        let letters = self.keys.get(lstart..lend).unwrap_or_default();
        let mut flags = letter_key_flags(letters);
        if edges {
            flags |= end_flags(self.keys.get(kstart..).unwrap_or_default());
        }
        Some(Found::Single {
            kstart,
            kend: self.keys.len(),
            flags,
        })
    }

    /// Adds the new word `word` (hash `h`, not a [`Tokens::letter_word`]) to the cache: split
    /// into pieces, each keyed and flagged; returns its slot.
    #[cold]
    #[inline(never)]
    fn add_any_word(&mut self, word: &str, h: u64) -> Slot {
        self.split.clear();
        split_word(word, 0, &mut self.split);
        let first = self.pieces.len();
        let mut simple = true;
        let mut cue_head = false;
        for &(s, e) in &self.split {
            let piece = word.get(s..e).unwrap_or_default();
            let glue = if is_glue_punct(piece) {
                glue_mark(piece) as u8
            } else {
                0
            };
            let kstart = self.keys.len();
            token_key_into(piece, &mut self.scratch, &mut self.keys);
            let flags = key_flags(self.keys.get(kstart..).unwrap_or_default());
            simple &= glue == 0 && self.keys.len() > kstart;
            if let Some(prev) = self.pieces.get(first..).and_then(<[Piece]>::last) {
                cue_head |= prev.flags & F_CUE != 0;
            }
            self.pieces.push(Piece {
                start: to_u32(s),
                end: to_u32(e),
                kstart: to_u32(kstart),
                kend: to_u32(self.keys.len()),
                flags,
                glue,
            });
        }
        let pieces = self.pieces.get(first..).unwrap_or_default();
        let (jstart, jend) = match pieces {
            [p] => (p.kstart, p.kend),
            _ => {
                let start = self.keys.len();
                for (i, p) in pieces.iter().enumerate() {
                    if i > 0 {
                        self.keys.push(' ');
                    }
                    let k = self
                        .keys
                        .get(p.kstart as usize..p.kend as usize)
                        .unwrap_or_default()
                        .to_owned();
                    self.keys.push_str(&k);
                }
                (to_u32(start), to_u32(self.keys.len()))
            }
        };
        let last = pieces.last().copied();
        // Words of more pieces than a u16 counts (never in a display line of sane length)
        // are not cached whole: they go piece by piece.
        let npieces = u16::try_from(pieces.len()).unwrap_or(u16::MAX);
        simple &= !pieces.is_empty() && usize::from(npieces) == pieces.len();
        let w = Word {
            first: to_u32(first),
            jstart,
            jend,
            npieces,
            wflags: if simple { W_SIMPLE } else { 0 } | if cue_head { W_CUE_HEAD } else { 0 },
            last_flags: last.map_or(0, |p| p.flags),
            last_klen: last.map_or(0, |p| u16::try_from(p.kend - p.kstart).unwrap_or(u16::MAX)),
        };
        // Keys longer than a u16 never take the whole-word path.
        let w = if last.is_some_and(|p| p.kend - p.kstart > u32::from(u16::MAX)) {
            Word {
                wflags: w.wflags & !W_SIMPLE,
                ..w
            }
        } else {
            w
        };
        let id = to_u32(self.words.len());
        self.words.push(w);
        self.cache_end = self.keys.len();
        let klen = w.jend - w.jstart;
        let (val, flags_klen) =
            if w.npieces == 1 && w.wflags & W_SIMPLE != 0 && klen < u32::from(KLEN_WORD) {
                (w.jstart, w.last_flags << KLEN_BITS | klen as u16)
            } else {
                (id, KLEN_WORD)
            };
        Slot {
            hash: h,
            val,
            len: u16::try_from(word.len()).unwrap_or(0),
            flags_klen,
        }
    }

    /// Doubles the word table (at least 4096 slots) and puts the words back.
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(4096);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); n]);
        let mask = n - 1;
        for sl in old.into_iter().filter(|s| s.len != 0) {
            let mut at = (sl.hash as usize) & mask;
            while self.slots.get(at).is_some_and(|s| s.len != 0) {
                at = (at + 1) & mask;
            }
            if let Some(s) = self.slots.get_mut(at) {
                *s = sl;
            }
        }
    }

    /// The token that `last` stands for.
    fn last_tok(&self, last: &Last) -> Option<Tok> {
        match *last {
            Last::None => None,
            Last::Tok(ref t) => Some(*t),
            Last::Piece { base, k, .. } => self.pieces.get(k as usize).map(|p| Tok {
                start: base + p.start as usize,
                end: base + p.end as usize,
                kstart: p.kstart as usize,
                kend: p.kend as usize,
                flags: p.flags,
            }),
        }
    }

    /// Split `display` (a display-form line: single spaces, trimmed) into tokens, replacing
    /// the previous content.
    #[cfg(test)]
    pub fn tokenize(&mut self, display: &str) {
        self.tokenize_line(display, usize::MAX, None);
    }

    /// [`Tokens::tokenize`], keeping only the first `keep` tokens in `toks` (`count`,
    /// `any_cue` and `last_end` describe them all), and appending the keys of all tokens,
    /// separated by spaces, to `form` (a space goes before a key only once the joined text is
    /// not empty): the pattern of the whole line, without a second pass over its tokens.
    pub fn tokenize_line(&mut self, display: &str, keep: usize, mut form: Option<&mut Vec<u8>>) {
        self.toks.clear();
        self.count = 0;
        self.any_cue = false;
        self.last_end = 0;
        // The keys of the last line's letter words and merged tokens are dropped: keys stay
        // within the cached words' keys and one line's.
        self.keys.truncate(self.cache_end);
        if self.keys.len() > WORD_CACHE_BYTES || self.words.len() >= WORD_CACHE_WORDS {
            self.keys.clear();
            self.cache_end = 0;
            // Emptied in place: a table regrown from small after every reset would leave
            // its freed generations behind in the allocator.
            self.slots.fill(Slot::default());
            self.indexed = 0;
            self.hot.fill(Slot::default());
            self.words.clear();
            self.pieces.clear();
        }
        if self.hot.is_empty() {
            self.hot = vec![Slot::default(); HOT];
        }
        let fs = form.as_mut().map_or(0, |f| {
            // Keys are rarely longer than their words: room for the whole pattern at once.
            f.reserve(display.len() + KEY_BLOCK);
            f.len()
        });
        let mut st = LineState {
            last: Last::None,
            last_at: fs,
            cue: false,
            count: 0,
            fs,
        };
        // Whether the last token is a cue (what `st.last.is_cue()` says, kept at hand).
        let mut last_cue = false;
        // Words: runs of bytes other than the ASCII space.
        let b = display.as_bytes();
        let mut i = 0usize;
        while i < b.len() {
            if b[i] == b' ' {
                i += 1;
                continue;
            }
            let base = i;
            i = next_space(b, i);
            // A letter word is keyed where it stands; any other is found in the caches.
            let found = match self.letter_word(display.get(base..i).unwrap_or_default()) {
                Some(f) => Some(f),
                None => self.find(display, base, i),
            };
            match found {
                None => {}
                Some(Found::Single {
                    kstart,
                    kend,
                    flags,
                }) => {
                    // A word of one simple piece: one token.
                    st.cue |= last_cue;
                    last_cue = flags & F_CUE != 0;
                    let t = Tok {
                        start: base,
                        end: i,
                        kstart,
                        kend,
                        flags,
                    };
                    if let Some(f) = form.as_mut() {
                        if f.len() > fs {
                            f.push(b' ');
                        }
                        st.last_at = f.len();
                        append_key(f, self.keys.as_bytes(), kstart, kend);
                    }
                    if self.toks.len() < keep {
                        self.toks.push(t);
                    }
                    st.count += 1;
                    st.last = Last::Tok(t);
                }
                Some(Found::Word(w)) => {
                    self.push_word(w, display, base, keep, form.as_deref_mut(), &mut st);
                    last_cue = st.last.is_cue();
                }
            }
        }
        self.count = st.count;
        if let Some(t) = self.last_tok(&st.last) {
            self.any_cue = st.cue || t.is_cue();
            self.last_end = t.end;
        }
    }

    /// The tokens of the cached word `w` at display byte `base` of a line being tokenized
    /// (see [`Tokens::tokenize_line`]): a word of several pieces, or with a glue piece that
    /// merges into the token before it.
    #[inline(never)]
    fn push_word(
        &mut self,
        w: Word,
        display: &str,
        base: usize,
        keep: usize,
        mut form: Option<&mut Vec<u8>>,
        st: &mut LineState,
    ) {
        let fs = st.fs;
        if w.wflags & W_SIMPLE != 0 {
            // A word of several pieces at once: its pieces are tokens as they are.
            st.cue |= st.last.is_cue();
            st.cue |= w.wflags & W_CUE_HEAD != 0;
            if let Some(f) = form.as_mut() {
                if f.len() > fs {
                    f.push(b' ');
                }
                f.extend_from_slice(
                    self.keys
                        .as_bytes()
                        .get(w.jstart as usize..w.jend as usize)
                        .unwrap_or_default(),
                );
                st.last_at = f.len() - usize::from(w.last_klen);
            }
            let n = usize::from(w.npieces);
            if self.toks.len() < keep {
                let first = w.first as usize;
                for p in self.pieces.get(first..first + n).unwrap_or_default() {
                    if self.toks.len() >= keep {
                        break;
                    }
                    self.toks.push(Tok {
                        start: base + p.start as usize,
                        end: base + p.end as usize,
                        kstart: p.kstart as usize,
                        kend: p.kend as usize,
                        flags: p.flags,
                    });
                }
            }
            st.count += n;
            st.last = Last::Piece {
                base,
                k: w.first + u32::from(w.npieces) - 1,
                cue: w.last_flags & F_CUE != 0,
            };
            return;
        }
        for k in w.first..w.first + u32::from(w.npieces) {
            let Some(&p) = self.pieces.get(k as usize) else {
                continue;
            };
            let (s, e) = (base + p.start as usize, base + p.end as usize);
            if let (true, Some(mut prev)) = (p.glue != 0, self.last_tok(&st.last)) {
                let mark = char::from(p.glue);
                prev.end = e;
                // The key of the merged token, recomputed over its whole text and
                // appended to the keys.
                let kstart = self.keys.len();
                token_key_into(
                    display.get(prev.start..prev.end).unwrap_or_default(),
                    &mut self.scratch,
                    &mut self.keys,
                );
                let popped = if self.keys.len() > kstart {
                    self.keys.pop()
                } else {
                    None
                };
                match popped {
                    Some(c) if matches!(c, ':' | '-' | '|') => {
                        self.keys.push(if c == ':' { ':' } else { mark });
                    }
                    Some(c) => {
                        self.keys.push(c);
                        self.keys.push(mark);
                    }
                    None => self.keys.push(mark),
                }
                prev.kstart = kstart;
                prev.kend = self.keys.len();
                prev.flags = key_flags(self.keys.get(kstart..).unwrap_or_default());
                if let Some(f) = form.as_mut() {
                    f.truncate(st.last_at);
                    f.extend_from_slice(self.keys.as_bytes().get(kstart..).unwrap_or_default());
                }
                if st.count <= keep {
                    if let Some(t) = self.toks.last_mut() {
                        *t = prev;
                    }
                }
                st.last = Last::Tok(prev);
                continue;
            }
            st.cue |= st.last.is_cue();
            let t = Tok {
                start: s,
                end: e,
                kstart: p.kstart as usize,
                kend: p.kend as usize,
                flags: p.flags,
            };
            if let Some(f) = form.as_mut() {
                if f.len() > fs {
                    f.push(b' ');
                }
                st.last_at = f.len();
                f.extend_from_slice(t.key(&self.keys).as_bytes());
            }
            if self.toks.len() < keep {
                self.toks.push(t);
            }
            st.count += 1;
            st.last = Last::Tok(t);
        }
    }

    /// Display byte range `(start, end)` of the tokens `tok_start..tok_end` of the line; the
    /// last token of the line need not be kept in `toks`.
    pub fn span(&self, tok_start: usize, tok_end: usize) -> Option<(usize, usize)> {
        let a = self.toks.get(tok_start)?.start;
        let b = if tok_end == self.count && tok_end > 0 {
            self.last_end
        } else {
            self.toks.get(tok_end.checked_sub(1)?)?.end
        };
        Some((a, b))
    }
}

/// Split one word after inner `:` and dashes (not between digits, not inside e-mails/URLs).
fn split_word(word: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let colon = memchr::memchr(b':', word.as_bytes()).is_some();
    if word.contains('@') || (colon && word.contains("://")) || word.starts_with("www.") {
        out.push((base, base + word.len()));
        return;
    }
    // A leading bullet (`*خدمة`) is its own token, as when it is spaced (`* خدمة`).
    let bullet = if matches!(word.as_bytes().first(), Some(b'*' | 0xE2)) {
        word.char_indices()
            .take_while(|&(_, c)| matches!(c, '*' | '•' | '■' | '●' | '▪'))
            .last()
            .map(|(i, c)| i + c.len_utf8())
    } else {
        None
    };
    if let Some(b) = bullet.filter(|&b| b < word.len()) {
        out.push((base, base + b));
        return split_word(&word[b..], base + b, out);
    }
    // No `:`, ASCII dash or U+2012..U+2015 dash (lead byte E2): nothing to split.
    if memchr::memchr3(b':', b'-', 0xE2, word.as_bytes()).is_none() {
        out.push((base, base + word.len()));
        return;
    }
    let mut start = 0usize;
    let mut prev: Option<char> = None;
    for (bi, c) in word.char_indices() {
        let p = prev;
        prev = Some(c);
        let splittable = c == ':' || is_dash(c);
        if !splittable {
            continue;
        }
        let cut = bi + c.len_utf8();
        let next = word[cut..].chars().next();
        let prev_digit = p.is_some_and(|p| p.is_ascii_digit());
        let next_digit = next.is_some_and(|n| n.is_ascii_digit());
        if prev_digit && next_digit {
            continue;
        }
        if bi == 0 && next.is_some() {
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
#[cfg(test)]
pub(crate) fn token_key(text: &str) -> String {
    let mut out = String::new();
    token_key_into(text, &mut String::new(), &mut out);
    out
}

/// Appends the shape-generalized matching key of `text` to `out` (`m` is scratch space).
fn token_key_into(text: &str, m: &mut String, out: &mut String) {
    // A tatweel ending a word (`الزويدـ سبق`) is used as a dash.
    let tatweel_dash =
        text.ends_with('ـ') && text.chars().filter(|&c| is_alphabetic(c)).count() >= 3;
    matching_form_into(text, m);
    if tatweel_dash && !m.ends_with([':', '-', '|']) {
        m.push('-');
    }
    let base = out.len();
    // Whether `m` has an `@`, `h` or `w` (ASCII bytes, all seen by the loop below): the
    // contact shapes need an `@` or a URL start, so only then is `m` looked at for one.
    let mut maybe_contact = false;
    // Digit runs → `0`, whitespace dropped, dashes and tatweel → `-`, full-width colon → `:`;
    // every other character is copied (in runs).
    let b = m.as_bytes();
    let mut run = 0usize;
    let mut i = 0usize;
    let mut in_digits = false;
    while i < b.len() {
        let c0 = b[i];
        if c0 < 0x80 {
            if c0.is_ascii_digit() {
                out.push_str(&m[run..i]);
                if !in_digits {
                    out.push('0');
                }
                in_digits = true;
                i += 1;
                run = i;
                continue;
            }
            in_digits = false;
            maybe_contact |= matches!(c0, b'@' | b'h' | b'w');
            // `char::is_whitespace` of ASCII.
            if matches!(c0, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
                out.push_str(&m[run..i]);
                i += 1;
                run = i;
            } else {
                i += 1;
            }
            continue;
        }
        in_digits = false;
        // U+0600..U+06FF (lead byte D8..DB): copied, except the tatweel U+0640 (D9 80).
        if (0xD8..=0xDB).contains(&c0) && !(c0 == 0xD9 && b.get(i + 1) == Some(&0x80)) {
            i += 2;
            continue;
        }
        let Some(c) = m.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let to = if c.is_whitespace() {
            None
        } else if is_dash(c) || c == 'ـ' {
            Some('-')
        } else if c == '：' {
            Some(':')
        } else {
            i += len;
            continue;
        };
        out.push_str(&m[run..i]);
        if let Some(to) = to {
            out.push(to);
        }
        i += len;
        run = i;
    }
    out.push_str(&m[run..]);
    // An e-mail, handle or URL: its shape replaces the key (the trimmed core is a substring
    // that keeps every `@`).
    if maybe_contact && (m.contains('@') || m.contains("http") || m.contains("www.")) {
        let core = m.trim_matches(|c: char| !is_alphanumeric(c) && c != '@');
        if core.contains('@') {
            let at = core.find('@').unwrap_or(0);
            let (user, dom) = core.split_at(at);
            out.truncate(base);
            if !user.is_empty() && dom.len() > 1 && dom.contains('.') {
                out.push_str("<email>");
            } else {
                out.push_str("<handle>");
            }
            return;
        }
        if core.starts_with("http") || core.starts_with("www.") {
            out.truncate(base);
            out.push_str("<url>");
            return;
        }
    }
    // A trailing run of boundary marks folds to one mark (`:-` → `:`, `--` → `-`). Marks are
    // ASCII, so the last two bytes are the last two characters whenever both are marks.
    let is_mark = |b: u8| matches!(b, b':' | b'-' | b'|');
    while out.len() - base > 1 {
        let b = out.as_bytes();
        let (p, l) = (b[b.len() - 2], b[b.len() - 1]);
        if is_mark(p) && is_mark(l) {
            out.truncate(out.len() - 2);
            out.push(if p == b':' || l == b':' {
                ':'
            } else {
                char::from(p)
            });
        } else {
            break;
        }
    }
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
    is_share_core(key.trim_matches(|c: char| !is_alphanumeric(c)))
}

fn is_share_core(core: &str) -> bool {
    bloom_has(&SHARE_BLOOM, core) && SHARE_WORDS.contains(&core)
}

/// Bloom filter bit of a word (length, second and last bytes): most words that are not in a
/// list are rejected without comparing strings.
const fn bloom_bit(b: &[u8]) -> usize {
    let n = b.len();
    if n == 0 {
        return 0;
    }
    let second = if n > 1 { b[1] } else { b[0] };
    bloom_mix(n, second, b[n - 1], b[n / 2])
}

/// The bloom bit of a word of `n` bytes from its second, last and middle bytes.
const fn bloom_mix(n: usize, second: u8, last: u8, middle: u8) -> usize {
    ((n * 131) ^ (second as usize * 31) ^ (last as usize * 7) ^ (middle as usize)) & 1023
}

const fn bloom(words: &[&str]) -> [u64; 16] {
    let mut t = [0u64; 16];
    let mut i = 0;
    while i < words.len() {
        let bit = bloom_bit(words[i].as_bytes());
        t[bit / 64] |= 1 << (bit % 64);
        i += 1;
    }
    t
}

#[inline]
fn bloom_has(t: &[u64; 16], w: &str) -> bool {
    bloom_test(t, bloom_bit(w.as_bytes()))
}

#[inline]
fn bloom_test(t: &[u64; 16], bit: usize) -> bool {
    t[bit / 64] & (1 << (bit % 64)) != 0
}

const CUE_BLOOM: [u64; 16] = bloom(CUES);
const SHARE_BLOOM: [u64; 16] = bloom(SHARE_WORDS);

/// [`bloom_bit`] of `و` followed by `w` (two bytes, D9 88).
const fn waw_bloom_bit(w: &[u8]) -> usize {
    const fn at(w: &[u8], k: usize) -> u8 {
        const WAW: [u8; 2] = [0xD9, 0x88];
        if k < 2 {
            WAW[k]
        } else {
            w[k - 2]
        }
    }
    let n = w.len() + 2;
    bloom_mix(n, at(w, 1), at(w, n - 1), at(w, n / 2))
}

/// The bloom bits of every key [`letter_key_flags`] flags: the cue words, the cue words
/// after `و`, the share words. A key whose bit is not set is none of them.
const ANY_CUE_BLOOM: [u64; 16] = {
    let mut t = CUE_BLOOM;
    let mut i = 0;
    while i < 16 {
        t[i] |= SHARE_BLOOM[i];
        i += 1;
    }
    let mut i = 0;
    while i < CUES.len() {
        let bit = waw_bloom_bit(CUES[i].as_bytes());
        t[bit / 64] |= 1 << (bit % 64);
        i += 1;
    }
    t
};

fn in_cues(w: &str) -> bool {
    bloom_has(&CUE_BLOOM, w) && CUES.contains(&w)
}

/// An e-mail, URL or handle token key.
pub(crate) fn is_contact_shape(key: &str) -> bool {
    matches!(key, "<email>" | "<url>" | "<handle>")
}

/// A word of the generic cue lexicon (ignoring punctuation and a leading `و`).
pub(crate) fn is_cue_word(key: &str) -> bool {
    is_cue_core(key.trim_matches(|c: char| !is_alphanumeric(c) && c != '©'))
}

/// [`is_cue_word`] of a trimmed key.
fn is_cue_core(core: &str) -> bool {
    if core.is_empty() {
        return false;
    }
    if in_cues(core) {
        return true;
    }
    core.strip_prefix('و').is_some_and(in_cues)
}

/// The straightforward implementation (per-token `String` keys, flags recomputed with the
/// standard library's Unicode tables), kept to check the fast one against.
#[cfg(test)]
mod reference {
    use super::{is_dash, is_glue_punct, CUES, SHARE_WORDS};
    use crate::text::matching_form;

    pub struct Tok {
        pub start: usize,
        pub end: usize,
        pub key: String,
    }

    impl Tok {
        pub fn is_boundary(&self) -> bool {
            matches!(self.key.chars().last(), Some(':' | '-' | '|'))
        }

        pub fn ends_clause(&self) -> bool {
            if self.is_boundary() || self.key.ends_with("،،") || self.key == "*" {
                return true;
            }
            let core = self.key.trim_end_matches(['»', '"', ')', '”', '\'', ']']);
            matches!(core.chars().last(), Some('.' | '!' | '?' | '؟' | '…'))
        }

        pub fn ends_sentence(&self) -> bool {
            if self.key.ends_with(':') || self.key.ends_with("،،") || self.key == "*" {
                return true;
            }
            let core = self.key.trim_end_matches(['»', '"', ')', '”', '\'', ']']);
            matches!(core.chars().last(), Some('.' | '!' | '?' | '؟' | '…'))
        }

        pub fn is_cue(&self) -> bool {
            is_cue_key(&self.key)
        }

        pub fn has_letters(&self) -> bool {
            self.key.chars().any(|c| c.is_alphabetic())
        }
    }

    pub fn is_cue_key(key: &str) -> bool {
        is_contact_shape(key) || is_cue_word(key) || is_share_word(key)
    }

    fn is_share_word(key: &str) -> bool {
        let core = key.trim_matches(|c: char| !c.is_alphanumeric());
        SHARE_WORDS.contains(&core)
    }

    pub fn is_contact_shape(key: &str) -> bool {
        matches!(key, "<email>" | "<url>" | "<handle>")
    }

    pub fn is_cue_word(key: &str) -> bool {
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

    pub fn tokenize(display: &str) -> Vec<Tok> {
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

    fn split_word(word: &str, base: usize, out: &mut Vec<(usize, usize)>) {
        if word.contains('@') || word.contains("://") || word.starts_with("www.") {
            out.push((base, base + word.len()));
            return;
        }
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

    pub fn token_key(text: &str) -> String {
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
        while out.len() > 1 {
            let mut it = out.chars().rev();
            let (last, prev) = (it.next(), it.next());
            match (prev, last) {
                (Some(p), Some(l))
                    if matches!(p, ':' | '-' | '|') && matches!(l, ':' | '-' | '|') =>
                {
                    out.pop();
                    out.pop();
                    out.push(if p == ':' || l == ':' { ':' } else { p });
                }
                _ => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokenize(s: &str) -> Tokens {
        let mut t = Tokens::default();
        t.tokenize(s);
        t
    }

    fn keys(s: &str) -> Vec<String> {
        let t = tokenize(s);
        t.toks.iter().map(|k| k.key(&t.keys).to_string()).collect()
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
        let t = tokenize(s);
        for t in &t.toks {
            assert!(s.get(t.start..t.end).is_some());
        }
        let t = &t.toks;
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
    fn cue_lists_pass_their_bloom_filters() {
        for w in CUES {
            assert!(in_cues(w) && is_cue_word(w), "{w}");
        }
        for w in SHARE_WORDS {
            assert!(is_share_core(w) && is_share_word(w), "{w}");
        }
    }

    #[test]
    fn cues() {
        assert!(is_cue_key("للتواصل:"));
        assert!(is_cue_key("ومقالات"));
        assert!(is_cue_key("<email>"));
        assert!(!is_cue_key("وقال"));
    }

    /// Pieces the equivalence test builds lines from: Arabic words (cue words among them),
    /// marks, digits, dashes, contact shapes, bullets, tatweel, quotes and other scripts.
    const PIECES: &[&str] = &[
        "قال",
        "صحيفة",
        "سبق",
        "جدة",
        "للتواصل",
        "ومقالات",
        "مشاركة",
        "تويتر",
        "الهاتف",
        "ص.ب",
        "©",
        "share",
        "E-Mail",
        "Twitter",
        "a.b@x.com",
        "@name",
        "https://x.org/a",
        "www.x.com",
        "http",
        "2015",
        "٢٠١٥م",
        "3-1",
        "10:30",
        "-",
        "–",
        "—",
        "―",
        "‒",
        ":",
        "：",
        "|",
        "ـ",
        "ــ",
        "*",
        "•",
        "■",
        "●",
        "▪",
        ".",
        "!",
        "؟",
        "…",
        "»",
        "«",
        "\"",
        ")",
        "]",
        "}",
        "'",
        "”",
        "،",
        "،،",
        "إِنَّ",
        "أ",
        "ى",
        "ة",
        "ﻻ",
        "ΣΑΣ",
        "ǅ",
        "ｆｕｌｌ",
        "１２",
        "ﬁ",
        "①",
        "ⅷ",
        "\u{200d}",
        "😀",
        "x",
        "",
    ];

    proptest::proptest! {
        #[test]
        fn fast_tokens_equal_the_reference(
            parts in proptest::collection::vec(
                (0..PIECES.len(), 0..4usize),
                0..24,
            )
        ) {
            // Pieces glued or separated by a space.
            let mut raw = String::new();
            for (p, sep) in parts {
                raw.push_str(PIECES[p]);
                if sep > 0 {
                    raw.push(' ');
                }
            }
            let display = crate::text::display_form(&raw);
            let want = reference::tokenize(&display);
            // Twice: the second time from the key cache.
            for _ in 0..2 {
                let got = tokenize(&display);
                proptest::prop_assert_eq!(got.toks.len(), want.len(), "{}", display);
                for (g, w) in got.toks.iter().zip(&want) {
                    proptest::prop_assert_eq!((g.start, g.end), (w.start, w.end));
                    proptest::prop_assert_eq!(g.key(&got.keys), w.key.as_str());
                    proptest::prop_assert_eq!(g.is_boundary(), w.is_boundary());
                    proptest::prop_assert_eq!(g.ends_clause(), w.ends_clause());
                    proptest::prop_assert_eq!(g.ends_sentence(), w.ends_sentence());
                    proptest::prop_assert_eq!(g.is_cue(), w.is_cue(), "{}", w.key);
                    proptest::prop_assert_eq!(g.is_cue_word(), reference::is_cue_word(&w.key));
                    proptest::prop_assert_eq!(g.has_letters(), w.has_letters());
                    proptest::prop_assert_eq!(
                        g.is_contact(),
                        reference::is_contact_shape(&w.key)
                    );
                    proptest::prop_assert_eq!(
                        g.has_digit(),
                        w.key.chars().any(|c| c.is_ascii_digit())
                    );
                    proptest::prop_assert_eq!(g.starts_angle(), w.key.starts_with('<'));
                    proptest::prop_assert_eq!(
                        g.full_stop(),
                        w.key
                            .trim_end_matches(['»', '"', ')', '”', '}'])
                            .ends_with(['.', '!', '?', '؟'])
                    );
                }
            }
            // Only the first tokens kept, the whole-line pattern written while tokenizing.
            let mut joined = String::new();
            for w in &want {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(&w.key);
            }
            for keep in [0, 3] {
                let mut t = Tokens::default();
                for _ in 0..2 {
                    let mut form = b"L\0".to_vec();
                    t.tokenize_line(&display, keep, Some(&mut form));
                    proptest::prop_assert_eq!(t.count, want.len());
                    proptest::prop_assert_eq!(t.toks.len(), want.len().min(keep));
                    for (g, w) in t.toks.iter().zip(&want) {
                        proptest::prop_assert_eq!((g.start, g.end), (w.start, w.end));
                        proptest::prop_assert_eq!(g.key(&t.keys), w.key.as_str());
                    }
                    proptest::prop_assert_eq!(&form[2..], joined.as_bytes(), "{}", display);
                    proptest::prop_assert_eq!(t.any_cue, want.iter().any(|w| w.is_cue()));
                    proptest::prop_assert_eq!(t.last_end, want.last().map_or(0, |w| w.end));
                }
            }
            for w in &want {
                let text = &display[w.start..w.end];
                proptest::prop_assert_eq!(token_key(text), reference::token_key(text));
            }
        }
    }

    /// The key and flags [`Tokens::letter_word`] gives `word`, if it takes it (the keys are
    /// left as they were when it does not).
    fn fast_key(word: &str) -> Option<(String, u16)> {
        let mut t = Tokens::default();
        t.keys.push('x');
        match t.letter_word(word) {
            Some(Found::Single {
                kstart,
                kend,
                flags,
            }) => Some((t.keys.get(kstart..kend)?.to_string(), flags)),
            Some(Found::Word(_)) => Some((String::new(), u16::MAX)),
            None => {
                assert_eq!(t.keys, "x", "{word}");
                None
            }
        }
    }

    /// The fast path agrees with the general one: a word it takes is one simple token of the
    /// same key and flags there.
    fn letter_word_agrees(word: &str) -> bool {
        let Some(fast) = fast_key(word) else {
            return true;
        };
        let mut t = Tokens::default();
        t.add_any_word(word, 7);
        match t.pieces[..] {
            [p] => {
                p.glue == 0
                    && t.keys
                        .get(p.kstart as usize..p.kend as usize)
                        .map(|k| (k.to_string(), p.flags))
                        == Some(fast)
            }
            _ => false,
        }
    }

    #[test]
    fn every_cue_key_passes_the_combined_bloom() {
        for w in CUES.iter().chain(SHARE_WORDS) {
            assert!(bloom_has(&ANY_CUE_BLOOM, w), "{w}");
            assert!(letter_key_flags(w) & F_CUE != 0, "{w}");
        }
        for w in CUES {
            let waw = format!("و{w}");
            assert!(bloom_has(&ANY_CUE_BLOOM, &waw), "{waw}");
            assert!(letter_key_flags(&waw) & F_CUE_WORD != 0, "{waw}");
        }
    }

    #[test]
    fn letter_words_take_the_general_path_s_keys() {
        // Every character of U+0600..U+06FF alone, and after and before a letter.
        for c in '\u{600}'..='\u{6FF}' {
            for w in [
                format!("{c}"),
                format!("ب{c}"),
                format!("{c}ب"),
                format!("{c}{c}"),
            ] {
                assert!(letter_word_agrees(&w), "{w}");
            }
        }
        // Common words take the fast path, also with harakat and punctuation around them;
        // words with other characters, or punctuation among the letters, do not.
        for w in [
            "الخبر",
            "أعلنت",
            "مدينة",
            "إلى",
            "مؤسسة",
            "شارك",
            "وللمزيد",
            "ئ",
            "الخبرُ",
            "كتاباً،",
            "س.",
            "«قال",
            "جدة:",
            "(واس)",
            "«الخبر».",
            "للمزيد:",
            "\"تويتر\"،",
            "يقوّض",
            // Longer than a word-table slot holds a key: keyed in place all the same.
            "الاستراتيجياتالاقتصاديةالمستدامةللمملكةالعربيةالسعودية",
        ] {
            assert!(fast_key(w).is_some(), "{w}");
            assert!(letter_word_agrees(w), "{w}");
        }
        for w in [
            "جدةـ",
            "ـ",
            "سبق-جازان",
            "عام2015",
            "ab",
            "ب:ب",
            ":ب",
            ".",
            "ب.ب",
            "«",
            "ً",
            "ب:»",
            "http",
            "@ب",
        ] {
            assert!(fast_key(w).is_none(), "{w}");
            assert!(letter_word_agrees(w), "{w}");
        }
        // Every edge character before and after letters, alone and doubled.
        for &c in EDGE_CHARS
            .iter()
            .chain(&[':', '-', '*', '<', '@', ';', '…', '“'])
        {
            for w in [
                format!("{c}بت"),
                format!("بت{c}"),
                format!("{c}{c}بت{c}{c}"),
                format!("ب{c}ت"),
            ] {
                assert!(letter_word_agrees(&w), "{w}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn letter_word_fast_path_agrees(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => 0x600u32..0x680,
                    1 => 0x680u32..0x700,
                    1 => 0x20u32..0x80,
                    1 => 0xA0u32..0xC0,
                    2 => proptest::sample::select(vec![0x64Bu32, 0x651, 0x60C, 0x61B, 0x61F, 0xAB, 0xBB, 0x2E, 0x3A, 0x22, 0x28, 0x29]),
                    1 => proptest::sample::select(vec![0x20u32, 0x2D, 0x3A, 0x40, 0x61, 0x31, 0x2013, 0xFEFB, 0x2026, 0x201C]),
                ],
                1..40,
            )
        ) {
            let word: String = chars.into_iter().filter_map(char::from_u32).collect();
            proptest::prop_assert!(letter_word_agrees(&word), "{}", word);
        }

        #[test]
        fn edged_letter_word_fast_path_agrees(
            before in proptest::collection::vec(proptest::sample::select(EDGE_CHARS), 0..3),
            letters in proptest::collection::vec(0x600u32..0x680, 1..8),
            after in proptest::collection::vec(proptest::sample::select(EDGE_CHARS), 0..4),
            colon in proptest::bool::ANY,
        ) {
            let mut word: String = before.into_iter().collect();
            word.extend(letters.into_iter().filter_map(char::from_u32));
            word.extend(after);
            if colon {
                word.push(':');
            }
            proptest::prop_assert!(letter_word_agrees(&word), "{}", word);
        }
    }
}
