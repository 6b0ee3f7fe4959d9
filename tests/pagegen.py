"""Small synthetic conflict-reporting pages, written here from our own templates (seeded).

Used by the schema, fuzz, crash-safety and concurrency tests: every page is plain text shaped like
one of the genres claimweave cuts (article, article with comments, thread dump, listing,
aggregator), with casualty claims, places, dates, numbers, weapons and citations to exercise
every stage.
"""

from __future__ import annotations

import random

PLACES = ["Hajin", "Raqqa", "Douma", "Manbij", "Afrin", "Idlib", "Deir ez-Zor", "Kobani", "Tabqa",
          "Aleppo", "Homs", "Mosul", "Daraa", "the village of Tell Zaytun", "Jisr al-Shughour"]
ACTORS = ["coalition warplanes", "Russian jets", "regime helicopters", "ISIS militants",
          "the Syrian army", "Turkish artillery", "SDF fighters", "unidentified gunmen"]
SOURCES = ["the Syrian Observatory for Human Rights", "a local monitor", "Reuters", "AFP",
           "activists on the ground", "the White Helmets", "state media", "a hospital official"]
VICTIMS = ["civilians", "children", "women", "people", "fighters", "soldiers", "residents"]
COUNTS = ["12", "more than 17", "at least 5", "dozens of", "1200-1500", "three", "twenty-two",
          "about 40", "up to 9", "hundreds of", "two"]
WEAPONS = ["air strikes", "a barrel bomb", "shelling", "a car bomb", "mortar fire",
           "a chlorine attack", "missiles", "artillery fire"]
DATES = ["on Monday", "on November 3", "on 12 March 2018", "last week", "earlier this month",
         "on Tuesday night", "in June 2017", "yesterday", "on 2019-04-08"]
OUTCOMES = ["killed", "wounded", "injured", "dead", "missing"]
NAMES = ["Olive Grower", "Northern Watcher", "Sam K", "Layla M", "River Town Lad"]
FILLER = ["Rescue teams kept searching the rubble into the night.",
          "The claim could not be independently verified.",
          "Residents said the power had been cut for three days.",
          "Donate €5 today to keep our reporting free.",
          "Upvote Downvote",
          "Photo: smoke rising over the old quarter.",
          "Related: Talks stall again in Geneva"]


def _claim(r: random.Random) -> str:
    forms = [
        "{count} {victims} were {outcome} {date} when {weapon} hit {place}, according to {source}.",
        "{source} said {actor} carried out {weapon} on {place} {date}, leaving {count} {victims} {outcome}.",
        "{actor} struck {place} {date}; {count} {victims} {outcome}, as {source} reports.",
        "In {place}, {count} {victims} were {outcome} by {weapon} {date}, {source} told reporters.",
        "{source} accused {actor} of targeting {victims} in {place} {date}.",
    ]
    return r.choice(forms).format(
        count=r.choice(COUNTS), victims=r.choice(VICTIMS), outcome=r.choice(OUTCOMES),
        date=r.choice(DATES), weapon=r.choice(WEAPONS), place=r.choice(PLACES),
        source=r.choice(SOURCES), actor=r.choice(ACTORS))


def _title(r: random.Random) -> str:
    return f"{r.choice(WEAPONS).capitalize()} hit {r.choice(PLACES)}, {r.choice(SOURCES)} says"


def article(r: random.Random) -> str:
    paras = [_claim(r) if r.random() < 0.6 else r.choice(FILLER) for _ in range(r.randint(1, 6))]
    return _title(r) + "\n\n" + "\n\n".join(paras) + "\n"


def comments(r: random.Random) -> str:
    out = article(r)
    for _ in range(r.randint(2, 4)):
        out += f"\n{r.choice(NAMES)}\n\n{_claim(r) if r.random() < 0.5 else r.choice(FILLER)}\n"
    return out


def thread(r: random.Random) -> str:
    n = r.randint(2, 6)
    tweets = [f"{i}/ {_claim(r) if r.random() < 0.7 else r.choice(FILLER)} #{r.choice(PLACES).split()[-1]}"
              for i in range(1, n + 1)]
    return "\n".join(tweets) + f"\nRead {n} tweets\n"


def listing(r: random.Random) -> str:
    items = [f"{_title(r)}\n{_claim(r)}\nRead more" for _ in range(r.randint(2, 4))]
    return "\n\n".join(items) + "\n"


def aggregator(r: random.Random) -> str:
    blocks = [f"{_title(r).title()}\n{_claim(r)}" for _ in range(r.randint(2, 5))]
    return "\n\n".join(blocks) + "\n"


GENRES = (article, comments, thread, listing, aggregator)


def page(r: random.Random) -> str:
    return r.choice(GENRES)(r)


def pages(seed: int, n: int) -> list[str]:
    """``n`` distinct pages from ``seed`` (a serial line keeps any two apart)."""
    r = random.Random(seed)
    return [f"{page(r)}\nRef {seed}-{i}\n" for i in range(n)]


def warc_response(payload: bytes, *, status: str = "200 OK",
                  content_type: str = "text/html; charset=utf-8", headers: str = "",
                  target: str = "http://example.invalid/") -> bytes:
    """One WARC/1.0 ``response`` record wrapping an HTTP response with ``payload`` as its body;
    ``headers`` are extra HTTP header lines, each ending in CRLF."""
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{headers}\r\n".encode() + payload
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:claimweave-test>\r\n"
            f"WARC-Target-URI: {target}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"
