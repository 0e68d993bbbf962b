from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
