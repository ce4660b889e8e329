//! One page in, an [`ghirbal_core::Extraction`] out: the `ghirbal extract` path.
//! (Provisional: every non-blank line is body until structure recovery lands.)

use crate::text;
use crate::Result;
use ghirbal_core::{Article, Extraction, LineLabel, Reason, Role, EXTRACTION_SCHEMA};

/// Extracts the articles of a page given as raw bytes (any supported encoding).
pub fn extract_bytes(bytes: &[u8], source: &str) -> Result<Extraction> {
    let decoded = text::decode(bytes, source)?;
    Ok(extract_text(&decoded.text, source))
}

/// Extracts the articles of a page given as text.
pub fn extract_text(page: &str, source: &str) -> Extraction {
    let mut lines = Vec::new();
    let mut body = Vec::new();
    for (i, l) in page.split('\n').enumerate() {
        let d = text::display_form(l);
        let (role, reason) = if d.is_empty() {
            (Role::Blank, Reason::new("blank"))
        } else {
            body.push(d);
            (Role::Body, Reason::new("body:default"))
        };
        lines.push(LineLabel { n: i as u32 + 1, role, article: 1, reason });
    }
    let n = lines.len() as u32;
    Extraction {
        schema: EXTRACTION_SCHEMA,
        source: source.to_string(),
        publisher: None,
        articles: vec![Article { body, lines: [1, n], ..Default::default() }],
        lines,
    }
}
