//! Reading numbers written in Arabic: digits of both systems (the normalizer has
//! already folded ٠-٩ and ۰-۹ to ASCII), number words in their gender and case
//! forms, and the vague quantities ACLED codes by rule.
//!
//! Arabic number words change with gender and case: ثلاثة (masculine counted noun)
//! and ثلاث (feminine), ثلاثون (nominative) and ثلاثين (genitive/accusative). All
//! forms map to one value. Tens combine with units through و: خمسة وعشرون = 25.

/// The value of one normalized number word, and whether it is a vague quantity
/// (عشرات "dozens" = 12, مئات "hundreds" = 100, آلاف = 1000: ACLED's rules).
pub fn word_value(norm: &str) -> Option<(u64, bool)> {
    // Every word of every article is asked: one hash lookup, in a table of every number
    // word behind each proclitic reading it may carry.
    static TABLE: std::sync::OnceLock<
        std::collections::HashMap<String, (u64, bool), crate::gazetteer::FnvBuild>,
    > = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            // A number word may carry the proclitics و, ب and ل ("وعشرون", "بعشرات
            // الهجمات", "الإخفاء القسري لعشرات من الرجال"). The readings are tried in
            // this order: a spelling that two readings give keeps the first one's value.
            let mut table = std::collections::HashMap::default();
            for prefix in ["", "و", "ب", "وب", "ل"] {
                for &(w, v, vague) in NUMBER_WORDS {
                    table.entry(format!("{prefix}{w}")).or_insert((v, vague));
                }
            }
            // لست is the verb ليس "(I) am not", never ل + ست: «أنا لست مقاتلا» (FR-513,
            // blind-11) says who is not a fighter, it does not count six of them.
            table.remove("لست");
            table
        })
        .get(norm)
        .copied()
}

/// Number words by normalized form (alef folded, ة → ه, ى → ي, no tashkeel): value,
/// and whether the quantity is vague. أحد alone is "anyone" (لم يُقتل أحد), not the
/// number one, so it is not here.
const NUMBER_WORDS: &[(&str, u64, bool)] = &[
    ("واحد", 1, false),
    ("واحده", 1, false),
    ("اثنان", 2, false),
    ("اثنين", 2, false),
    ("اثنتان", 2, false),
    ("اثنتين", 2, false),
    ("ثلاث", 3, false),
    ("ثلاثه", 3, false),
    ("اربع", 4, false),
    ("اربعه", 4, false),
    ("خمس", 5, false),
    ("خمسه", 5, false),
    ("ست", 6, false),
    ("سته", 6, false),
    ("سبع", 7, false),
    ("سبعه", 7, false),
    ("ثمان", 8, false),
    ("ثماني", 8, false),
    ("ثمانيه", 8, false),
    ("تسع", 9, false),
    ("تسعه", 9, false),
    ("عشر", 10, false),
    ("عشره", 10, false),
    ("عشرون", 20, false),
    ("عشرين", 20, false),
    ("ثلاثون", 30, false),
    ("ثلاثين", 30, false),
    ("اربعون", 40, false),
    ("اربعين", 40, false),
    ("خمسون", 50, false),
    ("خمسين", 50, false),
    ("ستون", 60, false),
    ("ستين", 60, false),
    ("سبعون", 70, false),
    ("سبعين", 70, false),
    ("ثمانون", 80, false),
    ("ثمانين", 80, false),
    ("تسعون", 90, false),
    ("تسعين", 90, false),
    ("ميه", 100, false),
    ("مايه", 100, false),
    ("ميتان", 200, false),
    ("ميتين", 200, false),
    ("مايتان", 200, false),
    ("مايتين", 200, false),
    ("الف", 1000, false),
    ("الفان", 2000, false),
    ("الفين", 2000, false),
    // The construct dual, bare and definite: «من الألفي جندي الذين تنشرهم» (SK-155).
    ("الفي", 2000, false),
    ("الالفي", 2000, false),
    ("مليون", 1_000_000, false),
    // ACLED's rules for vague quantities: "dozens" 12, "hundreds" 100, "thousands" 1000.
    ("عشرات", 12, true),
    ("العشرات", 12, true),
    ("ميات", 100, true),
    ("الميات", 100, true),
    ("الاف", 1000, true),
];

/// A digit string with optional thousands separators (2,500 / 2.500 is read as a
/// thousands group only when the group has three digits).
pub fn digits_value(token: &str) -> Option<u64> {
    // Every word of every article is asked: most are no figure, and most figures have
    // no separator; neither needs a copy of the word.
    if !token
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '٬')
    {
        return None;
    }
    if token.bytes().all(|b| b.is_ascii_digit()) {
        return if token.is_empty() {
            None
        } else {
            token.parse().ok()
        };
    }
    let cleaned: String = token.chars().filter(|c| *c != ',' && *c != '٬').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    cleaned.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_key;

    #[test]
    fn digits_are_read_as_the_copy_without_separators_reads_them() {
        // The fast paths answer as stripping the separators and parsing did: «2,500
        // عسكري», «18 شخصاً», a figure too long for u64, words and mixed tokens.
        let slow = |token: &str| -> Option<u64> {
            let cleaned: String = token.chars().filter(|c| *c != ',' && *c != '٬').collect();
            if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            cleaned.parse().ok()
        };
        for token in [
            "",
            "18",
            "2,500",
            "2٬500",
            ",",
            "٬",
            ",,",
            "12a",
            "a12",
            "١٨",
            "شخصا",
            "99999999999999999999",
            "1,2,3",
            "007",
            "-5",
            "+5",
            " 5",
        ] {
            assert_eq!(digits_value(token), slow(token), "{token:?}");
        }
        assert_eq!(digits_value("2,500"), Some(2500));
        assert_eq!(digits_value("18"), Some(18));
    }

    #[test]
    fn gender_and_case_forms_share_a_value() {
        // ثلاثة with a masculine noun, ثلاث with a feminine one; ثلاثين in the
        // accusative (نحو ثلاثين هجوماً, seed 002) and ثلاثون in the nominative.
        for (word, value) in [
            ("ثلاثة", 3),
            ("ثلاث", 3),
            ("ثلاثين", 30),
            ("ثلاثون", 30),
            ("تسعة", 9),
            ("وتسعة", 9),
            ("عشرة", 10),
            ("مائة", 100),
        ] {
            assert_eq!(
                word_value(&normalize_key(word)),
                Some((value, false)),
                "{word}"
            );
        }
    }

    #[test]
    fn vague_quantities_follow_acled() {
        // عشرات الهجمات (seed 002): "dozens" is coded 12, approximate.
        assert_eq!(word_value(&normalize_key("عشرات")), Some((12, true)));
        assert_eq!(word_value(&normalize_key("مئات")), Some((100, true)));
    }

    #[test]
    fn digits_with_separators() {
        assert_eq!(digits_value("2500"), Some(2500));
        assert_eq!(digits_value("2,500"), Some(2500));
        assert_eq!(digits_value("x1"), None);
    }

    #[test]
    fn laysa_lastu_is_a_verb_not_six() {
        // FR-513 (blind-11): «وقال جدعون أمام القاضي حينها "أنا لست مقاتلا"» — "I am not
        // a fighter"; the ل is the verb's first letter, not a proclitic on ست "six".
        assert_eq!(word_value(&normalize_key("لست")), None);
        assert_eq!(word_value(&normalize_key("ست")), Some((6, false)));
    }
}
