"""Display API: `POST /v2/video/list/` and `/v2/video/query/` (scope video.list) serve the videos
the account posted in the app (B6's plain and shoppable videos), TikTok's fields and envelope."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from test_login_kit import WEB, tokens_for

pytestmark = pytest.mark.usefixtures("no_big_numbers")


@pytest.fixture
def app_client(world):
    return world.create_client(name="Video Wall", redirect_uris=[WEB],
                               scopes="user.info.basic,video.list")


@pytest.fixture
def alice(world):
    return world.create_account(username="alice", age=27, region="US")


def bearer(tokens):
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def post_videos(world, account, count):
    for n in range(count):
        account.app.post_video(f"Clip {n}", description=f"number {n}", duration=10 + n)
        world.clock.advance(seconds=1)  # the cursor is a create time: drive the world clock


def test_video_list_pages_newest_first_by_cursor(sandbox, app_http, world, app_client, alice):
    post_videos(world, alice, 3)
    tokens = tokens_for(sandbox, app_http, app_client, alice, scope="user.info.basic,video.list")
    fields = "id,title,create_time,video_description,duration,share_url,embed_link,like_count"
    first = app_http.post("/v2/video/list/", params={"fields": fields}, json={"max_count": 2},
                          headers=bearer(tokens))
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["error"]["code"] == "ok"
    page = body["data"]
    assert [v["title"] for v in page["videos"]] == ["Clip 2", "Clip 1"]
    assert page["has_more"] is True and page["cursor"] // 1000 == page["videos"][-1]["create_time"]
    video = page["videos"][0]
    assert set(video) == set(fields.split(","))
    assert video["video_description"] == "number 2" and video["duration"] == 12
    assert urlsplit(video["share_url"]).path == f"/phone/@alice/video/{video['id']}"
    assert app_http.get(video["share_url"]).status_code == 200
    rest = app_http.post("/v2/video/list/", params={"fields": "id,title"},
                         json={"cursor": page["cursor"], "max_count": 20},
                         headers=bearer(tokens)).json()["data"]
    assert [v["title"] for v in rest["videos"]] == ["Clip 0"] and rest["has_more"] is False
    queried = app_http.post("/v2/video/query/", params={"fields": "id,title"},
                            json={"filters": {"video_ids": [video["id"], "7000"]}},
                            headers=bearer(tokens)).json()["data"]
    assert queried["videos"] == [{"id": video["id"], "title": "Clip 2"}]


def test_a_page_never_splits_videos_posted_in_the_same_millisecond(sandbox, app_http, world,
                                                                   app_client, alice):
    world.clock.freeze()  # the world clock does not move between them
    for n in range(3):
        alice.app.post_video(f"Same {n}")
    tokens = tokens_for(sandbox, app_http, app_client, alice, scope="user.info.basic,video.list")
    page = app_http.post("/v2/video/list/", params={"fields": "id"}, json={"max_count": 2},
                         headers=bearer(tokens)).json()["data"]
    assert len(page["videos"]) == 3 and page["has_more"] is False


def test_video_list_refusals_are_TikToks_error_envelope(sandbox, app_http, world, app_client,
                                                        alice):
    basic = tokens_for(sandbox, app_http, app_client, alice, scope="user.info.basic")
    full = tokens_for(sandbox, app_http, app_client, alice, scope="user.info.basic,video.list")
    cases = [
        ({}, {"fields": "id"}, {}, 401, "access_token_invalid"),
        (bearer(basic), {"fields": "id"}, {}, 401, "scope_not_authorized"),
        (bearer(full), {}, {}, 400, "invalid_params"),
        (bearer(full), {"fields": "nothing_known"}, {}, 400, "invalid_params"),
        (bearer(full), {"fields": "id"}, {"max_count": 21}, 400, "invalid_params"),
        (bearer(full), {"fields": "id"}, {"max_count": "5"}, 400, "invalid_params"),
        (bearer(full), {"fields": "id"}, {"cursor": -1}, 400, "invalid_params"),
    ]
    for headers, params, body, status, code in cases:
        resp = app_http.post("/v2/video/list/", params=params, json=body, headers=headers)
        assert resp.status_code == status, (params, body, resp.text)
        assert resp.json()["data"] == {} and resp.json()["error"]["code"] == code
        assert resp.json()["error"]["log_id"]
    resp = app_http.post("/v2/video/list/", params={"fields": "id"}, content=b"[1]",
                         headers={**bearer(full), "Content-Type": "application/json"})
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "invalid_params"
    for filters in ({}, {"video_ids": []}, {"video_ids": ["1"] * 21}, {"video_ids": [1]}):
        resp = app_http.post("/v2/video/query/", params={"fields": "id"},
                             json={"filters": filters}, headers=bearer(full))
        assert resp.status_code == 400 and resp.json()["error"]["code"] == "invalid_params"
    empty = app_http.post("/v2/video/list/", params={"fields": "id"}, headers=bearer(full))
    assert empty.json()["data"] == {"videos": [], "cursor": 0, "has_more": False}
