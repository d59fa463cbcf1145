"""Request bodies of the control plane (DESIGN §6): worlds, clock, shops, clients, support."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from sandbox.domain import webhook_types
from sandbox.kernel.clock import parse_duration, parse_instant
from sandbox.kernel.errors import SandboxError
from sandbox.web_shared.requests import MAX_STORED_INT, RequestModel

MAX_ADVANCE_SECONDS = 100 * 365 * 24 * 3600  # a century: any larger move leaves the calendar
# A world's clock stays where dates of birth (ages up to 129), expiries and Unix timestamps exist.
FIRST_YEAR, LAST_YEAR = 1970, 9000


def _instant_in_range(value: str | None) -> str | None:
    """An instant the world can live at (bad spellings are left to the service's refusal)."""
    if value is None:
        return value
    try:
        year = parse_instant(value).year
    except SandboxError:
        return value
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PydanticCustomError(
            "instant_range", f"Input should be an instant in the years {FIRST_YEAR} to {LAST_YEAR}")
    return value


class WorldCreate(RequestModel):
    """POST /worlds: a new world, optionally seeded and frozen; or a fork, or a loaded bundle."""

    field_codes: ClassVar[dict[str, str]] = {
        "id": "INVALID_WORLD_ID", "name": "INVALID_WORLD_NAME", "seed": "UNKNOWN_SEED",
        "now": "INVALID_INSTANT",
        "snapshot": "SNAPSHOT_INVALID"}
    name: str | None = Field(None, description="letters, digits, spaces, '-', '_'")
    id: str | None = Field(None, description="choose the world's id: a-z, 0-9, '-', '_'")
    seed: str | None = Field(None, description="a registered seed, e.g. demo")
    frozen: bool | None = Field(None, description="start frozen at the wall clock")
    now: str | None = Field(None, description="start frozen at this ISO-8601 instant, in the "
                                              f"years {FIRST_YEAR} to {LAST_YEAR}",
                            json_schema_extra={"format": "date-time"})

    from_world: str | None = Field(None, description="fork: copy this world (every row, its "
                                                     "clock and event log; keys re-issued)")
    snapshot: dict[str, Any] | None = Field(None, description="load: a bundle from GET "
                                                              "/worlds/{world_id}/snapshot")
    rules: dict[str, Any] | None = Field(None, description="rule overrides, as PATCH "
                                                           "/worlds/{world_id}/rules takes them")
    settings: dict[str, Any] | None = Field(None, description="setting overrides, as PATCH "
                                                              "/worlds/{world_id}/settings takes")

    _now_in_range = field_validator("now")(_instant_in_range)


class ClockMove(RequestModel):
    """POST /worlds/{world_id}/clock: advance, set or freeze the world's clock."""

    field_codes: ClassVar[dict[str, str]] = {"advance": "INVALID_DURATION",
                                             "set": "INVALID_INSTANT"}
    advance: int | float | str | None = Field(
        None, description="seconds, or an ISO-8601 duration such as PT24H or P15D; at most "
                          f"a century ({MAX_ADVANCE_SECONDS} seconds)")
    set: str | None = Field(None, description="an ISO-8601 instant, forward only, in the years "
                                              f"{FIRST_YEAR} to {LAST_YEAR}",
                            json_schema_extra={"format": "date-time"})
    freeze: bool | None = None

    _set_in_range = field_validator("set")(_instant_in_range)

    @field_validator("advance")
    @classmethod
    def _at_most_a_century(cls, value: int | float | str | None) -> int | float | str | None:
        """A duration the clock can add (bad spellings are left to the service's refusal)."""
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            seconds = float(value)
        else:
            try:
                seconds = parse_duration(value).total_seconds()
            except SandboxError:
                return value
            except (OverflowError, ValueError):
                seconds = math.inf
        if not math.isfinite(seconds) or abs(seconds) > MAX_ADVANCE_SECONDS:
            raise PydanticCustomError(
                "duration_range", "Input should be a duration of at most a century "
                                  f"({MAX_ADVANCE_SECONDS} seconds)")
        return value


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

    count: int = Field(1, description="0 to 1000", le=MAX_STORED_INT)


def _type_enum(schema: dict[str, Any]) -> None:
    """The request body's `type` in the document: the one list of triggerable types."""
    schema.pop("anyOf", None)
    schema["enum"] = webhook_types.spellings()


class WebhookTrigger(RequestModel):
    """POST /worlds/{world_id}/webhooks/trigger: send one webhook of a type now (sandbox
    extension, like `stripe trigger`)."""

    field_codes: ClassVar[dict[str, str]] = {"type": "UNKNOWN_WEBHOOK_TYPE"}
    type: int | str = Field(description="a Shop type by number or name, or a Login Kit event: " +
                            "; ".join(f"{t.label()}: {t.about}" for t in webhook_types.TRIGGERABLE),
                            json_schema_extra=_type_enum)
    shop_id: str | None = Field(None, description="the shop it is about (Shop types but 20); "
                                "default: the one that last authorized the app, else the "
                                "world's first, else a new one")
    app_key: str | None = Field(None, description="the app to send it to: a Shop app's app_key "
                                "or a Login Kit client_key; default: every app that would get "
                                "it")


class TotpSettings(RequestModel):
    """PUT /worlds/{world_id}/accounts/{open_id}/totp (sandbox extension, RFC 6238 tests)."""

    secret: str | None = Field(None, description="base32")
    digits: int | None = Field(None, description="6 to 10", le=MAX_STORED_INT)
    interval: int | None = Field(None, description="seconds, 1 to 86400", le=MAX_STORED_INT)


class Earnings(RequestModel):
    """PUT /worlds/{world_id}/accounts/{open_id}/earnings (H3)."""

    cents: int = Field(description="a whole number ≥ 0", le=MAX_STORED_INT)



class SignRequest(RequestModel):
    """POST /sign: the string to sign and the sign of a request, as the sandbox computes them."""

    app_key: str = Field(min_length=1, max_length=40, description="the app whose secret signs")
    url: str = Field(min_length=1, max_length=8000, description=(
        "the request URL (or path) with its query; `sign` and `access_token` are left out"))
    method: str = Field("GET", max_length=10, description="not signed; echoed back")
    body: str = Field("", max_length=1_000_000, description="the raw body, as sent")
    content_type: str = Field("application/json", max_length=200, description=(
        "multipart/form-data bodies are not signed"))
