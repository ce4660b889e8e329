//! ghirbal-core: the small vocabulary every ghirbal stage speaks.
//!
//! - [`Role`]: what a line of a page dump is (title, body, teaser, ...).
//! - [`Reason`]: why a decision was taken, as a stable machine-readable code.
//! - [`Line`] and [`Page`]: a decoded page dump, one entry per input line, with the display and
//!   matching forms of each line.
//! - [`Article`], [`Extraction`]: what structure recovery produces (the `extract` JSON schema).
//! - [`Record`]: one input document of a corpus (a JSONL/Parquet row, a WET record, a text file).
//! - [`Decision`]: keep or drop, with the role and the reason; removals are data, not errors.
//! - [`stage`]: the small traits stages implement.
//! - [`Error`]: the crate's error type.

pub mod article;
pub mod decision;
pub mod error;
pub mod line;
pub mod reason;
pub mod record;
pub mod role;
pub mod stage;

pub use article::{Article, Byline, Caption, Extraction, LineLabel, Teaser, EXTRACTION_SCHEMA};
pub use decision::Decision;
pub use error::{Error, Result};
pub use line::{Line, Page};
pub use reason::Reason;
pub use record::Record;
pub use role::Role;
