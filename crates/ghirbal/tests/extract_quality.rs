//! Quality floor of structure recovery on the labelled page fixtures, scored with the same scorer
//! as `ghirbal eval`. A change that lowers body F1 or title accuracy below the floor fails here.

use ghirbal::eval::eval_dir;
use ghirbal::extract::extract_bytes;
use std::path::Path;

#[test]
fn page_fixtures_meet_the_quality_floor() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let report = eval_dir(&dir, extract_bytes).expect("fixtures evaluate");
    let json = serde_json::to_value(&report).expect("report serializes");
    let overall = &json["overall"];
    let f1 = overall["body_lines"]["f1"].as_f64().unwrap_or(0.0);
    let titles = overall["title_accuracy"].as_f64().unwrap_or(0.0);
    assert!(
        f1 >= 0.95,
        "body line F1 {f1:.3} below 0.95\n{}",
        report.render_table()
    );
    assert!(
        titles >= 0.9,
        "title accuracy {titles:.3} below 0.9\n{}",
        report.render_table()
    );
    assert!(json["pages"].as_array().is_some_and(|p| p.len() >= 20));
}

#[test]
fn seed_is_perfect() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed");
    let report = eval_dir(&dir, extract_bytes).expect("seed evaluates");
    let json = serde_json::to_value(&report).expect("report serializes");
    assert_eq!(json["overall"]["body_lines"]["f1"].as_f64(), Some(1.0));
    assert_eq!(json["overall"]["title_accuracy"].as_f64(), Some(1.0));
}
