"""Where the default stock book lives, and who the operator is."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import platformdirs

APP_NAME = "jdstock"
APP_AUTHOR = "jdstock"


def data_dir() -> Path:
    """The user's data folder (e.g. %LOCALAPPDATA%\\jdstock on Windows); JDSTOCK_HOME overrides."""
    override = os.environ.get("JDSTOCK_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_book_path() -> Path:
    return data_dir() / "stock-book.sqlite3"


def default_operator() -> str:
    """The OS login name; ledger rows record who made each change."""
    override = os.environ.get("JDSTOCK_OPERATOR")
    if override:
        return override
    try:
        return getpass.getuser()
    except Exception:  # no login name (service accounts, some containers)
        return "unknown"
