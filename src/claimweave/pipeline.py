"""The per-document pipeline: segment -> annotate -> extract, as one pure function.

``run(doc)`` is what the CLI, the ledger and (later) the Dask engine map over documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from .model import Annotations, Document, Frames, Record
from .options import ExtractOptions

_SKIP_ANNOTATION = frozenset({"boilerplate", "related"})


@lru_cache(maxsize=1)
def _services():  # imported lazily so that `claimweave --help` stays fast
    from .annotate import actors, dates, lang, numbers, places, weapons
    from .segment import SegmentHelpers

    kb = actors.load_kb()

    def is_factual(t: str) -> bool:
        return bool(actors.find_actors(t) or places.find_places(t) or numbers.find_quantities(t))

    def find_outlets(t: str) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in actors.find_actors(t) if type_of(m.actor_id) == "outlet"]

    def type_of(actor_id: str | None) -> str | None:
        a = kb.get(actor_id) if actor_id else None
        return a.type if a else None

    helpers = SegmentHelpers(detect_lang=lang.detect, is_factual=is_factual, find_outlets=find_outlets)
    return actors, dates, numbers, places, weapons, helpers, type_of


def make_document(text: str, *, path: str | None = None, doc_id: str | None = None,
                  **meta: str | None) -> Document:
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(id=doc_id or sha[:16], text=text, sha256=sha, path=path, **meta)  # type: ignore[arg-type]


def run(doc: Document, options: ExtractOptions | None = None) -> Record:
    """The record of one document."""
    out = run_batch([doc], options)[0]
    if isinstance(out, Exception):
        raise out
    return out


def run_batch(docs: Sequence[Document], options: ExtractOptions | None = None) -> list[Record | Exception]:
    """The records of several documents, in order; a document that fails gives its exception
    (the others go on). The sentences to parse are parsed together, one ``nlp.pipe`` per language,
    which is what makes the statistical parse affordable."""
    opts = options or ExtractOptions()
    prepared: list[_Prepared | Exception] = []
    for doc in docs:
        try:
            prepared.append(_prepare(doc, opts))
        except Exception as exc:  # one document's bug is its own
            prepared.append(exc)
    if opts.parse:
        _parse_all([p for p in prepared if not isinstance(p, Exception)])
    out: list[Record | Exception] = []
    for p in prepared:
        try:
            out.append(p if isinstance(p, Exception) else _finish(p, opts))
        except Exception as exc:
            out.append(exc)
    return out


@dataclass
class _Prepared:
    doc: Document
    seg: Any
    ann: Annotations
    requests: list[Any]
    readings: dict[tuple[int, int], Any] = field(default_factory=dict)


def _parse_all(prepared: list[_Prepared]) -> None:
    from .extract import read_parses

    parse = _parser()
    for lang in sorted({r[0] for p in prepared for r in p.requests}):
        todo = [(p, r) for p in prepared for r in p.requests if r[0] == lang]
        try:  # a sentence repeated (a headline restated in the lede) is parsed once
            unique = list(dict.fromkeys(r[3] for _, r in todo))
            by_text = dict(zip(unique, parse(unique, lang), strict=True))
            parsed = [by_text[r[3]] for _, r in todo]
        except Exception:  # parse each document alone, so that only the bad one fails
            for p in prepared:
                mine = [r for r in p.requests if r[0] == lang]
                p.readings.update(read_parses(mine, parse([r[3] for r in mine], lang)))
            continue
        for p in prepared:
            idx = [i for i, (q, _) in enumerate(todo) if q is p]
            p.readings.update(read_parses([todo[i][1] for i in idx], [parsed[i] for i in idx]))


def _prepare(doc: Document, opts: ExtractOptions) -> _Prepared:
    from .annotate.lang import is_arabic_unit
    from .extract import arabic, parse_requests
    from .segment import SegmentHelpers, segment

    actors, dates, numbers, places, weapons, helpers, type_of = _services()
    if not opts.detect_language:
        helpers = SegmentHelpers(None, helpers.is_factual, helpers.find_outlets)
    published = doc.published or dates.leading_date(doc.text) or _dateline(dates, doc.text)
    seg = segment(doc, helpers)
    text = doc.text
    parents = {u.parent for u in seg.units if u.parent}
    a_act, a_pl, a_dt, a_q, a_w = [], [], [], [], []
    for u in seg.units:
        if u.id in parents or (u.kind in _SKIP_ANNOTATION and not opts.annotate_boilerplate):
            continue
        chunk = text[u.start:u.end]
        u_act, u_pl = actors.find_actors(chunk, u.start), places.find_places(chunk, u.start)
        u_dt = dates.find_dates(chunk, u.start, published=published, lang=u.lang)
        u_w = weapons.find_weapons(chunk, u.start)
        if is_arabic_unit(u.lang, chunk):  # clitic-aware actors and weapons; no month as a place
            u_act, u_pl, u_w = arabic.annotate_unit(chunk, u.start, u_act, u_pl, u_dt, u_w)
        a_act += u_act
        a_pl += u_pl
        a_dt += u_dt
        a_q += numbers.find_quantities(chunk, u.start, lang=u.lang)
        a_w += u_w
    a_act = actors.document_senses(a_act)
    # An alias never links across countries: the places and named actors decide (issue 12).
    a_act = actors.localise(a_act, {p.place.country for p in a_pl if p.place.country})
    a_pl = places.outside_names(a_pl, a_act)
    ann = Annotations(tuple(a_act), tuple(places.disambiguate(a_pl, text)), tuple(a_dt), tuple(a_q), tuple(a_w))
    doc2 = replace(
        doc,
        published=published,
        outlet=doc.outlet or seg.outlet,
        author=doc.author or seg.author,
        title=doc.title or _first_title(text, seg.units),
    )
    return _Prepared(doc2, seg, ann, parse_requests(doc2, seg.units, ann) if opts.parse else [])


def _finish(p: _Prepared, opts: ExtractOptions) -> Record:
    from .extract import extract_claims
    from .frame import find_frames

    actors, _, _, _, _, _, type_of = _services()
    doc2, seg, ann, text = p.doc, p.seg, p.ann, p.doc.text
    claims = extract_claims(doc2, seg.units, ann, type_of, actors.find_actors, p.readings)
    extra = [c for found in _plugins().hook.claimweave_extra_claims(
        document=doc2, units=seg.units, annotations=ann) for c in found]
    if extra:
        claims = tuple(replace(c, id=f"c{i + 1}") for i, c in enumerate((*claims, *extra)))
    frames = find_frames(text, seg.units) if opts.frames else Frames()
    return Record(doc2, seg.genre, seg.language, seg.units, ann, claims, frames=frames)


def _parser():
    from .annotate.nlp import parse

    return parse


def _plugins():
    from .plugins import manager

    return manager()


def _dateline(dates, text: str) -> str | None:
    """A full date (day, month and year) in the first lines is taken as the publication date."""
    for m in dates.find_dates(text[:400]):
        if m.value.precision == "day" and m.value.start and m.value.year:
            return m.value.start
    return None


def _first_title(text: str, units) -> str | None:
    for u in units:
        if u.kind in ("title", "headline"):
            return text[u.start:u.end]
    return None
