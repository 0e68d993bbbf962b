"""CI must not quietly drop the PostgreSQL half of the storage, service and CLI tests."""

from __future__ import annotations

import os

import pytest

from tests.backends import PG_URL


def test_ci_runs_the_shared_book_tests_on_postgresql_too(
    request: pytest.FixtureRequest,
) -> None:
    if not os.environ.get("CI"):
        pytest.skip(
            "outside CI the PostgreSQL half needs JDSTOCK_TEST_PG_URL (see tests/backends.py)"
        )
    assert PG_URL, ".ci/run starts a PostgreSQL server and sets JDSTOCK_TEST_PG_URL"
    ids = [item.nodeid for item in request.session.items]
    assert any(i.startswith("tests/services/") and "[postgresql" in i for i in ids)
    assert any("test_concurrency.py" in i and "[postgresql" in i for i in ids)
