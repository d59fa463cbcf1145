"""A real local HTTP server that receives webhooks, for tests (werkzeug, in a thread)."""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers `statuses` in turn (then 200) and queues every request it gets."""

    statuses: list[int] = field(default_factory=list)
    inbox: queue.Queue = field(default_factory=queue.Queue)
    all: list[Received] = field(default_factory=list)
    url: str = ""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        got = Received(request.path, dict(request.headers), request.get_data())
        self.all.append(got)
        self.inbox.put(got)
        status = self.statuses.pop(0) if self.statuses else 200
        return Response("", status=status)(environ, start_response)

    def next(self, timeout: float = 10) -> Received:
        return self.inbox.get(timeout=timeout)

    def empty(self) -> bool:
        return self.inbox.empty()


def start_receiver() -> tuple[Receiver, Any]:
    receiver = Receiver()
    server = make_server("127.0.0.1", 0, receiver, threaded=True)
    receiver.url = f"http://127.0.0.1:{server.server_port}/hook"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server
