"""The 库存 page: the SKU × warehouse grid, filters, staged edits and their submission."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.errors import Conflict, JdStockError
from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.services.stock_grid import (
    GridFilter,
    StockAlert,
    StockGrid,
    load_stock_grid,
    read_cells,
)
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.stock.history import CellHistoryDialog
from jdstock_desktop.ui.stock.model import StagedChange, StagingRefused, StockGridModel
from jdstock_desktop.ui.stock.tsv import QuantityError, format_tsv, parse_quantity, parse_tsv
from jdstock_desktop.ui.stock.view import StockTableView
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.page import Page

# The choices of the listing and alert boxes, by index.
LISTING_CHOICES: tuple[bool | None, ...] = (None, True, False)
ALERT_CHOICES = (StockAlert.ANY, StockAlert.OUT_OF_STOCK, StockAlert.NO_STOCK)
MAX_CONFLICT_LINES = 20


class StockPage(Page):
    title = "库存"

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(book, parent)
        self.model = StockGridModel(StockGrid.empty(), self)
        self.history_dialog: CellHistoryDialog | None = None
        self._column_count = -1
        self._name_width = (160, 320)  # (least, wanted) px of the 商品名称 column
        self._build_filters()
        self._build_actions()
        self.view = StockTableView(self)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSectionsMovable(False)
        self.view.setSortingEnabled(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.history_requested.connect(self.show_history)
        self.model.refused.connect(self.status_message)
        self.model.staged_count_changed.connect(self._staged_count_changed)

        hint = QLabel(
            self.tr(
                "直接输入数字或从 Excel 粘贴（Ctrl+V）修改现货库存；修改以黄色标出，"
                "提交（Ctrl+S）后才写入账本。双击单元格查看库存流水。"
            )
        )
        hint.setStyleSheet("color: #6b7280;")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.toolbar)
        layout.addLayout(self._filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self._staged_count_changed(0)

    # -- building -------------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索商品编码或名称（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.category_box = QComboBox()
        self.category_box.setMinimumContentsLength(6)
        self.category_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # The boxes' choices live in Python lists, by index: PySide6 6.12 drops a reference
        # to None each time currentData() meets an item without data, and crashes later.
        self._categories: list[str | None] = [None]  # None = every category
        self.category_box.addItem(self.tr("全部类目"))
        self.listing_box = QComboBox()
        self.listing_box.addItems([self.tr("全部上柜状态"), self.tr("上柜"), self.tr("下柜")])
        self.alert_box = QComboBox()
        self.alert_box.addItems([self.tr("全部库存"), self.tr("无货"), self.tr("未设库存")])
        self.alert_box.setToolTip(
            self.tr("无货：在某个启用的仓库可用库存 ≤ 0；未设库存：任何仓库都还没有库存记录")
        )
        self.count_label = QLabel()
        self.staged_label = QLabel()
        for label in (self.count_label, self.staged_label):  # never widen the window
            label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(0)
        self.staged_label.setStyleSheet("color: #b45309; font-weight: bold;")

        row = QHBoxLayout()
        row.addWidget(self.search, 2)
        row.addWidget(QLabel(self.tr("类目")))
        row.addWidget(self.category_box, 1)
        row.addWidget(self.listing_box)
        row.addWidget(self.alert_box)
        row.addStretch(1)
        row.addWidget(self.staged_label)
        row.addSpacing(12)
        row.addWidget(self.count_label)
        self._filters = row

        self.search.textChanged.connect(self.apply_filter)
        for box in (self.category_box, self.listing_box, self.alert_box):
            box.currentIndexChanged.connect(self.apply_filter)

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.submit_action = self._action(self.tr("提交库存变更"), self.submit, "Ctrl+S")
        self.discard_action = self._action(self.tr("放弃修改"), self.discard)
        # Own actions, not createUndoAction(): its text grows with each command's description
        # and would make the toolbar jump; the description goes in the tooltip instead.
        stack = self.model.undo_stack
        self.undo_action = self._action(self.tr("撤销"), stack.undo, std.Undo)
        self.redo_action = self._action(self.tr("重做"), stack.redo, "Ctrl+Y", "Ctrl+Shift+Z")
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(
            lambda text: self.undo_action.setToolTip(self.tr("撤销：") + text + " (Ctrl+Z)")
        )
        stack.redoTextChanged.connect(
            lambda text: self.redo_action.setToolTip(self.tr("重做：") + text + " (Ctrl+Y)")
        )
        self.copy_action = self._action(self.tr("复制"), self.copy, std.Copy)
        self.paste_action = self._action(self.tr("粘贴"), self.paste, std.Paste)
        self.fill_down_action = self._action(self.tr("向下填充"), self.fill_down, "Ctrl+D")
        self.history_action = self._action(self.tr("库存流水"), self.show_history)
        self.refresh_action = self._action(self.tr("刷新"), self.reload, std.Refresh, "F5")
        self.find_action = self._action(self.tr("查找"), self._focus_search, std.Find)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.submit_action, self.discard_action, None):
            self._add_tool(action)
        for action in (self.undo_action, self.redo_action, None, self.paste_action):
            self._add_tool(action)
        for action in (self.fill_down_action, None, self.history_action, self.refresh_action):
            self._add_tool(action)

    def _add_tool(self, action: QAction | None) -> None:
        if action is None:
            self.toolbar.addSeparator()
        else:
            self.toolbar.addAction(action)

    # -- loading and filtering ------------------------------------------------------------------
    def refresh(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            grid = load_stock_grid(self.book)
        finally:
            QApplication.restoreOverrideCursor()
        self.model.set_grid(grid)
        self._fill_categories(grid)
        if self.model.columnCount() != self._column_count:
            self._column_count = self.model.columnCount()
            self._size_columns()
        self._update_count()

    def reload(self) -> None:
        """F5: staged edits would be lost, so ask first."""
        if self.can_leave():
            self.refresh()

    def _fill_categories(self, grid: StockGrid) -> None:
        box = self.category_box
        chosen = self._categories[max(box.currentIndex(), 0)]
        self._categories = [None, *grid.categories_in_use()]
        if "" in grid.categories:
            self._categories.append("")
        box.blockSignals(True)
        box.clear()
        box.addItems(
            [self.tr("全部类目"), *(c or self.tr("（未填类目）") for c in self._categories[1:])]
        )
        at = self._categories.index(chosen) if chosen in self._categories else -1
        box.setCurrentIndex(max(at, 0))
        box.blockSignals(False)
        if at < 0:  # the chosen category is gone: show everything again
            self.apply_filter()

    def _size_columns(self) -> None:
        """Fit the columns to a sample of rows (never ResizeToContents: 100,000 rows); the
        name column then takes what the window has left, so the totals stay in view."""
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        grid = self.model.grid
        sample = range(min(grid.row_count, 2000))
        texts = (grid.codes, grid.names, grid.categories)
        limits = ((80, 160), (160, 320), (72, 130))  # (min, max) px of code, name, category
        self._name_width = limits[1]
        for column in range(self.model.columnCount()):
            head = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = metrics.horizontalAdvance(head) + 24
            if column < len(texts):
                low, high = limits[column]
                widest = max(
                    (metrics.horizontalAdvance(texts[column][r]) for r in sample), default=0
                )
                width = min(max(width, widest + 16, low), high)
                if column == 1:
                    self._name_width = (low, width)
            else:
                width = max(width, 64)
            header.resizeSection(column, width)
        self._fit_name_column()

    def _fit_name_column(self) -> None:
        low, wanted = self._name_width
        header = self.view.horizontalHeader()
        others = header.length() - header.sectionSize(1)
        # From the view's outer width: right after a reload the viewport has not yet made room
        # for the row numbers and the scroll bar (that happens in a later layout pass).
        view = self.view
        room = (
            view.width()
            - 2 * view.frameWidth()
            - view.verticalHeader().sizeHint().width()
            - view.verticalScrollBar().sizeHint().width()
            - others
        )
        header.resizeSection(1, max(low, min(wanted, room)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._column_count > 0:
            self._fit_name_column()

    def current_filter(self) -> GridFilter:
        return GridFilter(
            text=self.search.text(),
            category=self._categories[max(self.category_box.currentIndex(), 0)],
            listed=LISTING_CHOICES[max(self.listing_box.currentIndex(), 0)],
            alert=ALERT_CHOICES[max(self.alert_box.currentIndex(), 0)],
        )

    def apply_filter(self) -> None:
        current = self.view.currentIndex()
        keep = (self.model.grid_row(current.row()), current.column()) if current.isValid() else None
        self.model.set_filter(self.current_filter())
        if keep is not None:
            view_row = self.model.view_row(keep[0])
            if view_row is not None:
                self.view.setCurrentIndex(self.model.index(view_row, keep[1]))
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("显示 %1 / %2 个商品")
            .replace("%1", f"{self.model.rowCount():,}")
            .replace("%2", f"{self.model.grid.row_count:,}")
        )

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _staged_count_changed(self, count: int) -> None:
        self.submit_action.setEnabled(count > 0)
        self.discard_action.setEnabled(count > 0)
        self.submit_action.setText(
            self.tr("提交库存变更（%1）").replace("%1", str(count))
            if count
            else self.tr("提交库存变更")
        )
        self.staged_label.setText(
            self.tr("待提交 %1 处修改").replace("%1", str(count)) if count else ""
        )

    # -- clipboard and fill down ----------------------------------------------------------------
    def _selection_cells(
        self,
    ) -> tuple[list[tuple[int, int, int, int]], set[tuple[int, int]] | None]:
        """Selected ranges as (top, left, bottom, right); the current cell when none."""
        ranges = [
            (r.top(), r.left(), r.bottom(), r.right())
            # QItemSelection iterates at run time; PySide6's stubs do not say so.
            for r in self.view.selectionModel().selection()  # type: ignore[attr-defined]
        ]
        if not ranges:
            current = self.view.currentIndex()
            if not current.isValid():
                return [], None
            ranges = [(current.row(), current.column(), current.row(), current.column())]
        if len(ranges) == 1:
            return ranges, None  # one rectangle: every cell inside is selected
        cells = {
            (row, col)
            for top, left, bottom, right in ranges
            for row in range(top, bottom + 1)
            for col in range(left, right + 1)
        }
        return ranges, cells

    def copy(self) -> None:
        ranges, cells = self._selection_cells()
        if not ranges:
            return
        top = min(r[0] for r in ranges)
        left = min(r[1] for r in ranges)
        bottom = max(r[2] for r in ranges)
        right = max(r[3] for r in ranges)
        text = self.model.display_text
        rows = [
            [
                text(row, col) if cells is None or (row, col) in cells else ""
                for col in range(left, right + 1)
            ]
            for row in range(top, bottom + 1)
        ]
        QGuiApplication.clipboard().setText(format_tsv(rows))
        count = (bottom - top + 1) * (right - left + 1) if cells is None else len(cells)
        self.status_message.emit(self.tr("已复制 %1 个单元格").replace("%1", str(count)))

    def paste(self) -> None:
        block = parse_tsv(QGuiApplication.clipboard().text())
        current = self.view.currentIndex()
        if not block:
            self.status_message.emit(self.tr("剪贴板中没有可粘贴的内容"))
            return
        if not current.isValid():
            self.status_message.emit(self.tr("请先选中要粘贴到的起始单元格"))
            return
        try:
            if len(block) == 1 and len(block[0]) == 1 and self._has_multi_selection():
                cells, area = self._fill_selection_with(block[0][0])
            else:
                cells, area = self._block_cells(block, current.row(), current.column())
            count = self.model.stage(
                cells, self.tr("粘贴 %1 个单元格").replace("%1", str(len(cells)))
            )
        except StagingRefused as e:
            self.status_message.emit(str(e))
            return
        self._select(*area)
        self.status_message.emit(
            self.tr("已暂存 %1 处修改（粘贴），提交后写入账本").replace("%1", str(count))
        )

    def _has_multi_selection(self) -> bool:
        ranges, cells = self._selection_cells()
        if cells is not None:
            return len(cells) > 1
        return bool(ranges) and (ranges[0][0] != ranges[0][2] or ranges[0][1] != ranges[0][3])

    def _quantity(self, text: str, view_row: int, column: int) -> int | None:
        try:
            return parse_quantity(text)
        except QuantityError as e:
            where = self._where(view_row, column)
            raise StagingRefused(
                self.tr("%1：%2，未粘贴任何内容").replace("%1", where).replace("%2", str(e))
            ) from e

    def _where(self, view_row: int, column: int) -> str:
        return (
            f"{self.model.display_text(view_row, 0)} @ "
            f"{self.model.headerData(column, Qt.Orientation.Horizontal)}"
        )

    def _block_cells(
        self, block: list[list[str]], top: int, left: int
    ) -> tuple[list[tuple[int, int, int]], tuple[int, int, int, int]]:
        """A copied Excel block pasted with its top-left corner on the current cell."""
        height, width = len(block), max(len(r) for r in block)
        model = self.model
        if top + height > model.rowCount():
            raise StagingRefused(
                self.tr("粘贴区域有 %1 行，但从当前行往下只有 %2 行，未粘贴任何内容")
                .replace("%1", str(height))
                .replace("%2", str(model.rowCount() - top))
            )
        if any(model.warehouse_of(left + j) is None for j in range(width)):
            raise StagingRefused(
                self.tr("粘贴区域有 %1 列，只能粘贴到仓库列，未粘贴任何内容").replace(
                    "%1", str(width)
                )
            )
        cells = []
        for i, values in enumerate(block):
            for j, text in enumerate(values):
                qty = self._quantity(text, top + i, left + j)
                w = model.warehouse_of(left + j)
                if qty is not None and w is not None:
                    cells.append((model.grid_row(top + i), w, qty))
        return cells, (top, left, top + height - 1, left + width - 1)

    def _fill_selection_with(
        self, text: str
    ) -> tuple[list[tuple[int, int, int]], tuple[int, int, int, int]]:
        """One copied value pasted over a selection fills every selected warehouse cell."""
        ranges, _ = self._selection_cells()
        cells = []
        for top, left, bottom, right in ranges:
            for col in range(left, right + 1):
                w = self.model.warehouse_of(col)
                if w is None:
                    continue
                for row in range(top, bottom + 1):
                    qty = self._quantity(text, row, col)
                    if qty is not None:
                        cells.append((self.model.grid_row(row), w, qty))
        if not cells:
            raise StagingRefused(self.tr("选中的区域没有仓库列，未粘贴任何内容"))
        top, left, bottom, right = ranges[0]
        return cells, (top, left, bottom, right)

    def fill_down(self) -> None:
        """Ctrl+D as in Excel: the top cell of each selected column fills the cells below it;
        with a single row selected, the cell above fills it."""
        ranges, _ = self._selection_cells()
        model = self.model
        cells: list[tuple[int, int, int]] = []
        for top, left, bottom, right in ranges:
            source = top - 1 if top == bottom else top
            if source < 0:
                continue
            for col in range(left, right + 1):
                w = model.warehouse_of(col)
                value = None if w is None else model.current(model.grid_row(source), w)
                if w is None or value is None:
                    continue
                cells.extend((model.grid_row(r), w, value) for r in range(source + 1, bottom + 1))
        if not cells:
            self.status_message.emit(self.tr("请选中一列仓库单元格（首格为要填充的数量）"))
            return
        try:
            count = model.stage(
                cells, self.tr("向下填充 %1 个单元格").replace("%1", str(len(cells)))
            )
        except StagingRefused as e:
            self.status_message.emit(str(e))
            return
        self.status_message.emit(self.tr("已暂存 %1 处修改（向下填充）").replace("%1", str(count)))

    def _select(self, top: int, left: int, bottom: int, right: int) -> None:
        model = self.model
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().select(selection, flags)

    # -- history --------------------------------------------------------------------------------
    def show_history(self, index: QModelIndex | None = None) -> None:
        if not isinstance(index, QModelIndex) or not index.isValid():
            index = self.view.currentIndex()
        if not index.isValid():
            self.status_message.emit(self.tr("请先选中一个商品"))
            return
        grid = self.model.grid
        row = self.model.grid_row(index.row())
        w = self.model.warehouse_of(index.column())
        if w is None:  # a code or name cell: the first warehouse that holds the SKU
            w = next((i for i in range(len(grid.warehouses)) if grid.exists(row, i)), 0)
        if not grid.warehouses:
            return
        dialog = CellHistoryDialog(
            self.book,
            grid.codes[row],
            grid.names[row],
            [wh.name for wh in grid.warehouses],
            grid.warehouses[w].name,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._history_closed)
        self.history_dialog = dialog
        dialog.show()

    def _history_closed(self) -> None:
        self.history_dialog = None

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.history_action)
        menu.addSeparator()
        for action in (self.copy_action, self.paste_action, self.fill_down_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # -- submitting -----------------------------------------------------------------------------
    def confirm_changes(self, changes: list[StagedChange]) -> bool:
        rows = [
            (
                c.sku,
                c.name,
                c.warehouse,
                "—" if c.old is None else c.old,
                c.new,
                f"{c.new - (c.old or 0):+d}",
            )
            for c in changes
        ]
        dialog = dialogs.ConfirmTableDialog(
            self.tr("提交库存变更"),
            self.tr("将以下 %1 处库存修改写入账本。一次提交：全部成功，或全部不写入。").replace(
                "%1", str(len(changes))
            ),
            [
                self.tr("商品编码"),
                self.tr("商品名称"),
                self.tr("仓库"),
                self.tr("原现货"),
                self.tr("新现货"),
                self.tr("变动"),
            ],
            rows,
            accept_text=self.tr("提交"),
            parent=self,
        )
        return dialog.exec() == QDialog.DialogCode.Accepted

    def submit(self) -> bool:
        """提交库存变更: confirm, then one transaction with the versions the clerk saw."""
        self.view.commit_open_editor()
        changes = self.model.staged_changes()
        if not changes:
            self.status_message.emit(self.tr("没有待提交的库存修改"))
            return True
        if not self.confirm_changes(changes):
            return False
        edits = [StockEdit(c.sku, c.warehouse, c.new, expected_version=c.version) for c in changes]
        try:
            written = submit_stock_changes(self.book, edits)
        except Conflict as e:
            self._show_conflict(changes, e)
            return False
        except JdStockError as e:
            dialogs.show_error(
                self,
                self.tr("提交失败"),
                str(e) + "\n\n" + self.tr("本次提交没有写入任何数据，您的修改仍然保留。"),
            )
            return False
        self.model.mark_committed(changes)
        self.status_message.emit(
            self.tr("已提交 %1 处库存修改，写入 %2 行库存流水")
            .replace("%1", str(len(changes)))
            .replace("%2", str(written))
        )
        self.book_changed.emit()
        return True

    def _show_conflict(self, changes: list[StagedChange], error: Conflict) -> None:
        grid = self.model.grid
        by_pair = {(grid.product_ids[c.row], grid.warehouses[c.w].id): c for c in changes}
        now = read_cells(self.book, by_pair)
        stale = [(c, now.get(pair)) for pair, c in by_pair.items()]
        stale = [(c, cell) for c, cell in stale if (cell.version if cell else 0) != c.version]
        self.model.rebase({(c.row, c.w): cell for c, cell in stale})
        none = self.tr("无记录")
        lines = [
            self.tr("%1 @ %2：当前现货 %3（您修改时为 %4），您要改为 %5")
            .replace("%1", c.sku)
            .replace("%2", c.warehouse)
            .replace("%3", none if cell is None else str(cell.on_hand))
            .replace("%4", none if c.old is None else str(c.old))
            .replace("%5", str(c.new))
            for c, cell in stale[:MAX_CONFLICT_LINES]
        ]
        if len(stale) > MAX_CONFLICT_LINES:
            lines.append(
                self.tr("……另有 %1 处").replace("%1", str(len(stale) - MAX_CONFLICT_LINES))
            )
        head = (
            self.tr("以下库存在您修改期间已被他人改动，本次提交没有写入任何数据：")
            if lines
            else str(error)
        )
        tail = self.tr("您的修改仍然保留（黄色）。表格已显示当前数量，核对后可再次提交（Ctrl+S）。")
        dialogs.show_error(self, self.tr("库存已被他人修改"), "\n".join([head, *lines, "", tail]))
        self.status_message.emit(self.tr("提交未完成：库存已被他人修改"))

    # -- leaving --------------------------------------------------------------------------------
    def has_unsaved_edits(self) -> bool:
        """Staged cells, or a cell being typed in."""
        editing = self.view.state() == QAbstractItemView.State.EditingState
        return bool(self.model.staged_count) or editing

    def can_leave(self) -> bool:
        self.view.commit_open_editor()
        count = self.model.staged_count
        if not count:
            return True
        choice = dialogs.ask_unsaved_changes(self, count)
        if choice is dialogs.UnsavedChoice.SUBMIT:
            return self.submit()
        if choice is dialogs.UnsavedChoice.DISCARD:
            self.model.discard()
            return True
        return False

    def discard(self) -> None:
        count = self.model.staged_count
        self.model.discard()
        if count:
            self.status_message.emit(self.tr("已放弃 %1 处未提交的修改").replace("%1", str(count)))
