//! A statistical named-entity tagger: PERSON, ORG, LOC and MISC in BIO tags.
//!
//! A first-order structured perceptron (Collins 2002) with weight averaging over BIOES
//! labels (a name's first, inner and last word and a one-word name apart), decoded
//! with Viterbi and given back as BIO. Features of a token come from the text core: the normalized word and
//! its neighbours, the stem the clitic analyser gives (بالعراق → العراق), prefixes and
//! suffixes, the word's shape, name lists (which list a word or a stretch of words
//! belongs to, and where in it; which listed names a word is part of), and a lexicon of
//! another labelled corpus (how often WikiFANE has the stem inside each entity type). Features are hashed to 64 bits and kept only when seen
//! in training, so the model is a map from feature to nine weights.
//!
//! Everything here is pure: training reads sentences given to it, the model is written
//! to and read from bytes by the caller.

// Tag indices run over weight rows, transition matrices and Viterbi tables at once;
// index loops say that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::clitics;
use crate::gazetteer::FnvBuild;
use crate::normalize::normalize_key;

/// The tags, in a fixed order (weights are stored in this order).
pub const TAGS: [&str; 9] = [
    "O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// The labels the tagger learns and decodes (BIOES: a name's first, inner and last word
/// and a one-word name are told apart; Ratinov & Roth 2009). Its outputs are BIO
/// ([`TAGS`]); weights are stored in this order.
const LABELS: [&str; 17] = [
    "O", "B-PERS", "I-PERS", "E-PERS", "S-PERS", "B-ORG", "I-ORG", "E-ORG", "S-ORG", "B-LOC",
    "I-LOC", "E-LOC", "S-LOC", "B-MISC", "I-MISC", "E-MISC", "S-MISC",
];
const N: usize = LABELS.len();

/// BIO tags as BIOES labels (spans read by CoNLL rules, as [`spans`] does).
fn to_labels(tags: &[usize]) -> Vec<usize> {
    let mut out = vec![0; tags.len()];
    for (start, end, kind) in spans(tags) {
        let base = 1 + 4 * KINDS[1..].iter().position(|k| *k == kind).unwrap_or(3);
        if end - start == 1 {
            out[start] = base + 3;
        } else {
            out[start] = base;
            for x in &mut out[start + 1..end - 1] {
                *x = base + 1;
            }
            out[end - 1] = base + 2;
        }
    }
    out
}

/// BIOES labels as BIO tags (E is I, S is B).
fn to_bio(labels: &[usize]) -> Vec<usize> {
    labels
        .iter()
        .map(|&l| match l {
            0 => 0,
            l => {
                let kind = (l - 1) / 4;
                let first = matches!((l - 1) % 4, 0 | 3);
                1 + 2 * kind + usize::from(!first)
            }
        })
        .collect()
}

/// The index of a tag name (`B-PER` and `B-PERSON` are read as `B-PERS`).
pub fn tag_index(tag: &str) -> Option<usize> {
    let tag = match tag {
        "B-PER" | "B-PERSON" => "B-PERS",
        "I-PER" | "I-PERSON" => "I-PERS",
        other => other,
    };
    TAGS.iter().position(|t| *t == tag)
}

/// [`allowed`] for every pair, the row `N` for the start of a sentence (Viterbi's inner
/// loop reads it 81 times a token).
fn allowed_table() -> [[bool; N]; N + 1] {
    let mut table = [[false; N]; N + 1];
    for a in 0..=N {
        for b in 0..N {
            table[a][b] = allowed((a < N).then_some(a), b);
        }
    }
    table
}

/// Whether label `b` may follow label `a` (`None`: the start of a sentence): I- and E-
/// continue a B- or I- of their own type, anything else follows O, E- or S-.
fn allowed(a: Option<usize>, b: usize) -> bool {
    let (pb, kb) = LABELS[b].split_once('-').unwrap_or(("O", ""));
    let (pa, ka) = a.map_or(("O", ""), |a| {
        LABELS[a].split_once('-').unwrap_or(("O", ""))
    });
    let open = matches!(pa, "B" | "I");
    match pb {
        "I" | "E" => open && ka == kb,
        _ => !open,
    }
}

/// Whether a sentence may end on label `a` (not inside a name).
fn allowed_end(a: usize) -> bool {
    !matches!(LABELS[a].split_once('-'), Some(("B" | "I", _)))
}

/// Name lists the features consult: each maps a normalized name (one or more words)
/// to its class (`PERS`, `ORG`, `LOC`, `MISC`).
#[derive(Debug, Default, Clone)]
pub struct NameLists {
    names: HashMap<String, &'static str, FnvBuild>,
    /// The proper word prefixes of the names (`جورج` of `جورج بوش`): the longest-match
    /// loop stops as soon as the words it has read begin no name.
    prefixes: HashSet<String, FnvBuild>,
    /// Words in the longest name.
    longest: usize,
    /// Word clusters learned from unlabeled news: stem → cluster id per granularity.
    clusters: HashMap<String, Vec<u32>, FnvBuild>,
    /// Each word of a listed name: one bit per (class, place in the name: alone, first,
    /// inside, last), so that a first name the lists know marks a name they do not.
    words: HashMap<String, u16, FnvBuild>,
    /// Stem → how often another labelled corpus (WikiFANE) has it outside any entity
    /// and inside each type (O, PERS, ORG, LOC, MISC).
    lexicon: HashMap<String, [u32; 5], FnvBuild>,
}

impl NameLists {
    pub fn add(&mut self, name: &str, class: &str) {
        let class: &'static str = match class {
            "PERS" | "PERSON" => "PERS",
            "ORG" => "ORG",
            "LOC" => "LOC",
            _ => "MISC",
        };
        let key = normalize_key(name)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if key.is_empty() {
            return;
        }
        let words: Vec<&str> = key.split(' ').collect();
        self.longest = self.longest.max(words.len());
        let c = ["PERS", "ORG", "LOC", "MISC"]
            .iter()
            .position(|k| *k == class)
            .unwrap_or(3);
        for (j, w) in words.iter().enumerate() {
            let place = if words.len() == 1 {
                0
            } else if j == 0 {
                1
            } else if j + 1 == words.len() {
                3
            } else {
                2
            };
            *self.words.entry(w.to_string()).or_default() |= 1 << (c * 4 + place);
        }
        for j in 1..words.len() {
            self.prefixes.insert(words[..j].join(" "));
        }
        self.names.entry(key).or_insert(class);
    }

    /// Counts, per stem, the types `sentences` (another corpus than the training data)
    /// give it. Call after the names are added (stems depend on them).
    pub fn learn_lexicon(&mut self, sentences: &[Sentence]) {
        let mut lexicon: HashMap<String, [u32; 5], FnvBuild> = HashMap::with_hasher(FnvBuild);
        for (tokens, tags) in sentences {
            for (t, &tag) in tokens.iter().zip(tags) {
                let stem = clitics::stem(&normalize_key(t), &|w: &str| self.knows(w)).into_owned();
                if stem.is_empty() {
                    continue;
                }
                lexicon.entry(stem).or_default()[tag.div_ceil(2)] += 1;
            }
        }
        self.lexicon = lexicon;
    }

    /// The lexicon as `stem<TAB>O<TAB>PERS<TAB>ORG<TAB>LOC<TAB>MISC` lines, sorted.
    pub fn lexicon_tsv(&self) -> String {
        let mut rows: Vec<_> = self.lexicon.iter().collect();
        rows.sort();
        let mut out = String::new();
        for (stem, c) in rows {
            out.push_str(&format!(
                "{stem}\t{}\t{}\t{}\t{}\t{}\n",
                c[0], c[1], c[2], c[3], c[4]
            ));
        }
        out
    }

    /// Reads what [`NameLists::lexicon_tsv`] wrote.
    pub fn load_lexicon(&mut self, tsv: &str) {
        for line in tsv.lines() {
            let parts: Vec<&str> = line.split('\t').collect();
            match parts.as_slice() {
                [stem, counts @ ..] if !stem.is_empty() && counts.len() == 5 => {
                    let mut c = [0u32; 5];
                    for (v, p) in c.iter_mut().zip(counts) {
                        *v = p.parse().unwrap_or(0);
                    }
                    self.lexicon.insert(stem.to_string(), c);
                }
                _ => {}
            }
        }
    }

    /// The lists without the lexicon (for training a tagger on the lexicon's corpus).
    pub fn without_lexicon(&self) -> NameLists {
        NameLists {
            lexicon: HashMap::with_hasher(FnvBuild),
            ..self.clone()
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Reads word clusters: `stem<TAB>id<TAB>id…` per line, one id per granularity;
    /// `-` where a word has no cluster at that granularity (files of two clusterings side
    /// by side, each over its own vocabulary).
    pub fn load_clusters(&mut self, tsv: &str) {
        for line in tsv.lines() {
            let mut parts = line.split('\t');
            let Some(word) = parts.next().filter(|w| !w.is_empty()) else {
                continue;
            };
            let ids: Vec<u32> = parts
                .filter_map(|p| match p {
                    "-" => Some(NO_CLUSTER),
                    p => p.parse().ok(),
                })
                .collect();
            if ids.iter().any(|&id| id != NO_CLUSTER) {
                self.clusters.insert(word.to_string(), ids);
            }
        }
    }

    /// A list holds `key` (a normalized name) whole.
    pub fn knows(&self, key: &str) -> bool {
        self.names.contains_key(key)
    }
}

/// A granularity at which a word has no cluster (`-` in the clusters file).
const NO_CLUSTER: u32 = u32::MAX;

/// The item `k` places from `i` (before the sentence when negative), if there is one.
fn near<T>(items: &[T], i: usize, k: isize) -> Option<&T> {
    i.checked_add_signed(k).and_then(|j| items.get(j))
}

/// A word `k` places from `i`, with `<s>` and `</s>` past the sentence's ends.
fn word_near<'s>(items: &'s [Cow<'_, str>], i: usize, k: isize) -> &'s str {
    match i.checked_add_signed(k) {
        None => "<s>",
        Some(j) => items.get(j).map_or("</s>", |w| w),
    }
}

fn p_clusters<'a>(p: &Prepared<'a>, i: usize, k: isize) -> Option<&'a [u32]> {
    near(&p.clusters, i, k).copied().flatten()
}

/// A sentence prepared for tagging: normalized words, stems and name-list marks. The
/// strings are the sentence's own ([`prepare`]) or borrowed from a [`WordCache`]
/// ([`prepare_cached`], no copy per token).
struct Prepared<'a> {
    /// The proclitics the analyser took off each word (و، ب، لل…), empty when none.
    clitics: Vec<Cow<'a, str>>,
    clusters: Vec<Option<&'a [u32]>>,
    words: Vec<Cow<'a, str>>,
    stems: Vec<Cow<'a, str>>,
    /// For each token: (class, position "B"/"I") of the longest list match covering it.
    lists: Vec<Option<(&'static str, &'static str)>>,
    /// The listed-name word bits of each token's word or stem ([`NameLists::words`]).
    marks: Vec<u16>,
    /// The lexicon's counts of each token's stem.
    lexicon: Vec<Option<[u32; 5]>>,
}

type Mark = Option<(&'static str, &'static str)>;

/// For each word, the class and place ("B"/"I") of the longest name of the lists that
/// covers it, left to right.
fn longest_matches(words: &[Cow<str>], stems: &[Cow<str>], lists: &NameLists) -> Vec<Mark> {
    longest_matches_with(words, stems, lists, |_, _, key| {
        (lists.names.get(key).copied(), lists.prefixes.contains(key))
    })
}

/// [`longest_matches`], where `alone(i, f, key)` tells, for token `i`'s word (`f` 0) or
/// stem (`f` 1) `key`, the class of the name it is alone and whether it begins a longer name (the look-ups
/// of one word, which a [`WordCache`] keeps).
fn longest_matches_with(
    words: &[Cow<str>],
    stems: &[Cow<str>],
    lists: &NameLists,
    alone: impl Fn(usize, usize, &str) -> (Option<&'static str>, bool),
) -> Vec<Mark> {
    let mut marks = vec![None; words.len()];
    let mut key = String::with_capacity(64);
    let mut i = 0;
    while i < words.len() {
        let most = lists.longest.min(words.len() - i);
        // The longest match; between the word as written and its stem, as written
        // first when both give a name of the same length.
        let mut best: Option<(usize, &'static str)> = None;
        // The first word may carry clitics (وبغداد، للكاظمي): try it as written and
        // as its stem. The words are read one more at a time as long as they begin a
        // listed name.
        for (f, first) in [&*words[i], &*stems[i]].into_iter().enumerate() {
            let (first_class, first_begins) = alone(i, f, first);
            key.clear();
            key.push_str(first);
            let mut len = 1;
            while len <= most {
                let (class, begins) = if len == 1 {
                    (first_class, first_begins)
                } else {
                    (
                        lists.names.get(key.as_str()).copied(),
                        len < most && lists.prefixes.contains(key.as_str()),
                    )
                };
                if let Some(class) = class {
                    if best.is_none_or(|(l, _)| len > l) {
                        best = Some((len, class));
                    }
                }
                if len == 1 && most >= 2 && words[i + 1].is_empty() {
                    // As the loop that joined the words gave it: after a word that
                    // normalizes to nothing the key was the first word alone, so a
                    // name runs on over that word.
                    if let Some(class) = class {
                        if best.is_none_or(|(l, _)| 2 > l) {
                            best = Some((2, class));
                        }
                    }
                }
                if len == most || !begins {
                    break;
                }
                key.push(' ');
                key.push_str(&words[i + len]);
                len += 1;
            }
        }
        let matched = match best {
            Some((len, class)) => {
                marks[i] = Some((class, "B"));
                for mark in marks.iter_mut().take(i + len).skip(i + 1) {
                    *mark = Some((class, "I"));
                }
                len
            }
            None => 1,
        };
        i += matched;
    }
    marks
}

fn prepare<'a>(tokens: &[&str], lists: &'a NameLists) -> Prepared<'a> {
    let words: Vec<Cow<str>> = tokens.iter().map(|t| normalize_key(t).into()).collect();
    let known = |w: &str| lists.knows(w);
    let (stems, proclitics): (Vec<Cow<str>>, Vec<Cow<str>>) = words
        .iter()
        .map(|w| {
            clitics::analyze(w, &known)
                .into_iter()
                .next()
                .map_or((w.clone(), Cow::Borrowed("")), |a| {
                    (a.stem.into_owned().into(), a.prefix.to_string().into())
                })
        })
        .unzip();
    let marks = longest_matches(&words, &stems, lists);
    let clusters = stems
        .iter()
        .map(|s| lists.clusters.get(&**s).map(Vec::as_slice))
        .collect();
    let word_marks = words
        .iter()
        .zip(&stems)
        .map(|(w, s)| {
            lists.words.get(&**w).copied().unwrap_or(0)
                | lists.words.get(&**s).copied().unwrap_or(0)
        })
        .collect();
    let lexicon = if lists.lexicon.is_empty() {
        Vec::new()
    } else {
        stems
            .iter()
            .map(|s| lists.lexicon.get(&**s).copied())
            .collect()
    };
    Prepared {
        clitics: proclitics,
        clusters,
        words,
        stems,
        lists: marks,
        marks: word_marks,
        lexicon,
    }
}

/// A feature's hash: FNV-1a over its parts, each followed by 0x1f.
fn hash(parts: &[&str]) -> u64 {
    parts.iter().fold(H::new(), |h, part| h.part(part)).0
}

/// FNV-1a fed piece by piece, the same hash as [`hash`] without building the parts
/// as strings: `H::new().part("pre").part(p).0 == hash(&["pre", p])`.
#[derive(Clone, Copy)]
struct H(u64);

impl H {
    #[inline]
    fn new() -> H {
        H(0xcbf2_9ce4_8422_2325)
    }

    #[inline]
    fn bytes(mut self, bytes: &[u8]) -> H {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    /// The end of a part.
    #[inline]
    fn end(self) -> H {
        self.bytes(&[0x1f])
    }

    #[inline]
    fn part(self, s: &str) -> H {
        self.bytes(s.as_bytes()).end()
    }

    /// A number as its decimal digits (what `n.to_string()` would give).
    #[inline]
    fn num(self, mut n: usize) -> H {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.bytes(&digits[at..]).end()
    }
}

/// The byte offsets at which the first `k` characters of `word` end, and at which its
/// last `k` begin (k = 1..=4, as far as the word goes).
fn char_cuts(word: &str) -> ([usize; 4], [usize; 4], usize) {
    let mut heads = [0usize; 4];
    let mut tails = [0usize; 4];
    let mut n = 0;
    for (k, (at, c)) in word.char_indices().take(4).enumerate() {
        heads[k] = at + c.len_utf8();
        n = k + 1;
    }
    for (k, (at, _)) in word.char_indices().rev().take(4).enumerate() {
        tails[k] = at;
    }
    (heads, tails, n)
}

fn shape(word: &str) -> &'static str {
    let mut chars = word.chars();
    match chars.next() {
        None => "empty",
        Some(c) if c.is_ascii_digit() => "digit",
        Some(c) if c.is_ascii_alphabetic() => "latin",
        Some(c) if ('\u{0621}'..='\u{064A}').contains(&c) || c.is_alphabetic() => {
            match word.chars().count() {
                1..=2 => "short",
                3..=5 => "mid",
                _ => "long",
            }
        }
        Some(_) => "punct",
    }
}

/// The first pass's features of every token of a sentence.
/// [`prepare`] of a labelled sentence's tokens.
fn prepare_sentence<'a>(tokens: &[String], lists: &'a NameLists) -> Prepared<'a> {
    let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
    prepare(&refs, lists)
}

fn base_features(p: &Prepared) -> Vec<Vec<u64>> {
    (0..p.words.len())
        .map(|i| {
            // Room for the second pass's features too.
            let mut f = Vec::with_capacity(96);
            features(p, i, &mut f);
            f
        })
        .collect()
}

/// The feature hashes of token `i`.
fn features(p: &Prepared, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = |k: isize| word_near(&p.words, i, k);
    let s = |k: isize| word_near(&p.stems, i, k);
    let word = w(0);
    out.push(hash(&["bias"]));
    out.push(hash(&["w", word]));
    out.push(hash(&["s", s(0)]));
    out.push(hash(&["w-1", w(-1)]));
    out.push(hash(&["w+1", w(1)]));
    out.push(hash(&["w-2", w(-2)]));
    out.push(hash(&["w+2", w(2)]));
    out.push(hash(&["s-1", s(-1)]));
    out.push(hash(&["s+1", s(1)]));
    out.push(hash(&["w-1w", w(-1), word]));
    out.push(hash(&["ww+1", word, w(1)]));
    out.push(hash(&["shape", shape(word)]));
    out.push(hash(&["shape-1", shape(w(-1)), shape(word)]));
    let (heads, tails, n) = char_cuts(word);
    let (pre, suf) = (H::new().part("pre"), H::new().part("suf"));
    for k in 1..=n {
        out.push(pre.part(&word[..heads[k - 1]]).0);
        out.push(suf.part(&word[tails[k - 1]..]).0);
    }
    let stem = s(0);
    let (heads, tails, n) = char_cuts(stem);
    let (pre, suf) = (H::new().part("spre"), H::new().part("ssuf"));
    for k in 2..=n.min(3) {
        out.push(pre.part(&stem[..heads[k - 1]]).0);
        out.push(suf.part(&stem[tails[k - 1]..]).0);
    }
    out.push(hash(&["w-1w+1", w(-1), w(1)]));
    out.push(hash(&["s-1s", s(-1), s(0)]));
    let list = |k: isize| near(&p.lists, i, k).copied().flatten();
    match list(0) {
        Some((class, pos)) => {
            out.push(hash(&["list", class, pos]));
            out.push(hash(&["list-w", class, word]));
        }
        None => out.push(hash(&["list", "none"])),
    }
    for (k, name) in [(0isize, "c0"), (-1, "c-1"), (1, "c+1")] {
        if let Some(ids) = p_clusters(p, i, k) {
            let h = H::new().part(name);
            for (g, &id) in ids.iter().enumerate() {
                if id != NO_CLUSTER {
                    out.push(h.num(g).num(id as usize).0);
                }
            }
        }
    }
    if let Some((class, _)) = list(-1) {
        out.push(hash(&["list-1", class]));
    }
    {
        // The proclitics: بـ and لـ before a place or a person, و before a name
        // continuing a list.
        let cl = |k: isize| near(&p.clitics, i, k).map_or("<s>", |c| c);
        out.push(hash(&["pc", cl(0)]));
        out.push(hash(&["pc-1", cl(-1)]));
        if let Some(id) = p_clusters(p, i, 0)
            .and_then(|ids| ids.get(1).or(ids.first()))
            .filter(|&&id| id != NO_CLUSTER)
        {
            out.push(H::new().part("pc-c").part(cl(0)).num(*id as usize).0);
        }
        out.push(hash(&["pc-s-1", cl(0), s(-1)]));
    }
    // The words of listed names: "first word of a person" marks جورج in an unlisted
    // جورج كلوني.
    for (k, name) in [(0isize, "tm0"), (-1, "tm-1"), (1, "tm+1")] {
        let m = near(&p.marks, i, k).copied().unwrap_or(0);
        for bit in 0..16u16 {
            if m & (1 << bit) != 0 {
                out.push(hash(&[name, BITS[bit as usize]]));
            }
        }
    }
    // What the lexicon corpus says of the stem and its neighbours: a verb after a name
    // (رونالدو عانق) is "never an entity" there, a foreign surname "always a person".
    for (k, name) in [(0isize, "lx0"), (-1, "lx-1"), (1, "lx+1")] {
        match near(&p.lexicon, i, k) {
            Some(Some(c)) => {
                let (kind, share) = lexicon_class(c);
                out.push(hash(&[name, kind, share]));
                if k == 0 {
                    let seen = if c.iter().sum::<u32>() >= 5 {
                        "often"
                    } else {
                        "rare"
                    };
                    out.push(hash(&[name, kind, share, seen]));
                }
            }
            Some(None) => out.push(hash(&[name, "unseen"])),
            None if !p.lexicon.is_empty() => out.push(hash(&[name, "edge"])),
            None => {}
        }
    }
}

const BITS: [&str; 16] = [
    "PERS-1", "PERS-B", "PERS-I", "PERS-E", "ORG-1", "ORG-B", "ORG-I", "ORG-E", "LOC-1", "LOC-B",
    "LOC-I", "LOC-E", "MISC-1", "MISC-B", "MISC-I", "MISC-E",
];

/// The offsets whose word alone decides a share of a token's features ([`word_features`]).
const OFFSETS: [isize; 5] = [-2, -1, 0, 1, 2];

/// The features of token `i` that depend on the word at `i + k` alone (or on the
/// sentence's edge there), for `k` in [`OFFSETS`]: with [`context_features`], the same
/// hashes as [`features`] (a test checks it), grouped so that a word's share can be
/// summed once and cached ([`WordCache`]). Keep the three in step.
fn word_features(p: &Prepared, i: usize, k: isize, out: &mut Vec<u64>) {
    let w = word_near(&p.words, i, k);
    let s = word_near(&p.stems, i, k);
    let cl = near(&p.clitics, i, k).map_or("<s>", |c| c);
    let (name_w, name_s, name_c, name_tm, name_lx) = match k {
        -2 => {
            out.push(hash(&["w-2", w]));
            return;
        }
        2 => {
            out.push(hash(&["w+2", w]));
            return;
        }
        -1 => ("w-1", "s-1", "c-1", "tm-1", "lx-1"),
        1 => ("w+1", "s+1", "c+1", "tm+1", "lx+1"),
        _ => ("w", "s", "c0", "tm0", "lx0"),
    };
    if k == 0 {
        out.push(hash(&["bias"]));
    }
    out.push(hash(&[name_w, w]));
    out.push(hash(&[name_s, s]));
    if k == 0 {
        out.push(hash(&["shape", shape(w)]));
        let (heads, tails, n) = char_cuts(w);
        let (pre, suf) = (H::new().part("pre"), H::new().part("suf"));
        for j in 1..=n {
            out.push(pre.part(&w[..heads[j - 1]]).0);
            out.push(suf.part(&w[tails[j - 1]..]).0);
        }
        let (heads, tails, n) = char_cuts(s);
        let (pre, suf) = (H::new().part("spre"), H::new().part("ssuf"));
        for j in 2..=n.min(3) {
            out.push(pre.part(&s[..heads[j - 1]]).0);
            out.push(suf.part(&s[tails[j - 1]..]).0);
        }
    }
    if let Some(ids) = p_clusters(p, i, k) {
        let h = H::new().part(name_c);
        for (g, &id) in ids.iter().enumerate() {
            if id != NO_CLUSTER {
                out.push(h.num(g).num(id as usize).0);
            }
        }
    }
    match k {
        0 => {
            out.push(hash(&["pc", cl]));
            if let Some(id) = p_clusters(p, i, 0)
                .and_then(|ids| ids.get(1).or(ids.first()))
                .filter(|&&id| id != NO_CLUSTER)
            {
                out.push(H::new().part("pc-c").part(cl).num(*id as usize).0);
            }
        }
        -1 => out.push(hash(&["pc-1", cl])),
        _ => {}
    }
    let m = near(&p.marks, i, k).copied().unwrap_or(0);
    for bit in 0..16u16 {
        if m & (1 << bit) != 0 {
            out.push(hash(&[name_tm, BITS[bit as usize]]));
        }
    }
    match near(&p.lexicon, i, k) {
        Some(Some(c)) => {
            let (kind, share) = lexicon_class(c);
            out.push(hash(&[name_lx, kind, share]));
            if k == 0 {
                let seen = if c.iter().sum::<u32>() >= 5 {
                    "often"
                } else {
                    "rare"
                };
                out.push(hash(&[name_lx, kind, share, seen]));
            }
        }
        Some(None) => out.push(hash(&[name_lx, "unseen"])),
        None if !p.lexicon.is_empty() => out.push(hash(&[name_lx, "edge"])),
        None => {}
    }
}

/// The features of token `i` that read more than one word (or the name lists' longest
/// match, which depends on the words around): the rest of [`features`].
fn context_features(p: &Prepared, i: usize, out: &mut Vec<u64>) {
    let w = |k: isize| word_near(&p.words, i, k);
    let s = |k: isize| word_near(&p.stems, i, k);
    let word = w(0);
    out.push(hash(&["w-1w", w(-1), word]));
    out.push(hash(&["ww+1", word, w(1)]));
    out.push(hash(&["shape-1", shape(w(-1)), shape(word)]));
    out.push(hash(&["w-1w+1", w(-1), w(1)]));
    out.push(hash(&["s-1s", s(-1), s(0)]));
    let list = |k: isize| near(&p.lists, i, k).copied().flatten();
    match list(0) {
        Some((class, pos)) => {
            out.push(hash(&["list", class, pos]));
            out.push(hash(&["list-w", class, word]));
        }
        None => out.push(hash(&["list", "none"])),
    }
    if let Some((class, _)) = list(-1) {
        out.push(hash(&["list-1", class]));
    }
    let cl = |k: isize| near(&p.clitics, i, k).map_or("<s>", |c| c);
    out.push(hash(&["pc-s-1", cl(0), s(-1)]));
}

/// The lexicon's verdict on a stem: its most frequent entity type and how much of the
/// time the stem is inside an entity at all.
fn lexicon_class(c: &[u32; 5]) -> (&'static str, &'static str) {
    let total: u32 = c.iter().sum();
    let entity: u32 = c[1..].iter().sum();
    if entity == 0 {
        return ("O", "none");
    }
    let kind = (1..5)
        .max_by_key(|&k| (c[k], std::cmp::Reverse(k)))
        .unwrap_or(1);
    let share = entity as f64 / total.max(1) as f64;
    let share = if share >= 0.9 {
        "all"
    } else if share >= 0.5 {
        "most"
    } else if share >= 0.1 {
        "some"
    } else {
        "rare"
    };
    (KINDS[kind], share)
}

/// A trained model: feature → nine weights, and tag-to-tag transition weights. A
/// two-stage model (see [`Model::train_documents`]) also holds the first-pass tagger
/// whose predictions over a document are features of the second pass.
#[derive(Debug, Clone, Default)]
pub struct Model {
    weights: Table,
    transitions: [[f32; N]; N + 1],
    first: Option<Box<Model>>,
    /// A tagger trained on another corpus whose tags are features of the second pass.
    aux: Option<Box<Model>>,
    /// A two-stage model's three weight tables in one, for tagging (see [`Joint`]).
    joint: Option<Box<Joint>>,
}

/// Where a feature's weights are in a [`Joint`] table: `mask` has bit m set when model
/// m (0 the first pass, 1 the other corpus's tagger, 2 the second pass) has the
/// feature; its rows are `data[at..]`, one per set bit, in model order.
#[derive(Debug, Clone, Copy, Default)]
struct JointSlot {
    key: u64,
    at: u32,
    mask: u8,
}

/// The weights of the three models of a two-stage tagger under one key look-up. All
/// three read the same first-pass features, so that one probe (and the one or two
/// cache lines of rows behind it) serves the three, instead of a cache miss in each of
/// three tables. Sums are taken in the same order as the separate tables', so the
/// scores are the same to the bit.
#[derive(Debug, Clone, Default)]
struct Joint {
    slots: Vec<JointSlot>,
    /// 64 − log2(slots).
    shift: u32,
    data: Vec<[f32; N]>,
    /// The slot of the feature whose hash is 0 (0 marks an empty slot).
    zero: Option<JointSlot>,
    /// A bit per [`Joint::bit`] of every key: a key whose bit is clear is not in the
    /// table, known from an array small enough to stay in cache (most features of a
    /// token, word pairs above all, are not in the model).
    filter: Vec<u64>,
    /// 64 − log2(bits of `filter`).
    filter_shift: u32,
}

impl Joint {
    fn new(models: [Option<&Table>; 3]) -> Joint {
        let mut rows: Vec<(u64, usize, &[f32; N])> = Vec::new();
        for (m, table) in models.iter().enumerate() {
            if let Some(table) = table {
                rows.extend(table.iter().map(|(k, w)| (k, m, w)));
            }
        }
        // (key, model) pairs are unique: an unstable sort gives the one order.
        rows.sort_unstable_by_key(|&(k, m, _)| (k, m));
        let keys = rows.chunk_by(|a, b| a.0 == b.0).count();
        let size = (keys * 8 / 5).next_power_of_two().max(16);
        let bits = (keys * 4).next_power_of_two().max(64);
        let mut joint = Joint {
            slots: vec![JointSlot::default(); size],
            shift: 64 - size.trailing_zeros(),
            data: Vec::with_capacity(rows.len()),
            zero: None,
            filter: vec![0; bits / 64],
            filter_shift: 64 - bits.trailing_zeros(),
        };
        for group in rows.chunk_by(|a, b| a.0 == b.0) {
            let key = group[0].0;
            let mut slot = JointSlot {
                key,
                at: joint.data.len() as u32,
                mask: 0,
            };
            for &(_, m, w) in group {
                slot.mask |= 1 << m;
                joint.data.push(*w);
            }
            if key == 0 {
                joint.zero = Some(slot);
                continue;
            }
            let bit = joint.bit(key);
            joint.filter[bit / 64] |= 1 << (bit % 64);
            let mut at = joint.home(key);
            while joint.slots[at].key != 0 {
                at = (at + 1) & (size - 1);
            }
            joint.slots[at] = slot;
        }
        joint
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The bit of `key` in `filter` (another multiplier than [`Joint::home`]'s).
    #[inline]
    fn bit(&self, key: u64) -> usize {
        (key.wrapping_mul(0xff51_afd7_ed55_8ccd) >> self.filter_shift) as usize
    }

    /// Whether `key` (not 0) may be in the table: false means it is not.
    #[inline]
    fn may_have(&self, key: u64) -> bool {
        let bit = self.bit(key);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The slot of key `f` (not ruled out by the filter) whose home slot holds `home`
    /// (an empty slot when the filter ruled `f` out): the rest of the probe.
    #[inline]
    fn resolve(&self, f: u64, home: JointSlot) -> Option<JointSlot> {
        if f == 0 {
            return self.zero;
        }
        if home.key == f {
            return Some(home);
        }
        if home.key == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = (self.home(f) + 1) & mask;
        loop {
            let slot = self.slots[at];
            if slot.key == f {
                return Some(slot);
            }
            if slot.key == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// The slot of every key of `feats` (`None` for a key not in the table), in order,
    /// into `found`. The home slots of a batch are read before any probe is finished
    /// (loads that wait neither for one another nor for a branch, so that their cache
    /// misses overlap): a whole sentence's features at once give more of them.
    fn find_all(&self, feats: &[u64], found: &mut Vec<Option<JointSlot>>) {
        const BATCH: usize = 64;
        found.clear();
        for chunk in feats.chunks(BATCH) {
            let mut homes = [JointSlot::default(); BATCH];
            for (&f, home) in chunk.iter().zip(homes.iter_mut()) {
                // A key the filter rules out keeps an empty home: not found.
                if self.may_have(f) {
                    *home = self.slots[self.home(f)];
                }
            }
            for (&f, &home) in chunk.iter().zip(&homes) {
                found.push(self.resolve(f, home));
            }
        }
    }

    /// Adds the rows of `slot` to the sums of the models that have them.
    #[inline]
    fn add_rows(&self, slot: &JointSlot, s: &mut [[f32; N]; 3]) {
        let mut row = slot.at as usize;
        for (m, s) in s.iter_mut().enumerate() {
            if slot.mask & (1 << m) != 0 {
                let w = &self.data[row];
                for k in 0..N {
                    s[k] += w[k];
                }
                row += 1;
            }
        }
    }

    /// The three models' sums over `feats`, each in the order of `feats`. The keys'
    /// home slots are read first, all of them (loads that do not wait for one another
    /// nor for a branch, so that their cache misses overlap), then the probes are
    /// finished and the found rows read, then summed.
    fn scores(&self, feats: &[u64]) -> [[f32; N]; 3] {
        const BATCH: usize = 32;
        let mut s = [[0f32; N]; 3];
        for chunk in feats.chunks(BATCH) {
            let mut homes = [JointSlot::default(); BATCH];
            for (&f, home) in chunk.iter().zip(homes.iter_mut()) {
                // A key the filter rules out keeps an empty home: not found.
                if self.may_have(f) {
                    *home = self.slots[self.home(f)];
                }
            }
            let mut found = [JointSlot::default(); BATCH];
            let mut n = 0;
            for (&f, &home) in chunk.iter().zip(&homes) {
                if let Some(slot) = self.resolve(f, home) {
                    found[n] = slot;
                    n += 1;
                }
            }
            for slot in &found[..n] {
                self.add_rows(slot, &mut s);
            }
        }
        s
    }

    /// Model `m`'s rows (0 the first pass, 1 the other corpus's tagger, 2 the second).
    fn rows(&self, m: usize) -> Vec<(u64, [f32; N])> {
        self.zero
            .iter()
            .chain(self.slots.iter().filter(|s| s.key != 0))
            .filter(|s| s.mask & (1 << m) != 0)
            .map(|s| {
                let before = (s.mask & ((1 << m) - 1)).count_ones() as usize;
                (s.key, self.data[s.at as usize + before])
            })
            .collect()
    }

    /// How many features model `m` has.
    fn count(&self, m: usize) -> usize {
        self.zero
            .iter()
            .chain(self.slots.iter().filter(|s| s.key != 0))
            .filter(|s| s.mask & (1 << m) != 0)
            .count()
    }

    /// Adds the second pass's weights of the `found` slots ([`Joint::find_all`]) to
    /// `s`, in order.
    fn add_second(&self, found: &[Option<JointSlot>], s: &mut [f32; N]) {
        for slot in found.iter().flatten() {
            if slot.mask & 4 != 0 {
                let row = slot.at as usize + (slot.mask & 3).count_ones() as usize;
                let w = &self.data[row];
                for k in 0..N {
                    s[k] += w[k];
                }
            }
        }
    }
}

/// `t` added to `s`, element by element (the same sums as a loop per model; the flat
/// loop vectorizes).
#[inline]
fn add_sums(s: &mut [[f32; N]; 3], t: &[[f32; N]; 3]) {
    for (a, b) in s.as_flattened_mut().iter_mut().zip(t.as_flattened()) {
        *a += *b;
    }
}

/// The word id of the sentence's edge before its first word and after its last
/// ([`WordCache`]).
const BEFORE: u32 = 0;
const AFTER: u32 = 1;
/// A word and offset not summed yet, or whose features have no weights.
const UNSUMMED: u32 = u32::MAX;
const ZERO: u32 = u32::MAX - 1;
/// Words a [`WordCache`] holds before it drops its less used half (some 1 KB each).
/// The 7,628 ANT articles have fewer distinct tokens than this, so that a run over
/// them never drops any; in a longer run the frequent words stay (at 1 << 16 the cache
/// started again from nothing when full, and paid every word's ~60 look-ups again).
const CACHE_WORDS: usize = 1 << 17;

/// What [`prepare`] finds for a token on its own (all but the longest match, which
/// reads the words around).
#[derive(Debug, Clone, Default)]
struct WordInfo {
    word: String,
    stem: String,
    clitic: String,
    /// A copy of the stem's clusters, so that a cache does not borrow the lists (an
    /// owner of the model and the lists can keep one beside them).
    clusters: Option<Box<[u32]>>,
    marks: u16,
    lexicon: Option<[u32; 5]>,
    /// For the word and for the stem: the class of the listed name it is alone, and
    /// whether it begins a longer one ([`longest_matches_with`]).
    alone: [(Option<&'static str>, bool); 2],
}

impl WordInfo {
    /// As [`prepare`] reads `token` (a test checks that they agree).
    fn new(token: &str, lists: &NameLists) -> WordInfo {
        let word = normalize_key(token);
        let known = |w: &str| lists.knows(w);
        let (stem, clitic) = clitics::analyze(&word, &known)
            .into_iter()
            .next()
            .map_or((word.clone(), String::new()), |a| {
                (a.stem.into_owned(), a.prefix.to_string())
            });
        let clusters = lists
            .clusters
            .get(stem.as_str())
            .map(|c| c.as_slice().into());
        let marks = lists.words.get(word.as_str()).copied().unwrap_or(0)
            | lists.words.get(stem.as_str()).copied().unwrap_or(0);
        let lexicon = lists.lexicon.get(stem.as_str()).copied();
        let alone = [word.as_str(), stem.as_str()]
            .map(|key| (lists.names.get(key).copied(), lists.prefixes.contains(key)));
        WordInfo {
            word,
            stem,
            clitic,
            clusters,
            marks,
            lexicon,
            alone,
        }
    }
}

/// Per token (as written) and offset of [`OFFSETS`], the three models' sums over the
/// [`word_features`] of its normalized word, and what [`prepare`] finds for it. They
/// depend on the token, the model and the name lists alone, so that a cache serves
/// every document tagged with the same model and lists ([`Tagger`] keeps them
/// together; [`Model::tag_document_cached`] leaves that to its caller).
#[derive(Debug, Clone)]
pub struct WordCache {
    ids: HashMap<String, u32, FnvBuild>,
    infos: Vec<WordInfo>,
    sums: WordSums,
    /// The word ids of the document the two passes last tagged with this cache
    /// ([`WordCache::tagged_stems`]); empty after any other tagging.
    tagged: Vec<Vec<u32>>,
    /// Per word id, how often the word was looked up (halved at each eviction, so that
    /// old counts fade).
    uses: Vec<u32>,
    /// [`CACHE_WORDS`] but in tests.
    limit: usize,
}

/// The sums part of a [`WordCache`], apart from the words so that a sentence
/// prepared from the words can be read while sums are added.
#[derive(Debug, Clone)]
struct WordSums {
    /// Per word id ([`BEFORE`], [`AFTER`], then the tokens), per offset: where its
    /// sums are in `sums`, or [`UNSUMMED`], or [`ZERO`].
    slots: Vec<[u32; 5]>,
    sums: Vec<[[f32; N]; 3]>,
}

impl Default for WordCache {
    fn default() -> Self {
        WordCache {
            ids: HashMap::with_hasher(FnvBuild),
            infos: vec![WordInfo::default(), WordInfo::default()],
            sums: WordSums {
                slots: vec![[UNSUMMED; 5]; 2],
                sums: Vec::new(),
            },
            tagged: Vec::new(),
            uses: vec![u32::MAX; 2],
            limit: CACHE_WORDS,
        }
    }
}

/// Keeps the elements of `v` whose index is marked in `kept`, in their order.
fn retain_kept<T>(v: &mut Vec<T>, kept: &[bool]) {
    let mut marks = kept.iter();
    v.retain(|_| marks.next().copied().unwrap_or(false));
}

impl WordCache {
    /// Once the cache holds [`CACHE_WORDS`] words (called between documents: a
    /// document's word ids stay valid while it is tagged), drops the less used half
    /// of them and their sums; the rest keep theirs, under new ids. A word dropped
    /// and seen again is analysed and summed again: the same values, so the same
    /// tags. The cache then holds at most the limit and one document's words.
    fn make_room(&mut self) {
        if self.ids.len() >= self.limit {
            self.evict(self.limit / 2);
        }
    }

    /// Keeps the `keep` most used words (the earlier seen first among equals) and the
    /// sentence edges.
    fn evict(&mut self, keep: usize) {
        const GONE: u32 = u32::MAX;
        let words = self.infos.len();
        let mut order: Vec<u32> = (2..words as u32).collect();
        let by_use = |&id: &u32| (std::cmp::Reverse(self.uses[id as usize]), id);
        if keep < order.len() {
            order.select_nth_unstable_by_key(keep, by_use);
            order.truncate(keep);
        }
        let mut kept = vec![false; words];
        kept[BEFORE as usize] = true;
        kept[AFTER as usize] = true;
        for &id in &order {
            kept[id as usize] = true;
        }
        // New ids in the old order, so that every kept word moves down or stays.
        let mut remap = vec![GONE; words];
        let mut next = 0;
        for (id, &k) in kept.iter().enumerate() {
            if k {
                remap[id] = next;
                next += 1;
            }
        }
        // The kept words' sums, moved down in place in their old order.
        let mut sum_kept = vec![false; self.sums.sums.len()];
        for (slots, _) in self.sums.slots.iter().zip(&kept).filter(|(_, &k)| k) {
            for &at in slots.iter().filter(|&&at| at < ZERO) {
                sum_kept[at as usize] = true;
            }
        }
        let mut sum_at = vec![GONE; sum_kept.len()];
        let mut n = 0;
        for (at, _) in sum_kept.iter().enumerate().filter(|(_, &k)| k) {
            self.sums.sums[n] = self.sums.sums[at];
            sum_at[at] = n as u32;
            n += 1;
        }
        self.sums.sums.truncate(n);
        retain_kept(&mut self.infos, &kept);
        retain_kept(&mut self.sums.slots, &kept);
        for slots in &mut self.sums.slots {
            for at in slots.iter_mut().filter(|at| **at < ZERO) {
                *at = sum_at[*at as usize];
            }
        }
        retain_kept(&mut self.uses, &kept);
        for uses in &mut self.uses[2..] {
            *uses /= 2;
        }
        self.ids.retain(|_, id| {
            *id = remap[*id as usize];
            *id != GONE
        });
        self.tagged.clear();
    }

    fn id(&mut self, token: &str, lists: &NameLists) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            self.uses[id as usize] = self.uses[id as usize].saturating_add(1);
            return id;
        }
        let id = self.infos.len() as u32;
        self.sums.slots.push([UNSUMMED; 5]);
        self.infos.push(WordInfo::new(token, lists));
        self.uses.push(1);
        self.ids.insert(token.to_string(), id);
        id
    }

    /// The stem of every token of `sentences` (what [`propagate`] reads), from the
    /// cache: a token not in it yet is analysed and kept.
    pub fn stems(&mut self, sentences: &[Vec<&str>], lists: &NameLists) -> Vec<Vec<&str>> {
        let ids: Vec<Vec<u32>> = sentences
            .iter()
            .map(|tokens| tokens.iter().map(|t| self.id(t, lists)).collect())
            .collect();
        ids.iter()
            .map(|ids| {
                ids.iter()
                    .map(|&id| self.infos[id as usize].stem.as_str())
                    .collect()
            })
            .collect()
    }

    /// [`WordCache::stems`] of `sentences`, the document just tagged with this cache
    /// ([`Model::tag_document_cached`], the same sentences): from the word ids tagging
    /// found, without looking the tokens up again (as `stems` does after a one-pass
    /// model, which does not keep them).
    pub fn tagged_stems(&mut self, sentences: &[Vec<&str>], lists: &NameLists) -> Vec<Vec<&str>> {
        let tagged = std::mem::take(&mut self.tagged);
        let same = tagged.len() == sentences.len()
            && tagged
                .iter()
                .zip(sentences)
                .all(|(a, b)| a.len() == b.len());
        if !same {
            return self.stems(sentences, lists);
        }
        self.tagged = tagged;
        self.tagged
            .iter()
            .map(|ids| {
                ids.iter()
                    .map(|&id| self.infos[id as usize].stem.as_str())
                    .collect()
            })
            .collect()
    }
}

/// [`prepare`] of the words `ids` of `infos` ([`WordCache`]).
fn prepare_cached<'c>(cached: &'c [WordInfo], ids: &[u32], lists: &NameLists) -> Prepared<'c> {
    let infos = || ids.iter().map(|&id| &cached[id as usize]);
    let words: Vec<Cow<str>> = infos().map(|w| w.word.as_str().into()).collect();
    let stems: Vec<Cow<str>> = infos().map(|w| w.stem.as_str().into()).collect();
    let marks = longest_matches_with(&words, &stems, lists, |i, f, _| {
        cached[ids[i] as usize].alone[f]
    });
    Prepared {
        clitics: infos().map(|w| w.clitic.as_str().into()).collect(),
        clusters: infos().map(|w| w.clusters.as_deref()).collect(),
        words,
        stems,
        lists: marks,
        marks: infos().map(|w| w.marks).collect(),
        lexicon: if lists.lexicon.is_empty() {
            Vec::new()
        } else {
            infos().map(|w| w.lexicon).collect()
        },
    }
}

impl WordSums {
    /// Keeps the sums of word `id` at offset number `x`; returns where they are.
    fn store(&mut self, id: u32, x: usize, sums: [[f32; N]; 3]) -> u32 {
        let at = if sums.iter().flatten().all(|&v| v == 0.0) {
            ZERO
        } else {
            self.sums.push(sums);
            (self.sums.len() - 1) as u32
        };
        self.slots[id as usize][x] = at;
        at
    }
}

/// A two-stage model and the name lists it reads, with the sums of the words it has
/// seen kept from one document to the next: the same tags as [`Model::tag_document`],
/// for less work on every word seen before.
#[derive(Debug, Clone)]
pub struct Tagger<'a> {
    model: &'a Model,
    lists: &'a NameLists,
    cache: WordCache,
}

impl<'a> Tagger<'a> {
    pub fn new(model: &'a Model, lists: &'a NameLists) -> Tagger<'a> {
        Tagger {
            model,
            lists,
            cache: WordCache::default(),
        }
    }

    /// [`Model::tag_document`].
    pub fn tag_document(&mut self, sentences: &[Vec<&str>]) -> Vec<Vec<usize>> {
        self.model
            .tag_cached(sentences, self.lists, &mut self.cache)
    }
}

/// One feature's weights in a [`Table`]: the key beside its weights, so that a
/// look-up that finds its feature reads one place of memory.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    w: [f32; N],
}

/// Feature hash → nine weights: open addressing with linear probing over a flat array
/// (keys are already hashes), at most 5/8 full so that a feature the model does not
/// have (most of them) is known absent after a probe or two. Key 0 marks an empty slot;
/// a feature whose hash is 0 is kept apart.
#[derive(Debug, Clone, Default)]
struct Table {
    slots: Vec<Slot>,
    /// 64 − log2(slots).
    shift: u32,
    len: usize,
    zero: Option<[f32; N]>,
}

impl Table {
    /// A table of `rows` (a key given twice keeps its first weights).
    fn new(rows: Vec<(u64, [f32; N])>) -> Table {
        let size = (rows.len() * 8 / 5).next_power_of_two().max(16);
        let mut table = Table {
            slots: vec![
                Slot {
                    key: 0,
                    w: [0.0; N]
                };
                size
            ],
            shift: 64 - size.trailing_zeros(),
            len: 0,
            zero: None,
        };
        for (key, w) in rows {
            if key == 0 {
                if table.zero.is_none() {
                    table.zero = Some(w);
                    table.len += 1;
                }
                continue;
            }
            let mask = size - 1;
            let mut at = table.home(key);
            loop {
                let slot = &mut table.slots[at];
                if slot.key == key {
                    break;
                }
                if slot.key == 0 {
                    *slot = Slot { key, w };
                    table.len += 1;
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        table
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[f32; N]> {
        if key == 0 {
            return self.zero.as_ref();
        }
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let slot = &self.slots[at];
            if slot.key == key {
                return Some(&slot.w);
            }
            if slot.key == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn iter(&self) -> impl Iterator<Item = (u64, &[f32; N])> {
        self.zero.iter().map(|w| (0, w)).chain(
            self.slots
                .iter()
                .filter(|s| s.key != 0)
                .map(|s| (s.key, &s.w)),
        )
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Shuffle seed (the order of sentences changes between epochs).
    pub seed: u64,
    /// Features seen on fewer tokens of the training data are left out (1 keeps all):
    /// a smaller table, fewer look-ups that find something.
    pub min_count: usize,
    /// How a mistake changes the weights.
    pub learner: Learner,
    /// Perceptrons trained with as many shuffle seeds (seed, seed + 1, …) whose
    /// weights are averaged into one model (1: one perceptron).
    pub seeds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 7,
            min_count: 1,
            learner: Learner::Perceptron,
            seeds: 1,
        }
    }
}

/// The update the trainer makes when the best path is not the gold one; every one is
/// averaged over all steps of training.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Learner {
    /// Collins's perceptron: +1 on the gold path's features, −1 on the guess's.
    Perceptron,
    /// Passive-aggressive (PA-I; Crammer et al. 2006), the 1-best MIRA: the smallest
    /// step along the same direction that makes the gold path beat the guess by its
    /// Hamming loss (labels wrong), at most `c`.
    PassiveAggressive { c: f32 },
    /// The perceptron's step per weight scaled by AdaGrad (Duchi et al. 2011):
    /// `eta / sqrt(sum of the weight's past squared steps)`, so rare features move
    /// more than frequent ones.
    AdaGrad { eta: f32 },
}

/// A labelled sentence: tokens and tag indices.
pub type Sentence = (Vec<String>, Vec<usize>);

struct Trainer {
    w: HashMap<u64, [f32; N], FnvBuild>,
    /// Sum of updates weighted by time, for averaging (Daumé's trick).
    u: HashMap<u64, [f32; N], FnvBuild>,
    /// AdaGrad's sums of squared steps (empty for the other learners).
    g: HashMap<u64, [f32; N], FnvBuild>,
    t: [[f32; N]; N + 1],
    tu: [[f32; N]; N + 1],
    tg: [[f32; N]; N + 1],
    c: f32,
}

/// Φ(gold) − Φ(guess) of one sentence: per (feature, label) and per transition, how
/// much more the gold path has of it (entries that cancel are 0).
struct PathDifference {
    features: HashMap<(u64, usize), f32, FnvBuild>,
    transitions: [[f32; N]; N + 1],
}

impl PathDifference {
    /// The squared length of the difference.
    fn norm(&self) -> f32 {
        self.features.values().map(|d| d * d).sum::<f32>()
            + self
                .transitions
                .iter()
                .flatten()
                .map(|d| d * d)
                .sum::<f32>()
    }
}

fn path_difference(feats: &[Vec<u64>], gold: &[usize], guess: &[usize]) -> PathDifference {
    let mut delta = PathDifference {
        features: HashMap::with_hasher(FnvBuild),
        transitions: [[0.0; N]; N + 1],
    };
    for (i, f) in feats.iter().enumerate() {
        if guess[i] != gold[i] {
            for &h in f {
                *delta.features.entry((h, gold[i])).or_default() += 1.0;
                *delta.features.entry((h, guess[i])).or_default() -= 1.0;
            }
        }
        let (pg, pp) = if i == 0 {
            (N, N)
        } else {
            (gold[i - 1], guess[i - 1])
        };
        if pg != pp || gold[i] != guess[i] {
            delta.transitions[pg][gold[i]] += 1.0;
            delta.transitions[pp][guess[i]] -= 1.0;
        }
    }
    delta.features.retain(|_, d| *d != 0.0);
    delta
}

/// The entity type of a label as 0 (O), 1 PERS, 2 ORG, 3 LOC, 4 MISC.
fn kind_of(label: usize) -> usize {
    label.div_ceil(4)
}

const KINDS: [&str; 5] = ["O", "PERS", "ORG", "LOC", "MISC"];

/// What a first pass said about one document, per stem: how often the stem was tagged
/// with each entity type (token level), and how often it began an entity of each type.
#[derive(Default)]
struct DocVotes<'p> {
    tokens: HashMap<&'p str, [u16; 5], FnvBuild>,
    starts: HashMap<&'p str, [u16; 5], FnvBuild>,
}

impl<'p> DocVotes<'p> {
    fn new(prepared: &[&'p Prepared], first: &[Vec<usize>]) -> DocVotes<'p> {
        let mut votes = DocVotes::default();
        for (p, tags) in prepared.iter().zip(first) {
            for (i, &t) in tags.iter().enumerate() {
                let stem: &'p str = &p.stems[i];
                if stem.chars().count() < 2 || !stem.chars().any(char::is_alphabetic) {
                    continue;
                }
                votes.tokens.entry(stem).or_default()[kind_of(t)] += 1;
                if LABELS[t].starts_with("B-") || LABELS[t].starts_with("S-") {
                    votes.starts.entry(stem).or_default()[kind_of(t)] += 1;
                }
            }
        }
        votes
    }
}

/// The second pass's features of token `i`: the first pass's tags around it and what
/// the first pass said about the same stem elsewhere in the document (Krishnan &
/// Manning 2006's token-majority features; Ratinov & Roth 2009's prediction history).
fn second_features(
    p: &Prepared,
    first: &[usize],
    aux: Option<&[usize]>,
    votes: &DocVotes,
    i: usize,
    out: &mut Vec<u64>,
) {
    if let Some(aux) = aux {
        let a = |k: isize| near(aux, i, k).map_or("<s>", |&t| LABELS[t]);
        out.push(hash(&["aux", a(0)]));
        out.push(hash(&["aux-1", a(-1), a(0)]));
        out.push(hash(&["aux+1", a(0), a(1)]));
        out.push(hash(&[
            "aux-p1",
            a(0),
            near(first, i, 0).map_or("", |&t| LABELS[t]),
        ]));
    }
    let tag = |k: isize| near(first, i, k).map_or("<s>", |&t| LABELS[t]);
    out.push(hash(&["p1", tag(0)]));
    out.push(hash(&["p1-1", tag(-1)]));
    out.push(hash(&["p1+1", tag(1)]));
    out.push(hash(&["p1-1p1", tag(-1), tag(0)]));
    out.push(hash(&["p1p1+1", tag(0), tag(1)]));
    let stem: &str = &p.stems[i];
    if let Some(v) = votes.tokens.get(stem) {
        let total: u16 = v.iter().sum();
        let entity: u16 = v[1..].iter().sum();
        if total >= 2 {
            let maj = (0..5)
                .max_by_key(|&k| (v[k], std::cmp::Reverse(k)))
                .unwrap_or(0);
            out.push(hash(&["nl-maj", KINDS[maj]]));
            let maj_e = (1..5)
                .max_by_key(|&k| (v[k], std::cmp::Reverse(k)))
                .unwrap_or(1);
            if entity > 0 {
                let frac = if entity == total {
                    "all"
                } else if 2 * entity >= total {
                    "most"
                } else {
                    "some"
                };
                out.push(hash(&["nl-ent", KINDS[maj_e], frac]));
                out.push(hash(&["nl-ent-p1", KINDS[maj_e], frac, tag(0)]));
            } else {
                out.push(hash(&["nl-none"]));
            }
        }
    }
    if let Some(v) = votes.starts.get(stem) {
        let maj = (1..5)
            .max_by_key(|&k| (v[k], std::cmp::Reverse(k)))
            .unwrap_or(1);
        out.push(hash(&["nl-start", KINDS[maj]]));
    }
}

impl Model {
    fn score(&self, feats: &[u64]) -> [f32; N] {
        let mut s = [0f32; N];
        for f in feats {
            if let Some(w) = self.weights.get(*f) {
                for k in 0..N {
                    s[k] += w[k];
                }
            }
        }
        s
    }

    fn decode(&self, feats: &[Vec<u64>]) -> Vec<usize> {
        let emissions: Vec<[f32; N]> = feats.iter().map(|f| self.score(f)).collect();
        viterbi(&emissions, &self.transitions)
    }

    /// Tags the tokens of one sentence (a document of one sentence).
    pub fn tag(&self, tokens: &[&str], lists: &NameLists) -> Vec<usize> {
        self.tag_document(&[tokens.to_vec()], lists)
            .pop()
            .unwrap_or_default()
    }

    /// Tags the sentences of one document: a two-stage model reads the first pass's
    /// tags of the whole document.
    ///
    /// A two-stage model sums each word's share of the features once per call (see
    /// [`Tagger`], which keeps those sums from one document to the next).
    pub fn tag_document(&self, sentences: &[Vec<&str>], lists: &NameLists) -> Vec<Vec<usize>> {
        self.tag_cached(sentences, lists, &mut WordCache::default())
    }

    /// [`Model::tag_document`] with the sums and word analyses of `cache`, kept from
    /// one document to the next: the same tags for less work on every word seen
    /// before. A cache belongs to one model and one set of lists: give it no other
    /// (see [`Tagger`], which keeps the three together).
    pub fn tag_document_cached(
        &self,
        sentences: &[Vec<&str>],
        lists: &NameLists,
        cache: &mut WordCache,
    ) -> Vec<Vec<usize>> {
        self.tag_cached(sentences, lists, cache)
    }

    fn tag_cached(
        &self,
        sentences: &[Vec<&str>],
        lists: &NameLists,
        cache: &mut WordCache,
    ) -> Vec<Vec<usize>> {
        if let (Some(first), Some(joint)) = (&self.first, &self.joint) {
            return self.tag_joint(joint, first, sentences, lists, cache);
        }
        cache.tagged.clear();
        let prepared: Vec<Prepared> = sentences.iter().map(|t| prepare(t, lists)).collect();
        let base: Vec<Vec<Vec<u64>>> = prepared.iter().map(base_features).collect();
        let Some(first) = &self.first else {
            return base.iter().map(|f| to_bio(&self.decode(f))).collect();
        };
        let first_tags: Vec<Vec<usize>> = base.iter().map(|f| first.decode(f)).collect();
        let aux_tags: Option<Vec<Vec<usize>>> = self
            .aux
            .as_ref()
            .map(|aux| base.iter().map(|f| aux.decode(f)).collect());
        let refs: Vec<&Prepared> = prepared.iter().collect();
        let votes = DocVotes::new(&refs, &first_tags);
        prepared
            .iter()
            .zip(base)
            .zip(&first_tags)
            .enumerate()
            .map(|(s, ((p, mut feats), tags))| {
                let aux = aux_tags.as_ref().map(|a| a[s].as_slice());
                for (i, f) in feats.iter_mut().enumerate() {
                    second_features(p, tags, aux, &votes, i, f);
                }
                to_bio(&self.decode(&feats))
            })
            .collect()
    }

    /// Builds the joint table of a two-stage model (after its parts are in place).
    /// The three separate tables are emptied: the joint one holds their weights (and
    /// gives them back for [`Model::to_bytes`], see [`Model::unjoined`]).
    fn join(&mut self) {
        let Some(first) = self.first.as_mut() else {
            return;
        };
        let joint = Joint::new([
            Some(&first.weights),
            self.aux.as_ref().map(|a| &a.weights),
            Some(&self.weights),
        ]);
        first.weights = Table::default();
        if let Some(aux) = self.aux.as_mut() {
            aux.weights = Table::default();
        }
        self.weights = Table::default();
        self.joint = Some(Box::new(joint));
    }

    /// The model with its separate tables back from the joint one.
    fn unjoined(&self) -> Model {
        let mut model = self.clone();
        if let Some(joint) = model.joint.take() {
            model.weights = Table::new(joint.rows(2));
            if let Some(first) = model.first.as_mut() {
                first.weights = Table::new(joint.rows(0));
            }
            if let Some(aux) = model.aux.as_mut() {
                aux.weights = Table::new(joint.rows(1));
            }
        }
        model
    }

    /// [`Model::tag_document`]'s two passes over the joint table: one look-up per
    /// first-pass feature gives the first pass's, the other corpus's tagger's and the
    /// second pass's sums at once; the second pass then adds its own features. The
    /// features of one word ([`word_features`]) are summed once per word and offset
    /// and kept in `cache`; a token adds the five sums of the words around it and
    /// looks up its [`context_features`] alone.
    fn tag_joint(
        &self,
        joint: &Joint,
        first: &Model,
        sentences: &[Vec<&str>],
        lists: &NameLists,
        cache: &mut WordCache,
    ) -> Vec<Vec<usize>> {
        cache.make_room();
        let mut feats = Vec::with_capacity(64);
        let sentence_ids: Vec<Vec<u32>> = sentences
            .iter()
            .map(|tokens| tokens.iter().map(|t| cache.id(t, lists)).collect())
            .collect();
        let WordCache {
            infos,
            sums: cached,
            tagged,
            ..
        } = cache;
        let mut prepared = Vec::with_capacity(sentences.len());
        // Per token, where its five word sums are; the context features of a whole
        // sentence, each token's ending at `ends`, and their slots in the table.
        let mut places: Vec<[u32; 5]> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        let mut found: Vec<Option<JointSlot>> = Vec::new();
        let sums: Vec<Vec<[[f32; N]; 3]>> = sentence_ids
            .iter()
            .map(|ids| {
                let p = prepare_cached(infos, ids, lists);
                let n = p.words.len();
                // The word sums' places first (a word and offset seen for the first
                // time summed now, in the same order as before), then every context
                // feature of the sentence looked up at once, then the sums: loads
                // whose addresses are known ahead, so that their cache misses overlap.
                places.clear();
                for i in 0..n {
                    let mut here = [ZERO; 5];
                    for (x, &k) in OFFSETS.iter().enumerate() {
                        let id = match i.checked_add_signed(k) {
                            None => BEFORE,
                            Some(j) => ids.get(j).copied().unwrap_or(AFTER),
                        };
                        let mut at = cached.slots[id as usize][x];
                        if at == UNSUMMED {
                            feats.clear();
                            word_features(&p, i, k, &mut feats);
                            at = cached.store(id, x, joint.scores(&feats));
                        }
                        here[x] = at;
                    }
                    places.push(here);
                }
                feats.clear();
                ends.clear();
                for i in 0..n {
                    context_features(&p, i, &mut feats);
                    ends.push(feats.len());
                }
                joint.find_all(&feats, &mut found);
                let mut from = 0;
                let sums = places
                    .iter()
                    .zip(&ends)
                    .map(|(here, &to)| {
                        let mut s = [[0f32; N]; 3];
                        for &at in here {
                            if at != ZERO {
                                add_sums(&mut s, &cached.sums[at as usize]);
                            }
                        }
                        // The context features' sums, then added (as before).
                        let mut t = [[0f32; N]; 3];
                        for slot in found[from..to].iter().flatten() {
                            joint.add_rows(slot, &mut t);
                        }
                        from = to;
                        add_sums(&mut s, &t);
                        s
                    })
                    .collect();
                prepared.push(p);
                sums
            })
            .collect();
        let pick = |m: usize| -> Vec<Vec<[f32; N]>> {
            sums.iter()
                .map(|sentence| sentence.iter().map(|s| s[m]).collect())
                .collect()
        };
        let first_tags: Vec<Vec<usize>> = pick(0)
            .iter()
            .map(|e| viterbi(e, &first.transitions))
            .collect();
        let aux_tags: Option<Vec<Vec<usize>>> = self.aux.as_ref().map(|aux| {
            pick(1)
                .iter()
                .map(|e| viterbi(e, &aux.transitions))
                .collect()
        });
        let refs: Vec<&Prepared> = prepared.iter().collect();
        let votes = DocVotes::new(&refs, &first_tags);
        let tags = prepared
            .iter()
            .zip(&sums)
            .zip(&first_tags)
            .enumerate()
            .map(|(s, ((p, sums), tags))| {
                let aux = aux_tags.as_ref().map(|a| a[s].as_slice());
                // The second pass's features of the whole sentence looked up at once.
                feats.clear();
                ends.clear();
                for i in 0..sums.len() {
                    second_features(p, tags, aux, &votes, i, &mut feats);
                    ends.push(feats.len());
                }
                joint.find_all(&feats, &mut found);
                let mut from = 0;
                let emissions: Vec<[f32; N]> = sums
                    .iter()
                    .zip(&ends)
                    .map(|(sums, &to)| {
                        let mut e = sums[2];
                        joint.add_second(&found[from..to], &mut e);
                        from = to;
                        e
                    })
                    .collect();
                to_bio(&viterbi(&emissions, &self.transitions))
            })
            .collect();
        *tagged = sentence_ids;
        tags
    }

    /// Trains on labelled sentences (one pass).
    pub fn train(sentences: &[Sentence], lists: &NameLists, options: TrainOptions) -> Model {
        let prepared: Vec<Prepared> = sentences
            .iter()
            .map(|(tokens, _)| prepare_sentence(tokens, lists))
            .collect();
        let feats: Vec<Vec<Vec<u64>>> = prepared.iter().map(base_features).collect();
        let labels: Vec<Vec<usize>> = sentences.iter().map(|(_, t)| to_labels(t)).collect();
        let golds: Vec<&Vec<usize>> = labels.iter().collect();
        Model::train_features(&feats, &golds, options)
    }

    /// Trains a two-stage model on documents of labelled sentences. The second pass
    /// learns from first-pass tags that are honest: each document's come from a first
    /// pass trained on the other `folds` − 1 parts of the data (contiguous parts, so a
    /// document is never tagged by a model that saw it); the first pass kept in the
    /// model is trained on all of it.
    pub fn train_documents(
        documents: &[&[Sentence]],
        folds: usize,
        lists: &NameLists,
        options: TrainOptions,
        aux: Option<Model>,
    ) -> Model {
        Model::train_documents_adapted(documents, folds, lists, options, aux, &[])
    }

    /// [`Model::train_documents`] with the sentences of another corpus, whose
    /// guidelines differ, beside the documents in every first pass (Daumé 2007's
    /// feature augmentation, see [`train_adapted`]): the first passes learn from both,
    /// while what is peculiar to the other corpus stays in its own copy of the
    /// features. The second pass learns from the documents alone.
    pub fn train_documents_adapted(
        documents: &[&[Sentence]],
        folds: usize,
        lists: &NameLists,
        options: TrainOptions,
        aux: Option<Model>,
        other: &[Sentence],
    ) -> Model {
        let prepared: Vec<Vec<Prepared>> = documents
            .iter()
            .map(|doc| {
                doc.iter()
                    .map(|(tokens, _)| prepare_sentence(tokens, lists))
                    .collect()
            })
            .collect();
        let base: Vec<Vec<Vec<Vec<u64>>>> = prepared
            .iter()
            .map(|doc| doc.iter().map(base_features).collect())
            .collect();
        let labels: Vec<Vec<Vec<usize>>> = documents
            .iter()
            .map(|doc| doc.iter().map(|(_, t)| to_labels(t)).collect())
            .collect();
        let golds: Vec<Vec<&Vec<usize>>> = labels.iter().map(|doc| doc.iter().collect()).collect();
        let other_f: Vec<Vec<Vec<u64>>> = other
            .iter()
            .map(|(tokens, _)| base_features(&prepare_sentence(tokens, lists)))
            .collect();
        let other_labels: Vec<Vec<usize>> = other.iter().map(|(_, t)| to_labels(t)).collect();
        let other_g: Vec<&Vec<usize>> = other_labels.iter().collect();
        let n = documents.len();
        let folds = folds.clamp(2, n.max(2));
        let mut first_tags: Vec<Vec<Vec<usize>>> = vec![Vec::new(); n];
        for fold in 0..folds {
            let (lo, hi) = (fold * n / folds, (fold + 1) * n / folds);
            let idx: Vec<usize> = (0..lo).chain(hi..n).collect();
            let f: Vec<Vec<Vec<u64>>> = idx.iter().flat_map(|&d| base[d].clone()).collect();
            let g: Vec<&Vec<usize>> = idx.iter().flat_map(|&d| golds[d].clone()).collect();
            let inner = train_adapted(&f, &g, &other_f, &other_g, options);
            for d in lo..hi {
                first_tags[d] = base[d].iter().map(|s| inner.decode(s)).collect();
            }
        }
        let all_f: Vec<Vec<Vec<u64>>> = base.iter().flatten().cloned().collect();
        let all_g: Vec<&Vec<usize>> = golds.iter().flatten().copied().collect();
        let first = train_adapted(&all_f, &all_g, &other_f, &other_g, options);
        let mut second_f: Vec<Vec<Vec<u64>>> = Vec::with_capacity(all_f.len());
        for d in 0..n {
            let refs: Vec<&Prepared> = prepared[d].iter().collect();
            let votes = DocVotes::new(&refs, &first_tags[d]);
            for (s, p) in prepared[d].iter().enumerate() {
                let mut feats = base[d][s].clone();
                let aux_tags = aux.as_ref().map(|a| a.decode(&feats));
                for (i, f) in feats.iter_mut().enumerate() {
                    second_features(p, &first_tags[d][s], aux_tags.as_deref(), &votes, i, f);
                }
                second_f.push(feats);
            }
        }
        let mut model = Model::train_features(&second_f, &all_g, options);
        model.first = Some(Box::new(first));
        model.aux = aux.map(Box::new);
        model.join();
        model
    }

    /// The averaged perceptron over precomputed features.
    fn train_features(
        feats: &[Vec<Vec<u64>>],
        golds: &[&Vec<usize>],
        options: TrainOptions,
    ) -> Model {
        if options.min_count > 1 {
            let kept = frequent_features(feats, options.min_count);
            return Model::train_features(
                &kept,
                golds,
                TrainOptions {
                    min_count: 1,
                    ..options
                },
            );
        }
        if options.seeds > 1 {
            let k = options.seeds;
            let mut sum: HashMap<u64, [f32; N], FnvBuild> = HashMap::with_hasher(FnvBuild);
            let mut transitions = [[0f32; N]; N + 1];
            for i in 0..k {
                let one = TrainOptions {
                    seed: options.seed + i as u64,
                    seeds: 1,
                    ..options
                };
                let model = Model::train_features(feats, golds, one);
                for (key, w) in model.weights.iter() {
                    let row = sum.entry(key).or_insert([0.0; N]);
                    for j in 0..N {
                        row[j] += w[j] / k as f32;
                    }
                }
                for a in 0..=N {
                    for b in 0..N {
                        transitions[a][b] += model.transitions[a][b] / k as f32;
                    }
                }
            }
            let mut rows: Vec<(u64, [f32; N])> = sum.into_iter().collect();
            rows.sort_unstable_by_key(|r| r.0);
            return Model {
                weights: Table::new(rows),
                transitions,
                first: None,
                aux: None,
                joint: None,
            };
        }
        let mut tr = Trainer {
            w: HashMap::with_hasher(FnvBuild),
            u: HashMap::with_hasher(FnvBuild),
            g: HashMap::with_hasher(FnvBuild),
            t: [[0.0; N]; N + 1],
            tu: [[0.0; N]; N + 1],
            tg: [[0.0; N]; N + 1],
            c: 1.0,
        };
        let mut order: Vec<usize> = (0..feats.len()).collect();
        let mut rng = options.seed.max(1);
        for _ in 0..options.epochs {
            // Fisher–Yates with xorshift: deterministic for a seed.
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            for &s in &order {
                let gold = golds[s];
                let emissions: Vec<[f32; N]> = feats[s]
                    .iter()
                    .map(|f| {
                        let mut sc = [0f32; N];
                        for h in f {
                            if let Some(w) = tr.w.get(h) {
                                for k in 0..N {
                                    sc[k] += w[k];
                                }
                            }
                        }
                        sc
                    })
                    .collect();
                let guess = viterbi(&emissions, &tr.t);
                if guess != *gold {
                    let delta = path_difference(&feats[s], gold, &guess);
                    let step = match options.learner {
                        Learner::Perceptron | Learner::AdaGrad { .. } => 1.0,
                        Learner::PassiveAggressive { c } => {
                            let path = |labels: &[usize]| -> f32 {
                                let mut prev = N;
                                let mut sum = 0.0;
                                for (i, &l) in labels.iter().enumerate() {
                                    sum += emissions[i][l] + tr.t[prev][l];
                                    prev = l;
                                }
                                sum
                            };
                            let margin = path(gold) - path(&guess);
                            let loss = gold.iter().zip(&guess).filter(|(a, b)| a != b).count();
                            let norm = delta.norm();
                            if norm > 0.0 {
                                ((loss as f32 - margin) / norm).clamp(0.0, c)
                            } else {
                                0.0
                            }
                        }
                    };
                    let eta = match options.learner {
                        Learner::AdaGrad { eta } => Some(eta),
                        _ => None,
                    };
                    for (&(h, k), &d) in &delta.features {
                        let mut by = step * d;
                        if let Some(eta) = eta {
                            let g = &mut tr.g.entry(h).or_insert([0.0; N])[k];
                            *g += d * d;
                            by = eta * d / g.sqrt();
                        }
                        tr.w.entry(h).or_insert([0.0; N])[k] += by;
                        tr.u.entry(h).or_insert([0.0; N])[k] += tr.c * by;
                    }
                    for a in 0..=N {
                        for b in 0..N {
                            let d = delta.transitions[a][b];
                            if d != 0.0 {
                                let mut by = step * d;
                                if let Some(eta) = eta {
                                    tr.tg[a][b] += d * d;
                                    by = eta * d / tr.tg[a][b].sqrt();
                                }
                                tr.t[a][b] += by;
                                tr.tu[a][b] += tr.c * by;
                            }
                        }
                    }
                }
                tr.c += 1.0;
            }
        }
        // Averaged weights: w - u / c.
        let mut weights = Vec::with_capacity(tr.w.len());
        for (h, w) in tr.w {
            let u = tr.u.get(&h).copied().unwrap_or([0.0; N]);
            let mut avg = [0f32; N];
            let mut nonzero = false;
            for k in 0..N {
                avg[k] = w[k] - u[k] / tr.c;
                nonzero |= avg[k].abs() > 1e-6;
            }
            if nonzero {
                weights.push((h, avg));
            }
        }
        let mut transitions = [[0f32; N]; N + 1];
        for a in 0..=N {
            for b in 0..N {
                transitions[a][b] = tr.t[a][b] - tr.tu[a][b] / tr.c;
            }
        }
        Model {
            weights: Table::new(weights),
            transitions,
            first: None,
            aux: None,
            joint: None,
        }
    }

    /// Features with weights.
    pub fn len(&self) -> usize {
        if let Some(joint) = &self.joint {
            return joint.count(0) + joint.count(2);
        }
        self.weights.len() + self.first.as_ref().map_or(0, |f| f.len())
    }

    pub fn is_empty(&self) -> bool {
        match &self.joint {
            Some(joint) => joint.count(2) == 0,
            None => self.weights.is_empty(),
        }
    }

    /// The model as bytes: a magic line, the transitions, then (hash, weights) pairs
    /// sorted by hash; weights as little-endian f32. A two-stage model is the line
    /// `MARSAD-NER-2`, the first pass's bytes behind their length, the other corpus's
    /// tagger's the same way (length 0 when there is none), then its own.
    pub fn to_bytes(&self) -> Vec<u8> {
        if self.joint.is_some() {
            return self.unjoined().to_bytes();
        }
        let mut out = Vec::with_capacity(16 + self.weights.len() * (8 + 4 * N));
        if let Some(first) = &self.first {
            out.extend_from_slice(b"MARSAD-NER-BIOES-2\n");
            for part in [Some(first), self.aux.as_ref()] {
                let bytes = part.map(|m| m.to_bytes()).unwrap_or_default();
                out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
                out.extend_from_slice(&bytes);
            }
        }
        out.extend_from_slice(b"MARSAD-NER-BIOES-1\n");
        out.extend_from_slice(&(self.weights.len() as u64).to_le_bytes());
        for row in &self.transitions {
            for v in row {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        let mut rows: Vec<(u64, &[f32; N])> = self.weights.iter().collect();
        rows.sort_by_key(|&(k, _)| k);
        for (k, w) in rows {
            out.extend_from_slice(&k.to_le_bytes());
            for v in w {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Reads what [`Model::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        if let Some(mut rest) = bytes.strip_prefix(b"MARSAD-NER-BIOES-2\n") {
            let mut parts = Vec::new();
            for _ in 0..2 {
                let len = rest
                    .get(..8)
                    .and_then(|b| b.try_into().ok())
                    .map(u64::from_le_bytes)
                    .ok_or("truncated model")? as usize;
                let part = rest.get(8..8 + len).ok_or("truncated model")?;
                parts.push(if len == 0 {
                    None
                } else {
                    Some(Box::new(Model::from_bytes(part)?))
                });
                rest = &rest[8 + len..];
            }
            let mut model = Model::from_bytes(rest)?;
            model.aux = parts.pop().flatten();
            model.first = parts.pop().flatten();
            model.join();
            return Ok(model);
        }
        let rest = bytes
            .strip_prefix(b"MARSAD-NER-BIOES-1\n")
            .ok_or("not a Marsad NER model (bad header)")?;
        let mut pos = 0usize;
        let mut take = |n: usize| -> Result<&[u8], String> {
            let slice = rest.get(pos..pos + n).ok_or("truncated model")?;
            pos += n;
            Ok(slice)
        };
        let f32_at = |b: &[u8]| f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let count =
            u64::from_le_bytes(take(8)?.try_into().map_err(|_| "truncated model")?) as usize;
        let mut transitions = [[0f32; N]; N + 1];
        for row in transitions.iter_mut() {
            for v in row.iter_mut() {
                *v = f32_at(take(4)?);
            }
        }
        let mut weights = Vec::with_capacity(count);
        for _ in 0..count {
            let key = u64::from_le_bytes(take(8)?.try_into().map_err(|_| "truncated model")?);
            let mut w = [0f32; N];
            for v in w.iter_mut() {
                *v = f32_at(take(4)?);
            }
            weights.push((key, w));
        }
        Ok(Model {
            weights: Table::new(weights),
            transitions,
            first: None,
            aux: None,
            joint: None,
        })
    }
}

/// A feature's copy for one corpus in [`train_adapted`] (0 the corpus tagged, 1 the
/// other); the feature itself is the copy both share.
fn domain_key(f: u64, domain: u64) -> u64 {
    (f ^ (0x5bd1_e995_u64 + domain)).wrapping_mul(0xff51_afd7_ed55_8ccd) ^ 0xd6e8_feb8_6659_fd93
}

/// Frustratingly easy domain adaptation (Daumé 2007): trains on `feats` (the corpus to
/// be tagged) and `other_feats` (a corpus with other guidelines) with every feature
/// twice, once shared and once in its corpus's own copy, so that what the corpora
/// agree on is learnt from both and what they disagree on is learnt apart. Only the
/// first corpus is ever tagged, and its score of a feature is always the shared
/// weight plus its own copy's: the model keeps that sum under the feature's key (the
/// other corpus's copies are dropped), so tagging reads one weight row per feature as
/// before. Without `other_feats` this is [`Model::train_features`].
fn train_adapted(
    feats: &[Vec<Vec<u64>>],
    golds: &[&Vec<usize>],
    other_feats: &[Vec<Vec<u64>>],
    other_golds: &[&Vec<usize>],
    options: TrainOptions,
) -> Model {
    if other_feats.is_empty() {
        return Model::train_features(feats, golds, options);
    }
    let augment = |sentences: &[Vec<Vec<u64>>], domain: u64| -> Vec<Vec<Vec<u64>>> {
        sentences
            .iter()
            .map(|sentence| {
                sentence
                    .iter()
                    .map(|token| {
                        let mut out = token.clone();
                        out.extend(token.iter().map(|&f| domain_key(f, domain)));
                        out
                    })
                    .collect()
            })
            .collect()
    };
    let mut all = augment(feats, 0);
    all.extend(augment(other_feats, 1));
    let all_golds: Vec<&Vec<usize>> = golds.iter().chain(other_golds).copied().collect();
    let model = Model::train_features(&all, &all_golds, options);
    let keys: HashSet<u64, FnvBuild> = feats
        .iter()
        .chain(other_feats)
        .flatten()
        .flatten()
        .copied()
        .collect();
    let mut rows = Vec::new();
    for key in keys {
        let shared = model.weights.get(key);
        let own = model.weights.get(domain_key(key, 0));
        if shared.is_none() && own.is_none() {
            continue;
        }
        let mut w = [0f32; N];
        for k in 0..N {
            w[k] = shared.map_or(0.0, |s| s[k]) + own.map_or(0.0, |o| o[k]);
        }
        if w.iter().any(|x| x.abs() > 1e-6) {
            rows.push((key, w));
        }
    }
    rows.sort_unstable_by_key(|r| r.0);
    Model {
        weights: Table::new(rows),
        ..model
    }
}

/// The first pass's features of `sentences` in CRFsuite's text format, for trying other
/// learners on the very features this tagger reads: per token its BIOES label, then
/// its feature hashes in hex, tab-separated; a blank line after each sentence.
/// Features seen on fewer than `min_count` tokens of `sentences` are left out, as
/// training leaves them out (1 keeps all; give 1 for held-out data).
pub fn crfsuite_text(sentences: &[Sentence], lists: &NameLists, min_count: usize) -> String {
    use std::fmt::Write;
    let feats: Vec<Vec<Vec<u64>>> = sentences
        .iter()
        .map(|(tokens, _)| base_features(&prepare_sentence(tokens, lists)))
        .collect();
    let feats = if min_count > 1 {
        frequent_features(&feats, min_count)
    } else {
        feats
    };
    let mut out = String::new();
    for (sentence, (_, tags)) in feats.iter().zip(sentences) {
        for (token, label) in sentence.iter().zip(to_labels(tags)) {
            out.push_str(LABELS[label]);
            for f in token {
                let _ = write!(out, "\t{f:x}");
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// `feats` without the features seen on fewer than `min_count` tokens.
fn frequent_features(feats: &[Vec<Vec<u64>>], min_count: usize) -> Vec<Vec<Vec<u64>>> {
    let mut counts: HashMap<u64, u32, FnvBuild> = HashMap::with_hasher(FnvBuild);
    for f in feats.iter().flatten().flatten() {
        *counts.entry(*f).or_default() += 1;
    }
    feats
        .iter()
        .map(|sentence| {
            sentence
                .iter()
                .map(|token| {
                    token
                        .iter()
                        .copied()
                        .filter(|f| counts[f] as usize >= min_count)
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn viterbi(emissions: &[[f32; N]], transitions: &[[f32; N]; N + 1]) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let Transitions { allowed, ends } = TRANSITIONS.get_or_init(Transitions::new);
    let mut score = vec![[f32::NEG_INFINITY; N]; n];
    let mut back = vec![[0u8; N]; n];
    for b in 0..N {
        if allowed[N][b] {
            score[0][b] = transitions[N][b] + emissions[0][b];
        }
    }
    // The transition weights with −∞ where a label may not follow another: such a
    // pair never wins (−∞ is not > best), nor does a label that cannot be reached,
    // so that every label is tried after every label in index order (ties go to the
    // first, as when only the allowed ones were tried) in loops of fixed length over
    // all labels at once.
    let mut weights = [[f32::NEG_INFINITY; N]; N];
    for a in 0..N {
        for b in 0..N {
            if allowed[a][b] {
                weights[a][b] = transitions[a][b];
            }
        }
    }
    for i in 1..n {
        let prev = score[i - 1];
        let mut best = [f32::NEG_INFINITY; N];
        let mut arg = [0u8; N];
        for a in 0..N {
            for b in 0..N {
                let s = prev[a] + weights[a][b];
                if s > best[b] {
                    best[b] = s;
                    arg[b] = a as u8;
                }
            }
        }
        for b in 0..N {
            score[i][b] = best[b] + emissions[i][b];
        }
        back[i] = arg;
    }
    let mut last = (0..N)
        .filter(|&a| ends[a])
        .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
        .unwrap_or(0);
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = last;
        last = back[i][last] as usize;
    }
    out
}

/// [`allowed`] and [`allowed_end`] as tables, built once (Viterbi reads them for
/// every sentence).
struct Transitions {
    allowed: [[bool; N]; N + 1],
    ends: [bool; N],
}

static TRANSITIONS: std::sync::OnceLock<Transitions> = std::sync::OnceLock::new();

impl Transitions {
    fn new() -> Transitions {
        Transitions {
            allowed: allowed_table(),
            ends: std::array::from_fn(allowed_end),
        }
    }
}

/// Entity spans `(start, end, type)` of a BIO tag sequence (CoNLL rules: an I- that
/// does not continue an entity of its type starts one).
pub fn spans(tags: &[usize]) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &'static str)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let tag = TAGS[t];
        let (pos, kind) = match tag.split_once('-') {
            Some((p, k)) => (p, k),
            None => ("O", ""),
        };
        let continues = pos == "I" && open.is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if pos != "O" {
                open = Some((i, TAGS[t].get(2..).unwrap_or("")));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

/// Entity-level counts for precision / recall / F1 per type.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    /// type → (true positives, predicted, gold)
    pub by_type: std::collections::BTreeMap<String, (usize, usize, usize)>,
}

impl Scores {
    pub fn add(&mut self, gold: &[usize], predicted: &[usize]) {
        let g: HashSet<_> = spans(gold).into_iter().collect();
        let p: HashSet<_> = spans(predicted).into_iter().collect();
        for (_, _, k) in &g {
            self.by_type.entry(k.to_string()).or_default().2 += 1;
        }
        for span in &p {
            let e = self.by_type.entry(span.2.to_string()).or_default();
            e.1 += 1;
            if g.contains(span) {
                e.0 += 1;
            }
        }
    }

    pub fn merge(&mut self, other: &Scores) {
        for (k, (tp, p, g)) in &other.by_type {
            let e = self.by_type.entry(k.clone()).or_default();
            e.0 += tp;
            e.1 += p;
            e.2 += g;
        }
    }

    /// (precision, recall, F1) of counts.
    pub fn prf(tp: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
        let p = if predicted == 0 {
            0.0
        } else {
            tp as f64 / predicted as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            tp as f64 / gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    /// Micro-averaged (precision, recall, F1).
    pub fn micro(&self) -> (f64, f64, f64) {
        let (tp, p, g) = self
            .by_type
            .values()
            .fold((0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2));
        Scores::prf(tp, p, g)
    }
}

/// Reads CoNLL-style text: `token TAG` per line, a blank line between sentences.
/// Unknown tags are an error naming the line.
pub fn read_conll(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut tokens = Vec::new();
    let mut tags = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !tokens.is_empty() {
                out.push((std::mem::take(&mut tokens), std::mem::take(&mut tags)));
            }
            continue;
        }
        let (token, tag) = line
            .rsplit_once([' ', '\t'])
            .ok_or_else(|| format!("line {}: expected `token TAG`", n + 1))?;
        let tag =
            tag_index(tag.trim()).ok_or_else(|| format!("line {}: unknown tag {tag:?}", n + 1))?;
        tokens.push(token.trim().to_string());
        tags.push(tag);
    }
    if !tokens.is_empty() {
        out.push((tokens, tags));
    }
    Ok(out)
}

/// Label consistency within a document: a name the tagger found once is the same name
/// when it comes back (فرويد tagged in one sentence and missed in the next ten). Every
/// entity of one or two words tagged in `sentences` is looked for again, by its stems
/// (so لفرويد matches فرويد), in the words the tagger left outside any entity; a found
/// stretch takes the type the name was given most often.
pub fn propagate(sentences: &[Vec<String>], tags: &mut [Vec<usize>], lists: &NameLists) {
    let known = |w: &str| lists.knows(w);
    let stems: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|t| clitics::stem(&normalize_key(t), &known).into_owned())
                .collect()
        })
        .collect();
    let stems: Vec<Vec<&str>> = stems
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    propagate_stems(&stems, tags);
}

/// [`propagate`] over the tokens' stems (the clitic stems of their normalized forms,
/// as [`WordCache::stems`] gives them).
pub fn propagate_stems(stems: &[Vec<&str>], tags: &mut [Vec<usize>]) {
    // FNV rather than SipHash: no order is read from these maps (ties are broken by
    // name below).
    let mut votes: HashMap<Vec<&str>, HashMap<&'static str, usize>, FnvBuild> =
        HashMap::with_hasher(FnvBuild);
    for (s, t) in stems.iter().zip(tags.iter()) {
        for (start, end, kind) in spans(t) {
            if end - start <= 2 {
                let key: Vec<&str> = s[start..end].to_vec();
                if key.iter().all(|w| w.chars().count() >= 3) {
                    *votes.entry(key).or_default().entry(kind).or_default() += 1;
                }
            }
        }
    }
    let best: HashMap<Vec<&str>, &'static str, FnvBuild> = votes
        .into_iter()
        .map(|(k, v)| {
            // Most votes; a tie goes to the first type in name order, so that the
            // result does not depend on the map's iteration order.
            let kind = v
                .into_iter()
                .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))
                .map(|(k, _)| k)
                .unwrap_or("MISC");
            (k, kind)
        })
        .collect();
    let o = 0usize;
    for (s, t) in stems.iter().zip(tags.iter_mut()) {
        let mut i = 0;
        while i < s.len() {
            let mut advanced = false;
            for len in [2usize, 1] {
                if i + len > s.len() || t[i..i + len].iter().any(|&x| x != o) {
                    continue;
                }
                if let Some(kind) = best.get(&s[i..i + len]) {
                    t[i] = tag_index(&format!("B-{kind}")).unwrap_or(o);
                    for x in t.iter_mut().take(i + len).skip(i + 1) {
                        *x = tag_index(&format!("I-{kind}")).unwrap_or(o);
                    }
                    i += len;
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_conll_rules() {
        let t = |s: &str| {
            s.split(' ')
                .map(|x| tag_index(x).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spans(&t("B-PERS I-PERS O B-LOC")),
            vec![(0, 2, "PERS"), (3, 4, "LOC")]
        );
        // An I- after O, or after another type, starts an entity.
        assert_eq!(
            spans(&t("O I-ORG B-LOC I-PERS")),
            vec![(1, 2, "ORG"), (2, 3, "LOC"), (3, 4, "PERS")]
        );
    }

    #[test]
    fn bioes_labels_round_trip_and_constrain_decoding() {
        let t = |s: &str| {
            s.split(' ')
                .map(|x| tag_index(x).unwrap())
                .collect::<Vec<_>>()
        };
        let l = |labels: &[usize]| labels.iter().map(|&x| LABELS[x]).collect::<Vec<_>>();
        let bio = t("B-PERS I-PERS I-PERS O B-LOC B-LOC I-LOC O I-ORG");
        let labels = to_labels(&bio);
        assert_eq!(
            l(&labels),
            ["B-PERS", "I-PERS", "E-PERS", "O", "S-LOC", "B-LOC", "E-LOC", "O", "S-ORG"]
        );
        // Back to BIO: the stray I-ORG (an entity by CoNLL rules) comes back as B-ORG.
        assert_eq!(
            to_bio(&labels),
            t("B-PERS I-PERS I-PERS O B-LOC B-LOC I-LOC O B-ORG")
        );
        assert_eq!(spans(&to_bio(&labels)), spans(&bio));
        for (k, kind) in KINDS.iter().enumerate().skip(1) {
            assert_eq!(
                kind_of(
                    tag_index(&format!("B-{kind}"))
                        .map(|b| to_labels(&[b])[0])
                        .unwrap()
                ),
                k
            );
        }
        let at = |x: &str| LABELS.iter().position(|y| *y == x).unwrap();
        assert!(allowed(Some(at("B-ORG")), at("E-ORG")));
        assert!(!allowed(Some(at("B-ORG")), at("O")), "a B- must be closed");
        assert!(!allowed(Some(at("E-ORG")), at("I-ORG")));
        assert!(allowed(Some(at("S-LOC")), at("B-PERS")));
        assert!(!allowed(None, at("E-PERS")));
        assert!(allowed_end(at("E-MISC")) && !allowed_end(at("I-MISC")));
        // Decoding never ends inside a name even when the last word's best label is B-.
        let mut e = [[0f32; N]; 2];
        e[0][at("B-PERS")] = 5.0;
        e[1][at("B-PERS")] = 5.0;
        e[1][at("E-PERS")] = 1.0;
        let path = viterbi(&e, &[[0f32; N]; N + 1]);
        assert_eq!(l(&path), ["B-PERS", "E-PERS"]);
    }

    /// Viterbi as it was: every label after every label, −∞ where not allowed.
    fn viterbi_all_pairs(emissions: &[[f32; N]], transitions: &[[f32; N]; N + 1]) -> Vec<usize> {
        let n = emissions.len();
        if n == 0 {
            return Vec::new();
        }
        let (allowed, ends) = (allowed_table(), std::array::from_fn::<_, N, _>(allowed_end));
        let mut score = vec![[f32::NEG_INFINITY; N]; n];
        let mut back = vec![[0usize; N]; n];
        for b in 0..N {
            if allowed[N][b] {
                score[0][b] = transitions[N][b] + emissions[0][b];
            }
        }
        for i in 1..n {
            for b in 0..N {
                let mut best = f32::NEG_INFINITY;
                for a in 0..N {
                    let w = if allowed[a][b] {
                        transitions[a][b]
                    } else {
                        f32::NEG_INFINITY
                    };
                    let s = score[i - 1][a] + w;
                    if s > best {
                        best = s;
                        back[i][b] = a;
                    }
                }
                score[i][b] = best + emissions[i][b];
            }
        }
        let mut last = (0..N)
            .filter(|&a| ends[a])
            .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
            .unwrap_or(0);
        let mut out = vec![0; n];
        for i in (0..n).rev() {
            out[i] = last;
            last = back[i][last];
        }
        out
    }

    #[test]
    fn viterbi_over_allowed_pairs_is_viterbi_over_all_pairs() {
        // Weights from a few values, so that ties are frequent: the same winners.
        let mut x: u64 = 7;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % 5) as f32 - 2.0
        };
        for len in [1usize, 2, 3, 5, 9, 20] {
            for _ in 0..50 {
                let transitions: [[f32; N]; N + 1] =
                    std::array::from_fn(|_| std::array::from_fn(|_| next()));
                let emissions: Vec<[f32; N]> =
                    (0..len).map(|_| std::array::from_fn(|_| next())).collect();
                assert_eq!(
                    viterbi(&emissions, &transitions),
                    viterbi_all_pairs(&emissions, &transitions)
                );
            }
        }
    }

    #[test]
    fn clusters_files_side_by_side_mark_missing_granularities() {
        let mut lists = NameLists::default();
        lists.load_clusters("بغداد\t3\t-\t7\nزيد\t-\t-\nعمرو\t1\t2\t5\n");
        assert_eq!(lists.clusters["بغداد"], vec![3, NO_CLUSTER, 7]);
        assert!(!lists.clusters.contains_key("زيد"), "no cluster at all");
        let p = prepare(&["بغداد"], &lists);
        let mut f = Vec::new();
        features(&p, 0, &mut f);
        let h = H::new().part("c0");
        assert!(f.contains(&h.num(0).num(3).0) && f.contains(&h.num(2).num(7).0));
        assert!(!f.contains(&h.num(1).num(NO_CLUSTER as usize).0));
    }

    #[test]
    fn word_and_context_features_are_the_features() {
        // What the cached tagging path sums (each word's share at each offset, then
        // the features of the context) is what `features` gives, hash for hash.
        let mut lists = NameLists::default();
        lists.add("جورج بوش", "PERS");
        lists.add("بغداد", "LOC");
        lists.add("الأمم المتحدة", "ORG");
        lists.load_clusters("بغداد\t3\t-\t7\nجورج\t1\t2\t5\nقال\t4\t4\t4\n");
        let plain = lists.clone();
        lists.load_lexicon("بغداد\t0\t0\t0\t9\t0\nقال\t7\t0\t0\t0\t0\n");
        for lists in [&lists, &plain] {
            for tokens in [
                vec![
                    "قال",
                    "جورج",
                    "كلوني",
                    "في",
                    "ببغداد",
                    "إن",
                    "الأمم",
                    "المتحدة",
                ],
                vec!["وبغداد"],
                vec!["2026", "،", "جورج", "بوش"],
                vec!["في", "!", "للأمم"],
            ] {
                let p = prepare(&tokens, lists);
                let mut cache = WordCache::default();
                let ids: Vec<u32> = tokens.iter().map(|t| cache.id(t, lists)).collect();
                let q = prepare_cached(&cache.infos, &ids, lists);
                assert_eq!(
                    (&q.words, &q.stems, &q.clitics, &q.clusters),
                    (&p.words, &p.stems, &p.clitics, &p.clusters)
                );
                assert_eq!(
                    (&q.lists, &q.marks, &q.lexicon),
                    (&p.lists, &p.marks, &p.lexicon)
                );
                for i in 0..tokens.len() {
                    let mut want = Vec::new();
                    features(&p, i, &mut want);
                    let mut got = Vec::new();
                    for k in OFFSETS {
                        word_features(&p, i, k, &mut got);
                    }
                    context_features(&p, i, &mut got);
                    want.sort_unstable();
                    got.sort_unstable();
                    assert_eq!(got, want, "{tokens:?} {i}");
                }
            }
        }
    }

    #[test]
    fn rare_features_are_left_out() {
        let feats = vec![vec![vec![1u64, 2, 3], vec![1, 2]], vec![vec![1, 4]]];
        assert_eq!(
            frequent_features(&feats, 2),
            vec![vec![vec![1u64, 2], vec![1, 2]], vec![vec![1]]]
        );
        assert_eq!(frequent_features(&feats, 1), feats);
        let text = "قال O\nالرئيس O\nمصطفى B-PERS\nالكاظمي I-PERS\n\nقال O\nالرئيس O\nجو B-PERS\n";
        let data = read_conll(text).unwrap();
        let lists = NameLists::default();
        let all = Model::train(&data, &lists, TrainOptions::default());
        let pruned = Model::train(
            &data,
            &lists,
            TrainOptions {
                min_count: 2,
                ..Default::default()
            },
        );
        assert!(pruned.len() < all.len(), "{} {}", pruned.len(), all.len());
    }

    #[test]
    fn learns_a_tiny_language_and_round_trips() {
        // Sentences in the ANERcorp style: a trigger word before a name.
        let text = "قال O\nالرئيس O\nمصطفى B-PERS\nالكاظمي I-PERS\nفي O\nبغداد B-LOC\n\n\
                    وصل O\nالرئيس O\nجو B-PERS\nبايدن I-PERS\nإلى O\nأربيل B-LOC\n\n\
                    قال O\nالرئيس O\nبرهم B-PERS\nصالح I-PERS\nفي O\nالبصرة B-LOC\n";
        let data = read_conll(text).unwrap();
        let mut lists = NameLists::default();
        lists.add("بغداد", "LOC");
        lists.add("أربيل", "LOC");
        lists.add("البصرة", "LOC");
        let model = Model::train(&data, &lists, TrainOptions::default());
        let tokens = ["قال", "الرئيس", "نوري", "المالكي", "في", "بالبصرة"];
        let tags: Vec<&str> = model
            .tag(&tokens, &lists)
            .iter()
            .map(|&t| TAGS[t])
            .collect();
        assert_eq!(tags[5], "B-LOC", "{tags:?}");
        let again = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(again.tag(&tokens, &lists), model.tag(&tokens, &lists));
        assert!(Model::from_bytes(b"garbage").is_err());
        // Two passes, the second reading the first's tags over the document, with a
        // tagger of another corpus beside it: the same tags after a round trip.
        let docs: Vec<&[Sentence]> = data.chunks(1).collect();
        let aux = Model::train(&data, &lists, TrainOptions::default());
        let two = Model::train_documents(&docs, 3, &lists, TrainOptions::default(), Some(aux));
        let tagged = two.tag_document(&[tokens.to_vec()], &lists);
        assert_eq!(TAGS[tagged[0][5]], "B-LOC", "{tagged:?}");
        let again = Model::from_bytes(&two.to_bytes()).unwrap();
        assert_eq!(again.tag_document(&[tokens.to_vec()], &lists), tagged);
        // The joint table scores as the three tables apart do.
        let apart = two.unjoined();
        assert!(apart.joint.is_none() && apart.len() == two.len());
        let docs: Vec<Vec<&str>> = data
            .iter()
            .map(|(t, _)| t.iter().map(String::as_str).collect())
            .chain([tokens.to_vec()])
            .collect();
        assert_eq!(
            apart.tag_document(&docs, &lists),
            two.tag_document(&docs, &lists)
        );
        // The stems of the document just tagged, from the word ids tagging kept, are
        // those looked up again.
        let owned = |stems: Vec<Vec<&str>>| -> Vec<Vec<String>> {
            stems
                .iter()
                .map(|s| s.iter().map(|w| w.to_string()).collect())
                .collect()
        };
        let mut cache = WordCache::default();
        two.tag_document_cached(&docs, &lists, &mut cache);
        assert!(!cache.tagged.is_empty());
        let kept = owned(cache.tagged_stems(&docs, &lists));
        assert_eq!(kept, owned(WordCache::default().stems(&docs, &lists)));
        assert_eq!(kept.len(), docs.len());
        // A cache of a few words drops its less used ones between documents: it stays
        // within its limit and a document's words, and gives the same tags as a fresh
        // one; the sums it keeps are those a fresh cache computes.
        let mut small = WordCache {
            limit: 6,
            ..WordCache::default()
        };
        let mut fresh = WordCache::default();
        for round in 0..3 {
            for doc in docs.iter().chain(docs.iter().rev()) {
                let doc = std::slice::from_ref(doc);
                let got = two.tag_document_cached(doc, &lists, &mut small);
                assert_eq!(got, two.tag_document(doc, &lists), "{round} {doc:?}");
                two.tag_document_cached(doc, &lists, &mut fresh);
                let words = small.ids.len();
                assert!(words <= 6 + doc[0].len(), "{words}");
                assert_eq!(small.infos.len(), words + 2);
                assert_eq!(small.sums.slots.len(), words + 2);
                assert_eq!(small.uses.len(), words + 2);
                for (token, &id) in &small.ids {
                    let other = fresh.ids[token];
                    let (a, b) = (&small.infos[id as usize], &fresh.infos[other as usize]);
                    assert_eq!((&a.word, &a.stem, &a.clitic), (&b.word, &b.stem, &b.clitic));
                    let slots = small.sums.slots[id as usize];
                    for (x, &at) in slots.iter().enumerate() {
                        let there = fresh.sums.slots[other as usize][x];
                        match at {
                            // Not met at that offset since it came back.
                            UNSUMMED => {}
                            ZERO => assert_eq!(at, there, "{token} {x}"),
                            _ => assert_eq!(
                                small.sums.sums[at as usize], fresh.sums.sums[there as usize],
                                "{token} {x}"
                            ),
                        }
                    }
                }
            }
        }
        assert!(small.sums.sums.len() < fresh.sums.sums.len());
    }

    #[test]
    fn path_difference_cancels_and_measures() {
        // Gold O B-PERS E-PERS, guess O S-PERS O; feature 9 is on tokens 1 and 2.
        let at = |x: &str| LABELS.iter().position(|y| *y == x).unwrap();
        let (o, b, e, s) = (0, at("B-PERS"), at("E-PERS"), at("S-PERS"));
        let feats = vec![vec![1u64], vec![2, 9], vec![3, 9]];
        let d = path_difference(&feats, &[o, b, e], &[o, s, o]);
        assert!(!d.features.contains_key(&(1, o)), "token 0 is right");
        assert_eq!(d.features[&(2, b)], 1.0);
        assert_eq!(d.features[&(2, s)], -1.0);
        assert_eq!(d.features[&(9, b)], 1.0);
        assert_eq!(d.features[&(9, e)], 1.0);
        assert_eq!(d.features[&(9, s)], -1.0);
        assert_eq!(d.features[&(9, o)], -1.0);
        assert_eq!(d.features.len(), 8);
        assert_eq!(d.transitions[o][b], 1.0);
        assert_eq!(d.transitions[o][s], -1.0);
        assert_eq!(d.transitions[b][e], 1.0);
        assert_eq!(d.transitions[s][o], -1.0);
        assert_eq!(d.norm(), 8.0 + 4.0);
        // Where the same feature's +1 and −1 meet, nothing is left.
        let d = path_difference(&[vec![5], vec![5]], &[o, s], &[s, o]);
        assert!(d.features.is_empty());
    }

    #[test]
    fn every_learner_separates_a_toy_language() {
        // A word's label follows from the word before it (a trigger) and its own shape;
        // the unseen sentence needs the trigger features, not the words.
        let text = "قال O\nالرئيس O\nمصطفى B-PERS\nالكاظمي I-PERS\nفي O\nبغداد B-LOC\n\n\
                    وصل O\nالرئيس O\nجو B-PERS\nبايدن I-PERS\nإلى O\nأربيل B-LOC\n\n\
                    قال O\nالوزير O\nفؤاد B-PERS\nحسين I-PERS\nفي O\nالموصل B-LOC\n\n\
                    وصل O\nالوزير O\nعلي B-PERS\nعلاوي I-PERS\nإلى O\nكركوك B-LOC\n\n\
                    قال O\nالرئيس O\nبرهم B-PERS\nصالح I-PERS\nفي O\nالبصرة B-LOC\n";
        let data = read_conll(text).unwrap();
        let lists = NameLists::default();
        for learner in [
            Learner::Perceptron,
            Learner::PassiveAggressive { c: 1.0 },
            Learner::PassiveAggressive { c: 0.01 },
            Learner::AdaGrad { eta: 1.0 },
        ] {
            let options = TrainOptions {
                learner,
                ..Default::default()
            };
            let model = Model::train(&data, &lists, options);
            for (tokens, gold) in &data {
                let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
                assert_eq!(&model.tag(&refs, &lists), gold, "{learner:?}");
            }
            let again = Model::train(&data, &lists, options);
            assert_eq!(again.to_bytes(), model.to_bytes(), "{learner:?} repeats");
        }
    }

    #[test]
    fn models_of_several_shuffles_are_averaged() {
        let at = |x: &str| LABELS.iter().position(|y| *y == x).unwrap();
        let (o, pers) = (vec![0, at("S-PERS")], vec![at("S-PERS"), 0]);
        let feats = vec![
            vec![vec![1u64, 2], vec![3, 4]],
            vec![vec![3, 5], vec![1, 2]],
        ];
        let golds = vec![&o, &pers];
        let one = |seed| {
            let options = TrainOptions {
                seed,
                ..Default::default()
            };
            Model::train_features(&feats, &golds, options)
        };
        let (a, b) = (one(7), one(8));
        let both = Model::train_features(
            &feats,
            &golds,
            TrainOptions {
                seeds: 2,
                ..Default::default()
            },
        );
        for key in [1u64, 2, 3, 4, 5] {
            let w = |m: &Model| m.weights.get(key).copied().unwrap_or([0.0; N]);
            for k in 0..N {
                assert!((w(&both)[k] - (w(&a)[k] / 2.0 + w(&b)[k] / 2.0)).abs() < 1e-6);
            }
        }
        assert_eq!(both.decode(&feats[0]), o);
        assert_eq!(both.decode(&feats[1]), pers);
    }

    #[test]
    fn domain_copies_keep_the_other_corpus_guidelines_apart() {
        // Feature 10 is a person here and an organisation (ten times as often) in the
        // other corpus; 20 is a place in the other corpus alone, 30 here alone.
        let at = |x: &str| LABELS.iter().position(|y| *y == x).unwrap();
        let (pers, org, loc) = (vec![at("S-PERS")], vec![at("S-ORG")], vec![at("S-LOC")]);
        let mut feats = Vec::new();
        let mut golds = Vec::new();
        for _ in 0..3 {
            feats.extend([vec![vec![10u64]], vec![vec![30]]]);
            golds.extend([&pers, &loc]);
        }
        let mut other_feats = Vec::new();
        let mut other_golds = Vec::new();
        for _ in 0..30 {
            other_feats.extend([vec![vec![10u64]], vec![vec![20]]]);
            other_golds.extend([&org, &loc]);
        }
        let options = TrainOptions::default();
        let adapted = train_adapted(&feats, &golds, &other_feats, &other_golds, options);
        assert_eq!(adapted.decode(&[vec![10]]), pers, "its own copy outweighs");
        assert_eq!(
            adapted.decode(&[vec![20]]),
            loc,
            "learnt from the other corpus"
        );
        assert_eq!(adapted.decode(&[vec![30]]), loc);
        // The model keeps the shared + own sum under the feature's key, nothing else.
        let mut keys: Vec<u64> = adapted.weights.iter().map(|(k, _)| k).collect();
        keys.sort_unstable();
        assert_eq!(keys, [10, 20, 30]);
        // The corpora pooled as they are: the other corpus's guidelines win.
        let all_f: Vec<_> = feats.iter().chain(&other_feats).cloned().collect();
        let all_g: Vec<_> = golds.iter().chain(&other_golds).copied().collect();
        let pooled = Model::train_features(&all_f, &all_g, options);
        assert_eq!(pooled.decode(&[vec![10]]), org);
        // Without another corpus, nothing changes.
        let alone = train_adapted(&feats, &golds, &[], &[], options);
        assert_eq!(
            alone.to_bytes(),
            Model::train_features(&feats, &golds, options).to_bytes()
        );
    }

    #[test]
    fn listed_name_words_mark_unlisted_names() {
        // ANERGazet lists "جورج بوش"; "جورج كلوني" is not listed, but its first word is
        // the first word of a listed person, which the features read.
        let mut lists = NameLists::default();
        lists.add("جورج بوش", "PERS");
        lists.add("بغداد", "LOC");
        let p = prepare(&["قال", "جورج", "كلوني", "في", "ببغداد"], &lists);
        let pers_first = 1 << 1;
        assert_eq!(p.marks[1], pers_first);
        assert_eq!(p.marks[2], 0);
        // وبغداد and ببغداد are بغداد under a proclitic: the stem is read too.
        assert_eq!(p.marks[4], 1 << 8, "LOC alone");
    }

    #[test]
    fn lexicon_counts_stems_and_round_trips() {
        // WikiFANE-style sentences: "لندن" is a place under its proclitic too (بلندن:
        // the analyser takes ب off because the lists know لندن), "وصل" a verb, never
        // inside a name.
        let text = "وصل O\nإلى O\nلندن B-LOC\n\nعاد O\nمن O\nبلندن B-LOC\n\n\
                    وصل O\nالوزير O\nتوني B-PERS\nبلير I-PERS\n";
        let data = read_conll(text).unwrap();
        let mut lists = NameLists::default();
        lists.add("لندن", "LOC");
        lists.learn_lexicon(&data);
        assert_eq!(lists.lexicon.get("لندن"), Some(&[0, 0, 0, 2, 0]));
        assert_eq!(lists.lexicon.get("وصل"), Some(&[2, 0, 0, 0, 0]));
        let mut again = NameLists::default();
        again.add("لندن", "LOC");
        again.load_lexicon(&lists.lexicon_tsv());
        assert_eq!(again.lexicon, lists.lexicon);
        let p = prepare(&["التقى", "توني", "بلير", "في", "بلندن"], &again);
        assert_eq!(p.lexicon[4], Some([0, 0, 0, 2, 0]));
        assert_eq!(p.lexicon[1], Some([0, 1, 0, 0, 0]));
        assert_eq!(p.lexicon[0], None, "التقى is not in the corpus");
        assert_eq!(lexicon_class(&[0, 0, 0, 2, 0]), ("LOC", "all"));
        assert!(lists.without_lexicon().lexicon.is_empty());
    }

    #[test]
    fn incremental_hashes_are_the_joined_parts() {
        assert_eq!(
            H::new().part("c0").num(2).num(1017).0,
            hash(&["c0", "2", "1017"])
        );
        assert_eq!(H::new().num(0).0, hash(&["0"]));
        let (heads, tails, n) = char_cuts("بغداد");
        assert_eq!(n, 4);
        assert_eq!(&"بغداد"[..heads[1]], "بغ");
        assert_eq!(&"بغداد"[tails[2]..], "داد");
    }

    #[test]
    fn longest_match_prefers_the_longest_name() {
        let mut lists = NameLists::default();
        lists.add("جورج", "PERS");
        lists.add("جورج بوش الابن", "PERS");
        lists.add("بغداد", "LOC");
        let p = prepare(
            &["قال", "جورج", "بوش", "الابن", "في", "وبغداد", "جورج", "بوش"],
            &lists,
        );
        let kinds: Vec<_> = p
            .lists
            .iter()
            .map(|m| m.map(|(c, pos)| format!("{c}-{pos}")))
            .collect();
        let want = [
            None,
            Some("PERS-B"),
            Some("PERS-I"),
            Some("PERS-I"),
            None,
            Some("LOC-B"),
            Some("PERS-B"),
            None,
        ];
        assert_eq!(kinds, want.map(|w| w.map(String::from)));
    }

    #[test]
    fn scores_are_entity_level() {
        let mut s = Scores::default();
        let t = |s: &str| {
            s.split(' ')
                .map(|x| tag_index(x).unwrap())
                .collect::<Vec<_>>()
        };
        s.add(&t("B-PERS I-PERS O B-LOC"), &t("B-PERS O O B-LOC"));
        // The person's span is wrong: one of two gold entities found, one of two
        // predicted right.
        assert_eq!(s.micro(), (0.5, 0.5, 0.5));
    }
}
