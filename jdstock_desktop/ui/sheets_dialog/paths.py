"""Where the sheet dialogs open their file choosers: the folder the clerk used last."""

from __future__ import annotations

from pathlib import Path

from jdstock_desktop.ui.settings import app_settings

_KEY = "sheets/last_dir"


def last_dir() -> str:
    value = app_settings().value(_KEY, "")
    folder = str(value) if value else ""
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_dir(path: str) -> None:
    app_settings().setValue(_KEY, str(Path(path).parent))


def in_last_dir(name: str) -> str:
    return str(Path(last_dir()) / name)
