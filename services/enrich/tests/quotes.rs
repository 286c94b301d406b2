//! Quotes and their speakers on real text, through the enricher with the knowledge base.

mod common;

use common::enricher;
use marsad_arabic::extract::ArticleContext;

fn seed(prefix: &str) -> String {
    String::from_utf8(common::seed(prefix)).unwrap()
}

#[test]
fn a_time_phrase_after_the_verb_is_not_the_speaker() {
    // BB-middleEast-370 (ANT corpus, Apache-2.0): the subject stands before the verb and
    // "مطلع الشهر الجاري" after it. (The article names حيدر العبادي in full earlier; a
    // surname alone is linked only then.)
    let text = "وأعلن رئيس الوزراء حيدر العبادي انتهاء العمليات.\nوكان العبادي صرح مطلع الشهر الجاري بأن \"العراق سيتخذ كافة الإجراءات اللازمة لمواجهة اي تهديدات تستهدف أمن البلاد\"، في إشارة إلى التنظيم.";
    let found = enricher().extract(text, &ArticleContext::default());
    assert_eq!(found.quotes.len(), 1, "{:?}", found.quotes);
    let speaker = found.quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(
        speaker.entity_id.as_deref(),
        Some("person:haider-al-abadi"),
        "{speaker:?}"
    );
}

#[test]
fn seed_quotes_keep_their_speakers_apart() {
    let e = enricher();
    // Seed 000: the prime minister, then analysts (محللون) as a group speaker.
    let found = e.extract(&seed("000"), &ArticleContext::default());
    let speakers: Vec<&str> = found
        .quotes
        .iter()
        .map(|q| q.speaker.as_ref().map_or("", |s| s.text.as_str()))
        .collect();
    let n = speakers.len();
    assert!(n >= 4, "{speakers:?}");
    assert_eq!(&speakers[n - 2..], ["محللون", "محللون"], "{speakers:?}");
    assert!(found.quotes[0]
        .speaker
        .as_ref()
        .is_some_and(|s| s.entity_id.as_deref() == Some("person:mustafa-al-kadhimi")));
    // Seed 004: «الكاظمي» and «داعش» in guillemets are names, not quotes.
    let found = e.extract(&seed("004"), &ArticleContext::default());
    assert!(found
        .quotes
        .iter()
        .all(|q| q.text != "الكاظمي" && q.text != "داعش"));
}

/// (quote text, speaker text) of every quote found in `text`.
fn attributed(text: &str) -> Vec<(String, String)> {
    enricher()
        .extract(text, &ArticleContext::default())
        .quotes
        .into_iter()
        .map(|q| {
            let who = q.speaker.map_or(String::new(), |s| s.text);
            (q.text, who)
        })
        .collect()
}

#[test]
fn indirect_speech_names_the_speaker_that_a_later_verb_continues() {
    // BB-middleEast-593 (ANT corpus): «وأضافت:» has no subject; the speaker is the one of
    // the indirect speech before it (قالت أم أحمد … إن …), not the witnesses (a group)
    // of the clause before that, and not the description after the comma.
    let text = "وقال شهود عيان إن الانفجار أحدث تلفا بالغا في الممتلكات القريبة، بينما قالت أم أحمد، إحدى سكان المدينة، إن الانفجار تسبب في أضرار بالغة في المنازل المحيطة.\nوأضافت: \"نناشد مقتدى الصدر متابعة الحادث. هذه الجماعة دمرت حياتنا. لقد سُويت منازلنا بالأرض وقتل أبناؤنا وبناتنا\".";
    let found = attributed(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "أم أحمد", "{found:?}");
}

#[test]
fn a_back_reference_and_a_participle_carry_the_source_forward() {
    // SK-middleEast-3725 (ANT corpus): «وقال المصدر» points back to «مصدر أمني» named in
    // the lead, and «مشيرا إلى أنه "…"» continues المصدر's words.
    let text = "أصيب خمسة أشخاص، بين مدنيين ورجال شرطة، إثر انفجار سيارة مفخخة في مدينة الفلوجة العراقية، السبت، وفق ما ذكر مصدر أمني.\nوقال المصدر إن الانفجار وقع في وسط الفلوجة، مشيرا إلى أنه \"لا معلومات عن قتلى حتى الآن\".";
    let found = attributed(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "مصدر أمني", "{found:?}");
}

#[test]
fn a_statement_speaks_for_the_body_that_issued_it() {
    // CN-middleEast-1133 (ANT corpus): «بيان صادر عن وزارة الداخلية», then «وتابع البيان»
    // — the ministry is the speaker, not the word البيان.
    let text = "وقال بيان صادر عن وزارة الداخلية إن الانفجار وقع نتيجة انفجار مستودع للذخيرة، وتابع البيان بالقول: \"فتحت السلطات الأمنية تحقيقا في الأمر، وسيتم الإعلان لاحقا عن التفاصيل.\"";
    let found = attributed(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("وزارة الداخلية"), "{found:?}");
}

#[test]
fn words_passed_on_belong_to_their_source() {
    // CN-middleEast-1138 (ANT corpus): the agency reports «نقلا عن قيادة الجيش العراقي»;
    // the army command said both quotes (وأضافت has no subject of its own).
    let text = "وقالت وكالة الأنباء العراقيج نقلا عن قيادة الجيش العراقي إنه \"تنفيذا لتوجيهات القائد العام للقوات المسلحة الدكتور حيدر العبادي وبإشراف وتنسيق قيادة العمليات المشتركة، دكت طائرات F16 العراقية صباح الخميس مقر ما يسمى قيادة وسيطرة.\"\nوأضافت \"أنه وبحسب المصادر الاستخباراتية فإن الضربة حققت أهدافها وتم تدمير الموقع بالكامل.\"";
    let found = attributed(text);
    assert_eq!(found.len(), 2, "{found:?}");
    // (Without the article's lead the mention links to the army itself; either way it
    // is the army speaking, not the agency.)
    for (_, who) in &found {
        assert!(
            who.contains("الجيش العراقي") && !who.contains("وكالة"),
            "{found:?}"
        );
    }
}

#[test]
fn words_that_only_look_like_reporting_verbs_do_not_change_the_speaker() {
    // FR-middleEast-149 (ANT corpus): «طالبا عدم كشف هويته» (كشف is a noun after عدم) and
    // «تنظيم مسلح تابع للزعيم» (تابع = affiliated) report nothing; المسؤول and المتحدث
    // point back to the intelligence official; «موضحا» continues the PM's office that
    // «أكد مكتب رئاسة الحكومة العراقية» introduced, and «والبيان … يتحدث عن» is its statement.
    let text = "وأفاد مسؤول في جهاز الاستخبارات في سامراء في شمال بغداد أن العميد في القوات الخاصة شريف إسماعيل، كان متوجها من بغداد إلى محافظة نينوى، عشية زيارة محتملة لرئيس الوزراء حيدر العبادي.\nوأشار المسؤول طالبا عدم كشف هويته إلى حصول \"مشادات كلامية مع المنتسبين لسرايا السلام\" وهو تنظيم مسلح تابع للزعيم الشيعي مقتدى الصدر.\nوتابع المسؤول أن الموكب أكمل بعد ذلك طريقه ولدى وصوله إلى أحد مخارج سامراء، على بعد نحو مئة كيلومتر من بغداد \"حصلت مواجهات بين سرايا السلام والمرافقين للعميد\".\nوأضاف المتحدث أن المواجهات أدت إلى \"استشهاد العميد وإصابة منتسبين وتم نقلهم إلى محافظة بغداد\".\nمن جهته أكد مكتب رئاسة الحكومة العراقية في بيان مقتل العميد إسماعيل، موضحا أن رئيس الوزراء \"أمر بفتح تحقيق فوري\".\nوالبيان الذي لا يشير إلى زيارة للعبادي إلى محافظة نينوى يتحدث عن \"إطلاق نار (...) من قبل عناصر غير منضبطة\"، من دون تحديد الجهة المسؤولة.";
    let found = attributed(text);
    let who: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(who.len(), 5, "{found:?}");
    for w in &who[..3] {
        assert!(w.starts_with("مسؤول"), "{who:?}");
    }
    for w in &who[3..] {
        assert!(w.contains("مكتب رئاسة الحكومة العراقية"), "{who:?}");
    }
}

#[test]
fn the_one_spoken_to_is_not_the_speaker() {
    // BB-middleEast-52 (ANT corpus): «قال مصدر أمني لبي بي سي» — BBC is the addressee.
    let text = "وقال مصدر أمني لبي بي سي إن \"جماعات دينية\" لم يسمها، باتت تستهدف مراكز التدليك في الآونة الأخيرة، وذلك بدعوى أنها تحولت إلى أماكن \"لممارسة الرذيلة ومخالفة تعاليم الدين الإسلامي\".";
    let found = attributed(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "مصدر أمني", "{found:?}");
}

#[test]
fn a_pronoun_subject_is_the_nearest_person_named_before() {
    // CN-middleEast-819 (ANT corpus): «حيث قال:» — he is the PM whose page was just named.
    let text = "جاء ذلك في تدوينة على صفحة رئيس الوزراء العراقي، حيدر العبادي على موقع التواصل الاجتماعي، فيسبوك، حيث قال: \"بأمر رئيس مجلس الوزراء القائد العام للقوات المسلحة ... ابطال القوة الجوية العراقية يوجهون ضربة موجعة ضد موقع لقيادات الارهاب الداعشية جنوب الدشيشة داخل الاراضي السورية.\"";
    let found = enricher().extract(text, &ArticleContext::default());
    assert_eq!(found.quotes.len(), 1, "{:?}", found.quotes);
    let speaker = found.quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(
        speaker.entity_id.as_deref(),
        Some("person:haider-al-abadi"),
        "{speaker:?}"
    );
}

#[test]
fn a_title_keeps_the_person_it_names_after_a_body() {
    // FR-middleEast-533 (ANT corpus): the title runs through «في الحزب الشيوعي العراقي»
    // to the name; the party is part of the title, the speaker is جاسم الحلفي.
    let text = "وقال عضو المكتب السياسي في الحزب الشيوعي العراقي جاسم الحلفي إن \"عبوتين ناسفتين رميتا على مقر الحزب الشيوعي العراقي\" في ساحة الأندلس بوسط العاصمة.";
    let found = attributed(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.ends_with("جاسم الحلفي"), "{found:?}");
}

#[test]
fn seed_004_unquoted_speech_is_the_prime_ministers() {
    // Seed 004: «وأضاف:» and «قائلًا:» follow indirect speech whose subject stands
    // before its verb (أن «الكاظمي» أكد أن …); «وبيّن أن»/«وشدد على» have no subject and
    // «وأوضح دورًا كبيرًا» has an accusative object, not a subject.
    let found = enricher().extract(&seed("004"), &ArticleContext::default());
    for start in ["ما زالت أمامنا تحديات", "نوجّه بالاستمرار"] {
        let q = found
            .quotes
            .iter()
            .find(|q| q.text.starts_with(start))
            .unwrap_or_else(|| panic!("{start}: {:?}", found.quotes));
        assert_eq!(
            q.speaker.as_ref().and_then(|s| s.entity_id.as_deref()),
            Some("person:mustafa-al-kadhimi"),
            "{q:?}"
        );
    }
    // Seed 000: «وفق رئيس الحكومة العراقية» is the prime minister, not the government.
    let found = enricher().extract(&seed("000"), &ArticleContext::default());
    let q = found
        .quotes
        .iter()
        .find(|q| q.text.starts_with("شبكة مترابطة"))
        .expect("the quote");
    assert_eq!(
        q.speaker.as_ref().and_then(|s| s.entity_id.as_deref()),
        Some("person:mustafa-al-kadhimi"),
        "{q:?}"
    );
}
