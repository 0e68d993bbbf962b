"""The 预警看板 page: the figures of SPEC §6 as cards, the rows behind the chosen one, the 30-day
history and the turnover distribution, and the alert rules.

The figures of the chosen day load on the GUI thread (one report, a handful of queries); the
history chart runs in a worker and fills the chart when done: the chosen day's report is reused,
past days come from the cache kept in the book (services/alert_history.py) or are computed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.errors import JdStockError
from jdstock_desktop.services.alerts import take_new_out_of_stock
from jdstock_desktop.sheets.definition import ColumnType
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.dashboard import figures as fig
from jdstock_desktop.ui.dashboard.cards import FigureCard
from jdstock_desktop.ui.dashboard.charts import (
    BAR,
    OUT_OF_STOCK,
    SAFETY,
    AlertTrendChart,
    TurnoverHistogram,
)
from jdstock_desktop.ui.dashboard.figures import DashboardData, DayCounts, Figure
from jdstock_desktop.ui.dashboard.notify import OutOfStockNotifier
from jdstock_desktop.ui.dashboard.rules_dialog import AlertRulesDialog
from jdstock_desktop.ui.sheets_dialog.list_export import ListColumn, export_rows
from jdstock_desktop.ui.sheets_dialog.rows_model import TypedRowsModel
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.jobs import Job, run_job
from jdstock_desktop.ui.widgets.page import Page

T = ColumnType
ACCENTS = {
    Figure.OUT_OF_STOCK: "#d9363e",
    Figure.SAFETY: "#d97706",
    Figure.SLOW_MOVING: "#3b7ddd",
    Figure.OUT_OF_STOCK_SHARE: "#d9363e",
    Figure.SLOW_MOVING_SHARE: "#3b7ddd",
    Figure.TURNOVER: "#0f766e",
    Figure.DORMANT: "#6b7280",
}


def today() -> dt.date:
    return dt.date.today()


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DashboardPage(Page):
    title = "预警看板"

    # The 30-day chart got its data (tests and the screenshot wait on it).
    history_ready = Signal()
    # A list was written to an xlsx file (its path).
    exported = Signal(str)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(book, parent)
        self.data: DashboardData | None = None
        self.figure = Figure.OUT_OF_STOCK
        self.turnover_bin: int | None = None  # a histogram bar chosen instead of a card
        self.history_job: Job | None = None
        self.export_job: Job | None = None
        self.export_path = ""
        self.notifier = OutOfStockNotifier(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self._build_top())
        layout.addLayout(self._build_cards())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_rows())
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        self.trend = AlertTrendChart()
        self.histogram = TurnoverHistogram()
        self.histogram.bar_activated.connect(self.show_turnover_bin)
        charts_layout.addWidget(self.trend, 1)
        charts_layout.addWidget(self.histogram, 1)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

    # -- building ---------------------------------------------------------------------------------
    def _build_top(self) -> QHBoxLayout:
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(qdate(today()))
        self.date_edit.setMaximumDate(qdate(today()))
        self.date_edit.setToolTip(self.tr("预警按所选日期当天结束时的库存和销量计算"))
        self.today_button = QPushButton(self.tr("今天"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setShortcut("F5")
        self.rules_button = QPushButton(self.tr("预警规则设置…"))
        self.listed_label = QLabel()
        self.listed_label.setStyleSheet("color: #6b7280;")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("日期")))
        row.addWidget(self.date_edit)
        row.addWidget(self.today_button)
        row.addWidget(self.refresh_button)
        row.addSpacing(16)
        row.addWidget(self.listed_label)
        row.addStretch(1)
        row.addWidget(self.rules_button)
        self.date_edit.dateChanged.connect(lambda _d: self.load())
        self.today_button.clicked.connect(self.go_to_today)
        self.refresh_button.clicked.connect(self.refresh)
        self.rules_button.clicked.connect(self.open_rules)
        return row

    def _build_cards(self) -> QHBoxLayout:
        titles = {
            Figure.OUT_OF_STOCK: self.tr("无货预警"),
            Figure.SAFETY: self.tr("安全库存预警"),
            Figure.SLOW_MOVING: self.tr("滞销预警"),
            Figure.OUT_OF_STOCK_SHARE: self.tr("缺货占比"),
            Figure.SLOW_MOVING_SHARE: self.tr("滞销占比"),
            Figure.TURNOVER: self.tr("库存周转天数"),
            Figure.DORMANT: self.tr("呆滞库存"),
        }
        self.cards: dict[Figure, FigureCard] = {}
        row = QHBoxLayout()
        row.setSpacing(8)
        for figure in Figure:
            card = FigureCard(titles[figure], ACCENTS[figure])
            card.activated.connect(lambda f=figure: self.show_figure(f))
            self.cards[figure] = card
            row.addWidget(card)
        return row

    def _build_rows(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.rows_title = QLabel()
        self.rows_title.setStyleSheet("font-weight: 600;")
        self.export_button = QPushButton(self.tr("导出明细…"))
        self.export_button.setToolTip(self.tr("把下表导出为 Excel 文件（.xlsx）"))
        self.export_button.clicked.connect(self.export_rows)
        head.addWidget(self.rows_title, 1)
        head.addWidget(self.export_button)
        layout.addLayout(head)
        self.rows_model = TypedRowsModel([], parent=self)
        self.table = QTableView()
        self.table.setModel(self.rows_model)
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # Three to five columns share the width: no sizing pass over thousands of rows.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        return box

    # -- loading ----------------------------------------------------------------------------------
    @property
    def day(self) -> dt.date:
        d = self.date_edit.date()
        return dt.date(d.year(), d.month(), d.day())

    def go_to_today(self) -> None:
        self.date_edit.setMaximumDate(qdate(today()))  # the page may have been open overnight
        if self.day == today():
            self.load()
        else:
            self.date_edit.setDate(qdate(today()))

    def refresh(self) -> None:
        self.date_edit.setMaximumDate(qdate(today()))
        self.notify_new_out_of_stock()
        self.load()

    def notify_new_out_of_stock(self) -> None:
        try:
            notices = take_new_out_of_stock(self.book, today())
        except JdStockError as e:
            self.status_message.emit(str(e))
            return
        text = self.notifier.notify(notices)
        if text:
            self.status_message.emit(text)

    def load(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.data = fig.load_dashboard(self.book, self.day)
        finally:
            QApplication.restoreOverrideCursor()
        self._fill_cards(self.data)
        self._fill_histogram(self.data)
        self._show_rows()
        self.start_history()

    def _fill_cards(self, data: DashboardData) -> None:
        d = data.report.dashboard
        listed = str(d.listed_skus)
        self.listed_label.setText(self.tr("上柜商品 %1 个").replace("%1", listed))
        of_listed = self.tr("%1 / %2 个上柜商品")
        c = self.cards
        c[Figure.OUT_OF_STOCK].set_value(
            str(d.out_of_stock_alerts),
            self.tr("涉及 %1 个商品").replace("%1", str(d.out_of_stock_skus)),
        )
        c[Figure.SAFETY].set_value(str(d.safety_alerts), self.tr("可用低于安全水位（商品×仓）"))
        slow_note = (
            self.tr("周转天数超过阈值的商品")
            if data.slow_rule_enabled
            else self.tr("未启用滞销规则")
        )
        c[Figure.SLOW_MOVING].set_value(str(d.slow_moving_alerts), slow_note)
        c[Figure.OUT_OF_STOCK_SHARE].set_value(
            f"{d.out_of_stock_share:.1%}",
            of_listed.replace("%1", str(d.out_of_stock_skus)).replace("%2", listed),
        )
        c[Figure.SLOW_MOVING_SHARE].set_value(
            f"{d.slow_moving_share:.1%}",
            of_listed.replace("%1", str(d.slow_moving_alerts)).replace("%2", listed),
        )
        if d.turnover_days is None:
            c[Figure.TURNOVER].set_value("—", self.tr("近30天无销量"))
        else:
            c[Figure.TURNOVER].set_value(
                self.tr("%1 天").replace("%1", f"{d.turnover_days:.1f}"),
                self.tr("可用 %1 ÷ 日均销量 %2")
                .replace("%1", f"{d.available:,}")
                .replace("%2", f"{d.sales30 / 30:.1f}"),
            )
        c[Figure.DORMANT].set_value(str(len(data.report.dormant)), self.tr("近30天无库存变动"))

    def turnover_labels(self) -> list[str]:
        edges = fig.TURNOVER_EDGES
        labels = [self.tr("无可用")]
        low = 0
        for edge in edges:
            labels.append(f"{low}–{edge}")
            low = edge
        labels += [f">{edges[-1]}", self.tr("无销量")]
        return labels

    def _fill_histogram(self, data: DashboardData) -> None:
        counts = fig.turnover_histogram(data.turnover)
        n = len(counts)
        colors = [OUT_OF_STOCK] + [BAR] * (n - 3) + [SAFETY, QColor("#9aa3ad")]
        self.histogram.set_counts(self.turnover_labels(), counts, colors)

    # -- the rows behind a figure -----------------------------------------------------------------
    def columns(self, figure: Figure) -> list[ListColumn]:
        sku = ListColumn(self.tr("商品编码"), width=16)
        warehouse = ListColumn(self.tr("仓库"), width=16)
        available = ListColumn(self.tr("可用库存"), T.INT)
        daily = ListColumn(self.tr("日均销量"), T.DECIMAL, decimals=2)
        turnover = ListColumn(self.tr("周转天数"), T.DECIMAL, decimals=1, none_text="∞")
        if figure is Figure.OUT_OF_STOCK:
            return [sku, warehouse, available]
        if figure is Figure.SAFETY:
            return [sku, warehouse, available, ListColumn(self.tr("安全水位"), T.DECIMAL, 2)]
        if figure in (Figure.SLOW_MOVING, Figure.SLOW_MOVING_SHARE):
            return [sku, available, daily, turnover]
        if figure is Figure.OUT_OF_STOCK_SHARE:
            return [
                sku,
                ListColumn(self.tr("无货仓库数"), T.INT),
                ListColumn(self.tr("无货仓库"), width=30),
            ]
        if figure is Figure.TURNOVER:
            return [sku, available, ListColumn(self.tr("近30天销量"), T.INT), daily, turnover]
        return [sku, available, ListColumn(self.tr("最后变动日期"), T.DATE)]

    def show_figure(self, figure: Figure) -> None:
        self.figure = figure
        self.turnover_bin = None
        self._show_rows()

    def show_turnover_bin(self, index: int) -> None:
        self.figure = Figure.TURNOVER
        self.turnover_bin = index
        self._show_rows()

    def current_rows(self) -> list[tuple[object, ...]]:
        if self.data is None:
            return []
        rows = fig.figure_rows(self.figure, self.data)
        if self.figure is Figure.TURNOVER and self.turnover_bin is not None:
            chosen = self.turnover_bin
            rows = [
                r
                for r, t in zip(rows, self.data.turnover, strict=True)
                if fig.turnover_bin(t.turnover_days, t.available) == chosen
            ]
        return rows

    def figure_name(self) -> str:
        names = {
            Figure.OUT_OF_STOCK: self.tr("无货预警明细"),
            Figure.SAFETY: self.tr("安全库存预警明细"),
            Figure.SLOW_MOVING: self.tr("滞销预警明细"),
            Figure.OUT_OF_STOCK_SHARE: self.tr("缺货商品"),
            Figure.SLOW_MOVING_SHARE: self.tr("滞销商品"),
            Figure.TURNOVER: self.tr("上柜商品周转天数"),
            Figure.DORMANT: self.tr("呆滞库存（近30天无库存变动）"),
        }
        if self.figure is Figure.TURNOVER and self.turnover_bin is not None:
            band = self.turnover_labels()[self.turnover_bin]
            return self.tr("周转天数 %1 的商品").replace("%1", band)
        return names[self.figure]

    def rows_title_text(self, count: int) -> str:
        return (
            self.tr("%1：%2 行（%3）")
            .replace("%1", self.figure_name())
            .replace("%2", str(count))
            .replace("%3", self.day.isoformat())
        )

    def _show_rows(self) -> None:
        for figure, card in self.cards.items():
            card.set_chosen(figure is self.figure and self.turnover_bin is None)
        if self.turnover_bin is None:
            self.histogram.current = -1
            self.histogram.update()
        rows = self.current_rows()
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.rows_model.set_content(self.columns(self.figure), rows)
        self.rows_title.setText(self.rows_title_text(len(rows)))
        self.export_button.setEnabled(bool(rows) and self.export_job is None)

    # -- the 30-day history -----------------------------------------------------------------------
    def start_history(self) -> None:
        if self.history_job is not None:
            self.history_job.cancel()
        book, end = self.book, self.day
        # The day's own report is already loaded: the chart reuses it, and past days come from
        # the book's cache, so after the first opening the chart costs no full report at all.
        known = self.data if self.data is not None and self.data.day == end else None
        job = Job(lambda step: fig.alert_history(book, end, step, known=known))
        self.history_job = job
        job.progressed.connect(self._history_progress)
        job.succeeded.connect(self._history_done)
        job.failed.connect(self._history_failed)
        self.trend.set_progress(0, fig.HISTORY_DAYS)
        job.start()

    def _history_progress(self, done: int, total: int) -> None:
        if self.sender() is self.history_job:
            self.trend.set_progress(done, total)

    def _history_done(self, history: list[DayCounts] | None) -> None:
        if self.sender() is not self.history_job or history is None:
            return
        self.history_job = None
        self.trend.set_history(history)
        self.history_ready.emit()

    def _history_failed(self, error: BaseException) -> None:
        if self.sender() is not self.history_job:
            return
        self.history_job = None
        self.trend.set_message(self.tr("无法计算近30天预警：%1").replace("%1", str(error)))

    # -- rules and export -------------------------------------------------------------------------
    def open_rules(self) -> None:
        dialog = AlertRulesDialog(self.book, self)
        changed: list[bool] = []
        dialog.rules_changed.connect(lambda: changed.append(True))
        dialog.exec()
        dialog.deleteLater()
        if changed:
            self.book_changed.emit()
            self.load()

    def export_rows(self) -> None:
        rows = self.rows_model.rows()
        if not rows or self.export_job is not None:
            return
        name = self.figure_name()
        default = Path.home() / f"{name}-{self.day.isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出明细"), str(default), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        columns = self.rows_model.columns
        form_id = f"alert_list_{self.figure.value}"
        job = run_job(lambda _step: export_rows(path, form_id, name, columns, rows))
        self.export_job = job
        self.export_path = path
        self.export_button.setEnabled(False)
        job.succeeded.connect(self._exported)
        job.failed.connect(self._export_failed)
        job.ended.connect(self._export_ended)

    def _exported(self, count: int) -> None:
        self.status_message.emit(
            self.tr("已导出 %1 行到 %2").replace("%1", str(count)).replace("%2", self.export_path)
        )
        self.exported.emit(self.export_path)

    def _export_failed(self, error: BaseException) -> None:
        dialogs.show_error(self, self.tr("导出失败"), f"{self.export_path}\n\n{error}")

    def _export_ended(self) -> None:
        self.export_job = None
        self.export_button.setEnabled(self.rows_model.rowCount() > 0)
