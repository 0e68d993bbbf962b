"""导出表格: choose one of the interchange sheets and a file; the export runs in a worker.

The sheet is written to a temporary file beside the target and moved in place only when done
and not cancelled, so cancelling (or a failure) leaves whatever was at the target untouched.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.services.forms import preview as planning
from jdstock_desktop.services.forms.door import export_form
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.forms import INTERCHANGE_SHEETS
from jdstock_desktop.sheets.onboarding_forms import ONBOARDING_SHEETS
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.sheets_dialog.paths import in_last_dir, remember_dir
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.jobs import Cancelled, Job, Step

PROGRESS_DELAY_MS = 300


def export_to(book: Book, sheet: SheetDef, path: str, step: Step) -> int:
    """Write `sheet` to `path` through a temporary file; Cancelled leaves `path` untouched."""
    target = Path(path)
    part = target.with_name(f"~{target.stem}.part{target.suffix or '.xlsx'}")
    try:
        count = export_form(book, sheet, part)
        if not step(1, 1):
            raise Cancelled
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return count


class ExportDialog(QDialog):
    exported = Signal(str, int)  # path, data rows

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self.path = ""
        self.sheets = [*INTERCHANGE_SHEETS, *ONBOARDING_SHEETS]
        self.setWindowTitle(self.tr("导出表格"))
        self.sheet_box = QComboBox()
        for sheet in self.sheets:
            self.sheet_box.addItem(sheet.name)
        first = None
        for i, sheet in enumerate(self.sheets):
            if not planning.can_export(sheet):
                item = self.sheet_box.model().item(i)  # type: ignore[attr-defined]
                item.setEnabled(False)
                item.setText(self.tr("%1（暂不支持导出）").replace("%1", sheet.name))
            elif first is None:
                first = i
        self.sheet_box.setCurrentIndex(first or 0)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #6b7280;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("表格"), self.sheet_box)
        form.addRow("", self.description)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setDefault(True)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(520, 220)
        self.sheet_box.currentIndexChanged.connect(self._sheet_changed)
        self.export_button.clicked.connect(self.choose_file)
        close.clicked.connect(self.reject)
        self._sheet_changed(self.sheet_box.currentIndex())

    def sheet(self) -> SheetDef:
        return self.sheets[self.sheet_box.currentIndex()]

    def _sheet_changed(self, index: int) -> None:
        if 0 <= index < len(self.sheets):
            self.description.setText(self.sheets[index].description)
        self.status.clear()

    def choose_file(self) -> None:
        sheet = self.sheet()
        default = in_last_dir(f"{sheet.name}-{dt.date.today().isoformat()}.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出表格"), default, self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export(sheet, path)

    def export(self, sheet: SheetDef, path: str) -> None:
        if self.job is not None:
            return
        remember_dir(path)
        self.path = path
        book = self.book
        job = Job(lambda step: export_to(book, sheet, path, step))
        progress = QProgressDialog(
            self.tr("正在导出「%1」…").replace("%1", sheet.name), self.tr("取消"), 0, 0, self
        )
        progress.setWindowTitle(self.windowTitle())
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        progress.setValue(0)  # starts the show-after-delay timer from now
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(job.cancel)
        self.progress = progress
        self.job = job
        self.export_button.setEnabled(False)
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        job.ended.connect(self._ended)
        job.start()

    def _done(self, count: int) -> None:
        self.status.setText(
            self.tr("已导出 %1 行到 %2").replace("%1", str(count)).replace("%2", self.path)
        )
        self.exported.emit(self.path, count)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("导出失败，未写入文件。"))
        dialogs.show_error(self, self.tr("导出失败"), f"{self.path}\n\n{error}")

    def _cancelled(self) -> None:
        self.status.setText(self.tr("已取消导出，未写入文件。"))

    def _ended(self) -> None:
        self.job = None
        self.export_button.setEnabled(True)
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
        super().reject()
