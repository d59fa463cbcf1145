"""JSON numbers a JavaScript client cannot hold exactly: find them in answers and webhooks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

# Number.MAX_SAFE_INTEGER: above it JSON.parse rounds (a 19-digit id loses its last digits).
MAX_SAFE = 2**53 - 1


def big_numbers(value: Any, where: str = "$") -> Iterator[str]:
    """`path = number` for every number of a parsed JSON value whose size exceeds MAX_SAFE."""
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        if abs(value) > MAX_SAFE:
            yield f"{where} = {value}"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from big_numbers(item, f"{where}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from big_numbers(item, f"{where}[{n}]")


def assert_no_big_numbers(json_value: Any, where: str) -> None:
    """Fail, naming each one, if `json_value` holds a number above 2**53 - 1 (send ids as strings)."""
    found = list(big_numbers(json_value, "$"))
    assert not found, f"{where}: JSON numbers above 2**53 - 1 (ids must be strings): {found}"


def webhook_payloads(deliveries: Iterable[dict[str, Any]]) -> Iterator[tuple[str, Any]]:
    """(where, parsed JSON) of each delivery's body, and of a Login Kit body's `content`
    (itself a JSON string)."""
    for d in deliveries:
        body = json.loads(d["body"])
        where = f"webhook {d['event']} (delivery {d['id']})"
        yield where, body
        if isinstance(body, dict) and isinstance(body.get("content"), str):
            yield f"{where} content", json.loads(body["content"])


class JsonAnswers:
    """Every JSON answer the httpx clients it watches receive, parsed as a JavaScript client would
    read it (Python keeps big integers exact, so they can be found afterwards)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Any]] = []

    def __call__(self, response: httpx.Response) -> None:
        if "json" not in response.headers.get("content-type", ""):
            return
        response.read()
        try:
            body = json.loads(response.content)
        except ValueError:
            return
        self.seen.append((f"{response.request.method} {response.request.url.path}", body))

    @contextmanager
    def watching(self, *clients: httpx.Client) -> Iterator[JsonAnswers]:
        for client in clients:
            client.event_hooks["response"].append(self)
        try:
            yield self
        finally:
            for client in clients:
                client.event_hooks["response"].remove(self)

    def paths(self) -> set[str]:
        return {where for where, _ in self.seen}

    def check(self) -> None:
        for where, body in self.seen:
            assert_no_big_numbers(body, where)
