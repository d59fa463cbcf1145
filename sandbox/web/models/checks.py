"""Request body of a readiness run (sandbox extension): which app, which cases."""

from __future__ import annotations

from pydantic import Field

from sandbox.web_shared.requests import RequestModel


class CheckRun(RequestModel):
    """POST /worlds/{id}/checks."""

    app_key: str = Field(min_length=1, max_length=128, description="the partner app to check "
                         "(a TikTok Shop app_key registered in the world)")
    client_key: str | None = Field(None, min_length=1, max_length=128,
                                   description="its Login Kit client_key, if it has one")
    start_url: str | None = Field(None, min_length=1, max_length=2000, description=(
        "the app's own URL that starts its login or shop authorization"))
    login_url: str | None = Field(None, min_length=1, max_length=2000, description=(
        "the app's URL that starts its TikTok login (Login Kit), when start_url is its shop "
        "authorization"))
    only: list[str] | None = Field(None, max_length=50, description="case IDs to run "
                                   "(default: all)")
