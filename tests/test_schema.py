"""Schema creation is explicit: each app factory creates exactly its own tables, whatever has been
imported, and every mapped table is named in one of the table lists."""

from __future__ import annotations

from sqlalchemy import inspect

import fake_tiktok_app.app
import sandbox.app
from fake_tiktok_app.store.tables import APP_TABLES
from sandbox.diagnostics.faults import DIAGNOSTIC_TABLES
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.kernel.store import Base
from sandbox.kernel.tables import KERNEL_TABLES
from sandbox.store.tables import SANDBOX_TABLES


def _names(models: list) -> set[str]:
    return {m.__table__.name for m in models}


def test_every_mapped_table_is_named_in_a_table_list():
    named = _names(KERNEL_TABLES + DIAGNOSTIC_TABLES + SANDBOX_TABLES + APP_TABLES)
    assert set(Base.metadata.tables) == named


def test_a_bare_runtime_creates_no_tables_and_each_factory_creates_its_own():
    runtime = Runtime(Settings(db="memory", seed_demo=False))
    try:
        assert inspect(runtime.store.engine).get_table_names() == []
        fake_tiktok_app.app.create_app(runtime=runtime)
        tables = set(inspect(runtime.store.engine).get_table_names())
        assert tables == _names(KERNEL_TABLES + DIAGNOSTIC_TABLES + APP_TABLES)
        sandbox.app.create_app(runtime=runtime)
        tables = set(inspect(runtime.store.engine).get_table_names())
        assert tables == _names(KERNEL_TABLES + DIAGNOSTIC_TABLES + SANDBOX_TABLES + APP_TABLES)
    finally:
        runtime.close()
