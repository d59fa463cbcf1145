"""What an account may sell (A4, B1, B3, B6): identity documents, affiliate status, showcase, LIVE."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.kernel.errors import BadRequest, Conflict, RuleViolation

# A4: "personal ID (passport, green card, driver's license, etc.) from the target sales country".
# The seeds name three documents for the US; the rest follow each market's usual identity papers.
ID_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "US": ("passport", "green_card", "drivers_license", "state_id"),
    "GB": ("passport", "driving_licence", "national_id", "residence_permit"),
}
DEFAULT_ID_DOCUMENTS = ("passport", "national_id", "drivers_license")
ACTIVE = "ACTIVATE"  # TikTok Shop's status of a product on sale


def accepted_documents(country: str) -> tuple[str, ...]:
    return ID_DOCUMENTS.get(country, DEFAULT_ID_DOCUMENTS)


def check_id_document(document_type: str, country: str, target_market: str) -> None:
    """A4/M2: a personal ID document issued by the target market, of a kind that market uses."""
    if country != target_market:
        raise RuleViolation(
            f"The document was issued in {country}; verify with an ID document of the target "
            f"market ({target_market}).", code="ID_DOCUMENT_WRONG_MARKET", rule="A4")
    kinds = accepted_documents(country)
    if document_type not in kinds:
        raise BadRequest(f"A {document_type!r} is not accepted in {country}; use one of "
                         f"{', '.join(kinds)}.", code="ID_DOCUMENT_TYPE_NOT_ACCEPTED", rule="A4",
                         details={"accepted": list(kinds)})


@dataclass(frozen=True)
class Seller:
    """Who is promoting: the account's link role and shop, affiliate status and followers."""

    role: str | None  # "official" | "marketing" | None (not linked)
    shop_id: str | None
    affiliate: bool
    followers: int


@dataclass(frozen=True)
class Offer:
    """A product as the app's catalogue mirror knows it."""

    product_id: str
    shop_id: str
    status: str
    affiliate_open: bool


def check_affiliate_application(seller: Seller, agreement_signed: bool, id_country: str | None,
                                account_region: str, follower_minimum: int) -> None:
    """A4: sign the commission agreement, verify identity in the target market, have followers.
    B1: an official account promotes only its own shop, so it cannot become an affiliate."""
    if seller.affiliate:
        raise Conflict("This account is already an affiliate creator.",
                       code="AFFILIATE_ALREADY_APPROVED", rule="A4")
    if seller.role == "official":
        raise RuleViolation("An official account promotes only its own shop's products and cannot "
                            "join the affiliate program; apply with another account.",
                            code="AFFILIATE_OFFICIAL_ACCOUNT", rule="B1")
    if not agreement_signed:
        raise RuleViolation("Sign the affiliate commission agreement first.",
                            code="AFFILIATE_AGREEMENT_NOT_SIGNED", rule="A4")
    if id_country != account_region:
        raise RuleViolation(f"Verify your identity with an ID document of {account_region} "
                            "(passport, green card, driver's licence…) first.",
                            code="AFFILIATE_ID_NOT_VERIFIED", rule="A4")
    if seller.followers < follower_minimum:
        raise RuleViolation(f"Affiliate creators need at least {follower_minimum:,} followers; "
                            f"this account has {seller.followers:,}.",
                            code="AFFILIATE_TOO_FEW_FOLLOWERS", rule="A4",
                            details={"followers": seller.followers, "minimum": follower_minimum})


def check_promotable(seller: Seller, offer: Offer) -> None:
    """B1/B3/A4: may this account put this product in its showcase, a video or a LIVE?"""
    if offer.status != ACTIVE:
        raise Conflict(f"Product {offer.product_id} is not on sale (status {offer.status}).",
                       code="PRODUCT_NOT_ON_SALE")
    own = seller.shop_id is not None and offer.shop_id == seller.shop_id
    if seller.role == "official":
        if not own:
            raise RuleViolation("An official account promotes only its own shop's products, not "
                                "other shops' affiliate products.",
                                code="OFFICIAL_ACCOUNT_OWN_PRODUCTS_ONLY", rule="B1")
        return  # B1: its shop page syncs them, and "Add from shop" adds them by hand too
    if own:
        return  # B3: a marketing account adds its shop's products by hand
    if not offer.affiliate_open:
        raise RuleViolation("This product is not open to affiliates; only its own shop's accounts "
                            "may promote it.", code="PRODUCT_NOT_OPEN_TO_AFFILIATES", rule="A4")
    if not seller.affiliate:
        if seller.role == "marketing":
            raise RuleViolation("A marketing account promotes other shops' affiliate products only "
                                "with affiliate permission (ID check and followers).",
                                code="AFFILIATE_PERMISSION_REQUIRED", rule="B3")
        raise RuleViolation("Only accounts linked to a shop or affiliate creators have a showcase; "
                            "apply to become an affiliate creator.",
                            code="SHOWCASE_NOT_AVAILABLE", rule="A4")


def check_selling_content(seller: Seller, what: str, follower_minimum: int) -> None:
    """B6: linked accounts go LIVE and post shoppable videos at any follower count; affiliates need
    the minimum; anyone else is refused. `what` is "live" or "shoppable_video"."""
    label = "go LIVE with products" if what == "live" else "post shoppable videos"
    not_allowed, too_few = (("LIVE_NOT_ALLOWED", "LIVE_TOO_FEW_FOLLOWERS") if what == "live" else
                            ("SHOPPABLE_VIDEO_NOT_ALLOWED", "SHOPPABLE_VIDEO_TOO_FEW_FOLLOWERS"))
    if seller.role is not None:
        return
    if not seller.affiliate:
        raise RuleViolation(f"Only accounts linked to a shop or affiliate creators can {label}.",
                            code=not_allowed, rule="B6")
    if seller.followers < follower_minimum:
        raise RuleViolation(f"An affiliate creator needs at least {follower_minimum:,} followers "
                            f"to {label}; this account has {seller.followers:,}. Accounts linked "
                            "to a shop need none.", code=too_few, rule="B6",
                            details={"followers": seller.followers, "minimum": follower_minimum})

