"""Seller Center's only door into the fake app: QR get/check, token, user info and the
first-party organization-account faces, over HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from sandbox.kernel.errors import SandboxError

# Seller Center's first-party client: its redirect URI is a fixed name, not a page anyone
# visits (the QR flow never redirects a browser), so it survives port changes between runs.
SELLER_CENTER_REDIRECT = "https://seller.tiktok-sandbox.local/oauth/qr-callback"
PARTNER_CENTER_REDIRECT = "https://partner.tiktok-sandbox.local/oauth/qr-callback"
# Creator authorization (TikTok Shop's /alliance/creator/auth) logs the creator in through the
# app with the first-party client and comes back here, on whatever loopback port serve bound.
CREATOR_CALLBACK_PATH = "/alliance/creator/callback"
CREATOR_CALLBACKS = [f"http://127.0.0.1:*{CREATOR_CALLBACK_PATH}",
                     f"http://localhost:*{CREATOR_CALLBACK_PATH}"]
SELLER_CENTER_SCOPES = "user.info.basic,user.info.profile,user.info.stats,user.info.eligibility"
# The client may also be granted the upgrade consent (H1, sandbox extension scope).
SELLER_CENTER_CLIENT_SCOPES = SELLER_CENTER_SCOPES + ",account.upgrade"
UPGRADE_QR_SCOPES = "user.info.basic,user.info.profile,user.info.eligibility,account.upgrade"
ACCOUNT_STANDING = ",violation_points,health_score,last_serious_violation_at"
USER_FIELDS = ("open_id,union_id,avatar_url,display_name,username,follower_count,is_verified,"
               "is_over_18,birthdate,region,network_region,account_status,account_kind,"
               "ecommerce_permission,ecommerce_revoked_reason,associated_with_revoked,"
               "phone_number,owner_shop_id,upgrade_status,real_name_verified,"
               "enterprise_verified,verified_entity,douyin_verification,id_verified_country,"
               "affiliate_status")
# Partner Center also reads what rule I2 needs.
PARTNER_FIELDS = USER_FIELDS + ",violation_points,last_serious_violation_at,business_entity,creator_network"


class TikTokAppError(SandboxError):
    """The fake app refused or could not be reached."""

    code = "TIKTOK_APP_ERROR"
    status = 502
    relayed = True  # the app's own refusal (SandboxError.relayed)


class TikTokAppClient:
    """One httpx client: a real socket when the apps run apart, WSGI in-process otherwise."""

    def __init__(self, base_url: str, transport: httpx.BaseTransport | None = None) -> None:
        self.http = httpx.Client(base_url=base_url, transport=transport, timeout=10.0)

    def _post(self, path: str, form: dict[str, str]) -> dict[str, Any]:
        try:
            resp = self.http.post(path, data=form)
            body = resp.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise TikTokAppError(f"The TikTok app did not answer {path}: {exc}") from exc
        if "error" in body and isinstance(body["error"], str):
            raise TikTokAppError(f"TikTok app: {body['error']}: {body.get('error_description')}",
                                 details={"error": body["error"]})
        return body

    def get_qrcode(self, client_key: str, scope: str, state: str,
                   display_name: str) -> dict[str, Any]:
        return self._post("/v2/oauth/get_qrcode/", {"client_key": client_key, "scope": scope,
                                                    "state": state,
                                                    "display_name": display_name})

    def check_qrcode(self, client_key: str, client_secret: str, token: str) -> dict[str, Any]:
        return self._post("/v2/oauth/check_qrcode/", {"client_key": client_key,
                                                      "client_secret": client_secret,
                                                      "token": token})

    def exchange_code(self, client_key: str, client_secret: str, code: str,
                      redirect_uri: str = SELLER_CENTER_REDIRECT) -> dict[str, Any]:
        return self._post("/v2/oauth/token/", {
            "client_key": client_key, "client_secret": client_secret, "code": code,
            "grant_type": "authorization_code", "redirect_uri": redirect_uri})

    def account_for_code(self, client_key: str, client_secret: str, code: str,
                         fields: str = USER_FIELDS, redirect_uri: str = SELLER_CENTER_REDIRECT,
                         ) -> tuple[dict[str, Any], dict[str, Any]]:
        """What every journey does with a code the app handed out: exchange it, read the
        account. Returns the token and the user-info fields."""
        token = self.exchange_code(client_key, client_secret, code, redirect_uri)
        return token, self.user_info(token["access_token"], fields)

    def user_info(self, access_token: str, fields: str = USER_FIELDS) -> dict[str, Any]:
        try:
            resp = self.http.get("/v2/user/info/", params={"fields": fields},
                                 headers={"Authorization": f"Bearer {access_token}"})
            body = resp.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise TikTokAppError(f"The TikTok app did not answer user info: {exc}") from exc
        error = body.get("error") or {}
        if error.get("code") != "ok":
            raise TikTokAppError(f"TikTok app user info: {error.get('code')}: "
                                 f"{error.get('message')}", details={"error": error.get("code")})
        return body["data"]["user"]

    # -- sandbox extensions: first-party faces for Seller Center only (/sandbox/v1) -----------
    def account_by_username(self, client: tuple[str, str], username: str) -> dict[str, Any]:
        """C8: the eligibility fields of an invitee before an invitation is sent."""
        return self.first_party(*client, "/accounts/lookup", {
            "username": username, "fields": USER_FIELDS + ACCOUNT_STANDING})["user"]

    def account_by_open_id(self, client: tuple[str, str], open_id: str) -> dict[str, Any]:
        """F4: the creator's standing just before an unlink."""
        return self.first_party(*client, "/accounts/lookup", {
            "open_id": open_id, "fields": USER_FIELDS + ACCOUNT_STANDING})["user"]

    def send_invitation(self, client: tuple[str, str], username: str, state: str,
                        display_name: str, expires_in: int,
                        details: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.first_party(*client, "/invitations", {
            "username": username, "state": state, "display_name": display_name,
            "expires_in": expires_in, **({"details": details} if details else {})})

    def check_invitation(self, client: tuple[str, str], invitation_id: str) -> dict[str, Any]:
        return self.first_party(*client, f"/invitations/{invitation_id}/status")

    def link_notice(self, client: tuple[str, str], **form: Any) -> dict[str, Any]:
        """Tell the app a link exists or ended (link info; B2 name; M3 business upgrade)."""
        return self.first_party(*client, "/link-notices", form)

    def unlink_requests(self, client: tuple[str, str], shop_id: str) -> list[dict[str, Any]]:
        return self.first_party(*client, "/unlink-requests", method="GET",
                                params={"shop_id": shop_id})["unlink_requests"]

    def resolve_unlink_request(self, client: tuple[str, str], request_id: str,
                               decision: str) -> dict[str, Any]:
        return self.first_party(*client, f"/unlink-requests/{request_id}/resolve",
                                {"decision": decision})

    def showcase(self, client: tuple[str, str], open_id: str) -> dict[str, Any]:
        """The creator's showcase (B3, A4) for the Affiliate Creator API."""
        return self.first_party(*client, f"/showcases/{open_id}", method="GET")

    def add_to_showcase(self, client: tuple[str, str], open_id: str,
                        product_ids: list[str]) -> dict[str, Any]:
        """Add products to the creator's showcase; the app's B1/B3/A4 refusals come back."""
        return self.first_party(*client, f"/showcases/{open_id}/products",
                                {"product_ids": product_ids})

    def first_party(self, client_key: str, client_secret: str, path: str,
                    body: dict[str, Any] | None = None, *, method: str = "POST",
                    params: dict[str, str] | None = None) -> dict[str, Any]:
        """Sandbox extension faces under /sandbox/v1 (accounts, invitations, link notices,
        unlink requests, organization accounts, OTP, upgrades), authenticated by HTTP Basic
        with Seller Center's client credentials. The app's refusals come back with their own
        code, rule and status."""
        try:
            resp = self.http.request(method, f"/sandbox/v1{path}", params=params,
                                     json=body or {} if method != "GET" else None,
                                     auth=(client_key, client_secret))
            data = resp.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise TikTokAppError(f"The TikTok app did not answer {path}: {exc}") from exc
        error = data.get("error") if isinstance(data, dict) else None
        if resp.status_code >= 400 or isinstance(error, dict):
            error = error if isinstance(error, dict) else {}
            raise TikTokAppError(error.get("message", "The TikTok app refused."),
                                 code=error.get("code", "TIKTOK_APP_ERROR"),
                                 rule=error.get("rule"),
                                 status=resp.status_code if resp.status_code >= 400 else 502,
                                 details=error.get("details"))
        return data

    def close(self) -> None:
        self.http.close()
