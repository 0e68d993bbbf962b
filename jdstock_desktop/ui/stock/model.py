"""The stock grid model: a view over StockGrid's arrays plus the clerk's staged edits.

No item per cell: `data()` reads the arrays through `_rows` (view row → grid row), which the
filter and the sort rebuild. Staged edits are keyed by (grid row, warehouse column) so they
survive filtering and sorting, and they only change through the undo stack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QUndoCommand, QUndoStack

from jdstock_desktop.services.stock_grid import (
    MISSING,
    CellNow,
    GridFilter,
    SortField,
    StockGrid,
)
from jdstock_desktop.ui.stock.tsv import QuantityError, parse_quantity
from jdstock_desktop.ui.widgets.rows_model import vertical_header

Index = QModelIndex | QPersistentModelIndex
Key = tuple[int, int]  # (grid row, warehouse column)
_ROOT = QModelIndex()

FIXED = 4  # 商品编码, 商品名称, 三级类目, 上柜状态
TOTALS = 3  # 现货合计, 预占合计, 可用合计
_FIXED_SORT = (SortField.CODE, SortField.NAME, SortField.CATEGORY, SortField.LISTED)
_TOTAL_SORT = (SortField.ON_HAND_TOTAL, SortField.RESERVED_TOTAL, SortField.AVAILABLE_TOTAL)

STAGED_BACKGROUND = QColor("#fff3a0")
TOTAL_BACKGROUND = QColor("#f3f5f8")
PAUSED_FOREGROUND = QColor("#8a8f98")
SHORT_FOREGROUND = QColor("#c0392b")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_STYLE_ROLES = frozenset((_ALIGNMENT, _BACKGROUND, _FOREGROUND, _FONT, _TOOLTIP))


class StagingRefused(Exception):
    """An edit that cannot be staged; the message is shown to the clerk, nothing was staged."""


@dataclass(frozen=True, slots=True)
class StagedChange:
    row: int
    w: int
    sku: str
    name: str
    warehouse: str
    old: int | None  # None: the pair has no stock row yet
    new: int
    version: int  # as read; 0 for a missing pair (the writer expects that for a new pair)


class _StageCommand(QUndoCommand):
    """One clerk action (a typed cell, a paste, a fill-down) as one undo step."""

    def __init__(
        self, model: StockGridModel, changes: Mapping[Key, tuple[int | None, int | None]], text: str
    ) -> None:
        super().__init__(text)
        self._model = model
        self._changes = dict(changes)

    def redo(self) -> None:
        self._model._apply({k: after for k, (_, after) in self._changes.items()})

    def undo(self) -> None:
        self._model._apply({k: before for k, (before, _) in self._changes.items()})


class StockGridModel(QAbstractTableModel):
    refused = Signal(str)  # a typed value was refused (shown in the status bar)
    staged_count_changed = Signal(int)

    def __init__(self, grid: StockGrid, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._grid = grid
        self._filter = GridFilter()
        self._sort: tuple[int, bool] = (0, False)  # (column, descending)
        self._order: list[int] = list(range(grid.row_count))
        self._rows: list[int] = self._order
        self._view_row: dict[int, int] | None = None  # grid row → view row, built on demand
        self._staged: dict[Key, int] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._listing_text = (self.tr("下柜"), self.tr("上柜"))  # by Product.listed

    # -- shape ----------------------------------------------------------------------------------
    @property
    def grid(self) -> StockGrid:
        return self._grid

    @property
    def warehouse_count(self) -> int:
        return len(self._grid.warehouses)

    def warehouse_of(self, column: int) -> int | None:
        """The warehouse index of a column, None for the other columns."""
        w = column - FIXED
        return w if 0 <= w < self.warehouse_count else None

    def column_of(self, w: int) -> int:
        return FIXED + w

    def grid_row(self, view_row: int) -> int:
        return self._rows[view_row]

    def view_row(self, grid_row: int) -> int | None:
        if self._view_row is None:
            self._view_row = {r: i for i, r in enumerate(self._rows)}
        return self._view_row.get(grid_row)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else FIXED + self.warehouse_count + TOTALS

    # -- values ---------------------------------------------------------------------------------
    def committed(self, row: int, w: int) -> int | None:
        value = self._grid.on_hand[w][row]
        return None if value == MISSING else value

    def current(self, row: int, w: int) -> int | None:
        """The staged value, else the committed one (None: no stock row and nothing staged)."""
        staged = self._staged.get((row, w))
        return staged if staged is not None else self.committed(row, w)

    def is_staged(self, row: int, w: int) -> bool:
        return (row, w) in self._staged

    def _totals(self, row: int) -> tuple[int, int, int]:
        grid = self._grid
        on_hand = reserved = available = 0
        for w, wh in enumerate(grid.warehouses):
            qty = self.current(row, w)
            if qty is None:
                continue
            res = grid.reserved[w][row]
            on_hand += qty
            reserved += res
            if not wh.paused:  # paused stock is not sellable (SPEC §3)
                available += qty - res
        return on_hand, reserved, available

    def display_text(self, view_row: int, column: int) -> str:
        row = self._rows[view_row]
        grid = self._grid
        if column < FIXED:
            if column == 0:
                return grid.codes[row]
            if column == 1:
                return grid.names[row]
            if column == 2:
                return grid.categories[row]
            return self._listing_text[grid.listed[row]]
        w = column - FIXED
        if w < len(grid.warehouses):
            staged = self._staged.get((row, w))
            if staged is not None:
                return str(staged)
            qty = grid.on_hand[w][row]
            return "" if qty == MISSING else str(qty)
        return str(self._totals(row)[w - len(grid.warehouses)])

    # data() runs for every role of every visible cell on each repaint (~2,000 calls for a
    # screenful), so it answers the roles it ignores first and touches no enum per call.
    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if role in (_DISPLAY, _EDIT):
            return self.display_text(index.row(), index.column()) if index.isValid() else None
        if role not in _STYLE_ROLES or not index.isValid():
            return None
        column = index.column()
        if column < FIXED:
            # A long name may be cut to fit the window: the tooltip shows all of it.
            if role == _TOOLTIP and column == 1:
                return self._grid.names[self._rows[index.row()]]
            return None
        if role == _ALIGNMENT:
            return _RIGHT
        row = self._rows[index.row()]
        w = column - FIXED
        if w >= len(self._grid.warehouses):  # a totals column
            if role == _BACKGROUND:
                return TOTAL_BACKGROUND
            if role == _FOREGROUND and column == self.columnCount() - 1:
                return SHORT_FOREGROUND if self._totals(row)[2] <= 0 else None
            return None
        if role == _BACKGROUND:
            return STAGED_BACKGROUND if (row, w) in self._staged else None
        if role == _FONT:
            return self._bold if (row, w) in self._staged else None
        if role == _FOREGROUND:
            return PAUSED_FOREGROUND if self._grid.warehouses[w].paused else None
        return self._cell_tip(row, w)  # the tooltip role

    def _cell_tip(self, row: int, w: int) -> str:
        old = self.committed(row, w)
        reserved = self._grid.reserved[w][row]
        if old is None:
            tip = self.tr("尚无库存记录；输入数量即建立")
        else:
            tip = self.tr("现货 %1 · 预占 %2 · 可用 %3").replace("%1", str(old))
            tip = tip.replace("%2", str(reserved)).replace("%3", str(old - reserved))
        if (row, w) in self._staged:
            before = "—" if old is None else str(old)
            tip += "\n" + self.tr("待提交：%1 → %2").replace("%1", before)
            tip = tip.replace("%2", str(self._staged[(row, w)]))
        return tip

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return vertical_header(section, role)
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return Qt.SortOrder.AscendingOrder  # a newly clicked column always starts ascending
        w = self.warehouse_of(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section < FIXED:
                return (
                    self.tr("商品编码"),
                    self.tr("商品名称"),
                    self.tr("三级类目"),
                    self.tr("上柜状态"),
                )[section]
            if w is not None:
                wh = self._grid.warehouses[w]
                return wh.name + self.tr("（暂停）") if wh.paused else wh.name
            totals = (self.tr("现货合计"), self.tr("预占合计"), self.tr("可用合计"))
            return totals[section - FIXED - self.warehouse_count]
        if role == Qt.ItemDataRole.ToolTipRole:
            if w is not None:
                if self._grid.warehouses[w].paused:
                    return self.tr("暂停的仓库：库存保留，但不可售，不计入可用合计")
                return self.tr("现货库存；直接输入或粘贴即可修改，提交后生效")
            if section >= FIXED + self.warehouse_count:
                return self.tr("可用合计 = 启用仓库的（现货 − 预占）之和；暂停仓库不计入")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.warehouse_of(index.column()) is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        w = self.warehouse_of(index.column())
        if w is None:
            return False
        row = self._rows[index.row()]
        try:
            qty = parse_quantity(str(value))
            if qty is None:  # an emptied cell means "no change", as in a pasted blank
                return False
            self.stage([(row, w, qty)], self.tr("修改 %1").replace("%1", self._where(row, w)))
        except QuantityError as e:
            self.refused.emit(f"{self._where(row, w)}：{e}")
            return False
        except StagingRefused as e:
            self.refused.emit(str(e))
            return False
        return True

    def _where(self, row: int, w: int) -> str:
        return f"{self._grid.codes[row]} @ {self._grid.warehouses[w].name}"

    # -- staging --------------------------------------------------------------------------------
    def stage(self, cells: Iterable[tuple[int, int, int]], text: str) -> int:
        """Stage (grid row, warehouse, quantity) cells as one undo step; all or nothing.

        Returns how many cells changed state. A value equal to the committed one unstages the
        cell; on a pair with no stock row any value (0 too) is staged, since it creates the pair.
        """
        grid = self._grid
        changes: dict[Key, tuple[int | None, int | None]] = {}
        for row, w, qty in cells:
            if qty < 0:
                raise StagingRefused(
                    self.tr("%1：库存不能为负数").replace("%1", self._where(row, w))
                )
            reserved = grid.reserved[w][row]
            if qty < reserved:
                raise StagingRefused(
                    self.tr("%1：现货 %2 少于已被订单预占的 %3，请先发货或取消订单")
                    .replace("%1", self._where(row, w))
                    .replace("%2", str(qty))
                    .replace("%3", str(reserved))
                )
            key = (row, w)
            before = changes[key][0] if key in changes else self._staged.get(key)
            after = None if grid.on_hand[w][row] == qty else qty
            changes[key] = (before, after)
        changes = {k: v for k, v in changes.items() if v[0] != v[1]}
        if changes:
            self.undo_stack.push(_StageCommand(self, changes, text))
        return len(changes)

    def _apply(self, values: Mapping[Key, int | None]) -> None:
        for key, value in values.items():
            if value is None:
                self._staged.pop(key, None)
            else:
                self._staged[key] = value
        self._emit_rows_changed({row for row, _ in values})
        self.staged_count_changed.emit(len(self._staged))

    def _emit_rows_changed(self, grid_rows: Iterable[int]) -> None:
        first = FIXED
        last = self.columnCount() - 1  # the totals move with the warehouse cells
        for grid_row in grid_rows:
            view_row = self.view_row(grid_row)
            if view_row is not None:
                self.dataChanged.emit(self.index(view_row, first), self.index(view_row, last))

    @property
    def staged_count(self) -> int:
        return len(self._staged)

    def staged_changes(self) -> list[StagedChange]:
        grid = self._grid
        out = [
            StagedChange(
                row=row,
                w=w,
                sku=grid.codes[row],
                name=grid.names[row],
                warehouse=grid.warehouses[w].name,
                old=self.committed(row, w),
                new=new,
                version=grid.versions[w][row],
            )
            for (row, w), new in self._staged.items()
        ]
        out.sort(key=lambda c: (c.row, c.w))  # grid rows are in code order
        return out

    def discard(self) -> None:
        rows = {row for row, _ in self._staged}
        self._staged.clear()
        self.undo_stack.clear()
        self._emit_rows_changed(rows)
        self.staged_count_changed.emit(0)

    def mark_committed(self, changes: Iterable[StagedChange]) -> None:
        """The submission succeeded: the staged values are now the book's, one version on."""
        rows = set()
        for c in changes:
            if c.old is None:
                version = 1  # the writer inserts a new pair at version 1
            elif c.old == c.new:
                version = c.version  # set_on_hand writes nothing for an unchanged quantity
            else:
                version = c.version + 1
            self._grid.set_cell(c.row, c.w, c.new, self._grid.reserved[c.w][c.row], version)
            self._staged.pop((c.row, c.w), None)
            rows.add(c.row)
        self.undo_stack.clear()
        self._emit_rows_changed(rows)
        self.staged_count_changed.emit(len(self._staged))

    def rebase(self, current: Mapping[Key, CellNow | None]) -> None:
        """After a conflict: take the book's current quantities for these cells; the staged
        values stay, so the next confirmation shows current → staged."""
        for (row, w), now in current.items():
            if now is None:
                self._grid.set_cell(row, w, MISSING, 0, 0)
            else:
                self._grid.set_cell(row, w, now.on_hand, now.reserved, now.version)
        self._emit_rows_changed({row for row, _ in current})

    # -- filter and sort ------------------------------------------------------------------------
    @property
    def filter(self) -> GridFilter:
        return self._filter

    def set_filter(self, f: GridFilter) -> None:
        """Filters the committed quantities, so rows do not vanish while the clerk types."""
        self.beginResetModel()
        self._filter = f
        self._rows = self._grid.filter_rows(self._order, f)
        self._view_row = None
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == self._sort:
            return
        self.beginResetModel()
        self._sort = (column, descending)
        self._order = self._sorted_order()
        self._rows = self._grid.filter_rows(self._order, self._filter)
        self._view_row = None
        self.endResetModel()

    def _sorted_order(self) -> list[int]:
        column, descending = self._sort
        grid = self._grid
        if column == 0 and not descending:
            return list(range(grid.row_count))  # the grid is loaded in code order
        w = self.warehouse_of(column)
        if column < FIXED:
            return grid.sort_order(_FIXED_SORT[column], descending=descending)
        if w is not None:
            return grid.sort_order(SortField.WAREHOUSE, warehouse=w, descending=descending)
        by = _TOTAL_SORT[column - FIXED - self.warehouse_count]
        return grid.sort_order(by, descending=descending)

    def set_grid(self, grid: StockGrid) -> None:
        """A freshly loaded grid; the filter and sort stay, staged edits are dropped."""
        self.beginResetModel()
        self._grid = grid
        self._staged.clear()
        self.undo_stack.clear()
        if self._sort[0] >= self.columnCount():
            self._sort = (0, False)
        self._order = self._sorted_order()
        self._rows = grid.filter_rows(self._order, self._filter)
        self._view_row = None
        self.endResetModel()
        self.staged_count_changed.emit(0)
