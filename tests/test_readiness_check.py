"""`tiktok-sandbox check` (readiness cases): the sample partner apps in examples/ are its tests.
The careful app passes every case, the careless one fails each with a reason naming what it
did; Login Kit cases skip for a shop-only app; the world is left as found but
for the app's own data and the fixtures the report names; bad usage exits 2. No sleeps here:
the runner owns its wall-clock windows (sandbox/readiness/runner.py)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import httpx
import pytest

from sandbox.cli import main
from sandbox.readiness import assert_ready, case_ids, run_checks
from sandbox.readiness.cases import BY_ID, LOGIN_KIT

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
from careful_shop_app import CarefulApp, CarefulLogin  # noqa: E402
from careless_shop_app import CarelessApp, CarelessLogin  # noqa: E402
from login_kit_partner import LoginKit  # noqa: E402
from tts_partner import serve  # noqa: E402

# The outbox waits 1 s for an answer here (TikTok: 3 s) and retries once, so the careless
# app's slow write (1.3 s) is too slow without making the suite wait for TikTok's numbers.
SETTINGS = {"webhook_timeout_seconds": 1.0, "webhook_retry_seconds": [120]}


def register(sandbox, world, app, login=None):
    """Start the app on an ephemeral port, register it (webhook and redirect URLs, and its
    Login Kit client when it has one), have a shop authorize it and follow the redirect to its
    callback (it exchanges the code)."""
    url, server = serve(app.partner, app.on_webhook, app.on_callback,
                        pages=login.pages() if login else None)
    creds = world.create_client(kind="shop_app", name=type(app).__name__,
                                redirect_url=f"{url}/callback", webhook_url=f"{url}/webhook")
    if login is not None:
        kit = world.create_client(name=f"{type(login).__name__}",
                                  redirect_uris=[f"{url}/login/callback"],
                                  scopes="user.info.basic")
        login.kit.client_key, login.kit.client_secret = kit["client_key"], kit["client_secret"]
        login.kit.redirect_uri = f"{url}/login/callback"
        creds["client_key"], creds["login_url"] = kit["client_key"], f"{url}/login"
    app.partner.app_key, app.partner.app_secret = creds["app_key"], creds["app_secret"]
    app.partner.authorize_url = creds["authorize_url"]
    shop = world.create_shop(name=f"{type(app).__name__} shop", market="US")
    redirect = shop.seller.approve(f"{creds['authorize_url']}&state=s-1")
    assert httpx.get(redirect, timeout=10).status_code == 200  # the browser follows it
    creds["start_url"] = f"{url}/start"  # where the app starts a shop's authorization
    return creds, shop, server


def state_of(world):
    """What the check must leave as it found it (besides the app's own data)."""
    return {"settings": world.settings(), "rules": world._cp("GET", "/rules")["overridden"],
            "faults": world.faults.list(), "shops": sorted(s["id"] for s in
                                                          world._cp("GET", "/shops")["shops"]),
            "links": world.links(), "frozen": world.clock.get()["frozen"]}


def every_case(world, creds):
    return run_checks(world, creds["app_key"], client_key=creds["client_key"],
                      start_url=creds["start_url"], login_url=creds["login_url"])


@pytest.fixture(scope="module")
def careful(sandbox):
    world = sandbox.create_world(name="readiness careful", frozen=True, settings=SETTINGS)
    app = CarefulApp(sandbox.url)
    creds, shop, server = register(sandbox, world, app,
                                   CarefulLogin(LoginKit(sandbox.app_url)))
    before = state_of(world)
    report = every_case(world, creds)
    yield world, app, creds, report, before
    server.shutdown()
    world.delete()


@pytest.fixture(scope="module")
def careless(sandbox):
    world = sandbox.create_world(name="readiness careless", frozen=True, settings=SETTINGS)
    app = CarelessApp(sandbox.url, slow=1.3)
    creds, shop, server = register(sandbox, world, app,
                                   CarelessLogin(LoginKit(sandbox.app_url)))
    report = every_case(world, creds)
    yield world, app, creds, report
    server.shutdown()
    world.delete()


def test_without_a_start_url_the_auth_code_case_is_skipped(sandbox, careful):
    world, _app, creds, _report, _before = careful
    report = run_checks(world, creds["app_key"], only=["shop.auth_code_single_use"])
    assert report.result("shop.auth_code_single_use").status == "skip"
    assert "needs --start-url" in report.result("shop.auth_code_single_use").reason


def test_the_careful_app_passes_every_case(careful):
    _world, app, _creds, report, _before = careful
    got = {r.case: (r.status, r.reason) for r in report.results}
    assert {c: got[c][0] for c in case_ids()} == {c: "pass" for c in case_ids()}, got
    assert report.ok
    assert app.details and all(d["code"] == 0 for d in app.details[-2:])
    assert [r.case for r in report.results] == case_ids()  # every case is reported


def test_an_app_without_login_kit_gets_skips_for_the_login_kit_cases(careful):
    world, _app, creds, _report, _before = careful
    login_kit = [c.id for c in BY_ID.values() if c.applies_to == LOGIN_KIT]
    report = run_checks(world, creds["app_key"], only=login_kit)
    for case in login_kit:
        assert report.result(case).status == "skip"
        assert "no Login Kit client" in report.result(case).reason


def test_with_a_client_key_but_no_login_url_the_login_kit_cases_are_skipped(careful):
    world, _app, creds, _report, _before = careful
    report = run_checks(world, creds["app_key"], client_key=creds["client_key"],
                        only=["login_kit.state_verified"])
    result = report.result("login_kit.state_verified")
    assert (result.status, result.reason.split(" (")[0]) == ("skip", "needs the app's login URL")


def test_one_start_url_serves_whichever_authorization_it_starts(careful):
    """--start-url that sends the browser to TikTok's Login Kit page is the login URL: the
    Login Kit case runs, the shop authorization case has no URL of its own and skips."""
    world, _app, creds, _report, _before = careful
    report = run_checks(world, creds["app_key"], client_key=creds["client_key"],
                        start_url=creds["login_url"],
                        only=["login_kit.denied_consent", "shop.auth_code_single_use"])
    assert report.result("login_kit.denied_consent").status == "pass"
    assert report.result("shop.auth_code_single_use").status == "skip"


EXPECTED = {
    "webhook.signature_verified": "acknowledged a wrongly signed webhook with HTTP 200",
    "webhook.duplicate_idempotent": "acted twice on tts_notification_id",
    "webhook.out_of_order": "acted on an older UNPAID notification after the newer",
    "webhook.fast_ack": "did not answer an ORDER_STATUS_CHANGE webhook within 1 s",
    "shop.token_refresh": "kept calling with the expired token",
    "shop.deauthorization": "kept calling for shop",
    "api.signature": "wrongly signed",
    "api.rate_limited": "retried at once",
    "shop.auth_code_single_use": "redeemed the same auth code again",
    "login_kit.denied_consent": "answered HTTP 500 when the user cancelled",
    "login_kit.state_verified": "exchanged the code (POST /v2/oauth/token/) although the "
                                "callback's state was 'forged-by-tiktok-sandbox-check'",
    "login_kit.code_single_use": "exchanged the same code again when its redirect URI was "
                                 "opened a second time: POST /v2/oauth/token/ → invalid_grant",
    "login_kit.refresh_rotation": "its second refresh was refused (invalid_grant) with the "
                                  "refresh token it had before the first refresh",
    "login_kit.revoked_token": "kept calling with the revoked token: when the user came back "
                               "again, GET /v2/user/info/ → access_token_invalid",
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_the_careless_app_fails_each_case_naming_what_it_did(careless, case):
    result = careless[3].result(case)
    assert result.status == "fail", (result.status, result.reason)
    assert EXPECTED[case] in result.reason, result.reason


def test_the_pytest_helper_fails_the_test_with_the_report(careless):
    world, _app, creds, _report = careless
    with pytest.raises(AssertionError) as failed:
        assert_ready(world, creds["app_key"], only=["webhook.fast_ack"])
    assert "✘ fail webhook.fast_ack" in str(failed.value)
    assert "TikTok requires: Answer 200" in str(failed.value)


def test_the_careless_signature_failure_quotes_the_sign_explainer(careless):
    reason = careless[3].result("api.signature").reason
    assert "GET /order/202309/orders" in reason and ":" in reason.split("orders", 1)[1]


def test_the_check_leaves_the_world_as_it_found_it_but_for_the_app_and_its_fixtures(careful):
    world, _app, creds, report, before = careful
    after = state_of(world)
    made = {c["kind"]: c["id"] for c in report.created if c["kind"] == "shop"}
    after["shops"] = [s for s in after["shops"] if s != made.get("shop")]
    assert after == before  # no fault, setting, rule, shop or link left behind
    assert world.client_info(creds["app_key"])["authorizations"][0]["status"] == "active"
    kinds = {c["kind"] for c in report.created}
    assert kinds <= {"product", "account", "order", "shop", "change"}  # named in the report
    assert any("clock advanced" in c.get("what", "") for c in report.created)


def test_the_control_plane_client_and_pytest_helper_run_the_same_cases(sandbox):
    world = sandbox.create_world(name="readiness endpoint", frozen=True, settings=SETTINGS)
    app = CarefulApp(sandbox.url)
    creds, _shop, server = register(sandbox, world, app, CarefulLogin(LoginKit(sandbox.app_url)))
    try:
        data = world.check(creds["app_key"], client_key=creds["client_key"],
                           login_url=creds["login_url"],
                           only=["webhook.signature_verified", "login_kit.denied_consent"])
        assert data["ok"] and data["counts"] == {"pass": 2, "fail": 0, "skip": 0}, data
        assert data["cases"][0]["doc"].startswith("https://")
        report = assert_ready(world, creds["app_key"], only=["webhook.fast_ack"])
        assert report.result("webhook.fast_ack").status == "pass"
        for key in ("no-such-app", "a\x1db/c"):  # a key no URL path can hold is unknown too
            with pytest.raises(Exception) as refused:
                world.check(key)
            assert "CLIENT_NOT_FOUND" in str(refused.value)
    finally:
        server.shutdown()
        world.delete()


def test_the_cli_writes_json_and_junit_and_exits_1_on_a_failure(sandbox, careless, tmp_path,
                                                                   capsys):
    world, _app, creds, _report = careless
    out_json, out_xml = tmp_path / "r.json", tmp_path / "r.xml"
    code = main(["check", "--url", sandbox.url, "--world", world.id, "--app-key",
                 creds["app_key"], "--only", "webhook.signature_verified,login_kit.state_verified",
                 "--json", str(out_json), "--junit", str(out_xml)])
    assert code == 1
    shown = capsys.readouterr().out
    assert "✘ fail webhook.signature_verified" in shown and "TikTok requires:" in shown
    data = json.loads(out_json.read_text())
    assert [c["status"] for c in data["cases"]] == ["fail", "skip"]
    suite = ET.parse(out_xml).getroot()
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("2", "1", "1")


def test_the_cli_exits_0_when_no_case_fails(sandbox, careful, capsys):
    world, _app, creds, _report, _before = careful
    assert main(["check", "--url", sandbox.url, "--world", world.id, "--app-key",
                 creds["app_key"], "--only", "webhook.fast_ack"]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out


@pytest.mark.parametrize("argv, said", [
    (["--app-key", "nope"], "No app with app_key or client_key 'nope'"),
    (["--only", "webhook.nope"], "unknown case id(s): webhook.nope"),
    ([], None),  # --app-key missing
])
def test_bad_usage_exits_2(sandbox, careful, argv, said, capsys):
    world, _app, creds, _report, _before = careful
    base = ["check", "--url", sandbox.url, "--world", world.id]
    if argv and argv[0] == "--only":
        argv = ["--app-key", creds["app_key"], *argv]
    try:
        code = main([*base, *argv])
    except SystemExit as exc:  # argparse's own bad usage
        code = exc.code
    assert code == 2
    if said:
        assert said in capsys.readouterr().err


def test_help_lists_every_case_id(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    shown = capsys.readouterr().out
    assert all(case in shown for case in case_ids())


def test_the_docs_table_lists_every_case_in_the_reports_order():
    """docs/readiness.md's table of cases is the registry's: every ID, in the report's order."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "readiness.md").read_text(
        encoding="utf-8")
    section = text.split("## The cases", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", section, flags=re.M)
    assert rows == case_ids()
