"""Request bodies of the app: the app user's actor API (/app/api/v1, what a person types on the
phone) and the first-party faces Seller Center calls (/sandbox/v1, sandbox extension)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sandbox.web_shared.requests import MAX_STORED_INT, RequestModel

NonEmpty = Field(min_length=1)


class _InWorld(RequestModel):
    world: str = NonEmpty


class AppLogin(_InWorld):
    """POST /app/api/v1/login."""

    username: str = NonEmpty
    password: str = NonEmpty


class OtpLogin(_InWorld):
    """POST /app/api/v1/login/otp (G4)."""

    username: str = NonEmpty
    one_time_password: str = NonEmpty
    surface: str | None = Field(None, description="app or live_manager")


class PhoneLogin(_InWorld):
    """POST /app/api/v1/login/phone."""

    phone: str = NonEmpty
    password: str = NonEmpty


class EmailLogin(_InWorld):
    """POST /app/api/v1/login/email."""

    email: str = NonEmpty
    password: str = NonEmpty


class Scan(RequestModel):
    """POST /app/api/v1/scan (D2): the QR code's URL, or its token."""

    url: str | None = Field(None, description="the QR code's content")
    token: str | None = None
    client_ticket: str | None = None


class AccountLookup(RequestModel):
    """POST /sandbox/v1/accounts/lookup: an account's fields by username (else open_id)."""

    username: str = ""
    open_id: str = ""
    fields: str | None = Field(None, description="comma-separated user-info fields")


class InvitationDelivery(RequestModel):
    """POST /sandbox/v1/invitations (E1)."""

    username: str = NonEmpty
    state: str = ""
    display_name: str = ""
    expires_in: int = Field(gt=0, le=MAX_STORED_INT,
                            description="seconds until the invitation expires")
    details: dict[str, str | None] = Field(default_factory=dict, description=(
        "Partner Center (I4): kind, partner_name, partner_kind, handle, message"))


class DouyinVerification(RequestModel):
    """POST /sandbox/v1/douyin/verifications: start blue V verification (J4 case 4) or an
    entity-change confirmation (case 3), completing after `delay_seconds` of world time."""

    open_id: str = NonEmpty
    kind: Literal["blue_v", "entity_change"]
    entity: str = Field(min_length=1, max_length=200)
    delay_seconds: int = Field(ge=0, le=MAX_STORED_INT)


class PartnerNotice(RequestModel):
    """POST /sandbox/v1/partner-notices: the account is linked to a Partner Center partner (I3),
    or no longer (`partner_id` null)."""

    open_id: str = NonEmpty
    partner_id: str | None = None
    partner_name: str = ""
    partner_kind: str = ""
    refusal: dict[str, str | None] | None = Field(None, description=(
        "Partner Center refused to link the account: code, rule, message (shown on the phone)"))


class LinkNotice(RequestModel):
    """POST /sandbox/v1/link-notices: a link exists (info, B2 nickname, M3 upgrade) or ended."""

    open_id: str = NonEmpty
    linked: bool = True
    link_id: str | None = None
    shop_id: str = ""
    shop_name: str = ""
    role: str = ""
    nickname: str | None = None
    business_upgrade: bool = False
    unlink_request_id: str | None = None


class OrgAccountCreation(RequestModel):
    """POST /sandbox/v1/organization-accounts (G1-G3): Seller Center's request for its shop."""

    shop_id: str = NonEmpty
    nickname: str = NonEmpty
    username: str | None = Field(None, description="2-24 letters, digits, '.' or '_'")
    region: str = NonEmpty
    avatar_url: str | None = None
    phone: str | None = None
    shop_status: str = NonEmpty
    delay_seconds: int = Field(ge=0, le=MAX_STORED_INT, description="G3: the world's delay")
    name_limit: int = Field(ge=0, le=MAX_STORED_INT, description="G2: names must be shorter")


class ShopOwner(RequestModel):
    """POST /sandbox/v1/accounts/{open_id}/one-time-password (G4): the asking shop."""

    shop_id: str = ""


class UpgradeTrialStart(RequestModel):
    """POST /sandbox/v1/upgrades (H1): the consenting account's token and the shop."""

    access_token: str = Field("", description="a token with scope account.upgrade")
    shop_id: str = ""


class UnlinkDecision(RequestModel):
    """POST /sandbox/v1/unlink-requests/{request_id}/resolve (F5)."""

    decision: str = Field(description="approved or declined")


# -- commerce: catalogue mirror, showcase, affiliate creators, videos and LIVE (A4 B1 B3 B6) --
class CatalogueItem(RequestModel):
    """One product of a shop's catalogue as Seller Center pushes it."""

    product_id: str = Field(min_length=1, max_length=24)
    title: str = Field(max_length=255)
    price: str = Field(max_length=20)
    currency: str = Field(min_length=3, max_length=3)
    status: str = Field(max_length=24)
    affiliate_open: bool = False
    commission_rate: int = Field(0, ge=0, le=10000)


class CataloguePush(RequestModel):
    """PUT /sandbox/v1/shops/{shop_id}/catalogue: the shop's whole catalogue (first-party)."""

    shop_name: str = Field(max_length=200)
    products: list[CatalogueItem] = Field(max_length=2000)


class ShowcaseAdd(RequestModel):
    """POST /app/api/v1/me/showcase and /sandbox/v1/showcases/{open_id}/products."""

    product_ids: list[str] = Field(min_length=1, max_length=50)


class IdentityDocument(RequestModel):
    """POST /app/api/v1/me/identity (A4, M2): a personal ID document of the account's market."""

    document_type: str = Field(min_length=1, max_length=24,
                               description="passport, green_card, drivers_license, state_id "
                                           "(US); passport, driving_licence, national_id, "
                                           "residence_permit (GB)")
    country: str = Field(min_length=2, max_length=2, description="issuing country, e.g. US")


class VideoPost(RequestModel):
    """POST /app/api/v1/me/videos: a video; shoppable with products (B6)."""

    title: str = Field("", max_length=150)
    description: str = Field("", max_length=2200)
    duration: int = Field(15, ge=1, le=600)
    product_ids: list[str] = Field(default_factory=list, max_length=20)


class LiveStart(RequestModel):
    """POST /app/api/v1/me/live: go LIVE with products pinned (B6)."""

    title: str = Field("", max_length=150)
    product_ids: list[str] = Field(default_factory=list, max_length=50)
