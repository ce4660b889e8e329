//! Bytes → text: BOM sniffing, UTF-16 detection, binary rejection, UTF-8 (strict or lossy) and
//! legacy single-byte encodings (windows-1256, ISO-8859-6, others) through `chardetng` and
//! `encoding_rs`.
//!
//! The policy, in order:
//!
//! 1. Empty input → empty text (UTF-8).
//! 2. A byte-order mark decides: UTF-8, UTF-16LE/BE, or UTF-32LE/BE (decoded by hand; encoding_rs
//!    has no UTF-32). The BOM itself is not part of the text.
//! 3. Known binary signatures (PNG, ELF, PDF, ZIP, gzip, …) → [`Error::Binary`].
//! 4. BOM-less UTF-16: in the first [`SAMPLE`] bytes, one byte parity is dominated by one or two
//!    "high byte" values (e.g. `00` and `06` for Arabic) and the input contains NULs at that
//!    parity (or, when it is not valid UTF-8, the concentration alone is overwhelming).
//! 5. Binary by content: NUL bytes (≥ 1 per 1000 sample bytes) or ≥ 5 % C0 control bytes other
//!    than tab, LF, VT, FF, CR and ESC → [`Error::Binary`].
//! 6. Valid UTF-8 → UTF-8.
//! 7. Invalid UTF-8 that is *mostly* UTF-8 — at least [`MOSTLY_UTF8_RATIO`] well-formed non-ASCII
//!    characters for each malformed sequence in the first [`SAMPLE`] bytes — is decoded as UTF-8 with each malformed sequence
//!    replaced by U+FFFD and counted in [`Decoded::replaced`]; so is valid UTF-8 cut inside its
//!    last character. Legacy Arabic text almost never
//!    forms valid multi-byte UTF-8 sequences (letters follow letters, and both are lead bytes), so
//!    a windows-1256 page fails this test by a wide margin.
//! 8. Otherwise `chardetng` guesses from the first [`DETECT_SAMPLE`] bytes, told that the page
//!    comes from an Arabic top-level domain (as a browser would be for a `.sa` page): then
//!    windows-1256 and ISO-8859-6 are the native candidates (windows-1256 when nothing scores),
//!    Western, Turkish, Baltic and Vietnamese encodings compete as they are, and the others
//!    (Cyrillic, Greek, Hebrew, CJK, Central European) must clearly beat the Arabic ones.
//!
//! Decoding never panics and never fails on text: malformed input becomes U+FFFD and is counted.

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::{Error, Result};

/// Decoded text and what was learned while decoding it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The encoding the input was read as (WHATWG label, e.g. `UTF-8`, `windows-1256`,
    /// `UTF-16LE`; `UTF-32LE`/`UTF-32BE` for the BOM-marked UTF-32 this module decodes itself).
    pub encoding: &'static str,
    /// Number of malformed byte sequences replaced by U+FFFD.
    pub replaced: usize,
    /// Whether a byte-order mark decided the encoding.
    pub bom: bool,
}

/// How many leading bytes the binary and UTF-16 sniffers look at.
pub const SAMPLE: usize = 64 * 1024;
/// How many leading bytes are fed to `chardetng`.
pub const DETECT_SAMPLE: usize = 64 * 1024;
/// Invalid UTF-8 is still read as UTF-8 when it has at least this many well-formed non-ASCII
/// characters per malformed sequence.
pub const MOSTLY_UTF8_RATIO: usize = 4;
/// The top-level domain hint given to chardetng (one of its Arabic TLDs).
const ARABIC_TLD: &[u8] = b"sa";

/// Decodes a page's bytes. `source_name` is used in error messages.
///
/// Returns [`Error::Binary`] for data that is not text; every text input decodes (malformed
/// sequences become U+FFFD and are counted in [`Decoded::replaced`]).
pub fn decode(bytes: &[u8], source_name: &str) -> Result<Decoded> {
    if bytes.is_empty() {
        return Ok(Decoded {
            text: String::new(),
            encoding: UTF_8.name(),
            replaced: 0,
            bom: false,
        });
    }

    // UTF-32 BOMs first: FF FE 00 00 would otherwise read as a UTF-16LE BOM.
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\x00\x00") {
        return Ok(decode_utf32(rest, false));
    }
    if let Some(rest) = bytes.strip_prefix(b"\x00\x00\xFE\xFF") {
        return Ok(decode_utf32(rest, true));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, replaced) = if encoding == UTF_8 {
            utf8_lossy(rest)
        } else {
            decode_with(encoding, rest)
        };
        let decoded = Decoded {
            text,
            encoding: encoding.name(),
            replaced,
            bom: true,
        };
        return check_decoded_controls(decoded, source_name);
    }

    if let Some(kind) = binary_signature(bytes) {
        return Err(Error::Binary {
            source_name: source_name.to_string(),
            detail: format!("{kind} signature"),
        });
    }

    let sample = &bytes[..bytes.len().min(SAMPLE)];
    // SIMD validation first (most input is valid UTF-8, and Arabic text is all multi-byte, where
    // std's validator is slow); std's only when the error's position and kind are needed.
    let utf8_check = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    };
    let valid_utf8 = utf8_check.is_ok();
    // Valid UTF-8 up to an incomplete character at the very end (a cut dump).
    let truncated_utf8 = utf8_check
        .as_ref()
        .err()
        .is_some_and(|e| e.error_len().is_none());

    // Valid UTF-8 whose sample has no control byte (NUL included) is neither UTF-16 (which needs
    // NULs, or control bytes to be anything but text when it is valid UTF-8) nor binary: that is
    // most input, and it skips the histograms.
    let stats = match utf8_check {
        Ok(text) if !has_control(sample) => return Ok(utf8_copy(text)),
        _ => ByteStats::of(sample),
    };

    if let Some(encoding) = sniff_utf16(sample, &stats, valid_utf8) {
        let (text, replaced) = decode_with(encoding, bytes);
        let decoded = Decoded {
            text,
            encoding: encoding.name(),
            replaced,
            bom: false,
        };
        return check_decoded_controls(decoded, source_name);
    }

    if let Some(detail) = stats.binary_reason(sample.len()) {
        return Err(Error::Binary {
            source_name: source_name.to_string(),
            detail,
        });
    }

    if let Ok(text) = utf8_check {
        return Ok(utf8_copy(text));
    }

    let (good, bad) = utf8_counts(sample);
    if truncated_utf8 || (good > 0 && good >= bad.saturating_mul(MOSTLY_UTF8_RATIO)) {
        let (text, replaced) = utf8_lossy(bytes);
        return Ok(Decoded {
            text,
            encoding: UTF_8.name(),
            replaced,
            bom: false,
        });
    }

    let encoding = guess_legacy(&bytes[..bytes.len().min(DETECT_SAMPLE)]);
    let (text, replaced) = decode_with(encoding, bytes);
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        replaced,
        bom: false,
    })
}

/// Valid UTF-8: a plain copy, no replacement.
fn utf8_copy(text: &str) -> Decoded {
    Decoded {
        text: text.to_owned(),
        encoding: UTF_8.name(),
        replaced: 0,
        bom: false,
    }
}

/// A control byte as the binary sniffer counts them: C0 but tab, LF, VT, FF, CR and ESC (so NUL
/// is one), and DEL. Written with comparisons only, so that scans over bytes vectorise.
#[inline(always)]
fn is_control(b: u8) -> bool {
    (b == 0x7F) | ((b < 0x20) & (b.wrapping_sub(b'\t') > 0x0D - b'\t') & (b != 0x1B))
}

/// Whether `bytes` hold a control byte ([`is_control`]), checked a block at a time (no early
/// exit inside a block, so it vectorises).
fn has_control(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        let mut acc = 0u8;
        for &b in block {
            acc |= u8::from(is_control(b));
        }
        if acc != 0 {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| is_control(b))
}

/// Known binary file signatures at the start of the input, by name.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\x7fELF", "ELF executable"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"PK\x05\x06", "ZIP archive"),
        (
            b"\x1F\x8B\x08",
            "gzip-compressed data (decompress it first)",
        ),
        (
            b"\x28\xB5\x2F\xFD",
            "zstd-compressed data (decompress it first)",
        ),
        (b"\xFD7zXZ\x00", "xz-compressed data (decompress it first)"),
        (b"BZh", "bzip2-compressed data (decompress it first)"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"\x00asm", "WebAssembly module"),
        (b"\xCA\xFE\xBA\xBE", "Java class or Mach-O file"),
        (b"\xCF\xFA\xED\xFE", "Mach-O executable"),
        (b"PAR1", "Parquet file"),
    ];
    for (magic, name) in SIGNATURES {
        if bytes.starts_with(magic) {
            // "BZh" alone could start a text; require the block-size digit and block magic.
            if *magic == b"BZh" && !bzip2_header(bytes) {
                continue;
            }
            // "PAR1" could start a text line; a Parquet file also ends with it.
            if *magic == b"PAR1" && !(bytes.len() >= 8 && bytes.ends_with(b"PAR1")) {
                continue;
            }
            return Some(name);
        }
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Some("WebP image");
    }
    None
}

fn bzip2_header(bytes: &[u8]) -> bool {
    bytes.len() >= 10
        && (b'1'..=b'9').contains(&bytes[3])
        && &bytes[4..10] == b"\x31\x41\x59\x26\x53\x59"
}

/// Byte counts over the sample used by the UTF-16 and binary sniffers.
struct ByteStats {
    /// Histograms of the first and second bytes of each two-byte unit (a final odd byte is not
    /// in either).
    even_units: [u32; 256],
    odd_units: [u32; 256],
    /// NUL bytes.
    nuls: usize,
    /// C0 control bytes other than tab, LF, VT, FF, CR, ESC (NUL included), plus DEL.
    controls: usize,
}

impl ByteStats {
    fn of(sample: &[u8]) -> ByteStats {
        // Four histograms per parity, filled from successive code units in turn: text repeats
        // a few byte values (Arabic lead bytes), and a counter bumped on every other unit
        // serialises the loop on its own store and reload.
        let mut even4 = [[0u32; 256]; 4];
        let mut odd4 = [[0u32; 256]; 4];
        let mut octets = sample.chunks_exact(8);
        for o in &mut octets {
            for k in 0..4 {
                even4[k][o[2 * k] as usize] += 1;
                odd4[k][o[2 * k + 1] as usize] += 1;
            }
        }
        let mut pairs = octets.remainder().chunks_exact(2);
        for pair in &mut pairs {
            even4[0][pair[0] as usize] += 1;
            odd4[0][pair[1] as usize] += 1;
        }
        let sum = |h: &[[u32; 256]; 4]| -> [u32; 256] {
            std::array::from_fn(|b| h[0][b] + h[1][b] + h[2][b] + h[3][b])
        };
        let (even, odd) = (sum(&even4), sum(&odd4));
        let mut all = [0usize; 256];
        for b in 0..256 {
            all[b] = (even[b] + odd[b]) as usize;
        }
        if let [last] = pairs.remainder() {
            all[*last as usize] += 1;
        }
        let controls = (0u8..=0xFF)
            .filter(|&b| is_control(b))
            .map(|b| all[b as usize])
            .sum();
        ByteStats {
            even_units: even,
            odd_units: odd,
            nuls: all[0],
            controls,
        }
    }

    /// Why the sample looks binary, if it does.
    fn binary_reason(&self, len: usize) -> Option<String> {
        let nuls = self.nuls;
        if nuls > 0 && nuls.saturating_mul(1000) >= len {
            return Some(format!(
                "{nuls} NUL byte{} in the first {len} bytes",
                if nuls == 1 { "" } else { "s" }
            ));
        }
        if self.controls >= 2 && self.controls.saturating_mul(20) >= len {
            let pct = self.controls as f64 * 100.0 / len.max(1) as f64;
            return Some(format!("{pct:.1}% control bytes in the first {len} bytes"));
        }
        None
    }
}

/// Detects BOM-less UTF-16 from the byte histograms of the sample.
///
/// In UTF-16 text the high byte of each code unit takes very few values (`00` for ASCII, `06` for
/// Arabic, …). We call a parity the "high" one when its two most frequent values cover at least
/// 90 % of the code units, the other parity is not similarly NUL-heavy, and either the high
/// parity holds NULs (ASCII spaces, digits, punctuation) or — for input whose UTF-8 reading is
/// not text — the concentration is overwhelming (≥ 97 %, at least 8 code units; 2 when the
/// input is "valid UTF-8" full of control bytes, as UTF-16 Arabic letters are). The candidate must also
/// decode with at most 1 % malformed code units.
fn sniff_utf16(sample: &[u8], stats: &ByteStats, valid_utf8: bool) -> Option<&'static Encoding> {
    let units = sample.len() / 2;
    if units == 0 {
        return None;
    }
    // Valid UTF-8 only rules UTF-16 out when the UTF-8 reading would be text: UTF-16 Arabic
    // letters (U+0621..U+064A) are ASCII bytes plus 06 control bytes, "valid" but binary.
    let utf8_is_text = valid_utf8 && stats.binary_reason(sample.len()).is_none();
    let min_units = if valid_utf8 { 2 } else { 8 };
    // (encoding, high-byte NULs, most frequent high byte) of each plausible reading.
    let mut best: Option<(&'static Encoding, usize, usize)> = None;
    // Little-endian: the high byte is at odd positions.
    for (encoding, high, low) in [
        (UTF_16LE, &stats.odd_units, &stats.even_units),
        (UTF_16BE, &stats.even_units, &stats.odd_units),
    ] {
        let high_nul = high[0] as usize;
        let low_nul = low[0] as usize;
        let (top2, top_byte) = top_two(high);
        let concentrated = top2.saturating_mul(10) >= units.saturating_mul(9);
        if !concentrated || low_nul.saturating_mul(20) > units || low_nul >= high_nul.max(1) {
            continue;
        }
        let by_nul = high_nul > 0;
        let by_concentration = !utf8_is_text
            && units >= min_units
            && top2.saturating_mul(100) >= units.saturating_mul(97);
        if !(by_nul || by_concentration) {
            continue;
        }
        let (_, malformed) = decode_with(encoding, &sample[..units * 2]);
        if malformed.saturating_mul(100) > units {
            continue;
        }
        // Both byte orders can fit a short sample: prefer more NULs in the high byte, then the
        // smaller dominant high byte (alphabetic scripts live in U+0000..U+07FF).
        let better = match best {
            None => true,
            Some((_, nul, top)) => high_nul > nul || (high_nul == nul && top_byte < top),
        };
        if better {
            best = Some((encoding, high_nul, top_byte));
        }
    }
    best.map(|(encoding, _, _)| encoding)
}

/// Sum of the two largest counts in a histogram, and the most frequent value.
fn top_two(hist: &[u32; 256]) -> (usize, usize) {
    let (mut a, mut b, mut top) = (0u32, 0u32, 0usize);
    for (value, &n) in hist.iter().enumerate() {
        if n > a {
            b = a;
            a = n;
            top = value;
        } else if n > b {
            b = n;
        }
    }
    (a as usize + b as usize, top)
}

/// Rejects decoded (UTF-16/UTF-8-with-BOM) text that is mostly control characters.
fn check_decoded_controls(decoded: Decoded, source_name: &str) -> Result<Decoded> {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in decoded.text.chars().take(SAMPLE) {
        chars += 1;
        if (c < ' ' && !matches!(c, '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{1B}'))
            || c == '\u{7F}'
        {
            controls += 1;
        }
    }
    if controls >= 2 && controls.saturating_mul(20) >= chars {
        return Err(Error::Binary {
            source_name: source_name.to_string(),
            detail: format!(
                "{controls} control characters in the first {chars} characters after decoding as {}",
                decoded.encoding
            ),
        });
    }
    Ok(decoded)
}

/// Counts well-formed non-ASCII characters and malformed sequences (as `from_utf8_lossy` would
/// replace them).
fn utf8_counts(bytes: &[u8]) -> (usize, usize) {
    let mut good = 0usize;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk
            .valid()
            .as_bytes()
            .iter()
            .filter(|&&b| b >= 0xC0)
            .count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    (good, bad)
}

/// UTF-8 with each malformed sequence replaced by U+FFFD; returns the count of replacements.
fn utf8_lossy(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut replaced = 0usize;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push(char::REPLACEMENT_CHARACTER);
            replaced += 1;
        }
    }
    (out, replaced)
}

/// Decodes with encoding_rs (no BOM handling), replacing and counting malformed sequences.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::new();
    let mut replaced = 0usize;
    let mut src = bytes;
    loop {
        let need = decoder
            .max_utf8_buffer_length_without_replacement(src.len())
            .unwrap_or(src.len().saturating_mul(3).saturating_add(16));
        out.reserve(need.min(src.len().saturating_mul(3).saturating_add(16)));
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, true);
        src = src.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => out.reserve(64),
            DecoderResult::Malformed(_, _) => {
                out.push(char::REPLACEMENT_CHARACTER);
                replaced += 1;
            }
        }
    }
    (out, replaced)
}

/// Decodes BOM-marked UTF-32 (the BOM already removed).
fn decode_utf32(bytes: &[u8], big_endian: bool) -> Decoded {
    let mut text = String::with_capacity(bytes.len() / 4);
    let mut replaced = 0usize;
    let mut units = bytes.chunks_exact(4);
    for unit in &mut units {
        let quad = [unit[0], unit[1], unit[2], unit[3]];
        let value = if big_endian {
            u32::from_be_bytes(quad)
        } else {
            u32::from_le_bytes(quad)
        };
        match char::from_u32(value) {
            Some(c) => text.push(c),
            None => {
                text.push(char::REPLACEMENT_CHARACTER);
                replaced += 1;
            }
        }
    }
    if !units.remainder().is_empty() {
        text.push(char::REPLACEMENT_CHARACTER);
        replaced += 1;
    }
    Decoded {
        text,
        encoding: if big_endian { "UTF-32BE" } else { "UTF-32LE" },
        replaced,
        bom: true,
    }
}

/// Guesses the legacy encoding of bytes that are not UTF-8 (see the module docs).
fn guess_legacy(sample: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, true);
    // The Arabic TLD hint makes windows-1256 and ISO-8859-6 the native candidates (windows-1256
    // the default when nothing scores), leaves Western/Turkish/Baltic/Vietnamese candidates
    // unpenalised and penalises the others, so those win only when clearly better.
    let (guess, _confident) = detector.guess_assess(Some(ARABIC_TLD), false);
    guess
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};

    const SENTENCE: &str = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة، \
        وقال الوزير إن المشروع سيخدم أكثر من مئة ألف مواطن؟ نعم؛ وذلك خلال العام المقبل.";

    fn ok(bytes: &[u8]) -> Decoded {
        match decode(bytes, "test") {
            Ok(d) => d,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    fn binary_message(bytes: &[u8]) -> String {
        match decode(bytes, "page.bin") {
            Err(e @ Error::Binary { .. }) => e.to_string(),
            other => panic!("expected Error::Binary, got {other:?}"),
        }
    }

    /// Deterministic pseudo-random bytes (xorshift).
    fn noise(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn empty_is_empty_text() {
        let d = ok(b"");
        assert_eq!(d.text, "");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 0);
    }

    #[test]
    fn plain_utf8() {
        let d = ok(SENTENCE.as_bytes());
        assert_eq!(d.text, SENTENCE);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 0);
        assert!(!d.bom);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SENTENCE.as_bytes());
        let d = ok(&bytes);
        assert_eq!(d.text, SENTENCE);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.bom);
        // A BOM alone is an empty text.
        assert_eq!(ok(b"\xEF\xBB\xBF").text, "");
    }

    #[test]
    fn utf16_with_bom() {
        for (big_endian, bom, name) in [
            (false, &b"\xFF\xFE"[..], "UTF-16LE"),
            (true, &b"\xFE\xFF"[..], "UTF-16BE"),
        ] {
            let mut bytes = bom.to_vec();
            bytes.extend(utf16(SENTENCE, big_endian));
            let d = ok(&bytes);
            assert_eq!(d.text, SENTENCE, "{name}");
            assert_eq!(d.encoding, name);
            assert!(d.bom);
            assert_eq!(d.replaced, 0);
        }
    }

    #[test]
    fn utf16_without_bom() {
        for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
            let d = ok(&utf16(SENTENCE, big_endian));
            assert_eq!(d.text, SENTENCE, "{name}");
            assert_eq!(d.encoding, name);
            assert!(!d.bom);
            // Latin text too.
            let latin = "Hello world, this is a plain English line.";
            let d = ok(&utf16(latin, big_endian));
            assert_eq!(d.text, latin);
            assert_eq!(d.encoding, name);
        }
        // Arabic without any ASCII (no NULs at all) is still found: it is not valid UTF-8 and
        // the high bytes are all 06.
        let words = "مرحبابكمفيموقعناالجديد";
        let d = ok(&utf16(words, false));
        assert_eq!(d.text, words);
        assert_eq!(d.encoding, "UTF-16LE");
        // Two characters: both byte orders fit; the smaller high byte (06, Arabic) wins.
        let d = ok(&utf16("٠٠", true));
        assert_eq!((d.text.as_str(), d.encoding), ("٠٠", "UTF-16BE"));
        let d = ok(&utf16("٠٠", false));
        assert_eq!((d.text.as_str(), d.encoding), ("٠٠", "UTF-16LE"));
    }

    #[test]
    fn utf16_odd_length_counts_a_replacement() {
        let mut bytes = utf16("نص قصير جدا", false);
        bytes.push(b'x');
        let d = ok(&bytes);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.replaced, 1);
        assert!(d.text.starts_with("نص قصير جدا"));
    }

    #[test]
    fn utf32_with_bom() {
        let mut le = b"\xFF\xFE\x00\x00".to_vec();
        let mut be = b"\x00\x00\xFE\xFF".to_vec();
        for c in "سلام 1".chars() {
            le.extend((c as u32).to_le_bytes());
            be.extend((c as u32).to_be_bytes());
        }
        assert_eq!(ok(&le).text, "سلام 1");
        assert_eq!(ok(&le).encoding, "UTF-32LE");
        assert_eq!(ok(&be).text, "سلام 1");
        le.extend([0xFF, 0xFF, 0xFF, 0xFF, 0x41]);
        let d = ok(&le);
        assert_eq!(d.replaced, 2);
    }

    #[test]
    fn windows_1256_detected() {
        let (bytes, _, unmappable) = WINDOWS_1256.encode(SENTENCE);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = ok(&bytes);
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, SENTENCE);
        assert_eq!(d.replaced, 0);
    }

    #[test]
    fn windows_1256_short_line_detected() {
        let line = "الأخبار المحلية";
        let (bytes, _, _) = WINDOWS_1256.encode(line);
        let d = ok(&bytes);
        assert_eq!(d.text, line);
    }

    #[test]
    fn iso_8859_6_detected() {
        // ISO-8859-6 has no hamza-on-alef issues but no Persian letters either; this sentence
        // is encodable.
        let (bytes, _, unmappable) = ISO_8859_6.encode(SENTENCE);
        assert!(!unmappable);
        let d = ok(&bytes);
        assert_eq!(d.encoding, "ISO-8859-6");
        assert_eq!(d.text, SENTENCE);
    }

    #[test]
    fn other_legacy_encodings_when_confident() {
        let french = "Le ministère a annoncé l'ouverture d'un hôpital près de la gare, \
            où l'été dernier les élèves étaient très nombreux à côté du théâtre.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        let d = ok(&bytes);
        assert_eq!(d.text, french, "read as {}", d.encoding);
    }

    #[test]
    fn mostly_utf8_is_lossy_utf8() {
        // A UTF-8 Arabic page with two stray bytes: read as UTF-8, two replacements.
        let mut bytes = SENTENCE.as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        bytes.extend_from_slice(&[b' ', 0xC7, b' ']);
        bytes.extend_from_slice("نهاية".as_bytes());
        let d = ok(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 2);
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
        assert!(d.text.ends_with("نهاية"));
        // A truncated final character.
        let s = "كلمة";
        let d = ok(&s.as_bytes()[..s.len() - 1]);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 1);
        assert_eq!(d.text, "كلم\u{FFFD}");
    }

    #[test]
    fn mixed_mostly_legacy_goes_legacy() {
        // windows-1256 bytes with one UTF-8 word: the legacy reading wins.
        let (bytes, _, _) = WINDOWS_1256.encode(SENTENCE);
        let mut bytes = bytes.into_owned();
        bytes.extend_from_slice(" ميم".as_bytes());
        let d = ok(&bytes);
        assert_eq!(d.encoding, "windows-1256");
        assert!(d.text.starts_with(SENTENCE));
    }

    #[test]
    fn png_is_binary() {
        let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
        bytes.extend(noise(4000, 7));
        let msg = binary_message(&bytes);
        assert!(msg.contains("page.bin"), "{msg}");
        assert!(msg.contains("PNG image"), "{msg}");
    }

    #[test]
    fn elf_is_binary() {
        let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
        bytes.extend([0u8; 48]);
        let msg = binary_message(&bytes);
        assert!(msg.contains("ELF"), "{msg}");
    }

    #[test]
    fn random_bytes_are_binary() {
        for seed in 1..20 {
            let msg = binary_message(&noise(5000, seed));
            assert!(msg.contains("looks like binary"), "{msg}");
        }
    }

    #[test]
    fn nul_bytes_are_binary_but_a_rare_one_is_not() {
        let msg = binary_message(b"abc\x00def\x00ghi");
        assert!(msg.contains("NUL"), "{msg}");
        // One NUL in a long text does not make it binary.
        let mut text = SENTENCE.repeat(20).into_bytes();
        text.insert(100, 0);
        assert!(text.len() > 1000);
        let d = ok(&text);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn text_with_tabs_and_form_feeds_is_not_binary() {
        let text = "col1\tcol2\r\n\x0cpage two\tend\r\n".repeat(10);
        assert_eq!(ok(text.as_bytes()).text, text);
        // A single stray control byte in a short line is not binary either.
        assert_eq!(ok(b"title\x01 here").text, "title\x01 here");
    }

    #[test]
    fn fifty_megabyte_single_line() {
        let unit = "كلمة عربية طويلة، ";
        let count = 50 * 1024 * 1024 / unit.len() + 1;
        let line = unit.repeat(count);
        assert!(line.len() >= 50 * 1024 * 1024);
        assert!(!line.contains('\n'));
        let start = std::time::Instant::now();
        let d = ok(line.as_bytes());
        assert_eq!(d.text.len(), line.len());
        let folded = crate::text::matching_form(&d.text);
        assert!(folded.starts_with("كلمه عربيه طويله, "));
        let display = crate::text::display_form(&d.text);
        assert_eq!(display.len(), line.len() - 1); // the trailing space is trimmed
        assert!(start.elapsed().as_secs() < 60);
        // The same line as windows-1256 (legacy path, chardetng on the first MiB).
        let (legacy, _, _) = WINDOWS_1256.encode(&line[..4 * 1024 * 1024]);
        let d = ok(&legacy);
        assert_eq!(d.encoding, "windows-1256");
    }

    #[test]
    fn decode_error_messages_name_the_source() {
        let err = decode(b"\x7fELF\x00\x00", "dir/page-17.txt");
        match err {
            Err(e) => assert!(e
                .to_string()
                .starts_with("dir/page-17.txt: looks like binary")),
            Ok(d) => panic!("decoded {d:?}"),
        }
    }

    mod props {
        use super::super::*;
        use super::utf16;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
                if let Ok(d) = decode(&bytes, "fuzz") {
                    prop_assert!(!d.encoding.is_empty());
                    if d.encoding == "UTF-8" && d.replaced == 0 && !d.bom {
                        prop_assert_eq!(d.text.as_bytes(), &bytes[..]);
                    }
                }
            }

            #[test]
            fn valid_utf8_text_round_trips(s in "[\\PC&&[^\u{0}]]{0,200}") {
                let d = decode(s.as_bytes(), "prop");
                if let Ok(d) = d {
                    if d.encoding == "UTF-8" {
                        prop_assert_eq!(d.text, s);
                    }
                }
            }

            #[test]
            fn bomless_utf16_arabic_round_trips(s in "[\u{0621}-\u{064A}\u{0660}-\u{0669} .،]{2,120}", big_endian in any::<bool>()) {
                let bytes = utf16(&s, big_endian);
                let d = decode(&bytes, "prop");
                prop_assert!(d.is_ok(), "{:?}", d);
                if let Ok(d) = d {
                    prop_assert_eq!(d.encoding, if big_endian { "UTF-16BE" } else { "UTF-16LE" });
                    prop_assert_eq!(d.text, s);
                }
            }

            #[test]
            fn arabic_utf8_is_read_as_utf8(s in "[\u{0621}-\u{064A} ]{1,200}") {
                let d = decode(s.as_bytes(), "prop");
                prop_assert!(d.is_ok());
                if let Ok(d) = d {
                    prop_assert_eq!(d.encoding, "UTF-8");
                    prop_assert_eq!(d.text, s);
                }
            }
        }
    }
}
