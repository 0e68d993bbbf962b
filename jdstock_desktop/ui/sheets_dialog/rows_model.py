"""A sortable read-only table over typed rows (the rows behind a figure, a list to export).

Each column is a ListColumn: numbers are shown with their decimals and right-aligned, an empty
value shows the column's none_text (∞ for a turnover without sales), and sorting uses the raw
values so 10 comes after 9 and ∞ after every number.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from jdstock_desktop.sheets.definition import ColumnType
from jdstock_desktop.ui.sheets_dialog.list_export import ListColumn

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
SORT_ROLE = Qt.ItemDataRole.UserRole


def show(value: object, column: ListColumn) -> str:
    if value is None:
        return column.none_text
    if column.type is ColumnType.DECIMAL and isinstance(value, int | float):
        return f"{value:,.{column.decimals}f}"
    if column.type is ColumnType.INT and isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _sort_key(value: object, numeric: bool) -> float | str:
    if numeric:
        return math.inf if value is None else float(value)  # type: ignore[arg-type]
    return "" if value is None else show(value, ListColumn(""))


class TypedRowsModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[ListColumn],
        rows: Sequence[Sequence[object]] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows = [tuple(r) for r in rows]

    def set_content(self, columns: Sequence[ListColumn], rows: Sequence[Sequence[object]]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self._rows = [tuple(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[object, ...]]:
        return list(self._rows)

    def row(self, row: int) -> tuple[object, ...]:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return show(value, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and self._numeric(index.column()):
            return _RIGHT
        if role == SORT_ROLE:
            return _sort_key(value, self._numeric(index.column()))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return super().headerData(section, orientation, role)

    def _numeric(self, column: int) -> bool:
        return self.columns[column].type in (ColumnType.INT, ColumnType.DECIMAL)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        numeric = self._numeric(column)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        before = [(i.row(), i.column()) for i in old]
        order_of = sorted(
            range(len(self._rows)),
            key=lambda r: _sort_key(self._rows[r][column], numeric),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[r] for r in order_of]
        new_row = {was: now for now, was in enumerate(order_of)}
        self.changePersistentIndexList(old, [self.index(new_row[r], c) for r, c in before])
        self.layoutChanged.emit()
