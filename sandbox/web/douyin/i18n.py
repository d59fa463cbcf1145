"""Flask-Babel on the sandbox app for the Douyin pages: Chinese by default, `?lang=en|zh` kept
in a cookie; the catalogue ships as `.po` with its compiled `.mo` (a test keeps them equal)."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, request
from flask_babel import Babel

from sandbox.kernel.fields import text_field

LANG_COOKIE = "douyin_lang"
LANGUAGES = ("zh", "en")
DEFAULT = "zh"
TRANSLATIONS = os.path.join(os.path.dirname(__file__), "translations")


def chosen_language() -> str:
    """`?lang=` first, then the cookie, then Chinese."""
    for wanted in (text_field(request.args, "lang"), request.cookies.get(LANG_COOKIE)):
        if wanted in LANGUAGES:
            return wanted
    return DEFAULT


def remember_language(resp: Any) -> Any:
    """After a page asked with `?lang=`, keep the choice for the next pages."""
    wanted = text_field(request.args, "lang")
    if wanted in LANGUAGES and request.cookies.get(LANG_COOKIE) != wanted:
        resp.set_cookie(LANG_COOKIE, wanted, samesite="Lax", max_age=365 * 86400)
    return resp


def install(app: Flask) -> Babel:
    """Babel with the Douyin catalogue; templates get `_()` (Jinja's newstyle gettext)."""
    return Babel(app, locale_selector=chosen_language, default_locale=DEFAULT,
                 default_translation_directories=TRANSLATIONS)


def compile_catalogues() -> list[str]:
    """Compile every `.po` to its `.mo` (`python -m sandbox.web.douyin.i18n`)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    done = []
    for lang in LANGUAGES:
        po = os.path.join(TRANSLATIONS, lang, "LC_MESSAGES", "messages.po")
        if not os.path.exists(po):
            continue
        with open(po, "rb") as src:
            catalog = read_po(src, locale=lang)
        with open(po[:-3] + ".mo", "wb") as out:
            write_mo(out, catalog)
        done.append(po)
    return done


if __name__ == "__main__":
    print("\n".join(compile_catalogues()))
