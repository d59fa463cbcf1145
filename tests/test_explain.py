"""Explain every refusal and the error catalogue (sandbox extension, issue 14 part 4): each
refusal in words, naming its rule (RULES.md text) and the state that caused it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from shop_support import signed, tokens

from sandbox.cli import main
from sandbox.client import SandboxAPIError
from sandbox.kernel.clock import parse_instant
from sandbox.kernel.request_log import RequestLogEntry
from sandbox.rules.registry import rule_text

SHOPS = "/authorization/202309/shops"
ROOT = Path(__file__).resolve().parents[1]


def test_D1_refusal_is_explained_with_its_rule_and_message(world):
    shop = world.create_shop(name="Acme")
    with pytest.raises(SandboxAPIError):
        shop.seller.start_official_link(agreed=False)
    [row] = world.requests(status=422)
    found = world.explain(row["log_id"])
    assert (found["code"], found["rule"]) == ("AGREEMENT_REQUIRED", "D1")
    assert found["rule_text"] == rule_text("D1")
    assert "Rule D1" in found["explanation"] and found["state"]["message"]
    assert found["state"]["message"] in found["explanation"]


def test_expired_shop_token_explains_issue_time_and_the_clock_move(world, control_http):
    app = world.create_client(kind="shop_app", name="ERP", redirect_uris=["https://erp.x/"])
    shop = world.create_shop(name="Acme", market="US")
    data = tokens(control_http, shop, app)
    world.clock.advance("P8D")
    resp = signed(control_http, world, app, SHOPS, data["access_token"])
    assert resp.json()["code"] == 105002
    found = world.explain(resp.json()["request_id"])
    text = found["explanation"]
    assert found["code"] == "TTS_105002" and "access token expired at" in text
    assert "issued 8 days earlier" in text and "clock was advanced by 8 days" in text
    assert found["clock"][-1]["advanced_by"] == "8 days"
    assert found["state"]["token"]["access_expires_at"]


def test_bad_sign_explains_how_the_sign_is_computed(world, control_http):
    app = world.create_client(kind="shop_app", name="ERP", redirect_uris=["https://erp.x/"])
    shop = world.create_shop(name="Acme", market="US")
    data = tokens(control_http, shop, app)
    bad = signed(control_http, world, app, SHOPS, data["access_token"], sign="0" * 64)
    found = world.explain(bad.json()["request_id"])
    assert found["code"] == "TTS_106001"
    assert "HMAC-SHA256" in found["explanation"] and "'ERP'" in found["explanation"]


def test_a_faulted_refusal_names_its_fault(world, control_http):
    app = world.create_client(kind="shop_app", name="ERP", redirect_uris=["https://erp.x/"])
    fault = world.faults.add({"app_key": app["app_key"]}, tiktok_error=36009002)
    resp = control_http.get("/api/v2/token/get", params={"app_key": app["app_key"]})
    [row] = world.requests(status=429)
    found = world.explain(row["log_id"])
    assert resp.status_code == 429 and fault["id"] in found["explanation"]
    assert found["state"]["fault"]["id"] == fault["id"]


def _insert(sandbox, world, **values):
    """A log row as the request hooks write it (for codes no quick journey reaches)."""
    at = parse_instant(world.clock.now())
    row = {"world_id": world.id, "at": at, "face": "actor", "method": "POST",
           "path": "/api/v1/x", "status": 422, "code": "X", "rule": None, "fault_id": None,
           "key": None, "message": None, "details": None, **values}
    with sandbox.runtime.session() as session:
        session.add(RequestLogEntry(**row))
        session.commit()
    return row["log_id"]


def test_F1_unlink_too_soon_explains_when_unlinking_becomes_possible(sandbox, world):
    possible = parse_instant(world.clock.now()) + timedelta(hours=20)
    lid = _insert(sandbox, world, log_id="F1ROW", code="UNLINK_TOO_SOON", rule="F1",
                  message="A link can be unlinked 24 hours after it was made.",
                  details={"unlink_possible_at": possible.isoformat()})
    found = world.explain(lid)
    assert "Rule F1: No unlink earlier than 24 hours" in found["explanation"]
    assert "20 hours after it" in found["explanation"]


def test_error_catalogue_lists_codes_with_status_rule_and_face(sandbox):
    by = {(e["code"], e["rule"]): e for e in sandbox.errors()}
    assert by[("LINK_HOLDER_UNDER_18", "C1")]["status"] == 422
    assert by[("LINK_HOLDER_UNDER_18", "C1")]["rule_text"] == rule_text("C1")
    assert by[("TTS_105002", None)]["faces"] == ["open_api"]
    assert by[("access_token_invalid", None)]["status"] == 401
    assert by[("UNLINK_TOO_SOON", "F1")]["source"] == "rule"
    assert by[("WORLD_NOT_FOUND", None)]["faces"]


def test_explain_walks_the_catalogue_every_code_is_explained_naming_its_rule(sandbox, world):
    catalogue = sandbox.errors()
    assert len(catalogue) > 150
    for n, entry in enumerate(catalogue):
        lid = _insert(sandbox, world, log_id=f"CAT{n:05d}", code=entry["code"],
                      rule=entry["rule"], status=entry["status"],
                      message=entry.get("message") or f"refused: {entry['code']}",
                      face=entry["faces"][0][:20])
        found = world.explain(lid)
        assert found["code"] == entry["code"] and found["explanation"]
        assert entry["code"] in found["explanation"] or entry["status"] == 0
        if entry["rule"]:
            assert f"Rule {entry['rule']}: {rule_text(entry['rule'])}" in found["explanation"]


def test_a_request_that_was_not_refused_says_so(world):
    world.create_account(username="alice")
    row = next(r for r in world.requests() if r["path"].endswith("/accounts"))
    found = world.explain(row["log_id"])
    assert found["code"] is None and "was not refused" in found["explanation"]


@pytest.mark.parametrize(("query", "status", "code"), [
    ("", 400, "INVALID_PARAMETER"), ("?log_id=nope", 404, "LOG_ENTRY_NOT_FOUND")])
def test_explain_bad_input_is_a_4xx(world, control_http, query, status, code):
    resp = control_http.get(f"/_sandbox/v1/worlds/{world.id}/explain{query}")
    assert resp.status_code == status and resp.json()["error"]["code"] == code


def test_explain_of_another_worlds_log_id_is_a_404(sandbox, world, control_http):
    other = sandbox.create_world()
    other.create_account(username="bob")
    lid = other.requests()[0]["log_id"]
    resp = control_http.get(f"/_sandbox/v1/worlds/{world.id}/explain", params={"log_id": lid})
    assert resp.status_code == 404


def test_cli_explain_prints_the_explanation(sandbox, world, capsys):
    shop = world.create_shop(name="Acme")
    with pytest.raises(SandboxAPIError):
        shop.seller.start_official_link(agreed=False)
    [row] = world.requests(status=422)
    assert main(["explain", "--url", sandbox.url, "--world", world.id, row["log_id"]]) == 0
    assert "Rule D1" in capsys.readouterr().out
    assert main(["errors", "--url", sandbox.url]) == 0
    assert "LINK_HOLDER_UNDER_18\t422" in capsys.readouterr().out


def test_timeline_page_shows_requests_events_and_clock_moves_with_refusal_badges(world,
                                                                                 control_http):
    shop = world.create_shop(name="Acme")
    world.clock.advance("PT2H")
    with pytest.raises(SandboxAPIError):
        shop.seller.start_official_link(agreed=False)
    [row] = world.requests(status=422)
    page = control_http.get(f"/worlds/{world.id}/timeline")
    html = page.text
    assert page.status_code == 200 and 'data-kind="clock"' in html
    assert "clock advanced by 2 hours" in html and "shop.created" in html
    assert f'data-log-id="{row["log_id"]}"' in html and "rule D1" in html
    assert f"/explain?log_id={row['log_id']}" in html and "live.js" in html
    # newest first: the refusal, then the clock move, then the shop's creation
    assert html.index("rule D1") < html.index("clock advanced") < html.index("shop.created")
    before = len(world.requests())
    control_http.get(f"/worlds/{world.id}/timeline")
    assert len(world.requests()) == before  # the page is not logged (it refreshes on rows)


def test_timeline_live_poll_answers_when_the_world_has_a_new_row(world, control_http):
    url = f"/worlds/{world.id}/timeline/live"
    first = control_http.get(url).json()
    assert first["events"] and first["last_seq"] > 0
    quiet = control_http.get(url, params={"after": first["last_seq"]}).json()
    assert quiet["events"] == []
    world.create_account(username="alice")
    moved = control_http.get(url, params={"after": first["last_seq"]}).json()
    assert moved["events"] and moved["last_seq"] > first["last_seq"]
    assert control_http.get(url, params={"after": "x"}).status_code == 400
    assert control_http.get("/worlds/nope/timeline").status_code == 404
