"""Shops and their sellers: create (control plane), log in, look up, describe."""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from sandbox.domain import organization
from sandbox.domain.markets import profile
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, Conflict, NotFound, Unauthorized
from sandbox.kernel.events import append_event
from sandbox.kernel.models import World
from sandbox.kernel.passwords import API, check_password, hash_password, new_password
from sandbox.kernel.store import new_id
from sandbox.kernel.world_config import rules_for
from sandbox.kernel.world_facts import forget_held, held, lookup_held
from sandbox.rules.registry import RuleValues
from sandbox.services.links import active_official
from sandbox.store.shops import Seller, SellerSession, Shop

SHOP_STATUSES = ("normal", "frozen", "suspended", "closed", "deactivated")


def _shop_id() -> str:
    return "7" + "".join(secrets.choice("0123456789") for _ in range(18))


def _text(body: dict[str, Any], name: str, max_len: int) -> str | None:
    """An optional string field; anything else is a 400 saying what to send."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > max_len:
        raise BadRequest(f"'{name}' must be a string of at most {max_len} characters.",
                         code="INVALID_FIELD", details={"field": name})
    return value


def create_shop(session: Session, world_id: str, now: datetime,
                body: dict[str, Any]) -> tuple[Shop, Seller, str, str]:
    """A shop with its seller login. Returns shop, seller, plain password, API token."""
    allowed = {"name", "market", "recruitment", "status", "phone", "business_entity", "email",
               "password"}
    unknown = set(body) - allowed
    if unknown:
        raise BadRequest(f"Unknown shop field(s): {', '.join(sorted(unknown))}.",
                         code="UNKNOWN_FIELD", details={"unknown": sorted(unknown)})
    name = body.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise BadRequest("'name' is required: the shop's name, up to 200 characters.",
                         code="MISSING_FIELD", details={"missing": ["name"]})
    market = profile(str(body.get("market", "US")).upper()).code
    recruitment = body.get("recruitment", "invited")
    if recruitment not in ("open", "invited"):
        raise BadRequest("'recruitment' must be open or invited.", code="INVALID_FIELD",
                         rule="B4", details={"field": "recruitment"})
    status = body.get("status", "normal")
    if status not in SHOP_STATUSES:
        raise BadRequest(f"'status' must be one of {', '.join(SHOP_STATUSES)}.",
                         code="INVALID_FIELD", details={"field": "status"})
    shop = Shop(world_id=world_id, id=_shop_id(), name=name.strip(), market=market,
                status=status, recruitment=recruitment, phone=_text(body, "phone", 32),
                business_entity=_text(body, "business_entity", 200) or name.strip(),
                cipher="ROW_" + secrets.token_urlsafe(24), created_at=now)
    # A domain a browser's e-mail field accepts (no underscores), unique per world.
    domain = re.sub(r"[^a-z0-9-]", "-", world_id.lower())
    # The whole shop id: six of its digits collided once in a few hundred shops.
    email = body.get("email") or f"seller-{shop.id}@{domain}.sandbox.test"
    if not isinstance(email, str) or "@" not in email:
        raise BadRequest("'email' must be an e-mail address.", code="INVALID_FIELD",
                         details={"field": "email"})
    if session.scalars(select(Seller).where(Seller.world_id == world_id,
                                            Seller.email == email)).first():
        raise Conflict(f"A seller with e-mail {email} already exists in this world.",
                       code="SELLER_EMAIL_TAKEN")
    password = _text(body, "password", 128) or new_password()
    seller = Seller(world_id=world_id, id=new_id("s_"), shop_id=shop.id, email=email,
                    password_hash=hash_password(password),
                    created_at=now)
    token = secrets.token_urlsafe(24)
    session.add_all([shop, seller, SellerSession(world_id=world_id, token=token,
                                                 seller_id=seller.id, channel=API,
                                                 created_at=now)])
    session.flush()
    append_event(session, world_id, now, "shop.created", shop.id,
                 {"name": shop.name, "market": market})
    return shop, seller, password, token


def log_in(session: Session, world_id: str, email: str, password: str,
           now: datetime, channel: str = API) -> SellerSession:
    """A seller session for the actor API (bearer) or a browser (cookie): `channel`."""
    seller = session.scalars(select(Seller).where(Seller.world_id == world_id,
                                                  Seller.email == (email or "").strip())).first()
    if seller is None or not check_password(seller.password_hash, password or ""):
        raise Unauthorized("Wrong e-mail or password.", code="SELLER_LOGIN_FAILED")
    seller_session = SellerSession(world_id=world_id, token=secrets.token_urlsafe(24),
                                   seller_id=seller.id, channel=channel, created_at=now)
    session.add(seller_session)
    return seller_session


# Prebuilt: the session, its seller and the world whose clock the request reads. (Not the
# shop: views read it after use cases that change it in their own sessions.)
_SELLER_SESSION = (select(SellerSession, Seller, World)
                   .join(Seller, Seller.id == SellerSession.seller_id)
                   .join(World, World.id == Seller.world_id)
                   .where(SellerSession.token == bindparam("token")))


def seller_session_row(session: Session, token: str) -> SellerSession | None:
    """The session of `token` with its seller and world in one statement, held for the rest of
    the session (the request's resolver, then the view)."""
    row = lookup_held(session, "seller_session", token, _SELLER_SESSION, {"token": token})
    return row[0] if row is not None else None


def seller_for_token(session: Session, token: str | None, channel: str = API) -> Seller | None:
    if not token:
        return None
    if seller_session_row(session, token) is None:
        return None
    seller_session, seller, _world = held(session, "seller_session", token)
    if seller_session.channel != channel or seller.world_id != seller_session.world_id:
        return None
    return seller


def log_out(session: Session, token: str | None, channel: str) -> bool:
    """End the seller session `token` names on `channel` (a logout): a copy of the token is
    refused from now on, the seller's other sessions stay. False if there was no such session."""
    if not token:
        return False
    forget_held(session, "seller_session", token)
    return session.execute(delete(SellerSession).where(
        SellerSession.token == token, SellerSession.channel == channel)).rowcount == 1


def shop_rules(session: Session, shop: Shop) -> RuleValues:
    """The shop's world's rule numbers for the shop's market."""
    return rules_for(session, shop.world_id, shop.market)


def get_shop(session: Session, world_id: str, shop_id: str) -> Shop:
    shop = session.get(Shop, shop_id)
    if shop is None or shop.world_id != world_id:
        raise NotFound(f"No shop {shop_id!r} in this world.", code="SHOP_NOT_FOUND")
    return shop


def list_shops(session: Session, world_id: str) -> list[Shop]:
    return list(session.scalars(select(Shop).where(Shop.world_id == world_id)
                                .order_by(Shop.created_at)))


def shop_view(shop: Shop) -> dict[str, Any]:
    return {"id": shop.id, "name": shop.name, "market": shop.market, "status": shop.status,
            "recruitment": shop.recruitment, "phone": shop.phone,
            "business_entity": shop.business_entity, "cipher": shop.cipher,
            "created_at": iso(shop.created_at)}


def rename(session: Session, shop: Shop, name: Any, now: datetime) -> None:
    """B2: the shop's new name (its official account is renamed by the caller, after commit);
    G2: not 30 characters or more while an organization account is the official account."""
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise BadRequest("'name' must be the shop's new name, 1 to 200 characters.",
                         code="INVALID_FIELD", details={"field": "name"})
    official = active_official(session, shop.world_id, shop.id)
    is_organization = official is not None and \
        (official.account or {}).get("account_kind") == "organization"
    if (refusal := organization.rename_refusal(name.strip(), is_organization,
                                               shop_rules(session, shop).G2.max_name_length)):
        raise refusal
    append_event(session, shop.world_id, now, "shop.renamed", shop.id,
                 {"from": shop.name, "to": name.strip(), "rule": "B2"})
    shop.name = name.strip()


def update_shop(session: Session, world_id: str, shop_id: str, now: datetime,
                body: dict[str, Any]) -> Shop:
    """Control plane: change a shop's status, phone (e.g. abnormal, rule C4) or name (B2: the
    caller then renames the official account through the app)."""
    unknown = set(body) - {"status", "phone", "name"}
    if unknown:
        raise BadRequest(f"Unknown or unchangeable shop field(s): {', '.join(sorted(unknown))}; "
                         "status, phone and name can be changed.", code="UNKNOWN_FIELD",
                         details={"unknown": sorted(unknown)})
    shop = get_shop(session, world_id, shop_id)
    if "name" in body:  # first: a refused name (G2) leaves the rest unchanged too
        rename(session, shop, body["name"], now)
    if "status" in body:
        if body["status"] not in SHOP_STATUSES:
            raise BadRequest(f"'status' must be one of {', '.join(SHOP_STATUSES)}.",
                             code="INVALID_FIELD", details={"field": "status"})
        shop.status = body["status"]
    if "phone" in body:
        shop.phone = _text(body, "phone", 32)
    append_event(session, world_id, now, "shop.updated", shop.id, {"changed": sorted(body)})
    return shop
