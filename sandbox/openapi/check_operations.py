"""Control-plane operations of readiness checks (sandbox extension): a registered app as the
check sees it, and a run of the readiness cases against it."""

from __future__ import annotations

from sandbox.openapi.shapes import BOOL, CONTROL, INT, NUM, STR, TS, Op, Schema, array, null_or, obj, op, ref
from sandbox.readiness.cases import CASES

_NSTR = {"type": ["string", "null"]}
_IDS = ", ".join(f"`{c.id}`" for c in CASES)

SCHEMAS: dict[str, Schema] = {
    "RegisteredApp": obj({
        "kind": {"enum": ["shop_app", "login_kit"]}, "app_key": STR, "client_key": STR,
        "name": STR, "webhook_url": _NSTR, "redirect_url": _NSTR,
        "redirect_uris": array(STR), "scopes": array(STR),
        "authorizations": array(obj({
            "shop_id": _NSTR, "open_id": STR, "user_type": INT,
            "status": {"enum": ["active", "deauthorized", "expired"]},
            "granted_scopes": array(STR), "authorized_at": TS,
            "access_token_expires_at": null_or(TS)}, ["shop_id", "status"]))},
        ["kind"], description="Sandbox extension: an app registered in the world, no secret."),
    "ReadinessCase": obj({
        "id": {"enum": [c.id for c in CASES]}, "title": STR,
        "status": {"enum": ["pass", "fail", "skip"]},
        "reason": {"type": "string", "description": "what the app did (or why skipped)"},
        "requires": {"type": "string", "description": "what TikTok's docs require"},
        "doc": STR, "applies_to": {"enum": ["shop_app", "login_kit"]}, "seconds": NUM,
        "evidence": array(STR)}, ["id", "status", "reason", "requires", "doc"]),
    "ReadinessReport": obj({
        "world": STR, "app_key": STR, "ok": BOOL,
        "counts": obj({"pass": INT, "fail": INT, "skip": INT}), "seconds": NUM,
        "created": array({"type": "object", "description": "a fixture the check made (a "
                          "product, a buyer account, orders) or a change it could not undo "
                          "(the clock moved forward)"}),
        "cases": array(ref("ReadinessCase"))}, ["world", "app_key", "ok", "counts", "cases"],
        description="Sandbox extension: one result per case, in the registry's order."),
}

OPERATIONS: dict[str, Op] = {
    "control_checks.client": op(
        "A registered app (sandbox extension): its kind, URLs, scopes and authorizations",
        "RegisteredApp", errors={404: "CLIENT_NOT_FOUND WORLD_NOT_FOUND"}, description=(
            "By a TikTok Shop app_key (with the shops that authorized it and when its newest "
            "access token expires) or a Login Kit client_key. Secrets are not shown.")),
    "control_checks.run": op(
        "Run the readiness cases against a partner's running app (sandbox extension)",
        "ReadinessReport", errors={400: "UNKNOWN_CASE CLIENT_NOT_FOUND CLIENT_KIND_MISMATCH",
                                   409: "CHECK_STEP_REFUSED"},
        description=(
            "The same runner as `tiktok-sandbox check`: it drives the app registered in the "
            "world (its webhook URL, a shop's authorization) through what TikTok does to it, "
            "observing its calls in the request log and its answers to webhooks, and answers "
            f"when every case has a result. Cases: {_IDS}. It takes seconds (each case owns a "
            "short wall-clock window); it makes fixtures (a product, a buyer, orders in the "
            "app's shop) and moves the clock forward, listed in `created`.")),
}
for _name in OPERATIONS:
    OPERATIONS[_name].tag = CONTROL
