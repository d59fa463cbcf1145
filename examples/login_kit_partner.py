"""What both sample apps share for Login Kit for Web ("Log in with TikTok"): the authorization
link, the code and refresh exchanges at /v2/oauth/token/, and Get User Info (/v2/user/info/).

Plain httpx, no sandbox import: www.tiktok.com and open.tiktokapis.com are both the sandbox's
TikTok app URL here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

SCOPE = "user.info.basic"


@dataclass
class LoginKit:
    tiktok_url: str  # the sandbox's TikTok app (www.tiktok.com, open.tiktokapis.com)
    client_key: str = ""
    client_secret: str = ""
    redirect_uri: str = ""  # the app's /login/callback, registered with the client
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=10))

    def authorize_url(self, state: str) -> str:
        return f"{self.tiktok_url}/v2/auth/authorize/?" + urlencode({
            "client_key": self.client_key, "scope": SCOPE, "response_type": "code",
            "redirect_uri": self.redirect_uri, "state": state})

    def _token(self, **form: str) -> dict[str, Any]:
        """The token endpoint's JSON: tokens, or `error` (it answers 200 either way)."""
        resp = self.http.post(f"{self.tiktok_url}/v2/oauth/token/", data={
            "client_key": self.client_key, "client_secret": self.client_secret, **form})
        return dict(resp.json())

    def exchange(self, code: str) -> dict[str, Any]:
        return self._token(code=code, grant_type="authorization_code",
                           redirect_uri=self.redirect_uri)

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        return self._token(refresh_token=refresh_token, grant_type="refresh_token")

    def user_info(self, access_token: str) -> tuple[int, dict[str, Any]]:
        """(HTTP status, body): 401 access_token_invalid once the token expired or was revoked."""
        resp = self.http.get(f"{self.tiktok_url}/v2/user/info/",
                             params={"fields": "open_id,display_name"},
                             headers={"Authorization": f"Bearer {access_token}"})
        return resp.status_code, dict(resp.json())


def display_name(body: dict[str, Any]) -> str:
    return str(body.get("data", {}).get("user", {}).get("display_name") or "TikTok user")
