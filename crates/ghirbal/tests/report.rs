//! report.html end to end: a clean run into a tempdir, the sample pages, the report; the numbers
//! printed equal stats.json, the HTML is well formed, and the page stays small for large runs.

use ghirbal::filter::Filters;
use ghirbal::io::{expand_inputs, Item, Reader, ReaderOptions};
use ghirbal::pipeline::{self, clean_record, CleanConfig, CleanJob, NoProgress};
use ghirbal::report::{
    render_report, write_report, write_samples, LineFate, ReportOptions, SampleArticle,
    SampleCollector, SampleLine, SamplePage, REPORT_FILE,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `clean` on `inputs` into `out`, then writes the sample pages the way the pipeline does
/// (every record offered in input order) and the report.
fn run_with_report(inputs: Vec<String>, out: &Path) -> (pipeline::Stats, String) {
    let config = CleanConfig::preset("arabic-news").unwrap();
    let job = CleanJob {
        inputs: inputs.clone(),
        out_dir: out.to_path_buf(),
        config: config.clone(),
        templates: None,
        dedup_index: None,
    };
    let stats = pipeline::run(&job, &NoProgress).unwrap();
    if !out.join(ghirbal::report::SAMPLES_FILE).exists() {
        let filters = Filters::new(config.filters.clone()).unwrap();
        let mut collector = SampleCollector::new(20, 10);
        let sources = expand_inputs(&inputs).unwrap();
        let mut reader = Reader::new(
            sources,
            ReaderOptions {
                fields: config.fields.clone(),
                max_record_bytes: config.max_record_bytes,
            },
        );
        loop {
            let batch = reader.next_batch(512, 64 << 20).unwrap();
            if batch.is_empty() {
                break;
            }
            for item in &batch {
                if let Item::Record(r) = item {
                    collector.offer(r, &clean_record(r, None, &filters));
                }
            }
        }
        collector.write(out).unwrap();
    }
    let path = write_report(out, &ReportOptions::default()).unwrap();
    assert_eq!(path, out.join(REPORT_FILE));
    (stats, std::fs::read_to_string(path).unwrap())
}

/// `(data-stat, data-value, shown text)` of every stat element.
fn stat_elements(html: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("data-stat=\"") {
        rest = &rest[i + 11..];
        let end = rest.find('"').unwrap();
        let pointer = unescape(&rest[..end]);
        let v = rest.find("data-value=\"").unwrap();
        let vrest = &rest[v + 12..];
        let vend = vrest.find('"').unwrap();
        let value = unescape(&vrest[..vend]);
        let gt = vrest.find('>').unwrap();
        let lt = vrest[gt..].find('<').unwrap();
        let shown = unescape(&vrest[gt + 1..gt + lt]);
        out.push((pointer, value, shown));
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every non-void element is closed in order (script and style bodies skipped).
fn check_balanced(html: &str) {
    const VOID: [&str; 6] = ["meta", "br", "line", "hr", "img", "input"];
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let end = start + html[start..].find('>').expect("unterminated tag");
        let tag = &html[start + 1..end];
        i = end + 1;
        if tag.starts_with('!') {
            continue;
        }
        let self_closing = tag.ends_with('/');
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(!name.is_empty(), "bad tag at {start}: <{tag}>");
        if closing {
            let open = stack.pop().unwrap_or_default();
            assert_eq!(open, name, "mismatched </{name}> at byte {start}");
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            if name == "script" || name == "style" {
                let close = format!("</{name}>");
                let j = html[i..].find(&close).expect("unclosed script/style");
                i += j + close.len();
                continue;
            }
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn report_numbers_equal_stats_json() {
    let dir = tempfile::tempdir().unwrap();
    let sample = repo_root().join("samples/news-sample.jsonl");
    let (stats, html) = run_with_report(vec![sample.display().to_string()], dir.path());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("stats.json")).unwrap())
            .unwrap();
    let elems = stat_elements(&html);
    assert!(elems.len() > 40, "only {} stat elements", elems.len());
    for (pointer, value, shown) in &elems {
        let v = json
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{pointer} not in stats.json"));
        assert_eq!(&v.to_string(), value, "{pointer}");
        if let Some(u) = v.as_u64() {
            assert_eq!(shown.replace(',', ""), u.to_string(), "{pointer} shown");
        } else if let Some(f) = v.as_f64() {
            let s: f64 = shown.parse().unwrap();
            assert!((s - f).abs() <= 0.5, "{pointer}: {s} vs {f}");
        }
    }
    let pointers: BTreeSet<&str> = elems.iter().map(|e| e.0.as_str()).collect();
    let must = |p: String| assert!(pointers.contains(p.as_str()), "{p} not shown");
    for p in [
        "/records/items",
        "/records/records",
        "/articles/found",
        "/articles/kept",
        "/articles/duplicates",
        "/articles/filtered",
        "/inputs/bytes",
        "/timings/total_s",
        "/timings/mb_per_s",
    ] {
        must(p.to_string());
    }
    for k in stats.rejects_by_reason.keys() {
        must(format!("/rejects_by_reason/{k}"));
    }
    for k in stats.languages.keys() {
        must(format!("/languages/{k}"));
    }
    for k in stats.cluster_sizes.keys() {
        must(format!("/cluster_sizes/{k}"));
    }
    for d in stats.domains.keys() {
        must(format!("/domains/{d}/kept"));
        must(format!("/domains/{d}/records"));
    }
    for i in 0..stats.length_in.0.len() {
        must(format!("/length_in/{i}"));
    }
    for i in 0..stats.length_out.0.len() {
        must(format!("/length_out/{i}"));
    }
    assert!(
        !stats.cluster_sizes.is_empty(),
        "the sample corpus has duplicates"
    );
    check_balanced(&html);
    for id in [
        "overview",
        "rejections",
        "domains",
        "lengths",
        "clusters",
        "languages",
        "samples",
    ] {
        assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    // Sample lines are shown right-to-left, with their reason on hover.
    assert!(html.contains("<ol class=\"lines\" dir=\"rtl\">"));
    assert!(html.contains("class=\"f-removed\" title=\"removed · "));
    // One file, no network.
    for bad in ["src=", "<link", "url(", "@import", "http-equiv"] {
        assert!(!html.contains(bad), "{bad}");
    }
    // Regenerating gives the same page.
    let again = render_report(dir.path(), &ReportOptions::default()).unwrap();
    assert_eq!(again, html);
    // A run without samples.jsonl.zst: kept articles are sampled, without original lines.
    std::fs::remove_file(dir.path().join(ghirbal::report::SAMPLES_FILE)).unwrap();
    let older = render_report(dir.path(), &ReportOptions::default()).unwrap();
    assert!(older.contains("Original lines not available"));
    assert!(older.contains("<details class=\"sample\" open data-kind=\"sample\">"));
    check_balanced(&older);
}

#[test]
fn report_needs_a_complete_run() {
    let dir = tempfile::tempdir().unwrap();
    assert!(write_report(dir.path(), &ReportOptions::default()).is_err());
    assert!(!dir.path().join(REPORT_FILE).exists());
}

/// A generated corpus with many domains and long, many-line pages: the report stays small.
#[test]
fn report_size_is_bounded_on_a_generated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("gen.jsonl");
    let words = [
        "الحكومة",
        "أعلنت",
        "اليوم",
        "عن",
        "خطة",
        "جديدة",
        "لدعم",
        "الاقتصاد",
        "الوطني",
        "في",
        "المدن",
        "والقرى",
        "وقال",
        "الوزير",
        "إن",
        "المشروع",
        "سيوفر",
        "آلاف",
        "فرص",
        "العمل",
    ];
    let mut lines = String::new();
    for i in 0..400u64 {
        let mut body = String::new();
        for j in 0..(260 + i % 60) {
            // A pseudo-random but deterministic word stream per document.
            let k = (i.wrapping_mul(2654435761) ^ (j * 40503)) as usize;
            body.push_str(words[k % words.len()]);
            body.push(' ');
            if j % 23 == 22 {
                body.push_str(".\n");
            }
        }
        let menu = "الرئيسية | أخبار | رياضة | اتصل بنا\n".repeat(3);
        let text = format!("{menu}\nعنوان الخبر رقم {i}\n\n{body}\nجميع الحقوق محفوظة\n");
        let rec = serde_json::json!({
            "id": format!("g{i}"),
            "url": format!("https://site{}.example/a/{i}", i % 250),
            "text": text,
        });
        lines.push_str(&rec.to_string());
        lines.push('\n');
    }
    std::fs::write(&input, lines).unwrap();
    let out = dir.path().join("out");
    let (stats, html) = run_with_report(vec![input.display().to_string()], &out);
    assert_eq!(stats.records.records, 400);
    assert!(stats.domains.len() >= 200);
    assert!(html.len() < 5_000_000, "report is {} bytes", html.len());
    check_balanced(&html);
    // The domain table is capped and says so.
    assert!(html.contains("largest shown"));
}

/// Worst case for size: every limit reached (maximal sample pages, huge tables).
#[test]
fn report_size_is_bounded_at_every_limit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let mut stats = pipeline::Stats::default();
    for i in 0..20_000 {
        stats
            .domains
            .insert(format!("domain-{i}.example"), Default::default());
        stats
            .rejects_by_reason
            .insert(format!("quality:x{}", i % 50), 1);
    }
    for s in 2..5000usize {
        stats.cluster_sizes.insert(s, 1);
    }
    std::fs::write(
        out.join("stats.json"),
        serde_json::to_string(&stats).unwrap(),
    )
    .unwrap();
    let line = "ك".repeat(ghirbal::report::sample::MAX_LINE_CHARS);
    let page = |k: usize| SamplePage {
        id: format!("p{k}"),
        domain: Some("d".into()),
        url: None,
        kind: "sample".into(),
        removed_fraction: 0.5,
        lines: (0..ghirbal::report::sample::MAX_LINES as u32)
            .map(|n| SampleLine {
                n: n + 1,
                fate: LineFate::Removed,
                role: None,
                reason: "lexicon:ui".into(),
                text: line.clone(),
            })
            .collect(),
        truncated_lines: 1000,
        articles: vec![SampleArticle {
            id: format!("p{k}/1"),
            title: Some("عنوان".into()),
            status: "kept".into(),
            text: "ن".repeat(ghirbal::report::sample::MAX_ARTICLE_CHARS),
        }],
    };
    let pages: Vec<SamplePage> = (0..100).map(page).collect();
    write_samples(out, &pages).unwrap();
    let html = render_report(out, &ReportOptions::default()).unwrap();
    assert!(html.len() < 5_000_000, "report is {} bytes", html.len());
    assert!(html.contains("left out to keep this report small"));
    check_balanced(&html);
}

/// The headless-Chromium check (tests/browser/report_check.sh) on the sample corpus's report;
/// skipped with a notice when chromium is not installed (CI installs it and runs the script on
/// the dev corpus too).
#[test]
fn report_renders_in_headless_chromium() {
    let has = std::process::Command::new("sh")
        .args(["-c", "command -v chromium"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !has {
        eprintln!("report_renders_in_headless_chromium: chromium not installed, skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sample = repo_root().join("samples/news-sample.jsonl");
    let (_, _) = run_with_report(vec![sample.display().to_string()], dir.path());
    let shot = dir.path().join("shot.png");
    let script = repo_root().join("crates/ghirbal/tests/browser/report_check.sh");
    let out = std::process::Command::new("sh")
        .arg(script)
        .arg(dir.path().join(REPORT_FILE))
        .arg(&shot)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{log}");
    assert!(log.contains("PASS"), "{log}");
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);
}
