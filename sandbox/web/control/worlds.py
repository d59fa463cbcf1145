"""The control plane (DESIGN §6): worlds, shops, accounts, clients, clock and events."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, request

from fake_tiktok_app.services import accounts, clients
from sandbox.kernel import worlds
from sandbox.kernel.clock import parse_duration, parse_instant, wall_now
from sandbox.kernel.errors import BadRequest
from sandbox.kernel.events import list_events
from sandbox.kernel.fields import text_field
from sandbox.presenter.world_clock import fired_fields
from sandbox.services import account_sync, links, org_accounts, shops
from sandbox.services import partner_apps as apps
from sandbox.snapshots import bundles as snapshots
from sandbox.web.auth import control_blueprint, number_arg, seller_center
from sandbox.web.models.accounts import AccountChange, AccountCreate
from sandbox.web.models.control import ClientRegistration, ClockMove, ShopChange, ShopCreate, WorldCreate
from sandbox.web_shared.requests import accepts, body_dict
from sandbox.web_shared.waits import held_poll

bp = control_blueprint("control", __name__, url_prefix="/_sandbox/v1")



def _created(body: dict[str, Any]) -> Any:
    return jsonify(body), 201


@bp.get("/info")
def info() -> Any:
    s = g.runtime.settings
    return jsonify({"seller_url": s.seller_url, "app_url": s.app_url,
                    "database": g.runtime.store.dialect, "version": "0.1.0"})


@bp.post("/worlds")
@accepts(WorldCreate)
def create_world() -> Any:
    body = body_dict(WorldCreate)
    if "from_world" in body or "snapshot" in body:
        return _copied_world(body)
    frozen_at = None
    if body.get("now") is not None:
        frozen_at = parse_instant(body["now"])
    elif body.get("frozen"):
        frozen_at = wall_now()
    world = worlds.create_world(g.runtime, body.get("name"), seed=body.get("seed"),
                                world_id=body.get("id"), frozen_at=frozen_at,
                                rules=body.get("rules"), settings=body.get("settings"))
    return _created(worlds.world_view(world))


def _copied_world(body: dict[str, Any]) -> Any:
    """A fork (`from_world`) or a loaded bundle (`snapshot`): the answer maps every re-issued
    key and secret of the source to the new world's (`keys`)."""
    sources = [k for k in ("from_world", "snapshot") if body.get(k) is not None]
    others = [k for k in ("seed", "frozen", "now") if body.get(k) is not None]
    if len(sources) != 1 or others:
        raise BadRequest("Give one of 'from_world' or 'snapshot' (with 'id' and 'name' at "
                         "most): a copy keeps its source's clock and rows.",
                         code="WORLD_SOURCE_AMBIGUOUS")
    worlds.configured({}, body.get("rules"), body.get("settings"))  # refused before any copy
    if sources[0] == "from_world":
        world, keys = snapshots.fork_world(g.runtime, body["from_world"], world_id=body.get("id"),
                                           name=body.get("name"))
        origin = {"from_world": body["from_world"]}
    else:
        world, keys = snapshots.load_snapshot(g.runtime, body["snapshot"],
                                              world_id=body.get("id"), name=body.get("name"))
        origin = {"from_snapshot": (body["snapshot"].get("world") or {}).get("id")}
    if body.get("rules") is not None or body.get("settings") is not None:
        worlds.change_config(g.runtime, world.id, rules=body.get("rules"),
                             settings=body.get("settings"))
    return _created({**worlds.world_view(world), **origin, "keys": keys})


@bp.get("/worlds/<world_id>/snapshot")
def snapshot(world_id: str) -> Any:
    """The world as a portable JSON bundle (`format_version`); POST /worlds {snapshot} loads it."""
    return jsonify(snapshots.snapshot_world(g.runtime, world_id))


@bp.get("/worlds")
def list_worlds() -> Any:
    return jsonify({"worlds": [worlds.world_view(w) for w in worlds.list_worlds(g.runtime)]})


@bp.get("/worlds/<world_id>")
def get_world(world_id: str) -> Any:
    world = g.runtime.world(g.db, world_id)
    view = worlds.world_view(world)
    settings = world.settings or {}
    view["logins"] = {"seller": settings.get("seller_logins", []),
                      "app": settings.get("app_logins", []),
                      "partner": settings.get("partner_logins", [])}
    return jsonify(view)


@bp.delete("/worlds/<world_id>")
def delete_world(world_id: str) -> Any:
    worlds.delete_world(g.runtime, world_id)
    return "", 204


@bp.post("/worlds/<world_id>/shops")
@accepts(ShopCreate)
def create_shop(world_id: str) -> Any:
    now = g.runtime.now(g.db, world_id)
    body = body_dict(ShopCreate)
    # G1: `organization_account: true` (or {username}) creates one at onboarding.
    org_flag = body.pop("organization_account", None)
    shop, seller, password, token = shops.create_shop(g.db, world_id, now, body)
    g.db.commit()
    view = {**shops.shop_view(shop),
            "seller": {"email": seller.email, "password": password, "token": token}}
    if org_flag:
        username = org_flag.get("username") if isinstance(org_flag, dict) else None
        org = org_accounts.create(seller_center(), world_id, shop.id, username)
        view["organization_account"] = org_accounts.org_view(g.db, org)
    return _created(view)


@bp.get("/worlds/<world_id>/shops")
def list_shops(world_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    return jsonify({"shops": [shops.shop_view(s) for s in shops.list_shops(g.db, world_id)]})


@bp.get("/worlds/<world_id>/shops/<shop_id>")
def get_shop(world_id: str, shop_id: str) -> Any:
    shop = shops.get_shop(g.db, world_id, shop_id)
    return jsonify({**shops.shop_view(shop), "links": [
        links.link_view(link) for link in links.shop_links(g.db, world_id, shop_id)]})


@bp.patch("/worlds/<world_id>/shops/<shop_id>")
@accepts(ShopChange)
def patch_shop(world_id: str, shop_id: str) -> Any:
    return jsonify(account_sync.update_shop(seller_center(), world_id, shop_id,
                                            body_dict(ShopChange)))


@bp.post("/worlds/<world_id>/accounts")
@accepts(AccountCreate)
def create_account(world_id: str) -> Any:
    body = body_dict(AccountCreate)
    now = g.runtime.now(g.db, world_id)
    account, password = accounts.create_account(g.db, world_id, now, body)
    g.db.commit()
    return _created({**accounts.account_view(account, now), "password": password})


@bp.get("/worlds/<world_id>/accounts")
def list_accounts(world_id: str) -> Any:
    now = g.runtime.now(g.db, world_id)
    return jsonify({"accounts": [accounts.account_view(a, now)
                                 for a in accounts.list_accounts(g.db, world_id)]})


@bp.get("/worlds/<world_id>/accounts/<open_id>")
def get_account(world_id: str, open_id: str) -> Any:
    now = g.runtime.now(g.db, world_id)
    return jsonify(accounts.account_view(accounts.get_account(g.db, world_id, open_id), now))


@bp.patch("/worlds/<world_id>/accounts/<open_id>")
@accepts(AccountChange)
def patch_account(world_id: str, open_id: str) -> Any:
    body = body_dict(AccountChange)
    now = g.runtime.now(g.db, world_id)
    account = accounts.update_account(g.db, world_id, open_id, now, body)
    g.db.commit()
    return jsonify(accounts.account_view(account, now))


@bp.post("/worlds/<world_id>/clients")
@accepts(ClientRegistration)
def create_client(world_id: str) -> Any:
    body = body_dict(ClientRegistration)
    kind = body.get("kind", "login_kit")
    now = g.runtime.now(g.db, world_id)
    if kind == "shop_app":
        app = apps.register_app(g.db, world_id, now, body)
        g.db.commit()
        return _created(apps.app_view(app, g.runtime.settings.seller_url))
    client = clients.register_client(
        g.db, world_id, now, name=body.get("name") or "Partner app",
        redirect_uris=body.get("redirect_uris"), scopes=body.get("scopes"),
        platform=body.get("platform", "web"), webhook_url=body.get("webhook_url"))
    g.db.commit()
    return _created(clients.client_view(client))


@bp.get("/worlds/<world_id>/clock")
def get_clock(world_id: str) -> Any:
    return jsonify(worlds.world_view(g.runtime.world(g.db, world_id))["clock"])


@bp.post("/worlds/<world_id>/clock")
@accepts(ClockMove)
def move_clock(world_id: str) -> Any:
    """Due jobs fire in time order before it returns; `fired` lists the events they appended
    (the first 500; `fired_count` says how many, `fired_truncated` if cut), `changes` says them
    in words."""
    body = body_dict(ClockMove)
    freeze = body.get("freeze")
    world, fired = worlds.move_clock(
        g.runtime, world_id,
        advance=parse_duration(body["advance"]) if body.get("advance") is not None else None,
        set_to=parse_instant(body["set"]) if body.get("set") is not None else None,
        freeze=freeze)
    return jsonify({**worlds.world_view(world)["clock"], **fired_fields(fired)})




@bp.get("/worlds/<world_id>/events")
def events(world_id: str) -> Any:
    """Events after `after`, optionally of `type` (a `prefix.` matches a family); `wait`
    long-polls up to that many seconds (max 60) for the first new one."""
    after = int(number_arg("after", 0, 2**62))
    wait = number_arg("wait", 0, 60)
    type_ = text_field(request.args, "type") or None
    g.runtime.world(g.db, world_id)
    found = held_poll(world_id,
        lambda session: list_events(session, world_id, after=after, type_=type_), wait)
    return jsonify({"events": [e.to_dict() for e in found]})


@bp.get("/worlds/<world_id>/links")
def world_links(world_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    return jsonify({"links": [links.link_view(link) for link in links.world_links(g.db, world_id)]})

