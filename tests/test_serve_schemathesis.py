"""schemathesis against the workbench's own OpenAPI document: for every operation, generated
requests never get a server error, and every response (errors included) has a declared status,
content type and schema."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from serve_fixtures import DEMO, build_ledger

schemathesis = pytest.importorskip("schemathesis")
checks = pytest.importorskip("schemathesis.checks")

from claimweave.serve.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = build_ledger(tmp_path_factory.mktemp("schemathesis") / "ledger.db", DEMO)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(db))


def test_api_conforms_to_its_openapi(api_schema: Any) -> None:
    ran = []
    for result in api_schema.get_all_operations():
        op = result.ok()

        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        @given(case=op.as_strategy())
        def run(case: Any) -> None:
            case.call_and_validate(checks=[checks.not_a_server_error, checks.status_code_conformance,
                                           checks.content_type_conformance,
                                           checks.response_schema_conformance])

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            run()
        ran.append(op.label)
    # schemathesis leaves out the operation that serves the schema itself
    assert {f"{m.upper()} {p}" for p, ops in api_schema.raw_schema["paths"].items()
            for m in ops} - set(ran) <= {"GET /api/openapi.json"}, ran


@pytest.mark.parametrize("role", ["reviewer", "viewer"])
def test_write_api_conforms_in_write_mode(tmp_path_factory: pytest.TempPathFactory, role: str) -> None:
    """The same checks with ``--write`` and a bearer token: generated reviews (valid and not) get
    only declared statuses and shapes — 200/400/404/409 for a reviewer, 403 for a viewer."""
    from claimweave.store import Ledger
    from claimweave.store.review import add_user

    db = build_ledger(tmp_path_factory.mktemp("schemathesis-write") / "ledger.db", DEMO)
    with Ledger.open(db) as ledger:
        token = add_user(ledger.connection, "u1", role)[1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(db, write=True))
    seen = set()
    for result in schema.get_all_operations():
        op = result.ok()
        if op.method.upper() != "POST" and op.path != "/api/audit":
            continue

        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        @given(case=op.as_strategy())
        def run(case: Any) -> None:
            response = case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"},
                checks=[checks.not_a_server_error, checks.status_code_conformance,
                        checks.content_type_conformance, checks.response_schema_conformance])
            seen.add(response.status_code)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            run()
    assert seen and (seen <= {403} if role == "viewer" else 400 in seen), seen
