//! Counting: whitespace normalisation, multiset precision/recall/F1 and the role confusion matrix.

use ghirbal_core::Role;
use serde::Serialize;
use std::collections::BTreeMap;

/// Whitespace normalisation used for every comparison of the scorer: the string is split on
/// whitespace (`char::is_whitespace`, which includes NBSP, tabs and `\r`) and on invisible
/// formatting controls (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF), and the pieces are
/// joined with one space. So leading/trailing space is trimmed and runs are collapsed; letters,
/// punctuation and diacritics are left as they are.
pub fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| c.is_whitespace() || is_invisible(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Precision, recall and F1 from true positive, false positive and false negative counts.
///
/// Conventions (no NaN ever): `precision = tp / (tp + fp)`, `recall = tp / (tp + fn)`,
/// `f1 = 2·tp / (2·tp + fp + fn)` (the harmonic mean of the two when both are defined). A ratio
/// whose denominator is 0 is 1.0 when the other side is empty too (nothing to find and nothing
/// predicted: perfect) and 0.0 otherwise. So an empty prediction against a non-empty gold scores
/// P = R = F1 = 0, and an empty prediction against an empty gold scores 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Items both predicted and in the gold (multiset intersection).
    pub tp: u64,
    /// Items predicted but not in the gold.
    pub fp: u64,
    /// Items in the gold but not predicted.
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// `tp / (tp + fp)`.
    pub precision: f64,
    /// `tp / (tp + fn)`.
    pub recall: f64,
    /// `2·tp / (2·tp + fp + fn)`.
    pub f1: f64,
}

impl Prf {
    /// The scores of the given counts (see the type's conventions).
    pub fn from_counts(tp: u64, fp: u64, fn_: u64) -> Prf {
        let ratio = |num: u64, den: u64, other: u64| {
            if den == 0 {
                if other == 0 {
                    1.0
                } else {
                    0.0
                }
            } else {
                num as f64 / den as f64
            }
        };
        Prf {
            tp,
            fp,
            fn_,
            precision: ratio(tp, tp + fp, fn_),
            recall: ratio(tp, tp + fn_, fp),
            f1: ratio(2 * tp, 2 * tp + fp + fn_, 0),
        }
    }

    /// Scores a predicted multiset against a gold multiset (items compared for equality; each gold
    /// item can be matched once).
    pub fn of_multisets<T: Ord>(
        pred: impl IntoIterator<Item = T>,
        gold: impl IntoIterator<Item = T>,
    ) -> Prf {
        let mut counts: BTreeMap<T, (u64, u64)> = BTreeMap::new();
        for p in pred {
            counts.entry(p).or_default().0 += 1;
        }
        for g in gold {
            counts.entry(g).or_default().1 += 1;
        }
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (p, g) in counts.into_values() {
            let m = p.min(g);
            tp += m;
            fp += p - m;
            fn_ += g - m;
        }
        Prf::from_counts(tp, fp, fn_)
    }

    /// The sum of the counts of several scores, re-scored (micro-average).
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Prf>) -> Prf {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for p in items {
            tp += p.tp;
            fp += p.fp;
            fn_ += p.fn_;
        }
        Prf::from_counts(tp, fp, fn_)
    }
}

/// Gold role × predicted role line counts. Rows and columns follow [`Role::ALL`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// The role names, in row and column order.
    pub roles: Vec<&'static str>,
    /// `counts[g][p]`: lines labelled `roles[g]` in the gold and predicted `roles[p]`.
    pub counts: Vec<Vec<u64>>,
    /// Gold-labelled lines for which the prediction gives no role (per gold role, `roles` order).
    pub unpredicted: Vec<u64>,
}

impl Confusion {
    /// An all-zero matrix.
    pub fn new() -> Confusion {
        let n = Role::ALL.len();
        Confusion {
            roles: Role::ALL.iter().map(|r| r.as_str()).collect(),
            counts: vec![vec![0; n]; n],
            unpredicted: vec![0; n],
        }
    }

    fn index(r: Role) -> usize {
        Role::ALL.iter().position(|&x| x == r).unwrap_or(0)
    }

    /// Counts one line: its gold role and its predicted role (`None`: the prediction has no label
    /// for the line).
    pub fn add(&mut self, gold: Role, pred: Option<Role>) {
        let g = Self::index(gold);
        match pred {
            Some(p) => self.counts[g][Self::index(p)] += 1,
            None => self.unpredicted[g] += 1,
        }
    }

    /// Adds another matrix's counts to this one.
    pub fn merge(&mut self, other: &Confusion) {
        for (row, orow) in self.counts.iter_mut().zip(&other.counts) {
            for (c, o) in row.iter_mut().zip(orow) {
                *c += o;
            }
        }
        for (c, o) in self.unpredicted.iter_mut().zip(&other.unpredicted) {
            *c += o;
        }
    }

    /// The count of lines labelled `gold` and predicted `pred`.
    pub fn get(&self, gold: Role, pred: Role) -> u64 {
        self.counts[Self::index(gold)][Self::index(pred)]
    }

    /// Line-level scores of one role read off the matrix (by line number, unlike the body scores
    /// of [`super::PageScore`], which compare normalised texts). Unpredicted gold lines count as
    /// false negatives.
    pub fn role_prf(&self, role: Role) -> Prf {
        let i = Self::index(role);
        let tp = self.counts[i][i];
        let row: u64 = self.counts[i].iter().sum::<u64>() + self.unpredicted[i];
        let col: u64 = self.counts.iter().map(|r| r[i]).sum();
        Prf::from_counts(tp, col - tp, row - tp)
    }

    /// The total number of counted lines.
    pub fn total(&self) -> u64 {
        self.counts.iter().flatten().sum::<u64>() + self.unpredicted.iter().sum::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_trims_and_collapses() {
        assert_eq!(normalize_ws("  a \t b\u{00A0}\u{00A0}c \r"), "a b c");
        assert_eq!(normalize_ws("\u{200F}عنوان\u{200F}  الخبر"), "عنوان الخبر");
        assert_eq!(normalize_ws(" \u{00A0} "), "");
    }

    #[test]
    fn conventions_never_give_nan() {
        let p = Prf::from_counts(0, 0, 0);
        assert_eq!((p.precision, p.recall, p.f1), (1.0, 1.0, 1.0));
        let p = Prf::from_counts(0, 0, 4);
        assert_eq!((p.precision, p.recall, p.f1), (0.0, 0.0, 0.0));
        let p = Prf::from_counts(0, 3, 0);
        assert_eq!((p.precision, p.recall, p.f1), (0.0, 0.0, 0.0));
        let p = Prf::from_counts(1, 1, 3);
        assert_eq!((p.precision, p.recall), (0.5, 0.25));
        assert!((p.f1 - 2.0 * 0.5 * 0.25 / 0.75).abs() < 1e-12);
    }

    #[test]
    fn multisets_match_each_gold_item_once() {
        let p = Prf::of_multisets(["a", "a", "b"], ["a", "c"]);
        assert_eq!((p.tp, p.fp, p.fn_), (1, 2, 1));
        let s = Prf::sum(&[p, Prf::from_counts(3, 0, 1)]);
        assert_eq!((s.tp, s.fp, s.fn_), (4, 2, 2));
    }

    #[test]
    fn confusion_counts_and_role_scores() {
        let mut c = Confusion::new();
        c.add(Role::Body, Some(Role::Body));
        c.add(Role::Body, Some(Role::Teaser));
        c.add(Role::Teaser, Some(Role::Body));
        c.add(Role::Body, None);
        let mut d = Confusion::new();
        d.merge(&c);
        d.merge(&c);
        assert_eq!(d.get(Role::Body, Role::Teaser), 2);
        assert_eq!(d.total(), 8);
        let b = c.role_prf(Role::Body);
        assert_eq!((b.tp, b.fp, b.fn_), (1, 1, 2));
    }
}
