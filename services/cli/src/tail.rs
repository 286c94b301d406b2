//! `marsad tail`: enriched articles as they arrive (or from the start of the stream),
//! filtered by entity and type, pretty or as JSON lines.

use std::time::Duration;

use async_nats::jetstream::{self, consumer};
use futures::StreamExt;
use marsad_messages::{EnrichedArticle, EntityType, Subjects};

/// Which articles to show.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// An entity id (`person:mustafa-al-kadhimi`) or a part of its Arabic or English name.
    pub entity: Option<String>,
    /// Only articles with an entity of this type.
    pub entity_type: Option<EntityType>,
}

impl Filter {
    pub fn matches(&self, article: &EnrichedArticle) -> bool {
        let by_type = self
            .entity_type
            .is_none_or(|t| article.entities.iter().any(|e| e.entity_type == t));
        let by_entity = self.entity.as_deref().is_none_or(|wanted| {
            let key = marsad_arabic::normalize::normalize_key(wanted);
            article.entities.iter().any(|e| {
                e.id == wanted
                    || marsad_arabic::normalize::normalize_key(&e.name_ar).contains(&key)
                    || e.name_en
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(&wanted.to_lowercase()))
            })
        });
        by_type && by_entity
    }
}

/// An ephemeral, unacknowledged consumer over the enriched stream: from the first
/// message when `from_start`, else from new messages only.
pub async fn consumer(
    js: &jetstream::Context,
    subjects: &Subjects,
    from_start: bool,
) -> anyhow::Result<consumer::Consumer<consumer::pull::Config>> {
    let stream = js
        .get_stream(subjects.stream(marsad_messages::Stream::Enriched))
        .await
        .map_err(|e| anyhow::anyhow!("enriched stream not found (is enrich running?): {e}"))?;
    let config = consumer::pull::Config {
        deliver_policy: if from_start {
            consumer::DeliverPolicy::All
        } else {
            consumer::DeliverPolicy::New
        },
        ack_policy: consumer::AckPolicy::None,
        filter_subject: subjects.enriched_all(),
        inactive_threshold: Duration::from_secs(60),
        ..Default::default()
    };
    Ok(stream.create_consumer(config).await?)
}

/// Calls `show` for every enriched article that passes `filter`, until `stop`.
pub async fn follow(
    consumer: consumer::Consumer<consumer::pull::Config>,
    filter: &Filter,
    stop: marsad_runtime::Shutdown,
    mut show: impl FnMut(&EnrichedArticle, &[u8]),
) -> anyhow::Result<()> {
    let mut messages = consumer.messages().await?;
    loop {
        let next = tokio::select! {
            next = messages.next() => next,
            _ = stop.cancelled() => return Ok(()),
        };
        let Some(message) = next else { return Ok(()) };
        let message = message.map_err(|e| anyhow::anyhow!("reading enriched: {e}"))?;
        match serde_json::from_slice::<EnrichedArticle>(&message.payload) {
            Ok(article) if filter.matches(&article) => show(&article, &message.payload),
            Ok(_) => {}
            Err(e) => tracing::warn!(subject = %message.subject, "not an enriched article: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(entities: serde_json::Value) -> EnrichedArticle {
        serde_json::from_value(serde_json::json!({
            "schema": "marsad.enriched/v1", "id": "a", "source": null, "url": null,
            "title": null, "published_at": null, "received_at": "2026-11-24T10:00:00Z",
            "language": "ar", "text": "", "duplicate_of": null, "entities": entities,
            "quotes": [], "dates": [], "counts": [], "events": [], "themes": [],
            "hashtags": [], "tone": {"score": 0.0, "positive": 0.0, "negative": 0.0},
            "timings_us": {"ingest": 0, "enrich": 0}
        }))
        .unwrap()
    }

    #[test]
    fn filters_by_entity_id_name_and_type() {
        let a = article(serde_json::json!([{
            "id": "person:tahsin-al-khafaji", "type": "PERSON", "name_ar": "تحسين الخفاجي",
            "name_en": "Tahsin al-Khafaji", "mentions": [], "geo": null, "salience": 0.5
        }]));
        let f = |entity: Option<&str>, t: Option<EntityType>| Filter {
            entity: entity.map(str::to_string),
            entity_type: t,
        };
        assert!(f(None, None).matches(&a));
        assert!(f(Some("person:tahsin-al-khafaji"), None).matches(&a));
        // Part of the Arabic name, spelled with or without hamza/diacritics.
        assert!(f(Some("الخفاجي"), Some(EntityType::Person)).matches(&a));
        assert!(f(Some("khafaji"), None).matches(&a));
        assert!(!f(None, Some(EntityType::Loc)).matches(&a));
        assert!(!f(Some("الكاظمي"), None).matches(&a));
    }
}
