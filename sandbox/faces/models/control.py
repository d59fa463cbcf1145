"""Request bodies of the control plane (DESIGN §6): worlds, clock, shops, clients, support."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from sandbox.kernel.web import RequestModel


class WorldCreate(RequestModel):
    """POST /worlds: a new world, optionally seeded and frozen."""

    field_codes: ClassVar[dict[str, str]] = {
        "id": "INVALID_WORLD_ID", "name": "INVALID_WORLD_NAME", "seed": "UNKNOWN_SEED",
        "now": "INVALID_INSTANT"}
    name: str | None = Field(None, description="letters, digits, spaces, '-', '_'")
    id: str | None = Field(None, description="choose the world's id: a-z, 0-9, '-', '_'")
    seed: str | None = Field(None, description="a registered seed, e.g. demo")
    frozen: bool | None = Field(None, description="start frozen at the wall clock")
    now: str | None = Field(None, description="start frozen at this ISO-8601 instant",
                            json_schema_extra={"format": "date-time"})


class ClockMove(RequestModel):
    """POST /worlds/{world_id}/clock: advance, set or freeze the world's clock."""

    field_codes: ClassVar[dict[str, str]] = {"advance": "INVALID_DURATION",
                                             "set": "INVALID_INSTANT"}
    advance: int | float | str | None = Field(
        None, description="seconds, or an ISO-8601 duration such as PT24H or P15D")
    set: str | None = Field(None, description="an ISO-8601 instant, forward only",
                            json_schema_extra={"format": "date-time"})
    freeze: bool | None = None


class OrganizationAccountOptions(RequestModel):
    """`organization_account: {username}` on shop creation (G1)."""

    username: str | None = None


class ShopCreate(RequestModel):
    """POST /worlds/{world_id}/shops: a shop and its seller login."""

    field_codes: ClassVar[dict[str, str]] = {"name": "MISSING_FIELD", "market": "INVALID_MARKET"}
    name: str = Field(description="the shop's name, up to 200 characters")
    market: str = Field("US", description="US, GB, CB or DOUYIN, case-insensitive (M1)")
    recruitment: str = Field("invited", description="open or invited (B4)")
    status: str = Field("normal", description="normal, frozen, suspended, closed, deactivated")
    phone: str | None = None
    business_entity: str | None = None
    email: str | None = Field(None, description="the seller's login; generated when omitted")
    password: str | None = Field(None, description="generated when omitted")
    organization_account: bool | OrganizationAccountOptions | None = Field(
        None, description="create an organization account at onboarding (G1)")


class ShopChange(RequestModel):
    """PATCH /worlds/{world_id}/shops/{shop_id}."""

    status: str | None = Field(None, description="abnormal statuses refuse links (C4)")
    phone: str | None = None
    name: str | None = Field(None, description="the official account is renamed with it (B2)")


class ClientRegistration(RequestModel):
    """POST /worlds/{world_id}/clients: a Login Kit client or a TikTok Shop partner app."""

    field_codes: ClassVar[dict[str, str]] = {"kind": "CLIENT_KIND_UNSUPPORTED"}
    kind: Literal["login_kit", "shop_app"] = "login_kit"
    name: str | None = None
    redirect_uris: list[str] | None = None
    redirect_url: str | None = Field(None, description="shop_app (or the first redirect_uris)")
    scopes: list[str] | str | None = Field(None, description="a list, or comma-separated")
    platform: str = Field("web", description="login_kit: web, desktop or mobile")
    webhook_url: str | None = None


class TicketResolution(RequestModel):
    """POST /worlds/{world_id}/tickets/{ticket_id}/resolve, as support would."""

    decision: str = Field(description="fix or reject")
    note: str | None = None


class DeliveryDrop(RequestModel):
    """POST /worlds/{world_id}/webhooks/drop: lose the next `count` delivery attempts."""

    count: int = Field(1, description="0 to 1000")


class TotpSettings(RequestModel):
    """PUT /worlds/{world_id}/accounts/{open_id}/totp (sandbox extension, RFC 6238 tests)."""

    secret: str | None = Field(None, description="base32")
    digits: int | None = Field(None, description="6 to 10")
    interval: int | None = Field(None, description="seconds, 1 to 86400")


class Earnings(RequestModel):
    """PUT /worlds/{world_id}/accounts/{open_id}/earnings (H3)."""

    cents: int = Field(description="a whole number ≥ 0")

