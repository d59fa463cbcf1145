"""Python client of the sandbox, one module per actor; httpx only, no Flask at import (DESIGN §7)."""

from .app import AppActor, InboxInvitation, ScannedQr
from .base import Polled, SandboxAPIError, SandboxClientError, SandboxTimeout
from .clock import Clock, ClockResult
from .control import Account, LocalSandbox, Sandbox, Shop, World
from .orders import Carrier, Order
from .partner import Partner, PartnerCenter, PartnerInvitation, PartnerLinkRequest
from .seller import (
    Invitation,
    LinkRequest,
    OneTimePassword,
    OrganizationAccount,
    SellerActor,
    Ticket,
    UpgradeRequest,
)

__all__ = [
    "Account", "AppActor", "Carrier", "Clock", "ClockResult", "InboxInvitation", "Invitation", "LinkRequest",
    "LocalSandbox", "OneTimePassword", "Order", "OrganizationAccount", "Partner", "PartnerCenter",
    "PartnerInvitation", "PartnerLinkRequest", "Polled", "Sandbox", "SandboxAPIError",
    "SandboxClientError", "SandboxTimeout", "ScannedQr", "SellerActor", "Shop", "Ticket",
    "UpgradeRequest", "World",
]
