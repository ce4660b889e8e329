//! The streaming reader over all input sources.

use super::inputs::{Compression, Format, InputSource, Location};
use super::lines::{read_line, stream_error_reason, LineRead};
use super::object::{parse_line, parse_line_fast, Object, Parsed};
use super::parquet_rows::{check_text_utf8, row_to_object};
use super::wet::{WetNext, WetReader};
use super::{reasons, FieldMap, InputReject, Item, Out, DEFAULT_TEXT_FIELDS};
use crate::{Error, Result};
use ghirbal_core::Record;
use parquet::file::reader::SerializedFileReader;
use parquet::record::reader::RowIter;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The default limit on one record (a JSONL line, a text page, a WET block): 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 64 << 20;

const BUF_CAPACITY: usize = 256 * 1024;

/// How to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderOptions {
    /// Field mapping for JSONL and Parquet records (WET records map their WARC headers, and
    /// text pages have no fields).
    pub fields: FieldMap,
    /// Records longer than this are rejected as `input:too-large` (read past, never buffered).
    pub max_record_bytes: usize,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions {
            fields: FieldMap::default(),
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

/// Counts kept while reading (for `stats.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReaderStats {
    /// Input sources opened.
    pub files: u64,
    /// Files of 0 bytes (and an empty standard input): nothing to read.
    pub empty_files: u64,
    /// Items that are records.
    pub records: u64,
    /// Items that are rejects.
    pub rejects: u64,
    /// Blank lines of JSONL inputs (not records).
    pub blank_lines: u64,
    /// WARC records that are not documents, by `WARC-Type` (`warcinfo`, ...).
    pub skipped_warc_records: BTreeMap<String, u64>,
    /// Bytes of the input files as stored (compressed size; standard input not counted).
    pub input_bytes: u64,
    /// Bytes of record text read.
    pub text_bytes: u64,
}

enum Current {
    Jsonl {
        r: Box<dyn BufRead + Send>,
        line_no: u64,
        buf: Vec<u8>,
        done: bool,
    },
    Wet(WetReader),
    Parquet {
        rows: Option<RowIter<'static>>,
        row_no: u64,
    },
}

enum Opened {
    Stream(Current),
    One(Out),
    Nothing,
}

/// Streams [`Item`]s from a list of input sources, in order, with consecutive sequence numbers.
///
/// `Err` items are file-level problems (a file that cannot be opened); they name the file, and
/// reading goes on with the next source if the caller keeps iterating. Problems inside a file
/// (bad lines, truncated streams, corrupt Parquet) are [`InputReject`] items instead.
pub struct Reader {
    sources: Vec<InputSource>,
    next_source: usize,
    current: Option<(String, Current)>,
    opts: ReaderOptions,
    seq: u64,
    stats: ReaderStats,
    pending_err: Option<Error>,
}

/// Reads up to `n` bytes from the front of `r` and returns them with a reader that yields the
/// whole stream again.
fn peek(mut r: Box<dyn Read + Send>, n: usize) -> std::io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::with_capacity(n);
    (&mut r).take(n as u64).read_to_end(&mut head)?;
    let again: Box<dyn Read + Send> = Box::new(Cursor::new(head.clone()).chain(r));
    Ok((head, again))
}

fn sniff_compression(head: &[u8]) -> Compression {
    if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// `{` → JSONL, `WARC/` → WET, anything else → one text page. `None` for an empty stream.
fn sniff_format(head: &[u8]) -> Option<Format> {
    if head.is_empty() {
        return None;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    Some(if head.starts_with(b"{") {
        Format::Jsonl
    } else if head.starts_with(b"WARC/") {
        Format::Wet
    } else {
        Format::Text
    })
}

impl Reader {
    /// A reader over `sources` (from [`expand_inputs`](super::expand_inputs)).
    pub fn new(sources: Vec<InputSource>, opts: ReaderOptions) -> Self {
        Reader {
            sources,
            next_source: 0,
            current: None,
            opts,
            seq: 0,
            stats: ReaderStats::default(),
            pending_err: None,
        }
    }

    /// Counts so far.
    pub fn stats(&self) -> &ReaderStats {
        &self.stats
    }

    /// The sources being read.
    pub fn sources(&self) -> &[InputSource] {
        &self.sources
    }

    /// Up to `max_records` items (at least one) holding up to about `max_bytes` of text: the
    /// batch ends after the item that crosses the byte limit. An empty batch means the end of the
    /// input. A file-level error is returned on its own: items read before it come first, and the
    /// error on the next call.
    pub fn next_batch(&mut self, max_records: usize, max_bytes: usize) -> Result<Vec<Item>> {
        if let Some(e) = self.pending_err.take() {
            return Err(e);
        }
        let mut out = Vec::new();
        let mut bytes = 0usize;
        while out.len() < max_records.max(1) && bytes < max_bytes.max(1) {
            match self.next() {
                None => break,
                Some(Ok(item)) => {
                    bytes += item.size();
                    out.push(item);
                }
                Some(Err(e)) => {
                    if out.is_empty() {
                        return Err(e);
                    }
                    self.pending_err = Some(e);
                    break;
                }
            }
        }
        Ok(out)
    }

    fn emit(&mut self, source: &str, out: Out) -> Item {
        let seq = self.seq;
        self.seq += 1;
        match out {
            Out::Record(mut r) => {
                r.seq = seq;
                self.stats.records += 1;
                self.stats.text_bytes += r.text.len() as u64;
                Item::Record(r)
            }
            Out::Reject {
                line,
                id,
                reason,
                detail,
                raw,
            } => {
                self.stats.rejects += 1;
                Item::Reject(InputReject {
                    seq,
                    source: source.to_string(),
                    line,
                    id,
                    reason,
                    detail,
                    raw,
                })
            }
        }
    }

    fn open(&mut self, src: &InputSource) -> Result<Opened> {
        let name = src.name();
        let max = self.opts.max_record_bytes;
        let (raw, file_len): (Box<dyn Read + Send>, Option<u64>) = match &src.location {
            Location::Stdin => (Box::new(std::io::stdin()), None),
            Location::Path(p) => {
                let f = File::open(p).map_err(|e| Error::io(p, e))?;
                let meta = f.metadata().map_err(|e| Error::io(p, e))?;
                if meta.is_dir() {
                    return Err(Error::io(p, std::io::Error::other("is a directory")));
                }
                // Pipes and devices (`/dev/stdin`, `<(zcat ...)`) report no length.
                (Box::new(f), meta.is_file().then_some(meta.len()))
            }
        };
        self.stats.files += 1;
        if let Some(len) = file_len {
            self.stats.input_bytes += len;
            if len == 0 {
                self.stats.empty_files += 1;
                return Ok(Opened::Nothing);
            }
        }
        let io_err = |e: std::io::Error| match &src.location {
            Location::Path(p) => Error::io(p, e),
            Location::Stdin => Error::io("<stdin>", e),
        };

        // Compression.
        let (head, raw) = peek(raw, 4).map_err(io_err)?;
        if head.is_empty() {
            self.stats.empty_files += 1;
            return Ok(Opened::Nothing);
        }
        if head.starts_with(b"PAR1") && src.format == Format::Sniff {
            if let Location::Path(p) = &src.location {
                return self.open_parquet(p);
            }
            return Ok(Opened::One(Out::reject(
                None,
                reasons::CORRUPT,
                "Parquet cannot be read from standard input; pass it as a file",
            )));
        }
        if src.format == Format::Parquet {
            if let Location::Path(p) = &src.location {
                return self.open_parquet(p);
            }
        }
        // A name without a compression suffix does not rule compression out: magic bytes decide.
        let compression = match src.compression {
            Compression::Sniff | Compression::None => sniff_compression(&head),
            c => c,
        };
        let decoded: Box<dyn Read + Send> = match compression {
            // (the `bufread` decoder reads our buffer directly: `read::MultiGzDecoder` would put
            // a 32 KiB buffer of its own in front of it and copy every compressed byte again)
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(
                BufReader::with_capacity(BUF_CAPACITY, raw),
            )),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(raw).map_err(io_err)?),
            Compression::None | Compression::Sniff => raw,
        };

        // Format.
        let (format, decoded) = match src.format {
            Format::Sniff => match peek(decoded, 512) {
                Ok((head, decoded)) => match sniff_format(&head) {
                    Some(f) => (f, decoded),
                    None => {
                        self.stats.empty_files += 1;
                        return Ok(Opened::Nothing);
                    }
                },
                Err(e) => {
                    return Ok(Opened::One(Out::reject(
                        Some(1),
                        stream_error_reason(&e),
                        format!("cannot read the start of the stream: {e}"),
                    )))
                }
            },
            f => (f, decoded),
        };
        let r: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(BUF_CAPACITY, decoded));
        Ok(match format {
            Format::Jsonl => Opened::Stream(Current::Jsonl {
                r,
                line_no: 0,
                buf: Vec::new(),
                done: false,
            }),
            Format::Wet => Opened::Stream(Current::Wet(WetReader::new(r, name, max))),
            Format::Text | Format::Sniff | Format::Parquet => Opened::One(read_page(r, &name, max)),
        })
    }

    fn open_parquet(&mut self, path: &std::path::Path) -> Result<Opened> {
        let f = File::open(path).map_err(|e| Error::io(path, e))?;
        let opened = catch_unwind(AssertUnwindSafe(|| {
            SerializedFileReader::new(f).map(|r| r.into_iter())
        }));
        Ok(match opened {
            Ok(Ok(rows)) => Opened::Stream(Current::Parquet {
                rows: Some(rows),
                row_no: 0,
            }),
            Ok(Err(e)) => Opened::One(Out::reject(
                None,
                reasons::CORRUPT,
                format!("not a readable Parquet file: {e}"),
            )),
            Err(_) => Opened::One(Out::reject(
                None,
                reasons::CORRUPT,
                "not a readable Parquet file (the Parquet reader failed)",
            )),
        })
    }

    /// The next item of the current source, or `None` when it is exhausted.
    fn next_in_current(&mut self) -> Option<Out> {
        let fields = &self.opts.fields;
        let max = self.opts.max_record_bytes;
        let (name, current) = self.current.as_mut()?;
        match current {
            Current::Jsonl {
                r,
                line_no,
                buf,
                done,
            } => loop {
                if *done {
                    return None;
                }
                // A line that is whole in the reader's buffer is read there, not copied into
                // `buf` first. (`read_line` starts with the same `fill_buf`, which then reads
                // nothing more; a failed one is its error, not retried.)
                let read = match r.fill_buf() {
                    Ok(avail) => match memchr::memchr(b'\n', avail) {
                        Some(len) if len <= max => {
                            *line_no += 1;
                            let out = jsonl_record(&avail[..len], *line_no, name, fields);
                            r.consume(len + 1);
                            match out {
                                Some(out) => return Some(out),
                                None => {
                                    self.stats.blank_lines += 1;
                                    continue;
                                }
                            }
                        }
                        _ => read_line(&mut **r, buf, max),
                    },
                    Err(e) if e.kind() != std::io::ErrorKind::Interrupted => {
                        buf.clear();
                        LineRead::Error(e)
                    }
                    Err(_) => read_line(&mut **r, buf, max),
                };
                match read {
                    LineRead::Eof => {
                        *done = true;
                        return None;
                    }
                    LineRead::Error(e) => {
                        *done = true;
                        let out = Out::reject(
                            Some(*line_no + 1),
                            stream_error_reason(&e),
                            format!("stream ends early or is corrupt after line {line_no}: {e}"),
                        );
                        return Some(if buf.is_empty() {
                            out
                        } else {
                            out.with_raw(buf)
                        });
                    }
                    LineRead::TooLarge { len } => {
                        *line_no += 1;
                        let detail =
                            format!("line of {len} bytes exceeds the {max}-byte record limit");
                        return Some(
                            Out::reject(Some(*line_no), reasons::TOO_LARGE, detail).with_raw(buf),
                        );
                    }
                    LineRead::Line => {
                        *line_no += 1;
                        match jsonl_record(buf, *line_no, name, fields) {
                            Some(out) => return Some(out),
                            None => self.stats.blank_lines += 1,
                        }
                    }
                }
            },
            Current::Wet(w) => loop {
                match w.next() {
                    WetNext::Out(out) => return Some(out),
                    WetNext::Skipped(t) => {
                        *self.stats.skipped_warc_records.entry(t).or_insert(0) += 1
                    }
                    WetNext::End => return None,
                }
            },
            Current::Parquet { rows, row_no } => {
                let it = rows.as_mut()?;
                let next = catch_unwind(AssertUnwindSafe(|| it.next()));
                *row_no += 1;
                let row = match next {
                    Ok(None) => {
                        *rows = None;
                        return None;
                    }
                    Ok(Some(Ok(row))) => row,
                    Ok(Some(Err(e))) => {
                        *rows = None;
                        return Some(Out::reject(
                            Some(*row_no),
                            reasons::CORRUPT,
                            format!("cannot read Parquet row {row_no}: {e}"),
                        ));
                    }
                    Err(_) => {
                        *rows = None;
                        return Some(Out::reject(
                            Some(*row_no),
                            reasons::CORRUPT,
                            format!("cannot read Parquet row {row_no} (the Parquet reader failed)"),
                        ));
                    }
                };
                let candidates: Vec<&str> = match &fields.text {
                    Some(t) => vec![t.as_str()],
                    None => DEFAULT_TEXT_FIELDS.to_vec(),
                };
                if let Err(bad) = check_text_utf8(&row, &candidates) {
                    return Some(Out::reject(
                        Some(*row_no),
                        reasons::INVALID_UTF8,
                        format!("column `{}` is binary data that is not UTF-8", bad.column),
                    ));
                }
                let row_no = *row_no;
                Some(
                    match fields
                        .record_from_object(Object::from_map(fields, row_to_object(&row)), || {
                            format!("{name}:{row_no}")
                        }) {
                        Ok(rec) => Out::Record(rec),
                        Err(rej) => rej.at(row_no),
                    },
                )
            }
        }
    }
}

/// One JSONL line to a record or a reject; `None` for a blank line.
pub(super) fn jsonl_record(buf: &[u8], line_no: u64, name: &str, fields: &FieldMap) -> Option<Out> {
    let mut line = buf.strip_suffix(b"\r").unwrap_or(buf);
    if line_no == 1 {
        line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    }
    if line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    Some(match parse_line_fast(fields, line) {
        Some(parsed) => parsed_out(parsed, line, line_no, name, fields),
        None => exact_jsonl_record(line, line_no, name, fields),
    })
}

/// A JSONL line (not blank, without its line end and BOM) to a record or a reject, the exact
/// way: its UTF-8 checked, then parsed by [`parse_line`] ([`parse_line_fast`] answers the same
/// for the lines it reads).
pub(super) fn exact_jsonl_record(line: &[u8], line_no: u64, name: &str, fields: &FieldMap) -> Out {
    // simdutf8 checks a valid line several times faster than `std::str::from_utf8` (Arabic text
    // is all two-byte sequences, off std's ASCII fast path); std says where an invalid one fails.
    let s = match simdutf8::basic::from_utf8(line).or_else(|_| std::str::from_utf8(line)) {
        Ok(s) => s,
        Err(e) => {
            let detail = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
            return Out::reject(Some(line_no), reasons::INVALID_UTF8, detail).with_raw(line);
        }
    };
    match parse_line(fields, s) {
        Err(e) => {
            // serde_json says "... at line 1 column N": the line is always 1 here, keep the column.
            let msg = e.to_string();
            let msg = msg
                .rsplit_once(" at line ")
                .map_or(msg.as_str(), |(m, _)| m);
            let detail = format!("malformed JSON at column {}: {msg}", e.column());
            Out::reject(Some(line_no), reasons::BAD_JSON, detail).with_raw(line)
        }
        Ok(parsed) => parsed_out(parsed, line, line_no, name, fields),
    }
}

/// A parsed JSONL line to a record or a reject.
fn parsed_out(parsed: Parsed, line: &[u8], line_no: u64, name: &str, fields: &FieldMap) -> Out {
    match parsed {
        Parsed::Object(obj) => match fields.record_from_object(obj, || format!("{name}:{line_no}"))
        {
            Ok(rec) => Out::Record(rec),
            Err(rej) => rej.at(line_no).with_raw(line),
        },
        Parsed::Other(type_name) => {
            let detail = format!("a JSON {type_name}, not an object");
            Out::reject(Some(line_no), reasons::NOT_OBJECT, detail).with_raw(line)
        }
    }
}

/// A whole stream as one text page.
fn read_page(r: Box<dyn BufRead + Send>, name: &str, max: usize) -> Out {
    let mut bytes = Vec::new();
    if let Err(e) = r.take(max as u64 + 1).read_to_end(&mut bytes) {
        let out = Out::reject(
            None,
            stream_error_reason(&e),
            format!("stream ends early or is corrupt: {e}"),
        );
        return if bytes.is_empty() {
            out
        } else {
            out.with_raw(&bytes)
        };
    }
    if bytes.len() > max {
        return Out::reject(
            None,
            reasons::TOO_LARGE,
            format!("page exceeds the {max}-byte record limit"),
        )
        .with_raw(&bytes);
    }
    match crate::text::decode(&bytes, name) {
        Ok(d) => {
            let mut metadata = serde_json::Map::new();
            if d.encoding != "UTF-8" {
                metadata.insert("encoding".into(), Value::String(d.encoding.to_string()));
            }
            if d.replaced > 0 {
                metadata.insert("replaced_chars".into(), Value::from(d.replaced));
            }
            Out::Record(Record {
                seq: 0,
                id: name.to_string(),
                url: None,
                domain: None,
                title: None,
                text: d.text,
                metadata,
            })
        }
        Err(e) => {
            let reason = match e {
                Error::Binary { .. } => reasons::BINARY,
                _ => reasons::UNDECODABLE,
            };
            Out::reject(None, reason, e.to_string()).with_raw(&bytes)
        }
    }
}

impl Iterator for Reader {
    type Item = Result<Item>;

    fn next(&mut self) -> Option<Result<Item>> {
        if let Some(e) = self.pending_err.take() {
            return Some(Err(e));
        }
        loop {
            if self.current.is_none() {
                let src = self.sources.get(self.next_source)?.clone();
                self.next_source += 1;
                let name = src.name();
                match self.open(&src) {
                    Ok(Opened::Stream(c)) => self.current = Some((name, c)),
                    Ok(Opened::One(out)) => return Some(Ok(self.emit(&name, out))),
                    Ok(Opened::Nothing) => continue,
                    Err(e) => return Some(Err(e)),
                }
            }
            match self.next_in_current() {
                Some(out) => {
                    let name = self
                        .current
                        .as_ref()
                        .map(|(n, _)| n.clone())
                        .unwrap_or_default();
                    return Some(Ok(self.emit(&name, out)));
                }
                None => self.current = None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::expand_inputs;
    use std::io::Write;
    use std::path::{Path, PathBuf};

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn zst(data: &[u8]) -> Vec<u8> {
        zstd::stream::encode_all(data, 3).unwrap()
    }

    fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, data).unwrap();
        p
    }

    fn read_all(paths: &[&PathBuf], opts: ReaderOptions) -> (Vec<Item>, ReaderStats) {
        let specs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let mut r = Reader::new(expand_inputs(&specs).unwrap(), opts);
        let items: Vec<Item> = r.by_ref().map(|i| i.unwrap()).collect();
        (items, r.stats().clone())
    }

    fn rejects(items: &[Item]) -> Vec<&InputReject> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Reject(r) => Some(r),
                Item::Record(_) => None,
            })
            .collect()
    }

    fn records(items: &[Item]) -> Vec<&Record> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Record(r) => Some(r),
                Item::Reject(_) => None,
            })
            .collect()
    }

    fn assert_seq_consecutive(items: &[Item]) {
        let seqs: Vec<u64> = items.iter().map(Item::seq).collect();
        assert_eq!(seqs, (0..items.len() as u64).collect::<Vec<_>>());
    }

    /// `n` JSONL lines with ids `p0`, `p1`, ... and a few hundred bytes of text each.
    fn jsonl_lines(prefix: &str, n: usize) -> String {
        (0..n)
            .map(|i| {
                // Poorly compressible digits, so that compressed streams span many blocks.
                let noise: String = (0..60u64).map(|k| ((i as u64 * 7919 + k).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 60).to_string()).collect();
                format!("{{\"id\":\"{prefix}{i}\",\"url\":\"https://www.example.com/{i}\",\"text\":\"نص الخبر {noise}\"}}\n")
            })
            .collect()
    }

    #[test]
    fn jsonl_records_blank_lines_and_seq_across_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(
            dir.path(),
            "a.jsonl",
            b"{\"id\":\"x\",\"text\":\"one\",\"lang\":\"ar\"}\n\n  \r\n{\"text\":\"two\"}",
        );
        let b = write(
            dir.path(),
            "b.jsonl.zst",
            &zst(b"\xEF\xBB\xBF{\"content\":\"three\",\"url\":\"http://www.sabq.org/a\"}\r\n"),
        );
        let (items, stats) = read_all(&[&a, &b], ReaderOptions::default());
        assert_seq_consecutive(&items);
        let recs = records(&items);
        assert_eq!(
            recs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
            ["one", "two", "three"]
        );
        assert_eq!(recs[0].id, "x");
        assert_eq!(
            recs[0].metadata.get("lang"),
            Some(&Value::String("ar".into()))
        );
        assert_eq!(recs[1].id, format!("{}:4", a.display()));
        assert_eq!(recs[2].domain.as_deref(), Some("sabq.org"));
        assert_eq!(
            (stats.records, stats.rejects, stats.blank_lines, stats.files),
            (3, 0, 2, 2)
        );
    }

    #[test]
    fn bad_json_line_is_rejected_with_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "a.jsonl",
            b"{\"text\":\"ok\"}\n{\"text\": \"unterminated\n[1,2]\n{\"text\":\"after\"}\n",
        );
        let (items, _) = read_all(&[&p], ReaderOptions::default());
        assert_eq!(items.len(), 4);
        let rej = rejects(&items);
        assert_eq!(rej.len(), 2);
        assert_eq!(
            (rej[0].reason.as_str(), rej[0].line),
            ("input:bad-json", Some(2))
        );
        assert_eq!(rej[0].source, p.display().to_string());
        assert!(rej[0].location().ends_with("a.jsonl:2"));
        assert_eq!(rej[0].raw.as_deref(), Some("{\"text\": \"unterminated"));
        assert!(
            rej[0].detail.starts_with("malformed JSON at column 22: "),
            "{}",
            rej[0].detail
        );
        assert_eq!(
            (rej[1].reason.as_str(), rej[1].line),
            ("input:not-object", Some(3))
        );
        assert_eq!(
            records(&items).last().map(|r| r.text.as_str()),
            Some("after")
        );
    }

    fn truncated_stream_case(name: &str, compress: fn(&[u8]) -> Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let data = jsonl_lines("t", 4000);
        let full = compress(data.as_bytes());
        let cut = write(dir.path(), name, &full[..full.len() / 2]);
        let next = write(dir.path(), "z-next.jsonl", jsonl_lines("n", 3).as_bytes());
        let (items, stats) = read_all(&[&cut, &next], ReaderOptions::default());
        assert_seq_consecutive(&items);
        let rej = rejects(&items);
        assert_eq!(rej.len(), 1, "{rej:?}");
        assert_eq!(rej[0].reason, reasons::TRUNCATED, "{:?}", rej[0]);
        assert_eq!(rej[0].source, cut.display().to_string());
        let recs = records(&items);
        let from_cut = recs.iter().filter(|r| r.id.starts_with('t')).count() as u64;
        assert!(from_cut > 10 && from_cut < 4000, "{from_cut}");
        // The reject is the line after the last complete one.
        assert_eq!(rej[0].line, Some(from_cut + 1));
        // Every complete line before the cut is intact, in order.
        for (i, r) in recs.iter().take(from_cut as usize).enumerate() {
            assert_eq!(r.id, format!("t{i}"));
        }
        // The next file is read in full.
        assert_eq!(recs.iter().filter(|r| r.id.starts_with('n')).count(), 3);
        assert_eq!(stats.rejects, 1);
    }

    #[test]
    fn truncated_gzip_rejects_tail_and_continues() {
        truncated_stream_case("cut.jsonl.gz", gz);
    }

    #[test]
    fn truncated_zstd_rejects_tail_and_continues() {
        truncated_stream_case("cut.jsonl.zst", zst);
    }

    #[test]
    fn corrupt_gzip_is_a_reject() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "junk.jsonl.gz", b"this is not gzip at all\n");
        let (items, _) = read_all(&[&p], ReaderOptions::default());
        assert_eq!(items.len(), 1);
        assert_eq!(rejects(&items)[0].line, Some(1));
        assert!(rejects(&items)[0].reason.as_str().starts_with("input:"));
    }

    #[test]
    fn text_not_string_is_rejected_with_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "a.jsonl", b"{\"id\":\"n1\",\"text\":42}\n{\"id\":\"n2\",\"text\":{\"a\":1}}\n{\"id\":\"n3\",\"title\":\"t\"}\n{\"id\":\"n4\",\"text\":\"\"}\n");
        let (items, _) = read_all(&[&p], ReaderOptions::default());
        let rej = rejects(&items);
        assert_eq!(
            rej.iter().map(|r| r.reason.as_str()).collect::<Vec<_>>(),
            [
                "input:text-not-string",
                "input:text-not-string",
                "input:no-text-field"
            ]
        );
        assert_eq!(
            rej.iter().map(|r| r.line).collect::<Vec<_>>(),
            [Some(1), Some(2), Some(3)]
        );
        assert_eq!(rej[0].id.as_deref(), Some("n1"));
        assert!(rej[1].detail.contains("object"));
        // An empty text is a record (the pipeline rejects it as empty).
        assert_eq!(
            records(&items)
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["n4"]
        );
    }

    #[test]
    fn invalid_utf8_line_is_rejected_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut data = b"{\"text\":\"a\"}\n{\"text\":\"".to_vec();
        data.extend_from_slice(&[0xC7, 0xE1, 0xCE, 0xC8, 0xD1]); // windows-1256 bytes, not UTF-8
        data.extend_from_slice(b"\"}\n{\"text\":\"c\"}\n");
        let p = write(dir.path(), "a.jsonl", &data);
        let (items, _) = read_all(&[&p], ReaderOptions::default());
        assert_eq!(items.len(), 3);
        let rej = rejects(&items);
        assert_eq!(
            (rej[0].reason.as_str(), rej[0].line),
            ("input:invalid-utf8", Some(2))
        );
        assert!(rej[0].detail.contains("byte 9"), "{}", rej[0].detail);
        assert_eq!(records(&items).len(), 2);
    }

    #[test]
    fn fifty_megabyte_record_is_read_and_over_limit_is_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let big = "a".repeat(50 << 20);
        let data = format!("{{\"text\":\"small\"}}\n{{\"id\":\"big\",\"text\":\"{big}\"}}\n{{\"text\":\"after\"}}\n");
        drop(big);
        let p = write(dir.path(), "big.jsonl", data.as_bytes());
        drop(data);
        // Default limit (64 MiB): a record.
        let (items, _) = read_all(&[&p], ReaderOptions::default());
        let recs = records(&items);
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].text.len(), 50 << 20);
        // A 1 MiB limit: a reject with file and line, raw cut to 4 KiB, the next line still read.
        let opts = ReaderOptions {
            max_record_bytes: 1 << 20,
            ..ReaderOptions::default()
        };
        let (items, _) = read_all(&[&p], opts);
        assert_eq!(items.len(), 3);
        let rej = rejects(&items);
        assert_eq!(
            (rej[0].reason.as_str(), rej[0].line),
            ("input:too-large", Some(2))
        );
        assert!(
            rej[0].detail.contains(&((50usize << 20) + 22).to_string()),
            "{}",
            rej[0].detail
        );
        assert_eq!(
            rej[0].raw.as_ref().map(String::len),
            Some(crate::io::MAX_RAW_BYTES)
        );
        assert_eq!(
            records(&items).last().map(|r| r.text.as_str()),
            Some("after")
        );
    }

    #[test]
    fn empty_file_yields_nothing_without_error() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = [
            "e.jsonl",
            "e.jsonl.gz",
            "e.jsonl.zst",
            "e.parquet",
            "e.txt",
            "e.warc.wet.gz",
            "e-unknown",
        ]
        .iter()
        .map(|n| write(dir.path(), n, b""))
        .collect();
        let refs: Vec<&PathBuf> = files.iter().collect();
        let (items, stats) = read_all(&refs, ReaderOptions::default());
        assert!(items.is_empty());
        assert_eq!((stats.files, stats.empty_files), (7, 7));
        // A compressed file holding nothing is empty too.
        let g = write(dir.path(), "g.jsonl.gz", &gz(b""));
        let z = write(dir.path(), "z.jsonl.zst", &zst(b""));
        let (items, _) = read_all(&[&g, &z], ReaderOptions::default());
        assert!(items.is_empty(), "{items:?}");
    }

    #[test]
    fn windows_1256_txt_page_is_decoded() {
        let dir = tempfile::tempdir().unwrap();
        let text = "الرياض - واس\nأعلنت الوزارة اليوم عن إطلاق برنامج جديد لدعم الطلاب في جميع مناطق المملكة.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let p = write(dir.path(), "page.w3m.txt", &bytes);
        let (items, _) = read_all(&[&p], ReaderOptions::default());
        let recs = records(&items);
        assert_eq!(recs.len(), 1, "{items:?}");
        assert_eq!(recs[0].text, text);
        assert_eq!(recs[0].id, p.display().to_string());
        assert_eq!(
            recs[0].metadata.get("encoding"),
            Some(&Value::String("windows-1256".into()))
        );
    }

    #[test]
    fn utf8_txt_page_and_sniffed_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let page = write(dir.path(), "page.txt", "عنوان\n\nنص\n".as_bytes());
        // Unknown names are sniffed: gzip + JSONL, zstd + WET, plain text.
        let j = write(dir.path(), "dump1", &gz(b"{\"text\":\"j\"}\n"));
        let w = write(
            dir.path(),
            "dump2",
            &zst(b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 1\r\n\r\nw\r\n\r\n"),
        );
        let t = write(dir.path(), "dump3", b"  plain page\n");
        let (items, _) = read_all(&[&page, &j, &w, &t], ReaderOptions::default());
        let texts: Vec<&str> = records(&items).iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["عنوان\n\nنص\n", "j", "w", "  plain page\n"]);
    }

    #[test]
    fn binary_txt_is_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let junk: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let p = write(dir.path(), "junk.txt", &junk);
        let (items, _) = read_all(&[&p], ReaderOptions::default());
        let rej = rejects(&items);
        assert_eq!(rej.len(), 1, "{items:?}");
        assert_eq!(rej[0].reason, reasons::BINARY, "{:?}", rej[0]);
        assert_eq!(rej[0].line, None);
        assert_eq!(rej[0].source, p.display().to_string());
    }

    fn wet_record(kind: &str, uri: Option<&str>, id: &str, body: &str) -> String {
        let mut s = format!("WARC/1.0\r\nWARC-Type: {kind}\r\n");
        if let Some(u) = uri {
            s.push_str(&format!("WARC-Target-URI: {u}\r\n"));
        }
        s.push_str(&format!(
            "WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Identified-Content-Language: ara\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        ));
        s
    }

    #[test]
    fn wet_conversion_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut data =
            gz(wet_record("warcinfo", None, "0", "software: test\r\nformat: WET\r\n").as_bytes());
        data.extend(gz(wet_record(
            "conversion",
            Some("https://www.Alyaum.com/a/1"),
            "1",
            "خبر أول\nسطر ثان",
        )
        .as_bytes()));
        data.extend(gz(wet_record(
            "conversion",
            Some("https://sabq.org/b"),
            "2",
            "خبر ثان",
        )
        .as_bytes()));
        let p = write(dir.path(), "CC-MAIN-x.warc.wet.gz", &data);
        let (items, stats) = read_all(&[&p], ReaderOptions::default());
        assert_seq_consecutive(&items);
        let recs = records(&items);
        assert_eq!(recs.len(), 2, "{items:?}");
        assert_eq!(recs[0].id, "urn:uuid:1");
        assert_eq!(recs[0].url.as_deref(), Some("https://www.Alyaum.com/a/1"));
        assert_eq!(recs[0].domain.as_deref(), Some("alyaum.com"));
        assert_eq!(recs[0].text, "خبر أول\nسطر ثان");
        assert_eq!(
            recs[0].metadata.get("WARC-Identified-Content-Language"),
            Some(&Value::String("ara".into()))
        );
        assert!(!recs[0].metadata.contains_key("Content-Length"));
        assert_eq!(recs[1].text, "خبر ثان");
        assert_eq!(stats.skipped_warc_records.get("warcinfo"), Some(&1));
    }

    #[test]
    fn wet_truncated_block_and_garbage_are_rejects() {
        let dir = tempfile::tempdir().unwrap();
        let good = wet_record("conversion", Some("https://a.example/1"), "1", "one");
        let garbage = "this is not a warc header\nnor this\n";
        let second = wet_record("conversion", Some("https://a.example/2"), "2", "two");
        let mut cut = wet_record(
            "conversion",
            Some("https://a.example/3"),
            "3",
            "three three three",
        );
        cut.truncate(cut.len() - 10);
        let p = write(
            dir.path(),
            "x.warc.wet",
            format!("{good}{garbage}{second}{cut}").as_bytes(),
        );
        let (items, _) = read_all(&[&p], ReaderOptions::default());
        let kinds: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Record(r) => r.text.clone(),
                Item::Reject(r) => format!("{}@{:?}", r.reason, r.line),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "one",
                "input:bad-warc@Some(12)",
                "two",
                "input:truncated@Some(25)"
            ]
        );
        let rej = rejects(&items);
        assert_eq!(rej[1].id.as_deref(), Some("urn:uuid:3"));
    }

    fn write_parquet(path: &Path) {
        use parquet::data_type::{ByteArray, ByteArrayType, Int32Type};
        use parquet::file::properties::WriterProperties;
        use parquet::file::writer::SerializedFileWriter;
        use parquet::schema::parser::parse_message_type;
        use std::sync::Arc;
        let schema = Arc::new(
            parse_message_type("message doc { REQUIRED BYTE_ARRAY id (UTF8); OPTIONAL BYTE_ARRAY text (UTF8); REQUIRED BYTE_ARRAY url (UTF8); REQUIRED INT32 year; }").unwrap(),
        );
        let file = File::create(path).unwrap();
        let mut w =
            SerializedFileWriter::new(file, schema, Arc::new(WriterProperties::builder().build()))
                .unwrap();
        let mut rg = w.next_row_group().unwrap();
        let ids = [
            ByteArray::from("r1"),
            ByteArray::from("r2"),
            ByteArray::from("r3"),
        ];
        let texts = [ByteArray::from("نص أول"), ByteArray::from("نص ثالث")];
        let urls = [
            ByteArray::from("http://www.aleqt.com/1"),
            ByteArray::from("http://aawsat.com/2"),
            ByteArray::from("http://x.example/3"),
        ];
        let mut col = rg.next_column().unwrap().unwrap();
        col.typed::<ByteArrayType>()
            .write_batch(&ids, None, None)
            .unwrap();
        col.close().unwrap();
        let mut col = rg.next_column().unwrap().unwrap();
        col.typed::<ByteArrayType>()
            .write_batch(&texts, Some(&[1, 0, 1]), None)
            .unwrap();
        col.close().unwrap();
        let mut col = rg.next_column().unwrap().unwrap();
        col.typed::<ByteArrayType>()
            .write_batch(&urls, None, None)
            .unwrap();
        col.close().unwrap();
        let mut col = rg.next_column().unwrap().unwrap();
        col.typed::<Int32Type>()
            .write_batch(&[2015, 2016, 2017], None, None)
            .unwrap();
        col.close().unwrap();
        rg.close().unwrap();
        w.close().unwrap();
    }

    #[test]
    fn parquet_rows() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.parquet");
        write_parquet(&p);
        let corrupt = write(dir.path(), "u.parquet", b"PAR1 this is not really parquet");
        let (items, _) = read_all(&[&p, &corrupt], ReaderOptions::default());
        assert_seq_consecutive(&items);
        let recs = records(&items);
        assert_eq!(recs.len(), 3, "{items:?}");
        assert_eq!(
            recs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["r1", "r2", "r3"]
        );
        assert_eq!(
            recs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
            ["نص أول", "", "نص ثالث"]
        );
        assert_eq!(recs[0].domain.as_deref(), Some("aleqt.com"));
        assert_eq!(recs[0].metadata.get("year"), Some(&Value::from(2015)));
        // A corrupt Parquet file is one reject, not an error.
        let rej = rejects(&items);
        assert_eq!(rej.len(), 1);
        assert_eq!(
            (rej[0].reason.as_str(), rej[0].source.as_str()),
            ("input:corrupt", corrupt.display().to_string().as_str())
        );
    }

    #[test]
    fn reader_is_send() {
        fn send<T: Send>() {}
        send::<Reader>();
    }

    #[test]
    fn misnamed_compressed_jsonl_is_decompressed() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "plain-name.jsonl", &zst(b"{\"text\":\"z\"}\n"));
        let (items, _) = read_all(&[&p], ReaderOptions::default());
        assert_eq!(
            records(&items)
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>(),
            ["z"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn named_pipe_is_read_not_taken_for_empty() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo unavailable: skipping");
            return;
        }
        let writer_path = fifo.clone();
        let writer = std::thread::spawn(move || {
            let mut f = File::options().write(true).open(writer_path).unwrap();
            f.write_all(&gz(b"{\"text\":\"piped\"}\n")).unwrap();
        });
        let (items, stats) = read_all(&[&fifo], ReaderOptions::default());
        writer.join().unwrap();
        assert_eq!(
            records(&items)
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>(),
            ["piped"]
        );
        assert_eq!(stats.empty_files, 0);
    }

    #[test]
    fn batches_and_file_errors() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a.jsonl", jsonl_lines("a", 5).as_bytes());
        let gone = write(dir.path(), "b.jsonl", b"{\"text\":\"x\"}\n");
        let c = write(dir.path(), "c.jsonl", jsonl_lines("c", 2).as_bytes());
        let specs: Vec<String> = [&a, &gone, &c]
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let sources = expand_inputs(&specs).unwrap();
        std::fs::remove_file(&gone).unwrap();
        let mut r = Reader::new(sources, ReaderOptions::default());
        assert_eq!(r.next_batch(2, usize::MAX).unwrap().len(), 2);
        assert_eq!(r.next_batch(100, 1).unwrap().len(), 1);
        assert_eq!(r.next_batch(100, usize::MAX).unwrap().len(), 2);
        let e = r.next_batch(100, usize::MAX).unwrap_err().to_string();
        assert!(e.contains("b.jsonl"), "{e}");
        let last = r.next_batch(100, usize::MAX).unwrap();
        assert_eq!(last.iter().map(Item::seq).collect::<Vec<_>>(), [5, 6]);
        assert!(r.next_batch(100, usize::MAX).unwrap().is_empty());
    }
}
