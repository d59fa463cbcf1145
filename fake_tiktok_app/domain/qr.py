"""The QR authorization state machine of TikTok's Login Kit (protocols.md §2)."""

from __future__ import annotations

from datetime import datetime

from sandbox.kernel.errors import Conflict, Forbidden, RuleViolation

NEW, SCANNED, CONFIRMED, UTILISED, EXPIRED = "new", "scanned", "confirmed", "utilised", "expired"
STATUSES = (NEW, SCANNED, CONFIRMED, UTILISED, EXPIRED)
TICKET_PLACEHOLDER = "tobefilled"


def effective_status(status: str, expires_at: datetime, now: datetime) -> str:
    """A ticket not yet confirmed expires when its TTL has passed, whether or not a job ran."""
    if status in (NEW, SCANNED) and now >= expires_at:
        return EXPIRED
    return status


def check_can_scan(status: str, scanned_by: str | None, open_id: str) -> None:
    if status == EXPIRED:
        raise Conflict("This QR code has expired. Ask for a new one in Seller Center.",
                       code="QR_EXPIRED")
    if status in (CONFIRMED, UTILISED):
        raise Conflict("This QR code was already used.", code="QR_ALREADY_USED")
    if status == SCANNED and scanned_by not in (None, open_id):
        raise Conflict("Another account already scanned this QR code.", code="QR_SCANNED_BY_OTHER")


def check_deep_link_account(expected_username: str | None, username: str) -> None:
    """D5: the Seller app opened the TikTok app for one username; another account is refused
    (the deep link's `for_username`, a sandbox extension; Seller Center checks it again)."""
    if expected_username and expected_username.lstrip("@").lower() != username.lower():
        raise RuleViolation(f"The Seller app asked to authorize @{expected_username.lstrip('@')}, "
                            f"but this phone is logged in as @{username}. Log in as "
                            f"@{expected_username.lstrip('@')} and open the link again.",
                            code="SELLER_APP_ACCOUNT_MISMATCH", rule="D5")


def check_can_decide(status: str, scanned_by: str | None, open_id: str) -> None:
    """Authorize or deny: only the account that scanned, only while scanned."""
    if status == NEW:
        raise Conflict("Scan the QR code before authorizing.", code="QR_NOT_SCANNED")
    check_can_scan(status, scanned_by, open_id)
    if scanned_by != open_id:
        raise Forbidden("Only the account that scanned this QR code can answer it.",
                        code="QR_SCANNED_BY_OTHER")


def check_response(status: str) -> str:
    """What one check_qrcode poll reports, and the status it leaves behind.

    The first poll that sees `confirmed` hands out the code; later polls say `utilised`."""
    return UTILISED if status == CONFIRMED else status
