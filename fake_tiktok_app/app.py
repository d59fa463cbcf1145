"""App factory of the fake TikTok app."""

from __future__ import annotations

import os

from flask import Flask

from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.kernel.web import install_db_session, install_json_errors, static_dir

from .oauth.server import build_oauth
from .services import qr
from .web import actor_api, landing, login_kit, phone, tiktok_api


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> Flask:
    runtime = runtime or Runtime(settings)
    app = Flask(__name__, template_folder=os.path.join(os.path.dirname(__file__), "web",
                                                       "templates"),
                static_folder=static_dir(), static_url_path="/static")
    app.config.update(SECRET_KEY=runtime.settings.secret_key, SESSION_COOKIE_NAME="tts_app_flask")
    app.extensions["sandbox.runtime"] = runtime
    install_db_session(app, runtime)
    install_json_errors(app, ("/app/api/", "/v2/", "/oauth/"))
    server, protector = build_oauth(app, runtime)
    app.extensions["sandbox.oauth_server"] = server
    app.extensions["sandbox.resource_protector"] = protector
    runtime.register_job(qr.EXPIRE_JOB, qr.expire_job)
    for bp in (landing.bp, tiktok_api.bp, phone.bp, actor_api.bp, login_kit.bp):
        app.register_blueprint(bp)
    return app
