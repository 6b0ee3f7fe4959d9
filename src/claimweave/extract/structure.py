"""Roles from the dependency parse: who did it, to whom, to what, with what, and who says so.

Works on one parsed sentence (a spaCy ``Doc`` whose offsets are relative to the sentence start
``base`` in the document). Everything here reads structure and entity labels, never a list of
known actors: the knowledge base links what this finds afterwards.

- The **event** is a violent predicate: a verb ("shot", "kidnapped", "shelled") or an event noun
  ("the airstrike", "an attack"), from an open list across wars (:data:`EVENTS`).
- The **agent** (perpetrator) is its active subject, its passive "by" agent, or the possessor,
  modifier or "by" phrase of an event noun ("the regime's airstrike", "Russian airstrikes",
  "an attack by gunmen").
- The **patient** is its object, its passive subject, or the "on"/"of" phrase of an event noun;
  a patient that is a thing (:data:`TARGETS`) is a physical target, a person entity a named
  victim, with the role noun attached to it ("journalist Ana Ruiz", "Ruiz, a teacher").
- The **instrument** is a "with" phrase naming a weapon ("with a grenade").
- The **claimant** is the subject of a speech verb or the object of "according to"; pronouns
  resolve to the nearest compatible entity named before. A claimant is always an entity span
  (PERSON, ORG, NORP, GPE), a generic speaker noun phrase, or nothing - never a fragment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# ------------------------------------------------------------------ lexicons (open lists)


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# word (lower, inflected) -> event type. Verbs and nouns; French where common.
_EVENT_WORDS: dict[str, str] = {}


def _add(event: str, words: str) -> None:
    for w in words.split():
        _EVENT_WORDS[w] = event


_add("killing", "kill kills killed killing killings murder murders murdered murdering slay slew slain "
     "assassinate assassinated assassination massacre massacred massacres lynched tue tué tués tuée "
     "tuées assassiné assassinés massacré massacrés")
_add("shooting", "shoot shoots shot shooting shootings gunned opened fusillade fusillé fusillés abattu "
     "abattus")
_add("stabbing", "stab stabs stabbed stabbing stabbings hacked poignardé poignardés")
_add("execution", "execute executes executed execution executions beheaded beheading exécuté exécutés "
     "décapité")
_add("kidnapping", "kidnap kidnaps kidnapped kidnapping kidnappings abduct abducts abducted abduction "
     "abductions enlevé enlevés enlevées enlèvement enlèvements séquestré otage otages hostage")
_add("arrest", "arrest arrests arrested detain detains detained detention detentions apprehended "
     "rounded arrêté arrêtés interpellé interpellés")
_add("bombing", "bomb bombs bombed bombing bombings blew detonated explosion explosions exploded blast "
     "blasts attentat attentats explosé")
_add("airstrike", "airstrike airstrikes air-strike air-strikes raid raids struck strike strikes frappe "
     "frappes bombardé bombardement bombardements")
_add("shelling", "shell shells shelled shelling pounded bombardment mortared pilonné pilonnage")
_add("arson", "burn burns burned burnt torched torching arson incendié incendiés brûlé brûlés")
_add("siege", "besiege besieged siege sieges encircled assiégé assiégée blockade")
_add("attack", "attack attacks attacked attacking ambush ambushed ambushes stormed storm assault "
     "assaulted raided targeted targeting hit hits attaqué attaquée attaque attaques embuscade "
     "ciblé visé")
_add("mass_grave", "grave graves charnier charniers")
_add("capture", "captured recaptured seized overran overrun retook emparé emparés empare "
     "capturé capturée conquis")
_add("attack", "wound wounds wounded wounding injure injured injuring blessé blessés dropped threw hurled "
     "lobbed planted fired")
_add("clashes", "clashes clashed affrontements combats")

EVENTS = frozenset(_EVENT_WORDS)
# Predicates after which a person patient is a victim of each outcome.
_OUTCOME_OF = {"killing": "killed", "shooting": "injured", "stabbing": "injured", "execution": "killed",
               "kidnapping": "held", "arrest": "arrested", "bombing": "killed", "airstrike": "killed",
               "shelling": "killed", "attack": "injured", "arson": "injured"}
_DEADLY = re.compile(r"(?i)\b(?:dead|death|died|fatally|killed|killing|tué|tués|mort)\b")

# Physical things attacked: head noun -> target type.
TARGETS: dict[str, str] = {}
for _t, _ws in {
    "medical": "hospital hospitals clinic clinics ambulance ambulances dispensary hôpital hôpitaux "
               "clinique",
    "school": "school schools kindergarten university college école écoles",
    "market": "market markets marketplace souk bazaar shop shops store stores mall supermarket "
              "marché marchés",
    "gathering": "nightclub club bar bars concert festival wedding funeral rally parade crowd "
                 "ceremony stadium",
    "religious": "mosque mosques church churches temple monastery pagoda synagogue shrine mosquée église",
    "food": "bakery bakeries mill warehouse warehouses boulangerie",
    "infrastructure": "pipeline pipelines power plant station substation dam bridge bridges "
                      "grid tower towers refinery oilfield airport port railway train "
                      "oléoduc pont centrale",
    "residential": "house houses home homes building buildings apartment apartments residence "
                   "village villages neighbourhood neighborhood maison maisons immeuble domicile "
                   "quartier logements",
    "finance": "bank banks banque",
    "vehicle": "convoy convoys bus buses truck trucks car cars vehicle vehicles boat boats "
               "convoi véhicule",
    "security": "checkpoint checkpoints base bases barracks post outpost station police "
                "prison jail camp camps caserne",
    "civic": "office offices headquarters hotel hotels restaurant cafe café stadium court courthouse "
             "council town-hall mairie hôtel hôtels bureau bureaux tribunal",
    "aid": "shelter shelters distribution",
}.items():
    for _w in _ws.split():
        TARGETS[_w] = _t
# Compounds whose head alone says little: "power station", "police station", "gas station".
_TARGET_ONLY_WITH = {"station": "infrastructure", "plant": "infrastructure", "post": "security",
                     "police": "security", "camp": "security", "distribution": "aid", "tower": "infrastructure"}

WEAPONS: dict[str, str] = {w: w for w in _words(
    "rifle rifles pistol pistols gun guns handgun machine-gun kalashnikov ak-47 grenade "
    "grenades machete machetes knife knives axe dynamite explosives ied ieds mine mines "
    "landmine drone drones mortar mortars rocket rockets missile missiles artillery shell "
    "shells barrel-bomb barrel-bombs bomb bombs car-bomb chlorine sarin gas tank tanks rpg "
    "rpgs sniper couteau fusil roquettes obus couteaux fusils roquette machette machettes "
    "kalachnikov mortier mortiers bombe bombes explosifs"
)}

ROLES: dict[str, str] = {}
for _r, _ws in {
    "journalist": "journalist journalists reporter reporters photographer cameraman correspondent "
                  "editor journaliste journalistes",
    "official": "mayor governor minister official officials councillor councilor deputy senator "
                "judge prosecutor candidate maire gouverneur élu",
    "leader": "leader leaders chief emir",
    "aid_worker": "aid worker workers volunteer volunteers humanitarian",
    "medic": "doctor doctors nurse nurses medic medics paramedic paramedics surgeon médecin",
    "police": "police policeman policemen officer officers agent policier gendarme",
    "soldier": "soldier soldiers sergeant captain colonel general lieutenant major commander "
               "soldat",
    "fighter": "fighter fighters militant militants guerrilla guerrillas rebel rebels combatant "
               "jihadist",
    "child": "child children boy girl boys girls teenager teen baby infant student students "
             "pupil enfant",
    "civilian": "civilian civilians teacher farmer activist lawyer priest imam pastor trader "
                "driver worker shopkeeper businessman resident villager woman man researcher "
                "schoolteacher civil civils chercheur enseignant enseignante militant militante "
                "avocat prêtre commerçant chauffeur habitant habitants villageois femme homme",
}.items():
    for _w in _ws.split():
        ROLES[_w] = _r

_VEHICLES = _words(
    "warplanes warplane jets jet aircraft planes plane helicopters helicopter drones drone "
    "artillery gunships tanks navy avions"
)
# Agents named by what they are, not who: actors of the generic type.
GENERIC_AGENTS = _words(
    "shooter shooters killer killers suspect suspects "
    "gunmen gunman militants militant guerrillas guerrilla assailants assailant attackers "
    "attacker insurgents insurgent rebels jihadists terrorists bandits fighters militiamen "
    "militias militia soldiers troops forces police policemen army military paramilitaries "
    "paramilitary kidnappers hitmen sicarios snipers sniper bombers bomber men raiders mob "
    "hommes assaillants terroristes djihadistes jihadistes militaires soldats rebelles "
    "policiers mercenaries mercenaires armée armées miliciens milices combattants insurgés "
    "gendarmes"
)
# Common nouns that may speak: "the local council said", "a spokesman told".
SPEAKER_HEADS = _words(
    "council spokesman spokeswoman spokesperson official officials ministry army military "
    "police monitor observatory group agency network government regime witness witnesses "
    "resident residents activist activists source sources doctor doctors medic medics "
    "commander governor mayor statement survivors survivor relatives relative neighbour "
    "neighbor journalist reporter correspondent prosecutor office committee authorities "
    "authority coalition command media porte-parole ministère armée témoin témoins habitants "
    "responsable responsables autorités"
)
SPEECH = _words(
    "said says say told tells claimed claims stated announced announces reported reports "
    "added noted warned insisted confirmed confirms declared alleged wrote tweeted explained "
    "stressed asserted denied denies accused accuses blamed blames posted quoted déclaré dit "
    "affirmé indiqué annoncé affirme indique annonce déclare estime rapporte assuré assure "
    "précisé précise accusé accuse démenti dément nié"
)
_PRONOUNS = _words(
    "he she they it il elle ils elles"
)
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "PER", "LOC", "FAC"})
_PERSONAL = frozenset({"PERSON", "PER"})
_SUBJ = frozenset({"nsubj", "csubj", "expl"})
_PASSIVE_SUBJ = frozenset({"nsubjpass", "nsubj:pass", "csubjpass"})
_OBJ = frozenset({"dobj", "obj", "attr"})


_PRONOUN_SPEAKS = re.compile(r"(?i)\b(?:he|she|they|it|il|elle|ils|elles)\s+(?:\w+\s+)?(?:"
                             + "|".join(sorted(SPEECH, key=len, reverse=True)) + r")\b")


def pronoun_speaks(sentence: str) -> bool:
    """Whether a pronoun is the subject of a speech verb ("He said ..."): its antecedent is then
    looked for in the sentence before."""
    return _PRONOUN_SPEAKS.search(sentence) is not None


def antecedent(pronoun: str, before: Reading) -> Span | None:
    """The nearest entity of the sentence before that ``pronoun`` may stand for: a person for
    "he"/"she", a group, body or country for "it"/"they"."""
    want = {"he": ("PERSON",), "she": ("PERSON",), "il": ("PERSON", "ORG"), "elle": ("PERSON", "ORG"),
            "it": ("ORG", "GPE", "NORP"), "they": ("ORG", "NORP", "GPE"), "ils": ("ORG", "NORP", "GPE"),
            "elles": ("ORG", "NORP", "GPE")}.get(pronoun, ())
    for ent in reversed(before.entities):
        if ent.label in want:
            return ent
    return None


# Event nouns that often stand in background or in passing ("the besieged town", "after the
# strikes"): a sentence that has only these is parsed when it also names a physical target.
_WEAK = _words(
    "attack attacks strike strikes airstrike airstrikes air-strike air-strikes raid raids siege "
    "sieges besieged besiege clashes clashed affrontements combats assault bombardment "
    "bombardments blast blasts explosion explosions bomb bombs shells shell grave graves hit hits "
    "targeted targeting attentat attentats frappe frappes bombardement bombardements blockade "
    "encircled fire"
)
_SPECIFIC_TARGETS = frozenset(w for w, t in TARGETS.items()
                              if t not in ("residential", "security", "civic"))
_TOKEN = re.compile(r"[^\W\d_][\w'-]*")

def has_trigger(sentence: str) -> bool:
    """Whether the sentence is worth parsing: it holds a violent predicate other than a bare
    event noun, or an event noun and a physical target ("an airstrike on a market")."""
    words = {w.lower() for w in _TOKEN.findall(sentence)}
    found = words & EVENTS
    if not found:
        return False
    if found - _WEAK:
        return True
    return not words.isdisjoint(_SPECIFIC_TARGETS)


# ------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # absolute document offsets
    end: int
    text: str
    label: str | None = None  # entity label, "generic", or None (a noun phrase)
    head: tuple[int, int] | None = None  # absolute offsets of the head word
    head_word: str | None = None  # the head word and the word before it ("power station")


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    trigger: Span
    agent: Span | None
    patients: tuple[Span, ...]
    instrument: str | None
    negated: bool
    names: tuple[tuple[Span, str | None], ...] = ()  # named persons among the patients, with roles


@dataclass(frozen=True, slots=True)
class Reading:
    """What the parse says about one sentence."""

    events: tuple[Event, ...]
    entities: tuple[Span, ...]
    speaker: Span | None  # the claimant named by structure, or None
    speaker_is_pronoun: bool
    pronoun: str | None = None  # the pronoun that speaks ("he", "they"), lower case
    title_case: bool = False  # a headline written in title case


# ------------------------------------------------------------------ helpers over spaCy tokens


def is_verb(tok: Any) -> bool:
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")


def _text(doc: Any) -> str:
    """``doc.text``, built once (spaCy joins it anew, token by token, at every call)."""
    text = doc.user_data.get("cw_text")
    if text is None:
        text = doc.user_data["cw_text"] = doc.text
    return text


def _ents(doc: Any) -> tuple[Any, ...]:
    """``doc.ents``, built once (spaCy builds the tuple anew, token by token, at every call)."""
    ents = doc.user_data.get("cw_all_ents")
    if ents is None:
        ents = doc.user_data["cw_all_ents"] = tuple(doc.ents)
    return ents


def _ent_of(tok: Any) -> Any | None:
    """The named entity (of a kind that may act or speak) that holds ``tok``, if any."""
    if not tok.ent_type_ or tok.ent_type_ not in _ENTITY_LABELS:
        return None
    index = tok.doc.user_data.get("cw_ents")
    if index is None:
        index = tok.doc.user_data["cw_ents"] = {
            i: e for e in _ents(tok.doc) if e.label_ in _ENTITY_LABELS and _good_entity(e)
            for i in range(e.start, e.end)}
    return index.get(tok.i)


CALENDAR = _words(
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec january february march "
    "april may june july august september october november december lundi mardi mercredi "
    "jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août "
    "septembre octobre novembre décembre updated published posted print tweet views share"
)


def _good_entity(ent: Any) -> bool:
    """An entity the recogniser made of a dateline or a page's widgets ("Thu Jul", "Views 458")
    is none."""
    return not any(t.lower_ in CALENDAR or t.like_num for t in ent)


_DETS = _words(
    "the a an les le la l' un une des"
)


_MODS = frozenset({"compound", "amod", "nmod", "nummod", "npadvmod", "quantmod", "flat", "appos"})


def _np(tok: Any, base: int, agent: bool = True) -> Span:
    """The noun phrase headed by ``tok``; for an agent, the entity it is or that names it
    ("Rapid Support Forces fighters" -> the ORG "Rapid Support Forces")."""
    ent = _ent_of(tok)
    # "ISIS fighters", "Houthi drones", "regime shelling" name their owner; "ISIS oil stations"
    # names a thing, which is no agent.
    owner_head = tok.lower_ in GENERIC_AGENTS or tok.lower_ in _VEHICLES or tok.lower_ in WEAPONS \
        or tok.lower_ in _EVENT_WORDS or tok.lower_ in SPEAKER_HEADS
    if ent is None and agent and owner_head:
        for c in tok.lefts:
            if c.dep_ in ("compound", "amod", "nmod", "flat") and (ent := _ent_of(c)) is not None:
                break
    if ent is None and agent and tok.lower_ in GENERIC_AGENTS:  # "fighters of the Rapid Support Forces"
        for p in _preps(tok, ("of", "from", "de", "du", "des")):
            ent = _ent_of(p) or next((e for c in p.children if c.dep_ in ("compound", "flat", "nmod", "appos")
                                      and (e := _ent_of(c)) is not None), None)
            if ent is not None:  # "mercenaires du groupe Wagner"
                break
    if ent is None and agent and tok.lower_ in GENERIC_AGENTS:
        # "JNIM fighters", "Fano militiamen": a proper-noun modifier the recogniser missed
        names = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod") and c.tag_ in ("NNP", "NNPS")
                 and c.ent_type_ == "" and c.text[:1].isupper()]
        if not names:  # French "des combattants du M23": a proper noun after "de"
            names = [p for p in _preps(tok, ("de", "du", "des")) if p.pos_ == "PROPN" and p.text[:1].isupper()][:1]
        if names and not _title_case(tok.doc):
            first_n, last_n = names[0].left_edge, names[-1]
            s0, e0 = first_n.idx, last_n.idx + len(last_n.text)
            return Span(base + s0, base + e0, _text(tok.doc)[s0:e0], "ORG", (base + s0, base + e0), tok.lower_)
    if ent is not None:
        toks = list(ent)
        while toks and toks[0].lower_ in _DETS:
            toks = toks[1:]
        if toks:
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            return Span(base + s, base + e, _text(tok.doc)[s:e], _LABEL.get(ent.label_, ent.label_),
                        (base + s, base + e), tok.lower_)
    lefts = [c for c in tok.lefts if c.dep_ in _MODS and c.lower_ not in ("dead", "alive")]
    first = min((c.left_edge for c in lefts), key=lambda t: t.i, default=tok)
    # never past a date, a number or a dateline word: "Updated 3 Nov 2019 official" -> "official"
    for t in reversed(tok.doc[first.i:tok.i]):
        if t.like_num or t.lower_ in CALENDAR or t.ent_type_ in ("DATE", "TIME") or t.is_punct and t.text != "-" \
                or t.text[:1].isupper() and not t.ent_type_ and not _title_case(tok.doc):  # "Get short URL monitor"
            first = tok.doc[t.i + 1]
            break
    s, e = first.idx, tok.idx + len(tok.text)
    label = "generic" if tok.lower_ in GENERIC_AGENTS else None
    prev = tok.doc[tok.i - 1].lower_ + " " if tok.i > first.i else ""
    return Span(base + s, base + e, _text(tok.doc)[s:e], label, (base + tok.idx, base + tok.idx + len(tok.text)),
                prev + tok.lower_)


_LABEL = {"PER": "PERSON", "LOC": "GPE"}


def _names_in(tok: Any, base: int) -> list[tuple[Span, str | None]]:
    """Person names inside or beside the noun phrase of ``tok`` ("journalist Ana Ruiz", "the mayor
    of Tumaco, Carlos Perez"), each with the role the phrase gives it. A run of proper nouns that
    the recogniser missed counts as a name only beside a role noun ("journalist Ana Ruiz")."""
    out: list[tuple[Span, str | None]] = []
    role = _role_in(tok)
    own = {t.i for t in _phrase(tok)}
    for ent in _ents(tok.doc):
        if ent.label_ in _PERSONAL and _good_entity(ent) and all(t.i in own for t in ent):
            out.append((Span(base + ent.start_char, base + ent.end_char, ent.text, "PERSON"),
                        role or _role_in(ent.root)))
    if out:
        return out
    for h in [tok, *[c for c in tok.children if c.dep_ == "appos"]]:
        if h.tag_ != "NNP" or _title_case(h.doc) or h.lower_ in ROLES:
            continue
        toks = [t for t in h.lefts if t.tag_ == "NNP" and t.dep_ == "compound" and t.lower_ not in ROLES] + [h]
        if len(toks) < 2 or toks[-1].i - toks[0].i != len(toks) - 1 or any(t.ent_type_ for t in toks):
            continue
        r = role or _role_in(h)
        if r is None:
            continue
        s0, e0 = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        out.append((Span(base + s0, base + e0, _text(h.doc)[s0:e0], "PERSON"), r))
    return out


def _phrase(tok: Any) -> list[Any]:
    """The tokens of ``tok``'s noun phrase: its subtree without clauses or coordinated phrases
    ("Aid worker Zemari Ahmadi and seven children": the first conjunct alone)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "conj", "cc", "advcl", "prep") and c.lower_ not in ("of", "de"):
            continue
        out.extend(_phrase(c))
    return out


def _dateline(tok: Any) -> bool:
    """A word of a dateline ("MOSCOW (Sputnik)", "KABUL, Jan 3 -", "BOGOTA, 12 MAR 89 (EFE) --")
    at the head of the sentence."""
    ent = _ent_of(tok)
    first = ent[0] if ent is not None else tok
    if first.i <= 1 and tok.text.isupper() and len(tok.text) > 3:
        return True
    dash = tok.doc.user_data.get("cw_dash", -1)
    if dash == -1:
        dash = tok.doc.user_data["cw_dash"] = next(
            (t.i for t in tok.doc[:25] if t.text in ("--", "—", "–") or t.text.startswith("--")), None)
    return dash is not None and tok.i < dash


def _title_case(doc: Any) -> bool:
    """A headline in title case: capitals say nothing about names there. (Text we re-cased is
    none: its capitals are our guesses at names.)"""
    if doc.user_data.get("cw_recased"):
        return False
    cached = doc.user_data.get("cw_title")
    if cached is None:
        words = [w for w in (x.strip(".,;:!?\"'()[]“”‘’") for x in _text(doc).split())
                 if len(w) > 3 and w.isalpha()]
        cached = doc.user_data["cw_title"] = len(words) >= 3 and sum(
            w[0].isupper() for w in words) > 0.6 * len(words)
    return bool(cached)


def _role_in(tok: Any) -> str | None:
    """The role the noun phrase of ``tok`` gives a person: its head or modifiers ("journalist",
    "two nurses"), or an appositive ("Carlos Perez, a teacher"). A leader or commander of a named
    group is a fighter ("Ahrar al-Sham leader Hassan Aboud")."""
    words = [t for t in tok.subtree if t.i - tok.i < 8]
    lows = [t.lower_ for t in words]
    name = _ent_of(tok)
    if any(w in ("leader", "leaders", "commander", "commanders", "emir", "chief") for w in lows) and \
            any(t.tag_ == "NNP" and (name is None or not name.start <= t.i < name.end) for t in words):
        return "fighter"  # the leader of a named group: "Ahrar al-Sham leader X"
    return role_of(lows)


def _preps(tok: Any, words: Iterable[str]) -> list[Any]:
    """The nouns that ``tok`` governs through one of the prepositions ``words``: English
    "prep -> pobj" ("killed by gunmen") and Universal Dependencies' case-marked nouns (French
    "tués par des hommes armés": ``hommes`` is an ``obl:agent`` with the case marker ``par``)."""
    words = frozenset(words)
    out = [p for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in words
           for p in c.children if p.dep_ == "pobj"]
    out += [c for c in tok.children if c.dep_.startswith(("obl", "nmod"))
            and any(m.dep_ == "case" and m.lower_ in words for m in c.children)]
    return out


_PARTITIVE = _words("stretch section part parts portion length segment row rows")


def _through_partitive(tok: Any) -> Any:
    """"a stretch of the pipeline": the pipeline."""
    if tok.lower_ in _PARTITIVE:
        of = _preps(tok, ("of", "de", "du", "des"))
        if of:
            return of[0]
    return tok


def _negated(tok: Any) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _conj_heads(tok: Any) -> list[Any]:
    return [tok, *[c for c in tok.children if c.dep_ == "conj"]]


_TRANSITIVE = _words(
    "killed shot stabbed kidnapped abducted arrested detained executed murdered slain wounded "
    "injured beheaded massacred assassinated lynched tortured"
)


def _reduced_passive(v: Any) -> bool:
    """"Six militants killed in raid", "Two journalists shot dead": a participle that needs an
    object has a subject but none: its subject is what was done to."""
    return v.lower_ in _TRANSITIVE and not any(c.dep_ in _OBJ for c in v.children) \
        and not any(c.dep_ in ("aux",) for c in v.children) and v.tag_ in ("VBN", "VBD")


def _agent_of_verb(v: Any) -> Any | None:
    passive = any(c.dep_ in _PASSIVE_SUBJ or c.dep_ in ("auxpass", "aux:pass") for c in v.children) \
        or _reduced_passive(v)
    if passive:
        for c in v.children:
            if c.dep_ == "obl:agent":
                return c
        by = _preps(v, ("by", "par"))
        return by[0] if by else None
    for c in v.children:
        if c.dep_ in _SUBJ:
            return c
    # "... gunmen who shot": relative clause on the agent noun
    if v.dep_ == "relcl" and not is_verb(v.head):
        return v.head
    # coordinated verb shares the subject: "gunmen stormed the bank and shot two guards"; so does a
    # participle clause: "security forces fired live rounds, killing five"
    # (only from a violent verb: "X accused Y of gassing the town, killing 40" does not make X
    # the killer)
    if v.dep_ in ("conj", "advcl", "xcomp") and v.head.lower_ != v.lower_ and is_verb(v.head) \
            and (v.dep_ == "conj" or v.tag_ == "VBG" or v.dep_ == "xcomp") \
            and v.head.lower_ in _EVENT_WORDS:
        return _agent_of_verb(v.head)
    return None


def _patients_of_verb(v: Any) -> list[Any]:
    out = []
    reduced = _reduced_passive(v)
    for c in v.children:
        if c.dep_ in _OBJ or c.dep_ in _PASSIVE_SUBJ or reduced and c.dep_ in _SUBJ:
            out.extend(_conj_heads(c))
    out.extend(p for c2 in _preps(v, ("on", "at", "sur", "contre", "outside", "inside", "into", "in", "near",
                                      "to", "dans", "devant", "près", "contre"))
               for p in _conj_heads(c2) if target_type(_np(p, 0, agent=False).text) is not None)
    return [p for p in out if p.ent_type_ not in _TIME]


_TIME = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _agent_of_noun(n: Any) -> Any | None:
    for c in n.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her", "our"):
            return c
    by = _preps(n, ("by", "par"))
    if by:
        return by[0]
    for p in _preps(n, ("de", "du", "des")):  # French "le bombardement de l'armée soudanaise"
        if p.dep_.startswith("nmod") and (p.lower_ in GENERIC_AGENTS or _ent_of(p) is not None):
            return p
    for c in n.children:  # "Russian airstrikes", "rebel shelling", "Houthi drone attack"
        ent = _ent_of(c)
        if c.dep_ in ("amod", "compound") and (
                ent is not None and ent.label_ in ("NORP", "ORG") and _good_entity(ent)
                or c.lower_ in GENERIC_AGENTS):
            return c
    return None


def _patients_of_noun(n: Any) -> list[Any]:
    out: list[Any] = []
    for c2 in _preps(n, ("on", "against", "of", "sur", "contre", "de", "du", "des")):
        if c2.lower_ in GENERIC_AGENTS and any(m.lower_ in ("de", "du", "des") for m in c2.children):
            continue  # French "de l'armée": the agent
        out.extend(_conj_heads(c2))
    return out


_THROW = _words(
    "threw throws hurled lobbed planted detonated fired dropped launched used using wielding "
    "lancé lancée utilisé"
)


def _instrument(v: Any) -> str | None:
    """The weapon of the sentence's act: a weapon noun after "with"/"using"/"from" ("armed with
    machetes", "with a grenade"), or the object of "threw", "planted", "dropped" ("threw a grenade")."""
    cache = v.doc.user_data
    if "cw_instrument" not in cache:
        cache["cw_instrument"] = _find_instrument(v.doc)
    return cache["cw_instrument"]


def weapon_id(text: str) -> str:
    """An open-world weapon as an identifier like the lexicon's: "Machetes" -> "machete",
    "car bomb" -> "car_bomb"."""
    words = text.lower().replace("-", " ").split()
    if words and words[-1].endswith("s") and words[-1][:-1] in WEAPONS:
        words[-1] = words[-1][:-1]
    return "_".join(words)


def _find_instrument(doc: Any) -> str | None:
    v = doc[0] if len(doc) else None
    if v is None:
        return None
    for t in v.doc:
        w = t.lower_
        comp = [x for x in t.lefts if x.dep_ in ("compound", "amod", "nmod") and x.lower_ not in _DETS]
        key = "-".join([x.lower_ for x in comp[-1:]] + [w])
        if w not in WEAPONS and key not in WEAPONS:
            continue
        h = t.head
        case = next((m.lower_ for m in t.children if m.dep_ == "case"), "")
        if t.dep_ == "pobj" and h.lower_ in ("with", "using", "from", "by") \
                or t.dep_.startswith(("obl", "nmod")) and case in ("avec", "à", "au", "par") \
                or t.dep_ in _OBJ and h.lower_ in _THROW:
            first = comp[0] if comp else t
            return _text(v.doc)[first.idx:t.idx + len(t.text)]
    return None


# ------------------------------------------------------------------ reading a sentence


def _tokens_among(doc: Any, words: frozenset[str]) -> list[Any]:
    """The tokens of ``doc`` whose lower-case form is in ``words``, found on the doc's array of
    lower-case hashes (creating a Python object per token is what a parse costs most here)."""
    strings = doc.vocab.strings
    key = ("cw_hashes", id(words))
    hashes = _HASHES.get(key)
    if hashes is None:
        hashes = _HASHES[key] = frozenset(strings.add(w) for w in words)
    return [doc[i] for i, h in enumerate(doc.to_array("LOWER").tolist()) if h in hashes]


_HASHES: dict[tuple[str, int], frozenset[int]] = {}
_READ_WORDS = EVENTS | {"fire", "feu"}


def read(doc: Any, base: int) -> Reading:
    """Events, entities and speaker of one parsed sentence starting at ``base``."""
    events: list[Event] = []
    for tok in _tokens_among(doc, _READ_WORDS):
        w = tok.lower_
        etype = _EVENT_WORDS.get(w)
        if w in ("fire", "feu") and tok.head.lower_ in ("set", "sets", "setting", "mis", "mettre") \
                and tok.dep_ in _OBJ:  # "set fire to a church": the verb is the event
            v = tok.head
            to = _preps(v, ("to", "à", "au")) + _preps(tok, ("to", "à", "au"))
            ag = _agent_of_verb(v)
            events.append(Event("arson", Span(base + v.idx, base + tok.idx + len(tok.text),
                                              _text(doc)[v.idx:tok.idx + len(tok.text)]),
                                _np(ag, base) if ag is not None and ag.lower_ not in _PRONOUNS else None,
                                tuple(_np(p, base, agent=False) for p in to), _instrument(v), _negated(v)))
            continue
        if etype is None:
            continue
        if etype == "mass_grave" and not (tok.lower_ in ("charnier", "charniers") or any(
                c.lower_ == "mass" for c in tok.lefts)):
            continue  # "a grave mistake"; "graves" alone may be a cemetery
        verb = is_verb(tok)
        if w == "opened" and not any(c.lower_ in ("fire", "feu") for c in tok.subtree):
            continue
        if verb:
            agent, patients = _agent_of_verb(tok), _patients_of_verb(tok)
        else:
            agent, patients = _agent_of_noun(tok), _patients_of_noun(tok)
            if tok.dep_ in _SUBJ and is_verb(tok.head):  # "an airstrike destroyed a house",
                patients += [p for p in _patients_of_verb(tok.head)  # "bombs went off outside a school"
                             if target_type(_np(p, 0, agent=False).head_word or p.lower_) is not None]
        patients = [_through_partitive(p) for p in patients]
        # "the airstrike killed", "Russian missiles hit": a weapon or an event is no agent; its
        # possessor or modifier is ("the regime's airstrike").
        instrument = _instrument(tok)
        for _ in range(2):
            if agent is not None and (agent.lower_ in _EVENT_WORDS or agent.lower_ in WEAPONS
                                      or agent.lower_ in _VEHICLES):
                if instrument is None and (agent.lower_ in WEAPONS or agent.lower_ in _VEHICLES):
                    instrument = agent.text  # "a drone struck the hospital"
                agent = _agent_of_noun(agent)
        if agent is not None and (agent.lower_ in _PRONOUNS or etype == "clashes" or _dateline(agent)
                                  or any(c.dep_ == "nummod" for c in agent.children)
                                  or _title_case(doc)):
            agent = None  # "25 Terrorists Killed", a dateline's "MOSCOW (Sputnik)", "clashes"
        agent_span = _np(agent, base) if agent is not None else None
        patients = [p for p in patients if p.lower_ not in _PRONOUNS]
        events.append(Event(
            type=etype, trigger=Span(base + tok.idx, base + tok.idx + len(tok.text), tok.text),
            agent=agent_span, patients=tuple(_np(p, base, agent=False) for p in patients),
            instrument=instrument, negated=_negated(tok),
            names=tuple(n for p in patients for n in _names_in(p, base))))
    # Every named entity may be a claimant or a source ("Levant 24" is a news site the recogniser
    # calls a work of art); only numbers, dates and amounts may not.
    ents = tuple(Span(base + e.start_char, base + e.end_char, e.text,
                      {"PER": "PERSON", "LOC": "GPE"}.get(e.label_, e.label_))
                 for e in _ents(doc) if e.label_ not in _TIME and _good_entity(e))
    speaker, pron = _speaker(doc, base)
    pronoun = None
    if pron:
        pronoun = next(c.lower_ for t in doc if t.lower_ in SPEECH for c in t.children
                       if c.dep_ in _SUBJ and c.lower_ in _PRONOUNS)
    return Reading(tuple(events), ents, speaker, pron, pronoun, _title_case(doc))


def _speaker(doc: Any, base: int) -> tuple[Span | None, bool]:
    for tok in _tokens_among(doc, SPEECH):
        subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
        if subj is None:
            continue
        if subj.lower_ in _PRONOUNS:
            return None, True
        for c in subj.children:  # "a survivor, Aisha Bello, told": the named appositive
            if c.dep_ == "appos" and (e := _ent_of(c)) is not None and e.label_ in _PERSONAL:
                return _np(c, base, agent=False), False
        if subj.lower_ in SPEAKER_HEADS:  # "a spokesman for the Houthis", "an official of the UN"
            for p in _preps(subj, ("for", "of", "from", "at", "de", "du", "des")):
                if _ent_of(p) is not None:
                    return _np(p, base), False
        span = _np(subj, base, agent=False)
        if span.label is not None:  # an entity, or a generic actor ("the paramilitary denied")
            return span, False
        if subj.lower_ in SPEAKER_HEADS:
            return Span(span.start, span.end, span.text, "speaker"), False
        return None, False
    return None, False


def target_type(text: str) -> str | None:
    """The type of a physical target named by the noun phrase ``text``, if it is one."""
    words = [w for w in re.findall(r"[\w'-]+", text.lower())]
    if not words:
        return None
    head = words[-1]
    if head in _TARGET_ONLY_WITH:
        if len(words) >= 2 and words[-2] in ("power", "police", "gas", "water", "pumping", "aid", "food",
                                             "refugee", "displacement", "army", "military"):
            return "security" if words[-2] in ("police", "army", "military") else _TARGET_ONLY_WITH[head]
        return None if head in ("station", "plant", "post", "tower", "distribution") else TARGETS.get(head)
    return TARGETS.get(head)


def role_of(words: Iterable[str]) -> str | None:
    for w in words:
        r = ROLES.get(w.lower())
        if r is not None:
            return r
    return None
