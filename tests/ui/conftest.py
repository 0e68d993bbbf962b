"""Fixtures shared by the window tests."""

from __future__ import annotations

import pytest

from jdstock_desktop.ui.widgets import dialogs


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (title, text) of every error box shown; none is actually shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text: shown.append((title, text)))
    return shown
