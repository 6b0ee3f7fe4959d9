"""Extension points: a plugin can add an ingest reader and extra claims; built-ins are plugins too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimweave.hookspecs import hookimpl
from claimweave.ingest import iter_documents, reader_for
from claimweave.model import Claim, Document
from claimweave.pipeline import make_document, run
from claimweave.plugins import manager


class _Plugin:
    @hookimpl
    def claimweave_readers(self):
        def read_note(path: Path, label: str, options) -> Iterator[Document]:
            text = path.read_text(encoding="utf-8").replace("NOTE:", "", 1).strip()
            yield make_document(text, path=label)

        return {".note": read_note}

    @hookimpl
    def claimweave_extra_claims(self, document, units, annotations):
        if "ceasefire" not in document.text:
            return []
        i = document.text.index("ceasefire")
        return [Claim(id="", unit_id=units[0].id, kind="ceasefire", start=i, end=i + 9,
                      text="ceasefire")]


@pytest.fixture
def plugin():
    p = _Plugin()
    manager().register(p, name="test-plugin")
    yield p
    manager().unregister(name="test-plugin")


def test_builtin_readers_are_a_default_plugin() -> None:
    assert "claimweave.ingest.defaults" in dict(manager().list_name_plugin())
    assert reader_for(Path("x.warc.gz")).__name__ == "read_warc"
    assert reader_for(Path("x.TXT")).__name__ == "read_text"


def test_plugin_reader_and_extra_claims(plugin, tmp_path: Path) -> None:
    f = tmp_path / "a.note"
    f.write_text("NOTE: A ceasefire was announced in Idlib on Monday.", encoding="utf-8")
    (doc,) = list(iter_documents([f]))
    assert isinstance(doc, Document) and doc.text.startswith("A ceasefire")
    rec = run(doc)
    kinds = [c.kind for c in rec.claims]
    assert "ceasefire" in kinds
    assert [c.id for c in rec.claims] == [f"c{i + 1}" for i in range(len(rec.claims))]


def test_without_the_plugin_nothing_extra(tmp_path: Path) -> None:
    f = tmp_path / "a.note"
    f.write_text("NOTE: A ceasefire.", encoding="utf-8")
    assert reader_for(f).__name__ == "read_unknown"
