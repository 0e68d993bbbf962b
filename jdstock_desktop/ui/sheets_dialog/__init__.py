"""导入表格… / 导出表格…: one dialog each for every interchange sheet (SPEC §7.1).

`import_into(window)` and `export_from(window)` are what the main window's 文件 menu calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jdstock_desktop.ui.sheets_dialog.export_dialog import ExportDialog
from jdstock_desktop.ui.sheets_dialog.import_dialog import ImportDialog

if TYPE_CHECKING:
    from jdstock_desktop.ui.main_window import MainWindow


def _pages_can_leave(window: MainWindow) -> bool:
    """An import changes the book under every page: staged edits are settled first."""
    for page in window.pages:
        can_leave = getattr(page, "can_leave", None)
        if callable(can_leave) and not can_leave():
            return False
    return True


def _book_changed(window: MainWindow) -> None:
    # Every page is stale (-1 is no page), then the shown one reloads at once.
    window._page_changed_book(-1)
    window.show_page(window.stack.currentIndex())


def import_into(window: MainWindow) -> None:
    if not _pages_can_leave(window):
        return
    dialog = ImportDialog(window.book, window)
    dialog.book_changed.connect(lambda: _book_changed(window))
    dialog.imported.connect(lambda report: window.show_message(report.summary()))
    dialog.exec()
    dialog.deleteLater()


def export_from(window: MainWindow) -> None:
    dialog = ExportDialog(window.book, window)
    dialog.exported.connect(
        lambda path, count: window.show_message(
            dialog.tr("已导出 %1 行到 %2").replace("%1", str(count)).replace("%2", path)
        )
    )
    dialog.exec()
    dialog.deleteLater()


__all__ = ["ExportDialog", "ImportDialog", "export_from", "import_into"]
