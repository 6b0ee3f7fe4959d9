"""Persuasion techniques (SemEval-2023 Task 3 taxonomy) as patterns, English and French.

Each technique has patterns and the reason a person can check. Patterns favour precision:
words that reporters use neutrally ("alleged", "killed", "regime" inside a quote) are left out
or guarded by context in :mod:`claimweave.frame`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Technique:
    name: str
    pattern: re.Pattern[str]
    reason: str


# Labels each side of a war contests, which a writer casts doubt on by putting them in scare quotes.
CONTESTED_LABELS = ("moderates?", "rebels?", "opposition", "terrorists?", "liberat(?:ion|ed|ors?)",
                    "humanitarian", "ceasefire", "truce", "democracy", "revolution", "civil war",
                    "coalition", "white helmets", "precision", "election")


def _words(*ws: str) -> str:
    return r"\b(?:" + "|".join(ws) + r")\b"


TECHNIQUES: tuple[Technique, ...] = (
    Technique("loaded_language", re.compile(_words(
        "cowardly", "cowards?", "barbaric", "barbarians?", "savage(?:ry|ly)?", "heinous", "monstrous",
        "bloodthirsty", "blood-soaked", "evil", "diabolical", "sinister", "despicable", "vile",
        "horrific", "atrocious", "abhorrent", "depraved", "butchers?", "slaughter(?:ed|ing)?",
        "staggering (?:loss|number|toll|scale|cost|death)", "shameful", "disgraceful", "criminal regime",
        "war criminals?", "bloodbath", "genocidal", "scumbags?", "murderous",
        "treacherous",
        "lâches?", "barbares?", "sanguinaires?", "ignobles?", "odieux", "abject(?:e|s)?",
        "boucherie", "carnage") + r"|" + _words("massacre[sd]?") + r"(?=\s+(?:of|in|by|against)\b)",
        re.I), "emotionally charged word chosen over a neutral one"),
    Technique("name_calling", re.compile(
        r"(?:" + _words("US-backed", "Saudi-backed", "Western-backed", "foreign-(?:backed|sponsored)",
                        "NATO-backed", "Takfiri", "so-called moderate") +
        r"\s+(?:jihadists|terrorists|mercenaries|thugs|proxies|gangs?)"
        r"|" + _words("terrorist (?:gangs|groups|organizations|militants)", "Takfiri terrorists?",
                      "mercenar(?:y|ies)", "puppets?", "lackeys?", "stooges?", "thugs", "warmongers?",
                      "cannon fodder", "presstitutes", "head-choppers", "moderate head-choppers",
                      "(?:Kurdish|Assad|regime) militias", "Yank(?:ee)?s",
                      "gangs of", "occupiers?",
                      "bandes? (?:armées|terroristes)", "mercenaires", "terroristes takfiris?") + r")",
        re.I), "a label that casts a group as contemptible instead of naming it"),
    Technique("exaggeration_minimisation", re.compile(_words(
        "never (?:been|seen|known|witnessed) (?:an? )?(?:more|bigger|greater|worse)",
        "(?:most|greatest|finest|best) [\\w-]+(?: [\\w-]+)? (?:ever|in (?:all |human |recorded )?history)",
        "absolutely (?:no|nothing|everyone|everything|all)", "completely (?:destroyed|wiped)", "totally",
        "whole world", "everyone knows", "nobody (?:believes|cares)", "not a single",
        "merely", "mere", "entire(?:ly)? (?:city|population)", "jamais",
        "tout le monde sait", "personne ne"), re.I),
        "a claim inflated or played down beyond what the facts stated support"),
    Technique("doubt", re.compile(_words(
        "so-called", "self-proclaimed", "if we are to believe", "dubious", "questionable",
        "soi-disant", "prétendu(?:e|s)?", "pseudo"), re.I),
        "casts doubt on a thing or its name ('so-called')"),
    Technique("doubt", re.compile(
        r"[‘'“\"](?:" + "|".join(CONTESTED_LABELS) + r")[’'”\"]", re.I),
        "casts doubt on a thing by putting its name in scare quotes"),
    Technique("appeal_to_fear", re.compile(_words(
        "will be next", "before it['’]?s too late", "threat to (?:all|the whole|every)",
        "could be wiped out",
        "brink of (?:war|catastrophe|disaster)", "world war (?:three|III)", "nuclear war",
        "(?:left|abandoned) (?:to|at) the mercy of", "au bord du gouffre", "menace pour tous"), re.I),
        "raises fear of what will follow to win agreement"),
    Technique("flag_waving", re.compile(_words(
        "our (?:nation|homeland|motherland|brave (?:soldiers|troops|army)|heroic (?:army|soldiers))",
        "motherland", "heroic (?:army|soldiers|troops|people)", "patriots?", "patriotic duty",
        "defenders of the homeland", "our glorious", "notre patrie", "nos héros",
        "armée héroïque", "héroïque armée"), re.I),
        "appeals to national or group pride instead of argument"),
    Technique("causal_oversimplification", re.compile(_words(
        "(?:only|real|sole|true) reason", "all because", "simply because", "to blame for (?:all|everything)",
        "root of all", "nothing but a pretext", "whole point (?:of|is)",
        "(?:real|sole|true) (?:objective|aim|motive)", "la seule raison", "tout ça parce que"), re.I),
        "a complex outcome put down to a single cause"),
    Technique("whataboutism", re.compile(_words(
        "what about", "where were (?:they|you)", "hypocri(?:sy|tes?|tical)", "double standards?",
        "et que dire de", "deux poids,? deux mesures"),
        re.I),
        "answers an accusation by pointing at the accuser's own conduct"),
    Technique("slogans", re.compile(_words(
        "game over", "hands off syria", "assad must go", "no to war", "free syria(?! army)",
        "never forget", "wake up", "truth will (?:out|prevail)"), re.I),
        "a short catch-phrase standing in for an argument"),
    Technique("slogans", re.compile(r"#\w*(?:must|never|stop|free|justice)\w*|(?-i:(?<![\w#])(?:[A-Z]{3,}\s){2,}[A-Z]{3,}!)",
                                    re.I),
        "a short catch-phrase standing in for an argument (hashtag or shouted line)"),
    Technique("appeal_to_authority", re.compile(_words(
        "experts (?:agree|say|believe|confirm)", "all experts", "(?:renowned|leading|top) experts?",
        "scientists (?:agree|say)", "(?:undeniable|indisputable|incontrovertible) (?:proof|evidence)",
        "irrefutable", "les experts s'accordent",
        "preuves? irréfutables?"), re.I),
        "a claim held true because of who says it, not what is shown"),
    Technique("questioning_reputation", re.compile(_words(
        "(?:lies|propaganda|fabrications) of the (?:mainstream |western |corporate )?media",
        "mainstream media (?:lies|propaganda)", "fake news", "propaganda (?:outlet|machine|mouthpiece)",
        "mouthpiece",
        "presstitutes", "paid (?:by|shills?)", "discredited", "notorious liars?", "lying media",
        "médias mensongers", "propagande occidentale"), re.I),
        "attacks a source's honesty instead of its claim"),
)

# The words a text chooses for one thing: concept -> {term pattern: term label}.
FRAMING: dict[str, dict[str, str]] = {
    "syrian_state": {r"\bregime\b|\brégime\b": "regime", r"\bgovernment\b|\bgouvernement\b": "government",
                     r"\bDamascus\b|\bDamas\b": "Damascus"},
    "armed_opposition": {r"\bterrorists?\b|\bterroristes?\b": "terrorists", r"\brebels?\b|\brebelles?\b": "rebels",
                         r"\bopposition\b": "opposition", r"\bmilitants?\b": "militants",
                         r"\bjihadists?\b|\bdjihadistes?\b|\bjihadistes?\b": "jihadists",
                         r"\binsurgents?\b|\binsurgés\b": "insurgents", r"\bgunmen\b": "gunmen",
                         r"\bmercenar(?:y|ies)\b|\bmercenaires?\b": "mercenaries"},
    "territory_change": {r"\bliberat(?:ed|e|ion|ing)\b|\blibér(?:é|ée|és|ation)\b": "liberated",
                         r"\bcaptur(?:ed|e|ing)\b": "captured", r"\boccup(?:ied|ation|y)\b|\boccup(?:é|ée|ation)\b": "occupied",
                         r"\bseiz(?:ed|e|ing)\b": "seized", r"\bfreed\b": "freed", r"\brecaptur(?:ed|e)\b|\brepris\b": "recaptured",
                         r"\bfell to\b|\btomb(?:é|ée) aux mains\b": "fell"},
    "violent_event": {r"\bmassacres?\b|\bcarnage\b": "massacre", r"\bstrikes?\b|\bfrappes?\b": "strike",
                      r"\battacks?\b|\battaques?\b": "attack", r"\bincident\b": "incident",
                      r"\bcrimes?\b": "crime", r"\bgenocide\b|\bgénocide\b": "genocide"},
    "the_dead": {r"\bmartyrs?\b|\bmartyred\b|\bmartyrs?\b": "martyrs", r"\bvictims?\b|\bvictimes?\b": "victims",
                 r"\bcasualties\b": "casualties", r"\bdead\b|\bmorts\b": "dead"},
    "foreign_forces": {r"\bcoalition\b": "coalition", r"\binvaders?\b|\binvasion\b": "invaders",
                       r"\boccupiers?\b|\boccupation forces\b": "occupiers", r"\ballies\b|\balliés\b": "allies"},
}
