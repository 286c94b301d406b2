//! Entities: gazetteer matches grouped by knowledge-base id, with short forms
//! resolved inside the article.
//!
//! A family name alone (الكاظمي، “الكاظمي”) links to a person only when that person's
//! full name appears in the same article: that is how a reader resolves it, and it
//! keeps a surname two people share from linking to the wrong one. Salience weighs
//! how often and how early an entity is mentioned.

use std::collections::BTreeMap;

use marsad_messages::{Entity, EntityType, Geo, Mention};

use crate::gazetteer::{GazMatch, Gazetteer};

pub fn resolve(gazetteer: &Gazetteer, text: &str, matches: &[GazMatch]) -> Vec<Entity> {
    let chars: Vec<char> = text.chars().collect();
    let with_full_name: std::collections::HashSet<usize> = matches
        .iter()
        .filter(|m| !m.short)
        .map(|m| m.entry)
        .collect();
    let mut grouped: BTreeMap<usize, Vec<&GazMatch>> = BTreeMap::new();
    for m in matches {
        if m.short && !with_full_name.contains(&m.entry) {
            continue;
        }
        grouped.entry(m.entry).or_default().push(m);
    }
    let mut entities: Vec<Entity> = grouped
        .into_iter()
        .map(|(entry, ms)| {
            let kb = &gazetteer.entries()[entry];
            Entity {
                id: kb.id.clone(),
                entity_type: EntityType::parse(&kb.entity_type).unwrap_or(EntityType::Misc),
                name_ar: kb.name_ar.clone(),
                name_en: kb.name_en.clone(),
                mentions: ms
                    .iter()
                    .map(|m| Mention {
                        start: m.start,
                        end: m.end,
                        text: super::slice_chars(&chars, m.start, m.end),
                    })
                    .collect(),
                geo: kb.geo.as_ref().map(|g| Geo {
                    lat: g.lat,
                    lon: g.lon,
                    country: g.country.clone(),
                    adm1: g.adm1.clone(),
                    precision: g.precision.clone(),
                }),
                salience: 0.0,
            }
        })
        .collect();
    rank(&mut entities, chars.len());
    entities
}

/// Gives each entity its salience (how often and how early it is mentioned, against
/// the most mentioned one and the text's length in characters) and sorts by it.
pub fn rank(entities: &mut [Entity], text_chars: usize) {
    let total = text_chars.max(1) as f64;
    let max_mentions = entities
        .iter()
        .map(|e| e.mentions.len())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    for e in entities.iter_mut() {
        let first = e.mentions.iter().map(|m| m.start).min().unwrap_or(0) as f64;
        let salience = 0.6 * (e.mentions.len() as f64 / max_mentions) + 0.4 * (1.0 - first / total);
        e.salience = (salience * 1000.0).round() / 1000.0;
    }
    entities.sort_by(|a, b| {
        b.salience
            .partial_cmp(&a.salience)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.id.cmp(&b.id))
    });
}
