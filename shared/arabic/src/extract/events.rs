//! Events: the incidents an article reports, each with an ACLED type and sub-type (or
//! `STATEMENT`, `MEETING`, `CONFERENCE` for the non-violent reports that dominate this
//! news), its place, date and fatalities; the main event first.
//!
//! Cue words and phrases come from a lexicon kept as a data file (`data/events.tsv`),
//! matched like names and themes (normalized, whole words behind proclitics). News puts
//! the main incident in the headline and the lead, and quotes what people said about
//! incidents rather than reporting them, so a cue weighs:
//!
//! - ×3 in the title, ×2 in the first sentence, ×1 in the next two, ×0.5 further on;
//! - ×0.3 inside a quotation («…» and the like): "the attacks will not stop us" in a
//!   minister's mouth is a statement, not an attack.
//!
//! The lead decides first (GUIDELINES.md, "Which incident is the main one"): a headline
//! and first sentence whose main clause reports a statement, a reaction or a decision,
//! and that name an incident only as its cause, topic or fear (or none at all), make the
//! report a statement (or the meeting they name) — see `main_clause_end`.
//!
//! Otherwise the main event is the incident type (ACLED's six) with the highest score if it
//! reaches [`INCIDENT_SCORE`]; otherwise the report is a `MEETING` or `CONFERENCE` when
//! such a setting is named with that weight, else a `STATEMENT`. Every further sentence
//! with an incident cue of its own that reaches the same score (outside quotes) is one
//! more event, unless it repeats the type and place of one already found.
//!
//! For each event: the place is the place named in its sentence nearest after the cue
//! (Arabic puts it after: انفجار في بغداد), else before it, else the lead's first place;
//! the date is a day-precise date of the sentence, else the day of publication; the
//! fatalities are the largest KILLED count of the sentence (for the main event, of the
//! first three sentences too).

use marsad_messages::{Count, DateMention, Entity, EntityType, Event, Quote};

use crate::extract::events_model::EventsModel;
use crate::extract::themes::TermLexicon;
use crate::extract::{counts::NEGATIONS, words, Word};
use crate::gazetteer::GazMatch;
use crate::sentence::Span;

/// The score from which an incident type is reported: one strong cue (weight 3) in the
/// body's second or third sentence, or a usual one (2) in the lead.
pub const INCIDENT_SCORE: f64 = 3.0;

/// ACLED's six types: incidents, as opposed to the settings of statements.
pub const INCIDENT_TYPES: [&str; 6] = [
    "BATTLES",
    "EXPLOSIONS_REMOTE_VIOLENCE",
    "VIOLENCE_AGAINST_CIVILIANS",
    "PROTESTS",
    "RIOTS",
    "STRATEGIC_DEVELOPMENTS",
];

/// Words that, among the three before a cue, make it no incident: negations (لم يسفر
/// الهجوم), threats and warnings (تلوح بعمليات عسكرية، يتوعد، يحذر من هجمات), the
/// hypothetical (أي هجوم، هجوم محتمل is caught by محتمل after it — see [`UNREAL_AFTER`])
/// and prevention (لمنع، منع). In normalized spelling (alef and ya folded).
const UNREAL_BEFORE: &[&str] = &[
    "اي",
    "تلوح",
    "يلوح",
    "لوح",
    "تتوعد",
    "يتوعد",
    "توعد",
    "تهدد",
    "يهدد",
    "هدد",
    "تهديد",
    // Threats by a crowd: «هددوا باقتحام الحقل النفطي» (BB-910), «مهددين بالسيطرة».
    "هددوا",
    "يهددون",
    "مهددين",
    // A precaution names what did not happen: «تحسبا لوقوع اشتباكات» (SK-3014).
    "تحسبا",
    "يحذر",
    "تحذر",
    "حذر",
    "تحذير",
    "لمنع",
    "منع",
    "خشيه",
    "مخاوف",
    "احتمال",
    "سيتم",
    // An accusation names a crime, not an incident reported here: محاكمتهم بتهمة قتل
    // 370 شخصا، المتهم بقتل فتاة.
    // Calls and preparations are of a protest to come: دعوات لتصعيد التظاهرات، تستعد
    // المحافظة لاستئناف المظاهرات.
    "دعوات",
    "دعوه",
    "تستعد",
    "يستعد",
    "لاستيناف",
    // Preparations and appointments are of a protest to come: «الانتهاء من التحضيرات
    // لأكبر مظاهرة واعتصام داخل المحافظة، الجمعة والأحد», «البصرة على موعد مع "أكبر
    // مظاهرة"» (SK-3250), «استعدادات لتظاهرات واسعة تنطلق الثلاثاء» (FR-857).
    "التحضيرات",
    "تحضيرات",
    "التحضير",
    "للتحضير",
    "استعدادات",
    "الاستعدادات",
    "استعدادا",
    "موعد",
    "بتهمه",
    "تهمه",
    "بتهم",
    "تهم",
    "اتهام",
    "باتهام",
    "المتهم",
    "متهم",
    "المتهمين",
    "متهمين",
    // The charge of the convicted names their crimes: «11 مدانا بجرائم إرهاب، تشمل تفجير
    // سيارات مفخخة» (SK-1049) is no bombing reported here.
    "بجرائم",
    "بارتكاب",
    // Those said to be involved are accused: «باريس تحتجز أحد المتورطين بمجزرة "سبايكر"»
    // (SK-2236, blind-15) reports the detention, not the massacre of 2014.
    "المتورطين",
    "متورطين",
    "المتورط",
    "متورط",
    // Weapons supplied or smuggled are not fired: «تورط إيران في تأجيج الصراع هناك بتزويد
    // الميليشيات بالصواريخ والطائرات بدون طيار» (SK-1073, blind-16).
    "بتزويد",
    "تزويد",
    "تهريب",
    "بتهريب",
];
/// Words among the three before a cue that make it the background of the news rather
/// than the news: غداة مقتل شخصين، منذ بدء الاحتجاجات، إثر الهجوم، لاحتواء الاحتجاجات.
/// Its weight is halved, not removed: a lead may also report an incident this way.
const BACKGROUND_BEFORE: &[&str] = &[
    "غداه",
    "عقب",
    "اثر",
    "اعقاب",
    "خلفيه",
    "منذ",
    "لاحتواء",
    "احتواء",
    // The circumstances of an incident are looked into, not reported: «بكشف ملابسات
    // اغتيال رئيس الدائرة المالية في الحشد الأسبوع الماضي» (SK-1402).
    "ملابسات",
];
/// Verbs of reaction (normalized, with the feminine ت): a lead they head reports a
/// reaction to an incident, a statement — «دعا مبعوث الأمم المتحدة إلى الهدوء في البصرة،
/// بعد مقتل ستة أشخاص»، «أعربت وزارة الخارجية العراقية عن أسفها … بعد أن اقتحم
/// متظاهرون مقر القنصلية». (Not قال/أعلن/أكد: they also report the incident itself —
/// «قال مصدر أمني إن خمسة قتلوا بتفجير» is the bombing.)
const REACTION_VERBS: &[&str] = &[
    "دعا",
    "دعت",
    "اعرب",
    "اعربت",
    "ادان",
    "ادانت",
    "استنكر",
    "استنكرت",
    "ندد",
    "نددت",
    "طالب",
    "طالبت",
    "حث",
    "حثت",
    "رحب",
    "رحبت",
    "انتقد",
    "انتقدت",
    "ناشد",
    "ناشدت",
    // دان is أدان without its hamza: «دانت وزارة الخارجية العراقية الضربات التي شنتها
    // المقاتلات الحربية التركية» (SK-3436). A warning is said about attacks to come:
    // «حذرت الولايات المتحدة إيران من أنها "سترد بشكل سريع وحاسم" على أي هجمات» (SK-3646).
    "دان",
    "دانت",
    "حذر",
    "حذرت",
    // A pledge answers the incident it names: «العبادي يتعهد بمكافحة الفساد إثر احتجاجات
    // اجتاحت جنوب البلاد» (FR-781). Following a case up or discussing it is not
    // reporting it: «قالت وزارة الخارجية العراقية إنها تتابع مع السلطات التركية ما تردد
    // عن اختطاف …» (SK-1893).
    "تعهد",
    "تعهدت",
    "تتابع",
    "يتابع",
    // Showing regret is expressing it (أعرب عن أسفه): «أبدى الرئيس العراقي فؤاد معصوم
    // أسفه، الأربعاء، لقرار نظيره الأميركي دونالد ترامب الانسحاب من الاتفاق النووي»
    // (SK-1526) is the president's reaction, not the withdrawal.
    "ابدي",
    "ابدت",
    // A threat heading the lead names an incident that has not happened: «هدد الرئيس
    // التركي رجب طيب إردوغان، بضرب شمال العراق» (BB-601), «هددت إسرائيل بشكل ضمني، بضرب
    // قطع عسكرية إيرانية في العراق» (SK-3482) — a statement (GUIDELINES.md: threats are
    // no incident). Among the three words before a cue they are already unreal
    // (UNREAL_BEFORE); heading the lead they hold however far the cue is.
    "هدد",
    "هددت",
    "توعد",
    "توعدت",
    "لوح",
    "لوحت",
    // An accusation and a denial are statements about an incident (GUIDELINES.md, "the
    // lead decides", rule 2): «اتهم ممثل الحزب الديمقراطي الكردستاني الإيراني … جهاز
    // المخابرات الإيراني، بتدبير عملية استهداف اثنين من كوادر حزبه» (SK-160). (Before
    // that rule an accusation of an air strike was typed the strike, FR-645. Not اعترف:
    // an admission may be a claim of the attack itself, «إيران تعترف بـ"ضربة الجمعة"»,
    // SK-3589.)
    "اتهم",
    "اتهمت",
    "نفي",
    "نفت",
    // A request is a demand (rule 2): «طلبت السفارة الإيرانية لدى بغداد، مساء الجمعة، من
    // رعاياها في البصرة … مغادرة المحافظة المنتفضة "فورا"، وذلك بعدما اقتحم متظاهرون
    // غاضبون مقر قنصليتها» (SK-3551, blind-15) is the embassy's request, not the storming.
    "طلب",
    "طلبت",
];

/// Verbs of an official decision or visit (normalized, with the feminine ت): a lead they
/// head reports the decision, a statement, whatever incident it answers (GUIDELINES.md,
/// blind-3: "Official decisions → STATEMENT") — «أقال رئيس الوزراء العراقي … وزير
/// الكهرباء … بعد 3 أسابيع على المظاهرات» (SK-3173), «صادق رئيس مجلس الوزراء … على
/// إحالة عدد من الوزراء السابقين» (SK-3275), «أمر رئيس الوزراء … بالتنفيذ الفوري لأحكام
/// الإعدام» (SK-2642), «أحال القضاء العراقي خمسة مسؤولين … للمحاكمة» (FR-842).
const DECISION_VERBS: &[&str] = &[
    "اقال",
    "اقالت",
    "صادق",
    "صادقت",
    "قرر",
    "قررت",
    "احال",
    "احالت",
    "امر",
    "امرت",
    "زار",
    "زارت",
    // Summoning an ambassador is a diplomatic decision (rule 2): «استدعت وزارة الخارجية
    // الإيرانية، مساء الجمعة، سفيرها بالعراق، وذلك على خلفية اعتداء محتجين على القنصلية»
    // (CN-1311, blind-14). (Normalized: ى is folded to ي.)
    "استدعي",
    "استدعت",
];

/// A visit heads a lead with وصل and the visitor's title: «وصل رئيس الوزراء العراقي حيدر
/// العبادي، صباح الاثنين، إلى محافظة البصرة … بعد أسبوع من التظاهرات» (SK-3600); not
/// «وصلت حصيلة القتلى إلى …».
const VISITORS: &[&str] = &["رييس", "الرييس", "وزير", "وفد", "نايب", "مبعوث", "امين"];

/// The same reactions in the present tense, as headlines put them: «العراق يدين الغارات
/// التركية على سنجار» (SK-3436), «باريس تعلّق على "مؤبد" الداعشية» (SK-2126), «أميركا
/// تحذر إيران من أي هجوم» (SK-3646). Heading the headline, they make it a statement.
const REACTION_VERBS_PRESENT: &[&str] = &[
    "يدين",
    "تدين",
    "يعلق",
    "تعلق",
    "يندد",
    "تندد",
    "يستنكر",
    "تستنكر",
    "يحذر",
    "تحذر",
    "يرحب",
    "ترحب",
    "يدعو",
    "تدعو",
    "يطالب",
    "تطالب",
    "ينتقد",
    "تنتقد",
    // «العبادي يتعهد بمكافحة الفساد» (FR-781), «العراق يبحث مع تركيا اختطاف الكعود»
    // (SK-1893): a pledge, a case discussed.
    "يتعهد",
    "تتعهد",
    "يبحث",
    "تبحث",
    // A reply names what it answers: «أول رد من إيران على حرق قنصليتها في البصرة»
    // (CN-1306) reports Iran's reaction, not the burning.
    "رد",
    // An accusation, a denial (see [`REACTION_VERBS`]).
    "يتهم",
    "تتهم",
    "ينفي",
    "تنفي",
];

/// Threats in the present, as headlines put them before a colon and what was said:
/// «الحشد الشعبي يتوعد: لن نسكت عن الضربة الجوية الأميركية» (SK-2560), «إسرائيل تهدد:
/// سنلاحق صواريخ إيران» (SK-3482), or heading the news part: «أردوغان يتوعد بمهاجمة 3
/// مناطق عراقية» (SK-2238, blind-15), «أردوغان يتوعد "قنديل" بمصير عفرين» (SK-2315,
/// re-decided a statement under the lead rule): a threat names an attack that has not
/// happened.
const THREAT_VERBS_PRESENT: &[&str] = &["يهدد", "تهدد", "يتوعد", "تتوعد", "يلوح", "تلوح"];

/// Measures announced in a lead (GUIDELINES.md: "airspace, airport and curfew measures →
/// STATEMENT"): a curfew imposed or lifted, measures taken — «رفعت السلطات العراقية حظرا
/// للتجول في مدينة البصرة … التي عصفت بها احتجاجات» (BB-980), «أعلنت الحكومية العراقية …
/// اتخاذ إجراءات تنموية لاحتواء الاحتجاجات» (SK-2901). Each verb (or its verbal noun)
/// counts with the object it takes within the next six words (a subject and a day may
/// come between: «رفعت السلطات الأمنية العراقية، الثلاثاء، حظر التجوال», SK-2935).
const MEASURES: &[(&[&str], &str)] = &[
    (&["رفع", "رفعت", "فرض", "فرضت"], "حظر"),
    (&["اتخاذ", "اتخذت", "اتخذ"], "اجراءات"),
    // Forces put on alert: «وضع العراق قواته الأمنية في حالة تأهب قصوى السبت بعد تصاعد
    // حركة المظاهرات» (BB-724, blind-12) is a decision.
    (&["وضع", "وضعت", "يضع", "تضع"], "حاله"),
];

/// Relative pronouns right before a cue: the clause describes someone or something
/// named in the news, it does not report the news — «تفاصيل اصطياد الإرهابي الذي أحرق
/// الكساسبة» (SK-1726: the arrest is the news), «الحريق الذي نشب».
const RELATIVES: &[&str] = &["الذي", "التي", "الذين", "اللذين", "اللتين"];

/// Words that end the main clause of the headline or the lead and make what follows
/// the topic of what was said or decided, or what is feared (GUIDELINES.md, "the lead
/// decides", rule 2): an incident named after them is not the act the lead reports —
/// «تباين موقف مقتدى الصدر … حول … اعتقال حسين الشيرازي» (CN-319: his position),
/// «إجراءات لاحتواء الاحتجاجات» (FR-765), «خلال جلسة استثنائية للبرلمان لمناقشة
/// الاحتجاجات» (SK-3578), «خشية تعرضهم للاعتقال» (FR-96), «أردوغان يتوعد … بشن عملية
/// عسكرية» (FR-604: a threat names what has not happened), «للمرة الأولى منذ عام 2003،
/// وهو العام الذي تعرض فيه العراق لغزو» (BB-496: an incident of years ago), «في وقت
/// تدخل أحزاب … وتحاول خطف أصوات ناخبي …» (FR-441: "while", the scene around).
/// Normalized (ة → ه, أ → ا), read behind و.
const LEAD_TOPIC_ENDS: &[&str] = &[
    "موقف",
    "موقفه",
    "لاحتواء",
    "احتواء",
    "لمناقشه",
    "مناقشه",
    "لبحث",
    "خشيه",
    "تحسبا",
    "يتوعد",
    "تتوعد",
    "يهدد",
    "تهدد",
    "منذ",
];

/// Words that end the main clause and make what follows its cause or its background:
/// «قررت السلطات العراقية فرض حظر التجول … في أعقاب احتجاجات عنيفة» (CN-1304), «وضع
/// العراق قواته الأمنية في حالة تأهب قصوى السبت بعد تصاعد حركة المظاهرات» (BB-724).
/// Whether the lead is then a statement depends on its main clause: a statement or a
/// decision there is (rule 2); a consequence told there is not — «توقف العمل في ميناء
/// أم قصر … عقب اندلاع اشتباكات عنيفة» (BB-959) and «طوقت القوات الأمنية … المقر العام
/// … عقب اشتباكات» (SK-2497) report the clashes. «حول» and «بشأن» (about) are here too:
/// «تضاربت المعلومات بشأن طبيعة الانفجار» (SK-2228) reports the explosion, «قال وزير
/// الخارجية السوري … إن الدخول في أي مفاوضات حول جنوب البلاد» (FR-567) a statement.
///
/// «بعدما» is «بعد ما», "after": «… مغادرة المحافظة "فورا"، وذلك بعدما اقتحم متظاهرون
/// غاضبون مقر قنصليتها» (SK-3551).
const LEAD_CAUSE_ENDS: &[&str] = &[
    "بعد",
    "بعدما",
    "اثر",
    "عقب",
    "غداه",
    "اعقاب",
    "خلفيه",
    "حول",
    "بشان",
];

/// Words after «بعد» that make it a time of day, not a connective: «بعد ظهر الخميس».
const AFTER_TIME: &[&str] = &["ظهر", "الظهر", "منتصف", "العصر", "المغرب", "الظهيره"];

/// How the main clause of the headline or the lead ends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ClauseEnd {
    /// At a word of [`LEAD_TOPIC_ENDS`]: what follows is talked about or feared.
    Topic(usize),
    /// At a word of [`LEAD_CAUSE_ENDS`]: what follows is the cause or background.
    Cause(usize),
}

impl ClauseEnd {
    fn at(self) -> usize {
        match self {
            ClauseEnd::Topic(at) | ClauseEnd::Cause(at) => at,
        }
    }
}

/// Where the main clause of `ws` ends (a word's start offset): at its first word of
/// [`LEAD_TOPIC_ENDS`] or [`LEAD_CAUSE_ENDS`] (the pair «في وقت», "while", is a topic
/// end), else nowhere.
fn main_clause_end(ws: &[Word]) -> Option<ClauseEnd> {
    ws.iter().enumerate().find_map(|(k, w)| {
        let bare = w.norm.strip_prefix('و').unwrap_or(&w.norm);
        let is = |list: &[&str]| list.contains(&w.norm.as_str()) || list.contains(&bare);
        if is(LEAD_TOPIC_ENDS) || (bare == "وقت" && k > 0 && ws[k - 1].norm == "في") {
            Some(ClauseEnd::Topic(w.start))
        } else if is(LEAD_CAUSE_ENDS)
            && !(bare == "بعد"
                && ws
                    .get(k + 1)
                    .is_some_and(|n| AFTER_TIME.contains(&n.norm.as_str())))
        {
            Some(ClauseEnd::Cause(w.start))
        } else {
            None
        }
    })
}

/// Words of a main clause that report a statement, a decision or a position (normalized,
/// behind و), besides [`REACTION_VERBS`], [`DECISION_VERBS`] and the measures of
/// [`MEASURES`]: the verbs of saying and announcing, and the nouns of what was said («لم
/// تمر تلميحات الرئيس التركي … بشأن عملية عسكرية», SK-472).
const STATEMENT_WORDS: &[&str] = &[
    "قال",
    "قالت",
    "اعلن",
    "اعلنت",
    "اكد",
    "اكدت",
    "ذكر",
    "ذكرت",
    "افاد",
    "افادت",
    "كشف",
    "كشفت",
    "صرح",
    "اوضح",
    "اوضحت",
    "تلميحات",
    "تصريحات",
    "تصريح",
    "بيان",
    // A message and the threat or warning it carries are what was said: «وجه النظام
    // الإيراني، الثلاثاء، على لسان قائد جيشه، رسالة إلى الحكومة العراقية … انطوت على
    // تهديد مبطن باستعمال القوة العسكرية … وذلك بعد أيام من قصف الحرس الثوري» (SK-3643,
    // blind-15).
    "رساله",
    "تهديد",
    "تحذير",
];

/// Words of killing and wounding: a main clause that tells them reports the incident
/// itself (rule 1) — «أعلنت الشرطة العراقية مقتل عدد من مسلحي تنظيم داعش … بعد اشتباكات
/// مع وحدة خاصة» (SK-768) is the clashes, though «مقتل» alone is no cue of a type.
const HARM_WORDS: &[&str] = &[
    "مقتل",
    "مصرع",
    "قتل",
    "قتلي",
    "قتلوا",
    "لقي",
    "لقوا",
    "اصابه",
    "اصيب",
    "اصيبوا",
    "جرح",
];

/// Whether the words of a main clause report a statement, a reaction, a decision or a
/// measure ([`STATEMENT_WORDS`], [`REACTION_VERBS`], [`DECISION_VERBS`], [`MEASURES`]
/// with its object among the next six words).
fn clause_says(main: &[&Word]) -> bool {
    let bare = |w: &Word| w.norm.strip_prefix('و').unwrap_or(&w.norm).to_string();
    main.iter().enumerate().any(|(k, w)| {
        let b = bare(w);
        let listed = [REACTION_VERBS, DECISION_VERBS, STATEMENT_WORDS]
            .iter()
            .any(|list| list.contains(&b.as_str()) || list.contains(&w.norm.as_str()));
        // (وضع keeps its و: it is the verb's first letter.)
        let measure = MEASURES.iter().any(|(verbs, object)| {
            (verbs.contains(&b.as_str()) || verbs.contains(&w.norm.as_str()))
                && main[k + 1..]
                    .iter()
                    .take(6)
                    .any(|o| o.norm.starts_with(object))
        });
        listed || measure
    })
}

/// Whether the main clause of `ws` (up to `end`) reports a statement or a decision
/// ([`main_clause_states`]'s words) and tells no killing.
fn main_clause_says(ws: &[Word], end: Option<ClauseEnd>) -> bool {
    let upto = end.map_or(usize::MAX, ClauseEnd::at);
    let main: Vec<&Word> = ws.iter().take_while(|w| w.start < upto).collect();
    let harm = main.iter().any(|w| {
        HARM_WORDS.contains(&w.norm.strip_prefix('و').unwrap_or(&w.norm))
            || HARM_WORDS.contains(&w.norm.as_str())
    });
    !harm && clause_says(&main)
}

/// What the main clause of the headline or the lead (words `ws`, up to `end`) reports
/// when it names no incident of a type: a statement (`Some(true)`), an incident all the
/// same (`Some(false)`, a killing told), or nothing the rule can read (`None`).
fn main_clause_states(ws: &[Word], end: Option<ClauseEnd>) -> Option<bool> {
    let upto = end.map_or(usize::MAX, ClauseEnd::at);
    let main: Vec<&Word> = ws.iter().take_while(|w| w.start < upto).collect();
    let bare = |w: &&Word| -> String { w.norm.strip_prefix('و').unwrap_or(&w.norm).to_string() };
    if main
        .iter()
        .any(|w| HARM_WORDS.contains(&bare(w).as_str()) || HARM_WORDS.contains(&w.norm.as_str()))
    {
        return Some(false);
    }
    let statement = clause_says(&main);
    match end {
        Some(ClauseEnd::Topic(_)) => Some(true),
        _ if statement => Some(true),
        // The incident named only after a cause connective, by a main clause that tells
        // a consequence: the cause is the news.
        Some(ClauseEnd::Cause(_)) => Some(false),
        None => None,
    }
}

/// Where, among the first words of the lead (a dateline may come first: «(CNN)--»),
/// a reaction verb heads it.
fn reaction_heads_lead(ws: &[Word], lead: Option<&Span>) -> Option<usize> {
    let lead = lead?;
    let from = ws.partition_point(|w| w.start < lead.start);
    let lead_words: Vec<&Word> = ws[from..]
        .iter()
        .take_while(|w| w.start < lead.end)
        .take(8)
        .collect();
    let reaction = lead_words
        .iter()
        .find(|w| REACTION_VERBS.contains(&w.norm.strip_prefix('و').unwrap_or(&w.norm)))
        .map(|w| w.start);
    // A decision or a visit counts only as the lead's first word (its head verb).
    let decision = lead_words.first().filter(|w| {
        let bare = w.norm.strip_prefix('و').unwrap_or(&w.norm);
        DECISION_VERBS.contains(&bare)
            // (وصل keeps its و: it is the verb's first letter.)
            || (matches!(w.norm.as_str(), "وصل" | "وصلت" | "ووصل" | "ووصلت")
                && lead_words
                    .get(1)
                    .is_some_and(|n| VISITORS.contains(&n.norm.as_str())))
    });
    reaction.or(decision.map(|w| w.start))
}

/// Where, among the first eight words of the lead, a measure is announced ([`MEASURES`]).
fn measure_in_lead(ws: &[Word], lead: Option<&Span>) -> Option<usize> {
    let lead = lead?;
    let from = ws.partition_point(|w| w.start < lead.start);
    let lead_words: Vec<&Word> = ws[from..]
        .iter()
        .take_while(|w| w.start < lead.end)
        .collect();
    lead_words.iter().take(8).enumerate().find_map(|(k, w)| {
        let bare = w.norm.strip_prefix('و').unwrap_or(&w.norm);
        MEASURES
            .iter()
            .any(|(verbs, object)| {
                (verbs.contains(&bare) || verbs.contains(&w.norm.as_str()))
                    && lead_words[k + 1..]
                        .iter()
                        .take(6)
                        .any(|o| o.norm.starts_with(object))
            })
            .then_some(w.start)
    })
}

/// Whether a present-tense reaction verb heads the headline's news part (its first
/// three words, after a colon if any): «العراق يدين الغارات التركية على سنجار».
fn reaction_heads_title(title: Option<&str>) -> bool {
    let Some(title) = title else {
        return false;
    };
    let reaction = |w: &Word| {
        let bare = w.norm.strip_prefix('و').unwrap_or(&w.norm);
        REACTION_VERBS_PRESENT.contains(&bare) || REACTION_VERBS.contains(&bare)
    };
    // «الحشد الشعبي يتوعد: لن نسكت …» (SK-2560), «إسرائيل تهدد: سنلاحق صواريخ إيران»
    // (SK-3482): a subject and its verb before the colon introduce what they said, a
    // quote; the verb is the news.
    let (topic, news) = match title.rsplit_once(':') {
        Some((topic, news)) => (Some(topic), news),
        None => (None, title),
    };
    if let Some(topic) = topic {
        let chars: Vec<char> = topic.chars().collect();
        let ws = words(&chars, 0, chars.len());
        let threat = |w: &Word| THREAT_VERBS_PRESENT.contains(&w.norm.as_str());
        if ws.len() <= 4 && ws.last().is_some_and(|w| reaction(w) || threat(w)) {
            return true;
        }
    }
    let chars: Vec<char> = news.chars().collect();
    words(&chars, 0, chars.len()).iter().take(3).any(|w| {
        reaction(w) || THREAT_VERBS_PRESENT.contains(&w.norm.strip_prefix('و').unwrap_or(&w.norm))
    })
}

/// Whether the cue at `start` is the named setting of what was said: «جاء ذلك في جلسة
/// للمجلس في المجمع الرئاسي» (CN-411), «جاء ذلك خلال اجتماع …» — the formula that
/// places a statement.
fn named_setting(ws: &[Word], start: usize) -> bool {
    let i = ws.partition_point(|w| w.start < start);
    let before = &ws[i.saturating_sub(4)..i];
    before.iter().any(|w| w.norm == "ذلك")
        && before.iter().any(|w| {
            matches!(
                w.norm.strip_prefix('و').unwrap_or(&w.norm),
                "جاء" | "جاءت" | "ياتي" | "تاتي"
            )
        })
}

/// Words right after a cue that make it hypothetical: هجوم محتمل، هجمات محتملة.
const UNREAL_AFTER: &[&str] = &["محتمل", "محتمله", "مرتقب", "مرتقبه", "وشيك"];

/// Most events kept per article.
const MAX_EVENTS: usize = 10;

/// The built-in cue lexicon.
pub fn lexicon() -> TermLexicon {
    TermLexicon::parse(include_str!("../../data/events.tsv"))
}

/// What the other extractors found, which events are built from.
pub struct Found<'a> {
    pub entities: &'a [Entity],
    pub quotes: &'a [Quote],
    pub dates: &'a [DateMention],
    pub counts: &'a [Count],
}

#[derive(Debug, Clone)]
struct Cue {
    event_type: String,
    sub_type: Option<String>,
    weight: f64,
    /// The lexicon's weight, before title, position and mood.
    base: u32,
    /// A meeting or conference named as the setting (`named_setting`).
    setting: bool,
    start: usize,
    end: usize,
    /// Index of the sentence in the text; `None` in the title.
    sentence: Option<usize>,
    /// In the headline's news part (after a colon, or the whole headline).
    title_news: bool,
    /// Denied, threatened or hypothetical ([`mood`] ×0.2).
    unreal: bool,
}

#[derive(Debug, Clone, Copy)]
enum Place {
    TitleNews,
    TitleTopic,
    Sentence(usize),
}

/// The events of an article: `title` its headline, `matches` the lexicon's matches in
/// its text and `text_words` its words, `sentences` the text's sentences, `published` the day it was
/// published (`YYYY-MM-DD`), `stack` the stacked layer and the text it reads (see
/// [`overrule`]).
#[allow(clippy::too_many_arguments)]
pub(crate) fn extract(
    lexicon: &TermLexicon,
    title: Option<&str>,
    matches: Vec<GazMatch>,
    text_words: &[Word],
    sentences: &[Span],
    found: &Found<'_>,
    published: Option<&str>,
    stack: Option<(&EventsModel, &str)>,
) -> Vec<Event> {
    let mut cues = Vec::new();
    if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
        // "مظاهرات البصرة: البرلمان يعقد جلسة طارئة": before a colon a headline names
        // its topic, after it the news.
        let colon = title
            .chars()
            .position(|c| c == ':')
            .filter(|&i| i > 0 && i + 1 < title.chars().count());
        let title_chars: Vec<char> = title.chars().collect();
        let title_words = words(&title_chars, 0, title_chars.len());
        for (labels, start, end) in lexicon.find_spans(&crate::gazetteer::matching_view(title)) {
            let news = colon.is_none_or(|c| start > c);
            let place = if news {
                Place::TitleNews
            } else {
                Place::TitleTopic
            };
            let weight = if news { 3.0 } else { 1.0 };

            let mood = mood(&title_words, start, end);
            let from = cues.len();
            push_cues(&mut cues, labels, start, end, place, weight * mood);
            for c in &mut cues[from..] {
                c.unreal = mood < 0.5;
            }
        }
    }
    let quoted = |start: usize| {
        found
            .quotes
            .iter()
            .any(|q| q.start <= start && start < q.end)
    };
    for (labels, start, end) in lexicon.spans_of(matches) {
        let Some(index) = sentences
            .iter()
            .position(|s| s.start <= start && start < s.end)
        else {
            continue;
        };
        let position = position_of(index);
        let voice = if quoted(start) { 0.3 } else { 1.0 };
        let mood = mood(text_words, start, end);
        let setting = if named_setting(text_words, start) {
            2.0
        } else {
            1.0
        };
        for (label, weight) in labels {
            let factor = if label.starts_with("MEETING") || label.starts_with("CONFERENCE") {
                position * voice * mood * setting
            } else {
                position * voice * mood
            };
            push_cues(
                &mut cues,
                std::slice::from_ref(&(label.clone(), *weight)),
                start,
                end,
                Place::Sentence(index),
                factor,
            );
            if let Some(c) = cues.last_mut() {
                c.setting = setting > 1.0;
                c.unreal = mood < 0.5;
            }
        }
    }

    // The lead's reaction verb before every incident cue of the lead: a statement
    // about the incident, whatever the incident (GUIDELINES.md, "Lead rule").
    let reaction = reaction_heads_lead(text_words, sentences.first()).filter(|&at| {
        cues.iter()
            .filter(|c| c.sentence == Some(0) && INCIDENT_TYPES.contains(&c.event_type.as_str()))
            .all(|c| c.start > at)
    });
    // A measure announced in the lead before its incident cues: a statement unless the
    // headline names an incident (main_type).
    let measure = measure_in_lead(text_words, sentences.first()).is_some_and(|at| {
        cues.iter()
            .filter(|c| c.sentence == Some(0) && INCIDENT_TYPES.contains(&c.event_type.as_str()))
            .all(|c| c.start > at)
    });
    // Violence named in the body (after the first three sentences): a protest article whose
    // body tells of burning, storming or clashes reports a riot — «وقد تعرض المبنى الحكومي
    // لاحتراق جزئي» (BB-955), «أحرقوا مقار أحزاب» far down (SK-3525).
    let body_violence: f64 = cues
        .iter()
        .filter(|c| c.sentence.is_some_and(|i| i > 2))
        .filter(|c| matches!(c.event_type.as_str(), "RIOTS" | "BATTLES"))
        .map(|c| c.weight)
        .sum();
    // The lead decides (GUIDELINES.md, "Which incident is the main one"): the headline's
    // news part and the first sentence are read first. When they name an incident only
    // after their main clause ends, denied, feared or quoted, and their main clause
    // reports a statement, a decision or a meeting (`main_clause_states`), the lead
    // reports no incident of its own: a statement (or the meeting it names), however the
    // body tells the incident. Otherwise the first sentences decide as before.
    let title_words: Vec<Word> = title.map_or_else(Vec::new, |t| {
        let chars: Vec<char> = t.chars().collect();
        let news_from = chars
            .iter()
            .position(|&c| c == ':')
            .filter(|&i| i > 0 && i + 1 < chars.len())
            .map_or(0, |i| i + 1);
        words(&chars, news_from, chars.len())
    });
    let title_end = main_clause_end(&title_words);
    let lead_words: Vec<Word> = sentences.first().map_or_else(Vec::new, |s| {
        text_words
            .iter()
            .filter(|w| w.start >= s.start && w.start < s.end)
            .cloned()
            .collect()
    });
    let lead_end = main_clause_end(&lead_words);
    let lead_incident = |c: &Cue| {
        (INCIDENT_TYPES.contains(&c.event_type.as_str()) || c.event_type == "ATTACK")
            && c.base >= 2
            && (c.sentence.is_none() || c.sentence == Some(0))
    };
    let asserted = |c: &Cue| {
        !c.unreal
            && match c.sentence {
                None => c.title_news && title_end.is_none_or(|e| c.start < e.at()),
                Some(_) => lead_end.is_none_or(|e| c.start < e.at()) && !quoted(c.start),
            }
    };
    let statement_lead = cues.iter().any(lead_incident)
        && !cues.iter().any(|c| lead_incident(c) && asserted(c))
        && main_clause_states(&lead_words, lead_end)
            .or_else(|| main_clause_states(&title_words, title_end))
            .unwrap_or(true);
    // A lead that names no incident at all but reports a statement or a decision in its
    // main clause is a statement too: only a lead that states no act leaves the choice to
    // the body (rule 4).
    let said_lead = !cues.iter().any(lead_incident)
        && main_clause_says(&lead_words, lead_end)
        && !title_words.is_empty();
    let main_type = main_type(
        &cues,
        reaction.is_some() || reaction_heads_title(title) || statement_lead || said_lead,
        measure,
        body_violence,
    );
    let mut events = Vec::new();
    let main_cue = best_cue(
        cues.iter()
            .filter(|c| c.event_type == main_type && c.sentence.is_some()),
    );
    let main_sentence = main_cue.and_then(|c| c.sentence).unwrap_or(0);
    let span = main_cue
        .map(|c| Span {
            start: c.start,
            end: c.end,
        })
        .or_else(|| sentences.first().copied())
        .unwrap_or(Span { start: 0, end: 0 });
    let lead = sentences.iter().take(3).copied().collect::<Vec<_>>();
    let mut fatality_scope: Vec<Span> = lead.clone();
    if let Some(s) = sentences.get(main_sentence) {
        fatality_scope.push(*s);
    }
    events.push(Event {
        event_type: main_type.to_string(),
        sub_type: sub_type(&cues, main_type),
        location_id: place(found.entities, sentences.get(main_sentence), span.start)
            .or_else(|| place(found.entities, sentences.first(), 0)),
        date: date(found.dates, sentences.get(main_sentence), published),
        fatalities: INCIDENT_TYPES
            .contains(&main_type)
            .then(|| killed(found.counts, &fatality_scope))
            .flatten(),
        start: span.start,
        end: span.end,
    });

    // One more event per sentence that reports an incident of its own.
    for (index, sentence) in sentences.iter().enumerate() {
        if events.len() >= MAX_EVENTS {
            break;
        }
        if index == main_sentence && main_cue.is_some() {
            continue;
        }
        let here: Vec<Cue> = cues
            .iter()
            .filter(|c| {
                c.sentence == Some(index) && INCIDENT_TYPES.contains(&c.event_type.as_str())
            })
            .map(|c| Cue {
                // The sentence's own weight: where it stands does not matter here.
                weight: if quoted(c.start) {
                    0.0
                } else {
                    c.weight / position_of(index)
                },
                ..c.clone()
            })
            .collect();
        let Some(event_type) = best_type(&here, &INCIDENT_TYPES)
            .filter(|(_, s)| *s >= INCIDENT_SCORE)
            .map(|(t, _)| t)
        else {
            continue;
        };
        let cue = best_cue(here.iter().filter(|c| c.event_type == event_type))
            .expect("a cue of its type");
        let location_id = place(found.entities, Some(sentence), cue.start);
        if events
            .iter()
            .any(|e| e.event_type == event_type && e.location_id == location_id)
        {
            continue;
        }
        events.push(Event {
            event_type: event_type.to_string(),
            sub_type: sub_type(&here, event_type),
            location_id,
            date: date(found.dates, Some(sentence), published),
            fatalities: killed(found.counts, &[*sentence]),
            start: cue.start,
            end: cue.end,
        });
    }
    if let Some((model, text)) = stack {
        let class = model.predict(title, text, main_type);
        overrule(&mut events, class, &cues, || {
            killed(found.counts, &fatality_scope)
        });
    }
    events
}

/// The stacked layer's `class` for the main event (`events[0]`, the rules' choice):
/// when the rules found another event of that type, it becomes the main event (the
/// old main one stays listed if it is an incident); otherwise the main event is
/// re-typed, keeping its place, date and span, with the sub-type of the cues of the
/// new type (if any) and, for an incident, the lead's fatalities (`killed`).
fn overrule(
    events: &mut Vec<Event>,
    class: &str,
    cues: &[Cue],
    killed: impl FnOnce() -> Option<u64>,
) {
    if events.first().is_none_or(|e| e.event_type == class) {
        return;
    }
    if let Some(i) = events.iter().position(|e| e.event_type == class) {
        let chosen = events.remove(i);
        if !INCIDENT_TYPES.contains(&events[0].event_type.as_str()) {
            events.remove(0);
        }
        events.insert(0, chosen);
        return;
    }
    let main = &mut events[0];
    main.event_type = class.to_string();
    main.sub_type = sub_type(cues, class);
    main.fatalities = if INCIDENT_TYPES.contains(&class) {
        main.fatalities.or_else(killed)
    } else {
        None
    };
}

/// The factor of the cue at `start..end` for how it is said: ×0.2 when denied,
/// threatened, hypothetical or an accusation, ×0.5 when background, else ×1.
///
/// The three words before are read without their conjunction (و، ف): «وهدد المحتجون
/// باقتحام المنشأة» (BB-910) is a threat as «هدد» is. A relative pronoun among them puts
/// the cue in a clause that describes something named in the news: «مدينة البصرة التي
/// عصفت بها احتجاجات» (BB-980).
fn mood(ws: &[Word], start: usize, end: usize) -> f64 {
    let i = ws.partition_point(|w| w.start < start);
    let before = &ws[i.saturating_sub(3)..i];
    let bare = |w: &Word| -> String {
        let n = w.norm.as_str();
        match n.strip_prefix('و').or_else(|| n.strip_prefix('ف')) {
            Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
            _ => n.to_string(),
        }
    };
    let unreal_before = before.iter().enumerate().any(|(k, w)| {
        let b = bare(w);
        UNREAL_BEFORE.contains(&w.norm.as_str())
            || UNREAL_BEFORE.contains(&b.as_str())
            || NEGATIONS.contains(&w.norm.as_str())
            || (w.norm == "قد" && modal_qad(ws, i - before.len() + k))
    });
    let j = ws.partition_point(|w| w.start < end);
    let unreal_after = ws
        .get(j)
        .is_some_and(|w| UNREAL_AFTER.contains(&w.norm.as_str()))
        || stopped_activity(ws, i);
    let relative = before
        .iter()
        .any(|w| RELATIVES.contains(&bare(w).as_str()) || RELATIVES.contains(&w.norm.as_str()));
    if unreal_before || unreal_after {
        0.2
    } else if relative
        || before
            .iter()
            .any(|w| BACKGROUND_BEFORE.contains(&w.norm.as_str()))
    {
        0.5
    } else {
        1.0
    }
}

/// The verbs of أوقف ("stopped", and "detained" in Iraqi and Levantine usage).
const STOP_VERBS: &[&str] = &["اوقف", "اوقفت", "يوقف", "توقف"];

/// What is stopped or suspended rather than detained: an activity, or someone «عن العمل».
const STOPPED_ACTIVITIES: &[&str] = &[
    "العمل",
    "تقديم",
    "مساعده",
    "المساعده",
    "دعم",
    "الدعم",
    "تمويل",
    "التمويل",
    "الرحلات",
    "رحلات",
    "ضخ",
];

/// Whether the word at `at` is أوقف stopping an activity (one of [`STOPPED_ACTIVITIES`]
/// among the next eight words, as a subject and an object may come before «عن العمل»),
/// not detaining someone: «أوقفت الخطوط الجوية العراقية اثنين من طياريها عن العمل»
/// (BB-777: suspended), «أوقفت القوات الخاصة في الجيش الكندي تقديم المساعدة» (SK-2254:
/// stopped) — both blind-15 — against «العراق يوقف المتهم» (SK-2245: detained).
fn stopped_activity(ws: &[Word], at: usize) -> bool {
    let Some(w) = ws.get(at) else {
        return false;
    };
    let verb = w.norm.strip_prefix('و').unwrap_or(&w.norm);
    STOP_VERBS.contains(&verb)
        && ws[at + 1..]
            .iter()
            .take(8)
            .any(|o| STOPPED_ACTIVITIES.contains(&o.norm.as_str()))
}

/// Whether «قد» at `at` is the modal "may" (before an imperfect verb: «أن بلاده قد تنفذ
/// عمليات عسكرية», CN-231) rather than the perfect's particle («وكان … قد أعلن»,
/// «كانوا قد هددوا»): the next word opens with the imperfect's prefix (ي، ت، ن) and no
/// كان-form comes among the six words before, which would make it a pluperfect.
fn modal_qad(ws: &[Word], at: usize) -> bool {
    let Some(next) = ws.get(at + 1) else {
        return false;
    };
    let imperfect = next.norm.chars().count() >= 3
        && matches!(next.norm.chars().next(), Some('ي' | 'ت' | 'ن'))
        && !matches!(next.norm.as_str(), "تم" | "تمت");
    let pluperfect = ws[at.saturating_sub(6)..at].iter().any(|w| {
        matches!(
            w.norm.strip_prefix('و').unwrap_or(&w.norm),
            "كان" | "كانت" | "كانوا" | "كانا"
        )
    });
    imperfect && !pluperfect
}

/// A sentence's weight by where it stands: the lead ×2, the next two ×1, the rest ×0.5.
fn position_of(index: usize) -> f64 {
    match index {
        0 => 2.0,
        1 | 2 => 1.0,
        _ => 0.5,
    }
}

fn push_cues(
    cues: &mut Vec<Cue>,
    labels: &[(String, u32)],
    start: usize,
    end: usize,
    place: Place,
    factor: f64,
) {
    for (label, weight) in labels {
        let (event_type, sub_type) = label.split_once('/').unwrap_or((label.as_str(), ""));
        cues.push(Cue {
            event_type: event_type.to_string(),
            sub_type: (!sub_type.is_empty()).then(|| sub_type.to_string()),
            weight: f64::from(*weight) * factor,
            base: *weight,
            setting: false,
            start,
            end,
            sentence: match place {
                Place::Sentence(i) => Some(i),
                _ => None,
            },
            title_news: matches!(place, Place::TitleNews),
            unreal: false,
        });
    }
}

/// The type among `types` with the highest total weight, ties to the earlier in `types`.
fn best_type<'t>(cues: &[Cue], types: &[&'t str]) -> Option<(&'t str, f64)> {
    let mut best: Option<(&str, f64)> = None;
    for t in types {
        let score: f64 = cues
            .iter()
            .filter(|c| c.event_type == *t)
            .map(|c| c.weight)
            .sum();
        if score > 0.0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((t, score));
        }
    }
    best
}

/// The main event's type, from the headline and the first three sentences.
fn main_type(
    cues: &[Cue],
    reaction_lead: bool,
    measure_lead: bool,
    body_violence: f64,
) -> &'static str {
    let mut scope: Vec<Cue> = cues
        .iter()
        .filter(|c| c.sentence.is_none_or(|i| i <= 2))
        // A meeting or conference is the setting of the report when the headline or the
        // first two sentences name it, or the third as the setting of what was said
        // («جاء ذلك خلال اجتماعٍ للكاظمي», seed 002); one named later is context («ويأتي
        // هذا القرار في وقت يعقد فيه البرلمان العراقي جلسة طارئة», SK-3570: a curfew).
        .filter(|c| {
            !matches!(c.event_type.as_str(), "MEETING" | "CONFERENCE")
                || c.setting
                || c.sentence.is_none_or(|i| i <= 1)
        })
        .cloned()
        .collect();
    // A riot is a crowd's violence (ACLED): storming and burning with no protest in
    // sight are an attack by someone else — «مسلحان يقتحمان مقر محافظة أربيل» (FR-814)
    // is gunmen's, «الإرهابي الذي أحرق الكساسبة» (SK-1726) a killing, «إحراق صناديق
    // الانتخابات» (BB-619) arson.
    if !scope.iter().any(|c| c.event_type == "PROTESTS") {
        for c in scope.iter_mut().filter(|c| c.event_type == "RIOTS") {
            c.event_type = "ATTACK".to_string();
        }
    }
    // Cues of weight 1 need company (events.tsv): a type with none stronger is no
    // incident, however often or prominently named — «المحكمة الاتحادية العليا» in a
    // headline (BB-906) reports a ruling, not a trial.
    // Deaths and clashes at a protest make it a riot (below), weight 1 included
    // («عدد قتلى الاحتجاجات», FR-809, SK-3054): counted before the company rule.
    // (Violence that did not happen does not count: «تحسبا لوقوع اشتباكات», SK-3014.)
    let violence: f64 = scope
        .iter()
        .filter(|c| matches!(c.event_type.as_str(), "RIOTS" | "BATTLES") && !c.unreal)
        .map(|c| c.weight)
        .sum();
    // (A riot's burning has a protest for company: حرق المقار in a demonstration.)
    let strong: Vec<String> = scope
        .iter()
        .filter(|c| c.base >= 2)
        .flat_map(|c| {
            let riot = (c.event_type == "PROTESTS").then(|| "RIOTS".to_string());
            std::iter::once(c.event_type.clone()).chain(riot)
        })
        .collect();
    scope.retain(|c| strong.contains(&c.event_type));
    let score = |t: &str| -> f64 {
        scope
            .iter()
            .filter(|c| c.event_type == t)
            .map(|c| c.weight)
            .sum()
    };
    let mut scores: Vec<(&'static str, f64)> = INCIDENT_TYPES
        .iter()
        .chain(&["MEETING", "CONFERENCE"])
        .map(|t| (*t, score(t)))
        .collect();
    // A demonstration with burning, storming or clashes is a riot (ACLED): the protest
    // counts for the riot.
    let protests = score("PROTESTS");
    if protests >= 2.0 && violence > 0.0 {
        for (t, s) in scores.iter_mut() {
            if *t == "RIOTS" {
                *s += protests + violence;
            }
        }
    }
    let generic = score("ATTACK");
    // The headline names the main event: when its news part names incidents or a
    // setting, the choice is among those (an unspecified attack stands for any incident).
    let named: Vec<&str> = scope
        .iter()
        .filter(|c| c.title_news && c.event_type != "STATEMENT")
        .map(|c| c.event_type.as_str())
        .collect();
    // Clashes the headline names beside a protest in the lead are the protest's (rule
    // 5: protesters who clash with the police riot): «مظاهرات البصرة: توقف العمل في ميناء
    // أم قصر عقب اشتباكات عنيفة» over «اشتباكات عنيفة بين محتجين وقوات الأمن» (BB-959,
    // blind-6), «قتل 43 فلسطينيا على الأقل في مواجهات عنيفة» at the Gaza marches (FR-468,
    // blind-17).
    let protest_clashes = protests >= 2.0 && named.contains(&"BATTLES");
    let candidate = |t: &str| {
        named.is_empty()
            || named.contains(&t)
            || (INCIDENT_TYPES.contains(&t) && named.contains(&"ATTACK"))
            || (t == "RIOTS" && (named.contains(&"PROTESTS") || protest_clashes))
    };
    let best = |types: &[&str]| {
        scores
            .iter()
            .filter(|(t, s)| types.contains(t) && candidate(t) && *s > 0.0)
            .fold(
                None,
                |best: Option<(&'static str, f64)>, &(t, s)| match best {
                    Some((_, bs)) if bs >= s => best,
                    _ => Some((t, s)),
                },
            )
    };
    let incidents: f64 = scores
        .iter()
        .filter(|(t, _)| INCIDENT_TYPES.contains(t) && *t != "RIOTS")
        .map(|(_, s)| s)
        .sum::<f64>()
        + score("RIOTS")
        + generic;
    // A measure in the lead is the news unless the headline names an incident: «إعادة
    // فرض حظر التجول بعد مقتل متظاهر» (BB-955) is the killing's.
    let title_incident = named
        .iter()
        .any(|t| INCIDENT_TYPES.contains(t) || *t == "ATTACK");
    let measure_stands = measure_lead && !title_incident;
    if incidents >= INCIDENT_SCORE
        && !reaction_lead
        && !measure_stands
        && (named.is_empty() || INCIDENT_TYPES.iter().any(|t| candidate(t)))
    {
        return match best(&INCIDENT_TYPES) {
            // A protest whose body names violence reaching the incident score is a riot
            // (ACLED: a demonstration with violence), wherever the violence is told.
            Some(("PROTESTS", _)) if body_violence >= INCIDENT_SCORE => "RIOTS",
            Some((t, _)) => t,
            None => "BATTLES",
        };
    }
    match best(&["MEETING", "CONFERENCE"]) {
        Some((t, s)) if s >= INCIDENT_SCORE => t,
        _ => "STATEMENT",
    }
}

/// The heaviest cue, the earliest among equals.
fn best_cue<'c>(cues: impl Iterator<Item = &'c Cue>) -> Option<&'c Cue> {
    cues.fold(None, |best: Option<&Cue>, c| match best {
        Some(b) if b.weight >= c.weight => Some(b),
        _ => Some(c),
    })
}

fn sub_type(cues: &[Cue], event_type: &str) -> Option<String> {
    let mut totals: Vec<(&str, f64)> = Vec::new();
    for c in cues.iter().filter(|c| c.event_type == event_type) {
        let Some(sub) = c.sub_type.as_deref() else {
            continue;
        };
        match totals.iter_mut().find(|(s, _)| *s == sub) {
            Some((_, w)) => *w += c.weight,
            None => totals.push((sub, c.weight)),
        }
    }
    totals
        .into_iter()
        .fold(None, |best: Option<(&str, f64)>, (s, w)| match best {
            Some((_, bw)) if bw >= w => best,
            _ => Some((s, w)),
        })
        .map(|(s, _)| s.to_string())
}

/// The place named in `sentence` nearest after `at`, else nearest before it.
fn place(entities: &[Entity], sentence: Option<&Span>, at: usize) -> Option<String> {
    let sentence = sentence?;
    let mut after: Option<(usize, &str)> = None;
    let mut before: Option<(usize, &str)> = None;
    for e in entities.iter().filter(|e| e.entity_type == EntityType::Loc) {
        for m in &e.mentions {
            if m.start < sentence.start || m.end > sentence.end {
                continue;
            }
            if m.start >= at {
                if after.is_none_or(|(d, _)| m.start - at < d) {
                    after = Some((m.start - at, &e.id));
                }
            } else if before.is_none_or(|(d, _)| at - m.start < d) {
                before = Some((at - m.start, &e.id));
            }
        }
    }
    after.or(before).map(|(_, id)| id.to_string())
}

fn date(dates: &[DateMention], sentence: Option<&Span>, published: Option<&str>) -> Option<String> {
    sentence
        .and_then(|s| {
            dates
                .iter()
                .find(|d| d.start >= s.start && d.end <= s.end && d.resolution == "day")
                .and_then(|d| d.value.clone())
        })
        .or_else(|| published.map(str::to_string))
}

fn killed(counts: &[Count], scope: &[Span]) -> Option<u64> {
    counts
        .iter()
        .filter(|c| {
            c.kind == "KILLED" && scope.iter().any(|s| c.start >= s.start && c.end <= s.end)
        })
        .map(|c| c.value)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text` as the extractors read them.
    fn text_words(text: &str) -> Vec<Word> {
        let chars: Vec<char> = text.chars().collect();
        words(&chars, 0, chars.len())
    }

    /// The words of `text`, and the whole of it as the lead.
    fn whole_lead(text: &str) -> (Vec<Word>, Span) {
        let lead = Span {
            start: 0,
            end: text.chars().count(),
        };
        (text_words(text), lead)
    }

    /// The mood of the first occurrence of `cue` in `text`.
    fn mood_of(text: &str, cue: &str) -> f64 {
        let ws = text_words(text);
        let w = ws.iter().find(|w| w.norm == cue).expect("the cue");
        mood(&ws, w.start, w.end)
    }

    #[test]
    fn the_stacked_class_promotes_an_event_of_its_type_or_retypes_the_main_one() {
        let event = |t: &str, place: &str, killed: Option<u64>| Event {
            event_type: t.to_string(),
            sub_type: Some("x".to_string()),
            location_id: Some(place.to_string()),
            date: Some("2018-07-14".to_string()),
            fatalities: killed,
            start: 0,
            end: 4,
        };
        // The rules' main STATEMENT gives way to the battle they found; a statement is
        // no secondary event.
        let mut events = vec![
            event("STATEMENT", "a", None),
            event("BATTLES", "b", Some(3)),
        ];
        overrule(&mut events, "BATTLES", &[], || None);
        assert_eq!(events, vec![event("BATTLES", "b", Some(3))]);
        // An incident read where the layer says STATEMENT is re-typed: place and date
        // stay, the incident's sub-type and fatalities go.
        let mut events = vec![event("RIOTS", "a", Some(2)), event("BATTLES", "b", None)];
        overrule(&mut events, "STATEMENT", &[], || Some(9));
        assert_eq!(events[0].event_type, "STATEMENT");
        assert_eq!(events[0].location_id.as_deref(), Some("a"));
        assert_eq!(events[0].date.as_deref(), Some("2018-07-14"));
        assert_eq!(
            (events[0].sub_type.as_deref(), events[0].fatalities),
            (None, None)
        );
        assert_eq!(events[1], event("BATTLES", "b", None));
        // The same class as the rules': nothing changes.
        let mut same = vec![event("RIOTS", "a", Some(2))];
        overrule(&mut same, "RIOTS", &[], || Some(9));
        assert_eq!(same, vec![event("RIOTS", "a", Some(2))]);
    }

    #[test]
    fn a_threat_is_read_behind_its_conjunction_and_in_the_plural() {
        // BB-910 (blind-3): the protesters threatened to storm the oil facility; they did
        // not storm it. «وهدد» is هدد behind و, «هددوا» its plural.
        let text = "وهدد المحتجون باقتحام المنشأة النفطية إذا لم تستحب السلطات لمطالبهم";
        assert_eq!(mood_of(text, "باقتحام"), 0.2);
        let text = "وكان عشرات المحتجين قد هددوا باقتحام الحقل النفطي";
        assert_eq!(mood_of(text, "باقتحام"), 0.2);
        // SK-3014 (blind-8): a precaution against clashes.
        let text = "فرضت السلطات الأمنية إجراءات أمنية مشددة، تحسبا لوقوع اشتباكات";
        assert_eq!(mood_of(text, "اشتباكات"), 0.2);
    }

    #[test]
    fn a_relative_clause_among_the_three_words_before_is_background() {
        // BB-980 (blind-5): the protests describe the city where the curfew was lifted.
        let text = "رفعت السلطات العراقية حظرا للتجول في مدينة البصرة، جنوبي العراق، التي عصفت بها احتجاجات شابتها أعمال عنف";
        assert_eq!(mood_of(text, "احتجاجات"), 0.5);
    }

    #[test]
    fn qad_before_an_imperfect_is_may_but_not_in_a_pluperfect() {
        // CN-231 (held-out): «أن بلاده قد تنفذ عمليات عسكرية» — may carry out.
        let text = "أعلن رئيس الوزراء التركي أن بلاده قد تنفذ عمليات عسكرية شمال العراق";
        assert_eq!(mood_of(text, "عمليات"), 0.2);
        // A pluperfect with كانت before: «had reported» the explosion, which happened.
        let text = "وكانت وسائل إعلام عراقية قد تناقلت خبر انفجار";
        assert_eq!(mood_of(text, "انفجار"), 1.0);
        // The perfect's قد before a past verb is no modal: «قد قتل» (has killed).
        let ws = text_words("المسلحون قد قتلوا ثلاثة");
        assert!(!modal_qad(&ws, 1));
    }

    #[test]
    fn a_measure_is_found_with_its_object_among_the_lead_words() {
        // SK-2935 (blind-7): verb, subject, day, then the curfew.
        let text =
            "رفعت السلطات الأمنية العراقية، الثلاثاء، حظر التجوال عن حركة المركبات في محافظة البصرة";
        let (ws, lead) = whole_lead(text);
        assert_eq!(measure_in_lead(&ws, Some(&lead)), Some(0));
        // «رفع المتظاهرون شعارات» (raised slogans) is no measure.
        let text = "رفع المتظاهرون شعارات منددة بالأحزاب الفاسدة أمام مبنى المحافظة";
        let (ws, lead) = whole_lead(text);
        assert_eq!(measure_in_lead(&ws, Some(&lead)), None);
    }
    #[test]
    fn showing_regret_heads_a_reaction_lead() {
        // SK-1526 (blind-9): the president's regret at a decision is his statement, not
        // the decision (a withdrawal, STRATEGIC_DEVELOPMENTS).
        let text = "أبدى الرئيس العراقي فؤاد معصوم أسفه، الأربعاء، لقرار نظيره الأميركي دونالد ترامب الانسحاب من الاتفاق النووي";
        let (ws, lead) = whole_lead(text);
        assert_eq!(reaction_heads_lead(&ws, Some(&lead)), Some(0));
    }

    #[test]
    fn a_resumption_braced_for_is_read_in_normalized_spelling() {
        // SK-3116 (blind-2): «تستعد … لاستئناف المظاهرات» — the protests are to resume, so
        // they are no incident yet; the list is matched against normalized words (ئ → ي).
        let text = "تستعد محافظة البصرة جنوبي العراق، الجمعة، لاستئناف المظاهرات المطالبة بتحسين أوضاع السكان";
        assert_eq!(mood_of(text, "المظاهرات"), 0.2);
    }

    #[test]
    fn a_reply_heading_the_headline_is_a_reaction() {
        // CN-1306 (blind-9): Iran's reply to the burning of its consulate is a statement.
        assert!(reaction_heads_title(Some(
            "أول رد من إيران على حرق قنصليتها في البصرة"
        )));
        // The burning itself is not.
        assert!(!reaction_heads_title(Some(
            "متظاهرون يحرقون القنصلية الإيرانية في البصرة"
        )));
    }

    #[test]
    fn a_threat_heading_the_lead_or_the_headline_before_its_colon_is_a_statement() {
        // BB-601 (blind-10): Erdoğan threatens to strike; nothing was struck, so the lead
        // reports a statement however far the strike word stands from the verb.
        let text =
            "هدد الرئيس التركي رجب طيب إردوغان، بضرب شمال العراق لاستهداف معسكرات المسلحين الأكراد";
        let (ws, lead) = whole_lead(text);
        assert_eq!(reaction_heads_lead(&ws, Some(&lead)), Some(0));
        // SK-2560 (blind-6), SK-3482 (blind-11): subject and threat before the colon
        // introduce the quote after it.
        assert!(reaction_heads_title(Some(
            "الحشد الشعبي يتوعد: لن نسكت عن الضربة الجوية الأميركية"
        )));
        assert!(reaction_heads_title(Some(
            "إسرائيل تهدد: سنلاحق صواريخ إيران في العراق"
        )));
        // Heading the news part too: SK-2315 (blind-3) was re-decided a statement under
        // the lead rule, and SK-2238 (blind-15) threatens attacks that have not happened.
        assert!(reaction_heads_title(Some(
            "أردوغان يتوعد \"قنديل\" بمصير عفرين"
        )));
        assert!(reaction_heads_title(Some(
            "أردوغان يتوعد بمهاجمة 3 مناطق عراقية"
        )));
    }

    #[test]
    fn a_request_after_which_the_incident_comes_is_a_statement() {
        // SK-3551 (blind-15): the embassy's request heads the lead; the storming comes
        // after «بعدما» (after), its cause (rule 2).
        let text = "طلبت السفارة الإيرانية لدى بغداد، مساء الجمعة، من رعاياها في البصرة، جنوبي العراق، مغادرة المحافظة المنتفضة \"فورا\"، وذلك بعدما اقتحم متظاهرون غاضبون مقر قنصليتها";
        let (ws, span) = whole_lead(text);
        assert_eq!(reaction_heads_lead(&ws, Some(&span)), Some(0));
        assert!(matches!(main_clause_end(&ws), Some(ClauseEnd::Cause(_))));
    }

    #[test]
    fn a_summons_or_a_message_with_a_threat_is_what_the_lead_reports() {
        // CN-1311 (blind-14): an ambassador recalled, a diplomatic decision, after a
        // dateline; the attack on the consulate is its background (على خلفية).
        let text = "دبي، الإمارات العربية المتحدة (CNN)— استدعت وزارة الخارجية الإيرانية، مساء الجمعة، سفيرها بالعراق، وذلك على خلفية اعتداء محتجين على القنصلية في البصرة";
        assert_eq!(lead(text), Some(true));
        // SK-3643 (blind-15): a message carrying a veiled threat, days after a shelling.
        let text = "وجه النظام الإيراني، الثلاثاء، على لسان قائد جيشه، رسالة إلى الحكومة العراقية المركزية في بغداد وإقليم كردستان العراق، انطوت على تهديد مبطن باستعمال القوة العسكرية في أراضيهما، وذلك بعد أيام من قصف الحرس الثوري لمناطق في الإقليم";
        assert_eq!(lead(text), Some(true));
    }

    #[test]
    fn those_involved_and_weapons_supplied_are_no_incident_reported() {
        // SK-2236 (blind-15): «المتورطين» are accused of the massacre of 2014.
        assert!(mood_of("باريس تحتجز أحد المتورطين بمجزرة سبايكر", "بمجزره") < 0.5);
        // SK-1073 (blind-16): missiles supplied are not fired.
        let text = "استعرضت بالأدلة تورط إيران في تأجيج الصراع هناك بتزويد الميليشيات بالصواريخ والطائرات بدون طيار";
        assert!(mood_of(text, "بالصواريخ") < 0.5);
    }

    #[test]
    fn stopping_an_activity_is_no_detention() {
        // BB-777 and SK-2254 (blind-15): أوقف with «عن العمل» or an activity after it is
        // "suspended"/"stopped"; with a person it is "detained" (SK-2245).
        let text = "أوقفت الخطوط الجوية العراقية اثنين من طياريها عن العمل إثر مشاجرة بينهما";
        assert!(mood_of(text, "اوقفت") < 0.5);
        let text = "أوقفت القوات الخاصة في الجيش الكندي تقديم المساعدة أو التدريب لمقاتلي البشمركة";
        assert!(mood_of(text, "اوقفت") < 0.5);
        let text = "أوقفت الشرطة العراقية المتهم بقتل الفتاة الألمانية";
        assert_eq!(mood_of(text, "اوقفت"), 1.0);
    }

    /// The event types the lexicon gives the words of `text`.
    fn types_in(text: &str) -> Vec<String> {
        lexicon()
            .find_spans(&crate::gazetteer::matching_view(text))
            .into_iter()
            .flat_map(|(labels, _, _)| labels.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>())
            .collect()
    }

    #[test]
    fn territory_taken_withdrawals_looting_custody_and_a_missile_are_cues() {
        // SK-1461 (blind-16): territory taken in a battle.
        let t = types_in("سيطرت المقاومة الوطنية اليمنية، الأحد، على مفرق المخا غرب تعز");
        assert!(t.iter().any(|l| l.starts_with("BATTLES")), "{t:?}");
        // SK-507 (blind-14): a withdrawal in the present.
        let t = types_in("إن مسلحي حزب العمال الكردستاني ينسحبون من مدينة سنجار العراقية");
        assert!(
            t.iter().any(|l| l.starts_with("STRATEGIC_DEVELOPMENTS")),
            "{t:?}"
        );
        // SK-1995 (blind-16): looting.
        let t = types_in("قامت ميليشيا الحوثي الايرانية بنهب المؤسسات الحكومية في مدينة الحديدة");
        assert!(
            t.iter().any(|l| l.starts_with("STRATEGIC_DEVELOPMENTS")),
            "{t:?}"
        );
        // SK-2236 (blind-15): held in custody.
        let t = types_in("إن السلطات الفرنسية تحتجز لاجئا عراقيا سابقا");
        assert!(
            t.iter().any(|l| l.starts_with("STRATEGIC_DEVELOPMENTS")),
            "{t:?}"
        );
        // SK-1838 (blind-16): a ballistic missile in the accusative.
        let t = types_in("إن قوات الدفاع الجوي دمرت صاروخا باليستيا أطلقه الحوثيون");
        assert!(t.iter().any(|l| l.starts_with("EXPLOSIONS")), "{t:?}");
    }

    #[test]
    fn a_march_named_as_a_protest_is_a_protest_cue() {
        // FR-725 (blind-17): Gaza women march in the Great March of Return; Israel's fire
        // wounds dozens, and no violence of theirs is told (rule 5: PROTESTS).
        let t = types_in("شاركت آلاف الفلسطينيات الثلاثاء في فعاليات مسيرة العودة الكبرى شرق غزة في أول مسيرة نسائية");
        assert!(t.iter().any(|l| l.starts_with("PROTESTS")), "{t:?}");
        // The word alone is a drone here (FR-547, blind-16), no protest.
        let t = types_in("أسقطت الدفاعات طائرة مسيرة فوق المطار");
        assert!(!t.iter().any(|l| l.starts_with("PROTESTS")), "{t:?}");
    }

    /// A cue of `event_type` with lexicon weight `base`, in the headline's news part
    /// (`sentence` `None`) or in sentence `sentence`.
    fn cue(event_type: &str, base: u32, sentence: Option<usize>) -> Cue {
        Cue {
            event_type: event_type.to_string(),
            sub_type: None,
            weight: f64::from(base),
            base,
            setting: false,
            start: 0,
            end: 1,
            sentence,
            title_news: sentence.is_none(),
            unreal: false,
        }
    }

    #[test]
    fn clashes_in_the_headline_beside_a_protest_in_the_lead_are_a_riot() {
        // BB-959 (blind-6): «مظاهرات البصرة: توقف العمل في ميناء أم قصر عقب اشتباكات
        // عنيفة», the lead «اندلاع اشتباكات عنيفة بين محتجين وقوات الأمن … وأحرق
        // المتظاهرون النار في إطارات السيارات»: the protesters clash and burn (rule 5).
        let cues = vec![
            cue("BATTLES", 3, None),
            cue("BATTLES", 3, Some(0)),
            cue("PROTESTS", 2, Some(0)),
            cue("PROTESTS", 3, Some(1)),
            cue("RIOTS", 3, Some(1)),
        ];
        assert_eq!(main_type(&cues, false, false, 0.0), "RIOTS");
        // Clashes with no protest in sight stay a battle.
        let cues = vec![cue("BATTLES", 3, None), cue("BATTLES", 3, Some(0))];
        assert_eq!(main_type(&cues, false, false, 0.0), "BATTLES");
    }

    #[test]
    fn preparations_and_appointments_are_of_a_protest_to_come() {
        // SK-3250 (blind-11): the protest is prepared and scheduled, not held.
        assert_eq!(
            mood_of(
                "أعلنت اللجان التنسيقية الانتهاء من التحضيرات لأكبر مظاهرة واعتصام",
                "مظاهره"
            ),
            0.2
        );
        assert_eq!(
            mood_of("البصرة على موعد مع أكبر مظاهرة في المحافظة", "مظاهره"),
            0.2
        );
    }

    fn lead(text: &str) -> Option<bool> {
        let ws = text_words(text);
        main_clause_states(&ws, main_clause_end(&ws))
    }

    #[test]
    fn a_main_clause_ends_at_a_cause_or_a_topic_and_says_what_the_lead_reports() {
        // CN-319 (blind-13): the incidents are what al-Sadr's position is about.
        let text = "تباين موقف مقتدى الصدر، زعيم التيار الصدر الشيعي في العراق، الثلاثاء، حول وضع رجل الدين الشيعي عيسى قاسم قيد الإقامة الجبرية في البحرين، واعتقال حسين الشيرازي";
        assert_eq!(lead(text), Some(true));
        // BB-724 (blind-12): forces put on alert (a decision) after the protests grew.
        let text = "وضع العراق قواته الأمنية في حالة تأهب قصوى السبت بعد تصاعد حركة المظاهرات التي تشهدها محافظاته الجنوبية";
        assert_eq!(lead(text), Some(true));
        // SK-2497 (blind-3): the encirclement follows the clashes; no statement.
        let text = "طوقت القوات الأمنية العراقية، الأربعاء، المقر العام لميليشيات حزب الله في العراق، عقب اشتباكات اندلعت بين قوة من الميليشيات";
        assert_eq!(lead(text), Some(false));
        // «بعد ظهر» is a time of day, not a cause: the clause goes on.
        let ws = text_words("أعلنت الشرطة بعد ظهر الخميس مقتل خمسة");
        assert_eq!(main_clause_end(&ws), None);
        assert_eq!(main_clause_states(&ws, None), Some(false));
    }

    #[test]
    fn forces_put_on_alert_are_a_measure_read_with_the_waw_of_the_verb() {
        // BB-724 (blind-12): «وضع» keeps its و (the verb's first letter), and «حالة
        // تأهب» is its object five words on.
        let text = "وضع العراق قواته الأمنية في حالة تأهب قصوى السبت بعد تصاعد حركة المظاهرات";
        let (ws, lead) = whole_lead(text);
        assert_eq!(measure_in_lead(&ws, Some(&lead)), Some(0));
        // «فرضت قوات الأمن طوقا» names no measure of the list: a cordon is no curfew.
        let text = "فرضت قوات الأمن طوقا حول المكان عقب انفجار";
        let ws = text_words(text);
        assert_eq!(main_clause_states(&ws, main_clause_end(&ws)), Some(false));
    }
}
