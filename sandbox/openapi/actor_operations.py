"""Words and answers of the actor APIs, keyed by Flask endpoint: the seller's (/api/v1 on the
sandbox) and the app user's (/app/api/v1 on the fake app). `*` stands for rule codes."""

from __future__ import annotations

from sandbox.openapi.shapes import APP, INT, SELLER, STR, Op, array, obj, op, ref, strings

_C_RULES = ("LINK_HOLDER_UNDER_18 LINK_ACCOUNT_OUTSIDE_MARKET "
            "LINK_ACCOUNT_STATUS_ABNORMAL LINK_SHOP_STATUS_ABNORMAL "
            "LINK_ECOMMERCE_PERMISSION_REVOKED LINK_ACCOUNT_ALREADY_LINKED "
            "ORG_ACCOUNT_OTHER_SHOP ORG_ACCOUNT_LINK_LIMIT LINK_ACCOUNT_IN_UPGRADE_TRIAL")
_JOURNEY = ("D1 agree → QR shown (`qr_shown`) → D2 the phone scans (`scanned`) and authorizes → "
            "D3 Seller Center reads user info and applies C1–C7: `refused` (with `error`), "
            "`in_progress` (C7: a link that waits for a support ticket) or `ready` → confirm → "
            "`linked`. Also `expired`, `denied` (the phone tapped Cancel), `cancelled`, `failed`.")
_RQ = {404: "LINK_REQUEST_NOT_FOUND", 502: "TIKTOK_APP_ERROR"}
_QR_STATE = "QR_EXPIRED QR_ALREADY_USED QR_SCANNED_BY_OTHER"
_QR = {404: "QR_NOT_FOUND", 409: f"QR_NOT_SCANNED {_QR_STATE}"}
_ORG = {404: "ORG_ACCOUNT_NOT_FOUND", 422: "*"}
_UPGRADE = {404: "UPGRADE_REQUEST_NOT_FOUND", 409: "UPGRADE_NOT_IN_TRIAL", 422: "*"}
_INVITATION = {404: "INVITATION_NOT_FOUND", 409: "INVITATION_NOT_PENDING"}
_LOGIN = {401: "LOGIN_FAILED", 404: "WORLD_NOT_FOUND", 422: "*"}
_ORGS = obj({"organization_accounts": array(ref("OrganizationAccount"))})

SELLER_OPERATIONS: dict[str, Op] = {
    "seller_api.login": op("Log a seller in; returns a bearer token", "SellerSession",
                           errors={401: "SELLER_LOGIN_FAILED", 404: "WORLD_NOT_FOUND"}),
    "seller_api.my_shop": op("The seller's shop and its active links", "Shop"),
    "seller_api.start_official": op(
        "Agree to the official account rules and show a QR code (D1), or, with `username`, "
        "start the Seller app's entry (D5)", "LinkRequest", 201, {
            404: "FIRST_PARTY_CLIENT_MISSING", 502: "TIKTOK_APP_ERROR",
            422: "AGREEMENT_REQUIRED LINK_SHOP_STATUS_ABNORMAL "
                 "LINK_SHOP_HAS_OFFICIAL_ACCOUNT"}, ok_text="QR shown", description=_JOURNEY + (
            " D5 (the Seller app: Settings → Linked TikTok Accounts → Official Account): send "
            "`username` too; the response's `app_link` is what the Seller app opens the TikTok "
            "app with (`POST /app/api/v1/scan {url: app_link}` as that account, then "
            "authorize); the C rules and the confirmation are those of the QR journey, and an "
            "authorization by another account is refused SELLER_APP_ACCOUNT_MISMATCH (D5).")),
    "seller_api.get_link_request": op(
        "The link request: polls the QR code once and, when the phone has authorized, applies "
        "the C rules", "LinkRequest", errors=_RQ, description=_JOURNEY + (
            " A refusal is not an HTTP error here: the request turns `refused` and its `error` "
            "names the rule (C1–C6, G5, H2; B1 if another link won a race).")),
    "seller_api.confirm": op(
        "Link this account (D3): the rules are read again, the account may have changed",
        "LinkRequest", errors={**_RQ, 409: "LINK_REQUEST_NOT_READY",
                               422: f"{_C_RULES} LINK_SHOP_HAS_OFFICIAL_ACCOUNT"}),
    "seller_api.cancel": op("Cancel a link request (not one that made a link)", "LinkRequest",
                            errors={404: "LINK_REQUEST_NOT_FOUND",
                                    409: "LINK_REQUEST_NOT_CANCELLABLE"}),
    "marketing_api.invite": op(
        "Invite a TikTok account as a marketing account (E1, E2, B3, B4, B5, C1–C8)",
        "Invitation", 201, {404: "INVITEE_NOT_FOUND", 409: "INVITATION_ALREADY_PENDING",
                            422: "MARKETING_ACCOUNT_IS_OFFICIAL *"}),
    "marketing_api.list_invitations": op(
        "The shop's invitations (pending ones are checked with the app first)",
        obj({"invitations": array(ref("Invitation"))})),
    "marketing_api.get_invitation": op(
        "One invitation; asks the app once whether the creator answered (E1)", "Invitation",
        errors={404: "INVITATION_NOT_FOUND"}),
    "marketing_api.unlink": op("Unlink an official or marketing account (F1–F4, F6); never on "
                               "a Douyin shop (J5: rebind instead)", "Link",
                               errors={404: "LINK_NOT_FOUND",
                                       422: "DOUYIN_UNLINK_NOT_AVAILABLE *"}),
    "marketing_api.unlink_requests": op(
        "Creators' unlink requests received by this shop (F5)",
        obj({"unlink_requests": array(ref("UnlinkRequest"))})),
    "marketing_api.decide_unlink_request": op(
        "Approve (F1–F4 still apply) or decline a creator's unlink request (F5)",
        "UnlinkRequest", errors={400: "INVALID_FIELD", 404: "UNLINK_REQUEST_NOT_FOUND",
                                 422: "*"}, description="`decision` is approve or decline."),
    "marketing_api.open_ticket": op(
        "Open a support ticket about a link in progress (C7) or an ineligible invitee (C8)",
        "Ticket", 201, {400: "MISSING_FIELD", 404: "LINK_NOT_FOUND",
                        409: "LINK_NOT_IN_PROGRESS INVITEE_ELIGIBLE",
                        422: "TICKET_CAUSE_NOT_FIXABLE"}),
    "marketing_api.list_tickets": op("The shop's support tickets",
                                     obj({"tickets": array(ref("Ticket"))})),
    "marketing_api.rename_shop": op(
        "Rename the shop; its official account is renamed at the same moment (B2; while it is "
        "an organization account, a name of 30 characters or more is refused, G2)",
        obj({"id": STR, "name": STR, "official_link_id": {"type": ["string", "null"]}}),
        errors={422: "ORG_ACCOUNT_NAME_TOO_LONG"}),
    "org_api.create": op("Official account → Create (G1); pending for the market's delay (G3)",
                         "OrganizationAccount", 201, {422: "*"}, ok_text="Requested"),
    "org_api.list_orgs": op("The shop's organization accounts (the 'Use existing account' "
                            "list)", _ORGS),
    "org_api.get_org": op("One organization account by its id or open_id",
                          "OrganizationAccount", errors={404: "ORG_ACCOUNT_NOT_FOUND"}),
    "org_api.relink": op("Use existing account: link it again without a QR (G5: own shop, at "
                         "most 2 times)", "OrganizationAccount", errors=_ORG),
    "org_api.send_sms": op(
        "One-time password → verify by phone: send a code to the shop's phone (G4)",
        obj(strings("sent_to", "expires_at")), 201,
        {400: "SHOP_PHONE_MISSING", 404: "ORG_ACCOUNT_NOT_FOUND",
         422: "SMS_VERIFICATION_LOCKED *"}, ok_text="Sent"),
    "org_api.one_time_password": op(
        "Enter the SMS code; get the login username and a one-time password (G4)",
        "OneTimePassword", errors={404: "ORG_ACCOUNT_NOT_FOUND",
                                   422: "SMS_VERIFICATION_LOCKED *",
                                   429: "OTP_WAIT"},
        description="5 wrong codes lock the shop's phone check for 15 minutes. A second "
                    "password asked for in one time-step is the next step's; a third is "
                    "refused (OTP_WAIT, details.retry_after_seconds) and the SMS code stays "
                    "usable."),
    "org_api.start_upgrade": op(
        "Upgrade an existing personal account: agree to the terms, get a QR code (H1)",
        "UpgradeRequest", 201, {422: "UPGRADE_TERMS_REQUIRED *"}, ok_text="QR shown"),
    "org_api.get_upgrade": op(
        "Poll the upgrade: QR status, then the trial (refused H6 if linked as official)",
        "UpgradeRequest", errors={404: "UPGRADE_REQUEST_NOT_FOUND"}),
    "org_api.upgrade_now": op("Upgrade now (H4): complete early, link as the official account",
                              "UpgradeRequest", errors=_UPGRADE),
    "org_api.cancel_upgrade": op("Cancel (H4): the account is personal again, nothing is linked",
                                 "UpgradeRequest", errors=_UPGRADE),
    "open_pages.list_apps": op("Apps authorized for my shop", obj({"apps": array(
        {"type": "object"})})),
    "open_pages.deauthorize": op("Deauthorize an app (webhook type 6)",
                                 obj(strings("app_key", "status")),
                                 errors={404: "APP_NOT_AUTHORIZED"}),
}

APP_OPERATIONS: dict[str, Op] = {
    "app_api.login": op("Log in on the phone with username and password; returns a session "
                        "token", "AppSession", errors={
                            **_LOGIN, 401: "LOGIN_FAILED ACCOUNT_BANNED",
                            422: "ORG_ACCOUNT_PASSWORD_LOGIN_DISABLED@G4"}),
    "app_api.me": op("The logged-in account", "Account"),
    "app_api.switch_to_business": op(
        "Settings → Account → Switch to Business Account (A2; Partner Center links a business "
        "account, I1); again is a no-op", "Account", errors={409: "ACCOUNT_NOT_PERSONAL"}),
    "app_api.switch_to_personal": op(
        "Settings → Account → Switch to Personal Account (A2 back to A1); again is a no-op",
        "Account", errors={409: "ACCOUNT_NOT_BUSINESS"}),
    "app_api.scan": op("Scan a QR code (D2): its URL, or its token; or open a Seller app "
                       "link (D5: its `for_username` must be this account)", "ScannedQr",
                       errors={400: "MISSING_FIELD", 404: "QR_NOT_FOUND", 409: _QR_STATE,
                               422: "SELLER_APP_ACCOUNT_MISMATCH"}),
    "app_api.authorize": op("Tap Authorize (D2): the QR code turns confirmed", "ScannedQr",
                            errors=_QR),
    "app_api.deny": op("Tap Cancel: the QR code expires (check_qrcode adds sandbox_reason: "
                       "denied)", "ScannedQr", errors=_QR),
    "app_api.displayed": op("QR codes on screen in this world now (status new, not expired)",
                            obj({"qr_codes": array(ref("ScannedQr"))})),
    "app_api.list_authorizations": op(
        "Settings → Manage app permissions: third-party apps this account authorized",
        obj({"apps": array(ref("AuthorizedApp"))})),
    "app_api.remove_authorization": op(
        "Remove an app: its tokens stop working; webhook authorization.removed (reason 1)",
        obj({"client_key": STR, "revoked_tokens": INT}),
        errors={404: "CLIENT_NOT_FOUND APP_NOT_AUTHORIZED"}),
    "org_app_api.login_otp": op(
        "Log in with username + one-time password (G4; also accounts in upgrade trial, H2)",
        "AppSession", errors={**_LOGIN, 401: "OTP_LOGIN_NOT_AVAILABLE OTP_INVALID "
                                             "OTP_ALREADY_USED"}),
    "org_app_api.login_phone": op("Phone + password login; refused for OTP-only accounts",
                                  "AppSession", errors=_LOGIN),
    "org_app_api.login_email": op("E-mail (<username>@…) + password; refused for OTP-only "
                                  "accounts", "AppSession", errors=_LOGIN),
    "org_app_api.me_organization": op("What this account is (G6, H2)", "Organization"),
    "org_app_api.earnings": op("Earnings left to withdraw (H3)", obj({"earnings_cents": INT})),
    "org_app_api.withdraw": op("Withdraw every earning (H3)",
                               obj({"withdrawn_cents": INT, "earnings_cents": INT}),
                               errors={422: "*"}),
    "app_inbox_api.inbox": op("The invitations in this account's inbox (E1)",
                              obj({"invitations": array(ref("InboxInvitation"))})),
    "app_inbox_api.accept": op("Accept an invitation (within E1's `hours`, 48 by default)", "InboxInvitation",
                               errors=_INVITATION),
    "app_inbox_api.decline": op("Decline an invitation", "InboxInvitation", errors=_INVITATION),
    "app_inbox_api.link_info": op("Shop → View link info", obj({
        "linked": {"type": "boolean"}, **strings("shop_id", "shop_name", "link_id"),
        "role": {"enum": ["official", "marketing"]},
        "linked_at": {"type": "string", "format": "date-time"}})),
    "app_inbox_api.request_unlink": op("Send unlink request (F5)", "UnlinkRequest", 201,
                                       {409: "NOT_LINKED_TO_A_SHOP", 422: "*"}),
}
for _name in SELLER_OPERATIONS:
    SELLER_OPERATIONS[_name].tag = SELLER
for _name in APP_OPERATIONS:
    APP_OPERATIONS[_name].tag = APP
