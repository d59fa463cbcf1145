"""`/alliance/creator/auth?app_key=&state=`: a creator logs in through TikTok and authorizes an app."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, g, redirect, render_template, request, session

from sandbox.kernel.errors import BadRequest, NotFound
from sandbox.kernel.fields import text_field
from sandbox.kernel.world_config import settings_for
from sandbox.services import creator_authorization as creators
from sandbox.services.partner_apps import SCOPES, find_app
from sandbox.services.seller_center import credentials
from sandbox.services.tiktok_app import CREATOR_CALLBACK_PATH
from sandbox.web.auth import seller_center
from sandbox.web.open_api.seller_pages import _with_params

bp = Blueprint("creator_pages", __name__)
CREATOR = "tts_creator"


def _callback_url() -> str:
    return request.host_url.rstrip("/") + CREATOR_CALLBACK_PATH


@bp.route("/alliance/creator/auth", methods=["GET", "POST"])
def authorize() -> Any:
    app = find_app(g.db, text_field(request.args, "app_key"))
    if app is None:
        raise NotFound("Unknown app_key: no app is registered with it.", code="SHOP_APP_NOT_FOUND")
    creator = session.get(CREATOR)
    if not creator or creator.get("world") != app.world_id:
        # Log the creator in through TikTok (the sandbox's first-party Login Kit client).
        client_key, _secret = credentials(g.db, app.world_id)
        state = secrets.token_urlsafe(16)
        session["creator_login"] = {"state": state, "next": request.full_path,
                                    "world": app.world_id}
        query = {"client_key": client_key, "response_type": "code", "state": state,
                 "scope": "user.info.basic,user.info.profile", "redirect_uri": _callback_url()}
        return redirect(f"{g.runtime.settings.app_url}/v2/auth/authorize/?{urlencode(query)}")
    state = text_field(request.args, "state", "")
    action = text_field(request.form, "action") if request.method == "POST" else None
    now = g.runtime.now(g.db, app.world_id)
    if action == "deny":
        # TikTok's denial: a literal code=null beside the error.
        return redirect(_with_params(app.redirect_url, {"code": "null", "error": "auth_denied",
                                                        "state": state}))
    if action == "authorize":
        code = creators.authorize(g.db, app, creator["open_id"], creator["name"], now,
                                  settings_for(g.db, app.world_id))
        g.db.commit()
        return redirect(_with_params(app.redirect_url, {"code": code.code, "state": state}))
    if action == "deauthorize":
        creators.deauthorize(g.db, app, creator["open_id"], now)
        g.db.commit()
        return render_template("open/creator.html", app=app, done=True)
    authorized = creators.active_creator_authorization(g.db, app.app_key, creator["open_id"])
    return render_template("open/creator.html", app=app, creator=creator, done=False,
                           authorized=authorized is not None,
                           scopes=[(s, SCOPES.get(s, s)) for s in app.scopes])


@bp.get(CREATOR_CALLBACK_PATH)
def callback() -> Any:
    """TikTok sent the creator back with a code: read who it is, then resume the auth page."""
    pending = session.pop("creator_login", None)
    if not pending or text_field(request.args, "state") != pending["state"] or not text_field(request.args,
            "code"):
        raise BadRequest("The TikTok login did not complete; open the authorization link again.",
                         code="CREATOR_LOGIN_FAILED")
    sc = seller_center()
    client_key, secret = credentials(g.db, pending["world"])
    token = sc.tiktok.exchange_code(client_key, secret, text_field(request.args, "code", ""), _callback_url())
    user = sc.tiktok.user_info(token["access_token"], "open_id,display_name,username")
    session[CREATOR] = {"open_id": user["open_id"], "name": user["display_name"],
                        "username": user["username"], "world": pending["world"]}
    return redirect(pending["next"])

