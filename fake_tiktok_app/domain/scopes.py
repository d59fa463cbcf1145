"""Words the consent screen uses for each scope."""

from __future__ import annotations

SCOPE_WORDS = {
    "user.info.basic": "Read your profile info (avatar, display name)",
    "user.info.profile": "Read your profile details (username, bio, verified status)",
    "user.info.stats": "Read your profile stats (followers, likes, videos)",
    "user.info.eligibility": "Check your account can be linked to a shop (age, region, account "
                             "status, e-commerce permission, phone number)",
    "account.upgrade": "Upgrade this account to an organization account owned by the shop: a "
                       "trial starts (rule H1: 15 days unless the world says otherwise), and from "
                       "now on it logs in only with one-time passwords from Seller Center",
    "video.list": "Read your public videos",
    "video.upload": "Upload videos as drafts",
    "video.publish": "Post videos to your profile",
}


# What a scope means for a first-party client of another kind: Partner Center links the
# account to the partner (an agency: MCN or TAP), not to a shop.
KIND_WORDS = {
    "partner_center": {
        "user.info.eligibility": "Check your account can be linked to this partner (agency) in "
                                 "Partner Center (age, account status, violations, business "
                                 "registration, other agencies)",
    },
}


def describe_scopes(scope: str, client_kind: str = "") -> list[tuple[str, str]]:
    words = {**SCOPE_WORDS, **KIND_WORDS.get(client_kind, {})}
    return [(s, words.get(s, s)) for s in scope.split(",") if s]
