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
