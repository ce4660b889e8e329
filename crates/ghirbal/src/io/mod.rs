//! Corpus readers (JSONL[.gz|.zst], Parquet, WET, text files, stdin) and atomic writers.
//!
//! Reading: [`expand_inputs`] turns command-line specs (files, directories, globs, `-`) into an
//! ordered list of [`InputSource`]s; a [`Reader`] streams them as [`Item`]s. Every physical input
//! record yields exactly one item: a [`ghirbal_core::Record`], or an [`InputReject`] with a
//! [`Reason`] (`input:bad-json`, `input:truncated`, ...) naming the file and line. Items carry a
//! sequence number that is consecutive over all inputs, so output order never depends on threads.
//!
//! What is *not* an item (and is counted in [`ReaderStats`] instead): blank lines of a JSONL file,
//! empty (0-byte) files, and WARC records that are not documents (`warcinfo`, `request`, ...).
//!
//! Writing: [`AtomicFile`] (temp file + fsync + rename on commit), [`JsonlWriter`] (one JSON value
//! per line, zstd/gzip by extension) and [`write_json_atomic`]. A run killed midway leaves only
//! `*.tmp-<pid>` files, never a file under its final name.

mod fields;
mod inputs;
mod lines;
mod object;
mod parquet_rows;
mod reader;
mod wet;
mod writer;

pub use fields::{url_host, FieldMap, DEFAULT_TEXT_FIELDS};
pub use inputs::{classify_path, expand_inputs, Compression, Format, InputSource, Location};
pub use reader::{Reader, ReaderOptions, ReaderStats, DEFAULT_MAX_RECORD_BYTES};
pub use writer::{write_json_atomic, AtomicFile, JsonlWriter, JsonlZstWriter, ZSTD_LEVEL};

use ghirbal_core::{Reason, Record};
use serde::{Deserialize, Serialize};

/// Stable reason codes of input rejects (family `input`).
pub mod reasons {
    use ghirbal_core::Reason;

    /// A JSONL line that is not valid JSON.
    pub const BAD_JSON: Reason = Reason::new("input:bad-json");
    /// A JSONL line that is valid JSON but not an object.
    pub const NOT_OBJECT: Reason = Reason::new("input:not-object");
    /// The text field holds a number, an object, an array or a boolean.
    pub const TEXT_NOT_STRING: Reason = Reason::new("input:text-not-string");
    /// The record has none of the text fields.
    pub const NO_TEXT_FIELD: Reason = Reason::new("input:no-text-field");
    /// A JSONL line (or a Parquet string) with bytes that are not UTF-8.
    pub const INVALID_UTF8: Reason = Reason::new("input:invalid-utf8");
    /// A text page or WET block that looks like binary data.
    pub const BINARY: Reason = Reason::new("input:binary");
    /// A text page or WET block whose encoding could not be decoded.
    pub const UNDECODABLE: Reason = Reason::new("input:undecodable");
    /// A compressed stream (or a WARC block) that ends early; the partial tail is this reject.
    pub const TRUNCATED: Reason = Reason::new("input:truncated");
    /// A corrupt compressed stream, an unreadable Parquet file or a read error mid-file.
    pub const CORRUPT: Reason = Reason::new("input:corrupt");
    /// A record larger than [`ReaderOptions::max_record_bytes`](super::ReaderOptions).
    pub const TOO_LARGE: Reason = Reason::new("input:too-large");
    /// Bytes in a WET file that are not a well-formed WARC record.
    pub const BAD_WARC: Reason = Reason::new("input:bad-warc");
}

/// The most bytes of an offending input kept in [`InputReject::raw`].
pub const MAX_RAW_BYTES: usize = 4096;

/// An input record that could not become a [`Record`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputReject {
    /// Position in the input stream (shared numbering with [`Record::seq`]).
    pub seq: u64,
    /// The input file (`<stdin>` for standard input).
    pub source: String,
    /// 1-based line (JSONL, WET header line) or row (Parquet) number, when there is one.
    pub line: Option<u64>,
    /// The record's id, when it could be read.
    pub id: Option<String>,
    /// Why it was rejected (`input:*`, see [`reasons`]).
    pub reason: Reason,
    /// A human-readable explanation (parser message, sizes, ...).
    pub detail: String,
    /// The start of the offending input (at most [`MAX_RAW_BYTES`] bytes, lossily decoded).
    pub raw: Option<String>,
}

impl InputReject {
    /// `file:line` (or just `file`), for messages.
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{}", self.source, l),
            None => self.source.clone(),
        }
    }
}

/// One physical input record, read.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A record to clean (its text may be empty; the pipeline rejects that as `empty`).
    Record(Record),
    /// A record that could not be read.
    Reject(InputReject),
}

impl Item {
    /// The item's sequence number.
    pub fn seq(&self) -> u64 {
        match self {
            Item::Record(r) => r.seq,
            Item::Reject(r) => r.seq,
        }
    }

    /// Approximate size in bytes (the text, or the kept raw input), for batching.
    pub fn size(&self) -> usize {
        match self {
            Item::Record(r) => r.text.len() + r.title.as_ref().map_or(0, |t| t.len()),
            Item::Reject(r) => r.raw.as_ref().map_or(0, |t| t.len()) + r.detail.len(),
        }
    }
}

/// Whether `b` holds a byte JSON allows in no string, a control character (below 0x20). The
/// loop has no early exit, so that the compiler tests many bytes per instruction.
pub(crate) fn has_control(b: &[u8]) -> bool {
    b.iter().fold(false, |hit, &c| hit | (c < 0x20))
}

/// Lossily decodes at most [`MAX_RAW_BYTES`] of `bytes` (cut at a character boundary).
pub(crate) fn raw_excerpt(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(MAX_RAW_BYTES)];
    let s = String::from_utf8_lossy(cut);
    // A multi-byte character cut at the end shows up as one trailing U+FFFD: drop it.
    if cut.len() < bytes.len() {
        s.trim_end_matches('\u{FFFD}').to_string()
    } else {
        s.into_owned()
    }
}

/// What a format reader produces before the [`Reader`] numbers it.
#[derive(Debug)]
pub(crate) enum Out {
    Record(Record),
    Reject {
        line: Option<u64>,
        id: Option<String>,
        reason: Reason,
        detail: String,
        raw: Option<String>,
    },
}

impl Out {
    pub(crate) fn reject(line: Option<u64>, reason: Reason, detail: impl Into<String>) -> Self {
        Out::Reject {
            line,
            id: None,
            reason,
            detail: detail.into(),
            raw: None,
        }
    }

    pub(crate) fn with_raw(mut self, bytes: &[u8]) -> Self {
        if let Out::Reject { raw, .. } = &mut self {
            *raw = Some(raw_excerpt(bytes));
        }
        self
    }
}
