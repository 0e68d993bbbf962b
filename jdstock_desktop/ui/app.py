"""Starting the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from jdstock_desktop import __version__
from jdstock_desktop.storage.db import open_book
from jdstock_desktop.ui.main_window import MainWindow
from jdstock_desktop.ui.settings import APPLICATION, ORGANIZATION

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def install_translators(app: QApplication) -> None:
    """Chinese is the UI's source language; Qt's own buttons (确定/取消…) follow it.

    An English translation of the UI (resources/jdstock_en.qm), when present, is used on a
    non-Chinese system, with Qt's strings left in English.
    """
    locale = QLocale.system()
    english = RESOURCES / "jdstock_en.qm"
    if locale.language() != QLocale.Language.Chinese and english.exists():
        translator = QTranslator(app)
        if translator.load(str(english)):
            app.installTranslator(translator)
        return
    qt = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path):
        app.installTranslator(qt)


def run_gui(db: str | Path | None = None, argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("京东工业供应商库存账本")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    install_translators(app)
    try:
        book = open_book(db)
    except Exception as e:  # a bad --db must end in a message box, not a silent exit
        QMessageBox.critical(None, "无法打开账本", f"{db or ''}\n\n{e}")
        return 1
    window = MainWindow(book)
    window.show()
    return app.exec()
