"""The 预警看板 driven as a clerk would: read the cards, open the rows behind them, export a list,
set rules, get told about new out-of-stock pairs. Numbers are checked against alerts_report and
against the book built here by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from jdstock_desktop.domain.alerts import Rule, RuleKind
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.services import alert_history
from jdstock_desktop.services.alert_history import DayCounts
from jdstock_desktop.services.alerts import alerts_report, list_alert_rules, set_alert_rule
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.dashboard import DashboardPage
from jdstock_desktop.ui.dashboard.figures import HISTORY_DAYS, Figure
from jdstock_desktop.ui.dashboard.notify import OutOfStockNotifier
from jdstock_desktop.ui.dashboard.rules_dialog import AlertRulesDialog
from jdstock_desktop.ui.widgets import dialogs, jobs
from tests.helpers import add_product, add_warehouse

K = LedgerKind
D = dt.date.today()  # the page opens on today


def at(days_before: int, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(D - dt.timedelta(days=days_before), dt.time(hour))


@pytest.fixture
def alert_book(book: Book) -> Book:
    """华东仓 and 华南仓; P001 sold out in 华东仓 two days ago; P002 below its safety quantity;
    P003 barely moving; P004 untouched for 100 days (dormant); P005 delisted.

    By hand, as of D: 无货 = P001@华东仓 (0 available, shipped 2 days ago). 安全库存 = P002@华东仓
    (15 < 30). 滞销 (default rule 60 days): P003 turnover 99 ÷ (1/30) = 2970 days; P002 15 ÷
    (5/30) = 90 days; P001 5 ÷ (10/30) = 15 days is not. 呆滞 = P004 (8 available, last row 100
    days ago). Turnover of the book = (0+5 + 15 + 99 + 8) ÷ (16/30) = 127 × 30 / 16 = 238.1 days.
    """
    east = add_warehouse(book, "华东仓")
    south = add_warehouse(book, "华南仓")
    p1, p2, p3, p4 = (add_product(book, f"P00{i}") for i in range(1, 5))
    p5 = add_product(book, "P005", listed=False)
    rows = [
        ((p1, east), at(40), K.INBOUND, 10),
        ((p1, south), at(40), K.INBOUND, 5),
        ((p1, east), at(2), K.SHIP, -10),
        ((p2, east), at(20), K.INBOUND, 20),
        ((p2, east), at(1), K.SHIP, -5),
        ((p3, east), at(10), K.INBOUND, 100),
        ((p3, east), at(3), K.SHIP, -1),
        ((p4, south), at(100), K.INBOUND, 8),
        ((p5, east), at(5), K.INBOUND, 3),
    ]
    with book.transaction() as s:
        w = LedgerWriter(s, "测试员")
        for pair, time, kind, delta in sorted(rows, key=lambda r: r[1]):
            w.change(pair, delta, kind, where="test", time=time)
        w.flush()
    set_alert_rule(book, "滞销", None, None, None, Decimal(60))
    set_alert_rule(book, "安全库存", "P002", "华东仓", 30, None)
    return book


@pytest.fixture(autouse=True)
def _no_job_left_running() -> Iterator[None]:
    yield
    assert jobs.wait_all(10_000)


@pytest.fixture
def page(qtbot: QtBot, alert_book: Book, monkeypatch: pytest.MonkeyPatch) -> DashboardPage:
    # Offscreen has no tray; make that explicit so the status-bar path is the one tested.
    monkeypatch.setattr(OutOfStockNotifier, "tray_available", staticmethod(lambda: False))
    p = DashboardPage(alert_book)
    qtbot.addWidget(p)
    p.resize(1200, 720)
    p.show()
    qtbot.waitExposed(p)
    with qtbot.waitSignal(p.history_ready, timeout=20_000):
        p.refresh()
    return p


def card(page: DashboardPage, figure: Figure) -> str:
    return page.cards[figure].value()


def rows(page: DashboardPage) -> list[tuple[object, ...]]:
    return page.rows_model.rows()


def shown(page: DashboardPage) -> list[list[str]]:
    m = page.rows_model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_cards_show_the_figures_of_alerts_report(page: DashboardPage, alert_book: Book) -> None:
    d = alerts_report(alert_book, D).dashboard
    assert (d.out_of_stock_alerts, d.safety_alerts, d.slow_moving_alerts) == (1, 1, 2)
    assert card(page, Figure.OUT_OF_STOCK) == str(d.out_of_stock_alerts) == "1"
    assert card(page, Figure.SAFETY) == str(d.safety_alerts) == "1"
    assert card(page, Figure.SLOW_MOVING) == str(d.slow_moving_alerts) == "2"
    assert d.listed_skus == 4
    assert card(page, Figure.OUT_OF_STOCK_SHARE) == f"{d.out_of_stock_share:.1%}" == "25.0%"
    assert card(page, Figure.SLOW_MOVING_SHARE) == f"{d.slow_moving_share:.1%}" == "50.0%"
    assert d.turnover_days is not None
    assert card(page, Figure.TURNOVER) == f"{d.turnover_days:.1f} 天" == "238.1 天"
    assert card(page, Figure.DORMANT) == "1"
    assert page.listed_label.text() == "上柜商品 4 个"


def test_turnover_card_shows_a_dash_without_sales(
    qtbot: QtBot, book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OutOfStockNotifier, "tray_available", staticmethod(lambda: False))
    add_product(book, "P001")
    p = DashboardPage(book)
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.history_ready, timeout=20_000):
        p.refresh()
    assert alerts_report(book, D).dashboard.turnover_days is None
    assert card(p, Figure.TURNOVER) == "—"
    assert p.cards[Figure.TURNOVER].note_label.text() == "近30天无销量"


def test_clicking_a_card_lists_the_rows_behind_it(qtbot: QtBot, page: DashboardPage) -> None:
    assert rows(page) == [("P001", "华东仓", 0)]  # 无货预警 is open first
    qtbot.mouseClick(page.cards[Figure.SAFETY], Qt.MouseButton.LeftButton)
    assert shown(page) == [["P002", "华东仓", "15", "30.00"]]
    assert page.rows_title.text().startswith("安全库存预警明细：1 行")
    qtbot.mouseClick(page.cards[Figure.SLOW_MOVING], Qt.MouseButton.LeftButton)
    assert [r[0] for r in rows(page)] == ["P002", "P003"]
    assert shown(page)[1] == ["P003", "99", "0.03", "2,970.0"]
    qtbot.mouseClick(page.cards[Figure.OUT_OF_STOCK_SHARE], Qt.MouseButton.LeftButton)
    assert rows(page) == [("P001", 1, "华东仓")]


def test_enter_on_a_card_opens_it(qtbot: QtBot, page: DashboardPage) -> None:
    dormant = page.cards[Figure.DORMANT]
    dormant.setFocus()
    qtbot.keyClick(dormant, Qt.Key.Key_Return)
    assert rows(page) == [("P004", 8, D - dt.timedelta(days=100))]
    assert dormant.property("chosen") == "true"
    assert page.cards[Figure.OUT_OF_STOCK].property("chosen") == "false"


def test_turnover_rows_and_histogram_bar(qtbot: QtBot, page: DashboardPage) -> None:
    qtbot.mouseClick(page.cards[Figure.TURNOVER], Qt.MouseButton.LeftButton)
    assert [r[0] for r in rows(page)] == ["P001", "P002", "P003", "P004"]
    assert shown(page)[3][-1] == "∞"  # P004: stock and no sales in 30 days
    # Bands: 无可用, 0–7, 7–15, 15–30, 30–60, 60–90, 90–180, >180, 无销量.
    assert page.histogram.counts == [0, 0, 1, 0, 0, 1, 0, 1, 1]
    bar = page.histogram.bar_rect(7)  # >180: P003
    qtbot.mouseClick(page.histogram, Qt.MouseButton.LeftButton, pos=bar.center().toPoint())
    assert [r[0] for r in rows(page)] == ["P003"]
    assert page.rows_title.text().startswith("周转天数 >180 的商品：1 行")
    page.histogram.setFocus()
    qtbot.keyClick(page.histogram, Qt.Key.Key_Right)
    qtbot.keyClick(page.histogram, Qt.Key.Key_Return)
    assert [r[0] for r in rows(page)] == ["P004"]


def test_history_chart_holds_the_counts_of_the_last_30_days(
    page: DashboardPage, alert_book: Book
) -> None:
    history = page.trend.history
    assert len(history) == HISTORY_DAYS
    assert history[0].day == D - dt.timedelta(days=29) and history[-1].day == D
    for point in (history[0], history[20], history[-1]):
        d = alerts_report(alert_book, point.day).dashboard
        assert (point.out_of_stock, point.safety, point.slow_moving) == (
            d.out_of_stock_alerts,
            d.safety_alerts,
            d.slow_moving_alerts,
        )
    # Three days ago P001 was not sold out yet; today it is.
    assert history[-4].out_of_stock == 0 and history[-1].out_of_stock == 1
    assert page.trend.message == ""
    assert "无货 1" in page.trend.tooltip_text(HISTORY_DAYS - 1)


def test_the_next_opening_draws_the_chart_from_the_cache(
    qtbot: QtBot, page: DashboardPage, alert_book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first opening computed the past days and kept them in the book; the next one reuses
    them and today's report of the cards: no full report at all. A rule change drops the cache."""
    computed: list[dt.date] = []

    def counting(book: Book, day: dt.date) -> object:
        computed.append(day)
        return alerts_report(book, day)

    monkeypatch.setattr(alert_history, "alerts_report", counting)

    def open_again() -> DashboardPage:
        p = DashboardPage(alert_book)
        qtbot.addWidget(p)
        with qtbot.waitSignal(p.history_ready, timeout=20_000):
            p.refresh()
        return p

    def truth() -> list[DayCounts]:
        return [DayCounts.of(alerts_report(alert_book, d.day)) for d in page.trend.history]

    again = open_again()
    assert computed == []
    assert again.trend.history == page.trend.history == truth()

    set_alert_rule(alert_book, "安全库存", "P002", "华东仓", 10, None)
    third = open_again()
    assert len(computed) == HISTORY_DAYS - 1  # every past day again; today is the cards'
    assert third.trend.history == truth() != page.trend.history
    assert third.trend.history[-1].safety == 0  # 15 available is not below 10


def test_picking_an_earlier_day_shows_that_day(
    qtbot: QtBot, page: DashboardPage, alert_book: Book
) -> None:
    day = D - dt.timedelta(days=3)
    with qtbot.waitSignal(page.history_ready, timeout=20_000):
        page.date_edit.setDate(QDate(day.year, day.month, day.day))
    d = alerts_report(alert_book, day).dashboard
    assert card(page, Figure.OUT_OF_STOCK) == str(d.out_of_stock_alerts) == "0"
    assert rows(page) == []
    assert page.trend.history[-1].day == day
    with qtbot.waitSignal(page.history_ready, timeout=20_000):
        qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.day == D and card(page, Figure.OUT_OF_STOCK) == "1"


def test_export_writes_the_listed_rows(
    qtbot: QtBot, page: DashboardPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "滞销"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.cards[Figure.SLOW_MOVING], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.exported, timeout=20_000) as blocker:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [str(target) + ".xlsx"]
    ws = openpyxl.load_workbook(blocker.args[0]).worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == ["商品编码", "可用库存", "日均销量", "周转天数"]
    assert values[1][:2] == ["P002", 15] and values[1][3] == pytest.approx(90)
    assert values[2][:2] == ["P003", 99] and values[2][3] == pytest.approx(2970)


def drive_rules_dialog(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, script: object
) -> list[AlertRulesDialog]:
    """Replace the modal exec() with `script(dialog)` run on the shown dialog."""
    seen: list[AlertRulesDialog] = []

    def run(dialog: AlertRulesDialog) -> int:
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        script(dialog)  # type: ignore[operator]
        dialog.close()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AlertRulesDialog, "exec", run)
    return seen


def test_rule_added_in_the_dialog_is_in_the_book(
    qtbot: QtBot, page: DashboardPage, alert_book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    def script(dialog: AlertRulesDialog) -> None:
        qtmodel_rows = dialog.model.rowCount()
        assert qtmodel_rows == 2  # the fixture's two rules are listed
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
        dialog.kind_box.setCurrentIndex(1)  # 安全库存
        qtbot.keyClicks(dialog.sku_edit, "P003")
        dialog.warehouse_box.setCurrentText("华东仓")
        dialog.by_box.setCurrentIndex(1)  # 按天数
        dialog.days_spin.clear()
        qtbot.keyClicks(dialog.days_spin, "7.5")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.message.text() == "已添加：安全库存规则（商品 P003，华东仓）"
        assert dialog.model.rowCount() == 3

    drive_rules_dialog(monkeypatch, qtbot, script)
    with qtbot.waitSignal(page.book_changed):
        qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    assert Rule(RuleKind.SAFETY, "P003", "华东仓", None, Decimal("7.5")) in list_alert_rules(
        alert_book
    )


def test_rule_refused_by_the_service_shows_its_message(
    qtbot: QtBot, page: DashboardPage, alert_book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = list_alert_rules(alert_book)

    def script(dialog: AlertRulesDialog) -> None:
        dialog.kind_box.setCurrentIndex(0)  # 滞销
        qtbot.keyClicks(dialog.sku_edit, "NOPE")
        dialog.days_spin.setValue(30)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert "NOPE" in dialog.message.text()
        assert dialog.model.rowCount() == 2
        # 滞销 is SKU level: the warehouse box is off, and days are the only threshold.
        assert not dialog.warehouse_box.isEnabled() and not dialog.by_box.isEnabled()

    drive_rules_dialog(monkeypatch, qtbot, script)
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    assert list_alert_rules(alert_book) == before


def test_rule_edited_then_deleted(
    qtbot: QtBot, page: DashboardPage, alert_book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_: True)

    def script(dialog: AlertRulesDialog) -> None:
        safety_row = [r.kind for r in dialog.rules].index(RuleKind.SAFETY)
        dialog.table.selectRow(safety_row)
        assert dialog.sku_edit.text() == "P002" and dialog.qty_spin.value() == 30
        dialog.qty_spin.setValue(10)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.message.text() == "已修改：安全库存规则（商品 P002，华东仓）"
        assert Rule(RuleKind.SAFETY, "P002", "华东仓", 10) in list_alert_rules(alert_book)
        dialog.table.selectRow([r.kind for r in dialog.rules].index(RuleKind.SLOW))
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        assert dialog.message.text() == "已删除：滞销规则（默认）"

    drive_rules_dialog(monkeypatch, qtbot, script)
    with qtbot.waitSignal(page.history_ready, timeout=20_000):
        qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    assert list_alert_rules(alert_book) == [Rule(RuleKind.SAFETY, "P002", "华东仓", 10)]
    # The page reloaded: 15 available is no longer below 10, and no 滞销 rule is left.
    assert card(page, Figure.SAFETY) == "0" and card(page, Figure.SLOW_MOVING) == "0"
    assert page.cards[Figure.SLOW_MOVING].note_label.text() == "未启用滞销规则"


def test_new_out_of_stock_is_told_once(
    qtbot: QtBot, alert_book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OutOfStockNotifier, "tray_available", staticmethod(lambda: False))
    p = DashboardPage(alert_book)
    qtbot.addWidget(p)
    messages: list[str] = []
    p.status_message.connect(messages.append)
    with qtbot.waitSignal(p.history_ready, timeout=20_000):
        p.refresh()
    assert len(messages) == 1
    assert "P001 @ 华东仓" in messages[0] and "新增无货预警 1 项" in messages[0]
    with qtbot.waitSignal(p.history_ready, timeout=20_000):
        p.refresh()
    assert len(messages) == 1  # the same entry is not told again


def test_new_out_of_stock_goes_to_the_tray_when_there_is_one(
    qtbot: QtBot, alert_book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OutOfStockNotifier, "tray_available", staticmethod(lambda: True))
    shown_messages: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QSystemTrayIcon,
        "showMessage",
        lambda _self, title, text, *_a: shown_messages.append((title, text)),
    )
    p = DashboardPage(alert_book)
    qtbot.addWidget(p)
    status: list[str] = []
    p.status_message.connect(status.append)
    with qtbot.waitSignal(p.history_ready, timeout=20_000):
        p.refresh()
    assert shown_messages == [("新增无货预警 1 项", "P001 @ 华东仓：可用 0")]
    assert status == []


def test_models_pass_the_model_tester(
    qtmodeltester: object, qtbot: QtBot, page: DashboardPage, alert_book: Book
) -> None:
    for figure in Figure:
        page.show_figure(figure)
        qtmodeltester.check(page.rows_model)  # type: ignore[attr-defined]
    page.rows_model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.rows_model)  # type: ignore[attr-defined]
    dialog = AlertRulesDialog(alert_book)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]


def test_sorting_uses_the_values_not_the_text(qtbot: QtBot, page: DashboardPage) -> None:
    qtbot.mouseClick(page.cards[Figure.TURNOVER], Qt.MouseButton.LeftButton)
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + 5  # 可用库存: P001 5, P002 15, P003 99, P004 8
    by_value = ["P001", "P004", "P002", "P003"]  # as text it would be 15, 5, 8, 99
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = [r[0] for r in rows(page)]
    assert first in (by_value, by_value[::-1])
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [r[0] for r in rows(page)] == first[::-1]
