"""Rules C, D, E and F of RULES.md: eligibility, the QR journey, invitations and unlinking."""

from __future__ import annotations

from sandbox.rules.model import Code, Param, Rule

_HOURS = 24 * 365 * 10  # bounds: no duration beyond ten years
_DAYS = 365 * 10

# C8: a marketing invitation refused for a C rule's cause; support fixes every cause except an
# abnormal account status, registration outside the market (and, in the sandbox, a link to
# another shop or the shop's own status).
_INVITEE = (("HOLDER_UNDER_18", True), ("ACCOUNT_OUTSIDE_MARKET", True),
            ("ACCOUNT_STATUS_ABNORMAL", False), ("SHOP_STATUS_ABNORMAL", False),
            ("ECOMMERCE_PERMISSION_REVOKED", True), ("ACCOUNT_ALREADY_LINKED", False),
            ("ID_CHECK_REQUIRED", True), ("REGISTERED_OUTSIDE_MARKET", False),
            ("ECOMMERCE_REVOKED", True))

RULES: tuple[Rule, ...] = (
    Rule("C1", "holder is at least {min_age}.", (Code("LINK_HOLDER_UNDER_18"),),
         (Param("min_age", "years", 18, "the youngest holder a shop may link", min=0, max=150),),
         ("001", "002")),
    Rule("C2", "the account's physical/network location is in the shop's market.",
         (Code("LINK_ACCOUNT_OUTSIDE_MARKET"),), sources=("001", "002")),
    Rule("C3", "the TikTok account's status is normal", (Code("LINK_ACCOUNT_STATUS_ABNORMAL"),),
         sources=("002",)),
    Rule("C4", "the shop's status is normal.", (Code("LINK_SHOP_STATUS_ABNORMAL"),),
         sources=("002",)),
    Rule("C5", "the account never had e-commerce permission revoked, and is not associated with "
         "an account that had.", (Code("LINK_ECOMMERCE_PERMISSION_REVOKED"),), sources=("001",)),
    Rule("C6", "the account is not already linked (B5).", (Code("LINK_ACCOUNT_ALREADY_LINKED"),),
         sources=("002",)),
    Rule("C7", "a link whose account was registered outside the shop's market, or whose "
         "e-commerce permission was revoked for violations, stays \"linking in progress\" until "
         "a support ticket resolves it.", (
             Code("LINK_PENDING_REGISTERED_OUTSIDE_MARKET", 422, ticket_fixable=False),
             Code("LINK_PENDING_ECOMMERCE_REVOKED", 422, ticket_fixable=True),
             Code("LINK_NOT_IN_PROGRESS", 409)), sources=("002",)),
    Rule("C8", "an ineligible creator cannot be sent a marketing invitation; a help-centre ticket "
         "can fix the cause, except an abnormal account status or registration outside the "
         "market.", (
             *(Code(f"INVITEE_{cause}", 422, ticket_fixable=fixable) for cause, fixable in _INVITEE),
             Code("INVITEE_ELIGIBLE", 409), Code("TICKET_CAUSE_NOT_FIXABLE")),
         sources=("002",)),
    Rule("D1", "Seller Center: read the rights and rules → \"Link Official Account\" → agree to "
         "the agreement → a QR code is shown.", (Code("AGREEMENT_REQUIRED"),), sources=("000", "001")),
    Rule("D2", "The TikTok app, logged in as the account to link, scans the code and taps "
         "\"Authorize\".", sources=("000", "001")),
    Rule("D3", "Seller Center checks every C rule; when all pass the seller confirms (\"Link this "
         "account\") and the link exists.", sources=("000", "001")),
    Rule("D4", "The linked account is shown with avatar, username, nickname, phone number and "
         "link time.", sources=("000", "001")),
    Rule("D5", "App-side entry: in the Seller app, enter the username, agree, the TikTok app "
         "authorizes, back in the Seller app tap \"Link\".", (Code("SELLER_APP_ACCOUNT_MISMATCH"),),
         sources=("000", "001")),
    Rule("E1", "The shop sends an invitation to a TikTok account; the creator accepts it in the "
         "app within {hours} hours, otherwise it expires.", (
             Code("INVITATION_ALREADY_PENDING", 409), Code("INVITATION_NOT_PENDING", 409)),
         (Param("hours", "hours", 48, "how long an invitation waits for the creator",
                min=1, max=_HOURS),), ("001", "002")),
    Rule("E2", "A shop may bind marketing accounts at most {max} times in any {window_days} days.",
         (Code("MARKETING_BIND_LIMIT"),),
         (Param("max", "binds", 10, "marketing binds in the window", min=0, max=10_000),
          Param("window_days", "days", 180, "the rolling window", min=1, max=_DAYS)), ("002",)),
    Rule("F1", "No unlink earlier than {hours} hours after the link was made.",
         (Code("UNLINK_TOO_SOON"),),
         (Param("hours", "hours", 24, "the cooldown after a link", min=0, max=_HOURS),),
         ("000", "001", "002")),
    Rule("F2", "An official account may be unlinked at most {max} times in the shop's whole "
         "history.", (Code("OFFICIAL_UNLINK_LIMIT"),),
         (Param("max", "unlinks", 3, "official unlinks in the shop's history", min=0, max=10_000),),
         ("000", "001", "002")),
    Rule("F3", "Marketing accounts may be unlinked at most {max} times in any {window_days} days.",
         (Code("MARKETING_UNLINK_LIMIT"),),
         (Param("max", "unlinks", 10, "marketing unlinks in the window", min=0, max=10_000),
          Param("window_days", "days", 180, "the rolling window", min=1, max=_DAYS)),
         ("000", "001", "002")),
    Rule("F4", "No unlink while the creator has ≥ {violation_points} violation points, a health "
         "score ≤ {health_score}, or a recent serious violation.", (
             Code("UNLINK_CREATOR_VIOLATION_POINTS"), Code("UNLINK_CREATOR_HEALTH_SCORE"),
             Code("UNLINK_CREATOR_SERIOUS_VIOLATION")),
         (Param("violation_points", "points", 12, "refused at this many points or more",
                min=0, max=1000),
          Param("health_score", "score", 150, "refused at this health score or less",
                min=0, max=1000),
          Param("serious_violation_days", "days", 90, "how long a serious violation is "
                "\"recent\" (sandbox default; no seed says)", min=0, max=_DAYS)),
         ("000", "001", "002")),
    Rule("F5", "Creator-initiated: in the app, Shop → View link info → \"Send unlink request\"; "
         "the shop sees the request and approves it; then the shop may link a new official "
         "account.", (Code("NOT_LINKED_TO_A_SHOP", 409),), sources=("002",)),
    Rule("F6", "After an unlink the account may link to another shop, and the shop may link "
         "another account.", sources=("002",)),
)
