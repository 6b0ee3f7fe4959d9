"""Reader comments of WordPress and Disqus pages, one per commenter with the name, and bylines
without "View all posts by". Pages written here; checked on the stored text and on the units the
segmenter makes of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimweave.ingest import IngestOptions, iter_documents
from claimweave.ingest.comments import clean_author
from claimweave.model import Document
from claimweave.options import ExtractOptions
from claimweave.pipeline import run
from claimweave.record import to_dict

ARTICLE = """<article class="post type-post"><header class="entry-header">
<h1 class="entry-title">Shells hit bakery queue in Saraqib</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published"
 datetime="2017-07-21T09:00:00+00:00">July 21, 2017</time></span><span class="byline"> by <span
 class="author vcard"><a class="url fn n" href="/author/sam/" title="View all posts by Sam Haddad"
 rel="author">View all posts by Sam Haddad</a></span></span></div></header>
<div class="entry-content"><p>Artillery shells landed beside a bakery queue in Saraqib on Thursday
morning, killing eleven civilians, local volunteers said.</p>
<p>The volunteers said the shelling came from positions held by government forces south of the
town.</p></div></article>"""

WORDPRESS = f"""<html><head><title>Shells hit bakery queue in Saraqib</title>
<meta property="og:site_name" content="Valley Dispatch"></head><body>{ARTICLE}
<div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts</h2>
<ol class="comment-list">
<li id="comment-31" class="comment depth-1"><article id="div-comment-31" class="comment-body">
 <footer class="comment-meta"><div class="comment-author vcard"><img alt="" src="a.png">
 <b class="fn">Rami K.</b> <span class="says">says:</span></div>
 <div class="comment-metadata"><a href="#c31"><time datetime="2017-07-21T11:02">July 21, 2017 at
 11:02 am</time></a></div></footer>
 <div class="comment-content"><p>My cousin lives two streets away; he says the count is higher
 than eleven.</p><p>Agreed</p></div>
 <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article>
 <ol class="children"><li id="comment-33" class="comment depth-2"><article class="comment-body">
  <footer class="comment-meta"><div class="comment-author vcard"><b class="fn"><a
  href="https://x.example" class="url">Lina</a></b> <span class="says">says:</span></div></footer>
  <div class="comment-content"><p>Nobody has shown who fired. Wait for the monitors before
  blaming anyone.</p></div></article></li></ol></li>
<li id="comment-34" class="comment depth-1"><article class="comment-body">
 <footer class="comment-meta"><div class="comment-metadata">July 22, 2017</div></footer>
 <div class="comment-content"><p>The market had been hit twice before this spring.</p></div>
</article></li>
</ol></div></body></html>"""

DISQUS = f"""<html><head><title>Shells hit bakery queue in Saraqib</title></head><body>{ARTICLE}
<div id="disqus_thread"><ul id="post-list" class="post-list">
<li class="post"><div role="alert"></div><div class="post-content"><div class="avatar"><a
 href="#"><img src="b.png" alt="Avatar"></a></div><div class="post-body"><header
 class="comment__header"><span class="post-byline"><span class="author publisher-anchor-color"><a
 href="#">Omar_the_baker</a></span></span><span class="post-meta"><a class="time-ago"
 href="#">7 years ago</a></span></header><div class="post-body-inner"><div
 class="post-message-container"><div class="post-message" dir="auto"><p>I queue there every
 morning. Eleven is what the hospital said too.</p></div></div></div></div></div>
 <ul class="children"><li class="post"><div class="post-content"><div class="post-body"><header><span
 class="post-byline"><span class="author"><a href="#">Hana</a></span></span></header><div
 class="post-message"><p>Stay safe, Omar.</p><p>Who else saw the smoke from the south
 road?</p></div></div></div></li></ul></li>
</ul></div></body></html>"""


def _doc(tmp_path: Path, html: str) -> Document:
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    [doc] = list(iter_documents([p], IngestOptions()))
    assert isinstance(doc, Document)
    return doc


def _comment_units(doc: Document) -> list[tuple[str, str | None, str]]:
    rec = to_dict(run(doc, ExtractOptions(detect_language=False)))
    return [(u["kind"], u["speaker"], doc.text[u["start"]:u["end"]]) for u in rec["units"]
            if u["kind"] in ("comment", "byline") and u["parent"]]


def test_wordpress_comments_one_per_commenter(tmp_path: Path) -> None:
    doc = _doc(tmp_path, WORDPRESS)
    assert doc.author == "Sam Haddad"
    assert doc.comments_start is not None
    assert doc.text[doc.comments_start:] == (
        "Rami K.\n\nMy cousin lives two streets away; he says the count is higher than eleven.\n"
        "Agreed\n\nLina\n\nNobody has shown who fired. Wait for the monitors before blaming "
        "anyone.\n\nAnonymous\n\nThe market had been hit twice before this spring.")
    assert "View all posts" not in doc.text[doc.comments_start:]
    comments = [(s, t) for k, s, t in _comment_units(doc) if k == "comment"]
    assert comments == [
        ("Rami K.", "My cousin lives two streets away; he says the count is higher than eleven.\n"
                    "Agreed"),
        ("Lina", "Nobody has shown who fired. Wait for the monitors before blaming anyone."),
        ("Anonymous", "The market had been hit twice before this spring.")]


def test_disqus_comments_one_per_commenter(tmp_path: Path) -> None:
    doc = _doc(tmp_path, DISQUS)
    assert doc.text[doc.comments_start:] == (
        "Omar_the_baker\n\nI queue there every morning. Eleven is what the hospital said too."
        "\n\nHana\n\nStay safe, Omar.\nWho else saw the smoke from the south road?")
    comments = [(s, t[:20]) for k, s, t in _comment_units(doc) if k == "comment"]
    assert comments == [("Omar_the_baker", "I queue there every "), ("Hana", "Stay safe, Omar.\nWho")]


def test_comments_can_still_be_dropped(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(WORDPRESS, encoding="utf-8")
    [doc] = list(iter_documents([p], IngestOptions(html_comments=False)))
    assert isinstance(doc, Document) and doc.comments_start is None and "Rami" not in doc.text


@pytest.mark.parametrize(("given", "name"), [
    ("View all posts by Sam Haddad", "Sam Haddad"), ("Posted by Lina Haddad", "Lina Haddad"),
    ("By Sam Haddad; View all posts by Lina", "Sam Haddad; Lina"), ("by", None),
    ("View all posts by", None), (None, None), ("Bylina Staff", "Bylina Staff"),
])
def test_bylines(given: str | None, name: str | None) -> None:
    assert clean_author(given) == name
