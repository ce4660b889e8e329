//! Throughput of the text model on generated Arabic news-like lines.
//!
//! `cargo bench -p ghirbal --bench normalize` (criterion reports MiB/s per function).
//!
//! On Linux the time measured is the benchmark thread's **CPU time** (`CLOCK_THREAD_CPUTIME_ID`),
//! so the figures stay meaningful on a machine shared with other jobs; elsewhere it is wall time.

#[path = "common/cputime.rs"]
mod cputime;

use cputime::CpuTime;
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use ghirbal::text::{
    decode, display_form, display_with_offsets, matching_form, matching_with_offsets,
};

/// Deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Lines of generated Arabic: letters (with hamza forms, teh marbuta, alef maksura), some
/// diacritics and tatweel, Arabic-Indic digits, Arabic and Latin punctuation, a few Latin words,
/// NBSP and doubled spaces. About `bytes` bytes in lines of 60–300 bytes.
fn arabic_lines(bytes: usize) -> Vec<String> {
    const LETTERS: &[char] = &[
        'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع',
        'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي', 'ا', 'ل', 'م', 'ي', 'و', 'ن', 'أ', 'إ',
        'آ', 'ة', 'ى', 'ؤ', 'ئ', 'ء',
    ];
    const MARKS: &[char] = &['\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}'];
    const DIGITS: &[char] = &['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];
    const PUNCT: &[&str] = &["،", ".", "؟", ":", "؛", "«", "»", "-", "…"];
    const LATIN: &[&str] = &["BBC", "COVID-19", "Reuters", "iPhone"];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut lines = Vec::new();
    let mut total = 0;
    while total < bytes {
        let target = 60 + rng.below(240);
        let mut line = String::new();
        while line.len() < target {
            match rng.below(100) {
                0..=2 => {
                    for _ in 0..1 + rng.below(4) {
                        line.push(DIGITS[rng.below(DIGITS.len())]);
                    }
                }
                3 => line.push_str(LATIN[rng.below(LATIN.len())]),
                _ => {
                    for _ in 0..2 + rng.below(6) {
                        line.push(LETTERS[rng.below(LETTERS.len())]);
                        match rng.below(40) {
                            0..=2 => line.push(MARKS[rng.below(MARKS.len())]),
                            3 => line.push('ـ'),
                            _ => {}
                        }
                    }
                }
            }
            match rng.below(30) {
                0..=2 => line.push_str(PUNCT[rng.below(PUNCT.len())]),
                3 => line.push('\u{00A0}'),
                4 => line.push(' '),
                _ => {}
            }
            line.push(' ');
        }
        total += line.len();
        lines.push(line);
    }
    lines
}

fn english_lines(bytes: usize) -> Vec<String> {
    let words = [
        "the", "minister", "said", "on", "Monday", "that", "new", "hospital", "will", "open", "in",
        "the", "city,", "serving", "100,000", "people.",
    ];
    let mut rng = Rng(12345);
    let mut lines = Vec::new();
    let mut total = 0;
    while total < bytes {
        let mut line = String::new();
        for _ in 0..10 + rng.below(30) {
            line.push_str(words[rng.below(words.len())]);
            line.push(' ');
        }
        total += line.len();
        lines.push(line);
    }
    lines
}

fn bench_forms(c: &mut Criterion<CpuTime>) {
    let arabic = arabic_lines(2 * 1024 * 1024);
    let english = english_lines(2 * 1024 * 1024);
    for (name, lines) in [("arabic", &arabic), ("english", &english)] {
        let bytes: usize = lines.iter().map(String::len).sum();
        let mut group = c.benchmark_group(format!("forms/{name}"));
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(20);
        // Reference points: what copying and validating the same lines costs.
        group.bench_function("baseline_copy", |b| {
            b.iter(|| {
                for l in lines.iter() {
                    black_box(black_box(l.as_str()).to_owned());
                }
            })
        });
        group.bench_function("baseline_validate_utf8", |b| {
            b.iter(|| {
                for l in lines.iter() {
                    black_box(std::str::from_utf8(black_box(l.as_bytes())).is_ok());
                }
            })
        });
        group.bench_function("display_form", |b| {
            b.iter(|| {
                for l in lines.iter() {
                    black_box(display_form(black_box(l)));
                }
            })
        });
        group.bench_function("matching_form", |b| {
            b.iter(|| {
                for l in lines.iter() {
                    black_box(matching_form(black_box(l)));
                }
            })
        });
        group.bench_function("display_with_offsets", |b| {
            b.iter(|| {
                for l in lines.iter() {
                    black_box(display_with_offsets(black_box(l)));
                }
            })
        });
        group.bench_function("matching_with_offsets", |b| {
            b.iter(|| {
                for l in lines.iter() {
                    black_box(matching_with_offsets(black_box(l)));
                }
            })
        });
        group.finish();
    }
}

fn bench_decode(c: &mut Criterion<CpuTime>) {
    let page = arabic_lines(2 * 1024 * 1024).join("\n");
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
    let cp1256 = cp1256.into_owned();
    let mut group = c.benchmark_group("decode");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("utf8", |b| {
        b.iter(|| black_box(decode(black_box(page.as_bytes()), "bench").map(|d| d.replaced)))
    });
    group.throughput(Throughput::Bytes(cp1256.len() as u64));
    group.bench_function("windows-1256", |b| {
        b.iter(|| black_box(decode(black_box(&cp1256), "bench").map(|d| d.replaced)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = bench_forms, bench_decode
}
criterion_main!(benches);
