"""Fault rules: per-world answers forced onto matching requests (sandbox extension).

A rule matches on face, method, path (a glob) and client_key/app_key; its effect is a canned
`{status, body}`, a documented TikTok error (fault_presets), real latency, or a dropped
connection. `times` caps its hits; `probability` fires it on a seeded, deterministic share of
the matching requests (the n-th match of a rule decides the same way on every run)."""

from __future__ import annotations

import fnmatch
import random
from datetime import datetime
from typing import Any

from sqlalchemy import Float, Integer, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from sandbox.diagnostics.fault_presets import FAULTABLE, find_preset
from sandbox.diagnostics.fault_reach import check_can_fire
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, NotFound
from sandbox.kernel.models import World
from sandbox.kernel.store import Base, WorldScoped, new_id
from sandbox.kernel.world_facts import world_for_update

HAS_FAULTS = "fault_rules"  # World.settings key: this world has (had) fault rules

MAX_LATENCY_MS = 30_000
EFFECTS = ("status", "tiktok_error", "latency_ms", "drop_connection")


class Fault(WorldScoped, Base):
    __tablename__ = "faults"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime]
    match: Mapped[dict[str, Any]] = mapped_column(default=dict)
    effect: Mapped[dict[str, Any]] = mapped_column(default=dict)
    times: Mapped[int | None] = mapped_column(Integer)
    probability: Mapped[float | None] = mapped_column(Float)
    seed: Mapped[int] = mapped_column(Integer, default=0)
    seen: Mapped[int] = mapped_column(Integer, default=0)  # matching requests so far
    hits: Mapped[int] = mapped_column(Integer, default=0)  # of which the fault answered

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times


def fault_view(fault: Fault) -> dict[str, Any]:
    return {"id": fault.id, "created_at": iso(fault.created_at), "match": fault.match,
            "effect": fault.effect, "times": fault.times, "probability": fault.probability,
            "seed": fault.seed, "seen": fault.seen, "hits": fault.hits,
            "active": not fault.exhausted,
            "remaining": None if fault.times is None else max(fault.times - fault.hits, 0)}


def _checked_effect(effect: dict[str, Any], match: dict[str, Any]) -> dict[str, Any]:
    kinds = [k for k in EFFECTS if effect.get(k) not in (None, False)]
    if len(kinds) != 1:
        raise BadRequest("Give exactly one effect: {status, body?}, {tiktok_error}, "
                         "{latency_ms} or {drop_connection: true}.", code="INVALID_FAULT",
                         details={"field": "effect"})
    if effect.get("body") is not None and kinds != ["status"]:
        raise BadRequest("'effect.body' goes with 'effect.status'.", code="INVALID_FAULT",
                         details={"field": "effect.body"})
    if kinds == ["tiktok_error"]:
        preset = find_preset(effect["tiktok_error"], match.get("face"))
        match["face"] = preset.face  # a Shop code answers Open API calls only, and so on
        return {"tiktok_error": preset.view()["tiktok_error"]}
    if kinds == ["latency_ms"] and not 0 < effect["latency_ms"] <= MAX_LATENCY_MS:
        raise BadRequest(f"'effect.latency_ms' is 1 to {MAX_LATENCY_MS}.", code="INVALID_FAULT",
                         details={"field": "effect.latency_ms"})
    return {k: v for k, v in effect.items() if v is not None}


def add_fault(session: Session, world_id: str, wall: datetime, body: dict[str, Any]) -> Fault:
    """Validate and store a rule (the caller commits)."""
    match = {k: v for k, v in (body.get("match") or {}).items() if v not in (None, "")}
    if match.get("face") is not None and match["face"] not in FAULTABLE:
        raise BadRequest(f"'match.face' is one of {', '.join(FAULTABLE)} (the control plane is "
                         "never faulted).", code="INVALID_FAULT", details={"field": "match.face"})
    if match.get("client_key") and match.get("app_key"):
        raise BadRequest("Match a client_key (Login Kit) or an app_key (Shop), not both.",
                         code="INVALID_FAULT", details={"field": "match"})
    if "method" in match:
        match["method"] = match["method"].upper()
    effect = _checked_effect(dict(body.get("effect") or {}), match)
    check_can_fire(match, effect)  # e.g. a Login Kit path with an Open API error: 400, not stored
    fault = Fault(id=new_id("flt_", 6), world_id=world_id, created_at=wall, match=match,
                  effect=effect, times=body.get("times"), probability=body.get("probability"),
                  seed=body.get("seed") or 0, seen=0, hits=0)
    session.add(fault)
    # Requests of a world that never had a rule skip the rules' read (the flag is sticky: a
    # world that had rules reads them, finding none after they are deleted).
    world = world_for_update(session, world_id)
    if world is not None and not (world.settings or {}).get(HAS_FAULTS):
        world.settings = {**(world.settings or {}), HAS_FAULTS: True}
    return fault


def world_with_faults(session: Session, world_id: str) -> tuple[World | None, list[Fault]]:
    """The world and its fault rules, oldest first, in one statement (a request's arrival)."""
    rows = session.execute(select(World, Fault).outerjoin(Fault, Fault.world_id == World.id)
                           .where(World.id == world_id)).all()
    if not rows:
        return None, []
    faults = sorted((f for _, f in rows if f is not None), key=lambda f: (f.created_at, f.id))
    return rows[0][0], faults


def list_faults(session: Session, world_id: str) -> list[Fault]:
    return list(session.scalars(select(Fault).where(Fault.world_id == world_id)
                                .order_by(Fault.created_at, Fault.id)))


def delete_fault(session: Session, world_id: str, fault_id: str) -> None:
    fault = session.get(Fault, fault_id)
    if fault is None or fault.world_id != world_id:
        raise NotFound(f"No fault {fault_id!r} in this world.", code="FAULT_NOT_FOUND")
    session.delete(fault)


def matches(fault: Fault, face: str, method: str, path: str, keys: dict[str, str]) -> bool:
    m = fault.match
    if face == "control" or fault.exhausted:
        return False
    if m.get("face") and m["face"] != face:
        return False
    if m.get("method") and m["method"] != method:
        return False
    if m.get("path") and not fnmatch.fnmatchcase(path, m["path"]):
        return False
    return all(keys.get(k) == m[k] for k in ("client_key", "app_key") if m.get(k))


def decides(seed: int, probability: float | None, n: int) -> bool:
    """Whether the n-th matching request (1-based) of a rule is answered by it: the same on
    every run with the same seed."""
    if probability is None:
        return True
    return random.Random(f"{seed}:{n}").random() < probability


def take_hit(session: Session, fault: Fault) -> bool:
    """Count a match and, if the rule fires, a hit (atomic, so racing requests never exceed
    `times`); the caller commits."""
    seen = session.execute(update(Fault).where(Fault.world_id == fault.world_id, Fault.id == fault.id)
                           .values(seen=Fault.seen + 1).returning(Fault.seen)).scalar()
    if seen is None or not decides(fault.seed, fault.probability, seen):
        return False
    capped = update(Fault).where(Fault.world_id == fault.world_id, Fault.id == fault.id).values(
        hits=Fault.hits + 1)
    if fault.times is not None:
        capped = capped.where(Fault.hits < fault.times)
    return session.execute(capped.returning(Fault.hits)).scalar() is not None


DIAGNOSTIC_TABLES: list[Any] = [Fault]  # created by both apps beside the kernel's tables
