"""The findings of the compliance check as a table, filtered by check (rule)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from jdstock_desktop.services.compliance import CHECKS, Check, Finding

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

RULE, CHECK, ITEM, DETAIL = range(4)

# What a finding's item names, by check: the main window can open that product or warehouse.
ITEM_KINDS: dict[str, str] = {
    "no_stock": "sku",
    "futures_over_standard": "sku",
    "violation": "sku",
    "preorder_setup": "sku",
    "warehouse_address": "warehouse",
}

CHECK_BY_ID: dict[str, Check] = {c.id: c for c in CHECKS}


def item_kind(finding: Finding) -> str | None:
    """ "sku", "warehouse", or None when the item is neither (the sales contract)."""
    return ITEM_KINDS.get(finding.check)


class FindingsModel(QAbstractTableModel):
    def __init__(
        self,
        headers: Sequence[str],
        check_title: Callable[[Check], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._check_title = check_title
        self._all: list[Finding] = []
        self._shown: list[Finding] = []
        self._check: str | None = None  # None = every check

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.beginResetModel()
        self._all = list(findings)
        self._shown = self._filtered()
        self.endResetModel()

    def set_check(self, check: str | None) -> None:
        self.beginResetModel()
        self._check = check
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[Finding]:
        if self._check is None:
            return list(self._all)
        return [f for f in self._all if f.check == self._check]

    def finding(self, row: int) -> Finding:
        return self._shown[row]

    def shown(self) -> list[Finding]:
        return list(self._shown)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        f = self._shown[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            check = CHECK_BY_ID.get(f.check)
            if col == RULE:
                return check.rules if check else str(f.rule)
            if col == CHECK:
                return self._check_title(check) if check else f.check
            if col == ITEM:
                return f.item
            return f.detail
        if role == Qt.ItemDataRole.ToolTipRole and col == DETAIL:
            return f.detail
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return super().headerData(section, orientation, role)
