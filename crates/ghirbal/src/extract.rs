//! One page in, an [`ghirbal_core::Extraction`] out: the `ghirbal extract` path.

use crate::structure::{self, Cues};
use crate::text;
use crate::Result;
use ghirbal_core::{Extraction, LineLabel, Page, EXTRACTION_SCHEMA};

/// Extracts the articles of a page given as raw bytes (any supported encoding).
pub fn extract_bytes(bytes: &[u8], source: &str) -> Result<Extraction> {
    let decoded = text::decode(bytes, source)?;
    // The decoded text becomes the page's text as it is (no copy).
    let mut page = structure::page_from_text(decoded.text);
    Ok(extract_page(&mut page, source, &Cues::default()))
}

/// Extracts the articles of a page given as text.
pub fn extract_text(page: &str, source: &str) -> Extraction {
    let mut page = structure::page_from_text(page.to_string());
    extract_page(&mut page, source, &Cues::default())
}

/// Recovers the structure of an already built [`Page`] (its lines get their roles) and returns the
/// extraction.
pub fn extract_page(page: &mut Page, source: &str, cues: &Cues) -> Extraction {
    let (articles, publisher) = structure::recover(page, cues);
    let lines = page
        .lines
        .iter()
        .map(|l| LineLabel {
            n: l.n,
            role: l.role,
            article: l.article,
            reason: l.reason.clone(),
        })
        .collect();
    Extraction {
        schema: EXTRACTION_SCHEMA,
        source: source.to_string(),
        publisher,
        articles,
        lines,
    }
}
