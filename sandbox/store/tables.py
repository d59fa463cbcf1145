"""Every table Seller Center and the Open API own, named once for the app factory to create."""

from __future__ import annotations

from typing import Any

from sandbox.store.douyin import DouyinAuthorization, DouyinShopState
from sandbox.store.links import Invitation, Link, LinkRequest
from sandbox.store.open_api import ShopApp, ShopAuthCode, ShopAuthorization, ShopToken
from sandbox.store.orders import Order, OrderLine, OrderRequest
from sandbox.store.organization import OrgAccount, PhoneGuard, SmsMessage, UpgradeRequest
from sandbox.store.partner_api import PartnerApiCampaign, PartnerApiGrant
from sandbox.store.partners import (
    Partner,
    PartnerCampaign,
    PartnerInvitation,
    PartnerLink,
    PartnerLinkRequest,
    PartnerSession,
)
from sandbox.store.products import Product
from sandbox.store.shops import Seller, SellerSession, Shop
from sandbox.store.tickets import SupportTicket

SANDBOX_TABLES: list[Any] = [
    Shop, Seller, SellerSession, LinkRequest, Link, Invitation, SupportTicket,
    OrgAccount, SmsMessage, PhoneGuard, UpgradeRequest,
    ShopApp, ShopAuthCode, ShopAuthorization, ShopToken,
    DouyinShopState, DouyinAuthorization,
    Partner, PartnerSession, PartnerLinkRequest, PartnerLink, PartnerInvitation, PartnerCampaign,
    PartnerApiGrant, PartnerApiCampaign, Product, Order, OrderLine, OrderRequest]
