"""What a rule declaration is: its ID, its text with parameters in it, its codes and its numbers."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True)
class Param:
    """A number (or switch) a rule uses: its default, per-market values and bounds."""

    name: str
    unit: str
    default: Any
    text: str = ""
    per_market: Mapping[str, Any] = field(default_factory=dict)
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def kind(self) -> type:
        return type(self.default)

    def default_for(self, market: str | None) -> Any:
        return self.per_market.get(market, self.default) if market else self.default

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "unit": self.unit, "type": self.kind.__name__,
                               "default": self.default, "per_market": dict(self.per_market),
                               "min": self.min, "max": self.max, "text": self.text}
        if self.choices:
            out["choices"] = list(self.choices)
        return out


@dataclass(frozen=True)
class Code:
    """A refusal a rule raises: its stable code, its HTTP status, and for C7/C8 whether a
    support ticket can fix its cause (None where the question does not arise)."""

    code: str
    status: int = 422
    ticket_fixable: bool | None = None
    # Also raised without a rule (a generic code such as INVALID_FIELD): documents name this
    # rule beside it only where they say so (`CODE@RULE`).
    general: bool = False

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "status": self.status}
        if self.ticket_fixable is not None:
            out["ticket_fixable"] = self.ticket_fixable
        return out


@dataclass(frozen=True)
class Rule:
    """One rule of RULES.md, declared once. `text` is its RULES.md sentence with `{param}`
    (own parameter), `{X9.param}` (another rule's), `{param+1}` and `{param:words}` in it."""

    id: str
    text: str
    codes: tuple[Code, ...] = ()
    params: tuple[Param, ...] = ()
    sources: tuple[str, ...] = ()

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def render(self, values: Mapping[str, Mapping[str, Any]]) -> str:
        """The text with the given effective values (rule ID → param → value) filled in."""
        return _Text(self.id, values).format(self.text)


class _Text(string.Formatter):
    """Fills a rule text: own or other rules' parameters, `+N` offsets and number words."""

    def __init__(self, rule_id: str, values: Mapping[str, Mapping[str, Any]]) -> None:
        self.rule_id, self.values = rule_id, values

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        name, _, offset = field_name.partition("+")
        rule_id, _, param = name.rpartition(".")
        value = self.values[rule_id or self.rule_id][param]
        return (value + int(offset) if offset else value), field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "words":
            return _WORDS[value] if 0 <= value < len(_WORDS) else str(value)
        return super().format_field(value, format_spec)
