use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The role a line plays on a page. The vocabulary is fixed and documented in `LABELING.md`
/// (shared/) and the README; it is what `--format explain`, `stats.json` and the eval scorer use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The article's headline (first occurrence).
    Title,
    /// A photo/video caption of the article, with or without an agency credit.
    Caption,
    /// Running text of the article.
    Body,
    /// Author, publisher, dateline or agency sign-off.
    Byline,
    /// The article's own publication/update date or time.
    Date,
    /// A line of a block that points to other articles (related, most read, latest).
    Teaser,
    /// Everything else the site prints around articles.
    Boilerplate,
    /// A line repeating one already used above (headline or caption printed again).
    Repeat,
    /// An empty or whitespace-only line.
    Blank,
}

impl Role {
    /// All roles, in a stable order (used for confusion matrices and stats).
    pub const ALL: [Role; 9] = [
        Role::Title,
        Role::Caption,
        Role::Body,
        Role::Byline,
        Role::Date,
        Role::Teaser,
        Role::Boilerplate,
        Role::Repeat,
        Role::Blank,
    ];

    /// The stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Caption => "caption",
            Role::Body => "body",
            Role::Byline => "byline",
            Role::Date => "date",
            Role::Teaser => "teaser",
            Role::Boilerplate => "boilerplate",
            Role::Repeat => "repeat",
            Role::Blank => "blank",
        }
    }

    /// Maps the finer labels used in the seed's `labels.tsv` (e.g. `title_repeat`, `teaser_summary`,
    /// `ui`, `related_header`) onto the role vocabulary. Unknown labels give `None`.
    pub fn from_label(label: &str) -> Option<Role> {
        let l = label.trim();
        if let Ok(r) = l.parse() {
            return Some(r);
        }
        Some(match l {
            "title_repeat" | "caption_repeat" => Role::Repeat,
            "ui" | "related_header" => Role::Boilerplate,
            _ if l.starts_with("teaser_") => Role::Teaser,
            _ => return None,
        })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| crate::Error::UnknownRole(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_labels_map_onto_roles() {
        assert_eq!(Role::from_label("title_repeat"), Some(Role::Repeat));
        assert_eq!(Role::from_label("caption_repeat"), Some(Role::Repeat));
        assert_eq!(Role::from_label("ui"), Some(Role::Boilerplate));
        assert_eq!(Role::from_label("related_header"), Some(Role::Boilerplate));
        assert_eq!(Role::from_label("teaser_summary"), Some(Role::Teaser));
        assert_eq!(Role::from_label("body"), Some(Role::Body));
        assert_eq!(Role::from_label("nonsense"), None);
    }

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().ok(), Some(r));
            let j = serde_json::to_string(&r).unwrap_or_default();
            assert_eq!(j, format!("\"{}\"", r.as_str()));
        }
    }
}
