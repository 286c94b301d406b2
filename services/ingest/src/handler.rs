//! The ingest handler: one raw message in, one [`IngestedArticle`] or one typed
//! rejection out. Synchronous and pure, so the offline `marsad enrich` runs exactly
//! this code.

use marsad_arabic::boilerplate::{self, RepeatedParagraphs};
use marsad_arabic::normalize;
use marsad_messages::{
    headers, IngestedArticle, RawArticle, RejectReason, Rejection, Subjects, Timings,
    INGESTED_SCHEMA,
};
use marsad_runtime::pipeline::{Claim, Handler, HandlerError, Incoming, Outcome, Output};
use prometheus::IntCounter;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::html;
use crate::neardup::{self, Signature};

/// The `[ingest]` settings section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestConfig {
    /// Largest accepted payload in bytes. The default stays below NATS's 1 MB
    /// message limit so that a rejection can still carry the start of the payload.
    pub max_body_bytes: usize,
    /// Bytes of an original payload kept in a rejection.
    pub rejection_keep_bytes: usize,
    /// Share of letters that must be Arabic for an article to be accepted.
    pub min_arabic_ratio: f64,
    /// Longest accepted client id.
    pub max_id_len: usize,
    /// A short paragraph near an article's edge that recurs in this many articles of
    /// one source is learned as boilerplate and removed (0: do not learn).
    pub learn_boilerplate_after: u32,
    /// Paragraph fingerprints the learner keeps (bounded memory).
    pub learn_boilerplate_capacity: usize,
    /// Estimated Jaccard similarity of 4-word shingles at or above which an article is a
    /// near-duplicate of an earlier one (`duplicate_of`; 0 turns the search off).
    pub near_duplicate_threshold: f64,
    /// Articles shorter than this (in words) are not compared.
    pub near_duplicate_min_words: usize,
    /// How long an article's bands count: copies further apart are not found
    /// (bounded storage).
    pub near_duplicate_ttl_hours: u64,
    /// How many articles' bands count (each ingest replica holds them, and an eighth
    /// more, in memory: about 1 KB each, `services/cli/examples/claims_memory.rs`): a
    /// copy more than this many articles after the first is not found.
    pub near_duplicate_max_claims: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_body_bytes: 786_432,
            rejection_keep_bytes: 262_144,
            min_arabic_ratio: 0.3,
            max_id_len: 128,
            learn_boilerplate_after: 3,
            learn_boilerplate_capacity: 100_000,
            near_duplicate_threshold: 0.8,
            near_duplicate_min_words: 40,
            near_duplicate_ttl_hours: 168,
            near_duplicate_max_claims: 100_000,
        }
    }
}

/// Why an input was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub reason: RejectReason,
    pub message: String,
}

fn refuse(reason: RejectReason, message: impl Into<String>) -> Refusal {
    Refusal {
        reason,
        message: message.into(),
    }
}

/// Metadata that arrives in headers with a plain-text payload.
#[derive(Debug, Default, Clone)]
pub struct HeaderMeta {
    pub id: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published_at: Option<String>,
    pub content_type: Option<String>,
}

/// Validates and cleans one payload.
pub fn ingest(
    config: &IngestConfig,
    payload: &[u8],
    meta: &HeaderMeta,
    received_at: &str,
) -> Result<IngestedArticle, Refusal> {
    if payload.len() > config.max_body_bytes {
        return Err(refuse(
            RejectReason::TooLarge,
            format!(
                "payload is {} bytes; the limit is {} (ingest.max_body_bytes)",
                payload.len(),
                config.max_body_bytes
            ),
        ));
    }
    let text = std::str::from_utf8(payload).map_err(|e| {
        refuse(
            RejectReason::InvalidUtf8,
            format!("payload is not valid UTF-8: {e}"),
        )
    })?;
    // A byte-order mark is an encoding signature, not text: a JSON object behind one
    // is still JSON.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let looks_json = meta
        .content_type
        .as_deref()
        .is_some_and(|c| c.contains("json"))
        || text.trim_start().starts_with('{');
    // A JSON array is a batch, not an article ("[عاجل] …", a common opening of news
    // text, is not JSON and stays text).
    if text.trim_start().starts_with('[')
        && serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.is_array())
    {
        return Err(refuse(
            RejectReason::Schema,
            "a JSON array is not an article: publish one article (an object) per message",
        ));
    }
    let raw = if looks_json {
        parse_json(text)?
    } else {
        RawArticle {
            id: meta.id.clone(),
            url: meta.url.clone(),
            source: meta.source.clone(),
            title: meta.title.clone(),
            body: text.to_string(),
            content_type: meta.content_type.clone(),
            published_at: meta.published_at.clone(),
            language: None,
            metadata: None,
        }
    };
    accept(config, raw, received_at)
}

fn parse_json(text: &str) -> Result<RawArticle, Refusal> {
    serde_json::from_str::<RawArticle>(text).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Data => refuse(
                RejectReason::Schema,
                format!("JSON does not match the raw article schema: {e}"),
            ),
            _ => refuse(RejectReason::InvalidJson, format!("invalid JSON: {e}")),
        }
    })
}

/// Turns a parsed raw article into an ingested one.
pub fn accept(
    config: &IngestConfig,
    raw: RawArticle,
    received_at: &str,
) -> Result<IngestedArticle, Refusal> {
    if raw.body.len() > config.max_body_bytes {
        return Err(refuse(
            RejectReason::TooLarge,
            format!(
                "body is {} bytes; the limit is {}",
                raw.body.len(),
                config.max_body_bytes
            ),
        ));
    }
    let is_html = raw
        .content_type
        .as_deref()
        .is_some_and(|c| c.to_ascii_lowercase().contains("html"));
    let (body, html_title) = if is_html {
        let page = html::to_text(&raw.body);
        (page.text, page.title)
    } else if let Some(other) = raw
        .content_type
        .as_deref()
        .filter(|c| !c.to_ascii_lowercase().starts_with("text/plain"))
    {
        return Err(refuse(
            RejectReason::Schema,
            format!("content_type {other:?} is not supported (text/plain or text/html)"),
        ));
    } else {
        (raw.body, None)
    };

    let paragraphs = clean_paragraphs(&body);
    if paragraphs.is_empty() {
        return Err(refuse(RejectReason::EmptyBody, "the body has no text"));
    }
    if let Some(language) = raw.language.as_deref() {
        if !language.eq_ignore_ascii_case("ar") && !language.to_ascii_lowercase().starts_with("ar-")
        {
            return Err(refuse(
                RejectReason::NotArabic,
                format!("language is {language:?}; Marsad reads Arabic (\"ar\")"),
            ));
        }
    }
    if let Some(language) = other_arabic_script_language(&paragraphs) {
        return Err(refuse(
            RejectReason::NotArabic,
            format!("the text is in Arabic script but reads as {language}, not Arabic"),
        ));
    }
    let ratio = arabic_ratio(&paragraphs);
    if ratio < config.min_arabic_ratio {
        return Err(refuse(
            RejectReason::NotArabic,
            format!(
                "only {:.0}% of the letters are Arabic (ingest.min_arabic_ratio is {:.0}%)",
                ratio * 100.0,
                config.min_arabic_ratio * 100.0
            ),
        ));
    }

    // Boilerplate first (a breadcrumb above the headline is chrome, not a title).
    let n = paragraphs.len();
    let mut kept = Vec::with_capacity(n);
    let mut removed = Vec::new();
    for (i, paragraph) in paragraphs.into_iter().enumerate() {
        let from_edge = i.min(n - 1 - i);
        if boilerplate::is_chrome(&paragraph, from_edge) {
            removed.push(paragraph);
        } else {
            kept.push(paragraph);
        }
    }
    let mut title = raw
        .title
        .map(|t| clean_line(&t))
        .filter(|t| !t.is_empty())
        // The page's <title> is cleaned like every line (found by the decode fuzz
        // target: a NUL in a <title> reached the article's title).
        .or(html_title.map(|t| clean_line(&t)).filter(|t| !t.is_empty()));
    if title.is_none() && kept.len() > 1 && is_headline(&kept[0]) {
        title = Some(kept.remove(0));
    }
    if kept.is_empty() {
        return Err(refuse(
            RejectReason::EmptyBody,
            "nothing is left once site boilerplate is removed",
        ));
    }
    let text = kept.join("\n\n");

    let published_at = match raw.published_at.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(parse_timestamp(value).ok_or_else(|| {
            refuse(
                RejectReason::Schema,
                format!(
                    "published_at {value:?} is not a date (RFC 3339, e.g. 2021-06-12T09:00:00Z)"
                ),
            )
        })?),
    };
    let id = article_id(
        config,
        raw.id.as_deref(),
        raw.source.as_deref(),
        raw.url.as_deref(),
        &text,
    )?;
    Ok(IngestedArticle {
        schema: INGESTED_SCHEMA.to_string(),
        id,
        source: raw.source.map(|s| clean_line(&s)).filter(|s| !s.is_empty()),
        url: raw
            .url
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        title,
        text,
        published_at,
        received_at: received_at.to_string(),
        language: "ar".to_string(),
        duplicate_of: None,
        metadata: raw.metadata,
        removed,
        timings_us: Timings::default(),
    })
}

/// The stable id: the client's id when given, else a hash of source + url, else a
/// hash of the normalized body (so the same text published twice is one article,
/// whatever its diacritics, tatweel or digit system).
pub fn article_id(
    config: &IngestConfig,
    client_id: Option<&str>,
    source: Option<&str>,
    url: Option<&str>,
    text: &str,
) -> Result<String, Refusal> {
    if let Some(id) = client_id.map(str::trim).filter(|id| !id.is_empty()) {
        let valid = id.len() <= config.max_id_len
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
        if !valid {
            return Err(refuse(
                RejectReason::Schema,
                format!(
                    "id must be 1..={} characters of A-Z a-z 0-9 - _ . :",
                    config.max_id_len
                ),
            ));
        }
        return Ok(id.to_string());
    }
    let key = match url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => format!("url\n{}\n{}", source.unwrap_or("").trim(), url),
        None => {
            let normalized = normalize::normalize_key(text);
            format!(
                "body\n{}",
                normalized.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        }
    };
    Ok(short_hash(&key))
}

/// 16 hex digits of SHA-256: 64 bits, collision-free in practice for news volumes.
pub fn short_hash(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Lines → paragraphs: control characters removed, whitespace trimmed, empty lines
/// dropped. News text puts one paragraph per line, with or without blank lines between.
fn clean_paragraphs(body: &str) -> Vec<String> {
    body.lines()
        .map(clean_line)
        .filter(|line| line.chars().any(|c| !c.is_whitespace() && !is_invisible(c)))
        .collect()
}

/// Format characters that show nothing on their own: zero-width space, joiners and
/// direction marks, word joiner and invisible operators, the Arabic letter mark, the
/// soft hyphen. A line of nothing else has no text.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{061C}' | '\u{00AD}' | '\u{180E}')
}

/// One line with what no reader should receive removed: C0/C1 controls (NUL among
/// them), the byte-order mark, and the bidi embedding/override/isolate controls
/// (U+202A–U+202E, U+2066–U+2069), which can make a line display as something other
/// than what it says. The marks U+200E/U+200F are kept: Arabic typesetting uses them.
pub fn clean_line(line: &str) -> String {
    // Most lines have nothing to remove: copied once, not rebuilt character by character,
    // and told so from their bytes, without decoding.
    if !line.bytes().any(may_start_removed) || !line.chars().any(is_removed) {
        return line.trim().to_string();
    }
    let cleaned: String = line.chars().filter(|&c| !is_removed(c)).collect();
    cleaned.trim().to_string()
}

/// What [`clean_line`] removes.
fn is_removed(c: char) -> bool {
    c.is_control() && c != '\t'
        || c == '\u{FEFF}'
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Whether a byte can start the UTF-8 of a character [`is_removed`] answers yes for:
/// C0 controls and DEL themselves, C2 (C1 controls), E2 (the bidi controls), EF (BOM).
fn may_start_removed(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || matches!(b, 0x7F | 0xC2 | 0xE2 | 0xEF)
}

fn arabic_ratio(paragraphs: &[String]) -> f64 {
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in paragraphs.iter().flat_map(|p| p.chars()) {
        // Arabic letters and ASCII first: `char::is_alphabetic` is a table search that
        // took half of ingest's time when asked of every character.
        if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06FA}'..='\u{06FC}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFB}' | '\u{FE70}'..='\u{FEFC}')
        {
            arabic += 1;
            letters += 1;
        } else if c.is_ascii() {
            letters += usize::from(c.is_ascii_alphabetic());
        } else if !matches!(c, '\u{0600}'..='\u{06FF}' | '\u{00A0}' | '\u{00AB}' | '\u{00BB}' | '\u{2000}'..='\u{206F}')
            && c.is_alphabetic()
        {
            letters += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        arabic as f64 / letters as f64
    }
}

/// Persian, Urdu and Kurdish are written in Arabic script, and would pass the share
/// of Arabic letters. They write yeh and kaf as ی and ک (U+06CC, U+06A9) where Arabic
/// writes ي and ك, and have letters Arabic lacks (پ ژ ے ە ۆ ێ ڕ ٹ …); Arabic has ي ك ة ى,
/// which they do not use. A text whose letters of the first kind outnumber those of the
/// second, and are at least 5% of its Arabic-script letters, is not Arabic. چ and گ
/// count for neither: Iraqi Arabic writes them in names and dialect (چمچمال، گرميان).
/// Checked on Arabic news: none of the 7,628 articles of the ANT corpus
/// (`../shared/data/corpus`), the 200 of the aggregate fixture or the gold files is
/// refused by it.
fn other_arabic_script_language(paragraphs: &[String]) -> Option<&'static str> {
    let (mut foreign, mut arabic_only, mut script, mut kurdish, mut urdu) = (0, 0, 0, 0, 0);
    for c in paragraphs.iter().flat_map(|p| p.chars()) {
        match c {
            '\u{064A}' | '\u{0643}' | '\u{0629}' | '\u{0649}' => arabic_only += 1,
            '\u{06CC}' | '\u{06A9}' | '\u{067E}' | '\u{0698}' | '\u{06BE}' => foreign += 1,
            '\u{06D5}' | '\u{06C6}' | '\u{06CE}' | '\u{06B5}' | '\u{0695}' => {
                foreign += 1;
                kurdish += 1;
            }
            '\u{06D2}' | '\u{06C1}' | '\u{0679}' | '\u{0688}' | '\u{0691}' | '\u{06BA}' => {
                foreign += 1;
                urdu += 1;
            }
            _ => {}
        }
        if matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D5}') {
            script += 1;
        }
    }
    if foreign <= arabic_only || foreign * 20 < script {
        return None;
    }
    Some(if kurdish > urdu {
        "Kurdish"
    } else if urdu > kurdish {
        "Urdu"
    } else {
        "Persian"
    })
}

/// A first line is a headline when it is short and does not end a sentence: news
/// sentences end in `.`, `:` or `؟`, headlines end in a word or a closing quote
/// («داعش»).
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line.chars().last().unwrap_or('.');
    (2..=20).contains(&words)
        && line.chars().count() <= 160
        && !matches!(last, '.' | ':' | '؟' | '?' | '!' | '،' | ',' | '؛' | ';')
}

/// Accepts RFC 3339, `YYYY-MM-DD HH:MM:SS` (taken as UTC) and `YYYY-MM-DD`; returns
/// RFC 3339 UTC.
pub fn parse_timestamp(value: &str) -> Option<String> {
    use time::format_description::well_known::{Rfc2822, Rfc3339};
    use time::macros::format_description;
    let parsed = time::OffsetDateTime::parse(value, &Rfc3339)
        .ok()
        // RSS and e-mail style, as feeds and the ANT corpus write it:
        // "Sun, 18 Feb 2018 20:50:44 GMT".
        .or_else(|| time::OffsetDateTime::parse(value, &Rfc2822).ok())
        .or_else(|| {
            time::PrimitiveDateTime::parse(
                value,
                format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
            )
            .ok()
            .map(|p| p.assume_utc())
        })
        .or_else(|| {
            time::Date::parse(value, format_description!("[year]-[month]-[day]"))
                .ok()
                .map(|d| d.midnight().assume_utc())
        })?;
    parsed.to_offset(time::UtcOffset::UTC).format(&Rfc3339).ok()
}

/// The ingest stage for the pipeline loop.
pub struct IngestHandler {
    pub config: IngestConfig,
    pub subjects: Subjects,
    pub learned: Option<RepeatedParagraphs>,
    /// `marsad_ingest_near_duplicates_total`.
    pub near_duplicates: IntCounter,
}

impl IngestHandler {
    pub fn new(config: IngestConfig, subjects: Subjects, near_duplicates: IntCounter) -> Self {
        let learned = learner(&config);
        IngestHandler {
            config,
            subjects,
            learned,
            near_duplicates,
        }
    }
}

/// The boilerplate learner the settings ask for.
pub fn learner(config: &IngestConfig) -> Option<RepeatedParagraphs> {
    (config.learn_boilerplate_after > 0).then(|| {
        RepeatedParagraphs::new(
            config.learn_boilerplate_after,
            config.learn_boilerplate_capacity,
        )
    })
}

/// Removes the paragraphs the stream has taught to be boilerplate (see
/// [`RepeatedParagraphs`]). The id was fixed before, from the text without rule-based
/// chrome, so it does not depend on what has been learned so far.
pub fn remove_learned(article: &mut IngestedArticle, learned: &mut RepeatedParagraphs) {
    let source = article.source.clone().unwrap_or_default();
    let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
    let marks = learned.observe(&source, &article.id, &paragraphs);
    if marks.iter().all(|m| *m) || !marks.iter().any(|m| *m) {
        return;
    }
    let mut kept = Vec::new();
    let mut removed = Vec::new();
    for (paragraph, mark) in paragraphs.into_iter().zip(marks) {
        if mark {
            removed.push(paragraph.to_string());
        } else {
            kept.push(paragraph);
        }
    }
    article.text = kept.join("\n\n");
    article.removed.extend(removed);
}

impl Handler for IngestHandler {
    fn stage(&self) -> &'static str {
        "ingest"
    }

    fn handle(&mut self, input: &Incoming<'_>) -> Result<Outcome, HandlerError> {
        let started = std::time::Instant::now();
        let meta = HeaderMeta {
            id: input.header(headers::ID).map(str::to_string),
            source: input.header(headers::SOURCE).map(str::to_string),
            url: input.header(headers::URL).map(str::to_string),
            title: input.header(headers::TITLE).map(str::to_string),
            published_at: input.header(headers::PUBLISHED_AT).map(str::to_string),
            content_type: input.header("Content-Type").map(str::to_string),
        };
        let received_at = marsad_runtime::now_rfc3339();
        match ingest(&self.config, input.payload, &meta, &received_at) {
            Ok(mut article) => {
                if let Some(learned) = self.learned.as_mut() {
                    remove_learned(&mut article, learned);
                }
                let subject = self.subjects.ingested();
                let threshold = self.config.near_duplicate_threshold;
                let signature = (threshold > 0.0)
                    .then(|| Signature::of(&article.text, self.config.near_duplicate_min_words))
                    .flatten();
                article.timings_us.ingest = started.elapsed().as_micros() as u64;
                let Some(signature) = signature else {
                    return Ok(Outcome::Publish(vec![output(subject, &article)?]));
                };
                // Whether it is a copy is known once the bands are claimed.
                let (keys, value) = neardup::claims(&article.id, &signature);
                let counter = self.near_duplicates.clone();
                Ok(Outcome::Claim(Box::new(Claim {
                    id: article.id.clone(),
                    keys,
                    value,
                    then: Box::new(move |held| {
                        article.duplicate_of =
                            neardup::original_of(&article.id, &signature, held, threshold);
                        let mut out = output(subject, &article)?;
                        // Counted once published: a copy published twice is one copy.
                        out.counts = article.duplicate_of.is_some().then_some(counter);
                        Ok(vec![out])
                    }),
                })))
            }
            Err(refusal) => {
                let rejection = Rejection::new(
                    "ingest",
                    refusal.reason,
                    refusal.message,
                    input.payload,
                    self.config.rejection_keep_bytes,
                    received_at,
                );
                Ok(Outcome::Reject(Box::new(rejection)))
            }
        }
    }
}

fn output(subject: String, article: &IngestedArticle) -> Result<Output, HandlerError> {
    let payload =
        serde_json::to_vec(article).map_err(|e| HandlerError(format!("serialize: {e}")))?;
    Ok(Output {
        subject,
        payload: payload.into(),
        msg_id: article.id.clone(),
        counts: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-11-24T10:00:00Z";

    fn seed(prefix: &str) -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
        let path = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        std::fs::read_to_string(path).unwrap()
    }

    fn run(payload: &[u8]) -> Result<IngestedArticle, Refusal> {
        ingest(
            &IngestConfig::default(),
            payload,
            &HeaderMeta::default(),
            NOW,
        )
    }

    #[test]
    fn timestamps_of_feeds_and_corpora_are_read() {
        assert_eq!(
            parse_timestamp("2021-06-12T12:00:00+03:00").as_deref(),
            Some("2021-06-12T09:00:00Z")
        );
        // RFC 2822 with the obsolete "GMT" zone, as in the ANT corpus.
        assert_eq!(
            parse_timestamp("Sun, 18 Feb 2018 20:50:44 GMT").as_deref(),
            Some("2018-02-18T20:50:44Z")
        );
        assert_eq!(
            parse_timestamp("2021-01-23").as_deref(),
            Some("2021-01-23T00:00:00Z")
        );
        assert_eq!(parse_timestamp("أمس"), None);
    }

    #[test]
    fn headlines_are_split_from_the_body_and_chrome_removed() {
        // Seed 002: headline, sub-headline, breadcrumb, blank lines, …, comment footer.
        let a = run(seed("002").as_bytes()).unwrap();
        assert_eq!(
            a.title.as_deref(),
            Some("الكاظمي يرفع التأهب الأمني في البلاد")
        );
        assert!(a.text.starts_with("العراق يستنفر مجدداً"));
        assert!(!a.text.contains("الرئيسية دولي"));
        assert!(!a.text.contains("تعليقات"));
        // Seed 000 opens with news (a sentence ending with "»."), not a headline.
        let a = run(seed("000").as_bytes()).unwrap();
        assert_eq!(a.title, None);
        assert!(!a.text.contains("أعجبك"));
        assert!(a.text.ends_with("(9 ديسمبر 2017)."));
    }

    #[test]
    fn the_id_does_not_depend_on_diacritics_digits_or_layout() {
        // The same report with tashkeel removed, Arabic-Indic digits and extra blank
        // lines is the same article.
        let plain = "قال المتحدث إن 18 شخصاً قتلوا في كركوك.\nوأضاف أن القوات مستعدة.";
        let variant = "قالَ المتحدث إنّ ١٨ شخصاً قُتلوا في كركوك.\n\n\nوأضاف أن القوات مستعدة.";
        assert_eq!(
            run(plain.as_bytes()).unwrap().id,
            run(variant.as_bytes()).unwrap().id
        );
        // A url gives the id, whatever the body.
        let with_url = |body: &str| {
            let json = serde_json::json!({"body": body, "url": "https://example.com/1", "source": "example.com"});
            run(json.to_string().as_bytes()).unwrap().id
        };
        assert_eq!(with_url(plain), with_url("نص آخر تماماً عن بغداد"));
    }

    #[test]
    fn refusals_carry_their_reason() {
        let reason = |payload: &[u8]| run(payload).unwrap_err().reason;
        assert_eq!(reason(b""), RejectReason::EmptyBody);
        assert_eq!(reason(b"  \n\t\n "), RejectReason::EmptyBody);
        assert_eq!(reason(b"{\"body\": "), RejectReason::InvalidJson);
        assert_eq!(reason(b"{\"title\": \"no body\"}"), RejectReason::Schema);
        assert_eq!(reason(&[0xD8, 0xA7, 0xFF]), RejectReason::InvalidUtf8);
        assert_eq!(
            reason("خبر ".repeat(300_000).as_bytes()),
            RejectReason::TooLarge
        );
        assert_eq!(
            reason(b"The prime minister said the attack failed."),
            RejectReason::NotArabic
        );
        let bad_id = serde_json::json!({"body": "خبر عاجل من بغداد", "id": "a b/c"});
        assert_eq!(reason(bad_id.to_string().as_bytes()), RejectReason::Schema);
    }

    #[test]
    fn persian_urdu_and_kurdish_are_not_arabic_but_iraqi_names_with_che_and_gaf_are() {
        // The same report in Persian, Urdu and Sorani Kurdish: Arabic script, other
        // languages (they write yeh and kaf as ی ک and have letters Arabic lacks).
        let reason = |text: &str| {
            run(text.as_bytes())
                .map(|_| ())
                .map_err(|r| (r.reason, r.message))
        };
        for (text, language) in [
            ("سخنگوی فرماندهی عملیات مشترک عراق گفت که نیروهای امنیتی پنج شبه‌نظامی داعش را در کرکوک بازداشت کردند.", "Persian"),
            ("عراق کی مشترکہ آپریشنز کمانڈ کے ترجمان نے کہا کہ سیکیورٹی فورسز نے کرکوک میں داعش کے پانچ جنگجوؤں کو گرفتار کر لیا ہے۔", "Urdu"),
            ("وتەبێژی فەرماندەیی ئۆپەراسیۆنە هاوبەشەکان ڕایگەیاند کە هێزە ئەمنییەکان پێنج چەکداری داعشیان لە کەرکووک دەستگیر کرد.", "Kurdish"),
        ] {
            let (why, message) = reason(text).unwrap_err();
            assert_eq!(why, RejectReason::NotArabic, "{language}");
            assert!(message.contains(language), "{message}");
        }
        // Iraqi Arabic naming Kurdish places with چ and گ (Chamchamal, Garmiyan), and
        // a Persian-keyboard ی in one name, is Arabic.
        assert_eq!(
            reason("قال مسؤول محلي إن قوات البيشمركة انتشرت في قضاء چمچمال شرق كركوك بعد هجوم لداعش على قرية گرمیان."),
            Ok(())
        );
    }

    #[test]
    fn invisible_lines_are_no_text_and_a_bom_does_not_hide_json() {
        let reason = |payload: &str| run(payload.as_bytes()).unwrap_err().reason;
        assert_eq!(
            reason("\u{200B}\u{200C}\u{2060}\n\u{200F}\u{FEFF}"),
            RejectReason::EmptyBody
        );
        let a =
            run("\u{FEFF}{\"body\": \"قال المتحدث إن القوات اعتقلت مسلحين في كركوك.\"}".as_bytes())
                .unwrap();
        assert_eq!(a.text, "قال المتحدث إن القوات اعتقلت مسلحين في كركوك.");
        assert_eq!(reason("[{\"body\": \"خبر\"}]"), RejectReason::Schema);
        // "[عاجل]" (breaking) opens many Arabic reports: text, not JSON.
        assert!(run("[عاجل] مقتل ثلاثة من داعش في ديالى".as_bytes()).is_ok());
    }

    #[test]
    fn an_html_title_is_cleaned_like_the_text() {
        let page = serde_json::json!({
            "content_type": "text/html",
            "body": "<title>\u{202E}خبر\u{0}\u{1b} عاجل</title><p>قال المتحدث إن القوات اعتقلت مسلحين في كركوك.</p>",
        });
        let a = run(page.to_string().as_bytes()).unwrap();
        assert_eq!(a.title.as_deref(), Some("خبر عاجل"));
    }

    #[test]
    fn controls_and_bidi_overrides_are_removed_marks_kept() {
        // A right-to-left override can make a line display as something it is not.
        assert_eq!(
            clean_line("\u{202E}بغداد\u{202C}\u{0000} \u{200F}اليوم "),
            "بغداد \u{200F}اليوم"
        );
        // A C1 control (NEL) and a byte-order mark inside a copied line.
        assert_eq!(clean_line("\u{FEFF}قال\u{85} المتحدث"), "قال المتحدث");
    }

    #[test]
    fn the_byte_prefilter_sees_every_removed_character() {
        // clean_line skips lines whose bytes cannot start a removed character: that
        // must hold for every character there is.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_removed(c) {
                let mut buf = [0u8; 4];
                let first = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_removed(first), "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn a_line_a_source_repeats_is_learned_and_the_id_does_not_move() {
        // A byline-like closing line with no chrome cue, repeated by one source.
        let config = IngestConfig::default();
        let mut learned = learner(&config).unwrap();
        let article = |n: u32| {
            let json = serde_json::json!({
                "source": "example.iq",
                "body": format!("قال مصدر أمني إن {n} مسلحين اعتقلوا في كركوك.\nحرر بواسطة قسم الأخبار"),
            });
            ingest(
                &config,
                json.to_string().as_bytes(),
                &HeaderMeta::default(),
                NOW,
            )
            .unwrap()
        };
        for n in 1..=2 {
            let mut a = article(n);
            remove_learned(&mut a, &mut learned);
            assert!(a.text.ends_with("حرر بواسطة قسم الأخبار"));
        }
        let mut third = article(3);
        let id = third.id.clone();
        remove_learned(&mut third, &mut learned);
        assert_eq!(third.text, "قال مصدر أمني إن 3 مسلحين اعتقلوا في كركوك.");
        assert_eq!(third.removed, ["حرر بواسطة قسم الأخبار"]);
        assert_eq!(third.id, id);
    }
}
