"""Control plane: fault rules and the request log of a world (sandbox extension)."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, request

from sandbox.diagnostics.fault_presets import PRESETS
from sandbox.diagnostics.faults import add_fault, delete_fault, fault_view, list_faults
from sandbox.kernel.clock import wall_now
from sandbox.kernel.fields import text_field
from sandbox.kernel.request_log import entry_view, list_entries, status_filter
from sandbox.web.auth import control_blueprint, number_arg
from sandbox.web.models.faults import FaultCreate
from sandbox.web_shared.requests import accepts, validated_body
from sandbox.web_shared.waits import held_poll

bp = control_blueprint("control_faults", __name__)
QUIET = "control_faults.requests"  # the log's own reads are not logged (a poll would feed itself)


@bp.get("/faults/presets")
def presets() -> Any:
    return jsonify({"presets": [p.view() for p in PRESETS]})


@bp.post("/worlds/<world_id>/faults")
@accepts(FaultCreate)
def create(world_id: str) -> Any:
    body = validated_body(FaultCreate).model_dump(exclude_none=True)
    g.runtime.world(g.db, world_id)
    fault = add_fault(g.db, world_id, wall_now(), body)
    g.db.commit()
    return jsonify(fault_view(fault)), 201


@bp.get("/worlds/<world_id>/faults")
def listed(world_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    return jsonify({"faults": [fault_view(f) for f in list_faults(g.db, world_id)]})


@bp.delete("/worlds/<world_id>/faults/<fault_id>")
def delete(world_id: str, fault_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    delete_fault(g.db, world_id, fault_id)
    g.db.commit()
    return "", 204


@bp.get("/worlds/<world_id>/requests")
def requests(world_id: str) -> Any:
    """Log rows after `after` (their `seq`), optionally by `status`; `wait` long-polls up to
    that many seconds (max 60) for the first new one."""
    after = int(number_arg("after", 0, 2**62))
    wait = number_arg("wait", 0, 60)
    status = status_filter(text_field(request.args, "status"))
    g.runtime.world(g.db, world_id)
    runtime = g.runtime

    def fetch(session: Any) -> list[Any]:
        runtime.request_log.flush()  # rows still waiting in this process's batch
        return list_entries(session, world_id, after=after, status=status)

    found = held_poll(world_id, fetch, wait)
    return jsonify({"requests": [entry_view(r) for r in found]})
