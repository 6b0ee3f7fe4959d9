"""Segmentation of the team's own genre pages (tests/pages/*.txt) against their expectations."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from pathlib import Path

import pytest

from claimweave.pipeline import make_document, run
from claimweave.segment.units import leaves_of

PAGES = Path(__file__).parent / "pages"
NAMES = sorted(p.stem for p in PAGES.glob("*.txt"))


def _load(name: str):
    text = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    expect = json.loads((PAGES / f"{name}.expect.json").read_text(encoding="utf-8"))
    rec = run(make_document(text, path=name))
    return text, expect, rec


def _kids(rec, parent_id: str, kind: str):
    return [u for u in rec.units if u.parent == parent_id and u.kind == kind]


@pytest.mark.parametrize("name", NAMES)
def test_genre_and_language(name: str) -> None:
    _, expect, rec = _load(name)
    assert rec.genre == expect["genre"]
    if "language" in expect:
        assert rec.language == expect["language"]


def test_aggregator_stories() -> None:
    text, expect, rec = _load("aggregator_1")
    stories = [u for u in rec.units if u.kind == "story"]
    assert len(stories) == len(expect["stories"])
    for story, exp in zip(stories, expect["stories"], strict=True):
        (head,) = _kids(rec, story.id, "headline")
        assert text[head.start:head.end] == exp["headline"]
        caps = _kids(rec, story.id, "caption")
        assert [text[c.start:c.end] for c in caps] == ([exp["caption"]] if exp["caption"] else [])
        (lede,) = _kids(rec, story.id, "lede")
        assert text[lede.start:lede.end].startswith(exp["lede_starts"])


def test_listing_items_author_and_outlet() -> None:
    text, expect, rec = _load("listing_1")
    titles = [u for u in rec.units if u.kind == "title"]
    assert [text[u.start:u.end] for u in titles] == [expect["title"]]
    stories = [u for u in rec.units if u.kind == "story"]
    assert len(stories) == len(expect["items"])
    for story, exp in zip(stories, expect["items"], strict=True):
        assert story.speaker == exp["author"]
        bylines = _kids(rec, story.id, "byline")
        if exp["outlet"]:
            (b,) = bylines
            assert text[b.start:b.end].endswith(exp["outlet"])
        else:
            assert not bylines
        first = min((u for u in rec.units if u.parent == story.id and u.kind != "byline"),
                    key=lambda u: u.start)
        assert text[first.start:first.end].startswith(exp["starts"])
        assert "Read more" not in text[story.start:story.end]
    assert rec.document.outlet == "Steppe Sentinel Media"


def test_article_body_apart_from_chrome() -> None:
    text, expect, rec = _load("article_chrome_1")
    (title,) = [u for u in rec.units if u.kind == "title"]
    assert text[title.start:title.end] == expect["headline"]
    first = min(rec.units, key=lambda u: u.start)
    assert first.kind == "boilerplate" and text[first.start:first.end] == expect["junk_first_line"]
    chrome_at = text.index(expect["no_claims_after"])
    body = [u for u in leaves_of(rec.units) if u.end <= chrome_at and u.kind in ("lede", "paragraph")]
    assert text[body[-1].start:body[-1].end].startswith(expect["body_last_paragraph_starts"])
    after = [u for u in leaves_of(rec.units) if u.start >= chrome_at]
    assert {u.kind for u in after} == set(expect["chrome_kinds"])
    assert [text[u.start:u.end] for u in after if u.kind == "related"] == expect["related"]
    assert all(c.start < chrome_at for c in rec.claims)


def test_thread_dump_threads_and_tweets() -> None:
    text, expect, rec = _load("thread_dump_1")
    threads = [u for u in rec.units if u.kind == "thread"]
    assert len(threads) == len(expect["threads"])
    for th, exp in zip(threads, expect["threads"], strict=True):
        tweets = _kids(rec, th.id, "tweet")
        assert len(tweets) == exp["tweets"]
        assert text[tweets[0].start:tweets[0].end].startswith(exp["first_tweet_starts"])
        assert th.lang == exp["lang"]
        closer = _kids(rec, th.id, "boilerplate")
        assert text[closer[-1].start:closer[-1].end] == f"Read {exp['read_count']} tweets"


def test_comments_have_their_commenters() -> None:
    text, expect, rec = _load("article_comments_1")
    comments = [u for u in rec.units if u.kind == "comment"]
    # The name as shown, less the " ." some comment systems append.
    assert [c.speaker for c in comments] == [re.sub(r"\s+\.$", "", e["speaker"]) for e in expect["comments"]]
    for c, e in zip(comments, expect["comments"], strict=True):
        assert text[c.start:c.end].startswith(e["starts"])
    body = [u for u in rec.units if u.kind in ("lede", "paragraph")]
    assert text[body[-1].start:body[-1].end].startswith(expect["article_last_paragraph_starts"])
    by_unit = {u.id: u for u in rec.units}
    for claim in rec.claims:
        unit = by_unit[claim.unit_id]
        if unit.kind == "comment":
            assert claim.claimant is not None and claim.claimant.name == unit.speaker


def _matches(claim, exp, by_unit) -> bool:
    body = {"lede", "paragraph"}  # an article's first paragraph is its lede
    kind = by_unit[claim.unit_id].kind
    if kind != exp["unit_kind"] and not {kind, exp["unit_kind"]} <= body:
        return False
    if not any(v.min == exp["victims_min"] and v.max == exp["victims_max"]
               and v.outcome == exp["outcome"] for v in claim.victims):
        return False
    if exp["place"] is None:
        return True
    if claim.place is None:
        return False
    if "place_at" in exp:  # a village spelt many ways: where it is, within 10 km
        return _km(exp["place_at"], (claim.place.lat, claim.place.lon)) <= 10.0
    return _fold(exp["place"]) == _fold(claim.place.name)


def _km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def _fold(name: str) -> str:
    """Compare place names across transliterations: "al-Shafa" ~ "Ash Shafā", "Raqqa" ~ "Ar Raqqah"."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"^(?:al|el|ar|as|ash|ad|at|an|az)[-\s]", "", s)
    return re.sub(r"h$", "", s.replace("-", " ").strip())


@pytest.mark.parametrize("name", NAMES)
def test_casualty_claims(name: str) -> None:
    _, expect, rec = _load(name)
    by_unit = {u.id: u for u in rec.units}
    for exp in expect.get("claims", []):
        found = [c for c in rec.claims if c.kind == "casualty" and _matches(c, exp, by_unit)]
        assert found, f"no claim like {exp}"
        named = {(r.name or "").lower() for c in found for r in (*c.sources, c.claimant) if r}
        for src in exp["source_chain"]:
            assert any(src.lower() in n or n in src.lower() for n in named if n), (src, named)
