"""A compliance finding opens the product or warehouse it names, in the real main window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.compliance.page import CompliancePage
from jdstock_desktop.ui.main_window import MainWindow
from jdstock_desktop.ui.products.page import ProductsPage
from jdstock_desktop.ui.warehouses.page import WarehousesPage
from jdstock_desktop.ui.widgets import dialogs
from tests.helpers import add_product, add_warehouse


@pytest.fixture
def window(qtbot: QtBot, book: Book, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda *_: dialogs.UnsavedChoice.DISCARD)
    add_warehouse(book, "华东仓")
    add_warehouse(book, "华南仓")
    add_product(book, "A1")
    add_product(book, "B2")  # listed with no stock anywhere: a rule 12–14 finding
    win = MainWindow(book)
    qtbot.addWidget(win)
    win.show()
    yield win


def page_of(win: MainWindow, cls: type) -> object:
    return next(p for p in win.pages if isinstance(p, cls))


def test_a_sku_finding_opens_the_product(qtbot: QtBot, window: MainWindow) -> None:
    compliance = page_of(window, CompliancePage)
    assert isinstance(compliance, CompliancePage)
    with qtbot.waitSignal(compliance.open_item) as link:
        compliance.open_item.emit("sku", "B2")
    assert link.args == ["sku", "B2"]
    products = page_of(window, ProductsPage)
    assert window.current_page() is products
    assert isinstance(products, ProductsPage)
    assert products.selected_codes() == ["B2"]


def test_a_warehouse_finding_opens_the_warehouse(window: MainWindow) -> None:
    assert window.open_item("warehouse", "华南仓")
    warehouses = page_of(window, WarehousesPage)
    assert window.current_page() is warehouses
    assert isinstance(warehouses, WarehousesPage)
    current = warehouses.list_tab.current()
    assert current is not None and current.name == "华南仓"


def test_an_unknown_kind_goes_nowhere(window: MainWindow) -> None:
    before = window.current_page()
    assert not window.open_item("contract", "x")
    assert window.current_page() is before
