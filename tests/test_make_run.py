"""`make run` passes PORT= and APP_PORT= to `tiktok-sandbox serve` (README: the run section)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="no make")


def _serve_line(*assignments: str) -> str:
    out = subprocess.run(["make", "-n", "run", *assignments], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    [line] = [ln for ln in out.splitlines() if "tiktok-sandbox serve" in ln]
    return " ".join(line.split())


def test_make_run_passes_port_and_app_port_to_serve():
    assert _serve_line("PORT=8720").endswith("tiktok-sandbox serve --port 8720")
    assert _serve_line("APP_PORT=8731").endswith("tiktok-sandbox serve --app-port 8731")
    assert _serve_line("PORT=8720", "APP_PORT=8731").endswith(
        "tiktok-sandbox serve --port 8720 --app-port 8731")


def test_make_run_without_ports_keeps_serves_defaults():
    assert _serve_line().endswith("tiktok-sandbox serve")
