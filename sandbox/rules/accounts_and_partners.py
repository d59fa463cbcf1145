"""Rules G, H, I, J and S of RULES.md: organization accounts, upgrades, partners, Douyin Shop
and selling, declared once."""

from __future__ import annotations

from sandbox.rules.model import Code, Param, Rule

_DAY = 86400
# G4/H2: every other login method of an OTP-only account is refused with its own code.
_OTP_ONLY = tuple(Code(f"ORG_ACCOUNT_{method}_LOGIN_DISABLED") for method in ("PASSWORD", "PHONE",
                                                                             "EMAIL"))

RULES: tuple[Rule, ...] = (
    Rule("G1", "Created from Seller Center (at onboarding, or later when no official account is "
         "linked) with the shop's business credentials; owned by the shop; nickname and avatar "
         "come from the shop name and logo; username optional; region = target market.", (
             Code("ORG_ACCOUNT_OFFICIAL_ALREADY_LINKED"), Code("ORG_ACCOUNT_USERNAME_TAKEN")),
         sources=("001",)),
    Rule("G2", "The shop name must be under {max_name_length+1} characters, else creation fails; "
         "a shop exception also fails it. The reason is shown. The name rule holds afterwards: "
         "while an organization account is the shop's official account, renaming the shop to "
         "{max_name_length+1} or more characters is refused (B2 would break it).", (
             Code("ORG_ACCOUNT_NAME_TOO_LONG"), Code("ORG_ACCOUNT_SHOP_ABNORMAL")),
         (Param("max_name_length", "characters", 29, "the longest shop name an organization "
                "account takes (\"under 30\")", min=1, max=200),), ("001",)),
    Rule("G3", "Creation takes about 2–3 minutes (asynchronous: pending → created | failed).",
         (Code("ORG_ACCOUNT_CREATION_PENDING"),),
         (Param("seconds", "seconds", 150, "how long a creation takes (world time)",
                min=0, max=30 * _DAY),), ("001",)),
    Rule("G4", "Login to the app and to LIVE Manager only with a one-time password from Seller "
         "Center: the OTP button → verify by a code sent to the shop's phone → a one-time "
         "password → log in. Password, phone and email logins do not work.", (
             Code("ORG_ACCOUNT_NOT_FOUND", 404, general=True), *_OTP_ONLY,
             Code("OTP_ALREADY_USED", 401), Code("OTP_INVALID", 401), Code("OTP_LOCKED"),
             Code("OTP_WAIT", 429), Code("SMS_CODE_EXPIRED"), Code("SMS_CODE_INVALID"),
             Code("SMS_VERIFICATION_LOCKED")),
         (Param("otp_digits", "digits", 6, "digits of a one-time password (fixed per account "
                "when its first password is made)", min=6, max=10),
          Param("otp_interval_seconds", "seconds", 60, "a one-time password's time-step (fixed "
                "per account when its first password is made)", min=10, max=3600),
          Param("otp_valid_window", "steps", 1, "later time-steps a password stays valid in",
                min=0, max=10),
          Param("lockout_threshold", "failures", 5, "wrong SMS codes or passwords before a lock",
                min=1, max=100),
          Param("lockout_seconds", "seconds", 900, "how long a lock lasts", min=1, max=30 * _DAY),
          Param("sms_code_seconds", "seconds", 300, "how long an SMS code is valid",
                min=10, max=_DAY)), ("001",)),
    Rule("G5", "An organization account can be linked to its own seller at most {max} times in "
         "total, and never to another shop. Re-link after an accidental unlink: \"Use existing "
         "account\" → pick it from the list.", (
             Code("ORG_ACCOUNT_LINK_LIMIT"), Code("ORG_ACCOUNT_NOT_OWNED", 403),
             Code("ORG_ACCOUNT_OTHER_SHOP")),
         (Param("max", "links", 2, "links of an organization account to its shop", min=0,
                max=1000),), ("001",)),
    Rule("G6", "No blue verified badge; same traffic as a normal account; some features are "
         "unavailable (only the Commercial Music Library; general-library sounds in earlier "
         "videos are muted).", sources=("001",)),
    Rule("H1", "From Seller Center: read the upgrade terms, the app scans the QR code → a "
         "{trial_days}-day trial starts. The trial holds the shop's official slot: no other "
         "official account can be linked while it runs.", (
             Code("OFFICIAL_SLOT_HELD_BY_UPGRADE_TRIAL"), Code("UPGRADE_NOT_PERSONAL"),
             Code("UPGRADE_TERMS_REQUIRED")),
         (Param("trial_days", "days", 15, "the upgrade trial's length", min=0, max=3650),),
         ("001",)),
    Rule("H2", "In the trial the account is still personal, has no e-commerce permission, and "
         "logs in only by OTP (its old login methods stop working at once).",
         (Code("LINK_ACCOUNT_IN_UPGRADE_TRIAL"), *_OTP_ONLY), sources=("001",)),
    Rule("H3", "The creator should withdraw earnings in the trial; unclaimed earnings expire "
         "when it ends.", sources=("001",)),
    Rule("H4", "\"Upgrade now\" completes it early; \"Cancel\" reverts to a normal personal "
         "account, not linked.", (Code("UPGRADE_NOT_IN_TRIAL", 409),), sources=("001",)),
    Rule("H5", "The trial ends in completion after {H1.trial_days} days; completion is permanent: "
         "the account stays an organization account even if later unlinked.",
         (Code("UPGRADE_ALREADY_ORGANIZATION"),), sources=("001",)),
    Rule("H6", "A personal account already linked as the official account cannot be upgraded "
         "(FAQ Q1).", (Code("UPGRADE_LINKED_OFFICIAL_ACCOUNT"),), sources=("001",)),
    Rule("I1", "A partner links one TikTok business account: Partner Center → My Account → Link "
         "TikTok Account → Get Started shows a QR code → the app's QR scanner scans it → "
         "\"Connect Now\".", (Code("PARTNER_ACCOUNT_NOT_BUSINESS"),), sources=("004",)),
    Rule("I2", "Criteria: holder ≥ 18; active with no violation history; not a registered "
         "business account of another entity; not linked with another agency or the Creator "
         "Network.", (
             Code("PARTNER_HOLDER_UNDER_18"), Code("PARTNER_ACCOUNT_NOT_ACTIVE"),
             Code("PARTNER_ACCOUNT_HAS_VIOLATIONS"), Code("PARTNER_ACCOUNT_REGISTERED_BUSINESS"),
             Code("PARTNER_ACCOUNT_WITH_OTHER_AGENCY"), Code("PARTNER_ACCOUNT_IN_CREATOR_NETWORK")),
         (Param("business_account", "choice", "another_entity", "which business accounts are "
                "refused: another_entity (RULES.md; a personal account is refused too, I1) or "
                "any_business (the seed's literal words; a personal account links)",
                choices=("another_entity", "any_business")),), ("004",)),
    Rule("I3", "One TikTok account per partner account; changing or unlinking goes through the "
         "partner's account manager (a sandbox operator action).",
         (Code("PARTNER_ALREADY_LINKED"),), sources=("004",)),
    Rule("I4", "A linked handle can be attached to: Manage Partnerships → Add New Creator "
         "invitations, Find Creators → Invite, and Partner Campaigns → Create Campaign (Social "
         "Account section); sellers see it on Campaign Details and can open the profile.",
         (Code("PARTNER_TIKTOK_NOT_LINKED"),),
         (Param("invitation_hours", "hours", 72, "how long a creator invitation waits (no seed "
                "gives a period)", min=1, max=24 * 3650),), ("004",)),
    Rule("J1", "One official account per shop; other accounts may be authorized for promotion, "
         "but an authorized account cannot also be the official account.", (
             Code("DOUYIN_AUTHORIZED_LIMIT"), Code("DOUYIN_AUTHORIZED_NOT_OFFICIAL")),
         (Param("authorized_max", "accounts", 5, "accounts authorized for promotion (sandbox "
                "default; the seed gives none)", min=0, max=1000),), ("003",)),
    Rule("J2", "Every account must be real-name verified before binding.",
         (Code("DOUYIN_REAL_NAME_REQUIRED"),), sources=("003",)),
    Rule("J3", "An enterprise (blue V) account's verified entity must match the shop's "
         "business-license entity.", (Code("DOUYIN_ENTITY_MISMATCH"),), sources=("003",)),
    Rule("J4", "On scan, four cases: (1) blue V / verified enterprise with matching entity → "
         "bind; (2) mismatched entity → refused; (3) unverified enterprise account → confirm shop "
         "and account, agree, bind, and an entity-change confirmation is started; (4) personal "
         "account → confirm, bind, and blue V verification is started automatically.", (),
         (Param("blue_v_seconds", "seconds", 3 * _DAY, "case 4: blue V verification completes "
                "after", min=0, max=3650 * _DAY),
          Param("entity_change_seconds", "seconds", _DAY, "case 3: the entity-change "
                "confirmation completes after", min=0, max=3650 * _DAY)), ("003",)),
    Rule("J5", "A bound but not upgraded official account offers \"rebind\": {max:words} "
         "replacement opportunity in total. The seller has no other way to change it (TikTok's "
         "unlink does not apply; only the operator can).", (
             Code("DOUYIN_NOTHING_TO_REBIND"), Code("DOUYIN_REBIND_AFTER_UPGRADE"),
             Code("DOUYIN_REBIND_USED"), Code("DOUYIN_UNLINK_NOT_AVAILABLE")),
         (Param("max", "rebinds", 1, "replacement opportunities", min=0, max=100),), ("003",)),
    Rule("J6", "After upgrade the account name follows blue V naming and is set to the shop name "
         "(editable later).", (
             Code("DOUYIN_NOTHING_TO_UPGRADE"), Code("DOUYIN_UPGRADE_WAITS_FOR_VERIFICATION")),
         (Param("waits_for_blue_v", "switch", True, "the upgrade is refused while the blue V "
                "verification runs"),), ("003",)),
    Rule("J7", "From a set date, shops are reminded to complete the upgrade; missing the deadline "
         "may restrict product listing.", (Code("DOUYIN_UPGRADE_OVERDUE"),),
         (Param("reminder_from", "instant", "2022-12-16T00:00:00Z", "when reminders start "
                "(seed 003)"),
          Param("deadline_days", "days", 30, "the deadline, from the later of binding and the "
                "reminder date", min=0, max=3650)), ("003",)),
    Rule("S1", "Channels: an official account sells through videos, LIVEs and its shop page; a "
         "marketing account and an affiliate creator through videos, LIVEs and their showcase; "
         "any buyer may also buy from the product's own page.", (
             Code("CHANNEL_NOT_AVAILABLE"), Code("PRODUCT_NOT_ON_SURFACE", 409),
             Code("PRODUCT_NOT_FOR_SALE", 409)), sources=("000",)),
    Rule("S2", "Commission: a sale through the shop's own linked account (official or marketing) "
         "pays no commission; an affiliate creator's sale pays the commission rate the product is "
         "open to affiliates at (or a partner campaign's). The commission is fixed when the order "
         "is paid, payable once the order completes, reversed by a cancellation or refund.",
         sources=("002", "001")),
    Rule("S3", "Orders follow TikTok's statuses (`protocols.md` §4): unpaid orders are cancelled "
         "after a time limit; paid orders are on hold for a cancellation window, then await "
         "shipment; shipped, collected, in transit, delivered, completed after a period; buyer "
         "cancellation requests and returns are approved or rejected by the seller. Durations are "
         "rule parameters with documented defaults (a sandbox choice where TikTok gives none).", (
             Code("ORDER_TRANSITION_NOT_ALLOWED", 409), Code("ORDER_TRANSITION_NOT_YOURS", 409),
             Code("ORDER_ON_HOLD", 409), Code("ORDER_ALREADY_SHIPPED", 409),
             Code("ORDER_IS_CANCELLED", 409), Code("ORDER_NOT_SHIPPABLE", 409),
             Code("ORDER_NOT_CANCELLABLE", 409), Code("RETURN_BEFORE_DELIVERY", 409),
             Code("RETURN_WINDOW_CLOSED", 409), Code("ORDER_REQUEST_PENDING", 409),
             Code("ORDER_REQUEST_ANSWERED", 409), Code("PAYMENT_DECLINED", 402),
             Code("ORDER_ADDRESS_LOCKED", 409)), (
             Param("unpaid_cancel_minutes", "minutes", 30, "an unpaid order is cancelled (SYSTEM, "
                   "system_cancel_unpaid_time_out) after this; TikTok gives no figure (sandbox "
                   "choice)", min=1, max=_DAY // 60 * 30),
             Param("hold_minutes", "minutes", 60, "ON_HOLD, the buyer's remorse window after "
                   "payment (TikTok: 1 hour), then AWAITING_SHIPMENT", min=0, max=_DAY // 60 * 30),
             Param("collect_hours", "hours", 24, "the simulated carrier collects a shipped "
                   "package (AWAITING_COLLECTION → IN_TRANSIT) after this (sandbox choice)",
                   min=0, max=24 * 365),
             Param("deliver_hours", "hours", 72, "the simulated carrier delivers (IN_TRANSIT → "
                   "DELIVERED) after this (sandbox choice)", min=0, max=24 * 365),
             Param("auto_complete_days", "days", 7, "a delivered order is COMPLETED when the "
                   "after-sales period ends, this long after delivery (TikTok gives no figure; "
                   "sandbox choice)", min=0, max=3650),
             Param("cancel_auto_approve_hours", "hours", 48, "a buyer's cancellation request "
                   "nobody answers is approved by TikTok after this (TikTok: 48 h)",
                   min=1, max=24 * 365),
             Param("return_auto_approve_hours", "hours", 48, "a buyer's return or refund request "
                   "nobody answers is approved by TikTok after this (TikTok: 48 h)",
                   min=1, max=24 * 365)),
         sources=("000", "001", "002")),
    Rule("S4", "Stock: a sale takes stock, a cancellation or refund gives it back; a shop never "
         "sells more than it has, whatever the concurrency.", (Code("OUT_OF_STOCK", 409),),
         sources=("000", "001", "002")),
)
