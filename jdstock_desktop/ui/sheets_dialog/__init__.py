"""导入表格… / 导出表格…: one dialog each for every interchange sheet (SPEC §7.1).

`import_into(window)` and `export_from(window)` are what the main window's 文件 menu calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jdstock_desktop.ui.sheets_dialog.export_dialog import ExportDialog
from jdstock_desktop.ui.sheets_dialog.import_dialog import ImportDialog

if TYPE_CHECKING:
    from jdstock_desktop.ui.main_window import MainWindow


def import_into(window: MainWindow) -> None:
    if not window.pages_can_leave():  # an import changes the book under every page
        return
    dialog = ImportDialog(window.book, window)
    dialog.book_changed.connect(window.reload_after_book_change)
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
