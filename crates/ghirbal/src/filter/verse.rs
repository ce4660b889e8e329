//! Poems in a body, for the line-punctuation rule.
//!
//! FineWeb's `no-terminal-punct` rule rejects a document when too few of its lines end like a
//! sentence: menus, link lists and tag clouds do not. Neither does a poem printed one verse (or
//! one hemistich) a line, which news sites publish daily (Nabati poetry pages, a columnist's
//! qasida): on SaudiNewsNet dev the rule rejected 36 such poems, two thirds of its rejects. What
//! sets a poem apart from a list is its rhyme (the qafiya). [`Verses`] collects the unpunctuated
//! lines of a body and says whether they are such a poem; `QualityConfig::min_poem_verses` turns
//! it on (the `arabic-news` preset; `fineweb2-arb` reproduces FineWeb-2 and leaves it off).
//!
//! The test is deliberately narrow: at least `min_poem_verses` verse-shaped lines (2 to
//! [`MAX_VERSE_WORDS`] words), [`MIN_MEAN_VERSE_WORDS`] words a line on average (a menu's items
//! are one to three words), rhyming *locally* — a line ends on the rhyme of the line two above it
//! (`AAAA` and `ABAB` both do) for 60% of the lines, or for 75% of every second line when that is
//! at least six lines (a qasida printed a hemistich a line rhymes on the second hemistich only) —
//! and on different words: a list whose items all end on the same word (`… 22 عاماً`, `… ريال`)
//! repeats it, it does not rhyme. Local, because a page of several short poems (`صوت الصورة`,
//! `ملتقى الشعراء`) changes rhyme from poem to poem, and a strophic poem from stanza to stanza.
//! Headline or teaser lists rhyme this way for 0–30% of their lines on SaudiNewsNet dev; the
//! poems there for 64–100%. A list whose items all end in the same suffix (`…ية`) can still
//! pass; it is then judged by the other rules.

use super::lang::is_letter;
use crate::text::matching_form_into;
use xxhash_rust::xxh3::xxh3_64;

/// Most words of a verse line (a full verse of a long metre).
pub const MAX_VERSE_WORDS: usize = 14;
/// Least mean words of a poem's verse lines.
const MIN_MEAN_VERSE_WORDS: usize = 3;
/// Share of the lines (from the third) that end on the rhyme of the line two above, in percent.
const MIN_RHYMED_PERCENT: usize = 60;
/// The same for every second line alone (the rhyming hemistichs), in percent.
const MIN_RHYMED_HALF_PERCENT: usize = 75;
/// Fewest lines compared in that every-second-line test.
const MIN_HALF_PAIRS: usize = 6;

/// The letters a line rhymes on: its last letter, with the one before when the last is a long
/// vowel or the pronoun `ه` (`مباديها` / `خطاويها` rhyme on `ها`, `شانه` / `ديوانه` on `نه`),
/// in the matching form, which folds the letter variants a poet's spelling mixes (`ة`/`ه`,
/// `ى`/`ي`, hamza seats) and drops harakat and tatweel.
type Rhyme = (char, Option<char>);

/// The unpunctuated lines of one body, and their rhymes (reused between documents).
#[derive(Default)]
pub(super) struct Verses {
    /// The rhyme of each verse-shaped line, in order (`None`: it ends on no letter).
    rhymes: Vec<Option<Rhyme>>,
    /// A hash of each verse-shaped line's last word.
    ends: Vec<u64>,
    /// Their words, summed.
    words: usize,
    /// How many of them have at most the navigation-line word count.
    short: usize,
    /// Unpunctuated lines of other shapes (one word, or prose too long for a verse).
    other: usize,
    /// The matching form of the last word being read.
    folded: String,
}

/// What [`Verses::poem`] found: lines to count as punctuated, and how many of them were
/// counted as navigation-like lines (short and unpunctuated).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Poem {
    pub lines: usize,
    pub nav_lines: usize,
}

impl Verses {
    /// Forgets the previous document.
    pub fn clear(&mut self) {
        self.rhymes.clear();
        self.ends.clear();
        self.words = 0;
        self.short = 0;
        self.other = 0;
    }

    /// Records a line that does not end in punctuation: its word count and its last word.
    /// `nav_words`: the navigation-line word count of the configuration.
    pub fn unpunctuated(&mut self, words: usize, last_word: &str, nav_words: usize) {
        if !(2..=MAX_VERSE_WORDS).contains(&words) {
            self.other += 1;
            return;
        }
        matching_form_into(last_word, &mut self.folded);
        self.rhymes.push(rhyme(&self.folded));
        self.ends.push(xxh3_64(last_word.as_bytes()));
        self.words += words;
        if words <= nav_words {
            self.short += 1;
        }
    }

    /// The body's unpunctuated lines as a poem of at least `min_verses` verses, or an empty
    /// [`Poem`] when they are not one. Unpunctuated lines of other shapes may stand among the
    /// verses (a one-word exclamation, a line of prose introducing the poem), one for every
    /// four verses at most.
    pub fn poem(&mut self, min_verses: usize) -> Poem {
        let n = self.rhymes.len();
        if n < min_verses.max(1)
            || self.other * 4 > n
            || self.words < n * MIN_MEAN_VERSE_WORDS
            || !self.rhymes_enough()
            || self.distinct_ends() * 2 < n
        {
            return Poem::default();
        }
        Poem {
            lines: n,
            nav_lines: self.short,
        }
    }

    /// How many different words the verse lines end on.
    fn distinct_ends(&mut self) -> usize {
        self.ends.sort_unstable();
        self.ends.dedup();
        self.ends.len()
    }

    /// Whether the verses rhyme locally (see the module docs): each line against the line two
    /// above it, all lines together, and each half (every second line) alone.
    fn rhymes_enough(&self) -> bool {
        let r = &self.rhymes;
        let mut matched = [0usize; 2];
        let mut pairs = [0usize; 2];
        for i in 2..r.len() {
            pairs[i % 2] += 1;
            if r[i].is_some() && r[i] == r[i - 2] {
                matched[i % 2] += 1;
            }
        }
        let (all, all_pairs) = (matched[0] + matched[1], pairs[0] + pairs[1]);
        (all_pairs > 0 && all * 100 >= all_pairs * MIN_RHYMED_PERCENT)
            || (0..2).any(|h| {
                pairs[h] >= MIN_HALF_PAIRS && matched[h] * 100 >= pairs[h] * MIN_RHYMED_HALF_PERCENT
            })
    }
}

/// The [`Rhyme`] of a line's last word in matching form; `None` when the word does not end on a
/// letter (a figure, a year).
fn rhyme(folded: &str) -> Option<Rhyme> {
    let mut letters = folded.chars().rev();
    let last = letters.next().filter(|&c| is_letter(c))?;
    let before = if matches!(last, 'ا' | 'ي' | 'و' | 'ه') {
        letters.next()
    } else {
        None
    };
    Some((last, before))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verses(lines: &[&str]) -> Verses {
        let mut v = Verses::default();
        for l in lines {
            let words: Vec<&str> = l.split_whitespace().collect();
            v.unpunctuated(words.len(), words.last().copied().unwrap_or(""), 3);
        }
        v
    }

    #[test]
    fn rhyme_folds_variants_and_reads_through_long_vowels() {
        let r = |w: &str| rhyme(&crate::text::matching_form(w));
        assert_eq!(r("مباديها"), Some(('ا', Some('ه'))));
        assert_eq!(r("خطاويـها"), Some(('ا', Some('ه'))));
        assert_eq!(r("طربانة"), r("ديوانه"));
        assert_eq!(r("مشى"), r("مشي"));
        assert_eq!(r("دستور"), Some(('ر', None)));
        assert_eq!(r("2015"), None);
    }

    /// A Nabati poem, one hemistich a line: only every second line rhymes (`…انه`).
    const POEM: [&str; 10] = [
        "ألا يا بحر يا سعد منهو على شاطيك",
        "على شان من هاضت هجوسي على شانه",
        "على شان خلي يوم رجله تمشت فيك",
        "تدوس الثرى وتلاعب الريح طربانة",
        "تقول أعطني جوك وانا يا بحر بعطيك",
        "هجوس يدونها زمانك بديوانه",
        "هجوس الحبيب اللي مزاجه تعلك فيك",
        "لقى جوك الرايق وصرت اروع اوطانه",
        "يدكه ألم حبك ويشفق على طاريك",
        "ويدفع مهر حبك ولو زادت أثمانه",
    ];

    #[test]
    fn a_rhyming_poem_is_a_poem() {
        let p = verses(&POEM).poem(8);
        assert_eq!(p.lines, 10);
        // Too few verses for the minimum.
        assert_eq!(verses(&POEM[..6]).poem(8), Poem::default());
    }

    #[test]
    fn a_menu_or_a_list_of_headlines_is_no_poem() {
        // Section names: one or two words, no rhyme.
        let menu = [
            "الرئيسية",
            "أخبار محلية",
            "اقتصاد",
            "رياضة",
            "ثقافة وفنون",
            "كتاب وآراء",
            "الأخيرة",
            "اتصل بنا",
            "من نحن",
        ];
        assert_eq!(verses(&menu).poem(8), Poem::default());
        let headlines = [
            "أمير الرياض يستقبل سفير اليابان",
            "الهلال يتعادل مع النصر في الديربي",
            "ارتفاع أسعار النفط في التعاملات الآسيوية",
            "وزير الصحة يفتتح مستشفى جديدا في جازان",
            "الأمطار تغلق الطرق في عسير",
            "انطلاق مهرجان الجنادرية الأسبوع المقبل",
            "هيئة السياحة تطلق برنامجا للشباب",
            "القبض على مروجي مخدرات في الشرقية",
        ];
        assert_eq!(verses(&headlines).poem(8), Poem::default());
    }

    #[test]
    fn a_page_of_short_poems_rhymes_poem_by_poem() {
        // Two poems of the same page (`صوت الصورة`), each with its own rhyme; no rhyme covers
        // 70% of the page, but every line rhymes with the line two above it within its poem.
        let page = [
            "يا ماحلا الذكرى في عصر الاجداد",
            "على المحبة والتصافي يسيرون",
            "في دورة العيشة ياما بها اجهاد",
            "ياما بها الاتعاب وأنتم تعرفون",
            "فيها التكاتف دايم والاسعاد",
            "وفيها الرجال اللي بالعهد يوفون",
            "يستاهل التكريم يستاهل الزين",
            "يستاهل المركب جميل ومزيون",
            "حاشي صغير قيمته كلها دين",
            "تو اشتريته صرت يا ناس مديون",
            "خايف عليه الناس ترميه بالعين",
            "واخاف من شر الحسود المفتون",
        ];
        assert_eq!(verses(&page).poem(8).lines, 12);
    }

    #[test]
    fn a_list_ending_on_one_word_is_no_poem() {
        let ages = [
            "الجندي عمر أحمد عمر أبو شوشة 22 عاماً",
            "العريف سلطان محمد أحمد الشهراني 34 عاماً",
            "العريف عيد ماطر مبارك الشهراني 27 عاماً",
            "الجندي مشعل علي غرم عسيري 20 عاماً",
            "الجندي عبدالله عائض عبدالله آل سعد 19 عاماً",
            "الجندي عبدالعزيز عبدالله يحيى مشراف 21 عاماً",
            "العريف أحمد موسى علي الربعي 33 عاماً",
            "العريف مفرح علي أحمد عسيري 28 عاماً",
        ];
        assert_eq!(verses(&ages).poem(8), Poem::default());
    }

    #[test]
    fn short_verses_are_reported_as_navigation_lines() {
        let short = [
            "يا ليل طال",
            "والشوق قد مال",
            "قلبي في انشغال",
            "والدمع قد سال",
            "يا ليل طال",
            "والشوق قد مال",
            "قلبي في انشغال",
            "والدمع قد سال",
        ];
        assert_eq!(
            verses(&short).poem(8),
            Poem {
                lines: 8,
                nav_lines: 8
            }
        );
        assert_eq!(
            verses(&POEM).poem(8),
            Poem {
                lines: 10,
                nav_lines: 0
            }
        );
        // Two-word lines are too short for verse, however they end.
        let pairs: Vec<&str> = short
            .iter()
            .map(|l| l.split_once(' ').map_or(*l, |p| p.1))
            .collect();
        assert_eq!(verses(&pairs).poem(8), Poem::default());
    }
}
