//! Common Crawl WET files: WARC records; `conversion` records are documents.

use super::lines::{read_block, read_line, skip_bytes, stream_error_reason, LineRead};
use super::{raw_excerpt, reasons, url_host, Out};
use ghirbal_core::Record;
use serde_json::{Map, Value};
use std::io::BufRead;

/// The longest WARC header line accepted.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// The most header lines of one WARC record.
const MAX_HEADERS: usize = 1000;

/// What the WET reader found next.
pub(crate) enum WetNext {
    /// A record or a reject.
    Out(Out),
    /// A WARC record that is not a document (`warcinfo`, ...), with its type.
    Skipped(String),
    /// The end of the file.
    End,
}

/// A streaming WET parser over a (decompressed) stream.
pub(crate) struct WetReader {
    r: Box<dyn BufRead + Send>,
    name: String,
    max_record: usize,
    /// Lines read so far (1-based number of the last line read).
    line_no: u64,
    buf: Vec<u8>,
    /// A `WARC/` version line found while resynchronising, at this line number.
    pending_header: Option<u64>,
    done: bool,
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

impl WetReader {
    pub(crate) fn new(r: Box<dyn BufRead + Send>, name: String, max_record: usize) -> Self {
        WetReader {
            r,
            name,
            max_record,
            line_no: 0,
            buf: Vec::new(),
            pending_header: None,
            done: false,
        }
    }

    /// A reject for a stream error; the file ends here.
    fn stream_error(&mut self, line: u64, e: std::io::Error, partial: &[u8]) -> WetNext {
        self.done = true;
        let out = Out::reject(
            Some(line),
            stream_error_reason(&e),
            format!("stream ends early or is corrupt: {e}"),
        );
        WetNext::Out(if partial.is_empty() {
            out
        } else {
            out.with_raw(partial)
        })
    }

    /// Skips lines up to the next `WARC/` version line; returns a `bad-warc` reject for what was
    /// skipped (the bad record starting at `line`).
    fn resync(&mut self, line: u64, what: String) -> WetNext {
        let raw = raw_excerpt(&self.buf);
        let mut skipped = 0u64;
        let mut tail = String::new();
        loop {
            match read_line(&mut *self.r, &mut self.buf, MAX_HEADER_LINE) {
                LineRead::Line => {
                    self.line_no += 1;
                    if self.buf.starts_with(b"WARC/") {
                        self.pending_header = Some(self.line_no);
                        break;
                    }
                    skipped += 1;
                }
                LineRead::TooLarge { .. } => {
                    self.line_no += 1;
                    skipped += 1;
                }
                LineRead::Eof => {
                    self.done = true;
                    break;
                }
                LineRead::Error(e) => {
                    self.done = true;
                    tail = format!("; then the stream ends early or is corrupt: {e}");
                    break;
                }
            }
        }
        let mut out = Out::reject(
            Some(line),
            reasons::BAD_WARC,
            format!("{what} (skipped {skipped} more lines up to the next WARC record){tail}"),
        );
        if let Out::Reject { raw: r, .. } = &mut out {
            *r = Some(raw);
        }
        WetNext::Out(out)
    }

    pub(crate) fn next(&mut self) -> WetNext {
        if self.done {
            return WetNext::End;
        }
        // 1. The `WARC/1.x` version line.
        let start = match self.pending_header.take() {
            Some(l) => l,
            None => loop {
                match read_line(&mut *self.r, &mut self.buf, MAX_HEADER_LINE) {
                    LineRead::Eof => {
                        self.done = true;
                        return WetNext::End;
                    }
                    LineRead::Error(e) => {
                        let partial = std::mem::take(&mut self.buf);
                        return self.stream_error(self.line_no + 1, e, &partial);
                    }
                    LineRead::TooLarge { .. } => {
                        self.line_no += 1;
                        return self.resync(
                            self.line_no,
                            "an over-long line where a WARC record should start".into(),
                        );
                    }
                    LineRead::Line => {
                        self.line_no += 1;
                        if trim_cr(&self.buf).iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        if self.buf.starts_with(b"WARC/") {
                            break self.line_no;
                        }
                        return self.resync(self.line_no, "not a WARC record header".into());
                    }
                }
            },
        };
        // 2. Header lines up to a blank line.
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match read_line(&mut *self.r, &mut self.buf, MAX_HEADER_LINE) {
                LineRead::Eof => {
                    self.done = true;
                    return WetNext::Out(Out::reject(
                        Some(start),
                        reasons::TRUNCATED,
                        "the file ends inside a WARC header",
                    ));
                }
                LineRead::Error(e) => {
                    let partial = std::mem::take(&mut self.buf);
                    return self.stream_error(start, e, &partial);
                }
                LineRead::TooLarge { len } => {
                    self.line_no += 1;
                    return self.resync(start, format!("a WARC header line of {len} bytes"));
                }
                LineRead::Line => {
                    self.line_no += 1;
                    let line = trim_cr(&self.buf);
                    if line.is_empty() {
                        break;
                    }
                    let text = String::from_utf8_lossy(line);
                    match text.split_once(':') {
                        Some((k, v)) if headers.len() < MAX_HEADERS => {
                            headers.push((k.trim().to_string(), v.trim().to_string()))
                        }
                        _ => {
                            return self
                                .resync(start, format!("bad WARC header line {}", self.line_no))
                        }
                    }
                }
            }
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let warc_type = header("WARC-Type").unwrap_or("").to_string();
        let record_id = header("WARC-Record-ID").map(|s| s.trim_matches(['<', '>']).to_string());
        let Some(len) = header("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            return self.resync(start, "WARC record without a valid Content-Length".into());
        };
        let is_doc = warc_type.eq_ignore_ascii_case("conversion");

        // 3. The block.
        if len > self.max_record as u64 {
            return match skip_bytes(&mut *self.r, len) {
                Ok((got, newlines)) => {
                    self.line_no += newlines;
                    if got < len {
                        self.done = true;
                        let out = Out::reject(
                            Some(start),
                            reasons::TRUNCATED,
                            format!("WARC block declares {len} bytes, the file ends after {got}"),
                        );
                        return WetNext::Out(with_id(out, record_id));
                    }
                    if is_doc {
                        let out = Out::reject(
                            Some(start),
                            reasons::TOO_LARGE,
                            format!(
                                "record of {len} bytes exceeds the {} byte limit",
                                self.max_record
                            ),
                        );
                        WetNext::Out(with_id(out, record_id))
                    } else {
                        WetNext::Skipped(warc_type)
                    }
                }
                Err(e) => self.stream_error(start, e, &[]),
            };
        }
        let mut block = Vec::new();
        match read_block(&mut *self.r, len, &mut block) {
            Ok(got) if got < len => {
                self.done = true;
                let out = Out::reject(
                    Some(start),
                    reasons::TRUNCATED,
                    format!("WARC block declares {len} bytes, the file ends after {got}"),
                )
                .with_raw(&block);
                return WetNext::Out(with_id(out, record_id));
            }
            Ok(_) => {}
            Err(e) => {
                return match self.stream_error(start, e, &block) {
                    WetNext::Out(out) => WetNext::Out(with_id(out, record_id)),
                    other => other,
                }
            }
        }
        self.line_no += memchr::memchr_iter(b'\n', &block).count() as u64;
        if !is_doc {
            return WetNext::Skipped(if warc_type.is_empty() {
                "(no WARC-Type)".into()
            } else {
                warc_type
            });
        }

        // 4. The record.
        let decoded = match crate::text::decode(&block, &format!("{}:{}", self.name, start)) {
            Ok(d) => d,
            Err(e) => {
                let reason = match e {
                    crate::Error::Binary { .. } => reasons::BINARY,
                    _ => reasons::UNDECODABLE,
                };
                let out = Out::reject(Some(start), reason, e.to_string()).with_raw(&block);
                return WetNext::Out(with_id(out, record_id));
            }
        };
        let url = header("WARC-Target-URI")
            .filter(|u| !u.is_empty())
            .map(str::to_string);
        let mut metadata = Map::new();
        for (k, v) in &headers {
            let mapped = [
                "WARC-Type",
                "WARC-Target-URI",
                "WARC-Record-ID",
                "Content-Length",
            ]
            .iter()
            .any(|m| m.eq_ignore_ascii_case(k));
            if !mapped && !metadata.contains_key(k.as_str()) {
                metadata.insert(k.clone(), Value::String(v.clone()));
            }
        }
        if decoded.encoding != "UTF-8" {
            metadata.insert(
                "encoding".into(),
                Value::String(decoded.encoding.to_string()),
            );
        }
        if decoded.replaced > 0 {
            metadata.insert("replaced_chars".into(), Value::from(decoded.replaced));
        }
        let id = record_id
            .or_else(|| url.clone())
            .unwrap_or_else(|| format!("{}:{}", self.name, start));
        WetNext::Out(Out::Record(Record {
            seq: 0,
            id,
            domain: url.as_deref().and_then(url_host),
            url,
            title: None,
            text: decoded.text,
            metadata,
        }))
    }
}

fn with_id(mut out: Out, record_id: Option<String>) -> Out {
    if let Out::Reject { id, .. } = &mut out {
        *id = record_id;
    }
    out
}
