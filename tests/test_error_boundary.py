"""One error boundary per face: every refusal, HTTP error and crash wears its face's shape."""

from __future__ import annotations

import httpx
from flask import Flask, g
from support import browser_seller

from sandbox.kernel.errors import NotFound
from sandbox.web_shared.boundary import Face, install_error_boundary, json_face, sandbox_json


def _logged_in(world, http) -> httpx.Client:
    seller = world.create_shop(name="Boundary Shop", market="US").data["seller"]
    return browser_seller(http, world.id, seller["email"], seller["password"])


def test_unknown_link_request_page_is_a_404_page_not_a_500(world, control_http):
    resp = _logged_in(world, control_http).get("/seller/links/no-such-request")
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("text/html")
    assert "NOT_FOUND" in resp.text


def test_unknown_link_request_status_is_sandbox_json(world, control_http):
    resp = _logged_in(world, control_http).get("/seller/links/no-such-request/status")
    assert resp.status_code == 404
    assert resp.json()["error"]["code"].endswith("NOT_FOUND")


def test_unknown_routes_wear_their_faces_shape(sandbox):
    with httpx.Client(base_url=sandbox.url) as seller, httpx.Client(base_url=sandbox.app_url) as app:
        control = seller.get("/_sandbox/v1/no-such-thing")
        assert control.status_code == 404 and control.json()["error"]["code"] == "NOT_FOUND"
        shop_api = seller.get("/api/v2/no-such-thing")
        assert {"code", "message", "request_id", "data"} <= set(shop_api.json())
        login_kit = app.post("/v2/oauth/no-such-thing/")
        assert {"error", "error_description", "log_id"} <= set(login_kit.json())
        rfc = app.post("/oauth/no-such-thing")
        assert rfc.status_code == 404 and set(rfc.json()) == {"error", "error_description"}
        page = seller.get("/seller/no-such-page")
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


class _Db:
    rolled_back = False

    def rollback(self) -> None:
        self.rolled_back = True


def _tiny_app() -> Flask:
    app = Flask(__name__)
    install_error_boundary(app, [json_face(("/api/",))],
                           Face("text", lambda exc: (f"{exc.status} {exc.code}", exc.status)))

    @app.before_request
    def _db() -> None:
        g.db = _Db()
        app.extensions["last_db"] = g.db

    @app.get("/api/crash")
    def crash() -> str:
        raise RuntimeError("boom")

    @app.get("/page/crash")
    def page_crash() -> str:
        raise RuntimeError("boom")

    @app.get("/api/refuse")
    def refuse() -> str:
        raise NotFound("No such thing.", code="ORG_ACCOUNT_NOT_FOUND", rule="G4")

    return app


def test_a_crash_on_a_json_face_is_a_json_500_and_is_logged(caplog):
    client = _tiny_app().test_client()
    resp = client.get("/api/crash")
    assert resp.status_code == 500
    assert resp.get_json()["error"]["code"] == "INTERNAL_ERROR"
    assert any("Unhandled error" in r.message for r in caplog.records)


def test_a_crash_on_a_page_is_the_default_faces_500():
    resp = _tiny_app().test_client().get("/page/crash")
    assert resp.status_code == 500 and resp.get_data(as_text=True) == "500 INTERNAL_ERROR"


def test_a_refusal_keeps_code_and_rule_and_rolls_the_session_back():
    app = _tiny_app()
    resp = app.test_client().get("/api/refuse")
    assert resp.status_code == 404
    assert resp.get_json() == {"error": {"code": "ORG_ACCOUNT_NOT_FOUND", "rule": "G4",
                                         "message": "No such thing."}}
    assert app.extensions["last_db"].rolled_back


def test_sandbox_json_is_the_kernel_error_shape():
    app = Flask(__name__)
    with app.app_context():
        resp = sandbox_json(NotFound("x", code="X"))
    assert resp.status_code == 404 and resp.get_json() == {"error": {"code": "X", "message": "x"}}
