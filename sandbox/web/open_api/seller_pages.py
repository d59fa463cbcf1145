"""The seller's side of Open API authorization: the authorize page and deauthorizing apps."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, g, jsonify, make_response, redirect, render_template, request, url_for

from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.kernel.world_config import settings_for
from sandbox.services import shop_authorization as authz
from sandbox.services import shops
from sandbox.services.partner_apps import SCOPES, app_by_service
from sandbox.store.shops import Shop
from sandbox.web.auth import BROWSER, SELLER_COOKIE, WORLD_COOKIE, api_seller, cookie_seller

bp = Blueprint("open_pages", __name__)


def _with_params(url: str, params: dict[str, str]) -> str:
    return url + ("&" if "?" in url else "?") + urlencode(params)


@bp.route("/open/authorize", methods=["GET", "POST"])
def authorize() -> Any:
    """`?service_id=&state=`: log in, see the app and its scopes, authorize or deny."""
    app = app_by_service(g.db, text_field(request.args, "service_id"))
    if app is None:
        return render_template("open/authorize.html", app={"name": "an unknown app"},
                               seller=None, shop=None,
                               error="Unknown service_id: no app is registered with it."), 404
    state = text_field(request.args, "state", "")
    seller = cookie_seller()
    if seller is not None and seller.world_id != app.world_id:
        seller = None
    action = text_field(request.form, "action") if request.method == "POST" else None
    now = g.runtime.now(g.db, app.world_id)
    if action == "login":
        try:
            session = shops.log_in(g.db, app.world_id, text_field(request.form, "email", ""),
                                   text_field(request.form, "password", ""), now, BROWSER)
            g.db.commit()
        except SandboxError as exc:
            g.db.rollback()
            return render_template("open/authorize.html", app=app, seller=None,
                                   error=exc.message, shop=None), 401
        resp = make_response(redirect(request.full_path, code=303))
        resp.set_cookie(SELLER_COOKIE, session.token, httponly=True, samesite="Lax")
        resp.set_cookie(WORLD_COOKIE, app.world_id, samesite="Lax")
        return resp
    if seller is None:
        return render_template("open/authorize.html", app=app, seller=None, error=None, shop=None)
    if action == "deny":
        # TikTok's denial: a literal code=null beside the error.
        return redirect(_with_params(app.redirect_url, {"code": "null", "error": "auth_denied",
                                                        "state": state}))
    if action == "authorize":
        code = authz.authorize(g.db, app, seller, now, settings_for(g.db, app.world_id))
        g.db.commit()
        return redirect(_with_params(app.redirect_url, {"code": code.code, "state": state}))
    shop = g.db.get(Shop, seller.shop_id)
    return render_template("open/authorize.html", app=app, seller=seller, shop=shop,
                           scopes=[(s, SCOPES.get(s, s)) for s in app.scopes])


@bp.get("/seller/apps")
def apps_page() -> Any:
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login", next=request.path))
    shop = g.db.get(Shop, seller.shop_id)
    return render_template("open/apps.html", shop=shop,
                           apps=authz.authorizations_of_shop(g.db, seller.world_id, shop.id))


@bp.post("/seller/apps/<app_key>/deauthorize")
def deauthorize_page(app_key: str) -> Any:
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login", next="/seller/apps"))
    now = g.runtime.now(g.db, seller.world_id)
    authz.deauthorize(g.db, seller.world_id, seller.shop_id, app_key, now)
    g.db.commit()
    return redirect(url_for("open_pages.apps_page"), code=303)


@bp.get("/api/v1/authorized_apps")
def list_apps() -> Any:
    """Actor API: the apps authorized for the seller's shop."""
    seller = api_seller()
    return jsonify({"apps": authz.authorizations_of_shop(g.db, seller.world_id,
                                                         seller.shop_id)})


@bp.post("/api/v1/authorized_apps/<app_key>/deauthorize")
def deauthorize(app_key: str) -> Any:
    """Actor API: Seller Center → remove the app (webhook type 6 follows)."""
    seller = api_seller()
    now = g.runtime.now(g.db, seller.world_id)
    authz.deauthorize(g.db, seller.world_id, seller.shop_id, app_key, now)
    g.db.commit()
    return jsonify({"app_key": app_key, "status": "deauthorized"})

