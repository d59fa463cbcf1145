"""The operator's timeline page (issue 27): newest first, filterable by kind through GET links,
with readable world times (UTC date and time, and the time since the world's start)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from sandbox.client import SandboxAPIError
from sandbox.diagnostics import timeline as tl

START = "2026-03-01T09:00:00Z"


def _rows(html: str) -> list[str]:
    """The data-kind of each row of the table, top to bottom."""
    return re.findall(r'<tr class="tl-[^"]*" data-kind="([a-z]+)"', html)


def _page(control_http, world, **params):
    page = control_http.get(f"/worlds/{world.id}/timeline", params=params)
    assert page.status_code == 200
    return page.text


def _busy(world):
    """A shop, a clock move and a refused request, in that order."""
    shop = world.create_shop(name="Acme")
    world.clock.advance("P2DT3H")
    with pytest.raises(SandboxAPIError):
        shop.seller.start_official_link(agreed=False)  # refused: rule D1


@pytest.mark.sandbox_world(now=START)
def test_the_timeline_lists_the_newest_item_first(world, control_http):
    _busy(world)
    html = _page(control_http, world)
    ats = re.findall(r'data-at="([^"]+)"', html)
    assert ats == sorted(ats, reverse=True) and ats[0] > ats[-1]
    assert html.index("rule D1") < html.index("clock advanced") < html.index("shop.created")
    assert html.index("shop.created") < html.index("world.created")


@pytest.mark.sandbox_world(now=START)
def test_each_row_shows_its_utc_time_and_the_time_since_the_worlds_start(world, control_http):
    _busy(world)
    html = _page(control_http, world)
    created = re.search(r'<time datetime="[^"]+" title="[^"]+">([^<]+)</time><br><span '
                        r'class="muted tl-since">([^<]+)</span></td>\s*<td>event</td>\s*'
                        r'<td>world.created', html)
    assert created.groups() == ("2026-03-01 09:00:00 UTC", "+0 s")
    moved = re.search(r'<time datetime="2026-03-03T12:00:00Z" title="2026-03-03T12:00:00Z">'
                      r'([^<]+)</time><br><span class="muted tl-since">([^<]+)</span>', html)
    assert moved.groups() == ("2026-03-03 12:00:00 UTC", "+2 d 3 h")
    assert 'id="timeline-now">2026-03-03 12:00:00 UTC</b> (+2 d 3 h)' in html


def test_the_time_since_the_start_shows_its_two_largest_units():
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)

    def at(**kw):
        return tl.since(start.replace(**kw), start)
    assert at() == "+0 s" and at(second=42) == "+42 s" and at(minute=5, second=2) == "+5 min 2 s"
    assert at(hour=10, minute=0, second=9) == "+1 h"  # seconds below an hour are left out
    assert at(day=3, hour=12) == "+2 d 3 h" and at(day=2, hour=9, minute=30) == "+1 d"
    assert tl.since(start.replace(hour=8, minute=59), start) == "-1 min"
    assert tl.since(start, None) == ""
    assert tl.readable(start) == "2026-03-01 09:00:00 UTC"


@pytest.mark.parametrize(("params", "kinds"), [
    ({"kind": "request"}, {"request"}), ({"kind": "event"}, {"event"}),
    ({"kind": "clock"}, {"clock"}), ({"kind": ["event", "clock"]}, {"event", "clock"}),
    ({}, {"request", "event", "clock"})])
def test_the_kind_filter_shows_only_rows_of_those_kinds(world, control_http, params, kinds):
    _busy(world)
    assert set(_rows(_page(control_http, world, **params))) == kinds


def test_refused_only_shows_just_the_refused_requests(world, control_http):
    _busy(world)
    html = _page(control_http, world, refused="1")
    assert _rows(html) == ["request"] and html.count("tl-refused") == 1 and "rule D1" in html
    assert "1 items, 1 refused requests" in html


def test_a_kind_with_nothing_yet_says_so_and_an_unknown_kind_is_a_400(world, control_http):
    html = _page(control_http, world, kind="webhook")
    assert _rows(html) == [] and "Nothing of this kind yet." in html
    bad = control_http.get(f"/worlds/{world.id}/timeline", params={"kind": "nope"})
    assert bad.status_code == 400 and "INVALID_PARAMETER" in bad.text


def test_the_filter_links_are_plain_get_links_marking_the_current_one(world, control_http):
    html = _page(control_http, world, kind="clock")
    nav = re.search(r'<nav class="tl-filters".*?</nav>', html, re.S).group(0)
    links = dict((label, href) for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>',
                                                            nav))
    base = f"/worlds/{world.id}/timeline"
    assert links == {"All": base, "Requests": f"{base}?kind=request",
                     "Events": f"{base}?kind=event", "Webhooks": f"{base}?kind=webhook",
                     "Clock": f"{base}?kind=clock", "Refused only": f"{base}?refused=1"}
    assert re.search(r'href="[^"]+\?kind=clock" aria-current="page"', nav)
    assert "<form" not in nav and nav.count('aria-current="page"') == 1


def test_when_a_kind_is_cut_off_older_rows_of_other_kinds_are_left_out(world, control_http,
                                                                         monkeypatch):
    monkeypatch.setattr(tl, "LIMIT", 3)
    for n in range(4):
        world.create_account(username=f"tl_user{n}")
    html = _page(control_http, world)
    assert 'id="timeline-truncated"' in html
    ats = re.findall(r'data-at="([^"]+)"', html)
    assert len(ats) >= 3 and "world.created" not in html  # older than the newest 3 events
