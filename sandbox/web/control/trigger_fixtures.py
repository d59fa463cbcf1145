"""What a webhook trigger makes on the TikTok app's side: a new account, a new linked account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from fake_tiktok_app.services.accounts import fixture_account
from sandbox.domain.markets import profile
from sandbox.store.links import Link
from sandbox.store.shops import Shop
from sandbox.web.control.seeding import seed_link


class AppFixtures:
    """`services.webhook_trigger.Fixtures`, made with the fake app's services (in one session)."""

    def account(self, session: Session, world_id: str, now: datetime,
                region: str) -> tuple[str, str]:
        account = fixture_account(session, world_id, now, region)
        return account.open_id, account.username

    def link(self, session: Session, shop: Shop, now: datetime) -> Link:
        """A new account of the shop's market region (C2), linked as its official account."""
        account = fixture_account(session, shop.world_id, now, profile(shop.market).account_region)
        return seed_link(session, shop.world_id, shop, account, now)
