//! `marsad train events`: the stacked main-event-type layer
//! ([`marsad_arabic::extract::events_model`]) from the gold files.
//!
//! Each gold article goes through ingest and enrich as in `marsad eval facts`, with the
//! rules alone: their main event type is a feature, read from the same text and headline
//! the layer reads in enrich. Training is deterministic (fixed-seed shuffles): two runs
//! over the same files and the same rules write the same bytes.
//!
//! `--lofo` scores leave-one-file-out: for each file, a model trained on the others,
//! against the rules on that file (whose rules were usually written reading it: the
//! rules' column is in-sample).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::eval_facts::{gold_lines, ingest_gold};
use marsad_arabic::extract::events_model::{self, EventsModel, Example};
use marsad_arabic::extract::Enricher;
use marsad_ingest::IngestConfig;
use serde::Deserialize;

/// The shuffles' seed of `marsad train events` (`--seed`).
pub const SEED: u64 = 0;
/// Models averaged by `marsad train events` (`--seeds`): five. The experiment trained
/// one; one model's leave-one-file-out accuracy moves with the shuffle's seed (0.874–0.892
/// over seeds 0–5), five averaged move less and score higher (0.892–0.903 over four
/// starts; BENCHMARKS.md, "Stacked main event type in Rust").
pub const SEEDS: usize = 5;

#[derive(Debug, Deserialize)]
struct GoldArticle {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
    text: String,
    main_event_type: Option<String>,
}

/// A gold article as the layer sees it.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub id: String,
    pub title: Option<String>,
    pub text: String,
    /// The rules' main event type (`NONE` when they found no event).
    pub rules: String,
    pub gold: String,
}

impl Labelled {
    pub fn example(&self) -> Example {
        Example {
            features: events_model::named_features(self.title.as_deref(), &self.text, &self.rules),
            label: self.gold.clone(),
        }
    }

    pub fn predict<'m>(&self, model: &'m EventsModel) -> &'m str {
        model.predict(self.title.as_deref(), &self.text, &self.rules)
    }
}

/// The gold files of one directory that training reads by default: every `*.jsonl`,
/// sorted by name. A set held out for a test is left out by naming the others with
/// `--gold`.
pub fn default_gold(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".jsonl") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// A gold file's name without directory and extension (`blind-14`).
pub fn file_label(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
        .to_string()
}

/// The labelled articles of a gold file, with the rules' main type from `enricher`
/// (which must not hold an events model itself).
pub fn read_gold(
    path: &Path,
    ingest: &IngestConfig,
    enricher: &Enricher,
) -> anyhow::Result<Vec<Labelled>> {
    anyhow::ensure!(
        !enricher.has_events_model(),
        "the rules' prediction is read without the events model"
    );
    let mut out = Vec::new();
    for gold in gold_lines::<GoldArticle>(path)? {
        let Some(want) = gold.main_event_type else {
            continue;
        };
        let article = ingest_gold(
            ingest,
            &gold.id,
            gold.title.as_deref(),
            gold.published_at.as_deref(),
            &gold.text,
        )?;
        let (title, text) = (article.title.clone(), article.text.clone());
        let enriched = marsad_enrich::enrich(enricher, article);
        let rules = enriched
            .events
            .first()
            .map_or("NONE".to_string(), |e| e.event_type.clone());
        out.push(Labelled {
            id: gold.id,
            title,
            text,
            rules,
            gold: want,
        });
    }
    Ok(out)
}

/// The weights file of a model trained on `articles` with the shuffles' `seed`. The
/// articles are put in order of id first, so the model depends on the set of articles,
/// not on the order the files were named in.
pub fn train<'a>(
    articles: impl IntoIterator<Item = &'a Labelled>,
    seed: u64,
    seeds: usize,
) -> String {
    let mut articles: Vec<&Labelled> = articles.into_iter().collect();
    articles.sort_by(|a, b| (&a.id, &a.gold, &a.text).cmp(&(&b.id, &b.gold, &b.text)));
    let examples: Vec<Example> = articles.into_iter().map(Labelled::example).collect();
    events_model::train(&examples, events_model::EPOCHS, seed, seeds)
}

/// Right answers of the rules and of the model on some articles, and the model's
/// overrules: right (the rules were wrong), wrong (the rules were right), both wrong.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Score {
    pub n: usize,
    pub rules: usize,
    pub model: usize,
    pub overrule_right: usize,
    pub overrule_wrong: usize,
    pub overrule_both_wrong: usize,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.n += o.n;
        self.rules += o.rules;
        self.model += o.model;
        self.overrule_right += o.overrule_right;
        self.overrule_wrong += o.overrule_wrong;
        self.overrule_both_wrong += o.overrule_both_wrong;
    }
}

/// Scores `model` on `articles`.
pub fn score(model: &EventsModel, articles: &[Labelled]) -> Score {
    let mut s = Score::default();
    for a in articles {
        let p = a.predict(model);
        s.n += 1;
        s.rules += usize::from(a.rules == a.gold);
        s.model += usize::from(p == a.gold);
        if p != a.rules {
            if p == a.gold {
                s.overrule_right += 1;
            } else if a.rules == a.gold {
                s.overrule_wrong += 1;
            } else {
                s.overrule_both_wrong += 1;
            }
        }
    }
    s
}

/// Leave-one-file-out: per file, a model trained on the other files (through its
/// weights file, as enrich reads it) scored on that file.
pub fn lofo(files: &[(String, Vec<Labelled>)], seed: u64, seeds: usize) -> Vec<(String, Score)> {
    files
        .iter()
        .enumerate()
        .map(|(i, (name, test))| {
            let tsv = train(
                files
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .flat_map(|(_, (_, a))| a),
                seed,
                seeds,
            );
            let model = EventsModel::parse(&tsv).expect("a model just written");
            (name.clone(), score(&model, test))
        })
        .collect()
}

/// The table of [`lofo`] (or of a forward check), with the pooled row.
pub fn table(rows: &[(String, Score)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<16} {:>4} {:>7} {:>7}   overrules right/wrong/both wrong",
        "file", "n", "rules", "stacked"
    );
    let mut pooled = Score::default();
    let line = |out: &mut String, name: &str, s: &Score| {
        let _ = writeln!(
            out,
            "{:<16} {:>4} {:>7.3} {:>7.3}   {}/{}/{}",
            name,
            s.n,
            s.rules as f64 / s.n.max(1) as f64,
            s.model as f64 / s.n.max(1) as f64,
            s.overrule_right,
            s.overrule_wrong,
            s.overrule_both_wrong
        );
    };
    for (name, s) in rows {
        line(&mut out, name, s);
        pooled.add(s);
    }
    line(&mut out, "pooled", &pooled);
    let _ = writeln!(
        out,
        "pooled: rules {}/{}, stacked {}/{}",
        pooled.rules, pooled.n, pooled.model, pooled.n
    );
    out
}
