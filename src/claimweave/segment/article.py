"""Articles: title, caption, lede and body apart from site chrome and reader comments.

Reader comments are recognised by their shape: a commenter's display name alone on a line
(short, no sentence punctuation), then one or more paragraphs. A paragraph right before the
first name that names no actor, place or number is taken as a comment whose name was lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .aggregator import is_caption
from .chrome import RELATED_HEAD, is_chrome, is_junk
from .lines import Line, is_title_like, words
from .units import Draft

QUOTE_LINE = re.compile(r"^[\"“«‘'].{20,}[\"”»’']\s*$")
VIA_LINE = re.compile(r"(?i)^(?:via|source|sources|source\s*:|h/t|hat\s+tip)\s*:?\s+\S.{0,60}$")
BY_LINE = re.compile(r"(?i)^(?:by|par)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*[,|–-].{0,60})?$")
_NAME_END_OK = re.compile(r"(?:\s\.|\b[A-Z]\.|[\w)\]'’]!*|\w!+)$")
MediaTest = Callable[[str], bool]


def is_name_line(ln: Line, nxt: Line | None) -> bool:
    t = ln.text
    if not ln.blank_before or nxt is None or not nxt.blank_before:
        return False
    if len(t) > 48 or is_chrome(t) or t[:1].isdigit() or t.startswith(("#", "-", "•", "*")):
        return False
    ws = t.split()
    if not 1 <= len(ws) <= 6 or not _NAME_END_OK.search(t):
        return False
    if t.endswith((":", "?")) or t.endswith("!") and len(ws) > 4:
        return False
    return len(words(nxt.text)) >= 2


def _comment_start(lines: list[Line], body_from: int) -> int | None:
    names = [
        i for i in range(body_from, len(lines))
        if is_name_line(lines[i], lines[i + 1] if i + 1 < len(lines) else None)
    ]
    return names[0] if len(names) >= 2 else None


def _chrome_start(lines: list[Line], body_from: int) -> int | None:
    for i in range(body_from + 1, len(lines)):
        if is_chrome(lines[i].text):
            return i
    return None


def cut_article(
    lines: list[Line], comments_at: int | None = None, is_factual: MediaTest | None = None
) -> list[Draft]:
    roots: list[Draft] = []
    i = 0
    while i < len(lines) and is_junk(lines[i].text):
        roots.append(Draft("boilerplate", lines[i].start, lines[i].end))
        i += 1
    if i < len(lines) and _is_title(lines[i].text) and len(lines) > i + 1:
        roots.append(Draft("title", lines[i].start, lines[i].end))
        i += 1
    body_from = i
    # Where the comments begin: a separately extracted section, else names on their own lines.
    c_from: int | None = None
    if comments_at is not None:
        # Never before the body: leading chrome or a title may run past ``comments_at``.
        c_from = next((k for k in range(body_from, len(lines)) if lines[k].start >= comments_at),
                      None)
    if c_from is None:
        c_from = _comment_start(lines, body_from)
        if c_from is not None and is_factual is not None and c_from - 1 > body_from:
            prev = lines[c_from - 1]
            if prev.blank_before and not is_factual(prev.text):
                c_from -= 1  # an unnamed first comment
    chrome_from = _chrome_start(lines, body_from)
    end_body = min(x for x in (c_from, chrome_from, len(lines)) if x is not None)
    # An outlet's name standing alone right before its chrome belongs to the chrome.
    if chrome_from is not None and end_body == chrome_from and end_body - 1 > body_from:
        prev = lines[end_body - 1]
        if _is_name_of_outlet(prev.text):
            end_body -= 1
    lede_done = False
    for ln in lines[body_from:end_body]:
        t = ln.text
        if is_caption(t) or _is_media_note(t):
            kind = "caption"
        elif QUOTE_LINE.match(t) and not lede_done:
            kind = "quote"
        elif VIA_LINE.match(t) or BY_LINE.match(t):
            kind = "byline"
        elif is_chrome(t):
            kind = "boilerplate"
        elif not lede_done:
            kind, lede_done = "lede", True
        else:
            kind = "paragraph"
        roots.append(Draft(kind, ln.start, ln.end))
    rest = lines[end_body:]
    if c_from is not None and c_from >= end_body:
        pre = lines[end_body:c_from]
        roots.extend(_cut_chrome(pre))
        roots.append(_cut_comments(lines[c_from:], named_first=is_name_line(
            lines[c_from], lines[c_from + 1] if c_from + 1 < len(lines) else None)))
    else:
        roots.extend(_cut_chrome(rest))
    return roots


def _is_title(t: str) -> bool:
    n = len(words(t))
    return 2 <= n <= 30 and not t.endswith((".", ",", ";")) and len(t) <= 250


def _is_name_of_outlet(t: str) -> bool:
    ws = t.split()
    return 1 <= len(ws) <= 4 and all(w[:1].isupper() for w in ws) and not t.endswith(".")


def _is_media_note(t: str) -> bool:
    return (not t.endswith((".", "?", "!", "”", '"')) and len(t) < 200
            and bool(re.search(r"(?i)\b(?:photos?|images?|pictures?|video|footage|map)\b", t))
            and len(t.split()) >= 4)


def _cut_chrome(lines: list[Line]) -> list[Draft]:
    out: list[Draft] = []
    related = False
    for ln in lines:
        t = ln.text
        if RELATED_HEAD.match(t):
            related = True
            out.append(Draft("boilerplate", ln.start, ln.end))
        elif is_chrome(t) or is_junk(t):
            out.append(Draft("boilerplate", ln.start, ln.end))
        elif (related or is_title_like(t)) and len(t.split()) >= 4 and not t.endswith("."):
            out.append(Draft("related", ln.start, ln.end))
        else:
            out.append(Draft("boilerplate", ln.start, ln.end))
    return out


def _cut_comments(lines: list[Line], named_first: bool) -> Draft:
    thread = Draft("thread", lines[0].start, lines[-1].end)
    speaker: str | None = None
    current: Draft | None = None
    for k, ln in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if (k > 0 or named_first) and is_name_line(ln, nxt):
            speaker = _clean_name(ln.text)
            thread.add("byline", ln.start, ln.end, speaker=speaker)
            current = None
        elif is_chrome(ln.text):
            thread.add("boilerplate", ln.start, ln.end)
            current = None
        elif current is None:
            current = thread.add("comment", ln.start, ln.end, speaker=speaker)
        else:
            current.end = ln.end
    return thread


def _clean_name(t: str) -> str:
    t = re.sub(r"\s+\.$", "", t).strip()
    if t.count("(") > t.count(")"):
        t = t[: t.rfind("(")].strip() or t
    return t
