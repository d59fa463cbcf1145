"""`tiktok-sandbox listen --forward-to`: a laptop receives a world's webhooks with no public URL."""

from __future__ import annotations

import subprocess
import sys

from shop_support import REDIRECT, tokens

from sandbox.domain.signing import shop_webhook_signature


def test_listen_forwards_signed_deliveries_and_prints_them(sandbox, world, control_http,
                                                           receiver):
    # The app's registered URL is unreachable (no public address): deliveries there fail.
    app = world.create_client(kind="shop_app", name="Laptop app", redirect_url=REDIRECT,
                              webhook_url="http://127.0.0.1:9/unreachable")
    shop = world.create_shop(name="Acme", market="US")
    tokens(control_http, shop, app)
    shop.seller.deauthorize(app["app_key"])
    assert world.deliveries()[0]["status"] == "waiting"
    done = subprocess.run(
        [sys.executable, "-m", "sandbox.cli", "listen", "--forward-to", receiver.url,
         "--world", world.id, "--url", sandbox.url, "--after", "0", "--max", "1"],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    got = receiver.next()
    assert got.headers["Authorization"] == shop_webhook_signature(
        app["app_key"], app["app_secret"], got.body)
    assert "type=6" in done.stdout and "-> 200" in done.stdout
