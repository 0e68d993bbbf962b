"""The 合规检查 page driven as a clerk would: read the check list, filter by rule, open an item,
export the list. Findings are built in the book here, one or two per check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from jdstock_desktop.services.compliance import CHECKS, compliance_report
from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import Setting
from jdstock_desktop.ui.compliance import CompliancePage
from jdstock_desktop.ui.compliance.model import CHECK, DETAIL, ITEM, RULE
from jdstock_desktop.ui.widgets import jobs
from tests.helpers import add_product, add_warehouse


@pytest.fixture
def findings_book(book: Book) -> Book:
    """华东仓 with an address only at province level (rule 19); P001 listed with no stock
    anywhere (12–14); P002 fine; P003 pre-order without quota (20); contract ending in 10 days
    (17)."""
    add_warehouse(book, "华东仓")  # region "31" = 上海市 only: incomplete
    add_product(book, "P001")
    add_product(book, "P002")
    add_product(book, "P003", preorder=True, futures_quota=0, futures_hours=72)
    submit_stock_changes(book, [StockEdit("P002", "华东仓", 4), StockEdit("P003", "华东仓", 1)])
    end = dt.date.today() + dt.timedelta(days=10)
    with book.transaction() as s:
        s.add(Setting(key="contract_end_date", value=end.isoformat()))
    return book


@pytest.fixture(autouse=True)
def _no_job_left_running() -> Iterator[None]:
    yield
    assert jobs.wait_all(10_000)


@pytest.fixture
def page(qtbot: QtBot, findings_book: Book) -> CompliancePage:
    p = CompliancePage(findings_book)
    qtbot.addWidget(p)
    p.resize(1100, 600)
    p.show()
    qtbot.waitExposed(p)
    p.refresh()
    return p


def table(page: CompliancePage) -> list[tuple[str, str, str]]:
    m = page.model
    return [
        (m.index(r, RULE).data(), m.index(r, CHECK).data(), m.index(r, ITEM).data())
        for r in range(m.rowCount())
    ]


def test_check_list_counts_each_rule(page: CompliancePage, findings_book: Book) -> None:
    report = compliance_report(findings_book, dt.date.today())
    assert page.summary.text() == f"共发现 {len(report.findings)} 项问题" == "共发现 4 项问题"
    texts = [page.checks.item(i).text() for i in range(page.checks.count())]
    assert texts[0] == "全部问题（4）"
    assert texts[1:] == [
        f"{'✗' if report.by_check(c.id) else '✓'} 规则 {c.rules} {page.check_title(c)}"
        f"（{len(report.by_check(c.id))}）"
        for c in CHECKS
    ]
    assert "✗ 规则 12–14 上柜商品未在任何仓设置库存（1）" in texts
    assert "✓ 规则 21 期货时效超过三级类目时效标准（0）" in texts
    assert table(page) == [
        ("12–14", "上柜商品未在任何仓设置库存", "P001"),
        ("19", "商家仓地址不完整", "华东仓"),
        ("20", "无货预定设置不完整", "P003"),
        ("17", "销售合同临近到期", "销售合同"),
    ]
    assert "还剩 10 天" in page.model.index(3, DETAIL).data()


def test_choosing_a_rule_filters_the_findings(qtbot: QtBot, page: CompliancePage) -> None:
    row = [c.id for c in CHECKS].index("warehouse_address") + 1
    item = page.checks.item(row)
    qtbot.mouseClick(
        page.checks.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.checks.visualItemRect(item).center(),
    )
    assert table(page) == [("19", "商家仓地址不完整", "华东仓")]
    assert "未到乡镇街道" in page.model.index(0, DETAIL).data()
    page.choose_check("violation")
    assert table(page) == [] and not page.export_button.isEnabled()
    page.choose_check(None)
    assert len(table(page)) == 4


def double_click(qtbot: QtBot, page: CompliancePage, row: int) -> None:
    rect = page.table.visualRect(page.model.index(row, ITEM))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_double_click_asks_to_open_the_product_or_warehouse(
    qtbot: QtBot, page: CompliancePage
) -> None:
    with qtbot.waitSignal(page.open_item) as blocker:
        double_click(qtbot, page, 0)
    assert blocker.args == ["sku", "P001"]
    with qtbot.waitSignal(page.open_item) as blocker:
        double_click(qtbot, page, 1)
    assert blocker.args == ["warehouse", "华东仓"]
    # Enter on a row does the same.
    page.table.setCurrentIndex(page.model.index(2, 0))
    page.table.setFocus()
    with qtbot.waitSignal(page.open_item) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == ["sku", "P003"]


def test_the_contract_opens_nothing_but_says_why(qtbot: QtBot, page: CompliancePage) -> None:
    opened: list[tuple[str, str]] = []
    page.open_item.connect(lambda kind, key: opened.append((kind, key)))
    with qtbot.waitSignal(page.status_message) as blocker:
        double_click(qtbot, page, 3)
    assert opened == [] and "合同将于" in blocker.args[0]


def test_fixing_the_book_and_checking_again_clears_the_rule(
    qtbot: QtBot, page: CompliancePage, findings_book: Book
) -> None:
    submit_stock_changes(findings_book, [StockEdit("P001", "华东仓", 0)])
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.checks.item(1).text() == "✓ 规则 12–14 上柜商品未在任何仓设置库存（0）"
    assert [r[2] for r in table(page)] == ["华东仓", "P003", "销售合同"]


def test_export_writes_the_listed_findings(
    qtbot: QtBot, page: CompliancePage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "合规.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(page.exported, timeout=20_000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    ws = openpyxl.load_workbook(target).worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == ["规则", "检查项", "对象", "说明"]
    assert [v[:3] for v in values[1:]] == [list(r) for r in table(page)]


def test_a_clean_book_says_so(qtbot: QtBot, book: Book) -> None:
    p = CompliancePage(book)
    qtbot.addWidget(p)
    p.refresh()
    assert p.summary.text() == "未发现问题"
    assert p.model.rowCount() == 0 and not p.export_button.isEnabled()


def test_findings_model(qtmodeltester: object, page: CompliancePage) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.choose_check("no_stock")
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.model.index(0, 0).parent() == QModelIndex()
