"""Which faces a fault rule's path can reach, so a rule that could never fire is refused."""

from __future__ import annotations

from typing import Any

from sandbox.diagnostics.fault_presets import LOGIN_KIT, OPEN_API, TIKTOK_API
from sandbox.kernel.errors import BadRequest

OAUTH, ACTOR, CONTROL, PAGES = "oauth", "actor", "control", "pages"
Table = tuple[tuple[str, str], ...]

# Each app's path prefixes and the face of the requests under them, the longest prefix winning
# and any other path a page: the one table the apps' error boundaries (sandbox/web/boundary.py,
# fake_tiktok_app/web/boundary.py) build their faces from, and fault rules are checked against.
# TikTok Shop's API families (partner.tiktokshop.com's reference): a path under any of them
# is the Open API's, served or not, so an unknown one answers 36009009 in TikTok's envelope.
SHOP_API_FAMILIES = (
    "/api/v2/", "/authorization/", "/event/", "/product/", "/affiliate_", "/sandbox/2",
    "/seller/2", "/order/", "/fulfillment/", "/logistics/", "/return_refund/", "/finance/",
    "/promotion/", "/customer_service/", "/data/", "/supply_chain/", "/analytics/",
    "/customer_engagement/", "/marketing/", "/global_product/")
SELLER_CENTER: Table = (
    ("/api/v1/", ACTOR), ("/openapi.json", ACTOR), ("/_sandbox/", CONTROL),
    ("/sandbox/v1/", ACTOR),  # first-party calls of the TikTok app (orders, sandbox extension)
    *((family, OPEN_API) for family in SHOP_API_FAMILIES))
TIKTOK_APP: Table = (
    ("/app/api/", ACTOR), ("/sandbox/", ACTOR), ("/v2/", LOGIN_KIT), ("/v2/user/", TIKTOK_API),
    ("/v2/video/", TIKTOK_API), ("/oauth/", OAUTH), ("/.well-known/", OAUTH))
APPS: dict[str, Table] = {"seller_center": SELLER_CENTER, "tiktok_app": TIKTOK_APP}
# The faces a request reaches by its path alone (actor and pages also by endpoint).
CHECKED = (OPEN_API, LOGIN_KIT, TIKTOK_API, OAUTH)
NAMES = {OPEN_API: "TikTok Shop Open API", LOGIN_KIT: "Login Kit",
         TIKTOK_API: "TikTok API v2", OAUTH: "standard OAuth", ACTOR: "actor API",
         CONTROL: "control plane", PAGES: "web page"}


def prefixes(table: Table, *faces: str) -> tuple[str, ...]:
    """The path prefixes `table` gives to any of `faces` (what a boundary's face matches)."""
    return tuple(prefix for prefix, face in table if face in faces)


def face_of(table: Table, path: str) -> str:
    """The face of a request to `path` on the app `table` describes."""
    best, length = PAGES, -1
    for prefix, face in table:
        if path.startswith(prefix) and len(prefix) > length:
            best, length = face, len(prefix)
    return best


def reachable_faces(glob: str) -> set[str]:
    """Every face a request whose path matches `glob` can have, on either app (never fewer)."""
    cut = next((i for i, ch in enumerate(glob) if ch in "*?["), len(glob))
    literal, faces = glob[:cut], set()
    for table in APPS.values():
        faces.add(face_of(table, literal))
        if cut < len(glob):  # a wildcard: longer paths may fall under longer prefixes
            faces |= {face for prefix, face in table if prefix.startswith(literal)}
    return faces


def _named(face: str) -> str:
    return f"{NAMES.get(face, face)} ({face})"


def check_can_fire(match: dict[str, Any], effect: dict[str, Any]) -> None:
    """Refuse a rule whose face (given, or its `tiktok_error`'s) no request to its path has."""
    face, path = match.get("face"), match.get("path")
    if face not in CHECKED or not path:
        return
    faces = reachable_faces(path)
    if face in faces:
        return
    shown = sorted(faces - {PAGES}) or [PAGES]
    what = (f"error {effect['tiktok_error']!r} is a {_named(face)} error"
            if "tiktok_error" in effect else f"the rule matches {_named(face)} requests only")
    raise BadRequest(
        f"This fault could never fire: requests to {path!r} are "
        f"{' or '.join(_named(f) for f in shown)} requests, and {what}. Match a path of that "
        f"face, or use an error of the path's face (GET /_sandbox/v1/faults/presets).",
        code="FAULT_CANNOT_FIRE",
        details={"field": "match.path", "path_faces": sorted(faces), "face": face})
