//! Events on real headlines and leads (ANT corpus, BBC Arabic and Sky News Arabia, 2018;
//! the seeds), through the whole extractor with the repository's knowledge base.

mod common;

use marsad_arabic::extract::ArticleContext;
use marsad_messages::Event;

fn events(title: &str, text: &str) -> Vec<Event> {
    let context = ArticleContext {
        published: Some((2018, 9, 8)),
        title: (!title.is_empty()).then_some(title),
    };
    common::enricher().extract(text, &context).events
}

#[test]
fn a_bombing_is_an_explosion_with_its_place_date_and_dead() {
    // SK-981: the headline says only "a deadly attack" (هجوم دام, no means); the lead says
    // a roadside bomb (عبوة ناسفة), which decides the type over the generic attack.
    let found = events(
        "هجوم دام خلال تشييع مقاتلين من الحشد الشعبي بالعراق",
        "لقي 16 شخصا حتفهم على الأقل وأصيب 14 آخرون بجروح، الخميس، بانفجار عبوة ناسفة خلال تشييع مقاتلين عراقيين قتلوا الأربعاء بهجمات لتنظيم داعش، وفق ما أفاد مسؤول محلي في شمال العراق وكالة فرانس برس.",
    );
    let main = &found[0];
    assert_eq!(main.event_type, "EXPLOSIONS_REMOTE_VIOLENCE");
    assert_eq!(
        main.sub_type.as_deref(),
        Some("REMOTE_EXPLOSIVE_LANDMINE_IED")
    );
    assert_eq!(main.location_id.as_deref(), Some("loc:iraq"));
    // No day-precise date in the sentence (الخميس is relative): the day of publication.
    assert_eq!(main.date.as_deref(), Some("2018-09-08"));
    assert_eq!(main.fatalities, Some(16));
}

#[test]
fn the_news_after_a_headline_colon_outweighs_its_topic() {
    // BB-976: "Basra protests:" is the rubric; the news is the parliament's emergency
    // session, which the lead repeats. The protests are the background (ACLED would code
    // them in their own reports).
    let found = events(
        "مظاهرات البصرة: البرلمان العراقي يعقد جلسة طارئة لبحث الاضطرابات في المدينة",
        "يعقد مجلس النواب العراقي جلسة طارئة اليوم السبت لبحث الاحتجاجات المتواصلة والاضطرابات في البصرة جنوبي العراق.",
    );
    assert_eq!(found[0].event_type, "MEETING");
}

#[test]
fn protesters_setting_buildings_on_fire_are_a_riot() {
    // BB-888: a demonstration with arson is a violent demonstration for ACLED (RIOTS),
    // even though most cue words are the protest's.
    let found = events(
        "احتجاجات جنوب العراق: مئات المتظاهرين \"يحرقون\" مجلس قضاء القرنة المحلي",
        "أفادت تقارير بأن مئات من المتظاهرين في جنوب العراق أشعلوا النيران في مباني المجلس المحلي في قضاء القرنة، التي تبعد حوالي 74 كم من مدينة البصرة.",
    );
    assert_eq!(found[0].event_type, "RIOTS");
    assert_eq!(found[0].sub_type.as_deref(), Some("VIOLENT_DEMONSTRATION"));
}

#[test]
fn attacks_that_are_feared_or_quoted_are_not_incidents() {
    // ANT (2018): "لدرء أي هجمات محتملة" — "any possible attacks" are hypothetical (أي
    // before, محتملة after): the sentence reports a deployment, not an attack.
    let found = events(
        "",
        "فرضت قوات موالية للحكومة السورية سيطرتها على بعض المناطق المحيطة بتلك المدينة لدرء أي هجمات محتملة.",
    );
    assert_ne!(found[0].event_type, "BATTLES");
    // Seed 000: the prime minister speaks of "breaches" and attacks inside his quote at a
    // meeting with the security leaders: the report is the meeting.
    let found = common::enrich_seed("000").events;
    assert_eq!(found[0].event_type, "MEETING");
}

#[test]
fn every_further_incident_of_an_article_is_kept_with_its_own_place() {
    // Seed 002: the security meeting leads; the roadside bombs in Anbar and Baghdad and
    // the drone at Erbil airport are reported further down, each its own event.
    let found = common::enrich_seed("002").events;
    assert_eq!(found[0].event_type, "MEETING");
    let places: Vec<(&str, Option<&str>)> = found[1..]
        .iter()
        .map(|e| (e.event_type.as_str(), e.location_id.as_deref()))
        .collect();
    for want in ["loc:anbar-governorate", "loc:baghdad", "loc:erbil-airport"] {
        assert!(
            places
                .iter()
                .any(|(t, l)| *t == "EXPLOSIONS_REMOTE_VIOLENCE" && *l == Some(want)),
            "{want}: {places:?}"
        );
    }
}

#[test]
fn a_crime_named_in_a_charge_is_not_an_incident_of_the_day() {
    // FR-866: «بتهمة قتل 370 شخصا» names what the accused are tried for; the news is the
    // trial (محاكمة), which ACLED codes as a strategic development.
    let found = events(
        "محاكمة ثمانية عراقيين من عائلة واحدة أعدموا المئات وألقوهم في حفرة \"الخسفة\"",
        "أعلن المتحدث باسم مجلس القضاء الأعلى العراقي الأربعاء أن ثمانية جهاديين من العائلة نفسها ينتمون لتنظيم \"الدولة الإسلامية\" تجري محاكمتهم بتهمة قتل 370 شخصا جنوب الموصل.",
    );
    assert_eq!(found[0].event_type, "STRATEGIC_DEVELOPMENTS");
}

#[test]
fn a_press_conference_is_where_a_statement_is_made() {
    // SK-2173: «في مؤتمر صحفي» is the setting of the prime minister's remarks, not a
    // conference as an event (GUIDELINES.md).
    let found = events(
        "العبادي: \"انتهاكات خطيرة\" في الانتخابات",
        "قال رئيس الوزراء العراقي حيدر العبادي، الثلاثاء، إن انتهاكات خطيرة وقعت في الانتخابات البرلمانية الأخيرة.\nوقال العبادي في مؤتمر صحفي إن تقريرا قدم إلى الحكومة أوصى بإعادة فرز جزء من الأصوات يدويا.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
}

#[test]
fn a_session_is_named_with_its_possessive_and_its_quorum() {
    // CN-1282: «أولى جلساته» — the plural with the possessive ه; BB-1004: a vote
    // adjourned «لعدم اكتمال النصاب» (a quorum is only a session's).
    let first = events(
        "البرلمان العراقي يعقد جلساته لأول مرة منذ انتخابات مايو",
        "عقد البرلمان العراقي أولى جلساته منذ انتخابات مايو/أيار في بغداد، الإثنين.",
    );
    assert_eq!(first[0].event_type, "MEETING");
    let adjourned = events(
        "تأجيل التصويت على انتخاب رئيس العراق وسط تنافس غير مسبوق",
        "أجل البرلمان العراقي التصويت لانتخاب رئيس جديد للبلاد.\nويعد منصب رئيس الجمهورية رمزيا في العراق.\nومن المقرر استئناف جلسة مجلس النواب في وقت لاحق اليوم بعدما أعلن رئيس البرلمان، محمد الحلبوسي، الاثنين تأجيل التصويت لعدم اكتمال النصاب.",
    );
    assert_eq!(adjourned[0].event_type, "MEETING");
}

#[test]
fn a_lead_headed_by_a_reaction_verb_is_a_statement() {
    // BB-966 and CN-1305 (ANT corpus, blind-2): «دعا» / «أعربت … عن أسفها» head the lead and
    // the deaths or the storming come after them (بعد …): the news is the reaction, a
    // statement (GUIDELINES.md, lead rule). The accusation of HF-645 (events-heldout,
    // «اتهم الحشد الشعبي التحالف بشن غارة») stays the air strike: اتهم is not a reaction verb.
    let found = events(
        "الأمم المتحدة تطالب بمحاسبة المسؤولين عن العنف في البصرة",
        "دعا مبعوث الأمم المتحدة إلى العراق إلى الهدوء في البصرة، بعد مقتل ستة أشخاص في أكثر يوم دموية في الاحتجاجات التي تشهدها المدينة الجنوبية بسبب سوء الخدمات العامة.",
    );
    assert_eq!(found[0].event_type, "STATEMENT", "{found:?}");
    let found = events(
        "بيان من الخارجية العراقية بشأن حرق القنصلية الإيرانية في البصرة",
        "(CNN)-- أعربت وزارة الخارجية العراقية عن \"أسفها العميق\" في بيان صدر، مساء الجمعة، بعد أن اقتحم متظاهرون مقر القنصلية الإيرانية في البصرة، وأضرموا النار فيها.",
    );
    assert_eq!(found[0].event_type, "STATEMENT", "{found:?}");
    // An asset seizure is a strategic development (BB-138, FR-105).
    let found = events(
        "مصادرة أملاك رموز حكم صدام",
        "أصدرت الهيئة الوطنية العليا للمساءلة والعدالة في العراق قراراً بمصادرة أموال الرئيس العراقي السابق صدام حسين وأركان نظامه.",
    );
    assert_eq!(found[0].event_type, "STRATEGIC_DEVELOPMENTS", "{found:?}");
}

/// (headline, lead, gold main event type) of data/gold/blind-3.jsonl (ANT corpus): the
/// event rules revised on reading that set's misses, one article per rule.
#[test]
fn the_revised_event_rules_on_the_third_blind_set() {
    for (docno, title, lead, want) in [
        // A riot is a crowd's: gunmen storming a building are an armed attack.
        (
            "FR-middleEast-814",
            "كردستان العراق: مسلحان يقتحمان مقر محافظة أربيل ويحتجزان رهائن",
            "اقتحم مسلحان يوم الاثنين مبنى محافظة أربيل الواقع في المنطقة التجارية من عاصمة إقليم كردستان شبه المستقل، واحتجزا رهائن، كما أفادت مصادر أمنية ورسمية كردية.",
            "BATTLES",
        ),
        // A relative clause describes the man arrested; the arrest is the news.
        (
            "SK-middleEast-1726",
            "تفاصيل اصطياد الإرهابي الذي أحرق الكساسبة",
            "أعلن العراق أن القيادي في تنظيم \"داعش\" صدام الجمل، المسؤول عن قتل الطيار الأردني معاذ الكساسبة حرقا عام 2015، تم القبض عليه مع قياديين آخرين في التنظيم الإرهابي.",
            "STRATEGIC_DEVELOPMENTS",
        ),
        // Weight-1 cues (حرق) need company: a statement on a fire.
        (
            "BB-middleEast-608",
            "العبادي: حرق مخازن صناديق الانتخابات مخطط لضرب الديمقراطية في العراق",
            "قال رئيس الوزراء العراقي حيدر العبادي إن الحريق الذي نشب في مخازن الصناديق الانتخابية يمثل \"مخططا لضرب البلد ونهجه الديمقراطي\".",
            "STATEMENT",
        ),
        // دانت (أدان without its hamza) heads a reaction; يدين heads the headline.
        (
            "SK-middleEast-3436",
            "العراق يدين الغارات التركية على سنجار.. وينفي التنسيق",
            "دانت وزارة الخارجية العراقية، الجمعة، الضربات التي شنتها المقاتلات الحربية التركية على مناطق مدنية بقضاء سنجار غربي محافظة نينوى شمالي العراق، نافية وجود تنسيق بين بغداد وأنقرة بشأن تلك الضربات.",
            "STATEMENT",
        ),
        // A warning is said about attacks to come.
        (
            "SK-middleEast-3646",
            "أميركا تحذر إيران من أي هجوم يشنه \"وكلاء\" طهران في العراق",
            "حذرت الولايات المتحدة إيران من أنها \"سترد بشكل سريع وحاسم\" على أي هجمات يشنها وكلاء طهران في العراق، وتؤدي إلى إصابة أميركيين، أو إلحاق أضرار بمنشآت أميركية.",
            "STATEMENT",
        ),
        // «جاء ذلك في جلسة …» names the setting of the statement.
        (
            "CN-middleEast-411",
            "تركيا: سنوقف أنشطة PKK بالعراق إن لم تتمكن بغداد.. ولن نتردد بإبعاد الإرهابيين من منبج",
            "دبي، الإمارات العربية المتحدة (CNN)— أكد مجلس الأمن القومي بتركيا، الأربعاء، على أن أنقرة ستتخذ خطوات من شأنها وقف أنشطة منظمة PKK شمال العراق في حال لم تتمكن بغداد من القيام بذلك.\nجاء ذلك في جلسة للمجلس في المجمع الرئاسي بالعاصمة التركية، أنقرة.",
            "MEETING",
        ),
        // A chamber electing a president sits in session.
        (
            "BB-middleEast-1052",
            "انتخاب برهم صالح رئيسا للعراق",
            "انتخب البرلمان العراقي برهم صالح رئيسا للبلاد، وذلك بعدما أجل التصويت في وقت سابق في ظل تنافس غير مسبوق بين الأكراد على المنصب.",
            "MEETING",
        ),
        // An interview («لقاء خاص مع» a channel) is a statement.
        (
            "SK-middleEast-2825",
            "بومبيو يؤكد التزام واشنطن بالتصدي لطهران وتحجيم ميليشياتها",
            "أكد وزير الخارجية الأميركي، مايك بومبيو، في لقاء خاص مع \"سكاي نيوز عربية\"، أن الإدارة الأميركية ملتزمة بالتصدي للسلوك الإيراني الشرير.",
            "STATEMENT",
        ),
        // The convicts' charges are not bombings reported; the executions are the news.
        (
            "SK-middleEast-1049",
            "إعدام 11 \"إرهابيا\" في العراق",
            "أعلنت وزارة العدل العراقية تنفيذ إحكام بإعدام 13 محكوما، من بينهم 11 مدانا بجرائم إرهاب، تشمل تفجير سيارات مفخخة واستهداف قوات الأمن أو عمليات اختطاف، حسبما جاء في بيان حكومي، الاثنين.",
            "STRATEGIC_DEVELOPMENTS",
        ),
        // A meeting named in the third sentence as context does not make the report one.
        (
            "SK-middleEast-3570",
            "فرض \"حظر التجول\" في البصرة بعد أيام من إلغائه",
            "قال مراسل \"سكاي نيوز عربية\" إن السلطات العراقية فرضت، السبت، حظرا للتجول في محافظة البصرة العراقية.\nوذكرت رويترز أن حظر التجوال بدأ تطبيقه السبت في حدود الساعة الرابعة عصرا بالتوقيت المحلي.\nويأتي هذا القرار في وقت يعقد فيه البرلمان العراقي جلسة طارئة واستثنائية لبحث أحداث البصرة.",
            "STATEMENT",
        ),
    ] {
        let found = events(title, lead);
        assert_eq!(found[0].event_type, want, "{docno}");
    }
}

#[test]
fn a_decision_or_visit_heading_the_lead_is_a_statement() {
    // SK-3173 (blind-3): the dismissal answers the protests named after it; an official
    // decision is a statement (GUIDELINES.md, blind-3 hard cases).
    let found = events(
        "احتجاجات العراق تطيح وزير الكهرباء",
        "أقال رئيس الوزراء العراقي، حيدر العبادي، وزير الكهرباء، قاسم الفهداوي، في أول إجراء من نوعه على هذا المستوى، بعد 3 أسابيع على المظاهرات التي انطلقت من جنوب العراق احتجاجا على الفساد وسوء الخدمات، لاسيما انقطاع الكهرباء وشح المياه.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
    // SK-3600 (blind-4): a visit by the prime minister after a week of protests.
    let found = events(
        "العبادي في البصرة بعد \"أسبوع الدم\"",
        "وصل رئيس الوزراء العراقي حيدر العبادي، صباح الاثنين، إلى محافظة البصرة في جنوب البلاد، بعد أسبوع من التظاهرات الاحتجاجية على الوضع المعيشي شهدت أعمال عنف، بحسب بيان صادر من مكتبه.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
}

#[test]
fn the_circumstances_of_a_killing_looked_into_are_background() {
    // SK-1402 (blind-4): the prime minister reveals threats and vows to uncover the
    // circumstances of last week's assassination — a statement, not the killing.
    let found = events(
        "العبادي: تعرضت للتهديد من قادة بالحشد الشعبي",
        "كشف رئيس الوزراء العراقي، حيدر العبادي، عن محاولات تهديد تعرض لها من قادة في ميليشيات الحشد الشعبي، محذرا هؤلاء القادة من مغبة الاستمرار في هذه التهديدات.\nوتوعد العبادي خلال حفل انتخابي بمحافظة النجف، بكشف ملابسات اغتيال رئيس الدائرة المالية في الحشد الأسبوع الماضي، بعد تعاونه مع الحكومة في كشف الفاسدين.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
}

#[test]
fn a_protest_whose_body_tells_of_burning_and_clashes_is_a_riot() {
    // BB-955 (blind-8): the lead reports a protester killed at renewed protests; the
    // clashes and the tyres set on fire come far down. Violence told anywhere in the
    // article, reaching the incident score, makes the demonstration a riot (ACLED).
    let title = "إعادة فرض حظر التجول بعد مقتل متظاهر في احتجاجات البصرة";
    let found = events(title, "قتل محتج وأصيب 14 في تجدد للاحتجاجات العنيفة بمدينة البصرة النفطية في العراق الخميس، بحسب ما قالته مصادر أمنية وطبية.\nوأعلنت قيادة عمليات البصرة إعادة فرض حظر التجول حتى إشعار آخر على أن يسري ذلك على الفور.\nواحتشد مئات المتظاهرين العراقيين مجددا أمام مبنى مقر محافظة البصرة، الذي شهد مقتل سبعة متظاهرين منذ الثلاثاء الماضي.\nوقد تعرض المبنى الحكومي لاحتراق جزئي، انتشرت إثره قوات الشرطة بكثافة حول المتظاهرين.\nوكانت الحكومة العراقية في بغداد قد أعلنت حظرا للتجول، ألغته السلطات في البصرة قبل بضع دقائق من دخوله حيز التنفيذ.\nوقتل ما لا يقل عن 22 شخصا منذ بداية التظاهرات في البصرة، قبل أن تمتد إلى مدن جنوب العراق في الثامن من يوليو/ تموز الماضي.\nوطالب زعيم التيار الصدري، مقتدى الصدر مجلس النواب العراقي بالانعقاد قبل يوم الأحد المقبل، في جلسة متلفزة لبحث الأزمة في البصرة.\nوقال الصدر إنه \"لم يعد قادرا أن يقف متفرجا على ما يحدث في البصرة وقد نفد صبره\".\nوكان العمل في ميناء أم قصر الرئيسي توقف عقب اندلاع اشتباكات عنيفة بين محتجين وقوات الأمن في مدينة البصرة.\nويعد ميناء أم قصر شريان حياة للقمح والسلع الأخرى المستوردة التي تغذي البلاد.\nلماذا يتظاهر العراقيون في الجنوب؟\nما هي الأسئلة التي تدور بأذهانكم عن أحداث البصرة؟\nوتجددت المظاهرات صباح الخميس أمام مبنى الحكومة المحلية في قضاء الزبير، جنوب غرب البصرة، التي علقت أعمالها نتيجة ذلك، وأحرق المتظاهرون النار في إطارات السيارات، بحسب ما قالته مصادر لبي بي سي، مضيفة أن ثلاثة متظاهرين أصيبوا بحروق متفاوتة عند إضرام النار في الإطارات.");
    assert_eq!(found[0].event_type, "RIOTS");
    // The first three sentences alone: «للاحتجاجات العنيفة» in the lead names the
    // violence itself (a protest called violent is a riot, events.tsv), so they are a riot
    // too, with no body needed.
    let found = events(title, "قتل محتج وأصيب 14 في تجدد للاحتجاجات العنيفة بمدينة البصرة النفطية في العراق الخميس، بحسب ما قالته مصادر أمنية وطبية.\nوأعلنت قيادة عمليات البصرة إعادة فرض حظر التجول حتى إشعار آخر على أن يسري ذلك على الفور.\nواحتشد مئات المتظاهرين العراقيين مجددا أمام مبنى مقر محافظة البصرة، الذي شهد مقتل سبعة متظاهرين منذ الثلاثاء الماضي.");
    assert_eq!(found[0].event_type, "RIOTS");
}

#[test]
fn clashes_braced_for_do_not_make_a_protest_a_riot() {
    // SK-3014 (blind-8): riot police deployed «تحسبا لوقوع اشتباكات» (as a precaution
    // against clashes): the clashes did not happen, the Friday protest stays a protest.
    let found = events(
        "\"جمعة غضب\" بجنوب العراق.. ومحتجون يساندون من بغداد",
        "انطلقت تظاهرات كبيرة، الجمعة، بمشاركة الآلاف في محافظتي البصرة وذي قار جنوبي العراق، في إطار موجة احتجاجات انتشرت للمطالبة بتسريع تحسين الواقع المعيشي والخدمي للمواطنين.\nوتجمع المتظاهرون أمام مبنى محافظة البصرة وساحة الحبوبي في ذي قار، ورفعوا شعارات منددة بـ \"الأحزاب الفاسدة\"، مطالبين بتوفير الخدمات وإيجاد فرص عمل.\nوفي المقابل، فرضت السلطات الأمنية وقوات مكافحة الشغب إجراءات أمنية مشددة، تحسبا لوقوع اشتباكات.",
    );
    assert_eq!(found[0].event_type, "PROTESTS");
}

#[test]
fn a_curfew_or_measures_announced_in_the_lead_are_a_statement() {
    // BB-980 (blind-5): the curfew lifted is the news; the protests are where it was
    // imposed and the deaths are background (GUIDELINES.md: curfew measures → STATEMENT).
    let found = events(
        "مظاهرات البصرة: السلطات ترفع حظر التجول في المدينة",
        "رفعت السلطات العراقية حظرا للتجول في مدينة البصرة، جنوبي العراق، التي عصفت بها احتجاجات شابتها أعمال عنف.\nوجاء الإعلان عن رفع حظر التجول، الذي فُرض مساء يوم الجمعة، بعدما أمر رئيس الوزراء العراقي، حيدر العبادي، بإقالة عدد من كبار ضباط الشرطة في البصرة بعد أيام من الاحتجاجات الدامية هناك.\nوقُتل 12 شخصا في اشتباكات مع قوات الأمن خلال الأيام القليلة الماضية.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
    // SK-2935 (blind-7): subject and day stand between the verb and the curfew.
    let found = events(
        "العراق.. \"رفع جزئي\" لحظر التجوال في البصرة",
        "رفعت السلطات الأمنية العراقية، الثلاثاء، حظر التجوال عن حركة المركبات في محافظة البصرة، وسط انتشار أمني كثيف على خلفية الاحتجاجات، التي شهدتها المحافظات الجنوبية.\nوأعلنت قيادة عمليات المحافظة أن الحظر الليلي سيستمر لحين عودة الوضع في المحافظة إلى طبيعته، مع منع أي تظاهرة غير مرخصة.\nوفي السياق، أفاد ناشطون بأن حملة اعتقالات واسعة طالت عددا من الشبان ممن حاولوا إقامة تجمعات غير مرخصة في بعض أحياء المدينة.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
    // BB-955 (blind-8): the lead reports the killing itself, so the curfew in the
    // headline does not make the report a statement (GUIDELINES.md, "the lead decides":
    // a lead that announced the curfew after the killing would be a statement).
    let found = events(
        "إعادة فرض حظر التجول بعد مقتل متظاهر في احتجاجات البصرة",
        "قتل محتج وأصيب 14 في تجدد للاحتجاجات العنيفة بمدينة البصرة النفطية في العراق الخميس، بحسب ما قالته مصادر أمنية وطبية.",
    );
    assert_ne!(found[0].event_type, "STATEMENT");
}

#[test]
fn a_pledge_or_a_case_followed_up_is_a_statement() {
    // FR-781 (blind-6): the prime minister's pledges answer the protests.
    let found = events(
        "العراق: العبادي يتعهد بمكافحة الفساد إثر احتجاجات اجتاحت جنوب البلاد",
        "مد رئيس الوزراء العراقي حيدر العبادي يديه للمتظاهرين مقدما تعهدات بتحسين الخدمات، في محاولة لاحتواء التظاهرات التي تجتاح جنوب البلاد للأسبوع الثاني على التوالي. فدعا المتظاهرين إلى التعاون مع الحكومة من أجل كشف \"المندسين\" وكل من يستهدف الأمن العام. وأشار إلى أن الأمن في العراق قد تحقق بعد تضحيات كبيرة.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
    // SK-1893 (blind-7): the ministry follows up a kidnapping with Turkey.
    let found = events(
        "العراق يبحث مع تركيا اختطاف الكعود المسؤول الأمني في الأنبار",
        "قالت وزارة الخارجية العراقية إنها تتابع مع السلطات التركية ما تردد عن اختطاف رئيس اللجنة الأمنية في مجلس محافظة الأنبار نعيم الكعود في تركيا.\nوكان مجلس محافظة الأنبار قد أعلن مساء الأربعاء أنه تم اختطاف الكعود في تركيا مع أحد مرافقيه، كما انتشرت على مواقع الإنترنت صورة تظهر الكعود مكبل القدمين ومعصوب العينين.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
}

#[test]
fn operations_a_country_may_carry_out_are_no_battle() {
    // CN-231 (held-out): «أن بلاده قد تنفذ عمليات عسكرية … إذا اقتضت الحاجة» — قد before
    // an imperfect verb is "may": the lead is a statement about possible operations.
    let found = events(
        "تركيا تلوح بعمليات عسكرية في العراق.. وأردوغان: سنصل إلى حدودها بعد عفرين ومنبج",
        "دبي، الإمارات العربية المتحدة (CNN)-- أعلن رئيس الوزراء التركي بن علي يلدريم، الجمعة، أن بلاده قد تنفذ عمليات عسكرية شمال العراق إذا اقتضت الحاجة، بعد التواصل مع الحكومة العراقية، ضد تنظيم \"داعش\" أو عناصر حزب العمال الكردستاني التركي (PKK)، الذي تصنفه أنقرة كـ\"تنظيم إرهابي\".",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
}

#[test]
fn the_verbs_of_an_air_strike_and_of_shelling_are_cues() {
    // SK-2213 (blind-9): «أغارت» is the strike's verb and «قصفت» the shelling's (قصف is
    // noun and verb); the headline's «تضرب» (strike) is no cue of its own.
    let found = events(
        "الطائرات العراقية تضرب داعش مجددا.. في سوريا",
        "أغارت طائرات حربية عراقية، صباح الخميس، على موقع تابع لتنظيم داعش الإرهابي داخل الأراضي السورية، وفق بيان لقيادة العمليات المشتركة.\nوذكر البيان أن مقاتلات (إف 16) التابعة للجيش قصفت وفق معلومات استخباراتية دقيقة مقر ما يسمى \"قيادة وسيطرة\"، والذي كان بداخله قيادات ومقاتلين من عصابات داعش الإرهابية في منطقة هجين داخل الأراضي السورية.",
    );
    assert_eq!(found[0].event_type, "EXPLOSIONS_REMOTE_VIOLENCE");
}

#[test]
fn troops_moving_into_another_country_are_a_strategic_development() {
    // SK-2281 (blind-8): Turkish troops moving into Kurdistan with no fighting told
    // (ACLED: a non-violent move of forces).
    let found = events(
        "تركيا تتوغل أكثر في كردستان.. وسط صمت \"مريب\"",
        "استمرت القوات التركية في التوغل داخل كردستان شمال العراق لمواجهة حزب العمال الكردستاني، وسط صمت حكومة وأحزاب الإقليم، الذي يتمتع بحكم ذاتي.",
    );
    assert_eq!(found[0].event_type, "STRATEGIC_DEVELOPMENTS");
}

#[test]
fn gunmen_slipping_into_a_building_and_firing_are_a_battle() {
    // BB-771 (blind-6): «التسلل» with its article, the gunmen firing on the security forces.
    let found = events(
        "\"مسلحان يقتحمان\" مبنى محافظة أربيل في كردستان العراق",
        "تمكن مسلحان من التسلل إلى مبنى محافظة أربيل في إقليم كردستان العراق، وراحا يطلقان النار من النوافذ على قوات الأمن، بحسب مسؤولين.",
    );
    assert_eq!(found[0].event_type, "BATTLES");
}

#[test]
fn storming_and_burning_with_the_object_pronoun_are_a_riot() {
    // SK-3557 (blind-7): «قبل أن يقتحموه ويحرقوه» — the consulate is the pronoun attached
    // to the verbs; the protesters stormed and burnt it.
    let found = events(
        "من داخل القنصلية المحترقة.. كيف سقط رمز إيران؟",
        "لساعات عدة، حاصر آلاف المتظاهرين العراقين مقر القنصلية الإيرانية في مدينة البصرة جنوبي العراق، قبل أن يقتحموه ويحرقوه، في خطوة تظهر غضبا شعبيا متصاعدا في البلاد إزاء هيمنة نظام الملالي.",
    );
    assert_eq!(found[0].event_type, "RIOTS");
}

#[test]
fn a_protest_called_violent_or_deadly_is_a_riot() {
    // CN-1299 (blind-5): the adjective makes the demonstration a violent one (ACLED).
    let found = events(
        "مظاهرات عنيفة تهز البصرة.. بشائر سيئة للعراق وما بعده",
        "مرة أخرى، بدأت الاضطرابات تنهش مدينة البصرة، ثالث أكبر مدن العراق. استمرت الاحتجاجات القاتلة لعدة أيام، حيث أن الناس هناك قد سئموا تماماً من البنية التحتية المتهالكة والمياه الملوثة وانقطاع التيار الكهربائي المنتظم في صيف حار، بجانب ارتفاع معدلات البطالة.",
    );
    assert_eq!(found[0].event_type, "RIOTS");
}

#[test]
fn a_death_sentence_named_as_such_is_a_strategic_development() {
    // SK-1226 (blind-7): «عقوبة الإعدام» commuted — a court's sentence, not a killing.
    let found = events(
        "العراق.. تخفيف الحكم على داعشية مغربية-ألمانية",
        "خففت السلطات القضائية العراقية عقوبة الإعدام الصادرة بحق ألمانية من أصل مغربي، إلى المؤبد، بتهمة الانضمام إلى تنظيم داعش.",
    );
    assert_eq!(found[0].event_type, "STRATEGIC_DEVELOPMENTS");
}

#[test]
fn a_chamber_passing_or_approving_a_resolution_sits_in_session() {
    // SK-155 (blind-5) and SK-2188 (blind-6): «أقر مجلس النواب … قرارا», «وافق مجلس النواب
    // … على قرار» are votes taken in a session: MEETING (GUIDELINES.md, as BB-592).
    let found = events(
        "البرلمان العراقي يطالب بجدول زمني لمغادرة القوات الأجنبية",
        "أقر مجلس النواب العراقي، الخميس، قرارا يدعو الحكومة إلى وضع جدول زمني لمغادرة القوات الأجنبية من العراق في إشارة إلى التحالف الدولي الذي قدم الإسناد خلال المعارك ضد داعش.",
    );
    assert_eq!(found[0].event_type, "MEETING");
    let found = events(
        "البرلمان العراقي يقرر إعادة فرز نتائج الانتخابات \"يدويا\"",
        "وافق مجلس النواب العراقي، الأربعاء، على قرار يقضي بإلزام مفوضية الانتخابات بإعادة العد والفرز اليدوي في الانتخابات الأخيرة في عموم العراق مع إلغاء العمل بجهاز تسريع النتائج.",
    );
    assert_eq!(found[0].event_type, "MEETING");
}

#[test]
fn the_press_conference_with_its_article_is_a_statement_setting() {
    // CN-941 (blind-10): «جاء ذلك في المؤتمر الصحفي اليومي للخارجية الأمريكية» — a press
    // conference is where a statement is made, not a conference (GUIDELINES.md).
    let found = events(
        "نويرت تعلق على ما \"حققه الصدر\" بانتخابات العراق و\"وجود قاسم سليماني ببغداد\"",
        "واشنطن، الولايات المتحدة الأمريكية (CNN)— تناولت هيذر نويرت، المتحدثة باسم الخارجية الأمريكية، الثلاثاء، ملف الانتخابات العراقية وما حققه انصار مقتدى الصدر، زعيم النيار الصدري بالعراق، إلى جانب وجود قائد فيلق القدس، قاسم سليماني في بغداد في هذه الفترة.\nجاء ذلك في المؤتمر الصحفي اليومي للخارجية الأمريكية، حيث قالت نويرت: \"دعني أذكّر الناس بأنه (الصدر) لم يكن مرشحاً فعلياً على أي من بطاقات الاقتراع، ولكن كان أتباعه مرشحين.\"",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
}

#[test]
fn the_lead_decides_an_incident_after_its_main_clause_is_background() {
    // GUIDELINES.md, "Which incident is the main one: the lead decides".
    // CN-1304 (blind-13): a curfew decided in the aftermath of riots is a statement.
    let found = events(
        "للمرة الثالثة في أسبوع.. البصرة تحت حظر التجول بعد احتجاجات عنيفة",
        "(CNN)-- للمرة الثالثة في أسبوع، قررت السلطات العراقية فرض حظر التجول على محافظة البصرة، الجمعة، في أعقاب احتجاجات عنيفة شهدتها اليوم.\nوقال مسؤولون إن المحتجين أحرقوا مباني حكومية ومقار أحزاب واشتبكوا مع قوات الأمن.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
    // SK-3578 (blind-13): a quarrel in a parliament session held to discuss the protests
    // is the session's.
    let found = events(
        "بالفيديو.. مشادة كلامية بين العبادي ومحافظ البصرة",
        "وقعت مشادة كلامية، السبت، بين رئيس الوزراء العراقي، حيدر العبادي، ومحافظ البصرة، أسعد العيداني، خلال جلسة استثنائية للبرلمان لمناقشة الاحتجاجات المتفجرة في المحافظة الغنية بالنفط.",
    );
    assert_eq!(found[0].event_type, "MEETING");
    // BB-959 (blind-6): a consequence told in the main clause leaves the clashes after
    // «عقب» the news.
    let found = events(
        "مظاهرات البصرة: توقف العمل في ميناء أم قصر عقب اشتباكات عنيفة",
        "توقف العمل في ميناء أم قصر الرئيسي في العراق عقب اندلاع اشتباكات عنيفة بين محتجين وقوات الأمن في مدينة البصرة الجنوبية، قتل فيها متظاهر واحد وأصيب 25 آخرون الليلة الماضية.",
    );
    assert_ne!(found[0].event_type, "STATEMENT");
    // SK-768 (facts): a killing announced is the incident (rule 1), though the clashes
    // come after «بعد».
    let found = events(
        "العراق.. مقتل \"والي داعش\" في الرمادي",
        "أعلنت الشرطة العراقية مقتل عدد من مسلحي تنظيم داعش بينهم \"والي\" التنظيم في صحراء الثرثار شمالي الرمادي بعد اشتباكات مع وحدة خاصة تابعة لشرطة الأنبار.",
    );
    assert_eq!(found[0].event_type, "BATTLES");
}

#[test]
fn an_accusation_heading_the_lead_is_a_statement() {
    // SK-160 (blind-12): GUIDELINES.md lists an accusation among the reactions (rule 2).
    let found = events(
        "اتهام المخابرات الإيرانية باستهدف معارضين في كردستان العراق",
        "اتهم ممثل الحزب الديمقراطي الكردستاني الإيراني المعارض، محمد صالح قادري، جهاز المخابرات الإيراني، بتدبير عملية استهداف اثنين من كوادر حزبه، في ضاحية بنصلاوة القريبة من مدينة أربيل في إقليم كردستان العراق، عصر الخميس.\nوقتل القياديان في انفجار عبوة ناسفة زرعت في سيارتهما.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
}

#[test]
fn a_discovery_of_bodies_is_a_strategic_development() {
    // SK-421 (blind-13): the bodies found are the news (GUIDELINES.md, rule 3: a
    // discovery), not the abduction of 2014 that the lead recalls.
    let found = events(
        "العثور على جثث عشرات الهنود المخطوفين بالعراق",
        "أعلنت وزيرة الخارجية الهندية، الثلاثاء، العثور على جثث 39 عاملا هنديا، خطفهم مسلحون في العراق عام 2014.",
    );
    assert_eq!(found[0].event_type, "STRATEGIC_DEVELOPMENTS");
}

#[test]
fn a_lead_that_names_no_incident_but_a_statement_is_a_statement() {
    // SK-1639 (blind-10): the governor's announcement and order lead; the bombing told in
    // the third sentence is background (GUIDELINES.md, "the lead decides": only a lead
    // that states no act leaves the choice to the body).
    let found = events(
        "بعد أخطاء إلكترونية.. فرز الأصوات يدويا في كركوك",
        "أعلن محافظ كركوك العراقية، راكان الجبوري، مساء السبت، أن النظام الإلكتروني لفرز الأصوات في الانتخابات البرلمانية أصدر نتائج \"غير منطقية\"، وأمر بإعادة فرز الأصوات يدويا إضافة إلى حظر التجول.\nوذكر المحافظ أنه قرر حظر التجول اعتبارا من منتصف الليل وحتى السادسة صباحا بالتوقيت المحلي (03:00 بتوقيت غرينتش) لمنع أي توترات عرقية أو طائفية بين الأكراد والعرب والتركمان، فيما لم يدل الجبوري في بيانه بتفاصيل المشكلة المتعلقة بنظام فرز الأصوات.\nوأدلى الناخبون في العراق وإقليم كردستان، بأصواتهم في الانتخابات التشريعية لاختيار ممثليهم في البرلمان العراقي، وجرت عملية التصويت في أجواء أمنية مستقرة نسبيا، خرقها انفجار تبناه داعش في كركوك، وأودى بحياة 3 أشخاص.",
    );
    assert_eq!(found[0].event_type, "STATEMENT");
}
