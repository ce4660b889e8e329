//! Tests of the whole dedup step, including a synthetic corpus with injected near duplicates.

use super::*;
use crate::text::matching_form;
use std::collections::{BTreeMap, BTreeSet};

/// Small deterministic RNG (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        shingle::mix64(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const FUNCTION_WORDS: &[&str] = &[
    "في",
    "من",
    "على",
    "الى",
    "ان",
    "التي",
    "الذي",
    "عن",
    "مع",
    "قال",
    "هذا",
    "بين",
    "كما",
    "بعد",
    "وقال",
    "خلال",
    "اليوم",
    "امس",
    "وزير",
    "المملكه",
    "الحكومه",
    "العام",
    "اكد",
    "حيث",
    "الا",
];
const LETTERS: &[char] = &[
    'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ',
    'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
];

/// A vocabulary of Arabic-script pseudo-words, most frequent first.
fn vocabulary(rng: &mut Rng, size: usize) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<String> = FUNCTION_WORDS.iter().map(|w| w.to_string()).collect();
    seen.extend(out.iter().cloned());
    while out.len() < size {
        let len = rng.range(3, 7);
        let mut w = String::new();
        if rng.chance(0.3) {
            w.push_str("ال");
        }
        for _ in 0..len {
            w.push(LETTERS[rng.below(LETTERS.len())]);
        }
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

struct Gen {
    rng: Rng,
    vocab: Vec<String>,
}

impl Gen {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed);
        let vocab = vocabulary(&mut rng, 6000);
        Gen { rng, vocab }
    }

    /// Log-uniform rank: roughly Zipf.
    fn word(&mut self) -> String {
        let v = self.vocab.len() as f64;
        let u = (self.rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let r = (v.powf(u) as usize)
            .saturating_sub(1)
            .min(self.vocab.len() - 1);
        self.vocab[r].clone()
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<String> = (0..words).map(|_| self.word()).collect();
        if words > 6 && self.rng.chance(0.5) {
            let k = self.rng.range(2, words - 2);
            s[k].push('،');
        }
        s.join(" ") + "."
    }

    fn paragraph(&mut self, words: usize) -> String {
        let mut left = words;
        let mut out = Vec::new();
        while left > 0 {
            let n = self.rng.range(8, 22).min(left);
            out.push(self.sentence(n));
            left -= n;
        }
        out.join(" ")
    }

    fn article(&mut self, words: usize) -> Vec<String> {
        let mut left = words;
        let mut paras = Vec::new();
        while left > 0 {
            let n = self.rng.range(25, 70).min(left);
            paras.push(self.paragraph(n));
            left -= n;
        }
        paras
    }

    /// Spelling noise that the matching form removes: hamza on initial alef, alef maqsura,
    /// taa marbuta, diacritics, tatweel, Arabic-Indic digits, punctuation.
    fn noise(&mut self, text: &str, punct: bool) -> String {
        let mut out = String::new();
        for (i, w) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let mut chars: Vec<char> = w.chars().collect();
            if chars.first() == Some(&'ا') && self.rng.chance(0.3) {
                chars[0] = if self.rng.chance(0.5) { 'أ' } else { 'إ' };
            }
            let last = chars.len().saturating_sub(1);
            if chars.get(last) == Some(&'ي') && self.rng.chance(0.3) {
                chars[last] = 'ى';
            }
            if chars.get(last) == Some(&'ه') && self.rng.chance(0.3) {
                chars[last] = 'ة';
            }
            for (j, c) in chars.iter().enumerate() {
                out.push(*c);
                if self.rng.chance(0.05) {
                    out.push('\u{064E}');
                }
                if j == 1 && chars.len() > 3 && self.rng.chance(0.02) {
                    out.push('ـ');
                }
            }
            if punct && self.rng.chance(0.02) {
                out.push('،');
            }
        }
        out
    }
}

/// A synthetic article: display paragraphs, with the story it copies.
struct Item {
    id: String,
    story: usize,
    domain: String,
    date: String,
    paras: Vec<String>,
}

impl Item {
    fn matching(&self) -> String {
        self.paras
            .iter()
            .map(|p| matching_form(p))
            .collect::<Vec<_>>()
            .join("\n")
    }
    fn chars(&self) -> usize {
        self.paras.iter().map(|p| p.chars().count()).sum::<usize>() + self.paras.len()
    }
}

/// Corpus of `stories` originals; about half are republished 1–4 times by other outlets with
/// injected edits of the sizes syndication shows: a new headline (body unchanged), the first
/// sentence rewritten, a new lead paragraph, the ending trimmed (at most ~15% of the words), an
/// agency credit line, spelling and punctuation variants; every outlet adds its own short residual
/// boilerplate. Look-alike distractors (distinct stories): updates that keep the second half of an
/// earlier story under new text, and follow-ups that reuse one or two of its paragraphs.
fn corpus(seed: u64, stories: usize) -> Vec<Item> {
    let mut g = Gen::new(seed);
    let domains: Vec<String> = (0..12).map(|i| format!("site{i}.example")).collect();
    let footers: Vec<String> = (0..12)
        .map(|_| {
            let n = g.rng.range(2, 10);
            g.sentence(n)
        })
        .collect();
    let mut items = Vec::new();
    let mut originals: Vec<Vec<String>> = Vec::new();
    for s in 0..stories {
        let words = if g.rng.chance(0.2) {
            g.rng.range(80, 150)
        } else {
            g.rng.range(150, 700)
        };
        let mut body = g.article(words);
        let kind = g.rng.below(10);
        // Distractor: an update of an earlier story (a different article): new paragraphs for
        // about half of the length on top, then the second half of the earlier story.
        if s > 0 && kind < 2 {
            let prev = originals[g.rng.below(originals.len())].clone();
            let words: Vec<&str> = prev.iter().flat_map(|p| p.split(' ')).collect();
            let kept = words[words.len() / 2..].join(" ");
            body = g.article(words.len() / 2);
            body.push(kept);
        } else if s > 0 && kind < 4 {
            // Distractor: a new story that reuses background paragraphs of an earlier one.
            let prev = originals[g.rng.below(originals.len())].clone();
            for _ in 0..g.rng.range(1, 2) {
                let para = prev[g.rng.below(prev.len())].clone();
                let at = g.rng.below(body.len() + 1);
                body.insert(at, para);
            }
        }
        originals.push(body.clone());
        let story = s;
        let d0 = g.rng.below(domains.len());
        let mut orig = body.clone();
        orig.push(footers[d0].clone());
        items.push(Item {
            id: format!("s{story}-0"),
            story,
            domain: domains[d0].clone(),
            date: format!("2015-{:02}-{:02}", 1 + s % 12, 1 + s % 28),
            paras: orig,
        });
        if !g.rng.chance(0.5) {
            continue;
        }
        for c in 1..=g.rng.range(1, 4) {
            let mut paras = body.clone();
            let edits = if g.rng.chance(0.3) { 2 } else { 1 };
            for _ in 0..edits {
                match g.rng.below(6) {
                    // New headline only: the body is unchanged.
                    0 => {}
                    // Edited lead: the first sentence rewritten.
                    1 => {
                        let first = &paras[0];
                        let rest = first.split_once(". ").map_or("", |x| x.1).to_string();
                        let n = g.rng.range(8, 20);
                        paras[0] = format!("{} {}", g.sentence(n), rest).trim().to_string();
                    }
                    // New lead paragraph prepended.
                    2 => {
                        let n = g.rng.range(12, 30);
                        let lead = g.paragraph(n);
                        paras.insert(0, lead);
                    }
                    // Trimmed ending: up to ~15% of the words cut from the end.
                    3 => {
                        let total: usize = paras.iter().map(|p| p.split(' ').count()).sum();
                        let mut cut = g.rng.range(total / 20, total * 3 / 20).max(1);
                        while cut > 0 && paras.len() > 1 {
                            let Some(last) = paras.pop() else { break };
                            let w: Vec<&str> = last.split(' ').collect();
                            if w.len() > cut {
                                paras.push(w[..w.len() - cut].join(" "));
                                cut = 0;
                            } else {
                                cut -= w.len();
                            }
                        }
                    }
                    // Agency credit / dateline line added at the top.
                    4 => {
                        let n = g.rng.range(3, 8);
                        let credit = g.sentence(n);
                        paras.insert(0, credit);
                    }
                    // Spelling and punctuation noise only.
                    _ => {
                        for para in paras.iter_mut() {
                            *para = g.noise(para, true);
                        }
                    }
                }
            }
            let d = (d0 + c) % domains.len();
            paras.push(footers[d].clone());
            if g.rng.chance(0.3) {
                let n = g.rng.range(2, 6);
                let more = g.sentence(n);
                paras.push(more);
            }
            items.push(Item {
                id: format!("s{story}-{c}"),
                story,
                domain: domains[d].clone(),
                date: format!("2015-{:02}-{:02}", 1 + s % 12, 1 + (s + c) % 28),
                paras,
            });
        }
    }
    items
}

struct Prepared {
    matching: Vec<String>,
    chars: Vec<usize>,
}

fn prepare(items: &[Item]) -> Prepared {
    Prepared {
        matching: items.iter().map(Item::matching).collect(),
        chars: items.iter().map(Item::chars).collect(),
    }
}

fn docs<'a>(items: &'a [Item], p: &'a Prepared, key0: u64) -> Vec<DedupDoc<'a>> {
    items
        .iter()
        .enumerate()
        .map(|(i, it)| DedupDoc {
            key: key0 + i as u64,
            id: &it.id,
            matching_body: &p.matching[i],
            body_chars: p.chars[i],
            date: Some(&it.date),
            domain: Some(&it.domain),
        })
        .collect()
}

fn run(docs: &[DedupDoc<'_>], params: &DedupParams) -> DedupOutput {
    let mut idx = DedupIndex::new(params.clone()).unwrap();
    dedup(docs, &mut idx).unwrap()
}

/// Cluster label of each document: its canonical's id.
fn labels(docs: &[DedupDoc<'_>], out: &DedupOutput) -> Vec<String> {
    docs.iter()
        .zip(&out.results)
        .map(|(d, r)| match r {
            DedupResult::Duplicate { of, .. } => of.clone(),
            _ => d.id.to_string(),
        })
        .collect()
}

/// (precision, recall) over pairs.
fn pair_scores(items: &[Item], labels: &[String]) -> (f64, f64, usize, usize) {
    let mut by_label: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, l) in labels.iter().enumerate() {
        by_label.entry(l).or_default().push(i);
    }
    let mut predicted = 0usize;
    let mut correct = 0usize;
    for members in by_label.values() {
        for (a, &i) in members.iter().enumerate() {
            for &j in &members[a + 1..] {
                predicted += 1;
                if items[i].story == items[j].story {
                    correct += 1;
                }
            }
        }
    }
    let mut by_story: BTreeMap<usize, usize> = BTreeMap::new();
    for it in items {
        *by_story.entry(it.story).or_default() += 1;
    }
    let truth: usize = by_story.values().map(|&n| n * (n - 1) / 2).sum();
    let precision = if predicted == 0 {
        1.0
    } else {
        correct as f64 / predicted as f64
    };
    let recall = if truth == 0 {
        1.0
    } else {
        correct as f64 / truth as f64
    };
    (precision, recall, predicted, truth)
}

#[test]
fn injected_near_duplicates_recall_and_precision() {
    let items = corpus(7, 1500);
    let prep = prepare(&items);
    let docs = docs(&items, &prep, 0);
    let out = run(&docs, &DedupParams::default());
    let (p, r, predicted, truth) = pair_scores(&items, &labels(&docs, &out));
    eprintln!("injected corpus: {} docs, {truth} true pairs, {predicted} predicted, precision {p:.4} recall {r:.4}", items.len());
    assert!(truth > 1000, "corpus too small: {truth}");
    assert!(r >= 0.95, "recall {r:.4}");
    assert!(p >= 0.98, "precision {p:.4}");
}

/// Prints precision and recall across thresholds (calibration aid; `--ignored --nocapture`).
#[test]
#[ignore]
fn threshold_sweep() {
    for seed in [7u64, 8, 9] {
        let items = corpus(seed, 1500);
        let prep = prepare(&items);
        let docs = docs(&items, &prep, 0);
        for t in [0.0f32, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
            let params = DedupParams {
                threshold: t,
                ..DedupParams::default()
            };
            let out = run(&docs, &params);
            let (p, r, pr, tr) = pair_scores(&items, &labels(&docs, &out));
            eprintln!("seed {seed} t {t}: precision {p:.4} recall {r:.4} ({pr}/{tr})");
        }
    }
}

fn simple(
    id: &str,
    body: &str,
    chars: usize,
    date: Option<&'static str>,
) -> (String, String, usize, Option<&'static str>) {
    (id.to_string(), matching_form(body), chars, date)
}

#[test]
fn exact_duplicates_and_canonical_order() {
    let mut g = Gen::new(3);
    let story = g.article(200).join("\n");
    let other = g.article(200).join("\n");
    let noisy = g.noise(&story, false);
    let rows = [
        simple("b", &story, 100, Some("2015-01-02")),
        simple("a", &noisy, 100, Some("2015-01-02")),
        simple("c", &story, 100, Some("2015-01-01")),
        simple("z", &other, 50, None),
        simple("d", &story, 90, None),
    ];
    let docs: Vec<DedupDoc<'_>> = rows
        .iter()
        .enumerate()
        .map(|(i, (id, m, c, d))| DedupDoc {
            key: i as u64,
            id,
            matching_body: m,
            body_chars: *c,
            date: *d,
            domain: Some(if i % 2 == 0 { "x.sa" } else { "y.sa" }),
        })
        .collect();
    let out = run(&docs, &DedupParams::default());
    // Same length: the earliest date wins ("c").
    match &out.results[2] {
        DedupResult::Canonical(info) => {
            assert_eq!(info.size, 4);
            assert_eq!(info.members, vec!["c", "b", "a", "d"]);
            assert_eq!(info.domains, vec!["x.sa", "y.sa"]);
            assert_eq!(info.cluster, cluster_id("c"));
        }
        r => panic!("unexpected {r:?}"),
    }
    for i in [0, 1, 4] {
        match &out.results[i] {
            DedupResult::Duplicate {
                of,
                similarity,
                kind,
                ..
            } => {
                assert_eq!(of, "c");
                assert_eq!(*kind, DupKind::Exact, "doc {i}");
                assert_eq!(*similarity, 1.0);
            }
            r => panic!("unexpected {r:?}"),
        }
    }
    assert_eq!(out.results[3], DedupResult::Unique);
    assert_eq!(out.stats.exact_dups, 3);
    assert_eq!(out.stats.kept, 2);
    assert_eq!(out.clusters.len(), 1);
    assert_eq!(out.clusters[0].members.len(), 4);
    assert_eq!(DupKind::Near.reason().as_str(), "dup:near");
}

#[test]
fn tie_breaks_by_id_and_short_texts() {
    let rows = [("k2", "ا ب"), ("k1", "ا ب"), ("k3", ""), ("k4", "")];
    let docs: Vec<DedupDoc<'_>> = rows
        .iter()
        .enumerate()
        .map(|(i, (id, body))| DedupDoc {
            key: 10 - i as u64,
            id,
            matching_body: body,
            body_chars: body.chars().count(),
            date: None,
            domain: None,
        })
        .collect();
    let out = run(&docs, &DedupParams::default());
    assert!(matches!(&out.results[1], DedupResult::Canonical(i) if i.size == 2));
    assert!(matches!(&out.results[0], DedupResult::Duplicate { of, .. } if of == "k1"));
    assert!(matches!(&out.results[2], DedupResult::Canonical(_)));
    assert!(matches!(&out.results[3], DedupResult::Duplicate { of, .. } if of == "k3"));
}

#[test]
fn max_members_caps_provenance_but_not_clusters() {
    let body = "ا ب ت ث ج ح خ د";
    let ids: Vec<String> = (0..30).map(|i| format!("id{i:02}")).collect();
    let docs: Vec<DedupDoc<'_>> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| DedupDoc {
            key: i as u64,
            id,
            matching_body: body,
            body_chars: 8,
            date: None,
            domain: None,
        })
        .collect();
    let out = run(&docs, &DedupParams::default());
    match &out.results[0] {
        DedupResult::Canonical(info) => {
            assert_eq!(info.size, 30);
            assert_eq!(info.members.len(), 20);
        }
        r => panic!("unexpected {r:?}"),
    }
    assert_eq!(out.clusters[0].members.len(), 30);
}

#[test]
fn deterministic_across_thread_counts() {
    let items = corpus(11, 300);
    let prep = prepare(&items);
    let docs = docs(&items, &prep, 0);
    let go = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut idx = DedupIndex::new(DedupParams::default()).unwrap();
            let out = dedup(&docs, &mut idx).unwrap();
            let mut bytes = Vec::new();
            idx.write_to(&mut bytes).unwrap();
            (out.results, out.clusters, bytes)
        })
    };
    assert_eq!(go(1), go(2));
    // Slice order does not matter: keys decide.
    let mut rev = docs.clone();
    rev.reverse();
    let out = run(&rev, &DedupParams::default());
    let mut back = out.results.clone();
    back.reverse();
    assert_eq!(back, go(1).0);
}

#[test]
fn index_round_trip_through_a_file() {
    let items = corpus(12, 200);
    let prep = prepare(&items);
    let docs = docs(&items, &prep, 0);
    let mut idx = DedupIndex::new(DedupParams::default()).unwrap();
    dedup(&docs, &mut idx).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dedup.idx");
    idx.save(&path).unwrap();
    let back = DedupIndex::load(&path).unwrap();
    assert_eq!(back.params(), idx.params());
    assert_eq!(back.keys, idx.keys);
    assert_eq!(back.sigs, idx.sigs);
    assert_eq!(back.exact, idx.exact);
    assert_eq!(back.canon, idx.canon);
    assert_eq!(back.kept_docs, idx.kept_docs);
    assert_eq!(back.ids, idx.ids);
    assert_eq!(back.kept(), idx.kept());
    // Corruption anywhere is detected.
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    assert!(DedupIndex::read_from(&bytes[..]).is_err());
    assert!(DedupIndex::load(&dir.path().join("missing")).is_err());
}

#[test]
fn rerunning_the_same_crawl_rejects_everything() {
    let items = corpus(13, 100);
    let prep = prepare(&items);
    let d = docs(&items, &prep, 0);
    let mut idx = DedupIndex::new(DedupParams::default()).unwrap();
    let first = dedup(&d, &mut idx).unwrap();
    let kept_first: BTreeSet<&str> = d
        .iter()
        .zip(&first.results)
        .filter(|(_, r)| r.is_kept())
        .map(|(x, _)| x.id)
        .collect();
    let again = dedup(&d, &mut idx).unwrap();
    for (x, r) in d.iter().zip(&again.results) {
        match r {
            DedupResult::Duplicate { of, kind, .. } => {
                // A copy of a kept article points at it, exactly; the others point at their
                // cluster's kept article.
                if kept_first.contains(x.id) {
                    assert_eq!(of, x.id);
                    assert_eq!(*kind, DupKind::Exact);
                }
            }
            r => panic!("{} should be a duplicate: {r:?}", x.id),
        }
    }
    assert_eq!(idx.len(), 2 * d.len());
    assert_eq!(idx.kept(), kept_first.len());
}

fn kept_ids(docs: &[DedupDoc<'_>], out: &DedupOutput) -> BTreeSet<String> {
    docs.iter()
        .zip(&out.results)
        .filter(|(_, r)| r.is_kept())
        .map(|(d, _)| d.id.to_string())
        .collect()
}

#[test]
fn incremental_equals_all_at_once() {
    let items = corpus(21, 600);
    let prep = prepare(&items);
    let all = docs(&items, &prep, 0);
    let params = DedupParams::default();
    let batch = run(&all, &params);
    let lab = labels(&all, &batch);
    // A: every kept article plus about half of the others, B: the rest. Clusters whose A part
    // would not hold together without B members go to A whole (the documented exception:
    // a B document bridging two of A's clusters cannot un-publish one of them).
    let mut rng = Rng(5);
    let mut in_a: Vec<bool> = (0..items.len())
        .map(|i| batch.results[i].is_kept() || rng.chance(0.5))
        .collect();
    let split = |in_a: &[bool]| {
        let a: Vec<usize> = (0..items.len()).filter(|&i| in_a[i]).collect();
        let b: Vec<usize> = (0..items.len()).filter(|&i| !in_a[i]).collect();
        (a, b)
    };
    loop {
        let (a, _) = split(&in_a);
        let a_docs: Vec<DedupDoc<'_>> = a.iter().map(|&i| all[i]).collect();
        let a_out = run(&a_docs, &params);
        let a_lab = labels(&a_docs, &a_out);
        // Batch cluster -> set of A-alone clusters.
        let mut parts: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (k, &i) in a.iter().enumerate() {
            parts.entry(&lab[i]).or_default().insert(&a_lab[k]);
        }
        let split_clusters: BTreeSet<&str> = parts
            .iter()
            .filter(|(_, s)| s.len() > 1)
            .map(|(c, _)| *c)
            .collect();
        if split_clusters.is_empty() {
            break;
        }
        for i in 0..items.len() {
            if split_clusters.contains(lab[i].as_str()) {
                in_a[i] = true;
            }
        }
    }
    let (a, b) = split(&in_a);
    assert!(b.len() > 100, "B too small: {}", b.len());
    let a_docs: Vec<DedupDoc<'_>> = a.iter().map(|&i| all[i]).collect();
    let b_docs: Vec<DedupDoc<'_>> = b.iter().map(|&i| all[i]).collect();
    let mut idx = DedupIndex::new(params.clone()).unwrap();
    let a_out = dedup(&a_docs, &mut idx).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.idx");
    idx.save(&path).unwrap();
    let mut idx = DedupIndex::load(&path).unwrap();
    let b_out = dedup(&b_docs, &mut idx).unwrap();
    // The A+B run, in A-then-B order (the order two crawls arrive in).
    let ab_docs: Vec<DedupDoc<'_>> = a_docs
        .iter()
        .chain(&b_docs)
        .enumerate()
        .map(|(k, d)| DedupDoc {
            key: k as u64,
            ..*d
        })
        .collect();
    let ab_out = run(&ab_docs, &params);
    let mut inc = kept_ids(&a_docs, &a_out);
    inc.extend(kept_ids(&b_docs, &b_out));
    assert_eq!(inc, kept_ids(&ab_docs, &ab_out));
    assert_eq!(inc, kept_ids(&all, &batch));
    // Every B duplicate names the same canonical as in the all-at-once run.
    let ab_lab = labels(&ab_docs, &ab_out);
    let b_lab = labels(&b_docs, &b_out);
    assert_eq!(&ab_lab[a_docs.len()..], &b_lab[..]);
    assert!(b_out.stats.near_dups + b_out.stats.exact_dups > 50);
}

#[test]
fn loaded_kept_article_wins_over_a_longer_newcomer() {
    let mut g = Gen::new(4);
    let story = g.article(300);
    let short = matching_form(&story[..story.len() - 1].join("\n"));
    let long = matching_form(&story.join("\n"));
    let mk = |id: &'static str, body: &'static str, n| DedupDoc {
        key: 0,
        id,
        matching_body: body,
        body_chars: n,
        date: None,
        domain: None,
    };
    let short: &'static str = Box::leak(short.into_boxed_str());
    let long: &'static str = Box::leak(long.into_boxed_str());
    let mut idx = DedupIndex::new(DedupParams::default()).unwrap();
    let a = dedup(&[mk("old", short, 10)], &mut idx).unwrap();
    assert_eq!(a.results[0], DedupResult::Unique);
    let b = dedup(&[mk("new", long, 20)], &mut idx).unwrap();
    assert!(
        matches!(&b.results[0], DedupResult::Duplicate { of, kind: DupKind::Near, .. } if of == "old")
    );
    assert_eq!(b.clusters[0].earlier_members, 1);
    assert_eq!(b.clusters[0].size, 2);
    // Together, the longer one wins.
    let both = run(
        &[mk("old", short, 10), mk("new", long, 20)],
        &DedupParams::default(),
    );
    assert!(matches!(&both.results[0], DedupResult::Duplicate { of, .. } if of == "new"));
}

#[test]
fn params_are_validated() {
    let bad = DedupParams {
        bands: 0,
        ..DedupParams::default()
    };
    assert!(DedupIndex::new(bad).is_err());
    let bad = DedupParams {
        threshold: 1.5,
        ..DedupParams::default()
    };
    assert!(bad.validate().is_err());
    assert!(DedupParams::default().validate().is_ok());
}

/// Diagnostic: true Jaccard of the pairs the default settings miss (`--ignored --nocapture`).
#[test]
#[ignore]
fn missed_pairs_diagnostic() {
    let items = corpus(7, 1500);
    let prep = prepare(&items);
    let docs = docs(&items, &prep, 0);
    let out = run(&docs, &DedupParams::default());
    let lab = labels(&docs, &out);
    let mut hist = [0usize; 10];
    let mut all_hist = [0usize; 10];
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            if items[i].story != items[j].story {
                continue;
            }
            let jac = shingle::jaccard(&prep.matching[i], &prep.matching[j], 5);
            let b = ((jac * 10.0) as usize).min(9);
            all_hist[b] += 1;
            if lab[i] != lab[j] {
                hist[b] += 1;
            }
        }
    }
    eprintln!("true pairs by J decile: {all_hist:?}");
    eprintln!("missed pairs by J decile: {hist:?}");
}

#[test]
fn syndicated_story_with_new_leads_clusters_together() {
    let mut g = Gen::new(31);
    let mut hits = 0;
    for _ in 0..20 {
        let story = g.article(300);
        let mut new_lead = story.clone();
        let lead = g.paragraph(25);
        new_lead.insert(0, lead);
        let mut edited = story.clone();
        let rest = edited[0].split_once(". ").map_or("", |x| x.1).to_string();
        edited[0] = format!("{} {}", g.sentence(15), rest);
        let mut credited = story.clone();
        let credit = g.sentence(5);
        credited.insert(0, credit);
        let versions = [story, new_lead, edited, credited];
        let ids = ["agency", "outlet1", "outlet2", "outlet3"];
        let bodies: Vec<(String, String)> = versions
            .iter()
            .zip(ids)
            .map(|(v, id)| (id.to_string(), matching_form(&v.join("\n"))))
            .collect();
        let docs = story_docs(&bodies);
        let out = run(&docs, &DedupParams::default());
        if out.clusters.len() == 1 && out.clusters[0].size == 4 {
            hits += 1;
        }
    }
    assert!(hits >= 19, "{hits} of 20 stories fully clustered");
}

#[test]
fn presketched_batch_gives_the_same_output() {
    let items = corpus(17, 150);
    let prep = prepare(&items);
    let mut d = docs(&items, &prep, 0);
    d.reverse();
    let params = DedupParams::default();
    let direct = run(&d, &params);
    let mut idx = DedupIndex::new(params.clone()).unwrap();
    let texts: Vec<&str> = d.iter().map(|x| x.matching_body).collect();
    let sk = Sketches::compute(&idx, &texts);
    // Without their bodies, as the pipeline passes them (it keeps only the sketches).
    let bodiless: Vec<DedupDoc<'_>> = d
        .iter()
        .map(|x| DedupDoc {
            matching_body: "",
            ..*x
        })
        .collect();
    let via = dedup_sketched(&bodiless, &sk, &mut idx).unwrap();
    assert_eq!(via.results, direct.results);
    assert_eq!(via.clusters, direct.clusters);
    // The bug: stats.json said `body_bytes: 0` for every pipeline run.
    assert!(direct.stats.body_bytes > 0);
    assert_eq!(via.stats, direct.stats);
    let short = Sketches {
        exact: vec![0; 1],
        ..sk.clone()
    };
    assert!(dedup_sketched(&d, &short, &mut idx).is_err());
}

/// Documents of one test story: `(id, matching body)`, keyed in order.
fn story_docs<'a>(bodies: &'a [(String, String)]) -> Vec<DedupDoc<'a>> {
    bodies
        .iter()
        .enumerate()
        .map(|(i, (id, b))| DedupDoc {
            key: i as u64,
            id,
            matching_body: b,
            body_chars: b.chars().count(),
            date: None,
            domain: Some(id),
        })
        .collect()
}

/// An article of `words` words and a copy keeping only its first paragraphs, about `keep` of
/// its words, under a new headline (the way another outlet trims a syndicated story).
fn original_and_trimmed(g: &mut Gen, words: usize, keep: f64) -> (String, String) {
    let story = g.article(words);
    let mut kept = Vec::new();
    let mut n = 0usize;
    for p in &story {
        if (n as f64) >= keep * words as f64 {
            break;
        }
        n += p.split(' ').count();
        kept.push(p.clone());
    }
    let headline = g.sentence(8);
    let trimmed = std::iter::once(headline)
        .chain(kept)
        .collect::<Vec<_>>()
        .join("\n");
    (matching_form(&story.join("\n")), matching_form(&trimmed))
}

/// The bug: with 14 bands of 8 rows a pair at Jaccard 0.6–0.7 shares a band with probability
/// 0.1–0.4, so most copies trimmed by another outlet were never compared with their original
/// (and, once compared, those below the Jaccard threshold need containment).
#[test]
fn trimmed_syndicated_copy_is_clustered_with_its_original() {
    let mut g = Gen::new(41);
    let mut hits = 0;
    for s in 0..20 {
        let (orig, trimmed) = original_and_trimmed(&mut g, 400, 0.65);
        let bodies = vec![
            (format!("agency-{s}"), orig),
            (format!("outlet-{s}"), trimmed),
        ];
        let docs = story_docs(&bodies);
        let out = run(&docs, &DedupParams::default());
        if let DedupResult::Duplicate { of, .. } = &out.results[1] {
            assert_eq!(of, &bodies[0].0, "the trimmed copy is the one rejected");
            hits += 1;
        }
    }
    // 14 x 8 at 0.5: 9 of 20; 28 x 4 at 0.5: 20; at 0.7 the copies below it join by
    // containment: 18.
    assert!(hits >= 17, "{hits} of 20 trimmed copies clustered");
}

/// Below the Jaccard threshold, a trimmed copy joins by containment; with containment off it
/// mostly stays apart.
#[test]
fn copy_trimmed_below_the_jaccard_threshold_joins_by_containment() {
    let count = |containment: f32| {
        let mut g = Gen::new(43);
        let params = DedupParams {
            containment,
            ..DedupParams::default()
        };
        let mut hits = 0;
        for s in 0..40 {
            let (orig, trimmed) = original_and_trimmed(&mut g, 500, 0.42);
            let bodies = vec![(format!("a{s}"), orig), (format!("b{s}"), trimmed)];
            let docs = story_docs(&bodies);
            if !run(&docs, &params).results[1].is_kept() {
                hits += 1;
            }
        }
        hits
    };
    let (with, without) = (count(0.9), count(0.0));
    eprintln!("trimmed to 42%: {with} of 40 clustered with containment, {without} without");
    assert!(with >= without + 10, "{with} vs {without}");
    assert!(with >= 20, "{with} of 40");
}

/// A brief quoted whole by two unrelated longer stories is contained in both: it joins neither,
/// and it does not glue them together.
#[test]
fn brief_contained_in_two_stories_glues_nothing() {
    let mut g = Gen::new(47);
    let mut both_seen = 0;
    for s in 0..10 {
        // Brief in each story at Jaccard ~0.38 (below the threshold), contained whole.
        let brief = g.article(130).join("\n");
        let one = format!("{brief}\n{}", g.article(210).join("\n"));
        let two = format!("{}\n{brief}", g.article(210).join("\n"));
        let bodies = vec![
            (format!("brief-{s}"), matching_form(&brief)),
            (format!("one-{s}"), matching_form(&one)),
            (format!("two-{s}"), matching_form(&two)),
        ];
        let docs = story_docs(&bodies);
        // Every band collision is a candidate, so the containment edges are surely seen.
        let params = DedupParams {
            bands: 112,
            rows: 1,
            ..DedupParams::default()
        };
        let out = run(&docs, &params);
        // The stories stay apart and kept; the brief joins a story only when it was seen
        // contained in that one alone (its text is then in the kept story).
        assert!(
            out.results[1].is_kept() && out.results[2].is_kept(),
            "story {s}"
        );
        if out.stats.contained_edges == 2 {
            both_seen += 1;
            assert!(out.clusters.is_empty(), "story {s}: {:?}", out.results);
        }
    }
    assert!(
        both_seen >= 5,
        "{both_seen} of 10 briefs seen contained in both stories"
    );
}

/// A text contained in a digest (the text and another story) is not contained in the other
/// story, which the digest resembles and which is kept for their cluster: the text stays.
#[test]
fn text_contained_only_in_a_rejected_digest_is_kept() {
    let mut g = Gen::new(53);
    for s in 0..10 {
        let own = g.article(160).join("\n");
        let other = g.article(240).join("\n");
        // Digest ~ story at Jaccard 0.6; text in digest at Jaccard 0.4, contained whole.
        let digest = format!("{own}\n{other}");
        let bodies = vec![
            (format!("text-{s}"), matching_form(&own)),
            (format!("digest-{s}"), matching_form(&digest)),
            (format!("story-{s}"), matching_form(&other)),
        ];
        let mut docs = story_docs(&bodies);
        // The story prints more characters (captions, longer spelling): it is the kept one.
        docs[2].body_chars *= 3;
        // A Jaccard threshold that makes the digest a near copy of the story (at the default
        // 0.7, a digest whose text is contained at Jaccard >= 0.3 cannot be one).
        let params = DedupParams {
            bands: 112,
            rows: 1,
            threshold: 0.5,
            ..DedupParams::default()
        };
        let out = run(&docs, &params);
        assert!(
            !out.results[1].is_kept(),
            "story {s}: the digest is a near copy"
        );
        assert!(out.results[0].is_kept(), "story {s}: {:?}", out.results[0]);
    }
}

#[test]
fn old_configs_load_with_containment_defaults() {
    let old =
        r#"{"bands":14,"rows":8,"ngram":5,"seed":1,"threshold":0.5,"window":16,"max_members":20}"#;
    let p: DedupParams = serde_json::from_str(old).unwrap();
    assert_eq!((p.bands, p.rows), (14, 8));
    assert_eq!(p.containment, DedupParams::default().containment);
    assert_eq!(p.min_shingles, MIN_SHINGLES_DEFAULT);
    assert!(p.validate().is_ok());
    let bad = DedupParams {
        containment: 1.5,
        ..DedupParams::default()
    };
    assert!(bad.validate().is_err());
}

/// A copy joined because its text is inside the kept article (not similar to it as a whole)
/// was labelled `dup:near` like a reworded copy; it is `dup:contained`, and counted apart. A
/// copy similar to the kept article as a whole stays `dup:near`.
#[test]
fn copy_joined_by_containment_is_labelled_contained_not_near() {
    let mut g = Gen::new(43);
    let threshold = DedupParams::default().threshold;
    let (mut contained, mut near) = (0, 0);
    for s in 0..20 {
        for keep in [0.42, 1.0] {
            let (orig, copy) = original_and_trimmed(&mut g, 500, keep);
            let bodies = vec![
                (format!("a{s}-{keep}"), orig),
                (format!("b{s}-{keep}"), copy),
            ];
            let docs = story_docs(&bodies);
            let out = run(&docs, &DedupParams::default());
            // The shorter text is the one rejected (the copy with all paragraphs and a headline
            // is the longer).
            let Some(DedupResult::Duplicate {
                kind, similarity, ..
            }) = out.results.iter().find(|r| !r.is_kept())
            else {
                continue;
            };
            if *similarity < threshold {
                assert_eq!(*kind, DupKind::Contained, "copy {s} at {similarity}");
                assert_eq!(out.stats.contained_dups, 1);
                contained += 1;
            } else {
                assert_eq!(*kind, DupKind::Near, "copy {s} at {similarity}");
                assert_eq!(out.stats.near_dups, 1);
                near += 1;
            }
        }
    }
    assert!(
        contained >= 10 && near >= 15,
        "{contained} contained, {near} near"
    );
    assert_eq!(DupKind::Contained.reason().as_str(), "dup:contained");
}
