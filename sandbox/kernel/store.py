"""SQLAlchemy base, column types and engine set-up shared by both services' tables."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    ForeignKey,
    String,
    TypeDecorator,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    declared_attr,
    mapped_column,
    sessionmaker,
)

from sandbox.kernel.clock import as_utc
from sandbox.kernel.world_lock import WorldLocks


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    """Every table of both services; each carries `world_id` (DESIGN §2)."""

    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


class WorldScoped:
    """Mixin: the world a row belongs to. Deleting a world deletes by this column.

    The foreign key is the guard against a write racing the world's deletion: an insert locks
    the world row (PostgreSQL's key-share lock), so the deletion waits for it, and an insert after
    the deletion fails instead of leaving an orphan that a re-created world would inherit."""

    @declared_attr
    def world_id(cls) -> Mapped[str]:  # noqa: N805 (SQLAlchemy's declared_attr convention)
        return mapped_column(String(40), ForeignKey("worlds.id"), index=True)


THROWAWAY = "tiktok-sandbox-throwaway-"


def new_id(prefix: str = "", nbytes: int = 9) -> str:
    return prefix + secrets.token_hex(nbytes)


def resolve_db_url(db: str | None, home: str = ".tiktok-sandbox") -> str:
    """`None` → SQLite file under ./.tiktok-sandbox; `memory` → a throwaway file; else a URL."""
    if db in (None, "", "file"):
        os.makedirs(home, exist_ok=True)
        return f"sqlite:///{os.path.abspath(os.path.join(home, 'sandbox.db'))}"
    if db == "memory":
        # A private temp file, not ':memory:': the two services and the ticker need several
        # connections to one database, which an in-memory SQLite cannot give safely.
        path = tempfile.mkdtemp(prefix=THROWAWAY)
        return f"sqlite:///{os.path.join(path, 'sandbox.db')}"
    return db


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": 30, "check_same_thread": False}, pool_size=20,
            max_overflow=20,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")  # WorldScoped's guard, as on PostgreSQL
            cur.close()

        return engine
    return create_engine(url, pool_size=10, max_overflow=30)


LOADED = "sandbox.loaded_rows"  # Session.info key: the rows this transaction loaded or wrote


def _keep(session: Session, instance: Any) -> None:
    session.info.setdefault(LOADED, []).append(instance)


def _let_go(session: Session, *_args: Any) -> None:
    session.info.pop(LOADED, None)


def hold_loaded_rows(sessions: Any) -> None:
    """Within a transaction, a session keeps every row it loaded or wrote alive. SQLAlchemy's
    identity map holds rows weakly, so a row a function read and returned was collected as soon
    as the caller let go of it, and the next `session.get` of it read it again (the organization
    profile twice per one-time password). At commit or rollback they are let go again, so a
    later read in the same session sees what other sessions committed meanwhile, as before."""
    event.listen(sessions, "loaded_as_persistent", _keep)
    event.listen(sessions, "pending_to_persistent", _keep)
    event.listen(sessions, "after_commit", _let_go)
    event.listen(sessions, "after_soft_rollback", _let_go)


class Store:
    """An engine and its session factory; `create_tables` is idempotent."""

    def __init__(self, url: str) -> None:
        self.url = url
        # A throwaway database (`--db memory`) lives in its own temp dir, removed on dispose.
        self.throwaway_dir = (os.path.dirname(url.removeprefix("sqlite:///"))
                              if os.path.basename(os.path.dirname(url)).startswith(THROWAWAY)
                              else None)
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        hold_loaded_rows(self.sessions)
        self.world_locks = WorldLocks(self.engine, url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def create_tables(self, models: list[Any]) -> None:
        """Create these models' missing tables (idempotent). Each app factory names its own
        tables, so the schema never depends on what happened to be imported. On PostgreSQL an
        advisory lock serialises processes that start together (xdist workers, gunicorn)."""
        tables = [m.__table__ for m in models]
        if self.dialect == "postgresql":
            with self.engine.begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(7211)"))
                Base.metadata.create_all(conn, tables=tables)
        else:
            Base.metadata.create_all(self.engine, tables=tables)

    def session(self) -> Session:
        return self.sessions()

    def delete_world_rows(self, session: Session, world_id: str) -> None:
        """Remove every row of a world from every table, children first.

        On PostgreSQL it is one statement of data-modifying CTEs (one round trip instead of one
        per table; foreign keys are checked at the statement's end, when all rows are gone)."""
        tables = [t for t in reversed(Base.metadata.sorted_tables) if "world_id" in t.c]
        if self.dialect != "postgresql":
            for table in tables:
                session.execute(table.delete().where(table.c.world_id == world_id))
            return
        *ctes, last = (f'DELETE FROM "{t.name}" WHERE world_id = :world_id' for t in tables)
        sql = "WITH " + ", ".join(f"d{i} AS ({d})" for i, d in enumerate(ctes)) + " " + last
        session.execute(text(sql), {"world_id": world_id})

    def ping(self) -> bool:
        with self.session() as s:
            return s.execute(select(1)).scalar() == 1

    def dispose(self) -> None:
        self.engine.dispose()
        if self.throwaway_dir:
            shutil.rmtree(self.throwaway_dir, ignore_errors=True)
