//! Cue lexicons: generic words and phrases that hold across Arabic news sites (never one site's
//! literal strings). Every entry is folded with the matching form when the automata are built, so
//! spelling variants (أ/ا, ة/ه, ى/ي, diacritics) match alike.

use crate::text::matching_form;
use std::sync::OnceLock;

/// News agencies and photo services as they appear in credits `(أ.ف.ب)` and sign-offs.
pub const AGENCIES: &[&str] = &[
    "أ.ف.ب",
    "أ ف ب",
    "ا ف ب",
    "فرانس برس",
    "فرانس بريس",
    "رويترز",
    "د.ب.أ",
    "د ب أ",
    "إ.ب.أ",
    "إ ب أ",
    "أ.ب",
    "أ ب",
    "أسوشيتد برس",
    "اسوشيتد برس",
    "واس",
    "وام",
    "قنا",
    "كونا",
    "سانا",
    "بنا",
    "العمانية",
    "الأناضول",
    "الاناضول",
    "أ ش أ",
    "أ.ش.أ",
    "وفا",
    "معا",
    "سبوتنيك",
    "شينخوا",
    "غيتي",
    "جيتي",
    "غيتي إيميجز",
    "getty",
    "getty images",
    "afp",
    "reuters",
    "ap",
    "epa",
    "dpa",
    "aa",
    "xinhua",
    "shutterstock",
    "أرشيفية",
    "ارشيفية",
    "أرشيف",
    "وكالات",
    "مواقع التواصل",
    "إكس",
    "تويتر",
    "فيسبوك",
    "الجزيرة",
    "سي إن إن",
    "بي بي سي",
    "ميدل إيست آي",
    "يونيوز",
    "واع",
    "قنا",
    "بترا",
    "لاماب",
    "وات",
    "واج",
];

/// Words that mark a parenthetical as a photo credit even when the agency is unknown.
pub const CREDIT_WORDS: &[&str] = &[
    "تصوير",
    "صورة",
    "الصورة",
    "عدسة",
    "photo",
    "credit",
    "خاص",
    "أرشيف",
];

/// Photo notes that mark a caption without naming a credit: `(أرشيفية)`.
pub const PHOTO_NOTES: &[&str] = &[
    "أرشيفية",
    "ارشيفية",
    "صورة أرشيفية",
    "صورة ارشيفية",
    "أرشيف",
    "file photo",
    "archive",
];

/// Media labels closing a headline: `(صور)`, `(فيديو)`.
pub const MEDIA_WORDS: &[&str] = &[
    "أرشيفية",
    "ارشيفية",
    "صور",
    "صورة",
    "فيديو",
    "بالفيديو",
    "بالصور",
    "شاهد",
    "إنفوغراف",
    "انفوجراف",
    "فيديوغراف",
    "صوت",
    "video",
    "photos",
];

/// Verbs that open share/print/follow prompts (`شارك هذا`, `تابعنا`).
pub const UI_VERBS: &[&str] = &[
    "شارك",
    "شاركوا",
    "طباعة",
    "اطبع",
    "أرسل",
    "ارسل",
    "علق",
    "تابع",
    "تابعنا",
    "تابعونا",
    "اشترك",
    "حمل",
    "حمّل",
    "انسخ",
    "نسخ",
    "قيم",
    "share",
    "print",
    "follow",
];

/// Headers of blocks of links to other articles chosen for this one (`مقالات ذات صلة`). With
/// [`LIST_HEADERS`] they make the related-header lexicon: both end an article's text.
pub const RELATED_HEADERS: &[&str] = &[
    "مقالات ذات صلة",
    "موضوعات متعلقة",
    "مواضيع متعلقة",
    "مقالات متعلقة",
    "تغطيات ذات صلة",
    "اقرأ أيضا",
    "اقرأ ايضا",
    "إقرأ أيضا",
    "أخبار ذات صلة",
    "اخبار ذات صلة",
    "مواضيع ذات صلة",
    "موضوعات ذات صلة",
    "ذات صلة",
    "متعلقات",
    "اخترنا لكم",
    "اخترنا لك",
    "قد يهمك",
    "قد يعجبك",
    "شاهد أيضا",
    "مقالات أخرى",
    "أخبار متعلقة",
    "تقارير ذات صلة",
    "روابط ذات صلة",
    "إقرأ المزيد",
    "اقرأ المزيد",
    "ننصحك بقراءة",
    "يهمك أيضا",
    "تابع أيضا",
    "على صلة",
    "related",
    "read more",
    "lire aussi",
    "à lire aussi",
];

/// Headers of lists a site prints under every page (most read, latest, more news): they end
/// an article's text like [`RELATED_HEADERS`], but their items are no related links.
pub const LIST_HEADERS: &[&str] = &[
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "الأكثر تصفحا",
    "الأكثر تداولا",
    "الأكثر تعليقا",
    "الأكثر إرسالا",
    "الأكثر شعبية",
    "آخر الأخبار",
    "أحدث الأخبار",
    "أهم الأخبار",
    "أبرز الأخبار",
    "الأخبار العاجلة",
    "زوارنا يقرأون",
    "المزيد من الأخبار",
    "المزيد من",
    "مختارات",
    "عناوين أخرى",
    "في هذا القسم",
    "أخبار أخرى",
    "المقالات الأكثر",
    "الأخبار الأكثر",
    "المزيد",
    "most read",
    "more stories",
    "latest news",
];

/// Words that, on a short line, mark site furniture: menus, widgets, forms, footers.
pub const UI_WORDS: &[&str] = &[
    "شارك",
    "مشاركة",
    "طباعة",
    "اطبع",
    "تكبير الخط",
    "تصغير الخط",
    "حجم الخط",
    "إرسال لصديق",
    "أرسل لصديق",
    "إرسال إلى صديق",
    "تعليقات",
    "التعليقات",
    "تعليق",
    "أضف تعليق",
    "اضف تعليقك",
    "إضافة تعليق",
    "تعليقك",
    "اسمك",
    "الاسم",
    "البريد الإلكتروني",
    "البريد الالكتروني",
    "إرسال",
    "ارسال",
    "حفظ",
    "بحث",
    "ابحث",
    "البحث",
    "تسجيل الدخول",
    "تسجيل الخروج",
    "دخول",
    "خروج",
    "حسابي",
    "كلمة المرور",
    "اشترك",
    "إشترك",
    "اشتراك",
    "النشرة البريدية",
    "النشرة الإخبارية",
    "تابعونا",
    "تابعنا",
    "تابعونا على",
    "من نحن",
    "اتصل بنا",
    "اتصل بنا",
    "أعلن معنا",
    "اعلن معنا",
    "سياسة الخصوصية",
    "الخصوصية",
    "شروط الاستخدام",
    "الشروط والأحكام",
    "خريطة الموقع",
    "الرئيسية",
    "الصفحة الرئيسية",
    "القائمة",
    "إغلاق",
    "اغلاق",
    "عودة",
    "عد إلى الأعلى",
    "الأعلى",
    "التالي",
    "السابق",
    "المزيد",
    "التفاصيل",
    "عرض الكل",
    "عرض المزيد",
    "حمل التطبيق",
    "تطبيقات",
    "البث المباشر",
    "البث الحي",
    "مباشر",
    "فيديو",
    "صور",
    "بالفيديو",
    "بالصور",
    "الطقس",
    "حالة الطقس",
    "الأبراج",
    "وظائف",
    "الكلمات الدالة",
    "كلمات مفتاحية",
    "الكلمات المفتاحية",
    "الوسوم",
    "وسوم",
    "مواضيع",
    "القسم",
    "المناطق",
    "نسخة للطباعة",
    "نسخ الرابط",
    "رابط مختصر",
    "انسخ الرابط",
    "واتساب",
    "فيسبوك",
    "تويتر",
    "تلغرام",
    "تيليغرام",
    "يوتيوب",
    "انستغرام",
    "لينكدإن",
    "جميع الحقوق محفوظة",
    "حقوق النشر",
    "مشاهدات",
    "قراءة",
    "دقائق قراءة",
    "دقيقة قراءة",
    "للاشتراك",
    "قيم هذا",
    "تقييم",
    "أعجبني",
    "الإعلانات",
    "إعلانات",
    "إعلان",
    "تشغيل",
    "ملء الشاشة",
    "إيقاف",
    "كتم الصوت",
    "اعلان",
    "advertisement",
    "أرشيف",
    "الارشيف",
    "اختر",
    "مقاس الخط",
    "اقرأ",
    "ع ع ع",
    "a a a",
    "tt",
    "share",
    "print",
    "tweet",
    "email",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "messenger",
    "linkedin",
    "youtube",
    "instagram",
    "rss",
    "login",
    "logout",
    "submit",
    "search",
    "menu",
    "close",
    "home",
    "live",
    "subscribe",
    "newsletter",
    "accueil",
    "contact",
    "copyright",
    "all rights reserved",
    "tous droits réservés",
    "cookies",
    "google+",
    "tags",
    "keywords",
    "mots-clés",
    "mots clés",
];

/// Phrases that mark a line of any length as site furniture (disclaimers, comment policies,
/// copyright and subscription prompts). [`boilerplate_phrases`] searches these and
/// [`WEAK_PHRASES`] together.
pub const BOILERPLATE_PHRASES: &[&str] = &[
    "بالنقاش الحيوي",
    "نرجو الالتزام",
    "قواعد النشر",
    "سياسة التعليقات",
    "شروط التعليق",
    "يجب تسجيل الدخول",
    "أضف تعليقا",
    "اكتب تعليقك",
    "لتصلك آخر",
    "لتصلكم آخر",
    "تابعونا",
    "تابعونا على",
    "تعبر عن رأي أصحابها",
    "تعبر عن رأي كاتبها",
    "تعبر عن رأي كاتبيها",
    "تعبر عن آراء كتابها",
    "تعبر عن رأي كتابها",
    "تعكس وجهات نظر أصحابها",
    "جميع الحقوق محفوظة",
    "كافة الحقوق محفوظة",
    "حقوق النشر محفوظة",
    "الحقوق محفوظة",
    "مراجعة التعليقات",
    "انشر تعليقك",
    "أضف تعليقك",
    "اشترك في النشرة",
    "اشترك الآن",
    "اضغط هنا",
    "انقر هنا",
    "يرجى تفعيل",
    "الرجاء إدخال",
    "هذا الحقل مطلوب",
    "ملفات تعريف الارتباط",
    "all rights reserved",
    "tous droits réservés",
];

/// A site's notices to its reader: an error page, an expired session, an account to activate.
/// News quotes them too (`لم يتم العثور على أي ناجين`, a phishing mail's `لتفعيل حسابك`), so they
/// mark no line of a page by themselves; they only keep the one paragraph of a page from being
/// its article under the line above it (`lone_headline`).
pub const NOTICE_PHRASES: &[&str] = &[
    "الصفحة التي تبحث عنها",
    "الصفحة المطلوبة غير",
    "انتهت صلاحية جلستك",
    "لتفعيل حسابك",
    "لم يتم العثور على",
    "حدث خطأ",
    "تحت الصيانة",
    "تم حذف هذا",
];

/// Furniture phrases that news paragraphs use too (`تابعوا` "they
/// followed", `للاشتراك في` "to take part in", `سياسة الخصوصية` in technology news): alone, they
/// mark a line only when it is not running text.
pub const WEAK_PHRASES: &[&str] = &[
    "تابعوا",
    "الآراء الواردة",
    "لا تعكس بالضرورة",
    "تابعوا آخر",
    "سجل الدخول",
    "لا تعبر عن رأي",
    "لا تعبر بالضرورة",
    "تعبر عن وجهة نظر",
    "التعليقات المنشورة",
    "يحظر نشر",
    "دون إذن مسبق",
    "سياسة الخصوصية",
    "شروط الاستخدام",
    "شروط استخدام",
    "للاشتراك في",
    "حمل تطبيق",
    "حمّل تطبيق",
    "cookie",
    "javascript",
];

/// Month names (Gregorian in Egyptian/Gulf, Levantine and Maghrebi usage; Hijri), weekday names and
/// date words. A short line made of these and numbers is a date line.
pub const DATE_WORDS: &[&str] = &[
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ابريل",
    "إبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "اغسطس",
    "سبتمبر",
    "أكتوبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
    "جانفي",
    "فيفري",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "ربيع الثاني",
    "جمادى",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
    "السبت",
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "هـ",
    "م",
    "ص",
    "مساء",
    "صباحا",
    "آخر تحديث",
    "تحديث",
    "نشر في",
    "نشر",
    "تاريخ النشر",
    "منذ",
    "قبل",
    "ساعة",
    "ساعات",
    "ساعتين",
    "دقيقة",
    "دقائق",
    "يوم",
    "أيام",
    "gmt",
    "am",
    "pm",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "updated",
    "published",
];

/// Generic news section names (used to split a teaser's section label from its image caption).
pub const SECTIONS: &[&str] = &[
    "الولايات المتحدة",
    "الاقتصاد",
    "اقتصاد",
    "رياضة",
    "الرياضة",
    "ثقافة",
    "الثقافة",
    "ثقافة وفنون",
    "منوعات",
    "العالم",
    "العالم العربي",
    "الخليج",
    "الشرق الأوسط",
    "أوروبا",
    "آسيا",
    "أفريقيا",
    "إفريقيا",
    "أميركا",
    "سياسة",
    "السياسة",
    "محليات",
    "المحليات",
    "دولي",
    "دوليات",
    "عربي",
    "عربي ودولي",
    "صحة",
    "الصحة",
    "تكنولوجيا",
    "التكنولوجيا",
    "علوم",
    "العلوم",
    "فن",
    "فنون",
    "الفن",
    "رأي",
    "الرأي",
    "مقالات",
    "تقارير",
    "تحقيقات",
    "حوارات",
    "سياحة",
    "السياحة",
    "سيارات",
    "تعليم",
    "مجتمع",
    "المجتمع",
    "لبنان",
    "سوريا",
    "مصر",
    "العراق",
    "اليمن",
    "فلسطين",
    "السعودية",
    "ليبيا",
    "تونس",
    "الجزائر",
    "المغرب",
    "السودان",
    "الأردن",
    "روسيا",
    "الصين",
    "إيران",
    "تركيا",
    "أوكرانيا",
    "بريطانيا",
    "فرنسا",
    "ألمانيا",
    "إسرائيل",
    "غزة",
    "أخبار",
    "الأخبار",
    "حوادث",
    "برلمان",
    "انتخابات",
    "طاقة",
    "النفط",
    "بيئة",
    "المرأة",
    "شباب",
    "كرة القدم",
];

/// A compiled, folded lexicon. The automaton is built on the first search: lexicons that are
/// only looked up whole ([`Lexicon::is_exactly`], a binary search) never pay for one. It is a
/// [`Scanner`], a dense leftmost-longest Aho-Corasick DFA over characters built and searched by
/// our own code: the aho-corasick crate's generic search loop costs about three times as many
/// instructions per byte, and its DFA build about six times as many.
pub struct Lexicon {
    scanner: OnceLock<Scanner>,
    /// Folded patterns, sorted and deduplicated.
    pub folded: Vec<String>,
    /// Bit `n` is set when some pattern is `n` bytes long (bit 127: 127 bytes or more): most
    /// texts looked up whole have a length no entry has, and need no search.
    lengths: u128,
    /// The length of the longest entry, in bytes.
    max_len: usize,
}

impl Lexicon {
    fn new(words: &[&str]) -> Lexicon {
        let mut folded: Vec<String> = words
            .iter()
            .map(|w| matching_form(w))
            .filter(|w| !w.is_empty())
            .collect();
        folded.sort();
        folded.dedup();
        let lengths = folded
            .iter()
            .fold(0u128, |bits, w| bits | length_bit(w.len()));
        let max_len = folded.iter().map(String::len).max().unwrap_or(0);
        Lexicon {
            scanner: OnceLock::new(),
            folded,
            lengths,
            max_len,
        }
    }

    fn scanner(&self) -> &Scanner {
        self.scanner.get_or_init(|| Scanner::new(&self.folded))
    }

    /// Every entry found in `text` (non-overlapping, leftmost-longest), as (start, end) byte
    /// offsets: what `AhoCorasick::find_iter` yields. Entries are never empty, so each search
    /// resumes where the previous match ended (a character boundary).
    fn hits<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let scanner = self.scanner();
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= text.len() {
                return None;
            }
            let (s, e) = scanner.find_at(text, at)?;
            at = e;
            Some((s, e))
        })
    }

    /// Whether `text` (a matching form) contains an entry on word boundaries.
    pub fn contains(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// The first entry found on word boundaries, as (start, end) byte offsets.
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.hits(text)
            .find(|&(s, e)| boundary_before(text, s) && boundary_after(text, e))
    }

    /// Whether `text` starts with an entry that ends on a word boundary: whether [`Lexicon::find`]
    /// finds one at 0. The leftmost-longest hit starts at 0 exactly when some entry is a prefix
    /// of `text`, and it is then the longest such entry, so only the characters that start in
    /// the first [`Lexicon::max_len`] bytes are searched.
    pub fn starts_with_entry(&self, text: &str) -> bool {
        self.scanner()
            .find_prefix(text, self.max_len)
            .is_some_and(|e| boundary_after(text, e))
    }

    /// The entries found on word boundaries (non-overlapping, leftmost-longest), as (start, end)
    /// byte offsets.
    pub fn matches<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.hits(text)
            .filter(|&(s, e)| boundary_before(text, s) && boundary_after(text, e))
    }

    /// Bytes of `text` covered by entries found on word boundaries.
    pub fn covered(&self, text: &str) -> usize {
        self.hits(text)
            .filter(|&(s, e)| boundary_before(text, s) && boundary_after(text, e))
            .map(|(s, e)| e - s)
            .sum()
    }

    /// Whether the whole of `text` is one entry.
    pub fn is_exactly(&self, text: &str) -> bool {
        self.lengths & length_bit(text.len()) != 0
            && self
                .folded
                .binary_search_by(|p| p.as_str().cmp(text))
                .is_ok()
    }
}

/// Characters below this code point (ASCII and the two-byte ones: Latin-1, Arabic) have their
/// column in [`Scanner::pairs`].
const NARROW: usize = 0x800;

/// The [`Scanner::pairs`] index of the character of one or two bytes that starts with byte
/// `b0`, followed by `b1` (any byte after an ASCII character, a continuation byte after a lead
/// byte): the two bytes as a little-endian `u16`.
#[inline(always)]
fn pair_index(b0: u8, b1: u8) -> usize {
    usize::from(u16::from_le_bytes([b0, b1]))
}

/// The unanchored transitions of a leftmost-longest Aho-Corasick DFA in one dense table over
/// classes of characters, with its states numbered so that one comparison tells the rare states
/// a search must stop at (dead, match) from the rest. It is built the way the aho-corasick crate
/// builds its DFA (same states, same matches; `hits_are_the_aho_corasick_matches` and a
/// proptest check the searches against the crate's), without the crate's general machinery,
/// which cost about six times as many instructions to build. Its search, [`Scanner::find_at`],
/// is the crate's own `try_find_fwd` without a prefilter, in a loop of a few instructions per
/// character.
///
/// It steps a character at a time, not a byte: an Arabic letter is one step, not two, and each
/// step waits on the one before (the next state is read at an address the current one gives).
/// It finds what a byte automaton of the same patterns finds: in valid UTF-8 (the text and the
/// patterns are `str`s), a pattern's bytes occur at some offset only as whole characters, so
/// the occurrences, and with them the leftmost-longest choice among them, are the same.
struct Scanner {
    /// The column of each character below [`NARROW`], by its first two bytes
    /// ([`pair_index`]): one look-up, whether it takes one byte or two.
    pairs: Box<[u8; 0x10000]>,
    /// The columns of the characters from [`NARROW`] on that some pattern uses, sorted by
    /// character; every other one is in column `other`.
    wide: Vec<(char, u8)>,
    /// The column of the characters no pattern uses.
    other: u8,
    /// `trans[state + column]`: the next state. States are premultiplied by `stride`; state 0
    /// is the dead state, states `1..=matches` the match states. A state's row ends with one
    /// more column, `trans[state + stride - 1]`: its depth in the trie (the number of characters
    /// of the text it stands for; 0 for the start and dead states), read by
    /// [`Scanner::find_prefix`].
    trans: Vec<u32>,
    /// The width of a row: one column per character class, then the depth.
    stride: usize,
    /// States below this (premultiplied) are dead or match states.
    special_end: u32,
    /// The unanchored start state.
    start: u32,
    /// The length in bytes of the entry each match state ends (indexed by state number, not
    /// premultiplied); 0 for the others.
    match_len: Vec<usize>,
}

impl Scanner {
    /// The leftmost-longest automaton of `patterns` (distinct, none empty), as the
    /// aho-corasick crate's noncontiguous NFA builds it with leftmost semantics, over
    /// characters: a trie of the patterns, whose missing transitions go back to the start state
    /// from the start state itself, and elsewhere follow the state's failure link, computed
    /// breadth first (the longest proper suffix that is a trie state; the dead state under a
    /// match state, since a leftmost match never gives way to one starting later). A state that
    /// ends no pattern reports its failure state's match. Its failure transitions are resolved
    /// here into a DFA row by row, breadth first: a state's failure state is shallower, so its
    /// row is final.
    fn new(patterns: &[String]) -> Scanner {
        // Character classes: each character some pattern uses on its own, the others together
        // (an Aho-Corasick automaton never tells apart two characters that are on none of its
        // trie's edges: from every state, both follow the same failure path).
        let used: std::collections::BTreeSet<char> =
            patterns.iter().flat_map(|p| p.chars()).collect();
        // At most 255 characters have a column of their own (the lexicons use about a hundred;
        // every lexicon's automaton is built by the tests).
        let column = |k: usize| u8::try_from(k).unwrap_or(u8::MAX);
        assert!(used.len() < 256, "a lexicon uses more than 255 characters");
        let other = column(used.len());
        let mut narrow = Box::new([other; NARROW]);
        let mut wide = Vec::new();
        for (k, &c) in used.iter().enumerate() {
            match narrow.get_mut(c as usize) {
                Some(slot) => *slot = column(k),
                None => wide.push((c, column(k))),
            }
        }
        let stride = used.len() + 1;
        let mut pairs = Box::new([other; 0x10000]);
        for (cp, &k) in narrow.iter().enumerate() {
            let Some(c) = u32::try_from(cp).ok().and_then(char::from_u32) else {
                continue;
            };
            let mut raw = [0u8; 4];
            match *c.encode_utf8(&mut raw).as_bytes() {
                [b0] => (0..=255u8).for_each(|b1| pairs[pair_index(b0, b1)] = k),
                [b0, b1] => pairs[pair_index(b0, b1)] = k,
                _ => {}
            }
        }
        let class_of = |c: char| -> usize {
            usize::from(match narrow.get(c as usize) {
                Some(&k) => k,
                None => wide_column(&wide, other, c),
            })
        };
        // Trie states: 0 dead, 1 start, then one per distinct pattern prefix. While the trie is
        // built, 0 in `trans` is a missing transition (no trie edge enters state 0 or 1).
        const DEAD: usize = 0;
        const START: usize = 1;
        let most = 2 + patterns.iter().map(|p| p.chars().count()).sum::<usize>();
        let mut trans = vec![0u32; most * stride];
        let mut match_len = vec![0usize; most];
        let mut depth = vec![0u32; most];
        let mut states = 2;
        for p in patterns {
            let mut s = START;
            for c in p.chars() {
                let slot = s * stride + class_of(c);
                if trans[slot] == 0 {
                    trans[slot] = states as u32;
                    depth[states] = depth[s] + 1;
                    states += 1;
                }
                s = trans[slot] as usize;
            }
            match_len[s] = p.len();
        }
        trans.truncate(states * stride);
        match_len.truncate(states);
        depth.truncate(states);
        // Failure links and the DFA's rows, breadth first. The dead state's row stays all 0.
        let mut fail = vec![START; states];
        fail[DEAD] = DEAD;
        let mut queue: Vec<usize> = Vec::with_capacity(states);
        for class in 0..stride {
            let slot = START * stride + class;
            match trans[slot] as usize {
                0 => trans[slot] = START as u32,
                t => {
                    if match_len[t] > 0 {
                        fail[t] = DEAD;
                    }
                    queue.push(t);
                }
            }
        }
        let mut head = 0;
        while let Some(&s) = queue.get(head) {
            head += 1;
            let f = fail[s] * stride;
            for class in 0..stride {
                let slot = s * stride + class;
                let via_fail = trans[f + class];
                match trans[slot] as usize {
                    0 => trans[slot] = via_fail,
                    t => {
                        if match_len[t] > 0 {
                            fail[t] = DEAD;
                        } else {
                            fail[t] = via_fail as usize;
                            match_len[t] = match_len[via_fail as usize];
                        }
                        queue.push(t);
                    }
                }
            }
        }
        // Numbering: the dead state 0, the match states 1..=matches, then the others.
        let mut number = vec![0usize; states];
        let mut next = 1;
        for rank_match in [true, false] {
            for (s, n) in number.iter_mut().enumerate().skip(1) {
                if (match_len[s] > 0) == rank_match {
                    *n = next;
                    next += 1;
                }
            }
        }
        let matches = match_len.iter().filter(|&&l| l > 0).count();
        // Each row: the transitions, then the depth.
        let width = stride + 1;
        let mut dense = vec![0u32; states * width];
        let mut lens = vec![0usize; states];
        for (s, row) in trans.chunks_exact(stride).enumerate() {
            let n = number[s];
            let out = &mut dense[n * width..(n + 1) * width];
            for (to, &t) in out.iter_mut().zip(row) {
                *to = (number[t as usize] * width) as u32;
            }
            out[stride] = depth[s];
            lens[n] = match_len[s];
        }
        Scanner {
            pairs,
            wide,
            other,
            trans: dense,
            stride: width,
            special_end: ((matches + 1) * width) as u32,
            start: (number[START] * width) as u32,
            match_len: lens,
        }
    }

    /// The column of the character that starts at byte `i` of `hay` (a char boundary below its
    /// length), and its length in bytes. A character of one or two bytes (ASCII, Arabic) is
    /// decoded without a branch on its length, which changes at every space of Arabic text.
    #[inline(always)]
    fn column_at(&self, hay: &str, i: usize) -> (usize, usize) {
        let b = hay.as_bytes();
        let b0 = b[i];
        if b0 >= 0xE0 {
            return self.wide_column_at(hay, i);
        }
        let b1 = b.get(i + 1).copied().unwrap_or(0);
        (
            usize::from(self.pairs[pair_index(b0, b1)]),
            1 + usize::from(b0 >> 7),
        )
    }

    /// [`Scanner::column_at`] for a character of three or four bytes (rare in Arabic text).
    #[cold]
    #[inline(never)]
    fn wide_column_at(&self, hay: &str, i: usize) -> (usize, usize) {
        match hay.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) => (
                usize::from(wide_column(&self.wide, self.other, c)),
                c.len_utf8(),
            ),
            // Not reached: `i` is a char boundary below the length.
            None => (usize::from(self.other), 1),
        }
    }

    /// The leftmost-longest entry in `hay[at..]` (`at` a char boundary), as absolute (start,
    /// end) byte offsets. (The start state is never a match state: entries are never empty.)
    #[inline]
    fn find_at(&self, hay: &str, at: usize) -> Option<(usize, usize)> {
        let mut sid = self.start;
        let mut mat = None;
        let mut i = at;
        while i < hay.len() {
            let (column, len) = self.column_at(hay, i);
            i += len;
            let next = sid as usize + column;
            debug_assert!(next < self.trans.len());
            // SAFETY: `sid` is a premultiplied state (`stride * n` with `n` below the number of
            // states: `new` writes nothing else into `trans`, and `start` is one) and a column
            // is below `stride` (`new` makes one per class, and the depth after them), so
            // `next` is below `trans.len()`, the number of states times `stride`. The bounds
            // check this skips is a fifth of the loop's instructions.
            sid = unsafe { *self.trans.get_unchecked(next) };
            if sid < self.special_end {
                if sid == 0 {
                    return mat;
                }
                mat = Some((i - self.match_len[sid as usize / self.stride], i));
            }
        }
        mat
    }

    /// The end of the match [`Scanner::find_at`]`(hay, 0)` finds when it starts at 0 (the
    /// longest entry that is a prefix of `hay`), reading only the characters that start in the
    /// first `max_len` bytes (no entry is longer). The search stops as soon as the state no
    /// longer stands for all the characters read (its depth is below their count): the depth
    /// grows by at most one a character, so no later match can start at 0, and a match found
    /// at 0 is only extended along the trie (a match state fails to the dead state, of depth 0).
    #[inline]
    fn find_prefix(&self, hay: &str, max_len: usize) -> Option<usize> {
        let mut sid = self.start;
        let mut end = None;
        let (mut i, mut read) = (0, 0);
        while i < hay.len().min(max_len) {
            let (column, len) = self.column_at(hay, i);
            i += len;
            read += 1;
            sid = self.trans.get(sid as usize + column).copied().unwrap_or(0);
            let depth = self.trans.get(sid as usize + self.stride - 1);
            if depth.map_or(0, |&d| d as usize) < read {
                return end;
            }
            // A match of all the bytes read (a shorter one, inherited from a failure state,
            // starts later).
            if sid < self.special_end && self.match_len[sid as usize / self.stride] == i {
                end = Some(i);
            }
        }
        end
    }
}

/// The column of `c` (from [`NARROW`] on) in a scanner's `wide` list, `other` when it has none.
fn wide_column(wide: &[(char, u8)], other: u8, c: char) -> u8 {
    match wide.binary_search_by(|&(w, _)| w.cmp(&c)) {
        Ok(k) => wide[k].1,
        Err(_) => other,
    }
}

/// The [`Lexicon::lengths`] bit of a length.
fn length_bit(len: usize) -> u128 {
    1 << len.min(127)
}

fn boundary_before(text: &str, i: usize) -> bool {
    // Matches start and end on char boundaries, so these slices are valid.
    !text
        .get(..i)
        .and_then(|t| t.chars().next_back())
        .is_some_and(super::features::is_word_char)
}

fn boundary_after(text: &str, i: usize) -> bool {
    !text
        .get(i..)
        .and_then(|t| t.chars().next())
        .is_some_and(super::features::is_word_char)
}

macro_rules! lexicon {
    ($name:ident, $words:expr) => {
        pub fn $name() -> &'static Lexicon {
            static L: OnceLock<Lexicon> = OnceLock::new();
            L.get_or_init(|| Lexicon::new($words))
        }
    };
}

lexicon!(agencies, AGENCIES);
lexicon!(credit_words, CREDIT_WORDS);
lexicon!(media_words, MEDIA_WORDS);
lexicon!(ui_verbs, UI_VERBS);
lexicon!(photo_notes, PHOTO_NOTES);
lexicon!(related_headers, &[RELATED_HEADERS, LIST_HEADERS].concat());
lexicon!(list_headers, LIST_HEADERS);
lexicon!(ui_words, UI_WORDS);
lexicon!(
    boilerplate_phrases,
    &[BOILERPLATE_PHRASES, WEAK_PHRASES].concat()
);
lexicon!(weak_phrases, WEAK_PHRASES);
lexicon!(notice_phrases, NOTICE_PHRASES);
lexicon!(date_words, DATE_WORDS);
lexicon!(sections, SECTIONS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lookup_matches_spelling_variants() {
        assert!(related_headers().contains(&matching_form("إقرأ أيضاً")));
        assert!(related_headers().is_exactly(&matching_form("مقالات ذات صلة")));
        assert!(agencies().is_exactly(&matching_form("د.ب.أ")));
        assert!(!ui_words().contains(&matching_form("شاركت الوزارة في المؤتمر")));
    }

    /// The DFA searched directly yields what `AhoCorasick::find_iter` does, on every line of the
    /// page fixtures and on lines made of the lexicons' own entries.
    #[test]
    fn hits_are_the_aho_corasick_matches() {
        use aho_corasick::MatchKind;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
        let mut lines: Vec<String> = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            lines.extend(text.lines().map(matching_form));
        }
        let all = [
            agencies(),
            credit_words(),
            media_words(),
            ui_verbs(),
            photo_notes(),
            related_headers(),
            ui_words(),
            boilerplate_phrases(),
            weak_phrases(),
            date_words(),
            sections(),
        ];
        for lex in all {
            lines.push(lex.folded.join(" "));
            lines.push(lex.folded.join(""));
            lines.push(lex.folded.join("، x"));
            // Entries cut short or missing their first character, run together: partial
            // matches that fail over to other entries (the failure links).
            let cut = |w: &String, head: bool| -> String {
                let mut c = w.chars();
                if head {
                    c.next_back();
                } else {
                    c.next();
                }
                c.as_str().to_string()
            };
            lines.push(lex.folded.iter().map(|w| cut(w, true)).collect());
            lines.push(lex.folded.iter().map(|w| cut(w, false)).collect());
            lines.push(
                lex.folded
                    .iter()
                    .flat_map(|w| [cut(w, true), cut(w, false)])
                    .collect(),
            );
        }
        for lex in all {
            let ac = aho_corasick::AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&lex.folded)
                .unwrap_or_else(|e| panic!("{e}"));
            for line in &lines {
                let want: Vec<(usize, usize)> =
                    ac.find_iter(line).map(|m| (m.start(), m.end())).collect();
                let got: Vec<(usize, usize)> = lex.hits(line).collect();
                assert_eq!(got, want, "{line}");
                let at_start = lex.find(line).is_some_and(|(s, _)| s == 0);
                assert_eq!(lex.starts_with_entry(line), at_start, "{line}");
                for (s, _) in line.char_indices().filter(|_| line.len() <= 120) {
                    let rest = &line[s..];
                    let at_start = lex.find(rest).is_some_and(|(s, _)| s == 0);
                    assert_eq!(lex.starts_with_entry(rest), at_start, "{rest}");
                }
            }
        }
    }

    /// Entries of one, two, three and four-byte characters, some sharing their first ones.
    const MIXED: &[&str] = &[
        "ab", "abc", "bca", "é", "éa", "كتب", "تب ك", "ب", "€5", "a€", "中文", "文", "x😀y", "😀",
    ];

    /// Text of those characters and others of every length (the Arabic block, Latin-1, three
    /// and four bytes), spaces and punctuation.
    fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let chars = prop_oneof![
            4 => prop::sample::select(vec!['a', 'b', 'c', 'é', 'ك', 'ت', 'ب', '€', '5', '中', '文', 'x', 'y', '😀']),
            2 => proptest::char::range('\u{0600}', '\u{06FF}'),
            1 => proptest::char::range(' ', '~'),
            1 => proptest::char::range('\u{80}', '\u{7FF}'),
            1 => prop::sample::select(vec!['\u{800}', '\u{FFFF}', '\u{10000}', '\u{10FFFF}', '“', '文', '😀']),
        ];
        proptest::collection::vec(chars, 0..60).prop_map(|v| v.into_iter().collect())
    }

    proptest::proptest! {
        /// The character automaton finds what the aho-corasick crate's byte automaton finds,
        /// and a prefix search what a search from the start finds at 0.
        #[test]
        fn character_steps_find_the_byte_matches(text in mixed_text()) {
            use aho_corasick::MatchKind;
            let lex = Lexicon::new(MIXED);
            let ac = aho_corasick::AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&lex.folded)
                .unwrap_or_else(|e| panic!("{e}"));
            let want: Vec<(usize, usize)> =
                ac.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = lex.hits(&text).collect();
            proptest::prop_assert_eq!(got, want);
            for (s, _) in text.char_indices() {
                let rest = &text[s..];
                let at_start = lex.find(rest).is_some_and(|(s, _)| s == 0);
                proptest::prop_assert_eq!(lex.starts_with_entry(rest), at_start);
                let prefix = ac.find(rest).filter(|m| m.start() == 0).map(|m| m.end());
                proptest::prop_assert_eq!(lex.scanner().find_prefix(rest, lex.max_len), prefix);
            }
        }
    }
}
