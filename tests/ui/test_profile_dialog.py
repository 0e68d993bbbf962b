"""The supplier-profile dialog, driven as a clerk would: type, pick, add a 资质 row, save; a wrong
credit code keeps it open with the reason; the requirements reminder follows the typing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from jdstock_desktop.services.compliance import CONTRACT_END_KEY
from jdstock_desktop.services.supplier_profile import PROFILE_KEY, get_profile, save_profile
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import Setting
from jdstock_desktop.ui.profile_dialog import FORM, ProfileDialog
from tests.helpers import add_warehouse
from tests.sheets.test_keyvalue import PROFILE

TODAY = dt.date(2026, 11, 27)


def open_dialog(qtbot: QtBot, book: Book) -> ProfileDialog:
    dialog = ProfileDialog(book, today=TODAY)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # the cell editors take the keyboard focus
        dialog.show()
        dialog.activateWindow()
    return dialog


def type_into(qtbot: QtBot, dialog: ProfileDialog, key: str, text: str) -> None:
    editor = dialog.editors[key]
    assert isinstance(editor, QLineEdit | QPlainTextEdit)
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(editor, text)
    elif isinstance(editor, QLineEdit):
        editor.insert(text)  # Chinese comes through an input method: QTest cannot type it
    else:
        editor.insertPlainText(text)


def pick(qtbot: QtBot, dialog: ProfileDialog, key: str, text: str) -> None:
    combo = dialog.editors[key]
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    while combo.currentText() != text:  # the arrow keys, as on a closed combo box
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() < combo.count() - 1 or combo.currentText() == text


def stored(book: Book, key: str) -> str | None:
    with book.read() as s:
        return s.scalar(select(Setting.value).where(Setting.key == key))


def test_fill_in_and_save(qtbot: QtBot, book: Book) -> None:
    add_warehouse(book, "上海仓", "31")
    dialog = open_dialog(qtbot, book)
    warehouses = dialog.blocks["warehouses"].table
    assert warehouses.rowCount() == 1 and warehouses.item(0, 0).text() == "上海仓"
    assert "未填写统一社会信用代码" in dialog.findings_label.text()

    type_into(qtbot, dialog, "company_name", "福州=工具有限公司")
    type_into(qtbot, dialog, "credit_code", "91350100M000100Y44")  # one character off
    type_into(qtbot, dialog, "registered_capital", "1200.5")
    type_into(qtbot, dialog, "established", "2025-06-01")
    pick(qtbot, dialog, "taxpayer_type", "一般纳税人")
    type_into(qtbot, dialog, "trademark_notice_no", "TMZC20250001")
    type_into(qtbot, dialog, "key_customers", "国家电网")
    type_into(qtbot, dialog, "payment_days", "30")
    type_into(qtbot, dialog, "contract_end", "2027-06-30")
    assert "成立未满 2 年" in dialog.findings_label.text()
    assert "纳税人" not in dialog.findings_label.text()

    quals = dialog.blocks["qualifications"]
    qtbot.mouseClick(quals.add_button, Qt.MouseButton.LeftButton)
    for col, text in enumerate(("3C 认证", "2020010101", "2029-12-31")):
        quals.table.setCurrentCell(0, col)
        quals.table.editItem(quals.table.item(0, col))
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        if text.isascii():
            qtbot.keyClicks(editor, text)
        else:
            editor.insert(text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused: the reason is shown, nothing written
    assert "第 18 位应为「3」" in dialog.error_label.text()
    assert stored(book, PROFILE_KEY) is None

    type_into(qtbot, dialog, "credit_code", "91350100M000100Y43")
    assert dialog.error_label.isHidden()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    saved = json.loads(stored(book, PROFILE_KEY) or "")
    assert saved["fields"] == {
        "company_name": "福州=工具有限公司",
        "credit_code": "91350100M000100Y43",
        "registered_capital": "1200.5",
        "established": "2025-06-01",
        "taxpayer_type": "一般纳税人",
        "trademark_notice_no": "TMZC20250001",
        "key_customers": "国家电网",
        "payment_days": 30,
        "contract_end": "2027-06-30",
    }
    assert saved["blocks"]["qualifications"] == [
        {"name": "3C 认证", "number": "2020010101", "expiry": "2029-12-31"}
    ]
    assert stored(book, CONTRACT_END_KEY) == "2027-06-30"
    assert get_profile(book).fields["registered_capital"] == Decimal("1200.5")


def test_opens_on_the_stored_profile_and_checks_values(qtbot: QtBot, book: Book) -> None:
    save_profile(book, PROFILE)
    dialog = open_dialog(qtbot, book)
    assert dialog._text("credit_code") == "91350100M000100Y43"
    assert dialog._text("annual_sales") == "100000000000"
    assert dialog._text("contract_start") == "1899-12-30"
    assert dialog.blocks["qualifications"].table.rowCount() == 2
    assert dialog.findings_label.text() == "入驻要求：已满足"
    # Unchanged and saved: the stored profile stays as it was.
    data, problems = dialog.form_data()
    assert problems == [] and data.editable(FORM) == PROFILE.editable(FORM)

    type_into(qtbot, dialog, "payment_days", "三十")
    type_into(qtbot, dialog, "company_name", "")
    quals = dialog.blocks["qualifications"]
    quals.table.selectRow(0)
    qtbot.mouseClick(quals.remove_button, Qt.MouseButton.LeftButton)
    assert quals.table.rowCount() == 1
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "「账期(天)」应为整数，实际为「三十」" in dialog.error_label.text()
    assert "「公司名称」必填，不能为空" in dialog.error_label.text()
    assert get_profile(book).editable(FORM) == PROFILE.editable(FORM)

    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
