"""Starting the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from jdstock_desktop import __version__
from jdstock_desktop.storage.db import open_book
from jdstock_desktop.ui.main_window import MainWindow


def run_gui(db: str | Path | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("jdstock")
    app.setApplicationDisplayName("京东工业供应商库存账本")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("jdstock")
    window = MainWindow(open_book(db))
    window.show()
    return app.exec()
