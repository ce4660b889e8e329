use crate::{Reason, Role};
use serde::{Deserialize, Serialize};

/// Version of the `extract` JSON schema. Bump on any incompatible change.
pub const EXTRACTION_SCHEMA: u32 = 1;

/// A photo/video caption and its agency credit (e.g. `أ.ف.ب`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    pub text: String,
    pub credit: Option<String>,
}

/// Who wrote or sent an article and from where.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Byline {
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub dateline: Option<String>,
}

impl Byline {
    pub fn is_empty(&self) -> bool {
        self.author.is_none() && self.publisher.is_none() && self.dateline.is_none()
    }
}

/// A teaser pointing to another article (a related/most-read item).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Teaser {
    pub title: Option<String>,
    pub section: Option<String>,
    pub image_caption: Option<Caption>,
    pub summary: Option<String>,
    pub byline: Option<Byline>,
}

/// One article recovered from a page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<Byline>,
    pub date: Option<String>,
    pub captions: Vec<Caption>,
    pub body: Vec<String>,
    pub related: Vec<Teaser>,
    /// `[first, last]`: 1-based line numbers of the title (or first line) and the last body line.
    pub lines: [u32; 2],
}

/// The role of one input line in the `extract` output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineLabel {
    pub n: u32,
    pub role: Role,
    /// 1-based article index, 0 when the line belongs to no article.
    pub article: u32,
    pub reason: Reason,
}

/// The result of structure recovery on one page (the `ghirbal extract --format json` schema).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub schema: u32,
    pub source: String,
    pub publisher: Option<String>,
    pub articles: Vec<Article>,
    pub lines: Vec<LineLabel>,
}
