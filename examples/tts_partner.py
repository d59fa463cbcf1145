"""What both sample partner apps share: TikTok Shop's request signing, its token endpoints, the
two calls they make (Get Authorized Shops, Get Order Detail) and a tiny threaded web server.

Plain stdlib + httpx, no sandbox import: this is what a partner's own code looks like, pointed
at the sandbox's base URL instead of TikTok's (open-api.tiktokglobalshop.com and
auth.tiktok-shops.com are both the sandbox's URL here)."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx

EXPIRED, RATE_LIMITED = 105002, 36009002


def sign(secret: str, path: str, params: dict[str, str], body: bytes = b"") -> str:
    """HMAC-SHA256 over path + sorted key+value (sign, access_token left out) + body, wrapped
    in the app secret (sign-your-api-request)."""
    base = path + "".join(f"{k}{params[k]}" for k in sorted(params)
                          if k not in ("sign", "access_token"))
    wrapped = (secret + base).encode() + body + secret.encode()
    return hmac.new(secret.encode(), wrapped, hashlib.sha256).hexdigest()


def webhook_signature(app_key: str, secret: str, body: bytes) -> str:
    """What TikTok Shop puts in a webhook's Authorization header."""
    return hmac.new(secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()


@dataclass
class Shop:
    id: str
    cipher: str
    access_token: str
    refresh_token: str
    deauthorized: bool = False


@dataclass
class Partner:
    """One app's credentials and shops, and its calls to TikTok Shop (the sandbox)."""

    base_url: str
    app_key: str = ""
    app_secret: str = ""
    authorize_url: str = ""  # the app's TikTok Shop authorization link (Partner Center)
    shops: dict[str, Shop] = field(default_factory=dict)
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=10))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def tokens(self, path: str, **query: str) -> dict[str, Any]:
        query = {"app_key": self.app_key, "app_secret": self.app_secret, **query}
        body = self.http.get(self.base_url + path, params=query).json()
        if body["code"] != 0:
            raise RuntimeError(f"{path}: {body['code']} {body['message']}")
        return dict(body["data"])

    def signed_query(self, path: str, query: dict[str, str]) -> dict[str, str]:
        q = {"app_key": self.app_key, "timestamp": str(int(time.time())), **query}
        q["sign"] = sign(self.app_secret, path, q)
        return q

    def get(self, path: str, token: str, query: dict[str, str]) -> dict[str, Any]:
        resp = self.http.get(self.base_url + path, params=self.signed_query(path, query),
                             headers={"x-tts-access-token": token})
        return dict(resp.json())

    def connect(self, auth_code: str) -> Shop:
        """The redirect came back with a code: exchange it once, find the shop and its cipher."""
        data = self.tokens("/api/v2/token/get", auth_code=auth_code, grant_type="authorized_code")
        listed = self.get("/authorization/202309/shops", data["access_token"], {})
        found = listed["data"]["shops"][0]
        shop = Shop(found["id"], found["cipher"], data["access_token"], data["refresh_token"])
        with self.lock:
            self.shops[shop.id] = shop
        return shop

    def refresh(self, shop: Shop) -> None:
        data = self.tokens("/api/v2/token/refresh", refresh_token=shop.refresh_token,
                           grant_type="refresh_token")
        shop.access_token, shop.refresh_token = data["access_token"], data["refresh_token"]

    def order_detail(self, shop: Shop, order_id: str) -> dict[str, Any]:
        return self.get("/order/202309/orders", shop.access_token,
                        {"ids": order_id, "shop_cipher": shop.cipher})


Handler = Callable[[str, dict[str, str], bytes], tuple[int, str]]
Callback = Callable[[str], str]
Answer = tuple[int, str, dict[str, str]]  # status, body, headers
Page = Callable[[dict[str, str], dict[str, str]], Answer]  # (query, cookies) → answer


def serve(partner: Partner, on_webhook: Handler, on_callback: Callback, port: int = 0,
          pages: dict[str, Page] | None = None) -> tuple[str, ThreadingHTTPServer]:
    """POST /webhook → `on_webhook(path, headers, body)`; GET /start sends the seller to the
    authorization page; GET /callback?code= → `on_callback(code)` connects the shop; any other
    GET path in `pages` → its page (Login Kit's). Returns the base URL and the server (serving
    in a daemon thread)."""

    class Web(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, text = on_webhook(self.path, dict(self.headers), body)
            self._answer(status, text)

        def do_GET(self) -> None:  # noqa: N802
            url = urlparse(self.path)
            if url.path in (pages or {}):
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                jar = SimpleCookie(self.headers.get("Cookie") or "")
                try:
                    return self._answer(*(pages or {})[url.path](
                        query, {k: m.value for k, m in jar.items()}))
                except Exception as exc:  # a careless page's crash: what a framework shows
                    return self._answer(500, f"Internal Server Error: {exc!r}")
            if url.path == "/start":
                return self._answer(302, "", {"Location": f"{partner.authorize_url}&state=start"})
            code = parse_qs(url.query).get("code", [""])[0]
            if url.path != "/callback" or not code:
                return self._answer(404, "not found")
            try:
                self._answer(200, on_callback(code))
            except Exception as exc:  # e.g. the token endpoint refused the code
                self._answer(500, str(exc))

        def _answer(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
            data = text.encode()
            try:
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender stopped waiting (a slow answer): nobody to tell

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Web)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
