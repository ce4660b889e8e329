//! The kept-article spool: each kept article is serialized once, as its final `articles.jsonl`
//! line, with the byte offsets the dedup pass needs; after dedup the line is copied out as is
//! (unique), with its `dup` value spliced in (canonical), or cut into a `dedup` reject line
//! (duplicate), without parsing or serializing the article again.
//!
//! The lines are byte for byte what serializing an [`ArticleRecord`] / a
//! [`RejectRecord::of_article`](super::record::RejectRecord::of_article) gives (tests below), including one quirk of the earlier
//! write-read-write spool: serde_json (built without `float_roundtrip`) may read a float's
//! shortest representation back as a neighbouring value, so the floats an article carries (quality
//! signals, `lang_score`, numbers in `metadata`) are passed through that write-read once before
//! the line is made ([`reparse_floats`]).

use super::record::ArticleRecord;
#[cfg(test)]
use super::record::RejectRecord;
use crate::io::has_control;
use ghirbal_core::Reason;
use serde::Serialize;
use serde_json::Value;

/// Where the parts of a spooled article line are (byte offsets into the line, without its
/// newline).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LineSpans {
    /// The line's length.
    pub len: usize,
    /// Start of `,"url":` (the end of `"id":…,"source_id":…`).
    pub url: usize,
    /// Start of `,"body":` (the end of `…,"title":…,"text":…`).
    pub body: usize,
    /// Start of `,"quality":` (the end of `…,"lang_score":…`).
    pub quality: usize,
    /// Start of the `dup` value (`null`).
    pub dup: usize,
    /// Start of `,"removed":` (the end of the `dup` value).
    pub removed: usize,
    /// Start of `,"metadata":` (`len - 1` when the metadata is empty and not written).
    pub metadata: usize,
}

fn field<T: Serialize + ?Sized>(out: &mut Vec<u8>, key: &[u8], v: &T) -> serde_json::Result<()> {
    out.extend_from_slice(key);
    serde_json::to_writer(&mut *out, v)
}

/// Appends `art` serialized as JSON (exactly as `serde_json::to_writer(art)`) to `out`, and
/// returns where its parts are (offsets from the start of what was appended).
pub(crate) fn write_article(
    out: &mut Vec<u8>,
    art: &ArticleRecord,
) -> serde_json::Result<LineSpans> {
    let base = out.len();
    out.push(b'{');
    field(out, b"\"id\":", &art.id)?;
    field(out, b",\"source_id\":", &art.source_id)?;
    let url = out.len() - base;
    field(out, b",\"url\":", &art.url)?;
    field(out, b",\"domain\":", &art.domain)?;
    field(out, b",\"title\":", &art.title)?;
    let body = write_text_and_body(out, art, base)?;
    field(out, b",\"captions\":", &art.captions)?;
    field(out, b",\"byline\":", &art.byline)?;
    field(out, b",\"date\":", &art.date)?;
    field(out, b",\"related\":", &art.related)?;
    field(out, b",\"lang\":", &art.lang)?;
    field(out, b",\"lang_score\":", &art.lang_score)?;
    let quality = out.len() - base;
    field(out, b",\"quality\":", &art.quality)?;
    out.extend_from_slice(b",\"dup\":");
    let dup = out.len() - base;
    serde_json::to_writer(&mut *out, &art.dup)?;
    let removed = out.len() - base;
    field(out, b",\"removed\":", &art.removed)?;
    field(out, b",\"cuts\":", &art.cuts)?;
    let metadata = out.len() - base;
    if !art.metadata.is_empty() {
        field(out, b",\"metadata\":", &art.metadata)?;
    }
    out.push(b'}');
    Ok(LineSpans {
        len: out.len() - base,
        url,
        body,
        quality,
        dup,
        removed,
        metadata,
    })
}

/// Writes `,"text":…,"body":[…]` and returns the offset (from `base`) of `,"body":`. The
/// text is the title and the paragraphs joined by blank lines (as `record` builds it): JSON
/// escaping is per character, so each paragraph's escaped form is a piece of the escaped text and
/// is copied from it rather than escaped again. Any other text is written plainly.
fn write_text_and_body(
    out: &mut Vec<u8>,
    art: &ArticleRecord,
    base: usize,
) -> serde_json::Result<usize> {
    // Is the text exactly [title "\n\n"] p1 "\n\n" p2 ...?
    let t = art.text.as_bytes();
    let mut at = 0usize;
    let mut ok = true;
    if let Some(title) = &art.title {
        ok = t.starts_with(title.as_bytes()) && t[title.len()..].starts_with(b"\n\n");
        at = title.len() + 2;
    }
    for (i, p) in art.body.iter().enumerate() {
        if !ok {
            break;
        }
        if i > 0 {
            ok = t.get(at..at + 2) == Some(b"\n\n".as_slice());
            at += 2;
        }
        ok = ok && t.get(at..at + p.len()) == Some(p.as_bytes());
        at += p.len();
    }
    if !ok || at != t.len() || art.body.is_empty() {
        field(out, b",\"text\":", &art.text)?;
        let body = out.len() - base;
        field(out, b",\"body\":", &art.body)?;
        return Ok(body);
    }
    // Escape the text piece by piece, remembering where each paragraph's escaped form is.
    out.extend_from_slice(b",\"text\":\"");
    let mut escaped: Vec<(usize, usize)> = Vec::with_capacity(art.body.len());
    let push_escaped = |out: &mut Vec<u8>, s: &str| -> serde_json::Result<(usize, usize)> {
        let start = out.len();
        escape_into(out, s)?;
        Ok((start, out.len()))
    };
    if let Some(title) = &art.title {
        push_escaped(out, title)?;
        out.extend_from_slice(b"\\n\\n");
    }
    for (i, p) in art.body.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\\n\\n");
        }
        escaped.push(push_escaped(out, p)?);
    }
    out.push(b'"');
    let body = out.len() - base;
    out.extend_from_slice(b",\"body\":[");
    for (i, &(a, b)) in escaped.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        out.extend_from_within(a..b);
        out.push(b'"');
    }
    out.push(b']');
    Ok(body)
}

/// Appends `s` JSON-escaped as serde_json escapes a string, without the quotes. Only `"`, `\\`
/// and control bytes (below 0x20) are escaped: the stretches between quotes and backslashes are
/// found with `memchr2`, and one with no control byte (in article text, nearly all) is copied
/// whole; serde_json escapes each other character.
fn escape_into(out: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    let b = s.as_bytes();
    let mut one = Vec::new();
    let mut escape = |out: &mut Vec<u8>, i: usize| -> serde_json::Result<()> {
        // An ASCII byte: a whole character.
        one.clear();
        serde_json::to_writer(&mut one, s.get(i..i + 1).unwrap_or_default())?;
        out.extend_from_slice(one.get(1..one.len() - 1).unwrap_or_default());
        Ok(())
    };
    let mut at = 0;
    loop {
        let next = memchr::memchr2(b'"', b'\\', &b[at..]).map_or(b.len(), |k| at + k);
        let stretch = &b[at..next];
        if has_control(stretch) {
            let mut run = at;
            for (i, &c) in stretch.iter().enumerate().map(|(k, c)| (at + k, c)) {
                if c < 0x20 {
                    out.extend_from_slice(&b[run..i]);
                    escape(out, i)?;
                    run = i + 1;
                }
            }
            out.extend_from_slice(&b[run..next]);
        } else {
            out.extend_from_slice(stretch);
        }
        if next == b.len() {
            return Ok(());
        }
        escape(out, next)?;
        at = next + 1;
    }
}

/// The line with `dup` (the canonical's provenance) in place of its `null` dup value; `None`
/// when the spans do not fit the line.
pub(crate) fn with_dup(
    out: &mut Vec<u8>,
    line: &[u8],
    s: &LineSpans,
    dup: &Option<Value>,
) -> Option<serde_json::Result<()>> {
    if line.get(s.dup..s.dup + 4)? != b"null" {
        return None;
    }
    out.extend_from_slice(&line[..s.dup]);
    if let Err(e) = serde_json::to_writer(&mut *out, dup) {
        return Some(Err(e));
    }
    out.extend_from_slice(&line[s.dup + 4..]);
    Some(Ok(()))
}

/// The `dedup` reject line of a spooled article (exactly as serializing
/// `RejectRecord::of_article(art, "dedup", reason)` with `duplicate_of` and `similarity` set);
/// `None` when the spans do not fit the line.
pub(crate) fn dedup_reject(
    out: &mut Vec<u8>,
    line: &[u8],
    s: &LineSpans,
    reason: &Reason,
    of: &str,
    similarity: f32,
) -> Option<serde_json::Result<()>> {
    const DUP_KEY: &[u8] = b",\"dup\":";
    let dup_key = s.dup.checked_sub(DUP_KEY.len())?;
    if !(s.url < s.body
        && s.body < s.quality
        && s.quality < dup_key
        && s.dup < s.removed
        && s.removed < s.metadata
        && s.metadata < line.len())
        || line.first() != Some(&b'{')
        || line.last() != Some(&b'}')
        || line.get(dup_key..s.dup) != Some(DUP_KEY)
    {
        return None;
    }
    let res = (|| {
        // `"id":…,"source_id":…`
        out.extend_from_slice(&line[..s.url]);
        field(out, b",\"stage\":", "dedup")?;
        field(out, b",\"reason\":", reason)?;
        out.extend_from_slice(b",\"detail\":null,\"location\":null");
        // `,"url":…,"domain":…,"title":…,"text":…` and `,"body":…` to `,"lang_score":…`
        out.extend_from_slice(&line[s.url..s.quality]);
        // `,"removed":…,"cuts":…`
        out.extend_from_slice(&line[s.removed..s.metadata]);
        // `,"quality":…`
        out.extend_from_slice(&line[s.quality..dup_key]);
        field(out, b",\"duplicate_of\":", of)?;
        field(out, b",\"similarity\":", &similarity)?;
        // `,"metadata":…` (absent when empty, in both records)
        out.extend_from_slice(&line[s.metadata..line.len() - 1]);
        out.push(b'}');
        Ok(())
    })();
    Some(res)
}

/// `v` after a JSON write and read by serde_json.
fn reparse_f64(v: f64, buf: &mut Vec<u8>) -> f64 {
    // A whole number below 1e14 (counts) is written `N.0`, which serde_json reads as the exact
    // integer N0 (< 2^53) divided by 10: exactly `v`, no round trip needed. (Zero, with its
    // sign, is left to the round trip.)
    if v.fract() == 0.0 && v.abs() < 1e14 && v != 0.0 {
        return v;
    }
    buf.clear();
    match serde_json::to_writer(&mut *buf, &v) {
        Ok(()) => serde_json::from_slice(buf).unwrap_or(v),
        Err(_) => v,
    }
}

fn reparse_value(v: &mut Value, buf: &mut Vec<u8>) {
    match v {
        Value::Number(n) if n.is_f64() => {
            buf.clear();
            if serde_json::to_writer(&mut *buf, &*n).is_ok() {
                if let Ok(x) = serde_json::from_slice::<Value>(buf) {
                    *v = x;
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| reparse_value(x, buf)),
        Value::Object(o) => o.values_mut().for_each(|x| reparse_value(x, buf)),
        _ => {}
    }
}

/// Gives `art`'s floats the values a JSON write and read gives them (see the module docs).
pub(crate) fn reparse_floats(art: &mut ArticleRecord, buf: &mut Vec<u8>) {
    for v in art.quality.values_mut() {
        *v = reparse_f64(*v, buf);
    }
    buf.clear();
    if serde_json::to_writer(&mut *buf, &art.lang_score).is_ok() {
        if let Ok(x) = serde_json::from_slice::<f32>(buf) {
            art.lang_score = x;
        }
    }
    for v in art.metadata.values_mut() {
        reparse_value(v, buf);
    }
}

/// The reject an old-style round trip made (for tests): parse the line, then `of_article`.
#[cfg(test)]
fn reject_via_parse(line: &[u8], reason: Reason, of: &str, similarity: f32) -> Vec<u8> {
    let art: ArticleRecord = serde_json::from_slice(line).expect("spooled line parses");
    let mut r = RejectRecord::of_article(&art, "dedup", reason);
    r.duplicate_of = Some(of.to_string());
    r.similarity = Some(similarity);
    serde_json::to_vec(&r).expect("serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::record::{Cut, Removed};
    use ghirbal_core::{Byline, Caption, Role, Teaser};
    use std::collections::BTreeMap;

    /// Whole numbers skip the write-read: they must come out as the round trip gives them.
    #[test]
    fn whole_numbers_reparse_to_themselves() {
        let mut buf = Vec::new();
        let mut vals: Vec<f64> = (-2000..2000).map(f64::from).collect();
        for e in 0..15 {
            let p = 10f64.powi(e);
            vals.extend([p, p - 1.0, p + 1.0, -p, 3.0 * p, 7.0 * p - 1.0]);
        }
        vals.extend([
            99_999_999_999_999.0,
            1e14,
            9_007_199_254_740_991.0,
            -0.0,
            0.0,
        ]);
        for v in vals {
            let round: f64 = serde_json::from_slice(&serde_json::to_vec(&v).unwrap()).unwrap();
            let got = reparse_f64(v, &mut buf);
            assert_eq!(got.to_bits(), round.to_bits(), "{v}");
        }
    }

    fn articles() -> Vec<ArticleRecord> {
        let mut quality = BTreeMap::new();
        quality.insert("words".into(), 120.0);
        quality.insert("dup_line_char_frac".into(), 0.123_456_789_012_345_67);
        quality.insert("x".into(), 2.0 / 3.0);
        quality.insert("tiny".into(), 1.234_567_890_123_456_7e-30);
        let mut meta = serde_json::Map::new();
        meta.insert("date".into(), Value::String("2015-01-01 \"x\"\n".into()));
        meta.insert("n".into(), serde_json::json!(7));
        meta.insert("neg".into(), serde_json::json!(-3));
        meta.insert("f".into(), serde_json::json!(0.1 + 0.2));
        meta.insert(
            "deep".into(),
            serde_json::json!({"a": [1.0e-7, {"b": 1.7976931348623157e308}], "c": null}),
        );
        let full = ArticleRecord {
            id: "http://x/?a=1&b=\"2\"/1".into(),
            source_id: "http://x/?a=1&b=\"2\"".into(),
            url: Some("http://x/?a=1".into()),
            domain: Some("x".into()),
            title: Some("عنوان \u{200f} \\ \t".into()),
            text: "عنوان \u{200f} \\ \t\n\nفقرة أولى.\n\nفقرة \"ثانية\"\u{1}\n\u{7f}</>".into(),
            body: vec!["فقرة أولى.".into(), "فقرة \"ثانية\"\u{1}\n\u{7f}</>".into()],
            captions: vec![Caption {
                text: "صورة".into(),
                credit: Some("أ.ف.ب".into()),
            }],
            byline: Some(Byline {
                author: Some("كاتب".into()),
                publisher: None,
                dateline: Some("الرياض".into()),
            }),
            date: Some("2015".into()),
            related: vec![Teaser {
                title: Some("dup".into()),
                ..Default::default()
            }],
            lang: "ar".into(),
            lang_score: 0.843_991_2,
            quality,
            dup: None,
            removed: vec![Removed {
                lines: [1, 3],
                role: Role::Boilerplate,
                reason: Reason::new("lexicon:ui"),
            }],
            cuts: vec![Cut {
                line: 2,
                text: "\"dup\":null".into(),
                reason: Reason::new("template:prefix"),
            }],
            metadata: meta,
        };
        let bare = ArticleRecord {
            id: "a/1".into(),
            source_id: "a".into(),
            url: None,
            domain: None,
            title: None,
            text: String::new(),
            body: vec![],
            captions: vec![],
            byline: None,
            date: None,
            related: vec![],
            lang: "und".into(),
            lang_score: 0.0,
            quality: BTreeMap::new(),
            dup: None,
            removed: vec![],
            cuts: vec![],
            metadata: serde_json::Map::new(),
        };
        // Text that is not the title and paragraphs joined (written without the shortcut).
        let mut odd = full.clone();
        odd.text.push(' ');
        let mut untitled = full.clone();
        untitled.title = None;
        untitled.text = untitled.body.join("\n\n");
        let mut one = bare.clone();
        one.body = vec!["\\".into()];
        one.text = "\\".into();
        vec![full, bare, odd, untitled, one]
    }

    #[test]
    fn spooled_lines_are_what_the_write_read_write_round_trip_gave() {
        let info = Some(serde_json::json!({"cluster": "c1", "size": 3, "similarity": 0.9f32}));
        for art in articles() {
            // Before: serialize to the spool, parse it back, then serialize (with `dup`) or
            // build the reject.
            let spooled = serde_json::to_vec(&art).expect("serializes");
            let mut parsed: ArticleRecord = serde_json::from_slice(&spooled).expect("parses");
            let unique = serde_json::to_vec(&parsed).expect("serializes");
            parsed.dup = info.clone();
            let canonical = serde_json::to_vec(&parsed).expect("serializes");
            let reason = Reason::new("dedup:near");
            let reject = reject_via_parse(&spooled, reason.clone(), "b/1", 0.87);

            // Now: one serialization of the reparsed article, then byte surgery.
            let mut art = art;
            let mut buf = Vec::new();
            reparse_floats(&mut art, &mut buf);
            let mut line = b"junk".to_vec();
            let spans = write_article(&mut line, &art).expect("serializes");
            let line = line.split_off(4);
            assert_eq!(spans.len, line.len());
            assert_eq!(line, serde_json::to_vec(&art).expect("serializes"));
            assert_eq!(
                String::from_utf8_lossy(&line),
                String::from_utf8_lossy(&unique)
            );
            let mut out = Vec::new();
            with_dup(&mut out, &line, &spans, &info)
                .expect("spans fit")
                .expect("serializes");
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&canonical)
            );
            out.clear();
            dedup_reject(&mut out, &line, &spans, &reason, "b/1", 0.87)
                .expect("spans fit")
                .expect("serializes");
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&reject)
            );
        }
    }

    /// Why [`reparse_floats`] exists: ratios like the quality signals do not all survive a
    /// serde_json write and read unchanged.
    #[test]
    fn some_ratios_change_in_a_json_round_trip() {
        let mut buf = Vec::new();
        let changed = (1..300u32)
            .flat_map(|a| (a + 1..300u32).map(move |b| f64::from(a) / f64::from(b)))
            .filter(|&x| reparse_f64(x, &mut buf) != x)
            .count();
        assert!(changed > 0);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// One write-read of any float is what `reparse_f64` gives, and the line written after
        /// it is the line the old write-read-write gave.
        #[test]
        fn reparsed_floats_match_the_round_trip(
            vals in proptest::collection::vec(proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO, 1..20),
            score in proptest::num::f32::NORMAL,
        ) {
            let mut art = articles().remove(0);
            art.lang_score = score;
            for (i, v) in vals.iter().enumerate() {
                art.quality.insert(format!("q{i}").into(), *v);
                art.metadata.insert(format!("m{i}"), serde_json::json!(v));
            }
            let spooled = serde_json::to_vec(&art).expect("serializes");
            // (a float serde_json cannot read back failed the old spool outright)
            let parsed: Result<ArticleRecord, _> = serde_json::from_slice(&spooled);
            proptest::prop_assume!(parsed.is_ok());
            let parsed = parsed.expect("checked");
            let want = serde_json::to_vec(&parsed).expect("serializes");
            let mut buf = Vec::new();
            reparse_floats(&mut art, &mut buf);
            let mut line = Vec::new();
            write_article(&mut line, &art).expect("serializes");
            proptest::prop_assert_eq!(String::from_utf8_lossy(&line), String::from_utf8_lossy(&want));
        }
    }
    /// `escape_into` is serde_json's string escaping without the quotes.
    fn escaped_as_serde_json(s: &str) -> Result<(), String> {
        let mut got = Vec::new();
        escape_into(&mut got, s).map_err(|e| e.to_string())?;
        let want = serde_json::to_vec(s).map_err(|e| e.to_string())?;
        if got.as_slice() == &want[1..want.len() - 1] {
            Ok(())
        } else {
            Err(format!("{s:?}: {:?}", String::from_utf8_lossy(&got)))
        }
    }

    #[test]
    fn escaping_is_serde_json_s() {
        let mut cases: Vec<String> = (0u8..0x80)
            .map(|b| format!("نص {} طويل", char::from(b)))
            .collect();
        cases.extend(
            [
                "",
                "\"",
                "\\",
                "a\"b\\c\n",
                "\u{7f}\u{80}\u{2028}",
                "1234567\"",
                "12345678\u{1}",
            ]
            .map(String::from),
        );
        for c in &cases {
            escaped_as_serde_json(c).unwrap();
        }
    }

    proptest::proptest! {
        #[test]
        fn escaping_any_string_is_serde_json_s(s in "(\\PC|[\\x00-\\x20\"\\\\])*") {
            proptest::prop_assert_eq!(escaped_as_serde_json(&s), Ok(()));
        }
    }
}
