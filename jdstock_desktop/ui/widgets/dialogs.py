"""Confirmation and question dialogs shared by the pages.

Pages call these through the module (`dialogs.ask_unsaved_changes(...)`), so a test can replace
one answer with monkeypatch and drive the rest of the flow as a clerk would.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.ui.widgets.rows_model import RowsTableModel


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("dialogs", text, disambiguation, n)


class ConfirmTableDialog(QDialog):
    """ "Do you want to do this?" with the rows it concerns in a table (提交库存变更 …)."""

    def __init__(
        self,
        title: str,
        message: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        accept_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(message)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.model = RowsTableModel(headers, rows, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 420)


class UnsavedChoice(Enum):
    SUBMIT = "submit"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved_changes(parent: QWidget | None, count: int) -> UnsavedChoice:
    """Staged edits are about to be left behind: submit them, discard them, or stay."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("未提交的库存修改"))
    box.setText(_tr("有 %n 处库存修改尚未提交。", "", count))
    box.setInformativeText(_tr("提交后才会写入账本；放弃则恢复为账本中的数量。"))
    submit = box.addButton(_tr("提交…"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_tr("放弃修改"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(submit)
    box.exec()
    clicked = box.clickedButton()
    if clicked is submit:
        return UnsavedChoice.SUBMIT
    if clicked is discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)
