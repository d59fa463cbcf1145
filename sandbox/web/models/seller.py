"""Request bodies of the seller actor API (/api/v1): what a seller types into Seller Center."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from sandbox.web_shared.requests import RequestModel

NonEmpty = Field(min_length=1)


def _must_be_true(schema: dict[str, Any]) -> None:
    """Documented as `const: true`; the service refuses anything else with its rule's code."""
    schema.pop("default", None)
    schema["const"] = True


Agreement = Field(None, description="must be true: the seller read and agreed to the terms",
                  json_schema_extra=_must_be_true)


class SellerLogin(RequestModel):
    """POST /api/v1/seller/login."""

    world: str = NonEmpty
    email: str = NonEmpty
    password: str = NonEmpty


class OfficialLinkStart(RequestModel):
    """POST /api/v1/links/official (D1); anything but true is AGREEMENT_REQUIRED."""

    agreed: Any = Agreement
    username: str | None = Field(None, max_length=64, description=(
        "the Seller app's entry (D5): the TikTok account to link, as typed in the Seller app"))


class UpgradeStart(RequestModel):
    """POST /api/v1/upgrades (H1); anything but true is UPGRADE_TERMS_REQUIRED."""

    agreed: Any = Agreement


class InvitationRequest(RequestModel):
    """POST /api/v1/invitations (E1)."""

    field_codes: ClassVar[dict[str, str]] = {"username": "MISSING_FIELD"}
    username: str = Field(description="the TikTok username to invite as a marketing account")


class TicketRequest(RequestModel):
    """POST /api/v1/tickets: about a link in progress (C7) or an ineligible invitee (C8)."""

    link_id: str | None = Field(None, description="a link in progress (C7)")
    username: str | None = Field(None, description="an ineligible invitee (C8)")


class ShopRename(RequestModel):
    """PATCH /api/v1/shop (B2)."""

    name: str = Field(description="1 to 200 characters; the official account is renamed too")


class OrganizationAccountRequest(RequestModel):
    """POST /api/v1/organization-accounts (G1)."""

    username: str | None = None


class SmsCode(RequestModel):
    """POST /api/v1/organization-accounts/{open_id}/one-time-password (G4)."""

    sms_code: str = NonEmpty


class DouyinAuthorizeAccount(RequestModel):
    """POST /api/v1/douyin/authorized-accounts: authorize an account for promotion (J1)."""

    username: str = Field(min_length=1, max_length=64)


class DouyinProductListing(RequestModel):
    """POST /api/v1/douyin/products: list a product (refused after the J7 deadline)."""

    title: str = Field(min_length=1, max_length=200)
    price: str | None = Field(None, max_length=20, description=(
        "in CNY, e.g. \"19.99\"; default 1.00 (the listing is a catalogue product)"))
