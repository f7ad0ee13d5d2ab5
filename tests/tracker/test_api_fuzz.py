"""Fuzz the JSON API against its own OpenAPI document with schemathesis, in-process over WSGI.

Every operation is called with generated inputs, anonymously and with an officer's bearer
token, and each response must not be a 5xx and must match the document: its status code,
its content type and its body schema. Hypothesis is derandomized and bounded, so a CI run
is deterministic and takes seconds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache as django_cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import EXAMPLES, FIXTURES
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.api.auth import create_token
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
SNAPSHOT = FIXTURES / "snapshots" / "openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


def operation_ids() -> list[tuple[str, str]]:
    """(method, path) of every operation in the pinned document, for test ids."""
    document = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return [(method.upper(), path) for path, item in document["paths"].items() for method in item]


@cache
def api_schema() -> Any:
    """The document as the app serves it, loaded through the WSGI app itself."""
    return schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())


@pytest.fixture(autouse=True)
def generous_rate_limit(settings: Any) -> None:
    settings.BRIEF_API_RATE_LIMIT = 1_000_000
    django_cache.clear()


@pytest.fixture(autouse=True)
def keep_test_connection() -> Iterator[None]:
    """Requests through the WSGI handler would close the test transaction's connection at
    each request's start and end; Django's own test client stops that the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def officer_key(db: None) -> str:
    ingest_paths([EXAMPLES])
    return create_token(create_account("olivia-fuzz", PASSWORD, "officer", []))


def fuzz(
    method: str, path: str, headers: dict[str, str], path_parameters: dict[str, Any] | None = None
) -> None:
    operation = api_schema()[path][method]

    @FUZZ_SETTINGS
    @given(case=operation.as_strategy(path_parameters=path_parameters))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


def test_every_operation_is_fuzzed() -> None:
    served = {(op.ok().method.upper(), op.ok().path) for op in api_schema().get_all_operations()}
    assert served == set(operation_ids())


@pytest.mark.parametrize(("method", "path"), operation_ids())
def test_anonymous_calls_conform(officer_key: str, method: str, path: str) -> None:
    fuzz(method, path, {})


@pytest.mark.parametrize(("method", "path"), operation_ids())
def test_officer_calls_conform(officer_key: str, method: str, path: str) -> None:
    fuzz(method, path, {"Authorization": f"Bearer {officer_key}"})


@pytest.fixture
def real_ids(officer_key: str) -> dict[str, int]:
    """An open, public action of a published meeting, and that meeting."""
    actions = Action.objects.filter(meeting__status="published", restricted=False)
    action = actions.exclude(status__in=["closed", "dropped"]).exclude(item__restricted=True)
    first = action.order_by("pk").first()
    assert first is not None
    return {"action_id": first.pk, "meeting_id": first.meeting_id}


ID_OPERATIONS = [(method, path) for method, path in operation_ids() if "{" in path]


@pytest.mark.parametrize("who", ["anonymous", "officer"])
@pytest.mark.parametrize(("method", "path"), ID_OPERATIONS)
def test_calls_on_real_records_conform(
    officer_key: str, real_ids: dict[str, int], method: str, path: str, who: str
) -> None:
    """Generated ids rarely name a record: fuzz the rest of the call on ones that exist."""
    headers = {"Authorization": f"Bearer {officer_key}"} if who == "officer" else {}
    ids = {name: value for name, value in real_ids.items() if f"{{{name}}}" in path}
    fuzz(method, path, headers, ids)
