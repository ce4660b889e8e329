//! Mapping a JSON object (a JSONL line or a Parquet row) to a [`Record`].

use super::object::Object;
use super::{reasons, Out};
use ghirbal_core::Reason;
use ghirbal_core::Record;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The text fields tried, in order, when [`FieldMap::text`] is not set.
pub const DEFAULT_TEXT_FIELDS: [&str; 3] = ["text", "content", "raw_content"];

/// Which input fields hold the record's parts (`--text-field`, `--id-field`, ...). `None` means
/// the default:
///
/// - text: the first of `text`, `content`, `raw_content` present;
/// - id: `id` (string or number), else the URL, else `file:line`;
/// - url: `url`;
/// - title: `title`;
/// - domain: the URL's host (lower-cased, without `www.`), else the `source` field.
///
/// Fields used for these parts are taken out of the object; every other field passes through,
/// untouched and in input order, under [`Record::metadata`]. A `null` text is an empty text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldMap {
    /// The page text field.
    pub text: Option<String>,
    /// The id field.
    pub id: Option<String>,
    /// The URL field.
    pub url: Option<String>,
    /// A separate title field.
    pub title: Option<String>,
    /// The site field (when set and present, it wins over the URL's host).
    pub domain: Option<String>,
}

/// Why an object could not become a record (the reader adds the line and the raw input).
#[derive(Debug)]
pub(crate) struct FieldReject {
    pub(crate) id: Option<String>,
    pub(crate) reason: Reason,
    pub(crate) detail: String,
}

impl FieldReject {
    /// The reject at `line`.
    pub(crate) fn at(self, line: u64) -> Out {
        Out::Reject {
            line: Some(line),
            id: self.id,
            reason: self.reason,
            detail: self.detail,
            raw: None,
        }
    }
}

/// The JSON type name of a value, for messages.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Takes a non-empty (after trimming) string field out of `obj`, trimmed; other values stay.
fn take_string(obj: &mut Object, key: &str) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => {}
        _ => return None,
    }
    match obj.shift_remove(key) {
        Some(Value::String(s)) => Some(trimmed(s)),
        _ => None,
    }
}

/// `s` without leading and trailing whitespace (`s` itself when it has none).
fn trimmed(s: String) -> String {
    match s.trim() {
        t if t.len() == s.len() => s,
        t => t.to_string(),
    }
}

impl FieldMap {
    /// The URL field's name.
    fn url_key(&self) -> &str {
        self.url.as_deref().unwrap_or("url")
    }

    /// The title field's name.
    fn title_key(&self) -> &str {
        self.title.as_deref().unwrap_or("title")
    }

    /// The id field's name.
    fn id_key(&self) -> &str {
        self.id.as_deref().unwrap_or("id")
    }

    /// This map's name for `key` when the map may take that field out of an object (a text
    /// field, the URL, title, id or domain field), `None` for a field that passes through as
    /// metadata (`source` is only read).
    pub(crate) fn wanted(&self, key: &str) -> Option<&str> {
        let others = [
            Some(self.url_key()),
            Some(self.title_key()),
            Some(self.id_key()),
            self.domain.as_deref(),
        ];
        self.text_keys()
            .into_iter()
            .chain(others)
            .flatten()
            .find(|name| *name == key)
    }

    /// The names of the fields the text may be taken from.
    pub(crate) fn text_keys(&self) -> [Option<&str>; 3] {
        match &self.text {
            Some(t) => [Some(t.as_str()), None, None],
            None => DEFAULT_TEXT_FIELDS.map(Some),
        }
    }

    /// Builds a record from a JSON object. `fallback_id` is the `file:line` id used when the
    /// record has neither an id nor a URL. The record's `seq` is left at 0 (the reader sets it).
    pub(crate) fn record_from_object(
        &self,
        mut obj: Object,
        fallback_id: impl FnOnce() -> String,
    ) -> Result<Record, FieldReject> {
        // Text.
        let text_key = match &self.text {
            Some(k) => obj.contains_key(k.as_str()).then_some(k.as_str()),
            // The first default field holding a value, else the first present (a null text).
            None => DEFAULT_TEXT_FIELDS
                .iter()
                .find(|k| obj.get(k).is_some_and(|v| !v.is_null()))
                .or_else(|| DEFAULT_TEXT_FIELDS.iter().find(|k| obj.contains_key(k)))
                .copied(),
        };
        let Some(text_key) = text_key else {
            let wanted = match &self.text {
                Some(k) => format!("`{k}`"),
                None => "`text`, `content` or `raw_content`".to_string(),
            };
            return Err(self.reject_with_id(
                &obj,
                reasons::NO_TEXT_FIELD,
                format!("no {wanted} field"),
            ));
        };
        let text = match obj.get(text_key) {
            Some(Value::String(_)) | Some(Value::Null) | None => match obj.shift_remove(text_key) {
                Some(Value::String(s)) => s,
                _ => String::new(),
            },
            Some(other) => {
                let detail = format!("field `{text_key}` is a {}, not a string", type_name(other));
                return Err(self.reject_with_id(&obj, reasons::TEXT_NOT_STRING, detail));
            }
        };

        let url = take_string(&mut obj, self.url_key());
        let title = take_string(&mut obj, self.title_key());
        let id = self
            .take_id(&mut obj)
            .or_else(|| url.clone())
            .unwrap_or_else(fallback_id);

        let explicit_domain = self
            .domain
            .as_deref()
            .and_then(|k| take_string(&mut obj, k))
            .map(|d| d.to_lowercase());
        let domain = explicit_domain
            .or_else(|| url.as_deref().and_then(url_host))
            .or_else(|| match obj.get("source") {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_lowercase()),
                _ => None,
            });

        Ok(Record {
            seq: 0,
            id,
            url,
            domain,
            title,
            text,
            metadata: obj.into_metadata(),
        })
    }

    /// Takes the id (a non-empty string or a number) out of `obj`.
    fn take_id(&self, obj: &mut Object) -> Option<String> {
        let key = self.id_key();
        match obj.get(key) {
            Some(Value::Number(n)) => {
                let s = n.to_string();
                obj.shift_remove(key);
                Some(s)
            }
            _ => take_string(obj, key),
        }
    }

    /// A reject that keeps the record's id when one can be read.
    fn reject_with_id(&self, obj: &Object, reason: Reason, detail: String) -> FieldReject {
        let id = match obj.get(self.id_key()) {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => match obj.get(self.url_key()) {
                Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                _ => None,
            },
        };
        FieldReject { id, reason, detail }
    }
}

/// The host of a URL, lower-cased, without port, user info, a trailing dot or a leading `www.`
/// (`http://www.Alriyadh.com:80/x` → `alriyadh.com`). A URL without a scheme (`example.com/a`) is
/// accepted when its first segment looks like a host name. `None` when there is no host.
pub fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(i)
            if url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && i > 0 =>
        {
            &url[i + 3..]
        }
        Some(_) => return None,
        None => url.strip_prefix("//").unwrap_or(url),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split_once(']').map(|(h, _)| h)?
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let host = host.trim_end_matches('.').to_lowercase();
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || "-._:".contains(c));
    if !valid || (!url.contains("://") && !host.contains('.')) {
        return None;
    }
    let host = host
        .strip_prefix("www.")
        .filter(|h| h.contains('.'))
        .map(str::to_string)
        .unwrap_or(host);
    Some(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(fm: &FieldMap, v: Value) -> Object<'_> {
        match v {
            Value::Object(m) => Object::from_map(fm, m),
            _ => Object::default(),
        }
    }

    fn reason_of(r: FieldReject) -> String {
        r.reason.to_string()
    }

    #[test]
    fn url_hosts() {
        assert_eq!(
            url_host("http://www.Alriyadh.com/123").as_deref(),
            Some("alriyadh.com")
        );
        assert_eq!(
            url_host("https://aawsat.com:443/a?b#c").as_deref(),
            Some("aawsat.com")
        );
        assert_eq!(
            url_host("http://user:pw@www.alwatan.com.sa./x").as_deref(),
            Some("alwatan.com.sa")
        );
        assert_eq!(url_host("sabq.org/abc").as_deref(), Some("sabq.org"));
        assert_eq!(url_host("http://[::1]:8080/").as_deref(), Some("::1"));
        assert_eq!(url_host("http://www/").as_deref(), Some("www"));
        assert_eq!(url_host("not a url"), None);
        assert_eq!(url_host(""), None);
        assert_eq!(url_host("http:///path"), None);
        assert_eq!(url_host("localhost"), None);
    }

    #[test]
    fn default_mapping_and_metadata_pass_through() {
        let fm = FieldMap::default();
        let r = fm
            .record_from_object(
                obj(&fm, json!({"source": "alwatan", "url": "http://www.alwatan.com.sa/a", "title": " T ", "author": "x", "content": "body"})),
                || "f:1".into(),
            )
            .map_err(reason_of)
            .unwrap();
        assert_eq!(r.text, "body");
        assert_eq!(r.id, "http://www.alwatan.com.sa/a");
        assert_eq!(r.domain.as_deref(), Some("alwatan.com.sa"));
        assert_eq!(r.title.as_deref(), Some("T"));
        let keys: Vec<&str> = r.metadata.keys().map(String::as_str).collect();
        assert_eq!(keys, ["source", "author"]);
    }

    #[test]
    fn text_field_order_and_id_fallbacks() {
        let fm = FieldMap::default();
        let r = fm
            .record_from_object(
                obj(&fm, json!({"raw_content": "a", "content": "b", "id": 7})),
                || "f:1".into(),
            )
            .map_err(reason_of)
            .unwrap();
        assert_eq!((r.text.as_str(), r.id.as_str()), ("b", "7"));
        assert_eq!(r.metadata.keys().collect::<Vec<_>>(), ["raw_content"]);
        let r = fm
            .record_from_object(obj(&fm, json!({"text": null, "source": "Sabq"})), || {
                "f:9".into()
            })
            .map_err(reason_of)
            .unwrap();
        assert_eq!(
            (r.text.as_str(), r.id.as_str(), r.domain.as_deref()),
            ("", "f:9", Some("sabq"))
        );
        // A null default text field gives way to the next one holding a value.
        let r = fm
            .record_from_object(obj(&fm, json!({"text": null, "content": "c"})), || {
                "f:2".into()
            })
            .map_err(reason_of)
            .unwrap();
        assert_eq!(r.text, "c");
        assert_eq!(r.metadata.get("text"), Some(&Value::Null));
    }

    #[test]
    fn explicit_fields() {
        let fm = FieldMap {
            text: Some("body".into()),
            id: Some("doc".into()),
            url: Some("link".into()),
            title: Some("headline".into()),
            domain: Some("site".into()),
        };
        let r = fm
            .record_from_object(
                obj(&fm, json!({"doc": "d1", "link": "http://a.example/x", "headline": "H", "site": "Example", "body": "t", "text": "other"})),
                || "f:1".into(),
            )
            .map_err(reason_of)
            .unwrap();
        assert_eq!(r.id, "d1");
        assert_eq!(r.url.as_deref(), Some("http://a.example/x"));
        assert_eq!(r.title.as_deref(), Some("H"));
        assert_eq!(r.domain.as_deref(), Some("example"));
        assert_eq!(r.text, "t");
        assert_eq!(r.metadata.keys().collect::<Vec<_>>(), ["text"]);
        // The explicit text field is missing: no fallback to the default names.
        let e = fm
            .record_from_object(obj(&fm, json!({"text": "x"})), || "f:1".into())
            .err()
            .map(reason_of);
        assert_eq!(e.as_deref(), Some("input:no-text-field"));
    }

    #[test]
    fn text_not_string_and_missing_text() {
        let fm = FieldMap::default();
        let e = fm
            .record_from_object(obj(&fm, json!({"id": "a", "text": 12})), || "f:1".into())
            .err();
        match e {
            Some(FieldReject { reason, id, detail }) => {
                assert_eq!(reason, reasons::TEXT_NOT_STRING);
                assert_eq!(id.as_deref(), Some("a"));
                assert!(detail.contains("number"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        let e = fm
            .record_from_object(obj(&fm, json!({"body": "x"})), || "f:1".into())
            .err()
            .map(reason_of);
        assert_eq!(e.as_deref(), Some("input:no-text-field"));
    }
}
