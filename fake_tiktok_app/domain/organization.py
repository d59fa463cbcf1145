"""What an organization account is and when creating one fails (G1, G2, G6); pure rules."""

from __future__ import annotations

import re
from typing import Any

from fake_tiktok_app.domain.accounts import check_region
from sandbox.kernel.errors import BadRequest

# G6: what an organization account can use and how its profile looks.
MUSIC_LIBRARY = {"organization": "commercial"}
ABNORMAL_SHOP_STATUSES = ("frozen", "suspended", "closed", "deactivated")
# An upgrade (H1-H6): a trial that ends completed or cancelled.
TRIAL, COMPLETED, CANCELLED = "trial", "completed", "cancelled"


def creation_request(body: dict[str, Any]) -> dict[str, Any]:
    """Check Seller Center's request (its fields' types and presence are the request model's):
    the username's form and the region."""
    username = body.get("username") or None
    if username is not None and (not isinstance(username, str) or not re.fullmatch(
            r"[A-Za-z0-9._]{2,24}", username)):
        raise BadRequest("'username' is optional; when given it is 2-24 letters, digits, '.' "
                         "or '_'.", code="INVALID_FIELD", details={"field": "username"})
    return {"shop_id": body["shop_id"], "nickname": body["nickname"], "username": username,
            "region": check_region("region", body["region"]),
            "avatar_url": body.get("avatar_url"), "phone": body.get("phone"),
            "shop_status": body["shop_status"], "delay_seconds": body["delay_seconds"],
            "name_limit": body["name_limit"]}


def creation_failure(req: dict[str, Any]) -> dict[str, str] | None:
    """G2: a shop name of `name_limit` characters or more, or a shop exception, fails it."""
    if len(req["nickname"]) >= req["name_limit"]:
        return {"code": "ORG_ACCOUNT_NAME_TOO_LONG", "rule": "G2",
                "message": f"The shop name has {len(req['nickname'])} characters; it must be "
                           f"under {req['name_limit']}. Rename the shop, then create again."}
    if req["shop_status"] in ABNORMAL_SHOP_STATUSES or req["shop_status"] != "normal":
        return {"code": "ORG_ACCOUNT_SHOP_ABNORMAL", "rule": "G2",
                "message": f"The shop has an exception (status '{req['shop_status']}'). "
                           "Resolve it, then create again."}
    return None


def username_from(nickname: str) -> str:
    base = re.sub(r"[^a-z0-9_]", "", nickname.lower().replace(" ", "_"))[:18]
    return base or "shop"


def features(kind: str, videos: int, org_origin: str | None) -> dict[str, Any]:
    """G6: no verified badge; commercial music only; earlier general-library sounds muted."""
    if kind != "organization":
        return {"verified_badge_allowed": True, "music_library": "general",
                "muted_earlier_videos": 0}
    return {"verified_badge_allowed": False, "music_library": MUSIC_LIBRARY["organization"],
            "muted_earlier_videos": videos if org_origin == "upgraded" else 0}
