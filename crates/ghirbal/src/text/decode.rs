//! Bytes → text. (Provisional: UTF-8 only; the full detector lands with the text model.)

use crate::{Error, Result};

/// Decoded text and what was learned while decoding it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding the input was read as (WHATWG label, e.g. `UTF-8`, `windows-1256`).
    pub encoding: &'static str,
    /// Number of malformed byte sequences replaced by U+FFFD.
    pub replaced: usize,
}

/// Decodes a page's bytes. `source_name` is used in error messages.
pub fn decode(bytes: &[u8], source_name: &str) -> Result<Decoded> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            replaced: 0,
        }),
        Err(e) => Err(Error::Decode {
            source_name: source_name.to_string(),
            detail: e.to_string(),
        }),
    }
}
