"""App factory of the sandbox (TikTok Shop's side): Seller Center, actor API, control plane."""

from __future__ import annotations

import os
from functools import lru_cache

import httpx
from flask import Flask

from fake_tiktok_app.jobs import register_jobs as register_app_jobs
from sandbox.diagnostics.faults import DIAGNOSTIC_TABLES
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.kernel.tables import KERNEL_TABLES
from sandbox.openapi import served as openapi
from sandbox.openapi.routes import Route, route_table
from sandbox.services import (
    invitations,
    linking,
    order_actions,
    order_lifecycle,
    org_outcomes,
    partner_linking,
    partner_outreach,
    upgrades,
)
from sandbox.services import shop_authorization as authz
from sandbox.services.seller_center import SellerCenter
from sandbox.services.tiktok_app import TikTokAppClient
from sandbox.store.tables import SANDBOX_TABLES
from sandbox.web import (
    boundary,
    first_party_orders,
    live,
    request_world,
    rules_page,
    timeline,
    world_clock,
)
from sandbox.web.control import checks as control_checks
from sandbox.web.control import explain as control_explain
from sandbox.web.control import faults as control_faults
from sandbox.web.control import orders as control_orders
from sandbox.web.control import organization as control_org
from sandbox.web.control import partner_api_access as control_partner_api
from sandbox.web.control import partners as control_partners
from sandbox.web.control import products as control_products
from sandbox.web.control import rules as control_rules
from sandbox.web.control import scenarios as scenario_control
from sandbox.web.control import support as support_control
from sandbox.web.control import webhooks as webhook_control
from sandbox.web.control import worlds as control_plane
from sandbox.web.control.seeding import register_seller_center_client, seed_demo
from sandbox.web.douyin import pages as douyin_pages
from sandbox.web.open_api import affiliate_creator, affiliate_partner, creator_pages
from sandbox.web.open_api import affiliate_orders as open_api_affiliate_orders
from sandbox.web.open_api import api as open_api_web
from sandbox.web.open_api import orders as open_api_orders
from sandbox.web.open_api import products as open_api_products
from sandbox.web.open_api import return_refund as open_api_return_refund
from sandbox.web.open_api import seller_pages as pages
from sandbox.web.partner_center import api as partner_api
from sandbox.web.partner_center import outreach_pages as partner_outreach_pages
from sandbox.web.partner_center import pages as partner_pages
from sandbox.web.seller_api import douyin as douyin_api
from sandbox.web.seller_api import marketing as marketing_api
from sandbox.web.seller_api import official as seller_api
from sandbox.web.seller_api import orders as orders_api
from sandbox.web.seller_api import organization as org_api
from sandbox.web.seller_api import products as products_api
from sandbox.web.seller_center import campaigns as seller_campaigns
from sandbox.web.seller_center import marketing as marketing_pages
from sandbox.web.seller_center import official as seller_center
from sandbox.web.seller_center import orders as orders_pages
from sandbox.web.seller_center import organization as org_pages
from sandbox.web.seller_center import products as products_pages
from sandbox.web.seller_center import seller_app
from sandbox.web_shared.browser_safety import install_browser_safety
from sandbox.web_shared.humane import install_humane
from sandbox.web_shared.request_hooks import install_request_hooks
from sandbox.web_shared.requests import install_db_session, static_dir


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None,
               app_transport: httpx.BaseTransport | None = None) -> Flask:
    """`app_transport` reaches the fake app in-process (httpx.WSGITransport); None means HTTP
    to `settings.app_url`."""
    runtime = runtime or Runtime(settings)
    runtime.store.create_tables(KERNEL_TABLES + DIAGNOSTIC_TABLES + SANDBOX_TABLES)
    app = Flask(__name__, template_folder=os.path.join(os.path.dirname(__file__), "web",
                                                       "templates"),
                static_folder=static_dir(), static_url_path="/static")
    app.config.update(SESSION_COOKIE_NAME="tts_seller_flask")
    app.extensions["sandbox.runtime"] = runtime
    app.extensions["sandbox.seller_center"] = SellerCenter(
        runtime, TikTokAppClient(runtime.settings.app_url, app_transport))
    runtime.on_world_created(register_seller_center_client)
    runtime.register_seed("demo", seed_demo)
    runtime.register_job(invitations.EXPIRE_JOB, invitations.expire_job)
    runtime.register_job(partner_outreach.EXPIRE_JOB, partner_outreach.expire_job)
    org_outcomes.install(runtime, app.extensions["sandbox.seller_center"])
    for machine in (linking.MACHINE, invitations.MACHINE, upgrades.MACHINE,
                    partner_linking.MACHINE):
        runtime.register_job(machine.job_kind, machine.settle_job)
    register_app_jobs(runtime)  # advance fires the app's jobs even when it runs elsewhere
    install_db_session(app, runtime)
    install_request_hooks(app, request_world.RESOLVERS, quiet=(control_faults.QUIET, *timeline.QUIET))
    install_humane(app)
    boundary.install(app)
    install_browser_safety(app, "seller_center", runtime.settings.secret_key)
    runtime.register_job(authz.WARN_JOB, authz.warning_job)
    runtime.register_job(order_lifecycle.CLOCK_JOB, order_lifecycle.clock_job)
    runtime.register_job(order_actions.REQUEST_JOB, order_actions.request_due_job)
    runtime.register_job(authz.EXPIRE_JOB, authz.expire_job)
    for bp in (seller_center.bp, seller_api.bp, control_plane.bp, control_rules.bp, marketing_api.bp,
               support_control.bp, marketing_pages.bp, org_api.bp, control_org.bp, org_pages.bp,
               open_api_web.bp, pages.bp, creator_pages.bp, webhook_control.bp,
               control_partners.bp, partner_api.bp, partner_pages.bp,
               partner_outreach_pages.bp, seller_campaigns.bp, affiliate_partner.bp,
               control_partner_api.bp, douyin_api.bp, douyin_pages.bp, world_clock.bp,
               live.bp, products_api.bp, control_products.bp, control_faults.bp, control_checks.bp,
               products_pages.bp, seller_app.bp, open_api_products.bp, affiliate_creator.bp,
               scenario_control.bp, control_explain.bp, timeline.bp, rules_page.bp,
               control_orders.bp, first_party_orders.bp, orders_api.bp, open_api_orders.bp,
               open_api_return_refund.bp, open_api_affiliate_orders.bp, orders_pages.bp):
        app.register_blueprint(bp)
    openapi.install(app, reference_routes)
    return app


@lru_cache(maxsize=1)
def reference_routes() -> tuple[Route, ...]:
    """Both apps' routes for /openapi.json, read off a pair built once on a throwaway in-memory
    runtime: url maps do not depend on settings, so either port documents both apps."""
    from fake_tiktok_app.app import create_app as create_fake_app

    runtime = Runtime(Settings(db="memory", seed_demo=False))
    try:
        return tuple(route_table(create_app(runtime=runtime), create_fake_app(runtime=runtime)))
    finally:
        runtime.close()  # the url maps outlive it; its throwaway database does not
