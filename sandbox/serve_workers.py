"""`serve --workers N`: both services in N gunicorn worker processes on one PostgreSQL database."""

from __future__ import annotations

import os
import signal
import socket
import sys
from typing import Any

from sandbox.kernel.settings import Settings
from sandbox.kernel.store import resolve_db_url
from sandbox.serve import build_apps, check_exposure, ensure_demo_world, public_host_of
from sandbox.server_limits import gunicorn_options


class WorkersError(RuntimeError):
    """Several workers asked for where they cannot work (SQLite, no gunicorn)."""


def check_workers(settings: Settings, workers: int) -> None:
    """Several workers need PostgreSQL: processes share nothing but the database, and SQLite
    (one writer at a time, in one file; `memory` is one per process) gains nothing from them."""
    url = resolve_db_url(settings.db, settings.home)
    if not url.startswith("postgresql"):
        raise WorkersError(
            f"--workers {workers} needs PostgreSQL (--db postgresql+psycopg://USER:PASS@HOST/DB): "
            "with SQLite every write waits for the one writer, so more processes add no "
            "throughput (and --db memory would give each its own database). Leave --workers out "
            "to serve SQLite from one process.")
    if os.name != "posix":
        raise WorkersError("--workers needs gunicorn, which runs on POSIX only; leave it out.")
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        raise WorkersError("--workers needs gunicorn: pip install gunicorn") from None


def bind(host: str, port: int) -> socket.socket:
    """A listening socket made before the workers fork, so its port (0: ephemeral) is known."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


class Plan:
    """What the arbiter forks: the bound sockets, the settings with their URLs, the options."""

    def __init__(self, settings: Settings, *, workers: int, threads: int = 8,
                 transport: str = "inprocess") -> None:
        check_exposure(settings)
        check_workers(settings, workers)
        self.sockets = {"seller": bind(settings.host, settings.seller_port),
                        "app": bind(settings.host, settings.app_port)}
        self.ports = {name: s.getsockname()[1] for name, s in self.sockets.items()}
        host = public_host_of(settings)
        # Rows of the request log are written before each answer: the next request may reach
        # another worker, which must find the row the answer named (kernel/request_log.py).
        self.settings = settings.with_(seller_url=f"http://{host}:{self.ports['seller']}",
                                       app_url=f"http://{host}:{self.ports['app']}",
                                       request_log_flush_seconds=0)
        self.workers, self.threads, self.transport = workers, threads, transport

    def prepare(self) -> None:
        """In the arbiter, before forking: create the tables and seed the demo world once, with
        the app modules imported (the workers inherit them); no connection survives the fork."""
        runtime, _ = build_apps(self.settings, transport=self.transport)
        try:
            if self.settings.seed_demo:
                ensure_demo_world(runtime)
        finally:
            runtime.close()

    def run(self) -> None:
        """Become the gunicorn arbiter (returns when it stops: SIGTERM, SIGINT)."""
        _application(self).run()


class Dispatch:
    """One worker's WSGI entry: the service whose port the connection came in on."""

    def __init__(self, apps: dict[str, Any], ports: dict[str, int]) -> None:
        self.by_port = {str(port): apps[name] for name, port in ports.items()}
        self.default = apps["seller"]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        app = self.by_port.get(environ.get("SERVER_PORT", ""), self.default)
        return app(environ, start_response)


def _application(plan: Plan) -> Any:
    from gunicorn.app.base import BaseApplication

    class SandboxWorkers(BaseApplication):  # type: ignore[misc]
        """Each worker builds its own Runtime and both apps after the fork, and ticks."""

        runtime: Any = None

        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": [f"fd://{s.fileno()}" for s in plan.sockets.values()],
                "workers": plan.workers, "worker_class": "gthread",
                **gunicorn_options(plan.settings, plan.threads),
                # Live pages long-poll; gthread keeps the worker's heartbeat while they wait.
                "timeout": 60, "graceful_timeout": 10, "keepalive": 5,
                "accesslog": None, "errorlog": "-", "loglevel": "warning",
                "proc_name": "tiktok-sandbox", "control_socket_disable": True,
                "worker_exit": _worker_exit, "post_fork": _post_fork,
            }
            for key, value in options.items():
                if key in self.cfg.settings:  # older gunicorns lack some settings
                    self.cfg.set(key, value)

        def load(self) -> Any:
            runtime, apps = build_apps(plan.settings, transport=plan.transport)
            self.runtime = runtime
            runtime.start_ticker()
            return Dispatch(apps, plan.ports)

    return SandboxWorkers()


def _post_fork(arbiter: Any, _worker: Any) -> None:
    """A worker dies with its master: the kernel sends it SIGKILL the moment the master exits
    (even by `kill -9`, which gives gunicorn no chance to stop its workers), so no orphan
    keeps the ports while answering nothing (Linux; elsewhere gunicorn's own check of its
    parent, about once a second between requests, remains)."""
    die_with_parent(arbiter.pid)


def _worker_exit(_arbiter: Any, worker: Any) -> None:
    """A stopping worker ends its ticker (and its lease) and closes its pool."""
    runtime = getattr(worker.app, "runtime", None)
    if runtime is not None:
        runtime.close()


PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal this process gets when its parent dies


def die_with_parent(parent_pid: int) -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return False
    # The master may have died between the fork and the prctl: then no signal will come.
    if os.getppid() != parent_pid:
        os._exit(0)
    return True
