"""The 订单 page: orders newest first, one order's lines, and what a clerk does with an order:
place it, ship it, cancel it, print or export its packing list and delivery receipt."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.errors import JdStockError
from jdstock_desktop.services.orders import (
    OrderView,
    cancel_order,
    get_order,
    list_orders,
    order_documents,
    ship_order,
)
from jdstock_desktop.services.products import get_products, list_products
from jdstock_desktop.services.warehouses import list_warehouses
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.orders import documents
from jdstock_desktop.ui.orders.model import ADDRESS, TIME_FORMAT, OrdersModel
from jdstock_desktop.ui.orders.new_order import NewOrderDialog
from jdstock_desktop.ui.orders.ship import ShipDialog
from jdstock_desktop.ui.products.shortcuts import PageKeys
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.page import Page
from jdstock_desktop.ui.widgets.rows_model import RowsTableModel

# The status box's choices by index, as list_orders takes them.
STATUS_CHOICES: tuple[str | None, ...] = (None, "待发货", "已发货", "已取消")
OPEN_STATES = ("open", "allocated")
ORDER_COLUMN_SAMPLES = (
    "JD2026030200000001",
    "2026-03-02 10:00",
    "某某机械制造集团有限公司",
    "广东省深圳市南山区粤海街道科技园路1号",
    "待发货",
    "总数量",
    "2026-03-02 10:00",
)


def choose_folder(parent: QWidget | None, title: str) -> str:
    """Where to write exported documents ("" = cancelled); tests replace this."""
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return QFileDialog.getExistingDirectory(parent, title, start)


def run_preview(dialog: QPrintPreviewDialog) -> None:
    """Show the print preview (modal); tests replace this."""
    dialog.exec()


def file_part(text: str) -> str:
    """An order no. usable in a Windows file name."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "order"


class OrdersPage(Page):
    title = "订单"

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(book, parent)
        self.model = OrdersModel(self)
        self.preview_dialog: QPrintPreviewDialog | None = None
        self._preview_document: QTextDocument | None = None
        self._preview_printer: QPrinter | None = None
        self._build_actions()
        self._build_filters()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        metrics = self.fontMetrics()
        for column, sample in enumerate(ORDER_COLUMN_SAMPLES):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.rowsInserted.connect(self._update_count)  # a page fetched while scrolling

        self.detail_label = QLabel()
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines_model = RowsTableModel(
            [
                self.tr("商品编码"),
                self.tr("商品名称"),
                self.tr("规格"),
                self.tr("数量"),
                self.tr("单位"),
                self.tr("发货仓"),
                self.tr("现货/期货"),
                self.tr("承诺时效(小时)"),
                self.tr("承诺发货截止"),
            ],
            parent=self,
        )
        self.lines_view = QTableView()
        self.lines_view.setModel(self.lines_model)
        self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.verticalHeader().setVisible(False)
        self.lines_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        lines_header = self.lines_view.horizontalHeader()
        lines_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lines_header.setStretchLastSection(True)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addWidget(self.lines_view, 1)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(self._filters)
        top_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([420, 260])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        self._show_detail(None)

    # -- building -------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("新建订单"), self.new_order, "Ctrl+N")
        self.ship_action = self._action(self.tr("发货"), self.ship, "Ctrl+Return", "Ctrl+Enter")
        self.cancel_action = self._action(self.tr("取消订单"), self.cancel, "Ctrl+Delete")
        self.packing_action = self._action(
            self.tr("打印装箱清单"), lambda: self.preview("packing"), "Ctrl+P"
        )
        self.receipt_action = self._action(
            self.tr("打印签收单"), lambda: self.preview("receipt"), "Ctrl+Shift+P"
        )
        self.pdf_action = self._action(self.tr("导出 PDF…"), self.export_pdf, "Ctrl+Shift+E")
        self.xlsx_action = self._action(self.tr("导出 xlsx…"), self.export_xlsx, "Ctrl+Shift+X")
        self.refresh_action = self._action(self.tr("刷新"), self.refresh, std.Refresh, "F5")
        self.find_action = self._action(self.tr("查找"), self._focus_search, std.Find)
        # Ctrl+N is also the window's 新建账本: inside this page the page's meaning wins.
        self.page_keys = PageKeys(self, [self.new_action])
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        groups = (
            (self.new_action,),
            (self.ship_action, self.cancel_action),
            (self.packing_action, self.receipt_action, self.pdf_action, self.xlsx_action),
            (self.refresh_action,),
        )
        for i, group in enumerate(groups):
            if i:
                self.toolbar.addSeparator()
            for action in group:
                self.toolbar.addAction(action)

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索订单号或客户"))
        self.search.setToolTip(self.tr("订单号或客户名称的一部分（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.status_box = QComboBox()
        self.status_box.addItems(
            [self.tr("全部状态"), self.tr("待发货"), self.tr("已发货"), self.tr("已取消")]
        )
        self.count_label = QLabel()
        self.count_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.addWidget(self.search, 2)
        row.addWidget(self.status_box)
        row.addStretch(1)
        row.addWidget(self.count_label)
        self._filters = row
        self.search.textChanged.connect(self.refresh)
        self.status_box.currentIndexChanged.connect(self.refresh)

    # -- loading --------------------------------------------------------------------------------
    def _fetch(self, offset: int, limit: int) -> list[OrderView]:
        return list_orders(
            self.book,
            status=STATUS_CHOICES[max(self.status_box.currentIndex(), 0)],
            text=self.search.text(),
            limit=limit,
            offset=offset,
        )

    def refresh(self) -> None:
        keep = self.current_order()
        self.model.reload(self._fetch)
        self._select(keep.order_no if keep else None)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        more = self.model.canFetchMore()
        text = self.tr("显示 %1 个订单").replace("%1", f"{shown:,}")
        if more:
            text += self.tr("（向下滚动加载更多）")
        self.count_label.setText(text)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_order(self) -> OrderView | None:
        index = self.view.currentIndex()
        return self.model.order(index.row()) if index.isValid() else None

    def _select(self, order_no: str | None) -> None:
        row = self.model.row_of(order_no) if order_no else None
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self._show_detail(None)
            return
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        self._show_detail(self.model.order(row))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(self.model.order(current.row()) if current.isValid() else None)

    # -- the detail panel -----------------------------------------------------------------------
    def _show_detail(self, order: OrderView | None) -> None:
        is_open = order is not None and order.status in OPEN_STATES
        shipped = order is not None and order.status == "shipped"
        self.ship_action.setEnabled(is_open)
        self.cancel_action.setEnabled(is_open)
        for action in (self.packing_action, self.receipt_action, self.pdf_action, self.xlsx_action):
            action.setEnabled(shipped)
        if order is None:
            self.detail_label.setText(self.tr("没有选中的订单。新建订单：Ctrl+N"))
            self.lines_model.set_rows([])
            return
        self.detail_label.setText(self._detail_html(order, is_open, shipped))
        self.lines_model.set_rows(
            [
                (
                    line.sku,
                    line.name,
                    line.spec,
                    line.qty,
                    line.unit,
                    line.warehouse,
                    self.tr("现货") if line.kind == "spot" else self.tr("期货"),
                    "" if line.promised_hours is None else line.promised_hours,
                    ""
                    if line.promised_hours is None
                    else (order.ordered_at + dt.timedelta(hours=line.promised_hours)).strftime(
                        TIME_FORMAT
                    ),
                )
                for line in order.lines
            ]
        )

    def _detail_html(self, order: OrderView, is_open: bool, shipped: bool) -> str:
        def pair(label: str, value: str) -> str:
            return f"<b>{label}</b>&nbsp;{_escape(value)}"

        gap = "&nbsp;&nbsp;&nbsp;&nbsp;"
        first = gap.join(
            [
                pair(self.tr("订单号"), order.order_no),
                pair(self.tr("状态"), self.model.status_text(order.status)),
                pair(self.tr("客户"), order.customer or "—"),
                pair(self.tr("下单时间"), order.ordered_at.strftime(TIME_FORMAT)),
            ]
            + (
                [pair(self.tr("发货时间"), order.shipped_at.strftime(TIME_FORMAT))]
                if order.shipped_at
                else []
            )
        )
        second = pair(self.tr("收货地址"), order.address)
        if is_open:
            hint = self.tr("发货：Ctrl+Enter　取消订单：Ctrl+Delete")
        elif shipped:
            hint = self.tr(
                "打印装箱清单：Ctrl+P　打印签收单：Ctrl+Shift+P　导出 PDF：Ctrl+Shift+E"
                "　导出 xlsx：Ctrl+Shift+X"
            )
        else:
            hint = self.tr("已取消的订单不能再发货")
        return f'{first}<br/>{second}<br/><span style="color:#6b7280;">{_escape(hint)}</span>'

    def _order_changed(self, order_no: str, message: str) -> None:
        try:
            view = get_order(self.book, order_no)
        except JdStockError:
            self.refresh()
        else:
            self.model.replace(view)
            if (current := self.current_order()) is not None and current.order_no == order_no:
                self._show_detail(view)
        self.status_message.emit(message)
        self.book_changed.emit()

    # -- placing, shipping, cancelling ----------------------------------------------------------
    def new_order(self) -> None:
        table = list_products(self.book)
        listed = [
            (code, name)
            for code, name, on in zip(table.codes, table.names, table.listed, strict=True)
            if on
        ]
        dialog = NewOrderDialog(self.book, listed, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.order_result is None:
                return
            result = dialog.order_result
        finally:
            dialog.deleteLater()
        # Show every order again, newest first, so the new one is in view.
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.status_box.blockSignals(True)
        self.status_box.setCurrentIndex(0)
        self.status_box.blockSignals(False)
        self.model.reload(self._fetch)
        self._select(result.order_no)
        self._update_count()
        self.status_message.emit(result.message())
        self.book_changed.emit()

    def ship(self) -> None:
        order = self.current_order()
        if order is None or order.status not in OPEN_STATES:
            self.status_message.emit(self.tr("请先选中一个待发货的订单"))
            return
        names = [w.name for w in list_warehouses(self.book) if not w.paused]
        dialog = ShipDialog(order, names, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            warehouse, shipped_at = dialog.warehouse, dialog.shipped_at
        finally:
            dialog.deleteLater()
        try:
            message = ship_order(self.book, order.order_no, warehouse, shipped_at)
        except JdStockError as e:
            dialogs.show_error(
                self, self.tr("不能发货"), str(e) + "\n\n" + self.tr("订单未发货，库存没有变化。")
            )
            return
        self._order_changed(order.order_no, message)

    def cancel(self) -> None:
        order = self.current_order()
        if order is None or order.status not in OPEN_STATES:
            self.status_message.emit(self.tr("请先选中一个待发货的订单"))
            return
        spot = sum(line.qty for line in order.lines if line.kind == "spot")
        text = self.tr("确定取消订单「%1」吗？").replace("%1", order.order_no)
        if spot:
            text += "\n" + self.tr("将释放预占库存 %1 件。").replace("%1", str(spot))
        text += "\n" + self.tr("取消后不能恢复。")
        if not dialogs.ask_yes_no(self, self.tr("取消订单"), text):
            return
        try:
            message = cancel_order(self.book, order.order_no)
        except JdStockError as e:
            dialogs.show_error(self, self.tr("不能取消"), str(e))
            return
        self._order_changed(order.order_no, message)

    # -- documents ------------------------------------------------------------------------------
    def _shipped_order(self) -> OrderView | None:
        order = self.current_order()
        if order is None or order.status != "shipped":
            self.status_message.emit(self.tr("只有已发货的订单才能生成装箱清单和签收单"))
            return None
        return order

    def document(self, kind: str, order: OrderView) -> tuple[str, str]:
        """(title, HTML) of the packing list ('packing') or the receipt ('receipt')."""
        products = get_products(self.book, [line.sku for line in order.lines])
        if kind == "packing":
            return self.tr("装箱清单"), documents.packing_list_html(order, products)
        return self.tr("签收单"), documents.receipt_html(order, products)

    def preview(self, kind: str) -> None:
        order = self._shipped_order()
        if order is None:
            return
        title, body = self.document(kind, order)
        document = documents.make_document(body)
        # The dialog does not own its printer: keep both alive while it may repaint.
        self._preview_printer = documents.a4_printer()
        dialog = QPrintPreviewDialog(self._preview_printer, self)
        dialog.setWindowTitle(f"{title} — {order.order_no}")
        dialog.paintRequested.connect(lambda printer: documents.print_document(document, printer))
        dialog.resize(900, 900)
        self.preview_dialog = dialog
        self._preview_document = document
        run_preview(dialog)

    def export_pdf(self) -> None:
        order = self._shipped_order()
        if order is None:
            return
        folder = choose_folder(self, self.tr("选择保存装箱清单和签收单（PDF）的文件夹"))
        if not folder:
            return
        written = []
        try:
            for kind in ("packing", "receipt"):
                title, body = self.document(kind, order)
                path = Path(folder) / f"{title}_{file_part(order.order_no)}.pdf"
                documents.write_pdf(documents.make_document(body), path, title)
                written.append(str(path))
        except OSError as e:
            dialogs.show_error(self, self.tr("导出失败"), str(e))
            return
        self.status_message.emit(self.tr("已导出 PDF：") + "；".join(written))

    def export_xlsx(self) -> None:
        order = self._shipped_order()
        if order is None:
            return
        folder = choose_folder(self, self.tr("选择保存装箱清单和签收单（xlsx）的文件夹"))
        if not folder:
            return
        try:
            message = order_documents(self.book, order.order_no, folder)
        except (JdStockError, OSError) as e:
            dialogs.show_error(self, self.tr("导出失败"), str(e))
            return
        self.status_message.emit(message.replace("\n", " "))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
