import pytest

from claimweave.annotate.numbers import find_quantities

# (text, lang, [(mention, min, max, qualifier)])
CASES = [
    ("Strikes killed 30,000 people", "en", [("30,000", 30000, 30000, None)]),
    ("Le bilan atteint 1 200 morts", "fr", [("1 200", 1200, 1200, None)]),
    ("Between 800-950 graves were found", "en", [("Between 800-950", 800, 950, "range")]),
    ("between 20 and 30 houses", "en", [("between 20 and 30", 20, 30, "range")]),
    ("entre 20 et 30 maisons", "fr", [("entre 20 et 30", 20, 30, "range")]),
    ("20 to 30 houses", "en", [("20 to 30", 20, 30, "range")]),
    ("More than 17 civilians died", "en", [("More than 17", 17, None, "more_than")]),
    ("over 40 were hurt", "en", [("over 40", 40, None, "more_than")]),
    ("plus de 17 civils", "fr", [("plus de 17", 17, None, "more_than")]),
    ("at least 16 people", "en", [("at least 16", 16, None, "at_least")]),
    ("au moins 16 personnes", "fr", [("au moins 16", 16, None, "at_least")]),
    ("up to 30 fighters", "en", [("up to 30", None, 30, "up_to")]),
    ("jusqu'à 30 combattants", "fr", [("jusqu'à 30", None, 30, "up_to")]),
    ("fewer than 10 residents", "en", [("fewer than 10", None, 10, "up_to")]),
    ("nearly 50 bodies", "en", [("nearly 50", 50, 50, "about")]),
    ("some 200 fighters", "en", [("some 200", 200, 200, "about")]),
    ("environ 50 corps", "fr", [("environ 50", 50, 50, "about")]),
    ("près de 50 corps", "fr", [("près de 50", 50, 50, "about")]),
    ("seventeen soldiers", "en", [("seventeen", 17, 17, None)]),
    ("twenty-one soldiers", "en", [("twenty-one", 21, 21, None)]),
    ("one hundred and twenty people", "en", [("one hundred and twenty", 120, 120, None)]),
    ("deux cents personnes", "fr", [("deux cents", 200, 200, None)]),
    ("vingt et un morts", "fr", [("vingt et un", 21, 21, None)]),
    ("trois enfants", "fr", [("trois", 3, 3, None)]),
    ("a dozen guards", "en", [("a dozen", 12, 12, None)]),
    ("two dozen guards", "en", [("two dozen", 24, 24, None)]),
    ("dozens of people", "en", [("dozens", 24, None, "at_least")]),
    ("scores of people", "en", [("scores", 40, None, "at_least")]),
    ("hundreds of families", "en", [("hundreds", 200, None, "at_least")]),
    ("100s of families", "en", [("100s", 100, None, "at_least")]),
    ("thousands fled", "en", [("thousands", 2000, None, "at_least")]),
    ("tens of thousands fled", "en", [("tens of thousands", 20000, None, "at_least")]),
    ("des milliers de réfugiés", "fr", [("milliers", 2000, None, "at_least")]),
    ("des centaines de blessés", "fr", [("centaines", 200, None, "at_least")]),
    ("une vingtaine de morts", "fr", [("vingtaine", 20, 20, "about")]),
    ("a few civilians", "en", [("a few", 2, None, "at_least")]),
    ("several civilians", "en", [("several", 3, None, "at_least")]),
    ("1.5 million refugees", "en", [("1.5 million", 1500000, 1500000, None)]),
    ("40 or more victims", "en", [("40 or more", 40, None, "at_least")]),
    ("two or three shells", "en", [("two or three", 2, 3, "range")]),
    ("one man was hurt", "en", [("one", 1, 1, None)]),
    ("2000 people marched", "en", [("2000", 2000, 2000, None)]),
    ("5 months later", "en", [("5", 5, 5, None)]),
    # an age is no count, but a count next to one is
    ("two boys, aged 12 and 15, were", "en", [("two", 2, 2, None)]),
    ("In Kharkiv, 17 were killed", "en", [("17", 17, 17, None)]),
    ("On Monday, 12, including a child", "en", [("12", 12, 12, None)]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES)
def test_quantities(text: str, lang: str, expected: list[tuple[str, int | None, int | None, str | None]]) -> None:
    found = find_quantities(text, lang=lang)
    assert [(q.text, q.min, q.max, q.qualifier) for q in found] == expected
    for q in found:
        assert text[q.start:q.end] == q.text


def test_base_offset() -> None:
    [q] = find_quantities("killed 12 men", base=50)
    assert (q.start, q.end) == (57, 59)


@pytest.mark.parametrize(
    "text",
    [
        "The city fell in 2013 and",
        "2017 has been a long year",
        "in fiscal year 2018",
        "killed on November 3, when",
        "tué le 3 novembre à l'aube",
        "We met at 10:30 near the gate",
        "more than 92% support it",
        "a budget of $696 billion",
        "the 1st brigade and the third",
        "1/ A thread\n2/ on the siege\n3. more\n4) end",
        "#Raqqa2017 @user42 #1",
        "F-16 and Su-24 jets",
        "in Sep'15 already",
        "dated 03/11/2017 and 2017-11-03",
        "Fri 07 Apr 2017 at 0914 the",
        "in the 1990s",
        "a radius of 3.5 km",
        "un enfant a été blessé",
        "the fall of the city",
        "victims ages 13, 17 and 19",
        "teenagers aged 13 to 19",
        "aged between 13 and 19",
        "a 17-year-old and a 9 year old",
        "children under the age of 5",
        "Ana Ruiz, 17, was shot",
        "Ana Ruiz (17) was shot",
        "les victimes, âgées de 14 et 16 ans",
        "un adolescent de 17 ans",
    ],
)
def test_near_misses(text: str) -> None:
    lang = "fr" if "tué" in text or "enfant" in text or " ans" in text else None
    assert find_quantities(text, lang=lang) == []


# ---- Arabic ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "mention", "lo", "hi", "qualifier"),
    [
        ("قُتل ١٢ مدنياً في القصف", "١٢", 12, 12, None),
        ("أصيب ۱۵ شخصاً", "۱۵", 15, 15, None),  # Persian digits
        ("سقط ٤ قتلى و٣٠ جريحاً", "٣٠", 30, 30, None),  # a clitic written on the digits
        ("سقوط قتيلين في البلدة", "قتيلين", 2, 2, None),
        ("استشهد طفلان وامرأة", "طفلان", 2, 2, None),
        ("نجت امرأتان من القصف", "امرأتان", 2, 2, None),
        ("ثلاثة قتلى في الهجوم", "ثلاثة", 3, 3, None),
        ("قتل خمسة وعشرون عنصراً", "خمسة وعشرون", 25, 25, None),
        ("أصيب ثلاثة عشر شخصاً", "ثلاثة عشر", 13, 13, None),
        ("نزوح ثلاثة آلاف عائلة", "ثلاثة آلاف", 3000, 3000, None),
        ("مئة وخمسون معتقلاً", "مئة وخمسون", 150, 150, None),
        ("سقوط عشرات القتلى", "عشرات", 20, None, "at_least"),
        ("أصيب العشرات بجروح", "العشرات", 20, None, "at_least"),
        ("نزح عشرات الآلاف", "عشرات الآلاف", 20000, None, "at_least"),
        ("قتل بين 10 و15 شخصاً", "بين 10 و15", 10, 15, "range"),
        ("قتل بين ١٠ و ١٥ شخصاً", "بين ١٠ و ١٥", 10, 15, "range"),
        ("من ٥ إلى ٨ قتلى", "من ٥ إلى ٨", 5, 8, "range"),
        ("مقتل أكثر من ٢٠ مدنياً", "أكثر من ٢٠", 20, None, "more_than"),
        ("مقتل ما لا يقل عن سبعة أطفال", "ما لا يقل عن سبعة", 7, None, "at_least"),
        ("مقتل نحو ٤٠ شخصاً", "نحو ٤٠", 40, 40, "about"),
        ("مقتل حوالي ٤٠ شخصاً", "حوالي ٤٠", 40, 40, "about"),
        ("مقتل ١٢ مدنياً على الأقل", "١٢", 12, None, "at_least"),
        ("ما يزيد عن ١٬٢٠٠ معتقل", "ما يزيد عن ١٬٢٠٠", 1200, None, "more_than"),
    ],
)
def test_arabic(text: str, mention: str, lo: int | None, hi: int | None, qualifier: str | None) -> None:
    found = [q for q in find_quantities(text, lang="ar") if q.text == mention]
    assert len(found) == 1, find_quantities(text, lang="ar")
    q = found[0]
    assert (q.min, q.max, q.qualifier) == (lo, hi, qualifier)
    assert text[q.start:q.end] == mention


@pytest.mark.parametrize(
    "text",
    [
        "في ١٥ آذار ٢٠١٧",  # a day and a year
        "يوم 3 من شهر تشرين الأول",
        "بتاريخ ٢٠ كانون الثاني",
        "في عام ٢٠١٣",
        "طفل يبلغ من العمر ١٢ عاماً",
        "أحد عناصر الفصيل",  # "one of", no number
        "مدنيين",  # a plural, not a dual
        "قتل مقاتلين من الفصيل",  # a plural too
    ],
)
def test_arabic_near_misses(text: str) -> None:
    assert find_quantities(text, lang="ar") == []


def test_arabic_does_not_change_latin_text() -> None:
    text = "Between 10 and 15 people, more than 20 civilians and dozens of fighters"
    assert find_quantities(text, lang="en") == find_quantities(text + " ", lang="en")
    assert [q.text for q in find_quantities(text, lang="en")] == ["Between 10 and 15", "more than 20", "dozens"]
