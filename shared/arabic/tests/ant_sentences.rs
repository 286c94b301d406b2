//! The text core on real sentences of the ANT corpus v2.1 (Chouigui et al., Apache-2.0;
//! BBC, CNN, France 24 and Sky News Arabic, Middle-East section, 2018), each with its
//! `docno`, and on the repository's seeds. The knowledge base of the repository (with
//! the built-in word list) is the clitic analyser's lexicon, as in the service.

use marsad_arabic::clitics::{self, BuiltinLexicon};
use marsad_arabic::gazetteer::Gazetteer;
use marsad_arabic::normalize::{normalize, normalize_key};
use marsad_arabic::sentence::sentences;
use marsad_arabic::token::{tokenize, TokenKind};

fn gazetteer() -> Gazetteer {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kb");
    Gazetteer::new(marsad_arabic::kb::load_dir(&dir).unwrap())
}

/// (kind, original text, matching form) of every token.
fn tokens(text: &str) -> Vec<(TokenKind, String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokenize(text);
    tokens
        .with_norms()
        .map(|(t, n)| (t.kind, t.text(&chars), n.to_string()))
        .collect()
}

fn first_reading(word: &str, lexicon: &impl clitics::Lexicon) -> (String, String) {
    let norm = normalize_key(word);
    let a = clitics::analyze(&norm, lexicon).remove(0);
    (a.prefix.to_string(), a.stem.into_owned())
}

/// Every normalization rule on a real sentence: (docno, original, matching view).
#[test]
fn normalization_table() {
    let table = [
        // Presentation forms from an old encoder, in the middle of plain letters: NFKC
        // takes them back to letters (ﻟ → ل, ﻣ → م, ﯾ → ی → ي, ﻧﺎ → نا).
        (
            "CN-middleEast-1351-20180911",
            "وتعتبر إدﻟب، التي يسيطر عليها المتمردون ﻣوطنا لـ1.4 ﻣﻟﯾون ﻧﺎزح.",
            "وتعتبر ادلب, التي يسيطر عليها المتمردون موطنا ل1.4 مليون نازح.",
        ),
        // The ligature ﷲ (Allah) is the word الله.
        (
            "CN-middleEast-356-20180324",
            "مناهجنا تتضمن ما يرضي ﷲ وحده",
            "مناهجنا تتضمن ما يرضي الله وحده",
        ),
        // Hamza on alef (أ إ) is often left out: all alef forms fold to ا. Ta marbuta
        // (ة) folds to ه and alef maqsura (ى) to ي, as web spelling confuses them.
        (
            "BB-middleEast-1079-20181009",
            "بحسب مسؤولين أمنيين، عمل عمشاوي في التجارة قبل أن يشكل خلية «أنصار المقدس» في عام 2012",
            "بحسب مسوولين امنيين, عمل عمشاوي في التجاره قبل ان يشكل خليه \"انصار المقدس\" في عام 2012",
        ),
        // Egyptian spelling writes ى for final ي ("فإننى", "يدفعنى"): both fold to ي.
        // The hamza carrier ئ keeps its ي (the documented choice in normalize.rs).
        (
            "BB-middleEast-63-20180220",
            "فإننى أتحمل نصيبا من المسئولية يدفعنى",
            "فانني اتحمل نصيبا من المسيوليه يدفعني",
        ),
        // Tatweel after the preposition ب ("بـ") is dropped.
        (
            "BB-middleEast-1003-20180913",
            "التي تعرف بـ \"الترويكا الداعمة لجهود السلام\"",
            "التي تعرف ب \"الترويكا الداعمه لجهود السلام\"",
        ),
        // Tashkeel (here a kasra in "وفِي") is dropped.
        (
            "CN-middleEast-1327-20180909",
            "حول ادلب موفقة وفِي وقتها",
            "حول ادلب موفقه وفي وقتها",
        ),
        // Arabic-Indic digits become ASCII digits.
        (
            "BB-middleEast-1053-20181002",
            "تتراوح أعمارهم بين ٧ و١٥ سنة وصل إلى ١٧٤ ألف",
            "تتراوح اعمارهم بين 7 و15 سنه وصل الي 174 الف",
        ),
    ];
    for (docno, text, want) in table {
        let view = normalize(text);
        assert_eq!(view.as_str(), want, "{docno}");
        assert_eq!(normalize_key(want), want, "{docno}: idempotent");
    }
}

/// (docno, text, tokens of interest as (kind, original text, matching form)).
type TokenRow<'a> = (&'a str, &'a str, &'a [(TokenKind, &'a str, &'a str)]);

/// Every token kind on real text.
#[test]
fn token_table() {
    use TokenKind::*;
    let table: &[TokenRow] = &[
        // A hashtag: `_` joins its words; the Arabic comma after it is punctuation.
        (
            "BB-middleEast-200-20180315",
            "ودشن المغردون المصريون هاشتاغ #حق_مريم_لن_يضيع، الذي تصدر",
            &[
                (Hashtag, "#حق_مريم_لن_يضيع", "#حق_مريم_لن_يضيع"),
                (Punct, "،", ","),
            ],
        ),
        // A mention, then the Arabic comma.
        (
            "BB-middleEast-39-20180210",
            "يحمل حسابها بتويتر اسم @kooshe90، رؤية المطلق",
            &[(Mention, "@kooshe90", "@kooshe90"), (Punct, "،", ",")],
        ),
        // A URL, without the comma after it.
        (
            "CN-middleEast-1126-20180606",
            "على الرابط https://eservices.haj.gov.sa/eservices3، واستكمال",
            &[
                (
                    Url,
                    "https://eservices.haj.gov.sa/eservices3",
                    "https://eservices.haj.gov.sa/eservices3",
                ),
                (Punct, "،", ","),
            ],
        ),
        // Thousands separators inside a number.
        (
            "BB-middleEast-178-20180312",
            "وصل الى 511,000 منذ اندلاعها",
            &[(Number, "511,000", "511,000")],
        ),
        (
            "BB-middleEast-1036-20180923",
            "على بعد 3,200 كيلومتر",
            &[(Number, "3,200", "3,200")],
        ),
        // A decimal written onto the preposition ل with tatweel: "لـ1.4".
        (
            "CN-middleEast-1351-20180911",
            "ﻣوطنا لـ1.4 ﻣﻟﯾون",
            &[
                (Word, "ﻣوطنا", "موطنا"),
                (Word, "لـ", "ل"),
                (Number, "1.4", "1.4"),
                (Word, "ﻣﻟﯾون", "مليون"),
            ],
        ),
        // Latin words in Arabic text.
        (
            "BB-middleEast-1110-20181016",
            "إنتاج الألعاب الإلكترونية - Improbable Worlds.",
            &[
                (Latin, "Improbable", "improbable"),
                (Latin, "Worlds", "worlds"),
            ],
        ),
        // A word with a kasra: the token carries it, its matching form does not.
        (
            "CN-middleEast-1327-20180909",
            "موفقة وفِي وقتها",
            &[(Word, "وفِي", "وفي")],
        ),
    ];
    for (docno, text, want) in table {
        let got = tokens(text);
        for (kind, original, norm) in want.iter() {
            assert!(
                got.iter()
                    .any(|(k, o, n)| k == kind && o == original && n == norm),
                "{docno}: {kind:?} {original} not in {got:?}"
            );
        }
    }
}

#[test]
fn arabic_indic_digits_read_as_numbers() {
    // BB-middleEast-1053-20181002 writes its figures in Arabic-Indic digits; "و١٥" is
    // the conjunction و and the number 15.
    let text = "كشف عام ٢٠١٤ أن عدد القاصرين الذين تتراوح أعمارهم بين ٧ و١٥ سنة وصل إلى ١٧٤ ألف";
    let numbers: Vec<String> = tokens(text)
        .into_iter()
        .filter(|(k, _, _)| *k == TokenKind::Number)
        .map(|(_, _, n)| n)
        .collect();
    assert_eq!(numbers, ["2014", "7", "15", "174"]);
}

/// Names that begin with clitic letters stay whole; under clitics they are found.
#[test]
fn place_names_under_clitics_resolve_to_the_name() {
    let g = gazetteer();
    let lexicon = (&g, BuiltinLexicon::get());
    let table = [
        // BB-middleEast-739-20180716: "محافظة المثنى المحاذية للبصرة" — ل + البصرة,
        // the alef of the article dropped after ل.
        ("للبصرة", "لل", "البصرة"),
        // CN-middleEast-1155-20180809: "الاعتراف بفلسطين كدولة مستقلة" — ب + فلسطين,
        // while فلسطين alone stays whole although it begins with ف.
        ("بفلسطين", "ب", "فلسطين"),
        ("فلسطين", "", "فلسطين"),
        // BB-middleEast-475-20180509: "مثّلت مدينة السليمانية وكركوك" — و + كركوك.
        ("وكركوك", "و", "كركوك"),
        ("كركوك", "", "كركوك"),
        // لبنان begins with ل, بغداد with ب, بيجي with ب, فلوجة with ف + ل.
        ("لبنان", "", "لبنان"),
        ("بغداد", "", "بغداد"),
        ("بيجي", "", "بيجي"),
        ("فلوجة", "", "فلوجة"),
        ("البصرة", "", "البصرة"),
        // Seed 003: "في الفلوجة وبغداد".
        ("وبغداد", "و", "بغداد"),
        // BB-middleEast-72-20180221: "في بلدات عربين وكفربطنا" — و + كفربطنا is not
        // known: the whole word comes first, the cut is offered after it.
        ("وكفربطنا", "", "وكفربطنا"),
    ];
    for (word, prefix, stem) in table {
        assert_eq!(
            first_reading(word, &lexicon),
            (prefix.into(), normalize_key(stem)),
            "{word}"
        );
    }
}

#[test]
fn a_decimal_point_is_not_a_sentence_end() {
    // BB-middleEast-1005-20181001.
    let text = "يذكر أن عدد العرب في إسرائيل يصل إلى نحو 1.8 مليون شخص، أي نحو 20 في المئة من عدد السكان البالغ تسعة ملايين.";
    assert_eq!(sentences(text).len(), 1);
    assert!(tokens(text)
        .iter()
        .any(|(k, o, _)| *k == TokenKind::Number && o == "1.8"));
}

#[test]
fn tatweel_and_shadda_fold_and_map_back() {
    // BB-middleEast-1074-20181008: "ما يسمى بــ "ربيع الثورات العربية"".
    let text = "مع انطلاق ما يسمى بــ \"ربيع الثورات العربية\"";
    assert!(normalize(text).as_str().contains("يسمي ب \"ربيع"));
    // BB-middleEast-1008-20180930: "تعتزم شنّه على محافظة إدلب".
    let text = "تعتزم شنّه على محافظة إدلب";
    let view = normalize(text);
    let at = view.as_str().find("شنه").unwrap();
    let (s, e) = view.original_span_of_bytes(at, at + "شنه".len());
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[s..e].iter().collect::<String>(), "شنّه");
}

/// The invariants of the proptests, on every tenth real article: tokens ordered and
/// disjoint, each slicing the original to a text that normalizes to its matching form;
/// sentences ordered; normalization idempotent.
#[test]
fn invariants_hold_on_real_articles() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/corpus/ant-middleeast.jsonl");
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        eprintln!("{} not readable; skipping", path.display());
        return;
    };
    for line in corpus.lines().step_by(10) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let docno = v["docno"].as_str().unwrap();
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(text);
        let mut last = 0;
        for (t, norm) in tokens.with_norms() {
            assert!(t.start >= last && t.start < t.end, "{docno}");
            last = t.end;
            let slice: String = chars[t.start..t.end].iter().collect();
            assert_eq!(normalize_key(&slice), norm, "{docno}");
        }
        let view = tokens.view().as_str();
        assert_eq!(normalize_key(view), view, "{docno}");
        let mut last = 0;
        for s in sentences(text) {
            assert!(s.start >= last && s.start < s.end, "{docno}");
            last = s.end;
        }
    }
}
