"""One region's priority list being edited: order, 禁售, and the national warehouse as the fallback.

The rows are the clerk's draft; nothing is written until the page saves it with set_priorities.
The national warehouse is shown as a last, greyed row that cannot be moved, banned or removed,
because routing always appends it (SPEC §3 step 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from jdstock_desktop.ui.warehouses.list_model import LOCKED_FOREGROUND, PAUSED_FOREGROUND, lock_icon

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

RANK, NAME, STATUS, BANNED = range(4)
MIME_TYPE = "application/x-jdstock-priority-row"
BANNED_FOREGROUND = QColor("#c0392b")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PriorityListModel", text)


@dataclass(frozen=True, slots=True)
class PriorityRow:
    warehouse_id: int
    name: str
    banned: bool
    paused: bool


class PriorityListModel(QAbstractTableModel):
    changed = Signal()  # the draft changed (order, 禁售, rows)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PriorityRow] = []
        self._national = ""
        self.read_only = False  # showing an inherited list: look, do not touch
        self._headers = [_tr("顺位"), _tr("仓库"), _tr("状态"), _tr("禁售")]

    # -- the draft --------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[PriorityRow], national: str, *, read_only: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._national = national
        self.read_only = read_only
        self.endResetModel()

    def rows(self) -> list[PriorityRow]:
        return list(self._rows)

    def items(self) -> list[tuple[str, int | None]]:
        """(warehouse, rank) as set_priorities takes them: ranks 1… in order, banned → None."""
        out: list[tuple[str, int | None]] = []
        rank = 0
        for row in self._rows:
            if row.banned:
                out.append((row.name, None))
            else:
                rank += 1
                out.append((row.name, rank))
        return out

    def rank(self, row: int) -> int | None:
        return self.items()[row][1]

    def is_national_row(self, row: int) -> bool:
        return bool(self._national) and row == len(self._rows)

    def add(self, warehouse_id: int, name: str, paused: bool) -> int:
        """Append a warehouse (before the fixed fallback row); returns its row."""
        row = len(self._rows)
        self.beginInsertRows(_ROOT, row, row)
        self._rows.append(PriorityRow(warehouse_id, name, False, paused))
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(_ROOT, row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._ranks_changed()
        self.changed.emit()

    def move(self, source: int, dest: int) -> bool:
        """Move row `source` so that it lands before row `dest` (dest == count: last)."""
        count = len(self._rows)
        if self.read_only or not 0 <= source < count or not 0 <= dest <= count:
            return False
        if dest in (source, source + 1):
            return False
        if not self.beginMoveRows(_ROOT, source, source, _ROOT, dest):
            return False
        row = self._rows.pop(source)
        self._rows.insert(dest - 1 if dest > source else dest, row)
        self.endMoveRows()
        self._ranks_changed()
        self.changed.emit()
        return True

    def set_banned(self, row: int, banned: bool) -> None:
        if self.read_only or not 0 <= row < len(self._rows) or self._rows[row].banned == banned:
            return
        self._rows[row] = replace(self._rows[row], banned=banned)
        self.dataChanged.emit(self.index(row, 0), self.index(row, BANNED))
        self._ranks_changed()
        self.changed.emit()

    def rename(self, names: dict[int, tuple[str, bool]]) -> None:
        """Follow renames and pauses made elsewhere (by warehouse id); drop deleted ones."""
        self.beginResetModel()
        self._rows = [
            replace(r, name=names[r.warehouse_id][0], paused=names[r.warehouse_id][1])
            for r in self._rows
            if r.warehouse_id in names
        ]
        self.endResetModel()

    def _ranks_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, RANK), self.index(len(self._rows) - 1, RANK))

    # -- QAbstractTableModel ----------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid():
            return 0
        return len(self._rows) + (1 if self._national else 0)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows, never on one.
            return Qt.ItemFlag.NoItemFlags if self.read_only else Qt.ItemFlag.ItemIsDropEnabled
        if self.is_national_row(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
            if index.column() == BANNED:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if self.is_national_row(index.row()):
            return self._national_data(index.column(), role)
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == RANK:
                rank = self.rank(index.row())
                return "—" if rank is None else str(rank)
            if column == NAME:
                return row.name
            if column == STATUS:
                if row.banned:
                    return _tr("禁售")
                return _tr("暂停（不参与发货）") if row.paused else _tr("启用")
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == BANNED:
            return Qt.CheckState.Checked if row.banned else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.read_only:
                return LOCKED_FOREGROUND
            if row.banned:
                return BANNED_FOREGROUND
            if row.paused:
                return PAUSED_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RANK:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.banned:
                return _tr("禁售：「%1」不向这个区域发货").replace("%1", row.name)
            if row.paused:
                return _tr("仓库已暂停：保留在列表中，但发货时跳过")
        return None

    def _national_data(self, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return (_tr("兜底"), self._national, _tr("固定最低优先级，不可修改"), None)[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return LOCKED_FOREGROUND
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return lock_icon()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RANK:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tr("「%1」系统自动生成，覆盖全国，始终排在最后兜底，不能排序或禁售").replace(
                "%1", self._national
            )
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or index.column() != BANNED
            or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        checked = value == Qt.CheckState.Checked or value == Qt.CheckState.Checked.value
        self.set_banned(index.row(), bool(checked))
        return True

    # -- drag to reorder --------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME_TYPE, QByteArray(str(rows[0]).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return not self.read_only and data.hasFormat(MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        source = int(bytes(data.data(MIME_TYPE).data()).decode() or -1)
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        self.move(source, min(row, len(self._rows)))
        # False: the move is done; a True MoveAction would make the view remove the source row.
        return False
