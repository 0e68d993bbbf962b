"""The order list model: newest first, fetched a page at a time as the clerk scrolls.

A book gathers orders for years; only the first page is read when the page opens, and
`fetchMore` reads the next one when the view reaches the end (qutebrowser's completion habit).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from jdstock_desktop.services.orders import OrderView

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
Fetch = Callable[[int, int], list[OrderView]]  # (offset, limit) → orders, newest first

PAGE_SIZE = 200
TIME_FORMAT = "%Y-%m-%d %H:%M"
OPEN_FOREGROUND = QColor("#b45309")
CANCELLED_FOREGROUND = QColor("#8a8f98")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)

ORDER_NO, ORDERED_AT, CUSTOMER, ADDRESS, STATUS, TOTAL_QTY, SHIPPED_AT = range(7)


def _no_orders(_offset: int, _limit: int) -> list[OrderView]:
    return []


class OrdersModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._fetch: Fetch = _no_orders
        self._orders: list[OrderView] = []
        self._page_size = page_size
        self._exhausted = True

    def reload(self, fetch: Fetch) -> None:
        """Start again from the newest order with another query (filter, book change)."""
        self.beginResetModel()
        self._fetch = fetch
        self._orders = fetch(0, self._page_size)
        self._exhausted = len(self._orders) < self._page_size
        self.endResetModel()

    def order(self, row: int) -> OrderView:
        return self._orders[row]

    def row_of(self, order_no: str) -> int | None:
        return next((i for i, o in enumerate(self._orders) if o.order_no == order_no), None)

    def replace(self, view: OrderView) -> None:
        """An order changed (shipped, cancelled): patch its row."""
        row = self.row_of(view.order_no)
        if row is None:
            return
        self._orders[row] = view
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- paging ---------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or self._exhausted:
            return
        more = self._fetch(len(self._orders), self._page_size)
        self._exhausted = len(more) < self._page_size
        known = {o.order_no for o in self._orders}
        more = [o for o in more if o.order_no not in known]  # an order placed meanwhile
        if not more:
            return
        start = len(self._orders)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._orders.extend(more)
        self.endInsertRows()

    # -- shape and values -----------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._orders)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 7

    def display_text(self, row: int, column: int) -> str:
        o = self._orders[row]
        if column == ORDER_NO:
            return o.order_no
        if column == ORDERED_AT:
            return o.ordered_at.strftime(TIME_FORMAT)
        if column == CUSTOMER:
            return o.customer
        if column == ADDRESS:
            return o.address
        if column == STATUS:
            return self.status_text(o.status)
        if column == TOTAL_QTY:
            return str(o.total_qty)
        return o.shipped_at.strftime(TIME_FORMAT) if o.shipped_at else ""

    def status_text(self, status: str) -> str:
        return {
            "open": self.tr("待发货"),
            "allocated": self.tr("待发货"),
            "shipped": self.tr("已发货"),
            "cancelled": self.tr("已取消"),
        }.get(status, status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.display_text(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole and column == ADDRESS:
            return self._orders[index.row()].address
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == TOTAL_QTY:
                return _RIGHT
            return _CENTER if column == STATUS else None
        if role == Qt.ItemDataRole.ForegroundRole:
            status = self._orders[index.row()].status
            if status == "cancelled":
                return CANCELLED_FOREGROUND
            if column == STATUS and status in ("open", "allocated"):
                return OPEN_FOREGROUND
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("订单号"),
                self.tr("下单时间"),
                self.tr("客户"),
                self.tr("收货地址"),
                self.tr("状态"),
                self.tr("总数量"),
                self.tr("发货时间"),
            )[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
