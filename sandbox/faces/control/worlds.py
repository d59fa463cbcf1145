"""The control plane (DESIGN §6): worlds, shops, accounts, clients, clock and events."""

from __future__ import annotations

from typing import Any

from flask import current_app, g, jsonify, request

from fake_tiktok_app.services import accounts, clients
from sandbox.faces.auth import control_blueprint, number_arg
from sandbox.kernel import worlds
from sandbox.kernel.clock import parse_duration, parse_instant
from sandbox.kernel.errors import BadRequest
from sandbox.kernel.events import list_events
from sandbox.kernel.web import json_body
from sandbox.services import links, org_accounts, shops
from sandbox.services.account_sync import after_link

bp = control_blueprint("control", __name__, url_prefix="/_sandbox/v1")


def _sc() -> Any:
    return current_app.extensions["sandbox.seller_center"]


def _sync(world_id: str, shop_id: str | None = None) -> None:
    """Learn organization-account outcomes that fell due (G3, H5) before showing links."""
    org_accounts.sync(_sc(), world_id, shop_id)


def _created(body: dict[str, Any]) -> Any:
    return jsonify(body), 201


@bp.get("/info")
def info() -> Any:
    s = g.runtime.settings
    return jsonify({"seller_url": s.seller_url, "app_url": s.app_url,
                    "database": g.runtime.store.dialect, "version": "0.1.0"})


@bp.post("/worlds")
def create_world() -> Any:
    body = json_body()
    unknown = set(body) - {"name", "seed", "frozen", "now", "id"}
    if unknown:
        raise BadRequest(f"Unknown field(s): {', '.join(sorted(unknown))}.", code="UNKNOWN_FIELD")
    frozen_at = None
    if body.get("now") is not None:
        frozen_at = parse_instant(body["now"])
    elif body.get("frozen"):
        from sandbox.kernel.clock import wall_now

        frozen_at = wall_now()
    world = worlds.create_world(g.runtime, body.get("name"), seed=body.get("seed"),
                                world_id=body.get("id"), frozen_at=frozen_at)
    return _created(worlds.world_view(world))


@bp.get("/worlds")
def list_worlds() -> Any:
    return jsonify({"worlds": [worlds.world_view(w) for w in worlds.list_worlds(g.runtime)]})


@bp.get("/worlds/<world_id>")
def get_world(world_id: str) -> Any:
    world = g.runtime.world(g.db, world_id)
    view = worlds.world_view(world)
    settings = world.settings or {}
    view["logins"] = {"seller": settings.get("seller_logins", []),
                      "app": settings.get("app_logins", [])}
    return jsonify(view)


@bp.delete("/worlds/<world_id>")
def delete_world(world_id: str) -> Any:
    worlds.delete_world(g.runtime, world_id)
    return "", 204


@bp.post("/worlds/<world_id>/shops")
def create_shop(world_id: str) -> Any:
    now = g.runtime.now(g.db, world_id)
    body = json_body()
    # G1: `organization_account: true` (or {username}) creates one at onboarding.
    org_flag = body.pop("organization_account", None)
    if org_flag not in (None, False, True) and not isinstance(org_flag, dict):
        raise BadRequest("'organization_account' must be true, false or {username}.",
                         code="INVALID_FIELD", details={"field": "organization_account"})
    shop, seller, password, token = shops.create_shop(g.db, world_id, now, body)
    g.db.commit()
    view = {**shops.shop_view(shop),
            "seller": {"email": seller.email, "password": password, "token": token}}
    if org_flag:
        username = org_flag.get("username") if isinstance(org_flag, dict) else None
        org = org_accounts.create(_sc(), world_id, shop.id, username)
        view["organization_account"] = org_accounts.org_view(g.db, org)
    return _created(view)


@bp.get("/worlds/<world_id>/shops")
def list_shops(world_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    return jsonify({"shops": [shops.shop_view(s) for s in shops.list_shops(g.db, world_id)]})


@bp.get("/worlds/<world_id>/shops/<shop_id>")
def get_shop(world_id: str, shop_id: str) -> Any:
    shops.get_shop(g.db, world_id, shop_id)
    _sync(world_id, shop_id)
    shop = shops.get_shop(g.db, world_id, shop_id)
    return jsonify({**shops.shop_view(shop), "links": [
        links.link_view(link) for link in links.shop_links(g.db, world_id, shop_id)]})


@bp.patch("/worlds/<world_id>/shops/<shop_id>")
def patch_shop(world_id: str, shop_id: str) -> Any:
    now = g.runtime.now(g.db, world_id)
    body = json_body()
    shop = shops.update_shop(g.db, world_id, shop_id, now, body)
    official = links.active_official(g.db, world_id, shop_id) if "name" in body else None
    official_id = official.id if official is not None else None
    g.db.commit()
    view = shops.shop_view(shop)
    if official_id is not None:  # B2: the official account is renamed at the same moment
        g.db.close()  # release the connection before the first-party call into the app
        after_link(current_app.extensions["sandbox.seller_center"], world_id, official_id)
    return jsonify(view)


@bp.post("/worlds/<world_id>/accounts")
def create_account(world_id: str) -> Any:
    now = g.runtime.now(g.db, world_id)
    account, password = accounts.create_account(g.db, world_id, now, json_body())
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
def patch_account(world_id: str, open_id: str) -> Any:
    now = g.runtime.now(g.db, world_id)
    account = accounts.update_account(g.db, world_id, open_id, now, json_body())
    g.db.commit()
    return jsonify(accounts.account_view(account, now))


@bp.post("/worlds/<world_id>/clients")
def create_client(world_id: str) -> Any:
    body = json_body()
    kind = body.get("kind", "login_kit")
    if kind not in ("login_kit", "shop_app"):
        raise BadRequest(f"Client kind {kind!r} is unknown; use 'login_kit' or 'shop_app'.",
                         code="CLIENT_KIND_UNSUPPORTED")
    now = g.runtime.now(g.db, world_id)
    if kind == "shop_app":
        from sandbox.services import partner_apps as apps

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
def move_clock(world_id: str) -> Any:
    body = json_body()
    unknown = set(body) - {"advance", "freeze", "set"}
    if unknown:
        raise BadRequest(f"Unknown field(s): {', '.join(sorted(unknown))}; use advance, freeze "
                         "or set.", code="UNKNOWN_FIELD")
    freeze = body.get("freeze")
    if freeze is not None and not isinstance(freeze, bool):
        raise BadRequest("'freeze' must be true or false.", code="INVALID_FIELD")
    world, fired = worlds.move_clock(
        g.runtime, world_id,
        advance=parse_duration(body["advance"]) if body.get("advance") is not None else None,
        set_to=parse_instant(body["set"]) if body.get("set") is not None else None,
        freeze=freeze)
    return jsonify({**worlds.world_view(world)["clock"], "fired": [e.to_dict() for e in fired]})




@bp.get("/worlds/<world_id>/events")
def events(world_id: str) -> Any:
    """Events after `after`, optionally of `type` (a `prefix.` matches a family); `wait`
    long-polls up to that many seconds (max 60) for the first new one."""
    after = int(number_arg("after", 0, 2**62))
    wait = number_arg("wait", 0, 60)
    type_ = request.args.get("type") or None
    g.runtime.world(g.db, world_id)
    found = g.runtime.long_poll(
        lambda session: list_events(session, world_id, after=after, type_=type_), wait)
    return jsonify({"events": [e.to_dict() for e in found]})


@bp.get("/worlds/<world_id>/links")
def world_links(world_id: str) -> Any:
    from sqlalchemy import select

    from sandbox.store.links import Link

    g.runtime.world(g.db, world_id)
    _sync(world_id)
    rows = g.db.scalars(select(Link).where(Link.world_id == world_id, Link.active.is_(True)))
    return jsonify({"links": [links.link_view(link) for link in rows]})

