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
    // A number word may carry the proclitics و and ب ("وعشرون", "بعشرات الهجمات").
    ["", "و", "ب", "وب"]
        .iter()
        .filter_map(|p| norm.strip_prefix(p))
        .find_map(word_value_exact)
}

fn word_value_exact(word: &str) -> Option<(u64, bool)> {
    // Keys are normalized forms: alef folded, ة → ه, ى → ي, no tashkeel.
    let value = match word {
        // أحد alone is "anyone" (لم يُقتل أحد), not the number one.
        "واحد" | "واحده" => 1,
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" => 2,
        "ثلاث" | "ثلاثه" => 3,
        "اربع" | "اربعه" => 4,
        "خمس" | "خمسه" => 5,
        "ست" | "سته" => 6,
        "سبع" | "سبعه" => 7,
        "ثمان" | "ثماني" | "ثمانيه" => 8,
        "تسع" | "تسعه" => 9,
        "عشر" | "عشره" => 10,
        "عشرون" | "عشرين" => 20,
        "ثلاثون" | "ثلاثين" => 30,
        "اربعون" | "اربعين" => 40,
        "خمسون" | "خمسين" => 50,
        "ستون" | "ستين" => 60,
        "سبعون" | "سبعين" => 70,
        "ثمانون" | "ثمانين" => 80,
        "تسعون" | "تسعين" => 90,
        "ميه" | "مايه" => 100,
        "ميتان" | "ميتين" | "مايتان" | "مايتين" => 200,
        "الف" => 1000,
        "الفان" | "الفين" => 2000,
        "مليون" => 1_000_000,
        "عشرات" => return Some((12, true)),
        "ميات" => return Some((100, true)),
        "الاف" => return Some((1000, true)),
        "العشرات" => return Some((12, true)),
        "الميات" => return Some((100, true)),
        _ => return None,
    };
    Some((value, false))
}

/// A digit string with optional thousands separators (2,500 / 2.500 is read as a
/// thousands group only when the group has three digits).
pub fn digits_value(token: &str) -> Option<u64> {
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
}
