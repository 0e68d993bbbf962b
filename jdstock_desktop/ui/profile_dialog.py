"""供应商资料: the supplier profile behind the 供应商入驻评估表, edited section by section.

The widgets are built from the same declaration as the spreadsheet (sheets/onboarding_forms.py),
values are converted by the same converters as its cells, and the onboarding requirements are
the domain's (domain/onboarding.py): a field added to the form appears here with no code. The
行业资质 block is an editable table; the warehouses come from the book and are read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.errors import JdStockError
from jdstock_desktop.services.supplier_profile import get_profile, profile_findings, save_profile
from jdstock_desktop.sheets.cells import CellError, converter, text_of
from jdstock_desktop.sheets.definition import ColumnType
from jdstock_desktop.sheets.keyvalue import Block, Field, FormData, validate
from jdstock_desktop.sheets.onboarding_forms import SUPPLIER_FORM
from jdstock_desktop.storage.db import Book

T = ColumnType
FORM = SUPPLIER_FORM
Editor = QLineEdit | QPlainTextEdit | QComboBox
PLACEHOLDERS = {T.DATE: "YYYY-MM-DD", T.INT: "整数", T.DECIMAL: "数字"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProfileDialog", text)


def shown(value: object) -> str:
    """A stored value as the clerk types it: 2026-11-27, 1200.50, 是/否."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    return text_of(value) if not isinstance(value, str) else value


def parse(f: Field, text: str) -> object:
    """Typed text -> value through the cell converter of the form (CellError with the reason).
    Required is checked on saving, with the other rules of the declaration."""
    return converter(replace(f.column, required=False))(text)


class BlockTable(QWidget):
    """A block of the form as a table: editable rows (行业资质) or the book's (read-only)."""

    def __init__(self, block: Block, rows: list[dict[str, object]], parent: QWidget | None = None):
        super().__init__(parent)
        self.block = block
        self.table = QTableWidget(0, len(block.columns))
        self.table.setHorizontalHeaderLabels([c.label for c in block.columns])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        if block.readonly:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            note = QLabel(_tr("来自库存账本（在「仓库」页修改），只读"))
            note.setStyleSheet("color: #666;")
            layout.addWidget(note)
        else:
            self.add_button = QPushButton(_tr("添加一行"))
            self.remove_button = QPushButton(_tr("删除所选行"))
            self.add_button.clicked.connect(self.add_row)
            self.remove_button.clicked.connect(self.remove_selected)
            buttons = QHBoxLayout()
            buttons.addWidget(self.add_button)
            buttons.addWidget(self.remove_button)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        for row in rows:
            self.add_row([shown(row.get(c.key)) for c in block.columns])
        self.table.setMinimumHeight(110)

    def add_row(self, values: list[str] | None = None) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, text in enumerate(values or [""] * len(self.block.columns)):
            self.table.setItem(r, c, QTableWidgetItem(text))

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def rows(self, problems: list[str]) -> list[dict[str, object]]:
        """The rows with any text, converted; a bad cell adds its reason to `problems`."""
        out = []
        for r in range(self.table.rowCount()):
            texts = [self._text(r, c) for c in range(self.table.columnCount())]
            if not any(texts):
                continue
            row: dict[str, object] = {}
            for f, text in zip(self.block.columns, texts, strict=True):
                try:
                    row[f.key] = parse(f, text)
                except CellError as exc:
                    problems.append(f"{self.block.title}第 {r + 1} 行「{f.label}」：{exc}")
                    row[f.key] = None
            out.append(row)
        return out

    def _text(self, r: int, c: int) -> str:
        item = self.table.item(r, c)
        return item.text().strip() if item is not None else ""


class ProfileDialog(QDialog):
    """Edit and save the supplier profile; stays open with the reason when saving is refused."""

    def __init__(self, book: Book, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.book = book
        self.today = today or dt.date.today()
        self.setWindowTitle(_tr("供应商资料（供应商入驻评估表）"))
        self.editors: dict[str, Editor] = {}
        self.blocks: dict[str, BlockTable] = {}
        data = get_profile(book)

        body = QWidget()
        sections = QVBoxLayout(body)
        for section in FORM.sections:
            box = QGroupBox(section.title)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for item in section.items:
                if isinstance(item, Field):
                    editor = self._editor(item, data.fields.get(item.key))
                    form.addRow(self._label(item), editor)
                else:
                    table = BlockTable(item, data.blocks.get(item.key, []))
                    self.blocks[item.key] = table
                    form.addRow(QLabel(item.title), table)
            sections.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.findings_label = QLabel()
        self.findings_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("取消"))
        self.check_button = self.buttons.addButton(
            _tr("检查入驻要求"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self.update_findings)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.findings_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(860, 780)
        self.update_findings()

    # --- building --------------------------------------------------------------------------------

    def _label(self, f: Field) -> QLabel:
        label = QLabel(("*" if f.required else "") + f.label)
        if f.required:
            label.setStyleSheet("color: #c00000; font-weight: bold;")
        if f.help:
            label.setToolTip(f.help)
        return label

    def _editor(self, f: Field, value: object) -> Editor:
        editor: Editor
        if f.type is T.CHOICE:
            editor = QComboBox()
            editor.addItems(["", *f.choices])
            editor.setCurrentText(shown(value))
            editor.currentTextChanged.connect(self._edited)
        elif f.lines > 1:
            editor = QPlainTextEdit(shown(value))
            editor.setFixedHeight(24 * f.lines + 12)
            editor.setTabChangesFocus(True)
            editor.textChanged.connect(self._edited)
        else:
            editor = QLineEdit(shown(value))
            if f.max_length:
                editor.setMaxLength(f.max_length)
            editor.setPlaceholderText(PLACEHOLDERS.get(f.type, f.help[:40]))
            editor.textChanged.connect(self._edited)
        if f.help:
            editor.setToolTip(f.help)
        self.editors[f.key] = editor
        return editor

    # --- reading ---------------------------------------------------------------------------------

    def _text(self, key: str) -> str:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().strip()
        return editor.text().strip()

    def form_data(self) -> tuple[FormData, list[str]]:
        """What the dialog holds, converted, and the reasons of values that could not be."""
        problems: list[str] = []
        data = FormData()
        for f in FORM.fields:
            if f.readonly:
                continue
            try:
                data.fields[f.key] = parse(f, self._text(f.key))
            except CellError as exc:
                problems.append(f"「{f.label}」{exc}")
                data.fields[f.key] = None
        for key, table in self.blocks.items():
            if not table.block.readonly:
                data.blocks[key] = table.rows(problems)
        return data, problems

    def _edited(self) -> None:
        self.error_label.hide()
        self.update_findings()

    def update_findings(self) -> None:
        """The onboarding requirements the profile does not meet yet (a reminder, not a
        refusal: the clerk may save an unfinished profile)."""
        data, _ = self.form_data()
        found = [f.message for f in profile_findings(data, self.today) if not f.error]
        self.findings_label.setText(
            _tr("入驻要求提醒：") + "；".join(found) if found else _tr("入驻要求：已满足")
        )
        self.findings_label.setStyleSheet(f"color: {'#b45309' if found else '#2e7d32'};")

    # --- saving ----------------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def try_accept(self) -> None:
        data, problems = self.form_data()
        problems += [f"「{label}」{reason}" for label, reason in validate(FORM, data)]
        problems += [f.message for f in profile_findings(data, self.today) if f.error]
        if problems:
            self.show_error("\n".join(dict.fromkeys(problems)))
            return
        try:
            save_profile(self.book, data)
        except JdStockError as exc:
            self.show_error(str(exc))
            return
        self.accept()


def edit_profile(book: Book, parent: QWidget | None = None) -> bool:
    """Open the dialog modally; True when the clerk saved."""
    dialog = ProfileDialog(book, parent)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    return dialog.exec() == QDialog.DialogCode.Accepted
