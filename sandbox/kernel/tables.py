"""The shared tables, which every app creates beside its own: worlds, events, jobs, the webhook
outbox and the request log (the kernel's), and fault rules (diagnostics')."""

from __future__ import annotations

from typing import Any

from sandbox.kernel.models import Event, Job, World
from sandbox.kernel.outbox import WebhookDelivery
from sandbox.kernel.request_log import RequestLogEntry

KERNEL_TABLES: list[Any] = [World, Event, Job, WebhookDelivery, RequestLogEntry]
