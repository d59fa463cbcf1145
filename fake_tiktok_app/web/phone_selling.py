"""Phone pages for selling: the profile's Shop tab (B1) or Showcase (B3, A4) and its pickers,
videos (shoppable or not) and LIVE (B6)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from fake_tiktok_app.services import accounts, catalogue, content
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.web.phone import attempt, follower_minimum, need_login
from fake_tiktok_app.web.phone_live import feed as live
from fake_tiktok_app.web.session import chosen_world_id, current_account
from sandbox.kernel.fields import text_field

bp = Blueprint("phone_selling", __name__, url_prefix="/phone")

# What a profile's live refresh listens to: catalogue pushes, its showcase, videos and LIVEs,
# links (the tab depends on the role) and affiliate approval.
PROFILE_EVENTS = ("app.catalogue_synced,app.showcase_,app.video_,app.live_,app.shop_link_,"
                  "link.,account.")
SOURCES = {"shop": "Add from shop", "marketplace": "Add from marketplace"}


def selling_view(account: Account) -> dict[str, Any]:
    """The profile's selling tabs: the shop page (with what an official account added by hand,
    B1) or the showcase, videos and the LIVE."""
    seller = catalogue.seller_of(g.db, account)
    official = seller.role == "official"
    live_now = content.current_live(g.db, account)
    showcase = catalogue.showcase(g.db, account)
    return {"kind": "shop_page" if official else "showcase", "role": seller.role,
            "affiliate": seller.affiliate, "has_shop": seller.shop_id is not None,
            "products": catalogue.shop_page(g.db, account) if official else showcase,
            "showcase": showcase if official else [],
            "videos": content.videos_of(g.db, account), "live": live_now}


@bp.app_context_processor
def _selling() -> dict[str, Any]:
    return {"selling_view": selling_view, "profile_events": PROFILE_EVENTS}


def _account_orneed_login() -> Account | None:
    account = current_account()
    if account is not None:
        live.live_after()  # the page's event cursor, read before what it shows
    return account


@bp.get("/showcase/add")
def showcase_picker() -> Any:
    """"Add from shop" (own shop's products, B1, B3) or "Add from marketplace" (A4)."""
    account = _account_orneed_login()
    if account is None:
        return need_login()
    source = text_field(request.args, "source", "shop")
    if source not in SOURCES:
        abort(404)
    products = (catalogue.own_shop_products(g.db, account) if source == "shop"
                else catalogue.marketplace(g.db, account.world_id))
    added = {p.product_id for p in catalogue.showcase(g.db, account)}
    return render_template("phone/showcase_add.html", account=account, source=source,
                           title=SOURCES[source], products=products, added=added,
                           profile_events=PROFILE_EVENTS)


@bp.post("/showcase/add")
def showcase_add() -> Any:
    account = current_account()
    if account is None:
        return need_login()
    source = text_field(request.form, "source")
    source = source if source in SOURCES else "shop"
    return attempt(
        lambda: catalogue.add_to_showcase(g.db, account, text_field(request.form, "product_id", ""),
                                          g.runtime.now(g.db, account.world_id)),
        lambda product: _("Added %(title)s to your showcase.", title=product.title), url_for("phone.home"),
        url_for("phone_selling.showcase_picker", source=source))


@bp.post("/showcase/<product_id>/remove")
def showcase_remove(product_id: str) -> Any:
    account = current_account()
    if account is None:
        return need_login()
    return attempt(lambda: catalogue.remove_from_showcase(
        g.db, account, product_id, g.runtime.now(g.db, account.world_id)),
        "Removed from your showcase.", url_for("phone.home"))


def _product_ids() -> list[str]:
    return [p for p in request.form.getlist("product_id") if p]


@bp.get("/live")
def live_page() -> Any:
    """Go LIVE with products the account may promote, or the LIVE under way and End LIVE."""
    account = _account_orneed_login()
    if account is None:
        return need_login()
    return render_template("phone/live.html", account=account,
                           live=content.current_live(g.db, account),
                           products=catalogue.promotable(g.db, account),
                           titles=catalogue.product_titles(g.db, account.world_id))


@bp.post("/live")
def go_live() -> Any:
    account = current_account()
    if account is None:
        return need_login()
    return attempt(lambda: content.start_live(
        g.db, account, (text_field(request.form, "title") or "").strip()[:150], _product_ids(),
        follower_minimum(account.world_id), g.runtime.now(g.db, account.world_id)),
        "You are LIVE.", url_for("phone_selling.live_page"))


@bp.post("/live/end")
def end_live() -> Any:
    account = current_account()
    if account is None:
        return need_login()
    return attempt(lambda: content.end_live(g.db, account, g.runtime.now(g.db, account.world_id)),
                   "LIVE ended.", url_for("phone_selling.live_page"))


@bp.route("/videos/new", methods=["GET", "POST"])
def post_video() -> Any:
    """Post a video; with products ticked it is shoppable (B6 decides who may)."""
    account = _account_orneed_login()
    if account is None:
        return need_login()
    if request.method == "POST":
        try:
            duration = int(text_field(request.form, "duration") or 15)
            if not 1 <= duration <= 600:
                raise ValueError
        except ValueError:
            flash({"message": _("Duration is a whole number of seconds from 1 to 600."),
                   "code": "INVALID_FIELD", "rule": None}, "refusal")
            return redirect(url_for("phone_selling.post_video"), code=303)
        return attempt(lambda: content.post_video(
            g.db, account, (text_field(request.form, "title") or "").strip()[:150],
            (text_field(request.form, "description") or "").strip()[:2200], duration, _product_ids(),
            follower_minimum(account.world_id), g.runtime.now(g.db, account.world_id)),
            "Video posted.", url_for("phone.home"), url_for("phone_selling.post_video"))
    return render_template("phone/video_new.html", account=account,
                           products=catalogue.promotable(g.db, account))


@bp.get("/@<username>/video/<video_id>")
def video_page(username: str, video_id: str) -> Any:
    """A video's share page (what /v2/video/list/'s share_url and embed_link open)."""
    viewer = current_account()
    world_id = viewer.world_id if viewer is not None else chosen_world_id()
    person = accounts.find_by_username(g.db, world_id, username) if world_id else None
    video = content.video_of(g.db, person, video_id) if person is not None else None
    if video is None:
        abort(404)
    return render_template("phone/video.html", account=viewer, person=person, video=video,
                           titles=catalogue.product_titles(g.db, person.world_id))
