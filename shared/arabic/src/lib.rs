//! # marsad-arabic — the Arabic NLP core of Marsad
//!
//! Everything Marsad knows about the Arabic language lives here, as pure functions and
//! read-only data built once at start-up: no async, no NATS, no I/O beyond loading data.
//!
//! The layers, bottom up:
//!
//! - [`normalize`]: a matching view of a text (tashkeel, tatweel, alef forms, ta marbuta,
//!   digits, quotes folded) that keeps a map back to every original character.
//! - [`token`]: words, numbers, punctuation, hashtags, mentions, URLs with character
//!   offsets into the original text.
//! - [`clitics`]: proclitics (و ف ب ك ل س ال …) and pronoun enclitics, checked against a
//!   lexicon so that names such as بغداد or البصرة stay whole.
//! - [`sentence`]: sentences and paragraphs with offsets.
//! - [`boilerplate`]: paragraphs that are site chrome rather than news.
//! - [`gazetteer`] and [`extract`]: entities, quotes, dates, counts and the rest, built
//!   on the layers above.
//!
//! Offsets everywhere are **character** offsets (Unicode scalar values, end exclusive)
//! into the original text, as the `marsad.enriched/v1` schema requires.

pub mod boilerplate;
pub mod clitics;
pub mod extract;
pub mod gazetteer;
pub mod kb;
pub mod ner;
pub mod normalize;
pub mod sentence;
pub mod token;
