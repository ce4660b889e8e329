//! Snapshot tests of structure recovery on the page fixtures (`tests/fixtures/pages/`): every
//! line's role and reason and every recovered article. A change in extraction shows up as a
//! snapshot diff to review (`cargo insta review`, or `INSTA_UPDATE=always cargo test`).

use ghirbal::extract::extract_bytes;
use std::fmt::Write;
use std::path::Path;

fn render(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("fixture readable");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("page");
    let ex = extract_bytes(&bytes, name).expect("fixture extracts");
    let mut out = String::new();
    let _ = writeln!(out, "publisher: {:?}", ex.publisher);
    for (k, a) in ex.articles.iter().enumerate() {
        let _ = writeln!(out, "article {}: lines {:?}", k + 1, a.lines);
        let _ = writeln!(out, "  title: {:?}", a.title);
        let _ = writeln!(out, "  date: {:?}", a.date);
        let _ = writeln!(out, "  byline: {:?}", a.byline);
        for c in &a.captions {
            let _ = writeln!(out, "  caption: {:?} credit {:?}", c.text, c.credit);
        }
        let _ = writeln!(out, "  body: {} paragraphs", a.body.len());
        for t in &a.related {
            let _ = writeln!(
                out,
                "  related: {:?} | section {:?} | summary? {}",
                t.title,
                t.section,
                t.summary.is_some()
            );
        }
    }
    for l in &ex.lines {
        if l.role != ghirbal::core::Role::Blank {
            let _ = writeln!(
                out,
                "{:>4} {:<11} {} {}",
                l.n,
                l.role.as_str(),
                l.article,
                l.reason
            );
        }
    }
    out
}

#[test]
fn page_fixtures() {
    insta::glob!("fixtures/pages/*.txt", |path| {
        insta::assert_snapshot!(render(path));
    });
}

#[test]
fn seed_page() {
    insta::glob!("fixtures/seed/*.txt", |path| {
        insta::assert_snapshot!(render(path));
    });
}
