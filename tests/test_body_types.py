"""A list, an object or a number where a field takes text is a 4xx naming the field, in each
face's own error shape, never a 500; a NUL character in a form field is refused the same way."""

from __future__ import annotations

import copy
import json

import pytest
from shop_support import REDIRECT, params, signed, token_get, tokens, world_ts
from support import submit_form

BAD = {"list": ["x"], "object": {"x": "y"}, "number": 7}
PRODUCTS = "/product/202309/products"


@pytest.fixture(scope="module")
def ctx(sandbox):
    """One world with what every face's callers need; refusals change nothing, so tests share it."""
    from sandbox.kernel.models import World

    world = sandbox.create_world(name="body types")
    login_kit = world.create_client(redirect_uris=["https://p.example/cb"])
    app = world.create_client(kind="shop_app", name="ERP", redirect_url=REDIRECT)
    shop = world.create_shop(name="Acme", market="US")
    cara = world.create_account(username="cara", age=25, region="US")
    tap = world.create_partner("Acme TAP", kind="tap")
    with sandbox.runtime.session() as session:
        first = session.get(World, world.id).settings["seller_center_client"]
    import httpx

    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        seller_token = tokens(http, shop, app)["access_token"]
        cipher = signed(http, world, app, "/authorization/202309/shops", seller_token).json()[
            "data"]["shops"][0]["cipher"]
        link = f"{sandbox.url}/alliance/creator/auth?app_key={app['app_key']}&state=c"
        creator = token_get(http, app, params(cara.app.approve(link))["code"]).json()["data"]
    grant = world._cp("POST", f"/partners/{tap.id}/authorize", json={"app_key": app["app_key"]})
    yield {"world": world, "key": login_kit["client_key"], "secret": login_kit["client_secret"],
           "app": app, "seller": seller_token, "cipher": cipher, "creator": creator["access_token"],
           "grant": grant, "first": (first["client_key"], first["client_secret"])}
    world.delete()


def _set(body, path, value):
    """`body` with the field at dotted `path` (list indexes as digits) set to `value`."""
    body = copy.deepcopy(body)
    *parents, last = path.split(".")
    here = body
    for part in parents:
        here = here[int(part)] if isinstance(here, list) else here[part]
    here[int(last) if isinstance(here, list) else last] = value
    return body


def _cases(endpoints):
    return [pytest.param(name, path, label, bad, id=f"{name}-{path}-{bad}")
            for name, (_, fields) in endpoints.items() for path, label in fields
            for bad in BAD]


def _fields(*paths):
    """(path, the name a refusal gives it): a list item is named by its list."""
    return [(p, p.split(".")[0] if p.split(".")[-1].isdigit() else p) for p in paths]


# -- Login Kit: TikTok's OAuth error, HTTP 200 by default -------------------------------------
def _client(c):
    return {"client_key": c["key"], "client_secret": c["secret"]}


LOGIN_KIT = {
    "/v2/oauth/get_qrcode/": (lambda c: {"client_key": c["key"], "scope": "user.info.basic",
                                         "state": "s"},
                              _fields("client_key", "client_id", "scope", "state",
                                      "display_name")),
    "/v2/oauth/check_qrcode/": (lambda c: {**_client(c), "token": "T"},
                                _fields("client_key", "client_id", "client_secret", "token")),
    "/v2/oauth/token/": (lambda c: {**_client(c), "grant_type": "authorization_code",
                                    "code": "c", "redirect_uri": "https://p.example/cb"},
                         _fields("client_key", "client_secret", "grant_type", "code",
                                 "redirect_uri", "code_verifier", "refresh_token")),
    "/v2/oauth/revoke/": (lambda c: {**_client(c), "token": "act.x"},
                          _fields("client_key", "client_secret", "token")),
}


def _tiktok_oauth_refusal(resp, label):
    assert resp.status_code < 500, resp.text
    body = resp.json()
    assert body["error"] == "invalid_request", body
    assert f"'{label}'" in body["error_description"] and len(body["log_id"]) == 34


@pytest.mark.parametrize(("name", "path", "label", "bad"), _cases(LOGIN_KIT))
def test_login_kit_refuses_a_field_that_is_no_text_naming_it(ctx, app_http, name, path, label,
                                                            bad):
    body = _set(LOGIN_KIT[name][0](ctx), path, BAD[bad])
    _tiktok_oauth_refusal(app_http.post(name, json=body), label)


def test_a_refused_get_qrcode_creates_no_qr_code(ctx, app_http):
    before = len(ctx["world"].events())
    resp = app_http.post("/v2/oauth/get_qrcode/", json={"client_key": ctx["key"],
                                                        "scope": "user.info.basic",
                                                        "state": ["s"]})
    _tiktok_oauth_refusal(resp, "state")
    assert len(ctx["world"].events()) == before


@pytest.mark.parametrize("path", ["/v2/oauth/get_qrcode/", "/v2/oauth/token/"])
def test_a_nul_character_in_a_login_kit_form_field_is_invalid_request(ctx, app_http, path):
    form = {"client_key": ctx["key"], "client_secret": ctx["secret"], "scope": "user.info.basic",
            "grant_type": "authorization_code", "code": "c\x00d"}
    form["state"] = "s\x00"
    resp = app_http.post(path, data=form)
    _tiktok_oauth_refusal(resp, "state" if "qrcode" in path else "code")


# -- TikTok Shop Open API: the envelope, code 36009004 ----------------------------------------
def _seller(c, path, body, method="POST", query=None):
    return c["seller"], c["cipher"], path, method, query, body


def _creator(c, path, body, query=None):
    return c["creator"], None, path, "POST", query, body


def _partner(c, path, body):
    query = {"category_asset_cipher": c["grant"]["category_asset_cipher"]}
    return c["grant"]["access_token"], None, path, "POST", query, body


PRODUCT = {"title": "Lamp", "description": "Warm", "save_mode": "LISTING",
           "skus": [{"seller_sku": "L-1", "price": {"amount": "2.50", "currency": "USD"},
                     "inventory": [{"warehouse_id": "1", "quantity": 1}]}]}
OPEN_API = {
    "create product": (lambda c, b: _seller(c, PRODUCTS, b),
                       [*_fields("title", "description", "save_mode"),
                        ("skus.0.seller_sku", "skus[0].seller_sku"),
                        ("skus.0.price.amount", "skus[0].price.amount"),
                        ("skus.0.price.currency", "skus[0].price.currency")]),
    "search products": (lambda c, b: _seller(c, f"{PRODUCTS}/search", b,
                                             query={"page_size": "10"}), _fields("status")),
    "activate products": (lambda c, b: _seller(c, f"{PRODUCTS}/activate", b),
                          _fields("product_ids.0")),
    "delete products": (lambda c, b: _seller(c, PRODUCTS, b, "DELETE"), _fields("product_ids.0")),
    "put webhook": (lambda c, b: _seller(c, "/event/202309/webhooks", b, "PUT"),
                    _fields("event_type", "address")),
    "delete webhook": (lambda c, b: _seller(c, "/event/202309/webhooks", b, "DELETE"),
                       _fields("event_type")),
    "open collaboration": (lambda c, b: _seller(c, "/affiliate_seller/202412/open_collaborations",
                                                b), _fields("product_id")),
    "showcase add": (lambda c, b: _creator(c, "/affiliate_creator/202405/showcases/products/add",
                                           b), _fields("add_type", "product_ids.0")),
    "open collaboration search": (lambda c, b: _creator(
        c, "/affiliate_creator/202405/open_collaborations/products/search", b,
        {"page_size": "10"}), _fields("title_keywords.0")),
    "partner campaign": (lambda c, b: _partner(c, "/affiliate_partner/202405/campaigns", b),
                         _fields("name", "description", "target_shop_codes.0",
                                 "target_seller_types.0")),
}
OPEN_API_BODIES = {
    "create product": PRODUCT, "search products": {"status": "ALL"},
    "activate products": {"product_ids": ["1"]}, "delete products": {"product_ids": ["1"]},
    "put webhook": {"event_type": "SELLER_DEAUTHORIZATION", "address": "https://erp.example/h"},
    "delete webhook": {"event_type": "SELLER_DEAUTHORIZATION"},
    "open collaboration": {"product_id": "1", "commission_rate": 1500},
    "showcase add": {"add_type": "PRODUCT_ID", "product_ids": ["1"]},
    "open collaboration search": {"title_keywords": ["lamp"]},
    "partner campaign": {"name": "Summer", "description": "Picks", "target_shop_codes": ["A"],
                         "target_seller_types": ["LOCAL"]},
}


@pytest.mark.parametrize(("name", "path", "label", "bad"), _cases(OPEN_API))
def test_open_api_refuses_a_field_that_is_no_text_naming_it(ctx, control_http, name, path, label,
                                                           bad):
    body = _set(OPEN_API_BODIES[name], path, BAD[bad])
    token, cipher, url, method, query, body = OPEN_API[name][0](ctx, body)
    resp = signed(control_http, ctx["world"], ctx["app"], url, token, method=method,
                  query=query, body=json.dumps(body).encode(), cipher=cipher,
                  ts=world_ts(ctx["world"]))
    assert resp.status_code == 400, resp.text
    got = resp.json()
    assert got["code"] == 36009004 and got["data"] is None and len(got["request_id"]) == 34
    assert label in got["message"], got


# -- actor APIs and the control plane: the sandbox's {"error": {code, message, details}} -------
W = "{world}"
SANDBOX_JSON = {  # (app, path, body, auth, fields)
    "app login": ("app", "/app/api/v1/login", {"world": W, "username": "cara",
                                               "password": "pw"}, None,
                  _fields("world", "username", "password")),
    "seller login": ("sandbox", "/api/v1/seller/login", {"world": W, "email": "a@b",
                                                         "password": "pw"}, None,
                     _fields("world", "email", "password")),
    "partner login": ("sandbox", "/api/v1/partner/login", {"world": W, "email": "a@b",
                                                           "password": "pw"}, None,
                      _fields("world", "email", "password")),
    "organization account": ("app", "/sandbox/v1/organization-accounts", {
        "shop_id": "1", "nickname": "Acme", "region": "US", "shop_status": "normal",
        "delay_seconds": 0, "name_limit": 30}, "first",
        _fields("shop_id", "nickname", "username", "region", "avatar_url", "phone",
                "shop_status")),
    "one-time password": ("app", "/sandbox/v1/accounts/nobody/one-time-password",
                          {"shop_id": "1"}, "first", _fields("shop_id")),
    "upgrade": ("app", "/sandbox/v1/upgrades", {"access_token": "x", "shop_id": "1"}, "first",
                _fields("access_token", "shop_id")),
    "world": ("sandbox", "/_sandbox/v1/worlds", {"name": "w"}, None, _fields("name", "seed")),
    "account": ("sandbox", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "dan",
                                                                "region": "US"}, None,
                _fields("username", "region", "nickname")),
    "settings": ("sandbox", f"/_sandbox/v1/worlds/{W}/settings", {"oauth_error_status": "tiktok"},
                 "PATCH", _fields("oauth_error_status")),
}


@pytest.mark.parametrize(("name", "path", "label", "bad"), _cases(
    {k: (None, v[4]) for k, v in SANDBOX_JSON.items()}))
def test_sandbox_json_faces_refuse_a_field_that_is_no_text_naming_it(
        ctx, app_http, control_http, name, path, label, bad):
    which, url, base, auth, _ = SANDBOX_JSON[name]
    wid = ctx["world"].id
    body = json.loads(json.dumps(_set(base, path, BAD[bad])).replace(W, wid))
    http = app_http if which == "app" else control_http
    method = "PATCH" if auth == "PATCH" else "POST"
    resp = http.request(method, url.replace(W, wid), json=body,
                        auth=ctx["first"] if auth == "first" else None)
    assert resp.status_code == 400, resp.text
    error = resp.json()["error"]
    assert error["code"] and (error.get("details", {}).get("field") == label
                              or f"'{label}'" in error["message"]), error


@pytest.mark.parametrize("bad", [["x"], {"x": "y"}, "soon"], ids=["list", "object", "text"])
def test_a_rule_parameter_that_is_no_number_is_a_400_naming_it(ctx, control_http, bad):
    resp = control_http.patch(f"/_sandbox/v1/worlds/{ctx['world'].id}/rules",
                              json={"F1": {"hours": bad}})
    assert resp.status_code == 400, resp.text
    assert "F1" in resp.json()["error"]["message"]


# -- pages: a NUL character in a form field is refused on the page, naming it -----------------
@pytest.mark.parametrize(("port", "page", "field"), [
    ("sandbox", "/seller/login", "email"), ("app", "/phone/login", "username")])
def test_a_nul_character_in_a_page_form_is_refused_naming_the_field(sandbox, ctx, port, page,
                                                                     field):
    import httpx

    wid = ctx["world"].id
    with httpx.Client(base_url=sandbox.url if port == "sandbox" else sandbox.app_url,
                      timeout=30) as http:
        resp = submit_form(http, f"{page}?world={wid}", to=page, world=wid,
                           **{"password": "pw", "email": "a@b", field: "a\x00b"})
    # the login page shows its refusals on the form (HTTP 401), like a wrong password
    assert 400 <= resp.status_code < 500, resp.text[:500]
    assert f"&#39;{field}&#39; contains a NUL character" in resp.text


# -- numbers the store or the calendar cannot hold --------------------------------------------
@pytest.mark.parametrize(("name", "body", "label"), [
    ("partner campaign", {"name": "Summer", "campaign_start_time": 10**12}, "campaign_start_time"),
    ("open collaboration search", {"sales_price_range": {"amount_ge": "NaN"}},
     "sales_price_range"),
])
def test_an_open_api_number_beyond_reason_is_36009004_not_a_500(ctx, control_http, name, body,
                                                                label):
    token, cipher, url, method, query, body = OPEN_API[name][0](ctx, body)
    resp = signed(control_http, ctx["world"], ctx["app"], url, token, method=method,
                  query=query, body=json.dumps(body).encode(), cipher=cipher)
    assert resp.status_code == 400 and resp.json()["code"] == 36009004, resp.text
    assert label in resp.json()["message"]


def test_an_organization_account_delay_beyond_the_store_is_a_400(ctx, app_http):
    body = {"shop_id": "1", "nickname": "Acme", "region": "US", "shop_status": "normal",
            "delay_seconds": 10**12, "name_limit": 30}
    resp = app_http.post("/sandbox/v1/organization-accounts", json=body, auth=ctx["first"])
    assert resp.status_code == 400 and resp.json()["error"]["details"]["field"] == "delay_seconds"
