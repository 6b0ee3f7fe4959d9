"""Thread-Reader dumps: previews of Twitter threads, each closed by "Read N tweets".

A new tweet starts at a numbered line ("1/", "2.", "3)"), at an @-reply, or at any
line that directly follows another line; list items ("- ", "+ ", "* ", "-> ", "1)")
and paragraphs after a blank line continue the tweet. A numbering that restarts at 1
inside a preview opens a new thread.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lines import Line, split_lines
from .units import Draft

READ_N = re.compile(r"(?i)^(?:read\s+(\d[\d,]*)\s+(?:more\s+)?tweets?|lire\s+(\d+)\s+tweets?)\s*$")
NUMBERED = re.compile(r"^(\d{1,3})\s*[/.](?!\d)")
CONTINUATION = re.compile(r"^(?:[-+*•=>~]|->|\d{1,2}\)|[a-z])")


def is_thread_dump(lines: list[Line]) -> bool:
    closers = sum(1 for ln in lines if READ_N.match(ln.text))
    if closers >= 1:
        return True
    numbered = sum(1 for ln in lines if NUMBERED.match(ln.text))
    tags = sum(1 for ln in lines if "#" in ln.text or "@" in ln.text)
    return numbered >= 3 and tags >= len(lines) / 3


def cut_threads(text: str, detect_lang: Callable[[str], str | None] | None = None) -> list[Draft]:
    roots: list[Draft] = []
    thread: Draft | None = None
    tweet: Draft | None = None
    last_no = 0
    thread_lang: str | None = None

    def open_thread(at: int) -> Draft:
        t = Draft("thread", at, at)
        roots.append(t)
        return t

    for ln in split_lines(text):
        m_close = READ_N.match(ln.text)
        if m_close:
            if thread is None:
                thread = open_thread(ln.start)
            thread.add("boilerplate", ln.start, ln.end)
            thread.end = ln.end
            thread, tweet, last_no = None, None, 0
            continue
        m_no = NUMBERED.match(ln.text)
        number = int(m_no.group(1)) if m_no else None
        if thread is not None and number == 1 and last_no > 0:
            thread, tweet = None, None  # numbering restarts: a new thread
        if thread is None:
            thread = open_thread(ln.start)
            last_no, thread_lang = 0, None
        numbered_mode = last_no > 0 and number is None
        starts_tweet = (
            tweet is None
            or number is not None and (number == last_no + 1 or number == 1)
            or ln.text.startswith(("@", "#", ".@"))
            or not numbered_mode and not ln.blank_before and not CONTINUATION.match(ln.text)
        )
        if starts_tweet and detect_lang is not None and tweet is not None and number is None \
                and _wordy(ln.text):
            lang = detect_lang(ln.text)
            if lang and thread_lang and lang != thread_lang:
                thread = open_thread(ln.start)  # a change of language: another account's thread
                last_no, thread_lang = 0, lang
        if starts_tweet:
            tweet = thread.add("tweet", ln.start, ln.end)
            last_no = number if number is not None else 0
            if thread_lang is None and detect_lang is not None and _wordy(ln.text):
                thread_lang = detect_lang(ln.text)
        else:
            assert tweet is not None
            tweet.end = ln.end
        thread.end = ln.end
    return roots


_PLAIN_WORD = re.compile(r"(?<![#@\w])[^\W\d_]{2,}")


def _wordy(line: str) -> bool:
    """Enough plain words (not hashtags or handles) for a language to be told apart."""
    return len(_PLAIN_WORD.findall(line)) >= 6
