"""TikTok's envelope on every partner face: an unknown path under any TikTok Shop API family (or
shaped like one) is HTTP 404 with 36009009 whatever `Accept` says; a wrong method on a served
path is 405 with 36009010; the Login Kit host answers its own JSON shape."""

from __future__ import annotations

import httpx
import pytest

from sandbox.diagnostics.fault_reach import SHOP_API_FAMILIES


@pytest.fixture
def seller_http(sandbox):
    with httpx.Client(base_url=sandbox.url) as http:
        yield http


def _family_path(family: str) -> str:
    return family + ("nothing/202309/x" if family.endswith("/") else "x/202309/x")


@pytest.mark.parametrize("path", [*(_family_path(f) for f in SHOP_API_FAMILIES),
                                  "/order/202406/orders/external_orders", "/newfamily/202601/things"])
@pytest.mark.parametrize("accept", ["text/html", "application/json", "*/*"])
def test_an_unknown_open_api_path_is_36009009_in_tiktoks_envelope(seller_http, path, accept):
    resp = seller_http.post(path, headers={"Accept": accept}, json={})
    assert resp.status_code == 404 and resp.headers["content-type"] == "application/json"
    body = resp.json()
    assert body["code"] == 36009009 and body["data"] is None and len(body["request_id"]) == 34
    assert body["message"] == ("Invalid path. The specified path does not match any available "
                               "endpoint.")


@pytest.mark.parametrize(("method", "path"), [("PUT", "/authorization/202309/shops"),
                                              ("DELETE", "/api/v2/token/get")])
def test_a_wrong_method_on_a_served_path_is_36009010(seller_http, method, path):
    resp = seller_http.request(method, path, headers={"Accept": "text/html"})
    assert resp.status_code == 405 and resp.json()["code"] == 36009010
    assert resp.json()["message"].startswith("Invalid method.")


def test_seller_center_pages_keep_their_html_404(seller_http):
    resp = seller_http.get("/seller/no-such-page")
    assert resp.status_code == 404 and "text/html" in resp.headers["content-type"]


def test_the_login_kit_host_answers_its_own_shape_for_an_unknown_path(sandbox):
    resp = httpx.get(f"{sandbox.app_url}/v2/no/such/", headers={"Accept": "text/html"})
    assert resp.headers["content-type"] == "application/json"
    assert resp.json()["error"] == "invalid_request" and resp.json()["log_id"]
