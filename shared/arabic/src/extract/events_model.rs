//! The stacked main-event-type layer: an averaged perceptron over the lead's and the
//! body's words plus the rules' own main type, which may overrule the rules
//! (`tools/events-stacking/REPORT.md`; configuration `lead+bi+body+R4`, 20 epochs).
//!
//! Features, as `tools/events-stacking/feats.py` builds them:
//!
//! - Text preparation: the text core's matching form ([`normalize_key`]: tashkeel and
//!   tatweel dropped, alef, ya, ta marbuta and hamza seats folded); words are runs of
//!   Arabic letters (U+0621–U+064A) or of digits; a run of digits is `<NUM>`; the
//!   proclitics و ف, then لل or ب ل ك, then ال are stripped while more than three letters
//!   remain ([`light_stem`]: the experiment's stripper, kept instead of
//!   [`crate::clitics::stem`], whose lexicon-checked readings differ and cost a vector per
//!   word).
//! - Sentences: split after `. ! ? ؟` followed by white space, and at every line break.
//! - Headline (`T`) and first sentence (`L`): unigrams `T:w`, bigrams `T2:w_v`, the first
//!   word `T0:w`, each unigram and bigram also pooled as `H:w`, `H2:w_v`.
//! - Body: sentence i ≥ 1 adds exp(-(i-1)/3) to `B:w` for each of its words, until the
//!   weight falls under 0.05.
//! - The rules' main type: `R:TYPE` = 4.
//! - Every value is then log1p'd.
//!
//! The model is one-vs-rest binary perceptrons (scikit-learn's `SGDClassifier(loss=
//! "perceptron", average=True)`: step 1, an intercept moving by 0.01 a step), averaged
//! over every step; the class is the highest score. Features are hashed (FNV-1a over the
//! feature's bytes) so that scoring an article allocates no string per feature; the
//! weights file (`data/models/events.tsv`, written by `marsad train events`) keeps the
//! feature strings, one `feature<TAB>class<TAB>weight` a line.

use std::collections::{BTreeMap, HashMap};

use crate::gazetteer::FnvBuild;
use crate::normalize::normalize_key;

/// The weight of the rules' one-hot type.
pub const RULES_WEIGHT: f64 = 4.0;
/// The body's sentence decay.
pub const BODY_DECAY: f64 = 3.0;
/// Passes over the training data.
pub const EPOCHS: usize = 20;
/// scikit-learn's intercept step on sparse data.
const INTERCEPT_DECAY: f64 = 0.01;
/// The intercept's name in the weights file.
const BIAS: &str = "<bias>";

/// FNV-1a (the gazetteer's [`FnvBuild`]) of the concatenation of `parts`.
fn hash_parts(parts: &[&str]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = FnvBuild.build_hasher();
    for p in parts {
        h.write(p.as_bytes());
    }
    h.finish()
}

/// The experiment's light proclitic stripper (feats.py `stem`) over a word of the
/// matching form; a run of digits is `<NUM>`.
pub fn light_stem(w: &str) -> &str {
    if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return "<NUM>";
    }
    let long = |w: &str| w.chars().nth(3).is_some();
    let mut w = w;
    if long(w) && (w.starts_with('و') || w.starts_with('ف')) {
        w = &w['و'.len_utf8()..];
    }
    if long(w) && w.starts_with("لل") {
        w = &w["لل".len()..];
    } else if long(w) && (w.starts_with('ب') || w.starts_with('ل') || w.starts_with('ك')) {
        w = &w['ب'.len_utf8()..];
    }
    if long(w) && w.starts_with("ال") {
        w = &w["ال".len()..];
    }
    w
}

fn is_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

/// The stemmed words of a piece of matching-form text.
fn tokens<'s>(s: &'s str, out: &mut Vec<&'s str>) {
    out.clear();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in s.char_indices() {
        let kind = if is_letter(c) {
            Some(true)
        } else if c.is_ascii_digit() {
            Some(false)
        } else {
            None
        };
        match (start, kind) {
            (Some((_, k)), Some(k2)) if k == k2 => {}
            (Some((from, _)), _) => {
                out.push(light_stem(&s[from..i]));
                start = kind.map(|k| (i, k));
            }
            (None, _) => start = kind.map(|k| (i, k)),
        }
    }
    if let Some((from, _)) = start {
        out.push(light_stem(&s[from..]));
    }
}

/// The sentences of a matching-form text, as feats.py splits them: after a terminator
/// followed by white space, and at every line break; trimmed, empty ones left out.
fn sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut prev = '\0';
    for (i, c) in s.char_indices() {
        if c == '\n' || (c.is_whitespace() && matches!(prev, '.' | '!' | '?' | '؟')) {
            let piece = s[from..i].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            from = i + c.len_utf8();
        }
        prev = c;
    }
    let piece = s[from..].trim();
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// Sentences the features read: the lead and the body sentences whose decay weight is
/// at least 0.05 (exp(-9/3) < 0.05 ends the body at sentence 9).
const SENTENCES_READ: usize = 10;

/// The matching form of the start of `text` that holds its first [`SENTENCES_READ`]
/// sentences whole (all of it when shorter): the same sentences as the whole text's,
/// without folding and splitting a long article to its end. The prefix doubles from
/// 2 KB until a sentence after those has begun.
fn normalized_lead(text: &str) -> String {
    let mut len = 2048;
    loop {
        if len >= text.len() {
            return normalize_key(text);
        }
        while !text.is_char_boundary(len) {
            len += 1;
        }
        let prefix = normalize_key(&text[..len]);
        if sentences(&prefix).len() > SENTENCES_READ {
            return prefix;
        }
        len *= 2;
    }
}

/// Calls `emit` with every feature occurrence of an article (its name as parts to
/// concatenate, and the value to add), before the counts are summed and log1p'd.
fn visit(title: Option<&str>, text: &str, rules: &str, emit: &mut impl FnMut(&[&str], f64)) {
    let title = normalize_key(title.unwrap_or(""));
    let text = normalized_lead(text);
    let sents = sentences(&text);
    let mut tk = Vec::new();
    for (pre, part) in [
        ("T", title.as_str()),
        ("L", sents.first().copied().unwrap_or("")),
    ] {
        tokens(part, &mut tk);
        let (uni, bi, first) = if pre == "T" {
            ("T:", "T2:", "T0:")
        } else {
            ("L:", "L2:", "L0:")
        };
        for t in &tk {
            emit(&[uni, t], 1.0);
            emit(&["H:", t], 1.0);
        }
        for pair in tk.windows(2) {
            emit(&[bi, pair[0], "_", pair[1]], 1.0);
            emit(&["H2:", pair[0], "_", pair[1]], 1.0);
        }
        if let Some(t) = tk.first() {
            emit(&[first, t], 1.0);
        }
    }
    for (i, s) in sents.iter().enumerate().skip(1) {
        let w = (-((i - 1) as f64) / BODY_DECAY).exp();
        if w < 0.05 {
            break;
        }
        tokens(s, &mut tk);
        for t in &tk {
            emit(&["B:", t], w);
        }
    }
    // Set, not added: the one-hot rules type.
    emit(&["R:", rules], f64::NAN);
}

/// Sums, then log1p: `R:` (marked NaN) is set to the rules weight.
fn finish(v: f64) -> f64 {
    if v.is_nan() {
        RULES_WEIGHT.ln_1p()
    } else {
        v.ln_1p()
    }
}

/// An article's features by hash, summed and log1p'd, sorted by hash.
pub fn hashed_features(title: Option<&str>, text: &str, rules: &str) -> Vec<(u64, f64)> {
    let mut fs: Vec<(u64, f64)> = Vec::with_capacity(512);
    visit(title, text, rules, &mut |parts, v| {
        fs.push((hash_parts(parts), v))
    });
    fs.sort_unstable_by_key(|f| f.0);
    let mut out: Vec<(u64, f64)> = Vec::with_capacity(fs.len());
    for (h, v) in fs {
        match out.last_mut() {
            Some((last, sum)) if *last == h => *sum = if v.is_nan() { v } else { *sum + v },
            _ => out.push((h, v)),
        }
    }
    for f in &mut out {
        f.1 = finish(f.1);
    }
    out
}

/// An article's features by name, summed and log1p'd, sorted by name (training).
pub fn named_features(title: Option<&str>, text: &str, rules: &str) -> Vec<(String, f64)> {
    let mut fs: BTreeMap<String, f64> = BTreeMap::new();
    visit(title, text, rules, &mut |parts, v| {
        let sum = fs.entry(parts.concat()).or_insert(0.0);
        *sum = if v.is_nan() { v } else { *sum + v };
    });
    fs.into_iter().map(|(k, v)| (k, finish(v))).collect()
}

/// A trained model: per class an intercept, per hashed feature a weight per class.
#[derive(Debug, Clone)]
pub struct EventsModel {
    classes: Vec<String>,
    bias: Vec<f32>,
    /// Feature hash → offset of its `classes.len()` weights in `weights`.
    index: HashMap<u64, u32, FnvBuild>,
    weights: Vec<f32>,
}

impl EventsModel {
    /// Reads a weights file: `feature<TAB>class<TAB>weight` lines (`<bias>` the
    /// intercept), `#` comments.
    pub fn parse(tsv: &str) -> Result<EventsModel, String> {
        let mut rows: Vec<(&str, &str, f32)> = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(feature), Some(class), Some(w), None) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                return Err(format!("line {}: not feature, class, weight", n + 1));
            };
            let w: f32 = w
                .parse()
                .map_err(|e| format!("line {}: weight {w:?}: {e}", n + 1))?;
            rows.push((feature, class, w));
        }
        let mut classes: Vec<String> = rows.iter().map(|r| r.1.to_string()).collect();
        classes.sort();
        classes.dedup();
        if classes.is_empty() {
            return Err("no weights".into());
        }
        let k = classes.len();
        let mut model = EventsModel {
            bias: vec![0.0; k],
            classes,
            index: HashMap::default(),
            weights: Vec::new(),
        };
        for (feature, class, w) in rows {
            let c = model
                .classes
                .binary_search_by(|x| x.as_str().cmp(class))
                .expect("listed");
            if feature == BIAS {
                model.bias[c] = w;
                continue;
            }
            let next = model.weights.len() as u32;
            let at = *model.index.entry(hash_parts(&[feature])).or_insert(next);
            if at == next {
                model.weights.extend(std::iter::repeat_n(0.0, k));
            }
            model.weights[at as usize + c] = w;
        }
        Ok(model)
    }

    pub fn load(path: &std::path::Path) -> Result<EventsModel, String> {
        let tsv = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        EventsModel::parse(&tsv).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// The class of an article whose rules chose `rules` (the highest score, the first
    /// class by name among equals).
    pub fn predict(&self, title: Option<&str>, text: &str, rules: &str) -> &str {
        self.predict_features(&hashed_features(title, text, rules))
    }

    /// The class of an article's [`hashed_features`].
    pub fn predict_features(&self, features: &[(u64, f64)]) -> &str {
        let k = self.classes.len();
        let mut scores: Vec<f64> = self.bias.iter().map(|&b| f64::from(b)).collect();
        for (h, v) in features {
            if let Some(&at) = self.index.get(h) {
                let ws = &self.weights[at as usize..at as usize + k];
                for (s, w) in scores.iter_mut().zip(ws) {
                    *s += v * f64::from(*w);
                }
            }
        }
        let mut best = 0;
        for (c, s) in scores.iter().enumerate() {
            if *s > scores[best] {
                best = c;
            }
        }
        &self.classes[best]
    }
}

/// One training article: its [`named_features`] and its gold type.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<(String, f64)>,
    pub label: String,
}

/// SplitMix64: the shuffles' fixed-seed generator.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Trains the one-vs-rest averaged perceptrons (`epochs` passes, each class's examples
/// shuffled every pass by a generator seeded with `seed` and the class) and returns the
/// weights file: deterministic, sorted by feature and class, zero weights left out.
/// With `seeds` > 1, as many models are trained (seeds `seed`, `seed + 1`, …) and their
/// weights averaged: the shuffle's luck averaged out.
pub fn train(examples: &[Example], epochs: usize, seed: u64, seeds: usize) -> String {
    let mut classes: Vec<&str> = examples.iter().map(|e| e.label.as_str()).collect();
    classes.sort_unstable();
    classes.dedup();
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        for (f, _) in &e.features {
            names.insert(f, 0);
        }
    }
    for (i, v) in names.values_mut().enumerate() {
        *v = i;
    }
    let xs: Vec<Vec<(usize, f64)>> = examples
        .iter()
        .map(|e| {
            e.features
                .iter()
                .map(|(f, v)| (names[f.as_str()], *v))
                .collect()
        })
        .collect();
    let nf = names.len();
    // Per class: averaged weights and intercept, summed over the seeds.
    let seeds = seeds.max(1);
    let mut averaged: Vec<(Vec<f64>, f64)> = vec![(vec![0.0; nf], 0.0); classes.len()];
    for (s, (ci, class)) in
        (0..seeds as u64).flat_map(|s| classes.iter().enumerate().map(move |c| (s, c)))
    {
        let seed = seed.wrapping_add(s);
        let ys: Vec<f64> = examples
            .iter()
            .map(|e| if e.label == *class { 1.0 } else { -1.0 })
            .collect();
        let (mut w, mut u) = (vec![0.0f64; nf], vec![0.0f64; nf]);
        let (mut b, mut ub) = (0.0f64, 0.0f64);
        let mut rng = SplitMix(seed ^ (ci as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut t = 1.0f64;
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &i in &order {
                let y = ys[i];
                let p: f64 = b + xs[i].iter().map(|&(f, v)| w[f] * v).sum::<f64>();
                if p * y <= 0.0 {
                    for &(f, v) in &xs[i] {
                        w[f] += y * v;
                        u[f] += (t - 1.0) * y * v;
                    }
                    b += y * INTERCEPT_DECAY;
                    ub += (t - 1.0) * y * INTERCEPT_DECAY;
                }
                t += 1.0;
            }
        }
        let steps = t - 1.0;
        let (sum, bias) = &mut averaged[ci];
        for ((a, w), u) in sum.iter_mut().zip(&w).zip(&u) {
            *a += (w - u / steps) / seeds as f64;
        }
        *bias += (b - ub / steps) / seeds as f64;
    }
    let mut out = String::new();
    out.push_str(&format!(
        "# marsad events model: stacked main event type (lead+bi+body+R{RULES_WEIGHT}, averaged perceptron, {epochs} epochs, seed {seed}, {seeds} seed(s), {} articles)\n# feature\tclass\tweight\n",
        examples.len()
    ));
    let fmt = |w: f64| format!("{:.5}", w as f32);
    let nonzero = |s: &str| {
        s.trim_start_matches('-')
            .bytes()
            .any(|b| (b'1'..=b'9').contains(&b))
    };
    for (ci, class) in classes.iter().enumerate() {
        let s = fmt(averaged[ci].1);
        // Every class keeps its intercept line, so that it is listed.
        out.push_str(&format!("{BIAS}\t{class}\t{s}\n"));
    }
    for (name, &fi) in &names {
        for (ci, class) in classes.iter().enumerate() {
            let s = fmt(averaged[ci].0[fi]);
            if nonzero(&s) {
                out.push_str(&format!("{name}\t{class}\t{s}\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_follow_the_experiment() {
        // feats.py: diacritics and tatweel dropped, letters folded, proclitics stripped,
        // numbers one token; the lead's unigrams, bigrams and first word; the body by
        // sentence decay; the rules' type at weight 4; log1p.
        let title = "مقتلُ 3 متظاهرين في البصرة";
        let text = "قال المحافظ إن القوات ستحمي المتظاهرين. وأكد ذلك اليوم!\nوالـشرطة هناك";
        let f: BTreeMap<String, f64> = named_features(Some(title), text, "STATEMENT")
            .into_iter()
            .collect();
        let l1 = 1f64.ln_1p();
        assert_eq!(f["T0:مقتل"], l1);
        assert_eq!(f["T:<NUM>"], l1);
        assert_eq!(f["T2:في_بصره"], l1);
        assert_eq!(f["L0:قال"], l1);
        assert_eq!(f["H:متظاهرين"], 2f64.ln_1p());
        assert_eq!(f["L:قوات"], l1);
        assert_eq!(f["B:اكد"], l1);
        assert_eq!(f["B:شرطه"], (-1f64 / 3.0).exp().ln_1p());
        assert_eq!(f["R:STATEMENT"], 4f64.ln_1p());
        // A long article is read to its tenth sentence only, with the same features.
        let long: String = (1..=80)
            .map(|i| format!("الجملة رقم {i} عن القوات والشرطة في المدينة. "))
            .collect();
        assert!(long.len() > 4096);
        assert_eq!(named_features(Some(title), &long, "BATTLES"), {
            let view = normalize_key(&long);
            let all = sentences(&view);
            assert_eq!(sentences(&normalized_lead(&long))[..10], all[..10]);
            named_features(Some(title), &all[..11].join(" "), "BATTLES")
        });
        // Three letters stay: ولد is not و + لد.
        assert_eq!(light_stem("ولد"), "ولد");
        assert_eq!(light_stem("للقوات"), "قوات");
        // The hashed features are the named ones.
        let h = hashed_features(Some(title), text, "STATEMENT");
        assert_eq!(h.len(), f.len());
        for (name, v) in &f {
            let at = h
                .binary_search_by_key(&hash_parts(&[name]), |x| x.0)
                .unwrap();
            assert_eq!(h[at].1, *v, "{name}");
        }
    }
}
