"""The warehouse list: one row per warehouse, the national warehouse first and visibly locked."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from jdstock_desktop.domain.regions import PLACEHOLDERS
from jdstock_desktop.services.warehouses import WarehouseView

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

NAME, STATUS, ADDRESS, DETAIL, COMPLETE = range(5)
LOCKED_FOREGROUND = QColor("#8a8f98")
PAUSED_FOREGROUND = QColor("#b45309")
INCOMPLETE_FOREGROUND = QColor("#c0392b")
COMPLETE_FOREGROUND = QColor("#2e7d32")


def _tr(text: str) -> str:
    return QCoreApplication.translate("WarehouseTableModel", text)


def national_tooltip() -> str:
    return _tr("系统自动生成，覆盖全国，优先级最低，不可修改")


@functools.cache
def lock_icon() -> QIcon:
    """A small grey padlock, drawn rather than shipped: no icon file to package or theme."""
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = size / 16
        p.setPen(QPen(LOCKED_FOREGROUND, 1.6 * s))
        shackle = QPainterPath(QPointF(5 * s, 8 * s))
        shackle.lineTo(5 * s, 5.5 * s)
        shackle.arcTo(QRectF(5 * s, 2.5 * s, 6 * s, 6 * s), 180, -180)
        shackle.lineTo(11 * s, 8 * s)
        p.drawPath(shackle)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(LOCKED_FOREGROUND)
        p.drawRoundedRect(QRectF(3 * s, 7.5 * s, 10 * s, 7 * s), 1.5 * s, 1.5 * s)
        p.end()
        icon.addPixmap(pixmap)
    return icon


def address_text(wh: WarehouseView) -> str:
    """省/市/区县/乡镇 as clerks write it: without the data set's 市辖区-style placeholders."""
    if wh.is_national:
        return _tr("全国")
    return "/".join(p for p in wh.address_parts if p and p not in PLACEHOLDERS)


def missing_parts(wh: WarehouseView) -> list[str]:
    """What rule 19 finds missing in a warehouse's address, in the clerk's words."""
    names = (_tr("省"), _tr("市"), _tr("区县"), _tr("乡镇"))
    missing = [names[i] for i, part in enumerate(wh.address_parts) if not part]
    if not wh.address_detail.strip():
        missing.append(_tr("详细地址"))
    return missing


class WarehouseTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[WarehouseView] = []
        self._headers = [
            _tr("仓库名称"),
            _tr("状态"),
            _tr("地址"),
            _tr("详细地址"),
            _tr("地址完整"),
        ]

    def set_warehouses(self, rows: Sequence[WarehouseView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def warehouse(self, row: int) -> WarehouseView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, name: str) -> int | None:
        return next((i for i, wh in enumerate(self._rows) if wh.name == name), None)

    def warehouses(self) -> list[WarehouseView]:
        return list(self._rows)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        wh = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(wh, column)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME and wh.is_national:
            return lock_icon()
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(wh, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(wh, column)
        return None

    def _text(self, wh: WarehouseView, column: int) -> str:
        if column == NAME:
            return wh.name
        if column == STATUS:
            return _tr("暂停") if wh.paused else _tr("启用")
        if column == ADDRESS:
            return address_text(wh)
        if column == DETAIL:
            return "—" if wh.is_national else wh.address_detail
        if wh.is_national:
            return "—"
        return _tr("完整") if wh.address_complete else _tr("不完整")

    def _foreground(self, wh: WarehouseView, column: int) -> QColor | None:
        if wh.is_national:
            return LOCKED_FOREGROUND
        if column == STATUS and wh.paused:
            return PAUSED_FOREGROUND
        if column == COMPLETE:
            return COMPLETE_FOREGROUND if wh.address_complete else INCOMPLETE_FOREGROUND
        return None

    def _tooltip(self, wh: WarehouseView, column: int) -> str | None:
        if wh.is_national:
            return national_tooltip()
        if column == STATUS and wh.paused:
            return _tr("暂停的仓库保留库存，但不参与发货，库存不计入可用")
        if column == COMPLETE and not wh.address_complete:
            return _tr("缺少：%1（合规检查会提示地址不完整）").replace(
                "%1", "、".join(missing_parts(wh))
            )
        return None
