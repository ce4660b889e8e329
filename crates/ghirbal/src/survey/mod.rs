//! Survey: learn each site's templates (boilerplate lines and glued boilerplate spans) from the
//! corpus itself, with no per-site rules.
//!
//! 1. **Count** ([`SurveyCounts::record`], or [`survey_record`] record by record on one thread): per domain, in how many documents each
//!    candidate occurs, and how often on the first / last non-blank line. Candidates of a line
//!    ([`SpanKind`]): the whole line (matching form, digits → `0`, e-mail → `<email>`,
//!    URL → `<url>`); for short lines their *shape*, with `:`/dash segments generalized to `*`;
//!    *heads* (prefixes up to a `:`/dash/`|` within the first 8 tokens, segments generalized, so
//!    `صحيفة- أبها:` and `صحيفة- تبوك:` both give `صحيفه- *:`); cue-bearing *leads* (share bars);
//!    short *tails* after a clause end (sign-offs, credits, contact footers glued to the last
//!    line) and cue-*anchored* tails (`مقالات أخرى *`). Also the records' short title fields
//!    ([`MAX_SECTION_TITLE_WORDS`] words at most, by matching form). Counts are sums, so
//!    [`SurveyCounts::merge`] is exact (rayon fold/reduce, shards, machines); the memory bounds
//!    are kept by [`SurveyCounts::prune_over_limit`] on the merged counts.
//! 2. **Learn** ([`Templates::learn`]): a candidate recurring in at least
//!    `max(min_docs, min_ratio × docs)` documents is boilerplate when its evidence says so:
//!    short lines by frequency alone (unless the line is rare and stood between prose lines,
//!    like a subheading or a list marker of the text: `inner_max_ratio`); medium lines at a
//!    document edge or with a contact/share cue;
//!    a long, sentence-like line (a syndicated background paragraph) only when it recurs in most
//!    documents; heads at the document start; tails at the document end; fully generalized
//!    shapes only when they hold in many documents, nearly always at the edge. A short title field
//!    shared by at least `min_section_title_docs` different documents is a *section title*
//!    ([`SectionTitle`]: a digest's `موجز دوليات`): it names a section, not the record's headline,
//!    so the clean pass neither looks for it in the text nor gives it to an article as its title.
//! 3. **Apply** ([`Templates::apply`]): per line, keep, drop (`template:line`) or keep the body
//!    between a cut head (`template:prefix`) and a cut tail (`template:suffix`).
//!    [`Templates::save`] / [`Templates::load`] write and read `templates.json` (versioned) for
//!    incremental use (`--templates`) without a new survey.

mod counts;
mod spans;
mod templates;
mod tokens;

pub use counts::{
    section_title_form, survey_record, survey_sampled, DomainCounts, KeyStat, SurveyConfig,
    SurveyCounts, TitleStat, MAX_SECTION_TITLE_WORDS,
};
pub use spans::{SpanKind, SpanLimits};
pub use templates::{
    DomainTemplates, LineCut, SectionTitle, SpanCut, Template, TemplateConfig, Templates,
    REASON_LINE, REASON_PREFIX, REASON_SUFFIX, TEMPLATES_VERSION,
};

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    const WORDS: &[&str] = &[
        "الوزارة",
        "أعلنت",
        "المشروع",
        "الجديد",
        "في",
        "المدينة",
        "خلال",
        "العام",
        "المقبل",
        "وقال",
        "المسؤول",
        "إن",
        "الخطة",
        "تشمل",
        "بناء",
        "مدارس",
        "وطرق",
        "ومستشفيات",
        "لخدمة",
        "السكان",
        "وأضاف",
        "أن",
        "التكلفة",
        "تبلغ",
        "مليون",
        "ريال",
        "وأكد",
        "الأمير",
        "دعم",
        "الحكومة",
        "للقطاع",
        "الصحي",
        "والتعليمي",
        "مشيرا",
        "إلى",
        "أهمية",
        "الشراكة",
        "مع",
        "القطاع",
        "الخاص",
        "وتابع",
        "المدير",
        "العام",
        "للشركة",
        "حديثه",
        "عن",
        "النتائج",
        "المالية",
        "للربع",
        "الثاني",
        "ارتفعت",
        "الأرباح",
        "بنسبة",
        "كبيرة",
        "مقارنة",
        "بالفترة",
        "نفسها",
        "الماضي",
        "وذكر",
        "التقرير",
    ];

    /// A deterministic pseudo-random generator (xorshift) for synthetic corpora.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 11) as usize
        }
        fn sentence(&mut self, words: usize) -> String {
            let mut s: Vec<&str> = (0..words)
                .map(|_| WORDS[self.next() % WORDS.len()])
                .collect();
            let n = self.next() % 1000;
            let num = n.to_string();
            s.insert(words / 2, &num);
            format!("{}.", s.join(" "))
        }
    }

    const CITIES: &[&str] = &[
        "أبها",
        "جدة",
        "الرياض",
        "تبوك",
        "الدمام",
        "جازان",
        "حائل",
        "نجران",
        "القصيم",
        "الطائف",
    ];
    const NAMES: &[&str] = &["سالم العلي", "نورة الحربي", "فهد", "خالد الزهراني", "ريم"];
    const SIGN_OFF: &str = "مع تحيات فريق التحرير";
    const SYNDICATED: &str = "ويعد المركز الوطني للأبحاث من أقدم المراكز العلمية في المنطقة إذ تأسس قبل أربعين عاما ويضم اليوم عشرات المختبرات والباحثين من مختلف التخصصات.";

    /// Synthetic site: byline head on the first line, body, a syndicated background paragraph in
    /// 30% of documents, an e-mail contact footer glued to the last line or a sign-off line.
    fn corpus(docs: usize, seed: u64) -> Vec<Vec<String>> {
        let mut r = Rng(seed);
        (0..docs)
            .map(|i| {
                let mut lines = Vec::new();
                let city = CITIES[r.next() % CITIES.len()];
                let head = if i % 3 == 0 {
                    format!("صحيفة- {city}:")
                } else {
                    format!("{}- صحيفة- {city}:", NAMES[r.next() % NAMES.len()])
                };
                lines.push(format!("{head} {}", r.sentence(16)));
                lines.push(r.sentence(20));
                if i % 10 < 3 {
                    lines.push(SYNDICATED.to_string());
                }
                if i % 2 == 0 {
                    lines.push(format!(
                        "{} للتواصل: user{}@site.example",
                        r.sentence(17),
                        r.next() % 50
                    ));
                } else {
                    lines.push(r.sentence(18));
                    lines.push(SIGN_OFF.to_string());
                }
                lines
            })
            .collect()
    }

    fn survey(docs: &[Vec<String>]) -> SurveyCounts {
        let mut c = SurveyCounts::default();
        for d in docs {
            let lines: Vec<&str> = d.iter().map(String::as_str).collect();
            survey_record(&mut c, "site.example", &lines);
        }
        c
    }

    fn learned() -> (Vec<Vec<String>>, Templates) {
        let docs = corpus(60, 7);
        let t = Templates::learn(&survey(&docs), &TemplateConfig::default());
        (docs, t)
    }

    fn apply(t: &Templates, doc: &[String]) -> Vec<LineCut> {
        let lines: Vec<&str> = doc.iter().map(String::as_str).collect();
        t.apply("site.example", &lines)
    }

    #[test]
    fn lines_told_apart_by_their_edge_words_as_by_all_tokens() {
        let (_, t) = learned();
        // Without anchors, the last lines are told from their first and last words too.
        let mut no_anchors = t.clone();
        for dt in no_anchors.domains.values_mut() {
            dt.templates.retain(|x| x.kind != SpanKind::Anchor);
        }
        for t in [&t, &no_anchors] {
            for doc in corpus(200, 11) {
                let lines: Vec<&str> = doc.iter().map(String::as_str).collect();
                assert_eq!(
                    t.apply("site.example", &lines),
                    t.apply_full("site.example", &lines)
                );
            }
        }
    }

    /// A notice paragraph of more than `LONG_LINE_WORDS` words with a number that changes
    /// (`2015`, `2016`…), and a long background paragraph: a long line is keyed by its display
    /// form with digits folded, so the notice printed in most pages is learned and cut whatever
    /// its digits, and the background paragraph in a third of them is kept.
    #[test]
    fn long_notice_line_with_varying_digits_learned_and_background_paragraph_kept() {
        let notice = |year: &str| {
            format!(
                "جميع الحقوق محفوظة للصحيفة {year} ولا يجوز نقل أو نسخ أو إعادة نشر أي مادة من \
                 موادها المكتوبة أو المصورة دون إذن خطي مسبق من إدارة التحرير ويتحمل كل من \
                 يخالف ذلك المسؤولية القانونية الكاملة وفق أنظمة النشر المعمول بها في المملكة"
            )
        };
        let background = "وكانت الهيئة قد أطلقت البرنامج قبل ثلاث سنوات بهدف تطوير البنية \
            التحتية في المحافظات الشمالية وتوسيع شبكة الطرق والمدارس والمراكز الصحية فيها \
            وقد شارك فيه عدد من الشركات الوطنية والأجنبية التي نفذت أكثر من مئة مشروع \
            في مختلف القطاعات";
        assert!(spans::long_line_key(&notice("2015")).is_some());
        assert!(spans::long_line_key(background).is_some());
        // Each digit system folds within itself (the fold keeps the byte length).
        for (a, b) in [("2015", "1437"), ("٢٠١٥", "١٤٣٧"), ("۲۰۱۵", "۱۴۳۷")] {
            let key = |year| spans::long_line_key(&notice(year));
            assert_eq!(key(a), key(b), "{a} {b}");
        }
        assert_ne!(
            spans::long_line_key(&notice("2015")),
            spans::long_line_key(&notice("2015 م"))
        );
        let mut r = Rng(3);
        let docs: Vec<Vec<String>> = (0..40)
            .map(|i| {
                let mut d = vec![r.sentence(20), r.sentence(24)];
                if i % 3 == 0 {
                    d.push(background.to_string());
                }
                d.push(r.sentence(22));
                if i % 5 != 0 {
                    d.push(notice(&(2000 + i).to_string()));
                }
                d.push(r.sentence(18));
                d
            })
            .collect();
        let t = Templates::learn(&survey(&docs), &TemplateConfig::default());
        let learned: Vec<&Template> = t.domains["site.example"]
            .templates
            .iter()
            .filter(|x| x.kind == SpanKind::Line)
            .collect();
        assert_eq!(learned.len(), 1, "{learned:?}");
        assert!(learned[0].example.starts_with("جميع الحقوق محفوظة"));
        let doc = vec![
            r.sentence(20),
            background.to_string(),
            notice("1437"),
            r.sentence(18),
        ];
        let cuts = apply(&t, &doc);
        assert_eq!(cuts[1], LineCut::Keep);
        assert!(matches!(&cuts[2], LineCut::Drop { reason, .. } if *reason == REASON_LINE));
        let lines: Vec<&str> = doc.iter().map(String::as_str).collect();
        assert_eq!(cuts, t.apply_full("site.example", &lines));
    }

    #[test]
    fn sign_off_line_learned_and_dropped() {
        let (docs, t) = learned();
        let dt = &t.domains["site.example"];
        assert!(dt
            .templates
            .iter()
            .any(|x| x.kind == SpanKind::Line && x.example == SIGN_OFF));
        let cuts = apply(&t, &docs[1]);
        let last = cuts.last().cloned();
        assert!(matches!(last, Some(LineCut::Drop { reason, .. }) if reason == REASON_LINE));
    }

    #[test]
    fn syndicated_paragraph_in_30_percent_of_docs_is_kept() {
        let (docs, t) = learned();
        let dt = &t.domains["site.example"];
        assert!(!dt.templates.iter().any(|x| x.example == SYNDICATED));
        let cuts = apply(&t, &docs[0]);
        let i = docs[0].iter().position(|l| l == SYNDICATED);
        assert_eq!(i.and_then(|i| cuts.get(i)), Some(&LineCut::Keep));
    }

    #[test]
    fn byline_prefix_with_varying_city_cut_and_body_kept() {
        let (_, t) = learned();
        let body = "افتتح الأمير مهرجان الصيف في المدينة اليوم بحضور عدد كبير من الزوار والمسؤولين.";
        for line in [
            format!("صحيفة- مكة: {body}"),
            format!("هند السالم- صحيفة- ينبع: {body}"),
            format!("صحيفة - الخبر : {body}"),
        ] {
            let cuts = t.apply(
                "site.example",
                &[line.as_str(), "سطر آخر من النص هنا للتجربة فقط."],
            );
            assert_eq!(cuts[0].kept(&line), Some(body), "{line} → {:?}", cuts[0]);
            assert!(
                matches!(&cuts[0], LineCut::Trim { cuts, .. } if cuts[0].reason == REASON_PREFIX)
            );
        }
        // The same shape in the middle of a document is not a byline.
        let mid = format!("صحيفة- مكة: {body}");
        let cuts = t.apply(
            "site.example",
            &["أول سطر في الخبر.", mid.as_str(), "آخر سطر."],
        );
        assert_eq!(cuts[1], LineCut::Keep);
    }

    #[test]
    fn glued_footer_after_unpunctuated_verse_is_cut() {
        // Regression (SaudiNewsNet, aljazirah): the `مقالات أخرى للكاتب` footer, glued to its
        // links, survived when the text before it was a verse with no clause end, because
        // anchors only start after one.
        let mut r = Rng(9);
        let titles = ["عودة زعيم", "آه يا لندن", "أمن وطن", "فرحة أمة"];
        let docs: Vec<Vec<String>> = (0..40)
            .map(|i| {
                vec![
                    r.sentence(18),
                    format!(
                        "{} مقالات أخرى للكاتب{}{}",
                        r.sentence(14),
                        titles[i % 4],
                        titles[(i + 1) % 4]
                    ),
                ]
            })
            .collect();
        let t = Templates::learn(&survey(&docs), &TemplateConfig::default());
        assert!(t.domains["site.example"]
            .templates
            .iter()
            .any(|x| x.kind == SpanKind::Anchor));
        let verse = "ربي اللي عطاني هوى الأجناب واقرب الجد لي منه عاروضي";
        let glued = format!("{verse} مقالات أخرى للكاتبشاعر البشت المزيف");
        let cuts = t.apply("site.example", &["سطر أول من المقال.", glued.as_str()]);
        assert_eq!(cuts[1].kept(&glued), Some(verse), "{:?}", cuts[1]);
        // Prose that says "other articles about" is not the footer.
        let prose = "وأتمنى أن أتمكن بعدها من كتابة مقالات أخرى عن هذا الإنسان وغيره من رجال الوطن";
        let cuts = t.apply("site.example", &["سطر أول من المقال.", prose]);
        assert_eq!(cuts[1], LineCut::Keep);
    }

    #[test]
    fn email_contact_footer_suffix_cut() {
        let (_, t) = learned();
        let body = "وأكد المسؤول أن العمل مستمر في المشروع حتى نهاية العام الجاري دون توقف.";
        let line = format!("{body} للتواصل: someone.new@site.example");
        let cuts = t.apply(
            "site.example",
            &["صحيفة- جدة: خبر أول عن المدينة.", line.as_str()],
        );
        assert_eq!(cuts[1].kept(&line), Some(body), "{:?}", cuts[1]);
        assert!(matches!(&cuts[1], LineCut::Trim { cuts, .. } if cuts[0].reason == REASON_SUFFIX));
    }

    #[test]
    fn share_bar_lead_cut_and_body_kept() {
        let mut r = Rng(5);
        let mut c = SurveyCounts::default();
        let docs: Vec<Vec<String>> = (0..30)
            .map(|_| {
                vec![
                    format!("مشاركة فيسبوك تويتر واتساب {}", r.sentence(15)),
                    r.sentence(18),
                ]
            })
            .collect();
        for d in &docs {
            let lines: Vec<&str> = d.iter().map(String::as_str).collect();
            survey_record(&mut c, "bar.example", &lines);
        }
        let t = Templates::learn(&c, &TemplateConfig::default());
        let body = "وقال المسؤول إن الخطة تشمل بناء مدارس جديدة في المدينة خلال العام المقبل.";
        let line = format!("مشاركة فيسبوك تويتر واتساب {body}");
        let cuts = t.apply("bar.example", &[line.as_str(), "نص آخر."]);
        assert_eq!(cuts[0].kept(&line), Some(body), "{:?}", cuts[0]);
        // A first line that merely starts with a cue word is not a share bar.
        let news = "تويتر تطلق ميزة جديدة للمستخدمين في المنطقة العربية اليوم.";
        assert_eq!(t.apply("bar.example", &[news])[0], LineCut::Keep);
    }

    #[test]
    fn long_line_in_most_documents_dropped_in_the_middle() {
        // A long paragraph (longer than the prefix the template cut looks at first) in the
        // middle of every document is a whole-line template; other long lines are kept.
        let mut r = Rng(13);
        let docs: Vec<Vec<String>> = (0..30)
            .map(|_| {
                vec![
                    r.sentence(12),
                    SYNDICATED.to_string(),
                    r.sentence(20),
                    r.sentence(9),
                ]
            })
            .collect();
        let mut c = SurveyCounts::default();
        for d in &docs {
            let lines: Vec<&str> = d.iter().map(String::as_str).collect();
            survey_record(&mut c, "long.example", &lines);
        }
        // (A learned whole-line template, whatever the learning thresholds say.)
        let mut t = Templates::learn(&c, &TemplateConfig::default());
        assert!(SYNDICATED.len() > 192);
        let found = c.domains["long.example"]
            .keys
            .iter()
            .find(|(_, v)| v.kind == SpanKind::Line && SYNDICATED.starts_with(&*v.example));
        let Some((key, stat)) = found else {
            panic!("no line key");
        };
        let Some(dt) = t.domains.get_mut("long.example") else {
            panic!("no domain");
        };
        dt.templates.push(Template {
            kind: SpanKind::Line,
            pattern: format!("{} …", stat.example),
            key: format!("{key:016x}"),
            example: stat.example.to_string(),
            df: stat.df,
            first: stat.first,
            last: stat.last,
            why: "test".into(),
        });
        let other = format!("{} {}", r.sentence(20), r.sentence(20));
        for mid in [
            SYNDICATED.to_string(),
            format!("  {SYNDICATED}  "),
            other.clone(),
        ] {
            let lines = [
                "أول سطر.",
                mid.as_str(),
                "سطر ثالث.",
                "سطر رابع.",
                "آخر سطر.",
            ];
            let cuts = t.apply("long.example", &lines);
            let dropped = matches!(cuts[1], LineCut::Drop { .. });
            assert_eq!(dropped, mid != other, "{mid}");
        }
    }

    #[test]
    fn long_body_lines_are_never_cut() {
        let (docs, t) = learned();
        for d in &docs {
            for (line, cut) in d.iter().zip(apply(&t, d)) {
                if line.split(' ').count() >= 15 {
                    assert!(!matches!(cut, LineCut::Drop { .. }), "{line}");
                }
            }
        }
    }

    #[test]
    fn merge_equals_counting_at_once() {
        let docs = corpus(40, 11);
        let all = survey(&docs);
        let mut a = survey(&docs[..17]);
        let b = survey(&docs[17..]);
        a.merge(b);
        assert_eq!(a, all);
        let mut b2 = survey(&docs[17..]);
        b2.merge(survey(&docs[..17]));
        assert_eq!(b2, all);
    }

    #[test]
    fn thread_count_independent() {
        let docs = corpus(80, 3);
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| e.to_string())?;
            let counts = pool.install(|| {
                docs.par_iter()
                    .with_min_len(3)
                    .fold(SurveyCounts::default, |mut c, d| {
                        let lines: Vec<&str> = d.iter().map(String::as_str).collect();
                        survey_record(&mut c, "site.example", &lines);
                        c
                    })
                    .reduce(SurveyCounts::default, |mut a, b| {
                        a.merge(b);
                        a
                    })
            });
            Templates::learn(&counts, &TemplateConfig::default())
                .to_json()
                .map_err(|e| e.to_string())
        };
        let one = run(1);
        assert!(one.is_ok());
        assert_eq!(one, run(2));
        assert_eq!(one, run(4));
    }

    #[test]
    fn templates_json_round_trip() {
        let (docs, t) = learned();
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let dir = match dir {
            Ok(d) => d,
            Err(e) => panic!("tempdir: {e}"),
        };
        let path = dir.path().join("templates.json");
        assert!(t.save(&path).is_ok());
        let back = Templates::load(&path);
        assert!(back.is_ok());
        let back = back.unwrap_or_else(|_| Templates::empty(t.survey, t.config));
        assert_eq!(back, t);
        for d in &docs {
            assert_eq!(apply(&back, d), apply(&t, d));
        }
        let json = t.to_json().unwrap_or_default();
        assert!(json.contains("\"version\": 1"));
        let bad = json.replacen("\"version\": 1", "\"version\": 9", 1);
        assert!(Templates::from_json(&bad).is_err());
        assert!(Templates::load(&dir.path().join("missing.json")).is_err());
    }

    #[test]
    fn saved_templates_clean_new_documents_of_the_same_site() {
        let (_, t) = learned();
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let Ok(dir) = dir else {
            panic!("tempdir");
        };
        let path = dir.path().join("templates.json");
        assert!(t.save(&path).is_ok());
        let Ok(back) = Templates::load(&path) else {
            panic!("load");
        };
        // New documents (another seed): no survey, only the saved templates.
        let mut bylines = 0;
        let mut sign_offs = 0;
        for d in corpus(20, 99) {
            let cuts = apply(&back, &d);
            if matches!(&cuts[0], LineCut::Trim { cuts, .. } if cuts[0].reason == REASON_PREFIX) {
                bylines += 1;
            }
            if d.last().map(String::as_str) == Some(SIGN_OFF)
                && matches!(cuts.last(), Some(LineCut::Drop { .. }))
            {
                sign_offs += 1;
            }
        }
        assert_eq!(bylines, 20);
        assert_eq!(sign_offs, 10);
    }

    /// Counts of `digest.example`: `field` over `n` different records (`copies` of each).
    fn titled(fields: &[(&str, usize, usize)]) -> SurveyCounts {
        let mut c = SurveyCounts::default();
        let mut r = Rng(17);
        for &(field, n, copies) in fields {
            for _ in 0..n {
                let text = r.sentence(15);
                for _ in 0..copies {
                    c.record_titled("digest.example", Some(field), &[text.as_str()]);
                }
            }
        }
        c
    }

    #[test]
    fn title_field_of_three_different_records_is_a_section_title() {
        // Regression (SaudiNewsNet, aawsat `موجز دوليات`, aleqt `أخبار السوق`): a digest's title
        // field names its section; only its recurrence over the site's records tells it from
        // a headline.
        let c = titled(&[
            ("موجز دوليات", 3, 1),
            ("قناة السويس الجديدة", 2, 1),
            ("الأمير الإنسان", 1, 4),
            ("وزير الصحة يفتتح مستشفى جديدا اليوم", 5, 1),
        ]);
        let t = Templates::learn(&c, &TemplateConfig::default());
        let dt = &t.domains["digest.example"];
        let learned: Vec<(&str, u32, u32)> = dt
            .section_titles
            .iter()
            .map(|s| (s.example.as_str(), s.records, s.docs))
            .collect();
        // Two records are a headline printed twice; four copies of one article are one
        // document; a long field is not counted at all.
        assert_eq!(learned, [("موجز دوليات", 3, 3)]);
        assert!(t.is_section_title("digest.example", "موجز دوليات"));
        assert!(t.is_section_title("digest.example", "  موجز   دوليات "));
        assert!(!t.is_section_title("digest.example", "قناة السويس الجديدة"));
        assert!(!t.is_section_title("other.example", "موجز دوليات"));
        assert_eq!(t.section_title_count(), 1);
        // The threshold is a setting.
        let two = TemplateConfig {
            min_section_title_docs: 2,
            ..TemplateConfig::default()
        };
        let t = Templates::learn(&c, &two);
        assert!(t.is_section_title("digest.example", "قناة السويس الجديدة"));
        assert!(!t.is_section_title("digest.example", "الأمير الإنسان"));
    }

    #[test]
    fn section_titles_round_trip_and_old_files_load_without_them() {
        let c = titled(&[("مفكرة", 3, 1), ("موجز دوليات", 4, 1), ("DVD", 5, 1)]);
        let t = Templates::learn(&c, &TemplateConfig::default());
        let forms: Vec<&str> = t.domains["digest.example"]
            .section_titles
            .iter()
            .map(|s| s.form.as_str())
            .collect();
        assert_eq!(forms, ["dvd", "مفكره", "موجز دوليات"], "sorted by form");
        let Ok(json) = t.to_json() else {
            panic!("to_json");
        };
        assert!(json.contains("\"section_titles\""));
        assert_eq!(Templates::from_json(&json).ok().as_ref(), Some(&t));
        // A file written before section titles: no list, no threshold.
        let Ok(mut old) = serde_json::from_str::<serde_json::Value>(&json) else {
            panic!("json");
        };
        if let Some(cfg) = old["config"].as_object_mut() {
            cfg.remove("min_section_title_docs");
            cfg.remove("inner_max_ratio");
        }
        if let Some(d) = old["domains"]["digest.example"].as_object_mut() {
            d.remove("section_titles");
        }
        let Ok(back) = Templates::from_json(&old.to_string()) else {
            panic!("an old templates.json must load");
        };
        assert_eq!(back.config, TemplateConfig::default());
        assert!(back.domains["digest.example"].section_titles.is_empty());
        assert!(!back.is_section_title("digest.example", "مفكرة"));
    }

    /// Regression (SaudiNewsNet dev): `أولاً :`, `المقادير:`, `الجواب`, `أداء الأسهم` recur in
    /// three or four of a site's ~3,000 articles, always between paragraphs, and were learned
    /// as "recurring short lines" and cut out of those articles' text.
    #[test]
    fn rare_subheading_inside_the_prose_is_not_a_template() {
        const SUBHEAD: &str = "أولاً :";
        const FOOTER: &str = "رابط مختصر للخبر";
        // (Documents 3 to 8: without the syndicated paragraph, which would make them one
        // document for the distinct-document count.)
        let mut docs = corpus(400, 11);
        for d in &mut docs[3..6] {
            d.insert(1, SUBHEAD.to_string());
        }
        for d in &mut docs[6..9] {
            d.push(FOOTER.to_string());
        }
        let counts = survey(&docs);
        let stat = |line: &str| {
            counts.domains["site.example"]
                .keys
                .values()
                .find(|s| s.kind == SpanKind::Line && *s.example == *line)
                .cloned()
        };
        let (Some(sub), Some(foot)) = (stat(SUBHEAD), stat(FOOTER)) else {
            panic!("both lines are counted");
        };
        assert_eq!((sub.df, sub.inner), (3, 3));
        assert_eq!((foot.df, foot.inner), (3, 0));
        let dropped = |t: &Templates, doc: &[String], line: &str| {
            let k = doc.iter().position(|l| l == line).unwrap_or(usize::MAX);
            matches!(apply(t, doc).get(k), Some(LineCut::Drop { .. }))
        };
        let t = Templates::learn(&counts, &TemplateConfig::default());
        assert!(!dropped(&t, &docs[3], SUBHEAD), "a line of the text");
        assert!(
            dropped(&t, &docs[6], FOOTER),
            "below the prose: boilerplate"
        );
        // The rule is what keeps it: off, the subheading is a recurring short line.
        let off = TemplateConfig {
            inner_max_ratio: 0.0,
            ..TemplateConfig::default()
        };
        let t = Templates::learn(&counts, &off);
        assert!(dropped(&t, &docs[3], SUBHEAD));
        // In a share of the site's documents that furniture has, it is a template again.
        let t = Templates::learn(&survey(&docs[..200]), &TemplateConfig::default());
        assert!(dropped(&t, &docs[3], SUBHEAD));
    }

    #[test]
    fn unknown_domain_and_blank_lines_are_kept() {
        let (_, t) = learned();
        assert_eq!(t.apply("other.example", &["a", ""]), vec![LineCut::Keep; 2]);
        let cuts = t.apply("site.example", &["", "  ", SIGN_OFF]);
        assert_eq!(cuts.len(), 3);
        assert_eq!(cuts[0], LineCut::Keep);
    }
}
