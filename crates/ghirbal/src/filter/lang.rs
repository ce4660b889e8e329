//! Language identification for Arabic news corpora.
//!
//! The question this stage answers is narrow: *is this document Arabic?* — including dialectal
//! Arabic (Egyptian, Gulf, Levantine, Maghrebi), and excluding the other languages written in the
//! Arabic script (Persian, Urdu, Pashto, Sorani Kurdish, Uyghur) and Latin-script pages.
//!
//! Method (no model file, no training data to ship, one pass over the characters):
//!
//! 1. **Script pass.** Letters are counted by script (Arabic block and its extensions, Latin,
//!    other). If fewer than [`ARABIC_BRANCH_SHARE`] of the letters are Arabic-script the document
//!    is decided in the Latin branch (or `und` for other scripts).
//! 2. **Arabic-script branch.** Every language gets evidence from (a) *letters*: each letter that
//!    one of the languages uses and the others do not (Urdu ٹ ڈ ڑ ں ے ہ, Pashto ټ ډ ړ ښ ږ ځ څ ۍ,
//!    Sorani ێ ڵ ڕ ە, Uyghur ۇ ۈ ۋ ڭ and non-final ى, Arabic ة أ إ ؤ and Arabic-code-point ك ي),
//!    and the Perso-Arabic letters پ چ ژ گ ک ی that Arabic lacks, weighted towards Persian (the
//!    only language among them with no letter of its own); (b) *function words*: small hand-built
//!    lists per language (Arabic includes dialect function words such as مش، ده، شو، هيك، واش،
//!    ديال، الحين، وايد), matched after folding the ي/ی/ى and ك/ک variants so that Persian typed
//!    with Arabic code points is still Persian; (c) the Arabic article prefix `ال`. The language
//!    with the most evidence wins; its score is its share of all evidence.
//! 3. **Latin branch.** Function-word counts for English, French, Spanish and German; Latin
//!    text with too few function words (code, name lists, URLs) is `und`.
//!
//! Only the first [`MAX_CHARS`] characters are read (the head of a document decides its language,
//! and the cost stays bounded).
//!
//! Why not a statistical model: the languages that matter here are separated cleanly by their
//! alphabets (each of Urdu, Pashto, Sorani and Uyghur has frequent letters Arabic never uses) and
//! Persian by its function words, so a rule pass is as accurate on this task, costs nothing to ship,
//! and is explainable in a reject report. Accuracy on the hand-written labelled set
//! (`tests/fixtures/lang/lang.tsv`) is asserted by a unit test.

use ghirbal_core::stage::{Filter, FilterDoc, Signals};
use ghirbal_core::Reason;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

use super::scan;

/// A fast hasher for short string keys: one xxh3 call per `write`.
#[derive(Default, Clone, Copy)]
struct StrHasher(u64);

impl std::hash::Hasher for StrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(29) ^ xxh3_64(bytes)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// [`std::hash::BuildHasher`] for [`StrHasher`].
type StrHashBuild = std::hash::BuildHasherDefault<StrHasher>;

/// Below this share of Arabic-script letters a document is decided in the Latin/other branch.
pub const ARABIC_BRANCH_SHARE: f32 = 0.4;

/// At most this many characters are looked at (the head of a document decides its language; this
/// keeps the cost bounded on huge documents).
pub const MAX_CHARS: usize = 5_000;

/// The result of [`identify`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LangGuess {
    /// ISO 639-1 code (`ar`, `fa`, `ur`, `ps`, `ug`, `en`, `fr`, `es`, `de`), ISO 639-3 `ckb` for
    /// Sorani Kurdish, or `und` when undetermined (no letters, another script, no evidence).
    pub lang: &'static str,
    /// Confidence in `[0, 1]`: the winning language's share of all the evidence.
    pub score: f32,
    /// Share of the letters that are in the Arabic script, in `[0, 1]`.
    pub arabic_script_share: f32,
}

// Language slots.
const AR: usize = 0;
const FA: usize = 1;
const UR: usize = 2;
const PS: usize = 3;
const CKB: usize = 4;
const UG: usize = 5;
const N_ARABIC_SCRIPT: usize = 6;
/// [`N_ARABIC_SCRIPT`] rounded up for vector adds.
const EV_LANES: usize = 8;
const ARABIC_SCRIPT_CODES: [&str; N_ARABIC_SCRIPT] = ["ar", "fa", "ur", "ps", "ckb", "ug"];

const EN: usize = 0;
const FR: usize = 1;
const ES: usize = 2;
const DE: usize = 3;
const N_LATIN: usize = 4;
const LATIN_CODES: [&str; N_LATIN] = ["en", "fr", "es", "de"];

/// Latin-script text needs at least this many function-word hits ...
const MIN_LATIN_HITS: f32 = 1.0;
/// ... and this many per Latin word, to be called a language (prose has ~0.3-0.5).
const MIN_LATIN_HIT_RATE: f32 = 0.1;

/// Evidence added per function-word hit.
const STOPWORD_WEIGHT: f32 = 3.0;
/// Evidence for Arabic per word starting with the article `ال` (or a proclitic + `ال`).
const ARTICLE_WEIGHT: f32 = 1.0;

const CLASS_LETTER: u8 = 1;
const CLASS_MARK: u8 = 2;
const CLASS_DIGIT: u8 = 4;

/// Character classes of the Arabic block U+0600..U+06FF (one table lookup instead of a chain of
/// range tests: these run once per character of every document).
static ARABIC_BLOCK: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = 0x0600 + i as u32;
        t[i] = if (c >= 0x0620 && c <= 0x063F)
            || (c >= 0x0641 && c <= 0x064A)
            || (c >= 0x066E && c <= 0x066F)
            || (c >= 0x0671 && c <= 0x06D3)
            || c == 0x06D5
            || (c >= 0x06EE && c <= 0x06EF)
            || (c >= 0x06FA && c <= 0x06FC)
            || c == 0x06FF
        {
            CLASS_LETTER
        } else if (c >= 0x0610 && c <= 0x061A)
            || c == 0x0640
            || (c >= 0x064B && c <= 0x065F)
            || c == 0x0670
            || (c >= 0x06D6 && c <= 0x06ED)
        {
            CLASS_MARK
        } else if (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9) {
            CLASS_DIGIT
        } else {
            0
        };
        i += 1;
    }
    t
};

#[inline]
fn arabic_block_class(c: char) -> Option<u8> {
    let i = (c as u32).wrapping_sub(0x0600);
    if i < 256 {
        Some(ARABIC_BLOCK[i as usize])
    } else {
        None
    }
}

/// Is `c` a letter of the Arabic script (base block, supplements, presentation forms)?
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    match arabic_block_class(c) {
        Some(k) => k == CLASS_LETTER,
        None => matches!(c,
            '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}'
            | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}'),
    }
}

/// Is `c` a letter? Fast for ASCII and the Arabic block (`char::is_alphabetic` is a slow table
/// search there, and counts harakat as letters).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if let Some(k) = arabic_block_class(c) {
        k == CLASS_LETTER
    } else {
        c.is_alphabetic()
    }
}

/// Is `c` part of a word (letter, digit, Arabic mark/tatweel)? Fast for ASCII and the Arabic block.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if let Some(k) = arabic_block_class(c) {
        k != 0
    } else {
        c.is_alphanumeric() || is_arabic_mark(c)
    }
}

/// [`char_class`] bit: part of a word (letter, digit, mark).
pub const CC_WORD: u8 = 1;
/// [`char_class`] bit: a letter.
pub const CC_LETTER: u8 = 2;
/// [`char_class`] bit: an Arabic-script letter.
pub const CC_ARABIC: u8 = 4;
/// [`char_class`] bit: an Arabic mark or the tatweel.
pub const CC_MARK: u8 = 8;

/// All the classes of `c` at once (one table lookup for the Arabic block and ASCII).
#[inline]
pub fn char_class(c: char) -> u8 {
    if c.is_ascii() {
        if c.is_ascii_alphabetic() {
            CC_WORD | CC_LETTER
        } else if c.is_ascii_digit() {
            CC_WORD
        } else {
            0
        }
    } else if let Some(k) = arabic_block_class(c) {
        match k {
            CLASS_LETTER => CC_WORD | CC_LETTER | CC_ARABIC,
            CLASS_MARK => CC_WORD | CC_MARK,
            CLASS_DIGIT => CC_WORD,
            _ => 0,
        }
    } else if is_arabic_letter(c) {
        CC_WORD | CC_LETTER | CC_ARABIC
    } else if c.is_alphabetic() {
        CC_WORD | CC_LETTER
    } else if c.is_numeric() {
        CC_WORD
    } else {
        0
    }
}

/// Is `c` an Arabic combining mark (harakat, Quranic marks) or the tatweel? These belong to words
/// but are not letters.
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    arabic_block_class(c) == Some(CLASS_MARK)
}

/// Per-letter evidence in the Arabic-script branch: `[ar, fa, ur, ps, ckb, ug]`.
fn letter_weights(c: char, final_pos: bool) -> Option<[f32; N_ARABIC_SCRIPT]> {
    // Perso-Arabic letters absent from Arabic: evidence against Arabic, mostly for Persian (the
    // others have stronger letters of their own).
    const SHARED: [f32; 6] = [0.0, 1.0, 0.6, 0.6, 0.6, 0.0];
    Some(match c {
        'ة' => [2.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        'أ' | 'إ' | 'ؤ' => [2.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        'ث' | 'ذ' | 'ض' | 'ظ' => [0.5, 0.0, 0.0, 0.0, 0.0, 0.0],
        // Arabic-code-point kaf and yeh: Arabic and Uyghur use them; Persian/Urdu/Pashto/Sorani
        // use ک and ی.
        'ك' => [1.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        'ي' => [1.0, 0.0, 0.0, 0.0, 0.0, 0.5],
        // Alef maksura: word-final only in Arabic; a common vowel letter anywhere in Uyghur.
        'ى' if final_pos => [1.0, 0.0, 0.0, 0.0, 0.0, 0.5],
        'ى' => [0.0, 0.0, 0.0, 0.0, 0.0, 2.0],
        'ئ' => [0.2, 0.0, 0.0, 0.3, 0.5, 1.0],
        'پ' | 'چ' | 'ژ' => [0.0, 1.0, 0.6, 0.6, 0.6, 0.6],
        'گ' => [0.0, 1.0, 0.6, 0.0, 0.6, 0.6],
        'ک' | 'ی' => SHARED,
        // Urdu.
        'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ۓ' | 'ہ' | 'ۂ' => [0.0, 0.0, 3.0, 0.0, 0.0, 0.0],
        'ھ' => [0.0, 0.0, 1.5, 0.0, 1.0, 1.0],
        '\u{06D4}' => [0.0, 0.0, 2.0, 0.0, 0.0, 0.0], // ۔ Urdu full stop (not a letter, see below)
        // Pashto.
        'ټ' | 'ډ' | 'ړ' | 'ښ' | 'ږ' | 'ځ' | 'څ' | 'ۍ' | 'ګ' | 'ڼ' => {
            [0.0, 0.0, 0.0, 3.0, 0.0, 0.0]
        }
        'ې' => [0.0, 0.0, 0.0, 2.0, 0.0, 2.0],
        // Sorani Kurdish.
        'ێ' | 'ڵ' | 'ڕ' => [0.0, 0.0, 0.0, 0.0, 3.0, 0.0],
        'ە' => [0.0, 0.0, 0.0, 0.0, 2.0, 2.0],
        'ۆ' => [0.0, 0.0, 0.0, 0.0, 2.0, 1.0],
        'ڤ' => [0.3, 0.0, 0.0, 0.0, 1.0, 0.0],
        // Uyghur.
        'ۇ' | 'ۈ' | 'ۋ' | 'ڭ' => [0.0, 0.0, 0.0, 0.0, 0.0, 3.0],
        _ => return None,
    })
}

/// The distinct rows of [`letter_weights`] (row 0: no weights) and the row of every character of
/// the Arabic block (in word-final position), built from [`letter_weights`] itself.
struct WeightRows {
    rows: Vec<[f32; EV_LANES]>,
    of: [u8; 256],
    /// The row of alef maksura inside a word.
    maksura_inner: u8,
}

fn weight_rows() -> &'static WeightRows {
    static ROWS: OnceLock<WeightRows> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows = vec![[0.0f32; EV_LANES]];
        let mut row_of = |w: Option<[f32; N_ARABIC_SCRIPT]>| -> u8 {
            let Some(w) = w else { return 0 };
            let k = match rows.iter().position(|r| {
                r[..N_ARABIC_SCRIPT]
                    .iter()
                    .map(|x| x.to_bits())
                    .eq(w.map(f32::to_bits))
            }) {
                Some(k) if k > 0 => k,
                _ => {
                    let mut r = [0.0f32; EV_LANES];
                    r[..N_ARABIC_SCRIPT].copy_from_slice(&w);
                    rows.push(r);
                    rows.len() - 1
                }
            };
            u8::try_from(k).unwrap_or(0)
        };
        let mut of = [0u8; 256];
        for (i, slot) in of.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(0x0600 + i as u32) {
                *slot = row_of(letter_weights(c, true));
            }
        }
        let maksura_inner = row_of(letter_weights('ى', false));
        WeightRows {
            rows,
            of,
            maksura_inner,
        }
    })
}

/// The [`letter_weights`] row of `c` in word-final position (0: none; see [`WeightRows`]).
pub(super) fn letter_row(c: char) -> u8 {
    let i = (c as u32).wrapping_sub(0x0600) as usize;
    weight_rows().of.get(i).copied().unwrap_or(0)
}

/// Function words per Arabic-script language, in folded form (see [`fold_arabic`]). Kept small and
/// disjoint where a word is ambiguous between two languages (e.g. `من` is Arabic here, not Persian
/// "I"; `به` and `او` are left out).
const AR_WORDS: &str =
    "في من على إلى الى عن مع أن ان إن لا لم لن ما هذا هذه ذلك تلك التي الذي الذين \
    كان كانت قد هو هي هم بين بعد قبل حتى حيث أو ثم كل بعض عند منذ خلال أيضا إذا لكن وقال وفي ومن \
    وعلى وأن فإن لقد بأن أنه أنها إنه عليه فيه منه يكون تكون غير مثل أكثر ضد نحو لدى سوف وهو وهي \
    مش ده دي دا كده عشان علشان ازاي إزاي ليه بتاع احنا إحنا انا أنا بس عايز عاوز اللي إللي \
    شو هيك كتير هلق هلأ بدي بدو منيح ليش وين هون \
    شلون وايد الحين ابي أبي اشلون زين هالشي ترى \
    واش ديال بزاف دابا كيفاش علاش ماشي غادي بغيت حنا";
const FA_WORDS: &str = "است را که این آن از در برای با می نمی شد شده بود کرد کند های ها یک خود تا \
    اما نیز باید هستند بودند شود دارد کرده خواهد چه ولی یا اگر همه وی ایشان بر";
const UR_WORDS: &str = "ہے ہیں کے کی کا اور میں نے سے کو پر یہ وہ تھا تھی تھے گیا کیا بھی ہو جو \
    لیے کر رہا رہی گا گی ساتھ بہت";
const PS_WORDS: &str = "د په چې دې ته له سره دا کې وي شوي دي یې کړي لپاره ډېر هغه دغه شو کړ \
    وو وه";
const CKB_WORDS: &str = "لە بە کە ئەو ئەم دە بۆ لەگەڵ هەر یان نییە کرد دەکات ئێمە هەموو زۆر \
    لەسەر بوو دەبێت ئەوە کردن";
const UG_WORDS: &str = "ۋە بىلەن بۇ ئۇ بىر ئۈچۈن دەپ ھەم بولۇپ قىلىپ ئىدى ئەمما بار يوق كېيىن \
    بولغان ئۇنىڭ بۇنىڭ قىلىش";

const EN_WORDS: &str = "the of and to in is that for it was on with as by are be this from at \
    an or have has not but which were they their its been will would also who you he she we \
    his her our your very so if";
const FR_WORDS: &str = "le la les de des du et est un une en dans que qui pour pas sur au aux \
    par plus ce cette il elle sont ont avec ne se leur été nous vous je tu votre notre mon ma son \
    sa ses très aussi mais ou donc";
const ES_WORDS: &str = "el la los las de del y en que es un una por para con no se su al lo como \
    más pero fue está son";
const DE_WORDS: &str = "der die das und ist nicht ein eine zu den von mit sich des auf für im dem \
    auch es an wird sind wurde";

/// Folded word → bit mask of languages (bits 0..6 Arabic-script slots, 8..12 Latin slots).
fn stopword_table() -> &'static HashMap<String, u16, StrHashBuild> {
    static TABLE: OnceLock<HashMap<String, u16, StrHashBuild>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: HashMap<String, u16, StrHashBuild> = HashMap::default();
        let arabic_script = [
            (AR, AR_WORDS),
            (FA, FA_WORDS),
            (UR, UR_WORDS),
            (PS, PS_WORDS),
            (CKB, CKB_WORDS),
            (UG, UG_WORDS),
        ];
        let mut buf = String::new();
        for (slot, words) in arabic_script {
            for w in words.split_whitespace() {
                fold_arabic(w, &mut buf);
                *t.entry(buf.clone()).or_default() |= 1 << slot;
            }
        }
        let latin = [
            (EN, EN_WORDS),
            (FR, FR_WORDS),
            (ES, ES_WORDS),
            (DE, DE_WORDS),
        ];
        for (slot, words) in latin {
            for w in words.split_whitespace() {
                *t.entry(w.to_lowercase()).or_default() |= 1 << (8 + slot);
            }
        }
        t
    })
}

/// Folds an Arabic-script word for function-word matching: drops marks and tatweel, unifies
/// yeh/alef-maksura (ي ی ى → ي), kaf (ک → ك), heh goal (ہ ۂ ۀ → ه) and hamzated alefs (أ إ آ ٱ → ا).
/// Latin letters are lowercased. The result is written into `out`.
pub fn fold_arabic(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if is_arabic_mark(c) {
            continue;
        }
        match c {
            'ی' | 'ى' => out.push('ي'),
            'ک' => out.push('ك'),
            'ہ' | 'ۂ' | 'ۀ' => out.push('ه'),
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            c if c.is_ascii_uppercase() => out.push(c.to_ascii_lowercase()),
            c if ('\u{00C0}'..='\u{024F}').contains(&c) && c.is_uppercase() => {
                out.extend(c.to_lowercase())
            }
            c => out.push(c),
        }
    }
}

/// Identifies the language of `text` (see the module documentation for the method).
pub fn identify(text: &str) -> LangGuess {
    identify_parts([text])
}

/// Identifies the language of several texts taken as one document (e.g. a title and its body
/// paragraphs), without concatenating them. At most [`MAX_CHARS`] characters are read in all.
pub fn identify_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> LangGuess {
    let mut acc = Acc::default();
    let mut budget = MAX_CHARS;
    for part in parts {
        if budget == 0 {
            break;
        }
        budget = acc.feed(part, budget);
    }
    acc.finish()
}

/// An article's two guesses from one pass: `.0` is [`identify`] of its text (the title and the
/// paragraphs joined by blank lines, `"\n\n"`), `.1` is [`identify_parts`] of the title and the
/// paragraphs (what [`LangFilter`] decides on). They differ only when the [`MAX_CHARS`] budget
/// runs out, as the joined text also spends it on the separators; the text is read once.
pub fn identify_article(title: Option<&str>, body: &[String]) -> (LangGuess, LangGuess) {
    let parts = title.into_iter().chain(body.iter().map(String::as_str));
    let mut acc = Acc::default();
    let mut budget = MAX_CHARS;
    // The joined text's budget: it also pays 2 per separator, so it is never above `budget`.
    // While it covers whole parts both read alike. The part where it runs out is read by both up
    // to the start of the word it ends in; there the joined guess goes on as a copy that reads
    // the rest of its budget (and nothing more), and the other guess reads on.
    let mut joined_budget = MAX_CHARS;
    let mut joined: Option<Acc> = None;
    for (k, mut part) in parts.enumerate() {
        if k > 0 {
            joined_budget = joined_budget.saturating_sub(2);
        }
        match &mut joined {
            Some(j) if joined_budget > 0 => joined_budget = j.feed(part, joined_budget),
            Some(_) => {}
            // (chars ≤ bytes: count only when the bytes alone do not settle it)
            None if joined_budget < part.len() && joined_budget < part.chars().count() => {
                let cut = word_start(part, joined_budget);
                // (`budget` ≥ `joined_budget`: the head is read whole)
                let before = budget;
                budget = acc.feed(&part[..cut], budget);
                joined_budget -= before - budget;
                let mut j = acc.clone();
                if joined_budget > 0 {
                    joined_budget = j.feed(&part[cut..], joined_budget);
                }
                joined = Some(j);
                part = &part[cut..];
            }
            None => {}
        }
        if budget == 0 {
            break;
        }
        let before = budget;
        budget = acc.feed(part, budget);
        if joined.is_none() {
            // The whole part was read by both (`joined_budget` ≥ its characters).
            joined_budget -= before - budget;
        }
    }
    (joined.as_ref().unwrap_or(&acc).finish(), acc.finish())
}

/// The byte offset of character `n` (counted from 0) of `text`, moved back over the word
/// characters just before it: the character before the offset is no word character, so reading
/// `text` in two pieces cut there is reading it whole ([`Acc::feed`] scores a word when it ends,
/// and no word is cut). `n < text.chars().count()`.
fn word_start(text: &str, n: usize) -> usize {
    let mut rest = text.chars();
    if n > 0 {
        rest.nth(n - 1);
    }
    let mut cut = text.len() - rest.as_str().len();
    let t = scan::table();
    while let Some(c) = text[..cut].chars().next_back() {
        if scan::flags(t, c) & scan::WORD == 0 {
            break;
        }
        cut -= c.len_utf8();
    }
    cut
}

#[derive(Default, Clone)]
struct Acc {
    arabic_letters: usize,
    latin_letters: usize,
    other_letters: usize,
    /// Evidence per Arabic-script language (the lanes after [`N_ARABIC_SCRIPT`] stay 0: whole
    /// letter rows are added at once).
    ev: [f32; EV_LANES],
    latin_ev: [f32; N_LATIN],
    latin_words: usize,
    #[cfg(test)]
    folded: String,
}

impl Acc {
    /// Reads up to `budget` characters of `text`; returns the budget left.
    ///
    /// One byte-level pass: every character's classes come from [`scan::next`] (a table lookup
    /// for the one- and two-byte characters); a word's folding need, character count and first
    /// letter are noted on the way, so [`Acc::word`] does not read it again.
    fn feed(&mut self, text: &str, budget: usize) -> usize {
        // (characters <= bytes: a text no longer than the budget in bytes never exhausts it)
        if text.len() <= budget {
            budget - self.feed_with::<false>(text, 0)
        } else {
            self.feed_with::<true>(text, budget)
        }
    }

    /// [`Acc::feed`]; `LIMITED`: stop when `budget` characters are read and return the budget
    /// left, else read all of `text` and return the number of characters read.
    ///
    /// A word (a run of letters/digits/marks; ZWNJ splits, so Persian `می‌شود` yields the
    /// function word `می`) is read by an inner loop that only accumulates; the letter counts are
    /// kept in locals until the end.
    #[inline(always)]
    fn feed_with<const LIMITED: bool>(&mut self, text: &str, mut budget: usize) -> usize {
        let t = scan::table();
        let weights = weight_rows();
        let stop = stopwords();
        let b = text.as_bytes();
        let (mut arabic, mut latin, mut other) = (0usize, 0usize, 0usize);
        let mut i = 0;
        'text: while i < b.len() {
            if !take::<LIMITED>(&mut budget) {
                break;
            }
            let (mut f, mut len) = scan::next(t, text, i);
            if f & scan::WORD == 0 {
                self.non_word(f);
                i += len;
                continue;
            }
            let start = i;
            let first = f;
            let mut wflags = 0u32;
            let mut wchars = 0usize;
            loop {
                wflags |= f;
                wchars += 1;
                if f & scan::ARABIC != 0 {
                    arabic += 1;
                    if f >> scan::ROW_SHIFT != 0 {
                        self.letter_row(weights, t, f, text, i + len);
                    }
                } else if f & scan::MARK == 0 && f & scan::LETTER != 0 {
                    if f & scan::LATIN != 0 {
                        latin += 1;
                    } else {
                        other += 1;
                    }
                }
                i += len;
                if i >= b.len() {
                    break;
                }
                if !take::<LIMITED>(&mut budget) {
                    // (the word ends where the budget does)
                    break;
                }
                (f, len) = scan::next(t, text, i);
                if f & scan::WORD == 0 {
                    self.non_word(f);
                    let word = b.get(start..i).unwrap_or_default();
                    self.word(stop, word, wflags, wchars, first);
                    i += len;
                    continue 'text;
                }
            }
            let word = b.get(start..i).unwrap_or_default();
            self.word(stop, word, wflags, wchars, first);
            if i < b.len() {
                // The budget is spent.
                break;
            }
        }
        self.arabic_letters += arabic;
        self.latin_letters += latin;
        self.other_letters += other;
        budget
    }

    /// A character outside words (flags `f`): the Urdu full stop `۔` is evidence for Urdu.
    #[inline(always)]
    fn non_word(&mut self, f: u32) {
        if f & scan::URDU_STOP != 0 {
            self.ev[UR] += 2.0;
        }
    }

    /// Adds the letter weights of an Arabic letter with flags `f` (a row in [`scan::ROW_SHIFT`]);
    /// the next character starts at byte `next` of `text`.
    #[inline(always)]
    fn letter_row(
        &mut self,
        weights: &WeightRows,
        t: &[u32; scan::TABLE_LEN],
        f: u32,
        text: &str,
        next: usize,
    ) {
        let mut row = (f >> scan::ROW_SHIFT) as usize;
        if f & scan::MAKSURA != 0 && next < text.len() {
            // Only alef maksura's weights depend on its position in the word.
            let (nf, _) = scan::next(t, text, next);
            if nf & (scan::LETTER | scan::MARK) != 0 {
                row = usize::from(weights.maksura_inner);
            }
        }
        if let Some(w) = weights.rows.get(row) {
            // (lane by lane: the same sums as one add per lane, in vector registers)
            let ev = self.ev;
            self.ev = std::array::from_fn(|k| ev[k] + w[k]);
        }
    }

    /// Scores one word, its UTF-8 bytes (a byte slice: no character-boundary checks):
    /// `flags` are its characters' [`scan`] flags or-ed, `chars` its length in characters, `first`
    /// its first character's flags.
    #[inline(always)]
    fn word(&mut self, stop: &Stopwords, word: &[u8], flags: u32, chars: usize, first: u32) {
        if first & scan::LATIN != 0 {
            self.latin_words += 1;
        }
        if has_article_bytes(word, chars) {
            self.ev[AR] += ARTICLE_WEIGHT;
        }
        // Function words are short: skip the fold and the lookup for long words (folding never
        // shortens a word without marks).
        let marks = flags & scan::MARK != 0;
        if !marks && word.len() > stop.max_bytes {
            return;
        }
        let mut folded = [0u8; KEY_BYTES];
        let key: &[u8] = if flags & scan::FOLD != 0 {
            match fold_key(word, &mut folded) {
                Some(n) => folded.get(..n).unwrap_or_default(),
                None => return,
            }
        } else {
            word
        };
        if key.len() > stop.max_bytes || !stop.maybe(key) {
            return;
        }
        if let Some(row) = stop.get(key) {
            // (every lane gets its row's value, 0 for the languages the word is not of: the same
            // sums as adding the weight to the marked lanes only)
            let ev = self.ev;
            self.ev = std::array::from_fn(|k| ev[k] + row.ev[k]);
            let latin = self.latin_ev;
            self.latin_ev = std::array::from_fn(|k| latin[k] + row.latin[k]);
        }
    }

    fn finish(&self) -> LangGuess {
        let letters = self.arabic_letters + self.latin_letters + self.other_letters;
        if letters == 0 {
            return LangGuess {
                lang: "und",
                score: 0.0,
                arabic_script_share: 0.0,
            };
        }
        let arabic_script_share = self.arabic_letters as f32 / letters as f32;
        let (lang, score) = if arabic_script_share >= ARABIC_BRANCH_SHARE {
            match pick(&self.ev[..N_ARABIC_SCRIPT], &ARABIC_SCRIPT_CODES) {
                // Arabic-script text with no evidence at all (a few letters): Arabic is the prior.
                ("und", _) => ("ar", 0.5),
                x => x,
            }
        } else if self.latin_letters >= self.other_letters {
            // Too few function words for prose (code, lists of names, URLs): undetermined.
            let hits: f32 = self.latin_ev.iter().sum();
            if hits < MIN_LATIN_HITS || hits < MIN_LATIN_HIT_RATE * self.latin_words as f32 {
                ("und", 0.0)
            } else {
                pick(&self.latin_ev, &LATIN_CODES)
            }
        } else {
            ("und", 0.0)
        };
        LangGuess {
            lang,
            score,
            arabic_script_share,
        }
    }
}

#[cfg(test)]
impl Acc {
    /// Reads up to `budget` characters of `text`; returns the budget left.
    fn feed_reference(&mut self, text: &str, mut budget: usize) -> usize {
        let mut chars = text.char_indices().peekable();
        // A word is a run of letters/digits/marks; ZWNJ splits (Persian `می‌شود` yields the
        // function word `می`).
        let mut start: Option<usize> = None;
        let mut marks = false;
        let mut end = text.len();
        while let Some((i, c)) = chars.next() {
            if budget == 0 {
                end = i;
                break;
            }
            budget -= 1;
            if is_word_char(c) {
                if start.is_none() {
                    start = Some(i);
                    marks = false;
                }
                if is_arabic_letter(c) {
                    self.arabic_letters += 1;
                    // Only alef maksura's weights depend on its position in the word.
                    let final_pos = c == 'ى'
                        && !matches!(chars.peek(), Some(&(_, n)) if is_letter(n) || is_arabic_mark(n));
                    if let Some(w) = letter_weights(c, final_pos) {
                        for (e, x) in self.ev.iter_mut().zip(w) {
                            *e += x;
                        }
                    }
                } else if is_arabic_mark(c) {
                    marks = true;
                } else if is_letter(c) {
                    if c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}') {
                        self.latin_letters += 1;
                    } else {
                        self.other_letters += 1;
                    }
                }
                continue;
            }
            if c == '\u{06D4}' {
                // ۔ the Urdu full stop.
                self.ev[UR] += 2.0;
            }
            if let Some(s) = start.take() {
                self.word_reference(&text[s..i], marks);
            }
        }
        if let Some(s) = start {
            self.word_reference(&text[s..end], marks);
        }
        budget
    }

    /// Scores one word (`marks`: it holds harakat or tatweel).
    fn word_reference(&mut self, word: &str, marks: bool) {
        if word
            .starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}'))
        {
            self.latin_words += 1;
        }
        if has_arabic_article(word) {
            self.ev[AR] += ARTICLE_WEIGHT;
        }
        // Function words are short: skip the fold and the lookup for long words.
        if !marks && word.len() > max_stopword_bytes() {
            return;
        }
        let key = if marks || needs_fold(word) {
            fold_arabic(word, &mut self.folded);
            self.folded.as_str()
        } else {
            word
        };
        if !maybe_stopword(key) {
            return;
        }
        if let Some(&mask) = stopword_table().get(key) {
            for (slot, e) in self.ev[..N_ARABIC_SCRIPT].iter_mut().enumerate() {
                if mask & (1 << slot) != 0 {
                    *e += STOPWORD_WEIGHT;
                }
            }
            for (slot, e) in self.latin_ev.iter_mut().enumerate() {
                if mask & (1 << (8 + slot)) != 0 {
                    *e += 1.0;
                }
            }
        }
    }
}

/// Takes one character from the budget of [`Acc::feed_with`]: `LIMITED`, false when `budget` is
/// spent (else one less); otherwise `budget` counts the characters read.
#[inline(always)]
fn take<const LIMITED: bool>(budget: &mut usize) -> bool {
    if LIMITED {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
    } else {
        *budget += 1;
    }
    true
}

/// Function words are looked up as [`key_of`] their bytes: at most this many bytes (every function
/// word is shorter: checked when the table is built).
const KEY_BYTES: usize = 15;

/// The bytes of `b` (at most [`KEY_BYTES`]) in the low bytes of a `u128`, zero-padded, and its
/// length in the top byte: two words have the same key exactly when they are the same bytes. Read
/// as (overlapping) 8- and 4-byte chunks.
#[inline]
fn key_of(b: &[u8]) -> u128 {
    let n = b.len();
    debug_assert!(n <= KEY_BYTES);
    let le8 = |x: &[u8]| x.first_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c));
    let le4 = |x: &[u8]| {
        x.first_chunk::<4>()
            .map_or(0, |c| u64::from(u32::from_le_bytes(*c)))
    };
    let low = if n >= 8 {
        // bytes 8..n: the last eight bytes without the 16 - n that bytes 0..8 already hold
        let high = le8(b.get(n - 8..).unwrap_or_default())
            .checked_shr(8 * (16 - n as u32))
            .unwrap_or(0);
        u128::from(le8(b)) | (u128::from(high) << 64)
    } else if n >= 4 {
        // bytes 4..n: the last four bytes without the 8 - n that bytes 0..4 already hold
        let high = le4(b.get(n - 4..).unwrap_or_default()) >> (8 * (8 - n as u32));
        u128::from(le4(b) | (high << 32))
    } else {
        b.iter().rev().fold(0u128, |k, &x| (k << 8) | u128::from(x))
    };
    low | ((n as u128) << 120)
}

/// The evidence one function word adds: [`STOPWORD_WEIGHT`] in the lanes of its Arabic-script
/// languages, 1 in those of its Latin ones, 0 elsewhere.
struct StopRow {
    ev: [f32; EV_LANES],
    latin: [f32; N_LATIN],
}

/// The function-word table as [`key_of`] keys (open addressing, linear probing, key 0 empty: no
/// word is empty), with its prefilter (see [`maybe_stopword`]) and longest key.
struct Stopwords {
    keys: Vec<u128>,
    /// The [`StopRow`] of the key in the same slot.
    rows: Vec<u8>,
    shift: u32,
    evidence: Vec<StopRow>,
    bits: Vec<u64>,
    max_bytes: usize,
}

impl Stopwords {
    /// Can `w` be in the table? (A bitset over [`fingerprint`]s.)
    #[inline]
    fn maybe(&self, w: &[u8]) -> bool {
        let f = fingerprint(w);
        self.bits
            .get(f >> 6)
            .is_some_and(|b| b & (1u64 << (f & 63)) != 0)
    }

    #[inline]
    fn slot(&self, key: u128) -> usize {
        let h = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The evidence of function word `w`, if it is one.
    #[inline]
    fn get(&self, w: &[u8]) -> Option<&StopRow> {
        if w.is_empty() || w.len() > KEY_BYTES {
            return None;
        }
        let key = key_of(w);
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        loop {
            let &k = self.keys.get(i)?;
            if k == key {
                return self.evidence.get(usize::from(*self.rows.get(i)?));
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

fn stopwords() -> &'static Stopwords {
    static STOP: OnceLock<Stopwords> = OnceLock::new();
    STOP.get_or_init(|| {
        let table = stopword_table();
        let mut bits = vec![0u64; 1024];
        for k in table.keys() {
            let f = fingerprint(k.as_bytes());
            bits[f >> 6] |= 1 << (f & 63);
        }
        let cap = (table.len() * 2).next_power_of_two();
        let mut stop = Stopwords {
            keys: vec![0; cap],
            rows: vec![0; cap],
            shift: 64 - cap.trailing_zeros(),
            evidence: Vec::new(),
            bits,
            max_bytes: table.keys().map(String::len).max().unwrap_or(0),
        };
        assert!(stop.max_bytes <= KEY_BYTES, "a function word is too long");
        let mut masks: Vec<u16> = Vec::new();
        for (k, &mask) in table {
            let row = match masks.iter().position(|&m| m == mask) {
                Some(r) => r,
                None => {
                    masks.push(mask);
                    stop.evidence.push(StopRow {
                        ev: std::array::from_fn(|slot| {
                            if slot < N_ARABIC_SCRIPT && mask & (1 << slot) != 0 {
                                STOPWORD_WEIGHT
                            } else {
                                0.0
                            }
                        }),
                        latin: std::array::from_fn(|slot| {
                            if mask & (1 << (8 + slot)) != 0 {
                                1.0
                            } else {
                                0.0
                            }
                        }),
                    });
                    masks.len() - 1
                }
            };
            let key = key_of(k.as_bytes());
            let mut i = stop.slot(key);
            while stop.keys[i] != 0 {
                i = (i + 1) & (cap - 1);
            }
            stop.keys[i] = key;
            stop.rows[i] = u8::try_from(row).expect("few evidence rows");
        }
        stop
    })
}

/// What [`fold_arabic`] writes for each character below U+0800 (the one- and two-byte
/// characters), built from it (it folds character by character): [`FOLD_KEEP`] (itself),
/// [`FOLD_DROP`] (nothing), [`FOLD_SLOW`] (more than one character, or one of three bytes or more:
/// [`fold_arabic`] is asked), else the code point of the one character written.
fn fold_table() -> &'static [u16; scan::TABLE_LEN] {
    static T: OnceLock<Box<[u16; scan::TABLE_LEN]>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([FOLD_KEEP; scan::TABLE_LEN]);
        let mut out = String::new();
        let mut one = [0u8; 4];
        for (cp, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(cp as u32) else {
                continue;
            };
            fold_arabic(c.encode_utf8(&mut one), &mut out);
            let mut cs = out.chars();
            *slot = match (cs.next(), cs.next()) {
                (None, _) => FOLD_DROP,
                (Some(d), None) if d == c => FOLD_KEEP,
                (Some(d), None) if (d as usize) < scan::TABLE_LEN => d as u16,
                _ => FOLD_SLOW,
            };
        }
        t
    })
}

/// [`fold_table`]: the character is written as it is.
const FOLD_KEEP: u16 = u16::MAX;
/// [`fold_table`]: the character is dropped.
const FOLD_DROP: u16 = u16::MAX - 1;
/// [`fold_table`]: the general fold writes the character.
const FOLD_SLOW: u16 = u16::MAX - 2;

/// [`fold_arabic`] of a word (its UTF-8 bytes) into `out`: the one- and two-byte characters by
/// [`fold_table`], longer ones copied (the fold changes no character of three bytes or more: they
/// are neither marks nor the letters it unifies nor Latin). Returns the fold's length, or `None`
/// as soon as it passes [`KEY_BYTES`] (no function word is that long: the fold only appends, so
/// the rest cannot make it one). A fixed buffer: no capacity check per byte, nothing to clear.
#[inline]
fn fold_key(word: &[u8], out: &mut [u8; KEY_BYTES]) -> Option<usize> {
    let t = fold_table();
    let mut n = 0usize;
    let mut put = |x: u8| -> Option<()> {
        *out.get_mut(n)? = x;
        n += 1;
        Some(())
    };
    let mut i = 0;
    while let Some(&x) = word.get(i) {
        // (valid UTF-8: a continuation byte follows a two-byte lead)
        let y = word.get(i + 1).copied().unwrap_or(0x80);
        let (cp, len) = if x < 0x80 {
            (usize::from(x), 1)
        } else if x < 0xE0 {
            (((usize::from(x) & 0x1F) << 6) | (usize::from(y) & 0x3F), 2)
        } else {
            let len = if x < 0xF0 { 3 } else { 4 };
            for &c in word.get(i..i + len).unwrap_or_default() {
                put(c)?;
            }
            i += len;
            continue;
        };
        match t.get(cp).copied().unwrap_or(FOLD_SLOW) {
            FOLD_KEEP => {
                put(x)?;
                if len == 2 {
                    put(y)?;
                }
            }
            FOLD_DROP => {}
            FOLD_SLOW => {
                let mut s = String::new();
                let c = word
                    .get(i..i + len)
                    .and_then(|c| std::str::from_utf8(c).ok());
                fold_arabic(c.unwrap_or_default(), &mut s);
                for &c in s.as_bytes() {
                    put(c)?;
                }
            }
            r if r < 0x80 => put(r as u8)?,
            r => {
                put(0xC0 | (r >> 6) as u8)?;
                put(0x80 | (r & 0x3F) as u8)?;
            }
        }
        i += len;
    }
    Some(n)
}

/// [`has_arabic_article`] of a word of `chars` characters: the two-byte letters compared as
/// integers.
#[inline]
fn has_article_bytes(b: &[u8], chars: usize) -> bool {
    const fn two(s: &str) -> u16 {
        let b = s.as_bytes();
        u16::from_le_bytes([b[0], b[1]])
    }
    const fn four(s: &str) -> u32 {
        let b = s.as_bytes();
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
    const WAW: u16 = two("و");
    const FEH: u16 = two("ف");
    const BEH: u16 = two("ب");
    const KAF: u16 = two("ك");
    const LAM_LAM: u32 = four("لل");
    const AL: u32 = four("ال");
    let head = |b: &[u8]| b.first_chunk::<2>().map(|x| u16::from_le_bytes(*x));
    let mut rest = b;
    let mut stripped = 0;
    if matches!(head(rest), Some(WAW | FEH)) {
        rest = &rest[2..];
        stripped += 1;
    }
    if matches!(head(rest), Some(BEH | KAF)) {
        rest = &rest[2..];
        stripped += 1;
    }
    matches!(
        rest.first_chunk::<4>().map(|x| u32::from_le_bytes(*x)),
        Some(LAM_LAM | AL)
    ) && chars.saturating_sub(stripped) > 3
}

#[cfg(test)]
/// Would [`fold_arabic`] change `word` (marks aside)? A byte scan for the folded letters
/// (ی ى ک ہ ۂ ۀ أ إ آ ٱ) and Latin capitals.
#[inline]
fn needs_fold(word: &str) -> bool {
    let b = word.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x.is_ascii_uppercase() {
            return true;
        }
        if i + 1 < b.len() {
            let y = b[i + 1];
            let hit = match x {
                0xD8 => matches!(y, 0xA2 | 0xA3 | 0xA5),
                0xD9 => matches!(y, 0x89 | 0xB1),
                0xDA => y == 0xA9,
                0xDB => matches!(y, 0x80..=0x82 | 0x8C),
                0xC3 => (0x80..=0x9E).contains(&y),
                0xC4..=0xC9 => true,
                _ => false,
            };
            if hit {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// A 16-bit fingerprint of a word (length, second and last byte) for the [`maybe_stopword`]
/// prefilter.
#[inline]
fn fingerprint(b: &[u8]) -> usize {
    let n = b.len();
    if n == 0 {
        return 0;
    }
    let second = b[1.min(n - 1)] as usize;
    let last = b[n - 1] as usize;
    (n.wrapping_mul(0x9E37) ^ second.wrapping_mul(0x85EB) ^ last.wrapping_mul(0xC2B3)) & 0xFFFF
}

#[cfg(test)]
/// Can `w` be in the function-word table? A bitset over [`fingerprint`]s (8 KiB): most words
/// are rejected without hashing the string.
#[inline]
fn maybe_stopword(w: &str) -> bool {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut bits = vec![0u64; 1024];
        for k in stopword_table().keys() {
            let f = fingerprint(k.as_bytes());
            bits[f >> 6] |= 1 << (f & 63);
        }
        bits
    });
    let f = fingerprint(w.as_bytes());
    bits[f >> 6] & (1 << (f & 63)) != 0
}

#[cfg(test)]
/// Longest function word, in bytes (folding never lengthens an Arabic word).
fn max_stopword_bytes() -> usize {
    static MAX: OnceLock<usize> = OnceLock::new();
    *MAX.get_or_init(|| stopword_table().keys().map(String::len).max().unwrap_or(0))
}

#[cfg(test)]
/// Does a word carry the Arabic article (`ال`, optionally after و ف ب ك, or `لل`)? Compared as
/// UTF-8 bytes (a character prefix is a byte prefix).
fn has_arabic_article(folded: &str) -> bool {
    const WAW: &[u8] = "و".as_bytes();
    const FEH: &[u8] = "ف".as_bytes();
    const BEH: &[u8] = "ب".as_bytes();
    const KAF: &[u8] = "ك".as_bytes();
    const LAM_LAM: &[u8] = "لل".as_bytes();
    const AL: &[u8] = "ال".as_bytes();
    let b = folded.as_bytes();
    let rest = b
        .strip_prefix(WAW)
        .or_else(|| b.strip_prefix(FEH))
        .unwrap_or(b);
    let rest = rest
        .strip_prefix(BEH)
        .or_else(|| rest.strip_prefix(KAF))
        .unwrap_or(rest);
    (rest.starts_with(LAM_LAM) || rest.starts_with(AL)) && utf8_chars(rest) > 3
}

#[cfg(test)]
/// Characters in valid UTF-8 bytes (those that do not continue a character).
#[inline]
fn utf8_chars(b: &[u8]) -> usize {
    b.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

/// The slot with the most evidence (first on ties, so the order of `codes` is the prior) and its
/// share of the total; `und` when there is no evidence.
fn pick(ev: &[f32], codes: &[&'static str]) -> (&'static str, f32) {
    let total: f32 = ev.iter().sum();
    if total <= 0.0 {
        return ("und", 0.0);
    }
    let mut best = 0;
    for (i, &e) in ev.iter().enumerate() {
        if e > ev[best] {
            best = i;
        }
    }
    (codes[best], ev[best] / total)
}

/// Language-filter settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LangConfig {
    /// Run the language filter at all.
    pub enabled: bool,
    /// Codes kept (see [`LangGuess::lang`]); anything else is rejected as `lang:<code>`.
    pub allowed: Vec<String>,
    /// A kept language with a lower score is rejected as `lang:uncertain`.
    pub min_score: f32,
}

impl Default for LangConfig {
    fn default() -> Self {
        LangConfig {
            enabled: true,
            allowed: vec!["ar".to_string()],
            min_score: 0.5,
        }
    }
}

/// The language filter: [`identify_parts`] over the title and the body, then [`LangConfig`].
/// Records the signals `lang_score` and `arabic_script_share`.
#[derive(Clone, Debug)]
pub struct LangFilter {
    config: LangConfig,
}

impl LangFilter {
    /// A filter from its settings.
    pub fn new(config: LangConfig) -> Self {
        LangFilter { config }
    }
}

impl Filter for LangFilter {
    fn name(&self) -> &'static str {
        "lang"
    }

    fn apply(&self, doc: &FilterDoc<'_>, signals: &mut Signals) -> Option<Reason> {
        self.decide(&identify_doc(doc), signals)
    }
}

/// [`identify_parts`] of a filter document's title and body paragraphs.
pub fn identify_doc(doc: &FilterDoc<'_>) -> LangGuess {
    identify_parts(
        doc.title
            .into_iter()
            .chain(doc.body.iter().map(String::as_str)),
    )
}

impl LangFilter {
    /// Records the signals of an already computed guess (of the title and body, see
    /// [`identify_doc`]) and decides.
    pub fn decide(&self, g: &LangGuess, signals: &mut Signals) -> Option<Reason> {
        signals.insert("lang_score", f64::from(g.score));
        signals.insert("arabic_script_share", f64::from(g.arabic_script_share));
        if !self.config.allowed.iter().any(|a| a == g.lang) {
            return Some(Reason::owned(format!("lang:{}", g.lang)));
        }
        (g.score < self.config.min_score).then(|| Reason::new("lang:uncertain"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    const FIXTURE: &str = include_str!("../../tests/fixtures/lang/lang.tsv");

    #[test]
    fn arabic_block_table_matches_the_ranges() {
        for u in 0x0600u32..=0x06FF {
            let c = char::from_u32(u).expect("BMP code point");
            let letter = matches!(u, 0x0620..=0x063F | 0x0641..=0x064A | 0x066E..=0x066F
                | 0x0671..=0x06D3 | 0x06D5 | 0x06EE..=0x06EF | 0x06FA..=0x06FC | 0x06FF);
            let mark =
                matches!(u, 0x0610..=0x061A | 0x0640 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED);
            assert_eq!(is_arabic_letter(c), letter, "U+{u:04X}");
            assert_eq!(is_letter(c), letter, "U+{u:04X}");
            assert_eq!(is_arabic_mark(c), mark, "U+{u:04X}");
            assert_eq!(
                is_word_char(c),
                letter || mark || c.is_numeric(),
                "U+{u:04X}"
            );
        }
        assert!(is_arabic_letter('\u{FEFB}') && !is_arabic_letter('a') && is_letter('é'));
    }

    #[test]
    fn needs_fold_agrees_with_fold() {
        let mut buf = String::new();
        for w in [
            "في", "إلى", "على", "می", "کی", "ہے", "The", "été", "Été", "ٱلله", "كتاب", "آن", "ذلك",
        ] {
            fold_arabic(w, &mut buf);
            if buf != w {
                assert!(needs_fold(w), "{w}");
            }
        }
        assert!(!needs_fold("كتاب"));
    }

    #[test]
    fn arabic_article_prefixes() {
        for w in [
            "الكتاب",
            "والكتاب",
            "بالكتاب",
            "فبالكتاب",
            "كالبحر",
            "للكتاب",
            "وللكتاب",
            "الذي",
        ] {
            assert!(has_arabic_article(w), "{w}");
            assert!(has_article_bytes(w.as_bytes(), w.chars().count()), "{w}");
        }
        for w in ["ال", "الى", "كتاب", "وال", "ولل", "بلد", "the", "", "والي"]
        {
            assert!(!has_arabic_article(w), "{w}");
            assert!(!has_article_bytes(w.as_bytes(), w.chars().count()), "{w}");
        }
    }

    #[test]
    fn empty_and_symbols_are_und() {
        assert_eq!(identify("").lang, "und");
        assert_eq!(identify("123 456 !!! ...").lang, "und");
    }

    #[test]
    fn script_share_is_reported() {
        let g = identify("هذا نص عربي قصير في الموضوع");
        assert_eq!(g.lang, "ar");
        assert!((g.arabic_script_share - 1.0).abs() < 1e-6);
        let g = identify("This is an English sentence about the weather.");
        assert_eq!(g.lang, "en");
        assert_eq!(g.arabic_script_share, 0.0);
        // Code is Latin-script but not prose.
        let g = identify("function init() { var chart = new Chart(ctx, { type: 'pie', options: { legend: false, padding: 8, colors: ['#aa3311', '#11aa33'] } }); }");
        assert_eq!(g.lang, "und", "{g:?}");
    }

    #[test]
    fn persian_typed_with_arabic_code_points_is_persian() {
        // ي and ك instead of ی and ک, as older Persian sites do.
        let g = identify("اين كتاب را براي دوستم خريدم كه در تهران زندگي مي كند و آن را دوست دارد");
        assert_eq!(g.lang, "fa", "{g:?}");
    }

    /// Accuracy on the hand-written labelled set; per-group accuracy is printed
    /// (`cargo test -p ghirbal --lib filter::lang -- --nocapture`).
    #[test]
    fn labelled_set_accuracy() {
        let mut group = String::from("?");
        let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut per_lang: BTreeMap<String, usize> = BTreeMap::new();
        let mut confusions = Vec::new();
        let (mut ok, mut n) = (0usize, 0usize);
        for line in FIXTURE.lines() {
            if let Some(g) = line.strip_prefix("# group:") {
                group = g.trim().to_string();
                continue;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((lang, text)) = line.split_once('\t') else {
                panic!("bad fixture line: {line}");
            };
            let g = identify(text);
            *per_lang.entry(lang.to_string()).or_default() += 1;
            let e = per.entry(group.clone()).or_default();
            e.1 += 1;
            n += 1;
            if g.lang == lang {
                e.0 += 1;
                ok += 1;
            } else {
                confusions.push(format!(
                    "[{group}] want {lang} got {} ({:.2}): {text}",
                    g.lang, g.score
                ));
            }
        }
        for (g, (k, m)) in &per {
            println!("{g:>14}: {k}/{m}");
        }
        for c in &confusions {
            println!("MISS {c}");
        }
        let acc = ok as f64 / n as f64;
        println!("lang-id accuracy: {ok}/{n} = {acc:.4}");
        assert!(n >= 200, "labelled set too small: {n}");
        for (l, m) in &per_lang {
            assert!(*m >= 20, "language {l} has only {m} samples");
        }
        assert!(per.get("mixed-ar-en").is_some_and(|(_, m)| *m >= 20));
        assert!(acc >= 0.95, "accuracy {acc:.4} < 0.95");
    }

    fn joined(title: Option<&str>, body: &[String]) -> String {
        let mut text = String::new();
        if let Some(t) = title {
            text.push_str(t);
            text.push_str("\n\n");
        }
        text.push_str(&body.join("\n\n"));
        text
    }

    #[test]
    fn identify_article_matches_both_guesses_at_the_budget_edges() {
        let para = "وقال الوزير إن المشروع سينتهي قريبى ";
        for n in [
            0usize, 1, 2, 60, 130, 138, 139, 140, 141, 142, 143, 150, 300,
        ] {
            for title in [None, Some("عنوان الخبر"), Some("")] {
                let body: Vec<String> = (0..n)
                    .map(|i| para.repeat(1 + i % 3).trim_end().to_string())
                    .collect();
                let (j, p) = identify_article(title, &body);
                assert_eq!(j, identify(&joined(title, &body)), "{n} {title:?}");
                let parts = title.into_iter().chain(body.iter().map(String::as_str));
                assert_eq!(p, identify_parts(parts), "{n} {title:?}");
            }
        }
    }

    #[test]
    fn word_start_backs_over_the_word_before_the_cut() {
        let text = "ab cd\u{200C}ef";
        let starts: Vec<usize> = (0..text.chars().count())
            .map(|n| word_start(text, n))
            .collect();
        // a b ' ' c d ZWNJ e f: ZWNJ (3 bytes) splits words.
        assert_eq!(starts, [0, 0, 0, 3, 3, 3, 8, 8]);
        assert_eq!(word_start("عنوان الخبر", 8), "عنوان ".len());
    }

    /// [`identify_parts`] with the previous character-by-character reader.
    fn identify_parts_reference<'a>(parts: impl IntoIterator<Item = &'a str>) -> LangGuess {
        let mut acc = Acc::default();
        let mut budget = MAX_CHARS;
        for part in parts {
            if budget == 0 {
                break;
            }
            budget = acc.feed_reference(part, budget);
        }
        acc.finish()
    }

    #[test]
    fn key_of_is_the_bytes_and_the_length() {
        let bytes: Vec<u8> = (1..=KEY_BYTES as u8)
            .map(|x| x.wrapping_mul(37) | 0x80)
            .collect();
        for n in 0..=KEY_BYTES {
            let w = &bytes[..n];
            let mut k = [0u8; 16];
            k[..n].copy_from_slice(w);
            k[15] = n as u8;
            assert_eq!(key_of(w), u128::from_le_bytes(k), "{n}");
        }
    }

    #[test]
    fn stopword_keys_find_the_table_s_words_only() {
        let stop = stopwords();
        for (w, &mask) in stopword_table() {
            let row = stop.get(w.as_bytes()).expect("a function word");
            for slot in 0..N_ARABIC_SCRIPT {
                let want = if mask & (1 << slot) != 0 {
                    STOPWORD_WEIGHT
                } else {
                    0.0
                };
                assert_eq!(row.ev[slot], want, "{w}");
            }
            for slot in 0..N_LATIN {
                let want = if mask & (1 << (8 + slot)) != 0 {
                    1.0
                } else {
                    0.0
                };
                assert_eq!(row.latin[slot], want, "{w}");
            }
            // A byte more or less, or another last byte, is no function word unless the table
            // holds it.
            let b = w.as_bytes();
            let mut longer = b.to_vec();
            longer.push(b'a');
            let mut other = b.to_vec();
            if let Some(x) = other.last_mut() {
                *x ^= 1;
            }
            for v in [&b[..b.len() - 1], &longer[..], &other[..]] {
                let known = std::str::from_utf8(v).is_ok_and(|v| stopword_table().contains_key(v));
                assert_eq!(stop.get(v).is_some(), known, "{w} {v:?}");
            }
        }
        assert!(stop.get(b"").is_none() && stop.get(&[b'a'; 16]).is_none());
    }

    /// [`fold_key`] of `w` is [`fold_arabic`] of it, or `None` when that is longer than
    /// [`KEY_BYTES`].
    fn fold_key_is_fold_arabic(w: &str) -> Result<(), String> {
        let mut b = String::new();
        fold_arabic(w, &mut b);
        let mut k = [0u8; KEY_BYTES];
        let got = fold_key(w.as_bytes(), &mut k).map(|n| k[..n].to_vec());
        let want = (b.len() <= KEY_BYTES).then(|| b.as_bytes().to_vec());
        if got == want {
            Ok(())
        } else {
            Err(format!("{w:?}: {got:?} != {want:?}"))
        }
    }

    #[test]
    fn fold_table_folds_every_short_character_as_fold_arabic() {
        for cp in 0..scan::TABLE_LEN as u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for w in [
                c.to_string(),
                format!("{c}{c}"),
                format!("ا{c}ب"),
                format!("a{c}\u{FEFB}"),
                format!("\u{1F600}{c}É"),
                format!("الكتاب{c}"),
                format!("{c}{c}{c}{c}{c}{c}{c}{c}"),
            ] {
                fold_key_is_fold_arabic(&w).unwrap_or_else(|e| panic!("U+{cp:04X}: {e}"));
            }
        }
    }

    #[test]
    fn byte_reader_matches_the_reference_on_the_labelled_set() {
        for line in FIXTURE.lines() {
            let text = line.split_once('\t').map_or(line, |(_, t)| t);
            assert_eq!(identify(text), identify_parts_reference([text]), "{text}");
            for w in text.split_whitespace() {
                fold_key_is_fold_arabic(w).unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn byte_reader_matches_the_reference(
            parts in proptest::collection::vec(
                "([\u{0600}-\u{06FF}\u{0750}-\u{077F}\u{FB50}-\u{FEFC} a-zA-Z\u{00C0}-\u{024F}.،\n\u{200C}_0-9]|\\PC){0,300}", 0..6),
        ) {
            proptest::prop_assert_eq!(
                identify_parts(parts.iter().map(String::as_str)),
                identify_parts_reference(parts.iter().map(String::as_str))
            );
            for p in &parts {
                let words = p.split(|c: char| c.is_whitespace() || c == '.');
                for w in std::iter::once(p.as_str()).chain(words) {
                    proptest::prop_assert_eq!(fold_key_is_fold_arabic(w), Ok(()));
                }
            }
        }

        #[test]
        fn byte_reader_matches_the_reference_on_long_arabic(
            parts in proptest::collection::vec("[\u{0620}-\u{0655}\u{0640}\u{06A9}\u{06CC} ]{0,3000}", 1..4),
        ) {
            proptest::prop_assert_eq!(
                identify_parts(parts.iter().map(String::as_str)),
                identify_parts_reference(parts.iter().map(String::as_str))
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn identify_article_is_identify_and_identify_parts(
            body in proptest::collection::vec("[\u{0600}-\u{06FF} a-zA-Z.،\n]{0,1500}", 0..10),
            title in proptest::option::of("[\u{0600}-\u{06FF} ]{0,30}"),
        ) {
            let (j, p) = identify_article(title.as_deref(), &body);
            proptest::prop_assert_eq!(j, identify(&joined(title.as_deref(), &body)));
            let parts = title.as_deref().into_iter().chain(body.iter().map(String::as_str));
            proptest::prop_assert_eq!(p, identify_parts(parts));
        }
    }
}
