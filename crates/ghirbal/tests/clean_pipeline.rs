//! The `clean` pipeline end to end: accounting, determinism across thread counts, malformed
//! input, and what a run killed midway leaves behind.

use ghirbal::pipeline::{self, CleanConfig, CleanJob, NoProgress, Progress, Stats};
use std::io::Write;
use std::path::{Path, PathBuf};

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/news-sample.jsonl")
        .to_string_lossy()
        .into_owned()
}

fn job(inputs: Vec<String>, out: &Path) -> CleanJob {
    CleanJob {
        inputs,
        out_dir: out.to_path_buf(),
        config: CleanConfig::preset("arabic-news").expect("preset"),
        templates: None,
        dedup_index: None,
    }
}

fn run_with_threads(job: &CleanJob, threads: usize) -> Stats {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    pool.install(|| pipeline::run(job, &NoProgress))
        .expect("clean runs")
}

fn read_zst_lines(path: &Path) -> Vec<serde_json::Value> {
    let bytes = std::fs::read(path).expect("output exists");
    let text = zstd::decode_all(&bytes[..]).expect("zstd");
    String::from_utf8(text)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

#[test]
fn sample_corpus_is_fully_accounted_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let stats = run_with_threads(&job(vec![sample()], dir.path()), 2);
    assert!(stats.reconciled, "{stats:#?}");
    let lines = std::fs::read_to_string(sample())
        .expect("sample")
        .lines()
        .count() as u64;
    assert_eq!(stats.records.items, lines);
    let kept = read_zst_lines(&dir.path().join("articles.jsonl.zst"));
    let rejects = read_zst_lines(&dir.path().join("rejects.jsonl.zst"));
    assert_eq!(kept.len() as u64, stats.articles.kept);
    let rejected: u64 = stats.rejects_by_reason.values().sum();
    assert_eq!(rejects.len() as u64, rejected);
    for reason in [
        "input:bad-json",
        "input:text-not-string",
        "empty",
        "lang:en",
    ] {
        assert!(
            stats.rejects_by_reason.contains_key(reason),
            "missing {reason}"
        );
    }
    assert!(
        stats.articles.duplicates > 0,
        "the republished story is a duplicate"
    );
    // Kept articles carry their training text and say what was removed.
    for a in &kept {
        assert!(a["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(a["removed"].is_array());
    }
    let on_disk: Stats = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("stats.json")).expect("stats"),
    )
    .expect("parse");
    assert_eq!(on_disk.records, stats.records);
}

#[test]
fn output_is_byte_identical_with_one_and_two_threads() {
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let sa = run_with_threads(&job(vec![sample()], a.path()), 1);
    let sb = run_with_threads(&job(vec![sample()], b.path()), 2);
    for f in [
        "articles.jsonl.zst",
        "rejects.jsonl.zst",
        "clusters.jsonl.zst",
        "templates.json",
        "config.json",
    ] {
        let x = std::fs::read(a.path().join(f)).expect("a file");
        let y = std::fs::read(b.path().join(f)).expect("b file");
        assert!(x == y, "{f} differs between 1 and 2 threads");
    }
    let (mut sa, mut sb) = (sa, sb);
    sa.timings = Default::default();
    sb.timings = Default::default();
    assert_eq!(sa, sb);
}

#[test]
fn malformed_inputs_become_rejects_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = r#"{"id":"ok","url":"https://example.sa/a","text":"عنوان الخبر\n\nأعلنت الوزارة اليوم عن خطة جديدة لتطوير المدارس في المناطق الريفية، وقالت إن العمل سيبدأ خلال الأشهر المقبلة بعد استكمال الدراسات اللازمة.\n\nوأضاف المتحدث باسم الوزارة أن الخطة تشمل بناء عشرين مدرسة وتأهيل المعلمين، مشيرا إلى أن التمويل متوفر بالكامل من الميزانية العامة للدولة."}"#;
    // JSONL with a bad line, a non-string text, invalid UTF-8 and a 50 MB record.
    let jsonl = dir.path().join("mixed.jsonl");
    {
        let mut f = std::fs::File::create(&jsonl).expect("create");
        writeln!(f, "{good}").expect("w");
        writeln!(f, "{{not json").expect("w");
        writeln!(f, r#"{{"id":"num","text":12}}"#).expect("w");
        f.write_all(b"{\"id\":\"bad-utf8\",\"text\":\"\xff\xfe\"}\n")
            .expect("w");
        let big = "ب".repeat(26 * 1024 * 1024);
        writeln!(f, r#"{{"id":"big","text":"{big}"}}"#).expect("w");
        writeln!(f, "{}", good.replace("\"ok\"", "\"ok2\"")).expect("w");
    }
    // A truncated gzip and a truncated zstd stream.
    let mut lines = String::new();
    for i in 0..200 {
        lines.push_str(&good.replace("\"ok\"", &format!("\"g{i}\"")));
        lines.push('\n');
    }
    let gz = dir.path().join("cut.jsonl.gz");
    {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(lines.as_bytes()).expect("gz");
        let bytes = e.finish().expect("gz");
        std::fs::write(&gz, &bytes[..bytes.len() * 2 / 3]).expect("write gz");
    }
    let zst = dir.path().join("cut.jsonl.zst");
    {
        let bytes = zstd::encode_all(lines.as_bytes(), 3).expect("zstd");
        std::fs::write(&zst, &bytes[..bytes.len() * 2 / 3]).expect("write zst");
    }
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, b"").expect("empty");
    let out = dir.path().join("out");
    let mut j = job(
        vec![jsonl, gz, zst, empty]
            .into_iter()
            .map(|p: PathBuf| p.to_string_lossy().into_owned())
            .collect(),
        &out,
    );
    j.config.max_record_bytes = 16 * 1024 * 1024;
    let stats = run_with_threads(&j, 2);
    assert!(stats.reconciled, "{stats:#?}");
    for reason in [
        "input:bad-json",
        "input:text-not-string",
        "input:invalid-utf8",
        "input:too-large",
        "input:truncated",
    ] {
        assert!(
            stats.rejects_by_reason.contains_key(reason),
            "missing {reason}: {:?}",
            stats.rejects_by_reason
        );
    }
    assert_eq!(stats.rejects_by_reason.get("input:truncated"), Some(&2));
    assert!(
        stats.records.records > 2,
        "records after the bad ones were read"
    );
    let rejects = read_zst_lines(&out.join("rejects.jsonl.zst"));
    let bad = rejects
        .iter()
        .find(|r| r["reason"] == "input:bad-json")
        .expect("bad json reject");
    assert!(
        bad["location"]
            .as_str()
            .is_some_and(|l| l.ends_with("mixed.jsonl:2")),
        "{bad}"
    );
}

struct DieAt(&'static str);
impl Progress for DieAt {
    fn phase(&self, name: &str) {
        assert_ne!(name, self.0, "simulated kill");
    }
}

#[test]
fn a_run_killed_midway_leaves_nothing_that_looks_complete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let j = job(vec![sample()], dir.path());
    run_with_threads(&j, 1);
    let first = std::fs::read(dir.path().join("articles.jsonl.zst")).expect("articles");
    // A second run into the same directory dies during dedup.
    let died = std::panic::catch_unwind(|| pipeline::run(&j, &DieAt("dedup")));
    assert!(died.is_err());
    assert!(
        !dir.path().join("stats.json").exists(),
        "stats.json marks a complete run"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.contains(".tmp-") || n.contains("spool")
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files removed: {leftovers:?}"
    );
    // A rerun gives the same bytes.
    run_with_threads(&j, 2);
    assert_eq!(
        std::fs::read(dir.path().join("articles.jsonl.zst")).expect("articles"),
        first
    );
    assert!(dir.path().join("stats.json").exists());
}

#[test]
fn parquet_output_holds_the_same_articles_as_jsonl() {
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    run_with_threads(&job(vec![sample()], a.path()), 2);
    let mut pj = job(vec![sample()], b.path());
    pj.config.output_format = pipeline::OutputFormat::Parquet;
    let stats = run_with_threads(&pj, 2);
    assert!(!b.path().join("articles.jsonl.zst").exists());
    let jsonl = read_zst_lines(&a.path().join("articles.jsonl.zst"));
    // Read the Parquet file back with ghirbal's own reader (text and id columns).
    let sources = ghirbal::io::expand_inputs(&[b
        .path()
        .join("articles.parquet")
        .to_string_lossy()
        .into_owned()])
    .expect("parquet input");
    let reader = ghirbal::io::Reader::new(sources, ghirbal::io::ReaderOptions::default());
    let mut rows = Vec::new();
    for item in reader {
        match item.expect("readable") {
            ghirbal::io::Item::Record(r) => rows.push(r),
            ghirbal::io::Item::Reject(r) => panic!("reject {r:?}"),
        }
    }
    assert_eq!(rows.len() as u64, stats.articles.kept);
    assert_eq!(rows.len(), jsonl.len());
    for (r, j) in rows.iter().zip(&jsonl) {
        assert_eq!(Some(r.id.as_str()), j["id"].as_str());
        assert_eq!(Some(r.text.as_str()), j["text"].as_str());
        let full: serde_json::Value =
            serde_json::from_str(r.metadata["record"].as_str().expect("record column"))
                .expect("record json");
        assert_eq!(&full, j, "the record column holds the whole article");
    }
}

#[test]
fn style_sheet_glued_to_an_article_is_cut_and_the_article_kept() {
    // Regression (SaudiNewsNet, 8 alriyadh poll articles): a poll widget's CSS and jQuery were
    // glued to the end of the article's one line; the line was mostly ASCII code and the
    // article was rejected as `lang:und`.
    let body = [
        "ينقسم الصائمون من حيث الإفطار في شهر رمضان المبارك إلى نوعين، نوع يتناول كل ما لديه من أصناف الأطعمة في وقت واحد مع أذان صلاة المغرب، ونوع آخر يبدأ بالتمر والماء ثم يؤجل الطعام إلى ما بعد الصلاة.",
        "ويرى كثير من الأطباء أن الإفطار الخفيف أفضل للمعدة، بينما يفضل آخرون الوجبة الكاملة لأنها تعوض الجسم عن ساعات الصيام الطويلة في أيام الصيف الحارة.",
        "ما النوع الذي تفضله وإلى أي جانب أنت؟ وهل ما تفضله عادة يكون هو ما يعمل به في المنزل؟ أم هناك اعتراض على ما تفضله ولا تستطيع إنكاره؟.",
    ]
    .join(" ");
    let code = "#vote_area2 ul { padding: 0; margin: 0; } .box_vote { background: #FFFFFF; padding:18px; margin-bottom:10px; overflow: hidden; } .box_vote h4 { font:bold 12px Tahoma; color: #7b7a7a; margin:0; } jQuery.noConflict(); jQuery(document).ready(function(){ jQuery('#vote_form2').submit(function() { jQuery('#vote_area2').html('انتظر لحظات…'); return false; }); var plot1 = jQuery.jqplot('pie1', [[ ['a1870',1254],['a1871',1451],['a1872',563] ]], { gridPadding: {top:0, bottom:0, left:0, right:0}, grid: { drawBorder: false, background: 'none', shadow:false } }); });";
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("poll.jsonl");
    let rec = serde_json::json!({
        "id": "poll",
        "url": "http://www.alriyadh.com/1061061",
        "title": "«إفطار رمضان» بين الإكثار والتقليل",
        "content": format!("{body} {code} كيف تتناول إفطارك في رمضان؟"),
    });
    std::fs::write(&input, format!("{rec}\n")).expect("input");
    let out = dir.path().join("out");
    let stats = run_with_threads(&job(vec![input.to_string_lossy().into_owned()], &out), 1);
    assert_eq!(stats.articles.kept, 1, "{stats:?}");
    let arts = read_zst_lines(&out.join("articles.jsonl.zst"));
    let text = arts[0]["text"].as_str().unwrap_or_default();
    assert!(text.ends_with("ولا تستطيع إنكاره؟."), "{text}");
    assert!(
        !text.contains("jQuery") && !text.contains("padding"),
        "{text}"
    );
    let cuts = arts[0]["cuts"].as_array().cloned().unwrap_or_default();
    assert!(
        cuts.iter().any(|c| c["reason"] == "code:inline"),
        "{cuts:?}"
    );
}

/// A rejected article used to keep only its title and text: a duplicate of the seed page lost
/// its related links, captions and byline, and which lines were dropped (the issue asks for
/// rejects "in full"). It now carries every field its article line would, but `dup`.
#[test]
fn rejected_duplicate_keeps_related_links_captions_and_removed_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed/000_bc9fe6347abb5776.txt"),
    )
    .expect("seed page");
    let input = dir.path().join("pages.jsonl");
    let mut f = std::fs::File::create(&input).expect("input");
    for (id, url) in [
        ("a", "https://aawsat.com/a"),
        ("b", "https://example-mirror.net/b"),
    ] {
        let rec = serde_json::json!({"id": id, "url": url, "text": page});
        writeln!(f, "{rec}").expect("write");
    }
    // An empty record: a record-level reject, with no article parts.
    writeln!(f, "{}", serde_json::json!({"id": "c", "text": " "})).expect("write");
    drop(f);
    let out = dir.path().join("out");
    let stats = run_with_threads(&job(vec![input.to_string_lossy().into_owned()], &out), 1);
    assert!(stats.reconciled, "{stats:#?}");
    let kept = read_zst_lines(&out.join("articles.jsonl.zst"));
    let rejects = read_zst_lines(&out.join("rejects.jsonl.zst"));
    let kept_a1 = kept
        .iter()
        .find(|a| a["id"] == "a/1")
        .expect("the first copy's first article is kept");
    let dup = rejects
        .iter()
        .find(|r| r["id"] == "b/1")
        .expect("the mirror's first article is a duplicate");
    assert_eq!(dup["stage"], "dedup");
    assert_eq!(dup["duplicate_of"], "a/1");
    assert!(
        kept_a1["related"].as_array().is_some_and(|r| r.len() == 5),
        "{}",
        kept_a1["related"]
    );
    for field in [
        "body", "captions", "byline", "date", "related", "lang", "removed", "cuts",
    ] {
        assert_eq!(dup[field], kept_a1[field], "{field}");
    }
    assert!(dup["quality"].as_object().is_some_and(|q| !q.is_empty()));
    assert!(dup.get("dup").is_none());
    let empty = rejects
        .iter()
        .find(|r| r["id"] == "c")
        .expect("the empty record is rejected");
    assert_eq!(empty["stage"], "record");
    for field in ["body", "related", "removed", "quality"] {
        assert!(empty.get(field).is_none(), "{field} on a record reject");
    }
    // Reject lines read back into the library's own type.
    for r in &rejects {
        let back: ghirbal::pipeline::RejectRecord =
            serde_json::from_value(r.clone()).expect("a reject line parses");
        assert_eq!(back.article.is_some(), r.get("body").is_some());
    }
}

/// `sample_docs_per_domain`: past a site's first records the survey thins its records instead
/// of stopping, so a sign-off the site adopts late is learned; a cap (`max_docs_per_domain`)
/// counting as many records misses it.
#[test]
fn survey_sample_learns_a_template_a_site_adopts_late() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    let mut f = std::fs::File::create(&input).expect("input");
    for k in 0..14 {
        let sign_off = if k < 4 {
            "مع تحيات فريق التحرير"
        } else {
            "تابعونا في كل مكان"
        };
        let text = format!(
            "أعلنت الوزارة في بيانها رقم {k} عن خطة جديدة لتطوير الطرق في المدينة خلال العام المقبل بتكلفة كبيرة.\n\
             وقال المتحدث إن العمل في المرحلة {k} بدأ منذ أشهر وسيكتمل قبل نهاية العام بحسب الجدول.\n{sign_off}"
        );
        let rec = serde_json::json!({"id": k.to_string(), "url": format!("http://a.example/{k}"), "text": text});
        writeln!(f, "{rec}").expect("write");
    }
    drop(f);
    let run = |sample: u64, cap: u64, threads: usize, out: &Path| {
        let mut j = job(vec![input.to_string_lossy().into_owned()], out);
        j.config.survey_config.sample_docs_per_domain = sample;
        j.config.survey_config.max_docs_per_domain = cap;
        j.config.batch_records = 3;
        let stats = run_with_threads(&j, threads);
        let templates = std::fs::read_to_string(out.join("templates.json")).expect("templates");
        (stats, templates)
    };
    // Sample of 2: records 0, 1, then 2, 4 (one in two), then 6, 10 (one in four).
    let (s1, t1) = run(2, 0, 1, &dir.path().join("s1"));
    let (s2, t2) = run(2, 0, 2, &dir.path().join("s2"));
    assert_eq!(t1, t2, "the sample does not depend on the thread count");
    assert_eq!((s1.survey_records, s1.survey_records_skipped), (6, 8));
    assert_eq!((s2.survey_records, s2.survey_records_skipped), (6, 8));
    assert!(s1.reconciled && s1.records.items == 14);
    assert!(t1.contains("تابعونا في كل مكان"), "{t1}");
    // The same number of records from the start only: records 4 and 5 carry the late sign-off.
    let (c, tc) = run(0, 6, 2, &dir.path().join("cap"));
    assert_eq!((c.survey_records, c.survey_records_skipped), (6, 8));
    assert!(tc.contains("مع تحيات فريق التحرير"), "{tc}");
    assert!(!tc.contains("تابعونا في كل مكان"), "{tc}");
}

/// `max_docs_per_domain`: each site's templates come from its first records in input order,
/// whatever the thread count and batch size, and the rest are counted as passed over.
#[test]
fn survey_quota_learns_from_each_sites_first_records() {
    const WORDS: &[&str] = &[
        "أعلنت",
        "الوزارة",
        "اليوم",
        "عن",
        "خطة",
        "جديدة",
        "لتطوير",
        "الطرق",
        "في",
        "المدينة",
        "وقال",
        "المتحدث",
        "إن",
        "المشروع",
        "سيكتمل",
        "خلال",
        "العام",
        "المقبل",
        "بتكلفة",
        "كبيرة",
        "وأضاف",
        "أن",
        "العمل",
        "بدأ",
        "منذ",
        "أشهر",
    ];
    // A paragraph of 20 words that differs from record to record.
    let para = |k: usize| {
        let w: Vec<&str> = (0..20)
            .map(|j| WORDS[(k * 7 + j * j + j) % WORDS.len()])
            .collect();
        format!("{} رقم {k}.", w.join(" "))
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    let mut f = std::fs::File::create(&input).expect("input");
    for k in 0..12 {
        // Six records per site, interleaved: the early sign-off is in each site's first three,
        // the late one in its last three.
        let site = if k % 2 == 0 { "a.example" } else { "b.example" };
        let sign_off = if k < 6 {
            "مع تحيات فريق التحرير"
        } else {
            "تابعونا في كل مكان"
        };
        let text = format!("{}\n{}\n{sign_off}", para(k), para(k + 100));
        let rec = serde_json::json!({"id": k.to_string(), "url": format!("http://{site}/{k}"), "text": text});
        writeln!(f, "{rec}").expect("write");
    }
    drop(f);
    let run = |quota: u64, threads: usize, out: &Path| {
        let mut j = job(vec![input.to_string_lossy().into_owned()], out);
        j.config.survey_config.max_docs_per_domain = quota;
        j.config.batch_records = 5;
        let stats = run_with_threads(&j, threads);
        let templates = std::fs::read_to_string(out.join("templates.json")).expect("templates");
        (stats, templates)
    };
    let (s1, t1) = run(3, 1, &dir.path().join("q1"));
    let (s2, t2) = run(3, 2, &dir.path().join("q2"));
    assert_eq!(t1, t2, "the sample does not depend on the thread count");
    assert_eq!((s1.survey_records, s1.survey_records_skipped), (6, 6));
    assert_eq!((s2.survey_records, s2.survey_records_skipped), (6, 6));
    assert!(s1.reconciled && s1.records.items == 12);
    assert!(t1.contains("مع تحيات فريق التحرير"), "{t1}");
    assert!(!t1.contains("تابعونا في كل مكان"), "{t1}");
    let (all, t) = run(0, 2, &dir.path().join("all"));
    assert_eq!((all.survey_records, all.survey_records_skipped), (12, 0));
    assert!(
        t.contains("مع تحيات فريق التحرير") && t.contains("تابعونا في كل مكان"),
        "{t}"
    );
}

/// Regression (survey pruning depended on the thread count): once a site's counts pass
/// `max_keys_per_domain`, the lines seen in one record are dropped. That pruning ran on each
/// thread's partial counts, so which lines survived (and so `templates.json`) changed with the
/// thread count. It now runs only after each input batch is merged, on exact sums.
#[test]
fn survey_pruning_does_not_depend_on_the_thread_count() {
    const WORDS: &[&str] = &[
        "الوزارة",
        "المدينة",
        "الطرق",
        "المشروع",
        "العام",
        "الخطة",
        "المتحدث",
        "الأعمال",
        "المرحلة",
        "الجديدة",
        "الكبيرة",
        "الماضي",
    ];
    // Words that differ from record to record (digits would fold to one form).
    let word = |k: usize, j: usize| WORDS[(k / WORDS.len().pow(j as u32)) % WORDS.len()];
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    let mut f = std::fs::File::create(&input).expect("input");
    for k in 0..40 {
        // Each record: three lines of its own, and one of two sign-offs, in turn.
        let sign_off = if k % 2 == 0 {
            "مع تحيات فريق التحرير"
        } else {
            "تابعونا على الشبكات الاجتماعية"
        };
        let (a, b) = (word(k, 0), word(k, 1));
        let text = format!(
            "أعلنت {a} في بيانها عن خطة {b} لتطوير الطرق في المدينة خلال العام المقبل.\n\
             وقال المتحدث إن العمل في {b} بدأ منذ أشهر في {a}.\n{a} {b}\n{sign_off}"
        );
        let rec = serde_json::json!({"id": k.to_string(), "url": format!("http://a.example/{k}"), "text": text});
        writeln!(f, "{rec}").expect("write");
    }
    drop(f);
    let run = |threads: usize, out: &Path| {
        let mut j = job(vec![input.to_string_lossy().into_owned()], out);
        j.config.survey_config.max_keys_per_domain = 12;
        j.config.batch_records = 20;
        let stats = run_with_threads(&j, threads);
        let templates = std::fs::read_to_string(out.join("templates.json")).expect("templates");
        (stats, templates)
    };
    let (s1, t1) = run(1, &dir.path().join("t1"));
    let (s2, t2) = run(2, &dir.path().join("t2"));
    assert_eq!(t1, t2, "templates differ between 1 and 2 threads");
    assert_eq!(s1.survey_state_bytes, s2.survey_state_bytes);
    assert!(s1.reconciled && s1.records.items == 40);
    // Both sign-offs recur within each batch, so pruning keeps them.
    assert!(
        t1.contains("مع تحيات فريق التحرير") && t1.contains("تابعونا على الشبكات"),
        "{t1}"
    );
}
