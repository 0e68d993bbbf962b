"""The 仓库 page driven as a clerk would: the warehouse list, the dialog with its address picker,
the coverage & priority editor over the region tree, and the what-if box.

Every flow ends by reading the book through the services, not only the widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from jdstock_desktop.domain.regions import ROOT_CODE
from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.services.warehouses import (
    WarehouseView,
    create_warehouse,
    list_warehouses,
    priority_lists,
    set_priorities,
)
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.warehouses import WarehousesPage
from jdstock_desktop.ui.warehouses import priority_editor as pe
from jdstock_desktop.ui.warehouses.dialog import WarehouseDialog
from jdstock_desktop.ui.warehouses.list_model import (
    ADDRESS,
    COMPLETE,
    NAME,
    STATUS,
    WarehouseTableModel,
)
from jdstock_desktop.ui.warehouses.priority_model import (
    BANNED,
    MIME_TYPE,
    PriorityListModel,
    PriorityRow,
)
from jdstock_desktop.ui.warehouses.region_model import RegionTreeModel
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.address_picker import AddressPicker, line_edit, popup
from tests.helpers import add_product

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
GUANGDONG, SHENZHEN, NANSHAN, YUEHAI = "44", "4403", "440305", "440305007"


@pytest.fixture
def small_book(book: Book) -> Book:
    """商家全国仓 + 华南仓 (深圳南山), 华东仓 (上海浦东), 华中仓 (武汉, paused); SKU P001."""
    create_warehouse(book, "华南仓", "广东/深圳/南山/粤海", "科苑路15号")
    create_warehouse(book, "华东仓", "上海/浦东新区/张江镇", "祖冲之路2288号")
    create_warehouse(book, "华中仓", "湖北/武汉/江夏区", "", paused=True)
    add_product(book, "P001", name="不锈钢六角螺栓 M8", listed=True, spot_hours=24)
    return book


@pytest.fixture
def page(qtbot: QtBot, small_book: Book, monkeypatch: pytest.MonkeyPatch) -> WarehousesPage:
    # Teardown never blocks on a question about a forgotten draft.
    monkeypatch.setattr(pe, "ask_unsaved_priorities", lambda *_: dialogs.UnsavedChoice.DISCARD)
    p = WarehousesPage(small_book)
    qtbot.addWidget(p)
    p.resize(1200, 720)
    p.refresh()
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    p.list_tab.view.setFocus()
    return p


@pytest.fixture
def messages(page: WarehousesPage) -> list[str]:
    shown: list[str] = []
    page.status_message.connect(shown.append)
    return shown


DialogScript = Callable[[WarehouseDialog], None]


@pytest.fixture
def dialog_script(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[DialogScript]]:
    """Queue what the clerk does in each WarehouseDialog; exec runs it instead of a modal loop."""
    scripts: list[DialogScript] = []

    def exec_(dialog: WarehouseDialog) -> int:
        assert scripts, "a warehouse dialog opened that the test did not expect"
        # Active as under a modal exec(), so that keys go to it. (waitActive is not enough: a
        # dialog shares its parent's activation in isActiveWindow() under some styles.)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        scripts.pop(0)(dialog)
        result = dialog.result()
        dialog.hide()
        return result

    monkeypatch.setattr(WarehouseDialog, "exec", exec_)
    yield scripts
    assert not scripts, "an expected warehouse dialog never opened"


def ime_type(widget: QWidget, text: str) -> None:
    """Type Chinese the way a clerk's input method delivers it: one committed string.

    (QTest.keyClicks only knows ASCII keys.)
    """
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_level(qtbot: QtBot, picker: AddressPicker, level: int, text: str) -> None:
    line = line_edit(picker.combos[level])
    line.clear()
    ime_type(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def row_of(model: WarehouseTableModel, name: str) -> int:
    row = model.row_of(name)
    assert row is not None, name
    return row


def select_warehouse(page: WarehousesPage, name: str) -> None:
    row = row_of(page.list_tab.model, name)
    page.list_tab.view.setCurrentIndex(page.list_tab.model.index(row, NAME))
    page.list_tab.view.setFocus()


def warehouse(book: Book, name: str) -> WarehouseView:
    return next(w for w in list_warehouses(book) if w.name == name)


def lists(book: Book) -> list[tuple[str, str, int | None]]:
    return [(p.region, p.warehouse, p.rank) for p in priority_lists(book)]


# -- the warehouse list ---------------------------------------------------------------------------


def test_page_is_first_in_navigation() -> None:
    from jdstock_desktop.ui.pages import PAGES

    assert PAGES[0] is WarehousesPage
    assert WarehousesPage.title == "仓库"


def test_add_warehouse_through_dialog_typing_each_level(
    qtbot: QtBot, page: WarehousesPage, dialog_script: list[DialogScript], messages: list[str]
) -> None:
    def clerk(dialog: WarehouseDialog) -> None:
        ime_type(dialog.name_edit, "深圳南山仓")
        type_level(qtbot, dialog.picker, 0, "广东")
        type_level(qtbot, dialog.picker, 1, "深圳")
        type_level(qtbot, dialog.picker, 2, "南山")
        assert [c.currentText() for c in dialog.picker.combos[:3]] == ["广东省", "深圳市", "南山区"]
        assert dialog.note_label.isVisible()  # no town yet: the incomplete-address note
        type_level(qtbot, dialog.picker, 3, "粤海")
        ime_type(dialog.detail_edit, "科技园科苑路15号")
        assert not dialog.note_label.isVisible()
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog_script.append(clerk)
    qtbot.keyClick(page.list_tab.view, Qt.Key.Key_Insert)

    wh = warehouse(page.book, "深圳南山仓")
    assert wh.address_parts == ("广东省", "深圳市", "南山区", "粤海街道")
    assert wh.address_detail == "科技园科苑路15号"
    assert wh.address_complete and not wh.paused
    current = page.list_tab.current()
    assert current is not None and current.name == "深圳南山仓"
    assert messages[-1] == "已新增仓库「深圳南山仓」"


def test_ctrl_n_adds_and_search_box_fills_four_levels(
    qtbot: QtBot, page: WarehousesPage, dialog_script: list[DialogScript]
) -> None:
    def clerk(dialog: WarehouseDialog) -> None:
        ime_type(dialog.name_edit, "粤海仓")
        search = dialog.picker.search
        assert search is not None
        ime_type(search, "粤海")
        assert [p for _c, p in search.matches()] == ["广东省/深圳市/南山区/粤海街道"]
        qtbot.keyClick(search, Qt.Key.Key_Return)
        assert [c.currentText() for c in dialog.picker.combos] == [
            "广东省",
            "深圳市",
            "南山区",
            "粤海街道",
        ]
        assert dialog.picker.region_code() == YUEHAI
        qtbot.keyClick(dialog.detail_edit, Qt.Key.Key_A)
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog_script.append(clerk)
    qtbot.keyClick(page.list_tab.view, Qt.Key.Key_N, CTRL)
    assert warehouse(page.book, "粤海仓").region_code == YUEHAI


def test_dialog_refusals_keep_it_open_and_write_nothing(
    qtbot: QtBot, page: WarehousesPage, dialog_script: list[DialogScript]
) -> None:
    def clerk(dialog: WarehouseDialog) -> None:
        qtbot.mouseClick(dialog.ok_button, LEFT)
        assert dialog.error_label.text() == "请填写仓库名称"
        ime_type(dialog.name_edit, "华南仓")
        qtbot.mouseClick(dialog.ok_button, LEFT)
        assert dialog.error_label.text() == "请选择仓库所在的省份（商家仓需要真实地址）"
        type_level(qtbot, dialog.picker, 0, "火星")
        qtbot.mouseClick(dialog.ok_button, LEFT)
        assert dialog.error_label.text() == "「火星」在「全国」下找不到，请从列表中选择"
        type_level(qtbot, dialog.picker, 0, "广东")
        qtbot.mouseClick(dialog.ok_button, LEFT)
        assert dialog.error_label.text() == "仓库「华南仓」已存在"  # the service's own message
        assert dialog.isVisible() and dialog.result() == 0
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), LEFT)

    dialog_script.append(clerk)
    before = list_warehouses(page.book)
    qtbot.mouseClick(page.list_tab.toolbar.widgetForAction(page.list_tab.add_action), LEFT)
    assert list_warehouses(page.book) == before


def test_edit_renames_and_readdresses(
    qtbot: QtBot, page: WarehousesPage, dialog_script: list[DialogScript]
) -> None:
    def clerk(dialog: WarehouseDialog) -> None:
        assert dialog.name_edit.text() == "华东仓"
        assert dialog.picker.region_code() == "310115125"  # 上海市/市辖区/浦东新区/张江镇
        dialog.name_edit.clear()
        ime_type(dialog.name_edit, "华东一号仓")
        type_level(qtbot, dialog.picker, 0, "江苏")
        type_level(qtbot, dialog.picker, 1, "苏州")
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog_script.append(clerk)
    select_warehouse(page, "华东仓")
    qtbot.keyClick(page.list_tab.view, Qt.Key.Key_F2)
    names = [w.name for w in list_warehouses(page.book)]
    assert "华东仓" not in names
    assert warehouse(page.book, "华东一号仓").address_parts[:2] == ("江苏省", "苏州市")


def test_pause_and_enable(qtbot: QtBot, page: WarehousesPage, messages: list[str]) -> None:
    tab = page.list_tab
    select_warehouse(page, "华南仓")
    assert tab.pause_action.text() == "暂停"
    qtbot.mouseClick(tab.toolbar.widgetForAction(tab.pause_action), LEFT)
    assert warehouse(page.book, "华南仓").paused
    assert messages[-1] == "已暂停仓库「华南仓」：库存保留，但不参与发货"
    assert tab.model.index(row_of(tab.model, "华南仓"), STATUS).data() == "暂停"
    assert tab.pause_action.text() == "启用"
    qtbot.mouseClick(tab.toolbar.widgetForAction(tab.pause_action), LEFT)
    assert not warehouse(page.book, "华南仓").paused


def test_national_warehouse_is_locked(
    qtbot: QtBot, page: WarehousesPage, messages: list[str], errors: list[tuple[str, str]]
) -> None:
    tab = page.list_tab
    select_warehouse(page, "商家全国仓")
    assert tab.model.row_of("商家全国仓") == 0
    index = tab.model.index(0, NAME)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "系统自动生成，覆盖全国，优先级最低，不可修改"
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None  # the lock
    assert not any(a.isEnabled() for a in (tab.edit_action, tab.pause_action, tab.delete_action))
    assert tab.add_action.isEnabled()
    assert tab.lock_label.isVisibleTo(tab) and "不可修改" in tab.locked_label.text()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    qtbot.keyClick(tab.view, Qt.Key.Key_F2)
    # A double click on it explains instead of opening a dialog (exec is not patched here).
    tab.edit()
    assert messages[-1] == "商家全国仓：系统自动生成，覆盖全国，优先级最低，不可修改"
    assert warehouse(page.book, "商家全国仓").is_national
    assert errors == []


def test_delete_refused_with_stock_then_allowed(
    qtbot: QtBot,
    page: WarehousesPage,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    asked: list[str] = []

    def yes(_parent: QWidget | None, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "ask_yes_no", yes)
    submit_stock_changes(page.book, [StockEdit("P001", "华南仓", 5)])
    select_warehouse(page, "华南仓")
    qtbot.keyClick(page.list_tab.view, Qt.Key.Key_Delete)
    assert "确定删除仓库「华南仓」" in asked[0]
    assert errors == [("无法删除仓库", "仓库「华南仓」仍有现货库存 5 件，不能删除；请先调拨或清零")]
    assert any(w.name == "华南仓" for w in list_warehouses(page.book))

    select_warehouse(page, "华东仓")
    qtbot.keyClick(page.list_tab.view, Qt.Key.Key_Delete)
    assert not any(w.name == "华东仓" for w in list_warehouses(page.book))
    assert page.list_tab.model.row_of("华东仓") is None


def test_delete_cancelled_keeps_warehouse(
    qtbot: QtBot, page: WarehousesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_: False)
    select_warehouse(page, "华东仓")
    qtbot.keyClick(page.list_tab.view, Qt.Key.Key_Delete)
    assert any(w.name == "华东仓" for w in list_warehouses(page.book))


# -- coverage & priority ---------------------------------------------------------------------------


def open_coverage(page: WarehousesPage, code: str) -> pe.PriorityEditor:
    page.tabs.setCurrentIndex(1)
    assert page.coverage_tab.go_to(code)
    return page.coverage_tab.editor


def test_build_guangdong_list_reorder_ban_and_save(
    qtbot: QtBot, page: WarehousesPage, messages: list[str]
) -> None:
    page.tabs.setCurrentIndex(1)
    tab = page.coverage_tab
    ime_type(tab.search, "广东")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # 广东省 is the one named so
    editor = tab.editor
    assert editor.code == GUANGDONG
    assert editor.hint_label.text().startswith("未设置：本区域及上级区域都没有优先级列表")
    assert not editor.add_action.isEnabled()  # an inherited list is read-only

    qtbot.mouseClick(editor.create_button, LEFT)
    for name in ("华南仓", "华东仓", "华中仓"):
        editor.add_box.setCurrentIndex(editor.add_box.findText(name, Qt.MatchFlag.MatchStartsWith))
        qtbot.mouseClick(editor.button_for(editor.add_action), LEFT)
    assert [r.name for r in editor.model.rows()] == ["华南仓", "华东仓", "华中仓"]
    assert editor.model.index(3, 1).data() == "商家全国仓"  # the fixed fallback, last

    editor.select_row(1)
    qtbot.keyClick(editor.view, Qt.Key.Key_Up, CTRL)  # 华东仓 first
    assert [r.name for r in editor.model.rows()] == ["华东仓", "华南仓", "华中仓"]
    editor.view.setCurrentIndex(editor.model.index(2, BANNED))
    qtbot.keyClick(editor.view, Qt.Key.Key_Space)  # 禁售 华中仓
    assert editor.model.rows()[2].banned
    assert editor.dirty and editor.save_button.isEnabled()
    assert lists(page.book) == []  # nothing written before 保存

    qtbot.mouseClick(editor.save_button, LEFT)
    assert lists(page.book) == [
        ("广东省", "华东仓", 1),
        ("广东省", "华南仓", 2),
        ("广东省", "华中仓", None),
    ]
    assert messages[-1] == "已保存「广东省」的优先级：3 个仓库"
    assert not editor.dirty
    font = tab.tree_model.index_of(GUANGDONG).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()


def test_buttons_move_remove_and_national_row_is_fixed(qtbot: QtBot, page: WarehousesPage) -> None:
    set_priorities(page.book, "广东", [("华南仓", 1), ("华东仓", 2)])
    page.refresh()
    editor = open_coverage(page, GUANGDONG)
    assert [r.name for r in editor.model.rows()] == ["华南仓", "华东仓"]
    editor.select_row(0)
    editor.view.setFocus()
    qtbot.mouseClick(editor.button_for(editor.down_action), LEFT)
    assert [r.name for r in editor.model.rows()] == ["华东仓", "华南仓"]
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, CTRL)  # already last: the fallback stays last
    assert [r.name for r in editor.model.rows()] == ["华东仓", "华南仓"]
    national = editor.model.index(2, 1)
    assert national.data() == "商家全国仓"
    assert not national.flags() & Qt.ItemFlag.ItemIsSelectable
    assert not editor.model.index(2, BANNED).flags() & Qt.ItemFlag.ItemIsUserCheckable
    editor.select_row(0)
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)  # 移除 华东仓
    assert [r.name for r in editor.model.rows()] == ["华南仓"]
    qtbot.keyClick(editor.view, Qt.Key.Key_S, CTRL)
    assert lists(page.book) == [("广东省", "华南仓", 1)]


def test_drag_and_drop_reorders(page: WarehousesPage) -> None:
    set_priorities(page.book, "广东", [("华南仓", 1), ("华东仓", 2), ("华中仓", 3)])
    page.refresh()
    model = open_coverage(page, GUANGDONG).model
    # What the view hands the model when the clerk drags 华中仓 above 华南仓.
    data = model.mimeData([model.index(2, 1)])
    assert data.hasFormat(MIME_TYPE)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False
    assert [r.name for r in model.rows()] == ["华中仓", "华南仓", "华东仓"]
    # Dropped on the fallback row: goes last of the editable rows, never below 商家全国仓.
    data = model.mimeData([model.index(0, 1)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert [r.name for r in model.rows()] == ["华南仓", "华东仓", "华中仓"]
    assert model.items() == [("华南仓", 1), ("华东仓", 2), ("华中仓", 3)]


def test_node_without_list_shows_what_it_inherits(qtbot: QtBot, page: WarehousesPage) -> None:
    set_priorities(page.book, "广东", [("华南仓", 1), ("华东仓", None)])
    page.refresh()
    editor = open_coverage(page, SHENZHEN)
    assert editor.hint_label.text() == "未设置，沿用「广东省」的优先级（灰色，只读）。"
    assert editor.model.read_only
    assert [(r.name, r.banned) for r in editor.model.rows()] == [
        ("华南仓", False),
        ("华东仓", True),
    ]
    assert not editor.view.model().flags(editor.model.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled
    assert editor.create_button.text() == "在「深圳市」新建列表（复制「广东省」的优先级）"
    qtbot.mouseClick(editor.create_button, LEFT)
    editor.add_warehouse("华中仓")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert ("广东省/深圳市", "华中仓", 2) in lists(page.book)
    assert ("广东省/深圳市", "华东仓", None) in lists(page.book)

    set_priorities(page.book, "全国", [("华东仓", 1)])
    page.refresh()
    editor = open_coverage(page, "11")  # 北京市
    assert editor.hint_label.text() == "未设置，沿用「全国」的优先级（灰色，只读）。"


def test_delete_region_list(
    qtbot: QtBot, page: WarehousesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_: True)
    set_priorities(page.book, "广东", [("华南仓", 1)])
    page.refresh()
    editor = open_coverage(page, GUANGDONG)
    assert editor.delete_action.isEnabled()
    qtbot.mouseClick(editor.button_for(editor.delete_action), LEFT)
    assert lists(page.book) == []
    assert editor.model.read_only
    font = page.coverage_tab.tree_model.index_of(GUANGDONG).data(Qt.ItemDataRole.FontRole)
    assert font is None


def test_leaving_a_draft_asks(
    qtbot: QtBot, page: WarehousesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_coverage(page, GUANGDONG)
    qtbot.mouseClick(editor.create_button, LEFT)
    editor.add_warehouse("华南仓")
    assert editor.dirty

    monkeypatch.setattr(pe, "ask_unsaved_priorities", lambda *_: dialogs.UnsavedChoice.CANCEL)
    assert not page.coverage_tab.go_to(SHENZHEN)
    assert editor.code == GUANGDONG and editor.dirty
    assert not page.can_leave()

    monkeypatch.setattr(pe, "ask_unsaved_priorities", lambda *_: dialogs.UnsavedChoice.SUBMIT)
    assert page.coverage_tab.go_to(SHENZHEN)
    assert lists(page.book) == [("广东省", "华南仓", 1)]


def test_service_refusal_on_save_is_shown(
    page: WarehousesPage, errors: list[tuple[str, str]]
) -> None:
    editor = open_coverage(page, GUANGDONG)
    editor.create_here()
    editor.add_warehouse("华南仓")
    # Someone deletes the warehouse in between (a shared book): the service names it.
    from jdstock_desktop.services.warehouses import delete_warehouse

    delete_warehouse(page.book, "华南仓")
    assert not editor.save()
    assert errors == [("无法保存优先级", "未知仓库「华南仓」")]
    assert lists(page.book) == []


# -- what-if ---------------------------------------------------------------------------------------


def test_what_if_shows_the_shipping_warehouse(qtbot: QtBot, page: WarehousesPage) -> None:
    set_priorities(page.book, "广东", [("华南仓", 1), ("华东仓", 2)])
    submit_stock_changes(
        page.book, [StockEdit("P001", "华南仓", 3), StockEdit("P001", "华东仓", 50)]
    )
    page.refresh()
    page.tabs.setCurrentIndex(1)
    box = page.coverage_tab.what_if
    type_level(qtbot, box.picker, 0, "广东")
    type_level(qtbot, box.picker, 1, "深圳")
    type_level(qtbot, box.picker, 2, "南山")
    qtbot.keyClicks(box.sku_edit, "P001")
    box.qty_box.setValue(10)
    qtbot.mouseClick(box.run_button, LEFT)
    assert box.kind_label.text() == "现货 · 由「华东仓」发货 · 承诺 24 小时内发货"
    assert box.source_label.text() == "按「广东省」的优先级列表"
    chain = [box.chain_model.row(r) for r in range(box.chain_model.rowCount())]
    assert chain == [(1, "华南仓", 3, ""), (2, "华东仓", 50, "发货"), (3, "商家全国仓", 0, "")]

    box.qty_box.setValue(2)
    qtbot.keyClick(box.sku_edit, Qt.Key.Key_Return)
    assert box.decision is not None and box.decision.warehouse == "华南仓"

    box.qty_box.setValue(100)
    qtbot.mouseClick(box.run_button, LEFT)
    assert box.kind_label.text() == "拒绝"
    assert "超卖拒绝" in box.reason_label.text()


def test_what_if_asks_for_address_and_sku(qtbot: QtBot, page: WarehousesPage) -> None:
    box = page.coverage_tab.what_if
    qtbot.mouseClick(box.run_button, LEFT)
    assert box.reason_label.text() == "请选择收货地址（至少到省）"
    box.picker.set_region(NANSHAN)
    qtbot.mouseClick(box.run_button, LEFT)
    assert box.reason_label.text() == "请填写商品编码"
    qtbot.keyClicks(box.sku_edit, "NOPE")
    qtbot.mouseClick(box.run_button, LEFT)
    assert box.kind_label.text() == "拒绝"
    assert box.reason_label.text() == "未知商品编码「NOPE」，拒绝下单"


# -- the main window -------------------------------------------------------------------------------


def test_ctrl_n_in_the_list_beats_new_book_in_the_main_window(
    qtbot: QtBot,
    small_book: Book,
    monkeypatch: pytest.MonkeyPatch,
    dialog_script: list[DialogScript],
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from jdstock_desktop.ui.main_window import MainWindow

    asked_file: list[object] = []

    def save_name(*args: object, **_kw: object) -> tuple[str, str]:
        asked_file.append(args)
        return "", ""  # the clerk cancels the file dialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    window = MainWindow(small_book)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.show_page(0)
    page = window.pages[0]
    assert isinstance(page, WarehousesPage)
    page.list_tab.view.setFocus()
    dialog_script.append(lambda d: d.reject())
    qtbot.keyClick(page.list_tab.view, Qt.Key.Key_N, CTRL)
    assert asked_file == []  # the page's 新增仓库, not 新建账本
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.tabs.setCurrentIndex(1)
    page.coverage_tab.tree.setFocus()
    qtbot.keyClick(page.coverage_tab.tree, Qt.Key.Key_N, CTRL)
    assert len(asked_file) == 1  # elsewhere Ctrl+N stays 新建账本


# -- models ----------------------------------------------------------------------------------------


def test_warehouse_model(qtmodeltester: ModelTester, small_book: Book) -> None:
    model = WarehouseTableModel()
    model.set_warehouses(list_warehouses(small_book))
    qtmodeltester.check(model)
    row = row_of(model, "华中仓")
    assert model.index(row, COMPLETE).data() == "不完整"
    assert "详细地址" in model.index(row, COMPLETE).data(Qt.ItemDataRole.ToolTipRole)
    # The data set's placeholder city is left out of what the clerk reads.
    assert model.index(row_of(model, "华东仓"), ADDRESS).data() == "上海市/浦东新区/张江镇"


def test_priority_model(qtmodeltester: ModelTester) -> None:
    model = PriorityListModel()
    rows = [PriorityRow(2, "华南仓", False, False), PriorityRow(3, "华中仓", True, True)]
    model.set_rows(rows, "商家全国仓", read_only=False)
    qtmodeltester.check(model)
    assert model.setData(
        model.index(1, BANNED), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert model.items() == [("华南仓", 1), ("华中仓", 2)]
    assert not model.setData(model.index(2, BANNED), 2, Qt.ItemDataRole.CheckStateRole)


def test_region_tree_model_is_lazy(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    model = RegionTreeModel()
    top = model.index(0, 0)
    assert top.data() == "全国" and model.code(top) == ROOT_CODE
    assert model.rowCount(top) == 0 and model.hasChildren(top) and model.canFetchMore(top)
    assert model.fetched_count() == 1  # nothing built before the view asks
    index = model.reveal(YUEHAI)
    assert index.data() == "粤海街道"
    assert index.parent().data() == "南山区" and index.parent().parent().data() == "深圳市"
    assert model.fetched_count() < 200  # 全国 + provinces + 广东's cities + …, not 44k
    assert not model.hasChildren(index)  # a town is a leaf
    qtmodeltester.check(RegionTreeModel(top=SHENZHEN))
    qtmodeltester.check(model)


def test_tree_view_expands_to_search_result(qtbot: QtBot, page: WarehousesPage) -> None:
    tab = page.coverage_tab
    page.tabs.setCurrentIndex(1)
    ime_type(tab.search, "粤海")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    current = tab.tree.currentIndex()
    assert current.data() == "粤海街道"
    assert tab.tree.isExpanded(current.parent())
    assert tab.editor.code == YUEHAI


def test_picker_search_prefers_the_current_province_and_offers_a_choice(qtbot: QtBot) -> None:
    picker = AddressPicker()
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    search = picker.search
    assert search is not None

    picker.set_region(GUANGDONG)
    ime_type(search, "南山")
    assert search.matches()[0] == (NANSHAN, "广东省/深圳市/南山区")  # inside 广东 first
    qtbot.keyClick(search, Qt.Key.Key_Return)  # the county, not 南山街道 below it
    assert picker.region_code() == NANSHAN
    assert search.text() == ""  # the four levels show the choice now

    picker.clear()
    ime_type(search, "南山")
    qtbot.keyClick(search, Qt.Key.Key_Return)  # 黑龙江 and 广东 both have a 南山区
    assert picker.region_code() is None
    completer = search.completer()
    assert completer is not None
    list_view = popup(completer)
    assert list_view.isVisible()
    rows = [p for _c, p in search.matches()]
    list_view.setCurrentIndex(list_view.model().index(rows.index("广东省/深圳市/南山区"), 0))
    qtbot.keyClick(list_view, Qt.Key.Key_Return)
    assert [c.currentText() for c in picker.combos[:3]] == ["广东省", "深圳市", "南山区"]


def test_picker_levels_through_their_popups(qtbot: QtBot) -> None:
    """While a level's popup is open it gets the keys: a highlighted row or Enter on the text."""
    picker = AddressPicker(with_search=False)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)

    ime_type(line_edit(picker.combos[0]), "广")
    completer = picker.combos[0].completer()
    assert completer is not None
    list_view = popup(completer)
    assert list_view.isVisible()
    names = [list_view.model().index(r, 0).data() for r in range(list_view.model().rowCount())]
    assert names == ["广东省", "广西壮族自治区"]
    list_view.setCurrentIndex(list_view.model().index(1, 0))
    qtbot.keyClick(list_view, Qt.Key.Key_Return)
    assert picker.combos[0].currentText() == "广西壮族自治区"

    ime_type(line_edit(picker.combos[1]), "南宁")
    completer = picker.combos[1].completer()
    assert completer is not None
    assert popup(completer).isVisible()
    qtbot.keyClick(popup(completer), Qt.Key.Key_Return)  # nothing highlighted: take the text
    assert picker.parts() == ["广西壮族自治区", "南宁市"]


def test_picker_skips_single_choice_levels_and_reports_ambiguity(qtbot: QtBot) -> None:
    picker = AddressPicker(with_search=False)
    qtbot.addWidget(picker)
    type_level(qtbot, picker, 0, "北京")
    # 北京市 has one city, the data set's 市辖区: chosen for the clerk, who types the district.
    assert picker.combos[1].currentText() == "市辖区"
    type_level(qtbot, picker, 2, "朝阳")
    assert picker.parts() == ["北京市", "市辖区", "朝阳区"]
    line_edit(picker.combos[3]).setText("街道")
    assert picker.problem() is not None and "有多个匹配" in picker.problem()  # type: ignore[operator]


def test_enter_and_double_click_open_the_edit_dialog(
    qtbot: QtBot, page: WarehousesPage, dialog_script: list[DialogScript]
) -> None:
    opened: list[str] = []

    def look(dialog: WarehouseDialog) -> None:
        opened.append(dialog.name_edit.text())
        dialog.reject()

    dialog_script.extend([look, look])
    select_warehouse(page, "华东仓")
    qtbot.keyClick(page.list_tab.view, Qt.Key.Key_Return)
    view = page.list_tab.view
    rect = view.visualRect(page.list_tab.model.index(row_of(page.list_tab.model, "华南仓"), NAME))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())  # a double click starts so
    qtbot.mouseDClick(view.viewport(), LEFT, pos=rect.center())
    assert opened == ["华东仓", "华南仓"]


def test_ban_checkbox_takes_a_mouse_click(qtbot: QtBot, page: WarehousesPage) -> None:
    set_priorities(page.book, "广东", [("华南仓", 1), ("华东仓", 2)])
    page.refresh()
    editor = open_coverage(page, GUANGDONG)
    view = editor.view
    index = editor.model.index(0, BANNED)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
    qtbot.mouseClick(view.viewport(), LEFT, pos=box.center())
    assert editor.model.items() == [("华南仓", None), ("华东仓", 1)]
    qtbot.keyClick(view, Qt.Key.Key_S, CTRL)
    assert lists(page.book) == [("广东省", "华东仓", 1), ("广东省", "华南仓", None)]
