"""The region tree (全国 → 省 → 市 → 区县 → 乡镇) as a lazy item model.

44k regions would take seconds as items; here a node's children become rows only when the view
expands it (canFetchMore/fetchMore), and each index carries its region code as its internal id.
Codes are digits without a leading zero (11…82 for provinces, "0" for 全国), so int(code) is a
faithful id and str(id) gives the code back.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from jdstock_desktop.domain.regions import ROOT_CODE, Region, load_regions

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
CODE_ROLE = Qt.ItemDataRole.UserRole


class RegionTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None, *, top: str = ROOT_CODE) -> None:
        """`top` is the one top-level row: 全国 for the page, a smaller subtree for tests."""
        super().__init__(parent)
        self._regions = load_regions()
        self._top = top
        self._kids: dict[str, list[Region]] = {}  # fetched nodes → their children, in order
        self._row: dict[str, int] = {top: 0}  # row of every node that is a row already
        self._has_kids: dict[str, bool] = {}
        self._listed: dict[str, int] = {}  # code → warehouses in its own priority list
        self._bold = QFont()
        self._bold.setBold(True)

    # -- what the page asks -----------------------------------------------------------------------
    @staticmethod
    def code(index: Index) -> str | None:
        return str(index.internalId()) if index.isValid() else None

    def fetched_count(self) -> int:
        """How many nodes are rows so far (the tree is never built up front)."""
        return len(self._row)

    def set_listed(self, listed: Mapping[str, int]) -> None:
        """Which nodes have their own list (shown bold); repaints only the nodes that changed."""
        old, self._listed = self._listed, dict(listed)
        for code in set(old) | set(listed):
            if old.get(code) != listed.get(code) and code in self._row:
                index = self.index_of(code)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.FontRole])

    def index_of(self, code: str) -> QModelIndex:
        """The index of a node that is already a row; invalid otherwise."""
        row = self._row.get(code)
        return _ROOT if row is None else self.createIndex(row, 0, int(code))

    def reveal(self, code: str) -> QModelIndex:
        """Fetch the children of every ancestor of `code` so that it becomes a row."""
        path = self._regions.ancestors(code)
        if self._top not in path:
            return _ROOT
        path = path[: path.index(self._top) + 1]
        for ancestor in reversed(path[1:]):
            index = self.index_of(ancestor)
            if self.canFetchMore(index):
                self.fetchMore(index)
        return self.index_of(code)

    # -- QAbstractItemModel -----------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return _ROOT
        if not parent.isValid():
            return self.createIndex(0, 0, int(self._top)) if row == 0 else _ROOT
        kids = self._kids.get(str(parent.internalId()), [])
        return self.createIndex(row, 0, int(kids[row].code)) if row < len(kids) else _ROOT

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        code = self.code(index)
        if code is None or code == self._top:
            return _ROOT
        up = self._regions.get(code).parent
        return self.index_of(up) if up is not None else _ROOT

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return 1
        if parent.column() != 0:
            return 0
        return len(self._kids.get(str(parent.internalId()), ()))

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        if not parent.isValid():
            return True
        if parent.column() != 0:
            return False
        code = str(parent.internalId())
        kids = self._kids.get(code)
        return bool(kids) if kids is not None else self._has_children(code)

    def _has_children(self, code: str) -> bool:
        has = self._has_kids.get(code)
        if has is None:
            has = self._has_kids[code] = bool(self._regions.children(code))
        return has

    def canFetchMore(self, parent: Index) -> bool:
        if not parent.isValid() or parent.column() != 0:
            return False
        code = str(parent.internalId())
        return code not in self._kids and self._has_children(code)

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        code = str(parent.internalId())
        kids = self._regions.children(code)
        self.beginInsertRows(parent, 0, len(kids) - 1)
        self._kids[code] = kids
        for row, kid in enumerate(kids):
            self._row[kid.code] = row
        self.endInsertRows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RegionTreeModel", "地区")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        code = self.code(index)
        if code is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._regions.get(code).name
        if role == Qt.ItemDataRole.FontRole and code in self._listed:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            path = self._regions.display_path(code)
            count = self._listed.get(code)
            if count is None:
                return path
            return (
                QCoreApplication.translate("RegionTreeModel", "%1：已设置优先级（%2 个仓库）")
                .replace("%1", path)
                .replace("%2", str(count))
            )
        if role == CODE_ROLE:
            return code
        return None
