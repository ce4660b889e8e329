//! LSH candidate pairs and their verification (phase 2's shuffle).
//!
//! For each band, the (band key, document index) pairs are sorted; documents sharing a key form a
//! group. Inside a group (ordered by document index) each document is paired with up to `window`
//! documents before it — all pairs for ordinary groups, a bounded number for the huge groups that
//! templated pages can form. A pair becomes an edge when its estimated Jaccard similarity reaches
//! the threshold. Pairs whose two documents both come from a loaded index are skipped: their
//! clustering was settled when they were first seen.
//!
//! Bands are independent (processed in parallel); edges are returned sorted and deduplicated, so
//! the result does not depend on the thread count. This is the step a distributed engine would
//! run as a group-by on band key.

use super::minhash::estimate_similarity;
use rayon::prelude::*;

/// Inputs of the candidate search: flat, document-major band keys and compact signatures.
pub(crate) struct LshInput<'a> {
    pub keys: &'a [u32],
    pub bands: usize,
    pub sigs: &'a [u8],
    pub sig_bytes: usize,
    pub perms: usize,
    /// Documents `0..prior` come from a loaded index.
    pub prior: usize,
    pub window: usize,
    pub threshold: f32,
}

/// Counters of one candidate search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LshCounts {
    /// Candidate pairs examined (summed over bands, so a pair can count more than once).
    pub candidates: u64,
    /// Distinct pairs that passed verification.
    pub edges: u64,
}

impl LshInput<'_> {
    fn n(&self) -> usize {
        self.keys.len().checked_div(self.bands).unwrap_or(0)
    }

    fn sig(&self, d: u32) -> &[u8] {
        let s = d as usize * self.sig_bytes;
        &self.sigs[s..s + self.sig_bytes]
    }

    /// Verified edges `(u, v)` with `u < v`, sorted and deduplicated.
    pub fn edges(&self) -> (Vec<(u32, u32)>, LshCounts) {
        let n = self.n();
        let per_band: Vec<(Vec<(u32, u32)>, u64)> = (0..self.bands)
            .into_par_iter()
            .map(|j| {
                let mut pairs: Vec<(u32, u32)> = (0..n)
                    .map(|d| (self.keys[d * self.bands + j], d as u32))
                    .collect();
                pairs.sort_unstable();
                let mut edges = Vec::new();
                let mut candidates = 0u64;
                for group in pairs.chunk_by(|x, y| x.0 == y.0) {
                    for i in 1..group.len() {
                        let v = group[i].1;
                        if (v as usize) < self.prior {
                            continue;
                        }
                        for &(_, u) in &group[i.saturating_sub(self.window)..i] {
                            candidates += 1;
                            let sim = estimate_similarity(self.sig(u), self.sig(v), self.perms);
                            if sim >= self.threshold {
                                edges.push((u, v));
                            }
                        }
                    }
                }
                (edges, candidates)
            })
            .collect();
        let mut counts = LshCounts::default();
        let mut all = Vec::with_capacity(per_band.iter().map(|(e, _)| e.len()).sum());
        for (e, c) in per_band {
            counts.candidates += c;
            all.extend(e);
        }
        all.par_sort_unstable();
        all.dedup();
        counts.edges = all.len() as u64;
        (all, counts)
    }
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
        let mk = |prior, window, threshold| LshInput {
            keys: &keys,
            bands: 2,
            sigs: &sigs,
            sig_bytes,
            perms: 4,
            prior,
            window,
            threshold,
        };
        let (e, c) = mk(0, 16, 0.5).edges();
        assert_eq!(e, vec![(0, 1), (0, 2), (1, 2)]);
        assert_eq!(c.candidates, 4);
        let (e, _) = mk(0, 1, 0.5).edges();
        assert_eq!(e, vec![(0, 1), (1, 2)]);
        let (e, _) = mk(2, 16, 0.5).edges();
        assert_eq!(e, vec![(0, 2), (1, 2)]);
        let (e, _) = mk(0, 16, 0.0).edges();
        assert_eq!(e, vec![(0, 1), (0, 2), (1, 2), (3, 4)]);
    }
}
