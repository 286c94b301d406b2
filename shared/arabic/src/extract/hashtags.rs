//! Hashtags: `#` followed by letters, digits, marks and `_`, as written
//! (#مصطفى_الكاظمي → مصطفى_الكاظمي), each once, in order of first appearance.

use super::is_mark;

pub fn extract(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '#' {
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() || d == '_' || is_mark(d) {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let tag = text[start..end].trim_matches('_');
        if tag.chars().any(char::is_alphabetic) && !out.iter().any(|t| t == tag) {
            out.push(tag.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashtags_from_seed_000() {
        let text = "أكّد رئيس الوزراء العراقي #مصطفى_الكاظمي أنه … #عمليات_سامراء بصلاح الدين، #داعش. #مصطفى_الكاظمي";
        assert_eq!(
            super::extract(text),
            vec!["مصطفى_الكاظمي", "عمليات_سامراء", "داعش"]
        );
        assert!(super::extract("# 2020 #").is_empty());
    }
}
