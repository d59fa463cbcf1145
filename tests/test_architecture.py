"""DESIGN §4 holds in the source (layers, no import cycles, short modules), and the checker can fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from architecture import (
    Violation,
    cycle_violations,
    layer_violations,
    matches,
)
from architecture_hygiene import issue_names, long_modules

ROOT = Path(__file__).resolve().parent.parent


def report(violations: list[Violation]) -> str:
    """Every violation on its own line (module:line: rule: reason), for the failure message."""
    return f"{len(violations)} violation(s):\n" + "\n".join(f"  {v}" for v in violations)


def make_tree(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path -> source) under `root`, with every package's `__init__.py`."""
    for relative, source in files.items():
        path = root / relative
        for parent in path.relative_to(root).parents:
            if parent != Path("."):
                (root / parent).mkdir(parents=True, exist_ok=True)
                (root / parent / "__init__.py").touch()
        path.write_text(source, encoding="utf-8")
    return root


def assert_none(violations: list[Violation]) -> None:
    if violations:
        pytest.fail(report(violations), pytrace=False)


def found(violations: list[Violation]) -> set[tuple[str, int, str]]:
    return {(v.module, v.line, v.rule) for v in violations}


# The real tree


def test_layers_follow_design_section_4() -> None:
    assert_none(layer_violations(ROOT))


def test_no_import_cycles_between_modules() -> None:
    assert_none(cycle_violations(ROOT))


def test_no_module_over_300_lines() -> None:
    assert_none(long_modules(ROOT))


def test_nothing_named_after_an_issue() -> None:
    assert_none(issue_names(ROOT))


# The checker can fail


def test_a_domain_module_importing_flask_is_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/domain/x.py": "import json\nfrom sandbox.kernel.errors import BadRequest\n"
                               "from flask import Flask\n",
        "sandbox/kernel/errors.py": "",
        "fake_tiktok_app/domain/y.py": "import pyotp\nfrom .z import thing\nfrom sandbox.store import s\n",
        "fake_tiktok_app/domain/z.py": "def thing():\n    import sqlalchemy\n",
    })
    assert found(layer_violations(root)) == {
        ("sandbox.domain.x", 3, "sandbox.domain is pure"),
        ("fake_tiktok_app.domain.y", 3, "fake_tiktok_app.domain is pure"),
        ("fake_tiktok_app.domain.y", 3, "fake app uses only the shared packages"),
        ("fake_tiktok_app.domain.z", 2, "fake_tiktok_app.domain is pure"),
    }


def test_a_cycle_through_a_function_level_import_is_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/services/a.py": "from sandbox.services import b\n",
        "sandbox/services/b.py": "def later():\n    from . import a\n",
    })
    (violation,) = cycle_violations(root)
    assert (violation.module, violation.line) == ("sandbox.services.a", 1)
    assert "sandbox.services.a (line 1) -> sandbox.services.b (line 2, in a function) -> " \
           "sandbox.services.a" in violation.reason


def test_a_cycle_through_a_re_exporting_package_init_is_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/web/__init__.py": "from .auth import bp\nhelper = 1\n",
        "sandbox/web/auth.py": "from sandbox.web import helper\nbp = helper\n",
        "sandbox/web/other.py": "from . import auth\n",
    })
    (violation,) = cycle_violations(root)
    assert "sandbox.web (line 1) -> sandbox.web.auth (line 1) -> sandbox.web;" in violation.reason


def test_every_cycle_is_reported_once(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/store/a.py": "import sandbox.store.b\n",
        "sandbox/store/b.py": "import sandbox.store.c\n",
        "sandbox/store/c.py": "import sandbox.store.a\nimport sandbox.store.d\n",
        "sandbox/store/d.py": "",
        "fake_tiktok_app/x.py": "from fake_tiktok_app import y\n",
        "fake_tiktok_app/y.py": "from fake_tiktok_app.x import name\n",
    })
    assert sorted(v.module for v in cycle_violations(root)) == ["fake_tiktok_app.x", "sandbox.store.a"]


def test_a_type_checking_import_does_not_count(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/domain/x.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                               "    from flask import Flask\n    from sandbox.domain import y\n"
                               "else:\n    import httpx\n",
        "sandbox/domain/y.py": "import typing\nif typing.TYPE_CHECKING:\n    from sandbox.domain.x import X\n"
                               "from sandbox.domain import x\n",
    })
    assert found(layer_violations(root)) == {("sandbox.domain.x", 6, "sandbox.domain is pure")}
    assert cycle_violations(root) == []


def test_only_control_reaches_the_fake_app_services(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/web/seller_api/y.py": "from fake_tiktok_app.services.z import f\n",
        "sandbox/web/control/w.py": "from fake_tiktok_app.services import z\n"
                                      "import fake_tiktok_app.store\n",
        "sandbox/app.py": "from fake_tiktok_app.app import create_app\nfrom fake_tiktok_app import jobs\n"
                          "from fake_tiktok_app.web import x\n",
        "sandbox/serve.py": "def run():\n    from fake_tiktok_app import create_app\n",
        "fake_tiktok_app/services/z.py": "",
        "fake_tiktok_app/jobs.py": "",
    })
    rule = "sandbox reaches the fake app through control or the roots"
    assert found(layer_violations(root)) == {
        ("sandbox.web.seller_api.y", 1, rule), ("sandbox.app", 3, rule), ("sandbox.serve", 2, rule)}


def test_kernel_and_fake_app_do_not_reach_into_the_sandbox(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/kernel/a.py": "from sandbox.kernel import b\ndef f():\n    from sandbox.services import s\n",
        "sandbox/kernel/b.py": "from .. import store\n",
        "fake_tiktok_app/web/x.py": "from sandbox.kernel.errors import E\nfrom sandbox.web import auth\n",
    })
    assert found(layer_violations(root)) == {
        ("sandbox.kernel.a", 3, "sandbox.kernel is shared"),
        ("sandbox.kernel.b", 1, "sandbox.kernel is shared"),
        ("fake_tiktok_app.web.x", 2, "fake app uses only the shared packages")}


def test_shared_packages_import_only_the_ones_below_them(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/diagnostics/a.py": "from sandbox.kernel import clock\nfrom sandbox.web_shared import hooks\n"
                                    "import flask\n",
        "sandbox/web_shared/b.py": "from sandbox.diagnostics import a\nfrom sandbox.presenter import live\n",
        "sandbox/rules/c.py": "from sandbox.kernel import errors\n",
        "fake_tiktok_app/web/d.py": "from sandbox.presenter import live\nfrom sandbox.snapshots import x\n",
    })
    assert found(layer_violations(root)) == {
        ("sandbox.diagnostics.a", 2, "sandbox.diagnostics is shared"),
        ("sandbox.diagnostics.a", 3, "diagnostics without HTTP"),
        ("sandbox.web_shared.b", 2, "sandbox.web_shared is shared"),
        ("sandbox.rules.c", 1, "rule registry is data"),
        ("fake_tiktok_app.web.d", 2, "fake app uses only the shared packages")}


def test_a_web_layer_building_a_query_is_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/web/pages.py": "from sqlalchemy import select\nfrom sqlalchemy.orm import Session\n",
        "fake_tiktok_app/oauth/grants.py": "import sqlalchemy\nfrom sqlalchemy.exc import IntegrityError\n",
        "sandbox/services/s.py": "from sqlalchemy import select\n",
    })
    assert found(layer_violations(root)) == {("sandbox.web.pages", 1, "web layers build no query"),
                                             ("fake_tiktok_app.oauth.grants", 1, "web layers build no query")}


def test_store_and_services_stay_below_the_web(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "fake_tiktok_app/store/oauth.py": "import sqlalchemy\nimport httpx\n",
        "fake_tiktok_app/services/a.py": "from fake_tiktok_app.store import oauth\nimport httpx\n"
                                         "from fake_tiktok_app.oauth import server\nimport authlib.jose\n",
        "sandbox/services/b.py": "from sandbox.web import auth\nfrom werkzeug.security import a, b\n",
        "sandbox/store_org.py": "from sandbox.services import b\n",
    })
    assert found(layer_violations(root)) == {
        ("fake_tiktok_app.store.oauth", 2, "store below services"),
        ("fake_tiktok_app.services.a", 3, "fake app services below oauth"),
        ("fake_tiktok_app.services.a", 4, "services below web"),
        ("fake_tiktok_app.services.a", 4, "authlib only in oauth"),
        ("sandbox.services.b", 1, "services below web"), ("sandbox.services.b", 2, "services below web"),
        ("sandbox.store_org", 1, "store below services")}


def test_the_client_and_the_plugin_import_the_project_lazily(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "sandbox/client/a.py": "import httpx\nfrom .b import Base\nfrom sandbox.kernel.settings import S\n"
                               "def start():\n    from sandbox.serve import serve\n"
                               "    from sandbox.kernel import settings\n    from sandbox.store import s\n",
        "sandbox/client/b.py": "from flask import json\n",
        "sandbox/pytest_plugin.py": "import pytest\nfrom sandbox.client import a\n"
                                    "@pytest.fixture\ndef sandbox():\n    from sandbox.client import a\n",
        "fake_tiktok_app/oauth/x.py": "from authlib.oauth2 import rfc6749\n",
        "sandbox/kernel/settings.py": "", "sandbox/serve.py": "",
    })
    assert found(layer_violations(root)) == {
        ("sandbox.client.a", 3, "client is httpx only"), ("sandbox.client.a", 7, "client is httpx only"),
        ("sandbox.client.b", 1, "client is httpx only"),
        ("sandbox.pytest_plugin", 2, "pytest plugin imports the project lazily")}


def test_missing_packages_have_no_violations(tmp_path: Path) -> None:
    assert layer_violations(tmp_path) == cycle_violations(tmp_path) == long_modules(tmp_path) == []
    assert issue_names(tmp_path) == []


def test_an_unparseable_module_is_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"sandbox/broken.py": "def f(:\n"})
    assert [v.rule for v in layer_violations(root)] == ["parse"]


def test_long_modules_and_issue_names_are_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "tests/test_long.py": "x = 1\n" * 301,
        "sandbox/ok.py": "x = 1\n" * 300,
        "sandbox/web/openapi_issue3.py": "def issue_12_fix():\n    pass\nclass Fine:\n    issue4 = 1\n",
        "fake_tiktok_app/a.py": "from x import y as for_issue7\nISSUE_9: int = 1\ntissue = 2\n",
    })
    assert found(long_modules(root)) == {("tests.test_long", 301, "at most 300 lines")}
    assert {(v.module, v.line) for v in issue_names(root)} == {
        ("sandbox.web.openapi_issue3", 1), ("fake_tiktok_app.a", 1), ("fake_tiktok_app.a", 2)}


@pytest.mark.parametrize(("name", "pattern", "expected"), [
    ("sandbox.kernel.clock", "sandbox.kernel", True), ("sandbox.kernelx", "sandbox.kernel", False),
    ("sandbox.store_org", "sandbox.store_*", True), ("fake_tiktok_app.store.oauth", "*.oauth", False),
    ("a.b.c.d", "a.**.d", True), ("a.d", "a.**.d", True), ("json.decoder", "<stdlib>", True),
    ("flask", "<stdlib>", False),
])
def test_patterns_match_dotted_prefixes(name: str, pattern: str, expected: bool) -> None:
    assert matches(name, pattern) is expected
