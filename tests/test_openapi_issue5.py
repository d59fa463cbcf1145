"""Every route issue 5 added is described in sandbox/web/openapi_issue5.py."""

from __future__ import annotations

import re

from sandbox.web.openapi_issue5 import PATHS, SCHEMAS

NEW = ("/v2/auth/", "/v2/oauth/token", "/v2/oauth/revoke", "/v2/user/", "/oauth/", "/.well-known",
       "/open/", "/api/v2/token", "/authorization/", "/sandbox/", "/event/",
       "/api/v1/authorized_apps", "/alliance/", "/app/api/v1/authorizations",
       "/_sandbox/v1/worlds/<world_id>/webhooks")


def test_every_new_route_is_documented(sandbox):
    runtime = sandbox.runtime
    from fake_tiktok_app import create_app as fake_app
    from sandbox.app import create_app as seller_app

    documented = set(PATHS)
    for app in (fake_app(runtime=runtime), seller_app(runtime=runtime)):
        for rule in app.url_map.iter_rules():
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            if rule.rule.startswith(NEW):
                assert path in documented or path + "/" in documented, path


def test_refs_resolve():
    import json

    for ref in re.findall(r'#/components/schemas/(\w+)', json.dumps(PATHS)):
        assert ref in SCHEMAS
