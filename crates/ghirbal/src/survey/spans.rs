//! Candidate templates of one line: the whole line, its line shape (segments generalized),
//! heads (prefixes ending at a `:`/dash/`|` boundary, with segment wildcards), cue-bearing leads
//! (fixed prefixes without a boundary, e.g. a share bar), tails (short suffixes after a clause
//! end) and cue-anchored tails (a recurring cue phrase followed by anything up to the end).
//!
//! The same generator runs when counting and when applying templates, so a key learned from the
//! survey is found again in new data of the same site.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::tokens::{is_contact_shape, is_cue_word, Tok};

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
    /// Human-readable pattern (token keys, `*` for a generalized segment).
    pub form: String,
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

pub(crate) fn hash_form(kind: SpanKind, form: &str) -> u64 {
    let mut buf = Vec::with_capacity(form.len() + 2);
    buf.push(kind.tag());
    buf.push(0);
    buf.extend_from_slice(form.as_bytes());
    xxh3_64(&buf)
}

fn join_keys(toks: &[Tok]) -> String {
    let mut s = String::new();
    for t in toks {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.key);
    }
    s
}

/// Segments of `toks`: split after every boundary token. Returns `(start, end)` index pairs.
fn segments(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut segs = Vec::new();
    let mut s = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.is_boundary() {
            segs.push((s, i + 1));
            s = i + 1;
        }
    }
    if s < toks.len() {
        segs.push((s, toks.len()));
    }
    segs
}

/// The variants of a segmented token run: every mix of literal and `*` segments. `with_literal`
/// includes the all-literal variant. Segments longer than `max_wild` stay literal.
fn segment_variants(
    toks: &[Tok],
    kind: SpanKind,
    with_literal: bool,
    max_wild: usize,
    out: &mut Vec<Candidate>,
) {
    let segs = segments(toks);
    let nseg = segs.len();
    if !with_literal && nseg < 2 {
        return;
    }
    if nseg == 0 || nseg > 5 {
        if with_literal && !toks.is_empty() {
            push_literal(toks, kind, 0, out);
        }
        return;
    }
    let full = (1u32 << nseg) - 1;
    for mask in 0..=full {
        if mask == full && !with_literal {
            continue;
        }
        let mut ok = true;
        let mut form = String::new();
        let mut literal_tokens = 0;
        let mut cue = false;
        let mut wild = 0;
        let mut max_lit = 0;
        for (si, &(a, b)) in segs.iter().enumerate() {
            if !form.is_empty() {
                form.push(' ');
            }
            if mask & (1 << si) != 0 {
                form.push_str(&join_keys(&toks[a..b]));
                literal_tokens += b - a;
                max_lit = max_lit.max(b - a);
                cue |= toks[a..b].iter().any(Tok::is_cue);
            } else {
                if b - a > max_wild {
                    ok = false;
                    break;
                }
                wild += 1;
                form.push('*');
                if let Some(c) = toks[b - 1].key.chars().last() {
                    if toks[b - 1].is_boundary() {
                        form.push(c);
                    }
                }
            }
        }
        if !ok || (kind == SpanKind::Head && max_lit > 2 && !cue) {
            // A literal run of more than two words before a boundary is a phrase of the text
            // (`we often hear them say:`), not a byline or dateline: never a template.
            continue;
        }
        out.push(Candidate {
            kind,
            key: hash_form(kind, &form),
            form,
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

fn push_literal(toks: &[Tok], kind: SpanKind, offset: usize, out: &mut Vec<Candidate>) {
    let form = join_keys(toks);
    out.push(Candidate {
        kind,
        key: hash_form(kind, &form),
        form,
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
    if toks.iter().all(|t| is_contact_shape(&t.key)) {
        return false;
    }
    if !cue
        && toks
            .iter()
            .any(|t| t.key.chars().any(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let sentence = toks.last().is_some_and(|t| {
        t.key
            .trim_end_matches(['»', '"', ')', '”', '}'])
            .ends_with(['.', '!', '?', '؟'])
    });
    !(sentence && toks.len() > 4)
}

/// All candidates of one line (tokens of its display form) at position `pos`.
pub(crate) fn candidates(toks: &[Tok], pos: LinePos, lim: &SpanLimits) -> Vec<Candidate> {
    let n = toks.len();
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    push_literal(toks, SpanKind::Line, 0, &mut out);
    if n <= lim.max_head_tokens {
        segment_variants(
            toks,
            SpanKind::LineShape,
            false,
            lim.max_wild_tokens,
            &mut out,
        );
    }
    // Heads: prefixes ending at one of the first three boundaries, leaving text after them.
    // A line opening with bare punctuation (`- name: quote`) is a list item, not a byline.
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
            SpanKind::Head,
            true,
            lim.max_wild_tokens,
            &mut out,
        );
        heads += 1;
    }
    // Leads: cue-bearing fixed prefixes on the first line (share bars, labels).
    if pos.first {
        let mut cues = 0;
        for k in 1..=lim.max_head_tokens.min(n.saturating_sub(1)) {
            if !toks[k - 1].is_cue() {
                continue;
            }
            cues += 1;
            if cues >= 2 && cues * 2 >= k {
                push_literal(&toks[..k], SpanKind::Lead, 0, &mut out);
            }
        }
    }
    if pos.from_end < lim.tail_lines {
        for j in 0..n {
            let after_clause = j > 0 && toks[j - 1].ends_clause();
            if j > 0 && !after_clause {
                continue;
            }
            if after_clause
                && toks[j - 1].ends_sentence()
                && n - j <= lim.max_tail_tokens
                && tail_learnable(&toks[j..])
            {
                push_literal(&toks[j..], SpanKind::Tail, j, &mut out);
            }
            for k in 2..=3 {
                if j + k >= n {
                    break;
                }
                let anchor = &toks[j..j + k];
                if !anchor.iter().any(|t| is_cue_word(&t.key)) {
                    continue;
                }
                let form = format!("{} *", join_keys(anchor));
                out.push(Candidate {
                    kind: SpanKind::Anchor,
                    key: hash_form(SpanKind::Anchor, &form),
                    form,
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
    out
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    const MID: LinePos = LinePos {
        first: false,
        last: false,
        from_end: 5,
    };

    #[test]
    fn byline_head_variants_share_a_generalized_form() {
        let a = tokenize("سالم العلي- صحيفة- أبها: افتتح الأمير المهرجان");
        let b = tokenize("نورة الحربي- صحيفة- تبوك: أعلنت الجامعة القبول");
        let ca = candidates(&a, MID, &SpanLimits::default());
        let cb = candidates(&b, MID, &SpanLimits::default());
        let fa: Vec<&str> = ca
            .iter()
            .filter(|c| c.kind == SpanKind::Head)
            .map(|c| c.form.as_str())
            .collect();
        assert!(fa.contains(&"*- صحيفه- *:"), "{fa:?}");
        let shared: Vec<u64> = ca
            .iter()
            .filter(|c| cb.iter().any(|d| d.key == c.key))
            .map(|c| c.key)
            .collect();
        assert!(shared.contains(&hash_form(SpanKind::Head, "*- صحيفه- *:")));
    }

    #[test]
    fn no_head_after_bare_punctuation() {
        let t = tokenize("- سالم العلي: نص الاقتباس هنا");
        let c = candidates(&t, MID, &SpanLimits::default());
        assert!(!c.iter().any(|c| c.kind == SpanKind::Head));
    }

    #[test]
    fn tails_and_anchors_only_near_the_end() {
        let t = tokenize("نص الخبر هنا. للتواصل: a@b.com");
        let end = LinePos {
            first: false,
            last: true,
            from_end: 0,
        };
        let c = candidates(&t, end, &SpanLimits::default());
        assert!(c
            .iter()
            .any(|c| c.kind == SpanKind::Tail && c.form == "للتواصل: <email>"));
        let t = tokenize("نص الخبر هنا. للتواصل مع الكاتب: a@b.com");
        let c = candidates(&t, end, &SpanLimits::default());
        assert!(c
            .iter()
            .any(|c| c.kind == SpanKind::Anchor && c.form == "للتواصل مع *"));
        let mid = candidates(&t, MID, &SpanLimits::default());
        assert!(!mid
            .iter()
            .any(|c| matches!(c.kind, SpanKind::Tail | SpanKind::Anchor)));
    }
}
