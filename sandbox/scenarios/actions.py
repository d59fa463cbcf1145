"""The table of scenario actions: `do:` name → (client call, kind its result is remembered as)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import steps_apps as ops
from . import steps_orders as orders
from . import steps_people as people

Action = tuple[Callable[..., Any], str | None]

ACTIONS: dict[str, Action] = {
    # the seller (Seller Center)
    "start_official_link": (people.start_official_link, "qr"),
    "refresh": (people.refresh, None), "wait": (people.wait, None),
    "confirm": (people.confirm, None), "cancel": (people.cancel, None),
    "invite": (people.invite, "invitation"), "unlink": (people.unlink, None),
    "approve_unlink_request": (people.approve_unlink_request, None),
    "decline_unlink_request": (people.decline_unlink_request, None),
    "open_ticket": (people.open_ticket, "ticket"), "rename_shop": (people.rename_shop, None),
    "create_organization_account": (people.create_organization_account, "org"),
    "send_sms_code": (people.send_sms_code, None),
    "one_time_password": (people.one_time_password, "otp"),
    "link_existing": (people.link_existing, None),
    "start_upgrade": (people.start_upgrade, "upgrade"), "upgrade_now": (people.upgrade_now, None),
    "my_shop": (people.my_shop, None),
    "douyin_status": (people.douyin("douyin_status"), None),
    "rebind": (people.douyin("rebind"), "qr"),
    "upgrade_official_account": (people.douyin("upgrade_official_account"), None),
    "authorize_account": (people.douyin("authorize_account"), None),
    "list_product": (people.douyin("list_product"), None),
    # the creator's phone (fake TikTok app)
    "login": (people.login, None), "login_with_otp": (people.login_with_otp, None),
    "login_with_phone": (people.login_with_phone, None),
    "scan": (people.scan, "scan"), "authorize": (people.authorize, None),
    "deny": (people.deny, None),
    "accept_invitation": (people.accept_invitation, None),
    "decline_invitation": (people.decline_invitation, None),
    **{verb: (people.phone(verb), None) for verb in (
        "me", "inbox", "link_info", "request_unlink", "withdraw_earnings", "authorized_apps")},
    "phone_organization": (people.phone("organization"), None),
    # the partner (Partner Center)
    "start_tiktok_link": (people.start_tiktok_link, "qr"),
    "invite_creator": (people.invite_creator, "partner_invitation"),
    "create_campaign": (people.create_campaign, None),
    # partner apps: TikTok Shop Open API and Login Kit
    "shop_authorize": (ops.shop_authorize, "shop_code"), "token_get": (ops.token_get, "shop_tokens"),
    "token_refresh": (ops.token_refresh, "shop_tokens"), "open_api": (ops.open_api, None),
    "deauthorize": (ops.deauthorize, None),
    "login_kit_authorize": (ops.login_kit_authorize, "login_kit_code"),
    "login_kit_token": (ops.login_kit_token, "login_kit_tokens"),
    "login_kit_refresh": (ops.login_kit_refresh, "login_kit_tokens"),
    "user_info": (ops.user_info, None),
    # selling (S1-S4): products, showcases, buying, the order's moves
    "create_product": (orders.create_product, "product"),
    "add_to_showcase": (orders.add_to_showcase, None), "buy": (orders.buy, "order"),
    "order": (orders.order_step("refresh"), None), "earnings": (orders.earnings, None),
    **{verb: (orders.order_step(verb), None) for verb in orders.ORDER_VERBS},
    # the operator (control plane)
    "advance": (ops.advance, None), "set_clock": (ops.set_clock, None),
    "update_account": (ops.update_account, None), "update_shop": (ops.update_shop, None),
    "set_totp": (ops.set_totp, None), "set_earnings": (ops.set_earnings, None),
    "resolve_ticket": (ops.resolve_ticket, None), "operator_unlink": (ops.operator_unlink, None),
    "partner_unlink": (ops.partner_unlink, None), "adopt_account": (ops.adopt_account, None),
    **{verb: (ops.world_call(verb), None) for verb in (
        "links", "sms", "hold_webhooks", "release_webhooks", "drop_next_webhooks")},
}
KNOWN = frozenset(ACTIONS)
