"""The README's presenter walkthrough keeps the order the browser test plays (issue 27): the
"In which order to show them" paragraph names its steps in walkthrough_steps.README_ORDER's
order, so the README cannot drift from tests/test_browser_walkthrough.py unnoticed."""

from __future__ import annotations

from pathlib import Path

from walkthrough_steps import README_ORDER

README = Path(__file__).resolve().parents[1] / "README.md"


def _paragraph() -> str:
    text = README.read_text("utf-8")
    start = text.index("**In which order to show them**")
    return text[start:text.index("\n\n", start)]


def test_the_readme_names_the_walkthrough_steps_in_the_order_the_browser_test_plays():
    paragraph = _paragraph()
    missing = [m for m in README_ORDER if m not in paragraph]
    assert not missing, f"the README's order no longer names {missing}"
    places = [paragraph.index(m) for m in README_ORDER]
    assert places == sorted(places), [m for m, _ in sorted(zip(README_ORDER, places, strict=True),
                                                           key=lambda x: x[1])]


def test_the_paragraph_points_at_the_test_that_plays_it():
    assert "tests/test_browser_walkthrough.py" in _paragraph()
