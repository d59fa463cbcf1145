"""A careless TikTok Shop partner app: everything partners' public complaints describe, for
`tiktok-sandbox check` to catch. Do not copy it; see careful_shop_app.py.

- takes every webhook as genuine (no signature check);
- does the work before answering, with a slow write (TikTok stops waiting after 3 s);
- acts on every delivery, duplicates and out-of-order ones included;
- on 105002 (expired token) tries again with the same token, a few times;
- on 36009002 (rate limited) retries at once, re-sending the old sign with a new timestamp;
- ignores SELLER_DEAUTHORIZATION (6) and keeps calling for the shop;
- redeems the auth code again whenever its /callback is opened;
- with Login Kit (/login): sends a fixed state and never checks it, crashes when the user
  cancels, exchanges the code whenever /login/callback is opened, keeps the refresh token it
  got at login (a refresh retires it), and keeps calling with a revoked token.

Run: python examples/careless_shop_app.py --sandbox URL --app-key K --app-secret S --port 9001
[--tiktok TIKTOK_APP_URL --client-key C --client-secret CS]"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from login_kit_partner import LoginKit, display_name
from tts_partner import EXPIRED, RATE_LIMITED, Answer, Page, Partner, Shop, serve

SLOW_WRITE_S = 3.5  # its "ERP write" after each webhook, before it answers
TRIES = 3


class CarelessApp:
    def __init__(self, sandbox_url: str, app_key: str = "", app_secret: str = "",
                 slow: float = SLOW_WRITE_S) -> None:
        self.partner = Partner(sandbox_url, app_key, app_secret)
        self.slow = slow
        self.details: list[dict[str, Any]] = []

    def on_callback(self, code: str) -> str:
        shop = self.partner.connect(code)  # every time the page is opened
        return json.dumps({"shop_id": shop.id})

    def on_webhook(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, str]:
        event = json.loads(body)
        shop = self.partner.shops.get(str(event.get("shop_id")))
        if event["type"] == 1 and shop is not None:
            self.details.append(self.call_order_detail(shop, event["data"]["order_id"]))
        time.sleep(self.slow)  # the slow write, before the answer
        return 200, ""

    def call_order_detail(self, shop: Shop, order_id: str) -> dict[str, Any]:
        path = "/order/202309/orders"
        query = self.partner.signed_query(path, {"ids": order_id, "shop_cipher": shop.cipher})
        for _ in range(TRIES):
            resp = self.partner.http.get(self.partner.base_url + path, params=query,
                                         headers={"x-tts-access-token": shop.access_token})
            answer: dict[str, Any] = resp.json()
            if answer["code"] == EXPIRED:
                continue  # "maybe it works the next time"
            if answer["code"] == RATE_LIMITED:
                # "a fresh timestamp" for the retry, but the sign made for the old one stays
                query = {**query, "timestamp": str(int(query["timestamp"]) + 1)}
                continue
            return answer
        return answer


class CarelessLogin:
    """Log in with TikTok, as the complaints describe: one user at a time, no state check."""

    def __init__(self, kit: LoginKit) -> None:
        self.kit = kit
        self.access_token = self.refresh_token = ""

    def pages(self) -> dict[str, Page]:
        return {"/login": self.start, "/login/callback": self.callback, "/me": self.me}

    def start(self, _query: dict[str, str], _cookies: dict[str, str]) -> Answer:
        return 302, "", {"Location": self.kit.authorize_url("login")}

    def callback(self, query: dict[str, str], _cookies: dict[str, str]) -> Answer:
        tokens = self.kit.exchange(query["code"])  # no code when the user cancelled: a crash
        if "error" in tokens:
            raise RuntimeError(tokens["error"])
        self.access_token, self.refresh_token = tokens["access_token"], tokens["refresh_token"]
        return 302, "", {"Location": "/me"}

    def me(self, _query: dict[str, str], _cookies: dict[str, str]) -> Answer:
        status, body = self.kit.user_info(self.access_token)
        if status == 401:
            fresh = self.kit.refresh(self.refresh_token)  # the refresh token from login, always
            if "error" in fresh:
                raise RuntimeError(fresh["error"])
            self.access_token = fresh["access_token"]
            status, body = self.kit.user_info(self.access_token)
        return 200, f"<p>Hello, {display_name(body)}</p>", {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--app-key", required=True)
    parser.add_argument("--app-secret", required=True)
    parser.add_argument("--authorize-url", default="", help="the app's authorization link")
    parser.add_argument("--port", type=int, default=9001)
    parser.add_argument("--tiktok", default="", help="the sandbox's TikTok app URL (Login Kit)")
    parser.add_argument("--client-key", default="")
    parser.add_argument("--client-secret", default="")
    args = parser.parse_args()
    app = CarelessApp(args.sandbox, args.app_key, args.app_secret)
    app.partner.authorize_url = args.authorize_url
    login = CarelessLogin(LoginKit(args.tiktok, args.client_key, args.client_secret,
                                   f"http://127.0.0.1:{args.port}/login/callback"))
    url, server = serve(app.partner, app.on_webhook, app.on_callback, args.port,
                        login.pages() if args.client_key else None)
    print(f"careless app at {url} (webhook {url}/webhook, redirect {url}/callback)")
    server.serve_forever()


if __name__ == "__main__":
    main()
