//! The `clean` pipeline with title fields that name a site's section, not the record's
//! headline: the survey learns them from their recurrence, and the clean pass does not look for
//! them in the text.

use ghirbal::pipeline::{self, CleanConfig, CleanJob, NoProgress};
use std::io::Write;
use std::path::Path;

/// News paragraphs, combined differently in every record (each long enough to be running text).
const SENTENCES: &[&str] = &[
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة، وقال الوزير إن المشروع سيخدم أكثر من مئة ألف مواطن خلال العام المقبل.",
    "وأضاف المتحدث الرسمي أن الخطة تشمل بناء عشرين مركزا صحيا في المناطق الريفية وتأهيل الكوادر الطبية، مشيرا إلى أن التمويل متوفر بالكامل.",
    "ومن المنتظر أن تستقبل المراكز الجديدة المراجعين مطلع العام المقبل، بعد تجهيزها بأحدث المعدات وتوظيف الأطباء والممرضين من أبناء المنطقة.",
    "وختم الوزير تصريحه بالتأكيد على أن العمل سيبدأ فور استكمال الدراسات الفنية والمالية، وأن الوزارة ستعلن الجدول الزمني للمشروع قريبا.",
    "قتل الجيش عشرات المسلحين خلال اشتباكات عنيفة في شمال البلاد، واعتقل أكثر من مئة شخص بعد عملية استمرت عدة أيام في المنطقة الجبلية.",
    "رفعت الشركة أرباحها الفصلية بنسبة كبيرة مقارنة بالفترة نفسها من العام الماضي، بفضل ارتفاع المبيعات في الأسواق المحلية والخارجية.",
    "وقعت الحكومتان اتفاقية للتعاون في مجالات الطاقة والنقل والتعليم، على أن تبدأ اللجان المشتركة عملها خلال الأشهر الثلاثة المقبلة.",
    "أكد المسؤولون أن حركة المسافرين عبر المطار ارتفعت هذا الصيف إلى مستوى غير مسبوق، مع افتتاح صالات جديدة وزيادة عدد الرحلات اليومية.",
];

/// Inner headlines of the digests, one pair per digest.
const HEADLINES: &[[&str; 2]] = &[
    [
        "الجيش يعتقل عشرات المسلحين في الشمال",
        "اتفاقية جديدة للتعاون في مجال الطاقة",
    ],
    [
        "الشركة الوطنية ترفع أرباحها الفصلية",
        "المطار يستقبل أعدادا قياسية من المسافرين",
    ],
    [
        "مستشفى جديد يخدم مئة ألف مواطن",
        "عشرون مركزا صحيا في المناطق الريفية",
    ],
    [
        "لجان مشتركة تبدأ عملها خلال أشهر",
        "صالات جديدة وزيادة في الرحلات اليومية",
    ],
];

/// A digest whose first item's headline stands right above its paragraph, unstamped.
fn digest(i: usize) -> String {
    let s = |k: usize| SENTENCES[(i + k) % SENTENCES.len()];
    let [h1, h2] = HEADLINES[i];
    format!("{h1}\n{} {}\n\n{h2}\n{} {}", s(0), s(1), s(2), s(3))
}

fn write_input(path: &Path) {
    let mut f = std::fs::File::create(path).expect("input");
    let mut line = |id: &str, title: &str, text: &str| {
        let rec = serde_json::json!({
            "id": id,
            "url": format!("https://digest.example/{id}"),
            "title": title,
            "text": text,
        });
        writeln!(f, "{rec}").expect("write");
    };
    for i in 0..HEADLINES.len() {
        line(&format!("digest-{i}"), "موجز دوليات", &digest(i));
    }
    // A record of the section whose text prints no headline at all: the section's name is
    // still the best title it has.
    line(
        "untitled",
        "موجز دوليات",
        &format!("{}\n{}\n{}", SENTENCES[6], SENTENCES[7], SENTENCES[4]),
    );
    // A record whose field is its own headline, not printed in the text: the line above the
    // first paragraph is a photo caption.
    let caption = "الوزير خلال لقائه وفد الجامعة";
    line(
        "story",
        "وزير الصحة يستقبل وفدا من جامعة المدينة",
        &format!(
            "{caption}\n{}\n{}\n{}",
            SENTENCES[0], SENTENCES[1], SENTENCES[5]
        ),
    );
}

fn titles(out: &Path) -> Vec<(String, Option<String>)> {
    let bytes = std::fs::read(out.join("articles.jsonl.zst")).expect("articles");
    let text = String::from_utf8(zstd::decode_all(&bytes[..]).expect("zstd")).expect("utf-8");
    text.lines()
        .map(|l| {
            let a: serde_json::Value = serde_json::from_str(l).expect("json");
            (
                a["id"].as_str().unwrap_or_default().to_string(),
                a["title"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn digest_titled_by_its_section_name_keeps_its_inner_headline() {
    // Regression (SaudiNewsNet dev, ~25 records: aawsat `موجز دوليات`, aleqt `أخبار السوق`,
    // alriyadh `إصدارات`): when the title field names no line of the text, the field titles
    // the first article instead of the unstamped line above its first paragraph. For a digest
    // whose field is its section's name, that line is the first item's headline.
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    write_input(&input);
    let out = dir.path().join("out");
    let mut config = CleanConfig::preset("arabic-news").expect("preset");
    config.dedup = None;
    let job = CleanJob {
        inputs: vec![input.to_string_lossy().into_owned()],
        out_dir: out.clone(),
        config,
        templates: None,
        dedup_index: None,
    };
    let stats = pipeline::run(&job, &NoProgress).expect("clean runs");
    assert_eq!(stats.section_titles, 1);
    assert_eq!(stats.section_title_fields, HEADLINES.len() as u64 + 1);
    let got = titles(&out);
    for (i, [h1, _]) in HEADLINES.iter().enumerate() {
        let first = got
            .iter()
            .find(|(id, _)| *id == format!("digest-{i}/1"))
            .and_then(|(_, t)| t.as_deref());
        assert_eq!(first, Some(*h1), "{got:?}");
    }
    let untitled = got.iter().find(|(id, _)| id == "untitled/1");
    assert_eq!(
        untitled.and_then(|(_, t)| t.as_deref()),
        Some("موجز دوليات"),
        "{got:?}"
    );
    // A unique field is the record's headline: it titles the article, not the caption.
    let story = got.iter().find(|(id, _)| id == "story/1");
    assert_eq!(
        story.and_then(|(_, t)| t.as_deref()),
        Some("وزير الصحة يستقبل وفدا من جامعة المدينة"),
        "{got:?}"
    );
    // The section title is saved, and a run reusing the saved templates decides alike.
    let saved = std::fs::read_to_string(out.join("templates.json")).expect("templates.json");
    assert!(saved.contains("\"section_titles\""));
    let again = dir.path().join("again");
    let reuse = CleanJob {
        out_dir: again.clone(),
        templates: Some(out.join("templates.json")),
        ..job
    };
    let stats = pipeline::run(&reuse, &NoProgress).expect("clean with --templates runs");
    assert_eq!(stats.section_title_fields, HEADLINES.len() as u64 + 1);
    assert_eq!(titles(&again), got);
}
