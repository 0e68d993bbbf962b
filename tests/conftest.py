from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

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


@pytest.fixture
def book(tmp_path: Path) -> Iterator[object]:
    from jdstock_desktop.storage.db import open_book

    b = open_book(tmp_path / "book.sqlite3")
    yield b
    b.close()
