"""The app's only door into TikTok Shop: placing and following a buyer's orders over HTTP
(sandbox extension first-party faces under /sandbox/v1 of Seller Center's port), as Seller
Center reaches the app through its own client."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.orm import Session

from sandbox.kernel.errors import NotFound, SandboxError
from sandbox.kernel.world_facts import world_settings


class ShopError(SandboxError):
    """TikTok Shop refused (its code, rule and status come back as they were) or is away."""

    code = "TIKTOK_SHOP_ERROR"
    status = 502
    relayed = True


class ShopClient:
    """One httpx client: a real socket when the services run apart, WSGI in-process otherwise.
    Calls are authenticated with the world's Seller Center first-party client credentials,
    which the app issued (it is their OAuth server) and TikTok Shop holds."""

    def __init__(self, base_url: str, transport: httpx.BaseTransport | None = None) -> None:
        self.http = httpx.Client(base_url=base_url, transport=transport, timeout=10.0)

    def call(self, session: Session, world_id: str, method: str, path: str,
             body: dict[str, Any] | None = None,
             params: dict[str, Any] | None = None) -> dict[str, Any]:
        creds = world_settings(session, world_id).get("seller_center_client")
        if not creds:
            raise NotFound("This world has no Seller Center client registered.",
                           code="FIRST_PARTY_CLIENT_MISSING")
        try:
            resp = self.http.request(method, f"/sandbox/v1/worlds/{world_id}{path}",
                                     params=params, json=body if method != "GET" else None,
                                     auth=(creds["client_key"], creds["client_secret"]))
            data = resp.json()
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise ShopError(f"TikTok Shop did not answer {path}: {exc}") from exc
        error = data.get("error") if isinstance(data, dict) else None
        if resp.status_code >= 400 or isinstance(error, dict):
            error = error if isinstance(error, dict) else {}
            raise ShopError(error.get("message", "TikTok Shop refused."),
                            code=error.get("code", "TIKTOK_SHOP_ERROR"), rule=error.get("rule"),
                            status=resp.status_code if resp.status_code >= 400 else 502,
                            details=error.get("details"))
        return data

    def close(self) -> None:
        self.http.close()
