"""The explainers that read more of the world than the log row: expired Shop tokens, bad signs,
the unlink cooldown (F1) and the link eligibility rules (C1–C6); diagnostics/explain.py does the rest."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.diagnostics.explain import Context, Explainer, explain, find_row, move_sentence, move_view, span
from sandbox.kernel.clock import iso, parse_instant
from sandbox.kernel.errors import BadRequest
from sandbox.store.open_api import ShopApp, ShopAuthorization, ShopToken


def _moves_between(ctx: Context, start: Any) -> list[dict[str, Any]]:
    return [move_view(e) for e in ctx.clock_moves() if e.at >= start]


def expired_token(ctx: Context) -> None:
    """105002: the app's newest token that had expired when the request came."""
    row = ctx.row
    token = ctx.session.scalars(select(ShopToken).where(
        ShopToken.world_id == row.world_id, ShopToken.app_key == (row.key or ""),
        ShopToken.issued_at <= row.at).order_by(ShopToken.issued_at.desc()).limit(1)).first()
    if token is None:
        ctx.sentences.append("No access token of this app was found in the world.")
        return
    auth = ctx.session.get(ShopAuthorization, token.authorization_id)
    lifetime = token.access_expires_at - token.issued_at
    if row.at >= token.access_expires_at:
        text = (f"The access token expired at {iso(token.access_expires_at)}: it was issued "
                f"{span(row.at - token.issued_at)} earlier (at {iso(token.issued_at)}, with a "
                f"lifetime of {span(lifetime)})")
    else:
        text = (f"The app's newest token (issued {iso(token.issued_at)}) had not expired, but "
                f"the shop authorization had ended ({auth.status if auth else 'gone'})")
    moves = _moves_between(ctx, token.issued_at)
    if moves:
        text += "; since then " + "; ".join(move_sentence(m) for m in moves)
    ctx.sentences.append(text + ". Refresh it with /api/v2/token/refresh.")
    ctx.state["token"] = {"issued_at": iso(token.issued_at),
                          "access_expires_at": iso(token.access_expires_at),
                          "refresh_expires_at": iso(token.refresh_expires_at),
                          "authorization_status": auth.status if auth else None}


def bad_sign(ctx: Context) -> None:
    """106001: what the sandbox signed, the sign it expected and got, and the likely mistake."""
    app = ctx.session.get(ShopApp, ctx.row.key or "")
    who = f"app {app.name!r} ({app.app_key})" if app and app.world_id == ctx.row.world_id \
        else f"app key {ctx.row.key!r}"
    details = ctx.row.details or {}
    ctx.sentences.append(
        f"The `sign` did not match the one the sandbox computed for {who}: hex HMAC-SHA256, keyed "
        "with the app secret, over app_secret + path + the query parameters sorted by name as "
        "key+value (sign and access_token left out) + the raw body + app_secret.")
    if "string_to_sign" in details:
        ctx.sentences.append(
            f"The sandbox signed {details['string_to_sign']!r} and expected sign "
            f"{details.get('expected_sign')}; the request sent {details.get('given_sign')}.")
    if details.get("likely_mistake"):
        ctx.sentences.append(f"Most likely {details['likely_mistake']}.")
    else:
        ctx.sentences.append("No single mistake explains it: check the secret, that every query "
                             "parameter is signed, and that the body is signed byte for byte "
                             "(`tiktok-sandbox sign` prints the string to sign).")


def unlink_too_soon(ctx: Context) -> None:
    """F1: when the link was made, and when unlinking becomes possible."""
    details = ctx.row.details or {}
    linked = [e for e in ctx.events if e.type == "link.linked"]
    mine = [e for e in linked if e.subject and e.subject in ctx.row.path] or linked[-1:]
    text = []
    if mine:
        text.append(f"The link {mine[-1].subject} was made at {iso(mine[-1].at)}, "
                    f"{span(ctx.row.at - mine[-1].at)} before this request")
        ctx.state["linked_at"] = iso(mine[-1].at)
    try:
        possible = parse_instant(details.get("unlink_possible_at"))
        text.append(f"unlinking is possible from {iso(possible)}, "
                    f"{span(possible - ctx.row.at)} after it: advance the clock by at least that")
    except BadRequest:
        pass
    if text:
        ctx.sentences.append("; ".join(text) + ".")


def eligibility(ctx: Context) -> None:
    """C1–C6: the link attempt the refusal ended, from the world's QR and link events."""
    steps = [e for e in ctx.events if e.type.startswith(("qr.", "link.requested"))][-4:]
    if steps:
        ctx.sentences.append("The link attempt so far: " + "; ".join(
            f"{e.type} at {iso(e.at)}" for e in steps) + ". Seller Center checks every C rule "
            "when the scanned account is to be linked (D3); fix the account or shop (PATCH it "
            "on the control plane) and scan again.")


SPECIFIC: dict[str, Explainer] = {
    "TTS_105002": expired_token, "TTS_106001": bad_sign, "UNLINK_TOO_SOON": unlink_too_soon,
    **{f"@C{n}": eligibility for n in range(1, 7)},
}


def explain_request(session: Session, world_id: str, log_id: str | None) -> dict[str, Any]:
    """The explanation of the world's request `log_id`."""
    return explain(session, world_id, find_row(session, world_id, log_id), SPECIFIC)
