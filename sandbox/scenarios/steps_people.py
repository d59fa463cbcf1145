"""Scenario actions of people: the seller, the creator's phone, the partner; one client call each."""

from __future__ import annotations

from typing import Any

from sandbox.client.base import Polled

from .context import RunContext
from .format import ScenarioError

Args = dict[str, Any]


def _polled(ctx: RunContext, a: Args, kind: str) -> Polled:
    record = ctx.ref(a, kind if kind in a else "of", "polled")
    if not isinstance(record, Polled):
        raise ScenarioError(f"{type(record).__name__} is not something a seller watches")
    return record


# -- the seller in Seller Center ---------------------------------------------------------------
def start_official_link(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.start_official_link(agreed=bool(a.get("agreed", True)))


def refresh(ctx: RunContext, a: Args) -> Any:
    return ctx.ref(a, "of", "polled").refresh()


def wait(ctx: RunContext, a: Args) -> Any:
    until = a.get("until") or []
    until = [until] if isinstance(until, str) else list(until)
    return ctx.ref(a, "of", "polled").wait_until(*until, timeout=float(a.get("timeout", 10)))


def confirm(ctx: RunContext, a: Args) -> Any:
    return _polled(ctx, a, "link").confirm()


def cancel(ctx: RunContext, a: Args) -> Any:
    return ctx.ref(a, "of", "polled").cancel()


def invite(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.invite(ctx.username(a))


def _link_id(ctx: RunContext, a: Args) -> str:
    if "link" in a:
        found = ctx.ref(a, "link")
        link_id = getattr(found, "link_id", None) or (found.get("id") if isinstance(found, dict)
                                                      else None)
        if not link_id:
            raise ScenarioError(f"{a['link']!r} has no link id (not linked yet?)")
        return str(link_id)
    open_id = ctx.account(a).open_id
    for link in ctx.shop(a).links():
        if link["open_id"] == open_id:
            return str(link["id"])
    raise ScenarioError(f"the shop has no link with account {a.get('account')!r}")


def unlink(ctx: RunContext, a: Args) -> Any:
    """F1–F6: the seller unlinks `link:` (a saved result) or the link of `account:`."""
    return ctx.shop(a).seller.unlink(_link_id(ctx, a))


def _unlink_request(ctx: RunContext, a: Args) -> str:
    pending = [r for r in ctx.shop(a).seller.unlink_requests() if r.get("status") == "pending"]
    if not pending:
        raise ScenarioError("the shop has no pending unlink request")
    return str(pending[0]["id"])


def approve_unlink_request(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.approve_unlink_request(_unlink_request(ctx, a))


def decline_unlink_request(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.decline_unlink_request(_unlink_request(ctx, a))


def open_ticket(ctx: RunContext, a: Args) -> Any:
    if "link" in a:
        return ctx.shop(a).seller.open_ticket(link_id=ctx.ref(a, "link").link_id)
    return ctx.shop(a).seller.open_ticket(username=ctx.username(a))


def rename_shop(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.rename_shop(str(a["to"]))


def create_organization_account(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.create_organization_account(a.get("username"))


def _org_open_id(ctx: RunContext, a: Args) -> str | None:
    if "org" not in a:
        return None
    return ctx.ref(a, "org").refresh().open_id


def send_sms_code(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.send_sms_code(_org_open_id(ctx, a))


def one_time_password(ctx: RunContext, a: Args) -> Any:
    """G4: enter the SMS code (default: the latest SMS to the shop's phone)."""
    shop = ctx.shop(a)
    code = a.get("sms_code")
    if code is None:
        messages = ctx.world.sms(phone=shop.phone)
        if not messages:
            raise ScenarioError(f"no SMS reached {shop.phone!r} yet (send_sms_code first)")
        code = messages[-1]["code"]
    return shop.seller.one_time_password(str(code), _org_open_id(ctx, a))


def link_existing(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.link_existing(str(_org_open_id(ctx, a)))


def start_upgrade(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.start_upgrade(agreed=bool(a.get("agreed", True)))


def upgrade_now(ctx: RunContext, a: Args) -> Any:
    return _polled(ctx, a, "upgrade").upgrade_now()


def my_shop(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.my_shop()


def douyin(verb: str) -> Any:
    """Douyin Shop actions of the seller (J1, J5–J7)."""

    def act(ctx: RunContext, a: Args) -> Any:
        seller = ctx.shop(a).seller
        if verb == "authorize_account":
            return seller.authorize_account(ctx.username(a))
        if verb == "list_product":
            return seller.list_product(str(a.get("title", "Product")))
        return getattr(seller, verb)()

    return act


# -- the creator's phone ------------------------------------------------------------------------
def login(ctx: RunContext, a: Args) -> Any:
    return ctx.account(a).app.login(a.get("password")).me()


def login_with_otp(ctx: RunContext, a: Args) -> Any:
    """G4: `otp: <saved one_time_password>`, or `otp: totp` for the account's current TOTP."""
    account = ctx.account(a)
    otp = a.get("otp")
    password = (account.totp()["current_otp"] if otp == "totp"
                else str(a["password"]) if "password" in a else ctx.ref(a, "otp", "otp"))
    return account.app.login_with_otp(password).me()


def login_with_phone(ctx: RunContext, a: Args) -> Any:
    return ctx.account(a).app.login_with_phone(str(a["phone"])).me()


def scan(ctx: RunContext, a: Args) -> Any:
    return ctx.account(a).app.scan(ctx.ref(a, "qr", "qr").qr_url)


def authorize(ctx: RunContext, a: Args) -> Any:
    return ctx.ref(a, "scan", "scan").authorize()


def deny(ctx: RunContext, a: Args) -> Any:
    return ctx.ref(a, "scan", "scan").deny()


def _inbox_item(ctx: RunContext, a: Args) -> Any:
    """The first inbox invitation with `status:` (default pending), from shop `from:` if given."""
    shop = ctx.shops[a["from"]].name if a.get("from") in ctx.shops else a.get("from")
    wanted = str(a.get("status", "pending"))
    for item in ctx.account(a).app.inbox():
        if item.status == wanted and shop in (None, item.from_shop):
            return item
    raise ScenarioError(f"no {wanted} invitation in the account's inbox")


def accept_invitation(ctx: RunContext, a: Args) -> Any:
    return _inbox_item(ctx, a).accept()


def decline_invitation(ctx: RunContext, a: Args) -> Any:
    return _inbox_item(ctx, a).decline()


def phone(verb: str) -> Any:
    """A phone action with no arguments (me, inbox, link_info, request_unlink, …)."""

    def act(ctx: RunContext, a: Args) -> Any:
        return getattr(ctx.account(a).app, verb)()

    return act


# -- the partner in Partner Center --------------------------------------------------------------
def start_tiktok_link(ctx: RunContext, a: Args) -> Any:
    return ctx.partner(a).center.start_tiktok_link()


def invite_creator(ctx: RunContext, a: Args) -> Any:
    return ctx.partner(a).center.invite_creator(
        ctx.username(a), attach_profile=bool(a.get("attach_profile", False)),
        kind=str(a.get("kind", "binding")), message=str(a.get("message", "")))


def create_campaign(ctx: RunContext, a: Args) -> Any:
    fields = {k: v for k, v in a.items() if k not in ("partner", "title", "attach_profile")}
    return ctx.partner(a).center.create_campaign(str(a.get("title", "Campaign")),
                                                 attach_profile=bool(a.get("attach_profile")),
                                                 **fields)
