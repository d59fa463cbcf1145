"""Exposure: beyond loopback the control plane needs a token (or an explicit opt-out), URLs are
the ones others can reach, and landing pages list worlds only to operators (DESIGN §6)."""

from __future__ import annotations

import subprocess

import pytest
from flask import Flask
from support import SERVE

from sandbox.app import create_app
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.serve import ExposureError, check_exposure, public_host_of


def test_serving_beyond_loopback_without_a_control_token_is_refused_before_binding():
    proc = subprocess.run([*SERVE, "--host", "0.0.0.0", "--port", "0", "--db", "memory",
                           "--no-demo"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "--control-token" in proc.stderr and "--open-control-plane" in proc.stderr
    assert "is up" not in proc.stdout


@pytest.mark.parametrize("settings", [
    Settings(host="127.0.0.1"), Settings(host="127.0.0.2"),
    Settings(host="0.0.0.0", control_token="t0ken"),
    Settings(host="0.0.0.0", open_control_plane=True)])
def test_loopback_a_token_or_an_explicit_opt_out_may_serve(settings):
    check_exposure(settings)


def test_a_wildcard_bind_is_refused_without_a_token():
    with pytest.raises(ExposureError):
        check_exposure(Settings(host="0.0.0.0"))


def test_urls_name_the_host_others_reach_not_the_wildcard():
    assert public_host_of(Settings(host="0.0.0.0", public_host="sandbox.lan")) == "sandbox.lan"
    assert public_host_of(Settings(host="10.1.2.3")) == "10.1.2.3"
    assert public_host_of(Settings(host="0.0.0.0")) not in ("0.0.0.0", "")


def _landing(app: Flask, remote: str, token: str | None = None) -> str:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return app.test_client().get("/", headers=headers,
                                 environ_base={"REMOTE_ADDR": remote}).text


def test_landing_pages_list_worlds_only_to_loopback_or_the_token_holder():
    from fake_tiktok_app import create_app as create_fake_app
    from sandbox.kernel import worlds

    runtime = Runtime(Settings(db="memory", seed_demo=False, control_token="s3cret"))
    try:
        apps = (create_app(runtime=runtime), create_fake_app(runtime=runtime))
        worlds.create_world(runtime, "Listed", world_id="listed-world")
        for app in apps:
            assert "listed-world" in _landing(app, "127.0.0.1")
            assert "listed-world" not in _landing(app, "10.0.0.9")
            assert "listed-world" not in _landing(app, "10.0.0.9", "wrong")
            assert "listed-world" in _landing(app, "10.0.0.9", "s3cret")
    finally:
        runtime.close()


def test_a_non_ascii_bearer_to_a_token_protected_control_plane_is_a_403_not_a_500():
    runtime = Runtime(Settings(db="memory", seed_demo=False, control_token="s3cret"))
    try:
        client = create_app(runtime=runtime).test_client()
        resp = client.get("/_sandbox/v1/worlds", headers={"Authorization": "Bearer \u00e9t\u00e9"},
                          environ_base={"REMOTE_ADDR": "10.0.0.9"})
        assert resp.status_code == 403 and resp.json["error"]["code"] == "CONTROL_TOKEN_REQUIRED"
    finally:
        runtime.close()
