"""Client side of readiness checks: `world.check(app_key=...)` runs them in the sandbox."""

from __future__ import annotations

from typing import Any


class WorldChecks:
    """Mixin of the client's World: `world.check(app_key, only=[...])`, `world.client_info(key)`."""

    def _cp(self, method: str, path: str = "", **kwargs: Any) -> Any:
        raise NotImplementedError

    def client_info(self, key: str) -> dict[str, Any]:
        """A registered app by app_key (with its authorizations) or client_key, no secret."""
        return dict(self._cp("GET", f"/clients/{key}"))

    def check(self, app_key: str, *, only: list[str] | None = None,
              client_key: str | None = None, start_url: str | None = None,
              login_url: str | None = None) -> dict[str, Any]:
        """Run the readiness cases against the running app (POST /worlds/{id}/checks): the
        report as JSON (`ok`, `counts`, `cases`: id, status, reason, requires, doc)."""
        body = {"app_key": app_key, "only": only, "client_key": client_key,
                "start_url": start_url, "login_url": login_url}
        return dict(self._cp("POST", "/checks", json={k: v for k, v in body.items()
                                                      if v is not None}))
