"""Every table the fake TikTok app owns, named once for its app factory to create."""

from __future__ import annotations

from typing import Any

from fake_tiktok_app.store.accounts import Account, AppSession
from fake_tiktok_app.store.commerce import CatalogueProduct, LiveSession, ShowcaseItem, Video
from fake_tiktok_app.store.oauth import AuthorizationCode, OAuthClient, QrTicket, Token
from fake_tiktok_app.store.organization import OrgCreation, OrgProfile, Upgrade
from fake_tiktok_app.store.shop_links import (
    Invitation,
    PartnerBadge,
    PartnerRefusal,
    ShopLinkInfo,
    UnlinkRequest,
)

APP_TABLES: list[Any] = [
    Account, AppSession, OAuthClient, QrTicket, AuthorizationCode, Token,
    Invitation, ShopLinkInfo, UnlinkRequest, OrgCreation, OrgProfile, Upgrade, PartnerBadge,
    PartnerRefusal, CatalogueProduct, ShowcaseItem, Video, LiveSession]
