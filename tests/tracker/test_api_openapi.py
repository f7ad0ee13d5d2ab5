"""The OpenAPI document is pinned: a change to the API shows up as a reviewed diff."""

from __future__ import annotations

import json
import os

from django.test import Client

from tests.conftest import FIXTURES
from watching_brief.tracker.api.api import api

SNAPSHOT = FIXTURES / "snapshots" / "openapi.json"
REGENERATE = "BRIEF_UPDATE_SNAPSHOTS=1 uv run pytest tests/tracker/test_api_openapi.py"


def current_document() -> str:
    schema = api.get_openapi_schema(path_prefix="/api/")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_openapi_document_matches_the_snapshot() -> None:
    document = current_document()
    if os.environ.get("BRIEF_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(document, encoding="utf-8")
    assert SNAPSHOT.exists(), f"No OpenAPI snapshot yet; write it with: {REGENERATE}"
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert document == expected, f"The OpenAPI document changed; review, then run: {REGENERATE}"


def test_openapi_document_is_3_1_and_served(client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema == json.loads(current_document())
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"] == "Watching Brief API"
    paths = set(schema["paths"])
    assert {"/api/bodies", "/api/actions/{action_id}/close", "/api/posts"} <= paths
    close = schema["paths"]["/api/actions/{action_id}/close"]["post"]
    assert close["security"] == [{"BearerToken": []}]


def test_every_operation_documents_422_and_429() -> None:
    schema = json.loads(current_document())
    error_detail = schema["components"]["schemas"]["Error"]["properties"]["detail"]
    invalid = schema["components"]["schemas"]["Invalid"]
    assert error_detail["type"] == "string"
    assert invalid["properties"]["detail"]["type"] == "string"  # never a list
    assert set(invalid["required"]) == {"detail", "errors"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            where = f"{method.upper()} {path}"
            body = responses["422"]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Invalid"}, where
            limited = responses["429"]
            assert limited["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
            assert limited["headers"]["Retry-After"]["schema"]["type"] == "integer", where
