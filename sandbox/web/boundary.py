"""The sandbox's faces and their error shapes, registered once by the app factory."""

from __future__ import annotations

from typing import Any

from flask import Flask

from sandbox.diagnostics.fault_presets import OPEN_API, ShopCodeError
from sandbox.diagnostics.fault_reach import ACTOR, CONTROL, SELLER_CENTER, prefixes
from sandbox.domain.signing import OpenApiError
from sandbox.kernel.errors import SandboxError
from sandbox.web.open_api.envelope import envelope
from sandbox.web_shared.boundary import Face, html_page, install_error_boundary, json_face

# TikTok Shop's API paths, for requests that match no route (a 404 still wears the envelope).
SHOP_API_PREFIXES = prefixes(SELLER_CENTER, OPEN_API)
SHOP_API_PATH = r"/[a-z_]+/20\d{4}(/|$)"  # any family TikTok may add: /family/202309/...
INTERNAL = 36009003  # TikTok Shop's "internal error" code
INVALID_PATH = 36009009  # "Invalid path. The specified path does not match any endpoint."
INVALID_METHOD = 36009010  # "Invalid method. The HTTP method used is not supported by this endpoint."
INVALID_PARAMETER = 36009004  # TikTok Shop's code for invalid parameters and credentials


def shop_envelope(exc: SandboxError) -> Any:
    """TikTok Shop's `{code, message, request_id, data}`; its own codes where it has one."""
    if isinstance(exc, OpenApiError | ShopCodeError):  # ShopCodeError: a fault rule's preset
        return envelope(None, exc.api_code, exc.message, exc.status)
    if exc.code == "NOT_FOUND":  # no route: TikTok's words
        return envelope(None, INVALID_PATH, "Invalid path. The specified path does not match "
                        "any available endpoint.", 404)
    if exc.code == "METHOD_NOT_ALLOWED":
        return envelope(None, INVALID_METHOD, "Invalid method. The HTTP method used is not "
                        "supported by this endpoint.", 405)
    if exc.status == 404:
        return envelope(None, INVALID_PATH, f"Invalid path. {exc.message}", exc.status)
    if exc.status < 500:  # a bad request that no Open API rule named: TikTok's parameter error
        return envelope(None, INVALID_PARAMETER, exc.message, exc.status)
    return envelope(None, INTERNAL, f"Internal error. {exc.message}", exc.status)


def install(app: Flask) -> None:
    install_error_boundary(app, [
        json_face(prefixes(SELLER_CENTER, ACTOR, CONTROL), endpoints=("seller.link_status",)),
        Face("tiktok_shop_api", shop_envelope, SHOP_API_PREFIXES, blueprints=("open_api",),
             pattern=SHOP_API_PATH),
    ], Face("html", html_page, forms=True))
