import pytest

from claimweave.annotate.dates import find_dates, leading_date, parse_date

PUB = "2017-11-08"  # a Wednesday

# (text, published, mention text, start, end, year, month, day, precision)
CASES = [
    ("Four died on November 3, the group said", PUB, "November 3", "2017-11-03", "2017-11-03", 2017, 11, 3, "day"),
    ("Four died on November 3, the group said", None, "November 3", None, None, None, 11, 3, "day"),
    ("They struck on December 20 at dawn", PUB, "December 20", "2016-12-20", "2016-12-20", 2016, 12, 20, "day"),
    ("The raid of 3 November 2017 was", None, "3 November 2017", "2017-11-03", "2017-11-03", 2017, 11, 3, "day"),
    ("Signed on Nov. 3, 2017 in Geneva", None, "Nov. 3, 2017", "2017-11-03", "2017-11-03", 2017, 11, 3, "day"),
    ("The pause began on October 31 after", PUB, "October 31", "2017-10-31", "2017-10-31", 2017, 10, 31, "day"),
    ("Talks resumed on Friday, July 7 in Astana", "2017-07-20", "Friday, July 7", "2017-07-07", "2017-07-07", 2017, 7, 7, "day"),
    ("A convoy was hit on Saturday near the border", PUB, "Saturday", "2017-11-04", "2017-11-04", 2017, 11, 4, "day"),
    ("A convoy was hit on Saturday near the border", None, "Saturday", None, None, None, None, None, "day"),
    ("The ministry spoke this Wednesday", PUB, "this Wednesday", "2017-11-08", "2017-11-08", 2017, 11, 8, "day"),
    ("Clashes erupted last Wednesday", PUB, "last Wednesday", "2017-11-01", "2017-11-01", 2017, 11, 1, "day"),
    ("Clashes erupted last Tuesday", PUB, "last Tuesday", "2017-11-07", "2017-11-07", 2017, 11, 7, "day"),
    ("Shelling resumed yesterday", PUB, "yesterday", "2017-11-07", "2017-11-07", 2017, 11, 7, "day"),
    ("The toll rose today", PUB, "today", "2017-11-08", "2017-11-08", 2017, 11, 8, "day"),
    ("Raids have killed 80 since last week", PUB, "since last week", "2017-10-30", "2017-11-08", 2017, None, None, "week"),
    ("Aid arrived last week", PUB, "last week", "2017-10-30", "2017-11-05", 2017, None, None, "week"),
    ("Earlier this month, the town fell", PUB, "Earlier this month", "2017-11-01", "2017-11-08", 2017, 11, None, "month"),
    ("The siege ended last month", "2017-01-15", "last month", "2016-12-01", "2016-12-31", 2016, 12, None, "month"),
    ("It happened two weeks ago", PUB, "two weeks ago", "2017-10-23", "2017-10-29", 2017, 10, None, "week"),
    ("It happened 3 days ago", PUB, "3 days ago", "2017-11-05", "2017-11-05", 2017, 11, 5, "day"),
    ("Residents fled a few days ago", PUB, "a few days ago", "2017-11-01", "2017-11-06", 2017, 11, None, "week"),
    ("The group seized the dam in 2013 and", None, "in 2013", "2013-01-01", "2013-12-31", 2013, None, None, "year"),
    ("In early September, troops advanced", PUB, "early September", "2017-09-01", "2017-09-10", 2017, 9, None, "month"),
    ("The report of September 2017 said", None, "September 2017", "2017-09-01", "2017-09-30", 2017, 9, None, "month"),
    ("We went in in Sep'15 already", None, "Sep'15", "2015-09-01", "2015-09-30", 2015, 9, None, "month"),
    ("Filed 2017-11-03 by the desk", None, "2017-11-03", "2017-11-03", "2017-11-03", 2017, 11, 3, "day"),
    ("Recorded 13/11/2017 in the log", None, "13/11/2017", "2017-11-13", "2017-11-13", 2017, 11, 13, "day"),
    ("Fighting stopped in May, they said", PUB, "May", "2017-05-01", "2017-05-31", 2017, 5, None, "month"),
    ("the summer of 2016 was hard", None, "the summer of 2016", "2016-06-01", "2016-08-31", 2016, None, None, "season"),
    ("The blockade lasted between 2012 and 2015", None, "between 2012 and 2015", "2012-01-01", "2015-12-31", None, None, None, "year"),
    # French
    ("Il a été tué le 3 novembre à l'aube", PUB, "3 novembre", "2017-11-03", "2017-11-03", 2017, 11, 3, "day"),
    ("Le rapport du 3 novembre 2017 indique", None, "3 novembre 2017", "2017-11-03", "2017-11-03", 2017, 11, 3, "day"),
    ("Les frappes de mardi dernier ont", PUB, "mardi dernier", "2017-11-07", "2017-11-07", 2017, 11, 7, "day"),
    ("Le convoi est arrivé hier soir", PUB, "hier soir", "2017-11-07", "2017-11-07", 2017, 11, 7, "day"),
    ("Il l'a dit aujourd'hui même", PUB, "aujourd'hui", "2017-11-08", "2017-11-08", 2017, 11, 8, "day"),
    ("Les combats de la semaine dernière ont", PUB, "la semaine dernière", "2017-10-30", "2017-11-05", 2017, None, None, "week"),
    ("L'offensive a commencé en septembre", PUB, "septembre", "2017-09-01", "2017-09-30", 2017, 9, None, "month"),
    ("L'offensive a commencé début septembre", PUB, "début septembre", "2017-09-01", "2017-09-10", 2017, 9, None, "month"),
    ("Des frappes depuis la semaine dernière", PUB, "depuis la semaine dernière", "2017-10-30", "2017-11-08", 2017, None, None, "week"),
]


@pytest.mark.parametrize(("text", "pub", "mention", "start", "end", "year", "month", "day", "precision"), CASES)
def test_find_dates(text: str, pub: str | None, mention: str, start: str | None, end: str | None,
                    year: int | None, month: int | None, day: int | None, precision: str) -> None:
    found = find_dates(text, published=pub)
    assert [d.text for d in found] == [mention]
    d = found[0]
    assert text[d.start:d.end] == mention
    v = d.value
    assert (v.start, v.end, v.year, v.month, v.day, v.precision) == (start, end, year, month, day, precision)


def test_offsets_use_base() -> None:
    [d] = find_dates("on July 9 they", base=100, published=PUB)
    assert (d.start, d.end) == (103, 109)


def test_ambiguous_slash_date_keeps_only_the_year() -> None:
    [d] = find_dates("dated 03/11/2017 here")
    assert (d.value.year, d.value.month, d.value.day, d.value.precision) == (2017, None, None, "year")


def test_slash_date_resolved_by_publication_date() -> None:
    [d] = find_dates("dated 03/11/2017 here", published="2017-04-01")
    assert d.value.start == "2017-03-11"


@pytest.mark.parametrize(
    "text",
    [
        "You may leave now.",
        "A total of 2000 people signed.",
        "the fall of the city",
        "Mar Elias church was hit",
        "He will march on",
        "more than 92% support it",
        "Read 12 tweets",
        "the 6th brigade",
    ],
)
def test_near_misses(text: str) -> None:
    assert find_dates(text, published=PUB) == []


def test_list_numbers_do_not_join_months_across_lines() -> None:
    found = find_dates("Item 6\nJune was quiet", published=PUB)
    assert all("\n" not in d.text for d in found)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Wed 05 Apr 2017 Syria attack symptoms", "2017-04-05"),
        ("Tue 05 Jul 2016 Suicide bombing kills", "2016-07-05"),
        ("April 5, 2017 - The ministry said", "2017-04-05"),
        ("April 5 2017 by a staff writer", "2017-04-05"),
        ("Thursday 22 June 2017 14:03 Rebels", "2017-06-22"),
        ("Published October 2 2016 At least", "2016-10-02"),
        ("Last updated at Jun 092016 BEIRUT", "2016-06-09"),
        ("12.03.2016Get the story", "2016-03-12"),
        ("14-02-2015 Troops advanced", "2015-02-14"),
        ("Date of publication 3 May 2016 Strikes", "2016-05-03"),
        ("Strikes hit the town on April 5, 2017", None),
        ("More than 50 killed", None),
    ],
)
def test_leading_date(text: str, iso: str | None) -> None:
    assert leading_date(text) == iso


@pytest.mark.parametrize(
    ("s", "iso"),
    [
        ("2017-04-05", "2017-04-05"),
        ("2017-04-05T10:30:00+02:00", "2017-04-05"),
        ("Wed, 05 Apr 2017 10:30:00 +0000", "2017-04-05"),
        ("5 April 2017", "2017-04-05"),
        ("April 5, 2017", "2017-04-05"),
        ("5 avril 2017", "2017-04-05"),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(s: str, iso: str | None) -> None:
    assert parse_date(s) == iso


# ---- Arabic ------------------------------------------------------------------------------------

AR_PUB = "2017-04-05"  # a Wednesday


@pytest.mark.parametrize(
    ("text", "pub", "mention", "start", "end", "precision"),
    [
        ("قتل ١٢ مدنياً في ١٥ آذار ٢٠١٧", None, "١٥ آذار ٢٠١٧", "2017-03-15", "2017-03-15", "day"),
        ("قصف يوم الجمعة ١٥ آذار/مارس ٢٠١٧", None, "يوم الجمعة ١٥ آذار/مارس ٢٠١٧", "2017-03-15", "2017-03-15", "day"),
        ("غارة في 4 أبريل 2017", None, "4 أبريل 2017", "2017-04-04", "2017-04-04", "day"),
        ("في ٣ كانون الثاني", AR_PUB, "٣ كانون الثاني", "2017-01-03", "2017-01-03", "day"),
        ("في ٣ من شهر كانون الأول", AR_PUB, "٣ من شهر كانون الأول", "2016-12-03", "2016-12-03", "day"),
        ("في ٢٥ تشرين الثاني ٢٠١٥", None, "٢٥ تشرين الثاني ٢٠١٥", "2015-11-25", "2015-11-25", "day"),
        ("في مارس الماضي", AR_PUB, "مارس الماضي", "2017-03-01", "2017-03-31", "month"),
        ("في مارس", AR_PUB, "مارس", "2017-03-01", "2017-03-31", "month"),
        ("خلال شهر تشرين الأول ٢٠١٦", None, "شهر تشرين الأول ٢٠١٦", "2016-10-01", "2016-10-31", "month"),
        ("في مطلع أيار", AR_PUB, "مطلع أيار", "2016-05-01", "2016-05-10", "month"),
        ("أواخر حزيران ٢٠١٤", None, "أواخر حزيران ٢٠١٤", "2014-06-21", "2014-06-30", "month"),
        ("قصف فجر اليوم", AR_PUB, "فجر اليوم", "2017-04-05", "2017-04-05", "day"),
        ("قتل أمس", AR_PUB, "أمس", "2017-04-04", "2017-04-04", "day"),
        ("وقتل يوم أمس", AR_PUB, "يوم أمس", "2017-04-04", "2017-04-04", "day"),
        ("غارة أول أمس", AR_PUB, "أول أمس", "2017-04-03", "2017-04-03", "day"),
        ("البارحة", AR_PUB, "البارحة", "2017-04-04", "2017-04-04", "day"),
        ("يوم الأحد الماضي", AR_PUB, "يوم الأحد الماضي", "2017-04-02", "2017-04-02", "day"),
        ("صباح الخميس", AR_PUB, "صباح الخميس", "2017-03-30", "2017-03-30", "day"),
        ("يوم الأربعاء", AR_PUB, "يوم الأربعاء", "2017-04-05", "2017-04-05", "day"),
        ("الأسبوع الماضي", AR_PUB, "الأسبوع الماضي", "2017-03-27", "2017-04-02", "week"),
        ("العام الماضي", AR_PUB, "العام الماضي", "2016-01-01", "2016-12-31", "year"),
        ("في عام ٢٠١٣", None, "عام ٢٠١٣", "2013-01-01", "2013-12-31", "year"),
        ("بتاريخ ١٥/٣/٢٠١٧", None, "١٥/٣/٢٠١٧", "2017-03-15", "2017-03-15", "day"),
        ("قتل اليوم", None, "اليوم", None, None, "day"),
    ],
)
def test_arabic(text: str, pub: str | None, mention: str, start: str | None, end: str | None,
                precision: str) -> None:
    found = find_dates(text, published=pub)
    assert len(found) == 1, found
    d = found[0]
    assert d.text == mention and text[d.start:d.end] == mention
    assert (d.value.start, d.value.end, d.value.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["مارس النظام ضغوطاً على الفصائل", "أب لثلاثة أطفال", "أحد المقاتلين"])
def test_arabic_not_dates(text: str) -> None:
    assert find_dates(text, published=AR_PUB) == []
