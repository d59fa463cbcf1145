"""The registry of readiness cases: their IDs (part of the contract), what TikTok requires,
where it says so, and which kind of app each applies to."""

from __future__ import annotations

from dataclasses import dataclass

SHOP_APP, LOGIN_KIT = "shop_app", "login_kit"
WEBHOOKS_DOC = ("https://partner.tiktokshop.com/docv2/page/"
                "tts-webhooks-overview")
AUTH_DOC = "https://partner.tiktokshop.com/docv2/page/authorization-overview-202407"
SIGN_DOC = "https://partner.tiktokshop.com/docv2/page/sign-your-api-request"
ERRORS_DOC = "https://partner.tiktokshop.com/docv2/page/common-errors"
LOGIN_DOC = "https://developers.tiktok.com/doc/oauth-user-access-token-management"
LOGIN_WEB_DOC = "https://developers.tiktok.com/doc/login-kit-web"


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    requires: str  # what TikTok's docs require of the app
    doc: str
    applies_to: str  # SHOP_APP or LOGIN_KIT


CASES: tuple[Case, ...] = (
    Case("webhook.signature_verified", "A webhook with a wrong signature is refused",
         "Verify the Authorization header (hex HMAC-SHA256 of app_key + body with the app "
         "secret) and refuse a webhook whose signature does not match; acknowledge a correct "
         "one with 200.", WEBHOOKS_DOC, SHOP_APP),
    Case("webhook.duplicate_idempotent", "The same notification twice is handled once",
         "Webhooks are delivered at least once: deduplicate on tts_notification_id.",
         WEBHOOKS_DOC, SHOP_APP),
    Case("webhook.out_of_order", "An older status after a newer one does not move the app back",
         "Webhooks may arrive out of order: compare update_time before acting on a status.",
         WEBHOOKS_DOC, SHOP_APP),
    Case("webhook.fast_ack", "Webhooks are answered within TikTok's timeout",
         "Answer 200 with an empty body within 3 seconds (process afterwards); slower answers "
         "count as failed and are retried at +2 min, +30 min, +3 h, +12 h.", WEBHOOKS_DOC,
         SHOP_APP),
    Case("shop.token_refresh", "An expired access token is refreshed, and the call retried",
         "Access tokens expire (access_token_expire_in, 7 days); on 105002 Expired credentials "
         "call /api/v2/token/refresh with the refresh token and retry with the new token.",
         AUTH_DOC, SHOP_APP),
    Case("shop.deauthorization", "After SELLER_DEAUTHORIZATION (6) the app stops calling",
         "When a seller deauthorizes the app (webhook 6) stop calling the API for that shop and "
         "drop its tokens until it authorizes again.", AUTH_DOC, SHOP_APP),
    Case("shop.auth_code_single_use", "A used auth code is not redeemed again",
         "The auth code is valid 30 minutes and for one use: redeem it once at "
         "/api/v2/token/get.", AUTH_DOC, SHOP_APP),
    Case("api.signature", "Every Open API call is correctly signed",
         "Sign every call: HMAC-SHA256 over path + sorted parameters (sign and access_token "
         "left out) + body, wrapped in the app secret.", SIGN_DOC, SHOP_APP),
    Case("api.rate_limited", "After a rate-limit answer the app backs off",
         "On 36009002 Too many requests (HTTP 429) wait before retrying; do not retry at once.",
         ERRORS_DOC, SHOP_APP),
    Case("login_kit.state_verified", "A callback with a forged state is not followed",
         "Check that the state returned to the redirect URI is the one the app sent; refuse "
         "the callback otherwise (CSRF).", LOGIN_WEB_DOC, LOGIN_KIT),
    Case("login_kit.code_single_use", "A used code is not retried",
         "An authorization code is valid once; do not redeem it twice.", LOGIN_WEB_DOC,
         LOGIN_KIT),
    Case("login_kit.refresh_rotation", "After a refresh the new refresh token is used",
         "A refresh may return a new refresh token; the previous one stops working.",
         LOGIN_DOC, LOGIN_KIT),
    Case("login_kit.revoked_token", "After the user revokes access the app asks again",
         "When access is revoked stop calling with the old token and ask the user to "
         "authorize again.", LOGIN_DOC, LOGIN_KIT),
    Case("login_kit.denied_consent", "The app survives access_denied",
         "A user may cancel at the consent page: the redirect carries error=access_denied.",
         LOGIN_WEB_DOC, LOGIN_KIT),
)

BY_ID = {case.id: case for case in CASES}


def case_ids() -> list[str]:
    return [case.id for case in CASES]


def unknown_ids(ids: list[str]) -> list[str]:
    return [i for i in ids if i not in BY_ID]
