"""/openapi.json names every API route of both url maps, exactly, and is valid OpenAPI 3.1."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from openapi_checks import operations, the_document, two_apps

from sandbox.kernel.settings import Settings
from sandbox.openapi.routes import METHODS, openapi_path

ROOT = Path(__file__).resolve().parent.parent
API_PREFIXES = ("/_sandbox/v1/", "/api/v1/", "/app/api/v1/", "/v2/", "/api/v2/", "/authorization/",
                "/event/", "/sandbox/", "/oauth/", "/.well-known/")


@pytest.fixture(scope="module")
def apps():
    yield from two_apps()


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return the_document()


def served(app) -> set[tuple[str, str]]:
    """Every (path, method) of a url map, the path spelt with the rule's own parameter names."""
    return {(openapi_path(rule.rule), method.lower()) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def documented(spec: dict[str, Any]) -> set[tuple[str, str]]:
    return {(path, method) for path, item in spec["paths"].items() for method in item
            if method in METHODS}


def test_every_api_route_is_documented_with_its_methods(apps, spec):
    routes = {r for app in apps for r in served(app) if (r[0] + "/").startswith(API_PREFIXES)}
    assert not routes - documented(spec), sorted(routes - documented(spec))


def test_every_documented_operation_is_served_under_its_exact_parameter_names(apps, spec):
    ghosts = documented(spec) - served(apps[0]) - served(apps[1])
    assert not ghosts, sorted(ghosts)


def test_paths_on_the_app_port_say_so(apps, spec):
    settings = Settings(db="memory")
    app_paths = {p for p, _ in served(apps[1])} - {p for p, _ in served(apps[0])}
    for path, item in spec["paths"].items():
        urls = [s["url"] for s in item.get("servers", [])]
        assert urls == ([settings.app_url] if path in app_paths else []), (path, urls)
    assert [s["url"] for s in spec["servers"]] == [settings.seller_url]


def test_path_parameters_are_declared(spec):
    for path, method, operation in operations(spec):
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        declared |= {p["name"] for p in spec["paths"][path].get("parameters", [])
                     if p["in"] == "path"}
        assert declared == set(re.findall(r"\{(\w+)\}", path)), (path, method)


def _refs(node: Any):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_structure_refs_responses_security_and_tags(spec):
    """What a validator would say, without one: every $ref resolves, every operation answers."""
    for pointer in set(_refs(spec)):
        assert pointer.startswith("#/"), pointer
        node: Any = spec
        for part in pointer[2:].split("/"):
            assert part in node, pointer
            node = node[part]
    tags = {t["name"] for t in spec["tags"]}
    schemes = spec["components"]["securitySchemes"]
    for path, method, operation in operations(spec):
        where = f"{method.upper()} {path}"
        assert operation.get("summary") and operation["responses"], where
        assert any(s[0] in "23" for s in operation["responses"]), where
        assert operation["operationId"], where
        assert set(operation["tags"]) <= tags, where
        for requirement in operation.get("security", []):
            assert set(requirement) <= set(schemes), where
        for status, response in operation["responses"].items():
            assert "description" in response, (where, status)


def test_the_document_is_valid_openapi_3_1(spec):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)


def test_the_document_is_served_at_openapi_json(apps, spec):
    resp = apps[0].test_client().get("/openapi.json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    assert json.loads(resp.get_data(as_text=True)) == json.loads(json.dumps(spec))


def test_documented_error_codes_exist_in_the_source(spec):
    source = "\n".join(p.read_text() for d in ("sandbox", "fake_tiktok_app")
                       for p in (ROOT / d).rglob("*.py") if "openapi" not in p.parts)
    literals = set(re.findall(r'"([A-Z][A-Z0-9_]+)"', source))
    patterns = [re.sub(r"\\\{[^}]*\\\}", "[A-Z_]+", re.escape(p))
                for p in re.findall(r'f"([A-Z][A-Z0-9_]*\{[^"]+)"', source)]
    codes = {c for _, _, o in operations(spec) for r in o["responses"].values()
             for c in r.get("x-error-codes", []) if c.isupper()}
    unknown = [c for c in codes
               if c not in literals and not any(re.fullmatch(p, c) for p in patterns)]
    assert codes and not unknown, unknown
