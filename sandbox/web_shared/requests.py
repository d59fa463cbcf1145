"""Flask plumbing both apps share: a DB session per request and validated JSON bodies."""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from flask import Flask, Response, g, make_response, redirect, request
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter

from sandbox.kernel.errors import BadRequest
from sandbox.kernel.fields import text_field
from sandbox.kernel.models import World
from sandbox.kernel.passwords import BROWSER
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.worlds import latest_world_id

F = TypeVar("F", bound=Callable[..., Any])

MAX_STORED_INT = 2**31 - 1  # the largest value an INTEGER column holds on every database

BODY_TOO_LARGE = "sandbox.body_too_large"  # environ flag: the server refused to read the body


class StoredIntConverter(IntegerConverter):
    """`<int:…>` for ids and counts the store keeps in INTEGER columns: a larger number names
    nothing, so the route does not match (404) instead of overflowing the database driver."""

    def __init__(self, map: Any, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                 max: int | None = None, signed: bool = False) -> None:  # noqa: A002
        super().__init__(map, fixed_digits, min, MAX_STORED_INT if max is None else max, signed)


def static_dir() -> str:
    """`static/` ships in the wheel as sandbox/_static; in a clone it sits beside the packages."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packaged = os.path.join(here, "_static")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "static")


def install_db_session(app: Flask, runtime: Runtime) -> None:
    """`g.db`: one SQLAlchemy session per request, closed (so rolled back) at teardown; and
    `<int:…>` path parts bounded to what the store's INTEGER columns hold (StoredIntConverter),
    so call this before registering blueprints."""
    app.url_map.converters["int"] = StoredIntConverter

    @app.before_request
    def _open_db() -> None:
        g.runtime = runtime
        g.request_scope = runtime.open_request_scope()
        g.db = runtime.session()
        refuse_nul_in_query()

    @app.teardown_request
    def _close_db(_exc: BaseException | None) -> None:
        db = g.pop("db", None)
        if db is not None:
            # close() rolls back what the view left uncommitted (the connection goes back to
            # the pool with a rollback) without first expiring every row the request loaded.
            db.close()
        scope = g.pop("request_scope", None)
        if scope is not None:
            runtime.close_request_scope(scope)


def is_loopback(host: str | None) -> bool:
    """127.0.0.0/8, ::1 or localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def login_world(session: Session, world_cookie: str) -> World | None:
    """The world a login page is for: `?world=` (or the form's), then the page's cookie, then
    `demo`, then the newest world."""
    wanted = text_field(request.values, "world") or request.cookies.get(world_cookie) or "demo"
    found = session.get(World, wanted)
    if found is None and (newest := latest_world_id(session)) is not None:
        found = session.get(World, newest)
    return found


def logged_in(home_url: str, area: str, cookie: str, token: str, world_cookie: str,
              world_id: str) -> Response:
    """After a login form: back to its `next` if that stays in `area` (e.g. "/seller/"), else
    home, with the session (HttpOnly) and world cookies."""
    nxt = text_field(request.form, "next") or ""
    resp = make_response(redirect(nxt if nxt.startswith(area) else home_url))
    resp.set_cookie(cookie, token, httponly=True, samesite="Lax")
    resp.set_cookie(world_cookie, world_id, samesite="Lax")
    return resp


EndSession = Callable[[Session, str | None, str], object]  # a service's `log_out(db, token, channel)`


def logged_out(login_url: str, cookie: str, end: EndSession) -> Response:
    """After a logout form: the session the cookie presents is ended on the server (`end`,
    committed), so a copy of the cookie is refused from now on; the cookie is deleted and the
    browser goes to the login page. No cookie, or an unknown one: just the redirect."""
    if token := request.cookies.get(cookie):
        end(g.db, token, BROWSER)
        g.db.commit()
    resp = make_response(redirect(login_url))
    resp.delete_cookie(cookie)
    return resp


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def is_operator(control_token: str | None) -> bool:
    """A caller of the control plane: on loopback, or holding the control token (compared as
    bytes, so a token with any characters is a refusal, not a crash)."""
    if is_loopback(request.remote_addr):
        return True
    given = bearer_token()
    return bool(control_token and given and hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), control_token.encode("utf-8", "surrogatepass")))


NUL = "\x00"


def refuse_nul_in_query() -> None:
    """A NUL character (U+0000) in the query string is a 400: no text column holds one (on
    PostgreSQL it would be a 500 from the driver)."""
    for name, value in request.args.items(multi=True):
        if NUL in name or NUL in value:
            raise BadRequest(f"Query parameter {name!r} contains a NUL character (U+0000), "
                             "which no text field can hold.", code="INVALID_PARAMETER",
                             details={"parameter": name})


def _nul_at(value: Any, path: str = "") -> str | None:
    """Where in a JSON value a string (or key) holds a NUL character, as a dotted path."""
    if isinstance(value, str):
        return (path or "body") if NUL in value else None
    items = (value.items() if isinstance(value, dict)
             else enumerate(value) if isinstance(value, list) else ())
    for key, item in items:
        here = f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and NUL in key:
            return here
        if (found := _nul_at(item, here)) is not None:
            return found
    return None


def _refuse_nul(body: Any) -> Any:
    if (field := _nul_at(body)) is not None:
        raise BadRequest(f"'{field}' contains a NUL character (U+0000), which no text field "
                         "can hold.", code="INVALID_FIELD", details={"field": field})
    return body


def json_value() -> Any:
    """The request's JSON as sent (any JSON value; None when there is no body or it is not
    JSON), for faces that word those refusals their own way; a NUL character in it is a 400."""
    return _refuse_nul(request.get_json(silent=True) if request.get_data(cache=True) else None)


def json_body() -> dict[str, Any]:
    """The request's JSON object, or {} when there is no body; malformed JSON is a clear 400."""
    if not request.get_data(cache=True):
        return {}
    body = request.get_json(silent=True)
    if body is None:
        raise BadRequest("The request body is not valid JSON.", code="INVALID_JSON")
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.", code="INVALID_BODY")
    _refuse_nul(body)
    return body


class RequestModel(BaseModel):
    """A JSON request body: unknown fields and values of the wrong type are refused (strict).

    `field_codes` maps a field to the code its service uses for a bad value (INVALID_WORLD_ID,
    INVALID_DURATION, …), so a type error the model catches keeps the code clients know.

    `defer_build`: a model's validator is built on its first use, not when `serve` imports the
    ~100 models of every face (most requests use one or two)."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)
    field_codes: ClassVar[dict[str, str]] = {}


M = TypeVar("M", bound=BaseModel)
_TAGS = {"int", "float", "str", "bool", "none", "dict", "list"}


def accepts(model: type[BaseModel]) -> Callable[[F], F]:
    """Declare a view's request model; the OpenAPI document reads it from `request_model`."""

    def mark(view: F) -> F:
        view.request_model = model  # type: ignore[attr-defined]
        return view

    return mark


def validated_body(model: type[M]) -> M:
    """The request's JSON object validated by `model`; a refusal names the field and what to
    send (UNKNOWN_FIELD, MISSING_FIELD, INVALID_FIELD or the model's `field_codes`)."""
    body = json_body()
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise body_refusal(model, exc.errors(include_url=False)) from None


def body_dict(model: type[BaseModel]) -> dict[str, Any]:
    """What the service took before models existed: the fields the caller sent, as sent."""
    return validated_body(model).model_dump(exclude_unset=True)


def _field(loc: tuple[Any, ...]) -> str:
    """A dotted field name from a pydantic location, without its union-member tags."""
    kept = [str(p) for p in loc
            if isinstance(p, int) or (p not in _TAGS and re.fullmatch(r"[a-z_][a-z0-9_]*", p))]
    return ".".join(kept) or "body"


def body_refusal(model: type[BaseModel], errors: list[Any]) -> BadRequest:
    """Unknown fields first, then missing ones, then the first ill-typed field."""
    by_kind: dict[str, list[Any]] = {}
    for error in errors:
        kind = {"extra_forbidden": "unknown", "missing": "missing"}.get(error["type"], "invalid")
        if (error["type"] == "string_too_short"
                and (error.get("ctx") or {}).get("min_length") == 1):
            kind = "missing"  # "" is as good as absent, as the hand checks always said
        by_kind.setdefault(kind, []).append(error)
    allowed = ", ".join(model.model_fields)
    if unknown := by_kind.get("unknown"):
        names = [_field(e["loc"]) for e in unknown]
        return BadRequest(f"Unknown field(s): {', '.join(names)}; this endpoint takes {allowed}.",
                          code="UNKNOWN_FIELD", details={"field": names[0], "unknown": names})
    if missing := by_kind.get("missing"):
        names = [_field(e["loc"]) for e in missing]
        return BadRequest(f"Missing required field(s): {', '.join(names)}.", code="MISSING_FIELD",
                          details={"field": names[0], "missing": names})
    invalid = sorted(by_kind["invalid"], key=lambda e: -_field(e["loc"]).count("."))
    field = _field(invalid[0]["loc"])  # the most specific place: a union's nested member
    wanted = sorted({e["msg"].removeprefix("Input should be ") for e in invalid
                     if _field(e["loc"]) == field})
    codes = getattr(model, "field_codes", {})
    got = repr(invalid[0].get("input"))
    got = got if len(got) <= 60 else got[:57] + "..."
    return BadRequest(f"'{field}' is invalid (got {got}); send "
                      f"{' or '.join(wanted)}.", code=codes.get(field.split(".")[0], "INVALID_FIELD"),
                      details={"field": field, "expected": wanted})
