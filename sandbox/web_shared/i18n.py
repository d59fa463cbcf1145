"""Language choice shared by both apps' Flask-Babel pages: `?lang=`, a cookie, compiled catalogues."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from flask import request

from sandbox.kernel.fields import text_field

ONE_YEAR = 365 * 86400


def asked_language(cookie: str, languages: Sequence[str]) -> str | None:
    """The language asked for: `?lang=` first, then the cookie; None when neither names one."""
    for wanted in (text_field(request.args, "lang"), request.cookies.get(cookie)):
        if wanted in languages:
            return wanted
    return None


def chosen_language(cookie: str, languages: Sequence[str], default: str) -> str:
    """`?lang=` first, then the cookie, then `default`."""
    return asked_language(cookie, languages) or default


def remember_language(resp: Any, cookie: str, languages: Sequence[str]) -> Any:
    """After a page asked with `?lang=`, keep the choice in `cookie` for the next pages."""
    wanted = text_field(request.args, "lang")
    if wanted in languages and request.cookies.get(cookie) != wanted:
        resp.set_cookie(cookie, wanted, samesite="Lax", max_age=ONE_YEAR)
    return resp


def catalogue_path(translations: str, lang: str) -> str:
    """The `.po` of `lang` under a translations directory (its `.mo` sits next to it)."""
    return os.path.join(translations, lang, "LC_MESSAGES", "messages.po")


def compile_catalogues(translations: str, languages: Sequence[str]) -> list[str]:
    """Compile every `.po` under `translations` to its `.mo`; the `.po` files compiled."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    done = []
    for lang in languages:
        po = catalogue_path(translations, lang)
        if not os.path.exists(po):
            continue
        with open(po, "rb") as src:
            catalog = read_po(src, locale=lang)
        with open(po[:-3] + ".mo", "wb") as out:
            write_mo(out, catalog)
        done.append(po)
    return done
