use crate::{Reason, Role};
use serde::{Serialize, Serializer};
use std::ops::Range;
use std::sync::Arc;

/// One line of a page dump.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    /// 1-based line number over the input's lines (`text.split('\n')`).
    pub n: u32,
    /// Byte span of the line in [`Page::text`] (without its `\n`, with any `\r`).
    pub span: Range<usize>,
    /// Display form: original letters, trimmed, invisible controls removed, spaces collapsed.
    /// Shared (`Arc`) by the lines of a page that print the same text: dumps repeat menus,
    /// link lists and headlines, and a repeated line then costs no copy.
    #[serde(serialize_with = "as_str")]
    pub display: Arc<str>,
    /// Matching form: Arabic-folded (alef/yeh/teh marbuta variants, no diacritics or tatweel,
    /// ASCII digits, folded punctuation), lowercased; used for comparisons, counting and hashing.
    /// Shared like `display` (and with it, when the two are equal).
    #[serde(serialize_with = "as_str")]
    pub matching: Arc<str>,
    /// The role assigned by structure recovery (`Blank` until then for empty lines, else `Body`).
    pub role: Role,
    /// Why it got that role.
    pub reason: Reason,
    /// 1-based article the line belongs to (0: none).
    pub article: u32,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.display.is_empty()
    }
}

/// Serializes a shared string as a plain string.
fn as_str<S: Serializer>(s: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(s)
}

/// A decoded page dump: the text and one [`Line`] per line.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Page {
    pub text: String,
    pub lines: Vec<Line>,
}
