//! ghirbal: turns scraped Arabic news pages into clean, structured, deduplicated article corpora.
//!
//! The crate follows the data flow (see `ARCHITECTURE.md`):
//!
//! - [`text`]: decoding (UTF-8, windows-1256, ISO-8859-6, UTF-16) and the Arabic text model
//!   (display and matching forms, offsets back to the original).
//! - [`structure`]: structure recovery: a role and a reason for every line, then articles.
//! - [`extract`]: one page in, an [`ghirbal_core::Extraction`] out (the `ghirbal extract` path).
//! - [`eval`]: scoring extraction against gold labels (`ghirbal eval`).
//! - [`io`]: corpus readers (JSONL, Parquet, WET, text) and atomic writers.
//! - [`filter`]: language id and quality filters.
//! - [`dedup`]: exact and near-duplicate detection (MinHash-LSH) and clustering.
//! - [`pipeline`]: the `clean` pipeline that composes all stages over a corpus.
//! - [`report`]: `report.html`, a self-contained summary of a `clean` run.

pub mod dedup;
pub mod error;
pub mod eval;
pub mod extract;
pub mod filter;
pub mod io;
pub mod pipeline;
pub mod report;
pub mod structure;
pub mod survey;
pub mod text;

pub use error::{Error, Result};
pub use ghirbal_core as core;
