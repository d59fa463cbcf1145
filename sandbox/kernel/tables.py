"""The kernel's own tables, which every app creates beside its own: worlds, events, jobs and the
webhook outbox."""

from __future__ import annotations

from typing import Any

from sandbox.kernel.models import Event, Job, World
from sandbox.kernel.outbox import WebhookDelivery

KERNEL_TABLES: list[Any] = [World, Event, Job, WebhookDelivery]
