//! # marsad-cli — the `marsad` command
//!
//! - `marsad up`: a local nats-server with JetStream under `.marsad/`, the three
//!   services in this process, the seeds published, enriched articles printed;
//! - `marsad publish PATH…`: articles from files to `marsad.articles.raw`;
//! - `marsad tail`: enriched articles as they arrive, filtered;
//! - `marsad enrich FILE…`: ingest + enrich in-process, without NATS.

pub mod bench;
pub mod client;
pub mod clusters;
pub mod eval_facts;
pub mod inputs;
pub mod ner;
pub mod offline;
pub mod procs;
pub mod publish;
pub mod render;
pub mod tail;
pub mod train_events;
pub mod up;
