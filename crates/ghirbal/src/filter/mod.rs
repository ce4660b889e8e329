//! Document filters: language id and Arabic-correct quality signals.
//!
//! - [`lang`]: language identification (Arabic vs other Arabic-script languages and Latin-script
//!   pages) and the language filter.
//! - [`quality`]: Gopher/FineWeb-style quality signals and rules, Arabic-aware.
//! - [`preset`]: [`FilterConfig`], the `arabic-news` and `fineweb2-arb` presets, JSON config files.
//!
//! [`Filters`] runs the configured stages over one article: every stage records its signals, and
//! the first failing rule gives the reject [`Reason`] (`lang:fa`, `quality:dup-lines`, ...).

pub mod lang;
pub mod preset;
pub mod quality;

pub use lang::{identify, LangConfig, LangFilter, LangGuess};
pub use preset::{preset, FilterConfig, PRESETS};
pub use quality::{QualityConfig, QualityFilter};

use crate::{Error, Result};
use ghirbal_core::stage::{Filter, FilterDoc, Signals};
use ghirbal_core::Reason;

/// The filter stages of a [`FilterConfig`], in order (language, then quality).
pub struct Filters {
    config: FilterConfig,
    stages: Vec<Box<dyn Filter>>,
}

impl Filters {
    /// Builds the stages; fails on an invalid configuration.
    pub fn new(config: FilterConfig) -> Result<Self> {
        config.validate()?;
        let mut stages: Vec<Box<dyn Filter>> = Vec::new();
        if config.lang.enabled {
            stages.push(Box::new(LangFilter::new(config.lang.clone())));
        }
        stages.push(Box::new(
            QualityFilter::new(config.quality.clone()).map_err(Error::Config)?,
        ));
        Ok(Filters { config, stages })
    }

    /// The filters of a named preset.
    pub fn preset(name: &str) -> Result<Self> {
        let cfg = preset(name).ok_or_else(|| {
            Error::Config(format!(
                "unknown filter preset `{name}` (known: {})",
                PRESETS.join(", ")
            ))
        })?;
        Filters::new(cfg)
    }

    /// The configuration the filters were built from.
    pub fn config(&self) -> &FilterConfig {
        &self.config
    }

    /// Runs every stage on `doc`: all signals are recorded; the reason is the first failing
    /// stage's (`None`: keep).
    pub fn apply(&self, doc: &FilterDoc<'_>) -> (Signals, Option<Reason>) {
        let mut signals = Signals::new();
        let mut reason = None;
        for stage in &self.stages {
            let r = stage.apply(doc, &mut signals);
            if reason.is_none() {
                reason = r;
            }
        }
        (signals, reason)
    }

    /// Every failing quality rule for already computed `signals` (for reports: a document may
    /// fail several rules; [`Filters::apply`] returns the first).
    pub fn quality_failures(&self, signals: &Signals) -> Vec<Reason> {
        self.config.quality.failures(signals)
    }
}
