//! Structure recovery: a role and a reason for every line of a page, then its articles.
//!
//! - [`features`]: per-line cues (length, punctuation, shapes, lexicon hits, repetition).
//! - [`lexicon`]: generic Arabic news furniture words, agencies, block headers, months.
//! - [`shapes`]: credit, byline, date, placeholder and label parsers.
//! - [`classify`]: runs of running text → articles → a role and a reason for every line.
//! - [`articles`]: assembling [`ghirbal_core::Article`]s (title, captions, byline, body, related).

pub mod articles;
pub mod classify;
pub mod features;
pub mod lexicon;
pub mod shapes;

pub use classify::{fallback_body, fallback_text, title_field_headline, Cues};

use crate::text::{display_form_into, matching_form_into};
use classify::LineInfo;
use features::Features;
use ghirbal_core::{Article, Line, Page, Reason, Role};
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Maps keyed by page text or by repeat-key hashes.
type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<OneShot>>;

/// A hasher for short keys: one-shot xxh3 of each written slice (the streaming xxh3 state costs
/// more than the hash itself on a line of text), a multiply for integers.
#[derive(Default)]
struct OneShot(u64);

impl Hasher for OneShot {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = self.0.rotate_left(8) ^ u64::from(i);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0 ^ i).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
}

/// What was made of the first printing of `key` (`items[j]` for the `j` recorded in `first`),
/// or `None` when line `i` is the first printing: it is recorded.
fn first_printing<'a, K: Eq + std::hash::Hash, T>(
    first: &mut KeyMap<K, usize>,
    key: K,
    i: usize,
    items: &'a [T],
) -> Option<&'a T> {
    match first.entry(key) {
        Entry::Occupied(e) => items.get(*e.get()),
        Entry::Vacant(e) => {
            e.insert(i);
            None
        }
    }
}

/// Splits a page's text into [`Line`]s (1-based, over `text.split('\n')`), with display and
/// matching forms. Roles are provisional (`Blank` or `Body`) until [`recover`] runs.
pub fn page_from_text(text: String) -> Page {
    // `text.split('\n')`, with the memchr crate's vectorised search: counted first, so that the
    // lines and the map are allocated once.
    let count = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    // Page dumps print menus, link lists and headlines many times (a third of the lines of real
    // w3m/lynx dumps): fold each distinct line once. Keyed by the line without its leading and
    // trailing ASCII whitespace, which the display form drops (so indentation does not make a
    // line distinct), with one hash per line. A repeated line shares the forms (the same `Arc`s)
    // of its first printing; `line_infos` relies on that sharing to reuse its features.
    let mut first: KeyMap<&str, usize> =
        KeyMap::with_capacity_and_hasher(count, Default::default());
    let mut lines: Vec<Line> = Vec::with_capacity(count);
    let empty: Arc<str> = Arc::from("");
    // Scratch buffers the forms are folded into, then copied once into their shared strings.
    let (mut display_buf, mut matching_buf) = (String::new(), String::new());
    let mut start = 0usize;
    for end in ends {
        let trimmed = text[start..end].trim_ascii();
        let i = lines.len();
        let (display, matching) = if trimmed.is_empty() {
            // The display form of nothing is empty: no lookup.
            (empty.clone(), empty.clone())
        } else {
            match first_printing(&mut first, trimmed, i, &lines) {
                Some(l) => (l.display.clone(), l.matching.clone()),
                None => {
                    display_form_into(trimmed, &mut display_buf);
                    if display_buf.is_empty() {
                        (empty.clone(), empty.clone())
                    } else {
                        let d: Arc<str> = Arc::from(display_buf.as_str());
                        matching_form_into(&display_buf, &mut matching_buf);
                        let m = if matching_buf == display_buf {
                            d.clone()
                        } else {
                            Arc::from(matching_buf.as_str())
                        };
                        (d, m)
                    }
                }
            }
        };
        let blank = display.is_empty();
        lines.push(Line {
            n: i as u32 + 1,
            span: start..end,
            display,
            matching,
            role: if blank { Role::Blank } else { Role::Body },
            reason: Reason::new(if blank { "blank" } else { "unclassified" }),
            article: 0,
        });
        start = end + 1;
    }
    drop(first);
    Page { text, lines }
}

/// Recovers the structure of `page`: sets every line's role, reason and article, and returns the
/// articles with the page-level publisher (when a byline names one).
pub fn recover(page: &mut Page, cues: &Cues) -> (Vec<Article>, Option<String>) {
    recover_with(page, cues, &[])
}

/// [`recover`], with some lines' roles decided outside: `forced[i]` (when present and `Some`)
/// makes line `i` boilerplate with that reason. The forced lines still take part in the
/// classification — a related-block header, a date or a byline a site template removes still
/// tells where an article ends and the next begins — but never in an article.
pub fn recover_with(
    page: &mut Page,
    cues: &Cues,
    forced: &[Option<Reason>],
) -> (Vec<Article>, Option<String>) {
    let mut infos = line_infos(page);
    for (info, reason) in infos.iter_mut().zip(forced) {
        info.template = reason.is_some();
    }
    let (mut labels, mut skeletons) = classify::classify(&infos, cues);
    // A related item's lines stay its lines when a template removes them: a site shows the
    // same related article under many of its stories, so the survey learns its headline as a
    // recurring line, and without it the item would take its summary for its title.
    let teaser: Vec<bool> = labels.iter().map(|l| l.role == Role::Teaser).collect();
    for (lab, reason) in labels.iter_mut().zip(forced) {
        if let Some(r) = reason {
            lab.role = Role::Boilerplate;
            lab.reason = r.clone();
        }
    }
    for s in &mut skeletons {
        if s.title
            .is_some_and(|t| forced.get(t).is_some_and(Option::is_some))
        {
            s.title = None;
        }
    }
    let (articles, publisher) = articles::build(&infos, &labels, &teaser, &skeletons, page);
    drop(infos);
    for (line, lab) in page.lines.iter_mut().zip(labels) {
        line.role = lab.role;
        line.reason = lab.reason;
        line.article = lab.article;
    }
    (articles, publisher)
}

fn line_infos(page: &Page) -> Vec<LineInfo<'_>> {
    let n = page.lines.len();
    let mut buf = String::new();
    // Features and keys depend only on the line's text: a line printed again reuses them. Lines
    // [`page_from_text`] found equal share their display `Arc`, so the first printing is found
    // by pointer (no hashing or comparing of text); equal lines with distinct `Arc`s (forms
    // folded apart, as template trims do) are computed again, with the same result.
    let mut first: KeyMap<usize, usize> = KeyMap::with_capacity_and_hasher(n, Default::default());
    // The first line of each repeat key.
    let mut key_first: KeyMap<u64, usize> = KeyMap::with_capacity_and_hasher(n, Default::default());
    let mut infos: Vec<LineInfo<'_>> = Vec::with_capacity(n);
    for (i, l) in page.lines.iter().enumerate() {
        // A divider (`* * *`) separates like a blank line: see [`classify::divider`].
        let blank = l.display.is_empty() || classify::divider(&l.display);
        let (f, key, kid) = if blank {
            (Features::default(), 0, usize::MAX)
        } else {
            let ptr = Arc::as_ptr(&l.display).cast::<u8>() as usize;
            match first_printing(&mut first, ptr, i, &infos) {
                Some(prev) => (prev.f.clone(), prev.key, prev.kid),
                None => {
                    let key = shapes::repeat_key_hash(&l.matching, &mut buf);
                    // The first line with a key is the first printing of its text.
                    let kid = if key == 0 {
                        i
                    } else {
                        *key_first.entry(key).or_insert(i)
                    };
                    (features::compute(&l.display, &l.matching), key, kid)
                }
            }
        };
        infos.push(LineInfo {
            display: &l.display,
            matching: &l.matching,
            key,
            kid,
            f,
            blank,
            template: false,
        });
    }
    drop(first);
    drop(key_first);
    // Occurrences on the page per key, indexed by the key's first line (`kid`).
    let mut counts = vec![0u32; n];
    for l in &infos {
        if !l.blank && l.key != 0 {
            counts[l.kid] += 1;
        }
    }
    // Printings so far per key, the same way.
    let mut seen = vec![0u32; n];
    for l in infos.iter_mut() {
        if l.blank || l.key == 0 {
            continue;
        }
        let total = counts[l.kid] as usize;
        let before = seen[l.kid] as usize;
        seen[l.kid] += 1;
        l.f.seen_before = before;
        l.f.occurrences = total;
        if total >= 2 && !(before == 0 && l.f.long_paragraph()) {
            // Running text is not printed twice on a page; headlines, captions and teasers are.
            // A long paragraph printed again (a scrape that doubled the body) stays text the
            // first time and is a repeat after.
            l.f.good = false;
        }
    }
    // A weak related header heads a block of links only when links follow it: followed by
    // running text it is a subheading. Weak: `<noun> أخرى` (`ألبومات أخرى`, but `طرق أخرى`
    // "other methods", `مؤامرة أخرى` "another conspiracy"), or a short line that only starts
    // with a header phrase (`المزيد من الأخبار`, but `المزيد من المعاناة` "more suffering").
    for i in 0..infos.len() {
        if infos[i].f.related_weak {
            let next = infos[i + 1..].iter().find(|l| !l.blank);
            if next.is_some_and(|n| n.f.good && (n.f.long_paragraph() || n.f.terminal)) {
                infos[i].f.related_header = false;
            }
        }
    }
    stanza_labels(&mut infos);
    infos
}

/// A furniture word heading what follows with a colon (`دخول:` and `خروج:`, login and logout)
/// names a part of the text on a page that labels its parts so: [`MIN_STANZA_LABELS`] other
/// lines of one word and a colon that are no furniture (a poem in labelled stanzas: `مقلة:`,
/// `حاجب:`, `هدب:` …, opening with `دخول:` and closing with `خروج:`). On another page it stays
/// furniture (`التعليقات:`, `الوسوم:`, `تابعونا:`).
fn stanza_labels(infos: &mut [LineInfo<'_>]) {
    let label = |l: &LineInfo<'_>| {
        !l.blank && l.f.words == 1 && l.f.letters >= 3 && classify::colon_ended(l.display)
    };
    let plain = infos.iter().filter(|l| label(l) && !l.f.ui).count();
    if plain < MIN_STANZA_LABELS {
        return;
    }
    for l in infos.iter_mut() {
        if label(l) && l.f.ui {
            l.f.ui = false;
        }
    }
}

/// Fewest plain one-word labels on a page for [`stanza_labels`].
const MIN_STANZA_LABELS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<Role> {
        let mut page = page_from_text(text.to_string());
        recover(&mut page, &Cues::default());
        page.lines.iter().map(|l| l.role).collect()
    }

    /// The articles recovered from `text` given `cues`.
    fn articles(text: String, cues: &Cues) -> Vec<Article> {
        let mut page = page_from_text(text);
        recover(&mut page, cues).0
    }

    /// The display text of the lines of `text` that are body, in order.
    fn body_lines(text: String) -> Vec<String> {
        let mut page = page_from_text(text);
        recover(&mut page, &Cues::default());
        page.lines
            .iter()
            .filter(|l| l.role == Role::Body)
            .map(|l| l.display.to_string())
            .collect()
    }

    /// The lines of `text`, a page with no article shape, and whether [`fallback_body`] keeps
    /// each.
    fn fallback_lines(text: &str) -> Vec<(String, bool)> {
        let mut page = page_from_text(text.to_string());
        let (arts, _) = recover(&mut page, &Cues::default());
        assert!(arts.is_empty());
        let kept = fallback_body(&page.lines);
        let lines = page.lines.iter().map(|l| l.display.to_string());
        lines.zip(kept).collect()
    }

    #[test]
    fn equal_lines_count_as_repeats_whether_or_not_they_share_forms() {
        // Lines 1 and 3 are the same text (they share their forms); line 2 differs from them
        // only by a double space, so its display form is equal but folded apart.
        let page = page_from_text("خبر عاجل اليوم\nخبر  عاجل اليوم\n  خبر عاجل اليوم\nغيره".into());
        assert!(Arc::ptr_eq(&page.lines[0].display, &page.lines[2].display));
        assert!(!Arc::ptr_eq(&page.lines[0].display, &page.lines[1].display));
        let infos = line_infos(&page);
        for (i, l) in infos[..3].iter().enumerate() {
            assert_eq!(
                (l.kid, l.f.occurrences, l.f.seen_before),
                (0, 3, i),
                "line {i}"
            );
        }
        assert_eq!((infos[3].kid, infos[3].f.occurrences), (3, 1));
    }

    #[test]
    fn repeat_keys_decode_entities_and_undouble() {
        for (matching, key) in [
            ("at&t news", "at t news"),
            ("&quot;x&quot; y", "x y"),
            ("a&amp;b a&amp;b", "a b"),
            ("«خبر» عاجل «خبر» عاجل", "خبر عاجل"),
            ("الرئيسية | أخبار - رياضة", "الرئيسية أخبار رياضة"),
            ("", ""),
        ] {
            assert_eq!(shapes::repeat_key(matching), key, "{matching}");
        }
    }

    #[test]
    fn list_introduced_by_the_body_is_body() {
        // Regression (generated pages, SaudiNewsNet recipes): a list under the last paragraph,
        // introduced by a line ending with a colon, was cut off as short lines and captions.
        let p1 = "أعلنت الجامعة اليوم عن حاجتها لشغل عدد من الوظائف الفنية بنظام العقود للعمل في ثلاث من كلياتها، وذلك للمواطنين من الجنسين.";
        let p2 = "وأوضحت الجامعة أن التقديم يبدأ الأسبوع المقبل عبر بوابتها الإلكترونية ويستمر مدة عشرة أيام، على أن تعلن النتائج لاحقا.";
        let text = format!(
            "عنوان الخبر عن وظائف الجامعة الجديدة\nالاثنين 26 أغسطس 2015\n\n{p1}\n{p2}\n{p1}{p2}\nوبينت الجامعة أن الكليات هي :\nكلية العلوم : كيمياء ( ذكر / أنثى )\nكلية الهندسة : هندسة طبية (أنثى)\n\nاقرأ أيضاً:\nتعيين عميد جديد لكلية الطب في الجامعة\nافتتاح مبنى المكتبة المركزية الجديد"
        );
        let r = roles(&text);
        assert_eq!(r[..2], [Role::Title, Role::Date], "{r:?}");
        assert_eq!(r[3..9], [Role::Body; 6], "{r:?}");
        assert!(r[9..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn doubled_body_scrape_keeps_the_first_copy() {
        // Regression (SaudiNewsNet): a scrape that printed every paragraph twice lost the whole
        // body, because "text is never printed twice" made no line running text.
        let p1 = "قالت الوزارة في بيان اليوم إن المشروع الجديد سيبدأ العمل به خلال الأشهر المقبلة بعد استكمال جميع الدراسات الفنية والمالية اللازمة.";
        let p2 = "وأضاف المتحدث أن الخطة تشمل بناء عشرين مدرسة في المناطق الريفية وتأهيل المعلمين، مشيرا إلى أن التمويل متوفر بالكامل من الميزانية.";
        let text = format!("{p1}\n{p2}\n{p1}\n{p2}");
        assert_eq!(
            roles(&text),
            vec![Role::Body, Role::Body, Role::Repeat, Role::Repeat]
        );
    }

    #[test]
    fn headline_named_by_the_title_field_heads_the_article() {
        // Regression (generated pages): the record's title field (`headline | site`) names the
        // headline line, but its site suffix kept the key from matching, and the article took
        // the field, suffix and all. A two-word headline with no date or byline under it is no
        // title by its shape alone: here only the field names it.
        let text = format!("محليات\nاستقالة الحكومة\n\n{P1}\n{P2}\n{P4}");
        let mut page = page_from_text(text.clone());
        let (arts, _) = recover(&mut page, &Cues::default());
        assert_eq!(arts[0].title, None);
        let mut page = page_from_text(text);
        let cues = Cues::from_title(Some("استقالة الحكومة | سبق"));
        let (arts, _) = recover(&mut page, &cues);
        assert_eq!(arts[0].title.as_deref(), Some("استقالة الحكومة"));
        assert_eq!(page.lines[1].role, Role::Title);
    }

    #[test]
    fn kicker_over_a_byline_is_no_headline_when_the_title_field_names_none() {
        // Regression (SaudiNewsNet, arreyadi/aleqt/alwatan, 8 records): the text opens with a
        // subheadline over the writer's byline, under the title field's headline; stamped by the
        // byline, the subheadline took the title, and the byline went with it as a teaser's.
        let kicker = "الرياضي تكشف حقيقة اللاعبين الذين بعثوا برسائل للإدارة";
        let text = format!("{kicker}\nحوار - حاتم البراهيم\n\n{P1}\n{P2}\n{P3}");
        let cues = Cues::from_title(Some("الضغط موجود.. ولا أخافه"));
        let mut page = page_from_text(text.clone());
        let (arts, _) = recover(&mut page, &cues);
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].title, None, "the pipeline fills in the field");
        let by = arts[0].byline.as_ref().and_then(|b| b.author.as_deref());
        assert_eq!(by, Some("حاتم البراهيم"));
        assert_eq!(page.lines[1].role, Role::Byline);
        assert_ne!(page.lines[0].role, Role::Teaser);
        // Without a title field, or with one naming the kicker, it heads the article.
        for cues in [Cues::default(), Cues::from_title(Some(kicker))] {
            let arts = articles(text.clone(), &cues);
            assert_eq!(arts[0].title.as_deref(), Some(kicker));
        }
    }

    #[test]
    fn recipe_ingredients_above_the_method_are_body() {
        // Regression (SaudiNewsNet, aawsat recipe pages): the ingredients between `المقادير:` and
        // `الطريقة:` above the method's first paragraph were teasers' headlines, one of them the
        // method's headline (`-5 ملاعق كبيرة زبدة`), another a byline (`100 ملم من الخل (كوب
        // قهوة صغير)`, a name and a town in parentheses).
        let method = "قطعي شرائط الكنافة بيديك إلى قطع صغيرة يمكن تقليبها في الزبدة، ثم ضعيها في صينية واسعة وأدخليها الفرن حتى يصبح لونها ذهبيا. في أثناء ذلك ضعي السكر مع نصف كوب من الماء على نار هادئة حتى يغلي ويتكون منه شراب خفيف، ثم ارفعيه عن النار واتركيه حتى يبرد قليلا.";
        let serve = "ضعي الكنافة في صينية تقديم وصبي عليها كوب اللبن الدافئ ثم وزعي المكسرات على الوجه وقدميها ساخنة مع القهوة العربية. ويمكن أن تزين بالقشطة أو بالفستق الحلبي المطحون حسب الرغبة، وتحفظ في الثلاجة يومين على الأكثر.";
        let bulleted = [
            "* المقادير:",
            "- نصف كيلو من الكنافة",
            "- كوب سكر سنترفيش",
            "-5 ملاعق كبيرة زبدة",
            "- كوب لبن",
            "- كوبان من المكسرات المفرومة",
            "* الطريقة:",
        ];
        let text = format!(
            "أسهل طريقة لعمل الكنافة\n{}\n{method}\n* التقديم:\n{serve}",
            bulleted.join("\n")
        );
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].title.as_deref(), Some("أسهل طريقة لعمل الكنافة"));
        assert_eq!(
            &arts[0].body[..bulleted.len()],
            &bulleted.map(String::from)[..]
        );
        // Unbulleted, under an intro with a note in parentheses.
        let plain = [
            "المقادير: (تكفي لـ3 أفراد)",
            "2 كوب أرز أبيض",
            "2 كوب ماء",
            "3 ملاعق كبيرة من الزبد",
            "5 فصوص ثوم",
            "100 ملم من الخل (كوب قهوة صغير)",
            "ملح وفلفل حسب الرغبة",
            "الطريقة:",
        ];
        let text = format!("{P1}\n{P2}\n{}\n{method}\n{serve}", plain.join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body.len(), 2 + plain.len() + 2);
        assert_eq!(arts[0].byline, None);
        // Fewer than three items under an intro are no list to open the text with.
        let text = format!("المقادير:\n2 كوب ماء\n5 فصوص ثوم\nالطريقة:\n{method}\n{serve}");
        let arts = articles(text, &Cues::default());
        assert!(arts.iter().all(|a| a.body.len() < 6));
    }

    #[test]
    fn list_a_short_paragraph_introduces_is_its_text() {
        // Regression (SaudiNewsNet, aleqt 979258): a company's announcement, one paragraph
        // ending `… الموافقة المؤقتة على:` over 25 numbered policies, was no article (a single
        // line under 400 characters) and its items were dropped as short lines.
        let intro = "أعلنت شركة أيس العربية للتأمين التعاوني عن استلامها خطاب مؤسسة النقد العربي السعودي والمتضمن الموافقة المؤقتة لمدة ستة شهور على:";
        let items = [
            "1. وثيقة تأمين الحوادث الشخصية.",
            "2. وثيقة تأمين كسر الزجاج.",
            "3. وثيقة تأمين الآلات والمعدات.",
            "4. وثيقة تأمين خسارة الارباح الناتجة عن تعطل الآلات.",
            "5. وثيقة تأمين توقف الاعمال.",
        ];
        let text = format!("{intro}\n\n{}", items.join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body.len(), 1 + items.len());
        // Without the colon the paragraph introduces nothing.
        let text = format!("{}\n\n{}", intro.trim_end_matches(':'), items.join("\n"));
        let arts = articles(text, &Cues::default());
        assert!(arts.iter().all(|a| a.body.len() < 1 + items.len()));
    }

    #[test]
    fn free_verse_column_is_one_article() {
        // Regression (SaudiNewsNet, al-jazirah reader columns, 5 records): free verse and short
        // prose lines closing on `..` were dropped as short lines (a page of them had no
        // article), and when prose followed, the lines glued over it were cut off.
        let verse = [
            "افتقدت ذلك الدفء الخفي والأهازيج الراقصة..",
            "افتقدت الماء السلسبيل الممتزج بحنانك يا أمي..",
            "اشتقت أن توبخيني، وأن تسدي إلي نصائح الصلوات..",
            "اشتقت لدعواتك..",
            "أين الرضا والحمد يا حبيبة قلبي",
            "أتذكرين قلبي يرجف باردا وأنت تضحكين..",
            "أفتقد دعواتك.. أفتقد قلبك..",
            "لم يعد يجدي الماء ليغسل البشر..",
            "لم يعد يجدي الغناء ولا الشعر",
            "ملطخين بالملذات.. ساعين خلف المسرات..",
            "لم يعد ينصح بالصلوات..",
            "أحتاج توبيخك يا أمي ينتشل مني الهفوات..",
        ];
        let mut page = page_from_text(verse.join("\n"));
        let (arts, _) = recover(&mut page, &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body, verse.map(String::from).to_vec());
        // Glued over the prose that follows, they open it; apart from it (a blank line), and
        // three in five of them open, they stay out.
        let text = format!("{}\n{P1}\n{P2}\n{P3}", verse.join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body.len(), verse.len() + 3);
        let open: Vec<&str> = verse.iter().map(|v| v.trim_end_matches('.')).collect();
        let text = format!("{}\n\n{P1}\n{P2}\n{P3}", open.join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.iter().map(|a| a.body.len()).sum::<usize>(), 3);
    }

    #[test]
    fn free_verse_addressing_you_is_not_broken_by_a_word_in_parentheses() {
        // Regression (SaudiNewsNet, al-jazirah 20150725 cu7): `وأنت تهندم طاقيتك (الزري)` read
        // as a `Name (City)` byline and a captioned photo in the middle of a page of free
        // verse; the block broke there, and 15 of the 22 verse lines were dropped.
        let verse = [
            "صباح،",
            "يتدلى من ضحكات عيد،",
            "يبعث في الروح",
            "غناء طريق،",
            "ويأتي بك باسما،",
            "من بيت جارنا العتيق،",
            "وأنت تهندم طاقيتك (الزري)",
            "مبتسماً لزهور",
            "فستاني السكري،",
            "فتهمس: إنتِ حلوة.",
            "فابسم،",
            "وتبسم (بكلات) شعري.",
            "هذا الصباح،",
            "حولنا عندليب",
            "رقيق يحوم،",
            "يغني لنا،",
            "ويغمز لنا،",
            "فهات يدك،",
            "فما زال بين حناء يدي",
            "حلوى (العسل)،",
            "وفي ثغري سكر",
            "(الحلقوم).",
        ];
        let text = format!("{}\n 1 شوال 2015\n- تركية العمري", verse.join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body, verse.map(String::from).to_vec());
    }

    #[test]
    fn poets_verses_closing_a_report_are_body() {
        // Regression (SaudiNewsNet, alyaum 4082453, poets condemning an attack): each poet's name
        // with a colon over two to six verses, to the end of the page. Verses under a colon read
        // as a list's items or a poem's only when they rhyme together; the poets' do not, and
        // all but the first two were dropped as teaser titles and short lines.
        let stanzas = [
            "مفرح الشقيقي:",
            "الغيمُ يا أبها يكفكفُ جرحهُ والماء - رغم ضلالهمْ - يتبسَّمُ",
            "قولي لمنْ نثر الدماء توَّهُماً الله أكبرُ من هواكَ وأرحمُ",
            "وليد العمودي:",
            "لو فجروا في كل مسجد بالآلاف... والله لـنملأ كل مسجد عبادة",
            "لايحسبون إنا من الموت بنخاف… ياطيبها مسجد.. صلاة.. وشهادة",
            "عبدالرحمن العشماوي:",
            "وذاقت أساها في البلاد مساجد.. تهاوتْ على عُبّادِها وصَوامع",
            "أَدِرْها وقل للمُستبدِّ برأيه.. ومن تتلظّى في يديه الأصابعُ",
            "ياسر سنان:",
            "حنا مع الدولة رجال المهمات...",
            "والله لو نسكن خيام وصحاري..",
        ];
        let text = format!("{P1}\n{P2}\n{P3}\n{}", stanzas.join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1);
        let body: Vec<&str> = [P1, P2, P3].into_iter().chain(stanzas).collect();
        assert_eq!(arts[0].body, body);
        // Sections over teaser titles have the shape, not the vowels.
        let teasers = [
            "محليات:",
            "أمير المنطقة يدشن مشروعات تنموية جديدة",
            "افتتاح مركز صحي في المحافظة",
            "رياضة:",
            "الهلال يواجه النصر في ديربي العاصمة",
            "المنتخب يستعد لمواجهة الأردن الودية",
        ];
        let text = format!("{P1}\n{P2}\n{P3}\n{}", teasers.join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body, [P1, P2, P3]);
    }

    #[test]
    fn list_item_missing_its_full_stop_stays_in_the_list() {
        // Regression (SaudiNewsNet, alriyadh 1069722): in a list of council seats whose items
        // end with a full stop, `- اثنا عشر عضواً في البلديات من فئة (ج)` has none; it read as
        // a most-read list's headline between the body's two runs and was dropped.
        let list = [
            "ويذكر أن الفقرة الثانية من المادة العاشرة من لائحة انتخابات أعضاء المجالس البلدية \
             نصت على تحديد عدد أعضاء المجالس البلدية على النحو الآتي:",
            " - ثلاثون عضواً في كل من أمانات (الرياض، العاصمة المقدسة، المدينة المنورة، جدة، \
             المنطقة الشرقية).",
            " - أربعة وعشرون عضواً في أمانتي (الطائف، والأحساء).",
            " -واحد وعشرون عضواً في بقية الأمانات.",
            " - ثمانية عشر عضواً في البلديات من فئة (أ).",
            " - خمسة عشر عضواً في البلديات من فئة (ب).",
            " - اثنا عشر عضواً في البلديات من فئة (ج)",
            " - تسعة أعضاء في البلديات من فئتي (د، ه).",
        ];
        let text = format!("{P1}\n{P2}\n{}\n{P3}\n{P4}", list.join("\n"));
        let body = body_lines(text);
        let trimmed: Vec<&str> = list.iter().map(|l| l.trim()).collect();
        let want: Vec<&str> = [P1, P2]
            .into_iter()
            .chain(trimmed)
            .chain([P3, P4])
            .collect();
        assert_eq!(body, want);
        // Regression (aawsat 407001): a life in lines, one item a blank line under the other,
        // between two parts of the text; its heading and an item with no stop were dropped.
        let life = [
            "* ويندي شيرمان.. في سطور",
            "* درست في ثانوية «سميث كولدج» في بوسطن.",
            "* حصلت على بكالوريوس من جامعة بوسطن.",
            "* حصلت على ماجستير في العمل الاجتماعي من جامعة ماريلاند",
            "* صارت مديرة منظمة «ايميلي» لمساعدة النساء الحاملات.",
        ];
        let text = format!("{P1}\n\n{P2}\n\n{}\n\n{P3}\n\n{P4}", life.join("\n\n"));
        let want: Vec<&str> = [P1, P2].into_iter().chain(life).chain([P3, P4]).collect();
        assert_eq!(body_lines(text), want);
    }

    #[test]
    fn sole_run_is_the_article() {
        // Regression: a news brief (a headline printed once over two short paragraphs) or a
        // short text already extracted was no article for `extract` (under the 250 characters of
        // a body, with no headline printed twice): its lines were teaser summaries.
        let brief =
            "أعلن وزير التعليم اليوم أن العام الدراسي الجديد سيبدأ في موعده في جميع المناطق.";
        let more = "وأضاف الوزير أن الوزارة أكملت استعداداتها لاستقبال الطلاب في المدارس.";
        let headline = "وزير التعليم يعلن موعد بدء العام الدراسي الجديد";
        let arts = articles(format!("{headline}\n\n{brief}\n{more}\n"), &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].title.as_deref(), Some(headline));
        assert_eq!(arts[0].body, [brief, more]);
        let arts = articles(format!("{brief}\n{more}"), &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body, [brief, more]);
        // One short line is not enough.
        assert!(articles(brief.to_string(), &Cues::default()).is_empty());
        // A listing page has a run per teaser: none is its article.
        let teasers = [
            ("وزير التعليم يعلن موعد بدء العام الدراسي الجديد", brief),
            ("أمير المنطقة يفتتح معرض الكتاب في دورته العاشرة", P1),
            ("ارتفاع أسعار النفط في تعاملات الأسبوع الماضي", P2),
        ];
        let page: Vec<String> = teasers
            .iter()
            .map(|(h, s)| format!("{h}\n{s}\nاقرأ المزيد\n"))
            .collect();
        let arts = articles(page.join("\n"), &Cues::default());
        assert!(arts.is_empty(), "{arts:?}");
        // A short text among other lines is no article by itself (reviewer's cases: an error
        // page, a lead teaser over a list of headlines, a compact listing).
        let error_page = "الرئيسية\nأخبار\nرياضة\nخطأ 404\n\
            عذراً، الصفحة التي تبحث عنها غير موجودة أو ربما تم نقلها إلى عنوان آخر في الموقع.\n\
            يمكنك العودة إلى الصفحة الرئيسية أو استخدام البحث للعثور على ما تريده من أخبار.\n\
            بحث\nجميع الحقوق محفوظة";
        assert!(articles(error_page.to_string(), &Cues::default()).is_empty());
        let lead = format!(
            "{headline}\n{brief}\n{more}\nالتفاصيل\n{}\n{}",
            teasers[1].0, teasers[2].0
        );
        assert!(articles(lead, &Cues::default()).is_empty());
        let compact: Vec<String> = teasers
            .iter()
            .take(2)
            .map(|(h, s)| format!("{h}\n{s}"))
            .collect();
        assert!(articles(compact.join("\n"), &Cues::default()).is_empty());
    }

    #[test]
    fn lone_paragraph_under_its_headline_is_the_article() {
        // Regression (SaudiNewsNet, every fifth dev page as a page of headline and content):
        // 233 of the 253 pages with no article were a headline over one paragraph of news
        // (`وزير التعليم: لا تأجيل للدراسة` over `نفى الدكتور عزام الدخيل …`); one text line was
        // never enough, and the headline's shape (a label's, or too short to stand alone) was
        // not read as one.
        let news = "نفى الدكتور عزام الدخيل وزير التعليم اليوم على حسابه في موقع تويتر ما تم \
            تداوله مؤخرا عبر مواقع التواصل الاجتماعي عن تأجيل الدراسة إلى ما بعد موسم الحج.";
        // (The last headline is one `find_title` stamps by itself.)
        for (headline, lone) in [
            ("وزير التعليم: لا تأجيل للدراسة", true),
            ("الدراسة في موعدها", true),
            ("هل تتأجل الدراسة؟", true),
            ("الدراسة في موعدها...", true),
            (
                "وزير التعليم ينفي تأجيل الدراسة إلى ما بعد موسم الحج",
                false,
            ),
        ] {
            // Under it, the text's agency credit or date may close the page.
            for tail in ["", "\n(واس)", "\n\n12/10/2015"] {
                let mut page = page_from_text(format!("{headline}\n\n{news}{tail}\n"));
                let arts = recover(&mut page, &Cues::default()).0;
                assert_eq!(arts.len(), 1, "{headline} {tail}");
                assert_eq!(arts[0].title.as_deref(), Some(headline));
                assert_eq!(arts[0].body, [news]);
                // The audit says which rule found the headline.
                let reason = if lone { "title:lone" } else { "title:headline" };
                assert_eq!(page.lines[0].reason.as_str(), reason, "{headline}");
            }
        }
        // One word over the paragraph is too little to tell a headline (`ظل`, a poem's name)
        // from a label; with no line over it, one paragraph is no article either.
        assert!(articles(format!("أخبار\n\n{news}"), &Cues::default()).is_empty());
        assert!(articles(news.to_string(), &Cues::default()).is_empty());
        // Nor when anything else is on the page.
        let page = format!("وزير التعليم: لا تأجيل للدراسة\n\n{news}\n\nالرئيسية | اتصل بنا");
        assert!(articles(page, &Cues::default()).is_empty());
        // Reviewer's cases: a field, a list of tags, a number, a date, Latin script or a
        // boilerplate phrase over the paragraph is no headline; an error page's notice is no
        // text.
        for line in [
            "القسم: محليات",
            "الوسوم: الهلال، النصر، الدوري",
            "هاتف: 0112345678 - فاكس: 0112345679",
            "العدد 15234",
            "2/ 8/ 1990م",
            "Page Not Found",
            "وفي هذا السياق، قال المتحدث الرسمي باسم الوزارة،",
            "جميع الحقوق محفوظة لصحيفة الرياض",
            "اضغط هنا لقراءة الخبر كاملا",
        ] {
            let arts = articles(format!("{line}\n\n{news}"), &Cues::default());
            assert!(arts.is_empty(), "{line}: {arts:?}");
        }
        let not_found = "الصفحة غير موجودة\n\nعذراً، الصفحة التي تبحث عنها غير موجودة أو ربما \
            تم نقلها أو حذفها من الموقع، يرجى العودة إلى الصفحة الرئيسية للموقع.";
        assert!(articles(not_found.to_string(), &Cues::default()).is_empty());
        // A text long enough to be an article by itself keeps the headline `find_title` gave
        // it, or none: the only line over an untitled column may be its writer's name.
        let column = format!("عبدالله بن بخيت\n\n{P1}\n{P2}\n{P3}");
        let arts = articles(column, &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].title, None);
        // A title field naming no line of the text heads the text itself: the line over the
        // paragraph (a writer's name) is not made its headline.
        let cues = Cues::from_title(Some("لا تأجيل للدراسة بعد الحج"));
        let arts = articles(format!("د. إيهاب حسن أبوركبة\n\n{news}"), &cues);
        assert!(
            arts.iter()
                .all(|a| a.title.as_deref() != Some("د. إيهاب حسن أبوركبة")),
            "{arts:?}"
        );
    }

    #[test]
    fn column_of_sayings_is_one_article() {
        // Regression (SaudiNewsNet, al-jazirah `همسات`): a column of one-line aphorisms, each a
        // short sentence; the longer ones seeded runs too short to be articles, and 11 of the 16
        // were dropped as short furniture lines.
        let sayings = [
            "هناك من يحبك لأنه يجد فيك نفسه، وهناك من يحبك لأنه يجد فيك ما ينقصه من صفات وعادات.",
            "مبادئ الإنسان هي بمثابة النقط على الحروف لاحترامه لنفسه.",
            "القناعة هي السعادة... ربما.",
            "ليس من الذوق أن أنقد تصرفا معينا وأنا لا أعلم أساسياته ودوافعه ونتائجه.",
            "الفراغ هو الأكثر عدائية للإنسان.",
            "التسامح لغة الرقي، وسعة الأفق.",
            "الانتقام هو الضعف وقلة الحيلة.",
            "قلمك إن لم يكن بلسما شافيا أو حمامة سلام ما الفائدة منه إذن؟",
            "الهدوء هو المحطة التي نلجأ إليها حين تزاحمنا الأفكار.",
            "الكبرياء مجرد قناع يرتديه الحمقى!",
        ];
        let text = format!("{}\n- ابتسام عبدالله", sayings.join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body, sayings.map(String::from).to_vec());
        // Fewer sayings than a column holds are no column: on a page with an article's text
        // too (so that the sayings are not the page's only text: `sole_run_is_the_article`),
        // they stay out of it.
        let nav = ["الرئيسية", "محليات", "اقتصاد", "رياضة", "ثقافة", "مقالات"].repeat(3);
        let text = format!(
            "{}\n{}\nوزارة الصحة تفتتح مستشفى جديدا في المدينة\n{P1}\n{P2}\n{P3}",
            sayings[..6].join("\n"),
            nav.join("\n")
        );
        let arts = articles(text, &Cues::default());
        let kept: Vec<&String> = arts.iter().flat_map(|a| &a.body).collect();
        assert!(
            sayings[..6].iter().all(|s| !kept.iter().any(|k| k == s)),
            "{kept:?}"
        );
        assert_eq!(kept, [P1, P2, P3]);
    }

    #[test]
    fn dream_qa_column_is_one_article() {
        // Regression (SaudiNewsNet, alyaum 2532481: 48 articles from one page): a Q&A column's
        // items are a subheading, the reader's name and town, the question and the columnist's
        // answer. A name dashed with a tatweel printed over two close questions was a headline
        // printed twice; names dashed with an en dash stamped every subheading as a digest
        // item's headline.
        let items = [
            (
                "الشارع الترابي",
                "ام يارا ـ النعيرية",
                "حلمت انني داخلة مع زوجي قرية قديمة مظلمة وفيها عمال ونمشي في شارع ترابي بالسيارة.",
                "هذه وسوسة من الشيطان.",
            ),
            (
                "هموم ومشاكل",
                "ام عبدالهادي ـ الخبر",
                "حلمت انني امشي في ارض واجد ذهبا.",
                "هموم ومشاكل.",
            ),
            (
                "قبيلة الجن",
                "ام عبدالهادي ـ الخبر",
                "حلمت ان قبيلة من الجن وعجائز وبنات ورجال جالسون واخذتني لعمل.",
                "عندك قرينة حافظي على الاذكار.",
            ),
            (
                "عين بسيطة",
                "سهام – الدمام",
                "حلمت ان سهما جاءني من الوراء واوجعني وطلبت انقاذي.",
                "عين بسيطة اصابتك وعليك بقراءة القرآن.",
            ),
            (
                "قزم كبير الرأس",
                "ندى – الخبر",
                "حلمت بوالد خالي جاءني الى الغرفة وجلس على سريري.",
                "مشروع خطبة ربما لا تتم.",
            ),
            (
                "ظروف صعبة",
                "متعب – الدمام",
                "احلم انني اصطدم بالسيارة واتسبب في حوادث كثيرة.",
                "ظروف صعبة وعليك ان تصلي الصلاة في وقتها.",
            ),
        ];
        let mut text = format!("{P1}\n{P2}\n");
        for (k, (sub, name, q, a)) in items.iter().enumerate() {
            let voice = if k == 4 {
                "الشيخ المنصور"
            } else {
                "الشيخ يوسف"
            };
            text.push_str(&format!("{sub}\n {name}\n{q}\n{voice} : {a}\n"));
        }
        let cues = Cues::from_title(Some("التفسير حق لكل شخص"));
        for cues in [Cues::default(), cues] {
            let mut page = page_from_text(text.clone());
            let (arts, _) = recover(&mut page, &cues);
            assert_eq!(
                arts.len(),
                1,
                "{:?}",
                page.lines.iter().map(|l| l.role).collect::<Vec<_>>()
            );
            assert_eq!(arts[0].body.len(), 2 + 4 * items.len());
        }
    }

    #[test]
    fn caption_above_the_text_is_no_headline_when_the_title_field_names_none() {
        // Regression (SaudiNewsNet, al-jazirah and others, ~290 records): the text starts below
        // the headline, which only the title field gives. The line right above the first
        // paragraph, a photo caption (`السديري خلال لقائه وفد جامعة جازان`), a person's name
        // and office, a salutation or a quoted verse, was taken for the headline.
        let caption = "السديري خلال لقائه وفد جامعة جازان";
        let text = format!("{caption}\n{P1}\n{P2}\n{P3}");
        let mut page = page_from_text(text.clone());
        let cues = Cues::from_title(Some("السديري يستقبل وفداً من جامعة جازان"));
        let (arts, _) = recover(&mut page, &cues);
        assert_eq!(arts[0].title, None, "the pipeline fills in the field");
        assert_ne!(page.lines[0].role, Role::Title);
        assert_eq!(arts[0].body.len(), 3);
        // Without a title field it is the best guess; a headline stamped by its date still
        // heads the article whatever the field says.
        let mut page = page_from_text(text);
        let (arts, _) = recover(&mut page, &Cues::default());
        assert_eq!(arts[0].title.as_deref(), Some(caption));
        let text = format!("{caption}\n15 أغسطس 2015\n{P1}\n{P2}\n{P3}");
        let mut page = page_from_text(text);
        let (arts, _) = recover(&mut page, &cues);
        assert_eq!(arts[0].title.as_deref(), Some(caption));
    }

    #[test]
    fn related_links_are_the_items_of_a_related_block() {
        // Regression (reader audit): `related` took every teaser-shaped line after the body.
        // On SaudiNewsNet 92% of its 762 entries were photo captions, author bios, sign-offs
        // and verses; on the generated corpus most were most-read lists. It also missed a
        // related box printed between the headline and the text, and kept a text browser's
        // link numbers (`[7]…`). Generated corpus: related titles P 0.16 -> 0.94, R 0.42 -> 0.86.
        let titles = |text: &str| {
            let mut page = page_from_text(text.to_string());
            let (arts, _) = recover(&mut page, &Cues::default());
            arts.iter()
                .flat_map(|a| a.related.iter().filter_map(|t| t.title.clone()))
                .collect::<Vec<_>>()
        };
        let related = "مقالات ذات صلة\n[7]وزير الصحة يفتتح مستشفى جديدا في جدة\n[8]الأمطار تغلق عشرين مدرسة في منطقة الباحة";
        let most_read = "الأكثر قراءة\nارتفاع أسعار الذهب في الأسواق المحلية اليوم\nالهلال يفوز على النصر في ديربي العاصمة";
        let want = [
            "وزير الصحة يفتتح مستشفى جديدا في جدة",
            "الأمطار تغلق عشرين مدرسة في منطقة الباحة",
        ];
        assert_eq!(
            titles(&format!("{P1}\n{P2}\n{P3}\n\n{related}\n\n{most_read}")),
            want
        );
        // A box between the headline and the text.
        let headline = "افتتاح مستشفى جديد في المدينة لخدمة مئة ألف مواطن";
        assert_eq!(
            titles(&format!(
                "{headline}\n15 أغسطس 2015\n\n{related}\n\n{P1}\n{P2}\n{P3}"
            )),
            want
        );
        // A bio under a column heads no block: no related link.
        let bio = "* أستاذ ورئيس قسم العلوم السياسية في جامعة الملك سعود";
        assert!(titles(&format!("{P1}\n{P2}\n{P3}\n\n{bio}")).is_empty());
    }

    #[test]
    fn title_field_headline_drops_the_site_name() {
        let h = title_field_headline;
        assert_eq!(
            h("«غازي».. حي لم يمت!! | جريدة الساحل"),
            "«غازي».. حي لم يمت!!"
        );
        assert_eq!(
            h("صحيفة الأفق | نكهات رمضانية.. من غزة إلى تايلند"),
            "نكهات رمضانية.. من غزة إلى تايلند"
        );
        // A dash also tags a headline (`- فيديو`): kept.
        assert_eq!(
            h("مقتل المئات جراء الفيضانات في آسيا - فيديو"),
            "مقتل المئات جراء الفيضانات في آسيا - فيديو"
        );
        // Two long parts are no headline and site name.
        let two = "وزير الصحة يفتتح مستشفى جديدا في المدينة | الأمطار تغلق عشرين مدرسة في المنطقة";
        assert_eq!(h(two), two);
        assert_eq!(h("عنوان"), "عنوان");
    }

    /// Three paragraphs of running news text, for the regressions below.
    const P1: &str = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة، وقال الوزير إن المشروع سيخدم أكثر من مئة ألف مواطن خلال العام المقبل.";
    const P2: &str = "وأضاف المتحدث الرسمي أن الخطة تشمل بناء عشرين مركزا صحيا في المناطق الريفية وتأهيل الكوادر الطبية، مشيرا إلى أن التمويل متوفر بالكامل.";
    const P4: &str = "ومن المنتظر أن تستقبل المراكز الجديدة المراجعين مطلع العام المقبل، بعد تجهيزها بأحدث المعدات وتوظيف الأطباء والممرضين من أبناء المنطقة.";
    const P3: &str = "وختم الوزير تصريحه بالتأكيد على أن العمل سيبدأ فور استكمال الدراسات الفنية والمالية، وأن الوزارة ستعلن الجدول الزمني للمشروع قريبا.";

    fn all_body(text: &str) {
        let r = roles(text);
        assert!(
            r.iter().all(|&x| x == Role::Body || x == Role::Blank),
            "{r:?}\n{text}"
        );
    }

    #[test]
    fn spaced_hijri_date_in_a_paragraph_is_not_a_nav_bar() {
        // Regression (SaudiNewsNet, sabq/alyaum): `18 / 10 / 1436هـ` counted as two breadcrumb
        // separators, so the paragraph became a navigation bar and the next ones teasers.
        let dated = "وقد تم تنفيذ الحكم بالجاني أمس الاثنين الموافق 18 / 10 / 1436هـ بمحافظة الأحساء في المنطقة الشرقية، وفق ما أعلنته الوزارة في بيانها.";
        all_body(&format!("{P1}\n{dated}\n{P2}\n{P3}"));
        let url = "ويمكن الاطلاع على تفاصيل المسابقة وشروطها عبر موقع الوزارة http: / / www.moh.gov.sa حيث نشرت القائمة الكاملة للمقبولين، بحسب البيان.";
        all_body(&format!("{P1}\n{url}\n{P2}\n{P3}"));
    }

    #[test]
    fn news_words_of_a_disclaimer_keep_a_paragraph() {
        // Regression (SaudiNewsNet): `تابعوا` (they followed), `للاشتراك في` (to take part in)
        // and `لا تعبر عن وجهة نظر` (does not express the view of) removed whole paragraphs as
        // disclaimer or subscription phrases.
        let followed = "قالت الشركة إن نحو ثلاثة ملايين مشاهد تابعوا الحلقة الأخيرة من البرنامج، وهو ما يمثل أكثر من ضعف العدد المعتاد للمشاهدين.";
        let view = "واعتبر التحالف أن تصريحات نائب الرئيس لا تعبر عن وجهة نظر الحكومة الرسمية، مؤكدا رفض تلك التصريحات جملة وتفصيلا.";
        all_body(&format!("{P1}\n{followed}\n{view}\n{P2}"));
        // A comment policy is still furniture: one unambiguous phrase is enough.
        let policy = "ترحب الشبكة بالنقاش الحيوي والمفيد، ونرجو من القراء الالتزام بقواعد التعليق وعدم استخدام عبارات مسيئة، علماً بأن التعليقات تخضع للمراجعة.";
        let r = roles(&format!("{P1}\n{P2}\n{P3}\n\n{policy}"));
        assert_eq!(r[4], Role::Boilerplate, "{r:?}");
    }

    #[test]
    fn another_subheading_before_text_is_not_a_related_block() {
        // Regression (SaudiNewsNet): `مؤامرة أخرى` ("another conspiracy") and `رئيساً مرة أخرى`
        // ("president again") read as `<things> أخرى` block headers, and the rest of the
        // article became teasers.
        for head in ["مؤامرة أخرى", "رئيساً مرة أخرى"] {
            all_body(&format!("{P1}\n{P2}\n\n{head}\n\n{P3}\n{P4}"));
        }
        // `ألبومات أخرى` over a list of links still heads a block.
        let r = roles(&format!(
            "{P1}\n{P2}\n{P3}\n\nألبومات أخرى\nبالصور.. عاصفة رملية تغطي مدنا في الشمال\nبالصور.. سباق القوارب التقليدية في البندقية"
        ));
        assert_eq!(r[4], Role::Boilerplate, "{r:?}");
        assert!(r[5..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn column_items_between_dividers_are_one_body() {
        // Regression (SaudiNewsNet, al-jazirah columns): items ruled off by `* *` lines were
        // runs of one item each (a rule is a widget, and no run bridges one), so the column had
        // no body, or lost its first items as teasers.
        let text = format!(
            "- {P1}\n* *\n- {P2}\n* *\n- الاعتراف سيد الأدلة.\n* * *\n- {P3}\n* *\n- {P4}\nـــــــ"
        );
        let mut page = page_from_text(text);
        recover(&mut page, &Cues::default());
        for l in &page.lines {
            if l.display.starts_with('-') {
                assert_eq!(l.role, Role::Body, "{}", l.display);
            } else {
                assert_eq!(
                    (l.role, l.reason.as_str()),
                    (Role::Boilerplate, "shape:divider")
                );
            }
        }
    }

    #[test]
    fn long_bulleted_teasers_under_a_related_header_open_no_body() {
        // Regression (generated pages): under `متعلقات`, a teaser headline of 16 words is a
        // "good" line; it opened the body, which then took the block's other items too.
        let teaser = "* المملكة ومصر تؤكدان على حماية الأمن القومي العربي وترفضان محاولات التدخل في الشؤون الداخلية العربية والإقليمية";
        let r = roles(&format!(
            "عنوان الخبر الرئيسي في الصفحة\n\nمتعلقات\n\n{teaser}\n* بيان التعليم: ولا تميلوا كل الميل\n\n{P1}\n{P2}\n{P3}"
        ));
        assert_eq!(&r[4..6], [Role::Teaser, Role::Teaser], "{r:?}");
        assert_eq!(&r[7..], [Role::Body, Role::Body, Role::Body], "{r:?}");
    }

    #[test]
    fn long_untitled_text_after_a_related_block_is_an_article() {
        // Regression (generated pages): an opinion column whose headline is too short to stamp
        // (`حوار مع متطرف`) printed under a `متعلقات` block: text after a related header with no
        // headline was taken for teasers, and the whole column was lost.
        let paras = [(P1, P2), (P2, P3), (P3, P4), (P2, P1), (P3, P2), (P4, P3)]
            .iter()
            .map(|(a, b)| format!("{a} {b}"))
            .collect::<Vec<_>>()
            .join("\n\n");
        let text = format!(
            "حوار مع متطرف\n\nمتعلقات\n* بعثة النصر تغادر اليوم للنمسا\n* إعلان المقبولين بمعهد الدراسات الفنية\n\n{paras}"
        );
        let r = roles(&text);
        assert_eq!(&r[3..5], [Role::Teaser, Role::Teaser], "{r:?}");
        assert!(
            r[6..].iter().all(|&x| x == Role::Body || x == Role::Blank),
            "{r:?}"
        );
        // Regression (generated pages, w3m): lines of a paragraph the browser wrapped may have a
        // headline's shape (`أعود إلى الصحافة المصرية … سيكون`); two of them read as headlines
        // interrupting the text, and the column was lost again.
        let wrapped = [
            "أعود إلى الصحافة المصرية التي جعلتني أتصور أن نزولي لأرض الرياض سيكون",
            "محفوفاً بالمخاطر محروساً بالجنود إلمّ يكن مستحيلاً، وما أن وصلت ورأيت ما",
            "ننعم به من أمن وأمان حمدت الله عز وجل وأيقنت أن الإعلام أياً كان توجهه ومقره",
            "وكُتابه قد يكون سبباً في الهزيمة النفسية التي تورث الخور والخوف والهوان لدى",
            "الإنسان مهما كان واعياً ومتزناً، فهو سلاح خطير لك أو عليك وربما أضر من حيث",
            "أراد النفع.",
        ]
        .join("\n");
        let r = roles(&format!("{text}\n\n{wrapped}"));
        assert!(
            r[6..].iter().all(|&x| x == Role::Body || x == Role::Blank),
            "{r:?}"
        );
        // Teaser summaries under their titles stay teasers.
        let teasers = [P1, P2, P3, P4, P1, P2]
            .iter()
            .enumerate()
            .map(|(k, p)| format!("عنوان الخبر رقم {} في القائمة\n{p}", k + 1))
            .collect::<Vec<_>>()
            .join("\n");
        let r = roles(&format!("{P1}\n{P2}\n{P3}\n\nمقالات ذات صلة\n{teasers}"));
        assert!(r[5..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn long_list_between_paragraphs_is_body() {
        // Regression (SaudiNewsNet, al-jazirah): a medal table, three headings and seventeen
        // numbered items, stood between the report's paragraphs. Longer than any gap the body
        // bridges, it was dropped as short lines, and the text under it became a second,
        // untitled article.
        let mut table = vec!["الميداليات الذهبية".to_string()];
        for (k, name) in [
            "رائف التركستاني",
            "بدر العلياني",
            "فرج الناشري",
            "محمد المالكي",
        ]
        .iter()
        .enumerate()
        {
            table.push(format!("{}- {name} وزن تحت 75 أولمبي.", k + 1));
        }
        table.push("الميداليات الفضية".to_string());
        for (k, name) in ["محمد عسيري", "عمر العازمي", "مسفر الأسمري", "منصور مبارك"]
            .iter()
            .enumerate()
        {
            table.push(format!("{}- {name} وزن تحت 60 ناشئين.", k + 1));
        }
        table.push("3 - طارق حامدي وزن فوق 76 شباب.".to_string());
        for (k, name) in ["راكان البدري", "سلطان الزهراني", "طاهر اللغبي"]
            .iter()
            .enumerate()
        {
            table.push(format!("{}- {name} وزن تحت 55 شباب.", k + 4));
        }
        let table = table.join("\n");
        all_body(&format!("{P1}\n{P2}\n{table}\n{P3}\n{P4}"));
        // A most-read list of numbered headlines is no list of the text.
        let most_read = (1..=13)
            .map(|k| format!("{k}. وزير الخارجية يستقبل سفير فرنسا {k}"))
            .collect::<Vec<_>>()
            .join("\n");
        let r = roles(&format!("{P1}\n{P2}\n{most_read}\n{P3}\n{P4}"));
        assert!(r[2..15].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn recipes_between_paragraphs_are_body() {
        // Regression (generated page p1-0000372, SaudiNewsNet aawsat 403666, a food column of
        // four recipes): a recipe's ingredients between the paragraphs were dropped, and the
        // text under them became an article of its own. The same ingredient (`- عود قرفة.`)
        // in two recipes read as a teaser printed twice; a dish's heading that names its chef
        // in parentheses read as a credited caption; the recipe's headings (`* وصفة مغربية`,
        // the dish, its note, `المقادير:`) were more than one line in three items.
        let recipe = |marker: &str, dish: &str, note: &str| {
            let items = [
                "- 750 غراما من اللحم المفروم.",
                "- 3 حبات بندورة مفرومة.",
                "- بصلة متوسطة مفرومة.",
                "- 3 ملاعق طعام من البقدونس المفروم.",
                "- كوب من الماء.",
                "- نصف كوب من زيت الزيتون.",
                "- عود قرفة.",
                "- ملعقة صغيرة من الكمون.",
            ]
            .join("\n");
            format!("* {marker}\n{dish}\n({note})\nالمقادير:\n{items}\nطريقة التحضير:")
        };
        let first = recipe(
            "وصفة مغربية",
            "طاجن الكفتة بالبندورة (4 أشخاص) (الشيف ناديا)",
            "وصفة غنية بالبروتين والفيتامينات والمعادن",
        );
        let second = recipe(
            "وصفة غزاوية",
            "فوقاعية - حمص باللحم (6 أشخاص) (الشيف ربيع)",
            "وصفة غنية بالبروتينات والدهون",
        );
        all_body(&format!("{P1}\n{P2}\n{first}\n{P3}\n{second}\n{P4}"));
    }

    #[test]
    fn list_that_ends_a_body_goes_on() {
        // Regression (SaudiNewsNet, al-jazirah weekly market report): the body took a list's
        // intro and first items, up to an item that is a sentence; the items after it, shaped
        // like headlines, were dropped as teasers.
        let items = [
            "- نطاق التذبذب للسوق بلغ 60 نقطة وهو أضيق نطاق",
            "- السيولة المجمعة للسوق 8 مليارات ريال بتراجع كبير",
            "- مكرر ربحية السوق ينخفض إلى 16 مرة، والعائد على السهم يتراجع بعد إعلان النتائج الفصلية.",
            "- المؤشر العام ارتفع عن الأسبوع الماضي بنمط شرائي ضعيف",
            "- سهم سابك كسر الحاجز المئوي وأنهى التعاملات بنمط بيعي",
        ]
        .join("\n");
        all_body(&format!("{P1}\n{P2}\n\nجلسات الأسبوع الماضي:\n{items}"));
    }

    #[test]
    fn related_header_named_in_two_languages_heads_a_block() {
        // Regression (fixture 12): `Related | مواضيع ذات صلة` was five words with a pipe, too
        // long for a header that starts with a header's name and not one name exactly: its
        // items were no related links.
        let block = "Related | مواضيع ذات صلة\n• Saudi Arabia signs solar deals worth $3bn\n• سلطنة عمان تطرح مناقصة جديدة لمشاريع الهيدروجين الأخضر\n• UAE airline tests sustainable fuel on long-haul route";
        let r = roles(&format!("{P1}\n{P2}\n{P3}\n\n{block}"));
        assert_eq!(r[4], Role::Boilerplate, "{r:?}");
        let mut page = page_from_text(format!(
            "العنوان الرئيسي للخبر هنا اليوم\n\n{P1}\n{P2}\n{P3}\n\n{block}"
        ));
        let (articles, _) = recover(&mut page, &Cues::default());
        assert_eq!(articles[0].related.len(), 3, "{:?}", articles[0].related);
        // A line of two phrases that are no headers is not one.
        let r = roles(&format!(
            "{P1}\n{P2}\n{P3}\n\nRelated | أخبار الطقس اليوم\n{P4}"
        ));
        assert_ne!(r[4], Role::Boilerplate, "{r:?}");
    }

    #[test]
    fn subheading_that_starts_like_a_related_header_is_body() {
        // Regression (SaudiNewsNet, alyaum/aawsat): `المزيد من المعاناة` ("more suffering")
        // starts with the header phrase `المزيد من`, and `طرق أخرى` ("other methods") before a
        // colon intro reads as `<things> أخرى`: both ended the body, and the paragraphs after
        // them became teasers.
        let intro =
            "ليست هذه الطريقة وحدها المنتشرة والمعروفة في هذا المجال، بل هناك طرق أخرى أهمها:";
        all_body(&format!("{P1}\n{P2}\n\nالمزيد من المعاناة\n\n{P3}\n{P4}"));
        all_body(&format!("{P1}\n{P2}\n\nطرق أخرى\n\n{intro}\n{P3}\n{P4}"));
        // Over teaser headlines they still head a block; a listed header over a summary too.
        let r = roles(&format!(
            "{P1}\n{P2}\n{P3}\n\nالمزيد من الأخبار المحلية\nبالصور.. عاصفة رملية تغطي مدنا في الشمال\nبالصور.. سباق القوارب التقليدية في البندقية"
        ));
        assert_eq!(r[4], Role::Boilerplate, "{r:?}");
        assert!(r[5..].iter().all(|&x| x != Role::Body), "{r:?}");
        let r = roles(&format!("{P1}\n{P2}\n{P3}\n\nمقالات ذات صلة\n{P4}"));
        assert_eq!(r[4], Role::Boilerplate, "{r:?}");
    }
    #[test]
    fn line_printed_twice_with_text_between_heads_no_article() {
        // Regression (SaudiNewsNet, aleqt/alyaum): a line printed twice close together counted as
        // a headline repeated over its article, even with paragraphs between the printings. A
        // market report's subheading used for two sections (`الأداء العام للسوق`) and a reader's
        // name and town over two questions of a dream Q&A page (`عبدالله ـ الدمام`) each split
        // the page into articles titled by them.
        // A headline printed above a caption and again over its text still heads the article
        // (the first printing is the title).
        let headline = "افتتاح مستشفى جديد في المدينة لخدمة مئة ألف مواطن";
        let caption = "الوزير خلال جولته في المستشفى (واس)";
        let r = roles(&format!(
            "{headline}\n{caption}\n\n{headline}\n\n{P1}\n{P2}\n{P3}"
        ));
        assert_eq!((r[0], r[3]), (Role::Title, Role::Repeat), "{r:?}");
        let p5 = "وأشار التقرير إلى أن قيمة التداولات ارتفعت خلال الأسبوع الماضي بنسبة كبيرة مقارنة بالأسبوع الذي سبقه، مع تحسن واضح في أداء القطاعات.";
        let p6 = "وتوقع المحللون أن تواصل السوق تحركها في نطاق ضيق خلال الجلسات المقبلة، في انتظار إعلان نتائج الشركات القيادية للربع الثاني من العام.";
        for sub in ["الأداء العام للسوق", "عبدالله ـ الدمام"] {
            all_body(&format!(
                "{P1}\n{P2}\n\n{sub}\n\n{P3}\n{P4}\n\n{sub}\n\n{p5}\n{p6}"
            ));
        }
    }

    #[test]
    fn quoted_poem_inside_an_article_is_body() {
        // Regression (SaudiNewsNet, alriyadh/aljazirah): a poem quoted between paragraphs, longer
        // than any gap the body may bridge, was cut off as a list of teaser headlines.
        let poem = [
            "قم يا وديع السين والدال واعيها",
            "ياللي طوابير المعادي تناحيها",
            "احمس من البن المنقا على الغضا",
            "أوصيك بالتركيد ياللي تسويها",
            "اصحا اتحرقها فيكثر سريبها",
            "ولا تجي نية تمرر حلاويها",
            "عن الجمر شطرها إلى فاح ريحها",
            "يلزمك يا قرم الولايد تحاظيها",
            "في نجر ماو قدر شبرين دقها",
            "حسه يجيب اللي تكسر عزاويها",
            "لقم ببغدادية كن عنقها",
            "عنق المهاة المستحسة براميها",
            "على بكر لقمها لمن يستحقها",
            "ولا ترد للنشامى ثناويها",
        ]
        .join("\n");
        all_body(&format!("{P1}\n{P2}\n{poem}\n{P3}\n{P4}"));
    }

    #[test]
    fn vowelled_quotation_is_running_text() {
        // Regression (SaudiNewsNet): fully vowelled Quran quotes had too few "letters" per
        // character (diacritics counted as characters), so they were dropped as widgets.
        let verse = "قال الله تعالى: {إِنَّ اللَّهَ عِندَهُ عِلْمُ السَّاعَةِ وَيُنَزِّلُ الْغَيْثَ وَيَعْلَمُ مَا فِي الْأَرْحَامِ وَمَا تَدْرِي نَفْسٌ مَّاذَا تَكْسِبُ غَدًا}.";
        all_body(&format!("{P1}\n{verse}\n{P2}\n{P3}"));
    }

    #[test]
    fn long_bracketed_passage_is_not_a_placeholder() {
        // Regression (SaudiNewsNet, alyaum): paragraphs printed in square brackets were removed
        // as `[IMG]`-like placeholders.
        let quoted = "[وتأثر الشاب من بكاء المسنة وحزنها على ابنها، فقال لها لا تبكي يا خالة، وإن شاء الله نجد من يتبرع له، ثم ذهب إلى المستشفى].";
        all_body(&format!("{P1}\n{quoted}\n{P2}\n{P3}"));
    }

    #[test]
    fn bulleted_list_between_paragraphs_is_body() {
        // Regression (SaudiNewsNet, health and recipe pages): a bulleted list inside the body,
        // longer than a bridge, was dropped as widgets while the paragraphs around it stayed.
        let items = "* التهاب الكبد الوبائي الفيروسي.\n* شرب الكحوليات.\n* تليف الكبد.\n* انسداد القنوات الصفراوية.\n* تناول بعض الأدوية بجرعات كبيرة.";
        all_body(&format!("{P1}\n{P2}\n{items}\n{P3}\n{P4}"));
        // A numbered list of headlines (a most-read block whose header a template removed)
        // is not.
        let most_read = "1. تفكيك عصابة أفريقية تستأجر الشقق المفروشة\n2. أرخص ثماني طرق لإنقاص الوزن بسرعة\n3. التعاون الإسلامي تبحث تخفيف معاناة اللاجئين\n4. الفهد يحتفظ برئاسة الأولمبي الآسيوي";
        let r = roles(&format!("{P1}\n{P2}\n{most_read}\n{P3}\n{P4}"));
        assert!(r[2..6].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn numbered_items_the_text_numbers_through_are_body() {
        // Regression (SaudiNewsNet, alriyadh 1067826): side effects listed `1. صداع` to `5. بعض
        // مشاكل الرؤية المؤقتة …`; the short items 2 to 4 read as a most-read block's numbered
        // headlines and were lost between items 1 and 5, which stayed.
        let items =
            "الآثار الجانبية للدواء\n1. صداع\n2. احمرار بالوجه\n3. عسر الهضم\n4. احتقان الأنف";
        let last = format!("5. {P3}");
        let r = roles(&format!("{P1}\n{P2}\n{items}\n{last}\n{P4}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // Numbered the same but not going on into the text: a most-read block, not body.
        let r = roles(&format!("{P1}\n{P2}\n{items}\n{P3}\n{P4}"));
        assert!(r[4..7].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn dialogue_lines_in_a_body_are_body() {
        // Regression (SaudiNewsNet memoirs and interviews): `فقلت: نعم.. ليه؟` read as a
        // `label: value` field and was dropped from the middle of the text.
        let dialogue = "فقلت: نعم.. ليه؟\nقلت له: أنا فاتن، وسأعود غدا.\nوأجاب على الفور: أنا تحت أمرك، يا سيدتي.";
        all_body(&format!("{P1}\n{P2}\n{dialogue}\n{P3}\n{P4}"));
        // A field without a sentence is still a label.
        let r = roles(&format!("{P1}\n{P2}\n{P3}\n\nالقسم: حقوق وحريات"));
        assert_eq!(r[4], Role::Boilerplate, "{r:?}");
    }

    #[test]
    fn lines_a_template_removes_still_separate_articles() {
        // Regression (clean on generated page dumps): site templates blanked the recurring
        // `الأكثر قراءة` header, share bar and date lines before structure recovery, so the
        // most-read items and the next article ran into the first article's body (682 of 1835
        // kept articles carried numbered teaser items).
        let text = format!(
            "عنوان الخبر الأول عن افتتاح المستشفى الجديد\nالاثنين 26 أغسطس 2015\n\n{P1}\n{P2}\nشارك: فيسبوك | تويتر | واتساب\n\nالأكثر قراءة\n1. تفكيك عصابة أفريقية تستأجر الشقق المفروشة في المدينة\n2. أرخص ثماني طرق لإنقاص الوزن بسرعة وأمان\n\nعنوان الخبر الثاني عن المراكز الصحية في الريف\nالثلاثاء 27 أغسطس 2015\n\n{P3}\n{P4}"
        );
        let mut page = page_from_text(text);
        // What a site template would drop: the share bar, the header and both date lines.
        let mut forced = vec![None; page.lines.len()];
        for i in [1, 5, 7, 12] {
            forced[i] = Some(Reason::new("template:line"));
        }
        let (articles, _) = recover_with(&mut page, &Cues::default(), &forced);
        assert_eq!(articles.len(), 2, "{articles:?}");
        assert_eq!(articles[0].body, vec![P1.to_string(), P2.to_string()]);
        assert_eq!(articles[1].body, vec![P3.to_string(), P4.to_string()]);
        for i in [1, 5, 7, 12] {
            assert_eq!(page.lines[i].role, Role::Boilerplate);
            assert_eq!(page.lines[i].reason.as_str(), "template:line");
        }
    }

    #[test]
    fn last_words_over_the_sites_sign_off_close_the_text() {
        // Regression (SaudiNewsNet, aawsat 421081, al-jazirah 20150725 sp14): a column's last
        // line trailing off in points closes it at the end of the page; the columnist's e-mail
        // the site's template removes under it counts as the page's end too.
        let text = format!(
            "{P1}\n{P2}\nالسؤال لا يدعي امتلاك الإجابة، فهذا ما نختبره يوميًا..\ndiana@asharqalawsat.com"
        );
        let recovered = |forced: &[Option<Reason>]| {
            let mut page = page_from_text(text.clone());
            recover_with(&mut page, &Cues::default(), forced);
            page.lines.iter().map(|l| l.role).collect::<Vec<_>>()
        };
        let mut forced = vec![None; 4];
        forced[3] = Some(Reason::new("template:line"));
        let r = recovered(&forced);
        assert_eq!(r[..3], [Role::Body; 3], "{r:?}");
        // A line the template keeps under it is more page: the line is no last word.
        let r = recovered(&[]);
        assert_ne!(r[2], Role::Body, "{r:?}");
    }

    /// An article, then a `مقالات ذات صلة` block of two items, each printed the way the seed
    /// page prints them: title, section + photo caption with its credit, the title again, a
    /// summary, the byline.
    fn related_block(first_title: &str) -> String {
        format!(
            "عنوان الخبر عن افتتاح المستشفى الجديد في المدينة\n\n{P1}\n\n{P2}\n\nمقالات ذات صلة\n\n{first_title}\n\nاقتصاد من موقع الحادث (أ.ف.ب)\n\n{first_title}\n\nنظمت سجون منطقة القصيم احتفالات معايدة للسجناء في سجون بريدة وعنيزة والرس، واستهدف البرنامج أكثر من ألف نزيل.\n\n«الشرق الأوسط» (الرياض)\n\nإغلاق مطار بالي بإندونيسيا بعد ثوران بركان رونغ\n\nمنوعات مشهد عام للمدينة (رويترز)\n\nإغلاق مطار بالي بإندونيسيا بعد ثوران بركان رونغ\n\nأغلقت السلطات الإندونيسية مطار بالي الدولي بعد ثوران بركان قريب، وألغيت عشرات الرحلات.\n\n«الشرق الأوسط» (جاكرتا)"
        )
    }

    /// The titles of the related items of all articles, in order.
    fn related_titles(articles: &[Article]) -> Vec<String> {
        articles
            .iter()
            .flat_map(|a| a.related.iter().filter_map(|t| t.title.clone()))
            .collect()
    }

    /// Asserts that the related items of the page `text` have the titles `want`, in order.
    fn assert_related(text: String, want: &[&str]) {
        let mut page = page_from_text(text);
        let (articles, _) = recover(&mut page, &Cues::default());
        assert_eq!(related_titles(&articles), want, "{articles:?}");
    }

    /// Asserts that the articles list the two items of [`related_block`], in order.
    fn assert_two_items(articles: &[Article], first_title: &str) {
        assert_eq!(
            related_titles(articles),
            [
                first_title,
                "إغلاق مطار بالي بإندونيسيا بعد ثوران بركان رونغ"
            ],
            "{articles:?}"
        );
    }

    #[test]
    fn related_title_a_template_removes_still_titles_its_item() {
        // Regression (clean on generated page dumps): a site shows the same related article
        // under many of its stories, so the survey learned its headline as a recurring line;
        // the template made it boilerplate before the related items were assembled, and the
        // item took its summary for its title (`نظمت سجون منطقة القصيم …` for `نزلاء سجون
        // القصيم يحتفون بالعيد`).
        let title = "نزلاء سجون القصيم يحتفون بالعيد في برنامج معايدة";
        let mut page = page_from_text(related_block(title));
        let mut forced = vec![None; page.lines.len()];
        for (i, l) in page.lines.iter().enumerate() {
            if &*l.display == title || &*l.display == "مقالات ذات صلة" {
                forced[i] = Some(Reason::new("template:line"));
            }
        }
        let (articles, _) = recover_with(&mut page, &Cues::default(), &forced);
        assert_two_items(&articles, title);
        // The template's decision stands in the audit trail.
        for (i, l) in page.lines.iter().enumerate() {
            if forced[i].is_some() {
                assert_eq!(l.reason.as_str(), "template:line", "{i}");
            }
        }
    }

    #[test]
    fn short_related_title_printed_twice_titles_its_item() {
        // Regression (clean on generated page dumps): a related item's two-word title
        // (`صديقتي الشيعية`, `إيران وأجنحة النمل`) read as item metadata, not as a headline, so
        // the item took its summary for its title.
        let title = "صديقتي الشيعية";
        let mut page = page_from_text(related_block(title));
        let (articles, _) = recover(&mut page, &Cues::default());
        assert_two_items(&articles, title);
    }

    #[test]
    fn related_title_after_a_caption_read_as_a_byline_is_no_second_item() {
        // Regression (clean on generated page dumps): a related item's photo caption credited
        // to a newspaper (`ثقافة من موقع الحادث (الشرق الأوسط)`) reads as a byline, which closes
        // the item; the item's title printed again under the photo then opened a second item
        // with the same title.
        let title = "الشعراء تغنوا بحب الوطن والقيادة وجمال الطبيعة";
        let text = related_block(title).replace(
            "اقتصاد من موقع الحادث (أ.ف.ب)",
            "ثقافة من موقع الحادث (الشرق الأوسط)",
        );
        let mut page = page_from_text(text);
        let (articles, _) = recover(&mut page, &Cues::default());
        assert_two_items(&articles, title);
    }

    #[test]
    fn bulleted_related_link_shaped_like_a_sentence_is_an_item() {
        // Regression (clean on generated lynx page dumps): in a text browser's bulleted list of
        // related links, a link that reads like running text or `label: value` (`د. الصالح:
        // زيارة …`) became the summary of the link above it, and a two-word link (`أحلى شوفة`)
        // item metadata: both were lost from the related list.
        let text = format!(
            "عنوان الخبر عن افتتاح المستشفى الجديد في المدينة\n\n{P1}\n\n{P2}\n\nاقرأ أيضاً\n* [7]88 طالباً وطالبة من «سفراء الحزم» يزورون الرياض.. اليوم\n* [8]د. الصالح: زيارة ولي ولي العهد للأردن مهمة وحساسة لخدمة المنطقة\n* [9]أحلى شوفة\n* [10]مساواة الأطباء.. إلى متى؟"
        );
        assert_related(
            text,
            &[
                "88 طالباً وطالبة من «سفراء الحزم» يزورون الرياض.. اليوم",
                "د. الصالح: زيارة ولي ولي العهد للأردن مهمة وحساسة لخدمة المنطقة",
                "أحلى شوفة",
                "مساواة الأطباء.. إلى متى؟",
            ],
        );
    }

    #[test]
    fn bulleted_related_link_read_as_a_field_is_an_item() {
        // Regression (clean on generated lynx page dumps): under `اقرأ أيضاً`, links shaped
        // `label: value` (`* [8]مونديال 2018: بلاتر يجدد دعمه لروسيا`) or too short for a
        // headline (`* [7]انسحاب تكتيكي!`) were boilerplate to the classifier and missing from
        // the related list.
        let text = format!(
            "عنوان الخبر عن افتتاح المستشفى الجديد في المدينة\n\n{P1}\n\n{P2}\n\nاقرأ أيضاً\n* [7]«دلتا أووردز» لأعمال 2014.. جوائز وروح رياضية\n* [8]مونديال 2018: بلاتر يجدد دعمه لروسيا\n* [9]انسحاب تكتيكي لفريق الشباب!\n* [10]مواطن يعتدي على طبيب مناوب في المستشفى"
        );
        assert_related(
            text,
            &[
                "«دلتا أووردز» لأعمال 2014.. جوائز وروح رياضية",
                "مونديال 2018: بلاتر يجدد دعمه لروسيا",
                "انسحاب تكتيكي لفريق الشباب!",
                "مواطن يعتدي على طبيب مناوب في المستشفى",
            ],
        );
    }

    #[test]
    fn signature_under_the_text_is_no_link_of_the_box_above_it() {
        // Regression (clean on generated lynx page dumps): a related box printed between the
        // headline and the text (`متعلقات` and its links) left the block open, so the
        // writer's signature under the text (`- صالح جبار خلفاوي`) became one of its links.
        let text = format!(
            "عنوان الخبر عن افتتاح المستشفى الجديد في المدينة\nالأحد 10/10/1436 هـ - الموافق 4/8/2015 م\n\nمتعلقات\n\n* تركيا تجمد أموال علي عبدالله صالح وقادة حوثيين\n* تصريحات المالكي ضد المملكة لا تخدم الاستقرار في المنطقة\n\n{P1}\n\n{P2}\n\n- صالح جبار خلفاوي"
        );
        assert_related(
            text,
            &[
                "تركيا تجمد أموال علي عبدالله صالح وقادة حوثيين",
                "تصريحات المالكي ضد المملكة لا تخدم الاستقرار في المنطقة",
            ],
        );
    }

    #[test]
    fn two_word_headline_with_a_dateline_heads_an_article() {
        // Regression (generated pages, SaudiNewsNet columns): a two-word headline (`رابطة
        // منفلتة`) was too short to be a headline, so the article under a most-read block was
        // read as teasers and its body lost.
        let text = format!(
            "{P1}\n{P2}\nشارك: فيسبوك | تويتر | واتساب\n\nالأكثر قراءة\n1. مدينة التخزين الألمانية أحدث موقع للتراث العالمي\n2. الإصابة تبعد اللاعب عن الملاعب لمدة شهرين\n\nزيارة مشعل\nمنذ 3 ساعات\nكتب: خالد المطيري\n\n{P3}\n{P4}\nشارك: فيسبوك | تويتر | واتساب"
        );
        let r = roles(&text);
        assert_eq!(r[8..11], [Role::Title, Role::Date, Role::Byline], "{r:?}");
        assert_eq!(r[12..14], [Role::Body, Role::Body], "{r:?}");
        // A two-word line printed twice (a site name in the header and inside the page) is not
        // a headline: only a date, byline or credited caption under it stamps one.
        let site = format!("الجزائر اليوم\n{P1}\n{P2}\nالجزائر اليوم\nالرئيسية الوطني الدولي اقتصاد رياضة\n{P3}\n{P4}");
        assert!(
            roles(&site).iter().all(|&x| x != Role::Title),
            "{:?}",
            roles(&site)
        );
    }

    #[test]
    fn one_paragraph_article_after_a_related_block_closes_like_the_first() {
        // Regression (generated pages): infinite scroll glued a one-paragraph article under the
        // first one's most-read block; it was read as a teaser's summary. It closes with the
        // same share bar as the article above, which a teaser does not.
        let text = format!(
            "عنوان الخبر الأول عن افتتاح المستشفى الجديد\nالخميس 4 يوليو 2015\n\n{P1}\n{P2}\n{P3}\nشارك: فيسبوك | تويتر | واتساب | البريد\n\nالأكثر قراءة\n1. مدينة التخزين الألمانية أحدث موقع للتراث العالمي\n2. الإصابة تبعد اللاعب عن الملاعب لمدة شهرين\n\nروسيا تؤكد تسوية قضية السفينتين مع فرنسا\nقبل 9 ساعات\n\n{P4}\nشارك: فيسبوك | تويتر | واتساب | البريد"
        );
        let r = roles(&text);
        assert_eq!(r[12], Role::Title, "{r:?}");
        assert_eq!(r[15], Role::Body, "{r:?}");
        // Without the closing share bar, the same lines stay a teaser.
        let cut = text.rsplit_once('\n').map(|(a, _)| a).unwrap_or_default();
        let r = roles(cut);
        assert_eq!(r[15], Role::Teaser, "{r:?}");
    }

    #[test]
    fn speaker_quote_headline_beats_a_breaking_news_ticker() {
        // Regression (generated pages): `رئيس النصر: لن يهزمونا` has the shape of a `label:
        // value` field, so the `عاجل: …` ticker above the breadcrumb became the headline.
        let text = format!(
            "عاجل: وفاة مقيم جراء سقوط مقذوف على جازان\nالرئيسية > رياضة > الأخبار\nرئيس النصر: لن يهزمونا\nالأربعاء، 21 أغسطس 2015، آخر تحديث 19:15\n{P1}\n{P2}\n{P3}"
        );
        let r = roles(&text);
        assert_eq!(r[2..5], [Role::Title, Role::Date, Role::Body], "{r:?}");
        assert_ne!(r[0], Role::Title, "{r:?}");
        // A field label under the headline (`القسم: محليات`) does not take its place.
        let field = format!(
            "افتتاح مستشفى جديد في المدينة المنورة\nالقسم: أخبار محلية\nالأربعاء، 21 أغسطس 2015\n{P1}\n{P2}\n{P3}"
        );
        let r = roles(&field);
        assert_eq!(r[0], Role::Title, "{r:?}");
        assert_ne!(r[1], Role::Title, "{r:?}");
    }

    #[test]
    fn first_paragraph_over_a_list_starts_the_untitled_text() {
        // Regression (SaudiNewsNet, alyaum 4082484, aawsat 408876): one paragraph, then a list
        // under its intro (`وتتعدد الاسباب للاصابة به منها:`, a recipe's ingredients), then
        // the text. The paragraph and its list were too short to be an article, and the text
        // under them, with no headline, started below: the opening was lost as a teaser.
        let lede = "يعرف الصرع بأنه اضطرابات في حجم الشحنات الكهربائية في الدماغ، ويختلف عن التخلف العقلي، حيث لا صلة بينهما.";
        let list = "وتتعدد الاسباب للاصابة به منها:\n العوامل الوراثية.\n مضاعفات الحمل.\n العيوب الخلقية في المخ.\n الجلطة الدماغية او النزيف الدماغي.\n اورام المخ.";
        let r = roles(&format!("{lede}\n{list}\n{P1}\n{P2}\n{P3}\n{P4}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // Under a related block's header, the paragraph is a teaser's summary.
        let r = roles(&format!(
            "{lede}\nمقالات ذات صلة\n{list}\n{P1}\n{P2}\n{P3}\n{P4}"
        ));
        assert_ne!(r[0], Role::Body, "{r:?}");
    }

    #[test]
    fn stanza_quoted_under_a_colon_heads_no_article() {
        // Regression (SaudiNewsNet, alwatan 229733, aawsat 406661): a column opens with a
        // paragraph that ends with a colon, then quotes a stanza (`قول المتنبي:` and four
        // hemistichs, or one verse the column quotes again further down). The stanza was more
        // than a run bridges, its last hemistich read as the headline and the opening
        // paragraph as a teaser above it.
        let intro = "أكتب إليكم للمرة الأولى من باب الإنصاف وقول الحقيقة وتدوين الإنجاز الكبير لهذه الأمة ويستحضرني في هذا المقام:";
        let stanza = "قول المتنبي:\nعفيف تروق الشمس صورة وجهه\nولو نزلت شوقا لحاد إلى الظل\nشجاع كأن الحرب عاشقة له\nإذا زارها فدته بالخيل والرجل";
        let r = roles(&format!("{intro}\n{stanza}\n{P1}\n{P2}\n{P3}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        let verse = "وما أنا إلا من غزية إن غوت... غويت وإن ترشد غزية أرشد";
        let r = roles(&format!("{intro}\n{verse}\n{P1}\n{P2}\n{verse}\n{P3}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // A related block under such a paragraph is not quoted text.
        let r = roles(&format!(
            "{intro}\nمقالات ذات صلة\nافتتاح مستشفى جديد في المدينة المنورة\n{P1}\n{P2}\n{P3}"
        ));
        assert_ne!(r[1], Role::Body, "{r:?}");
        assert_ne!(r[2], Role::Body, "{r:?}");
    }

    #[test]
    fn decree_quoted_under_a_short_intro_keeps_the_lede() {
        // Regression (SaudiNewsNet, alwatan 230079): a lede, then `وصدر أمر ملكي … فيما يلي
        // نصه:` and the decree: basmala, number, a dated field, the king's titles, then its
        // text. The intro was too short to quote, the dated field ended the run, the king's
        // title read as the headline, and the lede and intro were lost as a teaser.
        let lede = "أناب خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز ولي العهد في إدارة شؤون الدولة خلال فترة غيابه عن المملكة.";
        let header = "وصدر أمس أمر ملكي بهذا الشأن فيما يلي نصه:\nبسم الله الرحمن الرحيم\nالرقم : أ / 267\nالتاريخ : 9 / 10 / 1436هـ\nبعون الله تعالى\nنحن سلمان بن عبدالعزيز آل سعود\nملك المملكة العربية السعودية";
        let r = roles(&format!("{lede}\n{header}\n{P1}\n{P2}\n{P3}"));
        assert_eq!(r[..3], [Role::Body; 3], "{r:?}");
        assert!(r[5..].iter().all(|&x| x == Role::Body), "{r:?}");
        // A dateline that is no field still ends the run: the story under it is another one.
        let r = roles(&format!(
            "{lede}\nوصدر أمس أمر ملكي بهذا الشأن فيما يلي نصه:\nالأحد 25 أغسطس 2015م\nافتتاح مستشفى جديد في المدينة المنورة\n{P1}\n{P2}\n{P3}"
        ));
        assert_eq!(r[3], Role::Title, "{r:?}");
    }

    #[test]
    fn questions_signed_by_their_askers_open_the_qa_column() {
        // Regression (SaudiNewsNet, aawsat 413501, alriyadh 1071461): a Q&A column opens with a
        // reader's bulleted question over their `name - town`, then the answer. The question
        // and the asker's byline read as a teaser item above the text, and with them every
        // question and answer above the first long answer was lost.
        let qa = "* ما مدى ملاءمة استخدام زيت الزيتون في القلي أو الطهو بطريقة صحية لطبخ الأطعمة في البيت؟\nأم هنادي - الرياض";
        let r = roles(&format!("{qa}\n{P1}\n{P2}\n{P3}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // Several short questions and answers in a row, all above the first long answer.
        let first = "* العزيز ابو العواكيس ماهو تعليقك على مفاوضات الهلال مع بعض اللاعبين والمدربين هذا الموسم؟\nمحمد العوفي - المدينة المنورة\n- كنها نتايج المدارس الليلية لم ينجح أحد حتى الآن!";
        let second = "* ياهلا يا معوكس جيناك على الموعد بشر عساك استمتعت بالإجازة الصيفية مع العائلة والأصدقاء؟\nمحمد الدهمشي - عرعر\n- وين المتعة منه والشوارع كلها حفريات واتجاه اجباري!";
        let r = roles(&format!("{first}\n{second}\n{qa}\n{P1}\n{P2}\n{P3}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // A teaser's summary over its byline asks nothing: it stays out of the text.
        let teaser = "أعلنت وزارة الصحة عن افتتاح مستشفى جديد في المدينة المنورة بسعة خمسمائة سرير خلال العام المقبل.\nمحمد العوفي - المدينة المنورة";
        let r = roles(&format!("{teaser}\n{P1}\n{P2}\n{P3}"));
        assert_ne!(r[0], Role::Body, "{r:?}");
    }

    #[test]
    fn formula_repeated_with_its_full_stop_heads_no_article() {
        // Regression (SaudiNewsNet, alyaum 4081695): a cabinet statement closes each decision
        // with `وقد أعد مرسوم ملكي بذلك.`; printed once without its full stop, the formula read
        // as a headline printed twice, split the statement in two articles and dropped the
        // decision above it.
        let decision = "بعد النظر في قرار مجلس الشورى قرر مجلس الوزراء الموافقة على مذكرة التفاهم بين الوزارتين في مجال التعاون الفني والتدريب.";
        let text = format!(
            "{P1}\n{P2}\nأولاً :\n{decision}\nوقد أعد مرسوم ملكي بذلك\nثانياً :\n{P3}\nوقد أعد مرسوم ملكي بذلك.\nثالثاً :\n{P4}"
        );
        let r = roles(&text);
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // A headline printed twice, neither printing with a full stop, still heads its article.
        let text = format!(
            "افتتاح مستشفى جديد في المدينة المنورة\n{P1}\nافتتاح مستشفى جديد في المدينة المنورة\n{P2}\n{P3}"
        );
        let r = roles(&text);
        assert_eq!(r[..2], [Role::Title, Role::Body], "{r:?}");
    }

    /// Ten hemistichs of a Nabati poem, every second one rhyming on `…وبها`.
    const POEM: &str = "يا دار وين اللي مضوا من سنينك\nووين الربوع اللي عمرنا بها\nمريت بك والقلب يشكي حنينه\nوالدمع يسبق خطوتي في دروبها\nوقفت عند الباب واذكر زمانا\nكنا نسولف والليالي نجوبها\nواليوم صارت بالمكان الوحشة\nوالريح تعصف في بقايا طيوبها\nيا ليت الايام ترجع لنا\nونعيش فرحتها ونمحي ذنوبها";

    #[test]
    fn standalone_poem_is_an_article() {
        // Regression (generated page p1-0001048, SaudiNewsNet poetry pages): a poem under its
        // title, one hemistich a line and no running text around it, was labelled teaser
        // headlines: the page had no article.
        let page = format!(
            "ثقافة\nدمعة الدار\nالأحد - 25 أغسطس 2015م\n\n{POEM}\nشارك: فيسبوك | تويتر | واتساب | البريد\n\nالأكثر قراءة\n1. الأندية والرئاسة: من يقصي الآخر؟!"
        );
        let r = roles(&page);
        assert_eq!(r[1], Role::Title, "{r:?}");
        assert!(r[4..14].iter().all(|&x| x == Role::Body), "{r:?}");
        // With no date under it, the short line right above the poem is its title.
        let r = roles(&format!("دمعة الدار\n\n{POEM}"));
        assert_eq!(r[0], Role::Title, "{r:?}");
        assert!(r[2..].iter().all(|&x| x == Role::Body), "{r:?}");
        // Ten teaser titles in a row do not rhyme: no article.
        let teasers = "افتتاح مستشفى جديد في المدينة\nارتفاع أسعار النفط في الأسواق\nالمنتخب يستعد لمباراة الغد\nأمطار غزيرة على مناطق الجنوب\nوزير التعليم يزور مدارس المنطقة\nانطلاق مهرجان الصيف في جدة\nالهلال يتعاقد مع مدرب جديد\nتراجع مؤشر الأسهم في ختام التداول\nإغلاق طريق الملك فهد للصيانة\nالأرصاد تتوقع رياحا نشطة";
        let r = roles(&format!("أخبار\n\n{teasers}"));
        assert!(r.iter().all(|&x| x != Role::Body), "{r:?}");
        // Lines whose every second line rhymes but for one in four (free verse, a list that
        // rhymes by chance) are no poem standing alone.
        let loose = POEM.replace("والدمع يسبق خطوتي في دروبها", "والدمع يسبق خطوتي في الطريق");
        let r = roles(&format!("أخبار\n\n{loose}"));
        assert!(r.iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn poem_whose_first_stanza_a_split_hemistich_breaks_is_one_poem() {
        // Regression (SaudiNewsNet, alyaum 4081269): a scraper split a hemistich of the first
        // stanza in two lines (`من الطلسم اللجي` / `والسحر والرقى`), so the page's lines no
        // longer rhymed strictly as a whole; the second stanza alone was the poem, its headline
        // the last verse of the first stanza, and the first and last stanzas teasers.
        let first = "قالوا الزمان يدور والناس تنسى\nوأنا على العهد القديم أعيش بها\nمن طول الغياب\nوحر الأسى\nوالشوق يكتب في الضلوع حروفها";
        let last = "والليل يسأل عن ليال وصلها\nوالقلب يبقى في هواها وحبها";
        let r = roles(&format!("قصيدة\n\n{first}\n\n{POEM}\n\n{last}"));
        assert_eq!(r[0], Role::Title, "{r:?}");
        assert!(
            r[2..].iter().all(|&x| x == Role::Body || x == Role::Blank),
            "{r:?}"
        );
        // A stanza that does not keep the rhyme (teaser titles under the poem) stays out.
        let teasers = "افتتاح مستشفى جديد في المدينة\nارتفاع أسعار النفط في الأسواق\nالمنتخب يستعد لمباراة الغد";
        let r = roles(&format!("قصيدة\n\n{POEM}\n\n{teasers}"));
        assert!(r[13..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn poem_closing_on_its_opening_verse_has_no_headline_inside() {
        // Regression (SaudiNewsNet, alriyadh, alyaum): a poem that closes on its opening verse
        // again; the second hemistich, printed twice, read as a headline, and the first was
        // cut off above it as a teaser.
        let opening = POEM.lines().take(2).collect::<Vec<_>>().join("\n");
        let r = roles(&format!("{POEM}\n{opening}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
    }

    #[test]
    fn poem_under_a_short_intro_goes_on_from_it() {
        // Regression (SaudiNewsNet, alriyadh): `كتبه … الشاعر … ويقول :`, a line of text too
        // short for an article, the verse it quotes, then readers' answers in verse: the intro
        // and the quoted verse were left above the poem as teasers.
        let intro = "كتبه الأسبوع الماضي الشاعر علي الفيفي من بيشه حول أهمية الوصل وعدم المقاطعة للأهل والجيران ويقول :";
        let page = format!(
            "{intro}\nصل من يجب وصله قرابه وجيران\nترى القطيعه من كبار المعاصي\n\nوقد كان صدى البيت من الشعراء:\n\n{POEM}"
        );
        all_body(&page);
        // The poem right under its intro; and under a line of text that introduces nothing.
        all_body(&format!("{intro}\n{POEM}"));
        let line = "نشر الشاعر علي الفيفي من بيشه هذه القصيدة في الأسبوع الماضي حول أهمية الوصل.";
        all_body(&format!("{line}\n\n{POEM}"));
    }

    #[test]
    fn readers_poems_signed_under_each_stanza_are_one_article() {
        // Regression (SaudiNewsNet, alriyadh `صوت الصورة`): readers' poems, each signed
        // `name - town`; a short one between two long ones was dropped as teasers, and its
        // last verse, over the byline-shaped signature, headed a second article.
        let short = "شوفي زمانٍ فات يا عين شوفي\nمع البساطة تاجد البال مرتاح\nفرتٍ حمر كان الفيافي يحومي\nراعيه يجهم قبل ينشق الصباح\nوعن التكاسي كرّوْ والله لطوفي\nوبيوت طينٍ قاومت وقت.. ورياح";
        let page = format!(
            "{POEM}\n\n{short}\nعبدالكريم النغيمشي - لوذة\n\n{POEM}\nحمد عبدالله الوايلي - حوطة سدير"
        );
        let r = roles(&page);
        assert!(!r.contains(&Role::Title), "{r:?}");
        assert!(r[11..17].iter().all(|&x| x == Role::Body), "{r:?}");
        assert!(r[19..29].iter().all(|&x| x == Role::Body), "{r:?}");
    }

    #[test]
    fn poem_closing_the_body_is_body() {
        // Regression (SaudiNewsNet, alriyadh): a poem quoted at the end of an article, one
        // hemistich a line after `…يقول فيها:`, was cut off as a list of teaser headlines.
        let intro =
            "وتحدث الشاعر في الأمسية عن حبه للإبل وأنه لا يستمع لمن أشار عليه ببيعها، ويقول فيها:";
        let verses = "يا عاذلين القلب منا بمصغين\nولا عليكم من شقايه ملامي\nالذود به نشقى ولا أنا بمصخين\nولا نستمع لمكثرين الكلامي";
        let r = roles(&format!("{P1}\n{P2}\n{intro}\n{verses}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // Short lines that do not rhyme stay out of the body.
        let teasers = "افتتاح مستشفى جديد في المدينة\nارتفاع أسعار النفط في الأسواق\nالمنتخب يستعد لمباراة الغد\nأمطار غزيرة على مناطق الجنوب";
        let r = roles(&format!("{P1}\n{P2}\n{intro}\n{teasers}"));
        assert!(r[3..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn epigraph_over_a_column_is_body() {
        // Regression (SaudiNewsNet, alyaum 4082784 and 4081599, alwatan 27130 and 27308): a
        // column opening with two verses of al-Mutanabbi, one hemistich a line, and the poet's
        // name under them lost them all as teasers' headlines and a short line.
        let epigraph = "وَمَن يَجعَلِ الضِرغامَ بازًا لِصَيدِهِ\nتَصَيَّدَهُ الضِرغامُ فيما تَصَيَّدا\nوَوَضْعُ النَّدى في مَوضِعِ السَّيفِ بِالعُلَى\nمُضِرٌّ كَوَضعِ السَّيفِ في مَوضِعِ النَّدى\n«أبو الطيب المتنبي»";
        let r = roles(&format!("{epigraph}\n{P1}\n{P2}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // Under a headline printed over it, the epigraph opens the body and the headline stays
        // the title.
        let arts = articles(
            format!("القيادة هي معرفة خواص الناس والبناء عليها\n\n{epigraph}\n{P1}\n{P2}"),
            &Cues::default(),
        );
        assert_eq!(arts.len(), 1);
        assert_eq!(
            arts[0].title.as_deref(),
            Some("القيادة هي معرفة خواص الناس والبناء عليها")
        );
        assert_eq!(arts[0].body.len(), 7, "{:?}", arts[0].body);
        // Headlines over a story carry no vowels (the accusative `ًا` of a caption is not one):
        // they stay out of the body.
        let teasers = "الأمير مستقبلاً وفد الغرفة التجارية\nارتفاع أسعار النفط في الأسواق\nالمنتخب يستعد لمباراة الغد\nأمطار غزيرة على مناطق الجنوب";
        let r = roles(&format!("{teasers}\n{P1}\n{P2}"));
        assert!(r[..4].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn vowelled_poem_in_numbered_sections_is_body() {
        // Regression (SaudiNewsNet, al-jazirah cu14 and cu16): a page of free verse set with
        // its vowels, in sections numbered `2 -`, `3 -` on lines of their own, lost half its
        // lines as teasers' headlines and short lines: its fragments are too short to rhyme.
        let poem = "يا نَخْلَةَ الدارِ الَّتي\nظَلَّتْ تُظَلِّلُ دَرْبَنا\n2 -\nنَحْنُ الَّذينَ تَعَلَّموا\nمِنْكِ الصَّبْرَ والعَطاءْ\nوَمَشَوْا على رَمْلِ المَدى\n3 -\nقُومي فَإِنَّ الصُّبْحَ لاحْ\nوَالطَّيْرُ غَنَّى في السَّماءْ\nهاتي يَدَيْكِ لِنَبْتَدي\n4 -\nما زِلْتُ أَكْتُبُ في الهَوى\nسَطْراً جَديداً كُلَّ يَوْمْ";
        let arts = articles(format!("نخلة الدار\n\n{poem}"), &Cues::default());
        assert_eq!(arts.len(), 1, "{arts:?}");
        assert_eq!(arts[0].title.as_deref(), Some("نخلة الدار"));
        // Every verse and the numbers between the sections.
        assert_eq!(arts[0].body.len(), 13, "{:?}", arts[0].body);
        // Teaser titles one blank line under it are not its lines.
        let arts = articles(
            format!("نخلة الدار\n\n{poem}\n\nافتتاح مستشفى جديد في المدينة\nارتفاع أسعار النفط في الأسواق"),
            &Cues::default(),
        );
        assert_eq!(arts[0].body.len(), 13, "{:?}", arts[0].body);
        // The same lines without their vowels are no poem the page tells: short unpunctuated
        // lines under numbers, as a block of teasers is.
        let bare: String = poem
            .chars()
            .filter(|c| !('\u{064B}'..='\u{0652}').contains(c))
            .collect();
        let r = roles(&format!("نخلة الدار\n\n{bare}"));
        assert!(!r.contains(&Role::Body), "{r:?}");
    }

    #[test]
    fn vowelled_free_verse_keeps_its_one_word_lines_stanzas_and_last_lines() {
        // Regression (SaudiNewsNet, alwatan 230506 `خطاب إلى الوطن`, alyaum 4081268): free
        // verse set with its vowels breaks lines before the rhyme word (`بنادقٌ`, `غرامُ`); a
        // word alone on its line ended the poem's block, with its stanzas under the `**`. Its
        // last lines carry one vowel or none (`جاز لك المنام` … `حرامُ .`) and were cut as
        // lines under the poem.
        let poem = [
            "نَم..",
            "دون حدّكَ ساهرونَ كِرامُ",
            "لا تصحُ إلا كي تنامَ لمرةٍ أخرى",
            "وتزهرَ حولك الأحلامُ",
            "لا تخشَ إلا الوقتَ يعبُـرُ لا ترى",
            "كيف الحُماةُ على حِماك قِيامُ",
            "أكتافهم فيها السلاحُ",
            "بنادقٌ",
            "وقلوبُهم فيها السلاحُ",
            "غرامُ",
            "**",
            "يا أيها الوطنُ العظيمُ",
            "توحّدت فيك الجهاتُ",
            "وذابتِ الأعلامُ",
            "مهجةُ كلّ إنسانٍ بها",
            "لك موطنٌ",
            "ومقامُ",
            "جاز لك المنام",
            "وفي عيون المخلصين",
            "حرامُ .",
        ];
        let text = format!("حسن آل خيرات\n{}\n* شاعر سعودي", poem.join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1, "{arts:?}");
        // The poet's name glued over it is no verse; the divider is no text.
        let want: Vec<&str> = poem.into_iter().filter(|l| *l != "**").collect();
        assert_eq!(arts[0].body, want);
        // Lines with no vowel under the last vowelled one are not its.
        let text = format!("{}\nافتتاح مستشفى جديد في المدينة", poem[..17].join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1, "{arts:?}");
        assert_eq!(arts[0].body.last().map(String::as_str), Some("ومقامُ"));
        // Nor are teaser titles glued under it, with a shadda (a doubled letter, no vowel).
        let text = format!(
            "{}\nافتتاح مستشفى جديد في المدينة\nولي العهد يدشّن مشروعات جديدة في المنطقة",
            poem[..17].join("\n")
        );
        let arts = articles(text, &Cues::default());
        assert_eq!(arts[0].body.last().map(String::as_str), Some("ومقامُ"));
        // A first verse calling out with no vowel is the poem's, not its poet's name.
        let text = format!("يا أيها الوطن العظيم\n{}", poem[1..10].join("\n"));
        let arts = articles(text, &Cues::default());
        assert_eq!(arts.len(), 1, "{arts:?}");
        assert_eq!(
            arts[0].body.first().map(String::as_str),
            Some("يا أيها الوطن العظيم")
        );
    }

    #[test]
    fn verse_closing_a_column_is_body() {
        // Regression (SaudiNewsNet, aawsat 13661): the verse closing a column (`تعدو الذئاب على
        // مَنْ لا نيوبَ له` over `وتتقي صولة المستأسد الضاري`) was cut off as two teaser titles.
        let verse = "تعدو الذئاب على مَنْ لا نيوبَ له\nوتتقي صولة المستأسد الضاري";
        let r = roles(&format!("{P1}\n{P2}\n{verse}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // Two teaser titles under a story are no verse, even with a caption's `ًا`.
        let teasers = "الأمير مستقبلاً وفد الغرفة التجارية\nارتفاع أسعار النفط في الأسواق";
        let r = roles(&format!("{P1}\n{P2}\n{teasers}"));
        assert!(r[2..].iter().all(|&x| x != Role::Body), "{r:?}");
        // Lines introducing the verses close the body with them (aleqt 980158).
        let verses = "تغيّر لي فيمن تغيّر “حارث”\nوكل خليل غيّرته الحوادث\nأحارث إن شوركت فيك فطالما\nنعمنا وما بيني وبينك ثالث";
        let r = roles(&format!(
            "{P1}\n{P2}\n\nالخاتمة:\nالأبيات للمعتمد بن عبّاد:\n\n{verses}"
        ));
        assert!(
            r.iter().all(|&x| matches!(x, Role::Body | Role::Blank)),
            "{r:?}"
        );
        // Nor is a verse with lines under it that are not verses (the page goes on).
        let r = roles(&format!(
            "{P1}\n{P2}\n{verse}\nالأكثر قراءة\nافتتاح مستشفى جديد في المدينة"
        ));
        assert!(r[2..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn last_words_trailing_off_in_points_close_the_body() {
        // Regression (SaudiNewsNet, alriyadh 1071145 and 1072235, aawsat, alyaum 4082465): a
        // column's last line trailing off in points (`نعم، بهذا الفكر وهذا التعليم قامت نهضة
        // اليابان...`) was dropped as a short line.
        let last = "نعم، بهذا الفكر وهذا التعليم قامت نهضة اليابان...";
        let r = roles(&format!("{P1}\n{P2}\n{last}\n"));
        assert!(r[..3].iter().all(|&x| x == Role::Body), "{r:?}");
        // One blank line down when the paragraphs have a blank line between them.
        let r = roles(&format!("{P1}\n\n{P2}\n\n{last}\n"));
        assert_eq!(r[4], Role::Body, "{r:?}");
        // Set apart from paragraphs that have none, it is no part of them (a comment).
        let r = roles(&format!("{P1}\n{P2}\n\nمقال رائع جدا يا دكتور..\n"));
        assert_ne!(r[3], Role::Body, "{r:?}");
        // With more of the page under it, a line cut short with points is a teaser's.
        let r = roles(&format!(
            "{P1}\n{P2}\n\n{last}\nالأكثر قراءة\nافتتاح مستشفى جديد في المدينة"
        ));
        assert_ne!(r[3], Role::Body, "{r:?}");
        // A writer's title under the column ends with no points.
        let r = roles(&format!("{P1}\n{P2}\n\nكاتب ومحلل سياسي\n"));
        assert_ne!(r[3], Role::Body, "{r:?}");
    }

    #[test]
    fn column_closing_box_of_sayings_trailing_off_is_body() {
        // Regression (SaudiNewsNet, alyaum 4081058, 4082255, 4082482): a column's closing box, a
        // label (`وتر`, `وقفة`) over short lines of prose poetry trailing off in points, was
        // dropped line by line as short lines and teaser titles.
        let boxed = "وقفة\nهناك اناس يصنعون الأحداث..\nوهناك اناس يتأثرون بما يحدث..\n\
                     وهناك اناس لا يدرون ماذا يحدث..";
        let r = roles(&format!("{P1}\n{P2}\n{boxed}\n"));
        assert!(r[..6].iter().all(|&x| x == Role::Body), "{r:?}");
        // Not every line need trail off: more than half do.
        let poem = "وتر\nسلام لعدن..\nمدينة البحر ولؤلؤة العرب\nمن هنا مر الأوباش..\n\
                    والأشباح والبنادق..\nثم أشرق الأمل.\nولا الجنائز قصة المجالس..";
        let r = roles(&format!("{P1}\n{P2}\n{poem}\n"));
        assert!(r[..9].iter().all(|&x| x == Role::Body), "{r:?}");
        // Regression (al-jazirah sp25): three sayings alone, one more than the column's last
        // words trailing off may be.
        let sayings = "إذا هزمت في الملعب.. فلا تخسر خارجه..\n\
                       إذا هزمت في المنافسة.. فلا تخسر شرفها..\n\
                       دمتم أحبة.. تقربكم الرياضة.. ويجمعكم وطن..";
        let r = roles(&format!("{P1}\n{P2}\n{sayings}\n"));
        assert!(r[..5].iter().all(|&x| x == Role::Body), "{r:?}");
        // Regression (alwatan 27164): under a label two lines are enough, and the points may
        // stand under an exclamation.
        let r = roles(&format!(
            "{P1}\n{P2}\nقفلة\nكل عيد.. والمدرب عن منتخبنا بعيد..!!\nو(يا قلب لا تحزن)..!!\n"
        ));
        assert!(r[..5].iter().all(|&x| x == Role::Body), "{r:?}");
        let r = roles(&format!(
            "{P1}\n{P2}\nقفلة\nكل عيد.. والمدرب عن منتخبنا بعيد..!!\n"
        ));
        assert_ne!(r[2], Role::Body, "{r:?}");
        // Readers' comments trailing off on two points have no pause inside (and their header
        // is no one-word label); teasers cut short end on three points.
        for tail in [
            "آراء القراء\nالله يعطيكم العافية..\nخبر جميل ونتمنى التوفيق..\nمتى يبدأ التشغيل يا وزارة..",
            "مرحبا بالكاتب الرائع..\nمقال رائع جدا يا أستاذ..\nشكرا لك على هذا الطرح..",
            "التعليقات:\nالله يعطيكم العافية..\nخبر جميل ونتمنى التوفيق..",
            "أخبار محلية\nوزير الصحة يتفقد مستشفيات المنطقة الشرقية..\nانطلاق مهرجان الصيف في جدة..",
            "وزير الصحة يتفقد سير العمل في مستشفيات المنطقة...\n\
             انطلاق فعاليات مهرجان الصيف في جدة بمشاركة...\n\
             الأرصاد تتوقع أمطارا رعدية على مرتفعات عسير...",
        ] {
            let r = roles(&format!("{P1}\n{P2}\n{tail}\n"));
            assert!(r[2..].iter().all(|&x| x != Role::Body), "{tail}: {r:?}");
        }
        // Teaser titles under a column do not trail off, or not most of them.
        let teasers = "أخبار ذات علاقة\nافتتاح مستشفى جديد في المدينة\n\
                       أمطار غزيرة على الرياض..\nالهلال يتعاقد مع مدافع برازيلي";
        let r = roles(&format!("{P1}\n{P2}\n{teasers}\n"));
        assert!(r[2..].iter().all(|&x| x != Role::Body), "{r:?}");
        let teasers = "افتتاح مستشفى جديد في المدينة\nأمطار غزيرة على الرياض..\n\
                       الهلال يتعاقد مع مدافع برازيلي\nارتفاع أسعار النفط..";
        let r = roles(&format!("{P1}\n{P2}\n{teasers}\n"));
        assert!(r[2..].iter().all(|&x| x != Role::Body), "{r:?}");
        // The box is the page's end: a title glued under it that does not trail off is a
        // teaser's, and with it the box stays out too.
        let r = roles(&format!(
            "{P1}\n{P2}\n{sayings}\nمقالات أخرى للكاتب ادفعوا الألوف لتحافظوا على الملايين!!\n\
             الهلال يتعاقد مع مدافع برازيلي\n"
        ));
        assert!(r[2..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn free_verse_rhymed_line_to_line_between_paragraphs_is_body() {
        // Regression (SaudiNewsNet, alwatan 26825): a colloquial poem quoted near a column's
        // end, its rhyme changing every few lines, was too long a gap for the text around it
        // to be one article: its 16 lines and the column's last paragraph were dropped.
        let poem = "الوطن يسكن خلايا الدم... غريزه تسري عبر الدم\n\
                    لما نموت بالغربه تظل الروح تلفانه حزينه مشرده بالهم\n\
                    الوطن عزه وكرامه وصحوة الوجدان\nالوطن صبر وعزيمه وقوة الإيمان\n\
                    الوطن يبني ما هو لفلان أو لفلان أو لفلان\n\
                    الوطن يبني ما هو سايب يصير بلحظه مجنونه لأي من كان\n\
                    الوطن للي جذوره مثبته بتاريخ يتزاحم مع الأزمان\n\
                    الوطن للي يخلي الصحرا مخضره ويزرع بالصخر بستان\n\
                    الوطن للي سما حتى وصل مرحلة إنسان\n\
                    الوطن للي بنا اللبنه على اللبنه\nالوطن للي لجل أرضه نذر نفسه ورخص ابنه\n\
                    الوطن للي يرد الغاره بالكونه\nعلى الله توكل وجابه ولغيره ما طلب عونه\n\
                    الوطن يبني رقم واحد وبعد ميه يجي العالم\n\
                    بناهيتها الوطن يبني... الوطن عرض البني آدم";
        let r = roles(&format!("{P1}\n{P2}\n{poem}\n{P3}\n{P4}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // Teaser titles end on `ة` so often that two in a row rhyme on it by chance: a block
        // of them, in pairs between pairs that do rhyme, is too long a gap to join the texts.
        let teasers = "افتتاح أكبر مستشفى في المنطقة الشرقية\nالهلال يفوز على النصر في مباراة مثيرة\n\
                       الوزير يستقبل وفود المستثمرين\nالأمير يكرم المتفوقين من الطلاب المبدعين\n\
                       وزير الصحة يزور المستشفيات الحكومية\nانطلاق مهرجان الصيف في المدينة المنورة\n\
                       اتفاق على تبادل الأسرى بين الطرفين\nالمرور يضبط مئات المخالفين\n\
                       جامعة الملك سعود تعلن نتائج القبول النهائية\nأمير الرياض يدشن الحملة الوطنية\n\
                       الدفاع المدني ينقذ عائلة من الغرق في وادي حنين\nلقاء يجمع رجال الأعمال السعوديين\n\
                       وزارة التعليم تعلن مواعيد العودة الدراسية\nالأرصاد تتوقع موجة حارة على المنطقة الشرقية";
        let r = roles(&format!("{P1}\n{P2}\n{teasers}\n{P3}\n{P4}"));
        assert!(r[2..16].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn poems_each_under_its_intro_closing_a_text_are_body() {
        // Regression (SaudiNewsNet, alriyadh 1069451, 1069946): a poet's profile closing on
        // poems, each under a line introducing it (`مقاطع شعرية من أرشيفه الشعري :`, `وفي قصيدة
        // أخرى قال :-`), lost all of them: colloquial verse has no vowels, and the poems were
        // too long to be a closing verse.
        let first = "مقاطع شعرية من أرشيفه الشعري :\nنمنا كثير وشد ناس ونزل ناس\n\
                     يوم الليالي كل مطرود ملحوق\nنبني قصور الوهم في جرد الاطعاس\n\
                     ونركض ورى الأدباش وندلل النوق\nنتبع وميض البرق من غير عساس\n\
                     ونرعا بها ما طاب من كل زملوق\nبدو نشوف الغير بعيون قرناس\n\
                     قاسين لكن نكره الغدر والبوق\nأقدامنا الأقلام والأرض قرطاس\n\
                     نكتب عليها قصة المجد والذوق";
        let second = "وفي قصيدة أخرى قال :-\nما غرست الزور والتضليل لأجل أرفع رصيدي\n\
                      في عيون الناس عارف كل شيّ وله نهايه\n\
                      إنْ عطيت أعطي وفا وإن شمْت مرمايه بعيدي\n\
                      وإنْ مشيت بدرب ما أحْني هامتي وانظر ورايه\n\
                      ما كسبت الحب والتقدير من خصمي وسيدي\n\
                      غير بالصِيت الجميل اللي زرعته فالبدايه\n\
                      من حياتي ما مدَحت انسان من شان استفيدي";
        // (the profile quotes a poem of his first)
        let quoted = "أنا أدري أنيّ لو حرثت الأرض في كل اتجاه\n\
                      ما شفت مثلك يا هوى بالي ويا غاية مناي\n\
                      أقسم برب في يديه الموت من بعد الحياه\n\
                      ما أحب مثلك فالبشر وإنّك بها الدنيا غلاي\n\
                      ما قلت قدرك ولا هزّت شواميخ السراه\nأنتي بصدري ساكنة والغيد حاذفهن وراي\n\
                      قلبي وأعرفه من بياضه ما يبيع اللّي شراه\n\
                      وانتي خذيتي عمر راح وعمر حل وعمر جاي";
        let r = roles(&format!("{P1}\n{P2}\n{quoted}\n{first}\n{second}\n"));
        assert!(r[..29].iter().all(|&x| x == Role::Body), "{r:?}");
    }

    #[test]
    fn last_verses_keeping_a_poems_alternating_rhyme_close_it() {
        // Regression (SaudiNewsNet, alriyadh 1068136): a Nabati poem's last two verses were
        // dropped: one is put in someone's mouth (`قالت: …`, read as a label), and two lines
        // ask (`؟`). They keep the poem's two rhymes in alternation.
        let poem = "أرجوك تنساني وأنا أوعدك بنساك\nوانسى بأني في حياتك حبيبه\n\
                    ما دام غيري عايش الحُبّ وياك\nما أريد أكون بوسط قلبك غريبه\n\
                    كنت افتكر فرحي على كف يمناك\nوأحلم أعيش العمر منك قريبه\n\
                    لكن فرقنا القدر يوم لقياك\nالله وأكبر يالظروف العجيبه\n\
                    ضحيت في حبك .. اضحي لفرقاك\nالله يهني من غدت لك حبيبه";
        let tail = "قالت: وعقلي ضاع فكره والادراك\nيسأل .. ولا يلقى جوابٍ يثيبه\n\
                    ليش الهوى مزروع دربه بالاشواك؟\nليش النهاية في المحبه كئيبه؟";
        let r = roles(&format!("{P1}\n{P2}\n{poem}\n{tail}\n"));
        assert!(r[..16].iter().all(|&x| x == Role::Body), "{r:?}");
        // Teasers' questions under the poem keep neither rhyme.
        let teasers = "ما رأيك في قرار الاتحاد الأخير؟\nهل يفوز الهلال بالدوري هذا الموسم؟";
        let r = roles(&format!("{P1}\n{P2}\n{poem}\n{teasers}\n"));
        assert!(r[12..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn teaser_titles_under_a_short_header_are_no_closing_poem() {
        // Four short titles may rhyme by chance (every second line on one letter); their header
        // names no poem and says no words follow.
        let titles = "مقالات سابقة:\nحين يصمت المثقفون\nالرياض عاصمة القرار\n\
                      عن التعليم والمستقبل\nماذا بعد المؤتمر";
        let r = roles(&format!("{P1}\n{P2}\n{titles}\n"));
        assert!(r[2..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn comments_in_colloquial_spelling_are_no_couplet_verse() {
        // Comments spell `ة` as `ه`, and rhyme on it by chance (`هالخطوه`, `بدايه`); a rhyme
        // on `ه` needs the letter before it too, and three lines in a row on one rhyme.
        let comments = "الله يعطيهم العافيه على هالخطوه\nالحمد لله وان شاء الله تكون بدايه\n\
                        اخيرا تحقق الحلم بعد سنين\nننتظره من عشر سنين\n\
                        نبي مستشفى مو مستوصف يا وزارة الصحه\nخبر حلو والله يوفق الجميع بالصحه\n\
                        وين مستشفى الولادة اللي وعدتونا فيه\nولا شفنا منه شي للحين والله\n\
                        متى بيكون جاهز الله يسلمكم\nيا ليت يكون قريب من الديره\n\
                        المنطقه كلها بحاجه لمستشفى ثانيه\nوالمواعيد بعيده والزحمه كبيره\n\
                        كلام جرايد وبس\nكل سنه نسمع نفس الكلام وبس";
        let r = roles(&format!("{P1}\n{P2}\n{comments}\n{P3}\n{P4}"));
        assert!(r[2..16].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn intro_ending_with_colon_and_dash_opens_the_statement() {
        // Regression (SaudiNewsNet, aleqt 976608, alyaum 4080208): a statement's intro ending
        // with `:-` (`صدر اليوم عن الديوان الملكي البيان التالي :-`) was no intro, and was dropped
        // from over the statement.
        let intro = "صدر اليوم عن الديوان الملكي البيان التالي :-";
        let r = roles(&format!("{intro}\n{P1}\n{P2}"));
        assert_eq!(r[0], Role::Body, "{r:?}");
        // The dash glued to the colon, over the words an intro quotes.
        let intro = "يثير دهشتنا دائما عمر الشريف حين يقول:-";
        let quote = "دائما كان الحظ معي. خدمتني الظروف كثيراً!!";
        let r = roles(&format!("{intro}\n\n{quote}\n\n{P1}\n\n{P2}"));
        assert_eq!((r[0], r[2]), (Role::Body, Role::Body), "{r:?}");
    }

    #[test]
    fn stanza_label_that_is_a_furniture_word_is_body() {
        // Regression (SaudiNewsNet, aleqt 979169): a poem in labelled stanzas opening with
        // `دخول:` (entry) and closing with `خروج:` (exit) lost both stanzas: the labels are the
        // words of a login button, and the poem's text stopped at them.
        let text = "دخول:\nعينُها كانبثاقِ الضّياءِ على اللوحةِ الخالدة،\n\
                    أومأتْ فتهادى السكونُ إلى مهدِه،\nثمّ ولّتْ إلى روحِهِ شاردة.\n\n\
                    مقلة:\nأيّ دنيا من الثّلجِ\nتغازلها ومضةُ الشّمس..\nفتُمددُ أهدابها،\n\n\
                    حاجب:\nواقفا كانَ،\nيحسِبُها خطواتٍ؛\n\
                    لعلّ الأميرةَ تمسحُ أركانَهُ بالسواد،\n\n\
                    بؤبؤ:\nزئبقٌ يتلاشى إذا الضوءُ جاءَ،\nوينمو كما شجراتِ الصّنوبرِ،\n\
                    حين يجفّ الضّياءْ.\n\n\
                    خروج:\nأتُراني وقفتُ لها فرحةً ...\nحين قبّلني وعدُها؟!\n\
                    أتلو انكساري لها...؟!\n";
        let body = body_lines(text.to_string());
        assert!(body.iter().any(|l| l == "دخول:"), "{body:?}");
        assert!(body.iter().any(|l| l == "خروج:"), "{body:?}");
        assert_eq!(body.len(), 20, "{body:?}");
        // Without the colon, the word alone is the button's; and with it, on a page that labels
        // nothing else so (a comments header over comments).
        let r = roles(&format!("دخول\n{P1}\n{P2}"));
        assert_ne!(r[0], Role::Body, "{r:?}");
        let r = roles(&format!("{P1}\n{P2}\nالتعليقات:\nالله يعطيكم العافية..\n"));
        assert_ne!(r[2], Role::Body, "{r:?}");
    }

    #[test]
    fn short_sentences_opening_the_page_are_body() {
        // Regression (SaudiNewsNet, alyaum 4082876, alriyadh 1069602, al-jazirah rj4): a text
        // opening at the top of the page with a short sentence or two right above its first
        // paragraph lost them as short lines.
        let open = "النصر والهلال على صفيح ساخن.\nلندن.. مدينة الضباب ستستضيف لقاء السحاب.";
        let titled = Cues::from_title(Some("من سيفوز.. النصر أم الهلال؟"));
        let arts = articles(format!("{open}\n{P1}\n{P2}"), &titled);
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body.len(), 4, "{:?}", arts[0].body);
        // Without a title field, a headline closing on a full stop is no opening sentence.
        let r = roles(&format!(
            "خادم الحرمين يستقبل رئيس وزراء باكستان.\n{P1}\n{P2}"
        ));
        assert_ne!(r[0], Role::Body, "{r:?}");
        // A headline (no full stop) over the text stays its title.
        let arts = articles(
            format!("النصر والهلال على صفيح ساخن\n{P1}\n{P2}"),
            &Cues::default(),
        );
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].title.as_deref(), Some("النصر والهلال على صفيح ساخن"));
        assert_eq!(arts[0].body.len(), 2);
        // So does a line the title field names, full stop or not.
        let title = "النصر والهلال على صفيح ساخن.";
        let arts = articles(
            format!("{title}\n{P1}\n{P2}"),
            &Cues::from_title(Some(title)),
        );
        assert_eq!(arts[0].title.as_deref(), Some(title));
        assert_eq!(arts[0].body.len(), 2);
        // Regression (alyaum 4081865): the first sentence wrapped onto a second line; its full
        // first line, glued over the one with the stop, opens the text too.
        let wrapped = "بدأت دائرة الجنايات في المحكمة الكلية برئاسة وكيل المحكمة محمد الدعيج اليوم جلسة محاكمة\nالمتهمين في تفجير مسجد الإمام الصادق وعددهم 29 متهما.";
        let titled = Cues::from_title(Some("الكويت: البدء في محاكمة المتهمين بتفجير مسجد الإمام"));
        let arts = articles(format!("{wrapped}\n{P1}\n{P2}"), &titled);
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body.len(), 4, "{:?}", arts[0].body);
        // Set apart from it by a blank line, the long line is no part of the text.
        let apart = wrapped.replacen('\n', "\n\n", 1);
        let arts = articles(format!("{apart}\n{P1}\n{P2}"), &titled);
        assert!(
            !arts[0].body.iter().any(|p| p.starts_with("بدأت")),
            "{:?}",
            arts[0].body
        );
    }

    #[test]
    fn digest_first_item_heading_under_a_section_title_is_body() {
        // Regression (SaudiNewsNet, aawsat `موجز أخبار`, `موجز دوليات`, `بين الخطأ والصواب`: 16
        // pages): under a title field naming the section, the first item's heading at the top
        // of the page was dropped as a teaser's headline, while the other items' headings were
        // kept inside the text.
        let text = format!(
            "* قوة كبيرة للجيش تحاصر مسلحين شرق البلاد\n* {P1}\n{P2}\n\n* كوبا تحتفل بمرور 62 عاما على ثورتها\n* {P3}"
        );
        let section = Cues {
            section_title: true,
            ..Cues::default()
        };
        let arts = articles(text.clone(), &section);
        assert_eq!(arts.len(), 1, "{arts:?}");
        assert_eq!(arts[0].title, None);
        assert_eq!(arts[0].body.len(), 5, "{:?}", arts[0].body);
        // Without a section's title field, a line over the text is no item of it.
        let arts = articles(text, &Cues::default());
        assert_eq!(arts[0].body.len(), 4, "{:?}", arts[0].body);
    }

    #[test]
    fn free_verse_page_in_numbered_sections_is_body() {
        // Regression (SaudiNewsNet, al-jazirah cu6): a page of free verse, most lines left open
        // (one in four closing on punctuation) and set in sections numbered `«2»`, was split by
        // the numbers into blocks too short to read as verse; 52 of its 68 lines were dropped.
        let poem = "«1»\nبخيال مرهف\nأبني لك كل لحظة\nقصور تحاكي القمم..\nتناغي النجوم في سدرها،\nوفي خدرها حكايتنا\nمع الوجد والبوح\nوذرف الدموع.\n«2»\nحينما أشعل\nفي الليل وجد\nالتباريح..\nتضيء لنا\nمسافات حب ووعد\nوهم يعاود في الروح\nغرز النصال";
        let r = roles(poem);
        assert!(r[1..].iter().all(|&x| x == Role::Body), "{r:?}");
        // The same lines with no punctuation at all are no verse the page tells.
        let bare: String = poem.chars().filter(|c| !matches!(c, '.' | '،')).collect();
        let r = roles(&bare);
        assert!(!r.contains(&Role::Body), "{r:?}");
    }

    #[test]
    fn text_of_a_page_with_no_article_keeps_short_sentences_and_numbered_items() {
        // Regression (SaudiNewsNet, aawsat `التطبيقات الأكثر تحميلا`: 3 pages): a page of
        // numbered lists with no article shape kept the items long enough to read as teasers and
        // dropped the others (`3. تطبيق «فيسبوك» Facebook`) as short lines.
        let short = Reason::new("boilerplate:short");
        let text = |d: &str| fallback_text(Role::Boilerplate, &short, d);
        assert!(text("3. تطبيق «فيسبوك» Facebook"));
        assert!(text("وقد تداول المغردون صور لتطاير الغبار ."));
        assert!(!text("صور من الحفل"));
        assert!(!text("3. فيسبوك"));
        assert!(!fallback_text(
            Role::Boilerplate,
            &Reason::new("lexicon:ui"),
            "3. تطبيق «فيسبوك» Facebook"
        ));
        assert!(fallback_text(Role::Teaser, &short, "أي سطر"));
    }

    #[test]
    fn line_introducing_the_text_is_body() {
        // Regression (SaudiNewsNet, al-jazirah readers' letters, alriyadh 1070368): the line
        // that introduces a text (`السلام عليكم ورحمة الله وبركاته، وبعد:`, `صدر عن الديوان
        // الملكي أمس البيان التالي:`) was dropped as a short line.
        for intro in [
            "السلام عليكم ورحمة الله وبركاته، وبعد:",
            "صدر عن الديوان الملكي أمس البيان التالي:",
        ] {
            let r = roles(&format!("{intro}\n{P1}\n{P2}"));
            assert!(r.iter().all(|&x| x == Role::Body), "{intro}: {r:?}");
        }
        // A field name or a section's heading over the text is no intro.
        for label in ["الموقع :", "المشهد الأول:"] {
            let r = roles(&format!("{label}\n{P1}\n{P2}"));
            assert_ne!(r[0], Role::Body, "{label}: {r:?}");
        }
        // Regression (alriyadh 1069618, alwatan 27251, al-jazirah 20150804 ln40): an intro over
        // the words it quotes, then the text; the intro bulleted as the paragraphs are.
        for (intro, quote) in [
            (
                "يثير دهشتنا دائما عمر الشريف حين يقول:",
                "دائما كان الحظ معي. خدمتني الظروف كثيراً!!",
            ),
            (
                "صدر عن الديوان الملكي اليوم البيان التالي:",
                "(بيان من الديوان الملكي)",
            ),
        ] {
            let r = roles(&format!("{intro}\n{quote}\n{P1}\n{P2}"));
            assert!(r.iter().all(|&x| x == Role::Body), "{intro}: {r:?}");
        }
        let r = roles(&format!(
            "- قال الشاعر العباسي الشهير أبو تمام:\n(وإذا أراد الله نشر فضيلة طويت.. أتاح لها لسان حسود)\n- {P1}\n- {P2}"
        ));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // With no intro over it, a short line over the text is its headline.
        let r = roles(&format!(
            "دائما كان الحظ معي. خدمتني الظروف كثيراً!!\n{P1}\n{P2}"
        ));
        assert_ne!(r[0], Role::Body, "{r:?}");
        // A kicker over a headline (no verb of saying, no quote) or over a credited caption is
        // no intro quoting words.
        for (kicker, line) in [
            (
                "وزير الصحة في تصريح صحفي لـ«الرياض»:",
                "لا إصابات جديدة بفيروس كورونا في المملكة",
            ),
            (
                "وزير الصحة في تصريح صحفي لـ«الرياض»:",
                "الوزير خلال جولته في المستشفى (واس)",
            ),
            (
                "أمير المنطقة خلال استقباله المواطنين أمس:",
                "الدولة حريصة على راحة المواطن وأمنه",
            ),
        ] {
            let r = roles(&format!("{kicker}\n{line}\n{P1}\n{P2}"));
            assert_ne!(r[1], Role::Body, "{line}: {r:?}");
        }
    }

    #[test]
    fn intro_over_the_one_paragraph_of_a_page_with_no_article_is_its_text() {
        // Regression (SaudiNewsNet, alriyadh 1068935, alwatan 230501): a page of one paragraph
        // has no article shape; its intro (`صدر عن الديوان الملكي اليوم البيان التالي:`) was
        // dropped as a short line.
        let read = |text: &str| {
            fallback_lines(text)
                .into_iter()
                .map(|(_, t)| t)
                .collect::<Vec<_>>()
        };
        let intro = "صدر عن الديوان الملكي اليوم البيان التالي:";
        assert_eq!(read(&format!("{intro}\n{P1}")), [true, true]);
        assert_eq!(read(&format!("{intro}\n\n{P1}")), [true, false, true]);
        // Nothing under it to introduce, or a field name: no text.
        assert_eq!(read(&format!("{P1}\n{intro}")), [true, false]);
        assert_eq!(read(&format!("المصدر:\n{P1}")), [false, true]);
    }

    #[test]
    fn short_lines_glued_between_the_text_of_a_page_with_no_article_are_its_text() {
        // Regression (SaudiNewsNet, aleqt 977128, al-jazirah cu14, alwatan 230501): free verse
        // with no punctuation reads as no article; the page's lines are its text, but its lines
        // of one or two words (`تثاءبت الطاولات`) were dropped from the middle of the poem.
        let read = |text: &str| {
            let lines = fallback_lines(text).into_iter();
            lines
                .filter(|(_, t)| *t)
                .map(|(l, _)| l)
                .collect::<Vec<_>>()
        };
        let poem = "الذاكرة تؤلم مرة على الأقل\nالذاكرة بعيدة\nلكنها مؤذية أحياناً\n\
                    مثل هذه الشمس البعيدة\nوالواضحة بنفس الوقت\nتثاءبت الطاولات\n\
                    واحدة تلو الأخرى\nتثاءبت السجائر و\"الجراكات\"\nوأنابيب الشيشة\n\
                    نامت المقاعد مبكراً\nعلى صدر طاولة النرد\n\
                    وغادرت السهرة ببيجامة بيضاء مستوردة\nنمتُ كثيراً ووحيداً\n\
                    واستيقظت في كوب القهوة!";
        let kept = read(poem);
        assert_eq!(kept.len(), 14, "{kept:?}");
        // Set apart by a blank line, or more than three in a row, they are not its.
        let kept = read(&format!("{poem}\n\nتثاءبت الطاولات"));
        assert_eq!(kept.len(), 14, "{kept:?}");
    }

    #[test]
    fn letter_opens_with_its_address_and_greeting() {
        // Regression (SaudiNewsNet, al-jazirah and alriyadh readers' letters): the lines
        // addressing a letter and its greeting, without a colon, were dropped as teaser titles
        // and short lines; so was its closing greeting under the last sentence.
        let text = format!(
            "سعادة رئيس تحرير صحيفة «الرياض» المحترم\nالسلام عليكم ورحمة الله وبركاته\n{P1}\n{P2}\nآمل التكرم بنشر هذا الإيضاح.\nوالسلام عليكم ورحمة الله وبركاته.."
        );
        let r = roles(&text);
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // A headline right above the greeting addresses no one: it stays out of the body.
        let r = roles(&format!(
            "افتتاح مستشفى جديد في المدينة المنورة\nالسلام عليكم ورحمة الله وبركاته\n{P1}\n{P2}"
        ));
        assert_ne!(r[0], Role::Body, "{r:?}");
        assert_eq!(r[1], Role::Body, "{r:?}");
        // Regression (alriyadh 1071006): the request to publish it, with no full stop, over the
        // closing greeting; the sender's office under them is no text.
        let text = format!(
            "سعادة رئيس تحرير صحيفة «الرياض» المحترم\nالسلام عليكم ورحمة الله وبركاته\n{P1}\n{P2}\nآمل التكرم بنشر هذا الايضاح\nوالسلام عليكم ورحمة الله وبركاته\nإدارة العلاقات العامة والإعلام"
        );
        let r = roles(&text);
        assert!(r[..6].iter().all(|&x| x == Role::Body), "{r:?}");
        assert_ne!(r[6], Role::Body, "{r:?}");
        // A teaser's title over a greeting asks for nothing.
        let r = roles(&format!(
            "{P1}\n{P2}\nشاهد الصور الكاملة للحفل الختامي\nوالسلام عليكم ورحمة الله وبركاته"
        ));
        assert_ne!(r[2], Role::Body, "{r:?}");
        // Without the greeting under it, such a line is a teaser's title as before.
        let r = roles(&format!(
            "{P1}\n{P2}\nآمل التكرم بنشر هذا الايضاح\nإدارة العلاقات العامة والإعلام"
        ));
        assert_ne!(r[2], Role::Body, "{r:?}");
    }

    #[test]
    fn letter_address_over_an_office_or_without_a_greeting_is_body() {
        // Regression (SaudiNewsNet, alriyadh 1069920 and 1071852): a salutation over the
        // addressee's office (`المشرف العام لمؤسسة اليمامة الصحفية`) and the greeting lost both
        // address lines as teaser titles.
        let text = format!(
            "سعادة الأخ الفاضل الأستاذ تركي السديري - وفقه الله\nالمشرف العام لمؤسسة اليمامة الصحفية\nالسلام عليكم ورحمة الله وبركاته..\n{P1}\n{P2}"
        );
        let r = roles(&text);
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // Regression (al-jazirah rv5): an address with no greeting under it, opening with a
        // form of address and closing with an honorific.
        let r = roles(&format!(
            "سعادة المشرف على صفحة عزيزتي الجزيرة الموقر\n{P1}\n{P2}"
        ));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // Two headlines over a greeting address no one.
        let r = roles(&format!(
            "افتتاح مستشفى جديد في المدينة المنورة\nوزير الصحة يدشن المشروع\nالسلام عليكم ورحمة الله وبركاته\n{P1}\n{P2}"
        ));
        assert_ne!(r[0], Role::Body, "{r:?}");
        assert_ne!(r[1], Role::Body, "{r:?}");
        // Nor does a line with an honorific and no form of address, without a greeting, or a
        // headline addressing a people (`إلى`, `الشقيق`).
        let r = roles(&format!("مدير جامعة الملك سعود حفظه الله\n{P1}\n{P2}"));
        assert_ne!(r[0], Role::Body, "{r:?}");
        let r = roles(&format!("إلى الشعب المصري الشقيق\n{P1}\n{P2}"));
        assert_ne!(r[0], Role::Body, "{r:?}");
    }

    #[test]
    fn fields_and_speakers_that_come_back_are_body() {
        // Regression (SaudiNewsNet, aawsat 420091): a listicle's fields under each item
        // (`السن: 25 سنة`, `الدخل: 1.3 مليون دولار أميركي`) were dropped as `label: value`
        // furniture; a field printed twice (`السن: 25 سنه`) even split the text.
        let item = |k: usize, age: &str, income: &str| {
            format!("{k}- {P1}\nالسن: {age}\nالدخل: {income}\n")
        };
        let text = [
            item(1, "25 سنه", "4.7 مليون دولار"),
            item(2, "25 سنة", "1.3 مليون دولار أميركي"),
            item(3, "28", "416 ألف دولار"),
        ]
        .join("\n");
        let r = roles(&text);
        assert!(
            r.iter().all(|&x| matches!(x, Role::Body | Role::Blank)),
            "{r:?}"
        );
        // Regression (alriyadh 992138): a dialogue's short lines (`أم كلثوم: أمتى`) were
        // dropped between the lines of the same speakers that end like sentences.
        let dialogue = "عبدالوهاب: طب ايه رأيك بأه.. عاوز اسمعك حاجه.\nأم كلثوم: أوي.. أمتى؟\nعبدالوهاب: لا أجي لك انا\nأم كلثوم: أمتى\nعبدالوهاب: بكره الظهر.. هو انت عندك عود؟\nأم كلثوم: عندي عود لكن ما يعجبكش..";
        let r = roles(&format!("{P1}\n{P2}\n{dialogue}\n{P3}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // A field that comes once stays furniture.
        let r = roles(&format!("{P1}\n{P2}\nالقسم: أخبار محلية"));
        assert_ne!(r[2], Role::Body, "{r:?}");
    }

    #[test]
    fn short_sentences_closing_the_body_are_body() {
        // Regression (SaudiNewsNet): an article's closing sentence (`ولم ترد أي أنباء بعد عن
        // سبب سقوط الطائرة.`) or a closing list of figures, each too short to be running text,
        // was dropped as a short line.
        let text = format!(
            "{P1}\n{P2}\n168 بلاغا عن تعثر المشاريع.\n\n90 بلاغا عن سوء تنفيذ المشاريع.\nولم ترد أي أنباء بعد عن سبب الحادث.\n\n* خدمة «نيويورك تايمز»"
        );
        let r = roles(&text);
        assert_eq!(
            r[2..6],
            [Role::Body, Role::Blank, Role::Body, Role::Body],
            "{r:?}"
        );
        // A sign-off or a credit under the body does not end like a sentence: not body.
        assert_ne!(r[7], Role::Body, "{r:?}");
    }

    #[test]
    fn wrapped_closing_sentence_is_body_and_share_bar_is_no_deck() {
        // Regression (fixture 02): the last paragraph, wrapped by w3m into a full-width line and
        // its end, fell off the body (a headline-shaped line, then a short line).
        let text = format!(
            "{P1}\n{P2}\n\nوكانت شكاوى عديدة قد وصلت إلى منظومة الشكاوى الحكومية خلال الأشهر الماضية بشأن\nتكدس الأسواق وانسداد مداخل العمارات السكنية المجاورة لها.\n\nالأكثر قراءة\n1\nسعر الدولار اليوم في البنوك المصرية بختام التعاملات"
        );
        let r = roles(&text);
        assert_eq!(r[3..5], [Role::Body, Role::Body], "{r:?}");
        // The rank of the first item under the block's header is the item's metadata.
        assert_eq!(r[7], Role::Teaser, "{r:?}");
        // Regression (fixture 04): a share bar between headline and body was read as a deck.
        let text = format!(
            "الحكومة تقر دعما استثنائيا لمربي الماشية بسبب الجفاف\n12 mars 2024 à 14h20\nPartager : Facebook | X | LinkedIn | WhatsApp | Email\n\n{P1}\n{P2}\n{P3}"
        );
        let r = roles(&text);
        assert_eq!(r[2], Role::Boilerplate, "{r:?}");
    }

    #[test]
    fn paragraph_wrapped_over_several_lines_closing_the_body_is_body() {
        // Regression (generated pages, w3m style): the last paragraph, wrapped by w3m into four
        // full-width lines and its end, was cut off as teaser headlines and a short line.
        let text = format!(
            "{P1}\n{P2}\n\nكما أن على مسؤولي وأهالي تلك القرى والمدن مسؤولية اجتماعية بتقدير هؤلاء\nالذين قدموا الدعم السخي وإعطائهم حقهم من التقدير والاحترام والشكر وتكريمهم\nوالاحتفاء بهم عند زياراتهم لقراهم ووضع برامج لهم لزيارة المدينة أو القرية\nخيراً لهم وبركة في أعمالهم والله من وراء القصد.\n\nالأكثر قراءة\nارتفاع أسعار النفط في الأسواق العالمية اليوم بعد قرار أوبك بخفض الإنتاج لشهرين\nافتتاح مستشفى جديد في المدينة"
        );
        let r = roles(&text);
        assert_eq!(r[3..7], [Role::Body; 4], "{r:?}");
        // Full-width lines that no sentence end closes stay out of the body.
        assert!(r[8..].iter().all(|&x| x != Role::Body), "{r:?}");
    }

    #[test]
    fn poem_rhyming_before_a_lengthening_vowel_is_body() {
        // Regression (SaudiNewsNet, alyaum): a classical poem closing an article, one hemistich a
        // line, rhymes every second line on `ر`, once as `صبري`; the final `ي` (a lengthening
        // vowel) hid the rhyme, and the verses were cut off as teaser headlines.
        let intro = "ولعل هذه الأبيات تعبر عما يجيش بداخلي وهي للعلامة الشيخ سلمان العودة:";
        let verses = "وداعا (صديقي) لا التقاء إلى الحشر\nوإن كان في قلبي عليك لظى الجمر\nصبرت لأني لم أجد لي مخلصا\nإليك وما من حيلة لي سوى الصبر\nتمنيت لو تغني الأماني نظرة\nإلى جسد ذاوٍ يغرغر بالصدر\nتمنيت حتى وقفة عند نعشه\nترد إلى نفسي الذي ضاع من صبري";
        let r = roles(&format!("{P1}\n{P2}\n{intro}\n{verses}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
    }

    #[test]
    fn headlines_ending_on_ta_marbuta_are_no_poem() {
        // Regression (noticed at stop 26, open since): a list of headlines read as a poem
        // rhyming on `ة` (`ه` in the matching form), which ends Arabic nouns and adjectives as
        // often as headlines end on them, and became an article body of headlines. The letter
        // before a final `ه` is the rhyme.
        let heads = [
            "وزير الصحة يفتتح مستشفى جديدا في المنطقة الشرقية",
            "أمير الرياض يدشن مشروعات تنموية بالعاصمة",
            "ارتفاع أسعار النفط في الأسواق العالمية",
            "الهلال يتعاقد مع مدرب جديد للفترة المقبلة",
            "هيئة الأرصاد تحذر من موجة حارة",
            "افتتاح معرض الكتاب في دورته الجديدة",
            "الأمم المتحدة تدعو إلى هدنة إنسانية",
            "تراجع مؤشر سوق الأسهم السعودية",
            "وزارة التعليم تعلن مواعيد الدراسة",
            "الدفاع المدني يحذر من السيول المتوقعة",
            "مجلس الوزراء يقر الميزانية العامة",
            "انطلاق فعاليات مهرجان الجنادرية",
        ];
        let r = roles(&format!(
            "الرئيسية\nأخبار محلية\n{}\nجميع الحقوق محفوظة",
            heads.join("\n")
        ));
        assert!(r.iter().all(|&x| x != Role::Body), "{r:?}");
        // A poem rhyming on the letter before its final `ه` (SaudiNewsNet alyaum, a Nabati
        // elegy: `ناسه` / `السياسه` / `راسه`) is still one.
        let poem = "اللي منول درع شعبه وناسه\nاليوم دونه درع ونات وتراب\n\
            نجم من نجوم الدها والسياسه\nاستاذن الشرق وعن رعايته غاب\n\
            ما هتز قلبه يوم يهتز راسه\nراس يهز الروس في كل الاسباب\n\
            رجل الوفا والعز وافي الحماسه\nيبقى مع الايام ذكره بالاطياب";
        let r = roles(&format!("أخبار\n\n{poem}"));
        assert!(r[2..].iter().all(|&x| x == Role::Body), "{r:?}");
        // Reviewer's cases. A final `ة` after `ي` does not rhyme with a final `ي`: a sports
        // page's headlines ending on `السعودي`, `القارية`, `الحالي`, `المحلية` … are no poem.
        let sports = [
            "الهلال يتصدر الدوري السعودي بعد فوزه على الاتحاد",
            "المنتخب السعودي يبدأ معسكره الإعدادي في الرياض",
            "الاتحاد الآسيوي يعلن مواعيد البطولة القارية",
            "اتحاد الكرة يعتمد لائحة الانضباط الجديدة للمسابقات المحلية",
            "إدارة الأهلي تنفي رحيل مدربها الحالي",
            "هيئة الرياضة تدعم الأندية بمبالغ إضافية",
            "انطلاق بطولة المملكة للسباحة بمشاركة دولية",
            "التعاون يودع كأس الملك من الدور التمهيدي",
            "الشباب يتعاقد مع لاعب برازيلي لتدعيم خط الهجوم الأساسي",
            "النصر يستعد لمواجهة الأهلي في الجولة الخامسة من المرحلة الثانية",
        ];
        let r = roles(&format!(
            "الرئيسية\nرياضة\n{}\nجميع الحقوق محفوظة",
            sports.join("\n")
        ));
        assert!(r.iter().all(|&x| x != Role::Body), "{r:?}");
        // And a poem rhyming every second line on the pronoun `ـه` after any letter (`ظله`,
        // `بفعله`, `بابه`, `بقلبه`, `وصبره`) is still one.
        let pronoun = "أبوي يا تاج راسي وعزوتي\nيا اللي عشت عمري في ظله\n\
            علمتني الصبر والطيب والوفا\nوعلمتني ان الرجال بفعله\n\
            ما قصر في يوم ولا خان صاحبه\nولا رد محتاج طرق بابه\n\
            كل ما ضاق صدري جيت اشكي له\nوالقى الحنان اللي بقلبه\n\
            الله يطول عمره ويحفظه لنا\nويجزيه خير على تعبه وصبره";
        let r = roles(&format!("أبوي\n\n{pronoun}"));
        assert!(r[2..].iter().all(|&x| x == Role::Body), "{r:?}");
        // A rhyme spelt both ways in one poem (`ذريفه` / `نزيفة`, SaudiNewsNet alriyadh 1070757,
        // a Nabati poem the first version of this rule cut off) is one rhyme.
        let both = "يا رشيد يا مشكاي ما عنك خافي\nاليوم جفني ما توقف ذريفه\n\
            العود راح ولا بظني يشافي\nوعليه دمعاتي دوام نزيفة\n\
            واليوم هذا بشروني بلافي\nجابه لنا يا رشيد ربي خليفة\n\
            أبكي فرح يا رشيد مابي خلاف\nغصب على القلب حن لوليفه\n\
            اطلب عسى الجنة لجدك ملافي\nيسكن على ارض عشبها كالقطيفة";
        let r = roles(&format!("أخبار\n\n{both}"));
        assert!(r[2..].iter().all(|&x| x == Role::Body), "{r:?}");
    }

    #[test]
    fn notice_phrases_in_news_stay_text() {
        // Regression (review of this stop's notice phrases): `لم يتم العثور على`, `حدث خطأ`,
        // `تحت الصيانة` marked every news sentence under 16 words quoting them as boilerplate.
        // They only keep a page's one paragraph from being its article.
        let said = [
            "وقال المتحدث باسم الدفاع المدني إنه لم يتم العثور على أي ناجين حتى الآن.",
            "وأكد مصدر في الشركة أنه حدث خطأ فني في نظام الحجز أدى إلى تأخر الرحلات.",
            "وأوضحت الهيئة أن الطريق الدائري تحت الصيانة حتى نهاية الشهر الجاري.",
        ];
        let text = format!("{P1}\n{}\n{P2}\n{P3}", said.join("\n"));
        let body = body_lines(text);
        for s in said {
            assert!(body.iter().any(|b| b == s), "{s}: {body:?}");
        }
    }

    #[test]
    fn verse_closing_on_a_word_in_parentheses_stays_in_the_poem() {
        // Regression (SaudiNewsNet, alyaum): the same poem goes on with `… صلت عليك مع (الظهر)`;
        // the word in parentheses read as an unknown name credited under a caption, which ended
        // the poem there and cut its last six hemistichs off as teaser headlines.
        let intro = "ولعل هذه الأبيات تعبر عما يجيش بداخلي وهي للعلامة الشيخ سلمان العودة:";
        let verses = "وداعا (صديقي) لا التقاء إلى الحشر\nوإن كان في قلبي عليك لظى الجمر\nتمنيت ما نالت ألوف توجهت\nإلى ربها صلت عليك مع (الظهر)\nتمنيت كفا من تراب أحثها\nعلى قبرك الميمون طُيّب من قبر\nكأنكم اخترتم زمان رحيلكم\nبُعَيد صلاة الليل والصوم والذكر";
        let r = roles(&format!("{P1}\n{P2}\n{intro}\n{verses}"));
        assert!(r.iter().all(|&x| x == Role::Body), "{r:?}");
        // An agency credit closing a short line is still a caption, not a verse.
        let credited = "وداعا (صديقي) لا التقاء إلى الحشر\nوإن كان في قلبي عليك لظى الجمر\nتمنيت ما نالت ألوف توجهت\nالرئيس يستقبل الوفد في القصر (رويترز)";
        let r = roles(&format!("{P1}\n{P2}\n{intro}\n{credited}"));
        assert_ne!(r[6], Role::Body, "{r:?}");
    }

    #[test]
    fn lists_in_a_row_under_their_own_intros_are_body() {
        // Regression (SaudiNewsNet, aleqt / al-jazirah): the board's committees, each introduced
        // by `لجنة … وتتكون من:` and its members; only the first list was body, the next
        // committees were cut off as short lines and teaser headlines.
        let lists = "كما تم اختيار أعضاء اللجان المنبثقة من المجلس وفق الآتي :\nاللجنة التنفيذية تتكون من:\n1- المهندس/أنس محمد صالح حمزة صيرفي.\n2- الدكتور /زياد عثمان إبراهيم الحقيل.\n\nلجنة المراجعة وتتكون من:\n\n1-الأستاذ/ مهند سعود السعود الرشيد.\n\n2-الأستاذ/ محمد سليمان حمد المحيسني\n\nلجنة الترشيحات والمكافآت وتتكون من:\n1-الأستاذ/ طارق عبدالرحمن عبدالقادر فقيه.\n2-الأستاذ/ خالد صالح محمد الفريح.";
        let text = format!("{P1}\n{P2}\n{lists}\n\nالأكثر قراءة\n1. الخرطوم: الجزائر لم تخطرنا بحظر سفر رعاياها\n2. مارادونا يريد محاربة «مافيا» الفيفا");
        let body = body_lines(text);
        assert_eq!(body.len(), 12, "{body:#?}");
        assert_eq!(
            body.last().map(String::as_str),
            Some("2-الأستاذ/ خالد صالح محمد الفريح.")
        );
    }

    #[test]
    fn numbered_table_a_story_announces_after_blank_lines_is_body() {
        // Regression (SaudiNewsNet, aawsat 427221): a tennis story's two ranking tables, each
        // under `ترتيب اللاعبين العشرة الأوائل:` three blank lines below the text, were read as
        // teaser headlines and lost. The same numbered list without an intro stays out: a
        // most-read block printed without its header is numbered too.
        let men = "1 - الصربي نوفاك ديوكوفيتش 13755 نقطة\n2 - السويسري روجيه فيدرر 9065\n3 - البريطاني أندي موراي 7840\n4 - الياباني كي نيشيكوري 6025";
        let women = "1 - الأميركية سيرينا ويليامس 12371 نقطة\n2 - الروسية ماريا شارابوفا 6386\n3 - الرومانية سيمونا هاليب 5151\n4 - التشيكية بترا كفيتوفا 4995";
        let table = |intro: &str, items: &str| format!("\n\n\n{intro}\n\n{items}");
        let text = format!(
            "{P1}\n{P2}{}{}",
            table("ترتيب اللاعبين العشرة الأوائل:", men),
            table("ترتيب اللاعبات العشر الأوليات:", women)
        );
        let body = body_lines(text);
        assert_eq!(body.len(), 12, "{body:#?}");
        assert_eq!(body[2], "ترتيب اللاعبين العشرة الأوائل:");
        // Without the intro, or with the items out of order, the lines are no body.
        let plain = body_lines(format!("{P1}\n{P2}{}", table("", men)));
        assert_eq!(plain.len(), 2, "{plain:#?}");
        let shuffled = format!("{P1}\n{P2}{}", table("ترتيب اللاعبين العشرة الأوائل:", men))
            .replace("2 - السويسري", "5 - السويسري");
        assert_eq!(body_lines(shuffled).len(), 2);
    }

    #[test]
    fn list_a_deck_introduces_above_the_text_is_body() {
        // Regression (generated page p1-0001355): a two-line deck over `وتتعدد الاسباب للاصابة
        // به منها:` and six short items ending with full stops, above the text. Deck and list
        // made a run too short to be an article; the article's headline stood above it, so its
        // lines were read as header furniture and the list (intro and items) was lost.
        let deck = "يعرف الصرع بأنه اضطرابات في حجم الشحنات الكهربائية في الدماغ، ويختلف عن التخلف العقلي.";
        let list = "وتتعدد الاسباب للاصابة به منها:\n\nالعوامل الوراثية.\n\nمضاعفات الحمل.\n\nالعيوب الخلقية في المخ.\n\nاورام المخ.";
        let text = format!(
            "مرضى الصرع والتكيف الاجتماعي\n\nالقسم: صحة\n\n{deck}\n\n{list}\n\n{P1}\n\n{P2}"
        );
        let body = body_lines(text);
        assert_eq!(body.len(), 8, "{body:#?}");
        assert_eq!(body[1], "وتتعدد الاسباب للاصابة به منها:");
        assert_eq!(body[5], "اورام المخ.");
        // Titles of a related box under no intro, above the text, stay out.
        let titles = "أمير منطقة مكة يطلع على مشروع الحي التراثي\n\nريال مدريد يعزز وجوده في الصين\n\nعن القشرة الحامية للدول\n\nاليونان تسدد ديونها لصندوق النقد\n\nالقتل تعزيرا لمهرب في ثادق";
        let text = format!("مرضى الصرع والتكيف الاجتماعي\n\n{deck}\n\n{titles}\n\n{P1}\n\n{P2}");
        let body = body_lines(text);
        assert!(
            body.iter().all(|b| !titles.contains(b.as_str())),
            "{body:#?}"
        );
        assert_eq!(body.last().map(String::as_str), Some(P2));
    }

    #[test]
    fn last_sentence_without_its_full_stop_stays_in_the_story() {
        // Regression (SaudiNewsNet aleqt 979591, al-jazirah ln42): the story's last sentence,
        // printed right under the text without its full stop (`وعملت الحملة أيضا مع …`), was
        // read as a teaser headline and lost. An author's title in that place stays out.
        let last = "وعملت الحملة أيضا مع الاتحاد الدولي للنقابات ومنظمة الشفافية الدولية بشأن قضايا ذات صلة بالفيفا";
        let body = body_lines(format!("{P1}\n\n{P2}\n{last}\n"));
        assert_eq!(body.len(), 3, "{body:#?}");
        assert_eq!(body[2], last);
        let bio =
            "أستاذ العلوم السياسية في جامعة محمد الخامس وعضو المجلس الوطني لحقوق الإنسان بالرباط";
        let body = body_lines(format!("{P1}\n\n{P2}\n{bio}"));
        assert_eq!(body.len(), 2, "{body:#?}");
        // Not when more lines follow (a list of teasers may open with `و`).
        let body = body_lines(format!(
            "{P1}\n\n{P2}\n{last}\nوزير الخارجية يلتقي نظيره الفرنسي في باريس لبحث العلاقات"
        ));
        assert_eq!(body.len(), 2, "{body:#?}");
    }

    #[test]
    fn row_of_icon_links_is_no_article_body() {
        // Regression (the LBCI dev page cut after its header): `check out LBCI on lbci lebanon
        // facebook check out LBCI on …`, a row of social icons printed by their labels, is long
        // and printed once, so it read as running text and made an article of the footer.
        let row = |a: &str, b: &str, c: &str| {
            format!("check out LBCI on lbci {a} facebook check out LBCI on lbci {a} twitter check out LBCI on lbci {a} instagram check out LBCI on lbci {b} {c}")
        };
        let text = format!(
            "انضم الى ملايين المتابعين\nLBCI Lebanon\n{}\n{}\nLBCI News\n{}",
            row("lebanon", "lebanon", "youtube"),
            row("lebanon", "lebanon", "tiktok"),
            row("news", "news", "telegram")
        );
        let mut page = page_from_text(text);
        let (arts, _) = recover(&mut page, &Cues::default());
        assert!(arts.is_empty(), "{arts:?}");
        // A paragraph that repeats a phrase for effect is still running text.
        let p = "شلت يد الغدر الآثمة التي تحاول زعزعة أمن هذا الوطن الشامخ وأن تنال من هذا البلد الغالي، شلت يد الغدر الآثمة ومهما فعلت لن نبالي فنحن هنا في أرض الحرمين، شلت يد الغدر الآثمة إلى الأبد.";
        let r = roles(&format!("{P1}\n{p}\n{P2}"));
        assert_eq!(r, vec![Role::Body; 3]);
    }

    #[test]
    fn article_wrapped_into_full_width_lines_is_found() {
        // Regression (generated pages, w3m style): an article whose paragraphs w3m wrapped into
        // lines of a dozen words with no sentence mark had no line that read as text alone, and
        // its whole body was dropped as teaser headlines.
        let body = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بطاقة\nاستيعابية تصل إلى خمسمائة سرير لخدمة سكان الأحياء الشمالية من المدينة\nوذلك ضمن خطة الوزارة لتوسيع الخدمات الصحية في جميع مناطق المملكة.\n\nوأوضح المتحدث الرسمي باسم الوزارة أن المستشفى الجديد يضم أقساما متخصصة\nفي أمراض القلب والأورام وجراحة الأطفال إلى جانب مركز للطوارئ يعمل طوال\nاليوم.";
        let r = roles(&format!(
            "افتتاح مستشفى جديد في الرياض بطاقة خمسمائة سرير\nالخميس 4 يوليو 2015\n\n{body}"
        ));
        assert_eq!(r[..2], [Role::Title, Role::Date], "{r:?}");
        assert_eq!(r[3..6], [Role::Body; 3], "{r:?}");
        assert_eq!(r[7..10], [Role::Body; 3], "{r:?}");
        // A headline over a subtitle, with a paragraph longer than both under them, is no
        // wrapped paragraph: neither is body, and one of them heads the article.
        let text = format!(
            "وزارة الصحة تعلن افتتاح مستشفى جديد في مدينة الرياض بطاقة خمسمائة سرير\nالمستشفى يضم أقساما متخصصة في أمراض القلب والأورام وجراحة الأطفال والطوارئ\n{P1}\n{P2}"
        );
        let r = roles(&text);
        assert!(r[..2].contains(&Role::Title), "{r:?}");
        assert!(!r[..2].contains(&Role::Body), "{r:?}");
    }

    #[test]
    fn one_paragraph_article_under_a_long_header_keeps_its_headline() {
        // Regression (generated pages, mast style): date, credited caption, a share widget of
        // seven lines and a section label sat between a news brief's headline and its one
        // paragraph; counted as lines of text, they put the headline out of reach, and the
        // brief was dropped as a teaser.
        let brief = "لم تمنع تجاعيد الزمن وآثار السنين التي عكسها محيا هذا المزارع السبعيني؛ من أن يسعى في الأرض ويطلب رزقه؛ وأن يباشر بنفسه العمل على تسويق إنتاج مزرعته من التمور في المهرجان.";
        let text = format!(
            "كبار السن يسوقون «تمورهم» بلا «دلالين»!\n\nالأربعاء 18/10/1436 هـ - الموافق 28/8/2015 م\nجانب من الفعالية في المهرجان (واس)\nشارك\n* 0 0 0\nTwitter\n* 0 0 0\nFacebook\n* 0 0 0\nWhatsApp\n\nالقسم: منوعات\n\n{brief}\n"
        );
        let r = roles(&text);
        assert_eq!(r[0], Role::Title, "{r:?}");
        assert_eq!(r[14], Role::Body, "{r:?}");
    }
}
