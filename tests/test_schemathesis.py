"""Schemathesis over the OpenAPI document both ports serve: every operation, with generated
valid and invalid requests, over real HTTP to the running sandbox. No answer may be a 5xx or
differ from the document (status code, content type, body schema).

The document is built at import (parametrization needs it before the sandbox starts) and a test
below pins that both ports serve exactly it. Each operation gets a fresh world with a shop and an
account in it: `{world_id}`, `{shop_id}` and `{open_id}` name them, and the seller and app
operations carry that shop's seller token and that account's app session. Generation is
deterministic (a fixed seed) and bounded (MAX_EXAMPLES per operation) so it fits CI."""

from __future__ import annotations

import os
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from sandbox.app import reference_routes
from sandbox.kernel.settings import Settings
from sandbox.openapi.document import build_document

MAX_EXAMPLES = int(os.environ.get("TIKTOK_SANDBOX_SCHEMATHESIS_EXAMPLES", "20"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, unsupported_method]  # the last: 405 with `Allow`

# TODO(oauth): operations left out because they still answer some generated requests with a 5xx
# outside this test's remit (fake_tiktok_app/oauth/*, login_kit.py; being fixed separately).
# Each entry is "METHOD /path"; remove it once its 5xx is fixed. None at present.
EXCLUDED_5XX_TODO: set[str] = set()

DOCUMENT = build_document(Settings(), reference_routes())
APP_PATHS = {path for path, item in DOCUMENT["paths"].items() if item.get("servers")}

schema = schemathesis.openapi.from_dict(DOCUMENT)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                                max_examples=MAX_EXAMPLES, deterministic=True, database="none")

LOG = os.environ.get("TIKTOK_SANDBOX_SCHEMATHESIS_LOG")


@pytest.fixture
def actors(sandbox) -> Any:
    """A fresh world with a shop (seller token) and an account (app session) in it."""
    world = sandbox.create_world(name="schemathesis", frozen=True)
    shop = world.create_shop("Fuzzed Shop")
    account = world.create_account("fuzzed", region="US")
    account.app.login()
    yield {"world": world, "shop": shop, "account": account,
           "seller": shop.seller._http.headers["Authorization"],
           "app": account.app._http.headers["Authorization"]}
    try:
        world.delete()
    except Exception:  # noqa: BLE001 - the fuzzed DELETE may have deleted it already
        pass


def _fill(case: Any, actors: dict[str, Any]) -> None:
    """Real ids for the path parameters the fixture has, and the actor's credentials."""
    params = case.path_parameters or {}
    known = {"world_id": actors["world"].id, "shop_id": actors["shop"].id,
             "open_id": actors["account"].open_id}
    for name, value in known.items():
        if name in params:
            params[name] = value
    security = case.operation.definition.raw.get("security") or []
    schemes = {name for requirement in security for name in requirement}
    headers = dict(case.headers or {})
    if "seller" in schemes:
        headers["Authorization"] = actors["seller"]
    elif "app" in schemes:
        headers["Authorization"] = actors["app"]
    case.headers = headers
    query = case.query if isinstance(case.query, dict) else {}
    if _number(query.get("wait")) > 0.01:  # long polls: a valid wait, but CI has no minute
        query["wait"] = "0.01"


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


@schema.exclude(func=lambda ctx: f"{ctx.operation.method.upper()} {ctx.operation.path}"
                in EXCLUDED_5XX_TODO).parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, sandbox, actors):
    _fill(case, actors)
    base = sandbox.app_url if case.operation.path in APP_PATHS else sandbox.url
    response = case.call(base_url=base, timeout=30)
    if LOG:  # figures for a report: one line per case, "METHOD /path status"
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"{case.method} {case.operation.path} {response.status_code}\n")
    case.validate_response(response, checks=CHECKS)


def _without_servers(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every `servers` list dropped (they name the ports really served)."""
    if isinstance(document, dict):
        return {k: _without_servers(v) for k, v in document.items() if k != "servers"}
    if isinstance(document, list):
        return [_without_servers(v) for v in document]
    return document


def test_both_ports_serve_the_document_fuzzed_here(sandbox):
    expected = _without_servers(DOCUMENT)
    for base in (sandbox.url, sandbox.app_url):
        served = httpx.get(f"{base}/openapi.json", timeout=30).json()
        assert _without_servers(served) == expected, base
