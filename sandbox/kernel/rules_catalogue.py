"""The rule texts of RULES.md, shipped in the package (rules.txt) and read at runtime."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# A rule line: "- C1 holder is at least 18. [001, 002]", continued by indented lines; one line
# may hold several rules ("- C3 …; C4 …", "- A1 …; A2 …").
_BULLET = re.compile(r"^- (?=[A-Z]\d+\b)")
_SPLIT = re.compile(r"(?:^|;\s+)(?=[A-Z]\d+\s)")
_ID = re.compile(r"^([A-Z]\d+)\s+(.*)$", re.DOTALL)
_SOURCES = re.compile(r"\s*\[\d{3}(?:,\s*\d{3})*\]\s*$")


def rule_lines(text: str) -> list[str]:
    """The rule bullets of a RULES.md text with their continuation lines, as they stand."""
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        if _BULLET.match(line):
            inside = True
            out.append(line)
        elif inside and line.startswith("  ") and line.strip():
            out.append(line)
        else:
            inside = False
    return out


def parse(lines: list[str]) -> dict[str, str]:
    """Rule ID → its text (sources like "[001, 002]" dropped); an ID given twice (A4) gets
    both texts."""
    bullets: list[str] = []
    for line in lines:
        if _BULLET.match(line):
            bullets.append(line[2:].strip())
        elif bullets:
            bullets[-1] += " " + line.strip()
    rules: dict[str, str] = {}
    for bullet in bullets:
        for part in (p for p in _SPLIT.split(bullet) if p.strip()):
            found = _ID.match(part.strip())
            if found:
                text = _SOURCES.sub("", found[2]).strip().rstrip(";")
                rules[found[1]] = f"{rules[found[1]]} {text}" if found[1] in rules else text
    return rules


def shipped_lines() -> list[str]:
    return resources.files("sandbox.kernel").joinpath("rules.txt").read_text("utf-8").splitlines()


@lru_cache(maxsize=1)
def rules() -> dict[str, str]:
    """Every rule ID with its text."""
    return parse(shipped_lines())


def rule_text(rule: str | None) -> str | None:
    return rules().get(rule) if rule else None
