use crate::{Reason, Role};
use serde::Serialize;
use std::ops::Range;

/// One line of a page dump.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    /// 1-based line number over the input's lines (`text.split('\n')`).
    pub n: u32,
    /// Byte span of the line in [`Page::text`] (without its `\n`, with any `\r`).
    pub span: Range<usize>,
    /// Display form: original letters, trimmed, invisible controls removed, spaces collapsed.
    pub display: String,
    /// Matching form: Arabic-folded (alef/yeh/teh marbuta variants, no diacritics or tatweel,
    /// ASCII digits, folded punctuation), lowercased; used for comparisons, counting and hashing.
    pub matching: String,
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

/// A decoded page dump: the text and one [`Line`] per line.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Page {
    pub text: String,
    pub lines: Vec<Line>,
}
