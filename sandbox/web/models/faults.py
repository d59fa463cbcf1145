"""Request bodies of the fault rules (sandbox extension): what to match, and how to answer."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from sandbox.web_shared.requests import MAX_STORED_INT, RequestModel

FaceName = Literal["open_api", "login_kit", "tiktok_api", "oauth", "actor", "pages"]


class FaultMatch(RequestModel):
    face: FaceName | None = Field(None, description="the face the request is for")
    method: str | None = Field(None, max_length=10, pattern=r"^[A-Za-z]+$")
    path: str | None = Field(None, min_length=1, max_length=1000,
                             description="a glob: `/api/v2/token/*`")
    client_key: str | None = Field(None, min_length=1, max_length=128)
    app_key: str | None = Field(None, min_length=1, max_length=128)


class FaultEffect(RequestModel):
    status: int | None = Field(None, ge=100, le=599, description="with `body`: a canned answer")
    body: Any = None
    tiktok_error: int | str | None = Field(
        None, description="a documented TikTok error of the face (GET /faults/presets)")
    latency_ms: int | None = Field(None, ge=1, le=30_000, description="real delay, then the "
                                   "normal answer (the world's clock does not move)")
    drop_connection: bool | None = Field(None, description="close without answering")


class FaultCreate(RequestModel):
    """POST /worlds/{id}/faults."""

    field_codes: ClassVar[dict[str, str]] = {"effect": "INVALID_FAULT", "match": "INVALID_FAULT"}
    match: FaultMatch = Field(default_factory=FaultMatch)
    effect: FaultEffect
    times: int | None = Field(None, ge=1, le=MAX_STORED_INT, description="answer this many")
    probability: float | None = Field(None, ge=0, le=1, description="seeded share of matches")
    seed: int | None = Field(None, ge=0, le=MAX_STORED_INT)
