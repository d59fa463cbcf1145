"""Seller Center's only door into the fake app: QR get/check, token and user info over HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from sandbox.kernel.errors import SandboxError

# Seller Center's first-party client: its redirect URI is a fixed name, not a page anyone
# visits (the QR flow never redirects a browser), so it survives port changes between runs.
SELLER_CENTER_REDIRECT = "https://seller.tiktok-sandbox.local/oauth/qr-callback"
# Creator authorization (TikTok Shop's /alliance/creator/auth) logs the creator in through the
# app with the first-party client and comes back here, on whatever loopback port serve bound.
CREATOR_CALLBACK_PATH = "/alliance/creator/callback"
CREATOR_CALLBACKS = [f"http://127.0.0.1:*{CREATOR_CALLBACK_PATH}",
                     f"http://localhost:*{CREATOR_CALLBACK_PATH}"]
SELLER_CENTER_SCOPES = "user.info.basic,user.info.profile,user.info.stats,user.info.eligibility"
USER_FIELDS = ("open_id,union_id,avatar_url,display_name,username,follower_count,is_verified,"
               "is_over_18,region,network_region,account_status,account_kind,"
               "ecommerce_permission,ecommerce_revoked_reason,associated_with_revoked,"
               "phone_number")


class TikTokAppError(SandboxError):
    """The fake app refused or could not be reached."""

    code = "TIKTOK_APP_ERROR"
    status = 502


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

    def close(self) -> None:
        self.http.close()
