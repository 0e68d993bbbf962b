"""Test databases on both back ends: a SQLite file, or a fresh database on a PostgreSQL server.

Set JDSTOCK_TEST_PG_URL (a URL to the server's maintenance database, e.g. the one printed by
`.ci/postgres.sh start`) and the storage and service tests run on PostgreSQL as well as SQLite.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

from sqlalchemy import create_engine, make_url, text

PG_URL = os.environ.get("JDSTOCK_TEST_PG_URL")


def database_url(name: str) -> str:
    assert PG_URL
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


@contextlib.contextmanager
def pg_database(template: str | None = None, prefix: str = "jdstock_test") -> Iterator[str]:
    """A new database on the test server (a copy of `template` when given), dropped afterwards."""
    assert PG_URL, "JDSTOCK_TEST_PG_URL is not set"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        yield database_url(name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
