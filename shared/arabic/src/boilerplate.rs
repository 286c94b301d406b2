//! Site chrome: the paragraphs of a web page that are about the site, not the news.
//!
//! News pages carry newsletter invitations ("هل أعجبك المحتوى … اشترك بنشرتنا
//! البريدية"), comment policies ("نسعد بمشاركتك لنا بتعليقاتك …"), breadcrumbs
//! ("الرئيسية دولي") and share bars. They sit at the top or bottom of the page and they
//! *address the reader or name the site*: second-person forms (أعجبك، بريدك،
//! تعليقاتكم), calls to act (اشترك، انضم، تابعونا، اضغط), and the vocabulary of the web
//! page (الموقع، التعليقات، النشرة البريدية، الرئيسية، جميع الحقوق محفوظة). News
//! sentences are about third parties and almost never do this.
//!
//! [`is_chrome`] scores a paragraph by the share of its words that are such cues (after
//! clitics are taken off) and only near the edges of the article. No sentence of any
//! particular site is written here: a new site's footer is caught by the same cues.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::normalize::normalize_key;

/// Cue stems, in normalized form (see [`crate::normalize`]): words a page uses to talk
/// about itself or to its reader.
const CUES: &[&str] = &[
    // Addressing the reader (second person).
    "اعجبك",
    "بريدك",
    "مشاركتك",
    "تعليقاتك",
    "تعليقاتكم",
    "لك",
    "لكم",
    "رايك",
    "بريدكم",
    "تريد",
    "يهمك",
    "فاتك",
    // Calls to act.
    "اشترك",
    "اشتركوا",
    "انضم",
    "انضموا",
    "تابعونا",
    "تابعنا",
    "تابع",
    "اضغط",
    "سجل",
    "شارك",
    "شاركوا",
    "حمل",
    "نزل",
    "اقرا",
    "يرجي",
    // Social networks and "related" links, named in news too.
    "فيسبوك",
    "تويتر",
    "واتساب",
    "واتس",
    "تلغرام",
    "تيليغرام",
    "يوتيوب",
    "انستغرام",
    "انستجرام",
    "ايضا",
    "ذات",
    "صله",
    "قواعد",
    "مراجعتها",
    "نسعد",
    "المحتوي",
    "محتوي",
    "الصفحه",
    "الجريده",
];

/// Cue stems that name the page or the site itself (its newsletter, comments,
/// notifications, "more" links, rights); a subset of the cues that is enough, on its
/// own, to let a long paragraph be learned as boilerplate (see [`RepeatedParagraphs`]).
const SITE_CUES: &[&str] = &[
    "نشرتنا",
    "نشره",
    "النشره",
    "بريديه",
    "البريديه",
    "بريد",
    "البريد",
    "الكتروني",
    "الالكتروني",
    "موقع",
    "الموقع",
    "موقعنا",
    "تعليق",
    "التعليق",
    "تعليقات",
    "التعليقات",
    "الرييسيه",
    "رييسيه",
    "حقوق",
    "الحقوق",
    "محفوظه",
    "صفحتنا",
    "قناتنا",
    "الاشعارات",
    "اشعارات",
    "المزيد",
    "تطبيق",
    "اشعار",
];

/// Proclitic runs tried in front of a cue (و ف ب ل and the article).
const PREFIXES: &[&str] = &["وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل"];

/// The cue lists as sets, built once: every word of every edge paragraph is looked up
/// behind each proclitic run, and a linear scan of the lists was a fifth of ingest's time.
/// FNV hashing ([`crate::gazetteer::FnvBuild`]): the keys are short fixed words, and
/// SipHash was a tenth of ingest's time. One set holds both lists for [`is_cue`].
type CueSet = HashSet<&'static str, crate::gazetteer::FnvBuild>;
static CUE_SET: LazyLock<CueSet> =
    LazyLock::new(|| CUES.iter().chain(SITE_CUES).copied().collect());
static SITE_CUE_SET: LazyLock<CueSet> = LazyLock::new(|| SITE_CUES.iter().copied().collect());
/// The longest cue with the longest proclitic run, in bytes: a longer word is no cue.
static LONGEST_CUE: LazyLock<usize> = LazyLock::new(|| {
    let cue = CUES
        .iter()
        .chain(SITE_CUES)
        .map(|c| c.len())
        .max()
        .unwrap_or(0);
    cue + PREFIXES.iter().map(|p| p.len()).max().unwrap_or(0)
});

fn in_set(word: &str, set: &CueSet) -> bool {
    if word.len() > *LONGEST_CUE {
        return false;
    }
    if set.contains(word) {
        return true;
    }
    PREFIXES.iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.chars().count() >= 2 && set.contains(rest))
    })
}

fn is_cue(word: &str) -> bool {
    in_set(word, &CUE_SET)
}

fn is_site_cue(word: &str) -> bool {
    in_set(word, &SITE_CUE_SET)
}

/// How many paragraphs from either edge of an article chrome is looked for.
pub const EDGE: usize = 3;

/// A letter or digit of a normalized key. ASCII and the Arabic block are answered
/// directly: `char::is_alphanumeric` is a table search, and asking it of every
/// character of every edge paragraph was a third of ingest's time.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06F0}'..='\u{06FC}')
    } else {
        c.is_alphanumeric()
    }
}

/// True when `paragraph`, the `from_edge`-th paragraph counted from the nearer end of
/// its article (0 = first or last), is site chrome.
///
/// The rule: within [`EDGE`] paragraphs of an edge, a paragraph of at most three words
/// with a cue (a breadcrumb, a section label), or a longer one where at least a fifth of
/// the words are cues and at least three distinct cues occur.
pub fn is_chrome(paragraph: &str, from_edge: usize) -> bool {
    if from_edge >= EDGE {
        return false;
    }
    let key = normalize_key(paragraph);
    let words: Vec<&str> = key
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let mut cues: Vec<&str> = words.iter().copied().filter(|w| is_cue(w)).collect();
    let hits = cues.len();
    cues.sort_unstable();
    cues.dedup();
    if words.len() <= 3 {
        return hits > 0;
    }
    hits * 5 >= words.len() && cues.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chrome of real pages (seeds 000–003 and ANT articles) and news sentences from the
    /// same articles, in the same positions.
    #[test]
    fn every_cue_behind_every_proclitic_is_a_cue() {
        // in_set answers no at once for a word longer than the longest cue behind the
        // longest proclitic run: that bound must not cut any real form (والالكتروني).
        for cue in CUES.iter().chain(SITE_CUES) {
            for prefix in PREFIXES.iter().chain([&""]) {
                let word = format!("{prefix}{cue}");
                assert!(is_cue(&word), "{word}");
            }
        }
        assert!(is_site_cue("بالموقع"));
        assert!(!is_cue("الموقعين"));
    }

    #[test]
    fn tells_chrome_from_news_at_the_edges() {
        let chrome = [
            // Newsletter invitation of alhurra-style pages (seed 000), both lines.
            "هل أعجبك المحتوى وتريد المزيد منه يصل إلى صندوق بريدك الإلكتروني بشكلٍ دوري؟",
            "انضم إلى قائمة من يقدّرون محتوى الحل نت واشترك بنشرتنا البريدية.",
            // Comment policy and its heading (seed 002).
            "نسعد بمشاركتك لنا بتعليقاتك. يرجى العلم بأن تعليقاتكم يتم مراجعتها طبقاً لـ قواعد التعليق على موقع الجريدة.",
            "تعليقات الموقع",
            // Breadcrumb (seed 002).
            "الرئيسية دولي",
            // Other sites' footers.
            "جميع الحقوق محفوظة",
            "تابعونا على فيسبوك وتويتر وتلغرام",
            "اقرأ أيضا",
        ];
        for p in chrome {
            assert!(is_chrome(p, 0), "should be chrome: {p}");
        }
        let news = [
            // Seed 002 headline and sub-headline.
            "الكاظمي يرفع التأهب الأمني في البلاد",
            "العراق يستنفر مجدداً للقضاء على “داعش” وتجفيف منابعه",
            // Seed 000 last news paragraph.
            "إضافة لتلك المحافظات الثلاث، سيطرَ “داعش” على أجزاء من محافظتي #ديالى و #كركوك، ثم حاربته القوات العراقية لثلاث سنوات، حتى أُعلن النصر عليه في (9 ديسمبر 2017).",
            // A short headline must not be taken for a breadcrumb.
            "هجوم في كركوك",
            // News that mentions a website once.
            "وذكر الموقع الرسمي لوزارة الدفاع أن القوات قتلت 5 إرهابيين في صلاح الدين.",
        ];
        for p in news {
            assert!(!is_chrome(p, 0), "should be news: {p}");
        }
    }

    #[test]
    fn the_middle_of_an_article_is_never_chrome() {
        assert!(!is_chrome("الرئيسية دولي", EDGE));
    }
}

/// Paragraphs learned to be boilerplate from the stream: a paragraph that recurs, word
/// for word once normalized, in at least `min_articles` different articles of the same
/// source is the site's, not the story's (an app advert, an agency credit such as
/// "فرانس24/ أ ف ب", a disclaimer, a "للمزيد:" link, a separator line, a footer in a
/// language the cue list does not cover). Nothing site-specific is written here.
///
/// A site also repeats *news*: the background paragraph it puts under every report on
/// the same story. So only paragraphs within [`EDGE`] paragraphs of either end of the
/// article are learned, and of those only the short ones (at most
/// [`LEARNED_MAX_WORDS`] words) or the ones that name the site or page itself (its
/// website, newsletter, comments, app, notifications, rights). On the ANT corpus this
/// catches BBC's app advert (154 articles), CNN's disclaimers and France 24's credit
/// line, and none of Sky News' repeated background paragraphs (`tests/boilerplate_ant.rs`).
///
/// Memory is bounded: at most `capacity` paragraph fingerprints (64-bit hashes of
/// source and normalized paragraph) and as many article fingerprints are kept; the
/// least recently seen go first.
#[derive(Debug, Clone)]
pub struct RepeatedParagraphs {
    min_articles: u32,
    capacity: usize,
    tick: u64,
    seen: HashMap<u64, Seen>,
    /// Articles already counted (source and id), so that a redelivery, however late,
    /// counts once.
    articles: HashMap<u64, u64>,
}

#[derive(Debug, Clone, Copy)]
struct Seen {
    articles: u32,
    tick: u64,
}

/// Longest paragraph (in words) that can be learned without naming the site.
pub const LEARNED_MAX_WORDS: usize = 12;

/// Articles of one source a paragraph must recur in, by default.
pub const DEFAULT_MIN_ARTICLES: u32 = 3;

/// Paragraph fingerprints kept, by default (a few megabytes).
pub const DEFAULT_CAPACITY: usize = 100_000;

fn fingerprint(parts: &[&str]) -> u64 {
    // FNV-1a: stable across runs and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// Drops the least recently seen entries of `map` once it holds more than `capacity`,
/// down to three quarters of it, in one pass (amortized: not on every insertion).
fn evict<V>(map: &mut HashMap<u64, V>, capacity: usize, tick: impl Fn(&V) -> u64) {
    if map.len() <= capacity {
        return;
    }
    let mut ticks: Vec<u64> = map.values().map(&tick).collect();
    ticks.sort_unstable();
    let cut = ticks[map.len() - capacity * 3 / 4];
    map.retain(|_, v| tick(v) >= cut);
}

impl Default for RepeatedParagraphs {
    fn default() -> Self {
        RepeatedParagraphs::new(DEFAULT_MIN_ARTICLES, DEFAULT_CAPACITY)
    }
}

impl RepeatedParagraphs {
    /// A learner that marks a paragraph once it recurs in `min_articles` articles of a
    /// source (at least 2), keeping at most `capacity` fingerprints (at least 16).
    pub fn new(min_articles: u32, capacity: usize) -> Self {
        RepeatedParagraphs {
            min_articles: min_articles.max(2),
            capacity: capacity.max(16),
            tick: 0,
            seen: HashMap::new(),
            articles: HashMap::new(),
        }
    }

    /// Records the paragraphs of one article of `source` and says, for each, whether
    /// it is learned boilerplate (this article counted). `article` identifies the
    /// article, so that a redelivery does not count twice.
    pub fn observe(&mut self, source: &str, article: &str, paragraphs: &[&str]) -> Vec<bool> {
        let n = paragraphs.len();
        self.tick += 1;
        let tick = self.tick;
        let first_time = self
            .articles
            .insert(fingerprint(&[source, article]), tick)
            .is_none();
        let mut out = Vec::with_capacity(n);
        for (i, paragraph) in paragraphs.iter().enumerate() {
            // Only the paragraphs at an article's edges are learned: the others are
            // not normalized at all.
            if i.min(n - 1 - i) >= EDGE {
                out.push(false);
                continue;
            }
            let key = normalize_key(paragraph);
            let words: Vec<&str> = key.split_whitespace().collect();
            let eligible = !words.is_empty()
                && (words.len() <= LEARNED_MAX_WORDS
                    || key.split(|c: char| !is_word_char(c)).any(is_site_cue));
            if !eligible {
                out.push(false);
                continue;
            }
            let id = fingerprint(&[source, &words.join(" ")]);
            let count = if first_time {
                let entry = self.seen.entry(id).or_insert(Seen { articles: 0, tick });
                if entry.tick != tick || entry.articles == 0 {
                    // Once per article, even if the paragraph recurs within it.
                    entry.articles = entry.articles.saturating_add(1);
                }
                entry.tick = tick;
                entry.articles
            } else {
                self.seen.get(&id).map_or(0, |s| s.articles)
            };
            out.push(count >= self.min_articles);
        }
        evict(&mut self.seen, self.capacity, |s| s.tick);
        evict(&mut self.articles, self.capacity, |&t| t);
        out
    }

    /// Paragraph fingerprints held.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

#[cfg(test)]
mod learned_tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<&str> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn a_footer_repeated_across_a_sources_articles_is_learned() {
        // Seeds 000, 001 and 003 (one site) end with the same newsletter invitation;
        // their news, including the background paragraphs they share, stays.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
        let mut learner = RepeatedParagraphs::new(3, 1000);
        let mut last = Vec::new();
        for prefix in ["000", "001", "003"] {
            let path = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
                .unwrap();
            let text = std::fs::read_to_string(path).unwrap();
            let ps = paragraphs(&text);
            let marks = learner.observe("alhurra", prefix, &ps);
            last = ps
                .iter()
                .zip(marks)
                .filter(|(_, m)| *m)
                .map(|(p, _)| p.to_string())
                .collect();
        }
        assert_eq!(
            last,
            [
                "هل أعجبك المحتوى وتريد المزيد منه يصل إلى صندوق بريدك الإلكتروني بشكلٍ دوري؟",
                "انضم إلى قائمة من يقدّرون محتوى الحل نت واشترك بنشرتنا البريدية."
            ]
        );
    }

    #[test]
    fn the_same_article_twice_counts_once_and_sources_are_apart() {
        let mut learner = RepeatedParagraphs::new(2, 1000);
        let ps = ["خبر عاجل", "شارك هذا الخبر"];
        assert_eq!(learner.observe("a", "1", &ps), [false, false]);
        assert_eq!(learner.observe("a", "1", &ps), [false, false]);
        assert_eq!(learner.observe("b", "2", &ps), [false, false]);
        assert_eq!(learner.observe("a", "3", &ps), [true, true]);
    }

    #[test]
    fn a_late_redelivery_counts_once_and_the_default_is_three() {
        let mut learner = RepeatedParagraphs::default();
        let ps = ["فرانس24/ أ ف ب"];
        // Articles 1, 2, then 1 again: still two articles.
        assert_eq!(learner.observe("france24", "1", &ps), [false]);
        assert_eq!(learner.observe("france24", "2", &ps), [false]);
        assert_eq!(learner.observe("france24", "1", &ps), [false]);
        assert_eq!(learner.observe("france24", "3", &ps), [true]);
        // Once learned, a redelivery is marked too.
        assert_eq!(learner.observe("france24", "1", &ps), [true]);
    }

    #[test]
    fn long_paragraphs_are_learned_only_when_they_name_the_site() {
        let mut learner = RepeatedParagraphs::new(2, 1000);
        // CN-middleEast (ANT): CNN's disclaimer names its website (موقع).
        let disclaimer = "ويشار إلى أن موقع CNN بالعربية لا يمكنه التأكد بشكل مستقل من الأنباء والمعلومات المتداولة على مواقع التواصل الاجتماعي";
        // SK-middleEast (ANT): a background paragraph Sky News repeats under reports
        // on the same story: news, however often it recurs.
        let background = "وتتوعد دول غربية منذ يومين بـ\"رد قوي\"، وتحدثت واشنطن عن قرار مهم في \"وقت قصير جدا\" بشأن الرد على الهجوم الكيماوي المفترض";
        for id in ["1", "2", "3"] {
            let marks = learner.observe("s", id, &[disclaimer, background]);
            assert!(!marks[1], "{id}");
        }
        assert_eq!(
            learner.observe("s", "4", &[disclaimer, background]),
            [true, false]
        );
    }

    #[test]
    fn memory_stays_bounded() {
        let mut learner = RepeatedParagraphs::new(3, 64);
        for i in 0..10_000 {
            let p = format!("سطر رقم {i}");
            learner.observe("s", &i.to_string(), &[p.as_str()]);
        }
        assert!(learner.len() <= 64 + 1);
    }
}
