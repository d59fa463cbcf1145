"""Another project installs the sandbox from the wheel `make dist` builds: in a fresh virtualenv
outside this repository, `tiktok-sandbox serve` answers with its pages and static files, and the
pytest plugin's `sandbox_world` works in that project's own test run.

Offline on purpose: the wheel is built as `make dist` builds it (`python -m build
--no-isolation`; build and hatchling come with the test extra) and installed with `--no-deps
--no-index`. Its dependencies come from this venv's site-packages, seen through a `.pth` file
naming a folder of links to everything there except this project's own editable install, so the
only `sandbox` and the only tiktok-shop-sandbox distribution the new venv knows are the wheel's.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from support import serve_process

ROOT = Path(__file__).resolve().parents[1]
DIST_NAME = "tiktok_shop_sandbox"
# This venv's entries the new venv must not see: the project's editable install and .pth hooks.
OWN = re.compile(rf"^({DIST_NAME}|__editable__|_editable_impl_)|\.pth$")
# Environment that would point the new venv's processes back at this run.
INHERITED = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTEST_", "TIKTOK_SANDBOX_")


@dataclass(frozen=True)
class Venv:
    root: Path
    python: Path
    site: Path

    def bin(self, name: str) -> Path:
        return self.root / "bin" / name


def clean_env(**extra: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith(INHERITED)}, **extra}


def run(argv: list[str | Path], cwd: Path, timeout: float = 180, **env: str) -> str:
    """Run a command outside the repository; fail the test with its output when it fails."""
    done = subprocess.run([str(a) for a in argv], cwd=cwd, env=clean_env(**env),
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{argv} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another project's folder, outside this repository."""
    where = tmp_path_factory.mktemp("other-project")
    assert ROOT not in where.parents
    return where


@pytest.fixture(scope="module")
def wheel(outside: Path) -> Path:
    """The wheel (built from the sdist, as `make dist` builds both)."""
    dist = outside / "dist"
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT], cwd=outside)
    [built] = dist.glob(f"{DIST_NAME}-*.whl")
    assert list(dist.glob(f"{DIST_NAME}-*.tar.gz")), "no sdist beside the wheel"
    return built


@pytest.fixture(scope="module")
def venv(outside: Path, wheel: Path) -> Venv:
    """A fresh venv holding the wheel; its dependencies are this venv's (see the docstring)."""
    root = outside / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", root], cwd=outside)
    python = root / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
         "--no-index", "--find-links", wheel.parent, "tiktok-shop-sandbox"], cwd=outside)
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                    cwd=outside).strip())
    deps = outside / "deps"
    deps.mkdir()
    ours = {Path(sysconfig.get_path(kind)) for kind in ("purelib", "platlib")}
    for entry in (e for folder in ours for e in folder.iterdir()):
        if not OWN.search(entry.name) and not (deps / entry.name).exists():
            (deps / entry.name).symlink_to(entry)
    (site / "repo_venv_deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    return Venv(root, python, site)


def test_the_wheel_holds_every_file_of_the_packages(wheel: Path) -> None:
    """Templates, static files, scenario YAML, translations: whatever git tracks in the
    packages (and `static/`, shipped as sandbox/_static) is in the wheel."""
    tracked = run(["git", "-C", ROOT, "ls-files", "sandbox", "fake_tiktok_app", "static"],
                  cwd=ROOT).splitlines()
    wanted = {re.sub(r"^static/", "sandbox/_static/", p) for p in tracked}
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert wanted - shipped == set()
    assert {"sandbox/web/templates/base.html", "fake_tiktok_app/web/templates/base.html",
            "sandbox/_static/sandbox.css", "sandbox/scenarios/official_link.yaml",
            "sandbox/web/douyin/translations/zh/LC_MESSAGES/messages.mo"} <= shipped


def test_the_new_venv_imports_the_sandbox_from_the_wheel(venv: Venv, outside: Path) -> None:
    out = run([venv.python, "-c", "import importlib.metadata as m, sandbox, fake_tiktok_app\n"
               "from sandbox.web_shared.requests import static_dir\n"
               "print(sandbox.__file__, fake_tiktok_app.__file__, static_dir())\n"
               "print(*[d.locate_file('') for d in m.distributions()\n"
               "        if d.metadata['Name'] == 'tiktok-shop-sandbox'])"], cwd=outside)
    sandbox_file, app_file, static, *dists = out.split()
    for path in (sandbox_file, app_file, static, *dists):
        assert Path(path).is_relative_to(venv.site), path
    assert Path(static).name == "_static"
    assert len(dists) == 1, f"more than one tiktok-shop-sandbox in the new venv: {dists}"


@pytest.fixture
def served(venv: Venv, outside: Path) -> Iterator[tuple[str, str]]:
    """`tiktok-sandbox serve --port 0 --no-demo` of the new venv, run from the other project's
    folder: (Seller Center URL, TikTok app URL) read from its banner."""
    with serve_process(None, "--no-demo", command=[venv.bin("tiktok-sandbox"), "serve"],
                       cwd=str(outside), env=clean_env()) as server:
        yield server.seller_url, server.app_url


def test_serve_from_the_wheel_answers_pages_and_static_files(served: tuple[str, str],
                                                            outside: Path) -> None:
    seller, app = served
    with httpx.Client(timeout=30) as http:
        assert http.get(f"{seller}/healthz").json()["service"] == "sandbox"
        assert http.get(f"{app}/healthz").json()["service"] == "fake_tiktok_app"
        landing = http.get(f"{seller}/")
        assert landing.status_code == 200 and "Pick a world" in landing.text
        douyin = http.get(f"{seller}/douyin/login")  # a packaged template and translation
        assert douyin.status_code == 200 and "登录" in douyin.text
        phone = http.get(f"{app}/")
        assert phone.status_code == 200 and "sandbox.css" in phone.text
        for base in (seller, app):
            css = http.get(f"{base}/static/sandbox.css")
            assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
        assert http.get(f"{seller}/static/link_request.js").status_code == 200
    assert (outside / ".tiktok-sandbox" / "sandbox.db").exists()  # in the project's folder


PLUGIN_TESTS = '''
import os
from pathlib import Path

import httpx
import pytest

import sandbox
from sandbox.client import SandboxAPIError


def test_the_plugin_and_sandbox_come_from_the_wheel(sandbox_world):
    assert Path(sandbox.__file__).is_relative_to(os.environ["WHEEL_SITE"])


def test_official_link(sandbox_world):
    shop = sandbox_world.create_shop(name="Acme Official", market="US")
    alice = sandbox_world.create_account(username="alice", age=27, region="US")
    link = shop.seller.start_official_link()
    alice.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()
    assert [k["status"] for k in shop.links()] == ["linked"]


def test_under_18_is_refused(sandbox_world):
    shop = sandbox_world.create_shop(name="Acme")
    tom = sandbox_world.create_account(username="tom", age=16)
    link = shop.seller.start_official_link()
    tom.app.scan(link.qr_url).authorize()
    with pytest.raises(SandboxAPIError) as err:
        link.wait_until("ready")
    assert err.value.rule == "C1"


def test_the_in_process_sandbox_serves_templates_and_static_files(sandbox):
    assert "Pick a world" in httpx.get(sandbox.url + "/", timeout=30).text
    css = httpx.get(sandbox.url + "/static/sandbox.css", timeout=30)
    assert css.status_code == 200
'''


def test_the_plugin_from_the_wheel_runs_another_projects_tests(venv: Venv,
                                                                outside: Path) -> None:
    """The in-process sandbox (the plugin's default) of the wheel: its own templates and
    static files, its own pytest11 entry point."""
    project = outside / "tests_of_another_project"
    project.mkdir()
    (project / "test_with_the_sandbox.py").write_text(PLUGIN_TESTS, encoding="utf-8")
    out = run([venv.python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "test_with_the_sandbox.py"], cwd=project, WHEEL_SITE=str(venv.site))
    assert re.search(r"\b4 passed\b", out), out
