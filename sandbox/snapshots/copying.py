"""Copy a world's rows into another world, generically over the table metadata (issue 14).

Every table with a `world_id` column is copied, so a table added later needs no code here.
Ids are global in this store (a client_key, an access token, a shop id finds its row, and so
its world, by itself), so a copy cannot keep them:

* string keys — every string primary key and every single-column unique string column, plus
  the secrets paired with them (columns named `…secret` or `…cipher`) — are re-issued: a new
  random value of the same shape (prefix such as `act.`/`TTP_`/`ln_` kept, same length and
  alphabet). Every string of the copy that equals an old key, or contains one of 12 characters
  or more (a URL with a QR token, a webhook body with a shop id, JSON of every depth), gets the
  new key. So a key of one world never works in the other, and references stay consistent.
* integer ids (autoincrement primary keys) are given by the database; columns that hold one
  without a foreign key say so with `info={"refers_to": "<table>"}`, and job/event subjects
  that hold one are listed in SUBJECT_REFERENCES.
"""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, String, Table, func, insert, literal, select, union_all
from sqlalchemy.orm import Session

from sandbox.kernel.store import Base

SUBSTRING_MIN = 12  # keys this long are also replaced inside longer strings
# (table, discriminating column, value prefix) → the table whose integer id the subject holds
SUBJECT_REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("jobs", "kind", "webhook.", "webhook_deliveries"),
    ("events", "type", "webhook.", "webhook_deliveries"),
    ("jobs", "kind", "shop_auth.", "oa_authorizations"),
)
SECRET_SUFFIXES = ("secret", "cipher")
_ALPHABETS = (string.digits, "0123456789abcdef", "0123456789ABCDEF",
              string.ascii_uppercase + "234567", string.ascii_letters + string.digits,
              string.ascii_letters + string.digits + "-_")
_PREFIX = re.compile(r"^[A-Za-z]{1,5}[._-]")

Rows = dict[str, list[dict[str, Any]]]


def world_tables() -> list[Table]:
    """Every world-scoped table, in an order where each table comes after those it refers to
    (declared foreign keys, `refers_to` columns and subject references)."""
    tables = [t for t in Base.metadata.sorted_tables if "world_id" in t.c]
    by_name = {t.name: t for t in tables}
    deps: dict[str, set[str]] = {t.name: {fk.column.table.name for fk in t.foreign_keys}
                                 | {c.info["refers_to"] for c in t.c if "refers_to" in c.info}
                                 for t in tables}
    for name, _col, _prefix, target in SUBJECT_REFERENCES:
        deps.setdefault(name, set()).add(target)
    ordered: list[Table] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen or name not in by_name:
            return
        seen.add(name)
        for dep in sorted(deps.get(name, ())):
            visit(dep)
        ordered.append(by_name[name])

    for t in tables:
        visit(t.name)
    return ordered


def int_pk(table: Table) -> str | None:
    """The name of the table's autoincrement integer primary key, if it has one."""
    pks = list(table.primary_key.columns)
    if len(pks) == 1 and isinstance(pks[0].type, Integer) and pks[0].autoincrement in (True, "auto"):
        return pks[0].name
    return None


def key_columns(table: Table) -> list[str]:
    """String columns whose value finds a row by itself, and the secrets paired with them."""
    unique = {next(iter(c.columns)).name for c in table.constraints
              if getattr(c, "columns", None) is not None and len(c.columns) == 1
              and c.__class__.__name__ == "UniqueConstraint"}
    return [c.name for c in table.c if isinstance(c.type, String) and c.name != "world_id" and (
        c.primary_key or c.unique or c.name in unique or c.name.endswith(SECRET_SUFFIXES))]


def reissue(old: str) -> str:
    """A fresh random value shaped like `old`: prefix and first character kept, same length,
    drawn from the narrowest alphabet that holds the rest."""
    head = _PREFIX.match(old)
    prefix = head.group(0) if head else ""
    body = old[len(prefix):]
    if len(body) < 8:  # a short chosen value: make it unique by a suffix
        return f"{old}-{secrets.token_hex(4)}"
    alphabet = next((a for a in _ALPHABETS if set(body[1:]) <= set(a)), _ALPHABETS[-1])
    # a byte per character; the modulo's bias does not matter for a sandbox's keys
    random_part = "".join(alphabet[b % len(alphabet)] for b in secrets.token_bytes(len(body) - 1))
    return prefix + body[0] + random_part


@dataclass
class Renamer:
    """Old keys → new keys, applied to every string (and JSON value) of the copy."""

    keys: dict[str, str] = field(default_factory=dict)
    world: tuple[str, str] = ("", "")
    _pattern: re.Pattern[str] | None = None

    def compile(self) -> None:
        long = sorted((k for k in self.keys if len(k) >= SUBSTRING_MIN), key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, long))) if long else None

    def text(self, value: str) -> str:
        if value in self.keys:
            return self.keys[value]
        if value and value == self.world[0]:
            return self.world[1]
        if self._pattern is not None and len(value) >= SUBSTRING_MIN:
            return self._pattern.sub(lambda m: self.keys[m.group(0)], value)
        return value

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(k) if isinstance(k, str) else k: self.value(v)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value


def read_rows(session: Session, world_id: str, tables: list[Table]) -> Rows:
    """Every row of the world, table by table, in primary-key order, without `world_id`.
    One statement first counts the world's rows of every table; only tables with rows are read."""
    conn = session.connection()
    counts = union_all(*[select(literal(i).label("t"), func.count().label("n"))
                         .select_from(t).where(t.c.world_id == world_id)
                         for i, t in enumerate(tables)])
    filled = {i for i, n in conn.execute(counts) if n}
    rows: Rows = {t.name: [] for t in tables}
    for i in sorted(filled):
        table = tables[i]
        q = select(*[c for c in table.c if c.name != "world_id"]).where(
            table.c.world_id == world_id).order_by(*table.primary_key.columns)
        rows[table.name] = [dict(r) for r in conn.execute(q).mappings()]
    return rows


def plan_keys(rows: Rows, tables: Iterable[Table], source_world: str, target_world: str) -> Renamer:
    """Re-issue every key and secret of these rows."""
    renamer = Renamer(world=(source_world, target_world))
    for table in tables:
        for col in key_columns(table):
            for row in rows.get(table.name, ()):
                old = row.get(col)
                if isinstance(old, str) and old and old not in renamer.keys:
                    renamer.keys[old] = reissue(old)
    renamer.compile()
    return renamer


def write_rows(session: Session, world_id: str, rows: Rows, tables: list[Table],
               renamer: Renamer) -> dict[str, dict[int, int]]:
    """Insert the rows into `world_id`, keys renamed and integer ids given by the database.
    Returns, per table with an integer id, old id → new id."""
    ids: dict[str, dict[int, int]] = {}
    conn = session.connection()
    for table in tables:
        source = rows.get(table.name) or []
        if not source:
            continue
        pk = int_pk(table)
        refs = {c.name: c.info["refers_to"] for c in table.c if "refers_to" in c.info}
        out = []
        for row in source:
            new = {k: renamer.value(v) for k, v in row.items() if k != pk}
            for col, target in refs.items():
                if new.get(col) is not None:
                    new[col] = ids.get(target, {}).get(new[col], 0)
            new["world_id"] = world_id
            out.append(new)
        for name, col, prefix, target in SUBJECT_REFERENCES:
            if name != table.name:
                continue
            for new in out:
                subject = str(new.get("subject", ""))
                if str(new.get(col, "")).startswith(prefix) and subject.isdigit():
                    new["subject"] = str(ids.get(target, {}).get(int(subject), 0))
        if pk is None:
            conn.execute(insert(table), out)
            continue
        made = conn.execute(insert(table).returning(table.c[pk], sort_by_parameter_order=True),
                               out).scalars().all()
        ids[table.name] = {row[pk]: new_id for row, new_id in zip(source, made, strict=True)}
    return ids
