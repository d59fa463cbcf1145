"""Display API (`/v2/video/list/`, `/v2/video/query/`): an account's videos in TikTok's fields,
paged by a create-time cursor in Unix milliseconds."""

from __future__ import annotations

from html import escape
from typing import Any

from sqlalchemy.orm import Session

from fake_tiktok_app.services.content import videos_of
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.commerce import Video
from sandbox.kernel.errors import BadRequest
from sandbox.kernel.fields import int_field

VIDEO_FIELDS = ("id", "create_time", "cover_image_url", "share_url", "video_description",
                "duration", "height", "width", "title", "embed_html", "embed_link",
                "like_count", "comment_count", "share_count", "view_count")
MAX_COUNT, DEFAULT_COUNT, QUERY_MAX = 20, 10, 20
SCOPE = "video.list"


def parse_video_fields(fields: str | None) -> list[str]:
    """The requested fields TikTok knows, in the order asked; unknown names are ignored."""
    names = [f.strip() for f in (fields or "").split(",") if f.strip()]
    known = [n for n in dict.fromkeys(names) if n in VIDEO_FIELDS]
    if not known:
        raise BadRequest("The 'fields' query parameter must name video fields, e.g. "
                         "fields=id,title,create_time.", code="invalid_params")
    return known


def _ms(video: Video) -> int:
    return int(video.created_at.timestamp() * 1000)


def list_page(session: Session, account: Account, body: dict[str, Any]
              ) -> tuple[list[Video], int, bool]:
    """Newest first; `cursor` (Unix ms) returns videos created before it. A page never splits
    one millisecond: it ends before it, or (if that would leave it empty) holds all of it."""
    max_count = int_field(body, "max_count", DEFAULT_COUNT, low=1, high=MAX_COUNT)
    cursor = int_field(body, "cursor", 0, low=0, high=2**53)
    rows = [v for v in videos_of(session, account) if not cursor or _ms(v) < cursor]
    page = rows[:max_count]
    if len(rows) > max_count and _ms(rows[max_count]) == _ms(page[-1]):
        tied = _ms(page[-1])
        page = [v for v in page if _ms(v) != tied] or [v for v in rows if _ms(v) == tied]
    next_cursor = _ms(page[-1]) if page else cursor
    return page, next_cursor, len(rows) > len(page)


def query(session: Session, account: Account, body: dict[str, Any]) -> list[Video]:
    """`filters.video_ids` (1–20) of the account's own videos; others' ids are left out."""
    filters = body.get("filters")
    ids = filters.get("video_ids") if isinstance(filters, dict) else None
    if (not isinstance(ids, list) or not 1 <= len(ids) <= QUERY_MAX
            or not all(isinstance(i, str) for i in ids)):
        raise BadRequest(f"'filters.video_ids' must list 1 to {QUERY_MAX} video ids.",
                         code="invalid_params")
    wanted = set(ids)
    return [v for v in videos_of(session, account) if v.id in wanted]


def video_fields(video: Video, username: str, fields: list[str], app_url: str) -> dict[str, Any]:
    """TikTok's field names; links open the phone's video page (sandbox extension: the phone
    simulator stands in for tiktok.com). The sandbox counts no plays, likes or shares."""
    # ?world= names the world the phone opens it in (many worlds share one phone simulator).
    share = f"{app_url}/phone/@{username}/video/{video.id}?world={video.world_id}"
    title = video.title or video.description[:150]
    values: dict[str, Any] = {
        "id": video.id, "create_time": int(video.created_at.timestamp()),
        "cover_image_url": f"{app_url}/static/favicon.svg", "share_url": share,
        "video_description": video.description, "duration": video.duration,
        "height": 1920, "width": 1080, "title": title,
        "embed_html": (f'<blockquote class="tiktok-embed" cite="{escape(share)}" '
                       f'data-video-id="{video.id}"><a href="{escape(share)}">'
                       f"{escape(title)}</a></blockquote>"),
        "embed_link": share, "like_count": 0, "comment_count": 0, "share_count": 0,
        "view_count": 0}
    return {name: values[name] for name in fields}
