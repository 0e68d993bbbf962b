"""The 商品 table model: a view over ProductTable's arrays, filtered and sorted in memory.

No item per cell: `data()` reads the arrays through `_rows` (view row → table row), which the
filter and the sort rebuild. A saved SKU patches its row and emits dataChanged for it alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from jdstock_desktop.services.products import Column, ProductFilter, ProductRecord, ProductTable

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

# Display order: what a clerk checks first (listing, price, ship times) before the rest.
COLUMNS = (
    Column.CODE,
    Column.NAME,
    Column.LISTED,
    Column.JD_PRICE,
    Column.SPOT_HOURS,
    Column.FUTURES_HOURS,
    Column.PREORDER,
    Column.FUTURES_QUOTA,
    Column.CATEGORY,
    Column.BRAND,
    Column.MODEL,
    Column.JD_SKU,
)
BREACH_FOREGROUND = QColor("#c0392b")
BREACH_BACKGROUND = QColor("#fdecea")
DELISTED_FOREGROUND = QColor("#8a8f98")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_NUMERIC = {Column.JD_PRICE, Column.SPOT_HOURS, Column.FUTURES_HOURS, Column.FUTURES_QUOTA}
# The breach's field → the columns that show it in red.
_BREACH_COLUMNS = {
    "futures_hours": {Column.FUTURES_HOURS},
    "futures_quota": {Column.FUTURES_QUOTA, Column.PREORDER},
}


def money(value: object) -> str:
    if value is None or value == "":
        return ""
    return f"{float(value):,.2f}"  # type: ignore[arg-type]


class ProductTableModel(QAbstractTableModel):
    def __init__(self, table: ProductTable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._filter = ProductFilter()
        self._sort: tuple[Column, bool] = (Column.CODE, False)
        self._order: list[int] = list(range(table.row_count))
        self._rows: list[int] = self._order

    # -- shape ----------------------------------------------------------------------------------
    @property
    def table(self) -> ProductTable:
        return self._table

    @property
    def filter(self) -> ProductFilter:
        return self._filter

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def table_row(self, view_row: int) -> int:
        return self._rows[view_row]

    def code_at(self, view_row: int) -> str:
        return self._table.codes[self._rows[view_row]]

    def view_row_of(self, code: str) -> int | None:
        row = self._table.row_of(code)
        if row is None:
            return None
        try:
            return self._rows.index(row)
        except ValueError:
            return None

    # -- values ---------------------------------------------------------------------------------
    def display_text(self, view_row: int, column: Column) -> str:
        t = self._table
        row = self._rows[view_row]
        if column is Column.LISTED:
            return self.tr("上柜") if t.listed[row] else self.tr("下柜")
        if column is Column.PREORDER:
            return self.tr("是") if t.preorder[row] else self.tr("否")
        if column is Column.JD_PRICE:
            return money(t.jd_prices[row])
        value = t.column(column)[row]
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.display_text(index.row(), column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _NUMERIC:
                return _RIGHT
            return _CENTER if column in (Column.LISTED, Column.PREORDER) else None
        row = self._rows[index.row()]
        if role not in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if not self._table.has_breach(row):
            if role == Qt.ItemDataRole.ForegroundRole and not self._table.listed[row]:
                return DELISTED_FOREGROUND if column is Column.LISTED else None
            return None
        breaches = self._table.breaches(row)
        marked = [b for b in breaches if column in _BREACH_COLUMNS.get(b.field, ())]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(b.message for b in breaches)
        if column is Column.CODE or marked:  # the code too, so a breach shows however scrolled
            if role == Qt.ItemDataRole.ForegroundRole:
                return BREACH_FOREGROUND
            return BREACH_BACKGROUND if marked else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return Qt.SortOrder.AscendingOrder
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_titles()[COLUMNS[section]]
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] is Column.FUTURES_HOURS:
            return self.tr("红色：超过三级类目的发货时效标准（规则 21）")
        return None

    def header_titles(self) -> dict[Column, str]:
        return {
            Column.CODE: self.tr("商品编码"),
            Column.JD_SKU: self.tr("京东SKU"),
            Column.NAME: self.tr("商品名称"),
            Column.BRAND: self.tr("品牌"),
            Column.MODEL: self.tr("型号"),
            Column.CATEGORY: self.tr("三级类目"),
            Column.JD_PRICE: self.tr("京东价"),
            Column.LISTED: self.tr("上柜状态"),
            Column.SPOT_HOURS: self.tr("现货时效"),
            Column.FUTURES_HOURS: self.tr("期货时效"),
            Column.PREORDER: self.tr("无货预定"),
            Column.FUTURES_QUOTA: self.tr("可期货库存"),
        }

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- filter and sort ------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [(self._rows[i.row()], i.column()) for i in old]
        self._sort = (COLUMNS[column], order == Qt.SortOrder.DescendingOrder)
        self._order = self._sorted_order()
        self._rows = self._table.filter_rows(self._order, self._filter)
        where = {r: i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(where[r], c) if r in where else QModelIndex() for r, c in old_rows]
        )
        self.layoutChanged.emit()

    def _sorted_order(self) -> list[int]:
        column, descending = self._sort
        if column is Column.CODE and not descending:
            return list(range(self._table.row_count))  # loaded in code order
        return self._table.sort_order(column, descending=descending)

    def set_filter(self, f: ProductFilter) -> None:
        self.beginResetModel()
        self._filter = f
        self._rows = self._table.filter_rows(self._order, f)
        self.endResetModel()

    def set_table(self, table: ProductTable) -> None:
        """A freshly loaded table; filter and sort stay."""
        self.beginResetModel()
        self._table = table
        self._order = self._sorted_order()
        self._rows = table.filter_rows(self._order, self._filter)
        self.endResetModel()

    # -- after a write --------------------------------------------------------------------------
    def record_saved(self, record: ProductRecord, old_code: str) -> int | None:
        """Patch the arrays with a saved SKU; returns its view row (None: filtered out).

        An edited SKU stays where it is even if it no longer passes the filter, as in Excel:
        rows do not jump away under the clerk. A new SKU is added and the rows rebuilt.
        """
        row = self._table.row_of(old_code)
        row, appended = self._table.upsert(record, row=row)
        if appended:
            self.beginResetModel()
            self._order = self._sorted_order()
            self._rows = self._table.filter_rows(self._order, self._filter)
            if row not in self._rows:
                self._rows.append(row)  # a new SKU the filter hides is still shown once
            self.endResetModel()
            return self._rows.index(row)
        view_row = self._rows.index(row) if row in self._rows else None
        if view_row is not None:
            self._row_changed(view_row)
        return view_row

    def listing_changed(self, codes: Iterable[str], listed: bool) -> None:
        """上柜/下柜 of many SKUs: one lookup table, one dataChanged over the 上柜状态 cells."""
        row_of = {code: row for row, code in enumerate(self._table.codes)}
        view_of = {row: i for i, row in enumerate(self._rows)}
        shown = []
        for code in codes:
            row = row_of.get(code)
            if row is None:
                continue
            self._table.listed[row] = listed
            if row in view_of:
                shown.append(view_of[row])
        if shown:
            column = COLUMNS.index(Column.LISTED)
            self.dataChanged.emit(self.index(min(shown), column), self.index(max(shown), column))

    def _row_changed(self, view_row: int) -> None:
        self.dataChanged.emit(self.index(view_row, 0), self.index(view_row, len(COLUMNS) - 1))
