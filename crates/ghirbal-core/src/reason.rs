use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Why a decision was taken: a short, stable, machine-readable code such as `repeat:title`,
/// `credit:agency`, `lexicon:related-header`, `template:domain-frequency`, `quality:too-short`,
/// `lang:fa` or `dup:near`. The part before the colon is the family (the stage kind), the part after
/// it the specific cue. Codes are documented in the README; they feed `stats.json`, the rejects file,
/// `--format explain` and the report.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Reason(Cow<'static, str>);

impl Reason {
    /// A reason from a static code (no allocation).
    pub const fn new(code: &'static str) -> Self {
        Reason(Cow::Borrowed(code))
    }

    /// A reason built at run time (e.g. `lang:fa`).
    pub fn owned(code: String) -> Self {
        Reason(Cow::Owned(code))
    }

    /// The full code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The family: the part before the first `:` (the whole code if there is none).
    pub fn family(&self) -> &str {
        self.0.split(':').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&'static str> for Reason {
    fn from(s: &'static str) -> Self {
        Reason::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_is_prefix() {
        assert_eq!(Reason::new("repeat:title").family(), "repeat");
        assert_eq!(Reason::new("blank").family(), "blank");
        assert_eq!(Reason::owned("lang:fa".into()).as_str(), "lang:fa");
    }
}
