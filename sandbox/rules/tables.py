"""The README's table of rule parameters, written from the registry (a test holds the README's
copy to it: `python -m sandbox.rules.tables` prints it)."""

from __future__ import annotations

from typing import Any

from sandbox.rules.registry import RULES

BEGIN, END = "<!-- rule-parameters:begin -->", "<!-- rule-parameters:end -->"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:,}" if isinstance(value, int) else str(value)


def parameter_table() -> str:
    """Every rule parameter: rule, name, default, market values, bounds and meaning."""
    rows = ["| rule | parameter | default | by market | bounds | unit: meaning |",
            "|---|---|---|---|---|---|"]
    for rule in RULES:
        for p in rule.params:
            markets = ", ".join(f"{m} {_shown(v)}" for m, v in p.per_market.items()) or "—"
            bounds = (" / ".join(p.choices) if p.choices else
                      f"{_shown(p.min)}–{_shown(p.max)}" if p.min is not None else "—")
            rows.append(f"| {rule.id} | `{p.name}` | {_shown(p.default)} | {markets} | {bounds} "
                        f"| {p.unit}: {p.text} |")
    return "\n".join(rows)


def block() -> str:
    return f"{BEGIN}\n{parameter_table()}\n{END}"


if __name__ == "__main__":
    print(block())
