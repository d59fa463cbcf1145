"""App factory of the sandbox (TikTok Shop's side): Seller Center, actor API, control plane."""

from __future__ import annotations

import os

import httpx
from flask import Flask

from fake_tiktok_app.jobs import register_jobs as register_app_jobs
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.kernel.web import install_db_session, install_json_errors, static_dir

from .open_api import authz, creator_pages, pages
from .open_api import web as open_api_web
from .services import invitations
from .services.linking import SellerCenter
from .services.worlds_setup import register_seller_center_client, seed_demo
from .tiktok import TikTokAppClient
from .web import (
    control_org,
    control_plane,
    marketing_api,
    marketing_pages,
    openapi,
    org_api,
    org_pages,
    seller_api,
    seller_center,
    support_control,
    webhook_control,
)


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None,
               app_transport: httpx.BaseTransport | None = None) -> Flask:
    """`app_transport` reaches the fake app in-process (httpx.WSGITransport); None means HTTP
    to `settings.app_url`."""
    runtime = runtime or Runtime(settings)
    app = Flask(__name__, template_folder=os.path.join(os.path.dirname(__file__), "web",
                                                       "templates"),
                static_folder=static_dir(), static_url_path="/static")
    app.config.update(SECRET_KEY=runtime.settings.secret_key,
                      SESSION_COOKIE_NAME="tts_seller_flask")
    app.extensions["sandbox.runtime"] = runtime
    app.extensions["sandbox.seller_center"] = SellerCenter(
        runtime, TikTokAppClient(runtime.settings.app_url, app_transport))
    runtime.on_world_created(register_seller_center_client)
    runtime.register_seed("demo", seed_demo)
    runtime.register_job(invitations.EXPIRE_JOB, invitations.expire_job)
    register_app_jobs(runtime)  # advance fires the app's jobs even when it runs elsewhere
    install_db_session(app, runtime)
    install_json_errors(app, ("/api/", "/_sandbox/"))
    runtime.register_job(authz.WARN_JOB, authz.warning_job)
    runtime.register_job(authz.EXPIRE_JOB, authz.expire_job)
    for bp in (seller_center.bp, seller_api.bp, control_plane.bp, openapi.bp, marketing_api.bp,
               support_control.bp, marketing_pages.bp, org_api.bp, control_org.bp, org_pages.bp,
               open_api_web.bp, pages.bp, creator_pages.bp, webhook_control.bp):
        app.register_blueprint(bp)
    return app
