//! `marsad`: run, feed and watch the pipeline. See `marsad --help`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use marsad_cli::{client::ClientSettings, inputs, offline, publish, render, tail, up};
use marsad_messages::{EntityType, Subjects};
use marsad_runtime::settings::Layered;

/// jemalloc: a message is decoded into many small strings, freed once it is handled;
/// glibc's malloc and free took a third of the aggregator's CPU under `marsad bench`
/// (perf), and all processes use 10% less CPU per article with jemalloc (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(
    name = "marsad",
    version,
    about = "Marsad (مرصد): streaming intelligence from Arabic news"
)]
struct Cli {
    /// Settings file (TOML); `MARSAD__SECTION__KEY` variables override it.
    #[arg(long, global = true, env = "MARSAD_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Service {
    Ingest,
    Enrich,
    Aggregate,
}

#[derive(Subcommand)]
enum Command {
    /// Start nats-server (data in .marsad/), the three services, publish the seeds and
    /// print every enriched article. Ctrl-C stops everything.
    Up {
        /// What to publish once the services are ready.
        #[arg(default_value = "seeds")]
        paths: Vec<PathBuf>,
        /// Directory for the server's JetStream data and log.
        #[arg(long, default_value = ".marsad")]
        data_dir: PathBuf,
        /// NATS client port (a free one is taken when this one is busy).
        #[arg(long, default_value_t = 4222)]
        nats_port: u16,
        /// Start with empty streams.
        #[arg(long)]
        fresh: bool,
        /// Exit once the published articles are enriched and shown.
        #[arg(long)]
        exit_when_done: bool,
    },
    /// Publish articles (files, directories, .txt .html .json .jsonl) to <prefix>.articles.raw.
    Publish {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// NATS URL (overrides nats.url).
        #[arg(long)]
        nats: Option<String>,
    },
    /// Print enriched articles as they arrive.
    Tail {
        /// Only articles that mention this entity (id, or part of its Arabic or English name).
        #[arg(long)]
        entity: Option<String>,
        /// Only articles with an entity of this type: PERSON, ORG, LOC or MISC.
        #[arg(long = "type", value_parser = parse_type)]
        entity_type: Option<EntityType>,
        /// One enriched JSON per line instead of the summary.
        #[arg(long)]
        json: bool,
        /// Start from the first article in the stream, not from new ones.
        #[arg(long)]
        all: bool,
        /// NATS URL (overrides nats.url).
        #[arg(long)]
        nats: Option<String>,
    },
    /// Measure the pipeline end to end: its own nats-server and service processes, a
    /// bare-JetStream baseline, throughput, publish-to-enriched latency, CPU and memory.
    Bench {
        /// Articles to publish: a JSONL corpus (ANT layout or raw articles) or a directory.
        #[arg(long, default_value = "../shared/data/corpus/ant-middleeast.jsonl")]
        corpus: PathBuf,
        /// How many articles (the corpus repeats, each with a fresh id).
        #[arg(long, short = 'n', default_value_t = 10_000)]
        articles: usize,
        /// Publish at this many articles per second instead of as fast as possible.
        #[arg(long)]
        rate: Option<u64>,
        #[arg(long, default_value_t = 8)]
        partitions: u32,
        /// Where the streams keep messages (`bus.storage`), the baseline's too: `file`
        /// (the default, as deployed) or `memory` (no disk writes on the path).
        #[arg(long, default_value = "file", value_parser = ["file", "memory"])]
        storage: String,
        /// Also write the figures here as JSON.
        #[arg(long)]
        json: Option<PathBuf>,
        /// The nats-server binary to measure against (default: $MARSAD_NATS_SERVER, else
        /// the one on PATH; `scripts/bench` fetches the release the deployment runs).
        #[arg(long)]
        nats_server: Option<PathBuf>,
    },
    /// Train a model (`marsad train ner`).
    Train {
        #[command(subcommand)]
        what: TrainWhat,
    },
    /// Score a model against gold data (`marsad eval ner FILE`).
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
    },
    /// Run one service in the foreground, exactly as its own binary does
    /// (`marsad run enrich` is `marsad-enrich`): one binary for every service.
    Run {
        #[arg(value_enum)]
        service: Service,
    },
    /// Ingest and enrich files in-process, without NATS; one enriched JSON per line.
    Enrich {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the terminal summary instead of JSON.
        #[arg(long)]
        pretty: bool,
    },
}

#[derive(Subcommand)]
enum TrainWhat {
    /// Word clusters from unlabeled news (a JSONL corpus with a `text` field).
    Clusters {
        #[arg(long, default_value = "../shared/data/corpus/ant-middleeast.jsonl")]
        corpus: PathBuf,
        #[arg(long, default_value = "data/models/clusters.tsv")]
        out: PathBuf,
        /// More unlabeled text: token-per-line files (CoNLL, WikiFANE; the first field of
        /// each line is read, a blank line ends a sentence). Repeatable.
        #[arg(long)]
        tokens: Vec<PathBuf>,
        /// Fewest occurrences of a clustered word.
        #[arg(long, default_value_t = 3)]
        min_count: usize,
        /// Most words clustered (the most frequent).
        #[arg(long, default_value_t = 60_000)]
        vocabulary: usize,
        /// Instead of clustering: write the stems, one sentence a line, to this file (the
        /// text for word vectors trained elsewhere, see tools/ner_embeddings.py).
        #[arg(long)]
        dump_stems: Option<PathBuf>,
    },
    /// The tagger's lexicon: how often WikiFANE (mapped to the four classes) has each
    /// stem outside any entity and inside each entity type.
    Lexicon {
        #[arg(
            long,
            default_value = "../shared/data/ner/wikifane/wikifane-gold-500k.tsv"
        )]
        wikifane: PathBuf,
        #[arg(long, default_value = marsad_cli::ner::LEXICON)]
        out: PathBuf,
    },
    /// The stacked main-event-type layer, from the gold files' main event types and
    /// the rules' own prediction (run in-process).
    Events {
        /// Gold files (repeatable; default: every data/gold/*.jsonl).
        #[arg(long)]
        gold: Vec<PathBuf>,
        /// Where the weights go.
        #[arg(long, default_value = "data/models/events.tsv")]
        out: PathBuf,
        /// Instead of training: leave-one-file-out accuracy, stacked vs the rules.
        #[arg(long)]
        lofo: bool,
        /// Instead of training: train on some files, score on others, by name
        /// (`blind-10,blind-11..blind-12,blind-13`).
        #[arg(long)]
        forward: Option<String>,
        /// The shuffles' seed.
        #[arg(long, default_value_t = marsad_cli::train_events::SEED)]
        seed: u64,
        /// Models trained on as many shuffles (seeds SEED, SEED+1, …), weights averaged.
        #[arg(long, default_value_t = marsad_cli::train_events::SEEDS)]
        seeds: usize,
    },
    /// The named-entity tagger, from CoNLL data (`token TAG` lines).
    Ner {
        /// Training data.
        #[arg(long, default_value = "../shared/data/ner/anercorp/train.txt")]
        data: PathBuf,
        /// Where the model goes.
        #[arg(long, default_value = "data/models/ner.bin")]
        out: PathBuf,
        #[command(flatten)]
        training: NerTraining,
    },
}

/// How the named-entity tagger is trained: by `train ner`, and by `eval ner --cv` on
/// each fold.
#[derive(clap::Args)]
struct NerTraining {
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// More training data in WikiFANE's format (mapped to the four classes).
    #[arg(long)]
    extra_wikifane: Option<PathBuf>,
    /// A corpus in WikiFANE's format whose own tagger's tags are features of the
    /// second pass (its labels are read as features, not as training data).
    #[arg(
        long,
        default_value = "../shared/data/ner/wikifane/wikifane-gold-500k.tsv"
    )]
    aux_wikifane: PathBuf,
    /// Without that corpus's tagger.
    #[arg(long)]
    no_aux: bool,
    /// Leave out features seen on fewer tokens of the training data (1 keeps all; 2
    /// scored best by 5-fold CV, see BENCHMARKS.md).
    #[arg(long, default_value_t = 2)]
    min_count: usize,
    /// The update on a mistake: `perceptron`, `pa` (passive-aggressive, step at most
    /// `--pa-c`) or `adagrad` (step `--eta` / sqrt of the past squared steps).
    #[arg(long, default_value = "perceptron", value_parser = ["perceptron", "pa", "adagrad"])]
    learner: String,
    /// The passive-aggressive learner's largest step.
    #[arg(long, default_value_t = 1.0)]
    pa_c: f32,
    /// AdaGrad's learning rate.
    #[arg(long, default_value_t = 1.0)]
    eta: f32,
    /// A corpus in WikiFANE's format (mapped to the four classes) that the first
    /// passes learn from beside the training data, through features copied per corpus
    /// (Daumé 2007), so that its guidelines stay its own.
    #[arg(long)]
    adapt_wikifane: Option<PathBuf>,
    /// Perceptrons trained on as many shuffles of the data, their weights averaged.
    #[arg(long, default_value_t = 1)]
    seeds: usize,
    /// How many sentences of that corpus, from its start (0: all).
    #[arg(long, default_value_t = 4000)]
    adapt_sentences: usize,
}

impl NerTraining {
    fn options(&self) -> marsad_arabic::ner::TrainOptions {
        use marsad_arabic::ner::Learner;
        let learner = match self.learner.as_str() {
            "pa" => Learner::PassiveAggressive { c: self.pa_c },
            "adagrad" => Learner::AdaGrad { eta: self.eta },
            _ => Learner::Perceptron,
        };
        marsad_arabic::ner::TrainOptions {
            epochs: self.epochs,
            min_count: self.min_count,
            learner,
            seeds: self.seeds.max(1),
            ..Default::default()
        }
    }

    /// The sentences of `--extra-wikifane` (none without it).
    fn extra(&self) -> anyhow::Result<Vec<marsad_arabic::ner::Sentence>> {
        match &self.extra_wikifane {
            Some(path) => marsad_cli::ner::read_wikifane(path),
            None => Ok(Vec::new()),
        }
    }

    /// The sentences of `--adapt-wikifane` (none without it).
    fn adapt(&self) -> anyhow::Result<Vec<marsad_arabic::ner::Sentence>> {
        let Some(path) = &self.adapt_wikifane else {
            return Ok(Vec::new());
        };
        let mut sentences = marsad_cli::ner::read_wikifane(path)?;
        if self.adapt_sentences > 0 {
            sentences.truncate(self.adapt_sentences);
        }
        Ok(sentences)
    }

    /// The auxiliary corpus's own tagger, unless `--no-aux`.
    fn aux(
        &self,
        lists: &marsad_arabic::ner::NameLists,
    ) -> anyhow::Result<Option<marsad_arabic::ner::Model>> {
        if self.no_aux {
            return Ok(None);
        }
        let sentences = marsad_cli::ner::read_wikifane(&self.aux_wikifane)?;
        // The auxiliary tagger never reads the lexicon built from its own labels.
        Ok(Some(marsad_arabic::ner::Model::train(
            &sentences,
            &lists.without_lexicon(),
            self.options(),
        )))
    }
}

#[derive(Subcommand)]
enum EvalWhat {
    /// Precision and recall of quotes, speakers, dates, counts and event types against
    /// a gold file (data/gold/facts.jsonl).
    Facts {
        #[arg(default_value = "data/gold/facts.jsonl")]
        file: PathBuf,
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also list the main events and speakers read wrongly and the quotes, dates and counts
        /// missed or predicted wrongly (without it, only the figures: a reserved set can be scored
        /// unread).
        #[arg(long)]
        misses: bool,
        /// The stacked main-event-type layer's weights (`enrich.events_model`, by default
        /// data/models/events.tsv).
        #[arg(long)]
        events_model: Option<PathBuf>,
        /// The rules' main event type alone, without the stacked layer.
        #[arg(long, conflicts_with = "events_model")]
        rules_only: bool,
    },
    /// Entity-level precision, recall and F1 (CoNLL rules) per type and micro-averaged.
    Ner {
        /// Gold data: `token TAG` per line (BIO, PERS/ORG/LOC/MISC), blank line between sentences.
        file: PathBuf,
        /// The model to score.
        #[arg(long, default_value = "data/models/ner.bin")]
        model: PathBuf,
        /// Instead of a model: k-fold cross-validation on FILE itself.
        #[arg(long)]
        cv: Option<usize>,
        /// How each fold's tagger is trained (with --cv).
        #[command(flatten)]
        training: NerTraining,
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn parse_type(s: &str) -> Result<EntityType, String> {
    EntityType::parse(&s.to_ascii_uppercase())
        .ok_or_else(|| format!("{s:?} is not one of PERSON, ORG, LOC, MISC"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A service runs on the runtime its settings ask for (`runtime.worker_threads`),
    // exactly as its own binary does.
    if let Command::Run { service } = cli.command {
        return match run_service(service, cli.config.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("marsad: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("marsad: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("marsad: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `marsad run <service>`: the service's settings, its runtime, its loop.
fn run_service(service: Service, config: Option<&std::path::Path>) -> anyhow::Result<()> {
    use marsad_runtime::service::run_process;
    match service {
        Service::Ingest => {
            let settings = marsad_ingest::Settings::load(config)?;
            run_process(settings.log.clone(), settings.runtime.clone(), |stop| {
                marsad_ingest::run(settings, stop)
            })
        }
        Service::Enrich => {
            let settings = marsad_enrich::Settings::load(config)?;
            run_process(settings.log.clone(), settings.runtime.clone(), |stop| {
                marsad_enrich::run(settings, stop)
            })
        }
        Service::Aggregate => {
            let settings = marsad_aggregate::Settings::load(config)?;
            run_process(settings.log.clone(), settings.runtime.clone(), |stop| {
                marsad_aggregate::run(settings, stop)
            })
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = cli.config.as_deref();
    match cli.command {
        Command::Run { .. } => unreachable!("main runs a service on its own runtime"),
        Command::Up {
            paths,
            data_dir,
            nats_port,
            fresh,
            exit_when_done,
        } => {
            let shutdown = marsad_runtime::shutdown::on_signals();
            up::up(
                up::UpOptions {
                    data_dir,
                    nats_port,
                    publish: paths,
                    fresh,
                    config: cli.config.clone(),
                    exit_when_done,
                },
                shutdown,
            )
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Publish { paths, nats } => {
            let mut settings = ClientSettings::load(config)?;
            if let Some(url) = nats {
                settings.nats.url = url;
            }
            marsad_runtime::telemetry::init(&settings.log);
            let articles = inputs::read_all(&paths)?;
            let subjects = Subjects::new(&settings.bus.prefix);
            let (_client, js) =
                marsad_cli::client::connect(&settings.nats, "marsad-publish").await?;
            publish::ensure_raw_stream(&js, &settings.bus, &subjects).await?;
            let bar = if articles.len() > 5 {
                let bar = ProgressBar::new(articles.len() as u64);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} articles  {per_sec}  eta {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar
            } else {
                ProgressBar::hidden()
            };
            let report = publish::publish(&js, &subjects, &articles, |n| bar.inc(n as u64)).await?;
            bar.finish_and_clear();
            println!(
                "published {} articles to {} ({} duplicates dropped by JetStream)",
                report.published,
                subjects.raw(),
                report.duplicates
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Tail {
            entity,
            entity_type,
            json,
            all,
            nats,
        } => {
            let mut settings = ClientSettings::load(config)?;
            if let Some(url) = nats {
                settings.nats.url = url;
            }
            marsad_runtime::telemetry::init(&settings.log);
            let subjects = Subjects::new(&settings.bus.prefix);
            let (_client, js) = marsad_cli::client::connect(&settings.nats, "marsad-tail").await?;
            let consumer = tail::consumer(&js, &subjects, all).await?;
            let filter = tail::Filter {
                entity,
                entity_type,
            };
            let stop = marsad_runtime::shutdown::on_signals();
            tail::follow(consumer, &filter, stop, |article, payload| {
                if json {
                    println!("{}", String::from_utf8_lossy(payload));
                } else {
                    println!("{}", render::article(article));
                }
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            corpus,
            articles,
            rate,
            partitions,
            storage,
            json,
            nats_server,
        } => {
            let corpus = if corpus.exists() {
                corpus
            } else {
                eprintln!("{} not found; using seeds/", corpus.display());
                marsad_cli::ner::repo_path("seeds")
            };
            let report = marsad_cli::bench::run(marsad_cli::bench::BenchOptions {
                corpus,
                articles,
                rate,
                partitions,
                storage,
                nats_server,
            })
            .await?;
            print!("{}", marsad_cli::bench::table(&report));
            if let Some(path) = json {
                std::fs::write(&path, serde_json::to_string_pretty(&report)?)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Train {
            what:
                TrainWhat::Events {
                    gold,
                    out,
                    lofo,
                    forward,
                    seed,
                    seeds,
                },
        } => {
            use marsad_cli::train_events as te;
            let ingest = marsad_ingest::Settings::load(config)?;
            let mut enrich = marsad_enrich::Settings::load(config)?;
            // The rules alone: their prediction is the layer's input.
            enrich.enrich.events_model = PathBuf::new();
            let enricher = marsad_enrich::build_enricher(&enrich.enrich)?;
            let paths = if gold.is_empty() {
                te::default_gold(std::path::Path::new("data/gold"))?
            } else {
                gold
            };
            let mut files = Vec::new();
            for path in &paths {
                files.push((
                    te::file_label(path),
                    te::read_gold(path, &ingest.ingest, &enricher)?,
                ));
            }
            if lofo {
                print!("{}", te::table(&te::lofo(&files, seed, seeds)));
                return Ok(ExitCode::SUCCESS);
            }
            if let Some(spec) = forward {
                let (train, test) = spec
                    .split_once("..")
                    .ok_or_else(|| anyhow::anyhow!("--forward TRAIN..TEST"))?;
                let pick = |names: &str| -> anyhow::Result<Vec<&(String, Vec<te::Labelled>)>> {
                    names
                        .split(',')
                        .map(|n| {
                            files
                                .iter()
                                .find(|(f, _)| f == n)
                                .ok_or_else(|| anyhow::anyhow!("{n}: not among the gold files"))
                        })
                        .collect()
                };
                let tsv = te::train(pick(train)?.into_iter().flat_map(|(_, a)| a), seed, seeds);
                let model = marsad_arabic::extract::events_model::EventsModel::parse(&tsv)
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                let rows: Vec<(String, te::Score)> = pick(test)?
                    .into_iter()
                    .map(|(name, a)| (name.clone(), te::score(&model, a)))
                    .collect();
                print!("{}", te::table(&rows));
                return Ok(ExitCode::SUCCESS);
            }
            let tsv = te::train(files.iter().flat_map(|(_, a)| a), seed, seeds);
            std::fs::write(&out, &tsv)?;
            println!(
                "events model from {} articles of {} files: {} weights → {}",
                files.iter().map(|(_, a)| a.len()).sum::<usize>(),
                files.len(),
                tsv.lines().filter(|l| !l.starts_with('#')).count(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Train {
            what: TrainWhat::Lexicon { wikifane, out },
        } => {
            let mut lists = marsad_cli::ner::repo_name_lists()?;
            let sentences = marsad_cli::ner::read_wikifane(&wikifane)?;
            lists.learn_lexicon(&sentences);
            let tsv = lists.lexicon_tsv();
            std::fs::write(&out, &tsv)?;
            println!(
                "lexicon of {} sentences: {} lines → {}",
                sentences.len(),
                tsv.lines().count(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Train {
            what:
                TrainWhat::Clusters {
                    corpus,
                    out,
                    tokens,
                    min_count,
                    vocabulary,
                    dump_stems,
                },
        } => {
            let started = std::time::Instant::now();
            let kb = marsad_arabic::kb::load_dir(&marsad_cli::ner::repo_path("data/kb"))?;
            let gazetteer = marsad_arabic::gazetteer::Gazetteer::new(kb);
            let text = std::fs::read_to_string(&corpus)
                .map_err(|e| anyhow::anyhow!("{}: {e}", corpus.display()))?;
            let mut sentences = Vec::new();
            for line in text.lines() {
                let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                if let Some(body) = value.get("text").and_then(|t| t.as_str()) {
                    sentences.extend(marsad_cli::clusters::stems(body, &gazetteer));
                }
            }
            for path in &tokens {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                for sentence in text.split("\n\n") {
                    let words: Vec<&str> = sentence
                        .lines()
                        .filter_map(|l| l.split_whitespace().next())
                        .collect();
                    sentences.extend(marsad_cli::clusters::stems(&words.join(" "), &gazetteer));
                }
            }
            if let Some(path) = dump_stems {
                let mut text = String::new();
                for sentence in sentences.iter().filter(|s| !s.is_empty()) {
                    text.push_str(&sentence.join(" "));
                    text.push('\n');
                }
                std::fs::write(&path, text)?;
                println!("{} sentences → {}", sentences.len(), path.display());
                return Ok(ExitCode::SUCCESS);
            }
            let options = marsad_cli::clusters::ClusterOptions {
                min_count,
                vocabulary,
                ..Default::default()
            };
            let clusters = marsad_cli::clusters::learn(&sentences, &options);
            let mut rows: Vec<(&String, &Vec<u32>)> = clusters.iter().collect();
            rows.sort();
            let mut tsv = String::new();
            for (word, ids) in rows {
                let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
                tsv.push_str(&format!("{word}\t{}\n", ids.join("\t")));
            }
            if let Some(dir) = out.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&out, tsv)?;
            println!(
                "{} words clustered ({:?}) from {} sentences in {:.1} s → {}",
                clusters.len(),
                options.granularities,
                sentences.len(),
                started.elapsed().as_secs_f64(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Train {
            what:
                TrainWhat::Ner {
                    data,
                    out,
                    training,
                },
        } => {
            let mut sentences = marsad_cli::ner::read_gold(&data)?;
            sentences.extend(training.extra()?);
            let lists = marsad_cli::ner::default_lists()?;
            let started = std::time::Instant::now();
            let aux = training.aux(&lists)?;
            let model = marsad_cli::ner::train(
                &sentences,
                &lists,
                training.options(),
                aux.as_ref(),
                &training.adapt()?,
            );
            if let Some(dir) = out.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let bytes = model.to_bytes();
            std::fs::write(&out, &bytes)?;
            println!(
                "trained on {} sentences in {:.1} s: {} features, {:.1} MB → {}",
                sentences.len(),
                started.elapsed().as_secs_f64(),
                model.len(),
                bytes.len() as f64 / 1e6,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what:
                EvalWhat::Facts {
                    file,
                    json,
                    misses,
                    events_model,
                    rules_only,
                },
        } => {
            let ingest = marsad_ingest::Settings::load(config)?;
            let mut enrich = marsad_enrich::Settings::load(config)?;
            if let Some(path) = events_model {
                enrich.enrich.events_model = path;
            }
            if rules_only {
                enrich.enrich.events_model = PathBuf::new();
            }
            let enricher = marsad_enrich::build_enricher(&enrich.enrich)?;
            let scores = marsad_cli::eval_facts::evaluate(&file, &ingest.ingest, &enricher)?;
            if json {
                println!("{}", serde_json::to_string(&scores)?);
            } else {
                print!("{}", marsad_cli::eval_facts::table(&scores));
                if misses {
                    print!("{}", marsad_cli::eval_facts::misses_table(&scores));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what:
                EvalWhat::Ner {
                    file,
                    model,
                    cv,
                    training,
                    json,
                },
        } => {
            let sentences = marsad_cli::ner::read_gold(&file)?;
            let extra = training.extra()?;
            let lists = marsad_cli::ner::default_lists()?;
            let (scores, folds) = match cv {
                Some(k) => {
                    let aux = training.aux(&lists)?;
                    marsad_cli::ner::cross_validate(
                        &sentences,
                        &extra,
                        &training.adapt()?,
                        k,
                        &lists,
                        training.options(),
                        aux.as_ref(),
                    )
                }
                None => {
                    let bytes = std::fs::read(&model)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", model.display()))?;
                    let model = marsad_arabic::ner::Model::from_bytes(&bytes)
                        .map_err(|e| anyhow::anyhow!(e))?;
                    (
                        marsad_cli::ner::score(&model, &lists, &sentences),
                        Vec::new(),
                    )
                }
            };
            print!("{}", marsad_cli::ner::report(&scores, &folds, json));
            if json {
                println!();
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Enrich { paths, pretty } => {
            let ingest = marsad_ingest::Settings::load(config)?;
            let enrich = marsad_enrich::Settings::load(config)?;
            let enricher = marsad_enrich::build_enricher(&enrich.enrich)?;
            let mut rejected = 0usize;
            let mut learned = marsad_ingest::handler::learner(&ingest.ingest);
            for input in inputs::read_all(&paths)? {
                match offline::process(&ingest.ingest, &enricher, &mut learned, &input) {
                    offline::Result::Enriched(article) => {
                        if pretty {
                            println!("{}", render::article(&article));
                        } else {
                            println!("{}", serde_json::to_string(&article)?);
                        }
                    }
                    offline::Result::Rejected(rejection) => {
                        rejected += 1;
                        eprintln!(
                            "{}: rejected ({}): {}",
                            input.origin,
                            rejection.reason.as_str(),
                            rejection.message
                        );
                    }
                }
            }
            Ok(if rejected > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
