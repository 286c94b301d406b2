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
    // The page and the site.
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
    "المحتوي",
    "محتوي",
    "الصفحه",
    "صفحتنا",
    "قناتنا",
    "الاشعارات",
    "اشعارات",
    "فيسبوك",
    "تويتر",
    "واتساب",
    "واتس",
    "تلغرام",
    "تيليغرام",
    "يوتيوب",
    "انستغرام",
    "انستجرام",
    "المزيد",
    "ايضا",
    "ذات",
    "صله",
    "قواعد",
    "مراجعتها",
    "نسعد",
    "الجريده",
];

/// Proclitic runs tried in front of a cue (و ف ب ل and the article).
const PREFIXES: &[&str] = &["وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل"];

fn is_cue(word: &str) -> bool {
    if CUES.contains(&word) {
        return true;
    }
    PREFIXES.iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.chars().count() >= 2 && CUES.contains(&rest))
    })
}

/// How many paragraphs from either edge of an article chrome is looked for.
pub const EDGE: usize = 3;

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
        .split(|c: char| !c.is_alphanumeric())
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
/// source is the site's, not the story's (a byline, a "read more" line, a share bar, a
/// footer in a language the cue list does not cover).
///
/// To keep recurring *news* (a background paragraph a site repeats under every report
/// on the same story) only paragraphs near an edge that are short (at most
/// [`LEARNED_MAX_WORDS`] words) or carry a chrome cue are learned. Memory is bounded:
/// at most `capacity` fingerprints are kept, the least recently seen go first.
#[derive(Debug, Clone)]
pub struct RepeatedParagraphs {
    min_articles: u32,
    capacity: usize,
    tick: u64,
    seen: std::collections::HashMap<u64, Seen>,
}

#[derive(Debug, Clone, Copy)]
struct Seen {
    articles: u32,
    last_article: u64,
    tick: u64,
}

/// Longest paragraph (in words) that can be learned without a chrome cue.
pub const LEARNED_MAX_WORDS: usize = 12;

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

impl RepeatedParagraphs {
    pub fn new(min_articles: u32, capacity: usize) -> Self {
        RepeatedParagraphs {
            min_articles: min_articles.max(2),
            capacity: capacity.max(16),
            tick: 0,
            seen: std::collections::HashMap::new(),
        }
    }

    /// Records the paragraphs of one article of `source` and says, for each, whether
    /// it is learned boilerplate (this article counted). `article` identifies the
    /// article, so that a redelivery does not count twice.
    pub fn observe(&mut self, source: &str, article: &str, paragraphs: &[&str]) -> Vec<bool> {
        let n = paragraphs.len();
        let article_key = fingerprint(&[article]);
        let mut out = Vec::with_capacity(n);
        for (i, paragraph) in paragraphs.iter().enumerate() {
            let from_edge = i.min(n - 1 - i);
            let key = normalize_key(paragraph);
            let words = key.split_whitespace().count();
            let eligible = from_edge < EDGE
                && words > 0
                && (words <= LEARNED_MAX_WORDS
                    || key.split(|c: char| !c.is_alphanumeric()).any(is_cue));
            if !eligible {
                out.push(false);
                continue;
            }
            let normalized = key.split_whitespace().collect::<Vec<_>>().join(" ");
            self.tick += 1;
            let tick = self.tick;
            let entry = self
                .seen
                .entry(fingerprint(&[source, &normalized]))
                .or_insert(Seen {
                    articles: 0,
                    last_article: 0,
                    tick,
                });
            if entry.articles == 0 || entry.last_article != article_key {
                entry.articles = entry.articles.saturating_add(1);
                entry.last_article = article_key;
            }
            entry.tick = tick;
            out.push(entry.articles >= self.min_articles);
        }
        if self.seen.len() > self.capacity {
            // Drop the least recently seen half beyond capacity in one pass.
            let mut ticks: Vec<u64> = self.seen.values().map(|s| s.tick).collect();
            ticks.sort_unstable();
            let cut = ticks[self.seen.len() - self.capacity * 3 / 4];
            self.seen.retain(|_, s| s.tick >= cut);
        }
        out
    }

    /// Fingerprints held.
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
    fn memory_stays_bounded() {
        let mut learner = RepeatedParagraphs::new(3, 64);
        for i in 0..10_000 {
            let p = format!("سطر رقم {i}");
            learner.observe("s", &i.to_string(), &[p.as_str()]);
        }
        assert!(learner.len() <= 64 + 1);
    }
}
