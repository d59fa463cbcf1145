"""Flask-Babel on the phone: the 抖音 phone (CN accounts) in Chinese, `?lang=en` kept; TikTok in English."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, g
from flask_babel import Babel, get_locale, gettext

from fake_tiktok_app.web.phone_douyin import is_douyin
from fake_tiktok_app.web.session import current_account
from sandbox.web_shared import i18n as shared

LANG_COOKIE = "phone_lang"
LANGUAGES = ("zh", "en")
DOUYIN_DEFAULT = "zh"
TIKTOK = "en"
TRANSLATIONS = os.path.join(os.path.dirname(__file__), "translations")
# The apps a world seeds (sandbox/web/control/seeding.py): names the 抖音 phone says in Chinese.
APP_NAMES = ("TikTok Shop Seller Center", "TikTok Shop Partner Center")


def phone_language() -> str:
    """The 抖音 phone: `?lang=`, the cookie, then Chinese. TikTok accounts: English. Nobody
    logged in (the login page): only a language asked for, else English."""
    account = current_account() if "db" in g else None
    if account is None:
        return shared.asked_language(LANG_COOKIE, LANGUAGES) or TIKTOK
    if not is_douyin(account):
        return TIKTOK
    return shared.chosen_language(LANG_COOKIE, LANGUAGES, DOUYIN_DEFAULT)


def app_name(name: str) -> str:
    """A seeded app's name in the phone's language (`|app_name`); other names as they are."""
    return gettext(name) if name in APP_NAMES else name


def remember_language(resp: Any) -> Any:
    """After a page asked with `?lang=`, keep the choice for the next pages."""
    return shared.remember_language(resp, LANG_COOKIE, LANGUAGES)


def install(app: Flask) -> Babel:
    """Babel with the phone's catalogue; templates get `_()` (Jinja's newstyle gettext)."""
    app.after_request(remember_language)
    app.context_processor(lambda: {"phone_lang": str(get_locale())})
    app.add_template_filter(app_name, "app_name")
    return Babel(app, locale_selector=phone_language, default_locale=TIKTOK,
                 default_translation_directories=TRANSLATIONS)


def compile_catalogues() -> list[str]:
    """Compile every `.po` to its `.mo` (`python -m fake_tiktok_app.web.i18n`)."""
    return shared.compile_catalogues(TRANSLATIONS, LANGUAGES)


if __name__ == "__main__":
    print("\n".join(compile_catalogues()))
