"""Rules M, A and B of RULES.md: markets, account kinds and link roles, declared once."""

from __future__ import annotations

from sandbox.rules.model import Code, Param, Rule

MARKETS = ("US", "GB", "CB", "DOUYIN")

RULES: tuple[Rule, ...] = (
    Rule("M1", "Each shop belongs to one market profile; rules below that differ by market are "
         "settings of the profile: `US` (local US), `GB` (UK; also the default for other TikTok "
         "Shop markets), `CB` (cross-border seller selling into the US), `DOUYIN` (Douyin Shop, "
         "China).", (Code("INVALID_MARKET", 400), Code("CURRENCY_MISMATCH", 400)),
         sources=("001", "002", "003")),
    Rule("M2", "`US`/`CB`: linking an official or marketing account needs no personal ID check "
         "and no follower minimum.", (Code("LINK_ID_CHECK_REQUIRED"),),
         (Param("id_check", "switch", True, "a link needs a verified ID of the shop's market",
                per_market={"US": False, "CB": False}),), ("001",)),
    Rule("M3", "`US`: a TikTok account linked to a shop is upgraded to a Business Account "
         "automatically.", (),
         (Param("business_account", "switch", False, "a linked account becomes a Business Account",
                per_market={"US": True}),), ("000",)),
    Rule("A1", "personal account"),
    Rule("A2", "business account"),
    Rule("A3", "organization account (see G/H)"),
    Rule("A4", "affiliate creator. an affiliate creator applies on its own, passes ID verification "
         "(KYC) with a document of the target market, needs ≥ {followers:,} followers, may "
         "promote affiliate products of any shop, and is not linked to any shop.", (
             Code("AFFILIATE_AGREEMENT_NOT_SIGNED"), Code("AFFILIATE_ALREADY_APPROVED", 409),
             Code("AFFILIATE_ID_NOT_VERIFIED"), Code("AFFILIATE_TOO_FEW_FOLLOWERS"),
             Code("ID_DOCUMENT_TYPE_NOT_ACCEPTED", 400), Code("ID_DOCUMENT_WRONG_MARKET"),
             Code("INVALID_COMMISSION_RATE", 400), Code("PRODUCT_NOT_ON_SALE", 409, general=True),
             Code("PRODUCT_NOT_OPEN_TO_AFFILIATES"), Code("SHOWCASE_NOT_AVAILABLE")),
         (Param("followers", "followers", 1000, "followers an affiliate creator needs (also to "
                "go LIVE or post shoppable videos unlinked, B6)", min=0, max=10_000_000),),
         ("001", "000")),
    Rule("B1", "official account: at most 1 per shop; profile shows the shop page; shop products "
         "sync to it automatically, and it may also add its shop's products by hand to its "
         "showcase, videos and LIVE (\"Add from shop\"); it promotes only its own shop's products "
         "(no affiliate products of other shops).", (
             Code("AFFILIATE_OFFICIAL_ACCOUNT"), Code("LINK_SHOP_HAS_OFFICIAL_ACCOUNT"),
             Code("OFFICIAL_ACCOUNT_OWN_PRODUCTS_ONLY")),
         sources=("000", "001", "002")),
    Rule("B2", "official account name equals the shop name once linked/upgraded; renaming the "
         "shop renames the official account at the same moment.", sources=("000", "001")),
    Rule("B3", "marketing (channel) account: at most {max} per shop; profile shows a showcase to "
         "which products are added by hand; name is free; promotes only its shop's products "
         "unless it has affiliate permission (KYC and the follower threshold met), then other "
         "shops' affiliate products too.", (
             Code("AFFILIATE_PERMISSION_REQUIRED"), Code("MARKETING_ACCOUNTS_FULL"),
             Code("MARKETING_SLOT_TAKEN", 409)),
         (Param("max", "accounts", 4, "marketing accounts an invited shop may link at a time",
                min=0, max=100),), ("000", "001")),
    Rule("B4", "a shop onboarded by open recruitment may link only an official account; an "
         "invited shop may link 1 official + {B3.max} marketing accounts.", (
             Code("MARKETING_NOT_ALLOWED_FOR_OPEN_RECRUITMENT"), Code("INVALID_FIELD", 400, general=True)),
         sources=("002",)),
    Rule("B5", "one TikTok account is linked to at most one shop at a time, in either role; the "
         "same account cannot be the official and a marketing account of one shop.",
         (Code("MARKETING_ACCOUNT_IS_OFFICIAL"),), sources=("000", "002")),
    Rule("B6", "an account linked to a shop can go live and post shoppable videos without the "
         "{A4.followers:,}-follower minimum that affiliates need.", (
             Code("LIVE_NOT_ALLOWED"), Code("LIVE_TOO_FEW_FOLLOWERS"),
             Code("SHOPPABLE_VIDEO_NOT_ALLOWED"), Code("SHOPPABLE_VIDEO_TOO_FEW_FOLLOWERS")),
         sources=("002",)),
)
