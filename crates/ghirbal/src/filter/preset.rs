//! Filter configurations: [`FilterConfig`], the named presets and JSON config files.
//!
//! - `arabic-news` (the default): thresholds calibrated on real Saudi news (see
//!   `examples/filter_calibrate.rs`): Gopher's published thresholds for repetition, Arabic-aware
//!   punctuation, an Arabic stopword list, navigation-line and Arabic-share rules, and lower word
//!   minimums than Gopher's 50 because short news items are real articles.
//! - `fineweb2-arb`: FineWeb-2's Arabic (`arb_Arab`) filtering, as run by datatrove, to reproduce
//!   its behaviour (and its failure on scraped news: its line-punctuation check does not trim).
//!
//! Calibration on SaudiNewsNet dev (21,121 records with non-empty `content`, paragraphs split on
//! '\n'; `cargo run -p ghirbal --example filter_calibrate -- <saudinewsnet-dev.jsonl.gz>`):
//! - `arabic-news` rejects 1.59%: 1.27% are `quality:too-few-words` (contents of < 10 words: names,
//!   captions, leftovers of a failed extraction), then low-stopword-ratio 0.07% (names lists,
//!   quips, captions; a body of full sentences needs one stopword, not two, which took it from
//!   0.13%), no-terminal-punct 0.07% (free verse, short poems, lists of briefs; rhyming poems of
//!   8+ lines count as punctuated: `filter::verse`, which took it from 0.24%), dup-paragraphs
//!   0.05%, `lang:und` 0.04% (poll widgets whose script code outweighs the text), others < 0.05%
//!   (ellipsis-lines 0.03% -> 0.005% with its 4-line minimum). Of the records with at least 10
//!   words, 0.32% are rejected. Language id calls 99.95% `ar`.
//! - `fineweb2-arb` rejects 65.3% (62.3% first on `quality:no-terminal-punct`: the untrimmed
//!   line-end check; 100% of alriyadh, 98% of sabq/aljazirah).
//!
//! A config file is JSON. It may name a `preset` to start from (default `arabic-news`) and override
//! any field; unknown fields are errors:
//! `{"preset": "fineweb2-arb", "quality": {"min_punct_lines": null}}`.

use super::lang::LangConfig;
use super::quality::{PunctMode, QualityConfig};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Everything the filters need: language and quality settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct FilterConfig {
    /// Language filter settings.
    pub lang: LangConfig,
    /// Quality rules and thresholds.
    pub quality: QualityConfig,
}

/// Names of the built-in presets.
pub const PRESETS: [&str; 2] = ["arabic-news", "fineweb2-arb"];

/// A built-in preset by name (`arabic-news`, `fineweb2-arb`).
pub fn preset(name: &str) -> Option<FilterConfig> {
    match name {
        "arabic-news" => Some(FilterConfig::default()),
        "fineweb2-arb" => Some(fineweb2_arb()),
        _ => None,
    }
}

/// FineWeb-2's Arabic filtering. Sources:
/// - `[arb]`: `configs/arb_Arab.yml` in the huggingface/fineweb-2 repository (per-language
///   thresholds and stopwords);
/// - `[pipe]`: `fineweb-2-pipeline.py` there (which filters run, in which order, and the overrides:
///   `dup_para_frac=0, dup_line_char_frac=0, dup_para_char_frac=0`, `short_line_thr=999`,
///   `char_duplicates_ratio=0.1`, `min_stop_words=2`);
/// - `[dt]`: datatrove's defaults for what the pipeline does not set (GopherQualityFilter:
///   `min_doc_words=50`, `max_doc_words=100000`, `max_symbol_word_ratio=0.1`,
///   `max_bullet_lines_ratio=0.9`, `max_ellipsis_lines_ratio=0.3`).
///
/// Not reproduced exactly: the GlotLID `language_score >= 0.711` ([arb]) is a model score (this
/// preset keeps our own language id with `allowed = ["ar"]`); words are split on letters/digits
/// rather than by datatrove's Arabic word tokenizer; datatrove's `TERMINAL_PUNCTUATION` is
/// approximated by the ASCII and Arabic marks (`. ! ? , : ; " ' … ، ؛ ؝ ؞ ؟ ۔`); blank and
/// separator-only lines are not counted as duplicate lines.
fn fineweb2_arb() -> FilterConfig {
    let quality = QualityConfig {
        min_words: Some(50),      // [dt] min_doc_words
        max_words: Some(100_000), // [dt] max_doc_words
        max_nav_lines: None,      // not a FineWeb-2 rule
        nav_line_words: 3,
        max_short_lines: None,          // [pipe] short_line_thr=999 (disabled)
        short_line_chars: 30,           // [dt] short_line_length
        max_dup_line_frac: Some(0.304), // [arb] dup_line_frac
        max_dup_line_char_frac: None,   // [pipe] dup_line_char_frac=0 (disabled)
        max_dup_para_frac: None,        // [pipe] dup_para_frac=0
        max_dup_para_char_frac: None,   // [pipe] dup_para_char_frac=0
        max_top_ngram: vec![(2, 0.197), (3, 0.172), (4, 0.146)], // [arb] top_n_grams
        max_dup_ngram: vec![
            // [arb] dup_n_grams
            (5, 0.165),
            (6, 0.153),
            (7, 0.142),
            (8, 0.131),
            (9, 0.12),
            (10, 0.109),
        ],
        min_mean_word_len: Some(2.0),  // [arb] min_avg_word_length
        max_mean_word_len: Some(9.0),  // [arb] max_avg_word_length
        max_symbol_ratio: Some(0.1),   // [dt] max_symbol_word_ratio
        max_bullet_lines: Some(0.9),   // [dt] max_bullet_lines_ratio
        max_ellipsis_lines: Some(0.3), // [dt] max_ellipsis_lines_ratio
        ellipsis_min_lines: None,
        min_alpha_words: Some(0.787), // [arb] max_non_alpha_words_ratio
        // [arb] stopwords (the Arabic comma is one of them: datatrove's tokenizer makes it a token).
        stopwords: "، في من على إلى عام أن مع أو هو عن التي كان بين ما كانت هي المتحدة بعد"
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        stopword_folding: false, // datatrove matches tokens exactly
        min_stopwords: Some(2),  // [pipe] min_stop_words=2
        min_stopwords_prose: None,
        min_distinct_stopwords: None,
        min_stopword_ratio: None,
        min_punct_lines: Some(0.143), // [arb] line_punct_thr
        punct_mode: PunctMode::Raw,   // datatrove: `line.endswith(stop_chars)`, untrimmed
        prose_line_words: None,
        long_line_words: None,
        min_poem_verses: None, // FineWeb-2 rejects unpunctuated poems
        repetition_min_words: None,
        max_newline_ratio: Some(0.189), // [arb] new_line_ratio
        max_char_dup: Some(0.1),        // [pipe] char_duplicates_ratio=0.1
        min_arabic_letter_share: None,
        // [pipe] order: GopherRepetition, FineWebQuality, GopherQuality.
        order: [
            "dup-lines",
            "top-ngram",
            "dup-ngram",
            "no-terminal-punct",
            "short-lines",
            "char-dup",
            "list-ratio",
            "too-few-words",
            "too-many-words",
            "word-length",
            "symbol-ratio",
            "bullet-lines",
            "ellipsis-lines",
            "non-alpha-words",
            "low-stopword-ratio",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    };
    FilterConfig {
        lang: LangConfig::default(),
        quality,
    }
}

impl FilterConfig {
    /// Parses a JSON config: an optional `"preset"` name (default `arabic-news`) whose values the
    /// other fields override, object by object. Unknown fields and bad values are errors.
    pub fn from_json(text: &str) -> Result<FilterConfig> {
        let mut user: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::Config(format!("filter config: {e}")))?;
        let obj = user
            .as_object_mut()
            .ok_or_else(|| Error::Config("filter config: expected a JSON object".into()))?;
        let name = match obj.remove("preset") {
            None => "arabic-news".to_string(),
            Some(serde_json::Value::String(s)) => s,
            Some(other) => {
                return Err(Error::Config(format!(
                    "filter config: `preset` must be a string, got {other}"
                )))
            }
        };
        let base = preset(&name).ok_or_else(|| {
            Error::Config(format!(
                "unknown filter preset `{name}` (known: {})",
                PRESETS.join(", ")
            ))
        })?;
        let mut merged = serde_json::to_value(&base)
            .map_err(|e| Error::Config(format!("filter config: {e}")))?;
        merge(&mut merged, user);
        let cfg: FilterConfig = serde_json::from_value(merged)
            .map_err(|e| Error::Config(format!("filter config: {e}")))?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Reads a JSON config file (see [`FilterConfig::from_json`]).
    pub fn from_path(path: &std::path::Path) -> Result<FilterConfig> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        FilterConfig::from_json(&text)
            .map_err(|e| Error::Config(format!("{}: {e}", path.display())))
    }

    /// The config as pretty JSON (round-trips through [`FilterConfig::from_json`]).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks the values.
    pub fn validate(&self) -> Result<()> {
        self.quality.validate().map_err(Error::Config)?;
        if !(0.0..=1.0).contains(&self.lang.min_score) {
            return Err(Error::Config(format!(
                "lang.min_score {} out of [0, 1]",
                self.lang.min_score
            )));
        }
        Ok(())
    }
}

/// Deep-merges `over` into `base`: objects merge key by key, anything else replaces.
fn merge(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_round_trip_through_json() {
        for name in PRESETS {
            let cfg = preset(name).expect("listed preset exists");
            cfg.validate().expect("preset is valid");
            let json = cfg.to_json();
            let back: FilterConfig = serde_json::from_str(&json).expect("round trip");
            assert_eq!(back, cfg, "{name}");
        }
        assert!(preset("nope").is_none());
    }

    #[test]
    fn config_file_overrides_a_preset() {
        let cfg = FilterConfig::from_json(
            r#"{"preset": "fineweb2-arb", "quality": {"min_punct_lines": null, "min_words": 30},
                "lang": {"allowed": ["ar", "en"]}}"#,
        )
        .expect("valid config");
        assert_eq!(cfg.quality.min_punct_lines, None);
        assert_eq!(cfg.quality.min_words, Some(30));
        assert_eq!(cfg.quality.max_dup_line_frac, Some(0.304));
        assert_eq!(cfg.lang.allowed, vec!["ar".to_string(), "en".to_string()]);
        let d = FilterConfig::from_json("{}").expect("empty config is the default");
        assert_eq!(d, FilterConfig::default());
    }

    #[test]
    fn config_from_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("filters.json");
        std::fs::write(&p, r#"{"preset": "fineweb2-arb"}"#).expect("write");
        assert_eq!(
            FilterConfig::from_path(&p).expect("valid"),
            preset("fineweb2-arb").expect("preset")
        );
        assert!(FilterConfig::from_path(&dir.path().join("missing.json")).is_err());
    }

    #[test]
    fn config_errors() {
        assert!(FilterConfig::from_json(r#"{"quality": {"min_wordz": 3}}"#).is_err());
        assert!(FilterConfig::from_json(r#"{"preset": "nope"}"#).is_err());
        assert!(FilterConfig::from_json(r#"{"preset": 3}"#).is_err());
        assert!(FilterConfig::from_json("[]").is_err());
        assert!(FilterConfig::from_json(r#"{"quality": {"max_top_ngram": [[12, 0.1]]}}"#).is_err());
        assert!(FilterConfig::from_json(r#"{"lang": {"min_score": 2.0}}"#).is_err());
    }
}
