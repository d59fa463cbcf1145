"""The control plane as the check uses it: plain HTTP (httpx) to `/_sandbox/v1/worlds/{id}`,
nothing else, so the same runner works against a shared sandbox, from the CLI, from a test and
inside the sandbox itself (`POST /worlds/{id}/checks`)."""

from __future__ import annotations

from typing import Any

import httpx

TIMEOUT_S = 60.0


class PlaneError(Exception):
    """The control plane refused: its HTTP status, code and message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status, self.code, self.message = status, code, message


class Plane:
    """One world of a sandbox at `url`, through its control plane."""

    def __init__(self, url: str, world_id: str, token: str | None = None) -> None:
        self.url, self.id = url.rstrip("/"), world_id
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(timeout=TIMEOUT_S, headers=headers)

    @classmethod
    def of(cls, world: Any) -> Plane:
        """From a client `World` (sandbox.client): its sandbox's URL and control token."""
        auth = world.sandbox._http.headers.get("Authorization", "")
        return cls(world.sandbox.url, world.id, auth.removeprefix("Bearer ") or None)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Plane:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cp(self, method: str, path: str = "", **kwargs: Any) -> Any:
        resp = self.http.request(method, f"{self.url}/_sandbox/v1/worlds/{self.id}{path}",
                                 **kwargs)
        if resp.status_code == 204:
            return None
        if resp.status_code >= 400:
            try:
                err = resp.json().get("error") or {}
            except ValueError:
                err = {}
            raise PlaneError(resp.status_code, str(err.get("code") or "HTTP_ERROR"),
                             str(err.get("message") or resp.text[:300]))
        return resp.json()

    # -- what the runner reads --------------------------------------------------------------
    def world(self) -> dict[str, Any]:
        return dict(self.cp("GET"))

    def settings(self) -> dict[str, Any]:
        return dict(self.cp("GET", "/settings")["settings"])

    def clock(self) -> dict[str, Any]:
        return dict(self.cp("GET", "/clock"))

    def requests(self, after: int = 0) -> list[dict[str, Any]]:
        return list(self.cp("GET", "/requests", params={"after": after})["requests"])

    def deliveries(self, after: int = 0) -> list[dict[str, Any]]:
        return list(self.cp("GET", "/webhooks/deliveries", params={"after": after})["deliveries"])

    def explain(self, log_id: str) -> dict[str, Any]:
        return dict(self.cp("GET", "/explain", params={"log_id": log_id}))

    def app_url(self) -> str:
        """The fake TikTok app's base URL (Login Kit's pages and API, the phone's actor API)."""
        resp = self.http.get(f"{self.url}/_sandbox/v1/info")
        resp.raise_for_status()
        return str(resp.json()["app_url"]).rstrip("/")

    # -- what the runner does ---------------------------------------------------------------
    def advance(self, seconds: float) -> None:
        self.cp("POST", "/clock", json={"advance": seconds})

    def create_account(self, username: str) -> dict[str, Any]:
        return dict(self.cp("POST", "/accounts", json={"username": username, "age": 30,
                                                       "region": "US"}))

    def remove_app_access(self, username: str, password: str, client_key: str) -> None:
        """The user, in the TikTok app's Settings → Manage app permissions, removes the app
        (the actor API, as the phone does): its tokens stop working."""
        with httpx.Client(base_url=self.app_url(), timeout=TIMEOUT_S) as phone:
            login = phone.post("/app/api/v1/login", json={
                "world": self.id, "username": username, "password": password})
            login.raise_for_status()
            phone.delete(f"/app/api/v1/authorizations/{client_key}", headers={
                "Authorization": f"Bearer {login.json()['session_token']}"}).raise_for_status()

    def create_order(self, buyer: str, product_id: str) -> dict[str, Any]:
        return dict(self.cp("POST", "/orders", json={
            "buyer": buyer, "items": [{"product_id": product_id, "quantity": 1}],
            "paid": False}))

    def transition(self, order_id: str, to: str) -> None:
        self.cp("POST", f"/orders/{order_id}/transition", json={"to": to, "reason": ""})

    def duplicate_delivery(self, delivery_id: int) -> dict[str, Any]:
        return dict(self.cp("POST", f"/webhooks/deliveries/{delivery_id}/duplicate"))

    def drop_next_webhooks(self, count: int) -> None:
        self.cp("POST", "/webhooks/drop", json={"count": count})

    def trigger_webhook(self, type_: int, shop_id: str, app_key: str) -> dict[str, Any]:
        return dict(self.cp("POST", "/webhooks/trigger", json={
            "type": type_, "shop_id": shop_id, "app_key": app_key}))

    def add_fault(self, match: dict[str, Any], effect: dict[str, Any],
                  times: int) -> dict[str, Any]:
        return dict(self.cp("POST", "/faults", json={"match": match, "effect": effect,
                                                     "times": times}))

    def delete_fault(self, fault_id: str) -> None:
        self.cp("DELETE", f"/faults/{fault_id}")
