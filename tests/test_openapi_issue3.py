"""Every route the organization-account work adds is described in the OpenAPI fragment, and
every schema it refers to exists."""

from __future__ import annotations

import json
import re

from sandbox.web.openapi_issue3 import PATHS, SCHEMAS

BLUEPRINTS = ("org_api.", "control_org.", "org_app_api.", "first_party.")


def _shape(path: str) -> str:
    return re.sub(r"\{\w+\}", "{}", path)


def test_G1_to_H6_every_new_api_route_is_documented(sandbox):
    from fake_tiktok_app import create_app as create_fake_app
    from sandbox.app import create_app

    documented = {(_shape(p), m.upper()) for p, item in PATHS.items() for m in item
                  if m != "servers"}
    missing = []
    for app in (create_app(runtime=sandbox.runtime), create_fake_app(runtime=sandbox.runtime)):
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith(BLUEPRINTS):
                continue
            path = _shape(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule))
            missing += [(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}
                        if (path, m) not in documented]
    assert missing == []


def test_G1_to_H6_schema_references_resolve():
    refs = set(re.findall(r"#/components/schemas/(\w+)", json.dumps([PATHS, SCHEMAS])))
    assert refs <= set(SCHEMAS)
