"""Starting the desktop application."""

from __future__ import annotations

import logging
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from jdstock_desktop import __version__
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.ui.crash import install_crash_handler
from jdstock_desktop.ui.main_window import MainWindow
from jdstock_desktop.ui.settings import APPLICATION, ORGANIZATION
from jdstock_desktop.ui.settings_dialog import CHINESE, ENGLISH, operator_name, ui_language
from jdstock_desktop.ui.shared_book_dialog import open_failure_text

log = logging.getLogger(__name__)


def translation_file(language: str) -> Path:
    """The compiled UI translation of `language` (resources/i18n/jdstock_<language>.qm)."""
    qm = resources.files("jdstock_desktop.resources").joinpath("i18n", f"jdstock_{language}.qm")
    return Path(str(qm))


def application_icon() -> QIcon:
    """The icon of every window and of the taskbar entry (resources/icon.png, drawn by
    resources/build_icon.py). The Windows program file carries icon.ico itself (build.spec)."""
    return QIcon(str(resources.files("jdstock_desktop.resources").joinpath("icon.png")))


def install_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Install the translators of `language` (default: the 设置 choice) and return them.

    Chinese is the UI's source language: "zh_CN" only makes Qt's own buttons (确定/取消…)
    Chinese. "en" loads the English translation of the UI and leaves Qt's strings English;
    without its file the UI stays Chinese rather than half translated.
    """
    language = language or ui_language()
    installed: list[QTranslator] = []
    if language == ENGLISH:
        path = translation_file(ENGLISH)
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
            return installed
        log.warning("English translation %s could not be loaded; the UI stays Chinese", path)
    elif language != CHINESE:
        log.warning("unknown UI language %r; the UI stays Chinese", language)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def open_gui_book(db: str | Path | None = None) -> Book:
    """The book the window opens: the operator set in 设置 is who the ledger records (none set:
    the login name)."""
    return open_book(db, operator=operator_name() or None)


def run_gui(db: str | Path | None = None, argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setWindowIcon(application_icon())
    install_translators(app)
    app.setApplicationDisplayName(_tr("京东工业供应商库存账本"))
    install_crash_handler()  # from here on an unexpected error is logged and shown, not fatal
    try:
        book = open_gui_book(db)
    except Exception as e:  # a bad --db must end in a message box, not a silent exit
        body = open_failure_text(str(db or ""), e)  # never the password of a --db URL
        QMessageBox.critical(None, _tr("无法打开账本"), body)
        return 1
    window = MainWindow(book)
    window.show()
    return app.exec()
