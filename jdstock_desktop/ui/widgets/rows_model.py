"""A read-only table over a list of tuples: for dialogs that show a few hundred rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def vertical_header(section: int, role: int) -> object:
    """Row numbers, computed here: super().headerData() hands PySide6 6.12 an invalid
    QVariant for most roles, and its conversion to None drops a reference to None each time
    (the process aborts after enough repaints)."""
    return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None


class RowsTableModel(QAbstractTableModel):
    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [tuple(r) for r in rows]

    def set_rows(self, rows: Sequence[Sequence[object]]) -> None:
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self.endResetModel()

    def row(self, row: int) -> tuple[object, ...]:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return vertical_header(section, role) if orientation == Qt.Orientation.Vertical else None
