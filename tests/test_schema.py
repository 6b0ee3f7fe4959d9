"""The published claimweave/1 JSON Schema: shipped in the package, in step with the model, and
kept by every record of the demo corpus and of generated pages."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from claimweave import model
from claimweave.errors import InputError
from claimweave.ingest import iter_documents
from claimweave.options import ExtractOptions
from claimweave.pipeline import make_document, run
from claimweave.record import to_dict
from claimweave.schema import ContractError, contract_errors, load_schema, validate
from claimweave.segment import GENRES as SEGMENT_GENRES
from pagegen import GENRES, pages

DEMO = Path(__file__).resolve().parent.parent / "corpus" / "demo"
NO_LANG = ExtractOptions(detect_language=False)


def _wire(rec: dict[str, object]) -> dict[str, object]:
    return json.loads(json.dumps(rec, ensure_ascii=False, allow_nan=False))


def test_schema_ships_and_is_a_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"]["const"] == model.SCHEMA


def test_schema_enumerations_follow_the_model() -> None:
    defs = load_schema()["$defs"]
    assert defs["unit"]["properties"]["kind"]["enum"] == list(model.UNIT_KINDS)
    assert defs["place_precision"]["enum"] == list(model.PRECISIONS)
    assert defs["date"]["properties"]["precision"]["enum"] == list(model.DATE_PRECISIONS)
    assert defs["document"]["properties"]["genre"]["enum"] == list(SEGMENT_GENRES)


def test_every_demo_record_validates() -> None:
    n = 0
    for doc in iter_documents([DEMO]):
        assert not isinstance(doc, InputError), doc
        validate(_wire(to_dict(run(doc))), doc.text)
        n += 1
    assert n >= 15


@pytest.mark.parametrize("seed", range(3))
def test_generated_pages_validate(seed: int) -> None:
    claims = 0
    for text in pages(seed, 25):
        rec = _wire(to_dict(run(make_document(text, path="gen.txt"), NO_LANG)))
        assert not contract_errors(rec, text)
        claims += len(rec["claims"])  # type: ignore[arg-type]
    assert claims > 25


def test_every_genre_template_validates() -> None:
    r = random.Random(9)
    for make in GENRES:
        text = make(r)
        validate(_wire(to_dict(run(make_document(text, path="g.txt"), NO_LANG))), text)


def test_broken_records_are_refused() -> None:
    text = "More than 17 civilians were killed in Hajin on 3 November, a monitor said."
    good = _wire(to_dict(run(make_document(text, path="x"), NO_LANG)))
    validate(good, text)
    claim = good["claims"][0]  # type: ignore[index]
    cases = {
        "schema": {**good, "schema": "claimweave/2"},
        "missing": {k: v for k, v in good.items() if k != "units"},
        "kind": {**good, "units": [{**good["units"][0], "kind": "banner"}]},  # type: ignore[index]
        "offset": {**good, "claims": [{**claim, "end": len(text) + 5}]},
        "text": {**good, "claims": [{**claim, "text": claim["text"] + "!"}]},
        "unit": {**good, "claims": [{**claim, "unit_id": "nope"}]},
        "victims": {**good, "claims": [{**claim, "victims": [{"type": "civilians", "outcome": "killed",
                                                              "min": 9, "max": 3, "text": "x"}]}]},
        "null": {**good, "document": {**good["document"], "sha256": None}},  # type: ignore[dict-item]
    }
    for name, bad in cases.items():
        with pytest.raises(ContractError):
            validate(bad, text)
        assert contract_errors(bad, text), name
