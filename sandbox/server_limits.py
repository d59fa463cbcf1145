"""What the servers bound before an app sees a request: threads, connections, body and headers."""

from __future__ import annotations

import io
from typing import Any

from waitress.channel import HTTPChannel
from waitress.task import ErrorTask, ThreadedTaskDispatcher, WSGITask
from waitress.utilities import RequestEntityTooLarge

from sandbox.kernel.settings import Settings
from sandbox.web_shared.requests import BODY_TOO_LARGE

CONNECTIONS_MAX = 1000  # open connections per port (waitress's default of 100 would turn away
# a QA suite's held polls before the threads ever saw them)


def server_threads(settings: Settings, working: int) -> int:
    """Working threads, plus one per wait the process may hold (kernel/held_waits.py)."""
    return working + max(0, settings.held_waits_max)


class GrowingDispatcher(ThreadedTaskDispatcher):
    """waitress's thread pool, started with the working threads and grown by one whenever a
    task finds none idle, up to `most` (threads are kept once made): the threads for held waits
    cost no start-up time and no memory (~15 KiB each) until waits first need them."""

    def __init__(self, working: int, most: int) -> None:
        super().__init__()
        self.most = max(working, most)
        self.set_thread_count(working)

    def add_task(self, task: Any) -> None:
        with self.lock:
            self.queue.append(task)
            self.queue_cv.notify()
            running = len(self.threads) - self.stop_count
            waiting = len(self.queue) - (running - self.active_count)
            grow = waiting > 0 and running < self.most
        if grow:
            self.set_thread_count(running + 1)
        elif waiting > 0:  # as waitress says it: every thread is busy, even the held waits'
            self.queue_logger.warning("Task queue depth is %d", waiting)


def waitress_options(settings: Settings, working: int) -> dict[str, Any]:
    """create_server's keywords (waitress refuses a body at `>=` its maximum, hence the +1);
    `_dispatcher` is waitress's own hook for a thread pool of one's choosing."""
    most = server_threads(settings, working)
    return {"threads": most, "_dispatcher": GrowingDispatcher(working, most),
            "connection_limit": CONNECTIONS_MAX,
            "max_request_body_size": settings.max_request_bytes + 1,
            "max_request_header_size": settings.max_header_bytes}


def gunicorn_options(settings: Settings, working: int) -> dict[str, Any]:
    """gunicorn reads a body only as the app does, so the apps' own check bounds it; its
    request-line and header limits are its own (the largest it allows)."""
    return {"threads": server_threads(settings, working), "worker_connections": CONNECTIONS_MAX,
            "limit_request_line": 8190, "limit_request_field_size": 8190}


class _BodyTooLarge(WSGITask):
    """A request whose body waitress refused to read, handed to the app unread and marked, so
    the face renders its 413."""

    def execute(self) -> None:
        self.set_close_on_finish()  # the rest of the body is never read
        super().execute()

    def get_environment(self) -> dict[str, Any]:
        environ: dict[str, Any] = super().get_environment()
        environ[BODY_TOO_LARGE] = True
        environ["wsgi.input"] = io.BytesIO()
        return environ


def _error_task(channel: Any, request: Any) -> Any:
    """waitress's answer to a request it refused: a body too large goes to the app; anything
    else (a header too large, a malformed request) keeps waitress's own plain answer, as no
    face is known for it."""
    if isinstance(request.error, RequestEntityTooLarge):
        return _BodyTooLarge(channel, request)
    return ErrorTask(channel, request)


class SandboxChannel(HTTPChannel):
    error_task_class = staticmethod(_error_task)


def bound_waitress(server: Any) -> Any:
    """A waitress server whose refusals of large bodies go through the apps."""
    server.channel_class = SandboxChannel
    return server
