//! How an enriched article looks in a terminal.

use std::fmt::Write;

use marsad_messages::{EnrichedArticle, EntityType};

fn short(text: &str, max: usize) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// A few lines per article: title, entities by type, quotes, dates, counts, hashtags.
pub fn article(a: &EnrichedArticle) -> String {
    let mut out = String::new();
    let title = a
        .title
        .as_deref()
        .map_or_else(|| short(&a.text, 80), |t| short(t, 100));
    let _ = writeln!(out, "━━ {}  {}", a.id, title);
    let _ = writeln!(
        out,
        "   source {}  published {}  received {}  {} chars",
        a.source.as_deref().unwrap_or("–"),
        a.published_at.as_deref().unwrap_or("–"),
        a.received_at,
        a.text.chars().count()
    );
    for t in EntityType::ALL {
        let mut of_type: Vec<_> = a.entities.iter().filter(|e| e.entity_type == t).collect();
        if of_type.is_empty() {
            continue;
        }
        of_type.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
        let names: Vec<String> = of_type
            .iter()
            .map(|e| {
                let geo = e
                    .geo
                    .as_ref()
                    .and_then(|g| g.adm1.clone())
                    .map(|a| format!(" [{a}]"))
                    .unwrap_or_default();
                format!("{}{} ×{}", e.name_ar, geo, e.mentions.len())
            })
            .collect();
        let _ = writeln!(out, "   {:<7} {}", t.as_str(), names.join("، "));
    }
    for q in &a.quotes {
        let who = q.speaker.as_ref().map_or("?", |s| s.text.as_str());
        let verb = q
            .verb
            .as_deref()
            .map(|v| format!(" ({v})"))
            .unwrap_or_default();
        let _ = writeln!(out, "   quote   {who}{verb}: «{}»", short(&q.text, 90));
    }
    if !a.dates.is_empty() {
        let dates: Vec<String> = a
            .dates
            .iter()
            .map(|d| format!("{} → {}", d.text, d.value.as_deref().unwrap_or("?")))
            .collect();
        let _ = writeln!(out, "   dates   {}", dates.join("؛ "));
    }
    for c in &a.counts {
        let approx = if c.approximate { "~" } else { "" };
        let _ = writeln!(
            out,
            "   count   {} {approx}{}  «{}»",
            c.kind, c.value, c.text
        );
    }
    if !a.hashtags.is_empty() {
        let tags: Vec<String> = a.hashtags.iter().map(|h| format!("#{h}")).collect();
        let _ = writeln!(out, "   tags    {}", tags.join(" "));
    }
    out
}
