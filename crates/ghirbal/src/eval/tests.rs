use super::*;
use ghirbal_core::{Article, LineLabel, Reason, EXTRACTION_SCHEMA};
use std::path::PathBuf;

/// A tiny page: line roles and texts chosen so that every score can be counted by hand.
const PAGE: &str = "aa bb\ncc dd ee\nff gg\n\nhh\nii jj kk ll\n";

fn tiny_gold() -> Gold {
    Gold {
        labels: Some(vec![
            (1, 1, Role::Title),
            (2, 1, Role::Body),
            (3, 1, Role::Body),
            (4, 1, Role::Blank),
            (5, 1, Role::Body),
            (6, 0, Role::Teaser),
            (7, 0, Role::Blank),
        ]),
        articles: None,
        text: Some(PAGE.split('\n').map(str::to_string).collect()),
    }
}

/// An extraction with the given line roles (1-based, in order) and article titles/bodies.
fn pred(roles: &[Role], articles: Vec<(Option<&str>, Vec<&str>)>) -> Extraction {
    Extraction {
        schema: EXTRACTION_SCHEMA,
        source: "page.txt".to_string(),
        publisher: None,
        articles: articles
            .into_iter()
            .map(|(t, b)| Article {
                title: t.map(str::to_string),
                body: b.into_iter().map(str::to_string).collect(),
                ..Default::default()
            })
            .collect(),
        lines: roles
            .iter()
            .enumerate()
            .map(|(i, &role)| LineLabel {
                n: i as u32 + 1,
                role,
                article: 1,
                reason: Reason::new("test"),
            })
            .collect(),
    }
}

fn assert_prf(p: Option<Prf>, tp: u64, fp: u64, fn_: u64, prf: (f64, f64, f64)) {
    let Some(p) = p else {
        panic!("expected scores, got None");
    };
    assert_eq!((p.tp, p.fp, p.fn_), (tp, fp, fn_), "counts");
    for (got, want) in [(p.precision, prf.0), (p.recall, prf.1), (p.f1, prf.2)] {
        assert!((got - want).abs() < 1e-12, "{p:?} vs {prf:?}");
    }
}

use Role::{Blank, Body, Teaser, Title};

#[test]
fn perfect_prediction_scores_one_everywhere() {
    let x = pred(
        &[Title, Body, Body, Blank, Body, Teaser, Blank],
        vec![(Some("aa  bb"), vec!["cc dd ee", "ff gg", "hh"])],
    );
    let s = score_page(&x, &tiny_gold());
    assert_prf(s.body_lines, 3, 0, 0, (1.0, 1.0, 1.0));
    assert_prf(s.body_words, 6, 0, 0, (1.0, 1.0, 1.0));
    assert_eq!(s.title_accuracy, Some(1.0));
    assert!(s.article_count_ok);
    let c = s
        .confusion
        .as_ref()
        .map(|c| (c.total(), c.get(Body, Body), c.get(Title, Title)));
    assert_eq!(c, Some((7, 3, 1)));
}

#[test]
fn empty_prediction_scores_zero_without_nan() {
    let x = pred(&[], vec![]);
    let s = score_page(&x, &tiny_gold());
    assert_prf(s.body_lines, 0, 0, 3, (0.0, 0.0, 0.0));
    assert_prf(s.body_words, 0, 0, 6, (0.0, 0.0, 0.0));
    assert_eq!(
        (s.titles_gold, s.titles_matched, s.title_accuracy),
        (1, 0, Some(0.0))
    );
    assert!(!s.article_count_ok);
    let c = s
        .confusion
        .as_ref()
        .map(|c| (c.total(), c.unpredicted.iter().sum::<u64>()));
    assert_eq!(c, Some((7, 7)));
    let r = EvalReport::new("x".into(), vec![s], vec![]);
    let j = serde_json::to_string(&r).unwrap_or_default();
    assert!(!j.contains("NaN") && j.contains("\"f1\":0.0"), "{j}");
}

#[test]
fn shuffled_roles_give_the_hand_counted_numbers() {
    // Gold body: lines 2, 3, 5. Predicted body: lines 1, 3, 6; line 2 is called the title.
    let x = pred(
        &[Body, Title, Body, Blank, Teaser, Body, Blank],
        vec![(Some("cc dd ee"), vec!["aa bb", "ff gg", "ii jj kk ll"])],
    );
    let s = score_page(&x, &tiny_gold());
    // Lines: TP {ff gg}, FP {aa bb, ii jj kk ll}, FN {cc dd ee, hh}.
    assert_prf(s.body_lines, 1, 2, 2, (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0));
    // Words: predicted aa bb ff gg ii jj kk ll (8), gold cc dd ee ff gg hh (6), common ff gg.
    assert_prf(s.body_words, 2, 6, 4, (0.25, 1.0 / 3.0, 4.0 / 14.0));
    assert_eq!(s.title_accuracy, Some(0.0));
    assert!(s.article_count_ok);
    let Some(c) = s.confusion else {
        panic!("labels give a matrix")
    };
    assert_eq!(c.get(Title, Body), 1);
    assert_eq!(c.get(Body, Title), 1);
    assert_eq!(c.get(Body, Body), 1);
    assert_eq!(c.get(Body, Teaser), 1);
    assert_eq!(c.get(Teaser, Body), 1);
    assert_eq!(c.get(Blank, Blank), 2);
    // The by-line-number body score of the matrix agrees with the text score (distinct lines).
    let b = c.role_prf(Body);
    assert_eq!((b.tp, b.fp, b.fn_), (1, 2, 2));
}

#[test]
fn body_lines_are_compared_after_whitespace_normalisation_as_a_multiset() {
    let gold = Gold {
        labels: None,
        articles: Some(vec![GoldArticle {
            title: Some("عنوان  الخبر".into()),
            body: vec!["نص واحد".into(), "نص واحد".into(), " ".into()],
            ..Default::default()
        }]),
        text: None,
    };
    // No page text: the prediction's article bodies are used; the blank gold line is not counted.
    let x = pred(
        &[],
        vec![(Some(" عنوان\u{00A0}الخبر "), vec!["  نص   واحد ", "آخر"])],
    );
    let s = score_page(&x, &gold);
    assert_prf(s.body_lines, 1, 1, 1, (0.5, 0.5, 0.5));
    assert_eq!(s.title_accuracy, Some(1.0));
    assert_eq!(s.confusion, None);
}

#[test]
fn page_without_article_is_perfect_when_nothing_is_predicted() {
    let text = "menu\n\nteaser one\n";
    let gold = Gold {
        labels: Some(vec![
            (1, 0, Role::Boilerplate),
            (2, 0, Blank),
            (3, 0, Teaser),
            (4, 0, Blank),
        ]),
        articles: None,
        text: Some(text.split('\n').map(str::to_string).collect()),
    };
    let none = pred(&[Role::Boilerplate, Blank, Teaser, Blank], vec![]);
    let s = score_page(&none, &gold);
    assert_prf(s.body_lines, 0, 0, 0, (1.0, 1.0, 1.0));
    assert_eq!(
        (s.articles_gold, s.title_accuracy, s.article_count_ok),
        (0, None, true)
    );
    // Predicting an article with body there costs precision and the count.
    let one = pred(
        &[Body, Blank, Body, Blank],
        vec![(None, vec!["menu", "teaser one"])],
    );
    let s = score_page(&one, &gold);
    assert_prf(s.body_lines, 0, 2, 0, (0.0, 0.0, 0.0));
    assert!(!s.article_count_ok);
}

#[test]
fn overall_is_micro_averaged_with_a_macro_f1() {
    let gold = tiny_gold();
    let perfect = score_page(
        &pred(
            &[Title, Body, Body, Blank, Body, Teaser, Blank],
            vec![(Some("aa bb"), vec![])],
        ),
        &gold,
    );
    let empty = score_page(&pred(&[], vec![]), &gold);
    let o = Overall::of_pages(&[perfect, empty]);
    assert_prf(o.body_lines, 3, 0, 3, (1.0, 0.5, 6.0 / 9.0));
    assert_eq!(o.body_lines_macro_f1, Some(0.5));
    assert_eq!(
        (o.titles_matched, o.titles_gold, o.title_accuracy),
        (1, 2, Some(0.5))
    );
    assert_eq!(o.article_count_accuracy, Some(0.5));
    assert_eq!(o.confusion.total(), 14);
}

fn seed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed")
}

fn seed_txt() -> PathBuf {
    seed_dir().join("000_bc9fe6347abb5776.txt")
}

#[test]
fn seed_gold_loads_with_the_finer_labels_mapped() -> crate::Result<()> {
    let Some(gold) = load_gold(&seed_txt())? else {
        panic!("the seed fixture has gold");
    };
    let labels = gold.labels.as_deref().unwrap_or_default();
    assert_eq!(labels.len(), 96);
    assert_eq!(gold.text.as_ref().map(Vec::len), Some(96));
    let count = |r: Role| labels.iter().filter(|l| l.2 == r).count();
    assert_eq!(count(Title), 2);
    assert_eq!(count(Role::Repeat), 8); // title_repeat ×2 + caption_repeat ×6
    assert_eq!(count(Body), 17);
    assert_eq!(count(Role::Boilerplate), 3); // ui ×2 + related_header
    assert_eq!(count(Teaser), 21);
    assert_eq!(labels.iter().find(|l| l.0 == 69), Some(&(69, 2, Title)));
    let articles = gold.articles.as_deref().unwrap_or_default();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].related.len(), 5);
    // The labelled title lines agree with the gold.json titles.
    let from_labels = Gold {
        articles: None,
        ..gold.clone()
    };
    assert_eq!(from_labels.titles(), gold.titles());
    Ok(())
}

/// A prediction read off the gold itself: what a perfect extractor returns.
fn oracle(gold: &Gold) -> Extraction {
    let labels = gold.labels.as_deref().unwrap_or_default();
    let lines = labels
        .iter()
        .map(|&(n, article, role)| LineLabel {
            n,
            role,
            article,
            reason: Reason::new("oracle"),
        })
        .collect();
    let articles = gold
        .articles
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|a| Article {
            title: a.title.clone(),
            body: a.body.clone(),
            ..Default::default()
        })
        .collect();
    Extraction {
        schema: EXTRACTION_SCHEMA,
        source: "seed".into(),
        publisher: None,
        articles,
        lines,
    }
}

#[test]
fn seed_oracle_scores_one_and_every_line_as_body_is_counted_by_hand() -> crate::Result<()> {
    let Some(gold) = load_gold(&seed_txt())? else {
        panic!("the seed fixture has gold");
    };
    let s = score_page(&oracle(&gold), &gold);
    assert_prf(s.body_lines, 17, 0, 0, (1.0, 1.0, 1.0));
    assert_eq!(s.title_accuracy, Some(1.0));
    assert!(s.article_count_ok);

    // Every non-blank line called body, one untitled article: 53 non-blank lines, 17 of them body.
    let text = gold.text.clone().unwrap_or_default();
    let roles: Vec<Role> = text
        .iter()
        .map(|l| if l.trim().is_empty() { Blank } else { Body })
        .collect();
    let s = score_page(&pred(&roles, vec![(None, vec![])]), &gold);
    assert_prf(s.body_lines, 17, 36, 0, (17.0 / 53.0, 1.0, 34.0 / 70.0));
    assert_eq!(
        (s.titles_matched, s.articles_predicted, s.article_count_ok),
        (0, 1, false)
    );
    // LABELING.md's body F1 by line number (the matrix) agrees with the text-multiset F1.
    let by_line = s.confusion.as_ref().map(|c| c.role_prf(Body));
    assert_eq!(by_line, s.body_lines);
    Ok(())
}

#[test]
fn labels_parse_errors_name_the_row() {
    let ok = parse_labels(
        "line\tarticle\tlabel\n2\t1\tteaser_title\r\n1\t0\tui\n\n",
        "x.tsv",
    );
    assert_eq!(
        ok.ok(),
        Some(vec![(1, 0, Role::Boilerplate), (2, 1, Teaser)])
    );
    for (bad, row) in [
        ("line\tarticle\tlabel\n1\t1\tbodyy\n", 2),
        ("1\t1\n", 1),
        ("1\t1\tbody\n0\t1\tbody\n", 2),
        ("1\tx\tbody\n", 1),
        ("1\t1\tbody\n1\t1\tblank\n", 2),
    ] {
        match parse_labels(bad, "x.tsv") {
            Err(crate::Error::Input { line, .. }) => assert_eq!(line, row, "{bad:?}"),
            other => panic!("{bad:?}: expected an input error, got {other:?}"),
        }
    }
    assert!(parse_gold_json("{\"articles\": [{\"title\": 3}]}", "g.json").is_err());
    let g = parse_gold_json("{\"articles\": [{\"title\": \"t\"}]}", "g.json");
    assert_eq!(g.ok().map(|g| g.articles.len()), Some(1));
}

#[test]
fn eval_dir_walks_txt_pages_in_order_and_records_errors() -> crate::Result<()> {
    let dir = tempfile::tempdir().map_err(|e| crate::Error::io("tempdir", e))?;
    let d = dir.path();
    let write = |name: &str, s: &str| std::fs::write(d.join(name), s);
    let io = |e| crate::Error::io("fixture", e);
    write("b.txt", PAGE).map_err(io)?;
    write(
        "b.labels.tsv",
        "line\tarticle\tlabel\n1\t1\ttitle\n2\t1\tbody\n3\t1\tbody\n4\t1\tblank\n5\t1\tbody\n6\t0\tteaser_title\n7\t0\tblank\n",
    )
    .map_err(io)?;
    write("a.txt", "Title\nBody line\n").map_err(io)?;
    write(
        "a.gold.json",
        "{\"articles\":[{\"title\":\"Title\",\"body\":[\"Body line\"]}]}",
    )
    .map_err(io)?;
    write("c.txt", "no gold here\n").map_err(io)?;
    write("fail.txt", "boom\n").map_err(io)?;
    write("fail.labels.tsv", "1\t1\tbody\n2\t1\tblank\n").map_err(io)?;
    write("notes.md", "ignored\n").map_err(io)?;

    let r = eval_dir(d, |bytes, name| {
        if name == "fail.txt" {
            return Err(crate::Error::Config("synthetic failure".into()));
        }
        Ok(crate::extract::extract_text(
            std::str::from_utf8(bytes).unwrap_or(""),
            name,
        ))
    })?;
    let names: Vec<&str> = r.pages.iter().map(|p| p.page.as_str()).collect();
    assert_eq!(names, ["a.txt", "b.txt", "fail.txt"]);
    assert_eq!(r.skipped, ["c.txt"]);
    assert_eq!(r.overall.errors, 1);
    assert!(r.pages[2]
        .error
        .as_deref()
        .is_some_and(|e| e.contains("synthetic")));
    assert_prf(r.pages[2].body_lines, 0, 0, 1, (0.0, 0.0, 0.0));
    let table = r.render_table();
    assert!(
        table.contains("fail.txt") && table.contains("synthetic failure"),
        "{table}"
    );
    assert!(table.contains("overall (3 pages, micro)"), "{table}");
    assert!(table.contains("gold \\ predicted"), "{table}");

    let one = eval_file(&d.join("b.txt"), |b, n| {
        Ok(crate::extract::extract_text(
            std::str::from_utf8(b).unwrap_or(""),
            n,
        ))
    })?;
    assert_eq!(one.pages.len(), 1);
    assert!(eval_file(&d.join("c.txt"), |_, _| Err(crate::Error::Config(
        "x".into()
    )))
    .is_err());
    assert!(
        eval_dir(&d.join("missing"), |_, _| Err(crate::Error::Config(
            "x".into()
        )))
        .is_err()
    );
    Ok(())
}

#[test]
fn seed_table_shows_three_decimals_for_a_perfect_run() -> crate::Result<()> {
    let r = eval_dir(&seed_dir(), |_, _| {
        let Some(gold) = load_gold(&seed_txt())? else {
            return Err(crate::Error::Config("no gold".into()));
        };
        Ok(oracle(&gold))
    })?;
    assert_eq!(r.pages.len(), 1);
    let t = r.render_table();
    assert!(
        t.contains("body F1 (lines): 1.000 micro, 1.000 macro"),
        "{t}"
    );
    assert!(t.contains("title accuracy: 1.000 (2/2 articles)"), "{t}");
    Ok(())
}
