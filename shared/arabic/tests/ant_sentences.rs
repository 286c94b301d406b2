//! The text core on real sentences of the ANT corpus v2.1 (Chouigui et al., Apache-2.0;
//! BBC Arabic, Middle-East section, 2018), each with its `docno`. The knowledge base of
//! the repository is the clitic analyser's lexicon, as in the service.

use marsad_arabic::clitics;
use marsad_arabic::gazetteer::Gazetteer;
use marsad_arabic::normalize::{normalize, normalize_key};
use marsad_arabic::sentence::sentences;
use marsad_arabic::token::{tokenize, TokenKind};

fn gazetteer() -> Gazetteer {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kb");
    Gazetteer::new(marsad_arabic::kb::load_dir(&dir).unwrap())
}

fn tokens(text: &str) -> Vec<(TokenKind, String)> {
    let chars: Vec<char> = text.chars().collect();
    tokenize(text)
        .iter()
        .map(|t| (t.kind, t.text(&chars)))
        .collect()
}

fn first_reading(word: &str, g: &Gazetteer) -> (String, String) {
    let norm = normalize_key(word);
    let a = clitics::analyze(&norm, g).remove(0);
    (a.prefix.to_string(), a.stem.into_owned())
}

#[test]
fn arabic_indic_digits_read_as_numbers() {
    // BB-middleEast-1053-20181002 writes its figures in Arabic-Indic digits; "و١٥" is
    // the conjunction و and the number 15.
    let text = "كشف عام ٢٠١٤ أن عدد القاصرين الذين تتراوح أعمارهم بين ٧ و١٥ سنة وصل إلى ١٧٤ ألف";
    let numbers: Vec<String> = tokens(text)
        .into_iter()
        .filter(|(k, _)| *k == TokenKind::Number)
        .map(|(_, t)| normalize_key(&t))
        .collect();
    assert_eq!(numbers, ["2014", "7", "15", "174"]);
    assert!(normalize(text).as_str().contains("بين 7 و15 سنه"));
}

#[test]
fn place_names_under_clitics_resolve_to_the_name() {
    let g = gazetteer();
    // BB-middleEast-739-20180716: "محافظة المثنى المحاذية للبصرة" — ل + البصرة.
    assert_eq!(
        first_reading("للبصرة", &g),
        ("لل".into(), normalize_key("البصرة"))
    );
    // CN-middleEast-1155-20180809: "الاعتراف بفلسطين كدولة مستقلة" — ب + فلسطين,
    // while فلسطين alone stays whole although it begins with ف.
    assert_eq!(first_reading("بفلسطين", &g), ("ب".into(), "فلسطين".into()));
    assert_eq!(first_reading("فلسطين", &g), ("".into(), "فلسطين".into()));
    // BB-middleEast-475-20180509: "مثّلت مدينة السليمانية وكركوك" — و + كركوك.
    assert_eq!(first_reading("وكركوك", &g), ("و".into(), "كركوك".into()));
    assert_eq!(first_reading("كركوك", &g), ("".into(), "كركوك".into()));
    // لبنان begins with ل and stays whole.
    assert_eq!(first_reading("لبنان", &g), ("".into(), "لبنان".into()));
}

#[test]
fn a_decimal_point_is_not_a_sentence_end() {
    // BB-middleEast-1005-20181001.
    let text = "يذكر أن عدد العرب في إسرائيل يصل إلى نحو 1.8 مليون شخص، أي نحو 20 في المئة من عدد السكان البالغ تسعة ملايين.";
    assert_eq!(sentences(text).len(), 1);
    assert!(tokens(text).contains(&(TokenKind::Number, "1.8".into())));
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
