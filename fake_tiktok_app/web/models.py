"""Request bodies of the app user's actor API (/app/api/v1): what a person types on the phone."""

from __future__ import annotations

from pydantic import Field

from sandbox.kernel.web import RequestModel

NonEmpty = Field(min_length=1)


class AppLogin(RequestModel):
    """POST /app/api/v1/login."""

    world: str = NonEmpty
    username: str = NonEmpty
    password: str = NonEmpty


class OtpLogin(RequestModel):
    """POST /app/api/v1/login/otp (G4)."""

    world: str = NonEmpty
    username: str = NonEmpty
    one_time_password: str = NonEmpty
    surface: str | None = Field(None, description="app or live_manager")


class PhoneLogin(RequestModel):
    """POST /app/api/v1/login/phone."""

    world: str = NonEmpty
    phone: str = NonEmpty
    password: str = NonEmpty


class EmailLogin(RequestModel):
    """POST /app/api/v1/login/email."""

    world: str = NonEmpty
    email: str = NonEmpty
    password: str = NonEmpty


class Scan(RequestModel):
    """POST /app/api/v1/scan (D2): the QR code's URL, or its token."""

    url: str | None = Field(None, description="the QR code's content")
    token: str | None = None
    client_ticket: str | None = None
