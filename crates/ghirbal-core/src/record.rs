use serde::{Deserialize, Serialize};

/// One input document of a corpus: a JSONL/Parquet row, a WET conversion record or a text file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Position in the input stream (0-based, over all input files in order); writers emit in this
    /// order, which keeps output independent of the thread count.
    pub seq: u64,
    /// The record's id (`--id-field`, else its URL, else `file:line`).
    pub id: String,
    pub url: Option<String>,
    /// The site the record comes from (`--domain-field`, else the URL's host, else `source`).
    pub domain: Option<String>,
    /// A separate title field, when the input has one (a strong cue for structure recovery).
    pub title: Option<String>,
    /// The page text.
    pub text: String,
    /// Every other input field, passed through untouched.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub metadata: serde_json::Map<String, serde_json::Value>,
}
