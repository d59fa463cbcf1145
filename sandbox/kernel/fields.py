"""One typed reader for a value of a JSON body, a form or a query: a wrong type is a 400 naming it.

A source is a JSON object (`dict`) or a form/query (werkzeug's MultiDict, whose `get` gives a
field's first value and whose values are all text). JSON `null` reads as absent. A refusal is a
`BadRequest` (code INVALID_FIELD, `details.field`), which each face's error boundary renders in
its own shape: TikTok's OAuth error on Login Kit, the Shop envelope on the Open API, the
sandbox's JSON on the actor APIs and the control plane, an error page on the pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar, overload

from sandbox.kernel.errors import BadRequest

NUL = "\x00"
D = TypeVar("D")
_WHOLE = re.compile(r"[+-]?\d{1,18}")


def kind_of(value: Any) -> str:
    """A JSON value's type in words: "a list", "an object", "a number", …"""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    words: dict[type, str] = {str: "text", list: "a list", dict: "an object", type(None): "null"}
    return next((w for t, w in words.items() if isinstance(value, t)), type(value).__name__)


def invalid(name: str, message: str, expected: str) -> BadRequest:
    """The refusal of field `name`: INVALID_FIELD with the field and what to send in details."""
    return BadRequest(message, code="INVALID_FIELD",
                      details={"field": name, "expected": [expected]})


def wrong_type(name: str, value: Any, expected: str) -> BadRequest:
    return invalid(name, f"'{name}' must be {expected}, not {kind_of(value)}.", expected)


def _texts_only(source: Mapping[str, Any]) -> bool:
    """A form or a query: every value is text, so a number arrives as digits."""
    return hasattr(source, "getlist")


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise wrong_type(name, value, "text (a string)")
    if NUL in value:  # no text column holds one (PostgreSQL's driver refuses it)
        raise invalid(name, f"'{name}' contains a NUL character (U+0000), which no text field "
                            "can hold.", "text without NUL characters")
    return value


@overload
def text_field(source: Mapping[str, Any], name: str, *, within: str = "") -> str | None: ...
@overload
def text_field(source: Mapping[str, Any], name: str, default: D, *,
               within: str = "") -> str | D: ...
def text_field(source: Mapping[str, Any], name: str, default: Any = None, *,
               within: str = "") -> Any:
    """`source[name]` as text; `default` when it is absent (or JSON null). `within` names the
    object `source` is in a body (`skus[0].price`), so a refusal names the whole path."""
    value = source.get(name)
    return default if value is None else _text(f"{within}.{name}" if within else name, value)


@overload
def int_field(source: Mapping[str, Any], name: str, *, low: int | None = None,
              high: int | None = None) -> int | None: ...
@overload
def int_field(source: Mapping[str, Any], name: str, default: D, *, low: int | None = None,
              high: int | None = None) -> int | D: ...
def int_field(source: Mapping[str, Any], name: str, default: Any = None, *,
              low: int | None = None, high: int | None = None) -> Any:
    """`source[name]` as a whole number (digits in a form or query; a JSON integer, not a
    boolean, in a body) from `low` to `high` when given; `default` when it is absent."""
    value = source.get(name)
    if value is None:
        return default
    if isinstance(value, str) and _texts_only(source) and _WHOLE.fullmatch(value.strip()):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(name, value, "a whole number")
    if (low is not None and value < low) or (high is not None and value > high):
        span = (f"from {low} to {high}" if low is not None and high is not None
                else f"at least {low}" if low is not None else f"at most {high}")
        raise invalid(name, f"'{name}' must be a whole number {span}, not {value}.",
                      f"a whole number {span}")
    return value


@overload
def text_list_field(source: Mapping[str, Any], name: str) -> list[str] | None: ...
@overload
def text_list_field(source: Mapping[str, Any], name: str, default: D) -> list[str] | D: ...
def text_list_field(source: Mapping[str, Any], name: str, default: Any = None) -> Any:
    """Every value of `name`: a form's repeated field, or a JSON list of text."""
    if _texts_only(source):
        values = source.getlist(name)  # type: ignore[attr-defined]
        return [_text(name, v) for v in values] if values else default
    value = source.get(name)
    if value is None:
        return default
    if not isinstance(value, list):
        raise wrong_type(name, value, "a list of text")
    for item in value:
        if not isinstance(item, str):
            raise invalid(name, f"'{name}' must be a list of text; it holds {kind_of(item)}.",
                          "a list of text")
        _text(name, item)
    return list(value)
