"""Values of the right kind but out of any range the sandbox can hold (found by schemathesis):
objects where ids go, numbers beyond a database INTEGER, a timedelta or the calendar. Each is a
4xx with a stable code and a message in the face's error shape, never a 500."""

from __future__ import annotations

import pytest

STORED_INT_OVERFLOW = 2**63  # beyond SQLite's INTEGER, let alone PostgreSQL's


def _refused(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    error = resp.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    return error


def test_an_object_for_the_world_of_a_seller_login_is_a_400(control_http):
    resp = control_http.post("/api/v1/seller/login",
                             json={"world": {}, "email": "a@b.c", "password": "secret"})
    assert _refused(resp, 400, "INVALID_FIELD")["details"]["field"] == "world"


def test_a_list_for_the_world_of_an_app_login_is_a_400(app_http):
    resp = app_http.post("/app/api/v1/login",
                         json={"world": [1, 2], "username": "bob", "password": "secret"})
    assert _refused(resp, 400, "INVALID_FIELD")["details"]["field"] == "world"


@pytest.mark.parametrize("advance", [1e17, 2**70, "P99999999999D", "99999999999999999999"])
def test_a_clock_advance_beyond_a_century_is_a_400(world, control_http, advance):
    resp = control_http.post(f"/_sandbox/v1/worlds/{world.id}/clock", json={"advance": advance})
    error = _refused(resp, 400, "INVALID_DURATION")
    assert "century" in error["message"]


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity"])
def test_a_clock_advance_that_is_no_number_is_a_400(world, control_http, literal):
    resp = control_http.post(f"/_sandbox/v1/worlds/{world.id}/clock",
                             content=b'{"advance": ' + literal + b"}",
                             headers={"Content-Type": "application/json"})
    _refused(resp, 400, "INVALID_DURATION")


def test_a_clock_set_beyond_the_calendar_is_a_400(world, control_http):
    resp = control_http.post(f"/_sandbox/v1/worlds/{world.id}/clock",
                             json={"set": "9999-12-31T23:59:59Z"})
    assert "9000" in _refused(resp, 400, "INVALID_INSTANT")["message"]
    # an hour later would be past the last date a datetime holds
    assert control_http.post(f"/_sandbox/v1/worlds/{world.id}/clock",
                             json={"advance": 3600}).status_code == 200


def test_a_world_starting_before_any_birthdate_is_a_400(control_http):
    # at year 1 even the default account's age (25) makes no date of birth
    resp = control_http.post("/_sandbox/v1/worlds",
                             json={"name": "early", "now": "0001-01-01T00:00:00Z"})
    assert "1970" in _refused(resp, 400, "INVALID_INSTANT")["message"]


def test_a_delivery_id_beyond_the_store_is_a_404(world, control_http):
    for suffix in ("", "/redeliver", "/duplicate"):
        method = control_http.get if not suffix else control_http.post
        resp = method(f"/_sandbox/v1/worlds/{world.id}/webhooks/deliveries/"
                      f"1180591620717411303424{suffix}")
        _refused(resp, 404, "NOT_FOUND")


@pytest.mark.parametrize("field", ["violation_points", "followers", "health_score"])
def test_an_account_count_beyond_the_store_is_a_400(world, control_http, field):
    account = world.create_account("counted", region="US")
    resp = control_http.patch(f"/_sandbox/v1/worlds/{world.id}/accounts/{account.open_id}",
                              json={field: STORED_INT_OVERFLOW})
    error = _refused(resp, 400, "INVALID_FIELD")
    assert error["details"]["field"] == field
    assert "2147483647" in error["message"]


def test_an_account_age_that_makes_no_date_is_a_400(world, control_http):
    resp = control_http.post(f"/_sandbox/v1/worlds/{world.id}/accounts",
                             json={"username": "methuselah", "region": "US", "age": 100000})
    assert _refused(resp, 400, "INVALID_FIELD")["details"]["field"] == "age"
    account = world.create_account("ageing", region="US")
    resp = control_http.patch(f"/_sandbox/v1/worlds/{world.id}/accounts/{account.open_id}",
                              json={"age": 100000})
    assert _refused(resp, 400, "INVALID_FIELD")["details"]["field"] == "age"


@pytest.mark.parametrize(("path", "body"), [
    ("/earnings", {"cents": STORED_INT_OVERFLOW}),
    ("/totp", {"digits": STORED_INT_OVERFLOW}),
    ("/totp", {"interval": STORED_INT_OVERFLOW}),
])
def test_account_settings_beyond_the_store_are_a_400(world, control_http, path, body):
    account = world.create_account("settled", region="US")
    resp = control_http.put(f"/_sandbox/v1/worlds/{world.id}/accounts/{account.open_id}{path}",
                            json=body)
    _refused(resp, 400, "INVALID_FIELD")


def test_a_webhook_drop_count_beyond_the_store_is_a_400(world, control_http):
    resp = control_http.post(f"/_sandbox/v1/worlds/{world.id}/webhooks/drop",
                             json={"count": STORED_INT_OVERFLOW})
    _refused(resp, 400, "INVALID_FIELD")


@pytest.mark.parametrize("path", ["/events", "/sms", "/webhooks/deliveries"])
def test_a_nan_wait_is_a_400_not_a_hang(world, control_http, path):
    resp = control_http.get(f"/_sandbox/v1/worlds/{world.id}{path}", params={"wait": "nan"},
                            timeout=10)
    _refused(resp, 400, "INVALID_PARAMETER")


@pytest.mark.parametrize(("port", "path", "allowed"), [
    ("seller", "/_sandbox/v1/info", {"GET"}),
    ("seller", "/api/v1/shop", {"GET", "PATCH"}),
    ("seller", "/authorization/202309/shops", {"GET"}),
    ("app", "/app/api/v1/me", {"GET"}),
    ("app", "/oauth/token", {"POST"}),
    ("app", "/v2/oauth/token/", {"POST"}),  # Login Kit answers its refusals with 200, not this
])
def test_a_405_names_the_allowed_methods(control_http, app_http, port, path, allowed):
    resp = (control_http if port == "seller" else app_http).put(path)
    assert resp.status_code == 405
    assert allowed <= {m.strip() for m in resp.headers["Allow"].split(",")}


@pytest.mark.parametrize("path", ["/tickets", "/sms", "/events"])
def test_a_nul_character_in_the_query_is_a_400(world, control_http, path):
    # PostgreSQL text cannot hold U+0000: the driver's DataError used to be a 500
    resp = control_http.get(f"/_sandbox/v1/worlds/{world.id}{path}",
                            params={"shop_id": "a\x00b", "phone": "a\x00b", "type": "a\x00b"})
    _refused(resp, 400, "INVALID_PARAMETER")


def test_a_nul_character_in_a_json_body_is_a_400(world, control_http):
    resp = control_http.post(f"/_sandbox/v1/worlds/{world.id}/shops", json={"name": "a\x00b"})
    assert _refused(resp, 400, "INVALID_FIELD")["details"]["field"] == "name"


@pytest.mark.parametrize("path", ["/events", "/sms", "/webhooks/deliveries"])
def test_a_cursor_beyond_the_store_is_an_empty_page(world, control_http, path):
    # on PostgreSQL an `after` past INTEGER's range used to be a 500 (integer out of range)
    resp = control_http.get(f"/_sandbox/v1/worlds/{world.id}{path}",
                            params={"after": "1842846793009"})
    assert resp.status_code == 200, resp.text
    assert not any(resp.json().values())


def test_a_clock_moved_past_the_calendar_is_a_400_and_stays_where_it_was(world, control_http):
    clock = f"/_sandbox/v1/worlds/{world.id}/clock"
    control_http.post(clock, json={"set": "9000-12-31T00:00:00Z"})
    codes = [control_http.post(clock, json={"advance": 36500 * 86400}).status_code
             for _ in range(12)]  # a century at a time: the tenth leaves year 9999
    assert 500 not in codes and codes[-1] == 400
    now = control_http.get(clock).json()["now"]
    assert now.startswith("99")


def test_a_birthdate_in_the_future_is_a_400_and_changes_nothing(world, control_http):
    account = world.create_account(username="fresh", age=30)
    resp = control_http.patch(f"/_sandbox/v1/worlds/{world.id}/accounts/{account.open_id}",
                              json={"birthdate": "9999-12-31"})
    assert _refused(resp, 400, "INVALID_FIELD")["details"]["field"] == "birthdate"
    assert account.refresh()["age"] == 30


def test_a_shop_api_refusal_that_is_no_open_api_rule_wears_a_parameter_code_not_internal(
        control_http):
    resp = control_http.get("/authorization/202309/shops", params={"app_key": "a\x00b"})
    assert resp.status_code == 400 and resp.json()["code"] == 36009004
    assert not resp.json()["message"].startswith("Internal error")
