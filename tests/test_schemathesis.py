"""Schemathesis over the OpenAPI document both ports serve: every operation, with generated
valid and invalid requests, over real HTTP to the running sandbox. No answer may be a 5xx or
differ from the document (status code, content type, body schema).

The document is built at import (parametrization needs it before the sandbox starts) and a test
below pins that both ports serve exactly it. Each operation gets a fresh world with a shop and an
account in it: `{world_id}`, `{shop_id}` and `{open_id}` name them, and the seller and app
operations carry that shop's seller token and that account's app session. Generation is
deterministic (a fixed seed) and bounded (MAX_EXAMPLES per operation) so it fits CI.

The sandbox's own faces, the control plane and the actor APIs, get more examples
(OWN_EXAMPLES) and one more check: every field a response holds is in the document (a JSON
Schema allows extra properties, so conformance alone would miss a field the document forgot)."""

from __future__ import annotations

import os
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_checks import undocumented_fields
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from sandbox.app import reference_routes
from sandbox.diagnostics.fault_reach import ACTOR, CONTROL, SELLER_CENTER, TIKTOK_APP, face_of
from sandbox.kernel.settings import Settings
from sandbox.openapi.document import build_document

MAX_EXAMPLES = int(os.environ.get("TIKTOK_SANDBOX_SCHEMATHESIS_EXAMPLES", "20"))
OWN_EXAMPLES = int(os.environ.get("TIKTOK_SANDBOX_SCHEMATHESIS_OWN_EXAMPLES", "50"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, unsupported_method]  # the last: 405 with `Allow`

# TODO(oauth): operations left out because they still answer some generated requests with a 5xx
# outside this test's remit (fake_tiktok_app/oauth/*, login_kit.py; being fixed separately).
# Each entry is "METHOD /path"; remove it once its 5xx is fixed. None at present.
EXCLUDED_5XX_TODO: set[str] = set()

DOCUMENT = build_document(Settings(), reference_routes())
APP_PATHS = {path for path, item in DOCUMENT["paths"].items() if item.get("servers")}



def _schema(max_examples: int) -> Any:
    fuzzed = schemathesis.openapi.from_dict(DOCUMENT)
    fuzzed.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                                    max_examples=max_examples, deterministic=True,
                                    database="none")
    return fuzzed


def _own(ctx: Any) -> bool:
    """The control plane or an actor API (either port), as the error boundaries tell faces."""
    path = ctx.operation.path
    return face_of(TIKTOK_APP if path in APP_PATHS else SELLER_CENTER, path) in (ACTOR, CONTROL)


def _excluded(ctx: Any) -> bool:
    return f"{ctx.operation.method.upper()} {ctx.operation.path}" in EXCLUDED_5XX_TODO


schema, own_schema = _schema(MAX_EXAMPLES), _schema(OWN_EXAMPLES)

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


def _answer(case: Any, sandbox: Any, actors: dict[str, Any]) -> Any:
    """Call the operation and hold the answer to the document (CHECKS)."""
    _fill(case, actors)
    base = sandbox.app_url if case.operation.path in APP_PATHS else sandbox.url
    response = case.call(base_url=base, timeout=30)
    if LOG:  # figures for a report: one line per case, "METHOD /path status"
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"{case.method} {case.operation.path} {response.status_code}\n")
    case.validate_response(response, checks=CHECKS)
    return response


@schema.exclude(func=lambda ctx: _own(ctx) or _excluded(ctx)).parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, sandbox, actors):
    _answer(case, sandbox, actors)


@own_schema.include(func=_own).exclude(func=_excluded).parametrize()
@settings(max_examples=OWN_EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_control_plane_and_actor_answers_hold_only_documented_fields(case, sandbox, actors):
    response = _answer(case, sandbox, actors)
    documented = case.operation.definition.raw["responses"].get(str(response.status_code), {})
    wanted = documented.get("content", {}).get("application/json", {}).get("schema")
    kind = " ".join(v for k, vs in response.headers.items() if k.lower() == "content-type"
                    for v in vs)
    if wanted is None or "json" not in kind:
        return  # no JSON documented or answered: content_type_conformance judged it
    extra = undocumented_fields(response.json(), wanted, DOCUMENT["components"])
    assert not extra, (f"{case.method} {case.operation.path} {response.status_code} answers "
                       f"fields the document does not name: {extra}")


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


def test_the_demo_worlds_collections_answer_only_documented_values(sandbox):
    """The demo seed holds what fuzzing never makes (Douyin enterprise accounts, links,
    partners, …): every control-plane GET of one of its collections answers as documented,
    with every enum value and field in the document."""
    from jsonschema import Draft202012Validator

    world = sandbox.create_world(name="documented demo", seed="demo")
    try:
        for path, item in DOCUMENT["paths"].items():
            rest = path.removeprefix("/_sandbox/v1/worlds/{world_id}")
            if rest == path or "{" in rest or "get" not in item or any(
                    p.get("required") for p in item["get"].get("parameters", [])
                    if p.get("in") == "query"):
                continue
            resp = httpx.get(sandbox.url + path.replace("{world_id}", world.id), timeout=30)
            assert resp.status_code == 200, (path, resp.text[:300])
            content = item["get"]["responses"]["200"].get("content", {})
            wanted = content.get("application/json", {}).get("schema")
            if wanted is None:
                continue
            body, components = resp.json(), DOCUMENT["components"]
            errors = list(Draft202012Validator({**wanted, "components": components})
                          .iter_errors(body))
            assert not errors, (path, errors[0].message)
            assert not undocumented_fields(body, wanted, components), path
    finally:
        world.delete()
