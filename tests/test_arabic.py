"""Claims from Arabic text (extract/arabic.py): the team's own sentences, one mechanism each.

Every claim is checked for exact evidence offsets: its text is the document's text at its span,
and each victim phrase lies inside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimweave.annotate import arabic as ar
from claimweave.annotate.dates import find_dates
from claimweave.annotate.lang import is_arabic, is_arabic_unit
from claimweave.extract import arabic
from claimweave.model import Claim, Record
from claimweave.pipeline import make_document, run
from claimweave.record import to_dict

PUB = "2019-07-24"  # a Wednesday


def _run(text: str, **meta: str) -> Record:
    rec = run(make_document(text, published=meta.pop("published", PUB), **meta))
    for c in rec.claims:
        assert rec.document.text[c.start:c.end] == c.text
        for v in c.victims:
            assert v.text in c.text
        for t in c.targets:
            assert rec.document.text[t.start:t.end] == t.text
    return rec


def _claims(text: str, **meta: str) -> list[Claim]:
    return list(_run(text, **meta).claims)


def _one(text: str, kind: str | None = None, **meta: str) -> Claim:
    found = [c for c in _claims(text, **meta) if kind is None or c.kind == kind]
    assert len(found) == 1, found
    return found[0]


def _victims(c: Claim) -> list[tuple[str, str, int | None, int | None]]:
    return [(v.type, v.outcome, v.min, v.max) for v in c.victims]


# ---- annotation --------------------------------------------------------------------------------

def test_stems_and_offsets() -> None:
    text = "وبحسب المرصد"
    tok = ar.tokens(text)[0]
    assert ("حسب", 2) in ar.stems(tok.norm)
    assert tok.offset(2) == 2


def test_actor_after_clitic_points_at_the_name() -> None:
    text = "غارات للطيران الروسي وقصف لقوات النظام ومقتل عنصرين من قسد"
    found = arabic.find_actors(text)
    assert [m.actor_id for m in found] == ["russian_aerospace_forces", "syrian_arab_army", "sdf"]
    assert [text[m.start:m.end] for m in found] == ["للطيران الروسي", "قوات النظام", "قسد"]


def test_actor_aliases() -> None:
    cases = {"جيش النظام": "syrian_arab_army", "داعش": "isis", "تنظيم الدولة": "isis",
             "هيئة تحرير الشام": "hayat_tahrir_al_sham", "التحالف الدولي": "international_coalition",
             "الطيران الروسي": "russian_aerospace_forces", "الخوذ البيضاء": "white_helmets",
             "الدفاع المدني": "white_helmets", "المرصد السوري لحقوق الإنسان": "sohr",
             "الجيش السوري": "syrian_arab_army"}
    for name, aid in cases.items():
        found = arabic.find_actors("قال " + name + " إن")
        assert [m.actor_id for m in found] == [aid], name


def test_weapons_with_clitics_and_case_endings() -> None:
    text = "قُتل مدني ببرميل متفجر، وأصيب آخرون بغازاً ساماً بعد الغارات"
    assert [w.weapon for w in arabic.find_weapons(text)] == ["barrel_bomb", "chemical_weapon", "airstrike"]


def test_language_routing() -> None:
    assert is_arabic("قتل ١٢ مدنياً في إدلب")
    assert not is_arabic("At least 12 civilians were killed in Idlib")
    assert is_arabic_unit(None, "قتل ١٢ مدنياً")
    assert not is_arabic_unit("en", "قتل ١٢ مدنياً #Idlib")


# ---- March is a month, never Marseille ---------------------------------------------------------

def test_march_is_a_month_not_marseille() -> None:
    text = "قُتل ٧ مدنيين في قصف على بلدة كفرنبل في مارس ٢٠١٨، بحسب ناشطين."
    rec = _run(text)
    assert all(p.place.country != "FR" for p in rec.annotations.places)
    assert [(d.text, d.value.month, d.value.year) for d in rec.annotations.dates] == [("مارس ٢٠١٨", 3, 2018)]
    c = _one(text)
    assert c.date is not None and c.date.start == "2018-03-01" and c.date.precision == "month"
    assert c.place is None or c.place.country == "SY"


def test_march_as_a_verb_is_neither_date_nor_place() -> None:
    rec = _run("مارس النظام ضغوطاً كبيرة على الفصائل في الشمال.")
    assert rec.annotations.dates == ()
    assert all(p.place.country != "FR" for p in rec.annotations.places)


def test_both_month_systems_give_the_same_day() -> None:
    a = find_dates("في ١٥ آذار ٢٠١٧")[0].value
    b = find_dates("في 15 مارس 2017")[0].value
    assert a.start == b.start == "2017-03-15"


# ---- casualties --------------------------------------------------------------------------------

def test_counts_outcomes_and_groups() -> None:
    c = _one("قُتل ١٢ مدنياً بينهم ٤ أطفال وأصيب ٣٠ آخرون في قصف مدفعي على البلدة.", "casualty")
    assert _victims(c) == [("civilians", "killed", 12, 12), ("children", "killed", 4, 4),
                           ("people", "injured", 30, 30)]
    assert c.weapon == "artillery" and c.cause == "shelling"


def test_outcome_noun_with_the_count() -> None:
    c = _one("أسفر القصف عن سقوط ثلاثة قتلى و١٥ جريحاً.", "casualty")
    assert _victims(c) == [("people", "killed", 3, 3), ("people", "injured", 15, 15)]


def test_dual_and_single_persons() -> None:
    c = _one("استشهد طفلان وامرأة جراء غارة جوية.", "casualty")
    assert _victims(c) == [("children", "killed", 2, 2)]
    c = _one("أدى الانفجار إلى مقتل طفل وامرأة.", "casualty")
    assert sorted(_victims(c)) == [("children", "killed", 1, 1), ("women", "killed", 1, 1)]


def test_vague_range_and_qualified_counts() -> None:
    assert _victims(_one("سقط عشرات القتلى في المدينة.")) == [("people", "killed", 20, None)]
    assert _victims(_one("قُتل بين 10 و15 مدنياً في الهجوم.")) == [("civilians", "killed", 10, 15)]
    assert _victims(_one("مقتل ما لا يقل عن ٢٥ شخصاً.")) == [("people", "killed", 25, None)]
    assert _victims(_one("قتل نحو ٤٠ مقاتلاً في الاشتباكات.")) == [("fighters", "killed", 40, 40)]


def test_toll_rises_to() -> None:
    c = _one("وارتفعت حصيلة القتلى إلى ٢٦ بعد وفاة جرحى متأثرين بإصاباتهم.", "casualty")
    assert _victims(c)[0] == ("people", "killed", 26, 26)


def test_members_of_a_force_are_its_soldiers_not_its_victims() -> None:
    c = _one("قُتل ٩ عناصر من قوات النظام بهجوم شنته هيئة تحرير الشام.", "casualty")
    assert _victims(c) == [("soldiers", "killed", 9, 9)]
    assert c.actor is not None and c.actor.actor_id == "hayat_tahrir_al_sham"


def test_rescuers_of_an_ngo_are_civilians() -> None:
    c = _one("أصيب ٤ من عناصر الدفاع المدني بقصف صاروخي.", "casualty")
    assert _victims(c) == [("civilians", "injured", 4, 4)]


def test_kidnapping_and_arrest() -> None:
    c = _one("اختطف مسلحون مجهولون ٣ مدنيين على طريق المدينة.")
    assert c.kind == "kidnapping" and _victims(c) == [("civilians", "held", 3, 3)]
    c = _one("اعتقلت قوات النظام ١٥ شاباً خلال حملة دهم.")
    assert c.kind == "arrest" and c.actor is not None and c.actor.actor_id == "syrian_arab_army"


def test_background_toll() -> None:
    c = _one("وثقت الشبكة السورية مقتل ٢٠٠ مدني منذ بداية العام.", "casualty")
    assert c.scope == "background" and c.claimant is not None and c.claimant.actor_id == "snhr"


# ---- actors --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("قُتل ٥ مدنيين بقصف لقوات النظام على البلدة.", "syrian_arab_army"),
        ("قُتل ٥ مدنيين في غارات للطيران الروسي.", "russian_aerospace_forces"),
        ("قُتل ٥ مدنيين في قصف نفذته طائرات التحالف الدولي.", "international_coalition"),
        ("استهدفت قوات النظام المدينة بالصواريخ ما أدى إلى مقتل ٥ مدنيين.", "syrian_arab_army"),
        ("قُتل ٥ مدنيين على يد عناصر من داعش.", "isis"),
        ("قُتل ٥ مدنيين بقصف من قبل جيش النظام على أطراف البلدة.", "syrian_arab_army"),
    ],
)
def test_perpetrator(text: str, actor_id: str) -> None:
    c = _one(text, "casualty")
    assert c.actor is not None and c.actor.actor_id == actor_id


def test_owner_of_a_place_is_no_perpetrator() -> None:
    c = _one("قُتل ٣ مدنيين في مناطق سيطرة قسد بانفجار لغم.", "casualty")
    assert c.actor is None


# ---- claimants and sources ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "claimant", "actor_id"),
    [
        ("قُتل ٨ مدنيين في القصف، بحسب المرصد السوري لحقوق الإنسان.", "Syrian Observatory for Human Rights", "sohr"),
        ("وفقاً للدفاع المدني، قُتل ٨ مدنيين في القصف.", "White Helmets", "white_helmets"),
        ("قال المرصد السوري إن ٨ مدنيين قتلوا في القصف.", "Syrian Observatory for Human Rights", "sohr"),
        ("أفاد ناشطون محليون بمقتل ٨ مدنيين في القصف.", "ناشطون محليون", None),
        ("ذكرت مصادر طبية أن ٨ مدنيين قتلوا في القصف.", "مصادر طبية", None),
    ],
)
def test_claimant(text: str, claimant: str, actor_id: str | None) -> None:
    c = _one(text, "casualty")
    assert c.claimant is not None and (c.claimant.name, c.claimant.actor_id) == (claimant, actor_id)


def test_source_cited_by_the_claimant() -> None:
    c = _one("قالت وكالة ستيب الإخبارية نقلاً عن الدفاع المدني إن ٦ مدنيين قتلوا.", "casualty")
    assert c.claimant is not None and c.claimant.actor_id == "step_news"
    assert [s.actor_id for s in c.sources] == ["white_helmets"]


def test_unit_speaker_when_no_one_is_named() -> None:
    c = _one("قُتل ٤ مدنيين في قصف على البلدة.", "casualty", author="المجلس المحلي")
    assert c.claimant is not None and c.claimant.name == "المجلس المحلي"


# ---- accusations, denials, military actions -----------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "claimant", "actor_id"), [
    ("اتهم المرصد السوري قوات النظام باستخدام البراميل المتفجرة.", "accusation", "sohr", "syrian_arab_army"),
    # a common noun holds the actor responsible: the claimant is the noun, named
    ("وحمّل ناشطون الطيران الروسي مسؤولية المجزرة.", "accusation", "ناشطون", "russian_aerospace_forces"),
    ("نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت المدينة.", "denial", "russian_defence_ministry",
     "russian_defence_ministry"),
])
def test_accusations_and_denials(text: str, kind: str, claimant: str, actor_id: str) -> None:
    c = _one(text, kind)
    assert c.claimant is not None and claimant in (c.claimant.actor_id, c.claimant.name)
    assert c.actor is not None and c.actor.actor_id == actor_id


def test_military_action_with_target() -> None:
    c = _one("اندلعت اشتباكات عنيفة بين قسد وداعش في ريف دير الزور.", "military_action")
    assert c.actor is not None and c.actor.actor_id == "sdf"
    assert c.target is not None and c.target.actor_id == "isis"
    assert c.event == "clashes"


def test_targets_are_physical_things_hit() -> None:
    c = _one("قصفت طائرات النظام مستشفى البلدة ما أدى إلى مقتل ممرض.", "casualty")
    assert [(t.text, t.type) for t in c.targets] == [("مستشفى", "medical")]


# ---- dates relative to publication ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("phrase", "iso"),
    [("اليوم", "2019-07-24"), ("أمس", "2019-07-23"), ("أول أمس", "2019-07-22"),
     ("يوم الاثنين", "2019-07-22"), ("في ٢٢ تموز", "2019-07-22"), ("في 22 يوليو", "2019-07-22")],
)
def test_claim_dates(phrase: str, iso: str) -> None:
    c = _one(f"قُتل ٣ مدنيين {phrase} في قصف على البلدة.", "casualty")
    assert c.date is not None and c.date.start == iso


# ---- English and French are not read as Arabic ---------------------------------------------------

WORLD = Path(__file__).parent / "world"


@pytest.mark.parametrize("name", ["nigeria_article.txt", "sahel_article_fr.txt"])
def test_latin_pages_never_take_the_arabic_route(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (WORLD / name).read_text(encoding="utf-8")
    before = to_dict(run(make_document(text, path=name)))
    calls: list[str] = []

    def refuse(*args: object, **kwargs: object) -> list[Claim]:
        calls.append("claims")
        return []

    monkeypatch.setattr(arabic, "unit_claims", refuse)
    after = to_dict(run(make_document(text, path=name)))
    assert calls == [] and before == after


def test_self_report_names_the_speaker_as_actor() -> None:
    c = _one("أعلنت قوات سوريا الديمقراطية أنها قتلت ١٥ عنصراً من داعش في هجوم ليلي.", "casualty")
    assert c.actor is not None and c.actor.actor_id == "sdf"
    assert c.claimant is not None and c.claimant.actor_id == "sdf"
    assert _victims(c) == [("fighters", "killed", 15, 15)]


def test_relay_after_the_speaker_and_a_cited_report() -> None:
    c = _one("ارتفع عدد قتلى القصف إلى ١٩ شخصاً، بحسب ما نقلت وكالة ستيب الإخبارية عن أطباء.", "casualty")
    assert c.claimant is not None and c.claimant.actor_id == "step_news"
    assert [s.name for s in c.sources] == ["أطباء"]
    c = _one("قُتل ٤ مدنيين في القصف، وفقاً لما ذكرته مصادر محلية.", "casualty")
    assert c.claimant is not None and c.claimant.name == "مصادر محلية"


def test_a_town_named_like_a_channel_is_a_place() -> None:
    rec = _run("أعدم مسلحون ٣ رجال في مدينة الميادين شرقي دير الزور.")
    assert not [a for a in rec.annotations.actors if a.actor_id == "al_mayadeen"]
    c = rec.claims[0]
    assert c.place is not None and c.place.country == "SY" and c.place.admin1 is not None


def test_words_of_claim_phrases_are_no_places() -> None:
    rec = _run("أودى قصف مدفعي بحياة أربعة مدنيين، وأصيب آخرون بجروح.")
    assert [p.text for p in rec.annotations.places] == []


def test_common_word_aliases_are_syrian_only_in_syria() -> None:
    text = "وقال الدفاع المدني في الموصل إن فرقه انتشلت ٤٧ جثة من تحت الأنقاض في المدينة القديمة."
    c = _one(text, "casualty")
    assert c.claimant is not None and c.claimant.actor_id is None and c.claimant.name == "الدفاع المدني"
    assert c.place is not None and c.place.country == "IQ"
    assert _victims(c) == [("bodies", "dead", 47, 47)]
    c = _one("وقال الدفاع المدني في إدلب إن ٦ مدنيين قتلوا في القصف.", "casualty")
    assert c.claimant is not None and c.claimant.actor_id == "white_helmets"


def test_unnamed_gunmen_and_a_pronoun_on_the_victim() -> None:
    c = _one("أطلق مسلحون مجهولون النار على سيارة مدنية ما أسفر عن مقتل سائقها.", "casualty")
    assert _victims(c) == [("civilians", "killed", 1, 1)]
    assert c.actor is not None and c.actor.actor_id is None and c.actor.name == "مسلحون مجهولون"


def test_report_nouns_and_the_one_told_are_not_the_speaker() -> None:
    c = _one("لقي ما يقارب ٢٠٠ شخص مصرعهم في الضربة، وفقاً لتقديرات منظمات حقوقية.", "casualty")
    assert _victims(c) == [("people", "killed", 200, 200)]
    assert c.claimant is not None and c.claimant.name == "منظمات حقوقية"
    c = _one("قُتل ٣ مدنيين بحسب ما أفادت به مصادر محلية لشبكة شام.", "casualty")
    assert c.claimant is not None and c.claimant.name == "مصادر محلية" and c.sources == ()


def test_a_common_noun_speaker_stands_for_the_actor_named_before() -> None:
    text = ("وثق المرصد السوري لحقوق الإنسان مقتل ٧ مدنيين في القصف. "
            "وقال مدير المرصد إن ٣ أطفال بين القتلى.")
    claims = [c for c in _claims(text) if c.kind == "casualty"]
    assert [c.claimant.actor_id if c.claimant else None for c in claims] == ["sohr", "sohr"]
    c = _one("وقال مدير المرصد إن ٣ أطفال قتلوا.", "casualty")  # nothing named before: its own words
    assert c.claimant is not None and c.claimant.actor_id is None


def test_one_count_for_two_fates_is_no_count_of_either() -> None:
    claims = _claims("سقوط نحو ٢٠ قتيلاً وجريحاً في تفجير انتحاري استهدف سوقاً شعبية.")
    assert [c.victims for c in claims] == [()]
    assert claims[0].kind == "military_action" and claims[0].weapon == "suicide_bombing"


def test_among_them_one_person() -> None:
    c = _one("قصفت المدفعية التركية قرى حدودية ما أسفر عن سقوط ٣ ضحايا بينهم امرأة.", "casualty")
    assert _victims(c) == [("people", "killed", 3, 3), ("women", "killed", 1, 1)]
    assert c.actor is not None and c.actor.actor_id == "turkish_armed_forces"


def test_a_dual_number_with_others_and_a_specific_weapon() -> None:
    c = _one("قتل شاب برصاص قناص في الحي، فيما أصيب اثنان آخران.", "casualty")
    assert sorted(_victims(c)) == [("men", "killed", 1, 1), ("people", "injured", 2, 2)]
    assert c.weapon == "sniper"


def test_an_arrest_announced_by_a_ministry() -> None:
    c = _one("أعلنت وزارة الداخلية القبض على خمسة مطلوبين في المحافظة.")
    assert c.kind == "arrest" and c.claimant is not None and c.claimant.name == "وزارة الداخلية"
