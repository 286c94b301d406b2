//! Paragraphs and sentences, as character spans of the original text.
//!
//! - A paragraph is a line (news text puts one paragraph per line, with or without blank
//!   lines between), without its surrounding whitespace.
//! - A sentence ends at `.`, `!`, `?` or `؟` (a run of them counts once), together with
//!   the closing quotes and brackets right after it (`«…».` / `(… 2017).`), except:
//!   - inside a quotation: a quote «…» or “…” that holds several sentences is one
//!     sentence with its attribution, until the paragraph ends;
//!   - a decimal point between digits (3.5);
//!   - after an abbreviation of one letter: د. (doctor), م. (engineer / AD), ق.م, and
//!     the initials of news agencies such as ا.ف.ب and أ.ش.أ;
//!   - ellipses `..`, `...` and `…`, which Arabic headlines and news use as a pause
//!     ("خلال 2021.. رئيس الحكومة العراقية يكشف").

/// A character span `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// The paragraphs of `text`.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line_start = 0;
    for i in 0..=chars.len() {
        if i == chars.len() || chars[i] == '\n' {
            if let Some(span) = trim(&chars, line_start, i) {
                out.push(span);
            }
            line_start = i + 1;
        }
    }
    out
}

fn trim(chars: &[char], mut start: usize, mut end: usize) -> Option<Span> {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    (start < end).then_some(Span { start, end })
}

fn opens(c: char) -> bool {
    matches!(c, '«' | '“' | '‹')
}

fn closes(c: char) -> bool {
    matches!(c, '»' | '”' | '›')
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// The sentences of `text`, within its paragraphs.
pub fn sentences(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for paragraph in paragraphs(text) {
        let mut start = paragraph.start;
        let mut depth = 0usize;
        let mut i = paragraph.start;
        while i < paragraph.end {
            let c = chars[i];
            if opens(c) {
                depth += 1;
            } else if closes(c) {
                depth = depth.saturating_sub(1);
            }
            let terminal = matches!(c, '.' | '!' | '?' | '؟');
            if !terminal || depth > 0 {
                i += 1;
                continue;
            }
            if c == '.' {
                let prev = i.checked_sub(1).map(|p| chars[p]);
                let next = chars.get(i + 1).copied();
                // Ellipsis: two dots or more.
                if next == Some('.') || prev == Some('.') {
                    while i < paragraph.end && chars[i] == '.' {
                        i += 1;
                    }
                    continue;
                }
                // Decimal point.
                if prev.is_some_and(|p| p.is_numeric()) && next.is_some_and(|n| n.is_numeric()) {
                    i += 1;
                    continue;
                }
                // One-letter abbreviation: the word before the dot is a single letter.
                let single = prev.is_some_and(is_letter) && (i < 2 || !is_letter(chars[i - 2]));
                if single {
                    i += 1;
                    continue;
                }
            }
            // The sentence ends after the run of terminators and closing marks.
            let mut end = i + 1;
            while end < paragraph.end
                && (matches!(chars[end], '.' | '!' | '?' | '؟' | ')' | ']') || closes(chars[end]))
            {
                end += 1;
            }
            if let Some(span) = trim(&chars, start, end) {
                out.push(span);
            }
            start = end;
            i = end;
        }
        if let Some(span) = trim(&chars, start, paragraph.end) {
            out.push(span);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, spans: Vec<Span>) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        spans
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn paragraphs_are_lines_without_blank_ones() {
        // Seed 002 has blank lines and lines of spaces between paragraphs.
        let text = "العراق يستنفر مجدداً\n\n \nالرئيسية دولي\n";
        assert_eq!(
            texts(text, paragraphs(text)),
            ["العراق يستنفر مجدداً", "الرئيسية دولي"]
        );
    }

    #[test]
    fn sentences_end_at_arabic_and_latin_terminators() {
        // Seed 000's question mark is the Arabic ؟.
        let text = "هل أعجبك المحتوى؟ انضم إلى قائمتنا. ثم ماذا!";
        assert_eq!(
            texts(text, sentences(text)),
            ["هل أعجبك المحتوى؟", "انضم إلى قائمتنا.", "ثم ماذا!"]
        );
    }

    #[test]
    fn a_quotation_of_several_sentences_stays_whole() {
        // Seed 003: the quote holds two sentences; the attribution follows it.
        let text = "وتحدث الخفاجي أن «التنظيم فشل. القوات مستعدة». وأضاف أن العمليات مستمرة.";
        assert_eq!(
            texts(text, sentences(text)),
            [
                "وتحدث الخفاجي أن «التنظيم فشل. القوات مستعدة».",
                "وأضاف أن العمليات مستمرة."
            ]
        );
    }

    #[test]
    fn decimals_abbreviations_and_ellipses_do_not_end_sentences() {
        // Seed 002 ends a paragraph with the agency initials "ا.ف.ب + وكالات".
        let text = "منتشرين في العراق. ا.ف.ب + وكالات";
        assert_eq!(
            texts(text, sentences(text)),
            ["منتشرين في العراق.", "ا.ف.ب + وكالات"]
        );
        // Seed 004's headline pauses on "..".
        let text = "خلال 2021.. رئيس الحكومة العراقية يكشف الدور الأمنى ضد «داعش»";
        assert_eq!(texts(text, sentences(text)).len(), 1);
        let text = "ارتفعت النسبة إلى 3.5 بالمئة. وقال د. أحمد إن الوضع مستقر.";
        assert_eq!(
            texts(text, sentences(text)),
            [
                "ارتفعت النسبة إلى 3.5 بالمئة.",
                "وقال د. أحمد إن الوضع مستقر."
            ]
        );
    }

    #[test]
    fn closing_marks_belong_to_the_sentence() {
        // Seed 000: "حتى أُعلن النصر عليه في (9 ديسمبر 2017)."
        let text = "حتى أُعلن النصر عليه في (9 ديسمبر 2017). رغم هزيمته عاد.";
        assert_eq!(
            texts(text, sentences(text)),
            ["حتى أُعلن النصر عليه في (9 ديسمبر 2017).", "رغم هزيمته عاد."]
        );
    }

    proptest::proptest! {
        #[test]
        fn sentences_are_ordered_non_empty_and_inside_paragraphs(text in "[\u{0600}-\u{06FF} .!?؟«»“”\n0-9a-z]{0,120}") {
            let n = text.chars().count();
            let paragraphs = paragraphs(&text);
            let mut last = 0;
            for s in sentences(&text) {
                proptest::prop_assert!(s.start >= last && s.start < s.end && s.end <= n);
                proptest::prop_assert!(paragraphs.iter().any(|p| p.start <= s.start && s.end <= p.end));
                last = s.end;
            }
        }
    }
}
