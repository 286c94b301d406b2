//! `marsad eval facts GOLD`: precision and recall of quotes, speakers, dates, counts and
//! the main event type against a hand-annotated gold file (`data/gold/facts.jsonl`,
//! rules in `data/gold/GUIDELINES.md`). Each gold article goes through ingest and enrich
//! as a publisher's article would; predictions and gold are matched one to one.
//!
//! Matching (texts compared normalized, with quote marks and end punctuation removed):
//! - a quote matches when one text contains the other and the shorter is at least half
//!   the longer; its speaker is right when the two names share a word;
//! - a date matches on a containing text and the same value;
//! - a count matches on the same kind and value and a containing text.

use std::path::Path;

use marsad_arabic::extract::Enricher;
use marsad_arabic::normalize::normalize_key;
use marsad_ingest::handler::HeaderMeta;
use marsad_ingest::IngestConfig;
use marsad_messages::IngestedArticle;
use serde::de::DeserializeOwned;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct GoldQuote {
    text: String,
    speaker: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GoldDate {
    text: String,
    value: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GoldCount {
    text: String,
    kind: String,
    value: u64,
}

#[derive(Debug, Deserialize)]
struct GoldArticle {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
    text: String,
    quotes: Vec<GoldQuote>,
    dates: Vec<GoldDate>,
    counts: Vec<GoldCount>,
    main_event_type: Option<String>,
}

/// (matched, predicted, gold) of one field.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Tally {
    pub matched: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Tally {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.matched as f64 / self.predicted as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.matched as f64 / self.gold as f64
        }
    }
}

#[derive(Debug, Default, serde::Serialize)]
pub struct FactScores {
    pub articles: usize,
    pub quotes: Tally,
    /// Right speakers among matched quotes whose gold speaker is named.
    pub speakers: Tally,
    pub dates: Tally,
    pub counts: Tally,
    /// Right main event types among articles.
    pub events: Tally,
    /// The articles whose main event type is wrong: (id, gold, predicted).
    pub event_misses: Vec<(String, String, String)>,
    /// Matched quotes whose named gold speaker is wrong or missing.
    pub speaker_misses: Vec<SpeakerMiss>,
    /// Gold quotes, dates and counts nothing matched, and predictions that matched
    /// nothing (`marsad eval facts --misses`).
    pub field_misses: Vec<FieldMiss>,
}

/// A gold item no prediction matched (`missed`), or a prediction that matched no gold
/// item (`spurious`), of one field.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FieldMiss {
    pub article: String,
    /// `quote`, `date` or `count`.
    pub field: &'static str,
    /// `missed` (in the gold only) or `spurious` (predicted only).
    pub what: &'static str,
    pub text: String,
    /// The value: a date's value, a count's kind and value; empty for quotes.
    pub value: String,
}

#[allow(clippy::too_many_arguments)]
fn misses<G, P>(
    out: &mut Vec<FieldMiss>,
    article: &str,
    field: &'static str,
    pairs: &[(usize, usize)],
    gold: &[G],
    predicted: &[P],
    describe_gold: impl Fn(&G) -> (String, String),
    describe_predicted: impl Fn(&P) -> (String, String),
) {
    for (gi, g) in gold.iter().enumerate() {
        if !pairs.iter().any(|(x, _)| *x == gi) {
            let (text, value) = describe_gold(g);
            out.push(FieldMiss {
                article: article.to_string(),
                field,
                what: "missed",
                text,
                value,
            });
        }
    }
    for (pi, p) in predicted.iter().enumerate() {
        if !pairs.iter().any(|(_, y)| *y == pi) {
            let (text, value) = describe_predicted(p);
            out.push(FieldMiss {
                article: article.to_string(),
                field,
                what: "spurious",
                text,
                value,
            });
        }
    }
}

/// A matched quote whose speaker is wrong (`predicted` another name) or missing
/// (`predicted` None).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SpeakerMiss {
    pub article: String,
    /// Char offset of the predicted quote's first character in the article text.
    pub quote_start: usize,
    /// The quote's first words, to find it by eye.
    pub quote: String,
    pub gold: String,
    pub predicted: Option<String>,
}

fn key(text: &str) -> String {
    let k = normalize_key(text);
    let trimmed = k.trim_matches(|c: char| !c.is_alphanumeric());
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contains_either(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && (a.contains(b) || b.contains(a))
}

/// Greedy one-to-one matching; returns the matched pairs (gold index, predicted index).
fn pair<G, P>(gold: &[G], predicted: &[P], ok: impl Fn(&G, &P) -> bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = (0..predicted.len()).find(|&pi| !used[pi] && ok(g, &predicted[pi])) {
            used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// Every non-blank line of a gold file (`data/gold/*.jsonl`), parsed, in file order.
pub(crate) fn gold_lines<T: DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<T>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line)
                .map_err(|e| anyhow::anyhow!("{} line {}: {e}", path.display(), n + 1))
        })
        .collect()
}

/// A gold article as ingest makes it of a publisher's message: the id made safe for
/// a subject, an empty title left out, a fixed receipt time.
pub(crate) fn ingest_gold(
    ingest: &IngestConfig,
    id: &str,
    title: Option<&str>,
    published_at: Option<&str>,
    text: &str,
) -> anyhow::Result<IngestedArticle> {
    let raw = serde_json::json!({
        "id": id.replace(|c: char| !(c.is_ascii_alphanumeric() || "-_.:".contains(c)), "-"),
        "title": title.filter(|t| !t.is_empty()),
        "published_at": published_at,
        "body": text,
    });
    marsad_ingest::ingest(
        ingest,
        raw.to_string().as_bytes(),
        &HeaderMeta::default(),
        "2026-11-24T10:00:00Z",
    )
    .map_err(|r| anyhow::anyhow!("{id}: ingest refused it: {}", r.message))
}

pub fn evaluate(
    path: &Path,
    ingest: &IngestConfig,
    enricher: &Enricher,
) -> anyhow::Result<FactScores> {
    let mut s = FactScores::default();
    for gold in gold_lines::<GoldArticle>(path)? {
        let article = ingest_gold(
            ingest,
            &gold.id,
            gold.title.as_deref(),
            gold.published_at.as_deref(),
            &gold.text,
        )?;
        let a = marsad_enrich::enrich(enricher, article);
        s.articles += 1;

        let quotes = pair(&gold.quotes, &a.quotes, |g, p| {
            let (g, p) = (key(&g.text), key(&p.text));
            let (short, long) = if g.len() < p.len() {
                (g.len(), p.len())
            } else {
                (p.len(), g.len())
            };
            contains_either(&g, &p) && short * 2 >= long
        });
        s.quotes.matched += quotes.len();
        s.quotes.predicted += a.quotes.len();
        s.quotes.gold += gold.quotes.len();
        misses(
            &mut s.field_misses,
            &gold.id,
            "quote",
            &quotes,
            &gold.quotes,
            &a.quotes,
            |g| (g.text.clone(), String::new()),
            |p| (p.text.clone(), String::new()),
        );
        for (gi, pi) in &quotes {
            let Some(want) = gold.quotes[*gi].speaker.as_deref() else {
                continue;
            };
            s.speakers.gold += 1;
            let predicted = &a.quotes[*pi];
            let right = predicted.speaker.as_ref().is_some_and(|got| {
                let got = key(&got.text);
                key(want)
                    .split(' ')
                    .any(|w| w.chars().count() >= 3 && got.split(' ').any(|x| x == w))
            });
            if predicted.speaker.is_some() {
                s.speakers.predicted += 1;
            }
            if right {
                s.speakers.matched += 1;
            } else {
                s.speaker_misses.push(SpeakerMiss {
                    article: gold.id.clone(),
                    quote_start: predicted.start,
                    quote: predicted
                        .text
                        .split_whitespace()
                        .take(5)
                        .collect::<Vec<_>>()
                        .join(" "),
                    gold: want.to_string(),
                    predicted: predicted.speaker.as_ref().map(|sp| sp.text.clone()),
                });
            }
        }

        let dates = pair(&gold.dates, &a.dates, |g, p| {
            g.value == p.value && contains_either(&key(&g.text), &key(&p.text))
        });
        s.dates.matched += dates.len();
        s.dates.predicted += a.dates.len();
        s.dates.gold += gold.dates.len();
        misses(
            &mut s.field_misses,
            &gold.id,
            "date",
            &dates,
            &gold.dates,
            &a.dates,
            |g| {
                (
                    g.text.clone(),
                    g.value.clone().unwrap_or_else(|| "null".into()),
                )
            },
            |p| {
                (
                    p.text.clone(),
                    p.value.clone().unwrap_or_else(|| "null".into()),
                )
            },
        );

        let counts = pair(&gold.counts, &a.counts, |g, p| {
            g.kind == p.kind && g.value == p.value && contains_either(&key(&g.text), &key(&p.text))
        });
        s.counts.matched += counts.len();
        s.counts.predicted += a.counts.len();
        s.counts.gold += gold.counts.len();
        misses(
            &mut s.field_misses,
            &gold.id,
            "count",
            &counts,
            &gold.counts,
            &a.counts,
            |g| (g.text.clone(), format!("{} {}", g.kind, g.value)),
            |p| (p.text.clone(), format!("{} {}", p.kind, p.value)),
        );

        if let Some(want) = &gold.main_event_type {
            s.events.gold += 1;
            if let Some(event) = a.events.first() {
                s.events.predicted += 1;
                if &event.event_type == want {
                    s.events.matched += 1;
                } else {
                    s.event_misses
                        .push((gold.id.clone(), want.clone(), event.event_type.clone()));
                }
            }
        }
    }
    Ok(s)
}

/// Precision, recall and counts per field; the misses are in [`misses_table`].
pub fn table(s: &FactScores) -> String {
    let mut out = format!(
        "{} articles\n{:<9} {:>9} {:>7} {:>9} {:>6}\n",
        s.articles, "field", "precision", "recall", "predicted", "gold"
    );
    for (name, t) in [
        ("quotes", s.quotes),
        ("speakers", s.speakers),
        ("dates", s.dates),
        ("counts", s.counts),
        ("events", s.events),
    ] {
        out.push_str(&format!(
            "{name:<9} {:>9.3} {:>7.3} {:>9} {:>6}\n",
            t.precision(),
            t.recall(),
            t.predicted,
            t.gold
        ));
    }
    out
}

/// The main events and speakers read wrongly, then the gold items missed and the predictions
/// that matched nothing, one per line. Kept out of [`table`] so that a reserved set can be
/// scored without anyone reading its articles.
pub fn misses_table(s: &FactScores) -> String {
    let mut out = String::new();
    for (id, want, got) in &s.event_misses {
        out.push_str(&format!("main event of {id}: {want}, read as {got}\n"));
    }
    for m in &s.speaker_misses {
        out.push_str(&format!(
            "speaker of {} quote at {} («{}…»): {}, read as {}\n",
            m.article,
            m.quote_start,
            m.quote,
            m.gold,
            m.predicted.as_deref().unwrap_or("none")
        ));
    }
    for m in &s.field_misses {
        out.push_str(&format!(
            "{} {} {}: «{}» {}\n",
            m.field, m.what, m.article, m.text, m.value
        ));
    }
    out
}
