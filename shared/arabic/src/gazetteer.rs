//! The gazetteer: every name and spelling variant of the knowledge base compiled
//! into one Aho-Corasick automaton over the normalized matching view, built once at
//! start-up.
//!
//! Matching is clitic-aware without stripping: a name matches where it starts a
//! word, or where only proclitics stand before it in the word (و ف ب ك ل and their
//! combinations: والأنبار، بالعراق، فبغداد). Arabic writes ل + ال as لل (للكاظمي =
//! ل + الكاظمي), so every name that begins with the article also gets a key without
//! its alef, valid only after ل. A name must end where the word ends: العراقي
//! ("Iraqi") is an adjective, not a mention of العراق. Among overlapping matches the
//! leftmost-longest wins (جهاز مكافحة الإرهاب over مكافحة الإرهاب).
//!
//! Short forms (a person's family name alone, الكاظمي) are keys flagged `short`:
//! the entity extractor accepts them only where the full name occurs in the same
//! article, so one surname shared by two people never links blindly.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::kb::KbEntry;
use crate::normalize::{self, Normalized};

#[derive(Debug, Clone, Copy)]
struct Key {
    entry: u32,
    /// The key lost the alef of its article (لل form): only valid after ل.
    after_lam: bool,
    short: bool,
}

/// A name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
    /// Character offsets into the original text.
    pub start: usize,
    pub end: usize,
    /// A short form (family name alone) that needs the full name in the article.
    pub short: bool,
}

pub struct Gazetteer {
    entries: Vec<KbEntry>,
    /// Every key, walked from the places a name may start ([`name_starts`]), never slid
    /// over the whole text.
    automaton: NFA,
    /// Its anchored start state.
    start: aho_corasick::automaton::StateID,
    keys: Vec<Key>,
    /// The keys as strings, for a [`Joint`] automaton (and the test that checks the
    /// walks against an overlapping search).
    patterns: Vec<String>,
    by_id: HashMap<String, usize>,
    /// Normalized forms of every name, for the clitic analyser's lexicon check.
    known: std::collections::HashSet<String, FnvBuild>,
}

/// FNV-1a: the clitic analyser asks the lexicon about every candidate stem of every
/// word, and these keys are short; SipHash's DoS resistance buys nothing for a fixed
/// knowledge base and costs a third of the analysis time.
#[derive(Debug, Clone, Copy, Default)]
pub struct FnvBuild;

/// The hasher of [`FnvBuild`].
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

impl std::hash::BuildHasher for FnvBuild {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

/// Which entry wins when two share a spelling: places by administrative weight
/// (a governorate over the district or city of the same name), then people and
/// organisations, in file order otherwise.
fn kind_rank(entry: &KbEntry) -> u8 {
    match entry.kind.as_str() {
        "country" => 0,
        "governorate" | "region" => 1,
        "city" => 2,
        "district" => 3,
        "subdistrict" => 4,
        "site" => 5,
        _ => 6,
    }
}

impl Gazetteer {
    pub fn new(entries: Vec<KbEntry>) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut keys: Vec<Key> = Vec::new();
        let mut seen: HashMap<(String, bool), usize> = HashMap::new();
        let mut known = std::collections::HashSet::with_hasher(FnvBuild);
        let mut add = |norm: String,
                       key: Key,
                       patterns: &mut Vec<String>,
                       keys: &mut Vec<Key>,
                       entries: &[KbEntry]| {
            if norm.chars().count() < 2 {
                return;
            }
            match seen.get(&(norm.clone(), key.after_lam)) {
                Some(&i) => {
                    // Same spelling, two entries: keep the stronger claim.
                    let old = keys[i];
                    let better = (old.short && !key.short)
                        || (old.short == key.short
                            && kind_rank(&entries[key.entry as usize])
                                < kind_rank(&entries[old.entry as usize]));
                    if better {
                        keys[i] = key;
                    }
                }
                None => {
                    seen.insert((norm.clone(), key.after_lam), patterns.len());
                    patterns.push(norm);
                    keys.push(key);
                }
            }
        };
        for (index, entry) in entries.iter().enumerate() {
            let entry_index = index as u32;
            let mut names: Vec<&str> = vec![entry.name_ar.as_str()];
            names.extend(entry.variants.iter().map(String::as_str));
            for name in names {
                let norm = matching_key(name);
                if norm.is_empty() {
                    continue;
                }
                known.insert(norm.clone());
                if let Some(rest) = norm.strip_prefix("ال") {
                    add(
                        format!("ل{rest}"),
                        Key {
                            entry: entry_index,
                            after_lam: true,
                            short: false,
                        },
                        &mut patterns,
                        &mut keys,
                        &entries,
                    );
                }
                add(
                    norm,
                    Key {
                        entry: entry_index,
                        after_lam: false,
                        short: false,
                    },
                    &mut patterns,
                    &mut keys,
                    &entries,
                );
            }
            if entry.entity_type == "PERSON" {
                if let Some(short) = family_name(&entry.name_ar) {
                    if let Some(rest) = short.strip_prefix("ال") {
                        add(
                            format!("ل{rest}"),
                            Key {
                                entry: entry_index,
                                after_lam: true,
                                short: true,
                            },
                            &mut patterns,
                            &mut keys,
                            &entries,
                        );
                    }
                    add(
                        short,
                        Key {
                            entry: entry_index,
                            after_lam: false,
                            short: true,
                        },
                        &mut patterns,
                        &mut keys,
                        &entries,
                    );
                }
            }
        }
        // An automaton walked from each place a name may start (`name_starts`: a word's start, or
        // behind its proclitics), not an overlapping search over the whole text: a
        // match must start there anyway, so the matches kept are the same, and a walk
        // leaves the trie within a few letters of most words. The overlapping search
        // (a DFA since it took 25% of enrich's time as a contiguous NFA) still cost
        // 11% of enrich's time for this automaton and 9% for the three term lexicons
        // (enrich now walks all four at once: see [`Joint`]).
        let (automaton, start) = anchored_automaton(&patterns);
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Gazetteer {
            entries,
            automaton,
            start,
            keys,
            patterns,
            by_id,
            known,
        }
    }

    pub fn entries(&self) -> &[KbEntry] {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&KbEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Whether a normalized word or phrase is a known name (the clitic analyser's
    /// lexicon check: بغداد is known, so its ب is not a preposition).
    pub fn is_known(&self, normalized: &str) -> bool {
        self.known.contains(normalized)
    }

    /// Number of compiled keys.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Every name in `text`: clitic-aware, word-bounded, leftmost-longest.
    pub fn find(&self, text: &str) -> Vec<GazMatch> {
        let view = matching_view(text);
        self.find_in(&view)
    }

    /// As [`Gazetteer::find`], over a matching view built once per article (and
    /// shared by every lexicon: the places names may start are found once per view).
    pub fn find_in(&self, view: &Normalized) -> Vec<GazMatch> {
        // Every key occurrence that starts at a start, in order of start then end;
        // keys of the same spelling in the automaton's order (as an overlapping
        // search reports them).
        let mut candidates: Vec<(usize, usize, Key)> = Vec::new();
        walk(
            &self.automaton,
            self.start,
            view,
            |pattern, s, at, prefix| {
                let key = self.keys[pattern];
                if key.fits_after(prefix) {
                    candidates.push((s, at, key));
                }
            },
        );
        leftmost_longest(view, candidates)
    }
}

/// The keys of several gazetteers (the knowledge base and the term lexicons) in one
/// automaton, walked once from each start instead of once per gazetteer: each one's
/// matches are the same as its own [`Gazetteer::find_in`] gives, since a key's
/// occurrences do not depend on the other keys beside it and each gazetteer's keys keep
/// their order.
pub struct Joint {
    automaton: NFA,
    start: aho_corasick::automaton::StateID,
    /// Each key's gazetteer (its place in the parts) and key.
    keys: Vec<(usize, Key)>,
    parts: usize,
}

impl Joint {
    pub fn new(parts: &[&Gazetteer]) -> Joint {
        let mut patterns: Vec<&str> = Vec::new();
        let mut keys = Vec::new();
        for (part, g) in parts.iter().enumerate() {
            for (pattern, &key) in g.patterns.iter().zip(&g.keys) {
                patterns.push(pattern);
                keys.push((part, key));
            }
        }
        let (automaton, start) = anchored_automaton(&patterns);
        Joint {
            automaton,
            start,
            keys,
            parts: parts.len(),
        }
    }

    /// Each part's matches in the view, in the order the parts were given.
    pub fn find_in(&self, view: &Normalized) -> Vec<Vec<GazMatch>> {
        let mut candidates: Vec<Vec<(usize, usize, Key)>> = vec![Vec::new(); self.parts];
        walk(
            &self.automaton,
            self.start,
            view,
            |pattern, s, at, prefix| {
                let (part, key) = self.keys[pattern];
                if key.fits_after(prefix) {
                    candidates[part].push((s, at, key));
                }
            },
        );
        candidates
            .into_iter()
            .map(|c| leftmost_longest(view, c))
            .collect()
    }
}

/// An automaton of `patterns` for anchored walks, and its start state. A contiguous
/// NFA: anchored walks follow no failure links, and a DFA's full rows (every byte class
/// of every state) took 7.1 MB for the knowledge base's 2,260 keys, most transitions a
/// cache miss, where the NFA's sparse states take 375 KB (-13% user CPU of `marsad
/// enrich` over the ANT corpus, the same matches).
fn anchored_automaton<P: AsRef<[u8]>>(patterns: &[P]) -> (NFA, aho_corasick::automaton::StateID) {
    let automaton = aho_corasick::nfa::contiguous::Builder::new()
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .expect("gazetteer automaton");
    let start = automaton
        .start_state(Anchored::Yes)
        .expect("anchored start state");
    (automaton, start)
}

/// Walks `aut` from every place in the view a name may start and calls `found` with
/// (pattern, start, end, the proclitics before the start) for every key that ends at a
/// word's end and starts exactly there.
fn walk(
    aut: &NFA,
    start: aho_corasick::automaton::StateID,
    view: &Normalized,
    mut found: impl FnMut(usize, usize, usize, &str),
) {
    let hay = view.as_str();
    let bytes = hay.as_bytes();
    for &(s, prefix_len) in name_starts(view) {
        let s = s as usize;
        let prefix = &hay[s - prefix_len as usize..s];
        let mut sid = start;
        let mut at = s;
        while at < bytes.len() {
            sid = aut.next_state(Anchored::Yes, sid, bytes[at]);
            at += 1;
            if !aut.is_special(sid) {
                continue;
            }
            if aut.is_dead(sid) {
                break;
            }
            if !aut.is_match(sid) || !ends_word(hay, at) {
                continue;
            }
            for i in 0..aut.match_len(sid) {
                let pattern = aut.match_pattern(sid, i);
                // A state also holds the keys that end it as suffixes; they
                // start later, at a start of their own.
                if aut.pattern_len(pattern) == at - s {
                    found(pattern.as_usize(), s, at, prefix);
                }
            }
        }
    }
}

impl Key {
    /// Whether the key may follow `prefix`, the proclitics before it in its word.
    fn fits_after(&self, prefix: &str) -> bool {
        if self.after_lam {
            matches!(prefix, "ل" | "ول" | "فل")
        } else {
            is_proclitic_run(prefix)
        }
    }
}

/// The leftmost-longest, non-overlapping choice among key occurrences (byte spans of
/// the view), as matches in the original text.
fn leftmost_longest(view: &Normalized, mut candidates: Vec<(usize, usize, Key)>) -> Vec<GazMatch> {
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = Vec::new();
    let mut cursor = 0usize;
    for (s, e, key) in candidates {
        if s < cursor {
            continue;
        }
        let (start, end) = view.original_span_of_bytes(s, e);
        out.push(GazMatch {
            entry: key.entry as usize,
            start,
            end,
            short: key.short,
        });
        cursor = e;
    }
    out
}

/// The byte offsets of a matching view where a name may start, each with the length
/// of the proclitics before it in its word: every word start (and every offset after
/// a character that is not a letter), and inside a word behind a proclitic run
/// (والأنبار، للكاظمي; see [`is_proclitic_run`]). Found once per view.
pub fn name_starts(view: &Normalized) -> &[(u32, u8)] {
    view.name_starts.get_or_init(|| {
        let hay = view.as_str();
        let mut out = Vec::with_capacity(hay.len() / 8);
        // The letters before the offset in its word: `run` of them, the first `first`.
        let mut run_start = 0usize;
        let mut run = 0usize;
        let mut first = ' ';
        for (i, c) in hay.char_indices() {
            match run {
                0 => out.push((i as u32, 0)),
                // و ف ب ك ل, then و or ف before ب ل ك: the runs of `is_proclitic_run`.
                1 if matches!(first, 'و' | 'ف' | 'ب' | 'ك' | 'ل') => {
                    out.push((i as u32, (i - run_start) as u8))
                }
                2 if matches!(first, 'و' | 'ف')
                    && matches!(
                        hay[run_start + first.len_utf8()..i].chars().next(),
                        Some('ب' | 'ل' | 'ك')
                    ) =>
                {
                    out.push((i as u32, (i - run_start) as u8))
                }
                _ => {}
            }
            if is_letter(c) {
                if run == 0 {
                    run_start = i;
                    first = c;
                }
                run += 1;
            } else {
                run = 0;
            }
        }
        out
    })
}

/// The matching view of a text: normalized, with `_` read as a space so that the
/// words of a hashtag (#مصطفى_الكاظمي) match like running text.
pub fn matching_view(text: &str) -> Normalized {
    if text.contains('_') {
        normalize::normalize(&text.replace('_', " "))
    } else {
        normalize::normalize(text)
    }
}

/// The key a name is compiled to: normalized, whitespace collapsed.
pub fn matching_key(name: &str) -> String {
    let norm = normalize::normalize_key(&name.replace('_', " "));
    norm.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The family name of a full Arabic name, when it is distinctive enough to stand
/// alone: the last word, carrying the article (الكاظمي، الخفاجي), of a name of two
/// words or more. Names whose last word lacks the article (مقتدى الصدر has it; جو
/// بايدن does not) still give their last word when it is long enough (بايدن).
fn family_name(name_ar: &str) -> Option<String> {
    let key = matching_key(name_ar);
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let last = *words.last()?;
    let letters = last.chars().count();
    if (last.starts_with("ال") && letters >= 5) || (!last.starts_with("ال") && letters >= 4) {
        Some(last.to_string())
    } else {
        None
    }
}

fn is_letter(c: char) -> bool {
    crate::normalize::is_alphanumeric(c)
}

fn ends_word(hay: &str, end: usize) -> bool {
    hay[end..].chars().next().is_none_or(|c| !is_letter(c))
}

#[cfg(test)]
fn word_start(hay: &str, at: usize) -> usize {
    let mut start = at;
    for (i, c) in hay[..at].char_indices().rev() {
        if is_letter(c) {
            start = i;
        } else {
            break;
        }
    }
    start
}

/// Proclitic runs that may stand before a name inside one written word: the
/// conjunctions و and ف, the prepositions ب ك ل, and their combinations (وب، فب،
/// ول، فل، وك، فك). An empty prefix is a word start.
fn is_proclitic_run(prefix: &str) -> bool {
    matches!(
        prefix,
        "" | "و" | "ف" | "ب" | "ك" | "ل" | "وب" | "فب" | "ول" | "فل" | "وك" | "فك"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::parse_jsonl;

    fn sample() -> Gazetteer {
        let kb = r#"{"id":"loc:anbar","type":"LOC","kind":"governorate","name_ar":"الأنبار","name_en":"Anbar","variants":["محافظة الأنبار"],"geo":{"lat":33.0,"lon":42.0,"country":"IQ","adm1":"IQ-AN","precision":"adm1"}}
{"id":"loc:iraq","type":"LOC","kind":"country","name_ar":"العراق","name_en":"Iraq","variants":[]}
{"id":"loc:baghdad","type":"LOC","kind":"governorate","name_ar":"بغداد","name_en":"Baghdad","variants":[]}
{"id":"person:mustafa-al-kadhimi","type":"PERSON","kind":"person","name_ar":"مصطفى الكاظمي","name_en":"Mustafa al-Kadhimi","variants":[]}
{"id":"org:cts","type":"ORG","kind":"security_body","name_ar":"جهاز مكافحة الإرهاب","name_en":"Counter-Terrorism Service","variants":[]}
{"id":"org:isis","type":"ORG","kind":"armed_group","name_ar":"داعش","name_en":"ISIS","variants":["تنظيم الدولة الإسلامية"]}"#;
        Gazetteer::new(parse_jsonl(kb, "sample").unwrap())
    }

    impl Gazetteer {
        /// The search as it was before the walks from [`name_starts`]: every key
        /// occurrence anywhere (an overlapping search), then the same checks.
        fn find_by_scan(&self, view: &Normalized) -> Vec<GazMatch> {
            let hay = view.as_str();
            let automaton = aho_corasick::AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&self.patterns)
                .unwrap();
            let mut candidates: Vec<(usize, usize, Key)> = Vec::new();
            for m in automaton.find_overlapping_iter(hay) {
                let key = self.keys[m.pattern().as_usize()];
                let (s, e) = (m.start(), m.end());
                if !ends_word(hay, e) {
                    continue;
                }
                if key.fits_after(&hay[word_start(hay, s)..s]) {
                    candidates.push((s, e, key));
                }
            }
            leftmost_longest(view, candidates)
        }
    }

    #[test]
    fn name_starts_are_the_offsets_behind_a_proclitic_run() {
        // Every offset whose letters before it in its word are a proclitic run (none,
        // و، ف، ب، ك، ل، وب، فل …), and no other: «والأنبار وللكاظمي فبغداد بال 12»
        // and a hashtag's words.
        for text in [
            "في كركوك والأنبار وديالى، وللكاظمي فبغداد بال 12 #مصطفى_الكاظمي وكـ «ب» لل",
            "ووو ففف ببب ككك للل وبب فلل وكك فكك كب لب بو",
        ] {
            let view = matching_view(text);
            let hay = view.as_str();
            let expected: Vec<(u32, u8)> = hay
                .char_indices()
                .map(|(i, _)| i)
                .filter_map(|i| {
                    let prefix = &hay[word_start(hay, i)..i];
                    is_proclitic_run(prefix).then_some((i as u32, prefix.len() as u8))
                })
                .collect();
            assert_eq!(name_starts(&view), expected.as_slice(), "{text}");
        }
    }

    #[test]
    fn walks_from_starts_find_what_an_overlapping_search_finds() {
        // The knowledge base's gazetteer over the seed articles (real Iraqi news), and
        // over texts that put clitics, the لل form, hashtags, digits and punctuation
        // against its names: the same matches, in the same order, as searching every
        // key everywhere.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/kb");
        let g = Gazetteer::new(crate::kb::load_dir(std::path::Path::new(dir)).unwrap());
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
        let mut texts: Vec<String> = std::fs::read_dir(seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(texts.len() >= 5, "seeds: {}", texts.len());
        let names: Vec<&str> = g.entries().iter().map(|e| e.name_ar.as_str()).collect();
        let glue = [
            "", "و", "ف", "ب", "ل", "ك", "وب", "فل", "ال", "ول", "بال", "x", "3",
        ];
        let after = [" ", "", "ي", "،", ".", "\n", "_", "-", "ية "];
        let mut mixed = String::new();
        for (i, name) in names.iter().enumerate() {
            mixed.push_str(glue[i % glue.len()]);
            mixed.push_str(name);
            mixed.push_str(after[i % after.len()]);
            if i % 7 == 0 {
                mixed.push('#');
                mixed.push_str(&name.replace(' ', "_"));
                mixed.push(' ');
            }
        }
        texts.push(mixed);
        let mut total = 0;
        for text in &texts {
            let view = matching_view(text);
            let walked = g.find_in(&view);
            assert_eq!(walked, g.find_by_scan(&view));
            total += walked.len();
        }
        assert!(total > names.len() / 2, "{total} matches");
    }

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, String, bool)> {
        let chars: Vec<char> = text.chars().collect();
        g.find(text)
            .into_iter()
            .map(|m| {
                (
                    g.entries()[m.entry].id.clone(),
                    chars[m.start..m.end].iter().collect(),
                    m.short,
                )
            })
            .collect()
    }

    #[test]
    fn clitics_before_names_are_read_through() {
        let g = sample();
        // والأنبار: the conjunction و glued to the governorate's name (seed 003).
        let hits = found(&g, "في كركوك والأنبار وديالى");
        assert_eq!(hits, vec![("loc:anbar".into(), "الأنبار".into(), false)]);
        // بالعراق: the preposition ب glued to the article.
        assert_eq!(found(&g, "ساهم بالعراق")[0].0, "loc:iraq");
        // للكاظمي: ل + الكاظمي is written لل, the alef of the article dropped.
        assert_eq!(
            found(&g, "اجتماعٍ للكاظمي ضم"),
            vec![("person:mustafa-al-kadhimi".into(), "لكاظمي".into(), true)]
        );
    }

    #[test]
    fn names_that_begin_with_clitic_letters_stay_whole_and_words_must_end() {
        let g = sample();
        // بغداد begins with ب but is one name.
        assert_eq!(found(&g, "مطار بغداد")[0].1, "بغداد");
        // العراقية / العراقي are adjectives ("Iraqi"), not mentions of Iraq.
        assert!(found(&g, "الحكومة العراقية والجيش العراقي").is_empty());
    }

    #[test]
    fn hashtags_diacritics_and_longest_names() {
        let g = sample();
        let hits = found(
            &g,
            "رئيس الوزراء #مصطفى_الكاظمي وجهاز مكافحة الإرهاب ضد “داعش”",
        );
        assert_eq!(
            hits[0],
            (
                "person:mustafa-al-kadhimi".into(),
                "مصطفى_الكاظمي".into(),
                false
            )
        );
        assert_eq!(hits[1].0, "org:cts");
        assert_eq!(hits[2], ("org:isis".into(), "داعش".into(), false));
        // Tashkeel inside a name does not hide it.
        assert_eq!(found(&g, "الأنْبار")[0].0, "loc:anbar");
    }
}
