from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.backends import PG_URL, pg_database

# CI runs the same examples every time and never fails on a slow example: a red run there must
# mean a bug, not a busy machine or an unlucky draw. Locally, hypothesis explores freely.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Qt tests render offscreen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever touches the real user's default book or settings."""
    home = tmp_path_factory.mktemp("jdstock-home")
    monkeypatch.setenv("JDSTOCK_HOME", str(home))
    monkeypatch.setenv("JDSTOCK_OPERATOR", "测试员")


# The storage, service and command-line tests run on every back end there is a server for; the
# rest on SQLite.
SHARED_BACKEND_DIRS = {"storage", "services", "cli"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    shared = Path(str(metafunc.definition.fspath)).parent.name in SHARED_BACKEND_DIRS
    only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
    if "backend" in metafunc.fixturenames and PG_URL and shared and not only_sqlite:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated empty book on the test server; each test copies it (much faster than Alembic)."""
    from sqlalchemy import make_url

    from jdstock_desktop.storage.db import open_book

    if not PG_URL:
        pytest.skip("JDSTOCK_TEST_PG_URL is not set")
    with pg_database(prefix="jdstock_template") as url:
        open_book(url).close()
        yield str(make_url(url).database)


@pytest.fixture
def book_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Where a test's fresh book lives: a SQLite file, or a new PostgreSQL database."""
    if backend == "sqlite":
        yield str(tmp_path / "book.sqlite3")
        return
    with pg_database(request.getfixturevalue("pg_template")) as url:
        yield url


@pytest.fixture
def book(book_url: str) -> Iterator[object]:
    from jdstock_desktop.storage.db import open_book

    b = open_book(book_url)
    yield b
    b.close()
