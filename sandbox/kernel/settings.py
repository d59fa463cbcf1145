"""Settings shared by both services; every duration a rule uses is here or in a market profile."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, fields, replace
from typing import Any


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
    # QR authorization ticket lifetime; TikTok does not document it, clients assume ~2 min.
    qr_ttl_seconds: int = 120
    # Seller Center's claim on a confirmed QR code or accepted invitation (the code exchange and
    # checks that follow): a claim older than this (world time) belongs to a poller that died and
    # is taken over by the next poll or settled by a due job (sandbox choice, not TikTok's).
    claim_lease_seconds: int = 30
    # The QR pages of Seller Center, Partner Center and the Douyin backend stop at `checking`
    # ("Checking the account…") for one poll after the app authorizes, so the step shows; the
    # next poll exchanges the code and reads the rules (sandbox choice; the API's polls never
    # stop there). False: the poll that sees the authorization does both, as the API does.
    pages_show_checking: bool = True
    # Authorization codes (QR and Login Kit); TikTok does not document it.
    auth_code_ttl_seconds: int = 600
    # Login Kit token lifetimes: the classic documented preset (24 h / 365 d); see protocols.md §1.2.
    access_token_ttl_seconds: int = 86400
    refresh_token_ttl_seconds: int = 31536000
    client_token_ttl_seconds: int = 7200
    # "classic" uses the two TTLs above; "2026" is the newer doc's 2 h / 180 d preset.
    # Refresh always rotates: the refresh token just used stops working.
    token_preset: str = "classic"
    # TikTok Shop Open API: auth code 30 min (documented), access token 7 d, refresh ~1 y.
    shop_auth_code_ttl_seconds: int = 1800
    shop_access_token_ttl_seconds: int = 7 * 86400
    shop_refresh_token_ttl_seconds: int = 365 * 86400
    # A seller authorization lasts a year; webhook 7 fires 30 days before, then daily.
    shop_authorization_ttl_seconds: int = 365 * 86400
    # Webhook retries after a failed delivery (configuration-guide.md): +2 min, +30 min, +3 h, +12 h.
    webhook_retry_seconds: tuple[int, ...] = (120, 1800, 10800, 43200)
    webhook_timeout_seconds: float = 3.0
    # TikTok answers OAuth errors with HTTP 200 + error body; "rfc" switches to 400/401.
    oauth_error_status: str = "tiktok"
    # OAuth edges: replaying a rotated-out refresh token revokes every token of its grant (RFC 9700
    # §4.14.2); False only refuses the replay.
    refresh_reuse_revokes_family: bool = True
    # /v2/user/info/ ignores fields it does not know; True answers them with 400 invalid_params.
    user_info_strict_fields: bool = False
    # Seconds between ticker passes that fire due jobs of real-time worlds.
    ticker_interval: float = 1.0
    # Seconds a request-log row may wait in memory before its batch is written (reads of the
    # log in the same process write what waits first; see kernel/request_log.py).
    request_log_flush_seconds: float = 0.2
    seed_demo: bool = True
    # G4: organization accounts' one-time passwords (pyotp TOTP). A password is valid for its
    # time-step and `otp_valid_window` steps after it; every password is single-use.
    otp_digits: int = 6
    otp_interval_seconds: int = 60
    otp_valid_window: int = 1
    # G4: wrong SMS codes (per shop) or wrong one-time passwords (per account) lock after this
    # many failures for this long (world time).
    lockout_threshold: int = 5
    lockout_seconds: int = 900
    # G4: the SMS verification code sent to the shop's phone expires after this long.
    sms_code_ttl_seconds: int = 300
    # H1/H5: the upgrade trial of a personal account ends (completes) after this many days.
    upgrade_trial_days: int = 15
    # I2: "cannot be a registered business account" — "another_entity" (RULES.md: registered to
    # an entity other than the partner's) or "any_business" (the seed's literal words).
    partner_business_account_rule: str = "another_entity"
    # I4: a Partner Center creator invitation waits this long (no seed gives a period).
    partner_invitation_ttl_hours: int = 72
    # Douyin Shop (J1, J4–J7); seed 003 gives none of these but the reminder date.
    douyin_authorized_accounts_max: int = 5
    douyin_blue_v_seconds: int = 3 * 86400  # case 4: blue V verification completes after
    douyin_entity_change_seconds: int = 86400  # case 3: the entity-change confirmation
    douyin_rebinds_max: int = 1  # J5: "one replacement opportunity"
    douyin_upgrade_waits_for_blue_v: bool = True  # J6: upgrade refused while verifying
    douyin_upgrade_reminder_from: str = "2022-12-16T00:00:00Z"  # J7 (seed 003)
    douyin_upgrade_deadline_days: int = 30  # J7: from the later of binding and reminder

    # A4/B6: followers an affiliate creator needs to join, go LIVE and post shoppable videos.
    affiliate_follower_minimum: int = 1000

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
