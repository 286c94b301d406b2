//! Main text out of an HTML article (`content_type: text/html`).
//!
//! A small, forgiving scanner rather than a full HTML parser: news pages are often
//! malformed, and all ingest needs is the readable text in paragraph order. Content of
//! `script`, `style`, `noscript`, `template`, `nav`, `header`, `footer`, `aside`, `form`
//! and `iframe` is dropped (site chrome, and never text to trust); block elements end a
//! paragraph; entities are decoded. Never panics, linear in the input.

/// What came out of the page.
#[derive(Debug, Default, PartialEq)]
pub struct HtmlText {
    pub title: Option<String>,
    pub text: String,
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "article",
    "section",
    "blockquote",
    "ul",
    "ol",
    "table",
    "hr",
    "main",
    "figure",
    "figcaption",
    "pre",
];

pub fn to_text(html: &str) -> HtmlText {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = match rest.find("-->") {
                Some(end) => &rest[end + 3..],
                None => "",
            };
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // An unclosed tag: the rest is not text.
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if !closing && (SKIPPED.contains(&name.as_str()) || name == "title") {
            // Skip to the matching close tag (case-insensitive).
            let close = format!("</{name}");
            let end = find_ignoring_case(rest, &close).unwrap_or(rest.len());
            if name == "title" && title.is_none() {
                let mut t = String::new();
                push_text(&mut t, &rest[..end]);
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    title = Some(t);
                }
            }
            rest = &rest[end..];
            if let Some(gt) = rest.find('>') {
                rest = &rest[gt + 1..];
            }
            continue;
        }
        if BLOCKS.contains(&name.as_str()) && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    push_text(&mut out, rest);
    let text = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    HtmlText { title, text }
}

/// Where `needle` (ASCII) starts in `haystack`, ignoring ASCII case. Searched in
/// place: lower-casing the rest of the page for every skipped element made a page of
/// many `<script>` elements quadratic.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let first = needle.first()?;
    let mut from = 0;
    while let Some(at) = hay[from..].iter().position(|b| b == first) {
        let at = from + at;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Appends text with entities decoded; whitespace inside text is not a line break.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        push_spaces(out, &rest[..amp]);
        rest = &rest[amp..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        match end.and_then(|end| decode_entity(&rest[1..end]).map(|c| (c, end))) {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_spaces(out, rest);
}

fn push_spaces(out: &mut String, text: &str) {
    for c in text.chars() {
        out.push(if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        });
    }
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "rlm" => '\u{200F}',
        "lrm" => '\u{200E}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_chrome_go_blocks_become_paragraphs() {
        let page = r#"<html><head><title>العراق &amp; داعش</title><script>alert(1)</script></head>
<body><nav>الرئيسية | دولي</nav><article><p>قال المتحدث باسم العمليات المشتركة&nbsp;إن الهجوم فشل.</p>
<p>وأضاف: &laquo;القوات مستعدة&raquo;</p></article><footer>جميع الحقوق محفوظة</footer></body></html>"#;
        let out = to_text(page);
        assert_eq!(out.title.as_deref(), Some("العراق & داعش"));
        assert_eq!(
            out.text,
            "قال المتحدث باسم العمليات المشتركة إن الهجوم فشل.\nوأضاف: «القوات مستعدة»"
        );
    }

    #[test]
    fn malformed_markup_never_panics() {
        for page in [
            "<",
            "<p",
            "&#xFFFFFFFF;",
            "&#0;",
            "<script>",
            "<!-- x",
            "a<b>c&",
            "<ÿ>",
        ] {
            let _ = to_text(page);
        }
        assert_eq!(to_text("a &bogus; b").text, "a &bogus; b");
    }

    #[test]
    fn closing_tags_are_found_in_any_case() {
        let out = to_text("<p>قبل</p><ScRiPt>evil()</sCrIpT ><p>بعد</p>");
        assert_eq!(out.text, "قبل\nبعد");
        assert_eq!(find_ignoring_case("abc</SCRIPT>", "</script"), Some(3));
        assert_eq!(find_ignoring_case("</scrip", "</script"), None);
    }
}
