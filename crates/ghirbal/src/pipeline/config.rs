//! The `clean` configuration: one serde struct that round-trips through JSON, with named presets.

use crate::dedup::DedupParams;
use crate::filter::FilterConfig;
use crate::io::FieldMap;
use crate::survey::{SurveyConfig, TemplateConfig};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Names of the built-in pipeline presets.
pub const PIPELINE_PRESETS: [&str; 2] = ["arabic-news", "fineweb2-arb"];

/// Everything `ghirbal clean` does, as data. `ghirbal clean --print-config` prints it; `--config
/// FILE` reads it back (unknown fields are errors).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CleanConfig {
    /// The preset this configuration started from (informational).
    pub preset: String,
    /// Which input fields hold the text, id, URL, title and domain.
    #[serde(default)]
    pub fields: FieldMap,
    /// Learn per-site templates in a first pass (`false`: no survey; `--templates` still applies).
    #[serde(default = "yes")]
    pub survey: bool,
    /// Survey candidate generation.
    #[serde(default)]
    pub survey_config: SurveyConfig,
    /// Template learning thresholds.
    #[serde(default)]
    pub templates: TemplateConfig,
    /// Language and quality filters.
    pub filters: FilterConfig,
    /// Near-duplicate detection (`null`: no dedup).
    #[serde(default)]
    pub dedup: Option<DedupParams>,
    /// Records larger than this many bytes are rejected as `input:too-large`.
    #[serde(default = "default_max_record")]
    pub max_record_bytes: usize,
    /// Records per parallel batch.
    #[serde(default = "default_batch")]
    pub batch_records: usize,
    /// Format of the kept articles: `jsonl` (articles.jsonl.zst) or `parquet` (articles.parquet).
    #[serde(default)]
    pub output_format: OutputFormat,
}

/// Format of the kept-articles file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// `articles.jsonl.zst`: one JSON object per line, zstd-compressed.
    #[default]
    Jsonl,
    /// `articles.parquet`: flat columns plus the full record as JSON.
    Parquet,
}

fn yes() -> bool {
    true
}

fn default_max_record() -> usize {
    crate::io::DEFAULT_MAX_RECORD_BYTES
}

fn default_batch() -> usize {
    2048
}

impl CleanConfig {
    /// A built-in preset: `arabic-news` (calibrated on real Arabic news) or `fineweb2-arb`
    /// (FineWeb-2's Arabic filter thresholds, for comparison).
    pub fn preset(name: &str) -> Result<CleanConfig> {
        let filters = crate::filter::preset(name).ok_or_else(|| {
            Error::Config(format!(
                "unknown preset `{name}` (known: {})",
                PIPELINE_PRESETS.join(", ")
            ))
        })?;
        Ok(CleanConfig {
            preset: name.to_string(),
            fields: FieldMap::default(),
            survey: true,
            survey_config: SurveyConfig::default(),
            templates: TemplateConfig::default(),
            filters,
            dedup: Some(DedupParams::default()),
            max_record_bytes: default_max_record(),
            batch_records: default_batch(),
            output_format: OutputFormat::default(),
        })
    }

    /// Reads a configuration from JSON.
    pub fn from_json(text: &str) -> Result<CleanConfig> {
        let cfg: CleanConfig =
            serde_json::from_str(text).map_err(|e| Error::Config(format!("clean config: {e}")))?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// The configuration as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every part.
    pub fn validate(&self) -> Result<()> {
        self.filters.validate()?;
        if let Some(d) = &self.dedup {
            d.validate()?;
        }
        if self.batch_records == 0 {
            return Err(Error::Config("batch_records must be at least 1".into()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_round_trip_through_json() {
        for name in PIPELINE_PRESETS {
            let cfg = CleanConfig::preset(name).expect("preset exists");
            let back = CleanConfig::from_json(&cfg.to_json()).expect("round trip");
            assert_eq!(cfg, back);
        }
        assert!(CleanConfig::preset("nope").is_err());
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let mut v: serde_json::Value = serde_json::from_str(
            &CleanConfig::preset("arabic-news")
                .expect("preset")
                .to_json(),
        )
        .expect("json");
        v["surprise"] = serde_json::json!(1);
        assert!(CleanConfig::from_json(&v.to_string()).is_err());
    }
}
