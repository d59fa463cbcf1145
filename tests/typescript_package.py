"""The TypeScript package (clients/typescript) as tests drive it: node and Chromium present (or a
skip, or under TIKTOK_SANDBOX_REQUIRE_BROWSER=1 a failure), `npm ci` once per lock file, and its
commands run with their output kept for the failure message."""

from __future__ import annotations

import fcntl
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "clients" / "typescript"
TYPES = PACKAGE / "src" / "schema.ts"
INSTALLED = PACKAGE / "node_modules" / ".installed"  # the Makefile's stamp too
CHROMIUM = "/usr/bin/chromium"
REQUIRED = os.environ.get("TIKTOK_SANDBOX_REQUIRE_BROWSER") == "1"


def need(program: str) -> str:
    """`program`'s path; skip without it (fail when CI requires the browser suites)."""
    found = shutil.which(program)
    if not found:
        if REQUIRED:
            pytest.fail(f"{program} is required (TIKTOK_SANDBOX_REQUIRE_BROWSER=1)")
        pytest.skip(f"{program} is not installed")
    return found


def run(argv: list[str], cwd: Path = PACKAGE, timeout: float = 300, **env: str | None) -> str:
    """Run a command; fail the test with its output when it fails. `env` values of None
    remove the variable."""
    merged = {**os.environ, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1", "CI": "1",
              "NO_COLOR": "1", "FORCE_COLOR": "0"}
    for key, value in env.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    done = subprocess.run(argv, cwd=cwd, env=merged, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, (f"{' '.join(argv)} exited {done.returncode}:\n"
                                  f"{done.stdout[-6000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def npm_ci() -> None:
    """`npm ci` unless node_modules is newer than package-lock.json (a file lock keeps two
    workers from installing at once)."""
    need("node")
    npm = need("npm")
    with open(PACKAGE / ".npm-ci.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lockfile = PACKAGE / "package-lock.json"
        if INSTALLED.exists() and INSTALLED.stat().st_mtime >= lockfile.stat().st_mtime:
            return
        run([npm, "ci", "--no-audit", "--no-fund", "--prefer-offline"])
        INSTALLED.touch()


def bin_of(name: str) -> str:
    return str(PACKAGE / "node_modules" / ".bin" / name)


def schema_types() -> ModuleType:
    """clients/typescript/scripts/schema_types.py, the generator `make ts-types` runs."""
    spec = importlib.util.spec_from_file_location("schema_types",
                                                  PACKAGE / "scripts" / "schema_types.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def drift(document: Any, scratch: Path) -> list[str]:
    """The lines by which types generated from `document` differ from the committed ones."""
    out = scratch / "schema.ts"
    schema_types().write_types(document, out)
    committed = TYPES.read_text(encoding="utf-8").splitlines()
    fresh = out.read_text(encoding="utf-8").splitlines()
    return sorted(set(fresh).symmetric_difference(committed))


def sandbox_command() -> str:
    """This venv's `tiktok-sandbox`, for the fixture that starts one."""
    script = Path(sys.executable).parent / "tiktok-sandbox"
    return str(script) if script.exists() else f"{sys.executable} -m sandbox.cli"
