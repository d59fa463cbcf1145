"""Reads the rule bullets of RULES.md (the team's shared rule book) into {ID: text}, so tests
can hold the rule registry to it."""

from __future__ import annotations

import re
from pathlib import Path

RULES_MD = Path(__file__).resolve().parents[2] / "shared" / "RULES.md"

# A rule line: "- C1 holder is at least 18. [001, 002]", continued by indented lines; one line
# may hold several rules ("- C3 …; C4 …", "- A1 …; A2 …").
_BULLET = re.compile(r"^- (?=[A-Z]\d+\b)")
_SPLIT = re.compile(r"(?:^|;\s+)(?=[A-Z]\d+\s)")
_ID = re.compile(r"^([A-Z]\d+)\s+(.*)$", re.DOTALL)
_SOURCES = re.compile(r"\s*\[\d{3}(?:,\s*\d{3})*\]\s*$")


def parse(text: str) -> dict[str, str]:
    """Rule ID → its text (sources like "[001, 002]" dropped); an ID given twice (A4) gets
    both texts."""
    bullets: list[str] = []
    inside = False
    for line in text.splitlines():
        if _BULLET.match(line):
            inside = True
            bullets.append(line[2:].strip())
        elif inside and line.startswith("  ") and line.strip():
            bullets[-1] += " " + line.strip()
        else:
            inside = False
    rules: dict[str, str] = {}
    for bullet in bullets:
        for part in (p for p in _SPLIT.split(bullet) if p.strip()):
            found = _ID.match(part.strip())
            if found:
                text = _SOURCES.sub("", found[2]).strip().rstrip(";")
                rules[found[1]] = f"{rules[found[1]]} {text}" if found[1] in rules else text
    return rules
