//! Word clusters learned from unlabeled Arabic news, for the NER tagger's features:
//! words used in the same contexts (names after "الرئيس", places after "مدينة") fall in
//! the same cluster, so the tagger generalizes from the names it was trained on to names
//! it never saw.
//!
//! The method: every word's left and right neighbours among the most frequent context
//! words, counted over the corpus, as log-counts; a fixed random projection of that
//! vector to [`DIMS`] dimensions; L2-normalized; k-means (deterministic seeding) at two
//! granularities. Words are the clitic-stripped stems of the tokenizer's words.

use std::collections::HashMap;

use marsad_arabic::clitics;
use marsad_arabic::normalize::normalize_key;
use marsad_arabic::token::{tokenize_chars, TokenKind};

pub const DIMS: usize = 96;

/// Options of a clustering run.
pub struct ClusterOptions {
    pub vocabulary: usize,
    pub contexts: usize,
    pub min_count: usize,
    pub granularities: Vec<usize>,
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            vocabulary: 60_000,
            contexts: 2000,
            min_count: 3,
            granularities: vec![32, 128, 512, 2048],
            iterations: 12,
        }
    }
}

/// The stems of a text's words, sentence by sentence (split at punctuation).
pub fn stems(text: &str, lexicon: &impl clitics::Lexicon) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![Vec::new()];
    for token in tokenize_chars(&chars) {
        match token.kind {
            TokenKind::Word | TokenKind::Hashtag => {
                let norm = normalize_key(&token.text(&chars));
                let norm = norm.trim_start_matches('#').replace('_', " ");
                for word in norm.split(' ').filter(|w| !w.is_empty()) {
                    out.last_mut()
                        .expect("non-empty")
                        .push(clitics::stem(word, lexicon).into_owned());
                }
            }
            TokenKind::Number => out.last_mut().expect("non-empty").push("<num>".into()),
            TokenKind::Latin => out.last_mut().expect("non-empty").push("<latin>".into()),
            _ => {
                if !out.last().expect("non-empty").is_empty() {
                    out.push(Vec::new());
                }
            }
        }
    }
    out
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Learns clusters; returns `word → [cluster id per granularity]`.
pub fn learn(sentences: &[Vec<String>], options: &ClusterOptions) -> HashMap<String, Vec<u32>> {
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for s in sentences {
        for w in s {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(&str, usize)> = freq.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let contexts: HashMap<&str, usize> = by_freq
        .iter()
        .take(options.contexts)
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let vocab: Vec<&str> = by_freq
        .iter()
        .filter(|(_, n)| *n >= options.min_count)
        .take(options.vocabulary)
        .map(|(w, _)| *w)
        .collect();
    let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    // Co-occurrence: left contexts in [0, C), right contexts in [C, 2C).
    let c = options.contexts;
    let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&row) = index.get(w.as_str()) else {
                continue;
            };
            if i > 0 {
                if let Some(&k) = contexts.get(s[i - 1].as_str()) {
                    *counts[row].entry(k as u32).or_default() += 1.0;
                }
            }
            if let Some(next) = s.get(i + 1) {
                if let Some(&k) = contexts.get(next.as_str()) {
                    *counts[row].entry((c + k) as u32).or_default() += 1.0;
                }
            }
        }
    }
    // A fixed random ±1 projection of the 2C context dimensions.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let projection: Vec<[f32; DIMS]> = (0..2 * c)
        .map(|_| {
            let mut row = [0f32; DIMS];
            for v in row.iter_mut() {
                *v = if xorshift(&mut state) & 1 == 0 {
                    1.0
                } else {
                    -1.0
                };
            }
            row
        })
        .collect();
    let vectors: Vec<[f32; DIMS]> = counts
        .iter()
        .map(|row| {
            let mut v = [0f32; DIMS];
            for (&k, &n) in row {
                let weight = (1.0 + n).ln();
                for (d, p) in v.iter_mut().zip(projection[k as usize].iter()) {
                    *d += weight * p;
                }
            }
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|x| *x /= norm);
            v
        })
        .collect();
    let assignments: Vec<Vec<u32>> = options
        .granularities
        .iter()
        .map(|&k| kmeans(&vectors, k.min(vectors.len().max(1)), options.iterations))
        .collect();
    vocab
        .iter()
        .enumerate()
        .map(|(i, w)| (w.to_string(), assignments.iter().map(|a| a[i]).collect()))
        .collect()
}

fn kmeans(vectors: &[[f32; DIMS]], k: usize, iterations: usize) -> Vec<u32> {
    if vectors.is_empty() {
        return Vec::new();
    }
    // Deterministic seeding: evenly spaced over the frequency-ordered vocabulary.
    let mut centroids: Vec<[f32; DIMS]> = (0..k).map(|i| vectors[i * vectors.len() / k]).collect();
    let mut assign = vec![0u32; vectors.len()];
    for _ in 0..iterations {
        for (i, v) in vectors.iter().enumerate() {
            let mut best = (f32::NEG_INFINITY, 0u32);
            for (j, c) in centroids.iter().enumerate() {
                let dot: f32 = v.iter().zip(c.iter()).map(|(a, b)| a * b).sum();
                if dot > best.0 {
                    best = (dot, j as u32);
                }
            }
            assign[i] = best.1;
        }
        let mut sums = vec![[0f32; DIMS]; k];
        for (v, &a) in vectors.iter().zip(&assign) {
            for (s, x) in sums[a as usize].iter_mut().zip(v.iter()) {
                *s += x;
            }
        }
        for (c, s) in centroids.iter_mut().zip(sums) {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (ci, si) in c.iter_mut().zip(s.iter()) {
                    *ci = si / norm;
                }
            }
        }
    }
    assign
}
