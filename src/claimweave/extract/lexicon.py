"""Words that signal casualties, speech, citation, accusation and military action (EN, FR)."""

from __future__ import annotations

import re


def by_word(groups: dict[str, str]) -> dict[str, str]:
    """{label: "space-separated words"} -> {word: label}."""
    return {w: label for label, words in groups.items() for w in words.split()}


VICTIM_NOUNS: dict[str, str] = by_word({
    "civilians": "civilians civilian residents inhabitants villagers worshippers worshipers "
                 "refugees patients volunteers rescuers medics paramedics doctors nurses staff "
                 "journalists teachers passengers shoppers farmers workers employees evacuees "
                 "citizens pilgrims mourners civils habitants secouristes médecins journalistes",
    "people": "people persons individuals person personnes personne gens victims victimes casualties "
              "martyrs martyr others",
    "children": "children child kids minors boys girls boy girl babies baby infants infant students "
                "teenagers teenager teens teen adolescents adolescent enfants enfant adolescente "
                "adolescentes fillette fillettes garçon garçons bébé bébés",
    "women": "women woman mothers femmes femme",
    "men": "men hommes",
    "fighters": "fighters militants jihadists terrorists rebels insurgents combatants gunmen members "
                "mercenaries extremists combattants djihadistes jihadistes terroristes rebelles",
    "soldiers": "soldiers troops servicemen personnel officers guards policemen militiamen "
                "soldats militaires",
    "bodies": "bodies corpses remains corps cadavres",
})

OUTCOMES: dict[str, str] = by_word({
    "killed": "killed kill kills killing dead died die dies deaths death toll massacred slain tuée "
              "martyred martyrs perished lost lives executed beheaded murdered assassinated tués tué tuées "
              "morts mort décédés péri périt massacrés exécutés assassinat assassinés meurtre",
    "injured": "injured injuring injury injuries wounded wounding hurt maimed treated blessés blessé blessées",
    "missing": "missing disappeared disparus disparu",
    "held": "kidnapped abducted detained arrested held hostage hostages captured enlevés "
            "détenus arrêtés otages enlèvement",
    "dead": "exhumed buried unearthed recovered found graves grave exhumés",
    # Displacement is not death: a count that is displaced, fled or made homeless is no casualty
    # (find_victims reports none), and the word is no killing for any other count.
    "displaced": "displaced displacing displace displaces displacement fled flee flees fleeing uprooted "
                 "homeless evacuated exodus déplacés déplacées fui fuir fuient fuyant exode évacués "
                 "sans-abri",
})
# The participle before a noun ("displaced families") or, followed by a verb, the noun itself
# ("12 displaced were killed").
DISPLACED_NOUNS = frozenset({"displaced", "déplacés", "déplacées"})

SPEECH_VERBS = re.compile(
    r"(?i)\b(?:said|says|say|told|tells|claimed|claims|claim|stated|states|announced|announces|"
    r"reported|reports|report|added|noted|warned|warns|insisted|insists|confirmed|confirms|"
    r"declared|declares|alleged|alleges|wrote|writes|tweeted|explained|stressed|asserted|"
    r"a déclaré|a dit|affirme|a affirmé|a indiqué|indique|a annoncé|annonce|déclare|estime|"
    r"rapporte|a rapporté|assure|a assuré)\b"
)

RELAY_BEFORE = re.compile(
    r"(?i)\b(?:according to|as reported by|reported by|quoted by|cited by|citing|via|per|"
    r"told|speaking to|in an interview with|in a statement to|"
    r"selon|d'après|cité par|citant|rapporté par|via|a déclaré à|a dit à)\s+(?:the\s+|la\s+|le\s+|l')?"
)
RELAY_AFTER = re.compile(r"(?i)\b(?:as|comme)\s+(?:(?:the|le|la)\s+)?(?:[a-z][\w-]*\s+){0,3}$")  # "as (the news site) X reports"

ACCUSE_VERBS = re.compile(
    r"(?i)\b(?:accus(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|held\s+\w+\s+responsible|"
    r"condemn(?:s|ed)?|denounc(?:e|es|ed)|charg(?:e|es|ed)\s+that|"
    r"accuse|accusent|accusé|reproche|dénonce|condamne)\b"
)

ACTION_VERBS = re.compile(
    r"(?i)\b(?:carried out|launched|conducted|struck|strikes?|striking|bombed|bombing|bombarded|"
    r"shelled|shelling|attacked|attacks?|targeted|targeting|captured|recaptured|seized|"
    r"took control|liberated|liberate|freed|besieged|advanced|shot down|raided|stormed|pounded|"
    r"hit|fired|ambushed|clashed|pilonné|bombardé|frappé|attaqué|ciblé|repris|pris le contrôle|"
    r"libéré|assiégé|visé)\b"
)

HELD_SUFFIX = re.compile(r"^[-\s]?(?:held|controlled|run|occupied|besieged)\b", re.I)
# An actor named as the owner of a place or a target ("rebel bastion", "opposition checkpoint",
# "the headquarters of Ahrar al-Sham", "members of the alliance") is no perpetrator by default.
OWNED_SUFFIX = re.compile(
    r"^\s?(?:bastions?|strongholds?|towns?|villages?|cit(?:y|ies)|areas?|districts?|"
    r"neighbou?rhoods?|territor(?:y|ies)|enclaves?|pockets?|checkpoints?|positions?|headquarters|"
    r"bases?|camps?|outposts?|depots?|offices?|fiefs?)\b", re.I)
OWNER_PREFIX = re.compile(
    r"(?i)\b(?:headquarters|positions?|bases?|checkpoints?|strongholds?|territory|offices?|"
    r"members?|leaders?|commanders?|meeting|convoy|depots?|bastions?)\s+of\s+(?:the\s+)?$")
NEGATION = re.compile(
    r"(?i)\b(?:not|no|never|didn['’]t|did not|denied|denies|deny|n['’]a pas|aucun|aucune|ne\s+\w+\s+pas)\b"
)

# Common-noun speakers and relays: "the local council told", "per local activists", "a resident said".
SPEAKER_NOUNS = (
    r"council|cousin|brother|sister|father|mother|relative|relatives|neighbou?r|resident|residents|"
    r"activist|activists|official|officials|source|sources|spokesman|spokeswoman|spokesperson|"
    r"witness|witnesses|doctor|doctors|medic|medics|nurse|volunteer|volunteers|monitor|observatory|"
    r"ministry|army|military|police|group|correspondent|journalist|reporter|commander|governor|"
    r"mayor|agency|network|coalition|government|regime|statement|report|indictment|survivor|"
    r"survivors|rescuers|teams|accusation|acte|habitants|témoins|militants|responsable|sources"
)
NOUN_SPEAKER = re.compile(
    r"(?i)(?:^|[\s,;:(])((?:(?:the|a|an|our|my|his|her|their|one|several|some|local|le|la|les|l'|un|une)\s*)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:" + SPEAKER_NOUNS + r"))\s*$"
)
NOUN_RELAY = re.compile(
    r"(?i)((?:(?:the|a|an|our|my|local|le|la|les|l'|un|une)\s*)?(?:[\w'’-]+\s+){0,3}?(?:"
    + SPEAKER_NOUNS + r")(?:\s+d['’]accusation)?)\b"
)
# Generic nouns that point back to an actor named earlier ("the ministry" after "the Russian
# Defence Ministry"), with the actor types they may stand for.
COREF_TYPES = {
    "ministry": {"ministry"}, "monitor": {"monitor"}, "observatory": {"monitor"},
    "coalition": {"coalition"}, "army": {"military"}, "military": {"military"},
    "government": {"government", "state"}, "regime": {"government", "state"},
    "group": {"monitor", "ngo", "armed_group"}, "network": {"monitor", "outlet"},
    "agency": {"outlet", "un"},
}

# A cumulative or war-long toll: background to the report, no single incident.
CUMULATIVE = re.compile(
    r"(?i)\bsince\s+(?:the\s+(?:start|beginning|outbreak)|(?:early\s+|late\s+|(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)\s+)?(?:19|20)\d\d|"
    r"it\s+(?:began|erupted|started)(?!\s+(?:this|last|on|earlier|yesterday|today))|"
    r"the\s+(?:conflict|war|uprising|revolt))|\b(?:war|conflict)\s+(?:has|had)\s+(?:killed|left|displaced)|"
    # "the war in Tigray has killed": a war's toll, its place between
    r"\b(?:war|conflict)\s+in\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:has|had)\s+(?:killed|left|claimed)|"
    r"\b(?:war|conflict)\s+that\s+has\s+(?:killed|displaced)|"
    # a toll over a year or more: "in the past year", "over the last three years", "in recent years"
    r"\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:(?:\w+|\d+)\s+)?(?:years?|decades?)\b|"
    r"\bin\s+recent\s+years\b|\bso\s+far\s+this\s+year\b|\bthis\s+year\s+alone\b|"
    r"\bdepuis\s+(?:le\s+(?:début|déclenchement|commencement)|(?:(?:début|fin|mars)\s+)?(?:19|20)\d\d\b|"
    r"(?:la|cette)\s+guerre|le\s+conflit)|"
    r"\b(?:au\s+cours\s+des|ces)\s+(?:\w+\s+)?dernières\s+années\b")
