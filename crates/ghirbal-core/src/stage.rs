//! The small traits stages implement. A stage is one file under the engine's stage-kind module
//! (`structure/`, `filter/`, `dedup/` ...); a pipeline is a list of configured stages.

use crate::{Page, Reason, Result};
use std::collections::BTreeMap;

/// A stage that reads and annotates a [`Page`] in place (normalizers, the line classifier, the
/// article splitter).
pub trait PageStage: Send + Sync {
    /// Stable name, used in configs, stats and reasons.
    fn name(&self) -> &'static str;
    fn process(&self, page: &mut Page) -> Result<()>;
}

/// Quality/language signals computed for an article, by name (sorted, so serialization is stable).
pub type Signals = BTreeMap<&'static str, f64>;

/// What a filter looks at: one recovered article.
#[derive(Clone, Copy, Debug)]
pub struct FilterDoc<'a> {
    pub title: Option<&'a str>,
    /// Body paragraphs, display form.
    pub body: &'a [String],
    /// The site, when known.
    pub domain: Option<&'a str>,
}

/// A document filter (language id, quality rules). It records the signals it computed and returns
/// `Some(reason)` to reject.
pub trait Filter: Send + Sync {
    fn name(&self) -> &'static str;
    fn apply(&self, doc: &FilterDoc<'_>, signals: &mut Signals) -> Option<Reason>;
}
