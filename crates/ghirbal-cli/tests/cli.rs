//! CLI integration tests: the `ghirbal` binary on fixtures, end to end.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ghirbal"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ghirbal/tests/fixtures")
}

fn seed() -> PathBuf {
    fixtures().join("seed/000_bc9fe6347abb5776.txt")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the ghirbal binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn extract_json(path: &Path) -> serde_json::Value {
    let o = run(&[
        "extract",
        "--format",
        "json",
        path.to_str().expect("utf-8 path"),
    ]);
    assert!(o.status.success(), "extract failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("extract prints JSON")
}

#[test]
fn seed_page_reproduces_its_gold_exactly() {
    let pred = extract_json(&seed());
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("seed/000_bc9fe6347abb5776.gold.json"))
            .expect("gold"),
    )
    .expect("gold JSON");
    assert_eq!(pred["schema"], 1);
    assert_eq!(pred["publisher"], gold["publisher"]);
    let (p, g) = (
        pred["articles"].as_array().expect("articles"),
        gold["articles"].as_array().expect("articles"),
    );
    assert_eq!(p.len(), 2);
    assert_eq!(p.len(), g.len());
    for (pa, ga) in p.iter().zip(g) {
        // Every field the gold states must be reproduced exactly (the gold has no byline/date).
        for (k, v) in ga.as_object().expect("gold article") {
            assert_eq!(&pa[k], v, "field `{k}` differs");
        }
    }
    assert_eq!(p[0]["body"].as_array().map(Vec::len), Some(8));
    assert_eq!(p[1]["body"].as_array().map(Vec::len), Some(9));
    assert_eq!(p[0]["related"].as_array().map(Vec::len), Some(5));
}

#[test]
fn seed_page_line_roles_agree_with_labels() {
    let pred = extract_json(&seed());
    let labels = std::fs::read_to_string(fixtures().join("seed/000_bc9fe6347abb5776.labels.tsv"))
        .expect("labels");
    let lines = pred["lines"].as_array().expect("lines");
    let mut checked = 0;
    for row in labels.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let n: usize = cols[0].parse().expect("line number");
        let want = match cols[2] {
            "title_repeat" | "caption_repeat" => "repeat",
            "ui" | "related_header" => "boilerplate",
            l if l.starts_with("teaser_") => "teaser",
            l => l,
        };
        assert_eq!(lines[n - 1]["n"], n as u64);
        assert_eq!(lines[n - 1]["role"], want, "line {n}");
        checked += 1;
    }
    assert_eq!(checked, 96);
}

#[test]
fn text_format_prints_titles_and_bodies_separated() {
    let o = run(&[
        "extract",
        "--format",
        "text",
        seed().to_str().expect("path"),
    ]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("لافروف: على فريق ترمب"));
    assert_eq!(out.matches("\n---\n").count(), 1);
    assert!(
        !out.contains("TT"),
        "widget text must not reach the clean text"
    );
}

#[test]
fn explain_format_gives_every_line_a_role_and_reason() {
    let o = run(&[
        "extract",
        "--format",
        "explain",
        seed().to_str().expect("path"),
    ]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 96);
    assert!(
        !out.contains("\x1b["),
        "no colour when not writing to a terminal"
    );
    assert!(
        out.lines()
            .nth(4)
            .is_some_and(|l| l.contains("boilerplate")),
        "the TT line"
    );
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = bin()
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(&std::fs::read(seed()).expect("seed"))
            .expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["source"], "-");
    assert_eq!(v["articles"].as_array().map(Vec::len), Some(2));
}

#[test]
fn missing_file_is_a_clear_error() {
    let o = run(&["extract", "/definitely/not/here.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/definitely/not/here.txt"));
}

#[test]
fn empty_file_gives_no_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("empty.txt");
    std::fs::write(&p, b"").expect("write");
    let v = extract_json(&p);
    assert_eq!(v["articles"].as_array().map(Vec::len), Some(0));
}

#[test]
fn binary_file_is_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("image.txt");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    std::fs::write(&p, bytes).expect("write");
    let o = run(&["extract", p.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("binary"), "{}", stderr(&o));
}

#[test]
fn invalid_utf8_bytes_are_replaced_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("bad.txt");
    let mut bytes = std::fs::read(seed()).expect("seed");
    bytes.splice(200..200, [0xFF, 0xFE, 0xC3]);
    std::fs::write(&p, bytes).expect("write");
    let v = extract_json(&p);
    assert_eq!(v["articles"].as_array().map(Vec::len), Some(2));
}

#[test]
fn windows_1256_page_is_decoded() {
    let p = fixtures().join("pages/11-legacy-cp1256.txt");
    let v = extract_json(&p);
    let title = v["articles"][0]["title"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        title
            .chars()
            .any(|c| ('\u{0621}'..='\u{064A}').contains(&c)),
        "Arabic title expected, got {title:?}"
    );
}

#[test]
fn fifty_megabyte_single_line_gives_a_result() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("huge.txt");
    let sentence = "هذه جملة عربية طويلة تتكرر لاختبار سطر واحد ضخم، ";
    let line = sentence.repeat(50 * 1024 * 1024 / sentence.len() + 1);
    std::fs::write(&p, line).expect("write");
    let o = run(&["extract", "--format", "text", p.to_str().expect("path")]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Regression: `ghirbal extract … | head` printed `ghirbal: error: Broken pipe (os error 32)`
/// when `head` stopped reading; a closed pipe now ends the run quietly, with SIGPIPE's status.
#[test]
fn closed_stdout_pipe_ends_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("long.txt");
    // Far more explain output than a pipe buffers.
    let para = "أعلنت الوزارة اليوم عن خطة جديدة لتطوير الطرق في المدينة خلال العام المقبل.\n";
    std::fs::write(&p, para.repeat(20_000)).expect("write");
    for format in ["explain", "json"] {
        let mut child = bin()
            .args(["extract", "--format", format, p.to_str().expect("path")])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        assert_eq!(o.status.code(), Some(141), "{format}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{format}");
    }
}

#[test]
fn eval_scores_the_seed_perfectly() {
    let o = run(&[
        "eval",
        fixtures().join("seed").to_str().expect("path"),
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let text = v.to_string();
    assert!(text.contains("\"f1\":1.0"), "{text}");
}

#[test]
fn survey_sample_and_cap_flags_reach_the_config() {
    let config = |args: &[&str]| {
        let mut all = vec!["clean", "--print-config"];
        all.extend_from_slice(args);
        let o = run(&all);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a JSON config");
        let s = &v["survey_config"];
        (
            s["sample_docs_per_domain"].as_u64(),
            s["max_docs_per_domain"].as_u64(),
        )
    };
    assert_eq!(config(&[]), (Some(1000), Some(0)));
    assert_eq!(
        config(&["--survey-sample", "0", "--survey-docs", "50"]),
        (Some(0), Some(50))
    );
}

#[test]
fn clean_summary_says_how_many_records_the_survey_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    let mut lines = String::new();
    for k in 0..5 {
        let text = format!(
            "أعلنت الوزارة في بيانها رقم {k} عن خطة جديدة لتطوير الطرق في المدينة خلال العام المقبل.\nمع تحيات فريق التحرير"
        );
        let rec = serde_json::json!({"id": k.to_string(), "url": format!("http://a.example/{k}"), "text": text});
        lines.push_str(&format!("{rec}\n"));
    }
    std::fs::write(&input, lines).expect("input");
    let out = dir.path().join("out");
    let o = run(&[
        "clean",
        input.to_str().expect("utf-8 path"),
        "-o",
        out.to_str().expect("utf-8 path"),
        "--survey-sample",
        "2",
        "--no-report",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Records 0 and 1 in full, then one in two: 2 and 4.
    let err = stderr(&o);
    let value = |key: &str| {
        err.lines()
            .find(|l| l.trim_start().starts_with(key))
            .and_then(|l| l.split_whitespace().last())
            .map(str::to_string)
    };
    assert_eq!(
        value("from records surveyed").as_deref(),
        Some("4"),
        "{err}"
    );
    assert_eq!(
        value("records outside the sample").as_deref(),
        Some("1"),
        "{err}"
    );
}
