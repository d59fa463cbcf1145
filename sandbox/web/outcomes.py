"""POST → redirect → GET for the pages' forms: no page is rendered at a POST address, so a
reload or live.js's refresh of what the browser shows never posts again. The outcome of a
form (a refusal with its code, rule and message; or what was done, and the values entered)
travels in the session (flash) and is shown once by the GET that follows."""

from __future__ import annotations

from typing import Any

from flask import flash, get_flashed_messages, redirect, url_for

from sandbox.kernel.errors import SandboxError

REFUSAL, DONE = "form_refusal", "form_done"


def refusal(exc: SandboxError) -> dict[str, Any]:
    """What a page shows of a refusal (as the API's error body has it)."""
    return {"code": exc.code, "rule": exc.rule, "message": exc.message}


def after_post(endpoint: str, error: dict[str, Any] | None = None,
               done: dict[str, Any] | None = None, **values: Any) -> Any:
    """Redirect to `endpoint`'s GET, with the refusal and the outcome (or entered values) to
    show there once."""
    if error is not None:
        flash(error, REFUSAL)
    if done:
        flash(done, DONE)
    return redirect(url_for(endpoint, **{k: v for k, v in values.items() if v}))


def flashed() -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The refusal and the outcome the last POST flashed for this GET (each shown once)."""
    error, done = None, {}
    for category, message in get_flashed_messages(with_categories=True):
        if category == REFUSAL and isinstance(message, dict):
            error = message
        elif category == DONE and isinstance(message, dict):
            done = message
    return error, done
