"""The signature explainer (sandbox extension): a refused `sign` (106001) carries the string the
sandbox signed (secret shown as `<app_secret>`), the expected and given signs, and the mistake a
re-computation finds — in the answer's message, the request log, explain and the timeline;
`tiktok-sandbox sign` prints the string to sign and the sign."""

from __future__ import annotations

import json

import httpx
import pytest
from shop_support import REDIRECT, signed, tokens, wall_ts

from sandbox.cli import main
from sandbox.domain import signing

SHOPS = "/authorization/202309/shops"
SEARCH = "/product/202309/products/search"


@pytest.fixture
def app(world):
    return world.create_client(kind="shop_app", name="Acme ERP", redirect_url=REDIRECT)


@pytest.fixture
def token(world, control_http, app):
    shop = world.create_shop(name="Acme Official", market="US")
    return tokens(control_http, shop, app)["access_token"]


def _query(app, **extra):
    return {"app_key": app["app_key"], "timestamp": str(wall_ts()), **extra}


def _refused(control_http, world, app, path, token, wrong_sign, *, query, body=b""):
    resp = signed(control_http, world, app, path, token, method="POST" if body else "GET",
                  query={k: v for k, v in query.items() if k not in ("app_key", "timestamp")},
                  ts=query["timestamp"], body=body, sign=wrong_sign)
    answer = resp.json()
    assert answer["code"] == 106001, answer
    row = next(r for r in world.requests() if r["log_id"] == resp.headers["X-Tt-Logid"])
    return answer, row


def test_a_parameter_left_out_of_the_signature_is_named(world, control_http, app, token):
    query = _query(app, page_size="20")
    partial = {k: v for k, v in query.items() if k != "page_size"}
    wrong = signing.sign(app["app_secret"], SHOPS, partial)
    answer, row = _refused(control_http, world, app, SHOPS, token, wrong, query=query)
    assert "`page_size` was left out" in answer["message"]
    details = row["details"]
    assert details["likely_mistake"].startswith("the query parameter `page_size` was left out")
    assert details["string_to_sign"] == ("<app_secret>" + SHOPS + f"app_key{app['app_key']}"
                                         f"page_size20timestamp{query['timestamp']}<app_secret>")
    assert details["expected_sign"] == signing.sign(app["app_secret"], SHOPS, query)
    assert details["given_sign"] == wrong
    explained = world.explain(row["log_id"])["explanation"]
    assert "page_size" in explained and details["string_to_sign"] in explained


def test_a_body_left_out_of_the_signature_is_named(world, control_http, app, token):
    body = b'{"page_size": 10}'
    query = _query(app, shop_cipher="ROW_x")
    wrong = signing.sign(app["app_secret"], SEARCH, query)  # the body not signed
    answer, row = _refused(control_http, world, app, SEARCH, token, wrong, query=query, body=body)
    assert "body was left out" in row["details"]["likely_mistake"]
    assert row["details"]["string_to_sign"].endswith('{"page_size": 10}<app_secret>')


def test_the_secret_of_another_app_is_named(world, control_http, app, token):
    other = world.create_client(kind="shop_app", name="Other ERP", redirect_url=REDIRECT)
    query = _query(app)
    wrong = signing.sign(other["app_secret"], SHOPS, query)
    _answer, row = _refused(control_http, world, app, SHOPS, token, wrong, query=query)
    assert row["details"]["likely_mistake"] == (
        f"the request was signed with the secret of another app ({other['app_key']})")


def test_another_path_signed_is_named(world, control_http, app, token):
    query = _query(app)
    wrong = signing.sign(app["app_secret"], "/authorization/202309/shops/", query)
    _answer, row = _refused(control_http, world, app, SHOPS, token, wrong, query=query)
    assert "another path was signed: '/authorization/202309/shops/'" in \
        row["details"]["likely_mistake"]
    served = signing.sign(app["app_secret"], "/api/v2/token/get", query)
    _answer, row = _refused(control_http, world, app, SHOPS, token, served, query=query)
    assert "'/api/v2/token/get' instead of" in row["details"]["likely_mistake"]


def test_a_sign_no_single_mistake_explains_says_so_and_the_timeline_shows_hints(
        world, control_http, app, token, sandbox):
    query = _query(app)
    answer, row = _refused(control_http, world, app, SHOPS, token, "0" * 64, query=query)
    assert answer["message"] == "Invalid credentials. The `sign` query parameter is invalid."
    assert "likely_mistake" not in row["details"]
    assert "No single mistake explains it" in world.explain(row["log_id"])["explanation"]
    wrong = signing.sign(app["app_secret"], SHOPS, {"app_key": app["app_key"]})
    _refused(control_http, world, app, SHOPS, token, wrong, query=query)
    page = httpx.get(f"{sandbox.url}/worlds/{world.id}/timeline").text
    assert "Most likely the query parameter `timestamp` was left out" in page


def test_sign_prints_the_string_to_sign_and_the_sign(sandbox, world, app, capsys, tmp_path):
    url = f"{sandbox.url}{SEARCH}?app_key={app['app_key']}&timestamp=1700000000&sign=x"
    found = sandbox.sign(app["app_key"], "POST", url, b'{"a":1}')
    params = {"app_key": app["app_key"], "timestamp": "1700000000", "sign": "x"}
    assert found["sign"] == signing.sign(app["app_secret"], SEARCH, params, b'{"a":1}',
                                         "application/json")
    assert found["string_to_sign"] == (f"<app_secret>{SEARCH}app_key{app['app_key']}"
                                       'timestamp1700000000{"a":1}<app_secret>')
    body = tmp_path / "body.json"
    body.write_bytes(b'{"a":1}')
    assert main(["sign", "--url", sandbox.url, "--app-key", app["app_key"], "POST", url,
                 "--body", str(body), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sign"] == found["sign"]
    assert main(["sign", "--url", sandbox.url, "--app-key", "nope", "GET", url]) == 1
