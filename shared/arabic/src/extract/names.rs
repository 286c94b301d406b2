//! Names the knowledge base does not know, found by the statistical tagger
//! ([`crate::ner`]): `عضو اللجنة علي الغانمي` gives the person علي الغانمي although no list
//! holds him.
//!
//! The tagger reads the article sentence by sentence (the text core's sentences and
//! tokens, as it was trained), then label consistency ([`ner::propagate`]) carries a name
//! tagged once to its other mentions in the article. A tagged name that overlaps a
//! knowledge-base mention is left to the knowledge base, which knows more (its id, its
//! English name, its coordinates). Every other name becomes an entity whose id is made
//! from its normalized words (`person:علي-الغانمي`), so the same name in two articles is
//! the same entity whatever its spelling variants (أ/ا، ة/ه، ى/ي, diacritics) or the
//! proclitic in front of it (لعلي الغانمي). A family name alone (الغانمي) is the person
//! whose full name ends with it in the same article, as a reader resolves it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use marsad_messages::{Entity, EntityType, Mention};

use super::is_mark;
use crate::kb::KbEntry;
use crate::ner::{self, Model, NameLists, WordCache};
use crate::normalize::normalize_key;

/// The trained tagger with the lists its features read.
pub struct Tagger {
    model: Model,
    lists: NameLists,
    /// The knowledge base's persons by family name (the last word of the name, as a
    /// key): a family name alone that only one of them bears is that person.
    surnames: HashMap<String, Vec<KbPerson>>,
    /// The tagger's word caches ([`WordCache`]: each word's analysis and weight sums,
    /// kept from one article to the next), one per article being tagged at once: an
    /// article takes one for its tagging and gives it back.
    caches: Mutex<Vec<WordCache>>,
}

/// A person of the knowledge base, as an entity names it.
#[derive(Debug, Clone)]
struct KbPerson {
    id: String,
    name_ar: String,
    name_en: Option<String>,
}

fn surnames(entries: &[KbEntry]) -> HashMap<String, Vec<KbPerson>> {
    let mut out: HashMap<String, Vec<KbPerson>> = HashMap::new();
    for e in entries.iter().filter(|e| e.entity_type == "PERSON") {
        let key = normalize_key(&e.name_ar);
        let words: Vec<&str> = key.split_whitespace().collect();
        if let [_, .., last] = words[..] {
            out.entry(last.to_string()).or_default().push(KbPerson {
                id: e.id.clone(),
                name_ar: e.name_ar.clone(),
                name_en: e.name_en.clone(),
            });
        }
    }
    out
}

/// Where a tagger's files are.
#[derive(Debug, Clone)]
pub struct TaggerFiles<'a> {
    /// The model `marsad train ner` writes.
    pub model: &'a Path,
    /// ANERGazet's `PersGazetteer.txt`, `OrgGazetteer.txt` and `LocGazetteer.txt`.
    pub anergazet: &'a Path,
    /// Word clusters (`marsad train clusters`); the tagger was trained with them.
    pub clusters: &'a Path,
    /// The WikiFANE lexicon (`marsad train lexicon`); left out when missing.
    pub lexicon: &'a Path,
}

/// The name lists every tagger reads: ANERGazet and every name of the knowledge base.
pub fn name_lists(entries: &[KbEntry], anergazet: &Path) -> Result<NameLists, String> {
    let mut lists = NameLists::default();
    for (file, class) in [
        ("PersGazetteer.txt", "PERS"),
        ("OrgGazetteer.txt", "ORG"),
        ("LocGazetteer.txt", "LOC"),
    ] {
        let path = anergazet.join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for line in text.lines().map(str::trim) {
            if !line.is_empty() && !line.starts_with('=') {
                lists.add(line, class);
            }
        }
    }
    for entry in entries {
        let class = match entry.entity_type.as_str() {
            "PERSON" => "PERS",
            other => other,
        };
        lists.add(&entry.name_ar, class);
        for v in &entry.variants {
            lists.add(v, class);
        }
    }
    Ok(lists)
}

/// Reads a file that may be missing (`None` then).
fn read_optional(path: &Path) -> Result<Option<String>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

impl Tagger {
    /// A tagger over `lists` (see [`name_lists`]) that links family names to the persons
    /// of `entries`.
    pub fn new(model: Model, lists: NameLists, entries: &[KbEntry]) -> Tagger {
        Tagger {
            model,
            lists,
            surnames: surnames(entries),
            caches: Mutex::new(Vec::new()),
        }
    }

    /// Loads the model and builds its lists from the knowledge base's entries and the
    /// files beside the model.
    pub fn load(files: &TaggerFiles, entries: &[KbEntry]) -> Result<Tagger, String> {
        let bytes =
            std::fs::read(files.model).map_err(|e| format!("{}: {e}", files.model.display()))?;
        let model =
            Model::from_bytes(&bytes).map_err(|e| format!("{}: {e}", files.model.display()))?;
        let mut lists = name_lists(entries, files.anergazet)?;
        let clusters = read_optional(files.clusters)?
            .ok_or_else(|| format!("{}: missing (the model reads it)", files.clusters.display()))?;
        lists.load_clusters(&clusters);
        if let Some(lexicon) = read_optional(files.lexicon)? {
            lists.load_lexicon(&lexicon);
        }
        Ok(Tagger::new(model, lists, entries))
    }

    /// The names in `text`: character spans with their type (`PERS`, `ORG`, `LOC`,
    /// `MISC`), in text order.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize, &'static str)> {
        let chars: Vec<char> = text.chars().collect();
        self.spans_in(text, &chars)
    }

    /// [`spans`](Self::spans) of `text`, whose characters are `chars`.
    fn spans_in(&self, text: &str, chars: &[char]) -> Vec<(usize, usize, &'static str)> {
        let mut offsets: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut pieces: Vec<String> = Vec::new();
        let mut cuts: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut bytes: Vec<usize> = Vec::new();
        for sentence in crate::sentence::sentences(text) {
            let piece: String = chars[sentence.start..sentence.end].iter().collect();
            let tokens = crate::token::tokenize(&piece);
            // Where each character of the piece starts, in bytes (and its end).
            bytes.clear();
            bytes.extend(piece.char_indices().map(|(at, _)| at));
            bytes.push(piece.len());
            // The tokens as written, as the tagger was trained on them: it normalizes
            // them itself and reads some of what normalizing folds (ى of على).
            type Ranges = Vec<(usize, usize)>;
            let (spans, ranges): (Ranges, Ranges) = tokens
                .with_norms()
                .filter(|(_, norm)| !norm.is_empty())
                .map(|(t, _)| {
                    (
                        (sentence.start + t.start, sentence.start + t.end),
                        (bytes[t.start], bytes[t.end]),
                    )
                })
                .unzip();
            if !ranges.is_empty() {
                offsets.push(spans);
                cuts.push(ranges);
                pieces.push(piece);
            }
        }
        let refs: Vec<Vec<&str>> = pieces
            .iter()
            .zip(&cuts)
            .map(|(piece, ranges)| ranges.iter().map(|&(a, b)| &piece[a..b]).collect())
            .collect();
        let mut cache = self
            .caches
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default();
        let mut tags = self
            .model
            .tag_document_cached(&refs, &self.lists, &mut cache);
        ner::propagate_stems(&cache.tagged_stems(&refs, &self.lists), &mut tags);
        self.caches
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(cache);
        let mut out = Vec::new();
        for (sentence, tags) in offsets.iter().zip(&tags) {
            for (start, end, kind) in ner::spans(tags) {
                out.push((sentence[start].0, sentence[end - 1].1, kind));
            }
        }
        out
    }

    /// Adds to `entities` (the knowledge base's, already resolved) the names the tagger
    /// finds in `text` that no entity covers, then ranks them all by salience.
    pub fn add_entities(&self, text: &str, entities: &mut Vec<Entity>) {
        let chars: Vec<char> = text.chars().collect();
        let spans = self.spans_in(text, &chars);
        if spans.is_empty() {
            return;
        }
        let covered: Vec<(usize, usize)> = entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
            .collect();
        let overlaps =
            |start: usize, end: usize| covered.iter().any(|&(s, e)| s < end && start < e);
        // Each name: its type, its normalized words, its mention.
        let mut names: Vec<(EntityType, Vec<String>, Mention)> = Vec::new();
        for (start, end, kind) in spans {
            if overlaps(start, end) {
                continue;
            }
            let Some((start, words)) = self.name_words(&chars, start, end) else {
                continue;
            };
            let entity_type = match kind {
                "PERS" => EntityType::Person,
                "ORG" => EntityType::Org,
                "LOC" => EntityType::Loc,
                _ => EntityType::Misc,
            };
            let mention = Mention {
                start,
                end,
                text: super::slice_chars(&chars, start, end),
            };
            names.push((entity_type, words, mention));
        }
        // A family name alone is the person of the article whose full name ends with it
        // (the knowledge base's or a tagged one).
        let mut full_names: Vec<(Vec<String>, String)> = entities
            .iter()
            .filter(|e| e.entity_type == EntityType::Person)
            .map(|e| {
                let words: Vec<String> = normalize_key(&e.name_ar)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                (words, e.id.clone())
            })
            .collect();
        for (t, words, _) in &names {
            if *t == EntityType::Person && words.len() > 1 {
                full_names.push((words.clone(), id_of(*t, words)));
            }
        }
        let mut added: Vec<Entity> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (t, words, mention) in names {
            let mut id = id_of(t, &words);
            if t == EntityType::Person && words.len() == 1 {
                let holders: Vec<&String> = full_names
                    .iter()
                    .filter(|(full, _)| full.len() > 1 && full.last() == words.last())
                    .map(|(_, id)| id)
                    .collect();
                if let [holder] = holders[..] {
                    id = holder.clone();
                } else if let Some([person]) = self.surnames.get(&words[0]).map(Vec::as_slice) {
                    // Named nowhere in full here, but the knowledge base has one person
                    // of that family name (ترامب).
                    if !entities.iter().any(|e| e.id == person.id) {
                        entities.push(Entity {
                            id: person.id.clone(),
                            entity_type: EntityType::Person,
                            name_ar: person.name_ar.clone(),
                            name_en: person.name_en.clone(),
                            mentions: Vec::new(),
                            geo: None,
                            salience: 0.0,
                        });
                    }
                    id = person.id.clone();
                }
            }
            if let Some(e) = entities.iter_mut().find(|e| e.id == id) {
                e.mentions.push(mention);
                e.mentions.sort_by_key(|m| m.start);
                continue;
            }
            match index.get(&id) {
                Some(&i) => added[i].mentions.push(mention),
                None => {
                    index.insert(id.clone(), added.len());
                    added.push(Entity {
                        id,
                        entity_type: t,
                        name_ar: mention.text.clone(),
                        name_en: None,
                        mentions: vec![mention],
                        geo: None,
                        salience: 0.0,
                    });
                }
            }
        }
        // A family name met before its full name: the entity is still named in full.
        for e in &mut added {
            if let Some(longest) = e
                .mentions
                .iter()
                .max_by_key(|m| (m.end - m.start, std::cmp::Reverse(m.start)))
            {
                e.name_ar = longest.text.clone();
            }
            e.mentions.sort_by_key(|m| m.start);
        }
        entities.extend(added);
        super::entities::rank(entities, chars.len());
    }

    /// The span's normalized words with the proclitic of its first word left out, and
    /// where the name starts once that proclitic is skipped (`لعلي الغانمي` → علي الغانمي).
    /// `None` for spans with no letter.
    fn name_words(&self, chars: &[char], start: usize, end: usize) -> Option<(usize, Vec<String>)> {
        let text: String = chars[start..end].iter().collect();
        let mut words: Vec<String> = normalize_key(&text)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let first = words.first()?.clone();
        if !first.chars().any(char::is_alphabetic) {
            return None;
        }
        let known = |w: &str| self.lists.knows(w);
        let mut start = start;
        if let Some(a) = crate::clitics::analyze(&first, &known).into_iter().next() {
            if !a.prefix.is_empty() && a.stem.chars().count() >= 2 {
                // A name keeps its article (بالحديدة → الحديدة, as الحديدة alone).
                let (prefix, stem) = match a.prefix.strip_suffix("ال") {
                    Some(p) => (p, format!("ال{}", a.stem)),
                    None => (a.prefix, a.stem.into_owned()),
                };
                // Skip the proclitic's letters in the original text (diacritics and
                // tatweel between them are not letters of the key).
                let mut letters = prefix.chars().count();
                while letters > 0 && start < end {
                    if chars[start].is_alphabetic() && !is_mark(chars[start]) {
                        letters -= 1;
                    }
                    start += 1;
                }
                while start < end && is_mark(chars[start]) {
                    start += 1;
                }
                words[0] = stem;
            }
        }
        Some((start, words))
    }
}

/// The deterministic id of a name the knowledge base does not know: its type and its
/// normalized words (`person:علي-الغانمي`).
pub fn id_of(entity_type: EntityType, words: &[String]) -> String {
    let prefix = match entity_type {
        EntityType::Person => "person",
        EntityType::Org => "org",
        EntityType::Loc => "loc",
        EntityType::Misc => "misc",
    };
    format!("{prefix}:{}", words.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::ner::TrainOptions;

    /// A knowledge base of one person and one place.
    fn kb() -> Vec<KbEntry> {
        let lines = [
            r#"{"id":"person:donald-trump","type":"PERSON","name_ar":"دونالد ترامب","name_en":"Donald Trump"}"#,
            r#"{"id":"loc:baghdad","type":"LOC","name_ar":"بغداد","name_en":"Baghdad"}"#,
        ];
        lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// A tagger trained on a few sentences written like the news it reads: a role, then
    /// a name the knowledge base does not know; a family name alone later.
    fn tagger() -> Tagger {
        let conll = "\
وقال O\nعضو O\nاللجنة O\nعلي B-PERS\nالغانمي I-PERS\nإن O\nالوضع O\nمستقر O\n\n\
وأضاف O\nالغانمي B-PERS\nأن O\nالقوات O\nجاهزة O\n\n\
وقال O\nالنائب O\nحسن B-PERS\nالكعبي I-PERS\nإن O\nالجلسة O\nمؤجلة O\n\n\
وأكد O\nالكعبي B-PERS\nأن O\nالبرلمان B-ORG\nسيجتمع O\n\n\
وقال O\nعضو O\nالمجلس O\nسعد B-PERS\nالمطلبي I-PERS\nإن O\nالأمن O\nمستتب O\nفي O\nبغداد B-LOC\n\n\
وصرح O\nترامب B-PERS\nبأن O\nالاتفاق O\nسيئ O\n\n";
        let sentences = ner::read_conll(conll).unwrap();
        let entries = kb();
        let lists = name_lists_of(&entries);
        let options = TrainOptions {
            epochs: 10,
            seed: 1,
            min_count: 1,
            ..TrainOptions::default()
        };
        Tagger::new(Model::train(&sentences, &lists, options), lists, &entries)
    }

    fn name_lists_of(entries: &[KbEntry]) -> NameLists {
        let mut lists = NameLists::default();
        for e in entries {
            lists.add(
                &e.name_ar,
                if e.entity_type == "PERSON" {
                    "PERS"
                } else {
                    &e.entity_type
                },
            );
        }
        lists
    }

    fn entities(tagger: &Tagger, text: &str) -> Vec<Entity> {
        let gazetteer = Gazetteer::new(kb());
        let view = crate::gazetteer::matching_view(text);
        let matches = gazetteer.find_in(&view);
        let mut entities = super::super::entities::resolve(&gazetteer, text, &matches);
        tagger.add_entities(text, &mut entities);
        entities
    }

    #[test]
    fn an_unknown_person_after_a_role_gets_an_id_from_the_name() {
        // Seed 003's «وقال عضو اللجنة علي الغانمي إن …»: the knowledge base does not
        // know him; the family name alone later is the same person.
        let t = tagger();
        let found = entities(
            &t,
            "وقال عضو اللجنة علي الغانمي إن الوضع مستقر.\nوأضاف الغانمي أن القوات جاهزة.",
        );
        let e = found
            .iter()
            .find(|e| e.id == "person:علي-الغانمي")
            .unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(e.entity_type, EntityType::Person);
        assert_eq!(e.name_ar, "علي الغانمي");
        let mentions: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(mentions, ["علي الغانمي", "الغانمي"], "{found:?}");
    }

    #[test]
    fn the_same_name_in_two_articles_is_one_id_whatever_the_spelling() {
        // Spelling variants the key folds (final ي written ى, diacritics) give the same
        // id: an analyst can count one person across articles.
        let t = tagger();
        let a = entities(&t, "وقال النائب حسن الكعبي إن الجلسة مؤجلة.");
        let b = entities(&t, "وقال النائب حَسن الكعبى إن الجلسة مؤجلة.");
        let ids = |v: &[Entity]| -> Vec<String> {
            v.iter()
                .filter(|e| e.entity_type == EntityType::Person)
                .map(|e| e.id.clone())
                .collect()
        };
        assert_eq!(ids(&a), ["person:حسن-الكعبي"], "{a:?}");
        assert_eq!(ids(&b), ids(&a), "{b:?}");
        assert_eq!(
            id_of(EntityType::Person, &["حسن".into(), "الكعبي".into()]),
            "person:حسن-الكعبي"
        );
    }

    #[test]
    fn the_knowledge_base_keeps_its_names() {
        // بغداد is the knowledge base's (with its id and coordinates), never a second,
        // tagged entity; a family name that one person of the knowledge base bears
        // links to that person even where the article does not name him in full.
        let t = tagger();
        let found = entities(
            &t,
            "وقال عضو المجلس سعد المطلبي إن الأمن مستتب في بغداد.\nوصرح ترامب بأن الاتفاق سيئ.",
        );
        let ids: Vec<&str> = found.iter().map(|e| e.id.as_str()).collect();
        assert!(ids.contains(&"loc:baghdad"), "{ids:?}");
        assert!(!ids.iter().any(|id| id.contains("بغداد")), "{ids:?}");
        assert!(ids.contains(&"person:سعد-المطلبي"), "{ids:?}");
        let trump = found
            .iter()
            .find(|e| e.id == "person:donald-trump")
            .unwrap_or_else(|| panic!("{ids:?}"));
        assert_eq!(trump.name_en.as_deref(), Some("Donald Trump"));
        assert_eq!(trump.mentions.len(), 1);
        assert!(found.windows(2).all(|w| w[0].salience >= w[1].salience));
    }
}
