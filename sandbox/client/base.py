"""The client's foundations every actor builds on: the exception tree, the HTTP call, and `Polled`."""

from __future__ import annotations

import time
from typing import Any, Self

import httpx


class SandboxClientError(Exception):
    """Base of every error this client raises (not the server's sandbox.kernel.errors.SandboxError)."""


class SandboxAPIError(SandboxClientError):
    """The sandbox refused: carries the HTTP status, the stable `code` and the `rule` ID."""

    def __init__(self, status: int, code: str, message: str, rule: str | None = None,
                 details: dict[str, Any] | None = None) -> None:
        self.status, self.code, self.message, self.rule = status, code, message, rule
        self.details = details or {}
        super().__init__(f"{code}{f' (rule {rule})' if rule else ''}: {message}")


class SandboxTimeout(SandboxClientError):
    """A wait_until ran out of time."""


def _check(resp: httpx.Response) -> Any:
    if resp.status_code == 204:
        return None
    try:
        body = resp.json()
    except ValueError:
        body = None
    if resp.status_code >= 400:
        err = (body or {}).get("error") if isinstance(body, dict) else None
        if isinstance(err, dict):
            raise SandboxAPIError(resp.status_code, err.get("code", "ERROR"),
                                  err.get("message", ""), err.get("rule"), err.get("details"))
        raise SandboxAPIError(resp.status_code, "HTTP_ERROR", resp.text[:300])
    return body


WAIT_HEADER = "X-Sandbox-Wait"


def _retry_after(resp: httpx.Response) -> float:
    try:
        return max(0.05, float(resp.headers.get("Retry-After", "1")))
    except ValueError:
        return 1.0


class _Http:
    """One actor's calls: its own auth header over a connection pool it may share (building an
    httpx.Client costs ~18 ms, so a Sandbox builds one and every actor reuses it)."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 30.0,
                 client: httpx.Client | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers: dict[str, str] = {}
        if token:
            self.authorize(token)
        self._owns = client is None
        self.client = client if client is not None else httpx.Client(timeout=timeout)

    def authorize(self, token: str) -> None:
        self.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return _check(self.client.request(method, self.base_url + path, headers=headers,
                                          **kwargs))

    def poll(self, path: str, key: str, params: dict[str, Any], wait: float | None) -> list[Any]:
        """A long poll (`wait=` seconds) of the list `key`: when the sandbox declines to hold
        it (`X-Sandbox-Wait: declined`: it holds as many waits as it may), ask again after its
        `Retry-After` until something comes or `wait` has passed."""
        deadline = time.monotonic() + (wait or 0)
        while True:
            remaining = deadline - time.monotonic()
            query = {**params, **({"wait": round(remaining, 3)} if remaining > 0 else {})}
            resp = self.client.request("GET", self.base_url + path, headers=self.headers,
                                       params=query)
            found: list[Any] = _check(resp)[key]
            if found or resp.headers.get(WAIT_HEADER) != "declined":
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return found
            time.sleep(min(_retry_after(resp), remaining))

    def close(self) -> None:
        if self._owns:
            self.client.close()


class Polled:
    """A record a seller watches: ``refresh()`` reads it once; ``wait_until()`` polls until it
    reaches a wanted status, and raises SandboxAPIError (with the refusal's code and rule) when
    it settles anywhere else. Subclasses say where it lives and which statuses are final."""

    PATH = ""  # e.g. "/links/{id}" under the seller's /api/v1
    SETTLED: frozenset[str] = frozenset()
    NOUN = "record"
    CODE = "RECORD"  # prefix of the code raised when it settles elsewhere, e.g. LINK_DENIED

    def __init__(self, seller: Any, data: dict[str, Any]) -> None:
        self.seller = seller  # a SellerActor; Any so this layer knows no actor
        self._set(data)

    def _set(self, data: dict[str, Any]) -> None:
        self.data = data
        self.id: str = data["id"]
        self.status: str = data["status"]
        self.error: dict[str, Any] | None = data.get("error")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} {self.status}>"

    def refresh(self) -> Self:
        self._set(self.seller.call("GET", self.PATH.format(id=self.id)))
        return self

    def _act(self, method: str, suffix: str) -> Self:
        self._set(self.seller.call(method, self.PATH.format(id=self.id) + suffix))
        return self

    def wait_until(self, *statuses: str, timeout: float = 10.0) -> Self:
        wanted = set(statuses) or set(self.SETTLED)
        deadline = time.monotonic() + timeout
        while True:
            self.refresh()
            if self.status in wanted:
                return self
            if self.status in self.SETTLED:
                err = self.error or {}
                raise SandboxAPIError(409, err.get("code", f"{self.CODE}_{self.status.upper()}"),
                                      err.get("message", f"The {self.NOUN} is {self.status}."),
                                      err.get("rule"),
                                      {**(err.get("details") or {}), "status": self.status})
            if time.monotonic() > deadline:
                raise SandboxTimeout(f"{self.NOUN} {self.id} still {self.status} after "
                                     f"{timeout}s (wanted {sorted(wanted)})")
            time.sleep(0.02)  # a client polling a server; tests never call sleep themselves
