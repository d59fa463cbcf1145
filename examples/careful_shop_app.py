"""A careful TikTok Shop partner app: what "ready" means for `tiktok-sandbox check`.

- verifies every webhook's signature and refuses a wrong one with 401;
- answers 200 at once and does the work on a worker thread (TikTok waits 3 s at most);
- handles each tts_notification_id once (webhooks come at least once);
- ignores an order status older than the one it already has (webhooks come out of order);
- on 105002 (expired token) refreshes the token once and retries the call;
- on 36009002 (rate limited) waits before retrying, longer each time;
- after SELLER_DEAUTHORIZATION (6) makes no call for that shop until it authorizes again;
- redeems each auth code once (its /callback may be opened twice);
- with Login Kit ("Log in with TikTok" at /login): checks the state it sent came back, survives
  a user who cancels, exchanges each code once, keeps the newest refresh token (each refresh
  returns a new one), and after a refused refresh (access removed) forgets the tokens and sends
  the user to log in again.

Run: python examples/careful_shop_app.py --sandbox URL --app-key K --app-secret S --port 9000
[--tiktok TIKTOK_APP_URL --client-key C --client-secret CS]
(register http://127.0.0.1:9000/webhook and /callback as its webhook and redirect URLs, and
/login/callback as its Login Kit redirect URI; /start is its --start-url, /login its
--login-url)."""

from __future__ import annotations

import argparse
import hmac
import json
import queue
import secrets
import threading
import time
from typing import Any

from login_kit_partner import LoginKit, display_name
from tts_partner import (
    EXPIRED,
    RATE_LIMITED,
    Answer,
    Page,
    Partner,
    serve,
    webhook_signature,
)

# Order statuses in the order an order goes through them (CANCEL ends it from anywhere).
STATUS_ORDER = ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING",
                "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCEL"]
BACKOFF_S = 1.5  # first wait after a rate limit; doubled on each further one
TRIES = 3


class CarefulApp:
    def __init__(self, sandbox_url: str, app_key: str = "", app_secret: str = "") -> None:
        self.partner = Partner(sandbox_url, app_key, app_secret)
        self.seen: set[str] = set()  # tts_notification_ids handled
        self.orders: dict[str, tuple[int, int]] = {}  # order id → (status rank, update_time)
        self.details: list[dict[str, Any]] = []  # what Get Order Detail returned
        self.used_codes: set[str] = set()  # auth codes are single use
        self.work: queue.Queue[dict[str, Any]] = queue.Queue()
        self.lock = threading.Lock()
        threading.Thread(target=self._worker, daemon=True).start()

    def on_callback(self, code: str) -> str:
        """The seller came back with an auth code: redeem it once (a reload, a replayed
        redirect brings the same code again)."""
        with self.lock:
            if code in self.used_codes:
                return "already connected"
            self.used_codes.add(code)
        shop = self.partner.connect(code)
        return json.dumps({"shop_id": shop.id})

    def on_webhook(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, str]:
        if path != "/webhook":
            return 404, ""
        given = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
        wanted = webhook_signature(self.partner.app_key, self.partner.app_secret, body)
        if not hmac.compare_digest(given, wanted):
            return 401, ""
        event = json.loads(body)
        with self.lock:
            if event["tts_notification_id"] in self.seen:
                return 200, ""  # a duplicate: already handled
            self.seen.add(event["tts_notification_id"])
        self.work.put(event)
        return 200, ""  # acknowledged at once; the worker does the rest

    def _worker(self) -> None:
        while True:
            event = self.work.get()
            try:
                self.handle(event)
            except Exception as exc:  # one bad event must not stop the worker
                print(f"careful app: {exc}")

    def handle(self, event: dict[str, Any]) -> None:
        shop = self.partner.shops.get(str(event.get("shop_id")))
        if shop is None or shop.deauthorized:
            return
        if event["type"] == 6:  # SELLER_DEAUTHORIZATION: forget the tokens, call no more
            shop.deauthorized = True
            shop.access_token = shop.refresh_token = ""
            return
        if event["type"] != 1:
            return
        data = event["data"]
        status = data["order_status"]
        now = (STATUS_ORDER.index(status) if status in STATUS_ORDER else -1,
               int(data.get("update_time") or 0))
        known = self.orders.get(data["order_id"])
        if known is not None and now <= known:
            return  # older than (or the same as) what we have: out of order
        self.orders[data["order_id"]] = now
        self.details.append(self.call_order_detail(shop, data["order_id"]))

    def call_order_detail(self, shop: Any, order_id: str) -> dict[str, Any]:
        wait, refreshed = BACKOFF_S, False
        for _ in range(TRIES):
            answer = self.partner.order_detail(shop, order_id)
            if answer["code"] == EXPIRED and not refreshed:
                self.partner.refresh(shop)
                refreshed = True
                continue
            if answer["code"] == RATE_LIMITED:
                time.sleep(wait)  # back off before the retry
                wait *= 2
                continue
            return answer
        return answer


class CarefulLogin:
    """Log in with TikTok: a session cookie per browser, its state, its tokens."""

    def __init__(self, kit: LoginKit) -> None:
        self.kit = kit
        self.states: dict[str, str] = {}  # session → the state its authorization link sent
        self.tokens: dict[str, dict[str, Any]] = {}  # session → the newest tokens
        self.used_codes: set[str] = set()
        self.lock = threading.Lock()

    def pages(self) -> dict[str, Page]:
        return {"/login": self.start, "/login/callback": self.callback, "/me": self.me}

    def start(self, _query: dict[str, str], cookies: dict[str, str]) -> Answer:
        session = cookies.get("sid") or secrets.token_urlsafe(16)
        state = secrets.token_urlsafe(16)
        self.states[session] = state
        return 302, "", {"Location": self.kit.authorize_url(state),
                         "Set-Cookie": f"sid={session}; HttpOnly; Path=/; SameSite=Lax"}

    def callback(self, query: dict[str, str], cookies: dict[str, str]) -> Answer:
        session = cookies.get("sid", "")
        sent = self.states.get(session)
        if sent is None or not hmac.compare_digest(query.get("state", ""), sent):
            return 400, "This login did not start here (state mismatch).", {}
        if query.get("error"):  # e.g. access_denied: the user cancelled
            return 200, '<p>You cancelled. <a href="/login">Log in with TikTok</a></p>', {}
        code = query.get("code", "")
        with self.lock:
            if code in self.used_codes:  # a reload of the redirect: already logged in
                return 302, "", {"Location": "/me"}
            self.used_codes.add(code)
        tokens = self.kit.exchange(code)
        if "error" in tokens:
            return 400, f"TikTok refused the login: {tokens['error']}", {}
        self.tokens[session] = tokens
        return 302, "", {"Location": "/me"}

    def me(self, _query: dict[str, str], cookies: dict[str, str]) -> Answer:
        session = cookies.get("sid", "")
        tokens = self.tokens.get(session)
        if tokens is None:
            return 302, "", {"Location": "/login"}
        status, body = self.kit.user_info(tokens["access_token"])
        if status == 401:  # expired or revoked: refresh once, with the newest refresh token
            tokens = self.kit.refresh(tokens["refresh_token"])
            if "error" in tokens:  # access removed: forget it, ask the user again
                self.tokens.pop(session, None)
                return 302, "", {"Location": "/login"}
            self.tokens[session] = tokens
            status, body = self.kit.user_info(tokens["access_token"])
        if status != 200:
            return 502, "TikTok did not answer; try again later.", {}
        return 200, f"<p>Hello, {display_name(body)}</p>", {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--app-key", required=True)
    parser.add_argument("--app-secret", required=True)
    parser.add_argument("--authorize-url", default="", help="the app's authorization link")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--tiktok", default="", help="the sandbox's TikTok app URL (Login Kit)")
    parser.add_argument("--client-key", default="")
    parser.add_argument("--client-secret", default="")
    args = parser.parse_args()
    app = CarefulApp(args.sandbox, args.app_key, args.app_secret)
    app.partner.authorize_url = args.authorize_url
    login = CarefulLogin(LoginKit(args.tiktok, args.client_key, args.client_secret,
                                  f"http://127.0.0.1:{args.port}/login/callback"))
    url, server = serve(app.partner, app.on_webhook, app.on_callback, args.port,
                        login.pages() if args.client_key else None)
    print(f"careful app at {url} (webhook {url}/webhook, redirect {url}/callback)")
    server.serve_forever()


if __name__ == "__main__":
    main()
