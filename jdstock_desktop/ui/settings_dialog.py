"""文件 › 设置…: the interface language and the operator name the ledger records.

Both live in the per-user settings (ui.settings.app_settings), not in the book: two clerks
sharing one book each keep their own. The operator applies at once to the open book; the
language on the next start, because the translators are installed before any window is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.config import default_operator
from jdstock_desktop.ui.settings import app_settings

if TYPE_CHECKING:
    from jdstock_desktop.ui.main_window import MainWindow

LANGUAGE_KEY = "ui/language"
OPERATOR_KEY = "ui/operator"
CHINESE, ENGLISH = "zh_CN", "en"
# Each language is named in itself, so a clerk who cannot read the current one still finds hers.
LANGUAGES: dict[str, str] = {CHINESE: "中文（简体）", ENGLISH: "English"}
OPERATOR_MAX_LENGTH = 32


def ui_language() -> str:
    """The chosen interface language: "zh_CN" (the source, default) or "en"."""
    value = app_settings().value(LANGUAGE_KEY, CHINESE)
    return value if isinstance(value, str) and value in LANGUAGES else CHINESE


def operator_name() -> str:
    """The operator name set here, "" when none (the book then records the login name)."""
    value = app_settings().value(OPERATOR_KEY, "")
    return value.strip() if isinstance(value, str) else ""


def save_settings(language: str, operator: str) -> None:
    settings = app_settings()
    settings.setValue(LANGUAGE_KEY, language if language in LANGUAGES else CHINESE)
    operator = operator.strip()
    if operator:
        settings.setValue(OPERATOR_KEY, operator)
    else:
        settings.remove(OPERATOR_KEY)
    settings.sync()


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        self.language_box = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(list(LANGUAGES).index(ui_language()))
        self.language_note = QLabel(self.tr("界面语言在下次启动程序时生效。"))
        self.language_note.setWordWrap(True)
        self.language_note.setStyleSheet("color: #6b7280;")

        self.operator_edit = QLineEdit(operator_name())
        self.operator_edit.setMaxLength(OPERATOR_MAX_LENGTH)
        self.operator_edit.setPlaceholderText(default_operator())
        self.operator_note = QLabel(
            self.tr("库存流水的每一行都记录操作人。留空则使用 Windows 登录名（%1）。").replace(
                "%1", default_operator()
            )
        )
        self.operator_note.setWordWrap(True)
        self.operator_note.setStyleSheet("color: #6b7280;")

        form = QFormLayout()
        form.addRow(self.tr("界面语言"), self.language_box)
        form.addRow("", self.language_note)
        form.addRow(self.tr("操作人"), self.operator_edit)
        form.addRow("", self.operator_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def language(self) -> str:
        return str(self.language_box.currentData())

    def operator(self) -> str:
        return self.operator_edit.text().strip()

    def accept(self) -> None:
        save_settings(self.language(), self.operator())
        super().accept()


def edit_settings(window: MainWindow) -> bool:
    """文件 › 设置…: True when the clerk saved. The open book records the new operator from
    its next change on; a new language is announced for the next start."""
    before = ui_language()
    dialog = SettingsDialog(window)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        window.book.operator = dialog.operator() or default_operator()
        if dialog.language() != before:
            window.show_message(
                dialog.tr("界面语言将在下次启动时切换为 %1。").replace(
                    "%1", LANGUAGES[dialog.language()]
                )
            )
        else:
            window.show_message(
                dialog.tr("设置已保存。操作人：%1").replace("%1", window.book.operator)
            )
        return True
    finally:
        dialog.deleteLater()
