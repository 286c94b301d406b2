//! The extractors against the hand-annotated gold files.
//!
//! - `data/gold/facts.jsonl` (the five seeds and 36 real ANT articles about Iraq):
//!   quotes, speakers, dates, counts and the main event type meet the facts issue's bar.
//!   Speakers and events were tuned on this file (BENCHMARKS.md).
//! - `data/gold/events-heldout.jsonl` (36 articles, main event type only): labelled
//!   blind, scored 0.639 before the event rules were revised reading its misses (0.833
//!   after), so it is no longer blind; its bar keeps that revision.
//! - `data/gold/blind-2.jsonl` (40 articles, every field): labelled without running
//!   Marsad and never used to write rules, the honest measure of how the rules
//!   generalize. Its bars were the figures of its first run (2026-12-03); the rules
//!   were then revised reading its misses (branch `facts`), so it is now tuned on too,
//!   and its bars are the revised figures.
//! - `data/gold/blind-3.jsonl` (40 more, every field, labelled the same way after the
//!   last rule change): the same kind of floor. The `facts` revision was measured on it
//!   without reading its misses; its bars are the figures after that revision. A
//!   second revision (branch `facts`, 2026-12-04) read the misses of all four files
//!   (`marsad eval facts FILE --misses`) and fixed them by general rules (counts: the
//!   SENTENCED kind, verb–subject–object, numerals after their noun, multipliers,
//!   hedges; events: riots need a crowd, weight-1 cues need company, reactions in the
//!   headline; speakers: statements without an issuer; dates: weeks, months and years
//!   back, the coming weekday, «من عام», «هذا العام»), so blind-3 is tuned on too.
//! - `data/gold/blind-4.jsonl` (25 more, every field, labelled blind on 2026-12-04 and
//!   committed before the first run): its bars sit a little under that first run
//!   (quotes 0.959/1.000, speakers 0.878/0.766, dates 0.956/0.860, counts 0.800/0.400,
//!   events 0.720), the blind figure of the code before the `facts` revision
//!   of 2026-12-04; that revision was not written reading it, and measured on it after
//!   the merge (dates 0.967/0.880, counts 0.833/0.500, events 0.760, the rest unchanged):
//!   the bars are now a little under those. Its counts were then tuned on
//!   (branch `counts2`, 2026-12-05: 0.833/0.500 → 0.909/1.000).
//! - `data/gold/blind-5.jsonl` (30 more, labelled blind on 2026-12-05): counts were
//!   tuned on its misses (branch `counts2`: 1.000/0.385 → 1.000/1.000); the other
//!   fields' bars sit a little under the figures measured then (untuned).
//!   Speakers were then revised reading the speaker misses of all five files (branch
//!   `speakers2`, `extract/speaker.rs`: blind-5 speakers 0.655/0.576 → 0.938/0.924,
//!   blind-2 0.943/0.846 → 0.945/0.880, blind-3 0.873/0.816 → 0.945/0.908, blind-4
//!   0.878/0.766 → 0.953/0.872 before the merge with `facts2`), so it is tuned on too.
//! - `data/gold/blind-6.jsonl` and `blind-7.jsonl` (30 each, labelled blind on
//!   2026-12-05, blind-7 after the last rule change of that day): never used to write a
//!   rule; their bars sit just under that day's figures, the honest measure of how the
//!   rules generalize (BENCHMARKS.md, "Blind sets 5, 6 and 7"). A fourth revision
//!   (branch `rev4`) then read their misses, so they are tuned on too.
//! - `data/gold/blind-8.jsonl` (30 more, labelled blind on 2026-12-05 while rev4 was
//!   written without it): its bars sit just under its first run after the rev4 merge
//!   (BENCHMARKS.md, "Blind set 8"). Revision 5 (branches `rev5s`, `rev5e`) then read
//!   the misses of blind-6, 7 and 8, so they are tuned on too; every floor was raised to
//!   just under the figures after it.
//! - `data/gold/blind-9.jsonl` (30 more, labelled blind on 2026-12-05 while revision 5
//!   was written without it): its bars sit just under its figures after revision 5, the
//!   held-out measure of revision 5 (BENCHMARKS.md, "Revision 5 and blind sets 9 and
//!   10"); revision 6 (branch `rev6`) then read its misses.
//! - `data/gold/blind-10.jsonl` (30 more, labelled blind on 2026-12-05 while revision 6
//!   was written without it): its bars sit just under its first run, the held-out measure;
//!   revision 7 (branches `rev7c`, `rev7e`) then read its misses.
//! - `data/gold/blind-11.jsonl` (30 more, labelled blind on 2026-12-05 while revision 7
//!   was written without it): its bars sit just under its figures after revision 7.
//! - `data/gold/blind-12.jsonl` (30 more, labelled blind on 2026-12-05 while revision 8
//!   was written without it): revision 9 (branch `rev9`) read its misses; its bars sit
//!   just under its figures after revision 9. Revision 9 raised the date floors it
//!   improved elsewhere.
//! - `data/gold/blind-13.jsonl` (30 more, labelled blind on 2026-12-05 while revision 9
//!   was written without it): revision 10 (branch `rev10`, the lead rule for the main
//!   event type, role nouns and stricter speaker candidates) read its misses and those
//!   of blind-12; its bars sit just under its figures after revision 10. Revision 10
//!   raised the floors it improved elsewhere and lowered two main-event floors
//!   (events-heldout, blind-3) whose labels the lead rule now reads otherwise.
//! - `data/gold/blind-14.jsonl` (30 more, the first labelled under the lead rule, while
//!   revision 10 was written without it): its bars sit just under revision 10's
//!   figures, the held-out measure.
//! - After blind-14, three helpers that did not run Marsad re-decided the main event
//!   type of every earlier file under the lead rule; three labels were changed
//!   (blind-3 SK-2315, blind-8 BB-740, blind-13 SK-2463, all to STATEMENT; GUIDELINES.md
//!   "Main event types re-decided under the lead rule").
//! - `data/gold/blind-15.jsonl` (29 more, labelled while revision 11 and the stacked
//!   events layer were written without it) and `blind-16.jsonl` (30, not Iraq: Syria,
//!   Yemen, Libya, Lebanon, Palestine): their bars sit just under their held-out
//!   figures; revision 12 then read blind-15's misses (blind-16 stayed held out for it).
//! - `data/gold/blind-17.jsonl` (30, not Iraq): kept unscored in `data/gold/reserved/`
//!   until revision 13 was written without it, then scored once
//!   (`tools/rev13/PREREGISTRATION-blind17.txt`); its bars sit just under that held-out run.
//! - `data/gold/blind-18.jsonl` (30, not Iraq): likewise for revision 14
//!   (`tools/rev14/PREREGISTRATION-blind18.txt`). `reserved/` now holds blind-19, which
//!   has no test on purpose.

use marsad_runtime::settings::Layered;

struct Bars {
    quotes: (f64, f64),
    speakers: (f64, f64),
    dates: (f64, f64),
    counts: (f64, f64),
    events: (f64, f64),
}

fn assert_bars(file: &str, min_articles: usize, bars: Bars) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let ingest = marsad_ingest::Settings::load_with(None, Vec::new()).unwrap();
    let mut enrich = marsad_enrich::Settings::load_with(None, Vec::new()).unwrap();
    // The rules alone: the stacked events layer (on by default) is trained on these very
    // files, so it cannot be measured here; the blind sets measure it before they are
    // added to its training.
    enrich.enrich.events_model = std::path::PathBuf::new();
    let enricher = marsad_enrich::build_enricher(&enrich.enrich).unwrap();
    let s = marsad_cli::eval_facts::evaluate(&root.join(file), &ingest.ingest, &enricher).unwrap();
    assert!(
        s.articles >= min_articles,
        "{file}: {} gold articles",
        s.articles
    );
    for (field, t, (precision, recall)) in [
        ("quote", s.quotes, bars.quotes),
        ("speaker", s.speakers, bars.speakers),
        ("date", s.dates, bars.dates),
        ("count", s.counts, bars.counts),
        ("main event type", s.events, bars.events),
    ] {
        assert!(
            t.precision() >= precision && t.recall() >= recall,
            "{file}: {field}: precision {:.3}, recall {:.3} (bar {precision} / {recall}); \
             event misses {:?}",
            t.precision(),
            t.recall(),
            s.event_misses
        );
    }
}

#[test]
fn the_gold_articles_meet_the_facts_issues_bar() {
    assert_bars(
        "data/gold/facts.jsonl",
        35,
        Bars {
            quotes: (0.95, 0.97),
            speakers: (0.99, 0.98),
            dates: (0.99, 0.96),
            counts: (0.99, 0.98),
            events: (0.99, 0.99),
        },
    );
}

#[test]
fn the_first_held_out_set_keeps_its_main_event_types() {
    // Only main_event_type is labelled there: the other fields have no gold (bar 0).
    // Revision 10 lowered the bar from 0.97 to 0.94: GUIDELINES.md ("the lead decides",
    // rule 2, settled after this file was labelled) makes an accusation heading the lead
    // a statement, and FR-645 («اتهم الحشد الشعبي … التحالف الدولي بشن غارة») was
    // labelled the air strike.
    assert_bars(
        "data/gold/events-heldout.jsonl",
        35,
        Bars {
            quotes: (0.0, 0.0),
            speakers: (0.0, 0.0),
            dates: (0.0, 0.0),
            counts: (0.0, 0.0),
            events: (0.94, 0.94),
        },
    );
}

#[test]
fn the_blind_set_does_not_get_worse() {
    assert_bars(
        "data/gold/blind-2.jsonl",
        40,
        Bars {
            quotes: (0.92, 0.99),
            // Precision 0.943 → 0.921 (6 → 9 wrong) for recall 0.846 → 0.897 (99 → 105
            // right) when speakers revision 3 (branch facts2) gave a speaker to quotes
            // with no verb of their own: the floor is lowered to 0.91 for that trade.
            speakers: (0.92, 0.90),
            dates: (0.95, 0.94),
            counts: (0.99, 0.96),
            // Revision 13 (branch rev13e, main event type): 0.925 → 0.950.
            events: (0.95, 0.95),
        },
    );
}

#[test]
fn the_third_blind_set_does_not_get_worse() {
    // SK-2315, whose lead is Erdoğan's statement «إن تركيا "ستجفف مستنقع الإرهاب" في
    // منطقة قنديل» with the strikes told further down, was labelled the strikes before
    // GUIDELINES.md's lead rule; re-decided under it (by a helper that did not run
    // Marsad) it is STATEMENT, as revision 10 reads it.
    assert_bars(
        "data/gold/blind-3.jsonl",
        40,
        Bars {
            quotes: (0.97, 0.99),
            speakers: (0.95, 0.93),
            dates: (0.97, 0.94),
            counts: (0.99, 0.99),
            events: (0.94, 0.94),
        },
    );
}

#[test]
fn the_fourth_blind_set_does_not_get_worse() {
    assert_bars(
        "data/gold/blind-4.jsonl",
        25,
        Bars {
            quotes: (0.95, 0.99),
            speakers: (0.97, 0.97),
            dates: (0.97, 0.88),
            counts: (0.90, 0.99),
            events: (0.95, 0.95),
        },
    );
}

#[test]
fn the_fifth_blind_set_does_not_get_worse() {
    assert_bars(
        "data/gold/blind-5.jsonl",
        30,
        Bars {
            quotes: (0.89, 0.98),
            speakers: (0.90, 0.89),
            dates: (0.944, 0.911),
            counts: (0.99, 0.99),
            events: (0.86, 0.86),
        },
    );
}

#[test]
fn the_sixth_blind_set_does_not_get_worse() {
    // Labelled blind on 2026-12-05; its misses were read by rev4 (issue 5) to write
    // general rules, so it is tuned on from then; blind-8 is the held-out measure.
    assert_bars(
        "data/gold/blind-6.jsonl",
        30,
        Bars {
            quotes: (0.98, 0.98),
            speakers: (0.88, 0.85),
            dates: (0.96, 0.95),
            // Revision 7 (branch rev7c): counts 0.962/0.806 → 1.000/0.871.
            counts: (0.99, 0.87),
            // Revision 13 (rev13e): 0.867 → 0.833, SK-3751 lost to «سيطرت على الكثير من
            // المناصب» (control of posts read as territory taken; BENCHMARKS.md).
            // Revision 14 (rev14e): 0.833 → 0.866, BB-959's headline clashes read as the
            // protest's (a riot).
            events: (0.866, 0.866),
        },
    );
}

#[test]
fn the_seventh_blind_set_does_not_get_worse() {
    // Labelled blind on 2026-12-05 after every rule change of that day was written; its
    // misses were read by rev4 (issue 5), so it is tuned on from then.
    assert_bars(
        "data/gold/blind-7.jsonl",
        30,
        Bars {
            quotes: (0.85, 0.99),
            speakers: (0.95, 0.90),
            dates: (0.91, 0.88),
            // Revision 7 (branch rev7c): counts 0.900/0.667 → 1.000/0.852.
            counts: (0.99, 0.85),
            events: (0.89, 0.89),
        },
    );
}

#[test]
fn the_eighth_blind_set_does_not_get_worse() {
    // Labelled blind on 2026-12-05 and first measured after rev4 was merged, which was
    // written without it: quotes 0.915/0.982, speakers 0.778/0.778, dates 0.955/0.913,
    // counts 0.931/0.794, events 0.733.
    assert_bars(
        "data/gold/blind-8.jsonl",
        30,
        Bars {
            quotes: (0.91, 0.98),
            speakers: (0.96, 0.94),
            dates: (0.972, 0.939),
            // Revision 7 (branch rev7c): counts 0.967/0.853 → 1.000/0.912.
            counts: (0.99, 0.91),
            events: (0.89, 0.89),
        },
    );
}

#[test]
fn the_ninth_blind_set_does_not_get_worse() {
    // Labelled blind on 2026-12-05 while revision 5 was written without it; measured
    // after rev4 (speakers 0.825/0.783, events 0.733) and after rev5 (events 0.767, the
    // other fields unchanged): quotes 0.923/1.000, dates 0.948/0.902, counts 0.846/0.786.
    // Revision 6 then read its misses (events 0.833), so it is tuned on from then.
    assert_bars(
        "data/gold/blind-9.jsonl",
        30,
        Bars {
            quotes: (0.92, 0.99),
            // Revision 13 (speakers, branch rev13s): 0.91/0.86 floor → measured 0.914/0.883.
            speakers: (0.913, 0.883),
            dates: (0.95, 0.91),
            // Revision 7 (branch rev7c): counts 0.846/0.786 → 1.000/1.000.
            counts: (0.99, 0.99),
            events: (0.93, 0.93),
        },
    );
}

#[test]
fn the_tenth_blind_set_does_not_get_worse() {
    // Labelled blind on 2026-12-05 after revision 5 was merged and while revision 6 was
    // written without it; the same figures before and after revision 6: quotes
    // 0.919/0.983, speakers 0.944/0.895, dates 0.980/0.900, counts 0.812/0.722, events 0.767.
    // Revision 7 (branch `rev7e`) then read its misses, so it is tuned on from then.
    assert_bars(
        "data/gold/blind-10.jsonl",
        30,
        Bars {
            quotes: (0.91, 0.98),
            // Revision 13 (speakers, branch rev13s): 0.98/0.92 floor → measured 0.982/0.947.
            speakers: (0.981, 0.947),
            dates: (1.000, 0.927),
            // Revision 7 (branch rev7c) read its count misses: 0.812/0.722 → 0.972/0.972,
            // so its counts are tuned on from then.
            counts: (0.99, 0.97),
            events: (0.89, 0.89),
        },
    );
}

#[test]
fn the_eleventh_blind_set_does_not_get_worse() {
    // Labelled blind on 2026-12-05 while revision 7 was written without it. Before
    // revision 7: quotes 0.928/1.000, speakers 0.825/0.812, dates 0.905/0.833, counts
    // 0.800/0.774, events 0.767. After its counts (rev7c) and its event lexicon (rev7e's
    // first commit): counts 0.781/0.806, the rest the same — the held-out measure of
    // revision 7 (BENCHMARKS.md, "Revision 7 and blind set 11"). Revision 8 then read
    // its misses (speakers 0.857/0.844, dates 0.947/0.857, counts 0.931/0.871, events
    // 0.800), so it is tuned on from then; blind-12 is the held-out measure.
    assert_bars(
        "data/gold/blind-11.jsonl",
        30,
        Bars {
            quotes: (0.92, 0.99),
            // Revision 13 (speakers, branch rev13s): 0.92/0.90 floor → measured 0.938/0.938 (60/64).
            speakers: (0.937, 0.937),
            dates: (0.97, 0.86),
            counts: (0.93, 0.87),
            // Revision 13 (rev13e): 0.800 → 0.833.
            events: (0.833, 0.833),
        },
    );
}

#[test]
fn the_twelfth_blind_set_does_not_get_worse() {
    // Held out from revision 8 (its first run): quotes 0.947/0.986, speakers 0.768/0.746,
    // dates 0.894/0.921, counts 0.833/0.625, events 0.733. Revision 9 then read its
    // misses: speakers 0.841/0.817, dates 0.940/0.931, counts 0.957/0.917, the rest the
    // same; it is tuned on from then. Revision 10: speakers 0.855/0.831, main event type
    // 0.800.
    assert_bars(
        "data/gold/blind-12.jsonl",
        30,
        Bars {
            quotes: (0.94, 0.98),
            speakers: (0.91, 0.88),
            dates: (0.940, 0.940),
            counts: (0.95, 0.91),
            events: (0.79, 0.79),
        },
    );
}

#[test]
fn the_thirteenth_blind_set_does_not_get_worse() {
    // Labelled while revision 9 was written without it; revisions 8 and 9 score it
    // the same: quotes 0.976/1.000, speakers 0.808/0.778, dates 0.942/0.907, counts
    // 0.938/0.811, main event type 0.700. Revision 10 read its misses (speakers
    // 0.883/0.840, main event type 0.900); it is tuned on from then, blind-14 is the
    // held-out measure. SK-2463 (a US official says Israel struck al-Hari) was then
    // re-decided under the lead rule, STATEMENT instead of the strike: 0.867.
    assert_bars(
        "data/gold/blind-13.jsonl",
        30,
        Bars {
            quotes: (0.97, 0.99),
            speakers: (0.92, 0.86),
            dates: (0.94, 0.90),
            counts: (0.93, 0.81),
            events: (0.86, 0.86),
        },
    );
}

#[test]
fn the_fourteenth_blind_set_does_not_get_worse() {
    // The first set labelled under the lead rule for the main event type, while
    // revision 10 was written without it. Held out, revision 9 scored it quotes
    // 0.929/0.989, speakers 0.767/0.758, dates 0.962/0.944, counts 0.938/0.833, main
    // event type 0.767; revision 10 the same but speakers 0.756/0.747 (two chanted
    // slogans gained, three quotes of a Friday sermon given to the preacher instead of
    // the marja he speaks for). Speakers and main event type are under the issue's bars.
    // Revision 11 (speakers, written without it, though from classes of failure named
    // after its misses: a news medium relaying, non-names, a spokesperson's body):
    // speakers 0.800/0.791.
    assert_bars(
        "data/gold/blind-14.jsonl",
        30,
        Bars {
            quotes: (0.92, 0.98),
            // Revision 13 (speakers, branch rev13s): 0.80/0.79 floor → measured 0.802/0.802.
            speakers: (0.802, 0.802),
            dates: (0.96, 0.94),
            counts: (0.93, 0.83),
            // Revision 13 (rev13e, written on its misses): 0.767 → 0.833.
            events: (0.833, 0.833),
        },
    );
}

#[test]
fn the_fifteenth_blind_set_does_not_get_worse() {
    // Labelled while revision 11 (speakers) and the stacked main-event layer were written
    // without it; a second labeller agreed on all 29 main event types and 55 speakers
    // (data/gold/agreement/). Held out, revisions 10 and 11 score it the same: quotes
    // 0.846/1.000 (organisation names in quote marks taken for quotes), speakers
    // 0.635/0.600, dates 0.988/0.883, counts 0.846/0.647, main event type 0.690. With the
    // stacked layer (off by default) the main event type is 0.655. Revision 12 (counts
    // and dates, written on its misses) raises dates to 0.989/0.968, counts 0.852/0.676;
    // revision 12 (quotes, likewise) quotes to 0.932/1.000 and speakers to 0.654/0.618;
    // its organisation heads matched as normalized (كتلة → كتله) then quotes to 0.948.
    // Revision 13 (counts and dates, on its misses and blind-16's): dates 1.000/0.989,
    // counts 1.000/0.882 (reverted after blind-17, re-applied in revision 14).
    assert_bars(
        "data/gold/blind-15.jsonl",
        29,
        Bars {
            quotes: (0.94, 1.00),
            // Revision 13 (speakers, branch rev13s): 0.65/0.61 floor → measured 0.774/0.745 (41/53, 41/55).
            speakers: (0.773, 0.745),
            dates: (1.000, 0.989),
            counts: (1.000, 0.882),
            // Revision 13 (rev13e, written on its misses): 0.690 → 0.897.
            events: (0.896, 0.896),
        },
    );
}

#[test]
fn the_sixteenth_blind_set_does_not_get_worse() {
    // Not Iraq: Syria, Yemen, Libya, Lebanon and Palestine in the title or first line.
    // Held out, revision 11 scores it quotes 0.914/1.000, speakers 0.831/0.766, dates
    // 0.952/0.822, counts 0.773/0.654, main event type 0.667 (0.733 with the stacked
    // layer, off by default). Revision 12, held out too (written on blind-15's misses),
    // changes only its dates: 0.953/0.836. Revision 13 read its count and date misses
    // (it is tuned on from then): dates 0.958/0.932, counts 0.864/0.731 (reverted after
    // blind-17, re-applied in revision 14).
    assert_bars(
        "data/gold/blind-16.jsonl",
        30,
        Bars {
            quotes: (0.91, 1.00),
            speakers: (0.83, 0.76),
            dates: (0.957, 0.931),
            counts: (0.863, 0.730),
            // Revision 13 (rev13e, written on its misses): 0.667 → 0.800.
            events: (0.8, 0.8),
        },
    );
}

#[test]
fn the_seventeenth_blind_set_does_not_get_worse() {
    // Not Iraq, like blind-16. Held out, revision 13 (its counts and dates reverted after
    // this run) scores it quotes 0.923/0.980, speakers 0.882/0.854, dates 0.989/0.967,
    // counts 0.921/0.745, main event type 0.633 (the rules; the stacked layer, on by
    // default since, 0.667). Revision 14 read its misses (tuned on from then): dates
    // 0.989/0.978, counts 1.000/0.808, main event type 0.667.
    assert_bars(
        "data/gold/blind-17.jsonl",
        30,
        Bars {
            quotes: (0.92, 0.97),
            speakers: (0.88, 0.85),
            dates: (0.988, 0.978),
            counts: (1.000, 0.808),
            events: (0.666, 0.666),
        },
    );
}

#[test]
fn the_eighteenth_blind_set_does_not_get_worse() {
    // Not Iraq. Held out, revision 14 scores it quotes 0.926/0.940, speakers 0.661/0.651,
    // dates 0.973/0.922, counts 1.000/0.774, main event type 0.767 (rules and stacked
    // layer alike). Revision 15 (speakers, tuned on it) reads 0.677/0.667 (42/62, 42/63).
    assert_bars(
        "data/gold/blind-18.jsonl",
        30,
        Bars {
            quotes: (0.92, 0.94),
            speakers: (0.677, 0.666),
            dates: (0.97, 0.92),
            counts: (0.99, 0.77),
            events: (0.76, 0.76),
        },
    );
}
