"""Flask-Babel on the sandbox app for the Douyin pages: Chinese by default, `?lang=en|zh` kept
in a cookie; the catalogue ships as `.po` with its compiled `.mo` (a test keeps them equal)."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from flask_babel import Babel

from sandbox.web_shared import i18n as shared

LANG_COOKIE = "douyin_lang"
LANGUAGES = ("zh", "en")
DEFAULT = "zh"
TRANSLATIONS = os.path.join(os.path.dirname(__file__), "translations")


def chosen_language() -> str:
    """`?lang=` first, then the cookie, then Chinese."""
    return shared.chosen_language(LANG_COOKIE, LANGUAGES, DEFAULT)


def remember_language(resp: Any) -> Any:
    """After a page asked with `?lang=`, keep the choice for the next pages."""
    return shared.remember_language(resp, LANG_COOKIE, LANGUAGES)


def install(app: Flask) -> Babel:
    """Babel with the Douyin catalogue; templates get `_()` (Jinja's newstyle gettext)."""
    return Babel(app, locale_selector=chosen_language, default_locale=DEFAULT,
                 default_translation_directories=TRANSLATIONS)


def compile_catalogues() -> list[str]:
    """Compile every `.po` to its `.mo` (`python -m sandbox.web.douyin.i18n`)."""
    return shared.compile_catalogues(TRANSLATIONS, LANGUAGES)


if __name__ == "__main__":
    print("\n".join(compile_catalogues()))
