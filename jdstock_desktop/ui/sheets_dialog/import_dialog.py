"""导入表格: pick a file, see what it would change (or every bad cell), then import it.

The check is a dry run of the real import in a worker thread: the same code plans the same
changes and rolls them back. 确认导入 then writes them in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.errors import CellProblem, JdStockError, SheetErrors
from jdstock_desktop.services.forms import preview as planning
from jdstock_desktop.services.forms.importing import ImportReport
from jdstock_desktop.sheets.annotate import write_annotated_copy
from jdstock_desktop.sheets.definition import ColumnType, SheetDef
from jdstock_desktop.sheets.forms import INTERCHANGE_SHEETS
from jdstock_desktop.sheets.onboarding_forms import ONBOARDING_SHEETS
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.sheets_dialog.list_export import ListColumn
from jdstock_desktop.ui.sheets_dialog.paths import last_dir, remember_dir
from jdstock_desktop.ui.sheets_dialog.rows_model import TypedRowsModel
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.jobs import Job

EMPTY, PREVIEW, ERRORS = range(3)  # the pages of the result stack
OK_STYLE = "color: #1a7f37; font-weight: 600;"
BAD_STYLE = "color: #b42318; font-weight: 600;"
PROGRESS_DELAY_MS = 300  # a quick check shows no progress window at all


class ImportDialog(QDialog):
    checked = Signal(object)  # a DryRun (preview or refusal)
    imported = Signal(object)  # the ImportReport of the committed import
    book_changed = Signal()
    annotated = Signal(str)  # path of the annotated copy written

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.plan: planning.DryRun | None = None
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self.committing = False  # a commit cannot be cancelled: the dialog stays until it ends
        self.sheets: list[SheetDef] = [*INTERCHANGE_SHEETS, *ONBOARDING_SHEETS]
        self.setWindowTitle(self.tr("导入表格"))

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(
            self.tr("选择要导入的表格文件（.xlsx、.xlsm、.xls、.ods）")
        )
        self.browse_button = QPushButton(self.tr("选择文件…"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.sheet_box = QComboBox()
        for sheet in self.sheets:
            self.sheet_box.addItem(sheet.name)
        for i, sheet in enumerate(self.sheets):
            if not planning.can_import(sheet):
                item = self.sheet_box.model().item(i)  # type: ignore[attr-defined]
                item.setEnabled(False)
                item.setText(self.tr("%1（暂不支持导入）").replace("%1", sheet.name))
        self.detected_label = QLabel()
        self.detected_label.setStyleSheet("color: #6b7280;")
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_box)
        sheet_row.addWidget(self.detected_label, 1)
        form = QFormLayout()
        form.addRow(self.tr("文件"), file_row)
        form.addRow(self.tr("表格类型"), sheet_row)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #6b7280;")
        form.addRow("", self.description)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty())
        self.stack.addWidget(self._build_preview())
        self.stack.addWidget(self._build_errors())

        self.confirm_button = QPushButton(self.tr("确认导入"))
        self.confirm_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.resize(820, 560)

        self.browse_button.clicked.connect(self.browse)
        self.sheet_box.activated.connect(self._sheet_chosen)
        self.confirm_button.clicked.connect(self.confirm)
        self.close_button.clicked.connect(self.reject)
        self._show_description(None)

    # -- building ---------------------------------------------------------------------------------
    def _build_empty(self) -> QWidget:
        label = QLabel(
            self.tr(
                "选择一个文件后，程序会先检查每个单元格并试算将要发生的变化，"
                "确认无误后再点「确认导入」写入账本。检查不会修改账本。"
            )
        )
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #6b7280;")
        return label

    @staticmethod
    def _table(model: TypedRowsModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _build_preview(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet(OK_STYLE)
        self.details_model = TypedRowsModel([ListColumn(self.tr("将要发生的变化"))], parent=self)
        self.details_table = self._table(self.details_model)
        self.details_note = QLabel()
        self.details_note.setStyleSheet("color: #6b7280;")
        layout.addWidget(self.summary_label)
        layout.addWidget(self.details_table, 1)
        layout.addWidget(self.details_note)
        return box

    def _build_errors(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.errors_label = QLabel()
        self.errors_label.setWordWrap(True)
        self.errors_label.setStyleSheet(BAD_STYLE)
        self.errors_model = TypedRowsModel(
            [
                ListColumn(self.tr("工作表")),
                ListColumn(self.tr("行"), ColumnType.INT, none_text="—"),
                ListColumn(self.tr("列"), none_text="—"),
                ListColumn(self.tr("原因")),
            ],
            parent=self,
        )
        self.errors_table = self._table(self.errors_model)
        self.annotate_button = QPushButton(self.tr("保存带批注的副本…"))
        self.annotate_button.setToolTip(
            self.tr("另存一份文件：出错的单元格标红并附批注，另加一张「错误清单」工作表")
        )
        self.annotate_button.clicked.connect(self.save_annotated)
        self.annotate_status = QLabel()
        self.annotate_status.setStyleSheet("color: #6b7280;")
        row = QHBoxLayout()
        row.addWidget(self.annotate_status, 1)
        row.addWidget(self.annotate_button)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.errors_table, 1)
        layout.addLayout(row)
        return box

    # -- choosing the file and the sheet ----------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("导入表格"),
            last_dir(),
            self.tr("表格文件 (*.xlsx *.xlsm *.xls *.ods);;所有文件 (*)"),
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Check `path`, detecting its form (the sheet box can override it afterwards)."""
        remember_dir(path)
        self.file_edit.setText(path)
        self.file_edit.setToolTip(path)
        self.detected_label.clear()
        self.start_check(None)

    def _sheet_chosen(self, index: int) -> None:
        if self.file_edit.text() and 0 <= index < len(self.sheets):
            self.detected_label.setText(self.tr("（手动选择）"))
            self.start_check(self.sheets[index])

    def _show_description(self, sheet: SheetDef | None) -> None:
        self.description.setText(sheet.description if sheet else "")

    # -- the dry run ------------------------------------------------------------------------------
    def start_check(self, sheet: SheetDef | None) -> None:
        if self.job is not None:
            self.job.cancel()
        self.plan = None
        self.confirm_button.setEnabled(False)
        book, path = self.book, self.file_edit.text()
        job = Job(lambda step: planning.dry_run(book, path, sheet, step))
        self._run(job, self.tr("正在检查 %1 …").replace("%1", Path(path).name), cancellable=True)
        job.succeeded.connect(self._checked)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._check_cancelled)
        job.start()

    def _run(self, job: Job, label: str, *, cancellable: bool) -> None:
        self.job = job
        self._close_progress()
        progress = QProgressDialog(label, self.tr("取消"), 0, 0, self)
        progress.setWindowTitle(self.windowTitle())
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        progress.setValue(0)  # starts the show-after-delay timer from now
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        if cancellable:
            progress.canceled.connect(job.cancel)
        else:
            progress.setCancelButton(None)
        job.progressed.connect(lambda done, total: self._progressed(progress, done, total))
        job.ended.connect(self._job_ended)
        self.progress = progress

    @staticmethod
    def _progressed(progress: QProgressDialog, done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(done)

    def _job_ended(self) -> None:
        if self.sender() is self.job:
            self.job = None
            self.committing = False
            self._close_progress()

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _checked(self, plan: planning.DryRun) -> None:
        if self.sender() is not self.job:
            return
        self.plan = plan
        if plan.sheet is not None:
            self.sheet_box.setCurrentIndex(self.sheets.index(plan.sheet))
            if not self.detected_label.text():
                self.detected_label.setText(self.tr("（自动识别）"))
        self._show_description(plan.sheet)
        if plan.sheet is None:
            self.show_problems(
                [],
                self.tr(
                    "无法识别这个文件是哪种表格：请在「表格类型」中选择，程序会按该表格重新检查。"
                ),
            )
        elif plan.ok:
            self.show_preview(plan.report)  # type: ignore[arg-type]
        else:
            self.show_problems(
                plan.problems,
                self.tr("发现 %1 处错误，未写入任何数据。请改正后重新选择文件。").replace(
                    "%1", str(len(plan.problems))
                ),
            )
        self.checked.emit(plan)

    def _failed(self, error: BaseException) -> None:
        if self.sender() is not self.job:
            return
        if isinstance(error, NotImplementedError):
            text = self.tr("这种表格暂不支持导入。")
        else:
            text = str(error)
        self.show_problems([], text)

    def _check_cancelled(self) -> None:
        if self.sender() is self.job or self.job is None:
            self.show_problems([], self.tr("已取消检查，未写入任何数据。"))

    # -- showing the result -----------------------------------------------------------------------
    def show_preview(self, report: ImportReport) -> None:
        self.stack.setCurrentIndex(PREVIEW)
        self.summary_label.setText(report.summary())
        self.details_model.set_content(
            self.details_model.columns, [(line,) for line in report.details]
        )
        shown = len(report.details)
        if not report.changed:
            note = self.tr("文件与账本一致，导入不会改变任何数据。")
        elif shown >= report.MAX_DETAILS:
            note = self.tr("仅列出前 %1 条变化。").replace("%1", str(shown))
        else:
            note = self.tr("共 %1 条变化。").replace("%1", str(shown))
        self.details_note.setText(note)
        self.confirm_button.setEnabled(report.changed)
        self.confirm_button.setDefault(report.changed)

    def show_problems(self, problems: list[CellProblem], message: str) -> None:
        self.stack.setCurrentIndex(ERRORS)
        self.errors_label.setText(message)
        self.errors_model.set_content(
            self.errors_model.columns,
            [(p.sheet, p.row or None, p.column or None, p.reason) for p in problems],
        )
        self.errors_table.setVisible(bool(problems))
        can_annotate = bool(problems) and self.plan is not None and self.plan.sheet is not None
        self.annotate_button.setVisible(can_annotate)
        self.annotate_status.clear()
        self.confirm_button.setEnabled(False)

    # -- committing -------------------------------------------------------------------------------
    def confirm(self) -> None:
        plan = self.plan
        if plan is None or not plan.ok or self.job is not None:
            return
        self.confirm_button.setEnabled(False)
        book = self.book
        job = Job(lambda _step: planning.commit(book, plan))
        # One transaction that cannot be stopped half-way: no cancel button, nothing to undo.
        self._run(job, self.tr("正在写入账本（一个事务）…"), cancellable=False)
        self.committing = True
        job.succeeded.connect(self._committed)
        job.failed.connect(self._commit_failed)
        job.start()

    def _committed(self, report: ImportReport) -> None:
        self.plan = None
        self.summary_label.setText(self.tr("已导入：%1").replace("%1", report.summary()))
        self.details_note.setText(self.tr("已写入账本。"))
        self.book_changed.emit()
        self.imported.emit(report)

    def _commit_failed(self, error: BaseException) -> None:
        if isinstance(error, SheetErrors):
            self.show_problems(
                list(error.problems),
                self.tr("账本在检查后有变化，导入被拒绝，未写入任何数据："),
            )
            return
        text = str(error) if isinstance(error, JdStockError) else repr(error)
        dialogs.show_error(self, self.tr("导入失败"), self.tr("未写入任何数据。") + "\n\n" + text)

    # -- the annotated copy -----------------------------------------------------------------------
    def save_annotated(self) -> None:
        plan = self.plan
        if plan is None or plan.sheet is None or not plan.problems:
            return
        src = Path(plan.path)
        default = src.with_name(f"{src.stem}{self.tr('-错误批注')}.xlsx")
        dst, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存带批注的副本"), str(default), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if not dst:
            return
        if not dst.lower().endswith(".xlsx"):
            dst += ".xlsx"
        if Path(dst).resolve() == src.resolve():
            dialogs.show_error(
                self, self.tr("无法保存"), self.tr("请另存为新文件，不要覆盖原文件。")
            )
            return
        sheet, problems = plan.sheet, plan.problems
        job = Job(lambda _step: write_annotated_copy(src, dst, problems, sheet))
        self._run(job, self.tr("正在保存带批注的副本…"), cancellable=False)
        job.succeeded.connect(lambda _r: self._annotated(dst))
        job.failed.connect(lambda e: dialogs.show_error(self, self.tr("保存失败"), f"{dst}\n\n{e}"))
        job.start()

    def _annotated(self, path: str) -> None:
        self.annotate_status.setText(self.tr("已保存：%1").replace("%1", path))
        self.annotated.emit(path)

    # -- closing ----------------------------------------------------------------------------------
    def reject(self) -> None:
        if self.committing:
            return  # the commit reports to this dialog; closing waits for it
        if self.job is not None:
            self.job.cancel()
        super().reject()
