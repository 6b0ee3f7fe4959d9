"""Arabic words of claims, in the matching form of :func:`claimweave.annotate.arabic.norm`
(no diacritics, bare alef, ي for ى, ه for ة) and without a leading clitic: the finder strips
و ف ب ل ك and reads "لل" as ل + the article before it looks a word up here.

Outcomes and victim groups follow the English lexicon's labels (``extract/lexicon.py``).
"""

from __future__ import annotations

from .lexicon import by_word as _by_word


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words of a casualty outcome (verbs in their usual persons, verbal nouns, nouns of the dead).
OUTCOMES: dict[str, str] = _by_word({
    "killed": "مصرعهم مصرعه مصرعها قتل قتلت قتلوا قتلن يقتل تقتل يقتلون مقتل بمقتل مصرع قتيل قتيلا قتلي القتلي قتيلان "
              "قتيلين استشهد استشهدت استشهدوا يستشهد استشهاد شهيد شهيدا شهداء الشهداء شهيدان "
              "شهيدين حتفه حتفهم حتفها حتفهما وفاه توفي توفيت توفوا ضحيه ضحايا الضحايا اودي "
              "اعدم اعدمت اعدام ذبح ذبحت قضي قضوا",
    "injured": "اصيب اصيبت اصيبوا يصاب تصاب اصابه اصابات مصاب مصابا مصابين مصابون المصابين "
               "جريح جريحا جرحي الجرحي جرح جرحت جرحوا جروح بجروح جريحان جريحين",
    "missing": "مفقود مفقودا مفقودين مفقودون المفقودين فقدان",
    "held": "القبض قبض اختطاف اختطف اختطفت اختطفوا خطف خطفت مختطف مختطفين مخطوف مخطوفين اعتقال اعتقل "
            "اعتقلت اعتقلوا اعتقالات معتقل معتقلين معتقلا احتجاز احتجز احتجزت",
    "dead": "جثه جثث جثتين جثتان انتشال",
})
# Held outcomes that make the claim a kidnapping or an arrest.
KIDNAP_WORDS = _set("اختطاف اختطف اختطفت اختطفوا خطف خطفت مختطف مختطفين مخطوف مخطوفين")
ARREST_WORDS = _set("القبض قبض اعتقال اعتقل اعتقلت اعتقلوا اعتقالات معتقل معتقلين معتقلا احتجاز احتجز احتجزت")
# Nouns of the dead or hurt that carry their outcome and name people ("١٢ قتيلاً").
OUTCOME_NOUNS = _set("قتيل قتلي القتلي شهيد شهداء الشهداء جريح جرحي الجرحي مصاب مصابين مصابون "
                          "مفقود مفقودين مفقودون معتقل معتقلين مختطف مختطفين مخطوف مخطوفين ضحيه ضحايا "
                          "جثه جثث قتيلان قتيلين شهيدان شهيدين جريحان جريحين جثتين جثتان")

VICTIMS: dict[str, str] = _by_word({
    "civilians": "مدني مدنيين مدنيون المدنيين مدنيان مواطن مواطنين مواطنون المواطنين سكان اهالي "
                 "سائق سائقين نازح نازحين مسعف مسعفين متطوع متطوعين صحفي صحفيين اعلامي اعلاميين طبيب اطباء "
                 "ممرض مزارع مزارعين عامل عمال مصلين",
    "children": "طفل اطفال الاطفال طفله طفلان طفلين طفلتان طفلتين قاصر قاصرين رضيع رضع تلميذ "
                "تلاميذ طلاب فتاه فتيات",
    "women": "امراه نساء النساء سيده سيدات امراتان امراتين سيدتان سيدتين",
    "men": "رجل رجال رجلان رجلين شاب شبان",
    "fighters": "عنصر عناصر العناصر عنصران عنصرين مقاتل مقاتلين مقاتلون مسلح مسلحين مسلحون "
                "جهادي جهاديين ارهابي ارهابيين ارهابيون",
    "soldiers": "جندي جنود جنديان جنديين عسكري عسكريين عسكريون ضابط ضباط شرطي",
    "people": "شخص اشخاص شخصان شخصين اخرين اخرون اخران اخر افراد مطلوب مطلوبين مطلوبا متهم متهمين مشتبه ضحيه ضحايا قتيل قتلي القتلي قتيلان "
              "قتيلين شهيد شهداء الشهداء شهيدان شهيدين جريح جرحي الجرحي جريحان جريحين مصاب "
              "مصابين مصابون مفقود مفقودين مفقودون معتقل معتقلين مختطف مختطفين مخطوف مخطوفين",
    "bodies": "جثه جثث جثتين جثتان",
})
# Singular nouns of one person ("مقتل طفل وامرأة": one child and one woman).
SINGULAR = _set("مدني مواطن مسعف متطوع صحفي طبيب طفل طفله امراه سيده رجل شاب عنصر مقاتل جندي "
                     "ضابط شخص فتاه ممرض مزارع عامل سائق")
# "اصيب ١٢ بجروح": injured people, the word after the count is no group.
INJURY_AFTER = frozenset({"جروح", "بجروح", "اصابات", "باصابات"})

# "بينهم ٤ أطفال", "منهم": a part of the group counted before, with its fate.
AMONG = frozenset({"بينهم", "بينهن", "منهم", "منهن", "بينها"})

# Attribution: the claimant follows a citation word or a speech verb.
CITE = frozenset({"بحسب", "حسب", "وفقا", "طبقا", "استنادا"})
RELAY = frozenset({"نقلا"})  # "نقلاً عن X": X is a source
SPEECH = _set("قال قالت يقول تقول افاد افادت يفيد تفيد اعلن اعلنت يعلن تعلن ذكر ذكرت يذكر تذكر "
                   "اكد اكدت يؤكد تؤكد اوضح اوضحت اشار اشارت صرح صرحت وثق وثقت يوثق رصد رصدت "
                   "اضاف اضافت اورد اوردت نشر نشرت بث بثت نقل نقلت")
# Common nouns that stand for an actor named before, with the actor types they may stand for.
COREF: dict[str, frozenset[str]] = {
    "المرصد": frozenset({"monitor"}), "الوزاره": frozenset({"ministry"}),
    "التحالف": frozenset({"coalition"}), "الشبكه": frozenset({"monitor"}),
    "الوكاله": frozenset({"outlet", "un"}), "المنظمه": frozenset({"ngo", "un", "monitor"}),
    "التنظيم": frozenset({"armed_group"}), "الهيئه": frozenset({"armed_group"}),
}
# A report cited in the speaker's stead: "بحسب تقرير للمرصد", "وفقاً لتقديرات منظمات".
REPORT_NOUNS = _set("تقرير تقارير تقديرات تقدير بيان معلومات احصائيات احصاءات ارقام توثيق")
ADDED = frozenset({"اضاف", "اضافت", "تابع", "تابعت"})  # "وأضاف": the same speaker goes on
# Words that end a common-noun speaker phrase ("بحسب ناشطين محليين في المدينة").
SPEAKER_STOP = _set("ان انه انها ان ما في علي من الي عن مع بعد قبل خلال اليوم امس الذي التي "
                         "الذين حيث كما و ب ل")

ACCUSE = _set("اتهم اتهمت يتهم تتهم اتهموا اتهام حمل حملت يحمل تحمل حملوا")
RESPONSIBILITY = frozenset({"مسؤوليه", "المسؤوليه", "مسووليه", "المسووليه"})
DENY = _set("نفي نفت ينفي تنفي نفوا نفيه")

# Military action words: verbs, their nouns, and means that carry out an attack.
ACTIONS = _set(
    "غاره غارات الغاره الغارات غارتين غارتان شن شنت يشن تشن شنه شنها قصف قصفت يقصف تقصف قصفا القصف استهدف استهدفت "
    "يستهدف تستهدف استهداف استهدافه استهدافها اشتباكات اشتباك اشتبك اشتبكت تفجير فجر فجرت انفجار "
    "مفخخه برميل براميل القي القت هجوم هجوما الهجوم هاجم هاجمت اقتحم اقتحمت اقتحام سيطر سيطرت "
    "اطلق اطلقت رصاص قذائف قذيفه صواريخ صاروخ نفذ نفذت نفذه نفذها نفذتها نفذته نفذوا اغار اغارت "
    "ضرب ضربت ضربات")
# Means of attack in an idafa ("قصف قوات النظام", "طائرات التحالف"): the actor after is the agent.
MEANS = _set("غاره غارات الغاره الغارات قصف القصف طائرات طائره طيران مقاتلات مروحيات "
                  "مدفعيه قذائف صواريخ رصاص نيران هجوم استهداف تفجير برصاص بنيران")
# "الطيران المروحي التابع للنظام": the actor after is the means' owner, the agent.
BELONGING = _set("التابع التابعه التابعين التابعون")
# "من قبل X", "على يد X": X is the agent.
AGENT_BEFORE = (("من", "قبل"), ("علي", "يد"), ("علي", "ايدي"))
# A place or position of an actor: "مناطق سيطرة قسد", "مواقع لهيئة تحرير الشام".
OWNER_BEFORE = _set("سيطره مواقع موقع مقرات مقر نقاط نقطه حواجز حاجز مناطق منطقه معاقل تسيطر "
                         "الخاضعه لسيطره")

# Arabic weapon phrases the package lexicon (data/weapons.json) lacks, by weapon id.
EXTRA_WEAPONS: dict[str, tuple[str, ...]] = {
    "drone_strike": ("طائره مسيره", "طائرات مسيره", "الطائرات المسيره", "طائره مسيره انتحاريه"),
    "helicopter_attack": ("الطيران المروحي", "طيران مروحي", "مروحيات", "طائره مروحيه"),
    "airstrike": ("غارتين", "غارتان", "قصف جوي", "غاره جويه", "الغارات الجويه", "طائرات حربيه", "الطائرات الحربيه"),
    "shelling": ("قصفت", "يقصف", "تقصف", "قصفا", "القصف"),
    "artillery": ("قذائف مدفعيه", "قصف مدفعي", "المدفعيه"),
    "rocket": ("قذائف صاروخيه", "راجمات الصواريخ", "صواريخ غراد"),
    "barrel_bomb": ("برميلين متفجرين", "برميلان متفجران", "براميل"),
    "car_bomb": ("سياره مفخخه", "عربه مفخخه", "دراجه ناريه مفخخه", "مفخخه"),
    "gunfire": ("اطلاق نار", "اطلاق النار", "برصاص", "رصاص"),
}
EVENT_OF_WEAPON = {
    "airstrike": "airstrike", "drone_strike": "airstrike", "helicopter_attack": "airstrike",
    "barrel_bomb": "airstrike", "cluster_munition": "airstrike", "bombing": "airstrike",
    "shelling": "shelling", "artillery": "shelling", "mortar": "shelling", "rocket": "shelling",
    "missile": "shelling", "car_bomb": "bombing", "suicide_bombing": "bombing", "ied": "bombing",
    "bomb": "bombing", "explosion": "bombing", "landmine": "bombing", "gunfire": "shooting",
    "sniper": "shooting", "clashes": "clashes", "execution": "execution", "beheading": "execution",
}

# Physical targets: head noun -> the English lexicon's target type.
TARGETS: dict[str, str] = _by_word({
    "medical": "مستشفي مشفي المستشفي المشفي مستوصف عياده اسعاف",
    "school": "مدرسه مدارس المدرسه جامعه روضه",
    "market": "سوق اسواق السوق محل محلات",
    "religious": "مسجد جامع الجامع المسجد كنيسه",
    "food": "فرن مخبز الفرن المخبز",
    "residential": "منزل منازل المنزل بيت بيوت مبني مباني حي الحي",
    "vehicle": "سياره سيارات حافله قافله",
    "aid": "مخيم المخيم ملجا",
})
# Other words of claim phrases ("أودى بحياة", "لقوا حتفهم", "بيان"), never a place.
PHRASE_WORDS = _set("حياه حياته حياتهم حياتها بيان تقرير حصيله")
# "أعلنت قسد أنها قتلت": the speaker reports its own act.
THAT_IT = _set("انها انه انهم انهما")
# Armed men without a name: a generic actor, kept by its words.
GENERIC_ACTORS = ("مسلحون مجهولون", "مسلحين مجهولين", "مسلحون", "مسلحين", "مجهولون", "مجهولين",
                  "عصابة مسلحة", "خلية إرهابية")
# Aliases made of common words: Syrian actors only in a text placed in Syria (extract/arabic.localise).
LOCAL_ALIASES = ("النظام", "الدفاع المدني", "فرق الدفاع المدني", "القوات الحكومية", "الجيش النظامي",
                 "المعارضة المسلحة", "الفصائل المسلحة", "فصائل المعارضة", "الجيش الحر", "الجيش الوطني",
                 "الدفاع الوطني", "الإدارة الذاتية")
# Common nouns of places and divisions, never a place's name alone.
PLACE_NOUNS = _set("محافظه مدينه بلده قريه ريف ناحيه منطقه مناطق حي مخيم المحافظه المدينه البلده القريه "
                   "الريف المنطقه الحي المخيم")
# A cumulative toll: background, no single incident ("منذ بداية العام", "منذ اندلاع الثورة").
CUMULATIVE_AFTER_SINCE = _set("بدايه بدء اندلاع مطلع انطلاق عام العام")
