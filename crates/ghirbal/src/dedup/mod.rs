//! Exact and near-duplicate detection (MinHash-LSH), clustering and provenance.
//!
//! # Design
//!
//! * **Phase 1, per document (parallel):** the matching-form body is split into words, word
//!   5-grams are hashed ([`shingle`]), a MinHash signature of `bands × rows` values is computed and
//!   cut into band keys, and only the band keys, a 4-bit-per-value compact signature, the number
//!   of distinct shingles and the xxh3-128 hash of the body are kept ([`minhash`]).
//! * **Phase 2, reduce:** for every band the (band key, document) pairs are sorted and documents
//!   sharing a key become candidate pairs; a pair is an edge when its estimated Jaccard similarity
//!   (from the compact signatures) reaches [`DedupParams::threshold`] ([`lsh`]). Documents with the
//!   same body hash are always joined. Union-find over the edges gives the clusters ([`cluster`]).
//!   Verification keeps LSH's chance collisions from chaining unrelated stories together.
//! * **Containment:** a copy another outlet trimmed (fewer paragraphs) lies almost wholly inside
//!   its original, yet their Jaccard similarity is only the length ratio. A candidate pair below
//!   the Jaccard threshold whose smaller document is estimated to lie in the larger one to
//!   [`DedupParams::containment`] (from the Jaccard estimate and the two shingle counts), the
//!   smaller having at least [`DedupParams::min_shingles`] shingles, is a containment edge. It is
//!   no union: a group of this run's documents (a component of the Jaccard graph) joins the one
//!   cluster all its containment edges point into, and only when every member is contained in
//!   (or Jaccard-similar to) the article that cluster keeps. A text contained in two clusters
//!   joins neither (a brief quoted by two stories cannot glue them together), and no text is
//!   rejected as a copy of an article that does not hold it (a brief inside a digest whose near
//!   copy, not the digest, is kept).
//! * **Canonical:** in each cluster the kept article is the longest body (characters), then the
//!   earliest date (string order; no date last), then the smallest id. The others are rejected as
//!   duplicates of it, with their estimated similarity to it and whether the body is identical.
//! * **Incremental:** everything seen is in a [`DedupIndex`], which can be saved and loaded
//!   ([`index`] documents the versioned format). Deduplicating a new crawl against a loaded index
//!   pairs new documents with old ones and with each other, never old with old. Articles kept by an
//!   earlier run stay kept: a cluster that contains an earlier kept article keeps it (the earliest
//!   one if a new document bridges several earlier clusters), and all new members are duplicates
//!   of it. So cleaning A and then B against A's index keeps exactly what cleaning A+B at once
//!   keeps, except where a B document would have won its cluster (longer than A's kept article) or
//!   bridges two of A's clusters: then A's already published article wins.
//! * **Scale-out:** phase 1 is [`sketch_batch`] / [`Sketches::compute`] (a map over documents);
//!   [`dedup_sketched`] runs phase 2 on sketches computed elsewhere; phase 2's candidate search
//!   is a group-by on (band, band key).
//! * **Determinism:** documents are ordered by [`DedupDoc::key`]; phase 1 is a pure function per
//!   document, candidate edges are sorted before the union, and union-find roots are minimum
//!   indices, so the output does not depend on the thread count.
//!
//! # Differences from datatrove's MinHash (14 × 8, 5-grams)
//!
//! Same shingle size and number of hash functions (112), cut into 28 bands of 4 rows instead of
//! 14 of 8: a pair becomes a candidate with probability `1 − (1 − J^r)^b`, which at J = 0.6 is
//! 0.21 for 14 × 8 and 0.98 for 28 × 4 (J = 0.5: 0.05 and 0.84), so pairs at the verification
//! threshold are actually compared; the price is about 3.5 times the candidate pairs (each one
//! comparison of 56-byte signatures) and 56 more bytes of band keys per document. On SaudiNewsNet
//! dev, 14 × 8 left about a thousand copies of the same story (estimated Jaccard 0.5–0.8 to a
//! member of their cluster) uncompared.
//!
//! # Threshold
//!
//! With 14 × 8 bands the verification threshold (then 0.5) was rarely reached: a pair became a
//! candidate with probability 0.5 only at J ≈ 0.72, so which pairs of J 0.5–0.7 were joined was
//! chance. Once 28 × 4 compares them all, 0.5 joins templated bulletins that are not the same
//! story: the health ministry's daily `لا وفيات أو إصابات جديدة` for two different days, two
//! verdicts against two convicts, national-day cables to two countries (4 of a random 40 newly
//! rejected SaudiNewsNet articles; one cluster of 16 cables to 7 countries). At 0.7 Jaccard edges
//! are decided, not drawn by lot: on SaudiNewsNet dev 1684 articles are rejected as duplicates
//! (14 × 8 at 0.5: 1706; 231 of those are now kept, rewrites of one agency release at J 0.5–0.7,
//! and 209 others are rejected), and the generated corpus's injected duplicates are found 108 of
//! 112 times (14 × 8 at 0.5: 101; 28 × 4 at 0.5: 110). Trimmed copies, whose Jaccard similarity
//! is only their length ratio, are joined by containment instead.
//!
//! ghirbal shingles the matching form (letter variants folded,
//! diacritics removed) split at every non-alphanumeric character, hashes words with xxh3 and
//! shingles with a polynomial over word hashes, uses multiply-add-shift hash functions on 64 bits
//! (datatrove: (a·x + b) mod 2⁶¹−1 on sha1/xxhash shingle hashes), hashes each band to one 64-bit
//! key (the low 32 bits of xxh3-64; datatrove compares the band's values), and verifies candidates by estimated similarity
//! (datatrove joins every band collision). Which documents collide therefore differs in detail but
//! not in distribution.

pub mod cluster;
pub mod index;
pub mod lsh;
pub mod minhash;
pub mod shingle;

pub use index::DedupIndex;
pub use lsh::LshCounts;
pub use minhash::{estimate_similarity, MinHasher};

use crate::{Error, Result};
use cluster::UnionFind;
use ghirbal_core::Reason;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeSet;
use xxhash_rust::xxh3::xxh3_64;

/// Dedup configuration. Word 5-grams and 112 MinHash values as datatrove/FineWeb-2, cut into
/// 28 bands of 4 rows rather than datatrove's 14 × 8 (see the module docs), candidates verified
/// by estimated Jaccard similarity or containment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DedupParams {
    /// Number of LSH bands.
    pub bands: usize,
    /// MinHash values per band.
    pub rows: usize,
    /// Words per shingle.
    pub ngram: usize,
    /// Seed of the hash functions (documents hashed with different seeds cannot be compared).
    pub seed: u64,
    /// Minimum estimated Jaccard similarity for a candidate pair to join a cluster (0 joins every
    /// band collision, as datatrove does). 0.7: see "Threshold" in the module doc.
    pub threshold: f32,
    /// Minimum estimated containment of the smaller document's shingles in the larger one's for
    /// a candidate pair below `threshold` to join a cluster (a copy another outlet trimmed); 0
    /// turns containment edges off. Containment edges only attach a group of documents to one
    /// other cluster (see [`lsh`]).
    pub containment: f32,
    /// A containment edge needs the smaller document to have at least this many distinct
    /// shingles (a short generic text is contained in too much).
    pub min_shingles: usize,
    /// Within a group of documents sharing a band key, each document is checked against at most
    /// this many documents before it.
    pub window: usize,
    /// Member ids listed in a kept article's provenance (the full list is in the clusters file).
    pub max_members: usize,
}

impl Default for DedupParams {
    fn default() -> Self {
        DedupParams {
            bands: 28,
            rows: 4,
            ngram: 5,
            seed: 0x6768_6972_6261_6c31,
            threshold: 0.7,
            containment: 0.9,
            min_shingles: MIN_SHINGLES_DEFAULT,
            window: 16,
            max_members: 20,
        }
    }
}

/// Default [`DedupParams::min_shingles`].
pub const MIN_SHINGLES_DEFAULT: usize = 50;

impl DedupParams {
    /// Checks the ranges; an error names the bad field.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: &str| Err(Error::Config(format!("dedup: {m}")));
        if !(1..=256).contains(&self.bands) {
            return bad("bands must be in 1..=256");
        }
        if !(1..=64).contains(&self.rows) {
            return bad("rows must be in 1..=64");
        }
        if !(1..=64).contains(&self.ngram) {
            return bad("ngram must be in 1..=64");
        }
        if !(0.0..=1.0).contains(&self.threshold) {
            return bad("threshold must be in 0..=1");
        }
        if !(0.0..=1.0).contains(&self.containment) {
            return bad("containment must be in 0..=1");
        }
        if !(1..=1_000_000).contains(&self.min_shingles) {
            return bad("min_shingles must be in 1..=1000000");
        }
        if !(1..=1024).contains(&self.window) {
            return bad("window must be in 1..=1024");
        }
        if self.max_members == 0 || self.max_members > 1_000_000 {
            return bad("max_members must be in 1..=1000000");
        }
        Ok(())
    }
}

/// One article as dedup sees it.
#[derive(Clone, Copy, Debug)]
pub struct DedupDoc<'a> {
    /// Input sequence number: documents are processed in increasing `key` order (ties keep slice
    /// order), which makes the result independent of how the slice was assembled.
    pub key: u64,
    /// Article id (reported in provenance; the last tie-break of the canonical choice).
    pub id: &'a str,
    /// Matching-form body: `crate::text::matching_form` of each paragraph, joined by `'\n'`.
    pub matching_body: &'a str,
    /// Length of the display body in characters (the first canonical criterion).
    pub body_chars: usize,
    /// Publication date, ISO-like so that string order is time order.
    pub date: Option<&'a str>,
    /// Domain that carried the article.
    pub domain: Option<&'a str>,
}

/// How a rejected copy relates to its canonical article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DupKind {
    /// Identical matching-form body.
    Exact,
    /// Near duplicate (same MinHash-LSH cluster).
    Near,
    /// Near duplicate whose text is inside the kept article, which it is not similar to as a
    /// whole: a copy trimmed to its first paragraphs, a brief the kept story quotes in full
    /// (estimated Jaccard similarity below [`DedupParams::threshold`], containment in the kept
    /// article at [`DedupParams::containment`] or above).
    Contained,
}

impl DupKind {
    /// The reject reason: `dup:exact`, `dup:near` or `dup:contained`.
    pub fn reason(self) -> Reason {
        match self {
            DupKind::Exact => Reason::new("dup:exact"),
            DupKind::Near => Reason::new("dup:near"),
            DupKind::Contained => Reason::new("dup:contained"),
        }
    }
}

/// Provenance carried by a kept article that has duplicates (its `dup` field).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DupInfo {
    /// Cluster id: 16 hex digits of xxh3-64 of the canonical article's id.
    pub cluster: String,
    /// Number of articles in the cluster, the kept one included.
    pub size: usize,
    /// Member ids, the kept one first, then in input order; at most
    /// [`DedupParams::max_members`].
    pub members: Vec<String>,
    /// Domains that carried the story, sorted, each once.
    pub domains: Vec<String>,
}

/// Dedup's verdict on one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum DedupResult {
    /// Kept; no duplicate seen.
    Unique,
    /// Kept as the canonical article of a cluster.
    Canonical(DupInfo),
    /// Rejected as a copy of `of`.
    Duplicate {
        /// Id of the canonical article.
        of: String,
        /// Cluster id (see [`DupInfo::cluster`]).
        cluster: String,
        /// Estimated Jaccard similarity to the canonical article (fraction of equal MinHash
        /// values, corrected for the 4-bit compaction).
        similarity: f32,
        /// Exact or near.
        kind: DupKind,
    },
}

impl DedupResult {
    /// True for [`DedupResult::Unique`] and [`DedupResult::Canonical`].
    pub fn is_kept(&self) -> bool {
        !matches!(self, DedupResult::Duplicate { .. })
    }
}

/// One cluster with its full membership (a line of `clusters.jsonl.zst`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Cluster id (see [`DupInfo::cluster`]).
    pub cluster: String,
    /// Id of the kept article.
    pub canonical: String,
    /// Number of members, including ones seen in earlier runs.
    pub size: usize,
    /// Ids of the members seen in this run, the kept one first (when it is from this run), then in
    /// input order.
    pub members: Vec<String>,
    /// Domains of this run's members, sorted, each once.
    pub domains: Vec<String>,
    /// Members that came from a loaded index (their ids are not kept, except the canonical's).
    pub earlier_members: usize,
}

/// Counters of a dedup run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DedupStats {
    /// Documents in this run.
    pub docs: usize,
    /// Documents kept (unique or canonical).
    pub kept: usize,
    /// Rejected as exact duplicates.
    pub exact_dups: usize,
    /// Rejected as near duplicates (similar to the kept article as a whole).
    pub near_dups: usize,
    /// Rejected as near duplicates whose text is inside the kept article ([`DupKind::Contained`]).
    #[serde(default)]
    pub contained_dups: usize,
    /// Clusters with at least two members that involve this run's documents.
    pub clusters: usize,
    /// Candidate pairs examined.
    pub candidates: u64,
    /// Verified edges (estimated Jaccard similarity at the threshold or above).
    pub edges: u64,
    /// Candidate pairs below the Jaccard threshold verified by containment.
    #[serde(default)]
    pub contained_edges: u64,
    /// Groups attached to the one cluster they are contained in.
    #[serde(default)]
    pub contained_attached: u64,
    /// Bytes of the bodies processed.
    pub body_bytes: u64,
    /// Dedup state (the index) in bytes per document after the run.
    pub state_bytes_per_doc: f64,
}

/// Everything a dedup run produces.
#[derive(Clone, Debug, Default)]
pub struct DedupOutput {
    /// One verdict per input document, in the order of the input slice.
    pub results: Vec<DedupResult>,
    /// Clusters of two or more members that involve this run's documents, ordered by the
    /// first member's position.
    pub clusters: Vec<Cluster>,
    /// Counters.
    pub stats: DedupStats,
}

/// Cluster id of a canonical article id.
pub fn cluster_id(canonical_id: &str) -> String {
    format!("{:016x}", xxh3_64(canonical_id.as_bytes()))
}

/// Canonical order: longest body, then earliest date (none last), then smallest id.
fn better(a: &DedupDoc<'_>, b: &DedupDoc<'_>) -> Ordering {
    b.body_chars
        .cmp(&a.body_chars)
        .then_with(|| match (a.date, b.date) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| a.id.cmp(b.id))
}

/// Phase 1 for a batch: band keys ([`MinHasher::bands`] per document), compact signatures
/// ([`MinHasher::sig_bytes`] per document), body hashes and shingle counts, document-major, in
/// the order of `texts`. Parallel; the output does not depend on the thread count. This is the
/// map step a distributed engine would run per partition.
pub fn sketch_batch(hasher: &MinHasher, texts: &[&str]) -> Sketches {
    let mut sk = Sketches {
        keys: vec![0u32; texts.len() * hasher.bands()],
        sigs: vec![0u8; texts.len() * hasher.sig_bytes()],
        exact: vec![0u128; texts.len()],
        shingles: vec![0u32; texts.len()],
        body_bytes: texts.iter().map(|t| t.len() as u64).sum(),
    };
    sketch_fill(
        hasher,
        texts.len(),
        |i| texts[i],
        &mut sk.keys,
        &mut sk.sigs,
        &mut sk.exact,
        &mut sk.shingles,
    );
    sk
}

/// Fills pre-sized arrays with the sketches of documents `0..n` (`text(i)` gives document `i`).
fn sketch_fill<'t>(
    hasher: &MinHasher,
    n: usize,
    text: impl Fn(usize) -> &'t str + Sync,
    keys: &mut [u32],
    sigs: &mut [u8],
    exact: &mut [u128],
    shingles: &mut [u32],
) {
    const CHUNK: usize = 64;
    let (nb, sb) = (hasher.bands(), hasher.sig_bytes());
    if n == 0 {
        return;
    }
    keys.par_chunks_mut(CHUNK * nb)
        .zip(sigs.par_chunks_mut(CHUNK * sb))
        .zip(exact.par_chunks_mut(CHUNK))
        .zip(shingles.par_chunks_mut(CHUNK))
        .enumerate()
        .for_each(|(c, (((k, s), e), m))| {
            let mut scratch = minhash::Scratch::default();
            for (i, (h, count)) in e.iter_mut().zip(m.iter_mut()).enumerate() {
                (*h, *count) = hasher.sketch_into(
                    text(c * CHUNK + i),
                    &mut scratch,
                    &mut k[i * nb..(i + 1) * nb],
                    &mut s[i * sb..(i + 1) * sb],
                );
            }
        });
}

/// Phase 1 output for a batch of documents, in the order of the batch (see [`sketch_batch`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sketches {
    /// Band keys, [`MinHasher::bands`] per document.
    pub keys: Vec<u32>,
    /// Compact signatures, [`MinHasher::sig_bytes`] per document.
    pub sigs: Vec<u8>,
    /// xxh3-128 of each matching-form body.
    pub exact: Vec<u128>,
    /// Distinct word n-gram shingles of each body (what containment is estimated from).
    pub shingles: Vec<u32>,
    /// Bytes of the bodies sketched (reported as [`DedupStats::body_bytes`]).
    pub body_bytes: u64,
}

impl Sketches {
    /// Phase 1 for `texts` (matching-form bodies) with the hash functions of `index`.
    pub fn compute(index: &DedupIndex, texts: &[&str]) -> Self {
        sketch_batch(&index.hasher, texts)
    }

    /// Appends `other` (the next batch's sketches).
    pub fn extend(&mut self, other: Sketches) {
        self.keys.extend(other.keys);
        self.sigs.extend(other.sigs);
        self.exact.extend(other.exact);
        self.shingles.extend(other.shingles);
        self.body_bytes += other.body_bytes;
    }
}

/// Processing order of a batch (by key, ties by slice position) and the 2^32 guard.
fn processing_order(docs: &[DedupDoc<'_>], prior: usize) -> Result<Vec<u32>> {
    if prior + docs.len() >= u32::MAX as usize {
        return Err(Error::Config(
            "dedup: 2^32 documents or more in one index".into(),
        ));
    }
    let mut order: Vec<u32> = (0..docs.len() as u32).collect();
    order.sort_by_key(|&i| (docs[i as usize].key, i));
    Ok(order)
}

/// Grows the index arrays by `n` zeroed documents.
fn grow(index: &mut DedupIndex, n: usize) {
    let total = index.len() + n;
    let (nb, sb) = (index.hasher.bands(), index.hasher.sig_bytes());
    index.keys.reserve_exact(n * nb);
    index.keys.resize(total * nb, 0);
    index.sigs.reserve_exact(n * sb);
    index.sigs.resize(total * sb, 0);
    index.exact.reserve_exact(n);
    index.exact.resize(total, 0);
    index.shingles.reserve_exact(n);
    index.shingles.resize(total, 0);
}

/// Deduplicates `docs` against everything already in `index` and against each other, then adds
/// them to `index` (save it to continue later). A fresh run uses `DedupIndex::new(params)`.
pub fn dedup(docs: &[DedupDoc<'_>], index: &mut DedupIndex) -> Result<DedupOutput> {
    let prior = index.len();
    let order = processing_order(docs, prior)?;
    // Phase 1, straight into the index arrays.
    grow(index, docs.len());
    let (nb, sb) = (index.hasher.bands(), index.hasher.sig_bytes());
    sketch_fill(
        &index.hasher,
        docs.len(),
        |i| docs[order[i] as usize].matching_body,
        &mut index.keys[prior * nb..],
        &mut index.sigs[prior * sb..],
        &mut index.exact[prior..],
        &mut index.shingles[prior..],
    );
    let body_bytes = docs.iter().map(|d| d.matching_body.len() as u64).sum();
    resolve(docs, order, prior, index, body_bytes)
}

/// [`dedup`] with phase 1 already done elsewhere (e.g. on other machines): `sketches` holds the
/// sketches of `docs`, in slice order, computed with the same parameters as `index`. Gives the
/// same output as [`dedup`].
pub fn dedup_sketched(
    docs: &[DedupDoc<'_>],
    sketches: &Sketches,
    index: &mut DedupIndex,
) -> Result<DedupOutput> {
    let (nb, sb) = (index.hasher.bands(), index.hasher.sig_bytes());
    let n = docs.len();
    if sketches.keys.len() != n * nb
        || sketches.sigs.len() != n * sb
        || sketches.exact.len() != n
        || sketches.shingles.len() != n
    {
        return Err(Error::Config(format!(
            "dedup: sketches do not match {n} documents with {nb} bands and {sb}-byte signatures"
        )));
    }
    let prior = index.len();
    let order = processing_order(docs, prior)?;
    grow(index, n);
    for (k, &i) in order.iter().enumerate() {
        let (g, i) = (prior + k, i as usize);
        index.keys[g * nb..(g + 1) * nb].copy_from_slice(&sketches.keys[i * nb..(i + 1) * nb]);
        index.sigs[g * sb..(g + 1) * sb].copy_from_slice(&sketches.sigs[i * sb..(i + 1) * sb]);
        index.exact[g] = sketches.exact[i];
        index.shingles[g] = sketches.shingles[i];
    }
    // The documents' bodies may be gone (the pipeline keeps only their sketches).
    resolve(docs, order, prior, index, sketches.body_bytes)
}

/// Estimated Jaccard similarity of documents `m` and `c` of `index`.
fn similarity(index: &DedupIndex, m: u32, c: u32) -> f32 {
    estimate_similarity(index.sig(m), index.sig(c), index.hasher.perms())
}

/// How document `m` is a copy of document `c`, given their estimated Jaccard similarity `j`:
/// near (`j` at the threshold), contained (with enough shingles of its own, estimated to lie
/// within `c`), or not at all (`None`).
fn copy_kind(index: &DedupIndex, j: f32, m: u32, c: u32) -> Option<DupKind> {
    let p = &index.params;
    if j >= p.threshold {
        return Some(DupKind::Near);
    }
    let (a, b) = (index.shingles[m as usize], index.shingles[c as usize]);
    lsh::contained(j, a, b, p.containment, p.min_shingles).then_some(DupKind::Contained)
}

/// Applies containment edges `(smaller, larger)` to `uf`, which already holds the Jaccard and
/// exact-duplicate unions and the clusters of a loaded index; returns the number of groups
/// attached. A containment edge is not transitive the way a near-copy is (a brief contained in
/// a long article that another long article resembles is not in that other article), so a
/// group (a component of `uf`) of this run's documents is attached to another group only when
///
/// * every containment edge leaving it points into that one group (a text contained in two
///   unrelated clusters, such as an agency brief quoted by two longer stories, joins neither and
///   cannot glue them together),
/// * that group is not itself being attached elsewhere (no chains of attachments), and
/// * every member is verified against the article the merged cluster will keep (the target's
///   canonical, which must stay canonical): Jaccard-similar to it or contained in it.
///
/// So a document rejected through a containment edge has its text (to the containment
/// threshold) in the kept article. Groups are judged as they were before any containment
/// union, in sorted order: the result is deterministic.
fn attach_contained(
    uf: &mut UnionFind,
    contained: &[(u32, u32)],
    docs: &[DedupDoc<'_>],
    order: &[u32],
    prior: usize,
    index: &DedupIndex,
) -> u64 {
    if contained.is_empty() {
        return 0;
    }
    let doc_of = |g: u32| &docs[order[g as usize - prior] as usize];
    let mut links: Vec<(u32, u32)> = contained
        .iter()
        .filter_map(|&(s, l)| {
            let (rs, rl) = (uf.find(s), uf.find(l));
            (rs != rl).then_some((rs, rl))
        })
        .collect();
    links.sort_unstable();
    links.dedup();
    let mut pairs: Vec<(u32, u32)> = links
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|g| g.len() == 1)
        .map(|g| g[0])
        .collect();
    let mut targets: Vec<u32> = pairs.iter().map(|p| p.1).collect();
    targets.sort_unstable();
    targets.dedup();
    pairs.retain(|p| targets.binary_search(&p.0).is_err());
    if pairs.is_empty() {
        return 0;
    }
    // (root, document) of every member of the groups involved, grouped by root.
    let mut roots: Vec<u32> = pairs.iter().flat_map(|&(s, t)| [s, t]).collect();
    roots.sort_unstable();
    roots.dedup();
    let mut members: Vec<(u32, u32)> = Vec::new();
    for g in 0..uf.len() as u32 {
        let r = uf.find(g);
        if roots.binary_search(&r).is_ok() {
            members.push((r, g));
        }
    }
    members.sort_unstable();
    let group = |r: u32| {
        let a = members.partition_point(|m| m.0 < r);
        let b = members.partition_point(|m| m.0 <= r);
        &members[a..b]
    };
    // The article a group keeps, as `resolve` chooses it: its earliest kept article from a
    // loaded index, else its best new document.
    let canon_of = |grp: &[(u32, u32)]| -> Option<u32> {
        if let Some(&(_, d)) = grp
            .iter()
            .find(|&&(_, d)| (d as usize) < prior && index.canon.get(d as usize) == Some(&d))
        {
            return Some(d);
        }
        grp.iter()
            .map(|m| m.1)
            .filter(|&d| d as usize >= prior)
            .min_by(|&a, &b| better(doc_of(a), doc_of(b)).then(a.cmp(&b)))
    };
    let mut attached = 0u64;
    for &(s, t) in &pairs {
        let src = group(s);
        if src.is_empty() || src.iter().any(|m| (m.1 as usize) < prior) {
            continue;
        }
        let Some(c) = canon_of(group(t)) else {
            continue;
        };
        let ok = src.iter().all(|&(_, m)| {
            ((c as usize) < prior || better(doc_of(c), doc_of(m)) == Ordering::Less)
                && copy_kind(index, similarity(index, m, c), m, c).is_some()
        });
        if ok {
            uf.union(s, t);
            attached += 1;
        }
    }
    attached
}

/// Phase 2 and the verdicts: documents `prior..` of `index` are `docs` in `order`.
/// `body_bytes`: bytes of the bodies sketched (for the stats).
fn resolve(
    docs: &[DedupDoc<'_>],
    order: Vec<u32>,
    prior: usize,
    index: &mut DedupIndex,
    body_bytes: u64,
) -> Result<DedupOutput> {
    let total = prior + docs.len();
    let doc_of = |g: u32| &docs[order[g as usize - prior] as usize];

    // Phase 2: candidate edges, exact-hash edges, union-find.
    let p = index.params.clone();
    let (edges, counts) = lsh::LshInput {
        keys: &index.keys,
        bands: p.bands,
        sigs: &index.sigs,
        sig_bytes: index.hasher.sig_bytes(),
        perms: index.hasher.perms(),
        shingles: &index.shingles,
        prior,
        window: p.window,
        threshold: p.threshold,
        containment: p.containment,
        min_shingles: p.min_shingles,
    }
    .edges();
    let mut parents = index.canon.clone();
    parents.extend(prior as u32..total as u32);
    let mut uf = UnionFind::from_parents(parents);
    for &(u, v) in &edges.jaccard {
        uf.union(u, v);
    }
    {
        let exact = &index.exact;
        let mut by_hash: Vec<u32> = (0..total as u32).collect();
        by_hash.par_sort_unstable_by_key(|&i| (exact[i as usize], i));
        for w in by_hash.windows(2) {
            if exact[w[0] as usize] == exact[w[1] as usize] && (w[1] as usize) >= prior {
                uf.union(w[0], w[1]);
            }
        }
    }
    let attached = attach_contained(&mut uf, &edges.contained, docs, &order, prior, index);
    drop(edges);

    // Components touched by this run, numbered in order of their first new document; members
    // grouped by component in one flat array (a counting sort, no allocation per component).
    const NONE: u32 = u32::MAX;
    let mut slot_of_root = vec![NONE; total];
    let mut slot_of_new: Vec<u32> = Vec::with_capacity(docs.len());
    let mut ncomps = 0usize;
    for g in prior as u32..total as u32 {
        let r = uf.find(g) as usize;
        if slot_of_root[r] == NONE {
            slot_of_root[r] = ncomps as u32;
            ncomps += 1;
        }
        slot_of_new.push(slot_of_root[r]);
    }
    let mut earlier = vec![0u32; ncomps];
    let mut earlier_kept = vec![NONE; ncomps];
    for d in 0..prior as u32 {
        let s = slot_of_root[uf.find(d) as usize];
        if s != NONE {
            earlier[s as usize] += 1;
            if index.canon[d as usize] == d && earlier_kept[s as usize] == NONE {
                earlier_kept[s as usize] = d;
            }
        }
    }
    drop(slot_of_root);
    drop(uf);
    let mut starts = vec![0u32; ncomps + 1];
    for &s in &slot_of_new {
        starts[s as usize + 1] += 1;
    }
    for c in 0..ncomps {
        starts[c + 1] += starts[c];
    }
    let mut fill = starts.clone();
    let mut members = vec![0u32; docs.len()];
    for (k, &s) in slot_of_new.iter().enumerate() {
        members[fill[s as usize] as usize] = (prior + k) as u32;
        fill[s as usize] += 1;
    }
    drop(fill);
    drop(slot_of_new);

    let mut results: Vec<Option<DedupResult>> = vec![None; docs.len()];
    let mut clusters = Vec::new();
    let mut stats = DedupStats {
        docs: docs.len(),
        candidates: counts.candidates,
        edges: counts.edges,
        contained_edges: counts.contained,
        contained_attached: attached,
        body_bytes,
        ..DedupStats::default()
    };
    index.canon.reserve_exact(docs.len());
    index.canon.resize(total, NONE);
    let mut new_kept: Vec<(u32, &str)> = Vec::new();
    for c in 0..ncomps {
        let new = &members[starts[c] as usize..starts[c + 1] as usize];
        let prior_kept = earlier_kept[c];
        let (canon, canon_id): (u32, String) = if prior_kept != NONE {
            let id = index.kept_id(prior_kept).unwrap_or("").to_string();
            (prior_kept, id)
        } else {
            let best = new
                .iter()
                .copied()
                .min_by(|&a, &b| better(doc_of(a), doc_of(b)).then(a.cmp(&b)))
                .unwrap_or(new[0]);
            (best, doc_of(best).id.to_string())
        };
        let size = new.len() + earlier[c] as usize;
        let cid = cluster_id(&canon_id);
        let canon_hash = index.exact[canon as usize];
        for &g in new {
            index.canon[g as usize] = canon;
            let slot = order[g as usize - prior] as usize;
            if g == canon {
                new_kept.push((g, doc_of(g).id));
                stats.kept += 1;
                continue;
            }
            let similarity = similarity(index, g, canon);
            // A member joined through another (a chain of near copies) is near too.
            let kind = if index.exact[g as usize] == canon_hash {
                DupKind::Exact
            } else {
                copy_kind(index, similarity, g, canon).unwrap_or(DupKind::Near)
            };
            match kind {
                DupKind::Exact => stats.exact_dups += 1,
                DupKind::Near => stats.near_dups += 1,
                DupKind::Contained => stats.contained_dups += 1,
            }
            results[slot] = Some(DedupResult::Duplicate {
                of: canon_id.clone(),
                cluster: cid.clone(),
                similarity,
                kind,
            });
        }
        if size == 1 {
            let slot = order[canon as usize - prior] as usize;
            results[slot] = Some(DedupResult::Unique);
            continue;
        }
        stats.clusters += 1;
        let mut ids: Vec<String> = Vec::with_capacity(new.len() + 1);
        if prior_kept == NONE {
            ids.push(canon_id.clone());
        }
        ids.extend(
            new.iter()
                .filter(|&&g| g != canon)
                .map(|&g| doc_of(g).id.to_string()),
        );
        let domains: Vec<String> = new
            .iter()
            .filter_map(|&g| doc_of(g).domain)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(str::to_string)
            .collect();
        if prior_kept == NONE {
            let slot = order[canon as usize - prior] as usize;
            results[slot] = Some(DedupResult::Canonical(DupInfo {
                cluster: cid.clone(),
                size,
                members: ids.iter().take(p.max_members).cloned().collect(),
                domains: domains.clone(),
            }));
        }
        clusters.push(Cluster {
            cluster: cid,
            canonical: canon_id,
            size,
            members: ids,
            domains,
            earlier_members: earlier[c] as usize,
        });
    }
    new_kept.sort_unstable_by_key(|&(g, _)| g);
    index.kept_docs.reserve_exact(new_kept.len());
    index.id_ends.reserve_exact(new_kept.len());
    index
        .ids
        .reserve_exact(new_kept.iter().map(|(_, id)| id.len()).sum());
    for (g, id) in new_kept {
        index.push_kept(g, id);
    }
    stats.state_bytes_per_doc = if total == 0 {
        0.0
    } else {
        index.state_bytes() as f64 / total as f64
    };
    let results = results
        .into_iter()
        .map(|r| r.unwrap_or(DedupResult::Unique))
        .collect();
    Ok(DedupOutput {
        results,
        clusters,
        stats,
    })
}

#[cfg(test)]
mod tests;
