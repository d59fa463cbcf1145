"""The kernel's own tables, which every app creates beside its own: worlds, events, jobs, the
webhook outbox, fault rules and the request log."""

from __future__ import annotations

from typing import Any

from sandbox.kernel.faults import Fault
from sandbox.kernel.models import Event, Job, World
from sandbox.kernel.outbox import WebhookDelivery
from sandbox.kernel.request_log import RequestLogEntry

KERNEL_TABLES: list[Any] = [World, Event, Job, WebhookDelivery, Fault, RequestLogEntry]
