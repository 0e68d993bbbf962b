"""Per-user window settings (QSettings, organization "jdstock"): recent books, geometry, page.

Book data never lives here, only where the clerk left the window. With JDSTOCK_HOME set
(portable installs, tests) the settings are an INI file there instead of the registry.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

ORGANIZATION = "jdstock"
APPLICATION = "jdstock"
MAX_RECENT = 8

_RECENT = "books/recent"
_GEOMETRY = "main_window/geometry"
_STATE = "main_window/state"
_PAGE = "main_window/page"


def app_settings() -> QSettings:
    home = os.environ.get("JDSTOCK_HOME")
    if home:
        return QSettings(str(Path(home) / "jdstock.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


def _string_list(value: object) -> list[str]:
    # INI files give back a one-element list as a plain string, and an empty one as None.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


def recent_books() -> list[str]:
    """Locations (file paths or password-free URLs), most recent first."""
    return _string_list(app_settings().value(_RECENT))


def remember_book(location: str) -> None:
    books = [location, *(b for b in recent_books() if b != location)][:MAX_RECENT]
    app_settings().setValue(_RECENT, books)


def forget_book(location: str) -> None:
    app_settings().setValue(_RECENT, [b for b in recent_books() if b != location])


def clear_recent_books() -> None:
    app_settings().remove(_RECENT)


def save_window(window: QMainWindow, page: int) -> None:
    settings = app_settings()
    settings.setValue(_GEOMETRY, window.saveGeometry())
    settings.setValue(_STATE, window.saveState())
    settings.setValue(_PAGE, page)


def restore_window(window: QMainWindow) -> int:
    """Restore geometry and state; returns the page index the clerk left open (0 if none)."""
    settings = app_settings()
    geometry = settings.value(_GEOMETRY)
    if isinstance(geometry, QByteArray | bytes) and geometry:
        window.restoreGeometry(QByteArray(geometry))
    state = settings.value(_STATE)
    if isinstance(state, QByteArray | bytes) and state:
        window.restoreState(QByteArray(state))
    try:
        return int(settings.value(_PAGE, 0))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
