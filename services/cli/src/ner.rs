//! `marsad train ner` and `marsad eval ner`: the statistical tagger of
//! [`marsad_arabic::ner`] trained from CoNLL data, scored by CoNLL rules (exact span
//! and type), with k-fold cross-validation.

use std::path::{Path, PathBuf};

use marsad_arabic::ner::{self, Model, NameLists, Scores, Sentence, TrainOptions};

/// Where the repository keeps the tagger's data.
pub fn repo_path(relative: &str) -> PathBuf {
    let local = PathBuf::from(relative);
    if local.exists() {
        return local;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

/// The name lists the features consult: ANERGazet and every name of the knowledge base
/// (the same lists enrich's tagger reads, [`marsad_arabic::extract::names::name_lists`]).
pub fn name_lists(kb_dir: &Path, gazetteer_dir: &Path) -> anyhow::Result<NameLists> {
    let entries = marsad_arabic::kb::load_dir(kb_dir)?;
    marsad_arabic::extract::names::name_lists(&entries, gazetteer_dir).map_err(anyhow::Error::msg)
}

/// The name lists of the repository alone: ANERGazet and the knowledge base.
pub fn repo_name_lists() -> anyhow::Result<NameLists> {
    name_lists(&repo_path("data/kb"), &repo_path("data/ner/anergazet"))
}

/// Where `marsad train lexicon` writes the WikiFANE lexicon the tagger reads.
pub const LEXICON: &str = "data/models/ner-lexicon.tsv";

/// The lists the committed model is trained and tagged with: ANERGazet, the knowledge
/// base and the word clusters of `data/models` (`MARSAD_NER_CLUSTERS` names another
/// clusters file), and the lexicon of [`LEXICON`] (`MARSAD_NER_LEXICON` names a WikiFANE
/// file to count it from instead; `MARSAD_NER_NO_LEXICON=1` leaves it out).
pub fn default_lists() -> anyhow::Result<NameLists> {
    let mut lists = repo_name_lists()?;
    let clusters = std::env::var_os("MARSAD_NER_CLUSTERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_path("data/models/clusters.tsv"));
    add_clusters(&mut lists, &clusters)?;
    if let Some(path) = std::env::var_os("MARSAD_NER_LEXICON") {
        let sentences = read_wikifane(Path::new(&path))?;
        lists.learn_lexicon(&sentences);
    } else if std::env::var_os("MARSAD_NER_NO_LEXICON").is_none() {
        let path = repo_path(LEXICON);
        match std::fs::read_to_string(&path) {
            Ok(text) => lists.load_lexicon(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => anyhow::bail!("{}: {e}", path.display()),
        }
    }
    Ok(lists)
}

pub fn read_gold(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    ner::read_conll(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Sentences per stretch read as one document for label consistency (ANERcorp does not
/// mark its documents).
pub const WINDOW: usize = 40;

/// Tags every sentence with `model` (then [`ner::propagate`] over windows of
/// [`WINDOW`] sentences) and scores it against its gold tags.
pub fn score(model: &Model, lists: &NameLists, sentences: &[Sentence]) -> Scores {
    let mut scores = Scores::default();
    for chunk in sentences.chunks(WINDOW) {
        let tokens: Vec<Vec<String>> = chunk.iter().map(|(t, _)| t.clone()).collect();
        let refs: Vec<Vec<&str>> = tokens
            .iter()
            .map(|t| t.iter().map(String::as_str).collect())
            .collect();
        let mut tags = model.tag_document(&refs, lists);
        if std::env::var_os("MARSAD_NER_NO_PROPAGATE").is_none() {
            ner::propagate(&tokens, &mut tags, lists);
        }
        for ((_, gold), predicted) in chunk.iter().zip(&tags) {
            scores.add(gold, predicted);
        }
    }
    scores
}

/// Folds of the training data whose first-pass tags the second pass learns from.
pub const INNER_FOLDS: usize = 5;

/// Trains the tagger: two passes, the second reading the first's tags over documents
/// of [`WINDOW`] sentences (`MARSAD_NER_ONE_PASS=1`: the first pass alone).
/// `other`: sentences of a corpus with other guidelines that the first passes learn
/// from through domain copies of the features ([`Model::train_documents_adapted`]).
pub fn train(
    sentences: &[Sentence],
    lists: &NameLists,
    options: TrainOptions,
    aux: Option<&Model>,
    other: &[Sentence],
) -> Model {
    if std::env::var_os("MARSAD_NER_ONE_PASS").is_some() {
        return Model::train(sentences, lists, options);
    }
    let documents: Vec<&[Sentence]> = sentences.chunks(WINDOW).collect();
    Model::train_documents_adapted(&documents, INNER_FOLDS, lists, options, aux.cloned(), other)
}

/// k-fold cross-validation over contiguous blocks of sentences (documents stay
/// together); returns the pooled scores and each fold's micro F1. `extra` joins the
/// training folds as they are; `other` through domain copies (see [`train`]).
pub fn cross_validate(
    sentences: &[Sentence],
    extra: &[Sentence],
    other: &[Sentence],
    k: usize,
    lists: &NameLists,
    options: TrainOptions,
    aux: Option<&Model>,
) -> (Scores, Vec<f64>) {
    let k = k.max(2);
    let n = sentences.len();
    let mut pooled = Scores::default();
    let mut folds = Vec::new();
    for fold in 0..k {
        let (lo, hi) = (fold * n / k, (fold + 1) * n / k);
        let train_set: Vec<Sentence> = sentences[..lo]
            .iter()
            .chain(&sentences[hi..])
            .chain(extra)
            .cloned()
            .collect();
        if let Some(dir) = std::env::var_os("MARSAD_NER_FEATURES") {
            // For trying other learners on the same folds and features: each fold's
            // training and held-out sentences in CRFsuite's format (first pass only).
            let dir = PathBuf::from(dir);
            let _ = std::fs::create_dir_all(&dir);
            let train_text = ner::crfsuite_text(&train_set, lists, options.min_count);
            let test_text = ner::crfsuite_text(&sentences[lo..hi], lists, 1);
            let _ = std::fs::write(dir.join(format!("train.{fold}")), train_text);
            let _ = std::fs::write(dir.join(format!("test.{fold}")), test_text);
        }
        let model = self::train(&train_set, lists, options, aux, other);
        let scores = score(&model, lists, &sentences[lo..hi]);
        if let Some(path) = std::env::var_os("MARSAD_NER_DUMP") {
            // Debugging aid: token, gold and predicted tag of every held-out token.
            let mut dump = String::new();
            for chunk in sentences[lo..hi].chunks(WINDOW) {
                let refs: Vec<Vec<&str>> = chunk
                    .iter()
                    .map(|(t, _)| t.iter().map(String::as_str).collect())
                    .collect();
                let tagged = model.tag_document(&refs, lists);
                for ((tokens, gold), tags) in chunk.iter().zip(tagged) {
                    for ((t, g), p) in tokens.iter().zip(gold).zip(tags) {
                        dump.push_str(&format!("{t} {} {}\n", ner::TAGS[*g], ner::TAGS[p]));
                    }
                    dump.push('\n');
                }
            }
            let path = format!("{}.{fold}", path.to_string_lossy());
            let _ = std::fs::write(path, dump);
        }
        folds.push(scores.micro().2);
        pooled.merge(&scores);
    }
    (pooled, folds)
}

/// The score table, as text or JSON.
pub fn report(scores: &Scores, folds: &[f64], json: bool) -> String {
    let (p, r, f) = scores.micro();
    if json {
        let by_type: serde_json::Map<String, serde_json::Value> = scores
            .by_type
            .iter()
            .map(|(k, &(tp, pr, g))| {
                let (p, r, f) = Scores::prf(tp, pr, g);
                (
                    k.clone(),
                    serde_json::json!({"precision": p, "recall": r, "f1": f, "gold": g, "predicted": pr, "correct": tp}),
                )
            })
            .collect();
        return serde_json::json!({
            "micro": {"precision": p, "recall": r, "f1": f},
            "by_type": by_type,
            "folds_f1": folds,
        })
        .to_string();
    }
    let mut out = format!(
        "{:<6} {:>9} {:>9} {:>7} {:>6}\n",
        "type", "precision", "recall", "F1", "gold"
    );
    for (k, &(tp, pr, g)) in &scores.by_type {
        let (p, r, f) = Scores::prf(tp, pr, g);
        out.push_str(&format!("{k:<6} {p:>9.4} {r:>9.4} {f:>7.4} {g:>6}\n"));
    }
    out.push_str(&format!("{:<6} {p:>9.4} {r:>9.4} {f:>7.4}\n", "micro"));
    if !folds.is_empty() {
        let folds: Vec<String> = folds.iter().map(|f| format!("{f:.4}")).collect();
        out.push_str(&format!("folds  {}\n", folds.join(" ")));
    }
    out
}

/// WikiFANE's fine-grained classes on the four ANERcorp classes (Alotaibi & Lee 2014,
/// CC BY-SA 3.0). Persons of every kind are PERS; places, GPEs and facilities that
/// news calls places are LOC; groups, companies, governments, police, media and the
/// like are ORG; works, products and the rest are MISC.
fn wikifane_class(fine: &str) -> &'static str {
    match fine {
        "Politician" | "Religious_PER" | "Artist" | "Other_PER" | "Scientist"
        | "Businessperson" | "Athlete" | "Engineer" | "Lawyer" => "PERS",
        "Nation"
        | "Population-Center"
        | "State-or-Province"
        | "Continent"
        | "GPE-Cluster"
        | "County-or-District"
        | "Water-Body"
        | "Land-Region-Natural"
        | "Celestial"
        | "Path"
        | "Building-Grounds"
        | "Airport"
        | "Subarea-Facility" => "LOC",
        "Group" | "Commercial" | "Non-Governmental" | "Government" | "Police" | "Educational"
        | "Media" | "Sports" | "Religious_ORG" | "Medical-Science" | "Entertainment" => "ORG",
        _ => "MISC",
    }
}

/// Reads WikiFANE gold (`token<TAB>TAG`, a line with an empty tag between sentences),
/// mapped to the four classes. WikiFANE writes clitics apart (و اكبر، عاصمة ها); they
/// are joined back onto their word, as ANERcorp and Marsad's tokenizer write them.
pub fn read_wikifane(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut tags: Vec<usize> = Vec::new();
    let o = ner::tag_index("O").expect("O");
    let mut glue_next = false;
    for line in text.lines() {
        let (token, tag) = line.split_once('\t').unwrap_or((line, ""));
        let token = token.trim();
        if token.is_empty() || tag.trim().is_empty() {
            if !tokens.is_empty() {
                out.push((std::mem::take(&mut tokens), std::mem::take(&mut tags)));
            }
            glue_next = false;
            continue;
        }
        let tag = tag.trim();
        let mapped = match tag.split_once('-') {
            Some((pos @ ("B" | "I"), fine)) => {
                ner::tag_index(&format!("{pos}-{}", wikifane_class(fine))).unwrap_or(o)
            }
            _ => o,
        };
        let pronoun = matches!(
            token,
            "ه" | "ها" | "هم" | "هما" | "هن" | "ك" | "كم" | "نا" | "ي"
        );
        if pronoun && mapped == o && !tokens.is_empty() {
            tokens.last_mut().expect("non-empty").push_str(token);
            continue;
        }
        if glue_next {
            if let Some(last) = tokens.last_mut() {
                last.push_str(token);
                *tags.last_mut().expect("non-empty") = mapped;
                glue_next = false;
                continue;
            }
        }
        tokens.push(token.to_string());
        tags.push(mapped);
        glue_next = matches!(token, "و" | "ف" | "ب" | "ل" | "ك") && mapped == o;
    }
    if !tokens.is_empty() {
        out.push((tokens, tags));
    }
    Ok(out)
}

/// Adds the word clusters at `path` (if the file exists) to the lists.
pub fn add_clusters(lists: &mut NameLists, path: &Path) -> anyhow::Result<bool> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            lists.load_clusters(&text);
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
    }
}
