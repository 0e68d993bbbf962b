"""The English translation (complete, compiled, loaded when 设置 says English) and 文件 › 设置…."""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import LedgerEntry
from jdstock_desktop.ui.app import install_translators, open_gui_book, translation_file
from jdstock_desktop.ui.main_window import MainWindow
from jdstock_desktop.ui.settings_dialog import (
    SettingsDialog,
    operator_name,
    save_settings,
    ui_language,
)
from tests.helpers import add_product, add_warehouse

ROOT = Path(__file__).resolve().parents[2]
TS = translation_file("en").with_suffix(".ts")
QM = translation_file("en")
CJK = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"%(?:\d|n)")


@functools.cache
def load_extract() -> ModuleType:
    """resources/i18n/extract.py, a script rather than an installed module."""
    name = "jdstock_i18n_extract"
    spec = importlib.util.spec_from_file_location(name, ROOT / "resources/i18n/extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    installed = install_translators(qapp, "en")
    assert installed, f"{QM} did not load"
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


# -- the translation itself -----------------------------------------------------------------------
def test_the_main_window_speaks_english(english: None, qtbot: QtBot, book: Book) -> None:
    window = MainWindow(book)
    qtbot.addWidget(window)
    nav = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert nav[:2] == ["Warehouses", "Stock"]
    assert not [t for t in nav if CJK.search(t)]
    assert menu_texts(window) == ["&File", "&Pages", "&Help"]
    page_menu = [a.text() for a in window.page_menu.actions()]
    assert page_menu == nav
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    file_menu = {a.text(): a for a in menu.actions()}
    assert file_menu["Settings…"].shortcut() == QKeySequence("Ctrl+,")
    assert {"New Book…", "Open Book…", "Import Sheet…", "Exit"} <= file_menu.keys()
    assert window.windowTitle().endswith("— JD Industrial Supplier Stock Book")


def ts_messages() -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(TS).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name") or "", message


def test_every_message_of_the_ts_has_an_english_translation() -> None:
    checked = 0
    for context, message in ts_messages():
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None, (context, source)
        if translation.get("type") in ("vanished", "obsolete"):
            continue  # left the sources; lrelease skips it
        assert translation.get("type") != "unfinished", (context, source)
        if message.get("numerus") == "yes":
            texts = [f.text or "" for f in translation.iter("numerusform")]
            assert len(texts) == 2, (context, source)  # English: one, many
        else:
            texts = [translation.text or ""]
        for text in texts:
            assert text.strip(), (context, source)
            assert not CJK.search(text), (context, source, text)
            # %1 … are filled in by the code; a lost one drops a value from the sentence.
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                context,
                source,
                text,
            )
        checked += 1
    assert checked > 0


def test_the_ts_covers_every_string_the_ui_translates() -> None:
    extract = load_extract()
    extracted, _computed, _unwrapped = extract.extract(extract.source_files())
    stale = list(extract.stale(extracted, extract.read_ts(TS)))
    assert not stale, (
        "run `python resources/i18n/extract.py`, translate the new messages of "
        "resources/i18n/jdstock_en.ts, run it again:\n" + "\n".join(stale)
    )


def test_the_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    extract = load_extract()
    if extract.lrelease() is None:
        pytest.skip("pyside6-lrelease is not installed")
    fresh = tmp_path / "jdstock_en.qm"
    extract.release(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run `python resources/i18n/extract.py`"


# -- choosing the language ------------------------------------------------------------------------
def test_the_language_setting_chooses_the_translation(qapp: QApplication) -> None:
    assert ui_language() == "zh_CN"  # nothing chosen yet: Chinese, the source language
    installed = install_translators(qapp)
    try:
        assert QCoreApplication.translate("pages", "库存") == "库存"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)

    save_settings("en", "")
    installed = install_translators(qapp)
    try:
        assert QCoreApplication.translate("pages", "库存") == "Stock"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("pages", "库存") == "库存"


# -- 文件 › 设置… ---------------------------------------------------------------------------------
@pytest.fixture
def stock_book(book: Book) -> Book:
    add_warehouse(book, "华东仓")
    add_product(book, "P001")
    return book


def answer_settings(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, language: str, operator: str
) -> None:
    """The clerk picks a language, types an operator name and clicks 确定."""

    def run(dialog: SettingsDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        box = dialog.language_box
        box.setCurrentIndex(box.findData(language))
        edit = dialog.operator_edit
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        # A Chinese name arrives from the input method as one committed string (QTest can
        # only type ASCII keys).
        typed = QInputMethodEvent()
        typed.setCommitString(operator)
        QApplication.sendEvent(edit, typed)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", run)


def ledger_operators(book: Book) -> list[str]:
    with book.read() as s:
        return list(s.scalars(select(LedgerEntry.operator).order_by(LedgerEntry.id)))


def test_settings_saves_language_and_operator_and_the_ledger_records_the_operator(
    qtbot: QtBot, stock_book: Book, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = MainWindow(stock_book)
    qtbot.addWidget(window)
    answer_settings(qtbot, monkeypatch, "en", "张三")
    window.settings_action.trigger()

    assert (ui_language(), operator_name()) == ("en", "张三")
    # The language waits for the next start (and says so); the operator applies at once.
    assert "English" in window.message_label.text()
    assert QCoreApplication.translate("pages", "库存") == "库存"
    submit_stock_changes(window.book, [StockEdit("P001", "华东仓", 5)])
    assert ledger_operators(stock_book) == ["张三"]

    # Another book opened from the window keeps the operator.
    assert window.open_location(str(tmp_path / "other.sqlite3"))
    assert window.book.operator == "张三"


def test_an_empty_operator_falls_back_to_the_login_name(
    qtbot: QtBot, stock_book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings("zh_CN", "李四")
    window = MainWindow(stock_book)
    qtbot.addWidget(window)
    answer_settings(qtbot, monkeypatch, "zh_CN", "")
    window.settings_action.trigger()

    assert operator_name() == ""
    assert window.book.operator == "测试员"  # JDSTOCK_OPERATOR of the tests, else the login
    assert "测试员" in window.message_label.text()


def test_the_gui_opens_its_book_with_the_operator_of_the_settings(tmp_path: Path) -> None:
    book = open_gui_book(tmp_path / "a.sqlite3")
    assert book.operator == "测试员"
    book.close()
    save_settings("zh_CN", "王五")
    book = open_gui_book(tmp_path / "a.sqlite3")
    assert book.operator == "王五"
    book.close()
    assert open_book(tmp_path / "a.sqlite3").operator == "测试员"  # only the GUI reads it
