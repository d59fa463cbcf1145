"""Scenario files: actors, client steps and expectations, run in a fresh world with a transcript."""

from __future__ import annotations

from typing import Any

from .format import Scenario, ScenarioError, library, load_text, parse, read
from .runner import RunResult, run


def load(data: Any) -> Scenario:
    """A scenario from parsed data or from YAML/JSON text."""
    from .actions import KNOWN

    return parse(load_text(data) if isinstance(data, str) else data, KNOWN)


__all__ = ["RunResult", "Scenario", "ScenarioError", "library", "load", "read", "run"]
