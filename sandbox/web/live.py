"""Live pages of the sandbox: the long poll of the Seller Center or Partner Center user's world."""

from __future__ import annotations

from sandbox.presenter.live import LiveFeed
from sandbox.web.auth import cookie_partner, cookie_seller


def _world() -> str | None:
    user = cookie_seller() or cookie_partner()
    return user.world_id if user is not None else None


feed = LiveFeed(_world)
bp = feed.blueprint("live", __name__)
