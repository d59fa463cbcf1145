"""Settings shared by both services: what belongs to the deployment, and how TikTok behaves
(world-scoped: a world may override those). Rule numbers live in the rule registry."""

from __future__ import annotations

import secrets
from dataclasses import Field, dataclass, field, fields, replace
from typing import Any

from sandbox.rules.model import Param


def _world(default: Any, low: float | None = None, high: float | None = None, *,
           choices: tuple[str, ...] = ()) -> Any:
    """A setting that says how TikTok behaves: a world may override it (bounds for checks)."""
    return field(default=default, metadata={"world": True, "min": low, "max": high,
                                            "choices": choices})


@dataclass(frozen=True)
class Settings:
    """Everything a deployment may tune. Built by the CLI or tests; never read at import time."""

    db: str | None = None  # SQLAlchemy URL, "memory", or None for ./.tiktok-sandbox/sandbox.db
    home: str = ".tiktok-sandbox"
    host: str = "127.0.0.1"
    seller_port: int = 8700
    app_port: int = 8701
    # Public base URLs; `serve` fills them in once the ports are bound.
    seller_url: str = "http://127.0.0.1:8700"
    app_url: str = "http://127.0.0.1:8701"
    secret_key: str = field(default_factory=lambda: secrets.token_hex(16))
    # Bearer token for the control plane when bound beyond loopback (DESIGN §6). Binding beyond
    # loopback without one is refused unless `open_control_plane` says it is meant.
    control_token: str | None = None
    open_control_plane: bool = False
    # The host name other machines reach this one by, for the URLs the sandbox prints and puts
    # in QR codes when bound to all interfaces (None: the machine's address).
    public_host: str | None = None
    # Deployment defaults of rule parameters (`serve --set F1.hours=1`, a config file's
    # [rules.F1] table): rule ID → parameter → value, over the registry's defaults (sandbox.rules).
    rule_defaults: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Seconds between ticker passes that fire due jobs of real-time worlds.
    ticker_interval: float = 1.0
    # Seconds a request-log row may wait in memory before its batch is written (reads of the
    # log in the same process write what waits first; see kernel/request_log.py). `serve
    # --workers` and `serve --only` write each row before its answer (0), so every process
    # finds the row an answer named.
    request_log_flush_seconds: float = 0.2
    seed_demo: bool = True
    # Long polls (`wait=`) each process holds at once; the servers give it this many threads
    # beyond `--threads`, so held waits never take the working ones. A wait beyond it answers
    # at once with what there is and `X-Sandbox-Wait: declined` (kernel/held_waits.py).
    held_waits_max: int = 256
    # The largest request body a face reads (bytes); a larger one is answered 413 in the
    # face's own shape before it is read.
    max_request_bytes: int = 1024 * 1024
    # The largest request line plus headers the server parses (bytes; waitress answers 431).
    max_header_bytes: int = 64 * 1024

    # ---- How TikTok behaves: each of these may also be set per world (WORLD_SCOPED). ----
    # QR authorization ticket lifetime; TikTok does not document it, clients assume ~2 min.
    qr_ttl_seconds: int = _world(120, 1, 86400)
    # Seller Center's claim on a confirmed QR code or accepted invitation (the code exchange and
    # checks that follow): a claim older than this (world time) belongs to a poller that died and
    # is taken over by the next poll or settled by a due job (sandbox choice, not TikTok's).
    claim_lease_seconds: int = _world(30, 1, 3600)
    # The QR pages of Seller Center, Partner Center and the Douyin backend stop at `checking`
    # ("Checking the account…") for one poll after the app authorizes, so the step shows; the
    # next poll exchanges the code and reads the rules (sandbox choice; the API's polls never
    # stop there). False: the poll that sees the authorization does both, as the API does.
    pages_show_checking: bool = _world(True)
    # Authorization codes (QR and Login Kit); TikTok does not document it.
    auth_code_ttl_seconds: int = _world(600, 1, 86400)
    # Login Kit token lifetimes: the classic documented preset (24 h / 365 d); see protocols.md §1.2.
    access_token_ttl_seconds: int = _world(86400, 1, 10 * 365 * 86400)
    refresh_token_ttl_seconds: int = _world(31536000, 1, 10 * 365 * 86400)
    client_token_ttl_seconds: int = _world(7200, 1, 10 * 365 * 86400)
    # "classic" uses the two TTLs above; "2026" is the newer doc's 2 h / 180 d preset.
    # Refresh always rotates: the refresh token just used stops working.
    token_preset: str = _world("classic", choices=("classic", "2026"))
    # TikTok Shop Open API: auth code 30 min (documented), access token 7 d, refresh ~1 y.
    shop_auth_code_ttl_seconds: int = _world(1800, 1, 86400)
    shop_access_token_ttl_seconds: int = _world(7 * 86400, 1, 10 * 365 * 86400)
    shop_refresh_token_ttl_seconds: int = _world(365 * 86400, 1, 10 * 365 * 86400)
    # A seller authorization lasts a year; webhook 7 fires 30 days before, then daily.
    shop_authorization_ttl_seconds: int = _world(365 * 86400, 1, 10 * 365 * 86400)
    # Webhook retries after a failed delivery (configuration-guide.md): +2 min, +30 min, +3 h, +12 h.
    webhook_retry_seconds: tuple[int, ...] = _world((120, 1800, 10800, 43200), 0, 30 * 86400)
    webhook_timeout_seconds: float = _world(3.0, 0.1, 60)
    # TikTok answers OAuth errors with HTTP 200 + error body; "rfc" switches to 400/401.
    oauth_error_status: str = _world("tiktok", choices=("tiktok", "rfc"))
    # OAuth edges: a replayed rotated-out refresh token is refused (invalid_grant) and the newest
    # tokens keep working, which is all TikTok documents ("the previous refresh token stops
    # working"); True also revokes every token of its grant (RFC 9700 §4.14.2).
    refresh_reuse_revokes_family: bool = _world(False)
    # PKCE: a code_verifier sent at the token endpoint for a code whose authorization sent no
    # code_challenge is ignored (TikTok requires PKCE of mobile and desktop apps only); True
    # refuses it with invalid_request (RFC 9700 §4.8, authlib's downgrade check).
    pkce_strict: bool = _world(False)
    # /v2/user/info/ ignores fields it does not know; True answers them with 400 invalid_params.
    user_info_strict_fields: bool = _world(False)
    # The clock a time the partner's app supplies is checked against (the Open API `timestamp`):
    # "wall" (the machine's real time, what an unmodified app signs with, so its calls work in
    # frozen and advanced worlds), "world" (the world's clock) or "either". Tokens, codes and
    # every rule run on the world's clock whatever this says.
    signature_clock: str = _world("wall", choices=("wall", "world", "either"))
    # Orders (S3, S4): a flat shipping fee per order in hundredths of the currency (sandbox
    # choice: free shipping, TikTok's fees depend on the seller's logistics template), and the
    # most units of one SKU an order may hold (TikTok's purchase limits are per product; a
    # sandbox choice that keeps an absurd quantity from writing a line per unit).
    order_shipping_fee_cents: int = _world(0, 0, 1_000_000)
    order_max_quantity: int = _world(100, 1, 10_000)

    def login_kit_lifetimes(self) -> tuple[int, int]:
        """(access, refresh) seconds for the chosen preset (protocols.md §1.2)."""
        if self.token_preset == "2026":
            return 7200, 180 * 86400
        return self.access_token_ttl_seconds, self.refresh_token_ttl_seconds

    def with_(self, **changes: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        return replace(self, **changes)


WORLD_SCOPED: tuple[str, ...] = tuple(f.name for f in fields(Settings) if f.metadata.get("world"))


def _param(f: Field[Any]) -> Param:
    meta = f.metadata
    return Param(f.name, "setting", f.default, min=meta["min"], max=meta["max"],
                 choices=meta["choices"])


def setting_param(name: str) -> Param | None:
    """The world-scoped setting `name` as a parameter (type, bounds, choices), or None if
    there is none of that name: a world's PATCH is checked as a rule parameter's is."""
    return next((_param(f) for f in fields(Settings) if f.name == name
                 and f.metadata.get("world")), None)


def describe_settings(base: Settings) -> list[dict[str, Any]]:
    """Every world-scoped setting: its name, type, the deployment's value and bounds."""
    out = []
    for f in fields(Settings):
        if f.metadata.get("world"):
            value = getattr(base, f.name)
            out.append({"name": f.name, "type": type(f.default).__name__,
                        "default": list(value) if isinstance(value, tuple) else value,
                        "min": f.metadata["min"], "max": f.metadata["max"],
                        "choices": list(f.metadata["choices"]) or None})
    return out
