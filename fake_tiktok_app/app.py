"""App factory of the fake TikTok app."""

from __future__ import annotations

import os

import httpx
from flask import Flask

from fake_tiktok_app.jobs import register_jobs
from fake_tiktok_app.oauth.server import build_oauth
from fake_tiktok_app.services.shop_client import ShopClient
from fake_tiktok_app.store.tables import APP_TABLES
from fake_tiktok_app.web import (
    actor_api,
    boundary,
    commerce_api,
    first_party,
    first_party_commerce,
    first_party_links,
    i18n,
    inbox_api,
    landing,
    live_manager,
    login_kit,
    orders_api,
    org_app_api,
    phone,
    phone_affiliate,
    phone_checkout,
    phone_douyin,
    phone_live,
    phone_orders,
    phone_partner,
    phone_selling,
    phone_shop,
    request_world,
    tiktok_api,
    world_clock,
)
from sandbox.diagnostics.faults import DIAGNOSTIC_TABLES
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.kernel.tables import KERNEL_TABLES
from sandbox.web_shared.browser_safety import install_browser_safety
from sandbox.web_shared.humane import install_humane
from sandbox.web_shared.request_hooks import install_request_hooks
from sandbox.web_shared.requests import install_db_session, static_dir


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> Flask:
    runtime = runtime or Runtime(settings)
    runtime.store.create_tables(KERNEL_TABLES + DIAGNOSTIC_TABLES + APP_TABLES)
    app = Flask(__name__, template_folder=os.path.join(os.path.dirname(__file__), "web",
                                                       "templates"),
                static_folder=static_dir(), static_url_path="/static")
    app.config.update(SESSION_COOKIE_NAME="tts_app_flask")
    app.extensions["sandbox.runtime"] = runtime
    install_db_session(app, runtime)
    install_request_hooks(app, request_world.RESOLVERS)  # fault rules and the request log
    install_humane(app)
    i18n.install(app)  # the 抖音 phone in Chinese
    boundary.install(app)
    install_browser_safety(app, "tiktok_app", runtime.settings.secret_key)
    server, protector = build_oauth(app, runtime)
    app.extensions["sandbox.oauth_server"] = server
    app.extensions["sandbox.resource_protector"] = protector
    register_jobs(runtime)
    # TikTok Shop over HTTP; `serve` swaps in an in-process transport when it runs both.
    app.extensions["sandbox.shop_client"] = ShopClient(runtime.settings.seller_url)
    for bp in (landing.bp, tiktok_api.bp, phone.bp, actor_api.bp, first_party_links.bp,
               inbox_api.bp, phone_shop.bp, first_party.bp, org_app_api.bp, live_manager.bp,
               login_kit.bp, phone_partner.bp, phone_douyin.bp, world_clock.bp,
               phone_live.bp, commerce_api.bp, first_party_commerce.bp, phone_selling.bp,
               phone_affiliate.bp, orders_api.bp, phone_checkout.bp,
               phone_orders.bp):
        app.register_blueprint(bp)
    return app


def reach_shop_through(app: Flask, transport: httpx.BaseTransport) -> None:
    """Reach TikTok Shop in-process (httpx.WSGITransport) when `serve` runs both apps."""
    runtime = app.extensions["sandbox.runtime"]
    app.extensions["sandbox.shop_client"] = ShopClient(runtime.settings.seller_url, transport)
