"""Webhook types: TikTok Shop's numbers and names, and the ones this sandbox sends (and triggers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sandbox.kernel.errors import BadRequest

# Sandbox extensions: TikTok publishes no account-link events; these numbers are not TikTok's.
ACCOUNT_LINKED = 9001
ACCOUNT_UNLINKED = 9002

# TikTok Shop's event types by webhook `type` number (protocols.md §3.6: the SDK wheel's
# `_meta.WEBHOOKS` and the doc file names), plus the sandbox's two extensions.
EVENT_TYPES: dict[int, str] = {
    1: "ORDER_STATUS_CHANGE", 3: "RECIPIENT_ADDRESS_UPDATE", 4: "PACKAGE_UPDATE",
    5: "PRODUCT_STATUS_CHANGE", 6: "SELLER_DEAUTHORIZATION",
    7: "UPCOMING_AUTHORIZATION_EXPIRATION", 11: "CANCELLATION_STATUS_CHANGE",
    12: "RETURN_STATUS_CHANGE", 13: "NEW_CONVERSATION", 14: "NEW_MESSAGE",
    15: "PRODUCT_INFORMATION_CHANGE", 16: "PRODUCT_CREATION", 17: "SHOPPABLE_CONTENT_POSTING",
    18: "PRODUCT_CATEGORY_CHANGE", 19: "SIZE_CHART_CHANGE", 20: "CREATOR_DEAUTHORIZATION",
    21: "INBOUND_FBT_ORDER_STATUS_CHANGE", 22: "FBT_MERCHANT_ONBOARDING", 23: "GOODS_MATCH",
    24: "FBT_INVENTORY_UPDATE", 25: "OPPORTUNITY_MATCHING_STATUS_CHANGE",
    27: "INVENTORY_STATUS_CHANGE", 33: "NEW_MESSAGE_LISTENER",
    35: "TOKOPEDIA_MIRROR_STATUS_CHANGE", 36: "INVOICE_STATUS_CHANGE",
    37: "PRODUCT_AUDIT_STATUS_CHANGE", 38: "STRIKETHROUGH_PRICE_EXPIRED",
    39: "ACTIVITY_STATUS_CHANGE", 42: "COMBINED_LISTING_CHANGE",
    46: "IMAGE_TRANSLATION_COMPLETED", 50: "SKU_STATUS_CHANGE",
    51: "GLOBAL_REPLICATION_STATUS_CHANGE", 52: "GLOBAL_LISTING_METHOD_CHANGE",
    55: "VIDEO_PRECHECK_RESULT", 56: "SAMPLE_APPLICATION_STATUS_CHANGE",
    59: "SHOPPABLE_VIDEO_PRECHECK_TASKS_RESULT", 62: "PRODUCT_PACKAGE_RECOMMENDED",
    63: "ACTIVITY_CHANGE", 64: "AFTERSALES_REQUEST_STATUS_UPDATE", 65: "RMA_STATUS_UPDATE",
    66: "APPEAL_COMPLETED", 67: "REFUND_SUCCESS", 71: "INVENTORY_CHANGED_BY_SHOP",
    ACCOUNT_LINKED: "SANDBOX_ACCOUNT_LINKED", ACCOUNT_UNLINKED: "SANDBOX_ACCOUNT_UNLINKED",
}
NUMBERS = {name: number for number, name in EVENT_TYPES.items()}
PRODUCT_STATUS_CHANGE = 5
SELLER_DEAUTHORIZATION = 6
UPCOMING_AUTHORIZATION_EXPIRATION = 7
PRODUCT_CREATION = 16
CREATOR_DEAUTHORIZATION = 20
# TikTok for Developers (Login Kit) events the sandbox sends (protocols.md §1.5).
AUTHORIZATION_REMOVED = "authorization.removed"
SHOP, LOGIN_KIT = "shop", "login_kit"


@dataclass(frozen=True)
class WebhookType:
    """One type the sandbox sends: `key` is the Shop `type` number or the Login Kit event."""

    key: int | str
    name: str
    face: str  # SHOP | LOGIN_KIT
    about: str  # what a real one tells, for help texts and the OpenAPI document

    def label(self) -> str:
        return f"{self.key} {self.name}" if self.face == SHOP else self.name


# The one list of types `tiktok-sandbox trigger` and POST …/webhooks/trigger take.
TRIGGERABLE: tuple[WebhookType, ...] = (
    WebhookType(PRODUCT_STATUS_CHANGE, EVENT_TYPES[5], SHOP, "a product's status changed"),
    WebhookType(SELLER_DEAUTHORIZATION, EVENT_TYPES[6], SHOP, "the seller deauthorized the app"),
    WebhookType(UPCOMING_AUTHORIZATION_EXPIRATION, EVENT_TYPES[7], SHOP,
                "the shop's authorization expires within 30 days"),
    WebhookType(PRODUCT_CREATION, EVENT_TYPES[16], SHOP, "a product was created"),
    WebhookType(CREATOR_DEAUTHORIZATION, EVENT_TYPES[20], SHOP,
                "a creator deauthorized the app"),
    WebhookType(ACCOUNT_LINKED, EVENT_TYPES[ACCOUNT_LINKED], SHOP,
                "a TikTok account was linked to the shop (sandbox extension)"),
    WebhookType(ACCOUNT_UNLINKED, EVENT_TYPES[ACCOUNT_UNLINKED], SHOP,
                "a TikTok account's link to the shop ended (sandbox extension)"),
    WebhookType(AUTHORIZATION_REMOVED, AUTHORIZATION_REMOVED, LOGIN_KIT,
                "a user removed the Login Kit app (reason 1)"),
)
# The Shop types this sandbox sends. The app's own webhook URL (set when the app is created,
# like Partner Center's) counts as registered for every type; GET lists it for these.
SANDBOX_SENT: tuple[int, ...] = tuple(int(t.key) for t in TRIGGERABLE if t.face == SHOP)


def spellings() -> list[int | str]:
    """Every way to name a triggerable type: each Shop number, then every name."""
    return [*(t.key for t in TRIGGERABLE if t.face == SHOP), *(t.name for t in TRIGGERABLE)]


def known() -> list[dict[str, Any]]:
    return [{"type": t.key, "name": t.name, "face": t.face, "about": t.about} for t in TRIGGERABLE]


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def resolve(value: Any) -> WebhookType:
    """The type `value` names: a number (16, "16") or a name, any case (PRODUCT_CREATION,
    authorization.removed); anything else is UNKNOWN_WEBHOOK_TYPE, listing the known ones."""
    spelled = value.strip() if isinstance(value, str) else value
    if isinstance(spelled, str) and spelled.isascii() and spelled.isdigit() and len(spelled) < 12:
        spelled = int(spelled)
    for t in TRIGGERABLE:
        if (not isinstance(spelled, bool) and spelled == t.key) or (
                isinstance(spelled, str) and spelled.upper() == t.name.upper()):
            return t
    number: int | None = None
    if isinstance(spelled, int) and not isinstance(spelled, bool):
        number = spelled
    elif isinstance(spelled, str):
        number = NUMBERS.get(spelled.upper())
    labels = ", ".join(t.label() for t in TRIGGERABLE)
    tiktok = EVENT_TYPES.get(number) if number is not None else None
    why = (f"TikTok Shop's type {number} {tiktok} is not one this sandbox sends (nothing in "
           "it makes that event)" if tiktok else
           f"{_shown(value)} is not a webhook type this sandbox sends")
    raise BadRequest(f"{why}; 'type' is one of: {labels}.", code="UNKNOWN_WEBHOOK_TYPE",
                     details={"field": "type", "known": known()})


def for_shop(kind: WebhookType, shop_id: str | None) -> WebhookType:
    """`kind`, if a shop may be named with it: 20 is about a creator, Login Kit's about a user."""
    if shop_id is not None and (kind.face == LOGIN_KIT or kind.key == CREATOR_DEAUTHORIZATION):
        raise BadRequest(f"{kind.name} is not about a shop: leave out 'shop_id'.",
                         code="INVALID_FIELD", details={"field": "shop_id"})
    return kind
