"""Live pages of the phone: the long poll of the logged-in account's world (`/phone/live/events`)."""

from __future__ import annotations

from fake_tiktok_app.web.session import current_account
from sandbox.presenter.live import LiveFeed


def _world() -> str | None:
    account = current_account()
    return account.world_id if account is not None else None


feed = LiveFeed(_world)
bp = feed.blueprint("phone_live", __name__, url_prefix="/phone")
