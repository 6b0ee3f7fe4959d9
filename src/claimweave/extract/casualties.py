"""Casualty phrases: "more than 17 civilians ... were killed", "killing 12", "death toll of 70"."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..model import Quantity, Victims
from .lexicon import DISPLACED_NOUNS, OUTCOMES, VICTIM_NOUNS

_TOK = re.compile(r"[^\W\d_][\w-]*|\d[\d,.]*", re.UNICODE)
_GROUP = re.compile(
    r"(?i)\b(?:including|among them|among whom|of whom|dont|parmi lesquels|parmi eux)\b"
)
_SKIP = frozenset(["of", "the", "other", "more", "at", "least", "some", "des", "de", "d'", "other", "and", "innocent", "unarmed", "local", "syrian", "iraqi", "kurdish", "arab", "pro-government", "pro-regime", "loyalist", "army", "military", "security", "medical", "humanitarian", "aid", "rescue", "emergency", "health", "relief", "civil", "defence", "defense", "government", "opposition", "rebel", "isis", "regime", "russian", "turkish", "american", "year-old", "years-old"])
_TOLL_REACHED = re.compile(
    r"(?i)\b(?:death\s+toll|toll|bilan)\b[^.;:!?]{0,100}?\b(?:reached|rose\s+to|risen\s+to|climbed\s+to|"
    r"jumped\s+to|hit|stands?\s+at|stood\s+at|is|was|of|at|to|atteint|s'élève\s+à)\s+"
    r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|au\s+moins\s+|plus\s+de\s+)?$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CAP_NEXT = re.compile(r"\s+[A-Z]")
_CLAUSE_GO = frozenset(["and", "or", "in", "on", "at", "including", "among", "during", "when", "as", "while", "after", "more", "others", "et", "dont"])
_DEATH_TOLL = re.compile(r"(?i)death toll|bilan")
_TOLL_BEFORE = re.compile(
    r"(?i)\b(?:the dead|death toll|the toll|toll|casualties|fatalities|bilan|les morts|victims)"
    r"\b[^.;:]{0,25}$")


_RELATIVE = re.compile(r"(?i)\b(?:who|that|which|qui)\s+(?:had\s+|have\s+|has\s+|avaient\s+|ont\s+)?(?:\w+\s+)?$")


def _tokens(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower()) for m in _TOK.finditer(text, s, e)]


_COORD = re.compile(r"(?i)\s*,?\s*(?:and|while|whereas|but|et|mais|tandis que)\s+")
# Outcome verbs that take their victim as object: "gunmen killed the teacher", "killed 4 civilians".
_TRANSITIVE = frozenset(["kill", "kills", "killing", "killed", "massacred", "slain", "executed", "beheaded", "murdered", "assassinated", "injured", "injuring", "wounded", "wounding", "maimed", "kidnapped", "abducted", "detained", "arrested", "captured", "held", "tué", "tués", "tuée", "tuées", "massacrés", "exécutés", "assassinés", "blessé", "blessés", "blessée", "blessées", "enlevés", "détenus", "arrêtés"])
# After such a verb, its own object: a determiner and a noun that is no time ("killed the teacher",
# "a tué l'enseignant"; not "killed the same day", "wounded last week").
_OBJECT = re.compile(
    r"(?i)\s+(?:(?:the|a|an|his|her|their|its|le|la|les|un|une|son|sa|ses|leur|leurs)\s+|l['’])"
    r"(?!(?:same|day|night|morning|evening|afternoon|week|weekend|month|year|following|next|previous|"
    r"last|other|first|second|latest|jour|nuit|veille|lendemain|semaine|même)\b)[^\W\d_]")


def _outcome_near(text: str, s: int, e: int, lo: int, hi: int,
                  counted: Sequence[tuple[int, int]] = ()) -> tuple[str, int] | None:
    """The outcome word nearest to ``s:e`` inside the window ``lo:hi``.

    ``counted`` holds the (end, start) of the other counts of the sentence, sorted: an outcome word right after
    one of them ("Three killed over 70 injured") is that count's own, unless that count has its
    outcome word before it ("killed 12 injured 30"). A verb after the count that has an object of its
    own ("2 soldiers who beat them ... killed 4 civilians", "the 3 men who killed the teacher") is
    that object's outcome: the count is at most its subject.
    """
    best: tuple[int, str, int] | None = None
    bodies = _BODY_WORDS.search(text, lo, hi) is not None
    for ts, te, w in _tokens(text, lo, hi):
        o = OUTCOMES.get(w)
        if o is None:
            continue
        if w in ("found", "recovered") and not bodies:
            continue  # "found refuge", "recovered": only bodies are found dead
        if o == "displaced" and s <= ts < e:
            continue  # "12 displaced people": the count's own noun phrase, not its outcome
        if o == "displaced" and ts >= e and _RELATIVE.search(text, max(lo, ts - 24), ts):
            continue  # "nine farmers who had fled their village died": what they are, not their fate
        if ts >= e and w in _TRANSITIVE and not _PASSIVE.search(text, max(lo, ts - 25), ts) \
                and _has_object(text, te, counted):
            continue  # the verb's object is its victim, not this count
        if ts < s and re.search(r"[;:]", text[te:s]):
            continue  # an outcome before a clause break belongs to another clause
        dist = ts - e if ts >= e else s - te
        if ts < s and _COORD.fullmatch(text, te, s):
            dist += 1000  # "a child was killed and twenty were injured": the next clause's own verb wins
        if ts < s and any(_OWN_OUTCOME.fullmatch(text, ce, ts) and not _verb_first(text, cs, lo)
                          for ce, cs in _ending_before(counted, ts)):
            dist += 500  # "48 people dead over 100 injured": "dead" is the 48's
        if best is None or dist < best[0]:
            best = (dist, o, te)
    if best is None and _DEATH_TOLL.search(text, lo, hi):
        m = _DEATH_TOLL.search(text, lo, hi)
        assert m is not None
        return "killed", m.end()
    return (best[1], best[2]) if best else None


# A passive verb has no object: what follows "were killed" is no victim of its own ("34 people were
# killed 6 of them children", "500 were injured the United Nations said").
_PASSIVE = re.compile(r"(?i)\b(?:were|was|been|be|being|is|are|got|get|été|être|est|sont)\s+(?:[^\W\d_]+ly\s+)?$")
# "killed 34, 6 of them children": a part of the count before, not the verb's object.
_PART_OF = re.compile(r"(?i)\s+(?:of\s+(?:them|whom|those)|d['’]entre\s+(?:eux|elles))\b")
_SPACE = re.compile(r"\s+")


def _has_object(text: str, te: int, counted: Sequence[tuple[int, int]]) -> bool:
    """Whether the verb ending at ``te`` has an object of its own: a determiner and noun, or a count
    that has no outcome word of its own right after it ("killed 4 civilians", but not the "50" of
    "Four killed more than 50 injured")."""
    if _OBJECT.match(text, te):
        return True
    m = _SPACE.match(text, te)
    if m is None:
        return False
    for ce, cs in counted:
        if cs == m.end():
            if _PART_OF.match(text, ce):
                return False
            after = _tokens(text, ce, ce + 40)[:2]
            return not any(w in OUTCOMES for _ts, _te, w in after)
    return False


_BODY_WORDS = re.compile(r"(?i)\b(?:bod(?:y|ies)|corpses?|remains|graves?|corps|cadavres|charniers?)\b")
# Between a count and its own outcome word: nothing, or one noun ("48 people dead").
_OWN_OUTCOME = re.compile(r"\s+(?:[^\W\d_][\w-]*\s+)?")
# "a child", "a woman": a count of one the number finder does not give.
_ONE = re.compile(
    r"(?i)\b(?:(?:a|an)\s+(?:(?:young|little|small|pregnant|elderly|teenage|newborn)\s+|"
    r"\d{1,3}[\s-]*years?[\s-]*old\s+)?"
    r"(?:child|baby|infant|girl|boy|woman|civilian|person|teenager|teen|adolescent)|"
    r"(?:un|une)\s+(?:(?:jeune|petite?)\s+)?(?:enfant|femme|civil|adolescente?|fillette|garçon|bébé|personne))\b"
    r"|\b(?:a|an)\s+\d{1,3}-year-old(?=\s+(?:was|is|has|had|died|killed|wounded|injured|and|who)\b|\s*[,.;]|\s*$)")
# "a 17-year-old was killed": the age is the noun, the count is one person.
_AGE_ONE = re.compile(r"(?i)(?:a|an)\s+\d{1,3}-year-old")
# "civilian sites", "civilian areas": the adjective, not a count of civilians.
_NOT_PERSONS = frozenset(re.findall(r"\w+", """sites site areas area targets target infrastructure
    facilities facility buildings building homes houses objects neighbourhoods neighborhoods
    vehicles vehicle cars buses convoy convoys airport planes aircraft"""))
# "members of the medical staff", "members of a tribe": not fighters.
_CIVIL_MEMBERS = re.compile(
    r"(?i)\s+of\s+(?:the\s+|a\s+|an\s+|one\s+|his\s+|her\s+|their\s+|same\s+)*(?:[\w-]+\s+)?"
    r"(?:famil|tribe|clan|staff|medical|civil|rescue|crew|team|press|media|household|white)")


_OWN_GAP = 40  # an outcome word this far after a count, at most, can be that count's own


def _ending_before(counted: Sequence[tuple[int, int]], pos: int) -> Sequence[tuple[int, int]]:
    """The counts (end, start) that end within ``_OWN_GAP`` characters before ``pos``."""
    return counted[bisect.bisect_left(counted, (pos - _OWN_GAP, -1)):bisect.bisect_right(counted, (pos, pos))]


def _verb_first(text: str, s: int, lo: int) -> bool:
    """Whether the count at ``s`` comes right after its outcome word ("killing 12")."""
    prev = _tokens(text, max(lo, s - 20), s)
    return bool(prev) and prev[-1][2] in OUTCOMES


def _ones(text: str, start: int, end: int, quantities: list[Quantity]) -> list[Quantity]:
    """Counts of one said with an article ("a woman and a child"), outside the numbers found."""
    taken = [(q.start, q.end) for q in quantities]
    out = []
    for m in _ONE.finditer(text, start, end):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(Quantity(m.start(), m.start() + len(m.group().split()[0]), m.group().split()[0], 1, 1))
    return out


_AUX = frozenset(["were", "have", "had", "are", "was", "ont", "sont"])
_ALLIED = ("-backed", "-linked", "-affiliated", "-led", "-aligned", "-allied", "-loyal", "-sponsored")
_COUNTER = re.compile(r"(?i)\b(?:views|shares|likes|comments|retweets|reads)\s*:?\s*$")


def find_victims(text: str, start: int, end: int, quantities: list[Quantity]) -> list[Victims]:
    """Victim groups stated in the sentence ``text[start:end]``."""
    out: list[Victims] = []
    quantities = sorted([q for q in quantities if start <= q.start and q.end <= end]
                        + _ones(text, start, end, quantities), key=lambda q: q.start)
    counted = sorted((q.end, q.start) for q in quantities)
    for q in quantities:
        if q.min is None and q.max is None:
            continue
        if _YEAR.fullmatch(q.text) and _CAP_NEXT.match(text, q.end):
            continue  # "21 Jul 2016 Dozens of civilians...": a dateline year, not a count
        if _COUNTER.search(text, max(start, q.start - 12), q.start):
            continue  # "Print Tweet Views 371 Related ...": a page's share counter, not a count
        toks = _tokens(text, q.end, min(end, q.end + 60))
        vtype = None
        noun_end = q.end
        for i, (ts, te, w) in enumerate(toks[:6]):
            if w in DISPLACED_NOUNS:
                nxt_w = toks[i + 1][2] if len(toks) > i + 1 else ""
                if nxt_w in _AUX:
                    vtype, noun_end = "civilians", te  # "12 displaced were killed"
                    break
                if nxt_w in VICTIM_NOUNS:
                    continue  # "12 displaced people": an adjective
                break  # "thousands displaced": the count's outcome, no noun
            if w in VICTIM_NOUNS:
                vtype, noun_end = VICTIM_NOUNS[w], te
                nxt = _tokens(text, te, min(end, te + 30))[:1]
                if w == "civilian" and nxt and nxt[0][2] in _NOT_PERSONS:
                    vtype = None  # "several civilian sites"
                elif w == "members" and _CIVIL_MEMBERS.match(text, te):
                    vtype = "civilians"  # "15 members of the medical staff"
                break
            if text[ts].isupper() or w in ("group", "affiliated", "linked", "backed") or w.endswith(_ALLIED):
                continue  # "12 IS group militants", "20 Nusra-linked fighters", "dozens of foreign-backed militants"
            if (w not in _SKIP and not w.endswith("ly") and len(w) > 2
                    and w not in ("other", "more", "innocent", "unarmed", "local", "young", "elderly")):
                break
        # "12 more were wounded": "more" does not decide what the count is of
        first = toks[1][2] if len(toks) > 1 and toks[0][2] == "more" else toks[0][2] if toks else ""
        if vtype is None and (_TOLL_BEFORE.search(text, max(start, q.start - 40), q.start)
                              or _TOLL_REACHED.search(text, max(start, q.start - 120), q.start)):
            vtype = "people"  # "the dead were more than 40", "the death toll ... has reached 126"
        if vtype is None and first in OUTCOMES:
            vtype = "people"  # "killing 12 ... 12 dead", "12 were killed"
        if vtype is None and (age := _AGE_ONE.match(text, q.start)) is not None:
            vtype, noun_end = "people", age.end()
        if vtype is None and first in _AUX:
            vtype = "people"
        if vtype is None and (not toks or first in _CLAUSE_GO):  # "killing dozens and ...", "killed 12."
            prev = _tokens(text, max(start, q.start - 20), q.start)
            if prev and OUTCOMES.get(prev[-1][2]) in ("killed", "injured"):
                vtype = "people"
        if vtype is None:
            continue
        outcome = _outcome_near(text, q.start, noun_end, max(start, q.start - 80), min(end, noun_end + 90),
                                counted)  # its own count ends after every word before it
        if outcome is None or outcome[0] == "displaced":
            continue  # displacement is no casualty
        if outcome[0] != "killed" and _TOLL_REACHED.search(text, max(start, q.start - 120), q.start) \
                and _DEATH_TOLL.search(text, max(start, q.start - 120), q.start):
            outcome = ("killed", outcome[1])  # "the death toll rose to 12 with over 200 injured"
        if vtype == "bodies":
            outcome = ("dead", outcome[1])
        span_end = noun_end
        out.append(Victims(vtype, outcome[0], q.min, q.max, text[q.start:span_end]))
    out.extend(_groups_without_count(text, start, end, out))
    return out


def _groups_without_count(text: str, start: int, end: int, found: list[Victims]) -> list[Victims]:
    """"including women and children": groups named with no count of their own."""
    if not found:
        return []
    m = _GROUP.search(text, start, end)
    if not m:
        return []
    have = {v.type for v in found}
    extra = []
    for ts, _te, w in _tokens(text, m.end(), min(end, m.end() + 40))[:5]:
        t = VICTIM_NOUNS.get(w)
        if t in ("children", "women", "men") and t not in have:
            extra.append(Victims(t, found[0].outcome, None, None, text[ts:_te]))
            have.add(t)
    return extra
