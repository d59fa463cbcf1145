"""The CLI as QA found it (issue 21): `--url` anywhere, `$TIKTOK_SANDBOX_URL`, one line instead of
a traceback for a refusal or a sandbox that is down, and the documented exit codes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from sandbox.cli import build_parser, main
from sandbox.cli_connection import DEFAULT_URL, ENV_URL, resolve_url


@pytest.fixture(autouse=True)
def no_url_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_URL, raising=False)


@pytest.fixture
def dead_url() -> Iterator[str]:
    """A port bound but never listened on: nobody answers there while the test runs."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{held.getsockname()[1]}"


def resolved(*argv: str) -> str | None:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    resolve_url(args, parser)
    return args.url


def listed_ids(capsys: pytest.CaptureFixture[str]) -> set[str]:
    return {w["id"] for w in json.loads(capsys.readouterr().out)}


def test_url_is_accepted_before_the_subcommand_and_after_it(sandbox, world, capsys):
    assert main(["--url", sandbox.url, "world", "list"]) == 0
    assert world.id in listed_ids(capsys)
    assert main(["world", "list", "--url", sandbox.url]) == 0
    assert world.id in listed_ids(capsys)
    assert main(["world", f"--url={sandbox.url}", "list"]) == 0  # between command and verb
    assert world.id in listed_ids(capsys)


@pytest.mark.parametrize("argv", [
    ["demo", "reset"], ["clock", "show", "w"], ["listen", "--forward-to", "http://x/"],
    ["explain", "--world", "w", "log"], ["errors"], ["run", "official_link"],
    ["rules"], ["rules", "--world", "w", "--set", "F1.hours=1"],
    ["link", "--world", "w", "--shop", "s@x", "--account", "a"],
    ["invite", "--world", "w", "--shop", "s@x", "--account", "a"],
    ["otp", "--world", "w", "--shop", "s@x"],
])
def test_every_command_that_talks_to_a_sandbox_takes_url_before_or_after(argv):
    assert resolved("--url", "http://before:1", *argv) == "http://before:1"
    assert resolved(*argv, "--url", "http://after:2") == "http://after:2"
    assert resolved("--url", "http://before:1", *argv, "--url", "http://after:2") \
        == "http://after:2"  # the one nearest the end wins


def test_the_environment_variable_is_honoured_when_no_url_is_given(sandbox, world, capsys,
                                                                  monkeypatch):
    assert resolved("world", "list") == DEFAULT_URL
    assert resolved("run", "official_link") is None  # run starts its own sandbox
    monkeypatch.setenv(ENV_URL, sandbox.url)
    assert resolved("run", "official_link") == sandbox.url
    assert resolved("world", "list", "--url", "http://given:1") == "http://given:1"
    assert main(["world", "list"]) == 0
    assert world.id in listed_ids(capsys)


def test_a_url_that_is_not_http_is_bad_usage_exit_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["world", "list", "--url", "h:1"])
    assert exited.value.code == 2 and "not an http:// or https:// URL" in capsys.readouterr().err


def test_an_unreachable_sandbox_is_one_line_naming_the_url_and_exit_1(dead_url, capsys):
    assert main(["world", "list", "--url", dead_url]) == 1
    out = capsys.readouterr()
    assert out.out == "" and out.err.count("\n") == 1
    assert out.err.startswith(f"tiktok-sandbox: cannot reach the sandbox at {dead_url} "
                              "(connection refused); start it with 'tiktok-sandbox serve'")


def test_an_unreachable_sandbox_from_the_env_var_prints_no_traceback_from_the_real_command(
        dead_url):
    out = subprocess.run([sys.executable, "-m", "sandbox.cli", "clock", "show", "demo"],
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, ENV_URL: dead_url})
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1
    assert f"cannot reach the sandbox at {dead_url}" in out.stderr


def test_a_refusal_prints_its_code_and_message_on_one_line_and_exits_1(sandbox, capsys):
    assert main(["clock", "show", "no-such-world", "--url", sandbox.url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tiktok-sandbox: refused: HTTP 404 WORLD_NOT_FOUND: ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_refusal_with_a_rule_names_the_rule(sandbox, world, capsys):
    shop = world.create_shop("Acme Official")
    teen = world.create_account("teen", age=16)
    seller = shop.data["seller"]
    assert main(["link", "--url", sandbox.url, "--world", world.id, "--shop", seller["email"],
                 "--seller-password", seller["password"], "--account", "teen",
                 "--password", teen.password]) == 1
    err = capsys.readouterr().err
    assert "LINK_HOLDER_UNDER_18 (rule C1): " in err and err.count("\n") == 1


def test_an_invalid_scenario_is_exit_2_even_against_a_running_sandbox(sandbox, tmp_path,
                                                                      capsys):
    path = tmp_path / "bad.yaml"
    path.write_text("steps:\n  - {do: fly_to_the_moon}\n")
    assert main(["--url", sandbox.url, "run", str(path)]) == 2
    assert main(["run", str(tmp_path / "missing.yaml"), "--url", sandbox.url]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_bundle_that_cannot_be_read_is_bad_usage_exit_2(dead_url, tmp_path, capsys):
    (tmp_path / "bad.json").write_text("{not json")
    assert main(["world", "load", str(tmp_path / "missing.json"), "--url", dead_url]) == 2
    assert main(["world", "load", str(tmp_path / "bad.json"), "--url", dead_url]) == 2
    err = capsys.readouterr().err
    assert err.count("tiktok-sandbox: cannot read a bundle from ") == 2 and "Traceback" not in err
