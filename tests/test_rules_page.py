"""A world's rules page in Seller Center: every rule with the world's numbers, overridden ones
marked, editable by presenters (loopback or the control token) and read-only for others."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import httpx
import pytest
from support import csrf_token

from sandbox.rules.registry import RULES


def row(page: str, rule: str) -> str:
    """The page's table row of `rule`."""
    found = re.search(rf'<tr id="rule-{rule}"[^>]*>(.*?)</tr>', page, re.S)
    assert found, f"no row for {rule}"
    return found.group(0)


def param(page: str, rule: str, name: str) -> str:
    """The block of one parameter in a rule's row."""
    found = re.search(rf'<div class="rule-param[^"]*" data-param="{name}">(.*?)</div>',
                      row(page, rule), re.S)
    assert found, f"no parameter {rule}.{name}"
    return found.group(0)


def value(page: str, rule: str, name: str) -> str:
    return re.search(r'class="param-value">([^<]*)<', param(page, rule, name)).group(1)


def overridden(page: str, rule: str, name: str) -> bool:
    block = param(page, rule, name)
    return 'class="rule-param overridden"' in block and ">overridden<" in block


@pytest.fixture
def other(sandbox) -> Iterator[object]:
    """A second world, to show that one world's numbers stay its own."""
    world = sandbox.create_world(name="rules-page-other")
    yield world
    world.delete()


def post(http: httpx.Client, world_id: str, **fields: str) -> httpx.Response:
    page = http.get(f"/worlds/{world_id}/rules").text
    return http.post(f"/worlds/{world_id}/rules",
                     data={**fields, "csrf_token": csrf_token(page)})


def test_the_page_lists_every_rule_with_the_worlds_numbers(control_http, world):
    page = control_http.get(f"/worlds/{world.id}/rules")
    assert page.status_code == 200
    text = html.unescape(page.text)
    for rule in RULES:
        assert f'id="rule-{rule.id}"' in page.text
        assert row(text, rule.id)
    values = world.rules()["rules"]
    for rule in RULES:
        for p in rule.params:
            assert value(text, rule.id, p.name) == str(values[rule.id][p.name])
            assert f"default {p.default}" in param(text, rule.id, p.name)
            assert p.unit in param(text, rule.id, p.name)
    assert "No unlink earlier than 24 hours after the link was made." in text
    assert "overridden<" not in page.text.split("<table", 1)[1]  # nothing overridden yet


def test_a_patched_number_shows_overridden_on_its_world_only(control_http, world, other):
    patched = control_http.patch(f"/_sandbox/v1/worlds/{world.id}/rules", json={"F2": {"max": 5}})
    assert patched.status_code == 200, patched.text
    page = html.unescape(control_http.get(f"/worlds/{world.id}/rules").text)
    assert value(page, "F2", "max") == "5" and overridden(page, "F2", "max")
    assert "at most 5 times" in row(page, "F2")
    assert not overridden(page, "F3", "max")
    elsewhere = html.unescape(control_http.get(f"/worlds/{other.id}/rules").text)
    assert value(elsewhere, "F2", "max") == "3" and not overridden(elsewhere, "F2", "max")


def test_a_presenter_changes_and_resets_a_number_from_the_page(control_http, world, other):
    page = control_http.get(f"/worlds/{world.id}/rules").text
    assert 'name="param" value="hours"' in row(page, "F1")  # the presenter gets the forms
    assert 'type="number"' in param(page, "F1", "hours") and 'min="0"' in param(page, "F1",
                                                                                 "hours")
    before = len(world.events())
    resp = post(control_http, world.id, rule="F1", param="hours", value="1")
    assert resp.status_code == 302 and resp.headers["location"].endswith(
        f"/worlds/{world.id}/rules#rule-F1")
    assert world.rules()["rules"]["F1"]["hours"] == 1
    assert other.rules()["rules"]["F1"]["hours"] == 24
    assert len(world.events()) == before + 1  # world.rules_changed
    shown = html.unescape(control_http.get(f"/worlds/{world.id}/rules").text)
    assert value(shown, "F1", "hours") == "1" and overridden(shown, "F1", "hours")
    assert "No unlink earlier than 1 hours" in shown and "Rule F1 changed." in shown

    resp = post(control_http, world.id, rule="F1", action="reset")
    assert resp.status_code == 302
    assert world.rules()["rules"]["F1"]["hours"] == 24 and "F1" not in world.rules()["overridden"]


def test_a_switch_is_a_checkbox(control_http, world):
    page = control_http.get(f"/worlds/{world.id}/rules").text
    assert 'type="checkbox"' in param(page, "M2", "id_check")
    assert post(control_http, world.id, rule="M2", param="id_check").status_code == 302
    assert world.rules()["rules"]["M2"]["id_check"] is False
    assert world.rules()["overridden"] == {"M2": ["id_check"]}


@pytest.mark.parametrize(("fields", "code"), [
    ({"rule": "F1", "param": "hours", "value": "-1"}, "INVALID_FIELD"),
    ({"rule": "F1", "param": "hours", "value": "soon"}, "INVALID_FIELD"),
    ({"rule": "F1", "param": "days", "value": "1"}, "UNKNOWN_RULE_PARAMETER"),
    ({"rule": "Z9", "param": "hours", "value": "1"}, "UNKNOWN_RULE"),
])
def test_a_refused_change_shows_its_code_and_changes_nothing(control_http, world, fields, code):
    before = world.rules()
    events = len(world.events())
    resp = post(control_http, world.id, **fields)
    assert 400 <= resp.status_code < 500
    assert re.search(rf'id="refusal"><b class="rule-code">{code}</b>', resp.text), resp.text[:500]
    assert world.rules() == before and len(world.events()) == events
    assert value(html.unescape(resp.text), "F1", "hours") == "24"


def test_the_clock_bar_links_to_the_rules_page(control_http, world):
    world.create_shop(name="Acme Rules", market="US", email="seller@acme-rules.test",
                      password="rules1")
    login = control_http.get(f"/seller/login?world={world.id}").text
    control_http.post("/seller/login", data={"world": world.id, "email": "seller@acme-rules.test",
                                             "password": "rules1", "csrf_token": csrf_token(login)})
    page = control_http.get("/seller/account/linked-accounts").text
    link = re.search(r'id="world-clock-rules" href="([^"]*)"', page).group(1)
    assert link.endswith(f"/worlds/{world.id}/rules")


@pytest.fixture
def seller_app():
    """Seller Center on a fresh in-memory runtime (with the fake app, whose tables a world
    needs), reached through Flask's test client."""
    from fake_tiktok_app.app import create_app as create_fake_app
    from sandbox.app import create_app
    from sandbox.kernel.runtime import Runtime
    from sandbox.kernel.settings import Settings

    runtime = Runtime(Settings(db="memory", seed_demo=False, control_token="s3cret"))
    app = create_app(runtime=runtime)
    create_fake_app(runtime=runtime)
    yield app
    runtime.close()


def test_beyond_loopback_the_page_is_read_only_without_the_token(seller_app):
    operator = seller_app.test_client()
    world_id = operator.post("/_sandbox/v1/worlds", json={}).get_json()["id"]
    far = seller_app.test_client()
    far.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    page = far.get(f"/worlds/{world_id}/rules")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'id="rule-F1"' in text and "<form" not in text.split('id="rules"', 1)[1]
    assert "Read-only" in text
    token = csrf_token(far.get(f"/seller/login?world={world_id}").get_data(as_text=True))
    refused = far.post(f"/worlds/{world_id}/rules", data={
        "rule": "F1", "param": "hours", "value": "1", "csrf_token": token})
    assert refused.status_code == 403
    assert "CONTROL_TOKEN_REQUIRED" in refused.get_data(as_text=True)
    rules = operator.get(f"/_sandbox/v1/worlds/{world_id}/rules").get_json()
    assert rules["rules"]["F1"]["hours"] == 24 and rules["overridden"] == {}
    # with the control token the same visitor gets the forms
    bearer = {"Authorization": "Bearer s3cret"}
    shown = far.get(f"/worlds/{world_id}/rules", headers=bearer).get_data(as_text=True)
    assert 'name="param" value="hours"' in shown


def test_no_such_world_is_a_404(control_http):
    assert control_http.get("/worlds/no-such-world/rules").status_code == 404
