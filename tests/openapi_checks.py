"""Shared by the OpenAPI tests: both apps on one runtime, the document, and `Checked`, which
calls a route and fails unless it answers as the document says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
from flask import Flask

from fake_tiktok_app.app import create_app as create_fake_app
from sandbox.app import create_app, reference_routes
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.openapi.document import build_document
from sandbox.openapi.routes import METHODS

try:  # comes with openapi-spec-validator (the test extra); without it bodies go unchecked
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover
    Draft202012Validator = None


def two_apps(**settings: Any) -> Iterator[tuple[Flask, Flask]]:
    runtime = Runtime(Settings(db="memory", **settings))
    fake = create_fake_app(runtime=runtime)
    seller = create_app(runtime=runtime, app_transport=httpx.WSGITransport(app=fake))
    yield seller, fake
    runtime.close()


def the_document() -> dict[str, Any]:
    return build_document(Settings(db="memory"), reference_routes())


def operations(spec: dict[str, Any]):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def token_of(qr_url: str) -> str:
    return parse_qs(urlparse(qr_url).query)["token"][0]


def fill(path: str) -> dict[str, str]:
    return {name: "1" for name in re.findall(r"\{(\w+)\}", path)}


class Checked:
    """Calls a route and fails unless its status, error code and body are what the document
    says for that operation."""

    def __init__(self, apps, spec: dict[str, Any]) -> None:
        self.seller, self.fake = (a.test_client() for a in apps)
        self.spec = spec

    def __call__(self, method: str, path: str, *, expect: int | None = None,
                 auth: str | None = None, remote: str = "127.0.0.1", **kw: Any) -> Any:
        documented_path, _, query = path.partition("?")
        concrete = re.sub(r"\{(\w+)\}", lambda m: str(kw.pop(m.group(1))), documented_path)
        concrete += f"?{query}" if query else ""
        item = self.spec["paths"][documented_path]
        client = self.fake if "servers" in item else self.seller
        headers = {"Authorization": f"Bearer {auth}"} if auth else {}
        resp = client.open(concrete, method=method.upper(), headers=headers,
                           environ_base={"REMOTE_ADDR": remote}, **kw)
        where = f"{method.upper()} {concrete} → {resp.status_code} {resp.get_data(as_text=True)}"
        if expect is not None:
            assert resp.status_code == expect, where
        response = item[method]["responses"].get(str(resp.status_code))
        assert response is not None, f"undocumented status: {where}"
        body = resp.get_json(silent=True)
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is not None and Draft202012Validator is not None:
            errors = list(Draft202012Validator({**schema, "components": self.spec["components"]})
                          .iter_errors(body))
            assert not errors, f"{where}: {errors[0].message}"
        code = self.error_code(body)
        if resp.status_code >= 400:  # (areas that document only statuses list no codes)
            assert code in response.get("x-error-codes", [code]), f"undocumented code: {where}"
        elif isinstance(body, dict) and "error_description" in body:  # TikTok's OAuth, HTTP 200
            listed = {c for r in item[method]["responses"].values()
                      for c in r.get("x-error-codes", [])}
            assert code in listed, f"undocumented code: {where}"
        return body

    @staticmethod
    def error_code(body: Any) -> str | None:
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            return None if error.get("code") in (None, "ok") else error["code"]
        return error if isinstance(error, str) else None


def undocumented_fields(value: Any, schema: dict[str, Any], components: dict[str, Any],
                        where: str = "") -> list[str]:
    """Where `value` holds a field its (valid) schema does not name: a JSON Schema allows extra
    properties, so a conformance check alone misses a field the document forgot. Free-form
    objects (no `properties`) and `additionalProperties` schemas are walked as they say."""
    def resolve(s: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in s:
            s = components["schemas"][s["$ref"].rsplit("/", 1)[-1]]
        return s

    schema = resolve(schema)
    for key in ("oneOf", "anyOf"):  # the member the value matches decides
        if key in schema:
            found = [undocumented_fields(value, m, components, where) for m in schema[key]
                     if Draft202012Validator({**resolve(m), "components": components}).is_valid(
                         value)]
            return min(found, key=len, default=[])
    if "allOf" in schema:
        members = [resolve(m) for m in schema["allOf"]]
        schema = {"properties": {k: v for m in members for k, v in m.get("properties", {}).items()}}
    if isinstance(value, list) and "items" in schema:
        return [f for i, item in enumerate(value)
                for f in undocumented_fields(item, schema["items"], components, f"{where}[{i}]")]
    if not isinstance(value, dict):
        return []
    props, extra = schema.get("properties"), schema.get("additionalProperties")
    found = []
    for name, item in value.items():
        here = f"{where}.{name}" if where else name
        if props is not None and name in props:
            found += undocumented_fields(item, props[name], components, here)
        elif isinstance(extra, dict):
            found += undocumented_fields(item, extra, components, here)
        elif props is not None and extra is not True:
            found.append(here)
    return found
