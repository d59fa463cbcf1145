"""Docs that run: every fenced block of README.md and docs/*.md is executed here, by its language
tag, against a real local sandbox, or is marked `<!-- not runnable: REASON -->` on the line right
before its fence.

- python: a block with `def test_…` functions is a test module, run with pytester against the
  session's sandbox; any other block is executed statement by statement in a namespace that
  gives, when first read, the names it uses without defining them (`sandbox`, `world`, `shop`,
  `alice`…; see NAMES and BLOCK_NAMES). A statement whose comment says `SandboxAPIError CODE`
  must raise that refusal; a bare comparison (`up.refresh().status == "trial"`) must hold.
- bash/sh/shell/console: every command is a `tiktok-sandbox` line run through
  `sandbox.cli.main` with `--url` the local sandbox, exit 0; `serve` lines are parsed and their
  Settings built (`settings_from`), never served; `--world demo` is a fresh demo-seeded world.
- toml: parsed and turned into Settings as `serve --config FILE` does.
- yaml: loaded by the scenario loader (`tiktok-sandbox run`'s) and run; it must pass.
- json: parsed.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from doc_blocks import (
    Block,
    Lazy,
    cli_argv,
    find_blocks,
    not_runnable_why,
    shell_commands,
    stray_markers,
    worlds_held,
)

from sandbox.client import SandboxAPIError

BLOCKS = find_blocks()
RUN = [b for b in BLOCKS if b.marker is None and not_runnable_why(b) is None]


def _of(kind: str) -> list[Any]:
    return [pytest.param(b, id=b.id) for b in RUN if b.kind == kind]


# --- which blocks there are -------------------------------------------------------------------

def test_the_readme_and_docs_have_code_blocks() -> None:
    assert len([b for b in BLOCKS if b.path == "README.md"]) >= 20
    assert {b.path for b in BLOCKS} >= {"README.md", "docs/partners.md"}


def test_every_block_is_runnable_or_marked_not_runnable() -> None:
    unmarked = [f"{b.id} ({b.lang or 'no language'}): {why}" for b in BLOCKS
                if b.marker is None and (why := not_runnable_why(b))]
    assert not unmarked, ("blocks neither runnable nor marked `<!-- not runnable: REASON -->` "
                          "on the line before the fence:\n" + "\n".join(unmarked))


def test_every_not_runnable_marker_gives_a_reason_and_sits_on_a_fence() -> None:
    assert stray_markers() == []


def test_every_block_specific_name_belongs_to_a_python_block() -> None:
    firsts = [b.text.splitlines()[0] for b in RUN if b.kind == "python"]
    for prefix in [*BLOCK_NAMES, *BEFORE]:
        assert any(f.startswith(prefix) for f in firsts), f"no python block starts {prefix!r}"


# --- python -----------------------------------------------------------------------------------

# Names a block uses without defining them, made when first read (`ns` gives the others).
NAMES: dict[str, Callable[[Lazy], Any]] = {
    "world": lambda ns: ns["sandbox"].create_world("docs", frozen=True),
    "shop": lambda ns: ns["world"].create_shop(name="Acme Official", market="US"),
    "alice": lambda ns: ns["world"].create_account(username="alice", age=27, region="US"),
    "bob": lambda ns: ns["world"].create_account(username="bob", age=30, region="US"),
}


def _in_progress_link(ns: Lazy) -> str:
    """C7: an official link left in progress (an account registered outside the market)."""
    paul = ns["world"].create_account(username="paul", age=35, region="CA", network_region="US")
    link = ns["shop"].seller.start_official_link()
    paul.app.scan(link.qr_url).authorize()
    link.wait_until("in_progress")
    [pending] = [k for k in ns["shop"].links() if k["status"] == "in_progress"]
    return str(pending["id"])


def _alice_of(world: Any) -> str:
    accounts = world._cp("GET", "/accounts")["accounts"]
    return str(next(a["open_id"] for a in accounts if a["username"] == "alice"))


def _shop_app(ns: Lazy) -> Any:
    return ns["world"].create_client(kind="shop_app", name="My ERP",
                                     redirect_url="http://localhost:3000/tts/callback")


def _login_kit_url(ns: Lazy) -> str:
    client = ns["world"].create_client(name="My app", scopes="user.info.basic",
                                       redirect_uris=["http://localhost:3000/callback/"])
    query = {"client_key": client["client_key"], "scope": "user.info.basic", "state": "s",
             "redirect_uri": "http://localhost:3000/callback/", "response_type": "code"}
    return f"{ns['sandbox'].app_url}/v2/auth/authorize/?{urlencode(query)}"


def _refused_response(ns: Lazy) -> Any:
    """A refused Shop call of the world's app (an unknown auth code), as a partner sees it."""
    app = ns["app"]
    return httpx.get(f"{ns['sandbox'].url}/api/v2/token/get", timeout=30, params={
        "app_key": app["app_key"], "app_secret": app["app_secret"], "auth_code": "nope",
        "grant_type": "authorized_code"})


# Per block (a prefix of its first line): what its elided names stand for ...
BLOCK_NAMES: dict[str, dict[str, Callable[[Lazy], Any]]] = {
    "world = sandbox.create_world(frozen=True)": {"link_in_progress_id": _in_progress_link},
    "base = sandbox.create_world(": {"alice_open_id": lambda ns: _alice_of(ns["base"])},
    "world.faults.add(": {"app": _shop_app, "seq": lambda ns: 0},
    "found = world.explain(": {"app": _shop_app, "resp": _refused_response},
    "url = alice.app.approve(": {
        "app": _shop_app, "authorize_url": _login_kit_url,
        "creator_auth_link": lambda ns: (f"{ns['sandbox'].url}/alliance/creator/auth?"
                                         f"app_key={ns['app']['app_key']}&state=c")},
}
# ... and what its world must hold before the statement that names it.
BEFORE: dict[str, dict[str, Callable[[Lazy], Any]]] = {
    "world = sandbox.create_world(frozen=True)": {
        'invite("carol")': lambda ns: ns["world"].create_account(username="carol", age=25),
        'username="rita"': lambda ns: ns["world"].create_account(username="rita", age=30,
                                                                 ecommerce_revoked=True),
    },
    "mcn = world.create_partner(": {
        'invite_creator("bob"': lambda ns: ns["bob"],
        'invite_creator("cat"': lambda ns: ns["world"].create_account(username="cat", age=30)},
    "shop = world.create_shop(name=\"抖音小店\"": {
        'authorize_account("promoter")': lambda ns: ns["world"].create_account(
            username="promoter", region="CN", real_name_verified=True)},
}


def _for(table: dict[str, dict[str, Any]], first: str) -> dict[str, Any]:
    return next((v for k, v in table.items() if first.startswith(k)), {})


EXPECTED = re.compile(r"SandboxAPIError\s+([A-Z][A-Z0-9_]+)")


def _statements(text: str) -> Iterator[tuple[ast.stmt, str]]:
    lines = text.splitlines()
    for stmt in ast.parse(text).body:
        yield stmt, "\n".join(lines[stmt.lineno - 1:stmt.end_lineno])


def _run_statement(stmt: ast.stmt, source: str, where: str, env: dict[str, Any],
                   ns: Lazy) -> None:
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Compare):
        assert eval(compile(ast.Expression(stmt.value), where, "eval"), env, ns), where
        return
    code = compile(ast.Module([stmt], []), where, "exec")
    if expected := EXPECTED.search(source):
        with pytest.raises(SandboxAPIError) as err:
            exec(code, env, ns)
        assert err.value.code == expected[1], where
    else:
        exec(code, env, ns)


def run_script(block: Block, sandbox: Any) -> None:
    first = block.text.splitlines()[0]
    ns = Lazy(sandbox, {**NAMES, **_for(BLOCK_NAMES, first)})
    before = {w.id for w in sandbox.worlds()}
    env: dict[str, Any] = {"__name__": "docs_block"}
    before_steps = dict(_for(BEFORE, first))
    try:
        for stmt, source in _statements(block.text):
            where = f"{block.id}, line {block.line + stmt.lineno}: {source.strip()}"
            for needle in [n for n in before_steps if n in source]:
                before_steps.pop(needle)(ns)
            try:
                _run_statement(stmt, source, where, env, ns)
            except BaseException as exc:  # pytest's Failed too
                exc.add_note(f"in {where}")
                raise
        assert not before_steps, f"{block.id}: no statement names {sorted(before_steps)}"
    finally:
        # Only the worlds this block made (the names it holds): on a shared database other
        # workers' tests create worlds meanwhile, and those are not ours to delete.
        for world_id in worlds_held(ns, env) - before:
            sandbox.world(world_id).delete()



def run_test_module(block: Block, sandbox: Any, pytester: pytest.Pytester) -> None:
    tests = [n for n in ast.parse(block.text).body
             if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    pytester.makepyfile(test_docs_block=block.text)
    result = pytester.runpytest_inprocess("--sandbox-url", sandbox.url, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(tests))


@pytest.mark.parametrize("block", _of("python"))
def test_python_block_runs_against_a_local_sandbox(block: Block, sandbox: Any,
                                                   pytester: pytest.Pytester) -> None:
    if re.search(r"^def test_", block.text, re.M):
        run_test_module(block, sandbox, pytester)
    else:
        run_script(block, sandbox)


# --- shell ------------------------------------------------------------------------------------

def _serve_settings(argv: list[str], cwd: Path) -> Any:
    from sandbox.cli import build_parser
    from sandbox.serve_config import settings_from

    args = build_parser().parse_args(argv)
    if args.config:
        args.config = str(cwd / args.config)
    return settings_from(args, {})


@pytest.fixture
def docs_dir(tmp_path: Path) -> Path:
    """The files the shell blocks name: each toml block whose first line is `# NAME.toml…`."""
    for block in BLOCKS:
        if block.kind == "toml" and (m := re.match(r"#\s*(\S+\.toml)", block.text)):
            (tmp_path / m[1]).write_text(block.text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("block", _of("bash"))
def test_shell_block_runs_with_the_cli(block: Block, sandbox: Any, docs_dir: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from sandbox.cli import main

    monkeypatch.chdir(docs_dir)
    monkeypatch.delenv("TIKTOK_SANDBOX_URL", raising=False)
    demo = None
    try:
        for command in shell_commands(block.text, console=block.lang == "console"):
            env, argv = cli_argv(command) or ({}, [])
            if argv[:1] == ["serve"]:
                assert _serve_settings(argv, docs_dir) is not None
                continue
            if "demo" in argv and "--world" in argv:
                demo = demo or sandbox.create_world("docs demo", seed="demo")
                argv = [demo.id if a == "demo" and argv[i - 1] == "--world" else a
                        for i, a in enumerate(argv)]
            argv = [sandbox.url if i and argv[i - 1] == "--url" else a for i, a in enumerate(argv)]
            for key in env:
                monkeypatch.setenv(key, sandbox.url if key == "TIKTOK_SANDBOX_URL" else env[key])
            if "--url" not in argv and "TIKTOK_SANDBOX_URL" not in env:
                argv = [*argv, "--url", sandbox.url]
            code = main(argv)
            assert code == 0, f"{block.id}: `{command}` exited {code}: {capsys.readouterr().err}"
            for key in env:
                monkeypatch.delenv(key)
    finally:
        if demo is not None:
            demo.delete()


# --- data -------------------------------------------------------------------------------------

@pytest.mark.parametrize("block", _of("toml"))
def test_toml_block_is_a_valid_serve_config(block: Block, tmp_path: Path) -> None:
    tomllib.loads(block.text)
    path = tmp_path / "config.toml"
    path.write_text(block.text, encoding="utf-8")
    assert _serve_settings(["serve", "--config", str(path)], tmp_path) is not None


@pytest.mark.parametrize("block", _of("yaml"))
def test_yaml_scenario_block_loads_and_passes(block: Block, sandbox: Any) -> None:
    from sandbox.scenarios import load, run

    result = run(load(block.text), sandbox, seed=7)
    assert result.passed, result.summary()


@pytest.mark.parametrize("block", _of("json"))
def test_json_block_parses(block: Block) -> None:
    json.loads(block.text)
