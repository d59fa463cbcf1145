"""`POST /_sandbox/v1/worlds/{id}/webhooks/trigger` and `tiktok-sandbox trigger TYPE` (sandbox
extension, like `stripe trigger`): every type the sandbox sends reaches a live receiver, signed as
real deliveries are, about a real object of the world (made when missing); refusals change nothing."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from shop_support import REDIRECT, tokens

from fake_tiktok_app.domain import login_kit
from sandbox.app import reference_routes
from sandbox.cli import build_parser, main
from sandbox.client import SandboxAPIError
from sandbox.domain import webhook_types
from sandbox.domain.signing import shop_webhook_signature
from sandbox.kernel.settings import Settings
from sandbox.openapi.document import build_document

pytestmark = pytest.mark.usefixtures("no_big_numbers")

TYPES = [t.key for t in webhook_types.TRIGGERABLE]


@pytest.fixture
def app(world, receiver):
    return world.create_client(kind="shop_app", name="Acme ERP", redirect_url=REDIRECT,
                               webhook_url=receiver.url)


@pytest.fixture
def login_app(world, receiver):
    return world.create_client(name="My app", redirect_uris=["https://app.example/cb"],
                               webhook_url=receiver.url)


def verified(got, app, login_app):
    """The body, once its signature checks out with the app's secret, as a partner checks it."""
    if "Tiktok-Signature" in got.headers:  # Login Kit: t=<ts>,s=hex(HMAC(secret, "<ts>." + body))
        stamp, mac = (part.split("=", 1)[1] for part in got.headers["Tiktok-Signature"].split(","))
        wanted = hmac.new(login_app["client_secret"].encode(), f"{stamp}.".encode() + got.body,
                          hashlib.sha256).hexdigest()
        assert hmac.compare_digest(mac, wanted)
    else:
        assert got.headers["Authorization"] == shop_webhook_signature(
            app["app_key"], app["app_secret"], got.body)
    return json.loads(got.body)


def assert_about_a_real_object(world, body):
    """The payload names objects the world holds (asked of the control plane)."""
    if body.get("event") == webhook_types.AUTHORIZATION_REMOVED:
        assert world.account(body["user_openid"]).open_id == body["user_openid"]
        return
    if body["type"] == webhook_types.CREATOR_DEAUTHORIZATION:
        assert world.account(body["creator_open_id"]).open_id == body["creator_open_id"]
        return
    shop = world._cp("GET", f"/shops/{body['shop_id']}")
    assert shop["id"] == body["shop_id"]
    if body["type"] in (webhook_types.PRODUCT_CREATION, webhook_types.PRODUCT_STATUS_CHANGE):
        listed = world._cp("GET", f"/shops/{shop['id']}/products")["products"]
        assert body["data"]["product_id"] in {p["id"] for p in listed}
    elif body["type"] in (webhook_types.ACCOUNT_LINKED, webhook_types.ACCOUNT_UNLINKED):
        account = world.account(body["data"]["open_id"])
        assert account.username == body["data"]["username"]
        active = {k["open_id"] for k in shop["links"]}
        assert (body["data"]["open_id"] in active) == (body["type"] == webhook_types.ACCOUNT_LINKED)
    else:
        authorized = world.events(type="shop_app.authorized")
        assert any(e["data"]["shop_id"] == shop["id"] for e in authorized)


@pytest.mark.parametrize("type_", TYPES, ids=[str(t) for t in TYPES])
def test_every_known_type_reaches_the_receiver_signed_from_an_empty_world(
        world, app, login_app, receiver, type_):
    sent = world.trigger_webhook(type_)
    got = receiver.next()
    body = verified(got, app, login_app)
    assert body == sent["payload"] and sent["type"] == type_
    (delivery,) = sent["deliveries"]
    assert delivery["status"] == "delivered" and delivery["url"] == receiver.url
    assert delivery["app_key"] == (login_app["client_key"] if sent["face"] == "login_kit"
                                   else app["app_key"])
    assert delivery["id"] in {d["id"] for d in world.deliveries()}
    assert sent["created"], "nothing was in the world: the trigger made what it needed"
    assert_about_a_real_object(world, body)
    assert receiver.empty()


@pytest.mark.parametrize("name", ["PRODUCT_CREATION", "product_creation", "16"])
def test_a_type_is_named_by_number_or_name(world, app, receiver, name):
    assert world.trigger_webhook(name)["type"] == 16
    assert json.loads(receiver.next().body)["type"] == 16


def test_objects_of_the_world_are_used_and_nothing_else_changes(world, app, receiver,
                                                                control_http):
    shop = world.create_shop(name="Acme Official")
    tokens(control_http, shop, app)
    product = shop.create_product("Desk lamp", "24.50")
    assert json.loads(receiver.next().body)["type"] == 16  # the real one, from the catalogue
    for type_ in (16, 5, 6, 7):
        sent = world.trigger_webhook(type_)
        assert sent["created"] == [] and sent["shop_id"] == shop.id
        body = json.loads(receiver.next().body)
        assert body["shop_id"] == shop.id
        if type_ in (16, 5):
            assert body["data"]["product_id"] == product["id"]
    assert [a["app_key"] for a in shop.seller.authorized_apps()] == [app["app_key"]]  # 6 ends nothing


def test_a_missing_product_is_made_once_and_sent_once(world, app, receiver, control_http):
    shop = world.create_shop(name="Acme Official")
    tokens(control_http, shop, app)
    sent = world.trigger_webhook(16)
    assert [c["kind"] for c in sent["created"]] == ["product"]
    assert len(sent["deliveries"]) == 1
    receiver.next()
    assert receiver.empty()


@pytest.mark.parametrize("type_", [1, "ORDER_STATUS_CHANGE", 9003, "nope", "", True, 2**70])
def test_an_unknown_type_is_400_listing_the_known_ones_and_changes_nothing(world, app, receiver,
                                                                         type_):
    before = world.events()
    with pytest.raises(SandboxAPIError) as refused:
        world.trigger_webhook(type_)
    assert refused.value.status == 400 and refused.value.code == "UNKNOWN_WEBHOOK_TYPE"
    if refused.value.details.get("known"):
        assert [k["type"] for k in refused.value.details["known"]] == TYPES
        assert "16 PRODUCT_CREATION" in refused.value.message
    assert world.events() == before and world.deliveries() == [] and receiver.empty()


@pytest.mark.parametrize("type_", TYPES, ids=[str(t) for t in TYPES])
def test_no_app_with_a_webhook_url_is_409_saying_how_and_makes_nothing(world, type_):
    world.create_client(kind="shop_app", name="No hooks", redirect_url=REDIRECT)
    world.create_client(name="No hooks", redirect_uris=["https://app.example/cb"])
    before = world.events()
    with pytest.raises(SandboxAPIError) as refused:
        world.trigger_webhook(type_)
    assert refused.value.status == 409 and refused.value.code == "WEBHOOK_URL_NOT_REGISTERED"
    assert f"POST /_sandbox/v1/worlds/{world.id}/clients" in refused.value.message
    assert world.events() == before
    assert world._cp("GET", "/shops")["shops"] == [] and world.deliveries() == []


def test_app_key_and_shop_id_pick_whom_and_what(world, app, receiver, login_app):
    second = world.create_client(kind="shop_app", name="Other ERP", redirect_url=REDIRECT,
                                 webhook_url=receiver.url)
    shop = world.create_shop(name="Acme Official")
    both = world.trigger_webhook(6, shop_id=shop.id)
    assert sorted(d["app_key"] for d in both["deliveries"]) == sorted(
        [app["app_key"], second["app_key"]])
    one = world.trigger_webhook(6, shop_id=shop.id, app_key=second["app_key"])
    assert [d["app_key"] for d in one["deliveries"]] == [second["app_key"]]
    removed = world.trigger_webhook("authorization.removed", app_key=login_app["client_key"])
    assert removed["deliveries"][0]["app_key"] == login_app["client_key"]
    for call, code, status in (
            (lambda: world.trigger_webhook(6, app_key="nope"), "SHOP_APP_NOT_FOUND", 404),
            (lambda: world.trigger_webhook(6, shop_id="404"), "SHOP_NOT_FOUND", 404),
            (lambda: world.trigger_webhook("authorization.removed", app_key=app["app_key"]),
             "CLIENT_NOT_FOUND", 404),
            (lambda: world.trigger_webhook(20, shop_id=shop.id), "INVALID_FIELD", 400)):
        with pytest.raises(SandboxAPIError) as refused:
            call()
        assert (refused.value.code, refused.value.status) == (code, status)


def test_triggered_webhooks_are_held_and_retried_like_real_ones(world, app, receiver):
    world.hold_webhooks()
    sent = world.trigger_webhook(9001)
    assert sent["deliveries"][0]["status"] == "held" and receiver.empty()
    receiver.statuses.append(500)
    world.release_webhooks()
    assert receiver.next().headers["Authorization"]  # answered 500: retried on the world clock
    (delivery,) = world.deliveries()
    assert delivery["status"] == "waiting"
    world.clock.advance(seconds=120)
    assert json.loads(receiver.next().body) == sent["payload"]
    assert world.deliveries()[0]["status"] == "delivered"


def test_the_types_are_listed_once_in_the_document_the_cli_help_and_login_kit(capsys):
    document = build_document(Settings(), reference_routes())
    body = document["components"]["schemas"]["WebhookTrigger"]
    assert body["properties"]["type"]["enum"] == webhook_types.spellings()
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["trigger", "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert all(t.name in shown for t in webhook_types.TRIGGERABLE)
    assert login_kit.AUTHORIZATION_REMOVED == webhook_types.AUTHORIZATION_REMOVED


def test_the_cli_prints_the_delivery(sandbox, world, app, receiver, capsys):
    assert main(["trigger", "16", "--world", world.id, "--url", sandbox.url]) == 0
    out = capsys.readouterr().out
    (delivery,) = world.deliveries()
    assert f"delivery {delivery['id']} to app {app['app_key']} at {receiver.url}: delivered" in out
    assert out.startswith("16 PRODUCT_CREATION about product ")
    assert main(["trigger", "SANDBOX_ACCOUNT_LINKED", "--world", world.id, "--json",
                 "--url", sandbox.url]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["type"] == 9001 and answer["payload"] == verified(receiver.all[-1], app, None)


def test_the_cli_refusals_are_one_line_exit_1_and_bad_types_exit_2(sandbox, world, capsys):
    assert main(["trigger", "16", "--world", world.id, "--url", sandbox.url]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("tiktok-sandbox: refused: HTTP 409 WEBHOOK_URL_NOT_REGISTERED")
    assert "\n" not in err
    with pytest.raises(SystemExit) as exited:
        main(["trigger", "ORDER_STATUS_CHANGE", "--world", world.id, "--url", sandbox.url])
    assert exited.value.code == 2
    assert "16 PRODUCT_CREATION" in capsys.readouterr().err
