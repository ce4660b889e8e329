//! LSH candidate pairs and their verification (phase 2's shuffle).
//!
//! For each band, the (band key, document index) pairs are sorted; documents sharing a key form a
//! group. Inside a group (ordered by document index) each document is paired with up to `window`
//! documents before it — all pairs for ordinary groups, a bounded number for the huge groups that
//! templated pages can form. Pairs whose two documents both come from a loaded index are skipped:
//! their clustering was settled when they were first seen.
//!
//! A candidate pair is verified from the compact signatures:
//!
//! * a **Jaccard edge** when its estimated Jaccard similarity `J` reaches the threshold;
//! * otherwise a **containment edge** (smaller → larger) when the estimated share of the smaller
//!   document's shingles found in the larger, `C = J·(|A|+|B|) / ((1+J)·|A|)` for `|A| ≤ |B|`
//!   (from `|A∩B| = J·|A∪B|`), reaches the containment threshold, the smaller document has at
//!   least `min_shingles` shingles and `J` is at least [`CONTAINMENT_MIN_JACCARD`] (below it the
//!   estimate is mostly noise multiplied by `|B|/|A|`). This is a copy another outlet trimmed:
//!   its Jaccard similarity to the original is only the length ratio.
//!
//! Containment edges are not unions: the caller attaches a group only to the one cluster it is
//! contained in, after checking it against that cluster's kept article (`attach_contained` in
//! the module above).
//!
//! Bands are independent (processed in parallel); edges are returned sorted and deduplicated, so
//! the result does not depend on the thread count. This is the step a distributed engine would
//! run as a group-by on band key.

use super::minhash::estimate_similarity;
use rayon::prelude::*;

/// Lowest estimated Jaccard similarity a containment edge accepts. A trimmed copy that keeps
/// 90% of its original's shingles while being 30% of its length is no longer the same article.
pub const CONTAINMENT_MIN_JACCARD: f32 = 0.3;

/// Inputs of the candidate search: flat, document-major band keys and compact signatures.
pub(crate) struct LshInput<'a> {
    pub keys: &'a [u32],
    pub bands: usize,
    pub sigs: &'a [u8],
    pub sig_bytes: usize,
    pub perms: usize,
    /// Distinct shingles per document.
    pub shingles: &'a [u32],
    /// Documents `0..prior` come from a loaded index.
    pub prior: usize,
    pub window: usize,
    pub threshold: f32,
    /// Containment threshold (0: no containment edges).
    pub containment: f32,
    pub min_shingles: usize,
}

/// Counters of one candidate search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LshCounts {
    /// Candidate pairs examined (summed over bands, so a pair can count more than once).
    pub candidates: u64,
    /// Distinct pairs that passed verification by Jaccard similarity.
    pub edges: u64,
    /// Distinct pairs that passed verification by containment only.
    pub contained: u64,
}

/// Verified candidate pairs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Edges {
    /// Jaccard edges `(u, v)`, `u < v`, sorted, each once.
    pub jaccard: Vec<(u32, u32)>,
    /// Containment edges `(smaller, larger)`, sorted, each once, none also a Jaccard edge.
    pub contained: Vec<(u32, u32)>,
}

/// Estimated share of set A's shingles (`a` of them) found in set B (`b`), from their estimated
/// Jaccard similarity `j`: `|A∩B| = j·|A∪B| = j·(a + b − |A∩B|)`, so `|A∩B| = j·(a+b)/(1+j)`.
/// 0 when A is empty; at most 1.
pub fn containment(j: f32, a: u32, b: u32) -> f32 {
    if a == 0 {
        return 0.0;
    }
    let (a, b) = (a as f32, b as f32);
    (j * (a + b) / ((1.0 + j) * a)).min(1.0)
}

/// Whether a text of `a` shingles lies in one of `b` shingles whose estimated Jaccard
/// similarity to it is `j`, for a containment edge: `min_containment` > 0 (0 turns containment
/// off), `j` at least [`CONTAINMENT_MIN_JACCARD`], at least `min_shingles` shingles in the
/// text, and an estimated [`containment`] of at least `min_containment`.
pub fn contained(j: f32, a: u32, b: u32, min_containment: f32, min_shingles: usize) -> bool {
    min_containment > 0.0
        && j >= CONTAINMENT_MIN_JACCARD
        && a as usize >= min_shingles
        && containment(j, a, b) >= min_containment
}

impl LshInput<'_> {
    fn n(&self) -> usize {
        self.keys.len().checked_div(self.bands).unwrap_or(0)
    }

    fn sig(&self, d: u32) -> &[u8] {
        let s = d as usize * self.sig_bytes;
        &self.sigs[s..s + self.sig_bytes]
    }

    /// Which edge, if any, the candidate pair `(u, v)` makes.
    fn verify(&self, u: u32, v: u32) -> Option<Edge> {
        let sim = estimate_similarity(self.sig(u), self.sig(v), self.perms);
        if sim >= self.threshold {
            return Some(Edge::Jaccard(u.min(v), u.max(v)));
        }
        let (a, b) = (self.shingles[u as usize], self.shingles[v as usize]);
        if !contained(sim, a.min(b), a.max(b), self.containment, self.min_shingles) {
            return None;
        }
        // Smaller first; equal sizes by index (then the containment is the Jaccard similarity
        // and cannot pass where the threshold failed, unless containment < threshold).
        Some(if (a, u) < (b, v) {
            Edge::Contained(u, v)
        } else {
            Edge::Contained(v, u)
        })
    }

    /// Verified edges, sorted and deduplicated.
    pub fn edges(&self) -> (Edges, LshCounts) {
        let n = self.n();
        let per_band: Vec<(Edges, u64)> = (0..self.bands)
            .into_par_iter()
            .map(|j| {
                let mut pairs: Vec<(u32, u32)> = (0..n)
                    .map(|d| (self.keys[d * self.bands + j], d as u32))
                    .collect();
                pairs.sort_unstable();
                let mut edges = Edges::default();
                let mut candidates = 0u64;
                for group in pairs.chunk_by(|x, y| x.0 == y.0) {
                    for i in 1..group.len() {
                        let v = group[i].1;
                        if (v as usize) < self.prior {
                            continue;
                        }
                        for &(_, u) in &group[i.saturating_sub(self.window)..i] {
                            candidates += 1;
                            match self.verify(u, v) {
                                Some(Edge::Jaccard(x, y)) => edges.jaccard.push((x, y)),
                                Some(Edge::Contained(x, y)) => edges.contained.push((x, y)),
                                None => {}
                            }
                        }
                    }
                }
                (edges, candidates)
            })
            .collect();
        let mut counts = LshCounts::default();
        let mut all = Edges::default();
        for (e, c) in per_band {
            counts.candidates += c;
            all.jaccard.extend(e.jaccard);
            all.contained.extend(e.contained);
        }
        all.jaccard.par_sort_unstable();
        all.jaccard.dedup();
        all.contained.par_sort_unstable();
        all.contained.dedup();
        counts.edges = all.jaccard.len() as u64;
        counts.contained = all.contained.len() as u64;
        (all, counts)
    }
}

enum Edge {
    Jaccard(u32, u32),
    Contained(u32, u32),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_window_prior_and_threshold() {
        // 5 docs, 2 bands. Band 0: docs 0,1,2 share a key; band 1: docs 3,4 share a key.
        let keys = vec![7, 100, 7, 101, 7, 102, 8, 200, 9, 200];
        let sig_bytes = 2;
        // Docs 0..3 identical signatures; doc 4 unrelated to doc 3.
        let sigs = vec![0x11, 0x22, 0x11, 0x22, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];
        let shingles = vec![100; 5];
        let mk = |prior, window, threshold| LshInput {
            keys: &keys,
            bands: 2,
            sigs: &sigs,
            sig_bytes,
            perms: 4,
            shingles: &shingles,
            prior,
            window,
            threshold,
            containment: 0.9,
            min_shingles: 50,
        };
        let (e, c) = mk(0, 16, 0.5).edges();
        assert_eq!(e.jaccard, vec![(0, 1), (0, 2), (1, 2)]);
        assert!(e.contained.is_empty());
        assert_eq!(c.candidates, 4);
        let (e, _) = mk(0, 1, 0.5).edges();
        assert_eq!(e.jaccard, vec![(0, 1), (1, 2)]);
        let (e, _) = mk(2, 16, 0.5).edges();
        assert_eq!(e.jaccard, vec![(0, 2), (1, 2)]);
        let (e, _) = mk(0, 16, 0.0).edges();
        assert_eq!(e.jaccard, vec![(0, 1), (0, 2), (1, 2), (3, 4)]);
    }

    #[test]
    fn containment_from_jaccard_and_sizes() {
        // B holds all of A and as much again: J = 1/2, C = 1; B has half of itself in A.
        assert!((containment(0.5, 100, 200) - 1.0).abs() < 1e-6);
        assert!((containment(0.5, 200, 100) - 0.5).abs() < 1e-6);
        // Equal sizes: containment is 2J/(1+J), the share of A in the overlap.
        assert!((containment(0.5, 100, 100) - 2.0 / 3.0).abs() < 1e-6);
        assert_eq!(containment(0.0, 100, 300), 0.0);
        assert_eq!(containment(0.9, 0, 300), 0.0);
        assert_eq!(containment(1.0, 10, 10), 1.0);
    }

    #[test]
    fn contained_pairs_need_size_ratio_min_shingles_and_floor() {
        // One band where docs 0 and 1 collide; 16 values, signatures agree on 8 of them
        // (estimated J = (0.5 - 1/16) / (15/16) = 0.467).
        let keys = vec![5, 5];
        let sigs = vec![0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x11, 0x11, 0x11];
        let run = |shingles: &[u32], min_shingles, containment| {
            LshInput {
                keys: &keys,
                bands: 1,
                sigs: &sigs,
                sig_bytes: 8,
                perms: 16,
                shingles,
                prior: 0,
                window: 16,
                threshold: 0.5,
                containment,
                min_shingles,
            }
            .edges()
            .0
        };
        // Doc 1 is the smaller: 300 shingles in a 600-shingle doc 0 (C = 0.467·900/(1.467·300) = 0.955).
        let e = run(&[600, 300], 50, 0.9);
        assert!(e.jaccard.is_empty());
        assert_eq!(e.contained, vec![(1, 0)]);
        // Too short to vouch for, or containment off, or equal sizes (C = 2J/(1+J) = 0.64).
        assert!(run(&[600, 300], 301, 0.9).contained.is_empty());
        assert!(run(&[600, 300], 50, 0.0).contained.is_empty());
        assert!(run(&[300, 300], 50, 0.9).contained.is_empty());
    }
}
