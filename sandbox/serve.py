"""Run both apps on two ports with waitress (multi-threaded, production-grade), in threads."""

from __future__ import annotations

import logging
import socket
import threading
from dataclasses import dataclass
from typing import Any

import httpx
from waitress import wasyncore
from waitress.server import create_server

from sandbox.kernel import worlds
from sandbox.kernel.errors import Conflict, NotFound
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.server_limits import bound_waitress, waitress_options
from sandbox.web_shared.requests import is_loopback

log = logging.getLogger(__name__)


class _Slot:
    """A WSGI app filled in after the sockets are bound, so the apps know their own URLs."""

    def __init__(self) -> None:
        self.app: Any = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.app(environ, start_response)


@dataclass
class Running:
    runtime: Runtime
    seller_url: str
    app_url: str
    servers: list[Any]
    threads: list[threading.Thread]

    def stop(self) -> None:
        """Close each server from inside its own loop thread (closing its sockets from here
        would race the loop's select and raise EBADF there), then wait for the threads."""
        self.runtime.stop_ticker()
        for server in self.servers:
            server.trigger.pull_trigger(lambda s=server: _close_in_loop(s))
        for thread in self.threads:
            thread.join(timeout=10)
        self.runtime.close()


def _close_in_loop(server: Any) -> None:
    server.task_dispatcher.shutdown()
    wasyncore.close_all(server._map)


WILDCARD_HOSTS = ("0.0.0.0", "::", "")


class ExposureError(RuntimeError):
    """Serving beyond loopback with an open control plane, without saying so."""


def check_exposure(settings: Settings) -> None:
    """The control plane can delete every world: beyond loopback it needs a token, or an
    explicit `open_control_plane`."""
    if is_loopback(settings.host) or settings.control_token or settings.open_control_plane:
        return
    raise ExposureError(
        f"Refusing to serve on {settings.host!r} (beyond loopback) with an open control plane: "
        "give --control-token TOKEN (callers then send 'Authorization: Bearer TOKEN'), or "
        "--open-control-plane if anyone who can reach this address may control every world.")


def public_host_of(settings: Settings) -> str:
    """The host in the URLs the sandbox prints and links to (QR codes, redirects)."""
    if settings.public_host:
        return settings.public_host
    if settings.host not in WILDCARD_HOSTS:
        return settings.host
    try:  # bound to every interface: the address other machines know this one by
        address = socket.gethostbyname(socket.gethostname())
    except OSError:
        address = "127.0.0.1"
    return "127.0.0.1" if address.startswith("127.") else address


def build_apps(settings: Settings, *, transport: str = "inprocess",
               only: str | None = None) -> tuple[Runtime, dict[str, Any]]:
    """One Runtime and the WSGI apps on it: {"seller": ..., "app": ...} (or the `only` one).

    `settings` already carries the public URLs. transport="inprocess" lets Seller Center reach
    the fake app through httpx's WSGI transport; "http" makes it use a real socket."""
    from fake_tiktok_app.app import create_app as create_fake_app
    from fake_tiktok_app.app import reach_shop_through
    from sandbox.app import create_app as create_seller_app

    runtime = Runtime(settings)
    apps: dict[str, Any] = {}
    fake = create_fake_app(runtime=runtime) if only in (None, "app") else None
    if fake is not None:
        from sandbox.app import reference_routes
        from sandbox.openapi.served import install as serve_openapi

        serve_openapi(fake, reference_routes)  # /openapi.json on the app's port too
        apps["app"] = fake
    if only in (None, "seller"):
        wsgi_transport = (httpx.WSGITransport(app=fake) if transport == "inprocess" and fake
                          else None)
        apps["seller"] = create_seller_app(runtime=runtime, app_transport=wsgi_transport)
        if wsgi_transport is not None and fake is not None:  # the app buys in-process too
            reach_shop_through(fake, httpx.WSGITransport(app=apps["seller"]))
    return runtime, apps


def ensure_demo_world(runtime: Runtime) -> None:
    """Seed world "demo" unless it exists; of processes starting together on one database
    (hosts), the primary key lets one seed it and the others find it."""
    try:
        worlds.get_world(runtime, "demo")
    except NotFound:
        try:
            worlds.create_world(runtime, "Demo", seed="demo", world_id="demo")
        except Conflict:
            pass


def start(settings: Settings, *, transport: str = "inprocess", ticker: bool = True,
          threads: int = 16, ensure_demo: bool | None = None, only: str | None = None) -> Running:
    """Bind the ports (0 = ephemeral), build the apps on one Runtime, serve in threads.

    transport="inprocess" lets Seller Center reach the fake app through httpx's WSGI transport;
    "http" makes it use a real socket, as when the services run apart. `only="seller"` or
    `only="app"` serves one service (the other runs elsewhere on the same database; for
    "seller", `settings.app_url` says where the app is)."""
    check_exposure(settings)
    if only is not None:  # the other service runs in another process: it reads this one's log
        settings = settings.with_(request_log_flush_seconds=0)
    public_host = public_host_of(settings)
    slots: dict[str, _Slot] = {}
    servers: dict[str, Any] = {}
    for name, port in (("seller", settings.seller_port), ("app", settings.app_port)):
        if only in (None, name):
            slots[name] = _Slot()
            servers[name] = bound_waitress(create_server(
                slots[name], host=settings.host, port=port, ident=f"tiktok-sandbox-{name}",
                **waitress_options(settings, threads)))
    urls = {f"{name}_url": f"http://{public_host}:{server.effective_port}"
            for name, server in servers.items()}
    settings = settings.with_(**urls)
    runtime, apps = build_apps(settings, transport=transport, only=only)
    for name, slot in slots.items():
        slot.app = apps[name]
    if "seller" in apps and (ensure_demo if ensure_demo is not None else settings.seed_demo):
        ensure_demo_world(runtime)
    running_threads = []
    for server in servers.values():
        t = threading.Thread(target=server.run, daemon=True, name=f"waitress-{server.effective_port}")
        t.start()
        running_threads.append(t)
    if ticker:
        runtime.start_ticker()
    return Running(runtime, settings.seller_url, settings.app_url, list(servers.values()),
                   running_threads)
