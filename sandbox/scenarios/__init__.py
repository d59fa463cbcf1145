"""Scenario files: actors, client steps and expectations, run in a fresh world with a transcript."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .format import Scenario, ScenarioError, library, read
    from .runner import RunResult, run

# lazy: the CLI's parser imports `sandbox.scenarios.commands` and `serve` its control endpoint;
# neither needs yaml or the client-driven runner until a scenario is loaded or run.
_LAZY = {"Scenario": "format", "ScenarioError": "format", "library": "format",
         "load_text": "format", "parse": "format", "read": "format",
         "RunResult": "runner", "run": "runner"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_LAZY[name]}", __name__), name)  # sys.modules caches


def load(data: Any) -> Scenario:
    """A scenario from parsed data or from YAML/JSON text."""
    from .actions import KNOWN
    from .format import load_text, parse

    return parse(load_text(data) if isinstance(data, str) else data, KNOWN)


__all__ = ["RunResult", "Scenario", "ScenarioError", "library", "load", "read", "run"]
