"""The error catalogue (sandbox extension): every refusal code the sandbox can give, with its
HTTP status, rule and face, read off the served OpenAPI document, the documented TikTok errors
(diagnostics/fault_presets.py) and the rule registry (every rule's declared codes)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sandbox.diagnostics.fault_presets import LOGIN_KIT, OPEN_API, PRESETS, TIKTOK_API
from sandbox.kernel.settings import Settings
from sandbox.openapi.document import build_document
from sandbox.openapi.routes import Route
from sandbox.openapi.shapes import APP, CONTROL, FIRST, RFC, SELLER, SHOP
from sandbox.openapi.shapes import LOGIN_KIT as LOGIN_KIT_TAG
from sandbox.rules.registry import all_codes, rule_text

_CODE = re.compile(r"`([A-Za-z0-9_]+)`(?: \(rule ([A-Z]\d+)\))?")
_TAG_FACES = {CONTROL: "control", SELLER: "actor", APP: "actor", FIRST: "oauth",
              LOGIN_KIT_TAG: LOGIN_KIT, RFC: "oauth", SHOP: OPEN_API}
# A connection a fault dropped has no answer: status 0 in the request log.
DROPPED = ("CONNECTION_DROPPED", 0, "", "any")


def _face(tag: str, path: str) -> str:
    if tag in _TAG_FACES:
        return _TAG_FACES[tag]
    if path.startswith("/v2/") and not path.startswith("/v2/oauth"):
        return TIKTOK_API
    return "pages" if not path.startswith(("/api/", "/app/api/", "/_sandbox/")) else "actor"


def _add(found: dict[tuple[str, str], dict[str, Any]], code: str, status: int, rule: str,
         face: str, source: str) -> None:
    entry = found.setdefault((code, rule), {
        "code": code, "status": status, "statuses": [], "rule": rule or None,
        "rule_text": rule_text(rule), "faces": [], "source": source})
    if status not in entry["statuses"]:
        entry["statuses"] = sorted([*entry["statuses"], status])
        entry["status"] = entry["statuses"][0]
    if face not in entry["faces"]:
        entry["faces"] = sorted([*entry["faces"], face])


def from_document(doc: dict[str, Any]) -> Iterable[tuple[str, int, str, str]]:
    """(code, status, rule, face) of every documented refusal of an OpenAPI document."""
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method == "servers":
                continue
            face = _face(operation["tags"][0], path)
            for status, response in operation["responses"].items():
                if not status.isdigit() or int(status) < 400:
                    continue
                for code, rule in _CODE.findall(response.get("description", "")):
                    yield code, int(status), rule, face


def build(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The catalogue of `doc` plus the TikTok presets and the open-ended rule refusals,
    sorted by code; Shop Open API codes read `TTS_<number>` as the request log names them."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for code, status, rule, face in from_document(doc):
        _add(found, code, status, rule, face, "openapi")
    for preset in PRESETS:
        code = f"TTS_{preset.code}" if preset.face == OPEN_API else preset.code
        _add(found, code, preset.status, "", preset.face, "tiktok")
        found[(code, "")].setdefault("message", preset.message)
    for rule, declared in all_codes():  # every rule refusal, as the registry declares it
        if not any(key[0] == declared.code and key[1] in (rule.id, "") for key in found):
            _add(found, declared.code, declared.status, rule.id, "actor", "rule")
    _add(found, *DROPPED, "rule")
    return sorted(found.values(), key=lambda e: (e["code"], e["rule"] or ""))


@lru_cache(maxsize=1)
def _cached(routes: tuple[Route, ...]) -> tuple[dict[str, Any], ...]:
    return tuple(build(build_document(Settings(db="memory", seed_demo=False), routes)))


def catalogue(routes: Iterable[Route]) -> list[dict[str, Any]]:
    """The catalogue of the served routes (computed once per route table)."""
    return [dict(e) for e in _cached(tuple(routes))]
