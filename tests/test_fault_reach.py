"""A fault rule that could never fire is a 400 FAULT_CANNOT_FIRE and is not stored (issue 21),
while every rule that can fire is still accepted: the path table agrees with both apps."""

from __future__ import annotations

import re

import pytest
from openapi_checks import the_document, two_apps

from sandbox.diagnostics.fault_reach import APPS, CHECKED, face_of, reachable_faces
from sandbox.web_shared.request_hooks import face_name


def post_fault(control_http, world, match, effect):
    return control_http.post(f"/_sandbox/v1/worlds/{world.id}/faults",
                             json={"match": match, "effect": effect})


@pytest.mark.parametrize("match, effect, path_face, face", [
    ({"path": "/v2/oauth/token/"}, {"tiktok_error": 105002}, "login_kit", "open_api"),
    ({"path": "/v2/user/info/"}, {"tiktok_error": 36004004}, "tiktok_api", "open_api"),
    ({"path": "/v2/oauth/*"}, {"tiktok_error": 106001}, "login_kit", "open_api"),
    ({"path": "/api/v2/token/get"}, {"tiktok_error": "invalid_grant"}, "open_api", "login_kit"),
    ({"path": "/authorization/*"}, {"tiktok_error": "access_token_invalid"}, "open_api",
     "tiktok_api"),
    ({"path": "/v2/user/info/"}, {"tiktok_error": "invalid_grant"}, "tiktok_api", "login_kit"),
    ({"path": "/v2/oauth/token/", "face": "open_api"}, {"status": 500}, "login_kit",
     "open_api"),
])
def test_a_rule_whose_path_is_another_faces_is_refused_and_not_stored(
        world, control_http, match, effect, path_face, face):
    resp = post_fault(control_http, world, match, effect)
    assert resp.status_code == 400, resp.text
    error = resp.json()["error"]
    assert error["code"] == "FAULT_CANNOT_FIRE"
    assert f"({path_face}) requests" in error["message"] and f"({face})" in error["message"]
    assert error["details"]["face"] == face and path_face in error["details"]["path_faces"]
    assert world.faults.list() == []


@pytest.mark.parametrize("match, effect", [
    ({"path": "/v2/oauth/token/"}, {"tiktok_error": "invalid_grant"}),
    ({"path": "/v2/user/info/"}, {"tiktok_error": "access_token_invalid"}),
    ({"path": "/api/v2/token/get"}, {"tiktok_error": 36004004}),
    ({"path": "/v2/*"}, {"tiktok_error": "rate_limit_exceeded"}),  # /v2/user/… is API v2
    ({"path": "/a*"}, {"tiktok_error": 105002}),  # the glob reaches /api/v2/…, /authorization/…
    ({"path": "*/token/*"}, {"tiktok_error": 105002}),
    ({"path": "/v2/oauth/token/", "face": "pages"}, {"status": 500}),  # not checked
    ({"path": "/anything"}, {"status": 500}),
])
def test_a_rule_that_can_fire_is_still_accepted(world, match, effect):
    kind, value = next(iter(effect.items()))
    fault = world.faults.add(match, **{kind: value})
    assert [f["id"] for f in world.faults.list()] == [fault["id"]]


def test_the_code_is_listed_on_the_faults_operation():
    create = the_document()["paths"]["/_sandbox/v1/worlds/{world_id}/faults"]["post"]
    assert "FAULT_CANNOT_FIRE" in str(create["responses"]["400"])


def sample_path(rule: str) -> str:
    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>",
                  lambda m: "1" if m.group(1) in ("int", "float") else "x", rule)


def test_the_path_table_agrees_with_both_apps_boundaries():
    """Every route and every boundary prefix of each app: where the app gives a request a face
    the table checks, the table gives it the same, so no rule that can fire is refused."""
    for seller, fake in two_apps(seed_demo=False):
        for name, app in (("seller_center", seller), ("tiktok_app", fake)):
            faces, _ = app.extensions["sandbox.web"]
            prefixes = [p + "zz" for face in faces for p in face.prefixes]
            routes = [(sample_path(r.rule), sorted(r.methods - {"HEAD", "OPTIONS"})[0])
                      for r in app.url_map.iter_rules()]
            for path, method in [*routes, *((p, "GET") for p in prefixes)]:
                with app.test_request_context(path, method=method):
                    real = face_name(app)
                if real in CHECKED:
                    assert face_of(APPS[name], path) == real, (name, path)
                    assert real in reachable_faces(path)
            for path in prefixes:
                with app.test_request_context(path, method="GET"):
                    assert face_of(APPS[name], path) == face_name(app), (name, path)
