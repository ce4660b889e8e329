//! One JSON object as a [`FieldMap`] reads it: the fields a record is made of held apart, every
//! other field in the metadata map.
//!
//! A JSONL line used to be parsed into a `serde_json::Value` tree (an `IndexMap` of `String` keys
//! hashed with SipHash) and the record's fields were then removed from that map again.
//! [`parse_line`] drives serde_json's own deserializer with a visitor over the top-level object
//! instead: a key the field map reads is compared with its few names (not allocated, not hashed)
//! and its value kept in a short list; every other entry goes into the metadata map as before.
//! Values are still read by serde_json as `Value`s, so errors (message and column), the recursion
//! limit and numbers are unchanged. A key given twice keeps its first position and its last value,
//! as `Map::insert` (an `IndexMap` with serde_json's `preserve_order`) does.
//!
//! The reader tries [`parse_line_fast`] first: the same visitor over the line's bytes, with the
//! text fields' strings read by serde_json as bytes (its `memchr2` search for quotes and
//! backslashes) and checked as UTF-8 here. Whenever that could answer differently (a control
//! byte in the line, a text that is not UTF-8, any parse error) it gives up, and the line is
//! read the exact way: its UTF-8 checked, then [`parse_line`].

use super::{has_control, FieldMap};
use serde::de::value::SeqAccessDeserializer;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// A JSON object's entries: the ones [`FieldMap::wanted`] names held apart, the others (the
/// metadata) in a map, both in input order.
#[derive(Debug, Default)]
pub(crate) struct Object<'f> {
    /// Fields the map may take out, in order of first appearance.
    held: Vec<Held<'f>>,
    /// Every other field, in input order.
    rest: Map<String, Value>,
}

/// A held field.
#[derive(Debug)]
struct Held<'f> {
    /// The field map's name for it.
    key: &'f str,
    /// Its position among the object's distinct keys.
    at: usize,
    /// The value; `None` once taken.
    value: Option<Value>,
}

impl<'f> Object<'f> {
    /// The object of a map's entries (a Parquet row).
    pub(crate) fn from_map(fields: &'f FieldMap, map: Map<String, Value>) -> Self {
        let mut obj = Object::default();
        for (k, v) in map {
            match fields.wanted(&k) {
                Some(name) => obj.hold(name, v),
                None => {
                    obj.rest.insert(k, v);
                }
            }
        }
        obj
    }

    /// Adds a field the map reads. Given again, it keeps its place and takes the new value.
    fn hold(&mut self, key: &'f str, value: Value) {
        match self.held.iter_mut().find(|h| h.key == key) {
            Some(h) => h.value = Some(value),
            None => {
                let at = self.rest.len() + self.held.len();
                self.held.push(Held {
                    key,
                    at,
                    value: Some(value),
                });
            }
        }
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self.held.iter().find(|h| h.key == key) {
            Some(h) => h.value.as_ref(),
            None => self.rest.get(key),
        }
    }

    /// `key` is present (perhaps `null`).
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Takes `key` out; the other fields keep their order.
    pub(crate) fn shift_remove(&mut self, key: &str) -> Option<Value> {
        match self.held.iter_mut().find(|h| h.key == key) {
            Some(h) => h.value.take(),
            None => self.rest.shift_remove(key),
        }
    }

    /// What was not taken, in input order: the record's metadata.
    pub(crate) fn into_metadata(self) -> Map<String, Value> {
        let mut meta = self.rest;
        // A held field not taken goes back to its place: after the fields before it, less those
        // taken out.
        let mut taken = 0;
        for h in self.held {
            match h.value {
                Some(v) => {
                    meta.shift_insert(h.at - taken, h.key.to_string(), v);
                }
                None => taken += 1,
            }
        }
        meta
    }
}

/// What a JSONL line holds.
#[derive(Debug)]
pub(crate) enum Parsed<'f> {
    /// A JSON object.
    Object(Object<'f>),
    /// Valid JSON that is not an object: its type name (`array`, `string`, ...).
    Other(&'static str),
}

/// Parses one JSONL line (exactly as `serde_json::from_str::<Value>` would, errors included).
pub(crate) fn parse_line<'f>(fields: &'f FieldMap, s: &str) -> serde_json::Result<Parsed<'f>> {
    let mut de = serde_json::Deserializer::from_str(s);
    let line = Line {
        fields,
        raw_text: false,
    };
    let parsed = line.deserialize(&mut de)?;
    de.end()?;
    Ok(parsed)
}

/// Parses one JSONL line as [`parse_line`] does, faster, when that gives the same answer: `None`
/// when it may not (the caller then checks the line's UTF-8 and calls [`parse_line`]).
///
/// The text is the bulk of a line. serde_json tests a string's bytes for control characters,
/// quotes and backslashes eight at a time; a string read as bytes (`deserialize_bytes`, where
/// control characters are allowed) has its quotes and backslashes found by `memchr2`. So a text
/// field's string is read as bytes (escapes expanded by serde_json) and checked as UTF-8 here,
/// and the line is read from bytes (serde_json checks the UTF-8 of every other string). The
/// answer is the same when
/// - the line has no control byte (tested first): a raw one in the text would be an error;
/// - the text is UTF-8: an escaped lone surrogate (an error) is expanded to bytes that are not;
/// - the line parses: any error (bad JSON, a text field that is neither a string nor an array,
///   which `deserialize_bytes` refuses) is left to [`parse_line`].
///
/// A line that parses here is valid UTF-8 (outside strings only ASCII parses), as the reader
/// requires before [`parse_line`].
pub(crate) fn parse_line_fast<'f>(fields: &'f FieldMap, line: &[u8]) -> Option<Parsed<'f>> {
    if has_control(line) {
        return None;
    }
    let mut de = serde_json::Deserializer::from_slice(line);
    let parsed = Line {
        fields,
        raw_text: true,
    }
    .deserialize(&mut de)
    .ok()?;
    de.end().ok()?;
    Some(parsed)
}

/// The top-level value of a line: an object is read into an [`Object`], anything else only
/// checked (read as a `Value` and dropped) and named. `raw_text`: text fields are read by
/// [`RawText`] ([`parse_line_fast`]).
struct Line<'f> {
    fields: &'f FieldMap,
    raw_text: bool,
}

impl<'de, 'f> DeserializeSeed<'de> for Line<'f> {
    type Value = Parsed<'f>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Parsed<'f>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'f> Visitor<'de> for Line<'f> {
    type Value = Parsed<'f>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Parsed<'f>, E> {
        Ok(Parsed::Other("boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Parsed<'f>, E> {
        Ok(Parsed::Other("number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Parsed<'f>, E> {
        Ok(Parsed::Other("number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Parsed<'f>, E> {
        Ok(Parsed::Other("number"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Parsed<'f>, E> {
        Ok(Parsed::Other("string"))
    }

    fn visit_unit<E>(self) -> Result<Parsed<'f>, E> {
        Ok(Parsed::Other("null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Parsed<'f>, A::Error> {
        while seq.next_element::<Value>()?.is_some() {}
        Ok(Parsed::Other("array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed<'f>, A::Error> {
        let mut obj = Object::default();
        while let Some(key) = map.next_key_seed(KeySeed(self.fields))? {
            match key {
                Key::Held(name) => {
                    let value = if self.raw_text && self.fields.text_keys().contains(&Some(name)) {
                        map.next_value_seed(RawText)?
                    } else {
                        map.next_value()?
                    };
                    obj.hold(name, value);
                }
                Key::Rest(k) => {
                    let value = map.next_value()?;
                    obj.rest.insert(k, value);
                }
            }
        }
        Ok(Parsed::Object(obj))
    }
}

/// A text field's value with its string read as bytes, then checked as UTF-8 (see
/// [`parse_line_fast`]); an array is read as `Value`s; anything else is an error.
struct RawText;

impl<'de> DeserializeSeed<'de> for RawText {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_bytes(self)
    }
}

impl<'de> Visitor<'de> for RawText {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<Value, E> {
        match simdutf8::basic::from_utf8(b) {
            Ok(s) => Ok(Value::String(s.to_owned())),
            Err(_) => Err(E::custom("a text that is not UTF-8")),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq))
    }
}

/// A top-level key: one the field map reads (by its name), or a metadata key.
enum Key<'f> {
    Held(&'f str),
    Rest(String),
}

/// Reads a key as a string (as `Value`'s own map visitor does) and sorts it.
struct KeySeed<'f>(&'f FieldMap);

impl<'de, 'f> DeserializeSeed<'de> for KeySeed<'f> {
    type Value = Key<'f>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'f>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, 'f> Visitor<'de> for KeySeed<'f> {
    type Value = Key<'f>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E>(self, s: &str) -> Result<Key<'f>, E> {
        Ok(match self.0.wanted(s) {
            Some(name) => Key::Held(name),
            None => Key::Rest(s.to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::fields::type_name;
    use crate::io::reader::{exact_jsonl_record, jsonl_record};
    use crate::io::{reasons, Out};
    use proptest::prelude::*;

    /// Field maps to read every line with: the default, and one whose names overlap the
    /// default names and each other.
    fn field_maps() -> [FieldMap; 3] {
        [
            FieldMap::default(),
            FieldMap {
                text: Some("content".into()),
                id: Some("url".into()),
                url: None,
                title: Some("text".into()),
                domain: Some("source".into()),
            },
            FieldMap {
                text: Some("body".into()),
                id: Some("doc".into()),
                url: Some("link".into()),
                title: Some("title".into()),
                domain: Some("site".into()),
            },
        ]
    }

    /// The line read by the reader (the fast path first) and the exact way, with every field
    /// map: the same items; and parsed the exact way, the same as serde_json's `Value` of the line
    /// (the same error, the same type name, or the same record when its map is read through
    /// [`Object::from_map`], the Parquet path). (The commit that brought [`Object`] also compared
    /// every line with the former reader, a `Value` parse and fields removed from its map.)
    fn check(line: &[u8]) {
        // (line 2: a BOM is read as part of the line)
        let shown = String::from_utf8_lossy(line);
        for fm in field_maps() {
            let new = format!("{:?}", jsonl_record(line, 2, "f", &fm));
            let exact = format!("{:?}", Some(exact_jsonl_record(line, 2, "f", &fm)));
            assert_eq!(new, exact, "{shown}\n{fm:?}");
            let Ok(s) = std::str::from_utf8(line) else {
                continue;
            };
            let value = serde_json::from_str::<Value>(s);
            let parsed = parse_line(&fm, s);
            let (value, parsed) = match (value, parsed) {
                (Err(a), Err(b)) => {
                    assert_eq!(a.to_string(), b.to_string(), "{shown}");
                    continue;
                }
                (Ok(Value::Object(m)), Ok(Parsed::Object(obj))) => (Object::from_map(&fm, m), obj),
                (Ok(v), Ok(Parsed::Other(name))) => {
                    assert_eq!(type_name(&v), name, "{shown}");
                    continue;
                }
                (a, b) => panic!("{shown}: {a:?} / {b:?}"),
            };
            let value = fm.record_from_object(value, || "f:1".into());
            let parsed = fm.record_from_object(parsed, || "f:1".into());
            assert_eq!(
                format!("{value:?}"),
                format!("{parsed:?}"),
                "{shown}\n{fm:?}"
            );
        }
    }

    /// Whether the fast path reads `line`.
    fn fast(line: &str) -> bool {
        parse_line_fast(&FieldMap::default(), line.as_bytes()).is_some()
    }

    #[test]
    fn fast_path_reads_plain_lines_and_leaves_the_rest() {
        assert!(fast(
            r#"{"text": "a\nb \"q\" \u0041 \ud83d\ude00", "url": "u"}"#
        ));
        assert!(fast(r#"{"text": "بلا هروب", "m": null, "title": 3}"#));
        assert!(fast(r#"{"text": ["a"], "m": {"t": "\t"}}"#));
        assert!(fast("[1]"));
        // A null text field (`deserialize_bytes` refuses it), a raw control character, an
        // escaped lone surrogate, bad JSON, bytes that are not UTF-8: the exact path.
        assert!(!fast(r#"{"text": null, "content": "c"}"#));
        assert!(!fast(r#"{"content": 1}"#));
        assert!(!fast("{\"text\": \"a\tb\"}"));
        assert!(!fast("{\"text\": \"a\"}\t"));
        assert!(!fast(r#"{"text": "\ud800"}"#));
        assert!(!fast(r#"{"text": "a\udc00b"}"#));
        assert!(!fast(r#"{"text": "a""#));
        assert!(parse_line_fast(&FieldMap::default(), b"{\"text\": \"\xff\"}").is_none());
    }

    #[test]
    fn lines_not_utf8_read_as_before() {
        for line in [
            &b"{\"text\": \"a\xffb\"}"[..],
            b"{\"text\": \"\xd8\\n\"}",
            b"{\"text\": \"\xd8\"}",
            b"{\"te\xffxt\": \"a\"}",
            b"{\"text\": \"a\", \"m\": \"\xc3\"}",
            b"{\"text\": \"a\"}\xc2\xa0",
            b"\xef\xbb\xbf{\"text\": \"a\"}",
            b"{\"text\": \"a\xef\xbb\xbf\"}",
        ] {
            check(line);
        }
    }

    #[test]
    fn tricky_lines_read_as_before() {
        let lines = [
            r#"{"text": "a\nb \"q\" \u0041 \ud83d\ude00", "id": 7, "source": " Sabq "}"#,
            // Duplicate keys: first position, last value (held and metadata keys alike).
            r#"{"a": 1, "text": "x", "b": 2, "a": 3, "text": "y", "url": 5, "url": "http://WWW.A.com/"}"#,
            r#"{"title": 1, "x": 0, "title": "  T  ", "content": null, "raw_content": "r", "text": null}"#,
            r#"{"content": null, "text": null, "m": {"k": [1, 2.5, -3, 1e5, null, true]}}"#,
            r#"{"raw_content": "r", "content": "c", "id": 12345678901234567890, "url": "  "}"#,
            r#"{"id": -1.5e3, "text": "t", "title": "", "url": "x.y/z", "source": "s"}"#,
            r#"{"text": 12, "id": "a"}"#,
            r#"{"text": [1], "url": "http://u.example/"}"#,
            r#"{"text": {"a": 1}, "id": 3}"#,
            r#"{"text": true}"#,
            r#"{"body": "x", "id": "i"}"#,
            r#"{}"#,
            r#"{"site": "EXAMPLE", "link": "http://a.example/", "body": "b", "doc": " d "}"#,
            r#"{"content": "c", "url": "http://www.Example.com/a", "text": "title?"}"#,
            "[1, 2]",
            "\"text\"",
            "12",
            "-0.5",
            "null",
            "true",
            "[1, 2",
            r#"{"text": "a""#,
            r#"{"text": "a",}"#,
            r#"{"text": "a"} x"#,
            r#"{"text": "\ud800"}"#,
            "{\"text\": \"a\tb\"}",
            r#"{"text": "a", "n": 1e999}"#,
            r#"{"text": "a", 1: 2}"#,
            r#"{"text": "\q"}"#,
            &format!("{}{}", "[".repeat(200), "]".repeat(200)),
            &format!(
                r#"{{"text": "t", "m": {}1{}}}"#,
                "[".repeat(126),
                "]".repeat(126)
            ),
            &format!(
                r#"{{"text": "t", "m": {}1{}}}"#,
                "[".repeat(127),
                "]".repeat(127)
            ),
        ];
        for line in lines {
            check(line.as_bytes());
        }
    }

    #[test]
    fn held_fields_not_taken_keep_their_place() {
        let fm = FieldMap::default();
        let line = r#"{"a": 1, "url": 5, "b": 2, "content": "c", "title": " ", "raw_content": "r", "c": 3, "id": null}"#;
        let Some(Out::Record(r)) = jsonl_record(line.as_bytes(), 1, "f", &fm) else {
            panic!("not a record");
        };
        let keys: Vec<&str> = r.metadata.keys().map(String::as_str).collect();
        assert_eq!(keys, ["a", "url", "b", "title", "raw_content", "c", "id"]);
        assert_eq!(r.text, "c");
        let Some(Out::Reject { reason, .. }) = jsonl_record(b"[1]", 1, "f", &fm) else {
            panic!("not a reject");
        };
        assert_eq!(reason, reasons::NOT_OBJECT);
    }

    #[test]
    fn duplicate_keys_keep_their_first_place_and_last_value() {
        // As serde_json's `Map::insert` (an `IndexMap`) does.
        let line = r#"{"a": 1, "text": "x", "title": "T", "b": 2, "a": 3, "text": "y", "url": 5, "url": "http://WWW.A.com/p", "title": 4}"#;
        let Some(Out::Record(r)) = jsonl_record(line.as_bytes(), 1, "f", &FieldMap::default())
        else {
            panic!("not a record");
        };
        assert_eq!(r.text, "y");
        assert_eq!(r.url.as_deref(), Some("http://WWW.A.com/p"));
        assert_eq!(r.domain.as_deref(), Some("a.com"));
        assert_eq!(r.title, None);
        let meta: Vec<(&str, &Value)> = r.metadata.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(
            meta,
            [
                ("a", &Value::from(3)),
                ("title", &Value::from(4)),
                ("b", &Value::from(2))
            ]
        );
        check(line.as_bytes());
    }

    /// A JSON string literal from pieces (escapes, spaces, Arabic, a raw tab, a lone surrogate).
    fn string_lit() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a",
            " ",
            "ب",
            "\\n",
            "\\\"",
            "\\\\",
            "\\u0041",
            "\\ud83d\\ude00",
            "\\ud800",
            "\t",
            "http://WWW.Ex.com/a",
            "Sabq",
            "\\/",
        ]);
        prop::collection::vec(piece, 0..5).prop_map(|p| format!("\"{}\"", p.concat()))
    }

    /// A JSON value's text.
    fn value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            Just("12".to_string()),
            Just("-3.5e2".to_string()),
            Just("18446744073709551616".to_string()),
            Just("1e999".to_string()),
            string_lit(),
        ];
        leaf.prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec((key(), inner), 0..3).prop_map(|v| {
                    let e: Vec<String> = v.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
                    format!("{{{}}}", e.join(","))
                }),
            ]
        })
    }

    /// A key: one of the names the field maps read (often given twice), or another.
    fn key() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "text",
            "content",
            "raw_content",
            "url",
            "title",
            "id",
            "source",
            "body",
            "doc",
            "link",
            "site",
            "m",
            "x",
        ])
        .prop_map(|k| format!("\"{k}\""))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn lines_read_as_before(
            entries in prop::collection::vec((key(), prop_oneof![2 => string_lit(), 1 => value()]), 0..8),
            top in value(),
            cut in prop::option::of(0usize..200),
            poke in prop::option::weighted(0.1, 0usize..200),
            object in prop::bool::weighted(0.9),
        ) {
            let line = if object {
                let e: Vec<String> = entries.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", e.join(", "))
            } else {
                top
            };
            // A line cut short is (mostly) bad JSON.
            let line = match cut {
                Some(n) if n < line.len() => line[..line.floor_char_boundary(n)].to_string(),
                _ => line,
            };
            // A byte that is never UTF-8, somewhere.
            let mut line = line.into_bytes();
            if let Some(at) = poke.filter(|at| *at < line.len()) {
                line[at] = 0xFF;
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                check(&line);
            }
        }
    }
}
