"""Icons are inline SVG, not emoji (issue 27): a stock Debian, even with CJK fonts, has no glyph
for 🛍 and shows a box. No template or stylesheet of either app uses a character of the emoji
and symbol ranges; every icon a template asks for exists and renders accessibly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

ROOT = Path(__file__).resolve().parent.parent
APPS = {"sandbox": ROOT / "sandbox" / "web" / "templates",
        "fake_tiktok_app": ROOT / "fake_tiktok_app" / "web" / "templates"}
TEMPLATES = sorted([*(ROOT / "sandbox").rglob("*.html"), *(ROOT / "fake_tiktok_app").rglob("*.html")])
STYLES = sorted((ROOT / "static").glob("*.css"))
# Misc technical, geometric shapes, misc symbols, dingbats (✓ ✔ ✕ ☰ ⚙ ♪ ▶), misc symbols and
# arrows, emoji and their variation selector / joiner. Text punctuation (· › … → —) stays.
EMOJI = re.compile("[\u2300-\u23ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff"
                   "\U0001f000-\U0001faff\ufe0f\u200d]")
USED = re.compile(r"""icon\(\s*["']([a-z_]+)["']""")


def _names(app: str) -> set[str]:
    return set(re.findall(r'^\s*"([a-z_]+)":', (APPS[app] / "_icons.html").read_text(), re.M))


def test_there_are_templates_of_both_apps_to_scan():
    assert len(TEMPLATES) > 50 and STYLES
    assert {p.relative_to(ROOT).parts[0] for p in TEMPLATES} == {"sandbox", "fake_tiktok_app"}


def test_no_template_or_stylesheet_uses_an_emoji_or_symbol_character():
    found = [f"{path.relative_to(ROOT)}:{n}: {m.group(0)!r}"
             for path in [*TEMPLATES, *STYLES]
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for m in EMOJI.finditer(line)]
    assert found == []


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_icon_a_template_asks_for_is_in_its_apps_icons(app):
    used = {name for path in APPS[app].rglob("*.html") for name in USED.findall(path.read_text())}
    assert used and used <= _names(app)


@pytest.mark.parametrize("app", sorted(APPS))
def test_icons_are_inline_svg_hidden_when_decorative_and_named_when_labelled(app):
    env = Environment(loader=FileSystemLoader(APPS[app]), autoescape=True)
    icon = env.get_template("_icons.html").module.icon
    for name in _names(app):
        plain, named = str(icon(name)), str(icon(name, "Verified & more"))
        assert plain.startswith(f'<svg class="icon icon-{name}" viewBox="0 0 24 24"')
        assert 'aria-hidden="true"' in plain and "<title>" not in plain and "<path" in plain
        assert 'role="img" aria-label="Verified &amp; more"' in named
        assert "<title>Verified &amp; more</title>" in named and "aria-hidden" not in named
