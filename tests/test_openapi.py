"""The OpenAPI document covers every API route of both apps, and only routes that exist."""

from __future__ import annotations

import re

import pytest

from fake_tiktok_app import create_app as create_fake_app
from sandbox.app import create_app
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.web.openapi_spec import build_spec

API_PREFIXES = ("/_sandbox/v1/", "/api/v1/", "/app/api/v1/", "/v2/", "/api/v2/",
                "/authorization/", "/event/", "/oauth/", "/.well-known/", "/sandbox/",
                "/open/api/")
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def apps():
    runtime = Runtime(Settings(db="memory"))
    yield create_app(runtime=runtime), create_fake_app(runtime=runtime)
    runtime.close()


def shape(path: str) -> str:
    """A path template with its parameter names dropped: /a/{id} and /a/{org_id} are one route."""
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/") or "/")


def api_routes(apps) -> set[tuple[str, str]]:
    routes = set()
    for app in apps:
        for rule in app.url_map.iter_rules():
            if not rule.rule.startswith(API_PREFIXES):
                continue
            path = shape(re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule))
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                routes.add((path, method.lower()))
    return routes


def documented(spec) -> set[tuple[str, str]]:
    return {(shape(path), method) for path, item in spec["paths"].items() for method in item
            if method in METHODS}


def test_every_api_route_is_documented(apps):
    missing = api_routes(apps) - documented(build_spec())
    assert not missing, sorted(missing)


def test_every_documented_operation_exists(apps):
    ghosts = {(p, m) for p, m in documented(build_spec()) if p.startswith(API_PREFIXES)}
    ghosts -= api_routes(apps)
    assert not ghosts, sorted(ghosts)


def test_every_reference_and_security_scheme_resolves():
    spec = build_spec()
    schemas = spec["components"]["schemas"]
    refs = re.findall(r"#/components/schemas/([A-Za-z0-9_]+)", str(spec))
    assert refs and not [r for r in refs if r not in schemas]
    schemes = spec["components"]["securitySchemes"]
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            assert operation["responses"], operation["summary"]
            for requirement in operation.get("security", []):
                assert set(requirement) <= set(schemes), requirement


def test_the_document_is_served_at_openapi_json(apps):
    resp = apps[0].test_client().get("/openapi.json")
    assert resp.status_code == 200 and resp.json["openapi"] == "3.1.0"
    assert "/_sandbox/v1/worlds/{world_id}/clock" in resp.json["paths"]


def test_the_document_is_valid_openapi_3_1():
    from openapi_spec_validator import validate

    validate(build_spec())
