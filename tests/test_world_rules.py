"""Rules per world (sandbox extension): a world's override of F1, E1, F2, G3, H1, A4 and of a
setting changes that world alone, survives fork and snapshot/load, and a bad PATCH changes
nothing."""

from __future__ import annotations

import uuid

import pytest
from test_marketing_invitations import marketing
from test_unlinking import link_official, refused

from sandbox.client import SandboxAPIError


@pytest.fixture
def other(sandbox):
    """A second world of the same sandbox, frozen at the same instant as the first."""
    made = sandbox.create_world(frozen=True)
    yield made
    made.delete()


def pair(world, other, name="Acme", **account):
    """A shop and a linkable account in each world."""
    return [(w.create_shop(name=name), w.create_account(username="alice", age=30, **account))
            for w in (world, other)]


def test_F1_a_one_hour_cooldown_in_one_world_leaves_the_other_at_24_hours(world, other):
    world.set_rules(F1={"hours": 1})
    (shop, alice), (shop2, alice2) = pair(world, other)
    link, link2 = link_official(shop, alice), link_official(shop2, alice2)
    world.clock.advance(hours=1)
    other.clock.advance(hours=1)
    assert shop.seller.unlink(link.link_id)["status"] == "unlinked"
    err = refused(lambda: shop2.seller.unlink(link2.link_id), "UNLINK_TOO_SOON", "F1")
    assert "24 hours" in err.message


def test_F2_no_official_unlink_in_one_world_three_in_the_other(world, other):
    world.set_rules(F2={"max": 0})
    (shop, alice), (shop2, alice2) = pair(world, other)
    link, link2 = link_official(shop, alice), link_official(shop2, alice2)
    world.clock.advance(hours=24)
    other.clock.advance(hours=24)
    err = refused(lambda: shop.seller.unlink(link.link_id), "OFFICIAL_UNLINK_LIMIT", "F2")
    assert err.details == {"max": 0} and len(shop.links()) == 1
    assert shop2.seller.unlink(link2.link_id)["status"] == "unlinked"


def test_E1_an_invitation_waits_two_hours_in_one_world_and_48_in_the_other(world, other):
    world.set_rules(E1={"hours": 2})
    (shop, _), (shop2, _) = pair(world, other)
    invitation, invitation2 = shop.seller.invite("alice"), shop2.seller.invite("alice")
    world.clock.advance(hours=2)
    other.clock.advance(hours=2)
    assert invitation.refresh().status == "expired"
    assert invitation2.refresh().status == "sent" and marketing(shop2) == []


def test_G3_an_organization_account_arrives_after_ten_seconds_in_one_world_only(world, other):
    world.set_rules(G3={"seconds": 10})
    shop, shop2 = world.create_shop(name="Acme"), other.create_shop(name="Acme")
    org, org2 = (shop.seller.create_organization_account(),
                 shop2.seller.create_organization_account())
    world.clock.advance(seconds=10)
    other.clock.advance(seconds=10)
    assert org.refresh().status == "created"
    assert org2.refresh().status == "pending"


def test_H1_a_one_day_trial_completes_in_one_world_while_the_other_runs_15_days(world, other):
    world.set_rules(H1={"trial_days": 1})
    (shop, alice), (shop2, alice2) = pair(world, other)
    trials = []
    for s, a in ((shop, alice), (shop2, alice2)):
        up = s.seller.start_upgrade()
        a.app.scan(up.qr_url).authorize()
        trials.append(up.refresh())
    world.clock.advance(days=1)
    other.clock.advance(days=1)
    assert trials[0].refresh().status == "completed"
    assert trials[1].refresh().status == "trial"


def test_A4_a_100_follower_minimum_in_one_world_keeps_1000_in_the_other(world, other):
    world.set_rules(A4={"followers": 100})
    verdicts = []
    for w in (world, other):
        cara = w.create_account(username="cara", age=24, region="US", followers=640)
        cara.app.sign_affiliate_agreement()
        cara.app.verify_identity("green_card", "US")
        try:
            verdicts.append(cara.app.apply_as_affiliate()["affiliate"])
        except SandboxAPIError as exc:
            verdicts.append((exc.code, exc.details))
    assert verdicts[0] is True
    assert verdicts[1] == ("AFFILIATE_TOO_FEW_FOLLOWERS", {"followers": 640, "minimum": 1000})


def _token_error(app_http, world):
    client = world.create_client(kind="login_kit", redirect_uris=["https://x.test/cb"])
    return app_http.post("/v2/oauth/token/", data={
        "client_key": client["client_key"], "client_secret": client["client_secret"],
        "grant_type": "authorization_code", "code": "nope", "redirect_uri": "https://x.test/cb"})


def test_a_world_setting_rfc_error_status_changes_that_world_alone(world, other, app_http):
    answer = world.set_settings(oauth_error_status="rfc")
    assert answer["settings"]["oauth_error_status"] == "rfc"
    assert answer["overridden"] == ["oauth_error_status"]
    assert _token_error(app_http, world).status_code == 400
    default = _token_error(app_http, other)
    assert default.status_code == 200 and default.json()["error"] == "invalid_grant"
    assert world.set_settings(oauth_error_status=None)["overridden"] == []
    assert _token_error(app_http, world).status_code == 200


def test_overrides_are_events_and_survive_fork_and_snapshot_load(sandbox, world):
    world.set_rules(F1={"hours": 1}, F2={"max": 5})
    world.set_settings(qr_ttl_seconds=60)
    assert [e["data"]["overrides"] for e in world.events(type="world.rules_changed")] == [
        {"F1": {"hours": 1}, "F2": {"max": 5}}]
    assert world.events(type="world.settings_changed")[0]["data"]["patch"] == {
        "qr_ttl_seconds": 60}
    fork, loaded = world.fork(), sandbox.load_snapshot(world.snapshot())
    try:
        for copy in (fork, loaded):
            assert copy.rules()["overridden"] == {"F1": ["hours"], "F2": ["max"]}
            assert copy.rules()["rules"]["F1"] == {"hours": 1}
            assert copy.settings()["settings"]["qr_ttl_seconds"] == 60
    finally:
        fork.delete()
        loaded.delete()


def test_a_world_created_with_rules_and_settings_uses_them_from_its_first_action(sandbox):
    made = sandbox.create_world(rules={"F1": {"hours": 2}}, settings={"token_preset": "2026"})
    try:
        assert made.rules()["rules"]["F1"]["hours"] == 2
        assert made.settings()["settings"]["token_preset"] == "2026"
        [created] = made.events(type="world.created")
        assert created["data"]["rules"] == {"F1": {"hours": 2}}
    finally:
        made.delete()


def test_null_resets_a_parameter_and_a_rule(world):
    world.set_rules(F3={"max": 2, "window_days": 30})
    assert world.set_rules(F3={"max": None})["rules"]["F3"] == {"max": 10, "window_days": 30}
    assert world.set_rules(F3=None)["overridden"] == {}


@pytest.mark.parametrize(("path", "body", "code", "field"), [
    ("rules", {"Z9": {"hours": 1}}, "UNKNOWN_RULE", "Z9"),
    ("rules", {"F1": {"days": 1}}, "UNKNOWN_RULE_PARAMETER", "F1.days"),
    ("rules", {"C2": {"x": 1}}, "UNKNOWN_RULE_PARAMETER", "C2.x"),
    ("rules", {"F1": {"hours": -1}}, "INVALID_FIELD", "F1.hours"),
    ("rules", {"F1": {"hours": "1"}}, "INVALID_FIELD", "F1.hours"),
    ("rules", {"F1": {"hours": True}}, "INVALID_FIELD", "F1.hours"),
    ("rules", {"F1": {"hours": 1.5}}, "INVALID_FIELD", "F1.hours"),
    ("rules", {"F1": 1}, "INVALID_FIELD", "F1"),
    ("rules", {"I2": {"business_account": "nobody"}}, "INVALID_FIELD", "I2.business_account"),
    ("rules", {"J7": {"reminder_from": "soon"}}, "INVALID_FIELD", "J7.reminder_from"),
    ("rules", {"J7": {"reminder_from": "9999-12-31T00:00:00Z"}}, "INVALID_FIELD",
     "J7.reminder_from"),
    ("rules", {"F2": {"max": 5}, "F1": {"hours": 10**9}}, "INVALID_FIELD", "F1.hours"),
    ("settings", {"qr_ttl": 60}, "UNKNOWN_SETTING", "qr_ttl"),
    ("settings", {"db": "memory"}, "UNKNOWN_SETTING", "db"),
    ("settings", {"qr_ttl_seconds": 0}, "INVALID_FIELD", "qr_ttl_seconds"),
    ("settings", {"token_preset": "1999"}, "INVALID_FIELD", "token_preset"),
    ("settings", {"webhook_retry_seconds": []}, "INVALID_FIELD", "webhook_retry_seconds"),
    ("settings", {"refresh_reuse_revokes_family": 1}, "INVALID_FIELD",
     "refresh_reuse_revokes_family"),
])
def test_every_bad_patch_is_a_400_naming_the_field_and_changes_nothing(
        world, control_http, path, body, code, field):
    world.set_rules(F2={"max": 4})
    before = control_http.get(f"/_sandbox/v1/worlds/{world.id}/{path}").json()
    events = len(world.events())
    resp = control_http.patch(f"/_sandbox/v1/worlds/{world.id}/{path}", json=body)
    assert resp.status_code == 400, resp.text
    error = resp.json()["error"]
    assert (error["code"], error["details"]["field"]) == (code, field)
    assert control_http.get(f"/_sandbox/v1/worlds/{world.id}/{path}").json() == before
    assert len(world.events()) == events


def test_a_bad_rules_body_creates_no_world(sandbox, control_http):
    wid = f"bad-rules-{uuid.uuid4().hex[:8]}"
    resp = control_http.post("/_sandbox/v1/worlds", json={"id": wid, "rules": {"F1": {"hours": -5}}})
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "INVALID_FIELD"
    assert control_http.get(f"/_sandbox/v1/worlds/{wid}").status_code == 404


def test_a_non_finite_number_is_refused(world, control_http):
    resp = control_http.patch(f"/_sandbox/v1/worlds/{world.id}/settings",
                              content=b'{"webhook_timeout_seconds": NaN}',
                              headers={"Content-Type": "application/json"})
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "INVALID_FIELD"
    assert world.settings()["overridden"] == []


def test_a_bundle_naming_an_unknown_setting_or_a_bad_rule_value_is_refused(sandbox, world):
    for bag in ({"setting_overrides": {"no_such_setting": 1}},
                {"rule_overrides": {"F1": {"hours": "1"}}}):
        bundle = world.snapshot()
        bundle["world"]["settings"] = {**bundle["world"]["settings"], **bag}
        wid = f"bad-bundle-{uuid.uuid4().hex[:8]}"
        with pytest.raises(SandboxAPIError) as err:
            sandbox.load_snapshot(bundle, world_id=wid)
        assert (err.value.status, err.value.code) == (400, "SNAPSHOT_INVALID")
        assert wid not in [w.id for w in sandbox.worlds()]


def test_E2_a_world_allowing_no_marketing_binds_refuses_the_invitation(world):
    world.set_rules(E2={"max": 0})
    shop = world.create_shop(name="Acme")
    world.create_account(username="bob", age=30)
    err = refused(lambda: shop.seller.invite("bob"), "MARKETING_BIND_LIMIT", "E2")
    assert err.details["next_possible_at"] is None
