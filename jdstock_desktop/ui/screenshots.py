"""`jdstock screenshot`: every page of the main window rendered offscreen to PNG.

For the manual, release notes and reviewing a change without a Windows machine. Each page is
shown the way the clerk opens it (MainWindow.show_page, which loads it), its background work is
waited for by signal, and the window is painted into an image of exactly SIZE pixels whatever
the screen's scaling. Two extra pictures follow the pages: the 覆盖与优先级 tab of 仓库 with a
region chosen, and the 导入表格 dialog previewing a 分区库存 file over the window.

Rendering never leaves a trace in the clerk's settings (recent books, window geometry, last
folder): the window runs on a scratch settings file for the duration.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QEventLoop,
    QSize,
    Qt,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

from jdstock_desktop.services.backup import backup_book
from jdstock_desktop.services.forms.table import export_sheet
from jdstock_desktop.sheets.forms import REGIONAL_STOCK
from jdstock_desktop.sheets.reader import read_sheet
from jdstock_desktop.sheets.writer import write_sheet
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.ui.app import install_translators
from jdstock_desktop.ui.main_window import MainWindow
from jdstock_desktop.ui.settings import APPLICATION, ORGANIZATION
from jdstock_desktop.ui.sheets_dialog import ImportDialog
from jdstock_desktop.ui.warehouses import WarehousesPage
from jdstock_desktop.ui.warehouses.page import COVERAGE_TAB
from jdstock_desktop.ui.widgets import jobs

SIZE = QSize(1366, 800)
WAIT_MS = 120_000  # a guard only: a page's background work ends long before on any real book
PREVIEW_ROWS = 40  # rows of the 分区库存 file the import preview checks
CHANGED_ROWS = 6  # of which this many carry a different quantity than the book
DEMO_BOOK = "演示账本.sqlite3"

_app: list[QApplication] = []  # the application made here lives as long as the process


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if not has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication([sys.argv[0] if sys.argv else "jdstock"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    _app.append(app)
    return app


def file_part(text: str) -> str:
    """`text` as part of a file name on Windows (no separators, no reserved characters)."""
    return re.sub(r'[\\/:*?"<>|\s·]+', "-", text).strip("-.") or "page"


# -- waiting and painting -------------------------------------------------------------------------
def wait_for(signal: SignalInstance, timeout_ms: int = WAIT_MS) -> bool:
    """Run the event loop until `signal` fires; False if the guard timeout came first."""
    loop = QEventLoop()
    guard = QTimer(loop)
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    fired: list[bool] = []

    def done(*_args: object) -> None:
        fired.append(True)
        loop.quit()

    signal.connect(done)
    guard.start(timeout_ms)
    try:
        loop.exec()
    finally:
        guard.stop()
        signal.disconnect(done)
    return bool(fired)


def wait_for_job(job: object, what: str) -> None:
    """Wait for a running jobs.Job to end (success, failure or cancel alike)."""
    if isinstance(job, jobs.Job) and job.is_running() and not wait_for(job.ended):
        raise TimeoutError(f"{what} did not finish in {WAIT_MS} ms")


def drain_jobs(what: str) -> None:
    """Any other background job still running: process events until none is left."""
    deadline = QDeadlineTimer(WAIT_MS)
    wake = QTimer()  # wakes the loop now and then to look at the deadline
    wake.start(250)
    try:
        while jobs.running_jobs() and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        wake.stop()
    if jobs.running_jobs():
        raise TimeoutError(f"{what}: background work did not finish in {WAIT_MS} ms")


def settle(page: QWidget) -> None:
    """Wait for the page's background loading (the 预警看板's 30-day history) to end."""
    what = type(page).__name__
    wait_for_job(getattr(page, "history_job", None), what)
    drain_jobs(what)
    # Posted layout requests and repaints of what the load changed.
    QCoreApplication.processEvents()


def paint(widget: QWidget) -> QImage:
    """The widget as an image of its size in device-independent pixels (scaling 100 %)."""
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(1.0)
    image.fill(widget.palette().window().color())
    widget.render(image)
    return image


def over(window: QWidget, dialog: QWidget) -> QImage:
    """The dialog painted at the centre of the window, as the clerk sees it (frame drawn thin)."""
    image = paint(window)
    inner = paint(dialog)
    x = (image.width() - inner.width()) // 2
    y = (image.height() - inner.height()) // 2
    painter = QPainter(image)
    painter.fillRect(image.rect(), QColor(0, 0, 0, 60))
    painter.fillRect(x + 4, y + 4, inner.width(), inner.height(), QColor(0, 0, 0, 50))
    painter.drawImage(x, y, inner)
    painter.setPen(QPen(QColor("#8a8f98")))
    painter.drawRect(x - 1, y - 1, inner.width() + 1, inner.height() + 1)
    painter.end()
    return image


def save(image: QImage, path: Path) -> Path:
    if not image.save(str(path)):  # PNG, from the suffix
        raise OSError(f"could not write {path}")
    return path


# -- the pictures ---------------------------------------------------------------------------------
@contextlib.contextmanager
def scratch_settings() -> Iterator[None]:
    """Settings go to a throw-away INI file (ui.settings honours JDSTOCK_HOME) meanwhile."""
    before = os.environ.get("JDSTOCK_HOME")
    with tempfile.TemporaryDirectory(prefix="jdstock-shots-") as home:
        os.environ["JDSTOCK_HOME"] = home
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("JDSTOCK_HOME", None)
            else:
                os.environ["JDSTOCK_HOME"] = before


@contextlib.contextmanager
def translated(app: QApplication, language: str | None) -> Iterator[None]:
    """The UI in `language` while rendering (None: leave the application's translators)."""
    installed = install_translators(app, language) if language else []
    try:
        yield
    finally:
        for translator in installed:
            app.removeTranslator(translator)
            translator.deleteLater()


def preview_file(book: Book, folder: Path) -> Path:
    """A 分区库存 file of the book's first rows, a few of them with another quantity."""
    whole = folder / "whole.xlsx"
    export_sheet(book, REGIONAL_STOCK, whole)
    rows = [dict(r.values) for r in read_sheet(whole, REGIONAL_STOCK)[:PREVIEW_ROWS]]
    step = max(len(rows) // CHANGED_ROWS, 1)
    for n, row in enumerate(rows[::step][:CHANGED_ROWS]):
        on_hand = int(row["on_hand"] or 0)  # type: ignore[call-overload]
        row["on_hand"] = on_hand + 10 * (n + 1) if n % 2 == 0 else max(on_hand - 5, 0)
    path = folder / f"{REGIONAL_STOCK.name}.xlsx"
    write_sheet(path, REGIONAL_STOCK, rows)
    return path


def render_import_preview(window: MainWindow, folder: Path) -> tuple[str, QImage]:
    """(title, picture) of 导入表格 after checking a 分区库存 file, over the window."""
    dialog = ImportDialog(window.book, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    try:
        dialog.show()
        path = preview_file(window.book, folder)
        dialog.open_file(str(path))  # the check runs in a job; a failure shows in the dialog
        wait_for_job(dialog.job, f"the import check of {path}")
        QCoreApplication.processEvents()
        return dialog.windowTitle(), over(window, dialog)
    finally:
        dialog.reject()
        dialog.deleteLater()


def render_coverage(window: MainWindow, page: WarehousesPage) -> tuple[str, QImage]:
    """(tab title, picture) of 仓库 › 覆盖与优先级 with the first region that has its own list."""
    window.show_page(window.pages.index(page))
    page.tabs.setCurrentIndex(COVERAGE_TAB)
    tab = page.coverage_tab
    if tab.jump_box.count() > 1:
        code = tab.jump_box.itemData(1)
        if isinstance(code, str):
            tab.go_to(code)
    settle(page)
    image = paint(window)
    page.tabs.setCurrentIndex(0)
    return page.tabs.tabText(COVERAGE_TAB), image


def render_screenshots(book: Book, out_dir: Path, *, language: str | None = None) -> list[Path]:
    """Write one PNG per page of the main window (01-仓库.png …), then the coverage tab and the
    import preview, into `out_dir`; returns the files in that order. `language` ("zh_CN",
    "en") installs that UI translation while rendering; None keeps the application's."""
    app = ensure_app()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(image: QImage, *name: str) -> None:
        parts = "-".join(file_part(n) for n in name)
        written.append(save(image, out_dir / f"{len(written) + 1:02d}-{parts}.png"))

    with scratch_settings(), translated(app, language), tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(book)
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        try:
            window.resize(SIZE)
            window.show()
            if window.size() != SIZE:  # a window manager shrank it to its screen
                window.setFixedSize(SIZE)
            names = [window.nav.item(i).text() for i in range(window.nav.count())]
            for i, name in enumerate(names):
                window.message_label.clear()  # each picture shows its own page's messages
                window.show_page(i)
                settle(window.pages[i])
                write(paint(window), name)
            for i, page in enumerate(window.pages):
                if isinstance(page, WarehousesPage):
                    window.message_label.clear()
                    tab, image = render_coverage(window, page)
                    write(image, names[i], tab)
                    break
            window.message_label.clear()
            window.show_page(0)
            settle(window.pages[0])
            title, image = render_import_preview(window, Path(tmp))
            write(image, title)
        finally:
            jobs.wait_all()
            window.hide()
            window.deleteLater()
            QCoreApplication.processEvents()
    return written


# -- the command ----------------------------------------------------------------------------------
def screenshot_command(
    db: str | None, out_dir: Path, *, skus: int, language: str | None
) -> list[Path]:
    """`jdstock screenshot`: a temporary demo book of `skus` products, or a copy of the SQLite
    book --db names (the dashboard marks out-of-stock notices as told; the clerk's book must
    keep its own). A PostgreSQL book is rendered as it is."""
    from jdstock_desktop.demo_book import fill_demo

    with tempfile.TemporaryDirectory(prefix="jdstock-screenshot-") as tmp:
        if db is None:
            book = open_book(Path(tmp) / DEMO_BOOK)
            fill_demo(book, skus=skus)
        else:
            source = open_book(db)
            path = source.file
            if path is None:
                book = source
            else:
                copy = Path(tmp) / path.name  # the pictures show the book's own name
                backup_book(source, copy)
                source.close()
                book = open_book(copy)
        try:
            return render_screenshots(book, out_dir, language=language)
        finally:
            book.close()
