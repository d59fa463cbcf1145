"""Bad input on the faces issue 4 added: a 4xx with a stable code, never a 500, nothing written."""

from __future__ import annotations

import pytest

from sandbox.client import SandboxAPIError


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme")


def seller_headers(shop):
    return {"Authorization": shop.seller._http.headers["Authorization"]}


SELLER_CALLS = [
    ("POST", "/api/v1/invitations", {}, 400, "MISSING_FIELD"),
    ("POST", "/api/v1/invitations", {"username": 5}, 400, "MISSING_FIELD"),
    ("POST", "/api/v1/invitations", {"username": "nobody"}, 404, "INVITEE_NOT_FOUND"),
    ("GET", "/api/v1/invitations/iv_nope", None, 404, "INVITATION_NOT_FOUND"),
    ("POST", "/api/v1/links/ln_nope/unlink", None, 404, "LINK_NOT_FOUND"),
    ("POST", "/api/v1/unlink-requests/ur_nope/maybe", None, 400, "INVALID_FIELD"),
    ("POST", "/api/v1/unlink-requests/ur_nope/approve", None, 404, "UNLINK_REQUEST_NOT_FOUND"),
    ("POST", "/api/v1/tickets", {}, 400, "MISSING_FIELD"),
    ("POST", "/api/v1/tickets", {"link_id": "ln_nope"}, 404, "LINK_NOT_FOUND"),
    ("PATCH", "/api/v1/shop", {"name": ""}, 400, "INVALID_FIELD"),
    ("PATCH", "/api/v1/shop", {"name": ["x"]}, 400, "INVALID_FIELD"),
]


@pytest.mark.parametrize(("method", "path", "body", "status", "code"), SELLER_CALLS,
                         ids=[f"{m} {p} {b}" for m, p, b, _s, _c in SELLER_CALLS])
def test_seller_api_refuses_bad_input_with_a_stable_code(world, shop, control_http, method, path,
                                                         body, status, code):
    before = world.events()
    resp = control_http.request(method, path, json=body, headers=seller_headers(shop))
    assert (resp.status_code, resp.json()["error"]["code"]) == (status, code)
    assert world.events() == before


def test_seller_api_needs_a_seller(control_http):
    resp = control_http.post("/api/v1/invitations", json={"username": "bob"})
    assert (resp.status_code, resp.json()["error"]["code"]) == (401, "SELLER_LOGIN_REQUIRED")


def test_seller_api_refuses_a_body_that_is_not_json(shop, control_http):
    resp = control_http.post("/api/v1/invitations", content=b"{nope",
                             headers={**seller_headers(shop), "Content-Type": "application/json"})
    assert (resp.status_code, resp.json()["error"]["code"]) == (400, "INVALID_JSON")


def test_control_plane_ticket_errors(world, control_http):
    resp = control_http.post(f"/_sandbox/v1/worlds/{world.id}/tickets/tk_nope/resolve",
                             json={"decision": "fix"})
    assert (resp.status_code, resp.json()["error"]["code"]) == (404, "TICKET_NOT_FOUND")
    resp = control_http.get("/_sandbox/v1/worlds/w_nope/tickets")
    assert (resp.status_code, resp.json()["error"]["code"]) == (404, "WORLD_NOT_FOUND")


def test_serious_violation_at_must_be_an_instant(world, control_http):
    bob = world.create_account(username="bob", age=30)
    resp = control_http.patch(f"/_sandbox/v1/worlds/{world.id}/accounts/{bob.open_id}",
                              json={"serious_violation_at": "yesterday"})
    assert (resp.status_code, resp.json()["error"]["code"]) == (400, "INVALID_FIELD")


def test_first_party_faces_need_seller_centers_client(world, app_http):
    partner = world.create_client(redirect_uris=["https://partner.example/cb"])
    body = {"username": "bob", "fields": "open_id"}
    resp = app_http.post("/sandbox/v1/accounts/lookup", json=body)
    assert (resp.status_code, resp.json()["error"]["code"]) == (401, "CLIENT_AUTH_FAILED")
    resp = app_http.post("/sandbox/v1/accounts/lookup", json=body,
                         auth=(partner["client_key"], partner["client_secret"]))
    assert (resp.status_code, resp.json()["error"]["code"]) == (403, "FIRST_PARTY_ONLY")


def test_app_inbox_needs_a_login_and_a_known_invitation(world, app_http):
    resp = app_http.get("/app/api/v1/inbox")
    assert (resp.status_code, resp.json()["error"]["code"]) == (401, "APP_LOGIN_REQUIRED")
    bob = world.create_account(username="bob", age=30)
    with pytest.raises(SandboxAPIError) as err:
        bob.app.call("POST", "/invitations/inv_nope/accept")
    assert err.value.status == 404 and err.value.code == "INVITATION_NOT_FOUND"


def test_phone_pages_send_a_stranger_to_log_in(app_http):
    for path in ("/phone/inbox", "/phone/shop"):
        resp = app_http.get(path)
        assert resp.status_code == 302 and "/phone/login" in resp.headers["location"]


def test_openapi_documents_every_marketing_route():
    """Every marketing, support and inbox route has a path item (Flask's <x> is OpenAPI's {x})."""
    import re

    from sandbox.app import reference_routes
    from sandbox.kernel.settings import Settings
    from sandbox.openapi.document import build_document

    document = build_document(Settings(), reference_routes())
    paths = document["paths"]
    mine = {"marketing_api", "support_control", "first_party_links", "app_inbox_api"}
    for route in reference_routes():
        if route.endpoint.split(".")[0] in mine:
            assert route.method in paths.get(route.path, {}), (route.method, route.path)
    refs = re.findall(r"#/components/schemas/(\w+)", repr(paths))
    assert set(refs) <= set(document["components"]["schemas"])
