"""Units tile their document: offsets valid, in order, every non-whitespace character in exactly
one leaf unit — for arbitrary text, through every genre cutter."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimweave.model import Document
from claimweave.segment import segment
from claimweave.segment.units import check_tiling, leaves_of

# Lines drawn from the furniture of each genre so that every cutter gets exercised.
PIECES = st.sampled_from([
    "Read more", "Read 12 tweets", "1/ first tweet #Raqqa", "2/ second @someone", "- a list item",
    "Jane Doe", "Gift €5 and we send a mug", "Upvote Downvote", "Leave a Reply",
    "Strikes Hit Town In The North Again", "Smoke over the city (Photo: AP)",
    "More than 12 civilians were killed, according to a monitor.", "“A quoted line of text here”",
    "Via Somebody", "", " ", "\t", "in ,", "Writer Name Some Media Center Headline Goes Here On May 3, x",
])
LINES = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=30)


def _doc(text: str) -> Document:
    return Document(id="t", text=text, sha256="0" * 64)


def _assert_tiles(text: str) -> None:
    seg = segment(_doc(text))
    check_tiling(text, seg.units)
    leaves = sorted(leaves_of(seg.units), key=lambda u: u.start)
    covered = [0] * len(text)
    for u in leaves:
        assert u.start < u.end
        for i in range(u.start, u.end):
            covered[i] += 1
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i] == 1, (i, ch)
    ids = [u.id for u in seg.units]
    assert len(set(ids)) == len(ids)
    assert [u.start for u in seg.units] == sorted(u.start for u in seg.units)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_tiles(text: str) -> None:
    _assert_tiles(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.sampled_from(["\n", "\n\n", "\r\n", " "]))
def test_genre_shaped_text_tiles(lines: list[str], sep: str) -> None:
    _assert_tiles(sep.join(lines))


# -- comments_start (HTML inputs) ---------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.sampled_from(["\n", "\n\n"]), st.data())
def test_any_comments_start_tiles(lines: list[str], sep: str, data: st.DataObject) -> None:
    text = sep.join(lines)
    cut = data.draw(st.integers(0, len(text)))
    seg = segment(Document(id="t", text=text, sha256="0" * 64, comments_start=cut))
    check_tiling(text, seg.units)


def test_bug_comments_start_inside_leading_chrome_overlapped_leaves() -> None:
    """Found by fuzzing: a comment section starting at or before the title (or inside leading
    chrome lines) put the comment thread over the title: TilingError, the document was lost."""
    text = "Upvote Downvote\n\nStrikes Hit Town Again\n\nMore than 12 civilians were killed.\n\n" \
           "Jane Doe\n\nThey counted more later.\n"
    for cut in (0, 5, 17, len("Upvote Downvote\n\nStrikes")):
        seg = segment(Document(id="t", text=text, sha256="0" * 64, comments_start=cut))
        check_tiling(text, seg.units)
