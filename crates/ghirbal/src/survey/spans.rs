//! Candidate templates of one line: the whole line, its line shape (segments generalized),
//! heads (prefixes ending at a `:`/dash/`|` boundary, with segment wildcards), cue-bearing leads
//! (fixed prefixes without a boundary, e.g. a share bar), tails (short suffixes after a clause
//! end) and cue-anchored tails (a recurring cue phrase followed by anything up to the end).
//!
//! The same generator runs when counting and when applying templates, so a key learned from the
//! survey is found again in new data of the same site.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use std::ops::Range;

use super::tokens::{nth_space, Tok, Tokens};

/// What a template matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpanKind {
    /// The whole line, exactly (in matching form, shape-generalized).
    Line,
    /// The whole short line with some of its `:`/dash segments generalized to `*`.
    LineShape,
    /// A prefix ending at a `:`/dash/`|` boundary (segments may be generalized to `*`).
    Head,
    /// A fixed prefix of 1–4 tokens without a boundary, carrying a share/contact cue.
    Lead,
    /// A short suffix that starts after a clause end (`.`, `:`, dash …).
    Tail,
    /// A suffix that starts with a recurring cue phrase and runs to the end of the line.
    Anchor,
}

impl SpanKind {
    /// Whether the template removes the whole line.
    pub fn is_line(self) -> bool {
        matches!(self, SpanKind::Line | SpanKind::LineShape)
    }

    /// Whether the template removes the start of a line.
    pub fn is_prefix(self) -> bool {
        matches!(self, SpanKind::Head | SpanKind::Lead)
    }

    fn tag(self) -> u8 {
        match self {
            SpanKind::Line => b'L',
            SpanKind::LineShape => b'S',
            SpanKind::Head => b'H',
            SpanKind::Lead => b'P',
            SpanKind::Tail => b'T',
            SpanKind::Anchor => b'A',
        }
    }
}

/// Limits of candidate generation (part of the survey configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanLimits {
    /// Heads and line shapes look at most this many tokens.
    pub max_head_tokens: usize,
    /// Literal tails are at most this many tokens.
    pub max_tail_tokens: usize,
    /// A generalized (`*`) segment is at most this many tokens.
    pub max_wild_tokens: usize,
    /// Tails and anchors are looked for in this many last lines of a document.
    pub tail_lines: usize,
}

impl Default for SpanLimits {
    fn default() -> Self {
        SpanLimits {
            max_head_tokens: 8,
            max_tail_tokens: 8,
            max_wild_tokens: 4,
            tail_lines: 2,
        }
    }
}

/// Where a line sits in its document (non-blank lines only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LinePos {
    pub first: bool,
    pub last: bool,
    /// 0 for the last non-blank line, 1 for the one before, …
    pub from_end: usize,
}

/// One candidate of a line.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub kind: SpanKind,
    pub key: u64,
    /// Byte range of the human-readable pattern (token keys, `*` for a generalized segment)
    /// in [`Candidates::forms`]; see [`Candidates::form`].
    form: Range<usize>,
    /// Token range `[tok_start, tok_end)` the candidate covers.
    pub tok_start: usize,
    pub tok_end: usize,
    /// Number of literal (not generalized) tokens.
    pub literal_tokens: usize,
    /// Number of segments and of generalized segments.
    pub segments: usize,
    pub wild_segments: usize,
    /// A literal token is a contact/share cue.
    pub cue: bool,
    /// Tokens of the longest literal segment.
    pub max_literal_segment: usize,
}

/// The candidates of one line, with their patterns in one string (a reusable buffer).
#[derive(Debug, Default)]
pub(crate) struct Candidates {
    /// The candidates, in generation order.
    pub list: Vec<Candidate>,
    /// For each candidate: kind tag, NUL, pattern (the bytes its key hashes), back to back.
    forms: Vec<u8>,
}

impl Candidates {
    /// The pattern of `c` (a candidate of this set).
    pub fn form(&self, c: &Candidate) -> &str {
        self.forms
            .get(c.form.clone())
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }

    fn clear(&mut self) {
        self.list.clear();
        self.forms.clear();
    }

    /// Starts the pattern of a candidate of `kind`; returns where the pattern starts.
    fn begin(&mut self, kind: SpanKind) -> usize {
        self.forms.push(kind.tag());
        self.forms.push(0);
        self.forms.len()
    }

    /// The key of the pattern started at `start` (see [`hash_form`]).
    fn key(&self, start: usize) -> u64 {
        xxh3_64(self.forms.get(start - 2..).unwrap_or_default())
    }
}

/// The key of a pattern of `kind`: xxh3-64 of the kind tag, a NUL byte and the pattern (what
/// [`Candidates`] computes in place).
#[cfg(test)]
pub(crate) fn hash_form(kind: SpanKind, form: &str) -> u64 {
    let mut buf = Vec::with_capacity(form.len() + 2);
    buf.push(kind.tag());
    buf.push(0);
    buf.extend_from_slice(form.as_bytes());
    xxh3_64(&buf)
}

/// Appends the keys of `toks` separated by spaces (a space goes before a key only once the
/// joined text is not empty).
fn join_keys(toks: &[Tok], keys: &str, out: &mut Vec<u8>) {
    let start = out.len();
    for t in toks {
        if out.len() > start {
            out.push(b' ');
        }
        out.extend_from_slice(t.key(keys).as_bytes());
    }
}

/// The key of the anchor pattern over `anchor` (its token keys, then ` *`): what
/// `other_candidates` computes for an anchor after a clause end. Template application uses it
/// to look up a learned anchor that starts mid-sentence on a document's last line.
pub(crate) fn anchor_key(anchor: &[Tok], keys: &str, buf: &mut Vec<u8>) -> u64 {
    buf.clear();
    buf.push(SpanKind::Anchor.tag());
    buf.push(0);
    join_keys(anchor, keys, buf);
    buf.extend_from_slice(b" *");
    xxh3_64(buf)
}

/// Most segments a token run may have for its variants to be generated.
const MAX_SEGMENTS: usize = 5;

/// The variants of a segmented token run: every mix of literal and `*` segments. `with_literal`
/// includes the all-literal variant. Segments longer than `max_wild` stay literal.
fn segment_variants(
    toks: &[Tok],
    keys: &str,
    kind: SpanKind,
    with_literal: bool,
    max_wild: usize,
    out: &mut Candidates,
) {
    // Segments: split after every boundary token, as `(start, end, any cue)`.
    let mut segs = [(0usize, 0usize, false); MAX_SEGMENTS];
    let mut nseg = 0;
    let mut s = 0;
    let mut cue = false;
    for (i, t) in toks.iter().enumerate() {
        cue |= t.is_cue();
        if t.is_boundary() || i + 1 == toks.len() {
            if nseg == MAX_SEGMENTS {
                nseg += 1;
                break;
            }
            segs[nseg] = (s, i + 1, cue);
            nseg += 1;
            s = i + 1;
            cue = false;
        }
    }
    if !with_literal && nseg < 2 {
        return;
    }
    if nseg == 0 || nseg > MAX_SEGMENTS {
        if with_literal && !toks.is_empty() {
            push_literal(toks, keys, kind, 0, out);
        }
        return;
    }
    let segs = &segs[..nseg];
    let full = (1u32 << nseg) - 1;
    for mask in 0..=full {
        if mask == full && !with_literal {
            continue;
        }
        // Fast rejections before writing the pattern.
        let mut ok = true;
        let mut literal_tokens = 0;
        let mut cue = false;
        let mut wild = 0;
        let mut max_lit = 0;
        for (si, &(a, b, c)) in segs.iter().enumerate() {
            if mask & (1 << si) != 0 {
                literal_tokens += b - a;
                max_lit = max_lit.max(b - a);
                cue |= c;
            } else {
                if b - a > max_wild {
                    ok = false;
                    break;
                }
                wild += 1;
            }
        }
        if !ok || (kind == SpanKind::Head && max_lit > 2 && !cue) {
            // A literal run of more than two words before a boundary is a phrase of the text
            // (`we often hear them say:`), not a byline or dateline: never a template.
            continue;
        }
        let start = out.begin(kind);
        for (si, &(a, b, _)) in segs.iter().enumerate() {
            if out.forms.len() > start {
                out.forms.push(b' ');
            }
            if mask & (1 << si) != 0 {
                join_keys(&toks[a..b], keys, &mut out.forms);
            } else {
                out.forms.push(b'*');
                if let Some(c) = toks[b - 1].boundary_mark(keys) {
                    out.forms.push(c as u8);
                }
            }
        }
        out.list.push(Candidate {
            kind,
            key: out.key(start),
            form: start..out.forms.len(),
            tok_start: 0,
            tok_end: toks.len(),
            literal_tokens,
            segments: nseg,
            wild_segments: wild,
            cue,
            max_literal_segment: max_lit,
        });
    }
}

fn push_literal(toks: &[Tok], keys: &str, kind: SpanKind, offset: usize, out: &mut Candidates) {
    let start = out.begin(kind);
    join_keys(toks, keys, &mut out.forms);
    out.list.push(Candidate {
        kind,
        key: out.key(start),
        form: start..out.forms.len(),
        tok_start: offset,
        tok_end: offset + toks.len(),
        literal_tokens: toks.len(),
        segments: 1,
        wild_segments: 0,
        cue: toks.iter().any(Tok::is_cue),
        max_literal_segment: toks.len(),
    });
}

/// Whether a tail can ever be a template: not a bare address, no numbers (data) unless a cue
/// says contact, and not a whole sentence of more than four words.
fn tail_learnable(toks: &[Tok]) -> bool {
    let cue = toks.iter().any(Tok::is_cue);
    if toks.iter().all(Tok::is_contact) {
        return false;
    }
    if !cue && toks.iter().any(Tok::has_digit) {
        return false;
    }
    let sentence = toks.last().is_some_and(Tok::full_stop);
    !(sentence && toks.len() > 4)
}

/// Which kinds of candidates to generate (bits by [`SpanKind::bit`]).
pub(crate) const ALL_KINDS: u8 = 0x3F;

impl SpanKind {
    /// This kind's bit in a set of kinds.
    pub(crate) fn bit(self) -> u8 {
        match self {
            SpanKind::Line => 1,
            SpanKind::LineShape => 2,
            SpanKind::Head => 4,
            SpanKind::Lead => 8,
            SpanKind::Tail => 16,
            SpanKind::Anchor => 32,
        }
    }
}

/// All candidates of one line (its tokens) at position `pos`, of the kinds in `kinds` (a set
/// of [`SpanKind::bit`]s), into `out` (cleared first). Generation order does not depend on
/// `kinds`: leaving a kind out only leaves its candidates out.
#[cfg(test)]
pub(crate) fn candidates(
    tokens: &Tokens,
    pos: LinePos,
    lim: &SpanLimits,
    kinds: u8,
    out: &mut Candidates,
) {
    out.clear();
    if tokens.toks.is_empty() {
        return;
    }
    if kinds & SpanKind::Line.bit() != 0 {
        push_literal(&tokens.toks, &tokens.keys, SpanKind::Line, 0, out);
    }
    other_candidates(tokens, pos, lim, kinds, out);
}

/// Words at either end of a long line whose tokens are looked at first: often enough to tell
/// the line's heads and leads (and that it matches no template, `Templates::matches_none`),
/// without the tokens of the whole line.
pub(crate) const EDGE_WORDS: usize = 12;

/// A line of more than this many words is a *long line*: its whole-line key is the hash of its
/// display form with digits as `0` (see [`long_line_key`]), not of its token keys, and its
/// tokens are read only as far as its heads need. A long line can only be learned as
/// boilerplate by its frequency (it is far above `medium_words`), so its tokens would tell
/// nothing more; and reading them was most of the survey's time (body paragraphs are most
/// of a page's bytes).
pub(crate) const LONG_LINE_WORDS: usize = 32;

/// Tokenizes `display` into `tokens` and generates its candidates (as [`candidates`] does
/// after [`Tokens::tokenize`]). The whole-line pattern is written while tokenizing, and only
/// the tokens that other candidates look at are kept: the first `max_head_tokens + 1`, or all
/// of them when `all_tokens` (the last lines, where tails and anchors may start anywhere, and
/// when the caller needs every token).
///
/// A long line ([`LONG_LINE_WORDS`]) gets its whole-line key from its display form; unless
/// every token is wanted, only its first [`EDGE_WORDS`] words are tokenized (when they hold the
/// `max_head_tokens + 2` tokens that make its heads and leads final; `tokens.count` is then
/// theirs, and `tokens.last_end` the end of the line).
pub(crate) fn line_candidates(
    display: &str,
    tokens: &mut Tokens,
    pos: LinePos,
    lim: &SpanLimits,
    kinds: u8,
    all_tokens: bool,
    out: &mut Candidates,
) {
    out.clear();
    let keep = if all_tokens || pos.from_end < lim.tail_lines {
        usize::MAX
    } else {
        lim.max_head_tokens.saturating_add(1)
    };
    if kinds & SpanKind::Line.bit() != 0 {
        if let Some(words) = long_line_words(display) {
            let head = if keep == usize::MAX {
                None
            } else {
                nth_space(display.as_bytes(), EDGE_WORDS)
            };
            let mut whole = true;
            if let Some(h) = head {
                tokens.tokenize_line(display.get(..h).unwrap_or_default(), keep, None);
                if tokens.count >= lim.max_head_tokens.saturating_add(2) {
                    tokens.last_end = display.len();
                    whole = false;
                }
            }
            if whole {
                tokens.tokenize_line(display, keep, None);
            }
            let n = tokens.count;
            if n == 0 {
                return;
            }
            let start = out.begin(SpanKind::Line);
            // (a second tag byte: no token pattern hashes to a long line's key)
            out.forms.push(LONG_LINE_TAG);
            long_line_form(display, &mut out.forms);
            out.list.push(Candidate {
                kind: SpanKind::Line,
                key: out.key(start),
                form: start..start,
                tok_start: 0,
                tok_end: n,
                literal_tokens: words,
                segments: 1,
                wild_segments: 0,
                cue: false,
                max_literal_segment: words,
            });
            other_candidates(tokens, pos, lim, kinds, out);
            return;
        }
        let start = out.begin(SpanKind::Line);
        tokens.tokenize_line(display, keep, Some(&mut out.forms));
        let n = tokens.count;
        if n == 0 {
            out.clear();
            return;
        }
        out.list.push(Candidate {
            kind: SpanKind::Line,
            key: out.key(start),
            form: start..out.forms.len(),
            tok_start: 0,
            tok_end: n,
            literal_tokens: n,
            segments: 1,
            wild_segments: 0,
            cue: tokens.any_cue,
            max_literal_segment: n,
        });
    } else {
        tokens.tokenize_line(display, keep, None);
        if tokens.count == 0 {
            return;
        }
    }
    other_candidates(tokens, pos, lim, kinds, out);
}

/// The byte after the kind tag and NUL that starts a long line's hashed form.
const LONG_LINE_TAG: u8 = 1;

/// The number of words of `display` when it is a long line ([`LONG_LINE_WORDS`]).
fn long_line_words(display: &str) -> Option<usize> {
    let words = memchr::memchr_iter(b' ', display.as_bytes()).count() + 1;
    (words > LONG_LINE_WORDS).then_some(words)
}

/// Appends `display` with its digits folded to `out`: an ASCII digit as `0`, the second byte of
/// an Arabic-Indic or Eastern Arabic-Indic digit (U+0660–0669, U+06F0–06F9) as that of the
/// first digit of its block. The display form, not the matching form: folding would cost a
/// pass as long as the tokenizing it saves, and a line that recurs in most pages of a site is
/// printed by its software, letter for letter; two long lines with one display form also have
/// the same token keys (what `Templates::matches_none` relies on).
fn long_line_form(display: &str, out: &mut Vec<u8>) {
    let b = display.as_bytes();
    let start = out.len();
    out.resize(start + b.len(), 0);
    let Some(dst) = out.get_mut(start..) else {
        return;
    };
    let mut prev = 0u8;
    // (each output byte from two input bytes, no branch: a loop the compiler vectorizes)
    for (d, &c) in dst.iter_mut().zip(b) {
        let ascii = c.is_ascii_digit();
        let indic = (prev == 0xD9 && c.wrapping_sub(0xA0) < 10)
            || (prev == 0xDB && c.wrapping_sub(0xB0) < 10);
        let first = if prev == 0xD9 { 0xA0 } else { 0xB0 };
        *d = if ascii {
            b'0'
        } else if indic {
            first
        } else {
            c
        };
        prev = c;
    }
}

/// The whole-line key of `display` if it is a long line ([`LONG_LINE_WORDS`]): what
/// [`line_candidates`] gives its whole-line candidate.
#[cfg(test)]
pub(crate) fn long_line_key(display: &str) -> Option<u64> {
    long_line_words(display)?;
    let mut buf = vec![SpanKind::Line.tag(), 0, LONG_LINE_TAG];
    long_line_form(display, &mut buf);
    Some(xxh3_64(&buf))
}

/// The head and lead candidates (`kinds` among [`SpanKind::Head`], [`SpanKind::Lead`]) of a
/// line, from the tokens of its first words only (`tokens`, holding at least
/// `max_head_tokens + 2` tokens): heads and leads end within the first `max_head_tokens`
/// tokens, and those tokens are final once another token follows them.
pub(crate) fn head_candidates(
    tokens: &Tokens,
    first: bool,
    lim: &SpanLimits,
    kinds: u8,
    out: &mut Candidates,
) {
    out.clear();
    let pos = LinePos {
        first,
        last: false,
        from_end: usize::MAX,
    };
    let kinds = kinds & (SpanKind::Head.bit() | SpanKind::Lead.bit());
    if tokens.count >= lim.max_head_tokens.saturating_add(2) {
        other_candidates(tokens, pos, lim, kinds, out);
    }
}

/// The tail candidates of a document's last lines, from the tokens of the line's last words
/// only (`tokens`, holding at least `max_tail_tokens + 2` tokens). A tail has at most
/// `max_tail_tokens` tokens and looks at the token before it; all tokens of the last words
/// but the first are those of the whole line (the first may be a glue piece that the whole
/// line merges into the token before it), so these are the whole line's tails.
pub(crate) fn tail_candidates(tokens: &Tokens, lim: &SpanLimits, out: &mut Candidates) {
    out.clear();
    let pos = LinePos {
        first: false,
        last: true,
        from_end: 0,
    };
    if tokens.count >= lim.max_tail_tokens.saturating_add(2) && lim.tail_lines > 0 {
        other_candidates(tokens, pos, lim, SpanKind::Tail.bit(), out);
    }
}

/// The candidates other than the whole line (see [`candidates`]); `tokens.toks` holds at
/// least the first `max_head_tokens + 1` tokens, and all of them on the last lines.
fn other_candidates(
    tokens: &Tokens,
    pos: LinePos,
    lim: &SpanLimits,
    kinds: u8,
    out: &mut Candidates,
) {
    let toks = &tokens.toks[..];
    let keys = tokens.keys.as_str();
    let n = tokens.count;
    if n == 0 {
        return;
    }
    let want = |k: SpanKind| kinds & k.bit() != 0;
    if n <= lim.max_head_tokens && want(SpanKind::LineShape) {
        segment_variants(
            toks,
            keys,
            SpanKind::LineShape,
            false,
            lim.max_wild_tokens,
            out,
        );
    }
    // Heads: prefixes ending at one of the first three boundaries, leaving text after them.
    // A line opening with bare punctuation (`- name: quote`) is a list item, not a byline.
    if want(SpanKind::Head) {
        let mut heads = if toks[0].has_letters() { 0 } else { 3 };
        for i in 0..n.saturating_sub(1).min(lim.max_head_tokens) {
            if heads >= 3 {
                break;
            }
            if !toks[i].is_boundary() {
                continue;
            }
            segment_variants(
                &toks[..=i],
                keys,
                SpanKind::Head,
                true,
                lim.max_wild_tokens,
                out,
            );
            heads += 1;
        }
    }
    // Leads: cue-bearing fixed prefixes on the first line (share bars, labels).
    if pos.first && want(SpanKind::Lead) {
        let mut cues = 0;
        for k in 1..=lim.max_head_tokens.min(n.saturating_sub(1)) {
            if !toks[k - 1].is_cue() {
                continue;
            }
            cues += 1;
            if cues >= 2 && cues * 2 >= k {
                push_literal(&toks[..k], keys, SpanKind::Lead, 0, out);
            }
        }
    }
    let tails = want(SpanKind::Tail);
    let anchors = want(SpanKind::Anchor);
    if pos.from_end < lim.tail_lines && (tails || anchors) {
        for j in 0..n {
            let after_clause = j > 0 && toks[j - 1].ends_clause();
            if j > 0 && !after_clause {
                continue;
            }
            if tails
                && after_clause
                && toks[j - 1].ends_sentence()
                && n - j <= lim.max_tail_tokens
                && tail_learnable(&toks[j..])
            {
                push_literal(&toks[j..], keys, SpanKind::Tail, j, out);
            }
            if !anchors {
                continue;
            }
            for k in 2..=3 {
                if j + k >= n {
                    break;
                }
                let anchor = &toks[j..j + k];
                if !anchor.iter().any(Tok::is_cue_word) {
                    continue;
                }
                let start = out.begin(SpanKind::Anchor);
                join_keys(anchor, keys, &mut out.forms);
                out.forms.extend_from_slice(b" *");
                out.list.push(Candidate {
                    kind: SpanKind::Anchor,
                    key: out.key(start),
                    form: start..out.forms.len(),
                    tok_start: j,
                    tok_end: n,
                    literal_tokens: k,
                    segments: 2,
                    wild_segments: 1,
                    cue: true,
                    max_literal_segment: k,
                });
            }
        }
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

    /// Candidates as `(kind, key, form)`.
    fn cands(t: &Tokens, pos: LinePos) -> Vec<(SpanKind, u64, String)> {
        let mut out = Candidates::default();
        candidates(t, pos, &SpanLimits::default(), ALL_KINDS, &mut out);
        out.list
            .iter()
            .map(|c| (c.kind, c.key, out.form(c).to_string()))
            .collect()
    }

    const MID: LinePos = LinePos {
        first: false,
        last: false,
        from_end: 5,
    };

    /// The survey tokenizes only the first `EDGE_WORDS` words of a long line that is not one of
    /// the last lines: its heads and leads are those of all its tokens, and its whole-line
    /// candidate is keyed by `long_line_key`.
    #[test]
    fn long_line_heads_from_its_first_words_as_from_all_tokens() {
        let body = "افتتح الأمير المهرجان السنوي للتراث في المنطقة بحضور عدد كبير من المسؤولين \
            والمواطنين وأكد أن المهرجان يعكس اهتمام الدولة بالموروث الشعبي وأضاف أن الدورة \
            الحالية تشهد مشاركة واسعة من الحرفيين والفنانين من مختلف المحافظات";
        let line = format!("سالم العلي- صحيفة- أبها: {body}");
        let lim = SpanLimits::default();
        for first in [true, false] {
            let pos = LinePos {
                first,
                last: false,
                from_end: 5,
            };
            let mut tokens = Tokens::default();
            let mut out = Candidates::default();
            line_candidates(&line, &mut tokens, pos, &lim, ALL_KINDS, false, &mut out);
            assert!(
                tokens.count < tokenize(&line).count,
                "only the head was read"
            );
            let got: Vec<(SpanKind, u64, String)> = out
                .list
                .iter()
                .map(|c| (c.kind, c.key, out.form(c).to_string()))
                .collect();
            let whole = got.iter().find(|c| c.0 == SpanKind::Line).map(|c| c.1);
            assert_eq!(whole, long_line_key(&line));
            let heads: Vec<_> = got.into_iter().filter(|c| c.0 != SpanKind::Line).collect();
            let all: Vec<_> = cands(&tokenize(&line), pos)
                .into_iter()
                .filter(|c| c.0 != SpanKind::Line)
                .collect();
            assert!(heads.iter().any(|c| c.0 == SpanKind::Head));
            assert_eq!(heads, all);
            let c = &out.list[0];
            assert_eq!(tokens.span(c.tok_start, c.tok_end), Some((0, line.len())));
        }
        // A line of `LONG_LINE_WORDS` words or fewer keeps its token pattern.
        let short: Vec<&str> = body.split(' ').take(LONG_LINE_WORDS).collect();
        assert_eq!(long_line_key(&short.join(" ")), None);
        assert!(long_line_key(body).is_some());
        assert_ne!(long_line_key(body), long_line_key(&line));
    }

    #[test]
    fn byline_head_variants_share_a_generalized_form() {
        let a = tokenize("سالم العلي- صحيفة- أبها: افتتح الأمير المهرجان");
        let b = tokenize("نورة الحربي- صحيفة- تبوك: أعلنت الجامعة القبول");
        let ca = cands(&a, MID);
        let cb = cands(&b, MID);
        let fa: Vec<&str> = ca
            .iter()
            .filter(|c| c.0 == SpanKind::Head)
            .map(|c| c.2.as_str())
            .collect();
        assert!(fa.contains(&"*- صحيفه- *:"), "{fa:?}");
        let shared: Vec<u64> = ca
            .iter()
            .filter(|c| cb.iter().any(|d| d.1 == c.1))
            .map(|c| c.1)
            .collect();
        assert!(shared.contains(&hash_form(SpanKind::Head, "*- صحيفه- *:")));
    }

    #[test]
    fn no_head_after_bare_punctuation() {
        let t = tokenize("- سالم العلي: نص الاقتباس هنا");
        let c = cands(&t, MID);
        assert!(!c.iter().any(|c| c.0 == SpanKind::Head));
    }

    #[test]
    fn tails_and_anchors_only_near_the_end() {
        let t = tokenize("نص الخبر هنا. للتواصل: a@b.com");
        let end = LinePos {
            first: false,
            last: true,
            from_end: 0,
        };
        let c = cands(&t, end);
        assert!(c
            .iter()
            .any(|c| c.0 == SpanKind::Tail && c.2 == "للتواصل: <email>"));
        let t = tokenize("نص الخبر هنا. للتواصل مع الكاتب: a@b.com");
        let c = cands(&t, end);
        assert!(c
            .iter()
            .any(|c| c.0 == SpanKind::Anchor && c.2 == "للتواصل مع *"));
        let mid = cands(&t, MID);
        assert!(!mid
            .iter()
            .any(|c| matches!(c.0, SpanKind::Tail | SpanKind::Anchor)));
    }
}
